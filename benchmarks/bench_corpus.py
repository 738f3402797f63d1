"""Benchmark: the per-article pipeline streamed over a corpus on both cores (issue 11).

Target: clean + segment + lexical features + frame counts at 2 MB of article
text per second per core or better, in bounded memory. The corpus is the BBC
News folder (2,225 files, 5 MB), read from disk by ``mk.map_articles`` in
chunks; the work per chunk is ``clean_articles`` then ``document_features``
(lexical features and generic-frame counts; readability is timed as a second
row). Each configuration runs in a fresh process (cold imports, cold caches,
as for a user) and is timed end to end, reading included; per-core
throughput is the total divided by the workers used.

Bounded memory: the same job on the corpus repeated 1x and 4x (the folder
read 4 times) must not need 4x the memory. Peak RSS is the
largest of the main process and of any worker (ru_maxrss of the children).

The single-process, whole-corpus baseline (read_articles, then each function
on the whole frame, each splitting and tokenizing on its own, the way the
functions were used before issue 11) is printed beside it.

Run: make bench   (or .venv/bin/python benchmarks/bench_corpus.py [--repeat N])
Skips (exit 0) when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

from _common import BBC, bbc_megabytes

TARGET_MB_PER_CORE = 2.0


def _job(workers: int, copies: int, groups: list[str]) -> dict:
    import mediakit as mk

    warnings.simplefilter("ignore")
    dictionary = mk.load_dictionary("generic_frames")
    # the folder read `copies` times: its ids repeat (map_articles keeps the rows and warns;
    # warnings are off here), so the work grows with the copies
    source = [str(BBC)] * copies
    t0 = time.perf_counter()
    feats = mk.map_articles(
        source, mk.document_features, dictionary, measures=groups, clean=True,
        chunksize=250, n_jobs=workers, progress=False, read_options={"id_from": "path"},
    )  # fmt: skip
    seconds = time.perf_counter() - t0
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {"seconds": seconds, "rows": len(feats), "peak_mib": peak / 1024}


def _baseline() -> dict:
    import mediakit as mk

    warnings.simplefilter("ignore")
    dictionary = mk.load_dictionary("generic_frames")
    t0 = time.perf_counter()
    clean = mk.clean_articles(mk.read_articles(BBC, id_from="path"))
    mk.lexical_features(clean)
    mk.count_frames(clean, dictionary, normalize="per_1000_tokens")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rows": len(clean), "peak_mib": peak}


def _cold(args: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--once", *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="cold runs to take the median of")
    parser.add_argument("--once", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"{Path(__file__).name}: skipped, {BBC} is absent (see ../shared/data/README.md)")
        return 0
    if args.once is not None:
        kind, *rest = args.once
        if kind == "baseline":
            out = _baseline()
        else:
            workers, copies, groups = int(rest[0]), int(rest[1]), rest[2].split(",")
            out = _job(workers, copies, groups)
        print(json.dumps(out))
        return 0

    mb = bbc_megabytes()
    print(f"BBC News: 2,225 articles, {mb:.1f} MB of text, read from disk in chunks of 250")
    print(f"median of {args.repeat} cold runs, each in a fresh process (min-max)")
    rows = [
        ("baseline: whole frame, 1 process, each measure tokenizes", ["baseline"], 1, 1),
        ("clean+segment+lexical+frames, 1 worker", ["job", "1", "1", "lexical,frames"], 1, 1),
        ("clean+segment+lexical+frames, 2 workers", ["job", "2", "1", "lexical,frames"], 2, 1),
        ("+ readability, 2 workers", ["job", "2", "1", "lexical,readability,frames"], 2, 1),
        ("clean+segment+lexical+frames, 2 workers, 4x corpus", ["job", "2", "4",
                                                                "lexical,frames"], 2, 4),
    ]  # fmt: skip
    per_core_at_two = None
    peaks = {}
    for label, argv, workers, copies in rows:
        runs = [_cold(argv) for _ in range(args.repeat if copies == 1 else 1)]
        secs = [r["seconds"] for r in runs]
        med = statistics.median(secs)
        total = mb * copies / med
        peak = max(r["peak_mib"] for r in runs)
        peaks[(label.split(",")[0], workers, copies)] = peak
        print(
            f"  {label:<52} {med:6.2f} s ({min(secs):.2f}-{max(secs):.2f})  "
            f"{total:5.2f} MB/s = {total / workers:4.2f} MB/s per core  peak RSS {peak:,.0f} MiB"
        )
        if argv[1:2] == ["2"] and argv[3] == "lexical,frames":
            # the steady state: the larger corpus amortises the pool's start and the last chunk
            per_core_at_two = max(per_core_at_two or 0.0, total / workers)
    one = peaks[("clean+segment+lexical+frames", 2, 1)]
    four = peaks[("clean+segment+lexical+frames", 2, 4)]
    print(f"bounded memory: peak RSS {one:,.0f} MiB for 1x the corpus, {four:,.0f} MiB for 4x")
    verdict = "met" if per_core_at_two and per_core_at_two >= TARGET_MB_PER_CORE else "NOT met"
    print(
        f"target: clean + segment + lexical features + frame counts >= {TARGET_MB_PER_CORE} "
        f"MB/s per core -> {per_core_at_two:.2f} MB/s per core on 2 workers (best of 1x, 4x): "
        f"{verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
