"""The machinery behind the comparison plots of :mod:`mediakit.plot`.

:func:`~mediakit.plot.similarity_heatmap`, :func:`~mediakit.plot.alignment_dotplot`
and :func:`~mediakit.plot.reuse_bars` take tables; here those tables are checked
and reshaped (never mutated) into what is drawn: the matrix behind a heatmap,
the parts of an alignment, the rows of a reuse table in plotting order. The
small drawing helpers the three plots share live here too, so that ``plot.py``
holds the public plots and their documentation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.colors import Colormap, Normalize
from matplotlib.figure import Figure, SubFigure
from matplotlib.lines import Line2D
from matplotlib.transforms import offset_copy

__all__ = [
    "ALIGNMENT_LABELS",
    "FAINT",
    "AlignmentParts",
    "alignment_parts",
    "annotate_cells",
    "colormap_for",
    "figure_of",
    "legend_below",
    "legend_key",
    "link_groups",
    "norm_for",
    "nothing",
    "require_columns",
    "reuse_rows",
    "sentence_ticks",
    "similarity_matrix",
    "tick_labels",
]

PAIR_COLUMNS = ("doc_id_a", "doc_id_b", "similarity")
SENTENCE_COLUMNS = ("doc_id_a", "sent_id_a", "doc_id_b", "sent_id_b", "similarity")
ALIGNMENT_COLUMNS = ("a_sent", "b_sent", "similarity", "label")
REUSE_COLUMNS = ("doc_id_a", "doc_id_b", "containment_derived", "containment_source")
#: Labels of an alignment table, matched ones first.
ALIGNMENT_LABELS = ("verbatim", "rewritten", "merged", "split", "dropped", "added")
_MATCHED = frozenset(ALIGNMENT_LABELS[:4])


def require_columns(table: Any, columns: tuple[str, ...], func: str, what: str) -> pd.DataFrame:
    """Return ``table`` if it is a DataFrame holding ``columns``, else raise naming the gap."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{func} expects {what} (a DataFrame), got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{func} needs {what}; missing column(s) {missing} (it has {list(table.columns)})"
        )
    return table


def _numbers(values: pd.Series, name: str, func: str) -> np.ndarray:
    """A numeric column as float64 with NaN for missing values."""
    try:
        numbers = pd.to_numeric(values)
    except (TypeError, ValueError):
        raise ValueError(f"{func}: column `{name}` must be numeric") from None
    return np.asarray(numbers.to_numpy(dtype=float, na_value=np.nan), dtype=float)


def _ids(values: pd.Series, name: str, func: str) -> np.ndarray:
    """A sentence-id column as float64 (NaN where absent); ids must be whole numbers ≥ 0."""
    ids = _numbers(values, name, func)
    present = ids[~np.isnan(ids)]
    if (present < 0).any() or (present != np.round(present)).any():
        raise ValueError(f"{func}: column `{name}` must hold sentence ids (whole numbers ≥ 0)")
    return ids


# --- heatmap -----------------------------------------------------------------------------------


def similarity_matrix(table: Any, *, layout: str = "auto") -> tuple[pd.DataFrame, str, str]:
    """The matrix a heatmap draws, with its x and y axis labels.

    A pairs table of documents becomes a symmetric matrix over the documents
    in order of first appearance (reading the table row by row, a before b),
    with 1 on the diagonal. A pairs table of sentences between exactly two
    documents (one ``doc_id_a``, another ``doc_id_b``) becomes a rectangle,
    rows the sentences of a and columns those of b, unless ``layout`` is
    ``"square"``; any other sentence pairs become a symmetric matrix over
    ``"doc:sent"`` labels. Pairs absent from the table are NaN. A numeric
    DataFrame is taken as the matrix itself.
    """
    func = "similarity_heatmap"
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"{func} expects a pairs table or a matrix DataFrame, got {type(table).__name__}"
        )
    pair_like = set(SENTENCE_COLUMNS) & set(table.columns)
    if not pair_like:
        numeric = all(pd.api.types.is_numeric_dtype(t) for t in table.dtypes)
        if not numeric or table.columns.empty:
            raise ValueError(
                f"{func} expects a pairs table (columns {list(PAIR_COLUMNS)}, from "
                "tfidf_similarity()) or a numeric matrix DataFrame (from to_matrix()); "
                f"got columns {list(table.columns)}"
            )
        ylabel, xlabel = table.index.name, table.columns.name
        return table.astype(float), str(xlabel or ""), str(ylabel or "")
    sentences = bool({"sent_id_a", "sent_id_b"} & set(table.columns))
    columns = SENTENCE_COLUMNS if sentences else PAIR_COLUMNS
    what = "a pairs table of sentences" if sentences else "a pairs table"
    require_columns(table, columns, func, what)
    values = _numbers(table["similarity"], "similarity", func)
    doc_a = table["doc_id_a"].astype(object).to_numpy()
    doc_b = table["doc_id_b"].astype(object).to_numpy()
    if not sentences:
        return _symmetric(list(doc_a), list(doc_b), values, func), "", ""
    sent_a = _ids(table["sent_id_a"], "sent_id_a", func)
    sent_b = _ids(table["sent_id_b"], "sent_id_b", func)
    if np.isnan(sent_a).any() or np.isnan(sent_b).any():
        raise ValueError(f"{func}: `sent_id_a` and `sent_id_b` must not be missing")
    two_docs = len(set(doc_a)) == 1 and len(set(doc_b)) == 1 and doc_a[0] != doc_b[0]
    if layout == "auto" and two_docs:
        return _rectangle(sent_a.astype(int), sent_b.astype(int), values, doc_a[0], doc_b[0])
    keys_a = [(d, int(s)) for d, s in zip(doc_a, sent_a, strict=True)]
    keys_b = [(d, int(s)) for d, s in zip(doc_b, sent_b, strict=True)]
    matrix = _symmetric(keys_a, keys_b, values, func)
    docs = list(dict.fromkeys(d for d, _ in matrix.index))  # first appearance
    order = sorted(matrix.index, key=lambda key: (docs.index(key[0]), key[1]))
    labels = [f"{d}:{s}" for d, s in order]
    matrix = matrix.loc[order, order]
    matrix.index, matrix.columns = labels, labels
    return matrix, "", ""


def _symmetric(keys_a: list, keys_b: list, values: np.ndarray, func: str) -> pd.DataFrame:
    """Symmetric matrix over keys in order of first appearance; 1 on the diagonal."""
    interleaved = [k for pair in zip(keys_a, keys_b, strict=True) for k in pair]
    labels = list(dict.fromkeys(interleaved))
    position = {k: i for i, k in enumerate(labels)}
    rows = np.array([position[k] for k in keys_a], dtype=int)
    cols = np.array([position[k] for k in keys_b], dtype=int)
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    _check_conflicts(low, high, values, func)
    matrix = np.full((len(labels), len(labels)), np.nan)
    np.fill_diagonal(matrix, 1.0)
    matrix[rows, cols] = values
    matrix[cols, rows] = values
    index = pd.Index(labels, tupleize_cols=False)
    return pd.DataFrame(matrix, index=index, columns=index.copy())


def _rectangle(
    sent_a: np.ndarray, sent_b: np.ndarray, values: np.ndarray, doc_a: Any, doc_b: Any
) -> tuple[pd.DataFrame, str, str]:
    """Rows = sentences of a, columns = sentences of b (sorted ids); NaN where no pair."""
    _check_conflicts(sent_a, sent_b, values, "similarity_heatmap")
    rows, cols = np.unique(sent_a), np.unique(sent_b)
    matrix = np.full((len(rows), len(cols)), np.nan)
    matrix[np.searchsorted(rows, sent_a), np.searchsorted(cols, sent_b)] = values
    frame = pd.DataFrame(matrix, index=pd.Index(rows), columns=pd.Index(cols))
    return frame, f"sentence in {doc_b}", f"sentence in {doc_a}"


def _check_conflicts(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, func: str) -> None:
    """Raise if one cell is given two different similarities."""
    cells = pd.DataFrame({"r": rows, "c": cols, "v": values})
    spread = cells.groupby(["r", "c"])["v"].agg(lambda v: v.nunique(dropna=False))
    if (spread > 1).any():
        raise ValueError(
            f"{func}: the pairs table gives the same pair two different similarities; "
            "keep one row per pair (e.g. pairs.drop_duplicates(['doc_id_a', 'doc_id_b']))"
        )


# --- alignment ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignmentParts:
    """An alignment table split into what the dot plot draws."""

    #: Matched rows: columns ``x`` (a_sent), ``y`` (b_sent), ``similarity``, ``label``.
    matched: pd.DataFrame
    #: Sentence ids of a without a counterpart in b.
    dropped: np.ndarray
    #: Sentence ids of b without a counterpart in a.
    added: np.ndarray
    #: Number of sentence positions on each axis (largest id + 1).
    n_a: int
    n_b: int


def alignment_parts(alignment: Any) -> AlignmentParts:
    """Check an alignment table and split it into matched, dropped and added sentences."""
    func = "alignment_dotplot"
    require_columns(alignment, ALIGNMENT_COLUMNS, func, "an alignment table (align_sentences())")
    a = _ids(alignment["a_sent"], "a_sent", func)
    b = _ids(alignment["b_sent"], "b_sent", func)
    similarity = _numbers(alignment["similarity"], "similarity", func)
    label = alignment["label"].astype(object).to_numpy()
    unknown = sorted({str(v) for v in label} - set(ALIGNMENT_LABELS))
    if unknown:
        raise ValueError(
            f"{func}: unknown label(s) {unknown} in column `label`; "
            f"expected values from {list(ALIGNMENT_LABELS)}"
        )
    has_a, has_b = ~np.isnan(a), ~np.isnan(b)
    expected = np.where(
        has_a & has_b,
        np.isin(label, list(_MATCHED)),
        np.where(has_a, label == "dropped", has_b & (label == "added")),
    )
    if not expected.all():
        i = int(np.argmin(expected))
        shown = ["<NA>" if np.isnan(v) else str(int(v)) for v in (a[i], b[i])]
        raise ValueError(
            f"{func}: row {alignment.index[i]!r} has a_sent={shown[0]}, b_sent={shown[1]} "
            f"and label {label[i]!r}; "
            "a row with both sentences is verbatim, rewritten, merged or split, one with only "
            "a_sent is dropped, one with only b_sent is added"
        )
    both = has_a & has_b
    matched = pd.DataFrame(
        {"x": a[both], "y": b[both], "similarity": similarity[both], "label": label[both]}
    )
    n_a = int(np.nanmax(a)) + 1 if has_a.any() else 0
    n_b = int(np.nanmax(b)) + 1 if has_b.any() else 0
    return AlignmentParts(matched, a[has_a & ~has_b], b[has_b & ~has_a], n_a, n_b)


# --- reuse -------------------------------------------------------------------------------------


def reuse_rows(reuse: Any, *, sort: bool, top: int | None) -> pd.DataFrame:
    """Rows of a reuse table in plotting order, with a ``pair`` label "source → derived"."""
    func = "reuse_bars"
    require_columns(reuse, REUSE_COLUMNS, func, "a reuse table (text_reuse())")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"reuse_bars: `top` = {top!r} is invalid; expected a whole number ≥ 1")
    rows = pd.DataFrame(
        {
            "pair": (reuse["doc_id_a"].astype(str) + " → " + reuse["doc_id_b"].astype(str)),
            "derived": _numbers(reuse["containment_derived"], "containment_derived", func),
            "source": _numbers(reuse["containment_source"], "containment_source", func),
            "label": reuse["label"].astype(object) if "label" in reuse.columns else None,
        }
    ).reset_index(drop=True)
    shares = rows[["derived", "source"]].to_numpy()
    if ((shares < 0) | (shares > 1)).any():
        raise ValueError(
            "reuse_bars: containment_derived and containment_source are shares in [0, 1]; "
            "found values outside (percentages? divide by 100)"
        )
    if sort:
        rows = rows.sort_values(
            ["derived", "source"], ascending=False, kind="stable", na_position="last"
        )
    return rows.head(top) if top is not None else rows


# --- drawing helpers ---------------------------------------------------------------------------

#: Colour of the faint reference marks: diagonal, merge/split links, lane separators.
FAINT = "#c8c8c8"
#: Colour of cells without a value (pairs absent from the table).
_MISSING = "#eeeeee"


def figure_of(ax: Axes) -> Figure | SubFigure:
    """The (sub)figure that holds ``ax``: where its colorbar goes."""
    figure = ax.get_figure(root=False)
    if figure is None:
        raise ValueError("the Axes belongs to no figure; create it with plt.subplots()")
    return figure


def nothing(ax: Axes) -> Axes:
    """Write "nothing to plot" in the middle of ``ax`` (the plots' answer to an empty table)."""
    ax.text(
        0.5,
        0.5,
        "nothing to plot",
        ha="center",
        va="center",
        transform=ax.transAxes,
        color="#555555",
    )
    return ax


def colormap_for(cmap: str | Colormap) -> Colormap:
    """Return a copy of the colormap (by name or instance) drawing NaN light grey."""
    if isinstance(cmap, Colormap):
        return cmap.with_extremes(bad=_MISSING)
    if not isinstance(cmap, str) or cmap not in mpl.colormaps:
        raise ValueError(
            f"`cmap` = {cmap!r} is invalid; expected a matplotlib colormap name, "
            "e.g. 'viridis' or 'cividis' (sequential and colour-blind safe)"
        )
    return mpl.colormaps[cmap].with_extremes(bad=_MISSING)


def norm_for(vmin: float, vmax: float) -> Normalize:
    """Linear map of [vmin, vmax] onto the colormap."""
    if not vmin < vmax:
        raise ValueError(f"`vmin` = {vmin!r} must be below `vmax` = {vmax!r}")
    return Normalize(vmin=vmin, vmax=vmax)


def legend_below(ax: Axes, handles: list[Any], ncol: int) -> None:
    """Put the legend under the Axes, clear of the tick labels and the x label.

    Under a layout engine (the print style's constrained layout, where the
    figure keeps its size), a legend whose row would stick out of the figure
    gets fewer columns (more rows), as at a paper's column width.
    """
    # A fixed number of points below the Axes whatever the figure size;
    # savefig(..., bbox_inches="tight") keeps it in the file.
    fig = ax.get_figure(root=True)
    anchor = offset_copy(ax.transAxes, fig=fig, y=-34, units="points")
    engine = fig.get_layout_engine()
    for columns in range(max(ncol, 1), 0, -1):
        legend = ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            bbox_transform=anchor,
            ncol=columns,
        )
        if engine is None or columns == 1:
            return
        engine.execute(fig)  # place the Axes as the saved figure will have them
        box = legend.get_window_extent()
        if fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1:
            return


def legend_key(label: str, **style: Any) -> Line2D:
    """A legend entry drawn like ``style`` (a line, or a marker when ``ls=""`` is implied)."""
    style = {"ls": ""} | style
    return Line2D([], [], label=label, **style)


def tick_labels(labels: Sequence[Any], most: int = 30) -> tuple[list[int], list[str]]:
    """Positions and texts of at most ``most`` evenly spaced tick labels."""
    step = max(1, -(-len(labels) // most))
    positions = list(range(0, len(labels), step))
    return positions, [str(labels[i]) for i in positions]


def sentence_ticks(axis: Axis, n: int, most: int = 10) -> None:
    """Label at most ``most`` sentence positions 0 … n - 1, at a round step (1, 2, 5, 10, …).

    When not every position is labelled, each still gets an unlabelled minor tick.
    """
    step = next(s * 10**e for e in range(12) for s in (1, 2, 5) if s * 10**e * most >= n)
    axis.set_ticks(range(0, max(n, 1), step))
    axis.set_ticks(range(0, n) if 1 < step and n <= 200 else [], minor=True)


def annotate_cells(ax: Axes, values: np.ma.MaskedArray, cmap: Colormap, norm: Normalize) -> None:
    """Write each value of a heatmap in its cell: white on dark colours, black on light."""
    size = 8 if max(values.shape) <= 8 else 7  # 7 pt: the smallest size readable in print
    for (row, col), value in np.ndenumerate(values.filled(np.nan)):
        if np.isnan(value):
            continue
        red, green, blue, _ = cmap(norm(value))
        dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5  # relative luminance
        ax.text(
            col,
            row,
            f"{value:.2f}",
            ha="center",
            va="center",
            fontsize=size,
            color="white" if dark else "black",
        )


def link_groups(ax: Axes, matched: pd.DataFrame) -> None:
    """Join the dots of a merge (one b sentence: a row) or a split (one a sentence: a column)."""
    for label, shared, spread in (("merged", "y", "x"), ("split", "x", "y")):
        rows = matched[matched["label"] == label]
        for at, low, high in rows.groupby(shared)[spread].agg(["min", "max"]).itertuples():
            if low < high:
                line = ([low, high], [at, at]) if shared == "y" else ([at, at], [low, high])
                ax.plot(*line, color=FAINT, lw=2.5, solid_capstyle="round", zorder=2)
