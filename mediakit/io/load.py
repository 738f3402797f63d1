"""Read articles from files, folders, globs, tables or DataFrames.

:func:`read_articles` is the first stage of the pipeline: whatever the source,
it returns an *articles frame* (one row per article, index ``doc_id``,
column ``text``) with a record of how each text was obtained, so that later
stages never have to guess where a character came from.
"""

from __future__ import annotations

import codecs
import glob as globlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, Literal

import pandas as pd

from mediakit import _provenance
from mediakit._progress import bar, check_progress
from mediakit._validation import check_option, show_values, warn
from mediakit.io._decode import (
    BinaryContentError,
    as_text,
    decode_bytes,
    extract_html,
    parse_dates,
)
from mediakit.io._decode import fix_mojibake as _repair
from mediakit.io._tables import read_csv_text, read_json_lines, table_to_articles

__all__ = ["DOC_EXTENSIONS", "TABLE_EXTENSIONS", "read_articles"]

#: File types read as one article per file.
DOC_EXTENSIONS: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
#: File types read as one article per row.
TABLE_EXTENSIONS: tuple[str, ...] = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
_HTML = (".html", ".htm")
_LEAD = ("text", "title", "date", "outlet", "url")
_TRAIL = ("path", "encoding", "mojibake_fixed", "extraction", "error")

PathLike = str | os.PathLike[str]


def read_articles(
    source: PathLike | Sequence[PathLike] | pd.DataFrame,
    *,
    text_col: str = "text",
    id_col: str | None = None,
    title_col: str = "title",
    date_col: str = "date",
    outlet_col: str = "outlet",
    url_col: str = "url",
    id_from: Literal["stem", "path"] = "stem",
    encoding: str | None = None,
    fix_mojibake: bool = True,
    errors: Literal["raise", "warn"] = "raise",
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Read news articles into an articles frame.

    Parameters
    ----------
    source : str, os.PathLike, list of them, or pandas.DataFrame
        What to read:

        * a file: ``.txt``/``.md`` (one article, the decoded file as it is),
          ``.html``/``.htm`` (one article, main text extracted with
          trafilatura), or a table: ``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``,
          ``.parquet`` (one article per row);
        * a folder: every ``.txt``, ``.md``, ``.html`` and ``.htm`` file in it
          and its subfolders (tables are not picked up: read them by name or
          with a glob). Hidden files and folders (names starting with ``.``)
          and ``README`` files are skipped;
        * a glob pattern such as ``"corpus/**/*.html"`` (``**`` recurses);
        * a list of any of these, read in order;
        * a DataFrame, mapped with the ``*_col`` options like a table.
    text_col : str, default "text"
        Column of a table or DataFrame that holds the article text.
    id_col : str, optional
        Column with unique article ids. If None: a ``doc_id`` index or column,
        else an ``id`` column, else generated -- ``f"{file_stem}-{row}"`` with a
        0-based row number for table files, the index labels (as str) for a
        DataFrame. The id column becomes the index.
    title_col, date_col, outlet_col, url_col : str
        Columns mapped to ``title``, ``date``, ``outlet`` and ``url``. The
        defaults are used when present; a name you pass must exist.
    id_from : {"stem", "path"}, default "stem"
        For files: ``doc_id`` is the file name without extension (``"stem"``),
        or the path relative to the folder or glob root without extension,
        with ``/`` separators (``"path"``, e.g. ``"sport/199"``), which keeps
        ids unique when subfolders reuse file names. For a list of files,
        ``"path"`` is relative to the folder the listed files share.
    encoding : str, optional
        Force this codec for every file; bytes it cannot decode become U+FFFD
        and a warning names the files. None (default) detects the encoding
        per file: byte-order mark, then strict UTF-8, then UTF-8 with stray
        Windows-1252 bytes, then charset_normalizer's guess unless
        Windows-1252 reads the bytes at least as cleanly.
    fix_mojibake : bool, default True
        Repair mojibake (``'cafÃ©'`` -> ``'café'``, ``'â€™'`` -> ``'’'``) in
        ``text`` and ``title`` with ftfy's encoding fixes, only where ftfy's
        badness test fires and the repair changes the text; recorded in
        ``mojibake_fixed``.
    errors : {"raise", "warn"}, default "raise"
        What to do with a file found in ``source`` that cannot be read
        (permissions, a broken link, binary content, a table pandas cannot
        parse): raise an error naming it, or keep one row for it with empty
        ``text`` and the reason in ``error``, and emit one
        :class:`~mediakit.MediakitWarning` naming all such files.
    progress : bool or None, default None
        A progress bar (tqdm) over the files: ``None`` shows it on a
        terminal or in a notebook once reading has taken two seconds,
        ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        One row per article, index ``doc_id`` (unique str), columns in this
        order: ``text`` (str; paragraphs separated by a blank line for HTML;
        newlines normalised to ``\n``; never missing: missing text becomes
        ``""`` with a warning naming the doc_ids), then whichever of
        ``title``, ``date`` (datetime64; unparseable dates become NaT with a
        warning naming the doc_ids), ``outlet``, ``url`` have values, then any
        other table columns, then provenance:

        * ``path``: the file read (files only);
        * ``encoding``: the codec that decoded the bytes (``'utf-8'``,
          ``'utf-8-sig'``, ``'utf-16-le'``, ``'cp1252'``, ...;
          ``'utf-8+cp1252'`` for UTF-8 with stray Windows-1252 bytes); missing
          when nothing was decoded (DataFrame, Parquet, unreadable file);
        * ``mojibake_fixed``: bool, whether ftfy repaired ``text`` or ``title``;
        * ``extraction`` (only when HTML was read): ``'main'`` when trafilatura
          found the main text, ``'baseline'`` when it did not and
          ``trafilatura.baseline`` (paragraph text of the whole page, which
          may include menus and one-paragraph bodies) was used, ``'all_text'``
          for the last resort on fragments trafilatura cannot parse (all text
          nodes); missing for non-HTML rows. A warning names fallback files;
        * ``error``: why the row's text is empty (unreadable file), else missing.

        For folders, ``outlet`` is the first-level subfolder under the folder
        (or glob root); files directly in it have a missing outlet. For HTML
        without a folder outlet, trafilatura's site name fills ``outlet``.

    Raises
    ------
    FileNotFoundError
        If ``source`` does not exist, or a folder or glob holds no readable
        file type (the message lists the extensions looked for).
    ValueError
        For an unsupported file type, a missing column, duplicate ids (the
        message names both sources and the fix), or, with ``errors="raise"``,
        a binary file or unparsable table.
    OSError
        With ``errors="raise"``, if a file cannot be read.

    See Also
    --------
    mediakit.clean_articles : the next pipeline stage.

    Examples
    --------
    A folder with one subfolder per outlet, in two encodings:

    >>> import tempfile
    >>> from pathlib import Path
    >>> import mediakit as mk
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "herald").mkdir()
    >>> (root / "gazette").mkdir()
    >>> _ = (root / "herald" / "h1.txt").write_text("Storm hits coast\n\nRain.", encoding="utf-8")
    >>> _ = (root / "gazette" / "g1.txt").write_bytes("Café owners protest".encode("cp1252"))
    >>> articles = mk.read_articles(root)
    >>> articles["outlet"].to_dict()
    {'g1': 'gazette', 'h1': 'herald'}
    >>> articles["encoding"].to_dict()
    {'g1': 'cp1252', 'h1': 'utf-8'}
    >>> articles.loc["g1", "text"]
    'Café owners protest'
    >>> articles.columns.tolist()
    ['text', 'outlet', 'path', 'encoding', 'mojibake_fixed', 'error']

    A DataFrame with other column names (the input is not changed):

    >>> import pandas as pd
    >>> df = pd.DataFrame(
    ...     {
    ...         "id": [7, 8],
    ...         "body": ["First story.", "Second story."],
    ...         "published": ["2024-03-01", "2024-03-02"],
    ...     }
    ... )
    >>> articles = mk.read_articles(df, id_col="id", text_col="body", date_col="published")
    >>> articles.index.tolist(), articles["date"].dt.day.tolist()
    (['7', '8'], [1, 2])
    """
    opts = make_options(
        text_col=text_col,
        id_col=id_col,
        title_col=title_col,
        date_col=date_col,
        outlet_col=outlet_col,
        url_col=url_col,
        id_from=id_from,
        encoding=encoding,
        errors=errors,
    )
    check_option("fix_mojibake", fix_mojibake, (True, False))
    progress = check_progress(progress, "read_articles")
    notes = _Notes()
    if isinstance(source, pd.DataFrame):
        frame = table_to_articles(source, **opts.table_options(), origin="the DataFrame", stem=None)
    else:
        frame = _from_files(_collect(source, notes), opts, notes, progress)
    frame = _finish(frame, fix_mojibake, notes)
    for message in notes.messages:
        warn(message)
    return frame


# -- options and collected warnings ------------------------------------------------


def make_options(
    *,
    text_col: str = "text",
    id_col: str | None = None,
    title_col: str = "title",
    date_col: str = "date",
    outlet_col: str = "outlet",
    url_col: str = "url",
    id_from: str = "stem",
    encoding: str | None = None,
    errors: str = "raise",
) -> _Options:
    """Check the options of :func:`read_articles` (shared with ``iter_articles``)."""
    check_option("errors", errors, ("raise", "warn"))
    check_option("id_from", id_from, ("stem", "path"))
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            raise ValueError(
                f"`encoding` = {encoding!r} is not a codec Python knows; pass e.g. 'utf-8', "
                "'cp1252' or 'utf-16', or None to detect the encoding of each file"
            ) from None
    return _Options(
        text_col=text_col,
        id_col=id_col,
        mapping={"title": title_col, "date": date_col, "outlet": outlet_col, "url": url_col},
        id_from=id_from,
        encoding=encoding,
        errors=errors,
    )


@dataclass(frozen=True)
class _Options:
    text_col: str
    id_col: str | None
    mapping: dict[str, str]
    id_from: str
    encoding: str | None
    errors: str

    def table_options(self) -> dict[str, Any]:
        return {"text_col": self.text_col, "id_col": self.id_col, "mapping": self.mapping}


@dataclass
class _Notes:
    messages: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    lossy: list[str] = field(default_factory=list)
    fallback: list[str] = field(default_factory=list)


# -- finding files ------------------------------------------------------------------


@dataclass(frozen=True)
class _File:
    path: Path
    rel: PurePath | None  # relative to the folder or glob root; None for a named file
    # a named file in a list of files: its path relative to the files' common folder
    # (its doc_id with id_from="path"); None otherwise
    named_rel: PurePath | None = None


def _collect(source: Any, notes: _Notes) -> list[_File]:
    if isinstance(source, list | tuple):
        if not source:
            raise ValueError("`source` is an empty list; pass at least one path")
        found = [f for item in source for f in _collect_one(item, notes)]
        named = [f for f in found if f.rel is None and f.path.suffix.lower() in DOC_EXTENSIONS]
        if len(named) > 1:
            root = Path(os.path.commonpath([f.path.resolve().parent for f in named]))
            found = [
                _File(f.path, None, f.path.resolve().relative_to(root))
                if f.rel is None and f in named
                else f
                for f in found
            ]
        return found
    return _collect_one(source, notes)


def _collect_one(source: Any, notes: _Notes) -> list[_File]:
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            "`source` must be a path, a glob pattern, a list of paths or a DataFrame, "
            f"got {type(source).__name__}"
        )
    path = Path(source).expanduser()
    if path.is_dir():
        found = _walk(path)
        _provenance.note_files(path, "folder", ((f.path, f.rel) for f in found))
        return found
    if path.exists():
        if path.suffix.lower() not in DOC_EXTENSIONS + TABLE_EXTENSIONS:
            raise ValueError(
                f"cannot read {str(path)!r}: unsupported file type {path.suffix or '(none)'!r}; "
                f"supported are {', '.join(DOC_EXTENSIONS + TABLE_EXTENSIONS)}"
            )
        _provenance.note_files(path, "file", [])
        return [_File(path, None)]
    if isinstance(source, str) and any(c in source for c in "*?["):
        found = _glob(source, notes)
        _provenance.note_files(os.path.expanduser(source), "glob", ((f.path, f.rel) for f in found))
        return found
    raise FileNotFoundError(
        f"no such file or folder: {str(source)!r} (looked for {str(path.absolute())!r})"
    )


def _walk(root: Path) -> list[_File]:
    found: list[_File] = []
    tables = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            suffix = os.path.splitext(name)[1].lower()
            if name.startswith(".") or name.lower().startswith("readme."):
                continue
            if suffix in DOC_EXTENSIONS:
                path = Path(folder, name)
                found.append(_File(path, path.relative_to(root)))
            elif suffix in TABLE_EXTENSIONS:
                tables += 1
    if not found:
        hint = ""
        if tables:
            hint = (
                f"; it holds {tables} table file(s): read one with read_articles('<file>.csv') "
                f"or several with a glob such as read_articles('{root}/*.csv')"
            )
        raise FileNotFoundError(
            f"no articles found in folder {str(root)!r}: looked for files ending in "
            f"{', '.join(DOC_EXTENSIONS)} (in subfolders too){hint}"
        )
    return found


def _glob(pattern: str, notes: _Notes) -> list[_File]:
    parts = Path(pattern).expanduser().parts
    root = Path(*parts[: next(i for i, p in enumerate(parts) if any(c in p for c in "*?["))])
    found: list[_File] = []
    skipped: list[str] = []
    for match in sorted(globlib.glob(str(Path(pattern).expanduser()), recursive=True)):
        path = Path(match)
        if path.is_dir():
            continue
        if path.suffix.lower() in DOC_EXTENSIONS + TABLE_EXTENSIONS:
            found.append(_File(path, path.relative_to(root)))
        else:
            skipped.append(match)
    if skipped and found:
        notes.messages.append(
            f"skipped {len(skipped)} file(s) matching {pattern!r} with unsupported types: "
            f"{show_values(skipped)}"
        )
    if not found:
        raise FileNotFoundError(
            f"no files match the pattern {pattern!r} with a supported extension "
            f"({', '.join(DOC_EXTENSIONS + TABLE_EXTENSIONS)})"
        )
    return found


# -- reading files ------------------------------------------------------------------


def _from_files(
    files: list[_File], opts: _Options, notes: _Notes, progress: bool | None = False
) -> pd.DataFrame:
    chunks: list[pd.DataFrame] = []
    records: list[dict[str, Any]] = []
    for file in bar(files, total=len(files), desc="read_articles", progress=progress):
        if file.path.suffix.lower() in DOC_EXTENSIONS:
            records.append(_read_doc(file, opts, notes))
        else:
            if records:
                chunks.append(_docs_frame(records))
                records = []
            chunks.append(_read_table(file, opts, notes))
    if records:
        chunks.append(_docs_frame(records))
    if notes.failed:
        notes.messages.append(
            f"could not read {len(notes.failed)} file(s); they are kept as rows with empty "
            f"`text` and the reason in `error`: {show_values(notes.failed)}"
        )
    if notes.lossy:
        notes.messages.append(
            f"{len(notes.lossy)} file(s) had bytes that `encoding` = {opts.encoding!r} cannot "
            f"decode; they were replaced by U+FFFD: {show_values(notes.lossy)}"
        )
    if notes.fallback:
        notes.messages.append(
            f"trafilatura found no main text in {len(notes.fallback)} HTML file(s); their "
            "`text` is the whole page's text (see column `extraction`) and may include menus: "
            f"{show_values(notes.fallback)}"
        )
    frame = pd.concat(chunks) if len(chunks) > 1 else chunks[0]
    return frame


def _docs_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records).set_index("doc_id")
    optional = [c for c in ("title", "date", "outlet", "url", "extraction") if c in frame]
    return frame.drop(columns=[c for c in optional if frame[c].isna().all()])


def _doc_id(file: _File, id_from: str) -> str:
    if id_from == "path":
        rel = file.rel if file.rel is not None else file.named_rel
        if rel is not None:
            return rel.with_suffix("").as_posix()
    return file.path.stem


def _read_bytes(file: _File, opts: _Options, notes: _Notes) -> tuple[str | None, str | None]:
    """Return (text, encoding), or (None, reason) when the file cannot be read."""
    try:
        decoded = decode_bytes(file.path.read_bytes(), opts.encoding)
    except BinaryContentError as exc:
        if opts.errors == "raise":
            raise BinaryContentError(
                f"cannot read {str(file.path)!r}: {exc}; pass errors='warn' to keep going "
                "and get a row flagged in `error`"
            ) from exc
        return None, f"{exc}"
    except OSError as exc:
        if opts.errors == "raise":
            raise OSError(
                f"cannot read {str(file.path)!r}: {exc.strerror or exc}; pass errors='warn' to "
                "keep going and get a row flagged in `error`"
            ) from exc
        return None, f"cannot read file: {exc.strerror or exc}"
    if decoded.lossy:
        notes.lossy.append(str(file.path))
    return decoded.text, decoded.encoding


def _read_doc(file: _File, opts: _Options, notes: _Notes) -> dict[str, Any]:
    outlet = file.rel.parts[0] if file.rel is not None and len(file.rel.parts) > 1 else None
    record: dict[str, Any] = {"doc_id": _doc_id(file, opts.id_from), "outlet": outlet}
    text, info = _read_bytes(file, opts, notes)
    if text is None:
        notes.failed.append(str(file.path))
        record.update(text="", path=str(file.path), encoding=None, error=info)
        return record
    record.update(text=text, path=str(file.path), encoding=info, error=None)
    if file.path.suffix.lower() in _HTML:
        extracted = extract_html(text)
        if extracted["extraction"] != "main":
            notes.fallback.append(str(file.path))
        site_name = extracted.pop("site_name")
        record.update(extracted)
        if record["outlet"] is None:
            record["outlet"] = site_name
    return record


def _read_table(file: _File, opts: _Options, notes: _Notes) -> pd.DataFrame:
    suffix = file.path.suffix.lower()
    encoding = text = None
    if suffix != ".parquet":
        text, info = _read_bytes(file, opts, notes)
        if text is None:
            return _failed_table(file, info or "", opts, notes)
        encoding = info
    try:
        if text is None:
            table = pd.read_parquet(file.path)
        elif suffix in (".csv", ".tsv"):
            sep = "\t" if suffix == ".tsv" else ","
            table = read_csv_text(text, sep, **opts.table_options())
        else:
            table = read_json_lines(text)
    except (ValueError, OSError, ImportError) as exc:  # pandas' parse errors are ValueErrors
        if opts.errors == "raise":
            raise ValueError(
                f"cannot read table {str(file.path)!r}: {exc}; pass errors='warn' to keep "
                "going and get a row flagged in `error`"
            ) from exc
        return _failed_table(file, f"cannot parse table: {exc}", opts, notes)
    if table.shape == (0, 0):  # an empty file holds no articles
        table = pd.DataFrame({opts.text_col: []}, dtype="str")
    frame = table_to_articles(
        table,
        **opts.table_options(),
        origin=str(file.path),
        stem=file.path.stem,
        encoding=encoding,
    )
    if "path" not in frame:
        frame["path"] = str(file.path)
    return frame


def _failed_table(file: _File, reason: str, opts: _Options, notes: _Notes) -> pd.DataFrame:
    notes.failed.append(str(file.path))
    index = pd.Index([_doc_id(file, opts.id_from)], name="doc_id", dtype="str")
    return pd.DataFrame(
        {"text": "", "path": str(file.path), "encoding": None, "error": reason}, index=index
    )


# -- finishing ---------------------------------------------------------------------------


def _finish(frame: pd.DataFrame, repair: bool, notes: _Notes) -> pd.DataFrame:
    _check_unique(frame)
    frame = frame.assign(**{c: None for c in ("encoding", "error") if c not in frame})
    fixed = [False] * len(frame)
    if "mojibake_fixed" in frame:  # a frame read before: keep its record
        fixed = frame["mojibake_fixed"].fillna(False).astype(bool).tolist()
    for name in ("text", "title"):
        if name not in frame:
            continue
        values = [as_text(v) if name == "text" or isinstance(v, str) else v for v in frame[name]]
        if repair:
            for i, value in enumerate(values):
                if isinstance(value, str):
                    values[i], changed = _repair(value)
                    fixed[i] = fixed[i] or changed
        frame = frame.assign(**{name: pd.Series(values, index=frame.index, dtype="str")})
    frame["mojibake_fixed"] = pd.Series(fixed, index=frame.index, dtype=bool)
    if "date" in frame:
        raw = frame["date"]
        frame["date"], bad = parse_dates(raw)
        if bad.any():
            examples = list(dict.fromkeys(str(v) for v in raw[bad]))[:3]
            notes.messages.append(
                f"could not parse {int(bad.sum())} date(s), e.g. {examples}; they are NaT for "
                f"doc_id(s) {show_values(list(raw.index[bad]))}. To keep them, parse the column "
                "yourself (pandas.to_datetime(..., format=...)) and pass the result"
            )
    for name in ("encoding", "error", "extraction", "outlet", "url", "path"):
        if name in frame and not pd.api.types.is_string_dtype(frame[name]):
            frame[name] = frame[name].astype("str").where(frame[name].notna())
    empty = frame.index[(frame["text"] == "") & frame["error"].isna()]
    if len(empty):
        notes.messages.append(
            f"{len(empty)} article(s) have no text (missing or empty); they are kept with "
            f"`text` = '': {show_values(list(empty))}"
        )
    lead = [c for c in _LEAD if c in frame]
    trail = [c for c in _TRAIL if c in frame]
    return frame[lead + [c for c in frame if c not in lead + trail] + trail]


def _check_unique(frame: pd.DataFrame) -> None:
    index = frame.index
    if index.is_unique:
        return
    dup = index[index.duplicated()][0]
    if "path" in frame:
        paths = list(dict.fromkeys(frame.loc[[dup], "path"].astype(str)))
        if len(paths) > 1:
            where = f"both {paths[0]!r} and {paths[1]!r}"
            if any(p.lower().endswith(TABLE_EXTENSIONS) for p in paths):
                fix = "pass id_col= a column with ids that are unique across the files"
            elif Path(paths[0]).with_suffix("") == Path(paths[1]).with_suffix(""):
                fix = (
                    "files that differ only in extension share an id; read one file type "
                    "at a time, e.g. with a glob such as 'folder/**/*.txt'"
                )
            else:
                fix = (
                    "pass id_from='path' to use the path relative to the folder "
                    "(e.g. 'outlet/name') as doc_id"
                )
            raise ValueError(f"doc_id {dup!r} is not unique: it comes from {where}; {fix}")
    dupes = index[index.duplicated()].unique().tolist()
    raise ValueError(
        f"doc_id values must be unique; duplicated: {show_values(dupes)}. "
        "Pass id_col= a column with unique values"
    )
