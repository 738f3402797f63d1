"""compare_versions: the seed pair read by hand, figure and name rules, escaping, bad input."""

from __future__ import annotations

import dataclasses
import re
import warnings
from html.parser import HTMLParser

import pandas as pd
import pytest

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.compare import VersionComparison, compare_versions

# small texts make tfidf_similarity note its nearly flat IDF; not what these tests check
quiet = pytest.mark.filterwarnings("ignore:tfidf_similarity. the IDF is fitted on only")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def articles(texts: dict, **columns) -> pd.DataFrame:
    return pd.DataFrame(
        {"text": list(texts.values()), **columns}, index=pd.Index(list(texts), name="doc_id")
    )


def alignment(rows: list[tuple], arts: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """An alignment table from (a_sent, b_sent, label) rows, texts from split_sentences."""
    sents = mk.split_sentences(arts).set_index(["doc_id", "sent_id"])["text"]
    return pd.DataFrame(
        {
            "a_sent": pd.array([r[0] for r in rows], dtype="Int64"),
            "b_sent": pd.array([r[1] for r in rows], dtype="Int64"),
            "a_text": pd.Series([None if r[0] is None else sents[(a, r[0])] for r in rows]),
            "b_text": pd.Series([None if r[1] is None else sents[(b, r[1])] for r in rows]),
            "similarity": [float("nan")] * len(rows),
            "label": [r[2] for r in rows],
        }
    )


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


@pytest.fixture(scope="module")
def report(seed) -> VersionComparison:
    return compare_versions(seed, "wire", "rewrite")


@pytest.fixture(scope="module")
def gold_rows(seed_gold) -> list[tuple]:
    return [tuple(p) for p in seed_gold["alignment_wire_to_rewrite"]["pairs"]]


@pytest.fixture()
def standin_report(standin_raw) -> VersionComparison:
    """The stand-in pair (tests/data/standin-pair): moved, merged, split and added text."""
    return compare_versions(mk.clean_articles(standin_raw), "wire", "rewrite")


# --- the seed pair, read by hand ------------------------------------------------------


def gold_counts(rows: list[tuple]) -> dict[str, int]:
    """Counts of the hand alignment: a sentences by label, b sentences added."""
    out = {}
    for label in ("verbatim", "rewritten", "merged", "split", "dropped"):
        out[f"n_{label}"] = len({a for a, _, lab in rows if lab == label})
    out["n_added"] = len({b for _, b, lab in rows if lab == "added"})
    return out


def test_summary_counts_agree_with_the_gold_alignment(report, gold_rows):
    expected = gold_counts(gold_rows)
    # counted by hand in tests/data/seed_pair_gold.json: the rewrite rewords every
    # sentence it keeps and drops three (the crosshead, Nausėda's last two sentences)
    assert expected == {
        "n_verbatim": 0,
        "n_rewritten": 22,
        "n_merged": 0,
        "n_split": 0,
        "n_dropped": 3,
        "n_added": 0,
    }
    assert {k: report.summary[k] for k in expected} == expected
    assert report.summary["n_sentences_a"] == 25
    assert report.summary["n_sentences_b"] == 22


def test_standin_summary_counts_agree_with_its_gold_alignment(standin_report, standin_gold):
    rows = [tuple(p) for p in standin_gold["alignment_wire_to_rewrite"]["pairs"]]
    expected = gold_counts(rows)
    # counted by hand in tests/data/standin_pair_gold.json
    assert expected == {
        "n_verbatim": 1,
        "n_rewritten": 6,
        "n_merged": 2,
        "n_split": 1,
        "n_dropped": 5,
        "n_added": 6,
    }
    assert {k: standin_report.summary[k] for k in expected} == expected
    assert standin_report.summary["n_sentences_a"] == 15
    assert standin_report.summary["n_sentences_b"] == 16


def test_given_alignment_is_used(seed, gold_rows):
    gold = alignment(gold_rows, seed, "wire", "rewrite")
    rep = compare_versions(seed, "wire", "rewrite", alignment=gold)
    assert {k: rep.summary[k] for k in gold_counts(gold_rows)} == gold_counts(gold_rows)
    pd.testing.assert_frame_equal(rep.alignment, gold)


def _figure_rows(figures: pd.DataFrame, status: str) -> list[tuple]:
    part = figures[figures["status"] == status]
    return [
        (None if pd.isna(x) else x, None if pd.isna(y) else y)
        for x, y in zip(part["a_figure"], part["b_figure"], strict=True)
    ]


def test_seed_figures_that_vanished_and_were_kept(report):
    # Read off the cleaned texts (tests/data/seed_pair_gold.json) by hand. Wire:
    # 11,000 (sentence 7), 2022 (11), 24 hours (12), three years (15), $125 billion
    # and $90 billion (16); "one of", "one senior NATO diplomat" are not figures.
    # Rewrite: 11,000 (7), 24 hours (12), $90 billion and $125 billion (15).
    # Aligned 7-7, 12-12, 16-15: those are kept; 2022 and "three years" vanish.
    nums = report.numbers
    assert _figure_rows(nums, "dropped") == [("2022", None), ("three years", None)]
    assert _figure_rows(nums, "added") == []
    assert _figure_rows(nums, "changed") == [] and _figure_rows(nums, "moved") == []
    kept = report.figures[report.figures["status"] == "kept"]
    # the Kiel figures swap places in the rewrite; each is paired with its own value
    assert _figure_rows(kept, "kept") == [
        ("11,000", "11,000"),
        ("24 hours", "24 hours"),
        ("$125 billion", "$125 billion"),
        ("$90 billion", "$90 billion"),
    ]
    assert kept["a_sent"].tolist() == [7, 12, 16, 16]
    assert kept["b_sent"].tolist() == [7, 12, 15, 15]
    assert kept["a_phrase"].tolist()[2:] == ["about $125 billion", "more than $90 billion"]
    assert kept["b_phrase"].tolist()[2:] == ["around $125 billion", "over $90 billion"]
    assert nums["a_sent"].tolist() == [11, 15]


def test_standin_figures_that_changed_or_vanished(standin_report):
    # the stand-in's rewrite adds figures from another source and moves one
    report = standin_report
    nums = report.numbers

    def rows(status):
        return _figure_rows(nums, status)

    # wire: Zelensky's 11,000; the rewrite keeps it and adds the Pentagon's "about 10,000"
    assert (None, "10,000") in rows("added")
    # vanished: Rutte's start on October 1, NATO's two percent target, the 40 countries
    assert rows("dropped") == [("October 1", None), ("two percent", None), ("40", None)]
    # only in the rewrite: the date, the inauguration (twice), the Pentagon figure, 14 years
    assert rows("added") == [
        (None, "Nov. 7"),
        (None, "Jan. 20"),
        (None, "10,000"),
        (None, "14 years"),
        (None, "Jan. 20"),
    ]
    # "since February 2022" (dropped sentence) and "since 2022" (added sentence)
    assert rows("moved") == [("2022", "2022")]
    assert rows("changed") == []
    kept = report.figures[report.figures["status"] == "kept"]
    assert kept["a_figure"].tolist() == ["11,000", "24 hours"]
    assert kept["a_sent"].tolist() == [7, 11] and kept["b_sent"].tolist() == [7, 9]
    assert "kept" not in set(nums["status"])
    dropped_40 = nums[nums["a_figure"] == "40"].iloc[0]
    assert dropped_40["a_phrase"] == "more than 40 countries"


def test_seed_name_variants(report):
    names = report.names
    pairs = set(zip(names["a_name"], names["b_name"], strict=True))
    # read by hand: the rewrite respells Zelensky's first name and drops Nausėda's
    # accent; the wire writes "US", the rewrite "U.S."; every other name is in both
    assert pairs == {
        ("Vladimir Zelensky", "Volodymyr Zelensky"),
        ("Gitanas Nausėda", "Gitanas Nauseda"),
        ("US", "U.S."),
    }
    row = names[names["b_name"] == "Volodymyr Zelensky"].iloc[0]
    assert (row["a_variant"], row["b_variant"], row["kind"]) == (
        "Vladimir",
        "Volodymyr",
        "spelling",
    )
    assert (row["a_sent"], row["b_sent"], row["n_a"], row["n_b"]) == (7, 7, 1, 1)
    row = names[names["b_name"] == "Gitanas Nauseda"].iloc[0]
    assert (row["a_variant"], row["b_variant"], row["kind"]) == ("Nausėda", "Nauseda", "accents")
    assert (row["a_sent"], row["b_sent"], row["n_a"], row["n_b"]) == (20, 19, 1, 1)
    us = names[names["a_name"] == "US"].iloc[0]
    # "US" 4 times in the wire's body (sentences 1, 4, 11, 24), "U.S." 9 times in the
    # rewrite's (sentences 0, 1, 4, 5, 11 twice, 15, 16, 18); the titles are not body
    assert (us["kind"], us["n_a"], us["n_b"]) == ("punctuation", 4, 9)
    assert (us["a_sent"], us["b_sent"]) == (1, 0)


def test_standin_name_variants(standin_report):
    names = standin_report.names
    pairs = set(zip(names["a_name"], names["b_name"], strict=True))
    assert ("Vladimir Zelensky", "Volodymyr Zelensky") in pairs
    assert ("Viktor Orbán", "Viktor Orban") in pairs
    # the wire's "US military aid" against the rewrite's "U.S." is a spelling variant too
    assert pairs == {
        ("Vladimir Zelensky", "Volodymyr Zelensky"),
        ("Viktor Orbán", "Viktor Orban"),
        ("US", "U.S."),
    }
    row = names[names["b_name"] == "Volodymyr Zelensky"].iloc[0]
    assert (row["a_variant"], row["b_variant"], row["kind"]) == (
        "Vladimir",
        "Volodymyr",
        "spelling",
    )
    row = names[names["b_name"] == "Viktor Orban"].iloc[0]
    assert (row["a_variant"], row["b_variant"], row["kind"]) == ("Orbán", "Orban", "accents")
    assert (row["a_sent"], row["b_sent"], row["n_a"], row["n_b"]) == (12, 13, 1, 1)
    us = names[names["a_name"] == "US"].iloc[0]
    # "U.S." eight times in the rewrite's body (tests/data/standin-pair/README.md)
    assert (us["kind"], us["n_b"]) == ("punctuation", 8)


def test_seed_summary_repeats_the_reuse_table(report):
    row = report.reuse.iloc[0]
    for key in ("containment_source", "containment_derived", "resemblance", "verbatim_share"):
        assert report.summary[key] == pytest.approx(row[key])
    # 9 verbatim passages of 8+ words (see test_reuse.py), 27% of the rewrite's
    # trigrams in the wire: partially derived
    assert report.summary["derivation"] == row["label"] == "partially_derived"
    assert report.summary["n_passages"] == len(report.passages) == 9
    assert 0 < report.summary["similarity"] <= 1
    s = report.summary
    assert s["n_sentences_a"] == sum(
        s[k] for k in ("n_verbatim", "n_rewritten", "n_merged", "n_split", "n_dropped")
    )
    assert s["n_figures_kept"] == 4 and s["n_figures_dropped"] == 2
    assert s["n_figures_added"] == s["n_figures_changed"] == s["n_figures_moved"] == 0
    assert s["n_name_variants"] == 3


def test_seed_html_report_shows_the_parts(report):
    html = report._repr_html_()
    assert 'Ukrainian President <del class="mk-del">Vladimir</del> Zelensky' in html
    assert 'Ukrainian President <ins class="mk-ins">Volodymyr</ins> Zelensky' in html
    assert "three years" in html  # a dropped figure
    assert "rules-based international order" in html  # a dropped sentence
    assert "<h3>Names spelled differently (3)</h3>" in html
    assert html.count('<tr class="mk-') == 25  # 25 alignment rows, each its own group


def test_standin_html_report_shows_the_parts(standin_report):
    html = standin_report._repr_html_()
    assert 'Ukrainian President <del class="mk-del">Vladimir</del> Zelensky' in html
    assert 'Ukrainian President <ins class="mk-ins">Volodymyr</ins> Zelensky' in html
    assert "about 10,000" in html and "more than 40 countries" in html
    assert "Puskás Aréna" in html  # a dropped sentence
    assert "Critics in the U.S. and Europe" in html  # an added one
    assert "<h3>Names spelled differently (3)</h3>" in html
    assert html.count('<tr class="mk-') == 20  # 22 alignment rows; the merge and split share


def test_seed_text_summary(report):
    text = str(report)
    assert text == report.summary_text()
    assert text.startswith("wire → rewrite: two versions compared\n")
    assert "Figures that changed or vanished (2):" in text
    assert "only in wire         wire 11: 2022" in text
    assert "only in wire         wire 15: three years" in text
    assert "Vladimir Zelensky → Volodymyr Zelensky (spelling)" in text
    assert "Gitanas Nausėda → Gitanas Nauseda (accents)" in text
    assert max(len(line) for line in text.splitlines()) <= 96
    assert "wire" in repr(report) and "partially_derived" in repr(report)
    # long rows wrap between their items, never inside one, and continue under the value
    lines = text.splitlines()
    row = next(k for k, line in enumerate(lines) if line.startswith("alignment "))
    value_column = lines[row].index("0 verbatim")
    assert lines[row + 1] == " " * value_column + "0 added"
    for item in ("3 dropped", "0 in another sentence", "4 kept"):
        assert item in text


DIFF_COLUMNS = [
    "group",
    "n_tokens_a",
    "n_tokens_b",
    "n_deleted",
    "n_inserted",
    "deleted",
    "inserted",
    "diff_ratio",
]


def test_to_frame_adds_diff_columns(report, seed):
    frame = report.to_frame()
    assert len(frame) == len(report.alignment) == 25
    assert list(frame.columns[:2]) == ["doc_id_a", "doc_id_b"]
    assert list(frame.columns[-9:]) == [*DIFF_COLUMNS, "claim_changes"]
    # no merge and no split: every row is a group of its own
    assert frame["group"].tolist() == list(range(25))
    # wire 8  “North Korea is now, in fact, waging a war in Europe.     (15 tokens)
    # rewrite “North Korea is now, in effect, waging war in Europe.     (14 tokens)
    # "fact" -> "effect", "a" deleted: 13 tokens match
    row = frame[frame["a_sent"] == 8].iloc[0]
    assert row["b_sent"] == 8 and row["label"] == "rewritten"
    assert (row["n_tokens_a"], row["n_tokens_b"]) == (15, 14)
    assert (row["n_deleted"], row["n_inserted"]) == (2, 1)
    assert (row["deleted"], row["inserted"]) == ("fact | a", "effect")
    assert row["diff_ratio"] == pytest.approx(2 * 13 / 29)
    dropped = frame[frame["label"] == "dropped"]
    assert dropped["a_sent"].tolist() == [13, 21, 22]
    assert (dropped["n_inserted"] == 0).all() and (dropped["diff_ratio"] == 0).all()
    assert (dropped["deleted"] == dropped["a_text"]).all()


def test_standin_to_frame_groups_merges_and_splits(standin_report):
    report = standin_report
    frame = report.to_frame()
    assert len(frame) == len(report.alignment)
    assert list(frame.columns[-9:]) == [*DIFF_COLUMNS, "claim_changes"]
    # the merge (wire 9 + 10 -> rewrite 11) and the split (wire 7 -> rewrite 7, 8) are groups
    merged = frame[frame["label"] == "merged"]
    split = frame[frame["label"] == "split"]
    assert merged["group"].nunique() == 1 and split["group"].nunique() == 1
    assert frame["group"].nunique() == len(frame) - 2
    # wire 4 “We have to work together.  vs  rewrite 4 “We have to work together.”
    # tokens: “ We have to work together . (7) and the same plus ” (8)
    row = frame[frame["label"] == "verbatim"].iloc[0]
    assert (row["n_tokens_a"], row["n_tokens_b"]) == (7, 8)
    assert (row["n_deleted"], row["n_inserted"], row["inserted"]) == (0, 1, "”")
    assert row["diff_ratio"] == pytest.approx(2 * 7 / 15)
    dropped = frame[frame["label"] == "dropped"].iloc[0]
    assert dropped["n_inserted"] == 0 and dropped["diff_ratio"] == 0
    assert dropped["deleted"] == dropped["a_text"]


def test_to_html_is_standalone_and_byte_identical(seed, tmp_path):
    one = compare_versions(seed, "wire", "rewrite").to_html(tmp_path / "one.html")
    two = compare_versions(seed, "wire", "rewrite").to_html(tmp_path / "two.html")
    data = one.read_bytes()
    assert data == two.read_bytes()
    doc = data.decode("utf-8")
    assert doc.startswith("<!doctype html>\n")
    assert '<meta charset="utf-8">' in doc
    assert "<title>wire → rewrite: two versions compared</title>" in doc
    assert "<script" not in doc and "http" not in doc.replace('content="width', "")
    assert "\r" not in doc
    assert compare_versions(seed, "wire", "rewrite").to_html() == doc


# --- the rules, on small hand-made pairs ------------------------------------------------------


@quiet
def test_changed_figures_in_aligned_sentences():
    arts = articles(
        {
            "old": "Congress approved $90 billion in aid. Zelensky said 11,000 troops were in "
            "Kursk. The talks lasted 24 hours.",
            "new": "Congress approved $125 billion in aid. Zelensky said 10,000 troops were in "
            "Kursk. The meeting ran for 24 hours.",
        }
    )
    al = alignment(
        [(0, 0, "rewritten"), (1, 1, "rewritten"), (2, 2, "rewritten")], arts, "old", "new"
    )
    rep = compare_versions(arts, "old", "new", alignment=al)
    nums = rep.numbers
    assert nums["status"].tolist() == ["changed", "changed"]
    assert nums["a_figure"].tolist() == ["$90 billion", "11,000"]
    assert nums["b_figure"].tolist() == ["$125 billion", "10,000"]
    assert nums["a_value"].tolist() == [90e9, 11000.0]
    assert nums["b_value"].tolist() == [125e9, 10000.0]
    assert nums["unit"].tolist()[0] == "USD" and pd.isna(nums["unit"].iloc[1])
    kept = rep.figures[rep.figures["status"] == "kept"]
    assert kept["a_figure"].tolist() == ["24 hours"]
    html = rep._repr_html_()
    assert "$90 billion" in html and "$125 billion" in html


@quiet
def test_figures_of_different_units_are_not_changes():
    arts = articles({"old": "It took 5 hours for 40 troops.", "new": "It took 5 days for 40 men."})
    al = alignment([(0, 0, "rewritten")], arts, "old", "new")
    nums = compare_versions(arts, "old", "new", alignment=al).numbers
    # 5 hours vs 5 days: other units; 40 troops vs 40 men: the same plain count, kept
    assert nums["status"].tolist() == ["dropped", "added"]
    assert nums["a_figure"].tolist()[0] == "5 hours" and nums["b_figure"].tolist()[1] == "5 days"


@quiet
def test_moved_figure():
    arts = articles(
        {
            "old": "It began in 2022. Nothing else happened.",
            "new": "Nothing else happened here. It grew since 2022.",
        }
    )
    al = alignment(
        [(0, None, "dropped"), (1, 0, "rewritten"), (None, 1, "added")], arts, "old", "new"
    )
    nums = compare_versions(arts, "old", "new", alignment=al).numbers
    assert nums[["status", "a_figure", "b_figure"]].values.tolist() == [["moved", "2022", "2022"]]
    assert (nums["a_sent"].iloc[0], nums["b_sent"].iloc[0]) == (0, 1)


@quiet
def test_name_variants_on_small_texts():
    arts = articles(
        {
            "old": "Ukrainian President Vladimir Zelensky met Viktor Orbán in Kiev. "
            "Lithuania's Gitanas Nausėda joined. South Korea sent envoys.",
            "new": "Ukrainian President Volodymyr Zelensky met Viktor Orban in Kyiv. "
            "Lithuania's Gitanas Nauseda joined. South Korean envoys came.",
        }
    )
    al = alignment([(i, i, "rewritten") for i in range(3)], arts, "old", "new")
    names = compare_versions(arts, "old", "new", alignment=al).names
    got = set(zip(names["a_variant"], names["b_variant"], names["kind"], strict=True))
    assert got == {
        ("Vladimir", "Volodymyr", "spelling"),
        ("Orbán", "Orban", "accents"),
        ("Nausėda", "Nauseda", "accents"),
    }
    # documented misses and non-variants: Kiev/Kyiv (ratio 0.75), Korea/Korean (another word)
    assert "Kiev" not in set(names["a_name"]) and "South Korea" not in set(names["a_name"])


@quiet
def test_one_word_name_variant_and_a_name_kept_elsewhere():
    arts = articles(
        {"old": "Zelensky spoke. Mr. Rutte came.", "new": "Zelenskyy spoke. Rutte came."}
    )
    al = alignment([(0, 0, "rewritten"), (1, 1, "rewritten")], arts, "old", "new")
    names = compare_versions(arts, "old", "new", alignment=al).names
    # "Mr." is a title, so "Rutte" is the name in both and no variant
    assert names[["a_name", "b_name", "kind"]].values.tolist() == [
        ["Zelensky", "Zelenskyy", "spelling"]
    ]
    # ratio of zelensky / zelenskyy: 2 * 8 / 17
    assert names["similarity"].iloc[0] == pytest.approx(16 / 17)


# --- untrusted text -----------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def assert_safe(html: str) -> None:
    p = Elements()
    p.feed(html)
    p.close()
    assert "script" not in p.tags and "img" not in p.tags
    assert not [a for a in p.attrs if a.lower().startswith("on")]
    assert "<script" not in html and "<img" not in html


@pytest.fixture(scope="module")
def nasty() -> VersionComparison:
    a_id, b_id = f'wire {SCRIPT} "&"', f"rewrite {IMG}"
    arts = articles(
        {
            a_id: f'The minister said "quotes" & more: {SCRIPT} about 11,000 troops. '
            f"Then {IMG} was posted by Vladimir Zelensky. A third sentence stays here.",
            b_id: f'The minister said "quotes" & more: {SCRIPT} about 10,000 troops. '
            f"Then {IMG} was posted by Volodymyr Zelensky. A new sentence <b>bold</b> & added.",
        },
        title=[f"Title {SCRIPT}", f"Title {IMG} & more"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        return compare_versions(arts, a_id, b_id)


def test_report_escapes_text_doc_ids_and_titles(nasty):
    for html in (nasty._repr_html_(), nasty.to_html()):
        assert_safe(html)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "&quot;quotes&quot; &amp; more" in html
        assert "Title &lt;script&gt;" in html
        assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold" not in html


def test_report_of_nasty_pair_still_compares(nasty):
    assert len(nasty.names) == 1
    assert nasty.numbers["status"].tolist() == ["changed"]
    assert "<script>" in nasty.summary_text()  # plain text is not HTML: shown as written


def test_to_html_escapes_in_the_file(nasty, tmp_path):
    path = nasty.to_html(tmp_path / "nasty.html")
    assert_safe(path.read_text("utf-8"))


# --- edge cases and bad input ---------------------------------------------------------------


def test_empty_article_warns_once_and_compares():
    arts = articles({"a": "", "b": "Some 11,000 troops came. Another one went."})
    with pytest.warns(MediakitWarning) as record:
        rep = compare_versions(arts, "a", "b")
    assert len(record) == 1 and "['a'] have no text" in str(record[0].message)
    assert record[0].filename == __file__
    s = rep.summary
    assert (s["n_sentences_a"], s["n_sentences_b"], s["n_added"]) == (0, 2, 2)
    assert rep.numbers["status"].tolist() == ["added"]
    assert_safe(rep._repr_html_())
    assert "None." in rep._repr_html_()


def test_one_sentence_articles():
    arts = articles({"a": "Only one sentence with 5 cats.", "b": "Only one sentence with 6 cats."})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)  # the flat-IDF note
        rep = compare_versions(arts, "a", "b")
    assert rep.summary["n_sentences_a"] == rep.summary["n_sentences_b"] == 1
    assert rep.numbers[["a_figure", "b_figure", "status"]].values.tolist() == [
        ["5", "6", "changed"]
    ]


def test_identical_articles():
    text = "Zelensky said 11,000 troops were in Kursk. They had suffered casualties."
    arts = articles({"a": text, "b": text})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        rep = compare_versions(arts, "a", "b")
    s = rep.summary
    assert s["n_verbatim"] == 2 and s["n_dropped"] == s["n_added"] == 0
    assert s["similarity"] == pytest.approx(1.0)
    assert s["verbatim_share"] == 1.0 and s["derivation"] == "wholly_derived"
    assert rep.numbers.empty and rep.names.empty
    assert (rep.to_frame()["diff_ratio"] == 1.0).all()


def test_articles_in_different_scripts():
    arts = articles(
        {
            "ru": "Зеленский сказал, что 11 000 солдат находятся в Курске.",
            "en": "Zelensky said 11,000 troops were in Kursk.",
        }
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rep = compare_versions(arts, "ru", "en")
    assert any("share no word" in str(w.message) for w in caught)
    assert rep.summary["n_dropped"] == rep.summary["n_added"] == 1
    assert rep.names.empty
    # the figure is the same number in both; the sentences are not aligned, so it "moved"
    assert rep.numbers[["status", "a_figure", "b_figure"]].values.tolist() == [
        ["moved", "11 000", "11,000"]
    ]


def test_inputs_are_not_mutated(seed):
    before = seed.copy()
    compare_versions(seed, "wire", "rewrite")
    pd.testing.assert_frame_equal(seed, before)


def test_result_is_frozen(report):
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.alignment = None


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("wire", "nope", r"`b` = 'nope' is not a doc_id.*valid doc_ids are \['wire', 'rewrite'\]"),
        ("nope", "wire", "`a` = 'nope'"),
        ("wire", "wire", "both 'wire'"),
        (["wire"], "rewrite", "`a` = \\['wire'\\]"),
    ],
)
def test_bad_doc_ids(seed, a, b, match):
    with pytest.raises(ValueError, match=match):
        compare_versions(seed, a, b)


def test_bad_options(seed, gold_rows):
    gold = alignment(gold_rows, seed, "wire", "rewrite")
    with pytest.raises(TypeError, match="articles DataFrame"):
        compare_versions("text", "a", "b")
    with pytest.raises(ValueError, match="either `alignment` or `align_options`"):
        compare_versions(seed, "wire", "rewrite", alignment=gold, align_options={"threshold": 0.2})
    with pytest.raises(ValueError, match="may not set `sentences`"):
        compare_versions(seed, "wire", "rewrite", align_options={"sentences": None})
    with pytest.raises(ValueError, match="may not set `level`"):
        compare_versions(seed, "wire", "rewrite", similarity_options={"level": "sentence"})
    with pytest.raises(TypeError, match="alignment table"):
        compare_versions(seed, "wire", "rewrite", alignment=[(0, 0)])
    with pytest.raises(ValueError, match=r"\['label'\]"):
        compare_versions(seed, "wire", "rewrite", alignment=gold.drop(columns="label"))
    wrong = gold.assign(b_sent=gold["b_sent"] + 40)
    with pytest.raises(ValueError, match=r"b_sent id\(s\) \[40, 41"):
        compare_versions(seed, "wire", "rewrite", alignment=wrong)


def test_options_are_passed_on(seed):
    rep = compare_versions(seed, "wire", "rewrite", min_passage=30)
    assert rep.passages.empty and rep.summary["n_passages"] == 0
    rep = compare_versions(seed, "wire", "rewrite", align_options={"merge_split": False})
    assert not set(rep.alignment["label"]) & {"merged", "split"}
    assert re.search(r"\d", str(rep.summary["similarity"]))


# ---------------------------------------------------------------------------
# changes of meaning inside the comparison
# ---------------------------------------------------------------------------


def test_claims_are_claim_changes_over_the_same_alignment(seed, report):
    alone = mk.claim_changes(seed, "wire", "rewrite", alignment=report.alignment)
    pd.testing.assert_frame_equal(report.claims, alone)
    assert report.summary["n_claim_changes"] == len(report.claims)


def test_claims_in_the_text_summary_html_and_frame(report):
    text = report.summary_text()
    assert "What changed in meaning (" in text
    assert "wire 1 → rewrite 1     condition_added      + if re-elected as U.S. president" in text
    assert "told → claimed (neutral → loaded/doubt)" in text
    html = report._repr_html_()
    assert f"<h3>What changed in meaning ({len(report.claims)})</h3>" in html
    assert "+ if re-elected as U.S. president" in html
    frame = report.to_frame()
    by_a = dict(zip(frame["a_sent"].astype("Int64"), frame["claim_changes"], strict=True))
    assert "condition_added" in by_a[1].split(", ")
    assert by_a[21] == "quote_dropped"  # Nausėda's last quote, dropped with its sentence
    assert by_a[13] == ""  # the crosshead: dropped, and no quote of its own


def test_claims_evidence_is_escaped_in_html():
    articles = pd.DataFrame(
        {
            "text": [
                "“We will <script>alert(1)</script> win,” the mayor said. Prices rose.",
                "“We will <img src=x onerror=alert(1)> lose,” the mayor said. Prices rose.",
            ]
        },
        index=pd.Index(["a", "b"], name="doc_id"),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        html = mk.compare_versions(articles, "a", "b")._repr_html_()
    assert "<script" not in html and "<img" not in html
    # the misquote's evidence is in the report, as text
    assert "script&gt; win → lose" in html
