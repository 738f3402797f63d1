"""The corpus plots: similarity_histogram.

The pairs table is written by hand to the contract of near_duplicates (pairs
table: doc_id_a, doc_id_b, similarity); every expected number is worked out in
the comments.
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
from mediakit.plot._corpus import similarity_histogram

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
GREY = "#999999"
NAN = float("nan")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture()
def pairs() -> pd.DataFrame:
    # With bins=4 the edges are 0, .25, .5, .75, 1 (the last bin includes 1.0):
    #   bin 0 [0, .25):   0.1 (other)
    #   bin 1 [.25, .5):  0.3 (rewrite), 0.25 (rewrite)
    #   bin 2 [.5, .75):  0.62 (rewrite), 0.5 (copy)
    #   bin 3 [.75, 1]:   1.0 (copy), 1.0 (copy)
    # Group sizes: copy 3, rewrite 3, other 1; copy and rewrite tie, copy is seen first.
    return pd.DataFrame(
        {
            "doc_id_a": ["a", "a", "b", "c", "d", "e", "f"],
            "doc_id_b": ["b", "c", "c", "d", "e", "f", "g"],
            "similarity": [1.0, 0.62, 0.3, 1.0, 0.25, 0.1, 0.5],
            "kind": ["copy", "rewrite", "rewrite", "copy", "rewrite", "other", "copy"],
        }
    )


def _heights(container) -> list[float]:
    return [float(bar.get_height()) for bar in container]


def _bottoms(container) -> list[float]:
    return [float(bar.get_y()) for bar in container]


def _colour(container) -> str:
    return mpl.colors.to_hex(container[0].get_facecolor())


def _legend(ax) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def test_counts_per_bin_without_groups(pairs):
    ax = similarity_histogram(pairs, bins=4)
    assert len(ax.containers) == 1
    assert _heights(ax.containers[0]) == [1.0, 2.0, 2.0, 2.0]
    # bins of equal width over [0, 1], left edges 0, .25, .5, .75
    assert [float(bar.get_x()) for bar in ax.containers[0]] == [0.0, 0.25, 0.5, 0.75]
    assert [float(bar.get_width()) for bar in ax.containers[0]] == [0.25] * 4
    assert ax.get_xlim() == (0.0, 1.0)
    assert ax.get_xlabel() == "similarity" and ax.get_ylabel() == "pairs"
    assert ax.get_legend() is None  # nothing to explain: one group, no threshold


def test_stacks_by_group_largest_first_ties_in_order_of_appearance(pairs):
    ax = similarity_histogram(pairs, by="kind", bins=4)
    copy, rewrite, other = ax.containers
    assert _heights(copy) == [0.0, 0.0, 1.0, 2.0]
    assert _heights(rewrite) == [0.0, 2.0, 1.0, 0.0]
    assert _heights(other) == [1.0, 0.0, 0.0, 0.0]
    # each group sits on the ones drawn before it
    assert _bottoms(copy) == [0.0] * 4
    assert _bottoms(rewrite) == [0.0, 0.0, 1.0, 2.0]
    assert _bottoms(other) == [0.0, 2.0, 2.0, 2.0]
    assert [_colour(c) for c in ax.containers] == [p.lower() for p in PALETTE[:3]]
    assert _legend(ax) == ["copy", "rewrite", "other"]


def test_groups_beyond_top_are_pooled_in_grey(pairs):
    ax = similarity_histogram(pairs, by="kind", bins=4, top=1)
    _, pooled = ax.containers
    # rewrite [0, 2, 1, 0] + other [1, 0, 0, 0]
    assert _heights(pooled) == [1.0, 2.0, 1.0, 0.0]
    assert _colour(pooled) == GREY.lower()
    assert _legend(ax) == ["copy", "2 other groups"]


def test_a_single_group_beyond_top_keeps_its_name_and_colour(pairs):
    ax = similarity_histogram(pairs, by="kind", bins=4, top=2)
    assert _legend(ax) == ["copy", "rewrite", "other"]
    assert _colour(ax.containers[2]) == PALETTE[2].lower()


def test_categorical_order_and_colours_follow_the_categories(pairs):
    # "unused" has no pair: it is not drawn, but copy keeps the colour of position 1.
    kind = pd.Categorical(pairs["kind"], categories=["unused", "copy", "other", "rewrite"])
    ax = similarity_histogram(pairs.assign(kind=kind), by="kind", bins=4)
    assert _legend(ax) == ["copy", "other", "rewrite"]
    assert [_colour(c) for c in ax.containers] == [p.lower() for p in PALETTE[1:4]]
    assert _heights(ax.containers[1]) == [1.0, 0.0, 0.0, 0.0]  # other


def test_by_may_be_a_series_aligned_with_the_pairs(pairs):
    same = pd.Series(["same", "same", "across", "same", "same", "same", "same"], index=pairs.index)
    ax = similarity_histogram(pairs, by=same, bins=4)
    assert _legend(ax) == ["same", "across"]
    assert _heights(ax.containers[1]) == [0.0, 1.0, 0.0, 0.0]  # 0.3


def test_missing_groups_are_drawn_as_missing(pairs):
    kind = pairs["kind"].where(pairs["kind"] != "other", None)
    ax = similarity_histogram(pairs.assign(kind=kind), by="kind", bins=4)
    assert _legend(ax) == ["copy", "rewrite", "(missing)"]


def test_threshold_line_and_count(pairs):
    ax = similarity_histogram(pairs, by="kind", bins=4, threshold=0.5)
    # at or above 0.5: 1.0, 0.62, 1.0, 0.5
    assert _legend(ax)[-1] == "threshold 0.5 (4 pairs at or above)"
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [0.5, 0.5]
    assert line.get_linestyle() == "--"


def test_missing_values_are_not_drawn(pairs):
    more = pd.concat([pairs, pd.DataFrame({"similarity": [NAN], "kind": ["copy"]})])
    ax = similarity_histogram(more.reset_index(drop=True), bins=4, threshold=0.5)
    assert _heights(ax.containers[0]) == [1.0, 2.0, 2.0, 2.0]
    assert _legend(ax) == ["threshold 0.5 (4 pairs at or above)"]


def test_other_column(pairs):
    ax = similarity_histogram(pairs.rename(columns={"similarity": "jaccard"}), column="jaccard")
    assert ax.get_xlabel() == "jaccard"
    assert sum(_heights(ax.containers[0])) == 7


def test_exactly_one_and_zero_fall_in_the_end_bins():
    table = pd.DataFrame({"similarity": [0.0, 1.0, 1.0]})
    heights = _heights(similarity_histogram(table, bins=20).containers[0])
    assert heights[0] == 1.0 and heights[-1] == 2.0 and sum(heights) == 3


@pytest.mark.parametrize(
    "table", [pd.DataFrame({"similarity": []}), pd.DataFrame({"similarity": [NAN, NAN]})]
)
def test_nothing_to_plot(table):
    ax = similarity_histogram(table)
    assert [t.get_text() for t in ax.texts] == ["nothing to plot"]
    assert not ax.containers


def test_uses_the_current_axes_and_does_not_change_the_input(pairs):
    before = pairs.copy()
    _, ax = plt.subplots()
    assert similarity_histogram(pairs, by="kind") is ax
    pd.testing.assert_frame_equal(pairs, before)


def test_is_exported():
    assert plot.similarity_histogram is similarity_histogram
    assert "similarity_histogram" in plot.__all__


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"column": "score"}, "missing column"),
        ({"by": "section"}, "missing column"),
        ({"by": pd.Series(["x"] * 7, index=range(1, 8))}, "same index"),
        ({"by": ["x"] * 7}, "`by`"),
        ({"bins": 0}, "`bins`"),
        ({"bins": 2.5}, "`bins`"),
        ({"top": 0}, "`top`"),
        ({"threshold": 1.5}, "`threshold`"),
        ({"threshold": "0.5"}, "`threshold`"),
    ],
)
def test_invalid_options(pairs, kwargs, message):
    with pytest.raises(ValueError, match=message):
        similarity_histogram(pairs, **kwargs)


def test_values_outside_zero_one_and_text_are_refused(pairs):
    with pytest.raises(ValueError, match=r"2 value\(s\) of `similarity` are outside \[0, 1\]"):
        similarity_histogram(pairs.assign(similarity=[1.2, -0.1, 0.5, 0.5, 0.5, 0.5, 0.5]))
    with pytest.raises(ValueError, match="must be numeric"):
        similarity_histogram(pairs, column="kind")


def test_deterministic(pairs, tmp_path: Path):
    assert_deterministic(
        lambda ax: similarity_histogram(pairs, ax, by="kind", threshold=0.5), tmp_path
    )


def test_bars_do_not_depend_on_row_order(pairs):
    shuffled = pairs.iloc[np.r_[6, 5, 4, 3, 2, 1, 0]].reset_index(drop=True)
    first = similarity_histogram(pairs, bins=4)
    plt.figure()
    second = similarity_histogram(shuffled, bins=4)
    assert _heights(first.containers[0]) == _heights(second.containers[0])
