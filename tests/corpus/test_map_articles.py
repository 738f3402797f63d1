"""map_articles: a corpus in chunks, on both cores, equals the whole-corpus call; bad input."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mediakit as mk


@pytest.fixture()
def raw(seed_raw, standin_raw):
    standin = standin_raw.rename(index=lambda d: f"standin_{d}")
    extra = pd.DataFrame(
        {"text": ["", "Short text. It has two sentences.", "“Quoted,” she said."]},
        index=pd.Index(["empty", "short", "quote"], name="doc_id"),
    )
    return pd.concat([seed_raw, standin, extra])


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        return func(*args, **kwargs)


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("chunksize", [1, 3, 100])
def test_document_features_equal_the_whole_corpus_call(raw, n_jobs, chunksize):
    d = mk.load_dictionary("generic_frames")
    clean = quiet(mk.clean_articles, raw)
    expected = quiet(mk.document_features, clean, d)
    got = quiet(
        mk.map_articles, clean, mk.document_features, d, chunksize=chunksize, n_jobs=n_jobs,
        progress=False,
    )  # fmt: skip
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs["failed"] == {}


def test_clean_each_chunk_and_a_long_table(raw):
    whole = quiet(mk.split_sentences, quiet(mk.clean_articles, raw))
    got = quiet(
        mk.map_articles, raw, mk.split_sentences, clean=True, chunksize=2, n_jobs=2,
        progress=False,
    )  # fmt: skip
    pd.testing.assert_frame_equal(got, whole)  # a long table gets one RangeIndex


def test_a_function_that_fails_on_one_article(raw):
    def fragile(articles):
        if "short" in articles.index:
            raise RuntimeError("cannot measure this one")
        return mk.lexical_features(articles)

    with pytest.warns(mk.MediakitWarning, match=r"failed on 1 article.*short: RuntimeError"):
        got = quiet_except_failures(raw, fragile)
    assert got.index.tolist() == raw.index.tolist()  # rows in = rows out
    assert got.loc["short"].isna().all()
    assert got.attrs["failed"] == {"short": "RuntimeError: cannot measure this one"}
    expected = quiet(mk.lexical_features, raw.drop(index="short"))
    pd.testing.assert_frame_equal(got.drop(index="short"), expected, check_dtype=False)


def quiet_except_failures(raw, func):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="^(?!map_articles)", category=mk.MediakitWarning)
        return mk.map_articles(raw, func, chunksize=3, n_jobs=2, progress=False)


def test_chunk_warnings_are_shown_once_per_kind(raw):
    articles = quiet(mk.clean_articles, raw.iloc[:4])  # four news stories, all < 30 sentences
    with pytest.warns(mk.MediakitWarning) as record:
        mk.map_articles(articles, mk.readability, chunksize=1, n_jobs=1, progress=False)
    smog = [str(w.message) for w in record if "SMOG" in str(w.message)]
    assert len(smog) == 2  # the first chunk's, then "came from 3 more chunk(s)"
    assert "chunk 0" in smog[0]
    assert "3 more chunk(s)" in smog[1]


def test_duplicate_ids_across_chunks_are_kept_and_named(raw):
    first, second = raw.iloc[:3], raw.iloc[[2, 3]]
    with pytest.warns(mk.MediakitWarning, match=r"already read in an earlier chunk.*standin_wire"):
        got = quiet_but(
            "already read", mk.map_articles, [first, second], mk.lexical_features,
            chunksize=10, n_jobs=1, progress=False,
        )  # fmt: skip
    assert got.index.tolist() == [*raw.index[:3], raw.index[2], raw.index[3]]


def test_a_chunk_with_zero_rows(raw):
    parts = [raw.iloc[:2], raw.iloc[:0], raw.iloc[2:]]
    got = quiet(mk.map_articles, parts, mk.lexical_features, n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(got, quiet(mk.lexical_features, raw))


def quiet_but(keep, func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=mk.MediakitWarning)
        warnings.filterwarnings("always", message=f".*{keep}", category=mk.MediakitWarning)
        return func(*args, **kwargs)


def test_bad_arguments(raw):
    with pytest.raises(TypeError, match="`func` must be callable"):
        mk.map_articles(raw, "lexical_features")
    with pytest.raises(ValueError, match="`chunksize` = 0 is invalid"):
        mk.map_articles(raw, mk.lexical_features, chunksize=0)
    with pytest.raises(ValueError, match="`n_jobs` = 0 is invalid"):
        mk.map_articles(raw, mk.lexical_features, n_jobs=0)
    with pytest.raises(ValueError, match="`progress` = 'yes' is invalid"):
        mk.map_articles(raw, mk.lexical_features, progress="yes")
    with pytest.raises(TypeError, match="`source` must be a path"):
        mk.map_articles(42, mk.lexical_features)


def test_a_corrupt_file_among_10000_good_ones(tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    rng = np.random.default_rng(11)
    words = np.array("the minister said talks on trade and security would resume".split())
    for i in range(10_000):
        sentence = " ".join(rng.choice(words, size=12)).capitalize()
        (folder / f"a{i:05d}.txt").write_text(f"{sentence}. {sentence}.\n", encoding="utf-8")
    (folder / "a04321.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)  # binary: unreadable
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        got = mk.map_articles(
            folder, mk.document_features, mk.load_dictionary("generic_frames"),
            clean=True, chunksize=1000, n_jobs=2, progress=False,
        )  # fmt: skip
    assert len(got) == 10_000  # rows in = rows out
    assert got.drop(index="a04321")["n_tokens"].eq(24).all()  # 2 sentences of 12 words
    assert got.loc["a04321", "n_tokens"] == 0
    named = [str(w.message) for w in record if "a04321" in str(w.message)]
    assert any("could not read 1 file" in m for m in named)


@pytest.mark.skipif(os.environ.get("MEDIAKIT_SKIP_SLOW") == "1", reason="MEDIAKIT_SKIP_SLOW=1")
def test_an_article_of_50_mb_among_good_ones(raw):
    clean = quiet(mk.clean_articles, raw)
    big = "\n\n".join([clean.loc["wire", "text"]] * 13_600)
    assert len(big.encode("utf-8")) > 50_000_000
    corpus = pd.concat(
        [clean.iloc[:2], pd.DataFrame({"text": [big]}, index=pd.Index(["big"], name="doc_id"))]
    )
    got = quiet(
        mk.map_articles, corpus[["text"]], mk.document_features, chunksize=1, n_jobs=2,
        progress=False,
    )  # fmt: skip
    assert got.index.tolist() == ["wire", "rewrite", "big"]
    wire = quiet(mk.document_features, clean.loc[["wire"]][["text"]])
    pd.testing.assert_frame_equal(got.loc[["wire"]], wire)
    assert got.loc["big", "n_tokens"] == 13_600 * wire.loc["wire", "n_tokens"]
