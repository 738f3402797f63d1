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
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # the parser `re` uses (3.11+); `sre_parse` before
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    _c = _p = None  # type: ignore[assignment]

__all__ = ["passes", "required_literals"]

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
