"""The package's layout follows the pipeline: floors below, stages above, no import circle.

The imports are read from the source with :mod:`ast` (every import statement,
also those inside functions and ``TYPE_CHECKING`` blocks), so the test sees
the dependencies a reader sees, not only those that run at import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mediakit as mk

PACKAGE = Path(mk.__file__).resolve().parent

#: io → clean → segment: the floors, in this order.
FLOORS = ("io", "clean", "segment")
STAGES = ("compare", "style", "sources", "framing", "corpus")
TOP = (
    "plot", "display", "report", "datasets", "cli", "__main__", "mediakit", "accessor",
    "transformers",
)  # fmt: skip
#: Helpers every layer may use: one voice for errors, the HTML building blocks, progress
#: bars, the Dask dispatch, the record of the inputs read (for the figures manifest), the
#: garbage collector paused while a step builds many small objects.
SHARED = ("_validation", "_html", "_progress", "_dask", "_provenance", "_gc")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The mediakit modules a file imports (``from pkg import submodule`` is the submodule)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "mediakit")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "mediakit":
                continue
            subs = {f"{node.module}.{a.name}" for a in node.names} & known
            out.update(subs)
            if len(subs) < len(node.names):
                out.add(node.module)
    return {m for m in out if m in known}


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(path, known) - {name} for name, path in mods.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "mediakit"


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_circle_and_only_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_every_module_belongs_to_a_known_place():
    places = set(FLOORS + STAGES + TOP + SHARED)
    assert {stage(m) for m in graph()} <= places


def test_no_import_circle_between_modules():
    assert cycles(graph()) == []


def test_no_import_circle_between_stages():
    edges: dict[str, set[str]] = {}
    for module, deps in graph().items():
        edges.setdefault(stage(module), set()).update(stage(d) for d in deps)
    for node, deps in edges.items():
        deps.discard(node)
    assert cycles(edges) == []


@pytest.mark.parametrize("floor", FLOORS)
def test_floors_import_only_the_floors_below_them(floor):
    allowed = set(FLOORS[: FLOORS.index(floor) + 1]) | set(SHARED)
    wrong = {
        (module, dep)
        for module, deps in graph().items()
        if stage(module) == floor
        for dep in deps
        if stage(dep) not in allowed
    }
    assert wrong == set()


@pytest.mark.parametrize("analysis", STAGES)
def test_stages_never_import_the_layer_on_top(analysis):
    wrong = {
        (module, dep)
        for module, deps in graph().items()
        if stage(module) == analysis
        for dep in deps
        if stage(dep) in TOP
    }
    assert wrong == set()


def test_corpus_is_above_the_other_stages():
    # corpus runs the per-article measures over a corpus: they must not depend on it
    wrong = {
        (module, dep)
        for module, deps in graph().items()
        if stage(module) in FLOORS + STAGES and stage(module) != "corpus"
        for dep in deps
        if stage(dep) == "corpus"
    }
    assert wrong == set()


def test_shared_helpers_import_no_stage():
    wrong = {
        (module, dep)
        for module, deps in graph().items()
        if stage(module) in SHARED
        for dep in deps
        if stage(dep) not in SHARED
    }
    assert wrong == set()


@pytest.mark.parametrize("package", FLOORS + STAGES + ("plot", "report"))
def test_each_stage_lists_what_it_offers(package):
    module = __import__(f"mediakit.{package}", fromlist=["__all__"])
    names = list(module.__all__)
    # constants, then classes, then functions, each alphabetical (isort's order)
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    assert all(hasattr(module, n) for n in names)
    assert not [n for n in names if n.startswith("_")]


def test_public_api_is_unchanged_and_reachable_from_the_stages():
    # the stages, and on top of them the transformers (wrapping their functions) and the
    # report (its functions are public too)
    offering = FLOORS + STAGES + ("transformers", "report")
    stages = [__import__(f"mediakit.{p}", fromlist=["__all__"]) for p in offering]
    offered = {n: getattr(s, n) for s in stages for n in s.__all__}
    for name in mk.__all__:
        if name in {"MediakitWarning", "load_sample_articles", "plot", "__version__"}:
            continue
        assert offered.get(name) is getattr(mk, name), name


def test_development_scorers_are_not_in_the_package():
    assert not list(PACKAGE.rglob("*_eval*.py"))
