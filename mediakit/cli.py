"""The ``mediakit`` command: ``mediakit demo`` runs the pipeline on the seed pair."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

import mediakit as mk

__all__ = ["main"]

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


def _demo(args: argparse.Namespace) -> int:
    if args.source:
        articles = mk.read_articles(args.source)
        origin = args.source
    else:
        articles = mk.load_sample_articles()
        origin = (
            "the bundled seed pair: an AFP story of 7 November 2024 as republished (wire) "
            "and a content site's rewrite (rewrite); provenance in data/seed-pair/README.md"
        )
    print(f"mediakit {mk.__version__} · demo on {origin}\n")
    print(summarize(articles))
    if len(articles) == 2:
        # Two versions of a story: compare the first (source) with the second (derived).
        a, b = articles.index[0], articles.index[1]
        report = mk.compare_versions(mk.clean_articles(articles), a, b)
        print(report.summary_text())
        if args.html:
            Path(args.html).parent.mkdir(parents=True, exist_ok=True)
            path = report.to_html(args.html)
            print(f"\nThe full comparison, side by side: {path}")
    else:
        print(f"(compare_versions runs when the source holds two articles; it has {len(articles)})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mediakit`` command."""
    parser = argparse.ArgumentParser(prog="mediakit", description=__doc__)
    parser.add_argument("--version", action="version", version=f"mediakit {mk.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser(
        "demo", help="load, clean and segment articles and print what was found and removed"
    )
    demo.add_argument(
        "source", nargs="?", help="file, folder or table of articles (default: the seed pair)"
    )
    demo.add_argument(
        "--html",
        metavar="PATH",
        help="also write the comparison report of the two versions to this HTML file",
    )
    demo.set_defaults(func=_demo)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
