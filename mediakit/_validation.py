"""One voice for every input error mediakit raises.

Every public function checks its inputs with these helpers so that a user sees
the same message shape everywhere: what is wrong, and how to fix it.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import pandas as pd

__all__ = [
    "MediakitWarning",
    "check_articles",
    "check_doc_id",
    "check_doc_ids",
    "check_option",
    "check_table",
    "reissue",
    "show_values",
    "warn",
]


class MediakitWarning(UserWarning):
    """Warning category for data problems mediakit flags but does not stop on."""


def warn(message: str, *, stacklevel: int = 3) -> None:
    """Emit a :class:`MediakitWarning` pointing at the caller's caller."""
    warnings.warn(message, MediakitWarning, stacklevel=stacklevel)


def reissue(caught: Sequence[warnings.WarningMessage], *, mine: bool = True) -> None:
    """Re-issue warnings collected from the steps of a public function.

    Other categories go out as they were; each distinct :class:`MediakitWarning`
    message once (unless ``mine`` is False), pointing at the line that called
    the public function. Use it after ``warnings.catch_warnings(record=True)``
    with ``simplefilter("always", MediakitWarning)`` around the steps.
    """
    messages = []
    for w in caught:
        if issubclass(w.category, MediakitWarning):
            messages.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if mine:
        for message in dict.fromkeys(messages):
            warn(message, stacklevel=4)


def check_option(name: str, value: Any, allowed: Collection[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise ``ValueError``.

    The message has one shape across the package::

        `normalize` = 'per_word' is invalid; expected one of {'per_1000_tokens', None}
    """
    if value not in allowed:
        shown = "{" + ", ".join(repr(a) for a in _sorted(allowed)) + "}"
        raise ValueError(f"`{name}` = {value!r} is invalid; expected one of {shown}")
    return value


def show_values(values: Iterable[Any], limit: int = 10, *, bare: bool = False) -> str:
    """Some values for a message: ``['a', 'b', ... (3 more)]``.

    With ``bare=True`` the values are written plainly, for row numbers:
    ``3, 7, ... (3 more)``.
    """
    values = list(values)
    shown = ", ".join(str(v) if bare else repr(v) for v in values[:limit])
    more = f", ... ({len(values) - limit} more)" if len(values) > limit else ""
    return f"{shown}{more}" if bare else f"[{shown}{more}]"


def check_table(
    table: Any, required: Iterable[str], *, func: str, name: str, described: str
) -> pd.DataFrame:
    """Return ``table`` if it is a DataFrame with the ``required`` columns, else raise.

    One message shape for every table argument (``sentences=``, ``tokens=``,
    ``pairs=``, an alignment): ``{func}: {name} must be a DataFrame
    ({described}), got list`` and ``{func}: {name} needs column(s) ['x']
    ({described}); it has [...]``.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"{func}: {name} must be a DataFrame ({described}), got {type(table).__name__}"
        )
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(
            f"{func}: {name} needs column(s) {missing} ({described}); it has {list(table.columns)}"
        )
    return table


def check_doc_id(articles: pd.DataFrame, value: Any, *, func: str, name: str) -> Any:
    """Return ``value`` if it is a doc_id of ``articles``, else raise naming the valid ones."""
    try:
        found = value in articles.index
    except TypeError:  # unhashable, e.g. a list passed where one id is expected
        found = False
    if not found:
        raise ValueError(
            f"{func}: `{name}` = {value!r} is not a doc_id of the articles; "
            f"valid doc_ids are {show_values(list(articles.index))}"
        )
    return value


def check_doc_ids(articles: pd.DataFrame, ids: Iterable[Any], *, func: str, name: str) -> None:
    """Raise if any of ``ids`` is not a doc_id of ``articles``, naming them and the valid ones."""
    ids = list(ids)
    known = articles.index.get_indexer(pd.Index(ids, dtype=object)) if ids else []
    unknown = [i for i, k in zip(ids, known, strict=True) if k < 0]
    if unknown:
        raise ValueError(
            f"{func}: unknown doc_id(s) in {name}: {show_values(unknown)}; "
            f"valid doc_ids are {show_values(list(articles.index))}"
        )


def _sorted(values: Iterable[Any]) -> list[Any]:
    # None sorts last, everything else by its repr, so messages are stable.
    return sorted(values, key=lambda v: (v is None, repr(v)))


def check_articles(
    articles: Any,
    *,
    required: Iterable[str] = ("text",),
    func: str = "this function",
) -> pd.DataFrame:
    """Check that ``articles`` is an articles frame and return it unchanged.

    An articles frame is a :class:`pandas.DataFrame` with a unique string-like
    index named ``doc_id`` and (at least) a ``text`` column.

    Raises
    ------
    TypeError
        If ``articles`` is not a DataFrame.
    ValueError
        If a required column is missing or ``doc_id`` values are not unique.
    """
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(
            f"{func} expects an articles DataFrame (index `doc_id`, column `text`), "
            f"got {type(articles).__name__}; build one with mediakit.read_articles(...)"
        )
    missing = [c for c in required if c not in articles.columns]
    if missing:
        hint = ""
        if "text" in missing and articles.index.name != "doc_id":
            hint = " (to use another column, pass read_articles(df, text_col=...))"
        raise ValueError(
            f"{func} needs column(s) {missing} in the articles frame; "
            f"it has {list(articles.columns)}{hint}"
        )
    if not articles.index.is_unique:
        dupes = articles.index[articles.index.duplicated()].unique().tolist()[:5]
        raise ValueError(
            f"{func} needs unique doc_id values in the index; duplicated: {dupes}. "
            "Make them unique, e.g. with read_articles(df, id_col=...) on a unique column"
        )
    return articles
