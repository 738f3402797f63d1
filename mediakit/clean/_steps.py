"""The per-article engine of :mod:`mediakit.clean`: lines, steps and what they extract.

An article is split into lines (at ``\\n``, ``\\r\\n`` or ``\\r``) that keep their
character offsets into the raw text. The steps of the cleaning (see the module
docstring of :mod:`mediakit.clean`) mark lines, or line prefixes, as removed and
record each removal with its rule, reason, offsets and the field its text went
into. Removed lines also separate paragraphs in the cleaned text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from functools import lru_cache
from typing import Any

import pandas as pd

from mediakit.clean._boilerplate import coarse_key, eligible, ends_like_sentence, normalise
from mediakit.clean._prefilter import first_texts, screen
from mediakit.clean._rules import CleaningRule, agency_name

__all__ = ["LIST_FIELDS", "Doc", "RuleSet", "clean_doc"]

#: Characters stripped from both ends of every line (Unicode whitespace + zero-width marks).
_WS = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u2060\ufeff"
)
#: A prose line has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 8
_NEWLINE = re.compile(r"\r\n|\r|\n")
# A headline may end with ? ! or an ellipsis, but not with a full stop (or : ; ,).
_DECLARATIVE_END = re.compile(r"(?<![.…])\.[\"'”’»)\]]*$|[:;,]$")
_SCALAR_FIELDS = ("title", "dateline", "agency", "byline", "date")
LIST_FIELDS = ("captions", "caption_credits")
# Priority of sources for a scalar field (lower wins): the lead's dateline, then
# line rules (e.g. copyright), then photo credits.
_LEAD, _LINE, _CREDIT = 0, 1, 2


class RuleSet:
    """The effective rules, sorted into the steps that apply them."""

    def __init__(self, rules: tuple[CleaningRule, ...]) -> None:
        line = [r for r in rules if r.kind == "line"]
        self.anywhere = [r for r in line if r.where == "anywhere"]
        self.positional = [r for r in line if r.where in ("head", "tail", "edges")]
        self.lead = [r for r in line if r.where == "lead"]
        self.caption = [r for r in rules if r.kind == "caption"]
        self.headline = [r for r in rules if r.kind == "headline"]
        self.boilerplate = [r for r in rules if r.kind == "boilerplate"]
        self.anywhere_lines = _dispatch(tuple(self.anywhere))
        self.positional_lines = _dispatch(tuple(self.positional))


class Doc:
    """One article split into lines, with what was removed and extracted."""

    __slots__ = (
        "coarse_keys",
        "crumbs",
        "fields",
        "fired",
        "gone",
        "kept",
        "keys",
        "lists",
        "nws",
        "removals",
        "starts",
        "strs",
    )

    def __init__(self, raw: str) -> None:
        self.starts: list[int] = []  # offset of the stripped line in raw
        self.strs: list[str] = []  # stripped line ("" if blank)
        if "\r" in raw:
            segments, pos = [], 0
            for m in _NEWLINE.finditer(raw):
                segments.append((pos, raw[pos : m.start()]))
                pos = m.end()
            segments.append((pos, raw[pos:]))
        else:
            segments, pos = [], 0
            for seg in raw.split("\n"):
                segments.append((pos, seg))
                pos += len(seg) + 1
        starts, strs = self.starts, self.strs
        for pos, seg in segments:
            body = seg.strip(_WS)
            # the body starts at the first non-space character, so find() locates it exactly
            starts.append(pos if body is seg or not body else pos + seg.find(body))
            strs.append(body)
        self.nws = [len(s.split()) for s in self.strs]
        self.kept = [bool(s) for s in self.strs]  # non-blank and not removed
        self.gone = [False] * len(self.strs)  # removed lines: paragraph boundaries
        self.removals: list[tuple[int, int, int, str, CleaningRule, str, str | None]] = []
        self.fields: dict[str, tuple[int, Any]] = {}
        self.lists: dict[str, list[str]] = {"captions": [], "caption_credits": []}
        self.crumbs: set[str] = set()
        self.fired: set[str] = set()  # names of the line rules that removed something
        self.keys: dict[int, str] = {}  # normalise(strs[i]), computed once per line
        self.coarse_keys: dict[int, bytes] = {}  # coarse_key(strs[i]), likewise

    def key(self, i: int) -> str:
        """``normalise(self.strs[i])``: the line's key for matching chrome against chrome."""
        key = self.keys.get(i)
        if key is None:
            key = self.keys[i] = normalise(self.strs[i])
        return key

    def coarse_key(self, i: int) -> bytes:
        """``coarse_key(self.strs[i])``: shared by every line with the same :meth:`key`."""
        key = self.coarse_keys.get(i)
        if key is None:
            key = self.coarse_keys[i] = coarse_key(self.strs[i])
        return key

    def remove(
        self,
        i: int,
        rule: CleaningRule,
        field: str | None,
        reason: str | None = None,
        cut: int = -1,
    ) -> None:
        """Remove line ``i`` (or only its first ``cut`` characters) and audit it."""
        s = self.strs[i]
        rest = s[cut:].lstrip(_WS) if cut >= 0 else ""
        removed = s[: len(s) - len(rest)].rstrip(_WS) if rest else s
        start = self.starts[i]
        self.removals.append(
            (i, start, start + len(removed), removed, rule, reason or rule.description, field)
        )
        if rest:
            self.starts[i] += len(s) - len(rest)
            self.strs[i], self.nws[i] = rest, len(rest.split())
            self.keys.pop(i, None)
            self.coarse_keys.pop(i, None)
        else:
            self.kept[i], self.gone[i] = False, True

    def offer(self, name: str, value: Any, priority: int) -> None:
        """Record a structured value; the first one of the best priority wins."""
        if name in LIST_FIELDS:
            self.lists[name].append(value)
        elif name not in self.fields or priority < self.fields[name][0]:
            self.fields[name] = (priority, value)

    def kept_lines(self) -> list[int]:
        return [i for i, k in enumerate(self.kept) if k]

    def text(self) -> str:
        """Kept lines; blank and removed lines separate paragraphs."""
        paragraphs, current = [], []
        for s, k in zip(self.strs, self.kept, strict=True):
            if k:
                current.append(s)
            elif current:
                paragraphs.append("\n".join(current))
                current = []
        if current:
            paragraphs.append("\n".join(current))
        return "\n\n".join(paragraphs)


class Lookup:
    """Which lines of an article are repeated boilerplate of its group (outlet or corpus).

    ``counts``: the normalised lines (:meth:`Doc.key`) repeated in at least the
    group's threshold of articles, with their article counts; ``coarse``: the
    coarse keys (:func:`coarse_key`) repeated as often, which every such line
    has, so that a line without one is passed over without normalising it.
    """

    __slots__ = ("coarse", "counts", "n_docs", "where")

    def __init__(
        self, counts: dict[str, int], coarse: Container[bytes], n_docs: int, where: str
    ) -> None:
        self.counts, self.coarse, self.n_docs, self.where = counts, coarse, n_docs, where

    def reason(self, doc: Doc, i: int) -> str | None:
        """Why line ``i`` of ``doc`` is boilerplate (for the audit), or None if it is not."""
        coarse = doc.coarse_keys.get(i)
        if coarse is None:
            coarse = doc.coarse_key(i)
        if coarse not in self.coarse:  # then its key is not repeated either
            return None
        n = self.counts.get(doc.key(i))
        return None if n is None else f"repeated in {n} of {self.n_docs} articles of {self.where}"


# ----------------------------------------------------------------------------- fields


def _parse_field(name: str, value: str) -> Any:
    """Normalise a raw field value; None if it is not a valid value of that field."""
    value = " ".join(value.split())
    if not value:
        return None
    if name == "agency":
        return agency_name(value)
    if name == "date":
        try:
            parsed = pd.to_datetime(value, errors="coerce")
        except (ValueError, OverflowError, TypeError):  # pragma: no cover - defensive
            return None
        return None if pd.isna(parsed) else parsed
    return value


def _extract(doc: Doc, rule: CleaningRule, groups: dict[str, str | None], priority: int):
    """Offer a match's named groups to the doc's fields; return the audit field or None."""
    recognised = None
    explicit = False
    for gname, raw in groups.items():
        base = gname.rstrip("0123456789")
        if base == "crumb":
            if raw and raw.strip():
                doc.crumbs.add(normalise(raw))
            continue
        name = rule.field if base == "value" else base
        if name not in _SCALAR_FIELDS and name not in LIST_FIELDS:
            continue
        explicit = explicit or name == rule.field
        parsed = _parse_field(name, raw) if raw else None
        if parsed is not None:
            doc.offer(name, parsed, priority)
            recognised = recognised or (name if name == rule.field else None)
    return recognised, explicit


def _match(rule: CleaningRule, s: str):
    if rule.match == "full":
        return rule.regex.fullmatch(s)
    m = rule.regex.match(s) if rule.match == "prefix" else rule.regex.search(s)
    return m if m is not None and m.end() > m.start() else None


def _apply(doc: Doc, i: int, rule: CleaningRule, m: Any, priority: int) -> None:
    """Remove what a line rule matched and file the fields it names."""
    field, explicit = _extract(doc, rule, m.groupdict(), priority)
    if rule.field is not None and not explicit:
        parsed = _parse_field(rule.field, m.group(0))
        if parsed is not None:
            doc.offer(rule.field, parsed, priority)
            field = rule.field
    doc.remove(i, rule, field, cut=m.end() if rule.match == "prefix" else -1)


# ----------------------------------------------------------------------------- steps


class _Dispatch:
    """Which of a step's line rules can match a line, from its first two characters.

    ``rules_for(start)`` gives, in rule order, ``(rule, screen)`` of the rules
    that can match a line beginning with ``start`` (its first two characters,
    or the whole line if shorter): those whose :func:`first_texts` accept it
    (``screen``: the rule's literal screen, see :func:`screen`). The answer per
    start is cached, so a line costs a dictionary look-up instead of a regular
    expression per rule. Only ``full`` and ``prefix`` rules are screened by
    their start (a ``search`` may match anywhere).
    """

    def __init__(self, rules: tuple[CleaningRule, ...]) -> None:
        self.rules = rules
        self.screens = [screen(r.regex.pattern, r.regex.flags) for r in rules]
        self.starts = [
            first_texts(r.regex.pattern, r.regex.flags, _START)
            if r.match in ("full", "prefix")
            else None
            for r in rules
        ]
        self.by_start: dict[str, list[tuple[CleaningRule, Callable[[str], Any] | None]]] = {}
        # lines longer than every rule's max_words cannot match: skip them without a regex
        self.limit = (
            None
            if any(r.max_words is None for r in rules)
            else max((r.max_words for r in rules), default=0)
        )

    def rules_for(self, start: str) -> list[tuple[CleaningRule, Callable[[str], Any] | None]]:
        found = self.by_start.get(start)
        if found is None:
            found = self.by_start[start] = [
                (rule, literals)
                for rule, literals, begins in zip(
                    self.rules, self.screens, self.starts, strict=True
                )
                if begins is None or any(p.fullmatch(start[:n]) for p, n in begins)
            ]
        return found


#: Characters of a line's start that the line rules are dispatched on.
_START = 2


@lru_cache(maxsize=32)
def _dispatch(rules: tuple[CleaningRule, ...]) -> _Dispatch:
    """The dispatch of these rules, shared by every call with them (its cache fills once)."""
    return _Dispatch(rules)


def _line_rules(
    doc: Doc,
    dispatch: _Dispatch,
    line_ok: Callable[[int], bool],
    where_ok: Callable[[str, int], bool] | None = None,
    lines: list[int] | None = None,
) -> None:
    """Try each rule on each kept line (first match wins); ``line_ok`` guards whole lines.

    ``lines``: the kept lines to try (all of them by default), in order.
    """
    if not dispatch.rules:
        return
    limit = dispatch.limit
    strs, nws = doc.strs, doc.nws
    for i in doc.kept_lines() if lines is None else lines:
        s, nw = strs[i], nws[i]
        if limit is not None and nw > limit:
            continue
        candidates = dispatch.rules_for(s[:_START])
        if not candidates or not line_ok(i):
            continue
        for rule, literals in candidates:
            if (
                (rule.max_words is not None and nw > rule.max_words)
                or (rule.after is not None and rule.after not in doc.fired)
                or (where_ok is not None and not where_ok(rule.where, i))
                or (literals is not None and not literals(s))  # holds none of the strings
                # that every match holds
            ):
                continue
            m = _match(rule, s)
            if m is not None:
                _apply(doc, i, rule, m, _LINE)
                doc.fired.add(rule.name)
                break


def _captions(doc: Doc, rule: CleaningRule) -> None:
    credit_marker = screen(rule.regex.pattern, rule.regex.flags)
    for i in doc.kept_lines():
        s = doc.strs[i]
        if (
            not doc.kept[i]
            or (rule.max_words is not None and doc.nws[i] > rule.max_words)
            or ends_like_sentence(s)  # a caption line ends with its credit
            or (credit_marker is not None and not credit_marker(s))  # no ©, Photo, Getty...
        ):
            continue
        m = rule.regex.search(s) if rule.match == "search" else _match(rule, s)
        if m is None or m.end() != len(s):
            continue
        groups = m.groupdict()
        credit = next((v for k, v in groups.items() if k.startswith("credit") and v), None)
        caption = groups["caption"] if "caption" in groups else s[: m.start()]
        caption = (caption or "").strip(_WS).rstrip(" -–—|:;,").strip(_WS)
        if credit is None and not caption:
            continue
        doc.remove(i, rule, "captions" if caption else "caption_credits")
        if caption:
            doc.offer("captions", caption, _CREDIT)
            j = i - 1
            while j >= 0 and not doc.strs[j] and not doc.gone[j]:
                j -= 1
            if j >= 0 and doc.kept[j] and doc.key(j) == normalise(caption):
                doc.remove(j, rule, "captions")
        if credit is not None:
            credit = " ".join(credit.split())
            doc.offer("caption_credits", credit, _CREDIT)
            agency = agency_name(credit)
            if agency is not None:
                doc.offer("agency", agency, _CREDIT)


def _boilerplate(doc: Doc, rule: CleaningRule, lookup: Lookup, max_words: int | None) -> None:
    if not lookup.counts:  # nothing is repeated in this article's group
        return
    for i in doc.kept_lines():
        s = doc.strs[i]
        if eligible(s, doc.nws[i], max_words) and rule.regex.fullmatch(s):
            reason = lookup.reason(doc, i)
            if reason is not None:
                doc.remove(i, rule, None, reason=reason)


def _headline(doc: Doc, rule: CleaningRule, given: str | None) -> None:
    idx = doc.kept_lines()
    if not idx:
        return
    title = given if given is not None else doc.fields.get("title", (0, None))[1]
    if title is None:
        c, s = idx[0], doc.strs[idx[0]]
        if (rule.max_words is not None and doc.nws[c] > rule.max_words) or not _match(rule, s):
            return
        if _runs_on(doc, c):
            return
        key = doc.key(c)
        dup = len(idx) > 1 and doc.key(idx[1]) == key
        n = len(doc.strs)
        alone = (c == 0 or not doc.kept[c - 1]) and (c + 1 == n or not doc.kept[c + 1])
        body = any(doc.key(j) != key for j in idx[1:])
        bare = not _DECLARATIVE_END.search(s)
        if not (dup or key in doc.crumbs or (alone and bare and body)):
            return
        title = " ".join(s.split())
        doc.offer("title", title, _LINE)
    key = normalise(title)
    for i in idx:
        if doc.key(i) != key or _runs_on(doc, i):
            break
        doc.remove(i, rule, "title")


def clean_doc(
    doc: Doc,
    rs: RuleSet,
    title: str | None,
    lookup: Lookup | None,
    max_words: int | None,
) -> Doc:
    # a lowercase line that continues a wrapped sentence ("... 5 pct or" / "more") is body
    _line_rules(
        doc, rs.anywhere_lines, lambda i: not (doc.strs[i][:1].islower() and _continues(doc, i))
    )
    for rule in rs.caption:
        _captions(doc, rule)
    if lookup is not None:
        for rule in rs.boilerplate:
            _boilerplate(doc, rule, lookup, max_words)
    # Head/tail rules, headline and dateline depend on each other (removing a byline
    # exposes the lead, removing the headline moves the head): repeat them until nothing
    # changes, so that cleaning a cleaned text removes nothing more.
    while True:
        before = len(doc.removals)
        _positional(doc, rs.positional_lines)
        for rule in rs.headline:
            _headline(doc, rule, title)
        for rule in rs.lead:
            idx = doc.kept_lines()
            if not idx or (rule.max_words is not None and doc.nws[idx[0]] > rule.max_words):
                continue
            m = _match(rule, doc.strs[idx[0]])
            if m is not None:
                _apply(doc, idx[0], rule, m, _LEAD)
        if len(doc.removals) == before:
            return doc


def _positional(doc: Doc, dispatch: _Dispatch) -> None:
    """Apply head/tail/edges rules around the prose lines (8+ words, ending like a sentence)."""
    if not dispatch.rules:
        return
    kept = doc.kept_lines()
    strs, nws = doc.strs, doc.nws

    def prose(i: int) -> bool:
        return nws[i] >= PROSE_MIN_WORDS and ends_like_sentence(strs[i])

    # the first and the last prose line, looked for from either end
    first = next((i for i in kept if prose(i)), len(strs))
    last = next((i for i in reversed(kept) if prose(i)), -1)
    where_ok = {
        "head": lambda i: i < first,
        "tail": lambda i: i > last,
        "edges": lambda i: i < first or i > last,
    }
    _line_rules(
        doc,
        dispatch,
        lambda i: not _continues(doc, i),
        lambda where, i: where_ok[where](i),
        lines=[i for i in kept if i < first or i > last],
    )


def _continues(doc: Doc, i: int) -> bool:
    """Whether line ``i`` continues a hard-wrapped sentence from the line above.

    In fixed-width text ("... between February 1, 1985 and" / "April 2, 1987") a line
    that looks like a date or byline may be the end of a sentence: the line above is
    long and stops mid-sentence (lowercase letter, comma, dash).
    """
    j = i - 1
    if j < 0 or not doc.kept[j] or doc.nws[j] < PROSE_MIN_WORDS:
        return False
    last = doc.strs[j][-1]
    return last.islower() or last in ",;-–—"


def _runs_on(doc: Doc, i: int) -> bool:
    """Whether the sentence of line ``i`` runs on into the next line (lowercase start)."""
    j = i + 1
    return j < len(doc.strs) and doc.kept[j] and doc.strs[j][:1].islower()
