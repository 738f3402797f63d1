"""The ``df.mk`` namespace: mediakit's functions as methods of the table they take.

``import mediakit`` registers the accessor on :class:`pandas.DataFrame`, so a
chain reads left to right::

    clean = articles.mk.clean()                      # mk.clean_articles(articles)
    counts = clean.mk.count_frames(frames, normalize="per_1000_tokens")
    report = clean.mk.compare_versions("wire", "rewrite")
    clusters = clean.mk.near_duplicates().mk.story_clusters(clean)   # on the pairs table

It is sugar and nothing else: ``df.mk.<name>(*args, **kwargs)`` calls the
public function with ``df`` as its first argument and returns exactly what
the function returns; the method has the function's signature without that
first parameter, and the function's docstring (``df.mk.count_frames?`` in
Jupyter). There is one rule for names: a method has the name of its function,
except that the four ``*_articles`` functions drop the suffix, since the
frame is the articles: ``clean``, ``read``, ``iter`` and ``map``.

Which functions are methods: every public function whose first argument is an
articles frame (:data:`ARTICLES_METHODS`; ``read``, ``iter`` and ``map`` take
a raw table as :func:`mediakit.read_articles` does), and those whose first
argument is another of mediakit's tables (:data:`TABLE_METHODS`: a pairs
table, a frame-shift table, frame hits, a coding sheet). Functions that take
no table first (``load_dictionary``, ``stopwords``, ...) are not.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable
from typing import Any

import pandas as pd

from mediakit.clean import clean_articles, cleaning_audit
from mediakit.compare import (
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
from mediakit.framing import (
    coder_agreement,
    collocations,
    count_frames,
    dictionary_precision,
    frame_hits,
    keyness,
    kwic,
    sample_hits,
)
from mediakit.io import iter_articles, read_articles
from mediakit.report import pair_report, write_report
from mediakit.segment import split_paragraphs, split_sentences, tokenize, train_sentence_splitter
from mediakit.sources import extract_quotes, sources
from mediakit.style import lexical_diversity, lexical_features, readability, sentiment

__all__ = ["ARTICLES_METHODS", "TABLE_METHODS", "MediakitAccessor"]

#: Methods on an articles frame (method name -> function), in pipeline order.
ARTICLES_METHODS: dict[str, Callable[..., Any]] = {
    # io, clean, segment
    "read": read_articles,
    "iter": iter_articles,
    "clean": clean_articles,
    "cleaning_audit": cleaning_audit,
    "split_paragraphs": split_paragraphs,
    "split_sentences": split_sentences,
    "tokenize": tokenize,
    "train_sentence_splitter": train_sentence_splitter,
    # compare
    "tfidf_similarity": tfidf_similarity,
    "near_duplicates": near_duplicates,
    "align_sentences": align_sentences,
    "text_reuse": text_reuse,
    "verbatim_passages": verbatim_passages,
    "claim_changes": claim_changes,
    "extract_numbers": extract_numbers,
    "compare_versions": compare_versions,
    # style, sources
    "lexical_features": lexical_features,
    "lexical_diversity": lexical_diversity,
    "readability": readability,
    "sentiment": sentiment,
    "extract_quotes": extract_quotes,
    "sources": sources,
    # framing
    "count_frames": count_frames,
    "frame_hits": frame_hits,
    "frame_shift": frame_shift,
    "kwic": kwic,
    "keyness": keyness,
    "collocations": collocations,
    # corpus
    "document_features": document_features,
    "map": map_articles,
    # report
    "pair_report": pair_report,
    "write_report": write_report,
}

#: Methods on mediakit's other tables (method name -> function), by the table they take.
TABLE_METHODS: dict[str, Callable[..., Any]] = {
    # pairs (tfidf_similarity, near_duplicates)
    "story_clusters": story_clusters,
    "to_matrix": to_matrix,
    # frame_shift
    "frame_shift_summary": frame_shift_summary,
    # frame_hits
    "sample_hits": sample_hits,
    # a filled-in coding sheet (sample_hits)
    "dictionary_precision": dictionary_precision,
    "coder_agreement": coder_agreement,
}

#: Full function names a user may reach for, and the method that has them.
_RENAMED = {f.__name__: name for name, f in ARTICLES_METHODS.items() if f.__name__ != name}


class _Forward:
    """Class attribute of the accessor that gives ``func`` bound to the accessor's frame.

    The method it returns (built on first use, to keep ``import mediakit``
    fast) carries the function's docstring and its signature without the
    first parameter. The class holds this descriptor rather than that method
    so that doctest collection (``pytest --doctest-modules``), which looks for
    functions in a class, does not run every forwarded function's examples a
    second time under this module.
    """

    def __init__(self, name: str, func: Callable[..., Any]) -> None:
        self.name = name
        self.func = func
        self._method: Callable[..., Any] | None = None

    def __get__(self, accessor: Any, owner: type | None = None) -> Any:
        if self._method is None:
            self._method = self._build()
        if accessor is None:
            return self._method
        return types.MethodType(self._method, accessor)

    def _build(self) -> Callable[..., Any]:
        forward = self

        def method(self: MediakitAccessor, /, *args: Any, **kwargs: Any) -> Any:
            return forward.func(self._obj, *args, **kwargs)

        func = self.func
        signature = inspect.signature(func)
        first, *rest = signature.parameters.values()
        own = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
        method.__signature__ = signature.replace(parameters=[own, *rest])  # type: ignore[attr-defined]
        method.__name__ = self.name
        method.__qualname__ = f"MediakitAccessor.{self.name}"
        method.__wrapped__ = func  # type: ignore[attr-defined]
        call = f"mediakit.{func.__name__}(df, ...)"
        method.__doc__ = (
            f"``df.mk.{self.name}(...)`` is ``{call}``, with ``df`` as ``{first.name}``.\n\n"
            f"The docstring of :func:`mediakit.{func.__name__}` follows.\n\n"
            + inspect.cleandoc(func.__doc__ or "")
        )
        return method


class MediakitAccessor:
    """mediakit's functions as methods of a DataFrame: ``df.mk.clean()``, ``df.mk.kwic("war*")``.

    Each method calls the public function of the same name (``clean``,
    ``read``, ``iter`` and ``map`` stand for ``clean_articles``,
    ``read_articles``, ``iter_articles`` and ``map_articles``) with the frame
    as first argument, and returns what it returns; see the docstring of
    :mod:`mediakit.accessor` for the list.

    Examples
    --------
    >>> import mediakit as mk
    >>> clean = mk.load_sample_articles().mk.clean()
    >>> clean.mk.split_sentences().equals(mk.split_sentences(clean))
    True
    >>> pairs = clean.mk.tfidf_similarity()
    >>> pairs.mk.to_matrix().round(2)  # doctest: +NORMALIZE_WHITESPACE
    doc_id   wire  rewrite
    doc_id
    wire     1.00     0.79
    rewrite  0.79     1.00
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self._obj = frame

    def __getattr__(self, name: str) -> Any:
        # only called when the attribute is missing: point from a function's full name
        # to its method
        if name in _RENAMED:
            raise AttributeError(
                f"df.mk has no method {name!r}: the frame is the articles, so it is "
                f"df.mk.{_RENAMED[name]}(...)"
            )
        raise AttributeError(f"df.mk has no method {name!r}; see help(mediakit.accessor)")


for _name, _func in {**ARTICLES_METHODS, **TABLE_METHODS}.items():
    setattr(MediakitAccessor, _name, _Forward(_name, _func))
del _name, _func

pd.api.extensions.register_dataframe_accessor("mk")(MediakitAccessor)
