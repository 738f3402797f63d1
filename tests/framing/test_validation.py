from __future__ import annotations

import warnings

import pandas as pd
import pytest

from mediakit._validation import MediakitWarning, check_articles, check_option, warn


def test_check_option_message_has_the_design_shape():
    with pytest.raises(ValueError) as err:
        check_option("normalize", "per_word", {"per_1000_tokens", None})
    assert str(err.value) == (
        "`normalize` = 'per_word' is invalid; expected one of {'per_1000_tokens', None}"
    )
    assert check_option("normalize", None, {"per_1000_tokens", None}) is None


def test_check_articles_accepts_an_articles_frame():
    df = pd.DataFrame({"text": ["a"]}, index=pd.Index(["d1"], name="doc_id"))
    assert check_articles(df) is df


@pytest.mark.parametrize(
    ("bad", "exc", "match"),
    [
        (["text"], TypeError, "expects an articles DataFrame"),
        (pd.DataFrame({"body": ["a"]}), ValueError, r"needs column\(s\) \['text'\].*text_col"),
        (pd.DataFrame({"text": ["a", "b"]}, index=["x", "x"]), ValueError, r"duplicated: \['x'\]"),
    ],
)
def test_check_articles_names_the_problem_and_the_fix(bad, exc, match):
    with pytest.raises(exc, match=match):
        check_articles(bad, func="clean_articles")


def test_warn_uses_the_mediakit_category():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warn("doc 'x' has no text")
    assert caught[0].category is MediakitWarning


def test_show_values_lists_some_values_and_counts_the_rest():
    from mediakit._validation import show_values

    assert show_values(["a", "b"]) == "['a', 'b']"
    assert show_values(range(12), limit=3) == "[0, 1, 2, ... (9 more)]"
    assert show_values([3, 7], bare=True) == "3, 7"


def test_check_table_names_the_argument_and_the_fix():
    from mediakit._validation import check_table

    with pytest.raises(
        TypeError, match=r"f: `tokens` must be a DataFrame \(from tokenize\), got list"
    ):
        check_table([], ["doc_id"], func="f", name="`tokens`", described="from tokenize")
    empty = pd.DataFrame({"doc_id": []})
    with pytest.raises(
        ValueError, match=r"f: `tokens` needs column\(s\) \['norm'\] \(from tokenize\)"
    ):
        check_table(empty, ["doc_id", "norm"], func="f", name="`tokens`", described="from tokenize")


def test_check_doc_ids_names_the_unknown_and_the_valid_ids():
    from mediakit._validation import check_doc_id, check_doc_ids

    arts = pd.DataFrame({"text": ["x", "y"]}, index=pd.Index(["a", "b"], name="doc_id"))
    assert check_doc_id(arts, "a", func="f", name="a") == "a"
    with pytest.raises(ValueError, match=r"f: `b` = \['a'\] is not a doc_id.*\['a', 'b'\]"):
        check_doc_id(arts, ["a"], func="f", name="b")
    check_doc_ids(arts, ["a", "b"], func="f", name="`ids`")
    with pytest.raises(
        ValueError, match=r"unknown doc_id\(s\) in `ids`: \['z'\]; valid doc_ids are"
    ):
        check_doc_ids(arts, ["a", "z"], func="f", name="`ids`")
