"""The figures manifest: what savefig logs, how a run's entries are merged, and the check.

The figure-writing path of ``make figures`` runs here in-process (no kernel): a journal named
by MEDIAKIT_FIGURE_LOG, inputs read, figures saved, entries merged into manifest.json. Hashes
are recomputed with hashlib on the files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest

import mediakit as mk
from mediakit import _provenance, plot
from mediakit.plot import _manifest

REPO = Path(__file__).resolve().parents[2]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _notebook(path: Path, code: list[str], markdown: str = "Some prose.") -> Path:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": markdown}] + [
        {"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None}
        for c in code
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


CODE = [
    'import os\nCORPUS = os.environ.get("MEDIAKIT_CORPUS") or "bbc"',
    "FIGURES = os.environ.get('MEDIAKIT_FIGURES_DIR', '../figures')",
    "print(1)",
]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A repository of its own: a notebook, an input file, a figures folder."""
    repo = tmp_path / "repo"
    _notebook(repo / "notebooks" / "study.ipynb", CODE)
    (repo / "data").mkdir()
    (repo / "data" / "story.txt").write_text("Storm hits coast.\n\nRain.", encoding="utf-8")
    return repo


def _draw_and_save(project: Path, journal: Path, monkeypatch, names=("a.svg",)) -> list[dict]:
    """What a notebook does under make figures: read, draw, save (and save some scratch)."""
    monkeypatch.setenv(_provenance.ENV, str(journal))
    articles = mk.read_articles(project / "data" / "story.txt")
    for name in names:
        with plot.style():
            fig, ax = plt.subplots()
            ax.barh(["story"], [len(articles.loc["story", "text"])])
            plot.savefig(fig, project / "figures" / name)
            plot.savefig(fig, project / "scratch" / name)  # not under figures/: no entry
        plt.close(fig)
    monkeypatch.delenv(_provenance.ENV)
    return _manifest.read_journal(journal)


def _run(project: Path, tmp: Path, monkeypatch, names=("a.svg",), env=None) -> list[str]:
    """One run of the notebook's figure path, merged into project/figures/manifest.json."""
    records = _draw_and_save(
        project, tmp / f"journal-{len(list(tmp.glob('j*')))}.jsonl", monkeypatch, names
    )
    notebook = project / "notebooks" / "study.ipynb"
    parameters = _manifest.notebook_parameters(notebook, env or {})
    entries = _manifest.manifest_entries(
        records,
        figures_dir=project / "figures",
        repo=project,
        notebook=notebook,
        parameters=parameters,
        runner="notebooks/run_notebooks.py",
    )
    return _manifest.update_manifest(
        project / "figures", entries, notebook="notebooks/study.ipynb", parameters=parameters
    )


def test_savefig_logs_each_figure_with_its_hash_inputs_and_versions(tmp_path, project, monkeypatch):
    records = _draw_and_save(project, tmp_path / "journal.jsonl", monkeypatch)
    assert [Path(r["figure"]) for r in records] == [
        project / "figures" / "a.svg",
        project / "scratch" / "a.svg",
    ]
    first = records[0]
    assert first["sha256"] == _sha(project / "figures" / "a.svg")
    assert first["inputs"] == [
        {
            "kind": "file",
            "source": str(project / "data" / "story.txt"),
            "sha256": _sha(project / "data" / "story.txt"),
        }
    ]
    assert first["mediakit_version"] == mk.__version__
    assert first["software"]["matplotlib"] == matplotlib.__version__
    assert first["software"]["pandas"] == __import__("pandas").__version__
    assert first["python"] == "{}.{}".format(*__import__("sys").version_info[:2])


def test_savefig_logs_nothing_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(_provenance.ENV, raising=False)
    fig, _ax = plt.subplots()
    plot.savefig(fig, tmp_path / "a.svg")
    plt.close(fig)
    assert list(tmp_path.iterdir()) == [tmp_path / "a.svg"]


def test_two_runs_write_the_same_bytes_and_the_same_manifest(tmp_path, project, monkeypatch):
    other = tmp_path / "elsewhere" / "repo"
    shutil.copytree(project, other)
    assert _run(project, tmp_path, monkeypatch, names=("a.svg", "sub/b.svg")) == []
    assert _run(other, tmp_path, monkeypatch, names=("a.svg", "sub/b.svg")) == []
    files = sorted(p.relative_to(project / "figures") for p in (project / "figures").rglob("*.*"))
    assert [f.as_posix() for f in files] == ["a.svg", "manifest.json", "sub/b.svg"]
    for name in files:
        assert (project / "figures" / name).read_bytes() == (other / "figures" / name).read_bytes()
    text = (project / "figures" / "manifest.json").read_text("utf-8")
    manifest = json.loads(text)
    # deterministic: sorted keys, fixed indent, no machine paths
    assert text == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert str(tmp_path) not in text and str(REPO) not in text
    entry = manifest["figures"]["sub/b.svg"]
    assert entry["sha256"] == _sha(project / "figures" / "sub" / "b.svg")
    assert entry["notebook"] == "notebooks/study.ipynb"
    assert entry["parameters"] == {"MEDIAKIT_CORPUS": None}
    assert entry["remake"] == "python notebooks/run_notebooks.py notebooks/study.ipynb"
    assert entry["inputs"] == [
        {"kind": "file", "source": "data/story.txt", "sha256": _sha(project / "data/story.txt")}
    ]
    assert set(entry) == set(_manifest.ENTRY_FIELDS)
    # a second run in the same place rewrites the same manifest
    _run(project, tmp_path, monkeypatch, names=("a.svg", "sub/b.svg"))
    assert (project / "figures" / "manifest.json").read_text("utf-8") == text


def test_a_run_updates_only_its_own_entries(tmp_path, project, monkeypatch):
    _run(project, tmp_path, monkeypatch, names=("a.svg", "b.svg"))
    _run(project, tmp_path, monkeypatch, names=("s.svg",), env={"MEDIAKIT_CORPUS": "sample"})
    entries = _manifest.read_manifest(project / "figures")
    assert entries["s.svg"]["parameters"] == {"MEDIAKIT_CORPUS": "sample"}
    assert entries["s.svg"]["remake"].startswith("MEDIAKIT_CORPUS=sample python ")
    # the default run again, now making only a.svg, from changed data
    (project / "data" / "story.txt").write_text("A longer story about the storm.", encoding="utf-8")
    notes = _run(project, tmp_path, monkeypatch, names=("a.svg",))
    assert notes == [
        "b.svg was made by notebooks/study.ipynb before but not in this run; it is kept: "
        "delete it if the notebook no longer makes it"
    ]
    after = _manifest.read_manifest(project / "figures")
    assert after["a.svg"]["inputs"][0]["sha256"] == _sha(project / "data" / "story.txt")
    assert after["b.svg"] == entries["b.svg"] and after["s.svg"] == entries["s.svg"]
    # a figure deleted from disk loses its entry at the next run
    (project / "figures" / "b.svg").unlink()
    notes = _run(project, tmp_path, monkeypatch, names=("a.svg",))
    assert notes == ["b.svg no longer exists; its entry is dropped"]
    assert set(_manifest.read_manifest(project / "figures")) == {"a.svg", "s.svg"}


def test_check_finds_each_kind_of_problem(tmp_path, project, monkeypatch):
    figures = project / "figures"
    _run(project, tmp_path, monkeypatch, names=("a.svg", "b.svg"))
    assert _manifest.check_manifest(figures, project) == []

    (figures / "stray.png").write_bytes(b"not made by a notebook")
    (figures / "b.svg").write_bytes((figures / "b.svg").read_bytes() + b"\n")
    (project / "data" / "story.txt").write_text("Edited after the figures were made.")
    manifest = json.loads((figures / "manifest.json").read_text("utf-8"))
    manifest["figures"]["a.svg"]["mediakit_version"] = "0.0.1"
    (figures / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    problems = _manifest.check_manifest(figures, project)
    assert problems == [
        "figures/stray.png has no manifest entry: run `make figures` (or delete the file)",
        f"figures/a.svg was made by mediakit 0.0.1, this is {mk.__version__}: run `make figures`",
        problems[2],
        "figures/b.svg is not the file make figures wrote (sha256 differs)",
        problems[4],
    ]
    for problem in (problems[2], problems[4]):
        assert problem.endswith("…)") and ": its input data/story.txt has changed since" in problem

    _notebook(project / "notebooks" / "study.ipynb", CODE, markdown="Prose edited: not code.")
    assert not any("code of" in p for p in _manifest.check_manifest(figures, project))
    _notebook(project / "notebooks" / "study.ipynb", [*CODE, "print(2)"])
    assert (
        "figures/a.svg: the code of notebooks/study.ipynb has changed since: run `make figures`"
        in (_manifest.check_manifest(figures, project))
    )
    (project / "notebooks" / "study.ipynb").unlink()
    (figures / "b.svg").unlink()
    problems = _manifest.check_manifest(figures, project)
    assert "figures/a.svg: its notebook notebooks/study.ipynb does not exist" in problems
    assert "figures/b.svg is in the manifest but not on disk: run `make figures`" in problems
    (figures / "manifest.json").unlink()
    assert _manifest.check_manifest(figures, project) == [
        "figures/manifest.json is missing: run `make figures`"
    ]


def test_check_skips_inputs_absent_here(tmp_path, project, monkeypatch):
    _run(project, tmp_path, monkeypatch)
    (project / "data" / "story.txt").unlink()  # e.g. ../shared/data on a machine without it
    assert _manifest.check_manifest(project / "figures", project) == []


def test_notebook_parameters_are_the_mediakit_variables_its_code_reads(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb", CODE)
    assert _manifest.notebook_parameters(notebook, {}) == {"MEDIAKIT_CORPUS": None}
    env = {"MEDIAKIT_CORPUS": "sample", "MEDIAKIT_FIGURES_DIR": "/x", "MEDIAKIT_OTHER": "y"}
    assert _manifest.notebook_parameters(notebook, env) == {"MEDIAKIT_CORPUS": "sample"}


def test_notebook_code_hash_covers_the_code_cells_only(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb", CODE)
    expected = hashlib.sha256(json.dumps(CODE).encode()).hexdigest()
    assert _manifest.notebook_code_sha256(notebook) == expected
    _notebook(notebook, CODE, markdown="Other prose.")
    assert _manifest.notebook_code_sha256(notebook) == expected
    _notebook(notebook, [*CODE[:2], "print(2)"])
    assert _manifest.notebook_code_sha256(notebook) != expected


def test_portable_paths_are_never_absolute(tmp_path):
    package_file = Path(mk.__file__).parent / "data" / "seed_pair" / "000_f6e284209844c78c.txt"
    assert _manifest.portable(package_file, tmp_path) == (
        "mediakit/data/seed_pair/000_f6e284209844c78c.txt"
    )
    repo = tmp_path / "work" / "repo"
    assert _manifest.portable(tmp_path / "work" / "shared" / "data" / "bbc", repo) == (
        "../shared/data/bbc"
    )
    assert _manifest.portable(repo / "figures" / "x.svg", repo) == "figures/x.svg"


def test_a_manifest_of_another_layout_is_refused(tmp_path):
    (tmp_path / "manifest.json").write_text('{"figures": []}')
    with pytest.raises(ValueError, match="not a mediakit figures manifest of format 1"):
        _manifest.read_manifest(tmp_path)
