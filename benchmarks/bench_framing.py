"""Benchmark: count_frames with LSD2015 over the 2,225 BBC News articles.

Issue 5: "counting LSD2015 (about 4,500 patterns) over the 2,225 BBC articles
must take seconds, not minutes. A benchmark prints it." Loading and cleaning
are done first and not counted; reading the dictionary, compiling it and
counting are. frame_hits (the evidence table) is timed too. Skips when
../shared/data is absent.

Run: make bench   (or .venv/bin/python benchmarks/bench_framing.py [--repeat N])
"""

from __future__ import annotations

import sys
import time

from _common import BBC, SHARED_DATA, main

import mediakit as mk

LSD = SHARED_DATA / "dictionaries" / "lexicoder" / "LSD2015.lc3"


def run_once() -> tuple[dict[str, float], dict[str, int]]:
    """Time reading LSD2015, count_frames and frame_hits once on the cleaned corpus."""
    clean = mk.clean_articles(mk.read_articles(BBC, id_from="path"))
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    lsd = mk.read_dictionary(LSD)
    times["read_dictionary"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts = mk.count_frames(clean, lsd)
    times["count_frames"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = mk.frame_hits(clean, lsd)
    times["frame_hits"] = time.perf_counter() - t0
    times["total"] = times["read_dictionary"] + times["count_frames"]
    sums = counts[list(lsd.categories)].sum()
    return times, {
        "articles": len(counts),
        "patterns": len(lsd.entries),
        "hits": len(hits),
        "negative": int(sums.iloc[0]),
        "positive": int(sums.iloc[1]),
        "tokens": int(counts["n_tokens"].sum()),
    }


def describe(counts: dict[str, int], mb: float) -> str:
    return (
        f"LSD2015 ({counts['patterns']:,} patterns) x BBC News ({counts['articles']:,} articles, "
        f"{counts['tokens']:,} word tokens, {mb:.1f} MB): {counts['hits']:,} hits "
        f"({counts['negative']:,} negative, {counts['positive']:,} positive); "
        "total below = read_dictionary + count_frames"
    )


if __name__ == "__main__":
    sys.exit(main(__file__, run_once, describe=describe, target=("read + count", 10.0)))
