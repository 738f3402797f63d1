"""The concordance view of keywords in context (private; public as mediakit.display.kwic_view)."""

from __future__ import annotations

import pandas as pd

from mediakit._html import HTML, esc, style, table_end
from mediakit._validation import check_table

__all__ = ["kwic_view"]


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
