"""near_duplicates on a Dask DataFrame of articles: the pandas path's rules, distributed (private).

Imported only when :func:`mediakit.near_duplicates` is given a Dask
DataFrame. Every rule is the pandas path's own function: from
``mediakit.compare._shingles`` the indexed shingles of an article
(``sketch``), the posting lists kept and pruned (``postings``), the pairs a
posting list makes (``pair_counts``), what is enough to be a candidate
(``enough``) and the exact verification (``verify``); and the pairs table
with its likely source, which ``near_duplicates`` passes in (``table``: this
module does not import the public one). Only where the data are differs.

**At call time** one light pass over the partitions (a Dask compute) gives
each partition's length, so that every article has its pandas position
(partition offset plus row: the order of the pairs and the bits of an index
entry depend on it), a 64-bit hash of each doc_id, from which a doc_id found
twice, in one partition or in two, is named in the pandas path's
``ValueError`` before anything else runs, and the articles that have no
words, which the caller names in the pandas path's warning, on the client (a
worker's warning would not reach it). The pass reads the ``text`` column; for
a corpus read from files, ``parts.persist()`` first saves reading it twice.

**The graph** (run by ``.compute()``), with ``P`` the articles' partitions:

1. *Index entries*, per partition: each article's indexed shingles, as rows
   ``(key, doc, n_indexed)``: the hash's top ``64 - entry_bits`` bits (as in
   the pandas index), the article's position, its number of entries.
2. *Shuffle by key* (``shuffle(on="key")``, Dask's shuffle: P2P on a
   ``distributed`` cluster): each posting list is in one partition, where it
   is sorted, pruned by ``max_df`` and turned into pairs ``(a, b)`` with the
   number of lists they share there (and the sides' ``n_indexed``).
3. *Shuffle by the first article's partition* (``set_index`` on it with
   the divisions ``0 .. P - 1``, so no quantiles are computed): all the
   partial counts of a pair meet in the partition of its article ``a``, are
   summed, and the pairs with enough shared entries are the candidates.
4. *Texts to the verifying task*: the partition of ``a`` holds the texts of
   its ``a`` articles; each other article ``b`` it needs is asked for once
   (a request shuffled to ``b``'s partition, answered with ``b``'s text,
   ``date`` and ``outlet``, shuffled back), so a text travels at most once
   per partition that needs it, however many pairs it is in.
5. *Verification*, per partition, in parallel: ``verify`` and the pairs
   table on the partition's articles and the texts it received.
6. *Numbering*: each partition's rows get the next stretch of the pandas
   table's RangeIndex, and ``attrs`` holds ``n_candidates`` and ``n_pruned``
   (sums over the partitions), so ``.compute()`` is the pandas table.

The output has ``P`` partitions, partition ``i`` holding the pairs whose
first article is in articles partition ``i``, sorted by the articles' order
of ``doc_id_a`` then ``doc_id_b``, as in pandas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import check_articles
from mediakit.compare import _shingles
from mediakit.compare._shingles import (
    Texts,
    chunks,
    counted,
    enough,
    entry_bits,
    pair_counts,
    postings,
    sketch,
    verify,
)

__all__ = ["near_duplicates"]

FUNC = "near_duplicates"
_I64 = np.int64


def _empty(columns: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in columns.items()})


_ENTRIES = {"key": np.uint64, "doc": _I64, "n_indexed": _I64}
_PARTIALS = {"pa": _I64, "pair": _I64, "count": _I64, "ia": _I64, "ib": _I64}
_REQUESTS = {"pb": _I64, "b": _I64, "dest": _I64}


# ---------------------------------------------------------------------------
# at call time: lengths, doc_id hashes, articles with no words
# ---------------------------------------------------------------------------


def _census(part: pd.DataFrame) -> tuple[int, np.ndarray, list[Any]]:
    """A partition's length, the hashes of its doc_ids, and its articles that have no words."""
    texts = Texts(part["text"])
    words = np.zeros(len(texts), dtype=bool)
    for lo, hi in chunks(texts.lengths):
        words[lo:hi] = _shingles.has_words(texts[lo:hi])
    hashes = pd.util.hash_pandas_object(part.index, index=False).to_numpy(np.uint64)
    return len(part), hashes, part.index[~words].tolist()


def _ids_hashed(part: pd.DataFrame, wanted: np.ndarray) -> list[Any]:
    """The doc_ids of a partition whose hash is one of ``wanted`` (sorted)."""
    hashes = pd.util.hash_pandas_object(part.index, index=False).to_numpy(np.uint64)
    return part.index[_shingles.contains(wanted, hashes)].tolist()


def _survey(articles: Any) -> tuple[np.ndarray, list[Any]]:
    """Offsets of the partitions (length P + 1), and the articles with no words; raise on dupes."""
    import dask
    from dask import delayed

    parts = articles[["text"]].to_delayed()
    found = dask.compute(*[delayed(_census)(p) for p in parts])
    offsets = np.concatenate(([0], np.cumsum([k for k, _, _ in found]))).astype(_I64)
    hashes, repeated = counted(np.concatenate([h for _, h, _ in found] or [np.zeros(0, np.uint64)]))
    twice = hashes[repeated > 1]
    if len(twice):  # a doc_id twice (or, about 2**-64 a pair, two with one hash): name them
        found_ids = dask.compute(*[delayed(_ids_hashed)(p, twice) for p in parts])
        ids = [doc for part_ids in found_ids for doc in part_ids]
        try:
            check_articles(pd.DataFrame(index=pd.Index(ids)), required=(), func=FUNC)
        except ValueError as err:
            raise ValueError(
                f"{err} (in the Dask DataFrame, across its {articles.npartitions} partitions)"
            ) from None
    return offsets, [doc for _, _, empty in found for doc in empty]


# ---------------------------------------------------------------------------
# the steps of the graph, each on one partition
# ---------------------------------------------------------------------------


def _entries(
    part: pd.DataFrame,
    offsets: np.ndarray,
    n: int,
    sample: int,
    doc_bits: int,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Step 1: the index entries of a partition's articles (their pandas positions)."""
    offset = int(offsets[partition_info["number"]]) if partition_info else 0
    texts = Texts(part["text"])
    keys, docs = [np.zeros(0, np.uint64)], [np.zeros(0, _I64)]
    for lo, hi in chunks(texts.lengths):
        h, d, _ = sketch(texts[lo:hi], n, sample)
        keys.append(h >> np.uint64(doc_bits))
        docs.append(d.astype(_I64) + lo)
    local = np.concatenate(docs)
    return pd.DataFrame(
        {
            "key": np.concatenate(keys),
            "doc": local + offset,
            "n_indexed": np.bincount(local, minlength=len(texts))[local].astype(_I64),
        }
    )


def _partials(entries: pd.DataFrame, offsets: np.ndarray, doc_bits: int, max_df: int):
    """Step 2: the posting lists of a partition of keys, as pairs with their shared counts."""
    n_docs = int(offsets[-1])
    shift = np.uint64(doc_bits)
    docs = entries["doc"].to_numpy(_I64)
    packed = (entries["key"].to_numpy(np.uint64) << shift) | docs.astype(np.uint64)
    packed.sort()  # by shingle, then doc: the pandas index's order
    if len(packed) < 2:
        return _empty(_PARTIALS)
    d, starts, sizes, _ = postings(
        packed >> shift, (packed & np.uint64((1 << doc_bits) - 1)).astype(_I64), max_df
    )
    known, first = np.unique(docs, return_index=True)
    n_indexed = entries["n_indexed"].to_numpy(_I64)[first]
    out = [_empty(_PARTIALS)]
    for a, b, counts in pair_counts(d, starts, sizes, n_docs):
        out.append(
            pd.DataFrame(
                {
                    "pa": np.searchsorted(offsets, a, side="right") - 1,
                    "pair": a * n_docs + b,
                    "count": counts,
                    "ia": n_indexed[np.searchsorted(known, a)],
                    "ib": n_indexed[np.searchsorted(known, b)],
                }
            )
        )
    return pd.concat(out, ignore_index=True)


def _n_pruned(entries: pd.DataFrame, max_df: int) -> pd.Series:
    """Step 2, the count: posting lists of a partition of keys pruned by ``max_df``."""
    keys = entries["key"].to_numpy(np.uint64)
    packed = np.sort(keys)
    if len(packed) < 2:
        return pd.Series([0], dtype=_I64)
    *_, pruned = postings(packed, np.zeros(len(packed), _I64), max_df)
    return pd.Series([pruned], dtype=_I64)


def _candidates(
    partials: pd.DataFrame,
    n_docs: int,
    min_shared: int,
    measure: str,
    threshold: float,
) -> pd.DataFrame:
    """Step 3: a pair's counts summed; the pairs with enough, sorted (index: a's partition)."""
    pair = partials["pair"].to_numpy(_I64)
    order = np.argsort(pair, kind="stable")
    pair = pair[order]
    first = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1]))) if len(pair) else order
    counts = (
        np.add.reduceat(partials["count"].to_numpy(_I64)[order], first) if len(first) else first
    )
    ia = partials["ia"].to_numpy(_I64)[order][first]
    ib = partials["ib"].to_numpy(_I64)[order][first]
    pair = pair[first]
    good = enough(counts, ia, ib, min_shared, measure, threshold)
    a, b = pair[good] // n_docs, pair[good] % n_docs
    return pd.DataFrame(
        {"a": a.astype(_I64), "b": b.astype(_I64)},
        index=pd.Index(partials.index[: len(a)].to_numpy(_I64), name="pa"),
    )


def _requests(cands: pd.DataFrame, offsets: np.ndarray) -> pd.DataFrame:
    """Step 4: the articles of other partitions whose texts a partition's candidates need."""
    if not len(cands):
        return _empty(_REQUESTS)
    here = int(cands.index[0])
    b = np.unique(cands["b"].to_numpy(_I64))
    pb = np.searchsorted(offsets, b, side="right") - 1
    away = pb != here
    return pd.DataFrame({"pb": pb[away], "b": b[away], "dest": np.full(away.sum(), here, _I64)})


def _answers(
    requests: pd.DataFrame, part: pd.DataFrame, offsets: np.ndarray, dtypes: dict[str, Any]
) -> pd.DataFrame:
    """Step 4: a partition's answers, the requested articles (doc_id, text, date, outlet)."""
    if not len(requests):
        return _empty(dtypes)
    b = requests["b"].to_numpy(_I64)
    rows = part.iloc[b - offsets[int(requests.index[0])]]
    out = pd.DataFrame(
        {"dest": requests["dest"].to_numpy(_I64), "b": b, "doc_id": rows.index.to_numpy()}
    )
    for col in part.columns:
        out[col] = rows[col].to_numpy()
    return out.astype(dtypes)


def _verified(
    cands: pd.DataFrame,
    part: pd.DataFrame,
    answers: pd.DataFrame,
    offsets: np.ndarray,
    n: int,
    measure: str,
    threshold: float,
    passage: int,
    table: Callable[[pd.DataFrame, list[tuple[Any, ...]]], pd.DataFrame],
) -> pd.DataFrame:
    """Step 5: verify a partition's candidates; the pairs table of those at the threshold."""
    if not len(cands):
        return table(part.iloc[:0], [])
    offset = int(offsets[int(cands.index[0])])
    answers = answers.sort_values("b")
    others = answers[list(part.columns)].set_axis(
        pd.Index(answers["doc_id"].to_numpy(), dtype=part.index.dtype, name=part.index.name)
    )
    local = pd.concat([part, others.astype(part.dtypes.to_dict())]) if len(others) else part
    a = cands["a"].to_numpy(_I64)
    b = cands["b"].to_numpy(_I64)
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    # positions in `local`: the partition's own articles, then the answers by position
    la = a - offset
    inside = b < offset + len(part)
    lb = np.where(inside, b - offset, len(part) + np.searchsorted(answers["b"].to_numpy(_I64), b))
    rows = verify(Texts(local["text"]), la, lb, n, measure, threshold, passage)
    return table(local, rows)


def _length(frame: pd.DataFrame) -> pd.Series:
    return pd.Series([len(frame)], dtype=_I64)


def _numbered(
    table: pd.DataFrame, start: pd.Series, n_candidates: Any, n_pruned: Any
) -> pd.DataFrame:
    """Step 6: a partition's stretch of the RangeIndex, and the pandas table's ``attrs``."""
    first = int(start.iloc[0])
    table = table.set_axis(pd.RangeIndex(first, first + len(table)))
    table.attrs.update(n_candidates=int(n_candidates), n_pruned=int(n_pruned))
    return table


# ---------------------------------------------------------------------------
# the graph
# ---------------------------------------------------------------------------


def near_duplicates(
    articles: Any,
    *,
    threshold: float,
    measure: str,
    n: int,
    sample: int,
    min_shared: int,
    max_df: int,
    passage: int,
    table: Callable[[pd.DataFrame, list[tuple[Any, ...]]], pd.DataFrame],
) -> tuple[Any, list[Any]]:
    """:func:`mediakit.near_duplicates` on a Dask DataFrame (keywords already checked).

    Returns the pairs (a Dask DataFrame) and the doc_ids of the articles that
    have no words, for the caller to name. ``table(articles, rows)`` makes the
    pairs table of verified rows (positions in ``articles``).
    """
    import dask.dataframe as dd

    meta = articles._meta
    check_articles(meta, func=FUNC)  # the columns (the ids are checked by _survey)
    columns = ["text"] + [c for c in ("date", "outlet") if c in meta.columns]
    parts = articles[columns]
    offsets, empty = _survey(articles)
    n_docs = int(offsets[-1])
    doc_bits = entry_bits(n_docs)
    n_parts = parts.npartitions
    by_part = (*range(n_parts), n_parts - 1)  # divisions: partition i holds the value i

    entries = parts.map_partitions(
        _entries, offsets, n, sample, doc_bits, partition_info=True, meta=_empty(_ENTRIES)
    )
    by_key = entries.shuffle(on="key", npartitions=n_parts)
    n_pruned = by_key.map_partitions(_n_pruned, max_df, meta=pd.Series([], dtype=_I64)).sum()
    partials = by_key.map_partitions(
        _partials, offsets, doc_bits, max_df, meta=_empty(_PARTIALS)
    ).set_index("pa", divisions=by_part)
    cand_meta = _empty({"a": _I64, "b": _I64}).set_axis(pd.Index([], dtype=_I64, name="pa"))
    cands = partials.map_partitions(
        _candidates, n_docs, min_shared, measure, threshold, meta=cand_meta
    )
    n_candidates = cands.map_partitions(_length, meta=pd.Series([], dtype=_I64)).sum()

    answer_meta = _empty({"dest": _I64, "b": _I64}).assign(
        doc_id=pd.Series([], dtype=meta.index.dtype), **{c: meta[c].iloc[:0] for c in columns}
    )
    requests = cands.map_partitions(_requests, offsets, meta=_empty(_REQUESTS)).set_index(
        "pb", divisions=by_part
    )
    answers = dd.map_partitions(
        _answers,
        requests,
        parts,
        offsets,
        answer_meta.dtypes.to_dict(),
        meta=answer_meta,
        align_dataframes=False,
    ).set_index("dest", divisions=by_part)

    table_meta = table(meta[columns], [])
    verified = dd.map_partitions(
        _verified,
        cands,
        parts,
        answers,
        offsets,
        n,
        measure,
        threshold,
        passage,
        table,
        meta=table_meta,
        align_dataframes=False,
    )
    sizes = verified.map_partitions(_length, meta=pd.Series([], dtype=_I64))
    pairs = dd.map_partitions(
        _numbered,
        verified,
        sizes.cumsum() - sizes,
        n_candidates,
        n_pruned,
        meta=table_meta,
        align_dataframes=False,
        enforce_metadata=False,  # Dask would replace an empty partition by the meta, attrs and all
    )
    return pairs, empty
