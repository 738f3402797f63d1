"""Tests of mediakit.compare.reuse: containment, resemblance, verbatim passages, labels.

Every expected number is counted by hand in the test or computed by an
independent implementation (Python sets of n-grams; a direct, quadratic
transcription of Wise's Greedy String Tiling).
"""

from __future__ import annotations

import re
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.compare import _passages
from mediakit.compare.reuse import DEFAULT_THRESHOLDS, LABELS, text_reuse, verbatim_passages

COLUMNS = [
    "doc_id_a",
    "doc_id_b",
    "similarity",
    "containment_source",
    "containment_derived",
    "resemblance",
    "verbatim_share",
    "n_passages",
    "longest_passage",
    "label",
    "evidence",
]
PASSAGE_COLUMNS = ["doc_id_a", "doc_id_b", "a_start", "a_end", "b_start", "b_end", "n_tokens"]
QUOTE = (
    "Russia is delivering the latest technology into North Korea in return for "
    "North Korean help with the war against Ukraine"
)


def frame(**texts: str | None) -> pd.DataFrame:
    return pd.DataFrame(
        {"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id", dtype="str")
    )


def words_of(text: str) -> list[str]:
    """Independent tokenization for plain texts made of lowercase/Title words."""
    return re.findall(r"[a-z0-9]+", text.lower())


def ngram_set(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def naive_gst(a: list, b: list, mml: int) -> list[tuple[int, int, int]]:
    """Wise (1996), Fig. 1, transcribed literally: every (p, q), no index."""
    mark_a, mark_b = [False] * len(a), [False] * len(b)
    tiles = []
    while True:
        maxmatch, matches = mml, []
        for p in range(len(a)):
            for q in range(len(b)):
                j = 0
                while (
                    p + j < len(a)
                    and q + j < len(b)
                    and a[p + j] == b[q + j]
                    and not mark_a[p + j]
                    and not mark_b[q + j]
                ):
                    j += 1
                if j > maxmatch:
                    maxmatch, matches = j, [(p, q, j)]
                elif j == maxmatch:
                    matches.append((p, q, j))
        for p, q, j in matches:
            if not any(mark_a[p : p + j]) and not any(mark_b[q : q + j]):
                mark_a[p : p + j] = [True] * j
                mark_b[q : q + j] = [True] * j
                tiles.append((p, q, j))
        if maxmatch == mml:
            return tiles


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


# ---------------------------------------------------------------------------
# n-gram measures, counted by hand
# ---------------------------------------------------------------------------

# a: the cat sat on the mat            (6 words; "." is punctuation, left out)
# b: the cat sat on a mat today        (7 words; "," and "!" left out)
A_TEXT = "The cat sat on the mat."
B_TEXT = "The cat sat, on a mat today!"
# Trigrams of a: {the cat sat, cat sat on, sat on the, on the mat}          -> 4
# Trigrams of b: {the cat sat, cat sat on, sat on a, on a mat, a mat today} -> 5
# Shared: {the cat sat, cat sat on}                                          -> 2
# (the comma between "sat" and "on" is not a word, so "cat sat on" is shared)


def test_trigram_measures_by_hand():
    row = text_reuse(frame(a=A_TEXT, b=B_TEXT), "a", "b").iloc[0]
    assert row["containment_derived"] == pytest.approx(float(Fraction(2, 5)))
    assert row["containment_source"] == pytest.approx(float(Fraction(2, 4)))
    assert row["resemblance"] == pytest.approx(float(Fraction(2, 4 + 5 - 2)))
    assert row["similarity"] == row["containment_derived"]
    assert row["n_passages"] == 0 and row["longest_passage"] == 0
    assert row["verbatim_share"] == 0.0


def test_bigram_measures_by_hand():
    # Bigrams of a: the cat, cat sat, sat on, on the, the mat                 -> 5
    # Bigrams of b: the cat, cat sat, sat on, on a, a mat, mat today          -> 6
    # Shared: the cat, cat sat, sat on                                         -> 3
    row = text_reuse(frame(a=A_TEXT, b=B_TEXT), "a", "b", n=2).iloc[0]
    assert row["containment_derived"] == pytest.approx(3 / 6)
    assert row["containment_source"] == pytest.approx(3 / 5)
    assert row["resemblance"] == pytest.approx(3 / 8)


def test_ngrams_are_sets_and_stop_words_count():
    # a: we will win we will win -> trigrams "we will win" (twice), "will win we",
    # "win we will": 3 distinct. b: we will win -> 1. ("we" is a stop word: kept.)
    arts = frame(a="We will win, we will win!", b="We will win.")
    row = text_reuse(arts, "a", "b").iloc[0]
    assert row["containment_derived"] == 1.0
    assert row["containment_source"] == pytest.approx(1 / 3)
    assert row["resemblance"] == pytest.approx(1 / 3)


def test_unigram_stop_words_are_kept():
    # n=1, b = "the of and" (all stop words) is fully contained in a.
    row = text_reuse(frame(a="Of mice and the men.", b="The of and."), "a", "b", n=1).iloc[0]
    assert row["containment_derived"] == 1.0
    assert row["containment_source"] == pytest.approx(3 / 5)


def test_evidence_states_the_numbers():
    row = text_reuse(frame(a=A_TEXT, b=B_TEXT), "a", "b").iloc[0]
    assert row["evidence"] == (
        "40% of the word trigrams of 'b' (2 of 5) occur in 'a'; no verbatim passage of 8+ words"
    )


# ---------------------------------------------------------------------------
# sparse path == Python sets (property)
# ---------------------------------------------------------------------------

VOCAB = ["north", "korea", "war", "the", "of", "said", "Rutte", "troops"]
texts_strategy = st.lists(
    st.lists(st.sampled_from(VOCAB), min_size=0, max_size=25).map(" ".join),
    min_size=2,
    max_size=5,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=texts_strategy, n=st.integers(1, 4), min_passage=st.integers(1, 5))
def test_sparse_path_equals_set_computation(texts, n, min_passage):
    arts = frame(**{f"d{i}": t for i, t in enumerate(texts)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        out = text_reuse(arts, n=n, min_passage=min_passage)
    ids = list(arts.index)
    assert len(out) == len(ids) * (len(ids) - 1)
    for row in out.itertuples():
        wa, wb = words_of(arts.loc[row.doc_id_a, "text"]), words_of(arts.loc[row.doc_id_b, "text"])
        sa, sb = ngram_set(wa, n), ngram_set(wb, n)
        shared = len(sa & sb)
        expect_b = shared / len(sb) if sb else np.nan
        expect_a = shared / len(sa) if sa else np.nan
        union = len(sa | sb)
        expect_r = shared / union if union else np.nan
        np.testing.assert_allclose(row.containment_derived, expect_b)
        np.testing.assert_allclose(row.containment_source, expect_a)
        np.testing.assert_allclose(row.resemblance, expect_r)
        tiles = naive_gst(wa, wb, min_passage)
        covered = sum(t[2] for t in tiles)
        np.testing.assert_allclose(row.verbatim_share, covered / len(wb) if wb else np.nan)
        assert row.n_passages == len(tiles)
        assert row.longest_passage == max((t[2] for t in tiles), default=0)


def test_blockwise_intersections_equal_the_product(seed, monkeypatch):
    arts = pd.concat([seed, frame(a=A_TEXT, b=B_TEXT)])
    expected = text_reuse(arts)
    monkeypatch.setattr(_passages, "_DENSE_CELLS", 0)
    monkeypatch.setattr(_passages, "_BLOCK", 3)
    pd.testing.assert_frame_equal(text_reuse(arts), expected)


def test_gram_ids_do_not_cross_documents():
    # doc 0 = [0, 1, 2], doc 1 = [0, 1]
    codes = np.array([0, 1, 2, 0, 1])
    ptr = np.array([0, 3, 5])
    ids, n_ids = _passages.gram_ids(codes, ptr, 2)
    assert n_ids == 2  # (0, 1) and (1, 2)
    assert ids[0] == ids[3] and ids[1] != ids[0]
    assert ids[2] == -1 and ids[4] == -1  # no bigram from the last word of a doc
    ids3, n3 = _passages.gram_ids(codes, ptr, 3)
    assert n3 == 1 and ids3.tolist() == [0, -1, -1, -1, -1]


# ---------------------------------------------------------------------------
# Greedy String Tiling
# ---------------------------------------------------------------------------


def test_gst_longest_first_beats_left_to_right():
    # Left to right would tile "one two three" then "four five six" (6 tokens);
    # GST tiles the longest run "three four five six" first, which leaves
    # "one two" (2 < 3) untiled.
    a = "one two three four five six".split()
    b = "one two three nine three four five six".split()
    assert _passages.greedy_string_tiling(a, b, 3) == [(2, 4, 4)]


def test_gst_overlapping_runs_and_short_remainder():
    a = "a b c d e f g".split()
    b = "a b c d e x c d e f g".split()
    # Two runs of 5: a[0:5] = b[0:5] and a[2:7] = b[6:11]; they overlap in a
    # (c d e). The tie goes to the earlier one in a; the other is occluded and
    # what is left of it, "f g", is shorter than 3: ignored.
    assert _passages.greedy_string_tiling(a, b, 3) == [(0, 0, 5)]
    # With a minimum of 2, the remainder "f g" becomes a tile in a later round.
    assert _passages.greedy_string_tiling(a, b, 2) == [(0, 0, 5), (5, 9, 2)]


def test_gst_ignores_runs_shorter_than_the_minimum():
    a = "we have to work together so".split()
    b = "we have to go".split()
    assert _passages.greedy_string_tiling(a, b, 4) == []
    assert _passages.greedy_string_tiling(a, b, 3) == [(0, 0, 3)]


def test_gst_tiles_do_not_overlap_in_either_text():
    a = "x y z x y z".split()
    b = "x y z".split()
    assert _passages.greedy_string_tiling(a, b, 3) == [(0, 0, 3)]  # b is covered once
    assert _passages.greedy_string_tiling(b, a, 3) == [(0, 0, 3)]


@settings(max_examples=200, deadline=None)
@given(
    a=st.lists(st.integers(0, 2), max_size=30),
    b=st.lists(st.integers(0, 2), max_size=30),
    mml=st.integers(1, 4),
)
def test_gst_equals_literal_wise(a, b, mml):
    got = _passages.greedy_string_tiling(a, b, mml)
    assert got == naive_gst(a, b, mml)
    for p, q, j in got:
        assert j >= mml and a[p : p + j] == b[q : q + j]


# ---------------------------------------------------------------------------
# passages: offsets and the seed pair
# ---------------------------------------------------------------------------


# The verbatim runs of 8+ words the rewrite keeps from the wire, read off the
# cleaned texts by hand (words as mediakit.tokenize counts them: "’s" is a word,
# punctuation, quotes and dashes are not; runs cross sentence ends), in reading order.
SEED_PASSAGES = [
    ("Thursday that North Korea’s involvement in Russia’s war against Ukraine", 12),
    ("to persuade Donald Trump to continue supporting Kyiv", 8),
    ("that North Korea, Iran, China and of course Russia are working together", 12),
    ("in Budapest.\n\n“At the same time, Russia has to pay for", 11),
    ("and one of the things they are doing is", 9),
    ("to kill our people on European soil,” Zelensky said.\n\nMeanwhile, Iran", 11),
    ("accused of supplying Russia with missiles and drones", 8),
    ("that can help Trump look more favorably on Ukraine is good and worth trying,” said", 15),
    ("is not true – European countries play a very", 8),
]
# The next longest runs have 7 words: "at the Budapest summit sought to downplay",
# "we are the United States or Europe", "Outgoing Belgian Prime Minister Alexander
# De Croo", "war in Europe. North Korean soldiers are".


def _words(seed: pd.DataFrame) -> dict[str, list[str]]:
    toks = mk.tokenize(seed)
    return {
        d: toks.loc[(toks["doc_id"] == d) & ~toks["is_punct"], "norm"].tolist()
        for d in ("wire", "rewrite")
    }


def test_seed_pair_passages_are_found(seed):
    wire, rewrite = seed.loc["wire", "text"], seed.loc["rewrite", "text"]
    passages = verbatim_passages(seed, "wire", "rewrite")
    assert passages["text"].tolist() == [text for text, _ in SEED_PASSAGES]
    assert passages["n_tokens"].tolist() == [n for _, n in SEED_PASSAGES]
    for row, (text, _) in zip(passages.itertuples(), SEED_PASSAGES, strict=True):
        assert wire.count(text) == 1
        assert (row.a_start, row.a_end) == (wire.index(text), wire.index(text) + len(text))
    # in the rewrite, the same words with other punctuation or line breaks
    b_texts = [rewrite[r.b_start : r.b_end] for r in passages.itertuples()]
    assert b_texts[2] == "that North Korea, Iran, China, and of course Russia are working together"
    assert b_texts[3] == "in Budapest. “At the same time, Russia has to pay for"
    assert b_texts[8] == "is not true—European countries play a very"
    reuse = text_reuse(seed, "wire", "rewrite").iloc[0]
    assert reuse["longest_passage"] == 15
    assert reuse["n_passages"] == 9
    # literal GST agrees
    words = _words(seed)
    tiles = naive_gst(words["wire"], words["rewrite"], 8)
    assert sorted(t[2] for t in tiles) == sorted(n for _, n in SEED_PASSAGES)


def test_standin_pair_quote_is_found(standin_raw):
    seed = mk.clean_articles(standin_raw)
    wire, rewrite = seed.loc["wire", "text"], seed.loc["rewrite", "text"]
    # Read from the data: both texts carry the quote, each inside typographic quotes.
    assert f"“{QUOTE},”" in wire and f"“{QUOTE},”" in rewrite
    passages = verbatim_passages(seed, "wire", "rewrite")
    hit = passages[passages["text"] == QUOTE]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert (row.a_start, row.a_end) == (wire.index(QUOTE), wire.index(QUOTE) + len(QUOTE))
    assert (row.b_start, row.b_end) == (
        rewrite.index(QUOTE),
        rewrite.index(QUOTE) + len(QUOTE),
    )
    assert row.n_tokens == len(QUOTE.split()) == 20
    reuse = text_reuse(seed, "wire", "rewrite").iloc[0]
    assert reuse["longest_passage"] == 20
    # The quote is the only run of 8+ words the rewrite keeps (the next longest,
    # "has called for an immediate ceasefire", has 6): literal GST agrees.
    words = _words(seed)
    assert [t[2] for t in naive_gst(words["wire"], words["rewrite"], 8)] == [20]
    assert reuse["n_passages"] == 1
    # 0.16 < 0.2 of the trigrams, but the 20-word quote is >= 5 % of the rewrite
    sw, sr = ngram_set(words["wire"], 3), ngram_set(words["rewrite"], 3)
    assert len(sw & sr) / len(sr) < 0.2
    assert reuse["verbatim_share"] == pytest.approx(20 / len(words["rewrite"]))
    assert reuse["label"] == "partially_derived"


def test_seed_pair_containment_equals_sets(seed):
    words = _words(seed)
    # 608 and 579 words (counted in tests/style/test_features.py)
    assert (len(words["wire"]), len(words["rewrite"])) == (608, 579)
    sw, sr = ngram_set(words["wire"], 3), ngram_set(words["rewrite"], 3)
    row = text_reuse(seed, "wire", "rewrite").iloc[0]
    assert row["containment_derived"] == pytest.approx(len(sw & sr) / len(sr))
    assert row["containment_source"] == pytest.approx(len(sw & sr) / len(sw))
    assert row["resemblance"] == pytest.approx(len(sw & sr) / len(sw | sr))
    # the passages above cover 94 of the rewrite's 579 words
    assert sum(n for _, n in SEED_PASSAGES) == 94
    assert row["verbatim_share"] == pytest.approx(94 / 579)
    # 27 % >= 20 % of the rewrite's trigrams occur in the wire: partially derived
    assert 0.2 <= len(sw & sr) / len(sr) < 0.6
    assert row["label"] == "partially_derived"


def test_passage_offsets_give_the_same_words_in_both_texts(seed):
    passages = verbatim_passages(seed, "wire", "rewrite", min_passage=3)
    assert len(passages) > 5
    for row in passages.itertuples():
        a_text = seed.loc[row.doc_id_a, "text"][row.a_start : row.a_end]
        b_text = seed.loc[row.doc_id_b, "text"][row.b_start : row.b_end]
        assert a_text == row.text
        toks = mk.tokenize(frame(a=a_text, b=b_text))
        norms = {
            d: toks.loc[(toks["doc_id"] == d) & ~toks["is_punct"], "norm"].tolist()
            for d in ("a", "b")
        }
        assert norms["a"] == norms["b"]
        assert len(norms["a"]) == row.n_tokens >= 3
    # Reading order of the derived text; tiles never overlap in either text.
    assert passages["b_start"].is_monotonic_increasing
    a_sorted = passages.sort_values("a_start")
    assert (a_sorted["a_start"].to_numpy()[1:] >= a_sorted["a_end"].to_numpy()[:-1]).all()


def test_passages_table_contract(seed):
    passages = verbatim_passages(seed, "wire", "rewrite")
    assert list(passages.columns) == [*PASSAGE_COLUMNS, "text"]
    assert isinstance(passages.index, pd.RangeIndex)
    for col in PASSAGE_COLUMNS[2:]:
        assert passages[col].dtype == np.int64
    empty = verbatim_passages(frame(a=A_TEXT, b=B_TEXT), "a", "b")
    assert list(empty.columns) == [*PASSAGE_COLUMNS, "text"] and len(empty) == 0


def test_passages_agree_with_text_reuse(seed):
    arts = pd.concat([seed, frame(copy=seed.loc["wire", "text"] + "\n\nA new ending here.")])
    reuse = text_reuse(arts, min_passage=5)
    passages = verbatim_passages(arts, min_passage=5)
    counts = passages.groupby(["doc_id_a", "doc_id_b"]).size()
    for row in reuse.itertuples():
        assert row.n_passages == counts.get((row.doc_id_a, row.doc_id_b), 0)


# ---------------------------------------------------------------------------
# many pairs
# ---------------------------------------------------------------------------


@pytest.fixture()
def seven(seed) -> pd.DataFrame:
    wire, rewrite = seed.loc["wire", "text"], seed.loc["rewrite", "text"]
    return pd.concat(
        [
            seed,
            frame(
                s3="Fresh prose about the weather in Oslo on a cold and rainy day.",
                d1=wire.split("\n\n")[3],
                d2=rewrite,
                d3="Nothing in common with the others at all, just a few plain words.",
                d4=A_TEXT,
            ),
        ]
    )


def test_three_sources_by_four_derived(seven):
    sources, derived = ["wire", "rewrite", "s3"], ["d1", "d2", "d3", "d4"]
    out = text_reuse(seven, sources, derived)
    assert list(out.columns) == COLUMNS
    assert isinstance(out.index, pd.RangeIndex) and len(out) == 12
    assert out[["doc_id_a", "doc_id_b"]].to_numpy().tolist() == [
        [s, d] for s in sources for d in derived
    ]
    # Each row is what the pair gives on its own.
    for i, (a, b) in enumerate(zip(out["doc_id_a"], out["doc_id_b"], strict=True)):
        alone = text_reuse(seven, a, b).iloc[0]
        pd.testing.assert_series_equal(out.iloc[i], alone, check_names=False)
    # A paragraph of the wire, and the rewrite itself, as "derived" texts.
    by_pair = out.set_index(["doc_id_a", "doc_id_b"])
    assert by_pair.loc[("wire", "d1"), "containment_derived"] == 1.0
    assert by_pair.loc[("wire", "d1"), "label"] == "wholly_derived"
    assert by_pair.loc[("rewrite", "d2"), "resemblance"] == 1.0
    assert out["label"].isin(LABELS).all()


def test_overlapping_lists_skip_self_pairs(seven):
    out = text_reuse(seven, ["wire", "rewrite", "d2"], ["d2", "d3", "wire", "d4"])
    assert len(out) == 3 * 4 - 2  # (wire, wire) and (d2, d2) skipped
    assert (out["doc_id_a"] != out["doc_id_b"]).all()


def test_source_alone_means_against_all_others(seven):
    out = text_reuse(seven, "wire")
    assert out["doc_id_a"].eq("wire").all()
    assert out["doc_id_b"].tolist() == [d for d in seven.index if d != "wire"]


def test_pairs_table_rows_in_rows_out(seven):
    pairs = pd.DataFrame(
        {"doc_id_a": ["wire", "d4", "wire", "d3"], "doc_id_b": ["d2", "d4", "d2", "wire"]},
        index=[10, 11, 12, 13],
    )
    out = text_reuse(seven, pairs=pairs)
    assert isinstance(out.index, pd.RangeIndex)
    assert out[["doc_id_a", "doc_id_b"]].to_numpy().tolist() == pairs.to_numpy().tolist()
    assert out.loc[1, "containment_derived"] == 1.0  # an article with itself
    pd.testing.assert_series_equal(out.loc[0], out.loc[2], check_names=False)
    passages = verbatim_passages(seven, pairs=pairs)
    assert set(passages["doc_id_a"] + "|" + passages["doc_id_b"]) <= {
        "wire|d2",
        "d4|d4",
        "d3|wire",
    }


def test_tokens_argument_gives_the_same_result(seven):
    toks = mk.tokenize(seven)
    pd.testing.assert_frame_equal(text_reuse(seven, tokens=toks), text_reuse(seven))
    pd.testing.assert_frame_equal(verbatim_passages(seven, tokens=toks), verbatim_passages(seven))


def test_inputs_are_not_mutated(seven):
    before = seven.copy()
    pairs = pd.DataFrame({"doc_id_a": ["wire"], "doc_id_b": ["d2"]})
    pairs_before = pairs.copy()
    text_reuse(seven, ["wire"], ["d2"])
    verbatim_passages(seven, pairs=pairs)
    pd.testing.assert_frame_equal(seven, before)
    pd.testing.assert_frame_equal(pairs, pairs_before)


# ---------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------


def made_up(n_copied: int, n_new: int) -> pd.DataFrame:
    """Source s0..s39; derived = s0..s{n_copied-1} then x0..x{n_new-1} (distinct words)."""
    source = " ".join(f"s{i}" for i in range(40))
    derived = " ".join([f"s{i}" for i in range(n_copied)] + [f"x{i}" for i in range(n_new)])
    return frame(src=source, der=derived)


def test_label_rules_by_hand():
    # 40 copied + 0 new: containment 38/38 = 1 -> wholly.
    assert text_reuse(made_up(40, 0), "src", "der")["label"].item() == "wholly_derived"
    # 10 copied + 30 new (40 words, 38 trigrams, 8 shared): 8/38 = 0.21 >= 0.2 -> partially.
    row = text_reuse(made_up(10, 30), "src", "der").iloc[0]
    assert row["containment_derived"] == pytest.approx(8 / 38)
    assert row["label"] == "partially_derived"
    # 8 copied + 92 new (100 words, 98 trigrams, 6 shared): 6/98 = 0.06 < 0.2, but one
    # 8-word passage covers 8/100 = 0.08 >= 0.05 of the words -> partially.
    row = text_reuse(made_up(8, 92), "src", "der").iloc[0]
    assert row["containment_derived"] == pytest.approx(6 / 98)
    assert row["verbatim_share"] == pytest.approx(8 / 100)
    assert (row["n_passages"], row["longest_passage"]) == (1, 8)
    assert row["label"] == "partially_derived"
    assert row["evidence"].endswith(
        "1 verbatim passage of 8+ words (8 words) covers 8% of its words"
    )
    # 7 copied + 93 new: 5/98 shared trigrams, no 8-word passage -> non.
    row = text_reuse(made_up(7, 93), "src", "der").iloc[0]
    assert (row["n_passages"], row["verbatim_share"]) == (0, 0.0)
    assert row["label"] == "non_derived"


def test_thresholds_are_configurable():
    arts = made_up(10, 30)  # containment 8/38 = 0.21, verbatim 10/40 = 0.25
    stricter = {"partially": 0.3, "partially_verbatim": 0.3}
    assert text_reuse(arts, "src", "der", thresholds=stricter)["label"].item() == "non_derived"
    assert (
        text_reuse(arts, "src", "der", thresholds={"wholly": 0.2})["label"].item()
        == "wholly_derived"
    )
    assert dict(DEFAULT_THRESHOLDS) == {"wholly": 0.6, "partially": 0.2, "partially_verbatim": 0.05}


# ---------------------------------------------------------------------------
# bad input and edge cases
# ---------------------------------------------------------------------------


def test_unknown_doc_id_names_it_and_lists_valid_ones(seed):
    with pytest.raises(ValueError, match=r"unknown doc_id\(s\) in `derived`: \['nope'\]") as err:
        text_reuse(seed, "wire", "nope")
    assert "'wire', 'rewrite'" in str(err.value)
    with pytest.raises(ValueError, match=r"`source`: \['x', 'y'\]"):
        verbatim_passages(seed, ["x", "wire", "y"], "rewrite")
    with pytest.raises(ValueError, match=r"`pairs`.doc_id_b: \['zz'\]"):
        text_reuse(seed, pairs=pd.DataFrame({"doc_id_a": ["wire"], "doc_id_b": ["zz"]}))


def test_bad_arguments(seed):
    with pytest.raises(ValueError, match="not both"):
        text_reuse(seed, "wire", pairs=pd.DataFrame({"doc_id_a": [], "doc_id_b": []}))
    with pytest.raises(ValueError, match=r"needs column\(s\) \['doc_id_b'\]"):
        text_reuse(seed, pairs=pd.DataFrame({"doc_id_a": ["wire"]}))
    with pytest.raises(TypeError, match="`pairs` must be a DataFrame"):
        text_reuse(seed, pairs=[("wire", "rewrite")])
    with pytest.raises(TypeError, match="articles DataFrame"):
        text_reuse(seed["text"], "wire", "rewrite")
    with pytest.raises(TypeError, match="`source` must be a doc_id or a list"):
        text_reuse(seed, {"wire": 1}, "rewrite")
    for bad in (0, 2.5, True, "3"):
        with pytest.raises(ValueError, match="`n` must be a whole number >= 1"):
            text_reuse(seed, "wire", "rewrite", n=bad)
    with pytest.raises(ValueError, match="`min_passage` must be a whole number"):
        verbatim_passages(seed, "wire", "rewrite", min_passage=0)
    with pytest.raises(ValueError, match=r"unknown key\(s\) \['whole'\]"):
        text_reuse(seed, "wire", "rewrite", thresholds={"whole": 0.5})
    with pytest.raises(ValueError, match=r"in \[0, 1\]"):
        text_reuse(seed, "wire", "rewrite", thresholds={"wholly": 1.5})
    with pytest.raises(ValueError, match="must not exceed"):
        text_reuse(seed, "wire", "rewrite", thresholds={"partially": 0.7})
    with pytest.raises(TypeError, match="must be a mapping"):
        text_reuse(seed, "wire", "rewrite", thresholds=0.5)
    with pytest.raises(TypeError, match="`tokens` must be a DataFrame"):
        text_reuse(seed, "wire", "rewrite", tokens="tokens")
    with pytest.raises(ValueError, match=r"`tokens` needs column\(s\)"):
        text_reuse(seed, "wire", "rewrite", tokens=pd.DataFrame({"doc_id": ["wire"]}))
    wrong = seed.assign(text=[seed.loc["wire", "text"], 42])
    with pytest.raises(TypeError, match=r"str values in column `text`.*\('rewrite', 'int'\)"):
        text_reuse(wrong, "wire", "rewrite")


def test_empty_article_gives_nan_one_way_and_zero_the_other():
    arts = frame(a=A_TEXT, e="", m=None)
    with pytest.warns(MediakitWarning, match=r"2 article\(s\) have no text.*\['e', 'm'\]"):
        out = text_reuse(arts, "a", ["e", "m"])
    for row in out.itertuples():
        assert np.isnan(row.containment_derived) and np.isnan(row.similarity)
        assert row.containment_source == 0.0 and row.resemblance == 0.0
        assert np.isnan(row.verbatim_share) and row.n_passages == 0
        assert pd.isna(row.label)
        assert (
            row.evidence
            == f"'{row.doc_id_b}' has fewer than 3 words: no word trigrams to compare with 'a'"
        )
    with pytest.warns(MediakitWarning, match="no text"):
        back = text_reuse(arts, "e", "a").iloc[0]
    assert back["containment_derived"] == 0.0 and np.isnan(back["containment_source"])
    assert back["label"] == "non_derived"
    with pytest.warns(MediakitWarning, match="no text"):
        both = text_reuse(arts, "e", "m").iloc[0]
    assert np.isnan(both["resemblance"])
    with pytest.warns(MediakitWarning, match=r"have no words.*\['e'\]"):
        assert len(verbatim_passages(arts, "a", "e")) == 0


def test_derived_shorter_than_n_is_nan_with_warning():
    arts = frame(a="Hello there, my good friend.", b="Hello there!")
    with pytest.warns(MediakitWarning, match=r"fewer than 3 words.*\['b'\]"):
        row = text_reuse(arts, "a", "b").iloc[0]
    assert np.isnan(row["containment_derived"]) and pd.isna(row["label"])
    # with n=2 the same pair is measurable: "hello there" is shared, 1 of 1 bigrams
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row2 = text_reuse(arts, "a", "b", n=2).iloc[0]
    assert row2["containment_derived"] == 1.0


def test_identical_articles_are_wholly_derived(seed):
    arts = pd.concat([seed, frame(twin=seed.loc["rewrite", "text"])])
    row = text_reuse(arts, "rewrite", "twin").iloc[0]
    assert row["containment_derived"] == row["containment_source"] == row["resemblance"] == 1.0
    assert row["verbatim_share"] == 1.0 and row["n_passages"] == 1
    toks = mk.tokenize(seed)
    n_words = int(((toks["doc_id"] == "rewrite") & ~toks["is_punct"]).sum())
    assert row["longest_passage"] == n_words
    assert row["label"] == "wholly_derived"


def test_different_scripts_share_nothing():
    arts = frame(
        en="Russia is delivering the latest technology into North Korea.",
        ru="Россия поставляет новейшие технологии в Северную Корею.",
        el="Η Ρωσία παραδίδει την τελευταία τεχνολογία στη Βόρεια Κορέα.",
    )
    out = text_reuse(arts)
    assert len(out) == 6
    assert (out["containment_derived"] == 0).all() and (out["resemblance"] == 0).all()
    assert (out["n_passages"] == 0).all() and out["label"].eq("non_derived").all()


def test_no_pairs_left_warns_and_returns_empty_table(seed):
    with pytest.warns(MediakitWarning, match="only the same article"):
        out = text_reuse(seed, "wire", "wire")
    assert list(out.columns) == COLUMNS and len(out) == 0
    with pytest.warns(MediakitWarning, match="is empty"):
        assert len(verbatim_passages(seed, [], "wire")) == 0


def test_output_dtypes(seed):
    out = text_reuse(seed)
    assert out["doc_id_a"].dtype == seed.index.dtype
    for col in ("similarity", "containment_source", "containment_derived", "resemblance"):
        assert out[col].dtype == np.float64
    assert out["n_passages"].dtype == np.int64 and out["longest_passage"].dtype == np.int64
    assert pd.api.types.is_string_dtype(out["label"])
    assert pd.api.types.is_string_dtype(out["evidence"])


def test_integer_doc_ids():
    arts = pd.DataFrame({"text": [A_TEXT, B_TEXT]}, index=pd.Index([7, 9], name="doc_id"))
    out = text_reuse(arts, 7, 9)
    assert out["doc_id_a"].tolist() == [7] and out["doc_id_b"].tolist() == [9]
    assert out["containment_derived"].item() == pytest.approx(2 / 5)
    with pytest.raises(ValueError, match=r"unknown doc_id.*\['9'\]"):
        text_reuse(arts, 7, "9")
