"""The notebook browsers, driven as a person drives them: clicks, menus, typed patterns.

No browser is needed: ipywidgets' buttons have ``.click()`` and every control a
``.value``; each test checks the HTML the views then hold (escaped). The
expected sentence pairs come from the hand alignment of the seed pair
(tests/data/seed_pair_gold.json), the expected hits from a regular expression
over the texts, not from mediakit.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import warnings
from html.parser import HTMLParser

import pandas as pd
import pytest

import mediakit as mk

pytest.importorskip("ipywidgets")

SCRIPT = "<script>alert(1)</script>"
ATTR = '" onmouseover="alert(2)'


class Elements(HTMLParser):
    """Start tags with their attributes, and the text (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Elements:
    p = Elements()
    p.feed(markup)
    p.close()
    return p


def assert_safe(markup: str) -> None:
    """No script element, no on* attribute, no hostile text left unescaped."""
    p = parse(markup)
    assert "script" not in [t for t, _ in p.tags]
    assert not [a for _, attrs in p.tags for a in attrs if a.lower().startswith("on")]
    assert SCRIPT not in markup and ATTR not in markup


def cells(markup: str, cls: str) -> list[str]:
    """The text of every ``<td class=cls>`` (tags stripped, entities decoded)."""
    found = re.findall(rf'<td class="{cls}">(.*?)</td>', markup, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in found]


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


@pytest.fixture(scope="module")
def report(clean):
    return mk.compare_versions(clean, "wire", "rewrite")


def gold_pairs(seed_gold) -> list[tuple[int | None, int | None, str]]:
    return [tuple(p) for p in seed_gold["alignment_wire_to_rewrite"]["pairs"]]


def step_text(browser) -> str:
    head = re.search(r'<p class="mk-step">(.*?)</p>', browser.html).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", head))


def expected_step(i: int, n: int, a: int | None, b: int | None, label: str) -> str:
    left = "none in wire" if a is None else f"wire sentence {a}"
    right = "none in rewrite" if b is None else f"rewrite sentence {b}"
    return f"{i + 1} of {n} · {left} → {right} · {label}"


# ---------------------------------------------------------------------------
# alignment browser
# ---------------------------------------------------------------------------


def test_next_steps_through_the_hand_alignment_in_order(report, seed_gold):
    pairs = gold_pairs(seed_gold)
    browser = mk.display.alignment_browser(report)
    assert browser.previous_button.disabled and not browser.next_button.disabled
    seen = []
    for i in range(len(pairs)):
        if i:
            browser.next_button.click()
        seen.append(step_text(browser))
        assert browser.slider.value == i + 1
    assert seen == [expected_step(i, len(pairs), *p) for i, p in enumerate(pairs)]
    assert browser.next_button.disabled and not browser.previous_button.disabled
    browser.next_button.click()  # at the end: nothing moves
    assert browser.position == len(pairs) - 1
    browser.previous_button.click()
    assert step_text(browser) == expected_step(len(pairs) - 2, len(pairs), *pairs[-2])


def test_a_step_shows_both_sentences_with_the_word_diff_and_the_change_of_meaning(report):
    browser = mk.display.alignment_browser(report)
    browser.slider.value = 9  # wire 8 → rewrite 8, Zelensky's quote
    view = browser.html
    assert cells(view, "mk-a") == ["“North Korea is now, in fact, waging a war in Europe."]
    assert cells(view, "mk-b") == ["“North Korea is now, in effect, waging war in Europe."]
    assert re.findall(r'<del class="mk-del">(.*?)</del>', view) == ["fact", "a"]
    assert re.findall(r'<ins class="mk-ins">(.*?)</ins>', view) == ["effect"]
    assert "<td>quote altered</td><td>in fact → in effect; waging a war → waging war</td>" in view


def test_the_condition_the_rewrite_added_is_one_filter_away(report):
    # The seed pair's factual drift: the wire reports Trump's victory, the rewrite has
    # "if re-elected" (README, Sample data).
    browser = mk.display.alignment_browser(report, show="condition_added")
    assert browser.steps == [1] and browser.group == 1
    assert browser.previous_button.disabled and browser.next_button.disabled
    assert "if re-elected" in cells(browser.html, "mk-b")[0]
    assert "+ if re-elected as U.S. president" in browser.html


def test_the_dropped_filter_shows_the_sentences_the_rewrite_dropped(report, seed_gold):
    dropped = [a for a, b, label in gold_pairs(seed_gold) if label == "dropped"]
    browser = mk.display.alignment_browser(report)
    browser.show.value = "dropped"
    shown = []
    for _ in dropped:
        shown.append(step_text(browser))
        assert 'class="mk-dropped"' in browser.html
        assert cells(browser.html, "mk-b") == [""]
        browser.next()
    assert shown == [
        expected_step(i, len(dropped), a, None, "dropped") for i, a in enumerate(dropped)
    ]


def test_changing_the_filter_keeps_the_pair_or_moves_to_the_next_one(report):
    browser = mk.display.alignment_browser(report)
    browser.slider.value = 11  # group 10: rewritten, no change of meaning found
    assert browser.group == 10
    browser.show.value = "claims"
    # the next group with a change of meaning after group 10 (claims: groups 11, 12, ...)
    with_claims = sorted(set(report.claims["group"].astype(int)))
    assert browser.steps == with_claims
    assert browser.group == min(g for g in with_claims if g >= 10)
    kept = browser.group
    browser.show.value = "all"
    assert browser.group == kept and browser.position == kept


def test_the_menu_counts_pairs_and_lists_the_kinds_present(report):
    browser = mk.display.alignment_browser(report)
    options = dict((key, label) for label, key in browser.show.options)
    assert options["all"] == "all pairs (25)"
    assert options["dropped"] == "dropped (3)"
    n_condition = int((report.claims["kind"] == "condition_added").sum())
    assert options["condition_added"] == f"condition added ({n_condition})"
    assert "merged" not in options  # no merge in the seed pair


def test_a_filter_that_matches_nothing_says_so(report):
    browser = mk.display.alignment_browser(report, show="merged")
    assert browser.steps == [] and browser.position is None and browser.group is None
    assert "No pair of sentences matches this filter." in browser.html
    assert browser.next_button.disabled and browser.previous_button.disabled
    assert browser.slider.disabled
    browser.next_button.click()
    assert browser.position is None


def test_a_merge_is_one_step_with_both_sentences(clean):
    articles = pd.DataFrame(
        {
            "text": [
                "Rutte met Orbán. They spoke about Ukraine. Then he left.",
                "Rutte met Orbán and they spoke about Ukraine. Then he left.",
            ]
        },
        index=pd.Index(["a", "b"], name="doc_id"),
    )
    alignment = pd.DataFrame(
        {
            "a_sent": pd.array([0, 1, 2], dtype="Int64"),
            "b_sent": pd.array([0, 0, 1], dtype="Int64"),
            "a_text": ["Rutte met Orbán.", "They spoke about Ukraine.", "Then he left."],
            "b_text": ["Rutte met Orbán and they spoke about Ukraine."] * 2 + ["Then he left."],
            "similarity": [0.6, 0.6, 1.0],
            "label": ["merged", "merged", "verbatim"],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)  # an IDF fitted on five sentences
        comparison = mk.compare_versions(articles, "a", "b", alignment=alignment)
    browser = mk.display.alignment_browser(comparison)
    assert browser.steps == [0, 1]
    assert step_text(browser) == "1 of 2 · a sentences 0, 1 → b sentence 0 · merged"
    assert cells(browser.html, "mk-a") == ["Rutte met Orbán. They spoke about Ukraine."]
    browser.show.value = "changed"
    assert browser.steps == [0]  # the verbatim pair is left out


def test_articles_and_two_ids_are_compared_first(clean, report):
    browser = mk.display.alignment_browser(clean, "wire", "rewrite", show="dropped")
    assert browser.steps == mk.display.alignment_browser(report, show="dropped").steps
    assert browser.comparison.a == "wire"


def test_alignment_browser_bad_input():
    with pytest.raises(TypeError, match=r"expects a comparison from mediakit\.compare_versions"):
        mk.display.alignment_browser([1, 2])
    articles = mk.load_sample_articles()
    with pytest.raises(ValueError, match=r"name the two versions: alignment_browser\(articles"):
        mk.display.alignment_browser(articles, "wire")
    with pytest.raises(ValueError, match="not a doc_id"):
        mk.display.alignment_browser(articles, "wire", "nope")


def test_alignment_browser_bad_show_and_extra_ids(report):
    with pytest.raises(ValueError, match=r"`show` = 'changes' is invalid; expected one of \{"):
        mk.display.alignment_browser(report, show="changes")
    with pytest.raises(ValueError, match="a comparison already names its two versions"):
        mk.display.alignment_browser(report, "wire", "rewrite")


def hostile_articles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [
                f"The minister said {SCRIPT} was a threat. Talks {ATTR} failed.",
                f"The minister claimed {SCRIPT} was a threat. Talks {ATTR} failed badly.",
            ],
            "title": [f"A {SCRIPT} title", f"B {ATTR}"],
        },
        index=pd.Index([f"wire{SCRIPT}", f"rewrite{ATTR}"], name="doc_id"),
    )


def test_alignment_browser_escapes_hostile_articles():
    articles = hostile_articles()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        browser = mk.display.alignment_browser(articles, *articles.index)
    assert browser.steps
    for _ in browser.steps:
        assert_safe(browser.html)
        assert "&lt;script&gt;" in browser.html
        browser.next()
    for label, _key in browser.show.options:
        assert SCRIPT not in label


# ---------------------------------------------------------------------------
# KWIC browser
# ---------------------------------------------------------------------------


def regex_hits(clean: pd.DataFrame, pattern: str) -> list[tuple[str, int, int, str]]:
    return [
        (doc, m.start(), m.end(), m.group())
        for doc, text in clean["text"].items()
        for m in re.finditer(pattern, text)
    ]


def article_text(view: str) -> str:
    body = re.search(r'<div class="mk-article">(.*?)</div>', view, flags=re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_a_typed_pattern_lists_every_hit(clean):
    browser = mk.display.kwic_browser(clean)
    assert (
        browser.hits is None and "Pick a category or type a pattern" in browser.summary_view.value
    )
    browser.pattern_box.value = "threat*"  # what pressing Enter in the box does
    expected = regex_hits(clean, r"(?i)\bthreat\w*")
    got = browser.hits
    assert (
        list(zip(got["doc_id"], got["start"], got["end"], got["keyword"], strict=True)) == expected
    )
    summary = html.unescape(browser.summary_view.value)
    assert f"{len(expected)} hits of pattern 'threat*' in 2 of 2 articles" in summary
    assert len(browser.hit_menu.options) == len(expected)
    assert cells(browser.hits_view.value, "mk-kw") == [h[3] for h in expected]
    # the first hit opens at once, in its article
    assert browser.hit == 0
    assert '<mark class="mk-hit mk-current">threat</mark>' in browser.article_view.value


def test_picking_a_hit_shows_it_in_its_article(clean):
    browser = mk.display.kwic_browser(clean, pattern="threat*", context=120)
    rewrite = [h for h in regex_hits(clean, r"(?i)\bthreat\w*") if h[0] == "rewrite"]
    i = len(browser.hits) - len(rewrite) + 1  # the rewrite's second hit
    browser.hit_menu.value = i
    view = browser.article_view.value
    assert f"<b>hit {i + 1} of {len(browser.hits)}</b>" in view
    assert "article <b>rewrite</b>" in view
    assert f"{len(rewrite)} hits in this article" in view
    _doc, start, end, word = rewrite[1]
    text = clean.loc["rewrite", "text"]
    shown = article_text(view)
    assert shown.startswith("… ") and shown.endswith(" …")
    excerpt = shown[2:-2]
    assert excerpt in text  # the article as written, only cut
    lo = text.index(excerpt)
    assert lo <= start - 120 and lo + len(excerpt) >= end + 120
    current = re.findall(r'<mark class="mk-hit mk-current">(.*?)</mark>', view)
    assert current == [word]
    # every hit of the rewrite inside the excerpt is marked
    inside = [h[3] for h in rewrite if lo <= h[1] and h[2] <= lo + len(excerpt)]
    assert re.findall(r'<mark class="mk-hit[^"]*">(.*?)</mark>', view) == inside
    browser.whole_article.value = True
    assert article_text(browser.article_view.value) == text
    assert re.findall(r'<mark class="mk-hit[^"]*">(.*?)</mark>', browser.article_view.value) == [
        h[3] for h in rewrite
    ]


def test_a_category_runs_kwic_with_the_dictionary(clean):
    frames = mk.load_dictionary("reporting_verbs")
    browser = mk.display.kwic_browser(clean, frames)
    assert [v for _label, v in browser.category_menu.options][1:] == list(frames.categories)
    browser.category_menu.value = "loaded/doubt"
    # "claimed" is the rewrite's one verb of doubt (Zelensky "told" reporters in the wire)
    assert browser.hits[["doc_id", "keyword"]].values.tolist() == [["rewrite", "claimed"]]
    pd.testing.assert_frame_equal(browser.hits, mk.kwic(clean, "loaded/doubt", dictionary=frames))
    assert "Zelensky" in article_text(browser.article_view.value)
    # typing a pattern replaces the category; picking a category clears the pattern
    browser.pattern_box.value = "budapest"
    assert browser.category_menu.value is None
    assert browser.hits["keyword"].tolist() == [h[3] for h in regex_hits(clean, r"Budapest")]
    browser.category_menu.value = "neutral"
    assert browser.pattern_box.value == ""
    assert set(browser.hits["category"]) == {"neutral"}


def test_the_search_button_and_a_built_in_dictionary_by_name(clean):
    browser = mk.display.kwic_browser(clean, "hedges_boosters")
    browser.search_button.click()
    assert "Pick a category or type a pattern first." in browser.summary_view.value
    browser.category_menu.value = "hedge"
    n = len(browser.hits)
    browser.pattern_box.value = "reported*"
    browser.pattern_box.value = ""
    browser.category_menu.value = "hedge"
    assert len(browser.hits) == n


def test_a_pattern_kwic_rejects_shows_its_message(clean):
    browser = mk.display.kwic_browser(clean, pattern="threat*")
    browser.pattern_box.value = "re:("
    summary = html.unescape(browser.summary_view.value)
    assert 'class="mk-error"' in summary and "does not compile" in summary
    assert browser.hits is None and browser.hit_menu.options == ()
    assert browser.article_view.value == "" and browser.hits_view.value == ""


def test_no_hit_says_so(clean):
    browser = mk.display.kwic_browser(clean, pattern="zzzz")
    assert "0 hits of pattern 'zzzz' in 0 of 2 articles" in html.unescape(
        browser.summary_view.value
    )
    assert browser.hit is None and browser.article_view.value == ""


def test_max_hits_limits_the_list_not_the_count(clean):
    browser = mk.display.kwic_browser(clean, pattern="the", max_hits=3)
    n = len(regex_hits(clean, r"(?i)\bthe\b"))
    assert len(browser.hits) == n > 3
    assert len(browser.hit_menu.options) == 3
    assert f"{n - 3} more row(s) not shown" in browser.hits_view.value
    with pytest.raises(IndexError, match="hit 3 is not listed"):
        browser.show_hit(3)


def test_kwic_browser_bad_input(clean):
    with pytest.raises(TypeError, match="expects an articles DataFrame"):
        mk.display.kwic_browser(["text"])
    with pytest.raises(ValueError, match="needs a dictionary"):
        mk.display.kwic_browser(clean, category="conflict")
    with pytest.raises(ValueError, match=r"`category` = 'war' is invalid; expected one of"):
        mk.display.kwic_browser(clean, "generic_frames", category="war")
    with pytest.raises(ValueError, match="not both"):
        mk.display.kwic_browser(clean, "generic_frames", category="conflict", pattern="war")
    with pytest.raises(TypeError, match="`dictionary` must be a Dictionary"):
        mk.display.kwic_browser(clean, 3)
    with pytest.raises(ValueError, match="`window` must be an int >= 0"):
        mk.display.kwic_browser(clean, window=-1)
    with pytest.raises(ValueError, match="`max_hits` must be an int >= 1"):
        mk.display.kwic_browser(clean, max_hits=0)
    with pytest.raises(ValueError, match="does not compile"):
        mk.display.kwic_browser(clean, pattern="re:(")


def test_kwic_browser_escapes_hostile_articles():
    articles = hostile_articles()
    dictionary = mk.Dictionary.from_dict({f"cat{SCRIPT}": ["script", "threat"]})
    browser = mk.display.kwic_browser(articles, dictionary, category=f"cat{SCRIPT}")
    assert len(browser.hits) == 6  # <script>, </script> and threat, in each article
    for i in range(len(browser.hits)):
        browser.show_hit(i)
        for view in (browser.summary_view, browser.hits_view, browser.article_view):
            assert_safe(view.value)
        assert "&lt;script&gt;" in browser.article_view.value
    browser.pattern_box.value = "onmouseover"
    assert len(browser.hits) == 2
    assert_safe(browser.article_view.value)
    assert_safe(browser.hits_view.value)


# ---------------------------------------------------------------------------
# ipywidgets is optional
# ---------------------------------------------------------------------------


def test_import_mediakit_does_not_import_ipywidgets():
    code = (
        "import sys, mediakit as mk; mk.display.kwic_view; "
        "assert 'ipywidgets' not in sys.modules, 'imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_browser_without_ipywidgets_says_what_to_install(report, clean, monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import ipywidgets now fails
    with pytest.raises(ImportError, match=r"pip install ipywidgets .*mediakit\[notebook\]"):
        mk.display.alignment_browser(report)
    with pytest.raises(ImportError, match="kwic_browser needs ipywidgets"):
        mk.display.kwic_browser(clean)
