"""``mediakit demo``: load, clean, segment and compare the seed pair, described in plain text."""

from __future__ import annotations

import argparse
import textwrap
import warnings

import pandas as pd

import mediakit as mk
from mediakit.cli._command import Command, Context, html_file

__all__ = ["Demo", "summarize"]

WIDTH = 96


def _shorten(text: object, width: int) -> str:
    return textwrap.shorten(str(text), width=width, placeholder=" …")


def _field(value: object) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):  # type: ignore[arg-type]
        return "–"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value)) if value else "–"
    return str(value)


def summarize(articles: pd.DataFrame) -> str:
    """Run load → clean → segment on ``articles`` and describe the result in plain text."""
    clean = mk.clean_articles(articles)
    audit = mk.cleaning_audit(articles)
    sentences = mk.split_sentences(clean)
    tokens = mk.tokenize(clean, sentences=sentences)
    paragraphs = mk.split_paragraphs(clean)

    lines: list[str] = []
    overview = pd.DataFrame(
        {
            "raw chars": clean["text_raw"].str.len(),
            "clean chars": clean["text"].str.len(),
            "paragraphs": paragraphs.groupby("doc_id").size(),
            "sentences": sentences.groupby("doc_id").size(),
            "tokens": tokens.groupby("doc_id").size(),
            "removed": clean["n_removed"],
        }
    ).reindex(clean.index)
    overview = overview.fillna(0).astype(int)
    lines += ["Articles", textwrap.indent(overview.to_string(), "  "), ""]

    for doc_id, row in clean.iterrows():
        lines.append(f"{doc_id}: {_shorten(row.get('title', ''), WIDTH - len(str(doc_id)) - 2)}")
        fields = ["dateline", "agency", "byline", "date"]
        lines.append("  " + " · ".join(f"{f}: {_field(row.get(f))}" for f in fields))
        for caption, credit in zip(
            row.get("captions") or [], row.get("caption_credits") or [], strict=False
        ):
            lines.append(f"  caption: {_shorten(caption, 70)} (credit: {credit})")
        subheads = sentences[(sentences["doc_id"] == doc_id) & (sentences["kind"] == "subheading")]
        for sub in subheads["text"]:
            lines.append(f"  subheading: {sub}")
        removed = audit[audit["doc_id"] == doc_id]
        lines.append(f"  removed ({len(removed)}):")
        for r in removed.itertuples():
            where = f"line {r.line}"
            lines.append(f"    {where:<9} {r.rule:<20} {_shorten(r.removed, WIDTH - 36)}")
        lead = sentences[(sentences["doc_id"] == doc_id) & (sentences["kind"] == "body")]
        lines.append("  first sentences:")
        for i, sent in enumerate(lead["text"].head(3), start=1):
            wrapped = textwrap.wrap(sent, WIDTH - 7)
            lines.append(f"    {i}. " + "\n       ".join(wrapped))
        lines.append("")
    return "\n".join(lines)


class Demo(Command):
    """``mediakit demo``: the pipeline on the seed pair (or your articles), described in text."""

    name = "demo"
    help = "load, clean and segment articles and print what was found and removed"
    description = (
        "Load, clean and segment articles (by default the bundled seed pair) and print what "
        "was found and removed; when the source holds two articles, compare the first (the "
        "source) with the second (the derived version)."
    )
    examples = (
        "mediakit demo --html out/seed-pair-comparison.html --report out/seed-pair-report.html",
        "mediakit demo my-articles/",
    )
    reads = cleans = writes = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "source", nargs="?", help="file, folder or table of articles (default: the seed pair)"
        )
        parser.add_argument(
            "--html",
            metavar="PATH",
            type=html_file,
            help="also write the comparison report of the two versions to this HTML file",
        )
        parser.add_argument(
            "--report",
            metavar="PATH",
            type=html_file,
            help="also write the full report of the two versions (mk.write_report: reuse, side "
            "by side, changes of meaning, quotes, frames, readability) to this HTML file",
        )

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        if args.source:
            articles = ctx.read([args.source])
            origin = args.source
        else:
            articles = mk.load_sample_articles()
            origin = (
                "the bundled seed pair: an AFP story of 7 November 2024 as republished (wire) "
                "and a content site's rewrite (rewrite); provenance in data/seed-pair/README.md"
            )
        out = ctx.stdout
        print(f"mediakit {mk.__version__} · demo on {origin}\n", file=out)
        print(summarize(articles), file=out)
        if len(articles) == 2:
            # Two versions of a story: compare the first (source) with the second (derived).
            a, b = articles.index[0], articles.index[1]
            report = mk.compare_versions(mk.clean_articles(articles), a, b)
            print(report.summary_text(), file=out)
            if args.html:
                args.html.parent.mkdir(parents=True, exist_ok=True)
                path = report.to_html(args.html)
                print(f"\nThe full comparison, side by side: {path}", file=out)
            if args.report:
                args.report.parent.mkdir(parents=True, exist_ok=True)
                with warnings.catch_warnings():  # the page lists what the analysis flagged
                    warnings.simplefilter("ignore", mk.MediakitWarning)
                    path = mk.write_report(articles, args.report, a, b)
                print(f"The report (one self-contained page, opens offline): {path}", file=out)
        else:
            print(
                "(compare_versions runs when the source holds two articles; "
                f"it has {len(articles)})",
                file=out,
            )
        return 0
