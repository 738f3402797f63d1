"""The Dale-Chall list of familiar words, and whether a word is on it (private).

A word list, like the stop words: readability's Dale-Chall formula counts the
words not on it; the sources stage uses it to tell a sentence-initial gerund
(``Keeping``) from a name, and ``claim_changes`` a sentence-initial ordinary
word from a name. The list is ``mediakit/data/dale_chall_en.txt`` (from
textstat 0.7.13, MIT; provenance in its header).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

__all__ = ["dale_chall_words", "is_familiar"]


@lru_cache(maxsize=1)
def dale_chall_words() -> frozenset[str]:
    """The Dale-Chall list of familiar words (``mediakit/data/dale_chall_en.txt``)."""
    path = files("mediakit") / "data" / "dale_chall_en.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower())
    return frozenset(words)


_INFLECTIONS = (
    # (suffix, replacements that give the base form)
    ("ies", ("y",)),
    ("ied", ("y",)),
    ("ier", ("y",)),
    ("iest", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("d", ("",)),
    ("ing", ("", "e")),
    ("er", ("", "e")),
    ("est", ("", "e")),
    ("r", ("",)),
    ("st", ("",)),
)


@lru_cache(maxsize=200_000)
def is_familiar(norm: str) -> bool:
    """True if ``norm`` (casefolded) is on the Dale-Chall list or a regular inflection of it.

    Regular inflections, which the Dale-Chall counting rules treat as
    familiar: plural and third person *-s*/*-es*/*-ies*, possessive ``'s``,
    past *-ed*/*-d*/*-ied*, *-ing*, comparative and superlative
    *-er*/*-est*/*-ier*/*-iest*, with a doubled final consonant undone
    (``bigger`` → ``big``, ``stopped`` → ``stop``).

    >>> [is_familiar(w) for w in ["puzzles", "tried", "bigger", "making", "drone"]]
    [True, True, True, True, False]
    """
    words = dale_chall_words()
    w = norm.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("s'"):
        w = w[:-1]
    if w in words:
        return True
    for suffix, bases in _INFLECTIONS:
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)]
            for base in bases:
                if stem + base in words:
                    return True
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words:
                return True
    return False
