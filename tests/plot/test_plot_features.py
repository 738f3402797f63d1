"""The style-and-sources plots: feature_comparison and quote_bars.

Every table is written by hand to the contracts of features.py / readability.py
(document features) and quotes.py (quotes table); every expected number is
worked out in the comments.
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

NAN = float("nan")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture()
def features() -> pd.DataFrame:
    # Reference "a" (first row). Percent difference = (v - ref) / |ref| * 100:
    #   x: b (12-10)/10 = +20, c (5-10)/10 = -50
    #   y: b missing -> no dot, c (0.25-0.5)/0.5 = -50
    #   z: reference 0 -> no dots at all
    #   w: negative reference: b (-5+10)/10 = +50 (b is higher), c (-20+10)/10 = -100
    #   label: text, not a measure
    return pd.DataFrame(
        {
            "x": [10, 12, 5],
            "y": [0.5, NAN, 0.25],
            "z": [0.0, 1.0, 2.0],
            "w": [-10.0, -5.0, -20.0],
            "label": ["p", "q", "r"],
        },
        index=pd.Index(["a", "b", "c"], name="doc_id"),
    )


@pytest.fixture()
def quotes() -> pd.DataFrame:
    # Quotes per speaker: Ann Lee w2 r1 (3); unattributed w1 r1 (2); one official w1 (1, anon.);
    # Bo Chan r1 (1). Ties go to the speaker quoted first: one official (row 3) before Bo Chan.
    # Words: Ann Lee w 3+2 r 1 (6); unattributed w 1 r 3 (4); one official w 4 (4); Bo Chan r 2.
    return pd.DataFrame(
        {
            "doc_id": ["w", "w", "w", "w", "r", "r", "r"],
            "speaker": pd.array(
                ["Ann Lee", "Ann Lee", None, "one official", "Ann Lee", "Bo Chan", None],
                dtype="string",
            ),
            "anonymous": [False, False, False, True, False, False, False],
            "quote": pd.array(["a b c", "d e", "f", "g h  i\nj", "k", "l m", "n o p"], "string"),
            "kind": ["full"] * 7,
            "verb": pd.array(["said", "told", None, "said", "said", "said", "told"], "string"),
        }
    )


def _dots(ax) -> dict[str, np.ndarray]:
    return {c.get_label(): np.asarray(c.get_offsets()) for c in ax.collections}


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _ticks(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _bars(ax) -> dict[str, list[tuple[float, float]]]:
    """Per document: (centre y, width) of each bar, top group first."""
    return {
        c.get_label(): [
            (round(p.get_y() + p.get_height() / 2, 9), p.get_width()) for p in c.patches
        ]
        for c in ax.containers
    }


# --- feature_comparison -------------------------------------------------------------------------


def test_feature_comparison_positions_are_percent_differences(features):
    ax = plot.feature_comparison(features, plt.figure().gca())
    dots = _dots(ax)
    assert list(dots) == ["b", "c"]
    # Rows x=0, y=1, z=2, w=3 (text column skipped); b offset -0.15, c +0.15.
    np.testing.assert_allclose(dots["b"], [[20.0, -0.15], [50.0, 2.85]])
    np.testing.assert_allclose(dots["c"], [[-50.0, 0.15], [-50.0, 1.15], [-100.0, 3.15]])
    assert _ticks(ax) == ["x", "y", "z", "w"]
    assert ax.get_ylim() == (3.5, -0.5)  # first measure at the top
    assert ax.get_xlim() == pytest.approx((-115.0, 115.0))  # symmetric, 15% beyond the farthest
    assert ax.get_xlabel() == "difference from a (%)"
    # The reference is a vertical line at 0 in the first house colour.
    (line,) = [ln for ln in ax.lines if list(ln.get_xdata()) == [0, 0]]
    assert mpl.colors.to_hex(line.get_color()) == "#0072b2"
    # b and c take the second and third house colours (colour follows row order).
    colours = [mpl.colors.to_hex(c.get_facecolor()[0]) for c in ax.collections]
    assert colours == ["#e69f00", "#009e73"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a (reference)", "b", "c"]


def test_feature_comparison_writes_raw_values_and_notes(features):
    ax = plot.feature_comparison(features, plt.figure().gca())
    assert _texts(ax) == [
        "a 10 · b 12 · c 5",
        "a 0.5 · b n/a · c 0.25",
        "a 0 · b 1 · c 2  (no % difference: a is 0)",
        "a -10 · b -5 · c -20",
    ]
    # Written right of the Axes (axes x = 1.02), on each measure's row (data y).
    assert [t.get_position() for t in ax.texts] == [(1.02, 0), (1.02, 1), (1.02, 2), (1.02, 3)]


def test_feature_comparison_other_reference_and_options(features):
    ax = plot.feature_comparison(
        features, plt.figure().gca(), reference="b", columns=["w", "x", "y"], labels={"x": "Ex"}
    )
    dots = _dots(ax)
    # Reference b: w: a (-10+5)/5 = -100, c (-20+5)/5 = -300; x: a (10-12)/12, c (5-12)/12;
    # y: b is missing -> no dots on that row. Others a (-0.15) and c (+0.15).
    np.testing.assert_allclose(dots["a"], [[-100.0, -0.15], [-100 / 6, 0.85]])
    np.testing.assert_allclose(dots["c"], [[-300.0, 0.15], [-700 / 12, 1.15]])
    assert _ticks(ax) == ["w", "Ex", "y"]
    assert _texts(ax)[2] == "a 0.5 · b n/a · c 0.25"
    assert ax.get_xlabel() == "difference from b (%)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["b (reference)", "a", "c"]


def test_feature_comparison_one_other_document_sits_on_the_row(features):
    ax = plot.feature_comparison(features.loc[["a", "c"]], plt.figure().gca(), columns=["x"])
    np.testing.assert_allclose(_dots(ax)["c"], [[-50.0, 0.0]])
    assert ax.get_xlim() == pytest.approx((-57.5, 57.5))


def test_feature_comparison_formats_values():
    frame = pd.DataFrame(
        {"big": [2199.0, 1937.4], "mid": [26.428571, 20.3125], "small": [0.0891, 0.18666]},
        index=pd.Index(["wire", "rewrite"], name="doc_id"),
    )
    ax = plot.feature_comparison(frame, plt.figure().gca())
    assert _texts(ax) == ["wire 2,199 · rewrite 1,937", "wire 26.4 · rewrite 20.3",
                          "wire 0.0891 · rewrite 0.187"]  # fmt: skip
    # Small differences keep an axis of at least ±5%: -0.4 / 10 %.
    frame = pd.DataFrame({"v": [10.0, 10.04]}, index=["p", "q"])
    ax = plot.feature_comparison(frame, plt.figure().gca())
    assert ax.get_xlim() == pytest.approx((-5.0, 5.0))


def test_feature_comparison_all_missing_or_one_document():
    frame = pd.DataFrame({"v": [NAN, NAN], "u": [1.0, NAN]}, index=["p", "q"])
    ax = plot.feature_comparison(frame, plt.figure().gca())
    assert len(ax.collections[0].get_offsets()) == 0
    assert _texts(ax) == ["p n/a · q n/a", "p 1 · q n/a"]
    ax = plot.feature_comparison(frame.iloc[:1], plt.figure().gca())
    assert not ax.collections and _texts(ax) == ["p n/a", "p 1"]


@pytest.mark.parametrize("empty", ["rows", "all"])
def test_feature_comparison_empty_input(features, empty):
    table = features.iloc[:0] if empty == "rows" else pd.DataFrame()
    ax = plot.feature_comparison(table, plt.figure().gca())
    assert _texts(ax) == ["nothing to plot"]


def test_feature_comparison_bad_input(features):
    ax = plt.figure().gca()
    with pytest.raises(TypeError, match="document-features table"):
        plot.feature_comparison(features.to_dict(), ax)
    with pytest.raises(ValueError, match=r"missing column\(s\) \['nope'\]"):
        plot.feature_comparison(features, ax, columns=["x", "nope"])
    with pytest.raises(ValueError, match=r"column\(s\) \['label'\] are not numeric"):
        plot.feature_comparison(features, ax, columns=["label"])
    with pytest.raises(TypeError, match="`columns` must be a list"):
        plot.feature_comparison(features, ax, columns="x")
    with pytest.raises(ValueError, match="`reference` = 'zz' is not a doc_id"):
        plot.feature_comparison(features, ax, reference="zz")
    with pytest.raises(TypeError, match="`labels` must be a dict"):
        plot.feature_comparison(features, ax, labels=["x"])
    with pytest.raises(ValueError, match="unique doc_id"):
        plot.feature_comparison(pd.concat([features, features]), ax)
    with pytest.raises(ValueError, match="no numeric column"):
        plot.feature_comparison(features[["label"]], ax)


# --- quote_bars ---------------------------------------------------------------------------------


def test_quote_bars_counts_per_speaker_and_document(quotes):
    ax = plot.quote_bars(quotes, plt.figure().gca())
    assert _ticks(ax) == ["Ann Lee", "(unattributed)", "one official (anon.)", "Bo Chan"]
    # Two documents: bars 0.4 high, w 0.2 above each group's centre, r 0.2 below.
    bars = _bars(ax)
    assert list(bars) == ["w", "r"]
    assert bars["w"] == [(-0.2, 2), (0.8, 1), (1.8, 1), (2.8, 0)]
    assert bars["r"] == [(0.2, 1), (1.2, 1), (2.2, 0), (3.2, 1)]
    colours = [mpl.colors.to_hex(c.patches[0].get_facecolor()) for c in ax.containers]
    assert colours == ["#0072b2", "#e69f00"]
    # The anonymous source's bars (r's is empty) are hatched; its label and "(unattributed)" italic.
    hatches = [[p.get_hatch() for p in c.patches] for c in ax.containers]
    assert hatches == [[None, None, "///", None]] * 2
    styles = [t.get_fontstyle() for t in ax.get_yticklabels()]
    assert styles == ["normal", "italic", "italic", "normal"]
    # Each non-empty bar carries its value; zero bars carry none.
    assert [t.strip() for t in _texts(ax)] == ["2", "1", "1", "1", "1", "1"]
    assert ax.get_xlabel() == "direct quotes"
    assert ax.get_ylim() == (3.5, -0.5)
    assert ax.get_xlim() == pytest.approx((0, 2 * 1.12))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["w", "r", "anonymous"]


def test_quote_bars_quoted_words(quotes):
    ax = plot.quote_bars(quotes, plt.figure().gca(), measure="words")
    # Tie at 4 words: "(unattributed)" quoted before "one official".
    assert _ticks(ax) == ["Ann Lee", "(unattributed)", "one official (anon.)", "Bo Chan"]
    widths = {k: [w for _, w in v] for k, v in _bars(ax).items()}
    assert widths == {"w": [5, 1, 4, 0], "r": [1, 3, 0, 2]}
    assert ax.get_xlabel() == "quoted words"


def test_quote_bars_pools_beyond_top(quotes):
    ax = plot.quote_bars(quotes, plt.figure().gca(), top=2)
    assert _ticks(ax) == ["Ann Lee", "(unattributed)", "2 other speakers"]
    widths = {k: [w for _, w in v] for k, v in _bars(ax).items()}
    assert widths == {"w": [2, 1, 1], "r": [1, 1, 1]}
    assert all(p.get_hatch() is None for c in ax.containers for p in c.patches)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["w", "r"]


def test_quote_bars_by_verb(quotes):
    ax = plot.quote_bars(quotes, plt.figure().gca(), by="verb")
    # said: w 2 r 2; told: w 1 r 1; none: w 1.
    assert _ticks(ax) == ["said", "told", "(no verb)"]
    widths = {k: [w for _, w in v] for k, v in _bars(ax).items()}
    assert widths == {"w": [2, 1, 1], "r": [2, 1, 0]}
    assert ax.get_title() == "Reporting verbs"


def test_quote_bars_one_document_and_missing_quote(quotes):
    one = quotes[quotes["doc_id"] == "r"].assign(quote=pd.array(["k", pd.NA, "n o p"], "string"))
    ax = plot.quote_bars(one, plt.figure().gca(), measure="words")
    # One document: full-height (0.8) bars on the group centres; the missing quote counts 0.
    assert _bars(ax) == {"r": [(0.0, 3), (1.0, 1), (2.0, 0)]}
    assert _ticks(ax) == ["(unattributed)", "Ann Lee", "Bo Chan"]
    assert ax.get_ylim() == (2.5, -0.5)


def test_quote_bars_empty_input(quotes):
    ax = plot.quote_bars(quotes.iloc[:0], plt.figure().gca())
    assert _texts(ax) == ["nothing to plot"]
    assert ax.get_xlabel() == "direct quotes"


def test_quote_bars_bad_input(quotes):
    ax = plt.figure().gca()
    with pytest.raises(ValueError, match=r"missing column\(s\) \['anonymous'\]"):
        plot.quote_bars(quotes.drop(columns="anonymous"), ax)
    with pytest.raises(ValueError, match=r"missing column\(s\) \['quote'\]"):
        plot.quote_bars(quotes.drop(columns="quote"), ax, measure="words")
    with pytest.raises(ValueError, match="`measure` = 'chars' is invalid"):
        plot.quote_bars(quotes, ax, measure="chars")
    with pytest.raises(ValueError, match="`by` = 'outlet' is invalid"):
        plot.quote_bars(quotes, ax, by="outlet")
    for top in (0, True, 1.5):
        with pytest.raises(ValueError, match="`top`"):
            plot.quote_bars(quotes, ax, top=top)
    with pytest.raises(TypeError, match="quotes table"):
        plot.quote_bars([1, 2], ax)
    # Without "quote", counting quotes still works.
    assert plot.quote_bars(quotes.drop(columns="quote"), ax) is ax


# --- shared behaviour ---------------------------------------------------------------------------


def _draw(name: str, tables: dict, **kwargs):
    if name == "feature_comparison":
        return plot.feature_comparison(tables["features"], **kwargs)
    return plot.quote_bars(tables["quotes"], **kwargs)


PLOTS = ["feature_comparison", "quote_bars"]


@pytest.fixture()
def tables(features, quotes) -> dict:
    return {"features": features, "quotes": quotes}


@pytest.mark.parametrize("name", PLOTS)
def test_plots_draw_on_the_given_or_current_axes(name, tables):
    _, (ax1, ax2) = plt.subplots(1, 2)
    assert _draw(name, tables, ax=ax1) is ax1
    plt.sca(ax2)
    assert _draw(name, tables) is ax2


@pytest.mark.parametrize("name", PLOTS)
def test_plots_leave_inputs_and_rcparams_alone(name, tables):
    before = {k: v.copy(deep=True) for k, v in tables.items()}
    rc = dict(mpl.rcParams)
    with plot.style():
        _draw(name, tables, ax=plt.figure().gca())
    _draw(name, tables, ax=plt.figure().gca())
    assert dict(mpl.rcParams) == rc
    for key, table in tables.items():
        pd.testing.assert_frame_equal(table, before[key])


@pytest.mark.parametrize("name", PLOTS)
def test_plots_save_deterministically(name, tables, tmp_path: Path):
    assert_deterministic(lambda ax: _draw(name, tables, ax=ax), tmp_path)


def test_plots_on_the_seed_pair(tmp_path: Path):
    import mediakit as mk

    clean = mk.clean_articles(mk.load_sample_articles())
    quotes = mk.extract_quotes(clean)
    ax = plot.quote_bars(quotes, plt.figure().gca())
    # The bars equal a plain groupby count of the quotes table (speakers with a name).
    counts = quotes.groupby(["speaker", "doc_id"]).size()
    for doc, bars in _bars(ax).items():
        for label, (_, width) in zip(_ticks(ax), bars, strict=True):
            speaker = label.removesuffix(" (anon.)")
            assert width == counts.get((speaker, doc), 0)
    with pytest.warns(mk.MediakitWarning, match="SMOG"):
        readability = mk.readability(clean)
    lexical = mk.lexical_features(clean)
    features = lexical.join(
        readability.drop(columns=lexical.columns.intersection(readability.columns))
    )
    ax = plot.feature_comparison(features, plt.figure().gca())
    assert len(ax.texts) == features.shape[1]
    assert _texts(ax)[0].startswith("wire ")
