"""Data that ships with mediakit: the sample articles (and, re-exported, the built-in dictionaries).

The sample is the seed pair of this project: two versions of one news story,
an AFP wire story of 7 November 2024 (NATO's Mark Rutte on North Korea's role
in the war in Ukraine) republished with its page chrome, and a content site's
rewrite of it. The files are the originals as the project's owner supplied
them, byte for byte; ``data/seed-pair/README.md`` in the repository gives
their provenance.

The built-in dictionaries live with the framing stage
(:mod:`mediakit.framing.builtin`); :func:`load_dictionary`,
:func:`list_dictionaries`, :func:`dictionary_datasheet` and
:data:`BUILTIN_DICTIONARIES` are also importable from here.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from mediakit.framing.builtin import (
    BUILTIN_DICTIONARIES,
    dictionary_datasheet,
    list_dictionaries,
    load_dictionary,
)
from mediakit.io.load import read_articles

__all__ = [
    "BUILTIN_DICTIONARIES",
    "SAMPLE_FILES",
    "dictionary_datasheet",
    "list_dictionaries",
    "load_dictionary",
    "load_sample_articles",
    "sample_articles_path",
]

#: The sample's files and the doc_ids :func:`load_sample_articles` gives them, in order.
SAMPLE_FILES: dict[str, str] = {
    "000_f6e284209844c78c.txt": "wire",
    "001_9ff499f4b0b3160f.txt": "rewrite",
}


def sample_articles_path() -> Path:
    """Return the folder that holds the packaged sample articles.

    Returns
    -------
    pathlib.Path
        A folder with the two files of the seed pair under their original
        names (see :data:`SAMPLE_FILES`); it exists after a plain
        ``pip install mediakit`` (the files are package data).

    Examples
    --------
    >>> from mediakit.datasets import sample_articles_path
    >>> sorted(p.name for p in sample_articles_path().glob("*.txt"))
    ['000_f6e284209844c78c.txt', '001_9ff499f4b0b3160f.txt']
    """
    return Path(str(resources.files("mediakit") / "data" / "seed_pair"))


def load_sample_articles() -> pd.DataFrame:
    """Load the seed pair: two versions of one news story, raw, chrome and all.

    Returns
    -------
    pandas.DataFrame
        An articles frame (see :func:`mediakit.read_articles`) with the rows
        ``wire`` (the AFP story as republished, with its page chrome) and
        ``rewrite`` (a content site's rewrite), in that order. The files keep
        their original names (column ``path``); the doc_ids are readable
        names for them (:data:`SAMPLE_FILES`). Pipe it to
        :func:`mediakit.clean_articles`.

    Examples
    --------
    >>> import mediakit as mk
    >>> articles = mk.load_sample_articles()
    >>> articles.index.tolist()
    ['wire', 'rewrite']
    >>> articles.loc["wire", "text"].splitlines()[0]
    'close'
    >>> articles["path"].str.rsplit("/", n=1).str[-1].tolist()
    ['000_f6e284209844c78c.txt', '001_9ff499f4b0b3160f.txt']
    """
    folder = sample_articles_path()
    articles = read_articles([folder / name for name in SAMPLE_FILES])
    articles.index = pd.Index(list(SAMPLE_FILES.values()), name=articles.index.name)
    return articles
