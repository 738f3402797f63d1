"""Benchmark: load, clean and segment the BBC News corpus (2,225 articles).

Target (issue 2): the three stages together in under 10 s on the 2-core
reference machine. Prints wall time per stage, throughput and peak memory.
Needs ../shared/data/bbc_news (see ../shared/data/README.md); exits 0 with a
note when it is absent so `make bench` never fails on a machine without it.

Run: make bench   (or .venv/bin/python benchmarks/bench_pipeline.py [--repeat N])
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import mediakit as mk

TARGET_S = 10.0
BBC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc_news" / "articles"


def _peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once() -> dict[str, float]:
    """Time each stage once; return seconds per stage."""
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
    run_once.last = (articles, sentences, tokens)  # type: ignore[attr-defined]
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the median of")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"bench_pipeline: skipped, {BBC} is absent (see ../shared/data/README.md)")
        return 0
    if args.once:  # one cold run in this process; the parent collects the JSON
        rss_before = _peak_rss_mib()
        times = run_once()
        articles, sentences, tokens = run_once.last  # type: ignore[attr-defined]
        counts = {"articles": len(articles), "sentences": len(sentences), "tokens": len(tokens)}
        rss = {"peak_rss": _peak_rss_mib(), "rss_imports": rss_before}
        print(json.dumps({"times": times, "counts": counts, **rss}))
        return 0

    # Each run in a fresh process: caches (the default splitter, sentence spans) start cold.
    runs = []
    for _ in range(args.repeat):
        done = subprocess.run(
            [sys.executable, __file__, "--once"], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    mb = sum(p.stat().st_size for p in BBC.rglob("*.txt")) / 1e6
    counts = runs[0]["counts"]
    print(
        f"BBC News: {counts['articles']:,} articles, {mb:.1f} MB of text, "
        f"{counts['sentences']:,} sentences, {counts['tokens']:,} tokens"
    )
    print(f"median of {args.repeat} cold runs, each in a fresh process (min–max):")
    for stage in runs[0]["times"]:
        vals = [r["times"][stage] for r in runs]
        print(f"  {stage:<16} {statistics.median(vals):6.2f} s  ({min(vals):.2f}–{max(vals):.2f})")
    total = statistics.median(r["times"]["total"] for r in runs)
    print(f"throughput: {counts['articles'] / total:,.0f} articles/s, {mb / total:.2f} MB/s")
    peak = max(r["peak_rss"] for r in runs)
    imports = max(r["rss_imports"] for r in runs)
    print(f"peak RSS: {peak:,.0f} MiB (after imports: {imports:,.0f} MiB)")
    verdict = "within" if total < TARGET_S else "OVER"
    print(
        f"target: load+clean+segment < {TARGET_S:.0f} s -> {verdict} "
        f"({total / TARGET_S:.0%} of budget)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
