"""Fixtures of the command-line tests: run ``main(argv)`` and see what it wrote where."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from _cli import REWRITE, WIRE

from mediakit.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture()
def cli(capsys):
    """``cli(*argv)`` runs ``mediakit argv`` in this process and returns code, stdout, stderr."""

    def run(*argv: object) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture()
def seed_dir(tmp_path: Path) -> Path:
    """The seed pair under its doc_ids: wire.txt, rewrite.txt."""
    folder = tmp_path / "seed"
    folder.mkdir()
    shutil.copy(WIRE, folder / "wire.txt")
    shutil.copy(REWRITE, folder / "rewrite.txt")
    return folder
