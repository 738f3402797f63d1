"""What changed between two versions: figures (via the alignment) and name spellings.

``compare_figures`` pairs the figures of :func:`mediakit.compare.numbers.extract_numbers`
across an alignment table; ``name_variants`` finds names spelled differently
in the two texts. Both are documented for users in
:func:`mediakit.compare.compare_versions`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any, cast

import numpy as np
import pandas as pd

from mediakit.compare import _diff
from mediakit.segment import stopwords

__all__ = ["FIGURE_COLUMNS", "NAME_COLUMNS", "compare_figures", "name_variants"]

FIGURE_STATUSES = ("kept", "changed", "moved", "dropped", "added")
FIGURE_COLUMNS = (
    "status",
    "a_sent",
    "b_sent",
    "a_figure",
    "b_figure",
    "a_value",
    "b_value",
    "unit",
    "a_phrase",
    "b_phrase",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
)
NAME_COLUMNS = (
    "a_name",
    "b_name",
    "a_variant",
    "b_variant",
    "kind",
    "similarity",
    "n_a",
    "n_b",
    "a_sent",
    "b_sent",
)

# ---------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------


def _na(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _same(x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Same figure: equal value, unit and range end."""
    if not math.isclose(x["value"], y["value"], rel_tol=1e-9, abs_tol=1e-12):
        return False
    if (_na(x["unit"]) != _na(y["unit"])) or (not _na(x["unit"]) and x["unit"] != y["unit"]):
        return False
    hx, hy = x["high"], y["high"]
    return (math.isnan(hx) and math.isnan(hy)) or math.isclose(hx, hy, rel_tol=1e-9)


def _comparable(x: dict[str, Any], y: dict[str, Any]) -> bool:
    """Figures of the same thing: the same unit, or (both plain counts) the same noun."""
    if not _na(x["unit"]) or not _na(y["unit"]):
        return not _na(x["unit"]) and x["unit"] == y["unit"]
    return not _na(x["noun"]) and x["noun"] == y["noun"]


def _pair(
    xs: list[dict[str, Any]], ys: list[dict[str, Any]], test: Any, used: set[int]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Greedy pairs in reading order; marks both sides in ``used`` (by id)."""
    out = []
    for x in xs:
        if id(x) in used:
            continue
        for y in ys:
            if id(y) not in used and test(x, y):
                used.update((id(x), id(y)))
                out.append((x, y))
                break
    return out


def compare_figures(figures: pd.DataFrame, alignment: pd.DataFrame, a: Any, b: Any) -> pd.DataFrame:
    """Pair the figures of ``a`` and ``b`` across ``alignment``; one row per figure or pair."""
    recs = cast(list[dict[str, Any]], figures.to_dict("records"))
    fa = [r for r in recs if r["doc_id"] == a]
    fb = [r for r in recs if r["doc_id"] == b]
    groups = _diff.alignment_groups(alignment)
    a_group: dict[int, int] = {}
    b_group: dict[int, int] = {}
    for g, x, y in zip(
        groups.tolist(), alignment["a_sent"].tolist(), alignment["b_sent"].tolist(), strict=True
    ):
        if _na(x) or _na(y):
            continue
        a_group[int(x)] = g
        b_group[int(y)] = g
    used: set[int] = set()
    pairs: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]] = []
    for g in dict.fromkeys(groups.tolist()):
        xs = [f for f in fa if a_group.get(int(f["sent_id"])) == g]
        ys = [f for f in fb if b_group.get(int(f["sent_id"])) == g]
        if not xs or not ys:
            continue
        pairs += [("kept", x, y) for x, y in _pair(xs, ys, _same, used)]
        pairs += [("changed", x, y) for x, y in _pair(xs, ys, _comparable, used)]
    rest_a = [f for f in fa if id(f) not in used]
    rest_b = [f for f in fb if id(f) not in used]
    pairs += [("moved", x, y) for x, y in _pair(rest_a, rest_b, _same, used)]
    pairs += [("dropped", f, None) for f in fa if id(f) not in used]
    pairs += [("added", None, f) for f in fb if id(f) not in used]
    pairs.sort(key=lambda p: (p[1] is None, (p[1] or p[2] or {})["start"]))
    return _figure_table(pairs)


def _figure_table(pairs: list[tuple[str, Any, Any]]) -> pd.DataFrame:
    def side(p: Any, key: str) -> Any:
        return None if p is None else p[key]

    cols: dict[str, Any] = {"status": pd.Series([s for s, _, _ in pairs], dtype="str")}
    for pre, k in (("a_", 1), ("b_", 2)):
        cols[pre + "sent"] = pd.array([side(p[k], "sent_id") for p in pairs], dtype="Int64")
    for pre, k in (("a_", 1), ("b_", 2)):
        cols[pre + "figure"] = pd.Series([side(p[k], "text") for p in pairs], dtype="str")
    for pre, k in (("a_", 1), ("b_", 2)):
        values = [side(p[k], "value") for p in pairs]
        cols[pre + "value"] = np.array([np.nan if v is None else v for v in values], dtype=float)
    units = [side(x, "unit") if x is not None else side(y, "unit") for _, x, y in pairs]
    cols["unit"] = pd.Series([None if _na(u) else u for u in units], dtype="str")
    for pre, k in (("a_", 1), ("b_", 2)):
        cols[pre + "phrase"] = pd.Series([side(p[k], "phrase") for p in pairs], dtype="str")
    for pre, k in (("a_", 1), ("b_", 2)):
        for end in ("start", "end"):
            cols[pre + end] = pd.array([side(p[k], end) for p in pairs], dtype="Int64")
    return pd.DataFrame(cols, columns=list(FIGURE_COLUMNS))


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------

TITLES = frozenset(
    """president president-elect prime minister secretary secretary-general general
    chancellor king queen prince princess pope mr mrs ms dr sir dame senator sen rep
    governor gov mayor judge justice chief commissioner ambassador deputy vice lt col gen
    adm capt sgt lord lady sheikh emir crown foreign defence defense interior finance
    spokesman spokeswoman spokesperson leader premier chairman chairwoman director ceo
    speaker state""".split()
)
PARTICLES = frozenset("de del della der den van von da di du la le bin ibn al el".split())
# Endings that make another word, not another spelling: Korea/Korean, Ukraine/Ukraines.
_INFLECTIONS = ("s", "es", "n", "an", "ian", "ese", "i", "ish", "'s")


def fold(text: str) -> str:
    """Casefold and strip accents (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold(text))


def _ratio(x: str, y: str) -> float:
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


def _is_cap(token: str) -> bool:
    return token[:1].isalpha() and token[:1].isupper()


def _runs(tokens: pd.DataFrame, text: str) -> list[tuple[int, int, int]]:
    """(sent_id, start, end) of each capitalised run, titles stripped."""
    stop = stopwords()
    runs: list[tuple[int, int, int]] = []
    run: list[tuple[str, int, int]] = []
    sent = -1

    def close() -> None:
        while run and run[-1][0].lower() in PARTICLES:
            run.pop()
        words = [w.rstrip(".").lower() for w, _, _ in run]
        cut = max((i for i, w in enumerate(words[:-1]) if w in TITLES), default=-1)
        kept = run[cut + 1 :]
        if kept and not (len(kept) == 1 and kept[0][0].lower() in TITLES):
            runs.append((sent, kept[0][1], kept[-1][2]))
        run.clear()

    for s, tok, norm, start, end in zip(
        tokens["sent_id"].tolist(),
        tokens["token"].tolist(),
        tokens["norm"].tolist(),
        tokens["start"].tolist(),
        tokens["end"].tolist(),
        strict=True,
    ):
        contiguous = run and s == sent and not text[run[-1][2] : start].strip()
        if not contiguous:
            close()
        sent = s
        if _is_cap(tok) and not (not run and norm in stop):
            run.append((tok, start, end))
        elif run and tok.lower() in PARTICLES:
            run.append((tok, start, end))
        else:
            close()
    close()
    return runs


def _names(tokens: pd.DataFrame, text: str) -> dict[str, list[int]]:
    """Name (as written) -> sent_ids of its occurrences, in reading order."""
    out: dict[str, list[int]] = {}
    for sent, start, end in _runs(tokens, text):
        out.setdefault(text[start:end], []).append(sent)
    return out


def _occurs(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _inflected(x: str, y: str) -> bool:
    short, long_ = sorted((x, y), key=len)
    return long_.startswith(short) and long_[len(short) :] in _INFLECTIONS


def variant_kind(x: str, y: str) -> str | None:
    """How names ``x`` and ``y`` differ as spellings of one name, or None if they are not."""
    if x == y:
        return None
    if x.casefold() == y.casefold():
        return "case"
    if fold(x) == fold(y):
        return "accents"
    if _compact(x) == _compact(y):
        return "punctuation"
    tx, ty = fold(x).split(), fold(y).split()
    if len(tx) != len(ty):
        return None
    diff = [(p, q) for p, q in zip(tx, ty, strict=True) if p != q]
    if len(tx) == 1:
        p, q = diff[0]
        return "spelling" if _ratio(p, q) >= 0.8 and not _inflected(p, q) else None
    if len(diff) == len(tx):
        return None
    for p, q in diff:
        if _inflected(p, q):
            return None
        r = _ratio(p, q)
        if not (r >= 0.8 or (p[:1] == q[:1] and r >= 0.5)):
            return None
    return "spelling"


def _variant(x: str, y: str) -> tuple[str, str]:
    tx, ty = x.split(), y.split()
    if len(tx) != len(ty):
        return x, y
    diff = [(p, q) for p, q in zip(tx, ty, strict=True) if fold(p) != fold(q) or p != q]
    return " ".join(p for p, _ in diff), " ".join(q for _, q in diff)


def name_variants(
    tokens_a: pd.DataFrame, text_a: str, tokens_b: pd.DataFrame, text_b: str
) -> pd.DataFrame:
    """Names of a absent from b that b spells differently; one row per pair."""
    names_a, names_b = _names(tokens_a, text_a), _names(tokens_b, text_b)
    only_a = [n for n in names_a if not _occurs(n, text_b)]
    only_b = [n for n in names_b if not _occurs(n, text_a)]
    candidates = []
    for i, x in enumerate(only_a):
        for j, y in enumerate(only_b):
            kind = variant_kind(x, y)
            if kind is not None:
                candidates.append((-_ratio(fold(x), fold(y)), i, j, kind))
    candidates.sort()
    rows, used_a, used_b = [], set(), set()
    for neg, i, j, kind in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = only_a[i], only_b[j]
        va, vb = _variant(x, y)
        first = (names_a[x][0], names_b[y][0])
        rows.append((x, y, va, vb, kind, -neg, len(names_a[x]), len(names_b[y]), *first))
    rows.sort(key=lambda r: (r[8], r[9]))
    cols: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) or [() for _ in NAME_COLUMNS]
    data: dict[str, Any] = {}
    for name, values in zip(NAME_COLUMNS, cols, strict=True):
        if name in ("n_a", "n_b", "a_sent", "b_sent"):
            data[name] = np.asarray(values, dtype=np.int64)
        elif name == "similarity":
            data[name] = np.asarray(values, dtype=np.float64)
        else:
            data[name] = pd.Series(list(values), dtype="str")
    return pd.DataFrame(data, columns=list(NAME_COLUMNS))
