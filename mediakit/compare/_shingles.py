"""Word n-gram shingles hashed in bulk, the sampled index built on them, exact verification.

The engine of :func:`mediakit.near_duplicates` (private), shared by its pandas
path and its Dask path (``_near_duplicates_dask``), so that both apply one
implementation of every rule.

**Shingles.** :func:`near_duplicates` compares up to millions of articles, so the shingles
are made without a Python step per word: a chunk of texts is folded
(typographic punctuation to spaces, lower case), joined and encoded once, and
numpy finds the words and hashes them over the bytes:

* a *word* is a maximal run of ASCII letters and digits and non-ASCII
  characters (accented letters, other scripts), except typographic
  punctuation and spaces (U+2000-U+203F, no-break space, guillemets), which
  separate words like ASCII punctuation does (``Korea’s`` is ``korea`` +
  ``s``, as in ``Korea's``);
* a word's hash is a polynomial hash of its bytes modulo 2**64; a shingle's
  hash combines ``n`` consecutive word hashes and mixes them with the
  splitmix64 finaliser, so the low bits are uniform (sampling takes
  ``hash % rate == 0``).

The hashes depend only on the text: the same corpus gives the same shingles
in every process and every run (unlike Python's salted ``hash``). Two
different shingles share a hash with probability about 2**-64 per pair.

**The index** (:func:`sketch`, :func:`index`): one shingle in ``sample`` of
each article plus its :data:`BOTTOM_K` smallest, as (shingle, doc) entries
sorted by shingle. **Candidates** (:func:`postings`, :func:`pair_counts`,
:func:`enough`): the posting lists of 2 to ``max_df`` entries make pairs, and
a pair sharing enough lists is a candidate. **Verification**
(:func:`verify`): every candidate on the full shingle sets.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from mediakit._progress import bar

__all__ = [
    "BOTTOM_K",
    "Texts",
    "candidates",
    "chunks",
    "contains",
    "counted",
    "doc_shingles",
    "enough",
    "entry_bits",
    "has_words",
    "index",
    "mix",
    "pair_counts",
    "postings",
    "shingles",
    "sketch",
    "verify",
]

_BASE = np.uint64(1099511628211)  # FNV prime (odd): the polynomial's base
_BASE_INV = np.uint64(pow(1099511628211, -1, 2**64))  # its inverse modulo 2**64
#: Bytes that are part of a word: 0-9, a-z (the text is lowercased) and non-ASCII.
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[48:58] = True
_WORD_BYTE[97:123] = True
_WORD_BYTE[128:] = True
_MULT = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xBF58476D1CE4E5B9),
    np.uint64(0x94D049BB133111EB),
)


def mix(h: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser of uint64 values (uniform low bits)."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(30))
        h = h * _MULT[1]
        h = h ^ (h >> np.uint64(27))
        h = h * _MULT[2]
        return h ^ (h >> np.uint64(31))


_SEGMENT = 1 << 20  # bytes hashed at once
_POWERS: list[np.ndarray] = []


def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**k and BASE**-k modulo 2**64 for k < length (kept between calls)."""
    if not _POWERS or len(_POWERS[0]) < length:
        size = max(length, _SEGMENT + (1 << 16))
        with np.errstate(over="ignore"):
            pw = np.cumprod(np.full(size, _BASE, dtype=np.uint64)) * _BASE_INV
            inv = np.cumprod(np.full(size, _BASE_INV, dtype=np.uint64)) * _BASE
        _POWERS[:] = [pw, inv]
    return _POWERS[0], _POWERS[1]


def _word_bytes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts folded, joined by NUL and encoded; and whether each byte is part of a word."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds NUL itself: make it a space
        joined = "\x00".join(t.replace("\x00", " ") for t in texts)
    b = np.frombuffer(joined.lower().encode("utf-8"), dtype=np.uint8)
    is_word = _WORD_BYTE[b]
    # U+2000-U+203F (spaces, dashes, quotes, ellipsis) and U+00A0/U+00AB/U+00BB separate words
    for lead, second in ((0xE2, 0x80), (0xC2, 0xA0), (0xC2, 0xAB), (0xC2, 0xBB)):
        at = np.flatnonzero((b[:-1] == lead) & ((b[1:] == second) if second != 0x80 else True))
        if lead == 0xE2:
            at = at[(b[at + 1] == 0x80) & (at + 2 < len(b))]
            is_word[at + 2] = False
        is_word[at] = False
        is_word[at + 1] = False
    return b, is_word


def has_words(texts: Sequence[str]) -> np.ndarray:
    """Whether each text has a word, so at least one shingle (without hashing anything)."""
    if not texts:
        return np.zeros(0, dtype=bool)
    b, is_word = _word_bytes(texts)
    doc = np.searchsorted(np.flatnonzero(b == 0), np.flatnonzero(is_word), side="right")
    return np.bincount(doc, minlength=len(texts)) > 0


def _word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hash of every word, index of its text) for all texts, in reading order."""
    if not texts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    b, is_word = _word_bytes(texts)
    edges = np.diff(np.concatenate(([False], is_word, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    if not len(starts):
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    ends = np.flatnonzero(edges == -1)
    doc = np.searchsorted(np.flatnonzero(b == 0), starts, side="right")
    # A polynomial hash of each word, from one running sum over the text: with
    # P odd (so invertible modulo 2**64), C[k] = sum_{i<k} x_i P**i and
    # hash(word) = (C[end] - C[start]) * P**-start = sum x_{start+j} P**j.
    # Long inputs (a 50 MB article) are hashed a segment of about _SEGMENT bytes at a time,
    # each cut between words, so that the power tables stay small.
    word_h = np.empty(len(starts), dtype=np.uint64)
    cut = np.searchsorted(starts, np.arange(_SEGMENT, len(b), _SEGMENT))
    bounds = np.unique(np.concatenate(([0], cut, [len(starts)])))
    for w0, w1 in itertools.pairwise(bounds):
        if w0 == w1:
            continue
        s0, s1 = int(starts[w0]), int(ends[w1 - 1])
        seg = b[s0:s1]
        x = np.where(is_word[s0:s1], seg.astype(np.uint64) + np.uint64(1), np.uint64(0))
        p_pow, inv_pow = _powers(len(seg))
        with np.errstate(over="ignore"):
            c = np.concatenate(([np.uint64(0)], np.cumsum(x * p_pow[: len(seg)], dtype=np.uint64)))
            rel_s, rel_e = starts[w0:w1] - s0, ends[w0:w1] - s0
            word_h[w0:w1] = (c[rel_e] - c[rel_s]) * inv_pow[rel_s]
    lengths = (ends - starts).astype(np.uint64)
    return mix(word_h ^ lengths), doc.astype(np.int64)


def shingles(texts: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashes of the word n-grams of ``texts``: (hash, text index, position of first word).

    A text with fewer than ``n`` words has one shingle, its whole word
    sequence, so that short texts can still match.
    """
    words, doc = _word_hashes(texts)
    if len(words) == 0:
        empty = np.zeros(0, np.int64)
        return np.zeros(0, np.uint64), empty, empty
    first = np.concatenate(([0], np.flatnonzero(np.diff(doc)) + 1))
    position = np.arange(len(words)) - np.repeat(first, np.diff(np.append(first, len(words))))
    with np.errstate(over="ignore"):
        h = words.copy()
        for k in range(1, n):
            nxt = np.concatenate((words[k:], np.zeros(min(k, len(words)), dtype=np.uint64)))
            h = h * _MULT[0] + nxt
    # keep the n-grams that stay inside their text
    last_ok = np.zeros(len(words), dtype=bool)
    inside = max(len(words) - (n - 1), 0)
    last_ok[:inside] = doc[n - 1 :] == doc[:inside]
    # texts shorter than n words: their first word position carries the whole sequence
    counts = np.bincount(doc, minlength=int(doc.max()) + 1)
    short = counts[doc] < n
    if short.any():
        with np.errstate(over="ignore"):
            acc = np.zeros(int(doc.max()) + 1, dtype=np.uint64)
            for k in np.flatnonzero(short):
                acc[doc[k]] = acc[doc[k]] * _MULT[0] + words[k]
        h = np.where(short & (position == 0), acc[doc], h)
        last_ok = last_ok | (short & (position == 0))
    return mix(h[last_ok]), doc[last_ok], position[last_ok]


def doc_shingles(texts: Sequence[str], n: int) -> list[np.ndarray]:
    """The sorted, distinct shingle hashes of each text."""
    h, doc, _ = shingles(texts, n)
    order = np.lexsort((h, doc))
    h, doc = h[order], doc[order]
    distinct = np.ones(len(h), dtype=bool)
    distinct[1:] = (h[1:] != h[:-1]) | (doc[1:] != doc[:-1])
    h, doc = h[distinct], doc[distinct]
    bounds = np.searchsorted(doc, np.arange(len(texts) + 1))
    return [h[bounds[i] : bounds[i + 1]] for i in range(len(texts))]


def contains(sorted_set: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` is in ``sorted_set`` (sorted, distinct): a binary search."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_set, values)
    at[at == len(sorted_set)] = 0
    return sorted_set[at] == values


#: Each article's this many smallest shingle hashes are indexed whatever ``sample`` is (a
#: bottom-k sketch): similar short texts share them, where one in ``sample`` would be too few.
BOTTOM_K = 4
_CHUNK_BYTES = 1 << 18  # texts are hashed in chunks of about 256 kB (cache-friendly)
_PAIR_BATCH = 5_000_000  # candidate pairs are counted this many at a time


class Texts(Sequence[str]):
    """The ``text`` column, read a slice at a time (a million articles are not copied at once).

    Missing values read as ``""``.
    """

    def __init__(self, column: pd.Series) -> None:
        self._column = column
        self.lengths = column.str.len().fillna(0).to_numpy(dtype=np.int64)

    def __len__(self) -> int:
        return len(self._column)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            return [t if isinstance(t, str) else "" for t in self._column.iloc[key].tolist()]
        value = self._column.iat[int(key)]
        return value if isinstance(value, str) else ""

    def take(self, positions: Sequence[int]) -> list[str]:
        values = self._column.iloc[list(positions)].tolist()
        return [t if isinstance(t, str) else "" for t in values]


def chunks(lengths: np.ndarray) -> list[tuple[int, int]]:
    """Ranges of texts of about _CHUNK_BYTES characters each (a long text alone)."""
    if not len(lengths):
        return []
    ends = np.cumsum(lengths + 1)
    cuts = np.searchsorted(ends, np.arange(_CHUNK_BYTES, int(ends[-1]), _CHUNK_BYTES), "right")
    bounds = np.unique(np.concatenate(([0], cuts, [len(lengths)])))
    return [(int(lo), int(hi)) for lo, hi in itertools.pairwise(bounds) if hi > lo]


def sketch(texts: Sequence[str], n: int, sample: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index some texts: entries (hash, text number), by text then hash; each text's shingles.

    Each text's distinct shingles, of which those with ``hash % sample == 0`` and
    the text's :data:`BOTTOM_K` smallest are indexed. A text's entries depend on
    that text alone, so that any split of a corpus (chunks, Dask partitions)
    gives the same entries.
    """
    h, d, _ = shingles(texts, n)
    if not len(h):
        return h, d, np.zeros(len(texts), dtype=np.int64)
    # sort by doc, then by hash: one key, the local doc id above the hash's top 44 bits
    # (two shingles of one article agreeing in those, about 1e-8 per article, may leave
    # a repeated entry: one extra shared shingle for its pairs, before exact verification)
    order = np.argsort((d.astype(np.uint64) << np.uint64(44)) | (h >> np.uint64(20)))
    h, d = h[order], d[order]
    distinct = np.ones(len(h), dtype=bool)
    distinct[1:] = (h[1:] != h[:-1]) | (d[1:] != d[:-1])
    h, d = h[distinct], d[distinct]
    n_shingles = np.bincount(d, minlength=len(texts))
    first = np.flatnonzero(np.concatenate(([True], d[1:] != d[:-1])))
    end = np.append(first[1:], len(d))
    keep = (h % np.uint64(sample)) == 0
    for k in range(BOTTOM_K):  # each doc's smallest shingles: a bottom-k sketch
        at = first + k
        keep[at[at < end]] = True
    return h[keep], d[keep], n_shingles


def entry_bits(n_docs: int) -> int:
    """Bits of a doc number in an index entry; the shingle hash keeps the other ``64 - bits``."""
    doc_bits = max(1, (n_docs - 1).bit_length())
    if doc_bits > 40:  # pragma: no cover - a trillion articles
        raise ValueError("near_duplicates: at most 2**40 articles")
    return doc_bits


def index(
    texts: Texts, n: int, sample: int, progress: bool | None = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shingle, doc) entries of the index, sorted by shingle then doc; each doc's shingle count.

    An entry is packed into one uint64: the shingle hash's top bits above the doc
    number, so the index is one array sorted in place (8 bytes an entry, no index
    array). Two different shingles agreeing in their top ``64 - doc_bits`` bits
    share a posting list; that only adds a candidate, which verification drops.
    """
    doc_bits = entry_bits(len(texts))
    shift = np.uint64(doc_bits)
    parts: list[np.ndarray] = []
    n_shingles = np.zeros(len(texts), dtype=np.int64)
    ranges = chunks(texts.lengths)
    for lo, hi in bar(ranges, total=len(ranges), desc="near_duplicates: index", progress=progress):
        h, d, n_shingles[lo:hi] = sketch(texts[lo:hi], n, sample)
        if len(h):
            parts.append(((h >> shift) << shift) | (d + lo).astype(np.uint64))
    if not parts:
        empty = np.zeros(0, np.int64)
        return np.zeros(0, np.uint64), empty, n_shingles
    keys = np.concatenate(parts)
    del parts
    keys.sort()
    docs = (keys & np.uint64((1 << doc_bits) - 1)).astype(np.int64 if doc_bits > 31 else np.int32)
    keys >>= shift
    return keys, docs, n_shingles


def candidates(
    h: np.ndarray,
    d: np.ndarray,
    n_docs: int,
    min_shared: int,
    max_df: int,
    measure: str,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Doc pairs (a < b) that share enough indexed shingles to reach the threshold; number pruned.

    ``h`` and ``d`` are the whole index, sorted by shingle then doc (:func:`index`);
    :func:`enough` says what enough is.
    """
    if len(h) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    per_doc = np.bincount(d, minlength=n_docs)
    d, starts, sizes, pruned = postings(h, d, max_df)
    out_a, out_b = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for a, b, counts in pair_counts(d, starts, sizes, n_docs):
        good = enough(counts, per_doc[a], per_doc[b], min_shared, measure, threshold)
        out_a.append(a[good])
        out_b.append(b[good])
    return np.concatenate(out_a), np.concatenate(out_b), pruned


def postings(
    h: np.ndarray, d: np.ndarray, max_df: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Find the posting lists that make pairs: docs, start and size of each list; number pruned.

    ``h`` and ``d`` are index entries sorted by shingle then doc. A list is kept
    when it has 2 to ``max_df`` entries; the returned docs are those of the
    entries in lists of two or more, which ``starts`` points into.
    """
    # most shingles are in one article only: drop them before anything else is built
    same = h[1:] == h[:-1]
    shared = np.zeros(len(h), dtype=bool)
    shared[1:] |= same
    shared[:-1] |= same
    del same
    h, d = h[shared], d[shared]
    if len(h) < 2:
        return d, np.zeros(0, np.int32), np.zeros(0, np.int32), 0
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    sizes = np.diff(np.append(starts, len(h)))
    pruned = int((sizes > max_df).sum())
    ok = (sizes >= 2) & (sizes <= max_df)
    # < 2**31 index entries
    return d, starts[ok].astype(np.int32), sizes[ok].astype(np.int32), pruned


def pair_counts(
    d: np.ndarray, starts: np.ndarray, sizes: np.ndarray, n_docs: int
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Doc pairs (a < b) with the number of posting lists they share, a range of a at a time.

    Every element of a list pairs with the later elements of its list (later
    docs: docs are sorted within a list). The pairs are made for a range of left
    docs at a time, so that each range's counts are final and memory stays
    bounded; each range's pairs come sorted by (a, b).
    """
    if not len(starts):
        return
    elem = np.repeat(starts, sizes) + (
        np.arange(int(sizes.sum()), dtype=np.int32) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    )
    partners = np.repeat(starts + sizes, sizes) - elem - 1
    has = partners > 0  # the last element of a group pairs with nothing after it
    elem, partners = elem[has], partners[has]
    left_doc = d[elem]
    n_passes = max(1, -(-int(partners.sum()) // _PAIR_BATCH))
    bounds = np.linspace(0, n_docs, n_passes + 1).astype(np.int64)
    for lo, hi in itertools.pairwise(bounds):
        mine = (left_doc >= lo) & (left_doc < hi)
        e, k = elem[mine], partners[mine]
        left = np.repeat(e, k)
        right = left + 1 + (np.arange(int(k.sum())) - np.repeat(np.cumsum(k) - k, k))
        a, b = d[left].astype(np.int64), d[right].astype(np.int64)
        keys = a[a != b] * np.int64(n_docs) + b[a != b]
        keys, counts = counted(keys)
        yield keys // n_docs, keys % n_docs, counts


def enough(
    counts: np.ndarray,
    ia: np.ndarray,
    ib: np.ndarray,
    min_shared: int,
    measure: str,
    threshold: float,
) -> np.ndarray:
    """Which pairs share enough indexed shingles to be verified.

    Enough: ``min_shared`` (or all the indexed shingles of the smaller side),
    and half of what a pair just at the threshold shares in expectation. With
    i_a and i_b indexed shingles, a pair at the threshold t shares about
    t * min(i_a, i_b) of them (containment), t * sqrt(i_a * i_b) (cosine) or
    t * max(i_a, i_b) (Jaccard); the factor 1/2 leaves room for the sampling.
    """
    expected = {
        "containment": np.minimum(ia, ib),
        "cosine": np.sqrt(ia * ib),
        "jaccard": np.maximum(ia, ib),
    }[measure] * threshold
    needed = np.maximum(
        np.minimum(min_shared, np.minimum(ia, ib)), np.floor(0.5 * expected).astype(np.int64)
    )
    return counts >= needed


def counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values, sorted, and how often each occurs (a sort, not numpy's hash table)."""
    values = np.sort(values)
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    first = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    return values[first], np.diff(np.append(first, len(values)))


def _coverage(mine: np.ndarray, positions: np.ndarray, n_words: int, theirs: np.ndarray, k: int):
    """Share of a text's words inside word k-grams that the other text also has."""
    if n_words == 0:
        return 0.0
    hit = positions[contains(np.sort(theirs), mine)]
    if not len(hit):
        return 0.0
    opened = np.bincount(hit, minlength=n_words + 1)
    closed = np.bincount(np.minimum(hit + k, n_words), minlength=n_words + 1)
    return float((np.cumsum(opened - closed)[:n_words] > 0).mean())


def _verbatim_share(text_a: str, text_b: str, k: int) -> float:
    """Share of the shorter text's words in passages of at least ``k`` words both texts have."""
    h, d, pos = shingles([text_a, text_b], k)
    _, wdoc = _word_hashes([text_a, text_b])
    n = np.bincount(wdoc, minlength=2)
    side = 0 if n[0] <= n[1] else 1
    if n[side] < k:
        return 0.0
    return _coverage(h[d == side], pos[d == side], int(n[side]), h[d != side], k)


def verify(
    texts: Texts,
    a: np.ndarray,
    b: np.ndarray,
    n: int,
    measure: str,
    threshold: float,
    passage: int,
    progress: bool | None = False,
) -> list[tuple[Any, ...]]:
    docs = counted(np.concatenate((a, b)))[0]
    sets: dict[int, np.ndarray] = {}
    for lo in range(0, len(docs), 2000):
        ids = docs[lo : lo + 2000].tolist()
        for i, s in zip(ids, doc_shingles(texts.take(ids), n), strict=True):
            sets[i] = s
    rows = []
    pairs = zip(a.tolist(), b.tolist(), strict=True)
    for i, j in bar(pairs, total=len(a), desc="near_duplicates: verify", progress=progress):
        x, y = sets[i], sets[j]
        inter = int(np.count_nonzero(contains(y, x)))
        if not inter:
            continue
        ca, cb = inter / len(x), inter / len(y)
        jac = inter / (len(x) + len(y) - inter)
        cos = inter / math.sqrt(len(x) * len(y))
        value = {"containment": max(ca, cb), "jaccard": jac, "cosine": cos}[measure]
        if value + 1e-12 >= threshold:
            share = _verbatim_share(texts[i], texts[j], passage)
            rows.append((i, j, value, ca, cb, jac, cos, share, inter))
    return rows
