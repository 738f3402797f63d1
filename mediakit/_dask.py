"""The same call on a Dask DataFrame of articles: one partition at a time (private).

A function decorated with :func:`per_partition` keeps its pandas behaviour;
given a ``dask.dataframe.DataFrame`` of articles it returns a Dask collection
made with ``map_partitions``, so one line moves a study from pandas to a
cluster (``Client("tcp://scheduler:8786")``). It is applied only to functions
whose output rows depend on one article alone (no vocabulary, no normalising
across the corpus, no pairs), so that mapping them over the partitions and
concatenating gives the pandas result.

**meta.** The ``meta`` Dask needs is the function's own output on a small
sample with the partitions' columns, dtypes and index type (two short news
sentences, one of them with a quote, and an article with empty text), so it
is right by construction, including the dtypes of the rows that flag an
article that could not be processed. Where a function widens a column only
when such a row is present (the counts of :func:`mediakit.sources` are
``int64``, and ``float64`` with NaN once an article has no text), every
partition is cast to the meta's dtype, so that all partitions share one
schema (``to_parquet`` needs it): on Dask those counts are always
``float64``, the values those of pandas.

**What could not be processed.** As on pandas, nothing is dropped and the
rows are the record. In tables with one row per article an article with
empty or missing text keeps its row: NaN measures in ``lexical_features``,
``lexical_diversity``, ``readability`` and ``sources``
(``table.isna().any(axis=1)``), ``n_sentences == 0`` (and NaN means) in
``sentiment``, ``n_tokens == 0`` in ``count_frames``; ``clean_articles``
keeps it with ``text == ""``. Long tables (paragraphs, sentences, tokens,
sentence sentiment, quotes, hits, KWIC) have no row for it, as on pandas,
and carry no flag: ``articles.index.difference(table["doc_id"].unique())``
lists the articles without rows (some simply have no quote or no hit). The
:class:`~mediakit.MediakitWarning` that names the articles is raised where
the partition ran, for that partition's articles; with ``distributed`` it is
also sent to the clients of the scheduler (``distributed.warn``), so it shows
in the notebook, one warning per partition, once the task has run. Warnings
are a log (they arrive asynchronously and are lost if no client listens);
the flagged rows are what to query.

**Duplicate doc_ids.** Each partition is checked as on pandas, but a doc_id
repeated in two partitions passes both checks and would give two rows under
one id downstream (ambiguous joins, a KWIC line that cannot be traced back).
The pandas path refuses such a frame, and so does the Dask path, with the
same ``ValueError`` naming the duplicates and the fix, raised by the call
itself, before the graph is built: when the divisions are unknown, the call
computes the index alone (not the text) on the cluster, an eager check of
the kind ``set_index`` makes. A lazy check inside the graph was the
alternative, and is worse: every output partition would wait for the whole
corpus's index (a barrier that keeps all input partitions in memory), or the
error would come at the end of the job, after partial output was written.
The check costs one pass over the index column (for Parquet, that column
only; for ``from_delayed`` sources, one more load). It is free when the
divisions are known (a sorted index: ``set_index``,
``from_pandas(..., sort=True)``, ``read_parquet(..., calculate_divisions=True)``):
Dask then keeps each index value in one partition, and the per-partition
check at compute time is enough. It is also free for a collection already
checked: the output of a function that keeps one row per article
(``clean_articles``, the document features) is remembered as checked, so
``lexical_features(clean_articles(parts))`` checks once, on ``parts``.
Where even the index is expensive (a long chain of tasks before it), switch
the check off with ``dask.config.set({"mediakit.check-doc-ids": False})``
once the ids are known to be unique.

Dask is optional: it is imported only when a Dask collection is passed
(``pip install "dask[dataframe]" distributed``).
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from mediakit._validation import check_articles

__all__ = ["is_dask", "per_partition"]

F = TypeVar("F", bound=Callable[..., Any])

#: The sample ``meta`` is made from: a sentence, a quote with its speaker, and an empty text
#: (the dtypes of a flagged row).
_SAMPLE_TEXTS = (
    "NATO chief Mark Rutte said on Thursday that the war poses a threat.",
    "“We see more and more that they are working together,” he told reporters.",
    "",
)
#: Names of Dask collections whose index is known to be unique (most recent last).
_UNIQUE: OrderedDict[str, None] = OrderedDict()
_UNIQUE_MAX = 4096
CHECK_CONFIG = "mediakit.check-doc-ids"


def is_dask(obj: Any) -> bool:
    """Whether ``obj`` is a Dask DataFrame (without importing Dask)."""
    return type(obj).__module__.split(".")[0] == "dask" and hasattr(obj, "map_partitions")


def _sample(meta: pd.DataFrame) -> pd.DataFrame:
    """The articles of ``_SAMPLE_TEXTS`` with the columns, dtypes and index type of ``meta``."""
    n = len(_SAMPLE_TEXTS)
    if pd.api.types.is_numeric_dtype(meta.index.dtype):
        index = pd.Index(range(n), dtype=meta.index.dtype, name=meta.index.name)
    else:
        index = pd.Index(list("abc")[:n], dtype=meta.index.dtype, name=meta.index.name)

    def fill(dtype: Any) -> Any:
        if pd.api.types.is_bool_dtype(dtype):
            return False
        if pd.api.types.is_integer_dtype(dtype) and not isinstance(
            dtype, pd.api.extensions.ExtensionDtype
        ):
            return 0
        return None

    frame = pd.DataFrame(
        {
            c: pd.Series([fill(meta[c].dtype)] * n, dtype=meta[c].dtype, index=index)
            for c in meta.columns
        },
        index=index,
    )
    if "text" in frame.columns:
        frame["text"] = pd.Series(list(_SAMPLE_TEXTS), index=index).astype(meta["text"].dtype)
    return frame


def _remember(name: str) -> None:
    _UNIQUE[name] = None
    _UNIQUE.move_to_end(name)
    while len(_UNIQUE) > _UNIQUE_MAX:
        _UNIQUE.popitem(last=False)


def _check_unique(articles: Any, func: str) -> None:
    """Raise the pandas path's ValueError if a doc_id is in two partitions (see the module doc)."""
    import dask

    if articles.known_divisions or articles._name in _UNIQUE:
        return
    if not dask.config.get(CHECK_CONFIG, True):
        return
    index = articles.index.compute()
    try:
        check_articles(pd.DataFrame(index=index), required=(), func=func)
    except ValueError as err:
        raise ValueError(
            f"{err} (in the Dask DataFrame, across its {articles.npartitions} partitions)"
        ) from None
    _remember(articles._name)


def _casts(meta: pd.DataFrame) -> dict[str, Any]:
    """Columns a partition may return narrower than ``meta`` (int for float): cast them."""
    return {c: t for c, t in meta.dtypes.items() if t == np.float64}


def _forward(caught: list[warnings.WarningMessage]) -> None:
    """Re-issue warnings of a partition; on a ``distributed`` worker, also to the clients."""
    try:
        from distributed import get_worker
        from distributed import warn as remote_warn

        get_worker()
    except (ImportError, ValueError):
        remote_warn = None
    for w in caught:
        if remote_warn is not None:
            remote_warn(w.message, w.category)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _on_partition(
    part: pd.DataFrame, func: Callable[..., Any], casts: dict[str, Any], /, *args: Any, **kw: Any
) -> Any:
    """Run ``func`` (its pandas path) on one partition, with one schema and forwarded warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = func(part, *args, **kw)
    _forward(caught)
    wider = {
        c: t
        for c, t in casts.items()
        if c in out.columns and pd.api.types.is_integer_dtype(out[c].dtype)
    }
    return out.astype(wider) if wider else out


def per_partition(func: F) -> F:
    """Let ``func(articles, ...)`` take a Dask DataFrame too, mapping it over the partitions."""

    @functools.wraps(func)
    def wrapper(articles: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_dask(articles):
            # the pandas path, as if undecorated: warnings point at the caller's line
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = func(articles, *args, **kwargs)
            caller = sys._getframe(1)
            for w in caught:
                warnings.warn_explicit(
                    w.message,
                    w.category,
                    caller.f_code.co_filename,
                    caller.f_lineno,
                    module=caller.f_globals.get("__name__"),
                    registry=caller.f_globals.setdefault("__warningregistry__", {}),
                )
            return result
        given = [k for k in ("sentences", "tokens") if kwargs.get(k) is not None]
        if given:
            raise TypeError(
                f"{func.__name__}: on a Dask DataFrame, pass no {' or '.join(given)}= table: "
                "each partition is split and tokenized where it runs. To compute several "
                "measures from one tokenization, use mediakit.document_features"
            )
        sample = _sample(articles._meta)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            full = func(sample, *args, **kwargs)
        meta = full.iloc[:0]
        _check_unique(articles, func.__name__)
        out = articles.map_partitions(
            _on_partition, wrapper, _casts(meta), *args, meta=meta, **kwargs
        )
        if isinstance(full, pd.DataFrame) and full.index.equals(sample.index):
            _remember(out._name)  # one row per article, same doc_ids: unique too
        return out

    return wrapper  # type: ignore[return-value]
