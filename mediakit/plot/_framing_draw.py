"""The machinery behind the framing plots of :mod:`mediakit.plot`.

:func:`~mediakit.plot.frame_profile`, :func:`~mediakit.plot.keyness` and
:func:`~mediakit.plot.dispersion` take a ``count_frames`` table, a keyness
table and a ``frame_hits`` (or ``kwic``) table; here those tables are checked
and reshaped (never mutated) and the plots drawn, so that ``_framing.py``
holds the public plots and their documentation.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from mediakit._validation import (
    MediakitWarning,
    check_articles,
    check_doc_ids,
    check_option,
    check_table,
    warn,
)
from mediakit.plot._compare import (
    FAINT,
    colormap_for,
    figure_of,
    legend_below,
    nothing,
    tick_labels,
)
from mediakit.plot._features import PALETTE
from mediakit.segment import split_paragraphs, tokenize

__all__ = [
    "MAX_BARS",
    "UNITS",
    "draw_dispersion",
    "draw_frame_profile",
    "draw_keyness",
    "keyness_rows",
    "profile_table",
]

#: Most documents (or groups) a bar profile draws; beyond, use ``by=`` or a heatmap.
MAX_BARS = 12
#: Axis label of each ``normalize`` value of a count_frames table.
UNITS = {None: "hits", "per_1000_tokens": "hits per 1,000 tokens", "share": "share of hits"}
#: Columns of a count_frames table that are neither keys nor categories.
_KEYS = ("doc_id", "par_id", "sent_id")
_EXTRA = ("n_tokens", "unmatched")
#: x labels of the keyness measures.
MEASURE_LABELS = {
    "chi2": "chi²",
    "lr": "G² (log-likelihood)",
    "log_ratio": "Log Ratio",
    "pmi": "PMI",
}
#: Colours of target and reference bars in the keyness plot.
TARGET_COLOUR, REFERENCE_COLOUR = PALETTE[0], "#999999"

LEAD = "#e8e8e8"  # shading of the lead paragraphs in dispersion


def _colour(position: int) -> str:
    return PALETTE[position % len(PALETTE)]


# --- frame profile -----------------------------------------------------------------------------


def _level(counts: pd.DataFrame) -> str:
    """Return the unit of a count_frames table: from ``attrs``, else from its key columns."""
    level = counts.attrs.get("level")
    if level is None:
        level = "sentence" if "sent_id" in counts else "paragraph" if "par_id" in counts else None
        level = level or "document"
    return check_option(
        "level (counts.attrs['level'])", level, {"document", "paragraph", "sentence"}
    )


def profile_table(
    counts: Any,
    *,
    categories: Sequence[str] | None,
    by: Any,
    agg: str | None,
) -> tuple[pd.DataFrame, str]:
    """Return groups (rows) x categories (columns) as float, and the axis label.

    A paragraph or sentence table of raw counts is summed per document first;
    ``by`` then groups documents (sum for raw counts, mean for rates, or ``agg``).
    """
    func = "frame_profile"
    described = "the table of mediakit.count_frames()"
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(f"{func} expects {described} (a DataFrame), got {type(counts).__name__}")
    normalize = check_option(
        "normalize (counts.attrs['normalize'])", counts.attrs.get("normalize"), set(UNITS)
    )
    check_option("agg", agg, {"sum", "mean", None})
    level = _level(counts)
    if level != "document":
        check_table(counts, ["doc_id"], func=func, name="counts", described=described)
        if normalize is not None:
            raise ValueError(
                f"{func}: counts are normalized ({normalize!r}) at {level} level; averaging "
                "the rates of units of unequal length is wrong. Count at document level: "
                f"count_frames(articles, dictionary, level='document', normalize={normalize!r})"
            )
    names = [c for c in counts.columns if c not in (*_KEYS, *_EXTRA)]
    if categories is not None:
        if isinstance(categories, str) or not isinstance(categories, Sequence):
            raise TypeError(f"{func}: `categories` must be a list of names, got {categories!r}")
        unknown = [c for c in categories if c not in names]
        if unknown:
            raise ValueError(f"{func}: unknown categor(y/ies) {unknown}; the counts have {names}")
        names = list(categories)
    elif isinstance(by, str):
        names = [c for c in names if c != by]
    text = [c for c in names if not pd.api.types.is_numeric_dtype(counts[c])]
    if text:
        raise ValueError(
            f"{func}: column(s) {text} are not counts; pass `categories=` to choose the "
            "category columns"
        )
    docs = counts["doc_id"] if level != "document" else pd.Series(counts.index, index=counts.index)
    values = pd.DataFrame(
        {c: counts[c].to_numpy(dtype=float, na_value=np.nan) for c in names},
        columns=pd.Index(names, dtype=object),
    )
    unit = UNITS[normalize]
    if by is None:
        key = docs.astype(object).to_numpy()
        how = "sum"  # only sub-document rows of raw counts are merged
    else:
        key = _groups(counts, docs, by, func)
        how = agg or ("sum" if normalize is None else "mean")
        if how == "mean":
            unit = f"{unit} (mean per document)"
        elif normalize is not None:
            unit = f"{unit} (summed over documents)"
    if values.empty and not len(key):
        return values, unit
    grouped = values.groupby(pd.Index(key, dtype=object), sort=False)
    table = grouped.sum(min_count=1) if how == "sum" else grouped.mean()
    return table, unit


def _groups(counts: pd.DataFrame, docs: pd.Series, by: Any, func: str) -> np.ndarray:
    """Return the group of every row: a column of ``counts``, or a mapping doc_id → group."""
    if isinstance(by, str):
        if by not in counts.columns:
            raise ValueError(
                f"{func}: `by` = {by!r} is not a column of the counts; pass a column name or "
                "a Series doc_id → group, e.g. by=articles['outlet']"
            )
        groups = counts[by].astype(object)
    elif isinstance(by, pd.Series | Mapping):
        lookup = by if isinstance(by, pd.Series) else pd.Series(dict(by), dtype=object)
        if not lookup.index.is_unique:
            raise ValueError(
                f"{func}: `by` gives some doc_id(s) several groups; pass one group per doc_id"
            )
        absent = [d for d in dict.fromkeys(docs) if d not in lookup.index]
        if absent:
            raise ValueError(
                f"{func}: `by` gives no group for doc_id(s) {absent[:10]}; "
                "pass a group for every document, e.g. by=articles['outlet']"
            )
        groups = pd.Series(lookup.astype(object).reindex(docs.to_numpy()).to_numpy())
    else:
        raise TypeError(
            f"{func}: `by` must be a column name or a Series/dict doc_id → group, got {by!r}"
        )
    if groups.isna().any():
        raise ValueError(f"{func}: `by` has missing groups; fill them, e.g. with 'unknown'")
    return groups.to_numpy()


def draw_frame_profile(
    counts: Any,
    ax: Axes,
    *,
    categories: Sequence[str] | None,
    by: Any,
    agg: str | None,
    kind: str,
) -> Axes:
    """Draw :func:`mediakit.plot.frame_profile` on ``ax`` (see there)."""
    check_option("kind", kind, {"bar", "heatmap"})
    table, unit = profile_table(counts, categories=categories, by=by, agg=agg)
    noun = "document" if by is None else (by if isinstance(by, str) else "group")
    ax.set_title(f"Frames per {noun}")
    if table.empty:
        ax.set_xlabel(unit)
        return nothing(ax)
    if kind == "heatmap":
        return _profile_heatmap(table, ax, unit)
    if len(table) > MAX_BARS:
        raise ValueError(
            f"frame_profile: {len(table)} {noun}s are too many for bars (at most {MAX_BARS}); "
            "group them with by= (e.g. by=articles['outlet']) or draw kind='heatmap'"
        )
    ax.set_xlabel(unit)
    groups = list(table.index)
    rows = np.arange(len(table.columns), dtype=float)
    height = 0.8 / len(groups)
    ax.set_axisbelow(True)
    for j, group in enumerate(groups):
        widths = np.nan_to_num(table.loc[group].to_numpy(dtype=float), nan=0.0)
        ax.barh(
            rows + (j - (len(groups) - 1) / 2) * height,
            widths,
            height=height,
            color=_colour(j),
            label=str(group),
        )
    ax.set_yticks(rows, [str(c) for c in table.columns])
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first category at the top
    top = float(np.nanmax(table.to_numpy(), initial=0.0))
    ax.set_xlim(0, top * 1.05 if top > 0 else 1.0)
    ax.tick_params(axis="y", length=0)
    handles: list[Any] = [Patch(color=_colour(j), label=str(g)) for j, g in enumerate(groups)]
    legend_below(ax, handles, ncol=min(len(handles), 4))
    return ax


def _profile_heatmap(table: pd.DataFrame, ax: Axes, unit: str) -> Axes:
    """Categories (rows) x groups (columns), coloured by value, with a colorbar."""
    values = np.ma.masked_invalid(table.to_numpy(dtype=float).T)
    cmap = colormap_for("viridis")
    image = ax.imshow(values, cmap=cmap, aspect="auto", interpolation="nearest", vmin=0)
    x_at, x_text = tick_labels(list(table.index))
    ax.set_xticks(x_at, x_text, rotation=90)
    ax.set_yticks(range(len(table.columns)), [str(c) for c in table.columns])
    ax.grid(False)
    colorbar = figure_of(ax).colorbar(image, ax=ax)
    colorbar.set_label(unit)
    return ax


# --- keyness -----------------------------------------------------------------------------------


def keyness_rows(table: Any, *, n: int, show_reference: bool) -> pd.DataFrame:
    """Return the bars drawn, top to bottom: ``term``, ``statistic``, ``side``.

    The ``n`` largest positive statistics, then (with ``show_reference``) the
    ``n`` most negative; all in descending order, as quanteda's
    ``textplot_keyness`` draws them; ``side`` is "target" or "reference". Ties keep the
    table's order.
    """
    func = "plot.keyness"
    check_table(
        table, ["term", "statistic"], func=func, name="table", described="from mediakit.keyness()"
    )
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"`n` = {n!r} is invalid; expected a whole number ≥ 1")
    try:
        statistic = pd.to_numeric(table["statistic"]).to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        raise ValueError(f"{func}: column `statistic` must be numeric") from None
    rows = pd.DataFrame({"term": table["term"].astype(str).to_numpy(), "statistic": statistic})
    finite = np.isfinite(statistic)
    if (~finite & ~np.isnan(statistic)).any():
        warn(
            f"{func}: {int((~finite & ~np.isnan(statistic)).sum())} term(s) with an infinite "
            "statistic are not drawn (PMI is -inf for a term absent from the target); "
            "use measure='log_ratio' to rank them"
        )
    rows = rows[finite]
    target = rows[rows["statistic"] > 0].sort_values("statistic", ascending=False, kind="stable")
    parts = [target.head(n).assign(side="target")]
    if show_reference:
        reference = rows[rows["statistic"] < 0].sort_values("statistic", kind="stable")
        parts.append(reference.head(n).iloc[::-1].assign(side="reference"))
    return pd.concat(parts, ignore_index=True)


def draw_keyness(
    table: Any,
    ax: Axes,
    *,
    n: int,
    labels: Sequence[str],
    show_reference: bool,
) -> Axes:
    """Draw :func:`mediakit.plot.keyness` on ``ax`` (see there)."""
    if isinstance(labels, str) or not isinstance(labels, Sequence) or len(labels) != 2:
        raise ValueError(
            f"`labels` = {labels!r} is invalid; expected two names, (target, reference)"
        )
    if not isinstance(show_reference, bool | np.bool_):
        check_option("show_reference", show_reference, {True, False})
    rows = keyness_rows(table, n=n, show_reference=bool(show_reference))
    measure = table.attrs.get("measure")
    ax.set_xlabel(MEASURE_LABELS.get(measure, "statistic"))
    ax.set_title("Key terms")
    if rows.empty:
        return nothing(ax)
    y = np.arange(len(rows), dtype=float)
    stat = rows["statistic"].to_numpy()
    is_target = (rows["side"] == "target").to_numpy()
    colours = np.where(is_target, TARGET_COLOUR, REFERENCE_COLOUR)
    ax.set_axisbelow(True)
    ax.barh(y, stat, height=0.7, color=list(colours))
    ax.axvline(0, color="#333333", lw=0.8)
    for at, value, term in zip(y, stat, rows["term"], strict=True):
        right = value > 0
        ax.text(
            value,
            at,
            f" {term}" if right else f"{term} ",
            ha="left" if right else "right",
            va="center",
            fontsize=7.5,
        )
    low, high = min(float(stat.min()), 0.0), max(float(stat.max()), 0.0)
    room = 0.3 * (high - low)  # space for the terms written at the bar ends
    ax.set_xlim(low - (room if low < 0 else 0), high + (room if high > 0 else 0))
    ax.set_yticks([])
    ax.set_ylim(len(rows) - 0.5, -0.5)  # largest target statistic at the top
    handles: list[Any] = [Patch(color=TARGET_COLOUR, label=str(labels[0]))]
    if show_reference:
        handles.append(Patch(color=REFERENCE_COLOUR, label=str(labels[1])))
    legend_below(ax, handles, ncol=len(handles))
    return ax


# --- dispersion --------------------------------------------------------------------------------


def _dispersion_positions(hits: Any, articles: Any, scale: str, func: str) -> np.ndarray:
    """Return the x of every hit: start / len(text) (relative) or token_id (absolute)."""
    column = "start" if scale == "relative" else "token_id"
    values = pd.to_numeric(hits[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(values).any() or (values < 0).any():
        raise ValueError(f"{func}: column `{column}` must hold whole numbers ≥ 0, without gaps")
    if scale == "absolute":
        return values
    text = articles["text"].astype(object)
    lengths = np.array([len(t) if isinstance(t, str) else 0 for t in text], dtype=float)
    length = lengths[articles.index.get_indexer(hits["doc_id"].astype(object).to_numpy())]
    beyond = values > length
    if beyond.any():
        i = int(np.argmax(beyond))
        raise ValueError(
            f"{func}: a hit in {hits['doc_id'].iloc[i]!r} starts at char {int(values[i])}, "
            f"beyond the end of its text ({int(length[i])} chars); were the hits found on "
            "these articles (the same cleaning)?"
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(length > 0, values / np.where(length > 0, length, 1), 0.0)


def _lead_ends(articles: pd.DataFrame, lead: int, scale: str) -> np.ndarray:
    """Per article, where its first ``lead`` paragraphs end, on the plot's x scale.

    Relative: end offset of the last lead paragraph / len(text); absolute: the
    number of tokens before that offset. 0 for an article without text.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)  # empty articles: no lead
        paragraphs = split_paragraphs(articles)
        tokens = tokenize(articles) if scale == "absolute" else None
    in_lead = paragraphs[paragraphs["par_id"] < lead]
    last = in_lead.groupby("doc_id", sort=False)["end"].max()
    end = last.reindex(articles.index, fill_value=0).to_numpy(dtype=float)
    if scale == "absolute":
        assert tokens is not None
        doc = articles.index.get_indexer(tokens["doc_id"].astype(object).to_numpy())
        before = tokens["start"].to_numpy() < end[doc]
        return np.bincount(doc[before], minlength=len(articles)).astype(float)
    lengths = np.array(
        [len(t) if isinstance(t, str) else 0 for t in articles["text"].astype(object)],
        dtype=float,
    )
    return np.where(lengths > 0, end / np.where(lengths > 0, lengths, 1), 0.0)


def draw_dispersion(
    hits: Any, articles: Any, ax: Axes, *, by: str | None, scale: str, lead: int | None = None
) -> Axes:
    """Draw :func:`mediakit.plot.dispersion` on ``ax`` (see there)."""
    func = "dispersion"
    check_option("by", by, {"category", None})
    if lead is not None and (
        isinstance(lead, bool) or not isinstance(lead, (int, np.integer)) or lead < 1
    ):
        raise ValueError(f"{func}: `lead` must be None or an int >= 1 (paragraphs), got {lead!r}")
    check_option("scale", scale, {"relative", "absolute"})
    needed = ["doc_id", "start" if scale == "relative" else "token_id"]
    check_table(
        hits, needed, func=func, name="hits", described="from mediakit.frame_hits() or kwic()"
    )
    check_articles(articles, func=func)
    check_doc_ids(articles, dict.fromkeys(hits["doc_id"].astype(object)), func=func, name="hits")
    x = _dispersion_positions(hits, articles, scale, func)
    docs = list(articles.index)
    cats: list[Any] = [None]
    codes = np.zeros(len(hits), dtype=int)
    if by == "category" and "category" in hits.columns:
        column = hits["category"]
        if isinstance(column.dtype, pd.CategoricalDtype):
            found = [c for c in column.cat.categories if (column == c).any()]
        else:
            found = list(dict.fromkeys(column.dropna().astype(object)))
        if len(found) > 1:
            cats = found
            codes = pd.Index(found, dtype=object).get_indexer(column.astype(object).to_numpy())
            keep = codes >= 0
            if not keep.all():
                warn(f"{func}: {int((~keep).sum())} hit(s) without a category are not drawn")
            x, codes = x[keep], codes[keep]
            hits = hits[keep]
    xlabel = "position in article (0 = start, 1 = end)" if scale == "relative" else "token"
    ax.set_xlabel(xlabel)
    ax.set_title("Where the hits fall")
    if not docs:
        return nothing(ax)
    doc_pos = articles.index.get_indexer(hits["doc_id"].astype(object).to_numpy())
    row = doc_pos * len(cats) + codes
    labels = [str(d) if c is None else f"{d} · {c}" for d in docs for c in cats]
    ax.set_axisbelow(True)
    for r in range(len(labels)):
        ax.axhline(r, color=FAINT, lw=0.5, zorder=0)
    if len(cats) > 1:  # a darker rule between the rows of successive documents
        for r in range(len(cats), len(labels), len(cats)):
            ax.axhline(r - 0.5, color="#888888", lw=0.8, zorder=0)
    for k, cat in enumerate(cats):
        shown = codes == k
        ax.vlines(
            x[shown],
            row[shown] - 0.35,
            row[shown] + 0.35,
            color=_colour(k),
            lw=1.2,
            label="hits" if cat is None else str(cat),
        )
    handles: list[Any] = []
    if lead is not None:
        ends = np.repeat(_lead_ends(articles, int(lead), scale), len(cats))
        ax.barh(range(len(labels)), ends, left=0, height=0.8, color=LEAD, lw=0, zorder=0)
        what = "paragraph" if lead == 1 else f"{lead} paragraphs"
        handles.append(Patch(color=LEAD, label=f"lead (first {what})"))
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first document at the top
    if scale == "relative":
        ax.set_xlim(0, 1)
    else:
        ax.set_xlim(-0.5, float(np.max(x, initial=0.0)) + 1.5)
    ax.tick_params(axis="y", length=0)
    if cats != [None]:
        handles += [Patch(color=_colour(k), label=str(c)) for k, c in enumerate(cats)]
    if handles:
        legend_below(ax, handles, ncol=min(len(handles), 4))
    return ax
