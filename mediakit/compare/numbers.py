"""Find the figures in news text: amounts, counts, percentages, durations, years and dates.

:func:`extract_numbers` returns one row per figure with its exact character
offsets, its numeric value, its unit and the noun it counts, so that two
versions of a story can be compared figure by figure
(:func:`mediakit.compare.compare_versions`).

The grammar is a set of regular expressions written for English news copy
(rules below, in :func:`extract_numbers`). No library covers this: number
parsers such as ``quantulum3`` or ``price-parser`` are unmaintained or handle
one kind of figure, and statistical taggers need downloaded models, which
mediakit does not use at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mediakit.segment import _spans, split_sentences, stopwords

__all__ = ["extract_numbers"]

# ---------------------------------------------------------------------------
# the grammar
# ---------------------------------------------------------------------------

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {
    **{w: i for i, w in enumerate(_ONES, start=1)},
    **{w: i for i, w in enumerate(_TEENS, start=10)},
    **{w: 10 * i for i, w in enumerate(_TENS, start=2)},
    "dozen": 12,
}

# 11,000 | 11 000 (space, no-break or thin space) | 2022 | 3.5
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_WORDNUM = (
    rf"(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)})(?![\w-]))?"
    rf"|{'|'.join(_TEENS)}|{'|'.join(_ONES)}|(?:a\s+)?dozen"
)
_WHOLE = r"(?!\d)(?![.,:/]\d)"  # the whole numeral: not 10:30, 24/7, 1,0

# Units after the number (singular or plural, after a space or a hyphen as in
# "24-hour" and "14-year-old"), mapped to one canonical name.
_UNIT_NAMES: dict[str, str] = {
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "decade": "decades",
    "century": "centuries",
    "centurie": "centuries",
    "km": "km",
    "kilometre": "km",
    "kilometer": "km",
    "mile": "miles",
    "metre": "metres",
    "meter": "metres",
    "kg": "kg",
    "kilo": "kg",
    "kilogram": "kg",
    "tonne": "tonnes",
    "ton": "tonnes",
}
_UNITS = (
    r"(?:second|minute|hour|day|week|month|year|decade|kilometre|kilometer|mile|metre|meter"
    r"|kilogram|kilo|tonne|ton)s?|centur(?:y|ies)|km|kg"
)
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "A$": "AUD", "C$": "CAD", "€": "EUR", "£": "GBP"}
_CURRENCY_SIGNS["¥"] = "JPY"
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "yen": "JPY"}
_SCALE = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}

NUMBER = re.compile(
    rf"""
    (?<![\w.,:/$€£¥])(?<!\w-)                     # not inside a word, a number, F-16
    (?P<cur>US\$|[AC]\$|\$|€|£|¥)?
    (?: (?P<num>{_DIGITS}){_WHOLE} | (?P<word>{_WORDNUM})(?![\w]) )
    (?: \s?[-–]\s?(?P<num2>{_DIGITS}){_WHOLE} )?  # range 10-12, 10–12
    (?: (?P<sfx>bn|mn|tn|m|k)(?![\w]) | \s+(?P<scale>hundred|thousand|million|billion|trillion)\b )?
    (?: \s?(?P<pct>%)
      | \s+(?P<pctw>per\s?cent|percent|percentage[-\s]points?)\b
      | (?:\s+|-)(?P<unit>{_UNITS})\b(?:-old\b)?
      | \s+(?P<curw>dollars|euros|yen)\b
      | (?P<decade>s) )?
    (?![^\W_])                                    # not 3D, 2nd, 10am
    """,
    re.VERBOSE | re.IGNORECASE,
)

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for m in names
}
_FULL = [m for m in _MONTHS if len(m) > 4 or m in ("May", "June", "July")]
_ABBR = [m for m in _MONTHS if m not in _FULL]
_MONTH = (
    "(?:(?:" + "|".join(sorted(_FULL, key=lambda m: (-len(m), m))) + r")\b"
    "|(?:" + "|".join(sorted(_ABBR, key=lambda m: (-len(m), m))) + r")(?:\.|\b))"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DATE = re.compile(
    rf"""
      \b(?P<month>{_MONTH})\s+(?P<day>{_DAY})(?![\w])(?![.,:]?\d)
    | (?<![\w.,])(?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})(?!\w)
    """,
    re.VERBOSE,
)

_QUALIFIER = re.compile(
    r"(?i)(?<![\w])(?:about|around|some|nearly|almost|roughly|approximately|over|under"
    r"|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as"
    r"|as\s+much\s+as|an\s+estimated|close\s+to|just\s+over|just\s+under)\s+$"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\S")
# Words between a count and its noun that are not the noun ("11,000 more troops").
_MODIFIERS = frozenset(
    "more new additional other extra further young old small large big major "
    "foreign local armed elite".split()
)
# Words after a number that are never the counted noun.
_NOT_NOUNS = frozenset(
    "without within among across per ago later earlier since last next times percent "
    "cent also already still now just".split()
)


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: float
    high: float
    unit: str | None
    counted: bool  # may take a counted noun (no unit, not a year or date)


def _plain(num: str) -> str:
    """Return a numeral without its thousands separators."""
    return re.sub(r"[,\s]", "", num)


def _number(m: re.Match[str]) -> _Figure | None:
    """Return the figure of one NUMBER match, or None when the match is not a figure."""
    num, word = m["num"], m["word"]
    if word is not None:
        key = re.sub(r"^a\s+", "", word.lower())
        parts = re.split(r"[-\s]+", key)
        value = float(sum(WORD_VALUES[p] for p in parts))
    else:
        value = float(_plain(num))
    high = float("nan")
    if m["num2"] is not None:
        if word is not None:
            return None
        raw = _plain(m["num2"])
        high = float(raw)
        if high <= value and "." not in raw and len(raw) < len(_plain(num)):
            # elided range end: 2022-23 -> 2023, 150-60 -> 160
            digits = _plain(num).split(".")[0]
            high = float(digits[: len(digits) - len(raw)] + raw)
        if high <= value:
            return None
    scale = (m["sfx"] or m["scale"] or "").lower()
    if scale:
        value *= _SCALE[scale]
        high *= _SCALE[scale]
    unit: str | None = None
    if m["cur"]:
        unit = _CURRENCY_SIGNS[m["cur"].upper()]
    elif m["curw"]:
        unit = _CURRENCY_WORDS[m["curw"].lower()]
    elif m["pct"] or m["pctw"]:
        pctw = (m["pctw"] or "").lower()
        unit = "percentage points" if pctw.startswith("percentage") else "percent"
    elif m["unit"]:
        name = m["unit"].lower()
        unit = _UNIT_NAMES.get(name, _UNIT_NAMES.get(name.removesuffix("s"), name))
    elif m["decade"]:
        if num is None or not re.fullmatch(r"1[0-9]{2}0|20[0-9]0", num):
            return None
        unit = "decade"
    elif num is not None and not scale and re.fullmatch(r"19\d\d|20\d\d", num):
        if m["num2"] is None or 1900 <= high <= 2099:
            unit = "year"
    if word is not None and word.lower() == "one" and not (scale or unit):
        return None  # "one of", "no one": too often not a count
    counted = unit is None
    return _Figure(m.start(), m.end(), value, high, unit, counted)


def _date(m: re.Match[str]) -> _Figure:
    month = m["month"] or m["month2"]
    day = re.match(r"\d+", m["day"] or m["day2"])
    assert day is not None
    value = float(_MONTHS[month.rstrip(".")] * 100 + int(day.group()))
    return _Figure(m.start(), m.end(), value, float("nan"), "date", False)


def _figures(text: str, start: int, end: int) -> Iterator[_Figure]:
    """Yield the figures of ``text[start:end]`` (one sentence), in reading order."""
    dates = [_date(m) for m in DATE.finditer(text, start, end)]
    taken = [(f.start, f.end) for f in dates]
    numbers = []
    for m in NUMBER.finditer(text, start, end):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        fig = _number(m)
        if fig is not None:
            numbers.append(fig)
    yield from sorted(dates + numbers, key=lambda f: f.start)


def _noun(text: str, pos: int, end: int, stop: frozenset[str]) -> tuple[str | None, int]:
    """Return the counted noun after ``pos`` (and where it ends), skipping names and modifiers."""
    skipped = 0
    for m in _WORD.finditer(text, pos, end):
        word = m.group()
        if not word[0].isalpha():
            return None, pos
        low = word.lower()
        if word[0].isupper() or "-" in word or low in _MODIFIERS:
            skipped += 1
            if skipped > 4:
                return None, pos
            continue
        if low in stop or low in _NOT_NOUNS:
            return None, pos
        return low.removesuffix("'s").removesuffix("’s"), m.end()
    return None, pos


# ---------------------------------------------------------------------------
# the public function
# ---------------------------------------------------------------------------


def extract_numbers(
    articles: pd.DataFrame, *, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    r"""Find the figures in each article: amounts, counts, percentages, durations, years, dates.

    Each figure is found with its exact offsets, parsed to a number and given
    a unit and, for plain counts, the noun it counts (``11,000 North Korean
    troops`` → 11000, noun ``troops``), so that two versions of a story can be
    compared figure by figure.

    What is recognised (English news conventions):

    * **numerals** with thousands separators and decimals: ``11,000``,
      ``3.5``, ``1,250.75``; thousands grouped by a space, no-break space or
      thin space (``11 000``) are one number too. Decimals take a point:
      ``1.000`` is one, and ``1,5`` is not read;
    * **number words** ``one`` to ``nineteen``, the tens ``twenty`` to
      ``ninety`` and their compounds (``twenty-five``, ``forty two``),
      ``dozen``/``a dozen`` (12); ``one`` counts only before a scale or unit
      (``one million``, ``one percent``), since "one of", "no one" and "one
      senior diplomat" are rarely figures worth comparing. Ordinals
      (``first``, ``2nd``), fractions (``half``), "hundreds of" and number
      words above ninety-nine are not read;
    * **scale words and suffixes**: ``hundred``, ``thousand``, ``million``,
      ``billion``, ``trillion`` after a space, and ``k``, ``m``, ``mn``,
      ``bn``, ``tn`` attached (``$1.5bn``, ``10k``); ``5m`` is read as five
      million, never five metres;
    * **currency**: ``$`` and ``US$`` (unit ``USD``), ``A$`` (``AUD``),
      ``C$`` (``CAD``), ``€`` (``EUR``), ``£`` (``GBP``), ``¥`` (``JPY``), and
      the words ``dollars`` (``USD``), ``euros``, ``yen`` after the number;
    * **percent**: ``%``, ``percent``, ``per cent`` (unit ``percent``) and
      ``percentage point(s)`` (unit ``percentage points``);
    * **units** after a space or hyphen (``24 hours``, ``24-hour``,
      ``14-year-old``): seconds, minutes, hours, days, weeks, months, years,
      decades, centuries, km/kilometres, miles, metres, kg/kilos, tonnes/tons,
      named in the plural;
    * **ranges** ``10-12`` and ``10–12`` (digits on both sides, the second
      larger, or elided: ``2022-23`` → 2022 to 2023): ``value`` is the low
      end and ``high`` the high end; the scale and unit apply to both
      (``$10-12 billion``);
    * **years**: a bare four-digit number from 1900 to 2099 (unit ``year``);
      ``1990s`` (unit ``decade``, value 1990);
    * **dates**: a month name or abbreviation with a day, either order
      (``October 1``, ``Nov. 7``, ``7 November``, ``the 1st of May``), unit
      ``date`` and value ``month * 100 + day`` (``Nov. 7`` → 1107: a key
      that compares dates, not a quantity). The year of ``Nov. 7, 2024`` is a
      separate ``year`` figure; a month with a year only (``February 2022``)
      gives the year.

    Not read: times (``10:30``), fractions (``24/7``), identifiers (``F-16``,
    ``G7``, ``COVID-19``), numbers glued to letters (``3D``, ``10am``),
    negative signs, and numbers written with spaces (``11 000``).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame: index ``doc_id``, column ``text``.
    sentences : pandas.DataFrame, optional
        A table from ``split_sentences(articles)`` to use instead of
        splitting again. Figures are only looked for inside its sentences,
        so a filtered table (e.g. ``kind == "body"``) restricts the search.

    Returns
    -------
    pandas.DataFrame
        One row per figure, RangeIndex, in the articles' order and then
        reading order, columns:

        ``doc_id``; ``sent_id`` (as in :func:`mediakit.split_sentences`);
        ``start``, ``end`` (character offsets into the article's ``text``:
        ``text[start:end]`` is the row's ``text``); ``text`` (the figure as
        written: ``$125 billion``, ``two percent``, ``24 hours``); ``value``
        (float: 125e9, 2.0, 24.0); ``high`` (float, the upper end of a range,
        else NaN); ``unit`` (``USD``, ``percent``, ``hours``, ``year``,
        ``date``, ..., or missing for a plain count); ``noun`` (for a plain
        count, the noun it counts, lowercased: the first lowercase word after
        it, skipping capitalised words and a few modifiers such as ``more``
        and ``new``: ``11,000 North Korean troops`` → ``troops``; missing
        when the next word is a function word or punctuation); ``qualifier``
        (``about``, ``some``, ``more than``, ``at least``, ... right before a
        count or amount, else missing); ``phrase`` (qualifier, figure and
        noun as written: ``more than 40 countries``).

        Articles without figures have no rows (this is a long table).

    Raises
    ------
    TypeError, ValueError
        If ``articles`` is not an articles frame, or ``sentences`` is not a
        sentences table of these articles.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.compare.numbers import extract_numbers
    >>> text = (
    ...     "Zelensky said 11,000 North Korean troops were in Kursk on Oct. 1. "
    ...     "Aid of $125 billion, two percent of output, ended within 24 hours in 2022."
    ... )
    >>> articles = pd.DataFrame({"text": [text]}, index=pd.Index(["a"], name="doc_id"))
    >>> figs = extract_numbers(articles)
    >>> figs[["sent_id", "text", "value", "unit", "noun"]]
       sent_id          text         value     unit    noun
    0        0        11,000  1.100000e+04      NaN  troops
    1        0        Oct. 1  1.001000e+03     date     NaN
    2        1  $125 billion  1.250000e+11      USD     NaN
    3        1   two percent  2.000000e+00  percent     NaN
    4        1      24 hours  2.400000e+01    hours     NaN
    5        1          2022  2.022000e+03     year     NaN
    >>> figs.loc[0, "phrase"]
    '11,000 North Korean troops'
    >>> text[figs.loc[2, "start"] : figs.loc[2, "end"]]
    '$125 billion'
    """
    func = "extract_numbers"
    articles, texts = _spans.article_texts(articles, func)
    if sentences is None:
        sents = split_sentences(articles)
        pos = articles.index.get_indexer(pd.Index(sents["doc_id"]))
        spans = {
            "pos": pos.tolist(),
            "sent_id": sents["sent_id"].tolist(),
            "start": sents["start"].tolist(),
            "end": sents["end"].tolist(),
        }
    else:
        spans = _spans.given_sentences(sentences, articles, texts, func)
    stop = stopwords()
    rows: dict[str, list[Any]] = {
        k: []
        for k in (
            "pos",
            "sent_id",
            "start",
            "end",
            "text",
            "value",
            "high",
            "unit",
            "noun",
            "qualifier",
            "phrase",
        )
    }
    for p, sent_id, s_start, s_end in zip(
        spans["pos"], spans["sent_id"], spans["start"], spans["end"], strict=True
    ):
        text = texts[p]
        for fig in _figures(text, s_start, s_end):
            noun, phrase_end = (None, fig.end)
            qualifier, phrase_start = (None, fig.start)
            if fig.unit not in ("year", "date", "decade"):
                q = _QUALIFIER.search(text, s_start, fig.start)
                if q is not None:
                    qualifier = re.sub(r"\s+", " ", q.group().strip().lower())
                    phrase_start = q.start()
            if fig.counted:
                noun, phrase_end = _noun(text, fig.end, s_end, stop)
                phrase_end = max(phrase_end, fig.end)
            rows["pos"].append(p)
            rows["sent_id"].append(sent_id)
            rows["start"].append(fig.start)
            rows["end"].append(fig.end)
            rows["text"].append(text[fig.start : fig.end])
            rows["value"].append(fig.value)
            rows["high"].append(fig.high)
            rows["unit"].append(fig.unit)
            rows["noun"].append(noun)
            rows["qualifier"].append(qualifier)
            rows["phrase"].append(text[phrase_start:phrase_end])
    order = np.lexsort((np.asarray(rows["start"], dtype=np.int64), np.asarray(rows["pos"])))
    positions = np.asarray(rows["pos"], dtype=np.intp)[order]
    out: dict[str, Any] = {"doc_id": articles.index.take(positions).array}
    ints = ("sent_id", "start", "end")
    floats = ("value", "high")
    for name in rows:
        if name == "pos":
            continue
        values = [rows[name][i] for i in order]
        if name in ints:
            out[name] = np.asarray(values, dtype=np.int64)
        elif name in floats:
            out[name] = np.asarray(values, dtype=np.float64)
        else:
            out[name] = pd.Series(values, dtype="str")
    return pd.DataFrame(out)
