"""Sentence and document sentiment with VADER, offline.

VADER (Hutto & Gilbert 2014) is a lexicon and rule-based scorer tuned on
social-media text and checked on news editorials among others. mediakit uses
the implementation and the lexicon that the ``vaderSentiment`` PyPI package
ships (``vader_lexicon.txt`` and ``emoji_utf8_lexicon.txt`` next to its
module, read from disk; nothing is downloaded; NLTK's copy of the lexicon is
not needed).
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from mediakit._dask import per_partition
from mediakit._progress import bar, check_progress
from mediakit._validation import check_articles, check_option, warn
from mediakit.segment import split_sentences

__all__ = ["NEGATIVE", "POSITIVE", "sentiment"]

POSITIVE = 0.05
NEGATIVE = -0.05
_SCORES = ("neg", "neu", "pos", "compound")
# VADER's negation list and lexicon spell apostrophes and quotes straight
# ("didn't", "isn't"): typographic ones would hide a negation.
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"'})


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as err:  # pragma: no cover - dependency declared
        raise ImportError(
            "mediakit.style.sentiment needs VADER and its lexicon from the `vaderSentiment` "
            "package: pip install vaderSentiment"
        ) from err
    return SentimentIntensityAnalyzer()


@per_partition
def sentiment(
    articles: pd.DataFrame, *, level: str = "document", progress: bool | None = None
) -> pd.DataFrame:
    r"""VADER sentiment of each sentence, or of each article.

    Sentences are the **body** sentences of
    :func:`mediakit.segment.split_sentences` (subheadings left out), each
    scored on its own by ``SentimentIntensityAnalyzer.polarity_scores`` after
    typographic apostrophes and quotes are made straight (VADER's negations
    such as ``didn't`` are written with ``'``).

    VADER's scores: ``neg``, ``neu``, ``pos`` are the shares of the sentence's
    sentiment mass that is negative, neutral and positive (they sum to 1);
    ``compound`` is the sum :math:`x` of the valences of its words (lexicon
    values from -4 to +4, adjusted by VADER's rules for negation, boosters,
    capitals, "but", exclamation marks), normalised to
    :math:`x / \sqrt{x^2 + 15}`, in [-1, 1]. A single "good" (valence 1.9)
    gives :math:`1.9 / \sqrt{1.9^2 + 15} = 0.4404`.

    At the document level, mediakit **averages the sentence scores** rather
    than scoring the whole article at once: the normalisation above saturates
    as a long text adds up valences, so a whole-article compound is near +1 or
    -1 for almost any news story and does not compare articles of different
    length. The positive and negative shares use VADER's standard thresholds,
    compound ≥ 0.05 and ≤ -0.05.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text`` (English).
    level : {"document", "sentence"}, default "document"
        Return one row per article or one row per sentence.
    progress : bool or None, default None
        A progress bar (tqdm) while the articles are split and scored:
        ``None`` shows it on a terminal or in a notebook once the call has
        run for two seconds, ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        ``level="sentence"``: a segments-like table, RangeIndex, columns
        ``doc_id``, ``sent_id`` (as in ``split_sentences``), ``text`` (the
        sentence as in the article), ``neg``, ``neu``, ``pos``, ``compound``.

        ``level="document"``: document features, index ``doc_id`` (same rows
        and order as ``articles``), columns ``n_sentences`` (body sentences
        scored), ``compound_mean``, ``neg_mean``, ``neu_mean``, ``pos_mean``
        (means over sentences), ``compound_sd`` (sample standard deviation,
        NaN for one sentence), ``share_positive`` (share of sentences with
        compound ≥ 0.05), ``share_negative`` (≤ -0.05), ``share_neutral``
        (the rest). Articles without sentences get NaN and a warning.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based
    model for sentiment analysis of social media text. *Proceedings of ICWSM
    2014*, 216-225.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.style.sentiment import sentiment
    >>> articles = pd.DataFrame(
    ...     {"text": ["The film was good. The ending was bad."]},
    ...     index=pd.Index(["review"], name="doc_id"),
    ... )
    >>> sentiment(articles, level="sentence")[["sent_id", "text", "compound"]]
       sent_id                 text  compound
    0        0   The film was good.    0.4404
    1        1  The ending was bad.   -0.5423
    >>> doc = sentiment(articles)
    >>> doc[["n_sentences", "share_positive", "share_negative"]]  # doctest: +NORMALIZE_WHITESPACE
            n_sentences  share_positive  share_negative
    doc_id
    review            2             0.5             0.5
    >>> round(float(doc.loc["review", "compound_mean"]), 5)  # (0.4404 - 0.5423) / 2
    -0.05095
    """
    func = "sentiment"
    check_articles(articles, func=func)
    check_option("level", level, {"document", "sentence"})
    progress = check_progress(progress, func)
    with warnings.catch_warnings():  # empty articles: one warning, from us
        warnings.simplefilter("ignore")
        segments = split_sentences(articles, progress=progress)
    body = segments[segments["kind"] == "body"]
    analyzer = _analyzer()
    texts = body["text"].astype(object).tolist()
    scores = [
        analyzer.polarity_scores(t.translate(_STRAIGHTEN))
        for t in bar(texts, total=len(texts), desc=f"{func}: VADER", progress=progress)
    ]
    sents = pd.DataFrame(
        {
            "doc_id": body["doc_id"].to_numpy(),
            "sent_id": body["sent_id"].to_numpy(dtype="int64"),
            "text": body["text"].to_numpy(),
            **{k: np.array([s[k] for s in scores], dtype=float) for k in _SCORES},
        }
    )
    if level == "sentence":
        sents["doc_id"] = sents["doc_id"].astype(body["doc_id"].dtype)
        sents["text"] = sents["text"].astype(body["text"].dtype)
        _warn_empty(articles.index.difference(sents["doc_id"].unique(), sort=False), 4)
        return sents
    return _documents(articles.index, sents)


def _documents(index: pd.Index, sents: pd.DataFrame) -> pd.DataFrame:
    c = sents["compound"]
    sents = sents.assign(
        _pos=(c >= POSITIVE).astype(float),
        _neg=(c <= NEGATIVE).astype(float),
        _neu=((c > NEGATIVE) & (c < POSITIVE)).astype(float),
    )
    g = sents.groupby("doc_id", sort=False)
    out = pd.DataFrame(
        {
            "n_sentences": g.size(),
            "compound_mean": g["compound"].mean(),
            "neg_mean": g["neg"].mean(),
            "neu_mean": g["neu"].mean(),
            "pos_mean": g["pos"].mean(),
            "compound_sd": g["compound"].std(ddof=1),
            "share_positive": g["_pos"].mean(),
            "share_negative": g["_neg"].mean(),
            "share_neutral": g["_neu"].mean(),
        }
    )
    out = out.reindex(index)
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    out.index = index.copy()
    out.index.name = "doc_id"
    _warn_empty(out.index[out["n_sentences"] == 0], 5)
    return out


def _warn_empty(ids: pd.Index, stacklevel: int) -> None:
    if len(ids):
        shown = ", ".join(repr(i) for i in ids[:10])
        more = f", ... ({len(ids) - 10} more)" if len(ids) > 10 else ""
        warn(
            f"sentiment: {len(ids)} article(s) have no body sentences to score "
            f"(no text?); they get NaN (document level) or no rows (sentence level): "
            f"[{shown}{more}]",
            stacklevel=stacklevel,
        )
