"""near_duplicates on a synthetic corpus made of real BBC and Reuters text, with planted rewrites.

Usage: python benchmarks/bench_near_duplicates.py [--sizes 10000 100000 1000000]

The corpus: sentences of the 2,225 BBC articles and the Reuters-21578 bodies
are the pool. A *base* article is 8-20 sentences drawn from the pool with 20 %
of its words replaced by random pool words (so that bases are distinct). For
1 % of the articles a *rewrite* of a base is planted: 10-30 % of its words
replaced, its sentences partly reordered, up to two dropped. Recall is the
share of planted pairs found; precision the share of found pairs that are
planted (a found pair of two bases that share sentences by chance counts
against it).

Targets (issue 11): 1,000,000 articles in at most 5 minutes and 8 GB; recall
and precision at least 0.99; the ratio to the baseline a user writes first
(scikit-learn TF-IDF and chunked cosine similarity) at a size where it finishes.

``--dask N`` (default 10,000; 0 skips it) also runs the distributed path on a
``LocalCluster`` of 2 worker processes, 1 thread each, the articles in 8
partitions (persisted, after a warm-up call), and prints its time (the call
with its check pass, and the compute) and whether its pairs equal the pandas
pairs exactly.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import resource
import sys
import time
import warnings
from typing import Any

import numpy as np
import pandas as pd
from _common import BBC, REUTERS, reuters_bodies

import mediakit as mk

THRESHOLD = 0.25
SENT = re.compile(r"(?<=[.!?])\s+")


def pool() -> list[str]:
    sentences = []
    for p in sorted(BBC.rglob("*.txt")):
        body = p.read_bytes().decode("utf-8", errors="replace").split("\n", 1)[-1]
        sentences += [s for s in SENT.split(" ".join(body.split())) if len(s.split()) >= 5]
    if REUTERS.is_file():
        for _, body in reuters_bodies():
            body = " ".join(body.replace("&lt;", "<").split())
            sentences += [s for s in SENT.split(body) if len(s.split()) >= 5]
    return sentences


def corpus(n_docs: int, sentences: list[str], seed: int = 0):
    rng = random.Random(seed)
    vocab = list({w for s in sentences[:20000] for w in s.split()})

    def perturb(words: list[str], share: float) -> list[str]:
        words = list(words)
        for k in rng.sample(range(len(words)), k=int(len(words) * share)):
            words[k] = rng.choice(vocab)
        return words

    n_planted = n_docs // 100
    texts, planted = [], []
    for _ in range(n_docs - n_planted):
        sents = rng.sample(sentences, rng.randint(8, 20))
        texts.append(" ".join(perturb(" ".join(sents).split(), 0.35)))
    for _ in range(n_planted):
        src = rng.randrange(len(texts))
        sents = SENT.split(texts[src])
        for _ in range(rng.randint(0, min(2, len(sents) - 3))):
            sents.pop(rng.randrange(len(sents)))
        if len(sents) > 3:  # partly reordered: two sentences swap places
            i, j = rng.sample(range(len(sents)), 2)
            sents[i], sents[j] = sents[j], sents[i]
        words = perturb(" ".join(sents).split(), rng.uniform(0.1, 0.3))
        planted.append((src, len(texts)))
        texts.append(" ".join(words))
    return texts, set(planted)


def current_rss_mib() -> float:
    """Resident memory of this process now, in MiB (VmRSS; ru_maxrss only ever grows)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover - not Linux


def scores(pairs: set[tuple[int, int]], planted: set[tuple[int, int]]) -> tuple[float, float]:
    hit = len(pairs & planted)
    return hit / len(planted), (hit / len(pairs) if pairs else 1.0)


def run(n_docs: int, sentences: list[str]) -> dict[str, float]:
    texts, planted = corpus(n_docs, sentences)
    articles = pd.DataFrame({"text": texts}, index=pd.RangeIndex(n_docs, name="doc_id"))
    mb = sum(map(len, texts)) / 1e6
    del texts  # the articles frame holds the text: measure what near_duplicates adds to it
    rss_before = current_rss_mib()
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        pairs = mk.near_duplicates(articles, threshold=THRESHOLD)
    elapsed = time.perf_counter() - t
    found = set(zip(pairs.doc_id_a.tolist(), pairs.doc_id_b.tolist(), strict=True))
    recall, precision = scores(found, planted)
    return {
        "rss_frame": rss_before,
        "n": n_docs, "mb": mb, "seconds": elapsed, "recall": recall, "precision": precision,
        "candidates": pairs.attrs["n_candidates"], "found": len(found), "planted": len(planted),
    }  # fmt: skip


def distributed(n_docs: int, sentences: list[str]) -> dict[str, Any]:
    """The Dask path on a LocalCluster of 2 workers against the pandas path, same corpus."""
    import dask
    import dask.dataframe as dd
    import distributed as dist

    texts, _ = corpus(n_docs, sentences)
    articles = pd.DataFrame({"text": texts}, index=pd.RangeIndex(n_docs, name="doc_id"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        warnings.filterwarnings("ignore", "Sending large graph")  # the persist of from_pandas
        t = time.perf_counter()
        expected = mk.near_duplicates(articles, threshold=THRESHOLD, progress=False)
        pandas_seconds = time.perf_counter() - t
        with (
            dask.config.set({"dataframe.convert-string": False}),
            dist.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                host="127.0.0.1", silence_logs=logging.ERROR,
            ) as cluster,
            dist.Client(cluster),
        ):  # fmt: skip
            parts = dd.from_pandas(articles, npartitions=8, sort=False).persist()
            dist.wait(parts)
            # warm-up: the workers import mediakit and build the hash tables once
            mk.near_duplicates(parts.partitions[:2], threshold=THRESHOLD).compute()
            t = time.perf_counter()
            lazy = mk.near_duplicates(parts, threshold=THRESHOLD)
            call = time.perf_counter() - t
            got = lazy.compute()
            seconds = time.perf_counter() - t
    try:
        pd.testing.assert_frame_equal(got, expected)
        equal = got.attrs == expected.attrs
    except AssertionError:
        equal = False
    return {
        "seconds": seconds, "call": call, "pandas": pandas_seconds, "equal": equal,
        "pairs": len(got),
    }  # fmt: skip


def baseline(n_docs: int, sentences: list[str], threshold: float = 0.5) -> dict[str, float]:
    """What a user writes first: TF-IDF vectors and cosine similarity in chunks of rows."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    texts, planted = corpus(n_docs, sentences)
    t = time.perf_counter()
    x = TfidfVectorizer().fit_transform(texts)
    found = set()
    for lo in range(0, n_docs, 1000):
        sim = cosine_similarity(x[lo : lo + 1000], x)
        rows, cols = np.nonzero(sim >= threshold)
        found |= {
            (lo + r, c) for r, c in zip(rows.tolist(), cols.tolist(), strict=True) if lo + r < c
        }
    elapsed = time.perf_counter() - t
    recall, precision = scores(found, planted)
    return {"seconds": elapsed, "recall": recall, "precision": precision}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--baseline-size", type=int, default=10_000)
    parser.add_argument("--dask", type=int, default=10_000, metavar="N")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"bench_near_duplicates.py: skipped, {BBC} is absent")
        return 0
    t = time.perf_counter()
    sentences = pool()
    took = time.perf_counter() - t
    print(f"pool: {len(sentences):,} sentences of BBC News and Reuters-21578 ({took:.1f} s)")
    print(f"near_duplicates(threshold={THRESHOLD}, measure='containment'), defaults otherwise")
    ours_at = {}
    for n in args.sizes:
        r = run(n, sentences)
        ours_at[n] = r
        print(
            f"  {n:>9,} articles ({r['mb']:,.0f} MB): {r['seconds']:7.1f} s"
            f"   recall {r['recall']:.3f}   precision {r['precision']:.3f}"
            f"   ({r['planted']:,} planted, {r['found']:,} found,"
            f" {r['candidates']:,} candidates verified; the articles frame held"
            f" {r['rss_frame']:,.0f} MiB before the call)"
        )
    print(f"  peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
    if 1_000_000 in ours_at:
        r = ours_at[1_000_000]
        verdict = "within" if r["seconds"] <= 300 else "OVER"
        print(f"  target 1M: <= 300 s -> {r['seconds']:.0f} s ({verdict})")
    n = args.baseline_size
    if n in ours_at:
        b = baseline(n, sentences)
        print(
            f"baseline at {n:,} (TfidfVectorizer + chunked cosine_similarity >= 0.5): "
            f"{b['seconds']:.1f} s, recall {b['recall']:.3f}, precision {b['precision']:.3f}; "
            f"ratio {b['seconds'] / ours_at[n]['seconds']:.1f}x"
        )
        try:
            lsh = minhash_lsh(n, sentences, ours_at[n]["recall"])
        except ImportError:
            print("datasketch MinHashLSH: not installed (make lock installs the dev extra)")
        else:
            print(
                f"datasketch MinHashLSH at {n:,}, equal recall (threshold {lsh['threshold']}, "
                f"128 permutations, candidates verified exactly): {lsh['seconds']:.1f} s, recall "
                f"{lsh['recall']:.3f}, {lsh['candidates']:,} candidates; "
                f"ratio {lsh['seconds'] / ours_at[n]['seconds']:.1f}x"
            )
    if args.dask:
        try:
            d = distributed(args.dask, sentences)
        except ImportError:
            print("Dask: not installed (pip install 'mediakit[dask]')")
        else:
            print(
                f"Dask, LocalCluster of 2 workers x 1 thread, {args.dask:,} articles in 8 "
                f"partitions: {d['seconds']:.1f} s ({d['call']:.1f} s of it the call's check "
                f"pass); pandas {d['pandas']:.1f} s; {d['pairs']:,} pairs, "
                f"{'equal to' if d['equal'] else 'DIFFERENT from'} the pandas pairs"
            )
    return 0


def minhash_lsh(n_docs: int, sentences: list[str], recall: float) -> dict[str, float]:
    """datasketch's MinHashLSH on the same word 3-gram shingles, at the lowest LSH threshold
    tried (0.3, 0.2, 0.15, 0.1, 0.05) whose candidates reach our recall; verified like ours."""
    from datasketch import MinHash, MinHashLSH

    texts, planted = corpus(n_docs, sentences)
    word = re.compile(r"\w+")
    grams = []
    for t in texts:
        w = word.findall(t.lower())
        grams.append({" ".join(w[i : i + 3]).encode() for i in range(len(w) - 2)})
    best = None
    for threshold in (0.3, 0.2, 0.15, 0.1, 0.05):
        t0 = time.perf_counter()
        lsh = MinHashLSH(threshold=threshold, num_perm=128)
        hashes = []
        for i, g in enumerate(grams):
            m = MinHash(num_perm=128)
            m.update_batch(list(g))
            lsh.insert(i, m)
            hashes.append(m)
        cands = set()
        for i, m in enumerate(hashes):
            cands |= {(min(i, j), max(i, j)) for j in lsh.query(m) if j != i}
        found = {
            (i, j)
            for i, j in cands
            if len(grams[i] & grams[j]) >= THRESHOLD * min(len(grams[i]), len(grams[j]))
        }
        seconds = time.perf_counter() - t0
        r, _ = scores(found, planted)
        best = {"threshold": threshold, "seconds": seconds, "recall": r, "candidates": len(cands)}
        if r >= recall:
            break
    return best


if __name__ == "__main__":
    sys.exit(main())
