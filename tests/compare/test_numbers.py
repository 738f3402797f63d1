"""extract_numbers: each number form on hand-written sentences, with exact values and offsets."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from mediakit.compare.numbers import extract_numbers
from mediakit.segment import split_sentences


def one(text: str) -> pd.DataFrame:
    return pd.DataFrame({"text": [text]}, index=pd.Index(["d"], name="doc_id"))


def figures(text: str) -> list[tuple]:
    """(text, value, unit, noun) of each figure; NaN/NA shown as None."""
    out = extract_numbers(one(text))

    def val(v):
        return None if pd.isna(v) else v

    return [
        (r.text, r.value, val(r.unit), val(r.noun))
        for r in out[["text", "value", "unit", "noun"]].itertuples(index=False)
    ]


# (sentence, expected figures as (surface, value, unit, noun)), values worked out by hand
CASES = [
    (
        "Zelensky said 11,000 North Korean troops were in Kursk.",
        [("11,000", 11000.0, None, "troops")],
    ),
    ("The package is worth $125 billion.", [("$125 billion", 125e9, "USD", None)]),
    (
        "The EU pledged €1.5bn and London £300m.",
        [("€1.5bn", 1.5e9, "EUR", None), ("£300m", 3e8, "GBP", None)],
    ),
    (
        "It cost US$3bn, or 300 dollars each.",
        [("US$3bn", 3e9, "USD", None), ("300 dollars", 300.0, "USD", None)],
    ),
    (
        "Growth was 5.5% and 3 per cent.",
        [("5.5%", 5.5, "percent", None), ("3 per cent", 3.0, "percent", None)],
    ),
    ("Spending is two percent of output.", [("two percent", 2.0, "percent", None)]),
    ("Rates rose 2 percentage points.", [("2 percentage points", 2.0, "percentage points", None)]),
    ("He could end the war in 24 hours.", [("24 hours", 24.0, "hours", None)]),
    ("A 24-hour strike began.", [("24-hour", 24.0, "hours", None)]),
    ("He led the country for 14 years.", [("14 years", 14.0, "years", None)]),
    ("A 14-year-old boy was hurt.", [("14-year-old", 14.0, "years", None)]),
    ("The road is 1,250.75 km long.", [("1,250.75 km", 1250.75, "km", None)]),
    ("The invasion began in February 2022.", [("2022", 2022.0, "year", None)]),
    ("Prices rose in the 1990s.", [("1990s", 1990.0, "decade", None)]),
    ("He took over on October 1.", [("October 1", 1001.0, "date", None)]),
    (
        "Trump takes office on Jan. 20, 2025.",
        [("Jan. 20", 120.0, "date", None), ("2025", 2025.0, "year", None)],
    ),
    ("The summit opened on 7 November.", [("7 November", 1107.0, "date", None)]),
    ("More than 40 countries attended.", [("40", 40.0, None, "countries")]),
    (
        "About twenty-five people and a dozen men came.",
        [("twenty-five", 25.0, None, "people"), ("a dozen", 12.0, None, "men")],
    ),
    ("Forty two cats sat.", [("Forty two", 42.0, None, "cats")]),
    (
        "Some 10k fans and 5m viewers watched.",
        [("10k", 1e4, None, "fans"), ("5m", 5e6, None, "viewers")],
    ),
    ("One million euros were paid.", [("One million euros", 1e6, "EUR", None)]),
    ("Ukraine has 300 000 troops.", [("300 000", 3e5, None, "troops")]),
    ("Ukraine has 300\u202f000 troops.", [("300\u202f000", 3e5, None, "troops")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_each_number_form(text, expected):
    got = figures(text)
    assert [(t, u, n) for t, _, u, n in got] == [(t, u, n) for t, _, u, n in expected]
    for (_, value, _, _), (_, want, _, _) in zip(got, expected, strict=True):
        assert math.isclose(value, want, rel_tol=1e-12)


def test_offsets_point_into_the_text():
    text = "Zelensky said 11,000 troops were there. Aid of $125 billion ended on Nov. 7."
    out = extract_numbers(one(text))
    for surface in ("11,000", "$125 billion", "Nov. 7"):
        row = out[out["text"] == surface].iloc[0]
        start = text.index(surface)
        assert (row["start"], row["end"]) == (start, start + len(surface))
    assert out["sent_id"].tolist() == [0, 1, 1]


@pytest.mark.parametrize(
    "text",
    [
        "F-16 jets and COVID-19 cases at the G7.",
        "We met at 10:30 and it runs 24/7.",
        "A 3D film on the 2nd floor at 10am.",
        "One of them came, and no one else; one senior diplomat spoke.",
        "European decimals like 1,5 are not read.",
    ],
)
def test_what_is_not_a_figure(text):
    assert figures(text) == []


def test_ranges():
    out = extract_numbers(one("Between 10-12 people, $10–12 billion and the 2022-23 season."))
    assert out["text"].tolist() == ["10-12", "$10–12 billion", "2022-23"]
    assert out["value"].tolist() == [10.0, 10e9, 2022.0]
    assert out["high"].tolist() == [12.0, 12e9, 2023.0]
    assert out["unit"].isna().tolist() == [True, False, False]
    assert out["unit"].tolist()[1:] == ["USD", "year"]
    single = extract_numbers(one("Some 40 people."))
    assert np.isnan(single["high"].iloc[0])


def test_qualifier_and_phrase():
    text = "Some 11,000 North Korean soldiers, more than 40 countries and about 10,000."
    out = extract_numbers(one(text))
    assert out["qualifier"].tolist() == ["some", "more than", "about"]
    assert out["phrase"].tolist() == [
        "Some 11,000 North Korean soldiers",
        "more than 40 countries",
        "about 10,000",
    ]
    assert out["noun"].isna().tolist() == [False, False, True]


def _figures_of(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    import mediakit as mk

    clean = mk.clean_articles(raw)
    out = extract_numbers(clean)
    for doc in ("wire", "rewrite"):
        part = out[out["doc_id"] == doc]
        text = clean.loc[doc, "text"]
        assert [text[s:e] for s, e in zip(part["start"], part["end"], strict=True)] == part[
            "text"
        ].tolist()
    return clean, out[out["doc_id"] == "wire"], out[out["doc_id"] == "rewrite"]


def test_seed_pair_figures(seed_raw):
    _, wire, rewrite = _figures_of(seed_raw)
    # read off data/seed-pair/*.txt by hand (sentence ids of the gold); "one of the
    # things", "one senior NATO diplomat" and "tens of billions" are not read
    assert wire["text"].tolist() == [
        "11,000",
        "2022",
        "24 hours",
        "three years",
        "$125 billion",
        "$90 billion",
    ]
    assert wire["sent_id"].tolist() == [7, 11, 12, 15, 16, 16]
    assert wire["qualifier"].tolist()[4:] == ["about", "more than"]
    assert rewrite["text"].tolist() == ["11,000", "24 hours", "$90 billion", "$125 billion"]
    assert rewrite["sent_id"].tolist() == [7, 12, 15, 15]
    assert rewrite["qualifier"].tolist()[2:] == ["over", "around"]
    assert wire["unit"].tolist()[1:] == ["year", "hours", "years", "USD", "USD"]
    assert wire["value"].tolist() == [11000, 2022, 24, 3, 125e9, 90e9]
    assert wire["noun"].tolist()[0] == rewrite["noun"].tolist()[0] == "troops"


def test_standin_pair_figures(standin_raw):
    # the stand-in has dates, a percentage in words and figures from another source
    _, wire, rewrite = _figures_of(standin_raw)
    # read off tests/data/standin-pair/*.txt by hand ("one senior European diplomat" is not read)
    assert wire["text"].tolist() == ["2022", "11,000", "October 1", "two percent", "24 hours", "40"]
    assert rewrite["text"].tolist() == [
        "Nov. 7",
        "Jan. 20",
        "2022",
        "11,000",
        "10,000",
        "24 hours",
        "14 years",
        "Jan. 20",
    ]
    assert wire["sent_id"].tolist() == [6, 7, 9, 10, 11, 14]


def test_output_table_shape():
    articles = pd.DataFrame(
        {"text": ["No figures here.", "It cost $5 million."]},
        index=pd.Index(["none", "some"], name="doc_id"),
    )
    before = articles.copy()
    out = extract_numbers(articles)
    assert list(out.columns) == [
        "doc_id",
        "sent_id",
        "start",
        "end",
        "text",
        "value",
        "high",
        "unit",
        "noun",
        "qualifier",
        "phrase",
    ]
    assert isinstance(out.index, pd.RangeIndex)
    assert out["doc_id"].tolist() == ["some"]
    assert out["start"].dtype == np.int64 and out["value"].dtype == np.float64
    pd.testing.assert_frame_equal(articles, before)


def test_sentences_option_restricts_the_search():
    articles = one("He said 5 cats came.\n\n– 7 dogs –\n\nThen 9 birds.")
    sents = split_sentences(articles)
    body = sents[sents["kind"] == "body"]
    assert extract_numbers(articles)["value"].tolist() == [5.0, 7.0, 9.0]
    assert extract_numbers(articles, sentences=body)["value"].tolist() == [5.0, 9.0]


def test_empty_and_missing_text():
    articles = pd.DataFrame(
        {"text": ["", None, "3 cats."]}, index=pd.Index(["e", "m", "x"], name="doc_id")
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = extract_numbers(articles)
    assert out["doc_id"].tolist() == ["x"]
    assert any("'m'" in str(w.message) for w in caught)


def test_bad_input():
    with pytest.raises(TypeError, match="articles DataFrame"):
        extract_numbers(["3 cats"])
    with pytest.raises(ValueError, match="text"):
        extract_numbers(pd.DataFrame({"body": ["3 cats"]}))
    with pytest.raises(TypeError, match="sentences"):
        extract_numbers(one("3 cats."), sentences=[(0, 5)])
