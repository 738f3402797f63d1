"""Figures as inline SVG: the prolog, comments and style go, every id and reference is prefixed."""

from __future__ import annotations

import re

import matplotlib as mpl
import pytest
from _report_html import parse

from mediakit.report._svg import figure_svg, inline_svg

DOC = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="10pt" viewBox="0 0 10 10" \
xmlns="http://www.w3.org/2000/svg" version="1.1">
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
 </defs>
 <g id="figure_1">
  <!-- a label from the data: wire → rewrite -->
  <path id="m1" d="M 0 0"/>
  <use xlink:href="#m1" x="1"/>
  <path d="M 0 0" clip-path="url(#p9)" style="fill: url(#g2)"/>
  <clipPath id="p9"><rect/></clipPath>
 </g>
</svg>
"""


def test_inline_svg_prefixes_ids_and_their_references():
    out = inline_svg(DOC, "fig3", 'a "label" <b>')
    assert out.startswith(
        '<svg class="mk-svg" role="img" aria-label="a &quot;label&quot; &lt;b&gt;" '
    )
    assert "<?xml" not in out and "DOCTYPE" not in out and "<style" not in out
    assert "<!--" not in out and "a label" not in out  # comments go
    assert re.findall(r'\bid="([^"]+)"', out) == ["fig3-figure_1", "fig3-m1", "fig3-p9"]
    assert 'xlink:href="#fig3-m1"' in out
    assert 'clip-path="url(#fig3-p9)"' in out and "url(#fig3-g2)" in out
    assert "<defs>" not in out  # emptied by removing the style
    parse(out)  # still well formed


def test_inline_svg_refuses_a_bad_prefix_or_a_non_svg():
    with pytest.raises(ValueError, match="plain id"):
        inline_svg(DOC, 'x" onload="y', "label")
    with pytest.raises(ValueError, match="not an SVG"):
        inline_svg("<html></html>", "f1", "label")


def test_figure_svg_is_deterministic_and_leaves_rcparams_alone():
    before = dict(mpl.rcParams)

    def draw(ax):
        ax.plot([0, 1, 2], [1, 0, 2], label="$x$ costs $5 --><script>alert(1)</script>")
        ax.set_title("A $ sign")
        ax.legend()

    one = figure_svg(draw, figsize=(3, 2), prefix="f1", label="test")
    two = figure_svg(draw, figsize=(3, 2), prefix="f1", label="test")
    assert one == two
    assert dict(mpl.rcParams) == before
    other = figure_svg(draw, figsize=(3, 2), prefix="f2", label="test")
    ids_one = set(re.findall(r'\bid="([^"]+)"', one))
    ids_other = set(re.findall(r'\bid="([^"]+)"', other))
    assert ids_one and not ids_one & ids_other
    assert one.replace('"f1-', '"X-').replace("#f1-", "#X-") == other.replace(
        '"f2-', '"X-'
    ).replace("#f2-", "#X-")
    assert "<text" not in one  # text drawn as paths: no font needed
    assert "<!--" not in one and "script" not in one
