"""Tests for mediakit.compare.frame_shift: frame counts of aligned sentences, worked out by hand."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.compare.align import align_sentences
from mediakit.compare.frame_shift import SHIFT_COLUMNS, frame_shift, frame_shift_summary
from mediakit.framing import Dictionary, count_frames, read_dictionary

WIRE = (
    "Officials said the talks failed. "  # a0: said (neutral), failed (conflict)
    "Both sides told reporters the talks would resume. "  # a1: told (neutral)
    "The ministers met in Geneva. "  # a2: no hit
    "They failed to agree on a date. "  # a3: failed (conflict)
    "Aid groups said they feared a collapse."  # a4: said (neutral), collapse (conflict)
)
REWRITE = (
    "Officials claimed the talks collapsed in acrimony. "  # b0: claimed; collapsed, acrimony
    "The ministers met in Geneva but failed to agree on a date. "  # b1: failed
    "Aid groups insisted on aid. "  # b2: insisted (loaded)
    "They said they feared a collapse. "  # b3: said; collapse
    "Critics insisted the failure was total."  # b4: insisted; failure
)
WORDS = {
    "neutral": ["said", "told"],
    "loaded": ["claimed", "insisted"],
    "conflict": ["collaps*", "acrimony", "fail*"],
}
# a0-b0 rewritten, a1 dropped, a2+a3 merged into b1, a4 split into b2+b3, b4 added
HAND = pd.DataFrame(
    {
        "a_sent": pd.array([0, 1, 2, 3, 4, 4, None], dtype="Int64"),
        "b_sent": pd.array([0, None, 1, 1, 2, 3, 4], dtype="Int64"),
        "label": ["rewritten", "dropped", "merged", "merged", "split", "split", "added"],
    }
)


@pytest.fixture()
def pair() -> pd.DataFrame:
    return pd.DataFrame(
        {"text": [WIRE, REWRITE], "outlet": ["AFP", "site"]},
        index=pd.Index(["wire", "rewrite"], name="doc_id"),
    )


@pytest.fixture()
def words() -> Dictionary:
    return Dictionary.from_dict(WORDS, name="toy")


def test_sentences_are_the_ones_the_hand_counts_assume(pair):
    sents = mk.split_sentences(pair)
    assert sents.groupby("doc_id", sort=False).size().to_dict() == {"wire": 5, "rewrite": 5}
    assert sents.loc[sents["doc_id"] == "rewrite", "text"].iloc[1].startswith("The ministers")


def test_rows_worked_out_by_hand(pair, words):
    shift = frame_shift(pair, words, "wire", "rewrite", alignment=HAND)
    assert list(shift.columns) == list(SHIFT_COLUMNS)
    assert isinstance(shift.index, pd.RangeIndex)
    got = [tuple(r) for r in shift[list(SHIFT_COLUMNS[:10])].itertuples(index=False)]
    expected = [
        # unit 0, a0 <-> b0: said -> claimed; failed -> collapsed, acrimony
        (0, (0,), (0,), "rewritten", "neutral", 1, 0, -1, "said", ""),
        (0, (0,), (0,), "rewritten", "loaded", 0, 1, 1, "", "claimed"),
        (0, (0,), (0,), "rewritten", "conflict", 1, 2, 1, "failed", "collapsed; acrimony"),
        # unit 1, a1 dropped: told lost
        (1, (1,), (), "dropped", "neutral", 1, 0, -1, "told", ""),
        # unit 2, a2+a3 -> b1: "failed" on both sides, no word changed
        (2, (2, 3), (1,), "merged", "conflict", 1, 1, 0, "", ""),
        # unit 3, a4 -> b2+b3: said kept, insisted gained, collapse kept
        (3, (4,), (2, 3), "split", "neutral", 1, 1, 0, "", ""),
        (3, (4,), (2, 3), "split", "loaded", 0, 1, 1, "", "insisted"),
        (3, (4,), (2, 3), "split", "conflict", 1, 1, 0, "", ""),
        # unit 4, b4 added
        (4, (), (4,), "added", "loaded", 0, 1, 1, "", "insisted"),
        (4, (), (4,), "added", "conflict", 0, 1, 1, "", "failure"),
    ]
    assert got == expected
    merged = shift[shift["unit"] == 2].iloc[0]
    assert merged["a_text"] == "The ministers met in Geneva. They failed to agree on a date."
    assert merged["b_text"] == "The ministers met in Geneva but failed to agree on a date."
    assert shift.loc[shift["unit"] == 1, "b_text"].tolist() == [""]
    assert shift.loc[shift["unit"] == 4, "a_text"].tolist() == ["", ""]
    assert shift.attrs["a"] == "wire"
    assert shift.attrs["b"] == "rewrite"
    assert shift.attrs["dictionary"] == "toy"
    for col in ("unit", "n_a", "n_b", "change"):
        assert shift[col].dtype == "int64"


def test_summary_by_hand(pair, words):
    summary = frame_shift_summary(frame_shift(pair, words, "wire", "rewrite", alignment=HAND))
    # neutral: a said, told, said = 3; b said = 1; changed in units 0 and 1
    # loaded: a none; b claimed, insisted, insisted = 3; changed in units 0, 3, 4
    # conflict: a failed, failed, collapse = 3; b collapsed, acrimony, failed, collapse,
    #           failure = 5; changed in units 0 and 4
    assert summary.to_dict("list") == {
        "category": ["neutral", "loaded", "conflict"],
        "n_a": [3, 0, 3],
        "n_b": [1, 3, 5],
        "change": [-2, 3, 2],
        "units_changed": [2, 3, 2],
    }


def test_summary_keeps_categories_without_hits(pair):
    d = Dictionary.from_dict({**WORDS, "economy": ["market*"]})
    summary = frame_shift_summary(frame_shift(pair, d, "wire", "rewrite", alignment=HAND))
    assert summary["category"].tolist() == ["neutral", "loaded", "conflict", "economy"]
    assert summary.iloc[3, 1:].tolist() == [0, 0, 0, 0]


def test_default_alignment_is_align_sentences(pair, words):
    own = frame_shift(pair, words, "wire", "rewrite")
    given = frame_shift(
        pair, words, "wire", "rewrite", alignment=align_sentences(pair, "wire", "rewrite")
    )
    pd.testing.assert_frame_equal(own, given)
    one_to_one = frame_shift(pair, words, "wire", "rewrite", merge_split=False)
    no_groups = align_sentences(pair, "wire", "rewrite", merge_split=False)
    pd.testing.assert_frame_equal(
        one_to_one, frame_shift(pair, words, "wire", "rewrite", alignment=no_groups)
    )
    assert not one_to_one["label"].isin(["merged", "split"]).any()


def test_categories_subset(pair, words):
    shift = frame_shift(pair, words, "wire", "rewrite", alignment=HAND, categories="loaded")
    assert shift["category"].unique().tolist() == ["loaded"]
    assert shift["unit"].tolist() == [0, 3, 4]
    with pytest.raises(ValueError, match="unknown categor"):
        frame_shift(pair, words, "wire", "rewrite", alignment=HAND, categories=["spin"])


def test_multiset_difference_casefolded_in_reading_order():
    art = pd.DataFrame(
        {"text": ["Talks failed, failed and FAILED.", "Failed talks collapsed."]},
        index=pd.Index(["a", "b"], name="doc_id"),
    )
    al = pd.DataFrame({"a_sent": [0], "b_sent": [0], "label": ["rewritten"]})
    shift = frame_shift(art, {"conflict": ["fail*", "collaps*"]}, "a", "b", alignment=al)
    # a: failed, failed, FAILED; b: Failed, collapsed. "Failed" cancels the first "failed".
    row = shift.iloc[0]
    assert (row["n_a"], row["n_b"], row["change"]) == (3, 2, -1)
    assert row["removed"] == "failed; FAILED"
    assert row["added"] == "collapsed"


def test_verbatim_row_joined_to_a_split_takes_the_other_label(pair, words):
    # a hand alignment linking a4 to b2 as verbatim and to b3 as split: one unit, "split"
    al = HAND.copy()
    al.loc[4, "label"] = "verbatim"
    shift = frame_shift(pair, words, "wire", "rewrite", alignment=al)
    assert set(shift.loc[shift["unit"] == 3, "label"]) == {"split"}


def test_chained_links_make_one_unit(pair, words):
    # a0-b0, a1-b0, a1-b1: a0, a1, b0, b1 are connected, so they form one unit
    al = pd.DataFrame(
        {
            "a_sent": [0, 1, 1, 2, 3, 4, None, None, None],
            "b_sent": [0, 0, 1, None, None, None, 2, 3, 4],
            "label": ["merged", "merged", "split"] + ["dropped"] * 3 + ["added"] * 3,
        }
    )
    shift = frame_shift(pair, words, "wire", "rewrite", alignment=al)
    first = shift[shift["unit"] == 0]
    assert first["a_sents"].tolist()[0] == (0, 1)
    assert first["b_sents"].tolist()[0] == (0, 1)
    assert first["label"].unique().tolist() == ["merged"]
    # neutral: a said, told; b none. conflict: a failed; b collapsed, acrimony, failed
    assert first.set_index("category")[["n_a", "n_b"]].to_dict("index") == {
        "neutral": {"n_a": 2, "n_b": 0},
        "loaded": {"n_a": 0, "n_b": 1},
        "conflict": {"n_a": 1, "n_b": 3},
    }


def test_sentences_missing_from_the_alignment_are_unaligned_units(pair, words):
    partial = HAND.iloc[[0, 2, 3, 4, 5]].reset_index(drop=True)  # a1 and b4 left out
    with pytest.warns(
        MediakitWarning, match=r"sent_id\(s\) 1 of `a` \('wire'\) and sent_id\(s\) 4 of `b`"
    ):
        shift = frame_shift(pair, words, "wire", "rewrite", alignment=partial)
    tail = shift[shift["label"] == "unaligned"]
    # units 0-2 are aligned; unit 3 = a1 (told), unit 4 = b4 (insisted, failure)
    assert [
        tuple(r) for r in tail[["unit", "a_sents", "b_sents", "category", "change"]].values
    ] == [
        (3, (1,), (), "neutral", -1),
        (4, (), (4,), "loaded", 1),
        (4, (), (4,), "conflict", 1),
    ]
    _assert_invariant(pair, words, shift, "wire", "rewrite")


def _assert_invariant(articles, dictionary, shift, a, b):
    counts = count_frames(articles, dictionary)
    cats = list(shift.attrs["categories"])
    totals = shift.groupby("category")[["n_a", "n_b", "change"]].sum()
    totals = totals.reindex(cats, fill_value=0)
    assert totals["n_a"].tolist() == counts.loc[a, cats].tolist()
    assert totals["n_b"].tolist() == counts.loc[b, cats].tolist()
    assert totals["change"].tolist() == (counts.loc[b, cats] - counts.loc[a, cats]).tolist()


def test_invariant_on_the_hand_frame(pair, words):
    shift = frame_shift(pair, words, "wire", "rewrite", alignment=HAND)
    _assert_invariant(pair, words, shift, "wire", "rewrite")
    # and the hand totals: neutral -2, loaded +3, conflict +2
    assert shift.groupby("category", sort=False)["change"].sum().to_dict() == {
        "neutral": -2,
        "loaded": 3,
        "conflict": 2,
    }


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mk.clean_articles(mk.load_sample_articles())


@pytest.mark.parametrize(
    "path",
    [
        "mediakit/data/dictionaries/example.yml",
        "mediakit/data/dictionaries/builtin/reporting_verbs.yml",
        "mediakit/data/dictionaries/builtin/generic_frames.yml",
    ],
)
def test_invariant_on_the_seed_pair(seed, repo_root, seed_gold, path):
    d = read_dictionary(repo_root / path)
    computed = frame_shift(seed, d, "wire", "rewrite")  # crosshead: dropped, not lost
    _assert_invariant(seed, d, computed, "wire", "rewrite")
    pairs = seed_gold["alignment_wire_to_rewrite"]["pairs"]
    gold = pd.DataFrame(pairs, columns=["a_sent", "b_sent", "label"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", MediakitWarning)  # the gold covers every sentence
        by_hand = frame_shift(seed, d, "wire", "rewrite", alignment=gold)
    _assert_invariant(seed, d, by_hand, "wire", "rewrite")


def test_seed_pair_conflict_terms_stay_in_their_sentences(seed, repo_root, seed_gold):
    # Read by hand (example.yml: troop*, "air strike", "peace deal", negotiat(e|ed|ion|ions)):
    # wire 6, 7, 15 have "troops", wire 12 "peace deal"; so do their rewrites (6, 7, 14:
    # "troops"; 12: "peace deal", and "negotiating", which the pattern does not take).
    d = read_dictionary(repo_root / "mediakit/data/dictionaries/example.yml")
    gold = pd.DataFrame(
        seed_gold["alignment_wire_to_rewrite"]["pairs"], columns=["a_sent", "b_sent", "label"]
    )
    shift = frame_shift(seed, d, "wire", "rewrite", alignment=gold, categories="conflict")
    assert [tuple(r) for r in shift[["a_sents", "b_sents", "label", "n_a", "n_b"]].values] == [
        ((6,), (6,), "rewritten", 1, 1),
        ((7,), (7,), "rewritten", 1, 1),
        ((12,), (12,), "rewritten", 1, 1),
        ((15,), (14,), "rewritten", 1, 1),
    ]
    assert (shift["change"] == 0).all()


def test_standin_pair_troops_moved_with_the_split(standin_raw, repo_root, standin_gold):
    # wire 7 ("... troops ...") was split into rewrite 7 and 8; "troops" is in rewrite 8
    seed = mk.clean_articles(standin_raw)
    d = read_dictionary(repo_root / "mediakit/data/dictionaries/example.yml")
    gold = pd.DataFrame(
        standin_gold["alignment_wire_to_rewrite"]["pairs"], columns=["a_sent", "b_sent", "label"]
    )
    shift = frame_shift(seed, d, "wire", "rewrite", alignment=gold, categories="conflict")
    assert [tuple(r) for r in shift[["a_sents", "b_sents", "label", "change"]].values] == [
        ((7,), (7, 8), "split", 0)
    ]


def test_inputs_not_mutated(pair, words):
    before_articles, before_alignment = pair.copy(deep=True), HAND.copy(deep=True)
    frame_shift(pair, words, "wire", "rewrite", alignment=HAND)
    pd.testing.assert_frame_equal(pair, before_articles)
    pd.testing.assert_frame_equal(HAND, before_alignment)
    shift = frame_shift(pair, words, "wire", "rewrite", alignment=HAND)
    before_shift = shift.copy(deep=True)
    frame_shift_summary(shift)
    pd.testing.assert_frame_equal(shift, before_shift)


def test_no_hits_gives_an_empty_table_with_the_columns(pair):
    shift = frame_shift(pair, {"economy": ["market*"]}, "wire", "rewrite", alignment=HAND)
    assert shift.empty
    assert list(shift.columns) == list(SHIFT_COLUMNS)
    assert frame_shift_summary(shift).to_dict("list") == {
        "category": ["economy"],
        "n_a": [0],
        "n_b": [0],
        "change": [0],
        "units_changed": [0],
    }


def test_stale_alignment_text_warns(pair, words):
    al = align_sentences(pair, "wire", "rewrite")
    al["a_text"] = al["a_text"].str.upper()
    with pytest.warns(MediakitWarning, match="a_text differs"):
        frame_shift(pair, words, "wire", "rewrite", alignment=al)


def test_bad_doc_ids(pair, words):
    with pytest.raises(ValueError, match=r"`b` = 'blog' is not a doc_id.*'wire', 'rewrite'"):
        frame_shift(pair, words, "wire", "blog")
    with pytest.raises(ValueError, match="same doc_id"):
        frame_shift(pair, words, "wire", "wire")


def test_bad_alignments(pair, words):
    with pytest.raises(ValueError, match=r"needs column\(s\) \['label'\]"):
        frame_shift(pair, words, "wire", "rewrite", alignment=HAND.drop(columns="label"))
    with pytest.raises(TypeError, match="must be a DataFrame"):
        frame_shift(pair, words, "wire", "rewrite", alignment=[(0, 0)])
    with pytest.raises(ValueError, match=r"b_sent\(s\) 9 that article `b` does not have"):
        frame_shift(pair, words, "wire", "rewrite", alignment=HAND.assign(b_sent=[9] * 7))
    with pytest.raises(ValueError, match="unknown label"):
        frame_shift(pair, words, "wire", "rewrite", alignment=HAND.assign(label="moved"))
    both_na = pd.DataFrame({"a_sent": [0, None], "b_sent": [0, None], "label": ["verbatim"] * 2})
    with pytest.raises(ValueError, match="neither a_sent nor b_sent"):
        frame_shift(pair, words, "wire", "rewrite", alignment=both_na)
    with pytest.raises(ValueError, match="integer sent_ids"):
        frame_shift(pair, words, "wire", "rewrite", alignment=HAND.assign(a_sent="x"))
    with pytest.raises(TypeError, match="not run when `alignment` is given"):
        frame_shift(pair, words, "wire", "rewrite", alignment=HAND, threshold=0.5)


def test_bad_dictionary_and_summary_input(pair):
    with pytest.raises(TypeError, match="must be a Dictionary"):
        frame_shift(pair, "mediakit/data/dictionaries/example.yml", "wire", "rewrite")
    with pytest.raises(ValueError, match=r"needs column\(s\) \['change'\]"):
        frame_shift_summary(pd.DataFrame({"category": [], "n_a": [], "n_b": []}))
