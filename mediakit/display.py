"""HTML views for notebooks: tables, word diffs and two versions side by side.

Article text is untrusted web content. Every piece of text that reaches HTML
here (article text, doc_ids, titles, labels, column names, cell values) goes
through :func:`html.escape` with ``quote=True``; the only markup is the
module's own. The views carry a small inline ``<style>`` block (no external
resources, no JavaScript), scoped to the ``mk-view`` class.

Every function returns :class:`HTML`: a ``str`` that Jupyter renders as HTML
(it has ``_repr_html_``) and that can be written to a file as it is.

The building blocks (:func:`esc`, :func:`html_table`, the style block) are
``mediakit._html``; the views of two versions (:func:`word_diff`,
:func:`inline_diff`, :func:`side_by_side`) are ``mediakit.compare._views``,
which the comparison report uses too. They are all importable from here.
"""

from __future__ import annotations

import pandas as pd

from mediakit._html import CSS, HTML, esc, html_table, number_format, style, table_end
from mediakit._validation import check_table
from mediakit.compare._views import inline_diff, side_by_side, word_diff

__all__ = [
    "CSS",
    "HTML",
    "html_table",
    "inline_diff",
    "kwic_view",
    "number_format",
    "side_by_side",
    "word_diff",
]


def kwic_view(
    kwic: pd.DataFrame,
    *,
    caption: str | None = None,
    max_rows: int | None = 200,
    css: bool = True,
) -> HTML:
    """Keywords in context as a concordance: context right-aligned, keyword centred.

    Parameters
    ----------
    kwic : pandas.DataFrame
        A table from :func:`mediakit.framing.kwic` (columns ``doc_id``, ``sent_id``,
        ``pre``, ``keyword``, ``post``; ``category`` shown when present).
    caption : str, optional
        Table caption (escaped).
    max_rows : int or None, default 200
        Show at most this many rows and say how many were left out.
    css : bool, default True
        Include the ``<style>`` block.

    Returns
    -------
    HTML
        Every text escaped: hits are article text, which is untrusted.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.display import kwic_view
    >>> k = pd.DataFrame({"doc_id": ["a"], "sent_id": [3], "pre": ["they traded"],
    ...                   "keyword": ["<threats>"], "post": ["over & again"],
    ...                   "category": ["conflict"]})
    >>> row = [line for line in kwic_view(k, css=False).splitlines() if line.startswith("<tr>")][0]
    >>> print(row)  # doctest: +NORMALIZE_WHITESPACE
    <tr><td class="mk-id">a</td><td class="mk-id">3</td><td class="mk-pre">they traded</td><td
    class="mk-kw"><mark>&lt;threats&gt;</mark></td><td class="mk-post">over &amp; again</td><td
    class="mk-cat">conflict</td></tr>
    """
    kwic = check_table(
        kwic,
        ["doc_id", "sent_id", "pre", "keyword", "post"],
        func="kwic_view",
        name="kwic",
        described="a table from mediakit.framing.kwic",
    )
    with_cat = "category" in kwic.columns
    shown = kwic if max_rows is None else kwic.head(max_rows)
    out = [f'<div class="mk-view">{style() if css else ""}<table class="mk-kwic">']
    if caption is not None:
        out.append(f"<caption>{esc(caption)}</caption>")
    head = '<th class="mk-id">doc_id</th><th class="mk-id">sent</th><th>before</th>'
    head += "<th>keyword</th><th>after</th>" + ("<th>category</th>" if with_cat else "")
    out.append(f"<thead><tr>{head}</tr></thead>\n<tbody>")
    for row in shown.itertuples(index=False):
        cells = [
            f'<td class="mk-id">{esc(row.doc_id)}</td>',
            f'<td class="mk-id">{esc(row.sent_id)}</td>',
            f'<td class="mk-pre">{esc(row.pre)}</td>',
            f'<td class="mk-kw"><mark>{esc(row.keyword)}</mark></td>',
            f'<td class="mk-post">{esc(row.post)}</td>',
        ]
        if with_cat:
            cells.append(f'<td class="mk-cat">{esc(row.category)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append(table_end(len(kwic), max_rows))
    return HTML("\n".join(out))
