"""Run a per-article function over a corpus in chunks, on every core, in bounded memory.

:func:`map_articles` reads the corpus a chunk at a time
(:func:`mediakit.iter_articles`), optionally cleans each chunk, runs the
function on it in a pool of worker processes (a few chunks in flight, so
memory stays bounded by the chunk size, not the corpus) and puts the
results together in the order of the source. It is the single-machine
counterpart of the Dask path: the same functions, the same results.

What could not be processed is reported, and nothing else is lost: an
unreadable file is a row with empty ``text`` and the reason in ``error``;
when the function raises on a chunk, its articles are run one by one, and
each article that still fails gets a row of NaN (document tables) with the
error in ``result.attrs["failed"]`` and a warning that names it.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import math
import multiprocessing
import os
import re
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

from mediakit import _progress
from mediakit._progress import bar, check_progress
from mediakit._validation import show_values, warn
from mediakit.clean import clean_articles
from mediakit.io.stream import (
    FileBatch,
    _check_chunksize,
    count_articles,
    plan_chunks,
    read_chunk,
    warn_repeated,
)

__all__ = ["map_articles"]

_IN_FLIGHT = 2  # chunks queued per worker: enough to keep it busy, few enough to bound memory


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _check_jobs(n_jobs: Any) -> int:
    if n_jobs is None:
        return _cores()
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0:
        raise ValueError(
            f"`n_jobs` = {n_jobs!r} is invalid; expected a positive integer, -1 (every core) "
            "or None (every core)"
        )
    return _cores() if n_jobs < 0 else n_jobs


Outcome = tuple[list[Any], Any, list[tuple[str, type[Warning]]], dict[Any, str]]


def _run(
    item: pd.DataFrame | FileBatch,
    func: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    clean: bool,
) -> Outcome:
    """Read (if not read yet), clean (if asked) and measure one chunk.

    Runs in a worker process. Returns the chunk's doc_ids, the result, the
    warnings (recorded, and sent back with the result) and the failures: if
    ``func`` raises, the articles are run one at a time and those that still
    raise are reported (the rest is kept).
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chunk = read_chunk(item)
        try:
            result = func(clean_articles(chunk) if clean else chunk, *args, **kwargs)
            failed: dict[Any, str] = {}
        except Exception:
            result, failed = _one_by_one(chunk, func, args, kwargs, clean)
    sent = [(str(w.message), w.category) for w in caught]
    return chunk.index.tolist(), result, sent, failed


def _one_by_one(
    chunk: pd.DataFrame,
    func: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    clean: bool,
) -> tuple[Any, dict[Any, str]]:
    parts: list[Any] = []
    failed: dict[Any, str] = {}
    for i in range(len(chunk)):
        one = chunk.iloc[i : i + 1]
        try:
            parts.append(func(clean_articles(one) if clean else one, *args, **kwargs))
        except Exception as exc:
            failed[one.index[0]] = f"{type(exc).__name__}: {exc}"
            parts.append(None)
    frames = [p for p in parts if isinstance(p, pd.DataFrame)]
    if not frames:
        return None, failed
    template = frames[0]
    if template.index.name == "doc_id":  # a document table: a row of NaN for each failure
        rows = [
            p if p is not None else pd.DataFrame(index=pd.Index([doc], name="doc_id"))
            for doc, p in zip(chunk.index, parts, strict=True)
        ]
        return pd.concat(rows), failed
    return pd.concat(frames, ignore_index=True), failed


_IDS = re.compile(r"\[[^\]]*\]|\d+")


class _Warnings:
    """Warnings sent back by the chunks: each kind shown once, then how often it came back."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, type[Warning]], int] = {}

    def add(self, sent: list[tuple[str, type[Warning]]], where: str) -> None:
        for message, category in sent:
            key = (_IDS.sub("…", message), category)
            self.seen[key] = self.seen.get(key, 0) + 1
            if self.seen[key] == 1:
                warnings.warn(f"{message} [{where}]", category, stacklevel=4)

    def summary(self) -> None:
        again = {k: n - 1 for k, n in self.seen.items() if n > 1}
        for (message, category), n in again.items():
            warnings.warn(
                f"the same warning came from {n} more chunk(s): {message}", category, stacklevel=4
            )


def _combine(results: list[Any]) -> Any:
    frames = [r for r in results if isinstance(r, pd.DataFrame)]
    if len(frames) != len([r for r in results if r is not None]):
        return results  # not tables: the list, in order
    if not frames:
        return pd.DataFrame()
    document = frames[0].index.name == "doc_id"
    attrs = dict(frames[0].attrs)
    out = pd.concat(frames, ignore_index=not document)
    out.attrs = attrs
    return out


def map_articles(
    source: Any,
    func: Callable[..., Any],
    /,
    *args: Any,
    clean: bool = False,
    chunksize: int = 1000,
    n_jobs: int | None = None,
    progress: bool | None = None,
    read_options: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """Apply ``func`` to a corpus one chunk of articles at a time, on every core.

    Memory holds a few chunks per worker and the results, never the whole
    corpus: with a function that returns one row per article (document
    features) a million articles fit in a laptop. The result equals
    ``func(articles)`` on the whole corpus for functions whose rows depend on
    one article alone (every per-article measure of mediakit:
    :func:`mediakit.document_features`, :func:`mediakit.lexical_features`,
    :func:`mediakit.readability`, :func:`mediakit.count_frames`,
    :func:`mediakit.extract_quotes`, ...).

    Parameters
    ----------
    source : path, glob, list of paths, DataFrame, or iterable of DataFrames
        The corpus, read with :func:`mediakit.iter_articles` (options in
        ``read_options``).
    func : callable
        ``func(articles, *args, **kwargs)`` for one chunk, an articles frame.
        With ``n_jobs`` > 1 it runs in worker processes, started with
        ``fork`` where the system has it (Linux, macOS): the function is
        inherited, not pickled, so one defined in a notebook, a closure or a
        lambda works. Where only ``spawn`` exists (Windows) it must be
        importable (defined in a module).
    *args, **kwargs
        Passed to ``func``.
    clean : bool, default False
        Run :func:`mediakit.clean_articles` on each chunk first (for raw
        files). Boilerplate that repeats across articles is then found within
        each chunk: keep chunks large (the default 1,000 articles) or clean
        the corpus first.
    chunksize : int, default 1000
        Articles per chunk.
    n_jobs : int, optional
        Worker processes; None or -1: one per core this process may use;
        1: run in this process (no pool: easiest to debug).
    progress : bool, optional
        Progress bar over the articles (tqdm): None shows it on a terminal
        or in a notebook, False never.
    read_options : dict, optional
        Options of :func:`mediakit.iter_articles` (``id_from``, ``text_col``,
        ``errors``, ...).

    Returns
    -------
    pandas.DataFrame or list
        The chunks' results put together in source order: a document table
        (index ``doc_id``) is concatenated as it is, a long table gets a new
        RangeIndex; results that are not DataFrames are returned as a list,
        one per chunk. ``attrs["failed"]`` maps each article the function
        could not process to its error (empty when none failed).

    Warns
    -----
    MediakitWarning
        The chunks' own warnings, each kind shown once with the chunk it came
        from, then how many more chunks raised it; the articles that failed,
        by doc_id and error; doc_ids repeated across chunks.

    Examples
    --------
    >>> import mediakit as mk
    >>> feats = mk.map_articles(mk.load_sample_articles(), mk.lexical_features,
    ...                         chunksize=1, n_jobs=1, progress=False)
    >>> feats.index.tolist(), int(feats.loc["wire", "n_tokens"]) > 500
    (['wire', 'rewrite'], True)
    """
    name = "map_articles"
    if not callable(func):
        raise TypeError(
            f"{name}: `func` must be callable, e.g. mk.document_features; got {type(func).__name__}"
        )
    chunksize = _check_chunksize(chunksize)
    jobs = _check_jobs(n_jobs)
    progress = check_progress(progress, name)
    if not isinstance(clean, bool):
        raise ValueError(f"`clean` = {clean!r} is invalid; expected one of {{False, True}}")
    options = dict(read_options or {})
    # article files are read by the workers (lazy): the main process only lists them
    chunks = plan_chunks(source, chunksize=chunksize, lazy=jobs > 1, **options)
    total = count_articles(source)
    results: list[Any] = []
    failed: dict[Any, str] = {}
    seen: set[Any] = set()
    shown = _Warnings()
    ticks = bar(
        _results(chunks, func, args, kwargs, clean, jobs),
        total=None if total is None else math.ceil(total / chunksize),
        desc=f"{name}: {getattr(func, '__name__', 'func')}",
        progress=progress,
    )
    for number, (ids, result, sent, chunk_failed) in enumerate(ticks):
        first = ids[0] if ids else None
        shown.add(sent, f"chunk {number}, from doc_id {first!r}")
        warn_repeated(ids, seen, stacklevel=3)
        results.append(result)
        failed.update(chunk_failed)
    shown.summary()
    if failed:
        warn(
            f"{name}: {getattr(func, '__name__', 'func')} failed on {len(failed)} article(s); "
            f"they are kept (NaN rows in a document table) and their errors are in "
            f"result.attrs['failed']: " + show_values([f"{d}: {e}" for d, e in failed.items()])
        )
    out = _combine(results)
    if isinstance(out, pd.DataFrame):
        out.attrs["failed"] = failed
    return out


def _results(
    chunks: Iterator[pd.DataFrame | FileBatch],
    func: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    clean: bool,
    jobs: int,
) -> Iterator[Outcome]:
    """(doc_ids, result, warnings, failures) of each chunk, in source order."""
    if jobs == 1:
        for item in chunks:
            with _progress.silenced():  # the bar over the chunks is the one to watch
                outcome = _run(item, func, args, kwargs, clean)
            yield outcome
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # The task reaches the workers through the initializer: with fork its arguments are
    # inherited, not pickled, so a function defined in a notebook, a closure or a lambda works
    with cf.ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_set_task,
        initargs=(func, args, kwargs, clean),
    ) as pool:
        pending: deque[cf.Future[Outcome]] = deque()
        for item in chunks:
            pending.append(pool.submit(_run_task, item))
            while len(pending) >= jobs * _IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_TASK: tuple[Any, ...] = ()  # (func, args, kwargs, clean) of the pool this worker belongs to


def _set_task(func: Callable[..., Any], args: Any, kwargs: Any, clean: bool) -> None:
    global _TASK
    _TASK = (func, args, kwargs, clean)
    _progress.silence()  # a forked kernel cannot show widgets; the caller's bar is the one
    # what the worker inherited (modules, the caller's data) is never garbage here: keep the
    # collector from walking it again at each full collection (and from writing to those
    # pages, which the fork shares with the parent until written)
    gc.freeze()


def _run_task(item: pd.DataFrame | FileBatch) -> Outcome:
    func, args, kwargs, clean = _TASK
    return _run(item, func, args, kwargs, clean)
