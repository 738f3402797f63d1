"""near_duplicates on a Dask DataFrame, on a real LocalCluster: the pandas table, exactly.

The cluster is started by the test (two worker processes on loopback, no
dashboard). Dask's own string conversion is switched off so that the dtypes
are the pandas path's and the tables compare with ``assert_frame_equal``
as they are: same rows in the same order, same RangeIndex, same dtypes (the
``attrs`` are compared too). The corpora have pairs inside a partition and
across partitions, and a partition with zero rows.
"""

from __future__ import annotations

import itertools
import logging
import random
import warnings

import numpy as np
import pandas as pd
import pytest

import mediakit as mk
from mediakit._validation import MediakitWarning

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")


@pytest.fixture(scope="module")
def client():
    with dask.config.set({"dataframe.convert-string": False}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            host="127.0.0.1", silence_logs=logging.ERROR,
        )  # fmt: skip
        with distributed.Client(cluster) as c:
            yield c
        cluster.close()


@pytest.fixture(autouse=True)
def _pandas_strings():
    with dask.config.set({"dataframe.convert-string": False}):
        yield


def _parts(articles: pd.DataFrame, *cuts: int):
    """A Dask DataFrame of ``articles`` cut at ``cuts`` (a repeated cut: a partition of 0 rows)."""
    bounds = [0, *cuts, len(articles)]
    pieces = [articles.iloc[lo:hi] for lo, hi in itertools.pairwise(bounds)]
    return dd.from_delayed(
        [dask.delayed(p) for p in pieces], meta=articles.iloc[:0], verify_meta=False
    )


def _pandas(articles: pd.DataFrame, **kw) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        return mk.near_duplicates(articles, progress=False, **kw)


def _equal(got, expected: pd.DataFrame) -> None:
    assert isinstance(got, dd.DataFrame)
    pd.testing.assert_frame_equal(got._meta, expected.iloc[:0])  # the meta is right
    table = got.compute()
    pd.testing.assert_frame_equal(table, expected)
    assert table.attrs == expected.attrs


def _corpus(seed: int, n_docs: int = 320) -> pd.DataFrame:
    """Random texts, planted near-copies (some words changed), a stock phrase, empty texts."""
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(400)] + ["the", "of", "and", "Kyiv’s", "Nausėda"]
    docs = [" ".join(rng.choices(vocab, k=rng.randint(5, 90))) for _ in range(n_docs)]
    for _ in range(n_docs // 4):  # copies of random sources: many in another partition
        src = rng.choice(docs).split()
        for k in rng.sample(range(len(src)), k=len(src) // 6):
            src[k] = rng.choice(vocab)
        docs.append(" ".join(src))
    for k in range(0, len(docs), 8):  # a stock phrase in many articles: pruned when max_df < 50
        docs[k] += " Sign up for our newsletter to read more stories like this"
    docs[7] = ""
    docs[11] = None
    ids = pd.Index([f"doc{i:04d}" for i in rng.sample(range(10_000), len(docs))], name="doc_id")
    days = [rng.choice([None, "2024-11-07", "2024-11-08"]) for _ in docs]
    return pd.DataFrame(
        {
            "text": docs,
            "outlet": [rng.choice(["AFP", "Reuters", "Daily Site", None]) for _ in docs],
            "date": pd.to_datetime(pd.Series(days, dtype=object)).to_numpy(),
        },
        index=ids,
    )


def test_seed_and_standin_pairs(client, seed_raw, standin_raw):
    articles = pd.concat([seed_raw, standin_raw.rename(index=lambda d: f"standin_{d}")])
    parts = _parts(articles, 1, 3)  # wire | rewrite, standin_wire | standin_rewrite
    for measure in ("containment", "jaccard", "cosine"):
        expected = _pandas(articles, threshold=0.1, measure=measure)
        assert len(expected) and expected.attrs["n_candidates"] > len(expected) > 0
        _equal(mk.near_duplicates(parts, threshold=0.1, measure=measure), expected)


@pytest.mark.parametrize(
    "measure, kw",
    [
        ("containment", {"sample": 1, "min_shared": 1, "threshold": 0.3}),
        ("containment", {}),
        ("jaccard", {"threshold": 0.4}),
        ("cosine", {"sample": 1, "threshold": 0.45, "max_df": 6}),
    ],
)
def test_planted_copies_equal_the_pandas_table(client, measure, kw):
    articles = _corpus(seed=len(kw))
    parts = _parts(articles, 90, 90, 200, 330)  # the second partition has zero rows
    assert parts.npartitions == 5
    expected = _pandas(articles, measure=measure, **kw)
    # the test means something: pairs inside and across partitions, every rule for the source
    part_a, part_b = (
        np.searchsorted([90, 200, 330], articles.index.get_indexer(expected[col]), "right")
        for col in ("doc_id_a", "doc_id_b")
    )
    assert (part_a == part_b).any() and (part_a != part_b).any()
    assert set(expected["source_by"]) == {"date", "agency", "containment"}
    if kw.get("max_df"):
        assert expected.attrs["n_pruned"] > 0
    with pytest.warns(MediakitWarning, match=r"2 article\(s\) have no words"):
        got = mk.near_duplicates(parts, measure=measure, **kw)
    _equal(got, expected)


def test_empty_articles_are_named_on_the_client_at_call_time(client):
    articles = pd.DataFrame(
        {"text": ["The cat sat on the mat today.", "", None, "The cat sat on the mat, today!"]},
        index=pd.Index(["a", "b", "c", "d"], name="doc_id"),
    )
    with pytest.warns(MediakitWarning, match=r"2 article\(s\) have no words.*\['b', 'c'\]") as w:
        got = mk.near_duplicates(_parts(articles, 2))
    assert w[0].filename == __file__  # points at the caller's line
    _equal(got, _pandas(articles))


def test_no_pairs_and_no_articles(client):
    articles = pd.DataFrame(
        {"text": ["Dogs bark at night.", "Cats sleep all day long."]},
        index=pd.Index(["a", "b"], name="doc_id"),
    )
    _equal(mk.near_duplicates(_parts(articles, 1)), _pandas(articles))
    _equal(mk.near_duplicates(_parts(articles.iloc[:0], 0)), _pandas(articles.iloc[:0]))


def test_duplicate_doc_ids_are_named_before_anything_runs(client):
    articles = pd.DataFrame(
        {"text": ["one two three", "four five six", "seven eight", "one two three"]},
        index=pd.Index(["x", "y", "z", "x"], name="doc_id"),
    )
    message = r"needs unique doc_id values in the index; duplicated: \['x'\].*across its 2 part"
    with pytest.raises(ValueError, match=message):
        mk.near_duplicates(_parts(articles, 2))  # one in each partition
    with pytest.raises(ValueError, match=r"duplicated: \['x'\]"):
        mk.near_duplicates(_parts(articles, 4))  # both in one partition


def test_options_and_columns_are_checked_as_on_pandas(client):
    articles = pd.DataFrame({"body": ["a b c"]}, index=pd.Index(["a"], name="doc_id"))
    with pytest.raises(ValueError, match=r"needs column\(s\) \['text'\]"):
        mk.near_duplicates(_parts(articles))
    with pytest.raises(ValueError, match="`measure` = 'dice' is invalid"):
        mk.near_duplicates(_parts(articles.rename(columns={"body": "text"})), measure="dice")


def test_story_clusters_of_dask_pairs_and_articles(client):
    articles = _corpus(seed=9)
    parts = _parts(articles, 90, 90, 200)
    expected = mk.story_clusters(_pandas(articles, threshold=0.3), articles)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        pairs = mk.near_duplicates(parts, threshold=0.3)
    assert (expected["cluster_size"] > 2).any()
    for args in ((pairs, parts), (pairs, articles), (pairs.compute(), parts)):
        pd.testing.assert_frame_equal(mk.story_clusters(*args), expected)
    with pytest.raises(ValueError, match=r"not in `articles`"):
        mk.story_clusters(pairs, _parts(articles.iloc[:100], 50))


def test_with_dask_string_conversion_the_values_are_the_same(client, seed_raw, standin_raw):
    articles = pd.concat([seed_raw, standin_raw.rename(index=lambda d: f"standin_{d}")])
    with dask.config.set({"dataframe.convert-string": True}):
        parts = dd.from_pandas(articles, npartitions=2, sort=False)
        got = mk.near_duplicates(parts, threshold=0.1).compute()
    expected = _pandas(articles, threshold=0.1)
    assert isinstance(got["doc_id_a"].dtype, pd.StringDtype)  # Dask's string dtype
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
