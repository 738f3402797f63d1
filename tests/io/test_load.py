"""read_articles: every source type, encodings, HTML extraction and bad input.

Expected values come from the fixtures written here by hand (the bytes of each
file are built from a known text in a known encoding), never from the loader.
"""

from __future__ import annotations

import struct
import warnings
import zlib
from pathlib import Path

import pandas as pd
import pytest

from mediakit._validation import MediakitWarning
from mediakit.io.load import read_articles
from mediakit.io.stream import iter_articles

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Council approves new riverside park | The Daily Ledger</title>
<meta property="og:title" content="Council approves new riverside park">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:url" content="https://ledger.example.com/news/2024/03/riverside-park">
<meta property="article:published_time" content="2024-03-14T09:30:00Z">
<script>var tracking = "SCRIPT-TEXT-MUST-NOT-APPEAR";</script>
<style>.menu { color: red; }</style>
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News desk</a></li>
<li><a href="/subscribe">Subscribe today for just one pound</a></li>
</ul></nav></header>
<main><article>
<h1>Council approves new riverside park</h1>
<p>The city council voted on Wednesday evening to approve a new riverside park on the site
of the former gasworks, ending a decade-long dispute over the land.</p>
<p>Councillors backed the plan by 31 votes to 12 after a three-hour debate in which residents
spoke both for and against the proposal, which includes a playground and a wetland.</p>
<p>“This is a once-in-a-generation chance to give the river back to the people who live
beside it,” said the council leader, Maria Okafor, after the vote.</p>
<p>Work on the site is expected to begin in the autumn and to cost about £4.2m, most of it
paid for by a national regeneration grant awarded last year.</p>
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Great news for the neighbourhood, finally some green space!</p></div>
</section></main>
<aside class="related"><h3>Related stories</h3>
<ul><li><a href="/a">Bus fares to rise again in spring</a></li></ul></aside>
<footer><p>Copyright 2024 The Daily Ledger. All rights reserved. Cookie settings.</p></footer>
</body></html>
"""

PARAGRAPHS = [
    "The city council voted on Wednesday evening to approve a new riverside park on the site "
    "of the former gasworks, ending a decade-long dispute over the land.",
    "Councillors backed the plan by 31 votes to 12 after a three-hour debate in which "
    "residents spoke both for and against the proposal, which includes a playground and a "
    "wetland.",
    "“This is a once-in-a-generation chance to give the river back to the people who live "
    "beside it,” said the council leader, Maria Okafor, after the vote.",
    "Work on the site is expected to begin in the autumn and to cost about £4.2m, most of it "
    "paid for by a national regeneration grant awarded last year.",
]
CHROME = [
    "Home",
    "News desk",
    "Subscribe today",
    "Great news for the neighbourhood",
    "Related stories",
    "Bus fares",
    "Copyright 2024",
    "Cookie settings",
    "SCRIPT-TEXT",
    "color: red",
]


def _png() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture()
def no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# -- plain text files -------------------------------------------------------------------


@pytest.mark.usefixtures("no_warnings")
def test_single_txt_file_is_read_as_is_with_newlines_normalised(tmp_path: Path):
    path = _write(tmp_path / "story.txt", b"Headline\r\n\r\nBody one.\r\nShare | Tweet\r\nEnd\r")
    articles = read_articles(path)
    assert articles.index.tolist() == ["story"]
    assert articles.index.name == "doc_id"
    assert articles.loc["story", "text"] == "Headline\n\nBody one.\nShare | Tweet\nEnd\n"
    assert articles.loc["story", "path"] == str(path)
    assert articles.loc["story", "encoding"] == "utf-8"
    assert not articles.loc["story", "mojibake_fixed"]
    assert pd.isna(articles.loc["story", "error"])
    assert list(articles.columns) == ["text", "path", "encoding", "mojibake_fixed", "error"]


@pytest.mark.usefixtures("no_warnings")
def test_markdown_and_str_path(tmp_path: Path):
    _write(tmp_path / "note.md", "# Title\n\n*Emphasis* and [a link](http://x.org).\n")
    articles = read_articles(str(tmp_path / "note.md"))
    assert articles.loc["note", "text"] == "# Title\n\n*Emphasis* and [a link](http://x.org).\n"


@pytest.mark.usefixtures("no_warnings")
def test_nested_folders_give_outlet(tmp_path: Path):
    _write(tmp_path / "loose.txt", "At the root.")
    _write(tmp_path / "herald" / "h1.txt", "Herald one.")
    _write(tmp_path / "herald" / "2024" / "h2.txt", "Herald two, in a year folder.")
    _write(tmp_path / "gazette" / "g1.md", "Gazette one.")
    articles = read_articles(tmp_path)
    assert sorted(articles.index) == ["g1", "h1", "h2", "loose"]
    outlets = articles["outlet"].to_dict()
    assert outlets["h1"] == outlets["h2"] == "herald"
    assert outlets["g1"] == "gazette"
    assert pd.isna(outlets["loose"])
    assert articles.loc["h2", "text"] == "Herald two, in a year folder."
    assert list(articles.columns)[:2] == ["text", "outlet"]


@pytest.mark.usefixtures("no_warnings")
def test_flat_folder_has_no_outlet_column_and_skips_hidden_and_readme(tmp_path: Path):
    _write(tmp_path / "a.txt", "Story A.")
    _write(tmp_path / "README.md", "About this corpus.")
    _write(tmp_path / "._a.txt", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    _write(tmp_path / ".git" / "b.txt", "Not an article.")
    _write(tmp_path / "notes.docx", b"PK\x03\x04")
    articles = read_articles(tmp_path)
    assert articles.index.tolist() == ["a"]
    assert "outlet" not in articles


def test_duplicate_stems_name_both_paths_and_the_fix(tmp_path: Path):
    first = _write(tmp_path / "herald" / "001.txt", "Herald story.")
    second = _write(tmp_path / "gazette" / "001.txt", "Gazette story.")
    with pytest.raises(ValueError, match="id_from='path'") as info:
        read_articles(tmp_path)
    assert str(first) in str(info.value) and str(second) in str(info.value)

    articles = read_articles(tmp_path, id_from="path")
    assert articles.loc["herald/001", "text"] == "Herald story."
    assert articles.loc["gazette/001", "text"] == "Gazette story."
    assert articles.loc["gazette/001", "outlet"] == "gazette"


def test_same_name_in_two_formats_suggests_a_glob(tmp_path: Path):
    _write(tmp_path / "a.txt", "Plain.")
    _write(tmp_path / "a.html", "<html><body><p>Markup.</p></body></html>")
    with pytest.raises(ValueError, match=r"\*\*/\*\.txt"):
        read_articles(tmp_path, id_from="path")


@pytest.mark.usefixtures("no_warnings")
def test_glob_reads_matching_files_with_outlet_from_the_glob_root(tmp_path: Path):
    _write(tmp_path / "herald" / "h1.txt", "Herald.")
    _write(tmp_path / "herald" / "h1.html", "<html><body><p>Not wanted.</p></body></html>")
    _write(tmp_path / "gazette" / "deep" / "g1.txt", "Gazette.")
    articles = read_articles(str(tmp_path / "**" / "*.txt"))
    assert articles["outlet"].to_dict() == {"g1": "gazette", "h1": "herald"}
    assert articles.loc["g1", "text"] == "Gazette."
    articles = read_articles(str(tmp_path / "*" / "*.txt"))
    assert articles.index.tolist() == ["h1"]


def test_glob_skips_unsupported_files_with_a_warning(tmp_path: Path):
    _write(tmp_path / "a.txt", "Story.")
    _write(tmp_path / "a.json", "{}")
    with pytest.warns(MediakitWarning, match=r"a\.json"):
        articles = read_articles(str(tmp_path / "a.*"))
    assert articles.index.tolist() == ["a"]


def test_glob_without_matches_is_file_not_found(tmp_path: Path):
    pattern = str(tmp_path / "*.txt")
    with pytest.raises(FileNotFoundError, match=r"\*\.txt"):
        read_articles(pattern)


@pytest.mark.usefixtures("no_warnings")
def test_list_of_paths(tmp_path: Path):
    a = _write(tmp_path / "one" / "a.txt", "A.")
    _write(tmp_path / "two" / "x" / "b.txt", "B.")
    articles = read_articles([a, tmp_path / "two"])
    assert articles["text"].to_dict() == {"a": "A.", "b": "B."}
    assert articles["outlet"].to_dict()["b"] == "x"
    assert pd.isna(articles["outlet"].to_dict()["a"])


def test_list_of_files_with_one_name_gets_ids_from_their_common_folder(tmp_path: Path):
    herald = _write(tmp_path / "herald" / "001.txt", "Herald story.")
    gazette = _write(tmp_path / "gazette" / "day" / "001.txt", "Gazette story.")
    with pytest.raises(ValueError, match="id_from='path'"):
        read_articles([herald, gazette])
    articles = read_articles([herald, gazette], id_from="path")
    assert articles["text"].to_dict() == {
        "herald/001": "Herald story.",
        "gazette/day/001": "Gazette story.",
    }
    assert "outlet" not in articles  # named files have no folder root to take an outlet from
    assert read_articles([herald], id_from="path").index.tolist() == ["001"]
    chunks = list(iter_articles([herald, gazette], id_from="path", chunksize=1))
    assert [c.index.tolist() for c in chunks] == [["herald/001"], ["gazette/day/001"]]


# -- bad paths --------------------------------------------------------------------------


def test_missing_path_names_it(tmp_path: Path):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(FileNotFoundError, match="no-such-folder"):
        read_articles(missing)


def test_empty_folder_names_folder_and_extensions(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError) as info:
        read_articles(tmp_path / "empty")
    message = str(info.value)
    assert str(tmp_path / "empty") in message
    for ext in (".txt", ".md", ".html", ".htm"):
        assert ext in message


def test_folder_of_tables_only_says_how_to_read_them(tmp_path: Path):
    _write(tmp_path / "articles.csv", "text\nhello\n")
    with pytest.raises(FileNotFoundError, match="glob"):
        read_articles(tmp_path)


def test_unsupported_single_file_lists_supported_types(tmp_path: Path):
    path = _write(tmp_path / "story.docx", b"PK\x03\x04")
    with pytest.raises(ValueError, match=r"story\.docx") as info:
        read_articles(path)
    for ext in (".txt", ".html", ".csv", ".jsonl", ".parquet"):
        assert ext in str(info.value)


def test_wrong_source_type_is_a_type_error():
    with pytest.raises(TypeError, match="DataFrame"):
        read_articles(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("errors", "ignore", "`errors` = 'ignore' is invalid; expected one of {'raise', 'warn'}"),
        ("id_from", "name", "`id_from` = 'name' is invalid; expected one of {'path', 'stem'}"),
    ],
)
def test_options_are_checked_with_one_voice(tmp_path: Path, option, value, message):
    path = _write(tmp_path / "a.txt", "A.")
    with pytest.raises(ValueError) as info:
        read_articles(path, **{option: value})
    assert str(info.value) == message


def test_unknown_encoding_is_rejected(tmp_path: Path):
    path = _write(tmp_path / "a.txt", "A.")
    with pytest.raises(ValueError, match="klingon-8"):
        read_articles(path, encoding="klingon-8")


# -- encodings --------------------------------------------------------------------------

TEXT = "Caf\u00e9 owners said it\u2019s \u201cover\u201d \u2013 \u00a315m lost.\nSecond line."


@pytest.mark.usefixtures("no_warnings")
@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM, recognised by its zero bytes
        (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-32", "cp1252"],
)
def test_encodings_are_detected_and_recorded(tmp_path: Path, data: bytes, encoding: str):
    path = _write(tmp_path / "a.txt", data)
    articles = read_articles(path)
    assert articles.loc["a", "text"] == TEXT
    assert articles.loc["a", "encoding"] == encoding
    assert not articles.loc["a", "mojibake_fixed"]


@pytest.mark.usefixtures("no_warnings")
def test_latin1_pound_sign_like_bbc_sport_199(tmp_path: Path):
    text = "Mutu, a \u00a315.8m signing from Parma last season."
    path = _write(tmp_path / "199.txt", text.encode("latin-1"))
    articles = read_articles(path)
    assert articles.loc["199", "text"] == text
    assert articles.loc["199", "encoding"] == "cp1252"


@pytest.mark.usefixtures("no_warnings")
def test_utf16_with_crlf_newlines(tmp_path: Path):
    path = _write(tmp_path / "a.txt", "One\r\nTwo\r\n".encode("utf-16"))
    assert read_articles(path).loc["a", "text"] == "One\nTwo\n"


@pytest.mark.usefixtures("no_warnings")
def test_cyrillic_legacy_encoding_uses_charset_normalizer(tmp_path: Path):
    text = "Москва — столица России. Президент заявил, что экономика растёт, а инфляция падает."
    path = _write(tmp_path / "ru.txt", text.encode("cp1251"))
    articles = read_articles(path)
    assert articles.loc["ru", "text"] == text
    assert articles.loc["ru", "encoding"] == "cp1251"


@pytest.mark.usefixtures("no_warnings")
def test_utf8_with_a_stray_cp1252_byte(tmp_path: Path):
    data = "Caf\u00e9 \u201cquoted\u201d".encode() + b" the animals\x92 calls"
    path = _write(tmp_path / "a.txt", data)
    articles = read_articles(path)
    assert articles.loc["a", "text"] == "Caf\u00e9 \u201cquoted\u201d the animals\u2019 calls"
    assert articles.loc["a", "encoding"] == "utf-8+cp1252"


@pytest.mark.usefixtures("no_warnings")
def test_mojibake_is_repaired_and_recorded(tmp_path: Path):
    mojibake = "Caf\u00c3\u00a9 owners said it\u00e2\u20ac\u2122s over"
    path = _write(tmp_path / "a.txt", mojibake.encode("utf-8"))
    articles = read_articles(path)
    assert articles.loc["a", "text"] == "Caf\u00e9 owners said it\u2019s over"
    assert articles.loc["a", "encoding"] == "utf-8"
    assert articles.loc["a", "mojibake_fixed"]

    kept = read_articles(path, fix_mojibake=False)
    assert kept.loc["a", "text"] == mojibake
    assert not kept.loc["a", "mojibake_fixed"]


@pytest.mark.usefixtures("no_warnings")
def test_real_accents_and_curly_quotes_are_left_alone(tmp_path: Path):
    text = (
        "Z\u00fcrich \u2013 \u201cd\u00e9j\u00e0 vu\u201d in S\u00e3o Paulo, "
        "\u00ab caf\u00e9 \u00bb. Gr\u00f6\u00dfe, na\u00efve, \u00c9lys\u00e9e."
    )
    path = _write(tmp_path / "a.txt", text.encode("utf-8"))
    articles = read_articles(path)
    assert articles.loc["a", "text"] == text
    assert not articles.loc["a", "mojibake_fixed"]


def test_forced_encoding_replaces_bad_bytes_with_a_warning(tmp_path: Path):
    path = _write(tmp_path / "a.txt", "caf\u00e9".encode("cp1252"))
    assert read_articles(path, encoding="latin-1").loc["a", "text"] == "caf\u00e9"
    assert read_articles(path, encoding="latin-1").loc["a", "encoding"] == "latin-1"
    with pytest.warns(MediakitWarning, match=r"a\.txt"):
        articles = read_articles(path, encoding="utf-8")
    assert articles.loc["a", "text"] == "caf\ufffd"


@pytest.mark.shared_data
@pytest.mark.skipif(not (SHARED_DATA / "bbc_news").is_dir(), reason="../shared/data is absent")
def test_bbc_sport_199_is_latin1():
    articles = read_articles(SHARED_DATA / "bbc_news" / "articles" / "sport" / "199.txt")
    text = articles.loc["199", "text"]
    assert "a \u00a315.8m signing from Parma" in text
    assert "\ufffd" not in text
    assert articles.loc["199", "encoding"] == "cp1252"


# -- binary and unreadable files -----------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [_png(), bytes(range(1, 9)) * 20, b"text\x00with\x00nul\x00bytes\x00" * 10],
    ids=["png", "control-characters", "nul-bytes"],
)
def test_binary_file_raises_naming_it(tmp_path: Path, data: bytes):
    _write(tmp_path / "good.txt", "Good.")
    _write(tmp_path / "image.txt", data)
    with pytest.raises(ValueError, match=r"image\.txt.*binary"):
        read_articles(tmp_path)


def test_binary_file_with_errors_warn_keeps_a_flagged_row(tmp_path: Path):
    _write(tmp_path / "good.txt", "Good.")
    _write(tmp_path / "image.txt", _png())
    with pytest.warns(MediakitWarning, match=r"image\.txt") as record:
        articles = read_articles(tmp_path, errors="warn")
    assert len(record) == 1
    assert sorted(articles.index) == ["good", "image"]
    assert articles.loc["image", "text"] == ""
    assert "binary" in articles.loc["image", "error"]
    assert pd.isna(articles.loc["image", "encoding"])
    assert articles.loc["good", "text"] == "Good."
    assert pd.isna(articles.loc["good", "error"])
    assert articles["text"].map(type).eq(str).all()


def test_unreadable_file(tmp_path: Path):
    _write(tmp_path / "good.txt", "Good.")
    (tmp_path / "ghost.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(OSError, match=r"ghost\.txt"):
        read_articles(tmp_path)
    with pytest.warns(MediakitWarning, match=r"ghost\.txt"):
        articles = read_articles(tmp_path, errors="warn")
    assert articles.loc["ghost", "text"] == ""
    assert "cannot read" in articles.loc["ghost", "error"]
    assert articles.loc["good", "text"] == "Good."


def test_warnings_point_at_the_callers_line(tmp_path: Path):
    _write(tmp_path / "image.txt", _png())
    with pytest.warns(MediakitWarning) as record:
        read_articles(tmp_path, errors="warn")
    assert record[0].filename == __file__


# -- HTML -----------------------------------------------------------------------------------


def test_html_main_text_title_date_url_and_site(tmp_path: Path):
    path = _write(tmp_path / "park.html", ARTICLE_PAGE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = read_articles(path)
    row = articles.loc["park"]
    for paragraph in PARAGRAPHS:
        assert paragraph in row["text"]
    assert "\n\n".join(PARAGRAPHS) in row["text"]
    for chrome in CHROME:
        assert chrome not in row["text"], chrome
    assert "<" not in row["text"] and "href" not in row["text"]
    assert row["title"] == "Council approves new riverside park"
    assert row["date"] == pd.Timestamp("2024-03-14")
    assert pd.api.types.is_datetime64_any_dtype(articles["date"])
    assert row["url"] == "https://ledger.example.com/news/2024/03/riverside-park"
    assert row["outlet"] == "The Daily Ledger"
    assert row["extraction"] == "main"
    assert row["encoding"] == "utf-8"
    assert list(articles.columns) == [
        "text",
        "title",
        "date",
        "outlet",
        "url",
        "path",
        "encoding",
        "mojibake_fixed",
        "extraction",
        "error",
    ]


def test_html_folder_outlet_wins_over_site_name(tmp_path: Path):
    _write(tmp_path / "ledger-archive" / "park.htm", ARTICLE_PAGE)
    articles = read_articles(tmp_path)
    assert articles.loc["park", "outlet"] == "ledger-archive"


def test_html_in_cp1252(tmp_path: Path):
    page = ARTICLE_PAGE.replace('<meta charset="utf-8">', "")
    _write(tmp_path / "park.html", page.encode("cp1252"))
    articles = read_articles(tmp_path / "park.html")
    assert articles.loc["park", "encoding"] == "cp1252"
    assert PARAGRAPHS[2] in articles.loc["park", "text"]


def test_html_lists_and_line_breaks_stay_inside_their_block(tmp_path: Path):
    page = ARTICLE_PAGE.replace(
        "<p>Work on the site",
        "<p>First line<br>second line</p><ul><li>item one</li><li>item two</li></ul>"
        "<p>Work on the site",
    )
    articles = read_articles(_write(tmp_path / "park.html", page))
    text = articles.loc["park", "text"]
    assert "First line\nsecond line" in text
    assert "item one\n" in text and "item two" in text


def test_tiny_html_and_fragments_fall_back_and_are_flagged(tmp_path: Path):
    _write(tmp_path / "tiny.html", "<html><body><p>Hi there.</p></body></html>")
    _write(tmp_path / "fragment.html", "<p>Short text</p>")
    _write(tmp_path / "empty.html", "")
    with pytest.warns(MediakitWarning) as record:
        articles = read_articles(tmp_path)
    messages = " ".join(str(w.message) for w in record)
    assert "fragment.html" in messages and "empty.html" in messages
    assert articles.loc["tiny", "text"] == "Hi there."
    assert articles.loc["fragment", "text"] == "Short text"
    assert articles.loc["fragment", "extraction"] != "main"
    assert articles.loc["empty", "text"] == ""
    assert articles.loc["empty", "extraction"] != "main"


def test_mixed_folder_html_rows_only_have_extraction(tmp_path: Path):
    _write(tmp_path / "a.txt", "Plain.")
    _write(tmp_path / "park.html", ARTICLE_PAGE)
    articles = read_articles(tmp_path)
    assert pd.isna(articles.loc["a", "extraction"])
    assert articles.loc["park", "extraction"] == "main"
    assert pd.isna(articles.loc["a", "title"])


# -- tables -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_warnings")
def test_csv_with_column_mapping_keeps_other_columns(tmp_path: Path):
    path = _write(
        tmp_path / "news.csv",
        "id,headline,body,published,source,link,words\n"
        '007,Storm hits,"Rain fell.\n\nRoads shut.",2024-01-05,Herald,http://h.example/1,4\n'
        "012,Vote due,Polls open.,2024-02-10 08:30,Gazette,http://g.example/2,2\n",
    )
    articles = read_articles(
        path,
        text_col="body",
        title_col="headline",
        date_col="published",
        outlet_col="source",
        url_col="link",
    )
    assert articles.index.tolist() == ["007", "012"]
    assert articles.loc["007", "text"] == "Rain fell.\n\nRoads shut."
    assert articles.loc["012", "title"] == "Vote due"
    assert articles.loc["012", "date"] == pd.Timestamp("2024-02-10 08:30")
    assert articles["outlet"].tolist() == ["Herald", "Gazette"]
    assert articles.loc["007", "url"] == "http://h.example/1"
    assert articles["words"].tolist() == [4, 2]
    assert articles.loc["007", "path"] == str(path)
    assert articles.loc["007", "encoding"] == "utf-8"
    assert list(articles.columns) == [
        "text",
        "title",
        "date",
        "outlet",
        "url",
        "words",
        "path",
        "encoding",
        "mojibake_fixed",
        "error",
    ]


@pytest.mark.usefixtures("no_warnings")
def test_csv_without_ids_gets_stem_and_zero_based_row(tmp_path: Path):
    path = _write(tmp_path / "wire.csv", "text\nFirst.\nSecond.\n")
    assert read_articles(path).index.tolist() == ["wire-0", "wire-1"]


@pytest.mark.usefixtures("no_warnings")
def test_doc_id_column_is_preferred_to_id(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "id,doc_id,text\n1,a,A.\n2,b,B.\n")
    articles = read_articles(path)
    assert articles.index.tolist() == ["a", "b"]
    assert articles["id"].tolist() == [1, 2]


def test_csv_missing_text_column_lists_columns_and_fix(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "id,headline,body\n1,H,B\n")
    with pytest.raises(ValueError) as info:
        read_articles(path)
    message = str(info.value)
    assert "'text'" in message and "headline" in message and "body" in message
    assert "text_col='body'" in message


def test_missing_text_values_become_empty_with_a_warning(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "id,text\na,Fine.\nb,\nc,Also fine.\n")
    with pytest.warns(MediakitWarning, match=r"no text.*\bb\b"):
        articles = read_articles(path)
    assert articles["text"].tolist() == ["Fine.", "", "Also fine."]
    assert articles["text"].map(type).eq(str).all()


def test_unparseable_dates_become_nat_with_a_warning_naming_them(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "id,text,date\na,A.,2024-01-05\nb,B.,next Tuesday\nc,C.,\n")
    with pytest.warns(MediakitWarning, match=r"next Tuesday.*\bb\b") as record:
        articles = read_articles(path)
    assert len(record) == 1  # the empty date of c is missing, not unparseable
    assert len(articles) == 3
    assert articles.loc["a", "date"] == pd.Timestamp("2024-01-05")
    assert pd.isna(articles.loc["b", "date"]) and pd.isna(articles.loc["c", "date"])


@pytest.mark.usefixtures("no_warnings")
def test_dates_with_mixed_time_zones_go_to_utc():
    df = pd.DataFrame(
        {"text": ["A.", "B."], "date": ["2024-01-05T10:00:00+01:00", "2024-01-05T10:00:00Z"]}
    )
    dates = read_articles(df)["date"]
    assert dates.tolist() == [
        pd.Timestamp("2024-01-05T09:00:00Z"),
        pd.Timestamp("2024-01-05T10:00:00Z"),
    ]


def test_explicit_column_that_is_missing_is_an_error(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "text\nA.\n")
    with pytest.raises(ValueError, match="headline"):
        read_articles(path, title_col="headline")
    with pytest.raises(ValueError, match="uid"):
        read_articles(path, id_col="uid")


def test_chosen_text_column_clashing_with_a_text_column(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "text,body\nshort,long\n")
    with pytest.raises(ValueError, match="'text'"):
        read_articles(path, text_col="body")


def test_duplicate_ids_in_a_table(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "id,text\n1,A.\n1,B.\n")
    with pytest.raises(ValueError, match="id_col"):
        read_articles(path)


def test_missing_ids_in_a_table(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "id,text\n1,A.\n,B.\n")
    with pytest.raises(ValueError, match=r"row\(s\) 1"):
        read_articles(path)


@pytest.mark.usefixtures("no_warnings")
def test_tsv(tmp_path: Path):
    path = _write(tmp_path / "t.tsv", "id\ttext\nx1\tTabbed, with a comma.\n")
    assert read_articles(path)["text"].to_dict() == {"x1": "Tabbed, with a comma."}


@pytest.mark.usefixtures("no_warnings")
def test_csv_in_cp1252(tmp_path: Path):
    path = _write(tmp_path / "t.csv", "id,text\na,\u201cCaf\u00e9\u201d\n".encode("cp1252"))
    articles = read_articles(path)
    assert articles.loc["a", "text"] == "\u201cCaf\u00e9\u201d"
    assert articles.loc["a", "encoding"] == "cp1252"


@pytest.mark.usefixtures("no_warnings")
@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_json_lines(tmp_path: Path, suffix: str):
    path = _write(
        tmp_path / f"feed{suffix}",
        '{"id": "007", "text": "First.", "date": "2024-03-01", "tags": ["a", "b"]}\n'
        "\n"
        '{"id": "008", "text": "Second.", "date": "2024-03-02", "tags": []}\n',
    )
    articles = read_articles(path)
    assert articles.index.tolist() == ["007", "008"]
    assert articles["text"].tolist() == ["First.", "Second."]
    assert articles.loc["008", "date"] == pd.Timestamp("2024-03-02")
    assert articles.loc["007", "tags"] == ["a", "b"]


def test_broken_json_lines(tmp_path: Path):
    path = _write(tmp_path / "feed.jsonl", '{"text": "ok"}\n{"text": broken\n')
    with pytest.raises(ValueError, match=r"feed\.jsonl.*line 2"):
        read_articles(path)
    with pytest.warns(MediakitWarning, match=r"feed\.jsonl"):
        articles = read_articles(path, errors="warn")
    assert articles.loc["feed", "text"] == ""
    assert "line 2" in articles.loc["feed", "error"]


@pytest.mark.usefixtures("no_warnings")
def test_parquet(tmp_path: Path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "t.parquet"
    pd.DataFrame(
        {"doc_id": ["p1", "p2"], "text": ["One.", "Two."], "score": [0.5, 1.5]}
    ).to_parquet(path)
    articles = read_articles(path)
    assert articles["text"].to_dict() == {"p1": "One.", "p2": "Two."}
    assert articles["score"].tolist() == [0.5, 1.5]
    assert pd.isna(articles.loc["p1", "encoding"])


@pytest.mark.usefixtures("no_warnings")
def test_glob_of_tables_with_generated_ids(tmp_path: Path):
    _write(tmp_path / "a.csv", "text\nA0.\nA1.\n")
    _write(tmp_path / "b.csv", "text\nB0.\n")
    articles = read_articles(str(tmp_path / "*.csv"))
    assert articles["text"].to_dict() == {"a-0": "A0.", "a-1": "A1.", "b-0": "B0."}


def test_same_ids_in_two_tables_name_both_files(tmp_path: Path):
    a = _write(tmp_path / "a.csv", "id,text\n1,A.\n")
    b = _write(tmp_path / "b.csv", "id,text\n1,B.\n")
    with pytest.raises(ValueError) as info:
        read_articles([a, b])
    assert str(a) in str(info.value) and str(b) in str(info.value)


# -- DataFrames ---------------------------------------------------------------------------------


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "uid": ["x", "y", "z"],
            "body": ["Caf\u00c3\u00a9 opens.", "Line\r\nbreak.", "Plain."],
            "when": ["2024-01-01", "2024-01-02", "2024-01-03"],
            "extra": [1, 2, 3],
        }
    )


@pytest.mark.usefixtures("no_warnings")
def test_dataframe_is_not_mutated_and_a_new_frame_returned():
    df = _frame()
    before = df.copy(deep=True)
    articles = read_articles(df, id_col="uid", text_col="body", date_col="when")
    pd.testing.assert_frame_equal(df, before)
    assert articles is not df
    assert articles.index.tolist() == ["x", "y", "z"]
    assert articles["text"].tolist() == ["Caf\u00e9 opens.", "Line\nbreak.", "Plain."]
    assert articles["mojibake_fixed"].tolist() == [True, False, False]
    assert articles.loc["z", "date"] == pd.Timestamp("2024-01-03")
    assert articles["extra"].tolist() == [1, 2, 3]
    assert "uid" not in articles and "body" not in articles
    assert articles["encoding"].isna().all()
    assert "path" not in articles


@pytest.mark.usefixtures("no_warnings")
def test_dataframe_ids_from_doc_id_index_id_column_or_index_labels():
    indexed = pd.DataFrame({"text": ["A."]}, index=pd.Index(["a1"], name="doc_id"))
    assert read_articles(indexed).index.tolist() == ["a1"]
    with_id = pd.DataFrame({"id": [10, 11], "text": ["A.", "B."]})
    assert read_articles(with_id).index.tolist() == ["10", "11"]
    plain = pd.DataFrame({"text": ["A.", "B."]}, index=[5, 9])
    assert read_articles(plain).index.tolist() == ["5", "9"]
    assert read_articles(plain).index.name == "doc_id"


@pytest.mark.usefixtures("no_warnings")
def test_round_trip_keeps_the_record():
    first = read_articles(_frame(), id_col="uid", text_col="body", date_col="when")
    again = read_articles(first)
    pd.testing.assert_frame_equal(first, again)


def test_dataframe_text_values_that_are_not_strings():
    df = pd.DataFrame({"text": ["ok", None, float("nan"), 42, "caf\u00e9".encode("cp1252")]})
    with pytest.warns(MediakitWarning, match="no text"):
        articles = read_articles(df)
    assert articles["text"].tolist() == ["ok", "", "", "42", "caf\u00e9"]


def test_dataframe_duplicate_index_is_an_error():
    df = pd.DataFrame({"text": ["A.", "B."]}, index=["same", "same"])
    with pytest.raises(ValueError, match="same"):
        read_articles(df)


def test_dataframe_missing_text_column():
    df = pd.DataFrame({"content": ["A."]})
    with pytest.raises(ValueError, match="text_col='content'"):
        read_articles(df)


@pytest.mark.usefixtures("no_warnings")
def test_mojibake_in_titles_is_repaired_too():
    df = pd.DataFrame({"text": ["Plain body."], "title": ["Caf\u00c3\u00a9 wins award"]})
    articles = read_articles(df)
    assert articles["title"].tolist() == ["Caf\u00e9 wins award"]
    assert articles["mojibake_fixed"].tolist() == [True]
