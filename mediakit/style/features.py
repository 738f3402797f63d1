"""Lexical features and lexical diversity of articles, as document-features tables.

:func:`lexical_features` counts characters, words, types, sentences and
paragraphs, and measures sentence length, word length, long words, numbers
and quoted words; :func:`lexical_diversity` gives TTR, Guiraud's root TTR,
Herdan's log TTR, MATTR, MTLD, HD-D and the hapax ratio (the definitions live
in ``mediakit.style._diversity``, the corpus-at-once arithmetic in
``mediakit.style._diversity_table``, the counts in ``mediakit.style._counts``);
:class:`mediakit.LexicalFeatures` wraps them as a scikit-learn transformer. All of
them read words from :func:`mediakit.tokenize` and sentences from
:func:`mediakit.split_sentences`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from mediakit._dask import per_partition
from mediakit._validation import show_values, warn
from mediakit.style import _counts, _diversity
from mediakit.style._diversity_table import diversity_frame

__all__ = [
    "DIVERSITY_MEASURES",
    "FEATURES",
    "lexical_diversity",
    "lexical_features",
]

#: Columns of :func:`lexical_diversity`, in output order.
DIVERSITY_MEASURES: tuple[str, ...] = (
    "ttr",
    "root_ttr",
    "log_ttr",
    "mattr",
    "mtld",
    "hdd",
    "hapax_ratio",
)

#: Columns of :func:`lexical_features` before the diversity measures.
COUNT_FEATURES: tuple[str, ...] = (
    "n_chars",
    "n_tokens",
    "n_types",
    "n_sentences",
    "n_paragraphs",
    "mean_sentence_length",
    "sd_sentence_length",
    "mean_word_length",
    "long_word_share",
    "n_numbers",
    "quoted_token_share",
)

#: Columns of :func:`lexical_features`, in output order.
FEATURES: tuple[str, ...] = COUNT_FEATURES + DIVERSITY_MEASURES


def _warn_empty(func: str, empty: list[Any], stacklevel: int = 4) -> None:
    if empty:
        warn(
            f"{func}: {len(empty)} article(s) have no words (empty or missing text): counts "
            f"are 0 and ratios NaN for {show_values(empty)}; see help(mediakit.{func})",
            stacklevel=stacklevel,
        )


# ---------------------------------------------------------------------------
# lexical diversity
# ---------------------------------------------------------------------------


@per_partition
def lexical_diversity(
    articles: pd.DataFrame,
    *,
    measures: str | Iterable[str] | None = None,
    window: int = 50,
    ttr_threshold: float = 0.72,
    lowercase: bool = True,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Measure lexical diversity: TTR, Guiraud, Herdan, MATTR, MTLD, HD-D, hapax ratio.

    Words are the tokens of :func:`mediakit.tokenize` that are not
    punctuation (``is_punct`` False) in the whole ``text`` (body sentences and
    subheadings), compared on their ``norm`` (NFKC, casefolded when
    ``lowercase``). Numbers written in digits (``11,000``, ``2022``) are words
    and kept (quanteda removes them by default: ``remove_numbers = TRUE``);
    the clitic ``'s`` is a word, as it is a token. With N words, V types
    (distinct words) and f(t) the frequency of type t:

    ``ttr``
        V / N (Templin 1957).
    ``root_ttr``
        Guiraud's R: V / sqrt(N) (Guiraud 1954); quanteda's ``"R"``.
    ``log_ttr``
        Herdan's C: log V / log N (Herdan 1960), any log base; quanteda's
        ``"C"``. NaN for N < 2.
    ``mattr``
        Moving-average TTR (Covington & McFall 2010): the mean TTR of the
        N - ``window`` + 1 windows of ``window`` consecutive words (words 1 to
        50, 2 to 51, ...). NaN, with a warning, when N < ``window`` (TAALED
        returns the whole-text TTR there instead); with N = ``window`` it is the
        TTR. quanteda's ``"MATTR"`` uses ``MATTR_window = 100``: pass
        ``window=100`` to match it.
    ``mtld``
        Measure of textual lexical diversity, bidirectional, exactly as
        McCarthy & Jarvis (2010, Behavior Research Methods 42: 381-392): read
        the words in order keeping the TTR of the current stretch; when it
        reaches the threshold (TTR <= ``ttr_threshold``, 0.72) a factor is
        complete and the stretch restarts empty; a non-empty stretch left at
        the end adds the partial factor (1 - TTR) / (1 - 0.72). MTLD = N /
        factors; the value is the mean of the forward pass and the backward pass
        (words in reverse order). NaN, with a warning, when no word repeats
        (zero factors: the measure is infinite). quanteda has no MTLD
        (quanteda.textstats issues #19 and #27 ask for it); koRpus,
        ``lexicalrichness`` and TAALED have one, see Notes.
    ``hdd``
        HD-D (McCarthy & Jarvis 2007; 2010) on the TTR scale: for each type,
        the hypergeometric probability that a random sample of 42 words drawn
        without replacement contains it at least once, 1 - C(N - f(t), 42) /
        C(N, 42), divided by 42 and summed over types. It is the expected TTR
        of a 42-word sample; times 42 it is the expected number of types in the
        sample (the scale on which McCarthy & Jarvis (2007) compare HD-D with
        vocd-D). This is the value of ``lexicalrichness``' ``hdd()``, TAALED's
        ``hdd`` and koRpus' "ATTR" of HD-D. NaN, with a warning, when N < 42.
    ``hapax_ratio``
        Hapax legomena (types that occur once) / V. Hapaxes per word are
        ``hapax_ratio * ttr``.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    measures : str or iterable of str, optional
        Columns to compute, from ``DIVERSITY_MEASURES``; all by default.
    window : int, default 50
        MATTR window in words (Covington & McFall's and TAALED's ``mattr``
        use 50 in their examples; quanteda and koRpus default to 100).
    ttr_threshold : float, default 0.72
        MTLD factor size (McCarthy & Jarvis 2010 recommend 0.72), in (0, 1).
    lowercase : bool, default True
        Compare casefolded words (``Bank`` = ``bank``).
    sentences, tokens : pandas.DataFrame, optional
        Tables from :func:`mediakit.split_sentences` and
        :func:`mediakit.tokenize` of these articles
        (``tokenize(articles, sentences=sentences)``), so that a corpus is
        tokenized once for several measures; the result is the same as
        without them. Checked against the articles (ids, offsets).
    progress : bool or None, default None
        A progress bar (tqdm) while the articles are split and tokenized:
        ``None`` shows it on a terminal or in a notebook once the call has
        run for two seconds, ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (the articles' index, same order), one float column
        per measure. Articles without words get NaN everywhere.

    Warns
    -----
    MediakitWarning
        Naming the articles without words, those too short for ``mattr`` or
        ``hdd``, those without a repeated word (``mtld``), and when TTR-type
        measures are compared across texts of very different lengths (TTR
        falls as texts grow).

    Raises
    ------
    TypeError, ValueError
        For a frame that is not an articles frame, an unknown measure, a
        ``window`` that is not a positive integer, or a threshold outside (0, 1).

    Notes
    -----
    Agreement with other implementations fed the same word lists (tests in
    ``tests/style/test_features.py`` and ``tests/style/test_features_shared_data.py``; 627
    texts from OneStopEnglish and BBC News): TTR, root TTR, log TTR, MATTR,
    MTLD and HD-D equal ``lexicalrichness`` 0.5.1 to a relative 2e-14, and
    MATTR and HD-D equal TAALED 0.32 to 1e-14. ``lexicalrichness.mtld`` uses
    the same rule (TTR <= 0.72) but returns N instead of infinity for a text
    without a repeated word. TAALED's ``mtldo`` (with ``mn=1``) departs from
    the published algorithm in two ways: a factor closes only when TTR < 0.72
    (strictly), and the last stretch is always scored as a partial factor,
    even when its last word completes a factor; it equals ours on 59 % of
    those texts and differs by 4.5 % at the 95th percentile. TAALED's default
    ``mtld`` is another measure (mean factor length, minimum factor length 10).

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.style.features import lexical_diversity
    >>> div = lexical_diversity(mk.clean_articles(mk.load_sample_articles()))
    >>> list(div.columns)
    ['ttr', 'root_ttr', 'log_ttr', 'mattr', 'mtld', 'hdd', 'hapax_ratio']
    >>> bool((div["mattr"] > div["ttr"]).all())
    True
    >>> short = mk.read_articles(pd.DataFrame({"text": ["The cat saw the dog."]}))
    >>> lexical_diversity(short, measures=["ttr", "hapax_ratio"]).round(2)
    ... # doctest: +NORMALIZE_WHITESPACE
            ttr  hapax_ratio
    doc_id
    0       0.8         0.75
    """
    func = "lexical_diversity"
    chosen = _diversity.check_measures(measures, DIVERSITY_MEASURES)
    _diversity.check_params(window, ttr_threshold, lowercase)
    words = _counts.words(
        articles, _counts.tables(articles, func, lowercase, sentences, tokens, progress)
    )
    _warn_empty(func, articles.index[words.lengths == 0].tolist())
    return diversity_frame(
        articles, words, chosen, window=window, ttr_threshold=ttr_threshold, func=func
    )


@per_partition
def lexical_features(
    articles: pd.DataFrame,
    *,
    window: int = 50,
    ttr_threshold: float = 0.72,
    lowercase: bool = True,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Measure counts, lengths and lexical diversity of each article.

    Sentences are those of :func:`mediakit.split_sentences`; words are the
    tokens of :func:`mediakit.tokenize` that are not punctuation (``is_punct``
    False: so ``U.S.``, ``11,000``, ``24-hour`` and the clitic ``'s`` are
    words, ``$``, ``%``, quotes and dashes are not).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    window, ttr_threshold, lowercase
        Passed to the diversity measures, as in :func:`lexical_diversity`.
    sentences, tokens : pandas.DataFrame, optional
        Tables from :func:`mediakit.split_sentences` and
        :func:`mediakit.tokenize` of these articles, to tokenize a corpus once
        for several measures (see :func:`mediakit.document_features`); the
        result is the same as without them.
    progress : bool or None, default None
        A progress bar (tqdm) while the articles are split and tokenized:
        ``None`` shows it on a terminal or in a notebook once the call has
        run for two seconds, ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (the articles' index, same order), columns:

        ``n_chars``
            Characters of ``text``, whitespace included (int).
        ``n_tokens``
            Words in the whole text, subheadings included (int).
        ``n_types``
            Distinct words, compared on ``norm`` (int).
        ``n_sentences``
            Body sentences (``kind == "body"``); subheadings (crossheads) are
            not sentences and are left out here and in the sentence lengths
            (int).
        ``n_paragraphs``
            Paragraphs holding body sentences (subheadings left out) (int).
        ``mean_sentence_length``, ``sd_sentence_length``
            Mean and *sample* standard deviation (ddof = 1, as
            ``pandas.Series.std``) of the number of words per body sentence.
            NaN without sentences; the sd is NaN with one sentence.
        ``mean_word_length``
            Mean number of letters and digits per word (``U.S.`` has 2,
            ``11,000`` has 5, ``don't`` has 4): hyphens, apostrophes and
            periods are not counted.
        ``long_word_share``
            Share of words with 7 or more letters and digits, the "long
            words" of LIX (Björnsson 1968: more than six letters).
        ``n_numbers``
            Numerals written in digits (tokens with ``is_number``:
            ``11,000``, ``3.5``, ``1990s``); spelled-out numbers are not
            counted. :func:`mediakit.extract_numbers` finds figures with
            their units instead (int).
        ``quoted_token_share``
            Share of words inside quotation marks, see Notes.

        followed by the columns of :func:`lexical_diversity`. Articles without
        words have counts 0 and NaN ratios.

    Warns
    -----
    MediakitWarning
        Naming the articles without words, and as in
        :func:`lexical_diversity`.

    Notes
    -----
    Quotation marks are found paragraph by paragraph with the same rules as
    :func:`mediakit.extract_quotes` (typographic, straight and single quotes,
    guillemets; apostrophes such as ``don’t`` and ``Korea’s`` are not marks;
    nested quotes count once). A quote still open at the end of its paragraph
    runs to the end of that paragraph: news style opens every paragraph of a
    multi-paragraph quote and closes only the last one, and an odd number of
    marks never raises. A word is quoted when it starts inside a quote, so
    ``quoted_token_share`` here and ``quoted_word_share`` of
    :func:`mediakit.sources` agree.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.style.features import lexical_features
    >>> articles = pd.DataFrame(
    ...     {"text": ["“We will win,” he said. Troops fought on.\n\nThey won in 2022."]},
    ...     index=pd.Index(["a"], name="doc_id"),
    ... )
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # too short for mattr, hdd, mtld: NaN + warnings
    ...     row = lexical_features(articles).iloc[0]
    >>> int(row["n_tokens"]), int(row["n_sentences"]), int(row["n_paragraphs"])
    (12, 3, 2)
    >>> float(row["mean_sentence_length"]), float(row["quoted_token_share"])
    (4.0, 0.25)

    On the sample pair:

    >>> import mediakit as mk
    >>> feats = lexical_features(mk.clean_articles(mk.load_sample_articles()))
    >>> feats[["n_tokens", "n_sentences", "mean_sentence_length", "mtld"]].round(1)
    ... # doctest: +NORMALIZE_WHITESPACE
             n_tokens  n_sentences  mean_sentence_length   mtld
    doc_id
    wire          608           24                  25.2  119.7
    rewrite       579           22                  26.3  115.8
    """
    return _features(
        articles, list(FEATURES), window, ttr_threshold, lowercase, sentences, tokens, progress
    )


def _features(
    articles: pd.DataFrame,
    columns: list[str],
    window: int,
    ttr_threshold: float,
    lowercase: bool,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    progress: bool | None = False,
    func: str = "lexical_features",
) -> pd.DataFrame:
    """Compute ``columns`` of :func:`lexical_features` (diversity ones only if asked)."""
    _diversity.check_params(window, ttr_threshold, lowercase)
    tables = _counts.tables(articles, func, lowercase, sentences, tokens, progress)
    words = _counts.words(articles, tables)
    _warn_empty(func, articles.index[words.lengths == 0].tolist(), 5)
    counts = _counts.count_frame(articles, tables, words)
    div = diversity_frame(
        articles,
        words,
        [c for c in DIVERSITY_MEASURES if c in columns],
        window=window,
        ttr_threshold=ttr_threshold,
        func=func,
        stacklevel=5,
    )
    return pd.concat([counts, div], axis=1).loc[:, columns]
