"""scikit-learn transformers: texts or articles in, one row of document features out.

Each transformer wraps one of mediakit's document-features functions, so that
its measures can go into a :class:`sklearn.pipeline.Pipeline`, a
:class:`~sklearn.pipeline.FeatureUnion` or a cross-validation:

* :class:`LexicalFeatures`: :func:`mediakit.lexical_features` (and
  :func:`mediakit.lexical_diversity`);
* :class:`Readability`: :func:`mediakit.readability`;
* :class:`Sentiment`: :func:`mediakit.sentiment` at document level;
* :class:`FrameCounts`: :func:`mediakit.count_frames` at document level;
* :class:`DocumentFeatures`: :func:`mediakit.document_features` (the three
  groups from one tokenization).

They follow scikit-learn's conventions. ``__init__`` stores its parameters
and does nothing else. ``fit`` checks the input and the parameters (it runs
the function once on a two-sentence probe text, which raises the function's
own error for a bad parameter and gives the output columns) and records
``n_features_in_`` (1: a text per sample), ``feature_names_in_`` (the text
column, for a DataFrame or a named Series) and, for the frame counts, the
dictionary it resolved (``dictionary_``). ``transform`` is stateless: each row
depends on its text alone, so fitting on one set and transforming another
gives the function's values on the other. ``get_feature_names_out`` names the
columns; the output is a float64 array, or a DataFrame with
``set_output(transform="pandas")`` (index: that of the input frame or
Series). The values are those of the function, as floats (tests check it).

The input ``X`` is either

* an articles frame (index ``doc_id``, column ``text``; other columns are
  ignored), as every mediakit function takes; a column of texts selected by
  name in a :class:`~sklearn.compose.ColumnTransformer` (a Series, or a
  one-column frame with ``["text"]``) works too;
* a :class:`pandas.Series` of texts; or
* any iterable of ``str`` (a list, a 1-D array), as
  :class:`~sklearn.feature_extraction.text.TfidfVectorizer` takes; ``None`` or
  NaN marks a missing text.

Rows are read by position: a frame or Series whose index repeats a label
(rows resampled with replacement, as in bagging) works, and the pandas
output keeps its index. Missing and empty texts keep their row (NaN ratios, zero counts) with the
function's warning; ratios can be NaN for short texts, so put a
:class:`~sklearn.impute.SimpleImputer` before an estimator that rejects NaN.
Transformers do not show progress bars unless ``progress=True``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from mediakit._validation import check_option, check_table, show_values
from mediakit.corpus import document_features
from mediakit.framing import Dictionary, count_frames, load_dictionary
from mediakit.style import (
    DIVERSITY_MEASURES,
    FEATURES,
    lexical_diversity,
    lexical_features,
    readability,
    sentiment,
)

__all__ = ["DocumentFeatures", "FrameCounts", "LexicalFeatures", "Readability", "Sentiment"]

_ARTICLES = "an articles frame: index doc_id, column text"
#: What ``fit`` runs each function on to check the parameters and learn the columns.
_PROBE = pd.DataFrame(
    {"text": ["“The war goes on,” the minister said on Monday.\n\nPrices rose 5% in 2024."]},
    index=pd.Index(["probe"], name="doc_id"),
)


class _ArticlesTransformer(TransformerMixin, BaseEstimator):
    """Shared by the transformers: input checks, fit bookkeeping, float output."""

    def _compute(self, articles: pd.DataFrame) -> pd.DataFrame:  # pragma: no cover
        raise NotImplementedError

    def _resolve(self) -> None:
        """Set the fitted attributes the parameters resolve to (none by default)."""

    def fit(self, X: Any, y: Any = None) -> Any:
        """Check ``X`` and the parameters; learn nothing from the texts.

        Parameters
        ----------
        X : articles DataFrame, Series of str or iterable of str
            The texts (see the module docstring).
        y : None
            Ignored; accepted for the Pipeline API.

        Returns
        -------
        self
        """
        self._fit(*_as_articles(X, type(self).__name__ + ".fit"))
        return self

    def transform(self, X: Any) -> np.ndarray:
        """Compute the features of each text.

        Parameters
        ----------
        X : articles DataFrame, Series of str or iterable of str
            The texts (see the module docstring).

        Returns
        -------
        numpy.ndarray of shape (n_texts, n_features)
            float64, NaN where the function gives NaN; a DataFrame with
            ``set_output(transform="pandas")``.
        """
        check_is_fitted(self)
        articles, _ = _as_articles(X, type(self).__name__ + ".transform", empty_ok=True)
        return self._transform(articles)

    def fit_transform(self, X: Any, y: Any = None, **fit_params: Any) -> np.ndarray:
        """Fit, then transform ``X``, reading it once (so a generator of texts works).

        Returns
        -------
        numpy.ndarray of shape (n_texts, n_features)
            As :meth:`transform`.
        """
        articles, name = _as_articles(X, type(self).__name__ + ".fit_transform")
        self._fit(articles, name)
        return self._transform(articles)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names of the output columns: the columns of the function's table.

        Parameters
        ----------
        input_features : array-like of str, optional
            Ignored except for a check: the one input feature, the text
            column, if ``fit`` saw its name.

        Returns
        -------
        numpy.ndarray of str objects
        """
        check_is_fitted(self)
        if input_features is not None:
            given = list(np.asarray(input_features, dtype=object).ravel())
            seen = list(getattr(self, "feature_names_in_", given))
            if len(given) != 1 or given != seen:
                raise ValueError(
                    f"{type(self).__name__}.get_feature_names_out: input_features = {given} "
                    f"is invalid; the transformer reads one text column ({seen})"
                )
        return self._names_out.copy()

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # texts, as TfidfVectorizer
        tags.input_tags.one_d_array = True
        tags.input_tags.string = True
        tags.input_tags.allow_nan = True  # a missing text keeps its row
        tags.transformer_tags.preserves_dtype = []  # always float64
        return tags

    def _fit(self, articles: pd.DataFrame, name: str | None) -> None:
        self._resolve()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the probe is short: some measures warn
            probe = self._compute(_PROBE)
        self._names_out = probe.columns.to_numpy(dtype=object)
        self.n_features_in_ = 1
        if name is not None:
            self.feature_names_in_ = np.asarray([name], dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    def _transform(self, articles: pd.DataFrame) -> np.ndarray:
        if articles.empty:
            return np.empty((0, len(self._names_out)), dtype=np.float64)
        return self._compute(articles).to_numpy(dtype=np.float64)


def _as_articles(X: Any, where: str, *, empty_ok: bool = False) -> tuple[pd.DataFrame, str | None]:
    """Return an articles frame of the texts of ``X``, and the name of its text column."""
    name: str | None
    if isinstance(X, pd.DataFrame):
        # not check_articles: rows resampled with replacement repeat their doc_id
        check_table(X, ["text"], func=where, name="X", described=_ARTICLES)
        texts, name = X["text"], "text"
    elif isinstance(X, pd.Series):
        texts, name = X, X.name if isinstance(X.name, str) else None
    elif isinstance(X, str | bytes | Mapping) or not isinstance(X, Iterable):
        raise TypeError(
            f"{where} expects an articles DataFrame, a Series of texts or an iterable of str "
            f"(a list of texts), got {type(X).__name__}"
            + ("; wrap a single text in a list: [text]" if isinstance(X, str | bytes) else "")
        )
    elif hasattr(X, "columns") or hasattr(X, "__dataframe__"):
        raise TypeError(
            f"{where} takes a pandas DataFrame of articles, got {type(X).__module__}."
            f"{type(X).__name__}; convert it first (.compute() for Dask, .to_pandas() for "
            "polars), or call the mediakit function on it directly"
        )
    elif isinstance(X, np.ndarray) and X.ndim != 1:
        raise ValueError(
            f"{where} expects a 1-D array of texts, got an array of shape {X.shape}; "
            "pass a column, e.g. X[:, 0]"
        )
    else:
        texts, name = pd.Series(list(X), dtype=object), None
        texts.index = pd.Index([str(i) for i in range(len(texts))], dtype="str")
    values = texts.to_numpy(dtype=object)
    bad = [
        i
        for i, v in enumerate(values)
        if not isinstance(v, str) and not (v is None or v is pd.NA or _is_nan(v))
    ]
    if bad:
        kinds = sorted({type(values[i]).__name__ for i in bad})
        raise TypeError(
            f"{where}: texts must be str (None or NaN for a missing text); the text(s) at "
            f"position(s) {show_values(bad, bare=True)} are {', '.join(kinds)}"
        )
    if not len(values) and not empty_ok:
        raise ValueError(f"{where}: got 0 texts; pass at least one")
    # Positions name the rows when the index cannot (resampled rows repeat their label).
    index = texts.index if texts.index.is_unique else pd.RangeIndex(len(texts))
    articles = pd.DataFrame({"text": values}, index=pd.Index(index, name="doc_id"))
    return articles, name


def _is_nan(value: Any) -> bool:
    return isinstance(value, float | np.floating) and bool(np.isnan(value))


def _check_measures(measures: Any, allowed: Iterable[str]) -> list[str]:
    allowed = tuple(allowed)
    if measures is None:
        return list(allowed)
    chosen = [measures] if isinstance(measures, str) else list(measures)
    for m in chosen:
        check_option("measures", m, allowed)
    if not chosen:
        raise ValueError(f"`measures` is empty; choose from {list(allowed)} or pass None (all)")
    return list(dict.fromkeys(chosen))


class LexicalFeatures(_ArticlesTransformer):
    """Counts, lengths and lexical diversity of each text (:func:`mediakit.lexical_features`).

    Parameters
    ----------
    measures : str or iterable of str, optional
        Columns to keep, from ``mediakit.style.FEATURES`` (the columns of
        :func:`mediakit.lexical_features`: ``n_tokens``, ``ttr``, ``mtld``,
        ...); all by default. When all are diversity measures only those are
        computed (:func:`mediakit.lexical_diversity`).
    window, ttr_threshold, lowercase
        As in :func:`mediakit.lexical_diversity`.
    progress : bool, default False
        Show the function's progress bar.

    Attributes
    ----------
    n_features_in_ : int
        1: one text per sample.
    feature_names_in_ : ndarray of shape (1,)
        The text column, when ``fit`` saw a DataFrame or a named Series.

    Examples
    --------
    >>> import mediakit as mk
    >>> clean = mk.clean_articles(mk.load_sample_articles())
    >>> lex = mk.LexicalFeatures(measures=["n_tokens", "mean_sentence_length"])
    >>> lex.fit_transform(clean).round(1)
    array([[608. ,  25.2],
           [579. ,  26.3]])
    >>> lex.get_feature_names_out().tolist()
    ['n_tokens', 'mean_sentence_length']
    >>> lex.set_output(transform="pandas").transform(clean)["n_tokens"].to_dict()
    {'wire': 608.0, 'rewrite': 579.0}
    """

    def __init__(
        self,
        measures: str | Iterable[str] | None = None,
        *,
        window: int = 50,
        ttr_threshold: float = 0.72,
        lowercase: bool = True,
        progress: bool = False,
    ) -> None:
        self.measures = measures
        self.window = window
        self.ttr_threshold = ttr_threshold
        self.lowercase = lowercase
        self.progress = progress

    def _compute(self, articles: pd.DataFrame) -> pd.DataFrame:
        chosen = _check_measures(self.measures, FEATURES)
        options: dict[str, Any] = {
            "window": self.window,
            "ttr_threshold": self.ttr_threshold,
            "lowercase": self.lowercase,
            "progress": self.progress,
        }
        if set(chosen) <= set(DIVERSITY_MEASURES):
            return lexical_diversity(articles, measures=chosen, **options)
        return lexical_features(articles, **options).loc[:, chosen]


class Readability(_ArticlesTransformer):
    """Readability scores of each text, and their counts (:func:`mediakit.readability`).

    Parameters
    ----------
    measures : str or iterable of str, optional
        Which of ``mediakit.style.MEASURES`` (``flesch_reading_ease``,
        ``smog``, ``dale_chall``, ...); all by default.
    counts : bool, default True
        Also the counts the scores are computed from (``n_words``,
        ``n_syllables``, ...), as in :func:`mediakit.readability`.
    progress : bool, default False
        Show the function's progress bar.

    Attributes
    ----------
    n_features_in_, feature_names_in_
        As in :class:`LexicalFeatures`.

    Examples
    --------
    >>> import mediakit as mk
    >>> clean = mk.clean_articles(mk.load_sample_articles())
    >>> read = mk.Readability(["flesch_reading_ease", "gunning_fog"], counts=False)
    >>> read.fit_transform(clean).round(1)
    array([[41.4, 13.9],
           [34.1, 15.3]])
    >>> scores = mk.readability(clean, ["flesch_reading_ease", "gunning_fog"], counts=False)
    >>> bool((read.transform(clean) == scores.to_numpy()).all())
    True
    """

    def __init__(
        self,
        measures: str | Iterable[str] | None = None,
        *,
        counts: bool = True,
        progress: bool = False,
    ) -> None:
        self.measures = measures
        self.counts = counts
        self.progress = progress

    def _compute(self, articles: pd.DataFrame) -> pd.DataFrame:
        return readability(articles, self.measures, counts=self.counts, progress=self.progress)


class Sentiment(_ArticlesTransformer):
    """VADER sentiment of each text, averaged over its sentences (:func:`mediakit.sentiment`).

    The columns of ``sentiment(articles, level="document")``:
    ``n_sentences``, ``compound_mean``, ``neg_mean``, ``neu_mean``,
    ``pos_mean``, ``compound_sd``, ``share_positive``, ``share_negative``,
    ``share_neutral``.

    Parameters
    ----------
    progress : bool, default False
        Show the function's progress bar.

    Attributes
    ----------
    n_features_in_, feature_names_in_
        As in :class:`LexicalFeatures`.

    Examples
    --------
    >>> import mediakit as mk
    >>> sent = mk.Sentiment().fit(["It was good."])
    >>> sent.get_feature_names_out()[:3].tolist()
    ['n_sentences', 'compound_mean', 'neg_mean']
    >>> sent.transform(["The film was good. The ending was bad."])[0, :2].round(3)
    array([ 2.   , -0.051])
    """

    def __init__(self, *, progress: bool = False) -> None:
        self.progress = progress

    def _compute(self, articles: pd.DataFrame) -> pd.DataFrame:
        return sentiment(articles, level="document", progress=self.progress)


def _dictionary(value: Any) -> Any:
    """Load a built-in dictionary given by name; return a Dictionary or mapping as given."""
    return load_dictionary(value) if isinstance(value, str) else value


class FrameCounts(_ArticlesTransformer):
    """Hits of each dictionary category in each text (:func:`mediakit.count_frames`).

    The columns of ``count_frames(articles, dictionary, level="document")``:
    one per category, then ``n_tokens`` and ``unmatched`` (raw word counts
    whatever ``normalize`` is).

    Parameters
    ----------
    dictionary : str, Dictionary or mapping, default "generic_frames"
        The name of a built-in dictionary (``mk.list_dictionaries()``), resolved
        by ``fit`` with :func:`mediakit.load_dictionary`, or a
        :class:`mediakit.Dictionary` (e.g. from :func:`mediakit.read_dictionary`)
        or a mapping of category to patterns.
    normalize : {None, "per_1000_tokens", "share"}, default None
        As in :func:`mediakit.count_frames`: raw counts by default; rates make
        texts of different lengths comparable.
    categories : str or list of str, optional
        Only these categories; default all.
    progress : bool, default False
        Show the function's progress bar.

    Attributes
    ----------
    dictionary_ : Dictionary or mapping
        The dictionary used (loaded when ``dictionary`` is a name).
    n_features_in_, feature_names_in_
        As in :class:`LexicalFeatures`.

    Examples
    --------
    >>> import mediakit as mk
    >>> frames = mk.FrameCounts({"war": ["war", "wars"], "trade": ["trade*"]})
    >>> frames.fit_transform(["Trade wars are wars.", "Peace talks."])
    array([[2., 1., 4., 1.],
           [0., 0., 2., 2.]])
    >>> frames.get_feature_names_out().tolist()
    ['war', 'trade', 'n_tokens', 'unmatched']
    """

    def __init__(
        self,
        dictionary: str | Dictionary | Mapping[str, Any] = "generic_frames",
        *,
        normalize: str | None = None,
        categories: Any = None,
        progress: bool = False,
    ) -> None:
        self.dictionary = dictionary
        self.normalize = normalize
        self.categories = categories
        self.progress = progress

    def _resolve(self) -> None:
        self.dictionary_ = _dictionary(self.dictionary)

    def _compute(self, articles: pd.DataFrame) -> pd.DataFrame:
        return count_frames(
            articles,
            self.dictionary_,
            normalize=self.normalize,
            categories=self.categories,
            progress=self.progress,
        )


class DocumentFeatures(_ArticlesTransformer):
    """Lexical features, readability and frame counts (:func:`mediakit.document_features`).

    The same columns as :class:`LexicalFeatures`, the scores of
    :class:`Readability` and the category rates of :class:`FrameCounts` side
    by side, for a third of the tokenizing a
    :class:`~sklearn.pipeline.FeatureUnion` of the three costs.

    Parameters
    ----------
    dictionary : str, Dictionary or mapping, optional
        The framing dictionary, as in :class:`FrameCounts`; without one the
        frame counts are left out.
    measures : str or iterable of str, optional
        Groups, from ``("lexical", "readability", "frames")``; all by default.
    normalize : {"per_1000_tokens", "share", None}, default "per_1000_tokens"
        Passed to :func:`mediakit.count_frames`.
    window, ttr_threshold
        Passed to :func:`mediakit.lexical_features`.
    progress : bool, default False
        Show the function's progress bar.

    Attributes
    ----------
    dictionary_ : Dictionary, mapping or None
        The dictionary used (loaded when ``dictionary`` is a name).
    n_features_in_, feature_names_in_
        As in :class:`LexicalFeatures`.

    Examples
    --------
    >>> import mediakit as mk
    >>> feats = mk.DocumentFeatures("generic_frames").fit(["A text."])
    >>> names = feats.get_feature_names_out().tolist()
    >>> names[:2], "flesch_reading_ease" in names, names[-2:]
    (['n_chars', 'n_tokens'], True, ['responsibility', 'frames_unmatched'])
    """

    def __init__(
        self,
        dictionary: str | Dictionary | Mapping[str, Any] | None = None,
        *,
        measures: str | Iterable[str] | None = None,
        normalize: str | None = "per_1000_tokens",
        window: int = 50,
        ttr_threshold: float = 0.72,
        progress: bool = False,
    ) -> None:
        self.dictionary = dictionary
        self.measures = measures
        self.normalize = normalize
        self.window = window
        self.ttr_threshold = ttr_threshold
        self.progress = progress

    def _resolve(self) -> None:
        self.dictionary_ = _dictionary(self.dictionary)

    def _compute(self, articles: pd.DataFrame) -> pd.DataFrame:
        return document_features(
            articles,
            self.dictionary_,
            measures=self.measures,
            normalize=self.normalize,
            window=self.window,
            ttr_threshold=self.ttr_threshold,
            progress=self.progress,
        )
