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
token is looked up once for entries starting with it (and, for the other
tokens of multi-token entries, once per token number); the candidate
(position, entry) pairs are then checked with numpy, and only the hits are
visited in Python, to apply leftmost-longest per category.
"""

from __future__ import annotations

import itertools
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
    """Per entry, the categories among ``categories`` it counts for (itself and ancestors).

    Remembered per compiled dictionary and list of categories (every chunk of a
    corpus asks the same).
    """
    key = tuple(categories)
    found = compiled.credits.get(key)
    if found is None:
        wanted = set(categories)
        rank = {c: i for i, c in enumerate(categories)}
        found = []
        for e in compiled.entries:
            parts = e.category.split("/")
            chain = ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]
            found.append(tuple(sorted((c for c in chain if c in wanted), key=rank.__getitem__)))
        compiled.credits[key] = found
    return found


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
    # compiled dictionary across calls), then those that count for the categories asked;
    # flattened, with each token's first one at offsets[code]
    starting = compiled.starting_entries_of(uniques)
    per_token = np.fromiter(map(len, starting), dtype=np.int64, count=len(starting))
    flat = np.fromiter(
        itertools.chain.from_iterable(itertools.chain.from_iterable(starting)), dtype=np.int64
    ).reshape(-1, 2)
    flat_n, flat_i = flat[:, 0], flat[:, 1]
    if not all(credit):  # entries that count for none of the categories asked are dropped
        keep = np.fromiter(map(bool, credit), dtype=bool, count=len(credit))[flat_i]
        owner = np.repeat(np.arange(len(uniques)), per_token)[keep]
        flat_n, flat_i = flat_n[keep], flat_i[keep]
        per_token = np.bincount(owner, minlength=len(uniques)).astype(np.int64)
    offsets = np.cumsum(per_token) - per_token
    # every (row, entry) that may start a hit, in reading order, longest entry first
    here = per_token[codes]
    candidates = np.flatnonzero(here)
    k = here[candidates]
    row = np.repeat(candidates, k)
    at = np.repeat(offsets[codes[candidates]], k) + _ranks(k)
    span = flat_n[at]
    entry = flat_i[at]
    _, ends = run_bounds(np.asarray(unit))
    ok = row + span <= ends[row]  # within the sentence
    # the other tokens of multi-token entries, one token number at a time
    match_token = compiled.match_token
    n_entries = len(entries)
    for step in range(1, int(span.max(initial=1))):
        check = np.flatnonzero(ok & (span > step))
        if not len(check):
            break
        code_there = codes[row[check] + step].astype(np.int64)
        matching = [
            code * n_entries + i
            for code in np.unique(code_there).tolist()
            for i in match_token(uniques[code], step)
        ]
        good = np.isin(code_there * n_entries + entry[check], np.asarray(matching, dtype=np.int64))
        ok[check[~good]] = False
    row, span, entry = row[ok], span[ok], entry[ok]

    # each hit counts for its credited categories; per category, leftmost-longest: a hit is
    # taken unless a hit taken before it in that category covers its first token
    number = {cat: c for c, cat in enumerate(categories)}
    entry_cats = [[number[cat] for cat in credit[i]] for i in range(n_entries)]
    n_cats = np.fromiter(map(len, entry_cats), dtype=np.int64, count=n_entries)[entry]
    hit_row, hit_span, hit_entry = (np.repeat(a, n_cats) for a in (row, span, entry))
    hit_cat = [c for i in entry.tolist() for c in entry_cats[i]]
    free_from = [0] * len(categories)  # per category, the first row not yet covered
    taken: list[int] = []
    for j, (p, n, c) in enumerate(zip(hit_row.tolist(), hit_span.tolist(), hit_cat, strict=True)):
        if free_from[c] <= p:
            free_from[c] = p + n
            taken.append(j)
    pick = np.asarray(taken, dtype=np.int64)
    rows = hit_row[pick].tolist()
    spans = hit_span[pick].tolist()
    cats = [categories[hit_cat[j]] for j in taken]
    pats = [entries[i].pattern for i in hit_entry[pick].tolist()]
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
