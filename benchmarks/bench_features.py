"""Benchmark: lexical features, readability, quotes and sentiment on BBC News.

Issue 4 asks for features + readability throughput (MB/s, articles/s) and peak
memory on the 2,225 BBC articles; quotes and sentiment are timed too. Loading
and cleaning are done first and not counted. Skips when ../shared/data is absent.

Run: make bench   (or .venv/bin/python benchmarks/bench_features.py [--repeat N])
"""

from __future__ import annotations

import sys
import time

from _common import BBC, main

import mediakit as mk


def run_once() -> tuple[dict[str, float], dict[str, int]]:
    """Time each measure once on the cleaned corpus."""
    clean = mk.clean_articles(mk.read_articles(BBC, id_from="path"))
    times: dict[str, float] = {}
    steps = {
        "lexical_features": mk.lexical_features,
        "readability": mk.readability,
        "extract_quotes": mk.extract_quotes,
        "sentiment": mk.sentiment,
    }
    sizes = {}
    for name, func in steps.items():
        t0 = time.perf_counter()
        sizes[name] = len(func(clean))
        times[name] = time.perf_counter() - t0
    # Issue 4's throughput figure is for features + readability.
    times["total"] = times["lexical_features"] + times["readability"]
    counts = {"articles": len(clean), "quotes": sizes["extract_quotes"]}
    return times, counts


def describe(counts: dict[str, int], mb: float) -> str:
    return (
        f"BBC News: {counts['articles']:,} articles, {mb:.1f} MB of text, "
        f"{counts['quotes']:,} quotes found; throughput below = lexical_features + readability"
    )


if __name__ == "__main__":
    sys.exit(main(__file__, run_once, describe=describe))
