"""What a process has read, so that each figure can name its input data.

While the environment variable ``MEDIAKIT_FIGURE_LOG`` names a file (``make
figures`` sets it for the kernel of each notebook it runs), the readers note
every file they consume, with a SHA-256 of its bytes:
:func:`mediakit.read_articles`, :func:`mediakit.iter_articles` and
:func:`mediakit.map_articles` (files, folders and globs; the sample of
:func:`mediakit.load_sample_articles` is two files) and
:func:`mediakit.read_dictionary` (and so :func:`mediakit.load_dictionary`).
Tables already in memory are not inputs: a DataFrame passed to a reader was
made from something else (mediakit passes the chunks of an in-memory corpus
through ``read_articles`` too), so data a notebook reads with pandas itself is
not traced; read files through mediakit for the manifest to name them.
:func:`mediakit.plot.savefig` then appends one line to that file per figure,
with the inputs noted so far (``mediakit.plot._manifest``), and
``notebooks/run_notebooks.py`` turns the lines into ``figures/manifest.json``.

While the variable is unset, nothing is noted and nothing is hashed: the
readers pay one environment lookup. Inputs are noted per value of the
variable, so two runs in one process (tests) never share their notes.

The hashes are those any tool computes: a file's is the SHA-256 of its bytes
(``sha256sum file``); a folder's or a glob's is the SHA-256 of the lines
``"<file sha256>  <path relative to the folder or glob root>\\n"`` of the files
read, sorted by path (the format of ``sha256sum``'s output).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "ENV",
    "file_sha256",
    "inputs",
    "journal",
    "note_file",
    "note_files",
    "tree_sha256",
]

#: The environment variable that turns recording on: the journal file figures are logged to.
ENV = "MEDIAKIT_FIGURE_LOG"

# journal -> key of the input -> the input as recorded (absolute paths)
_NOTES: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
# (absolute path, size, mtime_ns) -> sha256, so that a file read twice is hashed once
_DIGESTS: dict[tuple[str, int, int], str] = {}


def journal() -> str | None:
    """The journal file named by ``MEDIAKIT_FIGURE_LOG``, or None when recording is off."""
    return os.environ.get(ENV) or None


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 (hex) of a file's bytes, read in blocks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes(b"abc")
    >>> file_sha256(path)[:16]
    'ba7816bf8f01cfea'
    """
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def tree_sha256(files: Mapping[str, str]) -> str:
    """SHA-256 of ``"<sha256>  <relative path>\\n"`` lines sorted by path (``sha256sum``'s format).

    Parameters
    ----------
    files : mapping of str to str
        Path relative to the folder (``/`` separators) -> SHA-256 of the file.

    Examples
    --------
    >>> import hashlib
    >>> lines = "{}  a.txt\\n".format("1" * 64).encode()
    >>> tree_sha256({"a.txt": "1" * 64}) == hashlib.sha256(lines).hexdigest()
    True
    """
    lines = "".join(f"{files[rel]}  {rel}\n" for rel in sorted(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def _digest(path: str) -> str | None:
    """The file's SHA-256 (memoised on its size and modification time); None if unreadable."""
    try:
        stat = os.stat(path)
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in _DIGESTS:
            _DIGESTS[key] = file_sha256(path)
        return _DIGESTS[key]
    except OSError:
        return None


def _notes() -> dict[tuple[str, str], dict[str, Any]] | None:
    log = journal()
    return None if log is None else _NOTES.setdefault(log, {})


def note_files(source: str | os.PathLike[str], kind: str, files: Iterable[tuple[Any, Any]]) -> None:
    """Note a source of articles: a named file, a folder or a glob pattern, and the files it gave.

    Parameters
    ----------
    source : path or str
        What the caller passed (a file, a folder or a glob pattern).
    kind : {"file", "folder", "glob"}
        What ``source`` is.
    files : iterable of (path, relative path or None)
        The files read from it; for a folder or glob, each with its path
        relative to the folder or glob root.
    """
    notes = _notes()
    if notes is None:
        return
    label = os.path.abspath(os.fspath(source))
    if kind == "file":
        notes[("file", label)] = {"kind": "file", "source": label, "sha256": _digest(label)}
        return
    digests: dict[str, str] = {}
    unreadable: list[str] = []
    for path, rel in files:
        rel = str(rel).replace(os.sep, "/")
        digest = _digest(os.path.abspath(os.fspath(path)))
        if digest is None:
            unreadable.append(rel)
        else:
            digests[rel] = digest
    record: dict[str, Any] = {
        "kind": kind,
        "source": label,
        "files": len(digests),
        "sha256": tree_sha256(digests),
    }
    if unreadable:
        record["unreadable"] = sorted(unreadable)
    notes[(kind, label)] = record


def note_file(path: str | os.PathLike[str], data: bytes | None = None) -> None:
    """Note one input file (``data``: its bytes, when the caller has read them already)."""
    notes = _notes()
    if notes is None:
        return
    label = os.path.abspath(os.fspath(path))
    digest = hashlib.sha256(data).hexdigest() if data is not None else _digest(label)
    notes[("file", label)] = {"kind": "file", "source": label, "sha256": digest}


def inputs() -> list[dict[str, Any]]:
    """The inputs noted so far under the current journal (copies, absolute paths), in read order."""
    notes = _notes()
    return [] if notes is None else [dict(record) for record in notes.values()]
