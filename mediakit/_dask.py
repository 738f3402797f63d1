"""The same call on a Dask DataFrame of articles: one partition at a time (private).

A function decorated with :func:`per_partition` keeps its pandas behaviour;
given a ``dask.dataframe.DataFrame`` it returns a Dask collection made with
``map_partitions``, so one line moves a study from pandas to a cluster
(``Client("tcp://scheduler:8786")``). The ``meta`` Dask needs is the
function's own output on a two-article sample with the partitions' columns
and dtypes, so it is right by construction.

Dask is optional: it is imported only when a Dask collection is passed
(``pip install "dask[dataframe]" distributed``).
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

__all__ = ["is_dask", "per_partition"]

F = TypeVar("F", bound=Callable[..., Any])

_SAMPLE_TEXTS = (
    "NATO chief Mark Rutte said on Thursday that the war poses a threat.",
    "“We see more and more that they are working together,” he told reporters.",
)


def is_dask(obj: Any) -> bool:
    """Whether ``obj`` is a Dask DataFrame (without importing Dask)."""
    return type(obj).__module__.split(".")[0] == "dask" and hasattr(obj, "map_partitions")


def _sample(meta: pd.DataFrame) -> pd.DataFrame:
    """Two articles with the columns, dtypes and index type of ``meta``."""
    if pd.api.types.is_numeric_dtype(meta.index.dtype):
        index = pd.Index([0, 1], dtype=meta.index.dtype, name=meta.index.name)
    else:
        index = pd.Index(["a", "b"], dtype=meta.index.dtype, name=meta.index.name)

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
            c: pd.Series([fill(meta[c].dtype)] * 2, dtype=meta[c].dtype, index=index)
            for c in meta.columns
        },
        index=index,
    )
    if "text" in frame.columns:
        frame["text"] = pd.Series(list(_SAMPLE_TEXTS), index=index).astype(meta["text"].dtype)
    return frame


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
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            meta = func(_sample(articles._meta), *args, **kwargs).iloc[:0]
        return articles.map_partitions(wrapper, *args, meta=meta, **kwargs)

    return wrapper  # type: ignore[return-value]
