"""The report opens offline, escapes all article text, and is the same bytes every time."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from _report_data import ATTR, SCRIPT, STYLE_END, hostile_articles, quiet
from _report_html import Node, as_dicts, parse, table_rows

import mediakit as mk
from mediakit._html import CSS
from mediakit.report._page import REPORT_CSS

#: Elements that load or run something, or send something away.
ACTIVE = {
    "script", "link", "iframe", "frame", "object", "embed", "img", "audio", "video",
    "source", "track", "base", "form", "input", "button", "foreignobject", "applet", "portal",
}  # fmt: skip
#: Attributes that fetch a resource.
FETCHING = {"src", "srcset", "action", "formaction", "poster", "background", "data", "ping"}


def assert_self_contained(html: str) -> None:
    """Nothing that runs, nothing that loads from outside the page (parsed, not grepped)."""
    page = parse(html)
    assert page.declarations == ["doctype html"]
    nodes = list(page.root.iter())
    assert not {n.tag for n in nodes} & ACTIVE
    for n in nodes:
        for name, value in n.attrs.items():
            assert not name.startswith("on"), (n.tag, name)
            assert name not in FETCHING, (n.tag, name)
            if n.tag == "image" and name in ("href", "xlink:href"):
                # what matplotlib rasterizes (a colorbar's ramp) is embedded, not linked
                assert value.startswith("data:image/png;base64,"), (n.tag, name, value[:40])
                assert n.parent is not None and any(p.tag == "svg" for p in _ancestors(n))
            elif name in ("href", "xlink:href"):
                assert value.startswith("#"), (n.tag, name, value)
            elif "://" in value or value.lower().startswith(("javascript:", "data:")):
                # namespace names are identifiers, never fetched
                assert n.tag == "svg" and (name == "xmlns" or name.startswith("xmlns:")), (
                    n.tag,
                    name,
                    value,
                )
            if name == "style":
                assert_css_is_local(value)
        if n.tag == "meta":
            assert "http-equiv" not in n.attrs
    styles = [n for n in nodes if n.tag == "style"]
    assert len(styles) == 1
    assert_css_is_local(styles[0].text)


def _ancestors(node: Node) -> list[Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def assert_css_is_local(css: str) -> None:
    assert "@import" not in css
    assert "expression(" not in css
    for target in re.findall(r"url\(\s*([^)]*)\)", css):
        assert target.strip("'\" ").startswith("#"), target


# ---------------------------------------------------------------------------
# self-contained
# ---------------------------------------------------------------------------


def test_seed_report_is_self_contained(seed_html):
    assert_self_contained(seed_html)


def test_the_checker_catches_what_it_must():
    base = "<!doctype html><html><head><style>p{}</style></head><body>{}</body></html>"
    assert_self_contained(base.replace("{}", "<p>ok</p>", 1).replace("p{}", "p{}", 1))
    bad = [
        '<script src="x.js"></script>',
        '<img src="https://example.org/a.png">',
        '<a href="https://example.org">x</a>',
        '<a href="javascript:alert(1)">x</a>',
        '<p onclick="x()">x</p>',
        '<svg><image xlink:href="https://example.org/a.png"/></svg>',
        '<image href="data:image/png;base64,AAAA"/>',  # outside an svg
        '<svg><image href="data:image/svg+xml;base64,AAAA"/></svg>',  # not a PNG
        '<p style="background:url(https://example.org/a.png)">x</p>',
    ]
    for fragment in bad:
        doc = "<!doctype html><html><head><style>p{}</style></head><body>" + fragment
        with pytest.raises(AssertionError):
            assert_self_contained(doc + "</body></html>")
    with pytest.raises(AssertionError):
        assert_css_is_local("@import 'https://example.org/a.css';")
    with pytest.raises(AssertionError):
        assert_css_is_local("body{background:url(https://example.org/a.png)}")


def test_style_sheet_is_the_inline_one_with_a_print_section(seed_page):
    style = seed_page.root.find("style")
    assert style.text == f"\n{CSS}{REPORT_CSS}"
    assert "@media print" in style.text


def test_figures_are_inline_svg_with_text_as_paths_and_unique_ids(seed_page):
    figures = seed_page.root.find_all("figure", "mk-fig")
    assert len(figures) == 4  # containment, alignment, frames, readability
    ids = [n.attrs["id"] for n in seed_page.root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "an id is used twice in the page"
    for k, fig in enumerate(figures, start=1):
        svgs = fig.find_all("svg")
        assert len(svgs) == 1
        svg = svgs[0]
        assert svg.attrs["role"] == "img" and svg.attrs["aria-label"]
        assert fig.find("figcaption").text.startswith(f"Figure {k}. ")
        assert not svg.find_all("text"), "text not drawn as paths needs a font"
        assert not svg.find_all("style")
        own = {n.attrs["id"] for n in svg.iter() if "id" in n.attrs}
        assert own and all(i.startswith(f"mkfig{k}-") for i in own)
        refs = []
        for n in svg.iter():
            for name, value in n.attrs.items():
                if name in ("href", "xlink:href") and not value.startswith("data:"):
                    refs.append(value[1:])
                refs += re.findall(r"url\(#([^)]+)\)", value)
        assert refs, "a figure without references tests nothing"
        assert set(refs) <= own, "a reference points outside its own figure"


# ---------------------------------------------------------------------------
# deterministic
# ---------------------------------------------------------------------------


def test_writing_the_report_twice_gives_the_same_bytes(tmp_path):
    articles = mk.load_sample_articles()
    first = quiet(mk.write_report, articles, tmp_path / "one.html")
    second = quiet(mk.write_report, articles, tmp_path / "two.html")
    assert first.read_bytes() == second.read_bytes()


def test_another_process_writes_the_same_bytes(tmp_path, seed_html):
    # a new interpreter with another hash seed: no set order, id() or time leaks in
    out = tmp_path / "report.html"
    code = (
        "import warnings, sys, mediakit as mk; warnings.simplefilter('ignore'); "
        "mk.write_report(mk.load_sample_articles(), sys.argv[1], 'wire', 'rewrite')"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "MPLBACKEND": "Agg"}
    subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
    assert out.read_bytes() == seed_html.encode("utf-8")


# ---------------------------------------------------------------------------
# escaped
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return quiet(mk.pair_report, hostile_articles())


def test_hostile_report_is_self_contained(hostile_html):
    assert_self_contained(hostile_html)
    assert "<script" not in hostile_html.lower()
    assert "<img" not in hostile_html.lower()
    assert hostile_html.count(STYLE_END) == 1  # only the page's own


def _text_of(node: Node) -> str:
    return node.text


def test_hostile_ids_titles_and_metadata_show_as_text(hostile_html):
    page = parse(hostile_html)
    arts = hostile_articles()
    a, b = arts.index
    assert page.root.find("title").text == f"{a} → {b}: two versions of a story"
    assert page.root.find("h1").text == f"{a} → {b}: two versions of a story"
    rows = as_dicts(page.root.find("table", "mk-docs"))
    assert [r["doc_id"] for r in rows] == [a, b]
    assert [r["title"] for r in rows] == list(arts["title"])
    assert [r["url"] for r in rows] == list(arts["url"])  # shown, never a link
    assert [r["outlet"] for r in rows] == list(arts["outlet"])
    labels = [n.attrs["aria-label"] for n in page.root.find_all("svg")]
    assert any(a in label and b in label for label in labels)


def test_hostile_text_and_quotes_show_as_text(hostile_html):
    page = parse(hostile_html)
    sbs = table_rows(page.root.by_id("side-by-side").find("table", "mk-sbs"))
    left = " ".join(r[1] for r in sbs)
    right = " ".join(r[4] for r in sbs)
    assert SCRIPT in left and ATTR in left and STYLE_END in left
    assert "<img src=x onerror=alert(2)>" in right
    quotes = as_dicts(page.root.by_id("quotes").find("table", "mk-quotes-a"))
    a, b = hostile_articles().index
    assert quotes[0][f"quote in {a}"].startswith(f"{SCRIPT} is a threat")
    assert quotes[0][f"quote in {b}"].startswith(f"{SCRIPT} is a threat")
    new = as_dicts(page.root.by_id("quotes").find("table", "mk-quotes-b"))
    assert [r[f"quote in {b}"] for r in new] == [
        f"{STYLE_END}<script>alert(3)</script> is a disaster for us all."
    ]


def test_a_hostile_title_for_the_page_is_escaped(seed_clean):
    title = f"{STYLE_END}{SCRIPT}{ATTR}"
    html = quiet(mk.pair_report, seed_clean, clean=False, title=title)
    assert_self_contained(html)
    page = parse(html)
    assert page.root.find("title").text == title == page.root.find("h1").text
