"""Plots of how articles are written and who speaks in them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from mediakit._validation import check_option
from mediakit.plot._features import draw_feature_comparison, draw_quote_bars


def feature_comparison(
    features: pd.DataFrame,
    ax: Axes | None = None,
    *,
    columns: Sequence[str] | None = None,
    reference: Any = None,
    labels: dict[str, str] | None = None,
) -> Axes:
    """Plot documents against a reference document, one row per measure.

    Measures have different scales, so each row shows the percent difference
    from the reference, (value − reference) / |reference| × 100 (that is
    (value / reference − 1) × 100 for a positive reference): the reference is
    the vertical line at 0, every other document a dot in its house colour
    (dots of several documents are offset slightly within the row). The raw
    values are written at the right margin ("wire 26.4 · rewrite 20.3"). A
    missing value has no dot and reads "n/a"; a row whose reference value is 0
    or missing has no dots, and the margin says why.

    Parameters
    ----------
    features : pandas.DataFrame
        A document-features table (index ``doc_id``, numeric columns), e.g.
        :func:`mediakit.lexical_features` joined with :func:`mediakit.style.readability`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. The legend goes below it
        and the values right of it (save with ``bbox_inches="tight"``, as the
        house :func:`style` does). Allow about 0.3 inch of height per measure.
    columns : list of str, optional
        The measures, top to bottom; by default every numeric column.
    reference : optional
        The doc_id of the reference document; by default the first row.
    labels : dict, optional
        Row labels for some measures, e.g. ``{"mtld": "MTLD"}``; others keep
        their column name.

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when the table has no rows.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> features = pd.DataFrame(
    ...     {"n_tokens": [200, 150], "ttr": [0.5, 0.6]},
    ...     index=pd.Index(["wire", "rewrite"], name="doc_id"),
    ... )
    >>> fig, ax = plt.subplots()
    >>> ax = mk.plot.feature_comparison(features, ax, labels={"ttr": "TTR"})
    >>> ax.collections[0].get_offsets().data[:, 0].round(1).tolist()  # % difference from wire
    [-25.0, 20.0]
    >>> ax.texts[1].get_text()
    'wire 0.5 · rewrite 0.6'
    """
    ax = ax if ax is not None else plt.gca()
    return draw_feature_comparison(
        features, ax, columns=columns, reference=reference, labels=labels
    )


def quote_bars(
    quotes: pd.DataFrame,
    ax: Axes | None = None,
    *,
    by: str = "speaker",
    measure: str = "quotes",
    top: int = 10,
) -> Axes:
    """Plot who is quoted in each document: one group of bars per speaker.

    Speakers are ordered by their total over all documents (ties in order of
    first quote), most quoted at the top; each group has one bar per document
    in its house colour, with the value at the bar's end. Quotes without a
    speaker are pooled as "(unattributed)"; anonymous sources ("one senior
    diplomat") are hatched and their label, in italics, ends "(anon.)".

    Parameters
    ----------
    quotes : pandas.DataFrame
        The quotes table of :func:`mediakit.extract_quotes` (columns
        ``doc_id``, ``speaker``, ``anonymous``; ``quote`` for words; ``verb``
        for ``by="verb"``). Documents without quotes have no rows, so no bars.
    ax : matplotlib.axes.Axes, optional
        Where to draw; defaults to the current Axes. The legend goes below it.
    by : {'speaker', 'verb'}
        Group by speaker, or by reporting verb ("(no verb)" where absent).
    measure : {'quotes', 'words'}
        Number of quotes, or quoted words (whitespace-separated words of ``quote``).
    top : int
        Draw the ``top`` largest groups; the rest are pooled in a last group
        "N other speakers".

    Returns
    -------
    matplotlib.axes.Axes
        With a "nothing to plot" note when the table has no rows.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> import mediakit as mk
    >>> quotes = pd.DataFrame(
    ...     {
    ...         "doc_id": ["wire", "wire", "rewrite"],
    ...         "speaker": ["Mark Rutte", "one diplomat", "Mark Rutte"],
    ...         "anonymous": [False, True, False],
    ...         "quote": ["We stand firm.", "No deal.", "We stand firm."],
    ...     }
    ... )
    >>> fig, ax = plt.subplots()
    >>> ax = mk.plot.quote_bars(quotes, ax, measure="words")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Mark Rutte', 'one diplomat (anon.)']
    >>> [float(bar.get_width()) for bar in ax.containers[0]]  # wire
    [3.0, 2.0]
    """
    check_option("by", by, {"speaker", "verb"})
    check_option("measure", measure, {"quotes", "words"})
    ax = ax if ax is not None else plt.gca()
    return draw_quote_bars(quotes, ax, by=by, measure=measure, top=top)
