"""Countries under their other names: capital, demonym, alternative spellings (private).

News names a country by its capital (``Moscow`` for Russia's government,
``Kyiv`` for Ukraine's), by its demonym (``Russian forces``) or by another
spelling (``Russian Federation``, ``USA``). When two versions of a story say
the same thing with different ones, the entity has not changed.
:func:`place_key` maps each of these names to one key per country; the data
are those the ``countryinfo`` package ships (MIT; 250 countries and
territories, offline).

A name shared by several entries (``American``: the United States and
American Samoa) belongs to the most populous. ISO codes and other all-caps
spellings (``US``, ``U.S.``, ``UK``, ``RUS``) count only when written in
capitals, so that ``It`` or ``No`` opening a sentence is no country.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["place_key"]

_CITY_SUFFIX = re.compile(r"\s+(?:D\.\s?C\.|City)$")


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[.’']", "", letters).casefold().split())


@lru_cache(maxsize=1)
def _keys() -> tuple[dict[str, str], dict[str, str]]:
    """(folded name -> country key, all-caps code -> country key)."""
    from countryinfo import CountryInfo

    out: dict[str, str] = {}
    codes: dict[str, str] = {}
    extra: dict[str, str] = {}
    infos = sorted(CountryInfo.all().values(), key=lambda i: -float(i.get("population") or 0))
    for info in infos:
        country = info.get("name")
        if not country:
            continue
        key = _fold(country)
        iso = info.get("ISO") or {}
        spellings = [a for a in info.get("altSpellings") or [] if isinstance(a, str)]
        for code in [iso.get("alpha2"), iso.get("alpha3"), *spellings]:
            if isinstance(code, str) and code.isupper() and code.isalpha():
                codes.setdefault(code, key)
        names = [country, info.get("demonym")]
        names += [a for a in spellings if not (a.isupper() and a.isalpha())]
        for name in names:
            if isinstance(name, str) and name:
                out.setdefault(_fold(name), key)
        capitals = info.get("capital") or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            # a capital never overrides a country's own name (Mexico City, Kuwait City)
            if isinstance(capital, str) and capital:
                extra.setdefault(_fold(capital), key)
                extra.setdefault(_fold(_CITY_SUFFIX.sub("", capital)), key)
    for name, key in extra.items():
        out.setdefault(name, key)
    return out, codes


def place_key(name: str) -> str | None:
    """The country a name stands for, or ``None``.

    Examples
    --------
    >>> place_key("Kyiv") == place_key("Ukraine") == place_key("Ukrainian")
    True
    >>> place_key("Washington") == place_key("United States of America")
    True
    >>> place_key("U.S.") == place_key("US") == place_key("American") == place_key("Washington")
    True
    >>> place_key("Mark Rutte") is None, place_key("It") is None
    (True, True)
    """
    names, codes = _keys()
    compact = name.replace(".", "").replace(" ", "")
    if compact.isupper() and compact.isalpha():
        return codes.get(compact) or names.get(_fold(name))
    return names.get(_fold(name))
