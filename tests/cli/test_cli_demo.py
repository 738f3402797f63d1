from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import mediakit as mk
from mediakit.cli import main


def test_demo_summarises_the_seed_pair(capsys, seed_gold):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "AFP story of 7 November 2024" in out and "stand-in" not in out
    for doc in ("wire", "rewrite"):
        gold = seed_gold[doc]
        n_sentences = sum(len(p) for p in gold["paragraph_sentences"])
        n_paragraphs = len(gold["paragraph_sentences"])
        row = next(line.split() for line in out.splitlines() if line.strip().startswith(doc + " "))
        # doc_id, raw chars, clean chars, paragraphs, sentences, tokens, removed
        assert int(row[3]) == n_paragraphs
        assert int(row[4]) == n_sentences
        assert int(row[6]) == len(gold["removed_lines"])
        assert f"{doc}: {gold['title']}" in out
    assert "dateline: Budapest · agency: AFP" in out
    assert "(credit: Ludovic MARIN / AFP)" in out and "(credit: Ferenc ISZA / AFP)" in out
    assert "subheading: – “Ukraine deserves our support” –" in out
    # every chrome line of the hand gold is listed as removed, by its rule
    removed = [line for line in out.splitlines() if line.startswith("    line ")]
    assert len(removed) == sum(len(seed_gold[d]["removed_lines"]) for d in ("wire", "rewrite"))
    for rule in ("ui_words", "headline", "dateline", "caption", "breadcrumbs", "comment_form"):
        assert any(f" {rule} " in line for line in removed)


def test_demo_on_a_folder(tmp_path: Path, capsys):
    (tmp_path / "one.txt").write_text(
        "Headline here\n\nBody sentence one. Body sentence two.\n", "utf-8"
    )
    assert main(["demo", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "one: Headline here" in out
    row = next(line.split() for line in out.splitlines() if line.strip().startswith("one "))
    assert row[3:5] == ["1", "2"]


def test_python_dash_m_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "mediakit", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("mediakit ")


def test_demo_compares_the_two_versions_and_writes_the_report(tmp_path: Path, capsys, seed_gold):
    out_file = tmp_path / "sub" / "report.html"
    assert main(["demo", "--html", str(out_file)]) == 0
    out = capsys.readouterr().out
    pairs = seed_gold["alignment_wire_to_rewrite"]["pairs"]

    def n(label: str) -> int:
        # The report counts wire sentences per label (rewrite sentences for "added").
        side = 1 if label == "added" else 0
        return len({p[side] for p in pairs if p[2] == label})

    expected = " · ".join(
        f"{n(label)} {label}"
        for label in ("verbatim", "rewritten", "merged", "split", "dropped", "added")
    )
    assert " ".join(expected.split()) in " ".join(out.split())
    assert "Vladimir Zelensky → Volodymyr Zelensky" in out
    # what changed in meaning, the rewrite's factual drift among it
    assert "What changed in meaning (" in out
    assert "condition_added      + if re-elected as U.S. president" in out
    assert f"The full comparison, side by side: {out_file}" in out
    html = out_file.read_text("utf-8")
    assert html.startswith("<!doctype html>") and "Volodymyr" in html


def test_demo_writes_the_full_report_of_the_seed_pair(tmp_path: Path, capsys):
    # what `make demo` runs: the page is the one mk.write_report writes for the seed pair
    page = tmp_path / "out" / "seed-pair-report.html"
    assert main(["demo", "--report", str(page)]) == 0
    out = capsys.readouterr().out
    assert f"The report (one self-contained page, opens offline): {page}" in out
    raw = mk.load_sample_articles()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        expected = mk.pair_report(raw, "wire", "rewrite")
    assert page.read_text("utf-8") == expected
