"""Paragraphs, sentences and tokens, news-aware and offline; word lists.

Paragraphs and sentences are ``mediakit.segment.sentences`` (NLTK Punkt with
parameters that ship in mediakit: ``mediakit.segment._punkt``; paragraph spans:
``mediakit.segment._spans``); tokens and the stop word list are
``mediakit.segment.tokens`` (the word tokenizer: ``mediakit.segment._words``);
the Dale-Chall familiar words are ``mediakit.segment._wordlists``. A floor of
the pipeline: it imports no analysis stage.
"""

from mediakit.segment.sentences import (
    SentenceSplitter,
    split_paragraphs,
    split_sentences,
    train_sentence_splitter,
)
from mediakit.segment.tokens import stopwords, tokenize

__all__ = [
    "SentenceSplitter",
    "split_paragraphs",
    "split_sentences",
    "stopwords",
    "tokenize",
    "train_sentence_splitter",
]
