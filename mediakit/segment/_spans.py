"""Where paragraphs and sentences lie in an article, and the checks of segment's inputs.

Paragraphs are runs of text between blank lines (``paragraph_spans``);
``paragraph_kind`` tells crossheads from body text; ``sentence_spans`` runs a
sentence splitter paragraph by paragraph. The other helpers check what
:mod:`mediakit.segment` is given and word its messages.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import check_articles, check_table, show_values, warn
from mediakit.segment._punkt import (
    CLOSING,
    OPENING,
    NewsSentenceSplitter,
    cached_spans,
    news_splitter,
)

__all__ = [
    "article_texts",
    "check_splitter",
    "given_sentences",
    "paragraph_kind",
    "paragraph_spans",
    "sentence_spans",
]


# A blank line (possibly holding spaces or tabs) or a Unicode paragraph separator.
_PAR_SEP = re.compile(r"\n[^\S\n]*\n\s*|\u2029\s*")
_DASHES = "-–—"
_DASH_WRAPPED = re.compile(r"[-–—]\s*\S.*\S\s*[-–—]")
_TERMINAL = re.compile("[.!?…:;,][" + re.escape(CLOSING) + "]*$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, stripped of surrounding whitespace."""
    spans = []
    pos = 0
    for sep in [*_PAR_SEP.finditer(text), None]:
        stop = sep.start() if sep is not None else len(text)
        chunk = text[pos:stop]
        stripped = chunk.strip()
        if stripped:
            start = pos + len(chunk) - len(chunk.lstrip())
            spans.append((start, start + len(stripped)))
        if sep is not None:
            pos = sep.end()
    return spans


def paragraph_kind(par: str, has_next: bool) -> str:
    """``"subheading"`` for a crosshead, else ``"body"``.

    A crosshead is one line that is either wrapped in dashes
    (``– “We have to work together” –``), or short (at most 12 words and 100
    characters), starts with a capital letter (after any opening quote), has
    no final punctuation, does not end in a dash (a dateline such as
    ``Budapest (AFP) –``) and is followed by another paragraph.
    """
    if "\n" in par:
        return "body"
    if len(par) <= 150 and _DASH_WRAPPED.fullmatch(par):
        return "subheading"
    if not has_next or len(par) > 100 or len(par.split()) > 12:
        return "body"
    if _TERMINAL.search(par) or par[-1] in _DASHES:
        return "body"
    first = par.lstrip(OPENING + CLOSING)
    if not first[:1].isalpha() or not first[:1].isupper():
        return "body"
    return "subheading"


def article_texts(articles: Any, func: str) -> tuple[pd.DataFrame, list[str]]:
    """Check ``articles``; return it and its texts (missing ones as "", with a warning)."""
    check_articles(articles, func=func)
    texts: list[str] = []
    missing: list[Any] = []
    wrong: list[Any] = []
    for doc_id, value in zip(articles.index, articles["text"].tolist(), strict=True):
        if isinstance(value, str):
            texts.append(value)
        elif value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            texts.append("")
            missing.append(doc_id)
        else:
            wrong.append((doc_id, type(value).__name__))
    if wrong:
        raise TypeError(
            f"{func} needs str values in column `text`; got {wrong[:5]} (doc_id, type). "
            "Convert them first, e.g. articles.assign(text=articles['text'].astype(str))"
        )
    if missing:
        warn(
            f"{func}: `text` is missing (NaN/None) for {len(missing)} article(s), "
            f"treated as empty: {show_values(missing)}",
            stacklevel=4,
        )
    return articles, texts


def check_splitter(splitter: Any) -> Any:
    """The default splitter for None; else ``splitter``, if it has span_tokenize."""
    if splitter is None:
        return news_splitter()
    if not callable(getattr(splitter, "span_tokenize", None)):
        raise TypeError(
            "`splitter` must be None or an object with a span_tokenize(text) method that "
            "yields (start, end) character spans, such as the result of "
            "mediakit.train_sentence_splitter(...) or an nltk PunktSentenceTokenizer; "
            f"got {type(splitter).__name__}"
        )
    return splitter


def sentence_spans(text: str, splitter: Any, doc_id: Any) -> list[tuple[int, int, int, str]]:
    """(par_id, start, end, kind) of each sentence of one article."""
    out: list[tuple[int, int, int, str]] = []
    pars = paragraph_spans(text)
    for par_id, (p_start, p_end) in enumerate(pars):
        par = text[p_start:p_end]
        if paragraph_kind(par, par_id + 1 < len(pars)) == "subheading":
            out.append((par_id, p_start, p_end, "subheading"))
            continue
        # Punkt reads "\n" as a line start; inside a paragraph it is a space.
        flat = par.replace("\n", " ")
        if isinstance(splitter, NewsSentenceSplitter):  # checked and stripped already
            out.extend(
                (par_id, p_start + s, p_start + e, "body") for s, e in cached_spans(splitter, flat)
            )
            continue
        prev_end = 0
        for span in splitter.span_tokenize(flat):
            try:
                s, e = (int(span[0]), int(span[1]))
            except (TypeError, ValueError, IndexError):
                raise ValueError(
                    f"`splitter`.span_tokenize returned {span!r} for doc_id {doc_id!r}; "
                    "expected (start, end) integer pairs"
                ) from None
            if not prev_end <= s <= e <= len(flat):
                raise ValueError(
                    f"`splitter`.span_tokenize returned span {(s, e)} for doc_id {doc_id!r}, "
                    f"paragraph {par_id}: spans must be in order, must not overlap and must "
                    f"lie within the paragraph (length {len(flat)})"
                )
            prev_end = e
            chunk = flat[s:e]
            stripped = chunk.strip()
            if not stripped:
                continue
            s += len(chunk) - len(chunk.lstrip())
            out.append((par_id, p_start + s, p_start + s + len(stripped), "body"))
    return out


def given_sentences(
    sentences: Any, articles: pd.DataFrame, texts: list[str], func: str
) -> dict[str, list[Any]]:
    """Check the ``sentences=`` table of tokenize; return its columns in reading order."""
    needed = ["doc_id", "sent_id", "start", "end"]
    check_table(
        sentences, needed, func=func, name="`sentences`", described="from split_sentences(articles)"
    )
    pos = articles.index.get_indexer(pd.Index(sentences["doc_id"]))
    if (pos < 0).any():
        unknown = sentences["doc_id"][pos < 0].unique().tolist()
        raise ValueError(
            f"{func}: `sentences` has doc_id(s) not in articles: {show_values(unknown)}"
        )
    starts = sentences["start"].to_numpy(dtype=np.int64)
    ends = sentences["end"].to_numpy(dtype=np.int64)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)[pos]
    bad = (starts < 0) | (starts > ends) | (ends > lengths)
    if bad.any():
        raise ValueError(
            f"{func}: `sentences` has start/end outside the article text in "
            f"{int(bad.sum())} row(s); was it made from another version of the articles?"
        )
    order = np.lexsort((starts, pos))
    return {
        "pos": pos[order].tolist(),
        "sent_id": sentences["sent_id"].to_numpy()[order].tolist(),
        "start": starts[order].tolist(),
        "end": ends[order].tolist(),
    }
