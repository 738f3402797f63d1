"""The steps that pause the garbage collector leave it as they found it."""

from __future__ import annotations

import gc

import pytest

import mediakit as mk
from mediakit._gc import paused, pausing


@pytest.fixture
def articles():
    return mk.load_sample_articles()


def test_pausing_steps_restore_the_collector(articles):
    assert gc.isenabled()
    seen = []

    @pausing
    def step():
        seen.append(gc.isenabled())
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        step()
    assert seen == [False] and gc.isenabled()  # off inside, on again after an error
    for func in (mk.clean_articles, mk.split_sentences, mk.tokenize):
        func(articles, progress=False)
        assert gc.isenabled(), func.__name__
    mk.document_features(articles, measures="lexical", progress=False)
    assert gc.isenabled()


def test_a_caller_who_disabled_the_collector_keeps_it_disabled(articles):
    gc.disable()
    try:
        with paused():
            pass
        mk.tokenize(articles, progress=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pausing_keeps_the_signature_and_docstring():
    import inspect

    assert "Split each article into word tokens" in mk.tokenize.__doc__
    assert "lowercase" in inspect.signature(mk.tokenize).parameters
