"""Plots of framing: frame profiles, key terms, and where in each article the hits fall."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from mediakit.plot._framing_draw import draw_dispersion, draw_frame_profile, draw_keyness

__all__ = ["dispersion", "frame_profile", "keyness"]


def frame_profile(
    counts: pd.DataFrame,
    ax: Axes | None = None,
    *,
    categories: Sequence[str] | None = None,
    by: str | pd.Series | Mapping[Any, Any] | None = None,
    agg: str | None = None,
    kind: str = "bar",
) -> Axes:
    """Plot how often each frame category occurs, per document or per group of documents.

    With ``kind="bar"`` each category is a row (top to bottom in the
    dictionary's order) holding one horizontal bar per document (or group) in
    its house colour, with a legend below. With ``kind="heatmap"`` categories
    are rows and documents (or groups) columns, coloured by value, with a
    colorbar. The axis label names the unit: "hits", "hits per 1,000 tokens"
    or "share of hits", read from ``counts.attrs["normalize"]``. The
    ``n_tokens`` and ``unmatched`` columns are not drawn.

    Parameters
    ----------
    counts : pandas.DataFrame
        The table of ``mediakit.count_frames``. At document level (index
        ``doc_id``) rows are drawn as they are. A paragraph or sentence table
        (column ``doc_id``) of raw counts is first summed per document; a
        normalized one is refused, because averaging the rates of units of
        unequal length is wrong: count at document level instead.
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes.
    categories : list of str, optional
        The categories to draw, in this order; by default every category column.
    by : str, pandas.Series or dict, optional
        Group documents: a column of ``counts``, or a mapping doc_id → group
        such as ``articles["outlet"]``. Groups are drawn in order of first
        appearance.
    agg : {'sum', 'mean', None}
        How documents are combined within a group; by default raw counts are
        summed and normalised values averaged (the mean over documents).
    kind : {'bar', 'heatmap'}
        Bars (at most 12 documents or groups) or a heatmap (any number).

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when the table has no rows or no categories.

    Raises
    ------
    ValueError
        For bars of more than 12 documents (use ``by=`` or ``kind="heatmap"``),
        a normalized paragraph or sentence table, an unknown category or
        ``by`` column, a document ``by`` gives no group, or an invalid option.

    Notes
    -----
    A share of a document without hits is undefined (NaN); its bar has width 0
    and a mean over documents skips it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from mediakit.plot._framing import frame_profile
    >>> counts = pd.DataFrame(
    ...     {"conflict": [3, 1], "economy": [0, 2], "n_tokens": [120, 80], "unmatched": [117, 77]},
    ...     index=pd.Index(["wire", "rewrite"], name="doc_id"),
    ... )
    >>> counts.attrs = {"level": "document", "normalize": None, "dictionary": "demo"}
    >>> fig, ax = plt.subplots()
    >>> ax = frame_profile(counts, ax)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['conflict', 'economy']
    >>> [float(bar.get_width()) for bar in ax.containers[0]]  # wire
    [3.0, 0.0]
    >>> ax.get_xlabel()
    'hits'
    >>> plt.close(fig)
    """
    ax = ax if ax is not None else plt.gca()
    return draw_frame_profile(counts, ax, categories=categories, by=by, agg=agg, kind=kind)


def keyness(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    n: int = 20,
    labels: Sequence[str] = ("target", "reference"),
    show_reference: bool = True,
) -> Axes:
    """Plot the key terms of a target and of its reference, as quanteda's ``textplot_keyness``.

    The ``n`` terms with the largest positive statistic (key in the target)
    are drawn at the top, largest first, as horizontal bars in the target
    colour; below them the ``n`` terms with the most negative statistic (key
    in the reference), in grey, the most negative at the bottom. Each term is
    written at its bar's end. Ties keep the table's order.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of :func:`mediakit.framing.keyness` (columns ``term`` and
        ``statistic``; ``attrs["measure"]`` names the x axis: "chi²",
        "G² (log-likelihood)", "Log Ratio" or "PMI", else "statistic").
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. The legend goes below it.
    n : int
        Terms drawn on each side.
    labels : tuple of two str
        Legend names of target and reference.
    show_reference : bool
        Also draw the reference's key terms.

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when no term has a non-zero statistic.

    Warns
    -----
    MediakitWarning
        When some statistics are infinite (PMI of a term absent from the
        target): those terms are not drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from mediakit.plot._framing import keyness
    >>> table = pd.DataFrame(
    ...     {"term": ["war", "talks", "the", "market"], "statistic": [9.0, 4.0, -0.5, -6.0]}
    ... )
    >>> table.attrs = {"measure": "chi2"}
    >>> fig, ax = plt.subplots()
    >>> ax = keyness(table, ax, n=1, labels=("wire", "rewrite"))
    >>> [t.get_text().strip() for t in ax.texts]
    ['war', 'market']
    >>> ax.get_xlabel()
    'chi²'
    >>> plt.close(fig)
    """
    ax = ax if ax is not None else plt.gca()
    return draw_keyness(table, ax, n=n, labels=labels, show_reference=show_reference)


def dispersion(
    hits: pd.DataFrame,
    articles: pd.DataFrame,
    ax: Axes | None = None,
    *,
    by: str | None = "category",
    scale: str = "relative",
    lead: int | None = None,
) -> Axes:
    """Plot where in each article the hits fall, as quanteda's ``textplot_xray``.

    One row per article (top to bottom in the articles' order), or per article
    × category when ``by="category"`` and the hits hold several categories
    (categories in the order of a categorical ``category`` column, else of
    first appearance, each in its house colour with a legend). Each hit is a
    short vertical tick at its position. Articles without hits keep their
    empty row: rows in = rows out. In news the lead matters: ticks near 0 are
    in the first lines.

    Parameters
    ----------
    hits : pandas.DataFrame
        The table of ``mediakit.frame_hits`` or ``mediakit.framing.kwic``: columns
        ``doc_id``, ``start`` (for ``scale="relative"``), ``token_id`` (for
        ``scale="absolute"``), optionally ``category``.
    articles : pandas.DataFrame
        The articles the hits were found in (index ``doc_id``, column ``text``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes.
    by : {'category', None}
        One row per article and category, or one row per article.
    scale : {'relative', 'absolute'}
        ``"relative"``: position = start / number of characters of the
        article's text, from 0 (start) to 1 (end), so articles of different
        lengths line up. ``"absolute"``: position = ``token_id``.
    lead : int, optional
        Shade the first ``lead`` paragraphs of each article (paragraphs of
        :func:`mediakit.split_paragraphs` on ``articles``), so that hits in
        the lead stand out: in news the lead carries the story. With
        ``scale="absolute"`` the shading ends at the number of tokens
        (:func:`mediakit.tokenize`) before the end of the lead.

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when there are no articles.

    Raises
    ------
    ValueError
        For a hit whose doc_id is not in ``articles`` (the message names it),
        a hit starting beyond the end of its text, a missing column, or an
        invalid option (``lead`` must be an int ≥ 1).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from mediakit.plot._framing import dispersion
    >>> articles = pd.DataFrame(
    ...     {"text": ["x" * 40, "y" * 100]}, index=pd.Index(["wire", "rewrite"], name="doc_id")
    ... )
    >>> hits = pd.DataFrame({"doc_id": ["wire", "wire"], "start": [0, 10]})
    >>> fig, ax = plt.subplots()
    >>> ax = dispersion(hits, articles, ax)
    >>> [float(seg[0][0]) for seg in ax.collections[0].get_segments()]  # 0/40, 10/40
    [0.0, 0.25]
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['wire', 'rewrite']
    >>> plt.close(fig)
    """
    ax = ax if ax is not None else plt.gca()
    return draw_dispersion(hits, articles, ax, by=by, scale=scale, lead=lead)
