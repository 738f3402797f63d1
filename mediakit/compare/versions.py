"""Compare two versions of a story: one report of what was kept, rewritten, dropped and added.

:func:`compare_versions` runs the comparison pipeline on two articles (a
source ``a`` and a later version ``b``, such as a wire story and a site's
rewrite) and returns a :class:`VersionComparison`: the sentence alignment,
the text-reuse measures, the verbatim passages, the figures that changed or
vanished, the names spelled differently, the changes of meaning between
aligned sentences (:func:`mediakit.claim_changes`) and a summary. It renders
in Jupyter, writes a standalone HTML file and prints a plain-text summary.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import MediakitWarning, check_articles, reissue, show_values, warn
from mediakit.compare import _changes, _diff, _report
from mediakit.compare.align import align_sentences
from mediakit.compare.claims import claims_table
from mediakit.compare.numbers import extract_numbers
from mediakit.compare.reuse import text_reuse, verbatim_passages
from mediakit.compare.similarity import tfidf_similarity
from mediakit.segment import split_sentences, tokenize

__all__ = ["VersionComparison", "compare_versions"]

FRAME_COLUMNS = (
    "group",
    "n_tokens_a",
    "n_tokens_b",
    "n_deleted",
    "n_inserted",
    "deleted",
    "inserted",
    "diff_ratio",
)


@dataclass(frozen=True, eq=False, repr=False)
class VersionComparison:
    """The comparison of two versions of a story, made by :func:`compare_versions`.

    Attributes
    ----------
    a, b : hashable
        The doc_ids compared: ``a`` the source (older) version, ``b`` the
        derived (newer) one.
    alignment : pandas.DataFrame
        Alignment table of a's sentences to b's (see
        :func:`mediakit.compare.align.align_sentences`): ``a_sent``, ``b_sent``,
        ``a_text``, ``b_text``, ``similarity``, ``label``.
    reuse : pandas.DataFrame
        The one-row table of :func:`mediakit.compare.reuse.text_reuse` for (a, b).
    passages : pandas.DataFrame
        The verbatim passages of :func:`mediakit.compare.reuse.verbatim_passages`.
    figures : pandas.DataFrame
        Every figure of both versions (:func:`mediakit.compare.numbers.extract_numbers`),
        paired across the alignment, one row per pair or unpaired figure:
        ``status`` (``kept``, ``changed``, ``moved``, ``dropped``,
        ``added``), ``a_sent``, ``b_sent``, ``a_figure``, ``b_figure`` (as
        written), ``a_value``, ``b_value``, ``unit``, ``a_phrase``,
        ``b_phrase``, ``a_start``, ``a_end``, ``b_start``, ``b_end``
        (offsets into each text). See :func:`compare_versions` for the rules.
    claims : pandas.DataFrame
        What changed in meaning between aligned sentences: the table of
        :func:`mediakit.compare.claims.claim_changes` (``a_sent``, ``b_sent``,
        ``kind``, ``a_text``, ``b_text``, ``evidence``, ...): misquotes,
        dropped and added quotes, conditions, hedges, loaded attribution,
        negations, modal verbs, figures and names.
    names : pandas.DataFrame
        Names spelled differently in the two versions: ``a_name``,
        ``b_name`` (the full names as written), ``a_variant``, ``b_variant``
        (the words that differ), ``kind`` (``case``, ``accents``,
        ``punctuation``, ``spelling``), ``similarity`` (difflib ratio of the
        accent-folded names), ``n_a``, ``n_b`` (occurrences), ``a_sent``,
        ``b_sent`` (first occurrence).
    summary : dict
        Headline numbers (see :func:`compare_versions`).
    titles : tuple
        The articles' ``title`` values (None where absent), for display.
    """

    a: Hashable
    b: Hashable
    alignment: pd.DataFrame
    reuse: pd.DataFrame
    passages: pd.DataFrame
    figures: pd.DataFrame
    names: pd.DataFrame
    claims: pd.DataFrame
    summary: dict[str, Any]
    titles: tuple[str | None, str | None] = (None, None)

    @property
    def numbers(self) -> pd.DataFrame:
        """The figures that changed, moved or exist in one version only (``status != "kept"``).

        Same columns as :attr:`figures`.
        """
        return self.figures[self.figures["status"] != "kept"].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """Return the alignment with word-diff columns, one row per alignment row.

        Columns: ``doc_id_a``, ``doc_id_b``, the alignment's columns, then

        * ``group``: rows that share a sentence (a merge, a split) form one
          group, numbered in order of first row; a matched pair, a dropped
          and an added sentence are groups of one row;
        * ``n_tokens_a``, ``n_tokens_b``: tokens (words, numbers and
          punctuation marks, as in :func:`mediakit.display.word_diff`) of the
          group's a and b sentences;
        * ``n_deleted``, ``n_inserted``: tokens of a not in b, and of b not
          in a, after :class:`difflib.SequenceMatcher` (a replaced word
          counts as deleted and inserted);
        * ``deleted``, ``inserted``: those passages as written, joined with
          `` | `` (empty when there are none);
        * ``diff_ratio``: SequenceMatcher's ratio 2M / T over the tokens
          (M matched tokens, T tokens on both sides): 1 for identical word
          sequences, 0 for a dropped or added sentence.

        * ``claim_changes``: the kinds of :attr:`claims` in the group, in
          the order of :data:`mediakit.compare.claims.CLAIM_KINDS`, joined with
          ``", "`` (empty when meaning did not change).

        The diff columns describe the whole group (its a sentences joined
        against its b sentences) and repeat on each row of a merge or split;
        to sum them, count each group once (``df.drop_duplicates("group")``).

        Returns
        -------
        pandas.DataFrame
            A new table, RangeIndex, one row per alignment row.
        """
        alignment = self.alignment.reset_index(drop=True)
        groups = _diff.alignment_groups(alignment)
        per_group: dict[int, tuple[Any, ...]] = {}
        for g in dict.fromkeys(groups.tolist()):
            _a_ids, _b_ids, a_text, b_text = _diff.group_texts(alignment[groups == g])
            ops, ratio = _diff.diff_words(a_text, b_text)
            changed = [op for op in ops if op.tag != "equal"]
            per_group[g] = (
                g,
                sum(op.n_a for op in ops),
                sum(op.n_b for op in ops),
                sum(op.n_a for op in changed),
                sum(op.n_b for op in changed),
                " | ".join(a_text[o.a_start : o.a_end] for o in changed if o.n_a),
                " | ".join(b_text[o.b_start : o.b_end] for o in changed if o.n_b),
                ratio,
            )
        values = [per_group[g] for g in groups.tolist()]
        cols: list[tuple[Any, ...]] = list(zip(*values, strict=True)) or [() for _ in FRAME_COLUMNS]
        extra: dict[str, Any] = {}
        for name, col in zip(FRAME_COLUMNS, cols, strict=True):
            if name in ("deleted", "inserted"):
                extra[name] = pd.Series(list(col), dtype="str")
            elif name == "diff_ratio":
                extra[name] = np.asarray(col, dtype=np.float64)
            else:
                extra[name] = np.asarray(col, dtype=np.int64)
        kinds: dict[int, list[str]] = {}
        for g, kind in zip(self.claims["group"], self.claims["kind"], strict=True):
            kinds.setdefault(int(g), []).append(str(kind))
        extra["claim_changes"] = pd.Series(
            [", ".join(dict.fromkeys(kinds.get(g, []))) for g in groups.tolist()], dtype="str"
        )
        ids = pd.DataFrame(
            {
                "doc_id_a": pd.Series([self.a] * len(alignment)),
                "doc_id_b": pd.Series([self.b] * len(alignment)),
            }
        )
        return pd.concat([ids, alignment, pd.DataFrame(extra)], axis=1)

    def summary_text(self, width: int = 96) -> str:
        """Return a plain-text report: headline numbers, changes of meaning, figures, names."""
        return _report.summary_text(self, width)

    def _repr_html_(self) -> str:
        return _report.report_html(self)

    def to_html(self, path: str | Path | None = None) -> str | Path:
        """Write the report as a standalone HTML file (or return it as a string).

        The document has ``<!doctype html>``, ``<meta charset="utf-8">``, a
        title, the inline style and the same content as the notebook view;
        no scripts and no external resources. All article text is escaped.
        The bytes depend only on the comparison (no dates, no versions), so
        the same input writes the same file.

        Parameters
        ----------
        path : str or pathlib.Path, optional
            Where to write (UTF-8, Unix line ends). Without it, the
            document is returned as a string.

        Returns
        -------
        pathlib.Path or str
            The path written, or the document.
        """
        doc = _report.report_document(self)
        if path is None:
            return doc
        path = Path(path)
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(doc)
        return path

    def __str__(self) -> str:
        return self.summary_text()

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<VersionComparison {self.a!r} → {self.b!r}: {s['n_sentences_a']} → "
            f"{s['n_sentences_b']} sentences, {len(self.claims)} change(s) of meaning, "
            f"{len(self.numbers)} figure change(s), {len(self.names)} name variant(s), "
            f"derivation {s['derivation']!r}>"
        )


# ---------------------------------------------------------------------------
# the function
# ---------------------------------------------------------------------------


def _counts(alignment: pd.DataFrame) -> dict[str, int]:
    """Sentences by label: a sentences, except ``n_added`` (b sentences)."""
    out = {}
    for label in ("verbatim", "rewritten", "merged", "split", "dropped"):
        rows = alignment[alignment["label"] == label]
        out[f"n_{label}"] = int(rows["a_sent"].dropna().nunique())
    added = alignment[alignment["label"] == "added"]
    out["n_added"] = int(added["b_sent"].dropna().nunique())
    return out


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _similarity(sub: pd.DataFrame, a: Any, b: Any, options: dict[str, Any]) -> float:
    pairs = tfidf_similarity(sub, **options)
    hit = pairs[
        ((pairs["doc_id_a"] == a) & (pairs["doc_id_b"] == b))
        | ((pairs["doc_id_a"] == b) & (pairs["doc_id_b"] == a))
    ]
    return float(hit["similarity"].iloc[0]) if len(hit) else float("nan")


def _title(sub: pd.DataFrame, doc: Any) -> str | None:
    if "title" not in sub.columns:
        return None
    value = sub.loc[doc, "title"]
    return None if value is None or pd.isna(value) else str(value)


def compare_versions(
    articles: pd.DataFrame,
    a: Hashable,
    b: Hashable,
    *,
    alignment: pd.DataFrame | None = None,
    align_options: Mapping[str, Any] | None = None,
    n: int = 3,
    min_passage: int = 8,
    thresholds: Mapping[str, float] | None = None,
    similarity_options: Mapping[str, Any] | None = None,
) -> VersionComparison:
    """Compare two versions of a story: alignment, reuse, changed figures, name spellings.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``), best after
        :func:`mediakit.clean_articles`.
    a, b : hashable
        doc_ids of the source (older) and the derived (newer) version.
    alignment : pandas.DataFrame, optional
        An alignment table of ``a`` to ``b`` to use instead of computing one,
        e.g. a hand-corrected one (sentence ids as in
        :func:`mediakit.split_sentences` of these articles).
    align_options : mapping, optional
        Keyword arguments for :func:`mediakit.compare.align.align_sentences`.
    n, min_passage, thresholds
        Passed to :func:`mediakit.compare.reuse.text_reuse` (n-gram length,
        minimum verbatim passage in words, label cut-points).
    similarity_options : mapping, optional
        Keyword arguments for :func:`mediakit.compare.similarity.tfidf_similarity`
        (document level), e.g. ``background=`` a corpus for the IDF, or
        ``analyzer="char_wb"``.

    Returns
    -------
    VersionComparison
        With ``alignment``, ``reuse``, ``passages``, ``figures``,
        ``numbers``, ``names``, ``claims`` and ``summary``; ``to_frame()``,
        ``to_html(path)``, ``summary_text()``; it renders in Jupyter.

    Warns
    -----
    MediakitWarning
        What the steps warn about (each message once, at the caller's line),
        e.g. texts that share no word, or an IDF fitted on few sentences. An
        article without text gets one warning instead of one per step; the
        comparison still runs (all of the other version is added or dropped).

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a doc_id of ``articles`` (the message lists
        the valid ones), if they are the same doc_id, or if a given
        ``alignment`` names sentences the articles do not have.
    TypeError
        If ``articles`` or ``alignment`` is not a DataFrame.

    Notes
    -----
    **Summary.** ``summary`` holds: ``a``, ``b``; ``similarity`` (TF-IDF
    cosine of the two documents, :func:`mediakit.compare.similarity.tfidf_similarity`
    with its defaults); ``containment_source`` (share of a's word n-grams
    found in b), ``containment_derived`` (share of b's found in a),
    ``resemblance``, ``verbatim_share`` (share of b's words in verbatim
    passages), ``n_passages``, ``longest_passage`` and ``derivation`` (the
    label), all from :func:`mediakit.compare.reuse.text_reuse`; ``n_sentences_a``,
    ``n_sentences_b``; the sentences by alignment label, counted as *a*
    sentences: ``n_verbatim`` (kept word for word), ``n_rewritten``,
    ``n_merged`` (a sentences merged with others into fewer b sentences),
    ``n_split`` (a sentences split into several), ``n_dropped``; and
    ``n_added`` (b sentences with no counterpart). So ``n_sentences_a`` is
    the sum of the five a counts. Then ``n_figures_changed``,
    ``n_figures_moved``, ``n_figures_dropped``, ``n_figures_added``,
    ``n_figures_kept``, ``n_name_variants`` and ``n_claim_changes`` (rows
    of ``claims``).

    **Changes of meaning.** ``claims`` is :func:`mediakit.compare.claims.claim_changes`
    over the same sentences and alignment; its rules are documented there.

    **Figures.** The figures of both texts (see
    :func:`mediakit.compare.numbers.extract_numbers`) are paired within each
    alignment group (a matched pair of sentences, or the sentences of a
    merge or split), in reading order:

    1. ``kept``: the same value and unit in a and b (``11,000 troops`` and
       ``some 11,000 soldiers``);
    2. ``changed``: a different value for the same unit (``$90 billion`` →
       ``$125 billion``, ``October 1`` → ``Nov. 7``), or for two plain counts
       of the same noun (``11,000 troops`` → ``10,000 troops``);
    3. then across the whole texts, ``moved``: a figure left over in a and
       one left over in b with the same value and unit (the figure is in
       both versions, in sentences the alignment does not pair: read the
       two phrases to judge whether it is the same fact);
    4. the rest: ``dropped`` (only in a: the figure vanished) and ``added``
       (only in b).

    Rows come in a's reading order, then the added figures in b's.

    **Names.** Capitalised word runs (with particles such as ``de``,
    ``van``, ``bin``) are names; leading titles and roles are stripped
    (``Ukrainian President Vladimir Zelensky`` → ``Vladimir Zelensky``,
    ``Mr. Rutte`` → ``Rutte``), and a sentence-initial function word does
    not start one. A name of a that does not occur in b's text, and a name
    of b not in a's text, are variants of each other when they differ only
    in case, in accents (after Unicode NFKD folding: ``Orbán``/``Orban``),
    in punctuation and spacing (``U.S.``/``US``), or in spelling: the same
    number of words, at least one identical (after folding) when there are
    several, each differing word with a :class:`difflib.SequenceMatcher`
    ratio of at least 0.8, or 0.5 with the same first letter
    (``Vladimir``/``Volodymyr`` 0.59), a one-word name at least 0.8
    (``Zelensky``/``Zelenskyy`` 0.94); endings that make another word
    (``Korea``/``Korean``, plural ``s``) never count. Each name pairs at
    most once, best ratio first. The search is over the whole texts, not
    only aligned sentences, so a misaligned sentence does not hide a
    spelling change. Misses: transliterations far apart
    (``Kyiv``/``Kiev``, ratio 0.75), and names written in other scripts.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.compare import compare_versions
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> report = compare_versions(articles, "wire", "rewrite")
    >>> report.summary["n_dropped"], report.summary["derivation"]
    (3, 'partially_derived')
    >>> report.numbers[["status", "a_sent", "a_phrase", "b_phrase"]]
        status  a_sent     a_phrase b_phrase
    0  dropped      11         2022      NaN
    1  dropped      15  three years      NaN

    The other figures are kept, the Kiel Institute's two in swapped order:

    >>> kept = report.figures[report.figures["status"] == "kept"]
    >>> for a_phrase, b_phrase in zip(kept["a_phrase"], kept["b_phrase"]):
    ...     print(a_phrase, "|", b_phrase)
    11,000 North Korean troops | 11,000 North Korean troops
    24 hours | 24 hours
    about $125 billion | around $125 billion
    more than $90 billion | over $90 billion
    >>> report.names[["a_name", "b_name", "kind"]]
                  a_name              b_name         kind
    0                 US                U.S.  punctuation
    1  Vladimir Zelensky  Volodymyr Zelensky     spelling
    2    Gitanas Nausėda     Gitanas Nauseda      accents
    >>> print(report.summary_text().splitlines()[0])
    wire → rewrite: two versions compared

    In a notebook, ``report`` shows the HTML report; ``report.to_html(path)``
    writes it to a file and ``print(report)`` prints the plain-text one.
    """
    func = "compare_versions"
    check_articles(articles, func=func)
    _diff.check_pair_ids(articles, a, b, func)
    if alignment is not None and align_options:
        raise ValueError(f"{func}: pass either `alignment` or `align_options`, not both")
    sim_options = dict(similarity_options or {})
    if "level" in sim_options:
        raise ValueError(f"{func}: `similarity_options` may not set `level` (it is 'document')")
    sub = articles.loc[[a, b]]
    # The steps warn in their own words (and several about one empty text); their
    # warnings are collected and re-issued once each, at the caller's line.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MediakitWarning)
        sentences = split_sentences(sub)
        n_sents = [int((sentences["doc_id"] == d).sum()) for d in (a, b)]
        result = _compare(
            sub, a, b, sentences, alignment, align_options, sim_options, n, min_passage, thresholds
        )
    empty = [d for d, k in zip((a, b), n_sents, strict=True) if k == 0]
    if empty:
        warn(
            f"{func}: article(s) {show_values(empty)} have no text (no sentence): every sentence "
            "of the other version is dropped or added, shares of an empty text's n-grams are "
            "NaN and the similarity is 0"
        )
    reissue(caught, mine=not empty)
    return result


def _compare(
    sub: pd.DataFrame,
    a: Any,
    b: Any,
    sentences: pd.DataFrame,
    alignment: pd.DataFrame | None,
    align_options: Mapping[str, Any] | None,
    sim_options: dict[str, Any],
    n: int,
    min_passage: int,
    thresholds: Mapping[str, float] | None,
) -> VersionComparison:
    func = "compare_versions"
    if alignment is None:
        options = dict(align_options or {})
        if "sentences" in options:
            raise ValueError(
                f"{func}: `align_options` may not set `sentences`; compare_versions splits "
                "the articles itself so that every table uses the same sentence ids"
            )
        alignment = align_sentences(sub, a, b, sentences=sentences, **options)
    else:
        alignment = _diff.check_given_alignment(alignment, sentences, a, b, func)
    tokens = tokenize(sub, sentences=sentences)
    reuse = text_reuse(
        sub, a, b, n=n, min_passage=min_passage, thresholds=thresholds, tokens=tokens
    )
    passages = verbatim_passages(sub, a, b, min_passage=min_passage, tokens=tokens)
    texts = (_text(sub.loc[a, "text"]), _text(sub.loc[b, "text"]))
    figures = _changes.compare_figures(extract_numbers(sub, sentences=sentences), alignment, a, b)
    names = _changes.name_variants(
        tokens[tokens["doc_id"] == a], texts[0], tokens[tokens["doc_id"] == b], texts[1]
    )
    claims = claims_table(sub, a, b, sentences, alignment)
    row = reuse.iloc[0]
    status = figures["status"].value_counts()
    summary: dict[str, Any] = {
        "a": a,
        "b": b,
        "similarity": _similarity(sub, a, b, sim_options),
        **{
            k: float(row[k])
            for k in ("containment_source", "containment_derived", "resemblance", "verbatim_share")
        },
        "n_passages": int(row["n_passages"]),
        "longest_passage": int(row["longest_passage"]),
        "derivation": None if pd.isna(row["label"]) else str(row["label"]),
        "n_sentences_a": int((sentences["doc_id"] == a).sum()),
        "n_sentences_b": int((sentences["doc_id"] == b).sum()),
        **_counts(alignment),
        **{f"n_figures_{s}": int(status.get(s, 0)) for s in _changes.FIGURE_STATUSES},
        "n_name_variants": len(names),
        "n_claim_changes": len(claims),
    }
    return VersionComparison(
        a=a,
        b=b,
        alignment=alignment,
        reuse=reuse,
        passages=passages,
        figures=figures,
        names=names,
        claims=claims,
        summary=summary,
        titles=(_title(sub, a), _title(sub, b)),
    )
