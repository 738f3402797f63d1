"""The per-article functions on a Dask DataFrame, on a real LocalCluster: the pandas results.

The cluster is started once for the module (two worker processes on loopback,
no dashboard). Dask's own string conversion is switched off so that the dtypes
are the pandas path's, and the tables compare exactly. The corpus is the seed
pair and the stand-in pair (four articles); the functions after
``clean_articles`` get the cleaned articles, cleaned once with pandas.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pytest

import mediakit as mk
from mediakit import _dask

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

# warnings sent by the workers reach the client whenever their event arrives, also during a later
# test; the one test of them records them itself
pytestmark = pytest.mark.filterwarnings("ignore::mediakit.MediakitWarning")


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


@pytest.fixture(autouse=True)
def _no_string_conversion():
    with dask.config.set({"dataframe.convert-string": False}):
        yield


def _corpus(seed_raw, standin_raw) -> pd.DataFrame:
    """Both pairs, the seed pair and the stand-in: four articles."""
    standin = standin_raw.rename(index=lambda d: f"standin_{d}")
    return pd.concat([seed_raw, standin])


def _pandas(func, articles, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        return func(articles, *args, **kwargs)


@pytest.fixture()
def clean(seed_raw, standin_raw) -> pd.DataFrame:
    return _pandas(mk.clean_articles, _corpus(seed_raw, standin_raw))


GENERIC = mk.load_dictionary("generic_frames")

#: (id, function, args, kwargs): every function that takes a Dask DataFrame, after cleaning.
CASES = [
    ("split_paragraphs", mk.split_paragraphs, (), {}),
    ("split_sentences", mk.split_sentences, (), {}),
    ("tokenize", mk.tokenize, (), {}),
    ("lexical_features", mk.lexical_features, (), {}),
    ("lexical_diversity", mk.lexical_diversity, (), {}),
    ("readability", mk.readability, (), {}),
    ("sentiment", mk.sentiment, (), {}),
    ("sentiment_sentences", mk.sentiment, (), {"level": "sentence"}),
    ("extract_quotes", mk.extract_quotes, (), {}),
    ("sources", mk.sources, (), {}),
    ("count_frames", mk.count_frames, (GENERIC,), {}),
    ("frame_hits", mk.frame_hits, (GENERIC,), {}),
    ("kwic", mk.kwic, ("threat*",), {"window": 3}),
    ("kwic_dictionary", mk.kwic, (GENERIC,), {"sentence_bounded": True}),
    # no match in the sample meta is made from: meta from an empty table
    ("kwic_not_in_sample", mk.kwic, (["Ukrain*", "Budapest"],), {}),
]
IDS = [c[0] for c in CASES]
LONG = {"split_paragraphs", "split_sentences", "tokenize", "sentiment_sentences"}
LONG |= {"extract_quotes", "frame_hits", "kwic", "kwic_dictionary", "kwic_not_in_sample"}


def _on_dask(parts, func, args, kwargs) -> pd.DataFrame:
    """Run on Dask, check the collection and its meta, and return the computed table."""
    lazy = func(parts, *args, **kwargs)
    assert isinstance(lazy, dd.DataFrame)
    got = lazy.compute()
    # meta is right: the computed table has its columns and dtypes, whatever the partitions held
    pd.testing.assert_series_equal(got.dtypes, lazy._meta.dtypes)
    assert got.index.dtype == lazy._meta.index.dtype
    return got


def _expected(name, func, articles, args, kwargs) -> pd.DataFrame:
    expected = _pandas(func, articles, *args, **kwargs)
    if name == "sources":
        # on Dask the counts are float64 in every partition: one schema, also when a partition
        # holds an article without text (NaN); the values are pandas'
        ints = expected.select_dtypes("int64").columns
        expected = expected.astype(dict.fromkeys(ints, np.float64))
    return expected


def _compare(name, got, expected) -> None:
    if name in LONG:  # long tables: each partition has its own RangeIndex
        got = got.reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(("name", "func", "args", "kwargs"), CASES, ids=IDS)
def test_dask_results_equal_pandas_results(client, clean, name, func, args, kwargs):
    parts = dd.from_pandas(clean, npartitions=3, sort=False)
    got = _on_dask(parts, func, args, kwargs)
    _compare(name, got, _expected(name, func, clean, args, kwargs))
    if name in LONG:
        assert set(got["doc_id"]) <= set(clean.index)
        assert len(got) > 0
    else:
        assert got.index.tolist() == clean.index.tolist()  # rows in = rows out, in order


@pytest.mark.parametrize(
    ("name", "func", "args", "kwargs"),
    [c for c in CASES if c[0] in {"extract_quotes", "sources", "kwic", "sentiment_sentences"}],
)
def test_meta_with_dask_string_conversion(client, clean, name, func, args, kwargs):
    # Dask's default: text columns as its own string dtype; meta follows the partitions
    with dask.config.set({"dataframe.convert-string": True}):
        parts = dd.from_pandas(clean, npartitions=2, sort=False)
        got = _on_dask(parts, func, args, kwargs)
    assert len(got) == len(_expected(name, func, clean, args, kwargs))


def test_sources_counts_are_int_on_pandas(clean):
    # the pandas path keeps its int64 counts; only the Dask path widens them (see above)
    assert mk.sources(clean)["n_quotes"].dtype == np.int64


def test_clean_articles_on_dask_equals_pandas(client, seed_raw, standin_raw):
    raw = _corpus(seed_raw, standin_raw)
    parts = dd.from_pandas(raw, npartitions=3, sort=False)
    got = _on_dask(parts, mk.clean_articles, (), {})
    pd.testing.assert_frame_equal(got, _pandas(mk.clean_articles, raw))
    # chained: lexical_features(clean_articles(parts)), as in the README
    got = mk.lexical_features(mk.clean_articles(parts)).compute()
    pd.testing.assert_frame_equal(
        got, _pandas(mk.lexical_features, _pandas(mk.clean_articles, raw))
    )


@pytest.mark.parametrize(("name", "func", "args", "kwargs"), CASES, ids=IDS)
def test_a_partition_with_zero_rows(client, clean, name, func, args, kwargs):
    from dask import delayed

    parts = dd.from_delayed(
        [delayed(clean.iloc[:2]), delayed(clean.iloc[:0]), delayed(clean.iloc[2:])],
        meta=clean.iloc[:0],
        verify_meta=False,
    )
    assert parts.npartitions == 3
    got = _on_dask(parts, func, args, kwargs)
    _compare(name, got, _expected(name, func, clean, args, kwargs))  # nothing lost


def test_clean_articles_with_a_partition_of_zero_rows(client, seed_raw, standin_raw):
    from dask import delayed

    raw = _corpus(seed_raw, standin_raw)
    parts = dd.from_delayed(
        [delayed(raw.iloc[:2]), delayed(raw.iloc[:0]), delayed(raw.iloc[2:])],
        meta=raw.iloc[:0],
        verify_meta=False,
    )
    got = mk.lexical_features(mk.clean_articles(parts)).compute()
    pd.testing.assert_frame_equal(
        got, _pandas(mk.lexical_features, _pandas(mk.clean_articles, raw))
    )


# ---------------------------------------------------------------------------
# articles that cannot be processed: the row stays, flagged, as on pandas
# ---------------------------------------------------------------------------


@pytest.fixture()
def with_bad(clean) -> pd.DataFrame:
    """The four cleaned articles with an empty and a missing text among them."""
    bad = clean.iloc[:2].rename(index={"wire": "blank", "rewrite": "missing"})
    bad["text"] = pd.Series(["", None], index=bad.index, dtype=clean["text"].dtype)
    return pd.concat([clean.iloc[:1], bad.iloc[:1], clean.iloc[1:3], bad.iloc[1:], clean.iloc[3:]])


@pytest.mark.parametrize(("name", "func", "args", "kwargs"), CASES, ids=IDS)
def test_an_article_without_text_keeps_its_row(client, with_bad, name, func, args, kwargs):
    assert with_bad.index.tolist()[1:5] == ["blank", "rewrite", "standin_wire", "missing"]
    parts = dd.from_pandas(with_bad, npartitions=3, sort=False)
    got = _on_dask(parts, func, args, kwargs)
    expected = _expected(name, func, with_bad, args, kwargs)
    _compare(name, got, expected)
    if name in LONG:
        # no rows for them, as on pandas: the anti-join finds them
        missing = with_bad.index.difference(got["doc_id"].unique())
        assert {"blank", "missing"} <= set(missing)
        assert set(missing) - {"blank", "missing"} <= {"standin_wire", "standin_rewrite"}
    else:
        assert got.index.tolist() == with_bad.index.tolist()  # rows in = rows out
        flagged = got.loc[["blank", "missing"]]
        if name == "sentiment":
            assert (flagged["n_sentences"] == 0).all()
            assert flagged["compound_mean"].isna().all()
        elif name == "count_frames":
            assert (flagged["n_tokens"] == 0).all()  # counts 0, and no tokens counted
        else:
            assert flagged.isna().any(axis=1).all(), flagged


def test_warnings_from_workers_reach_the_client(client, with_bad):
    parts = dd.from_pandas(with_bad, npartitions=3, sort=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mk.lexical_diversity(parts, measures=["ttr"]).compute()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # events reach the client asynchronously
            seen = " ".join(str(w.message) for w in caught if w.category is mk.MediakitWarning)
            if "'blank'" in seen and "'missing'" in seen:
                break
            time.sleep(0.05)
    assert "'blank'" in seen and "'missing'" in seen, seen


# ---------------------------------------------------------------------------
# duplicate doc_ids across partitions
# ---------------------------------------------------------------------------


@pytest.fixture()
def duplicated(clean) -> pd.DataFrame:
    """'wire' twice: first and last, so that from_pandas(sort=False) puts them apart."""
    return pd.concat([clean, clean.iloc[:1]])


@pytest.mark.parametrize("name", ["clean_articles", "extract_quotes", "lexical_diversity"])
def test_duplicate_ids_across_partitions_raise_at_the_call(client, duplicated, name):
    parts = dd.from_pandas(duplicated, npartitions=3, sort=False)
    assert not parts.known_divisions
    with pytest.raises(ValueError, match=r"unique doc_id .* duplicated: \['wire'\]\. Make them"):
        getattr(mk, name)(parts)
    # the pandas path says the same
    with pytest.raises(ValueError, match=r"duplicated: \['wire'\]"):
        getattr(mk, name)(duplicated)


def test_duplicate_ids_with_known_divisions_raise_in_their_partition(client, duplicated):
    # a sorted index with known divisions keeps both rows of 'wire' in one partition: no check
    # at the call (free), and that partition's own check raises at compute time
    parts = dd.from_pandas(duplicated, npartitions=2, sort=True)
    assert parts.known_divisions
    lazy = mk.lexical_diversity(parts)
    with pytest.raises(ValueError, match=r"duplicated: \['wire'\]"):
        lazy.compute()


def test_a_checked_collection_is_not_checked_again(client, clean):
    parts = dd.from_pandas(clean, npartitions=2, sort=False)
    cleaned = mk.clean_articles(parts)
    assert parts._name in _dask._UNIQUE
    assert cleaned._name in _dask._UNIQUE  # one row per article: unique doc_ids too
    assert mk.split_sentences(parts)._name not in _dask._UNIQUE  # a long table is not


def test_the_check_can_be_switched_off(client, duplicated):
    parts = dd.from_pandas(duplicated, npartitions=3, sort=False)
    with dask.config.set({"mediakit.check-doc-ids": False}):
        got = mk.sources(parts).compute()  # the user's word: each partition alone is fine
    assert got.index.tolist() == duplicated.index.tolist()


def test_tables_cannot_be_passed_with_a_dask_frame(client, seed_raw):
    with dask.config.set({"dataframe.convert-string": False}):
        parts = dd.from_pandas(mk.clean_articles(seed_raw), npartitions=2, sort=False)
        toks = mk.tokenize(mk.clean_articles(seed_raw))
        with pytest.raises(TypeError, match=r"pass no tokens= table.*document_features"):
            mk.lexical_features(parts, tokens=toks)


def test_document_features_on_dask_equal_pandas(client, seed_raw, standin_raw):
    d = mk.load_dictionary("generic_frames")
    with dask.config.set({"dataframe.convert-string": False}):
        raw = _corpus(seed_raw, standin_raw)
        parts = dd.from_pandas(raw, npartitions=3, sort=False)
        got = mk.document_features(mk.clean_articles(parts), d).compute()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mk.MediakitWarning)
            expected = mk.document_features(mk.clean_articles(raw), d)
    pd.testing.assert_frame_equal(got, expected)
