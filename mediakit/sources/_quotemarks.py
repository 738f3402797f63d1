"""Find quotation-mark spans in a paragraph (private; see mediakit.sources.quotes).

A small state machine over the characters of one paragraph. Rules:

* double family: ``“ ” „ ‟`` and straight ``"``; single family: ``‘ ’`` and
  straight ``'``; guillemets ``« »`` (and ``‹ ›``), and reversed ``» «`` as in
  German (a ``»`` opens only where an opening mark fits: after a space or at
  the start, before text);
* the first opener at the outer level starts a quote; openers of another kind
  inside it are *nested* (tracked on a stack, so ``‘…’`` inside ``“…”`` does
  not end the outer quote); the outer quote is what is reported;
* ``’`` and ``'`` between two letters or digits are apostrophes
  (``don’t``, ``Korea’s``), never marks; ``‘`` before a digit is an elision
  (``‘90s``); a ``’`` after a letter inside a double quote is an apostrophe
  (``the leaders’ summit``);
* straight ``"`` toggles; a ``“`` that follows a non-space and precedes a
  space or the end closes a double quote (mixed or German-style marks);
* a quote still open at the end of the paragraph ends there (``closed=False``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„‟"
SINGLE_OPEN = "‘‚"
GUIL = {"«": "»", "‹": "›"}
GUIL_REVERSED = {"»": "«", "›": "‹"}  # German and Danish style: »Ja«
_GUIL_CLOSE = {**GUIL, **GUIL_REVERSED}
ALL_MARKS = "“”„‟\"‘’‚'«»‹›"
_OPEN_BEFORE = " \t\n([{—–-/:;"
_MARK = re.compile("[" + re.escape(ALL_MARKS) + "]")  # the scan visits only these characters


@dataclass
class Span:
    """One outer quote: mark positions; ``close`` is the closing mark index."""

    open: int
    content_start: int
    content_end: int
    closed: bool
    family: str


def _prev(text: str, i: int, lo: int) -> str:
    return text[i - 1] if i > lo else ""


def _next(text: str, i: int, hi: int) -> str:
    return text[i + 1] if i + 1 < hi else ""


def _opener_like(prev: str, nxt: str) -> bool:
    return (prev == "" or prev in _OPEN_BEFORE or prev in ALL_MARKS) and nxt not in ("", " ", "\n")


def _closer_like(prev: str, nxt: str) -> bool:
    return prev not in ("", " ", "\n", "\t") and (nxt == "" or not nxt.isalnum())


def scan(text: str, lo: int, hi: int) -> list[Span]:
    """Outer quote spans in ``text[lo:hi]`` (one paragraph)."""
    spans: list[Span] = []
    outer: tuple[str, int, str] | None = None  # family, index, opening char
    stack: list[str] = []
    for mark in _MARK.finditer(text, lo, hi):
        i = mark.start()
        c = text[i]
        prev, nxt = _prev(text, i, lo), _next(text, i, hi)
        if c in "’'" and prev.isalnum() and nxt.isalnum():
            continue  # apostrophe
        if outer is None:
            fam = None
            if c in DOUBLE_OPEN or c == '"':
                fam = "double" if _opener_like(prev, nxt) or c in DOUBLE_OPEN else None
            elif c == "”" and _opener_like(prev, nxt):
                fam = "double"  # Swedish/Finnish ”…” or a misplaced mark
            elif c in SINGLE_OPEN and not nxt.isdigit() and _opener_like(prev, nxt):
                fam = "single"
            elif c == "'" and _opener_like(prev, nxt) and nxt.isalpha():
                fam = "single" if _has_single_closer(text, i + 1, hi, "'") else None
            elif c in GUIL:
                fam = "guil"
            elif c in GUIL_REVERSED and _opener_like(prev, nxt):
                fam = "guil"
            if fam is not None and nxt != "":
                outer = (fam, i, c)
                stack = []
            continue
        fam, start, opener = outer
        closes = False
        if fam == "double":
            if c in '”“"':
                if stack and stack[-1] == ("straight" if c == '"' else "double"):
                    stack.pop()
                elif c == "”":
                    closes = True
                elif c == '"':
                    if opener == '"' or not _opener_like(prev, nxt):
                        closes = True
                    else:
                        stack.append("straight")
                elif c == "“":
                    if opener == "„" or _closer_like(prev, nxt):
                        closes = True
                    else:
                        stack.append("double")
            elif c in SINGLE_OPEN and _opener_like(prev, nxt):
                stack.append("single")
            elif c in "’'" and stack and stack[-1] == "single":
                stack.pop()
            elif c == "'" and _opener_like(prev, nxt) and nxt.isalpha():
                stack.append("single")
            elif c in GUIL:
                stack.append("guil")
            elif c in "»›" and stack and stack[-1] == "guil":
                stack.pop()
        elif fam == "single":
            if c in "’'":
                if stack and stack[-1] == "single":
                    stack.pop()
                elif _closer_like(prev, nxt) and (c == "’" or opener == "'"):
                    closes = True
            elif c in "“„" or (c == '"' and _opener_like(prev, nxt) and "straight" not in stack):
                stack.append("straight" if c == '"' else "double")
            elif c in '”"' and stack and stack[-1] in ("double", "straight"):
                stack.pop()
            elif c in SINGLE_OPEN and _opener_like(prev, nxt):
                stack.append("single")
        else:  # guillemets
            if c == _GUIL_CLOSE.get(opener):
                if stack and stack[-1] == "guil":
                    stack.pop()
                else:
                    closes = True
            elif c in GUIL:
                stack.append("guil")
        if closes:
            spans.append(Span(start, start + 1, i, True, fam))
            outer = None
            stack = []
    if outer is not None:
        fam, start, _ = outer
        spans.append(Span(start, start + 1, hi, False, fam))
    return spans


def _has_single_closer(text: str, lo: int, hi: int, mark: str) -> bool:
    for j in range(lo, hi):
        if text[j] == mark:
            prev, nxt = text[j - 1], (text[j + 1] if j + 1 < hi else "")
            if not (prev.isalnum() and nxt.isalnum()) and _closer_like(prev, nxt):
                return True
    return False
