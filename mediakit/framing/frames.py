"""Framing dictionaries: read them, count their categories, trace every hit.

:func:`read_dictionary` reads the dictionary formats researchers already have
into a :class:`Dictionary` (defined in :mod:`mediakit.framing._dictionary`: categories,
optionally nested as ``conflict/military``, mapped to fixed, glob, regex and
multi-word patterns). :func:`frame_hits` finds every hit of a dictionary in
the articles, one row each with its offsets, and :func:`count_frames` counts
them per document, paragraph or sentence, so that every count can be traced
to the words behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mediakit import _provenance
from mediakit._dask import per_partition
from mediakit._progress import check_progress
from mediakit._validation import check_articles, check_option, show_values, warn
from mediakit.framing import _dictionary_formats as _formats
from mediakit.framing import _frame_match
from mediakit.framing._compiled import CompiledDictionary
from mediakit.framing._dictionary import (
    KINDS,
    Dictionary,
    Entry,
    parse_pattern,
)
from mediakit.framing._dictionary_formats import DictionaryFormatError
from mediakit.segment._tables import sentence_rows, sentences_and_tokens, table_positions

__all__ = [
    "KINDS",
    "CompiledDictionary",
    "Dictionary",
    "DictionaryFormatError",
    "Entry",
    "count_frames",
    "frame_hits",
    "parse_pattern",
    "read_dictionary",
]

_EXTENSIONS = {
    ".yml": "yaml",
    ".yaml": "yaml",
    ".dic": "liwc",
    ".cat": "wordstat",
    ".lc3": "lc3",
    ".lcd": "lcd",
    ".ykd": "lcd",
    ".csv": "csv",
}


def read_dictionary(
    path: str | PathLike[str],
    *,
    format: str | None = None,
    encoding: str | None = None,
    case_sensitive: bool | None = None,
) -> Dictionary:
    """Read a dictionary file into a :class:`Dictionary`.

    Parameters
    ----------
    path : str or path-like
        The dictionary file.
    format : {'yaml', 'liwc', 'wordstat', 'lc3', 'lcd', 'csv'}, optional
        Detected from the extension when omitted: ``.yml``/``.yaml``
        (quanteda's YAML layout), ``.dic`` (LIWC), ``.cat`` (WordStat),
        ``.lc3`` (Lexicoder), ``.lcd``/``.ykd`` (Lexicoder topic / Yoshikoder
        XML), ``.csv`` (columns ``category``, ``pattern``, optional ``kind``).
    encoding : str, optional
        Default UTF-8 (a byte-order mark is dropped).
    case_sensitive : bool, optional
        Default False (or the ``# case_sensitive:`` comment of a YAML file
        written by :meth:`Dictionary.to_yaml`).

    Returns
    -------
    Dictionary
        With ``name`` (from the file, else the file stem), ``source`` (the
        path) and ``format`` metadata.

    Raises
    ------
    DictionaryFormatError
        (a ``ValueError``) for a malformed file: the message names the file,
        the line and what was expected there.

    Notes
    -----
    Format details: LIWC ``.dic`` files may use LF, CRLF or CR-only line
    endings and list a pattern under several category ids. WordStat weights
    such as ``(1)`` are dropped and ``_`` joins multi-word patterns. Lexicoder
    ``.lcd`` pattern padding is turned into globs (see
    :func:`mediakit.framing._dictionary_formats.read_lcd`). Patterns keep the case
    they are written in.

    Examples
    --------
    >>> from importlib.resources import files
    >>> d = read_dictionary(files("mediakit") / "data/dictionaries/example.dic")
    >>> d.categories
    ('conflict', 'economy')
    >>> d.patterns("conflict")
    ('war', 'threat*', 'peace deal', 'trade war')
    """
    path = Path(path)
    if format is None:
        format = _EXTENSIONS.get(path.suffix.lower())
        if format is None:
            raise ValueError(
                f"cannot tell the dictionary format of {path.name!r} from its extension; "
                f"pass format= one of {sorted(set(_EXTENSIONS.values()))}"
            )
    check_option("format", format, _formats.READERS)
    try:
        data = path.read_bytes()
        _provenance.note_file(path, data)  # only while make figures records what is read
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{path}: cannot decode as {encoding or 'UTF-8'} ({err.reason} at byte {err.start}); "
            "pass encoding=, e.g. encoding='latin-1'"
        ) from None
    raw = _formats.READERS[format](text, str(path))
    meta = raw.metadata
    if case_sensitive is None:
        case_sensitive = str(meta.get("case_sensitive", "false")).lower() == "true"
    try:
        return Dictionary(
            raw.rows,
            categories=raw.categories,
            name=meta.get("name") or path.stem,
            source=meta.get("source") or str(path),
            format=format,
            case_sensitive=case_sensitive,
        )
    except ValueError as err:
        raise ValueError(f"{path}: {err}") from None


LEVELS = ("document", "paragraph", "sentence")
NORMALIZE = ("per_1000_tokens", "share", None)
HIT_COLUMNS = [
    "doc_id",
    "par_id",
    "sent_id",
    "token_id",
    "n_tokens",
    "category",
    "pattern",
    "matched",
    "start",
    "end",
]
_UNIT_KEYS = {
    "document": [],
    "paragraph": ["doc_id", "par_id"],
    "sentence": ["doc_id", "par_id", "sent_id"],
}
_RESERVED = {"doc_id", "par_id", "sent_id", "n_tokens", "unmatched"}


@dataclass(frozen=True)
class Scan:
    """Articles tokenized and matched once, for both public functions."""

    articles: pd.DataFrame
    dictionary: Dictionary
    categories: tuple[str, ...]
    sentences: pd.DataFrame  # split_sentences, plus `_par` (paragraph unit number)
    tokens: pd.DataFrame  # tokenize, plus `_doc` (article position) and `_sent` (sentence row)
    matches: _frame_match.Matches


def check_dictionary(dictionary: Any, func: str) -> Dictionary:
    """Return ``dictionary`` as a :class:`Dictionary` (a mapping is built), else raise."""
    if isinstance(dictionary, Dictionary):
        return dictionary
    if isinstance(dictionary, Mapping):
        return Dictionary.from_dict(dictionary)
    hint = (
        "read a file with mediakit.read_dictionary(path), or a built-in with "
        "mediakit.load_dictionary(name)"
    )
    if isinstance(dictionary, (str, PathLike)):
        raise TypeError(
            f"{func}: `dictionary` must be a Dictionary, got the path-like {dictionary!r}; {hint}"
        )
    raise TypeError(
        f"{func}: `dictionary` must be a Dictionary or a mapping of category -> patterns, "
        f"got {type(dictionary).__name__}; {hint}"
    )


def check_categories(dictionary: Dictionary, categories: Any, func: str) -> tuple[str, ...]:
    """Return the requested categories in dictionary order (all for None), else raise."""
    if categories is None:
        return dictionary.categories
    if isinstance(categories, str):
        categories = [categories]
    wanted = list(dict.fromkeys(categories))
    unknown = [c for c in wanted if c not in dictionary]
    if unknown:
        raise ValueError(
            f"{func}: unknown categor(ies) {show_values(unknown)}; "
            f"the dictionary has {show_values(list(dictionary.categories), limit=20)}"
        )
    if not wanted:
        raise ValueError(f"{func}: `categories` is empty; pass None for every category")
    return tuple(c for c in dictionary.categories if c in wanted)


def scan_articles(
    articles: Any,
    dictionary: Any,
    categories: Any,
    func: str,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    progress: bool | None = False,
) -> Scan:
    """Check the arguments, tokenize the articles and find every hit (for the framing tools).

    ``sentences`` and ``tokens``, when given, are checked and used instead of
    splitting and tokenizing again (one warning, below, for articles without
    words: not one per step).
    """
    articles = check_articles(articles, func=func)
    dictionary = check_dictionary(dictionary, func)
    cats = check_categories(dictionary, categories, func)
    sents, toks = sentences_and_tokens(
        articles,
        func,
        sentences=sentences,
        tokens=tokens,
        lowercase=not dictionary.case_sensitive,
        progress=check_progress(progress, func),
    )
    s_doc = table_positions(articles, sents)
    par_ids = sents["par_id"].to_numpy(dtype=np.int64)
    width = int(par_ids.max()) + 1 if len(par_ids) else 1
    sents = sents.assign(_doc=s_doc, _par=pd.factorize(s_doc * width + par_ids)[0])
    t_doc = table_positions(articles, toks)
    toks = toks.assign(
        _doc=t_doc,
        _sent=sentence_rows(s_doc, sents["sent_id"].to_numpy(), t_doc, toks["sent_id"].to_numpy()),
    )
    words = np.bincount(t_doc[~toks["is_punct"].to_numpy(dtype=bool)], minlength=len(articles))
    empty = articles.index[words == 0].tolist()
    if empty:
        what = (
            "their counts are 0 (0.0 normalised)" if func == "count_frames" else "they have no hits"
        )
        warn(
            f"{func}: {len(empty)} article(s) have no word tokens; {what}: {show_values(empty)}",
            stacklevel=4,
        )
    matches = _frame_match.find(
        toks["norm"].array, toks["_sent"].to_numpy(), dictionary.compile(), cats
    )
    return Scan(articles, dictionary, cats, sents, toks, matches)


@per_partition
def frame_hits(
    articles: pd.DataFrame,
    dictionary: Dictionary | Mapping[str, Any],
    *,
    categories: Any = None,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Find every hit of a dictionary in the articles: the evidence behind :func:`count_frames`.

    Articles are split into sentences and tokens (:func:`mediakit.tokenize`);
    patterns are matched against the normalised tokens (``norm``: NFKC,
    typographic apostrophes as ``'``, casefolded unless the dictionary is
    case-sensitive). The matching rules:

    * a pattern matches a sequence of tokens within one sentence: a
      multi-word pattern such as ``peace deal`` matches the tokens ``peace``
      ``deal`` (not ``peace, deal``: the comma is a token);
    * for each category, reading left to right, the **longest** pattern that
      matches at a token wins (ties: the pattern listed first) and the tokens
      it covers are not matched again for that category, so a token is
      counted **once per category** (``trade war`` and ``war`` in one
      category give one hit on "trade war"). Different categories match
      independently: a token may count for several;
    * a parent category (``conflict`` of ``conflict/military``) is matched
      with the patterns of its whole sub-tree under the same rule: its count
      is not the sum of its children's when they match the same words.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text`` (missing text is
        treated as empty).
    dictionary : Dictionary or mapping
        A :class:`Dictionary` (e.g. from :func:`read_dictionary` or
        :func:`mediakit.load_dictionary`), or a mapping passed to
        :meth:`Dictionary.from_dict`.
    categories : str or list of str, optional
        Only these categories (parents and children alike); default all.
    sentences, tokens : pandas.DataFrame, optional
        Tables from :func:`mediakit.split_sentences` and
        :func:`mediakit.tokenize` of these articles, to tokenize a corpus once
        for several measures; the result is the same as without them (a
        case-sensitive dictionary re-normalises ``norm`` from ``token``).
    progress : bool or None, default None
        A progress bar (tqdm) while the articles are split and tokenized:
        ``None`` shows it on a terminal or in a notebook once the call has
        run for two seconds, ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        One row per hit, RangeIndex, in reading order (then category order):
        ``doc_id``, ``par_id``, ``sent_id`` (as in
        :func:`mediakit.split_sentences`), ``token_id`` (first token, as in
        :func:`mediakit.tokenize`), ``n_tokens`` (tokens spanned),
        ``category``, ``pattern`` (the dictionary pattern that matched),
        ``matched`` (the text as written, ``text[start:end]``), ``start``,
        ``end`` (character offsets into the article's ``text``).
        ``hits.groupby(["doc_id", "category"]).size()`` equals the raw
        document counts of :func:`count_frames`.

    Raises
    ------
    TypeError, ValueError
        For a non-articles frame, a path instead of a Dictionary, an unknown
        category.

    Warns
    -----
    MediakitWarning
        Naming articles without word tokens (they have no hits).

    See Also
    --------
    count_frames : the counts of these hits per document, paragraph or sentence.
    mediakit.framing.kwic : the hits with their context.
    mediakit.sample_hits : a coding sheet of hits for validation.

    Examples
    --------
    >>> import pandas as pd
    >>> articles = pd.DataFrame(
    ...     {"text": ["Trade war fears grew. The war of words over the peace deal went on."]},
    ...     index=pd.Index(["a"], name="doc_id"),
    ... )
    >>> d = Dictionary.from_dict({"conflict": ["war", "trade war", "war of words"],
    ...                           "peace": ["peace deal", "peace*"]})
    >>> frame_hits(articles, d)[["sent_id", "category", "pattern", "matched", "start", "end"]]
       sent_id  category       pattern       matched  start  end
    0        0  conflict     trade war     Trade war      0    9
    1        1  conflict  war of words  war of words     26   38
    2        1     peace    peace deal    peace deal     48   58
    """
    scan = scan_articles(
        articles, dictionary, categories, "frame_hits", sentences, tokens, progress
    )
    hits, _ = hits_table(scan)
    return hits


def hits_table(scan: Scan) -> tuple[pd.DataFrame, np.ndarray]:
    """Build the table of :func:`frame_hits`; also return each hit's first row in the tokens."""
    m, toks = scan.matches, scan.tokens
    rank = {c: i for i, c in enumerate(scan.categories)}
    order = np.lexsort((np.array([rank[c] for c in m.category], dtype=np.int64), m.row))
    rows = m.row[order]
    last = rows + m.n_tokens[order] - 1
    starts = toks["start"].to_numpy()[rows]
    ends = toks["end"].to_numpy()[last]
    texts = scan.articles["text"].to_numpy()
    docs = toks["_doc"].to_numpy()[rows]
    sent_rows = toks["_sent"].to_numpy()[rows]
    matched = [
        str(texts[d])[s:e]
        for d, s, e in zip(docs.tolist(), starts.tolist(), ends.tolist(), strict=True)
    ]
    hits = pd.DataFrame(
        {
            "doc_id": scan.articles.index.take(docs),
            "par_id": scan.sentences["par_id"].to_numpy()[sent_rows],
            "sent_id": toks["sent_id"].to_numpy()[rows],
            "token_id": toks["token_id"].to_numpy()[rows],
            "n_tokens": m.n_tokens[order],
            "category": pd.array([m.category[i] for i in order], dtype="str"),
            "pattern": pd.array([m.pattern[i] for i in order], dtype="str"),
            "matched": pd.array(matched, dtype="str"),
            "start": starts,
            "end": ends,
        }
    )
    for col in ("par_id", "sent_id", "token_id", "n_tokens", "start", "end"):
        hits[col] = hits[col].astype(np.int64)
    hits.attrs["dictionary"] = scan.dictionary.name
    return hits, rows


@per_partition
def count_frames(
    articles: pd.DataFrame,
    dictionary: Dictionary | Mapping[str, Any],
    *,
    level: str = "document",
    normalize: str | None = None,
    categories: Any = None,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Count each dictionary category per document, paragraph or sentence.

    Hits are found by :func:`frame_hits` (whose docstring gives the matching
    rules: leftmost-longest per category, a token counted once per
    category, multi-word patterns within a sentence); this function counts
    them.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    dictionary : Dictionary or mapping
        As in :func:`frame_hits`.
    level : {"document", "paragraph", "sentence"}, default "document"
        The unit counted. Paragraphs and sentences are those of
        :func:`mediakit.split_sentences` (``par_id``, ``sent_id``).
    normalize : {None, "per_1000_tokens", "share"}, default None
        None: raw hit counts. ``"per_1000_tokens"``: count / ``n_tokens`` ×
        1,000. ``"share"``: count / all hits of the unit, where "all hits"
        sums the top-level categories reported (a parent's hits already hold
        its children's), so the top-level shares of a unit with hits sum to 1.
        A unit without word tokens or without hits gets 0.0 (a documented
        zero, not NaN; ``n_tokens`` tells these units apart).
    categories : str or list of str, optional
        Only these categories; default all, parents included.
    sentences, tokens : pandas.DataFrame, optional
        Tables from :func:`mediakit.split_sentences` and
        :func:`mediakit.tokenize` of these articles, to tokenize a corpus once
        for several measures; the result is the same as without them (a
        case-sensitive dictionary re-normalises ``norm`` from ``token``).
    progress : bool or None, default None
        A progress bar (tqdm) while the articles are split and tokenized:
        ``None`` shows it on a terminal or in a notebook once the call has
        run for two seconds, ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        ``level="document"``: index ``doc_id`` (the articles' rows, in order:
        rows in = rows out). ``"paragraph"``: RangeIndex, ``doc_id``,
        ``par_id``; ``"sentence"``: ``doc_id``, ``par_id``, ``sent_id``
        (every paragraph / sentence, hits or not). Then one column per
        category in dictionary order (int64 counts, float64 when
        normalised), then ``n_tokens`` (word tokens: punctuation excluded)
        and ``unmatched`` (word tokens inside no hit of any reported
        category), both raw counts whatever ``normalize`` is. ``attrs``
        holds ``level``, ``normalize`` and ``dictionary`` (its name).

    Raises
    ------
    ValueError
        For an invalid ``level`` or ``normalize``, an unknown category, or a
        category named like a key column (``n_tokens``, ``unmatched``,
        ``doc_id``, ``par_id``, ``sent_id``).

    Warns
    -----
    MediakitWarning
        Naming articles without word tokens (their counts are 0).

    Examples
    --------
    >>> import pandas as pd
    >>> articles = pd.DataFrame(
    ...     {"text": ["Trade war fears grew. The war of words over the peace deal went on.",
    ...               "Markets rallied."]},
    ...     index=pd.Index(["a", "b"], name="doc_id"),
    ... )
    >>> d = Dictionary.from_dict({"conflict": ["war", "trade war", "war of words"],
    ...                           "peace": ["peace deal", "peace*"]})
    >>> count_frames(articles, d)  # doctest: +NORMALIZE_WHITESPACE
            conflict  peace  n_tokens  unmatched
    doc_id
    a              2      1        14          7
    b              0      0         2          2
    >>> count_frames(articles, d, normalize="share").loc["a"].tolist()
    [0.6666666666666666, 0.3333333333333333, 14.0, 7.0]
    """
    func = "count_frames"
    check_option("level", level, LEVELS)
    check_option("normalize", normalize, NORMALIZE)
    scan = scan_articles(articles, dictionary, categories, func, sentences, tokens, progress)
    clash = sorted(_RESERVED.intersection(scan.categories))
    if clash:
        raise ValueError(
            f"{func}: categor(ies) {clash} clash with the key columns of the counts table; "
            "rename them in the dictionary"
        )
    toks, sents, m = scan.tokens, scan.sentences, scan.matches
    if level == "document":
        units = pd.DataFrame(index=scan.articles.index)
        unit_of_token = toks["_doc"].to_numpy()
    elif level == "paragraph":
        first = ~pd.Series(sents["_par"]).duplicated().to_numpy()
        units = sents.loc[first, ["doc_id", "par_id"]].reset_index(drop=True)
        unit_of_token = sents["_par"].to_numpy()[toks["_sent"].to_numpy()]
    else:
        units = sents[["doc_id", "par_id", "sent_id"]].reset_index(drop=True)
        unit_of_token = toks["_sent"].to_numpy()
    n_units = len(units)
    rank = {c: i for i, c in enumerate(scan.categories)}
    counts = np.zeros((n_units, len(scan.categories)), dtype=np.int64)
    np.add.at(
        counts, (unit_of_token[m.row], np.array([rank[c] for c in m.category], dtype=np.int64)), 1
    )
    is_word = ~toks["is_punct"].to_numpy(dtype=bool)
    n_tokens = np.bincount(unit_of_token[is_word], minlength=n_units).astype(np.int64)
    unmatched = np.bincount(unit_of_token[is_word & ~m.covered], minlength=n_units).astype(np.int64)
    values: np.ndarray = counts
    if normalize == "per_1000_tokens":
        values = _ratio(counts, n_tokens) * 1000.0
    elif normalize == "share":
        roots = [i for i, c in enumerate(scan.categories) if not _has_ancestor(c, rank)]
        values = _ratio(counts, counts[:, roots].sum(axis=1))
    columns = {cat: values[:, j] for j, cat in enumerate(scan.categories)}
    columns.update(n_tokens=n_tokens, unmatched=unmatched)
    table = pd.concat([units, pd.DataFrame(columns, index=units.index)], axis=1)
    table.attrs.update(level=level, normalize=normalize, dictionary=scan.dictionary.name)
    return table


def _ratio(counts: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Divide each row of ``counts`` by its total (0.0 where the total is 0)."""
    out = np.zeros(counts.shape, dtype=np.float64)
    nonzero = totals > 0
    out[nonzero] = counts[nonzero] / totals[nonzero, None]
    return out


def _has_ancestor(category: str, reported: Mapping[str, int]) -> bool:
    parts = category.split("/")
    return any("/".join(parts[:k]) in reported for k in range(1, len(parts)))
