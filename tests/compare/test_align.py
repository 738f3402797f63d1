"""Tests for mediakit.compare.align.align_sentences (sentence alignment of two versions)."""

from __future__ import annotations

import math
import warnings
from difflib import SequenceMatcher

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from mediakit._validation import MediakitWarning
from mediakit.clean import clean_articles
from mediakit.compare import _align_match
from mediakit.compare.align import ALIGNMENT_LABELS, align_sentences
from mediakit.datasets import load_sample_articles
from mediakit.segment import split_sentences

COLUMNS = ["a_sent", "b_sent", "a_text", "b_text", "similarity", "label"]


def arts(**texts: str | None) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))


def triples(al: pd.DataFrame) -> set[tuple[int | None, int | None, str]]:
    return {
        (
            None if pd.isna(r.a_sent) else int(r.a_sent),
            None if pd.isna(r.b_sent) else int(r.b_sent),
            r.label,
        )
        for r in al.itertuples()
    }


def pairs(al: pd.DataFrame) -> dict[tuple[int, int], str]:
    m = al.dropna(subset=["a_sent", "b_sent"])
    return {(int(r.a_sent), int(r.b_sent)): r.label for r in m.itertuples()}


def check_invariants(al: pd.DataFrame, articles: pd.DataFrame, a: str, b: str) -> None:
    """The contract of the alignment table, independent of how well it aligns."""
    assert list(al.columns) == COLUMNS
    assert isinstance(al.index, pd.RangeIndex)
    assert str(al["a_sent"].dtype) == "Int64" and str(al["b_sent"].dtype) == "Int64"
    assert al["similarity"].dtype == np.float64
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)  # empty articles
        sents = split_sentences(articles.loc[pd.Index([a, b]).unique()])
    ids_a = set(sents.loc[sents["doc_id"] == a, "sent_id"])
    ids_b = set(sents.loc[sents["doc_id"] == b, "sent_id"])
    assert set(al["a_sent"].dropna().astype(int)) == ids_a
    assert set(al["b_sent"].dropna().astype(int)) == ids_b
    assert set(al["label"]) <= set(ALIGNMENT_LABELS)
    text_a = dict(
        zip(
            sents.loc[sents["doc_id"] == a, "sent_id"],
            sents.loc[sents["doc_id"] == a, "text"],
            strict=True,
        )
    )
    text_b = dict(
        zip(
            sents.loc[sents["doc_id"] == b, "sent_id"],
            sents.loc[sents["doc_id"] == b, "text"],
            strict=True,
        )
    )
    for r in al.itertuples():
        has_a, has_b = not pd.isna(r.a_sent), not pd.isna(r.b_sent)
        assert has_a or has_b
        assert (r.label == "dropped") == (has_a and not has_b)
        assert (r.label == "added") == (has_b and not has_a)
        assert (pd.isna(r.a_text)) == (not has_a) and (pd.isna(r.b_text)) == (not has_b)
        if has_a:
            assert r.a_text == text_a[int(r.a_sent)]
        if has_b:
            assert r.b_text == text_b[int(r.b_sent)]
        if has_a and has_b:
            assert 0.0 <= r.similarity <= 1.0
        else:
            assert math.isnan(r.similarity)
    matched = al.dropna(subset=["a_sent", "b_sent"])
    for label, key, other in (("merged", "b_sent", "a_sent"), ("split", "a_sent", "b_sent")):
        rows = matched[matched["label"] == label]
        for _, grp in rows.groupby(key):
            assert len(grp) >= 2 and grp[other].is_unique
            # no other row uses the group's shared sentence
            assert (matched[key] == grp[key].iloc[0]).sum() == len(grp)
    one = matched[matched["label"].isin(["verbatim", "rewritten"])]
    for key in ("a_sent", "b_sent"):
        assert (matched[key].isin(one[key])).sum() == len(one)  # used by that row only
    # Reading order of a, and added b sentences right after their predecessor in b.
    a_order = al["a_sent"].dropna().astype(int).tolist()
    assert a_order == sorted(a_order)
    b_ids = sorted(ids_b)
    for pos, r in enumerate(al.itertuples()):
        if r.label == "added":
            k = b_ids.index(int(r.b_sent))
            if k == 0:
                assert pos == 0
            else:
                assert al["b_sent"].iloc[pos - 1] == b_ids[k - 1]


# ---------------------------------------------------------------------------
# the seed pair: the acceptance test
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return clean_articles(load_sample_articles())


def test_seed_pair_matches_hand_alignment_sentence_for_sentence(seed, seed_gold):
    gold = {tuple(p) for p in seed_gold["alignment_wire_to_rewrite"]["pairs"]}
    al = align_sentences(seed, "wire", "rewrite")
    assert triples(al) == gold
    check_invariants(al, seed, "wire", "rewrite")


def test_seed_pair_from_raw_fixture_and_reused_sentences(seed_raw, seed_gold):
    articles = clean_articles(seed_raw)
    gold = {tuple(p) for p in seed_gold["alignment_wire_to_rewrite"]["pairs"]}
    sents = split_sentences(articles)
    al = align_sentences(articles, "wire", "rewrite", sentences=sents)
    assert triples(al) == gold
    pd.testing.assert_frame_equal(al, align_sentences(articles, "wire", "rewrite"))


def test_seed_gold_sentence_ids_are_split_sentences_ids(seed, seed_gold):
    # The gold counts paragraph_sentences in reading order; so does split_sentences.
    sents = split_sentences(seed)
    for doc in ("wire", "rewrite"):
        gold = [s for par in seed_gold[doc]["paragraph_sentences"] for s in par]
        assert sents.loc[sents["doc_id"] == doc, "text"].tolist() == gold


def _row_ids(al: pd.DataFrame) -> list[tuple[int | None, int | None]]:
    return [
        tuple(None if pd.isna(v) else int(v) for v in (r.a_sent, r.b_sent)) for r in al.itertuples()
    ]


def test_seed_pair_row_order_follows_both_texts(seed):
    # Derived by hand from the gold: the rewrite keeps the wire's order, so the
    # rows are a's order; the crosshead (13) and Nausėda's last quote (21, 22)
    # are dropped in place, and nothing is added.
    n = None
    expected = [
        (0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9),
        (10, 10), (11, 11), (12, 12), (13, n), (14, 13), (15, 14), (16, 15), (17, 16),
        (18, 17), (19, 18), (20, 19), (21, n), (22, n), (23, 20), (24, 21),
    ]  # fmt: skip
    assert _row_ids(align_sentences(seed, "wire", "rewrite")) == expected


def test_standin_pair_row_order_puts_added_sentences_after_their_predecessor(standin_raw):
    # The stand-in reorders, adds, merges and splits (the seed pair does none of it).
    # Derived by hand from its gold: a's order; an added b sentence right after
    # the row holding the b sentence before it.
    n = None
    expected = [
        (0, 0), (n, 1), (n, 2), (1, 5), (n, 6), (2, n), (3, 3), (4, 4), (5, 12), (6, n),
        (7, 7), (7, 8), (8, n), (9, 11), (10, 11), (11, 9), (n, 10), (12, 13), (n, 14),
        (n, 15), (13, n), (14, n),
    ]  # fmt: skip
    al = align_sentences(clean_articles(standin_raw), "wire", "rewrite")
    assert _row_ids(al) == expected


def test_standin_pair_matches_its_hand_alignment(standin_raw, standin_gold):
    articles = clean_articles(standin_raw)
    gold = {tuple(p) for p in standin_gold["alignment_wire_to_rewrite"]["pairs"]}
    al = align_sentences(articles, "wire", "rewrite")
    assert triples(al) == gold
    check_invariants(al, articles, "wire", "rewrite")


def test_seed_pair_similarities_are_tfidf_cosines(seed):
    """Independent check: scikit-learn's TfidfVectorizer + cosine_similarity."""
    sents = split_sentences(seed)
    a = sents.loc[sents["doc_id"] == "wire", "text"].tolist()
    b = sents.loc[sents["doc_id"] == "rewrite", "text"].tolist()
    feats = _align_match.Features(a, b)  # only for its analyzer (words + variants)
    vec = TfidfVectorizer(analyzer=feats._analyzer, sublinear_tf=True).fit(a + b)
    expected = cosine_similarity(vec.transform(a), vec.transform(b))
    al = align_sentences(seed, "wire", "rewrite")
    matched = al.dropna(subset=["a_sent", "b_sent"])
    got = matched["similarity"].to_numpy()
    want = expected[matched["a_sent"].astype(int), matched["b_sent"].astype(int)]
    np.testing.assert_allclose(got, want, atol=1e-12)
    # a group of sentences (as in a merge) is judged on the joined text: a9 + a10 against b11
    joined = cosine_similarity(vec.transform([a[9] + " " + a[10]]), vec.transform([b[11]]))
    assert feats.group_similarity([9, 10], [11]) == pytest.approx(joined[0, 0], abs=1e-12)


def test_standin_pair_without_merge_split_is_one_to_one(standin_raw):
    # the stand-in's split (wire 7 -> rewrite 7, 8) and merge (wire 9 + 10 -> rewrite 11)
    al = align_sentences(clean_articles(standin_raw), "wire", "rewrite", merge_split=False)
    assert not al["label"].isin(["merged", "split"]).any()
    got = pairs(al)
    assert got[(7, 7)] == "rewritten" and got[(9, 11)] == "rewritten"
    assert (7, 8) not in got and (10, 11) not in got


def test_seed_pair_without_merge_split_is_unchanged(seed, seed_gold):
    # The seed pair has no merge and no split (its gold is one-to-one or dropped).
    gold = {tuple(p) for p in seed_gold["alignment_wire_to_rewrite"]["pairs"]}
    assert not {label for *_, label in gold} & {"merged", "split"}
    assert triples(align_sentences(seed, "wire", "rewrite", merge_split=False)) == gold


def test_does_not_mutate_input(seed):
    before = seed.copy(deep=True)
    sents = split_sentences(seed)
    sents_before = sents.copy(deep=True)
    align_sentences(seed, "wire", "rewrite", sentences=sents)
    pd.testing.assert_frame_equal(seed, before)
    pd.testing.assert_frame_equal(sents, sents_before)


# ---------------------------------------------------------------------------
# hand-made pairs
# ---------------------------------------------------------------------------

S1 = "The mayor opened the new bridge over the river on Monday."
S2 = "Engineers spent four years building the steel structure."
S3 = "Local shops expect more visitors from the northern suburbs."
S4 = "Critics complained about the cost of the project."


def test_hand_computed_similarity():
    # Content words alpha beta gamma / alpha beta delta; IDF on the 2 sentences:
    # smooth idf = ln((1 + 2) / (1 + df)) + 1 -> 1 for alpha, beta; 1 + ln 1.5 otherwise.
    al = align_sentences(arts(a="Alpha beta gamma.", b="Alpha beta delta."), "a", "b")
    w = 1 + math.log(1.5)
    assert al["similarity"].iloc[0] == pytest.approx(2 / (2 + w * w))
    assert al["label"].tolist() == ["rewritten"]


def test_reordered_sentences_are_found():
    articles = arts(a=" ".join([S1, S2, S3, S4]), b=" ".join([S3, S1, S4, S2]))
    al = align_sentences(articles, "a", "b")
    assert pairs(al) == {
        (0, 1): "verbatim",
        (1, 3): "verbatim",
        (2, 0): "verbatim",
        (3, 2): "verbatim",
    }
    assert al["similarity"].tolist() == [1.0] * 4
    check_invariants(al, articles, "a", "b")


def test_merge_of_two_sentences():
    a = [S1, "The bridge cost twelve million euros.", "Traffic jams in the centre should ease.", S4]
    b = [
        S1,
        "The bridge, which cost twelve million euros, should ease traffic jams in the centre.",
        S4,
    ]
    articles = arts(a=" ".join(a), b=" ".join(b))
    al = align_sentences(articles, "a", "b")
    assert triples(al) == {
        (0, 0, "verbatim"),
        (1, 1, "merged"),
        (2, 1, "merged"),
        (3, 2, "verbatim"),
    }
    check_invariants(al, articles, "a", "b")


def test_split_of_one_sentence():
    a = [
        S1,
        "The bridge, which cost twelve million euros, should ease traffic jams in the centre.",
        S4,
    ]
    b = [S1, "The bridge cost twelve million euros.", "Traffic jams in the centre should ease.", S4]
    articles = arts(a=" ".join(a), b=" ".join(b))
    al = align_sentences(articles, "a", "b")
    assert triples(al) == {(0, 0, "verbatim"), (1, 1, "split"), (1, 2, "split"), (2, 3, "verbatim")}
    assert al["a_sent"].tolist() == [0, 1, 1, 2]
    check_invariants(al, articles, "a", "b")


def test_pure_insertion_and_deletion():
    new = "A second bridge is planned for the harbour district next year."
    articles = arts(a=" ".join([S1, S2, S3]), b=" ".join([S1, new, S3, S4]))
    al = align_sentences(articles, "a", "b")
    got = [(r.a_sent, r.b_sent, r.label) for r in al.itertuples()]
    na = pd.NA
    assert got == [
        (0, 0, "verbatim"),
        (na, 1, "added"),  # after b0
        (1, na, "dropped"),
        (2, 2, "verbatim"),
        (na, 3, "added"),  # after b2
    ]
    check_invariants(al, articles, "a", "b")


def test_added_first_sentence_goes_to_the_top():
    articles = arts(a=S2, b=" ".join([S1, S2]))
    al = align_sentences(articles, "a", "b")
    assert al["label"].tolist() == ["added", "verbatim"]


def test_identical_article_is_verbatim_with_itself(seed):
    al = align_sentences(seed, "wire", "wire")
    sents = split_sentences(seed.loc[["wire"]])
    assert len(al) == len(sents)
    assert (al["label"] == "verbatim").all()
    assert (al["a_sent"] == al["b_sent"]).all()
    assert (al["similarity"] == 1.0).all()  # subheading included: matched to itself


def test_identical_texts_under_two_ids():
    articles = arts(a=" ".join([S1, S2, S1]), b=" ".join([S1, S2, S1]))
    al = align_sentences(articles, "a", "b")
    # the repeated sentence is matched in reading order, not crosswise
    assert pairs(al) == {(0, 0): "verbatim", (1, 1): "verbatim", (2, 2): "verbatim"}


def test_sentence_without_content_words_can_still_be_verbatim():
    articles = arts(a=f"{S1} Why not? {S2}", b=f"{S1} Why not? {S2}")
    al = align_sentences(articles, "a", "b")
    assert pairs(al) == {(0, 0): "verbatim", (1, 1): "verbatim", (2, 2): "verbatim"}


def test_verbatim_ignores_case_accents_and_punctuation():
    articles = arts(
        a="“Viktor Orbán met the Prime Minister,” he said.",
        b="Viktor Orban met the prime minister, he said",
    )
    al = align_sentences(articles, "a", "b")
    assert al["label"].tolist() == ["verbatim"]


def test_verbatim_threshold_on_word_sequences():
    a = "The council approved the budget for the new school on Tuesday evening."
    b = "The council approved the budget for the new school on Tuesday night."
    articles = arts(a=a, b=b)
    # hand count: 12 words each, 11 in common -> ratio 2 * 11 / 24
    ratio = 2 * 11 / 24
    assert SequenceMatcher(None, a.split(), b.split()).ratio() == pytest.approx(ratio)
    assert align_sentences(articles, "a", "b")["label"].tolist() == ["rewritten"]
    assert align_sentences(articles, "a", "b", verbatim_threshold=0.9)["label"].tolist() == [
        "verbatim"
    ]
    assert align_sentences(articles, "a", "b", verbatim_threshold=0.95)["label"].tolist() == [
        "rewritten"
    ]


def test_one_sentence_articles():
    articles = arts(a=S1, b="On Monday the mayor opened the new river bridge.", c=S4)
    assert triples(align_sentences(articles, "a", "b")) == {(0, 0, "rewritten")}
    with pytest.warns(MediakitWarning, match="share no word"):
        al = align_sentences(articles, "a", "c")
    assert triples(al) == {(0, None, "dropped"), (None, 0, "added")}


def test_unrelated_sentences_sharing_one_word_stay_apart():
    # "bridge" alone is no evidence (min_shared); similarity is positive but no match.
    articles = arts(a="The bridge was painted red.", b="Bridge players met at the club yesterday.")
    al = align_sentences(articles, "a", "b")
    assert set(al["label"]) == {"dropped", "added"}
    assert align_sentences(articles, "a", "b", min_shared=1)["label"].tolist() == ["rewritten"]


def test_threshold_rejects_weak_pairs():
    articles = arts(
        a=" ".join([S1, S2]), b="The mayor said the river bridge cost too much, critics say."
    )
    loose = align_sentences(articles, "a", "b")
    sim = loose.dropna(subset=["a_sent", "b_sent"])["similarity"]
    assert len(sim) == 1
    strict = align_sentences(articles, "a", "b", threshold=float(sim.iloc[0]) + 0.01)
    assert set(strict["label"]) == {"dropped", "added"}


def test_spelling_variants_count_as_one_word():
    assert _align_match.spelling_variants(
        {"defence", "zelensky", "nato"}, {"defense", "zelenskyy", "nato"}
    ) == {
        "defense": "defence",
        "zelenskyy": "zelensky",
    }
    # short words, digits and different starts are never merged
    assert (
        _align_match.spelling_variants({"cart", "2022", "nation"}, {"card", "2023", "notion"}) == {}
    )
    articles = arts(a="NATO defence spending rose.", b="NATO defense spending rose.")
    al = align_sentences(articles, "a", "b")
    assert al["similarity"].iloc[0] == pytest.approx(1.0)
    assert al["label"].iloc[0] == "rewritten"  # the words differ


def test_needed_shared_words():
    got = _align_match.needed_shared(np.array([0, 1, 2, 3, 4, 5, 10]), 3).tolist()
    assert got == [2, 2, 2, 2, 3, 3, 3]  # min(3, max(2, ceil(2/3 n)))
    assert _align_match.needed_shared(np.array([1, 10]), 1).tolist() == [1, 1]
    assert _align_match.needed_shared(np.array([6, 9]), 6).tolist() == [4, 6]


# ---------------------------------------------------------------------------
# subheadings
# ---------------------------------------------------------------------------

QUOTE = "“We will rebuild the bridge together,” the mayor said."
WITH_HEAD = f"{S1}\n\n– “We will rebuild the bridge together” –\n\n{QUOTE}\n\n{S4}"


def test_subheadings_are_matched_only_to_subheadings_by_default():
    articles = arts(a=WITH_HEAD, b=f"{S1}\n\n{S4}\n\n“We will rebuild the bridge together.”")
    sents = split_sentences(articles)
    assert sents.loc[sents["doc_id"] == "a", "kind"].tolist()[1] == "subheading"
    al = align_sentences(articles, "a", "b")
    assert (1, None, "dropped") in triples(al)
    assert pairs(al)[(2, 2)] == "rewritten"
    # with include_subheadings=True the crosshead competes (and, being closer
    # in words to b's quote, takes it)
    loose = align_sentences(articles, "a", "b", include_subheadings=True)
    assert pairs(loose)[(1, 2)] == "verbatim"


def test_subheadings_match_each_other():
    articles = arts(a=WITH_HEAD, b=WITH_HEAD.replace("Critics", "Some critics"))
    al = align_sentences(articles, "a", "b")
    assert pairs(al)[(1, 1)] == "verbatim"


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------


def test_unknown_doc_id_names_it_and_lists_valid_ids():
    articles = arts(a=S1, b=S2)
    with pytest.raises(ValueError, match=r"`b` = 'zz' is not a doc_id.*\['a', 'b'\]"):
        align_sentences(articles, "a", "zz")
    with pytest.raises(ValueError, match=r"`a` = \['a'\] is not a doc_id"):
        align_sentences(articles, ["a"], "b")


def test_empty_article_warns_and_keeps_the_other_side():
    articles = arts(a=" ".join([S1, S2]), empty="", missing=None)
    with pytest.warns(
        MediakitWarning, match=r"'empty' has no sentences.*2 sentence\(s\).*'dropped'"
    ):
        al = align_sentences(articles, "a", "empty")
    assert triples(al) == {(0, None, "dropped"), (1, None, "dropped")}
    with pytest.warns(MediakitWarning, match=r"'missing' has no sentences.*'added'"):
        al = align_sentences(articles, "missing", "a")
    assert triples(al) == {(None, 0, "added"), (None, 1, "added")}
    with pytest.warns(MediakitWarning, match="the alignment is empty"):
        al = align_sentences(articles, "empty", "missing")
    assert al.empty and list(al.columns) == COLUMNS


def test_different_scripts_match_nothing_without_crashing():
    articles = arts(
        en="The minister resigned on Monday. Parliament will vote next week.",
        ru="Министр подал в отставку в понедельник. Парламент проголосует на следующей неделе.",
    )
    with pytest.warns(MediakitWarning, match="share no word"):
        al = align_sentences(articles, "en", "ru")
    assert sorted(al["label"]) == ["added", "added", "dropped", "dropped"]
    assert al["similarity"].isna().all()
    check_invariants(al, articles, "en", "ru")


def test_cyrillic_texts_align_with_each_other():
    a = "Министр подал в отставку в понедельник. Парламент проголосует на следующей неделе."
    b = "Парламент проголосует на следующей неделе. Министр подал в отставку в понедельник."
    al = align_sentences(arts(a=a, b=b), "a", "b")
    assert pairs(al) == {(0, 1): "verbatim", (1, 0): "verbatim"}


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("threshold", 1.5, "between 0 and 1"),
        ("threshold", "high", "between 0 and 1"),
        ("verbatim_threshold", -0.1, "between 0 and 1"),
        ("order_prior", 2, "between 0 and 1"),
        ("length_prior", -1, ">= 0"),
        ("merge_margin", None, "between 0 and 1"),
        ("min_shared", 0, "integer >= 1"),
        ("min_shared", 2.5, "integer >= 1"),
        ("merge_split", "yes", "expected one of"),
        ("include_subheadings", 1.0, "expected one of"),
        ("similarity", "bert", "expected one of"),
    ],
)
def test_invalid_options(option, value, message):
    with pytest.raises(ValueError, match=message):
        align_sentences(arts(a=S1, b=S2), "a", "b", **{option: value})


def test_invalid_similarity_object_and_tables():
    articles = arts(a=S1, b=S2)
    with pytest.raises(TypeError, match="vectorizer with fit"):
        align_sentences(articles, "a", "b", similarity=object())
    with pytest.raises(TypeError, match="articles DataFrame"):
        align_sentences({"a": S1}, "a", "b")
    with pytest.raises(TypeError, match="`sentences` must be a DataFrame"):
        align_sentences(articles, "a", "b", sentences=[S1])
    with pytest.raises(ValueError, match=r"needs column\(s\) \['text'\]"):
        align_sentences(
            articles, "a", "b", sentences=split_sentences(articles).drop(columns="text")
        )


def test_custom_vectorizer_similarity_is_its_cosine():
    a, b = [S1, S2], ["The new bridge over the river opened on Monday.", S3]
    articles = arts(a=" ".join(a), b=" ".join(b))
    vec = CountVectorizer(binary=True)
    al = align_sentences(articles, "a", "b", similarity=vec, min_shared=2)
    fitted = CountVectorizer(binary=True).fit(a + b)
    want = cosine_similarity(fitted.transform(a), fitted.transform(b))
    row = al.dropna(subset=["a_sent", "b_sent"]).iloc[0]
    assert (row.a_sent, row.b_sent) == (0, 0)
    assert row.similarity == pytest.approx(want[0, 0])
    assert not hasattr(vec, "vocabulary_")  # cloned, not fitted in place


@pytest.mark.parametrize("similarity", ["char", "tfidf+char"])
def test_other_similarities_align_the_seed_pair_too(seed, seed_gold, similarity):
    gold = {tuple(p) for p in seed_gold["alignment_wire_to_rewrite"]["pairs"]}
    assert triples(align_sentences(seed, "wire", "rewrite", similarity=similarity)) == gold


# ---------------------------------------------------------------------------
# property: every sentence appears, whatever the edits
# ---------------------------------------------------------------------------

WORDS = [
    "harbour", "council", "bridge", "river", "budget", "school", "teacher", "village",
    "election", "minister", "farmer", "market", "railway", "station", "hospital", "doctor",
    "festival", "museum", "painter", "garden", "summer", "winter", "storm", "flood",
    "report", "police", "court", "judge", "company", "worker", "factory", "energy",
]  # fmt: skip


@st.composite
def story_and_edit(draw):
    n = draw(st.integers(0, 7))
    sents = [draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9)) for _ in range(n)]
    edited = [list(s) for s in sents]
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "merge", "split", "reword"]))
        if op == "insert" or not edited:
            pos = draw(st.integers(0, len(edited)))
            edited.insert(pos, draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9)))
            continue
        i = draw(st.integers(0, len(edited) - 1))
        if op == "delete":
            del edited[i]
        elif op == "swap" and len(edited) > 1:
            j = draw(st.integers(0, len(edited) - 1))
            edited[i], edited[j] = edited[j], edited[i]
        elif op == "merge" and i + 1 < len(edited):
            edited[i : i + 2] = [edited[i] + ["and"] + edited[i + 1]]
        elif op == "split" and len(edited[i]) > 1:
            cut = draw(st.integers(1, len(edited[i]) - 1))
            edited[i : i + 1] = [edited[i][:cut], edited[i][cut:]]
        elif op == "reword":
            edited[i] = [*edited[i], draw(st.sampled_from(WORDS))]
    sep = draw(st.sampled_from([" ", "\n\n"]))
    return sep.join(_sentence(s) for s in sents), sep.join(_sentence(s) for s in edited)


def _sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story_and_edit())
def test_every_sentence_appears_whatever_the_edit(texts):
    articles = arts(a=texts[0], b=texts[1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        al = align_sentences(articles, "a", "b")
    check_invariants(al, articles, "a", "b")


@pytest.mark.parametrize("similarity", ["tfidf", "char", "tfidf+char"])
def test_joined_sentences_score_like_the_joined_text(seed, similarity):
    """Merges are scored from summed counts; check against re-vectorising the joined text."""
    sents = split_sentences(seed)
    a = sents.loc[sents["doc_id"] == "wire", "text"].tolist()
    b = sents.loc[sents["doc_id"] == "rewrite", "text"].tolist()
    feats = _align_match.Features(a, b, similarity)
    vecs = []
    if similarity in ("tfidf", "tfidf+char"):
        vecs.append(TfidfVectorizer(analyzer=feats._analyzer, sublinear_tf=True))
    if similarity in ("char", "tfidf+char"):
        vecs.append(
            TfidfVectorizer(
                preprocessor=feats._char_text,
                analyzer="char_wb",
                ngram_range=(3, 5),
                sublinear_tf=True,
            )
        )
    for vec in vecs:
        vec.fit(a + b)
    for ga, gb in [([9, 10], [11]), ([7], [7, 8]), ([0], [0]), ([1, 2, 3], [4, 5])]:
        ta = " ".join(a[i] for i in ga)
        tb = " ".join(b[k] for k in gb)
        want = np.mean(
            [cosine_similarity(v.transform([ta]), v.transform([tb]))[0, 0] for v in vecs]
        )
        assert feats.group_similarity(ga, gb) == pytest.approx(want, abs=1e-12)
        assert feats.similarity_of([ga], [gb])[0, 0] == pytest.approx(want, abs=1e-12)


# ---------------------------------------------------------------------------
# the OneStopEnglish scorer (_align_eval), on hand-made data
# ---------------------------------------------------------------------------


def test_read_gold_pairs(tmp_path):
    from _align_eval import read_gold

    path = tmp_path / "ADV-INT.txt"
    path.write_text("\ufeffAdv one.\nInt one.\n*******\nAdv two.\n\nInt two.\n*******\n", "utf-8")
    assert read_gold(path) == [("Adv one.", "Int one."), ("Adv two.", "Int two.")]
    path.write_text("Adv one.\n*******\n", "utf-8")
    with pytest.raises(ValueError, match="1 lines, expected 2"):
        read_gold(path)


def test_gold_sentence_maps_to_the_segments_it_covers():
    from _align_eval import _map_sentence, words

    segs = [words(t) for t in ["A cat sat on the mat.", "And the dog barked twice.", "Rain fell."]]
    ids = [10, 11, 12]
    # The gold joins our first two sentences (and lost a non-ASCII character).
    assert _map_sentence("A cat sat on the mat and the dog barked twice.", segs, ids) == {10, 11}
    assert _map_sentence("Rain fell.", segs, ids) == {12}
    assert _map_sentence("Something else entirely.", segs, ids) == frozenset()
    assert words("Today’s café – Soljačić") == ["todays", "cafe", "soljacic"]


def test_scores_on_a_hand_made_gold():
    from _align_eval import OneStop, evaluate

    articles = arts(**{"s/adv": "x", "s/int": "y"})
    sentences = pd.DataFrame({"doc_id": ["s/adv", "s/int"], "sent_id": [0, 0], "text": ["x", "y"]})
    gold = [
        (frozenset({0}), frozenset({0})),
        (frozenset({1}), frozenset({2})),
        (frozenset({3}), frozenset({3})),
    ]
    data = OneStop(articles, sentences, ["s"], [], {"s": gold}, n_unmapped=1)
    na = pd.NA
    table = pd.DataFrame(
        {
            "a_sent": pd.array([0, 1, 1, 3, 5, na], "Int64"),
            "b_sent": pd.array([0, 2, 3, 4, 5, 1], "Int64"),
            "label": ["verbatim", "split", "split", "rewritten", "rewritten", "added"],
        }
    )

    def fake_align(articles, a, b, *, sentences):
        assert (a, b) == ("s/adv", "s/int") and len(sentences) == 2
        return table

    s = evaluate(data, fake_align)
    # rows: (0,0) correct; (1,2) correct; (1,3) split part: gold pairs b3 with a3,
    # outside the group {a1} -> contradicted; (3,4): gold pairs a3 with b3, not in
    # {b4} -> contradicted; (5,5) touches no gold sentence -> not judged.
    assert (s.n_correct, s.n_contradicted, s.n_judgeable) == (2, 2, 4)
    assert s.precision == pytest.approx(2 / 4) and s.precision_strict == pytest.approx(2 / 4)
    assert (s.n_found, s.n_gold) == (2, 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    # A split part whose sentence the gold does not pair elsewhere is not judged.
    table.loc[2, "b_sent"] = 6
    s = evaluate(data, fake_align)
    assert (s.n_correct, s.n_contradicted, s.n_judgeable) == (2, 1, 4)
    assert s.precision == pytest.approx(2 / 3) and s.precision_strict == pytest.approx(2 / 4)
