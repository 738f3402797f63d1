"""Companion notebooks run top to bottom, write their figures, and are stored clean."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def _runner():
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", REPO / "notebooks" / "run_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_load_and_clean.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path: Path):
    nb = json.loads(path.read_text("utf-8"))
    for cell in nb["cells"]:
        assert not cell.get("outputs"), f"{path.name}: strip outputs before committing"
        assert cell.get("execution_count") is None


#: Notebooks that also run on another corpus, chosen by environment variables the kernel
#: inherits: notebook stem -> {variant: environment}. Each variant writes figures of its own
#: names (05_sample_*.svg), so the committed figures of every variant are compared.
VARIANTS = {"05_corpus_study": {"sample": {"MEDIAKIT_CORPUS": "sample"}}}
RUNS = [pytest.param(path, None, {}, id=path.stem) for path in NOTEBOOKS] + [
    pytest.param(path, variant, env, id=f"{path.stem}-{variant}")
    for path in NOTEBOOKS
    for variant, env in VARIANTS.get(path.stem, {}).items()
]


def test_variants_name_existing_notebooks():
    assert set(VARIANTS) <= {p.stem for p in NOTEBOOKS}


#: Notebooks that write no figure: the exercises, whose plotting cell the student fills in
#: (06_solutions writes that figure).
NO_FIGURES = {"06_exercises"}


@pytest.mark.notebook
@pytest.mark.parametrize(("path", "variant", "env"), RUNS)
def test_notebook_runs_and_figures_are_reproducible(
    path: Path, variant: str | None, env: dict[str, str], tmp_path: Path, monkeypatch
):
    runner = _runner()
    monkeypatch.setenv("MEDIAKIT_FIGURES_DIR", str(tmp_path / "a"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    nb = runner.execute(path)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    figures = sorted((tmp_path / "a").glob("*"))
    assert figures or path.stem in NO_FIGURES, f"{path.name} wrote no figure"
    if variant is not None:  # a variant never overwrites the figures of the default run
        prefix = f"{path.stem.split('_')[0]}_{variant}_"
        assert all(f.name.startswith(prefix) for f in figures), [f.name for f in figures]
    # The committed figures are exactly what the notebook writes (make figures regenerates them).
    for fig in figures:
        committed = REPO / "figures" / fig.name
        assert committed.exists(), f"run `make figures` and commit figures/{fig.name}"
        assert fig.read_bytes() == committed.read_bytes(), (
            f"figures/{fig.name} is stale or non-deterministic"
        )
