"""Tables of articles (CSV, TSV, JSON Lines, Parquet, DataFrames) → articles frames.

The parsing and column mapping behind :func:`mediakit.read_articles` for
tabular sources: which column is the text, which are the standard ones
(`title`, `date`, `outlet`, `url`), and where each row's `doc_id` comes from.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from mediakit._validation import show_values

__all__ = [
    "TEXT_GUESSES",
    "csv_dtypes",
    "json_record",
    "read_csv_text",
    "read_json_lines",
    "table_to_articles",
]

#: Column names that often hold the article text (used to suggest `text_col=`).
TEXT_GUESSES = ("body", "content", "article", "full_text", "story", "text")


def read_csv_text(
    text: str, sep: str, *, text_col: str, id_col: str | None, mapping: dict[str, str]
) -> pd.DataFrame:
    """Parse CSV/TSV text; the text, id and mapped columns are read as str."""
    header = list(pd.read_csv(io.StringIO(text), sep=sep, nrows=0).columns)
    dtypes = csv_dtypes(header, text_col=text_col, id_col=id_col, mapping=mapping)
    return pd.read_csv(io.StringIO(text), sep=sep, dtype=dtypes)


def json_record(line: str, number: int) -> dict[str, Any] | None:
    """One JSON Lines record (None for a blank line); ``number`` names the line in errors."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {number} is not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise ValueError(f"line {number} holds a {type(record).__name__}, not an object")
    return record


def read_json_lines(text: str) -> pd.DataFrame:
    """Parse JSON Lines text: one object per non-blank line."""
    # By hand rather than pandas.read_json, which converts ids and dates on its own.
    records = [
        r
        for number, line in enumerate(text.split("\n"), start=1)
        if (r := json_record(line, number)) is not None
    ]
    return pd.DataFrame.from_records(records) if records else pd.DataFrame()


def csv_dtypes(
    header: list[str], *, text_col: str, id_col: str | None, mapping: dict[str, str]
) -> dict[str, type]:
    """Columns read as str: the text, the id (ids keep leading zeros) and the mapped ones."""
    id_col = id_col or next((c for c in ("doc_id", "id") if c in header), None)
    names = {text_col, id_col, *mapping.values()}
    return {n: str for n in names if n in header}


def table_to_articles(
    table: pd.DataFrame,
    *,
    text_col: str,
    id_col: str | None,
    mapping: dict[str, str],
    origin: str,
    stem: str | None,
    encoding: str | None = None,
    first_row: int = 0,
) -> pd.DataFrame:
    """Map a table's columns onto the articles frame: `text`, standard names, `doc_id` index.

    ``first_row`` numbers generated ids (``f"{stem}-{row}"``) from there: a table
    read in batches keeps the ids it has when read whole.
    """
    columns = list(table.columns)
    if text_col not in columns:
        guess = next((c for c in TEXT_GUESSES if c in columns), None)
        example = f"text_col={guess!r}" if guess else "text_col='<column name>'"
        raise ValueError(
            f"{origin} has no text column {text_col!r}; its columns are {columns}. "
            f"Say which column holds the article text, e.g. {example}"
        )
    rename = {text_col: "text"}
    for standard, name in mapping.items():
        if name in columns:
            rename[name] = standard
        elif name != standard:
            raise ValueError(
                f"`{standard}_col` = {name!r} is not a column of {origin}; "
                f"its columns are {columns}"
            )
    for name, standard in rename.items():
        if name != standard and standard in columns:
            raise ValueError(
                f"{origin} has a column {standard!r} and you chose {name!r} as its "
                f"`{standard}`; rename or drop the column {standard!r} first"
            )
    ids, id_source = _ids(table, id_col, origin, stem, first_row)
    out = table.drop(columns=[id_source] if id_source else []).rename(columns=rename)
    out.index = pd.Index(ids, name="doc_id", dtype="str")
    if "encoding" not in out:
        out["encoding"] = encoding
    if "error" not in out:
        out["error"] = None
    return out


def _ids(
    table: pd.DataFrame, id_col: str | None, origin: str, stem: str | None, first_row: int = 0
) -> tuple[list[str], str | None]:
    """Return the doc_ids and the column they came from (None: index or generated)."""
    if id_col is not None:
        if id_col in table.columns:
            return _id_strings(table[id_col], origin, id_col), id_col
        if table.index.name == id_col:
            return _id_strings(table.index.to_series(), origin, id_col), None
        raise ValueError(
            f"`id_col` = {id_col!r} is not a column of {origin}; "
            f"its columns are {list(table.columns)}"
        )
    if table.index.name == "doc_id":
        return _id_strings(table.index.to_series(), origin, "doc_id"), None
    for name in ("doc_id", "id"):
        if name in table.columns:
            return _id_strings(table[name], origin, name), name
    if stem is not None:
        return [f"{stem}-{first_row + i}" for i in range(len(table))], None
    return _id_strings(table.index.to_series(), origin, "index"), None


def _id_strings(values: pd.Series, origin: str, name: str) -> list[str]:
    missing = values.isna().to_numpy()
    if missing.any():
        rows = [i for i, m in enumerate(missing) if m]
        raise ValueError(
            f"the ids in {name!r} of {origin} are missing in row(s) "
            f"{show_values(rows, bare=True)}; "
            "fill them or pass id_col= a complete column"
        )
    if pd.api.types.is_float_dtype(values) and (values % 1 == 0).all():
        values = values.astype("int64")
    return [str(v) for v in values]
