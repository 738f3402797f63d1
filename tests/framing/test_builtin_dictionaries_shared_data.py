"""Face validity of the built-in dictionaries on BBC News, whose sections are independent labels.

Not a validation against frame coding (no coded frame corpus is available here;
see the datasheets), but a check that categories about the economy and about
politics are densest in the sections that are about them. Measured when this
test was written: AUC business vs rest 0.94 for both economic categories,
politics vs rest 0.92 for policy_frames' `political`.
"""

from __future__ import annotations

import warnings

import pytest
from sklearn.metrics import roc_auc_score

import mediakit as mk
from mediakit._validation import MediakitWarning

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def bbc(shared_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        articles = mk.read_articles(shared_data / "bbc_news" / "articles", id_from="path")
        clean = mk.clean_articles(articles)
    return clean, clean.index.str.split("/").str[0]


@pytest.fixture(scope="module")
def rates(bbc):
    clean, _ = bbc
    return {
        name: mk.count_frames(clean, mk.load_dictionary(name), normalize="per_1000_tokens")
        for name in ("generic_frames", "policy_frames")
    }


@pytest.mark.parametrize(
    ("name", "category", "section", "min_auc"),
    [
        ("generic_frames", "economic_consequences", "business", 0.9),
        ("policy_frames", "economic", "business", 0.9),
        ("policy_frames", "political", "politics", 0.85),
    ],
)
def test_category_separates_its_section(bbc, rates, name, category, section, min_auc):
    _, sections = bbc
    auc = roc_auc_score(sections == section, rates[name][category])
    assert auc > min_auc
    means = rates[name][category].groupby(sections).mean()
    assert means.idxmax() == section


def test_conflict_is_densest_in_politics(bbc, rates):
    _, sections = bbc
    means = rates["generic_frames"]["conflict"].groupby(sections).mean()
    assert means.idxmax() == "politics"
