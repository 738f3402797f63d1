"""What the seed pair's report shows, checked against independent computations and hand reading.

The report is parsed as a browser would read it; every number and list on the
page is compared with the public function that computes it, called here on its
own, or with what a reader of the two articles finds (tests/data/seed_pair_gold.json
and the notes below).
"""

from __future__ import annotations

import re

import pytest
from _report_data import quiet
from _report_html import Node, as_dicts, table_header, table_rows

import mediakit as mk
from mediakit.report._page import SECTIONS


def section(page, ident: str) -> Node:
    node = page.root.by_id(ident)
    assert node.tag == "section"
    return node


def norm(text) -> str:
    return " ".join(str(text).split())


# ---------------------------------------------------------------------------
# layout
# ---------------------------------------------------------------------------


def test_page_has_a_table_of_contents_that_links_every_section_in_order(seed_page):
    toc = seed_page.root.find("nav", "mk-toc")
    links = [(a.attrs["href"], a.text) for a in toc.find_all("a")]
    sections = [(s.attrs["id"], s.find("h2").text) for s in seed_page.root.find_all("section")]
    assert [h for h, _ in links] == [f"#{i}" for i, _ in sections]
    assert [t for _, t in links] == [h for _, h in SECTIONS]
    # numbered headings, same names as the contents
    assert [h for _, h in sections] == [f"{k}. {t}" for k, (_, t) in enumerate(SECTIONS, 1)]
    wanted = [
        "Similarity and containment",
        "Side by side",
        "Dropped and added sentences",
        "Claim changes",
        "Quotes kept and lost",
        "Frame profile",
        "Readability and style",
    ]
    assert [t for _, t in links][: len(wanted)] == wanted


def test_header_names_both_articles_with_their_titles_and_sentence_counts(seed_page, seed_clean):
    table = seed_page.root.find("table", "mk-docs")
    rows = as_dicts(table)
    sentences = mk.split_sentences(seed_clean)
    for row, doc in zip(rows, ("wire", "rewrite"), strict=True):
        assert row["doc_id"] == doc
        assert row["title"] == norm(seed_clean.loc[doc, "title"])
        assert row["sentences"] == str(int((sentences["doc_id"] == doc).sum()))
    # the titles, read from the files (the headline lines of each page)
    assert (
        rows[0]["title"] == "NATO warns of threat from North Korea in message to Trump on Ukraine"
    )
    assert rows[1]["title"] == (
        "NATO Chief Rutte Warns North Korea’s Role in Ukraine War Threatens U.S. Security"
    )
    assert seed_page.root.find("title").text == "wire → rewrite: two versions of a story"


# ---------------------------------------------------------------------------
# 1. similarity and containment
# ---------------------------------------------------------------------------


def test_similarity_and_containment_equal_tfidf_and_text_reuse(seed_page, seed_clean):
    rows = {r[0]: r[1] for r in table_rows(section(seed_page, "similarity").find("table"))}
    pairs = mk.tfidf_similarity(seed_clean)
    sim = pairs.loc[
        (pairs["doc_id_a"].isin(["wire", "rewrite"]))
        & (pairs["doc_id_b"].isin(["wire", "rewrite"])),
        "similarity",
    ]
    assert rows["similarity"] == f"{float(sim.iloc[0]):.2f}"
    reuse = mk.text_reuse(seed_clean, "wire", "rewrite").iloc[0]
    assert rows["containment of wire in rewrite"] == f"{100 * reuse['containment_source']:.0f}%"
    assert rows["containment of rewrite in wire"] == f"{100 * reuse['containment_derived']:.0f}%"
    assert rows["resemblance"] == f"{reuse['resemblance']:.2f}"
    assert rows["verbatim share"] == f"{100 * reuse['verbatim_share']:.0f}%"
    assert rows["derivation"] == reuse["label"] == "partially_derived"
    passages = mk.verbatim_passages(seed_clean, "wire", "rewrite")
    assert rows["verbatim passages"] == (
        f"{len(passages)} (longest {int(passages['n_tokens'].max())} words)"
    )


def test_verbatim_passages_are_listed_longest_first(seed_page, seed_clean):
    sec = section(seed_page, "similarity")
    items = [norm(li.text) for li in sec.find("ol").find_all("li")]
    passages = mk.verbatim_passages(seed_clean, "wire", "rewrite").sort_values(
        "n_tokens", ascending=False, kind="stable"
    )
    assert items == [
        norm(f"{t} ({k} words)")
        for t, k in zip(passages["text"], passages["n_tokens"], strict=True)
    ]
    # the longest passage, found by reading: the diplomat's quote after "theory"/"narrative"
    assert items[0].startswith("that can help Trump look more favorably on Ukraine is good")


# ---------------------------------------------------------------------------
# 2-3. side by side, dropped and added sentences
# ---------------------------------------------------------------------------


def test_side_by_side_has_one_row_per_aligned_pair_with_both_texts(seed_page, seed_clean):
    alignment = mk.align_sentences(seed_clean, "wire", "rewrite")
    table = section(seed_page, "side-by-side").find("table", "mk-sbs")
    rows = table_rows(table)
    assert len(rows) == len(alignment)  # the seed pair has no merge or split
    for row, al in zip(rows, alignment.itertuples(index=False), strict=True):
        a_id, a_text, label, sim, b_text, b_id = row
        assert label == al.label
        assert a_id == ("" if al.a_sent is None or al.a_sent != al.a_sent else str(al.a_sent))
        assert a_text == (norm(al.a_text) if isinstance(al.a_text, str) else "")
        assert b_text == (norm(al.b_text) if isinstance(al.b_text, str) else "")
        if label != "dropped":
            assert b_id == str(al.b_sent)
            assert sim == f"{al.similarity:.2f}"


def test_dropped_and_added_sentences_equal_the_alignment_and_the_hand_alignment(
    seed_page, seed_clean, seed_gold
):
    sec = section(seed_page, "dropped-added")
    lists = sec.find_all("ol", "mk-sents")
    assert len(lists) == 1  # dropped; nothing added ("None.")
    dropped = [(int(li.attrs["value"]), norm(li.text)) for li in lists[0].find_all("li")]
    alignment = mk.align_sentences(seed_clean, "wire", "rewrite")
    rows = alignment[alignment["label"] == "dropped"]
    assert dropped == [
        (int(s), norm(t)) for s, t in zip(rows["a_sent"], rows["a_text"], strict=True)
    ]
    gold = seed_gold["alignment_wire_to_rewrite"]["pairs"]
    assert [i for i, _ in dropped] == [a for a, b, label in gold if label == "dropped"]
    assert not [b for a, b, label in gold if label == "added"]
    headings = [norm(h.text) for h in sec.find_all("h3")]
    assert headings == [
        "Dropped: sentences of wire not in rewrite (3)",
        "Added: sentences of rewrite not in wire (0)",
    ]
    # read in the wire: the crosshead and Nausėda's last quote, in two sentences
    assert dropped[0][1] == "– “Ukraine deserves our support” –"
    assert dropped[1][1] == "“This is not only about Ukraine."


# ---------------------------------------------------------------------------
# 4. claim changes
# ---------------------------------------------------------------------------


def test_claim_changes_table_equals_claim_changes(seed_page, seed_clean):
    sec = section(seed_page, "claims")
    table = sec.find("table", "mk-claims")
    changes = mk.claim_changes(seed_clean, "wire", "rewrite")
    expected = [
        [
            str(a) if a == a and a is not None else "",
            str(b) if b is not None and b == b else "",
            kind.replace("_", " "),
            norm(ev),
        ]
        for a, b, kind, ev in zip(
            changes["a_sent"].astype(object).where(changes["a_sent"].notna(), None),
            changes["b_sent"].astype(object).where(changes["b_sent"].notna(), None),
            changes["kind"],
            changes["evidence"],
            strict=True,
        )
    ]
    assert table_rows(table) == expected
    # the factual drift the sample is known for (data/seed-pair/README.md)
    assert ["1", "1", "condition added", "+ if re-elected as U.S. president"] in expected


def test_claims_section_shows_the_figures_and_names_a_reader_finds(seed_page):
    sec = section(seed_page, "claims")
    figures = as_dicts(sec.find("table", "mk-figures"))
    # the wire's "2022 Russian invasion" and "three years of full-scale combat" are not in the
    # rewrite
    assert [(r["wire"], r["status"]) for r in figures] == [
        ("2022", "only in wire"),
        ("three years", "only in wire"),
    ]
    names = as_dicts(sec.find("table", "mk-names"))
    assert {(r["wire"], r["rewrite"]) for r in names} == {
        ("US", "U.S."),
        ("Vladimir Zelensky", "Volodymyr Zelensky"),
        ("Gitanas Nausėda", "Gitanas Nauseda"),
    }


# ---------------------------------------------------------------------------
# 5. quotes kept and lost
# ---------------------------------------------------------------------------

#: What became of each quote of the wire in the rewrite, by reading the two articles
#: (first words of the quote → fate, the rewrite sentence of its new form, words of the note).
HAND_FATES = [
    # "What we see more and more is that ...": words inserted
    ("We see more and more", "reworded", "3", ""),
    # "pay for this", "delivering technology", "threatening in future the mainland of the U.S."
    ("At the same time", "reworded", "4", ""),
    # "Rutte further emphasized his desire to meet with Trump to discuss how to face these
    # emerging global threats collectively": a paraphrase, no quotation marks
    ("I look forward", "lost", "–", "paraphrase"),
    # "where they have already suffered losses": no quotation marks
    ("casualties.", "lost", "–", "–"),
    # "in effect, waging war", "attempting to kill"
    ("North Korea is now", "reworded", "8", ""),
    # “in 24 hours” in both
    ("in 24 hours", "kept", "12", ""),
    # "Any narrative that can help Trump ..."
    ("Any theory", "reworded", "17", ""),
    # cut to two fragments: “no matter if we are ...” (whether → if) and “brutal attacks”
    ("Ukraine deserves our support", "reworded", "19", ""),
    # the rewrite drops the sentence
    ("This is not only about Ukraine", "lost", "–", "sentence dropped"),
    # "If the United States would decide to change, that does not mean that we need to change."
    ("decides to change", "reworded", "20", ""),
    # "That the support for Ukraine stands or collapses ..." in the same quote of the rewrite
    ("The fact that US support", "reworded", "20", ""),
]


def test_quotes_of_the_wire_and_their_fate_match_a_hand_reading(seed_page, seed_gold):
    sec = section(seed_page, "quotes")
    rows = as_dicts(sec.find("table", "mk-quotes-a"))
    assert [r["quote in wire"] for r in rows] == [
        norm(q["quote"]) for q in seed_gold["quotes"]["wire"]
    ]
    assert [r["speaker"] for r in rows] == [q["speaker"] for q in seed_gold["quotes"]["wire"]]
    assert len(rows) == len(HAND_FATES)
    for row, (start, fate, b_sent, note) in zip(rows, HAND_FATES, strict=True):
        assert row["quote in wire"].startswith(start)
        assert row["fate"] == fate, start
        assert row["rewrite #"] == b_sent, start
        if note:
            assert note in row["note"], start
        if fate == "lost":
            assert row["quote in rewrite"] == "–" and row["words kept"] == "0%"
        if fate == "kept":
            assert row["quote in rewrite"] == row["quote in wire"]
            assert row["words kept"] == "100%"
    summary = norm(sec.find("p").text)
    assert summary == (
        "wire has 11 direct quote(s): 1 kept word for word, 7 reworded, 3 lost. "
        "rewrite has 8, of which 0 not in wire."
    )
    # the rewrite quotes nobody the wire does not (gold: it adds nothing of its own)
    h3 = [norm(h.text) for h in sec.find_all("h3")]
    assert h3[-1] == "Quotes of rewrite not in wire (0)"


def test_words_kept_counts_the_matched_words_of_a_quote(seed_page):
    rows = as_dicts(section(seed_page, "quotes").find("table", "mk-quotes-a"))
    by_start = {r["quote in wire"].split(",")[0]: r for r in rows}
    # "Any theory that can help Trump look more favorably on Ukraine is good and worth trying"
    # has 16 words; the rewrite's quote has them all but "theory" (→ "narrative"), and "Any"
    # is a lone function word at the edge of the shared run, which the pairing leaves out:
    # 14 of 16 words
    key = "Any theory that can help Trump look more favorably on Ukraine is good and worth trying"
    row = by_start[key]
    assert row["words kept"] == f"{100 * 14 / 16:.0f}%" == "88%"
    # "in 24 hours": all three words, in both
    assert by_start["in 24 hours"]["words kept"] == "100%"


def test_lost_quotes_are_the_dropped_quotes_of_claim_changes(seed_page, seed_clean):
    rows = as_dicts(section(seed_page, "quotes").find("table", "mk-quotes-a"))
    changes = mk.claim_changes(seed_clean, "wire", "rewrite")
    dropped = changes[changes["kind"] == "quote_dropped"]
    assert {r["quote in wire"] for r in rows if r["fate"] == "lost"} == {
        norm(t) for t in dropped["a_evidence"]
    }
    # each quote_altered change lies in a quote called reworded, and each reworded quote has one
    altered = {int(s) for s in changes.loc[changes["kind"] == "quote_altered", "a_sent"]}
    quotes = mk.extract_quotes(seed_clean)
    quotes = quotes[quotes["doc_id"] == "wire"].reset_index(drop=True)
    sents = mk.split_sentences(seed_clean)
    sents = sents[sents["doc_id"] == "wire"]
    for row, q in zip(rows, quotes.itertuples(), strict=True):
        spanned = set(sents.loc[(sents["start"] < q.end) & (sents["end"] > q.start), "sent_id"])
        assert int(row["wire #"]) == min(spanned)
        assert (row["fate"] == "reworded") == bool(spanned & altered), row["quote in wire"]


# ---------------------------------------------------------------------------
# 6. frames
# ---------------------------------------------------------------------------


def _matched_total(cell: str) -> int:
    if not cell or cell == "–":
        return 0
    total = 0
    for item in cell.split(", "):
        m = re.fullmatch(r"(.+?)(?: ×(\d+))?", item)
        assert m is not None
        total += int(m.group(2) or 1)
    return total


def test_frame_table_equals_count_frames_and_its_rates_are_hits_per_1000_tokens(
    seed_page, seed_clean
):
    sec = section(seed_page, "frames")
    rows = as_dicts(sec.find("table", "mk-frames"))
    counts = mk.count_frames(seed_clean, mk.load_dictionary("generic_frames"))
    cats = [c for c in counts.columns if c not in ("n_tokens", "unmatched")]
    assert [r["category"] for r in rows] == cats
    for row in rows:
        c = row["category"]
        for doc in ("wire", "rewrite"):
            hits = int(counts.loc[doc, c])
            assert row[f"hits in {doc}"] == str(hits)
            rate = 1000 * hits / int(counts.loc[doc, "n_tokens"])  # by hand
            assert row[f"per 1,000 tokens in {doc}"] == f"{rate:,.2f}"
            assert _matched_total(row[f"words matched in {doc}"]) == hits
    assert "generic_frames" in sec.find("p").text
    # read in the wire: "conflict" words such as fight, threat, battlefield
    conflict = next(r for r in rows if r["category"] == "conflict")
    assert "fight ×3" in conflict["words matched in wire"]
    assert len(sec.find_all("figure")) == 1


def test_a_custom_dictionary_counts_what_a_regex_counts(seed_clean):
    html = quiet(mk.pair_report, seed_clean, dictionary={"ukraine": ["ukraine"]}, clean=False)
    from _report_html import parse

    rows = as_dicts(parse(html).root.by_id("frames").find("table", "mk-frames"))
    assert [r["category"] for r in rows] == ["ukraine"]
    for doc in ("wire", "rewrite"):
        by_regex = len(re.findall(r"\bukraine\b", seed_clean.loc[doc, "text"], re.IGNORECASE))
        assert rows[0][f"hits in {doc}"] == str(by_regex)
    assert "a custom dictionary" in parse(html).root.by_id("frames").find("p").text


# ---------------------------------------------------------------------------
# 7. readability
# ---------------------------------------------------------------------------


def test_readability_table_equals_readability_and_lexical_features(seed_page, seed_clean):
    sec = section(seed_page, "readability")
    table = sec.find("table", "mk-readability")
    assert table_header(table) == ["measure", "wire", "rewrite", "rewrite − wire", "meaning"]
    rows = {r["measure"]: r for r in as_dicts(table)}
    scores = quiet(mk.readability, seed_clean)
    lex = quiet(mk.lexical_features, seed_clean)
    for label, col in [
        ("Flesch reading ease", "flesch_reading_ease"),
        ("Flesch-Kincaid grade", "flesch_kincaid_grade"),
        ("Gunning fog", "gunning_fog"),
        ("SMOG", "smog"),
        ("Coleman-Liau", "coleman_liau"),
        ("ARI", "ari"),
        ("Dale-Chall", "dale_chall"),
    ]:
        x, y = scores.loc["wire", col], scores.loc["rewrite", col]
        assert rows[label]["wire"] == f"{x:.2f}"
        assert rows[label]["rewrite"] == f"{y:.2f}"
        assert rows[label]["rewrite − wire"] == f"{y - x:+.2f}"
    assert rows["words"]["wire"] == f"{int(scores.loc['wire', 'n_words']):,}"
    assert rows["sentences"]["rewrite"] == str(int(scores.loc["rewrite", "n_sentences"]))
    assert rows["MTLD"]["wire"] == f"{lex.loc['wire', 'mtld']:.2f}"
    assert (
        rows["quoted tokens"]["rewrite"] == f"{100 * lex.loc['rewrite', 'quoted_token_share']:.1f}%"
    )
    # the rewrite reads harder than the wire on every grade formula
    assert float(rows["Flesch reading ease"]["rewrite − wire"]) < 0
    assert len(sec.find_all("figure")) == 1


# ---------------------------------------------------------------------------
# notes
# ---------------------------------------------------------------------------


def test_warnings_of_the_steps_are_flagged_on_the_page_and_issued_once(seed_clean):
    with pytest.warns(mk.MediakitWarning) as record:
        html = mk.pair_report(seed_clean, clean=False)
    from _report_html import parse

    flag = parse(html).root.find("div", "mk-flag")
    items = [norm(li.text) for li in flag.find_all("li")]
    messages = [norm(str(w.message)) for w in record if w.category is mk.MediakitWarning]
    assert items == messages
    assert any("SMOG" in m for m in items)  # 24 and 22 sentences, under SMOG's 30
    assert all(w.filename == __file__ for w in record)
