"""Keyness and collocations: which words set a text apart, and which go together.

:func:`keyness` compares word frequencies in a target (one article, several,
or a mask) with a reference (the other articles, or an external frequency
list) on the 2×2 contingency table of each term, as quanteda's
``textstat_keyness`` does. :func:`collocations` scores word pairs and triples
with NLTK's collocation finders.

Words come from :func:`mediakit.tokenize` (its ``norm`` column).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from mediakit._validation import check_articles, check_doc_ids, check_option, warn
from mediakit.segment import _punkt, _words, tokenize

__all__ = ["collocations", "keyness"]

KEYNESS_COLUMNS = ["term", "n_target", "n_reference", "statistic", "p_value", "effect"]
COLLOCATION_COLUMNS = ["collocation", "words", "count", "statistic"]
_MEASURES = {"chi2", "lr", "log_ratio", "pmi"}
_CORRECTIONS = {"default", "yates", "williams", "none"}
_COLL_MEASURES = {"pmi", "likelihood_ratio", "chi_sq", "student_t", "raw_freq"}


# ---------------------------------------------------------------------------
# keyness
# ---------------------------------------------------------------------------


def keyness(
    articles: pd.DataFrame,
    target: Any,
    *,
    measure: str = "chi2",
    correction: str = "default",
    reference: Mapping[str, int] | pd.Series | pd.DataFrame | None = None,
    min_count: int = 1,
    lowercase: bool = True,
    remove_stopwords: bool = False,
    remove_punct: bool = True,
) -> pd.DataFrame:
    r"""Score how much more (or less) often each term occurs in a target.

    For every term the 2×2 contingency table is

    ============  ==========  =============
    \             target      reference
    ============  ==========  =============
    term          a           b
    other terms   c = T₁ − a  d = T₂ − b
    ============  ==========  =============

    with T₁, T₂ the token totals of target and reference and N = T₁ + T₂.
    Expected counts are E = row total × column total / N, so E₁₁ = (a + b) T₁ / N.
    The statistic is *signed*, as in quanteda's ``textstat_keyness``:
    positive when a > E₁₁ (the term is key in the target), negative when
    a < E₁₁ (key in the reference). Formulas, corrections and the
    differences from quanteda are in the Notes.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    target : str, list of str, or boolean mask
        A doc_id, a list of doc_ids, or booleans (list, array or Series
        aligned on ``doc_id``), one per article.
    measure : {"chi2", "lr", "log_ratio", "pmi"}, default "chi2"
        Pearson's χ², log-likelihood G², Hardie's Log Ratio, or PMI (see
        Notes).
    correction : {"default", "yates", "williams", "none"}, default "default"
        See Notes; "yates" or "williams" with ``log_ratio`` or ``pmi`` warns
        (no effect there).
    reference : mapping, Series or DataFrame, optional
        An external reference frequency list: term → count (a dict or a
        Series indexed by term), or a DataFrame with columns ``term`` and
        ``count``. Its terms are normalised like the tokens (casefolded if
        ``lowercase``; duplicates summed), and filtered like them
        (``remove_punct`` drops terms without a letter or digit,
        ``remove_stopwords`` drops stop words); T₂ is the sum of what remains.
        When given, articles outside ``target`` are not used.
        When None (default) the reference is every article not in ``target``.
    min_count : int, default 1
        Keep terms with a + b ≥ ``min_count`` (totals are counted before
        this filter).
    lowercase : bool, default True
        Casefold terms (passed to :func:`mediakit.tokenize`).
    remove_stopwords : bool, default False
        Drop stop words (``tokenize``'s ``is_stop``) before counting.
    remove_punct : bool, default True
        Drop punctuation tokens (``is_punct``) before counting.

    Returns
    -------
    pandas.DataFrame
        One row per term, RangeIndex, sorted by ``statistic`` descending
        (ties: ``n_target`` descending, then ``term``): ``term``,
        ``n_target`` (a), ``n_reference`` (b), ``statistic`` (signed, as
        above), ``p_value`` (NaN for ``log_ratio``, ``pmi``), ``effect`` (the
        Log Ratio, for every measure). ``attrs`` holds ``measure``,
        ``correction`` ("none" for ``log_ratio`` and ``pmi``), ``total_target`` (T₁) and
        ``total_reference`` (T₂).

    Raises
    ------
    ValueError
        For an unknown doc_id (the message lists valid ones), an empty
        target, a target covering every article without ``reference``, a
        mask of the wrong length, or an invalid option.

    Warns
    -----
    MediakitWarning
        When target or reference has no tokens (the table is then empty).

    Notes
    -----
    **Measures.**

    ``"chi2"``
        Pearson's χ² = Σ (O − E)² / E over the four cells,
        = N (ad − bc)² / ((a+b)(c+d)(a+c)(b+d)).
    ``"lr"``
        Log-likelihood G² = 2 Σ O ln(O / E) over all **four** cells of the
        2×2 table (Dunning 1993; the G-test; 0 ln 0 = 0 exactly, where
        quanteda adds 10⁻⁹ inside each log). This is not the two-cell form of
        Rayson & Garside (2000) and the UCREL log-likelihood calculator,
        2 (a ln(a/E₁₁) + b ln(b/E₁₂)), which sums over the term's row only;
        the two differ slightly (tests/framing/test_keyness.py works one table both
        ways).
    ``"log_ratio"``
        Hardie's (2014) Log Ratio, log₂((a / T₁) / (b / T₂)): +1 means twice
        as frequent in the target. A zero count (a or b) is replaced by 0.5 so
        the ratio stays finite. No significance test: ``p_value`` is NaN.
    ``"pmi"``
        Pointwise mutual information of the term and the target,
        log₂(a / E₁₁) = log₂(a N / ((a + b) T₁)), in bits (−inf when a = 0).
        Already signed; ``p_value`` is NaN. (quanteda's ``pmi`` is the
        natural log of a / E₁₁ + 10⁻⁹, with a χ²-based p-value we do not
        copy: PMI is not χ²-distributed.)

    **Corrections** (``chi2`` and ``lr``).

    ``"default"``
        quanteda's rule (``textstat_keyness``, as its source implements it
        for both ``chi2`` and ``lr``): Yates' correction for a term whose 2×2
        table has an expected count below 5 *and* |ad − bc| ≥ N/2, no
        correction otherwise. (quanteda's documentation says Williams is the
        default for ``lr``; its code applies this Yates rule, and so do we.)
    ``"yates"``
        Yates for every term: each observed count moves 0.5 towards its
        expected count, but never past it, so |O − E| becomes
        max(|O − E| − 0.5, 0), as in
        ``scipy.stats.chi2_contingency(correction=True)``; for ``chi2`` this
        is N max(|ad − bc| − N/2, 0)² / ((a+b)(c+d)(a+c)(b+d)). For ``lr``
        G² is computed on the moved counts (as scipy does).
    ``"williams"``
        Divide the statistic by Williams' (1976) q = 1 + (N/(a+b) + N/(c+d) − 1)
        (N/T₁ + N/T₂ − 1) / (6N). (quanteda uses q = 1 when a cell is 0;
        we do not: q depends on the margins only.)
    ``"none"``
        No correction.

    p-values are ``scipy.stats.chi2.sf(|statistic|, df=1)``.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics* 19(1).
    Rayson, P. & Garside, R. (2000). Comparing corpora using frequency
    profiling. *Workshop on Comparing Corpora*, ACL.
    Hardie, A. (2014). Log Ratio: an informal introduction. CASS blog.
    Williams, D. A. (1976). Improved likelihood ratio tests for complete
    contingency tables. *Biometrika* 63(1).

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.framing.keyness import keyness
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> key = keyness(articles, "rewrite", measure="lr")
    >>> list(key.columns)
    ['term', 'n_target', 'n_reference', 'statistic', 'p_value', 'effect']
    >>> bool(key["statistic"].is_monotonic_decreasing)
    True
    >>> key.attrs["correction"]
    'default'
    """
    func = "keyness"
    check_articles(articles, func=func)
    check_option("measure", measure, _MEASURES)
    check_option("correction", correction, _CORRECTIONS)
    for name, flag in (
        ("lowercase", lowercase),
        ("remove_stopwords", remove_stopwords),
        ("remove_punct", remove_punct),
    ):
        check_option(name, flag, {True, False})
    min_count = _check_min_count(min_count)
    applied = _correction(measure, correction)
    if len(articles) == 0:
        return _empty_keyness(measure, applied)
    mask = _target_mask(articles, target, func)
    if reference is None and mask.all():
        raise ValueError(
            f"{func}: `target` covers all {len(articles)} article(s), which leaves no "
            "reference; choose fewer target articles or pass an external `reference=` "
            "frequency list"
        )

    toks = tokenize(articles.loc[mask] if reference is not None else articles, lowercase=lowercase)
    keep = np.ones(len(toks), dtype=bool)
    if remove_punct:
        keep &= ~toks["is_punct"].to_numpy(dtype=bool)
    if remove_stopwords:
        keep &= ~toks["is_stop"].to_numpy(dtype=bool)
    toks = toks.loc[keep]
    in_target = toks["doc_id"].isin(articles.index[mask]).to_numpy(dtype=bool)
    target_counts = Counter(toks.loc[in_target, "norm"].tolist())
    if reference is None:
        ref_counts = Counter(toks.loc[~in_target, "norm"].tolist())
    else:
        ref_counts = _reference_counts(reference, lowercase, remove_punct, remove_stopwords)

    t1, t2 = sum(target_counts.values()), sum(ref_counts.values())
    if t1 == 0 or t2 == 0:
        which = "target" if t1 == 0 else "reference"
        warn(f"{func}: the {which} has no tokens to count; returning an empty table")
        return _empty_keyness(measure, applied)

    terms = sorted(set(target_counts) | set(ref_counts))
    a = np.array([target_counts.get(t, 0) for t in terms], dtype=float)
    b = np.array([ref_counts.get(t, 0) for t in terms], dtype=float)
    statistic, p_value = _score(a, b, float(t1), float(t2), measure, applied)
    table = pd.DataFrame(
        {
            "term": pd.Series(terms, dtype="str"),
            "n_target": a.astype(np.int64),
            "n_reference": b.astype(np.int64),
            "statistic": statistic,
            "p_value": p_value,
            "effect": log_ratio(a, b, float(t1), float(t2)),
        }
    )
    table = table.loc[(a + b) >= min_count]
    table = table.sort_values(
        ["statistic", "n_target", "term"], ascending=[False, False, True], kind="mergesort"
    ).reset_index(drop=True)
    table.attrs.update(
        measure=measure, correction=applied, total_target=int(t1), total_reference=int(t2)
    )
    return table


def _check_min_count(min_count: Any) -> int:
    if isinstance(min_count, bool) or not isinstance(min_count, int | np.integer) or min_count < 1:
        raise ValueError(f"`min_count` must be a positive integer, got {min_count!r}")
    return int(min_count)


def _correction(measure: str, correction: str) -> str:
    """Return the correction actually applied (quanteda's defaults for "default")."""
    if measure in ("log_ratio", "pmi"):
        if correction in ("yates", "williams"):
            warn(f"keyness: `correction` = {correction!r} has no effect with measure {measure!r}")
        return "none"
    return correction


def _empty_keyness(measure: str, applied: str) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "term": pd.Series([], dtype="str"),
            "n_target": pd.Series([], dtype=np.int64),
            "n_reference": pd.Series([], dtype=np.int64),
            "statistic": pd.Series([], dtype=float),
            "p_value": pd.Series([], dtype=float),
            "effect": pd.Series([], dtype=float),
        }
    )
    table.attrs.update(measure=measure, correction=applied, total_target=0, total_reference=0)
    return table


def _target_mask(articles: pd.DataFrame, target: Any, func: str) -> np.ndarray:
    """Return a boolean array over the articles from a doc_id, a list of them, or a mask."""
    index = articles.index
    if isinstance(target, pd.Series) and pd.api.types.is_bool_dtype(target.dtype):
        if not target.index.equals(index):
            if set(target.index) != set(index):
                raise ValueError(
                    f"{func}: a boolean `target` Series must be indexed by the articles' "
                    "doc_id values"
                )
            target = target.reindex(index)
        mask = target.to_numpy(dtype=bool)
    elif isinstance(target, np.ndarray | list | tuple | pd.Index) and (
        len(target) > 0 and all(isinstance(v, bool | np.bool_) for v in target)
    ):
        if len(target) != len(index):
            raise ValueError(
                f"{func}: a boolean `target` needs one value per article "
                f"({len(index)}), got {len(target)}"
            )
        mask = np.asarray(target, dtype=bool)
    else:
        ids = [target] if isinstance(target, str) or not isinstance(target, Iterable) else target
        ids = list(ids)
        check_doc_ids(articles, ids, func=func, name="`target`")
        mask = index.isin(ids)
    if not mask.any():
        raise ValueError(f"{func}: `target` selects no article; pass a doc_id, a list or a mask")
    return mask


def _reference_counts(
    reference: Any, lowercase: bool, remove_punct: bool, remove_stopwords: bool
) -> Counter[str]:
    """Normalise an external frequency list like the tokens, summing duplicates."""
    if isinstance(reference, pd.DataFrame):
        missing = [c for c in ("term", "count") if c not in reference.columns]
        if missing:
            raise ValueError(
                f"keyness: a `reference` DataFrame needs columns 'term' and 'count'; "
                f"it has {list(reference.columns)}"
            )
        pairs: Iterable[tuple[Any, Any]] = zip(
            reference["term"].tolist(), reference["count"].tolist(), strict=True
        )
    elif isinstance(reference, pd.Series):
        pairs = zip(reference.index.tolist(), reference.tolist(), strict=True)
    elif isinstance(reference, Mapping):
        pairs = reference.items()
    else:
        raise TypeError(
            "keyness: `reference` must be None, a mapping term → count, a Series indexed "
            f"by term, or a DataFrame with columns term and count; got {type(reference).__name__}"
        )
    stops = _punkt.stopword_list() | {"'s"}
    counts: Counter[str] = Counter()
    bad: list[Any] = []
    for term, count in pairs:
        if not isinstance(term, str) or pd.isna(count) or float(count) < 0:
            bad.append((term, count))
            continue
        if float(count) != int(count):
            bad.append((term, count))
            continue
        norm = _normalise_term(term, lowercase)
        if remove_punct and not any(ch.isalnum() for ch in norm):
            continue
        if remove_stopwords and norm.casefold() in stops:
            continue
        if int(count) > 0:
            counts[norm] += int(count)
    if bad:
        raise ValueError(
            "keyness: `reference` needs str terms and non-negative whole counts; "
            f"bad entries: {bad[:5]}"
        )
    return counts


def _normalise_term(term: str, lowercase: bool) -> str:
    return str(_words.normalise(pd.Series([term], dtype="str"), lowercase).iloc[0])


def log_ratio(a: np.ndarray, b: np.ndarray, t1: float, t2: float) -> np.ndarray:
    """Hardie's Log Ratio, log2((a/T1)/(b/T2)), zero counts replaced by 0.5."""
    a = np.where(a == 0, 0.5, a)
    b = np.where(b == 0, 0.5, b)
    return np.log2((a / t1) / (b / t2))


def _score(
    a: np.ndarray, b: np.ndarray, t1: float, t2: float, measure: str, correction: str
) -> tuple[np.ndarray, np.ndarray]:
    """Signed statistic and p-value per term (vectorised over the 2×2 tables)."""
    n = t1 + t2
    c, d = t1 - a, t2 - b
    r1, r2 = a + b, c + d
    e11 = r1 * t1 / n
    sign = np.sign(a - e11)
    nan = np.full(len(a), np.nan)
    if measure == "log_ratio":
        return log_ratio(a, b, t1, t2), nan
    if measure == "pmi":
        with np.errstate(divide="ignore"):
            return np.log2(a / e11), nan
    observed = np.stack([a, b, c, d])
    expected = np.stack([e11, r1 * t2 / n, r2 * t1 / n, r2 * t2 / n])
    if correction in ("yates", "default"):
        diff = expected - observed
        step = np.sign(diff) * np.minimum(0.5, np.abs(diff))
        if correction == "default":  # quanteda's rule: only small tables, |ad - bc| >= N/2
            step = step * ((expected.min(axis=0) < 5) & (np.abs(a * d - b * c) >= n / 2))
        observed = observed + step
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "chi2":
            cells = (observed - expected) ** 2 / expected
        else:
            cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
            cells = 2 * cells
        value = cells.sum(axis=0)
        if correction == "williams":
            q = 1 + (n / r1 + n / r2 - 1) * (n / t1 + n / t2 - 1) / (6 * n)
            value = value / q
    # A term that is every token (r2 = 0) has no association to measure.
    value = np.where(np.isfinite(value), np.maximum(value, 0.0), 0.0)
    return sign * value, stats.chi2.sf(value, 1)


# ---------------------------------------------------------------------------
# collocations
# ---------------------------------------------------------------------------


def collocations(
    articles: pd.DataFrame,
    size: int = 2,
    *,
    min_count: int = 2,
    measure: str = "pmi",
    window: int | None = None,
    lowercase: bool = True,
    remove_stopwords: bool = False,
) -> pd.DataFrame:
    """Find word pairs (or triples) that occur together more than by chance.

    Built on NLTK: ``BigramCollocationFinder`` / ``TrigramCollocationFinder``
    scored with ``BigramAssocMeasures`` / ``TrigramAssocMeasures`` (no NLTK
    data needed). The words are :func:`mediakit.tokenize`'s ``norm``;
    punctuation tokens (``is_punct``) are removed and, with
    ``remove_stopwords``, stop words (``is_stop``). A removed token is a
    boundary, like a sentence end: collocations never cross a sentence,
    punctuation, or a removed stop word (quanteda's advice of
    ``tokens(remove_punct=TRUE, padding=TRUE)``). The finder is built from
    these runs of words, each as a document of NLTK's ``from_documents``
    (or ``from_words`` with the runs padded by ``window - 1`` gaps, for a
    bigram window).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    size : {2, 3}, default 2
        Bigrams or trigrams.
    min_count : int, default 2
        Keep n-grams seen at least this often (NLTK's ``apply_freq_filter``).
    measure : {"pmi", "likelihood_ratio", "chi_sq", "student_t", "raw_freq"}, default "pmi"
        NLTK association measure (``pmi`` is log2; ``likelihood_ratio`` is
        Dunning's G²; ``raw_freq`` is count / number of words).
    window : int, optional
        Bigrams only: count pairs up to ``window - 1`` words apart (Church
        & Hanks 1990; NLTK scales counts by 1/(window − 1) when scoring).
        None means adjacent words.
    lowercase : bool, default True
        Casefold the words.
    remove_stopwords : bool, default False
        Remove stop words (they then act as boundaries).

    Returns
    -------
    pandas.DataFrame
        RangeIndex, sorted by ``statistic`` descending then ``collocation``:
        ``collocation`` (words joined by a space), ``words`` (tuple),
        ``count`` (times seen; within the window for ``window``),
        ``statistic``.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.framing.keyness import collocations
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> coll = collocations(articles, min_count=3, measure="likelihood_ratio")
    >>> list(coll.columns)
    ['collocation', 'words', 'count', 'statistic']
    >>> bool((coll["count"] >= 3).all())
    True
    """
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures

    func = "collocations"
    check_articles(articles, func=func)
    check_option("size", size, {2, 3})
    check_option("measure", measure, _COLL_MEASURES)
    check_option("lowercase", lowercase, {True, False})
    check_option("remove_stopwords", remove_stopwords, {True, False})
    min_count = _check_min_count(min_count)
    if window is not None:
        if size != 2:
            raise ValueError("`window` is only available for size=2 (bigrams); use window=None")
        if isinstance(window, bool) or not isinstance(window, int | np.integer) or window < 2:
            raise ValueError(f"`window` must be None or an integer ≥ 2, got {window!r}")
    empty = pd.DataFrame(
        {
            "collocation": pd.Series([], dtype="str"),
            "words": pd.Series([], dtype=object),
            "count": pd.Series([], dtype=np.int64),
            "statistic": pd.Series([], dtype=float),
        }
    )
    if len(articles) == 0:
        return empty
    runs = word_runs(tokenize(articles, lowercase=lowercase), remove_stopwords)
    if size == 2:
        if window is None or window == 2:
            finder = BigramCollocationFinder.from_documents(runs)
        else:
            finder = BigramCollocationFinder.from_words(_padded(runs, window), window)
        score = getattr(BigramAssocMeasures, measure)
    else:
        finder = TrigramCollocationFinder.from_documents(runs)
        score = getattr(TrigramAssocMeasures, measure)
    finder.apply_freq_filter(min_count)
    scored = finder.score_ngrams(score)
    if not scored:
        return empty
    words = [tuple(w) for w, _ in scored]
    table = pd.DataFrame(
        {
            "collocation": pd.Series([" ".join(w) for w in words], dtype="str"),
            "words": pd.Series(words, dtype=object),
            "count": np.array([finder.ngram_fd[w] for w in words], dtype=np.int64),
            "statistic": np.array([s for _, s in scored], dtype=float),
        }
    )
    return table.sort_values(
        ["statistic", "collocation"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)


def word_runs(tokens: pd.DataFrame, remove_stopwords: bool = False) -> list[list[str]]:
    """Return the runs of kept words, split at sentence ends and at removed tokens.

    Used by :func:`collocations`; public to the tests so NLTK can be called
    on exactly the same word lists.
    """
    drop = tokens["is_punct"].to_numpy(dtype=bool)
    if remove_stopwords:
        drop = drop | tokens["is_stop"].to_numpy(dtype=bool)
    runs: list[list[str]] = []
    current: list[str] = []
    last: tuple[Any, Any] | None = None
    for doc, sent, norm, dropped in zip(
        tokens["doc_id"].tolist(),
        tokens["sent_id"].tolist(),
        tokens["norm"].tolist(),
        drop.tolist(),
        strict=True,
    ):
        if (doc, sent) != last or dropped:
            if current:
                runs.append(current)
            current = []
            last = (doc, sent)
        if not dropped:
            current.append(norm)
    if current:
        runs.append(current)
    return runs


def _padded(runs: Sequence[list[str]], window: int) -> list[str | None]:
    words: list[str | None] = []
    for run in runs:
        words.extend(run)
        words.extend([None] * (window - 1))
    return words
