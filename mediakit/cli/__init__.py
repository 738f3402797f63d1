"""The ``mediakit`` command: the pipeline's steps on files, from a shell.

Each subcommand reads articles (files, folders, globs, tables), calls the
public API (``mk.clean_articles``, ``mk.document_features``,
``mk.count_frames``, ...) and writes the resulting table in the format of the
output file's extension. Bad arguments, missing or unreadable paths and
mediakit's own input errors end with a one-line message on stderr and exit
code 2; warnings are one line each on stderr; progress bars appear only when
stderr is a terminal.

A subcommand is a :class:`mediakit.cli._command.Command` subclass listed in
:data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import IO, Any

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.cli._command import Command, Context, Parser, UsageError, cli_message
from mediakit.cli._commands import Clean, Compare, Features, Frames, NearDups, Quotes, Report
from mediakit.cli._demo import Demo, summarize

__all__ = ["COMMANDS", "build_parser", "main", "summarize"]

#: The subcommands, in the order ``mediakit --help`` lists them.
COMMANDS: tuple[type[Command], ...] = (
    Compare, Report, Clean, Features, Frames, Quotes, NearDups, Demo
)  # fmt: skip

_DESCRIPTION = """\
Media analysis of news articles from the shell: each command reads articles
(files, folders, quoted globs, or tables: .csv .tsv .jsonl .parquet), runs one
step of mediakit's pipeline and writes a table whose format follows the
extension of -o (.csv .tsv .parquet .jsonl; - for standard output)."""

_EPILOG = """\
examples:
  mediakit compare wire.txt rewrite.txt --html comparison.html
  mediakit report wire.txt rewrite.txt -o report.html
  mediakit clean corpus/ -o clean.parquet --audit audit.csv
  mediakit features clean.parquet --no-clean --dictionary generic_frames -o features.csv
  mediakit <command> --help     (options and an example for each command)

exit codes: 0 done, 2 bad arguments, paths or input (message on stderr), 1 an unexpected error"""


def build_parser() -> argparse.ArgumentParser:
    """The parser of the ``mediakit`` command and its subcommands."""
    parser = Parser(
        prog="mediakit",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mediakit {mk.__version__}")
    sub = parser.add_subparsers(title="commands", dest="name", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command().build(sub)
    return parser


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror and exc.filename is not None:
        text = f"{exc.strerror}: {str(exc.filename)!r}"  # the system's error, without [Errno n]
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


@contextlib.contextmanager
def _warnings_to(stderr: IO[str], command: Command, quiet: bool) -> Iterator[None]:
    """Show warnings as ``mediakit NAME: warning: message``, one line each (none if ``quiet``)."""

    def show(message: Any, category: type[Warning], *_: Any, **__: Any) -> None:
        kind = "" if issubclass(category, MediakitWarning) else f" ({category.__name__})"
        text = cli_message(_one_line(Exception(str(message))), command.options)
        print(f"mediakit {command.name}: warning{kind}: {text}", file=stderr)

    with warnings.catch_warnings():
        if quiet:
            warnings.simplefilter("ignore")
        warnings.showwarning = show
        yield


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mediakit`` command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    command: Command = args.command
    prog = f"mediakit {command.name}"
    ctx = Context(prog=prog, quiet=args.quiet, stdout=sys.stdout, stderr=sys.stderr)
    with _warnings_to(sys.stderr, command, args.quiet):
        try:
            command.prepare(args)
            return int(command.run(args, ctx) or 0)
        except BrokenPipeError:
            # the reader of standard output went away (`| head`): stop quietly
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except (UsageError, OSError, ValueError, TypeError) as exc:
            # a bad path or argument, or mediakit's own validation of its input
            if args.traceback:
                raise
            message = cli_message(_one_line(exc), command.options)
            print(f"{prog}: error: {message}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(f"{prog}: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
