"""The screens of the cleaning rules: a line they reject can never match.

Two screens: the literals every match holds (``required_literals``, ``screen``)
and the first character of a match made from the start of the line
(``first_char``).

Soundness is all that matters (a screen that lets too much through only costs
time), so it is checked against ``re`` itself: on random lines for patterns
of every shape the analysis handles, and on every line of real articles for
the built-in rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.clean import default_rules
from mediakit.clean._prefilter import (
    first_char,
    first_texts,
    passes,
    required_literals,
    screen,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

PATTERNS = [
    r"ab(?:c|de)f",
    r"(?:x|y)?zz",
    r"a{0,2}bc",
    r"(ab)+c",
    r"a|b",
    r"[ab]cd",
    r"(?:ab|)c",
    r"a(?=b)bc",
    r"(?<!x)ya|zb",
    r"(?:ab)*?c",
    r"(?P<g>ab)x(?P=g)",
    r"(?>ab|cd)e",
    r"x(?:a|b(?:c|d))y",
    r"ab\Z",
    r"(?i)ab",
    r"a.b",
]


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet="abcdexyz", max_size=12))
def test_a_rejected_line_never_matches(pattern, line):
    screen = required_literals(pattern, 0)
    if re.search(pattern, line):
        assert passes(screen, line), (pattern, line, screen)


def test_what_the_analysis_finds_and_where_it_gives_up():
    assert required_literals(r"ab(?:c|de)f", 0) == {"ab"}
    assert required_literals(r"x(?:a|b(?:cc|dd))y", 0) == {"x"}
    assert required_literals(r"(?:Photo|Getty Images)", 0) == {"Photo", "Getty Images"}
    assert required_literals(r"(ab)+c", 0) == {"ab"}
    assert required_literals(r"(?:ab|)c", 0) == {"c"}  # the empty alternative needs nothing
    # no literal that every match needs: no screen
    for pattern in (r"a|[bc]", r"a{0,2}", r"[ab]+", r".*", r"(?:ab)*c?"):
        assert required_literals(pattern, 0) is None, pattern
    # case-insensitive patterns and backreferences are never screened
    assert required_literals(r"photo", re.IGNORECASE) is None
    assert required_literals(r"(?i)photo", 0) is None
    assert required_literals(r"x(?i:photo)", 0) is None
    assert required_literals(r"(?P<g>ab)x(?P=g)", 0) is None
    assert required_literals(r"(a|b)\1", 0) is None
    assert passes(None, "anything") and not passes(frozenset({"©"}), "no credit here")


def _lines(texts):
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                yield line.strip()


def test_built_in_rules_on_real_lines():
    """Every line of the seed pair (and of BBC News and OneStopEnglish when present), and
    every example of every rule, that a built-in rule's expression matches passes its
    screen; and the caption rule's screen does reject most lines of the seed pair."""
    texts = list(mk.load_sample_articles()["text"])
    for folder in ("bbc_news/articles", "onestopenglish/Texts-SeparatedByReadingLevel"):
        if (SHARED / folder).is_dir():
            texts += list(mk.read_articles(SHARED / folder, id_from="path")["text"])
    lines = list(_lines(texts))
    rules = default_rules()
    screened = 0
    for rule in rules:
        screen = required_literals(rule.regex.pattern, rule.regex.flags)
        if screen is None:
            continue
        screened += 1
        for line in lines + list(rule.examples) + list(rule.counterexamples):
            if rule.regex.search(line):
                assert passes(screen, line), (rule.name, line)
    assert screened >= 1
    caption = next(r for r in rules if r.name == "caption")
    screen = required_literals(caption.regex.pattern, caption.regex.flags)
    seed = list(_lines(mk.load_sample_articles()["text"]))
    assert sum(passes(screen, line) for line in seed) < len(seed) / 2


# shapes the first-character analysis reads, with the cases where it must be careful: an
# optional or repeated start, zero-width items, scoped case flags, negated classes (which
# IGNORECASE narrows: [^a-z] under (?i) rejects "A")
FIRST_PATTERNS = [
    r"ab|cd",
    r"abc(?:d|e)|ab?x",
    r"(?i)share\s+on|post",
    r"(?:x|y)?zz",
    r"a*b+c",
    r"(?=a)[a-c]d",
    r"\b(?:ab)*?c",
    r"[^a-c]x",
    r"(?i)[^a-c]x",
    r"(?i:[^a-c])x",
    r"(?-i:[^a-c])x|Y",
    r"[^a]",
    r"(?i)[^a]b",
    r"(?>ab|cd)e",
    r"\W?\d\s",
    r"(?:)a",
    r"a{0}b",
    r"(?:a|)(?:b|)c",
    r".x",
]
FIRST_ALPHABET = "abcdexyzABCXYZ 1-é"


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("pattern", FIRST_PATTERNS)
@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet=FIRST_ALPHABET, min_size=1, max_size=8))
def test_a_line_whose_first_character_is_rejected_never_matches_from_its_start(
    pattern, flags, line
):
    first = first_char(pattern, flags)
    assert first is not None, pattern  # every shape above is read
    for m in (re.match(pattern, line, flags), re.fullmatch(pattern, line, flags)):
        if m is not None and m.end() > 0:
            assert first.match(line), (pattern, flags, line, first.pattern)


def test_first_char_finds_the_starts_and_gives_up_where_it_must():
    assert first_char(r"ab|cd", 0).pattern == "(?-i:a)|(?-i:c)"
    assert first_char(r"(?:x|y)?z", re.IGNORECASE).pattern == "(?i:[xy])|(?i:z)"
    assert not first_char(r"(?i)[^a-c]x", 0).match("A")  # as in the pattern itself
    assert first_char(r"[^a-c]x", 0).match("A")
    for pattern, flags in ((r"(a)?\1", 0), (r"a", re.ASCII), (r"(?a:\w)", 0), (r"(?a)\W", 0)):
        assert first_char(pattern, flags) is None, pattern


def test_screen_is_passes_in_one_call():
    pattern = r"(?:©\s*\w+|\(Photo:[^)]*\)|Getty Images)$"
    found = screen(pattern, 0)
    literals = required_literals(pattern, 0)
    for line in ("(Photo: AFP)", "© AFP", "Getty Images", "A photo of Kyiv", "(photo: afp)"):
        assert bool(found(line)) == passes(literals, line), line
    assert screen(r"(?i)photo", re.IGNORECASE) is None


def test_first_char_of_built_in_rules_on_real_lines():
    """Every line of the seed pair (and of BBC News and OneStopEnglish when present), and
    every example of every rule, that a built-in full or prefix rule matches from its start
    passes the rule's first-character screen; and the screens do reject lines."""
    texts = list(mk.load_sample_articles()["text"])
    for folder in ("bbc_news/articles", "onestopenglish/Texts-SeparatedByReadingLevel"):
        if (SHARED / folder).is_dir():
            texts += list(mk.read_articles(SHARED / folder, id_from="path")["text"])
    lines = list(_lines(texts))
    screened = rejected = 0
    for rule in default_rules():
        first = first_char(rule.regex.pattern, rule.regex.flags)
        if first is None or rule.match not in ("full", "prefix"):
            continue
        screened += 1
        for line in lines + list(rule.examples) + list(rule.counterexamples):
            m = rule.regex.fullmatch(line) if rule.match == "full" else rule.regex.match(line)
            if m is not None and m.end() > 0:
                assert first.match(line), (rule.name, line)
            rejected += not first.match(line)
    assert screened >= 8 and rejected > 0


def _starts_ok(starts, line):
    return any(p.fullmatch(line[:n]) for p, n in starts)


@pytest.mark.parametrize("width", [1, 2, 3])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("pattern", FIRST_PATTERNS)
@settings(max_examples=200, deadline=None)
@given(line=st.text(alphabet=FIRST_ALPHABET, min_size=1, max_size=8))
def test_a_line_whose_start_is_rejected_never_matches_from_its_start(pattern, flags, width, line):
    starts = first_texts(pattern, flags, width)
    assert starts is not None, pattern
    for m in (re.match(pattern, line, flags), re.fullmatch(pattern, line, flags)):
        if m is not None and m.end() > 0:
            assert _starts_ok(starts, line), (pattern, flags, line, starts)


def test_first_texts_reads_runs_of_literals():
    found = first_texts(r"(?:share|post)\s+on|[0-9]+ comments|x", re.IGNORECASE, 2)
    assert [(p.pattern, n) for p, n in found] == [
        ("(?i:sh)", 2), ("(?i:po)", 2), ("(?i:[0-9])", 1), ("(?i:x)", 1)
    ]  # fmt: skip
    assert _starts_ok(found, "SHARES rose") and not _starts_ok(found, "Stocks rose")
    assert not _starts_ok(found, "s")  # too short to begin with "sh"


def test_first_texts_of_built_in_rules_on_real_lines():
    texts = list(mk.load_sample_articles()["text"])
    for folder in ("bbc_news/articles", "onestopenglish/Texts-SeparatedByReadingLevel"):
        if (SHARED / folder).is_dir():
            texts += list(mk.read_articles(SHARED / folder, id_from="path")["text"])
    lines = list(_lines(texts))
    rejected = 0
    for rule in default_rules():
        starts = first_texts(rule.regex.pattern, rule.regex.flags, 2)
        if starts is None or rule.match not in ("full", "prefix"):
            continue
        for line in lines + list(rule.examples) + list(rule.counterexamples):
            m = rule.regex.fullmatch(line) if rule.match == "full" else rule.regex.match(line)
            if m is not None and m.end() > 0:
                assert _starts_ok(starts, line), (rule.name, line)
            rejected += not _starts_ok(starts, line)
    assert rejected > 0
