"""Repetition-based boilerplate: lines that recur in many articles of one outlet.

A line is normalised (:func:`normalise`: typographic variants folded,
whitespace collapsed, casefolded) and counted once per article. Within a
group (an outlet, or the whole corpus) a line that occurs in at least
``max(min_docs, ceil(min_share * n_docs))`` distinct articles is
boilerplate. Only *eligible* lines are counted: lines of at most
``max_words`` words, or lines that do not end like a sentence. Long
sentences are never counted, because wire corpora legitimately repeat whole
body paragraphs across re-filed updates of a story.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

__all__ = [
    "RepeatedLines",
    "coarse_key",
    "count_repeated",
    "eligible",
    "ends_like_sentence",
    "normalise",
]

_CLOSERS = "\"'”’»)]"


def ends_like_sentence(line: str) -> bool:
    """Whether a stripped line ends with . ! ? or …, optionally before closing quotes/brackets."""
    return line.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


#: Typographic variants that do not make two chrome lines different.
_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "…": "...",
    }
)  # fmt: skip
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,.;:!?)\]])|(?<=[(\[])\s+")


def normalise(line: str) -> str:
    """The key under which two chrome lines are the same line.

    Every place that matches chrome against chrome (a photo's alt text
    against its credited caption, a headline against its repeat or the
    ``title``, breadcrumbs, repeated boilerplate) compares these keys, so
    lines that differ only in typography match: NFKC; curly and straight
    apostrophes and quotes, guillemets and primes are one mark each; hyphens
    and dashes are ``-``; ``…`` is ``...``; no space before closing
    punctuation or after an opening bracket; whitespace collapsed; trailing
    full stops dropped; casefolded.

    Examples
    --------
    >>> normalise("Zelensky’s forces are  struggling .")
    "zelensky's forces are struggling"
    >>> normalise("NATO – “Ukraine”") == normalise('nato - "ukraine"')
    True
    """
    if line.isascii():  # NFKC leaves ASCII as it is; of the typography, only ` is ASCII
        text = line.replace("`", "'") if "`" in line else line
    else:
        text = unicodedata.normalize("NFKC", line).translate(_TYPOGRAPHY)
    text = _SPACE_BEFORE_PUNCT.sub("", " ".join(text.split()))
    return text.rstrip(". ").casefold()


#: ASCII bytes that are not letters or digits: what coarse_key drops
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def coarse_key(line: str) -> bytes:
    """A key that lines with the same :func:`normalise` key always share (a cheap screen).

    The line's :func:`normalise` key in UTF-8 without its ASCII characters
    other than letters and digits. For an ASCII line (most lines) that is the
    lowercased line without them, computed in C without normalising:
    ``normalise`` changes only spaces, ``.``, ````` and the case of an ASCII
    line. Two lines with one ``normalise`` key therefore have one coarse key,
    so a line whose coarse key occurs in too few articles cannot be repeated
    boilerplate, and its full key need not be computed (tests check this
    against ``normalise`` on real lines).

    Examples
    --------
    >>> coarse_key("Reporting by  Jan Berg.") == coarse_key("reporting by Jan Berg")
    True
    >>> coarse_key("Café  culture — Paris")
    b'caf\\xc3\\xa9cultureparis'
    """
    text = line.lower() if line.isascii() else normalise(line)
    return text.encode("utf-8").translate(None, _ASCII_NOT_ALNUM)


def eligible(line: str, n_words: int, max_words: int | None) -> bool:
    """Whether a line may be boilerplate: short, or not ending like a sentence."""
    return max_words is None or n_words <= max_words or not ends_like_sentence(line)


@dataclass(frozen=True)
class RepeatedLines:
    """Per group: group size, threshold and the doc counts of the lines at/over it."""

    n_docs: dict[Hashable, int]
    threshold: dict[Hashable, int]
    counts: dict[Hashable, dict[str, int]]

    def lookup(self, group: Hashable, key: str) -> int | None:
        """Number of docs of ``group`` holding line ``key`` if it is boilerplate, else None."""
        return self.counts[group].get(key)


def count_repeated(
    groups: Sequence[Hashable],
    keys: Sequence[set[str]],
    *,
    min_docs: int,
    min_share: float,
) -> RepeatedLines:
    """Count in how many docs of its group each key occurs; keep the keys at the threshold.

    ``groups[i]`` is the group of doc ``i`` and ``keys[i]`` the set of its
    eligible normalised lines. Counting is one ``Counter.update`` per doc on a
    set (C speed), so 20k articles take a fraction of a second.
    """
    per_group: dict[Hashable, Counter[str]] = {}
    n_docs: Counter[Hashable] = Counter(groups)
    for group, doc_keys in zip(groups, keys, strict=True):
        if doc_keys:
            per_group.setdefault(group, Counter()).update(doc_keys)
    threshold = {g: max(min_docs, math.ceil(min_share * n - 1e-9)) for g, n in n_docs.items()}
    counts = {
        g: {k: c for k, c in per_group.get(g, Counter()).items() if c >= threshold[g]}
        for g in n_docs
    }
    return RepeatedLines(n_docs=dict(n_docs), threshold=threshold, counts=counts)
