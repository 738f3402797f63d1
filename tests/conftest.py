"""Shared fixtures: the seed pair, the stand-in pair, their hand annotations, the shared corpora.

The seed pair (data/seed-pair/) is the real sample: an AFP story and a rewrite,
as supplied. The stand-in pair (tests/data/standin-pair/) is the one the
developers wrote before the originals arrived; tests of rules that only it
exercises (US-style abbreviations, merges and splits, a copyright line) use it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "seed-pair"
#: doc_id -> file of the seed pair (the originals keep their names).
SEED_FILES = {"wire": "000_f6e284209844c78c.txt", "rewrite": "001_9ff499f4b0b3160f.txt"}
STANDIN_DIR = REPO / "tests" / "data" / "standin-pair"
SHARED_DATA = REPO.parent / "shared" / "data"
# Development-only scorers (the OneStopEnglish alignment scorer) live in benchmarks/, out of
# the wheel; the tests that check them import them from there.
sys.path.insert(0, str(REPO / "benchmarks"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


def _plain_frame(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    """Hand annotation of the seed pair (tests/data/seed_pair_gold.json)."""
    return json.loads((REPO / "tests" / "data" / "seed_pair_gold.json").read_text("utf-8"))


@pytest.fixture()
def seed_raw() -> pd.DataFrame:
    """The seed pair as a plain articles frame (wire, rewrite), read without mediakit's loader."""
    return _plain_frame({d: (SEED_DIR / f).read_text("utf-8") for d, f in SEED_FILES.items()})


@pytest.fixture(scope="session")
def standin_gold() -> dict:
    """Hand annotation of the stand-in pair (tests/data/standin_pair_gold.json)."""
    return json.loads((REPO / "tests" / "data" / "standin_pair_gold.json").read_text("utf-8"))


@pytest.fixture()
def standin_raw() -> pd.DataFrame:
    """The stand-in pair as a plain articles frame (wire, rewrite), without mediakit's loader."""
    return _plain_frame({d: (STANDIN_DIR / f"{d}.txt").read_text("utf-8") for d in SEED_FILES})


@pytest.fixture()
def four_articles_clean(seed_raw, standin_raw) -> pd.DataFrame:
    """Both pairs cleaned (wire, rewrite, standin_wire, standin_rewrite) and an empty article."""
    import warnings

    import mediakit as mk

    raw = pd.concat([seed_raw, standin_raw.rename(index=lambda d: f"standin_{d}")])
    empty = pd.DataFrame({"text": [""]}, index=pd.Index(["empty"], name="doc_id"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        return mk.clean_articles(pd.concat([raw, empty]))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip the test when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def pytest_configure(config: pytest.Config) -> None:
    # Tests never touch the network; make accidental NLTK downloads fail loudly.
    os.environ.setdefault("NLTK_DATA", str(REPO / "tests" / "no-nltk-data"))
