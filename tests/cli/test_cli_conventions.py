"""The conventions every command keeps: help with an example, one-line errors with exit code 2,
concise warnings, progress bars only on a terminal, the real ``python -m mediakit`` process."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import shlex
import struct
import subprocess
import sys
import termios
import warnings
from pathlib import Path

import _cli
import pandas as pd
import pytest
from _cli import SEED, pipeline, quiet

import mediakit as mk
from mediakit.cli import COMMANDS, build_parser, main
from mediakit.cli._command import Context

cli_fixture = _cli.cli_fixture  # registers the fixture `cli`
seed_dir_fixture = _cli.seed_dir_fixture  # registers the fixture `seed_dir`

NAMES = [c.name for c in COMMANDS]


def test_the_commands_are_the_ones_of_the_issue():
    assert {"compare", "clean", "features", "frames", "quotes", "near-dups", "demo"} <= set(NAMES)


def test_top_level_help_lists_every_command(cli):
    res = cli("--help")
    assert res.code == 0 and res.err == ""
    for name in NAMES:
        assert f"\n    {name}" in res.out
    assert "examples:\n  mediakit compare" in res.out


@pytest.mark.parametrize("name", NAMES)
def test_every_command_has_help_with_an_example_that_parses(cli, name):
    res = cli(name, "--help")
    assert res.code == 0 and res.err == ""
    assert res.out.startswith(f"usage: mediakit {name} ")
    epilog = res.out[res.out.index("\nexample") :]
    examples = [line.strip() for line in epilog.splitlines() if line.startswith("  mediakit ")]
    assert examples, res.out
    for example in examples:
        argv = shlex.split(example)[1:]
        args = build_parser().parse_args(argv)  # raises SystemExit if the example is wrong
        assert args.command.name == name


def test_version(cli):
    res = cli("--version")
    assert (res.code, res.out) == (0, f"mediakit {mk.__version__}\n")


@pytest.fixture()
def bad(tmp_path: Path) -> dict[str, Path]:
    """Inputs that cannot be read, for a root user too (chmod does not stop root)."""
    folder_named_like_a_file = tmp_path / "story.txt"
    folder_named_like_a_file.mkdir()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    parquet = tmp_path / "corpus.parquet"
    parquet.write_bytes(b"PAR1 this is not a parquet file")
    broken_yaml = tmp_path / "broken.yml"
    broken_yaml.write_text("conflict:\n  - war\n  - [unclosed\n", "utf-8")
    latin1 = tmp_path / "latin1.dic"
    latin1.write_bytes("%\n1\tfrais\n%\ncafé\t1\n".encode("latin-1"))
    a_file = tmp_path / "plain.txt"
    a_file.write_text("A short article.", "utf-8")
    return {
        "folder": folder_named_like_a_file,
        "binary": binary,
        "parquet": parquet,
        "yaml": broken_yaml,
        "latin1": latin1,
        "file": a_file,
        "tmp": tmp_path,
    }


S = str(SEED)
# (argv with {placeholders} for the `bad` paths, text the one-line message must hold)
ERRORS = [
    ([], "mediakit: error: the following arguments are required: COMMAND"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["quotes", S], "the following arguments are required: -o/--output"),
    (["quotes", S, "-o", "{tmp}/q.csv", "--bogus"], "unrecognized arguments: --bogus"),
    (["quotes", S, "-o", "{tmp}/q.csv", "--errors", "maybe"], "argument --errors: invalid choice"),
    (["near-dups", S, "-o", "{tmp}/p.csv", "--threshold", "x"], "invalid float value: 'x'"),
    (["frames", S, "-o", "{tmp}/f.csv"], "required: --dictionary"),
    (["features", S, "-o", "{tmp}/f.csv", "--format", "xlsx"], "argument --format: invalid"),
    # missing and unreadable inputs
    (["quotes", "{tmp}/nope", "-o", "{tmp}/q.csv"], "no such file or folder: '"),
    (["compare", "{tmp}/nope.txt", "{file}"], "no such file or folder: '"),
    (["quotes", "{folder}", "-o", "{tmp}/q.csv"], "no articles found in folder '"),
    (["features", "{binary}", "-o", "{tmp}/f.csv"], "looks like a binary file, not text"),
    (["clean", "{parquet}", "-o", "{tmp}/c.csv"], "cannot read table '"),
    (["quotes", S, "-o", "{tmp}/q.csv", "--encoding", "nocodec"], "not a codec Python knows"),
    # outputs
    (["quotes", S, "-o", "{tmp}/q.xlsx"], "cannot tell the format from the extension '.xlsx'"),
    (["quotes", S, "-o", "{tmp}/q.json"], "name the file 'q.jsonl'"),
    (["quotes", S, "-o", "{tmp}"], "is a folder; give the name of a file to write"),
    (["quotes", S, "-o", "{file}/q.csv"], "is a file, not a folder"),
    (["clean", S, "-o", "{tmp}/c.csv", "--audit", "-"], "standard output is for -o"),
    (["clean", S, "-o", "{tmp}/c.csv", "--audit", "{tmp}/a.xls"], "argument --audit: '"),
    (["compare", "{file}", "{file}", "--html", "{tmp}/r.pdf"], "end the name in .html"),
    # dictionaries
    (["frames", S, "--dictionary", "nope", "-o", "{tmp}/f.csv"], "unknown dictionary 'nope'"),
    (["frames", S, "--dictionary", "{tmp}", "-o", "{tmp}/f.csv"], "is a folder; pass a dict"),
    (["frames", S, "--dictionary", "{yaml}", "-o", "{tmp}/f.csv"], "line 4: invalid YAML"),
    (["frames", S, "--dictionary", "{latin1}", "-o", "{tmp}/f.csv"], "--dictionary-encoding"),
    (["features", S, "--measures", "frames", "-o", "{tmp}/f.csv"], "needs a dictionary"),
    # mediakit's own validation, in the command's terms
    (["near-dups", S, "-o", "{tmp}/p.csv", "--threshold", "2"], "--threshold = 2.0 is invalid"),
    (["clean", S, "-o", "{tmp}/c.csv", "--disable", "nosuch"], "--disable = 'nosuch' is invalid"),
    (
        ["frames", S, "--dictionary", "generic_frames", "--categories", "x", "-o", "{tmp}/f.csv"],
        "unknown categor(ies) ['x']",
    ),
    (["features", S, "--jobs", "0", "-o", "{tmp}/f.csv"], "--jobs = 0 is invalid"),
    (["compare", S, "--a", "x", "--b", "y"], "--a = 'x' is not a doc_id of the articles"),
    (["compare", S, "--a", "x"], "--a and --b pick the two articles to compare; pass both"),
    (["compare", "{file}"], "holds 1 article(s), not two; pick two with --a ID --b ID"),
    (["compare", "{file}", "{file}"], "A and B are the same file"),
]


@pytest.mark.parametrize(("argv", "says"), ERRORS, ids=[" ".join(a[:2]) for a, _ in ERRORS])
def test_errors_are_one_line_on_stderr_with_exit_code_2(cli, bad, argv, says):
    before = sorted(p.name for p in bad["tmp"].iterdir())
    res = cli(*[a.format(**bad) for a in argv])
    assert res.code == 2
    assert res.out == ""
    lines = res.err.splitlines()
    assert len(lines) == 1, res.err
    assert lines[0].startswith("mediakit") and ": error: " in lines[0]
    assert says in lines[0]
    assert "Traceback" not in res.err
    assert sorted(p.name for p in bad["tmp"].iterdir()) == before  # nothing half-written


def test_the_fix_is_named(cli, bad):
    res = cli("features", bad["binary"], "-o", bad["tmp"] / "f.csv")
    assert "pass --errors warn to keep going" in res.err  # errors='warn' in the CLI's terms
    res = cli("frames", S, "--dictionary", bad["latin1"], "-o", bad["tmp"] / "f.csv")
    assert "pass --dictionary-encoding, e.g. --dictionary-encoding latin-1" in res.err
    # and the fix works
    res = cli(
        "frames", S, "--dictionary", bad["latin1"], "--dictionary-encoding", "latin-1",
        "-o", bad["tmp"] / "f.csv",
    )  # fmt: skip
    assert res.code == 0, res.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; other tests cover it")
def test_a_file_without_read_permission(cli, bad):
    locked = bad["tmp"] / "locked.txt"
    locked.write_text("Secret article.", "utf-8")
    locked.chmod(0)
    try:
        res = cli("quotes", locked, "-o", bad["tmp"] / "q.csv")
    finally:
        locked.chmod(0o600)
    assert res.code == 2 and len(res.err.splitlines()) == 1
    assert "Permission denied" in res.err and "--errors warn" in res.err


def test_unreadable_files_kept_as_rows_with_errors_warn(cli, bad, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Officials said the talks would resume on Monday. They gave no details.", "utf-8"
    )
    (folder / "b.txt").write_bytes(bad["binary"].read_bytes())
    (folder / "c.txt").write_text("", "utf-8")
    out = tmp_path / "f.csv"
    res = cli("features", folder, "--errors", "warn", "-o", out)
    assert res.code == 0, res.err
    written = pd.read_csv(out)
    assert written["doc_id"].tolist() == ["a", "b", "c"]  # rows in = rows out
    articles = quiet(mk.read_articles, folder, errors="warn")
    expected = quiet(mk.document_features, quiet(mk.clean_articles, articles))
    pd.testing.assert_frame_equal(written.set_index("doc_id"), expected, check_dtype=False)
    warned = [line for line in res.err.splitlines() if "warning" in line]
    assert any("could not read 1 file(s)" in line and "b.txt" in line for line in warned)
    assert all(line.startswith("mediakit features: warning: ") for line in warned)
    # -q: neither warnings nor status lines
    res = cli("features", folder, "--errors", "warn", "-o", out, "-q")
    assert (res.code, res.err) == (0, "")


def test_traceback_shows_the_python_error(cli, bad):
    with pytest.raises(FileNotFoundError, match="no articles found"):
        main(["quotes", str(bad["folder"]), "-o", str(bad["tmp"] / "q.csv"), "--traceback"])


def test_a_bug_is_not_passed_off_as_a_usage_error(cli, seed_dir, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(mk, "extract_quotes", broken)
    with pytest.raises(KeyError):
        main(["quotes", str(seed_dir), "-o", str(tmp_path / "q.csv")])


def test_other_warnings_are_one_line_with_their_category(cli, seed_dir, tmp_path, monkeypatch):
    real = mk.extract_quotes

    def noisy(*args, **kwargs):
        warnings.warn("a library\nchanged its mind", FutureWarning, stacklevel=2)
        return real(*args, **kwargs)

    monkeypatch.setattr(mk, "extract_quotes", noisy)
    res = cli("quotes", seed_dir, "-o", tmp_path / "q.csv")
    assert res.code == 0
    assert "mediakit quotes: warning (FutureWarning): a library changed its mind\n" in res.err


def test_a_closed_standard_output_stops_quietly(seed_dir, capsys, monkeypatch):
    class Closed:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

        def fileno(self):
            raise OSError("no file descriptor")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["quotes", str(seed_dir), "-o", "-"]) == 1
    assert capsys.readouterr().err == ""


class _Terminal:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_only_when_stderr_is_a_terminal():
    assert Context("mediakit x", stderr=_Terminal(False)).progress is False
    # a terminal: mediakit's own rule (a bar once a call has run for two seconds)
    assert Context("mediakit x", stderr=_Terminal(True)).progress is None
    assert Context("mediakit x", quiet=True, stderr=_Terminal(True)).progress is False


def test_the_functions_get_progress_false_when_stderr_is_not_a_terminal(
    cli, seed_dir, tmp_path, monkeypatch
):
    seen = []
    for name in ("read_articles", "clean_articles", "extract_quotes"):
        real = getattr(mk, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            seen.append((_name, kwargs.get("progress", "missing")))
            return _real(*args, **kwargs)

        monkeypatch.setattr(mk, name, spy)
    assert cli("quotes", seed_dir, "-o", tmp_path / "q.csv").code == 0
    assert seen == [("read_articles", False), ("clean_articles", False), ("extract_quotes", False)]


# -- the real process ---------------------------------------------------------------------------

_RUN_WITHOUT_DELAY = (
    "import sys, mediakit._progress as p; p.AUTO_DELAY = 0.0; "
    "from mediakit.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}


def test_python_dash_m_mediakit_exit_codes_and_streams(seed_dir, tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "mediakit", "quotes", str(seed_dir), "-o", "-"],
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert ok.returncode == 0
    expected = mk.extract_quotes(pipeline(seed_dir))
    lines = ok.stdout.splitlines()
    assert lines[0].startswith("doc_id,quote,speaker,")
    assert ok.stdout.count("\n") > len(expected)  # the quotes, one per row (some span lines)
    assert ok.stderr == f"mediakit quotes: wrote {len(expected)} rows to standard output\n"
    bad = subprocess.run(
        [sys.executable, "-m", "mediakit", "features", str(tmp_path / "missing"), "-o", "f.csv"],
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == (
        f"mediakit features: error: no such file or folder: {str(tmp_path / 'missing')!r}; "
        "check the path (a file, a folder, or a quoted glob such as 'corpus/**/*.txt')\n"
    )


def _stderr_of(argv: list[str], *, terminal: bool) -> str:
    """Run the command with stderr on a pseudo-terminal (or a pipe) and return what it wrote."""
    command = [sys.executable, "-c", _RUN_WITHOUT_DELAY, *argv]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=_env())
        assert done.returncode == 0, done.stderr
        return done.stderr
    leader, follower = pty.openpty()
    # a terminal of 24 x 80 (a new pseudo-terminal has 0 columns, where tqdm draws nothing)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=follower, env=_env(), close_fds=True
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process is gone
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(timeout=120) == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bars_appear_on_a_terminal_and_not_in_a_pipe(seed_dir, tmp_path):
    argv = ["quotes", str(seed_dir), "-o", str(tmp_path / "q.csv")]
    on_terminal = _stderr_of(argv, terminal=True)
    assert "extract_quotes" in on_terminal and "it/s" in on_terminal  # tqdm's bar
    in_pipe = _stderr_of(argv, terminal=False)
    assert "it/s" not in in_pipe and "\r" not in in_pipe
    assert in_pipe.startswith("mediakit quotes: wrote ")


def test_parquet_goes_to_standard_output_only_when_it_is_not_a_terminal(
    seed_dir, capsysbinary, monkeypatch
):
    assert main(["quotes", str(seed_dir), "-o", "-", "--format", "parquet", "-q"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.err == b""
    written = pd.read_parquet(io.BytesIO(captured.out))
    pd.testing.assert_frame_equal(written, mk.extract_quotes(pipeline(seed_dir)))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["quotes", str(seed_dir), "-o", "-", "--format", "parquet"]) == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    assert b"Parquet is binary and standard output is a terminal" in captured.err


def test_json_lines_to_standard_output(cli, seed_dir):
    res = cli("near-dups", seed_dir, "--threshold", "0.2", "-o", "-", "--format", "jsonl", "-q")
    assert res.code == 0
    written = pd.read_json(io.StringIO(res.out), lines=True)
    expected = mk.near_duplicates(pipeline(seed_dir), threshold=0.2)
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)


def test_the_readme_examples_parse(repo_root):
    readme = (repo_root / "README.md").read_text("utf-8")
    section = readme[readme.index("## Command line") :]
    block = section[section.index("```sh") : section.index("```\n", section.index("```sh") + 5)]
    examples = [line.split("  #")[0] for line in block.splitlines() if line.startswith("mediakit ")]
    assert {shlex.split(e)[1] for e in examples} == set(NAMES)
    for example in examples:
        assert build_parser().parse_args(shlex.split(example)[1:]).command.name in NAMES
