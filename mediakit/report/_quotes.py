"""Quotes kept and lost: what became of each direct quote of one version in the other (private).

The quotes are those of :func:`mediakit.extract_quotes`; they are paired across
the two versions exactly as :func:`mediakit.claim_changes` pairs them (see
``mediakit.compare._claims_quotes``), so this ledger and the report's changes of
meaning always agree: a quote the ledger calls ``lost`` is a ``quote_dropped``
change there, a ``reworded`` one has ``quote_altered`` changes.

Two quotes are the same quote when their words (Snowball stems, after folding
case, accents, typographic quotes, apostrophes, dashes and contractions) share
a dense run: at least half of the shorter quote's words, within a region at
least half of whose words are shared, and one content word; quotes in sentences
that the alignment does not pair need 80% of the shorter quote and three
content words. One quote may pair with several (a quote cut into fragments),
as long as the shared regions do not overlap.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from typing import Any

import pandas as pd

from mediakit.compare import _diff
from mediakit.compare._claims_quotes import Quote, lone_note, pair_quotes, quotes_of

__all__ = ["LEDGER_COLUMNS", "STATUSES", "quote_ledger"]

#: The fate of a quote, for each side. ``a``: kept (word for word), shortened (part of it
#: quoted word for word, the rest cut), reworded (words changed inside the quote), lost
#: (no quote of b has its words). ``b``: kept, lengthened (words quoted beyond a's quote),
#: reworded, added (no quote of a has its words). A quote without words (only
#: punctuation between its marks) cannot be compared: ``not compared``.
STATUSES = {
    "a": ("kept", "shortened", "reworded", "lost", "not compared"),
    "b": ("kept", "lengthened", "reworded", "added", "not compared"),
}

LEDGER_COLUMNS = [
    "side",
    "doc_id",
    "sent_id",
    "speaker",
    "quote",
    "status",
    "words_kept",
    "counterpart",
    "counterpart_sent",
    "note",
    "start",
    "end",
]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _locator(sentences: pd.DataFrame, doc: Hashable) -> Any:
    rows = sentences[sentences["doc_id"] == doc]
    starts = [int(s) for s in rows["start"]]
    ids = [int(i) for i in rows["sent_id"]]

    def sentence_of(pos: int) -> int:
        k = bisect.bisect_right(starts, pos) - 1
        return ids[max(k, 0)] if ids else -1

    return sentence_of


def _groups(alignment: pd.DataFrame) -> tuple[dict[int, int], dict[int, int], dict[int, Any]]:
    """Sentence → alignment group for each side, and group → (a text, b text)."""
    groups = _diff.alignment_groups(alignment)
    a_group: dict[int, int] = {}
    b_group: dict[int, int] = {}
    texts: dict[int, Any] = {}
    for g in dict.fromkeys(groups.tolist()):
        a_ids, b_ids, a_text, b_text = _diff.group_texts(alignment[groups == g])
        a_group.update({i: int(g) for i in a_ids})
        b_group.update({i: int(g) for i in b_ids})
        texts[int(g)] = (a_text if a_ids else None, b_text if b_ids else None)
    return a_group, b_group, texts


def _words_in_regions(q: Quote) -> int:
    inside: set[int] = set()
    for lo, hi in q.regions:
        inside.update(range(lo, hi))
    return len(inside)


def _status(q: Quote, altered: bool) -> str:
    if not q.regions:
        return "lost" if q.side == "a" else "added"
    if altered:
        return "reworded"
    if _words_in_regions(q) == len(q.words):
        return "kept"
    return "shortened" if q.side == "a" else "lengthened"


def quote_ledger(
    articles: pd.DataFrame,
    a: Any,
    b: Any,
    *,
    sentences: pd.DataFrame,
    alignment: pd.DataFrame,
    quotes: pd.DataFrame,
) -> pd.DataFrame:
    """Every direct quote of ``a`` and of ``b`` with what became of it in the other version.

    Parameters
    ----------
    articles : pandas.DataFrame
        The two articles (index ``doc_id``, column ``text``), as compared.
    a, b : hashable
        The source and the later version.
    sentences, alignment, quotes : pandas.DataFrame
        Their sentences (:func:`mediakit.split_sentences`), the alignment of a's
        sentences to b's (:func:`mediakit.align_sentences`, as in
        :func:`mediakit.compare_versions`) and their quotes
        (:func:`mediakit.extract_quotes`).

    Returns
    -------
    pandas.DataFrame
        One row per quote of ``quotes`` for ``a`` then ``b``, in reading order
        (rows in = rows out), RangeIndex, columns :data:`LEDGER_COLUMNS`:
        ``side`` ("a" or "b"), ``doc_id``, ``sent_id``, ``speaker``,
        ``quote`` (as written), ``status`` (one of :data:`STATUSES` for the
        side), ``words_kept`` (share of the quote's words (stems) matched, in
        order, in its counterparts: 1.0 for a kept quote, 0.0 for a lost one;
        a lone function word at either edge of a shared run is not counted, as
        the pairing leaves it out), ``counterpart`` (the paired quotes of the other version, as
        written, joined with `` | ``), ``counterpart_sent`` (the sentence of
        the first), ``note`` (for a quote without counterpart: "sentence
        dropped", "its words kept as paraphrase, without quotation marks", ...;
        for an unclosed quote: that its extent is a guess), ``start``, ``end``
        (offsets into the article's text).
    """
    a_group, b_group, unit_texts = _groups(alignment)
    texts = {
        d: str(articles.loc[d, "text"]) if pd.notna(articles.loc[d, "text"]) else "" for d in (a, b)
    }
    qa = quotes_of(quotes, a, "a", texts[a], _locator(sentences, a), a_group)
    qb = quotes_of(quotes, b, "b", texts[b], _locator(sentences, b), b_group)
    pairs = pair_quotes(qa, qb, (texts[a], texts[b]), (a_group, b_group))
    partners: dict[int, list[Quote]] = {}
    matched: dict[int, int] = {}
    altered: set[int] = set()
    for edge, changes in pairs:
        partners.setdefault(id(edge.qa), []).append(edge.qb)
        partners.setdefault(id(edge.qb), []).append(edge.qa)
        for one in (edge.qa, edge.qb):
            matched[id(one)] = matched.get(id(one), 0) + edge.score
        if changes:
            altered.update((id(edge.qa), id(edge.qb)))
    by_start = {("a", q.start): q for q in qa} | {("b", q.start): q for q in qb}
    rows = []
    for side, doc in (("a", a), ("b", b)):
        mine = quotes[quotes["doc_id"] == doc]
        groups = a_group if side == "a" else b_group
        for r in mine.itertuples(index=False):
            q = by_start.get((side, int(r.start)))
            row: dict[str, Any] = {
                "side": side,
                "doc_id": doc,
                "sent_id": r.sent_id,
                "speaker": r.speaker,
                "quote": r.quote,
                "start": int(r.start),
                "end": int(r.end),
            }
            if q is None:
                row |= {"status": "not compared", "words_kept": float("nan")}
                row |= {"counterpart": None, "counterpart_sent": None, "note": "no words"}
                rows.append(row)
                continue
            others = sorted(partners.get(id(q), []), key=lambda o: o.start)
            note = ""
            if not others:
                g = groups.get(q.sents[0])
                if g is not None:
                    pair_texts = unit_texts[g]
                    note = lone_note(q, pair_texts[1] if side == "a" else pair_texts[0])
                note = note.strip(" ()")
            if q.unclosed:
                note = "; ".join(
                    filter(None, [note, "no closing quotation mark: its extent is a guess"])
                )
            row |= {
                "status": _status(q, id(q) in altered),
                "words_kept": matched.get(id(q), 0) / len(q.words),
                "counterpart": " | ".join(o.text for o in others) if others else None,
                "counterpart_sent": others[0].sents[0] if others else None,
                "note": note or None,
            }
            rows.append(row)
    out = pd.DataFrame(rows, columns=LEDGER_COLUMNS)
    for col in ("sent_id", "counterpart_sent", "start", "end"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    out["words_kept"] = out["words_kept"].astype("float64")
    for col in ("speaker", "quote", "counterpart", "note"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out
