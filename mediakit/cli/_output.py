"""Writing the tables of the ``mediakit`` command: the format comes from the file's extension.

``.csv``, ``.tsv``, ``.parquet`` and ``.jsonl``/``.ndjson`` (JSON Lines); ``-``
is standard output, CSV unless ``--format`` says otherwise. A table's index
(``doc_id`` of a document table) is written as its first column; the
RangeIndex of a long table (quotes, pairs) is not written. Files are written
to a temporary name beside the target and renamed, so a failed write never
leaves half a table.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "TableTarget",
    "UsageError",
    "flat_table",
    "html_target",
    "table_target",
    "write_table",
]

#: Extension -> format of a table written with ``-o``.
SUFFIXES: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
#: The formats ``--format`` accepts.
FORMATS: tuple[str, ...] = ("csv", "tsv", "parquet", "jsonl")
_SHOWN = ".csv, .tsv, .parquet, .jsonl (JSON Lines)"


class UsageError(Exception):
    """A bad argument or path: the message names the problem and the fix (exit code 2)."""


@dataclass(frozen=True)
class TableTarget:
    """Where a table goes: a file (``path``) or standard output (``path`` None), and its format."""

    path: Path | None
    format: str

    def __str__(self) -> str:
        return "standard output" if self.path is None else str(self.path)


def _label(option: str, value: str) -> str:
    return f"{option} {value!r}" if option else repr(value)


def _check_file_target(value: str, option: str) -> Path:
    path = Path(value).expanduser()
    if path.is_dir():
        raise UsageError(
            f"{_label(option, value)} is a folder; give the name of a file to write, "
            f"e.g. {str(path / 'out.csv')!r}"
        )
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent  # missing folders are made when the file is written
    if not parent.is_dir():
        raise UsageError(
            f"{_label(option, value)}: {str(parent)!r} is a file, not a folder; choose another path"
        )
    return path


def table_target(value: str, fmt: str | None = None, *, option: str = "-o") -> TableTarget:
    """Check where a table is written and in which format (before any work is done).

    ``fmt`` (from ``--format``) wins over the extension; ``-`` is standard
    output (CSV by default).
    """
    if fmt is not None and fmt not in FORMATS:  # argparse checks --format; this is for callers
        raise UsageError(f"--format {fmt!r} is not known; use one of {', '.join(FORMATS)}")
    if value == "-":
        return TableTarget(None, fmt or "csv")
    path = _check_file_target(value, option)
    if fmt is None:
        suffix = path.suffix.lower()
        if suffix == ".json":
            raise UsageError(
                f"{_label(option, value)}: tables are written as JSON Lines, one record per line; "
                f"name the file {path.with_suffix('.jsonl').name!r} (or pass --format jsonl)"
            )
        if suffix not in SUFFIXES:
            raise UsageError(
                f"{_label(option, value)}: cannot tell the format from the extension "
                f"{suffix or '(none)'!r}; end the name in {_SHOWN}, or pass --format"
            )
        fmt = SUFFIXES[suffix]
    return TableTarget(path, fmt)


def html_target(value: str, *, option: str = "--html") -> Path:
    """Check the path of an HTML report (``.html`` or ``.htm``)."""
    path = _check_file_target(value, option)
    if path.suffix.lower() not in (".html", ".htm"):
        raise UsageError(
            f"{_label(option, value)}: the report is an HTML file; end the name in .html, "
            f"e.g. {path.with_suffix('.html').name!r}"
        )
    return path


def flat_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its index as leading column(s); an unnamed RangeIndex is dropped."""
    if isinstance(table.index, pd.RangeIndex) and table.index.name is None:
        return table.reset_index(drop=True)
    clash = [n for n in table.index.names if n is not None and n in table.columns]
    if clash:
        raise ValueError(
            f"cannot write the index {clash} as a column: the table already has a column of "
            "that name"
        )
    return table.reset_index()


def _cell_to_text(value: Any) -> Any:
    # Lists (captions, caption_credits) and dicts are written as JSON in CSV/TSV cells.
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, np.ndarray):
        return json.dumps(value.tolist(), ensure_ascii=False)
    return value


def _for_text(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for name in out.columns:
        column = out[name]
        if (
            column.dtype == object
            and column.map(lambda v: isinstance(v, list | tuple | dict | np.ndarray)).any()
        ):
            out[name] = column.map(_cell_to_text)
    return out


def _json_attrs(attrs: Mapping[Hashable, Any]) -> dict[Hashable, Any]:
    kept = {}
    for key, value in attrs.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        kept[key] = value
    return kept


def _write(table: pd.DataFrame, fmt: str, stream: IO[Any]) -> None:
    if fmt == "parquet":
        table = table.copy()
        table.attrs = _json_attrs(table.attrs)  # pandas keeps JSON-able attrs in the file
        table.to_parquet(stream, index=False)
    elif fmt == "jsonl":
        text = table.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        stream.write(text if text.endswith("\n") or not text else text + "\n")
    else:
        _for_text(table).to_csv(
            stream, sep="\t" if fmt == "tsv" else ",", index=False, lineterminator="\n"
        )


def write_table(table: pd.DataFrame, target: TableTarget, stdout: IO[str]) -> None:
    """Write ``table`` (index as column, see :func:`flat_table`) to ``target``."""
    flat = flat_table(table)
    binary = target.format == "parquet"
    if target.path is None:
        if binary:
            buffer = io.BytesIO()
            _write(flat, target.format, buffer)
            binary_stdout: IO[bytes] = getattr(stdout, "buffer", stdout)  # type: ignore[arg-type]
            binary_stdout.write(buffer.getvalue())
        else:
            _write(flat, target.format, stdout)
        stdout.flush()
        return
    path = target.path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with open(fd, mode, encoding=encoding, newline=None if binary else "") as fh:
            _write(flat, target.format, fh)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
