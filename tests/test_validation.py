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
