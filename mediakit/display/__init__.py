"""HTML views and interactive browsers for notebooks: tables, word diffs, two versions side by side.

Article text is untrusted web content. Every piece of text that reaches HTML
here (article text, doc_ids, titles, labels, column names, cell values) goes
through :func:`html.escape` with ``quote=True``; the only markup is the
module's own. The views carry a small inline ``<style>`` block (no external
resources, no JavaScript), scoped to the ``mk-view`` class.

Every view returns :class:`HTML`: a ``str`` that Jupyter renders as HTML
(it has ``_repr_html_``) and that can be written to a file as it is.

The building blocks (:func:`esc`, :func:`html_table`, the style block) are
``mediakit._html``; the views of two versions (:func:`word_diff`,
:func:`inline_diff`, :func:`side_by_side`) are ``mediakit.compare._views``,
which the comparison report uses too. They are all importable from here.

The browsers (:func:`alignment_browser`, :func:`kwic_browser`) are ipywidgets
built on these views. ipywidgets is optional (the ``notebook`` extra): it is
imported when a browser is made, never by ``import mediakit``.
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from mediakit._html import CSS, HTML, html_table, number_format
from mediakit._validation import check_articles, check_option
from mediakit.compare._views import inline_diff, side_by_side, word_diff
from mediakit.compare.versions import VersionComparison, compare_versions
from mediakit.display._kwic_view import kwic_view
from mediakit.framing import Dictionary, load_dictionary

if TYPE_CHECKING:  # pragma: no cover
    from mediakit.display._alignment_browser import AlignmentBrowser
    from mediakit.display._kwic_browser import KwicBrowser

__all__ = [
    "CSS",
    "HTML",
    "alignment_browser",
    "html_table",
    "inline_diff",
    "kwic_browser",
    "kwic_view",
    "number_format",
    "side_by_side",
    "word_diff",
]


def _require_ipywidgets(func: str) -> None:
    try:
        importlib.import_module("ipywidgets")
    except ImportError as err:
        raise ImportError(
            f"mediakit.display.{func} needs ipywidgets, which is not installed: "
            'pip install ipywidgets (or pip install "mediakit[notebook]"); it brings the '
            "widget manager JupyterLab needs to show it"
        ) from err


def alignment_browser(
    comparison: VersionComparison | pd.DataFrame,
    a: Hashable | None = None,
    b: Hashable | None = None,
    *,
    show: str = "all",
    **compare_options: Any,
) -> AlignmentBrowser:
    """Step through the aligned sentences of two versions, with the word diff and what changed.

    A widget for JupyterLab: *Previous* and *Next* buttons, a slider to jump
    to a pair, and a menu to show only some pairs. Each step is one
    alignment group (a matched pair, a merge, a split, a dropped or an added
    sentence, as in :func:`side_by_side`): its sentences side by side with
    the words deleted and inserted marked, the changes of meaning found in
    it (:func:`mediakit.claim_changes`: misquotes, conditions, hedges,
    attribution, ...) with their evidence, and the figures that changed or
    vanished there. All article text is escaped.

    Parameters
    ----------
    comparison : VersionComparison or pandas.DataFrame
        A comparison made by :func:`mediakit.compare_versions`, or an
        articles frame, compared here as ``compare_versions(articles, a, b,
        **compare_options)``.
    a, b : hashable, optional
        With an articles frame: the doc_ids of the source and the later version.
    show : str, default "all"
        Which pairs to step through (the menu starts there): ``"all"``;
        ``"changed"`` (all but the verbatim pairs); ``"claims"`` (pairs with
        a change of meaning); an alignment label (``"rewritten"``,
        ``"dropped"``, ...); or a kind of change (``"quote_altered"``, ...,
        see :data:`mediakit.compare.claims.CLAIM_KINDS`).
    **compare_options
        With an articles frame: keyword arguments for
        :func:`mediakit.compare_versions`.

    Returns
    -------
    ipywidgets.VBox
        The browser. Its parts, for scripts and tests: ``previous_button``,
        ``next_button`` (:class:`ipywidgets.Button`), ``slider`` (1-based
        position), ``show`` (the menu), ``view`` (:class:`ipywidgets.HTML`);
        its state: ``steps`` (the alignment groups shown, numbered as the
        ``group`` column of ``comparison.to_frame()``), ``position``
        (0-based), ``group``, ``html``; and ``next()``, ``previous()``,
        ``go(position)``.

    Raises
    ------
    ImportError
        If ipywidgets is not installed (the message says what to install).
    TypeError
        If ``comparison`` is neither a comparison nor an articles frame.
    ValueError
        For an unknown ``show``; for ``a`` and ``b`` missing with an articles
        frame, or given with a comparison.

    Examples
    --------
    >>> import mediakit as mk
    >>> clean = mk.clean_articles(mk.load_sample_articles())
    >>> report = mk.compare_versions(clean, "wire", "rewrite")
    >>> browser = mk.display.alignment_browser(report, show="claims")
    >>> browser.position, browser.group
    (0, 0)
    >>> browser.next_button.click()
    >>> browser.group, "if re-elected" in browser.html
    (1, True)
    >>> browser.show.value = "dropped"
    >>> browser.steps, browser.group
    ([13, 21, 22], 13)

    In a notebook, ``browser`` as the last line of a cell shows it.
    """
    func = "alignment_browser"
    if isinstance(comparison, VersionComparison):
        if a is not None or b is not None or compare_options:
            raise ValueError(
                f"{func}: a comparison already names its two versions "
                f"({comparison.a!r} → {comparison.b!r}); pass `a`, `b` and options of "
                "compare_versions only with an articles frame"
            )
    elif isinstance(comparison, pd.DataFrame):
        if a is None or b is None:
            raise ValueError(
                f"{func}: with an articles frame, name the two versions: "
                f"{func}(articles, a, b), e.g. {func}(articles, 'wire', 'rewrite')"
            )
    else:
        raise TypeError(
            f"{func} expects a comparison from mediakit.compare_versions(articles, a, b), "
            f"or an articles DataFrame and two doc_ids; got {type(comparison).__name__}"
        )
    _require_ipywidgets(func)
    from mediakit.display._alignment_browser import SHOW, AlignmentBrowser

    check_option("show", show, SHOW)  # before the comparison, which takes a while
    if isinstance(comparison, pd.DataFrame):
        comparison = compare_versions(comparison, a, b, **compare_options)
    return AlignmentBrowser(comparison, show=show)


def _count(name: str, value: Any, minimum: int, func: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{func}: `{name}` must be an int >= {minimum}, got {value!r}")
    return int(value)


def kwic_browser(
    articles: pd.DataFrame,
    dictionary: Dictionary | str | Mapping[str, Any] | None = None,
    *,
    category: str | None = None,
    pattern: str | None = None,
    window: int = 5,
    sentence_bounded: bool = False,
    max_hits: int = 200,
    context: int = 400,
) -> KwicBrowser:
    """Search articles by dictionary category or pattern, read the hits, open each in its article.

    A widget for JupyterLab: a menu of the dictionary's categories, a box
    for a pattern (as in a dictionary: ``threat*``, ``peace deal``,
    ``re:^elect(ed|ion)$``; press Enter or *Search*), the hits as a
    concordance (:func:`kwic_view` of :func:`mediakit.kwic`), and a list of
    the hits: picking one shows its article with the hit marked (and the
    article's other hits), around the hit or whole. A pattern that
    :func:`mediakit.kwic` rejects shows its message instead of hits. All
    article text is escaped.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``; ``title``,
        ``outlet`` and ``date`` are shown with a hit when present).
    dictionary : Dictionary, str or mapping, optional
        The categories to offer: a :class:`mediakit.Dictionary`, the name of a
        built-in one (:func:`mediakit.list_dictionaries`), or a mapping as in
        :meth:`mediakit.Dictionary.from_dict`. Without one, patterns only.
    category, pattern : str, optional
        A first search to show (one or the other).
    window : int, default 5
        Tokens of context each side in the concordance (:func:`mediakit.kwic`).
    sentence_bounded : bool, default False
        Keep the concordance's context inside the hit's sentence.
    max_hits : int, default 200
        List at most this many hits (the summary counts them all).
    context : int, default 400
        Characters of the article shown each side of the hit (widened to
        whole words), unless *whole article* is ticked.

    Returns
    -------
    ipywidgets.VBox
        The browser. Its parts, for scripts and tests: ``category_menu``,
        ``pattern_box``, ``search_button``, ``hit_menu`` (values are hit
        numbers), ``whole_article``, and the views ``summary_view``,
        ``hits_view``, ``article_view`` (:class:`ipywidgets.HTML`); its
        state: ``hits`` (the :func:`mediakit.kwic` table shown), ``hit``;
        and ``search()``, ``show_hit(i)``.

    Raises
    ------
    ImportError
        If ipywidgets is not installed (the message says what to install).
    TypeError
        If ``articles`` is not a DataFrame or ``dictionary`` not a dictionary.
    ValueError
        For an unknown dictionary name or category, both ``category`` and
        ``pattern``, a pattern :func:`mediakit.kwic` rejects, or a negative
        ``window`` or ``context``.

    Examples
    --------
    >>> import mediakit as mk
    >>> clean = mk.clean_articles(mk.load_sample_articles())
    >>> browser = mk.display.kwic_browser(clean, "reporting_verbs", category="loaded/doubt")
    >>> browser.hits[["doc_id", "sent_id", "keyword"]]
        doc_id  sent_id  keyword
    0  rewrite        7  claimed
    >>> browser.pattern_box.value = "threat*"
    >>> browser.hits["keyword"].tolist()
    ['threat', 'threatens', 'threats', 'threat', 'threat', 'threatening', 'threats']
    >>> browser.show_hit(5)
    >>> '<mark class="mk-hit mk-current">threatening</mark>' in browser.article_view.value
    True
    """
    func = "kwic_browser"
    articles = check_articles(articles, func=func)
    if isinstance(dictionary, str):
        dictionary = load_dictionary(dictionary)
    elif isinstance(dictionary, Mapping) and not isinstance(dictionary, Dictionary):
        dictionary = Dictionary.from_dict(dictionary)
    elif dictionary is not None and not isinstance(dictionary, Dictionary):
        raise TypeError(
            f"{func}: `dictionary` must be a Dictionary, the name of a built-in one or a "
            f"mapping, got {type(dictionary).__name__}; see mediakit.list_dictionaries()"
        )
    if category is not None and pattern is not None:
        raise ValueError(f"{func}: pass `category` or `pattern`, not both")
    if category is not None:
        if dictionary is None:
            raise ValueError(
                f"{func}: `category` = {category!r} needs a dictionary: "
                f"{func}(articles, dictionary, category=...)"
            )
        check_option("category", category, dictionary.categories)
    window = _count("window", window, 0, func)
    max_hits = _count("max_hits", max_hits, 1, func)
    context = _count("context", context, 0, func)
    check_option("sentence_bounded", sentence_bounded, {True, False})
    _require_ipywidgets(func)
    from mediakit.display._kwic_browser import KwicBrowser

    return KwicBrowser(
        articles,
        dictionary,
        category=category,
        pattern=pattern,
        window=window,
        sentence_bounded=sentence_bounded,
        max_hits=max_hits,
        context=context,
    )
