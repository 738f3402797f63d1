"""The house style and deterministic figure files (see :mod:`mediakit.plot`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from mediakit._validation import check_option
from mediakit.plot._features import PALETTE
from mediakit.plot._manifest import record_figure
from mediakit.plot._palettes import PALETTES, palette

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

#: Figure sizes (width, height) in inches for print: one column of a two-column journal page
#: (89 mm, Nature's and IEEE's column), and the full text width (183 mm).
WIDTHS: dict[str, tuple[float, float]] = {"column": (3.5, 2.6), "page": (7.2, 3.6)}

#: What print adds to the house style: the figure is placed at its size, so text is set in the
#: points it is printed at (never below 7 pt) and lines are thinner; constrained layout fits the
#: labels inside the figure, which is saved at exactly its size (no tight bounding box that would
#: change the width) and rasterised at 300 dpi for PNG.
PRINT: dict[str, Any] = {
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.title_fontsize": 7,
    "figure.titlesize": 9,
    "axes.linewidth": 0.6,
    "grid.linewidth": 0.4,
    "lines.linewidth": 1.2,
    "lines.markersize": 4,
    "patch.linewidth": 0.5,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.minor.width": 0.4,
    "ytick.minor.width": 0.4,
    "xtick.major.size": 3,
    "ytick.major.size": 3,
    "xtick.minor.size": 1.5,
    "ytick.minor.size": 1.5,
    "legend.handlelength": 1.5,
    "figure.constrained_layout.use": True,
    "savefig.bbox": "standard",
    "savefig.dpi": 300,
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


def _size(width: str | float, height: float | None) -> tuple[float, float]:
    if isinstance(width, str):
        check_option("width", width, WIDTHS)
        w, h = WIDTHS[width]
    elif isinstance(width, int | float) and not isinstance(width, bool) and 0 < width <= 20:
        w, h = float(width), float(width) * 0.75
    else:
        raise ValueError(
            f"`width` = {width!r} is invalid; expected 'column', 'page', a width in inches "
            "(0 < width <= 20) or None for the screen style"
        )
    if height is not None:
        if isinstance(height, bool) or not isinstance(height, int | float) or not 0 < height <= 20:
            raise ValueError(f"`height` = {height!r} is invalid; expected inches, 0 < height <= 20")
        h = float(height)
    return w, h


def _cycle(colours: str | Sequence[str]) -> Any:
    if isinstance(colours, str):
        check_option("palette", colours, PALETTES)
        if PALETTES[colours] != "qualitative":
            raise ValueError(
                f"`palette` = {colours!r} is {PALETTES[colours]}; name a qualitative palette "
                f"for the colour cycle, or pass colours, e.g. palette=mk.plot.palette"
                f"({colours!r}, 5) for five ordered categories"
            )
        colours = palette(colours)
    colours = list(colours)
    if not colours or not all(mpl.colors.is_color_like(c) for c in colours):
        raise ValueError(
            f"`palette` = {colours!r} is invalid; expected a palette name or a list of colours"
        )
    return mpl.cycler(color=colours)


def style_rc(
    width: str | float | None = None,
    *,
    height: float | None = None,
    palette: str | Sequence[str] = "okabe_ito",
) -> dict[str, Any]:
    """The rcParams :func:`style` applies (same arguments), for ``matplotlib.rc_context``."""
    rc = dict(STYLE)
    if width is not None:
        rc.update(PRINT)
        rc["figure.figsize"] = _size(width, height)
    elif height is not None:
        raise ValueError("`height` needs a `width`: pass width='column', 'page' or inches")
    rc["axes.prop_cycle"] = _cycle(palette)
    return rc


@contextmanager
def style(
    width: str | float | None = None,
    *,
    height: float | None = None,
    palette: str | Sequence[str] = "okabe_ito",
) -> Iterator[None]:
    """Apply mediakit's house style inside a ``with`` block.

    Parameters
    ----------
    width : {"column", "page"}, float or None, default None
        None: the screen style, for notebooks and reports (6.4 × 3.6 in,
        9 pt text). Otherwise the print style, for a paper, with figures of
        this width: ``"column"`` (3.5 in, one column of a two-column
        journal), ``"page"`` (7.2 in, the full text width) or a width in
        inches. Text is set in the points it prints at, never below 7 pt
        (8 pt labels, 7 pt ticks and legends), lines are thinner, the layout
        is constrained so that labels fit, and the figure is saved at
        exactly its size (see :data:`PRINT`, :data:`WIDTHS`). Include the
        file in the paper at its own size (in LaTeX, ``includegraphics``
        without ``width=``), so that 7 pt stays 7 pt.
    height : float, optional
        Figure height in inches (default 2.6 for a column, 3.6 for a page,
        three quarters of a width given in inches).
    palette : str or list of colours, default "okabe_ito"
        The colour cycle: a qualitative palette of :func:`palette`
        (``"okabe_ito"``, ``"tol_bright"``, ``"tol_muted"``) or colours,
        e.g. ``mk.plot.palette("cividis", 4)`` for ordered categories.

    Notes
    -----
    The style's own settings are restored when the block ends, and only
    those: unlike ``matplotlib.rc_context``, which restores every rcParam, a
    setting that pyplot or Jupyter makes inside the block (``interactive``,
    set when the first figure of a notebook is drawn) is kept, so the
    figures drawn after the block still show inline (matplotlib issues
    24351, 26716). A figure size passed to ``plt.subplots(figsize=...)``
    overrides the style's.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import mediakit as mk
    >>> with mk.plot.style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)

    A figure for one column of a paper, in Paul Tol's bright colours:

    >>> with mk.plot.style(width="column", palette="tol_bright"):
    ...     fig, ax = plt.subplots()
    >>> fig.get_size_inches().tolist()
    [3.5, 2.6]
    >>> plt.close(fig)
    """
    rc = style_rc(width, height=height, palette=palette)
    before = {key: mpl.rcParams[key] for key in rc}
    mpl.rcParams.update(rc)
    try:
        yield
    finally:
        mpl.rcParams.update(before)


def savefig(fig: Figure, path: str | Path, **kwargs: Any) -> Path:
    """Save ``fig`` to ``path`` with deterministic bytes; the format follows the suffix.

    SVG, PNG and PDF files carry no creation date or software version, and SVG
    element ids come from a fixed salt, so re-running a notebook rewrites the
    same bytes and figures can be kept under version control. While ``make
    figures`` runs a notebook (``MEDIAKIT_FIGURE_LOG`` is set), each figure
    saved is also logged for ``figures/manifest.json``: its hash, the input
    data the process had read, and the software versions.

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
    record_figure(path)  # into the manifest of figures/, while `make figures` runs
    return path
