"""The manifest of a figures folder: for each figure, what made it, from what data, with what.

Two halves. In the process that draws (a notebook's kernel),
:func:`record_figure` runs inside :func:`mediakit.plot.savefig`: while
``MEDIAKIT_FIGURE_LOG`` names a journal file (see :mod:`mediakit._provenance`)
it appends one JSON line per figure written: the figure's path and SHA-256,
the inputs the process had read by then, and the versions of mediakit, Python
and mediakit's dependencies. In the process that runs the notebooks
(``notebooks/run_notebooks.py``), :func:`manifest_entries` turns a notebook's
journal into entries, :func:`update_manifest` merges them into
``<figures>/manifest.json``, and :func:`check_manifest` verifies a folder
against its manifest.

The manifest is deterministic: keys sorted, no dates, no absolute paths
(files of the package are ``mediakit/...``, others are relative to the
repository, e.g. ``../shared/data/bbc_news/articles``). Entries are keyed by
the figure's path relative to the folder; a run of one notebook (with one set
of parameters) replaces only the entries it writes.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import platform
import re
import shlex
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from mediakit import _provenance
from mediakit._provenance import file_sha256, tree_sha256

__all__ = [
    "ENTRY_FIELDS",
    "MANIFEST",
    "check_manifest",
    "environment",
    "manifest_entries",
    "notebook_code_sha256",
    "notebook_parameters",
    "portable",
    "read_journal",
    "read_manifest",
    "record_figure",
    "remake_command",
    "update_manifest",
    "write_manifest",
]

#: File name of the manifest, inside the figures folder.
MANIFEST = "manifest.json"
#: Version of the manifest's layout.
FORMAT = 1
#: The fields of every entry.
ENTRY_FIELDS = (
    "inputs",
    "mediakit_version",
    "notebook",
    "notebook_code_sha256",
    "parameters",
    "python",
    "remake",
    "sha256",
    "software",
)
ABOUT = (
    "One entry per figure in this folder, written by `make figures` (notebooks/run_notebooks.py): "
    "the notebook and parameters that made it, its inputs with their SHA-256, and the software "
    "versions. Verify with `python notebooks/run_notebooks.py --check`; README.md, "
    "'Tracing a figure', explains the fields."
)
#: Environment variables a notebook may name that are not its parameters.
_NOT_PARAMETERS = frozenset({"MEDIAKIT_FIGURES_DIR", _provenance.ENV})
_PARAMETER = re.compile(r"""["'](MEDIAKIT_[A-Z0-9_]+)["']""")


# -- the drawing process -------------------------------------------------------------------


def _mediakit_version() -> str:
    # the package this module belongs to, initialised before it (not imported by name, which
    # would read as an import circle: mediakit imports plot)
    return str(importlib.import_module("mediakit").__version__)


@functools.cache
def environment() -> dict[str, Any]:
    """Versions: mediakit's, Python's (major.minor) and those of mediakit's dependencies.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.plot._manifest import environment
    >>> env = environment()
    >>> env["mediakit_version"] == mk.__version__, "matplotlib" in env["software"]
    (True, True)
    """
    from packaging.requirements import Requirement

    software: dict[str, str] = {}
    try:
        required = metadata.requires("mediakit") or []
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        required = []
    for line in required:
        requirement = Requirement(line)
        if requirement.marker is not None:  # an extra: not needed to draw
            continue
        try:
            software[requirement.name] = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "mediakit_version": _mediakit_version(),
        "python": ".".join(platform.python_version_tuple()[:2]),
        "software": dict(sorted(software.items(), key=lambda kv: kv[0].lower())),
    }


def record_figure(path: str | os.PathLike[str]) -> None:
    """Log a figure just written to the journal, if ``MEDIAKIT_FIGURE_LOG`` names one."""
    log = _provenance.journal()
    if log is None:
        return
    record = {
        "figure": os.path.abspath(path),
        "sha256": file_sha256(path),
        "inputs": _provenance.inputs(),
        **environment(),
    }
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, sort_keys=True) + "\n")


# -- the running process -------------------------------------------------------------------


def read_journal(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The records of a journal, in the order the figures were written (none if it is absent)."""
    path = Path(path)
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _code_cells(notebook: Path) -> list[str]:
    cells = json.loads(Path(notebook).read_text("utf-8"))["cells"]
    sources = [c["source"] for c in cells if c.get("cell_type") == "code"]
    return [s if isinstance(s, str) else "".join(s) for s in sources]


def notebook_code_sha256(notebook: str | os.PathLike[str]) -> str:
    """SHA-256 of the notebook's code: ``json.dumps`` of the list of its code cells' sources.

    Markdown cells, outputs and metadata do not count: only what runs.
    """
    import hashlib

    return hashlib.sha256(json.dumps(_code_cells(Path(notebook))).encode("utf-8")).hexdigest()


def notebook_parameters(
    notebook: str | os.PathLike[str], environ: Mapping[str, str] | None = None
) -> dict[str, str | None]:
    """The notebook's parameters: the ``MEDIAKIT_*`` variables its code names, and their values.

    A notebook reads its parameters from the environment (``os.environ.get(
    "MEDIAKIT_CORPUS")``); every such name in a code cell (other than
    ``MEDIAKIT_FIGURES_DIR``, where the figures go) is a parameter, with its
    value in ``environ`` or None when unset (the notebook's default).
    """
    environ = os.environ if environ is None else environ
    names = {m for code in _code_cells(Path(notebook)) for m in _PARAMETER.findall(code)}
    return {name: environ.get(name) for name in sorted(names - _NOT_PARAMETERS)}


def remake_command(runner: str, notebook: str, parameters: Mapping[str, str | None]) -> str:
    """The shell command that remakes a notebook's figures with the same parameters.

    Examples
    --------
    >>> remake_command("run.py", "notebooks/05.ipynb", {"MEDIAKIT_CORPUS": "sample"})
    'MEDIAKIT_CORPUS=sample python run.py notebooks/05.ipynb'
    """
    env = [f"{k}={shlex.quote(v)}" for k, v in sorted(parameters.items()) if v is not None]
    return " ".join([*env, "python", shlex.quote(runner), shlex.quote(notebook)])


def portable(path: str | os.PathLike[str], repo: str | os.PathLike[str]) -> str:
    """A path as the manifest writes it: never absolute.

    Files of the installed mediakit package are ``mediakit/...``; other paths
    are relative to ``repo`` (``../shared/data/...`` for the shared corpora),
    with ``/`` separators.

    Examples
    --------
    >>> portable("/home/me/project/figures/a.svg", "/home/me/project")
    'figures/a.svg'
    >>> portable("/home/me/shared/data/bbc", "/home/me/project")
    '../shared/data/bbc'
    """
    path = os.path.abspath(path)
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if path.startswith(package + os.sep):
        return "mediakit/" + Path(os.path.relpath(path, package)).as_posix()
    try:
        return Path(os.path.relpath(path, os.path.abspath(repo))).as_posix()
    except ValueError:  # another drive (Windows): the name is all that is not machine-bound
        return Path(path).name


def _portable_input(record: Mapping[str, Any], repo: Path) -> dict[str, Any]:
    out = dict(record)
    if out.get("source") is not None:
        out["source"] = portable(out["source"], repo)
    return out


def _input_key(record: Mapping[str, Any]) -> tuple[str, str, str]:
    return (record.get("source") or "", record["kind"], record.get("sha256") or "")


def manifest_entries(
    records: Iterable[Mapping[str, Any]],
    *,
    figures_dir: str | os.PathLike[str],
    repo: str | os.PathLike[str],
    notebook: str | os.PathLike[str],
    parameters: Mapping[str, str | None],
    runner: str,
) -> dict[str, dict[str, Any]]:
    """Turn a notebook's journal into manifest entries, one per figure under ``figures_dir``.

    Figures written elsewhere (scratch output) are left out; a figure written
    twice keeps its last record.
    """
    figures_dir, repo = Path(os.path.abspath(figures_dir)), Path(os.path.abspath(repo))
    notebook_rel = portable(notebook, repo)
    code = notebook_code_sha256(notebook)
    entries: dict[str, dict[str, Any]] = {}
    for record in records:
        figure = Path(record["figure"])
        if not figure.is_relative_to(figures_dir) or figure.name == MANIFEST:
            continue
        inputs = [_portable_input(r, repo) for r in record["inputs"]]
        entries[figure.relative_to(figures_dir).as_posix()] = {
            "inputs": sorted(inputs, key=_input_key),
            "mediakit_version": record["mediakit_version"],
            "notebook": notebook_rel,
            "notebook_code_sha256": code,
            "parameters": dict(sorted(parameters.items())),
            "python": record["python"],
            "remake": remake_command(runner, notebook_rel, parameters),
            "sha256": record["sha256"],
            "software": record["software"],
        }
    return entries


def read_manifest(figures_dir: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """The entries of ``<figures_dir>/manifest.json`` by figure (empty if there is none)."""
    path = Path(figures_dir) / MANIFEST
    if not path.is_file():
        return {}
    manifest = json.loads(path.read_text("utf-8"))
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("figures"), dict):
        raise ValueError(
            f"{path} is not a mediakit figures manifest of format {FORMAT}; delete it and run "
            "`make figures` to write it again"
        )
    return manifest["figures"]


def write_manifest(figures_dir: str | os.PathLike[str], entries: Mapping[str, Any]) -> Path:
    """Write the manifest (sorted keys, two-space indent, a final newline), atomically."""
    path = Path(figures_dir) / MANIFEST
    manifest = {"about": ABOUT, "figures": dict(entries), "format": FORMAT}
    text = json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{MANIFEST}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _figure_files(figures_dir: Path) -> set[str]:
    """Every file of the folder but the manifest and hidden files, relative, ``/``-separated."""
    return {
        p.relative_to(figures_dir).as_posix()
        for p in figures_dir.rglob("*")
        if p.is_file()
        and p.name != MANIFEST
        and not any(part.startswith(".") for part in p.relative_to(figures_dir).parts)
    }


def update_manifest(
    figures_dir: str | os.PathLike[str],
    entries: Mapping[str, Mapping[str, Any]],
    *,
    notebook: str,
    parameters: Mapping[str, str | None],
) -> list[str]:
    """Merge one run's entries into the manifest; return notes on what needs a person.

    The run's entries replace those of the same figures. Entries of figures
    no longer on disk are dropped. Figures that the same notebook with the
    same parameters made before but did not write this time are kept (their
    data may simply be absent here) and named in a note. Files that no entry
    describes are left to :func:`check_manifest`.
    """
    figures_dir = Path(figures_dir)
    current = dict(read_manifest(figures_dir))
    on_disk = _figure_files(figures_dir)
    notes: list[str] = []
    params = dict(sorted(parameters.items()))
    for name, entry in sorted(current.items()):
        same_run = entry.get("notebook") == notebook and entry.get("parameters") == params
        if same_run and name not in entries and name in on_disk:
            notes.append(
                f"{name} was made by {notebook} before but not in this run; it is kept: "
                "delete it if the notebook no longer makes it"
            )
    current.update({name: dict(entry) for name, entry in entries.items()})
    for name in sorted(set(current) - on_disk):
        notes.append(f"{name} no longer exists; its entry is dropped")
        del current[name]
    write_manifest(figures_dir, dict(sorted(current.items())))
    return notes


def _input_problem(record: Mapping[str, Any], repo: Path) -> str | None:
    """Why an input no longer matches its record, or None (also when it is absent here)."""
    from mediakit.io import load

    kind, source = record.get("kind"), record.get("source")
    if kind not in ("file", "folder", "glob") or source is None:
        return None  # a DataFrame: its content was recorded, its origin cannot be re-read
    path = repo / source if kind != "file" or not source.startswith("mediakit/") else None
    if path is None:  # a file of the package
        package = Path(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        path = package / source.removeprefix("mediakit/")
    if kind == "file":
        if not path.is_file():
            return None
        found = file_sha256(path)
    else:
        try:
            files = load._collect(str(path), load._Notes())
        except FileNotFoundError:
            return None
        found = tree_sha256({f.rel.as_posix(): file_sha256(f.path) for f in files})
    if found != record.get("sha256"):
        recorded = str(record.get("sha256"))[:12]
        return f"its input {source} has changed since (sha256 {found[:12]}…, recorded {recorded}…)"
    return None


def check_manifest(figures_dir: str | os.PathLike[str], repo: str | os.PathLike[str]) -> list[str]:
    """Verify a figures folder against its manifest; return the problems found (none: all good).

    Every file has an entry with every field; every entry's file exists with
    the recorded SHA-256; its notebook exists with the recorded code; it was
    made by this mediakit version; and every input present on this machine
    (files, folders, globs) still has the recorded hash. Inputs absent here
    (corpora in ``../shared/data`` on a machine without them) are not checked.
    """
    version = _mediakit_version()
    figures_dir, repo = Path(figures_dir), Path(repo)
    where = portable(figures_dir, repo)
    if not (figures_dir / MANIFEST).is_file():
        return [f"{where}/{MANIFEST} is missing: run `make figures`"]
    entries = read_manifest(figures_dir)
    problems = [
        f"{where}/{name} has no manifest entry: run `make figures` (or delete the file)"
        for name in sorted(_figure_files(figures_dir) - set(entries))
    ]
    code_of: dict[str, str | None] = {}
    for name, entry in sorted(entries.items()):
        figure = f"{where}/{name}"
        missing = [f for f in ENTRY_FIELDS if f not in entry]
        if missing:
            problems.append(f"{figure}: its entry lacks {', '.join(missing)}")
            continue
        if not (figures_dir / name).is_file():
            problems.append(f"{figure} is in the manifest but not on disk: run `make figures`")
            continue
        if file_sha256(figures_dir / name) != entry["sha256"]:
            problems.append(f"{figure} is not the file make figures wrote (sha256 differs)")
        notebook = entry["notebook"]
        if notebook not in code_of:
            path = repo / notebook
            code_of[notebook] = notebook_code_sha256(path) if path.is_file() else None
        if code_of[notebook] is None:
            problems.append(f"{figure}: its notebook {notebook} does not exist")
        elif code_of[notebook] != entry["notebook_code_sha256"]:
            problems.append(
                f"{figure}: the code of {notebook} has changed since: run `make figures`"
            )
        if entry["mediakit_version"] != version:
            problems.append(
                f"{figure} was made by mediakit {entry['mediakit_version']}, this is "
                f"{version}: run `make figures`"
            )
        for record in entry["inputs"]:
            problem = _input_problem(record, repo)
            if problem:
                problems.append(f"{figure}: {problem}")
    return problems
