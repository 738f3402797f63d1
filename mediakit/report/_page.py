"""The pair report's page: sections, figures, table of contents and style (private).

Every piece of text that comes from the data (article text, titles, doc_ids,
speakers, metadata, dictionary and category names, warning messages) goes
through ``esc`` or :func:`mediakit._html.html_table`, which escapes; the
markup, the section ids and the class names are ours.
"""

from __future__ import annotations

import importlib.metadata
from collections import Counter
from typing import Any

import pandas as pd

from mediakit._html import CSS, esc, html_table
from mediakit.compare import _report
from mediakit.report._data import PairData
from mediakit.report._svg import figure_svg

__all__ = ["REPORT_CSS", "SECTIONS", "document"]

#: (id, heading) of the report's sections, in order.
SECTIONS = (
    ("similarity", "Similarity and containment"),
    ("side-by-side", "Side by side"),
    ("dropped-added", "Dropped and added sentences"),
    ("claims", "Claim changes"),
    ("quotes", "Quotes kept and lost"),
    ("frames", "Frame profile"),
    ("readability", "Readability and style"),
    ("method", "How this report was made"),
)

REPORT_CSS = """\
html{background:#fff;color:#1a1a1a}
body{margin:0}
.mk-report{max-width:78em;margin:0 auto;padding:1.5em 1.2em 3em;font-size:14px}
.mk-report h1{font-size:1.7em;line-height:1.2;margin:0 0 0.3em}
.mk-report h2{font-size:1.3em;margin:2em 0 0.5em;padding-bottom:0.2em;\
border-bottom:2px solid #d0d0d0}
.mk-report h3{font-size:1.05em;margin:1.4em 0 0.4em}
.mk-report p{max-width:62em}
.mk-report .mk-lead,.mk-report .mk-legend,.mk-report .mk-note{color:#555}
.mk-report nav.mk-toc{border:1px solid #d0d0d0;padding:0.2em 1.4em 0.6em 1em;\
display:inline-block;margin:0.6em 0}
.mk-report nav.mk-toc h2{border:0;margin:0.5em 0 0.3em;font-size:1.05em}
.mk-report nav.mk-toc ol{margin:0;padding-left:1.6em}
.mk-report nav.mk-toc a{text-decoration:none}
.mk-report .mk-flag{border-left:4px solid #e69f00;background:#fff7e6;padding:0.5em 1em;\
margin:1em 0}
.mk-report .mk-flag ul{margin:0.3em 0;padding-left:1.3em}
.mk-report figure.mk-fig{margin:0.8em 0 1.4em}
.mk-report figure.mk-fig svg{display:block;max-width:100%;height:auto}
.mk-report figure.mk-fig svg *{stroke-linejoin:round;stroke-linecap:butt}
.mk-report figcaption{color:#555;font-size:0.92em;margin-top:0.3em;max-width:62em}
.mk-report ol.mk-sents li{margin:0.25em 0}
.mk-report table.mk-docs td{overflow-wrap:anywhere}
.mk-report table.mk-quotes-a td:nth-child(4){white-space:nowrap}
.mk-report table.mk-readability td:nth-child(n+2):nth-child(-n+4){text-align:right;\
white-space:nowrap;font-variant-numeric:tabular-nums}
.mk-report footer{margin-top:3em;color:#777;font-size:0.9em}
@media print{
.mk-report{max-width:none;padding:0;font-size:9.5pt}
.mk-report h2,.mk-report h3{break-after:avoid}
.mk-report tr,.mk-report figure,.mk-report li{break-inside:avoid}
.mk-report thead{display:table-header-group}
.mk-report a{color:inherit;text-decoration:none}
.mk-report del,.mk-report ins,.mk-report tr,.mk-report .mk-flag{\
-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

#: Readability and lexical measures shown, with what they mean.
MEASURES = (
    ("flesch_reading_ease", "Flesch reading ease", "0-100, higher is easier"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade", "US school grade"),
    ("gunning_fog", "Gunning fog", "years of schooling"),
    ("smog", "SMOG", "grade; calibrated on 30 sentences"),
    ("coleman_liau", "Coleman-Liau", "grade"),
    ("ari", "ARI", "grade (Automated Readability Index)"),
    ("dale_chall", "Dale-Chall", "raw score; 9.0-9.9 reads at college level"),
    ("n_words", "words", "words of the body sentences"),
    ("n_sentences", "sentences", "body sentences with a word"),
    ("mean_sentence_length", "mean sentence length", "tokens per sentence"),
    ("mean_word_length", "mean word length", "characters per word"),
    ("long_word_share", "long words", "share of words of 7 letters or more"),
    ("quoted_token_share", "quoted tokens", "share of tokens inside quotation marks"),
    ("ttr", "type-token ratio", "distinct words / words"),
    ("mtld", "MTLD", "lexical diversity, robust to length"),
)
SHARES = {"long_word_share", "quoted_token_share"}
COUNT_MEASURES = {"n_words", "n_sentences"}


def _fmt(value: Any, measure: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    if measure in SHARES:
        return f"{100 * float(value):.1f}%"
    if measure in COUNT_MEASURES:
        return f"{int(value):,}"
    return f"{float(value):.2f}"


def _diff_fmt(x: Any, y: Any, measure: str) -> str:
    if x is None or y is None or pd.isna(x) or pd.isna(y):
        return "–"
    d = float(y) - float(x)
    if measure in SHARES:
        return f"{100 * d:+.1f} points"
    if measure in COUNT_MEASURES:
        return f"{int(y) - int(x):+,}"
    return f"{d:+.2f}"


def _two_decimals(value: float) -> str:
    return f"{value:,.2f}"


def _pct(value: float) -> str:
    return "–" if pd.isna(value) else f"{100 * value:.0f}%"


class _Figures:
    """Numbers the figures of one page and gives each svg its id prefix."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, draw: Any, figsize: tuple[float, float], caption: str) -> str:
        self.n += 1
        svg = figure_svg(draw, figsize=figsize, prefix=f"mkfig{self.n}", label=caption)
        return (
            f'<figure class="mk-fig" id="figure-{self.n}">\n{svg}'
            f"<figcaption>Figure {self.n}. {esc(caption)}</figcaption>\n</figure>"
        )


# ---------------------------------------------------------------------------
# the sections
# ---------------------------------------------------------------------------


def _articles_table(d: PairData) -> str:
    arts = d.articles
    rows = []
    for role, doc in (("source (a)", d.a), ("later version (b)", d.b)):
        row: dict[str, Any] = {"": role, "doc_id": str(doc)}
        for col in ("title", "outlet", "date", "url"):
            value = arts.loc[doc, col] if col in arts.columns else None
            if value is not None and not pd.isna(value) and str(value).strip():
                if isinstance(value, pd.Timestamp):
                    value = value.isoformat() if (value.hour or value.minute) else value.date()
                row[col] = str(value)
            else:
                row[col] = None
        row["sentences"] = int(d.comparison.summary[f"n_sentences_{'a' if doc == d.a else 'b'}"])
        row["words"] = d.readability.loc[doc, "n_words"]
        rows.append(row)
    df = pd.DataFrame(rows)
    keep = [c for c in df.columns if c not in ("outlet", "date", "url") or df[c].notna().any()]
    df = df[keep]
    df["words"] = pd.array([None if pd.isna(v) else int(v) for v in df["words"]], dtype="Int64")
    return html_table(df, css=False, classes="mk-docs")


def _notes(d: PairData) -> str:
    if not d.notes:
        return ""
    items = "\n".join(f"<li>{esc(n)}</li>" for n in d.notes)
    return (
        '<div class="mk-flag" role="note"><b>Notes on the data.</b> The analysis flagged:'
        f"\n<ul>\n{items}\n</ul>\n</div>"
    )


def _similarity(d: PairData, fig: _Figures, parts: dict[str, tuple[str, str]]) -> str:
    from mediakit import plot

    c = d.comparison
    a, b = esc(d.a), esc(d.b)
    heading, passages = parts["passages"]
    return "\n".join(
        [
            f'<p class="mk-legend">How much of the text the two versions share. Containment is '
            f"the share of one text's word {d.n}-grams found in the other: a version made mostly "
            f"from its source has a high containment of {b} in {a}.</p>",
            _report.summary_table(c),
            fig(
                lambda ax: plot.reuse_bars(c.reuse, ax),
                (6.4, 1.9),
                f"Containment both ways between {d.a} and {d.b} (mediakit.text_reuse).",
            ),
            f"<h3>{heading}</h3>",
            passages,
        ]
    )


def _side_by_side(d: PairData, fig: _Figures, parts: dict[str, tuple[str, str]]) -> str:
    from mediakit import plot

    c = d.comparison
    n = max(c.summary["n_sentences_a"], c.summary["n_sentences_b"], 1)
    size = min(max(3.2, 0.16 * n + 1.6), 8.0)
    dotplot = fig(
        lambda ax: plot.alignment_dotplot(c.alignment, ax, a_label=str(d.a), b_label=str(d.b)),
        (size + 1.2, size),
        f"Sentence alignment of {d.a} (x) and {d.b} (y): kept order runs along the "
        "diagonal; dropped and added sentences are ticks in the lanes at the edges.",
    )
    return dotplot + "\n" + parts["side_by_side"][1]


def _dropped_added(d: PairData, parts: dict[str, tuple[str, str]]) -> str:
    out = [
        '<p class="mk-legend">Sentences the alignment left without a counterpart, numbered '
        "by their sentence id in their own version.</p>"
    ]
    for key in ("dropped", "added"):
        heading, body = parts[key]
        out += [f"<h3>{heading}</h3>", body]
    return "\n".join(out)


def _claims(d: PairData, parts: dict[str, tuple[str, str]]) -> str:
    out = []
    for key in ("claims", "figures", "names"):
        heading, body = parts[key]
        out += [f"<h3>{heading}</h3>", body]
    return "\n".join(out)


def _quote_counts(ledger: pd.DataFrame, side: str) -> dict[str, int]:
    counts = ledger.loc[ledger["side"] == side, "status"].value_counts()
    return {str(k): int(v) for k, v in counts.items()}


def _quotes(d: PairData) -> str:
    q = d.quotes
    a, b = str(d.a), str(d.b)
    qa, qb = q[q["side"] == "a"], q[q["side"] == "b"]
    ca, cb = _quote_counts(q, "a"), _quote_counts(q, "b")
    fates = [
        ("kept", "kept word for word"),
        ("shortened", "shortened"),
        ("reworded", "reworded"),
        ("lost", "lost"),
        ("not compared", "not compared (no words)"),
    ]
    shown = ", ".join(f"{ca[k]} {text}" for k, text in fates if ca.get(k))
    out = [
        f"<p>{esc(a)} has {len(qa)} direct quote(s){': ' + esc(shown) if shown else ''}. "
        f"{esc(b)} has {len(qb)}, of which {cb.get('added', 0)} not in {esc(a)}.</p>",
        '<p class="mk-legend">Quotes are found by mediakit.extract_quotes and paired as '
        "mediakit.claim_changes pairs them: two quotes are the same when their words "
        "(stems, ignoring case, accents, the form of quotation marks and contractions) "
        "share a dense run of at least half of the shorter quote. <b>kept</b>: every word "
        "quoted in the other version, in order; <b>shortened</b>: part of it quoted word for "
        "word, the rest cut; <b>reworded</b>: words changed inside the quote; <b>lost</b>: no "
        "quote of the other version has its words. <i>words kept</i> is the share of the "
        "quote's words (stems) found, in order, in the quote(s) it became.</p>",
        f"<h3>The quotes of {esc(a)} and what became of them in {esc(b)}</h3>",
    ]
    if len(qa):
        table = pd.DataFrame(
            {
                f"{a} #": qa["sent_id"].astype(object).tolist(),
                "speaker": qa["speaker"].tolist(),
                f"quote in {a}": qa["quote"].tolist(),
                "fate": qa["status"].tolist(),
                f"quote in {b}": qa["counterpart"].tolist(),
                f"{b} #": qa["counterpart_sent"].astype(object).tolist(),
                "words kept": [_pct(v) for v in qa["words_kept"]],
                "note": qa["note"].tolist(),
            }
        )
        table = table.astype(object).where(table.notna(), None)
        out.append(html_table(table, css=False, classes="mk-quotes mk-quotes-a"))
    else:
        out.append("<p>None.</p>")
    new = qb[qb["status"] == "added"]
    out.append(f"<h3>Quotes of {esc(b)} not in {esc(a)} ({len(new)})</h3>")
    if len(new):
        table = pd.DataFrame(
            {
                f"{b} #": new["sent_id"].astype(object).tolist(),
                "speaker": new["speaker"].tolist(),
                f"quote in {b}": new["quote"].tolist(),
                "note": new["note"].tolist(),
            }
        )
        table = table.astype(object).where(table.notna(), None)
        out.append(html_table(table, css=False, classes="mk-quotes mk-quotes-b"))
    else:
        out.append("<p>None.</p>")
    return "\n".join(out)


def _matched_words(hits: pd.DataFrame, doc: Any, category: str) -> str:
    rows = hits[(hits["doc_id"] == doc) & (hits["category"] == category)]
    counts = Counter(str(m).lower() for m in rows["matched"])
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{w} ×{n}" if n > 1 else w for w, n in items)


def _frame_categories(d: PairData) -> list[str]:
    skip = {"n_tokens", "unmatched"}
    return [str(c) for c in d.counts.columns if c not in skip]


def _frames(d: PairData, fig: _Figures) -> str:
    from mediakit import plot

    a, b = d.a, d.b
    cats = _frame_categories(d)
    table = pd.DataFrame(
        {
            "category": cats,
            f"hits in {a}": [int(d.counts.loc[a, c]) for c in cats],
            f"per 1,000 tokens in {a}": [float(d.rates.loc[a, c]) for c in cats],
            f"hits in {b}": [int(d.counts.loc[b, c]) for c in cats],
            f"per 1,000 tokens in {b}": [float(d.rates.loc[b, c]) for c in cats],
            f"words matched in {a}": [_matched_words(d.hits, a, c) for c in cats],
            f"words matched in {b}": [_matched_words(d.hits, b, c) for c in cats],
        }
    )
    tokens = ", ".join(f"{esc(doc)} {int(d.counts.loc[doc, 'n_tokens']):,}" for doc in (a, b))
    out = [
        f"<p>Dictionary <b>{esc(d.dictionary)}</b>: hits of each category "
        f"(mediakit.count_frames), raw and per 1,000 tokens (tokens: {tokens}), and the words "
        "that matched (mediakit.frame_hits). Rates, not raw counts, compare texts of "
        "different lengths.</p>",
        html_table(table, css=False, classes="mk-frames", float_format=_two_decimals),
    ]
    if cats:
        out.append(
            fig(
                lambda ax: plot.frame_profile(d.rates, ax),
                (6.4, min(0.45 * len(cats) + 1.4, 9.0)),
                f"Frame profile of {d.a} and {d.b}: hits per 1,000 tokens of each category "
                f"of {d.dictionary}.",
            )
        )
    return "\n".join(out)


def _readability(d: PairData, fig: _Figures) -> str:
    from mediakit import plot

    a, b = d.a, d.b
    table_ = d.readability.join(d.features.drop(columns=["n_sentences"]))
    rows = []
    for col, label, meaning in MEASURES:
        x, y = table_.loc[a, col], table_.loc[b, col]
        rows.append(
            {
                "measure": label,
                str(a): _fmt(x, col),
                str(b): _fmt(y, col),
                f"{b} − {a}": _diff_fmt(x, y, col),
                "meaning": meaning,
            }
        )
    plotted = [c for c, _l, _m in MEASURES if c not in COUNT_MEASURES]
    labels = {c: label for c, label, _m in MEASURES}
    return "\n".join(
        [
            "<p>Readability formulas (mediakit.readability, on the body sentences) and lexical "
            "measures (mediakit.lexical_features) of each version. The formulas are "
            "calibrated on longer samples: on a news story, read the difference between the "
            "versions rather than the grade itself.</p>",
            html_table(pd.DataFrame(rows), css=False, classes="mk-readability"),
            fig(
                lambda ax: plot.feature_comparison(table_[plotted], ax, reference=a, labels=labels),
                (5.4, 0.3 * len(plotted) + 1.2),
                f"Each measure of {d.b} as a percent difference from {d.a} (the line at 0); "
                "the raw values are written at the right.",
            ),
        ]
    )


def _version() -> str:
    try:
        return importlib.metadata.version("mediakit")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source tree
        return "(version unknown: not installed)"


def _method(d: PairData) -> str:
    cleaned = (
        "cleaned with mediakit.clean_articles (page chrome, datelines, captions removed)"
        if d.cleaned
        else "used as given (not cleaned by the report)"
    )
    items = [
        f"The two articles were {cleaned}.",
        "Sentences: mediakit.split_sentences; the alignment, similarity, text reuse, figures, "
        "names and changes of meaning: mediakit.compare_versions with its defaults.",
        "Quotes: mediakit.extract_quotes, paired across the versions as in mediakit.claim_changes.",
        f"Frames: mediakit.count_frames and mediakit.frame_hits with the dictionary "
        f"{esc(d.dictionary)}.",
        "Readability and style: mediakit.readability and mediakit.lexical_features.",
        "Figures: mediakit.plot, in the house style, as SVG with text drawn as paths.",
    ]
    body = "\n".join(f"<li>{i}</li>" for i in items)
    return (
        f"<ul>\n{body}\n</ul>\n<p>Made with mediakit {esc(_version())}. The page has no "
        "script and loads nothing from the network; the same articles give the same bytes.</p>"
    )


# ---------------------------------------------------------------------------
# the document
# ---------------------------------------------------------------------------


def _toc() -> str:
    items = "\n".join(f'<li><a href="#{key}">{esc(heading)}</a></li>' for key, heading in SECTIONS)
    return (
        '<nav class="mk-toc" aria-label="Contents">\n<h2>Contents</h2>\n'
        f"<ol>\n{items}\n</ol>\n</nav>"
    )


def body(d: PairData, title: str) -> str:
    """The page's content (inside ``<main>``)."""
    parts = {key: (heading, html) for key, heading, html in _report.report_sections(d.comparison)}
    fig = _Figures()
    content = {
        "similarity": _similarity(d, fig, parts),
        "side-by-side": _side_by_side(d, fig, parts),
        "dropped-added": _dropped_added(d, parts),
        "claims": _claims(d, parts),
        "quotes": _quotes(d),
        "frames": _frames(d, fig),
        "readability": _readability(d, fig),
        "method": _method(d),
    }
    out = [
        f"<header>\n<h1>{esc(title)}</h1>",
        f'<p class="mk-lead">Two versions of one story compared: <b>{esc(d.a)}</b>, the '
        f"source, and <b>{esc(d.b)}</b>, the later version.</p>",
        _articles_table(d),
        "</header>",
    ]
    notes = _notes(d)
    if notes:
        out.append(notes)
    out.append(_toc())
    for k, (key, heading) in enumerate(SECTIONS, start=1):
        out.append(
            f'<section id="{key}">\n<h2>{k}. {esc(heading)}</h2>\n{content[key]}\n</section>'
        )
    return "\n".join(out)


def document(d: PairData, title: str | None) -> str:
    """The standalone HTML document."""
    title = title if title is not None else f"{d.a} → {d.b}: two versions of a story"
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}{REPORT_CSS}</style>\n</head>\n<body>\n"
        f'<main class="mk-view mk-report">\n{body(d, title)}\n</main>\n</body>\n</html>\n'
    )
