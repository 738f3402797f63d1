"""Data that ships with mediakit: the sample articles.

The sample is the seed pair of this project: two versions of one news story
(a wire story republished with page chrome, and a content site's rewrite).
See ``data/seed-pair/README.md`` in the repository for its provenance: the
files are a stand-in written by the mediakit developers to the description
of an AFP story of 7 November 2024, not the agency's text.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from mediakit.load import read_articles

__all__ = ["load_sample_articles", "sample_articles_path"]


def sample_articles_path() -> Path:
    """Return the folder that holds the packaged sample articles.

    Returns
    -------
    pathlib.Path
        A folder with ``wire.txt`` and ``rewrite.txt``; it exists after a
        plain ``pip install mediakit`` (the files are package data).

    Examples
    --------
    >>> from mediakit.datasets import sample_articles_path
    >>> sorted(p.name for p in sample_articles_path().glob("*.txt"))
    ['rewrite.txt', 'wire.txt']
    """
    return Path(str(resources.files("mediakit") / "data" / "seed_pair"))


def load_sample_articles() -> pd.DataFrame:
    """Load the seed pair: two versions of one news story, raw, chrome and all.

    Returns
    -------
    pandas.DataFrame
        An articles frame (see :func:`mediakit.read_articles`) with the rows
        ``wire`` (republished wire copy) and ``rewrite`` (a content site's
        rewrite), in that order. Pipe it to :func:`mediakit.clean_articles`.

    Examples
    --------
    >>> import mediakit as mk
    >>> articles = mk.load_sample_articles()
    >>> articles.index.tolist()
    ['wire', 'rewrite']
    >>> articles.loc["wire", "text"].splitlines()[0]
    'close'
    """
    articles = read_articles(sample_articles_path())
    order = ["wire", "rewrite"]
    return articles.loc[order + [d for d in articles.index if d not in order]]
