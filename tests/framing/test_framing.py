"""count_frames and frame_hits: hand counts on short texts, and the matching rules.

Every expected number is counted by hand in the comments. Tokens are those of
mediakit.tokenize (punctuation is a token but not a word).
"""

from __future__ import annotations

import fnmatch
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediakit._validation import MediakitWarning
from mediakit.framing import Dictionary, count_frames, frame_hits

CORE = Dictionary.from_dict(
    {
        "conflict": ["war", "trade war", "fear*"],
        "peace": ["peace deal", "peace*", "talks"],
        "econ": ["trade*", "market*"],
    },
    name="core",
)
# par 0 / sent 0: Trade war fears grew as the trade war deepened .      (9 words)
# par 1 / sent 1: Peace talks failed ; peace deal hopes faded .           (7 words)
TEXT = (
    "Trade war fears grew as the trade war deepened.\n\nPeace talks failed; peace deal hopes faded."
)


def frame(*texts: str, ids: list[str] | None = None) -> pd.DataFrame:
    ids = ids or [chr(ord("a") + i) for i in range(len(texts))]
    return pd.DataFrame({"text": list(texts)}, index=pd.Index(ids, name="doc_id"))


def test_document_counts_by_hand():
    # conflict: "Trade war" (longest: trade war, not war), "fears" (fear*), "trade war" -> 3
    # peace: "Peace" (peace*), "talks", "peace deal" (longest over peace*) -> 3
    # econ: "Trade", "trade" (trade*; a token counts for several categories) -> 2
    # words 9 + 7 = 16; inside some hit: Trade war fears trade war | Peace talks peace deal
    # = 5 + 4 = 9 -> unmatched 7
    counts = count_frames(frame(TEXT), CORE)
    assert counts.index.tolist() == ["a"] and counts.index.name == "doc_id"
    assert counts.columns.tolist() == ["conflict", "peace", "econ", "n_tokens", "unmatched"]
    assert counts.loc["a"].tolist() == [3, 3, 2, 16, 7]
    assert all(counts[c].dtype == np.int64 for c in counts.columns)
    assert counts.attrs == {"level": "document", "normalize": None, "dictionary": "core"}


def test_normalisations_by_hand():
    per = count_frames(frame(TEXT), CORE, normalize="per_1000_tokens")
    # 3/16*1000, 3/16*1000, 2/16*1000
    assert per.loc["a", ["conflict", "peace", "econ"]].tolist() == [187.5, 187.5, 125.0]
    assert per.loc["a", ["n_tokens", "unmatched"]].tolist() == [16, 7]  # stay raw
    share = count_frames(frame(TEXT), CORE, normalize="share")
    # 8 hits in all: 3/8, 3/8, 2/8
    assert share.loc["a", ["conflict", "peace", "econ"]].tolist() == [0.375, 0.375, 0.25]
    assert share.attrs["normalize"] == "share"


def test_paragraph_and_sentence_levels_by_hand():
    two = frame(TEXT, "No frames here.")
    par = count_frames(two, CORE, level="paragraph")
    assert par.columns.tolist()[:2] == ["doc_id", "par_id"]
    assert isinstance(par.index, pd.RangeIndex)
    # a/0: conflict 3, econ 2, 9 words, covered Trade war fears trade war -> unmatched 4
    # a/1: peace 3, 7 words, covered 4 -> unmatched 3;  b/0: 3 words, nothing
    assert par.values.tolist() == [
        ["a", 0, 3, 0, 2, 9, 4],
        ["a", 1, 0, 3, 0, 7, 3],
        ["b", 0, 0, 0, 0, 3, 3],
    ]
    sent = count_frames(two, CORE, level="sentence", normalize="per_1000_tokens")
    assert sent.columns.tolist()[:3] == ["doc_id", "par_id", "sent_id"]
    assert sent[["doc_id", "sent_id"]].values.tolist() == [["a", 0], ["a", 1], ["b", 0]]
    # a/0: 3/9*1000, 0, 2/9*1000
    assert sent.loc[0, ["conflict", "peace", "econ"]].tolist() == pytest.approx(
        [1000 / 3, 0.0, 2000 / 9]
    )
    assert sent.loc[1, "peace"] == pytest.approx(3 / 7 * 1000)


def test_hits_are_the_evidence_for_the_counts():
    hits = frame_hits(frame(TEXT), CORE)
    assert hits.columns.tolist() == [
        "doc_id",
        "par_id",
        "sent_id",
        "token_id",
        "n_tokens",
        "category",
        "pattern",
        "matched",
        "start",
        "end",
    ]
    # reading order; at one token, category order (conflict before econ)
    assert hits[["token_id", "category", "pattern", "matched"]].values.tolist() == [
        [0, "conflict", "trade war", "Trade war"],
        [0, "econ", "trade*", "Trade"],
        [2, "conflict", "fear*", "fears"],
        [6, "conflict", "trade war", "trade war"],
        [6, "econ", "trade*", "trade"],
        [10, "peace", "peace*", "Peace"],  # token 9 is the final "." of sentence 0
        [11, "peace", "talks", "talks"],
        [14, "peace", "peace deal", "peace deal"],
    ]
    for row in hits.itertuples():
        assert TEXT[row.start : row.end] == row.matched
    assert hits["n_tokens"].tolist() == [2, 1, 1, 2, 1, 1, 1, 2]
    assert hits["par_id"].tolist() == [0, 0, 0, 0, 0, 1, 1, 1]
    counts = count_frames(frame(TEXT), CORE)
    by_cat = hits.groupby("category").size()
    assert all(by_cat.get(c, 0) == counts.loc["a", c] for c in CORE.categories)


def test_longest_match_first_and_once_per_category():
    d = Dictionary.from_dict(
        {"x": ["united states", "states government", "government", "state*"], "y": ["government"]}
    )
    # x, left to right: "United States" (2 tokens, longer than state* on "States"),
    #   then "government" ("states government" cannot start inside the covered "States")
    # y: "government" -> 1, independently of x
    hits = frame_hits(frame("The United States government acted."), d)
    assert hits[["category", "matched"]].values.tolist() == [
        ["x", "United States"],
        ["x", "government"],
        ["y", "government"],
    ]


def test_overlapping_multiword_patterns_and_globs():
    d = Dictionary.from_dict({"talk": ["peace talk*", "talk* of peace", "peace"]})
    # "peace talks of peace deal": at "peace": "peace talks" (2 tokens) wins over "peace";
    # "talks of peace" would start at "talks", covered -> next free token "of" -> none;
    # "peace" (token 3) -> "peace"
    hits = frame_hits(frame("Peace talks of peace deal."), d)
    assert hits["matched"].tolist() == ["Peace talks", "peace"]
    assert hits["pattern"].tolist() == ["peace talk*", "peace"]


def test_multiword_patterns_do_not_cross_sentences_or_punctuation():
    d = Dictionary.from_dict({"p": ["peace deal"]})
    counts = count_frames(frame("It was peace. Deal or not.", "It was peace, deal or not."), d)
    assert counts["p"].tolist() == [0, 0]
    assert count_frames(frame("A peace  deal."), d)["p"].tolist() == [1]  # any whitespace


def test_nested_categories_count_a_token_once_for_the_parent():
    d = Dictionary.from_dict(
        {"conflict": {"military": ["troop*", "air strike*"], "war": ["troops", "war"]}}
    )
    text = "Troops launched air strikes in the war."
    counts = count_frames(frame(text), d)
    # military: Troops, air strikes -> 2; war: Troops, war -> 2
    # conflict (whole sub-tree): Troops once, air strikes, war -> 3 (not 2 + 2)
    assert counts.columns.tolist()[:3] == ["conflict", "conflict/military", "conflict/war"]
    assert counts.loc["a", ["conflict", "conflict/military", "conflict/war"]].tolist() == [3, 2, 2]
    # words 7; covered: Troops air strikes war -> unmatched 3
    assert counts.loc["a", ["n_tokens", "unmatched"]].tolist() == [7, 3]
    # share: only the top-level category is "all hits": 3/3, 2/3, 2/3
    share = count_frames(frame(text), d, normalize="share")
    assert share.loc["a", ["conflict", "conflict/military", "conflict/war"]].tolist() == (
        pytest.approx([1.0, 2 / 3, 2 / 3])
    )
    only = count_frames(frame(text), d, categories=["conflict/war"])
    assert only.columns.tolist() == ["conflict/war", "n_tokens", "unmatched"]
    # unmatched counts against the reported categories only: 7 - (Troops, war) = 5
    assert only.loc["a"].tolist() == [2, 7, 5]
    hits = frame_hits(frame(text), d, categories="conflict")
    assert hits["matched"].tolist() == ["Troops", "air strikes", "war"]


def test_case_apostrophes_regex_and_inner_globs():
    d = Dictionary.from_dict(
        {
            "neg": ["don't", "it's over"],
            "vote": ["re:^(re)?elect(ed|ion|ions)?$"],
            "strike": ["*strike*"],
        }
    )
    text = "Don’t panic: it’s over. Re-elected? No, reelected after airstrikes and elections."
    counts = count_frames(frame(text), d)
    # neg: Don’t (typographic apostrophe), it’s over (it + ’s + over) -> 2
    # vote: reelected, elections -> 2 ("Re-elected" is one hyphenated token: no match)
    # strike: airstrikes -> 1
    assert counts.loc["a", ["neg", "vote", "strike"]].tolist() == [2, 2, 1]
    cs = Dictionary.from_dict({"org": ["NATO"]}, case_sensitive=True)
    assert count_frames(frame("NATO and nato and Nato."), cs)["org"].tolist() == [1]
    ci = Dictionary.from_dict({"org": ["NATO"]})
    assert count_frames(frame("NATO and nato and Nato."), ci)["org"].tolist() == [3]


def test_articles_without_tokens_get_documented_zeros():
    articles = frame(TEXT, "", "!!! ...", ids=["a", "empty", "punct"])
    with pytest.warns(MediakitWarning, match=r"2 article\(s\) have no word tokens.*'empty'"):
        counts = count_frames(articles, CORE, normalize="per_1000_tokens")
    assert counts.index.tolist() == ["a", "empty", "punct"]  # rows in = rows out
    assert counts.loc["empty"].tolist() == [0.0, 0.0, 0.0, 0, 0]
    assert counts.loc["punct"].tolist() == [0.0, 0.0, 0.0, 0, 0]
    with pytest.warns(MediakitWarning, match="they have no hits"):
        hits = frame_hits(articles, CORE)
    assert set(hits["doc_id"]) == {"a"}
    missing = pd.DataFrame({"text": [None]}, index=pd.Index(["n"], name="doc_id"))
    with pytest.warns(MediakitWarning):
        assert count_frames(missing, CORE).loc["n"].tolist() == [0, 0, 0, 0, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        empty = count_frames(frame(ids=[]), CORE)
    assert len(empty) == 0 and empty.columns.tolist()[-2:] == ["n_tokens", "unmatched"]
    assert len(frame_hits(frame(ids=[]), CORE)) == 0


def test_inputs_are_not_mutated():
    articles = frame(TEXT)
    before = articles.copy()
    count_frames(articles, CORE, level="sentence")
    frame_hits(articles, CORE)
    pd.testing.assert_frame_equal(articles, before)


def test_mapping_dictionary_is_accepted():
    counts = count_frames(frame(TEXT), {"w": ["war"]})
    assert counts.loc["a", "w"] == 2


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"level": "article"}, ValueError, r"`level` = 'article' is invalid; expected one of"),
        ({"normalize": "per_word"}, ValueError, r"`normalize` = 'per_word' is invalid"),
        ({"categories": ["nope"]}, ValueError, r"unknown categor\(ies\) \['nope'\]"),
        ({"categories": []}, ValueError, "`categories` is empty"),
    ],
)
def test_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        count_frames(frame(TEXT), CORE, **kwargs)


def test_bad_dictionaries():
    with pytest.raises(TypeError, match=r"got the path-like 'lsd.lc3'; read a file with"):
        count_frames(frame(TEXT), "lsd.lc3")
    with pytest.raises(TypeError, match="must be a Dictionary or a mapping"):
        frame_hits(frame(TEXT), ["war"])
    with pytest.raises(ValueError, match="needs at least one category"):
        count_frames(frame(TEXT), {})
    with pytest.raises(ValueError, match=r"regex '\(unclosed' does not compile"):
        count_frames(frame(TEXT), {"x": ["re:(unclosed"]})
    with pytest.raises(ValueError, match=r"\['n_tokens'\] clash with the key columns"):
        count_frames(frame(TEXT), {"n_tokens": ["war"]})
    with pytest.raises(TypeError, match="articles DataFrame"):
        count_frames(["Trade war"], CORE)


def test_seed_pair_counts_equal_hits(seed_raw):
    import mediakit as mk
    from mediakit.framing import read_dictionary

    articles = mk.clean_articles(seed_raw)
    d = read_dictionary(mk.__path__[0] + "/data/dictionaries/example.yml")
    hits = frame_hits(articles, d)
    for level in ("document", "paragraph", "sentence"):
        counts = count_frames(articles, d, level=level)
        keys = {"document": ["doc_id"], "paragraph": ["doc_id", "par_id"]}.get(
            level, ["doc_id", "sent_id"]
        )
        table = counts.reset_index() if level == "document" else counts
        for cat in d.categories:
            expected = hits[hits["category"] == cat].groupby(keys).size()
            got = table.set_index(keys)[cat]
            assert got.sum() == expected.sum()
            assert (got.reindex(expected.index) == expected).all()
        # unmatched + words inside hits = n_tokens
        assert (table["unmatched"] <= table["n_tokens"]).all()
    # every hit's text is the article's text at its offsets
    for row in hits.itertuples():
        assert articles.loc[row.doc_id, "text"][row.start : row.end] == row.matched


def _reference_counts(tokens: pd.DataFrame, d: Dictionary, doc_ids: pd.Index) -> pd.DataFrame:
    """An independent implementation of the matching rule, with Python's ``re``.

    Each sentence is written as its normalised tokens joined by single spaces;
    per category, one alternation of the patterns (globs through fnmatch,
    longest pattern in tokens first, bounded by spaces) is run with
    ``re.finditer``, whose matches are leftmost and non-overlapping: that is
    the leftmost-longest, once-per-category rule.
    """

    def token_rx(tok: str) -> str:
        return fnmatch.translate(tok.casefold()).replace(".*", "[^ ]*")[4:-3]  # (?s:...)\Z

    rows = {}
    sentences = tokens.groupby(["doc_id", "sent_id"], sort=False)["norm"].agg(" ".join)
    for cat in d.categories:
        entries = sorted((e for e in d.entries if e.category == cat), key=lambda e: -e.n_tokens)
        alts = "|".join(" ".join(token_rx(t) for t in e.tokens) for e in entries)
        rx = re.compile(rf"(?<![^ ])(?:{alts})(?![^ ])")
        n = sentences.map(lambda s, rx=rx: sum(1 for _ in rx.finditer(s)))
        rows[cat] = n.groupby(level="doc_id").sum().reindex(doc_ids, fill_value=0)
    return pd.DataFrame(rows)


@pytest.mark.shared_data
def test_counts_agree_with_an_independent_regex_implementation_on_bbc(shared_data):
    """MFD 2.0 (2,103 patterns, 110 of them multi-word) over 150 BBC articles."""
    import mediakit as mk
    from mediakit.framing import read_dictionary

    d = read_dictionary(shared_data / "dictionaries" / "moral_foundations" / "mfd2.0.dic")
    assert sum(e.n_tokens > 1 for e in d.entries) == 110
    articles = mk.read_articles(shared_data / "bbc_news" / "articles", id_from="path")
    articles = articles.iloc[::15]
    counts = count_frames(articles, d)
    tokens = mk.tokenize(articles)
    expected = _reference_counts(tokens, d, articles.index)
    assert counts[list(d.categories)].sum().sum() > 500  # the test has something to check
    pd.testing.assert_frame_equal(counts[list(d.categories)], expected, check_dtype=False)
    words = tokens[~tokens["is_punct"]]
    assert counts["n_tokens"].tolist() == (
        words.groupby("doc_id").size().reindex(articles.index).tolist()
    )


_WORDS = ["war", "War", "peace", "deal", "trade", "talks", "the", "of", "trade-war", ",", "."]
_PATTERNS = [
    "war",
    "peace",
    "deal",
    "tra*",
    "*al*",
    "p?ace",
    "peace deal",
    "trade war",
    "war of",
    "the war",
    "war of the peace",
    "trade*",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=40),
    x=st.sets(st.sampled_from(_PATTERNS), min_size=1, max_size=5),
    y=st.sets(st.sampled_from(_PATTERNS), min_size=1, max_size=5),
)
def test_counts_agree_with_the_regex_reference_on_random_texts(words, x, y):
    """Random texts and dictionaries of overlapping globs and multi-word patterns."""
    import mediakit as mk

    d = Dictionary.from_dict({"x": sorted(x), "y": sorted(y)})
    articles = frame(" ".join(words) or "-")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        counts = count_frames(articles, d)
        tokens = mk.tokenize(articles)
    expected = _reference_counts(tokens, d, articles.index)
    pd.testing.assert_frame_equal(counts[["x", "y"]], expected, check_dtype=False)
