"""False positives of claim_changes on OneStopEnglish ADV-INT aligned sentence pairs.

Teachers simplified each OneStopEnglish story (Vajjala & Lučić 2018) from the
advanced to the intermediate level without meaning to change what it says, so
a change claim_changes reports between an advanced sentence and its
intermediate counterpart is (nearly always) a false positive. The pairs are the
human alignments of ``Sentence-Aligned/ADV-INT.txt``, mapped onto mediakit's
sentences of the original texts (whose quotation marks are intact) by
``benchmarks/_align_eval.py``; each story's mapped pairs become the alignment
table passed to claim_changes, so alignment errors play no part.

Prints, per kind: the rows reported, the aligned pairs looked at and the rate
per 100 pairs; then, for judging the figures, a sample of rows per kind (fixed
seed) with both sentences; then the same counts with mediakit's own alignment
(align_sentences) instead of the gold pairs, per 100 matched groups.

Needs ../shared/data/onestopenglish; skips with a message when it is absent.

Run: .venv/bin/python benchmarks/eval_claims.py [--sample N]
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pandas as pd
from _align_eval import OneStop, load_onestop

from mediakit.compare._diff import alignment_groups
from mediakit.compare.align import align_sentences
from mediakit.compare.claims import CLAIM_KINDS, claim_changes

REPO = Path(__file__).resolve().parents[1]
ONESTOP = REPO.parent / "shared" / "data" / "onestopenglish"


def gold_alignment(data: OneStop, story: str, sents: pd.DataFrame) -> pd.DataFrame:
    """An alignment table of the story's mapped gold pairs (adv = a, int = b)."""
    text = sents.set_index(["doc_id", "sent_id"])["text"]
    a, b = f"{story}/adv", f"{story}/int"
    rows: dict[tuple[int, int], str] = {}
    for sa, sb in data.mapped[story]:
        label = "merged" if len(sa) > 1 else "split" if len(sb) > 1 else "rewritten"
        for i in sorted(sa):
            for k in sorted(sb):
                rows.setdefault((i, k), label)
    keys = sorted(rows)
    return pd.DataFrame(
        {
            "a_sent": pd.array([i for i, _ in keys], dtype="Int64"),
            "b_sent": pd.array([k for _, k in keys], dtype="Int64"),
            "a_text": [text[(a, i)] for i, _ in keys],
            "b_text": [text[(b, k)] for _, k in keys],
            "similarity": float("nan"),
            "label": [rows[key] for key in keys],
        }
    )


def run(data: OneStop, gold: bool) -> tuple[pd.DataFrame, int, float]:
    """All rows of claim_changes over the stories, the number of aligned units, seconds."""
    grouped = dict(tuple(data.sentences.groupby("doc_id", sort=False)))
    frames, n_units, seconds = [], 0, 0.0
    for story in data.stories:
        if story not in data.mapped:
            continue
        a, b = f"{story}/adv", f"{story}/int"
        sents = pd.concat([grouped[a], grouped[b]], ignore_index=True)
        if gold:
            alignment = gold_alignment(data, story, sents)
        else:
            alignment = align_sentences(data.articles, a, b, sentences=sents)
        matched = alignment.dropna(subset=["a_sent", "b_sent"])
        n_units += len(set(alignment_groups(alignment)[matched.index.to_numpy()].tolist()))
        t0 = time.perf_counter()
        rows = claim_changes(data.articles, a, b, alignment=alignment)
        seconds += time.perf_counter() - t0
        frames.append(rows.assign(story=story))
    return pd.concat(frames, ignore_index=True), n_units, seconds


def per_kind(rows: pd.DataFrame, n_units: int, unit: str) -> None:
    counts = rows["kind"].value_counts()
    print(f"  {'kind':<22}{'rows':>7}{unit:>16}{'per 100':>10}")
    for kind in CLAIM_KINDS:
        n = int(counts.get(kind, 0))
        print(f"  {kind:<22}{n:>7}{n_units:>16}{100 * n / n_units:>10.1f}")
    print(f"  {'all kinds':<22}{len(rows):>7}{n_units:>16}{100 * len(rows) / n_units:>10.1f}")


def sample(rows: pd.DataFrame, n: int) -> None:
    for kind in CLAIM_KINDS:
        some = rows[rows["kind"] == kind]
        if some.empty:
            continue
        print(f"\n-- {kind}: {min(n, len(some))} of {len(some)} rows")
        for r in some.sample(min(n, len(some)), random_state=0).itertuples():
            print(f"   [{r.story} a{r.a_sent} b{r.b_sent}] {r.evidence}")
            for side, t in (("adv", r.a_text), ("int", r.b_text)):
                shown = textwrap.shorten(str(t), 230, placeholder=" …")
                print(textwrap.indent(textwrap.fill(f"{side}: {shown}", 100), "      "))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=3, help="rows shown per kind")
    args = parser.parse_args()
    if not ONESTOP.is_dir():
        print(f"eval_claims.py: skipped, {ONESTOP} is absent (see ../shared/data/README.md)")
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = load_onestop(ONESTOP)
        rows, n_pairs, seconds = run(data, gold=True)
        n_gold = sum(len(v) for v in data.mapped.values())
        print(
            f"claim_changes on OneStopEnglish ADV-INT: {len(data.mapped)} stories, {n_gold} "
            f"gold pairs mapped onto our sentences, {n_pairs} aligned units (overlapping "
            f"pairs joined), {seconds:.1f} s. Simplification should not change meaning: "
            "every row is a candidate false positive."
        )
        per_kind(rows, n_pairs, "aligned pairs")
        sample(rows, args.sample)
        own, n_groups, seconds = run(data, gold=False)
        print(
            f"\nwith mediakit's own alignment (align_sentences defaults), per matched group, "
            f"{seconds:.1f} s:"
        )
        per_kind(own, n_groups, "matched groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
