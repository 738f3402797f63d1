"""mediakit: media-analysis research toolkit for news, in pandas.

The public API is flat and follows the pipeline::

    articles = mk.read_articles("data/seed-pair")      # load
    clean = mk.clean_articles(articles)                 # clean, with an audit
    sentences = mk.split_sentences(clean)              # segment
    tokens = mk.tokenize(clean)
    report = mk.compare_versions(clean, "wire", "rewrite")  # compare two versions
    mk.write_report(articles, "report.html")            # one self-contained page of a pair

``mk.plot`` holds the axes-level plots and ``mk.display`` the HTML views and the
browsers for notebooks; both are imported on first use, so that
``import mediakit`` stays fast and imports neither matplotlib nor ipywidgets.

The package is laid out like the pipeline, one subpackage per stage:
``io`` → ``clean`` → ``segment`` (the floors), then the analysis stages
``compare``, ``style``, ``sources`` and ``framing``, and ``corpus`` (a corpus in
chunks, on every core) above them; ``plot``, ``display``, ``report``,
``datasets`` and ``cli`` sit on top. Every name here is also importable from
its stage (``mediakit.compare.align_sentences``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mediakit import accessor as _accessor  # noqa: F401  (registers DataFrame.mk)
from mediakit._validation import MediakitWarning
from mediakit.clean import CleaningRule, clean_articles, cleaning_audit, default_rules
from mediakit.compare import (
    VersionComparison,
    align_sentences,
    claim_changes,
    compare_versions,
    extract_numbers,
    frame_shift,
    frame_shift_summary,
    near_duplicates,
    story_clusters,
    text_reuse,
    tfidf_similarity,
    to_matrix,
    verbatim_passages,
)
from mediakit.corpus import document_features, map_articles
from mediakit.datasets import load_sample_articles
from mediakit.framing import (
    Dictionary,
    DictionaryFormatError,
    coder_agreement,
    collocations,
    count_frames,
    dictionary_datasheet,
    dictionary_precision,
    frame_hits,
    keyness,
    kwic,
    list_dictionaries,
    load_dictionary,
    read_dictionary,
    sample_hits,
)
from mediakit.io import iter_articles, read_articles
from mediakit.report import pair_report, write_report
from mediakit.segment import (
    split_paragraphs,
    split_sentences,
    stopwords,
    tokenize,
    train_sentence_splitter,
)
from mediakit.sources import extract_quotes, sources
from mediakit.style import (
    lexical_diversity,
    lexical_features,
    readability,
    sentiment,
)
from mediakit.transformers import (
    DocumentFeatures,
    FrameCounts,
    LexicalFeatures,
    Readability,
    Sentiment,
)

if TYPE_CHECKING:  # pragma: no cover
    from mediakit import display as display  # not in __all__: a namespace of views
    from mediakit import plot

__version__ = "0.1.0"

__all__ = [
    "CleaningRule",
    "Dictionary",
    "DictionaryFormatError",
    "DocumentFeatures",
    "FrameCounts",
    "LexicalFeatures",
    "MediakitWarning",
    "Readability",
    "Sentiment",
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
    "document_features",
    "extract_numbers",
    "extract_quotes",
    "frame_hits",
    "frame_shift",
    "frame_shift_summary",
    "iter_articles",
    "keyness",
    "kwic",
    "lexical_diversity",
    "lexical_features",
    "list_dictionaries",
    "load_dictionary",
    "load_sample_articles",
    "map_articles",
    "near_duplicates",
    "pair_report",
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
    "story_clusters",
    "text_reuse",
    "tfidf_similarity",
    "to_matrix",
    "tokenize",
    "train_sentence_splitter",
    "verbatim_passages",
    "write_report",
]


def __getattr__(name: str) -> Any:
    if name in ("display", "plot"):
        return importlib.import_module(f"mediakit.{name}")
    raise AttributeError(f"module 'mediakit' has no attribute {name!r}")
