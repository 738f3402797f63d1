"""Comparing versions of a story: similarity, alignment, reuse, changes of meaning, the report.

=======================  ===================================================
``similarity``           TF-IDF similarity of documents or sentences
                         (``_tfidf``: the vectoriser and IDF choices)
``align``                sentence alignment with reordering, merges, splits
                         (``_align_match``: the matcher)
``reuse``                containment, verbatim passages, derivation labels
                         (``_passages``: Greedy String Tiling)
``numbers``              figures with units and phrases
``claims``               what changed in meaning between aligned sentences
                         (``_claims_rules``, ``_claims_quotes``, ``_places``)
``frame_shift``          dictionary categories compared between versions
``near_duplicates``      near-duplicate pairs across a corpus, story clusters
                         (``_shingles``: n-gram shingles hashed in bulk)
``versions``             :func:`compare_versions` and its report
                         (``_report``, ``_views``: HTML and text;
                         ``_changes``: figures and name spellings;
                         ``_diff``: word diffs, alignment groups)
=======================  ===================================================

An analysis stage: it uses io, clean and segment, and the sources and framing
stages (quotes, dictionary hits); nothing it uses imports it back.
"""

from mediakit.compare.align import ALIGNMENT_LABELS, align_sentences
from mediakit.compare.claims import CLAIM_KINDS, claim_changes
from mediakit.compare.frame_shift import SHIFT_COLUMNS, frame_shift, frame_shift_summary
from mediakit.compare.near_duplicates import (
    NEAR_DUPLICATE_COLUMNS,
    WIRE_AGENCIES,
    near_duplicates,
    story_clusters,
)
from mediakit.compare.numbers import extract_numbers
from mediakit.compare.reuse import DEFAULT_THRESHOLDS, LABELS, text_reuse, verbatim_passages
from mediakit.compare.similarity import MIN_IDF_TEXTS, TOKEN_PATTERN, tfidf_similarity, to_matrix
from mediakit.compare.versions import VersionComparison, compare_versions

__all__ = [
    "ALIGNMENT_LABELS",
    "CLAIM_KINDS",
    "DEFAULT_THRESHOLDS",
    "LABELS",
    "MIN_IDF_TEXTS",
    "NEAR_DUPLICATE_COLUMNS",
    "SHIFT_COLUMNS",
    "TOKEN_PATTERN",
    "WIRE_AGENCIES",
    "VersionComparison",
    "align_sentences",
    "claim_changes",
    "compare_versions",
    "extract_numbers",
    "frame_shift",
    "frame_shift_summary",
    "near_duplicates",
    "story_clusters",
    "text_reuse",
    "tfidf_similarity",
    "to_matrix",
    "verbatim_passages",
]
