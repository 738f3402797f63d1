"""Fixtures of the report tests: the seed pair's report, made once."""

from __future__ import annotations

import pandas as pd
import pytest
from _report_data import quiet
from _report_html import Page, parse

import mediakit as mk


@pytest.fixture(scope="module")
def seed_clean() -> pd.DataFrame:
    return quiet(mk.clean_articles, mk.load_sample_articles())


@pytest.fixture(scope="module")
def seed_html() -> str:
    return quiet(mk.pair_report, mk.load_sample_articles(), "wire", "rewrite")


@pytest.fixture(scope="module")
def seed_page(seed_html) -> Page:
    return parse(seed_html)
