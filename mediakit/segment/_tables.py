"""Sentences and tokens for a measure: made here, or checked when the caller passes them.

Every measure that reads words (lexical features and diversity, readability,
frame counts and hits) takes optional ``sentences=`` and ``tokens=`` tables,
so that a corpus is split and tokenized once, not once per measure:

>>> sents = split_sentences(clean)                    # doctest: +SKIP
>>> toks = tokenize(clean, sentences=sents)           # doctest: +SKIP
>>> lexical_features(clean, sentences=sents, tokens=toks)   # doctest: +SKIP

:func:`sentences_and_tokens` makes what is not given and checks what is: the
columns, that every ``doc_id`` is an article, that offsets lie inside the
texts and that each token's sentence is in ``sentences``; tokens in another
row order are put back in reading order (article, ``token_id``). A token table's
``norm`` is used as it is when ``tokenize`` recorded (``attrs["lowercase"]``)
that it was made with the casing the measure needs; otherwise it is made
again from ``token``, so the results always equal those without the tables.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import MediakitWarning, check_table, show_values
from mediakit.segment import _words
from mediakit.segment.sentences import split_sentences
from mediakit.segment.tokens import tokenize

__all__ = [
    "SENTENCE_COLUMNS",
    "TOKEN_COLUMNS",
    "made_here",
    "positions",
    "sentence_rows",
    "sentences_and_tokens",
    "table_positions",
]

# (articles, sentences, tokens, {id(table): positions}) that made_here vouches for
_MADE_HERE: ContextVar[tuple[Any, Any, Any, dict[int, np.ndarray]] | None] = ContextVar(
    "mediakit_tables_made_here", default=None
)


@contextmanager
def made_here(articles: Any, sentences: Any, tokens: Any) -> Iterator[None]:
    """Vouch, inside the block, that these tables were just made from these articles.

    ``document_features`` splits and tokenizes once and passes the same objects
    to every measure: :func:`sentences_and_tokens` then returns them without
    checking them again, and :func:`table_positions` computes each table's
    article positions once. Only these very objects (``is``) are vouched for.
    """
    token = _MADE_HERE.set((articles, sentences, tokens, {}))
    try:
        yield
    finally:
        _MADE_HERE.reset(token)


def table_positions(articles: pd.DataFrame, table: pd.DataFrame) -> np.ndarray:
    """Position in ``articles`` of each row's doc_id (-1 if absent): :func:`positions`,
    remembered for the tables :func:`made_here` vouches for."""
    vouched = _MADE_HERE.get()
    if vouched is None or articles is not vouched[0] or not any(table is t for t in vouched[1:3]):
        return positions(articles.index, table["doc_id"])
    cache = vouched[3]
    if id(table) not in cache:
        cache[id(table)] = positions(articles.index, table["doc_id"])
    return cache[id(table)]


SENTENCE_COLUMNS = ("doc_id", "par_id", "sent_id", "start", "end", "kind")
TOKEN_COLUMNS = (
    "doc_id",
    "sent_id",
    "token_id",
    "token",
    "norm",
    "start",
    "end",
    "is_punct",
    "is_stop",
    "is_number",
)


def _positions(table: pd.DataFrame, articles: pd.DataFrame, func: str, name: str) -> np.ndarray:
    pos = positions(articles.index, table["doc_id"])
    if (pos < 0).any():
        unknown = pd.unique(table["doc_id"].to_numpy()[pos < 0]).tolist()
        raise ValueError(
            f"{func}: {name} has doc_id(s) that are not in the articles: {show_values(unknown)}; "
            "pass the table made from these articles"
        )
    return pos


def _check_offsets(
    table: pd.DataFrame, pos: np.ndarray, articles: pd.DataFrame, func: str, name: str
) -> None:
    lengths = np.fromiter(
        (len(t) if isinstance(t, str) else 0 for t in articles["text"].tolist()),
        dtype=np.int64,
        count=len(articles),
    )
    starts = table["start"].to_numpy(dtype=np.int64)
    ends = table["end"].to_numpy(dtype=np.int64)
    bad = (starts < 0) | (starts > ends) | (ends > lengths[pos])
    if bad.any():
        raise ValueError(
            f"{func}: {name} has start/end outside the article text in {int(bad.sum())} row(s) "
            f"(doc_id {show_values(pd.unique(table['doc_id'].to_numpy()[bad]).tolist())}); "
            "was it made from another version of the articles (e.g. before cleaning)?"
        )


def sentences_and_tokens(
    articles: pd.DataFrame,
    func: str,
    *,
    sentences: Any = None,
    tokens: Any = None,
    lowercase: bool = True,
    progress: bool | None = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sentences and tokens of ``articles``: split here, or the given tables checked.

    Warnings of the inner steps are silenced: the measure warns once, itself,
    about articles without words. ``tokens`` without ``sentences`` splits the
    sentences again (their ``sent_id`` are those of ``tokenize``'s default).
    ``progress`` is passed to the splitting and tokenizing done here.
    """
    vouched = _MADE_HERE.get()
    if (
        vouched is not None
        and articles is vouched[0]
        and sentences is vouched[1]
        and tokens is vouched[2]
        and tokens.attrs.get("lowercase") is lowercase
    ):
        return sentences, tokens
    described_s = "from mediakit.split_sentences(articles)"
    described_t = "from mediakit.tokenize(articles, sentences=sentences)"
    if sentences is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MediakitWarning)
            sents = split_sentences(articles, progress=progress)
    else:
        sents = check_table(
            sentences, SENTENCE_COLUMNS, func=func, name="`sentences`", described=described_s
        )
        _check_offsets(sents, _positions(sents, articles, func, "`sentences`"), articles, func,
                       "`sentences`")  # fmt: skip
    if tokens is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MediakitWarning)
            return sents, tokenize(
                articles, sentences=sents, lowercase=lowercase, progress=progress
            )
    toks = check_table(tokens, TOKEN_COLUMNS, func=func, name="`tokens`", described=described_t)
    pos = _positions(toks, articles, func, "`tokens`")
    _check_offsets(toks, pos, articles, func, "`tokens`")
    sent_pos = positions(articles.index, sents["doc_id"])
    width = int(max(sents["sent_id"].max() if len(sents) else 0,
                    toks["sent_id"].max() if len(toks) else 0)) + 1  # fmt: skip
    sent_keys = sent_pos * width + sents["sent_id"].to_numpy(dtype=np.int64)
    tok_keys = pos * width + toks["sent_id"].to_numpy(dtype=np.int64)
    orphan = ~np.isin(tok_keys, sent_keys)
    if orphan.any():
        docs = pd.unique(toks["doc_id"].to_numpy()[orphan]).tolist()
        raise ValueError(
            f"{func}: `tokens` has {int(orphan.sum())} token(s) whose sent_id is not in "
            f"`sentences` (doc_id {show_values(docs)}); make both tables from the same "
            "articles: tokens = tokenize(articles, sentences=sentences)"
        )
    token_id = toks["token_id"].to_numpy(dtype=np.int64)
    step_doc, step_tok = np.diff(pos), np.diff(token_id)
    if not ((step_doc > 0) | ((step_doc == 0) & (step_tok > 0))).all():
        # another row order (sorted, sampled, read back): reading order, as tokenize gives it
        attrs = dict(toks.attrs)
        toks = toks.iloc[np.lexsort((token_id, pos))].reset_index(drop=True)
        toks.attrs = attrs
    if toks.attrs.get("lowercase") is not lowercase:
        toks = toks.assign(norm=_words.normalise(toks["token"].astype("str"), lowercase))
        toks.attrs["lowercase"] = lowercase
    return sents, toks


def positions(index: pd.Index, doc_ids: Any) -> np.ndarray:
    """Position in ``index`` of each row's doc_id (-1 if absent).

    Each distinct id is looked up once (a tokens table repeats every id
    hundreds of times, and hashing strings row by row is slow).
    """
    codes, uniques = pd.factorize(doc_ids, sort=False)
    found = index.get_indexer(pd.Index(uniques))
    return np.where(codes >= 0, found[codes], -1)


def sentence_rows(
    sent_pos: np.ndarray, sent_ids: np.ndarray, pos: np.ndarray, ids: np.ndarray
) -> np.ndarray:
    """Row of the sentences table of each (article position ``pos``, ``ids``) pair.

    ``sent_pos``/``sent_ids`` are the sentences table's article positions and
    sent_ids; every pair asked for must be in it (:func:`sentences_and_tokens`
    checks that tokens are).
    """
    sent_ids = np.asarray(sent_ids, dtype=np.int64)
    ids = np.asarray(ids, dtype=np.int64)
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    width = int(max(sent_ids.max() if len(sent_ids) else 0, ids.max())) + 1
    keys = np.asarray(sent_pos, dtype=np.int64) * width + sent_ids
    order = np.argsort(keys, kind="stable")
    return order[np.searchsorted(keys[order], np.asarray(pos, dtype=np.int64) * width + ids)]
