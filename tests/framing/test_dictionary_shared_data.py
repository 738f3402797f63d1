"""read_dictionary parses the real dictionary files in ../shared/data completely.

Expected counts are established independently of the readers: from the files'
own headers and SOURCE.txt, and by counting lines / XML nodes here.
"""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from mediakit._validation import MediakitWarning
from mediakit.framing import DictionaryFormatError, read_dictionary


@pytest.fixture(scope="module")
def dicts(shared_data: Path) -> Path:
    folder = shared_data / "dictionaries"
    if not folder.is_dir():
        pytest.skip("../shared/data/dictionaries is absent")
    return folder


def per_category(d) -> Counter:
    return Counter(e.category for e in d.entries)


def read_quietly(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no duplicate warnings expected
        return read_dictionary(path)


def liwc_counts(lines: list[str]) -> tuple[list[str], Counter, int]:
    """Count a LIWC file by hand: header names, ids per category, entry lines."""
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    names = {}
    for line in lines[marks[0] + 1 : marks[1]]:
        cid, name = line.split(None, 1)
        names[int(cid)] = name.strip()
    counts: Counter = Counter()
    n_lines = 0
    for line in lines[marks[1] + 1 :]:
        if not line.strip():
            continue
        n_lines += 1
        for cid in line.split("\t", 1)[1].split():
            counts[names[int(cid)]] += 1
    return list(names.values()), counts, n_lines


def test_moral_foundations_1(dicts):
    path = dicts / "moral_foundations" / "moral_foundations_dictionary.dic"
    names, counts, n_lines = liwc_counts(path.read_text().split("\n"))
    assert len(names) == 11 and n_lines == 324  # SOURCE.txt: 11 categories, 324 entries
    d = read_quietly(path)
    assert d.categories == tuple(names)
    assert per_category(d) == counts
    assert len(d.entries) == sum(counts.values()) == 359  # 324 lines, some under 2-3 ids
    assert counts["HarmVirtue"] == 16
    assert ("preserve", "glob") not in {(e.pattern, e.kind) for e in d.entries}
    assert {e.category for e in d.entries if e.pattern == "preserve"} == {
        "HarmVirtue",
        "AuthorityVirtue",
        "PurityVirtue",
    }


def test_moral_foundations_2_cr_only(dicts):
    path = dicts / "moral_foundations" / "mfd2.0.dic"
    raw = path.read_bytes().decode("ascii")
    assert "\n" not in raw  # CR-only line endings
    names, counts, n_lines = liwc_counts(raw.split("\r"))
    assert len(names) == 10 and n_lines == 2103  # SOURCE.txt: 10 categories, 2103 entries
    d = read_quietly(path)
    assert d.categories == tuple(names)
    assert per_category(d) == counts
    assert len(d.entries) == 2103
    multi = [e for e in d.entries if e.n_tokens > 1]
    assert len(multi) == sum(1 for line in raw.split("\r") if " " in line.split("\t")[0])
    assert ("civil", "rights") in {e.tokens for e in multi}


def test_lsd2015(dicts):
    path = dicts / "lexicoder" / "LSD2015.lc3"
    lines = path.read_text().splitlines()
    heads = [i for i, line in enumerate(lines) if line.startswith("+")]
    assert len(heads) == 2
    expected = {
        "negative": sum(1 for line in lines[heads[0] + 1 : heads[1]] if line.strip()),
        "positive": sum(1 for line in lines[heads[1] + 1 :] if line.strip()),
    }
    assert expected == {"negative": 2858, "positive": 1709}  # SOURCE.txt
    d = read_quietly(path)
    assert d.categories == ("negative", "positive")
    assert per_category(d) == expected
    assert len(d.entries) == 4567
    globs = sum(1 for line in lines if line.startswith(" ") and "*" in line)
    assert sum(e.kind == "glob" for e in d.entries) == globs
    assert sum(e.n_tokens > 1 for e in d.entries) == sum(
        1 for line in lines if line.startswith(" ") and " " in line.strip()
    )


def test_policy_agendas_lcd(dicts):
    path = dicts / "lexicoder" / "policy_agendas_english.lcd"
    root = ET.fromstring(path.read_bytes())
    cnodes = root.findall("cnode")
    assert len(cnodes) == 28 and len(root.findall(".//pnode")) == 1402  # SOURCE.txt
    assert not root.findall(".//cnode/cnode")  # flat in this file
    expected = {}
    dupes = set()
    for c in cnodes:
        # a pattern is identified by its padding (Lexicoder's anchors) and its words
        keys = [
            (p.get("name").startswith(" "), p.get("name").endswith(" "), p.get("name").split())
            for p in c.findall("pnode")
        ]
        unique = {(a, b, " ".join(w).casefold()) for a, b, w in keys}
        expected[c.get("name")] = len(unique)
        if len(unique) < len(keys):
            dupes.add(c.get("name"))
    with pytest.warns(MediakitWarning, match="duplicate patterns dropped") as record:
        d = read_dictionary(path)
    assert d.name == "policy_agendas"
    assert d.categories == tuple(c.get("name") for c in cnodes)
    assert dict(per_category(d)) == expected
    assert sum(expected.values()) == len(d.entries) == 1388  # 1402 pnodes, 14 repeated
    message = str(record[0].message)
    assert all(f"{name!r}:" in message for name in dupes)
    open_end = sum(1 for p in root.iter("pnode") if not p.get("name").endswith(" "))
    assert open_end == 1402 - 660
    pats = {e.pattern for e in d.entries}
    assert {"ECONOM*", "AGGREGATE DEMAND", "*NUTRITION*"} <= pats


def test_laver_garry_cat(dicts):
    path = dicts / "laver_garry" / "Laver_and_Garry_2000.cat"
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    weighted = [line for line in lines if re.search(r"\(\d+\)\s*$", line)]
    heads = [line for line in lines if not re.search(r"\(\d+\)\s*$", line)]
    assert len(weighted) == 418 and len(heads) == 26
    d = read_quietly(path)
    assert len(d.categories) == 26 and len(d.entries) == 418
    # patterns per top-level category, counted by hand from the indentation
    top: Counter = Counter()
    current = None
    for line in lines:
        if not line.startswith("\t"):
            current = line.strip()
        elif re.search(r"\(\d+\)\s*$", line):
            top[current] += 1
    got = Counter(e.category.split("/")[0] for e in d.entries)
    assert got == top
    assert d.patterns("CULTURE", descendants=False) == ("PEOPLE", "WAR IN IRAQ", "CIVIL WAR")
    assert "VALUES/CONSERVATIVE" in d and "INSTITUTIONS/CONSERVATIVE" in d


def test_emfd_scoring_is_not_a_category_dictionary(dicts):
    # eMFD: word x foundation probabilities (a weighted lexicon); the CSV reader
    # explains instead of guessing categories from the scores.
    path = dicts / "moral_foundations" / "emfd_scoring.csv"
    with pytest.raises(DictionaryFormatError, match=r"line 1: .*weighted lexicon"):
        read_dictionary(path)


def test_round_trip_real_files(dicts, tmp_path):
    for rel in (
        "moral_foundations/mfd2.0.dic",
        "lexicoder/LSD2015.lc3",
        "laver_garry/Laver_and_Garry_2000.cat",
    ):
        d = read_dictionary(dicts / rel)
        out = tmp_path / "x.yml"
        d.to_yaml(out)
        assert read_dictionary(out) == d
