"""The machinery behind the style-and-sources plots of :mod:`mediakit.plot`.

:func:`~mediakit.plot.feature_comparison` and :func:`~mediakit.plot.quote_bars`
take a document-features table and a quotes table; here those tables are
checked and reshaped (never mutated) and the plots drawn, so that ``plot.py``
holds the public plots and their documentation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from mediakit.plot._compare import legend_below, legend_key, nothing, require_columns

__all__ = [
    "PALETTE",
    "SPREAD",
    "draw_feature_comparison",
    "draw_quote_bars",
    "format_value",
    "percent_difference",
    "quote_table",
]

#: Okabe & Ito (2008) colour-blind safe palette: the house colour cycle, one colour per document.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
#: Vertical span (in rows) over which the dots of several documents are spread.
SPREAD = 0.3
#: Hatch of the bars of anonymous sources.
ANON_HATCH = "///"
UNATTRIBUTED = "(unattributed)"
NO_VERB = "(no verb)"


def _colour(position: int) -> str:
    return PALETTE[position % len(PALETTE)]


def format_value(value: float) -> str:
    """A raw measure as written at the margin: whole numbers plain, others 3 significant digits."""
    if not np.isfinite(value):
        return "n/a"
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def percent_difference(values: np.ndarray, reference: float) -> np.ndarray:
    """(value − reference) / |reference| × 100; NaN where the reference is 0 or missing."""
    if not np.isfinite(reference) or reference == 0:
        return np.full(values.shape, np.nan)
    return (values - reference) / abs(reference) * 100.0


# --- feature comparison ------------------------------------------------------------------------


def _measures(features: Any, columns: Sequence[str] | None) -> pd.DataFrame:
    """The measures drawn, as float64 (NaN where missing), columns in drawing order."""
    func = "feature_comparison"
    if not isinstance(features, pd.DataFrame):
        raise TypeError(
            f"{func} expects a document-features table (a DataFrame, index doc_id), "
            f"got {type(features).__name__}"
        )
    if not features.index.is_unique:
        dupes = features.index[features.index.duplicated()].unique().tolist()[:5]
        raise ValueError(f"{func} needs unique doc_id values in the index; duplicated: {dupes}")
    if columns is None:
        names = [c for c in features.columns if _numeric(features[c])]
        if not names and len(features.columns):
            raise ValueError(
                f"{func} found no numeric column to plot (it has {list(features.columns)})"
            )
    else:
        if isinstance(columns, str) or not isinstance(columns, Sequence):
            raise TypeError(f"{func}: `columns` must be a list of column names, got {columns!r}")
        names = list(columns)
        require_columns(features, tuple(names), func, "a document-features table")
        text = [c for c in names if not _numeric(features[c])]
        if text:
            raise ValueError(f"{func}: column(s) {text} are not numeric")
    table = features[names]
    return pd.DataFrame(
        {c: table[c].to_numpy(dtype=float, na_value=np.nan) for c in names},
        index=features.index,
        columns=pd.Index(names, dtype=object),
    )


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def draw_feature_comparison(
    features: Any,
    ax: Axes,
    *,
    columns: Sequence[str] | None,
    reference: Any,
    labels: Mapping[str, str] | None,
) -> Axes:
    """Draw :func:`mediakit.plot.feature_comparison` on ``ax`` (see there)."""
    if labels is not None and not isinstance(labels, Mapping):
        raise TypeError(f"feature_comparison: `labels` must be a dict, got {labels!r}")
    table = _measures(features, columns)
    docs = list(table.index)
    if reference is None:
        reference = docs[0] if docs else None
    elif reference not in table.index:
        raise ValueError(
            f"feature_comparison: `reference` = {reference!r} is not a doc_id of the table; "
            f"expected one of {docs[:10]}"
        )
    name = "" if reference is None else f" {reference}"
    ax.set_xlabel(f"difference from{name} (%)")
    ax.set_title("How the versions differ")
    if table.empty:
        return nothing(ax)
    ref_pos = docs.index(reference)
    others = [i for i in range(len(docs)) if i != ref_pos]
    offsets = np.linspace(-SPREAD / 2, SPREAD / 2, len(others)) if len(others) > 1 else [0.0]
    rows = np.arange(len(table.columns), dtype=float)
    values = table.to_numpy()  # documents x measures
    relative = np.vstack(
        [percent_difference(values[:, j], values[ref_pos, j]) for j in range(values.shape[1])]
    ).T
    ax.set_axisbelow(True)
    for y in rows:
        ax.axhline(y, color="#eeeeee", lw=0.6, zorder=0)
    ax.axvline(0, color=_colour(ref_pos), lw=1.5, zorder=1)
    handles = [legend_key(f"{reference} (reference)", color=_colour(ref_pos), lw=1.5, ls="-")]
    for offset, i in zip(offsets, others, strict=False):
        shown = ~np.isnan(relative[i])
        ax.scatter(
            relative[i][shown],
            rows[shown] + offset,
            s=30,
            color=_colour(i),
            edgecolors="white",
            linewidths=0.5,
            zorder=3,
            label=str(docs[i]),
        )
        handles.append(legend_key(str(docs[i]), marker="o", color=_colour(i), markersize=6))
    margin = blended_transform_factory(ax.transAxes, ax.transData)
    for j, y in enumerate(rows):
        text = " · ".join(f"{d} {format_value(v)}" for d, v in zip(docs, values[:, j], strict=True))
        ref_value = values[ref_pos, j]
        if ref_value == 0:
            text += f"  (no % difference: {reference} is 0)"
        ax.text(1.02, y, text, transform=margin, va="center", fontsize=7.5, color="#333333")
    names = [str((labels or {}).get(c, c)) for c in table.columns]
    ax.set_yticks(rows, names)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first measure at the top
    reach = np.nanmax(np.abs(relative), initial=0.0)
    limit = max(5.0, float(reach) * 1.15)
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:+.0f}%" if x else "0"))
    ax.tick_params(axis="y", length=0)
    legend_below(ax, handles, ncol=min(len(handles), 4))
    return ax


# --- quotes ------------------------------------------------------------------------------------


def quote_table(quotes: Any, *, by: str, measure: str, top: int) -> pd.DataFrame:
    """Groups (rows, in plotting order) x documents (columns) of counts or quoted words.

    The index holds the group labels; column ``anonymous`` (bool) flags anonymous
    speakers. Groups beyond ``top`` are pooled in a last row "N other speakers".
    """
    func = "quote_bars"
    needed = ("doc_id", by, *(("anonymous",) if by == "speaker" else ()))
    needed = (*needed, *(("quote",) if measure == "words" else ()))
    require_columns(quotes, needed, func, "the quotes table of mediakit.extract_quotes()")
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise ValueError(f"`top` = {top!r} is invalid; expected a whole number ≥ 1")
    if measure == "words":
        text = quotes["quote"].astype(object)
        value = [len(str(q).split()) if pd.notna(q) else 0 for q in text]
    else:
        value = [1] * len(quotes)
    missing = UNATTRIBUTED if by == "speaker" else NO_VERB
    group = [str(g) if pd.notna(g) else missing for g in quotes[by].astype(object)]
    if by == "speaker":
        anonymous = [bool(a) if pd.notna(a) else False for a in quotes["anonymous"].astype(object)]
    else:
        anonymous = [False] * len(quotes)
    long = pd.DataFrame(
        {
            "doc": quotes["doc_id"].astype(object).to_numpy(),
            "group": group,
            "anonymous": anonymous,
            "value": np.asarray(value, dtype=float),
        }
    )
    docs = list(dict.fromkeys(long["doc"]))
    keys = list(dict.fromkeys(zip(long["group"], long["anonymous"], strict=True)))
    wide = long.pivot_table(
        index=["group", "anonymous"], columns="doc", values="value", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(pd.MultiIndex.from_tuples(keys, names=["group", "anonymous"]))[docs]
    wide.columns = pd.Index(docs, dtype=object)
    totals = wide.sum(axis=1).to_numpy()
    order = sorted(range(len(keys)), key=lambda k: (-totals[k], k))  # ties: first appearance
    wide = wide.iloc[order]
    labels = [f"{g} (anon.)" if a else g for g, a in wide.index]
    flags = [bool(a) for _, a in wide.index]
    table = pd.DataFrame(
        wide.to_numpy(), index=pd.Index(labels, dtype=object), columns=wide.columns
    )
    table["anonymous"] = flags
    if len(table) > top:
        rest = table.iloc[top:]
        noun = "speakers" if by == "speaker" else "verbs"
        pooled = rest[docs].sum().to_frame(f"{len(rest)} other {noun}").T
        pooled["anonymous"] = False
        table = pd.concat([table.iloc[:top], pooled])
    return table


def draw_quote_bars(quotes: Any, ax: Axes, *, by: str, measure: str, top: int) -> Axes:
    """Draw :func:`mediakit.plot.quote_bars` on ``ax`` (see there)."""
    if not isinstance(quotes, pd.DataFrame):
        raise TypeError(
            "quote_bars expects the quotes table of mediakit.extract_quotes() (a DataFrame), "
            f"got {type(quotes).__name__}"
        )
    table = quote_table(quotes, by=by, measure=measure, top=top)
    ax.set_xlabel("direct quotes" if measure == "quotes" else "quoted words")
    ax.set_title("Who is quoted" if by == "speaker" else "Reporting verbs")
    if table.empty:
        return nothing(ax)
    docs = [c for c in table.columns if c != "anonymous"]
    rows = np.arange(len(table), dtype=float)
    height = 0.8 / len(docs)
    ax.set_axisbelow(True)
    hatched = table["anonymous"].to_numpy(dtype=bool)
    for j, doc in enumerate(docs):
        widths = table[doc].to_numpy(dtype=float)
        bars = ax.barh(
            rows + (j - (len(docs) - 1) / 2) * height,
            widths,
            height=height,
            color=_colour(j),
            label=str(doc),
        )
        for bar, anon, width in zip(bars.patches, hatched, widths, strict=True):
            if anon:
                bar.set_hatch(ANON_HATCH)
                bar.set_edgecolor("white")
                bar.set_linewidth(0)
            if width > 0:
                y = bar.get_y() + bar.get_height() / 2
                ax.text(width, y, f" {width:,.0f}", va="center", fontsize=7, color="#444444")
    ax.set_yticks(rows, [str(label) for label in table.index])
    for tick, anon, label in zip(ax.get_yticklabels(), hatched, table.index, strict=True):
        if anon or str(label) in (UNATTRIBUTED, NO_VERB):
            tick.set_fontstyle("italic")
    pad = max(0, 3 - len(rows)) / 2
    ax.set_ylim(len(rows) - 0.5 + pad, -0.5 - pad)  # most quoted at the top
    ax.set_xlim(0, max(1.0, float(table[docs].to_numpy().max())) * 1.12)  # room for the counts
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", length=0)
    handles: list[Any] = [Patch(color=_colour(j), label=str(d)) for j, d in enumerate(docs)]
    if hatched.any():
        handles.append(
            Patch(facecolor="#999999", edgecolor="white", hatch=ANON_HATCH, label="anonymous")
        )
    legend_below(ax, handles, ncol=min(len(handles), 4))
    return ax
