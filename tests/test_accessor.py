"""Tests for mediakit.accessor: ``df.mk`` forwards to the public functions and does nothing else."""

from __future__ import annotations

import doctest
import inspect
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import mediakit as mk
from mediakit.accessor import ARTICLES_METHODS, TABLE_METHODS, MediakitAccessor

METHODS = {**ARTICLES_METHODS, **TABLE_METHODS}

#: Public functions that are not methods, and why: their first argument is not a table.
NOT_FORWARDED = {
    "default_rules": "takes nothing",
    "list_dictionaries": "takes nothing",
    "load_sample_articles": "takes nothing",
    "dictionary_datasheet": "takes a dictionary's name",
    "load_dictionary": "takes a dictionary's name",
    "read_dictionary": "takes a path",
    "stopwords": "takes a language",
}


def public_functions() -> dict[str, object]:
    return {
        name: obj
        for name in mk.__all__
        if name != "plot"
        and callable(obj := getattr(mk, name))
        and not isinstance(obj, type)
        and not name.startswith("__")
    }


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    return mk.clean_articles(mk.load_sample_articles())


# ---------------------------------------------------------------------------
# which functions, under which names
# ---------------------------------------------------------------------------


def test_every_public_function_is_a_method_or_excluded_with_a_reason():
    functions = public_functions()
    forwarded = {f.__name__ for f in METHODS.values()}
    assert forwarded.isdisjoint(NOT_FORWARDED)
    assert forwarded | set(NOT_FORWARDED) == set(functions), "classify the new function"
    # every function that takes the articles first is a method on the articles
    takes_articles = {
        name
        for name, f in functions.items()
        if next(iter(inspect.signature(f).parameters), None) in {"articles", "articles_or_texts"}
    }
    assert takes_articles <= {f.__name__ for f in ARTICLES_METHODS.values()}
    for name in NOT_FORWARDED:
        first = next(iter(inspect.signature(functions[name]).parameters), None)
        assert first in {None, "name", "path", "language"}, name


def test_methods_are_the_public_functions_under_their_names():
    for name, func in METHODS.items():
        assert getattr(mk, func.__name__) is func
        # one rule: the *_articles functions drop the suffix, all others keep their name
        assert name == func.__name__.removesuffix("_articles")
    assert {n for n, f in METHODS.items() if n != f.__name__} == {"clean", "read", "iter", "map"}
    assert not set(ARTICLES_METHODS) & set(TABLE_METHODS)


def test_a_full_name_points_to_its_method(clean):
    with pytest.raises(AttributeError, match=r"so it is df\.mk\.clean\(\.\.\.\)"):
        clean.mk.clean_articles  # noqa: B018
    with pytest.raises(AttributeError, match=r"df\.mk has no method 'nonsense'"):
        clean.mk.nonsense  # noqa: B018
    assert not hasattr(clean.mk, "load_dictionary")


# ---------------------------------------------------------------------------
# signatures, docstrings, forwarding: for every method
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(METHODS))
def test_signature_is_the_function_without_its_first_parameter(name, clean):
    func = METHODS[name]
    full = inspect.signature(func)
    bound = inspect.signature(getattr(clean.mk, name))
    assert same(list(bound.parameters.values()), list(full.parameters.values())[1:])
    assert bound.return_annotation == full.return_annotation
    # on the class: `self` in place of the table
    unbound = inspect.signature(getattr(MediakitAccessor, name))
    assert next(iter(unbound.parameters)) == "self"
    assert same(list(unbound.parameters.values())[1:], list(full.parameters.values())[1:])


def same(these: list[inspect.Parameter], those: list[inspect.Parameter]) -> bool:
    """Parameters equal, a NaN default equal to itself (``fill=np.nan``)."""
    return len(these) == len(those) and all(
        (a.name, a.kind, a.annotation) == (b.name, b.kind, b.annotation)
        and (a.default is b.default or a.default == b.default)
        for a, b in zip(these, those, strict=True)
    )


@pytest.mark.parametrize("name", list(METHODS))
def test_docstring_is_the_function_docstring(name, clean):
    func = METHODS[name]
    method = getattr(clean.mk, name)
    assert method.__name__ == name
    assert method.__doc__.startswith(f"``df.mk.{name}(...)`` is ``mediakit.{func.__name__}(df,")
    assert method.__doc__.endswith(inspect.cleandoc(func.__doc__))
    assert method.__wrapped__ is func


@pytest.mark.parametrize("name", list(METHODS))
def test_method_passes_the_frame_and_arguments_and_returns_the_result(name, monkeypatch):
    calls = []
    result = object()

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return result

    monkeypatch.setattr(MediakitAccessor.__dict__[name], "func", spy)
    frame = pd.DataFrame({"text": ["x"]})
    assert getattr(frame.mk, name)(1, "two", key=3) is result
    ((args, kwargs),) = calls
    assert args[0] is frame  # the frame itself, not a copy
    assert args[1:] == (1, "two") and kwargs == {"key": 3}


def test_forwarded_examples_are_not_collected_again_as_doctests():
    import mediakit.accessor

    found = {t.name for t in doctest.DocTestFinder().find(mediakit.accessor) if t.examples}
    assert found == {"mediakit.accessor.MediakitAccessor"}


# ---------------------------------------------------------------------------
# real calls: the same as the functions
# ---------------------------------------------------------------------------


def test_articles_methods_equal_the_functions(clean):
    raw = mk.load_sample_articles()
    frames = mk.load_dictionary("generic_frames")
    pd.testing.assert_frame_equal(raw.mk.clean(), clean)
    pd.testing.assert_frame_equal(clean.mk.split_sentences(), mk.split_sentences(clean))
    pd.testing.assert_frame_equal(
        clean.mk.tokenize(lowercase=False), mk.tokenize(clean, lowercase=False)
    )
    pd.testing.assert_frame_equal(
        clean.mk.count_frames(frames, normalize="per_1000_tokens"),
        mk.count_frames(clean, frames, normalize="per_1000_tokens"),
    )
    pd.testing.assert_frame_equal(clean.mk.kwic("war*", window=3), mk.kwic(clean, "war*", window=3))
    pd.testing.assert_frame_equal(clean.mk.extract_quotes(), mk.extract_quotes(clean))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        pd.testing.assert_frame_equal(clean.mk.lexical_features(), mk.lexical_features(clean))
        pd.testing.assert_frame_equal(
            clean.mk.readability(counts=False), mk.readability(clean, counts=False)
        )
    report = clean.mk.compare_versions("wire", "rewrite")
    assert isinstance(report, mk.VersionComparison)
    pd.testing.assert_frame_equal(
        report.to_frame(), mk.compare_versions(clean, "wire", "rewrite").to_frame()
    )


def test_read_and_map_take_a_raw_table(clean):
    raw = pd.DataFrame({"body": ["One text here.", "Another one."], "id": ["a", "b"]})
    pd.testing.assert_frame_equal(
        raw.mk.read(text_col="body", id_col="id"),
        mk.read_articles(raw, text_col="body", id_col="id"),
    )
    out = clean.mk.map(mk.lexical_features, n_jobs=1, progress=False)
    pd.testing.assert_frame_equal(out, mk.map_articles(clean, mk.lexical_features, n_jobs=1,
                                                       progress=False))  # fmt: skip


def test_table_methods_chain_from_their_tables(clean):
    pairs = clean.mk.tfidf_similarity()
    pd.testing.assert_frame_equal(pairs.mk.to_matrix(), mk.to_matrix(pairs))
    dups = clean.mk.near_duplicates(threshold=0.2)
    pd.testing.assert_frame_equal(dups.mk.story_clusters(clean), mk.story_clusters(dups, clean))
    shift = clean.mk.frame_shift(mk.load_dictionary("reporting_verbs"), "wire", "rewrite")
    pd.testing.assert_frame_equal(shift.mk.frame_shift_summary(), mk.frame_shift_summary(shift))


def test_a_bad_call_gets_the_function_error(clean):
    with pytest.raises(ValueError, match="`normalize` = 'rate' is invalid"):
        clean.mk.count_frames(mk.load_dictionary("generic_frames"), normalize="rate")
    with pytest.raises(ValueError, match=r"needs column\(s\) \['text'\]"):
        pd.DataFrame({"body": ["x"]}).mk.split_sentences()
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        clean.mk.tokenize(nope=1)


# ---------------------------------------------------------------------------
# registration
# ---------------------------------------------------------------------------


def test_import_mediakit_registers_the_accessor_and_builds_methods_on_use():
    code = (
        "import pandas as pd, mediakit\n"
        "from mediakit.accessor import MediakitAccessor as A\n"
        "assert pd.DataFrame.mk is A\n"
        "built = [n for n, v in vars(A).items() if getattr(v, '_method', None) is not None]\n"
        "assert built == [], built\n"
        "pd.DataFrame({'text': ['x']}).mk.clean\n"
        "print([n for n, v in vars(A).items() if getattr(v, '_method', None) is not None])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['clean']"
