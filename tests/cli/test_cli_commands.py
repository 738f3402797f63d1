"""Each command writes what the public function it names returns, called directly on the same
articles (the independent check of a thin layer), on the seed pair's real text."""

from __future__ import annotations

import shutil
from pathlib import Path

import _cli
import pandas as pd
import pytest
from _cli import REWRITE, WIRE, pipeline, quiet

import mediakit as mk

cli_fixture = _cli.cli_fixture  # registers the fixture `cli`
seed_dir_fixture = _cli.seed_dir_fixture  # registers the fixture `seed_dir`


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def test_compare_two_files_prints_the_summary_and_writes_report_and_alignment(cli, tmp_path):
    html, table = tmp_path / "out" / "cmp.html", tmp_path / "alignment.parquet"
    res = cli("compare", WIRE, REWRITE, "--html", html, "--alignment", table)
    assert res.code == 0, res.err
    clean = pipeline([WIRE, REWRITE])
    report = mk.compare_versions(clean, WIRE.stem, REWRITE.stem)
    assert res.out == report.summary_text() + "\n"
    assert html.read_text("utf-8") == report.to_html()
    pd.testing.assert_frame_equal(pd.read_parquet(table), report.to_frame())
    assert res.err.splitlines() == [
        f"mediakit compare: wrote the report to {html}",
        f"mediakit compare: wrote {len(report.to_frame())} rows to {table}",
    ]
    # the rewrite's factual drift is in the summary (real text, not a stub)
    assert "condition_added + if re-elected as U.S. president" in " ".join(res.out.split())


def test_compare_picks_two_articles_of_one_table_by_id(cli, tmp_path):
    raw = mk.load_sample_articles()
    other = pd.DataFrame({"text": ["An unrelated story about farming in Kent."]}, index=["farm"])
    table = pd.concat([raw[["text"]], other]).rename_axis("doc_id").reset_index()
    table.to_csv(tmp_path / "corpus.csv", index=False)
    res = cli("compare", tmp_path / "corpus.csv", "--a", "wire", "--b", "rewrite")
    assert res.code == 0, res.err
    clean = pipeline(tmp_path / "corpus.csv")
    assert res.out == mk.compare_versions(clean, "wire", "rewrite").summary_text() + "\n"
    # one source of two articles needs no ids; of three it names them
    res = cli("compare", tmp_path / "corpus.csv")
    assert res.code == 2
    assert res.err == (
        f"mediakit compare: error: {str(tmp_path / 'corpus.csv')!r} holds 3 article(s), not two; "
        "pick two with --a ID --b ID (its doc_ids: ['wire', 'rewrite', 'farm'])\n"
    )
    res = cli("compare", tmp_path / "corpus.csv", "--a", "wire", "--b", "nope")
    assert res.code == 2 and "--b = 'nope' is not a doc_id of the articles" in res.err
    assert "valid doc_ids are ['wire', 'rewrite', 'farm']" in res.err


def test_compare_same_names_in_two_folders_uses_the_paths(cli, tmp_path):
    for version, source in (("v1", WIRE), ("v2", REWRITE)):
        (tmp_path / version).mkdir()
        shutil.copy(source, tmp_path / version / "story.txt")
    a, b = tmp_path / "v1" / "story.txt", tmp_path / "v2" / "story.txt"
    res = cli("compare", a, b, "--no-clean")
    assert res.code == 0, res.err
    assert res.out.startswith(f"{a} → {b}: two versions compared")
    raw = pd.concat([quiet(mk.read_articles, p) for p in (a, b)])
    raw.index = pd.Index([str(a), str(b)], name="doc_id")
    assert res.out == mk.compare_versions(raw, str(a), str(b)).summary_text() + "\n"


def test_compare_report_escapes_a_hostile_article(cli, tmp_path):
    hostile = (
        "Officials said the plan <script>alert(1)</script> was final.\n\n"
        'A spokesman said: "We reject it" onmouseover=alert(2) x="'
    )
    (tmp_path / "a.txt").write_text(hostile, "utf-8")
    (tmp_path / "b.txt").write_text(hostile.replace("final", "not final"), "utf-8")
    html = tmp_path / "r.html"
    res = cli("compare", tmp_path / "a.txt", tmp_path / "b.txt", "--html", html, "-q")
    assert res.code == 0, res.err
    doc = html.read_text("utf-8")
    assert "<script" not in doc and "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert '" onmouseover=' not in doc and "&quot; onmouseover=" in doc
    assert res.err == ""  # --quiet: no status line


@pytest.mark.parametrize("ext", ["parquet", "csv", "jsonl"])
def test_clean_writes_the_clean_articles_and_the_audit(cli, seed_dir, tmp_path, ext):
    out, audit = tmp_path / f"clean.{ext}", tmp_path / "audit.csv"
    res = cli("clean", seed_dir, "-o", out, "--audit", audit)
    assert res.code == 0, res.err
    raw = quiet(mk.read_articles, seed_dir)
    expected = quiet(mk.clean_articles, raw)
    expected_audit = quiet(mk.cleaning_audit, raw)
    # read back with mediakit: the written table is an articles frame again (doc_id index)
    back = quiet(mk.read_articles, out)
    assert back.index.tolist() == expected.index.tolist() == ["rewrite", "wire"]
    for column in ("text", "text_raw", "title", "dateline", "agency"):
        pd.testing.assert_series_equal(back[column], expected[column], check_dtype=False)
    assert back["n_removed"].tolist() == expected["n_removed"].tolist()
    captions = back["captions"].tolist()
    if ext == "csv":  # lists are JSON in a CSV cell
        import json

        captions = [json.loads(c) for c in captions]
    assert [list(c) for c in captions] == expected["captions"].tolist()
    written = read_csv(audit)
    assert len(written) == len(expected_audit) == expected["n_removed"].sum()
    assert written["removed"].tolist() == expected_audit["removed"].tolist()
    assert written[["start", "end"]].to_numpy().tolist() == (
        expected_audit[["start", "end"]].to_numpy().tolist()
    )
    assert f"wrote 2 rows to {out}" in res.err
    assert f"wrote {len(expected_audit)} rows to {audit}" in res.err


def test_clean_options_reach_clean_articles(cli, seed_dir, tmp_path):
    out = tmp_path / "c.parquet"
    res = cli("clean", seed_dir, "-o", out, "--disable", "caption", "byline", "--by", "none")
    assert res.code == 0, res.err
    raw = quiet(mk.read_articles, seed_dir)
    expected = quiet(mk.clean_articles, raw, disable=["caption", "byline"], by=None)
    assert pd.read_parquet(out)["text"].tolist() == expected["text"].tolist()
    # and they change the result: the captions stay in the text
    default = quiet(mk.clean_articles, raw)
    assert expected["text"].tolist() != default["text"].tolist()


def test_features_equal_document_features(cli, seed_dir, tmp_path):
    out = tmp_path / "features.csv"
    res = cli("features", seed_dir, "--dictionary", "generic_frames", "-o", out)
    assert res.code == 0, res.err
    clean = pipeline(seed_dir)
    expected = quiet(mk.document_features, clean, mk.load_dictionary("generic_frames"))
    written = read_csv(out).set_index("doc_id")
    assert written.index.tolist() == clean.index.tolist()  # rows in = rows out
    pd.testing.assert_frame_equal(written, expected, check_dtype=False, check_exact=True)
    assert {"conflict", "flesch_reading_ease", "mattr"} <= set(written.columns)
    # the warnings of the measures, one line each
    warned = [line for line in res.err.splitlines() if ": warning: " in line]
    assert warned and all(line.startswith("mediakit features: warning: ") for line in warned)
    assert any("SMOG" in line for line in warned)


def test_features_options_and_a_clean_table_as_input(cli, seed_dir, tmp_path):
    assert cli("clean", seed_dir, "-o", tmp_path / "clean.parquet", "-q").code == 0
    out = tmp_path / "f.parquet"
    res = cli(
        "features",
        tmp_path / "clean.parquet",
        "--no-clean",
        "--measures",
        "lexical",
        "--window",
        "20",
        "-o",
        out,
    )
    assert res.code == 0, res.err
    expected = quiet(mk.document_features, pipeline(seed_dir), measures="lexical", window=20)
    written = pd.read_parquet(out).set_index("doc_id")
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    assert "readability" not in "".join(written.columns) and "flesch_reading_ease" not in written


def test_features_in_chunks_equal_the_plain_call(cli, tmp_path):
    # six articles, chunks of four: map_articles reads, cleans and measures two chunks
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = WIRE.read_text("utf-8")
    paragraphs = [p for p in text.split("\n\n") if len(p.split()) > 25][:6]
    for i, paragraph in enumerate(paragraphs):
        (folder / f"p{i}.txt").write_text(paragraph, "utf-8")
    plain, chunked = tmp_path / "plain.parquet", tmp_path / "chunked.parquet"
    assert cli("features", folder, "--no-clean", "-o", plain, "-q").code == 0
    res = cli("features", folder, "--no-clean", "--chunksize", "4", "-o", chunked, "-q")
    assert res.code == 0, res.err
    expected = quiet(mk.document_features, pipeline(folder, clean=False))
    assert len(expected) == len(paragraphs) == 6
    for path in (plain, chunked):
        pd.testing.assert_frame_equal(
            pd.read_parquet(path).set_index("doc_id"), expected, check_dtype=False
        )


@pytest.mark.parametrize("level", ["document", "sentence"])
def test_frames_equal_count_frames_and_hits_equal_frame_hits(cli, seed_dir, tmp_path, level):
    out, hits = tmp_path / "frames.parquet", tmp_path / "hits.csv"
    res = cli(
        "frames",
        seed_dir,
        "--dictionary",
        "generic_frames",
        "--level",
        level,
        "--normalize",
        "per_1000_tokens",
        "-o",
        out,
        "--hits",
        hits,
    )
    assert res.code == 0, res.err
    clean = pipeline(seed_dir)
    dictionary = mk.load_dictionary("generic_frames")
    expected = mk.count_frames(clean, dictionary, level=level, normalize="per_1000_tokens")
    written = pd.read_parquet(out)
    if level == "document":
        written = written.set_index("doc_id")
        assert written.index.tolist() == clean.index.tolist()
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    assert written.attrs == {"level": level, "normalize": "per_1000_tokens",
                             "dictionary": "generic_frames"}  # fmt: skip
    expected_hits = mk.frame_hits(clean, dictionary)
    pd.testing.assert_frame_equal(read_csv(hits), expected_hits, check_dtype=False)
    assert len(expected_hits) > 10


def test_frames_reads_a_dictionary_file_and_keeps_only_some_categories(cli, seed_dir, tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text("threat:\n  - threat*\n  - danger\nsupport:\n  - support*\n", "utf-8")
    out = tmp_path / "f.csv"
    res = cli("frames", seed_dir, "--dictionary", path, "--categories", "threat", "-o", out)
    assert res.code == 0, res.err
    written = read_csv(out)
    assert written.columns.tolist() == ["doc_id", "threat", "n_tokens", "unmatched"]
    # by hand: 'threat', 'threats', 'threatens', ... in each cleaned text, as whole words
    clean = pipeline(seed_dir)
    tokens = mk.tokenize(clean)
    by_hand = tokens[tokens["norm"].str.startswith("threat") | (tokens["norm"] == "danger")]
    assert written.set_index("doc_id")["threat"].to_dict() == (
        by_hand.groupby("doc_id").size().reindex(clean.index, fill_value=0).to_dict()
    )


def test_quotes_equal_extract_quotes(cli, seed_dir, tmp_path):
    out = tmp_path / "quotes.parquet"
    res = cli("quotes", seed_dir, "-o", out)
    assert res.code == 0, res.err
    expected = mk.extract_quotes(pipeline(seed_dir))
    pd.testing.assert_frame_equal(pd.read_parquet(out), expected)
    assert "Mark Rutte" in set(expected["speaker"].dropna())
    assert res.err == f"mediakit quotes: wrote {len(expected)} rows to {out}\n"


def test_quotes_to_standard_output_as_csv(cli, seed_dir):
    res = cli("quotes", seed_dir, "-o", "-", "--include-subheadings", "-q")
    assert res.code == 0 and res.err == ""
    import io

    written = pd.read_csv(io.StringIO(res.out), keep_default_na=False, na_values=[""])
    expected = mk.extract_quotes(pipeline(seed_dir), include_subheadings=True)
    assert written["quote"].tolist() == expected["quote"].tolist()
    assert written["start"].tolist() == expected["start"].tolist()
    # the crosshead that repeats a quote is there only with --include-subheadings
    assert len(expected) > len(mk.extract_quotes(pipeline(seed_dir)))


def test_near_dups_pairs_and_clusters(cli, seed_dir, tmp_path):
    # a verbatim copy of the wire under another name, and an unrelated story
    shutil.copy(seed_dir / "wire.txt", seed_dir / "wire_copy.txt")
    (seed_dir / "farm.txt").write_text(
        "Farmers in Kent expect a good harvest after the warm and wet spring this year.", "utf-8"
    )
    pairs, clusters = tmp_path / "pairs.csv", tmp_path / "stories.tsv"
    res = cli("near-dups", seed_dir, "--threshold", "0.2", "-o", pairs, "--clusters", clusters)
    assert res.code == 0, res.err
    clean = pipeline(seed_dir)
    expected = mk.near_duplicates(clean, threshold=0.2)
    written = read_csv(pairs)
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    # the copy and the wire are identical: containment 1 both ways; the rewrite pairs with both
    assert {frozenset(p) for p in zip(written["doc_id_a"], written["doc_id_b"], strict=True)} == {
        frozenset({"wire", "wire_copy"}),
        frozenset({"rewrite", "wire"}),
        frozenset({"rewrite", "wire_copy"}),
    }
    same = written[written["doc_id_a"].isin(["wire", "wire_copy"])
                   & written["doc_id_b"].isin(["wire", "wire_copy"])]  # fmt: skip
    assert same[["containment_a", "containment_b", "jaccard"]].to_numpy().tolist() == [[1, 1, 1]]
    stories = pd.read_csv(clusters, sep="\t").set_index("doc_id")
    assert stories.index.tolist() == clean.index.tolist()  # rows in = rows out
    pd.testing.assert_frame_equal(stories, mk.story_clusters(expected, clean), check_dtype=False)
    assert stories["cluster_size"].to_dict() == {
        "farm": 1, "rewrite": 3, "wire": 3, "wire_copy": 3,
    }  # fmt: skip


def test_near_dups_measure_options(cli, seed_dir, tmp_path):
    out = tmp_path / "p.jsonl"
    res = cli(
        "near-dups", seed_dir, "--measure", "jaccard", "--threshold", "0.1", "--n", "2",
        "--passage", "5", "-o", out,
    )  # fmt: skip
    assert res.code == 0, res.err
    expected = mk.near_duplicates(
        pipeline(seed_dir), measure="jaccard", threshold=0.1, n=2, passage=5
    )
    written = pd.read_json(out, lines=True)
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    assert written["similarity"].tolist() == written["jaccard"].tolist() and len(written) == 1


def test_report_writes_the_page_of_write_report(cli, tmp_path):
    page = tmp_path / "out" / "report.html"
    res = cli("report", WIRE, REWRITE, "-o", page)
    assert res.code == 0, res.err
    assert res.err.splitlines()[-1] == f"mediakit report: wrote the report to {page}"
    raw = pd.concat([quiet(mk.read_articles, p) for p in (WIRE, REWRITE)])
    expected = quiet(mk.pair_report, raw, WIRE.stem, REWRITE.stem, dictionary="generic_frames")
    assert page.read_text("utf-8") == expected
    # the options reach the page: another dictionary, a title, articles picked by id
    raw = mk.load_sample_articles()
    other = pd.DataFrame({"text": ["An unrelated story about farming in Kent."]}, index=["farm"])
    table = pd.concat([raw[["text"]], other]).rename_axis("doc_id").reset_index()
    table.to_csv(tmp_path / "corpus.csv", index=False)
    res = cli(
        "report", tmp_path / "corpus.csv", "--a", "wire", "--b", "rewrite",
        "--dictionary", "policy_frames", "--title", "Wire <and> rewrite", "-o", page,
    )  # fmt: skip
    assert res.code == 0, res.err
    articles = quiet(mk.read_articles, tmp_path / "corpus.csv")
    expected = quiet(
        mk.pair_report, articles, "wire", "rewrite", dictionary="policy_frames",
        title="Wire <and> rewrite",
    )  # fmt: skip
    assert page.read_text("utf-8") == expected
    assert "Wire &lt;and&gt; rewrite" in expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "report.txt"], "report.txt"),
        (["--dictionary", "no_such_frames", "-o", "r.html"], "unknown dictionary 'no_such_frames'"),
    ],
)
def test_report_bad_arguments_exit_2_and_write_nothing(cli, tmp_path, argv, message):
    res = cli("report", WIRE, REWRITE, *[tmp_path / a if a.endswith(".html") else a for a in argv])
    assert res.code == 2 and message in res.err and len(res.err.splitlines()) == 1
    assert not list(tmp_path.glob("*.html"))
    res = cli("report", tmp_path / "missing.txt", REWRITE, "-o", tmp_path / "r.html")
    assert res.code == 2 and "missing.txt" in res.err
