"""HTML building blocks shared by every view: escaping, the style block, tables (private).

Article text is untrusted web content: everything that reaches HTML goes
through :func:`esc` (``html.escape`` with ``quote=True``); the only markup is
mediakit's own. :mod:`mediakit.display` is the public face of these; the
comparison report (``mediakit.compare._report``) and its views
(``mediakit.compare._views``) build on them too, so they sit below every stage.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["CSS", "HTML", "esc", "html_table", "is_na", "number_format", "style", "table_end"]

# `.mk-view.mk-view` outranks JupyterLab's `:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`
# (right-aligned, for numbers), so prose stays left-aligned in Lab (tests/test_browser.py).
CSS = """\
.mk-view{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:13px;\
line-height:1.45;color:inherit}
.mk-view table{border-collapse:collapse;margin:0.4em 0 1em 0}
.mk-view.mk-view th,.mk-view.mk-view td{border:1px solid #d0d0d0;padding:3px 6px;\
vertical-align:top;text-align:left}
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


def is_na(value: Any) -> bool:
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
            if is_na(value):
                cells.append('<td class="mk-na">–</td>')
            elif isinstance(value, numbers.Number) and not isinstance(value, bool | np.bool_):
                cells.append(f'<td class="mk-num">{esc(_format(value, float_format))}</td>')
            else:
                cells.append(f"<td>{esc(_format(value, float_format))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append(table_end(len(df), max_rows))
    return HTML("\n".join(out))


def table_end(n_rows: int, max_rows: int | None) -> str:
    """Close a table view, saying how many rows ``max_rows`` left out."""
    more = ""
    if max_rows is not None and n_rows > max_rows:
        more = f"\n<p>… {n_rows - max_rows} more row(s) not shown</p>"
    return f"</tbody></table>{more}\n</div>"
