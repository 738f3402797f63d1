"""Execute companion notebooks top to bottom and record their figures (`make figures`, the tests).

Usage:
    python notebooks/run_notebooks.py notebooks/01_load_and_clean.ipynb [...]
    python notebooks/run_notebooks.py --check

Each notebook runs in its own folder (so relative paths behave as in JupyterLab)
and writes figures where ``MEDIAKIT_FIGURES_DIR`` points (default: figures/ of the
repository). Outputs are never written back: notebooks stay committed without outputs.

Every figure a notebook saves with ``mk.plot.savefig`` into that folder gets an entry
in its ``manifest.json``: the figure's SHA-256, the notebook and its parameters (the
``MEDIAKIT_*`` variables its code reads, e.g. ``MEDIAKIT_CORPUS``, with their values for
the run), the input data the kernel had read (with SHA-256), the versions of mediakit,
Python and mediakit's dependencies, and the command that remakes it. Running one notebook
updates only its own entries. ``--check`` verifies the folder against its manifest
(every file has an entry, hashes, notebooks and inputs match) and exits 1 on a problem.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from mediakit import _provenance
from mediakit.plot import _manifest

TIMEOUT_S = 600
REPO = Path(__file__).resolve().parents[1]
RUNNER = "notebooks/run_notebooks.py"


def figures_dir() -> Path:
    """Return where the notebooks write figures: ``MEDIAKIT_FIGURES_DIR``, else figures/."""
    return Path(os.environ.get("MEDIAKIT_FIGURES_DIR") or REPO / "figures")


def execute(path: str | Path, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Run one notebook and return the executed copy (the file is not modified).

    ``env`` replaces the environment the kernel starts with (default: this process's).
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute(env=dict(os.environ if env is None else env))
    return nb


def run(path: str | Path) -> tuple[nbformat.NotebookNode, list[str]]:
    """Run one notebook, recording its figures in the manifest of :func:`figures_dir`.

    Returns the executed notebook and the notes of the manifest update (figures
    kept or dropped, files without an entry).
    """
    path = Path(path)
    target = figures_dir()
    parameters = _manifest.notebook_parameters(path)
    with tempfile.TemporaryDirectory(prefix="mediakit-figures-") as tmp:
        log = Path(tmp) / "journal.jsonl"
        nb = execute(path, env={**os.environ, _provenance.ENV: str(log)})
        records = _manifest.read_journal(log)
    entries = _manifest.manifest_entries(
        records,
        figures_dir=target,
        repo=REPO,
        notebook=path,
        parameters=parameters,
        runner=RUNNER,
    )
    notes = _manifest.update_manifest(
        target, entries, notebook=_manifest.portable(path, REPO), parameters=parameters
    )
    return nb, notes


def check() -> list[str]:
    """Return the problems ``check_manifest`` finds in :func:`figures_dir` (none: all good)."""
    return _manifest.check_manifest(figures_dir(), REPO)


def main(argv: list[str]) -> int:
    """Execute each notebook named in ``argv`` (or ``--check``); return the exit status."""
    if argv == ["--check"]:
        problems = check()
        for problem in problems:
            print(f"manifest: {problem}", file=sys.stderr)
        if not problems:
            where = _manifest.portable(figures_dir(), REPO)
            print(f"{where}/{_manifest.MANIFEST}: every figure is recorded and matches")
        return 1 if problems else 0
    if not argv or any(a.startswith("-") for a in argv):
        print(__doc__, file=sys.stderr)
        return 2
    for name in argv:
        print(f"executing {name}", flush=True)
        _nb, notes = run(name)
        for note in notes:
            print(f"  manifest: {note}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
