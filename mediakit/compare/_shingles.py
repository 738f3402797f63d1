"""Word n-gram shingles of many texts, hashed in bulk with numpy (private).

:func:`near_duplicates` compares up to millions of articles, so the shingles
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
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

__all__ = ["contains", "doc_shingles", "mix", "shingles"]

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


def _word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hash of every word, index of its text) for all texts, in reading order."""
    if not texts:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
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
