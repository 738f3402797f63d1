"""Align the sentences of two versions of a story.

:func:`align_sentences` answers, sentence by sentence, how a rewrite relates to
its source: which sentences were kept word for word, which were rewritten,
merged or split, which were dropped and which were added. The matching
machinery (features, assignment, merge/split growth) lives in
``mediakit.compare._align_match``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import (
    check_articles,
    check_doc_id,
    check_option,
    check_table,
    warn,
)
from mediakit.compare import _align_match as _m

__all__ = ["ALIGNMENT_LABELS", "align_sentences"]

#: The values of the alignment table's ``label`` column.
ALIGNMENT_LABELS: tuple[str, ...] = (
    "verbatim",
    "rewritten",
    "merged",
    "split",
    "dropped",
    "added",
)
_SIMILARITIES = ("tfidf", "char", "tfidf+char")
_COLUMNS = ("a_sent", "b_sent", "a_text", "b_text", "similarity", "label")


def align_sentences(
    articles: pd.DataFrame,
    a: Hashable,
    b: Hashable,
    *,
    sentences: pd.DataFrame | None = None,
    similarity: str | Any = "tfidf",
    threshold: float = 0.1,
    min_shared: int = 3,
    verbatim_threshold: float = 1.0,
    merge_split: bool = True,
    merge_margin: float = 0.02,
    order_prior: float = 0.1,
    length_prior: float = 0.5,
    include_subheadings: bool = False,
) -> pd.DataFrame:
    r"""Align the sentences of article ``a`` (source) with those of ``b`` (version).

    Every sentence of both articles appears in the result: matched sentences in
    pairs with their similarity, the others as ``dropped`` (only in ``a``) or
    ``added`` (only in ``b``). Matching is global, so a rewrite that moves
    material around is aligned as well as one that keeps the order; merges
    (two sentences of ``a`` in one of ``b``) and splits are found too.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``), usually cleaned with
        :func:`mediakit.clean_articles`.
    a, b : hashable
        The ``doc_id`` of the source version (``a``) and of the other version
        (``b``). They may be equal: every sentence is then ``verbatim`` with
        itself.
    sentences : pandas.DataFrame, optional
        A table from :func:`mediakit.split_sentences` covering ``a`` and ``b``
        (columns ``doc_id``, ``sent_id``, ``text``; ``kind`` if present), to
        reuse a split made earlier. Rows of other articles are ignored. By
        default the two articles are split with ``split_sentences``.
    similarity : {"tfidf", "char", "tfidf+char"} or vectorizer, default "tfidf"
        How two sentences are compared: always the cosine of TF-IDF vectors
        whose IDF is fitted on the sentences of the two versions (two
        documents are a degenerate corpus for IDF; their sentences are not).

        * ``"tfidf"``: content words: casefolded, accents folded (``Orbán`` =
          ``Orban``), ``U.S.`` = ``US``, clitic ``'s`` dropped, stop words (the
          Snowball list of :func:`mediakit.stopwords` plus ``mr``, ``mrs``,
          ``ms``, ``dr``, ``say``, ``says``, ``said``) and punctuation dropped,
          Snowball-stemmed (``fearing`` = ``fear``), spelling variants merged
          (see Notes); sublinear term frequency, smoothed IDF.
        * ``"char"``: character 3- to 5-grams within the folded words
          (``analyzer="char_wb"``): robust to spelling and inflection, but
          also rewards shared word endings.
        * ``"tfidf+char"``: the mean of the two cosines.
        * any scikit-learn-style vectorizer (``fit`` and ``transform``;
          estimators are cloned, never fitted in place), fitted on the
          sentences of the two versions.

        The evidence test (``min_shared``) always counts content words as in
        ``"tfidf"``. Two sentences with the same words (see
        ``verbatim_threshold``) have similarity 1.0 and always match, even if
        they have no content word ("Why not?").
    threshold : float, default 0.1
        Lowest similarity for a match, in [0, 1]. Low on purpose: a paraphrase
        shares few words ("European capitals fearing ..." / "European
        governments fear ..." scores 0.15 on the seed pair); the evidence test
        keeps unrelated sentences apart.
    min_shared : int, default 3
        Evidence test: a matched pair must share at least
        ``min(min_shared, max(2, ceil(2/3 * n)))`` distinct content words
        (stems), where ``n`` counts the content words of its shorter sentence.
        A sentence joining a merge or split must bring that many shared words
        of its own (``n`` = its own content words), not counting words its
        group already shares. Cosine similarity can be high on one or two
        rare words (a name, a year): "Pyongyang has become one of Moscow's
        most important backers since ... 2022" and "The U.S. has been
        Ukraine's largest military donor since 2022" share only "since" and
        "2022". A short sentence needs two thirds of its words, and one shared
        word is never enough unless ``min_shared=1``.
    verbatim_threshold : float, default 1.0
        A matched one-to-one pair is ``verbatim`` when the word sequences of
        its two sentences (casefolded, accents folded, punctuation dropped;
        stop words and word order count) have a ``difflib.SequenceMatcher``
        ratio of at least this. The default 1.0 means the same words in the
        same order (a spelling variant such as defence/defense is a
        rewrite); 0.9 also admits near-verbatim copies with a word or two
        changed in a sentence of 20 words. Other matched one-to-one pairs are
        ``rewritten``.
    merge_split : bool, default True
        Detect merges and splits. If False, matching is one-to-one only.
    merge_margin : float, default 0.02
        A neighbouring sentence joins a matched group only if the similarity
        of the joined texts exceeds the group's current similarity by at least
        this much (in [0, 1]).
    order_prior : float, default 0.1
        Reading-order prior, in [0, 1]: in the assignment a pair's similarity
        is multiplied by ``1 - order_prior * d``, where ``d`` is the distance
        between the two sentences' relative positions (0 = first sentence,
        1 = last). It breaks near-ties (a sentence repeated in both versions
        is paired in order); 0 ignores order.
    length_prior : float, default 0.5
        Length prior, >= 0: in the assignment a pair's similarity is also
        multiplied by ``(shorter / longer) ** length_prior``, lengths in
        content words. A short sentence whose few words all occur in a long
        one is more often a fragment of it (a split part, or background) than
        its counterpart; Gale and Church (1993) align on the same regularity.
        0 turns it off.
    include_subheadings : bool, default False
        By default sentences of ``kind == "subheading"`` (crossheads) are
        matched only with subheadings of the other version: a crosshead
        usually repeats a quote of the body and would take the body
        sentence's match. Unmatched, they appear as ``dropped``/``added``.
        With True they compete with body sentences like any sentence.

    Returns
    -------
    pandas.DataFrame
        The alignment table, RangeIndex, columns:

        * ``a_sent``, ``b_sent`` (``Int64``): ``sent_id`` in ``a`` and in ``b``
          (as in :func:`mediakit.split_sentences`), ``<NA>`` where absent;
        * ``a_text``, ``b_text`` (pandas' default ``str`` dtype, as in the
          segments table): the sentences, missing (NaN) where absent;
        * ``similarity`` (float64): the cosine similarity of the row's two
          sentences (also in the rows of a merge or split, so each row says
          how much of its own sentence pair overlaps); NaN for ``dropped``
          and ``added`` rows;
        * ``label``: ``"verbatim"``, ``"rewritten"``, ``"merged"`` (several
          rows with the same ``b_sent``), ``"split"`` (several rows with the
          same ``a_sent``), ``"dropped"`` (``b_sent`` is ``<NA>``) or
          ``"added"`` (``a_sent`` is ``<NA>``).

        Every sentence of ``a`` and of ``b`` appears at least once. Rows
        follow ``a``'s reading order (the rows of one ``a`` sentence by
        ``b_sent``); an added ``b`` sentence comes right after the last row
        holding the ``b`` sentence before it, or first if it opens ``b``. So
        both texts can be read down the table where ``b`` kept ``a``'s order.

    Warns
    -----
    MediakitWarning
        If ``a`` or ``b`` has no sentences (empty or missing text): the other
        article's sentences are all ``dropped`` or ``added``. If the two
        articles share no word at all (different languages or scripts?):
        nothing is matched.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a ``doc_id`` of ``articles`` (the message
        lists valid ones), for an invalid option, or for a ``sentences`` table
        without the needed columns.
    TypeError
        If ``articles`` or ``sentences`` is not a DataFrame, or ``similarity``
        is neither a known name nor a vectorizer.

    See Also
    --------
    mediakit.split_sentences : the sentences that are aligned.

    Notes
    -----
    **Algorithm.** Order-preserving aligners (Gale-Church, Needleman-Wunsch
    and other dynamic programs over the two sequences) cannot pair a sentence
    that the rewrite moved elsewhere, and rewrites move material all the time
    (in the seed pair, the end of a quote in the wire's fifth paragraph is
    the rewrite's eighth). So:

    1. Similarity matrix between every sentence of ``a`` and every sentence
       of ``b`` (``similarity``), and the matrix of shared content words.
    2. One-to-one assignment maximising the summed score (similarity times
       the length and order priors) over the pairs that pass ``threshold``
       and ``min_shared``, solved exactly by
       :func:`scipy.optimize.linear_sum_assignment`: unlike greedy
       best-first linking, a sentence does not take a partner that a better
       overall alignment needs elsewhere.
    3. Merges and splits (``merge_split``): matched pairs, most similar
       first, grow by an adjacent unmatched sentence on one side while the
       joined text gets more similar to the other side (``merge_margin``)
       and the new sentence brings its own shared words (``min_shared``).
       Merges and splits nearly always join neighbouring sentences; a group
       grows on one side only.
    4. Labels: ``verbatim`` or ``rewritten`` for one-to-one pairs
       (``verbatim_threshold``), ``merged`` or ``split`` for groups, the
       rest ``dropped`` or ``added``.

    The vectors come from scikit-learn (``CountVectorizer`` counts and the
    ``TfidfTransformer`` IDF; the sublinear weights of joined sentences are
    computed from summed counts) and the assignment from SciPy. The evidence
    test and the merge/split growth are written here: no maintained Python
    package aligns sentences of one language with reordering, merges and
    splits.

    **Spelling variants.** With ``"tfidf"``, a word found only in ``a`` and
    a word found only in ``b`` count as one when both have at least 6
    letters, start with the same 3 letters and are one edit apart
    (``defence``/``defense``, ``Zelensky``/``Zelenskyy``).

    **Defaults, and how they were checked.** They were chosen on principle (a
    match needs several shared content words; the priors only break ties),
    then checked on: the seed pair, aligned correctly sentence for sentence
    against a hand alignment, with any ``threshold`` from 0 to 0.12,
    ``min_shared`` 3 or 4, ``order_prior`` 0 to 0.4, ``length_prior`` 0.25 to
    1, ``merge_margin`` 0 to 0.05 and all three similarities (it takes
    ``min_shared >= 3`` and ``length_prior > 0``); the OneStopEnglish
    advanced-to-intermediate alignments of 189 stories (Vajjala and Lučić
    2018): precision 0.997, recall 0.998; and unrelated story pairs of that
    corpus, where 1.5% of sentences find a (false) match. See
    ``benchmarks/eval_alignment.py``.

    **Limitations.** Matching is lexical: a paraphrase sharing fewer content
    words than the evidence test asks ("Same with yoga." / "It is the same
    with yoga") is reported as dropped plus added. Merges and splits of
    non-adjacent sentences are not found, nor many-to-many groups. Stop words
    and stemming are English; other languages are compared on their folded
    words as written.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.compare.align import align_sentences
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> al = align_sentences(articles, "wire", "rewrite")
    >>> al["label"].value_counts().sort_index().to_dict()
    {'dropped': 3, 'rewritten': 22}

    The rewrite keeps the wire's order and rewords every sentence it keeps;
    it drops the crosshead and the end of Nausėda's quote:

    >>> for text in al.loc[al["label"] == "dropped", "a_text"]:
    ...     print(text)
    – “Ukraine deserves our support” –
    “This is not only about Ukraine.
    This is about a rules-based international order and we must preserve it.”
    >>> row = al[al["a_sent"] == 8].iloc[0]
    >>> print(row.a_text, row.b_text, row.label, sep="\n")
    “North Korea is now, in fact, waging a war in Europe.
    “North Korea is now, in effect, waging war in Europe.
    rewritten

    Sentences merged into one are found too (or split, the other way round):

    >>> import pandas as pd
    >>> old = "The bridge cost twelve million euros. Traffic jams in the centre should ease."
    >>> new = "The bridge, which cost twelve million euros, should ease traffic jams in the centre."
    >>> pair = pd.DataFrame({"text": [old, new]}, index=pd.Index(["old", "new"], name="doc_id"))
    >>> align_sentences(pair, "old", "new")[["a_sent", "b_sent", "label"]].to_numpy().tolist()
    [[0, 0, 'merged'], [1, 0, 'merged']]
    """
    func = "align_sentences"
    check_articles(articles, func=func)
    for name, doc in (("a", a), ("b", b)):
        check_doc_id(articles, doc, func=func, name=name)
    if isinstance(similarity, str) or similarity is None:
        check_option("similarity", similarity, _SIMILARITIES)
    elif not (
        callable(getattr(similarity, "fit", None))
        and callable(getattr(similarity, "transform", None))
    ):
        raise TypeError(
            f"{func}: `similarity` must be one of {list(_SIMILARITIES)} or a vectorizer with "
            f"fit() and transform() (e.g. sklearn TfidfVectorizer), got {type(similarity).__name__}"
        )
    _check_share("threshold", threshold, func)
    _check_share("verbatim_threshold", verbatim_threshold, func)
    _check_share("merge_margin", merge_margin, func)
    _check_share("order_prior", order_prior, func)
    _check_nonneg("length_prior", length_prior, func)
    if (
        isinstance(min_shared, bool)
        or not isinstance(min_shared, int | np.integer)
        or min_shared < 1
    ):
        raise ValueError(f"{func}: `min_shared` must be an integer >= 1, got {min_shared!r}")
    _check_bool("merge_split", merge_split)
    _check_bool("include_subheadings", include_subheadings)

    sa, sb = _sentences(articles, a, b, sentences, func)
    if sa.empty and sb.empty:
        which = f"article {a!r} has" if a == b else f"articles {a!r} and {b!r} have"
        warn(f"{func}: {which} no sentences (empty text?); the alignment is empty")
    elif sa.empty or sb.empty:
        doc, other, what = (a, sb, "added") if sa.empty else (b, sa, "dropped")
        warn(
            f"{func}: article {doc!r} has no sentences (empty text?); the {len(other)} "
            f"sentence(s) of the other version are all labelled {what!r}"
        )
    texts_a = sa["text"].tolist()
    texts_b = sb["text"].tolist()
    groups: list[_m.Group] = []
    sim = np.zeros((len(sa), len(sb)))
    if len(sa) and len(sb):
        feats = _m.Features(texts_a, texts_b, similarity)
        sim = feats.sim
        if not sim.any():
            warn(
                f"{func}: articles {a!r} and {b!r} share no word (different languages or "
                "scripts?); nothing is matched",
                stacklevel=3,
            )
        kind_a = sa["kind"].to_numpy(dtype=object)
        kind_b = sb["kind"].to_numpy(dtype=object)
        if include_subheadings:
            allowed = np.ones(sim.shape, dtype=bool)
        else:
            head_a = kind_a == "subheading"
            head_b = kind_b == "subheading"
            allowed = head_a[:, None] == head_b[None, :]
        params = _m.Params(
            threshold=float(threshold),
            min_shared=int(min_shared),
            order_prior=float(order_prior),
            length_prior=float(length_prior),
            merge_margin=float(merge_margin),
            merge_split=merge_split,
        )
        groups = _m.match(feats, allowed, params)
    return _table(sa, sb, groups, sim, float(verbatim_threshold))


def _check_bool(name: str, value: Any) -> None:
    # check_option alone would take 1 or 1.0 for True (they compare equal).
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"`{name}` = {value!r} is invalid; expected one of {{False, True}}")


def _check_share(name: str, value: Any, func: str) -> None:
    ok = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)
    if not ok or not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{func}: `{name}` must be a number between 0 and 1, got {value!r}")


def _check_nonneg(name: str, value: Any, func: str) -> None:
    ok = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)
    if not ok or not float(value) >= 0.0:
        raise ValueError(f"{func}: `{name}` must be a number >= 0, got {value!r}")


def _sentences(
    articles: pd.DataFrame, a: Any, b: Any, sentences: pd.DataFrame | None, func: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the sentences of a and of b (sent_id, text, kind), in reading order."""
    if sentences is None:
        import warnings

        from mediakit.segment import split_sentences

        docs = articles.loc[pd.Index([a, b]).unique(), ["text"]]
        with warnings.catch_warnings():
            # An empty article gets its own warning below, naming the consequence.
            warnings.simplefilter("ignore")
            sentences = split_sentences(docs)
    check_table(
        sentences,
        ("doc_id", "sent_id", "text"),
        func=func,
        name="`sentences`",
        described="from split_sentences(articles)",
    )
    out = []
    for doc in (a, b):
        rows = sentences[sentences["doc_id"] == doc]
        kind = rows["kind"] if "kind" in rows.columns else pd.Series("body", index=rows.index)
        part = pd.DataFrame(
            {
                "sent_id": rows["sent_id"].to_numpy(dtype=np.int64),
                "text": rows["text"].astype(str).to_numpy(dtype=object),
                "kind": kind.fillna("body").astype(str).to_numpy(dtype=object),
            }
        )
        if part["sent_id"].duplicated().any():
            raise ValueError(
                f"{func}: `sentences` repeats sent_id values for doc_id {doc!r}; "
                "pass the table split_sentences returns"
            )
        out.append(part.sort_values("sent_id", kind="stable", ignore_index=True))
    return out[0], out[1]


def _table(
    sa: pd.DataFrame,
    sb: pd.DataFrame,
    groups: list[_m.Group],
    sim: np.ndarray,
    verbatim_threshold: float,
) -> pd.DataFrame:
    """Rows in a's reading order, added b sentences after their predecessor in b."""
    from difflib import SequenceMatcher

    rows: list[tuple[int | None, int | None, float, str]] = []  # positions, sim, label
    by_a: dict[int, list[tuple[int | None, int | None, float, str]]] = {}
    for g in groups:
        if len(g.a) == 1 and len(g.b) == 1:
            i, k = g.a[0], g.b[0]
            ka = _m.verbatim_key(str(sa["text"].iat[i]))
            kb = _m.verbatim_key(str(sb["text"].iat[k]))
            ratio = 1.0 if ka == kb else SequenceMatcher(None, ka, kb, autojunk=False).ratio()
            label = "verbatim" if ratio >= verbatim_threshold else "rewritten"
            by_a.setdefault(i, []).append((i, k, float(sim[i, k]), label))
        else:
            label = "merged" if len(g.a) > 1 else "split"
            for i in g.a:
                for k in g.b:
                    by_a.setdefault(i, []).append((i, k, float(sim[i, k]), label))
    for i in range(len(sa)):
        own = by_a.get(i, [(i, None, np.nan, "dropped")])
        rows.extend(sorted(own, key=lambda r: -1 if r[1] is None else r[1]))
    matched_b = {r[1] for r in rows if r[1] is not None}
    for k in range(len(sb)):
        if k in matched_b:
            continue
        if k == 0:
            at = 0
        else:
            at = max(j for j, r in enumerate(rows) if r[1] == k - 1) + 1
        rows.insert(at, (None, k, np.nan, "added"))
        matched_b.add(k)
    a_ids = sa["sent_id"].to_numpy()
    b_ids = sb["sent_id"].to_numpy()
    a_txt = sa["text"].to_numpy(dtype=object)
    b_txt = sb["text"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "a_sent": pd.array([None if r[0] is None else a_ids[r[0]] for r in rows], "Int64"),
            "b_sent": pd.array([None if r[1] is None else b_ids[r[1]] for r in rows], "Int64"),
            "a_text": pd.array([None if r[0] is None else a_txt[r[0]] for r in rows], "str"),
            "b_text": pd.array([None if r[1] is None else b_txt[r[1]] for r in rows], "str"),
            "similarity": np.array([r[2] for r in rows], dtype=np.float64),
            "label": pd.array([r[3] for r in rows], "str"),
        },
        columns=list(_COLUMNS),
    )
