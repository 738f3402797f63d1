"""Words of articles, their n-gram sets and common passages, for :mod:`mediakit.compare.reuse`.

:func:`article_words` turns articles into integer word codes (one code per
distinct ``norm`` of :func:`mediakit.tokenize`, punctuation left out)
concatenated over documents, with ``ptr`` marking where each document starts
(``codes[ptr[d]:ptr[d + 1]]`` is document ``d``), as in a CSR matrix.

* :func:`gram_ids` numbers every word k-gram of every document with a few
  vectorised passes (``pandas.factorize`` of the pair of ids of its two
  halves), so there is no Python loop over documents or positions.
* :func:`gram_matrix` turns them into a binary document × k-gram
  ``scipy.sparse`` matrix; :func:`shared_counts` gets the number of k-grams
  two documents share for many pairs from one sparse product.
* :func:`greedy_string_tiling` is Wise's (1996) Greedy String Tiling on a
  hash index of the min-length windows (the idea of his Running Karp-Rabin
  variant): no well-kept Python library implements it (the PyPI packages
  that do are unmaintained single-author releases), and it is short.
  :func:`tiles` runs it on the pairs that can have a passage at all.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from mediakit._validation import MediakitWarning, check_table, show_values, warn
from mediakit.segment import tokenize

__all__ = [
    "Words",
    "article_words",
    "gram_ids",
    "gram_matrix",
    "greedy_string_tiling",
    "shared_counts",
    "tiles",
    "warn_short",
]

_TOKEN_COLUMNS = ["doc_id", "token_id", "norm", "start", "end", "is_punct"]

# Above this many cells the (unique a) × (unique b) product is not made dense;
# the pairs are then taken row by row in blocks.
_DENSE_CELLS = 20_000_000
_BLOCK = 20_000


def gram_ids(codes: np.ndarray, ptr: np.ndarray, k: int) -> tuple[np.ndarray, int]:
    """Id of the word k-gram starting at each position, -1 where none fits.

    A k-gram never crosses from one document into the next. Ids are dense
    (0 .. n_ids - 1) and equal exactly when the k words are equal. The id of
    a k-gram is the factorized pair (id of its first half, id of its second
    half), built by halving, so a k-gram costs about log2(k) vectorised
    passes.

    Returns
    -------
    ids : numpy.ndarray of int64, aligned with ``codes``
    n_ids : int
    """
    m = len(codes)
    if m == 0 or k < 1:
        return np.full(m, -1, dtype=np.int64), 0
    doc = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))
    room = ptr[doc + 1] - np.arange(m)  # words from each position to its document's end
    memo: dict[int, tuple[np.ndarray, int]] = {}

    def grams(size: int) -> tuple[np.ndarray, int]:
        if size in memo:
            return memo[size]
        if size == 1:
            ids, uniques = pd.factorize(codes, sort=False)
            memo[1] = ids.astype(np.int64), len(uniques)
            return memo[1]
        half = size // 2
        left, _ = grams(size - half)
        right, n_right = grams(half)
        ids = np.full(m, -1, dtype=np.int64)
        at = np.flatnonzero(room >= size)
        if len(at):
            # left < m and right < n_right <= m: the product fits in int64.
            key = left[at] * (n_right + 1) + right[at + (size - half)]
            ids[at], uniques = pd.factorize(key, sort=False)
            memo[size] = ids, len(uniques)
        else:
            memo[size] = ids, 0
        return memo[size]

    return grams(k)


def gram_matrix(codes: np.ndarray, ptr: np.ndarray, k: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Binary document × word k-gram matrix (CSR, int32), and the per-position ids."""
    ids, n_ids = gram_ids(codes, ptr, k)
    n_docs = len(ptr) - 1
    doc = np.repeat(np.arange(n_docs), np.diff(ptr))
    keep = ids >= 0
    data = np.ones(int(keep.sum()), dtype=np.int32)
    matrix = sparse.csr_matrix((data, (doc[keep], ids[keep])), shape=(n_docs, max(n_ids, 1)))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix, ids


def shared_counts(matrix: sparse.csr_matrix, pa: np.ndarray, pb: np.ndarray) -> np.ndarray:
    """Number of k-grams rows ``pa[i]`` and ``pb[i]`` of a binary matrix share, per pair.

    When the distinct rows on each side span a modest grid (always so for a
    source × derived request), one sparse product ``A @ B.T`` gives every
    intersection; otherwise the rows are multiplied element-wise in blocks.
    """
    if len(pa) == 0:
        return np.zeros(0, dtype=np.int64)
    ua, ia = np.unique(pa, return_inverse=True)
    ub, ib = np.unique(pb, return_inverse=True)
    if len(ua) * len(ub) <= max(_DENSE_CELLS, 4 * len(pa)):
        grid = (matrix[ua] @ matrix[ub].T).toarray()
        return grid[ia, ib].astype(np.int64)
    out = np.empty(len(pa), dtype=np.int64)
    for lo in range(0, len(pa), _BLOCK):
        hi = min(lo + _BLOCK, len(pa))
        both = matrix[pa[lo:hi]].multiply(matrix[pb[lo:hi]])
        out[lo:hi] = np.asarray(both.sum(axis=1)).ravel()
    return out


def greedy_string_tiling(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    min_len: int,
    *,
    a_keys: Sequence[Hashable] | None = None,
    b_keys: Sequence[Hashable] | None = None,
) -> list[tuple[int, int, int]]:
    """Greedy String Tiling (Wise 1996): non-overlapping maximal common runs.

    Repeatedly find the longest runs of equal tokens that are unmarked in
    both sequences, tile (mark) every such run of that length that does not
    overlap a tile laid in the same round, and go on with shorter runs, until
    no unmarked common run of at least ``min_len`` tokens is left. Among runs
    of equal length, the one that starts earlier in ``a`` (then in ``b``) is
    tiled first.

    Candidate runs are found through a hash index of the ``min_len``-token
    windows of ``b`` that hold no marked token (Wise's Running Karp-Rabin
    idea), so a round costs about ``len(a) + len(b)`` plus the extension of
    the runs found; texts with long self-repetitions are the slow case.

    Parameters
    ----------
    a, b : sequences of hashable tokens
    min_len : int
        Minimum tile length (>= 1).
    a_keys, b_keys : sequences, optional
        Key of the ``min_len``-window starting at each position (equal keys
        exactly when the windows are equal; any value past the last full
        window). Made from tuples when not given.

    Returns
    -------
    list of (a_pos, b_pos, length)
        The tiles in the order they were laid (longest first).
    """
    na, nb = len(a), len(b)
    if min_len < 1 or na < min_len or nb < min_len:
        return []
    if a_keys is None:
        a_keys = [tuple(a[i : i + min_len]) for i in range(na - min_len + 1)]
    if b_keys is None:
        b_keys = [tuple(b[i : i + min_len]) for i in range(nb - min_len + 1)]
    mark_a = bytearray(na)
    mark_b = bytearray(nb)
    tiles: list[tuple[int, int, int]] = []
    while True:
        index: dict[Hashable, list[int]] = {}
        for q in range(nb - min_len + 1):
            if mark_b.find(1, q, q + min_len) < 0:
                index.setdefault(b_keys[q], []).append(q)
        if not index:
            break
        best = min_len
        matches: list[tuple[int, int, int]] = []
        for p in range(na - min_len + 1):
            found = index.get(a_keys[p])
            if found is None or mark_a.find(1, p, p + min_len) >= 0:
                continue
            for q in found:
                # A run that extends to the left is found from its real start.
                if p and q and a[p - 1] == b[q - 1] and not mark_a[p - 1] and not mark_b[q - 1]:
                    continue
                j = min_len
                while (
                    p + j < na
                    and q + j < nb
                    and a[p + j] == b[q + j]
                    and not mark_a[p + j]
                    and not mark_b[q + j]
                ):
                    j += 1
                if j > best:
                    best = j
                    matches = [(p, q, j)]
                elif j == best:
                    matches.append((p, q, j))
        if not matches:
            break
        for p, q, j in matches:
            if mark_a.find(1, p, p + j) < 0 and mark_b.find(1, q, q + j) < 0:
                mark_a[p : p + j] = b"\x01" * j
                mark_b[q : q + j] = b"\x01" * j
                tiles.append((p, q, j))
        if best == min_len:
            break  # what is left of the occluded runs is shorter than min_len
    return tiles


# ---------------------------------------------------------------------------
# the words of articles, and their passages
# ---------------------------------------------------------------------------


@dataclass
class Words:
    """The words (non-punctuation tokens) of some articles, as integer codes."""

    docs: pd.Index
    texts: list[str]
    codes: np.ndarray  # token code per word (punctuation left out), documents concatenated
    starts: np.ndarray  # char offsets of each word in its article's text
    ends: np.ndarray
    ptr: np.ndarray  # codes[ptr[d]:ptr[d + 1]] are the words of docs[d]

    @property
    def n_words(self) -> np.ndarray:
        return np.diff(self.ptr)


def article_words(articles: pd.DataFrame, docs: pd.Index, tokens: Any, func: str) -> Words:
    """Words of the articles ``docs``, from ``tokens`` or from tokenizing them now."""
    sub = articles.loc[docs]
    values = sub["text"].tolist()
    wrong = [
        (d, type(v).__name__)
        for d, v in zip(docs, values, strict=True)
        if not (isinstance(v, str) or _na(v))
    ]
    if wrong:
        raise TypeError(
            f"{func} needs str values in column `text`; got {wrong[:5]} (doc_id, type). "
            "Convert them first, e.g. articles.assign(text=articles['text'].astype(str))"
        )
    texts = [v if isinstance(v, str) else "" for v in values]
    if tokens is None:
        with warnings.catch_warnings():
            # Empty and short articles get one warning of our own (see warn_short).
            warnings.simplefilter("ignore", MediakitWarning)
            tokens = tokenize(sub)
    else:
        tokens = _check_tokens(tokens, docs, func)
    words = tokens.loc[~tokens["is_punct"].to_numpy(dtype=bool)]
    pos = docs.get_indexer(pd.Index(words["doc_id"], dtype=docs.dtype))
    order = np.lexsort((words["token_id"].to_numpy(), pos))
    codes, _ = pd.factorize(words["norm"].to_numpy()[order])
    counts = np.bincount(pos, minlength=len(docs))
    ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return Words(
        docs=docs,
        texts=texts,
        codes=codes.astype(np.int64),
        starts=words["start"].to_numpy(dtype=np.int64)[order],
        ends=words["end"].to_numpy(dtype=np.int64)[order],
        ptr=ptr,
    )


def _na(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _check_tokens(tokens: Any, docs: pd.Index, func: str) -> pd.DataFrame:
    check_table(
        tokens,
        _TOKEN_COLUMNS,
        func=func,
        name="`tokens`",
        described="from mediakit.tokenize(articles)",
    )
    return tokens.loc[tokens["doc_id"].isin(docs), _TOKEN_COLUMNS]


def warn_short(texts: Words, n: int | None, func: str) -> None:
    """Name the articles with fewer than ``n`` words (None: with no words)."""
    short = [d for d, k in zip(texts.docs, texts.n_words, strict=True) if k < (n or 1)]
    if not short:
        return
    if n is None:
        what = "have no words (empty or missing text), so no passages"
    else:
        what = (
            f"have no text or fewer than {n} words, so no word {n}-grams: "
            "shares of their n-grams are NaN"
        )
    warn(f"{func}: {len(short)} article(s) {what}: {show_values(short)}", stacklevel=4)


# ---------------------------------------------------------------------------
# passages
# ---------------------------------------------------------------------------


def tiles(texts: Words, pa: np.ndarray, pb: np.ndarray, min_passage: int) -> dict[int, list]:
    """GST tiles of every pair that shares a ``min_passage``-word sequence, by pair index.

    A verbatim passage of ``min_passage`` or more words contains a shared
    ``min_passage``-gram, so pairs without one have no passage: skipping them
    loses nothing.
    """
    grams, ids = gram_matrix(texts.codes, texts.ptr, min_passage)
    shared = shared_counts(grams, pa, pb)
    ptr = texts.ptr
    cache: dict[int, tuple[list[int], list[int]]] = {}

    def seq(d: int) -> tuple[list[int], list[int]]:
        if d not in cache:
            cache[d] = (
                texts.codes[ptr[d] : ptr[d + 1]].tolist(),
                ids[ptr[d] : ptr[d + 1]].tolist(),
            )
        return cache[d]

    out: dict[int, list] = {}
    for i in np.flatnonzero(shared > 0).tolist():
        a, a_keys = seq(int(pa[i]))
        b, b_keys = seq(int(pb[i]))
        found = greedy_string_tiling(a, b, min_passage, a_keys=a_keys, b_keys=b_keys)
        out[i] = sorted(found, key=lambda t: t[1])  # reading order of the derived text
    return out
