"""pair_report and write_report: run every analysis of two versions once, then render the page."""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from mediakit._html import HTML
from mediakit._validation import MediakitWarning, check_articles, check_doc_id, reissue
from mediakit.clean import clean_articles
from mediakit.compare import compare_versions
from mediakit.framing import Dictionary, count_frames, frame_hits, load_dictionary
from mediakit.report import _page
from mediakit.report._data import PairData
from mediakit.report._quotes import quote_ledger
from mediakit.segment import split_sentences, tokenize
from mediakit.sources import extract_quotes
from mediakit.style import lexical_features, readability

__all__ = ["NGRAM", "pair_report", "write_report"]

#: Word n-gram length of the containment measures (:func:`mediakit.text_reuse`'s default).
NGRAM = 3


def _pair(articles: pd.DataFrame, a: Any, b: Any, func: str) -> tuple[Any, Any]:
    if len(articles) < 2:
        raise ValueError(
            f"{func} compares two articles, and the articles frame has {len(articles)} "
            f"(doc_ids {list(articles.index)}); pass a frame with both versions of the story"
        )
    if a is not None:
        check_doc_id(articles, a, func=func, name="a")
    if b is not None:
        check_doc_id(articles, b, func=func, name="b")
    ids = list(articles.index)
    if a is None:
        a = next(d for d in ids if d != b)
    if b is None:
        b = next(d for d in ids if d != a)
    if a == b:
        raise ValueError(
            f"{func}: `a` and `b` are both {a!r}; pass two different doc_ids "
            "(to compare identical texts, give them two rows)"
        )
    return a, b


def _dictionary(dictionary: Any, func: str) -> tuple[Any, str]:
    if isinstance(dictionary, str):
        return load_dictionary(dictionary), dictionary
    if isinstance(dictionary, Dictionary):
        return dictionary, str(dictionary.name or "a custom dictionary")
    if isinstance(dictionary, Mapping):
        return dictionary, "a custom dictionary"
    raise TypeError(
        f"{func}: `dictionary` must be the name of a built-in dictionary (see "
        "mediakit.list_dictionaries()), a mediakit.Dictionary or a mapping of category to "
        f"patterns, got {type(dictionary).__name__}"
    )


def _analyse(
    articles: pd.DataFrame, a: Any, b: Any, dictionary: Any, name: str, clean: bool
) -> tuple[PairData, list[warnings.WarningMessage]]:
    """Run every step once; return the data and the warnings the steps sent (to re-issue)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MediakitWarning)
        sub = articles.loc[[a, b]]
        if clean:
            sub = clean_articles(sub, progress=False)
        comparison = compare_versions(sub, a, b, n=NGRAM)
        sentences = split_sentences(sub)
        tokens = tokenize(sub, sentences=sentences)
        quotes = extract_quotes(sub, progress=False)
        ledger = quote_ledger(
            sub, a, b, sentences=sentences, alignment=comparison.alignment, quotes=quotes
        )
        shared: dict[str, Any] = {"sentences": sentences, "tokens": tokens, "progress": False}
        counts = count_frames(sub, dictionary, **shared)
        rates = count_frames(sub, dictionary, normalize="per_1000_tokens", **shared)
        hits = frame_hits(sub, dictionary, **shared)
        scores = readability(sub, **shared)
        features = lexical_features(sub, **shared)
    notes = tuple(
        dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, MediakitWarning))
    )
    data = PairData(
        a=a,
        b=b,
        articles=sub,
        comparison=comparison,
        quotes=ledger,
        counts=counts,
        rates=rates,
        hits=hits,
        dictionary=name,
        readability=scores,
        features=features,
        notes=notes,
        cleaned=clean,
        n=NGRAM,
    )
    return data, caught


def pair_report(
    articles: pd.DataFrame,
    a: Hashable | None = None,
    b: Hashable | None = None,
    *,
    dictionary: str | Dictionary | Mapping[str, Any] = "generic_frames",
    clean: bool = True,
    title: str | None = None,
) -> HTML:
    """One self-contained HTML report of two versions of a story.

    The report runs the comparison pipeline on ``a`` (the source, e.g. a wire
    story) and ``b`` (a later version, e.g. a site's rewrite) and shows, with a
    table of contents:

    1. **Similarity and containment**: the headline numbers of
       :func:`mediakit.compare_versions` (TF-IDF cosine, containment both ways,
       resemblance, verbatim share and passages, the derivation label of
       :func:`mediakit.text_reuse`, sentences by alignment label), with a bar
       chart of containment (:func:`mediakit.plot.reuse_bars`).
    2. **Side by side**: the alignment as a dot plot
       (:func:`mediakit.plot.alignment_dotplot`) and the two texts aligned
       sentence to sentence with a word diff (:func:`mediakit.display.side_by_side`).
    3. **Dropped and added sentences**, as the alignment labels them.
    4. **Claim changes**: what changed in meaning between aligned sentences
       (:func:`mediakit.claim_changes`), figures that changed or vanished,
       names spelled differently, and the verbatim passages.
    5. **Quotes kept and lost**: every direct quote of ``a``
       (:func:`mediakit.extract_quotes`) with its fate in ``b``: ``kept``
       (word for word), ``shortened`` (part of it quoted word for word, the rest
       cut), ``reworded`` (words changed inside the quote) or ``lost`` (no
       quote of ``b`` has its words; the note says when its words survive as
       paraphrase, or its sentence was dropped), with the quote of ``b`` it
       became; then the quotes of ``b`` that ``a`` does not have. Quotes are
       paired as :func:`mediakit.claim_changes` pairs them, so this section and
       the changes of meaning agree.
    6. **Frame profile**: :func:`mediakit.count_frames` with ``dictionary``,
       raw and per 1,000 tokens, the words that matched
       (:func:`mediakit.frame_hits`) and a chart (:func:`mediakit.plot.frame_profile`).
    7. **Readability and style**: :func:`mediakit.readability` and
       :func:`mediakit.lexical_features` of each version, and a chart of the
       differences (:func:`mediakit.plot.feature_comparison`).

    The page opens offline: no script, no external style sheet, font or image;
    the figures are inline SVG with text drawn as paths, their bytes fixed as
    :func:`mediakit.plot.savefig` fixes them. Every piece of article text,
    title, doc_id and metadata is escaped (articles are untrusted web content),
    and no link points outside the page (an article's ``url`` is shown as
    text). The same input gives the same bytes. The page prints well (the
    table of contents and page breaks are set for paper).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``; ``title``,
        ``outlet``, ``date``, ``url`` are shown when present). Only the two
        compared articles are used.
    a, b : hashable, optional
        doc_ids of the source and the later version. By default the first two
        articles (or the first article other than the one given).
    dictionary : str, Dictionary or mapping, default "generic_frames"
        For the frame profile: the name of a built-in dictionary
        (:func:`mediakit.list_dictionaries`), a :class:`mediakit.Dictionary`
        (e.g. from :func:`mediakit.read_dictionary`) or a mapping of category
        to patterns.
    clean : bool, default True
        Clean the two articles first (:func:`mediakit.clean_articles`). Pass
        ``False`` for articles already cleaned, e.g. with a corpus whose
        repeated boilerplate only shows across many articles.
    title : str, optional
        The page's title; by default "a → b: two versions of a story".

    Returns
    -------
    HTML
        The document (``<!doctype html>`` …), a ``str`` that a notebook
        shows rendered; write it with :func:`write_report`.

    Warns
    -----
    MediakitWarning
        What the steps warn about (an article without text, texts too short
        for a readability formula, ...), each message once. The report lists
        the same messages in a "Notes" box at its top, so a problem of the
        data is flagged on the page and not only in the console.

    Raises
    ------
    ValueError
        If ``articles`` has fewer than two rows, ``a`` or ``b`` is not one of
        its doc_ids (the message lists them), ``a`` equals ``b``, or
        ``dictionary`` names no built-in dictionary.
    TypeError
        If ``articles`` is not a DataFrame, or ``dictionary`` is of no
        accepted type.

    See Also
    --------
    write_report : the same report, written to a file.
    mediakit.compare_versions : the comparison alone; its ``to_html`` writes a
        smaller page without figures, quotes, frames or readability.

    Examples
    --------
    >>> import mediakit as mk
    >>> html = mk.pair_report(mk.load_sample_articles())
    >>> html.startswith("<!doctype html>"), "<script" in html
    (True, False)
    >>> "Quotes kept and lost" in html
    True
    """
    func = "pair_report"
    doc, caught = _document(articles, a, b, dictionary, clean, title, func)
    reissue(caught)
    return doc


def _document(
    articles: Any, a: Any, b: Any, dictionary: Any, clean: Any, title: Any, func: str
) -> tuple[HTML, list[warnings.WarningMessage]]:
    """Check the arguments, run the steps and render the page; the steps' warnings are
    returned, for the public function to re-issue at its caller's line."""
    check_articles(articles, func=func)
    a, b = _pair(articles, a, b, func)
    if not isinstance(clean, bool):
        raise TypeError(f"{func}: `clean` must be True or False, got {clean!r}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"{func}: `title` must be a str, got {type(title).__name__}")
    frames, name = _dictionary(dictionary, func)
    data, caught = _analyse(articles, a, b, frames, name, clean)
    return HTML(_page.document(data, title)), caught


def write_report(
    articles: pd.DataFrame,
    path: str | Path,
    a: Hashable | None = None,
    b: Hashable | None = None,
    *,
    dictionary: str | Dictionary | Mapping[str, Any] = "generic_frames",
    clean: bool = True,
    title: str | None = None,
) -> Path:
    """Write the report of :func:`pair_report` to ``path`` (UTF-8, Unix line ends).

    The parent folders are created. The file is one self-contained page: it
    opens offline, from a mail attachment or a USB stick, and writing it twice
    gives the same bytes.

    Parameters
    ----------
    articles, a, b, dictionary, clean, title
        As in :func:`pair_report`.
    path : str or pathlib.Path
        The file to write, e.g. ``"report.html"``.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import mediakit as mk
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "seed-pair.html"
    >>> mk.write_report(mk.load_sample_articles(), out, "wire", "rewrite").name
    'seed-pair.html'
    """
    if not isinstance(path, str | Path):
        raise TypeError(
            f"write_report: `path` must be a str or pathlib.Path, got {type(path).__name__}"
        )
    doc, caught = _document(articles, a, b, dictionary, clean, title, "write_report")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(doc)
    reissue(caught)
    return path
