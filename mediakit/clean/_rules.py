"""Cleaning rules as data: the :class:`CleaningRule` model and its YAML loader.

The default rules live in ``mediakit/data/cleaning_rules.yaml``; this module
turns them into frozen :class:`CleaningRule` objects, resolves the user's
``rules=`` / ``disable=`` / ``extra_rules=`` options into the effective rule
set, and knows the news agencies that may fill the ``agency`` field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from mediakit._validation import check_option

__all__ = [
    "FIELDS",
    "KINDS",
    "MATCHES",
    "WHERES",
    "CleaningRule",
    "agency_name",
    "default_rules",
    "resolve_rules",
]

RULES_FILE = Path(__file__).parents[1] / "data" / "cleaning_rules.yaml"

#: What a rule is: a line rule, or one of the built-in steps that need logic.
KINDS = ("line", "caption", "headline", "boilerplate")
#: Where in the article a line rule may fire.
WHERES = ("anywhere", "head", "tail", "edges", "lead")
#: How a line rule's pattern is matched against a stripped line.
MATCHES = ("full", "prefix", "search")
#: Structured fields that removed text can be parsed into.
FIELDS = ("title", "dateline", "agency", "byline", "date", "captions", "caption_credits")

_FLAGS = {
    "IGNORECASE": re.IGNORECASE,
    "VERBOSE": re.VERBOSE,
    "ASCII": re.ASCII,
    "DOTALL": re.DOTALL,
}
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_AGENCY_TOKEN = "{AGENCY}"


@dataclass(frozen=True)
class CleaningRule:
    """One cleaning rule: a named, documented regular expression (or built-in step).

    Line rules (``kind="line"``) are matched against each line of an article
    with surrounding whitespace stripped. By default the pattern must match the
    *whole* line (``match="full"``), which keeps rules from eating body text.

    Parameters
    ----------
    name : str
        Identifier used in the audit's ``rule`` column and in ``disable=``
        (lowercase letters, digits, ``_``).
    pattern : str
        Regular expression (Python :mod:`re` syntax). The token ``{AGENCY}``
        is replaced by an alternation of the known news agencies (see
        ``agencies:`` in ``cleaning_rules.yaml``). A named group ``value``
        holds the value for ``field``; a group named after a field (``agency``,
        ``dateline``, ... optionally followed by digits: ``dateline2``) feeds
        that field; a group ``crumb`` is evidence for the headline step.
    description : str
        Human-readable reason, copied into the audit's ``reason`` column.
    field : str or None, default None
        Structured field the removed text is parsed into: one of ``title``,
        ``dateline``, ``agency``, ``byline``, ``date``, ``captions``,
        ``caption_credits``; None discards the text.
    kind : {"line", "caption", "headline", "boilerplate"}, default "line"
        ``line`` rules are pure pattern matches. The other kinds are built-in
        steps: ``caption`` searches its pattern (the photo credit) in lines
        that do not end like a sentence; the match must reach the end of the
        line, the text before it is the caption, groups named ``credit...``
        hold the credit, and an identical line just above (alt text) goes
        too. ``headline`` takes the first line when it fullmatches the
        pattern and has evidence (see :func:`mediakit.clean_articles`).
        ``boilerplate`` removes repeated lines that fullmatch the pattern.
    where : {"anywhere", "head", "tail", "edges", "lead"}, default "anywhere"
        Where a line rule may fire. ``head``: before the first prose line
        (a line of 8 words or more ending like a sentence); ``tail``: after
        the last prose line; ``edges``: head or tail; ``lead``: only the
        first remaining line of the body, after the headline step. Head and
        tail rules never take a line that continues a hard-wrapped sentence
        (the line above has 8+ words and stops on a lowercase letter, comma
        or dash); ``anywhere`` rules never take such a line when it starts
        in lowercase.
    match : {"full", "prefix", "search"}, default "full"
        ``full``: the pattern must match the whole stripped line, which is
        removed. ``prefix``: the pattern must match at the start of the line;
        only the matched prefix is removed and the rest of the line is kept.
        ``search``: the whole line is removed when the pattern occurs anywhere
        in it (use with care).
    flags : int, default 0
        :mod:`re` flags, e.g. ``re.IGNORECASE``.
    max_words : int or None, default None
        The rule only considers lines of at most this many words: a guard
        that keeps chrome rules away from paragraphs.
    after : str or None, default None
        Name of another ``where="anywhere"`` line rule: this rule only fires
        on lines after a line removed by that rule (e.g. the comment-form
        field ``Website`` only after ``Leave a Reply``).
    examples, counterexamples : tuple of str
        Lines the rule removes, and chrome-like lines it must keep
        (documentation, checked by the test suite).

    Examples
    --------
    >>> import re
    >>> from mediakit import CleaningRule
    >>> rule = CleaningRule(
    ...     name="promo",
    ...     pattern=r"promoted content",
    ...     description="sponsored-content label",
    ...     flags=re.IGNORECASE,
    ...     max_words=3,
    ... )
    >>> bool(rule.regex.fullmatch("Promoted Content"))
    True
    """

    name: str
    pattern: str
    description: str
    field: str | None = None
    kind: str = "line"
    where: str = "anywhere"
    match: str = "full"
    flags: int = 0
    max_words: int | None = None
    after: str | None = None
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    regex: re.Pattern[str] = dc_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.fullmatch(self.name):
            raise ValueError(
                f"CleaningRule name {self.name!r} is invalid; use lowercase letters, "
                "digits and underscores, starting with a letter (e.g. 'site_footer')"
            )
        if not isinstance(self.pattern, str) or not isinstance(self.description, str):
            raise TypeError(f"CleaningRule {self.name!r}: `pattern` and `description` are str")
        check_option("kind", self.kind, KINDS)
        check_option("where", self.where, WHERES)
        check_option("match", self.match, MATCHES)
        check_option("field", self.field, (*FIELDS, None))
        if self.max_words is not None and (
            isinstance(self.max_words, bool)
            or not isinstance(self.max_words, int)
            or self.max_words < 1
        ):
            raise ValueError(
                f"CleaningRule {self.name!r}: `max_words` = {self.max_words!r} is invalid; "
                "expected a positive int or None"
            )
        object.__setattr__(self, "examples", tuple(self.examples))
        object.__setattr__(self, "counterexamples", tuple(self.counterexamples))
        object.__setattr__(self, "flags", _parse_flags(self.flags, self.name))
        source = self.pattern.replace(_AGENCY_TOKEN, _agency_alternation())
        try:
            compiled = re.compile(source, self.flags)
        except re.error as exc:
            raise ValueError(
                f"CleaningRule {self.name!r}: invalid regular expression ({exc})"
            ) from None
        object.__setattr__(self, "regex", compiled)


def _parse_flags(flags: Any, name: str) -> int:
    if isinstance(flags, re.RegexFlag | int) and not isinstance(flags, bool):
        return int(flags)
    if isinstance(flags, str):
        flags = [flags]
    total = 0
    for flag in flags:
        check_option(f"flags of rule {name!r}", flag, _FLAGS)
        total |= _FLAGS[flag]
    return total


@lru_cache(maxsize=1)
def _load_yaml() -> dict[str, Any]:
    with RULES_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def _agency_aliases() -> dict[str, str]:
    """Casefolded alias -> canonical agency name."""
    aliases: dict[str, str] = {}
    for canonical, names in _load_yaml()["agencies"].items():
        for alias in (canonical, *names):
            aliases[" ".join(alias.split()).casefold()] = canonical
    return aliases


@lru_cache(maxsize=1)
def _agency_alternation() -> str:
    names = sorted(
        {a for c, ns in _load_yaml()["agencies"].items() for a in (c, *ns)},
        key=lambda a: (-len(a), a),
    )
    return "(?i:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + ")"


@lru_cache(maxsize=1)
def _agency_search() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + _agency_alternation() + r")(?!\w)")


def agency_name(text: str) -> str | None:
    """Return the canonical name of a known news agency named in ``text``, else None.

    The last agency mentioned wins (``"Ludovic MARIN / AFP"`` -> ``"AFP"``).
    """
    found = _agency_search().findall(text)
    if not found:
        return None
    return _agency_aliases().get(" ".join(found[-1].split()).casefold())


@lru_cache(maxsize=1)
def default_rules() -> tuple[CleaningRule, ...]:
    """Return the default cleaning rules, loaded from ``data/cleaning_rules.yaml``.

    Returns
    -------
    tuple of CleaningRule
        In the order they are tried; each is documented (description,
        examples) in the YAML file.

    Examples
    --------
    >>> from mediakit import default_rules
    >>> names = [r.name for r in default_rules()]
    >>> "ui_words" in names and "dateline" in names
    True
    """
    rules = []
    for entry in _load_yaml()["rules"]:
        entry = dict(entry)
        for key in ("examples", "counterexamples"):
            entry[key] = tuple(entry.get(key) or ())
            if not all(isinstance(e, str) for e in entry[key]):  # e.g. an unquoted "a: b"
                raise ValueError(f"{RULES_FILE}: rule {entry['name']!r} has a non-str {key[:-1]}")
        entry["description"] = " ".join(entry["description"].split())
        rules.append(CleaningRule(**entry))
    return tuple(rules)


def resolve_rules(
    rules: Iterable[CleaningRule] | None,
    disable: Iterable[str] | str,
    extra_rules: Iterable[CleaningRule],
) -> tuple[CleaningRule, ...]:
    """The effective rule set: ``rules`` (or the defaults) + ``extra_rules`` - ``disable``."""
    base = default_rules() if rules is None else tuple(rules)
    extra = tuple(extra_rules)
    for name, group in (("rules", base), ("extra_rules", extra)):
        for rule in group:
            if not isinstance(rule, CleaningRule):
                raise TypeError(
                    f"`{name}` must hold CleaningRule objects, got {type(rule).__name__}; "
                    "build one with mediakit.CleaningRule(name=..., pattern=..., description=...)"
                )
    combined = base + extra
    names = [r.name for r in combined]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(
            f"rule names must be unique; {dupes} appear more than once "
            "(give your extra rule another name, or disable the default one)"
        )
    disabled = {disable} if isinstance(disable, str) else set(disable)
    for name in disabled:
        check_option("disable", name, set(names))
    kept = tuple(r for r in combined if r.name not in disabled)
    anywhere = {r.name for r in kept if r.kind == "line" and r.where == "anywhere"}
    for rule in kept:
        if rule.after is not None and rule.after not in anywhere and rule.after not in disabled:
            raise ValueError(
                f"rule {rule.name!r}: `after` = {rule.after!r} must name a "
                "where='anywhere' line rule of the rule set"
            )
    return kept
