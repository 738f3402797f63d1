"""Tests for mediakit.transformers: the functions' values, sklearn's conventions, a classifier.

scikit-learn's own checks (``check_estimator``, ``parametrize_with_checks``)
generate numeric 2-D arrays; an estimator whose input is text declares
``input_tags.two_d_array = False`` (as ``TfidfVectorizer`` does) and
``check_estimator`` then skips every check. So the checks run in two groups:

* sklearn's own check functions that do not feed data, called directly
  (:data:`API_CHECKS`: cloning, repr, tags, ``__init__`` only stores, params
  round-trip, ``set_params``, mixin order, an unfitted transform raises);
* sklearn's data checks written again with texts (fit returns self and does not
  touch the parameters, ``transform`` leaves ``__dict__`` alone, fitting is
  idempotent, rows are independent of their order and of the batch, pickling,
  a Pipeline gives the same, one sample, empty input, non-text input,
  ``n_features_in_``, ``check_is_fitted``).

The sklearn checks that stay out, and why: ``check_estimators_dtypes``,
``check_dtype_object``, ``check_complex_data``, ``check_estimators_nan_inf``,
``check_fit1d``, ``check_fit2d_*``, ``check_n_features_in(_after_fitting)``,
``check_f_contiguous_array_estimator``, ``check_readonly_memmap_input``,
``check_positive_only_tag_during_fit``, the sparse checks and
``check_transformer_general`` all pass numeric matrices (floats, ints,
complex, sparse, memmaps) and expect them to be accepted or rejected with
numeric-specific messages; here a number is not a text and is rejected with a
TypeError that says so (tested below). The others (``check_estimators_unfitted``,
``check_transformer_n_iter``) test predict methods and ``max_iter`` that
these transformers do not have.
"""

from __future__ import annotations

import pickle
import re
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks as ec
from sklearn.utils.validation import check_is_fitted

import mediakit as mk

pytestmark = pytest.mark.filterwarnings("ignore::mediakit.MediakitWarning")

TEXTS = [
    "The cat sat on the mat. The cat slept.",
    "Markets fell sharply on Monday as investors weighed new tariffs.",
    "“We will not give up,” the mayor said. She said it twice.",
    "Rain, rain and more rain: the river rose again overnight.",
    "Trade wars are wars too, the minister warned. Talks resume on Friday.",
]

WAR = {"war": ["war", "wars"], "trade": ["trade*"], "talk": ["talk*"]}


def _estimators() -> dict[str, mk.transformers._ArticlesTransformer]:
    return {
        "lexical": mk.LexicalFeatures(),
        "lexical-diversity": mk.LexicalFeatures(measures=["mtld", "ttr"]),
        "readability": mk.Readability(counts=False),
        "sentiment": mk.Sentiment(),
        "frames": mk.FrameCounts(),
        "frames-dict": mk.FrameCounts(WAR, normalize="per_1000_tokens"),
        "document": mk.DocumentFeatures("generic_frames"),
    }


ESTIMATORS = _estimators()


def _expected(key: str, articles: pd.DataFrame) -> pd.DataFrame:
    """The function each transformer wraps, called directly."""
    generic = mk.load_dictionary("generic_frames")
    return {
        "lexical": lambda a: mk.lexical_features(a),
        # the transformer takes lexical_diversity's path; lexical_features must agree
        "lexical-diversity": lambda a: mk.lexical_features(a)[["mtld", "ttr"]],
        "readability": lambda a: mk.readability(a, counts=False),
        "sentiment": lambda a: mk.sentiment(a),
        "frames": lambda a: mk.count_frames(a, generic),
        "frames-dict": lambda a: mk.count_frames(a, WAR, normalize="per_1000_tokens"),
        "document": lambda a: mk.document_features(a, generic),
    }[key](articles)


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


def as_frame(texts: list[str]) -> pd.DataFrame:
    index = pd.Index([f"t{i}" for i in range(len(texts))], name="doc_id")
    return pd.DataFrame({"text": texts}, index=index)


# ---------------------------------------------------------------------------
# the functions' values, and hand counts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(ESTIMATORS))
def test_output_is_the_function_table_on_the_seed_pair(key, seed):
    est = clone(ESTIMATORS[key])
    expected = _expected(key, seed)
    out = est.fit_transform(seed)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64
    np.testing.assert_array_equal(out, expected.to_numpy(dtype=float))
    assert est.get_feature_names_out().tolist() == list(expected.columns)
    # pandas output: the same table, as floats, indexed by doc_id
    frame = clone(est).set_output(transform="pandas").fit(seed).transform(seed)
    pd.testing.assert_frame_equal(frame, expected.astype(float), check_names=True)
    assert frame.index.name == "doc_id"


def test_lexical_features_against_hand_counts(seed):
    lex = mk.LexicalFeatures(measures=["n_chars", "n_tokens"]).set_output(transform="pandas")
    out = lex.fit_transform(seed)
    assert out["n_chars"].tolist() == [float(len(t)) for t in seed["text"]]
    # the same word tokens as count_frames counts
    frames = mk.FrameCounts(WAR).set_output(transform="pandas").fit_transform(seed)
    assert out["n_tokens"].tolist() == frames["n_tokens"].tolist()


def test_frame_counts_against_regular_expressions(seed):
    # single-word patterns: a hit is the word standing alone (NATO's counts, NATO-led would not)
    words = ["nato", "ukraine", "war", "said"]
    frames = mk.FrameCounts({w: [w] for w in words}).set_output(transform="pandas")
    out = frames.fit_transform(seed)
    for doc_id, text in seed["text"].items():
        for w in words:
            expected = len(re.findall(rf"(?<![\w-]){w}(?![\w-])", text, flags=re.IGNORECASE))
            assert out.loc[doc_id, w] == expected, (doc_id, w)
    # hand count on the seed files: NATO 3 times in each version; "said" 7 times in the wire
    assert out["nato"].tolist() == [3.0, 3.0]
    assert out.loc["wire", "said"] == 7.0


def test_sentiment_against_vader_by_hand():
    # VADER: good = 1.9, bad = -2.5; compound = x / sqrt(x**2 + 15)
    good, bad = 1.9 / np.sqrt(1.9**2 + 15), -2.5 / np.sqrt(2.5**2 + 15)
    out = (
        mk.Sentiment()
        .set_output(transform="pandas")
        .fit_transform(["The film was good. The ending was bad."])
    )
    assert out["n_sentences"].iloc[0] == 2
    assert out["compound_mean"].iloc[0] == pytest.approx((good + bad) / 2, abs=1e-4)
    assert out["share_positive"].iloc[0] == 0.5


def test_fit_on_one_set_transform_another_is_the_function_on_the_other(seed):
    # stateless: nothing learnt from the texts of fit
    for key in ["lexical", "frames-dict"]:
        est = clone(ESTIMATORS[key]).fit(TEXTS)
        expected = _expected(key, seed).to_numpy(dtype=float)
        np.testing.assert_array_equal(est.transform(seed), expected)


# ---------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------


def test_inputs_list_series_frame_generator_array_agree():
    lex = mk.LexicalFeatures(measures=["n_tokens", "mean_word_length", "n_sentences"])
    base = lex.fit_transform(TEXTS)
    series = pd.Series(TEXTS, index=[f"s{i}" for i in range(len(TEXTS))], name="body")
    for X in (
        as_frame(TEXTS),
        series,
        np.array(TEXTS, dtype=object),
        tuple(TEXTS),
        (t for t in TEXTS),  # fit_transform reads it once
    ):
        np.testing.assert_array_equal(clone(lex).fit_transform(X), base)
    # the index of a Series or frame is the index of the pandas output
    out = clone(lex).set_output(transform="pandas").fit_transform(series)
    assert out.index.tolist() == series.index.tolist()
    assert clone(lex).fit(series).feature_names_in_.tolist() == ["body"]
    assert clone(lex).fit(as_frame(TEXTS)).feature_names_in_.tolist() == ["text"]
    refit = clone(lex).fit(as_frame(TEXTS)).fit(TEXTS)
    assert not hasattr(refit, "feature_names_in_")
    assert refit.n_features_in_ == 1


def test_extra_columns_are_ignored_and_rows_resampled_with_replacement_work():
    frame = as_frame(TEXTS).assign(title="A title", outlet="X")
    frames = mk.FrameCounts(WAR)
    base = frames.fit_transform(frame)
    np.testing.assert_array_equal(base, frames.fit_transform(as_frame(TEXTS)))
    # bootstrap samples repeat a doc_id: rows are taken by position
    picks = [4, 0, 4, 2]
    resampled = frame.iloc[picks]
    assert not resampled.index.is_unique
    np.testing.assert_array_equal(frames.transform(resampled), base[picks])
    out = clone(frames).set_output(transform="pandas").fit(frame).transform(resampled)
    assert out.index.tolist() == ["t4", "t0", "t4", "t2"]


def test_missing_and_empty_texts_keep_their_rows():
    texts = ["The cat sat on the mat.", None, "", float("nan")]
    with pytest.warns(mk.MediakitWarning, match="no words"):
        out = mk.LexicalFeatures(measures=["n_tokens", "ttr"]).fit_transform(texts)
    assert out.shape == (4, 2)
    assert out[:, 0].tolist() == [6.0, 0.0, 0.0, 0.0]
    assert np.isnan(out[1:, 1]).all()


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        ("one text", TypeError, r"got str; wrap a single text in a list: \[text\]"),
        (b"bytes", TypeError, "got bytes"),
        ({"a": "text"}, TypeError, "got dict"),
        (3, TypeError, "got int"),
        (["fine", 3, 2.5, b"x"], TypeError, r"position\(s\) 1, 2, 3 are bytes, float, int"),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), ValueError, r"1-D array of texts.*shape \(2, 2\)"),
        (np.array([1.0, 2.0]), TypeError, "texts must be str"),
        (np.array([1 + 2j]), TypeError, "are complex"),
        (pd.DataFrame({"body": ["x"]}), ValueError, r"needs column\(s\) \['text'\]"),
        ([], ValueError, "got 0 texts; pass at least one"),
    ],
)
def test_bad_input_is_named(X, error, match):
    with pytest.raises(error, match=match):
        mk.LexicalFeatures().fit(X)


def test_sparse_and_other_frames_are_named():
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match=r"texts must be str.*csr_matrix"):
        mk.Readability().fit(sparse.csr_matrix(np.eye(2)))

    class OtherFrame:  # the shape of a Dask or polars frame: columns, iterates names
        columns = ("text",)

        def __iter__(self):
            return iter(self.columns)

    with pytest.raises(TypeError, match=r"pandas DataFrame of articles.*\.compute\(\)"):
        mk.FrameCounts().fit(OtherFrame())


def test_bad_parameters_raise_the_function_error_in_fit():
    with pytest.raises(ValueError, match="`measures` = 'nope' is invalid"):
        mk.LexicalFeatures(measures=["nope"]).fit(TEXTS)
    with pytest.raises(ValueError, match="`measures` is empty"):
        mk.LexicalFeatures(measures=[]).fit(TEXTS)
    with pytest.raises(ValueError, match="`window` = 0 is invalid"):
        mk.LexicalFeatures(window=0).fit(TEXTS)
    with pytest.raises(ValueError, match="`measures` = 'fog' is invalid"):
        mk.Readability("fog").fit(TEXTS)
    with pytest.raises(ValueError, match="`normalize` = 'rate' is invalid"):
        mk.FrameCounts(normalize="rate").fit(TEXTS)
    with pytest.raises(ValueError, match="nope"):
        mk.FrameCounts("nope").fit(TEXTS)
    with pytest.raises(ValueError, match="needs a dictionary"):
        mk.DocumentFeatures(measures="frames").fit(TEXTS)


def test_frame_counts_takes_a_name_a_dictionary_or_a_mapping():
    generic = mk.load_dictionary("generic_frames")
    by_name = mk.FrameCounts("generic_frames").fit(TEXTS)
    assert by_name.dictionary == "generic_frames"  # the parameter is left as given
    assert by_name.dictionary_.name == "generic_frames"
    by_object = mk.FrameCounts(generic).fit(TEXTS)
    assert by_object.dictionary_ is generic
    np.testing.assert_array_equal(by_name.transform(TEXTS), by_object.transform(TEXTS))
    names = by_name.get_feature_names_out().tolist()
    assert names == [*generic.categories, "n_tokens", "unmatched"]
    chosen = mk.FrameCounts(WAR, categories=["talk"]).fit(TEXTS)
    assert chosen.get_feature_names_out().tolist() == ["talk", "n_tokens", "unmatched"]


# ---------------------------------------------------------------------------
# scikit-learn's conventions
# ---------------------------------------------------------------------------

#: sklearn's checks that feed no data, run as sklearn wrote them.
API_CHECKS = [
    ec.check_estimator_cloneable,
    ec.check_estimator_repr,
    ec.check_estimator_tags_renamed,
    ec.check_valid_tag_types,
    ec.check_no_attributes_set_in_init,
    ec.check_parameters_default_constructible,
    ec.check_get_params_invariance,
    ec.check_set_params,
    ec.check_do_not_raise_errors_in_init_or_set_params,
    ec.check_mixin_order,
    ec.check_transformers_unfitted,
]


@pytest.mark.parametrize("check", API_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("key", list(ESTIMATORS))
def test_sklearn_api_checks(key, check):
    est = ESTIMATORS[key]
    check(type(est).__name__, est)


def test_check_estimator_declines_text_input():
    # what the module docstring says: sklearn's generated checks do not apply to text
    from sklearn.exceptions import SkipTestWarning

    with pytest.warns(SkipTestWarning, match="Can't test estimator LexicalFeatures"):
        ec.check_estimator(mk.LexicalFeatures())


@pytest.mark.parametrize("key", list(ESTIMATORS))
def test_sklearn_data_checks_with_texts(key):
    est = clone(ESTIMATORS[key])
    params = est.get_params()
    with pytest.raises(NotFittedError):
        check_is_fitted(est)
    with pytest.raises(NotFittedError):
        est.get_feature_names_out()
    # fit returns self, leaves the parameters and adds only fitted attributes
    before = set(vars(est))
    assert est.fit(TEXTS) is est
    assert est.get_params() == params
    added = set(vars(est)) - before
    assert all(a.endswith("_") or a.startswith("_") for a in added)
    check_is_fitted(est)
    assert est.n_features_in_ == 1
    names = est.get_feature_names_out()
    assert names.dtype == object and len(set(names)) == len(names)
    # transform leaves __dict__ alone; fitting again changes nothing
    state = pickle.dumps(vars(est))
    out = est.transform(TEXTS)
    assert pickle.dumps(vars(est)) == state
    assert out.shape == (len(TEXTS), len(names))
    np.testing.assert_array_equal(clone(est).fit(TEXTS).fit(TEXTS[:2]).transform(TEXTS), out)
    # each row depends on its text alone: order and batches do not matter
    perm = [3, 0, 4, 1, 2]
    np.testing.assert_array_equal(est.transform([TEXTS[i] for i in perm]), out[perm])
    batches = np.vstack([est.transform(TEXTS[:2]), est.transform(TEXTS[2:])])
    np.testing.assert_array_equal(batches, out)
    np.testing.assert_array_equal(est.transform(TEXTS[1:2]), out[1:2])
    # one sample is enough to fit; no sample transforms to no row
    assert clone(est).fit(TEXTS[:1]).transform(TEXTS).shape == out.shape
    assert est.transform([]).shape == (0, len(names))
    # pickled, and in a Pipeline, the same
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(est)).transform(TEXTS), out)
    from sklearn.pipeline import make_pipeline

    np.testing.assert_array_equal(make_pipeline(clone(est)).fit_transform(TEXTS), out)
    # a clone forgets the fit
    with pytest.raises(NotFittedError):
        clone(est).transform(TEXTS)


def test_get_feature_names_out_checks_input_features():
    lex = mk.LexicalFeatures(measures="ttr").fit(as_frame(TEXTS))
    assert lex.get_feature_names_out(["text"]).tolist() == ["ttr"]
    with pytest.raises(ValueError, match=r"input_features = \['body'\] is invalid"):
        lex.get_feature_names_out(["body"])
    with pytest.raises(ValueError, match="reads one text column"):
        mk.LexicalFeatures().fit(TEXTS).get_feature_names_out(["a", "b"])


def test_tags_say_text_in_float_out():
    from sklearn.utils import get_tags

    tags = get_tags(mk.FrameCounts())
    assert tags.input_tags.string and not tags.input_tags.two_d_array
    assert tags.transformer_tags.preserves_dtype == []


# ---------------------------------------------------------------------------
# composition: FeatureUnion, ColumnTransformer, TF-IDF, set_output
# ---------------------------------------------------------------------------


def test_feature_union_with_tfidf_and_pandas_output():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    union = make_union(
        mk.LexicalFeatures(measures=["n_tokens", "ttr"]),
        mk.FrameCounts(WAR, categories=["war"]),
        TfidfVectorizer(),
    )
    series = pd.Series(TEXTS, index=[f"s{i}" for i in range(len(TEXTS))])
    dense = union.fit_transform(series).toarray()
    names = union.get_feature_names_out().tolist()
    assert names[:5] == [
        "lexicalfeatures__n_tokens",
        "lexicalfeatures__ttr",
        "framecounts__war",
        "framecounts__n_tokens",
        "framecounts__unmatched",
    ]
    assert "tfidfvectorizer__rain" in names
    assert dense.shape == (len(TEXTS), len(names))
    mine = make_union(mk.LexicalFeatures(measures="n_tokens"), mk.FrameCounts(WAR))
    out = mine.set_output(transform="pandas").fit_transform(series)
    assert out.index.tolist() == series.index.tolist()
    assert out["lexicalfeatures__n_tokens"].tolist() == out["framecounts__n_tokens"].tolist()


def test_column_transformer_on_an_articles_frame():
    from sklearn.compose import ColumnTransformer

    frame = as_frame(TEXTS).assign(year=[2020, 2021, 2022, 2023, 2024])
    ct = ColumnTransformer(
        [
            ("lex", mk.LexicalFeatures(measures="n_tokens"), "text"),
            ("keep", "passthrough", ["year"]),
        ]
    ).set_output(transform="pandas")
    out = ct.fit_transform(frame)
    assert out.columns.tolist() == ["lex__n_tokens", "keep__year"]
    expected = mk.lexical_features(frame)["n_tokens"].astype(float)
    assert out["lex__n_tokens"].tolist() == expected.tolist()


# ---------------------------------------------------------------------------
# a classifier on BBC News sections (../shared/data)
# ---------------------------------------------------------------------------


@pytest.mark.shared_data
def test_classifier_on_bbc_sections_beats_the_majority_class(shared_data):
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.preprocessing import StandardScaler

    folder = shared_data / "bbc_news" / "articles"
    corpus = mk.read_articles(folder, id_from="path", progress=False)  # "sport/001", ...
    # every 8th article of each section, so the sections keep their shares
    by_section = {d.name: sorted(p.stem for p in d.glob("*.txt")) for d in folder.iterdir()}
    ids = [f"{s}/{stem}" for s in sorted(by_section) for stem in by_section[s][::8]]
    assert len(ids) == 281  # ceil(n / 8) of 510, 386, 417, 511 and 401 files
    articles = corpus.loc[ids]
    sections = [i.split("/")[0] for i in ids]
    # the baseline, counted from the folders: always answer the largest section
    counts = Counter(sections)
    baseline = max(counts.values()) / len(sections)
    assert 0.2 < baseline < 0.25  # business and sport, 64 of 281 each

    pipe = make_pipeline(
        make_union(
            mk.LexicalFeatures(),
            mk.FrameCounts("policy_frames", normalize="per_1000_tokens"),
        ),
        SimpleImputer(),
        StandardScaler(),
        LogisticRegression(max_iter=2000),
    )
    cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        scores = cross_val_score(pipe, articles, sections, cv=cv)
    # style and policy frames alone tell the sections apart far better than chance
    assert scores.mean() > baseline + 0.3, (scores, baseline)
    assert scores.min() > baseline + 0.2, (scores, baseline)
