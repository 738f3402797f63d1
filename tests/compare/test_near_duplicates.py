"""near_duplicates and story_clusters: hand counts, a brute-force reference, real duplicates.

Expected values are counted by hand below, or computed by an independent
implementation (Python sets of word n-gram tuples over every pair).
"""

from __future__ import annotations

import itertools
import math
import random
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import mediakit as mk
from mediakit._validation import MediakitWarning
from mediakit.compare.near_duplicates import NEAR_DUPLICATE_COLUMNS


def arts(*texts: str, **columns) -> pd.DataFrame:
    ids = [f"d{i}" for i in range(len(texts))]
    return pd.DataFrame({"text": list(texts), **columns}, index=pd.Index(ids, name="doc_id"))


A = "The cat sat on the mat today."
B = "The cat sat on the mat yesterday."
C = "Dogs bark loudly at night in winter."


def test_hand_counted_pair():
    # 3-grams of A: the cat sat | cat sat on | sat on the | on the mat | the mat today (5);
    # B has the first four and "the mat yesterday": 4 shared of 5 each
    pairs = mk.near_duplicates(arts(A, B, C), sample=1, threshold=0.5)
    assert list(pairs.columns) == list(NEAR_DUPLICATE_COLUMNS)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row.doc_id_a, row.doc_id_b, row.n_shared) == ("d0", "d1", 4)
    assert row.containment_a == pytest.approx(4 / 5) and row.containment_b == pytest.approx(4 / 5)
    assert row.jaccard == pytest.approx(4 / 6) and row.cosine == pytest.approx(4 / 5)
    assert row.similarity == pytest.approx(4 / 5)
    # A's 3-grams at word 0-3 are in B: they cover words 0-5, 6 of A's 7 words
    pairs3 = mk.near_duplicates(arts(A, B, C), sample=1, passage=3)
    assert pairs3.iloc[0].verbatim_share == pytest.approx(6 / 7)


def test_measures_and_threshold():
    long = A + " " + C + " Then it rained over the town for hours."
    pairs = mk.near_duplicates(arts(A, long), sample=1, threshold=0.9)
    # A's 5 3-grams are all in the long text: containment 1 for a, not a Jaccard match
    assert len(pairs) == 1 and pairs.iloc[0].containment_a == 1.0
    assert mk.near_duplicates(arts(A, long), sample=1, threshold=0.9, measure="jaccard").empty
    assert mk.near_duplicates(arts(A, B), sample=1, threshold=0.66, measure="jaccard").shape[0] == 1
    assert mk.near_duplicates(arts(A, B), sample=1, threshold=0.67, measure="jaccard").empty


def test_typography_and_case_do_not_matter():
    x = "North Korea’s troops — thousands of them — are “in Kursk”, officials said."
    y = 'north korea\'s troops - thousands of them - are "in kursk", officials said'
    pairs = mk.near_duplicates(arts(x, y), sample=1)
    assert len(pairs) == 1 and pairs.iloc[0].jaccard == 1.0


def test_short_texts_pair_on_their_whole_word_sequence():
    pairs = mk.near_duplicates(arts("Breaking news", "BREAKING NEWS!", "Other words"))
    assert pairs[["doc_id_a", "doc_id_b"]].values.tolist() == [["d0", "d1"]]


def test_empty_article_is_named_and_pairs_with_nothing():
    with pytest.warns(MediakitWarning, match=r"1 article\(s\) have no words.*'d1'"):
        pairs = mk.near_duplicates(arts(A, "", A))
    assert pairs[["doc_id_a", "doc_id_b"]].values.tolist() == [["d0", "d2"]]


def test_likely_source_by_date_agency_and_containment():
    long = A + " " + C
    # containment: the short text is inside the long one, so the long one is the source
    pairs = mk.near_duplicates(arts(A, long), sample=1)
    assert (pairs.iloc[0].likely_source, pairs.iloc[0].source_by) == ("d1", "containment")
    # a known agency wins over containment
    pairs = mk.near_duplicates(arts(A, long, outlet=["Reuters", "Daily Site"]), sample=1)
    assert (pairs.iloc[0].likely_source, pairs.iloc[0].source_by) == ("d0", "agency")
    # the earlier date wins over both
    dated = arts(A, long, outlet=["Reuters", "Daily Site"], date=["2024-11-08", "2024-11-07"])
    pairs = mk.near_duplicates(dated, sample=1)
    assert (pairs.iloc[0].likely_source, pairs.iloc[0].source_by) == ("d1", "date")


def test_bad_options_are_named():
    with pytest.raises(ValueError, match="`measure` = 'dice' is invalid"):
        mk.near_duplicates(arts(A, B), measure="dice")
    with pytest.raises(ValueError, match=r"`threshold` = 1\.5 is invalid"):
        mk.near_duplicates(arts(A, B), threshold=1.5)
    with pytest.raises(ValueError, match="`n` = 0 is invalid"):
        mk.near_duplicates(arts(A, B), n=0)


# ---------------------------------------------------------------------------
# an independent reference: every pair, Python sets of word tuples
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[0-9a-z\u0080-\u1fff\u2040-\U0010ffff]+")


def _grams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _brute(texts: list[str], n: int, threshold: float) -> dict[tuple[int, int], float]:
    sets = [_grams(t, n) for t in texts]
    out = {}
    for i, j in itertools.combinations(range(len(texts)), 2):
        inter = len(sets[i] & sets[j])
        if inter and max(inter / len(sets[i]), inter / len(sets[j])) >= threshold:
            out[(i, j)] = inter / len(sets[i] | sets[j])
    return out


def _corpus(seed: int, n_docs: int = 60) -> list[str]:
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(300)] + ["the", "of", "and", "Kyiv’s", "Nausėda"]
    docs = [" ".join(rng.choices(vocab, k=rng.randint(5, 80))) for _ in range(n_docs)]
    for _ in range(n_docs // 4):  # planted copies with some words changed
        src = rng.choice(docs).split()
        for k in rng.sample(range(len(src)), k=len(src) // 6):
            src[k] = rng.choice(vocab)
        docs.append(" ".join(src))
    return docs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_without_sampling_equals_every_pair_compared(seed):
    texts = _corpus(seed)
    expected = _brute(texts, 3, 0.3)
    pairs = mk.near_duplicates(arts(*texts), threshold=0.3, sample=1, min_shared=1, max_df=10_000)
    got = {
        (int(a[1:]), int(b[1:])): j
        for a, b, j in zip(pairs.doc_id_a, pairs.doc_id_b, pairs.jaccard, strict=True)
    }
    assert got.keys() == expected.keys()
    assert all(math.isclose(got[k], expected[k]) for k in expected)


@pytest.mark.parametrize("seed", [4, 5])
def test_sampled_index_finds_the_planted_copies(seed):
    texts = _corpus(seed, n_docs=200)
    expected = {k for k, j in _brute(texts, 3, 0.5).items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        pairs = mk.near_duplicates(arts(*texts), threshold=0.5)
    got = {(int(a[1:]), int(b[1:])) for a, b in zip(pairs.doc_id_a, pairs.doc_id_b, strict=True)}
    assert got <= expected  # verified exactly: never a false pair
    assert len(got) >= 0.97 * len(expected)  # the index may miss a few very short texts


# ---------------------------------------------------------------------------
# story clusters
# ---------------------------------------------------------------------------


def test_story_clusters_by_hand():
    articles = arts("a", "b", "c", "d", "e", date=[None, "2024-01-02", "2024-01-01", None, None])
    pairs = pd.DataFrame(
        {
            "doc_id_a": ["d0", "d1", "d3"],
            "doc_id_b": ["d1", "d2", "d4"],
            "likely_source": ["d1", "d2", "d4"],
        }
    )
    out = mk.story_clusters(pairs, articles)
    assert out.index.tolist() == articles.index.tolist()
    assert out["cluster_id"].tolist() == [0, 0, 0, 1, 1]
    assert out["cluster_size"].tolist() == [3, 3, 3, 2, 2]
    # d1 and d2 are each a source once; d2 has the earlier date
    assert out["representative"].tolist() == ["d2", "d2", "d2", "d4", "d4"]
    assert out["is_representative"].tolist() == [False, False, True, False, True]


def test_story_clusters_unknown_ids():
    pairs = pd.DataFrame({"doc_id_a": ["d0"], "doc_id_b": ["zz"], "likely_source": ["d0"]})
    with pytest.raises(ValueError, match=r"not in `articles`: \['zz'\]"):
        mk.story_clusters(pairs, arts("a", "b"))


def test_story_clusters_of_no_pairs():
    pairs = mk.near_duplicates(arts(A, C))
    out = mk.story_clusters(pairs, arts(A, C))
    assert out["cluster_id"].tolist() == [0, 1] and out["is_representative"].all()


# ---------------------------------------------------------------------------
# real duplicates: BBC News
# ---------------------------------------------------------------------------


@pytest.mark.shared_data
def test_bbc_duplicated_bodies_are_all_found(shared_data):
    files = sorted((shared_data / "bbc_news" / "articles").rglob("*.txt"))
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    ids = [f"{p.parent.name}/{p.stem}" for p in files]
    # ground truth without mediakit: articles whose bodies (after the title line) are equal
    bodies: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        bodies.setdefault(t.split("\n", 1)[-1].strip(), []).append(i)
    truth = {(ids[a], ids[b]) for g in bodies.values() for a, b in itertools.combinations(g, 2)}
    duplicated = sum(len(g) - 1 for g in bodies.values() if len(g) > 1)
    assert duplicated == 133  # the dataset's documented property
    articles = pd.DataFrame({"text": texts}, index=pd.Index(ids, name="doc_id"))
    pairs = mk.near_duplicates(articles, threshold=0.9, measure="jaccard")
    found = set(zip(pairs.doc_id_a, pairs.doc_id_b, strict=True))
    assert truth <= found
    clusters = mk.story_clusters(pairs, articles)
    assert (clusters["cluster_size"] > 1).sum() >= duplicated
    assert np.isfinite(pairs["verbatim_share"]).all()


@pytest.mark.shared_data
def test_reuters_refiled_duplicates_are_all_found(shared_data):
    from _common import reuters_bodies  # benchmarks/: the shared SGML reader

    stories = reuters_bodies(shared_data / "reuters21578" / "reuters21578.tar.gz")
    ids = [newid for newid, _ in stories]
    bodies = [body for _, body in stories]
    # ground truth without mediakit: equal bodies once whitespace is collapsed
    groups: dict[str, list[int]] = {}
    for i, body in enumerate(bodies):
        groups.setdefault(" ".join(body.split()), []).append(i)
    assert sum(len(g) - 1 for g in groups.values()) == 281  # the corpus's re-filed updates
    truth = {(ids[a], ids[b]) for g in groups.values() for a, b in itertools.combinations(g, 2)}
    articles = pd.DataFrame({"text": bodies}, index=pd.Index(ids, name="doc_id"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MediakitWarning)
        pairs = mk.near_duplicates(articles, threshold=0.9, measure="jaccard")
    assert truth <= set(zip(pairs.doc_id_a, pairs.doc_id_b, strict=True))


def test_progress_bars_go_to_stderr_and_can_be_silenced(capsys):
    mk.near_duplicates(arts(A, B, C), progress=True)
    shown = capsys.readouterr()
    assert "near_duplicates: index" in shown.err and shown.out == ""
    mk.near_duplicates(arts(A, B, C), progress=False)
    assert capsys.readouterr().err == ""
    with pytest.raises(ValueError, match="`progress` = 'yes' is invalid"):
        mk.near_duplicates(arts(A, B), progress="yes")


# ---------------------------------------------------------------------------
# bad input at scale
# ---------------------------------------------------------------------------


def test_a_corrupt_file_among_ten_thousand(tmp_path):
    rng = random.Random(7)
    vocab = [f"w{k}" for k in range(5000)]
    texts = [" ".join(rng.choices(vocab, k=60)) for _ in range(10_000)]
    for k in range(0, 100, 2):  # 50 planted copies: text k+1 repeats text k with two words changed
        words = texts[k].split()
        words[5], words[30] = "changed", "words"
        texts[k + 1] = " ".join(words)
    for k, text in enumerate(texts):
        (tmp_path / f"{k:05d}.txt").write_text(text, "utf-8")
    (tmp_path / "corrupt.txt").write_bytes(bytes(range(256)) * 100)
    with pytest.warns(MediakitWarning, match="could not read 1 file"):
        articles = mk.read_articles(tmp_path, errors="warn")
    assert len(articles) == 10_001
    with pytest.warns(MediakitWarning, match=r"have no words.*'corrupt'"):
        pairs = mk.near_duplicates(articles, threshold=0.8, progress=False)
    found = set(zip(pairs.doc_id_a, pairs.doc_id_b, strict=True))
    assert {(f"{k:05d}", f"{k + 1:05d}") for k in range(0, 100, 2)} <= found
    clusters = mk.story_clusters(pairs, articles)
    assert len(clusters) == 10_001  # rows in = rows out, the corrupt file included


def test_an_article_of_50_mb():
    rng = random.Random(8)
    vocab = [f"w{k}" for k in range(50_000)]
    big = " ".join(rng.choices(vocab, k=8_000_000))  # about 54 MB
    small = [" ".join(rng.choices(vocab, k=300)) for _ in range(200)]
    articles = arts(*small, big, big[:1_000_000])
    pairs = mk.near_duplicates(articles, progress=False)
    # the 1 MB prefix is inside the 54 MB article: contained, not the reverse
    assert pairs[["doc_id_a", "doc_id_b"]].values.tolist() == [["d200", "d201"]]
    row = pairs.iloc[0]
    assert row.containment_b > 0.999 and row.containment_a < 0.05
    assert row.likely_source == "d200"
