"""Dictionary and read_dictionary on hand-written fixtures (no shared data needed)."""

from __future__ import annotations

import dataclasses
import re
import warnings
from importlib.resources import files
from pathlib import Path

import pytest

from mediakit._validation import MediakitWarning
from mediakit.framing import (
    Dictionary,
    DictionaryFormatError,
    Entry,
    parse_pattern,
    read_dictionary,
)

FIXTURES = Path(str(files("mediakit") / "data" / "dictionaries"))


def rows(d: Dictionary) -> list[tuple[str, str, str]]:
    return [(e.category, e.pattern, e.kind) for e in d.entries]


# ------------------------------------------------------------------ construction
def test_from_dict_nested_kinds_and_metadata():
    d = Dictionary.from_dict(
        {
            "conflict": {"military": ["troop*", "air strike"], "threat": ["threat?"]},
            "economy": ["re:^econom(y|ic)$", "fixed:a*b", "peace   deal"],
        },
        name="demo",
        source="Doe (2024)",
    )
    assert d.categories == (
        "conflict",
        "conflict/military",
        "conflict/threat",
        "economy",
    )
    assert rows(d) == [
        ("conflict/military", "troop*", "glob"),
        ("conflict/military", "air strike", "fixed"),
        ("conflict/threat", "threat?", "glob"),
        ("economy", "^econom(y|ic)$", "regex"),
        ("economy", "a*b", "fixed"),
        ("economy", "peace deal", "fixed"),
    ]
    assert d.entries[1].tokens == ("air", "strike")
    assert d.entries[3].tokens == ("^econom(y|ic)$",)
    assert d.patterns("conflict") == ("troop*", "air strike", "threat?")
    assert d.patterns("conflict", descendants=False) == ()
    assert len(d) == 4 and list(d) == list(d.categories) and "economy" in d
    assert d.name == "demo" and d.source == "Doe (2024)" and d.metadata["format"] is None
    assert not d.case_sensitive and not d.entries[0].case_sensitive
    assert repr(d) == "Dictionary(name='demo', 4 categories, 6 patterns, case_sensitive=False)"
    frame = d.to_frame()
    assert list(frame.columns) == ["category", "pattern", "kind"]
    assert frame["kind"].tolist() == ["glob", "fixed", "glob", "regex", "fixed", "fixed"]


def test_parse_pattern():
    assert parse_pattern("threat*") == ("glob", "threat*")
    assert parse_pattern("?ax") == ("glob", "?ax")
    assert parse_pattern("re:a|b") == ("regex", "a|b")
    assert parse_pattern("fixed:what?") == ("fixed", "what?")
    assert parse_pattern(" rules-based  order ") == ("fixed", "rules-based order")


def test_unknown_category_is_keyerror():
    d = Dictionary.from_dict({"a": ["x"]})
    with pytest.raises(KeyError, match="no category 'b'"):
        d.patterns("b")


def test_immutable():
    d = Dictionary.from_dict({"a": ["x"]})
    with pytest.raises(AttributeError, match="immutable"):
        d.name = "other"
    with pytest.raises(AttributeError, match="immutable"):
        d._entries = ()
    with pytest.raises(TypeError):
        d.metadata["name"] = "other"  # read-only mapping view
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.entries[0].pattern = "y"
    assert isinstance(d.entries, tuple) and isinstance(d.categories, tuple)


def test_empty_category_error_names_it():
    with pytest.raises(ValueError, match=r"empty categories \(no patterns\): \['b', 'c', 'c/d'\]"):
        Dictionary.from_dict({"a": ["x"], "b": [], "c": {"d": None}})
    with pytest.raises(ValueError, match="at least one category"):
        Dictionary([])
    with pytest.raises(ValueError, match="empty pattern"):
        Dictionary.from_dict({"a": ["  "]})
    with pytest.raises(ValueError, match="empty name part"):
        Dictionary.from_dict({"a//b": ["x"]})


def test_parent_with_only_children_is_not_empty():
    d = Dictionary.from_dict({"a": {"b": ["x"]}})
    assert d.categories == ("a", "a/b") and d.patterns("a") == ("x",)


def test_bad_regex_names_category_and_pattern():
    with pytest.raises(ValueError, match=r"category 'war': regex '\(unclosed' does not compile"):
        Dictionary.from_dict({"war": ["re:(unclosed"]})


def test_duplicates_warned_and_dropped():
    with pytest.warns(MediakitWarning, match=r"'a': \['War', 'war\*'\]"):
        d = Dictionary.from_dict({"a": ["war", "War", "war*", "war*"], "b": ["war"]})
    assert rows(d) == [("a", "war", "fixed"), ("a", "war*", "glob"), ("b", "war", "fixed")]
    # case-sensitive dictionaries keep differently cased patterns
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = Dictionary.from_dict({"a": ["war", "War"]}, case_sensitive=True)
    assert d.patterns("a") == ("war", "War") and d.entries[1].case_sensitive


def test_equality_and_hash():
    a = Dictionary.from_dict({"a": ["x", "y*"]})
    b = Dictionary([("a", "x"), ("a", "y*", "glob")])
    assert a == b and hash(a) == hash(b)
    assert a != Dictionary.from_dict({"a": ["x"]})


def test_explicit_kind_checked():
    with pytest.raises(ValueError, match="`kind` = 'wildcard' is invalid"):
        Dictionary([("a", "x", "wildcard")])


# ------------------------------------------------------------------ compiled form
def test_compile_matches_by_kind_and_case():
    d = Dictionary.from_dict(
        {
            "peace": ["peace deal", "peace*", "re:^truce(s)?$"],
            "war": ["w?r", "*strike*", "fixed:a*b", "air strike"],
        }
    )
    c = d.compile()
    assert c is d.compile()  # compiled once

    def m(token, pos=0):
        return sorted(
            (c.entries[i].category, c.entries[i].pattern) for i in c.match_token(token, pos)
        )

    assert m("PEACEFUL") == [("peace", "peace*")]
    assert m("Truces") == [("peace", "^truce(s)?$")]
    assert m("truced") == []
    assert m("war") == [("war", "w?r")]
    assert m("wr") == []
    assert m("airstrikes") == [("war", "*strike*")]
    # a fixed "a*b" is split as the tokenizer splits text: a, *, b (never a glob)
    assert [(e.pattern, n) for e, n in c.match_at(["a", "*", "b"], 0)] == [("a*b", 3)]
    assert m("axb") == [] and c.match_at(["a", "x", "b"], 0) == []
    assert m("deal", 1) == [("peace", "peace deal")]
    assert m("strike", 1) == [("war", "air strike")]
    found = c.match_at(["Air", "strike", "ends", "peace", "deal"], 0)
    assert [(e.pattern, n) for e, n in found] == [("air strike", 2)]
    found = c.match_at(["peace", "deal"], 0)
    assert [(e.pattern, n) for e, n in found] == [("peace deal", 2), ("peace*", 1)]
    assert [(e.pattern, n) for e, n in c.match_at(["peace"], 0)] == [("peace*", 1)]
    assert c.category_regex["peace"].fullmatch("Peacemaker")
    assert not c.category_regex["peace"].fullmatch("war")


def test_compile_case_sensitive():
    c = Dictionary.from_dict({"a": ["NATO", "Brex*"]}, case_sensitive=True).compile()
    assert c.match_token("NATO") and not c.match_token("nato")
    assert c.match_token("Brexit") and not c.match_token("brexit")


def test_entry_is_public_dataclass():
    e = Entry("a", "x y", "fixed", ("x", "y"))
    assert e.n_tokens == 2 and not e.case_sensitive


# ------------------------------------------------------------------ readers: fixtures
def test_read_liwc_fixture():
    d = read_dictionary(FIXTURES / "example.dic")
    assert d.metadata["format"] == "liwc" and d.name == "example"
    assert rows(d) == [
        ("conflict", "war", "fixed"),
        ("conflict", "threat*", "glob"),
        ("conflict", "peace deal", "fixed"),
        ("economy", "market*", "glob"),
        ("conflict", "trade war", "fixed"),
        ("economy", "trade war", "fixed"),
    ]


@pytest.mark.parametrize("eol", ["\r", "\r\n", "\n"])
def test_read_liwc_line_endings_and_spaces(tmp_path, eol):
    lines = ["%", "01   care", "02\tharm", "%", "safe*\t\t01", "benefit*        \t01 02", "kill 02"]
    path = tmp_path / "x.dic"
    path.write_bytes(eol.join(lines).encode())
    d = read_dictionary(path)
    assert rows(d) == [
        ("care", "safe*", "glob"),
        ("care", "benefit*", "glob"),
        ("harm", "benefit*", "glob"),
        ("harm", "kill", "fixed"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("care\t1\n", 1, "expected '%' to open the category header"),
        ("%\n1 care\nbad header line\n%\n", 3, "expected 'id<TAB>category'"),
        ("%\n1 care\n%\nsafe\t7\n", 4, "category id 7 is not defined"),
        ("%\n1 care\n%\nsafe\n", 4, "expected 'pattern<TAB>id"),
        ("%\n1 care\n%\nlike\t(02 134)125/464\n", 4, "conditional entries"),
        ("%\n1 care\nsafe\t1\n", 3, "expected 'id<TAB>category'"),
        ("%\n1 care\n1 harm\n%\n", 3, "defined twice"),
    ],
)
def test_read_liwc_malformed(tmp_path, text, line, expected):
    path = tmp_path / "bad.dic"
    path.write_text(text)
    with pytest.raises(
        DictionaryFormatError, match=rf"bad\.dic, line {line}: .*{re.escape(expected)}"
    ):
        read_dictionary(path)


def test_read_yaml_fixture_and_mixed_layout(tmp_path):
    d = read_dictionary(FIXTURES / "example.yml")
    assert d.name == "example" and d.source == "written by hand for mediakit's tests"
    assert rows(d) == [
        ("conflict/military", "troop*", "glob"),
        ("conflict/military", "air strike", "fixed"),
        ("conflict/diplomacy", "peace deal", "fixed"),
        ("conflict/diplomacy", "^negotiat(e|ed|ion|ions)$", "regex"),
        ("economy", "market*", "glob"),
        ("economy", "?ax", "glob"),
    ]
    path = tmp_path / "mixed.yaml"
    path.write_text("a:\n  - x\n  - 1984\n  - yes\n  - b:\n    - y\nc: z\n")
    assert rows(read_dictionary(path)) == [
        ("a", "x", "fixed"),
        ("a", "1984", "fixed"),
        ("a", "yes", "fixed"),
        ("a/b", "y", "fixed"),
        ("c", "z", "fixed"),
    ]


def test_read_yaml_malformed(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("a:\n  - x\n  - [y\nb: z\n")
    with pytest.raises(DictionaryFormatError, match=r"bad\.yml, line \d: invalid YAML"):
        read_dictionary(path)
    path.write_text("- just\n- a list\n")
    with pytest.raises(DictionaryFormatError, match="line 1: expected a mapping"):
        read_dictionary(path)
    path.write_text("a: []\nb: [x]\n")
    with pytest.raises(ValueError, match=r"bad\.yml: empty categories \(no patterns\): \['a'\]"):
        read_dictionary(path)


def test_read_wordstat_fixture():
    d = read_dictionary(FIXTURES / "example.cat")
    assert d.categories == ("CONFLICT", "CONFLICT/MILITARY", "ECONOMY")
    assert rows(d) == [
        ("CONFLICT/MILITARY", "TROOP*", "glob"),
        ("CONFLICT/MILITARY", "AIR STRIKE", "fixed"),
        ("CONFLICT", "WAR", "fixed"),
        ("ECONOMY", "MARKET*", "glob"),
        ("ECONOMY", "TAX", "fixed"),
    ]
    assert d.patterns("CONFLICT") == ("TROOP*", "AIR STRIKE", "WAR")


def test_read_wordstat_unweighted_patterns(tmp_path):
    path = tmp_path / "x.cat"
    path.write_text("A\n\tB\n\t\tfoo\n\tbar\n")
    assert rows(read_dictionary(path)) == [("A/B", "foo", "fixed"), ("A", "bar", "fixed")]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("A\n\t\t\tX (1)\n", 2, "indented 3 tab(s)"),
        ("X (1)\n", 1, "expected a category line before the pattern"),
        ("A\n  X (1)\n", 2, "expected tab indentation"),
        ("A\n\tX (1)\n\t\tY (1)\n", 2, "expected a category line (without"),
    ],
)
def test_read_wordstat_malformed(tmp_path, text, line, expected):
    path = tmp_path / "bad.cat"
    path.write_text(text)
    with pytest.raises(
        DictionaryFormatError, match=rf"bad\.cat, line {line}: .*{re.escape(expected)}"
    ):
        read_dictionary(path)


def test_read_lc3_fixture_and_errors(tmp_path):
    d = read_dictionary(FIXTURES / "example.lc3")
    assert rows(d) == [
        ("negative", "a lie", "fixed"),
        ("negative", "threat*", "glob"),
        ("positive", "peace*", "glob"),
        ("positive", "good", "fixed"),
    ]
    path = tmp_path / "bad.lc3"
    path.write_text(" orphan\n")
    with pytest.raises(
        DictionaryFormatError, match=r"bad\.lc3, line 1: expected a '\+category' line"
    ):
        read_dictionary(path)
    path.write_text("+neg#FF0000\n ok\nnot indented\n")
    with pytest.raises(DictionaryFormatError, match=r"line 3: expected a '\+category#COLOUR'"):
        read_dictionary(path)
    path.write_text("+#FF0000\n ok\n")
    with pytest.raises(DictionaryFormatError, match=r"line 1: expected a category name"):
        read_dictionary(path)


def test_read_lcd_fixture_and_errors(tmp_path):
    d = read_dictionary(FIXTURES / "example.lcd")
    assert d.name == "example_topics" and d.metadata["format"] == "lcd"
    assert rows(d) == [
        ("economy", "ECONOM*", "glob"),
        ("economy", "BUDGET CUT", "fixed"),
        ("economy/trade", "TARIFF*", "glob"),
        ("health", "*NUTRITION*", "glob"),
        ("health", "HOSPITAL", "fixed"),
    ]
    path = tmp_path / "bad.lcd"
    path.write_text('<dictionary>\n<cnode name="a">\n<pnode name=" X "/>\n</dictionary>\n')
    with pytest.raises(
        DictionaryFormatError, match=r"bad\.lcd, line 4: invalid XML \(mismatched tag\)"
    ):
        read_dictionary(path)
    path.write_text('<dictionary>\n<cnode name="a">\n<pnode/>\n</cnode>\n</dictionary>\n')
    with pytest.raises(DictionaryFormatError, match=r"line 3: expected a non-empty name"):
        read_dictionary(path)
    path.write_text('<dictionary>\n<pnode name=" X "/>\n</dictionary>\n')
    with pytest.raises(DictionaryFormatError, match=r"line 2: expected <pnode> inside a <cnode>"):
        read_dictionary(path)
    path.write_text("<words>\n</words>\n")
    with pytest.raises(DictionaryFormatError, match=r"line 1: expected a <dictionary> root"):
        read_dictionary(path)


def test_read_csv_fixture_and_errors(tmp_path):
    d = read_dictionary(FIXTURES / "example.csv")
    assert rows(d) == [
        ("conflict", "war", "fixed"),
        ("conflict", "threat*", "glob"),
        ("conflict", "^attack(s|ed)?$", "regex"),
        ("conflict/military", "troop*", "glob"),
        ("economy", "a*b", "fixed"),
    ]
    path = tmp_path / "bad.csv"
    path.write_text("category,pattern\na,x\nb\n")
    with pytest.raises(DictionaryFormatError, match=r"bad\.csv, line 3: expected 2 fields, got 1"):
        read_dictionary(path)
    path.write_text("category,pattern,kind\na,x,wild\n")
    with pytest.raises(DictionaryFormatError, match=r"line 2: expected kind 'glob'"):
        read_dictionary(path)
    path.write_text("word,care_p,fairness_p\nx,0.1,0.2\n")
    with pytest.raises(DictionaryFormatError, match=r"line 1: expected columns .*weighted lexicon"):
        read_dictionary(path)
    path.write_text("category,pattern\na,re:(\n")
    with pytest.raises(ValueError, match=r"bad\.csv: category 'a': regex '\(' does not compile"):
        read_dictionary(path)


def test_read_dictionary_format_and_encoding(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("+neg\n bad\n")
    with pytest.raises(ValueError, match=r"cannot tell the dictionary format of 'words\.txt'"):
        read_dictionary(path)
    assert rows(read_dictionary(path, format="lc3")) == [("neg", "bad", "fixed")]
    with pytest.raises(ValueError, match="`format` = 'docx' is invalid"):
        read_dictionary(path, format="docx")
    latin = tmp_path / "latin.lc3"
    latin.write_bytes("+neg\n mauvais\n caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"cannot decode as UTF-8.*encoding="):
        read_dictionary(latin)
    assert read_dictionary(latin, encoding="latin-1").patterns("neg") == ("mauvais", "café")


# ------------------------------------------------------------------ YAML round trip
@pytest.mark.parametrize(
    "name",
    ["example.dic", "example.yml", "example.cat", "example.lc3", "example.lcd", "example.csv"],
)
def test_yaml_round_trip(tmp_path, name):
    d = read_dictionary(FIXTURES / name)
    out = tmp_path / "out.yml"
    text = d.to_yaml(out)
    assert out.read_text("utf-8") == text
    back = read_dictionary(out)
    assert back == d
    assert back.categories == d.categories

    def own(x):
        return {
            c: [(e.pattern, e.kind) for e in x.entries if e.category == c] for c in x.categories
        }

    assert own(back) == own(d)
    assert back.name == d.name


def test_yaml_round_trip_tricky(tmp_path):
    d = Dictionary.from_dict(
        {
            'quote "x"': ["it's", "re:^a: b$", "fixed:what?", "yes", "#tag"],
            "parent": ["own", {"child": ["c*"]}],
        },
        name="tricky",
        case_sensitive=True,
    )
    text = d.to_yaml()
    assert text.startswith("# name: tricky\n")
    path = tmp_path / "t.yaml"
    path.write_text(text)
    back = read_dictionary(path)
    assert back == d and back.case_sensitive
    assert back.categories == ('quote "x"', "parent", "parent/child")


def test_yaml_layout_is_quantedas():
    text = Dictionary.from_dict({"a": {"b": ["x", "y*"]}, "c": ["z"]}).to_yaml()
    assert text == '"a":\n  "b":\n    - "x"\n    - "y*"\n"c":\n  - "z"\n'


def test_dictionary_pickles_for_worker_processes():
    import pickle

    from mediakit import load_dictionary

    d = load_dictionary("reporting_verbs")
    back = pickle.loads(pickle.dumps(d))
    assert back == d and back.name == d.name and back.categories == d.categories
    with pytest.raises(AttributeError, match="immutable"):
        back.name = "other"


def test_match_token_equals_trying_every_entry_alone():
    """The compiled matcher (hash tables, prefix tables, one screening alternation per
    position) finds exactly the entries that match when each is tried on its own with
    ``re``/``fnmatch``, including expressions that cannot be joined in one alternation
    (backreferences, a global inline flag, a group name used twice) and glob tokens after
    the first position."""
    import fnmatch

    from mediakit import load_sample_articles, tokenize
    from mediakit.framing._dictionary import normalise_token

    d = Dictionary.from_dict(
        {
            "a": ["re:^(\\w)\\1\\w*$", "re:(?i)^kyiv$", "re:(?P<x>war)s?", "re:(?P<x>peace)"],
            "b": ["re:^\\d+(\\.\\d+)?$", "u?krain*", "*ion", "said", "fixed:U.S.", "air str?ke*"],
            "c": ["zel*", "re:^russia(n|ns)?$", "the re:^(?!war)\\w+$"],
        }
    )
    c = d.compile()
    vocab = set(tokenize(load_sample_articles())["token"]) | {"KYIV", "Kyiv", "aardvark", "3.5"}

    def alone(token: str, position: int) -> set[int]:
        key = normalise_token(token)
        out = set()
        for i, e in enumerate(c.entries):
            if position >= len(e.tokens):
                continue
            pat = e.tokens[position]
            if e.kind == "regex":
                hit = re.fullmatch(pat, key, re.IGNORECASE)
            elif e.kind == "fixed" or not any(ch in pat for ch in "*?"):
                hit = key == normalise_token(pat)
            else:
                hit = fnmatch.fnmatchcase(key, normalise_token(pat).replace("[", "[[]"))
            if hit:
                out.add(i)
        return out

    # the screens: some positions join their expressions, the unsafe ones are tried alone
    screens = {pos: screen for pos, (screen, _) in c._other_at.items()}
    assert screens[0] is None  # backreference, inline flag, repeated group name
    checked = 0
    for token in sorted(vocab):
        for position in (0, 1):
            assert set(c.match_token(token, position)) == alone(token, position), token
            checked += 1
    assert checked > 800 and screens[1] is not None  # position 1: a glob and a regex, joined
    # a category screen never rejects a token its entries match, even unjoinable ones
    assert c.category_regex["a"].fullmatch("kyiv") and c.category_regex["a"].fullmatch("aab")
    assert c.category_regex["b"].fullmatch("said") and not c.category_regex["b"].fullmatch("x")
    safe = Dictionary.from_dict({"x": ["re:^russia(n|ns)?$", "re:^\\d+$", "*ion", "fixed:*"]})
    screen, _ = safe.compile()._other_at[0]
    assert screen is not None and screen.fullmatch("russians") and not screen.fullmatch("russ")
