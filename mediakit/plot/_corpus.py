"""Plots of a corpus's pairs (see :mod:`mediakit.plot`)."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from mediakit.plot._compare import _numbers, legend_below, legend_key, nothing, require_columns
from mediakit.plot._features import PALETTE
from mediakit.plot._style import OTHER_COLOUR

__all__ = ["similarity_histogram"]

#: Colour of the threshold line.
_THRESHOLD_COLOUR = "#333333"


def similarity_histogram(
    pairs: pd.DataFrame,
    ax: Axes | None = None,
    *,
    column: str = "similarity",
    by: str | pd.Series | None = None,
    threshold: float | None = None,
    bins: int = 20,
    top: int = 6,
) -> Axes:
    """Plot how many pairs fall at each similarity, optionally stacked by group.

    The bins are ``bins`` equal intervals of [0, 1] whatever the data, so
    histograms of different corpora or settings line up; the last bin
    includes 1.0 (exact copies). With ``by``, each bin is a stack of one bar
    per group in its house colour, the first group at the bottom and in the
    legend first: groups in the order of a categorical ``by`` (so that a
    group keeps its colour from figure to figure), else the largest first
    (ties in order of first appearance). Groups beyond the first ``top`` are
    pooled, in grey, as "N other groups". A dashed
    vertical line marks ``threshold``, and its legend entry gives the number
    of pairs at or above it. Missing values are not drawn.

    Parameters
    ----------
    pairs : pandas.DataFrame
        A pairs table, e.g. of :func:`mediakit.near_duplicates` or
        :func:`mediakit.tfidf_similarity`, or any table with a ``column`` of
        values in [0, 1] (such as each article's similarity to its nearest
        neighbour).
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. The legend goes below it
        (save with ``bbox_inches="tight"``, as the house :func:`style` does).
    column : str
        The column holding the values; it also labels the x axis.
    by : str or pandas.Series, optional
        Stack by group: a column of ``pairs``, or a Series aligned with its
        index (e.g. "same section" / "across sections").
    threshold : float, optional
        Draw the threshold used to select pairs (in [0, 1]).
    bins : int
        Number of equal bins over [0, 1].
    top : int
        Groups drawn in their own colour; the rest are pooled.

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when no value is left to draw.

    Raises
    ------
    ValueError
        A missing column or ``by`` column, a ``by`` Series not aligned with
        ``pairs``, a non-numeric column, values outside [0, 1], or an invalid
        ``threshold``, ``bins`` or ``top``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> pairs = pd.DataFrame(
    ...     {
    ...         "doc_id_a": ["a", "a", "b", "c"],
    ...         "doc_id_b": ["b", "c", "d", "d"],
    ...         "similarity": [1.0, 0.62, 0.3, 1.0],
    ...         "kind": ["copy", "rewrite", "rewrite", "copy"],
    ...     }
    ... )
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = mk.plot.similarity_histogram(pairs, by="kind", threshold=0.5, bins=10, ax=ax)
    >>> [float(bar.get_height()) for bar in ax.containers[0]][-1]  # two copies at 1.0
    2.0
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['copy', 'rewrite', 'threshold 0.5 (3 pairs at or above)']
    """
    func = "similarity_histogram"
    require_columns(pairs, (column,), func, f"a table with a `{column}` column")
    if isinstance(bins, bool) or not isinstance(bins, int | np.integer) or bins < 1:
        raise ValueError(f"`bins` = {bins!r} is invalid; expected an int ≥ 1")
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise ValueError(f"`top` = {top!r} is invalid; expected an int ≥ 1")
    if threshold is not None and not (
        isinstance(threshold, int | float)
        and not isinstance(threshold, bool)
        and 0 <= threshold <= 1
    ):
        raise ValueError(f"`threshold` = {threshold!r} is invalid; expected a number in [0, 1]")
    values = _numbers(pairs[column], column, func)
    outside = int(((values < 0) | (values > 1)).sum())
    if outside:
        raise ValueError(f"{func}: {outside} value(s) of `{column}` are outside [0, 1]")
    groups, categories = _groups(pairs, by, func)

    ax = ax if ax is not None else plt.gca()
    ax.set_title("Similarity of the pairs")
    ax.set_xlabel(column)
    ax.set_ylabel("pairs")
    present = ~np.isnan(values)
    if not present.any():
        return nothing(ax)
    values, groups = values[present], groups[present]

    edges = np.linspace(0.0, 1.0, bins + 1)
    order = _order(groups, categories, top)
    bottom = np.zeros(bins)
    handles: list[Any] = []
    ax.set_axisbelow(True)
    for label, members, position in order:
        heights, _ = np.histogram(values[np.isin(groups, members)], bins=edges)
        colour = OTHER_COLOUR if position is None else PALETTE[position % len(PALETTE)]
        ax.bar(
            edges[:-1],
            heights,
            width=np.diff(edges),
            bottom=bottom,
            align="edge",
            color=colour,
            edgecolor="white",
            linewidth=0.5,
            label=label,
        )
        bottom = bottom + heights
        if by is not None:
            handles.append(Patch(facecolor=colour, label=label))
    if threshold is not None:
        above = int((values >= threshold).sum())
        ax.axvline(threshold, color=_THRESHOLD_COLOUR, ls="--", lw=1)
        handles.append(
            legend_key(
                f"threshold {threshold:g} ({above} pairs at or above)",
                color=_THRESHOLD_COLOUR,
                ls="--",
                lw=1,
            )
        )
    ax.set_xlim(0, 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, axis="y")
    ax.grid(False, axis="x")
    if handles:
        legend_below(ax, handles, ncol=min(len(handles), 3))
    return ax


def _groups(
    pairs: pd.DataFrame, by: str | pd.Series | None, func: str
) -> tuple[np.ndarray, list[str] | None]:
    """The group of each row as str ("pairs" without ``by``), and a categorical's order."""
    if by is None:
        return np.full(len(pairs), "pairs", dtype=object), None
    if isinstance(by, str):
        require_columns(pairs, (by,), func, f"a table with the `by` column {by!r}")
        series = pairs[by]
    elif isinstance(by, pd.Series):
        if not by.index.equals(pairs.index):
            raise ValueError(f"{func}: a `by` Series must have the same index as the pairs")
        series = by
    else:
        raise ValueError(f"`by` = {by!r} is invalid; expected a column name or a pandas Series")
    categories = None
    if isinstance(series.dtype, pd.CategoricalDtype):
        categories = [str(c) for c in series.cat.categories] + ["(missing)"]
    labels = series.astype(object).where(series.notna(), "(missing)").astype(str)
    return labels.to_numpy(object), categories


def _order(
    groups: np.ndarray, categories: list[str] | None, top: int
) -> list[tuple[str, list[str], int | None]]:
    """The groups to draw: label, members and colour position (None: pooled, grey).

    In ``categories`` order, each coloured by its position among the categories (its
    colour in every figure of the same categories), else largest first; the groups
    beyond the first ``top`` are pooled last.
    """
    labels, first, counts = np.unique(groups, return_index=True, return_counts=True)
    if categories is not None:
        present = set(labels.tolist())
        ranked = [(c, categories.index(c)) for c in categories if c in present]
    else:
        by_size = sorted(zip(labels, first, counts, strict=True), key=lambda g: (-g[2], g[1]))
        ranked = [(str(label), position) for position, (label, _, _) in enumerate(by_size)]
    kept: list[tuple[str, list[str], int | None]] = [
        (name, [name], position) for name, position in ranked[:top]
    ]
    rest = [name for name, _ in ranked[top:]]
    if len(rest) == 1:
        kept.append((rest[0], rest, ranked[top][1]))
    elif rest:
        kept.append((f"{len(rest)} other groups", rest, None))
    return kept
