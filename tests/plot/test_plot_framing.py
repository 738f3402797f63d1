"""The framing plots: frame_profile, keyness, dispersion.

Every table is written by hand to the contracts of count_frames, frame_hits
and keyness; every expected number is worked out in the comments.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _plots import assert_deterministic

from mediakit import plot
from mediakit._validation import MediakitWarning
from mediakit.plot._framing import dispersion, frame_profile, keyness

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
NAN = float("nan")


# --- hand-made tables ---------------------------------------------------------------------------


def _docs(ids: list[str]) -> pd.Index:
    return pd.Index(ids, name="doc_id")


@pytest.fixture()
def counts() -> pd.DataFrame:
    # Three documents, categories in dictionary order conflict, economy, human.
    table = pd.DataFrame(
        {
            "conflict": [3, 1, 2],
            "economy": [0, 4, 1],
            "human": [5, 0, 0],
            "n_tokens": [200, 100, 50],
            "unmatched": [192, 95, 47],
        },
        index=_docs(["a", "b", "c"]),
    )
    table.attrs = {"level": "document", "normalize": None, "dictionary": "demo"}
    return table


@pytest.fixture()
def rates() -> pd.DataFrame:
    # Hits per 1,000 tokens of the counts above: conflict 3/200*1000 = 15, 1/100*1000 = 10,
    # 2/50*1000 = 40; economy 0, 40, 20; human 25, 0, 0.
    table = pd.DataFrame(
        {
            "conflict": [15.0, 10.0, 40.0],
            "economy": [0.0, 40.0, 20.0],
            "human": [25.0, 0.0, 0.0],
            "n_tokens": [200, 100, 50],
            "unmatched": [192, 95, 47],
        },
        index=_docs(["a", "b", "c"]),
    )
    table.attrs = {"level": "document", "normalize": "per_1000_tokens", "dictionary": "demo"}
    return table


@pytest.fixture()
def paragraphs() -> pd.DataFrame:
    # Paragraph counts: a has paragraphs 0, 1; b has paragraph 0.
    table = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "par_id": [0, 1, 0],
            "conflict": [2, 1, 1],
            "economy": [0, 3, 0],
            "n_tokens": [40, 60, 30],
            "unmatched": [38, 56, 29],
        }
    )
    table.attrs = {"level": "paragraph", "normalize": None, "dictionary": "demo"}
    return table


@pytest.fixture()
def key_table() -> pd.DataFrame:
    # Sorted as keyness() returns it: statistic descending.
    table = pd.DataFrame(
        {
            "term": ["war", "talks", "army", "the", "said", "market", "shares"],
            "n_target": [9, 6, 4, 50, 3, 0, 0],
            "n_reference": [1, 1, 1, 52, 8, 7, 9],
            "statistic": [12.0, 6.0, 3.0, 0.0, -2.0, -5.0, -8.0],
            "p_value": [0.001, 0.01, 0.08, 1.0, 0.2, 0.03, 0.005],
            "effect": [3.0, 2.5, 2.0, 0.0, -1.4, -3.0, -3.5],
        }
    )
    table.attrs = {"measure": "chi2", "correction": "default"}
    return table


@pytest.fixture()
def articles() -> pd.DataFrame:
    # Lengths: a 40 chars, b 100 chars, c 20 chars (no hits).
    return pd.DataFrame({"text": ["x" * 40, "y" * 100, "z" * 20]}, index=_docs(["a", "b", "c"]))


@pytest.fixture()
def hits() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "par_id": [0, 1, 0, 2],
            "sent_id": [0, 2, 0, 5],
            "token_id": [2, 8, 0, 30],
            "n_tokens": [1, 1, 2, 1],
            "category": ["conflict", "economy", "conflict", "conflict"],
            "pattern": ["war", "econom*", "army", "war"],
            "matched": ["war", "economy", "the army", "war"],
            "start": [10, 30, 0, 75],
            "end": [13, 37, 8, 78],
        }
    )


def _bars(ax) -> dict[str, list[tuple[float, float]]]:
    """Per bar container: (centre y, width) of each bar, rounded."""
    return {
        c.get_label(): [
            (round(p.get_y() + p.get_height() / 2, 6), round(p.get_width(), 6)) for p in c.patches
        ]
        for c in ax.containers
    }


def _ticks(ax) -> dict[str, list[tuple[float, float]]]:
    """Per tick collection: (x, centre y) of each tick."""
    return {
        c.get_label(): [
            (round(float(s[0][0]), 6), round(float((s[0][1] + s[1][1]) / 2), 6))
            for s in c.get_segments()
        ]
        for c in ax.collections
    }


def _labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


# --- frame_profile ------------------------------------------------------------------------------


def test_profile_bars_per_document(counts):
    ax = frame_profile(counts)
    # Categories at y = 0, 1, 2 (conflict at the top); three documents share a row:
    # height 0.8 / 3, centres offset by (j - 1) * 0.8 / 3 = -0.266667, 0, +0.266667.
    h = 0.8 / 3
    expected = {
        "a": [(-h, 3.0), (1 - h, 0.0), (2 - h, 5.0)],
        "b": [(0.0, 1.0), (1.0, 4.0), (2.0, 0.0)],
        "c": [(h, 2.0), (1 + h, 1.0), (2 + h, 0.0)],
    }
    bars = _bars(ax)
    assert list(bars) == ["a", "b", "c"]
    for doc, rows in expected.items():
        np.testing.assert_allclose(bars[doc], rows, atol=1e-6)
    assert _labels(ax) == ["conflict", "economy", "human"]  # n_tokens, unmatched not drawn
    assert ax.get_ylim() == (2.5, -0.5)
    assert ax.get_xlabel() == "hits"
    assert _legend(ax) == ["a", "b", "c"]
    for j, container in enumerate(ax.containers):
        assert {p.get_facecolor() for p in container} == {mpl.colors.to_rgba(PALETTE[j])}
    # Largest value 5: x runs to 5 * 1.05.
    assert ax.get_xlim() == pytest.approx((0, 5.25))


def test_profile_raw_counts_are_summed_per_outlet(counts):
    outlet = pd.Series({"a": "AFP", "b": "Blog", "c": "AFP"})
    ax = frame_profile(counts, by=outlet)
    # AFP = a + c: conflict 3 + 2 = 5, economy 0 + 1 = 1, human 5 + 0 = 5; Blog = b: 1, 4, 0.
    bars = _bars(ax)
    assert list(bars) == ["AFP", "Blog"]
    assert [w for _, w in bars["AFP"]] == [5.0, 1.0, 5.0]
    assert [w for _, w in bars["Blog"]] == [1.0, 4.0, 0.0]
    # Two bars per row: height 0.4, centres at -0.2 and +0.2.
    assert [y for y, _ in bars["AFP"]] == [-0.2, 0.8, 1.8]
    assert ax.get_xlabel() == "hits"
    assert ax.get_title() == "Frames per group"


def test_profile_rates_are_averaged_per_outlet(rates):
    ax = frame_profile(rates, by={"a": "AFP", "b": "Blog", "c": "AFP"})
    # AFP mean of a and c: conflict (15 + 40) / 2 = 27.5, economy (0 + 20) / 2 = 10,
    # human (25 + 0) / 2 = 12.5; Blog = b alone: 10, 40, 0.
    bars = _bars(ax)
    assert [w for _, w in bars["AFP"]] == [27.5, 10.0, 12.5]
    assert [w for _, w in bars["Blog"]] == [10.0, 40.0, 0.0]
    assert ax.get_xlabel() == "hits per 1,000 tokens (mean per document)"
    # agg="sum" overrides: AFP conflict 15 + 40 = 55.
    ax = frame_profile(
        rates, plt.figure().gca(), by={"a": "AFP", "b": "Blog", "c": "AFP"}, agg="sum"
    )
    assert [w for _, w in _bars(ax)["AFP"]] == [55.0, 20.0, 25.0]
    assert ax.get_xlabel() == "hits per 1,000 tokens (summed over documents)"


def test_profile_by_a_column_of_the_counts(counts):
    with_outlet = counts.assign(outlet=["AFP", "Blog", "AFP"])
    ax = frame_profile(with_outlet, by="outlet", agg="mean")
    # Mean of raw counts of a and c: conflict (3 + 2) / 2 = 2.5, economy 0.5, human 2.5.
    bars = _bars(ax)
    assert [w for _, w in bars["AFP"]] == [2.5, 0.5, 2.5]
    assert _labels(ax) == ["conflict", "economy", "human"]  # the outlet column is no category
    assert ax.get_title() == "Frames per outlet"
    assert ax.get_xlabel() == "hits (mean per document)"


def test_profile_sums_paragraphs_to_documents(paragraphs):
    ax = frame_profile(paragraphs)
    # a: conflict 2 + 1 = 3, economy 0 + 3 = 3; b: 1, 0. par_id is a key, not a category.
    bars = _bars(ax)
    assert _labels(ax) == ["conflict", "economy"]
    assert [w for _, w in bars["a"]] == [3.0, 3.0]
    assert [w for _, w in bars["b"]] == [1.0, 0.0]
    # Sentence tables too, with the level read from the columns when attrs are absent.
    sentences = paragraphs.assign(sent_id=[0, 1, 0])
    sentences.attrs = {}
    assert [w for _, w in _bars(frame_profile(sentences, plt.figure().gca()))["a"]] == [3.0, 3.0]


def test_profile_refuses_normalized_paragraphs(paragraphs):
    shares = paragraphs.copy()
    shares.attrs = {"level": "paragraph", "normalize": "share", "dictionary": "demo"}
    with pytest.raises(ValueError, match=r"averaging the rates.*level='document'"):
        frame_profile(shares)


def test_profile_categories_subset_and_order(counts):
    ax = frame_profile(counts, categories=["human", "conflict"])
    assert _labels(ax) == ["human", "conflict"]
    assert [w for _, w in _bars(ax)["a"]] == [5.0, 3.0]


def test_profile_share_label_and_missing_share():
    shares = pd.DataFrame(
        {"conflict": [0.75, NAN], "economy": [0.25, NAN], "n_tokens": [10, 5], "unmatched": [6, 5]},
        index=_docs(["a", "b"]),
    )
    shares.attrs = {"level": "document", "normalize": "share", "dictionary": "demo"}
    ax = frame_profile(shares)
    assert ax.get_xlabel() == "share of hits"
    # b has no hits: its share is undefined, drawn as a bar of width 0.
    assert [w for _, w in _bars(ax)["b"]] == [0.0, 0.0]


def test_profile_too_many_documents_for_bars_and_the_heatmap():
    ids = [f"d{i:02d}" for i in range(13)]
    many = pd.DataFrame(
        {"conflict": range(13), "economy": [1] * 13, "n_tokens": [10] * 13, "unmatched": [0] * 13},
        index=_docs(ids),
    )
    many.attrs = {"level": "document", "normalize": None, "dictionary": "demo"}
    with pytest.raises(ValueError, match=r"13 documents are too many.*by=.*kind='heatmap'"):
        frame_profile(many)
    ax = frame_profile(many, plt.figure().gca(), kind="heatmap")
    # Categories are rows, documents columns.
    image = ax.images[0].get_array()
    np.testing.assert_array_equal(image[0], np.arange(13))
    np.testing.assert_array_equal(image[1], np.ones(13))
    assert _labels(ax) == ["conflict", "economy"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ids
    assert any(a.get_ylabel() == "hits" for a in ax.get_figure().axes if a is not ax)


def test_profile_empty(counts):
    ax = frame_profile(counts.iloc[:0])
    assert len(ax.patches) == 0 and ax.texts[0].get_text() == "nothing to plot"
    assert ax.get_xlabel() == "hits"


def test_profile_bad_input(counts, paragraphs):
    with pytest.raises(ValueError, match=r"`kind` = 'pie' is invalid; expected one of"):
        frame_profile(counts, kind="pie")
    with pytest.raises(ValueError, match=r"`agg` = 'median' is invalid"):
        frame_profile(counts, agg="median")
    with pytest.raises(ValueError, match="`by` = 'outlet' is not a column"):
        frame_profile(counts, by="outlet")
    with pytest.raises(ValueError, match=r"no group for doc_id\(s\) \['c'\]"):
        frame_profile(counts, by={"a": "AFP", "b": "Blog"})
    with pytest.raises(ValueError, match="several groups"):
        frame_profile(counts, by=pd.Series(["X", "Y", "Z", "W"], index=["a", "b", "c", "a"]))
    with pytest.raises(TypeError, match="`by` must be a column name"):
        frame_profile(counts, by=3)
    with pytest.raises(ValueError, match=r"unknown categor\(y/ies\) \['crime'\]"):
        frame_profile(counts, categories=["crime"])
    with pytest.raises(ValueError, match=r"column\(s\) \['outlet'\] are not counts"):
        frame_profile(counts.assign(outlet=["x", "y", "z"]))
    with pytest.raises(TypeError, match="got list"):
        frame_profile([1, 2])
    bad = counts.copy()
    bad.attrs = {"normalize": "per_word"}
    with pytest.raises(ValueError, match=r"`normalize \(counts.attrs\['normalize'\]\)`"):
        frame_profile(bad)
    with pytest.raises(ValueError, match=r"needs column\(s\) \['doc_id'\]"):
        frame_profile(paragraphs.drop(columns="doc_id"))


# --- keyness ------------------------------------------------------------------------------------


def test_keyness_top_n_each_side_in_quanteda_order(key_table):
    ax = keyness(key_table, n=2)
    # Target: the 2 largest positive, largest first: war 12, talks 6 (army 3 left out).
    # Reference: the 2 most negative, -5 and -8, most negative at the bottom; "the" (0) is
    # neither. Rows top to bottom at y = 0..3.
    bars = [(p.get_y() + p.get_height() / 2, p.get_width()) for p in ax.patches]
    np.testing.assert_allclose(bars, [(0, 12.0), (1, 6.0), (2, -5.0), (3, -8.0)])
    assert [t.get_text().strip() for t in ax.texts] == ["war", "talks", "market", "shares"]
    # Terms at the bar ends: right of positive bars, left of negative ones.
    assert [t.get_position() for t in ax.texts] == [(12.0, 0), (6.0, 1), (-5.0, 2), (-8.0, 3)]
    assert [t.get_ha() for t in ax.texts] == ["left", "left", "right", "right"]
    colours = [p.get_facecolor() for p in ax.patches]
    assert colours[:2] == [mpl.colors.to_rgba(PALETTE[0])] * 2
    assert colours[2:] == [mpl.colors.to_rgba("#999999")] * 2
    assert ax.get_ylim() == (3.5, -0.5)
    assert ax.get_xlabel() == "chi²"
    assert _legend(ax) == ["target", "reference"]
    # Room for the terms: span 12 - (-8) = 20, 0.3 * 20 = 6 on each side.
    assert ax.get_xlim() == pytest.approx((-14.0, 18.0))


def test_keyness_n_larger_than_the_table_and_labels(key_table):
    ax = keyness(key_table, n=20, labels=("rewrite", "wire"))
    # All three positive, all three negative; "the" (0) not drawn.
    assert [t.get_text().strip() for t in ax.texts] == [
        "war",
        "talks",
        "army",
        "said",
        "market",
        "shares",
    ]
    assert _legend(ax) == ["rewrite", "wire"]


def test_keyness_target_only_and_unsorted_input(key_table):
    shuffled = key_table.iloc[[5, 2, 0, 6, 1, 3, 4]]
    ax = keyness(shuffled, n=2, show_reference=False)
    assert [t.get_text().strip() for t in ax.texts] == ["war", "talks"]
    assert _legend(ax) == ["target"]
    # Only positive bars: x from 0 to 12 + 0.3 * 12 = 15.6.
    assert ax.get_xlim() == pytest.approx((0.0, 15.6))


def test_keyness_axis_label_per_measure(key_table):
    for measure, label in [
        ("lr", "G² (log-likelihood)"),
        ("log_ratio", "Log Ratio"),
        ("pmi", "PMI"),
        (None, "statistic"),
    ]:
        table = key_table.copy()
        table.attrs = {"measure": measure}
        assert keyness(table, plt.figure().gca()).get_xlabel() == label


def test_keyness_ties_keep_table_order():
    table = pd.DataFrame({"term": ["b", "a", "c"], "statistic": [4.0, 4.0, 4.0]})
    ax = keyness(table, n=2)
    assert [t.get_text().strip() for t in ax.texts] == ["b", "a"]


def test_keyness_skips_infinite_statistics_with_a_warning():
    table = pd.DataFrame({"term": ["x", "y", "z"], "statistic": [1.5, -0.5, -np.inf]})
    table.attrs = {"measure": "pmi"}
    with pytest.warns(MediakitWarning, match="1 term"):
        ax = keyness(table)
    assert [t.get_text().strip() for t in ax.texts] == ["x", "y"]


def test_keyness_empty_and_bad_input(key_table):
    ax = keyness(key_table.iloc[:0])
    assert len(ax.patches) == 0 and ax.texts[0].get_text() == "nothing to plot"
    with pytest.raises(ValueError, match=r"`n` = 0 is invalid"):
        keyness(key_table, n=0)
    with pytest.raises(ValueError, match=r"needs column\(s\) \['statistic'\]"):
        keyness(key_table.drop(columns="statistic"))
    with pytest.raises(TypeError, match="got dict"):
        keyness({"term": ["a"]})
    with pytest.raises(ValueError, match="`labels` = 'ab' is invalid"):
        keyness(key_table, labels="ab")
    with pytest.raises(ValueError, match="`statistic` must be numeric"):
        keyness(key_table.assign(statistic=["high"] * 7))


def test_keyness_on_the_seed_pair():
    import mediakit as mk
    from mediakit.framing.keyness import keyness as score

    table = score(mk.clean_articles(mk.load_sample_articles()), "rewrite", measure="lr")
    ax = keyness(table, n=5)
    positive = table[table["statistic"] > 0]["statistic"].head(5).tolist()
    assert [p.get_width() for p in ax.patches[: len(positive)]] == positive
    assert ax.get_xlabel() == "G² (log-likelihood)"


# --- dispersion ---------------------------------------------------------------------------------


def test_dispersion_relative_rows_per_document_and_category(hits, articles):
    ax = dispersion(hits, articles)
    # Rows: (a, conflict) 0, (a, economy) 1, (b, conflict) 2, (b, economy) 3, (c, …) 4, 5.
    # a is 40 chars: 10 / 40 = 0.25, 30 / 40 = 0.75; b is 100 chars: 0 / 100 = 0, 75 / 100 = 0.75.
    assert _labels(ax) == [
        "a · conflict",
        "a · economy",
        "b · conflict",
        "b · economy",
        "c · conflict",
        "c · economy",
    ]
    assert _ticks(ax) == {
        "conflict": [(0.25, 0.0), (0.0, 2.0), (0.75, 2.0)],
        "economy": [(0.75, 1.0)],
    }
    segment = ax.collections[0].get_segments()[0]
    assert (segment[0][1], segment[1][1]) == pytest.approx((-0.35, 0.35))
    assert ax.get_xlim() == (0, 1)
    assert ax.get_ylim() == (5.5, -0.5)
    assert ax.get_xlabel() == "position in article (0 = start, 1 = end)"
    assert _legend(ax) == ["conflict", "economy"]
    # Rules between documents: below rows 1 and 3 (a | b | c), at y = 1.5 and 3.5.
    rules = [line.get_ydata()[0] for line in ax.lines if line.get_color() == "#888888"]
    assert rules == [1.5, 3.5]
    assert mpl.colors.to_hex(ax.collections[1].get_color()[0]) == PALETTE[1].lower()


def test_dispersion_one_row_per_document(hits, articles):
    ax = dispersion(hits, articles, by=None)
    assert _labels(ax) == ["a", "b", "c"]  # c has no hits but keeps its row
    assert _ticks(ax) == {"hits": [(0.25, 0.0), (0.75, 0.0), (0.0, 1.0), (0.75, 1.0)]}
    assert ax.get_legend() is None
    # One category only (or none): also one row per document.
    conflict = hits[hits["category"] == "conflict"]
    assert _labels(dispersion(conflict, articles, plt.figure().gca())) == ["a", "b", "c"]
    kwic_like = hits.drop(columns="category")
    assert _labels(dispersion(kwic_like, articles, plt.figure().gca())) == ["a", "b", "c"]


def test_dispersion_absolute_positions_are_token_ids(hits, articles):
    ax = dispersion(hits.drop(columns="start"), articles, by=None, scale="absolute")
    assert _ticks(ax) == {"hits": [(2.0, 0.0), (8.0, 0.0), (0.0, 1.0), (30.0, 1.0)]}
    assert ax.get_xlabel() == "token"
    assert ax.get_xlim() == (-0.5, 31.5)  # largest token_id 30, plus 1.5


def test_dispersion_categorical_order(hits, articles):
    ordered = hits.assign(
        category=pd.Categorical(hits["category"], categories=["economy", "crime", "conflict"])
    )
    ax = dispersion(ordered, articles)
    # Dictionary order from the categorical; "crime" has no hit and no row.
    assert _labels(ax)[:2] == ["a · economy", "a · conflict"]


def test_dispersion_without_hits_keeps_every_article(hits, articles):
    ax = dispersion(hits.iloc[:0], articles)
    assert _labels(ax) == ["a", "b", "c"]
    assert sum(len(c.get_segments()) for c in ax.collections) == 0
    ax = dispersion(hits.iloc[:0], articles.iloc[:0], plt.figure().gca())
    assert ax.texts[0].get_text() == "nothing to plot"


def test_dispersion_bad_input(hits, articles):
    with pytest.raises(ValueError, match=r"unknown doc_id\(s\) in hits: \['zz'\]"):
        dispersion(hits.assign(doc_id=["a", "a", "zz", "b"]), articles)
    with pytest.raises(ValueError, match="starts at char 75, beyond the end of its text"):
        dispersion(hits, articles.assign(text=["x" * 40, "y" * 50, ""]))
    with pytest.raises(ValueError, match=r"`scale` = 'log' is invalid; expected one of"):
        dispersion(hits, articles, scale="log")
    with pytest.raises(ValueError, match=r"`by` = 'pattern' is invalid"):
        dispersion(hits, articles, by="pattern")
    with pytest.raises(ValueError, match=r"needs column\(s\) \['token_id'\]"):
        dispersion(hits.drop(columns="token_id"), articles, scale="absolute")
    with pytest.raises(ValueError, match="column `start` must hold whole numbers"):
        dispersion(hits.assign(start=[0, None, 1, 2]), articles)
    with pytest.raises(TypeError, match="expects an articles DataFrame"):
        dispersion(hits, ["text"])


# --- all three ----------------------------------------------------------------------------------

PLOTS = ["frame_profile", "keyness", "dispersion"]


@pytest.fixture()
def tables(counts, key_table, hits, articles) -> dict[str, pd.DataFrame]:
    return {"counts": counts, "key": key_table, "hits": hits, "articles": articles}


def _draw(name: str, tables: dict[str, pd.DataFrame], ax=None):
    if name == "frame_profile":
        return frame_profile(tables["counts"], ax)
    if name == "keyness":
        return keyness(tables["key"], ax)
    return dispersion(tables["hits"], tables["articles"], ax)


@pytest.mark.parametrize("name", PLOTS)
def test_plots_draw_on_the_current_axes(name, tables):
    _, (ax1, ax2) = plt.subplots(1, 2)
    plt.sca(ax2)
    assert _draw(name, tables) is ax2
    assert _draw(name, tables, ax=ax1) is ax1


@pytest.mark.parametrize("name", PLOTS)
def test_plots_leave_inputs_and_rcparams_alone(name, tables):
    before = {k: v.copy(deep=True) for k, v in tables.items()}
    attrs = {k: dict(v.attrs) for k, v in tables.items()}
    rc = dict(mpl.rcParams)
    with plot.style():
        _draw(name, tables, ax=plt.figure().gca())
    _draw(name, tables, ax=plt.figure().gca())
    assert dict(mpl.rcParams) == rc
    for key, table in tables.items():
        pd.testing.assert_frame_equal(table, before[key])
        assert table.attrs == attrs[key]


@pytest.mark.parametrize("name", PLOTS)
def test_plots_save_deterministically(name, tables, tmp_path: Path):
    assert_deterministic(lambda ax: _draw(name, tables, ax=ax), tmp_path)


def test_profile_by_the_outlet_column_of_articles(counts):
    # The everyday call: by=articles["outlet"] (string dtype, index doc_id, an extra article "d").
    articles = pd.DataFrame(
        {"text": ["t"] * 4, "outlet": pd.array(["AFP", "Blog", "AFP", "Blog"], dtype="string")},
        index=_docs(["a", "b", "c", "d"]),
    )
    ax = frame_profile(counts, by=articles["outlet"])
    # Same sums as by a dict: AFP = a + c = 5, 1, 5.
    assert [w for _, w in _bars(ax)["AFP"]] == [5.0, 1.0, 5.0]
    assert _legend(ax) == ["AFP", "Blog"]


def test_dispersion_lead_shading():
    # a: paragraph 0 is chars 0-15 of 29 ("Lead para here." / "Second para.") -> 15/29;
    #    two paragraphs -> 29/29. b: one paragraph, the whole text -> 1.0. c: no text -> 0.
    articles = pd.DataFrame(
        {"text": ["Lead para here.\n\nSecond para.", "One paragraph only.", ""]},
        index=pd.Index(["a", "b", "c"], name="doc_id"),
    )
    hits = pd.DataFrame({"doc_id": ["a"], "start": [17], "token_id": [4]})
    fig, ax = plt.subplots()
    dispersion(hits, articles, ax, by=None, lead=1)
    bars = [p for p in ax.patches if p.get_height() == pytest.approx(0.8)]
    assert [b.get_width() for b in bars] == pytest.approx([15 / 29, 1.0, 0.0])
    assert [b.get_x() for b in bars] == [0, 0, 0]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["lead (first paragraph)"]
    plt.close(fig)
    # absolute: tokens before char 15 in a: Lead para here . -> 4; b: 4 tokens; c: 0
    fig, ax = plt.subplots()
    dispersion(hits, articles, ax, by=None, scale="absolute", lead=1)
    bars = [p for p in ax.patches if p.get_height() == pytest.approx(0.8)]
    assert [b.get_width() for b in bars] == [4, 4, 0]
    plt.close(fig)
    fig, ax = plt.subplots()
    dispersion(hits, articles, ax, by=None, lead=2)
    bars = [p for p in ax.patches if p.get_height() == pytest.approx(0.8)]
    assert bars[0].get_width() == pytest.approx(1.0)
    assert ax.get_legend().get_texts()[0].get_text() == "lead (first 2 paragraphs)"
    for bad in (0, -1, 1.5, True, "1"):
        with pytest.raises(ValueError, match="`lead` must be None or an int >= 1"):
            dispersion(hits, articles, ax, lead=bad)
    plt.close(fig)
