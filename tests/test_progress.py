"""Progress bars: on when asked, off when not, after a delay when left to mediakit."""

from __future__ import annotations

import warnings

import pytest

import mediakit as mk
from mediakit import _progress

CALLS = {
    "clean_articles": lambda a, **kw: mk.clean_articles(a, **kw),
    "extract_quotes": lambda a, **kw: mk.extract_quotes(a, **kw),
    "tfidf_similarity": lambda a, **kw: mk.tfidf_similarity(a, **kw),
    "sentiment": lambda a, **kw: mk.sentiment(a, **kw),
    "split_sentences": lambda a, **kw: mk.split_sentences(a, **kw),
    "tokenize": lambda a, **kw: mk.tokenize(a, **kw),
    "lexical_features": lambda a, **kw: mk.lexical_features(a, **kw),
    "readability": lambda a, **kw: mk.readability(a, **kw),
    "count_frames": lambda a, **kw: mk.count_frames(a, {"war": ["war"]}, **kw),
    "document_features": lambda a, **kw: mk.document_features(a, **kw),
    "map_articles": lambda a, **kw: mk.map_articles(a, mk.lexical_features, n_jobs=1, **kw),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_progress_true_draws_a_bar_false_none(name, seed_raw, capsys):
    clean = mk.clean_articles(seed_raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        CALLS[name](clean, progress=False)
        assert capsys.readouterr().err == ""
        CALLS[name](clean, progress=True)
    err = capsys.readouterr().err
    assert "it/s" in err or "s/it" in err or "100%" in err, err
    with pytest.raises(ValueError, match=r"`progress` = 'on' is invalid"):
        CALLS[name](clean, progress="on")


def test_read_articles_shows_a_bar_over_files(repo_root, capsys):
    mk.read_articles(repo_root / "data" / "seed-pair", progress=True)
    assert "read_articles" in capsys.readouterr().err
    with pytest.raises(ValueError, match=r"`progress` = 1 is invalid"):
        mk.read_articles(repo_root / "data" / "seed-pair", progress=1)


def test_auto_waits_before_showing(monkeypatch, capsys):
    monkeypatch.setattr(_progress.sys.stderr, "isatty", lambda: True, raising=False)
    list(_progress.bar(range(3), total=3, desc="quick", progress=None))
    assert capsys.readouterr().err == ""  # done before the delay: nothing printed
    assert _progress.AUTO_DELAY >= 1


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_map_articles_silences_the_bars_of_the_chunks(n_jobs, seed_raw, capfd):
    """Inside map_articles, the function's own bars stay silent even when asked for (in a
    forked Jupyter kernel they would send widget messages from the fork); the bar over the
    chunks is the one shown, and the main process shows bars again afterwards."""

    def tokens_with_a_bar(articles):
        toks = mk.tokenize(articles, progress=True)
        return toks.groupby("doc_id").size().rename("n").to_frame()

    out = mk.map_articles(seed_raw, tokens_with_a_bar, chunksize=1, n_jobs=n_jobs, progress=False)
    assert out["n"].gt(0).all()
    assert "tokenize" not in capfd.readouterr().err
    assert not _progress._SILENT
    mk.tokenize(seed_raw, progress=True)
    assert "tokenize" in capfd.readouterr().err
