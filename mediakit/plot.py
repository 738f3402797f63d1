"""Axes-level plots, a house style and deterministic figure files.

Every plot takes ``ax=None`` (falling back to :func:`matplotlib.pyplot.gca`),
draws, and returns the Axes; none calls ``plt.show()`` or changes global
rcParams. Use :func:`style` as a context manager for the house look, and
:func:`savefig` to write figures whose bytes do not change between runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from mediakit._validation import check_option

__all__ = ["removal_bars", "savefig", "style"]

#: rcParams of the house style: quiet axes, readable sizes, colour-blind safe cycle.
STYLE: dict[str, Any] = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    # Okabe & Ito (2008) colour-blind safe palette.
    "axes.prop_cycle": mpl.cycler(
        color=["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
    ),
}

#: Colour of pooled categories ("other rules").
OTHER_COLOUR = "#999999"

# What makes saved files byte-identical across runs: a fixed SVG id salt, text as paths,
# and metadata without dates or software versions.
_DETERMINISTIC_RC: dict[str, Any] = {"svg.hashsalt": "mediakit", "svg.fonttype": "path"}
_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


@contextmanager
def style() -> Iterator[None]:
    """Apply mediakit's house style inside a ``with`` block.

    The style is restored when the block ends; global rcParams are untouched.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import mediakit as mk
    >>> with mk.plot.style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)
    """
    with mpl.rc_context(STYLE):
        yield


def savefig(fig: Figure, path: str | Path, **kwargs: Any) -> Path:
    """Save ``fig`` to ``path`` with deterministic bytes; the format follows the suffix.

    SVG, PNG and PDF files carry no creation date or software version, and SVG
    element ids come from a fixed salt, so re-running a notebook rewrites the
    same bytes and figures can be kept under version control.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to save.
    path : str or pathlib.Path
        Target file; ``.svg``, ``.png`` or ``.pdf``. Parent folders are created.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig` (``metadata`` is
        managed here and cannot be passed).

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import mediakit as mk
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "line.svg"
    >>> mk.plot.savefig(fig, out).name
    'line.svg'
    >>> plt.close(fig)
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    check_option("format (the file suffix)", fmt, set(_METADATA))
    if "metadata" in kwargs:
        raise TypeError("savefig() sets `metadata` itself so that files are deterministic")
    path.parent.mkdir(parents=True, exist_ok=True)
    with mpl.rc_context(_DETERMINISTIC_RC):
        fig.savefig(path, format=fmt, metadata=_METADATA[fmt], **kwargs)
    return path


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
