"""Tables written by the command: format from the extension, index as a column, atomic writes."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pandas as pd
import pytest

from mediakit.cli._output import (
    TableTarget,
    UsageError,
    flat_table,
    html_target,
    table_target,
    write_table,
)


@pytest.fixture()
def doc_table() -> pd.DataFrame:
    """A small document table with the awkward cells: a list, a date, a missing value, text
    with a comma, a quote and a newline."""
    return pd.DataFrame(
        {
            "title": ['Rain, "at last"', "Line one\nline two"],
            "captions": [["A caption", "Ünïcode"], []],
            "date": pd.to_datetime(["2024-11-07", None]),
            "score": [0.1, np.nan],
            "n": [3, 4],
        },
        index=pd.Index(["wire", "rewrite"], name="doc_id"),
    )


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("t.csv", "csv"),
        ("t.TSV", "tsv"),
        ("t.parquet", "parquet"),
        ("t.jsonl", "jsonl"),
        ("t.ndjson", "jsonl"),
    ],
)
def test_the_format_follows_the_extension(tmp_path, name, fmt):
    assert table_target(str(tmp_path / name)) == TableTarget(tmp_path / name, fmt)


def test_dash_is_standard_output_csv_unless_format_says(tmp_path):
    assert table_target("-") == TableTarget(None, "csv")
    assert table_target("-", "jsonl") == TableTarget(None, "jsonl")
    # --format wins over the extension
    assert table_target(str(tmp_path / "t.txt"), "tsv") == TableTarget(tmp_path / "t.txt", "tsv")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("t.xlsx", "cannot tell the format from the extension '.xlsx'"),
        ("t", "extension '(none)'"),
        ("t.json", "name the file 't.jsonl'"),
    ],
)
def test_an_unknown_extension_is_refused_with_the_fix(tmp_path, name, says):
    with pytest.raises(UsageError) as err:
        table_target(str(tmp_path / name))
    assert says in str(err.value)
    assert "--format" in str(err.value)


def test_a_folder_or_a_path_under_a_file_is_refused(tmp_path):
    with pytest.raises(UsageError, match="is a folder; give the name of a file"):
        table_target(str(tmp_path))
    (tmp_path / "plain").write_text("x")
    with pytest.raises(UsageError, match=r"'.*plain' is a file, not a folder"):
        table_target(str(tmp_path / "plain" / "t.csv"))
    with pytest.raises(UsageError, match=r"end the name in \.html"):
        html_target(str(tmp_path / "report.pdf"))
    assert html_target(str(tmp_path / "r.HTM")) == tmp_path / "r.HTM"


def test_csv_by_hand(tmp_path, doc_table):
    path = tmp_path / "out" / "t.csv"  # the missing folder is made
    write_table(doc_table, table_target(str(path)), io.StringIO())
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [
        ["doc_id", "title", "captions", "date", "score", "n"],
        ["wire", 'Rain, "at last"', '["A caption", "Ünïcode"]', "2024-11-07", "0.1", "3"],
        ["rewrite", "Line one\nline two", "[]", "", "", "4"],
    ]
    assert b"\r\n" not in path.read_bytes()


def test_tsv_and_stdout(doc_table):
    out = io.StringIO()
    write_table(doc_table[["title", "n"]], table_target("-", "tsv"), out)
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert rows == [
        ["doc_id", "title", "n"],
        ["wire", 'Rain, "at last"', "3"],
        ["rewrite", "Line one\nline two", "4"],
    ]


def test_json_lines_by_hand(tmp_path, doc_table):
    path = tmp_path / "t.jsonl"
    write_table(doc_table, table_target(str(path)), io.StringIO())
    lines = path.read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0]["doc_id"] == "wire" and records[0]["captions"] == ["A caption", "Ünïcode"]
    assert records[0]["date"].startswith("2024-11-07T00:00:00")
    assert records[1] == {
        "doc_id": "rewrite",
        "title": "Line one\nline two",
        "captions": [],
        "date": None,
        "score": None,
        "n": 4,
    }
    assert "Ünïcode" in path.read_text("utf-8")  # not escaped to \u00dc


def test_parquet_keeps_values_types_and_attrs(tmp_path, doc_table):
    path = tmp_path / "t.parquet"
    table = doc_table.copy()
    table.attrs = {"level": "document", "not_json": object()}
    write_table(table, table_target(str(path)), io.StringIO())
    back = pd.read_parquet(path)
    assert back["doc_id"].tolist() == ["wire", "rewrite"]
    assert [list(c) for c in back["captions"]] == [["A caption", "Ünïcode"], []]
    assert back["date"].iloc[0] == pd.Timestamp("2024-11-07") and pd.isna(back["date"].iloc[1])
    assert back["n"].tolist() == [3, 4]
    assert back.attrs == {"level": "document"}  # what JSON can hold is kept
    assert table.attrs["level"] == "document" and "not_json" in table.attrs  # input untouched


def test_parquet_to_standard_output_is_binary(doc_table):
    class Stdout(io.StringIO):
        def __init__(self):
            super().__init__()
            self.buffer = io.BytesIO()

    out = Stdout()
    write_table(doc_table[["n"]], table_target("-", "parquet"), out)
    back = pd.read_parquet(io.BytesIO(out.buffer.getvalue()))
    assert back.to_dict("list") == {"doc_id": ["wire", "rewrite"], "n": [3, 4]}


def test_the_index_is_a_column_and_a_range_index_is_dropped():
    long = pd.DataFrame({"doc_id": ["a", "a"], "quote": ["x", "y"]})
    assert flat_table(long).columns.tolist() == ["doc_id", "quote"]
    multi = long.set_index(["doc_id", "quote"]).assign(v=1)
    assert flat_table(multi).columns.tolist() == ["doc_id", "quote", "v"]
    clash = pd.DataFrame({"doc_id": ["a"]}, index=pd.Index(["a"], name="doc_id"))
    with pytest.raises(ValueError, match="already has a column of that name"):
        flat_table(clash)


def test_a_failed_write_leaves_neither_a_partial_file_nor_a_temporary_one(
    tmp_path, doc_table, monkeypatch
):
    path = tmp_path / "t.csv"
    path.write_text("the previous table\n")

    def broken(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(OSError, match="No space left"):
        write_table(doc_table, table_target(str(path)), io.StringIO())
    assert path.read_text() == "the previous table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_the_written_file_has_the_usual_permissions(tmp_path, doc_table):
    import os

    path = tmp_path / "t.csv"
    write_table(doc_table, table_target(str(path)), io.StringIO())
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_an_empty_table_is_written_with_its_header(tmp_path):
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype=str), "quote": pd.Series([], dtype=str)})
    path = tmp_path / "t.csv"
    write_table(empty, table_target(str(path)), io.StringIO())
    assert path.read_text() == "doc_id,quote\n"
