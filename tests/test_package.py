"""The public API, the packaged data, and an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import mediakit as mk


def test_all_is_sorted_and_importable():
    assert mk.__all__ == sorted(mk.__all__)
    for name in mk.__all__:
        assert getattr(mk, name) is not None, name


def test_plot_is_loaded_lazily():
    code = (
        "import sys, mediakit; assert 'matplotlib' not in sys.modules; "
        "mediakit.plot; assert 'matplotlib' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


#: The seed pair's files, under the originals' names (data/seed-pair/README.md).
SAMPLE_NAMES = ["000_f6e284209844c78c.txt", "001_9ff499f4b0b3160f.txt"]


def test_packaged_sample_is_identical_to_research_data(repo_root: Path):
    from mediakit.datasets import SAMPLE_FILES

    packaged = repo_root / "mediakit" / "data" / "seed_pair"
    research = repo_root / "data" / "seed-pair"
    # the same files in both places, no more (no stale copy of an earlier sample)
    assert sorted(p.name for p in packaged.iterdir()) == SAMPLE_NAMES
    assert sorted(p.name for p in research.glob("*.txt")) == SAMPLE_NAMES
    assert list(SAMPLE_FILES) == SAMPLE_NAMES
    assert list(SAMPLE_FILES.values()) == ["wire", "rewrite"]
    for name in SAMPLE_NAMES:
        assert (packaged / name).read_bytes() == (research / name).read_bytes()


def test_no_network_calls_in_package(repo_root: Path):
    for path in (repo_root / "mediakit").rglob("*.py"):
        src = path.read_text("utf-8")
        assert "nltk.download" not in src, path
        assert "urlopen(" not in src and "requests.get(" not in src, path


def test_wheel_carries_its_data_and_loads_the_sample(tmp_path: Path, repo_root: Path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(repo_root),
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("mediakit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n for n in names if n.startswith("mediakit/data/seed_pair/")) == [
        f"mediakit/data/seed_pair/{name}" for name in SAMPLE_NAMES
    ]
    for needed in (
        "mediakit/data/cleaning_rules.yaml",
        "mediakit/data/abbreviations_en.txt",
        "mediakit/data/stopwords_en.txt",
        "mediakit/py.typed",
        "mediakit/data/dictionaries/builtin/generic_frames.yml",
        "mediakit/data/dictionaries/builtin/generic_frames.md",
    ):
        assert needed in names, needed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Import the unpacked wheel, not the checkout, from a folder outside the repository.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import mediakit as mk; "
        "assert mk.__file__.startswith(sys.argv[1]), mk.__file__; "
        "a = mk.load_sample_articles(); assert a.index.tolist() == ['wire', 'rewrite']; "
        "assert a.loc['wire', 'text'].startswith('close\\nclose\\n'); "
        "assert len(mk.split_sentences(mk.clean_articles(a))) > 20; "
        "d = mk.load_dictionary('reporting_verbs'); "
        "assert mk.count_frames(a, d)['neutral'].sum() > 0; "
        "assert len(mk.list_dictionaries()) == 4"
    )
    subprocess.run([sys.executable, "-c", code, str(site)], check=True, cwd=tmp_path)


def test_readme_tour_runs(tmp_path, monkeypatch):
    """The README's tour is code users paste: it must run as written."""
    import re
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    text = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    tour = text[text.index("## A tour") : text.index("### A corpus on one machine")]
    code = "\n".join(re.findall(r"```python\n(.*?)```", tour, re.S))
    assert "mk.count_frames" in code and "mk.kwic" in code
    monkeypatch.chdir(tmp_path)  # the tour writes alignment.svg
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        namespace: dict[str, object] = {}
        exec(compile(code, "README.md tour", "exec"), namespace)
    assert (tmp_path / "alignment.svg").is_file()
    assert list(namespace["counts"].index) == ["wire", "rewrite"]
    import matplotlib.pyplot as plt

    plt.close("all")
