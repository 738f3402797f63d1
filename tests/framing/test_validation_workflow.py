"""Tests for mediakit.framing.validation: sample_hits, dictionary_precision, coder_agreement.

Expected numbers are computed by hand (formulas written out below) or by an
independent implementation (scipy's binomtest, the
``krippendorff`` package), never copied from the code's own output.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest

from mediakit._validation import MediakitWarning
from mediakit.framing.agreement import coder_agreement
from mediakit.framing.validation import dictionary_precision, sample_hits

# ---------------------------------------------------------------------------
# fixtures: a hand-made article and hits into it
# ---------------------------------------------------------------------------

TEXT_A = (
    "Talks stalled in Geneva. The threat of war grew overnight. Nobody spoke.\n\n"
    "A second paragraph names\nanother threat here."
)
TEXT_B = "Peace deal signed. Markets rose on the peace deal news."


@pytest.fixture
def articles() -> pd.DataFrame:
    return pd.DataFrame({"text": [TEXT_A, TEXT_B]}, index=pd.Index(["a", "b"], name="doc_id"))


def _hit(doc: str, text: str, word: str, category: str, occurrence: int = 0, sent: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return {
        "doc_id": doc,
        "sent_id": sent,
        "category": category,
        "pattern": word.lower() + "*",
        "matched": word,
        "start": start,
        "end": start + len(word),
    }


@pytest.fixture
def hits() -> pd.DataFrame:
    rows = [
        _hit("a", TEXT_A, "threat", "conflict", 0, 1),
        _hit("a", TEXT_A, "war", "conflict", 0, 1),
        _hit("a", TEXT_A, "another threat", "conflict", 0, 3),
        _hit("b", TEXT_B, "Peace deal", "diplomacy", 0, 0),
        _hit("b", TEXT_B, "peace deal", "diplomacy", 0, 1),
    ]
    return pd.DataFrame(rows)


def _big_hits(counts: dict[str, int]) -> pd.DataFrame:
    rows = []
    for cat, n in counts.items():
        for i in range(n):
            rows.append(
                {
                    "doc_id": f"d{i % 7}",
                    "sent_id": i,
                    "category": cat,
                    "pattern": cat,
                    "matched": cat,
                    "start": 0,
                    "end": len(cat),
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# sample_hits
# ---------------------------------------------------------------------------


def test_sample_columns_and_blank_coding_columns(hits, articles):
    sheet = sample_hits(hits, articles)
    assert list(sheet.columns) == [
        "hit_id",
        "doc_id",
        "sent_id",
        "category",
        "pattern",
        "matched",
        "pre",
        "keyword",
        "post",
        "relevant",
        "coder",
        "note",
    ]
    assert isinstance(sheet.index, pd.RangeIndex)
    assert (sheet[["relevant", "coder", "note"]] == "").all().all()


def test_sample_context_sentence_exact(hits, articles):
    sheet = sample_hits(hits, articles).set_index("hit_id")
    # hit 0: "threat" in the second sentence "The threat of war grew overnight."
    assert sheet.loc[0, ["pre", "keyword", "post"]].tolist() == [
        "The ",
        "threat",
        " of war grew overnight.",
    ]
    assert sheet.loc[1, ["pre", "keyword", "post"]].tolist() == [
        "The threat of ",
        "war",
        " grew overnight.",
    ]
    # hit 2: sentence in the second paragraph, whose line break becomes one space
    assert sheet.loc[2, ["pre", "keyword", "post"]].tolist() == [
        "A second paragraph names ",
        "another threat",
        " here.",
    ]
    # hit 3: first sentence of b; hit 4: second sentence of b
    assert sheet.loc[3, ["pre", "keyword", "post"]].tolist() == ["", "Peace deal", " signed."]
    assert sheet.loc[4, ["pre", "keyword", "post"]].tolist() == [
        "Markets rose on the ",
        "peace deal",
        " news.",
    ]


def test_sample_context_characters_exact(hits, articles):
    sheet = sample_hits(hits, articles, context=5).set_index("hit_id")
    s = TEXT_A.index("threat")
    assert sheet.loc[0, "pre"] == TEXT_A[s - 5 : s] == " The "
    assert sheet.loc[0, "post"] == " of w"
    # clipped at the start of the text
    assert sheet.loc[3, "pre"] == ""
    assert sheet.loc[3, "post"] == " sign"
    # context=0: keyword only
    zero = sample_hits(hits, articles, context=0)
    assert (zero["pre"] == "").all() and (zero["post"] == "").all()
    assert zero["keyword"].tolist() == hits["matched"].tolist()


def test_sample_without_articles_warns_and_leaves_context_empty(hits):
    with pytest.warns(MediakitWarning, match="no `articles`") as record:
        sheet = sample_hits(hits)
    assert record[0].filename == __file__  # the warning points at the caller
    assert (sheet[["pre", "keyword", "post"]] == "").all().all()
    assert len(sheet) == len(hits)


def test_sample_offsets_not_matching_warn(hits, articles):
    bad = hits.copy()
    bad.loc[1, "start"] = 0  # "Talks stalled..." does not read "war"
    bad.loc[1, "end"] = 3
    with pytest.warns(MediakitWarning, match=r"hit_id\(s\) \[1\]"):
        sheet = sample_hits(bad, articles).set_index("hit_id")
    assert sheet.loc[1, "keyword"] == ""
    assert sheet.loc[0, "keyword"] == "threat"


def test_sample_unknown_doc_warns(hits, articles):
    with pytest.warns(MediakitWarning, match=r"\['b'\] not in `articles`"):
        sheet = sample_hits(hits, articles.loc[["a"]])
    assert (sheet.loc[sheet["doc_id"] == "b", "keyword"] == "").all()


def test_sample_stratified_counts_and_reproducible():
    hits = _big_hits({"conflict": 50, "economy": 3, "morality": 20, "human": 21})
    with pytest.warns(MediakitWarning, match="no `articles`"):
        sheet = sample_hits(hits, n_per_category=20, seed=7, context=0)
    counts = sheet["category"].value_counts().to_dict()
    assert counts == {"conflict": 20, "economy": 3, "morality": 20, "human": 20}
    # grouped by sorted category, hits in their original order within a category
    assert sheet["category"].tolist() == sorted(sheet["category"].tolist())
    for _, g in sheet.groupby("category"):
        assert g["hit_id"].is_monotonic_increasing
    # every sampled row is the hit it claims to be
    assert (hits.loc[sheet["hit_id"], "category"].to_numpy() == sheet["category"]).all()
    assert sheet["hit_id"].is_unique
    with pytest.warns(MediakitWarning):
        again = sample_hits(hits, n_per_category=20, seed=7, context=0)
        other = sample_hits(hits, n_per_category=20, seed=8, context=0)
    pd.testing.assert_frame_equal(sheet, again)
    assert other["hit_id"].tolist() != sheet["hit_id"].tolist()


def test_sample_documented_algorithm():
    # The docstring's recipe, replayed by hand: categories sorted, one generator.
    hits = _big_hits({"b": 30, "a": 12})
    rng = np.random.default_rng(3)
    a_pos = np.flatnonzero(hits["category"] == "a")
    b_pos = np.flatnonzero(hits["category"] == "b")
    a_take = a_pos[np.sort(rng.choice(len(a_pos), 5, replace=False))]
    b_take = b_pos[np.sort(rng.choice(len(b_pos), 5, replace=False))]
    with pytest.warns(MediakitWarning):
        sheet = sample_hits(hits, n_per_category=5, seed=3, context=0)
    assert sheet["hit_id"].tolist() == a_take.tolist() + b_take.tolist()


def test_sample_keeps_hit_index_as_hit_id(hits, articles):
    shifted = hits.set_axis([10, 20, 30, 40, 50])
    sheet = sample_hits(shifted, articles)
    assert sorted(sheet["hit_id"]) == [10, 20, 30, 40, 50]
    assert sheet.set_index("hit_id").loc[30, "keyword"] == "another threat"


def test_sample_empty_hits(articles):
    empty = pd.DataFrame(
        columns=["doc_id", "sent_id", "category", "pattern", "matched", "start", "end"]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sheet = sample_hits(empty, articles)
    assert len(sheet) == 0 and "relevant" in sheet.columns


def test_sample_does_not_mutate(hits, articles):
    before_h, before_a = hits.copy(), articles.copy()
    sample_hits(hits, articles, path=None)
    pd.testing.assert_frame_equal(hits, before_h)
    pd.testing.assert_frame_equal(articles, before_a)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_per_category": 0}, ValueError, "at least 1"),
        ({"n_per_category": 2.5}, TypeError, "must be an int"),
        ({"context": "paragraph"}, ValueError, r"`context` = 'paragraph' is invalid"),
        ({"context": -1}, ValueError, "int >= 0"),
    ],
)
def test_sample_bad_options(hits, articles, kwargs, error, match):
    with pytest.raises(error, match=match):
        sample_hits(hits, articles, **kwargs)


def test_sample_bad_tables(hits, articles):
    with pytest.raises(TypeError, match="hits DataFrame"):
        sample_hits([1, 2, 3])
    with pytest.raises(ValueError, match=r"\['matched'\]"):
        sample_hits(hits.drop(columns="matched"), articles)
    with pytest.raises(ValueError, match="unique"):
        sample_hits(hits.set_axis([0, 0, 1, 2, 3]), articles)
    with pytest.raises(TypeError, match="articles DataFrame"):
        sample_hits(hits, "not a frame")


# ---------------------------------------------------------------------------
# CSV round trip
# ---------------------------------------------------------------------------


def test_csv_round_trip(hits, articles, tmp_path):
    path = tmp_path / "sheet.csv"
    sheet = sample_hits(hits, articles, path=path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # utf-8-sig BOM for Excel
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == list(sheet.columns)
    assert back["keyword"].tolist() == sheet["keyword"].tolist()
    assert back["post"].tolist() == sheet["post"].tolist()
    # pandas' default reader also drops the BOM from the first column name
    assert pd.read_csv(path).columns[0] == "hit_id"
    # a coder fills in the sheet in a spreadsheet; one row is left blank
    back["relevant"] = ["yes", "No", "1", "", "not relevant"]
    back["coder"] = "ann"
    back.to_csv(path, index=False, encoding="utf-8-sig")
    coded = pd.read_csv(path, encoding="utf-8-sig")  # blank cell -> NaN
    with pytest.warns(MediakitWarning, match="1 row"):
        prec = dictionary_precision(coded)
    assert prec.loc["conflict", "n_coded"] == 3
    assert prec.loc["conflict", "n_relevant"] == 2
    assert prec.loc["diplomacy", "n_coded"] == 1
    assert prec.loc["diplomacy", "n_uncoded"] == 1
    assert prec.loc["all", "n_coded"] == 4
    assert prec.loc["all", "precision"] == pytest.approx(2 / 4)


# ---------------------------------------------------------------------------
# dictionary_precision
# ---------------------------------------------------------------------------

Z95 = 1.959963984540054  # Phi^-1(0.975)


def _wilson_by_hand(x: int, n: int, z: float) -> tuple[float, float]:
    # centre = (p + z^2/(2n)) / (1 + z^2/n)
    # half   = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4 n^2))
    p = x / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return centre - half, centre + half


def _coded(x: int, n: int, category: str = "c") -> pd.DataFrame:
    return pd.DataFrame({"category": [category] * n, "relevant": [1] * x + [0] * (n - x)})


def test_wilson_7_of_10_by_hand():
    # p = 0.7, z^2 = 3.841459, z^2/n = 0.3841459
    # centre = (0.7 + 0.19207295) / 1.3841459 = 0.644492...
    # half = 1.959964 / 1.3841459 * sqrt(0.021 + 0.00960365) = 1.416013 * 0.174939 = 0.247716
    low, high = _wilson_by_hand(7, 10, Z95)
    assert low == pytest.approx(0.396778, abs=1e-6)
    assert high == pytest.approx(0.892209, abs=1e-6)
    row = dictionary_precision(_coded(7, 10)).loc["c"]
    assert row["precision"] == pytest.approx(0.7)
    assert row["ci_low"] == pytest.approx(low, rel=1e-12)
    assert row["ci_high"] == pytest.approx(high, rel=1e-12)


@pytest.mark.parametrize(("x", "n"), [(7, 10), (0, 5), (5, 5), (1, 1), (13, 40), (19, 20)])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_wilson_against_scipy(x, n, confidence):
    ci = binomtest(x, n).proportion_ci(confidence_level=confidence, method="wilson")
    row = dictionary_precision(_coded(x, n), confidence=confidence).loc["c"]
    assert row["ci_low"] == pytest.approx(ci.low, abs=1e-12)
    assert row["ci_high"] == pytest.approx(ci.high, abs=1e-12)


@pytest.mark.parametrize(("x", "n"), [(7, 10), (0, 5), (5, 5), (1, 1), (13, 40), (19, 20)])
def test_clopper_pearson_against_scipy(x, n):
    ci = binomtest(x, n).proportion_ci(confidence_level=0.95, method="exact")
    row = dictionary_precision(_coded(x, n), method="clopper_pearson").loc["c"]
    assert row["ci_low"] == pytest.approx(ci.low, abs=1e-10)
    assert row["ci_high"] == pytest.approx(ci.high, abs=1e-10)
    assert row["ci_low"] <= x / n <= row["ci_high"]


def test_clopper_pearson_by_hand_edges():
    # x = 0 of n: upper = 1 - (alpha/2)^(1/n); x = n: lower = (alpha/2)^(1/n)
    row0 = dictionary_precision(_coded(0, 4), method="clopper_pearson").loc["c"]
    assert row0["ci_low"] == 0.0
    assert row0["ci_high"] == pytest.approx(1 - 0.025 ** (1 / 4))
    row4 = dictionary_precision(_coded(4, 4), method="clopper_pearson").loc["c"]
    assert row4["ci_low"] == pytest.approx(0.025 ** (1 / 4))
    assert row4["ci_high"] == 1.0


def test_precision_groups_and_overall_row():
    coded = pd.concat([_coded(3, 4, "morality"), _coded(1, 6, "conflict")], ignore_index=True)
    out = dictionary_precision(coded)
    assert out.index.tolist() == ["conflict", "morality", "all"]
    assert out.index.name == "category"
    assert out["n_coded"].tolist() == [6, 4, 10]
    assert out["n_relevant"].tolist() == [1, 3, 4]
    assert out["precision"].tolist() == pytest.approx([1 / 6, 3 / 4, 4 / 10])
    low, high = _wilson_by_hand(4, 10, Z95)
    assert out.loc["all", "ci_low"] == pytest.approx(low)
    assert out.loc["all", "ci_high"] == pytest.approx(high)
    assert out.attrs == {"method": "wilson", "confidence": 0.95}
    assert str(out["n_coded"].dtype) == "int64"


def test_precision_by_other_column():
    coded = pd.DataFrame({"coder": ["a", "a", "b"], "relevant": [1, 0, 1]})
    out = dictionary_precision(coded, by="coder")
    assert out.index.tolist() == ["a", "b", "all"]
    assert out["precision"].tolist() == pytest.approx([0.5, 1.0, 2 / 3])


def test_precision_accepted_codes():
    values = [1, 0, True, False, "yes", "NO", " y ", "n", "Relevant", "not  relevant", 1.0, "0"]
    coded = pd.DataFrame({"category": "c", "relevant": pd.Series(values, dtype=object)})
    out = dictionary_precision(coded)
    assert out.loc["c", "n_coded"] == 12
    assert out.loc["c", "n_relevant"] == 6


def test_precision_uncoded_rows_warn_and_category_without_codes():
    coded = pd.DataFrame(
        {"category": ["a", "a", "b", "b"], "relevant": ["yes", None, "", float("nan")]}
    )
    with pytest.warns(MediakitWarning, match=r"3 row\(s\).*\[1, 2, 3\]"):
        out = dictionary_precision(coded)
    assert out["n_uncoded"].tolist() == [1, 2, 3]
    assert out.loc["b", "n_coded"] == 0
    assert math.isnan(out.loc["b", "precision"]) and math.isnan(out.loc["b", "ci_low"])
    assert out.loc["a", "precision"] == 1.0


def test_precision_bad_codes_name_rows():
    coded = pd.DataFrame({"category": "c", "relevant": ["yes", "maybe", 2, "no"]})
    with pytest.raises(ValueError, match=r"row 1: 'maybe', row 2: 2"):
        dictionary_precision(coded)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"method": "wald"}, ValueError, r"`method` = 'wald' is invalid"),
        ({"confidence": 1.0}, ValueError, "strictly between 0 and 1"),
        ({"confidence": 0}, ValueError, "strictly between 0 and 1"),
        ({"confidence": "95%"}, TypeError, "must be a number"),
        ({"by": "outlet"}, ValueError, r"\['outlet'\]"),
    ],
)
def test_precision_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        dictionary_precision(_coded(3, 4), **kwargs)


def test_precision_bad_tables():
    with pytest.raises(TypeError, match="coded DataFrame"):
        dictionary_precision({"relevant": [1]})
    with pytest.raises(ValueError, match=r"\['relevant'\]"):
        dictionary_precision(pd.DataFrame({"category": ["a"]}))
    with pytest.raises(ValueError, match="named 'all'"):
        dictionary_precision(_coded(1, 2, "all"))
    with pytest.raises(ValueError, match="empty in rows"):
        dictionary_precision(pd.DataFrame({"category": ["a", None], "relevant": [1, 0]}))


# ---------------------------------------------------------------------------
# coder_agreement: Krippendorff's alpha
# ---------------------------------------------------------------------------


def _long(matrix: dict[str, list]) -> pd.DataFrame:
    rows = []
    for coder, values in matrix.items():
        for unit, v in enumerate(values, start=1):
            if v is not None:
                rows.append({"hit_id": unit, "coder": coder, "relevant": v})
    return pd.DataFrame(rows)


SMALL = {
    # unit:   1  2     3  4     5
    "A": [1, 1, 0, 1, 0],
    "B": [1, 0, 0, None, 1],
    "C": [1, None, 0, None, 1],
}


def test_alpha_small_matrix_by_hand():
    # Values per unit (m_u = number of codes):
    #   u1: 1,1,1 (m=3)  u2: 1,0 (m=2)  u3: 0,0,0 (m=3)  u4: 1 (m=1, not pairable)
    #   u5: 0,1,1 (m=3)
    # Coincidence matrix: each ordered pair of codes within a unit adds 1/(m_u - 1).
    #   u1: 6 pairs (1,1) / 2        -> o11 += 3
    #   u2: (1,0),(0,1) / 1          -> o10 += 1, o01 += 1
    #   u3: 6 pairs (0,0) / 2        -> o00 += 3
    #   u5: (0,1)x2,(1,0)x2,(1,1)x2 / 2 -> o01 += 1, o10 += 1, o11 += 1
    #         0   1  | n_c
    #   0  [  3   2 ]   5
    #   1  [  2   4 ]   6      n = 11
    # D_o = (o01 + o10) / n = 4/11
    # D_e = (n_0 n_1 + n_1 n_0) / (n (n - 1)) = 60/110 = 6/11
    # alpha = 1 - D_o / D_e = 1 - 4/6 = 1/3
    expected = 1 / 3
    res = coder_agreement(_long(SMALL))
    assert res["alpha"] == pytest.approx(expected, abs=1e-12)
    # the package directly, on the reliability matrix (coders x units)
    import krippendorff

    data = np.array([[np.nan if v is None else v for v in SMALL[c]] for c in "ABC"], float)
    direct = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert direct == pytest.approx(expected, abs=1e-12)
    # pairable units 1, 2, 3, 5; all coders agree on 1 and 3 -> 2/4
    assert res["observed_agreement"] == pytest.approx(0.5)
    assert res["n_units"] == 5
    assert res["n_units_pairable"] == 4
    assert res["n_coders"] == 3
    assert res["level"] == "nominal"


def test_alpha_krippendorff_2011_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the
    # 4 observers x 12 units example with missing values: nominal alpha = 0.743.
    m = None
    data = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3],
        "C": [m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m],
    }
    long = _long(data).rename(columns={"relevant": "code"})
    res = coder_agreement(long, value="code")
    assert round(res["alpha"], 3) == 0.743
    # same codes as labels (strings): nominal alpha does not depend on the values
    long["code"] = long["code"].map({1: "a", 2: "b", 3: "c", 4: "d", 5: "e"})
    assert round(coder_agreement(long, value="code")["alpha"], 3) == 0.743
    assert res["n_units"] == 12 and res["n_units_pairable"] == 11


def test_alpha_two_coders_mixed_relevance_codes():
    # yes == 1 == "Y", no == 0: hand computation in coder_agreement's docstring
    # (o11 = 4, o00 = 2, o01 = o10 = 1, n = 8: alpha = 1 - (2/8)/(30/56) = 8/15)
    coded = pd.DataFrame(
        {
            "hit_id": [0, 0, 1, 1, 2, 2, 3, 3],
            "coder": ["ann", "bob"] * 4,
            "relevant": ["yes", 1, "no", 0, "Y", "no", "yes", "relevant"],
        }
    )
    res = coder_agreement(coded)
    assert res["alpha"] == pytest.approx(8 / 15)
    assert res["observed_agreement"] == pytest.approx(0.75)


def test_alpha_undefined_cases_warn():
    same = _long({"A": [1, 1, 1], "B": [1, 1, 1]})
    with pytest.warns(MediakitWarning, match="undefined"):
        res = coder_agreement(same)
    assert math.isnan(res["alpha"]) and res["observed_agreement"] == 1.0
    one = _long({"A": [1, 0, 1]})
    with pytest.warns(MediakitWarning, match="two coders"):
        res = coder_agreement(one)
    assert math.isnan(res["alpha"]) and res["n_coders"] == 1


def test_alpha_interval_level_against_package():
    data = {"A": [1, 2, 3, 4, 5], "B": [1, 3, 3, 5, 4], "C": [2, 2, None, 4, 5]}
    import krippendorff

    matrix = np.array([[np.nan if v is None else v for v in data[c]] for c in "ABC"], float)
    for level in ("interval", "ordinal", "ratio"):
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
        long = _long(data).rename(columns={"relevant": "score"})
        res = coder_agreement(long, value="score", level=level)
        assert res["alpha"] == pytest.approx(expected)


def test_agreement_bad_inputs():
    coded = _long(SMALL)
    with pytest.raises(ValueError, match=r"\['coder'\]"):
        coder_agreement(coded.drop(columns="coder"))
    with pytest.raises(ValueError, match=r"`level` = 'binary' is invalid"):
        coder_agreement(coded, level="binary")
    dup = pd.concat([coded, coded.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="more than once"):
        coder_agreement(dup)
    words = coded.assign(relevant=coded["relevant"].map({1: "high", 0: "low"}))
    with pytest.raises(ValueError, match="numeric codes"):
        coder_agreement(words, level="interval")
    with pytest.raises(TypeError, match="coded DataFrame"):
        coder_agreement(None)


def test_sample_sentence_context_on_seed_pair():
    # Hits made by a regex on the cleaned seed pair; the context must rebuild
    # exactly the sentence split_sentences finds around each hit.
    import re

    import mediakit as mk
    from mediakit.segment import split_sentences

    articles = mk.clean_articles(mk.load_sample_articles())
    sents = split_sentences(articles)
    rows = []
    for doc, text in articles["text"].items():
        for m in re.finditer(r"\bsaid\b|\bthreat\w*", text, flags=re.IGNORECASE):
            g = sents[(sents["doc_id"] == doc) & (sents["start"] <= m.start())]
            sent = g.iloc[-1]
            rows.append(
                {
                    "doc_id": doc,
                    "sent_id": int(sent["sent_id"]),
                    "category": "said" if m.group().lower() == "said" else "threat",
                    "pattern": "x",
                    "matched": m.group(),
                    "start": m.start(),
                    "end": m.end(),
                    "sentence": " ".join(str(sent["text"]).split()),
                }
            )
    hits = pd.DataFrame(rows)
    assert len(hits) > 5
    sheet = sample_hits(hits.drop(columns="sentence"), articles, n_per_category=1000)
    assert len(sheet) == len(hits)
    rebuilt = sheet["pre"] + sheet["keyword"] + sheet["post"]
    expected = hits.loc[sheet["hit_id"], "sentence"].tolist()
    assert rebuilt.tolist() == expected
    assert sheet["sent_id"].tolist() == hits.loc[sheet["hit_id"], "sent_id"].tolist()


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    # Untrusted article text that a spreadsheet would run as a formula (written by hand).
    text = '=HYPERLINK("http://x","y") said -2 and +3 and @cmd.'
    articles = pd.DataFrame({"text": [text]}, index=pd.Index(["d"], name="doc_id"))
    hits = pd.DataFrame(
        {
            "doc_id": ["d"],
            "sent_id": [0],
            "category": ["c"],
            "pattern": ["=HYPERLINK*"],
            "matched": [text[:10]],
            "start": [0],
            "end": [10],
        }
    )
    path = tmp_path / "sheet.csv"
    sheet = sample_hits(hits, articles, context=5, path=path)
    assert sheet.loc[0, "keyword"] == "=HYPERLINK"  # the frame keeps the text as it is
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert written.loc[0, "keyword"] == "'=HYPERLINK"
    assert written.loc[0, "pattern"] == "'=HYPERLINK*"
    assert written.loc[0, "doc_id"] == "d"
