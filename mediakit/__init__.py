"""mediakit: media-analysis research toolkit for news, in pandas.

The public API is flat and follows the pipeline::

    articles = mk.read_articles("data/seed-pair")      # load
    clean = mk.clean_articles(articles)                 # clean, with an audit
    sentences = mk.split_sentences(clean)              # segment
    tokens = mk.tokenize(clean)
    report = mk.compare_versions(clean, "wire", "rewrite")  # compare two versions

``mk.plot`` holds the axes-level plots; it is imported on first use so that
``import mediakit`` stays fast and does not import matplotlib.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mediakit._validation import MediakitWarning
from mediakit.agreement import coder_agreement
from mediakit.align import align_sentences
from mediakit.claims import claim_changes
from mediakit.clean import CleaningRule, clean_articles, cleaning_audit, default_rules
from mediakit.compare import VersionComparison, compare_versions
from mediakit.datasets import (
    dictionary_datasheet,
    list_dictionaries,
    load_dictionary,
    load_sample_articles,
)
from mediakit.features import LexicalFeatures, lexical_diversity, lexical_features
from mediakit.frame_shift import frame_shift, frame_shift_summary
from mediakit.framing import (
    Dictionary,
    DictionaryFormatError,
    count_frames,
    frame_hits,
    read_dictionary,
)
from mediakit.keyness import collocations, keyness
from mediakit.kwic import kwic
from mediakit.load import read_articles
from mediakit.numbers import extract_numbers
from mediakit.quotes import extract_quotes, sources
from mediakit.readability import readability
from mediakit.reuse import text_reuse, verbatim_passages
from mediakit.segment import (
    split_paragraphs,
    split_sentences,
    stopwords,
    tokenize,
    train_sentence_splitter,
)
from mediakit.sentiment import sentiment
from mediakit.similarity import tfidf_similarity, to_matrix
from mediakit.validation import dictionary_precision, sample_hits

if TYPE_CHECKING:  # pragma: no cover
    from mediakit import plot

__version__ = "0.1.0"

__all__ = [
    "CleaningRule",
    "Dictionary",
    "DictionaryFormatError",
    "LexicalFeatures",
    "MediakitWarning",
    "VersionComparison",
    "__version__",
    "align_sentences",
    "claim_changes",
    "clean_articles",
    "cleaning_audit",
    "coder_agreement",
    "collocations",
    "compare_versions",
    "count_frames",
    "default_rules",
    "dictionary_datasheet",
    "dictionary_precision",
    "extract_numbers",
    "extract_quotes",
    "frame_hits",
    "frame_shift",
    "frame_shift_summary",
    "keyness",
    "kwic",
    "lexical_diversity",
    "lexical_features",
    "list_dictionaries",
    "load_dictionary",
    "load_sample_articles",
    "plot",
    "read_articles",
    "read_dictionary",
    "readability",
    "sample_hits",
    "sentiment",
    "sources",
    "split_paragraphs",
    "split_sentences",
    "stopwords",
    "text_reuse",
    "tfidf_similarity",
    "to_matrix",
    "tokenize",
    "train_sentence_splitter",
    "verbatim_passages",
]


def __getattr__(name: str) -> Any:
    if name == "plot":
        return importlib.import_module("mediakit.plot")
    raise AttributeError(f"module 'mediakit' has no attribute {name!r}")
