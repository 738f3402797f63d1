"""What every subcommand of ``mediakit`` shares: options, reading, writing, messages.

A subcommand is a :class:`Command` subclass with a name, a one-line help, an
example and ``run(args, ctx)``; class flags add the shared options (the
articles to read and how, ``--no-clean``, ``-o``/``--format``), and
:class:`Context` does the reading, cleaning and writing, so a subcommand is a
few lines that call the public API.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar, NoReturn

import pandas as pd

import mediakit as mk
from mediakit.cli._output import (
    FORMATS,
    TableTarget,
    UsageError,
    html_target,
    table_target,
    write_table,
)

__all__ = [
    "Command",
    "Context",
    "Parser",
    "UsageError",
    "cli_message",
    "html_file",
    "table_file",
]

_GLOB = "*?["
_WIDTH = 79


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, naming the fix (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}; see '{self.prog} --help'\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keep the epilog's examples as written; show the defaults that say something."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            "default" in text
            or default in (None, False, [], argparse.SUPPRESS)
            or action.option_strings == []
        ):
            return text
        return f"{text} (default: %(default)s)"


@dataclass
class Context:
    """What a command needs besides its arguments: streams, progress, reading and writing."""

    prog: str
    quiet: bool = False
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)

    @property
    def progress(self) -> bool | None:
        """The ``progress=`` of the calls: bars only where stderr is a terminal."""
        if self.quiet or not self.stderr.isatty():
            return False
        return None  # a terminal: mediakit shows a bar once a call has run for two seconds

    def note(self, message: str) -> None:
        """A status line on stderr (silenced by ``--quiet``)."""
        if not self.quiet:
            print(f"{self.prog}: {message}", file=self.stderr)

    def read(
        self, sources: Sequence[str], options: Mapping[str, Any] | None = None
    ) -> pd.DataFrame:
        """``mk.read_articles`` on the sources, with ``options`` (see :func:`read_options`)."""
        self.check_sources(sources)
        source: Any = list(sources) if len(sources) > 1 else sources[0]
        return mk.read_articles(source, **(options or {}), progress=self.progress)

    def check_sources(self, sources: Sequence[str]) -> None:
        """Raise a :class:`UsageError` naming a source that does not exist (globs aside)."""
        for source in sources:
            if not any(c in source for c in _GLOB) and not Path(source).expanduser().exists():
                raise UsageError(
                    f"no such file or folder: {source!r}; check the path (a file, a folder, or a "
                    "quoted glob such as 'corpus/**/*.txt')"
                )

    def articles(self, args: argparse.Namespace) -> pd.DataFrame:
        """The articles of ``args.source``, cleaned unless ``--no-clean``."""
        articles = self.read(args.source, read_options(args))
        if getattr(args, "no_clean", False):
            return articles
        return mk.clean_articles(articles, progress=self.progress)

    def write(self, table: pd.DataFrame, target: TableTarget) -> None:
        """Write a table (index as a column) and say where on stderr."""
        try:
            write_table(table, target, self.stdout)
        except BrokenPipeError:  # the reader of standard output went away: main stops quietly
            raise
        except OSError as exc:
            raise UsageError(
                f"cannot write {str(target)!r}: {exc.strerror or exc}; choose a path in a "
                "folder you can write to"
            ) from exc
        self.note(f"wrote {len(table)} row{'' if len(table) == 1 else 's'} to {target}")


def cli_message(text: str, options: Mapping[str, str]) -> str:
    """A message of the library in the command's terms, for the keywords in ``options``.

    ``options`` maps a keyword of the function called to the command's option:
    ```threshold``` becomes ``--threshold``, ``errors='warn'`` becomes
    ``--errors warn`` and ``encoding=`` becomes ``--encoding``.
    """

    def quoted(match: re.Match[str]) -> str:
        option = options.get(match.group(1))
        return match.group(0) if option is None else f"{option} {match.group(3)}"

    text = re.sub(r"`(\w+)`", lambda m: options.get(m.group(1), m.group(0)), text)
    text = re.sub(r"\b(\w+)=(['\"])([^'\"]*)\2", quoted, text)
    return re.sub(r"\b(\w+)=(?=[,;\s]|$)", lambda m: options.get(m.group(1), m.group(0)), text)


def table_file(value: str) -> TableTarget:
    """Argparse ``type`` of a second table a command writes (``--audit``, ``--clusters``)."""
    if value == "-":
        raise argparse.ArgumentTypeError(
            "standard output is for -o; give this table a file name, e.g. 'table.csv'"
        )
    try:
        return table_target(value, option="")
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def html_file(value: str) -> Path:
    """Argparse ``type`` of an HTML report file (``--html``)."""
    try:
        return html_target(value, option="")
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def read_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords of ``mk.read_articles`` set by the reading options."""
    return {
        "text_col": args.text_col,
        "id_col": args.id_col,
        "title_col": args.title_col,
        "date_col": args.date_col,
        "outlet_col": args.outlet_col,
        "id_from": args.id_from,
        "encoding": args.encoding,
        "errors": args.errors,
    }


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """``--quiet`` and ``--traceback``, on every command."""
    group = parser.add_argument_group("messages")
    group.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bars, warnings or status lines"
    )
    group.add_argument(
        "--traceback",
        action="store_true",
        help="on an error, show Python's traceback instead of the one-line message",
    )


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """Options of ``mk.read_articles``, in a group of their own."""
    group = parser.add_argument_group("reading the articles (options of mk.read_articles)")
    group.add_argument("--text-col", default="text", metavar="COL", help="text column of a table")
    group.add_argument("--id-col", metavar="COL", help="id column of a table (default: doc_id/id)")
    group.add_argument("--title-col", default="title", metavar="COL", help="title column")
    group.add_argument("--date-col", default="date", metavar="COL", help="date column")
    group.add_argument("--outlet-col", default="outlet", metavar="COL", help="outlet column")
    group.add_argument(
        "--id-from",
        choices=("stem", "path"),
        default="stem",
        help="doc_id of a file: its name, or its path under the folder (unique across subfolders)",
    )
    group.add_argument(
        "--encoding", metavar="CODEC", help="force this encoding (default: detect per file)"
    )
    group.add_argument(
        "--errors",
        choices=("raise", "warn"),
        default="raise",
        help="an unreadable file stops the command (raise), or is kept as a row with empty "
        "text and its reason in `error`, with a warning (warn)",
    )


class Command:
    """A subcommand. Subclasses set the class attributes and implement :meth:`run`.

    ``reads``: add the positional ``PATH...`` and the reading options;
    ``cleans``: add ``--no-clean`` (``ctx.articles(args)`` cleans unless it is
    given); ``writes``: add ``-o/--output`` (required) and ``--format``, checked
    before the command runs and given to :meth:`run` as ``args.output``, a
    :class:`TableTarget` for ``ctx.write``.
    """

    name: ClassVar[str]
    help: ClassVar[str]
    #: Keywords of the functions called whose option has another name (n_jobs -> --jobs).
    renamed: ClassVar[dict[str, str]] = {}
    description: ClassVar[str] = ""
    examples: ClassVar[tuple[str, ...]] = ()
    reads: ClassVar[bool] = True
    cleans: ClassVar[bool] = True
    writes: ClassVar[bool] = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's own options."""

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        """Do the work; return the exit code."""
        raise NotImplementedError

    def build(self, subparsers: Any) -> None:
        """Add this command's parser to ``subparsers``."""
        epilog = "example" + ("s" if len(self.examples) > 1 else "") + ":\n"
        epilog += "\n".join(f"  {e}" for e in self.examples)
        parser = subparsers.add_parser(
            self.name,
            help=self.help,
            description=textwrap.fill(self.description or self.help, _WIDTH),
            epilog=epilog,
            formatter_class=_Formatter,
        )
        if self.reads:
            parser.add_argument(
                "source",
                nargs="+",
                metavar="PATH",
                help="article files, folders, tables (.csv .tsv .jsonl .parquet) or quoted globs",
            )
        if self.writes:
            parser.add_argument(
                "-o",
                "--output",
                required=True,
                metavar="FILE",
                help="where to write the table: .csv, .tsv, .parquet or .jsonl; - for standard "
                "output (CSV unless --format)",
            )
            parser.add_argument(
                "--format", choices=FORMATS, help="format of -o (default: from its extension)"
            )
        if self.cleans:
            parser.add_argument(
                "--no-clean",
                action="store_true",
                help="use the text as read (already clean, e.g. written by 'mediakit clean') "
                "instead of running mk.clean_articles first",
            )
        self.add_arguments(parser)
        if self.reads:
            add_reading_options(parser)
        add_common_options(parser)
        parser.set_defaults(command=self)
        self.options = {
            action.dest: next(o for o in action.option_strings if o.startswith("--"))
            for action in parser._actions
            if any(o.startswith("--") for o in action.option_strings)
        } | self.renamed

    def prepare(self, args: argparse.Namespace) -> None:
        """Check the output before any work is done (a bad extension costs nothing)."""
        if self.writes:
            args.output = table_target(args.output, args.format)
            if args.output.path is None and args.output.format == "parquet" and sys.stdout.isatty():
                raise UsageError(
                    "Parquet is binary and standard output is a terminal; redirect it to a file "
                    "(> out.parquet) or pass -o out.parquet"
                )
