"""The matching machinery behind mediakit.compare.align.align_sentences.

Two parts:

* ``Features``: content words and TF-IDF vectors of the sentences of two
  versions (IDF fitted on those sentences), the cosine similarity matrix, the
  shared-content-word counts used as evidence, and the similarity of joined
  sentences (for merges and splits).
* ``match``: the global one-to-one assignment with a reading-order prior and a
  length prior, the evidence and threshold tests, and the greedy growth of
  matched pairs into merges and splits.

The public function documents the algorithm and every threshold; this module
only implements it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from mediakit.segment._punkt import stopword_list

# Honorifics and the commonest reporting verbs: in news they are shared by
# unrelated sentences and would count as evidence for a match.
EXTRA_STOPWORDS = frozenset({"mr", "mrs", "ms", "dr", "say", "says", "said"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'"})
_ACRONYM = re.compile(r"\b(?:\w\.){2,}")  # U.S., U.K., a.m.
_CLITIC = re.compile(r"'s\b")
_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*\w*|[^\W\d_]+(?:'[^\W\d_]+)*|\w+")
_PUNCT = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """NFKD without combining marks, casefolded; U.S. -> us; clitic 's dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_APOSTROPHES)
    text = _ACRONYM.sub(lambda m: m.group().replace(".", "") + " ", text)
    return _CLITIC.sub("", text)


def tokens(text: str) -> list[str]:
    """Folded word tokens of ``text`` (numbers keep their separators)."""
    return _TOKEN.findall(fold(text))


def verbatim_key(text: str) -> tuple[str, ...]:
    """Folded tokens without punctuation: equal keys = the same words."""
    return tuple(t for t in (_PUNCT.sub("", t) for t in tokens(text)) if t)


@cache
def _stopwords() -> frozenset[str]:
    return stopword_list() | EXTRA_STOPWORDS


@cache
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@cache
def _stem(word: str) -> str:
    if any(ch.isdigit() for ch in word):
        return word
    return _stemmer().stem(word)


def _one_edit(s: str, t: str) -> bool:
    """True if ``s`` and ``t`` differ by exactly one substitution, insertion or deletion."""
    if len(s) > len(t):
        s, t = t, s
    if len(t) - len(s) > 1 or s == t:
        return False
    i = 0
    while i < len(s) and s[i] == t[i]:
        i += 1
    if len(s) == len(t):
        return s[i + 1 :] == t[i + 1 :]
    return s[i:] == t[i + 1 :]


def spelling_variants(words_a: set[str], words_b: set[str]) -> dict[str, str]:
    """Map words found only in b to a one-edit variant found only in a.

    Words of at least 6 letters, no digits, the same first 3 letters, one edit
    apart (defence/defense, Zelensky/Zelenskyy, organisation/organization).
    Only words missing from the other version are paired, so a text's own
    vocabulary is never merged.
    """
    only_a = words_a - words_b
    buckets: dict[str, list[str]] = {}
    for w in only_a:
        if len(w) >= 6 and w.isalpha():
            buckets.setdefault(w[:3], []).append(w)
    mapping = {}
    for w in sorted(words_b - words_a):
        if len(w) >= 6 and w.isalpha():
            for v in sorted(buckets.get(w[:3], ())):
                if _one_edit(w, v):
                    mapping[w] = v
                    break
    return mapping


@dataclass
class Features:
    """Vectors and evidence for the sentences of two versions (a first, then b)."""

    texts_a: list[str]
    texts_b: list[str]
    similarity: Any = "tfidf"
    content_a: list[frozenset[str]] = field(init=False)
    content_b: list[frozenset[str]] = field(init=False)
    sim: np.ndarray = field(init=False)
    same: np.ndarray = field(init=False)
    shared: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        toks_a = [tokens(t) for t in self.texts_a]
        toks_b = [tokens(t) for t in self.texts_b]
        stop = _stopwords()
        words_a = {w for ts in toks_a for w in ts if w not in stop}
        words_b = {w for ts in toks_b for w in ts if w not in stop}
        self._variants = spelling_variants(words_a, words_b)
        self.content_a = [frozenset(self._content(ts)) for ts in toks_a]
        self.content_b = [frozenset(self._content(ts)) for ts in toks_b]
        self._vectorizers = self._fit()
        self.sim = self.similarity_of(
            [[i] for i in range(len(self.texts_a))], [[k] for k in range(len(self.texts_b))]
        )
        # Sentences with the same words (verbatim_key) are similar by definition,
        # also when they have no content word ("Why not?").
        keys_b: dict[tuple[str, ...], list[int]] = {}
        for k, text in enumerate(self.texts_b):
            keys_b.setdefault(verbatim_key(text), []).append(k)
        self.same = np.zeros(self.sim.shape, dtype=bool)
        for i, text in enumerate(self.texts_a):
            key = verbatim_key(text)
            if key:
                self.same[i, keys_b.get(key, [])] = True
        self.sim[self.same] = 1.0
        self.shared = np.array(
            [[len(ca & cb) for cb in self.content_b] for ca in self.content_a], dtype=np.int64
        ).reshape(len(self.texts_a), len(self.texts_b))

    def _content(self, toks: Sequence[str]) -> list[str]:
        stop = _stopwords()
        out = []
        for t in toks:
            if t in stop or not any(ch.isalnum() for ch in t):
                continue
            out.append(_stem(self._variants.get(t, t)))
        return out

    def _analyzer(self, text: str) -> list[str]:
        return self._content(tokens(text))

    def _char_text(self, text: str) -> str:
        return " ".join(self._variants.get(t, t) for t in verbatim_key(text))

    def _fit(self) -> list[Any]:
        """Fitted vectorizers: _Counted (counts and IDF) for the built-in kinds."""
        corpus = self.texts_a + self.texts_b
        kind = self.similarity
        if not isinstance(kind, str):
            from sklearn.base import clone

            vec = clone(kind) if hasattr(kind, "get_params") else kind
            vec.fit(corpus)
            return [vec]
        counters = []
        if kind in ("tfidf", "tfidf+char"):
            counters.append(CountVectorizer(analyzer=self._analyzer))
        if kind in ("char", "tfidf+char"):
            counters.append(
                CountVectorizer(
                    preprocessor=self._char_text, analyzer="char_wb", ngram_range=(3, 5)
                )
            )
        fitted: list[Any] = []
        for counter in counters:
            counts = counter.fit_transform(corpus).tocsr()
            idf = TfidfTransformer(sublinear_tf=True).fit(counts).idf_
            n = len(self.texts_a)
            fitted.append(_Counted(counts[:n], counts[n:], idf))
        return fitted

    def _vectors(self, vec: Any, side: str, groups: Sequence[Sequence[int]]) -> Any:
        """Unit TF-IDF vectors of the sentences of each group joined (a or b side)."""
        if isinstance(vec, _Counted):
            counts = vec.counts_a if side == "a" else vec.counts_b
            return vec.weigh(_sum_rows(counts, groups))
        texts = self.texts_a if side == "a" else self.texts_b
        joined = [" ".join(texts[i] for i in sorted(g)) for g in groups]
        return normalize(vec.transform(joined))

    def similarity_of(
        self, groups_a: Sequence[Sequence[int]], groups_b: Sequence[Sequence[int]]
    ) -> np.ndarray:
        """Cosine similarity of joined a groups to joined b groups (mean over vectorizers)."""
        total = np.zeros((len(groups_a), len(groups_b)))
        if not groups_a or not groups_b:
            return total
        for vec in self._vectorizers:
            xa = self._vectors(vec, "a", groups_a)
            xb = self._vectors(vec, "b", groups_b)
            prod = xa @ xb.T
            total += prod.toarray() if hasattr(prod, "toarray") else np.asarray(prod)
        return np.clip(total / len(self._vectorizers), 0.0, 1.0)

    def group_similarity(self, a_idx: Sequence[int], b_idx: Sequence[int]) -> float:
        """Similarity of the a sentences joined (reading order) to the b sentences joined."""
        if not all(isinstance(vec, _Counted) for vec in self._vectorizers):
            return float(self.similarity_of([a_idx], [b_idx])[0, 0])
        total = 0.0
        for vec in self._vectorizers:
            va = vec.dense(vec.counts_a, a_idx)
            vb = vec.dense(vec.counts_b, b_idx)
            norm = np.linalg.norm(va) * np.linalg.norm(vb)
            total += float(va @ vb / norm) if norm else 0.0
        return min(max(total / len(self._vectorizers), 0.0), 1.0)


@dataclass
class _Counted:
    """Term counts of the a and b sentences and the IDF fitted on all of them.

    Counts of joined sentences are sums of rows, so merges and splits need no
    re-tokenising. Weights are those of scikit-learn's
    ``TfidfTransformer(sublinear_tf=True)`` (``(1 + ln tf) * idf``, then
    L2-normalised), written out here because they are applied to sums of rows.
    """

    counts_a: Any
    counts_b: Any
    idf: np.ndarray

    def dense(self, counts: Any, rows: Sequence[int]) -> np.ndarray:
        """Unnormalised TF-IDF weights of the summed rows, as a dense vector."""
        spans = [slice(counts.indptr[r], counts.indptr[r + 1]) for r in rows]
        idx = np.concatenate([counts.indices[span] for span in spans])
        val = np.concatenate([counts.data[span] for span in spans])
        summed = np.bincount(idx, weights=val, minlength=len(self.idf))
        hit = summed > 0
        summed[hit] = (1.0 + np.log(summed[hit])) * self.idf[hit]
        return summed

    def weigh(self, counts: Any) -> Any:
        weighted = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
        weighted.data = (1.0 + np.log(weighted.data)) * self.idf[weighted.indices]
        return normalize(weighted)


def _sum_rows(counts: Any, groups: Sequence[Sequence[int]]) -> Any:
    """Sparse matrix whose row g is the sum of rows ``groups[g]`` of ``counts``."""
    rows = [r for g in groups for r in g]
    owner = [n for n, g in enumerate(groups) for _ in g]
    select = sparse.csr_matrix(
        (np.ones(len(rows)), (owner, rows)), shape=(len(groups), counts.shape[0])
    )
    out = sparse.csr_matrix(select @ counts)
    out.eliminate_zeros()
    return out


@dataclass
class Params:
    threshold: float
    min_shared: int
    order_prior: float
    length_prior: float
    merge_margin: float
    merge_split: bool


@dataclass
class Group:
    """A matched group: a indices, b indices (positions in the texts lists)."""

    a: list[int]
    b: list[int]


def needed_shared(shorter: np.ndarray | int, min_shared: int) -> np.ndarray:
    """Shared content words a pair needs: ``min(min_shared, max(2, ceil(2/3 * shorter)))``.

    ``shorter`` is the number of content words of the pair's shorter sentence
    (of the joining sentence, for a merge or split part): a short sentence
    needs two thirds of its words, but never fewer than 2 (one shared word is
    a coincidence) unless ``min_shared`` is 1.
    """
    two_thirds = -((-2 * np.asarray(shorter)) // 3)  # ceil(2/3 * shorter)
    return np.minimum(min_shared, np.maximum(2, two_thirds))


def match(feats: Features, allowed: np.ndarray, params: Params) -> list[Group]:
    """One-to-one assignment, then growth into merges and splits."""
    n, m = feats.sim.shape
    if n == 0 or m == 0:
        return []
    n_a = np.array([len(c) for c in feats.content_a])
    n_b = np.array([len(c) for c in feats.content_b])
    need = needed_shared(np.minimum.outer(n_a, n_b), params.min_shared)
    ok = (feats.sim >= params.threshold) & (feats.sim > 0) & (feats.shared >= need)
    ok = allowed & (ok | feats.same)
    pos_a = np.arange(n) / max(n - 1, 1)
    pos_b = np.arange(m) / max(m - 1, 1)
    lo = np.minimum.outer(np.maximum(n_a, 1), np.maximum(n_b, 1))
    hi = np.maximum.outer(np.maximum(n_a, 1), np.maximum(n_b, 1))
    score = feats.sim * (lo / hi) ** params.length_prior
    score = score * (1.0 - params.order_prior * np.abs(pos_a[:, None] - pos_b[None, :]))
    # Forbidden pairs score 0: the optimum is then a maximum-weight matching of
    # the allowed pairs (a large negative would maximise their number first).
    score = np.where(ok, score, 0.0)
    rows, cols = linear_sum_assignment(score, maximize=True)
    groups = [Group([int(i)], [int(k)]) for i, k in zip(rows, cols, strict=True) if ok[i, k]]
    if params.merge_split:
        groups = _grow(feats, allowed, groups, params)
    return groups


def _grow(feats: Features, allowed: np.ndarray, groups: list[Group], params: Params) -> list[Group]:
    """Extend matched pairs with adjacent unmatched sentences (merges and splits).

    A neighbour joins a group when (1) joining it raises the group's similarity
    by at least ``merge_margin`` and (2) it brings its own evidence: at least
    ``min_shared`` content words shared with the other side of the group that
    the group's own side does not already share (fewer if the neighbour is
    short). A group grows on one side only (merges or splits, not both).
    Strongest groups grow first; a sentence joins at most one group.
    """
    n, m = feats.sim.shape
    used_a = {i for g in groups for i in g.a}
    used_b = {k for g in groups for k in g.b}
    order = sorted(groups, key=lambda g: -feats.sim[g.a[0], g.b[0]])
    for g in order:
        current = feats.group_similarity(g.a, g.b)
        while True:
            best: tuple[float, str, int] | None = None
            sides: list[tuple[str, list[int], list[int], set[int], int]] = []
            if len(g.b) == 1:
                sides.append(("a", g.a, g.b, used_a, n))
            if len(g.a) == 1:
                sides.append(("b", g.b, g.a, used_b, m))
            for side, own, other, used, size in sides:
                for j in (min(own) - 1, max(own) + 1):
                    if not 0 <= j < size or j in used:
                        continue
                    if side == "a":
                        if not allowed[j, other].all():
                            continue
                        cand = feats.group_similarity([*own, j], other)
                        part, own_words = feats.content_a[j], feats.content_a
                        other_words = frozenset().union(*(feats.content_b[k] for k in other))
                    else:
                        if not allowed[other, j].all():
                            continue
                        cand = feats.group_similarity(other, [*own, j])
                        part, own_words = feats.content_b[j], feats.content_b
                        other_words = frozenset().union(*(feats.content_a[i] for i in other))
                    known = frozenset().union(*(own_words[i] for i in own)) & other_words
                    novel = len((part & other_words) - known)
                    if novel < needed_shared(len(part), params.min_shared):
                        continue
                    if cand < current + params.merge_margin:
                        continue
                    if best is None or cand > best[0]:
                        best = (cand, side, j)
            if best is None:
                break
            current, side, j = best
            if side == "a":
                g.a = sorted([*g.a, j])
                used_a.add(j)
            else:
                g.b = sorted([*g.b, j])
                used_b.add(j)
    return groups
