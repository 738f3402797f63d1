"""Shared machinery of the benchmarks: cold runs in fresh processes, peak memory, tables.

A benchmark script defines ``run_once() -> (times, counts)`` and calls
:func:`main`. Each repeat runs the script again with ``--once`` in a fresh
interpreter, so imports and caches (the sentence splitter, word lists, the
CMU dictionary) start cold, as they do for a user.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BBC = SHARED_DATA / "bbc_news" / "articles"

REUTERS = SHARED_DATA / "reuters21578" / "reuters21578.tar.gz"

RunOnce = Callable[[], tuple[dict[str, float], dict[str, int]]]


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reuters_bodies(path: Path = REUTERS) -> list[tuple[int, str]]:
    """(NEWID, body as written) of every Reuters-21578 story that has a body, in file order.

    The SGML is read leniently with regular expressions (its control-character
    entities trip strict parsers); the tests and the benchmarks share this reader.
    """
    out = []
    with tarfile.open(path) as tf:
        for member in sorted(tf.getmembers(), key=lambda m: m.name):
            if not member.name.endswith(".sgm"):
                continue
            raw = tf.extractfile(member).read().decode("latin-1")
            for story in re.findall(r"<REUTERS(.*?)</REUTERS>", raw, flags=re.S):
                body = re.search(r"<BODY>(.*?)</BODY>", story, flags=re.S)
                if body:
                    out.append((int(re.search(r'NEWID="(\d+)"', story).group(1)), body.group(1)))
    return out


def bbc_megabytes() -> float:
    """Size of the BBC article files, in MB."""
    return sum(p.stat().st_size for p in BBC.rglob("*.txt")) / 1e6


def main(
    script: str,
    run_once: RunOnce,
    *,
    describe: Callable[[dict[str, int], float], str],
    target: tuple[str, float] | None = None,
) -> int:
    """Run ``run_once`` cold ``--repeat`` times and print the median per stage."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="cold runs to take the median of")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"{Path(script).name}: skipped, {BBC} is absent (see ../shared/data/README.md)")
        return 0
    if args.once:
        rss_before = peak_rss_mib()
        times, counts = run_once()
        print(
            json.dumps(
                {
                    "times": times,
                    "counts": counts,
                    "peak_rss": peak_rss_mib(),
                    "rss_imports": rss_before,
                }
            )
        )
        return 0

    runs = []
    for _ in range(args.repeat):
        done = subprocess.run(
            [sys.executable, script, "--once"], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    mb = bbc_megabytes()
    counts = runs[0]["counts"]
    print(describe(counts, mb))
    print(f"median of {args.repeat} cold runs, each in a fresh process (min–max):")
    for stage in runs[0]["times"]:
        vals = [r["times"][stage] for r in runs]
        print(f"  {stage:<20} {statistics.median(vals):6.2f} s  ({min(vals):.2f}–{max(vals):.2f})")
    total = statistics.median(r["times"]["total"] for r in runs)
    print(f"throughput: {counts['articles'] / total:,.0f} articles/s, {mb / total:.2f} MB/s")
    peak = max(r["peak_rss"] for r in runs)
    imports = max(r["rss_imports"] for r in runs)
    print(f"peak RSS: {peak:,.0f} MiB (after imports: {imports:,.0f} MiB)")
    if target is not None:
        what, seconds = target
        verdict = "within" if total < seconds else "OVER"
        print(f"target: {what} < {seconds:.0f} s -> {verdict} ({total / seconds:.0%} of budget)")
    return 0
