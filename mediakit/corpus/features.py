"""Every per-article measure of a corpus study in one table, from one tokenization.

:func:`document_features` splits and tokenizes the articles once and passes
the tables to :func:`mediakit.lexical_features`, :func:`mediakit.readability`
and :func:`mediakit.count_frames`, so the measures a corpus study joins onto
its articles cost one pass over the text; it is the function
:func:`mediakit.map_articles` runs on every chunk of a large corpus.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from mediakit._dask import per_partition
from mediakit._gc import pausing
from mediakit._progress import check_progress
from mediakit._validation import MediakitWarning, check_articles, check_option, warn
from mediakit.framing import Dictionary, count_frames
from mediakit.segment import split_sentences, tokenize
from mediakit.segment._tables import made_here
from mediakit.style import lexical_features, readability

__all__ = ["FEATURE_GROUPS", "document_features"]

#: The groups of measures :func:`document_features` can compute.
FEATURE_GROUPS = ("lexical", "readability", "frames")


def _check_groups(measures: Any) -> list[str]:
    if measures is None:
        return list(FEATURE_GROUPS)
    names = [measures] if isinstance(measures, str) else list(measures)
    for name in names:
        check_option("measures", name, FEATURE_GROUPS)
    if not names:
        raise ValueError(f"`measures` is empty; choose from {list(FEATURE_GROUPS)} or pass None")
    return list(dict.fromkeys(names))


@per_partition
@pausing
def document_features(
    articles: pd.DataFrame,
    dictionary: Dictionary | Mapping[str, Any] | None = None,
    *,
    measures: str | Iterable[str] | None = None,
    normalize: str | None = "per_1000_tokens",
    window: int = 50,
    ttr_threshold: float = 0.72,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Lexical features, readability and frame counts of each article, tokenized once.

    The values are those of the three functions called one by one (tests
    check it); only the splitting and tokenizing is shared.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (cleaned: see :func:`mediakit.clean_articles`), or a
        ``dask.dataframe.DataFrame`` of them (a Dask collection is returned).
    dictionary : Dictionary or mapping, optional
        The framing dictionary of the ``"frames"`` group (e.g.
        ``mk.load_dictionary("generic_frames")``). Without one the group is
        left out.
    measures : str or iterable of str, optional
        Groups to compute, from ``FEATURE_GROUPS``: ``"lexical"``
        (:func:`mediakit.lexical_features`), ``"readability"`` (the scores of
        :func:`mediakit.readability`, without its counts) and ``"frames"``
        (:func:`mediakit.count_frames` at document level); all by default.
    normalize : {"per_1000_tokens", "share", None}, default "per_1000_tokens"
        Passed to :func:`mediakit.count_frames`: rates make articles of
        different lengths comparable.
    window, ttr_threshold
        Passed to :func:`mediakit.lexical_features`.
    progress : bool or None, default None
        A progress bar (tqdm) while the articles are split and tokenized:
        ``None`` shows it on a terminal or in a notebook once the call has
        run for two seconds, ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (rows in = rows out, same order), the columns of each
        group in the order of ``FEATURE_GROUPS``; frame categories keep their
        names, then ``frames_unmatched`` (word tokens in no hit: count_frames'
        ``unmatched``; its ``n_tokens`` is the lexical ``n_tokens`` and is not
        repeated). With frames, ``attrs`` holds count_frames' ``level``,
        ``normalize`` and ``dictionary``.

    Raises
    ------
    ValueError
        For an unknown group, ``"frames"`` asked for without a dictionary, or
        a category named like another column.

    Warns
    -----
    MediakitWarning
        Once per kind of problem, as the three functions do (articles without
        words, texts too short for a measure).

    Examples
    --------
    >>> import mediakit as mk
    >>> clean = mk.clean_articles(mk.load_sample_articles())
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # two short texts: SMOG and TTR warnings
    ...     feats = mk.document_features(clean, mk.load_dictionary("generic_frames"))
    >>> feats.index.tolist()
    ['wire', 'rewrite']
    >>> feats.columns[:3].tolist(), feats.columns[-1]
    (['n_chars', 'n_tokens', 'n_types'], 'frames_unmatched')
    >>> frames = mk.count_frames(clean, mk.load_dictionary("generic_frames"),
    ...                          normalize="per_1000_tokens")
    >>> bool((feats["conflict"] == frames["conflict"]).all())  # the same values
    True
    """
    func = "document_features"
    check_articles(articles, func=func)
    groups = _check_groups(measures)
    if "frames" in groups and dictionary is None:
        if measures is not None:
            raise ValueError(
                f"{func}: the 'frames' group needs a dictionary, e.g. "
                "document_features(articles, mk.load_dictionary('generic_frames'))"
            )
        groups.remove("frames")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)  # each measure warns below
        progress = check_progress(progress, func)
        sents = split_sentences(articles, progress=progress)
        toks = tokenize(articles, sentences=sents, progress=progress)
    with made_here(articles, sents, toks):  # the measures need not check the tables again
        parts = [
            _group(group, articles, dictionary, sents, toks, window, ttr_threshold, normalize)
            for group in groups
        ]
    taken: dict[str, str] = {}
    for group, part in zip(groups, parts, strict=True):
        for column in part.columns:
            if column in taken:
                raise ValueError(
                    f"{func}: column {column!r} of the {group!r} group clashes with the "
                    f"{taken[column]!r} group; rename the dictionary category"
                )
            taken[column] = group
    if not parts:
        warn(f"{func}: no group to compute; pass measures= or a dictionary")
        return pd.DataFrame(index=articles.index.copy())
    out = pd.concat(parts, axis=1)
    out.index.name = "doc_id"
    # what count_frames records, so that plot.frame_profile(out, categories=...) labels its axis
    out.attrs = {}
    if "frames" in groups:
        out.attrs.update(level="document", normalize=normalize, dictionary=parts[-1].attrs.get(
            "dictionary"))  # fmt: skip
    return out


def _group(
    group: str,
    articles: pd.DataFrame,
    dictionary: Any,
    sents: pd.DataFrame,
    toks: pd.DataFrame,
    window: int,
    ttr_threshold: float,
    normalize: str | None,
) -> pd.DataFrame:
    """Compute the columns of one group of measures from the given tables."""
    tables = {"sentences": sents, "tokens": toks}
    if group == "lexical":
        return lexical_features(articles, window=window, ttr_threshold=ttr_threshold, **tables)
    if group == "readability":
        return readability(articles, counts=False, **tables)
    counts = count_frames(articles, dictionary, normalize=normalize, **tables)  # type: ignore[arg-type]
    return counts.drop(columns="n_tokens").rename(columns={"unmatched": "frames_unmatched"})
