"""HTML views for notebooks: tables, word diffs and two versions side by side.

Article text is untrusted web content. Every piece of text that reaches HTML
here (article text, doc_ids, titles, labels, column names, cell values) goes
through :func:`html.escape` with ``quote=True``; the only markup is the
module's own. The views carry a small inline ``<style>`` block (no external
resources, no JavaScript), scoped to the ``mk-view`` class.

Every function returns :class:`HTML`: a ``str`` that Jupyter renders as HTML
(it has ``_repr_html_``) and that can be written to a file as it is.
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from mediakit import _diff
from mediakit._validation import check_table

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

CSS = """\
.mk-view{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:13px;\
line-height:1.45;color:inherit}
.mk-view table{border-collapse:collapse;margin:0.4em 0 1em 0}
.mk-view th,.mk-view td{border:1px solid #d0d0d0;padding:3px 6px;vertical-align:top;\
text-align:left}
.mk-view th{background:rgba(127,127,127,0.12);font-weight:600}
.mk-view caption{caption-side:top;text-align:left;font-weight:600;padding:2px 0}
.mk-view table.mk-sbs{width:100%;table-layout:fixed}
.mk-view table.mk-sbs td.mk-a,.mk-view table.mk-sbs td.mk-b{width:42%}
.mk-view td.mk-id,.mk-view td.mk-sim,.mk-view td.mk-num{white-space:nowrap;\
font-variant-numeric:tabular-nums;color:#666;text-align:right}
.mk-view th.mk-id,.mk-view th.mk-sim,.mk-view th.mk-label{width:4.5em}
.mk-view td.mk-label{white-space:nowrap;color:#555}
.mk-view del.mk-del{background:#ffd7d5;color:#82071e;text-decoration:line-through}
.mk-view ins.mk-ins{background:#ccf2d1;color:#055d20;text-decoration:none}
.mk-view tr.mk-dropped td.mk-a{background:#fff1f0}
.mk-view tr.mk-added td.mk-b{background:#effbf1}
.mk-view tr.mk-verbatim td.mk-label{color:#055d20}
.mk-view tr.mk-merged td.mk-label,.mk-view tr.mk-split td.mk-label{color:#8a4b00}
.mk-view td.mk-na{color:#999}
.mk-view mark{background:#fff3a3;color:inherit}
.mk-view table.mk-kwic td.mk-pre{text-align:right;white-space:nowrap;color:#555}
.mk-view table.mk-kwic td.mk-kw{text-align:center;white-space:nowrap;font-weight:600}
.mk-view table.mk-kwic td.mk-post{white-space:nowrap;color:#555}
.mk-view table.mk-kwic td.mk-cat{white-space:nowrap;color:#666}
"""


class HTML(str):
    """A string of HTML that Jupyter displays rendered.

    Examples
    --------
    >>> from mediakit.display import HTML
    >>> HTML("<b>hi</b>")._repr_html_()
    '<b>hi</b>'
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute (``<>&"'`` all escaped)."""
    return html.escape(str(value), quote=True)


def style() -> str:
    """Return the module's ``<style>`` block."""
    return f"<style>\n{CSS}</style>"


def _is_na(value: Any) -> bool:
    try:
        return bool(value is None or (pd.api.types.is_scalar(value) and pd.isna(value)))
    except (TypeError, ValueError):
        return False


def number_format(value: float) -> str:
    """Format a float for a table: whole numbers with thousands separators, else 3 digits.

    Examples
    --------
    >>> from mediakit.display import number_format
    >>> [number_format(v) for v in (11000.0, 125e9, 0.12345, 1234.5678, -2.5)]
    ['11,000', '125,000,000,000', '0.123', '1,234.6', '-2.5']
    """
    if value.is_integer() and abs(value) < 1e16:
        return f"{value:,.0f}"
    if abs(value) >= 1000:
        return f"{value:,.1f}"
    return f"{value:.3g}"


def _format(value: Any, float_format: Callable[[float], str]) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        if math.isfinite(float(value)):
            return float_format(float(value))
    return str(value)


def html_table(
    df: pd.DataFrame,
    *,
    index: bool = False,
    caption: str | None = None,
    max_rows: int | None = None,
    float_format: Callable[[float], str] = number_format,
    css: bool = True,
    classes: str = "",
) -> HTML:
    """Render a DataFrame as an HTML table, every header and cell escaped.

    Unlike ``DataFrame.to_html`` the output is small, has no inline
    attributes that depend on the pandas version, and is the same bytes for
    the same frame.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    index : bool, default False
        Show the index as the first column.
    caption : str, optional
        Caption above the table (escaped).
    max_rows : int, optional
        Show at most this many rows and say how many were left out.
    float_format : callable, default :func:`number_format`
        Formats finite floats; missing values show as ``–``.
    css : bool, default True
        Include the ``<style>`` block (leave it out when embedding the table
        in a view that already has it).
    classes : str, default ""
        Extra CSS classes for the ``<table>`` element.

    Returns
    -------
    HTML

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.display import html_table
    >>> df = pd.DataFrame({"name": ["<b>Orbán</b>"], "share": [0.12345]})
    >>> print(html_table(df, css=False))
    <div class="mk-view"><table>
    <thead><tr><th>name</th><th>share</th></tr></thead>
    <tbody>
    <tr><td>&lt;b&gt;Orbán&lt;/b&gt;</td><td class="mk-num">0.123</td></tr>
    </tbody></table>
    </div>
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"html_table expects a DataFrame, got {type(df).__name__}")
    shown = df if max_rows is None else df.head(max_rows)
    cols = [str(c) for c in shown.columns]
    head = "".join(f"<th>{esc(c)}</th>" for c in ([str(df.index.name or "")] if index else []))
    head += "".join(f"<th>{esc(c)}</th>" for c in cols)
    cls = f' class="{esc(classes)}"' if classes else ""
    out = [f'<div class="mk-view">{style() if css else ""}<table{cls}>']
    if caption is not None:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append(f"<thead><tr>{head}</tr></thead>\n<tbody>")
    for label, row in zip(shown.index, shown.itertuples(index=False, name=None), strict=True):
        cells = [f"<th>{esc(label)}</th>"] if index else []
        for value in row:
            if _is_na(value):
                cells.append('<td class="mk-na">–</td>')
            elif isinstance(value, numbers.Number) and not isinstance(value, bool | np.bool_):
                cells.append(f'<td class="mk-num">{esc(_format(value, float_format))}</td>')
            else:
                cells.append(f"<td>{esc(_format(value, float_format))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append(_table_end(len(df), max_rows))
    return HTML("\n".join(out))


def _table_end(n_rows: int, max_rows: int | None) -> str:
    """Close a table view, saying how many rows ``max_rows`` left out."""
    more = ""
    if max_rows is not None and n_rows > max_rows:
        more = f"\n<p>… {n_rows - max_rows} more row(s) not shown</p>"
    return f"</tbody></table>{more}\n</div>"


def _render(text: str, spans: list[tuple[str, int, int]], tag: str, cls: str) -> str:
    """``text`` escaped, with the changed spans (in order) wrapped in ``<tag class=cls>``."""
    out, pos = [], 0
    for _op, start, end in spans:
        if start >= end:
            continue
        out.append(esc(text[pos:start]))
        out.append(f'<{tag} class="{cls}">{esc(text[start:end])}</{tag}>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _diff_html(a: str, b: str, normalize_quotes: bool) -> tuple[str, str, list[_diff.Op]]:
    ops, _ratio = _diff.diff_words(a, b, normalize_quotes=normalize_quotes)
    changed = [op for op in ops if op.tag != "equal"]
    left = _render(a, [(o.tag, o.a_start, o.a_end) for o in changed], "del", "mk-del")
    right = _render(b, [(o.tag, o.b_start, o.b_end) for o in changed], "ins", "mk-ins")
    return left, right, ops


def word_diff(a: str, b: str, *, normalize_quotes: bool = True) -> tuple[HTML, HTML]:
    """Two escaped HTML fragments: ``a`` with its deleted words, ``b`` with its inserted words.

    Words are compared with :class:`difflib.SequenceMatcher` over word tokens
    (words, numbers such as ``11,000``, single punctuation marks). Words of
    ``a`` that are not in ``b`` (deleted or replaced) are wrapped in
    ``<del class="mk-del">``; words of ``b`` not in ``a`` in
    ``<ins class="mk-ins">``. Whitespace between changed words inside one
    change stays inside the tag.

    Parameters
    ----------
    a, b : str
        The old and the new text.
    normalize_quotes : bool, default True
        Compare ``“ ” „`` as ``"`` and ``‘ ’`` as ``'``, so a change of quote
        style alone is not marked (the text is still shown as written).

    Returns
    -------
    tuple of HTML
        ``(a_html, b_html)``; fragments without the style block.

    Examples
    --------
    >>> from mediakit.display import word_diff
    >>> left, right = word_diff("11,000 troops were in Kursk", "some 11,000 soldiers were in Kursk")
    >>> print(left)
    11,000 <del class="mk-del">troops</del> were in Kursk
    >>> print(right)
    <ins class="mk-ins">some</ins> 11,000 <ins class="mk-ins">soldiers</ins> were in Kursk
    """
    left, right, _ops = _diff_html(str(a), str(b), normalize_quotes)
    return HTML(left), HTML(right)


def inline_diff(a: str, b: str, *, normalize_quotes: bool = True) -> HTML:
    """One escaped HTML fragment: ``b`` with the words of ``a`` it lost shown struck through.

    The same diff as :func:`word_diff`, interleaved: each change shows the
    deleted words (``<del>``) before the inserted ones (``<ins>``).

    Examples
    --------
    >>> from mediakit.display import inline_diff
    >>> print(inline_diff("Vladimir Zelensky said", "Volodymyr Zelensky said"))
    <del class="mk-del">Vladimir</del><ins class="mk-ins">Volodymyr</ins> Zelensky said
    """
    a, b = str(a), str(b)
    ops, _ratio = _diff.diff_words(a, b, normalize_quotes=normalize_quotes)
    out, pos = [], 0
    for op in ops:
        if op.tag == "equal":
            out.append(esc(b[pos : op.b_end]))
            pos = op.b_end
            continue
        out.append(esc(b[pos : op.b_start]))
        if op.a_end > op.a_start:
            start = op.a_start
            if not op.n_b and op.b_start and not b[op.b_start - 1].isspace():
                # keep the deleted words apart from b's preceding word
                while start > 0 and a[start - 1].isspace():
                    start -= 1
            out.append(f'<del class="mk-del">{esc(a[start : op.a_end])}</del>')
        if op.b_end > op.b_start:
            out.append(f'<ins class="mk-ins">{esc(b[op.b_start : op.b_end])}</ins>')
        pos = max(pos, op.b_end)
    out.append(esc(b[pos:]))
    return HTML("".join(out))


def _cell_ids(ids: list[int]) -> str:
    return esc(", ".join(str(i) for i in ids)) if ids else ""


def _sims(rows: pd.DataFrame) -> str:
    values = [float(v) for v in rows["similarity"].tolist() if not _is_na(v)]
    return esc(" / ".join(f"{v:.2f}" for v in values))


def side_by_side(
    alignment: pd.DataFrame,
    *,
    a_label: str = "a",
    b_label: str = "b",
    caption: str | None = None,
    diff: bool = True,
    normalize_quotes: bool = True,
    css: bool = True,
) -> HTML:
    """Two versions side by side, aligned sentence to sentence, with a word diff.

    One table row per alignment group: a matched pair, a merge (several a
    sentences into one b sentence) or a split (one a sentence into several b
    sentences) shows the joined sentences of each side in one row, diffed as
    a whole; a dropped sentence has an empty right cell and an added sentence
    an empty left cell. Rows follow the alignment table's order (a group
    sits at its first row). Each row has the class ``mk-<label>``
    (``mk-verbatim``, ``mk-rewritten``, ``mk-merged``, ``mk-split``,
    ``mk-dropped``, ``mk-added``) for styling.

    Parameters
    ----------
    alignment : pandas.DataFrame
        An alignment table (columns ``a_sent``, ``b_sent``, ``a_text``,
        ``b_text``, ``similarity``, ``label``), as
        :func:`mediakit.align.align_sentences` returns it.
    a_label, b_label : str
        Column headings for the two versions (escaped), e.g. their doc_ids.
    caption : str, optional
        Table caption (escaped).
    diff : bool, default True
        Mark deleted and inserted words (see :func:`word_diff`).
    normalize_quotes : bool, default True
        Passed to :func:`word_diff`.
    css : bool, default True
        Include the ``<style>`` block.

    Returns
    -------
    HTML

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.display import side_by_side
    >>> alignment = pd.DataFrame(
    ...     {
    ...         "a_sent": pd.array([0, 1, None], dtype="Int64"),
    ...         "b_sent": pd.array([0, None, 1], dtype="Int64"),
    ...         "a_text": ["Zelensky said 11,000 troops.", "It is <late>.", None],
    ...         "b_text": ["Zelensky said some 11,000 troops.", None, "New & added."],
    ...         "similarity": [0.9, float("nan"), float("nan")],
    ...         "label": ["rewritten", "dropped", "added"],
    ...     }
    ... )
    >>> html = side_by_side(alignment, a_label="wire", b_label="rewrite")
    >>> rows = [line for line in html.splitlines() if line.startswith("<tr")]
    >>> [row.split('"')[1] for row in rows]
    ['mk-rewritten', 'mk-dropped', 'mk-added']
    >>> 'said <ins class="mk-ins">some</ins> 11,000' in rows[0]
    True
    >>> "It is &lt;late&gt;." in rows[1], "<late>" in html
    (True, False)
    """
    alignment = _diff.check_alignment(alignment, "side_by_side")
    groups = _diff.alignment_groups(alignment)
    out = [f'<div class="mk-view">{style() if css else ""}<table class="mk-sbs">']
    if caption is not None:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append(
        f'<thead><tr><th class="mk-id">#</th><th>{esc(a_label)}</th>'
        '<th class="mk-label">label</th><th class="mk-sim">similarity</th>'
        f'<th>{esc(b_label)}</th><th class="mk-id">#</th></tr></thead>\n<tbody>'
    )
    seen: set[int] = set()
    for g in groups.tolist():
        if g in seen:
            continue
        seen.add(g)
        rows = alignment[groups == g]
        a_ids, b_ids, a_text, b_text = _diff.group_texts(rows)
        labels = list(dict.fromkeys(str(v) for v in rows["label"].tolist()))
        label = "/".join(labels)
        if diff and a_ids and b_ids:
            left, right, _ops = _diff_html(a_text, b_text, normalize_quotes)
        else:
            left, right = esc(a_text), esc(b_text)
        row_cls = " ".join("mk-" + re.sub(r"[^a-z0-9_-]", "_", v.lower()) for v in labels)
        out.append(
            f'<tr class="{row_cls}"><td class="mk-id">{_cell_ids(a_ids)}</td>'
            f'<td class="mk-a">{left}</td><td class="mk-label">{esc(label)}</td>'
            f'<td class="mk-sim">{_sims(rows)}</td><td class="mk-b">{right}</td>'
            f'<td class="mk-id">{_cell_ids(b_ids)}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return HTML("\n".join(out))


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
        A table from :func:`mediakit.kwic` (columns ``doc_id``, ``sent_id``,
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
        described="a table from mediakit.kwic",
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
    out.append(_table_end(len(kwic), max_rows))
    return HTML("\n".join(out))
