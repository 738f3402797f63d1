"""The machinery behind :func:`mediakit.compare.similarity.tfidf_similarity`.

What lives here, and why it is ours rather than scikit-learn's:

* ``TOKEN_PATTERN``, a news token pattern for ``TfidfVectorizer`` (the
  default ``\\b\\w\\w+\\b`` splits ``11,000`` and keeps the clitic of
  ``Korea's``);
* the choice of the corpus the IDF is fitted on (``resolve_idf``,
  ``fit_corpus``), which scikit-learn leaves to the caller;
* ``vectorize``: fit a (cloned) vectorizer on that corpus, transform the units,
  turn scikit-learn's errors into messages that say what to change;
* ``cosine_pairs``: cosine similarity of the L2-normalised rows by sparse
  products, a block of rows at a time, so that no n x n matrix is ever held.

TF-IDF itself (counting, IDF, normalisation) is scikit-learn's.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from mediakit._progress import bar
from mediakit._validation import check_articles, show_values, warn

__all__ = [
    "CHUNK_CELLS",
    "IDF_MODES",
    "MIN_IDF_TEXTS",
    "TOKEN_PATTERN",
    "check_background",
    "check_vectorizer",
    "cosine_pairs",
    "default_vectorizer",
    "idf_spread",
    "no_term_warning",
    "resolve_idf",
    "vectorize",
    "warn_flat_idf",
]

#: Below this many texts in the IDF corpus the IDF is nearly flat (see ``idf_spread``).
MIN_IDF_TEXTS = 10

#: How many similarity values one block of ``cosine_pairs`` may hold (8 bytes each).
CHUNK_CELLS = 1 << 22

IDF_MODES = {"auto", "documents", "sentences", "background", "none"}

_MARK = "\u0300-\u036f"  # combining accents (text in NFD form)
_PART = rf"(?:[^\W_]|[{_MARK}])+"
# Hyphens join word parts; an apostrophe joins them unless it starts the clitic
# 's ("Korea's" -> "korea"; "don't", "o'brien" stay whole).
_WORD = rf"{_PART}(?:[-‐‑]{_PART}|['’](?![sS](?![^\W_])){_PART})*"
TOKEN_PATTERN = (
    r"(?:[^\W\d_]\.){2,}"  # u.s., a.m. (dotted abbreviations; text is lowercased first)
    r"|\d+(?:[.,:/]\d+)+"  # 11,000 · 2.5 · 10:30 · 7/11
    rf"|(?=[^\W_]{{2}}|\d|[^\W_][{_MARK}]|[^\W_][-‐‑'’][^\W_]){_WORD}"  # 2+ characters, numbers
)


def default_vectorizer(
    *,
    analyzer: str,
    ngram_range: tuple[int, int],
    fold_accents: bool,
    lowercase: bool,
    stop_words: Any,
    use_idf: bool,
) -> TfidfVectorizer:
    """The TfidfVectorizer tfidf_similarity builds when none is given."""
    return TfidfVectorizer(
        analyzer=analyzer,
        ngram_range=ngram_range,
        strip_accents="unicode" if fold_accents else None,
        lowercase=lowercase,
        stop_words=stop_words if analyzer == "word" else None,
        token_pattern=TOKEN_PATTERN if analyzer == "word" else r"(?u)\b\w\w+\b",
        use_idf=use_idf,
        smooth_idf=True,
        norm="l2",
        dtype=np.float64,
    )


def check_vectorizer(vectorizer: Any) -> Any:
    """An unfitted copy of ``vectorizer`` (the caller's object is never fitted)."""
    needed = ("fit_transform", "transform", "get_feature_names_out")
    missing = [m for m in needed if not callable(getattr(vectorizer, m, None))]
    if missing:
        raise TypeError(
            "`vectorizer` must be None or an object with fit_transform(texts), "
            "transform(texts) and get_feature_names_out() methods, such as "
            "sklearn.feature_extraction.text.TfidfVectorizer(...) or CountVectorizer(...); "
            f"{type(vectorizer).__name__} lacks {missing}"
        )
    if callable(getattr(vectorizer, "get_params", None)):
        return clone(vectorizer)
    return copy.deepcopy(vectorizer)


def check_background(background: Any, func: str) -> list[str]:
    """The background texts as a list of str (an articles frame or an iterable of str)."""
    if isinstance(background, pd.DataFrame):
        check_articles(background, func=f"{func} (`background`)")
        values = background["text"].tolist()
    elif isinstance(background, str | bytes) or not isinstance(background, Iterable):
        raise TypeError(
            "`background` must be an articles frame or an iterable of str (one text per "
            f"item), got {type(background).__name__}"
            + ("; wrap a single text in a list" if isinstance(background, str) else "")
        )
    else:
        values = list(background)
    texts: list[str] = []
    for i, value in enumerate(values):
        if isinstance(value, str):
            if value.strip():
                texts.append(value)
        elif value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            continue
        else:
            raise TypeError(
                f"`background` item {i} is {type(value).__name__}; every background text "
                "must be a str"
            )
    if not texts:
        raise ValueError(
            "`background` holds no non-empty text; pass a corpus of texts from the same "
            "domain (for example other articles from the same outlets)"
        )
    return texts


def resolve_idf(idf: str, *, level: str, n_docs: int, background: bool, custom: bool) -> str:
    """The IDF mode that ``idf`` stands for, after checking it fits the other options."""
    if idf == "background" and not background:
        raise ValueError(
            "`idf` = 'background' needs a `background` corpus; pass background=<articles "
            "frame or list of texts>, or choose idf='auto'"
        )
    if background and idf not in {"auto", "background"}:
        raise ValueError(
            f"`background` is given but `idf` = {idf!r} does not use it; pass "
            "idf='background' (or 'auto'), or drop `background`"
        )
    if idf == "none" and custom:
        raise ValueError(
            "`idf` = 'none' applies to the default vectorizer only; to drop IDF from your "
            "own vectorizer, set it there (e.g. TfidfVectorizer(use_idf=False))"
        )
    if idf != "auto":
        return idf
    if background:
        return "background"
    if level == "sentence" or n_docs < MIN_IDF_TEXTS:
        return "sentences"
    return "documents"


def idf_spread(n: int) -> float:
    """Largest over smallest smoothed IDF in a corpus of ``n`` texts: ln((1+n)/2)+1."""
    return math.log((1 + n) / 2) + 1


def warn_flat_idf(n_fit: int, mode: str, func: str) -> None:
    """Say so when the IDF corpus is too small for the IDF to mean much."""
    if n_fit >= MIN_IDF_TEXTS:
        return
    what = {
        "documents": "documents",
        "sentences": "sentences",
        "background": "texts (background plus compared texts)",
    }[mode]
    warn(
        f"{func}: the IDF is fitted on only {n_fit} {what}, so it is nearly flat (a term "
        f"found in one of them weighs only {idf_spread(n_fit):.2f} times a term found in "
        "all) and the similarities are close to plain term-frequency cosines. Pass a "
        "`background` corpus, or idf='none' to say so explicitly",
        stacklevel=4,
    )


def _empty_vocabulary(err: Exception | None = None) -> ValueError:
    detail = f" ({err})" if err is not None else ""
    return ValueError(
        f"the vectorizer found no terms in the texts{detail}: every token was filtered "
        "out. Check `stop_words`, `ngram_range`, the vectorizer's min_df/max_df and "
        "token_pattern, or that the texts are not just punctuation or numbers"
    )


def vectorize(vectorizer: Any, fit_texts: list[str] | None, texts: list[str]) -> sp.csr_matrix:
    """Fit ``vectorizer`` on ``fit_texts`` (None: on ``texts``), return ``texts``' rows.

    The rows come back L2-normalised (a no-op for TfidfVectorizer's own output),
    so that their dot products are cosine similarities. Rows of texts without
    any term are zero.
    """
    try:
        if fit_texts is None:
            X = vectorizer.fit_transform(texts)
        else:
            vectorizer.fit_transform(fit_texts)
            X = vectorizer.transform(texts)
    except ValueError as err:
        msg = str(err)
        if "vocabulary" in msg or "no terms remain" in msg:
            raise _empty_vocabulary(err) from None
        raise
    if len(vectorizer.get_feature_names_out()) == 0:
        raise _empty_vocabulary()
    X = sp.csr_matrix(X, dtype=np.float64) if sp.issparse(X) else sp.csr_matrix(np.asarray(X))
    if X.ndim != 2 or X.shape[0] != len(texts):
        raise ValueError(
            f"`vectorizer`.transform returned shape {X.shape} for {len(texts)} texts; "
            "expected one row per text"
        )
    if not np.isfinite(X.data).all():
        raise ValueError("`vectorizer` returned NaN or infinite feature values")
    return normalize(X.astype(np.float64), norm="l2", copy=True).tocsr()


def cosine_pairs(
    X: sp.csr_matrix,
    groups: np.ndarray,
    *,
    within_groups: bool,
    min_similarity: float,
    top_n: int | None,
    chunk_cells: int | None = None,
    progress: bool | None = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """Cosine similarity of every row pair (i < j) of the L2-normalised ``X``.

    Pairs whose rows share a group are left out unless ``within_groups``. Rows
    are taken ``chunk_cells // n`` at a time: a block is the sparse product of
    those rows with the rows at or after them, densified, filtered by
    ``min_similarity`` and (with ``top_n``) cut to the best ``top_n`` so far.
    Memory: ``X`` plus one block (at most ``chunk_cells`` floats; default
    ``CHUNK_CELLS``, 32 MB) plus the pairs kept.

    Returns ``i``, ``j``, ``similarity`` sorted by similarity descending, then
    ``i``, then ``j``, and whether any similarity was below 0 (clipped to 0:
    only a vectorizer with negative features can produce one).
    """
    n = X.shape[0]
    empty = np.zeros(0, dtype=np.int64)
    keep_i, keep_j, keep_s = [empty], [empty], [np.zeros(0, dtype=np.float64)]
    negative = False
    rows = max(1, (chunk_cells or CHUNK_CELLS) // max(n, 1))
    starts = range(0, max(n - 1, 0), rows)
    for start in bar(starts, total=len(starts), desc="tfidf_similarity", progress=progress):
        stop = min(n, start + rows)
        block = (X[start:stop] @ X[start:].T).toarray()
        i = np.arange(start, stop)[:, None]
        j = np.arange(start, n)[None, :]
        mask = j > i
        if not within_groups:
            mask &= groups[start:stop, None] != groups[None, start:]
        negative = negative or bool((block[mask] < 0).any())
        np.clip(block, 0.0, 1.0, out=block)
        if min_similarity > 0:
            mask &= block >= min_similarity
        if top_n is not None and mask.sum() > top_n:
            # Keep this block's best top_n (and any ties with the last of them).
            values = block[mask]
            cut = np.partition(values, values.size - top_n)[values.size - top_n]
            mask &= block >= cut
        bi, bj = np.nonzero(mask)
        keep_i.append(bi + start)
        keep_j.append(bj + start)
        keep_s.append(block[bi, bj])
        if top_n is not None:
            keep_i, keep_j, keep_s = _best(
                [np.concatenate(k) for k in (keep_i, keep_j, keep_s)], top_n
            )
    out_i, out_j, out_s = (np.concatenate(k) for k in (keep_i, keep_j, keep_s))
    order = np.lexsort((out_j, out_i, -out_s))
    return out_i[order], out_j[order], out_s[order], negative


def _best(cols: list[np.ndarray], top_n: int) -> tuple[list[np.ndarray], ...]:
    i, j, s = cols
    order = np.lexsort((j, i, -s))[:top_n]
    return [i[order]], [j[order]], [s[order]]


def no_term_warning(ids: list[Any], what: str, func: str) -> None:
    """Name the texts that have no term (their similarity to anything is 0)."""
    if ids:
        warn(
            f"{func}: {len(ids)} {what} have no text or no term the vectorizer keeps; "
            f"their similarity to everything is 0: {show_values(ids)}",
            stacklevel=4,
        )
