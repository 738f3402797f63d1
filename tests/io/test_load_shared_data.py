"""read_articles on the real corpora in ../shared/data (skipped when absent).

Expected counts come from the corpora's own documentation (../shared/data/README.md
and each SOURCE.txt) and from listing their folders, not from the loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mediakit.io.load import read_articles

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
BBC = SHARED_DATA / "bbc_news" / "articles"
OSE = SHARED_DATA / "onestopenglish" / "Texts-SeparatedByReadingLevel"

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is absent"),
]

# Files per topic folder of bbc_news/articles (2,225 in all).
BBC_TOPICS = {"business": 510, "entertainment": 386, "politics": 417, "sport": 511, "tech": 401}


@pytest.fixture(scope="module")
def bbc():
    if not BBC.is_dir():
        pytest.skip("bbc_news is absent")
    return read_articles(BBC, id_from="path")


def test_bbc_loads_every_article_with_topic_as_outlet(bbc):
    assert len(bbc) == 2225
    assert bbc["outlet"].value_counts().to_dict() == BBC_TOPICS
    assert bbc.index.is_unique
    assert bbc["error"].isna().all()
    assert bbc.loc["business/001", "text"].startswith("Ad sales boost Time Warner profit\n\n")


def test_bbc_sport_199_is_decoded_as_latin1(bbc):
    text = bbc.loc["sport/199", "text"]
    assert text.startswith("Chelsea sack Mutu\n\n")
    assert "a \u00a315.8m signing from Parma" in text
    assert "\ufffd" not in text
    assert bbc.loc["sport/199", "encoding"] == "cp1252"
    others = bbc.drop(index="sport/199")
    assert set(others["encoding"]) == {"utf-8"}
    assert not bbc["text"].str.contains("\ufffd").any()
    assert not bbc["mojibake_fixed"].any()


def test_bbc_file_names_repeat_across_topics():
    with pytest.raises(ValueError, match="id_from='path'"):
        read_articles(BBC)


def test_bbc_loads_whole_with_path_ids():
    # its speed is measured by benchmarks/bench_pipeline.py, not asserted here
    articles = read_articles(BBC, id_from="path")
    assert len(articles) == 2225 and articles.index.is_unique
    assert articles.loc["tech/001", "outlet"] == "tech"


@pytest.fixture(scope="module")
def ose_int():
    if not OSE.is_dir():
        pytest.skip("onestopenglish is absent")
    return read_articles(OSE / "Int-Txt" / "Int-Txt")


def test_onestopenglish_utf8_bom_files(ose_int):
    assert len(ose_int) == 189
    assert (ose_int["encoding"] == "utf-8-sig").sum() == 188
    assert not ose_int["text"].str.startswith("\ufeff").any()
    assert ose_int["error"].isna().all()


def test_onestopenglish_file_that_is_not_utf8_is_cp1252(ose_int):
    row = ose_int.loc["WNL Ships noise-int"]
    assert row["encoding"] == "cp1252"
    assert "could disturb the animals\u2019 communication" in row["text"]
    assert "\u201cThe main concern of this" in row["text"]
    assert "through the air \u2013 about the sound" in row["text"]
    assert "\ufffd" not in row["text"]


def test_onestopenglish_all_levels_need_path_ids():
    if not OSE.is_dir():
        pytest.skip("onestopenglish is absent")
    # Int-Txt/ and Int-Txt/Int-Txt/ hold files with the same names.
    with pytest.raises(ValueError, match="id_from='path'"):
        read_articles(OSE)
    articles = read_articles(OSE, id_from="path")
    assert len(articles) == 4 * 189
    assert articles["outlet"].value_counts().to_dict() == {
        "Int-Txt": 378,
        "Adv-Txt": 189,
        "Ele-Txt": 189,
    }
    assert "Int-Txt/Int-Txt/WNL Ships noise-int" in articles.index
