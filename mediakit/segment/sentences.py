"""Split articles into paragraphs and sentences.

Every function takes an articles frame (index ``doc_id``, column ``text``, as
:func:`mediakit.clean_articles` returns it: paragraphs separated by blank
lines) and returns a long table with exact character offsets into each
article's ``text``, so that ``text[start:end]`` is the row's ``text``.

Sentence boundaries come from NLTK's Punkt algorithm, parameterised by
mediakit for English news (no NLTK data package is needed; see
:func:`split_sentences`). The machinery lives in ``mediakit.segment._punkt``
(sentences) and ``mediakit.segment._spans`` (paragraphs, inputs); words are
:mod:`mediakit.segment.tokens`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from mediakit._dask import per_partition
from mediakit._gc import pausing
from mediakit._progress import bar, check_progress
from mediakit._validation import check_option, show_values, warn
from mediakit.segment import _punkt, _spans

__all__ = [
    "SentenceSplitter",
    "split_paragraphs",
    "split_sentences",
    "train_sentence_splitter",
]


@runtime_checkable
class SentenceSplitter(Protocol):
    """Anything with ``span_tokenize(text)`` yielding ``(start, end)`` spans."""

    def span_tokenize(self, text: str) -> Iterable[tuple[int, int]]:
        """Yield the character spans of the sentences in ``text``."""
        ...


# ---------------------------------------------------------------------------
# input and output tables
# ---------------------------------------------------------------------------


def _frame(index: pd.Index, positions: list[int], columns: dict[str, Any]) -> pd.DataFrame:
    """Build an output table; ``doc_id`` keeps the dtype of the articles' index."""
    doc_ids = index.take(np.asarray(positions, dtype=np.intp))
    data: dict[str, Any] = {"doc_id": doc_ids.array}
    for name, values in columns.items():
        if isinstance(values, list) and (not values or isinstance(values[0], int | np.integer)):
            values = np.asarray(values, dtype=np.int64)
        data[name] = values
    return pd.DataFrame(data)


def _text_column(values: list[str]) -> pd.Series:
    return pd.Series(values, dtype="str")


# ---------------------------------------------------------------------------
# paragraphs and sentences
# ---------------------------------------------------------------------------


@per_partition
def split_paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    r"""Split each article's ``text`` into paragraphs at blank lines.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text`` with paragraphs
        separated by blank lines (what :func:`mediakit.clean_articles` writes).
        Single newlines inside a paragraph are kept in its text.

    Returns
    -------
    pandas.DataFrame
        One row per paragraph, RangeIndex, columns ``doc_id``, ``par_id``
        (0-based within the article), ``start``, ``end`` (character offsets
        into the article's ``text``: ``text[start:end]`` is the paragraph,
        stripped of surrounding whitespace), ``text`` and ``kind``:
        ``"subheading"`` for a crosshead (a one-line paragraph wrapped in
        dashes, like ``– “We have to work together” –``, or a short title-like
        line of at most 12 words with a leading capital and no final
        punctuation that is followed by another paragraph), else ``"body"``.

    Warns
    -----
    MediakitWarning
        Naming the articles whose text is empty or missing: they yield no rows.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.segment import split_paragraphs
    >>> articles = pd.DataFrame(
    ...     {"text": ["First paragraph.\n\nA crosshead\n\nSecond one,\nwrapped."]},
    ...     index=pd.Index(["a"], name="doc_id"),
    ... )
    >>> pars = split_paragraphs(articles)
    >>> pars[["par_id", "start", "end", "kind"]].to_numpy().tolist()
    [[0, 0, 16, 'body'], [1, 18, 29, 'subheading'], [2, 31, 51, 'body']]
    >>> pars.loc[2, "text"]
    'Second one,\nwrapped.'
    """
    func = "split_paragraphs"
    articles, texts = _spans.article_texts(articles, func)
    positions: list[int] = []
    par_ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    out_texts: list[str] = []
    kinds: list[str] = []
    empty: list[Any] = []
    for pos, text in enumerate(texts):
        spans = _spans.paragraph_spans(text)
        if not spans:
            empty.append(articles.index[pos])
        for par_id, (start, end) in enumerate(spans):
            par = text[start:end]
            positions.append(pos)
            par_ids.append(par_id)
            starts.append(start)
            ends.append(end)
            out_texts.append(par)
            kinds.append(_spans.paragraph_kind(par, par_id + 1 < len(spans)))
    if empty:
        warn(
            f"{func}: {len(empty)} article(s) have no text and yield no rows: {show_values(empty)}"
        )
    return _frame(
        articles.index,
        positions,
        {
            "par_id": par_ids,
            "start": starts,
            "end": ends,
            "text": _text_column(out_texts),
            "kind": _text_column(kinds),
        },
    )


def _split(
    articles: pd.DataFrame, texts: list[str], splitter: Any, progress: bool | None = False
) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {
        k: [] for k in ("pos", "par_id", "sent_id", "start", "end", "text", "kind")
    }
    ids = articles.index
    for pos, text in bar(
        enumerate(texts), total=len(texts), desc="split_sentences", progress=progress
    ):
        spans = _spans.sentence_spans(text, splitter, ids[pos])
        cols["pos"] += [pos] * len(spans)
        cols["sent_id"] += range(len(spans))
        for par_id, start, end, kind in spans:
            cols["par_id"].append(par_id)
            cols["start"].append(start)
            cols["end"].append(end)
            cols["text"].append(text[start:end])
            cols["kind"].append(kind)
    return cols


def _no_rows(articles: pd.DataFrame, positions: list[int]) -> list[Any]:
    have = set(positions)
    return [d for i, d in enumerate(articles.index) if i not in have]


@per_partition
@pausing
def split_sentences(
    articles: pd.DataFrame,
    *,
    splitter: SentenceSplitter | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    r"""Split each article into sentences, within paragraphs.

    Paragraphs are found as in :func:`split_paragraphs`; sentences never cross
    a paragraph boundary, and a subheading paragraph is one segment.

    The default splitter is NLTK's Punkt sentence tokenizer, parameterised by
    mediakit for English news (no NLTK data package is used):

    * abbreviations from ``mediakit/data/abbreviations_en.txt`` (``U.S.``,
      ``Mr.``, ``Gen.``, ``Jan.``, ``Inc.``, ``a.m.``, ...; the file says why
      each group is there and what is left out);
    * orthographic context: function words (``The``, ``He``, ``But``, ...)
      written with a capital after an abbreviation start a new sentence
      (``... threatens the U.S. The NATO chief ...`` splits, ``the U.S.
      President`` and ``U.S. weapons`` do not);
    * typographic quotes: a closing ``”`` or ``’`` after the final period
      stays with its sentence (``... suffered “casualties.”``), an opening
      ``“`` starts the next one; ``?”``/``!”`` followed by a lowercase word
      (``“Why?” he asked.``) is not a boundary;
    * em and en dashes never split; a dateline at the start of a paragraph
      (``PORTLAND, Ore. (AP) — ...``) is not split off;
    * ``No.``/``Nos.`` are abbreviations only before a number; initials
      (``George W. Bush``, ``J.K. Rowling``) do not end a sentence before a
      name.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    splitter : object with ``span_tokenize(text)``, optional
        Sentence splitter to use instead of the default, for example the
        result of :func:`train_sentence_splitter` or any
        ``nltk.tokenize.punkt.PunktSentenceTokenizer``. It is called once per
        body paragraph with the paragraph's text (single newlines replaced by
        spaces, so offsets are unchanged) and must yield ``(start, end)``
        spans into that string, in order and not overlapping. Whitespace
        around a span is trimmed; empty spans are dropped.
    progress : bool or None, default None
        A progress bar (tqdm) over the articles: ``None`` shows it on a
        terminal or in a notebook once the call has run for two seconds,
        ``True`` always, ``False`` never.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, RangeIndex, columns ``doc_id``, ``par_id``,
        ``sent_id`` (0-based within the article, in reading order), ``start``,
        ``end`` (character offsets into the article's ``text``, exact:
        ``text[start:end]`` is the row's ``text``), ``text`` and ``kind``
        (``"body"`` or ``"subheading"``).

    Warns
    -----
    MediakitWarning
        Naming the articles that yield no sentence (empty or missing text).
        They have no rows here but stay in the articles frame; nothing else is
        dropped.

    Raises
    ------
    TypeError
        If ``splitter`` has no ``span_tokenize`` method, or a ``text`` value is
        neither a string nor missing.
    ValueError
        If the articles frame lacks ``text`` or its ``doc_id`` values repeat, or
        the splitter returns spans that are out of order or out of range.

    Notes
    -----
    Known limitations: a sentence that ends on an abbreviation is split only
    when the next word is a capitalised function word or sentence adverb, so
    ``... in the U.S. Lawmakers said ...`` and ``... at 10 a.m. Lawmakers
    said ...`` stay one sentence (Punkt cannot tell them from ``U.S.
    President``). A sentence that starts with an all-lowercase word after a
    period (``... fell. eBay`` is fine, ``... fell. de Gaulle ...`` is not)
    is joined to the previous one.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.segment import split_sentences
    >>> text = (
    ...     "Mr. Rutte said Moscow threatens the U.S. The NATO chief gave no details."
    ...     "\n\n– “Working together” –\n\n"
    ...     "Zelensky said troops had suffered “casualties.” “Why?” he asked."
    ... )
    >>> articles = pd.DataFrame({"text": [text]}, index=pd.Index(["a"], name="doc_id"))
    >>> sents = split_sentences(articles)
    >>> for row in sents.itertuples():
    ...     print(row.par_id, row.sent_id, row.kind, row.text)
    0 0 body Mr. Rutte said Moscow threatens the U.S.
    0 1 body The NATO chief gave no details.
    1 2 subheading – “Working together” –
    2 3 body Zelensky said troops had suffered “casualties.”
    2 4 body “Why?” he asked.
    >>> row = sents.iloc[1]
    >>> text[row.start : row.end] == row.text
    True
    """
    func = "split_sentences"
    splitter = _spans.check_splitter(splitter)
    progress = check_progress(progress, func)
    articles, texts = _spans.article_texts(articles, func)
    cols = _split(articles, texts, splitter, progress)
    empty = _no_rows(articles, cols["pos"])
    if empty:
        warn(
            f"{func}: {len(empty)} article(s) have no text and yield no sentence rows "
            f"(they stay in the articles frame): {show_values(empty)}"
        )
    return _frame(
        articles.index,
        cols["pos"],
        {
            "par_id": cols["par_id"],
            "sent_id": cols["sent_id"],
            "start": cols["start"],
            "end": cols["end"],
            "text": _text_column(cols["text"]),
            "kind": _text_column(cols["kind"]),
        },
    )


def train_sentence_splitter(
    articles_or_texts: pd.DataFrame | Iterable[str] | str,
    *,
    abbreviations: bool | Iterable[str] = True,
    orthography: bool = True,
    include_all_collocations: bool = False,
) -> _punkt.NewsSentenceSplitter:
    """Train a Punkt sentence splitter on your own corpus.

    NLTK's ``PunktTrainer`` reads the texts (unsupervised) and learns

    * abbreviations: word types that occur with a final period far more
      often than chance (``Abc.`` seen many times, never as ``Abc``), plus
      rare ones seen before a comma or a lowercase word;
    * orthographic context: for each word type, whether it was seen
      capitalised or in lower case at the start of, or inside, sentences,
      which decides whether a capitalised word after an abbreviation starts a
      sentence;
    * frequent sentence starters (words that often follow a boundary), and
      collocations across a period (``S. Bach``: initials and ordinals, or
      any period-final word with ``include_all_collocations=True``).

    The result is a splitter with all of mediakit's news rules (see
    :func:`split_sentences`); pass it as ``split_sentences(...,
    splitter=...)``. Its ``learned_abbreviations`` attribute lists the
    abbreviations training found beyond the seeded ones; ``abbreviations``,
    ``sent_starters`` and ``collocations`` show the full parameters.

    Parameters
    ----------
    articles_or_texts : pandas.DataFrame, iterable of str, or str
        An articles frame (its ``text`` column is used) or texts. Paragraphs
        are separated by blank lines, as in :func:`split_paragraphs`.
    abbreviations : bool or iterable of str, default True
        ``True`` seeds training with mediakit's abbreviation list and keeps
        it; ``False`` uses only what training learns; an iterable gives your
        own list instead (lowercase, no final period, e.g. ``["u.s", "gov"]``).
    orthography : bool, default True
        Also add mediakit's function-word orthography and sentence starters
        to what training learns (recommended for small corpora).
    include_all_collocations : bool, default False
        Consider every word pair across a period as a collocation candidate
        (Punkt's ``INCLUDE_ALL_COLLOCS``).

    Returns
    -------
    NewsSentenceSplitter
        A ``nltk.tokenize.punkt.PunktSentenceTokenizer`` subclass.

    Raises
    ------
    TypeError
        If the input is neither an articles frame nor texts.
    ValueError
        If there is no non-empty text to train on.

    Examples
    --------
    >>> from mediakit.segment import split_sentences, train_sentence_splitter
    >>> corpus = ["The Abc. team met in Oslo on a cold day, as planned."] * 30
    >>> splitter = train_sentence_splitter(corpus)
    >>> sorted(splitter.learned_abbreviations)
    ['abc']
    >>> import pandas as pd
    >>> articles = pd.DataFrame(
    ...     {"text": ["We met Abc. Smith today. He left."]},
    ...     index=pd.Index(["a"], name="doc_id"),
    ... )
    >>> split_sentences(articles, splitter=splitter)["text"].tolist()
    ['We met Abc. Smith today.', 'He left.']
    """
    func = "train_sentence_splitter"
    if isinstance(articles_or_texts, pd.DataFrame):
        _, texts = _spans.article_texts(articles_or_texts, func)
    elif isinstance(articles_or_texts, str):
        texts = [articles_or_texts]
    elif isinstance(articles_or_texts, Iterable):
        texts = list(articles_or_texts)
        wrong = [type(t).__name__ for t in texts if not isinstance(t, str)]
        if wrong:
            raise TypeError(
                f"{func} needs an articles frame or an iterable of str; "
                f"the iterable holds {sorted(set(wrong))}"
            )
    else:
        raise TypeError(
            f"{func} needs an articles frame or an iterable of str, "
            f"got {type(articles_or_texts).__name__}"
        )
    check_option("orthography", orthography, {True, False})
    check_option("include_all_collocations", include_all_collocations, {True, False})
    if abbreviations is True:
        seed: frozenset[str] = _punkt.abbreviations()
    elif abbreviations is False:
        seed = frozenset()
    elif isinstance(abbreviations, str) or not isinstance(abbreviations, Iterable):
        raise TypeError(
            "`abbreviations` must be True, False or an iterable of str such as "
            f"['u.s', 'gov']; got {abbreviations!r}"
        )
    else:
        seed = frozenset(a.strip().lower().rstrip(".") for a in abbreviations)
    docs = []
    for text in texts:
        pars = [text[s:e].replace("\n", " ") for s, e in _spans.paragraph_spans(text)]
        if pars:
            docs.append("\n\n".join(pars))
    if not docs:
        raise ValueError(f"{func} needs at least one non-empty text to train on")
    return _punkt.train_news_splitter(
        docs,
        abbrevs=seed,
        orthography=orthography,
        include_all_collocations=include_all_collocations,
    )
