"""Measures given sentences= and tokens= tables: the same results, and clear errors.

A corpus is split and tokenized once and the tables passed to every measure
(``mediakit.segment._tables``). Whatever is passed, the result must equal the
one the measure computes on its own; a table made from other articles must
be refused with a message that says so.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import mediakit as mk
from mediakit.segment import _words


@pytest.fixture()
def corpus(four_articles_clean):
    return four_articles_clean


def measures(dictionary):
    cased = mk.Dictionary.from_dict({"names": ["Rutte", "NATO"]}, case_sensitive=True)
    return {
        "lexical_features": lambda a, **kw: mk.lexical_features(a, **kw),
        "lexical_features_cased": lambda a, **kw: mk.lexical_features(a, lowercase=False, **kw),
        "lexical_diversity": lambda a, **kw: mk.lexical_diversity(a, **kw),
        "readability": lambda a, **kw: mk.readability(a, **kw),
        "count_frames": lambda a, **kw: mk.count_frames(a, dictionary, **kw),
        "count_frames_sentence": lambda a, **kw: mk.count_frames(
            a, dictionary, level="sentence", normalize="share", **kw
        ),
        "count_frames_cased": lambda a, **kw: mk.count_frames(a, cased, **kw),
        "frame_hits": lambda a, **kw: mk.frame_hits(a, dictionary, **kw),
    }


@pytest.mark.parametrize("name", list(measures(None)))
def test_given_tables_give_the_same_result(corpus, name):
    func = measures(mk.load_dictionary("generic_frames"))[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        sents = mk.split_sentences(corpus)
        toks = mk.tokenize(corpus, sentences=sents)
        own = func(corpus)
        given = func(corpus, sentences=sents, tokens=toks)
        # a table without the record of its casing (attrs lost, e.g. read back from disk),
        # in another row order: norm is made again and the rows put back in order
        shuffled = toks.sample(frac=1.0, random_state=3)
        shuffled.attrs = {}
        mixed = func(corpus, sentences=sents, tokens=shuffled)
        # tokens alone: the sentences are split again
        tokens_only = func(corpus, tokens=toks)
    pd.testing.assert_frame_equal(given, own)
    pd.testing.assert_frame_equal(mixed, own)
    pd.testing.assert_frame_equal(tokens_only, own)


def test_tokenize_records_its_casing(corpus):
    assert mk.tokenize(corpus).attrs["lowercase"] is True
    assert mk.tokenize(corpus, lowercase=False).attrs["lowercase"] is False


def test_tables_of_other_articles_are_refused(corpus):
    sents = mk.split_sentences(corpus)
    toks = mk.tokenize(corpus, sentences=sents)
    wire = corpus.loc[["wire"]]
    with pytest.raises(ValueError, match=r"`tokens` has doc_id\(s\) that are not in the articles"):
        mk.lexical_features(wire, tokens=toks)
    with pytest.raises(ValueError, match=r"`sentences` has doc_id\(s\) that are not in"):
        mk.readability(wire, sentences=sents)
    # tokens of the raw text: offsets outside the cleaned text
    raw = corpus.assign(text=corpus["text_raw"])
    raw_toks = mk.tokenize(raw)
    short = corpus.assign(text=corpus["text"].str.slice(0, 50))
    with pytest.raises(ValueError, match=r"outside the article text.*another version"):
        mk.count_frames(short, mk.load_dictionary("generic_frames"), tokens=raw_toks)
    # sentences and tokens of different segmentations
    fewer = sents[sents["sent_id"] < 3]
    with pytest.raises(ValueError, match=r"sent_id is not in `sentences`.*same articles"):
        mk.lexical_features(corpus, sentences=fewer, tokens=toks)
    with pytest.raises(ValueError, match=re.escape("`tokens` needs column(s) ['norm']")):
        mk.lexical_diversity(corpus, tokens=toks.drop(columns="norm"))
    with pytest.raises(TypeError, match="`tokens` must be a DataFrame"):
        mk.readability(corpus, tokens=toks["token"])


def test_an_article_missing_from_the_tokens_counts_zero_with_a_warning(corpus):
    toks = mk.tokenize(corpus)
    without_wire = toks[toks["doc_id"] != "wire"]
    with pytest.warns(mk.MediakitWarning, match="wire"):
        feats = mk.lexical_features(corpus, tokens=without_wire)
    assert feats.index.tolist() == corpus.index.tolist()  # rows in = rows out
    assert feats.loc["wire", "n_tokens"] == 0
    assert (
        feats.loc["rewrite", "n_tokens"] == mk.lexical_features(corpus).loc["rewrite", "n_tokens"]
    )


# ---------------------------------------------------------------------------
# the tokenizer's findall scan gives exactly the tokens of the word pattern
# ---------------------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

PIECES = ["U.S.", "Mr.", "No.", " 10", "11,000", "don't", "Korea’s", " ", "  ", "\n", "\t",
          "“", "”", "\"", "'", "-", "--", "...", "é", "word", "W.", "$", "%", "#tag",
          "www.x.org", "a@b.co", "24-hour", "1990s", "\u00a0", "\u2009", "_", "½",
          "\x1c", "\x85", "\u3000", "\u2028", "\x0b"]  # fmt: skip


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    texts=st.lists(st.lists(st.sampled_from(PIECES), max_size=25).map("".join), max_size=4)
)
def test_tokens_are_those_of_finditer(texts):
    articles = pd.DataFrame(
        {"text": texts}, index=pd.Index([f"d{i}" for i in range(len(texts))], name="doc_id")
    )
    # one "sentence" per whole text, so that the reference is one finditer per text
    sents = pd.DataFrame(
        {
            "doc_id": articles.index,
            "sent_id": 0,
            "start": 0,
            "end": [len(t) for t in texts],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        toks = mk.tokenize(articles, sentences=sents)
    finditer = _words.word_tokenizer().regexp.finditer
    expected = [
        (d, i, m.group(), m.start(), m.end())
        for d, text in zip(articles.index, texts, strict=True)
        for i, m in enumerate(finditer(text))
    ]
    got = list(
        zip(toks["doc_id"], toks["token_id"], toks["token"], toks["start"], toks["end"],
            strict=True)
    )  # fmt: skip
    assert got == expected


FAST_PIECES = [*PIECES, "http://x.org/a", "https:", ":", "www", ".", "word", "Word", "Zürich",
               "cafe\u0301", "don’t", "it's", ",", ";", ")", "]", "”", "!", "?", "-", "+",
               "@", "#", "john.smith@x.com", "Mr", "No", "Nos.", "e.g.", "WORD", "42"]  # fmt: skip


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(text=st.lists(st.sampled_from(FAST_PIECES), max_size=30).map("".join))
def test_the_plain_word_shortcut_changes_no_token(text):
    import re

    slow = re.compile(_words._word_pattern(fast=False), re.VERBOSE)
    fast = re.compile(_words._word_pattern(fast=True), re.VERBOSE)
    spans = [[(m.start(), m.end()) for m in rx.finditer(text)] for rx in (slow, fast)]
    assert spans[0] == spans[1]


def test_made_here_vouches_only_for_the_very_tables_it_was_given(monkeypatch):
    """document_features passes the tables it made to every measure inside made_here:
    those objects are not checked again and their positions are computed once; any other
    table (a copy, another casing) is checked as usual."""
    from mediakit.segment import _tables

    articles = mk.clean_articles(mk.load_sample_articles())
    sents = mk.split_sentences(articles)
    toks = mk.tokenize(articles, sentences=sents)
    checked, located = [], []
    check, locate = _tables.check_table, _tables.positions
    monkeypatch.setattr(_tables, "check_table", lambda *a, **k: checked.append(1) or check(*a, **k))
    monkeypatch.setattr(_tables, "positions", lambda *a, **k: located.append(1) or locate(*a, **k))
    with _tables.made_here(articles, sents, toks):
        s, t = _tables.sentences_and_tokens(articles, "f", sentences=sents, tokens=toks)
        assert s is sents and t is toks and not checked
        first = _tables.table_positions(articles, toks)
        assert _tables.table_positions(articles, toks) is first and len(located) == 1
        _tables.sentences_and_tokens(articles, "f", sentences=sents, tokens=toks.copy())
        assert len(checked) == 2  # another object: both tables checked
        t2 = _tables.sentences_and_tokens(
            articles, "f", sentences=sents, tokens=toks, lowercase=False
        )[1]
        assert t2 is not toks and t2.attrs["lowercase"] is False  # norm made again
        assert t2["norm"].iloc[0] == "NATO" and toks["norm"].iloc[0] == "nato"
    assert (first == locate(articles.index, toks["doc_id"])).all()
    _tables.sentences_and_tokens(articles, "f", sentences=sents, tokens=toks)
    assert len(checked) == 6  # outside the block, checked again


def test_the_gaps_stripped_are_exactly_what_the_pattern_reads_as_whitespace():
    import re

    everything = map(chr, range(0x110000))
    assert set(_words.WHITESPACE) == {c for c in everything if re.fullmatch(r"\s", c)}
