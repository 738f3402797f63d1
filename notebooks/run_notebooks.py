"""Execute companion notebooks top to bottom (used by `make figures` and the test suite).

Usage: python notebooks/run_notebooks.py notebooks/01_load_and_clean.ipynb [...]

Each notebook runs in its own folder (so relative paths behave as in JupyterLab)
and writes figures where ``MEDIAKIT_FIGURES_DIR`` points (default: ../figures).
Outputs are never written back: notebooks stay committed without outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TIMEOUT_S = 600


def execute(path: str | Path) -> nbformat.NotebookNode:
    """Run one notebook and return the executed copy (the file is not modified)."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute()
    return nb


def main(argv: list[str]) -> int:
    """Execute each notebook named in ``argv``; return the exit status."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for name in argv:
        print(f"executing {name}", flush=True)
        execute(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
