"""What changed in meaning between two versions of a story: one row per change of claim.

:func:`claim_changes` goes through the sentence alignment of a source ``a``
and a later version ``b`` and lists the drifts a reader of news reuse looks
for: a quote whose words changed, a quote dropped or added, a condition or a
hedge added or removed, a reporting verb that turns neutral into loaded, a
negation, a modal verb, a figure or a name that changed. The cues are found
by ``mediakit.compare._claims_rules`` and ``mediakit.compare._claims_quotes``.
"""

from __future__ import annotations

import bisect
import warnings
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from mediakit._validation import MediakitWarning, check_articles, reissue, show_values, warn
from mediakit.compare import _changes, _diff
from mediakit.compare import _claims_rules as _r
from mediakit.compare._claims_quotes import quote_changes, quotes_of
from mediakit.compare.align import align_sentences
from mediakit.compare.numbers import extract_numbers
from mediakit.framing import frame_hits
from mediakit.framing.builtin import load_dictionary
from mediakit.segment import split_sentences, tokenize
from mediakit.sources.quotes import extract_quotes

__all__ = ["CLAIM_KINDS", "claim_changes"]

#: The values of claim_changes' ``kind`` column, in the order rows of one group follow.
CLAIM_KINDS: tuple[str, ...] = (
    "quote_altered",
    "quote_dropped",
    "quote_added",
    "condition_added",
    "condition_removed",
    "hedge_added",
    "hedge_removed",
    "attribution_changed",
    "modality_changed",
    "negation_flipped",
    "number_changed",
    "entity_dropped",
    "entity_added",
)
COLUMNS = (
    "a_sent",
    "b_sent",
    "kind",
    "a_text",
    "b_text",
    "evidence",
    "a_evidence",
    "b_evidence",
    "group",
    "label",
)
_TEXT_COLUMNS = ("kind", "a_text", "b_text", "evidence", "a_evidence", "b_evidence", "label")


def claim_changes(
    articles: pd.DataFrame,
    a: Hashable,
    b: Hashable,
    *,
    alignment: pd.DataFrame | None = None,
    **align_options: Any,
) -> pd.DataFrame:
    """List the changes of meaning between article ``a`` (source) and ``b`` (later version).

    Similarity says how much of a story was reused; this says what the reuse
    changed. The two articles are aligned sentence by sentence
    (:func:`mediakit.align_sentences`); a merge or a split is one *group*,
    whose sentences are compared together. Each cue below is looked for in
    both sides of every group that has sentences on both sides; what one side
    has and the other lacks is a change. Quotes are compared across the whole
    texts. Each kind is a lens of its own: a word changed inside a quote can
    also show as a hedge or modality row.

    Kinds, in the order rows of one group follow:

    * ``quote_altered``: the same direct quote (:func:`mediakit.extract_quotes`)
      in both versions with other words inside the quotation marks, a
      misquote. Two quotes are the same when their words (Snowball stems)
      share a dense run: half of the shorter quote's words, one content
      word; quotes of different groups need 80% and three content words. A
      quote may pair with several fragments of the other version. Words
      outside the shared run on one side only are a cut (a shortened quote),
      not a change. The diff is word by word, ignoring case, accents,
      punctuation, the typographic form of quotes, apostrophes and dashes,
      the periods of ``U.S.`` and contractions (``doesn't`` = ``does not``).
      Evidence: ``in fact → in effect; waging a war → waging war`` (a
      function word next to a change is shown with it). A quote that spans
      several groups gives one row per group.
    * ``quote_dropped`` / ``quote_added``: a quote with no counterpart quote in
      the other version, also when its words survive there as paraphrase
      without quotation marks (the evidence says so) and when its whole
      sentence was dropped or added (the only kinds reported for sentences
      without a counterpart).
    * ``condition_added`` / ``condition_removed``: conditional clauses: *if*,
      *unless*, *provided/providing that*, *as/so long as*, *on condition
      that*, *in the event that*, *in case*, and sentence-initial inverted
      *should/were/had* + subject with a main clause after a comma. Not
      conditions: *as if*, *what if*, *if any(thing)*, *, if not*, *if* after
      a verb of asking or knowing (*asked if*: an indirect question), *as
      long as* + a measure. Conditions pair first by a shared content word,
      then by number, so a reworded condition is not a change. Evidence: the
      clause up to the next comma or dash, ``+ if re-elected as U.S.
      president``.
    * ``hedge_added`` / ``hedge_removed``: terms of the ``hedge`` category of
      the built-in dictionary ``load_dictionary("hedges_boosters")``, matched
      with :func:`mediakit.frame_hits`; one hedge swapped for another
      (*possibly* → *perhaps*) is not a change. The modal verbs of the list
      (*may*, *might*, *could*) are compared as modality instead.
    * ``attribution_changed``: reporting verbs of
      ``load_dictionary("reporting_verbs")`` (deepest category). Verbs pair
      first by word, then by category: a swap within one category (*said* →
      *told*) is no change. The rest pair in reading order: ``told →
      claimed (neutral → loaded/doubt)``. A loaded verb without a
      counterpart is reported (``- warned (loaded/other)``), a neutral one is
      not.
    * ``modality_changed``: modal verbs by meaning: prediction (*will*,
      *would*, *shall*, *'ll*), possibility (*can*, *could*, *may*, *might*),
      necessity (*must*), advice (*should*, *ought*). A swap within one
      meaning (*will* → *would*, *can* → *could*: tense, reported speech) is
      no change; *will* → *could* is, and so is a modal added or removed
      (``+ would``). Not modal: *May* capitalised, nouns (*political will*,
      *military might*).
    * ``negation_flipped``: the number of negators differs: *not*, *n't*,
      *no*, *never*, *nobody*, *nothing*, *none*, *neither*, *nor* (after
      *neither*, one negation), *nowhere*, *cannot*. Idioms are not
      negations: *no matter*, *not only*, *not just*, *no doubt*, *not
      least*, *none other*, *nothing but*, *no sooner*, *never mind*, *No.*
      before a number. *doesn't* = *does not*. Evidence: the negator and the
      next word, ``+ not true``.
    * ``number_changed``: a figure of :func:`mediakit.extract_numbers` paired
      with a different figure of the same unit or noun in the same group
      (status ``changed`` of the figure pairing of
      :func:`mediakit.compare_versions`): ``200 troops → 2,000 troops``.
    * ``entity_dropped`` / ``entity_added``: capitalised names (titles such
      as *President* stripped; a sentence-initial capital that is an
      ordinary word, a day or a month is not a name). A name is found in the
      other side if a name there is the same entity: the same letters
      (``US`` = ``U.S.``, ``Nato`` = ``NATO``), a part of it (a surname
      alone, ``Rutte`` = ``Mark Rutte``), its acronym (``US`` = ``United
      States``), a spelling or accent variant as in
      :func:`mediakit.compare_versions` (``Vladimir``/``Volodymyr Zelensky``,
      ``Orbán``/``Orban``), a country and its demonym (``Russia`` =
      ``Russian``), or another name of the same country: its capital, other
      spellings or codes (``Moscow`` = ``Russia``, ``Kyiv`` = ``Ukraine``,
      ``Washington`` = ``U.S.``; the data of the ``countryinfo`` package);
      or if it is written in the other side's sentences. Acronyms that are
      common nouns (``reality TV``, ``CEO``, ``GDP``) are not names. One row
      per name and group.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``), usually cleaned
        with :func:`mediakit.clean_articles`.
    a, b : hashable
        The ``doc_id`` of the source (``a``) and of the later version (``b``).
    alignment : pandas.DataFrame, optional
        An alignment table from :func:`mediakit.align_sentences` of these two
        articles (the same texts, split by :func:`mediakit.split_sentences`),
        to reuse or to supply a hand alignment. Sentences it does not hold
        are not compared. By default the articles are aligned here.
    **align_options
        Passed to :func:`mediakit.align_sentences` (not with ``alignment``).

    Returns
    -------
    pandas.DataFrame
        A new table, RangeIndex, one row per change, ordered by alignment
        group, then kind (the order above), then position. Columns:

        * ``a_sent``, ``b_sent`` (``Int64``): the sentence of each side where
          the evidence sits; on the side that has none (a hedge added), the
          group's first sentence; ``<NA>`` where the group has no sentence on
          that side (a dropped or added sentence);
        * ``kind`` (``string``): one of :data:`CLAIM_KINDS`;
        * ``a_text``, ``b_text`` (``string``): the group's sentences of each
          side as written (for a merge or split, joined with a space);
        * ``evidence`` (``string``): the words behind the change, readable:
          ``x → y``, ``+ y``, ``- x``, ``; ``-separated for several;
        * ``a_evidence``, ``b_evidence`` (``string``): the words of each side
          as written (``|``-separated for several), ``<NA>`` for none;
        * ``group`` (``Int64``): the group number, as in
          :meth:`mediakit.VersionComparison.to_frame`;
        * ``label`` (``string``): the group's alignment label(s)
          (``rewritten``, ``merged``, ...; ``/``-joined if several).

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a doc_id of ``articles`` or they are equal;
        if ``alignment`` lacks a column or names sentences the articles do not
        have; if both ``alignment`` and ``align_options`` are given.
    TypeError
        If ``articles`` or ``alignment`` is not a DataFrame.

    Warns
    -----
    MediakitWarning
        What the steps warn about, each message once, at the caller's line;
        an article without text gets one warning instead of one per step.

    Notes
    -----
    The rules are lexical: a change of meaning made with other words (*his
    victory* → *if re-elected*) shows only through the cues above, and a cue
    can fire where meaning is kept (teachers simplifying a text drop *if*
    clauses and names; ``benchmarks/eval_claims.py`` measures how often, on
    OneStopEnglish). Treat the rows as places to read, not as verdicts.

    See Also
    --------
    mediakit.compare_versions : the whole comparison report.
    mediakit.compare.frame_shift : dictionary categories compared sentence by sentence.

    Examples
    --------
    >>> import mediakit as mk
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> changes = mk.claim_changes(articles, "wire", "rewrite")
    >>> cond = changes[changes["kind"] == "condition_added"]
    >>> print(cond["evidence"].iloc[0])
    + if re-elected as U.S. president
    >>> verbs = changes[changes["kind"] == "attribution_changed"]
    >>> "told → claimed (neutral → loaded/doubt)" in verbs["evidence"].tolist()
    True
    >>> altered = changes[changes["kind"] == "quote_altered"]["evidence"]
    >>> bool(altered.str.contains("in fact → in effect").any())
    True
    """
    func = "claim_changes"
    check_articles(articles, func=func)
    _diff.check_pair_ids(articles, a, b, func)
    if alignment is not None and align_options:
        raise ValueError(f"{func}: pass either `alignment` or `align_options`, not both")
    if "sentences" in align_options:
        raise ValueError(
            f"{func}: `align_options` may not set `sentences`; claim_changes splits the "
            "articles itself so that quotes, figures and dictionary hits share sentence ids"
        )
    sub = articles.loc[[a, b]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MediakitWarning)
        sentences = split_sentences(sub)
        if alignment is None:
            alignment = align_sentences(sub, a, b, sentences=sentences, **align_options)
        else:
            alignment = _diff.check_given_alignment(alignment, sentences, a, b, func)
        table = claims_table(sub, a, b, sentences, alignment.reset_index(drop=True))
    empty = [d for d in (a, b) if not (sentences["doc_id"] == d).any()]
    if empty:
        warn(
            f"{func}: article(s) {show_values(empty)} have no text (no sentence): every quote "
            "of the other version is reported as dropped or added, and nothing else"
        )
    reissue(caught, mine=not empty)
    return table


# ---------------------------------------------------------------------------
# the work
# ---------------------------------------------------------------------------

Unit = tuple[list[int], list[int], "str | None", "str | None", str]


def _units(alignment: pd.DataFrame) -> dict[int, Unit]:
    """Group number -> (a ids, b ids, a text, b text, label)."""
    groups = _diff.alignment_groups(alignment)
    units: dict[int, Unit] = {}
    for g in dict.fromkeys(groups.tolist()):
        rows = alignment[groups == g]
        a_ids, b_ids, a_text, b_text = _diff.group_texts(rows)
        label = "/".join(dict.fromkeys(str(v) for v in rows["label"].tolist()))
        units[int(g)] = (a_ids, b_ids, a_text if a_ids else None, b_text if b_ids else None, label)
    return units


def _sentences(sentences: pd.DataFrame, doc: Any) -> list[_r.Sentence]:
    rows = sentences[sentences["doc_id"] == doc]
    return [
        _r.Sentence(int(i), int(s), str(t))
        for i, s, t in zip(rows["sent_id"], rows["start"], rows["text"], strict=True)
    ]


def _locator(sents: list[_r.Sentence]) -> Any:
    starts = [s.start for s in sents]

    def sentence_of(pos: int) -> int:
        k = bisect.bisect_right(starts, pos) - 1
        return sents[max(k, 0)].sent if sents else -1

    return sentence_of


def _by_sentence(cues: list[_r.Cue]) -> dict[int, list[_r.Cue]]:
    out: dict[int, list[_r.Cue]] = {}
    for c in cues:
        out.setdefault(c.sent, []).append(c)
    return out


def claims_table(
    sub: pd.DataFrame, a: Any, b: Any, sentences: pd.DataFrame, alignment: pd.DataFrame
) -> pd.DataFrame:
    """Return the claim changes of ``a`` to ``b``, from their sentences and a checked alignment.

    The work of :func:`claim_changes` after its checks; :func:`mediakit.compare_versions`
    calls it with the sentences and alignment it already has.
    """
    units = _units(alignment)
    a_group = {i: g for g, u in units.items() for i in u[0]}
    b_group = {i: g for g, u in units.items() for i in u[1]}
    texts = tuple(v if isinstance(v, str) else "" for v in (sub.loc[a, "text"], sub.loc[b, "text"]))
    sents = (_sentences(sentences, a), _sentences(sentences, b))

    quotes = extract_quotes(sub)
    qas = quotes_of(quotes, a, "a", texts[0], _locator(sents[0]), a_group)
    qbs = quotes_of(quotes, b, "b", texts[1], _locator(sents[1]), b_group)
    unit_texts = {g: (u[2], u[3]) for g, u in units.items()}
    changes = quote_changes(qas, qbs, (texts[0], texts[1]), (a_group, b_group), unit_texts)

    hedges = frame_hits(sub, load_dictionary("hedges_boosters"), categories="hedge")
    verbs = frame_hits(sub, load_dictionary("reporting_verbs"))
    tokens = tokenize(sub, sentences=sentences)
    context = _r.name_context(tokens)
    cues = []
    for doc, side, text in zip((a, b), sents, texts, strict=True):
        cues.append(
            {
                "condition": _by_sentence(_r.conditions(side)),
                "hedge": _by_sentence(_r.hit_cues(hedges, doc, drop=_r.MODAL_HEDGES)),
                "verb": _by_sentence(_r.hit_cues(verbs, doc)),
                "modal": _by_sentence(_r.modals(side)),
                "negation": _by_sentence(_r.negations(side)),
                "name": _by_sentence(_r.names(tokens[tokens["doc_id"] == doc], text, context)),
            }
        )
    for g, (a_ids, b_ids, a_text, b_text, _label) in units.items():
        if a_ids and b_ids:
            found = [
                {
                    what: [c for i in ids for c in by_sent.get(i, [])]
                    for what, by_sent in side.items()
                }
                for side, ids in zip(cues, (a_ids, b_ids), strict=True)
            ]
            changes += _unit_changes(g, found, (a_text or "", b_text or ""))
    figures = _changes.compare_figures(extract_numbers(sub, sentences=sentences), alignment, a, b)
    for row in figures[figures["status"] == "changed"].itertuples(index=False):
        g = a_group.get(int(row.a_sent))
        if g is not None:
            changes.append(
                _r.Change(
                    g,
                    "number_changed",
                    int(row.a_sent),
                    int(row.b_sent),
                    f"{row.a_phrase} → {row.b_phrase}",
                    str(row.a_figure),
                    str(row.b_figure),
                    int(row.a_start),
                )
            )
    return _table(changes, units)


def _unit_changes(
    g: int, found: list[dict[str, list[_r.Cue]]], unit_texts: tuple[str, str]
) -> list[_r.Change]:
    """Compare the cues of one group's two sides (``found``: cues per side)."""
    out: list[_r.Change] = []

    def gather(side: int, what: str) -> list[_r.Cue]:
        return found[side][what]

    def add(kind: str, x: _r.Cue | None, y: _r.Cue | None, evidence: str) -> None:
        pos = (x or y).start if (x or y) is not None else 0  # type: ignore[union-attr]
        out.append(
            _r.Change(
                g,
                kind,
                None if x is None else x.sent,
                None if y is None else y.sent,
                evidence,
                None if x is None else x.text,
                None if y is None else y.text,
                pos,
            )
        )

    # conditions, hedges: what one side has more of
    for what, tests, added, removed in (
        ("condition", _r.CONDITION_TESTS, "condition_added", "condition_removed"),
        ("hedge", _r.HEDGE_TESTS, "hedge_added", "hedge_removed"),
    ):
        _pairs, xs, ys = _r.pair_cues(gather(0, what), gather(1, what), tests)
        for x in xs:
            add(removed, x, None, f"- {x.text}")
        for y in ys:
            add(added, None, y, f"+ {y.text}")
    # negations: one more or one fewer, on a word both sides have
    _pairs, xs, ys = _r.pair_cues(gather(0, "negation"), gather(1, "negation"), (_r.same_key,))
    for x in xs:
        if _r.bears_on(x, unit_texts[1]):
            add("negation_flipped", x, None, f"- {x.text}")
    for y in ys:
        if _r.bears_on(y, unit_texts[0]):
            add("negation_flipped", None, y, f"+ {y.text}")
    # reporting verbs: a swap across categories; loaded verbs without a counterpart
    pairs, xs, ys = _r.pair_cues(gather(0, "verb"), gather(1, "verb"), _r.VERB_TESTS)
    for t, x, y in pairs:
        if t == len(_r.VERB_TESTS) - 1:
            add("attribution_changed", x, y, f"{x.text} → {y.text} ({x.cat} → {y.cat})")
    for x in xs:
        if x.cat != "neutral":
            add("attribution_changed", x, None, f"- {x.text} ({x.cat})")
    for y in ys:
        if y.cat != "neutral":
            add("attribution_changed", None, y, f"+ {y.text} ({y.cat})")
    # modal verbs: a swap across meanings, or one added or removed
    pairs, xs, ys = _r.pair_cues(gather(0, "modal"), gather(1, "modal"), _r.MODAL_TESTS)
    for t, x, y in pairs:
        if t == len(_r.MODAL_TESTS) - 1:
            add("modality_changed", x, y, f"{x.text} → {y.text}")
    for x in xs:
        if _r.bears_on(x, unit_texts[1]):
            add("modality_changed", x, None, f"- {x.text}")
    for y in ys:
        if _r.bears_on(y, unit_texts[0]):
            add("modality_changed", None, y, f"+ {y.text}")
    # names: each name of one side not found in the other, once per group
    for side, kind, sign in ((0, "entity_dropped", "-"), (1, "entity_added", "+")):
        mine, theirs = gather(side, "name"), gather(1 - side, "name")
        seen: list[str] = []
        for c in mine:
            if any(_r.same_name(c.text, s) for s in seen):
                continue
            seen.append(c.text)
            if not _r.name_found(c, theirs, unit_texts[1 - side]):
                x, y = (c, None) if side == 0 else (None, c)
                add(kind, x, y, f"{sign} {c.text}")
    return out


def _table(changes: list[_r.Change], units: Mapping[int, Unit]) -> pd.DataFrame:
    order = {k: i for i, k in enumerate(CLAIM_KINDS)}
    changes = sorted(changes, key=lambda c: (c.group, order[c.kind], c.pos))
    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for c in changes:
        a_ids, b_ids, a_text, b_text, label = units[c.group]
        cols["a_sent"].append(c.a_sent if c.a_sent is not None else (a_ids[0] if a_ids else None))
        cols["b_sent"].append(c.b_sent if c.b_sent is not None else (b_ids[0] if b_ids else None))
        cols["kind"].append(c.kind)
        cols["a_text"].append(a_text)
        cols["b_text"].append(b_text)
        cols["evidence"].append(c.evidence)
        cols["a_evidence"].append(c.a_evidence or None)
        cols["b_evidence"].append(c.b_evidence or None)
        cols["group"].append(c.group)
        cols["label"].append(label)
    data: dict[str, Any] = {}
    for name in COLUMNS:
        if name in _TEXT_COLUMNS:
            data[name] = pd.array(cols[name], dtype="string")
        else:
            data[name] = pd.array(cols[name], dtype="Int64")
    return pd.DataFrame(data, columns=list(COLUMNS))
