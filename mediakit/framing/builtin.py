"""The dictionaries that ship with mediakit, and their datasheets.

The built-in dictionaries were written by the mediakit developers, each after
a codebook or a body of literature, and each comes with a datasheet (what it
follows, how its terms were chosen, its known blind spots, its validation
status). None has been validated against human coding yet: read the datasheet
before you count with one.

==================  ==========================================================
``generic_frames``  conflict, human interest, economic consequences, morality,
                    responsibility (Semetko & Valkenburg 2000)
``policy_frames``   14 of the 15 dimensions of the Policy Frames Codebook
                    (Boydstun et al. 2014); the 15th, "other", is residual
``reporting_verbs`` neutral ("said", "told") versus loaded ("claimed",
                    "admitted", "insisted", ...) verbs of reporting
``hedges_boosters`` hedges ("may", "reportedly") and boosters ("clearly",
                    "in fact"), after Hyland (1998, 2005)
==================  ==========================================================

:func:`load_dictionary` returns one as a :class:`mediakit.framing.Dictionary`,
:func:`list_dictionaries` tabulates them and :func:`dictionary_datasheet`
returns a datasheet's text.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

import pandas as pd

from mediakit._validation import check_option
from mediakit.framing.frames import Dictionary, read_dictionary

__all__ = ["BUILTIN_DICTIONARIES", "dictionary_datasheet", "list_dictionaries", "load_dictionary"]

#: Names of the built-in dictionaries, in the order :func:`list_dictionaries` shows them.
BUILTIN_DICTIONARIES: tuple[str, ...] = (
    "generic_frames",
    "policy_frames",
    "reporting_verbs",
    "hedges_boosters",
)


def _builtin(name: str, suffix: str, func: str) -> Traversable:
    try:
        check_option("name", name, BUILTIN_DICTIONARIES)
    except ValueError as err:
        raise ValueError(
            f"{func}: {err} (the built-in dictionaries; list_dictionaries() describes them, "
            "and mediakit.read_dictionary(path) reads a dictionary file of your own)"
        ) from None
    return resources.files("mediakit") / "data" / "dictionaries" / "builtin" / f"{name}{suffix}"


def load_dictionary(name: str) -> Dictionary:
    """Load one of mediakit's built-in dictionaries.

    Parameters
    ----------
    name : {'generic_frames', 'policy_frames', 'reporting_verbs', 'hedges_boosters'}
        The dictionary; :func:`list_dictionaries` shows them with their sizes.

    Returns
    -------
    mediakit.framing.Dictionary
        With ``name`` and ``source`` (the codebook it follows) metadata.
        Matching is case-insensitive.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the available ones.

    Notes
    -----
    Every built-in comes with a datasheet (:func:`dictionary_datasheet`): what
    codebook it follows, how its terms were chosen, its known blind spots and
    its validation status. Counts of a dictionary that has not been validated
    on your corpus are a proxy; check a sample of its hits in context with
    :func:`mediakit.sample_hits` and :func:`mediakit.dictionary_precision`.

    Examples
    --------
    >>> from mediakit.framing import load_dictionary
    >>> d = load_dictionary("generic_frames")
    >>> d.categories
    ('conflict', 'human_interest', 'economic_consequences', 'morality', 'responsibility')
    >>> [e.category for e, n in d.compile().match_at(["officials", "clashed"], 1)]
    ['conflict']
    >>> load_dictionary("reporting_verbs").categories[:3]
    ('neutral', 'loaded', 'loaded/doubt')
    """
    with resources.as_file(_builtin(name, ".yml", "load_dictionary")) as path:
        return read_dictionary(path, format="yaml")


def dictionary_datasheet(name: str) -> str:
    """Return the datasheet of a built-in dictionary (Markdown text).

    Parameters
    ----------
    name : {'generic_frames', 'policy_frames', 'reporting_verbs', 'hedges_boosters'}
        The dictionary.

    Returns
    -------
    str
        The datasheet: the codebook or literature the dictionary follows, how
        its terms were chosen, one line per category with its number of
        patterns, known blind spots and validation status. In a notebook,
        ``IPython.display.Markdown(dictionary_datasheet(name))`` renders it.

    Examples
    --------
    >>> from mediakit.framing import dictionary_datasheet
    >>> print(dictionary_datasheet("hedges_boosters").splitlines()[0])
    # hedges_boosters: hedges and boosters in news prose, after Hyland (1998, 2005)
    """
    return _builtin(name, ".md", "dictionary_datasheet").read_text(encoding="utf-8")


def list_dictionaries() -> pd.DataFrame:
    """Tabulate the built-in dictionaries.

    Returns
    -------
    pandas.DataFrame
        One row per built-in dictionary (RangeIndex), columns ``name``,
        ``categories`` (number of categories, nested ones included),
        ``patterns`` (number of patterns), ``description`` (the title line of
        its datasheet) and ``datasheet`` (where the datasheet is, as a str).

    Examples
    --------
    >>> from mediakit.framing import list_dictionaries
    >>> table = list_dictionaries()
    >>> table[["name", "categories"]]
                  name  categories
    0   generic_frames           5
    1    policy_frames          14
    2  reporting_verbs           8
    3  hedges_boosters           2
    """
    rows = []
    for name in BUILTIN_DICTIONARIES:
        dictionary = load_dictionary(name)
        title = dictionary_datasheet(name).splitlines()[0]
        rows.append(
            {
                "name": name,
                "categories": len(dictionary.categories),
                "patterns": len(dictionary.entries),
                "description": title.lstrip("# ").removeprefix(f"{name}:").strip(),
                "datasheet": str(_builtin(name, ".md", "list_dictionaries")),
            }
        )
    return pd.DataFrame(
        rows, columns=["name", "categories", "patterns", "description", "datasheet"]
    )
