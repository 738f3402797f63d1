"""Word-level diffs of two texts and the groups of an alignment table.

The diff is :class:`difflib.SequenceMatcher` over word tokens (words, numbers
with their separators, single punctuation marks), compared on a key that
ignores the typographic form of quotes and apostrophes (``“`` = ``"``,
``’`` = ``'``); spans are character offsets into the texts, so a renderer
shows the text exactly as written.

An alignment table's rows fall into groups: the connected components of its
matched rows (a merge or a split is one group of several rows); a dropped or
added row is a group of its own.

The checks of a pair of versions and of a given alignment table are here too,
so that every function comparing two versions (``compare_versions``,
``claim_changes``) refuses bad input in the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import check_doc_id, check_table

__all__ = [
    "Op",
    "alignment_groups",
    "check_alignment",
    "check_given_alignment",
    "check_pair_ids",
    "diff_words",
    "group_texts",
    "word_spans",
]

_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*\w*|\w+(?:['’‐-]\w+)*|[^\w\s]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'"})

ALIGNMENT_COLUMNS = ("a_sent", "b_sent", "a_text", "b_text", "similarity", "label")


@dataclass(frozen=True)
class Op:
    """One diff operation: ``tag`` is equal, delete, insert or replace; spans are char offsets."""

    tag: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    n_a: int  # tokens of a in the span
    n_b: int


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word token of ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _keys(text: str, spans: list[tuple[int, int]], normalize_quotes: bool) -> list[str]:
    words = [text[s:e] for s, e in spans]
    return [w.translate(_QUOTES) for w in words] if normalize_quotes else words


def diff_words(a: str, b: str, *, normalize_quotes: bool = True) -> tuple[list[Op], float]:
    """The word diff of ``a`` and ``b`` and SequenceMatcher's ratio over their tokens."""
    sa, sb = word_spans(a), word_spans(b)
    matcher = SequenceMatcher(
        None, _keys(a, sa, normalize_quotes), _keys(b, sb, normalize_quotes), autojunk=False
    )
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a0 = sa[i1][0] if i1 < len(sa) else len(a)
        a1 = sa[i2 - 1][1] if i2 > i1 else a0
        b0 = sb[j1][0] if j1 < len(sb) else len(b)
        b1 = sb[j2 - 1][1] if j2 > j1 else b0
        ops.append(Op(tag, a0, a1, b0, b1, i2 - i1, j2 - j1))
    ratio = matcher.ratio() if (sa or sb) else 1.0
    return ops, ratio


def check_alignment(alignment: object, func: str) -> pd.DataFrame:
    """Check that ``alignment`` is an alignment table; return it."""
    return check_table(
        alignment,
        ALIGNMENT_COLUMNS,
        func=func,
        name="`alignment`",
        described="an alignment table from mediakit.align_sentences(articles, a, b)",
    )


def check_pair_ids(articles: pd.DataFrame, a: Any, b: Any, func: str) -> None:
    """Check that ``a`` and ``b`` are two different doc_ids of ``articles``."""
    for name, value in (("a", a), ("b", b)):
        check_doc_id(articles, value, func=func, name=name)
    if a == b:
        raise ValueError(
            f"{func}: `a` and `b` are both {a!r}; pass two different doc_ids "
            "(to compare identical texts, give them two rows)"
        )


def check_given_alignment(
    alignment: Any, sentences: pd.DataFrame, a: Any, b: Any, func: str
) -> pd.DataFrame:
    """Check a given alignment of ``a`` to ``b`` against their sentences; return it renumbered."""
    alignment = check_alignment(alignment, func)
    for side, doc in (("a", a), ("b", b)):
        known = set(sentences.loc[sentences["doc_id"] == doc, "sent_id"].tolist())
        given = {int(v) for v in alignment[f"{side}_sent"].dropna().tolist()}
        if given - known:
            raise ValueError(
                f"{func}: `alignment` has {side}_sent id(s) {sorted(given - known)[:10]} that "
                f"are not sentences of {doc!r} (it has {len(known)}); was it made from "
                "other articles, or before cleaning?"
            )
    return alignment.reset_index(drop=True)


def _ids(values: pd.Series) -> list[int | None]:
    return [None if pd.isna(v) else int(v) for v in values.tolist()]


def alignment_groups(alignment: pd.DataFrame) -> np.ndarray:
    """Group number of each alignment row (0, 1, ... in order of first row).

    Rows that share an a sentence or a b sentence (merges, splits) are one
    group; unmatched rows are groups of their own.
    """
    a_ids, b_ids = _ids(alignment["a_sent"]), _ids(alignment["b_sent"])
    parent = list(range(len(a_ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, int], int] = {}
    for i, (x, y) in enumerate(zip(a_ids, b_ids, strict=True)):
        if x is None or y is None:
            continue
        for key in (("a", x), ("b", y)):
            if key in first:
                ri, rj = find(i), find(first[key])
                parent[max(ri, rj)] = min(ri, rj)
            else:
                first[key] = i
    roots = [find(i) for i in range(len(a_ids))]
    number: dict[int, int] = {}
    return np.array([number.setdefault(r, len(number)) for r in roots], dtype=np.int64)


def group_texts(rows: pd.DataFrame) -> tuple[list[int], list[int], str, str]:
    """The distinct a and b sentence ids of one group's rows and their joined texts."""
    a: dict[int, str] = {}
    b: dict[int, str] = {}
    for x, y, ta, tb in zip(
        _ids(rows["a_sent"]), _ids(rows["b_sent"]), rows["a_text"], rows["b_text"], strict=True
    ):
        if x is not None and not pd.isna(ta):
            a.setdefault(x, str(ta))
        if y is not None and not pd.isna(tb):
            b.setdefault(y, str(tb))
    a_ids, b_ids = sorted(a), sorted(b)
    return a_ids, b_ids, " ".join(a[i] for i in a_ids), " ".join(b[i] for i in b_ids)
