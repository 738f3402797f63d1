"""The lexical-diversity measures of many texts at once, from integer word codes.

:mod:`mediakit.style._diversity` defines each measure on one list of words,
as the papers do; this module computes the same values for a whole corpus
with numpy, because a Python loop over every word of every article was most
of the time of :func:`mediakit.lexical_features`. Every word is a code
(equal ``norm``, equal code) and knows the position of the previous and the
next occurrence of its type in its article. From those:

* types and hapaxes are first occurrences, and first occurrences with no
  next one;
* MATTR: a window of ``w`` words starting at ``i`` has as many types as
  words ``j`` in it whose previous occurrence lies before ``i``; summed over
  the windows, word ``j`` counts once for each window start ``i`` with
  ``max(prev_j + 1, j - w + 1) <= i <= min(j, n - w)``, so the sum is one
  vectorised expression and the mean is exactly the mean of the per-window
  TTRs;
* MTLD: a stretch that starts at ``s`` has a new type at ``j`` when
  ``prev_j < s``; the running TTR of a stretch is a cumulative sum, so a
  pass jumps from factor to factor instead of stepping word by word, and
  the passes of all articles (forward and backward: the backward pass reads
  the next occurrences backwards) advance together, one factor each per
  round of a few numpy calls;
* HD-D: the hypergeometric term of every (article, type) pair at once,
  summed per article in the order the types first occur, as the one-text
  function does.

Tests check every value against the one-text functions (and so against
lexicalrichness and TAALED) on real articles.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from mediakit._validation import show_values, warn
from mediakit.style._diversity import HDD_SAMPLE

__all__ = ["Words", "diversity_arrays", "diversity_frame"]

NAN = float("nan")
_HDD_BLOCK = 20_000  # (N, f) pairs per block of the HD-D matrix (x 42 floats)


class Words:
    """Every article's words as codes, with the previous and next occurrence of each.

    Parameters
    ----------
    doc : numpy.ndarray of int
        Article position (0 to ``n_docs - 1``) of each word, non-decreasing:
        an article's words are contiguous and in reading order.
    code : numpy.ndarray of int
        Type code of each word.
    n_docs : int
        Number of articles (those without words included).
    """

    def __init__(self, doc: np.ndarray, code: np.ndarray, n_docs: int) -> None:
        doc = np.asarray(doc, dtype=np.int64)
        code = np.asarray(code, dtype=np.int64)
        n = len(doc)
        self.n_docs = n_docs
        self.lengths = np.bincount(doc, minlength=n_docs).astype(np.int64)
        self.cut = np.concatenate([[0], np.cumsum(self.lengths)])  # doc d: cut[d]:cut[d+1]
        local = np.arange(n, dtype=np.int64) - self.cut[doc]
        key = doc * (int(code.max()) + 1 if n else 1) + code
        order = np.argsort(key, kind="stable")  # by (doc, type), then reading order
        same = np.zeros(n, dtype=bool)
        if n > 1:
            same[1:] = key[order[1:]] == key[order[:-1]]
        prev = np.full(n, -1, dtype=np.int64)
        prev[order[same]] = local[order[np.flatnonzero(same) - 1]]
        nxt = self.lengths[doc].copy()  # n of the article: no next occurrence
        nxt[order[np.flatnonzero(same) - 1]] = local[order[same]]
        self.doc, self.local, self.prev, self.next = doc, local, prev, nxt
        self.first = prev < 0
        # frequency of each type, by its first occurrence (runs of equal keys in `order`)
        starts = np.flatnonzero(~same)
        self.freq_at_first = np.zeros(n, dtype=np.int64)
        self.freq_at_first[order[starts]] = np.diff(np.append(starts, n))

    def types(self) -> np.ndarray:
        """Distinct words of each article."""
        return np.bincount(self.doc[self.first], minlength=self.n_docs).astype(np.int64)


def _mattr(words: Words, window: int) -> np.ndarray:
    n = words.lengths[words.doc]
    lo = np.maximum(words.prev + 1, words.local - window + 1)
    hi = np.minimum(words.local, n - window)
    total = np.bincount(words.doc, weights=np.maximum(hi - lo + 1, 0), minlength=words.n_docs)
    lengths = words.lengths
    out = np.full(words.n_docs, NAN)
    ok = lengths >= window
    out[ok] = total[ok] / (window * (lengths[ok] - window + 1))
    return out


def _mtld_pass(
    prev: np.ndarray, threshold: float, start: int = 0, full: int = 0
) -> tuple[int, float]:
    """Full and partial factors of one pass; ``prev[j]``: previous occurrence of word j.

    ``start`` and ``full``: where the pass stands and the factors it has closed
    (to finish a pass that :func:`_mtld_passes` began).
    """
    n = len(prev)
    block = 128
    while start < n:
        stop = min(n, start + block)
        types = np.cumsum(prev[start:stop] < start)
        closes = types / np.arange(1, stop - start + 1) <= threshold
        k = int(closes.argmax())
        if closes[k]:
            full += 1
            start += k + 1
        elif stop == n:
            partial = (1 - int(types[-1]) / (n - start)) / (1 - threshold)
            return full, partial
        else:
            block *= 2
    return full, 0.0


def _mtld_passes(
    prev: np.ndarray, cut: np.ndarray, threshold: float, block: int = 128
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_mtld_pass` of many sequences at once: ``prev[cut[i]:cut[i + 1]]`` is sequence i.

    Each round closes the next factor of every sequence still open, reading a
    window of ``block`` words of each (a 2-D cumulative sum); the few
    sequences whose factor runs longer than the window are finished by
    :func:`_mtld_pass`. The arithmetic is that of :func:`_mtld_pass`, so the
    values are the same.
    """
    n_seq = len(cut) - 1
    length = np.diff(cut)
    full = np.zeros(n_seq, dtype=np.int64)
    partial = np.zeros(n_seq)
    start = np.zeros(n_seq, dtype=np.int64)
    steps = np.arange(block, dtype=np.int64)
    ranks = np.arange(1, block + 1)
    open_ = np.flatnonzero(length > 0)
    long: list[int] = []
    while len(open_):
        s, n = start[open_], length[open_]
        at = s[:, None] + steps[None, :]
        inside = at < n[:, None]
        seen = prev[cut[open_][:, None] + np.minimum(at, n[:, None] - 1)]
        types = np.cumsum((seen < s[:, None]) & inside, axis=1)
        closes = (types / ranks <= threshold) & inside
        k = closes.argmax(axis=1)
        closed = closes[np.arange(len(open_)), k]
        full[open_[closed]] += 1
        start[open_[closed]] += k[closed] + 1
        ended = ~closed & (s + block >= n)  # the rest of the sequence is the partial factor
        rest = n[ended] - s[ended]
        partial[open_[ended]] = (1 - types[np.flatnonzero(ended), rest - 1] / rest) / (
            1 - threshold
        )
        long += open_[~closed & ~ended].tolist()
        keep = closed & (start[open_] < n)
        open_ = open_[keep]
    for i in long:  # a factor longer than the window: finish it one sequence at a time
        full[i], partial[i] = _mtld_pass(prev[cut[i] : cut[i + 1]], threshold, start[i], full[i])
    return full, partial


def _mtld(words: Words, threshold: float) -> np.ndarray:
    n = words.lengths[words.doc]
    # the backward pass: word j of the reversed article is word n - 1 - j, and its previous
    # occurrence is the next occurrence of that word, read backwards
    backward = np.empty_like(words.prev)
    backward[words.cut[words.doc] + n - 1 - words.local] = n - 1 - words.next
    total = len(words.prev)
    cut = np.concatenate([words.cut, words.cut[1:] + total])
    full, partial = _mtld_passes(np.concatenate([words.prev, backward]), cut, threshold)
    factors = (full + partial).reshape(2, words.n_docs)
    lengths = words.lengths.astype(np.float64)
    out = np.full(words.n_docs, NAN)
    ok = (words.lengths > 0) & (factors > 0).all(axis=0)
    out[ok] = (lengths[ok] / factors[0, ok] + lengths[ok] / factors[1, ok]) / 2
    return out


def _hdd(words: Words, sample: int) -> np.ndarray:
    at = np.flatnonzero(words.first)  # types in order of first occurrence, article by article
    doc = words.doc[at]
    freqs = words.freq_at_first[at].astype(np.float64)
    n = words.lengths[doc].astype(np.float64)
    # the term depends on (N, f) only, and most types of an article share a few frequencies:
    # compute it once per distinct pair, with the one-text function's arithmetic
    width = int(freqs.max()) + 1 if len(at) else 1
    pairs, inverse = np.unique(n.astype(np.int64) * width + freqs.astype(np.int64),
                               return_inverse=True)  # fmt: skip
    pair_n, pair_f = (pairs // width).astype(np.float64), (pairs % width).astype(np.float64)
    p_pair = np.zeros(len(pairs))
    ok = pair_n - pair_f >= sample
    steps = np.arange(sample, dtype=np.float64)
    for b in range(0, len(pairs), _HDD_BLOCK):
        rows = np.flatnonzero(ok[b : b + _HDD_BLOCK]) + b
        left = pair_n[rows, None] - steps[None, :]
        p_pair[rows] = np.exp(np.log1p(-pair_f[rows, None] / left).sum(axis=1))
    p_none = p_pair[inverse.reshape(-1)]
    drawn = 1.0 - p_none
    out = np.full(words.n_docs, NAN)
    cut = np.searchsorted(doc, np.arange(words.n_docs + 1))
    for d in np.flatnonzero(words.lengths >= sample):
        out[d] = float(np.sum(drawn[cut[d] : cut[d + 1]]) / sample)
    return out


def diversity_arrays(
    words: Words, measures: list[str], *, window: int, ttr_threshold: float
) -> dict[str, np.ndarray]:
    """Each measure of :mod:`mediakit.style._diversity` for every article (NaN: undefined)."""
    lengths = words.lengths.astype(np.float64)
    types = words.types().astype(np.float64)
    has = lengths > 0
    out: dict[str, np.ndarray] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for m in measures:
            if m == "ttr":
                out[m] = np.where(has, types / lengths, NAN)
            elif m == "root_ttr":
                out[m] = np.where(has, types / np.sqrt(lengths), NAN)
            elif m == "log_ttr":
                out[m] = np.where(lengths > 1, np.log(types) / np.log(lengths), NAN)
            elif m == "hapax_ratio":
                hapax = words.first & (words.next == words.lengths[words.doc])
                once = np.bincount(words.doc[hapax], minlength=words.n_docs)
                out[m] = np.where(has, once / types, NAN)
            elif m == "mattr":
                out[m] = _mattr(words, window)
            elif m == "mtld":
                out[m] = _mtld(words, ttr_threshold)
            elif m == "hdd":
                out[m] = _hdd(words, HDD_SAMPLE)
            else:  # pragma: no cover - measures are checked by the caller
                raise ValueError(f"unknown measure {m!r}")
    return out


def diversity_frame(
    articles: pd.DataFrame,
    words: Words,
    measures: list[str],
    *,
    window: int,
    ttr_threshold: float,
    func: str,
    stacklevel: int = 4,
) -> pd.DataFrame:
    """Table of ``measures`` for each article's words, with the warnings that name articles."""
    data = diversity_arrays(words, measures, window=window, ttr_threshold=ttr_threshold)
    out = pd.DataFrame(data, index=articles.index.copy(), columns=measures, dtype=np.float64)
    out.index.name = "doc_id"
    lengths = words.lengths
    ids = articles.index
    if "mattr" in measures:
        short = [d for d, n in zip(ids, lengths, strict=True) if 0 < n < window]
        if short:
            warn(
                f"{func}: mattr is NaN for {len(short)} article(s) with fewer words than the "
                f"window ({window}): {show_values(short)}; pass a smaller `window`",
                stacklevel=stacklevel,
            )
    if "hdd" in measures:
        short = [d for d, n in zip(ids, lengths, strict=True) if 0 < n < HDD_SAMPLE]
        if short:
            warn(
                f"{func}: hdd is NaN for {len(short)} article(s) with fewer than "
                f"{HDD_SAMPLE} words (the HD-D sample size): {show_values(short)}",
                stacklevel=stacklevel,
            )
    if "mtld" in measures:
        flat = [d for d, n, v in zip(ids, lengths, out["mtld"], strict=True) if n and math.isnan(v)]
        if flat:
            warn(
                f"{func}: mtld is NaN (infinite) for {len(flat)} article(s) in which no word "
                f"repeats: {show_values(flat)}",
                stacklevel=stacklevel,
            )
    plain = [m for m in ("ttr", "root_ttr", "log_ttr") if m in measures]
    measured = lengths[lengths > 0]
    if plain and len(measured) > 1 and measured.max() > 2 * measured.min():
        warn(
            f"{func}: {', '.join(plain)} depend on text length and these articles range from "
            f"{measured.min()} to {measured.max()} words; compare mattr, mtld or hdd instead",
            stacklevel=stacklevel,
        )
    return out
