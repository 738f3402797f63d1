"""Tests for mediakit.framing.keyness: hand computations and independent implementations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
from scipy.stats import chi2_contingency

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.framing.keyness import KEYNESS_COLUMNS, collocations, keyness, word_runs
from mediakit.segment import tokenize


def frame(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))


# target "t": apple apple banana cherry            -> T1 = 4
# reference "r": banana banana cherry cherry cherry date -> T2 = 6, N = 10
TINY = frame({"t": "Apple apple banana. Cherry!", "r": "Banana banana cherry, cherry cherry date."})


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


def row(table: pd.DataFrame, term: str) -> pd.Series:
    hits = table.loc[table["term"] == term]
    assert len(hits) == 1, term
    return hits.iloc[0]


# ---------------------------------------------------------------------------
# keyness: hand computation
# ---------------------------------------------------------------------------
#
# "apple":          target  reference | row
#     apple          a = 2    b = 0   |  2
#     other          c = 2    d = 6   |  8
#     column         T1 = 4   T2 = 6  | N = 10
# E11 = 2*4/10 = 0.8, E12 = 2*6/10 = 1.2, E21 = 8*4/10 = 3.2, E22 = 8*6/10 = 4.8
# chi2 = N (ad - bc)^2 / (r1 r2 c1 c2) = 10 * 12^2 / (2*8*4*6) = 1440/384 = 3.75
# Yates: |ad - bc| = 12 > N/2 = 5 -> 10 * (12 - 5)^2 / 384 = 490/384
# G2 = 2 [2 ln(2/0.8) + 0 + 2 ln(2/3.2) + 6 ln(6/4.8)]
# Williams q = 1 + (10/2 + 10/8 - 1)(10/4 + 10/6 - 1) / (6*10)
# log ratio: b = 0 -> 0.5: log2((2/4) / (0.5/6)) = log2(6)
# PMI = log2(a / E11) = log2(2 / 0.8)
#
# "cherry": a = 1, b = 3, c = 3, d = 3; E11 = 4*4/10 = 1.6 > a -> negative
# chi2 = 10 * (3 - 9)^2 / (4*6*4*6) = 360/576; Yates: 10 * (6 - 5)^2 / 576
APPLE_Q = 1 + (10 / 2 + 10 / 8 - 1) * (10 / 4 + 10 / 6 - 1) / 60
APPLE_G2 = 2 * (2 * math.log(2 / 0.8) + 2 * math.log(2 / 3.2) + 6 * math.log(6 / 4.8))


def test_counts_and_totals_by_hand():
    key = keyness(TINY, "t", correction="none")
    assert key.attrs["total_target"] == 4 and key.attrs["total_reference"] == 6
    counts = {
        t: (a, b) for t, a, b in zip(key["term"], key["n_target"], key["n_reference"], strict=True)
    }
    assert counts == {"apple": (2, 0), "banana": (1, 2), "cherry": (1, 3), "date": (0, 1)}
    assert list(key.columns) == KEYNESS_COLUMNS
    assert isinstance(key.index, pd.RangeIndex)


def test_chi2_by_hand():
    plain = keyness(TINY, "t", measure="chi2", correction="none")
    assert row(plain, "apple")["statistic"] == pytest.approx(1440 / 384)
    assert row(plain, "cherry")["statistic"] == pytest.approx(-360 / 576)
    assert row(plain, "apple")["p_value"] == pytest.approx(math.erfc(math.sqrt(3.75 / 2)))
    yates = keyness(TINY, "t", measure="chi2", correction="yates")
    assert row(yates, "apple")["statistic"] == pytest.approx(490 / 384)
    assert row(yates, "cherry")["statistic"] == pytest.approx(-10 / 576)
    # default = quanteda's rule: Yates only if some E < 5 and |ad - bc| >= N/2.
    # apple: E11 = 0.8 < 5 and 12 >= 5 -> Yates. banana (a=1, b=2, c=3, d=4):
    # |ad - bc| = 2 < 5 -> uncorrected 10 * 2^2 / (3*7*4*6) = 40/504
    default = keyness(TINY, "t", measure="chi2")
    assert default.attrs["correction"] == "default"
    assert row(default, "apple")["statistic"] == pytest.approx(490 / 384)
    assert row(default, "banana")["statistic"] == pytest.approx(-40 / 504)
    williams = keyness(TINY, "t", measure="chi2", correction="williams")
    assert row(williams, "apple")["statistic"] == pytest.approx(3.75 / APPLE_Q)


def test_yates_never_overshoots():
    # banana: a = 1, b = 2, c = 3, d = 4; |ad - bc| = |4 - 6| = 2 < N/2 = 5:
    # the corrected counts reach their expected values, chi2 = 0, p = 1.
    yates = keyness(TINY, "t", measure="chi2", correction="yates")
    assert row(yates, "banana")["statistic"] == 0
    assert row(yates, "banana")["p_value"] == pytest.approx(1.0)


def test_log_likelihood_by_hand():
    plain = keyness(TINY, "t", measure="lr", correction="none")
    assert row(plain, "apple")["statistic"] == pytest.approx(APPLE_G2)
    williams = keyness(TINY, "t", measure="lr", correction="williams")
    assert row(williams, "apple")["statistic"] == pytest.approx(APPLE_G2 / APPLE_Q)
    # default (quanteda's Yates rule applies to apple): counts moved 0.5 towards E
    # a = 1.5, b = 0.5, c = 2.5, d = 5.5
    default = keyness(TINY, "t", measure="lr")
    g2_yates = 2 * (
        1.5 * math.log(1.5 / 0.8)
        + 0.5 * math.log(0.5 / 1.2)
        + 2.5 * math.log(2.5 / 3.2)
        + 5.5 * math.log(5.5 / 4.8)
    )
    assert row(default, "apple")["statistic"] == pytest.approx(g2_yates)
    # cherry: 2 [1 ln(1/1.6) + 3 ln(3/2.4) + 3 ln(3/2.4) + 3 ln(3/3.6)], negative
    g2 = 2 * (
        math.log(1 / 1.6) + 3 * math.log(3 / 2.4) + 3 * math.log(3 / 2.4) + 3 * math.log(3 / 3.6)
    )
    assert row(plain, "cherry")["statistic"] == pytest.approx(-g2)
    # the four-cell form, not the two-cell 2 (a ln(a/E11) + b ln(b/E12)):
    two_cell = 2 * (math.log(1 / 1.6) + 3 * math.log(3 / 2.4))
    assert abs(row(plain, "cherry")["statistic"]) != pytest.approx(two_cell)


def test_log_ratio_and_pmi_by_hand():
    lr = keyness(TINY, "t", measure="log_ratio")
    assert row(lr, "apple")["statistic"] == pytest.approx(math.log2(6))
    assert row(lr, "cherry")["statistic"] == pytest.approx(math.log2((1 / 4) / (3 / 6)))
    assert row(lr, "date")["statistic"] == pytest.approx(math.log2((0.5 / 4) / (1 / 6)))
    assert lr["p_value"].isna().all()
    pmi = keyness(TINY, "t", measure="pmi")
    assert row(pmi, "apple")["statistic"] == pytest.approx(math.log2(2 / 0.8))
    assert row(pmi, "cherry")["statistic"] == pytest.approx(math.log2(1 / 1.6))
    assert row(pmi, "date")["statistic"] == -np.inf
    assert pmi["p_value"].isna().all()
    # effect is the log ratio whatever the measure
    chi = keyness(TINY, "t")
    assert row(chi, "apple")["effect"] == pytest.approx(math.log2(6))


def test_signs_and_order():
    for measure in ("chi2", "lr", "log_ratio", "pmi"):
        key = keyness(TINY, "t", measure=measure, correction="none")
        assert row(key, "apple")["statistic"] > 0
        assert row(key, "cherry")["statistic"] < 0
        assert row(key, "date")["statistic"] < 0
        assert key["statistic"].is_monotonic_decreasing
    # swapping target and reference flips the sign of chi2 and G2
    a = keyness(TINY, "t", correction="none").set_index("term")["statistic"]
    b = keyness(TINY, "r", correction="none").set_index("term")["statistic"]
    pd.testing.assert_series_equal(a.sort_index(), -b.sort_index())


# ---------------------------------------------------------------------------
# keyness: scipy as the independent implementation, every term
# ---------------------------------------------------------------------------


def quanteda_rule(table: np.ndarray) -> bool:
    """Whether quanteda applies Yates: some expected count < 5 and |ad - bc| >= N/2."""
    (a, b), (c, d) = table
    n = table.sum()
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    return bool(expected.min() < 5 and abs(a * d - b * c) >= n / 2)


def scipy_stat(a: int, b: int, t1: int, t2: int, correction, lambda_=None):
    table = np.array([[a, b], [t1 - a, t2 - b]])
    if correction == "quanteda":
        correction = quanteda_rule(table)
    res = chi2_contingency(table, correction=correction, lambda_=lambda_)
    sign = 1 if a > (a + b) * t1 / (t1 + t2) else -1
    return sign * res.statistic, res.pvalue


@pytest.mark.parametrize(
    ("measure", "correction", "scipy_corr", "lambda_"),
    [
        ("chi2", "none", False, None),
        ("chi2", "yates", True, None),
        ("lr", "none", False, "log-likelihood"),
        ("lr", "yates", True, "log-likelihood"),
        ("chi2", "default", "quanteda", None),
        ("lr", "default", "quanteda", "log-likelihood"),
    ],
)
@pytest.mark.parametrize("target", ["t", "r", "seed"])
def test_matches_scipy_for_every_term(seed, measure, correction, scipy_corr, lambda_, target):
    articles, tgt = (seed, "rewrite") if target == "seed" else (TINY, target)
    key = keyness(articles, tgt, measure=measure, correction=correction)
    t1, t2 = key.attrs["total_target"], key.attrs["total_reference"]
    assert len(key) > 3
    if correction == "default" and target == "seed":  # both branches of the rule occur
        rules = {
            quanteda_rule(np.array([[a, b], [t1 - a, t2 - b]]))
            for a, b in zip(key["n_target"], key["n_reference"], strict=True)
        }
        assert rules == {True, False}
    for a, b, stat, p in zip(
        key["n_target"], key["n_reference"], key["statistic"], key["p_value"], strict=True
    ):
        want, want_p = scipy_stat(int(a), int(b), t1, t2, scipy_corr, lambda_)
        assert stat == pytest.approx(want, abs=1e-9)
        assert p == pytest.approx(want_p, abs=1e-12)


def test_quanteda_unit_test_example():
    # quanteda's own test: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b";
    # its default chi2 equals R's chisq.test(correct = TRUE) on the 2x2 table.
    docs = frame({"d1": "b b b b b b b a a a", "d2": "a a a a a a a b b"})
    key = keyness(docs, "d1")
    want = chi2_contingency(np.array([[3, 7], [7, 2]]), correction=True).statistic
    assert row(key, "a")["statistic"] == pytest.approx(-want)
    assert row(key, "b")["statistic"] == pytest.approx(want)


def test_seed_totals_match_tokenize(seed):
    toks = tokenize(seed)
    words = toks.loc[~toks["is_punct"]]
    key = keyness(seed, "rewrite")
    assert key.attrs["total_target"] == int((words["doc_id"] == "rewrite").sum())
    assert key.attrs["total_reference"] == int((words["doc_id"] == "wire").sum())
    assert key["n_target"].sum() == key.attrs["total_target"]
    assert key["n_reference"].sum() == key.attrs["total_reference"]


# ---------------------------------------------------------------------------
# keyness: targets, reference lists, options
# ---------------------------------------------------------------------------

THREE = frame({"a": "Peace deal now.", "b": "War and peace.", "c": "War war war."})


def test_target_forms_agree():
    want = keyness(THREE, ["a", "b"])
    for target in (
        [True, True, False],
        np.array([True, True, False]),
        pd.Series([True, True, False], index=THREE.index),
        pd.Series([False, True, True], index=["c", "b", "a"]),  # aligned on doc_id
    ):
        pd.testing.assert_frame_equal(keyness(THREE, target), want)
    key = want.set_index("term")
    assert key.loc["war", "n_target"] == 1 and key.loc["war", "n_reference"] == 3
    assert key.loc["peace", "n_target"] == 2 and key.loc["peace", "n_reference"] == 0


def test_external_reference_forms():
    # the reference list of "r" equals using "r" as the reference
    want = keyness(TINY, "t", measure="lr")
    ref = {"banana": 2, "cherry": 3, "date": 1}
    for reference in (
        ref,
        pd.Series(ref),
        pd.DataFrame({"term": list(ref), "count": list(ref.values())}),
        {"Banana": 1, "banana": 1, "CHERRY": 3, "date": 1, ",": 7},  # normalised, summed
    ):
        got = keyness(TINY, "t", measure="lr", reference=reference)
        pd.testing.assert_frame_equal(got, want)
    # with an external list the target may be every article; other articles are unused
    all_docs = keyness(TINY, ["t", "r"], reference={"apple": 5, "kiwi": 5})
    assert all_docs.attrs["total_target"] == 10 and all_docs.attrs["total_reference"] == 10
    assert row(all_docs, "kiwi")["n_target"] == 0


def test_reference_stopwords_filtered_like_tokens():
    key = keyness(TINY, "t", reference={"the": 10, "apple": 1}, remove_stopwords=True)
    assert key.attrs["total_reference"] == 1
    assert "the" not in set(key["term"])


def test_min_count_and_remove_stopwords():
    key = keyness(THREE, "a", min_count=2)
    assert set(key["term"]) == {"war", "peace"}
    assert key.attrs["total_target"] == 3  # totals before the filter
    assert "and" not in set(keyness(THREE, "a", remove_stopwords=True)["term"])
    with_punct = keyness(THREE, "a", remove_punct=False)
    assert row(with_punct, ".")["n_target"] == 1


def test_input_not_mutated():
    before = TINY.copy()
    keyness(TINY, "t")
    pd.testing.assert_frame_equal(TINY, before)


def test_bad_input():
    with pytest.raises(ValueError, match=r"unknown doc_id.*'zzz'.*valid doc_ids are \['t', 'r'\]"):
        keyness(TINY, "zzz")
    with pytest.raises(ValueError, match="covers all 2 article"):
        keyness(TINY, ["t", "r"])
    with pytest.raises(ValueError, match="selects no article"):
        keyness(TINY, [False, False])
    with pytest.raises(ValueError, match="one value per article"):
        keyness(TINY, [True])
    with pytest.raises(ValueError, match="`measure` = 'g2' is invalid"):
        keyness(TINY, "t", measure="g2")
    with pytest.raises(ValueError, match="`correction` = 'bonferroni' is invalid"):
        keyness(TINY, "t", correction="bonferroni")
    with pytest.raises(ValueError, match="min_count"):
        keyness(TINY, "t", min_count=0)
    with pytest.raises(ValueError, match="columns 'term' and 'count'"):
        keyness(TINY, "t", reference=pd.DataFrame({"word": ["a"], "n": [1]}))
    with pytest.raises(ValueError, match="non-negative whole counts"):
        keyness(TINY, "t", reference={"a": -1})
    with pytest.raises(TypeError, match="`reference` must be"):
        keyness(TINY, "t", reference=["a", "b"])
    with pytest.warns(MediakitWarning, match="no effect"):
        keyness(TINY, "t", measure="pmi", correction="yates")


def test_empty_corpus_and_empty_target():
    empty = keyness(frame({}), "x")
    assert list(empty.columns) == KEYNESS_COLUMNS and empty.empty
    with (
        pytest.warns(MediakitWarning, match="target has no tokens"),
        pytest.warns(MediakitWarning, match="yield no tokens"),
    ):
        got = keyness(frame({"t": "", "r": "Words here."}), "t")
    assert got.empty and list(got.columns) == KEYNESS_COLUMNS


# ---------------------------------------------------------------------------
# collocations
# ---------------------------------------------------------------------------

NY = frame({"d": "New York is big. New York is old. I love New York.", "e": "New, york"})


def test_collocations_pmi_by_hand():
    # words: [new york is big] [new york is old] [i love new york] [new] [york]
    # N = 14 words; f(new) = 4, f(york) = 4, f(new york) = 3, f(york is) = 3, f(is) = 2
    coll = collocations(NY, min_count=2).set_index("collocation")
    assert coll.loc["new york", "count"] == 3
    assert coll.loc["new york", "statistic"] == pytest.approx(math.log2(3 * 14 / (4 * 4)))
    assert coll.loc["york is", "count"] == 2
    assert coll.loc["york is", "statistic"] == pytest.approx(math.log2(2 * 14 / (4 * 2)))
    assert coll.loc["new york", "words"] == ("new", "york")
    assert set(coll.index) == {"new york", "york is"}
    # no bigram crosses a sentence ("big new") or punctuation ("new, york" in "e")
    every = collocations(NY, min_count=1).set_index("collocation")
    assert "big new" not in every.index and "old i" not in every.index
    assert every.loc["new york", "count"] == 3


@pytest.mark.parametrize("measure", ["pmi", "likelihood_ratio", "chi_sq", "student_t", "raw_freq"])
@pytest.mark.parametrize("size", [2, 3])
def test_collocations_match_nltk(seed, measure, size):
    runs = word_runs(tokenize(seed))
    if size == 2:
        finder = BigramCollocationFinder.from_documents(runs)
        score = getattr(BigramAssocMeasures, measure)
    else:
        finder = TrigramCollocationFinder.from_documents(runs)
        score = getattr(TrigramAssocMeasures, measure)
    finder.apply_freq_filter(2)
    want = {g: s for g, s in finder.score_ngrams(score)}
    coll = collocations(seed, size, measure=measure)
    assert len(coll) == len(want) > 5
    for words, count, stat in zip(coll["words"], coll["count"], coll["statistic"], strict=True):
        assert stat == pytest.approx(want[words])
        assert count == finder.ngram_fd[words] >= 2
        assert len(words) == size
    assert coll["statistic"].is_monotonic_decreasing


def test_collocations_window_matches_nltk(seed):
    runs = word_runs(tokenize(seed))
    padded = [w for run in runs for w in [*run, None, None, None]]
    finder = BigramCollocationFinder.from_words(padded, window_size=4)
    finder.apply_freq_filter(2)
    want = dict(finder.score_ngrams(BigramAssocMeasures.pmi))
    coll = collocations(seed, window=4)
    assert dict(zip(coll["words"], coll["statistic"], strict=True)) == pytest.approx(want)


def test_collocations_stopwords_are_boundaries():
    text = frame({"d": "Secretary of State spoke. Secretary of State left."})
    coll = collocations(text, remove_stopwords=True, min_count=1)
    assert "secretary state" not in set(coll["collocation"])
    assert "of state" not in set(coll["collocation"])
    assert "of state" in set(collocations(text)["collocation"])


def test_collocations_bad_input_and_empty():
    with pytest.raises(ValueError, match="`size` = 4 is invalid"):
        collocations(NY, 4)
    with pytest.raises(ValueError, match="`measure` = 'dice' is invalid"):
        collocations(NY, measure="dice")
    with pytest.raises(ValueError, match="only available for size=2"):
        collocations(NY, 3, window=5)
    with pytest.raises(ValueError, match="`window` must be"):
        collocations(NY, window=1)
    for articles in (frame({}), frame({"d": "One."})):
        got = collocations(articles)
        assert got.empty and list(got.columns) == ["collocation", "words", "count", "statistic"]
