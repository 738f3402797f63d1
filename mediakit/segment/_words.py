"""The word tokenizer of :func:`mediakit.tokenize` and the normalised form of tokens.

Words come from ``NewsWordTokenizer``, an ``nltk.tokenize.RegexpTokenizer``
with a news-aware pattern (documented in :func:`mediakit.segment.tokenize`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd
from nltk.tokenize import RegexpTokenizer

from mediakit.segment._punkt import NUMERIC_ONLY, abbreviations

__all__ = [
    "APOSTROPHES",
    "NUMBER",
    "WHITESPACE",
    "NewsWordTokenizer",
    "normalise",
    "normalise_token",
    "spaced_word_pattern",
    "word_tokenizer",
]


#: A run of letters followed by a space or by punctuation that no other alternative reads
#: as part of a token (not ".", which abbreviations and initials take, not ":", which URLs
#: take, not "-" or an apostrophe, which join word parts): the most common token, matched
#: first so the engine does not try the URL, e-mail and abbreviation alternatives on it.
#: It gives the tokens the full pattern gives (tests compare the two).
_PLAIN_WORD = r"""[^\W\d_]++(?=[\s,;)\]”"!?])"""


def _word_pattern(fast: bool = True) -> str:
    single = sorted(
        (a for a in abbreviations() if "." not in a and a not in NUMERIC_ONLY),
        key=lambda a: (-len(a), a),
    )
    longest = max(map(len, single))
    part = r"(?:\d+(?:[.,:/]\d+)+[^\W_]*|[\w\u0300-\u036f]+)"
    # Hyphens join word parts; an apostrophe joins them unless it starts the
    # clitic 's ("Zelensky's" -> "Zelensky" + "'s"; "don't", "O'Brien" stay whole).
    word = rf"{part}(?:(?:[-‐‑]|['’](?![sS](?![^\W_]))){part})*"
    plain = f"{_PLAIN_WORD}   # plain word (a shortcut)\n        | " if fast else ""
    return rf"""
          {plain}(?:https?://|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’]   # URL
        | [\w.+-]+@\w[\w-]*(?:\.[\w-]+)+                      # e-mail address
        | (?:[^\W\d_]{{1,2}}\.){{2,}}(?:-{word})*              # U.S. a.m. J.K. Ph.D. U.S.-led
        | (?=[A-Za-z]{{1,{longest}}}\.)                        # (cheap guard, then)
          (?i:\b(?:{"|".join(map(re.escape, single))})\.)     # Mr. Gen. Jan. Inc.
        | (?i:\bnos?\.)(?=\s*\#?\d)                           # No. 10
        | [A-ZÀ-ÖØ-Þ]\.(?=\s)                                 # initial: George W. Bush
        | [#@]\w+                                             # hashtag, @mention
        | {word}                                              # word, number, 24-hour, 11,000
        | \.{{2,}}                                            # ellipsis
        | -{{2,}}                                             # double hyphen
        | ['’][sS](?![^\W_])                                  # clitic 's
        | \S                                                  # any other character
        """


class NewsWordTokenizer(RegexpTokenizer):
    """RegexpTokenizer with mediakit's news-aware word pattern.

    Compiled with the standard library's ``re`` (the pattern is ours, not a
    caller's, so NLTK's ReDoS guard is not needed).
    """

    def __init__(self) -> None:
        super().__init__(_word_pattern(), flags=re.VERBOSE)

    _compiled: re.Pattern[str] | None = None

    def _check_regexp(self) -> None:
        self._regexp = self.regexp

    @property
    def regexp(self) -> re.Pattern[str]:
        """The compiled pattern (``finditer(text, pos, endpos)`` spans a sentence)."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled


@lru_cache(maxsize=1)
def word_tokenizer() -> NewsWordTokenizer:
    """The word tokenizer (built once per process)."""
    return NewsWordTokenizer()


@lru_cache(maxsize=1)
def spaced_word_pattern() -> re.Pattern[str]:
    """The word pattern preceded by the whitespace before it: ``findall`` gives gap + token.

    Every non-space character is a token or part of one (the pattern's last
    alternative is ``\\S``), so what lies between tokens is whitespace; the
    possessive ``\\s*+`` takes all of it at once, and a token never starts with
    whitespace, so stripping :data:`WHITESPACE` from the left of each match
    leaves exactly the tokens of ``word_tokenizer().regexp``, and the matches'
    lengths add up to the offsets. The pattern has no group, so ``findall``
    returns one string per token (no tuple, no second string).
    """
    pattern = re.compile(r"\s*+(?:" + word_tokenizer()._pattern + ")", re.VERBOSE)
    if pattern.groups:  # pragma: no cover - findall would return the groups
        raise AssertionError("the word pattern must not capture")
    return pattern


#: The characters ``\s`` matches in a str pattern: those of ``str.isspace`` (a test checks).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


# Digits are spelled [0-9] so pyarrow's RE2 and Python's re agree (norm is NFKC).
NUMBER = r"(?i)[-+]?[0-9]+(?:[.,:/][0-9]+)*(?:st|nd|rd|th|s|k|m|bn|tn)?"
APOSTROPHES = "[’‘‛ʼ′]"
_APOSTROPHE_RE = re.compile(APOSTROPHES)


def normalise_token(token: str, case_sensitive: bool = False) -> str:
    """Normalise a token as ``tokenize`` does for ``norm``.

    NFKC, typographic apostrophes to ``'``, and casefolding unless
    ``case_sensitive``: patterns and text meet in the same form.

    Examples
    --------
    >>> normalise_token("Zelensky’s")
    "zelensky's"
    """
    if not token.isascii():
        token = _APOSTROPHE_RE.sub("'", unicodedata.normalize("NFKC", token))
    return token if case_sensitive else token.casefold()


def normalise(surface: pd.Series, lowercase: bool) -> pd.Series:
    """NFKC, casefold (if ``lowercase``), typographic apostrophes to "'"."""
    norm = surface.str.lower() if lowercase else surface.copy()
    plain = surface.str.isascii().to_numpy(dtype=bool)
    if not plain.all():
        # ASCII is NFKC-stable, and lower() is casefold() on it: only the
        # rest needs the slow per-string path.
        other = surface[~plain].str.normalize("NFKC")
        if lowercase:
            other = other.str.casefold()
        norm[~plain] = other.str.replace(APOSTROPHES, "'", regex=True)
    return norm
