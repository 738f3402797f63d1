"""Axes-level plots, a house style and deterministic figure files.

Every plot takes ``ax=None`` (falling back to :func:`matplotlib.pyplot.gca`),
draws, and returns the Axes; none calls ``plt.show()`` or changes global
rcParams. Use :func:`style` as a context manager for the house look
(``style(width="column")`` for a paper), :func:`palette` and :func:`colormap`
for named colour-blind-safe colours, and :func:`savefig` to write figures whose
bytes do not change between runs (and which ``make figures`` records in
``figures/manifest.json``).
"""

from __future__ import annotations

from mediakit.plot._cleaning import removal_bars
from mediakit.plot._corpus import similarity_histogram
from mediakit.plot._framing import dispersion, frame_profile, keyness
from mediakit.plot._palettes import PALETTES, colormap, palette
from mediakit.plot._style import PRINT as PRINT  # what style(width=...) adds, for users to read
from mediakit.plot._style import STYLE as STYLE  # the house rcParams, for users to read
from mediakit.plot._style import WIDTHS, savefig, style
from mediakit.plot._versions import alignment_dotplot, reuse_bars, similarity_heatmap
from mediakit.plot._writing import feature_comparison, quote_bars

__all__ = [
    "PALETTES",
    "WIDTHS",
    "alignment_dotplot",
    "colormap",
    "dispersion",
    "feature_comparison",
    "frame_profile",
    "keyness",
    "palette",
    "quote_bars",
    "removal_bars",
    "reuse_bars",
    "savefig",
    "similarity_heatmap",
    "similarity_histogram",
    "style",
]
