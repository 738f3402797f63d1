"""The matching engine behind frame_hits and count_frames.

Rules (documented for users in :func:`mediakit.frame_hits`):

* patterns match token sequences within one sentence;
* per category, matching is leftmost-longest: scanning tokens in reading
  order, at each position the longest entry of the category that matches
  there is taken (ties: the entry listed first), and the tokens it covers are
  skipped for that category, so a token counts at most once per category;
* a parent category (``conflict``) is matched with the entries of its whole
  sub-tree under the same rule, so a token that two children both match counts
  once for the parent.

The work is per distinct token, not per token: every distinct normalised
token is looked up once for entries starting with it, and only positions
where some entry starts are visited in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mediakit.framing._compiled import CompiledDictionary


@dataclass(frozen=True)
class Matches:
    """Hits found in a tokens table (positions are row numbers of that table)."""

    row: np.ndarray  # first token of each hit
    n_tokens: np.ndarray  # tokens each hit spans
    category: list[str]
    pattern: list[str]
    covered: np.ndarray  # per token row: inside a hit of any category


def credited(compiled: CompiledDictionary, categories: Sequence[str]) -> list[tuple[str, ...]]:
    """Per entry, the categories among ``categories`` it counts for (itself and ancestors)."""
    wanted = set(categories)
    rank = {c: i for i, c in enumerate(categories)}
    out = []
    for e in compiled.entries:
        parts = e.category.split("/")
        chain = ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]
        out.append(tuple(sorted((c for c in chain if c in wanted), key=rank.__getitem__)))
    return out


def run_bounds(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the first row of its run of equal ``group`` values and the row after it.

    Used with sentence numbers (a hit never crosses a sentence) and with
    article numbers (the widest context of a keyword in context).
    """
    n = len(group)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], n]
    lengths = ends - starts
    return np.repeat(starts, lengths), np.repeat(ends, lengths)


def _ranks(lengths: np.ndarray) -> np.ndarray:
    """0, 1, ..., n - 1 for each n of ``lengths``, concatenated."""
    total = int(lengths.sum())
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total, dtype=np.int64) - first


def find(
    norm: Sequence[str] | np.ndarray | pd.api.extensions.ExtensionArray,
    unit: np.ndarray,
    compiled: CompiledDictionary,
    categories: Sequence[str],
) -> Matches:
    """Find every hit of ``compiled`` in the token sequence ``norm``.

    Parameters
    ----------
    norm : sequence of str
        Normalised tokens, in reading order, article after article.
    unit : numpy.ndarray of int
        Sentence number of each token (tokens of a sentence are contiguous);
        no hit crosses a change of it.
    compiled : CompiledDictionary
    categories : sequence of str
        Categories to report, in output order (parents included as wanted).
    """
    n_rows = len(norm)
    covered = np.zeros(n_rows, dtype=bool)
    if n_rows == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Matches(empty, empty.copy(), [], [], covered)
    if not isinstance(norm, pd.api.extensions.ExtensionArray | np.ndarray):
        norm = np.asarray(norm, dtype=object)
    # factorized as it is (an Arrow string column is encoded without a copy to objects)
    codes, found = pd.factorize(norm, use_na_sentinel=False)
    uniques = [t if isinstance(t, str) else str(t) for t in found.tolist()]
    entries = compiled.entries
    credit = credited(compiled, categories)
    # per distinct token: the entries that can start there, longest first (cached by the
    # compiled dictionary across calls), then those that count for the categories asked
    starts = compiled.starting_entries
    everything = all(credit)
    starting: list[tuple[tuple[int, int], ...]] = []
    for token in uniques:
        found_here = starts(token)
        if found_here and not everything:
            found_here = tuple(ni for ni in found_here if credit[ni[1]])
        starting.append(found_here)
    has_start = np.fromiter((bool(s) for s in starting), dtype=bool, count=len(starting))
    candidates = np.flatnonzero(has_start[codes])
    _, ends = run_bounds(np.asarray(unit))
    match_token = compiled.match_token

    free_from: dict[str, int] = dict.fromkeys(categories, 0)  # first row not yet covered
    rows: list[int] = []
    spans: list[int] = []
    cats: list[str] = []
    pats: list[str] = []
    # plain lists: indexing numpy arrays one element at a time is slow in this loop
    code_of = codes.tolist()
    end_of = ends.tolist()
    for p in candidates.tolist():
        limit = end_of[p]
        for n, i in starting[code_of[p]]:
            if p + n > limit:
                continue
            if n > 1 and not all(i in match_token(uniques[code_of[p + k]], k) for k in range(1, n)):
                continue
            for cat in credit[i]:
                if free_from[cat] <= p:
                    free_from[cat] = p + n
                    rows.append(p)
                    spans.append(n)
                    cats.append(cat)
                    pats.append(entries[i].pattern)
    if rows:  # the rows each hit covers
        starts = np.asarray(rows, dtype=np.int64)
        lengths = np.asarray(spans, dtype=np.int64)
        covered[np.repeat(starts, lengths) + _ranks(lengths)] = True
    return Matches(
        np.asarray(rows, dtype=np.int64),
        np.asarray(spans, dtype=np.int64),
        cats,
        pats,
        covered,
    )
