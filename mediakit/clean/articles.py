"""Clean scraped articles: remove page chrome, keep the body, and audit every removal.

Scraped news text carries site chrome (UI words, breadcrumbs, duplicated
headlines, bylines, timestamps, photo captions, comment forms, footers) that
poisons every later statistic. :func:`clean_articles` removes it and moves what
is worth keeping into structured columns (``title``, ``dateline``, ``agency``,
``byline``, ``date``, ``captions``, ``caption_credits``);
:func:`cleaning_audit` lists every removal with the rule that made it and exact
character offsets, so that nothing disappears without a trace.

The rules are data (``mediakit/data/cleaning_rules.yaml``, see
:func:`default_rules` and :class:`CleaningRule`). The cleaning runs in steps,
in this order:

1. line rules with ``where="anywhere"`` (UI words, share bars, timestamps,
   reading time, copyright, newsletter and social prompts, comment forms);
2. ``caption``: a line ending with a photo credit, and the identical alt-text
   line printed just before it;
3. ``boilerplate``: lines repeated in many articles of the same outlet;
4. line rules with ``where="head"/"tail"/"edges"`` (breadcrumbs, bylines,
   standalone dates), which only fire before the first or after the last
   prose line (8 words or more, ending like a sentence);
5. ``headline``: the headline at the top and its duplicates;
6. line rules with ``where="lead"`` (the ``dateline`` prefix of the lead).

Steps 4 to 6 depend on each other (removing a byline exposes the lead,
removing the headline moves the head), so they repeat until nothing changes.
Each line is claimed by the first step that matches it.
"""

from __future__ import annotations

import numbers
from collections.abc import Container, Hashable, Iterable
from typing import Any

import pandas as pd

from mediakit._dask import per_partition
from mediakit._gc import pausing
from mediakit._progress import bar, check_progress
from mediakit._validation import check_articles, check_option, warn
from mediakit.clean._boilerplate import RepeatedLines, coarse_key, count_repeated, eligible
from mediakit.clean._rules import CleaningRule, default_rules, resolve_rules
from mediakit.clean._steps import LIST_FIELDS, Doc, Lookup, RuleSet, clean_doc

__all__ = ["CleaningRule", "clean_articles", "cleaning_audit", "default_rules"]

_AUDIT_COLUMNS = ["doc_id", "rule", "reason", "removed", "start", "end", "line", "field"]


# ----------------------------------------------------------------------------- driver


def _check_int(name: str, value: Any, *, low: int, allow_none: bool = False) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        what = f"an int >= {low}" + (" or None" if allow_none else "")
        raise ValueError(f"`{name}` = {value!r} is invalid; expected {what}")


def _check_share(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 1:
        raise ValueError(f"`{name}` = {value!r} is invalid; expected a number between 0 and 1")


def _groups(articles: pd.DataFrame, by: str | None) -> tuple[list[Hashable], str | None]:
    """Boilerplate group of each row, and the label used in audit reasons."""
    if by is not None and not isinstance(by, str):
        raise TypeError(f"`by` must be a column name (str) or None, got {type(by).__name__}")
    if by is None or (by == "outlet" and by not in articles.columns):
        return [None] * len(articles), None
    if by not in articles.columns:
        raise ValueError(
            f"`by` = {by!r} is not a column of the articles frame; it has "
            f"{list(articles.columns)} (use by=None to treat the corpus as one outlet)"
        )
    values = articles[by].astype(object)
    return ["<NA>" if pd.isna(v) else v for v in values], by


@pausing
def _run(
    articles: Any,
    *,
    func: str,
    rules: Iterable[CleaningRule] | None,
    disable: Iterable[str] | str,
    extra_rules: Iterable[CleaningRule],
    boilerplate: bool,
    boilerplate_min_docs: int,
    boilerplate_min_share: float,
    boilerplate_max_words: int | None,
    by: str | None,
    progress: bool | None = False,
) -> tuple[list[Doc | None], list[str]]:
    """Run the one cleaning pass that both public functions report on: (docs, texts)."""
    articles = check_articles(articles, func=func)
    check_option("boilerplate", boilerplate, (True, False))
    _check_int("boilerplate_min_docs", boilerplate_min_docs, low=1)
    _check_share("boilerplate_min_share", boilerplate_min_share)
    _check_int("boilerplate_max_words", boilerplate_max_words, low=1, allow_none=True)
    rs = RuleSet(resolve_rules(rules, disable, extra_rules))
    groups, by_label = _groups(articles, by)

    ids = articles.index.tolist()
    raws: list[str | None] = []
    missing = []
    for doc_id, value in zip(ids, articles["text"].tolist(), strict=True):
        if isinstance(value, str):
            raws.append(value)
        elif value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
            raws.append(None)
            missing.append(doc_id)
        else:
            raise TypeError(
                f"{func} needs str values in `text`; doc_id {doc_id!r} holds "
                f"{type(value).__name__}. Convert with articles['text'].astype(str) if intended"
            )
    if missing:
        warn(f"{func}: {_ids(missing)} have no text (NaN); kept with empty text", stacklevel=4)
    titles: list[str | None] = [None] * len(ids)
    if "title" in articles.columns:
        titles = [
            " ".join(t.split()) if isinstance(t, str) and t.strip() else None
            for t in articles["title"].tolist()
        ]

    docs = [Doc(raw) if raw else None for raw in raws]
    lookups: list[Lookup | None] = [None] * len(docs)
    if boilerplate and rs.boilerplate:
        eligible_lines = [
            [
                i
                for i, (s, nw) in enumerate(zip(d.strs, d.nws, strict=True))
                if s and eligible(s, nw, boilerplate_max_words)
            ]
            if d is not None
            else []
            for d in docs
        ]
        # lines repeated often enough under their coarse key first (cheap, in C), then only
        # those normalised: a line with the same key as another has the same coarse key
        for d, lines in zip(docs, eligible_lines, strict=True):
            if d is not None:
                d.coarse_keys = {i: coarse_key(d.strs[i]) for i in lines}
        coarse = count_repeated(
            groups,
            [set(d.coarse_keys.values()) if d is not None else set() for d in docs],
            min_docs=boilerplate_min_docs,
            min_share=boilerplate_min_share,
        ).counts
        keys = [
            {d.key(i) for i, c in d.coarse_keys.items() if c in coarse[g]}
            if d is not None
            else set()
            for d, g in zip(docs, groups, strict=True)
        ]
        repeated = count_repeated(
            groups, keys, min_docs=boilerplate_min_docs, min_share=boilerplate_min_share
        )
        lookups = [_lookup(repeated, coarse[g], g, by_label) for g in groups]

    out: list[Doc | None] = []
    for doc, title, lookup in bar(
        zip(docs, titles, lookups, strict=True), total=len(docs), desc=func, progress=progress
    ):
        out.append(clean_doc(doc, rs, title, lookup, boilerplate_max_words) if doc else None)
    texts = [d.text() if d is not None else "" for d in out]
    emptied = [
        i for i, d, t in zip(ids, out, texts, strict=True) if d is not None and d.removals and not t
    ]
    if emptied:
        warn(
            f"{func}: cleaning removed all the text of {_ids(emptied)}; "
            "see cleaning_audit() for what was removed",
            stacklevel=4,
        )
    return out, texts


def _lookup(
    repeated: RepeatedLines, coarse: Container[bytes], group: Hashable, by: str | None
) -> Lookup:
    where = "the corpus" if by is None else f"{by} {group!r}"
    return Lookup(repeated.counts[group], coarse, repeated.n_docs[group], where)


def _ids(ids: list[Any]) -> str:
    shown = ", ".join(repr(i) for i in ids[:10])
    more = f" and {len(ids) - 10} more" if len(ids) > 10 else ""
    return f"{len(ids)} article(s) [{shown}{more}]"


def _fill(existing: pd.Series | None, found: pd.Series) -> pd.Series:
    """Existing non-empty values win; the found ones fill the gaps."""
    if existing is None:
        return found
    ex = existing.astype("string")
    return ex.where(ex.fillna("").str.strip().ne(""), found)


@per_partition
def clean_articles(
    articles: pd.DataFrame,
    *,
    rules: Iterable[CleaningRule] | None = None,
    disable: Iterable[str] | str = (),
    extra_rules: Iterable[CleaningRule] = (),
    boilerplate: bool = True,
    boilerplate_min_docs: int = 5,
    boilerplate_min_share: float = 0.1,
    boilerplate_max_words: int | None = 15,
    by: str | None = "outlet",
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Remove page chrome from articles and extract titles, datelines, bylines and captions.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``; optional ``title``,
        ``outlet``, ``date``.
    rules : iterable of CleaningRule, optional
        Replace the whole rule set (default: :func:`default_rules`). The
        built-in steps (``caption``, ``boilerplate``, ``headline``) only run
        when a rule of that kind is in the set.
    disable : iterable of str, default ()
        Names of rules to switch off, e.g. ``["ui_words", "boilerplate"]``;
        an unknown name raises ``ValueError`` listing the valid names.
    extra_rules : iterable of CleaningRule, default ()
        Rules added after the others; their names must be new.
    boilerplate : bool, default True
        Remove lines repeated across many articles of the same outlet.
    boilerplate_min_docs : int, default 5
        A line is boilerplate when it occurs in at least
        ``max(boilerplate_min_docs, ceil(boilerplate_min_share * n))``
        distinct articles of its group of ``n`` articles.
    boilerplate_min_share : float, default 0.1
        See ``boilerplate_min_docs``. With the defaults a 10-article outlet
        needs a line in 5 articles, a 2,000-article outlet in 200.
    boilerplate_max_words : int or None, default 15
        Only lines of at most this many words, or lines that do not end like
        a sentence, can be boilerplate: wire corpora legitimately repeat
        whole body paragraphs across re-filed updates of a story, and those
        must stay. None lifts the limit.
    by : str or None, default "outlet"
        Column that groups articles for the repetition count. When the
        default ``"outlet"`` column is absent, or with None, the whole corpus
        is one group; any other missing column raises ``ValueError``.
    progress : bool or None, default None
        A progress bar (tqdm) over the articles: ``None`` shows it on a
        terminal or in a notebook once the call has run for two seconds,
        ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        A new frame with the same index and rows, in the same order, and:

        - ``text``: the body; paragraphs separated by exactly one blank
          line, lines of a paragraph kept, every line stripped. A removed
          line also separates paragraphs.
        - ``text_raw``: the untouched input text. When the input already
          has ``text_raw`` (cleaning a cleaned frame), it is kept, so it
          always holds the original.
        - ``title``, ``dateline``, ``agency``, ``byline`` (string; ``<NA>``
          when not found): an existing non-empty value in the input wins,
          a found one fills the gaps. ``agency`` is a known news agency
          (canonical name) from the dateline, else a copyright line, else a
          photo credit.
        - ``date``: the input's ``date`` where present, else a standalone
          date line parsed to datetime64 (a non-datetime ``date`` column is
          left as it is).
        - ``captions``, ``caption_credits`` (object, lists of str, possibly
          empty).
        - ``n_removed`` (int): number of :func:`cleaning_audit` rows of the
          article in this pass.

    Warns
    -----
    MediakitWarning
        Naming the articles whose text is missing (kept with empty text), and
        those whose text was removed entirely.

    See Also
    --------
    cleaning_audit : what was removed, by which rule, at which offsets.
    default_rules : the rules, documented in ``data/cleaning_rules.yaml``.

    Notes
    -----
    The steps run in the order given in the module docstring of
    :mod:`mediakit.clean`; each line is claimed by the first step that
    matches it.

    *Not eating content.* Chrome patterns are anchored on whole lines and
    capped in length (``max_words``), so a paragraph that merely contains a
    chrome word ("close", "Home", "By the end of ...") is never touched.
    Bylines, dates and breadcrumbs only fire before the first or after the
    last prose line; unlabelled comment-form fields (``Website``) only after
    the start of a comment form; and in hard-wrapped text a line that ends
    the sentence of the line above ("... between February 1, 1985 and" /
    "April 2, 1987") is body.

    *Headline.* Without a ``title``, the first remaining line is the
    headline when it has at most 25 words, does not run on in lowercase
    into the next line, and either is printed twice, equals the last
    breadcrumb, or is a paragraph of its own, followed by body, that does
    not end with a full stop (``?``, ``!`` and ``...`` are headline
    endings). Copies of the title at the top are removed.

    *Repetition.* Site chrome that no rule knows (footers, section labels)
    shows itself by recurring across an outlet's articles. The default
    threshold, 5 articles and 10% of the outlet, is far above what a body
    line reaches by chance, and the ``boilerplate_max_words`` guard keeps
    re-filed wire paragraphs; the trade-off is that a short formulaic
    sentence ("The company declined to comment.") repeated in 10% of an
    outlet's articles is removed as boilerplate.

    Cleaning is idempotent: cleaning a cleaned frame removes nothing more
    (``n_removed`` is then 0, and ``text_raw`` and the fields are kept).
    Audit offsets index the text that was cleaned: the input ``text``, which
    is ``text_raw`` unless the input already had a ``text_raw`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit import clean_articles
    >>> raw = (
    ...     "Home » World » Rain in Spain\n\nRain in Spain\n\nBy Jane Doe\n\n"
    ...     "MADRID (AFP) – It rained all day in Madrid on Sunday, officials said.\n\n"
    ...     "Share\n\nFarmers welcomed the rain after a long dry summer in the south."
    ... )
    >>> articles = pd.DataFrame({"text": [raw]}, index=pd.Index(["a"], name="doc_id"))
    >>> clean = clean_articles(articles)
    >>> print(clean.loc["a", "text"])
    It rained all day in Madrid on Sunday, officials said.
    <BLANKLINE>
    Farmers welcomed the rain after a long dry summer in the south.
    >>> clean.loc["a", ["title", "dateline", "agency", "byline"]].tolist()
    ['Rain in Spain', 'MADRID', 'AFP', 'Jane Doe']
    >>> int(clean.loc["a", "n_removed"])  # breadcrumbs, headline, byline, dateline, Share
    5
    """
    docs, texts = _run(
        articles,
        func="clean_articles",
        rules=rules,
        disable=disable,
        extra_rules=extra_rules,
        boilerplate=boilerplate,
        boilerplate_min_docs=boilerplate_min_docs,
        boilerplate_min_share=boilerplate_min_share,
        boilerplate_max_words=boilerplate_max_words,
        by=by,
        progress=check_progress(progress, "clean_articles"),
    )
    index = articles.index
    out = articles.copy()
    out["text"] = pd.Series(texts, index=index, dtype="str")
    if "text_raw" in articles.columns:
        out["text_raw"] = articles["text_raw"].where(articles["text_raw"].notna(), articles["text"])
    else:
        out["text_raw"] = articles["text"]
    for name in ("title", "dateline", "agency", "byline"):
        found = [d.fields.get(name, (0, None))[1] if d else None for d in docs]
        series = pd.Series(found, index=index, dtype="string")
        out[name] = _fill(articles[name] if name in articles.columns else None, series)
    dates = pd.Series(
        [d.fields.get("date", (0, None))[1] if d else None for d in docs], index=index
    )
    out["date"] = _fill_dates(articles["date"] if "date" in articles.columns else None, dates)
    for name in LIST_FIELDS:
        found = pd.Series([list(d.lists[name]) if d else [] for d in docs], index=index)
        if name in articles.columns:
            old = articles[name]
            has = old.map(lambda v: isinstance(v, list | tuple) and len(v) > 0)
            found = old.where(has, found).map(list)
        out[name] = found.astype(object)
    out["n_removed"] = pd.Series([len(d.removals) if d else 0 for d in docs], index=index)
    out["n_removed"] = out["n_removed"].astype("int64")
    return out


def _fill_dates(existing: pd.Series | None, found: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(found.astype(object), errors="coerce")
    if existing is None:
        return parsed.astype("datetime64[ns]")
    if not pd.api.types.is_datetime64_any_dtype(existing):
        if existing.notna().any():
            return existing  # not ours to reinterpret
        return parsed.astype("datetime64[ns]")
    tz = getattr(existing.dtype, "tz", None)
    if tz is not None:
        parsed = parsed.dt.tz_localize(tz)
    return existing.where(existing.notna(), parsed.astype(existing.dtype))


def cleaning_audit(
    articles: pd.DataFrame,
    *,
    rules: Iterable[CleaningRule] | None = None,
    disable: Iterable[str] | str = (),
    extra_rules: Iterable[CleaningRule] = (),
    boilerplate: bool = True,
    boilerplate_min_docs: int = 5,
    boilerplate_min_share: float = 0.1,
    boilerplate_max_words: int | None = 15,
    by: str | None = "outlet",
) -> pd.DataFrame:
    r"""List every removal :func:`clean_articles` makes with the same options.

    Both functions share one cleaning pass, so the audit describes exactly
    what ``clean_articles`` removes.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``).
    rules, disable, extra_rules, boilerplate, by
        As in :func:`clean_articles`.
    boilerplate_min_docs, boilerplate_min_share, boilerplate_max_words
        As in :func:`clean_articles`.

    Returns
    -------
    pandas.DataFrame
        One row per removal, RangeIndex, ordered by article then offset:
        ``doc_id``; ``rule`` (rule name); ``reason`` (the rule's description,
        or "repeated in N of M articles of outlet X" for boilerplate);
        ``removed`` (the exact text); ``start``, ``end`` (character offsets
        into the cleaned text, i.e. ``text_raw``, so that
        ``text_raw[start:end] == removed``); ``line`` (0-based line number,
        lines split at ``\n``, ``\r\n`` or ``\r``); ``field`` (the
        structured field the text was parsed into, ``<NA>`` if discarded).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit import cleaning_audit
    >>> raw = "close\n\nBudapest (AFP) – NATO chief Mark Rutte spoke to reporters on Thursday."
    >>> articles = pd.DataFrame({"text": [raw]}, index=pd.Index(["a"], name="doc_id"))
    >>> audit = cleaning_audit(articles)
    >>> audit[["rule", "removed", "start", "end", "line", "field"]]
           rule           removed  start  end  line     field
    0  ui_words             close      0    5     0      <NA>
    1  dateline  Budapest (AFP) –      7   23     2  dateline
    """
    docs, _ = _run(
        articles,
        func="cleaning_audit",
        rules=rules,
        disable=disable,
        extra_rules=extra_rules,
        boilerplate=boilerplate,
        boilerplate_min_docs=boilerplate_min_docs,
        boilerplate_min_share=boilerplate_min_share,
        boilerplate_max_words=boilerplate_max_words,
        by=by,
    )
    positions, rows = [], []
    for pos, doc in enumerate(docs):
        if doc is None:
            continue
        for line, start, end, removed, rule, reason, field in sorted(
            doc.removals, key=lambda r: (r[1], r[2])
        ):
            positions.append(pos)
            rows.append((rule.name, reason, removed, start, end, line, field))
    cols = list(zip(*rows, strict=True)) if rows else [()] * 7
    return pd.DataFrame(
        {
            "doc_id": articles.index.take(positions).to_numpy(),
            "rule": pd.Series(cols[0], dtype="str"),
            "reason": pd.Series(cols[1], dtype="str"),
            "removed": pd.Series(cols[2], dtype="str"),
            "start": pd.Series(cols[3], dtype="int64"),
            "end": pd.Series(cols[4], dtype="int64"),
            "line": pd.Series(cols[5], dtype="int64"),
            "field": pd.Series(cols[6], dtype="string"),
        },
        columns=_AUDIT_COLUMNS,
    )
