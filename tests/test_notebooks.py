"""Companion notebooks run top to bottom, write their figures, and are stored clean.

The committed figures/ and its manifest are checked here too: every file has an entry,
every hash (recomputed with hashlib) matches, and a fresh run of each notebook writes the
same bytes and the same entries (what ``make figures`` run twice must give).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

import pytest

import mediakit as mk

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
FIGURES = REPO / "figures"
SHARED = REPO.parent / "shared" / "data"
#: What a fresh run must reproduce of a committed entry. The parameters (and so the remake
#: command) may differ where ../shared/data is absent: notebook 05 then falls back to the
#: sample by itself and writes the 05_sample_* figures without MEDIAKIT_CORPUS set.
REPRODUCED = ("inputs", "mediakit_version", "notebook", "notebook_code_sha256", "sha256")


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
    nb, notes = runner.run(path)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert notes == []
    figures = sorted(p for p in (tmp_path / "a").glob("*") if p.name != "manifest.json")
    if path.stem in NO_FIGURES:
        assert not figures, f"{path.name} is listed in NO_FIGURES but wrote {figures}"
        return
    assert figures, f"{path.name} wrote no figure"
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
    # ... and the manifest names each with what the committed manifest says of it.
    fresh = json.loads((tmp_path / "a" / "manifest.json").read_text("utf-8"))["figures"]
    assert sorted(fresh) == [f.name for f in figures]
    recorded = _committed()["figures"]
    for name, entry in fresh.items():
        assert entry["sha256"] == hashlib.sha256((tmp_path / "a" / name).read_bytes()).hexdigest()
        assert entry["notebook"] == f"notebooks/{path.name}"
        assert entry["parameters"] == {k: os.environ.get(k) for k in entry["parameters"]}
        for field in REPRODUCED:
            assert entry[field] == recorded[name][field], (
                f"figures/manifest.json is stale for {name} ({field}): run `make figures`"
            )
        if variant is not None:
            assert entry["parameters"] == recorded[name]["parameters"] == env


# -- the committed figures and their manifest ------------------------------------------------


def _committed() -> dict:
    return json.loads((FIGURES / "manifest.json").read_text("utf-8"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_sha(folder: Path) -> str:
    """A folder read by read_articles, hashed as sha256sum lists it (written out here)."""
    lines = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.lower().startswith("readme."):
                continue
            if os.path.splitext(name)[1].lower() in (".txt", ".md", ".html", ".htm"):
                path = Path(root, name)
                lines.append((path.relative_to(folder).as_posix(), _sha(path)))
    return hashlib.sha256("".join(f"{h}  {r}\n" for r, h in sorted(lines)).encode()).hexdigest()


def test_committed_manifest_names_every_figure_and_only_them():
    on_disk = {p.name for p in FIGURES.iterdir() if p.name != "manifest.json"}
    assert set(_committed()["figures"]) == on_disk


def test_committed_manifest_entries_are_complete_and_correct():
    text = (FIGURES / "manifest.json").read_text("utf-8")
    manifest = json.loads(text)
    assert text == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert str(REPO) not in text and str(REPO.parent) not in text and '"/' not in text
    assert manifest["format"] == 1
    notebooks = {f"notebooks/{p.name}": p for p in NOTEBOOKS}
    for name, entry in manifest["figures"].items():
        assert entry["sha256"] == _sha(FIGURES / name), name
        assert entry["mediakit_version"] == mk.__version__
        assert entry["notebook"] in notebooks, name
        stem = Path(entry["notebook"]).stem
        assert name.startswith(stem.split("_")[0] + "_"), name  # 05_* figures come from 05_*
        code = [
            c["source"]
            for c in json.loads(notebooks[entry["notebook"]].read_text("utf-8"))["cells"]
            if c["cell_type"] == "code"
        ]
        code = [c if isinstance(c, str) else "".join(c) for c in code]
        assert (
            entry["notebook_code_sha256"] == hashlib.sha256(json.dumps(code).encode()).hexdigest()
        )
        assert entry["remake"].endswith(f"python notebooks/run_notebooks.py {entry['notebook']}")
        assert entry["inputs"], f"{name} records no input data"
        for record in entry["inputs"]:
            assert record["kind"] in {"file", "folder", "glob"}, (name, record)
            path = REPO / record["source"]
            if record["source"].startswith("../shared/data/") and not SHARED.is_dir():
                continue
            if record["kind"] == "file":
                assert record["sha256"] == _sha(path), (name, record["source"])
            else:
                assert record["sha256"] == _folder_sha(path), (name, record["source"])


def test_committed_manifest_traces_the_sample_run_of_notebook_05():
    figures = _committed()["figures"]
    sample = {n: e for n, e in figures.items() if n.startswith("05_sample_")}
    assert sample
    for entry in sample.values():
        assert entry["parameters"] == {"MEDIAKIT_CORPUS": "sample"}
        assert entry["remake"] == (
            "MEDIAKIT_CORPUS=sample python notebooks/run_notebooks.py "
            "notebooks/05_corpus_study.ipynb"
        )
        assert {r["source"] for r in entry["inputs"]} >= {
            "mediakit/data/seed_pair/000_f6e284209844c78c.txt",
            "mediakit/data/seed_pair/001_9ff499f4b0b3160f.txt",
        }
    bbc = figures["05_near_duplicates.svg"]
    assert bbc["parameters"] == {"MEDIAKIT_CORPUS": None}
    assert [r["source"] for r in bbc["inputs"]] == ["../shared/data/bbc_news/articles"]
    assert bbc["inputs"][0]["files"] == 2225


def test_check_passes_on_the_committed_figures(monkeypatch, capsys):
    monkeypatch.setenv("MEDIAKIT_FIGURES_DIR", str(FIGURES))
    assert _runner().main(["--check"]) == 0, capsys.readouterr().err
    assert _runner().main(["--bogus"]) == 2
