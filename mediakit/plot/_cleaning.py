"""Plots of what cleaning removed (see :mod:`mediakit.plot`)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from mediakit._validation import check_option
from mediakit.plot._style import OTHER_COLOUR


def removal_bars(
    audit: pd.DataFrame,
    ax: Axes | None = None,
    *,
    measure: str = "chars",
    top: int = 6,
) -> Axes:
    """Plot what cleaning removed from each article, stacked by rule.

    Parameters
    ----------
    audit : pandas.DataFrame
        The audit table of :func:`mediakit.cleaning_audit` (columns
        ``doc_id``, ``rule``, ``removed``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes.
    measure : {'chars', 'lines'}
        Bar length: characters removed, or number of removals.
    top : int
        Rules beyond the ``top`` largest are pooled as "other rules" (grey), so
        that every rule shown has its own colour of the house palette.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import mediakit as mk
    >>> audit = mk.cleaning_audit(mk.load_sample_articles())
    >>> ax = mk.plot.removal_bars(audit)
    >>> ax.get_xlabel()
    'characters removed'
    """
    check_option("measure", measure, {"chars", "lines"})
    missing = {"doc_id", "rule", "removed"} - set(audit.columns)
    if missing:
        raise ValueError(
            f"removal_bars needs the audit table of mediakit.cleaning_audit(); "
            f"missing column(s) {sorted(missing)}"
        )
    ax = ax if ax is not None else plt.gca()
    xlabel = "characters removed" if measure == "chars" else "removals"
    ax.set_xlabel(xlabel)
    ax.set_title("What cleaning removed")
    if audit.empty:
        ax.text(0.5, 0.5, "nothing removed", ha="center", va="center", transform=ax.transAxes)
        return ax
    values = audit["removed"].astype(str).str.len() if measure == "chars" else 1
    table = (
        audit.assign(value=values)
        .pivot_table(index="doc_id", columns="rule", values="value", aggfunc="sum", fill_value=0)
        .astype(int)
        .reindex(pd.unique(audit["doc_id"]))  # documents in the audit's order, not sorted
    )
    order: Sequence[str] = table.sum().sort_values(ascending=False).index.tolist()
    table = table[order]
    if len(order) > top:
        kept = list(order[:top])
        table = table[kept].assign(**{"other rules": table[list(order[top:])].sum(axis=1)})
    table = table.iloc[::-1]  # first document at the top
    left = pd.Series(0, index=table.index)
    ax.set_axisbelow(True)
    for rule in table.columns:
        colour = {"color": OTHER_COLOUR} if rule == "other rules" else {}
        ax.barh(
            table.index.astype(str), table[rule], left=left, label=str(rule), height=0.6, **colour
        )
        left = left + table[rule]
    ax.set_ylabel("")
    ax.legend(title="rule", loc="center left", bbox_to_anchor=(1.0, 0.5))
    return ax


# --- comparing versions ------------------------------------------------------------------------

#: Marker of each matched alignment label in :func:`alignment_dotplot`.
