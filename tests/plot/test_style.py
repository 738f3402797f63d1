"""The print style (style(width=...)) and the named colour-blind-safe palettes.

Palette values are checked against the publications, typed here from them (Okabe & Ito give
RGB triples; Paul Tol's technical note gives hex codes); the shape of the sequential and
diverging palettes is checked through CIE L* lightness computed here from the sRGB formulas.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

import mediakit as mk
from mediakit import plot

PT_PER_INCH = 72


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- palettes ---------------------------------------------------------------------------------

#: Okabe & Ito (2008), "Color Universal Design", RGB (0-255), without black.
OKABE_ITO_RGB = {
    "orange": (230, 159, 0),
    "sky blue": (86, 180, 233),
    "bluish green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "reddish purple": (204, 121, 167),
}
#: Paul Tol, SRON/EPS/TN/09-002 issue 3.2: the schemes in the note's order.
TOL = {
    "tol_bright": "4477AA EE6677 228833 CCBB44 66CCEE AA3377 BBBBBB",
    "tol_muted": "CC6677 332288 DDCC77 117733 88CCEE 882255 44AA99 999933 AA4499",
    "tol_sunset": "364B9A 4A7BB7 6EA6CD 98CAE1 C2E4EF EAECCC FEDA8B FDB366 F67E4B DD3D2D A50026",
    "tol_burd": "2166AC 4393C3 92C5DE D1E5F0 F7F7F7 FDDBC7 F4A582 D6604D B2182B",
    "tol_ylorbr": "FFFFE5 FFF7BC FEE391 FEC44F FB9A29 EC7014 CC4C02 993404 662506",
}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _lightness(hex_colour: str) -> float:
    """CIE L* of an sRGB colour (IEC 61966-2-1 linearisation, D65 luminance)."""
    channels = [c / 255 for c in _rgb(hex_colour)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > (6 / 29) ** 3 else y * (29 / 3) ** 3


def test_okabe_ito_is_the_published_colours_in_the_house_order():
    colours = plot.palette("okabe_ito")
    assert sorted(_rgb(c) for c in colours) == sorted(OKABE_ITO_RGB.values())
    # the house cycle: blue first, then orange, bluish green, vermillion (the most distinct)
    names = {v: k for k, v in OKABE_ITO_RGB.items()}
    assert [names[_rgb(c)] for c in colours[:4]] == ["blue", "orange", "bluish green", "vermillion"]
    assert plot.palette() == colours  # the default
    assert plot.STYLE["axes.prop_cycle"].by_key()["color"] == colours  # the house cycle


@pytest.mark.parametrize("name", sorted(TOL))
def test_tol_palettes_are_the_published_colours(name):
    assert plot.palette(name) == ["#" + c for c in TOL[name].split()]


def test_every_palette_is_listed_with_its_kind():
    assert set(plot.PALETTES) == {"okabe_ito", "cividis", *TOL}
    kinds = {name: plot.PALETTES[name] for name in plot.PALETTES}
    assert kinds["okabe_ito"] == kinds["tol_bright"] == kinds["tol_muted"] == "qualitative"
    assert kinds["cividis"] == kinds["tol_ylorbr"] == "sequential"
    assert kinds["tol_sunset"] == kinds["tol_burd"] == "diverging"
    for name in plot.PALETTES:
        assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in plot.palette(name, 5)), name


def test_cividis_is_matplotlibs_and_its_ends():
    cividis = plot.palette("cividis")
    assert len(cividis) == 256
    reference = mpl.colormaps["cividis"]
    assert cividis[0] == mpl.colors.to_hex(reference(0.0)).upper() == "#00224E"
    assert cividis[-1] == mpl.colors.to_hex(reference(1.0)).upper() == "#FEE838"


@pytest.mark.parametrize("name", ["cividis", "tol_ylorbr"])
@pytest.mark.parametrize("n", [5, 12])
def test_sequential_palettes_change_lightness_monotonically(name, n):
    lightness = np.array([_lightness(c) for c in plot.palette(name, n)])
    steps = np.diff(lightness)
    assert (steps > 0).all() or (steps < 0).all(), lightness.round(1)
    assert abs(lightness[-1] - lightness[0]) > 50  # a ramp from dark to light (or back)


@pytest.mark.parametrize("name", ["tol_sunset", "tol_burd"])
@pytest.mark.parametrize("n", [5, 9, 11])
def test_diverging_palettes_are_lightest_in_the_middle(name, n):
    lightness = np.array([_lightness(c) for c in plot.palette(name, n)])
    middle = n // 2
    assert (np.diff(lightness[: middle + 1]) > 0).all()  # lighter towards the midpoint
    assert (np.diff(lightness[middle:]) < 0).all()  # and darker after it
    low, high = _rgb(plot.palette(name, n)[0]), _rgb(plot.palette(name, n)[-1])
    assert low[2] > low[0] and high[0] > high[2]  # blue at the low end, red at the high end


def test_interpolated_palettes_keep_the_ends_and_pass_through_the_published_colours():
    # 21 colours on an 11-colour scheme: every other one is a published colour
    sunset = plot.palette("tol_sunset", 21)
    assert sunset[::2] == plot.palette("tol_sunset")
    # between two published colours, the mean of the two (linear in sRGB), rounded
    a, b = _rgb(sunset[0]), _rgb(sunset[2])
    assert all(abs(m - (x + y) / 2) <= 0.5 for m, x, y in zip(_rgb(sunset[1]), a, b, strict=True))
    assert plot.palette("tol_burd", 2) == ["#2166AC", "#B2182B"]
    assert plot.palette("okabe_ito", 2) == ["#0072B2", "#E69F00"]


def test_palette_rejects_unknown_names_and_bad_sizes():
    with pytest.raises(ValueError, match=r"`name` = 'viridis' is invalid; expected one of"):
        plot.palette("viridis")
    with pytest.raises(ValueError, match="has 7 colours, fewer than the 8 asked for"):
        plot.palette("okabe_ito", 8)
    for bad in (0, -1, 2.5, True, "3"):
        with pytest.raises(ValueError, match=r"`n` = .* is invalid; expected a positive integer"):
            plot.palette("cividis", bad)


def test_colormap_gives_the_palettes_to_heatmaps():
    burd = plot.colormap("tol_burd")
    assert mpl.colors.to_hex(burd(0.0)).upper() == "#2166AC"
    assert mpl.colors.to_hex(burd(1.0)).upper() == "#B2182B"
    assert mpl.colors.to_hex(burd(np.nan)).upper() == "#FFEE99"  # Tol's colour for missing
    cividis = plot.colormap("cividis")
    assert cividis.name == "cividis"
    assert np.array_equal(cividis.colors, mpl.colormaps["cividis"].colors)
    assert list(plot.colormap("tol_bright").colors) == plot.palette("tol_bright")
    with pytest.raises(ValueError, match="`name` = 'jet' is invalid"):
        plot.colormap("jet")
    # a heatmap takes it
    matrix = pd.DataFrame([[0.1, 0.9], [0.4, 0.6]], index=["a", "b"], columns=["c", "d"])
    ax = plot.similarity_heatmap(matrix, cmap=plot.colormap("tol_sunset"))
    assert ax.images[0].get_cmap().name == "tol_sunset"


# -- the print style --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "size"),
    [
        ({"width": "column"}, (3.5, 2.6)),
        ({"width": "page"}, (7.2, 3.6)),
        ({"width": 3.3}, (3.3, 3.3 * 0.75)),
        ({"width": "column", "height": 3}, (3.5, 3.0)),
        ({}, (6.4, 3.6)),
    ],
)
def test_style_sets_the_figure_size(kwargs, size):
    with plot.style(**kwargs):
        fig, _ax = plt.subplots()
    assert fig.get_size_inches() == pytest.approx(size)


def test_print_style_restores_every_rcparam_it_sets():
    before = dict(mpl.rcParams)
    with plot.style(width="column", palette="tol_bright"):
        assert mpl.rcParams["figure.constrained_layout.use"] is True
        assert mpl.rcParams["xtick.labelsize"] == 7
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == plot.palette("tol_bright")
    assert dict(mpl.rcParams) == before


def test_style_takes_a_palette_name_or_colours():
    with plot.style(palette=plot.palette("cividis", 3)):
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == plot.palette("cividis", 3)
    with pytest.raises(ValueError, match="'cividis' is sequential; name a qualitative palette"):
        with plot.style(palette="cividis"):
            pass
    with pytest.raises(ValueError, match=r"`palette` = .* is invalid"):
        with plot.style(palette=["not a colour"]):
            pass


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"width": "a4"}, "`width` = 'a4' is invalid; expected one of"),
        ({"width": -2}, "`width` = -2 is invalid"),
        ({"width": "column", "height": 0}, "`height` = 0 is invalid"),
        ({"height": 3}, "`height` needs a `width`"),
    ],
)
def test_style_rejects_bad_sizes(kwargs, message):
    before = dict(mpl.rcParams)
    with pytest.raises(ValueError, match=message):
        with plot.style(**kwargs):
            pass
    assert dict(mpl.rcParams) == before


def test_column_figure_is_saved_at_exactly_its_width(tmp_path: Path):
    with plot.style(width="column"):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
        ax.set_xlabel("a label that is long enough to need some room")
        plot.savefig(fig, tmp_path / "column.svg")
    head = (tmp_path / "column.svg").read_text("utf-8")[:600]
    assert 'width="252pt"' in head and 'height="187.2pt"' in head  # 3.5 in, 2.6 in


# Every plot of mk.plot drawn from the sample at column width: text never below 7 pt, and
# everything drawn inside the figure (the figure keeps its size, so nothing may stick out).


@pytest.fixture(scope="module")
def sample_tables() -> dict[str, object]:
    articles = mk.load_sample_articles()
    clean = mk.clean_articles(articles)
    generic = mk.load_dictionary("generic_frames")
    paragraphs = mk.split_paragraphs(clean).query("kind == 'body'")
    ids = paragraphs["doc_id"] + "/" + paragraphs["par_id"].astype(str)
    corpus = pd.DataFrame(
        {"text": paragraphs["text"].to_numpy()}, index=pd.Index(ids, name="doc_id")
    )
    pairs = mk.near_duplicates(corpus, threshold=0.1, progress=False)
    return {
        "clean": clean,
        "audit": mk.cleaning_audit(articles),
        "alignment": mk.align_sentences(clean, "wire", "rewrite"),
        "reuse": mk.text_reuse(clean, source=["wire", "rewrite"], derived=["wire", "rewrite"]),
        "sentence_pairs": mk.tfidf_similarity(clean, level="sentence"),
        "features": mk.lexical_features(clean)[["n_tokens", "mean_sentence_length", "mtld"]],
        "quotes": mk.extract_quotes(clean),
        "counts": mk.count_frames(clean, generic, normalize="per_1000_tokens"),
        "hits": mk.frame_hits(clean, generic),
        "keyness": mk.keyness(clean, "rewrite", measure="lr", remove_stopwords=True),
        "pairs": pairs.assign(version=pairs["doc_id_a"].str.split("/").str[0]),
    }


PLOTS = {
    "alignment_dotplot": lambda t, ax: plot.alignment_dotplot(
        t["alignment"], ax=ax, a_label="wire", b_label="rewrite"
    ),
    "dispersion": lambda t, ax: plot.dispersion(t["hits"], t["clean"], ax=ax),
    "feature_comparison": lambda t, ax: plot.feature_comparison(
        t["features"], ax=ax, reference="wire"
    ),
    "frame_profile": lambda t, ax: plot.frame_profile(t["counts"], ax=ax),
    "keyness": lambda t, ax: plot.keyness(t["keyness"], ax=ax, n=10, labels=("rewrite", "wire")),
    "quote_bars": lambda t, ax: plot.quote_bars(t["quotes"], ax=ax),
    "removal_bars": lambda t, ax: plot.removal_bars(t["audit"], ax=ax),
    "reuse_bars": lambda t, ax: plot.reuse_bars(t["reuse"], ax=ax),
    "similarity_heatmap": lambda t, ax: plot.similarity_heatmap(t["sentence_pairs"], ax=ax),
    "similarity_histogram": lambda t, ax: plot.similarity_histogram(
        t["pairs"], ax=ax, by="version", threshold=0.5
    ),
}


def test_every_plot_is_covered():
    drawn = {n for n in plot.__all__ if n[0].islower()} - {
        "colormap",
        "palette",
        "savefig",
        "style",
    }
    assert drawn == set(PLOTS)


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_plots_are_readable_at_column_width(sample_tables, name, tmp_path: Path):
    with plot.style(width="column"):
        fig, ax = plt.subplots()
        PLOTS[name](sample_tables, ax)
        ax.set_title(name)
        path = plot.savefig(fig, tmp_path / f"{name}.svg")
        sizes = {
            t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
        }
        assert min(sizes) >= 7, sorted(sizes)
        # the extent of everything drawn, in inches, lies inside the figure
        x0, y0, x1, y1 = fig.get_tightbbox().extents
        w, h = fig.get_size_inches()
        assert x0 >= 0 and y0 >= 0 and x1 <= w and y1 <= h, (name, (x0, y0, x1, y1), (w, h))
    head = path.read_text("utf-8")[:600]
    assert f'width="{w * PT_PER_INCH:g}pt"' in head  # saved at exactly the width
