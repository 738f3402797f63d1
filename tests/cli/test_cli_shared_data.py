"""The commands on real corpora (../shared/data; skipped when it is absent)."""

from __future__ import annotations

import hashlib

import _cli
import pandas as pd
import pytest
from _cli import pipeline, quiet

import mediakit as mk

cli_fixture = _cli.cli_fixture  # registers the fixture `cli`

pytestmark = pytest.mark.shared_data


def test_near_dups_on_bbc_news_finds_every_identical_body(cli, shared_data, tmp_path):
    corpus = shared_data / "bbc_news" / "articles"
    pairs, stories = tmp_path / "pairs.parquet", tmp_path / "stories.parquet"
    res = cli(
        "near-dups", corpus, "--id-from", "path", "--threshold", "0.9",
        "-o", pairs, "--clusters", stories, "-q",
    )  # fmt: skip
    assert res.code == 0, res.err
    clean = quiet(mk.clean_articles, quiet(mk.read_articles, corpus, id_from="path"))
    expected = quiet(mk.near_duplicates, clean, threshold=0.9)
    written = pd.read_parquet(pairs)
    pd.testing.assert_frame_equal(written, expected)
    # by hand: articles whose cleaned bodies are byte-identical must all be paired
    digest = clean["text"].map(lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
    groups = [list(g) for _, g in clean.index.to_series().groupby(digest.to_numpy()) if len(g) > 1]
    assert len(groups) >= 100  # the corpus README: 133 bodies duplicate another article
    found = {frozenset(p) for p in zip(written["doc_id_a"], written["doc_id_b"], strict=True)}
    for group in groups:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                assert frozenset({a, b}) in found, (a, b)
    clusters = pd.read_parquet(stories).set_index("doc_id")
    assert len(clusters) == len(clean) == 2225  # rows in = rows out
    pd.testing.assert_frame_equal(clusters, mk.story_clusters(expected, clean))


def test_features_in_two_workers_on_a_bbc_section(cli, shared_data, tmp_path):
    section = shared_data / "bbc_news" / "articles" / "business"
    out = tmp_path / "features.parquet"
    res = cli(
        "features", section, "--jobs", "2", "--chunksize", "200",
        "--dictionary", "policy_frames", "-o", out,
    )  # fmt: skip
    assert res.code == 0, res.err
    written = pd.read_parquet(out).set_index("doc_id")
    # what a user gets with the functions on the whole section (chunks change nothing here)
    expected = quiet(mk.document_features, pipeline(section), mk.load_dictionary("policy_frames"))
    assert len(written) == len(expected) == 510
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    # the chunks' warnings are one line each, with the chunk they came from
    warned = [line for line in res.err.splitlines() if "warning" in line]
    assert warned and all(line.startswith("mediakit features: warning: ") for line in warned)
    assert any("[chunk 0, from doc_id '001']" in line for line in warned)


def test_frames_with_a_liwc_dictionary_file(cli, shared_data, tmp_path):
    section = shared_data / "bbc_news" / "articles" / "politics"
    dic = shared_data / "dictionaries" / "moral_foundations" / "mfd2.0.dic"
    out = tmp_path / "frames.csv"
    res = cli("frames", section, "--dictionary", dic, "--normalize", "share", "-o", out, "-q")
    assert res.code == 0, res.err
    expected = mk.count_frames(pipeline(section), mk.read_dictionary(dic), normalize="share")
    written = pd.read_csv(out, dtype={"doc_id": str}).set_index("doc_id")
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    assert expected.drop(columns=["n_tokens", "unmatched"]).to_numpy().sum() > 0


def test_compare_two_reading_levels_of_a_onestopenglish_story(cli, shared_data, tmp_path):
    levels = shared_data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    adv, ele = levels / "Adv-Txt" / "Amazon-adv.txt", levels / "Ele-Txt" / "Amazon-ele.txt"
    res = cli("compare", adv, ele, "--html", tmp_path / "r.html", "-q")
    assert res.code == 0, res.err
    report = mk.compare_versions(pipeline([adv, ele]), "Amazon-adv", "Amazon-ele")
    assert res.out == report.summary_text() + "\n"
    assert (tmp_path / "r.html").read_text("utf-8") == report.to_html()
