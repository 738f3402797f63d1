"""What the pair report shows, computed once by :func:`mediakit.pair_report` (private)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from mediakit.compare import VersionComparison

__all__ = ["PairData"]


@dataclass(frozen=True)
class PairData:
    """Everything the page shows, computed once (see :func:`pair_report`)."""

    a: Any  # doc_ids (hashable)
    b: Any
    articles: pd.DataFrame  # the two articles, cleaned if asked
    comparison: VersionComparison
    quotes: pd.DataFrame  # the ledger of mediakit.report._quotes
    counts: pd.DataFrame  # count_frames, raw
    rates: pd.DataFrame  # count_frames, per 1,000 tokens
    hits: pd.DataFrame  # frame_hits
    dictionary: str  # its name, for the text
    readability: pd.DataFrame
    features: pd.DataFrame  # lexical_features
    notes: tuple[str, ...]  # the warnings of the steps, each once
    cleaned: bool
    n: int  # word n-gram length of containment
