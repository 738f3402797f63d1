"""Agreement between human coders: Krippendorff's alpha on a coded sheet.

Part of the dictionary-validation workflow (see :mod:`mediakit.framing.validation`):
when two or more coders coded the same hits of :func:`mediakit.sample_hits`,
:func:`coder_agreement` reports how far they agree, with Krippendorff's alpha
computed by the well-kept ``krippendorff`` package.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from mediakit._validation import check_option, check_table, show_values, warn
from mediakit.framing.validation import CODED, _is_blank, _relevance_code

__all__ = ["coder_agreement"]


def coder_agreement(
    coded: pd.DataFrame,
    *,
    unit: str = "hit_id",
    coder: str = "coder",
    value: str = "relevant",
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
) -> pd.Series:
    r"""Agreement between coders: Krippendorff's alpha and percent agreement.

    Parameters
    ----------
    coded : pandas.DataFrame
        Long table, one row per unit x coder (e.g. the coding sheets of all
        coders stacked with :func:`pandas.concat`).
    unit, coder, value : str
        Columns naming the coded unit (default ``hit_id``), the coder, and the
        code. Empty codes are missing values (the unit is then coded by fewer
        coders). If every code is a relevance code (see
        :func:`dictionary_precision`) codes are read as 1/0, so one coder's
        ``"yes"`` and another's ``1`` are the same code; otherwise, for
        ``level="nominal"`` codes are labels (strings are stripped), and for
        the other levels they must be numbers.
    level : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        Level of measurement (the difference function of alpha).

    Returns
    -------
    pandas.Series
        ``alpha`` (Krippendorff's alpha; NaN with a warning when fewer than
        two distinct codes occur among pairable values, where alpha is 0/0),
        ``observed_agreement`` (share of pairable units on which all their
        coders gave the same code), ``n_units`` (units in the table),
        ``n_units_pairable`` (units with at least two codes; only these enter
        alpha), ``n_coders``, ``level``.

    Notes
    -----
    The table is pivoted to the reliability matrix (coders x units, NaN where
    a coder did not code a unit) and passed to ``krippendorff.alpha``
    (Castro, https://github.com/pln-fing-udelar/fast-krippendorff), which
    computes :math:`\alpha = 1 - D_o / D_e` from the coincidence matrix
    (Krippendorff 2011, "Computing Krippendorff's alpha-reliability").
    Krippendorff (2004) suggests relying on variables with
    :math:`\alpha \ge 0.800` and drawing tentative conclusions only for
    :math:`0.667 \le \alpha < 0.800`.

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({
    ...     "hit_id": [0, 0, 1, 1, 2, 2, 3, 3],
    ...     "coder": ["ann", "bob"] * 4,
    ...     "relevant": ["yes", 1, "no", 0, "yes", "no", "yes", "yes"],
    ... })
    >>> res = coder_agreement(coded)
    >>> round(res["alpha"], 3), res["observed_agreement"], res["n_coders"]
    (0.533, 0.75, 2)
    """
    func = "coder_agreement"
    check_table(coded, (unit, coder, value), func=func, name="`coded`", described=CODED)
    check_option("level", level, {"nominal", "ordinal", "interval", "ratio"})
    for col in (unit, coder):
        if coded[col].isna().any():
            raise ValueError(
                f"{func}: column `{col}` is empty in rows "
                f"{show_values(coded.index[coded[col].isna()])}"
            )
    dupes = coded.duplicated([unit, coder], keep=False)
    if dupes.any():
        raise ValueError(
            f"{func}: a coder coded the same {unit} more than once, rows "
            f"{show_values(coded.index[dupes])}; keep one row per {unit} x {coder}"
        )

    raw = coded[value]
    present = ~raw.map(_is_blank).astype(bool)
    codes_rel = [_relevance_code(v) for v in raw[present]]
    if present.any() and all(c is not None for c in codes_rel):
        numeric = pd.Series(np.nan, index=coded.index, dtype="float64")
        numeric[present] = [float(c) for c in codes_rel]  # type: ignore[arg-type]
    elif level == "nominal":
        labels = raw[present].map(lambda v: v.strip() if isinstance(v, str) else v)
        domain = sorted(pd.unique(labels), key=str)
        lookup = {v: float(i) for i, v in enumerate(domain)}
        numeric = pd.Series(np.nan, index=coded.index, dtype="float64")
        numeric[present] = labels.map(lookup).to_numpy(dtype="float64")
    else:
        numeric = pd.to_numeric(raw.where(present), errors="coerce").astype("float64")
        bad = present & numeric.isna()
        if bad.any():
            raise ValueError(
                f"{func}: level={level!r} needs numeric codes in `{value}`; not numeric in rows "
                f"{show_values(coded.index[bad])}"
            )

    table = pd.DataFrame(
        {"unit": coded[unit].to_numpy(), "coder": coded[coder].to_numpy(), "v": numeric.to_numpy()}
    )
    matrix = table.pivot(index="coder", columns="unit", values="v")
    data = matrix.to_numpy(dtype="float64")
    n_codes = (~np.isnan(data)).sum(axis=0)
    pairable = n_codes >= 2
    agree = [len(set(col[~np.isnan(col)])) == 1 for col in data.T[pairable]]
    observed = float(np.mean(agree)) if agree else np.nan

    pair_values = data[:, pairable]
    distinct = np.unique(pair_values[~np.isnan(pair_values)])
    if matrix.shape[0] < 2 or not pairable.any():
        warn(f"{func}: no unit was coded by two coders, so agreement cannot be measured")
        alpha_value = np.nan
    elif len(distinct) < 2:
        warn(
            f"{func}: all pairable codes are the same value ({distinct[0]!r}), so alpha is "
            "undefined (0/0); check more varied units"
        )
        alpha_value = np.nan
    else:
        import krippendorff

        alpha_value = float(
            krippendorff.alpha(reliability_data=pair_values, level_of_measurement=level)
        )
    return pd.Series(
        {
            "alpha": alpha_value,
            "observed_agreement": observed,
            "n_units": int(matrix.shape[1]),
            "n_units_pairable": int(pairable.sum()),
            "n_coders": int(matrix.shape[0]),
            "level": level,
        },
        name="agreement",
        dtype=object,
    )
