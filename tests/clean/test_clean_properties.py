"""Property tests of mediakit.clean: arbitrary text never breaks the cleaning contract."""

from __future__ import annotations

import re
import warnings

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediakit.clean import clean_articles, cleaning_audit, default_rules

CHROME_LINES = sorted({e for r in default_rules() for e in (*r.examples, *r.counterexamples)})
CHROME_LINES += [
    "close",
    "NATO chief warns Trump",
    "Budapest (AFP) –",
    "© Ludovic MARIN / AFP",
    "Home »",
    "By",
    "Leave a Reply",
    "Website",
    "– “We have to work together” –",
]
PROSE = [
    "The minister said on Tuesday that the new budget would be presented to parliament.",
    "“We have to work together,” he said.",
    "Ünïcödé text — with dashes… and quotes “here”?",
]

line = st.one_of(
    st.sampled_from(CHROME_LINES),
    st.sampled_from(PROSE),
    st.text(max_size=40),
    st.text(alphabet=" \t\u00a0\u200b\ufeff\u2028\x85.-–—©»>/|()*:AaBbyY0123", max_size=20),
)
separator = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", " \n \n", "\n\n\n"])


@st.composite
def article_text(draw) -> str:
    lines = draw(st.lists(line, max_size=12))
    if not lines:
        return draw(st.sampled_from(["", " ", "\n", "\r\n\r\n"]))
    out = lines[0]
    for item in lines[1:]:
        out += draw(separator) + item
    return out


def squash(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace() and ch not in "\u200b\u2060\ufeff")


@st.composite
def articles_frame(draw) -> pd.DataFrame:
    texts = draw(st.lists(article_text(), min_size=1, max_size=4))
    if draw(st.booleans()):
        texts[0] = None  # a missing text
    ids = [f"doc-{i}" for i in range(len(texts))]
    frame = pd.DataFrame({"text": texts}, index=pd.Index(ids, name="doc_id"))
    if draw(st.booleans()):
        frame["outlet"] = draw(
            st.lists(st.sampled_from(["a", "b"]), min_size=len(ids), max_size=len(ids))
        )
    return frame


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_frame(), st.integers(min_value=1, max_value=3))
def test_cleaning_contract_holds_for_arbitrary_text(articles, min_docs):
    options = {"boilerplate_min_docs": min_docs}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clean = clean_articles(articles, **options)
        audit = cleaning_audit(articles, **options)
    # rows in = rows out, same index, str text
    assert len(clean) == len(articles)
    assert clean.index.equals(articles.index)
    assert all(isinstance(t, str) for t in clean["text"])
    assert isinstance(audit.index, pd.RangeIndex)
    counts = audit.groupby("doc_id").size().reindex(clean.index, fill_value=0)
    assert (counts == clean["n_removed"]).all()
    for doc_id, raw in articles["text"].items():
        text = clean.loc[doc_id, "text"]
        raw = raw if isinstance(raw, str) else ""
        # every output line is a piece of the input
        for out_line in text.split("\n"):
            assert out_line in raw
        assert "\n\n\n" not in text and text == text.strip()
        # audit offsets are exact, spans disjoint, and raw minus spans is the text
        rows = audit[audit["doc_id"] == doc_id].sort_values("start")
        lines = re.split(r"\r\n|\r|\n", raw)
        kept, pos = [], 0
        for row in rows.itertuples():
            assert raw[row.start : row.end] == row.removed and row.removed
            assert row.removed in lines[row.line]
            assert row.start >= pos
            kept.append(raw[pos : row.start])
            pos = row.end
        kept.append(raw[pos:])
        assert squash("".join(kept)) == squash(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_frame())
def test_cleaning_is_idempotent_for_arbitrary_text(articles):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        once = clean_articles(articles, boilerplate_min_docs=2)
        twice = clean_articles(once, boilerplate_min_docs=2)
    assert twice["text"].tolist() == once["text"].tolist()
    assert (twice["n_removed"] == 0).all()
