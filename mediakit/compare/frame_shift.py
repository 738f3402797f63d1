"""How the frames of a story change from one version to another, sentence by sentence.

:func:`frame_shift` puts two tools together: :func:`mediakit.compare.align.align_sentences`
says which sentences of a rewrite come from which sentences of its source, and
:func:`mediakit.framing.frame_hits` says which dictionary words each sentence
holds. The result answers "where did the rewrite add conflict words, and which
ones?" one aligned unit at a time; :func:`frame_shift_summary` totals it per
category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from mediakit._validation import (
    check_articles,
    check_doc_id,
    check_table,
    show_values,
    warn,
)
from mediakit.compare.align import ALIGNMENT_LABELS, align_sentences
from mediakit.framing.frames import Dictionary, hits_table, scan_articles

__all__ = ["SHIFT_COLUMNS", "frame_shift", "frame_shift_summary"]

#: The columns of the table :func:`frame_shift` returns.
SHIFT_COLUMNS: tuple[str, ...] = (
    "unit",
    "a_sents",
    "b_sents",
    "label",
    "category",
    "n_a",
    "n_b",
    "change",
    "removed",
    "added",
    "a_text",
    "b_text",
)
_ALIGNMENT_DESCRIBED = "from align_sentences(articles, a, b)"


def frame_shift(
    articles: pd.DataFrame,
    dictionary: Dictionary | Mapping[str, Any],
    a: Hashable,
    b: Hashable,
    *,
    alignment: pd.DataFrame | None = None,
    categories: Any = None,
    **align_kwargs: Any,
) -> pd.DataFrame:
    """Compare the frame counts of aligned sentences of two versions of a story.

    The sentences of ``a`` (the source, e.g. the wire story) and ``b`` (the
    other version) are grouped into *units* by the alignment: the connected
    components of its ``a_sent``–``b_sent`` links. A one-to-one pair is a
    unit; a merge (``a`` sentences 3 and 4 in ``b``'s 2) is one unit, as is a
    split; a dropped ``a`` sentence and an added ``b`` sentence are units of
    their own. So the hits of a sentence are counted once, however many rows
    of the alignment it appears in. Each unit's hits (:func:`frame_hits`) are
    then counted per category on both sides.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles frame (index ``doc_id``, column ``text``), usually cleaned
        with :func:`mediakit.clean_articles`.
    dictionary : Dictionary or mapping
        As in :func:`mediakit.framing.frame_hits`.
    a, b : hashable
        Two different ``doc_id`` values: the source version and the other one.
    alignment : pandas.DataFrame, optional
        An alignment table of ``a`` to ``b`` computed earlier (columns
        ``a_sent``, ``b_sent``, ``label``; ``a_text``/``b_text`` are used,
        when present, only to check that it was computed on these texts), or
        a hand alignment in that layout. By default
        ``align_sentences(articles, a, b, **align_kwargs)``.
    categories : str or list of str, optional
        Only these categories; default all, parents included.
    **align_kwargs
        Passed to :func:`mediakit.compare.align.align_sentences` (e.g.
        ``threshold=``, ``include_subheadings=``); not allowed together with
        ``alignment``.

    Returns
    -------
    pandas.DataFrame
        RangeIndex, one row per unit and category where the unit has at least
        one hit of that category on either side; units in the reading order
        of the alignment table (the row where a unit first appears), then
        categories in dictionary order. Columns:

        * ``unit`` (int64): the unit number, 0-based, counting every unit,
          also those without hits (so numbers may skip);
        * ``a_sents``, ``b_sents``: tuples of ``sent_id`` (ints, ascending)
          of the unit's sentences in ``a`` and ``b``; ``()`` when absent;
        * ``label``: the alignment label of the unit. When its rows carry
          several labels (a hand alignment linking a merge to a split, say)
          the first label in table order that is not ``"verbatim"``;
          ``"unaligned"`` for a sentence missing from the alignment (see
          Warns);
        * ``category``; ``n_a``, ``n_b`` (int64): hits of the category in
          the unit's sentences of ``a`` and of ``b``; ``change`` = ``n_b -
          n_a``;
        * ``removed``: the matched words of ``a``'s hits that have no
          counterpart among ``b``'s hits of the category, as a multiset
          difference on the casefolded ``matched`` text (whitespace runs
          read as one space): ``a`` "failed; failed" against ``b`` "Failed"
          leaves "failed". As written, in reading order, joined by ``"; "``;
          ``""`` when none. ``added``: the same for ``b`` against ``a``. A
          unit can have ``change == 0`` and still swap words ("fail" for
          "collapse");
        * ``a_text``, ``b_text``: the unit's sentences joined by a space
          (as in :func:`mediakit.split_sentences`); ``""`` when absent.

        ``attrs`` holds ``a``, ``b``, ``dictionary`` (its name) and
        ``categories`` (those compared, in order).

        **Invariant.** A pattern never matches across a sentence boundary, and
        every sentence of ``a`` and ``b`` belongs to exactly one unit, so
        ``change`` summed per category over all rows equals
        ``count_frames(articles, dictionary).loc[b] - ...loc[a]`` for that
        category; likewise the sums of ``n_a`` and ``n_b``.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not a doc_id of ``articles`` (the message lists
        valid ones), if ``a == b``, if ``alignment`` lacks a column, holds a
        row without any sentence, a ``sent_id`` the article does not have, or
        an unknown label; for an unknown category.
    TypeError
        If ``alignment`` is not a DataFrame, or ``align_kwargs`` are given
        together with ``alignment``.

    Warns
    -----
    MediakitWarning
        If sentences of ``a`` or ``b`` are missing from ``alignment`` (a hand
        alignment that skips the crossheads, say): they are not dropped but
        reported as units of their own, labelled ``"unaligned"``, after the
        aligned units (``a``'s first, then ``b``'s, in reading order), so the
        invariant holds. Also if the alignment's ``a_text``/``b_text`` differ
        from the articles' sentences (was it computed before
        :func:`mediakit.clean_articles`?): counts use the articles.

    See Also
    --------
    frame_shift_summary : totals of this table per category.
    mediakit.compare.align.align_sentences : the alignment used.
    mediakit.framing.frame_hits : the hits counted.

    Examples
    --------
    >>> import pandas as pd
    >>> from mediakit.framing import Dictionary
    >>> articles = pd.DataFrame(
    ...     {"text": ["Officials said the talks failed. Markets rose.",
    ...               "Officials claimed the talks collapsed in acrimony. Markets rose. "
    ...               "Critics insisted it would fail."]},
    ...     index=pd.Index(["wire", "rewrite"], name="doc_id"),
    ... )
    >>> d = Dictionary.from_dict({"neutral": ["said", "told"],
    ...                           "loaded": ["claimed", "insisted"],
    ...                           "conflict": ["collaps*", "acrimony", "fail*"]})
    >>> alignment = pd.DataFrame({"a_sent": [0, 1, None], "b_sent": [0, 1, 2],
    ...                           "label": ["rewritten", "verbatim", "added"]})
    >>> shift = frame_shift(articles, d, "wire", "rewrite", alignment=alignment)
    >>> cols = ["unit", "label", "category", "n_a", "n_b", "change", "removed", "added"]
    >>> shift[cols]  # doctest: +NORMALIZE_WHITESPACE
       unit      label  category  n_a  n_b  change removed                added
    0     0  rewritten   neutral    1    0      -1    said
    1     0  rewritten    loaded    0    1       1                      claimed
    2     0  rewritten  conflict    1    2       1  failed  collapsed; acrimony
    3     2      added    loaded    0    1       1                     insisted
    4     2      added  conflict    0    1       1                         fail

    Unit 1 ("Markets rose.", verbatim) has no hit, so no row. The words
    behind a change, with the sentences:

    >>> print(shift.loc[2, "a_text"], "|", shift.loc[2, "b_text"])
    Officials said the talks failed. | Officials claimed the talks collapsed in acrimony.
    >>> frame_shift_summary(shift)
       category  n_a  n_b  change  units_changed
    0   neutral    1    0      -1              1
    1    loaded    0    2       2              2
    2  conflict    1    3       2              2
    """
    func = "frame_shift"
    check_articles(articles, func=func)
    check_doc_id(articles, a, func=func, name="a")
    check_doc_id(articles, b, func=func, name="b")
    if a == b:
        raise ValueError(
            f"{func}: `a` and `b` are the same doc_id ({a!r}); pass two different versions "
            "of the story (a = the source, b = the other version)"
        )
    pair = articles.loc[[a, b], ["text"]]
    # one pass finds the sentences (for the alignment) and the hits
    scan = scan_articles(pair, dictionary, categories, func)
    sents = scan.sentences[["doc_id", "par_id", "sent_id", "start", "end", "text", "kind"]]
    texts = {
        (doc, int(s)): str(t)
        for doc, s, t in zip(sents["doc_id"], sents["sent_id"], sents["text"], strict=True)
    }
    ids = {doc: sents.loc[sents["doc_id"] == doc, "sent_id"].astype(int).tolist() for doc in (a, b)}
    if alignment is None:
        align_kwargs.setdefault("sentences", sents)
        alignment = align_sentences(articles, a, b, **align_kwargs)
    elif align_kwargs:
        raise TypeError(
            f"{func}: {sorted(align_kwargs)} configure align_sentences, which is not run when "
            "`alignment` is given; pass them to align_sentences(...) or drop `alignment`"
        )
    links = _links(alignment, ids[a], ids[b], func)
    _check_texts(alignment, links, texts, a, b, func)
    units = _units(links, ids[a], ids[b], a, b, func)
    hits, _ = hits_table(scan)
    return _table(units, hits, scan.categories, texts, a, b, scan.dictionary.name)


def _links(
    alignment: Any, ids_a: list[int], ids_b: list[int], func: str
) -> list[tuple[int | None, int | None, str]]:
    """Validate ``alignment`` and return its rows as (a_sent, b_sent, label)."""
    check_table(
        alignment,
        ("a_sent", "b_sent", "label"),
        func=func,
        name="`alignment`",
        described=_ALIGNMENT_DESCRIBED,
    )
    cols = {}
    for col in ("a_sent", "b_sent"):
        try:
            cols[col] = pd.array(alignment[col].to_numpy(dtype=object), dtype="Int64")
        except (TypeError, ValueError):
            raise ValueError(
                f"{func}: `alignment` column {col!r} must hold integer sent_ids or <NA> "
                f"({_ALIGNMENT_DESCRIBED}); got {show_values(alignment[col].unique())}"
            ) from None
    na_a, na_b = cols["a_sent"].isna(), cols["b_sent"].isna()
    empty = np.flatnonzero(np.asarray(na_a & na_b))
    if len(empty):
        raise ValueError(
            f"{func}: `alignment` row(s) {show_values(empty.tolist(), bare=True)} have neither "
            "a_sent nor b_sent; drop them or fill in the sentence"
        )
    labels = alignment["label"].astype(object).tolist()
    bad = sorted({repr(x) for x in labels if x not in ALIGNMENT_LABELS})
    if bad:
        raise ValueError(
            f"{func}: `alignment` has unknown label(s) [{', '.join(bad)}]; "
            f"expected labels among {list(ALIGNMENT_LABELS)}"
        )
    rows = [
        (None if pd.isna(x) else int(x), None if pd.isna(y) else int(y), str(lab))
        for x, y, lab in zip(cols["a_sent"], cols["b_sent"], labels, strict=True)
    ]
    for side, pos, known in (("a", 0, ids_a), ("b", 1, ids_b)):
        sent_ids = {r[0] if pos == 0 else r[1] for r in rows}
        unknown = sorted({i for i in sent_ids if i is not None} - set(known))
        if unknown:
            have = f"0 to {max(known)}" if known else "none"
            raise ValueError(
                f"{func}: `alignment` refers to {side}_sent(s) {show_values(unknown, bare=True)} "
                f"that article `{side}` does not have (its sent_ids: {have}); was the alignment "
                "computed on other articles or other text? Recompute it with "
                "align_sentences(articles, a, b)"
            )
    return rows


def _check_texts(
    alignment: pd.DataFrame,
    links: list[tuple[int | None, int | None, str]],
    texts: dict[tuple[Any, int], str],
    a: Hashable,
    b: Hashable,
    func: str,
) -> None:
    """Warn when the alignment's sentence texts are not the articles' sentences."""
    for side, pos, doc in (("a", 0, a), ("b", 1, b)):
        col = f"{side}_text"
        if col not in alignment.columns:
            continue
        differ = sorted(
            {
                sent
                for sent, t in zip(
                    (link[0] if pos == 0 else link[1] for link in links),
                    alignment[col],
                    strict=True,
                )
                if sent is not None and not pd.isna(t) and str(t) != texts[(doc, sent)]
            }
        )
        if differ:
            warn(
                f"{func}: the alignment's {col} differs from the sentences of {doc!r} at "
                f"sent_id(s) {show_values(differ, bare=True)}; was it computed on other text "
                "(e.g. before clean_articles)? Counts use the articles' sentences",
                stacklevel=4,
            )


def _units(
    links: list[tuple[int | None, int | None, str]],
    ids_a: list[int],
    ids_b: list[int],
    a: Hashable,
    b: Hashable,
    func: str,
) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    """Group the links into connected components (first appearance order), then the unaligned."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for x, y, _ in links:
        nodes: list[tuple[str, int]] = [
            (side, n) for side, n in (("a", x), ("b", y)) if n is not None
        ]
        roots = [find(n) for n in nodes]
        if len(roots) == 2 and roots[0] != roots[1]:
            parent[roots[1]] = roots[0]
    order: dict[tuple[str, int], int] = {}  # root -> unit number
    members: list[tuple[set[int], set[int], list[str]]] = []
    for x, y, label in links:
        root = find(("a", x) if x is not None else ("b", y))  # type: ignore[arg-type]
        if root not in order:
            order[root] = len(members)
            members.append((set(), set(), []))
        sa, sb, labels = members[order[root]]
        if x is not None:
            sa.add(x)
        if y is not None:
            sb.add(y)
        labels.append(label)
    units = [
        (tuple(sorted(sa)), tuple(sorted(sb)), _unit_label(labels)) for sa, sb, labels in members
    ]
    seen_a = {x for x, _, _ in links if x is not None}
    seen_b = {y for _, y, _ in links if y is not None}
    lost_a = [s for s in ids_a if s not in seen_a]
    lost_b = [s for s in ids_b if s not in seen_b]
    units += [((s,), (), "unaligned") for s in lost_a]
    units += [((), (s,), "unaligned") for s in lost_b]
    if lost_a or lost_b:
        parts = [
            f"sent_id(s) {show_values(lost, bare=True)} of `{side}` ({doc!r})"
            for side, doc, lost in (("a", a, lost_a), ("b", b, lost_b))
            if lost
        ]
        warn(
            f"{func}: {' and '.join(parts)} are not in the alignment; they are reported as "
            "units of their own labelled 'unaligned'. To compare them, add rows for them to "
            "the alignment, or pass alignment=None to use align_sentences (which keeps every "
            "sentence, crossheads included)",
            stacklevel=4,
        )
    return units


def _unit_label(labels: list[str]) -> str:
    """Return the unit's label: the first that is not 'verbatim', else 'verbatim'."""
    return next((lab for lab in labels if lab != "verbatim"), labels[0])


def _table(
    units: list[tuple[tuple[int, ...], tuple[int, ...], str]],
    hits: pd.DataFrame,
    cats: tuple[str, ...],
    texts: dict[tuple[Any, int], str],
    a: Hashable,
    b: Hashable,
    name: str | None,
) -> pd.DataFrame:
    """One row per unit and category with hits on either side."""
    unit_of: dict[tuple[Any, int], int] = {}
    for u, (sa, sb, _) in enumerate(units):
        unit_of.update({(a, s): u for s in sa})
        unit_of.update({(b, s): u for s in sb})
    words: dict[tuple[int, str], tuple[list[str], list[str]]] = {}
    # frame_hits rows are in reading order within each article
    for doc, sent, cat, matched in zip(
        hits["doc_id"], hits["sent_id"], hits["category"], hits["matched"], strict=True
    ):
        pair = words.setdefault((unit_of[(doc, int(sent))], str(cat)), ([], []))
        pair[0 if doc == a else 1].append(" ".join(str(matched).split()))
    rank = {c: i for i, c in enumerate(cats)}
    rows = []
    for (u, cat), (wa, wb) in sorted(words.items(), key=lambda kv: (kv[0][0], rank[kv[0][1]])):
        sa, sb, label = units[u]
        rows.append(
            (
                u, sa, sb, label, cat, len(wa), len(wb), len(wb) - len(wa),
                _difference(wa, wb), _difference(wb, wa),
                " ".join(texts[(a, s)] for s in sa), " ".join(texts[(b, s)] for s in sb),
            )
        )  # fmt: skip
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(SHIFT_COLUMNS)
    data = dict(zip(SHIFT_COLUMNS, columns, strict=True))
    out = pd.DataFrame(
        {
            col: (
                np.array(data[col], dtype=np.int64)
                if col in ("unit", "n_a", "n_b", "change")
                else pd.Series(list(data[col]), dtype=object)
                if col in ("a_sents", "b_sents")
                else pd.array(list(data[col]), dtype="str")
            )
            for col in SHIFT_COLUMNS
        }
    )
    out.attrs.update(a=a, b=b, dictionary=name, categories=cats)
    return out


def _difference(words: list[str], others: list[str]) -> str:
    """``words`` minus ``others`` as multisets on casefolded text, in order, joined by '; '."""
    left = Counter(w.casefold() for w in others)
    out = []
    for w in words:
        key = w.casefold()
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(w)
    return "; ".join(out)


def frame_shift_summary(shift: pd.DataFrame) -> pd.DataFrame:
    """Total a :func:`frame_shift` table per category.

    Parameters
    ----------
    shift : pandas.DataFrame
        The table :func:`frame_shift` returns (columns ``category``, ``n_a``,
        ``n_b``, ``change``).

    Returns
    -------
    pandas.DataFrame
        RangeIndex, one row per category, in the order of
        ``shift.attrs["categories"]`` when present (every category compared,
        0 where it had no hit), else in order of first appearance:
        ``category``, ``n_a``, ``n_b``, ``change`` (sums over units; by the
        invariant of :func:`frame_shift`, the document counts of ``a`` and
        ``b`` and their difference) and ``units_changed`` (units whose
        count changed, ``change != 0``); all int64. ``attrs`` are copied from
        ``shift``.

    Raises
    ------
    TypeError, ValueError
        If ``shift`` is not a DataFrame with those columns.

    Examples
    --------
    >>> import pandas as pd
    >>> shift = pd.DataFrame({"unit": [0, 0, 2], "category": ["conflict", "loaded", "conflict"],
    ...                       "n_a": [1, 0, 2], "n_b": [2, 1, 2], "change": [1, 1, 0]})
    >>> frame_shift_summary(shift)
       category  n_a  n_b  change  units_changed
    0  conflict    3    4       1              1
    1    loaded    0    1       1              1
    """
    check_table(
        shift,
        ("category", "n_a", "n_b", "change"),
        func="frame_shift_summary",
        name="`shift`",
        described="from frame_shift(articles, dictionary, a, b)",
    )
    seen = list(dict.fromkeys(shift["category"].astype(str)))
    order = [str(c) for c in shift.attrs.get("categories", ())]
    order += [c for c in seen if c not in order]
    counts = shift[["n_a", "n_b", "change"]].astype(np.int64)
    counts = counts.assign(
        category=shift["category"].astype(str).to_numpy(),
        units_changed=(counts["change"] != 0).astype(np.int64),
    )
    totals = counts.groupby("category", sort=False)[["n_a", "n_b", "change", "units_changed"]]
    table = totals.sum().reindex(order, fill_value=0).astype(np.int64)
    table = table.rename_axis("category").reset_index()
    table["category"] = table["category"].astype("str")
    table.attrs.update(shift.attrs)
    return table
