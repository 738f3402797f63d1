"""Quotes of claim_changes: pair the direct quotes of two versions and diff their words.

A quote of ``a`` and one of ``b`` are the same quote when their words (Snowball
stems) share a dense run: at least half of the shorter quote's words, within a
region at least half of whose words are shared, and one content word. Quotes
in different alignment groups pair only if 80% of the shorter quote and three
content words are shared. One quote may pair with several (a quote cut into
two fragments, two quotes joined), as long as the regions they share do not
overlap. A quote without its closing mark (``unclosed`` in
:func:`mediakit.extract_quotes`) pairs, but is neither diffed nor reported:
its extent is a guess. Within a pair, the words outside the shared region on one side only
are a cut (a shortened quote), not a change; the rest is diffed word by word
on a key that ignores case, accents, the typographic form of quotes,
apostrophes and dashes, punctuation, the periods of ``U.S.`` and contractions
(``doesn't`` = ``does not``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import pandas as pd

from mediakit.compare._changes import fold
from mediakit.compare._claims_rules import Change, content_stems, stem
from mediakit.segment import stopwords

__all__ = ["Edge", "Quote", "lone_note", "pair_quotes", "quote_changes", "quotes_of"]

_QWORD = re.compile(r"\d+(?:[.,:]\d+)*%?|[^\W_]+(?:[.'’‐‑-][^\W_]+)*")
_EXPAND = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not")}
_EXPAND |= {"cannot": ("can", "not"), "ain't": ("is", "not")}
# between an inner closing mark and the next opening mark: the reporter's words
_REPORTER = re.compile(r"”[^“]*(?:“|$)")
_CLITICS = {"'re": "are", "'ve": "have", "'ll": "will", "'m": "am"}


@dataclass(frozen=True)
class Word:
    key: str
    stem: str
    start: int  # offsets into the article's text
    end: int


@dataclass
class Quote:
    side: str  # "a" or "b"
    start: int
    end: int
    text: str
    words: list[Word]
    sents: list[int]  # sentences of its words, one per word
    groups: set[int]
    unclosed: bool  # no closing mark: its extent is a guess; never diffed or reported
    regions: list[tuple[int, int]] = field(default_factory=list)  # shared regions (word ids)


def _keys(word: str) -> tuple[str, ...]:
    w = fold(word).replace("’", "'").replace("‐", "-").replace("‑", "-").replace(".", "")
    if w in _EXPAND:
        return _EXPAND[w]
    if w.endswith("n't") and len(w) > 3:
        return (w[:-3], "not")
    for clitic, full in _CLITICS.items():
        if w.endswith(clitic) and len(w) > len(clitic):
            return (w[: -len(clitic)], full)
    return (w,)


def quotes_of(
    quotes: pd.DataFrame,
    doc: Any,
    side: str,
    text: str,
    sentence_of: Any,
    group_of: Mapping[int, int],
) -> list[Quote]:
    """The quotes of one document with their words, sentences and alignment groups."""
    out = []
    rows = quotes[quotes["doc_id"] == doc]
    for start, end, unclosed in zip(
        rows["start"].tolist(), rows["end"].tolist(), rows["unclosed"].tolist(), strict=True
    ):
        start, end = int(start), int(end)
        inside = _REPORTER.sub(lambda m: " " * len(m.group()), text[start:end])
        words = [
            Word(k, stem(k), start + m.start(), start + m.end())
            for m in _QWORD.finditer(inside)
            for k in _keys(m.group())
        ]
        if not words:
            continue
        sents = [sentence_of(w.start) for w in words]
        groups = {group_of[s] for s in sents if s in group_of}
        quote = Quote(side, start, end, text[start:end], words, sents, groups, unclosed is True)
        out.append(quote)
    return out


@dataclass(frozen=True)
class Edge:
    qa: Quote
    qb: Quote
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    score: int


def _edge(qa: Quote, qb: Quote) -> Edge | None:
    stop = stopwords()
    sa, sb = [w.stem for w in qa.words], [w.stem for w in qb.words]
    blocks = [
        b for b in SequenceMatcher(None, sa, sb, autojunk=False).get_matching_blocks() if b.size
    ]
    shared = sum(b.size for b in blocks)

    def stray(b: Any) -> bool:
        return b.size == 1 and qa.words[b.a].key in stop

    while blocks and stray(blocks[0]):
        blocks.pop(0)
    while blocks and stray(blocks[-1]):
        blocks.pop()
    if not blocks:
        return None
    matched = sum(b.size for b in blocks)
    content = sum(qa.words[b.a + k].key not in stop for b in blocks for k in range(b.size))
    a_lo, a_hi = blocks[0].a, blocks[-1].a + blocks[-1].size
    b_lo, b_hi = blocks[0].b, blocks[-1].b + blocks[-1].size
    shorter = min(len(sa), len(sb))
    dense = matched >= 0.5 * min(a_hi - a_lo, b_hi - b_lo) and shared >= 0.5 * shorter
    if qa.groups & qb.groups:
        ok = dense and content >= 1
    else:
        ok = shared >= 0.8 * shorter and content >= 3
    return Edge(qa, qb, a_lo, a_hi, b_lo, b_hi, matched) if ok else None


def _overlaps(regions: list[tuple[int, int]], lo: int, hi: int) -> bool:
    return any(lo < r_hi and r_lo < hi for r_lo, r_hi in regions)


def _pair(qas: Sequence[Quote], qbs: Sequence[Quote]) -> list[Edge]:
    candidates = [e for qa in qas for qb in qbs if (e := _edge(qa, qb)) is not None]
    candidates.sort(key=lambda e: -e.score)
    edges = []
    for e in candidates:
        if _overlaps(e.qa.regions, e.a_lo, e.a_hi) or _overlaps(e.qb.regions, e.b_lo, e.b_hi):
            continue
        e.qa.regions.append((e.a_lo, e.a_hi))
        e.qb.regions.append((e.b_lo, e.b_hi))
        edges.append(e)
    return edges


def _bounds(q: Quote, lo: int, hi: int) -> tuple[int, int]:
    """The words between the neighbouring shared regions of ``q``, around (lo, hi)."""
    before = max((r_hi for r_lo, r_hi in q.regions if r_hi <= lo), default=0)
    after = min((r_lo for r_lo, r_hi in q.regions if r_lo >= hi), default=len(q.words))
    return before, after


def _side(q: Quote, text: str, lo: int, hi: int) -> str:
    return text[q.words[lo].start : q.words[hi - 1].end] if hi > lo else ""


def _piece(e: Edge, ta: str, tb: str, i1: int, i2: int, j1: int, j2: int) -> tuple[str, str, str]:
    """Evidence of one diff op: "x → y", "+ y" or "- x", with a function word of context."""
    stop = stopwords()
    wa, wb = e.qa.words, e.qb.words
    changed = [w.key for w in wa[i1:i2]] + [w.key for w in wb[j1:j2]]
    minor = all(k in stop for k in changed)
    has_before = i1 > 0 and j1 > 0 and wa[i1 - 1].key == wb[j1 - 1].key
    has_after = i2 < len(wa) and j2 < len(wb) and wa[i2].key == wb[j2].key
    if has_before and (minor or wa[i1 - 1].key in stop):
        i1, j1 = i1 - 1, j1 - 1
    if has_after and minor:
        i2, j2 = i2 + 1, j2 + 1
    xa, xb = _side(e.qa, ta, i1, i2), _side(e.qb, tb, j1, j2)
    if xa and xb:
        return f"{xa} → {xb}", xa, xb
    return (f"+ {xb}", xa, xb) if xb else (f"- {xa}", xa, xb)


def _changed(ka: list[str], kb: list[str]) -> list[tuple[int, int, int, int]]:
    """The non-equal spans of the diff of two key lists; changes that only one or two
    function words keep apart are one change ("The fact that US" → "That the")."""
    stop = stopwords()
    ops = SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    out: list[tuple[int, int, int, int]] = []
    glue = False
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            short = i2 - i1 <= 2 and all(w in stop for w in ka[i1:i2])
            glue = bool(out) and k < len(ops) - 1 and short
        elif glue:
            a1, _, b1, _ = out.pop()
            out.append((a1, i2, b1, j2))
        else:
            out.append((i1, i2, j1, j2))
    return out


def _diff(
    e: Edge, ta: str, tb: str, a_group: Mapping[int, int], b_group: Mapping[int, int]
) -> list[Change]:
    qa, qb = e.qa, e.qb
    a_lo, a_hi, b_lo, b_hi = e.a_lo, e.a_hi, e.b_lo, e.b_hi
    (a_min, a_max), (b_min, b_max) = _bounds(qa, a_lo, a_hi), _bounds(qb, b_lo, b_hi)
    if a_lo > a_min and b_lo > b_min:  # both open with words of their own: a change
        a_lo, b_lo = a_min, b_min
    if a_hi < a_max and b_hi < b_max:
        a_hi, b_hi = a_max, b_max
    ka = [w.key for w in qa.words[a_lo:a_hi]]
    kb = [w.key for w in qb.words[b_lo:b_hi]]
    per_group: dict[int, list[tuple[str, str, str, int, int, int]]] = {}
    for i1, i2, j1, j2 in _changed(ka, kb):
        i1, i2, j1, j2 = i1 + a_lo, i2 + a_lo, j1 + b_lo, j2 + b_lo
        ia = min(i1, len(qa.words) - 1)
        jb = min(j1, len(qb.words) - 1)
        sa, sb = qa.sents[ia], qb.sents[jb]
        g = a_group.get(sa)
        if g is None or sb not in b_group:
            continue  # a sentence the alignment does not hold
        evidence, xa, xb = _piece(e, ta, tb, i1, i2, j1, j2)
        per_group.setdefault(g, []).append((evidence, xa, xb, sa, sb, qa.words[ia].start))
    out = []
    for g, pieces in per_group.items():
        out.append(
            Change(
                g,
                "quote_altered",
                pieces[0][3],
                pieces[0][4],
                "; ".join(p[0] for p in pieces),
                " | ".join(p[1] for p in pieces if p[1]) or None,
                " | ".join(p[2] for p in pieces if p[2]) or None,
                pieces[0][5],
            )
        )
    return out


def lone_note(q: Quote, other_text: str | None) -> str:
    """What became of a quote without a counterpart: its sentence dropped or added, its
    words kept as paraphrase (half of its content stems in ``other_text``, the aligned
    sentences of the other version), or nothing (an empty string)."""
    if other_text is None:
        return " (sentence dropped)" if q.side == "a" else " (sentence added)"
    stems = content_stems(q.text)
    kept = stems & content_stems(other_text)
    survives = bool(stems) and len(kept) >= 0.5 * len(stems)
    if survives and q.side == "a":
        return " (its words kept as paraphrase, without quotation marks)"
    if survives:
        return " (a paraphrase of the other version, now in quotation marks)"
    return ""


def _lone(q: Quote, group: int, other_text: str | None) -> Change:
    """A quote without a counterpart: quote_dropped (side a) or quote_added (side b)."""
    shown = f"“{q.text.strip().rstrip(',;:').rstrip()}”"
    note = lone_note(q, other_text)
    sign = "-" if q.side == "a" else "+"
    kind = "quote_dropped" if q.side == "a" else "quote_added"
    sent = q.sents[0]
    a_sent, b_sent = (sent, None) if q.side == "a" else (None, sent)
    a_ev, b_ev = (q.text, None) if q.side == "a" else (None, q.text)
    return Change(group, kind, a_sent, b_sent, f"{sign} {shown}{note}", a_ev, b_ev, q.start)


def pair_quotes(
    qas: list[Quote],
    qbs: list[Quote],
    texts: tuple[str, str],
    groups: tuple[Mapping[int, int], Mapping[int, int]],
) -> list[tuple[Edge, list[Change]]]:
    """Pair the quotes of two versions, each pair with its quote_altered changes.

    The pairing of the module docstring, best pairs first; it records the shared
    regions in the quotes' ``regions`` (a quote left without one has no counterpart).
    A pair with an unclosed quote has no changes: its extent is a guess.
    """
    return [
        (
            e,
            []
            if e.qa.unclosed or e.qb.unclosed
            else _diff(e, texts[0], texts[1], groups[0], groups[1]),
        )
        for e in _pair(qas, qbs)
    ]


def quote_changes(
    qas: list[Quote],
    qbs: list[Quote],
    texts: tuple[str, str],
    groups: tuple[Mapping[int, int], Mapping[int, int]],
    unit_texts: Mapping[int, tuple[str | None, str | None]],
) -> list[Change]:
    """quote_altered, quote_dropped and quote_added changes of the two versions' quotes."""
    out = [c for _pair_edge, changes in pair_quotes(qas, qbs, texts, groups) for c in changes]
    for q in qas + qbs:
        if q.regions or q.unclosed:
            continue
        side_groups = groups[0] if q.side == "a" else groups[1]
        g = side_groups.get(q.sents[0])
        if g is None:
            continue  # a sentence the alignment does not hold
        other = unit_texts[g][1] if q.side == "a" else unit_texts[g][0]
        out.append(_lone(q, g, other))
    return out
