"""Near-duplicates across a corpus, without comparing all pairs; story clusters.

:func:`near_duplicates` finds the pairs of articles that share much of their
text (reused wire copy, re-filed updates, light rewrites) and says which is
likely the source; :func:`story_clusters` groups the pairs into stories.
Candidates come from an inverted index of sampled word n-gram shingles, as in
passim (Smith et al. 2014): shingles are hashed in bulk
(``mediakit.compare._shingles``), a fixed share of them is indexed together
with each article's few smallest shingles, shingles found in very many
articles are pruned, and two articles are candidates when they share enough
indexed shingles. Every candidate is then verified exactly on the full
shingle sets.

I wrote the index with numpy and scipy instead of using a MinHash library:
the sampled index verifies exactly and never needs the bands and rows tuned
to a threshold, and the whole of it is a few sorts and a sparse graph.
``benchmarks/bench_near_duplicates.py`` measures it against the baseline a
user writes first (TF-IDF and chunked cosine similarity) and against
datasketch's MinHashLSH at equal recall.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from mediakit._progress import bar, check_progress
from mediakit._validation import check_articles, check_option, check_table, show_values, warn
from mediakit.compare import _shingles

__all__ = [
    "BOTTOM_K",
    "NEAR_DUPLICATE_COLUMNS",
    "WIRE_AGENCIES",
    "near_duplicates",
    "story_clusters",
]

MEASURES = ("containment", "jaccard", "cosine")
NEAR_DUPLICATE_COLUMNS = (
    "doc_id_a",
    "doc_id_b",
    "similarity",
    "containment_a",
    "containment_b",
    "jaccard",
    "cosine",
    "verbatim_share",
    "n_shared",
    "likely_source",
    "source_by",
)
#: News agencies whose copy other outlets reuse (compared casefolded with ``outlet``).
WIRE_AGENCIES = frozenset(
    {
        "afp", "agence france-presse", "reuters", "ap", "associated press", "dpa", "ansa",
        "efe", "pa", "press association", "xinhua", "kyodo", "bloomberg", "anadolu", "tass",
        "ria novosti", "upi",
    }
)  # fmt: skip

#: Each article's this many smallest shingle hashes are indexed whatever ``sample`` is (a
#: bottom-k sketch): similar short texts share them, where one in ``sample`` would be too few.
BOTTOM_K = 4
_CHUNK_BYTES = 1 << 18  # texts are hashed in chunks of about 256 kB (cache-friendly)
_PAIR_BATCH = 5_000_000  # candidate pairs are counted this many at a time


class _Texts(Sequence[str]):
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


def _chunks(lengths: np.ndarray) -> list[tuple[int, int]]:
    """Ranges of texts of about _CHUNK_BYTES characters each (a long text alone)."""
    if not len(lengths):
        return []
    ends = np.cumsum(lengths + 1)
    cuts = np.searchsorted(ends, np.arange(_CHUNK_BYTES, int(ends[-1]), _CHUNK_BYTES), "right")
    bounds = np.unique(np.concatenate(([0], cuts, [len(lengths)])))
    return [(int(lo), int(hi)) for lo, hi in itertools.pairwise(bounds) if hi > lo]


def _index(
    texts: _Texts, n: int, sample: int, progress: bool | None = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shingle, doc) entries of the index, sorted by shingle then doc; each doc's shingle count.

    An entry is packed into one uint64: the shingle hash's top bits above the doc
    number, so the index is one array sorted in place (8 bytes an entry, no index
    array). Two different shingles agreeing in their top ``64 - doc_bits`` bits
    share a posting list; that only adds a candidate, which verification drops.
    """
    doc_bits = max(1, (len(texts) - 1).bit_length())
    if doc_bits > 40:  # pragma: no cover - a trillion articles
        raise ValueError("near_duplicates: at most 2**40 articles")
    shift = np.uint64(doc_bits)
    parts: list[np.ndarray] = []
    n_shingles = np.zeros(len(texts), dtype=np.int64)
    rate = np.uint64(sample)
    chunks = _chunks(texts.lengths)
    for lo, hi in bar(chunks, total=len(chunks), desc="near_duplicates: index", progress=progress):
        h, d, _ = _shingles.shingles(texts[lo:hi], n)
        if not len(h):
            continue
        # sort by doc, then by hash: one key, the local doc id above the hash's top 44 bits
        # (two shingles of one article agreeing in those, about 1e-8 per article, may leave
        # a repeated entry: one extra shared shingle for its pairs, before exact verification)
        order = np.argsort((d.astype(np.uint64) << np.uint64(44)) | (h >> np.uint64(20)))
        h, d = h[order], d[order]
        distinct = np.ones(len(h), dtype=bool)
        distinct[1:] = (h[1:] != h[:-1]) | (d[1:] != d[:-1])
        h, d = h[distinct], d[distinct]
        n_shingles[lo:hi] = np.bincount(d, minlength=hi - lo)
        first = np.flatnonzero(np.concatenate(([True], d[1:] != d[:-1])))
        end = np.append(first[1:], len(d))
        keep = (h % rate) == 0
        for k in range(BOTTOM_K):  # each doc's smallest shingles: a bottom-k sketch
            at = first + k
            keep[at[at < end]] = True
        doc = (d[keep] + lo).astype(np.uint64)
        parts.append(((h[keep] >> shift) << shift) | doc)
    if not parts:
        empty = np.zeros(0, np.int64)
        return np.zeros(0, np.uint64), empty, n_shingles
    keys = np.concatenate(parts)
    del parts
    keys.sort()
    docs = (keys & np.uint64((1 << doc_bits) - 1)).astype(np.int64 if doc_bits > 31 else np.int32)
    keys >>= shift
    return keys, docs, n_shingles


def _candidates(
    h: np.ndarray,
    d: np.ndarray,
    n_docs: int,
    min_shared: int,
    max_df: int,
    measure: str,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Doc pairs (a < b) that share enough indexed shingles to reach the threshold; number pruned.

    Enough: ``min_shared`` (or all the indexed shingles of the smaller side),
    and half of what a pair just at the threshold shares in expectation. With
    i_a and i_b indexed shingles, a pair at the threshold t shares about
    t * min(i_a, i_b) of them (containment), t * sqrt(i_a * i_b) (cosine) or
    t * max(i_a, i_b) (Jaccard); the factor 1/2 leaves room for the sampling.
    """
    if len(h) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    per_doc = np.bincount(d, minlength=n_docs)
    # most shingles are in one article only: drop them before anything else is built
    same = h[1:] == h[:-1]
    shared = np.zeros(len(h), dtype=bool)
    shared[1:] |= same
    shared[:-1] |= same
    del same
    h, d = h[shared], d[shared]
    if len(h) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    sizes = np.diff(np.append(starts, len(h)))
    pruned = int((sizes > max_df).sum())
    ok = (sizes >= 2) & (sizes <= max_df)
    starts, sizes = starts[ok], sizes[ok]
    if not len(starts):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), pruned
    # Every element of a kept group pairs with the later elements of its group (later docs:
    # docs are sorted within a shingle). The pairs are made for a range of left docs at a
    # time, so that each range's counts are final and memory stays bounded.
    starts, sizes = starts.astype(np.int32), sizes.astype(np.int32)  # < 2**31 index entries
    elem = np.repeat(starts, sizes) + (
        np.arange(int(sizes.sum()), dtype=np.int32) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    )
    partners = np.repeat(starts + sizes, sizes) - elem - 1
    has = partners > 0  # the last element of a group pairs with nothing after it
    elem, partners = elem[has], partners[has]
    left_doc = d[elem]
    n_passes = max(1, -(-int(partners.sum()) // _PAIR_BATCH))
    bounds = np.linspace(0, n_docs, n_passes + 1).astype(np.int64)
    out_a, out_b = [], []
    for lo, hi in itertools.pairwise(bounds):
        mine = (left_doc >= lo) & (left_doc < hi)
        e, k = elem[mine], partners[mine]
        left = np.repeat(e, k)
        right = left + 1 + (np.arange(int(k.sum())) - np.repeat(np.cumsum(k) - k, k))
        a, b = d[left].astype(np.int64), d[right].astype(np.int64)
        keys = a[a != b] * np.int64(n_docs) + b[a != b]
        keys, counts = _counted(keys)
        a, b = keys // n_docs, keys % n_docs
        ia, ib = per_doc[a], per_doc[b]
        expected = {
            "containment": np.minimum(ia, ib),
            "cosine": np.sqrt(ia * ib),
            "jaccard": np.maximum(ia, ib),
        }[measure] * threshold
        needed = np.maximum(
            np.minimum(min_shared, np.minimum(ia, ib)), np.floor(0.5 * expected).astype(np.int64)
        )
        good = counts >= needed
        out_a.append(a[good])
        out_b.append(b[good])
    return np.concatenate(out_a), np.concatenate(out_b), pruned


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    hit = positions[_shingles.contains(np.sort(theirs), mine)]
    if not len(hit):
        return 0.0
    opened = np.bincount(hit, minlength=n_words + 1)
    closed = np.bincount(np.minimum(hit + k, n_words), minlength=n_words + 1)
    return float((np.cumsum(opened - closed)[:n_words] > 0).mean())


def _verbatim_share(text_a: str, text_b: str, k: int) -> float:
    """Share of the shorter text's words in passages of at least ``k`` words both texts have."""
    h, d, pos = _shingles.shingles([text_a, text_b], k)
    _, wdoc = _shingles._word_hashes([text_a, text_b])
    n = np.bincount(wdoc, minlength=2)
    side = 0 if n[0] <= n[1] else 1
    if n[side] < k:
        return 0.0
    return _coverage(h[d == side], pos[d == side], int(n[side]), h[d != side], k)


def _wire(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in WIRE_AGENCIES


def near_duplicates(
    articles: pd.DataFrame,
    *,
    threshold: float = 0.5,
    measure: str = "containment",
    n: int = 3,
    sample: int = 4,
    min_shared: int = 2,
    max_df: int = 100,
    passage: int = 8,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Find the pairs of articles that share much of their text, without comparing all pairs.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``); optional ``date``
        and ``outlet`` decide which article of a pair is the likely source.
    threshold : float, default 0.5
        Minimum of ``measure`` for a pair to be reported (0–1).
    measure : {'containment', 'jaccard', 'cosine'}, default 'containment'
        Over the two articles' sets of distinct word ``n``-gram shingles A
        and B: ``containment`` is ``max(|A∩B|/|A|, |A∩B|/|B|)`` (one text
        mostly inside the other: reused or shortened copy), ``jaccard``
        ``|A∩B|/|A∪B|`` (two texts mostly the same), ``cosine``
        ``|A∩B|/sqrt(|A||B|)`` (between the two).
    n : int, default 3
        Words per shingle. Small ``n`` still finds rewrites that change many
        words (a 3-gram survives a 20 % word change with probability 0.51);
        large ``n`` reports only verbatim reuse.
    sample : int, default 4
        One shingle in ``sample`` (by hash) is indexed, plus each article's
        :data:`BOTTOM_K` smallest (a bottom-k sketch, for short texts).
        Larger is faster and misses more of the pairs near the threshold.
    min_shared : int, default 2
        Indexed shingles two articles must share to be compared (fewer when
        one has fewer indexed shingles); and at least half of what a pair
        just at the threshold would share.
    max_df : int, default 100
        Shingles indexed for more articles than this are pruned from the
        index (boilerplate, stock phrases), as in passim. They still count
        when a candidate pair is verified.
    passage : int, default 8
        Minimum length, in words, of a verbatim passage for ``verbatim_share``.
    progress : bool or None, default None
        Progress bars (tqdm) for the index and the verification: ``None``
        shows them on a terminal or in a notebook, ``False`` never, ``True``
        always.

    Returns
    -------
    pandas.DataFrame
        A pairs table, RangeIndex, one row per pair at or above the
        threshold, ``doc_id_a`` before ``doc_id_b`` in the articles' order:

        * ``similarity``: the value of ``measure``;
        * ``containment_a`` (share of a's shingles found in b),
          ``containment_b`` (of b's in a), ``jaccard``, ``cosine``: all
          three measures, exact;
        * ``verbatim_share``: share of the shorter article's words inside
          passages of at least ``passage`` words that both have;
        * ``n_shared``: shingles the two share;
        * ``likely_source``: the doc_id of the article that is likely the
          original, and ``source_by``, the rule that decided: ``"date"``
          (the earlier ``date``), ``"agency"`` (the one whose ``outlet`` is a
          news agency, :data:`WIRE_AGENCIES`), else ``"containment"`` (the
          one that contains more of the other: a copy is usually the shorter,
          contained text).

        ``attrs`` holds ``n_candidates`` (pairs verified) and ``n_pruned``
        (shingles pruned by ``max_df``).

    Warns
    -----
    MediakitWarning
        Naming the articles that have no words (they pair with nothing).

    Examples
    --------
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> wire = "Rutte said North Korea's role in the war poses a threat to the United States."
    >>> copy = wire + " The site added nothing else."
    >>> other = "Farmers in Kent expect a good harvest after the warm and wet spring this year."
    >>> articles = pd.DataFrame(
    ...     {"text": [wire, copy, other], "outlet": ["AFP", "Site", "Farm News"]},
    ...     index=pd.Index(["w", "c", "o"], name="doc_id"),
    ... )
    >>> pairs = mk.near_duplicates(articles)
    >>> pairs[["doc_id_a", "doc_id_b", "containment_a", "likely_source", "source_by"]]
      doc_id_a doc_id_b  containment_a likely_source source_by
    0        w        c            1.0             w    agency
    """
    func = "near_duplicates"
    articles = check_articles(articles, func=func)
    check_option("measure", measure, MEASURES)
    for name, value, low in (("n", n, 1), ("sample", sample, 1), ("min_shared", min_shared, 1),
                             ("max_df", max_df, 2), ("passage", passage, 1)):  # fmt: skip
        if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < low:
            raise ValueError(f"{func}: `{name}` = {value!r} is invalid; expected an int >= {low}")
    if not isinstance(threshold, int | float) or not 0 <= float(threshold) <= 1:
        raise ValueError(f"{func}: `threshold` = {threshold!r} is invalid; expected 0 to 1")
    progress = check_progress(progress, func)
    texts = _Texts(articles["text"])
    h, d, n_shingles = _index(texts, n, sample, progress)
    empty = [doc for doc, k in zip(articles.index, n_shingles, strict=True) if k == 0]
    if empty:
        warn(
            f"{func}: {len(empty)} article(s) have no words and pair with nothing: "
            f"{show_values(empty)}"
        )
    a, b, pruned = _candidates(h, d, len(texts), min_shared, max_df, measure, float(threshold))
    del h, d
    rows = _verify(texts, a, b, n, measure, float(threshold), passage, progress)
    table = _pairs_table(articles, rows)
    table.attrs.update(n_candidates=len(a), n_pruned=pruned)
    return table


def _verify(
    texts: _Texts,
    a: np.ndarray,
    b: np.ndarray,
    n: int,
    measure: str,
    threshold: float,
    passage: int,
    progress: bool | None = False,
) -> list[tuple[Any, ...]]:
    docs = _counted(np.concatenate((a, b)))[0]
    sets: dict[int, np.ndarray] = {}
    for lo in range(0, len(docs), 2000):
        ids = docs[lo : lo + 2000].tolist()
        for i, s in zip(ids, _shingles.doc_shingles(texts.take(ids), n), strict=True):
            sets[i] = s
    rows = []
    pairs = zip(a.tolist(), b.tolist(), strict=True)
    for i, j in bar(pairs, total=len(a), desc="near_duplicates: verify", progress=progress):
        x, y = sets[i], sets[j]
        inter = int(np.count_nonzero(_shingles.contains(y, x)))
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


def _pairs_table(articles: pd.DataFrame, rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    ids = articles.index
    dates = (
        pd.to_datetime(articles["date"], errors="coerce").to_numpy()
        if "date" in articles.columns
        else None
    )
    outlets = articles["outlet"].tolist() if "outlet" in articles.columns else None
    out: dict[str, list[Any]] = {c: [] for c in NEAR_DUPLICATE_COLUMNS}
    for i, j, value, ca, cb, jac, cos, share, inter in rows:
        source, by = None, None
        if (
            dates is not None
            and not (pd.isna(dates[i]) or pd.isna(dates[j]))
            and dates[i] != dates[j]
        ):
            source, by = (i if dates[i] < dates[j] else j), "date"
        elif outlets is not None and _wire(outlets[i]) != _wire(outlets[j]):
            source, by = (i if _wire(outlets[i]) else j), "agency"
        else:
            # the source contains the copy: the copy's shingles are found in it
            source, by = (i if cb >= ca else j), "containment"
        for col, v in zip(
            NEAR_DUPLICATE_COLUMNS,
            (ids[i], ids[j], value, ca, cb, jac, cos, share, inter, ids[source], by),
            strict=True,
        ):
            out[col].append(v)
    table = pd.DataFrame(out, columns=list(NEAR_DUPLICATE_COLUMNS))
    for col in (
        "similarity",
        "containment_a",
        "containment_b",
        "jaccard",
        "cosine",
        "verbatim_share",
    ):
        table[col] = table[col].astype(np.float64)
    table["n_shared"] = table["n_shared"].astype(np.int64)
    table["source_by"] = table["source_by"].astype("str")
    if not len(table):
        for col in ("doc_id_a", "doc_id_b", "likely_source"):
            table[col] = pd.Series([], dtype=ids.dtype)
    return table


def story_clusters(pairs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Group articles into stories: the connected components of a near-duplicates table.

    Parameters
    ----------
    pairs : pandas.DataFrame
        A table from :func:`near_duplicates` (``doc_id_a``, ``doc_id_b``,
        ``likely_source``), filtered as you like (a higher threshold gives
        tighter stories).
    articles : pandas.DataFrame
        The articles the pairs were found in (index ``doc_id``; optional
        ``date``).

    Returns
    -------
    pandas.DataFrame
        Document features, index ``doc_id``, one row per article in the
        articles' order (rows in = rows out): ``cluster_id`` (0, 1, ... in
        order of each story's first article; an article in no pair is a
        story of its own), ``cluster_size``, ``representative`` (the doc_id
        of the story's likely original: the article most often the
        ``likely_source`` of its pairs; ties go to the earlier ``date``, then
        to the earlier row) and ``is_representative``.

    Raises
    ------
    ValueError
        If ``pairs`` names doc_ids that are not in ``articles``.

    Examples
    --------
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> articles = pd.DataFrame({"text": ["a", "b", "c", "d"]},
    ...                         index=pd.Index(["w", "x", "y", "z"], name="doc_id"))
    >>> pairs = pd.DataFrame({"doc_id_a": ["w", "w"], "doc_id_b": ["x", "y"],
    ...                       "likely_source": ["w", "w"]})
    >>> mk.story_clusters(pairs, articles)  # doctest: +NORMALIZE_WHITESPACE
            cluster_id  cluster_size representative  is_representative
    doc_id
    w                0             3              w               True
    x                0             3              w              False
    y                0             3              w              False
    z                1             1              z               True
    """
    func = "story_clusters"
    articles = check_articles(articles, func=func)
    pairs = check_table(
        pairs,
        ["doc_id_a", "doc_id_b", "likely_source"],
        func=func,
        name="`pairs`",
        described="a table from mediakit.near_duplicates(articles)",
    )
    pos = pd.Series(np.arange(len(articles)), index=articles.index)
    named = pd.concat([pairs["doc_id_a"], pairs["doc_id_b"], pairs["likely_source"]])
    unknown = named[~named.isin(articles.index)].unique().tolist()
    if unknown:
        raise ValueError(
            f"{func}: `pairs` names doc_ids that are not in `articles`: {show_values(unknown)}; "
            "pass the articles the pairs were found in"
        )
    n = len(articles)
    a = pos[pairs["doc_id_a"]].to_numpy()
    b = pos[pairs["doc_id_b"]].to_numpy()
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    # renumber in order of first article
    first = pd.unique(labels)
    renumber = np.empty(len(first) if len(first) else 0, dtype=np.int64)
    renumber[first] = np.arange(len(first))
    cluster = renumber[labels] if n else np.zeros(0, np.int64)
    wins = np.bincount(pos[pairs["likely_source"]].to_numpy(), minlength=n)
    dates = (
        pd.to_datetime(articles["date"], errors="coerce")
        if "date" in articles.columns
        else pd.Series(pd.NaT, index=articles.index)
    )
    order = pd.DataFrame(
        {"cluster": cluster, "wins": -wins, "date": dates.to_numpy(), "row": np.arange(n)}
    ).sort_values(["cluster", "wins", "date", "row"], na_position="last", kind="stable")
    best = order.drop_duplicates("cluster")["row"].to_numpy()
    rep_row = np.empty(len(best), dtype=np.int64)
    rep_row[order.drop_duplicates("cluster")["cluster"].to_numpy()] = best
    sizes = np.bincount(cluster, minlength=len(best))
    out = pd.DataFrame(
        {
            "cluster_id": cluster.astype(np.int64),
            "cluster_size": sizes[cluster].astype(np.int64),
            "representative": articles.index.take(rep_row[cluster]).array,
        },
        index=articles.index,
    )
    out["is_representative"] = out["representative"].to_numpy() == articles.index.to_numpy()
    return out
