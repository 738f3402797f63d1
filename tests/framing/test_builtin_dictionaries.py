"""The built-in dictionaries: loading, datasheets, and what they match.

Expected hits are written by hand from the sentences; they are never read off
the dictionaries' own output.
"""

from __future__ import annotations

import re
import warnings
from importlib import resources

import pandas as pd
import pytest

from mediakit.datasets import (
    BUILTIN_DICTIONARIES,
    dictionary_datasheet,
    list_dictionaries,
    load_dictionary,
)
from mediakit.framing import Dictionary, frame_hits, read_dictionary
from mediakit.segment import tokenize

CATEGORIES = {
    "generic_frames": [
        "conflict",
        "human_interest",
        "economic_consequences",
        "morality",
        "responsibility",
    ],
    "policy_frames": [
        "economic",
        "capacity_and_resources",
        "morality",
        "fairness_and_equality",
        "legality_constitutionality_jurisprudence",
        "policy_prescription_and_evaluation",
        "crime_and_punishment",
        "security_and_defense",
        "health_and_safety",
        "quality_of_life",
        "cultural_identity",
        "public_opinion",
        "political",
        "external_regulation_and_reputation",
    ],
    "reporting_verbs": [
        "neutral",
        "loaded",
        "loaded/doubt",
        "loaded/concession",
        "loaded/insistence",
        "loaded/denial",
        "loaded/factive",
        "loaded/other",
    ],
    "hedges_boosters": ["hedge", "booster"],
}

# The sizes the brief asks for (patterns per category, sub-categories included).
RANGES = {
    "generic_frames": {c: (40, 90) for c in CATEGORIES["generic_frames"]},
    "policy_frames": {c: (25, 60) for c in CATEGORIES["policy_frames"]},
    "reporting_verbs": {
        "neutral": (20, 40),
        "loaded": (40, 100),
        **{c: (5, 30) for c in CATEGORIES["reporting_verbs"][2:]},
    },
    "hedges_boosters": {"hedge": (30, 60), "booster": (30, 60)},
}

TABLE_ROW = re.compile(r"^\|\s*(`[\w/]+`|total)\s*\|\s*(\d+)\s*\|", re.MULTILINE)


def _datasheet_counts(name: str) -> dict[str, int]:
    return {m[1].strip("`"): int(m[2]) for m in TABLE_ROW.finditer(dictionary_datasheet(name))}


def hits(dictionary: Dictionary, text: str) -> dict[str, list[str]]:
    """Category -> matched phrases (norm tokens joined), as frame_hits finds them.

    Only the categories that hold patterns themselves (a parent such as
    ``loaded`` repeats its sub-categories' hits and is left out).
    """
    articles = pd.DataFrame({"text": [text]}, index=pd.Index(["d"], name="doc_id"))
    norms = tokenize(articles)["norm"].tolist()
    own = {e.category for e in dictionary.entries}
    found: dict[str, list[str]] = {}
    for row in frame_hits(articles, dictionary).itertuples():
        if row.category in own:
            phrase = " ".join(norms[row.token_id : row.token_id + row.n_tokens])
            found.setdefault(row.category, []).append(phrase)
    return found


# ----------------------------------------------------------------- loading


@pytest.mark.parametrize("name", list(CATEGORIES))
def test_loads_with_exact_categories_and_no_warning(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a duplicate pattern would warn
        d = load_dictionary(name)
    assert isinstance(d, Dictionary)
    assert list(d.categories) == CATEGORIES[name]
    assert d.name == name
    assert d.case_sensitive is False


def test_builtin_names_are_the_four():
    assert BUILTIN_DICTIONARIES == (
        "generic_frames",
        "policy_frames",
        "reporting_verbs",
        "hedges_boosters",
    )


@pytest.mark.parametrize("name", list(CATEGORIES))
def test_patterns_per_category_within_promised_range(name):
    d = load_dictionary(name)
    for category, (low, high) in RANGES[name].items():
        n = len(d.patterns(category))
        assert low <= n <= high, f"{name}/{category}: {n} patterns, promised {low}-{high}"


def test_sources_cite_the_codebooks():
    assert "Semetko & Valkenburg (2000)" in load_dictionary("generic_frames").source
    assert "Boydstun" in load_dictionary("policy_frames").source
    assert "Bell (1991)" in load_dictionary("reporting_verbs").source
    assert "Hyland" in load_dictionary("hedges_boosters").source


def test_policy_frames_leave_out_the_residual_other():
    d = load_dictionary("policy_frames")
    assert "other" not in d.categories
    sheet = dictionary_datasheet("policy_frames")
    assert "15th dimension" in sheet and "residual" in sheet


def test_unknown_name_lists_the_available_ones():
    for func in (load_dictionary, dictionary_datasheet):
        with pytest.raises(ValueError) as err:
            func("frames")
        message = str(err.value)
        assert "'frames'" in message
        for name in CATEGORIES:
            assert repr(name) in message
        assert "list_dictionaries()" in message


def test_the_files_are_package_data():
    folder = resources.files("mediakit") / "data/dictionaries/builtin"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith((".yml", ".md")))
    assert names == sorted([f"{n}.yml" for n in CATEGORIES] + [f"{n}.md" for n in CATEGORIES])
    for name in CATEGORIES:
        with resources.as_file(folder / f"{name}.yml") as path:
            assert read_dictionary(path) == load_dictionary(name)


# ----------------------------------------------------------- datasheets and table


def test_list_dictionaries_counts_match_dictionaries_and_datasheets():
    table = list_dictionaries()
    assert list(table.columns) == ["name", "categories", "patterns", "description", "datasheet"]
    assert table["name"].tolist() == list(BUILTIN_DICTIONARIES)
    assert table["categories"].tolist() == [5, 14, 8, 2]  # from CATEGORIES, counted by hand
    for row in table.itertuples():
        d = load_dictionary(row.name)
        assert row.categories == len(d.categories) == len(CATEGORIES[row.name])
        assert row.patterns == len(d.entries)
        stated = _datasheet_counts(row.name)
        assert stated["total"] == row.patterns
        assert set(stated) == set(CATEGORIES[row.name]) | {"total"}
        for category in d.categories:
            assert stated[category] == len(d.patterns(category)), (row.name, category)
        assert row.description and not row.description.startswith("#")
        with open(row.datasheet, encoding="utf-8") as f:
            assert f.read() == dictionary_datasheet(row.name)


@pytest.mark.parametrize("name", list(CATEGORIES))
def test_datasheet_has_the_required_parts(name):
    sheet = dictionary_datasheet(name)
    assert sheet.startswith(f"# {name}: ")
    for category in CATEGORIES[name]:
        assert f"`{category}`" in sheet
    for heading in ("## Categories", "## Known blind spots", "## Validation status"):
        assert heading in sheet
    assert "Not yet validated against human coding" in sheet
    for step in ("frame_hits", "sample_hits", "dictionary_precision"):
        assert step in sheet
    # the header line states the same totals as the table
    d = load_dictionary(name)
    assert f"{len(d.categories)} categories" in sheet
    assert f"{len(d.entries)} patterns" in sheet


def test_datasheets_give_full_citations():
    assert "Journal of Communication*,\n50(2)" in dictionary_datasheet("generic_frames")
    assert "Tracking the development of media frames within and across policy issues" in (
        " ".join(dictionary_datasheet("policy_frames").split())
    )
    assert "Caldas-Coulthard" in dictionary_datasheet("reporting_verbs")
    assert "Hyland, K. (2005)" in dictionary_datasheet("hedges_boosters")


@pytest.mark.parametrize("name", list(CATEGORIES))
def test_fixed_patterns_are_keyed_to_the_tokenizer(name):
    # a fixed pattern must be the token sequence mediakit's tokenizer produces,
    # else it can never match (e.g. "U.S." must keep its periods)
    fixed = [e.pattern for e in load_dictionary(name).entries if e.kind == "fixed"]
    articles = pd.DataFrame(
        {"text": [f"He saw {p} there" for p in fixed]},
        index=pd.Index([f"p{i}" for i in range(len(fixed))], name="doc_id"),
    )
    tokens = tokenize(articles)
    for i, pattern in enumerate(fixed):
        norms = tokens.loc[tokens["doc_id"] == f"p{i}", "norm"].tolist()
        assert norms[2:-1] == pattern.split(" "), pattern


@pytest.mark.parametrize("name", list(CATEGORIES))
def test_no_single_word_pattern_is_covered_by_another_in_its_category(name):
    d = load_dictionary(name)
    compiled = d.compile()
    for i, entry in enumerate(d.entries):
        if entry.kind != "fixed" or entry.n_tokens != 1:
            continue
        others = [
            d.entries[j].pattern
            for j in compiled.match_token(entry.pattern, 0)
            if j != i and d.entries[j].category == entry.category and d.entries[j].n_tokens == 1
        ]
        assert not others, f"{entry.category}: {entry.pattern!r} is also matched by {others}"


# ----------------------------------------------------------------- matching


def test_reporting_verbs_claimed_is_loaded_said_is_neutral():
    d = load_dictionary("reporting_verbs")
    found = hits(d, "The minister claimed the deal was dead, officials said.")
    assert found == {"loaded/doubt": ["claimed"], "neutral": ["said"]}


def test_reporting_verbs_subcategories():
    d = load_dictionary("reporting_verbs")
    found = hits(
        d,
        "He admitted the plan had failed but insisted it was right and denied any wrongdoing.",
    )
    assert found == {
        "loaded/concession": ["admitted"],
        "loaded/insistence": ["insisted"],
        "loaded/denial": ["denied"],
    }
    found = hits(d, "She pointed out that the figures were public, according to the report.")
    assert found == {"loaded/factive": ["pointed out"], "neutral": ["according to"]}
    found = hits(d, "Analysts argued and warned that he boasted.")
    assert found == {"loaded/other": ["argued", "warned", "boasted"]}


def test_reporting_verbs_leave_nouns_alone():
    # designed against: globs like insist*/claim*/admit* would hit these nouns
    d = load_dictionary("reporting_verbs")
    assert hits(d, "His insistence on the claimant's admittance and her denial.") == {}


def test_generic_frames_conflict_sentence():
    d = load_dictionary("generic_frames")
    found = hits(d, "Rival factions clashed in parliament as the opposition accused the minister.")
    assert found == {"conflict": ["rival", "clashed", "opposition", "accused"]}


def test_generic_frames_economic_sentence():
    d = load_dictionary("generic_frames")
    found = hits(d, "The plan will cost taxpayers 3.5bn and push up prices, economists said.")
    assert found == {
        "economic_consequences": ["cost", "taxpayers", "3.5bn", "prices", "economists"]
    }


def test_generic_frames_other_categories():
    d = load_dictionary("generic_frames")
    found = hits(d, "The grieving mother wept at the funeral of her son.")
    assert found == {"human_interest": ["grieving", "mother", "wept", "funeral", "son"]}
    assert hits(d, "Church leaders called the decision immoral.") == {
        "morality": ["church", "immoral"]
    }
    found = hits(d, "The government failed to tackle the problem and must act now.")
    # "must act" and "act now" overlap: one hit per token and category
    assert found == {"responsibility": ["failed to", "tackle", "must act"]}


def test_generic_frames_false_positive_guards():
    # each word starts like a pattern stem but is not in the frame:
    # cost/costume, fund/fundamental, import/important, family/familiar,
    # sin/since, invest(ment)/investigation, hug(ged)/huge, grieve/grievance
    d = load_dictionary("generic_frames")
    text = (
        "The costume was fundamentally important and familiar since the "
        "investigation, a huge grievance."
    )
    assert hits(d, text) == {}


def test_policy_frames_courts_and_police():
    d = load_dictionary("policy_frames")
    found = hits(d, "Police arrested the suspect after a court ruling.")
    assert found == {
        "crime_and_punishment": ["police", "arrested", "suspect"],
        "legality_constitutionality_jurisprudence": ["court", "ruling"],
    }
    found = hits(d, "The judge said the policy was unconstitutional.")
    assert found == {
        "legality_constitutionality_jurisprudence": ["judge", "unconstitutional"],
        "policy_prescription_and_evaluation": ["policy"],
    }


def test_policy_frames_spellings_and_abbreviations():
    d = load_dictionary("policy_frames")
    assert hits(d, "Defence and defense.") == {"security_and_defense": ["defence", "defense"]}
    found = hits(d, "The U.N. envoy met NATO allies.")
    assert found["external_regulation_and_reputation"] == ["u.n.", "envoy", "nato", "allies"]
    assert found["security_and_defense"] == ["nato"]
    # guards: courtesy is no court, electricity no election, policy is no police
    assert hits(d, "With courtesy, the electricity was restored.") == {}
    assert "crime_and_punishment" not in hits(d, "A new policy.")


def test_hedges_and_boosters():
    d = load_dictionary("hedges_boosters")
    found = hits(d, "The deal may reportedly collapse, but it is clearly, in fact, a done deal.")
    assert found == {"hedge": ["may", "reportedly"], "booster": ["clearly", "in fact"]}
    # "appeared" alone is the courtroom sense; only "appeared to" hedges
    assert hits(d, "She appeared in court.") == {}
    assert hits(d, "She appeared to hesitate.") == {"hedge": ["appeared to"]}


def test_load_dictionary_returns_an_independent_equal_dictionary():
    a = load_dictionary("hedges_boosters")
    b = load_dictionary("hedges_boosters")
    assert a == b
    with pytest.raises(AttributeError):
        a.name = "changed"  # immutable: nothing to share by mistake
