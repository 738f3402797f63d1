from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from mediakit import plot


@pytest.fixture()
def audit() -> pd.DataFrame:
    # Hand-made audit: doc a loses 'abc' (x, 3 chars) and 'hello!' (y, 6); doc b loses 'zz' (x, 2).
    return pd.DataFrame(
        {
            "doc_id": ["b", "a", "a"],
            "rule": ["x", "x", "y"],
            "removed": ["zz", "abc", "hello!"],
        }
    )


def _bars(ax) -> dict[str, dict[str, tuple[float, float]]]:
    """Per legend label, per y tick label: (left, width) of each bar."""
    labels = [t.get_text() for t in ax.get_yticklabels()]
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for container in ax.containers:
        rows = {}
        for patch in container.patches:
            y = labels[round(patch.get_y() + patch.get_height() / 2)]
            rows[y] = (patch.get_x(), patch.get_width())
        out[container.get_label()] = rows
    return out


def test_removal_bars_stacks_characters_by_rule(audit):
    ax = plot.removal_bars(audit)
    bars = _bars(ax)
    # y removed 6 chars in total, x 5: y is drawn first, x stacked after it.
    assert list(bars) == ["y", "x"]
    assert bars["y"] == {"a": (0, 6), "b": (0, 0)}
    assert bars["x"] == {"a": (6, 3), "b": (0, 2)}
    # First document of the audit at the top.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.get_xlabel() == "characters removed"


def test_removal_bars_counts_removals(audit):
    ax = plot.removal_bars(audit, measure="lines")
    bars = _bars(ax)
    assert bars["x"]["a"][1] == 1 and bars["x"]["b"][1] == 1 and bars["y"]["a"][1] == 1


def test_removal_bars_uses_given_or_current_axes(audit):
    _fig, (ax1, ax2) = plt.subplots(1, 2)
    assert plot.removal_bars(audit, ax=ax1) is ax1
    plt.sca(ax2)
    assert plot.removal_bars(audit) is ax2


def test_removal_bars_pools_small_rules():
    audit = pd.DataFrame(
        {"doc_id": ["a"] * 4, "rule": list("pqrs"), "removed": ["1234", "123", "12", "1"]}
    )
    bars = _bars(plot.removal_bars(audit, top=2))
    assert list(bars) == ["p", "q", "other rules"]
    assert bars["other rules"]["a"] == (7, 3)


def test_removal_bars_empty_and_bad_input():
    ax = plot.removal_bars(pd.DataFrame(columns=["doc_id", "rule", "removed"]))
    assert ax.texts[0].get_text() == "nothing removed"
    with pytest.raises(ValueError, match="`measure` = 'words' is invalid"):
        plot.removal_bars(pd.DataFrame(columns=["doc_id", "rule", "removed"]), measure="words")
    with pytest.raises(ValueError, match="missing column"):
        plot.removal_bars(pd.DataFrame({"doc_id": ["a"]}))


def test_style_restores_rcparams():
    before = dict(mpl.rcParams)
    with plot.style():
        assert mpl.rcParams["axes.spines.top"] is False
    assert dict(mpl.rcParams) == before


def test_style_keeps_what_jupyter_sets_inside_the_block():
    # The first figure of a notebook sets rcParams["interactive"] (matplotlib-inline); a
    # style() block that restored every rcParam undid it and later figures stopped showing.
    was = mpl.rcParams["interactive"]
    try:
        with plot.style():
            mpl.rcParams["interactive"] = not was
        assert mpl.rcParams["interactive"] is (not was)
        assert mpl.rcParams["axes.spines.top"] is True  # the style itself is undone
    finally:
        mpl.rcParams["interactive"] = was


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_savefig_is_deterministic(tmp_path: Path, suffix: str):
    def draw(path: Path) -> bytes:
        fig, ax = plt.subplots()
        ax.plot([0, 1, 2], [2, 0, 1], label="line")
        ax.legend()
        ax.set_title("déterministe")
        plot.savefig(fig, path)
        plt.close(fig)
        return path.read_bytes()

    first = draw(tmp_path / f"a.{suffix}")
    second = draw(tmp_path / "sub" / f"b.{suffix}")
    assert first == second
    if suffix == "svg":
        text = first.decode()
        assert "<dc:date>" not in text and "Matplotlib v" not in text


def test_savefig_rejects_unknown_format_and_metadata(tmp_path: Path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="is invalid; expected one of"):
        plot.savefig(fig, tmp_path / "x.jpg")
    with pytest.raises(TypeError, match="metadata"):
        plot.savefig(fig, tmp_path / "x.svg", metadata={"Title": "t"})
