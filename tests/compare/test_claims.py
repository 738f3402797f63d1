"""claim_changes: every kind on hand-made pairs (both directions), pairs that must give no
row, the real AFP pair read by hand, the table contract and bad input.

Every expected value below comes from reading the sentences written here (or the
sample articles), not from running the code.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.compare.claims import CLAIM_KINDS, COLUMNS, claim_changes


def arts(a: str, b: str) -> pd.DataFrame:
    return pd.DataFrame({"text": [a, b]}, index=pd.Index(["a", "b"], name="doc_id"))


def changes(a: str, b: str, x: str = "a", y: str = "b") -> pd.DataFrame:
    with warnings.catch_warnings():
        # two short texts: align_sentences may note its nearly flat IDF
        warnings.simplefilter("ignore", MediakitWarning)
        return claim_changes(arts(a, b), x, y)


def rows(table: pd.DataFrame) -> list[tuple]:
    return [
        (
            None if pd.isna(r.a_sent) else int(r.a_sent),
            None if pd.isna(r.b_sent) else int(r.b_sent),
            r.kind,
            r.evidence,
        )
        for r in table.itertuples()
    ]


# ---------------------------------------------------------------------------
# each kind, a -> b and b -> a: (text a, text b, rows a->b, rows b->a)
# ---------------------------------------------------------------------------

KIND_CASES = {
    "condition_if": (
        "The minister will visit Paris next week. Officials confirmed the trip.",
        "The minister will visit Paris next week if the talks succeed. "
        "Officials confirmed the trip.",
        [(0, 0, "condition_added", "+ if the talks succeed")],
        [(0, 0, "condition_removed", "- if the talks succeed")],
    ),
    "condition_unless": (
        "Farmers will plant wheat in the spring. Prices are high.",
        "Farmers will plant wheat in the spring unless the rain stops. Prices are high.",
        [(0, 0, "condition_added", "+ unless the rain stops")],
        [(0, 0, "condition_removed", "- unless the rain stops")],
    ),
    "condition_inverted": (
        "The minister will resign over the budget. Officials confirmed it.",
        "Should the talks fail, the minister will resign over the budget. Officials confirmed it.",
        [(0, 0, "condition_added", "+ Should the talks fail")],
        [(0, 0, "condition_removed", "- Should the talks fail")],
    ),
    "hedge": (
        "The army sent troops to the border. The move angered Kyiv.",
        "The army reportedly sent troops to the border. The move angered Kyiv.",
        [(0, 0, "hedge_added", "+ reportedly")],
        [(0, 0, "hedge_removed", "- reportedly")],
    ),
    "attribution_neutral_loaded": (
        "Smith said the plan had failed. The council met in June.",
        "Smith claimed the plan had failed. The council met in June.",
        [(0, 0, "attribution_changed", "said → claimed (neutral → loaded/doubt)")],
        [(0, 0, "attribution_changed", "claimed → said (loaded/doubt → neutral)")],
    ),
    "attribution_loaded_loaded": (
        "Smith insisted the plan had failed.",
        "Smith admitted the plan had failed.",
        [
            (
                0,
                0,
                "attribution_changed",
                "insisted → admitted (loaded/insistence → loaded/concession)",
            )
        ],
        [
            (
                0,
                0,
                "attribution_changed",
                "admitted → insisted (loaded/concession → loaded/insistence)",
            )
        ],
    ),
    "negation": (
        "The company will raise prices this year. Its shares rose.",
        "The company will not raise prices this year. Its shares rose.",
        [(0, 0, "negation_flipped", "+ not raise")],
        [(0, 0, "negation_flipped", "- not raise")],
    ),
    "number": (
        "The storm killed 12 people in the province. Roads were closed.",
        "The storm killed 21 people in the province. Roads were closed.",
        [(0, 0, "number_changed", "12 people → 21 people")],
        [(0, 0, "number_changed", "21 people → 12 people")],
    ),
    "entity": (
        "The mayor met bankers in Lyon on Monday. The talks were long.",
        "The mayor met bankers from Siemens in Lyon on Monday. The talks were long.",
        [(0, 0, "entity_added", "+ Siemens")],
        [(0, 0, "entity_dropped", "- Siemens")],
    ),
    "modality": (
        "The government will cut taxes next year. Critics were sceptical.",
        "The government could cut taxes next year. Critics were sceptical.",
        [(0, 0, "modality_changed", "will → could")],
        [(0, 0, "modality_changed", "could → will")],
    ),
    "quote_altered": (
        "“The war is, in fact, over,” the general said. Troops went home.",
        "“The war is, in effect, over,” the general said. Troops went home.",
        [(0, 0, "quote_altered", "in fact → in effect")],
        [(0, 0, "quote_altered", "in effect → in fact")],
    ),
    "quote_to_paraphrase": (
        "“We have done nothing wrong,” the company said in a statement on Friday.",
        "The company said in a statement on Friday that it had done nothing wrong.",
        [
            (
                0,
                0,
                "quote_dropped",
                "- “We have done nothing wrong” (its words kept as paraphrase, without "
                "quotation marks)",
            )
        ],
        [
            (
                0,
                0,
                "quote_added",
                "+ “We have done nothing wrong” (a paraphrase of the other version, now in "
                "quotation marks)",
            )
        ],
    ),
    "quote_of_a_dropped_sentence": (
        "The bridge reopened on Friday. “This is a great day for the city,” Mayor Anne Brown said.",
        "The bridge reopened on Friday.",
        [(1, None, "quote_dropped", "- “This is a great day for the city” (sentence dropped)")],
        [(None, 1, "quote_added", "+ “This is a great day for the city” (sentence added)")],
    ),
}


@pytest.mark.parametrize("case", list(KIND_CASES), ids=list(KIND_CASES))
def test_each_kind_both_directions(case: str) -> None:
    a, b, forward, backward = KIND_CASES[case]
    assert rows(changes(a, b)) == forward
    assert rows(changes(a, b, "b", "a")) == backward


def test_every_kind_is_tested() -> None:
    tested = {r[2] for _, _, f, bw in KIND_CASES.values() for r in f + bw}
    assert tested == set(CLAIM_KINDS)


def test_evidence_columns_hold_the_words_of_each_side() -> None:
    a, b, _, _ = KIND_CASES["attribution_neutral_loaded"]
    row = changes(a, b).iloc[0]
    assert (row["a_evidence"], row["b_evidence"]) == ("said", "claimed")
    assert row["a_text"] == "Smith said the plan had failed."
    assert row["b_text"] == "Smith claimed the plan had failed."
    a, b, _, _ = KIND_CASES["hedge"]
    row = changes(a, b).iloc[0]
    assert pd.isna(row["a_evidence"]) and row["b_evidence"] == "reportedly"


def test_quote_altered_ignores_the_shortened_part_and_diffs_the_rest() -> None:
    # b quotes only the second half, and changes one word in it
    a = "“We tried hard, and we will win the war in the end,” the general said."
    b = "The general said that “we will win the fight in the end.”"
    assert rows(changes(a, b)) == [(0, 0, "quote_altered", "the war → the fight")]


# ---------------------------------------------------------------------------
# no rows
# ---------------------------------------------------------------------------

NO_CHANGE = {
    "reordering": (
        "“We will win,” Mark Rutte said. The talks in Paris could fail if Russia objects. "
        "Prices did not rise.",
        "Prices did not rise. The talks in Paris could fail if Russia objects. "
        "“We will win,” Mark Rutte said.",
    ),
    "synonyms": (
        "The mayor said the large bridge would close in May.",
        "The mayor told reporters the big bridge would close in May.",
    ),
    "contractions": (
        "The mayor doesn't expect the bridge to close. “We can't stop now,” she said.",
        "The mayor does not expect the bridge to close. “We cannot stop now,” she said.",
    ),
    "typography": (
        "“It’s over — for now,” she said of Orbán’s plan.",
        "\"It's over - for now,\" she said of Orban's plan.",
    ),
    "case_inside_quotes": (
        "“The Plan Is Dead,” the minister said.",
        "“The plan is dead,” the minister said.",
    ),
    "names_spelled_or_shortened": (
        "Ukrainian President Vladimir Zelensky met Mark Rutte in Brussels. "
        "Officials in the U.S. welcomed Zelensky's visit.",
        "Volodymyr Zelensky met Rutte in Brussels. "
        "Officials in the United States welcomed Zelenskyy's visit.",
    ),
    "sentence_initial_ordinary_word": (
        "Officials in Lyon approved the budget. Meanwhile, the vote in Lyon followed a debate.",
        "The officials in Lyon approved the budget. The vote in Lyon followed a debate meanwhile.",
    ),
    "hedge_swapped_for_another": (
        "The plan will possibly fail.",
        "The plan will perhaps fail.",
    ),
    "modal_in_reported_speech": (
        "The minister said the plant will close.",
        "The minister said the plant would close.",
    ),
    "negation_reworded": (
        "Nobody saw the thief.",
        "No one saw the thief.",
    ),
    "capital_demonym_and_code_for_the_country": (
        "Kyiv asked Moscow to withdraw the Russian troops, Washington said.",
        "Ukraine asked Russia to withdraw the troops of Russia, the US said.",
    ),
    "acronym_that_is_a_common_noun": (
        "The former reality TV star spoke to the CEO.",
        "The former reality star spoke to the chief executive.",
    ),
    "not_conditions": (
        "Reporters asked whether the mayor would resign, no matter what happened.",
        "Reporters asked if the mayor would resign, no matter if it happened.",
    ),
}


@pytest.mark.parametrize("case", list(NO_CHANGE), ids=list(NO_CHANGE))
def test_no_change(case: str) -> None:
    a, b = NO_CHANGE[case]
    assert rows(changes(a, b)) == []
    assert rows(changes(a, b, "b", "a")) == []


def test_a_dropped_clause_is_not_a_flipped_negation() -> None:
    # the negated verb ("identified") is gone with its clause: no polarity flip
    a = "A lawyer for the mother, who cannot be identified, called the swap a tragedy."
    b = "A lawyer for the mother called the swap a tragedy."
    assert [r[2] for r in rows(changes(a, b))] == []


# ---------------------------------------------------------------------------
# the real pair: the AFP wire and its rewrite
# ---------------------------------------------------------------------------


def test_another_country_s_capital_is_another_entity() -> None:
    a = "Officials in Kyiv asked for more help on Monday."
    b = "Officials in Moscow asked for more help on Monday."
    assert rows(changes(a, b)) == [
        (0, 0, "entity_dropped", "- Kyiv"),
        (0, 0, "entity_added", "+ Moscow"),
    ]


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return claim_changes(mk.clean_articles(mk.load_sample_articles()), "wire", "rewrite")


def _kind(table: pd.DataFrame, kind: str) -> pd.DataFrame:
    return table[table["kind"] == kind]


def test_real_pair_condition_added(real: pd.DataFrame) -> None:
    # the wire reports "Trump's resounding victory"; the rewrite says "if re-elected"
    cond = _kind(real, "condition_added")
    hit = cond[cond["evidence"].str.contains("if re-elected", regex=False)]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert row["evidence"] == "+ if re-elected as U.S. president"
    assert "resounding victory" in row["a_text"]
    assert "if re-elected as U.S. president" in row["b_text"]


def test_real_pair_told_becomes_claimed(real: pd.DataFrame) -> None:
    verbs = _kind(real, "attribution_changed")
    row = verbs[verbs["evidence"] == "told → claimed (neutral → loaded/doubt)"]
    assert len(row) == 1
    assert "Zelensky told reporters" in row.iloc[0]["a_text"]
    assert "claimed that 11,000" in row.iloc[0]["b_text"]


def test_real_pair_reportedly(real: pd.DataFrame) -> None:
    hedge = _kind(real, "hedge_added")
    row = hedge[hedge["evidence"] == "+ reportedly"]
    assert len(row) == 1
    assert "has reportedly sent troops" in row.iloc[0]["b_text"]


def test_real_pair_misquote(real: pd.DataFrame) -> None:
    altered = _kind(real, "quote_altered")
    row = altered[altered["evidence"].str.contains("in fact → in effect", regex=False)]
    assert len(row) == 1
    assert "North Korea is now, in fact, waging a war in Europe." in row.iloc[0]["a_text"]
    assert "North Korea is now, in effect, waging war in Europe." in row.iloc[0]["b_text"]
    # the rewrite also drops "a" inside the same quotation marks
    assert "waging a war → waging war" in row.iloc[0]["evidence"]


def test_real_pair_rutte_quote_becomes_paraphrase(real: pd.DataFrame) -> None:
    dropped = _kind(real, "quote_dropped")
    row = dropped[dropped["evidence"].str.contains("I look forward to meeting with Donald Trump")]
    assert len(row) == 1
    assert "without quotation marks" in row.iloc[0]["evidence"]
    assert row.iloc[0]["b_text"].startswith("Rutte further emphasized his desire to meet")


def test_real_pair_said_and_told_of_one_speaker_are_no_change(real: pd.DataFrame) -> None:
    # "Rutte told reporters" is in both versions; "said" -> "added" (De Croo) is neutral -> neutral
    evidence = " ".join(_kind(real, "attribution_changed")["evidence"])
    assert "told → told" not in evidence and "said → added" not in evidence


# ---------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------


def test_table_contract() -> None:
    a, b, _, _ = KIND_CASES["modality"]
    articles = arts(a, b)
    before = articles.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        out = claim_changes(articles, "a", "b")
    pd.testing.assert_frame_equal(articles, before)
    assert list(out.columns) == list(COLUMNS)
    assert out.columns[:6].tolist() == ["a_sent", "b_sent", "kind", "a_text", "b_text", "evidence"]
    assert isinstance(out.index, pd.RangeIndex)
    assert str(out["a_sent"].dtype) == "Int64" and str(out["b_sent"].dtype) == "Int64"
    for col in ("kind", "a_text", "b_text", "evidence", "a_evidence", "b_evidence", "label"):
        assert str(out[col].dtype) == "string"


def test_no_rows_still_has_the_columns() -> None:
    out = changes("The plan failed.", "The plan failed.")
    assert out.empty and list(out.columns) == list(COLUMNS)


def test_rows_follow_group_then_kind_order() -> None:
    a = "Smith said the plan will fail. The council met in June."
    b = "Smith claimed the plan could fail. The council met in Lyon in June."
    got = [(r[0], r[2]) for r in rows(changes(a, b))]
    assert got == [
        (0, "attribution_changed"),
        (0, "modality_changed"),
        (1, "entity_added"),
    ]


def test_given_alignment_is_used() -> None:
    a = "The plan will fail. Smith said the council had approved it."
    b = "Smith claimed the council had approved it. The plan will fail."
    articles = arts(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        alignment = mk.align_sentences(articles, "a", "b")
        got = claim_changes(articles, "a", "b", alignment=alignment)
    assert rows(got) == [(1, 0, "attribution_changed", "said → claimed (neutral → loaded/doubt)")]


def test_empty_article_reports_its_quotes_as_added() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = claim_changes(arts("", "“We will win,” Smith said."), "a", "b")
    assert rows(out) == [(None, 0, "quote_added", "+ “We will win” (sentence added)")]
    # one warning that names the empty article, at the caller's line (not one per step)
    assert [str(w.message)[:40] for w in caught] == ["claim_changes: article(s) ['a'] have no "]
    assert caught[0].category is MediakitWarning and caught[0].filename == __file__


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------


def test_unknown_doc_id() -> None:
    with pytest.raises(
        ValueError, match=r"`b` = 'c' is not a doc_id .* valid doc_ids are \['a', 'b'\]"
    ):
        claim_changes(arts("x.", "y."), "a", "c")


def test_same_doc_id() -> None:
    with pytest.raises(ValueError, match="`a` and `b` are both 'a'; pass two different doc_ids"):
        claim_changes(arts("x.", "y."), "a", "a")


def test_alignment_missing_columns() -> None:
    bad = pd.DataFrame({"a_sent": [0], "b_sent": [0]})
    with pytest.raises(
        ValueError,
        match=r"`alignment` needs column\(s\) \['a_text', 'b_text', 'similarity', 'label'\] "
        r"\(an alignment table from mediakit.align_sentences\(articles, a, b\)\)",
    ):
        claim_changes(arts("x.", "y."), "a", "b", alignment=bad)


def test_alignment_not_a_table() -> None:
    with pytest.raises(TypeError, match=r"`alignment` must be a DataFrame .*, got list"):
        claim_changes(arts("x.", "y."), "a", "b", alignment=[(0, 0)])


def test_alignment_of_other_articles() -> None:
    articles = arts("One. Two.", "One. Two.")
    alignment = pd.DataFrame(
        {
            "a_sent": pd.array([5], dtype="Int64"),
            "b_sent": pd.array([0], dtype="Int64"),
            "a_text": ["Six."],
            "b_text": ["One."],
            "similarity": [1.0],
            "label": ["verbatim"],
        }
    )
    with pytest.raises(
        ValueError, match=r"a_sent id\(s\) \[5\] .* not sentences of 'a'.*other articles"
    ):
        claim_changes(articles, "a", "b", alignment=alignment)


def test_alignment_and_options() -> None:
    with pytest.raises(ValueError, match="either `alignment` or `align_options`, not both"):
        claim_changes(arts("x.", "y."), "a", "b", alignment=pd.DataFrame(), threshold=0.2)
    with pytest.raises(ValueError, match="may not set `sentences`"):
        claim_changes(arts("x.", "y."), "a", "b", sentences=pd.DataFrame())


def test_not_an_articles_frame() -> None:
    with pytest.raises(TypeError, match="claim_changes expects an articles DataFrame"):
        claim_changes(["x", "y"], "a", "b")  # type: ignore[arg-type]


def test_real_pair_names_that_changed(real: pd.DataFrame) -> None:
    # read by hand, sentence against aligned sentence. Not changes: Kyiv/Ukraine,
    # Moscow/Russia, Washington/U.S. (a capital for its country), "reality TV".
    expected = {
        (1, "entity_added", "+ Rutte"),  # "Rutte’s remarks came as fears are growing"
        (2, "entity_dropped", "- Trump"),  # "connect Trump’s dots"
        (5, "entity_added", "+ U.S."),  # "continued U.S. support"
        (5, "entity_added", "+ Ukraine"),  # "... support for Ukraine"
        (7, "entity_dropped", "- Budapest"),  # "told reporters in Budapest"
        (11, "entity_dropped", "- Russian"),  # "the 2022 Russian invasion"
        (15, "entity_added", "+ Western"),  # "continued Western support"
        (17, "entity_added", "+ Ukraine"),  # "the equipment Ukraine relies on"
        (19, "entity_dropped", "- Europe"),  # "insisted Europe would continue"
        (20, "entity_added", "+ Russia"),  # "“brutal attacks” from Russia"
    }
    names = real[real["kind"].str.startswith("entity")]
    got = set(zip(names["a_sent"].astype(int), names["kind"], names["evidence"], strict=True))
    assert got == expected
