"""Property tests: read_articles(errors="warn") survives any bytes and any text.

Rows in = rows out, ``text`` is always a str, ids stay unique, and the only
exceptions are the documented ones (none, for these inputs, with errors="warn").
"""

from __future__ import annotations

import csv
import tempfile
import warnings
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediakit.io.load import read_articles

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".htm"])


def _check_frame(articles: pd.DataFrame, n_rows: int) -> None:
    assert len(articles) == n_rows
    assert articles.index.name == "doc_id"
    assert articles.index.is_unique
    assert all(isinstance(i, str) for i in articles.index)
    assert all(isinstance(t, str) for t in articles["text"])
    assert articles["text"].notna().all()
    failed = articles["error"].notna()
    assert (articles.loc[failed, "text"] == "").all()


def _load(folder: Path, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_articles(folder, errors="warn", **kwargs)


@SETTINGS
@given(files=st.lists(st.tuples(st.binary(max_size=600), SUFFIXES), min_size=1, max_size=4))
def test_arbitrary_bytes_in_files(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, (data, suffix) in enumerate(files):
            (folder / f"doc{i}{suffix}").write_bytes(data)
        articles = _load(folder)
        _check_frame(articles, len(files))


@SETTINGS
@given(data=st.binary(max_size=2000), encoding=st.sampled_from(["utf-8", "cp1252", "latin-1"]))
def test_arbitrary_bytes_with_a_forced_encoding(data, encoding):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "doc.txt").write_bytes(data)
        _check_frame(_load(Path(tmp), encoding=encoding), 1)


@SETTINGS
@given(
    text=st.text(max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"]),
)
def test_any_unicode_text_round_trips(text, encoding):
    """Unicode encodings give back the text exactly (newlines normalised, BOM dropped)."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "doc.txt").write_bytes(text.encode(encoding))
        articles = _load(Path(tmp), fix_mojibake=False)
        _check_frame(articles, 1)
        if pd.notna(articles["error"].iloc[0]):  # control characters: flagged as binary
            return
        expected = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
        if "\x00" not in text and encoding != "utf-16-be":
            # (NULs and BOM-less UTF-16 are ambiguous: no exact round trip promised)
            assert articles["text"].iloc[0] == expected


@SETTINGS
@given(text=st.text(max_size=400))
def test_any_text_as_html(text):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "page.html").write_text(text, encoding="utf-8")
        articles = _load(Path(tmp))
        _check_frame(articles, 1)
        if articles["error"].isna().all():
            assert articles["extraction"].iloc[0] in {"main", "baseline", "all_text"}


TEXT_VALUES = st.one_of(
    st.text(max_size=200),
    st.none(),
    st.just(float("nan")),
    st.integers(),
    st.floats(allow_nan=False),
    st.binary(max_size=50),
)


@SETTINGS
@given(
    texts=st.lists(TEXT_VALUES, min_size=1, max_size=8),
    dates=st.lists(st.one_of(st.text(max_size=30), st.none()), min_size=8, max_size=8),
)
def test_arbitrary_dataframe_rows(texts, dates):
    df = pd.DataFrame({"text": texts, "date": dates[: len(texts)]}, dtype=object)
    before = df.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = read_articles(df, errors="warn")
    _check_frame(articles, len(texts))
    assert pd.api.types.is_datetime64_any_dtype(articles["date"])
    pd.testing.assert_frame_equal(df, before)


@SETTINGS
@given(texts=st.lists(st.text(max_size=200), min_size=1, max_size=6))
def test_arbitrary_text_through_csv_and_jsonl(texts):
    df = pd.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": texts})
    with tempfile.TemporaryDirectory() as tmp:
        # (quote everything: pandas leaves a lone "\r" unquoted, which no reader can undo)
        df.to_csv(Path(tmp) / "t.csv", index=False, quoting=csv.QUOTE_ALL)
        df.to_json(Path(tmp) / "t.jsonl", orient="records", lines=True, force_ascii=False)
        for name in ("t.csv", "t.jsonl"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                articles = read_articles(Path(tmp) / name, errors="warn", fix_mojibake=False)
            if pd.notna(articles["error"]).any():  # the whole file was flagged
                assert len(articles) == 1
                continue
            _check_frame(articles, len(texts))
            assert articles.index.tolist() == df["id"].tolist()
            if name == "t.jsonl":
                expected = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
                expected = [t.removeprefix("\ufeff") for t in expected]
                assert articles["text"].tolist() == expected
