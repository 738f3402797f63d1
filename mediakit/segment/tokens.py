"""Split articles into word tokens; the stop word list.

:func:`tokenize` returns the tokens table (one row per token, exact
character offsets into each article's ``text``), sentence by sentence.
Words come from an NLTK ``RegexpTokenizer`` with a news-aware pattern; the
machinery lives in ``mediakit.segment._words``.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mediakit._dask import per_partition
from mediakit._gc import pausing
from mediakit._progress import bar, check_progress
from mediakit._validation import check_option, show_values, warn
from mediakit.segment import _punkt, _spans, _words
from mediakit.segment.sentences import (
    SentenceSplitter,
    _frame,
    _no_rows,
    _split,
)

__all__ = ["stopwords", "tokenize"]


# ---------------------------------------------------------------------------
# tokens
# ---------------------------------------------------------------------------


def _scan(
    texts: list[str],
    pos: list[int],
    sent_id: list[int],
    s_start: list[int],
    s_end: list[int],
    progress: bool | None = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Array, np.ndarray, np.ndarray]:
    r"""Tokens of each sentence ``texts[pos][s_start:s_end]``, in the order given.

    One ``findall`` per sentence with the word pattern preceded by the run of
    whitespace before it (:func:`~mediakit.segment._words.spaced_word_pattern`:
    the pattern's last alternative, ``\S``, takes any other character, so only
    whitespace lies between tokens). Each match is one string, gap and token;
    Arrow strips the gaps and measures the lengths, and the offsets follow from
    the lengths with numpy, with no match object and no Python string per
    token beyond the match itself. Returns the article position, sentence id,
    token id (within the article), token (an Arrow string array), start and
    end of each token.
    """
    findall = _words.spaced_word_pattern().findall
    sentences = bar(
        zip(pos, s_start, s_end, strict=True), total=len(pos), desc="tokenize", progress=progress
    )
    found: list[list[str]] = [findall(texts[p], s, e) for p, s, e in sentences]
    per_sent = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    spaced = pa.array(list(itertools.chain.from_iterable(found)), type=pa.large_string())
    tokens = pc.utf8_ltrim(spaced, characters=_words.WHITESPACE)
    n = len(tokens)
    tok_len = pc.utf8_length(tokens).to_numpy().astype(np.int64)
    step = pc.utf8_length(spaced).to_numpy().astype(np.int64)  # gap and token
    # end of token i = its sentence's start + the lengths of the sentence's gaps and tokens
    # up to and including i
    cum = np.cumsum(step)
    first = np.cumsum(per_sent) - per_sent  # index of each sentence's first token
    before = np.where(first > 0, cum[np.maximum(first - 1, 0)] if n else 0, 0)
    ends = np.repeat(np.asarray(s_start, dtype=np.int64) - before, per_sent) + cum
    starts = ends - tok_len
    positions = np.repeat(np.asarray(pos, dtype=np.int64), per_sent)
    # token ids restart at 0 in each article (sentences of one article are contiguous)
    new_doc = np.ones(len(pos), dtype=bool)
    if len(pos) > 1:
        new_doc[1:] = np.asarray(pos[1:]) != np.asarray(pos[:-1])
    doc_first = np.maximum.accumulate(np.where(new_doc, first, 0)) if len(pos) else first
    token_ids = np.arange(n, dtype=np.int64) - np.repeat(doc_first, per_sent)
    sent_ids = np.repeat(np.asarray(sent_id, dtype=np.int64), per_sent)
    return positions, sent_ids, token_ids, tokens, starts, ends


@lru_cache(maxsize=1)
def _stop_values() -> pa.Array:
    """Return what ``is_stop`` marks (the stop words and the clitic 's) as an Arrow array."""
    return pa.array(sorted(_punkt.stopword_list() | {"'s"}), type=pa.large_string())


def stopwords(language: str = "english") -> frozenset[str]:
    """Return the stop word list for ``language``.

    English is the Snowball English stop list (174 function words, from the
    Snowball project by Martin Porter, BSD licence; NLTK's English list is
    derived from it), shipped in ``mediakit/data/stopwords_en.txt`` with its
    provenance. It deliberately is not scikit-learn's ``ENGLISH_STOP_WORDS``,
    which includes news content words such as "bill", "fire", "interest" and
    "system". Following the Snowball list, "us" (US = United States) and the
    modal nouns "will", "can", "may", "must" are not stop words.

    Parameters
    ----------
    language : {"english"}
        Only English for now.

    Returns
    -------
    frozenset of str
        Lowercase words, contractions with a straight apostrophe ("don't").

    Raises
    ------
    ValueError
        For a language without a list.

    Examples
    --------
    >>> from mediakit.segment import stopwords
    >>> sw = stopwords()
    >>> len(sw), "the" in sw, "would" in sw, "bill" in sw, "us" in sw
    (174, True, True, False, False)
    """
    check_option("language", language, {"english"})
    return _punkt.stopword_list()


@per_partition
@pausing
def tokenize(
    articles: pd.DataFrame,
    *,
    lowercase: bool = True,
    splitter: SentenceSplitter | None = None,
    sentences: pd.DataFrame | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Split each article into word tokens, sentence by sentence.

    Sentences come from :func:`split_sentences` (``splitter`` is passed on),
    or from ``sentences`` if given; tokens never cross a sentence. The
    tokenizer is an ``nltk.tokenize.RegexpTokenizer`` with a news-aware
    pattern, close to the Penn Treebank conventions:

    * abbreviations and initials keep their period: ``U.S.``, ``a.m.``,
      ``J.K.``, ``Mr.``, ``Gen.``, ``Jan.``, ``No.`` (before a number), ``W.``
      in ``George W. Bush``; also at the end of a sentence (``the U.S.``),
      where the period is both;
    * numbers stay whole with their separators and suffixes: ``11,000``,
      ``3.5``, ``10:30``, ``24/7``, ``1990s``, ``2nd``, ``1.5bn``; currency
      and percent signs are separate tokens (``$`` ``125``, ``76`` ``%``);
    * hyphenated words stay whole (``24-hour``, ``e-mail``,
      ``President-elect``); so do apostrophe words (``don't``, ``O'Brien``),
      except the clitic ``'s``, split off as in the Treebank
      (``Zelensky's`` → ``Zelensky`` ``'s``, ``it's`` → ``it`` ``'s``);
    * quotes (``“ ” ‘ ’ " '``), brackets, dashes (``—`` ``–``) and other
      punctuation are one token per character; ``...`` and ``--`` are one
      token; URLs, e-mail addresses, ``#hashtags`` and ``@mentions`` are one
      token.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    lowercase : bool, default True
        Casefold ``norm``.
    splitter : object with ``span_tokenize(text)``, optional
        Sentence splitter, as in :func:`split_sentences`.
    sentences : pandas.DataFrame, optional
        A table from ``split_sentences(articles)`` (columns ``doc_id``,
        ``sent_id``, ``start``, ``end``), possibly filtered (e.g. only
        ``kind == "body"``): tokenize these sentences instead of splitting
        again. ``splitter`` is then ignored.
    progress : bool or None, default None
        A progress bar (tqdm) over the sentences, and over the articles when
        they are split here: ``None`` shows it on a terminal or in a notebook
        once the call has run for two seconds, ``True`` always, ``False``
        never.

    Returns
    -------
    pandas.DataFrame
        One row per token, RangeIndex, columns:

        ``doc_id``, ``sent_id`` (as in :func:`split_sentences`), ``token_id``
        (0-based within the article), ``token`` (the exact surface form:
        ``text[start:end] == token``), ``norm`` (NFKC-normalised, casefolded
        if ``lowercase``, typographic apostrophes ``’ ‘`` turned into ``'``),
        ``start``, ``end`` (offsets into the article's ``text``), and the
        booleans ``is_punct`` (no letter or digit: punctuation, quotes,
        dashes, symbols such as ``$`` and ``%``), ``is_stop`` (the casefolded
        ``norm`` is in :func:`stopwords`, or is the clitic ``'s``) and
        ``is_number`` (a numeral written with digits, e.g. ``11,000``,
        ``3.5``, ``1990s``, ``2nd``, ``1.5bn``).

    Warns
    -----
    MediakitWarning
        Naming the articles that yield no tokens (empty or missing text).

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.segment import tokenize
    >>> articles = pd.DataFrame(
    ...     {"text": ["Zelensky’s U.S. aid: $125 for 11,000 troops. It’s a 24-hour job."]},
    ...     index=pd.Index(["a"], name="doc_id"),
    ... )
    >>> toks = tokenize(articles)
    >>> toks["token"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['Zelensky', '’s', 'U.S.', 'aid', ':', '$', '125', 'for', '11,000', 'troops', '.',
     'It', '’s', 'a', '24-hour', 'job', '.']
    >>> toks["sent_id"].tolist()
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    >>> toks.loc[toks["is_stop"], "norm"].tolist()
    ["'s", 'for', 'it', "'s", 'a']
    >>> toks.loc[toks["is_number"], "token"].tolist()
    ['125', '11,000']
    """
    func = "tokenize"
    check_option("lowercase", lowercase, {True, False})
    progress = check_progress(progress, func)
    articles, texts = _spans.article_texts(articles, func)
    if sentences is None:
        sents = _split(articles, texts, _spans.check_splitter(splitter), progress)
    else:
        sents = _spans.given_sentences(sentences, articles, texts, func)
    positions, sent_ids, token_ids, tokens, starts, ends = _scan(
        texts, sents["pos"], sents["sent_id"], sents["start"], sents["end"], progress
    )
    empty = _no_rows(
        articles, np.flatnonzero(np.bincount(positions, minlength=len(texts))).tolist()
    )
    if empty:
        why = "no text" if sentences is None else "no text, or no rows in `sentences`"
        warn(f"{func}: {len(empty)} article(s) yield no tokens ({why}): {show_values(empty)}")

    # Each property is computed once per distinct token (tens of thousands, not millions),
    # with the same string operations, then spread out by code. Arrow encodes the tokens
    # (the surface column as it is) faster than hashing Python strings.
    encoded = tokens.dictionary_encode()
    codes = encoded.indices.to_numpy()
    kinds = pd.Series(pd.array(encoded.dictionary, dtype="str"))
    kinds_norm = _words.normalise(kinds, lowercase)
    folded = kinds_norm if lowercase else kinds_norm.str.casefold()
    # Tokens are single characters, or runs of letters/digits, or "..." / "--".
    single = kinds.str.len().to_numpy() == 1
    kinds_punct = (single & ~kinds.str.isalnum().to_numpy(dtype=bool)) | kinds.str.startswith(
        ("..", "--")
    ).to_numpy(dtype=bool)
    kinds_stop = pc.is_in(pa.array(folded.array), value_set=_stop_values()).to_numpy(
        zero_copy_only=False
    )
    kinds_number = kinds_norm.str.fullmatch(_words.NUMBER).to_numpy(dtype=bool)
    surface = pd.Series(pd.array(tokens, dtype="str"))
    norm = pd.Series(kinds_norm.array.take(codes))
    is_punct, is_stop, is_number = kinds_punct[codes], kinds_stop[codes], kinds_number[codes]
    out = _frame(
        articles.index,
        positions,
        {
            "sent_id": sent_ids,
            "token_id": token_ids,
            "token": surface,
            "norm": norm,
            "start": starts,
            "end": ends,
            "is_punct": is_punct,
            "is_stop": is_stop,
            "is_number": is_number,
        },
    )
    # how `norm` was made, so that a measure given this table (tokens=) knows whether
    # it can use `norm` as it is (see mediakit.segment._tables)
    out.attrs["lowercase"] = lowercase
    return out
