"""Evaluate align_sentences: the seed pair and the OneStopEnglish ADV-INT alignments.

Prints, for the closing note of issue 3:

* the seed pair (wire -> rewrite) against its hand alignment
  (tests/data/seed_pair_gold.json): (a_sent, b_sent, label) triples right/wrong;
* OneStopEnglish (Vajjala & Lučić 2018): each of the 189 stories' advanced
  text aligned to its intermediate text, scored against the 2,154 gold pairs of
  Sentence-Aligned/ADV-INT.txt: precision, strict precision, recall, F1, the
  number of stories and pairs, and the time spent aligning; for the defaults,
  for one-to-one matching only, and for each similarity;
* a null check: the advanced text of each story aligned to the intermediate
  text of the next story (unrelated); every match there is false.

How gold sentences are mapped onto our sentence splits and how precision is
made fair to a gold that lists only some pairs: see benchmarks/_align_eval.py.
Needs ../shared/data/onestopenglish; without it only the seed pair is scored.

Run: .venv/bin/python benchmarks/eval_alignment.py
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
from _align_eval import OneStop, evaluate, load_onestop

from mediakit.clean import clean_articles
from mediakit.compare.align import align_sentences
from mediakit.datasets import load_sample_articles

REPO = Path(__file__).resolve().parents[1]
ONESTOP = REPO.parent / "shared" / "data" / "onestopenglish"


def seed_pair() -> None:
    gold_file = REPO / "tests" / "data" / "seed_pair_gold.json"
    gold = json.loads(gold_file.read_text("utf-8"))["alignment_wire_to_rewrite"]["pairs"]
    gold_set = {tuple(p) for p in gold}
    articles = clean_articles(load_sample_articles())
    t0 = time.perf_counter()
    al = align_sentences(articles, "wire", "rewrite")
    seconds = time.perf_counter() - t0
    got = {
        tuple(None if pd.isna(v) else (int(v) if not isinstance(v, str) else v) for v in row)
        for row in al[["a_sent", "b_sent", "label"]].itertuples(index=False)
    }
    right = len(got & gold_set)
    print(
        f"seed pair (wire -> rewrite): {right} of {len(gold_set)} hand-aligned rows "
        f"reproduced, {len(got - gold_set)} extra, {len(gold_set - got)} missing "
        f"({seconds * 1000:.0f} ms)"
    )
    counts = al["label"].value_counts().to_dict()
    print("  labels: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in sorted(counts)))


def null_rate(data: OneStop) -> None:
    groups = dict(tuple(data.sentences.groupby("doc_id", sort=False)))
    n_sent = n_matched = 0
    t0 = time.perf_counter()
    for i, story in enumerate(data.stories):
        a, b = f"{story}/adv", f"{data.stories[(i + 1) % len(data.stories)]}/int"
        sents = pd.concat([groups[a], groups[b]], ignore_index=True)
        out = align_sentences(data.articles, a, b, sentences=sents)
        n_sent += len(groups[a])
        n_matched += out.dropna(subset=["a_sent", "b_sent"])["a_sent"].nunique()
    print(
        f"null check (adv of story i vs int of story i+1, {len(data.stories)} pairs): "
        f"{n_matched} of {n_sent} sentences matched = {n_matched / n_sent:.2%} false "
        f"({time.perf_counter() - t0:.1f} s)"
    )


def main() -> int:
    seed_pair()
    if not ONESTOP.is_dir():
        print(f"OneStopEnglish: skipped, {ONESTOP} is absent (see ../shared/data/README.md)")
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        data = load_onestop(ONESTOP)
        load = time.perf_counter() - t0
        n_mapped = sum(len(v) for v in data.mapped.values())
        print(
            f"OneStopEnglish ADV-INT: {len(data.stories)} stories, {len(data.gold)} gold pairs, "
            f"{n_mapped} mapped onto our sentences, {data.n_unmapped} not "
            f"(read, split and mapped in {load:.1f} s)"
        )
        runs = [
            ("defaults", {}),
            ("merge_split=False", {"merge_split": False}),
            ("similarity='char'", {"similarity": "char"}),
            ("similarity='tfidf+char'", {"similarity": "tfidf+char"}),
        ]
        for name, options in runs:
            s = evaluate(data, align_sentences, **options)
            print(
                f"  {name:<24} precision {s.precision:.3f} (strict {s.precision_strict:.3f})  "
                f"recall {s.recall:.3f}  F1 {s.f1:.3f}  | {s.n_articles} stories, "
                f"{s.n_found}/{s.n_gold} gold pairs found, rows {s.n_correct} correct / "
                f"{s.n_contradicted} contradicted / {s.n_judgeable} touching gold, "
                f"{s.seconds:.1f} s aligning"
            )
        null_rate(data)
    print(
        "precision = correct / (correct + contradicted); strict = correct / rows touching "
        "a gold sentence (every extra merge/split part counts as wrong)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
