"""The KWIC browser: pick a category or type a pattern, read the hits, open the article (private).

The public face is :func:`mediakit.display.kwic_browser`, which imports this
module only when it is called, so that ``import mediakit`` never imports
ipywidgets. The hits are :func:`mediakit.kwic`'s; the concordance is
:func:`mediakit.display.kwic_view`; :func:`article_html` shows a hit in its
article. Every piece of article text is escaped.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from mediakit._html import HTML, esc, is_na, style
from mediakit.display._kwic_view import kwic_view
from mediakit.framing import Dictionary, kwic

KWIC_CSS = """\
.mk-view.mk-browser p.mk-doc{margin:0.2em 0 0.4em 0}
.mk-view.mk-browser p.mk-none{color:#666;margin:0.2em 0}
.mk-view.mk-browser p.mk-error{color:#82071e;margin:0.2em 0}
.mk-view.mk-browser div.mk-article{white-space:pre-wrap;max-height:30em;overflow:auto;\
border:1px solid #d0d0d0;padding:6px 8px}
.mk-view.mk-browser mark.mk-hit{background:#fff3a3;color:inherit}
.mk-view.mk-browser mark.mk-current{background:#ffb000;color:#000;font-weight:600}
"""

#: How many characters of the article to show on each side of the hit (whole words).
CONTEXT = 400


def _open(extra: str = "") -> str:
    return f'<div class="mk-view mk-browser">{style()}<style>\n{KWIC_CSS}</style>{extra}'


def message_html(text: str, *, error: bool = False) -> HTML:
    """A one-line note (escaped) in the browser's style."""
    cls = "mk-error" if error else "mk-none"
    return HTML(f'{_open()}<p class="{cls}">{esc(text)}</p></div>')


def _snap(text: str, pos: int, step: int, limit: int = 60) -> int:
    """Move ``pos`` outwards (``step`` -1 or +1) to a whitespace, at most ``limit`` characters."""
    for _ in range(limit):
        if pos <= 0 or pos >= len(text) or text[pos - 1 if step < 0 else pos].isspace():
            break
        pos += step
    return max(0, min(len(text), pos))


def marked(text: str, spans: list[tuple[int, int, bool]], lo: int, hi: int) -> str:
    """``text[lo:hi]`` escaped, the spans marked (the current one ``mk-current``).

    Overlapping spans merge into one mark, current if any of them is.
    """
    merged: list[list[Any]] = []
    for start, end, current in sorted(spans):
        start, end = max(start, lo), min(end, hi)
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = merged[-1][2] or current
        else:
            merged.append([start, end, current])
    out, pos = [], lo
    for start, end, current in merged:
        cls = "mk-hit mk-current" if current else "mk-hit"
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{cls}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:hi]))
    return "".join(out)


def article_html(
    articles: pd.DataFrame, hits: pd.DataFrame, i: int, *, context: int | None = CONTEXT
) -> HTML:
    """Hit ``i`` of ``hits`` in its article: every hit of the article marked, hit ``i`` apart.

    With ``context`` the view is the article around the hit (``context``
    characters each side, widened to whole words); with None, the whole article.
    """
    hit = hits.iloc[i]
    doc = hit["doc_id"]
    text = "" if is_na(articles.loc[doc, "text"]) else str(articles.loc[doc, "text"])
    start, end = int(hit["start"]), int(hit["end"])
    if context is None:
        lo, hi = 0, len(text)
    else:
        lo = _snap(text, max(0, start - context), -1)
        hi = _snap(text, min(len(text), end + context), +1)
    rows = np.flatnonzero((hits["doc_id"] == doc).to_numpy())
    starts, ends = hits["start"].to_numpy(), hits["end"].to_numpy()
    spans = [(int(starts[k]), int(ends[k]), int(k) == i) for k in rows]
    about = [f"<b>hit {i + 1} of {len(hits)}</b>", f"article <b>{esc(doc)}</b>"]
    about.append(f"sentence {esc(hit['sent_id'])}")
    if "category" in hits.columns and not is_na(hit["category"]):
        about.append(f"category {esc(hit['category'])}")
    for col in ("title", "outlet", "date"):
        if col in articles.columns and not is_na(articles.loc[doc, col]):
            value = articles.loc[doc, col]
            if isinstance(value, pd.Timestamp):
                value = value.date().isoformat() if value == value.normalize() else value
            about.append(f'<span class="mk-{col}">{esc(value)}</span>')
    n_doc = len(rows)
    about.append(f"{n_doc} hit{'s' if n_doc != 1 else ''} in this article")
    body = (
        ("… " if lo > 0 else "")
        + marked(text, spans, lo, hi).strip()
        + (" …" if hi < len(text) else "")
    )
    return HTML(
        f'{_open()}<p class="mk-doc">{" · ".join(about)}</p>'
        f'<div class="mk-article">{body}</div></div>'
    )


def hit_label(i: int, row: Any, width: int = 40) -> str:
    """A plain-text line for the hit menu (the front end shows it as text, not HTML)."""
    pre, post = str(row.pre), str(row.post)
    pre = ("…" + pre[-width:]) if len(pre) > width else pre
    post = (post[:width] + "…") if len(post) > width else post
    return f"{i + 1}. {row.doc_id} · {pre} [{row.keyword}] {post}"


class KwicBrowser(widgets.VBox):
    """A widget to search a corpus by dictionary category or pattern and read each hit.

    Made by :func:`mediakit.display.kwic_browser`, which documents it.
    """

    def __init__(
        self,
        articles: pd.DataFrame,
        dictionary: Dictionary | None,
        *,
        category: str | None,
        pattern: str | None,
        window: int,
        sentence_bounded: bool,
        max_hits: int,
        context: int,
    ) -> None:
        self.articles = articles
        self.dictionary = dictionary
        self.window = window
        self.sentence_bounded = sentence_bounded
        self.max_hits = max_hits
        self.context = context
        self._cache: dict[tuple[str, str], pd.DataFrame] = {}
        self._hits: pd.DataFrame | None = None
        self._syncing = False
        cats = list(dictionary.categories) if dictionary is not None else []
        self.category_menu = widgets.Dropdown(
            options=[("(pick one)" if cats else "(no dictionary)", None), *((c, c) for c in cats)],
            value=None,
            description="category",
            disabled=not cats,
        )
        self.pattern_box = widgets.Text(
            value="",
            placeholder="threat*  ·  peace deal  ·  re:^elect",
            description="pattern",
            continuous_update=False,
        )
        self.search_button = widgets.Button(
            description="Search", icon="search", layout=widgets.Layout(width="auto")
        )
        self.summary_view = widgets.HTML()
        self.hits_view = widgets.HTML()
        self.hit_menu = widgets.Select(
            options=[], rows=6, description="hit", layout=widgets.Layout(width="98%")
        )
        self.whole_article = widgets.Checkbox(value=False, description="whole article")
        self.article_view = widgets.HTML()
        self.category_menu.observe(self._on_category, names="value")
        self.pattern_box.observe(self._on_pattern, names="value")
        self.search_button.on_click(lambda _button: self.search())
        self.hit_menu.observe(self._on_hit, names="value")
        self.whole_article.observe(self._on_hit, names="value")
        super().__init__(
            [
                widgets.HBox([self.category_menu, self.pattern_box, self.search_button]),
                self.summary_view,
                self.hits_view,
                widgets.HBox([self.hit_menu, self.whole_article]),
                self.article_view,
            ]
        )
        if pattern is not None:
            self._set_quietly(self.pattern_box, pattern)
            self._run("pattern", pattern, raise_errors=True)
        elif category is not None:
            self._set_quietly(self.category_menu, category)
            self._run("category", category, raise_errors=True)
        else:
            self._show(None, "Pick a category or type a pattern, then press Enter or Search.")

    # ------------------------------------------------------------------ state
    @property
    def hits(self) -> pd.DataFrame | None:
        """The hits shown (a :func:`mediakit.kwic` table), or None before a search."""
        return None if self._hits is None else self._hits.copy()

    @property
    def hit(self) -> int | None:
        """The hit shown in its article (0-based row of :attr:`hits`), or None."""
        return self.hit_menu.value

    def search(self) -> None:
        """Search the pattern typed, else the category picked (the Search button)."""
        pattern = self.pattern_box.value.strip()
        if pattern:
            self._set_quietly(self.category_menu, None)
            self._run("pattern", pattern)
        elif self.category_menu.value is not None:
            self._run("category", self.category_menu.value)
        else:
            self._show(None, "Pick a category or type a pattern first.")

    def show_hit(self, i: int) -> None:
        """Open hit ``i`` (0-based) in its article."""
        if self._hits is None or not 0 <= i < min(len(self._hits), self.max_hits):
            raise IndexError(f"hit {i} is not listed; the menu lists {len(self.hit_menu.options)}")
        self.hit_menu.value = i

    # --------------------------------------------------------------- plumbing
    def _set_quietly(self, widget: widgets.ValueWidget, value: Any) -> None:
        self._syncing = True
        try:
            widget.value = value
        finally:
            self._syncing = False

    def _on_category(self, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self._set_quietly(self.pattern_box, "")
        self._run("category", change["new"])

    def _on_pattern(self, change: dict[str, Any]) -> None:
        if not self._syncing and change["new"].strip():
            self.search()

    def _on_hit(self, change: dict[str, Any]) -> None:
        if self._syncing or self._hits is None or self.hit_menu.value is None:
            return
        context = None if self.whole_article.value else self.context
        self.article_view.value = article_html(
            self.articles, self._hits, self.hit_menu.value, context=context
        )

    def _run(self, kind: str, query: str, *, raise_errors: bool = False) -> None:
        key = (kind, query)
        if key not in self._cache:
            options: dict[str, Any] = {"sentence_bounded": self.sentence_bounded}
            if kind == "category":
                options["dictionary"] = self.dictionary
            try:
                self._cache[key] = kwic(self.articles, query, self.window, **options)
            except (ValueError, TypeError) as err:
                if raise_errors:
                    raise
                self._show(None, str(err), error=True)
                return
        what = f"category {query!r}" if kind == "category" else f"pattern {query!r}"
        self._show(self._cache[key], what)

    def _show(self, hits: pd.DataFrame | None, what: str, *, error: bool = False) -> None:
        """Show ``hits`` (or, with None, the note ``what``) and open the first hit."""
        self._hits = hits
        self._syncing = True
        try:
            if hits is None:
                self.hit_menu.options = []
                self.summary_view.value = message_html(what, error=error)
                self.hits_view.value = ""
                self.article_view.value = ""
                return
            n_docs = hits["doc_id"].nunique()
            self.summary_view.value = message_html(
                f"{len(hits)} hit{'s' if len(hits) != 1 else ''} of {what} in {n_docs} of "
                f"{len(self.articles)} article{'s' if len(self.articles) != 1 else ''}"
            )
            self.hits_view.value = kwic_view(hits, max_rows=self.max_hits) if len(hits) else ""
            shown = hits.head(self.max_hits)
            self.hit_menu.options = [
                (hit_label(i, row), i) for i, row in enumerate(shown.itertuples(index=False))
            ]
            self.hit_menu.value = 0 if len(shown) else None
        finally:
            self._syncing = False
        if len(hits):
            self._on_hit({})
        else:
            self.article_view.value = ""
