"""kwic and its notebook view: windows counted by hand, escaping checked by parsing."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

from mediakit.display import kwic_view
from mediakit.framing import Dictionary, count_frames, frame_hits
from mediakit.framing.kwic import KWIC_COLUMNS, kwic

# tokens: 0 The 1 talks 2 failed 3 . | 4 Both 5 sides 6 traded 7 threats 8 over 9 the
#         10 peace 11 deal 12 again 13 .
TEXT = "The talks failed. Both sides traded threats over the peace deal again."


def frame(*texts: str) -> pd.DataFrame:
    ids = [chr(ord("a") + i) for i in range(len(texts))]
    return pd.DataFrame({"text": list(texts)}, index=pd.Index(ids, name="doc_id"))


def test_window_counts_tokens_and_crosses_sentences_by_default():
    k = kwic(frame(TEXT), "fail*", window=3)
    assert k.columns.tolist() == KWIC_COLUMNS
    # pre: tokens 0-1 (only two exist); post: tokens 3-5 ". Both sides"
    assert k[["pre", "keyword", "post"]].values.tolist() == [
        ["The talks", "failed", ". Both sides"]
    ]
    assert k[["doc_id", "sent_id", "token_id", "start", "end"]].values.tolist() == [
        ["a", 0, 2, 10, 16]
    ]
    bounded = kwic(frame(TEXT), "fail*", window=3, sentence_bounded=True)
    assert bounded.loc[0, "post"] == "."  # sentence 0 ends with the period
    assert kwic(frame(TEXT), "fail*", window=0).loc[0, ["pre", "post"]].tolist() == ["", ""]


def test_multiword_keyword_and_context_as_written():
    text = "Talks on the\npeace   deal, it’s over."
    k = kwic(frame(text), "peace deal", window=2)
    # keyword keeps its inner spacing collapsed; pre "on the" (line break -> space)
    assert k.loc[0, ["pre", "keyword", "post"]].tolist() == ["on the", "peace deal", ", it"]
    assert text[k.loc[0, "start"] : k.loc[0, "end"]] == "peace   deal"


def test_dictionary_category_and_whole_dictionary():
    d = Dictionary.from_dict(
        {"conflict": {"threat": ["threat*"], "fail": ["fail*"]}, "p": ["peace"]}
    )
    by_parent = kwic(frame(TEXT), "conflict", window=1, dictionary=d)
    assert by_parent[["keyword", "category"]].values.tolist() == [
        ["failed", "conflict"],
        ["threats", "conflict"],
    ]
    everything = kwic(frame(TEXT), d, window=1)
    # one row per hit, as frame_hits finds them (same order)
    hits = frame_hits(frame(TEXT), d)
    assert everything[["token_id", "category", "pattern"]].values.tolist() == (
        hits[["token_id", "category", "pattern"]].values.tolist()
    )
    counts = count_frames(frame(TEXT), d)
    assert everything.groupby("category").size().to_dict() == {
        c: counts.loc["a", c] for c in d.categories if counts.loc["a", c]
    }


def test_list_of_patterns_are_categories_and_context_stays_in_its_article():
    k = kwic(frame("War began.", "Peace came after war."), ["war", "re:^peace$"], window=10)
    assert k[["doc_id", "keyword", "category"]].values.tolist() == [
        ["a", "War", "war"],
        ["b", "Peace", "re:^peace$"],
        ["b", "war", "war"],
    ]
    assert k.loc[0, "post"] == "began."  # not into article b
    assert k.loc[2, "pre"] == "Peace came after"


def test_no_hits_and_empty_articles():
    k = kwic(frame("Nothing here."), "war")
    assert len(k) == 0 and k.columns.tolist() == KWIC_COLUMNS
    with pytest.warns(match="no word tokens; they have no hits"):
        assert len(kwic(frame(""), "war")) == 0


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (("war",), {"window": -1}, ValueError, "`window` must be an int >= 0"),
        (("war",), {"window": 2.5}, ValueError, "`window` must be an int >= 0"),
        (("",), {}, TypeError, "must be a pattern"),
        ((5,), {}, TypeError, "must be a pattern"),
        (
            ("nope",),
            {"dictionary": {"x": ["war"]}},
            ValueError,
            r"unknown categor\(ies\) \['nope'\]",
        ),
        (("re:(",), {}, ValueError, "does not compile"),
    ],
)
def test_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        kwic(frame(TEXT), *args, **kwargs)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_view_escapes_article_text():
    hostile = 'Officials <script>alert(1)</script> said <img src=x onerror="x()"> the war went on.'
    k = kwic(frame(hostile), "war", window=40)
    html = kwic_view(k, caption="<b>cap</b>")
    parser = _Collect()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags and "b" not in parser.tags
    assert not any(a.startswith("on") for a in parser.attrs)
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert "war" in text and "<b>cap</b>" in text
    assert parser.tags.count("mark") == 1


def test_view_rows_and_limit():
    k = kwic(frame("war " * 30), "war", window=1)
    html = kwic_view(k, max_rows=5)
    assert html.count("<mark>") == 5 and "25 more row(s) not shown" in html
    assert html._repr_html_() == str(html)
    with pytest.raises(ValueError, match=r"needs column\(s\) \['pre'"):
        kwic_view(pd.DataFrame({"doc_id": ["a"], "sent_id": [0]}))
