"""A :class:`~mediakit.framing.Dictionary` compiled for counting: token matching.

:class:`CompiledDictionary` matches one token at a time against the entries
of a dictionary: fixed tokens through hash tables, ``prefix*`` globs through
prefix tables, other globs and regexes through one screening alternation per
token position (a token no entry matches costs one regex call), with the
results cached per token. ``mediakit.framing._frame_match`` finds the hits of
a whole token sequence with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from mediakit.segment._words import normalise_token

__all__ = ["CompiledDictionary"]


class CompiledDictionary:
    """Token matcher built once from a :class:`Dictionary`.

    Matching works on one token at a time. Fixed tokens are looked up in a
    hash table, globs of the form ``prefix*`` through a table of prefixes
    (every prefix of the token is tried: cost is the token's length, not the
    number of patterns), and other globs and regexes with one compiled
    expression each. Results of :meth:`match_token` are cached per token.

    Attributes
    ----------
    entries : tuple of Entry
        The dictionary's entries; :meth:`match_token` returns indices into it.
    category_regex : mapping of str to re.Pattern
        Per category, one expression that fullmatches any single token matched
        by the first token of one of its entries (a quick screen).
    """

    def __init__(self, dictionary: Any) -> None:  # a Dictionary (which imports this module)
        self.entries = dictionary.entries
        self.case_sensitive = dictionary.case_sensitive
        flags = 0 if self.case_sensitive else re.IGNORECASE
        # per token position: fixed tokens, prefixes (of `prefix*` globs) and other expressions
        fixed: dict[int, dict[str, list[int]]] = {}
        prefix: dict[int, dict[str, list[int]]] = {}
        other: list[tuple[int, int, re.Pattern[str]]] = []
        per_category: dict[str, list[str]] = {}
        for i, e in enumerate(self.entries):
            for pos, tok in enumerate(e.tokens):
                if e.kind == "regex":
                    other.append((i, pos, re.compile(tok, flags)))
                    source = tok
                elif e.kind == "fixed" or not any(ch in tok for ch in "*?"):
                    fixed.setdefault(pos, {}).setdefault(self._key(tok), []).append(i)
                    source = re.escape(tok)
                elif tok.endswith("*") and not any(ch in tok[:-1] for ch in "*?"):
                    prefix.setdefault(pos, {}).setdefault(self._key(tok[:-1]), []).append(i)
                    source = re.escape(tok[:-1]) + ".*"
                else:
                    rx = "".join(
                        ".*" if c == "*" else "." if c == "?" else re.escape(c)
                        for c in normalise_token(tok, case_sensitive=True)
                    )
                    other.append((i, pos, re.compile(rx, flags | re.DOTALL)))
                    source = rx
                if pos == 0:
                    per_category.setdefault(e.category, []).append(source)
        # an expression that cannot be joined with others (see _joined) leaves its category
        # a screen that lets every token through: a screen may pass too much, never too little
        self.category_regex: Mapping[str, re.Pattern[str]] = MappingProxyType(
            {
                c: _joined([re.compile(x, flags | re.DOTALL) for x in s]) or _ANYTHING
                for c, s in per_category.items()
            }
        )
        self._fixed_at = fixed
        # the prefix table of a position with the lengths its prefixes have, shortest first
        self._prefix_at = {
            pos: (table, tuple(sorted({len(k) for k in table}))) for pos, table in prefix.items()
        }
        self._other_at = _other_by_position(other)
        self._n_tokens = [e.n_tokens for e in self.entries]
        self._cache: dict[tuple[str, int], frozenset[int]] = {}
        self._starts: dict[str, tuple[tuple[int, int], ...]] = {}
        #: per list of categories, the categories each entry counts for (see credited)
        self.credits: dict[tuple[str, ...], list[tuple[str, ...]]] = {}

    def _key(self, token: str) -> str:
        return normalise_token(token, self.case_sensitive)

    def match_token(self, token: str, position: int = 0) -> frozenset[int]:
        """Return indices of entries whose token number ``position`` matches ``token``.

        The token is first normalised like ``tokenize``'s ``norm`` (see
        :func:`normalise_token`); globs and regexes see that form.
        """
        hit = self._cache.get((token, position))
        if hit is None:
            hit = self._cache[(token, position)] = self._match(self._key(token), position)
        return hit

    def _match(self, key: str, position: int) -> frozenset[int]:
        """Indices of the entries whose token number ``position`` matches the normalised ``key``."""
        found: set[int] = set()
        fixed = self._fixed_at.get(position)
        if fixed is not None:
            found.update(fixed.get(key, ()))
        prefixes = self._prefix_at.get(position)
        if prefixes is not None:
            table, lengths = prefixes
            for n in lengths:  # only the lengths some prefix pattern has
                if n > len(key):
                    break
                hit = table.get(key[:n])
                if hit is not None:
                    found.update(hit)
        screen, others = self._other_at.get(position, (None, ()))
        if others and (screen is None or screen.fullmatch(key)):
            for i, rx in others:
                if rx.fullmatch(key):
                    found.add(i)
        return frozenset(found) if found else _NOTHING

    def starting_entries(self, token: str) -> tuple[tuple[int, int], ...]:
        """``(n_tokens, index)`` of the entries whose first token matches ``token``.

        Longest first, then in dictionary order (the order a counter tries
        them in); remembered per token.
        """
        hit = self._starts.get(token)
        if hit is None:
            found = self._match(self._key(token), 0)
            n_tokens = self._n_tokens
            ranked = sorted([(n_tokens[i], i) for i in found], key=_longest_first)
            hit = tuple(ranked) if ranked else ()
            self._starts[token] = hit
        return hit

    def starting_entries_of(self, tokens: list[str]) -> list[tuple[tuple[int, int], ...]]:
        """:meth:`starting_entries` of each token (the remembered ones looked up in C)."""
        found = list(map(self._starts.get, tokens))
        if None in found:
            found = [
                hit if hit is not None else self.starting_entries(token)
                for hit, token in zip(found, tokens, strict=True)
            ]
        return found  # type: ignore[return-value]

    def match_at(self, tokens: Sequence[str], start: int) -> list[tuple[Any, int]]:
        """Every entry matching ``tokens`` from ``start``: ``(entry, n_tokens)``, longest first.

        A counter takes, per category, the first (longest) match and skips the
        tokens it covers (a token counts once per category).
        """
        found: list[tuple[int, int]] = []
        for i in self.match_token(tokens[start], 0):
            n = self.entries[i].n_tokens
            if start + n <= len(tokens) and all(
                i in self.match_token(tokens[start + k], k) for k in range(1, n)
            ):
                found.append((n, i))
        found.sort(key=lambda ni: (-ni[0], ni[1]))
        return [(self.entries[i], n) for n, i in found]


_NOTHING: frozenset[int] = frozenset()
_ANYTHING = re.compile(".*", re.DOTALL)


def _longest_first(ni: tuple[int, int]) -> tuple[int, int]:
    return (-ni[0], ni[1])


#: What makes a regex unsafe to join with others in one alternation: a backreference by
#: number or name, a conditional group, or a global inline flag (only valid at the start).
_UNSAFE_TO_JOIN = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


def _other_by_position(
    others: list[tuple[int, int, re.Pattern[str]]],
) -> dict[int, tuple[re.Pattern[str] | None, tuple[tuple[int, re.Pattern[str]], ...]]]:
    """The regex and glob entries per token position, with one screening expression each.

    A token matches none of a position's expressions unless it fullmatches their
    alternation, so most tokens cost one regex call instead of one per entry.
    The screen is left out (``None``: every expression is tried) when an
    expression cannot be joined without changing its meaning.
    """
    grouped: dict[int, list[tuple[int, re.Pattern[str]]]] = {}
    for i, pos, rx in others:
        grouped.setdefault(pos, []).append((i, rx))
    out: dict[int, tuple[re.Pattern[str] | None, tuple[tuple[int, re.Pattern[str]], ...]]] = {}
    for pos, items in grouped.items():
        screen = _joined([rx for _, rx in items]) if len(items) > 1 else None
        out[pos] = (screen, tuple(items))
    return out


def _joined(expressions: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One expression that fullmatches what any of ``expressions`` fullmatches, or ``None``.

    Each keeps its own flags, scoped to its branch. ``None`` when one cannot be
    joined without changing its meaning (a backreference, a conditional, a
    global inline flag) or the alternation does not compile (a group name used
    twice).
    """
    if any(_UNSAFE_TO_JOIN.search(rx.pattern) for rx in expressions):
        return None
    parts = []
    for rx in expressions:
        scoped = "".join(
            letter for flag, letter in ((re.IGNORECASE, "i"), (re.DOTALL, "s")) if rx.flags & flag
        )
        parts.append(f"(?{scoped}:{rx.pattern})" if scoped else f"(?:{rx.pattern})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None
