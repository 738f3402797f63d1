"""Keywords in context: every dictionary hit or pattern match with the words around it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from mediakit._dask import per_partition
from mediakit._validation import check_articles, check_option
from mediakit.framing._dictionary import Dictionary
from mediakit.framing._frame_match import run_bounds
from mediakit.framing.frames import hits_table, scan_articles

__all__ = ["KWIC_COLUMNS", "kwic"]

KWIC_COLUMNS = [
    "doc_id",
    "sent_id",
    "token_id",
    "start",
    "end",
    "pre",
    "keyword",
    "post",
    "category",
    "pattern",
]
_SPACE = re.compile(r"\s+")


def _as_dictionary(
    pattern_or_category: Any, dictionary: Dictionary | Mapping[str, Any] | None, func: str
) -> tuple[Dictionary, Any]:
    """Return ``(dictionary, categories)`` to search for."""
    if isinstance(pattern_or_category, Dictionary):
        if dictionary is not None:
            raise ValueError(
                f"{func}: pass a Dictionary either as the pattern or as `dictionary=`, not both"
            )
        return pattern_or_category, None
    if dictionary is not None:
        if isinstance(dictionary, Mapping) and not isinstance(dictionary, Dictionary):
            dictionary = Dictionary.from_dict(dictionary)
        if not isinstance(dictionary, Dictionary):
            raise TypeError(
                f"{func}: `dictionary` must be a Dictionary, got {type(dictionary).__name__}; "
                "read one with mediakit.read_dictionary(path) or mediakit.load_dictionary(name)"
            )
        wanted = (
            [pattern_or_category] if isinstance(pattern_or_category, str) else pattern_or_category
        )
        if not isinstance(wanted, Sequence) or not all(isinstance(w, str) for w in wanted):
            raise TypeError(
                f"{func}: with `dictionary=`, pass a category name or a list of them, "
                f"got {type(pattern_or_category).__name__}"
            )
        return dictionary, list(wanted)
    patterns = (
        [pattern_or_category] if isinstance(pattern_or_category, str) else pattern_or_category
    )
    if (
        not isinstance(patterns, Sequence)
        or not patterns
        or not all(isinstance(p, str) and p.strip() for p in patterns)
    ):
        raise TypeError(
            f"{func}: `pattern_or_category` must be a pattern (e.g. 'threat*', 'peace deal', "
            "'re:^elect(ed|ion)$'), a list of patterns, a Dictionary, or a category name "
            f"with `dictionary=`; got {pattern_or_category!r}"
        )
    # one category per pattern, named after the pattern as written ("/" would nest)
    rows = [(p.strip().replace("/", "∕"), p) for p in dict.fromkeys(patterns)]
    return Dictionary(rows, name="kwic patterns"), None


@per_partition
def kwic(
    articles: pd.DataFrame,
    pattern_or_category: str | Sequence[str] | Dictionary,
    window: int = 5,
    *,
    dictionary: Dictionary | Mapping[str, Any] | None = None,
    sentence_bounded: bool = False,
) -> pd.DataFrame:
    """List every match with ``window`` tokens of context each side (keywords in context).

    Matching is that of :func:`mediakit.frame_hits` (patterns on normalised
    tokens, multi-word patterns within a sentence, leftmost-longest, a token
    once per category), so each row of a dictionary's KWIC is one hit that
    :func:`mediakit.count_frames` counts.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    pattern_or_category : str, list of str, or Dictionary
        A pattern as in a dictionary (``"threat*"``, ``"peace deal"``,
        ``"re:^elect(ed|ion)s?$"``) or a list of them (each is its own
        ``category``, named after the pattern); a :class:`Dictionary` (every
        category); or, with ``dictionary=``, a category name or list of
        names (a parent category takes its sub-categories' patterns).
    window : int, default 5
        Tokens of context on each side. Tokens are those of
        :func:`mediakit.tokenize`: punctuation marks count, as in quanteda's
        ``kwic``.
    dictionary : Dictionary or mapping, optional
        Where category names are looked up.
    sentence_bounded : bool, default False
        Keep the context inside the hit's sentence; by default it runs on
        into the neighbouring sentences of the article (never into another
        article).

    Returns
    -------
    pandas.DataFrame
        One row per match, RangeIndex, in reading order: ``doc_id``,
        ``sent_id``, ``token_id`` (first token of the match), ``start``,
        ``end`` (character offsets of the keyword in the article's ``text``),
        ``pre``, ``keyword``, ``post`` (the text as written, whitespace
        runs such as line breaks shown as one space), ``category``,
        ``pattern``. Show it in a notebook with
        :func:`mediakit.display.kwic_view`.

    Raises
    ------
    ValueError
        For a negative ``window``, an unknown category, an empty pattern.

    Examples
    --------
    >>> import pandas as pd
    >>> articles = pd.DataFrame(
    ...     {"text": ["The talks failed. Both sides traded threats over the peace deal again."]},
    ...     index=pd.Index(["a"], name="doc_id"),
    ... )
    >>> kwic(articles, "threat*", window=3)[["pre", "keyword", "post"]]
                     pre  keyword            post
    0  Both sides traded  threats  over the peace
    >>> kwic(articles, "peace deal", window=4, sentence_bounded=True).loc[0, "post"]
    'again.'
    >>> kwic(articles, ["talk*", "fail*"], window=2)[["keyword", "post", "category"]]
      keyword     post category
    0   talks  failed.    talk*
    1  failed   . Both    fail*
    """
    func = "kwic"
    articles = check_articles(articles, func=func)
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise ValueError(f"{func}: `window` must be an int >= 0 (tokens each side), got {window!r}")
    check_option("sentence_bounded", sentence_bounded, {True, False})
    d, categories = _as_dictionary(pattern_or_category, dictionary, func)
    scan = scan_articles(articles, d, categories, func)
    hits, first = hits_table(scan)
    toks = scan.tokens
    last = first + hits["n_tokens"].to_numpy() - 1
    starts = toks["start"].to_numpy()
    ends = toks["end"].to_numpy()
    doc = toks["_doc"].to_numpy()
    # first and last token row of each token's sentence, or of its article
    group_first, group_end = run_bounds(toks["_sent"].to_numpy() if sentence_bounded else doc)
    lo = np.maximum(first - window, group_first[first])
    hi = np.minimum(last + window, group_end[last] - 1)
    texts = scan.articles["text"].to_numpy()
    pre, post = [], []
    for f, la, a, b in zip(first.tolist(), last.tolist(), lo.tolist(), hi.tolist(), strict=True):
        text = str(texts[doc[f]])
        pre.append(_SPACE.sub(" ", text[starts[a] : starts[f]]).strip() if a < f else "")
        post.append(_SPACE.sub(" ", text[ends[la] : ends[b]]).strip() if b > la else "")
    table = hits[["doc_id", "sent_id", "token_id", "start", "end"]].assign(
        pre=pd.array(pre, dtype="str"),
        keyword=hits["matched"].str.replace(_SPACE, " ", regex=True),
        post=pd.array(post, dtype="str"),
        category=hits["category"],
        pattern=hits["pattern"],
    )
    table.attrs = {"window": int(window), "sentence_bounded": sentence_bounded}
    return table
