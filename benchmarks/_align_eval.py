"""Score sentence alignments against the OneStopEnglish ADV-INT gold (development only).

Used by ``tests/compare/test_align_shared_data.py`` and ``benchmarks/eval_alignment.py``;
not part of the public API. The corpus (Vajjala & Lučić 2018, CC BY-SA 4.0) lives
in ``../shared/data/onestopenglish`` and is never copied into the repository.

The gold file ``Sentence-Aligned/ADV-INT.txt`` lists pairs of lines (advanced
sentence, then intermediate sentence) separated by ``*******`` lines. It does not
say which article a pair belongs to, and its sentences are the authors' own
splits, written with the non-ASCII characters removed (``today’s`` → ``todays``;
``—`` vanishes; some letters became ``_``). The authors aligned with cosine
similarity and listed no pair of identical sentences. So:

1. **Article.** Each gold pair goes to the article that maximises the sum of two
   containments: the share of the gold advanced sentence's distinct words found
   in the advanced text, and likewise for the intermediate side.
2. **Sentences.** Within that article, a gold sentence maps to *our* sentence(s)
   (``split_sentences`` segments). The anchor is the segment sharing the most
   words with it (multiset overlap). ``difflib.SequenceMatcher`` then matches the
   gold words against the anchor and two segments either side (word order
   counts; matching blocks of a single word are ignored as chance); while the
   chosen segments cover less than 80% of the gold words, a contiguous
   neighbour with at least half of its words matched is added (our splitter may
   cut where the authors did not). A gold sentence is *unmapped* when its
   segments' matched words are less than half of its words (a few story files
   hold another level's text); a gold pair with an unmapped side is left out and
   counted.
3. **Scores.** See :func:`evaluate`.

Words are compared after NFKD, dropping non-ASCII characters and underscores
and lowercasing, as ``[a-z0-9]+`` runs, so both sides lose the same characters.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ONESTOP_PARTS = {
    "gold": ("Sentence-Aligned", "ADV-INT.txt"),
    "adv": ("Texts-SeparatedByReadingLevel", "Adv-Txt"),
    # The UTF-8 originals; Int-Txt/*.txt is an ASCII-stripped variant.
    "int": ("Texts-SeparatedByReadingLevel", "Int-Txt", "Int-Txt"),
}
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(folded.replace("_", "").lower())


def read_gold(path: Path) -> list[tuple[str, str]]:
    """(advanced, intermediate) sentence pairs of a Sentence-Aligned file."""
    pairs = []
    for block in path.read_text(encoding="utf-8-sig").split("*******"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            if len(lines) != 2:
                raise ValueError(f"{path}: a block has {len(lines)} lines, expected 2: {lines}")
            pairs.append((lines[0], lines[1]))
    return pairs


@dataclass
class OneStop:
    """The two levels as one articles frame plus the gold pairs mapped onto our sentences."""

    articles: pd.DataFrame  # doc_ids "<story>/adv" and "<story>/int"
    sentences: pd.DataFrame  # split_sentences(articles)
    stories: list[str]
    gold: list[tuple[str, str]]
    # per story: list of (adv segment ids, int segment ids) for mapped gold pairs
    mapped: dict[str, list[tuple[frozenset[int], frozenset[int]]]] = field(default_factory=dict)
    n_unmapped: int = 0


def load_onestop(root: Path) -> OneStop:
    """Read the ADV and INT texts and map the ADV-INT gold onto our sentences."""
    from mediakit.io.load import read_articles
    from mediakit.segment import split_sentences

    frames = []
    for level, suffix in (("adv", "-adv"), ("int", "-int")):
        arts = read_articles(root.joinpath(*ONESTOP_PARTS[level]))
        names = arts.index.str.removesuffix(suffix)
        arts.index = pd.Index(names + "/" + level, name="doc_id")
        frames.append(arts[["text"]])
    articles = pd.concat(frames)
    stories = sorted(articles.index.str.removesuffix("/adv")[articles.index.str.endswith("/adv")])
    sentences = split_sentences(articles)
    gold = read_gold(root.joinpath(*ONESTOP_PARTS["gold"]))
    data = OneStop(articles, sentences, stories, gold)
    _map_gold(data)
    return data


def _map_gold(data: OneStop) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=words, binary=True)
    texts = data.articles["text"]
    vec.fit(texts.tolist() + [s for pair in data.gold for s in pair])
    adv = vec.transform([texts[f"{s}/adv"] for s in data.stories])
    int_ = vec.transform([texts[f"{s}/int"] for s in data.stories])
    g_adv = vec.transform([p[0] for p in data.gold])
    g_int = vec.transform([p[1] for p in data.gold])
    n_adv = np.maximum(np.asarray(g_adv.sum(axis=1)).ravel(), 1)
    n_int = np.maximum(np.asarray(g_int.sum(axis=1)).ravel(), 1)
    score = (g_adv @ adv.T).toarray() / n_adv[:, None] + (g_int @ int_.T).toarray() / n_int[:, None]
    best = score.argmax(axis=1)
    segs = {
        doc: [words(t) for t in grp["text"]]
        for doc, grp in data.sentences.groupby("doc_id", sort=False)
    }
    sids = {
        doc: grp["sent_id"].tolist() for doc, grp in data.sentences.groupby("doc_id", sort=False)
    }
    for (g_a, g_b), j in zip(data.gold, best, strict=True):
        story = data.stories[j]
        sa = _map_sentence(g_a, segs[f"{story}/adv"], sids[f"{story}/adv"])
        sb = _map_sentence(g_b, segs[f"{story}/int"], sids[f"{story}/int"])
        if sa and sb:
            data.mapped.setdefault(story, []).append((sa, sb))
        else:
            data.n_unmapped += 1


def _map_sentence(gold: str, segments: list[list[str]], ids: list[int]) -> frozenset[int]:
    g = words(gold)
    if not g or not segments:
        return frozenset()
    bag = Counter(g)
    anchor = int(np.argmax([sum((bag & Counter(s)).values()) for s in segments]))
    lo, hi = max(anchor - 2, 0), min(anchor + 3, len(segments))
    seq: list[str] = []
    owner: list[int] = []
    for i in range(lo, hi):
        seq.extend(segments[i])
        owner.extend([i] * len(segments[i]))
    hits: Counter[int] = Counter()
    matcher = SequenceMatcher(None, seq, g, autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.size >= 2:  # single common words ("the", "in") are no evidence
            hits.update(owner[block.a : block.a + block.size])
    chosen = [anchor]
    for step in (-1, 1):
        i = anchor + step
        while (
            lo <= i < hi
            and sum(hits[j] for j in chosen) < 0.8 * len(g)
            and hits[i] >= 0.5 * max(len(segments[i]), 1)
        ):
            chosen.append(i)
            i += step
    if sum(hits[i] for i in chosen) < 0.5 * len(g):
        return frozenset()
    return frozenset(ids[i] for i in chosen)


@dataclass
class Scores:
    precision: float  # correct / (correct + contradicted)
    precision_strict: float  # correct / judgeable (any row touching a gold sentence)
    recall: float
    f1: float
    n_articles: int
    n_gold: int  # mapped gold pairs
    n_unmapped: int
    n_found: int
    n_correct: int
    n_contradicted: int
    n_judgeable: int
    seconds: float

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f} (strict {self.precision_strict:.3f})  "
            f"recall {self.recall:.3f}  F1 {self.f1:.3f}  ({self.n_articles} articles; "
            f"{self.n_gold} gold pairs mapped, {self.n_unmapped} unmapped, {self.n_found} found; "
            f"predicted rows: {self.n_correct} correct, {self.n_contradicted} contradicted, "
            f"{self.n_judgeable} touching gold; {self.seconds:.1f} s aligning)"
        )


def _groups(out: pd.DataFrame) -> list[tuple[int, int, frozenset[int], frozenset[int]]]:
    """Matched rows as (a, b, a-set of its group, b-set of its group)."""
    rows = out.dropna(subset=["a_sent", "b_sent"])
    a = rows["a_sent"].astype(int).tolist()
    b = rows["b_sent"].astype(int).tolist()
    label = rows["label"].tolist()
    merged: dict[int, set[int]] = {}
    split: dict[int, set[int]] = {}
    for i, k, lab in zip(a, b, label, strict=True):
        if lab == "merged":
            merged.setdefault(k, set()).add(i)
        elif lab == "split":
            split.setdefault(i, set()).add(k)
    return [
        (
            i,
            k,
            frozenset(merged.get(k, {i}) if lab == "merged" else {i}),
            frozenset(split.get(i, {k}) if lab == "split" else {k}),
        )
        for i, k, lab in zip(a, b, label, strict=True)
    ]


def evaluate(
    data: OneStop,
    align: Callable[..., pd.DataFrame],
    stories: list[str] | None = None,
    **options: Any,
) -> Scores:
    """Align each story's adv (a) to its int (b) and score against the mapped gold.

    A predicted matched row ``(i, k)`` is *correct* when some gold pair holds
    ``i`` on its advanced side and ``k`` on its intermediate side, and
    *contradicted* when the gold pairs ``i`` (or ``k``) with sentences that are
    all outside the row's group (the a and b sentences of its merge or split).
    Rows that are neither (neither sentence in the gold, or an extra part of a
    merge or split whose other part the gold confirms: the gold lists one
    partner per sentence almost everywhere) cannot be judged. ``precision`` =
    correct / (correct + contradicted); ``precision_strict`` = correct / rows
    with a sentence in the gold, i.e. every extra merge or split part counts
    as an error.
    """
    stories = [s for s in (stories or data.stories) if s in data.mapped]
    n_gold = n_found = n_correct = n_contra = n_judge = 0
    seconds = 0.0
    grouped = dict(tuple(data.sentences.groupby("doc_id", sort=False)))
    for story in stories:
        a, b = f"{story}/adv", f"{story}/int"
        sents = pd.concat([grouped[a], grouped[b]], ignore_index=True)
        t0 = time.perf_counter()
        out = align(data.articles, a, b, sentences=sents, **options)
        seconds += time.perf_counter() - t0
        rows = _groups(out)
        gold = data.mapped[story]
        n_gold += len(gold)
        n_found += sum(any(i in ga and k in gb for i, k, _, _ in rows) for ga, gb in gold)
        for i, k, group_a, group_b in rows:
            touching = [(ga, gb) for ga, gb in gold if i in ga or k in gb]
            if not touching:
                continue
            n_judge += 1
            if any(i in ga and k in gb for ga, gb in touching):
                n_correct += 1
            elif any(
                (i in ga and not gb & group_b) or (k in gb and not ga & group_a)
                for ga, gb in touching
            ):
                n_contra += 1
    precision = n_correct / (n_correct + n_contra) if n_correct + n_contra else float("nan")
    strict = n_correct / n_judge if n_judge else float("nan")
    recall = n_found / n_gold if n_gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        precision,
        strict,
        recall,
        f1,
        len(stories),
        n_gold,
        data.n_unmapped,
        n_found,
        n_correct,
        n_contra,
        n_judge,
        seconds,
    )
