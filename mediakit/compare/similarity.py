"""TF-IDF cosine similarity between articles, or between their sentences.

:func:`tfidf_similarity` returns a pairs table (one row per pair of documents,
or of sentences from different documents); :func:`to_matrix` turns a pairs
table into the square form for heatmaps and clustering.

TF-IDF is scikit-learn's (:class:`~sklearn.feature_extraction.text.TfidfVectorizer`
by default, or any vectorizer you pass); mediakit adds a news token pattern
(:data:`TOKEN_PATTERN`), a deliberate choice of the corpus the IDF is fitted
on (a pair of articles is too small a corpus for document frequencies to mean
anything), and a blockwise similarity computation that never holds an n x n
matrix. The machinery lives in ``mediakit.compare._tfidf``.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

from mediakit._progress import check_progress
from mediakit._validation import MediakitWarning, check_option, check_table, show_values, warn
from mediakit.compare import _tfidf
from mediakit.compare._tfidf import MIN_IDF_TEXTS, TOKEN_PATTERN
from mediakit.segment import _spans, split_sentences

__all__ = ["MIN_IDF_TEXTS", "TOKEN_PATTERN", "tfidf_similarity", "to_matrix"]

_DEFAULT_NGRAMS = {"word": (1, 1), "char_wb": (3, 5), "char": (3, 5)}


def tfidf_similarity(
    articles: pd.DataFrame,
    *,
    vectorizer: Any = None,
    level: Literal["document", "sentence"] = "document",
    min_similarity: float = 0.0,
    background: pd.DataFrame | Any = None,
    analyzer: Literal["word", "char_wb", "char"] = "word",
    ngram_range: tuple[int, int] | None = None,
    fold_accents: bool = False,
    lowercase: bool = True,
    stop_words: str | list[str] | None = None,
    idf: Literal["auto", "documents", "sentences", "background", "none"] = "auto",
    within_documents: bool = False,
    top_n: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Cosine similarity of TF-IDF vectors for every pair of documents or sentences.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text`` (best after
        :func:`mediakit.clean_articles`, so page chrome does not count).
    vectorizer : object, optional
        Your own vectorizer: anything with ``fit_transform(texts)``,
        ``transform(texts)`` and ``get_feature_names_out()``, such as a
        ``TfidfVectorizer`` with other settings or a ``CountVectorizer``. It is
        cloned (your object stays unfitted), fitted on the IDF corpus chosen by
        `idf`, and its rows are L2-normalised before the dot products. With a
        vectorizer, leave `analyzer`, `ngram_range`, `fold_accents`,
        `lowercase` and `stop_words` at their defaults (set them on the
        vectorizer). Default: a ``TfidfVectorizer`` with smoothed IDF,
        ``ln((1 + n) / (1 + df)) + 1``, raw term counts and L2 norm.
    level : {"document", "sentence"}
        Compare whole documents, or the sentences of
        :func:`mediakit.split_sentences` (subheadings included).
    min_similarity : float, default 0.0
        Keep pairs with ``similarity >= min_similarity``; 0 keeps every pair.
    background : pandas.DataFrame or iterable of str, optional
        Reference corpus for the IDF (an articles frame, or texts): other
        stories from the same outlets or period. Using it implies
        ``idf="background"``.
    analyzer : {"word", "char_wb", "char"}
        ``"word"``: tokens of :data:`TOKEN_PATTERN`, `ngram_range` default
        (1, 1). ``"char_wb"``: character n-grams inside word boundaries,
        `ngram_range` default (3, 5); robust to spelling variants
        ("Zelensky"/"Zelenskyy" share most of their n-grams). ``"char"``:
        character n-grams across word boundaries.
    ngram_range : tuple of int, optional
        ``(min_n, max_n)`` n-gram lengths, in words or characters.
    fold_accents : bool, default False
        Strip accents before analysis (scikit-learn's
        ``strip_accents="unicode"``: NFKD, then combining marks dropped), so
        "Nausėda" and "Nauseda", "Orbán" and "Orban" are the same term.
    lowercase : bool, default True
        Lowercase before analysis.
    stop_words : "english", list of str or None
        Words to drop (word analyzer only); ``"english"`` is scikit-learn's
        list. Usually unnecessary: IDF already discounts frequent words.
    idf : {"auto", "documents", "sentences", "background", "none"}
        The corpus the IDF is fitted on (see Notes). ``"none"``: no IDF, the
        cosine of L2-normalised term counts (default vectorizer only).
    within_documents : bool, default False
        At ``level="sentence"``, also pair sentences of the same document.
    top_n : int, optional
        Keep only the ``top_n`` most similar pairs (after `min_similarity`);
        with many documents this bounds the output, which otherwise has
        n (n - 1) / 2 rows.
    progress : bool or None, default None
        A progress bar (tqdm) over the blocks of rows compared: ``None``
        shows it on a terminal or in a notebook once the call has run for
        two seconds, ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        Pairs table, RangeIndex. At ``level="document"``: ``doc_id_a``,
        ``doc_id_b`` (``doc_id_a`` comes first in the articles' order),
        ``similarity`` (cosine, float in [0, 1]). At ``level="sentence"``:
        ``doc_id_a``, ``sent_id_a``, ``doc_id_b``, ``sent_id_b``,
        ``similarity``, sentence a before sentence b in reading order. Rows
        are sorted by similarity descending, ties in reading order.
        ``attrs["ids"]`` holds every compared unit in order (doc_ids, or
        ``(doc_id, sent_id)`` tuples) for :func:`to_matrix`.

    Warns
    -----
    MediakitWarning
        When there are fewer than two documents (no pairs); naming the
        documents or sentences with no text or no kept term (similarity 0 to
        everything); when the IDF corpus has fewer than
        :data:`MIN_IDF_TEXTS` texts (nearly flat IDF); when a custom
        vectorizer yields negative features (cosines below 0 are clipped).

    Raises
    ------
    ValueError
        Unknown `level`, `analyzer` or `idf`; out-of-range `min_similarity`,
        `ngram_range` or `top_n`; `idf` and `background` that contradict each
        other; a vectorizer that keeps no term at all.
    TypeError
        A `vectorizer` without the three methods; a non-text `background`.

    Notes
    -----
    **Which IDF.** IDF measures how rare a term is across a corpus. Two
    articles are no corpus: with plain IDF, ``ln(n / df)``, every term the two
    share weighs ``ln(2/2) = 0``, and the smoothed IDF still gives only two
    values, 1 for shared terms and ``ln(3/2) + 1 = 1.41`` for the others. So
    ``idf="auto"`` picks:

    * ``"background"`` when a `background` corpus is given. The IDF is fitted
      on the background texts plus the compared texts, so every term of the
      compared texts is in the vocabulary (a term unknown to the background
      gets the highest IDF);
    * ``"sentences"`` at ``level="sentence"``, and at ``level="document"``
      with fewer than :data:`MIN_IDF_TEXTS` (10) documents: every sentence of
      the articles is a pseudo-document for the IDF, and the documents are
      then transformed with it. In a pair of 15- and 16-sentence articles,
      "the" is in most sentences (IDF 1.13) while "Pyongyang" is in two
      (IDF ``ln(32/3) + 1 = 3.37``), which is what a reader would weigh;
    * ``"documents"`` with 10 or more documents: the usual TF-IDF.

    Ten is where the smoothed IDF starts to discriminate: the ratio between
    the weights of the rarest and the commonest term, ``ln((1 + n)/2) + 1``,
    is 1.41 for 2 texts and 2.70 for 10. A warning says so whenever the IDF is
    fitted on fewer texts. Empty texts are left out of the IDF corpus.

    **Memory.** Rows are L2-normalised, so the cosine is a sparse dot
    product; it is computed for a block of rows at a time (at most
    :data:`mediakit.compare._tfidf.CHUNK_CELLS` = 4M values, 32 MB, per block), and
    only the pairs that pass `min_similarity` and `top_n` are kept. Memory is
    the sparse matrix plus one block plus the output; the output of
    ``min_similarity=0`` grows as n (n - 1) / 2, so for thousands of
    documents set `min_similarity` or `top_n`.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.compare.similarity import tfidf_similarity
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> pairs = tfidf_similarity(articles)
    >>> pairs.columns.tolist()
    ['doc_id_a', 'doc_id_b', 'similarity']
    >>> pairs[["doc_id_a", "doc_id_b"]].iloc[0].tolist()
    ['wire', 'rewrite']
    >>> bool(0.5 < pairs.loc[0, "similarity"] < 1)
    True

    The sentence of the rewrite closest to each wire sentence:

    >>> sents = tfidf_similarity(articles, level="sentence")
    >>> best = sents.sort_values("similarity", ascending=False).drop_duplicates("sent_id_a")
    >>> best.set_index("sent_id_a").loc[[0, 3, 4], "sent_id_b"].tolist()
    [0, 3, 4]
    """
    func = "tfidf_similarity"
    progress = check_progress(progress, func)
    articles, texts = _spans.article_texts(articles, func)
    level = check_option("level", level, {"document", "sentence"})
    analyzer = check_option("analyzer", analyzer, set(_DEFAULT_NGRAMS))
    idf = check_option("idf", idf, _tfidf.IDF_MODES)
    min_similarity = _check_unit_float("min_similarity", min_similarity)
    top_n = _check_top_n(top_n)
    for name, flag in (
        ("fold_accents", fold_accents),
        ("lowercase", lowercase),
        ("within_documents", within_documents),
    ):
        if not isinstance(flag, bool | np.bool_):
            raise TypeError(f"`{name}` must be True or False, got {flag!r}")
    custom = vectorizer is not None
    if custom:
        _check_no_settings(analyzer, ngram_range, fold_accents, lowercase, stop_words)
        vectorizer = _tfidf.check_vectorizer(vectorizer)
    ngram_range = _check_ngrams(ngram_range, analyzer)
    bg_texts = _tfidf.check_background(background, func) if background is not None else None
    mode = _tfidf.resolve_idf(
        idf, level=level, n_docs=len(texts), background=bg_texts is not None, custom=custom
    )
    if not custom:
        vectorizer = _tfidf.default_vectorizer(
            analyzer=analyzer,
            ngram_range=ngram_range,
            fold_accents=bool(fold_accents),
            lowercase=bool(lowercase),
            stop_words=stop_words,
            use_idf=mode != "none",
        )

    # The units compared, their groups (document positions) and labels.
    sentences = None
    if level == "sentence" or mode == "sentences":
        with warnings.catch_warnings():  # empty articles are named below, once
            warnings.simplefilter("ignore", MediakitWarning)
            sentences = split_sentences(articles.assign(text=texts))
    if level == "document":
        units = texts
        groups = np.arange(len(texts))
        labels: list[Any] = list(articles.index)
    else:
        assert sentences is not None
        units = sentences["text"].tolist()
        groups = articles.index.get_indexer(pd.Index(sentences["doc_id"]))
        labels = list(zip(sentences["doc_id"], sentences["sent_id"].tolist(), strict=True))
        have = set(groups.tolist())
        no_sentences = [d for k, d in enumerate(articles.index) if k not in have]
        if no_sentences:
            warn(
                f"{func}: {len(no_sentences)} article(s) have no text, hence no sentence to "
                f"pair: {show_values(no_sentences)}"
            )

    n_docs = len(texts)
    if n_docs < 2 and not (level == "sentence" and within_documents):
        if n_docs == 1:
            warn(
                f"{func}: only one document ({articles.index[0]!r}), so there are no pairs; "
                + (
                    "pass within_documents=True to pair its sentences"
                    if level == "sentence"
                    else "pass level='sentence', within_documents=True to compare its sentences"
                )
            )
        return _pairs_table(articles.index, level, sentences, *_no_pairs(), labels)

    # The IDF corpus (None: the units themselves) and the vectors.
    nonempty_units = [u for u in units if u.strip()]
    if mode == "background":
        assert bg_texts is not None
        fit_texts: list[str] | None = bg_texts + nonempty_units
    elif mode == "sentences" and level == "document":
        assert sentences is not None
        fit_texts = sentences["text"].tolist()
    elif mode == "documents" and level == "sentence":
        fit_texts = [t for t in texts if t.strip()]
    else:
        fit_texts = None if len(nonempty_units) == len(units) else nonempty_units
    if mode != "none" and (not custom or getattr(vectorizer, "use_idf", False)):
        n_fit = len(fit_texts) if fit_texts is not None else len(units)
        if n_fit:
            _tfidf.warn_flat_idf(n_fit, mode, func)
    if nonempty_units:
        X = _tfidf.vectorize(vectorizer, fit_texts, units)
    else:
        X = sp.csr_matrix((len(units), 1), dtype=np.float64)
    no_terms = np.flatnonzero(np.diff(X.indptr) == 0)
    if level == "document" and len(no_terms):
        _tfidf.no_term_warning([labels[k] for k in no_terms], "document(s)", func)
    elif len(no_terms):
        _tfidf.no_term_warning([labels[k] for k in no_terms], "sentence(s) (doc_id, sent_id)", func)

    i, j, sim, negative = _tfidf.cosine_pairs(
        X,
        groups,
        within_groups=bool(within_documents),
        min_similarity=min_similarity,
        top_n=top_n,
        progress=progress,
    )
    if negative:
        warn(
            f"{func}: the vectorizer produced negative feature values, so some cosines were "
            "below 0; they are clipped to 0 to keep similarity in [0, 1]"
        )
    return _pairs_table(articles.index, level, sentences, i, j, sim, labels)


def _no_pairs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)


def _pairs_table(
    index: pd.Index,
    level: str,
    sentences: pd.DataFrame | None,
    i: np.ndarray,
    j: np.ndarray,
    sim: np.ndarray,
    labels: list[Any],
) -> pd.DataFrame:
    if level == "document":
        data: dict[str, Any] = {
            "doc_id_a": index.take(i).array,
            "doc_id_b": index.take(j).array,
        }
    else:
        assert sentences is not None
        doc_ids = pd.Index(sentences["doc_id"].array)
        sent_ids = sentences["sent_id"].to_numpy(dtype=np.int64)
        if not len(doc_ids):  # no sentence at all: keep the index's dtype
            doc_ids = index[:0]
        data = {
            "doc_id_a": doc_ids.take(i).array,
            "sent_id_a": sent_ids[i],
            "doc_id_b": doc_ids.take(j).array,
            "sent_id_b": sent_ids[j],
        }
    data["similarity"] = np.asarray(sim, dtype=np.float64)
    out = pd.DataFrame(data)
    out.attrs["ids"] = tuple(labels)
    return out


def _check_unit_float(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= float(value) <= 1:
        raise ValueError(f"`{name}` must be a number between 0 and 1, got {value!r}")
    return float(value)


def _check_top_n(top_n: Any) -> int | None:
    if top_n is None:
        return None
    if isinstance(top_n, bool) or not isinstance(top_n, numbers.Integral) or top_n < 1:
        raise ValueError(f"`top_n` must be None or a positive integer, got {top_n!r}")
    return int(top_n)


def _check_ngrams(ngram_range: Any, analyzer: str) -> tuple[int, int]:
    if ngram_range is None:
        return _DEFAULT_NGRAMS[analyzer]
    ok = (
        isinstance(ngram_range, tuple | list)
        and len(ngram_range) == 2
        and all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in ngram_range)
        and 1 <= ngram_range[0] <= ngram_range[1]
    )
    if not ok:
        raise ValueError(
            f"`ngram_range` must be None or (min_n, max_n) with 1 <= min_n <= max_n, "
            f"got {ngram_range!r}"
        )
    return (int(ngram_range[0]), int(ngram_range[1]))


def _check_no_settings(
    analyzer: str, ngram_range: Any, fold_accents: bool, lowercase: bool, stop_words: Any
) -> None:
    given = [
        name
        for name, value, default in (
            ("analyzer", analyzer, "word"),
            ("ngram_range", ngram_range, None),
            ("fold_accents", fold_accents, False),
            ("lowercase", lowercase, True),
            ("stop_words", stop_words, None),
        )
        if value != default
    ]
    if given:
        raise ValueError(
            f"{given} apply to the default vectorizer only; with `vectorizer`, set them on "
            "the vectorizer itself (e.g. TfidfVectorizer(analyzer='char_wb', "
            "strip_accents='unicode'))"
        )


def to_matrix(
    pairs: pd.DataFrame, *, ids: list[Any] | None = None, fill: float = np.nan
) -> pd.DataFrame:
    r"""Turn a pairs table into a square similarity matrix.

    Parameters
    ----------
    pairs : pandas.DataFrame
        A pairs table: ``doc_id_a``, ``doc_id_b``, ``similarity``, and for
        sentence pairs ``sent_id_a`` and ``sent_id_b`` (as
        :func:`tfidf_similarity` returns them).
    ids : list, optional
        Row and column labels, in order: doc_ids, or ``(doc_id, sent_id)``
        tuples for sentence pairs. Labels with no pair get `fill`. Default:
        ``pairs.attrs["ids"]`` when :func:`tfidf_similarity` made the table
        (every compared unit, in reading order, even if filtering left it
        without a pair), else the ids in the order they are first seen
        reading the table row by row (a before b).
    fill : float, default NaN
        Value for pairs missing from the table: filtered out by
        `min_similarity`/`top_n`, or never compared (sentences of one
        document). Pass 0.0 to treat them as dissimilar.

    Returns
    -------
    pandas.DataFrame
        Square matrix, index and columns the same labels: doc_ids (index and
        columns named ``doc_id``), or for sentence pairs a MultiIndex of
        ``(doc_id, sent_id)`` tuples, so ``m.loc[("wire", 4), ("rewrite",
        4)]`` reads one cell. The diagonal is 1.0. Each row (a, b) fills cell
        [a, b] and, unless the table also has a row (b, a), cell [b, a]: a
        symmetric table gives a symmetric matrix, a directed one (e.g.
        containment in both directions) keeps its two directions.

    Raises
    ------
    ValueError
        Missing columns, the same pair twice, or an id not in `ids`.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.compare.similarity import to_matrix
    >>> pairs = pd.DataFrame(
    ...     {"doc_id_a": ["a", "a"], "doc_id_b": ["b", "c"], "similarity": [0.5, 0.2]}
    ... )
    >>> to_matrix(pairs)  # doctest: +NORMALIZE_WHITESPACE
    doc_id    a    b    c
    doc_id
    a       1.0  0.5  0.2
    b       0.5  1.0  NaN
    c       0.2  NaN  1.0
    """
    described = "a pairs table, e.g. from tfidf_similarity(...)"
    check_table(pairs, (), func="to_matrix", name="`pairs`", described=described)
    sentence = "sent_id_a" in pairs.columns or "sent_id_b" in pairs.columns
    needed = ["doc_id_a", "doc_id_b", "similarity"]
    if sentence:
        needed += ["sent_id_a", "sent_id_b"]
    check_table(pairs, needed, func="to_matrix", name="`pairs`", described=described)
    if sentence:
        a = list(zip(pairs["doc_id_a"], pairs["sent_id_a"].tolist(), strict=True))
        b = list(zip(pairs["doc_id_b"], pairs["sent_id_b"].tolist(), strict=True))
    else:
        a, b = pairs["doc_id_a"].tolist(), pairs["doc_id_b"].tolist()
    if ids is None:
        ids = list(pairs.attrs.get("ids", ()))
        seen = set(ids)
        for label in (x for ab in zip(a, b, strict=True) for x in ab):
            if label not in seen:
                seen.add(label)
                ids.append(label)
    else:
        ids = list(ids)
    pos = {label: k for k, label in enumerate(ids)}
    if len(pos) != len(ids):
        raise ValueError("`ids` has repeated labels")
    unknown = [x for x in a + b if x not in pos]
    if unknown:
        raise ValueError(f"to_matrix: pairs name id(s) missing from `ids`: {unknown[:5]}")
    ia = np.array([pos[x] for x in a], dtype=np.intp)
    ib = np.array([pos[x] for x in b], dtype=np.intp)
    keys = pd.Series(list(zip(ia.tolist(), ib.tolist(), strict=True)), dtype=object)
    if keys.duplicated().any():
        dupes = [(ids[i], ids[j]) for i, j in keys[keys.duplicated()].tolist()[:5]]
        raise ValueError(f"to_matrix: the pairs table has the same pair twice: {dupes}")
    values = pairs["similarity"].to_numpy(dtype=np.float64)
    m = np.full((len(ids), len(ids)), float(fill), dtype=np.float64)
    given = set(zip(ia.tolist(), ib.tolist(), strict=True))
    mirror = np.array([(j, i) not in given for i, j in zip(ia, ib, strict=True)], dtype=bool)
    m[ib[mirror], ia[mirror]] = values[mirror]
    m[ia, ib] = values
    np.fill_diagonal(m, 1.0)
    if sentence:
        labels: pd.Index = pd.MultiIndex.from_arrays(
            [[x[0] for x in ids], [x[1] for x in ids]], names=["doc_id", "sent_id"]
        )
    else:
        labels = pd.Index(ids, name="doc_id")
    return pd.DataFrame(m, index=labels, columns=labels.copy())
