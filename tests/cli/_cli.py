"""Helpers of the command-line tests: run ``main(argv)``, the seed pair, the direct runs.

The fixtures are named ``cli`` and ``seed_dir``; a test module registers them
with ``cli_fixture = _cli.cli_fixture`` (a conftest.py in this folder would
clash with tests/conftest.py under ``--doctest-modules``: both import as
``conftest``).
"""

from __future__ import annotations

import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk
from mediakit.cli import main

SEED = Path(mk.__file__).parent / "data" / "seed_pair"
WIRE = SEED / "000_f6e284209844c78c.txt"
REWRITE = SEED / "001_9ff499f4b0b3160f.txt"


def quiet(func, *args, **kwargs):
    """Call a public function with its MediakitWarnings silenced (the direct, independent run)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        return func(*args, **kwargs)


def pipeline(source, *, clean: bool = True) -> pd.DataFrame:
    """What the commands read, computed with the public API: read_articles (+ clean_articles)."""
    articles = quiet(mk.read_articles, source)
    return quiet(mk.clean_articles, articles) if clean else articles


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(name="cli")
def cli_fixture(capsys):
    """``cli(*argv)`` runs ``mediakit argv`` in this process and returns code, stdout, stderr."""

    def run(*argv: object) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(name="seed_dir")
def seed_dir_fixture(tmp_path: Path) -> Path:
    """The seed pair under its doc_ids: wire.txt, rewrite.txt."""
    folder = tmp_path / "seed"
    folder.mkdir()
    shutil.copy(WIRE, folder / "wire.txt")
    shutil.copy(REWRITE, folder / "rewrite.txt")
    return folder
