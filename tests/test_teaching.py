"""The teaching unit: notebooks/06_exercises.ipynb and 06_solutions.ipynb.

The two notebooks share their text and their check cells; only the cells tagged ``student``
differ (``...`` placeholders in the exercises, answers in the solutions). The solutions must
pass every check, the exercises must run to the end with every check saying "not done yet",
and every check must catch a wrong answer.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import tokenize
from pathlib import Path

import pandas as pd
import pytest

import mediakit as mk

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
EXERCISES = NOTEBOOKS / "06_exercises.ipynb"
SOLUTIONS = NOTEBOOKS / "06_solutions.ipynb"
SHEET = NOTEBOOKS / "data" / "06_coding_sheet.csv"
CATEGORIES = ["threat", "support", "uncertainty"]
ROLES = {"student", "check"}
DONE, NOT_DONE = "✓", "not done yet"


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["cells"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return src if isinstance(src, str) else "".join(src)


def _role(cell: dict) -> str:
    tags = cell.get("metadata", {}).get("tags", [])
    roles = [t for t in tags if t in ROLES]
    assert len(roles) <= 1, f"cell {cell.get('id')}: tagged both {roles}"
    return roles[0] if roles else "given"


def _has_ellipsis(code: str) -> bool:
    """Whether ``code`` holds the token ``...`` (not inside a string or a comment)."""
    toks = tokenize.generate_tokens(io.StringIO(code).readline)
    return any(t.type == tokenize.OP and t.string == "..." for t in toks)


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")


# ---------------------------------------------------------------------------------------------
# structure (no execution)
# ---------------------------------------------------------------------------------------------


def test_the_two_notebooks_have_the_same_structure():
    ex, sol = _cells(EXERCISES), _cells(SOLUTIONS)
    assert [c["id"] for c in ex] == [c["id"] for c in sol], "the cells differ in number or ids"
    for a, b in zip(ex, sol, strict=True):
        assert a["cell_type"] == b["cell_type"], a["id"]
        assert _role(a) == _role(b), f"cell {a['id']}: tagged {_role(a)} vs {_role(b)}"
        if _role(a) != "student":  # markdown, given code and checks are the same text
            assert _source(a) == _source(b), f"cell {a['id']} differs but is not a student cell"
    roles = [_role(c) for c in ex]
    assert roles.count("check") >= 9
    # every check follows the student cell it checks
    for i, role in enumerate(roles):
        if role == "check":
            assert roles[i - 1] == "student", f"check {ex[i]['id']} does not follow a student cell"


def test_student_cells_hold_placeholders_in_the_exercises_and_answers_in_the_solutions():
    pairs = [
        (a, b)
        for a, b in zip(_cells(EXERCISES), _cells(SOLUTIONS), strict=True)
        if _role(a) == "student"
    ]
    assert pairs
    for a, b in pairs:
        assert _source(a) != _source(b), f"student cell {a['id']} is the same in both"
        if a["cell_type"] == "code":
            assert _has_ellipsis(_source(a)), f"exercise cell {a['id']} has no `...` placeholder"
            assert not _has_ellipsis(_source(b)), f"solution cell {b['id']} still holds `...`"
        else:
            assert "Your answer here" in _source(a)
            assert "Your answer here" not in _source(b)


def test_the_independent_check_of_containment_is_stated():
    text = " ".join(
        " ".join(_source(c).split()) for c in _cells(SOLUTIONS) if c["cell_type"] == "markdown"
    )
    assert "independent of mediakit's" in text
    assert "checks mediakit's containment on every" in text


# ---------------------------------------------------------------------------------------------
# the coding sheet
# ---------------------------------------------------------------------------------------------


def test_coding_sheet_codes_every_sentence_of_the_seed_pair():
    sheet = pd.read_csv(SHEET)
    clean = mk.clean_articles(mk.load_sample_articles())
    sentences = mk.split_sentences(clean)
    assert len(sheet) == len(sentences) == 47
    assert list(sheet["doc_id"]) == list(sentences["doc_id"])
    assert list(sheet["sent_id"]) == list(sentences["sent_id"])
    for row in sheet.itertuples():  # offsets point at the sentence in the cleaned text
        assert clean.loc[row.doc_id, "text"][row.start : row.end] == row.text
    for category in CATEGORIES:
        assert set(sheet[category]) == {0, 1}, category
    assert sheet["coder"].notna().all()
    # a borderline call carries its reason
    assert sheet["note"].str.contains("borderline", na=False).sum() >= 4


def test_coding_sheet_has_its_provenance_note():
    note = (NOTEBOOKS / "data" / "06_coding_sheet.md").read_text("utf-8")
    assert "AI language model" in note  # who coded it
    for heading in ("## The codebook", "## Who coded it, and how"):
        assert heading in note
    for category in CATEGORIES:
        assert f"**{category}**" in note


# ---------------------------------------------------------------------------------------------
# executing the notebooks in a kernel, as a student and as the test suite does
# ---------------------------------------------------------------------------------------------


def _runner():
    spec = importlib.util.spec_from_file_location("run_notebooks", NOTEBOOKS / "run_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Both notebooks, executed once each; and the figures each wrote."""
    runner = _runner()
    out = {}
    for path in (SOLUTIONS, EXERCISES):
        figures = tmp_path_factory.mktemp(path.stem)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("MEDIAKIT_FIGURES_DIR", str(figures))
            nb = runner.execute(path)
        out[path.stem] = (nb, sorted(p.name for p in figures.iterdir()))
    return out


def _errors(nb) -> list:
    return [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.notebook
def test_solutions_pass_every_check(executed):
    nb, figures = executed["06_solutions"]
    assert not _errors(nb)
    checks = [c for c in nb.cells if _role(c) == "check"]
    for cell in checks:
        out = _stdout(cell)
        assert DONE in out and NOT_DONE not in out, f"check {cell['id']} printed {out!r}"
    assert figures == ["06_frame_profile.svg"]


@pytest.mark.notebook
def test_exercises_run_to_the_end_and_every_check_says_not_done_yet(executed):
    nb, figures = executed["06_exercises"]
    assert not _errors(nb)
    checks = [c for c in nb.cells if _role(c) == "check"]
    for cell in checks:
        out = _stdout(cell)
        assert NOT_DONE in out and DONE not in out, f"check {cell['id']} printed {out!r}"
    assert figures == []


# ---------------------------------------------------------------------------------------------
# every check catches a wrong answer
# ---------------------------------------------------------------------------------------------

#: A wrong answer for each student cell, and words the check's message must contain.
WRONG = {
    "s-1-1": ("dropped_by_me = {13, 21}\nadded_by_me = {5}", "wire 22 has no counterpart"),
    "s-1-2": (
        'drift = (2, 2)\nverb_swaps = {("said", "warned")}\nmisquoted = {3, 4, 5}',
        "condition_added",
    ),
    "s-2-1": ('reuse = mk.text_reuse(clean, "wire", "rewrite")\nN = 4', "N = 4"),
    "s-2-2": (
        "def shingles(words, n=3):\n    return set(zip(words, words[1:]))",
        "expected the 4 distinct trigrams",
    ),
    "s-2-3": (
        "s_wire = shingles(words['wire'], N)\n"
        "s_rewrite = shingles(words['rewrite'], N)\n"
        "shared = len(s_wire & s_rewrite)\n"
        "containment_derived = shared / len(s_wire)  # the two denominators swapped\n"
        "containment_source = shared / len(s_rewrite)",
        "containment_derived",
    ),
    "s-2-4": ("def my_words(text):\n    return text.lower().split()", "differ from mediakit's"),
    "s-3-1": (
        "my_dictionary = mk.Dictionary.from_dict({'threat': ['threat*'], "
        "'support': ['aid', 'support'], 'uncertainty': ['fear*', 'nervous']})",
        "at least two patterns",
    ),
    "s-3-2": (
        "machine = human.rename(columns={'human': 'dictionary'})  # the human's codes\n"
        "both = human.merge(machine, on=['doc_id', 'sent_id', 'category'])",
        "wrong dictionary code",
    ),
    "s-3-3": (
        "test = both[both['doc_id'] == 'rewrite']\n"
        "flagged, coded = test['dictionary'] == 1, test['human'] == 1\n"
        "tp = (flagged & coded).groupby(test['category']).sum()\n"
        "fp = (flagged & ~coded).groupby(test['category']).sum()\n"
        "fn = (~flagged & coded).groupby(test['category']).sum()\n"
        "scores = pd.DataFrame({'precision': tp / (tp + fn), 'recall': tp / (tp + fp)})  # swapped",
        "precision of support",
    ),
    "s-3-4": (
        "same = test['dictionary'] == test['human']\n"
        "percent_agreement = same.groupby(test['category']).mean()\n"
        "alpha = percent_agreement  # agreement is not alpha",
        "alpha of support",
    ),
}


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """The solutions' code run in this process (as a kernel would), and its cells by id."""
    cells = _cells(SOLUTIONS)
    namespace: dict = {"__name__": "__main__"}
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(io.StringIO()):
        mp.setenv("MEDIAKIT_FIGURES_DIR", str(tmp_path_factory.mktemp("figures")))
        mp.chdir(NOTEBOOKS)
        for cell in cells:
            if cell["cell_type"] == "code":
                exec(compile(_source(cell), f"<cell {cell['id']}>", "exec"), namespace)
    return namespace, {c["id"]: c for c in cells}


def test_every_student_code_cell_has_a_wrong_answer_to_test():
    cells = _cells(SOLUTIONS)
    assert set(WRONG) == {
        c["id"] for c in cells if _role(c) == "student" and c["cell_type"] == "code"
    }


@pytest.mark.parametrize("student_id", sorted(WRONG))
def test_each_check_catches_a_wrong_answer(solved, student_id, monkeypatch):
    namespace, cells = solved
    wrong, message = WRONG[student_id]
    ids = list(cells)
    check = cells[ids[ids.index(student_id) + 1]]
    assert _role(check) == "check"
    scope = dict(namespace)  # later cells see the right answers to the other tasks
    monkeypatch.chdir(NOTEBOOKS)
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(wrong, f"<wrong {student_id}>", "exec"), scope)
        with pytest.raises(AssertionError) as caught:
            exec(compile(_source(check), f"<cell {check['id']}>", "exec"), scope)
    assert message in str(caught.value), str(caught.value)
    # and the same check passes on the right answer
    scope = dict(namespace)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(_source(check), f"<cell {check['id']}>", "exec"), scope)
    assert out.getvalue().startswith(DONE), out.getvalue()
