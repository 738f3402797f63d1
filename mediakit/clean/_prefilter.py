"""Literal screens for the cleaning rules' regular expressions (private).

Most lines of an article match no cleaning rule, and ``re`` pays for trying a
pattern that opens with an alternation or a character class at every
position of the line (the caption rule is searched in every line that does
not end like a sentence: in hard-wrapped wire copy, nearly all of them).
:func:`required_literals` reads a pattern and returns strings of which any
match must contain at least one; a line that contains none of them is skipped
without running the expression. Python's ``re`` does this itself only for a
literal prefix.

The analysis works on the parsed pattern (``re._parser``, the parser ``re``
itself uses) and is conservative: wherever it is unsure (case-insensitive
patterns, backreferences, a parser it does not know) it returns ``None``,
which means "no screen: always run the expression". Written here because no
library offers it for Python's ``re`` (RE2 has such a prefilter, for its own
syntax).

:func:`first_char` does the same for the line's first character: the rules
that must match from the start of a line (``full`` and ``prefix``) can only
match a line whose first character one of the pattern's first items accepts.
It serves the case-insensitive rules that the literal screens cannot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

try:  # the parser `re` uses (3.11+); `sre_parse` before
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    _c = _p = None  # type: ignore[assignment]

__all__ = ["first_char", "first_texts", "passes", "required_literals", "screen"]

Literals = frozenset[str]


@lru_cache(maxsize=256)
def required_literals(pattern: str, flags: int) -> Literals | None:
    """Strings of which every match of ``pattern`` contains at least one, or ``None``.

    Examples
    --------
    >>> sorted(required_literals(r"(?:©\\s*\\w+|\\(Photo:[^)]*\\)|Getty Images)$", 0))
    ['(Photo:', 'Getty Images', '©']
    >>> required_literals(r"(?i)home\\s*»", re.IGNORECASE) is None
    True
    """
    if _p is None or flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        parsed = _p.parse(pattern, flags)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:  # an inline (?i)
        return None
    found = _sequence(list(parsed))
    if not found or any(not s for s in found):
        return None
    return found


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    """The best screen of a sequence: of its parts that every match passes through,
    the one whose shortest literal is longest (runs of plain characters count as one)."""
    candidates: list[Literals] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if add_flags & re.IGNORECASE:
                return None
            found = _sequence(list(inner))
        elif op is _c.BRANCH:
            found = _branches(av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, inner = av
            found = _sequence(list(inner)) if low >= 1 else None
        elif op is _c.ATOMIC_GROUP:
            found = _sequence(list(av))
        elif op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            return None  # a backreference's text is unknown here
        else:  # character classes, anchors, lookarounds: no literal to require
            found = None
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _branches(branches: list[Any]) -> Literals | None:
    """One literal of every alternative: their union, or ``None`` if one has none."""
    union: set[str] = set()
    for branch in branches:
        found = _sequence(list(branch))
        if found is None:
            return None
        union |= found
    return frozenset(union)


def passes(literals: Literals | None, line: str) -> bool:
    """Whether ``line`` may match: it holds one of ``literals`` (always, without a screen)."""
    return literals is None or any(lit in line for lit in literals)


@lru_cache(maxsize=256)
def screen(pattern: str, flags: int) -> Callable[[str], Any] | None:
    """``passes(required_literals(pattern, flags), line)`` as one call in C, or ``None``.

    The literals are searched as one alternation, so a line costs one
    ``search`` instead of a Python ``in`` per literal; ``None`` when the
    pattern has no screen (then every line may match).

    Examples
    --------
    >>> found = screen(r"(?:©\\s*\\w+|\\(Photo:[^)]*\\)|Getty Images)$", 0)
    >>> bool(found("A protest (Photo: AFP)")), bool(found("A protest in Kyiv"))
    (True, False)
    """
    literals = required_literals(pattern, flags)
    if literals is None:
        return None
    return re.compile("|".join(re.escape(lit) for lit in sorted(literals))).search


@lru_cache(maxsize=256)
def first_char(pattern: str, flags: int) -> re.Pattern[str] | None:
    """A one-character pattern that the first character of every non-empty match accepts.

    A match of ``pattern`` that starts at the beginning of a line and is not
    empty begins with a character this pattern matches (``first.match(line)``
    is then true). The class is the union of what the items that can come
    first accept, each under the case flag in force where it stands
    (zero-width items such as lookarounds and anchors are skipped; an
    optional item lets the next one be first too). ``None`` (no screen) for
    what the analysis does not read: backreferences, ``re.ASCII`` and
    ``re.LOCALE``, a parser it does not know.

    Examples
    --------
    >>> first_char(r"(?:estimated\\s+)?read(?:ing)?\\s+time", re.IGNORECASE).pattern
    '(?i:e)|(?i:r)'
    >>> first_char(r"[^a-z]x|(?i:y)", 0).pattern
    '(?-i:[^a-z])|(?i:y)'
    >>> first_char(r"(a)?\\1", 0) is None
    True
    """
    starts = first_texts(pattern, flags, 1)
    if starts is None:
        return None
    return re.compile("|".join(start.pattern for start, _ in starts), re.DOTALL)


@lru_cache(maxsize=256)
def first_texts(
    pattern: str, flags: int, width: int = 2
) -> tuple[tuple[re.Pattern[str], int], ...] | None:
    """What every match begins with: (pattern, its length) pairs, or ``None``.

    As :func:`first_char`, but a run of literals is read up to ``width``
    characters: every non-empty match made from the start of a line begins
    with ``n`` characters that one of the patterns matches in full (``sh``
    for ``share``, or one character of a class such as ``\\d``). A line whose
    first characters no pattern matches (each on as many as it is long) cannot
    match.

    Examples
    --------
    >>> [(p.pattern, n) for p, n in first_texts(r"(?:share|post)\\s+on|[0-9]+ comments", re.I)]
    [('(?i:sh)', 2), ('(?i:po)', 2), ('(?i:[0-9])', 1)]
    """
    if _p is None or flags & (re.LOCALE | re.ASCII):
        return None
    try:
        parsed = _p.parse(pattern, flags)
    except re.error:
        return None
    if parsed.state.flags & (re.LOCALE | re.ASCII):  # an inline (?a) or (?L)
        return None
    found = _first(list(parsed), bool(parsed.state.flags & re.IGNORECASE), width)
    if found is None or not found[0]:
        return None
    return tuple((re.compile(text, re.DOTALL), n) for text, n in dict.fromkeys(found[0]))


#: Character classes, as written in a pattern.
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


Start = tuple[str, int]  # a pattern of what can come first, and how many characters it matches


def _first(
    items: list[tuple[Any, Any]], ignore: bool, width: int = 1
) -> tuple[list[Start], bool] | None:
    """(patterns of what can come first, whether the sequence can be empty).

    Each pattern is one character (a literal or a class), or a run of up to
    ``width`` literal characters, with its length. ``ignore``: whether the
    items stand under IGNORECASE; each pattern carries its own scoped flag, so
    that ``[^a-z]`` keeps its meaning.
    """
    scoped = "(?i:{})" if ignore else "(?-i:{})"
    alternatives: list[Start] = []
    for n, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            run = [chr(av)]
            for op2, av2 in items[n + 1 : n + width]:
                if op2 is not _c.LITERAL:
                    break
                run.append(chr(av2))
            return [*alternatives, (scoped.format(re.escape("".join(run))), len(run))], False
        if op is _c.NOT_LITERAL:
            return [*alternatives, (scoped.format(f"[^{re.escape(chr(av))}]"), 1)], False
        if op is _c.ANY:
            return [*alternatives, (".", 1)], False
        if op is _c.IN:
            found = _class(av)
            return None if found is None else ([*alternatives, (scoped.format(found), 1)], False)
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the next item consumes the first character
        if op is _c.SUBPATTERN:
            _group, add, remove, body = av
            if add & (re.ASCII | re.LOCALE):
                return None
            inner = _first(
                list(body),
                (ignore or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE,
                width,
            )
        elif op is _c.ATOMIC_GROUP:
            inner = _first(list(av), ignore, width)
        elif op is _c.BRANCH:
            parts = [_first(list(branch), ignore, width) for branch in av[1]]
            if any(part is None for part in parts):
                return None
            inner = (
                [a for part in parts for a in part[0]],  # type: ignore[index]
                any(part[1] for part in parts),  # type: ignore[index]
            )
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, body = av
            inner = ([], True) if high == 0 else _first(list(body), ignore, width)
            if inner is not None and low == 0:
                inner = (inner[0], True)
        else:  # backreferences and anything not read here
            return None
        if inner is None:
            return None
        alternatives += inner[0]
        if not inner[1]:
            return alternatives, False
    return alternatives, True


def _class(items: list[tuple[Any, Any]]) -> str | None:
    """A character class ``[...]`` written back from its parsed items, or ``None``."""
    parts = []
    for op, av in items:
        if op is _c.NEGATE:
            parts.insert(0, "^")
        elif op is _c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
        else:
            return None
    return "[" + "".join(parts) + "]" if parts and parts != ["^"] else None
