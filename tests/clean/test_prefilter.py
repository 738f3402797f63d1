"""The literal screens of the cleaning rules: a line they reject can never match.

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
from mediakit.clean._prefilter import passes, required_literals

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
