"""mediakit.clean on real, already clean corpora (../shared/data): it must remove next to nothing.

BBC News (2,225 articles, line 1 the title) and OneStopEnglish (189 Guardian stories at three
reading levels) are clean texts: every chrome rule that fires on them is a false positive.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from mediakit.clean import clean_articles, cleaning_audit

pytestmark = pytest.mark.shared_data

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
if not SHARED.is_dir():
    pytest.skip("../shared/data is absent", allow_module_level=True)

BBC = SHARED / "bbc_news" / "articles"
OSE = SHARED / "onestopenglish" / "Texts-SeparatedByReadingLevel"


def decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # bbc sport/199.txt is Latin-1; one OneStopEnglish file too
        return data.decode("latin-1")


def paragraphs(text: str) -> str:
    """Independent expectation of the cleaned text: stripped lines, blank-line paragraphs."""
    blocks = re.split(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+", text.replace("\r\n", "\n").strip())
    return "\n\n".join("\n".join(ln.strip() for ln in b.split("\n")) for b in blocks if b.strip())


@pytest.fixture(scope="module")
def bbc() -> pd.DataFrame:
    rows = [
        (f"{p.parent.name}/{p.stem}", decode(p), p.parent.name) for p in sorted(BBC.glob("*/*.txt"))
    ]
    return pd.DataFrame(rows, columns=["doc_id", "text", "outlet"]).set_index("doc_id")


def read_ose(folders: dict[str, Path]) -> pd.DataFrame:
    rows = [
        (f"{level}/{p.stem}", decode(p), level)
        for level, folder in folders.items()
        for p in sorted(folder.glob("*.txt"))
    ]
    return pd.DataFrame(rows, columns=["doc_id", "text", "outlet"]).set_index("doc_id")


def test_bbc_loses_its_title_line_and_nothing_else(bbc):
    assert len(bbc) == 2225
    clean = clean_articles(bbc)  # its speed: benchmarks/bench_pipeline.py
    audit = cleaning_audit(bbc)
    title_lines = bbc["text"].map(lambda t: t.split("\n", 1)[0].strip())
    # Expectation, by reading the corpus (README: line 1 title, blank line, paragraphs): the
    # title line is taken by the `headline` step in every article (2,225 titles; 18 of them end
    # with "?" or "..." and count as headlines because they stand alone at the top), and not a
    # single other line or character is removed: no rule fires inside BBC body text, and no
    # short line repeats in 10% of a topic's articles (the 133 duplicated bodies are each
    # repeated once or twice, far below the ~40-100 needed per topic).
    assert audit["rule"].eq("headline").all()
    assert audit["doc_id"].tolist() == bbc.index.tolist()
    assert audit["line"].eq(0).all()
    assert audit["removed"].tolist() == title_lines.tolist()
    assert clean["title"].tolist() == title_lines.map(lambda t: " ".join(t.split())).tolist()
    expected = bbc["text"].map(lambda t: paragraphs(t.split("\n", 1)[1]))
    assert (clean["text"] == expected).all()
    # 5 MB in well under the 1-2 s budget (about 0.3 s on 2 cores when measured)


def test_onestopenglish_loses_nothing():
    # The UTF-8 originals of all three levels (Int-Txt/Int-Txt holds the intermediate ones).
    folders = {"Adv": OSE / "Adv-Txt", "Int": OSE / "Int-Txt" / "Int-Txt", "Ele": OSE / "Ele-Txt"}
    ose = read_ose(folders)
    assert len(ose) == 3 * 189
    audit = cleaning_audit(ose)
    # Expectation: these texts have no title line and no chrome, so nothing is removed. The
    # short first lines of five listicles ("Introduction", "1 Flappy Bird", "1 Race engineer")
    # are not taken as headlines because they are glued to the next line (no blank line):
    # they are subheadings of a single-newline text, not a standalone headline paragraph.
    assert audit.empty, audit[["doc_id", "rule", "removed"]].head(20).to_string()
    clean = clean_articles(ose)
    assert (clean["text"] == ose["text"].map(paragraphs)).all()
    assert clean["title"].isna().all()


def test_onestopenglish_lossy_copies_lose_their_level_label():
    # The top-level Int-Txt files are lossy copies whose first line is the label
    # "Intermediate": site chrome in effect, and the repetition detector finds it in
    # 189 of 189 articles of that "outlet" -- and removes nothing else.
    ose = read_ose({"Int-lossy": OSE / "Int-Txt"})
    audit = cleaning_audit(ose)
    assert len(audit) == 189
    assert set(audit["removed"]) == {"Intermediate"}
    assert set(audit["rule"]) == {"boilerplate"}
    assert set(audit["reason"]) == {"repeated in 189 of 189 articles of outlet 'Int-lossy'"}
