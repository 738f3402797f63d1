"""The comparison plots: similarity_heatmap, alignment_dotplot, reuse_bars.

Every table here is written by hand to the contracts of similarity.py, align.py
and reuse.py, and every expected number is worked out in the comments.
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
VIRIDIS = mpl.colormaps["viridis"]


# --- hand-made tables ---------------------------------------------------------------------------


@pytest.fixture()
def doc_pairs() -> pd.DataFrame:
    # Three documents, every pair once: x-y 0.6, x-z 0.2, y-z 0.4.
    return pd.DataFrame(
        {"doc_id_a": ["x", "x", "y"], "doc_id_b": ["y", "z", "z"], "similarity": [0.6, 0.2, 0.4]}
    )


@pytest.fixture()
def sentence_pairs() -> pd.DataFrame:
    # Sentences 0-1 of "wire" against sentences 0-2 of "rewrite"; wire:1 x rewrite:2 is absent
    # (as if below min_similarity). Rows deliberately not in id order.
    return pd.DataFrame(
        {
            "doc_id_a": ["wire"] * 5,
            "sent_id_a": pd.array([1, 0, 0, 0, 1], dtype="Int64"),
            "doc_id_b": ["rewrite"] * 5,
            "sent_id_b": pd.array([0, 0, 1, 2, 1], dtype="Int64"),
            "similarity": [0.1, 0.9, 0.3, 0.0, 0.8],
        }
    )


@pytest.fixture()
def alignment() -> pd.DataFrame:
    # a has sentences 0-5, b has 0-5.
    # a0 = b0 verbatim; a1 -> b2 rewritten (moved down); a2 + a3 -> b1 merged;
    # a4 -> b3 + b4 split; a5 dropped; b5 added.
    return pd.DataFrame(
        {
            "a_sent": pd.array([0, 1, 2, 3, 4, 4, 5, None], dtype="Int64"),
            "b_sent": pd.array([0, 2, 1, 1, 3, 4, None, 5], dtype="Int64"),
            "a_text": ["s"] * 7 + [pd.NA],
            "b_text": ["s"] * 6 + [pd.NA, "s"],
            "similarity": [0.95, 0.5, 0.4, 0.6, 0.7, 0.3, NAN, NAN],
            "label": [
                "verbatim",
                "rewritten",
                "merged",
                "merged",
                "split",
                "split",
                "dropped",
                "added",
            ],
        }
    )


@pytest.fixture()
def reuse() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id_a": ["wire", "wire", "wire"],
            "doc_id_b": ["blog", "rewrite", "copy"],
            "similarity": [0.1, 0.6, 0.95],
            "containment_source": [0.05, 0.4, 0.7],
            "containment_derived": [0.1, 0.6, 0.95],
            "resemblance": [0.03, 0.3, 0.68],
            "label": ["non_derived", "partially_derived", "wholly_derived"],
        }
    )


def _collection(ax, label: str):
    found = [c for c in ax.collections if c.get_label() == label]
    assert len(found) == 1, f"no single collection labelled {label!r}"
    return found[0]


def _bar_rows(ax) -> dict[str, list[tuple[float, float]]]:
    """Per bar container: (centre y, width) of each bar in drawing order."""
    return {
        c.get_label(): [(p.get_y() + p.get_height() / 2, p.get_width()) for p in c.patches]
        for c in ax.containers
    }


# --- similarity_heatmap -------------------------------------------------------------------------


def test_heatmap_of_document_pairs_is_the_symmetric_matrix(doc_pairs):
    ax = plot.similarity_heatmap(doc_pairs)
    expected = np.array([[1.0, 0.6, 0.2], [0.6, 1.0, 0.4], [0.2, 0.4, 1.0]])
    image = ax.images[0]
    np.testing.assert_allclose(image.get_array(), expected)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y", "z"]
    # Cell colours are viridis of the value (vmin 0, vmax 1).
    np.testing.assert_allclose(image.to_rgba(image.get_array())[0, 1], VIRIDIS(0.6))
    # 3 x 3 is small: each cell carries its value, row by row.
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["1.00", "0.60", "0.20", "0.60", "1.00", "0.40", "0.20", "0.40", "1.00"]
    # A colorbar beside the heatmap.
    assert any(a.get_ylabel() == "similarity" for a in ax.get_figure().axes if a is not ax)


def test_heatmap_absent_pairs_are_masked_and_order_is_first_appearance():
    pairs = pd.DataFrame(
        {"doc_id_a": ["q", "p"], "doc_id_b": ["p", "r"], "similarity": [0.5, 0.25]}
    )
    ax = plot.similarity_heatmap(pairs)
    array = ax.images[0].get_array()
    # Documents as they first appear reading row by row: q, p, r. q-r is not in the table.
    assert [t.get_text() for t in ax.get_xticklabels()] == ["q", "p", "r"]
    assert array.mask.tolist() == [
        [False, False, True],
        [False, False, False],
        [True, False, False],
    ]
    assert array.filled(-1).tolist() == [[1.0, 0.5, -1], [0.5, 1.0, 0.25], [-1, 0.25, 1.0]]
    assert len(ax.texts) == 7  # no value written in the two empty cells


def test_heatmap_of_sentence_pairs_between_two_documents(sentence_pairs):
    ax = plot.similarity_heatmap(sentence_pairs)
    array = ax.images[0].get_array()
    # Rows: wire sentences 0, 1; columns: rewrite sentences 0, 1, 2.
    assert array.filled(-1).tolist() == [[0.9, 0.3, 0.0], [0.1, 0.8, -1]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "1"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]
    assert ax.get_ylabel() == "sentence in wire"
    assert ax.get_xlabel() == "sentence in rewrite"
    # Value 0.0 is on viridis' dark end: white text; 0.9 is light: black text.
    colours = {t.get_text(): t.get_color() for t in ax.texts}
    assert colours["0.00"] == "white" and colours["0.90"] == "black"


def test_heatmap_of_sentence_pairs_as_a_square(sentence_pairs):
    ax = plot.similarity_heatmap(sentence_pairs, layout="square")
    labels = ["wire:0", "wire:1", "rewrite:0", "rewrite:1", "rewrite:2"]
    assert [t.get_text() for t in ax.get_xticklabels()] == labels
    n = NAN
    expected = np.array(
        [
            [1.0, n, 0.9, 0.3, 0.0],
            [n, 1.0, 0.1, 0.8, n],
            [0.9, 0.1, 1.0, n, n],
            [0.3, 0.8, n, 1.0, n],
            [0.0, n, n, n, 1.0],
        ]
    )
    array = ax.images[0].get_array()
    np.testing.assert_array_equal(array.mask, np.isnan(expected))
    np.testing.assert_allclose(array.filled(NAN), expected)


def test_heatmap_of_sentence_pairs_across_more_documents_is_square():
    pairs = pd.DataFrame(
        {
            "doc_id_a": ["a", "a"],
            "sent_id_a": [0, 1],
            "doc_id_b": ["b", "c"],
            "sent_id_b": [0, 0],
            "similarity": [0.5, 0.7],
        }
    )
    ax = plot.similarity_heatmap(pairs)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a:0", "a:1", "b:0", "c:0"]
    array = ax.images[0].get_array()
    assert array[0, 2] == 0.5 and array[2, 0] == 0.5 and array[1, 3] == 0.7


def test_heatmap_draws_a_matrix_as_it_is():
    matrix = pd.DataFrame(
        [[1.0, 0.3], [0.3, 1.0]],
        index=pd.Index(["u", "v"], name="doc_id"),
        columns=pd.Index(["u", "v"], name="doc_id"),
    )
    before = matrix.copy()
    ax = plot.similarity_heatmap(matrix, cmap="cividis", annot=False)
    np.testing.assert_allclose(ax.images[0].get_array(), [[1.0, 0.3], [0.3, 1.0]])
    assert ax.images[0].get_cmap().name.startswith("cividis")
    assert len(ax.texts) == 0 and ax.get_xlabel() == "doc_id"
    pd.testing.assert_frame_equal(matrix, before)


def test_heatmap_annotates_only_small_matrices_by_default():
    def square(n: int) -> pd.DataFrame:
        labels = [f"d{i}" for i in range(n)]
        return pd.DataFrame(np.eye(n), index=labels, columns=labels)

    assert len(plot.similarity_heatmap(square(15)).texts) == 225
    plt.figure()
    assert len(plot.similarity_heatmap(square(16)).texts) == 0
    plt.figure()
    assert len(plot.similarity_heatmap(square(16), annot=True).texts) == 256


def test_heatmap_thins_tick_labels_of_large_matrices():
    labels = [f"d{i}" for i in range(61)]
    ax = plot.similarity_heatmap(pd.DataFrame(np.eye(61), index=labels, columns=labels))
    # 61 labels, at most 30 shown: every third (ceil(61 / 30) = 3), from the first.
    assert [t.get_text() for t in ax.get_xticklabels()] == labels[::3]


def test_heatmap_does_not_mutate_pairs(doc_pairs, sentence_pairs):
    before = doc_pairs.copy(), sentence_pairs.copy()
    plot.similarity_heatmap(doc_pairs)
    plot.similarity_heatmap(sentence_pairs)
    pd.testing.assert_frame_equal(doc_pairs, before[0])
    pd.testing.assert_frame_equal(sentence_pairs, before[1])


def test_heatmap_empty_and_bad_input(doc_pairs):
    ax = plot.similarity_heatmap(doc_pairs.iloc[:0])
    assert len(ax.images) == 0 and ax.texts[0].get_text() == "nothing to plot"
    with pytest.raises(ValueError, match=r"missing column\(s\) \['similarity'\]"):
        plot.similarity_heatmap(doc_pairs.drop(columns="similarity"))
    with pytest.raises(ValueError, match=r"missing column\(s\) \['sent_id_b'\]"):
        plot.similarity_heatmap(doc_pairs.assign(sent_id_a=0))
    with pytest.raises(ValueError, match="expects a pairs table"):
        plot.similarity_heatmap(pd.DataFrame({"name": ["x"], "score": [0.5]}))
    with pytest.raises(TypeError, match="got ndarray"):
        plot.similarity_heatmap(np.eye(2))
    with pytest.raises(ValueError, match="two different similarities"):
        plot.similarity_heatmap(pd.concat([doc_pairs, doc_pairs.iloc[[0]].assign(similarity=0.1)]))
    # The same pair both ways with the same value is fine.
    swapped = doc_pairs.iloc[[0]].rename(columns={"doc_id_a": "doc_id_b", "doc_id_b": "doc_id_a"})
    plot.similarity_heatmap(pd.concat([doc_pairs, swapped]))
    with pytest.raises(ValueError, match="`similarity` must be numeric"):
        plot.similarity_heatmap(doc_pairs.assign(similarity=["high", "low", "low"]))
    with pytest.raises(ValueError, match="`layout` = 'round' is invalid"):
        plot.similarity_heatmap(doc_pairs, layout="round")
    with pytest.raises(ValueError, match="`cmap` = 'no-such-map' is invalid"):
        plot.similarity_heatmap(doc_pairs, cmap="no-such-map")
    with pytest.raises(ValueError, match="must be below `vmax`"):
        plot.similarity_heatmap(doc_pairs, vmin=1, vmax=0)
    with pytest.raises(ValueError, match="`annot` = 'yes' is invalid"):
        plot.similarity_heatmap(doc_pairs, annot="yes")


# --- alignment_dotplot --------------------------------------------------------------------------


def test_dotplot_places_each_matched_row(alignment):
    ax = plot.alignment_dotplot(alignment)
    ax.get_figure().canvas.draw()  # scatter face colours are computed at draw time
    expected = {
        "verbatim": ([[0, 0]], [0.95]),
        "rewritten": ([[1, 2]], [0.5]),
        "merged": ([[2, 1], [3, 1]], [0.4, 0.6]),
        "split": ([[4, 3], [4, 4]], [0.7, 0.3]),
    }
    for label, (offsets, similarity) in expected.items():
        dots = _collection(ax, label)
        np.testing.assert_array_equal(dots.get_offsets(), offsets)
        np.testing.assert_allclose(dots.get_array(), similarity)
        np.testing.assert_allclose(dots.get_facecolors(), VIRIDIS(np.array(similarity)))


def test_dotplot_marks_dropped_and_added_in_lanes(alignment):
    ax = plot.alignment_dotplot(alignment)
    # a5 is dropped: a tick at x = 5 in the lane below 0; b5 is added: at y = 5 left of 0.
    np.testing.assert_array_equal(_collection(ax, "dropped").get_offsets(), [[5, -1]])
    np.testing.assert_array_equal(_collection(ax, "added").get_offsets(), [[-1, 5]])
    assert ax.get_xlim() == (-1.5, 5.5) and ax.get_ylim() == (-1.5, 5.5)
    assert list(ax.get_xticks()) == [0, 1, 2, 3, 4, 5]
    assert list(ax.get_yticks()) == [0, 1, 2, 3, 4, 5]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "verbatim",
        "rewritten",
        "merged",
        "split",
        "dropped (only in a)",
        "added (only in b)",
        "same relative position",
    ]


def test_dotplot_draws_diagonal_and_links(alignment):
    ax = plot.alignment_dotplot(alignment)
    lines = {(tuple(line.get_xdata()), tuple(line.get_ydata())) for line in ax.lines}
    # Merge a2 + a3 -> b1: a row from x 2 to 3 at y 1; split a4 -> b3 + b4: a column at x 4.
    assert ((2.0, 3.0), (1.0, 1.0)) in lines
    assert ((4.0, 4.0), (3.0, 4.0)) in lines
    # The diagonal from the first to the last sentences (a 0..5, b 0..5).
    assert ((0, 5), (0, 5)) in lines


def test_dotplot_axis_labels_and_colorbar(alignment):
    ax = plot.alignment_dotplot(alignment, a_label="wire", b_label="rewrite")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("sentence in wire", "sentence in rewrite")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "dropped (only in wire)" in legend and "added (only in rewrite)" in legend
    assert any(a.get_ylabel() == "similarity" for a in ax.get_figure().axes if a is not ax)


def test_dotplot_without_dropped_or_added_sentences(alignment):
    matched = alignment[alignment["label"].isin(["verbatim", "rewritten"])]
    ax = plot.alignment_dotplot(matched)
    assert {c.get_label() for c in ax.collections} == {"verbatim", "rewritten"}
    # Positions: a 0..1, b 0..2; the diagonal runs corner to corner.
    assert ax.get_xlim() == (-1.5, 1.5) and ax.get_ylim() == (-1.5, 2.5)


def test_dotplot_accepts_float_ids_with_nan(alignment):
    as_float = alignment.assign(
        a_sent=alignment["a_sent"].astype("Float64").astype(float),
        b_sent=alignment["b_sent"].astype("Float64").astype(float),
    )
    ax = plot.alignment_dotplot(as_float)
    np.testing.assert_array_equal(_collection(ax, "dropped").get_offsets(), [[5, -1]])


def test_dotplot_does_not_mutate_alignment(alignment):
    before = alignment.copy()
    plot.alignment_dotplot(alignment)
    pd.testing.assert_frame_equal(alignment, before)


def test_dotplot_empty_and_bad_input(alignment):
    ax = plot.alignment_dotplot(alignment.iloc[:0])
    assert len(ax.collections) == 0 and ax.texts[0].get_text() == "nothing to plot"
    with pytest.raises(ValueError, match=r"missing column\(s\) \['label'\]"):
        plot.alignment_dotplot(alignment.drop(columns="label"))
    with pytest.raises(ValueError, match=r"unknown label\(s\) \['moved'\]"):
        plot.alignment_dotplot(alignment.assign(label=["moved", *alignment["label"][1:]]))
    wrong = alignment.copy()
    wrong.loc[0, "label"] = "dropped"  # but row 0 has both sentences
    with pytest.raises(ValueError, match="row 0 has a_sent=0, b_sent=0 and label 'dropped'"):
        plot.alignment_dotplot(wrong)
    with pytest.raises(ValueError, match="sentence ids"):
        plot.alignment_dotplot(alignment.assign(a_sent=[0, 1.5, 2, 3, 4, 4, 5, NAN]))
    with pytest.raises(ValueError, match="sentence ids"):
        plot.alignment_dotplot(alignment.assign(a_sent=[-1, 1, 2, 3, 4, 4, 5, NAN]))
    with pytest.raises(ValueError, match="`size` = 0 is invalid"):
        plot.alignment_dotplot(alignment, size=0)
    with pytest.raises(TypeError, match="alignment table"):
        plot.alignment_dotplot([(0, 0)])


# --- reuse_bars ---------------------------------------------------------------------------------


def test_reuse_bars_draw_containment_both_ways_sorted(reuse):
    ax = plot.reuse_bars(reuse)
    # Sorted by containment_derived: copy (0.95), rewrite (0.6), blog (0.1), top to bottom.
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["wire → copy", "wire → rewrite", "wire → blog"]
    bars = _bar_rows(ax)
    # Pair i sits at y = i; the derived bar (height 0.38) centred 0.19 above, source 0.19 below.
    derived = bars["derived text found in source"]
    source = bars["source text found in derived"]
    np.testing.assert_allclose(derived, [(-0.19, 0.95), (0.81, 0.6), (1.81, 0.1)])
    np.testing.assert_allclose(source, [(0.19, 0.7), (1.19, 0.4), (2.19, 0.05)])
    # House palette: blue for the derived side, orange for the source side, on every bar.
    assert {p.get_facecolor() for p in ax.containers[0]} == {mpl.colors.to_rgba("#0072B2")}
    assert {p.get_facecolor() for p in ax.containers[1]} == {mpl.colors.to_rgba("#E69F00")}
    # First pair at the top: the y axis runs downwards.
    assert ax.get_ylim() == (2.5, -0.5)


def test_reuse_bars_write_labels_at_bar_ends(reuse):
    ax = plot.reuse_bars(reuse)
    texts = [(t.get_text(), t.get_position()) for t in ax.texts]
    # At the longer bar of each pair plus 0.02.
    assert [t for t, _ in texts] == ["wholly derived", "partially derived", "non-derived"]
    np.testing.assert_allclose([p for _, p in texts], [(0.97, 0), (0.62, 1), (0.12, 2)])
    assert ax.get_xlim() == (0, 1.3)
    assert len(plot.reuse_bars(reuse, ax=plt.figure().gca(), show_label=False).texts) == 0
    assert len(plot.reuse_bars(reuse.drop(columns="label"), ax=plt.figure().gca()).texts) == 0


def test_reuse_bars_percent_axis(reuse):
    ax = plot.reuse_bars(reuse, show_label=False)
    ax.get_figure().canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0%", "25%", "50%", "75%", "100%"]
    assert ax.get_xlim() == (0, 1)


def test_reuse_bars_unsorted_and_top(reuse):
    ax = plot.reuse_bars(reuse, sort=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "wire → blog",
        "wire → rewrite",
        "wire → copy",
    ]
    ax = plot.reuse_bars(reuse, top=2, ax=plt.figure().gca())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["wire → copy", "wire → rewrite"]
    widths = [w for _, w in _bar_rows(ax)["source text found in derived"]]
    assert widths == [0.7, 0.4]
    # Fewer than 3 pairs keep the room of 3 (pairs at 0, 1; half a slot of padding each side).
    assert ax.get_ylim() == (2.0, -1.0)


def test_reuse_bars_ties_broken_by_source_containment():
    reuse = pd.DataFrame(
        {
            "doc_id_a": ["s", "s"],
            "doc_id_b": ["d1", "d2"],
            "containment_derived": [0.5, 0.5],
            "containment_source": [0.2, 0.3],
        }
    )
    ax = plot.reuse_bars(reuse)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["s → d2", "s → d1"]


def test_reuse_bars_do_not_mutate(reuse):
    before = reuse.copy()
    plot.reuse_bars(reuse)
    pd.testing.assert_frame_equal(reuse, before)


def test_reuse_bars_empty_and_bad_input(reuse):
    ax = plot.reuse_bars(reuse.iloc[:0])
    assert len(ax.patches) == 0 and ax.texts[0].get_text() == "nothing to plot"
    with pytest.raises(ValueError, match=r"missing column\(s\) \['containment_source'\]"):
        plot.reuse_bars(reuse.drop(columns="containment_source"))
    with pytest.raises(ValueError, match=r"shares in \[0, 1\]"):
        plot.reuse_bars(reuse.assign(containment_derived=[10, 60, 95]))
    with pytest.raises(ValueError, match="`top` = 0 is invalid"):
        plot.reuse_bars(reuse, top=0)
    with pytest.raises(ValueError, match="`top` = True is invalid"):
        plot.reuse_bars(reuse, top=True)
    with pytest.raises(TypeError, match="reuse table"):
        plot.reuse_bars(None)


# --- shared behaviour ---------------------------------------------------------------------------


def _draw(name: str, tables: dict[str, pd.DataFrame], ax=None):
    if name == "heatmap":
        return plot.similarity_heatmap(tables["doc_pairs"], ax=ax)
    if name == "dotplot":
        return plot.alignment_dotplot(tables["alignment"], ax=ax)
    return plot.reuse_bars(tables["reuse"], ax=ax)


PLOTS = ["heatmap", "dotplot", "reuse"]


@pytest.fixture()
def tables(doc_pairs, alignment, reuse) -> dict[str, pd.DataFrame]:
    return {"doc_pairs": doc_pairs, "alignment": alignment, "reuse": reuse}


@pytest.mark.parametrize("name", PLOTS)
def test_plots_use_given_or_current_axes(name, tables):
    _fig, (ax1, ax2) = plt.subplots(1, 2)
    assert _draw(name, tables, ax=ax1) is ax1
    plt.sca(ax2)
    assert _draw(name, tables) is ax2


@pytest.mark.parametrize("name", PLOTS)
def test_plots_leave_rcparams_alone(name, tables):
    before = dict(mpl.rcParams)
    with plot.style():
        _draw(name, tables)
    _draw(name, tables, ax=plt.figure().gca())
    assert dict(mpl.rcParams) == before


@pytest.mark.parametrize("name", PLOTS)
def test_plots_save_deterministically(name, tables, tmp_path: Path):
    assert_deterministic(lambda ax: _draw(name, tables, ax=ax), tmp_path)


def test_dotplot_labels_round_steps_of_sentences():
    # 15 sentences each side, in order: more than 10 labels at step 1, so step 2 (0, 2, …, 14),
    # with an unlabelled minor tick at every sentence.
    alignment = pd.DataFrame(
        {
            "a_sent": range(15),
            "b_sent": range(15),
            "similarity": [1.0] * 15,
            "label": ["verbatim"] * 15,
        }
    )
    ax = plot.alignment_dotplot(alignment)
    assert list(ax.get_xticks()) == list(range(0, 15, 2))
    ticks = set(ax.get_yticks()) | set(ax.get_yticks(minor=True))
    assert sorted(ticks) == list(range(15))
