"""The record of what a process read (for the figures manifest): mediakit._provenance.

Every expected hash is computed here with hashlib on the bytes of the files, and a folder's
hash from ``sha256sum``'s line format written out by hand.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk
from mediakit import _provenance
from mediakit.datasets import SAMPLE_FILES, sample_articles_path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sha256sum(folder: Path, names: list[str]) -> str:
    """What ``sha256sum <names> | sort -k2 | sha256sum`` prints, from the folder."""
    lines = "".join(f"{_sha(folder / n)}  {n}\n" for n in sorted(names))
    return hashlib.sha256(lines.encode()).hexdigest()


@pytest.fixture()
def recording(tmp_path: Path, monkeypatch) -> Path:
    journal = tmp_path / "journal.jsonl"
    monkeypatch.setenv(_provenance.ENV, str(journal))
    return journal


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder of two outlets, with files the reader skips (README, hidden, a table)."""
    root = tmp_path / "corpus"
    (root / "herald").mkdir(parents=True)
    (root / "gazette").mkdir()
    (root / "herald" / "h1.txt").write_text("Storm hits coast.\n\nRain.", encoding="utf-8")
    (root / "gazette" / "g1.txt").write_bytes("Café owners protest.".encode("cp1252"))
    (root / "README.md").write_text("not an article")
    (root / ".hidden.txt").write_text("not read")
    (root / "table.csv").write_text("text\nnot read from a folder\n")
    return root


def _by_source(records: list[dict]) -> dict:
    return {(r["kind"], r["source"]): r for r in records}


def test_nothing_is_noted_without_the_variable(monkeypatch):
    monkeypatch.delenv(_provenance.ENV, raising=False)
    mk.load_sample_articles()
    assert _provenance.journal() is None
    assert _provenance.inputs() == []


def test_the_sample_and_a_dictionary_are_noted_with_the_hash_of_their_bytes(recording):
    mk.load_sample_articles()
    mk.load_dictionary("generic_frames")
    notes = _by_source(_provenance.inputs())
    folder = sample_articles_path()
    for name in SAMPLE_FILES:
        path = str((folder / name).absolute())
        assert notes[("file", path)]["sha256"] == _sha(folder / name)
    yml = Path(mk.__file__).parent / "data" / "dictionaries" / "builtin" / "generic_frames.yml"
    assert notes[("file", str(yml))]["sha256"] == _sha(yml)
    assert len(notes) == 3


def test_a_folder_is_noted_as_the_files_read_from_it(recording, corpus):
    articles = mk.read_articles(corpus)
    assert len(articles) == 2
    (record,) = _provenance.inputs()
    assert record == {
        "kind": "folder",
        "source": str(corpus),
        "files": 2,
        "sha256": _sha256sum(corpus, ["gazette/g1.txt", "herald/h1.txt"]),
    }


def test_a_glob_and_a_named_file_are_noted_and_a_dataframe_is_not(recording, corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    mk.read_articles("*/*.txt")
    mk.read_articles("table.csv")
    frame = pd.DataFrame({"text": ["One.", "Two."]}, index=pd.Index(["a", "b"], name="doc_id"))
    mk.read_articles(frame)  # made from something else: not an input of its own
    notes = _by_source(_provenance.inputs())
    assert set(notes) == {("glob", str(corpus / "*/*.txt")), ("file", str(corpus / "table.csv"))}
    glob = notes[("glob", str(corpus / "*/*.txt"))]
    assert glob["files"] == 2
    assert glob["sha256"] == _sha256sum(corpus, ["gazette/g1.txt", "herald/h1.txt"])
    assert notes[("file", str(corpus / "table.csv"))]["sha256"] == _sha(corpus / "table.csv")


def test_iter_and_map_articles_note_the_files_the_workers_read(recording, corpus):
    chunks = list(mk.iter_articles(corpus, chunksize=1))
    assert len(chunks) == 2
    folder = {"kind": "folder", "source": str(corpus), "files": 2}
    assert _provenance.inputs() == [
        folder | {"sha256": _sha256sum(corpus, ["gazette/g1.txt", "herald/h1.txt"])}
    ]
    # map_articles' workers read the files themselves; the main process lists and notes them
    (corpus / "herald" / "h1.txt").write_text("Storm hits the coast again.", encoding="utf-8")
    lengths = mk.map_articles(
        corpus, lambda a: a["text"].str.len().to_frame("n"), chunksize=1, n_jobs=2, progress=False
    )
    assert len(lengths) == 2
    assert _provenance.inputs() == [
        folder | {"sha256": _sha256sum(corpus, ["gazette/g1.txt", "herald/h1.txt"])}
    ]


def test_a_file_that_cannot_be_read_is_named(recording, corpus):
    (corpus / "herald" / "gone.txt").symlink_to(corpus / "nowhere.txt")
    with pytest.warns(mk.MediakitWarning, match="could not read 1 file"):
        mk.read_articles(corpus, errors="warn")
    (record,) = _provenance.inputs()
    assert record["files"] == 2 and record["unreadable"] == ["herald/gone.txt"]
    assert record["sha256"] == _sha256sum(corpus, ["gazette/g1.txt", "herald/h1.txt"])


def test_each_journal_has_its_own_notes(tmp_path, monkeypatch, corpus):
    monkeypatch.setenv(_provenance.ENV, str(tmp_path / "first.jsonl"))
    mk.read_articles(corpus)
    monkeypatch.setenv(_provenance.ENV, str(tmp_path / "second.jsonl"))
    assert _provenance.inputs() == []
    mk.load_sample_articles()
    assert {r["kind"] for r in _provenance.inputs()} == {"file"}


def test_a_changed_file_is_hashed_again(recording, corpus):
    mk.read_articles(corpus / "herald" / "h1.txt")
    first = _provenance.inputs()[0]["sha256"]
    (corpus / "herald" / "h1.txt").write_text("A different story, of another length.")
    mk.read_articles(corpus / "herald" / "h1.txt")
    assert _provenance.inputs()[0]["sha256"] == _sha(corpus / "herald" / "h1.txt") != first
