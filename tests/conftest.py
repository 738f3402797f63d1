"""Shared fixtures: the seed pair, its hand annotation, and the shared corpora."""

from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "seed-pair"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    """Hand annotation of the seed pair (tests/data/seed_pair_gold.json)."""
    return json.loads((REPO / "tests" / "data" / "seed_pair_gold.json").read_text("utf-8"))


@pytest.fixture()
def seed_raw() -> pd.DataFrame:
    """The seed pair as a plain articles frame, read without mediakit's loader."""
    texts = {d: (SEED_DIR / f"{d}.txt").read_text("utf-8") for d in ("wire", "rewrite")}
    return pd.DataFrame({"text": list(texts.values())}, index=pd.Index(list(texts), name="doc_id"))


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
