"""The subcommands of ``mediakit``: each reads, calls the public API once or twice, and writes.

No analysis happens here: every number comes from the function named in the
command's help, called with the options as given.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

import mediakit as mk
from mediakit._validation import show_values
from mediakit.cli._command import (
    Command,
    Context,
    UsageError,
    add_reading_options,
    cli_message,
    html_file,
    read_options,
    table_file,
)
from mediakit.compare.near_duplicates import MEASURES
from mediakit.corpus.features import FEATURE_GROUPS
from mediakit.framing.builtin import BUILTIN_DICTIONARIES
from mediakit.framing.frames import LEVELS, NORMALIZE

__all__ = ["Clean", "Compare", "Features", "Frames", "NearDups", "Quotes", "dictionary"]

_DICTIONARY_FILES = ".yml, .dic (LIWC), .cat (WordStat), .lc3/.lcd (Lexicoder), .csv"
#: --normalize values: the library's, with None spelled "none".
_NORMALIZE = tuple("none" if n is None else n for n in NORMALIZE)


def _normalize(value: str) -> str | None:
    return None if value == "none" else value


def dictionary(value: str, encoding: str | None = None) -> mk.Dictionary:
    """The dictionary of ``--dictionary``: a built-in name or a dictionary file."""
    path = Path(value).expanduser()
    builtins = ", ".join(BUILTIN_DICTIONARIES)
    if path.is_file():
        try:
            return mk.read_dictionary(path, encoding=encoding)
        except (OSError, ValueError) as exc:  # DictionaryFormatError is a ValueError
            message = cli_message(" ".join(str(exc).split()), {"encoding": "--dictionary-encoding"})
            raise UsageError(f"--dictionary: {message}") from exc
    if value in BUILTIN_DICTIONARIES:
        return mk.load_dictionary(value)
    if path.exists():
        raise UsageError(
            f"--dictionary {value!r} is a folder; pass a dictionary file ({_DICTIONARY_FILES}) "
            f"or a built-in name ({builtins})"
        )
    raise UsageError(
        f"unknown dictionary {value!r}: no built-in has this name and no such file exists; "
        f"pass a built-in name ({builtins}) or the path of a dictionary file ({_DICTIONARY_FILES})"
    )


def _add_dictionary(parser: argparse.ArgumentParser, *, required: bool, help: str) -> None:
    parser.add_argument(
        "--dictionary",
        required=required,
        metavar="NAME|FILE",
        help=f"{help}: a built-in ({', '.join(BUILTIN_DICTIONARIES)}) or a dictionary file "
        f"({_DICTIONARY_FILES})",
    )
    parser.add_argument(
        "--dictionary-encoding",
        metavar="CODEC",
        help="encoding of the dictionary file (default: UTF-8)",
    )


def _prepare_dictionary(args: argparse.Namespace) -> None:
    if args.dictionary is not None:
        args.dictionary = dictionary(args.dictionary, args.dictionary_encoding)


def _add_versions(parser: argparse.ArgumentParser) -> None:
    """The two versions of ``compare`` and ``report``: two PATHs, one, or --a/--b ids."""
    parser.add_argument(
        "versions",
        nargs="+",
        metavar="PATH",
        help="A and B, one article each; or one source holding two articles; or any "
        "sources with --a and --b naming the two",
    )
    parser.add_argument("--a", metavar="ID", help="doc_id of version A among the articles")
    parser.add_argument("--b", metavar="ID", help="doc_id of version B among the articles")


class Compare(Command):
    name = "compare"
    help = "compare two versions of a story (mk.compare_versions): what was kept, changed, lost"
    description = (
        "Compare two versions of a story, A (the source, e.g. a wire story) and B (the later "
        "version, e.g. a rewrite): print the summary of mk.compare_versions (similarity, "
        "containment, aligned sentences, changes of meaning, figures, names) and optionally "
        "write the side-by-side HTML report and the alignment table."
    )
    examples = (
        "mediakit compare wire.txt rewrite.txt --html comparison.html",
        "mediakit compare corpus.csv --a 17 --b 42 --alignment alignment.csv",
    )
    reads = writes = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _add_versions(parser)
        parser.add_argument(
            "--html", type=html_file, metavar="FILE", help="write the side-by-side report here"
        )
        parser.add_argument(
            "--alignment",
            type=table_file,
            metavar="FILE",
            help="write the aligned sentences with their word diffs (VersionComparison.to_frame)",
        )
        add_reading_options(parser)

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        articles, a, b = self._versions(args, ctx)
        if not args.no_clean:
            articles = mk.clean_articles(articles, progress=ctx.progress)
        report = mk.compare_versions(articles, a, b)
        print(report.summary_text(), file=ctx.stdout)
        if args.html:
            args.html.parent.mkdir(parents=True, exist_ok=True)
            report.to_html(args.html)
            ctx.note(f"wrote the report to {args.html}")
        if args.alignment:
            ctx.write(report.to_frame(), args.alignment)
        return 0

    def _versions(self, args: argparse.Namespace, ctx: Context) -> tuple[pd.DataFrame, Any, Any]:
        paths, options = args.versions, read_options(args)
        if args.a is not None or args.b is not None:
            if args.a is None or args.b is None:
                raise UsageError(
                    "--a and --b pick the two articles to compare; pass both, "
                    "e.g. 'mediakit compare corpus.csv --a 17 --b 42'"
                )
            return ctx.read(paths, options), args.a, args.b
        if len(paths) > 2:
            raise UsageError(
                f"compare takes two versions, got {len(paths)} PATHs; pass two files, or pick "
                "two articles of the sources with --a ID --b ID"
            )
        if len(paths) == 1:
            articles = ctx.read(paths, options)
            if len(articles) != 2:
                raise UsageError(
                    f"{paths[0]!r} holds {len(articles)} article(s), not two; pick two with "
                    f"--a ID --b ID (its doc_ids: {show_values(list(articles.index))})"
                )
            return articles, articles.index[0], articles.index[1]
        versions = []
        for path in paths:
            one = ctx.read([path], options)
            if len(one) != 1:
                raise UsageError(
                    f"{path!r} holds {len(one)} articles; with two PATHs each is one article. "
                    f"To compare two articles of one source, pass it alone with --a ID --b ID"
                )
            versions.append(one)
        if versions[0].index[0] == versions[1].index[0]:  # v1/story.txt and v2/story.txt
            if paths[0] == paths[1]:
                raise UsageError(f"A and B are the same file {paths[0]!r}; pass two versions")
            for one, path in zip(versions, paths, strict=True):
                one.index = pd.Index([path], name="doc_id")
        articles = pd.concat(versions)
        return articles, articles.index[0], articles.index[1]


class Report(Compare):
    name = "report"
    help = "write one self-contained HTML report of two versions of a story (mk.write_report)"
    description = (
        "Write one self-contained HTML page about two versions of a story, A (the source) and "
        "B (the later version): similarity and containment, the two texts side by side, the "
        "dropped and added sentences, the changes of meaning, the quotes kept and lost, the "
        "frame profile and the readability of each version (mk.write_report). The page needs "
        "no network: no script, style sheet, font or image from outside; figures are inline SVG."
    )
    examples = (
        "mediakit report wire.txt rewrite.txt -o report.html",
        "mediakit report corpus.csv --a 17 --b 42 --dictionary policy_frames -o report.html",
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _add_versions(parser)
        parser.add_argument(
            "-o", "--output", required=True, type=html_file, metavar="FILE",
            help="where to write the report (.html)",
        )  # fmt: skip
        parser.add_argument("--title", help="the page's title (default: 'A → B: two versions…')")
        _add_dictionary(parser, required=False, help="the frames profiled (default generic_frames)")
        add_reading_options(parser)

    def prepare(self, args: argparse.Namespace) -> None:
        super().prepare(args)
        _prepare_dictionary(args)

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        articles, a, b = self._versions(args, ctx)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        path = mk.write_report(
            articles,
            args.output,
            a,
            b,
            dictionary=args.dictionary if args.dictionary is not None else "generic_frames",
            clean=not args.no_clean,
            title=args.title,
        )
        ctx.note(f"wrote the report to {path}")
        return 0


class Clean(Command):
    name = "clean"
    help = "strip page chrome, extract titles, datelines and captions (mk.clean_articles)"
    description = (
        "Clean articles with mk.clean_articles: remove page chrome (menus, share bars, "
        "captions, comment forms, boilerplate repeated across an outlet), keep the body, and "
        "extract title, dateline, agency, byline, date and captions. The table keeps the "
        "untouched input in text_raw; --audit lists every removal (mk.cleaning_audit)."
    )
    examples = ("mediakit clean corpus/ -o clean.parquet --audit audit.csv",)
    cleans = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--audit",
            type=table_file,
            metavar="FILE",
            help="also write one row per removal: rule, reason, text, offsets",
        )
        parser.add_argument(
            "--disable",
            nargs="+",
            default=[],
            metavar="RULE",
            help="rules not to apply (names as in mk.default_rules(), e.g. byline caption)",
        )
        parser.add_argument(
            "--no-boilerplate",
            action="store_true",
            help="do not remove lines repeated across an outlet's articles",
        )
        parser.add_argument(
            "--by",
            default="outlet",
            metavar="COL",
            help="column whose groups boilerplate is found in; 'none' for the whole corpus",
        )

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        articles = ctx.read(args.source, read_options(args))
        options: dict[str, Any] = {
            "disable": args.disable,
            "boilerplate": not args.no_boilerplate,
            "by": None if args.by == "none" else args.by,
        }
        ctx.write(mk.clean_articles(articles, progress=ctx.progress, **options), args.output)
        if args.audit:
            ctx.write(mk.cleaning_audit(articles, **options), args.audit)
        return 0


class Features(Command):
    name = "features"
    help = "lexical features, readability and frame counts of each article (mk.document_features)"
    description = (
        "One row per article (doc_id) with the measures of mk.document_features: lexical "
        "features (mk.lexical_features), readability scores (mk.readability) and, with "
        "--dictionary, frame counts (mk.count_frames), from one tokenization."
    )
    renamed: ClassVar[dict[str, str]] = {"n_jobs": "--jobs"}
    examples = (
        "mediakit features corpus/ -o features.csv",
        "mediakit features clean.parquet --no-clean --dictionary generic_frames -o features.csv",
        "mediakit features 'corpus/**/*.txt' --jobs 2 -o features.parquet",
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _add_dictionary(parser, required=False, help="also count the frames of this dictionary")
        parser.add_argument(
            "--measures",
            nargs="+",
            choices=FEATURE_GROUPS,
            help="groups of measures (default: all; frames only with --dictionary)",
        )
        parser.add_argument(
            "--normalize",
            choices=_NORMALIZE,
            default="per_1000_tokens",
            help="frame counts per 1,000 word tokens, as a share of the hits, or raw (none)",
        )
        parser.add_argument(
            "--window", type=int, default=50, help="window of the moving-average TTR, in tokens"
        )
        parser.add_argument(
            "--ttr-threshold", type=float, default=0.72, help="TTR threshold of MTLD's factors"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            metavar="N",
            help="read, clean and measure the corpus a chunk at a time in N worker processes "
            "(mk.map_articles; -1: one per core); boilerplate is then found within each chunk",
        )
        parser.add_argument(
            "--chunksize",
            type=int,
            metavar="N",
            help="articles per chunk with --jobs (default: 1000)",
        )

    def prepare(self, args: argparse.Namespace) -> None:
        super().prepare(args)
        if args.measures and "frames" in args.measures and args.dictionary is None:
            raise UsageError(
                "--measures frames needs a dictionary; pass --dictionary, e.g. "
                "--dictionary generic_frames"
            )
        _prepare_dictionary(args)

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        options: dict[str, Any] = {
            "measures": args.measures,
            "normalize": _normalize(args.normalize),
            "window": args.window,
            "ttr_threshold": args.ttr_threshold,
        }
        if args.jobs is None and args.chunksize is None:
            articles = ctx.articles(args)
            features = mk.document_features(
                articles, args.dictionary, progress=ctx.progress, **options
            )
        else:
            ctx.check_sources(args.source)
            measure = functools.partial(mk.document_features, progress=False)
            measure.__name__ = "document_features"  # type: ignore[attr-defined]  # the bar's label
            source = args.source if len(args.source) > 1 else args.source[0]
            features = mk.map_articles(
                source,
                measure,
                args.dictionary,
                clean=not args.no_clean,
                chunksize=1000 if args.chunksize is None else args.chunksize,
                n_jobs=1 if args.jobs is None else args.jobs,
                progress=ctx.progress,
                read_options=read_options(args),
                **options,
            )
        ctx.write(features, args.output)
        return 0


class Frames(Command):
    name = "frames"
    help = "count the categories of a framing dictionary (mk.count_frames)"
    description = (
        "Count each category of a dictionary per document, paragraph or sentence with "
        "mk.count_frames (then n_tokens, the word tokens, and unmatched); --hits writes the "
        "evidence, one row per hit with its offsets (mk.frame_hits)."
    )
    examples = (
        "mediakit frames corpus/ --dictionary generic_frames -o frames.csv",
        "mediakit frames corpus/ --dictionary my_frames.yml --level sentence -o frames.parquet",
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _add_dictionary(parser, required=True, help="the dictionary")
        parser.add_argument("--level", choices=LEVELS, default="document", help="the unit counted")
        parser.add_argument(
            "--normalize",
            choices=_NORMALIZE,
            default="none",
            help="raw counts (none), per 1,000 word tokens, or as a share of the unit's hits",
        )
        parser.add_argument(
            "--categories", nargs="+", metavar="CAT", help="only these categories (default: all)"
        )
        parser.add_argument(
            "--hits", type=table_file, metavar="FILE", help="also write every hit (mk.frame_hits)"
        )

    def prepare(self, args: argparse.Namespace) -> None:
        super().prepare(args)
        _prepare_dictionary(args)

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        articles = ctx.articles(args)
        sentences = tokens = None
        if args.hits:  # split and tokenize once for the counts and the hits
            sentences = mk.split_sentences(articles, progress=ctx.progress)
            tokens = mk.tokenize(articles, sentences=sentences, progress=ctx.progress)
        counts = mk.count_frames(
            articles,
            args.dictionary,
            level=args.level,
            normalize=_normalize(args.normalize),
            categories=args.categories,
            sentences=sentences,
            tokens=tokens,
            progress=ctx.progress,
        )
        ctx.write(counts, args.output)
        if args.hits:
            hits = mk.frame_hits(
                articles,
                args.dictionary,
                categories=args.categories,
                sentences=sentences,
                tokens=tokens,
                progress=ctx.progress,
            )
            ctx.write(hits, args.hits)
        return 0


class Quotes(Command):
    name = "quotes"
    help = "direct quotes with speaker and reporting verb (mk.extract_quotes)"
    description = (
        "One row per direct quote, in reading order, with mk.extract_quotes: doc_id, quote, "
        "speaker, speaker_role, verb, anonymous, kind (full/partial), offsets into the text."
    )
    examples = ("mediakit quotes corpus/ -o quotes.csv",)

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--include-subheadings",
            action="store_true",
            help="also report quotes in crossheads (they usually repeat one of the body)",
        )

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        articles = ctx.articles(args)
        quotes = mk.extract_quotes(
            articles, include_subheadings=args.include_subheadings, progress=ctx.progress
        )
        ctx.write(quotes, args.output)
        return 0


class NearDups(Command):
    name = "near-dups"
    help = "pairs of articles that share much of their text (mk.near_duplicates)"
    description = (
        "Find the pairs of articles that share much of their text with mk.near_duplicates "
        "(shingles, without comparing all pairs): one row per pair at or above the threshold, "
        "with containment both ways, Jaccard, cosine, verbatim share and the likely source. "
        "--clusters groups the articles into stories (mk.story_clusters), one row per article."
    )
    examples = (
        "mediakit near-dups corpus/ -o pairs.csv --clusters stories.csv",
        "mediakit near-dups corpus/ --measure jaccard --threshold 0.8 -o pairs.parquet",
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--threshold", type=float, default=0.5, help="minimum of the measure (0-1)"
        )
        parser.add_argument("--measure", choices=MEASURES, default="containment")
        parser.add_argument("--n", type=int, default=3, help="words per shingle")
        parser.add_argument(
            "--sample", type=int, default=4, help="index one shingle in SAMPLE (by hash)"
        )
        parser.add_argument(
            "--min-shared", type=int, default=2, help="indexed shingles a candidate pair shares"
        )
        parser.add_argument(
            "--max-df",
            type=int,
            default=100,
            help="prune shingles indexed for more articles than this (stock phrases)",
        )
        parser.add_argument(
            "--passage", type=int, default=8, help="words of a verbatim passage (verbatim_share)"
        )
        parser.add_argument(
            "--clusters",
            type=table_file,
            metavar="FILE",
            help="also write the stories: one row per article (mk.story_clusters)",
        )

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        articles = ctx.articles(args)
        pairs = mk.near_duplicates(
            articles,
            threshold=args.threshold,
            measure=args.measure,
            n=args.n,
            sample=args.sample,
            min_shared=args.min_shared,
            max_df=args.max_df,
            passage=args.passage,
            progress=ctx.progress,
        )
        ctx.write(pairs, args.output)
        if args.clusters:
            ctx.write(mk.story_clusters(pairs, articles), args.clusters)
        return 0
