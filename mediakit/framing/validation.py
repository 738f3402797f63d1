"""Validate a dictionary against human coding: sample, code, measure.

A dictionary count is only believed when a sample of its hits has been read in
context and judged by people. This module is that workflow:

1. :func:`sample_hits` draws a seeded, stratified sample of hits (one row per
   hit, as ``frame_hits`` returns them) and writes a coding sheet (CSV) with
   each hit in its context and empty ``relevant`` / ``coder`` / ``note``
   columns for a human coder.
2. :func:`dictionary_precision` reads the coded sheet back and reports the
   precision of each category (share of hits judged relevant) with a
   confidence interval (Wilson score by default, Clopper-Pearson on request).
3. :func:`mediakit.coder_agreement` (in :mod:`mediakit.framing.agreement`) measures
   the agreement between coders who coded the same hits: Krippendorff's alpha.

The hits table contract: RangeIndex (the ``hit_id``), columns ``doc_id``,
``sent_id``, ``category``, ``pattern``, ``matched`` (the matched text),
``start``, ``end`` (character offsets into the article's ``text``).
"""

from __future__ import annotations

import math
import os
import re
from typing import Any, Literal

import numpy as np
import pandas as pd

from mediakit._validation import check_articles, check_option, check_table, show_values, warn

__all__ = ["dictionary_precision", "sample_hits"]

HIT_COLUMNS = ("doc_id", "sent_id", "category", "pattern", "matched", "start", "end")
SHEET_COLUMNS = (
    "hit_id",
    "doc_id",
    "sent_id",
    "category",
    "pattern",
    "matched",
    "pre",
    "keyword",
    "post",
    "relevant",
    "coder",
    "note",
)
#: Codes accepted in the ``relevant`` column (compared after strip + casefold).
RELEVANT_CODES: dict[str, int] = {
    "1": 1,
    "1.0": 1,
    "true": 1,
    "yes": 1,
    "y": 1,
    "relevant": 1,
    "0": 0,
    "0.0": 0,
    "false": 0,
    "no": 0,
    "n": 0,
    "not relevant": 0,
}
_SPACE = re.compile(r"\s+")
CODED = "a coded DataFrame: the sheet of sample_hits with `relevant` filled in"


# ---------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------


def _is_blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _relevance_code(value: Any) -> int | None:
    """1, 0, or ``None`` when ``value`` is not an accepted relevance code."""
    if isinstance(value, bool | np.bool_):
        return int(value)
    if isinstance(value, int | np.integer | float | np.floating):
        return int(value) if value in (0, 1) else None
    if isinstance(value, str):
        return RELEVANT_CODES.get(_SPACE.sub(" ", value.strip().casefold()))
    return None


# ---------------------------------------------------------------------------
# sample_hits
# ---------------------------------------------------------------------------


def sample_hits(
    hits: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    n_per_category: int = 20,
    seed: int = 0,
    context: Literal["sentence"] | int = "sentence",
    path: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Draw a stratified random sample of hits as a coding sheet.

    Parameters
    ----------
    hits : pandas.DataFrame
        One row per dictionary hit (as ``frame_hits`` returns it): columns
        ``doc_id``, ``sent_id``, ``category``, ``pattern``, ``matched``,
        ``start``, ``end``; its (unique) index labels become ``hit_id``, so a
        coded row can be joined back with ``hits.loc[hit_id]``.
    articles : pandas.DataFrame, optional
        The articles frame the hits were found in (index ``doc_id``, column
        ``text``; offsets must refer to this ``text``). Needed for the context
        columns; without it they are empty and a warning says so.
    n_per_category : int, default 20
        Hits drawn per category; a category with fewer hits is taken whole.
    seed : int, default 0
        Seed of the random generator; the same hits, seed and
        ``n_per_category`` always give the same sample.
    context : {"sentence"} or int, default "sentence"
        ``"sentence"``: ``pre``/``post`` run to the start/end of the sentence
        around the hit (sentences from :func:`mediakit.split_sentences`, found
        by the hit's offsets). An int ``k`` >= 0: ``k`` characters either side.
    path : str or path-like, optional
        If given, the sheet is also written there as CSV in UTF-8 with a byte
        order mark (``utf-8-sig``), so that Excel shows non-ASCII text right.

    Returns
    -------
    pandas.DataFrame
        The coding sheet, RangeIndex, columns ``hit_id``, ``doc_id``,
        ``sent_id``, ``category``, ``pattern``, ``matched``, ``pre``,
        ``keyword``, ``post``, ``relevant``, ``coder``, ``note``. ``keyword``
        is ``text[start:end]``; in ``pre``, ``keyword`` and ``post`` every run
        of whitespace (line breaks included) is written as one space so each
        hit fits on one spreadsheet row; the text is plain, not HTML. The
        coder fills ``relevant`` with ``1``/``0`` (or ``yes``/``no``; all
        accepted codes are listed in :func:`dictionary_precision`), ``coder``
        with their name or initials and ``note`` freely.

    Notes
    -----
    Sampling: categories are visited in sorted order; within a category the
    hits keep their order in ``hits``. One generator,
    ``numpy.random.default_rng(seed)``, draws for each category with more than
    ``n_per_category`` hits ``rng.choice(n_hits, n_per_category,
    replace=False)`` positions. The sample is shown sorted by category, then
    by the hits' order. It depends only on numpy's generator (not on pandas'
    sampling), so it is stable across pandas versions; numpy keeps
    ``default_rng`` streams stable in practice but does not promise identical
    streams across every future version, so keep the written sheet.

    A hit whose offsets do not reproduce ``matched`` in the article's text
    (hits from another version of the text), or whose ``doc_id`` is not in
    ``articles``, gets empty context and a warning naming it.

    Examples
    --------
    >>> import pandas as pd
    >>> articles = pd.DataFrame(
    ...     {"text": ["Talks stalled. The threat of war grew. Nobody spoke."]},
    ...     index=pd.Index(["a"], name="doc_id"),
    ... )
    >>> hits = pd.DataFrame({"doc_id": ["a"], "sent_id": [1], "category": ["conflict"],
    ...                      "pattern": ["threat*"], "matched": ["threat"],
    ...                      "start": [19], "end": [25]})
    >>> sheet = sample_hits(hits, articles)
    >>> sheet.loc[0, ["pre", "keyword", "post"]].tolist()
    ['The ', 'threat', ' of war grew.']
    >>> sample_hits(hits, articles, context=3).loc[0, "post"]
    ' of'
    """
    func = "sample_hits"
    check_table(
        hits, HIT_COLUMNS, func=func, name="`hits`", described="the hits DataFrame of frame_hits"
    )
    if not hits.index.is_unique:
        raise ValueError(
            f"{func} uses the hits' index as hit_id and needs it unique; duplicated: "
            f"{show_values(hits.index[hits.index.duplicated()].unique())}; "
            "use hits.reset_index(drop=True)"
        )
    if isinstance(n_per_category, bool) or not isinstance(n_per_category, int | np.integer):
        raise TypeError(f"`n_per_category` must be an int, got {n_per_category!r}")
    if n_per_category < 1:
        raise ValueError(f"`n_per_category` must be at least 1, got {n_per_category}")
    if isinstance(context, str):
        check_option("context", context, {"sentence"})
    elif isinstance(context, bool) or not isinstance(context, int | np.integer) or context < 0:
        raise ValueError(
            f"`context` = {context!r} is invalid; expected 'sentence' or an int >= 0 (characters)"
        )
    if articles is not None:
        check_articles(articles, func=func)
    if hits["category"].isna().any():
        rows = hits.index[hits["category"].isna()]
        raise ValueError(f"{func}: hits with no category in rows {show_values(rows)}")

    rng = np.random.default_rng(seed)
    categories = sorted(pd.unique(hits["category"]), key=str)
    chosen: list[np.ndarray] = []
    for cat in categories:
        positions = np.flatnonzero((hits["category"] == cat).to_numpy(dtype=bool))
        if len(positions) > n_per_category:
            take = rng.choice(len(positions), size=int(n_per_category), replace=False)
            positions = positions[np.sort(take)]
        chosen.append(positions)
    order = np.concatenate(chosen) if chosen else np.array([], dtype=np.intp)
    sample = hits.iloc[order]

    sheet = pd.DataFrame(
        {
            "hit_id": sample.index.to_numpy(),
            **{c: sample[c].to_numpy() for c in ("doc_id", "sent_id", "category")},
            **{c: sample[c].to_numpy() for c in ("pattern", "matched")},
        }
    )
    pre, keyword, post = _contexts(sample, articles, context, func)
    sheet["pre"] = pd.Series(pre, dtype="str")
    sheet["keyword"] = pd.Series(keyword, dtype="str")
    sheet["post"] = pd.Series(post, dtype="str")
    for col in ("relevant", "coder", "note"):
        sheet[col] = pd.Series([""] * len(sheet), dtype="str")
    if path is not None:
        _csv_safe(sheet).to_csv(path, index=False, encoding="utf-8-sig")
    return sheet


# Cells that a spreadsheet would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(sheet: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that start like a formula with "'" so Excel shows them as text.

    Articles are untrusted web content: a context such as ``=HYPERLINK(...)``
    must not run when a coder opens the sheet. Only the written file changes;
    the returned DataFrame keeps the text as it is in the articles.
    """
    out = sheet.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            values = out[col].astype("object")
            risky = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START))
            out[col] = values.where(~risky, "'" + values.astype(str))
    return out


def _contexts(
    sample: pd.DataFrame, articles: pd.DataFrame | None, context: str | int, func: str
) -> tuple[list[str], list[str], list[str]]:
    n = len(sample)
    pre, keyword, post = [""] * n, [""] * n, [""] * n
    if n == 0:
        return pre, keyword, post
    if articles is None:
        warn(
            f"{func}: no `articles` given, so the context columns (pre, keyword, post) are empty",
            stacklevel=4,
        )
        return pre, keyword, post

    doc_ids = sample["doc_id"].tolist()
    known = set(articles.index)
    unknown = sorted({d for d in doc_ids if d not in known}, key=str)
    if unknown:
        warn(
            f"{func}: doc_id(s) {show_values(unknown)} not in `articles`; their context is empty",
            stacklevel=4,
        )
    used = [d for d in dict.fromkeys(doc_ids) if d in known]
    texts = {d: ("" if _is_blank(t) else str(t)) for d, t in articles.loc[used, "text"].items()}

    bounds: dict[Any, tuple[np.ndarray, np.ndarray]] = {}
    if context == "sentence" and used:
        from mediakit.segment import split_sentences

        sents = split_sentences(articles.loc[used])
        for d, g in sents.groupby("doc_id", sort=False):
            bounds[d] = (g["start"].to_numpy(np.int64), g["end"].to_numpy(np.int64))

    bad: list[Any] = []
    rows = zip(
        sample.index, doc_ids, sample["matched"], sample["start"], sample["end"], strict=True
    )
    for i, (hit_id, doc, matched, start, end) in enumerate(rows):
        if doc not in texts:
            continue
        text = texts[doc]
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            bad.append(hit_id)
            continue
        if not (0 <= s <= e <= len(text)) or (not _is_blank(matched) and text[s:e] != matched):
            bad.append(hit_id)
            continue
        if context == "sentence":
            starts, ends = bounds.get(doc, (np.array([0]), np.array([len(text)])))
            first = int(np.searchsorted(starts, s, side="right")) - 1
            last = int(np.searchsorted(starts, max(e - 1, s), side="right")) - 1
            lo = int(starts[first]) if first >= 0 else 0
            hi = max(int(ends[last]), e) if last >= 0 else e
        else:
            lo, hi = max(0, s - int(context)), min(len(text), e + int(context))
        pre[i] = _SPACE.sub(" ", text[lo:s])
        keyword[i] = _SPACE.sub(" ", text[s:e])
        post[i] = _SPACE.sub(" ", text[e:hi])
    if bad:
        warn(
            f"{func}: the offsets of hit_id(s) "
            f"{show_values(bad)} do not reproduce `matched` in the "
            "articles' text (were the hits found in another version of the text?); "
            "their context is empty",
            stacklevel=4,
        )
    return pre, keyword, post


# ---------------------------------------------------------------------------
# dictionary_precision
# ---------------------------------------------------------------------------


def _parse_relevant(coded: pd.DataFrame, column: str, func: str) -> pd.Series:
    """Float Series: 1.0, 0.0, NaN (not coded); raises on anything else."""
    out: list[float] = []
    bad: list[tuple[Any, Any]] = []
    for label, value in coded[column].items():
        if _is_blank(value):
            out.append(np.nan)
            continue
        code = _relevance_code(value)
        if code is None:
            bad.append((label, value))
            out.append(np.nan)
        else:
            out.append(float(code))
    if bad:
        shown = ", ".join(f"row {r!r}: {v!r}" for r, v in bad[:10])
        more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
        raise ValueError(
            f"{func}: column `{column}` has values that are not relevance codes ({shown}{more}); "
            "use 1/0, yes/no, y/n, true/false or relevant/not relevant, or leave the cell empty"
        )
    return pd.Series(out, index=coded.index, dtype="float64")


def _wilson(x: int, n: int, z: float) -> tuple[float, float]:
    p = x / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def _clopper_pearson(x: int, n: int, alpha: float) -> tuple[float, float]:
    from scipy.stats import beta

    low = 0.0 if x == 0 else float(beta.ppf(alpha / 2, x, n - x + 1))
    high = 1.0 if x == n else float(beta.ppf(1 - alpha / 2, x + 1, n - x))
    return low, high


def dictionary_precision(
    coded: pd.DataFrame,
    *,
    by: str = "category",
    confidence: float = 0.95,
    method: Literal["wilson", "clopper_pearson"] = "wilson",
) -> pd.DataFrame:
    r"""Precision of each dictionary category, from a coded sheet.

    Parameters
    ----------
    coded : pandas.DataFrame
        A coding sheet from :func:`sample_hits` with ``relevant`` filled in
        (or any table with a ``relevant`` column and the ``by`` column).
        Accepted codes, case-insensitive, surrounding spaces ignored:
        ``1``/``0``, ``True``/``False``, ``"yes"``/``"no"``, ``"y"``/``"n"``,
        ``"relevant"``/``"not relevant"``. Empty cells (blank, NaN) are
        uncoded. Any other value raises ``ValueError`` naming the rows.
    by : str, default "category"
        Column to group by.
    confidence : float, default 0.95
        Confidence level of the interval, strictly between 0 and 1.
    method : {"wilson", "clopper_pearson"}, default "wilson"
        Interval for the binomial proportion.

    Returns
    -------
    pandas.DataFrame
        Index ``by`` (one row per group, sorted, then a last row ``"all"``
        pooling every coded row), columns ``n_coded``, ``n_relevant``,
        ``precision`` (= ``n_relevant / n_coded``), ``ci_low``, ``ci_high``,
        ``n_uncoded``. A group with no coded rows has NaN precision and
        interval. ``attrs`` records ``method`` and ``confidence``.

    Notes
    -----
    With :math:`x` relevant of :math:`n` coded hits, :math:`\hat p = x/n` and
    :math:`z = \Phi^{-1}(1 - \alpha/2)`, :math:`\alpha = 1 - ` confidence.

    Wilson score interval (Wilson 1927; recommended by Brown, Cai & DasGupta
    2001 for small :math:`n`):

    .. math::

        \frac{\hat p + \frac{z^2}{2n}}{1 + \frac{z^2}{n}} \pm
        \frac{z}{1 + \frac{z^2}{n}}
        \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^2}{4 n^2}}

    Clopper-Pearson "exact" interval (Clopper & Pearson 1934): lower
    :math:`B(\alpha/2;\, x, n - x + 1)` (0 when :math:`x = 0`), upper
    :math:`B(1 - \alpha/2;\, x + 1, n - x)` (1 when :math:`x = n`), with
    :math:`B(q; a, b)` the quantile of the beta distribution. Both are the
    intervals ``scipy.stats.binomtest(x, n).proportion_ci`` gives with
    ``method="wilson"`` and ``"exact"``.

    Uncoded rows are left out of every count except ``n_uncoded``, with a
    warning. The sample was drawn per category, so the pooled ``"all"`` row
    is the precision over the coded hits, not an estimate for the corpus
    (weight the categories by their hit counts for that).

    Examples
    --------
    >>> import pandas as pd
    >>> coded = pd.DataFrame({"category": ["conflict"] * 10,
    ...                       "relevant": ["yes"] * 7 + ["no"] * 3})
    >>> table = dictionary_precision(coded)
    >>> table.index.tolist()
    ['conflict', 'all']
    >>> table.loc["conflict", ["n_coded", "n_relevant", "n_uncoded"]].tolist()
    [10, 7, 0]
    >>> table.loc["conflict", ["precision", "ci_low", "ci_high"]].astype(float).round(3).tolist()
    [0.7, 0.397, 0.892]
    """
    func = "dictionary_precision"
    check_table(coded, (by, "relevant"), func=func, name="`coded`", described=CODED)
    check_option("method", method, {"wilson", "clopper_pearson"})
    if isinstance(confidence, bool) or not isinstance(confidence, int | float | np.floating):
        raise TypeError(f"`confidence` must be a number between 0 and 1, got {confidence!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"`confidence` must be strictly between 0 and 1, got {confidence}")
    groups = coded[by]
    if groups.isna().any():
        raise ValueError(
            f"{func}: column `{by}` is empty in rows {show_values(coded.index[groups.isna()])}"
        )
    if (groups.astype(str) == "all").any():
        raise ValueError(
            f"{func}: a `{by}` is named 'all', the name of the pooled row; rename that {by}"
        )
    relevant = _parse_relevant(coded, "relevant", func)
    uncoded = relevant.isna()
    if uncoded.any():
        warn(
            f"{func}: {int(uncoded.sum())} row(s) have an empty `relevant` and are left out: "
            f"rows {show_values(coded.index[uncoded])}"
        )
    alpha = 1 - float(confidence)
    from scipy.stats import norm

    z = float(norm.ppf(1 - alpha / 2))

    def summarise(values: pd.Series) -> dict[str, Any]:
        n_unc = int(values.isna().sum())
        done = values.dropna()
        n, x = len(done), int(done.sum())
        if n == 0:
            low = high = prec = np.nan
        else:
            prec = x / n
            low, high = _wilson(x, n, z) if method == "wilson" else _clopper_pearson(x, n, alpha)
        return {
            "n_coded": n,
            "n_relevant": x,
            "precision": prec,
            "ci_low": low,
            "ci_high": high,
            "n_uncoded": n_unc,
        }

    rows: dict[Any, dict[str, Any]] = {}
    for key in sorted(pd.unique(groups), key=str):
        rows[key] = summarise(relevant[(groups == key).to_numpy(dtype=bool)])
    rows["all"] = summarise(relevant)
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index = pd.Index(list(rows), name=by, dtype=object)
    out = out.astype({"n_coded": "int64", "n_relevant": "int64", "n_uncoded": "int64"})
    out.attrs = {"method": method, "confidence": float(confidence)}
    return out


# ---------------------------------------------------------------------------
# coder_agreement
# ---------------------------------------------------------------------------
