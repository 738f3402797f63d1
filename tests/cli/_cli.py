"""Helpers of the command-line tests: the seed pair's files and the direct, independent runs."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

import mediakit as mk

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
