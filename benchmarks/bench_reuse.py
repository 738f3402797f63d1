"""Benchmark: text_reuse for many pairs on the BBC News corpus (2,225 articles).

The first --sources articles are compared with all 2,225 (self-pairs skipped:
200 x 2,225 - 200 = 444,800 pairs by default): word trigram containment both
ways, resemblance, and Greedy String Tiling passages of 8+ words for the
pairs that share an 8-word sequence. Prints wall time, pairs per second and
peak memory, and two measured baselines:

* sets: the same containment from Python sets of trigrams, pair by pair (the
  n-gram sets built once per article, as a careful loop would); its numbers
  are checked against text_reuse's;
* GST everywhere: Greedy String Tiling on every pair, without the sparse
  8-gram prefilter, timed on a random sample of pairs and extrapolated.

Needs ../shared/data/bbc_news (see ../shared/data/README.md); exits 0 with a
note when it is absent.

Run: .venv/bin/python benchmarks/bench_reuse.py [--sources 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from pathlib import Path

import numpy as np

import mediakit as mk
from mediakit.compare import _passages
from mediakit.compare.reuse import text_reuse, verbatim_passages

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc_news" / "articles"


def _peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _words(tokens, doc_ids):
    words = tokens.loc[~tokens["is_punct"], ["doc_id", "norm"]]
    grouped = words.groupby("doc_id", sort=False)["norm"].agg(list)
    return {d: grouped.get(d, []) for d in doc_ids}


def _sets_baseline(words, pairs, n=3):
    t0 = time.perf_counter()
    grams = {d: {tuple(w[i : i + n]) for i in range(len(w) - n + 1)} for d, w in words.items()}
    out = np.empty(len(pairs))
    for i, (a, b) in enumerate(pairs):
        sb = grams[b]
        out[i] = len(grams[a] & sb) / len(sb) if sb else np.nan
    return out, time.perf_counter() - t0


def _gst_everywhere(words, pairs, sample, min_passage=8, seed=0):
    rng = random.Random(seed)
    chosen = rng.sample(pairs, min(sample, len(pairs)))
    t0 = time.perf_counter()
    for a, b in chosen:
        _passages.greedy_string_tiling(words[a], words[b], min_passage)
    per_pair = (time.perf_counter() - t0) / len(chosen)
    return per_pair * len(pairs), len(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200, help="number of source articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the median of")
    parser.add_argument("--sample", type=int, default=2000, help="pairs for the GST baseline")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"bench_reuse: skipped, {BBC} is absent (see ../shared/data/README.md)")
        return 0

    t0 = time.perf_counter()
    articles = mk.clean_articles(mk.read_articles(BBC, id_from="path"))
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    tokens = mk.tokenize(articles)
    t_tok = time.perf_counter() - t0
    rss_before = _peak_rss_mib()
    sources = list(articles.index[: args.sources])

    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        reuse = text_reuse(articles, sources, None, tokens=tokens)
        times.append(time.perf_counter() - t0)
    t_reuse = statistics.median(times)
    t0 = time.perf_counter()
    reuse_tok = text_reuse(articles, sources, None)
    t_reuse_tok = time.perf_counter() - t0
    t0 = time.perf_counter()
    passages = verbatim_passages(articles, sources, None, tokens=tokens)
    t_passages = time.perf_counter() - t0
    rss_after = _peak_rss_mib()

    n_pairs = len(reuse)
    pairs = list(zip(reuse["doc_id_a"], reuse["doc_id_b"], strict=True))
    words = _words(tokens, articles.index)
    expected, t_sets = _sets_baseline(words, pairs)
    got = reuse["containment_derived"].to_numpy()
    same = np.allclose(got, expected, equal_nan=True, rtol=0, atol=1e-12)
    t_gst_all, sampled = _gst_everywhere(words, pairs, args.sample)

    with_passages = int((reuse["n_passages"] > 0).sum())
    labels = reuse["label"].value_counts(dropna=False).to_dict()
    print(f"bench_reuse: BBC News, {len(articles)} articles, {len(tokens):,} tokens")
    print(f"  load + clean              {t_load:7.2f} s")
    print(f"  tokenize (once)           {t_tok:7.2f} s")
    print(
        f"  text_reuse {len(sources)} x {len(articles)} -> {n_pairs:,} pairs "
        f"(median of {args.repeat}, tokens given)"
    )
    print(f"                            {t_reuse:7.2f} s   {n_pairs / t_reuse:,.0f} pairs/s")
    print(
        f"  text_reuse, tokenizing    {t_reuse_tok:7.2f} s   {n_pairs / t_reuse_tok:,.0f} pairs/s"
        f"   (same table: {reuse_tok.equals(reuse)})"
    )
    print(f"  verbatim_passages         {t_passages:7.2f} s   {len(passages):,} passages")
    print(f"  pairs sharing an 8-word sequence (run through GST): {with_passages:,}")
    print(f"  labels: {labels}")
    print("baselines")
    print(
        f"  Python sets, pair by pair {t_sets:7.2f} s   ratio {t_sets / t_reuse:5.1f}x "
        f"(containment only; equal to text_reuse: {same})"
    )
    print(
        f"  GST on every pair         {t_gst_all:7.0f} s   ratio {t_gst_all / t_reuse:5.0f}x "
        f"(extrapolated from {sampled:,} random pairs)"
    )
    print(f"peak RSS: {rss_before:,.0f} MiB after loading and tokenizing, {rss_after:,.0f} MiB")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
