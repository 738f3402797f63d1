"""Tests of mediakit.compare.similarity: TF-IDF pairs and the square matrix.

Expected numbers come from scikit-learn's TfidfVectorizer and cosine_similarity
called here directly, or from hand computations in plain Python.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.compare import _tfidf
from mediakit.compare.similarity import TOKEN_PATTERN, tfidf_similarity, to_matrix

PAIR_COLUMNS = ["doc_id_a", "doc_id_b", "similarity"]
SENT_COLUMNS = ["doc_id_a", "sent_id_a", "doc_id_b", "sent_id_b", "similarity"]

# Twelve short texts of plain lowercase-able words of 2+ letters, so that
# scikit-learn's default token pattern and mediakit's agree on the tokens.
TOY = [
    "Rutte warned Trump about North Korea",
    "North Korea sent troops to Russia",
    "Russia fired missiles at Ukraine overnight",
    "Trump promised to end the war quickly",
    "The summit in Budapest hosted European leaders",
    "European leaders discussed Ukraine and Russia",
    "Markets fell as oil prices rose",
    "Oil prices rose after the storm",
    "The storm closed schools in the north",
    "Schools reopened after the storm passed",
    "Rutte met European leaders in Budapest",
    "Troops from North Korea fought in Kursk",
]


def frame(texts, ids=None) -> pd.DataFrame:
    ids = ids if ids is not None else [f"d{k}" for k in range(len(texts))]
    return pd.DataFrame({"text": texts}, index=pd.Index(ids, name="doc_id"))


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        return func(*args, **kwargs)


def upper_pairs(sim: np.ndarray, ids: list[str]) -> dict[tuple[str, str], float]:
    n = len(ids)
    return {(ids[i], ids[j]): float(sim[i, j]) for i in range(n) for j in range(i + 1, n)}


def as_dict(pairs: pd.DataFrame) -> dict[tuple[str, str], float]:
    return dict(
        zip(zip(pairs.doc_id_a, pairs.doc_id_b, strict=True), pairs.similarity, strict=True)
    )


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


@pytest.fixture(scope="module")
def seed_sentences(seed) -> pd.DataFrame:
    return mk.split_sentences(seed)


@pytest.fixture()
def standin(standin_raw) -> pd.DataFrame:
    """The stand-in pair (tests/data/standin-pair), cleaned: a verbatim sentence, a split."""
    return mk.clean_articles(standin_raw)


def sklearn_sentence_similarity(sentences: pd.DataFrame) -> pd.DataFrame:
    """Cosines of every two sentences, IDF fitted on all of them, indexed (doc_id, sent_id)."""
    texts = sentences["text"].tolist()
    sim = cosine_similarity(TfidfVectorizer(token_pattern=TOKEN_PATTERN).fit_transform(texts))
    index = pd.MultiIndex.from_arrays([sentences["doc_id"], sentences["sent_id"]])
    return pd.DataFrame(sim, index=index, columns=index)


# ---------------------------------------------------------------------------
# numbers against independent computations
# ---------------------------------------------------------------------------


def test_hand_computation_three_documents():
    texts = ["apple banana apple", "banana cherry", "cherry cherry date"]
    docs = [t.split() for t in texts]
    n = len(docs)
    df = Counter(term for d in docs for term in set(d))
    idf = {t: math.log((1 + n) / (1 + df[t])) + 1 for t in df}
    vecs = []
    for d in docs:
        w = {t: c * idf[t] for t, c in Counter(d).items()}
        norm = math.sqrt(sum(v * v for v in w.values()))
        vecs.append({t: v / norm for t, v in w.items()})

    def cos(a, b):
        return sum(a[t] * b.get(t, 0.0) for t in a)

    # Spelled out: idf(apple) = ln(4/2) + 1, idf(banana) = ln(4/3) + 1.
    assert idf["apple"] == pytest.approx(math.log(2) + 1)
    assert idf["banana"] == pytest.approx(math.log(4 / 3) + 1)
    expected = {("d0", "d1"): cos(vecs[0], vecs[1]), ("d0", "d2"): 0.0}
    expected[("d1", "d2")] = cos(vecs[1], vecs[2])

    with pytest.warns(MediakitWarning, match="only 3 documents"):
        got = as_dict(tfidf_similarity(frame(texts), idf="documents"))
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-12)
    # Each text is one sentence, so the sentence IDF is the same corpus.
    with pytest.warns(MediakitWarning, match="only 3 sentences"):
        auto = as_dict(tfidf_similarity(frame(texts)))
    for key, value in expected.items():
        assert auto[key] == pytest.approx(value, abs=1e-12)


def test_documents_idf_matches_sklearn_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", MediakitWarning)  # 12 documents: no flat-IDF warning
        pairs = tfidf_similarity(frame(TOY))
    ids = [f"d{k}" for k in range(len(TOY))]
    sim = cosine_similarity(TfidfVectorizer().fit_transform(TOY))
    expected = upper_pairs(sim, ids)
    got = as_dict(pairs)
    assert len(pairs) == 66 == len(expected)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-12)


def test_sentence_idf_on_seed_pair_matches_sklearn(seed, seed_sentences):
    with warnings.catch_warnings():
        warnings.simplefilter("error", MediakitWarning)  # 31 sentences: no warning
        pairs = tfidf_similarity(seed)
    vec = TfidfVectorizer(token_pattern=TOKEN_PATTERN).fit(seed_sentences["text"].tolist())
    expected = cosine_similarity(vec.transform(seed["text"].tolist()))[0, 1]
    assert pairs.columns.tolist() == PAIR_COLUMNS
    assert pairs.loc[0, "similarity"] == pytest.approx(expected, abs=1e-12)


def test_char_wb_on_seed_pair_matches_sklearn(seed):
    with pytest.warns(MediakitWarning, match="only 2 documents"):
        pairs = tfidf_similarity(seed, analyzer="char_wb", idf="documents")
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
    expected = cosine_similarity(vec.fit_transform(seed["text"].tolist()))[0, 1]
    assert pairs.loc[0, "similarity"] == pytest.approx(expected, abs=1e-12)


def test_idf_none_is_cosine_of_counts():
    texts = ["the cat sat on the mat", "the dog sat on the log"]
    pairs = tfidf_similarity(frame(texts), idf="none")
    # Hand: counts the2 cat sat on mat / the2 dog sat on log; dot = 4+1+1 = 6, norms sqrt(8).
    assert pairs.loc[0, "similarity"] == pytest.approx(6 / 8, abs=1e-12)


def test_sentence_level_matches_sklearn(seed, seed_sentences):
    pairs = tfidf_similarity(seed, level="sentence")
    texts = seed_sentences["text"].tolist()
    sim = cosine_similarity(TfidfVectorizer(token_pattern=TOKEN_PATTERN).fit_transform(texts))
    assert pairs.columns.tolist() == SENT_COLUMNS
    # 25 wire sentences (the crosshead included) by 22 of the rewrite (the gold's)
    assert len(pairs) == 25 * 22
    assert (pairs.doc_id_a == "wire").all() and (pairs.doc_id_b == "rewrite").all()
    pos = {
        (d, s): k
        for k, (d, s) in enumerate(zip(seed_sentences.doc_id, seed_sentences.sent_id, strict=True))
    }
    for row in pairs.itertuples():
        k_a, k_b = pos[(row.doc_id_a, row.sent_id_a)], pos[(row.doc_id_b, row.sent_id_b)]
        assert row.similarity == pytest.approx(sim[k_a, k_b], abs=1e-12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="ab cé.", max_size=12), min_size=2, max_size=8))
def test_char_wb_property_matches_sklearn(texts):
    pairs = quiet(tfidf_similarity, frame(texts), analyzer="char_wb", idf="documents")
    n = len(texts)
    assert len(pairs) == n * (n - 1) // 2
    assert pairs.similarity.between(0, 1).all()
    assert pairs.similarity.is_monotonic_decreasing
    fit = [t for t in texts if t.strip()]  # empty texts are left out of the IDF corpus
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
    try:
        vec.fit(fit)
    except ValueError:  # no n-gram at all: every similarity is 0
        assert (pairs.similarity == 0).all()
        return
    sim = cosine_similarity(vec.transform(texts))
    got = as_dict(pairs)
    for key, value in upper_pairs(sim, [f"d{k}" for k in range(n)]).items():
        assert got[key] == pytest.approx(min(value, 1.0), abs=1e-12)


# ---------------------------------------------------------------------------
# the two-document degenerate corpus
# ---------------------------------------------------------------------------


def test_two_documents_identical_and_disjoint():
    # Identical texts have identical vectors whatever the IDF: cosine 1.
    # Disjoint vocabularies have orthogonal vectors: cosine 0.
    same = quiet(
        tfidf_similarity, frame(["Troops crossed the border.", "Troops crossed the border."])
    )
    apart = quiet(tfidf_similarity, frame(["Troops crossed borders.", "Markets fell sharply."]))
    assert same.loc[0, "similarity"] == pytest.approx(1.0, abs=1e-12)
    assert apart.loc[0, "similarity"] == 0.0


def test_two_documents_idf_documents_is_flat_and_warns():
    texts = ["apple banana", "apple cherry"]
    with pytest.warns(MediakitWarning, match=r"only 2 documents.*1\.41 times"):
        got = tfidf_similarity(frame(texts), idf="documents").loc[0, "similarity"]
    # Hand: the shared term weighs ln(3/3)+1 = 1, the others ln(3/2)+1.
    w = math.log(1.5) + 1
    assert got == pytest.approx(1 / (1 + w * w), abs=1e-12)


def hand_cosine(texts: list[str], idf: dict[str, float]) -> float:
    vecs = []
    for text in texts:
        tf = Counter(text.lower().replace(".", "").split())
        w = {t: c * idf[t] for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in w.values()))
        vecs.append({t: v / norm for t, v in w.items()})
    return sum(v * vecs[1].get(t, 0.0) for t, v in vecs[0].items())


def test_sentence_idf_weighs_a_shared_rare_sentence():
    # The two articles share one rare sentence and the common word "the".
    # Fitted on the two documents, every shared term weighs ln(3/3)+1 = 1, so
    # "pyongyang" and "the" weigh the same. Fitted on the six sentences, the
    # shared rare words (df 2 of 6) weigh ln(7/3)+1 = 1.85, "the" (df 4 of 6)
    # ln(7/5)+1 = 1.34, words of one sentence ln(7/2)+1 = 2.25.
    a = "Pyongyang sent troops. The summit opened. The talks ended."
    b = "Pyongyang sent troops. The market fell. The rain stopped."
    sentences = [s for t in (a, b) for s in t.split(". ")]
    n = len(sentences)
    df = Counter(w for s in sentences for w in set(s.lower().replace(".", "").split()))
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    assert idf["pyongyang"] == pytest.approx(math.log(7 / 3) + 1)
    assert idf["the"] == pytest.approx(math.log(7 / 5) + 1)
    assert idf["pyongyang"] > idf["the"]
    with pytest.warns(MediakitWarning, match="only 6 sentences"):
        by_sentence = tfidf_similarity(frame([a, b])).loc[0, "similarity"]
    assert by_sentence == pytest.approx(hand_cosine([a, b], idf), abs=1e-12)

    words_a, words_b = ({w for w in t.lower().replace(".", "").split()} for t in (a, b))
    flat_idf = {t: 1.0 if t in words_a & words_b else math.log(3 / 2) + 1 for t in df}
    assert flat_idf["pyongyang"] == flat_idf["the"] == 1.0
    with pytest.warns(MediakitWarning, match="only 2 documents"):
        flat = tfidf_similarity(frame([a, b]), idf="documents").loc[0, "similarity"]
    assert flat == pytest.approx(hand_cosine([a, b], flat_idf), abs=1e-12)


# ---------------------------------------------------------------------------
# analyzers, spelling variants, accents, tokens
# ---------------------------------------------------------------------------


def test_token_pattern_on_news_text():
    analyze = TfidfVectorizer(token_pattern=TOKEN_PATTERN).build_analyzer()
    text = "North Korea’s 11,000 troops, the U.S. and a long-standing F-16 deal, 2.5% at 10:30"
    assert analyze(text) == [
        "north", "korea", "11,000", "troops", "the", "u.s.", "and",
        "long-standing", "f-16", "deal", "2.5", "at", "10:30",
    ]  # fmt: skip


def test_char_ngrams_make_spelling_variants_similar():
    texts = ["Zelensky", "Zelenskyy"]
    words = quiet(tfidf_similarity, frame(texts)).loc[0, "similarity"]
    chars = quiet(tfidf_similarity, frame(texts), analyzer="char_wb").loc[0, "similarity"]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
    expected = cosine_similarity(vec.fit_transform(texts))[0, 1]
    assert words == 0.0
    assert chars == pytest.approx(expected, abs=1e-12)
    assert chars > 0.5


def test_accent_folding_makes_names_identical():
    texts = ["President Nausėda met Orbán", "President Nauseda met Orban"]
    plain = quiet(tfidf_similarity, frame(texts), idf="none").loc[0, "similarity"]
    folded = quiet(tfidf_similarity, frame(texts), fold_accents=True).loc[0, "similarity"]
    # Hand: without folding only "president" and "met" are shared: 2 of 4 terms.
    assert plain == pytest.approx(2 / 4, abs=1e-12)
    assert folded == pytest.approx(1.0, abs=1e-12)
    names = quiet(tfidf_similarity, frame(["Nausėda", "Nauseda"]), fold_accents=True)
    assert names.loc[0, "similarity"] == pytest.approx(1.0, abs=1e-12)


def test_lowercase_false():
    pairs = tfidf_similarity(frame(["Trump said", "trump said"]), lowercase=False, idf="none")
    # Hand: {Trump, said} and {trump, said}: one shared term of two each.
    assert pairs.loc[0, "similarity"] == pytest.approx(0.5, abs=1e-12)


def test_word_bigrams_by_hand():
    texts = ["red cat sat down", "the red cat ran"]
    got = quiet(tfidf_similarity, frame(texts), idf="none", ngram_range=(2, 2)).loc[0, "similarity"]
    # Bigrams: {red cat, cat sat, sat down} and {the red, red cat, cat ran}: one shared of 3 each.
    assert got == pytest.approx(1 / 3, abs=1e-12)


def test_different_scripts():
    texts = ["Зеленский встретился с Рютте", "Zelensky met Rutte", "Зеленский и Рютте"]
    got = as_dict(quiet(tfidf_similarity, frame(texts), idf="none"))
    assert got[("d0", "d1")] == 0.0
    # Hand: 1-letter words ("с", "и") are not tokens, so d0 has 3 terms, d2 has 2, both shared.
    assert got[("d0", "d2")] == pytest.approx(2 / math.sqrt(3 * 2), abs=1e-12)


# ---------------------------------------------------------------------------
# background corpus and custom vectorizers
# ---------------------------------------------------------------------------

BACKGROUND = [
    "The government said the talks would continue.",
    "The market rose as the dollar fell.",
    "Troops were deployed to the border.",
    "The storm hit the coast on Sunday.",
]


def test_background_corpus_matches_sklearn():
    texts = ["The troops crossed the border.", "The troops left the coast."]
    with pytest.warns(MediakitWarning, match="only 6 texts"):
        got = tfidf_similarity(frame(texts), background=BACKGROUND).loc[0, "similarity"]
    vec = TfidfVectorizer(token_pattern=TOKEN_PATTERN).fit(BACKGROUND + texts)
    expected = cosine_similarity(vec.transform(texts))[0, 1]
    assert got == pytest.approx(expected, abs=1e-12)
    # An articles frame works as background too, and idf="background" says the same.
    bg = frame(BACKGROUND)
    again = quiet(tfidf_similarity, frame(texts), background=bg, idf="background")
    assert again.loc[0, "similarity"] == pytest.approx(expected, abs=1e-12)


def test_background_errors():
    with pytest.raises(ValueError, match="needs a `background` corpus"):
        tfidf_similarity(frame(TOY), idf="background")
    with pytest.raises(ValueError, match="does not use it"):
        tfidf_similarity(frame(TOY), background=BACKGROUND, idf="documents")
    with pytest.raises(TypeError, match="wrap a single text in a list"):
        tfidf_similarity(frame(TOY), background="one text")
    with pytest.raises(TypeError, match="item 1"):
        tfidf_similarity(frame(TOY), background=["text", 3])
    with pytest.raises(ValueError, match="no non-empty text"):
        tfidf_similarity(frame(TOY), background=["", "  "])


def test_custom_count_vectorizer_is_cloned():
    vec = CountVectorizer()
    pairs = tfidf_similarity(frame(TOY), vectorizer=vec)
    expected = upper_pairs(
        cosine_similarity(CountVectorizer().fit_transform(TOY)), [f"d{k}" for k in range(12)]
    )
    got = as_dict(pairs)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-12)
    assert not hasattr(vec, "vocabulary_")  # the caller's object stays unfitted


def test_custom_tfidf_vectorizer_other_settings(seed):
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2))
    with pytest.warns(MediakitWarning, match="only 2 documents"):
        got = tfidf_similarity(seed, vectorizer=vec, idf="documents").loc[0, "similarity"]
    ref = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2))
    expected = cosine_similarity(ref.fit_transform(seed["text"].tolist()))[0, 1]
    assert got == pytest.approx(expected, abs=1e-12)


def test_custom_vectorizer_errors():
    with pytest.raises(TypeError, match=r"lacks \['transform', 'get_feature_names_out'\]"):

        class OnlyFit:
            def fit_transform(self, texts):
                return np.ones((len(texts), 1))

        tfidf_similarity(frame(TOY), vectorizer=OnlyFit())
    with pytest.raises(ValueError, match=r"\['analyzer'\] apply to the default vectorizer"):
        tfidf_similarity(frame(TOY), vectorizer=CountVectorizer(), analyzer="char_wb")
    with pytest.raises(ValueError, match=r"idf.*'none' applies to the default vectorizer"):
        tfidf_similarity(frame(TOY), vectorizer=CountVectorizer(), idf="none")
    with pytest.raises(ValueError, match="found no terms"):
        tfidf_similarity(frame(TOY), vectorizer=CountVectorizer(token_pattern=r"\d+"))


class Signed:
    """A vectorizer with a negative feature: cosines below 0 are possible."""

    def fit_transform(self, texts):
        return self.transform(texts)

    def transform(self, texts):
        return np.array([[1.0, 0.0] if "up" in t else [-1.0, 0.0] for t in texts])

    def get_feature_names_out(self):
        return np.array(["x", "y"], dtype=object)


def test_negative_features_are_clipped_with_warning():
    with pytest.warns(MediakitWarning, match="clipped to 0"):
        pairs = tfidf_similarity(frame(["up", "down", "up"]), vectorizer=Signed())
    assert as_dict(pairs) == {("d0", "d2"): 1.0, ("d0", "d1"): 0.0, ("d1", "d2"): 0.0}


# ---------------------------------------------------------------------------
# filtering, ordering, chunking
# ---------------------------------------------------------------------------


def test_min_similarity_and_top_n():
    full = tfidf_similarity(frame(TOY))
    some = tfidf_similarity(frame(TOY), min_similarity=0.2)
    assert len(some) > 0
    assert (some.similarity >= 0.2).all()
    expected = full[full.similarity >= 0.2].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, expected)
    top = tfidf_similarity(frame(TOY), top_n=5)
    pd.testing.assert_frame_equal(top, full.head(5))
    # Sorted by similarity descending, ties in the articles' order.
    order = full.assign(
        a=full.doc_id_a.str[1:].astype(int), b=full.doc_id_b.str[1:].astype(int)
    ).sort_values(["similarity", "a", "b"], ascending=[False, True, True])
    assert order.index.tolist() == list(range(len(full)))


def test_chunked_equals_unchunked(monkeypatch):
    rng = np.random.default_rng(0)
    vocab = [f"w{k}" for k in range(40)]
    texts = [" ".join(rng.choice(vocab, size=8)) for _ in range(60)]
    articles = frame(texts)
    whole = tfidf_similarity(articles)
    monkeypatch.setattr(_tfidf, "CHUNK_CELLS", 70)  # one row per block
    chunked = tfidf_similarity(articles)
    assert len(whole) == 60 * 59 // 2
    pd.testing.assert_frame_equal(whole, chunked)
    top = tfidf_similarity(articles, top_n=7, min_similarity=0.1)
    pd.testing.assert_frame_equal(top, whole[whole.similarity >= 0.1].head(7))
    sim = cosine_similarity(TfidfVectorizer(token_pattern=TOKEN_PATTERN).fit_transform(texts))
    got = as_dict(chunked)
    for key, value in upper_pairs(sim, articles.index.tolist()).items():
        assert got[key] == pytest.approx(value, abs=1e-12)


# ---------------------------------------------------------------------------
# sentence level on the seed pair
# ---------------------------------------------------------------------------


def test_sentence_best_matches_follow_gold(seed, seed_gold, seed_sentences):
    pairs = tfidf_similarity(seed, level="sentence")
    best = pairs.drop_duplicates("sent_id_a").set_index("sent_id_a")["sent_id_b"]
    gold = {a: b for a, b, _ in seed_gold["alignment_wire_to_rewrite"]["pairs"] if b is not None}
    # With scikit-learn (fitted here, independently), every one of the 22 wire
    # sentences the rewrite keeps has its gold counterpart as its best match.
    sim = sklearn_sentence_similarity(seed_sentences)
    assert len(gold) == 22
    for a, b in gold.items():
        assert sim.loc[("wire", a), "rewrite"].idxmax() == b, a
        assert best[a] == b, (a, best[a], b)
    # The closest pair: wire 9 and rewrite 9, "North Korean soldiers are trying
    # (attempting) to kill our people on European soil," Zelensky said.
    top = pairs.iloc[0]
    assert (top.sent_id_a, top.sent_id_b) == (9, 9)
    assert top.similarity == pytest.approx(sim.loc[("wire", 9), ("rewrite", 9)], abs=1e-12)


def test_standin_sentence_best_matches_follow_gold(standin, standin_gold):
    pairs = tfidf_similarity(standin, level="sentence")
    best = pairs.drop_duplicates("sent_id_a").set_index("sent_id_a")["sent_id_b"]
    gold = {}
    for a, b, _label in standin_gold["alignment_wire_to_rewrite"]["pairs"]:
        if a is not None and b is not None:
            gold.setdefault(a, set()).add(b)
    # Verbatim, rewritten, split and merged sentences whose best TF-IDF match is the gold one.
    for a in (0, 3, 4, 5, 7, 9, 11, 12):
        assert best[a] in gold[a], (a, best[a], gold[a])
    # "We have to work together." (wire 4) and the rewrite's copy (rewrite 4).
    row = pairs[(pairs.sent_id_a == 4) & (pairs.sent_id_b == 4)]
    assert row.similarity.iloc[0] == pytest.approx(1.0, abs=1e-12)
    # Wire 7 was split into rewrite 7 and 8: both are its two best matches.
    assert set(pairs[pairs.sent_id_a == 7].head(2).sent_id_b) == {7, 8}


def test_within_documents(seed_sentences, seed):
    pairs = tfidf_similarity(seed, level="sentence", within_documents=True)
    n = len(seed_sentences)
    assert len(pairs) == n * (n - 1) // 2
    same = pairs[pairs.doc_id_a == pairs.doc_id_b]
    assert len(same) == 25 * 24 // 2 + 22 * 21 // 2
    assert (same.sent_id_a < same.sent_id_b).all()
    # The wire crosshead (13), – “Ukraine deserves our support” –, is closest to
    # the quote it repeats (20); scikit-learn gives the same cosine.
    wire = same[same.doc_id_a == "wire"]
    head = wire[(wire.sent_id_a == 13) | (wire.sent_id_b == 13)]
    top = head.iloc[0]
    assert (top.sent_id_a, top.sent_id_b) == (13, 20)
    sim = sklearn_sentence_similarity(seed_sentences)
    assert top.similarity == pytest.approx(sim.loc[("wire", 13), ("wire", 20)], abs=1e-12)
    one = tfidf_similarity(seed.loc[["wire"]], level="sentence", within_documents=True)
    assert len(one) == 25 * 24 // 2


def test_standin_within_documents(standin):
    pairs = tfidf_similarity(standin, level="sentence", within_documents=True)
    same = pairs[pairs.doc_id_a == pairs.doc_id_b]
    assert len(same) == 15 * 14 // 2 + 16 * 15 // 2
    # The stand-in's wire crosshead (8) repeats sentence 4's words.
    row = same[(same.doc_id_a == "wire") & (same.sent_id_a == 4) & (same.sent_id_b == 8)]
    assert row.similarity.iloc[0] == pytest.approx(1.0, abs=1e-12)


# ---------------------------------------------------------------------------
# to_matrix
# ---------------------------------------------------------------------------


def test_to_matrix_documents():
    pairs = tfidf_similarity(frame(TOY), min_similarity=0.15)
    m = to_matrix(pairs)
    ids = [f"d{k}" for k in range(12)]
    assert m.index.tolist() == ids == m.columns.tolist()  # every document, articles' order
    values = m.to_numpy()
    np.testing.assert_array_equal(np.diag(values), np.ones(12))
    np.testing.assert_array_equal(np.isnan(values), np.isnan(values.T))
    np.testing.assert_allclose(np.nan_to_num(values), np.nan_to_num(values.T))
    sim = cosine_similarity(TfidfVectorizer().fit_transform(TOY))
    kept = sim >= 0.15
    np.testing.assert_allclose(values[kept], sim[kept], atol=1e-12)
    assert np.isnan(values[~kept]).all()
    zero = to_matrix(pairs, fill=0.0).to_numpy()
    assert (zero[~kept] == 0).all()


def test_to_matrix_sentences(seed, seed_sentences):
    pairs = tfidf_similarity(seed, level="sentence")
    m = to_matrix(pairs)
    assert m.shape == (25 + 22, 25 + 22)
    assert m.index.names == ["doc_id", "sent_id"]
    assert m.index.tolist()[:2] == [("wire", 0), ("wire", 1)]
    assert m.index.tolist()[25] == ("rewrite", 0)
    want = sklearn_sentence_similarity(seed_sentences).loc[("wire", 9), ("rewrite", 9)]
    assert m.loc[("wire", 9), ("rewrite", 9)] == pytest.approx(want, abs=1e-12)
    assert m.loc[("rewrite", 9), ("wire", 9)] == pytest.approx(want, abs=1e-12)
    assert np.isnan(m.loc[("wire", 0), ("wire", 1)])  # never compared
    np.testing.assert_array_equal(np.diag(m.to_numpy()), np.ones(47))


def test_to_matrix_plain_tables():
    pairs = pd.DataFrame(
        {"doc_id_a": ["x", "y", "x"], "doc_id_b": ["y", "x", "z"], "similarity": [0.9, 0.4, 0.1]}
    )
    m = to_matrix(pairs)  # no attrs: first-seen order; both directions kept
    assert m.index.tolist() == ["x", "y", "z"]
    assert m.loc["x", "y"] == 0.9 and m.loc["y", "x"] == 0.4
    assert m.loc["z", "x"] == 0.1
    assert to_matrix(pairs, ids=["z", "y", "x"]).index.tolist() == ["z", "y", "x"]
    with pytest.raises(ValueError, match="missing from `ids`"):
        to_matrix(pairs, ids=["x", "y"])
    with pytest.raises(ValueError, match="same pair twice"):
        to_matrix(pd.concat([pairs, pairs]))
    with pytest.raises(ValueError, match=r"needs column\(s\) \['similarity'\]"):
        to_matrix(pairs.drop(columns="similarity"))
    with pytest.raises(TypeError):
        to_matrix([1, 2])
    empty = to_matrix(tfidf_similarity(frame([])))
    assert empty.shape == (0, 0)


# ---------------------------------------------------------------------------
# degenerate and bad input
# ---------------------------------------------------------------------------


def test_no_input_mutation(seed):
    before = seed.copy(deep=True)
    bg = frame(BACKGROUND)
    bg_before = bg.copy(deep=True)
    quiet(tfidf_similarity, seed, level="sentence", background=bg)
    quiet(tfidf_similarity, seed)
    pd.testing.assert_frame_equal(seed, before)
    pd.testing.assert_frame_equal(bg, bg_before)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "paragraph"}, "`level` = 'paragraph' is invalid; expected one of"),
        ({"analyzer": "chars"}, "`analyzer` = 'chars' is invalid"),
        ({"idf": "corpus"}, "`idf` = 'corpus' is invalid"),
        ({"min_similarity": 1.5}, "`min_similarity` must be a number between 0 and 1"),
        ({"min_similarity": "0.5"}, "`min_similarity` must be a number"),
        ({"ngram_range": (2, 1)}, "`ngram_range` must be None or"),
        ({"ngram_range": 2}, "`ngram_range` must be None or"),
        ({"top_n": 0}, "`top_n` must be None or a positive integer"),
    ],
)
def test_bad_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        tfidf_similarity(frame(TOY), **kwargs)


def test_bad_flags_and_articles():
    with pytest.raises(TypeError, match="`fold_accents` must be True or False"):
        tfidf_similarity(frame(TOY), fold_accents="yes")
    with pytest.raises(TypeError, match="expects an articles DataFrame"):
        tfidf_similarity(TOY)
    with pytest.raises(ValueError, match=r"needs column\(s\) \['text'\]"):
        tfidf_similarity(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(TypeError, match="needs str values"):
        tfidf_similarity(frame(["x", 3]))


def test_empty_frame_gives_empty_table():
    for level, columns in (("document", PAIR_COLUMNS), ("sentence", SENT_COLUMNS)):
        with warnings.catch_warnings():
            warnings.simplefilter("error", MediakitWarning)
            pairs = tfidf_similarity(frame([]), level=level)
        assert pairs.columns.tolist() == columns
        assert len(pairs) == 0
        assert pairs["similarity"].dtype == np.float64


def test_one_document_warns():
    with pytest.warns(MediakitWarning, match=r"only one document \('d0'\)"):
        pairs = tfidf_similarity(frame(["Just one story."]))
    assert pairs.columns.tolist() == PAIR_COLUMNS and len(pairs) == 0
    with pytest.warns(MediakitWarning, match="within_documents=True"):
        tfidf_similarity(frame(["Just one story."]), level="sentence")


def test_empty_texts_are_zero_and_named():
    texts = ["Troops crossed the border.", "", "Troops crossed the river.", "!!! ..."]
    with pytest.warns(MediakitWarning, match=r"2 document\(s\).*\['d1', 'd3'\]"):
        got = as_dict(tfidf_similarity(frame(texts), idf="none"))
    assert len(got) == 6
    for key, value in got.items():
        if "d1" in key or "d3" in key:
            assert value == 0.0
    # Hand: 4 terms each, 3 shared.
    assert got[("d0", "d2")] == pytest.approx(3 / 4, abs=1e-12)
    articles = frame(["Troops crossed the border.", None, "Troops crossed the river."])
    with pytest.warns(MediakitWarning) as record:
        sents = tfidf_similarity(articles, level="sentence")
    messages = " ".join(str(w.message) for w in record)
    assert "missing" in messages and "no sentence to pair" in messages and "'d1'" in messages
    assert set(sents.doc_id_a) == {"d0"} and set(sents.doc_id_b) == {"d2"}


def test_all_empty_and_empty_vocabulary():
    with pytest.warns(MediakitWarning, match="their similarity to everything is 0"):
        pairs = tfidf_similarity(frame(["", "  "]))
    assert pairs.similarity.tolist() == [0.0]
    with pytest.raises(ValueError, match=r"found no terms.*stop_words"):
        quiet(tfidf_similarity, frame(["the and of", "of the and"]), stop_words="english")


def test_warnings_point_at_the_caller():
    with pytest.warns(MediakitWarning) as record:
        tfidf_similarity(frame(["Troops crossed the border.", ""]))
    assert {Path(w.filename).name for w in record} == {"test_similarity.py"}
    assert len(record) == 2  # flat IDF (1 sentence), and the empty document named


def test_identical_articles():
    articles = frame([TOY[0]] * 3)
    pairs = quiet(tfidf_similarity, articles)
    np.testing.assert_allclose(pairs.similarity, 1.0, atol=1e-12)
    assert pairs[["doc_id_a", "doc_id_b"]].values.tolist() == [
        ["d0", "d1"], ["d0", "d2"], ["d1", "d2"]
    ]  # fmt: skip
