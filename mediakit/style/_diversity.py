"""Lexical-diversity measures on one list of words, and the table built from them.

The measures are pure functions: each takes the words of one text (strings
already normalised and compared as given) and returns a float, NaN where the
measure is undefined for that text. ``diversity_frame`` applies them to many
texts and words the warnings; ``check_measures``/``check_params`` check the
options of :mod:`mediakit.style.features`. :func:`mediakit.style.features.lexical_diversity` applies
them to articles and explains the choices; the references are:

* TTR: types / tokens (Templin 1957).
* Root TTR: types / sqrt(tokens) (Guiraud 1954).
* Log TTR: log(types) / log(tokens) (Herdan 1960).
* MATTR: Covington, M. A. & McFall, J. D. (2010). Cutting the Gordian knot:
  the moving-average type-token ratio (MATTR). *Journal of Quantitative
  Linguistics* 17(2), 94-100.
* MTLD: McCarthy, P. M. & Jarvis, S. (2010). MTLD, vocd-D, and HD-D: a
  validation study of sophisticated approaches to lexical diversity
  assessment. *Behavior Research Methods* 42(2), 381-392.
* HD-D: McCarthy, P. M. & Jarvis, S. (2007). vocd: a theoretical and
  empirical evaluation. *Language Testing* 24(4), 459-488; as used in
  McCarthy & Jarvis (2010).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from mediakit._validation import check_option

__all__ = [
    "HDD_SAMPLE",
    "check_measures",
    "check_params",
    "hapax_ratio",
    "hdd",
    "log_ttr",
    "mattr",
    "mtld",
    "mtld_pass",
    "root_ttr",
    "ttr",
]

NAN = float("nan")
HDD_SAMPLE = 42  # McCarthy & Jarvis: 42 tokens


def ttr(words: Sequence[str]) -> float:
    """Types / tokens; NaN for no words."""
    return len(set(words)) / len(words) if words else NAN


def root_ttr(words: Sequence[str]) -> float:
    """Guiraud's R: types / sqrt(tokens); NaN for no words."""
    return len(set(words)) / math.sqrt(len(words)) if words else NAN


def log_ttr(words: Sequence[str]) -> float:
    """Herdan's C: log(types) / log(tokens); NaN for fewer than 2 words (log 1 = 0)."""
    n = len(words)
    return math.log(len(set(words))) / math.log(n) if n > 1 else NAN


def hapax_ratio(words: Sequence[str]) -> float:
    """Hapax legomena (types seen once) / types; NaN for no words."""
    if not words:
        return NAN
    counts = Counter(words)
    return sum(1 for c in counts.values() if c == 1) / len(counts)


def mattr(words: Sequence[str], window: int) -> float:
    """Mean TTR over every window of ``window`` consecutive words (Covington & McFall 2010).

    A text of n >= window words has n - window + 1 windows (1 to window, 2 to
    window + 1, ...). NaN when the text is shorter than the window.
    """
    n = len(words)
    if n < window or window < 1:
        return NAN
    counts: Counter[str] = Counter(words[:window])
    total = len(counts)
    for i in range(window, n):
        new, old = words[i], words[i - window]
        if new != old:
            counts[new] += 1
            counts[old] -= 1
            if counts[old] == 0:
                del counts[old]
        total += len(counts)
    return total / (window * (n - window + 1))


def mtld_pass(words: Sequence[str], threshold: float) -> tuple[int, float]:
    """One MTLD pass: (full factors, partial factor) of McCarthy & Jarvis (2010).

    Walk the words keeping a running TTR of the current stretch; when it
    reaches the threshold (``TTR <= threshold``) one factor is complete and the
    stretch starts again empty. A non-empty stretch left at the end counts
    ``(1 - TTR) / (1 - threshold)`` of a factor.
    """
    full = 0
    seen: set[str] = set()
    length = 0
    for word in words:
        seen.add(word)
        length += 1
        if len(seen) / length <= threshold:
            full += 1
            seen = set()
            length = 0
    partial = (1 - len(seen) / length) / (1 - threshold) if length else 0.0
    return full, partial


def mtld(words: Sequence[str], threshold: float) -> float:
    """Bidirectional MTLD: mean of forward and backward tokens / factors.

    NaN when a pass has no factor at all, which happens exactly when no word
    repeats (TTR = 1: the measure is infinite).
    """
    n = len(words)
    values = []
    for seq in (words, words[::-1]):
        full, partial = mtld_pass(seq, threshold)
        factors = full + partial
        if factors <= 0:
            return NAN
        values.append(n / factors)
    return (values[0] + values[1]) / 2


def hdd(words: Sequence[str], sample: int) -> float:
    """HD-D on the TTR scale: sum over types of P(type drawn at least once) / sample.

    P(at least once) = 1 - C(N - f, s) / C(N, s) for a type of frequency f in
    a text of N words and a sample of s words drawn without replacement (the
    hypergeometric probability of zero draws). NaN when N < s.
    """
    n = len(words)
    if n < sample or sample < 1:
        return NAN
    freqs = np.fromiter(Counter(words).values(), dtype=np.float64)
    p_none = np.zeros_like(freqs)
    ok = n - freqs >= sample
    # C(n - f, s) / C(n, s) = prod_{i < s} (n - f - i) / (n - i) = prod (1 - f / (n - i))
    left = n - np.arange(sample, dtype=np.float64)
    p_none[ok] = np.exp(np.log1p(-freqs[ok, None] / left[None, :]).sum(axis=1))
    return float(np.sum(1.0 - p_none) / sample)


def check_measures(measures: str | Iterable[str] | None, allowed: Sequence[str]) -> list[str]:
    """Return the chosen measures (all for None), each checked with ``check_option``."""
    if measures is None:
        return list(allowed)
    if isinstance(measures, str):
        measures = [measures]
    chosen = list(measures)
    for m in chosen:
        check_option("measures", m, set(allowed))
    if not chosen:
        raise ValueError(f"`measures` is empty; choose from {list(allowed)} or pass None (all)")
    return list(dict.fromkeys(chosen))


def check_params(window: Any, ttr_threshold: Any, lowercase: Any) -> None:
    """Raise ``ValueError`` for a bad MATTR window, MTLD threshold or ``lowercase``."""
    if isinstance(window, bool) or not isinstance(window, int | np.integer) or window < 1:
        raise ValueError(f"`window` = {window!r} is invalid; expected a positive integer")
    if isinstance(ttr_threshold, bool) or not isinstance(ttr_threshold, float | int):
        raise ValueError(f"`ttr_threshold` = {ttr_threshold!r} is invalid; expected 0 < x < 1")
    if not 0 < ttr_threshold < 1:
        raise ValueError(f"`ttr_threshold` = {ttr_threshold!r} is invalid; expected 0 < x < 1")
    check_option("lowercase", lowercase, {True, False})
