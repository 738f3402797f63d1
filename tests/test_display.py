"""HTML views: escaping of untrusted text, word diffs checked by hand, side-by-side layout."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from mediakit.display import HTML, html_table, inline_diff, side_by_side, word_diff

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
NASTY = f'He said "quotes" & {SCRIPT} then {IMG} too.'


class Elements(HTMLParser):
    """Collect every start tag and its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    p.close()
    return p


def assert_safe(html: str) -> None:
    """No script or img element, no on* attribute, no raw tag from the text."""
    p = parse(html)
    assert "script" not in p.tags
    assert "img" not in p.tags
    assert not [a for a in p.attrs if a.lower().startswith("on")]
    assert SCRIPT not in html and "<img" not in html


def alignment(rows: list[tuple]) -> pd.DataFrame:
    a, b, ta, tb, sim, label = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "a_sent": pd.array(a, dtype="Int64"),
            "b_sent": pd.array(b, dtype="Int64"),
            "a_text": pd.Series(ta, dtype="str"),
            "b_text": pd.Series(tb, dtype="str"),
            "similarity": [float("nan") if s is None else s for s in sim],
            "label": list(label),
        }
    )


# --- word diff, by hand ------------------------------------------------------


def test_word_diff_replacement():
    left, right = word_diff("the cat sat", "the dog sat")
    assert left == 'the <del class="mk-del">cat</del> sat'
    assert right == 'the <ins class="mk-ins">dog</ins> sat'


def test_word_diff_numbers_are_one_token():
    left, right = word_diff("11,000 troops", "10,000 troops")
    assert left == '<del class="mk-del">11,000</del> troops'
    assert right == '<ins class="mk-ins">10,000</ins> troops'


def test_word_diff_run_keeps_inner_spaces_inside_the_tag():
    left, right = word_diff("Trump said it was over.", "Trump said.")
    assert left == 'Trump said <del class="mk-del">it was over</del>.'
    assert right == "Trump said."


def test_word_diff_insert_at_start_and_end():
    left, right = word_diff("the war", "in short the war ended")
    assert left == "the war"
    assert right == '<ins class="mk-ins">in short</ins> the war <ins class="mk-ins">ended</ins>'


def test_word_diff_empty_sides():
    assert word_diff("", "new text") == ("", '<ins class="mk-ins">new text</ins>')
    assert word_diff("old text", "") == ('<del class="mk-del">old text</del>', "")
    assert word_diff("", "") == ("", "")


def test_word_diff_quote_style_is_not_a_change():
    q = "&quot;"
    assert word_diff("He said “yes”", 'He said "yes"') == ("He said “yes”", f"He said {q}yes{q}")
    left, right = word_diff("He said “yes”", 'He said "yes"', normalize_quotes=False)
    assert left == 'He said <del class="mk-del">“</del>yes<del class="mk-del">”</del>'
    assert right == f'He said <ins class="mk-ins">{q}</ins>yes<ins class="mk-ins">{q}</ins>'


def test_word_diff_escapes():
    left, right = word_diff("a < b & c", "a > b & c")
    assert left == 'a <del class="mk-del">&lt;</del> b &amp; c'
    assert right == 'a <ins class="mk-ins">&gt;</ins> b &amp; c'
    left, right = word_diff(NASTY, NASTY.replace("too", "also"))
    assert_safe(left)
    assert_safe(right)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in left
    assert "&quot;quotes&quot; &amp;" in left


def test_inline_diff():
    assert inline_diff("the cat sat", "the dog sat") == (
        'the <del class="mk-del">cat</del><ins class="mk-ins">dog</ins> sat'
    )
    # the space before a deletion at the end of b is taken from a, inside the tag
    assert inline_diff("he said it was over", "he said") == (
        'he said<del class="mk-del"> it was over</del>'
    )
    assert inline_diff("x", "x <b>") == 'x <ins class="mk-ins">&lt;b&gt;</ins>'


def test_html_type_renders_in_jupyter():
    left, _ = word_diff("a", "b")
    assert isinstance(left, HTML) and isinstance(left, str)
    assert left._repr_html_() == str(left)


# --- html_table --------------------------------------------------------------------


def test_html_table_escapes_headers_cells_index_and_caption():
    df = pd.DataFrame({IMG: [NASTY, None], "n": [1.23456, float("nan")]})
    df.index = pd.Index([SCRIPT, "x"], name='"idx"')
    html = html_table(df, index=True, caption=SCRIPT)
    assert_safe(html)
    p = parse(html)
    assert p.tags.count("tr") == 3
    assert "1.23" in html and "–" in html


def test_html_table_formats_numbers():
    df = pd.DataFrame({"v": [11000.0, 0.12345], "n": [3, 4], "flag": [True, False]})
    html = html_table(df, css=False)
    assert '<td class="mk-num">11,000</td>' in html and '<td class="mk-num">0.123</td>' in html
    assert '<td class="mk-num">3</td>' in html
    assert "<td>True</td>" in html


def test_html_table_max_rows():
    html = html_table(pd.DataFrame({"x": range(5)}), max_rows=2)
    assert parse(html).tags.count("tr") == 3
    assert "3 more row(s)" in html


def test_html_table_is_deterministic_and_checks_input():
    df = pd.DataFrame({"x": [1, 2]})
    assert html_table(df) == html_table(df.copy())
    with pytest.raises(TypeError, match="DataFrame"):
        html_table([1, 2])


# --- side by side --------------------------------------------------------------------


def test_side_by_side_groups_merges_and_splits():
    al = alignment(
        [
            (0, 0, "A zero.", "B zero.", 0.9, "rewritten"),
            (1, 1, "A one.", "B one B two.", 0.5, "merged"),
            (2, 1, "A two.", "B one B two.", 0.4, "merged"),
            (3, 2, "Split me here.", "Split me.", 0.6, "split"),
            (3, 3, "Split me here.", "Here.", 0.3, "split"),
            (4, None, "Gone.", None, None, "dropped"),
            (None, 4, None, "New.", None, "added"),
        ]
    )
    html = side_by_side(al, a_label="wire", b_label="rewrite")
    rows = [line for line in html.splitlines() if line.startswith("<tr class")]
    assert [r.split('"')[1] for r in rows] == [
        "mk-rewritten",
        "mk-merged",
        "mk-split",
        "mk-dropped",
        "mk-added",
    ]
    # the merge shows a's two sentences in one cell, b's sentence once
    assert '<td class="mk-id">1, 2</td>' in rows[1]
    cells = re.findall(r'<td class="mk-b">(.*?)</td>', rows[1])
    assert [re.sub(r"<[^>]+>", "", c) for c in cells] == ["B one B two."]
    assert '<td class="mk-sim">0.50 / 0.40</td>' in rows[1]
    # the split shows b's two sentences in one cell
    assert '<td class="mk-id">2, 3</td>' in rows[2]
    assert "<th>wire</th>" in html and "<th>rewrite</th>" in html


def test_side_by_side_escapes_text_labels_and_captions():
    al = alignment(
        [
            (0, 0, NASTY, NASTY + " More.", 0.9, "rewritten"),
            (1, None, SCRIPT, None, None, "dropped"),
            (None, 1, None, IMG, None, '"><script>x'),
        ]
    )
    html = side_by_side(al, a_label=SCRIPT, b_label=IMG, caption=IMG)
    assert_safe(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&quot;quotes&quot; &amp;" in html
    assert "<script>x" not in html


def test_side_by_side_without_diff():
    al = alignment([(0, 0, "the cat", "the dog", 0.5, "rewritten")])
    html = side_by_side(al, diff=False, css=False)
    assert "<del" not in html and "<ins" not in html and "<style>" not in html


def test_side_by_side_bad_input():
    with pytest.raises(TypeError, match="alignment table"):
        side_by_side("not a table")
    with pytest.raises(ValueError, match=r"\['label'\]"):
        side_by_side(alignment([(0, 0, "a", "b", 0.5, "x")]).drop(columns="label"))


def test_css_has_no_external_resources_or_script():
    html = side_by_side(alignment([(0, 0, "a", "b", 0.5, "rewritten")]))
    assert "<style>" in html
    for needle in ("url(", "@import", "http", "<script", "javascript:"):
        assert needle not in html
