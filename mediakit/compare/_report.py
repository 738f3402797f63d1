"""How a comparison of two versions looks: the HTML report (notebook and file) and the text one.

The functions take the comparison's data (anything with the attributes of
:class:`Comparison`, such as :class:`mediakit.VersionComparison`), not the
class, so that ``mediakit.compare.versions`` imports this module and not the
other way round. Every piece of article text, doc_id, title and label goes
through ``esc`` (``html.escape`` with ``quote=True``); the markup is ours.
"""

from __future__ import annotations

import textwrap
from collections.abc import Hashable
from typing import Any, Protocol

import pandas as pd

from mediakit._html import esc, html_table, style
from mediakit.compare._views import side_by_side
from mediakit.compare.claims import CLAIM_KINDS


class Comparison(Protocol):
    """The data a report shows: what :func:`mediakit.compare_versions` computes."""

    a: Hashable
    b: Hashable
    alignment: pd.DataFrame
    passages: pd.DataFrame
    names: pd.DataFrame
    claims: pd.DataFrame
    summary: dict[str, Any]
    titles: tuple[str | None, str | None]

    @property
    def numbers(self) -> pd.DataFrame:
        """The figures that changed, moved or exist in one version only."""
        ...


MAX_PASSAGES = 10


def status_text(status: str, a: Any, b: Any) -> str:
    """How a figure's status reads in the report."""
    return {
        "changed": "changed",
        "moved": "in another sentence",
        "dropped": f"only in {a}",
        "added": f"only in {b}",
    }.get(status, status)


def _pct(value: Any) -> str:
    return "–" if value is None or _nan(value) else f"{100 * float(value):.0f}%"


def _num(value: Any, digits: int = 2) -> str:
    return "–" if value is None or _nan(value) else f"{float(value):.{digits}f}"


def _nan(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str:
    return "" if value is None or _nan(value) else str(value)


def headline(c: Comparison) -> list[tuple[str, str, str]]:
    """(measure, value, what it means) rows of the summary, formatted for people."""
    s = c.summary
    a, b = str(c.a), str(c.b)
    passages = f"{s['n_passages']}"
    if s["n_passages"]:
        passages += f" (longest {s['longest_passage']} words)"
    sentences = (
        f"{s['n_verbatim']} verbatim · {s['n_rewritten']} rewritten · {s['n_merged']} merged · "
        f"{s['n_split']} split · {s['n_dropped']} dropped · {s['n_added']} added"
    )
    figures = (
        f"{s['n_figures_changed']} changed · {s['n_figures_dropped']} only in {a} · "
        f"{s['n_figures_added']} only in {b} · {s['n_figures_moved']} in another sentence · "
        f"{s['n_figures_kept']} kept"
    )
    return [
        ("similarity", _num(s["similarity"]), "TF-IDF cosine of the two texts"),
        (
            f"containment of {a} in {b}",
            _pct(s["containment_source"]),
            f"share of {a}'s word n-grams found in {b}",
        ),
        (
            f"containment of {b} in {a}",
            _pct(s["containment_derived"]),
            f"share of {b}'s word n-grams found in {a}",
        ),
        ("resemblance", _num(s["resemblance"]), "Jaccard similarity of the n-gram sets"),
        ("verbatim share", _pct(s["verbatim_share"]), f"share of {b}'s words in verbatim passages"),
        ("verbatim passages", passages, "common word runs above the minimum length"),
        ("derivation", _text(s["derivation"]) or "–", f"how much of {b} derives from {a}"),
        (
            "sentences",
            f"{s['n_sentences_a']} in {a}, {s['n_sentences_b']} in {b}",
            "as split by mediakit.split_sentences",
        ),
        ("alignment", sentences, f"{a} sentences by label; added: {b} sentences"),
        ("figures", figures, "numbers, amounts, dates (see the table below)"),
        ("name variants", str(s["n_name_variants"]), "names spelled differently"),
        ("changes of meaning", _claim_counts(c), "between aligned sentences (see below)"),
    ]


def _claim_counts(c: Comparison) -> str:
    counts = c.claims["kind"].value_counts(sort=False)
    if not len(counts):
        return "0"
    order = [k for k in CLAIM_KINDS if k in counts.index]
    return f"{len(c.claims)}: " + " · ".join(f"{int(counts[k])} {k}" for k in order)


def _side(doc: Any, sent: Any) -> str:
    return "" if _nan(sent) else f"{doc} {_sent_id(sent)}"


def _sent_id(sent: Any) -> str:
    return "" if _nan(sent) else str(int(sent))


def _claim_frame(c: Comparison) -> pd.DataFrame:
    cl = c.claims
    return pd.DataFrame(
        {
            str(c.a): [_sent_id(v) for v in cl["a_sent"]],
            str(c.b): [_sent_id(v) for v in cl["b_sent"]],
            "change": cl["kind"].str.replace("_", " ").tolist(),
            "evidence": cl["evidence"].tolist(),
        }
    )


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def _sentence_list(rows: pd.DataFrame, side: str) -> str:
    if rows.empty:
        return "<p>None.</p>"
    items = [
        f'<li value="{int(sid)}">{esc(_text(text))}</li>'
        for sid, text in zip(rows[f"{side}_sent"], rows[f"{side}_text"], strict=True)
        if not _nan(sid)
    ]
    return '<ol class="mk-sents">\n' + "\n".join(items) + "\n</ol>"


def _figure_frame(c: Comparison) -> pd.DataFrame:
    nums = c.numbers
    a, b = str(c.a), str(c.b)
    return pd.DataFrame(
        {
            "status": [status_text(s, a, b) for s in nums["status"].tolist()],
            f"{a} #": nums["a_sent"].astype(object).where(nums["a_sent"].notna(), None),
            a: nums["a_phrase"].astype(object).where(nums["a_phrase"].notna(), None),
            f"{b} #": nums["b_sent"].astype(object).where(nums["b_sent"].notna(), None),
            b: nums["b_phrase"].astype(object).where(nums["b_phrase"].notna(), None),
            "unit": nums["unit"].astype(object).where(nums["unit"].notna(), None),
        }
    )


def _name_frame(c: Comparison) -> pd.DataFrame:
    n = c.names
    a, b = str(c.a), str(c.b)
    return pd.DataFrame(
        {
            a: n["a_name"].tolist(),
            b: n["b_name"].tolist(),
            "differs in": [
                f"{x} / {y} ({k})"
                for x, y, k in zip(n["a_variant"], n["b_variant"], n["kind"], strict=True)
            ],
            f"{a} #": n["a_sent"].tolist(),
            f"{b} #": n["b_sent"].tolist(),
            f"times in {a}": n["n_a"].tolist(),
            f"times in {b}": n["n_b"].tolist(),
        }
    )


def _table_or_none(df: pd.DataFrame, classes: str) -> str:
    return html_table(df, css=False, classes=classes) if len(df) else "<p>None.</p>"


def summary_table(c: Comparison) -> str:
    """The headline numbers as an HTML table (measure, value, meaning), without the style block."""
    return html_table(
        pd.DataFrame(headline(c), columns=["measure", "value", "meaning"]),
        css=False,
        classes="mk-summary",
    )


def report_sections(c: Comparison) -> list[tuple[str, str, str]]:
    """The report's sections after the summary table, in order: (key, heading, body).

    Keys: ``side_by_side``, ``dropped``, ``added``, ``claims``, ``figures``,
    ``names``, ``passages``. Heading and body are HTML (all text escaped),
    without the style block, so that other documents (the pair report of
    :mod:`mediakit.report`) can show them under headings of their own.
    """
    a, b = c.a, c.b
    al = c.alignment
    dropped = al[al["label"] == "dropped"]
    added = al[al["label"] == "added"]
    sections = [
        (
            "side_by_side",
            "Sentences side by side",
            '<p class="mk-legend">Words of the left version missing from the right are '
            '<del class="mk-del">struck through</del>; words new in the right version are '
            '<ins class="mk-ins">highlighted</ins>. Merged and split sentences share a row.</p>\n'
            + side_by_side(al, a_label=str(a), b_label=str(b), css=False),
        ),
        (
            "dropped",
            f"Dropped: sentences of {esc(a)} not in {esc(b)} ({len(dropped)})",
            _sentence_list(dropped, "a"),
        ),
        (
            "added",
            f"Added: sentences of {esc(b)} not in {esc(a)} ({len(added)})",
            _sentence_list(added, "b"),
        ),
    ]
    claims = "<p>None.</p>"
    if len(c.claims):
        claims = (
            '<p class="mk-legend">Between aligned sentences (the numbers are sentence ids): '
            "quotes altered, dropped or added; conditions, hedges, loaded attribution, "
            "negations, modal verbs, figures and names that changed.</p>\n"
            + html_table(_claim_frame(c), css=False, classes="mk-claims")
        )
    sections.append(("claims", f"What changed in meaning ({len(c.claims)})", claims))
    sections.append(
        (
            "figures",
            f"Figures that changed or vanished ({len(c.numbers)})",
            _table_or_none(_figure_frame(c), "mk-figures"),
        )
    )
    sections.append(
        (
            "names",
            f"Names spelled differently ({len(c.names)})",
            _table_or_none(_name_frame(c), "mk-names"),
        )
    )
    passages = c.passages.sort_values("n_tokens", ascending=False, kind="stable")
    body = "<p>None.</p>"
    if len(passages):
        items = [
            f'<li>{esc(_text(t))} <span class="mk-note">({int(k)} words)</span></li>'
            for t, k in zip(
                passages["text"].head(MAX_PASSAGES),
                passages["n_tokens"].head(MAX_PASSAGES),
                strict=True,
            )
        ]
        body = "<ol>\n" + "\n".join(items) + "\n</ol>"
        if len(passages) > MAX_PASSAGES:
            body += f"\n<p>… {len(passages) - MAX_PASSAGES} shorter passage(s) not shown.</p>"
    sections.append(("passages", f"Verbatim passages ({len(passages)})", body))
    return sections


def report_body(c: Comparison) -> str:
    """The report's content, without the style block."""
    parts = [f"<h2>{esc(c.a)} → {esc(c.b)}: two versions compared</h2>"]
    titles = [
        f"<li><b>{esc(doc)}</b>: {esc(title)}</li>"
        for doc, title in zip((c.a, c.b), c.titles, strict=True)
        if title
    ]
    if titles:
        parts.append('<ul class="mk-titles">' + "".join(titles) + "</ul>")
    parts.append(summary_table(c))
    for _key, heading, body in report_sections(c):
        parts.append(f"<h3>{heading}</h3>")
        parts.append(body)
    return "\n".join(parts)


def report_html(c: Comparison) -> str:
    """The notebook view: style block and content in one ``mk-view`` div."""
    return f'<div class="mk-view mk-report">\n{style()}\n{report_body(c)}\n</div>'


def report_document(c: Comparison) -> str:
    """A standalone HTML document of the report."""
    title = f"{c.a} → {c.b}: two versions compared"
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n{style()}\n"
        "<style>body{margin:1.5em auto;max-width:80em;padding:0 1em}</style>\n"
        f'</head>\n<body>\n<div class="mk-view mk-report">\n{report_body(c)}\n</div>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------
# plain text
# ---------------------------------------------------------------------------


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ") or [
        indent
    ]


def _wrap_row(key: str, value: str, width: int, key_width: int) -> list[str]:
    """Wrap a headline row between its `` · `` items, never inside one ("3 dropped")."""
    glue = "\ue000"  # a private-use character: textwrap breaks only at ASCII whitespace
    value = " · ".join(item.replace(" ", glue) for item in value.split(" · "))
    indent = " " * (key_width + 2) if 2 * (key_width + 2) <= width else "  "
    lines = textwrap.wrap(f"{key:<{key_width}}  {value}", width, subsequent_indent=indent)
    return [line.replace(glue, " ") for line in lines] or [key]


def summary_text(c: Comparison, width: int = 96) -> str:
    """The plain-text report."""
    lines = [f"{c.a} → {c.b}: two versions compared"]
    for doc, title in zip((c.a, c.b), c.titles, strict=True):
        if title:
            lines += _wrap(f"{doc}: {title}", width, "  ")
    lines.append("")
    rows = headline(c)
    key_width = min(max(len(k) for k, _, _ in rows), 36)
    for key, value, _meaning in rows:
        lines += _wrap_row(key, value, width, key_width)
    lines += ["", f"What changed in meaning ({len(c.claims)}):"]
    for r in c.claims.itertuples(index=False):
        where = " → ".join(filter(None, (_side(c.a, r.a_sent), _side(c.b, r.b_sent))))
        lines += _wrap(f"{where:<22} {r.kind:<20} {r.evidence}", width, "  ")
    nums = c.numbers
    lines += ["", f"Figures that changed or vanished ({len(nums)}):"]
    for r in nums.itertuples(index=False):
        left = f"{c.a} {r.a_sent}: {r.a_phrase}" if not _nan(r.a_sent) else ""
        right = f"{c.b} {r.b_sent}: {r.b_phrase}" if not _nan(r.b_sent) else ""
        status = status_text(str(r.status), c.a, c.b)
        body = f"{left} → {right}" if left and right else (left or right)
        lines += _wrap(f"{status:<20} {body}", width, "  ")
    lines += ["", f"Names spelled differently ({len(c.names)}):"]
    for r in c.names.itertuples(index=False):
        lines += _wrap(f"{r.a_name} → {r.b_name} ({r.kind})", width, "  ")
    al = c.alignment
    for label, side, doc in (("dropped", "a", c.a), ("added", "b", c.b)):
        rows_ = al[al["label"] == label]
        lines += ["", f"{label.capitalize()} ({len(rows_)} sentences of {doc}):"]
        for sid, text in zip(rows_[f"{side}_sent"], rows_[f"{side}_text"], strict=True):
            short = textwrap.shorten(_text(text), width - 10, placeholder=" …")
            lines.append(f"  {int(sid):>3}. {short}" if not _nan(sid) else f"  {short}")
    return "\n".join(lines).rstrip() + "\n"
