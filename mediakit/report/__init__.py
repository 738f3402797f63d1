"""One self-contained HTML report of two versions of a story.

:func:`pair_report` runs the whole pipeline on two articles (cleaning,
comparison, quotes, frames, readability) and returns one HTML page with a
table of contents and inline SVG figures; :func:`write_report` writes it. The
page has no script and loads nothing (it opens offline), escapes every piece of
article text, and is the same bytes for the same input.

The report sits on top of the analysis stages, like :mod:`mediakit.plot` and
:mod:`mediakit.display`: it imports them, nothing below imports it, and it
loads matplotlib only when a report is made.
"""

from __future__ import annotations

from mediakit.report._build import pair_report, write_report

__all__ = ["pair_report", "write_report"]
