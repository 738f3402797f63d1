"""Tests for mediakit.style.features: hand computations, references, bad input.

Expected values are worked out by hand in the comments (fractions), or come
from two independent implementations fed the same word list:
``lexicalrichness`` (Shen 2022) and TAALED (Kyle et al.), used only here.
"""

from __future__ import annotations

import importlib.util
import math
import sys
import types
import warnings
from fractions import Fraction as F
from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.segment import tokenize
from mediakit.style.features import (
    DIVERSITY_MEASURES,
    FEATURES,
    lexical_diversity,
    lexical_features,
)


def articles(*texts: str, ids: list[str] | None = None) -> pd.DataFrame:
    ids = ids or [f"d{i}" for i in range(len(texts))]
    return pd.DataFrame({"text": list(texts)}, index=pd.Index(ids, name="doc_id"))


def one(text: str, func=lexical_features, **kw) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        return func(articles(text), **kw).iloc[0]


def words_of(frame: pd.DataFrame) -> list[list[str]]:
    """The word list the package measures, built from the public tokenizer."""
    toks = tokenize(frame)
    toks = toks[~toks["is_punct"]]
    return [toks.loc[toks["doc_id"] == d, "norm"].tolist() for d in frame.index]


def approx(x) -> pytest.approx:
    return pytest.approx(float(x), rel=1e-12, abs=1e-12)


# expected warnings are checked with pytest.warns where they matter
pytestmark = pytest.mark.filterwarnings("ignore::mediakit._validation.MediakitWarning")


# ---------------------------------------------------------------------------
# counts, by hand
# ---------------------------------------------------------------------------

SIMPLE = "The cat sat. The cat ran far.\n\nA dog ran."


def test_counts_by_hand():
    row = one(SIMPLE)
    # words: The cat sat | The cat ran far | A dog ran  -> 3 + 4 + 3 = 10
    assert row["n_chars"] == len(SIMPLE) == 41
    assert row["n_tokens"] == 10
    # types (casefolded): the cat sat ran far a dog -> 7
    assert row["n_types"] == 7
    assert row["n_sentences"] == 3
    assert row["n_paragraphs"] == 2
    # sentence lengths 3, 4, 3: mean 10/3; deviations -1/3, 2/3, -1/3,
    # squares sum to 6/9; sample variance (n - 1 = 2) = 1/3
    assert row["mean_sentence_length"] == approx(F(10, 3))
    assert row["sd_sentence_length"] == approx(math.sqrt(1 / 3))
    # letters: 3+3+3 + 3+3+3+3 + 1+3+3 = 28 over 10 words
    assert row["mean_word_length"] == approx(F(28, 10))
    assert row["long_word_share"] == 0
    assert row["n_numbers"] == 0
    assert row["quoted_token_share"] == 0


def test_diversity_by_hand():
    row = one(SIMPLE)
    # N = 10, V = 7; frequencies the 2, cat 2, ran 2, sat/far/a/dog 1 -> 4 hapaxes
    assert row["ttr"] == approx(F(7, 10))
    assert row["root_ttr"] == approx(7 / math.sqrt(10))
    assert row["log_ttr"] == approx(math.log(7) / math.log(10))
    assert row["hapax_ratio"] == approx(F(4, 7))
    # too short for the MATTR window (50) and the HD-D sample (42)
    assert math.isnan(row["mattr"]) and math.isnan(row["hdd"])


def test_lowercase_false_keeps_case_apart():
    # The/the are one type when casefolded, two when not
    assert one("The dog and the cat.")["n_types"] == 4
    assert one("The dog and the cat.", lowercase=False)["n_types"] == 5


def test_word_length_long_words_and_numbers_by_hand():
    row = one("U.S. officials counted 11,000 troops in 2022, don't forget.")
    # words (letters+digits): U.S. 2, officials 9, counted 7, 11,000 5, troops 6,
    # in 2, 2022 4, don't 4, forget 6 -> 45 over 9 words
    assert row["n_tokens"] == 9
    assert row["mean_word_length"] == approx(F(45, 9))
    # >= 7: officials, counted -> 2/9
    assert row["long_word_share"] == approx(F(2, 9))
    # numerals in digits: 11,000 and 2022
    assert row["n_numbers"] == 2


def test_subheadings_are_words_but_not_sentences():
    text = "First line here.\n\nA Crosshead Title\n\nSecond line is longer here."
    row = one(text)
    # body sentences: 3 and 5 words; the crosshead's 3 words count as tokens only
    assert row["n_tokens"] == 11
    assert row["n_sentences"] == 2
    assert row["n_paragraphs"] == 2
    assert row["mean_sentence_length"] == approx(4)
    # one sentence: the sample sd is undefined
    assert math.isnan(one("Just one sentence.")["sd_sentence_length"])


# ---------------------------------------------------------------------------
# quoted words, by hand
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # typographic, closed: We will win (3) of 5 words
        ("“We will win,” he said.", F(3, 5)),
        # straight quotes: no way (2) of 5
        ('She said "no way" today.', F(2, 5)),
        # unclosed quote runs to its paragraph's end: we will fight on (4);
        # the next paragraph reopens: And we will win (4); of 12 words
        ("He said “we will fight on.\n\n“And we will win,” he added.", F(8, 12)),
        # nested single quotes stay inside: He said no to me (5) of 7
        ("“He said ‘no’ to me,” she said.", F(5, 7)),
        # guillemets, French and German style: non merci (2) + Ja (1) of 9
        ("Il a dit « non merci » hier. »Ja« sagte er.", F(3, 9)),
        # German low-high quotes: Ja (1) of 3
        ("„Ja“, sagte er.", F(1, 3)),
        # a lone closing mark is ignored; apostrophes are not quotes
        ("He left” and didn't come back.", F(0, 6)),
        # odd number of straight quotes: the last opens to the paragraph end
        ('He said "yes" and "no.', F(2, 5)),
    ],
)
def test_quoted_token_share_by_hand(text, expected):
    assert one(text)["quoted_token_share"] == approx(expected)


# ---------------------------------------------------------------------------
# MATTR, MTLD, HD-D by hand
# ---------------------------------------------------------------------------


def test_mattr_by_hand():
    # words a b a c, window 3: windows "a b a" 2/3 and "b a c" 3/3 -> mean 5/6
    assert one("a b a c", lexical_diversity, window=3)["mattr"] == approx(F(5, 6))
    # window 2: every window has 2 types -> 1
    assert one("a b a c", lexical_diversity, window=2)["mattr"] == approx(1)
    # window = N: a single window, the TTR 3/4
    assert one("a b a c", lexical_diversity, window=4)["mattr"] == approx(F(3, 4))


MTLD_TEXT = "a b a b a c d e f g h a i j k l m n o p"  # 20 words


def test_mtld_by_hand_on_20_words():
    # Forward (threshold 0.72, a factor is complete when TTR <= 0.72):
    #   a 1/1, b 2/2, a 2/3 = .667 <= .72 -> factor 1, reset.
    #   b a c d e f g h (8/8), a 8/9, i 9/10, ..., p: 16 types in 17 words.
    #   Partial factor: (1 - 16/17) / (1 - 0.72) = (1/17) / (7/25) = 25/119.
    #   MTLD forward = 20 / (1 + 25/119) = 20 * 119/144 = 2380/144.
    # Backward (p o n ... a b a b a):
    #   p..i, a, h..c: 15 types in 15 words; a 15/16, b 16/17, a 16/18,
    #   b 16/19, a 16/20 = .8: never <= .72, no full factor.
    #   Partial factor: (1 - 16/20) / (7/25) = (1/5) * (25/7) = 5/7.
    #   MTLD backward = 20 / (5/7) = 28.
    forward = F(2380, 144)
    backward = F(28)
    row = one(MTLD_TEXT, lexical_diversity)
    assert row["mtld"] == approx((forward + backward) / 2)


def test_mtld_threshold_is_reached_at_equality():
    # Threshold 0.5, words a b a b c c.
    # Forward: a 1, b 1, a 2/3, b 2/4 = .5 reached -> factor; c 1, c 1/2 -> factor:
    #   6 / 2 = 3. Backward c c b a b a: c, c 1/2 -> factor; b, a, b 2/3, a 2/4 -> factor:
    #   6 / 2 = 3.  MTLD = 3.
    # Were the rule "TTR < threshold" (TAALED), no factor would complete and the
    # whole text would be one partial factor (1 - 1/2) / (1 - 1/2) = 1: MTLD 6.
    row = one("a b a b c c", lexical_diversity, ttr_threshold=0.5)
    assert row["mtld"] == approx(3)


def test_mtld_last_word_completing_a_factor_leaves_no_partial():
    # a b a: a 1, b 1, a 2/3 <= .72 -> one factor, nothing left: MTLD = 3 / 1 both ways.
    # (TAALED scores the last stretch as a partial factor (1 - 2/3)/.28 = 25/21 here.)
    assert one("a b a", lexical_diversity)["mtld"] == approx(3)


def test_mtld_is_nan_without_a_repeated_word():
    with pytest.warns(MediakitWarning, match="no word repeats"):
        row = lexical_diversity(articles("every word here is new")).iloc[0]
    assert math.isnan(row["mtld"])


def _vocab(n: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [a + b for a in letters for b in letters][:n]


def test_hdd_by_hand():
    # N = 42 = the sample: every type is drawn for sure, HD-D = V / 42 = TTR.
    words = [*_vocab(40), "aa", "ab"]  # 42 words, 40 types
    assert one(" ".join(words), lexical_diversity)["hdd"] == approx(F(40, 42))
    # N = 44: P(type missed) = C(44 - f, 42) / C(44, 42), C(44, 42) = 946:
    #   f = 1: C(43, 42) / 946 = 43/946 = 1/22;  f = 2: C(42, 42) / 946 = 1/946;
    #   f >= 3: 0.  Words: 38 hapaxes, "aa" twice, "ab" 4 times -> 40 types.
    words = [*_vocab(40), "aa", "ab", "ab", "ab"]
    assert len(words) == 44
    expected = (38 * (1 - F(1, 22)) + (1 - F(1, 946)) + 1) / 42
    assert one(" ".join(words), lexical_diversity)["hdd"] == approx(expected)


# ---------------------------------------------------------------------------
# independent references: lexicalrichness and TAALED, same word lists
# ---------------------------------------------------------------------------


def _taaled():
    """Import taaled's ld module; it needs pkg_resources only to find its data file."""
    spec = importlib.util.find_spec("taaled")
    if spec is None:
        pytest.skip("taaled is not installed (test-only reference)")
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        where = Path(spec.submodule_search_locations[0])
        stub = types.ModuleType("pkg_resources")
        stub.resource_filename = lambda package, name: str(where / name)
        sys.modules["pkg_resources"] = stub
    from taaled import ld

    return ld


HAND_TEXTS = [
    # a few hand-written news-like texts, each > 50 words
    (
        "The minister said the budget would rise. Critics said the budget would not rise "
        "fast enough, and the opposition said the minister had misled parliament about the "
        "budget. The minister denied it. Officials said 11,000 jobs were at stake in 2025, "
        "and the minister said the jobs were safe. Unions said they were not safe at all."
    ),
    (
        "Rain fell on the city for a third day. Rivers rose, roads closed and schools "
        "shut early. Emergency crews moved families from low streets near the river. "
        "“We have never seen water like this,” said one resident, who had lived there for "
        "forty years. Forecasters expect more rain tomorrow, and the river may rise again "
        "by the weekend, officials warned."
    ),
    " ".join(["alpha beta gamma delta"] * 20),  # heavy repetition
]


def _reference_frame(seed: pd.DataFrame) -> pd.DataFrame:
    extra = articles(*HAND_TEXTS, ids=["h0", "h1", "h2"])
    return pd.concat([seed[["text"]], extra])


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


def test_against_lexicalrichness(seed):
    lexicalrichness = pytest.importorskip("lexicalrichness")
    frame = _reference_frame(seed)
    ours = lexical_diversity(frame)
    for doc_id, words in zip(frame.index, words_of(frame), strict=True):
        ref = lexicalrichness.LexicalRichness(words, preprocessor=None, tokenizer=None)
        row = ours.loc[doc_id]
        assert row["ttr"] == approx(ref.ttr), doc_id
        assert row["root_ttr"] == approx(ref.rttr), doc_id
        assert row["log_ttr"] == approx(ref.Herdan), doc_id
        assert row["mattr"] == approx(ref.mattr(window_size=50)), doc_id
        assert row["mtld"] == approx(ref.mtld(threshold=0.72)), doc_id
        assert row["hdd"] == approx(ref.hdd(draws=42)), doc_id


def test_lexicalrichness_mtld_differs_only_without_repeats():
    lexicalrichness = pytest.importorskip("lexicalrichness")
    words = "every word here is new".split()
    ref = lexicalrichness.LexicalRichness(words, preprocessor=None, tokenizer=None)
    # lexicalrichness counts one factor when TTR stays 1: MTLD = N; the published
    # formula divides by zero factors (infinite), which we report as NaN.
    assert ref.mtld() == 5
    assert math.isnan(one("every word here is new", lexical_diversity)["mtld"])


def _mtld_pass(seq: list[str], strict: bool, threshold: float = 0.72) -> float:
    """One MTLD pass, N / factors: a factor closes at TTR <= threshold (< if strict)."""
    full, seen, length = 0, set(), 0
    for w in seq:
        seen.add(w)
        length += 1
        ttr = len(seen) / length
        if ttr < threshold if strict else ttr <= threshold:
            full, seen, length = full + 1, set(), 0
    return len(seq) / (full + ((1 - len(seen) / length) / (1 - threshold) if length else 0))


def _mtld(words: list[str], strict: bool) -> float:
    return (_mtld_pass(words, strict) + _mtld_pass(words[::-1], strict)) / 2


def _ties(seq: list[str], threshold: F = F(72, 100)) -> list[tuple[int, int, int]]:
    """Factors of a pass (rule <=) whose TTR is exactly the threshold: (start, words, types)."""
    out, seen, start = [], set(), 0
    for i, w in enumerate(seq):
        seen.add(w)
        ttr = F(len(seen), i + 1 - start)
        if ttr == threshold:
            out.append((start, i + 1 - start, len(seen)))
        if ttr <= threshold:
            seen, start = set(), i + 1
    return out


def test_against_taaled(seed):
    ld = _taaled()
    frame = _reference_frame(seed)
    ours = lexical_diversity(frame)
    ties = set()
    for doc_id, words in zip(frame.index, words_of(frame), strict=True):
        ref = ld.lexdiv()
        row = ours.loc[doc_id]
        assert row["ttr"] == approx(ref.TTR(words)), doc_id
        assert row["root_ttr"] == approx(ref.RTTR(words)), doc_id
        assert row["log_ttr"] == approx(ref.LTTR(words)), doc_id  # log10 ratio = ln ratio
        assert row["mattr"] == approx(ref.MATTR(words, 50)), doc_id
        assert row["hdd"] == approx(ref.HDD(words, 42)), doc_id
        # TAALED's "original" MTLD (mn=1: no minimum factor length) closes a
        # factor at TTR < .72 (strict), we at TTR <= .72 (McCarthy & Jarvis: the
        # factor ends when the TTR reaches .72), and it always scores the last
        # stretch as a partial. Where no factor lands on .72 exactly the two
        # rules cut the same factors and agree to within 1 %; where one does,
        # every later factor moves and TAALED is the strict rule's value.
        mtldo = ref.MTLD(words, mn=1, ttrval=0.72, outputs=True)[2]
        if _ties(words) or _ties(words[::-1]):
            ties.add(doc_id)
            assert mtldo == pytest.approx(_mtld(words, strict=True)), doc_id
            assert row["mtld"] == approx(_mtld(words, strict=False)), doc_id
        else:
            assert row["mtld"] == pytest.approx(mtldo, rel=0.01), doc_id
    assert ties == {"rewrite"}  # see the next test


def _assert_strict_threshold_is_the_difference(words: list[str], ours: float) -> None:
    ld = _taaled()
    taaled = ld.lexdiv().MTLD(words, mn=1, ttrval=0.72, outputs=True)[2]
    # our pass with "<" in place of "<=" gives TAALED's value; with "<=", ours
    assert _mtld(words, strict=True) == pytest.approx(taaled)
    assert _mtld(words, strict=False) == approx(ours)
    assert ours != pytest.approx(taaled)


def test_taaled_mtld_difference_is_the_strict_threshold(seed):
    """The rewrite's passes hit TTR = 0.72 exactly: the only disagreement."""
    words = words_of(seed.loc[["rewrite"]])[0]
    # forward, the second factor: 54 types in words 92 to 166 (54 / 75 = .72);
    # backward, the first: 108 types in the last 150 words (108 / 150 = .72)
    assert _ties(words) == [(92, 75, 54)] and len(set(words[92:167])) == 54
    assert _ties(words[::-1]) == [(0, 150, 108)] and len(set(words[-150:])) == 108
    ours = lexical_diversity(seed.loc[["rewrite"]]).iloc[0]["mtld"]
    _assert_strict_threshold_is_the_difference(words, ours)
    # the wire never lands on .72: TAALED and we agree (test_against_taaled)
    assert _ties(words_of(seed.loc[["wire"]])[0]) == []


def test_taaled_mtld_difference_on_the_standin_wire(standin_raw):
    """The stand-in wire's backward pass hits TTR = 0.72 exactly (108 types in 150 words)."""
    wire = mk.clean_articles(standin_raw).loc[["wire"]]
    words = words_of(wire)[0]
    assert _ties(words) == [] and _ties(words[::-1]) == [(130, 150, 108)]
    _assert_strict_threshold_is_the_difference(words, lexical_diversity(wire).iloc[0]["mtld"])


# ---------------------------------------------------------------------------
# table contract, warnings and bad input
# ---------------------------------------------------------------------------


def test_rows_in_rows_out_and_columns(seed):
    feats = lexical_features(seed)
    assert list(feats.columns) == list(FEATURES)
    assert feats.index.equals(seed.index) and feats.index.name == "doc_id"
    assert list(lexical_diversity(seed).columns) == list(DIVERSITY_MEASURES)
    # the input is not modified
    assert list(seed.columns) == list(mk.clean_articles(mk.load_sample_articles()).columns)


def test_seed_pair_plausible(seed, seed_gold):
    feats = lexical_features(seed)
    # Counted by hand over the gold sentences: the wire has 608 words, 4 of them in
    # its crosshead (a subheading: words, not a sentence), so 604 in 24 sentences of
    # 22 body paragraphs; the rewrite 579 words in 22 sentences of 13 paragraphs. So
    # the rewrite's sentences are the longer ones, on average.
    for doc, n_tokens, n_sentences, n_paragraphs, body_words in (
        ("wire", 608, 24, 22, 604),
        ("rewrite", 579, 22, 13, 579),
    ):
        sentences = [s for par in seed_gold[doc]["paragraph_sentences"] for s in par]
        assert len([s for s in sentences if not s.startswith("– ")]) == n_sentences
        row = feats.loc[doc]
        assert (row["n_tokens"], row["n_sentences"], row["n_paragraphs"]) == (
            n_tokens,
            n_sentences,
            n_paragraphs,
        )
        assert row["mean_sentence_length"] == approx(F(body_words, n_sentences))
    assert feats.loc["wire", "mean_sentence_length"] < feats.loc["rewrite", "mean_sentence_length"]
    # the wire quotes more (hand-read: the rewrite paraphrases Rutte's third quote and
    # most of Nausėda's, and drops his last): 194 of 608 words against 154 of 579
    assert feats.loc["wire", "quoted_token_share"] == approx(F(194, 608))
    assert feats.loc["rewrite", "quoted_token_share"] == approx(F(154, 579))
    assert feats.loc["wire", "quoted_token_share"] > feats.loc["rewrite", "quoted_token_share"]
    assert (feats["n_tokens"] >= feats["n_types"]).all()


def test_empty_text_counts_zero_ratios_nan():
    frame = articles("", "A real sentence here.", ids=["empty", "ok"])
    frame.loc["empty", "text"] = None
    with pytest.warns(MediakitWarning, match=r"no words.*'empty'.*help\(mediakit"):
        feats = lexical_features(frame)
    empty = feats.loc["empty"]
    for col in ("n_chars", "n_tokens", "n_types", "n_sentences", "n_paragraphs", "n_numbers"):
        assert empty[col] == 0
    ratios = [c for c in FEATURES if not c.startswith("n_")]
    assert empty[ratios].isna().all()
    assert feats.loc["ok", "n_tokens"] == 4


def test_short_text_warnings_name_the_article():
    with pytest.warns(MediakitWarning) as record:
        lexical_diversity(articles("a b a c", ids=["short"]))
    text = " | ".join(str(w.message) for w in record)
    assert "mattr is NaN" in text and "hdd is NaN" in text and "'short'" in text


def test_ttr_length_warning():
    with pytest.warns(MediakitWarning, match="depend on text length"):
        lexical_diversity(articles("a b a", " ".join(["a b c"] * 10)), measures=["ttr"])


def test_bad_input():
    with pytest.raises(TypeError, match="articles DataFrame"):
        lexical_features(["not", "a", "frame"])
    with pytest.raises(ValueError, match="needs column"):
        lexical_features(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(ValueError, match=r"`measures` = 'yule_k' is invalid; expected one of"):
        lexical_diversity(articles("x"), measures=["ttr", "yule_k"])
    with pytest.raises(ValueError, match="`window`"):
        lexical_diversity(articles("x"), window=0)
    with pytest.raises(ValueError, match="`ttr_threshold`"):
        lexical_diversity(articles("x"), ttr_threshold=1.5)
    with pytest.raises(TypeError, match="str values"):
        lexical_features(articles("x").assign(text=[3]))


def test_measures_subset_and_order():
    out = lexical_diversity(articles(SIMPLE), measures=["hapax_ratio", "ttr"])
    assert list(out.columns) == ["hapax_ratio", "ttr"]
    assert list(lexical_diversity(articles(SIMPLE), measures="ttr").columns) == ["ttr"]


# ---------------------------------------------------------------------------
# properties: random word lists from a small vocabulary hit TTR = 0.72 exactly
# and other edge cases often; lexicalrichness is the reference
# ---------------------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(
    words=st.lists(st.sampled_from("abcdefghij"), min_size=2, max_size=120),
    window=st.integers(1, 30),
    draws=st.integers(1, 42),
)
def test_diversity_matches_lexicalrichness_on_random_word_lists(words, window, draws):
    from mediakit.style import _diversity

    lexicalrichness = pytest.importorskip("lexicalrichness")
    ref = lexicalrichness.LexicalRichness(words, preprocessor=None, tokenizer=None)
    if window <= len(words):
        assert _diversity.mattr(words, window) == approx(ref.mattr(window_size=window))
    if draws <= len(words):
        assert _diversity.hdd(words, draws) == approx(ref.hdd(draws=draws))
    if len(set(words)) < len(words):  # lexicalrichness returns N when nothing repeats
        assert _diversity.mtld(words, 0.72) == approx(ref.mtld(threshold=0.72))
        # bidirectional: reversing the text swaps the passes, the mean is unchanged
        assert _diversity.mtld(words[::-1], 0.72) == approx(_diversity.mtld(words, 0.72))


def test_row_order_follows_the_articles():
    frame = articles("b b b.", "a.", "", ids=["z", "a", "m"])
    feats = lexical_features(frame)
    assert feats.index.tolist() == ["z", "a", "m"]
    assert feats["n_tokens"].tolist() == [3, 1, 0]
    assert feats["ttr"].iloc[:2].tolist() == [pytest.approx(1 / 3), 1.0]
