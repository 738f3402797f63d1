"""The house style and deterministic figure files (see :mod:`mediakit.plot`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from mediakit._validation import check_option
from mediakit.plot._features import PALETTE

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
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
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

    The style's own settings are restored when the block ends, and only
    those: unlike ``matplotlib.rc_context``, which restores every rcParam, a
    setting that pyplot or Jupyter makes inside the block (``interactive``,
    set when the first figure of a notebook is drawn) is kept, so the
    figures drawn after the block still show inline (matplotlib issues
    24351, 26716).

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
    before = {key: mpl.rcParams[key] for key in STYLE}
    mpl.rcParams.update(STYLE)
    try:
        yield
    finally:
        mpl.rcParams.update(before)


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
