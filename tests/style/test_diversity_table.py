"""The corpus-at-once diversity measures equal the one-text functions, value for value.

``mediakit.style._diversity`` defines each measure on one word list, as the
papers do (and is checked against lexicalrichness and TAALED in
test_features.py); ``mediakit.style._diversity_table`` computes them for many
texts at once with numpy. These tests feed both the same words.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mediakit.style import _diversity
from mediakit.style._diversity_table import Words, diversity_arrays

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

MEASURES = ["ttr", "root_ttr", "log_ttr", "mattr", "mtld", "hdd", "hapax_ratio"]


def one_text(words: list[str], window: int, threshold: float) -> dict[str, float]:
    return {
        "ttr": _diversity.ttr(words),
        "root_ttr": _diversity.root_ttr(words),
        "log_ttr": _diversity.log_ttr(words),
        "mattr": _diversity.mattr(words, window),
        "mtld": _diversity.mtld(words, threshold) if words else math.nan,
        "hdd": _diversity.hdd(words, _diversity.HDD_SAMPLE),
        "hapax_ratio": _diversity.hapax_ratio(words),
    }


def corpus(texts: list[list[str]]) -> Words:
    doc = np.repeat(np.arange(len(texts)), [len(t) for t in texts])
    codes, _ = pd.factorize(pd.Series([w for t in texts for w in t], dtype=object))
    return Words(doc, codes, len(texts))


def check(texts: list[list[str]], window: int = 50, threshold: float = 0.72) -> None:
    got = diversity_arrays(corpus(texts), MEASURES, window=window, ttr_threshold=threshold)
    for d, words in enumerate(texts):
        expected = one_text(words, window, threshold)
        for m in MEASURES:
            value, ref = got[m][d], expected[m]
            if math.isnan(ref):
                assert math.isnan(value), (m, d)
            elif m == "log_ttr":  # np.log and math.log may differ in the last bit
                assert value == pytest.approx(ref, rel=1e-15), (m, d)
            else:
                assert value == ref, (m, d, value, ref)  # the same arithmetic: bit for bit


@hypothesis.settings(max_examples=150, deadline=None)
@hypothesis.given(
    texts=st.lists(
        st.lists(st.sampled_from("abcdefghijkl"), min_size=0, max_size=150), min_size=1, max_size=6
    ),
    window=st.integers(1, 40),
    threshold=st.sampled_from([0.5, 0.72, 0.9]),
)
def test_random_word_lists(texts, window, threshold):
    check(texts, window, threshold)


def test_real_articles(seed_raw, standin_raw):
    import mediakit as mk

    raw = pd.concat([seed_raw, standin_raw.rename(index=lambda d: f"standin_{d}")])
    toks = mk.tokenize(mk.clean_articles(raw))
    words = toks[~toks["is_punct"]]
    texts = [words.loc[words["doc_id"] == d, "norm"].tolist() for d in raw.index]
    assert min(map(len, texts)) > 300
    check(texts)
    check(texts, window=100, threshold=0.6)


def test_empty_texts_and_a_text_without_repeats():
    check([[], ["a", "b", "c"], [], ["a", "a"], ["x"]], window=2)


def test_previous_and_next_occurrences_by_hand():
    w = corpus([["a", "b", "a", "c", "a"], ["b", "b"]])
    assert w.prev.tolist() == [-1, -1, 0, -1, 2, -1, 0]
    assert w.next.tolist() == [2, 5, 4, 5, 5, 1, 2]  # the article's length: no next one
    assert w.types().tolist() == [3, 1]


def test_mtld_factors_longer_than_the_window():
    """A stretch of more than 128 new words cannot close within the first window of the
    corpus-wide MTLD passes: those texts are finished one by one, with the same values."""
    distinct = [f"w{i}" for i in range(400)]
    check([distinct, distinct[:200] + ["a", "b"] * 100, ["a"] * 10 + distinct[:150], ["a", "b"]])


@hypothesis.settings(max_examples=100, deadline=None)
@hypothesis.given(
    texts=st.lists(
        st.lists(st.sampled_from("abcdefghij"), min_size=0, max_size=60), min_size=1, max_size=5
    ),
    block=st.integers(1, 8),
    threshold=st.sampled_from([0.5, 0.72, 0.9]),
)
def test_mtld_passes_with_any_window_equal_one_pass_at_a_time(texts, block, threshold):
    from mediakit.style._diversity_table import _mtld_pass, _mtld_passes

    w = corpus(texts)
    full, partial = _mtld_passes(w.prev, w.cut, threshold, block=block)
    for d in range(len(texts)):
        expected = _mtld_pass(w.prev[w.cut[d] : w.cut[d + 1]], threshold)
        assert (full[d], partial[d]) == expected, (d, block)
