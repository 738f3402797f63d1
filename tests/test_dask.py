"""The per-article functions on a Dask DataFrame, on a real LocalCluster: the pandas results.

The cluster is started by the test (two worker processes on loopback, no
dashboard). Dask's own string conversion is switched off so that the dtypes
are the pandas path's, and the tables compare exactly.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import mediakit as mk

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")


@pytest.fixture(scope="module")
def client():
    with dask.config.set({"dataframe.convert-string": False}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            host="127.0.0.1",
        )  # fmt: skip
        with distributed.Client(cluster) as c:
            yield c
        cluster.close()


def _corpus(seed_raw, standin_raw) -> pd.DataFrame:
    """Both pairs, the seed pair and the stand-in: four articles."""
    standin = standin_raw.rename(index=lambda d: f"standin_{d}")
    return pd.concat([seed_raw, standin])


@pytest.mark.parametrize(
    "name, args",
    [
        ("lexical_features", ()),
        ("readability", ()),
        ("count_frames", ("generic_frames",)),
        ("split_sentences", ()),
        ("tokenize", ()),
    ],
)
def test_dask_results_equal_pandas_results(client, seed_raw, standin_raw, name, args):
    with dask.config.set({"dataframe.convert-string": False}):
        raw = _corpus(seed_raw, standin_raw)
        parts = dd.from_pandas(raw, npartitions=3, sort=False)
        args = tuple(mk.load_dictionary(a) if a == "generic_frames" else a for a in args)
        func = getattr(mk, name)
        clean = mk.clean_articles(parts)
        assert isinstance(clean, dd.DataFrame)
        got = func(clean, *args)
        assert isinstance(got, dd.DataFrame)
        got = got.compute()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mk.MediakitWarning)
            expected = func(mk.clean_articles(raw), *args)
    if expected.index.name is None:  # long tables: each partition has its own RangeIndex
        got = got.reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


def test_a_partition_with_zero_rows(client, seed_raw, standin_raw):
    from dask import delayed

    with dask.config.set({"dataframe.convert-string": False}):
        raw = _corpus(seed_raw, standin_raw)
        parts = dd.from_delayed(
            [delayed(raw.iloc[:2]), delayed(raw.iloc[:0]), delayed(raw.iloc[2:])],
            meta=raw.iloc[:0],
            verify_meta=False,
        )
        assert parts.npartitions == 3
        got = mk.lexical_features(mk.clean_articles(parts)).compute()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        expected = mk.lexical_features(mk.clean_articles(raw))
    pd.testing.assert_frame_equal(got, expected)  # rows in = rows out, nothing lost
