"""HTML views of two versions: word diffs and the side-by-side alignment (private).

The public names are :func:`mediakit.display.word_diff`,
:func:`mediakit.display.inline_diff` and :func:`mediakit.display.side_by_side`;
they live with the comparison stage because its report shows them, and the
report must not import the display layer above it.
"""

from __future__ import annotations

import re

import pandas as pd

from mediakit._html import HTML, esc, is_na, style
from mediakit.compare import _diff

__all__ = ["inline_diff", "side_by_side", "word_diff"]


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
    values = [float(v) for v in rows["similarity"].tolist() if not is_na(v)]
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
        :func:`mediakit.compare.align.align_sentences` returns it.
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
