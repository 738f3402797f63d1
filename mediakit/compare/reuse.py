"""Text reuse: how much of a derived text comes from a source, measured on word n-grams.

:func:`text_reuse` gives one row per (source, derived) pair: containment in
both directions and resemblance of the word n-gram sets (Broder 1997), the
verbatim passages found by Greedy String Tiling (Wise 1996), and a derivation
label after the METER study of press-agency reuse in British newspapers
(Gaizauskas et al. 2001; Clough et al. 2002). :func:`verbatim_passages` lists
the passages themselves, with character offsets into both texts.

Both work on one pair and on many (a list of sources against a list of
derived texts, or a table of pairs): the n-gram sets are rows of one binary
sparse matrix and the intersections of all pairs come from one sparse
product, so no Python loop runs over all pairs; the passage search runs only
on the pairs that share at least one ``min_passage``-word sequence, which the
same kind of product finds. The machinery lives in ``mediakit.compare._passages``.

References
----------
Broder, A. Z. (1997). On the resemblance and containment of documents.
*Compression and Complexity of Sequences*, 21-29.

Clough, P., Gaizauskas, R., Piao, S. S. L., & Wilks, Y. (2002). METER:
MEasuring TExt Reuse. *Proceedings of ACL 2002*, 152-159.

Gaizauskas, R., Foster, J., Wilks, Y., Arundel, J., Clough, P., & Piao, S.
(2001). The METER corpus: a corpus for analysing journalistic text reuse.
*Proceedings of Corpus Linguistics 2001*, 214-223.

Wise, M. J. (1996). YAP3: improved detection of similarities in computer
program and other texts. *SIGCSE Bulletin* 28(1), 130-134.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import check_articles, check_doc_ids, check_table, show_values, warn
from mediakit.compare import _passages

__all__ = ["DEFAULT_THRESHOLDS", "LABELS", "text_reuse", "verbatim_passages"]

#: Derivation labels, after the METER corpus annotation scheme.
LABELS = ("wholly_derived", "partially_derived", "non_derived")

#: Default cut-points of the derivation label (see :func:`text_reuse`).
DEFAULT_THRESHOLDS: Mapping[str, float] = {
    "wholly": 0.6,
    "partially": 0.2,
    "partially_verbatim": 0.05,
}

_REUSE_COLUMNS = [
    "doc_id_a",
    "doc_id_b",
    "similarity",
    "containment_source",
    "containment_derived",
    "resemblance",
    "verbatim_share",
    "n_passages",
    "longest_passage",
    "label",
    "evidence",
]
_PASSAGE_COLUMNS = ["doc_id_a", "doc_id_b", "a_start", "a_end", "b_start", "b_end", "n_tokens"]


# ---------------------------------------------------------------------------
# which pairs
# ---------------------------------------------------------------------------


def _as_ids(value: Any, name: str, articles: pd.DataFrame, func: str) -> list[Any]:
    """Return the ids of a doc_id or list of them (None: all), order kept, repeats dropped."""
    if value is None:
        return list(articles.index)
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        ids = [value]
    elif isinstance(value, pd.DataFrame | Mapping):
        raise TypeError(
            f"{func}: `{name}` must be a doc_id or a list of doc_ids, got "
            f"{type(value).__name__}; "
            "to compare given pairs, pass pairs=DataFrame with columns doc_id_a, doc_id_b"
        )
    else:
        ids = list(dict.fromkeys(value))
    return ids


def _select_pairs(
    articles: pd.DataFrame, source: Any, derived: Any, pairs: Any, func: str
) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Involved doc_ids, and per pair the positions of its source and derived text in them."""
    if pairs is not None:
        if source is not None or derived is not None:
            raise ValueError(f"{func}: pass either `source` and `derived`, or `pairs`, not both")
        check_table(
            pairs,
            ("doc_id_a", "doc_id_b"),
            func=func,
            name="`pairs`",
            described="doc_id_a = source, doc_id_b = derived",
        )
        a_ids = pairs["doc_id_a"].tolist()
        b_ids = pairs["doc_id_b"].tolist()
        check_doc_ids(articles, dict.fromkeys(a_ids), func=func, name="`pairs`.doc_id_a")
        check_doc_ids(articles, dict.fromkeys(b_ids), func=func, name="`pairs`.doc_id_b")
        docs = pd.Index(list(dict.fromkeys(a_ids + b_ids)), dtype=articles.index.dtype)
        pa = docs.get_indexer(pd.Index(a_ids, dtype=articles.index.dtype))
        pb = docs.get_indexer(pd.Index(b_ids, dtype=articles.index.dtype))
        return docs, pa.astype(np.intp), pb.astype(np.intp)
    src = _as_ids(source, "source", articles, func)
    der = _as_ids(derived, "derived", articles, func)
    check_doc_ids(articles, src, func=func, name="`source`")
    check_doc_ids(articles, der, func=func, name="`derived`")
    docs = pd.Index(list(dict.fromkeys(src + der)), dtype=articles.index.dtype)
    s_pos = docs.get_indexer(pd.Index(src, dtype=articles.index.dtype))
    d_pos = docs.get_indexer(pd.Index(der, dtype=articles.index.dtype))
    pa = np.repeat(s_pos, len(d_pos))
    pb = np.tile(d_pos, len(s_pos))
    keep = pa != pb
    if not keep.any():
        why = (
            "`source` or `derived` is empty"
            if not src or not der
            else f"`source` and `derived` hold only the same article {show_values(src)}, "
            "and an article is not compared with itself"
        )
        warn(f"{func}: no pairs to compare: {why}", stacklevel=4)
    return docs, pa[keep].astype(np.intp), pb[keep].astype(np.intp)


def _check_int(name: str, value: Any, func: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{func}: `{name}` must be a whole number >= 1, got {value!r}")
    return int(value)


# ---------------------------------------------------------------------------
# public functions
# ---------------------------------------------------------------------------


def text_reuse(
    articles: pd.DataFrame,
    source: Hashable | Iterable[Hashable] | None = None,
    derived: Hashable | Iterable[Hashable] | None = None,
    *,
    pairs: pd.DataFrame | None = None,
    n: int = 3,
    min_passage: int = 8,
    thresholds: Mapping[str, float] | None = None,
    tokens: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Measure how much of each derived text is reused from its source.

    Words are the ``norm`` column of :func:`mediakit.tokenize` (NFKC,
    casefolded, typographic apostrophes made straight) with punctuation
    tokens left out; stop words are kept, as in the METER work (Clough et
    al. 2002), because the function words of a copied clause are part of
    the copy. Word n-grams run across sentence boundaries (a text is one
    stream of words).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    source, derived : doc_id, list of doc_ids, or None
        Compare every ``source`` article with every ``derived`` article (an
        article is never compared with itself). ``None`` means every
        article, so ``text_reuse(articles, "wire")`` compares the wire
        story with all the others. Rows come source by source, then in the
        order of ``derived``; repeated ids are taken once.
    pairs : pandas.DataFrame, optional
        Instead of ``source`` and ``derived``: the pairs to compare, one per
        row, in columns ``doc_id_a`` (source) and ``doc_id_b`` (derived),
        for example a filtered :func:`mediakit.compare.similarity.tfidf_similarity`
        table. One output row per input row, in the same order (a pair of an
        article with itself is measured like any other).
    n : int, default 3
        Length of the word n-grams (3: trigrams, as in METER).
    min_passage : int, default 8
        Minimum length, in words, of a verbatim passage. Eight words is our
        choice: long enough that stock phrases shared by unrelated stories
        ("the prime minister of the united kingdom" has seven) rarely
        qualify, short enough to catch a copied clause.
    thresholds : mapping, optional
        Cut-points of the label; any of the keys of
        :data:`DEFAULT_THRESHOLDS` (see Notes), values in [0, 1].
    tokens : pandas.DataFrame, optional
        A ``mediakit.tokenize(articles)`` table of these very articles (its
        offsets must point into their ``text``), to avoid tokenizing again
        in a pipeline that has one. An article without rows in it counts
        as empty.

    Returns
    -------
    pandas.DataFrame
        One row per pair, RangeIndex, columns:

        ``doc_id_a`` (source), ``doc_id_b`` (derived); ``similarity`` (the
        same as ``containment_derived``, for use as a pairs table);
        ``containment_source``: share of the source's distinct word n-grams
        that occur in the derived text, |S(a) ∩ S(b)| / |S(a)|;
        ``containment_derived``: share of the derived text's distinct word
        n-grams that occur in the source, |S(a) ∩ S(b)| / |S(b)| (Broder's
        containment of b in a); ``resemblance``: Jaccard similarity
        |S(a) ∩ S(b)| / |S(a) ∪ S(b)|; ``verbatim_share``: share of the
        derived text's words covered by verbatim passages;
        ``n_passages`` and ``longest_passage`` (in words); ``label`` (one of
        :data:`LABELS`, see Notes); ``evidence``: a sentence that states the
        numbers behind the label.

    Warns
    -----
    MediakitWarning
        Naming the articles that have no text, or fewer than ``n`` words;
        and when ``source`` and ``derived`` leave no pair to compare.

    Raises
    ------
    ValueError
        For an unknown doc_id (the message lists the valid ones), ``pairs``
        given together with ``source``/``derived``, a bad ``n``,
        ``min_passage`` or ``thresholds``.
    TypeError
        If ``articles``, ``pairs`` or ``tokens`` is not a DataFrame.

    See Also
    --------
    verbatim_passages : the passages themselves, with offsets in both texts.

    Notes
    -----
    **Passages.** Verbatim passages are the tiles of Greedy String Tiling
    (Wise 1996; used for METER by Clough et al. 2002) over the two word
    sequences: maximal common runs of at least ``min_passage`` words, laid
    longest first, never overlapping in either text. GST is implemented in
    ``mediakit.compare._passages`` because no well-kept Python library provides it.
    It runs only on pairs that share at least one ``min_passage``-word
    sequence, found for all pairs at once by a sparse product; every other
    pair has no passage by construction, so the shortcut is exact.

    **Label.** METER's annotators sorted newspaper stories into *wholly
    derived* from the Press Association copy, *partially derived* (the PA
    copy and other sources) and *non-derived* (Gaizauskas et al. 2001).
    Clough et al. (2002) separated these classes with word n-gram
    containment of the newspaper text in the PA text, Greedy String Tiling
    and sentence alignment; their best three-way result came from a
    classifier that combined measures (average F1 0.664), not from
    cut-points on one measure, so there are none to copy. The defaults are
    our heuristic, for reading results, not ground truth; calibrate them on
    labelled pairs where you can (``thresholds=``):

    * ``wholly_derived`` if ``containment_derived >= thresholds["wholly"]``
      (0.6: most of the derived text's trigrams come from the source);
    * ``partially_derived`` if ``containment_derived >=
      thresholds["partially"]`` (0.2) or ``verbatim_share >=
      thresholds["partially_verbatim"]`` (0.05: at least one copied
      sentence of about 20 words in a 400-word story, though the rest is
      new);
    * ``non_derived`` otherwise.

    As a baseline: on the BBC News corpus (200 × 2,225 articles, 444,800
    pairs) the 99.9th percentile of trigram containment was 0.024, only 20
    pairs reached 0.2 and 59 a verbatim share of 0.05; the ones we read (a
    random sample) reuse background sentences of an earlier story (follow-up
    reports). A heavy paraphrase
    that keeps no long passage is ``non_derived`` by these surface
    measures: use :func:`mediakit.compare.align.align_sentences` to see rewritten
    sentences. The seed pair is ``partially_derived`` through the containment
    rule (0.27 of the rewrite's trigrams; nine verbatim passages, the longest
    15 words, cover 16 % of its words: see the example below).

    **Short and empty texts.** A text with fewer than ``n`` words (an empty
    article among them) has no n-grams. A share *of its* n-grams is NaN
    (0 / 0); a share of the other text's n-grams found *in it* is 0;
    resemblance is 0, or NaN when neither text has n-grams. When the
    derived text has no words, ``verbatim_share`` is NaN. Where
    ``containment_derived`` is NaN, ``label`` is missing (<NA>). Identical
    texts give containment, resemblance and ``verbatim_share`` 1 and
    ``wholly_derived``; texts in different scripts share no n-gram and are
    ``non_derived``.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.compare.reuse import text_reuse
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> row = text_reuse(articles, "wire", "rewrite").iloc[0]
    >>> print(row[["containment_derived", "containment_source", "verbatim_share"]].round(3))
    containment_derived    0.272
    containment_source     0.261
    verbatim_share         0.162
    Name: 0, dtype: object
    >>> int(row["n_passages"]), int(row["longest_passage"]), row["label"]
    (9, 15, 'partially_derived')
    >>> print(row["evidence"])  # doctest: +NORMALIZE_WHITESPACE
    27% of the word trigrams of 'rewrite' (155 of 569) occur in 'wire'; 9 verbatim
    passages of 8+ words (longest 15 words) cover 16% of its words

    Many pairs at once, every article against every other:

    >>> text_reuse(articles)[["doc_id_a", "doc_id_b"]].to_numpy().tolist()
    [['wire', 'rewrite'], ['rewrite', 'wire']]
    """
    func = "text_reuse"
    check_articles(articles, func=func)
    n = _check_int("n", n, func)
    min_passage = _check_int("min_passage", min_passage, func)
    cuts = _check_thresholds(thresholds, func)
    docs, pa, pb = _select_pairs(articles, source, derived, pairs, func)
    texts = _passages.article_words(articles, docs, tokens, func)
    _passages.warn_short(texts, n, func)

    grams, _ = _passages.gram_matrix(texts.codes, texts.ptr, n)
    sizes = grams.getnnz(axis=1).astype(np.float64)
    shared = _passages.shared_counts(grams, pa, pb).astype(np.float64)
    size_a, size_b = sizes[pa], sizes[pb]
    with np.errstate(divide="ignore", invalid="ignore"):
        cont_source = np.where(size_a > 0, shared / size_a, np.nan)
        cont_derived = np.where(size_b > 0, shared / size_b, np.nan)
        union = size_a + size_b - shared
        resemblance = np.where(union > 0, shared / union, np.nan)

    tiles = _passages.tiles(texts, pa, pb, min_passage)
    n_passages = np.zeros(len(pa), dtype=np.int64)
    longest = np.zeros(len(pa), dtype=np.int64)
    covered = np.zeros(len(pa), dtype=np.float64)
    for i, found in tiles.items():
        lengths = [t[2] for t in found]
        n_passages[i] = len(lengths)
        longest[i] = max(lengths, default=0)
        covered[i] = sum(lengths)
    words_b = texts.n_words[pb].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        verbatim = np.where(words_b > 0, covered / words_b, np.nan)

    cols: dict[str, np.ndarray] = {
        "similarity": cont_derived,
        "containment_source": cont_source,
        "containment_derived": cont_derived,
        "resemblance": resemblance,
        "verbatim_share": verbatim,
        "n_passages": n_passages,
        "longest_passage": longest,
    }
    names = [repr(d) for d in docs]
    evidence = _evidence(names, pa, pb, shared, size_b, cols, n, min_passage)
    return pd.DataFrame(
        {
            "doc_id_a": docs.take(pa).array,
            "doc_id_b": docs.take(pb).array,
            **cols,
            "label": pd.Series(_labels(cont_derived, verbatim, cuts), dtype="str"),
            "evidence": evidence,
        }
    )


def verbatim_passages(
    articles: pd.DataFrame,
    source: Hashable | Iterable[Hashable] | None = None,
    derived: Hashable | Iterable[Hashable] | None = None,
    *,
    pairs: pd.DataFrame | None = None,
    min_passage: int = 8,
    tokens: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """List the verbatim passages that derived texts share with their sources.

    The passages are the Greedy String Tiling tiles of :func:`text_reuse`
    (see its Notes): maximal common runs of at least ``min_passage`` words
    (punctuation left out, casefolded, stop words kept), never overlapping
    in either text.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    source, derived, pairs, min_passage, tokens
        As in :func:`text_reuse`.

    Returns
    -------
    pandas.DataFrame
        One row per passage, RangeIndex, columns ``doc_id_a`` (source),
        ``doc_id_b`` (derived), ``a_start``, ``a_end``, ``b_start``,
        ``b_end`` (character offsets into each article's ``text``, from the
        first word's start to the last word's end, so an opening quote
        before the first word is not included), ``n_tokens`` (words in the
        passage) and ``text`` (the passage as written in the source,
        ``text_a[a_start:a_end]``). Pairs come in the order of
        :func:`text_reuse`; within a pair, passages follow the reading order
        of the derived text. Pairs without passages have no rows.

    Warns
    -----
    MediakitWarning
        As in :func:`text_reuse`.

    Raises
    ------
    ValueError, TypeError
        As in :func:`text_reuse`.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.compare.reuse import verbatim_passages
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> passages = verbatim_passages(articles, "wire", "rewrite")
    >>> passages["n_tokens"].tolist()
    [12, 8, 12, 11, 9, 11, 8, 15, 8]
    >>> row = passages.iloc[7]  # the longest, from an anonymous diplomat's quote
    >>> print(row.text)
    that can help Trump look more favorably on Ukraine is good and worth trying,” said
    >>> articles.loc["rewrite", "text"][row.b_start : row.b_end] == row.text
    True

    The words are the same; the punctuation between them may differ:

    >>> row = passages.iloc[2]
    >>> print(row.text)
    that North Korea, Iran, China and of course Russia are working together
    >>> print(articles.loc["rewrite", "text"][row.b_start : row.b_end])
    that North Korea, Iran, China, and of course Russia are working together
    """
    func = "verbatim_passages"
    check_articles(articles, func=func)
    min_passage = _check_int("min_passage", min_passage, func)
    docs, pa, pb = _select_pairs(articles, source, derived, pairs, func)
    texts = _passages.article_words(articles, docs, tokens, func)
    _passages.warn_short(texts, None, func)
    tiles = _passages.tiles(texts, pa, pb, min_passage)
    rows: dict[str, list[Any]] = {c: [] for c in _PASSAGE_COLUMNS}
    rows["text"] = []
    ptr, starts, ends = texts.ptr, texts.starts, texts.ends
    for i in sorted(tiles):
        a, b = int(pa[i]), int(pb[i])
        for p, q, length in tiles[i]:
            a_start, a_end = starts[ptr[a] + p], ends[ptr[a] + p + length - 1]
            rows["doc_id_a"].append(a)
            rows["doc_id_b"].append(b)
            rows["a_start"].append(int(a_start))
            rows["a_end"].append(int(a_end))
            rows["b_start"].append(int(starts[ptr[b] + q]))
            rows["b_end"].append(int(ends[ptr[b] + q + length - 1]))
            rows["n_tokens"].append(length)
            rows["text"].append(texts.texts[a][a_start:a_end])
    out: dict[str, Any] = {
        "doc_id_a": docs.take(np.asarray(rows["doc_id_a"], dtype=np.intp)).array,
        "doc_id_b": docs.take(np.asarray(rows["doc_id_b"], dtype=np.intp)).array,
    }
    for col in ("a_start", "a_end", "b_start", "b_end", "n_tokens"):
        out[col] = np.asarray(rows[col], dtype=np.int64)
    out["text"] = pd.Series(rows["text"], dtype="str")
    return pd.DataFrame(out)


# ---------------------------------------------------------------------------
# label and evidence
# ---------------------------------------------------------------------------


def _check_thresholds(thresholds: Any, func: str) -> dict[str, float]:
    cuts = dict(DEFAULT_THRESHOLDS)
    if thresholds is None:
        return cuts
    if not isinstance(thresholds, Mapping):
        raise TypeError(
            f"{func}: `thresholds` must be a mapping such as {{'wholly': 0.6}}, "
            f"got {type(thresholds).__name__}"
        )
    unknown = [k for k in thresholds if k not in cuts]
    if unknown:
        raise ValueError(
            f"{func}: `thresholds` has unknown key(s) {unknown}; "
            f"expected some of {sorted(DEFAULT_THRESHOLDS)}"
        )
    for key, value in thresholds.items():
        ok = isinstance(value, int | float | np.number) and not isinstance(value, bool)
        if not ok or not 0.0 <= float(value) <= 1.0:
            raise ValueError(
                f"{func}: `thresholds`[{key!r}] must be a number in [0, 1], got {value!r}"
            )
        cuts[key] = float(value)
    if cuts["partially"] > cuts["wholly"]:
        raise ValueError(
            f"{func}: `thresholds`['partially'] ({cuts['partially']}) must not exceed "
            f"`thresholds`['wholly'] ({cuts['wholly']})"
        )
    return cuts


def _labels(cont: np.ndarray, verbatim: np.ndarray, cuts: Mapping[str, float]) -> list[Any]:
    wholly = cont >= cuts["wholly"]
    partly = (cont >= cuts["partially"]) | (verbatim >= cuts["partially_verbatim"])
    label = np.where(wholly, LABELS[0], np.where(partly, LABELS[1], LABELS[2])).astype(object)
    label[np.isnan(cont)] = None
    return label.tolist()


_NGRAM_NAMES = {1: "words", 2: "word bigrams", 3: "word trigrams"}


def _evidence(
    names: list[str],
    pa: np.ndarray,
    pb: np.ndarray,
    shared: np.ndarray,
    size_b: np.ndarray,
    cols: Mapping[str, np.ndarray],
    n: int,
    min_passage: int,
) -> pd.Series:
    """One sentence per pair with the numbers behind its label.

    The common case (n-grams on both sides, no passage) is assembled with
    vectorised string concatenation; the few other rows one by one.
    """
    grams = _NGRAM_NAMES.get(n, f"word {n}-grams")
    ids = pd.Series(names, dtype="str")
    name_a = ids.take(pa).reset_index(drop=True)
    name_b = ids.take(pb).reset_index(drop=True)
    pct = np.round(np.nan_to_num(cols["containment_derived"]) * 100).astype(np.int64)
    text = (
        _as_str(pct)
        + f"% of the {grams} of "
        + name_b
        + " ("
        + _as_str(shared.astype(np.int64))
        + " of "
        + _as_str(size_b.astype(np.int64))
        + ") occur in "
        + name_a
        + f"; no verbatim passage of {min_passage}+ words"
    ).to_numpy(dtype=object)
    count, longest = cols["n_passages"], cols["longest_passage"]
    for i in np.flatnonzero((size_b == 0) | (count > 0)).tolist():
        a, b = names[pa[i]], names[pb[i]]
        if size_b[i] == 0:
            text[i] = f"{b} has fewer than {n} words: no {grams} to compare with {a}"
            continue
        head = f"{pct[i]}% of the {grams} of {b} ({int(shared[i])} of {int(size_b[i])}) "
        head += f"occur in {a}; "
        share = f"{round(cols['verbatim_share'][i] * 100)}%"
        if count[i] == 1:
            tail = f"1 verbatim passage of {min_passage}+ words ({longest[i]} words) covers"
        else:
            tail = (
                f"{count[i]} verbatim passages of {min_passage}+ words "
                f"(longest {longest[i]} words) cover"
            )
        text[i] = f"{head}{tail} {share} of its words"
    return pd.Series(text, dtype="str")


def _as_str(values: np.ndarray) -> pd.Series:
    return pd.Series(values).astype("str")
