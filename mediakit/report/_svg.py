"""Figures as inline SVG for an HTML page: deterministic bytes, ids unique per figure (private).

A figure is drawn on a bare :class:`matplotlib.figure.Figure` (no pyplot: no
global figure list, no backend to choose) inside :func:`mediakit.plot.style`,
and saved with the settings of :func:`mediakit.plot.savefig` (a fixed SVG id
salt, text as paths so the page needs no font, metadata without dates). The
SVG is then made fit to sit in an HTML page among other SVGs:

* the XML prolog and the DOCTYPE (which names a URL) go;
* comments go: matplotlib writes each text of the figure into a comment, and
  those texts (doc_ids, category names) come from the data;
* the ``<style>`` element goes (its rule is in the page's style sheet,
  scoped to figures): CSS inside inline SVG applies to the whole page;
* every ``id`` gets the figure's prefix, and so does every reference to one
  (``xlink:href="#…"``, ``url(#…)``): two figures drawn with the same salt
  share glyph and clip-path ids, and duplicate ids in one page are invalid
  and make a reference pick the wrong element.

What matplotlib rasterizes (the colour ramp of a colorbar) stays an image,
embedded in the SVG as a ``data:image/png`` URI (``svg.image_inline``): part
of the page, never a file or a URL. Text is drawn with ``text.parse_math``
off, so a ``$`` in a doc_id is a dollar sign, never a formula that fails to
parse.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from mediakit._html import esc

__all__ = ["figure_svg", "inline_svg"]

_REF = re.compile(r'(\bid=")([^"]+)(")|((?:xlink:)?href="#)([^"]+)(")|(url\(#)([^)]+)(\))')
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"[ \t]*<!--.*?-->\n?", re.S)
_STYLE = re.compile(r"[ \t]*<style\b[^>]*>.*?</style>\n?", re.S)
_EMPTY_DEFS = re.compile(r"[ \t]*<defs>\s*</defs>\n?")


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """Make matplotlib's SVG document an element for an HTML page (see the module docstring).

    ``prefix`` is put before every id (``prefix-id``); ``label`` (escaped) is
    the figure's accessible name.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", prefix):
        raise ValueError(f"inline_svg: `prefix` must be a plain id, got {prefix!r}")
    svg = _PROLOG.sub("", svg, count=1)
    svg = _COMMENT.sub("", svg)
    svg = _STYLE.sub("", svg)
    svg = _EMPTY_DEFS.sub("", svg)

    def rename(m: re.Match[str]) -> str:
        for k in (1, 4, 7):
            if m.group(k) is not None:
                return f"{m.group(k)}{prefix}-{m.group(k + 1)}{m.group(k + 2)}"
        raise AssertionError(m.group(0))  # pragma: no cover

    svg = _REF.sub(rename, svg)
    head = f'<svg class="mk-svg" role="img" aria-label="{esc(label)}" '
    if not svg.startswith("<svg "):
        raise ValueError("inline_svg: not an SVG document")
    return head + svg[len("<svg ") :].rstrip() + "\n"


def figure_svg(
    draw: Callable[[Any], Any],
    *,
    figsize: tuple[float, float],
    prefix: str,
    label: str,
) -> str:
    """Draw a figure with ``draw(ax)`` and return it as inline SVG (see the module docstring)."""
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from mediakit.plot import style
    from mediakit.plot._style import _DETERMINISTIC_RC, _METADATA

    buf = io.StringIO()
    plain_text: dict[str, Any] = {"text.parse_math": False}
    plain_text["svg.image_inline"] = True
    with style(), mpl.rc_context(plain_text):  # type: ignore[arg-type]
        fig = Figure(figsize=figsize)
        draw(fig.add_subplot())
        with mpl.rc_context(_DETERMINISTIC_RC):  # type: ignore[arg-type]
            fig.savefig(buf, format="svg", metadata=_METADATA["svg"], bbox_inches="tight")
    return inline_svg(buf.getvalue(), prefix, label)
