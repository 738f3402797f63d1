"""Framing dictionaries: the :class:`Dictionary` type and :func:`read_dictionary`.

A dictionary maps categories to patterns. Categories may be nested; a nested
category is written as a path, ``conflict/military``. A pattern is one of

``fixed``
    a word or a multi-word expression, matched token by token as written
    (``peace deal`` is the token sequence ``("peace", "deal")``);
``glob``
    like fixed, but ``*`` stands for any run of characters and ``?`` for one
    character inside a token (``threat*``); any pattern holding ``*`` or ``?``
    is a glob unless marked otherwise;
``regex``
    written with the prefix ``re:`` (``re:^(re)?elect(ed|ion)s?$``); the
    expression must match one whole token (:func:`re.fullmatch`), so a regex
    never spans tokens.

A pattern written with the prefix ``fixed:`` is fixed even when it holds
``*`` or ``?``. Matching is case-insensitive unless the dictionary is built
with ``case_sensitive=True``.

For counters, :meth:`Dictionary.entries` is the flattened table (one
:class:`Entry` per category and pattern) and :meth:`Dictionary.compile`
returns a :class:`CompiledDictionary` that finds every entry matching at a
token position in (near) constant time per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from mediakit._validation import check_option, warn
from mediakit.framing import _dictionary_formats as _formats
from mediakit.framing._compiled import CompiledDictionary
from mediakit.segment._words import normalise_token, word_tokenizer

__all__ = [
    "KINDS",
    "CompiledDictionary",
    "Dictionary",
    "Entry",
    "normalise_token",
    "parse_pattern",
    "pattern_tokens",
]

KINDS = ("glob", "regex", "fixed")


@dataclass(frozen=True, slots=True)
class Entry:
    """One pattern of one category, as a counter needs it.

    Attributes
    ----------
    category : str
        Category path, e.g. ``"conflict/military"``.
    pattern : str
        The pattern without any ``re:``/``fixed:`` marker, whitespace collapsed.
    kind : {'glob', 'regex', 'fixed'}
    tokens : tuple of str
        The token sequence to match: the pattern split as the tokenizer
        splits text (see :func:`pattern_tokens`); one element for a regex.
    case_sensitive : bool
    """

    category: str
    pattern: str
    kind: str
    tokens: tuple[str, ...]
    case_sensitive: bool = False

    @property
    def n_tokens(self) -> int:
        """Number of tokens the entry spans."""
        return len(self.tokens)


def parse_pattern(text: str) -> tuple[str, str]:
    """Return ``(kind, pattern)`` for a pattern as written in a dictionary.

    Examples
    --------
    >>> parse_pattern("threat*")
    ('glob', 'threat*')
    >>> parse_pattern("re:^elect(ed|ion)$")
    ('regex', '^elect(ed|ion)$')
    >>> parse_pattern("  peace   deal ")
    ('fixed', 'peace deal')
    """
    if text.startswith("re:"):
        return "regex", text[3:].strip()
    if text.startswith("fixed:"):
        return "fixed", " ".join(text[6:].split())
    body = " ".join(text.split())
    return ("glob" if ("*" in body or "?" in body) else "fixed"), body


def pattern_tokens(pattern: str, kind: str) -> tuple[str, ...]:
    """Split a fixed or glob pattern into the tokens mediakit's tokenizer makes.

    Whitespace separates tokens; a part without wildcards is further split by
    the word tokenizer of :func:`mediakit.tokenize`, so that a pattern meets
    text in the same units (``it's`` is ``it`` + ``'s``, ``U.S.`` stays one
    token, ``:)`` is two). Glob parts (holding ``*`` or ``?``) stay whole.

    Examples
    --------
    >>> pattern_tokens("it's a deal", "fixed")
    ('it', "'s", 'a', 'deal')
    >>> pattern_tokens("U.S.-led talk*", "glob")
    ('U.S.-led', 'talk*')
    """
    findall = word_tokenizer().regexp.findall
    out: list[str] = []
    for part in pattern.split(" "):
        if kind == "glob" and ("*" in part or "?" in part):
            out.append(part)
        else:
            out.extend(findall(part) or [part])
    return tuple(out)


def _check_category(path: str) -> str:
    parts = [p.strip() for p in str(path).split("/")]
    if any(not p for p in parts):
        raise ValueError(
            f"category {path!r} has an empty name part; write nested categories as 'parent/child'"
        )
    return "/".join(parts)


class Dictionary:
    """An immutable, validated mapping of (nested) categories to patterns.

    Parameters
    ----------
    entries : iterable of (category, pattern) or (category, pattern, kind)
        ``kind`` None (or absent) lets :func:`parse_pattern` decide from the
        spelling; an explicit kind takes the pattern as it is.
    categories : sequence of str, optional
        Categories in display order, including any without entries (which are
        then reported as empty). Categories only named by entries follow.
    name, source : str, optional
        Metadata: the dictionary's name and its origin/citation.
    format : str, optional
        The file format it was read from (set by :func:`read_dictionary`).
    case_sensitive : bool, default False

    Raises
    ------
    ValueError
        A category with no pattern (in itself or a sub-category), an empty
        pattern, or a regex that does not compile (the message names the
        category and the pattern). Duplicate patterns within a category are
        dropped with a :class:`~mediakit._validation.MediakitWarning` naming them.

    Examples
    --------
    >>> d = Dictionary.from_dict({"conflict": {"military": ["troop*", "air strike"]},
    ...                           "economy": ["re:^econom(y|ic|ics)$"]}, name="demo")
    >>> d
    Dictionary(name='demo', 3 categories, 3 patterns, case_sensitive=False)
    >>> d.categories
    ('conflict', 'conflict/military', 'economy')
    >>> d.patterns("conflict")
    ('troop*', 'air strike')
    >>> d.to_frame()
                category             pattern   kind
    0  conflict/military              troop*   glob
    1  conflict/military          air strike  fixed
    2            economy  ^econom(y|ic|ics)$  regex
    """

    __slots__ = ("__dict__", "_case_sensitive", "_categories", "_entries", "_metadata")
    _case_sensitive: bool
    _categories: tuple[str, ...]
    _entries: tuple[Entry, ...]
    _metadata: Mapping[str, str | None]

    def __init__(
        self,
        entries: Iterable[Sequence[str | None]],
        *,
        categories: Iterable[str] | None = None,
        name: str | None = None,
        source: str | None = None,
        format: str | None = None,
        case_sensitive: bool = False,
    ) -> None:
        case_sensitive = bool(case_sensitive)
        order: dict[str, None] = {}
        for cat in categories or ():
            order[_check_category(cat)] = None
        built: list[Entry] = []
        seen: dict[tuple[str, str, str], None] = {}
        dupes: dict[str, list[str]] = {}
        for row in entries:
            if len(row) not in (2, 3):
                raise ValueError(f"expected (category, pattern[, kind]) rows, got {row!r}")
            cat = _check_category(str(row[0]))
            text = "" if row[1] is None else str(row[1])
            kind = row[2] if len(row) == 3 else None
            if kind is None:
                kind, pattern = parse_pattern(text)
            else:
                check_option("kind", kind, KINDS)
                pattern = text.strip() if kind == "regex" else " ".join(text.split())
            if not pattern:
                raise ValueError(f"category {cat!r} has an empty pattern")
            key = (cat, kind, pattern if case_sensitive else pattern.casefold())
            if key in seen:
                dupes.setdefault(cat, []).append(pattern)
                continue
            seen[key] = None
            if kind == "regex":
                try:
                    re.compile(pattern)
                except re.error as err:
                    raise ValueError(
                        f"category {cat!r}: regex {pattern!r} does not compile ({err})"
                    ) from None
                tokens: tuple[str, ...] = (pattern,)
            else:
                tokens = pattern_tokens(pattern, kind)
            order[cat] = None
            built.append(Entry(cat, pattern, kind, tokens, case_sensitive))
        # parents of nested categories exist too, listed before their children
        full: dict[str, None] = {}
        for cat in order:
            parts = cat.split("/")
            for i in range(1, len(parts) + 1):
                full["/".join(parts[:i])] = None
        cats = tuple(full)
        filled = {e.category for e in built}
        empty = [c for c in cats if not any(f == c or f.startswith(c + "/") for f in filled)]
        if not cats:
            raise ValueError("a Dictionary needs at least one category with a pattern; got none")
        if empty:
            raise ValueError(f"empty categories (no patterns): {empty}")
        if dupes:
            shown = "; ".join(f"{c!r}: {sorted(set(p))}" for c, p in dupes.items())
            warn(f"duplicate patterns dropped (kept the first of each): {shown}")
        object.__setattr__(self, "_entries", tuple(built))
        object.__setattr__(self, "_categories", cats)
        object.__setattr__(self, "_case_sensitive", case_sensitive)
        meta = {"name": name, "source": source, "format": format}
        object.__setattr__(self, "_metadata", MappingProxyType(meta))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Dictionary is immutable; build a new one instead")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the validated state (for multiprocessing and Dask workers)."""
        state = (self._entries, self._categories, self._case_sensitive, dict(self._metadata))
        return (_restore_dictionary, state)

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Dictionary is immutable; build a new one instead")

    # ---------------------------------------------------------------- builders
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], **kwargs: Any) -> Dictionary:
        """Build from a nested mapping ``{category: [patterns] | {sub: ...}}``.

        A list may also hold one-key mappings (sub-categories), as in
        quanteda's YAML layout. Keyword arguments go to :class:`Dictionary`.

        Examples
        --------
        >>> Dictionary.from_dict({"peace": ["peace deal", "truce"]}).patterns("peace")
        ('peace deal', 'truce')
        """
        if not isinstance(data, Mapping):
            raise TypeError(
                f"from_dict expects a mapping of category -> patterns, got {type(data).__name__}"
            )
        cats: list[str] = []
        rows: list[tuple[str, str, None]] = []

        def walk(prefix: str, value: Any) -> None:
            cats.append(prefix)
            if isinstance(value, str):
                value = [value]
            if isinstance(value, Mapping):
                value = [value]
            for item in value or ():
                if isinstance(item, Mapping):
                    for key, sub in item.items():
                        walk(f"{prefix}/{key}", sub)
                else:
                    rows.append((prefix, item, None))

        for key, value in data.items():
            walk(str(key), value)
        return cls(rows, categories=cats, **kwargs)

    # ---------------------------------------------------------------- access
    @property
    def categories(self) -> tuple[str, ...]:
        """Every category path, parents before children, in reading order."""
        return self._categories

    @property
    def entries(self) -> tuple[Entry, ...]:
        """The flattened entries, one per (category, pattern), in reading order."""
        return self._entries

    @property
    def metadata(self) -> Mapping[str, str | None]:
        """Read-only ``name``, ``source`` and ``format``."""
        return self._metadata

    @property
    def name(self) -> str | None:
        """The dictionary's name (metadata)."""
        return self._metadata["name"]

    @property
    def source(self) -> str | None:
        """Where the dictionary comes from: file path or citation (metadata)."""
        return self._metadata["source"]

    @property
    def case_sensitive(self) -> bool:
        """Whether matching respects case (default False)."""
        return self._case_sensitive

    def patterns(self, category: str, *, descendants: bool = True) -> tuple[str, ...]:
        """Return the patterns of ``category`` (with its sub-categories' by default)."""
        if category not in self._categories:
            raise KeyError(f"no category {category!r}; categories are {list(self._categories)}")
        return tuple(
            e.pattern
            for e in self._entries
            if e.category == category or (descendants and e.category.startswith(category + "/"))
        )

    def __len__(self) -> int:
        """Return the number of categories (nested ones included)."""
        return len(self._categories)

    def __iter__(self) -> Iterator[str]:
        """Iterate over the category paths."""
        return iter(self._categories)

    def __contains__(self, category: object) -> bool:
        return category in self._categories

    def _canonical(self) -> tuple[Any, ...]:
        # equal = same categories in the same order, each with the same patterns
        # in the same order (metadata aside): file order across categories may differ
        rank = {c: i for i, c in enumerate(self._categories)}
        grouped = sorted(
            range(len(self._entries)), key=lambda i: (rank[self._entries[i].category], i)
        )
        return (self._categories, tuple(self._entries[i] for i in grouped))

    def __eq__(self, other: object) -> bool:
        """Compare categories and their patterns (in order); metadata is ignored."""
        if not isinstance(other, Dictionary):
            return NotImplemented
        return self._canonical() == other._canonical()

    def __hash__(self) -> int:
        return hash(self._canonical())

    def __dask_tokenize__(self) -> tuple[Any, ...]:
        """A deterministic token for Dask (the categories, patterns and matching options)."""
        return ("mediakit.Dictionary", repr(self._canonical()), self._case_sensitive)

    def __repr__(self) -> str:
        return (
            f"Dictionary(name={self.name!r}, {len(self._categories)} categories, "
            f"{len(self._entries)} patterns, case_sensitive={self._case_sensitive})"
        )

    # ---------------------------------------------------------------- export
    def to_frame(self) -> pd.DataFrame:
        """One row per entry: ``category``, ``pattern``, ``kind`` (RangeIndex)."""
        return pd.DataFrame(
            {
                "category": [e.category for e in self._entries],
                "pattern": [e.pattern for e in self._entries],
                "kind": [e.kind for e in self._entries],
            }
        )

    def to_yaml(self, path: str | PathLike[str] | None = None) -> str:
        """quanteda-layout YAML (category -> list of patterns), optionally written to ``path``.

        Regexes are written with their ``re:`` marker (and fixed patterns that
        hold ``*``/``?`` with ``fixed:``), name and source as leading comments,
        so that :func:`read_dictionary` restores an equal dictionary.

        Examples
        --------
        >>> print(Dictionary.from_dict({"war": {"air": ["air strike*"]}}).to_yaml(), end="")
        "war":
          "air":
            - "air strike*"
        """
        nodes: dict[str, tuple[str, list[str], list[Any]]] = {}
        roots: list[Any] = []
        for cat in self._categories:
            node: tuple[str, list[str], list[Any]] = (cat.rsplit("/", 1)[-1], [], [])
            nodes[cat] = node
            parent = cat.rsplit("/", 1)[0] if "/" in cat else None
            (nodes[parent][2] if parent else roots).append(node)
        for e in self._entries:
            written = e.pattern
            if e.kind == "regex":
                written = "re:" + written
            elif parse_pattern(written) != (e.kind, e.pattern):
                written = "fixed:" + written
            nodes[e.category][1].append(written)
        meta = dict(self._metadata)
        if self._case_sensitive:
            meta["case_sensitive"] = "true"
        text = _formats.write_yaml(roots, meta)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    # ---------------------------------------------------------------- matching
    def compile(self) -> CompiledDictionary:
        """Return the dictionary compiled for counting (cached: compiled once).

        Examples
        --------
        >>> d = Dictionary.from_dict({"peace": ["peace deal", "peace*"], "war": ["war"]})
        >>> c = d.compile()
        >>> [(e.category, e.pattern, n) for e, n in c.match_at(["Peace", "deal", "now"], 0)]
        [('peace', 'peace deal', 2), ('peace', 'peace*', 1)]
        """
        return self._compiled

    @cached_property
    def _compiled(self) -> CompiledDictionary:
        return CompiledDictionary(self)


def _restore_dictionary(
    entries: tuple[Any, ...],
    categories: tuple[str, ...],
    case_sensitive: bool,
    metadata: dict[str, Any],
) -> Dictionary:
    """Rebuild a pickled :class:`Dictionary` from its validated state (no re-validation)."""
    d = Dictionary.__new__(Dictionary)
    object.__setattr__(d, "_entries", entries)
    object.__setattr__(d, "_categories", categories)
    object.__setattr__(d, "_case_sensitive", case_sensitive)
    object.__setattr__(d, "_metadata", MappingProxyType(metadata))
    return d
