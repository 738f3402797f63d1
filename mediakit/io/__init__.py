"""Reading articles: files, folders, globs, CSV, JSON Lines, Parquet, DataFrames; decoding.

The first floor of the pipeline: it imports no other stage.
:func:`read_articles` is the entry point (``mediakit.io.load``);
:func:`iter_articles` reads a corpus a chunk at a time (``mediakit.io.stream``); decoding and
mojibake repair are ``mediakit.io._decode``, the table readers
``mediakit.io._tables``.
"""

from mediakit.io.load import DOC_EXTENSIONS, TABLE_EXTENSIONS, read_articles
from mediakit.io.stream import iter_articles

__all__ = ["DOC_EXTENSIONS", "TABLE_EXTENSIONS", "iter_articles", "read_articles"]
