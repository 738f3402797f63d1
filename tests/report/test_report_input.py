"""Arguments of pair_report and write_report: defaults, bad input, an empty article."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from _report_data import quiet
from _report_html import as_dicts, parse, table_rows

import mediakit as mk
from mediakit._html import HTML


def frame(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))


def test_report_is_html_that_a_notebook_shows(seed_html):
    assert isinstance(seed_html, HTML)
    assert seed_html._repr_html_() == str(seed_html)
    assert seed_html.startswith("<!doctype html>\n")


def test_a_and_b_default_to_the_first_two_articles(seed_clean):
    three = pd.concat([seed_clean, seed_clean.loc[["wire"]].rename(index={"wire": "copy"})])
    html = quiet(mk.pair_report, three, clean=False)
    assert parse(html).root.find("title").text == "wire → rewrite: two versions of a story"
    # b given: a is the first other article; a given: b is the first other article
    html = quiet(mk.pair_report, three, b="wire", clean=False)
    assert parse(html).root.find("title").text == "rewrite → wire: two versions of a story"
    html = quiet(mk.pair_report, three, "copy", clean=False)
    rows = as_dicts(parse(html).root.find("table", "mk-docs"))
    assert [r["doc_id"] for r in rows] == ["copy", "wire"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"a": "nope"}, ValueError, r"`a` = 'nope' is not a doc_id.*valid doc_ids are \['wire'"),
        ({"b": 3}, ValueError, r"`b` = 3 is not a doc_id"),
        ({"a": "wire", "b": "wire"}, ValueError, r"`a` and `b` are both 'wire'"),
        ({"dictionary": "no_such"}, ValueError, r"'no_such' is invalid.*generic_frames"),
        ({"dictionary": 3}, TypeError, r"`dictionary` must be the name of a built-in"),
        ({"clean": "yes"}, TypeError, r"`clean` must be True or False"),
        ({"title": 3}, TypeError, r"`title` must be a str"),
    ],
)
def test_bad_arguments_are_named(seed_clean, kwargs, error, message):
    with pytest.raises(error, match=message):
        mk.pair_report(seed_clean, **kwargs)


def test_one_article_is_not_a_pair(seed_clean):
    with pytest.raises(ValueError, match=r"compares two articles.*has 1 \(doc_ids \['wire'\]\)"):
        mk.pair_report(seed_clean.loc[["wire"]])
    with pytest.raises(ValueError, match="has 0"):
        mk.pair_report(seed_clean.iloc[:0])


def test_not_an_articles_frame():
    with pytest.raises(TypeError, match="expects an articles DataFrame"):
        mk.pair_report(["a text", "another"])
    with pytest.raises(ValueError, match=r"needs column\(s\) \['text'\]"):
        mk.pair_report(pd.DataFrame({"body": ["x", "y"]}))


def test_an_empty_article_is_flagged_not_a_crash(seed_clean):
    articles = pd.concat([seed_clean.loc[["wire"]], frame({"empty": ""})])
    with pytest.warns(mk.MediakitWarning) as record:
        html = mk.pair_report(articles, clean=False)
    assert any("['empty'] have no text" in str(w.message) for w in record)
    page = parse(html)
    flags = [li.text for li in page.root.find("div", "mk-flag").find_all("li")]
    assert any("['empty'] have no text" in f for f in flags)
    # every wire sentence is dropped, nothing is added
    n_wire = int((mk.split_sentences(seed_clean.loc[["wire"]])["doc_id"] == "wire").sum())
    lists = page.root.by_id("dropped-added").find_all("ol", "mk-sents")
    assert len(lists) == 1 and len(lists[0].find_all("li")) == n_wire
    # the empty version has no readability, shown as a dash; no quotes; zero hits
    rows = {r["measure"]: r for r in as_dicts(page.root.find("table", "mk-readability"))}
    assert rows["Flesch reading ease"]["empty"] == "–"
    assert rows["Flesch reading ease"]["empty − wire"] == "–"
    assert rows["words"]["empty"] == "0"
    frames = as_dicts(page.root.find("table", "mk-frames"))
    assert all(r["hits in empty"] == "0" for r in frames)
    quotes = as_dicts(page.root.find("table", "mk-quotes-a"))
    assert {r["fate"] for r in quotes} == {"lost"}
    assert {r["note"] for r in quotes} == {"sentence dropped"}
    assert len(page.root.find_all("figure")) == 4


def test_two_empty_articles_make_a_report_of_nothing(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        path = mk.write_report(frame({"x": "", "y": "  "}), tmp_path / "empty.html")
    page = parse(path.read_text("utf-8"))
    sbs = page.root.by_id("side-by-side").find("table", "mk-sbs")
    assert table_rows(sbs) == []
    assert "have no text" in page.root.find("div", "mk-flag").text


def test_write_report_writes_the_page_and_makes_folders(tmp_path, seed_html):
    out = quiet(mk.write_report, mk.load_sample_articles(), str(tmp_path / "a" / "b" / "r.html"))
    assert isinstance(out, Path) and out == tmp_path / "a" / "b" / "r.html"
    assert out.read_bytes() == seed_html.encode("utf-8")
    assert b"\r\n" not in out.read_bytes()


def test_write_report_checks_its_arguments(tmp_path, seed_clean):
    with pytest.raises(TypeError, match=r"`path` must be a str or pathlib\.Path"):
        mk.write_report(seed_clean, 3)
    with pytest.raises(ValueError, match=r"write_report: `a` = 'nope'"):
        mk.write_report(seed_clean, tmp_path / "x.html", "nope")
    assert not (tmp_path / "x.html").exists()


def test_write_report_warns_at_the_callers_line(tmp_path, seed_clean):
    with pytest.warns(mk.MediakitWarning, match="SMOG") as record:
        mk.write_report(seed_clean, tmp_path / "r.html", clean=False)
    assert {w.filename for w in record} == {__file__}


def test_dictionary_object_is_named_on_the_page(seed_clean):
    d = mk.load_dictionary("reporting_verbs")
    html = quiet(mk.pair_report, seed_clean, dictionary=d, clean=False)
    frames = parse(html).root.by_id("frames")
    assert "reporting_verbs" in frames.find("p").text
    rows = as_dicts(frames.find("table", "mk-frames"))
    assert [r["category"] for r in rows] == list(d.categories)


def test_already_clean_articles_give_the_same_report_when_not_cleaned_again(seed_clean, seed_html):
    assert quiet(mk.pair_report, seed_clean, clean=False).replace(
        "used as given (not cleaned by the report)",
        "cleaned with mediakit.clean_articles (page chrome, datelines, captions removed)",
    ) == str(seed_html)


def test_readme_report_example_runs(tmp_path, monkeypatch, repo_root):
    import re

    text = (repo_root / "README.md").read_text("utf-8")
    part = text[text.index("### The report") :]
    code = re.search(r"```python\n(.*?)```", part, re.S).group(1)
    assert "mk.write_report(" in code
    monkeypatch.chdir(tmp_path)
    namespace = {"mk": mk, "articles": mk.load_sample_articles()}
    quiet(exec, compile(code, "README.md report", "exec"), namespace)
    assert (tmp_path / "report.html").is_file()
    assert isinstance(namespace["html"], HTML)
    assert "policy_frames" in parse(namespace["html"]).root.by_id("frames").text
