"""Tests of mediakit.style.sentiment: hand checks from the lexicon, VADER called directly."""

from __future__ import annotations

import math
import socket
import statistics
from pathlib import Path

import pandas as pd
import pytest

from mediakit._validation import MediakitWarning
from mediakit.style.sentiment import sentiment


def _articles(**texts: str) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))


def _straight(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _lexicon() -> dict[str, float]:
    import vaderSentiment.vaderSentiment as vs

    path = Path(vs.__file__).with_name("vader_lexicon.txt")
    out = {}
    for line in path.read_text("utf-8").splitlines():
        word, value, *_ = line.split("\t")
        out[word] = float(value)
    return out


@pytest.fixture(scope="module")
def seed():
    import mediakit as mk

    return mk.clean_articles(mk.load_sample_articles())


def test_hand_check_one_sentence():
    lex = _lexicon()
    assert lex["good"] == 1.9
    out = sentiment(_articles(a="The film was good."), level="sentence")
    row = out.iloc[0]
    # compound: the valence sum x = 1.9 normalised as x / sqrt(x^2 + 15), rounded to 4
    assert row["compound"] == round(1.9 / math.sqrt(1.9**2 + 15), 4) == 0.4404
    # VADER's shares: a positive word weighs valence + 1 = 2.9, each of the three
    # neutral words 1: pos = 2.9 / 5.9, neu = 3 / 5.9, rounded to 3 decimals
    assert row["pos"] == round(2.9 / 5.9, 3)
    assert row["neu"] == round(3 / 5.9, 3)
    assert row["neg"] == 0.0


def test_hand_check_document_level():
    lex = _lexicon()
    good = lex["good"] / math.sqrt(lex["good"] ** 2 + 15)  # 0.4404
    bad = lex["bad"] / math.sqrt(lex["bad"] ** 2 + 15)  # -2.5 / sqrt(21.25) = -0.5423
    doc = sentiment(_articles(r="The film was good. The ending was bad. It is Monday."))
    row = doc.loc["r"]
    assert row["n_sentences"] == 3
    assert row["compound_mean"] == pytest.approx((round(good, 4) + round(bad, 4) + 0) / 3)
    assert row["share_positive"] == pytest.approx(1 / 3)
    assert row["share_negative"] == pytest.approx(1 / 3)
    assert row["share_neutral"] == pytest.approx(1 / 3)
    sd = statistics.stdev([round(good, 4), round(bad, 4), 0.0])
    assert row["compound_sd"] == pytest.approx(sd)


def test_sentences_match_vader_called_directly(seed):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from mediakit.segment import split_sentences

    vader = SentimentIntensityAnalyzer()
    segs = split_sentences(seed)
    body = segs[segs["kind"] == "body"].reset_index(drop=True)
    out = sentiment(seed, level="sentence")
    assert out.columns.tolist() == ["doc_id", "sent_id", "text", "neg", "neu", "pos", "compound"]
    assert out["doc_id"].tolist() == body["doc_id"].tolist()
    assert out["sent_id"].tolist() == body["sent_id"].tolist()
    assert out["text"].tolist() == body["text"].tolist()
    for i, text in enumerate(body["text"]):
        expected = vader.polarity_scores(_straight(text))
        for key in ("neg", "neu", "pos", "compound"):
            assert out.loc[i, key] == expected[key], (i, key)


def test_document_level_is_mean_of_direct_sentence_scores(seed):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    sents = sentiment(seed, level="sentence")
    doc = sentiment(seed)
    assert doc.index.tolist() == seed.index.tolist()
    for doc_id in seed.index:
        texts = sents.loc[sents["doc_id"] == doc_id, "text"]
        comp = [vader.polarity_scores(_straight(t))["compound"] for t in texts]
        row = doc.loc[doc_id]
        assert row["n_sentences"] == len(comp)
        assert row["compound_mean"] == pytest.approx(statistics.mean(comp))
        assert row["share_positive"] == pytest.approx(sum(c >= 0.05 for c in comp) / len(comp))
        assert row["share_negative"] == pytest.approx(sum(c <= -0.05 for c in comp) / len(comp))
        assert row[["share_positive", "share_negative", "share_neutral"]].sum() == pytest.approx(1)


def test_typographic_apostrophe_keeps_negation():
    out = sentiment(
        _articles(typo="The plan didn’t work well.", plain="The plan didn't work well."),
        level="sentence",
    )
    assert out.loc[0, "compound"] == out.loc[1, "compound"] < 0


def test_empty_article_rows_in_rows_out():
    arts = _articles(a="Good news.", empty="", b="Bad news.")
    with pytest.warns(MediakitWarning, match=r"no body sentences.*'empty'"):
        doc = sentiment(arts)
    assert doc.index.tolist() == ["a", "empty", "b"]
    assert doc.loc["empty", "n_sentences"] == 0
    assert math.isnan(doc.loc["empty", "compound_mean"])
    with pytest.warns(MediakitWarning, match="'empty'"):
        sents = sentiment(arts, level="sentence")
    assert sents["doc_id"].tolist() == ["a", "b"]


def test_level_is_validated():
    with pytest.raises(ValueError, match=r"`level` = 'paragraph' is invalid"):
        sentiment(_articles(a="Fine."), level="paragraph")
    with pytest.raises(TypeError):
        sentiment("Fine.")


def test_lexicon_is_read_from_the_package_without_network(monkeypatch):
    import vaderSentiment.vaderSentiment as vs

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    analyzer = vs.SentimentIntensityAnalyzer()
    assert Path(vs.__file__).with_name("vader_lexicon.txt").is_file()
    assert len(analyzer.lexicon) > 7000
    assert analyzer.polarity_scores("good")["compound"] == 0.4404


def test_input_not_mutated(seed):
    before = seed.copy()
    sentiment(seed)
    pd.testing.assert_frame_equal(seed, before)
