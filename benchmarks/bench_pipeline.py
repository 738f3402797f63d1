"""Benchmark: load, clean and segment the BBC News corpus (2,225 articles).

Target (issue 2): the three stages together in under 10 s on the 2-core
reference machine. Prints wall time per stage, throughput and peak memory.
Needs ../shared/data/bbc_news (see ../shared/data/README.md); exits 0 with a
note when it is absent so `make bench` never fails on a machine without it.

Run: make bench   (or .venv/bin/python benchmarks/bench_pipeline.py [--repeat N])
"""

from __future__ import annotations

import sys
import time

from _common import BBC, main

import mediakit as mk


def run_once() -> tuple[dict[str, float], dict[str, int]]:
    """Time each stage once; return seconds per stage and table sizes."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    articles = mk.read_articles(BBC, id_from="path")  # stems repeat across topics
    times["load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    clean = mk.clean_articles(articles)
    times["clean"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sentences = mk.split_sentences(clean)
    times["split_sentences"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    tokens = mk.tokenize(clean, sentences=sentences)
    times["tokenize"] = time.perf_counter() - t0
    times["total"] = sum(times.values())
    counts = {"articles": len(articles), "sentences": len(sentences), "tokens": len(tokens)}
    return times, counts


def describe(counts: dict[str, int], mb: float) -> str:
    return (
        f"BBC News: {counts['articles']:,} articles, {mb:.1f} MB of text, "
        f"{counts['sentences']:,} sentences, {counts['tokens']:,} tokens"
    )


if __name__ == "__main__":
    sys.exit(main(__file__, run_once, describe=describe, target=("load+clean+segment", 10.0)))
