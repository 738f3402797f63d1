"""document_features: the three measures from one tokenization, value for value."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import mediakit as mk


@pytest.fixture()
def corpus(four_articles_clean):
    return four_articles_clean


def one_by_one(clean, dictionary, normalize="per_1000_tokens"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        frames = mk.count_frames(clean, dictionary, normalize=normalize)
        return pd.concat(
            [
                mk.lexical_features(clean),
                mk.readability(clean, counts=False),
                frames.drop(columns="n_tokens").rename(columns={"unmatched": "frames_unmatched"}),
            ],
            axis=1,
        )


@pytest.mark.parametrize("normalize", ["per_1000_tokens", None, "share"])
def test_equals_the_three_functions(corpus, normalize):
    d = mk.load_dictionary("generic_frames")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        got = mk.document_features(corpus, d, normalize=normalize)
    pd.testing.assert_frame_equal(got, one_by_one(corpus, d, normalize))
    assert got.index.tolist() == corpus.index.tolist()  # rows in = rows out, the empty one too
    # the lexical n_tokens is count_frames' n_tokens (both: word tokens)
    frames = mk.count_frames(corpus, d)
    assert (got["n_tokens"] == frames["n_tokens"]).all()


def test_groups(corpus):
    d = mk.load_dictionary("generic_frames")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        lexical = mk.document_features(corpus, measures="lexical")
        without_dictionary = mk.document_features(corpus)
        scores = mk.document_features(corpus, d, measures=["readability"])
        lexical_alone = mk.lexical_features(corpus)
        readability_alone = mk.readability(corpus, counts=False)
    pd.testing.assert_frame_equal(lexical, lexical_alone)
    assert list(without_dictionary.columns) == [*lexical_alone, *readability_alone]
    pd.testing.assert_frame_equal(scores, readability_alone)


def test_bad_options(corpus):
    with pytest.raises(ValueError, match="`measures` = 'style' is invalid"):
        mk.document_features(corpus, measures="style")
    with pytest.raises(ValueError, match="'frames' group needs a dictionary"):
        mk.document_features(corpus, measures=["lexical", "frames"])
    clash = mk.Dictionary.from_dict({"ttr": ["war"]})
    with pytest.raises(ValueError, match="column 'ttr' of the 'frames' group clashes"):
        mk.document_features(corpus, clash)
    with pytest.raises(TypeError, match="articles DataFrame"):
        mk.document_features(corpus["text"])


def test_warnings_name_the_empty_article_and_point_at_the_caller(corpus):
    with pytest.warns(mk.MediakitWarning, match="empty") as record:
        mk.document_features(corpus, mk.load_dictionary("generic_frames"))
    assert {w.filename for w in record} == {__file__}
