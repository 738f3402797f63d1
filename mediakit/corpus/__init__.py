"""Corpus scale: every per-article measure in one pass, and a corpus in chunks on every core.

:func:`document_features` (``mediakit.corpus.features``) computes lexical
features, readability and frame counts from one tokenization;
:func:`map_articles` (``mediakit.corpus.stream``) runs any per-article
function over a corpus a chunk at a time in worker processes, reading it
with :func:`mediakit.iter_articles`. The same functions take a Dask
DataFrame for a cluster (``mediakit._dask``). A stage above the others: it
uses io, clean, segment, style and framing, and nothing below imports it.
"""

from mediakit.corpus.features import FEATURE_GROUPS, document_features
from mediakit.corpus.stream import map_articles

__all__ = ["FEATURE_GROUPS", "document_features", "map_articles"]
