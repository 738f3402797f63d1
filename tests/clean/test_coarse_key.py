"""The coarse key of a line: lines with one ``normalise`` key always share it.

Repetition-based boilerplate counts lines by their coarse key first and
normalises only the lines whose coarse key is repeated often enough; that is
exact only if two lines with the same key never have different coarse keys.
Checked on every line of real articles and on generated lines made of the
characters ``normalise`` treats specially.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import mediakit as mk
from mediakit.clean._boilerplate import coarse_key, normalise

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

# letters in both cases, spaces of several kinds, the stops and punctuation normalise moves,
# typographic quotes and dashes, and characters NFKC changes (ligature, full width, NBSP)
ALPHABET = "aAbBzZ09 \t\u00a0.,;:!?()[]`'’“”\"-–—…éÉﬁＡ«»"


@settings(max_examples=2000, deadline=None)
@given(a=st.text(alphabet=ALPHABET, max_size=10), b=st.text(alphabet=ALPHABET, max_size=10))
def test_same_key_same_coarse_key_on_generated_lines(a, b):
    if normalise(a) == normalise(b):
        assert coarse_key(a) == coarse_key(b), (a, b)


@settings(max_examples=500, deadline=None)
@given(line=st.text(alphabet=ALPHABET, max_size=12))
def test_an_ascii_line_and_its_normalised_form_share_the_coarse_key(line):
    # the ASCII shortcut (lowercase, no normalising) agrees with the key's own coarse key
    assert coarse_key(line) == coarse_key(normalise(line))


def test_same_key_same_coarse_key_on_real_lines():
    texts = list(mk.load_sample_articles()["text"])
    for folder in ("bbc_news/articles", "onestopenglish/Texts-SeparatedByReadingLevel"):
        if (SHARED / folder).is_dir():
            texts += list(mk.read_articles(SHARED / folder, id_from="path")["text"])
    lines = {line.strip() for text in texts for line in text.splitlines() if line.strip()}
    # and the variants that boilerplate must count as one line
    lines |= {f"{line.upper()} ." for line in list(lines)[:2000]}
    lines |= {line.replace("'", "’").replace(" ", "  ") for line in list(lines)[:2000]}
    coarse_of: dict[str, set[bytes]] = defaultdict(set)
    for line in lines:
        coarse_of[normalise(line)].add(coarse_key(line))
    assert all(len(found) == 1 for found in coarse_of.values())
    # several lines per key, so the check above has something to check
    assert sum(len(found) > 0 for found in coarse_of.values()) < len(lines)


def test_coarse_keys_do_tell_lines_apart():
    assert coarse_key("Share this article") != coarse_key("Follow us on Twitter")
    assert coarse_key("Reporting by  Jan Berg.") == coarse_key("REPORTING BY JAN BERG")
