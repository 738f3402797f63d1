"""What lexical_features counts, from the sentences and tokens of a corpus (private).

:func:`tables` makes or checks the sentences and tokens once and keeps each
row's article position; :func:`words` turns the words into codes for the
diversity measures (``mediakit.style._diversity_table``); :func:`count_frame`
computes the counts and lengths of :func:`mediakit.lexical_features` with
numpy, one pass over the tokens for every article at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mediakit._progress import check_progress
from mediakit._validation import check_articles
from mediakit.segment._tables import sentence_rows, sentences_and_tokens, table_positions
from mediakit.sources._quotemarks import scan
from mediakit.style._diversity_table import Words

__all__ = ["Tables", "count_frame", "tables", "words"]

_LONG_WORD = 7  # letters; LIX counts words of more than six letters as long

# ---------------------------------------------------------------------------
# shared input handling
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Tables:
    """Sentences and tokens of the articles, tokens in reading order, with article positions."""

    sents: pd.DataFrame
    toks: pd.DataFrame
    sent_pos: np.ndarray  # article position of each sentence row
    tok_pos: np.ndarray  # article position of each token row (rows in reading order)
    is_word: np.ndarray  # tokens with is_punct False


def tables(
    articles: pd.DataFrame,
    func: str,
    lowercase: bool,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    progress: bool | None = False,
) -> Tables:
    """Sentences and tokens (made, or the given ones checked); the caller warns itself."""
    check_articles(articles, func=func)
    bad = [
        (d, type(v).__name__)
        for d, v in zip(articles.index, articles["text"].tolist(), strict=True)
        if not (isinstance(v, str) or v is None or (pd.api.types.is_scalar(v) and pd.isna(v)))
    ]
    if bad:
        raise TypeError(
            f"{func} needs str values in column `text`; got {bad[:5]} (doc_id, type). "
            "Convert them first, e.g. articles.assign(text=articles['text'].astype(str))"
        )
    sents, toks = sentences_and_tokens(
        articles,
        func,
        sentences=sentences,
        tokens=tokens,
        lowercase=lowercase,
        progress=check_progress(progress, func),
    )
    tok_pos = table_positions(articles, toks)  # in reading order: see _tables
    return Tables(
        sents,
        toks,
        table_positions(articles, sents),
        tok_pos,
        ~toks["is_punct"].to_numpy(dtype=bool),
    )


def words(articles: pd.DataFrame, t: Tables) -> Words:
    """Each article's words (tokens with is_punct False) as codes of their ``norm``, in order."""
    codes, _ = pd.factorize(t.toks["norm"].array[t.is_word])
    return Words(t.tok_pos[t.is_word], codes, len(articles))


# ---------------------------------------------------------------------------
# counts and lengths
# ---------------------------------------------------------------------------


def _quoted(text: str, pars: np.ndarray, word_starts: np.ndarray) -> int:
    """How many of the words starting at ``word_starts`` lie inside quotation marks."""
    # The same quotation-mark rules as mediakit.extract_quotes (one definition of "quoted").
    spans = [
        (q.content_start, q.content_end)
        for p_start, p_end in pars
        for q in scan(text, p_start, p_end)
    ]
    if not spans or not len(word_starts):
        return 0
    starts = np.array([s for s, _ in spans])
    ends = np.array([e for _, e in spans])
    idx = np.searchsorted(starts, word_starts, side="right") - 1
    inside = (idx >= 0) & (word_starts < ends[np.maximum(idx, 0)])
    return int(inside.sum())


def _alnum(tokens: pd.Series) -> np.ndarray:
    r"""Letters and digits in each token (``[^\W_]``): its length for a plain ASCII word."""
    plain = (tokens.str.isascii() & tokens.str.isalnum()).to_numpy(dtype=bool)
    out = tokens.str.len().to_numpy(dtype=np.int64, copy=True)
    if not plain.all():
        out[~plain] = [len(_ALNUM.findall(t)) for t in tokens[~plain].tolist()]
    return out


_ALNUM = re.compile(r"[^\W_]")


def _group_sum(groups: np.ndarray, values: Any, n: int) -> np.ndarray:
    return np.bincount(groups, weights=values, minlength=n)


def count_frame(articles: pd.DataFrame, t: Tables, words: Words) -> pd.DataFrame:
    index = articles.index
    n_docs = len(index)
    texts = ["" if not isinstance(x, str) else x for x in articles["text"].tolist()]
    word_toks = {  # the columns needed, of the word rows (no DataFrame: each call counts)
        name: t.toks[name].array[t.is_word] for name in ("token", "sent_id", "start", "is_number")
    }
    word_pos = words.doc
    alnum = _alnum(pd.Series(word_toks["token"]))
    n_words = words.lengths.astype(np.float64)
    letters = _group_sum(word_pos, alnum, n_docs)
    long_words = _group_sum(word_pos, (alnum >= _LONG_WORD).astype(np.float64), n_docs)
    numbers = _group_sum(word_pos, np.asarray(word_toks["is_number"], dtype=np.float64), n_docs)

    # words per body sentence (sentences without words count 0): mean and sample sd per article
    n_sent_rows = len(t.sents)
    if len(word_pos):
        rows = sentence_rows(
            t.sent_pos, t.sents["sent_id"].to_numpy(), words.doc, np.asarray(word_toks["sent_id"])
        )
        per_sent = np.bincount(rows, minlength=n_sent_rows).astype(np.float64)
    else:
        per_sent = np.zeros(n_sent_rows)
    body = t.sents["kind"].to_numpy() == "body"
    body_pos = t.sent_pos[body]
    n_sents = np.bincount(body_pos, minlength=n_docs).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_len = _group_sum(body_pos, per_sent[body], n_docs) / n_sents
        dev = per_sent[body] - mean_len[body_pos]
        sd_len = np.sqrt(_group_sum(body_pos, dev * dev, n_docs) / (n_sents - 1))
    mean_len[n_sents == 0] = np.nan
    sd_len[n_sents < 2] = np.nan

    # paragraphs holding body sentences; paragraph spans (all sentences) for the quotes
    par_ids = t.sents["par_id"].to_numpy(dtype=np.int64)
    width = int(par_ids.max()) + 1 if len(par_ids) else 1
    par_keys = t.sent_pos * width + par_ids
    n_pars = np.bincount(np.unique(par_keys[body]) // width, minlength=n_docs).astype(np.float64)
    order = np.argsort(par_keys, kind="stable")
    keys_sorted = par_keys[order]
    first = np.flatnonzero(np.r_[True, keys_sorted[1:] != keys_sorted[:-1]])[: len(order)]
    if len(order):
        par_start = np.minimum.reduceat(t.sents["start"].to_numpy(dtype=np.int64)[order], first)
        par_end = np.maximum.reduceat(t.sents["end"].to_numpy(dtype=np.int64)[order], first)
    else:
        par_start = par_end = first
    par_doc = keys_sorted[first] // width
    par_cut = np.searchsorted(par_doc, np.arange(n_docs + 1))
    par_arr = np.column_stack([par_start, par_end])
    word_cut = words.cut
    starts = np.asarray(word_toks["start"], dtype=np.int64)
    quoted = np.array(
        [
            _quoted(
                texts[p],
                par_arr[par_cut[p] : par_cut[p + 1]],
                starts[word_cut[p] : word_cut[p + 1]],
            )
            for p in range(n_docs)
        ],
        dtype=np.float64,
    )

    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(n_words > 0, 1.0, np.nan)
        out = pd.DataFrame(
            {
                "n_chars": np.array([len(x) for x in texts], dtype=np.int64),
                "n_tokens": n_words.astype(np.int64),
                "n_types": words.types(),
                "n_sentences": n_sents.astype(np.int64),
                "n_paragraphs": n_pars.astype(np.int64),
                "mean_sentence_length": mean_len,
                "sd_sentence_length": sd_len,
                "mean_word_length": ratio * letters / n_words,
                "long_word_share": ratio * long_words / n_words,
                "n_numbers": numbers.astype(np.int64),
                "quoted_token_share": ratio * quoted / n_words,
            },
            index=index.copy(),
        )
    out.index.name = "doc_id"
    return out
