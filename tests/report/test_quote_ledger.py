"""The quote ledger: every quote of both versions with its fate, on texts written for each fate."""

from __future__ import annotations

import pandas as pd
import pytest
from _report_data import quiet

import mediakit as mk
from mediakit.report._quotes import LEDGER_COLUMNS, STATUSES, quote_ledger

# One sentence per quote, in the same order in both versions, so that the alignment pairs
# them sentence to sentence; each quote of A meets a different fate in B (by construction):
A = (
    '"We will build the bridge next year and open it to traffic by 2030," Jan Holt said. '
    '"The budget for the new bridge is entirely fine," Eva Lind said. '
    '"The river bed is stable enough for the bridge piers," Tom Berg said. '
    '"Nobody asked the people who live by the river," Ana Cruz said. '
    '"It will cost 40 million," Holt added.'
)
B = (
    '"We will build the bridge next year," Jan Holt said. '  # shortened: the rest is cut
    '"The budget for the new bridge is totally fine," Eva Lind said. '  # reworded
    "Tom Berg said the river bed was stable enough for the piers. "  # lost: paraphrase
    '"Nobody asked the people who live by the river," Ana Cruz said. '  # kept
    '"It will cost 40 million," Holt added. '  # kept
    '"This bridge is a waste of public money," Max Ode said.'  # added
)


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    articles = pd.DataFrame({"text": [A, B]}, index=pd.Index(["a", "b"], name="doc_id"))
    alignment = quiet(mk.align_sentences, articles, "a", "b")
    return quote_ledger(
        articles,
        "a",
        "b",
        sentences=mk.split_sentences(articles),
        alignment=alignment,
        quotes=quiet(mk.extract_quotes, articles),
    )


def test_one_row_per_quote_of_both_versions(ledger):
    assert list(ledger.columns) == LEDGER_COLUMNS
    assert ledger["side"].tolist() == ["a"] * 5 + ["b"] * 5
    assert ledger["sent_id"].tolist() == [0, 1, 2, 3, 4, 0, 1, 3, 4, 5]
    assert all(
        s in STATUSES[side] for side, s in zip(ledger["side"], ledger["status"], strict=True)
    )


def test_each_fate_is_found(ledger):
    a = ledger[ledger["side"] == "a"]
    assert a["status"].tolist() == ["shortened", "reworded", "lost", "kept", "kept"]
    assert a["speaker"].tolist() == ["Jan Holt", "Eva Lind", "Tom Berg", "Ana Cruz", "Jan Holt"]
    # the shortened quote keeps 7 of its 14 words ("We will build the bridge next year")
    assert a["words_kept"].tolist()[0] == pytest.approx(7 / 14)
    assert a["words_kept"].tolist()[3:] == [1.0, 1.0]
    assert a["words_kept"].tolist()[2] == 0.0
    # "entirely" → "totally": 9 words, 8 the same
    assert a["words_kept"].tolist()[1] == pytest.approx(8 / 9)
    assert a["counterpart"].tolist()[0] == "We will build the bridge next year,"
    assert a["counterpart_sent"].tolist() == [0, 1, pd.NA, 3, 4]
    assert a["note"].tolist()[2] == "its words kept as paraphrase, without quotation marks"


def test_quotes_of_b_have_their_fate_too(ledger):
    b = ledger[ledger["side"] == "b"]
    assert b["status"].tolist() == ["kept", "reworded", "kept", "kept", "added"]
    assert b["quote"].tolist()[-1] == "This bridge is a waste of public money,"
    assert b["speaker"].tolist()[-1] == "Max Ode"
    assert b["note"].tolist()[-1] == "sentence added"
    assert b["counterpart"].tolist()[-1] is None
    # the b side of the shortened quote: all its words are in a's quote
    assert b["words_kept"].tolist()[0] == 1.0


def test_quote_text_is_the_articles_text_at_its_offsets(ledger):
    texts = {"a": A, "b": B}
    for doc, quote, start, end in zip(
        ledger["doc_id"], ledger["quote"], ledger["start"], ledger["end"], strict=True
    ):
        assert texts[doc][start:end] == quote
