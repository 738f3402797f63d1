"""Shared helpers for the plot tests (importable: pytest puts tests/ on sys.path)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from mediakit import plot


def render_svg(draw: Callable[[Axes], object], path: Path) -> bytes:
    """Draw on a fresh figure in the house style, save it with plot.savefig, return the bytes."""
    with plot.style():
        fig, ax = plt.subplots()
        draw(ax)
        plot.savefig(fig, path)
    plt.close(fig)
    return path.read_bytes()


def assert_deterministic(draw: Callable[[Axes], object], tmp_path: Path) -> None:
    """Two renders of the same plot write the same bytes."""
    first = render_svg(draw, tmp_path / "first.svg")
    assert render_svg(draw, tmp_path / "second.svg") == first
