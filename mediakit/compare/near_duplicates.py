"""Near-duplicates across a corpus, without comparing all pairs; story clusters.

:func:`near_duplicates` finds the pairs of articles that share much of their
text (reused wire copy, re-filed updates, light rewrites) and says which is
likely the source; :func:`story_clusters` groups the pairs into stories.
Candidates come from an inverted index of sampled word n-gram shingles, as in
passim (Smith et al. 2014): shingles are hashed in bulk, a fixed share of them is indexed together
with each article's few smallest shingles, shingles found in very many
articles are pruned, and two articles are candidates when they share enough
indexed shingles. Every candidate is then verified exactly on the full
shingle sets. That engine is ``mediakit.compare._shingles``; this module
holds the options, the pairs table with its likely source, and the
stories. Given a Dask DataFrame, ``mediakit.compare._near_duplicates_dask``
runs the same engine distributed, with this module's pairs table.

I wrote the index with numpy and scipy instead of using a MinHash library:
the sampled index verifies exactly and never needs the bands and rows tuned
to a threshold, and the whole of it is a few sorts and a sparse graph.
``benchmarks/bench_near_duplicates.py`` measures it against the baseline a
user writes first (TF-IDF and chunked cosine similarity) and against
datasketch's MinHashLSH at equal recall.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from mediakit._dask import is_dask
from mediakit._progress import check_progress
from mediakit._validation import check_articles, check_option, check_table, show_values, warn
from mediakit.compare import _shingles
from mediakit.compare._shingles import BOTTOM_K

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


def _wire(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in WIRE_AGENCIES


def near_duplicates(
    articles: Any,
    *,
    threshold: float = 0.5,
    measure: str = "containment",
    n: int = 3,
    sample: int = 4,
    min_shared: int = 2,
    max_df: int = 100,
    passage: int = 8,
    progress: bool | None = None,
) -> Any:
    """Find the pairs of articles that share much of their text, without comparing all pairs.

    Parameters
    ----------
    articles : pandas.DataFrame or dask.dataframe.DataFrame
        Articles frame (index ``doc_id``, column ``text``); optional ``date``
        and ``outlet`` decide which article of a pair is the likely source.
        A Dask DataFrame runs distributed (see Notes).
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
        always. Not shown for a Dask DataFrame (the work is on the workers:
        watch the Dask dashboard, or ``distributed.progress``).

    Returns
    -------
    pandas.DataFrame or dask.dataframe.DataFrame
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

        For a Dask DataFrame of articles, a Dask DataFrame (lazy) whose
        ``.compute()`` is that same table, rows, order, RangeIndex, dtypes
        and ``attrs``; partition ``i`` holds the pairs whose ``doc_id_a`` is in
        the articles' partition ``i``.

    Raises
    ------
    ValueError
        If an option is invalid, or a doc_id is not unique (on Dask, checked
        across all the partitions before the graph is built).

    Warns
    -----
    MediakitWarning
        Naming the articles that have no words (they pair with nothing). On
        Dask this is known at call time, on the client (see Notes).

    Notes
    -----
    **On a Dask DataFrame** the same rules run distributed
    (``mediakit.compare._near_duplicates_dask``). At call time one light pass
    over the partitions (a compute: lengths, a hash of each doc_id, which
    articles have no words) places every article at its pandas position,
    raises on a duplicate doc_id, and warns about empty articles; it reads the
    texts, so ``persist()`` a corpus read from files first to read it once.
    The returned graph then indexes each partition, shuffles the index
    entries by shingle hash (Dask's shuffle), prunes and counts the pairs of
    each posting list, gathers each pair's counts in the partition of its
    first article, keeps the candidates, sends each verifying task the texts
    of the other articles it needs (once per task, not once per pair), and
    verifies the candidates partition by partition, in parallel. A ``date``
    column is best given as datetime64 (as :func:`read_articles` gives it):
    date strings are parsed per partition, so a corpus mixing date formats
    may read some differently than on pandas. Dask converts text columns to
    its own string dtype unless ``dask.config.set({"dataframe.convert-string":
    False})``; the doc_id columns then have that dtype.

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
    if not is_dask(articles):
        articles = check_articles(articles, func=func)
    _check_options(threshold, measure, n, sample, min_shared, max_df, passage)
    progress = check_progress(progress, func)
    if is_dask(articles):
        from mediakit.compare import _near_duplicates_dask

        pairs, empty = _near_duplicates_dask.near_duplicates(
            articles,
            threshold=float(threshold),
            measure=measure,
            n=int(n),
            sample=int(sample),
            min_shared=int(min_shared),
            max_df=int(max_df),
            passage=int(passage),
            table=_pairs_table,
        )
        _warn_empty(empty)
        return pairs
    texts = _shingles.Texts(articles["text"])
    h, d, n_shingles = _shingles.index(texts, n, sample, progress)
    _warn_empty(articles.index[n_shingles == 0])
    threshold = float(threshold)
    a, b, pruned = _shingles.candidates(h, d, len(texts), min_shared, max_df, measure, threshold)
    del h, d
    rows = _shingles.verify(texts, a, b, n, measure, threshold, passage, progress)
    table = _pairs_table(articles, rows)
    table.attrs.update(n_candidates=len(a), n_pruned=pruned)
    return table


def _check_options(
    threshold: Any,
    measure: Any,
    n: Any,
    sample: Any,
    min_shared: Any,
    max_df: Any,
    passage: Any,
) -> None:
    """Raise the usual ValueError for an invalid keyword of :func:`near_duplicates`."""
    func = "near_duplicates"
    check_option("measure", measure, MEASURES)
    for name, value, low in (("n", n, 1), ("sample", sample, 1), ("min_shared", min_shared, 1),
                             ("max_df", max_df, 2), ("passage", passage, 1)):  # fmt: skip
        if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < low:
            raise ValueError(f"{func}: `{name}` = {value!r} is invalid; expected an int >= {low}")
    if not isinstance(threshold, int | float) or not 0 <= float(threshold) <= 1:
        raise ValueError(f"{func}: `threshold` = {threshold!r} is invalid; expected 0 to 1")


def _warn_empty(empty: Sequence[Any], *, stacklevel: int = 4) -> None:
    """Name the articles that have no words (``stacklevel`` 4: the public function's caller)."""
    if len(empty):
        warn(
            f"near_duplicates: {len(empty)} article(s) have no words and pair with nothing: "
            f"{show_values(list(empty))}",
            stacklevel=stacklevel,
        )


def _pairs_table(articles: pd.DataFrame, rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Make the pairs table of verified ``rows`` (positions in ``articles``), with the source.

    The doc_id columns have the dtype of the articles' index, with or without rows.
    """
    ids = articles.index
    dates = (
        pd.to_datetime(articles["date"], errors="coerce").to_numpy()
        if "date" in articles.columns
        else None
    )
    outlets = articles["outlet"].tolist() if "outlet" in articles.columns else None
    values: dict[str, list[Any]] = {c: [] for c in NEAR_DUPLICATE_COLUMNS}
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
            (i, j, value, ca, cb, jac, cos, share, inter, source, by),
            strict=True,
        ):
            values[col].append(v)
    table = pd.DataFrame(
        {
            c: ids.take(np.asarray(values[c], dtype=np.int64))
            if c in ("doc_id_a", "doc_id_b", "likely_source")
            else values[c]
            for c in NEAR_DUPLICATE_COLUMNS
        },
        columns=list(NEAR_DUPLICATE_COLUMNS),
    )
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
    return table


def _gathered(pairs: Any, articles: Any) -> tuple[Any, pd.DataFrame]:
    """Dask inputs of :func:`story_clusters` computed: the pairs' ids, the articles' index and date.

    Returns the pairs (computed if they were Dask) and the articles without their
    text (the ``text`` column checked on a Dask DataFrame's meta).
    """
    import dask

    if is_dask(articles):
        check_articles(articles._meta, func="story_clusters")
    articles = articles[[c for c in ("date",) if c in articles.columns]]
    if is_dask(pairs):
        pairs = pairs[[c for c in ("doc_id_a", "doc_id_b", "likely_source") if c in pairs.columns]]
    pairs, articles = dask.compute(pairs, articles)
    return pairs, articles


def story_clusters(pairs: Any, articles: Any) -> pd.DataFrame:
    """Group articles into stories: the connected components of a near-duplicates table.

    Parameters
    ----------
    pairs : pandas.DataFrame or dask.dataframe.DataFrame
        A table from :func:`near_duplicates` (``doc_id_a``, ``doc_id_b``,
        ``likely_source``), filtered as you like (a higher threshold gives
        tighter stories).
    articles : pandas.DataFrame or dask.dataframe.DataFrame
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

    Notes
    -----
    Either argument may be a Dask DataFrame (``pairs`` as
    :func:`near_duplicates` returns it for Dask articles). A story is a
    connected component of the whole graph, so the pairs' three id columns and
    the articles' index and ``date`` (not their text) are computed, in one Dask
    compute, and the result is a pandas DataFrame, as on pandas: one row per
    article, so it fits wherever the articles' index does.

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
    if is_dask(articles) or is_dask(pairs):
        pairs, articles = _gathered(pairs, articles)
        articles = check_articles(articles, required=(), func=func)
    else:
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
