"""Plots that compare versions of a story: similarity, alignment, reuse."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Colormap, Normalize
from matplotlib.ticker import PercentFormatter

from mediakit._validation import check_option
from mediakit.plot._compare import (
    FAINT,
    alignment_parts,
    annotate_cells,
    colormap_for,
    figure_of,
    legend_below,
    legend_key,
    link_groups,
    norm_for,
    nothing,
    reuse_rows,
    sentence_ticks,
    similarity_matrix,
    tick_labels,
)
from mediakit.plot._style import OTHER_COLOUR

ALIGNMENT_MARKERS: dict[str, str] = {"verbatim": "o", "rewritten": "s", "merged": "v", "split": "^"}


def similarity_heatmap(
    pairs_or_matrix: pd.DataFrame,
    ax: Axes | None = None,
    *,
    annot: bool | None = None,
    cmap: str | Colormap = "viridis",
    vmin: float = 0.0,
    vmax: float = 1.0,
    layout: str = "auto",
) -> Axes:
    """Plot similarities as a heatmap, from a pairs table or a matrix.

    Parameters
    ----------
    pairs_or_matrix : pandas.DataFrame
        One of

        - a pairs table of documents (``doc_id_a``, ``doc_id_b``,
          ``similarity``, as from :func:`mediakit.tfidf_similarity`): drawn as a
          symmetric matrix over the documents in order of first appearance, with
          1 on the diagonal;
        - a pairs table of sentences (``doc_id_a``, ``sent_id_a``,
          ``doc_id_b``, ``sent_id_b``, ``similarity``): between two documents,
          rows are the sentences of the first (``doc_id_a``) and columns those
          of the second; otherwise a symmetric matrix over ``"doc:sent"``
          labels (see ``layout``);
        - a numeric matrix DataFrame (as from :func:`mediakit.to_matrix`),
          drawn as it is; its index and column names become axis labels.

        Pairs absent from a pairs table (e.g. below ``min_similarity``) are
        drawn as light grey cells. One pair given two different values is an
        error.
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. A colorbar is added beside it.
    annot : bool, optional
        Write each value (two decimals) in its cell; by default only when the
        matrix has at most 15 rows and 15 columns.
    cmap : str or matplotlib.colors.Colormap
        A sequential colormap; the default ``"viridis"`` (like ``"cividis"``)
        is readable with colour-vision deficiencies and in greyscale.
    vmin, vmax : float
        Similarities mapped to the ends of the colormap.
    layout : {'auto', 'square'}
        For sentence pairs between two documents: ``"auto"`` draws sentences
        of a against sentences of b, ``"square"`` all sentences against all.

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when the table has no rows.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> pairs = pd.DataFrame(
    ...     {
    ...         "doc_id_a": ["wire", "wire"],
    ...         "doc_id_b": ["rewrite", "blog"],
    ...         "similarity": [0.6, 0.2],
    ...     }
    ... )
    >>> ax = mk.plot.similarity_heatmap(pairs)
    >>> ax.images[0].get_array().tolist()
    [[1.0, 0.6, 0.2], [0.6, 1.0, None], [0.2, None, 1.0]]
    """
    check_option("layout", layout, {"auto", "square"})
    colormap, norm = colormap_for(cmap), norm_for(vmin, vmax)
    if annot is not None and not isinstance(annot, bool):
        raise ValueError(f"`annot` = {annot!r} is invalid; expected True, False or None")
    matrix, xlabel, ylabel = similarity_matrix(pairs_or_matrix, layout=layout)
    ax = ax if ax is not None else plt.gca()
    ax.set_title("Similarity")
    if matrix.empty:
        return nothing(ax)
    values = np.ma.masked_invalid(matrix.to_numpy(dtype=float))
    image = ax.imshow(values, cmap=colormap, norm=norm, aspect="auto", interpolation="nearest")
    figure_of(ax).colorbar(image, ax=ax, label="similarity")
    ax.grid(False)
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)
    xpos, xtext = tick_labels(list(matrix.columns))
    ypos, ytext = tick_labels(list(matrix.index))
    rotate = max(len(t) for t in xtext) > 3
    ax.set_xticks(
        xpos,
        xtext,
        rotation=45 if rotate else 0,
        ha="right" if rotate else "center",
        rotation_mode="anchor",
    )
    ax.set_yticks(ypos, ytext)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if annot is None:
        annot = matrix.shape[0] <= 15 and matrix.shape[1] <= 15
    if annot:
        annotate_cells(ax, values, colormap, norm)
    return ax


def alignment_dotplot(
    alignment: pd.DataFrame,
    ax: Axes | None = None,
    *,
    size: float = 36.0,
    cmap: str | Colormap = "viridis",
    a_label: str | None = None,
    b_label: str | None = None,
) -> Axes:
    """Plot a sentence alignment: position in a against position in b.

    Each matched row of the alignment is a dot at (``a_sent``, ``b_sent``),
    coloured by its similarity; its marker shows the label (circle verbatim,
    square rewritten, ▼ merged, ▲ split). Sentences of a merge share a row (one
    sentence of b), those of a split a column, and a faint line joins them.
    Dropped sentences of a are ticks in a lane below the data, added sentences
    of b ticks in a lane left of it. A faint diagonal from the first to the last
    sentences marks the same relative position in both texts: kept order runs
    along it, moved material sits far from it.

    Parameters
    ----------
    alignment : pandas.DataFrame
        An alignment table (:func:`mediakit.align_sentences`): ``a_sent``,
        ``b_sent`` (sentence ids, missing where absent), ``similarity``,
        ``label``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. A colorbar is added beside
        it and the legend below it (save with ``bbox_inches="tight"``, as the
        house :func:`style` does, to keep it in the file).
    size : float
        Marker area in points².
    cmap : str or matplotlib.colors.Colormap
        Sequential colormap for the similarity (0 to 1).
    a_label, b_label : str, optional
        Names of the two texts (e.g. their doc_ids) for the axis labels
        "sentence in …"; by default "a" and "b".

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when the table has no rows.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> alignment = pd.DataFrame(
    ...     {
    ...         "a_sent": pd.array([0, 1, 2, None], dtype="Int64"),
    ...         "b_sent": pd.array([1, 0, None, 2], dtype="Int64"),
    ...         "similarity": [0.9, 0.5, float("nan"), float("nan")],
    ...         "label": ["verbatim", "rewritten", "dropped", "added"],
    ...     }
    ... )
    >>> ax = mk.plot.alignment_dotplot(alignment, a_label="wire", b_label="rewrite")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('sentence in wire', 'sentence in rewrite')
    """
    colormap, norm = colormap_for(cmap), Normalize(vmin=0.0, vmax=1.0)
    if not size > 0:
        raise ValueError(f"`size` = {size!r} is invalid; expected a marker area > 0")
    parts = alignment_parts(alignment)
    ax = ax if ax is not None else plt.gca()
    a_name = "a" if a_label is None else a_label
    b_name = "b" if b_label is None else b_label
    ax.set_xlabel(f"sentence in {a_name}")
    ax.set_ylabel(f"sentence in {b_name}")
    if len(alignment) == 0:
        return nothing(ax)
    n_a, n_b = max(parts.n_a, 1), max(parts.n_b, 1)
    handles: list[Any] = []
    matched = parts.matched
    link_groups(ax, matched)
    for label, marker in ALIGNMENT_MARKERS.items():
        rows = matched[matched["label"] == label]
        if rows.empty:
            continue
        ax.scatter(
            rows["x"],
            rows["y"],
            c=rows["similarity"],
            cmap=colormap,
            norm=norm,
            marker=marker,
            s=size,
            edgecolors="#333333",
            linewidths=0.5,
            zorder=3,
            label=label,
        )
        handles.append(
            legend_key(
                label,
                marker=marker,
                color="#777777",
                markeredgewidth=0.5,
                markeredgecolor="#333333",
            )
        )
    lane: dict[str, Any] = {"color": OTHER_COLOUR, "s": size * 2, "linewidths": 1.5, "zorder": 3}
    lane_key: dict[str, Any] = {"color": OTHER_COLOUR, "markersize": 9, "markeredgewidth": 1.5}
    if parts.dropped.size:
        ax.scatter(
            parts.dropped, np.full(parts.dropped.size, -1.0), marker="|", label="dropped", **lane
        )
        handles.append(legend_key(f"dropped (only in {a_name})", marker="|", **lane_key))
    if parts.added.size:
        ax.scatter(np.full(parts.added.size, -1.0), parts.added, marker="_", label="added", **lane)
        handles.append(legend_key(f"added (only in {b_name})", marker="_", **lane_key))
    ax.plot([0, n_a - 1], [0, n_b - 1], color=FAINT, lw=1, ls="--", zorder=1)
    handles.append(legend_key("same relative position", color=FAINT, lw=1, ls="--"))
    ax.axhline(-0.5, color=FAINT, lw=0.6, zorder=1)
    ax.axvline(-0.5, color=FAINT, lw=0.6, zorder=1)
    ax.set_xlim(-1.5, n_a - 0.5)
    ax.set_ylim(-1.5, n_b - 0.5)
    sentence_ticks(ax.xaxis, n_a)
    sentence_ticks(ax.yaxis, n_b)
    figure_of(ax).colorbar(ScalarMappable(norm=norm, cmap=colormap), ax=ax, label="similarity")
    legend_below(ax, handles, ncol=2)  # matched labels, then lanes and diagonal
    return ax


#: Colours of :func:`reuse_bars`: the first two of the house palette.
REUSE_COLOURS: dict[str, str] = {"derived": "#0072B2", "source": "#E69F00"}


def reuse_bars(
    reuse: pd.DataFrame,
    ax: Axes | None = None,
    *,
    sort: bool = True,
    top: int | None = None,
    show_label: bool = True,
) -> Axes:
    """Plot containment both ways for each (source, derived) pair of a reuse table.

    Each pair, labelled "source → derived", gets two horizontal bars side by
    side: the share of the derived text's word n-grams found in the source
    (``containment_derived``: how much of the derived text is reused), and the
    share of the source's n-grams found in the derived text
    (``containment_source``: how much of the source was taken). A short
    rewrite of a long wire story has a long first bar and a short second one.

    Parameters
    ----------
    reuse : pandas.DataFrame
        A reuse table (:func:`mediakit.text_reuse`): ``doc_id_a`` (source),
        ``doc_id_b`` (derived), ``containment_derived``,
        ``containment_source`` (shares in [0, 1]) and optionally ``label``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. The legend goes below it
        (save with ``bbox_inches="tight"``, as the house :func:`style` does).
    sort : bool
        Most derived pair (largest ``containment_derived``, then
        ``containment_source``) at the top; otherwise the table's order.
    top : int, optional
        Draw only the first ``top`` pairs (after sorting).
    show_label : bool
        Write the derivation ``label`` (e.g. "wholly derived") at the end of
        each pair's bars, when the table has that column.

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when the table has no rows.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> reuse = pd.DataFrame(
    ...     {
    ...         "doc_id_a": ["wire", "wire"],
    ...         "doc_id_b": ["blog", "rewrite"],
    ...         "containment_derived": [0.1, 0.7],
    ...         "containment_source": [0.05, 0.4],
    ...         "label": ["non_derived", "partially_derived"],
    ...     }
    ... )
    >>> ax = mk.plot.reuse_bars(reuse)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['wire → rewrite', 'wire → blog']
    """
    if not isinstance(sort, bool) or not isinstance(show_label, bool):
        raise ValueError("`sort` and `show_label` are True or False")
    rows = reuse_rows(reuse, sort=sort, top=top)
    ax = ax if ax is not None else plt.gca()
    ax.set_xlabel("share of word n-grams found in the other text")
    ax.set_title("Text reuse")
    if rows.empty:
        return nothing(ax)
    labels = show_label and rows["label"].notna().any()
    position = np.arange(len(rows), dtype=float)
    height = 0.38
    ax.set_axisbelow(True)
    for offset, key, text in (
        (-1, "derived", "derived text found in source"),
        (1, "source", "source text found in derived"),
    ):
        ax.barh(
            position + offset * height / 2,
            rows[key],
            height=height,
            color=REUSE_COLOURS[key],
            label=text,
        )
    if labels:
        ends = rows[["derived", "source"]].max(axis=1).fillna(0).to_numpy()
        for y, end, label in zip(position, ends, rows["label"], strict=True):
            if pd.notna(label):
                text = str(label).replace("non_", "non-").replace("_", " ")
                ax.text(end + 0.02, y, text, va="center", fontsize=7.5, color="#444444")
    ax.set_yticks(position, rows["pair"].tolist())
    pad = max(0, 3 - len(rows)) / 2  # room for at least 3 pairs: one pair is not a slab
    ax.set_ylim(len(rows) - 0.5 + pad, -0.5 - pad)  # first pair at the top
    ax.set_xlim(0, 1.3 if labels else 1.0)
    ax.spines["bottom"].set_bounds(0, 1)  # room for the labels, but the scale ends at 100%
    ax.set_xticks(np.linspace(0, 1, 5))
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.tick_params(axis="y", length=0)
    handles, _ = ax.get_legend_handles_labels()
    legend_below(ax, handles, ncol=1)
    return ax


# --- style and sources -------------------------------------------------------------------------
