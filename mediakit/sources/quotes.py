"""Direct quotes, their speakers and reporting verbs; per-article source counts.

:func:`extract_quotes` returns the quotes table (one row per direct quote) and
:func:`sources` sums it up per article. Everything is rule-based and offline:
quotation marks are matched by a small state machine
(``mediakit.sources._quotemarks``), speakers and verbs are found by patterns around
the quote (``mediakit.sources._speakers``; names in ``mediakit.sources._names``). The rules
are listed in the docstring of :func:`extract_quotes`.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pandas as pd

from mediakit._dask import per_partition
from mediakit._progress import bar, check_progress
from mediakit._validation import check_articles, show_values, warn
from mediakit.segment import _spans, split_sentences, tokenize
from mediakit.sources._names import Registry, tokens
from mediakit.sources._quotemarks import scan
from mediakit.sources._speakers import (
    REPORTING_VERBS,
    SOURCE_NOUNS,
    anonymous_context,
    attribution_after,
    attribution_before,
    attribution_in_clause,
    definite_person,
    speaker_events,
)

__all__ = ["REPORTING_VERBS", "extract_quotes", "sources"]

QUOTE_COLUMNS = [
    "doc_id",
    "quote",
    "speaker",
    "speaker_role",
    "speaker_mention",
    "verb",
    "anonymous",
    "kind",
    "start",
    "end",
    "par_id",
    "sent_id",
    "attribution",
    "unclosed",
]
_SENT_END = re.compile(r"[.!?][\"”’»)]*\s+")
_LEAD_OK = ":,;—–-"
_END_OK = ".?!,…;:—–-"


def _sentence_table(articles: pd.DataFrame) -> dict[Any, list[tuple[int, int, int]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = split_sentences(articles)
    out: dict[Any, list[tuple[int, int, int]]] = {}
    for doc, s, e, sid in zip(
        sents["doc_id"], sents["start"], sents["end"], sents["sent_id"], strict=True
    ):
        out.setdefault(doc, []).append((int(s), int(e), int(sid)))
    return out


def _sentence_of(sents: list[tuple[int, int, int]], pos: int, lo: int) -> tuple[int, int]:
    """(sentence start, sent_id) of the sentence holding ``pos``."""
    best = (lo, -1)
    for s, e, sid in sents:
        if s <= pos:
            best = (s, sid)
        if pos < e:
            break
    return best


def _kind(text: str, lead: str, content: str, tail: str, attributed_after: bool) -> str:
    cut = list(_SENT_END.finditer(lead))
    lead = lead[cut[-1].end() :] if cut else lead
    stripped = lead.strip()
    first = content.lstrip()[:1]
    if stripped:
        last_word = re.findall(r"\w+", stripped)[-1:] or [""]
        verb_in_lead = any(w.lower() in REPORTING_VERBS for w in re.findall(r"\w+", stripped))
        capital = first.isupper() or not first.isalpha()
        lead_ok = (stripped[-1] in _LEAD_OK and verb_in_lead) or (
            capital and (stripped[-1] in _LEAD_OK or last_word[0].lower() in REPORTING_VERBS)
        )
    else:
        lead_ok = first.isupper() or not first.isalpha()
    end_ok = (
        content.rstrip()[-1:] in tuple(_END_OK)
        or tail.strip(" \t\n.!?–—-") == ""
        or attributed_after
    )
    return "full" if lead_ok and end_ok else "partial"


def _lower_first(s: str) -> str:
    first, _, rest = s.partition(" ")
    if first.lower() in {"a", "an", "one", "the", "two", "three", "some", "several", "another"}:
        return " ".join(filter(None, [first.lower(), rest]))
    if first.lower() in SOURCE_NOUNS:
        return s[:1].lower() + s[1:]
    return s


def _speaker(att: Any, text: str, sentence: str, registry: Registry, events: list) -> dict:
    m = att.mention
    out = {"speaker": None, "speaker_role": None, "speaker_mention": m.text}
    out["verb"] = att.verb
    out["anonymous"] = False
    linked = None
    if m.kind == "description" and definite_person(m) and not anonymous_context(sentence):
        linked = registry.link(m.start)
    if m.kind == "pronoun":
        prior = [n for p, n in events if p < m.start]
        if prior:
            out["speaker"], out["speaker_role"] = prior[-1].name, prior[-1].role
    elif m.kind == "name":
        name = registry.resolve(m.text, m.start)
        if name is not None:
            out["speaker"], out["speaker_role"] = name.name, name.role
    elif linked is not None:
        out["speaker"], out["speaker_role"] = linked.name, linked.role
    else:
        out["speaker"] = _lower_first(m.text)
        out["anonymous"] = m.kind == "anon" or anonymous_context(sentence)
    return out


def _doc_quotes(
    text: str, sents: list[tuple[int, int, int]], include_subheadings: bool
) -> list[dict]:
    pars = _spans.paragraph_spans(text)
    registry = Registry(text)
    events = speaker_events(text, registry, [(s, e) for s, e, _ in sents])
    rows: list[dict] = []
    prev_par_last: dict | None = None
    for par_id, (ps, pe) in enumerate(pars):
        if _spans.paragraph_kind(text[ps:pe], par_id + 1 < len(pars)) == "subheading":
            if not include_subheadings:
                prev_par_last = None
                continue
        spans = scan(text, ps, pe)
        par_rows: list[dict] = []
        prev_close = ps
        for k, sp in enumerate(spans):
            content = text[sp.content_start : sp.content_end]
            nxt_open = spans[k + 1].open if k + 1 < len(spans) else pe
            after = sp.content_end + 1 if sp.closed else pe
            if not content.strip():
                prev_close = after
                continue
            sent_start, _ = _sentence_of(sents, sp.open, ps)
            _, sent_id = _sentence_of(sents, sp.content_start, ps)
            lead_start = max(sent_start, prev_close, ps)
            tail_toks = []
            for t in tokens(text, after, nxt_open):
                if t.text in {".", "!", "?"}:
                    break
                tail_toks.append(t)
            att = attribution_after(tail_toks)
            how = "after" if att is not None else None
            if att is None:
                att = attribution_before(tokens(text, lead_start, sp.open))
                how = "before" if att is not None else None
            tail = text[after : tail_toks[-1].end if tail_toks else after]
            kind = _kind(text, text[lead_start : sp.open], content, tail, how == "after")
            if att is None and kind == "partial":
                # a fragment inside reported speech: the clause that reports it
                outside = [
                    t
                    for t in tokens(text, sent_start, sp.open)
                    if not any(o.open <= t.start < o.content_end + 1 for o in spans[:k])
                ]
                att = attribution_in_clause(outside)
                how = "before" if att is not None else None
            # Spaces inside the marks (French « … ») are not part of the quote.
            q_start = sp.content_start + len(content) - len(content.lstrip())
            q_end = sp.content_end - (len(content) - len(content.rstrip()))
            row = {
                "quote": text[q_start:q_end],
                "speaker": None,
                "speaker_role": None,
                "speaker_mention": None,
                "verb": None,
                "anonymous": False,
                "kind": kind,
                "start": q_start,
                "end": q_end,
                "par_id": par_id,
                "sent_id": sent_id,
                "attribution": how,
                "unclosed": not sp.closed,
            }
            if att is not None:
                sentence = text[lead_start:nxt_open]
                row.update(_speaker(att, text, sentence, registry, events))
            par_rows.append(row)
            prev_close = after
        # continuation: an unclosed quote re-opened at the next paragraph's start
        if par_rows and prev_par_last is not None and prev_par_last["unclosed"]:
            first = par_rows[0]
            if spans and spans[0].open == ps:
                prev_par_last["unclosed"] = False
                prev_par_last["continued"] = True
                first["continues"] = prev_par_last
        # inheritance within a paragraph and from the previous paragraph
        for k, row in enumerate(par_rows):
            if row["attribution"] is not None:
                continue
            source = par_rows[k - 1] if k > 0 else None
            if source is None and spans and spans[0].open == ps:
                source = prev_par_last
            if source is not None and source["speaker"] is not None and row["kind"] == "full":
                for col in ("speaker", "speaker_role", "anonymous"):
                    row[col] = source[col]
                row["attribution"] = "continued" if "continues" in row else "inherited"
        rows.extend(par_rows)
        prev_par_last = par_rows[-1] if par_rows else None
    # a multi-paragraph quote attributed only at its end: give it to the start
    for row in reversed(rows):
        src = row.get("continues")
        if src is not None and src["speaker"] is None and row["speaker"] is not None:
            for col in ("speaker", "speaker_role", "anonymous"):
                src[col] = row[col]
            src["attribution"] = "continued"
    for row in rows:
        row.pop("continues", None)
        row.pop("continued", None)
    return rows


@per_partition
def extract_quotes(
    articles: pd.DataFrame, *, include_subheadings: bool = False, progress: bool | None = None
) -> pd.DataFrame:
    r"""Find the direct quotes in each article, with speaker and reporting verb.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``), paragraphs
        separated by blank lines, as :func:`mediakit.clean_articles` returns.
    include_subheadings : bool, default False
        Also report quotes inside crossheads (subheading paragraphs as
        :func:`mediakit.split_paragraphs` defines them). Off by default: a
        crosshead such as ``– “We have to work together” –`` repeats a quote
        from the body and is not a quote of its own.
    progress : bool or None, default None
        A progress bar (tqdm) over the articles: ``None`` shows it on a
        terminal or in a notebook once the call has run for two seconds,
        ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        The quotes table, one row per direct quote in reading order,
        RangeIndex, columns:

        * ``doc_id``;
        * ``quote``: the text between the marks (marks excluded);
          ``text[start:end] == quote`` (``start``/``end``: int offsets into
          the article's ``text``);
        * ``speaker``: the full name at first mention, titles stripped
          (``"Rutte"`` → ``"Mark Rutte"``), or the anonymous description
          (``"one senior European diplomat"``); ``<NA>`` if unknown;
        * ``speaker_role``: the title that stood before the name at its
          mention or at the first full mention (``"NATO Secretary General"``,
          also lowercase: ``"said opposition leader Jan Berg"`` gives
          ``"opposition leader"``, ``"Ukraine's foreign minister Andrii
          Sybiha"`` gives ``"Ukraine's foreign minister"``);
        * ``speaker_mention``: the words that name the speaker next to the
          quote (``"he"``, ``"Mr. Rutte"``, ``"one senior European diplomat"``);
        * ``verb``: the reporting verb as written, lowercased (``"told"``,
          ``"said"``, ``"according to"``); ``<NA>`` if the quote has none of
          its own;
        * ``anonymous``: bool, the source is not named (see below);
        * ``kind``: ``"full"`` or ``"partial"`` (see below);
        * ``par_id``, ``sent_id``: paragraph and sentence (as in
          :func:`mediakit.split_sentences`) where the quote starts;
        * ``attribution``: how the speaker was found: ``"after"`` (``“…,” he
          said``), ``"before"`` (``Rutte said: “…”``, or a reporting verb
          earlier in the sentence of a partial quote), ``"inherited"``,
          ``"continued"``, or ``<NA>``;
        * ``unclosed``: bool, the closing mark is missing (see below).

        Text columns use the nullable ``string`` dtype.

    Warns
    -----
    MediakitWarning
        Naming the articles with unclosed quotes, and those with no text.

    Notes
    -----
    **Marks.** Typographic ``“…”`` ``‘…’``, straight ``"…"`` and ``'…'``,
    German ``„…“``, guillemets ``«…»`` ``‹…›``, mixed straight/typographic
    pairs. Quotes never cross a paragraph. Inside a quote, marks of another
    kind are nested and belong to it (the outer quote is reported).
    ``’``/``'`` between letters or digits is an apostrophe (``don’t``,
    ``Korea’s``), ``‘`` before a digit is an elision (``‘90s``). Empty quotes
    (only whitespace between the marks) are skipped. A quote still open at the
    end of its paragraph ends there: if the next paragraph opens with a quote
    mark, this is the news convention for a quote running over paragraphs
    (the pieces are rows of their own, sharing the speaker); otherwise the
    row has ``unclosed=True`` and a warning is raised.

    **Full and partial.** A quote is *full* when it stands as a sentence (or
    sentences) of its own: before the opening mark, within the sentence,
    there is nothing, or a colon/comma/dash, or a reporting verb
    (``Rutte said: “…”``, ``he said, “…”``), and the quote begins with a
    capital (or a non-letter); and it ends with sentence punctuation or a
    comma inside the marks, or is followed by the end of the sentence or by
    an attribution (``“…,” he said.``). Every other quote is *partial*: a
    fragment woven into the reporter's sentence (``had already suffered
    “casualties.”``, ``end the war “in 24 hours” without``).

    **Speaker and verb.** Reporting verbs: :data:`REPORTING_VERBS` (said,
    told, added, warned, claimed, insisted, admitted, stressed, noted,
    argued, explained, asked, wrote, tweeted, posted, stated, declared,
    announced, replied, ... in their -s/-ed forms, and ``saying`` after an
    auxiliary: ``Mr Blair is saying:``), plus ``according to``.
    Patterns, in order: right after the closing mark, in the same sentence,
    ``, NAME/he/she/ANON VERB`` or ``, VERB NAME/ANON`` or ``, according to
    X``; else, in the lead of the sentence before the opening mark, the first
    reporting verb that has a subject (``Rutte said: “…”``, ``Zelensky told
    the summit that troops had suffered “casualties.”``); auxiliaries and
    ``-ly`` adverbs (``has repeatedly claimed``) and one comma-appositive
    (``A NATO official, speaking on condition of anonymity, said``) may stand
    between subject and verb. A subject may also be a description with a
    determiner or a possessive and a source or role noun (``the French
    president``, ``Tony Blair's official spokesman``, ``the report``): it is
    reported as written (determiner lowercased), unless it is a definite
    description of a person (``the former president``, ``the mercurial
    former reality TV star``) and the text named a person before it: it
    then links to the person mentioned last (``speaker_mention`` keeps the
    description). A *partial* quote with no reporting verb in its own lead
    takes the reporting clause nearest before it in its sentence: a verb
    with a subject (``Nauseda emphasized that Ukraine ... as it faces
    “brutal attacks”``), or a reporting participle (``insisting``,
    ``saying``, ``claiming``...), whose subject is the sentence's subject
    (``The star has sparked fears ... by insisting he can end the war “in 24
    hours”``).
    A quote without an attribution of its own
    inherits the speaker (not the verb) of the quote before it in the same
    paragraph, or of the previous paragraph's last quote when it opens its
    paragraph, if it is full (``…,” Mr. Rutte told reporters. “We have to work
    together.”``).

    **Names.** A name is a run of capitalised words (with honorifics such as
    ``Mr.`` and joiners such as ``van``, ``de``, ``bin``; days and months
    break a run: ``on Thursday Mr Blair said``; a sentence-initial gerund is
    no part of it: ``Keeping Ukraine’s``). The run is cut after its last role
    word (``President``, ``Prime Minister``, ``Secretary General``,
    ``President-elect``, ...) that has a name after it (``Outgoing Belgian
    Prime Minister Alexander De Croo`` → name ``Alexander De Croo``, role
    ``Outgoing Belgian Prime Minister``; ``Lithuania’s President Gitanas
    Nauseda``). A one-word name is expanded to the first earlier full name
    that ends in it (``Rutte`` → ``Mark Rutte``). A name is a person's when
    a role or an honorific stood before it, when it is the subject of a
    reporting verb, or when its last word is used alone elsewhere (``Donald
    Trump`` ... ``Trump has``). ``he``/``she`` resolves to the latest person
    put forward before it: the named subject of a reporting verb (a one-word
    subject only if known as a person: ``Critics in Leeds say`` puts
    nobody forward; and verbs that are as often ordinary verbs, such as
    ``continues``, only with a known person), or a person's name opening a
    sentence (``Mr. Rutte, who ...``).

    **Anonymous sources.** A noun phrase with an indefinite determiner
    (``a``, ``an``, ``one``, ``two``, ``several``, ``some``, ``another``, ...)
    and a source noun (``diplomat``, ``official``, ``source``, ``aide``,
    ``spokesperson``, ...), or a bare plural (``sources``, ``officials``),
    possibly with ``close to …`` / ``familiar with …``; a definite one
    (``the official``) only when its sentence says ``on condition of
    anonymity``, ``asked not to be named``, ``not authorised to speak``.

    **Blind spots.** No parser and no NER: names in lowercase or all caps,
    names that are not followed by a reporting verb in a recognised pattern,
    and speakers introduced by verbs outside the list are missed; a
    capitalised non-person subject (``Moscow said``) is taken as a speaker;
    ``he``/``she`` ignores gender and may pick the wrong person in a story
    with several speakers; a definite description (``the NATO chief``) links
    to the person mentioned last, who may be another; an attribution in the next sentence
    (``“…” That is what Rutte said.``) is not seen; a plural possessive
    ``’`` inside a single-quoted quote (``‘the leaders’ summit’``) ends the
    quote early; reversed guillemets (``»…«``) are not recognised.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.sources.quotes import extract_quotes
    >>> articles = mk.clean_articles(mk.load_sample_articles())
    >>> q = extract_quotes(articles)
    >>> wire = q[q.doc_id == "wire"]
    >>> wire[["speaker", "verb", "kind"]].iloc[2:4].to_numpy().tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['Mark Rutte', 'said', 'full'], ['Vladimir Zelensky', 'told', 'partial']]
    >>> row = wire.iloc[3]
    >>> articles.loc[row.doc_id, "text"][row.start : row.end]
    'casualties.'
    >>> wire.iloc[5][["quote", "speaker", "speaker_mention", "verb"]].tolist()
    ['in 24 hours', 'Donald Trump', 'The mercurial former reality TV star', 'insisting']
    """
    func = "extract_quotes"
    articles = check_articles(articles, func=func)
    progress = check_progress(progress, func)
    texts = [t if isinstance(t, str) else "" for t in articles["text"].tolist()]
    sents = _sentence_table(articles)
    positions: list[int] = []
    rows: list[dict] = []
    empty: list[Any] = []
    unclosed: list[Any] = []
    for pos, (doc, text) in bar(
        enumerate(zip(articles.index, texts, strict=True)),
        total=len(texts),
        desc=func,
        progress=progress,
    ):
        if not text.strip():
            empty.append(doc)
            continue
        doc_rows = _doc_quotes(text, sents.get(doc, []), include_subheadings)
        if any(r["unclosed"] for r in doc_rows):
            unclosed.append(doc)
        rows.extend(doc_rows)
        positions.extend([pos] * len(doc_rows))
    if empty:
        warn(
            f"{func}: {len(empty)} article(s) have no text and yield no quotes: "
            f"{show_values(empty)}"
        )
    if unclosed:
        warn(
            f"{func}: {len(unclosed)} article(s) have a quote without a closing mark; "
            f"it is closed at the end of its paragraph (column `unclosed`): {show_values(unclosed)}"
        )
    return _quote_frame(articles.index, positions, rows)


def _quote_frame(index: pd.Index, positions: list[int], rows: list[dict]) -> pd.DataFrame:
    doc_ids = index.take(np.asarray(positions, dtype=np.intp))
    data: dict[str, Any] = {"doc_id": doc_ids.array}
    for col in QUOTE_COLUMNS[1:]:
        values = [r[col] for r in rows]
        if col in ("start", "end", "par_id", "sent_id"):
            data[col] = np.asarray(values, dtype=np.int64)
        elif col in ("anonymous", "unclosed"):
            data[col] = np.asarray(values, dtype=bool)
        else:
            data[col] = pd.array(values, dtype="string")
    return pd.DataFrame(data, columns=QUOTE_COLUMNS)


SOURCE_COLUMNS = [
    "n_quotes",
    "n_full",
    "n_partial",
    "n_speakers",
    "n_named_sources",
    "n_anonymous_sources",
    "n_unattributed",
    "quoted_words",
    "words",
    "quoted_word_share",
    "reporting_verbs",
]


@per_partition
def sources(articles: pd.DataFrame, *, include_subheadings: bool = False) -> pd.DataFrame:
    r"""Per article: how many quotes, how many voices, and how much is quoted.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``).
    include_subheadings : bool, default False
        Passed to :func:`extract_quotes`.

    Returns
    -------
    pandas.DataFrame
        Document features, index ``doc_id`` (same rows and order as
        ``articles``):

        * ``n_quotes``, ``n_full``, ``n_partial``: direct quotes (count);
        * ``n_speakers``: distinct normalised speakers (``speaker``, named or
          anonymous; quotes with unknown speaker not counted);
        * ``n_named_sources`` / ``n_anonymous_sources``: distinct speakers
          with ``anonymous`` False / True (two quotes from "one senior
          diplomat" count once: the text cannot tell them apart);
        * ``n_unattributed``: quotes whose speaker is unknown;
        * ``quoted_words``, ``words``: word tokens (non-punctuation tokens of
          :func:`mediakit.tokenize`, subheadings included) inside a quote's
          ``start``–``end`` span, and in all;
        * ``quoted_word_share``: ``quoted_words / words`` (0–1);
        * ``reporting_verbs``: the distinct verbs of the quotes, sorted,
          joined with ``", "`` (``""`` if none): a string, so that the column
          compares and prints cleanly; split on ``", "`` to get a list.

        An article with no text gets NaN (and ``<NA>`` verbs) and a warning.

    Examples
    --------
    >>> import mediakit as mk
    >>> from mediakit.sources.quotes import sources
    >>> s = sources(mk.clean_articles(mk.load_sample_articles()))
    >>> s[["n_quotes", "n_speakers", "n_anonymous_sources"]].to_numpy().tolist()
    [[11, 6, 1], [8, 6, 1]]
    >>> s.loc["rewrite", "reporting_verbs"]
    'added, emphasized, said, suggested, told'
    """
    func = "sources"
    articles = check_articles(articles, func=func)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quotes = extract_quotes(articles, include_subheadings=include_subheadings)
        toks = tokenize(articles)
    words = toks[~toks["is_punct"].astype(bool)]
    out = pd.DataFrame(index=articles.index, columns=SOURCE_COLUMNS, dtype=float)
    verbs: list[Any] = []
    empty = []
    quotes_by = {doc: g for doc, g in quotes.groupby("doc_id", sort=False)}
    words_by = {doc: g for doc, g in words.groupby("doc_id", sort=False)}
    no_quotes, no_words = quotes.iloc[:0], words.iloc[:0]
    for doc, text in articles["text"].items():
        if not isinstance(text, str) or not text.strip():
            empty.append(doc)
            verbs.append(pd.NA)
            continue
        q = quotes_by.get(doc, no_quotes)
        w = words_by.get(doc, no_words)
        inside = np.zeros(len(w), dtype=bool)
        ws, we = w["start"].to_numpy(), w["end"].to_numpy()
        for s, e in zip(q["start"], q["end"], strict=True):
            inside |= (ws >= s) & (we <= e)
        named = q[~q["anonymous"] & q["speaker"].notna()]["speaker"]
        anon = q[q["anonymous"] & q["speaker"].notna()]["speaker"]
        n_words = len(w)
        out.loc[doc] = [
            len(q),
            int((q["kind"] == "full").sum()),
            int((q["kind"] == "partial").sum()),
            q["speaker"].dropna().nunique(),
            named.nunique(),
            anon.nunique(),
            int(q["speaker"].isna().sum()),
            int(inside.sum()),
            n_words,
            inside.sum() / n_words if n_words else np.nan,
            np.nan,
        ]
        verbs.append(", ".join(sorted(set(q["verb"].dropna()))))
    if empty:
        warn(
            f"{func}: {len(empty)} article(s) have no text; their measures are NaN: "
            f"{show_values(empty)}"
        )
    out = out.drop(columns="reporting_verbs")
    counts = [c for c in SOURCE_COLUMNS if c.startswith("n_") or c in ("quoted_words", "words")]
    if not empty:
        out[counts] = out[counts].astype("int64")
    out["reporting_verbs"] = pd.array(verbs, dtype="string")
    return out
