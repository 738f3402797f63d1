"""iter_articles: chunks that put together are what read_articles returns for the whole source."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "herald").mkdir(parents=True)
    (root / "gazette").mkdir()
    for i in range(5):
        (root / "herald" / f"h{i}.txt").write_text(f"Storm {i} hits coast\n\nRain.", "utf-8")
    (root / "gazette" / "g1.txt").write_bytes("Café owners protest".encode("cp1252"))
    (root / "gazette" / "page.html").write_text(
        "<html><body><article><p>Markets fell sharply on Monday as investors worried about "
        "the outlook for growth.</p><p>Shares in banks led the fall.</p></article>"
        "</body></html>",
        "utf-8",
    )
    return root


def whole_and_chunks(source, chunksize, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        whole = mk.read_articles(source, errors="warn", **kw)
        chunks = list(mk.iter_articles(source, chunksize=chunksize, **kw))
    return whole, chunks


@pytest.mark.parametrize("chunksize", [1, 2, 100])
def test_a_folder_in_chunks(mixed, chunksize):
    whole, chunks = whole_and_chunks(mixed, chunksize, id_from="path")
    assert all(len(c) <= chunksize for c in chunks)
    assert len(chunks) == -(-len(whole) // chunksize)
    together = pd.concat(chunks)
    pd.testing.assert_frame_equal(together[whole.columns], whole, check_dtype=False)


def test_tables_in_chunks_keep_their_ids(tmp_path: Path):
    texts = [f"Story number {i}. It is short." for i in range(25)]
    pd.DataFrame({"text": texts}).to_parquet(tmp_path / "wire.parquet", row_group_size=7)
    pd.DataFrame({"body": texts[:9], "id": range(100, 109)}).to_csv(tmp_path / "feed.csv")
    for name, kw in [("wire.parquet", {}), ("feed.csv", {"text_col": "body"})]:
        whole, chunks = whole_and_chunks(tmp_path / name, 4, **kw)
        assert [len(c) for c in chunks][:2] == [4, 4]
        together = pd.concat(chunks)
        # generated ids go on numbering across the batches: wire-0 ... wire-24
        assert together.index.tolist() == whole.index.tolist()
        assert together["text"].tolist() == whole["text"].tolist()
    assert whole_and_chunks(tmp_path / "wire.parquet", 4)[0].index[-1] == "wire-24"


def test_a_dataframe_and_an_iterable_of_dataframes():
    df = pd.DataFrame({"body": ["One.", "Two.", "Three."], "id": ["a", "b", "c"]})
    chunks = list(mk.iter_articles(df, chunksize=2, text_col="body", id_col="id"))
    assert [c.index.tolist() for c in chunks] == [["a", "b"], ["c"]]
    pieces = [df.iloc[:1], df.iloc[1:]]
    chunks = list(mk.iter_articles(iter(pieces), chunksize=10, text_col="body", id_col="id"))
    assert [c.index.tolist() for c in chunks] == [["a"], ["b", "c"]]


def test_unreadable_file_is_a_flagged_row(mixed):
    (mixed / "herald" / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    with pytest.warns(mk.MediakitWarning, match="could not read 1 file.*broken.txt"):
        chunks = list(mk.iter_articles(mixed, chunksize=3))
    together = pd.concat(chunks)
    assert together.loc["broken", "text"] == ""
    assert "binary" in together.loc["broken", "error"]
    with pytest.raises(ValueError, match=r"broken\.txt"):
        list(mk.iter_articles(mixed, chunksize=3, errors="raise"))


def test_ids_repeated_across_chunks_are_kept_with_a_warning():
    a = pd.DataFrame({"text": ["One.", "Two."]}, index=pd.Index(["x", "y"], name="doc_id"))
    b = pd.DataFrame({"text": ["Three."]}, index=pd.Index(["y"], name="doc_id"))
    with pytest.warns(mk.MediakitWarning, match=r"1 doc_id\(s\) of this chunk.*'y'"):
        chunks = list(mk.iter_articles([a, b]))
    assert pd.concat(chunks).index.tolist() == ["x", "y", "y"]


def test_bad_arguments(mixed):
    with pytest.raises(ValueError, match="`chunksize` = 0 is invalid"):
        mk.iter_articles(mixed, chunksize=0)
    with pytest.raises(ValueError, match="`errors` = 'skip' is invalid"):
        mk.iter_articles(mixed, errors="skip")
    with pytest.raises(TypeError, match="`source` must be a path"):
        mk.iter_articles(3.5)
    with pytest.raises(TypeError, match="must yield DataFrames"):
        list(mk.iter_articles([pd.DataFrame({"text": ["a"]}), "b.txt"]))
    with pytest.raises(FileNotFoundError):
        list(mk.iter_articles(mixed / "nope"))


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-sig"])
@pytest.mark.parametrize("kind", ["csv", "tsv", "jsonl"])
def test_large_text_tables_are_read_a_chunk_at_a_time(tmp_path, monkeypatch, kind, encoding):
    import json

    from mediakit.io import stream

    texts = [f"Café story {i}.\n\nIt is “short”, {i} words." for i in range(23)]
    path = tmp_path / f"feed.{kind}"
    if kind == "jsonl":
        lines = [json.dumps({"text": t, "id": f"00{i}"}, ensure_ascii=False) for i, t in
                 enumerate(texts)]  # fmt: skip
        lines.insert(5, "")  # a blank line is skipped, as read_articles skips it
        path.write_bytes("\n".join(lines).encode(encoding))
    else:
        frame = pd.DataFrame({"id": [f"00{i}" for i in range(23)], "text": texts})
        frame.to_csv(path, sep="\t" if kind == "tsv" else ",", index=False, encoding=encoding)
    whole = mk.read_articles(path)
    monkeypatch.setattr(stream, "STREAM_BYTES", 100)  # this small file is now "large"
    opened = []
    real = stream._table_chunks
    monkeypatch.setattr(stream, "_table_chunks", lambda *a: opened.append(1) or real(*a))
    chunks = list(mk.iter_articles(path, chunksize=5))
    assert opened, "the file was not streamed"
    assert [len(c) for c in chunks] == [5, 5, 5, 5, 3]
    together = pd.concat(chunks)
    assert together.index.tolist() == whole.index.tolist() == [f"00{i}" for i in range(23)]
    assert together["text"].tolist() == whole["text"].tolist() == texts
    assert set(together["encoding"]) == set(whole["encoding"])


def test_a_large_table_that_breaks_midway_keeps_what_was_read(tmp_path, monkeypatch):
    from mediakit.io import stream

    path = tmp_path / "feed.jsonl"
    good = [f'{{"text": "Story {i}.", "id": "s{i}"}}' for i in range(12)]
    path.write_text("\n".join([*good, "{not json", *good[:2]]), encoding="utf-8")
    monkeypatch.setattr(stream, "STREAM_BYTES", 10)
    with pytest.warns(mk.MediakitWarning, match="could not read 1 file"):
        chunks = list(mk.iter_articles(path, chunksize=5))
    together = pd.concat(chunks)
    assert together.index.tolist()[:10] == [f"s{i}" for i in range(10)]
    assert "line 13 is not valid JSON" in together["error"].iloc[-1]
    with pytest.raises(ValueError, match=r"after 10 rows.*line 13"):
        list(mk.iter_articles(path, chunksize=5, errors="raise"))


def test_a_lazy_plan_leaves_article_files_for_the_worker(mixed):
    from mediakit.io.stream import FileBatch, plan_chunks, read_chunk

    eager = list(plan_chunks(mixed, chunksize=3, id_from="path"))
    assert eager and all(isinstance(c, pd.DataFrame) for c in eager)
    plan = list(plan_chunks(mixed, chunksize=3, lazy=True, id_from="path"))
    assert all(isinstance(c, FileBatch) for c in plan)
    read = pd.concat([read_chunk(c) for c in plan])
    pd.testing.assert_frame_equal(read, pd.concat(eager))
