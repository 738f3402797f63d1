"""Read a corpus a chunk of articles at a time, in bounded memory.

:func:`iter_articles` yields articles frames of at most ``chunksize`` rows,
each exactly as :func:`mediakit.read_articles` would return those articles,
so that a corpus larger than memory can be cleaned and measured chunk by
chunk (:func:`mediakit.map_articles` does that on every core).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from mediakit._validation import check_option, show_values, warn
from mediakit.io import load
from mediakit.io._decode import decode_bytes
from mediakit.io._tables import csv_dtypes, json_record, table_to_articles

#: CSV, TSV and JSON Lines files larger than this are read a chunk at a time; smaller ones
#: are read whole (their encoding found on all their bytes) and handed on in chunks.
STREAM_BYTES = 64 * 2**20
_HEAD_BYTES = 2**20  # the part of a large text table its encoding is guessed from

__all__ = ["count_articles", "iter_articles"]


def _check_chunksize(chunksize: Any) -> int:
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise ValueError(f"`chunksize` = {chunksize!r} is invalid; expected a positive integer")
    return chunksize


def _slices(frame: pd.DataFrame, chunksize: int) -> Iterator[pd.DataFrame]:
    for lo in range(0, len(frame), chunksize):
        yield frame.iloc[lo : lo + chunksize]


def _parquet_batches(
    file: Any, opts: Any, chunksize: int, fix_mojibake: bool
) -> Iterator[pd.DataFrame]:
    """Read a Parquet file a batch of rows at a time (pyarrow reads row groups lazily)."""
    import pyarrow.parquet as pq

    notes = load._Notes()
    try:
        parquet = pq.ParquetFile(file.path)
        batches = parquet.iter_batches(batch_size=chunksize)
        first = 0
        for batch in batches:
            table = batch.to_pandas()
            if table.index.name is None:
                table.index = pd.RangeIndex(first, first + len(table))
            frame = table_to_articles(
                table,
                **opts.table_options(),
                origin=str(file.path),
                stem=file.path.stem,
                first_row=first,
            )
            if "path" not in frame:
                frame["path"] = str(file.path)
            first += len(table)
            yield _finished(frame, fix_mojibake, notes)
    except (OSError, ValueError) as exc:  # pyarrow's errors are subclasses of these
        if opts.errors == "raise":
            raise ValueError(
                f"cannot read table {str(file.path)!r}: {exc}; pass errors='warn' to keep "
                "going and get a row flagged in `error`"
            ) from exc
        yield _failed(file, f"cannot parse table: {exc}", opts)


def _streamable(file: Any) -> bool:
    try:
        return file.path.stat().st_size > STREAM_BYTES
    except OSError:
        return False  # read_articles' own path names the problem


def _codec(file: Any, opts: Any) -> tuple[str, str, str] | None:
    """(codec, errors handler, reported encoding) for reading a large text table, or None.

    The encoding is guessed on the first megabyte as read_articles guesses it on
    the whole file. UTF-8 is read with the Windows-1252 fallback for stray
    bytes (as read_articles' "utf-8+cp1252"); a file whose guess has no plain
    codec (UTF-16 or UTF-32 without a BOM) is read whole instead (None).
    """
    with file.path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    guess = decode_bytes(head, opts.encoding).encoding
    if opts.encoding is not None:
        return opts.encoding, "replace", opts.encoding
    if guess in ("utf-8", "utf-8+cp1252"):
        return "utf-8", "mediakit-cp1252", guess
    if guess.startswith(("utf-16", "utf-32")):
        return None
    return guess, "replace", guess


def _text_table_batches(
    file: Any, opts: Any, chunksize: int, fix_mojibake: bool
) -> Iterator[pd.DataFrame]:
    """Read a large CSV, TSV or JSON Lines file a chunk of rows at a time."""
    notes = load._Notes()
    try:
        codec = _codec(file, opts)
    except (OSError, ValueError) as exc:  # unreadable, or binary
        if opts.errors == "raise":
            raise ValueError(
                f"cannot read table {str(file.path)!r}: {exc}; pass errors='warn' to keep "
                "going and get a row flagged in `error`"
            ) from exc
        yield _failed(file, str(exc), opts)
        return
    if codec is None:
        frame = load._read_table(file, opts, notes)
        for i, part in enumerate(_slices(frame, chunksize)):
            yield _finished(part, fix_mojibake, notes if i == 0 else load._Notes())
        return
    encoding, errors, reported = codec
    first = 0
    try:
        for table in _table_chunks(file, opts, chunksize, encoding, errors):
            frame = table_to_articles(
                table,
                **opts.table_options(),
                origin=str(file.path),
                stem=file.path.stem,
                encoding=reported,
                first_row=first,
            )
            frame["path"] = str(file.path)
            first += len(table)
            yield _finished(frame, fix_mojibake, notes)
    except (ValueError, OSError, UnicodeError) as exc:  # pandas' parse errors are ValueErrors
        if opts.errors == "raise":
            raise ValueError(
                f"cannot read table {str(file.path)!r} (after {first:,} rows): {exc}; pass "
                "errors='warn' to keep going and get a row flagged in `error`"
            ) from exc
        yield _failed(file, f"cannot parse table after {first:,} rows: {exc}", opts)


def _table_chunks(
    file: Any, opts: Any, chunksize: int, encoding: str, errors: str
) -> Iterator[pd.DataFrame]:
    suffix = file.path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        sep = "\t" if suffix == ".tsv" else ","
        header = list(
            pd.read_csv(file.path, sep=sep, nrows=0, encoding=encoding, encoding_errors=errors)
        )
        dtypes = csv_dtypes(header, **opts.table_options())
        yield from pd.read_csv(
            file.path, sep=sep, dtype=dtypes, chunksize=chunksize, encoding=encoding,
            encoding_errors=errors,
        )  # fmt: skip
        return
    records: list[dict[str, Any]] = []
    with file.path.open(encoding=encoding, errors=errors, newline="\n") as fh:
        for number, line in enumerate(fh, start=1):
            record = json_record(line, number)
            if record is None:
                continue
            records.append(record)
            if len(records) == chunksize:
                yield pd.DataFrame.from_records(records)
                records = []
    if records:
        yield pd.DataFrame.from_records(records)


def _failed(file: Any, reason: str, opts: Any) -> pd.DataFrame:
    """Return the row of a file that could not be read, with read_articles' warning."""
    notes = load._Notes()
    frame = load._failed_table(file, reason, opts, notes)
    notes.messages.append(
        f"could not read 1 file(s); they are kept as rows with empty `text` and the reason in "
        f"`error`: {show_values(notes.failed)}"
    )
    return _finished(frame, False, notes)


def _finished(frame: pd.DataFrame, fix_mojibake: bool, notes: Any) -> pd.DataFrame:
    frame = load._finish(frame, fix_mojibake, notes)
    for message in notes.messages:
        warn(message, stacklevel=4)
    notes.messages.clear()
    return frame


def _documents(files: list[Any], opts: Any, fix_mojibake: bool) -> pd.DataFrame:
    notes = load._Notes()
    return _finished(load._from_files(files, opts, notes), fix_mojibake, notes)


@dataclass(frozen=True)
class FileBatch:
    """Article files not read yet: a chunk that a worker process reads itself.

    ``mediakit.map_articles`` sends these to its workers instead of the texts,
    so that reading (decoding, mojibake repair, HTML extraction) is spread
    over the cores too and the main process only lists files.
    """

    files: tuple[Any, ...]
    opts: Any
    fix_mojibake: bool

    def read(self) -> pd.DataFrame:
        """Read the files: the articles frame ``read_articles`` gives for them."""
        return _documents(list(self.files), self.opts, self.fix_mojibake)


def read_chunk(item: pd.DataFrame | FileBatch) -> pd.DataFrame:
    """Return a chunk of :func:`plan_chunks` as an articles frame (reading it if lazy)."""
    return item.read() if isinstance(item, FileBatch) else item


def _from_paths(
    source: Any, opts: Any, chunksize: int, fix_mojibake: bool, lazy: bool = False
) -> Iterator[pd.DataFrame | FileBatch]:
    notes = load._Notes()
    files = load._collect(source, notes)
    for message in notes.messages:  # e.g. files of unsupported types skipped by a glob
        warn(message, stacklevel=4)
    batch: list[Any] = []
    for file in files:
        suffix = file.path.suffix.lower()
        if suffix in load.DOC_EXTENSIONS:
            batch.append(file)
            if len(batch) == chunksize:
                yield _batch(batch, opts, fix_mojibake, lazy)
                batch = []
            continue
        if batch:
            yield _batch(batch, opts, fix_mojibake, lazy)
            batch = []
        if suffix == ".parquet":
            yield from _parquet_batches(file, opts, chunksize, fix_mojibake)
        elif _streamable(file):
            yield from _text_table_batches(file, opts, chunksize, fix_mojibake)
        else:  # a small CSV, TSV, JSON Lines file: read whole, handed on in chunks
            table_notes = load._Notes()
            frame = load._read_table(file, opts, table_notes)
            for i, part in enumerate(_slices(frame, chunksize)):
                yield _finished(part, fix_mojibake, table_notes if i == 0 else load._Notes())
    if batch:
        yield _batch(batch, opts, fix_mojibake, lazy)


def _batch(files: list[Any], opts: Any, fix_mojibake: bool, lazy: bool) -> pd.DataFrame | FileBatch:
    batch = FileBatch(tuple(files), opts, fix_mojibake)
    return batch if lazy else batch.read()


def _is_paths(source: Any) -> bool:
    if isinstance(source, str | os.PathLike):
        return True
    return isinstance(source, list | tuple) and all(
        isinstance(s, str | os.PathLike) for s in source
    )


def iter_articles(
    source: Any,
    *,
    chunksize: int = 1000,
    text_col: str = "text",
    id_col: str | None = None,
    title_col: str = "title",
    date_col: str = "date",
    outlet_col: str = "outlet",
    url_col: str = "url",
    id_from: Literal["stem", "path"] = "stem",
    encoding: str | None = None,
    fix_mojibake: bool = True,
    errors: Literal["raise", "warn"] = "warn",
) -> Iterator[pd.DataFrame]:
    """Read articles a chunk at a time: articles frames of at most ``chunksize`` rows.

    Each chunk is what :func:`mediakit.read_articles` returns for those
    articles (same columns, ids, decoding, warnings), so a corpus that does
    not fit in memory can go through the pipeline chunk by chunk. Files are
    opened only when their chunk is reached.

    Parameters
    ----------
    source : path, glob, list of paths, DataFrame, or iterable of DataFrames
        As in :func:`mediakit.read_articles`. Article files (``.txt``,
        ``.html``, ...) are read ``chunksize`` at a time; a Parquet file is
        read a batch of rows at a time (pyarrow reads its row groups lazily);
        a CSV, TSV or JSON Lines file over 64 MB (``STREAM_BYTES``) is read a
        chunk of rows at a time, its encoding guessed on its first megabyte
        (a smaller one is read whole, as ``read_articles`` reads it, and handed
        on in chunks). A DataFrame is cut into chunks; an iterable of
        DataFrames (e.g. ``pandas.read_csv(..., chunksize=...)``) is read one
        at a time.
    chunksize : int, default 1000
        Most articles per chunk.
    text_col, id_col, title_col, date_col, outlet_col, url_col, id_from, encoding, fix_mojibake
        As in :func:`mediakit.read_articles`.
    errors : {"warn", "raise"}, default "warn"
        As in :func:`mediakit.read_articles`, but ``"warn"`` by default: in a
        long job an unreadable file becomes a row with empty ``text`` and the
        reason in ``error`` (and a warning), and the job goes on.

    Yields
    ------
    pandas.DataFrame
        Articles frames (index ``doc_id``), in the order of the source.

    Warns
    -----
    MediakitWarning
        As :func:`mediakit.read_articles` does, chunk by chunk; and once for
        each doc_id already seen in an earlier chunk (ids are unique within a
        chunk, as in ``read_articles``; across chunks the row is kept, and the
        warning names it and says how to make ids unique).

    Examples
    --------
    >>> import mediakit as mk
    >>> folder = mk.datasets.sample_articles_path()
    >>> [chunk.index.tolist() for chunk in mk.iter_articles(folder, chunksize=1)]
    [['000_f6e284209844c78c'], ['001_9ff499f4b0b3160f']]
    """
    chunks = plan_chunks(
        source,
        chunksize=chunksize,
        text_col=text_col,
        id_col=id_col,
        title_col=title_col,
        date_col=date_col,
        outlet_col=outlet_col,
        url_col=url_col,
        id_from=id_from,
        encoding=encoding,
        fix_mojibake=fix_mojibake,
        errors=errors,
    )
    return _unique_across(read_chunk(item) for item in chunks)


def plan_chunks(
    source: Any,
    *,
    chunksize: int = 1000,
    lazy: bool = False,
    fix_mojibake: bool = True,
    errors: str = "warn",
    **options: Any,
) -> Iterator[pd.DataFrame | FileBatch]:
    """Plan the chunks of :func:`iter_articles`, leaving article files unread if ``lazy``.

    ``options`` are the other reading options of :func:`iter_articles`
    (``text_col``, ``id_from``, ...). They are checked here, at the call, not
    when the first chunk is asked for. With ``lazy``, a chunk of article files
    is a :class:`FileBatch` that ``read_chunk`` reads (in a worker process, for
    ``map_articles``); tables and DataFrames are read here, a chunk at a time,
    as without it.
    """
    chunksize = _check_chunksize(chunksize)
    opts = load.make_options(errors=errors, **options)
    check_option("fix_mojibake", fix_mojibake, (True, False))
    read = {k: v for k, v in opts.table_options().items() if k != "mapping"}
    read.update({f"{k}_col": v for k, v in opts.mapping.items()}, fix_mojibake=fix_mojibake)
    if isinstance(source, pd.DataFrame):
        return (load.read_articles(part, **read) for part in _slices(source, chunksize))
    if _is_paths(source):
        return _from_paths(source, opts, chunksize, fix_mojibake, lazy)
    if isinstance(source, Iterable):
        return (
            load.read_articles(part, **read)
            for frame in source
            for part in _slices(_check_frame(frame), chunksize)
        )
    raise TypeError(
        "`source` must be a path, a glob pattern, a list of paths, a DataFrame or an "
        f"iterable of DataFrames, got {type(source).__name__}"
    )


def _check_frame(frame: Any) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"an iterable `source` must yield DataFrames, got {type(frame).__name__}; pass "
            "paths as a list of str"
        )
    return frame


def _unique_across(chunks: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    seen: set[Any] = set()
    for chunk in chunks:
        warn_repeated(chunk.index, seen, stacklevel=4)
        yield chunk


def warn_repeated(ids: Iterable[Any], seen: set[Any], stacklevel: int = 3) -> None:
    """Warn about ``ids`` already in ``seen`` (ids of earlier chunks), then add them."""
    ids = list(ids)
    repeated = [d for d in ids if d in seen]
    if repeated:
        warn(
            f"{len(repeated)} doc_id(s) of this chunk were already read in an earlier "
            f"chunk: {show_values(repeated)}; both rows are kept. Make ids unique, e.g. "
            "id_from='path' for folders or id_col= a unique column",
            stacklevel=stacklevel,
        )
    seen.update(ids)


def count_articles(source: Any) -> int | None:
    """How many articles ``source`` holds, if that is cheap to know (files, Parquet), else None."""
    if isinstance(source, pd.DataFrame):
        return len(source)
    if not _is_paths(source):
        return None
    try:
        files = load._collect(source, load._Notes())
    except (OSError, ValueError, TypeError):
        return None
    total = 0
    for file in files:
        suffix = file.path.suffix.lower()
        if suffix in load.DOC_EXTENSIONS:
            total += 1
        elif suffix == ".parquet":
            try:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(file.path).metadata.num_rows
            except (OSError, ValueError):
                total += 1
        else:
            return None
    return total
