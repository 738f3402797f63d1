"""Named colour-blind-safe palettes: qualitative, sequential and diverging, with their sources."""

from __future__ import annotations

from typing import Literal

import matplotlib as mpl
import numpy as np
from matplotlib.colors import Colormap, LinearSegmentedColormap, ListedColormap, to_hex

from mediakit._validation import check_option

__all__ = ["PALETTES", "colormap", "palette"]

#: Okabe & Ito (2008), "Color Universal Design": the house colour cycle, without black (kept
#: for text), most distinct first: blue, orange, bluish green, vermillion, reddish purple,
#: sky blue, yellow.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")

# Paul Tol, "Colour Schemes", SRON technical note SRON/EPS/TN/09-002, issue 3.2 (2021),
# https://personal.sron.nl/~pault/ : schemes that stay distinct with colour-blind vision and in
# grey print. Qualitative schemes in the note's order; 'muted' without its pale grey (kept for
# missing data). Sequential and diverging schemes are the note's discrete colours, interpolated
# for other numbers of colours.
_TOL_BRIGHT = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")
_TOL_MUTED = (
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933",
    "#AA4499",
)  # fmt: skip
_TOL_SUNSET = (
    "#364B9A", "#4A7BB7", "#6EA6CD", "#98CAE1", "#C2E4EF", "#EAECCC", "#FEDA8B", "#FDB366",
    "#F67E4B", "#DD3D2D", "#A50026",
)  # fmt: skip
_TOL_BURD = (
    "#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D",
    "#B2182B",
)  # fmt: skip
_TOL_YLORBR = (
    "#FFFFE5", "#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404",
    "#662506",
)  # fmt: skip
#: Colour of missing values in each of Tol's continuous schemes (his choice for each).
_TOL_BAD = {"tol_sunset": "#FFFFFF", "tol_burd": "#FFEE99", "tol_ylorbr": "#888888"}

_QUALITATIVE = {"okabe_ito": OKABE_ITO, "tol_bright": _TOL_BRIGHT, "tol_muted": _TOL_MUTED}
_CONTINUOUS = {"tol_sunset": _TOL_SUNSET, "tol_burd": _TOL_BURD, "tol_ylorbr": _TOL_YLORBR}

#: Every named palette and its kind. ``cividis`` (Nuñez, Anderton & Renslow 2018) is
#: matplotlib's colormap, optimised so that colour-blind and normal vision see the same
#: lightness ramp.
PALETTES: dict[str, Literal["qualitative", "sequential", "diverging"]] = {
    "okabe_ito": "qualitative",
    "tol_bright": "qualitative",
    "tol_muted": "qualitative",
    "cividis": "sequential",
    "tol_ylorbr": "sequential",
    "tol_sunset": "diverging",
    "tol_burd": "diverging",
}


def _nodes(name: str) -> tuple[str, ...]:
    if name == "cividis":
        return tuple(to_hex(c).upper() for c in mpl.colormaps["cividis"].colors)
    return _CONTINUOUS[name]


def _interpolate(nodes: tuple[str, ...], n: int) -> list[str]:
    """``n`` colours evenly spaced along ``nodes`` (linear in sRGB, as matplotlib interpolates)."""
    rgb = np.array([mpl.colors.to_rgb(c) for c in nodes])
    at, where = np.linspace(0.0, 1.0, len(nodes)), np.linspace(0.0, 1.0, n)
    channels = np.column_stack([np.interp(where, at, rgb[:, k]) for k in range(3)])
    return [to_hex(c).upper() for c in channels]


def palette(name: str = "okabe_ito", n: int | None = None) -> list[str]:
    """Return colours of a named colour-blind-safe palette, as hex strings.

    Parameters
    ----------
    name : str, default "okabe_ito"
        One of :data:`PALETTES`:

        * qualitative, for categories: ``"okabe_ito"`` (Okabe & Ito 2008, the
          house colours, 7), ``"tol_bright"`` (7) and ``"tol_muted"`` (9)
          (Paul Tol's technical note SRON/EPS/TN/09-002, 2021);
        * sequential, for amounts: ``"cividis"`` (Nuñez et al. 2018; the
          same lightness ramp for colour-blind and normal vision) and
          ``"tol_ylorbr"`` (light to dark);
        * diverging, for differences around a midpoint: ``"tol_sunset"``
          (blue to red through pale yellow) and ``"tol_burd"`` (blue to red
          through white).
    n : int, optional
        How many colours. Qualitative: the first ``n`` (default all; more
        than the palette has is an error, since repeated colours would stand
        for different categories). Sequential and diverging: ``n`` colours
        evenly spaced from one end to the other (default: the published
        colours; 256 for cividis).

    Returns
    -------
    list of str
        Colours as ``"#RRGGBB"``, usable wherever matplotlib takes a colour.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the palettes) or an invalid ``n``.

    See Also
    --------
    colormap : the same sequential and diverging palettes as matplotlib colormaps.
    style : ``style(palette=...)`` makes a palette the colour cycle.

    Examples
    --------
    >>> import mediakit as mk
    >>> mk.plot.palette(n=3)
    ['#0072B2', '#E69F00', '#009E73']
    >>> mk.plot.palette("tol_sunset", 3)
    ['#364B9A', '#EAECCC', '#A50026']
    >>> len(mk.plot.palette("cividis", 5))
    5
    """
    check_option("name", name, PALETTES)
    if n is not None and (isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1):
        raise ValueError(f"`n` = {n!r} is invalid; expected a positive integer or None")
    if PALETTES[name] == "qualitative":
        colours = _QUALITATIVE[name]
        if n is not None and n > len(colours):
            raise ValueError(
                f"palette {name!r} has {len(colours)} colours, fewer than the {n} asked for; "
                "pool the smallest categories (as 'other') or pick a sequential palette for "
                "ordered categories"
            )
        return list(colours[:n])
    nodes = _nodes(name)
    if n is None or n == len(nodes):
        return list(nodes)
    return _interpolate(nodes, n)


def colormap(name: str) -> Colormap:
    """Return a named palette as a matplotlib colormap (for heatmaps and images).

    Parameters
    ----------
    name : str
        One of :data:`PALETTES`. Sequential and diverging palettes become
        continuous colormaps (Tol's interpolated between his colours, with
        his colour for missing values); qualitative ones become a
        :class:`~matplotlib.colors.ListedColormap` of their colours.

    Returns
    -------
    matplotlib.colors.Colormap

    Examples
    --------
    >>> import mediakit as mk
    >>> cmap = mk.plot.colormap("tol_burd")
    >>> cmap.name
    'tol_burd'
    >>> from matplotlib.colors import to_hex
    >>> to_hex(cmap(0.0)), to_hex(cmap(1.0))
    ('#2166ac', '#b2182b')
    """
    check_option("name", name, PALETTES)
    if name == "cividis":
        return mpl.colormaps["cividis"]
    if PALETTES[name] == "qualitative":
        return ListedColormap(list(_QUALITATIVE[name]), name=name)
    cmap = LinearSegmentedColormap.from_list(name, list(_CONTINUOUS[name]))
    return cmap.with_extremes(bad=_TOL_BAD[name])
