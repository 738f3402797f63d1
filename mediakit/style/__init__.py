"""How an article is written: lexical features and diversity, readability, sentiment.

``features`` (lexical features; ``_diversity``: TTR, MTLD, HD-D, MATTR...),
``readability`` (the classic formulas with their counts; ``_syllables``:
CMU Pronouncing Dictionary syllables) and ``sentiment`` (VADER). An analysis
stage: it uses segment, and the sources stage's quotation marks.
"""

from mediakit.style.features import (
    DIVERSITY_MEASURES,
    FEATURES,
    lexical_diversity,
    lexical_features,
)
from mediakit.style.readability import COUNTS, MEASURES, readability, scores_from_counts
from mediakit.style.sentiment import NEGATIVE, POSITIVE, sentiment

__all__ = [
    "COUNTS",
    "DIVERSITY_MEASURES",
    "FEATURES",
    "MEASURES",
    "NEGATIVE",
    "POSITIVE",
    "lexical_diversity",
    "lexical_features",
    "readability",
    "scores_from_counts",
    "sentiment",
]
