"""The alignment browser: step through the aligned sentences of two versions (private).

The public face is :func:`mediakit.display.alignment_browser`, which imports
this module only when it is called, so that ``import mediakit`` never imports
ipywidgets. What each step shows is built by :func:`step_html` from the
comparison's tables, with the views of the report (``side_by_side``,
``html_table``); every piece of article text is escaped there.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from mediakit._html import HTML, esc, html_table, style
from mediakit._validation import check_option
from mediakit.compare import _diff
from mediakit.compare._report import status_text
from mediakit.compare._views import side_by_side
from mediakit.compare.claims import CLAIM_KINDS
from mediakit.compare.versions import VersionComparison

#: The alignment labels, in the order the menu lists them.
LABELS = ("verbatim", "rewritten", "merged", "split", "dropped", "added")
#: What ``show=`` accepts: every pair, the pairs that changed, the pairs with a change of
#: meaning, one alignment label, or one kind of change of meaning.
SHOW = ("all", "changed", "claims", *LABELS, *CLAIM_KINDS)

BROWSER_CSS = """\
.mk-view.mk-browser p.mk-step{margin:0.2em 0 0.4em 0;font-size:14px}
.mk-view.mk-browser p.mk-step span.mk-label{font-weight:600}
.mk-view.mk-browser h4{margin:0.8em 0 0.2em 0;font-size:13px}
.mk-view.mk-browser p.mk-none{color:#666;margin:0.2em 0}
"""


class Step:
    """One alignment group: its rows, sentence ids, labels, claims and figures."""

    __slots__ = ("a_ids", "b_ids", "claims", "figures", "group", "labels", "rows")

    def __init__(self, group: int, rows: pd.DataFrame, claims: pd.DataFrame, figures: pd.DataFrame):
        self.group = group
        self.rows = rows
        self.a_ids, self.b_ids, _a_text, _b_text = _diff.group_texts(rows)
        self.labels = list(dict.fromkeys(str(v) for v in rows["label"].tolist()))
        self.claims = claims
        self.figures = figures

    def matches(self, show: str) -> bool:
        """Whether the step belongs to the filter ``show`` (one of :data:`SHOW`)."""
        if show == "all":
            return True
        if show == "changed":
            return self.labels != ["verbatim"] or len(self.claims) > 0
        if show == "claims":
            return len(self.claims) > 0
        if show in LABELS:
            return show in self.labels
        return bool((self.claims["kind"] == show).any())


def comparison_steps(comparison: VersionComparison) -> list[Step]:
    """The comparison's alignment groups, in the order of the alignment table."""
    alignment = comparison.alignment.reset_index(drop=True)
    groups = _diff.alignment_groups(alignment)
    claims = comparison.claims
    claim_groups = claims["group"].to_numpy(dtype=float, na_value=-1)
    figures = comparison.numbers
    fig_a = figures["a_sent"].astype("Int64")
    fig_b = figures["b_sent"].astype("Int64")
    steps = []
    for g in dict.fromkeys(groups.tolist()):
        rows = alignment[groups == g]
        a_ids, b_ids, _a, _b = _diff.group_texts(rows)
        in_group = fig_a.isin(a_ids).fillna(False) | fig_b.isin(b_ids).fillna(False)
        steps.append(
            Step(
                int(g),
                rows,
                claims[claim_groups == g],
                figures[in_group.to_numpy(dtype=bool)],
            )
        )
    return steps


def menu(steps: list[Step], show: str) -> list[tuple[str, str]]:
    """The filter menu: (label with the number of pairs, key), present filters only."""
    out = []
    for key in SHOW:
        n = sum(s.matches(key) for s in steps)
        if n or key in ("all", "changed", "claims") or key == show:
            name = {
                "all": "all pairs",
                "changed": "all but verbatim",
                "claims": "with a change of meaning",
            }.get(key, key.replace("_", " "))
            out.append((f"{name} ({n})", key))
    return out


def _sentences(doc: Any, ids: list[int]) -> str:
    if not ids:
        return f'<span class="mk-none">none in {esc(doc)}</span>'
    word = "sentence" if len(ids) == 1 else "sentences"
    return f"{esc(doc)} {word} {esc(', '.join(str(i) for i in ids))}"


def step_html(comparison: VersionComparison, step: Step | None, position: int, total: int) -> HTML:
    """The view of one step: where it is, the two sides with the word diff, what changed."""
    a, b = comparison.a, comparison.b
    out = [f'<div class="mk-view mk-browser">{style()}<style>\n{BROWSER_CSS}</style>']
    if step is None:
        out.append('<p class="mk-none">No pair of sentences matches this filter.</p></div>')
        return HTML("\n".join(out))
    out.append(
        f'<p class="mk-step"><b>{position + 1}</b> of {total} · '
        f"{_sentences(a, step.a_ids)} → {_sentences(b, step.b_ids)} · "
        f'<span class="mk-label">{esc("/".join(step.labels))}</span></p>'
    )
    out.append(side_by_side(step.rows, a_label=str(a), b_label=str(b), css=False))
    out.append(f"<h4>Changes of meaning ({len(step.claims)})</h4>")
    if len(step.claims):
        table = pd.DataFrame(
            {
                "change": step.claims["kind"].str.replace("_", " ").tolist(),
                "evidence": step.claims["evidence"].tolist(),
            }
        )
        out.append(html_table(table, css=False, classes="mk-claims"))
    else:
        out.append('<p class="mk-none">None found in this pair.</p>')
    if len(step.figures):
        f = step.figures
        table = pd.DataFrame(
            {
                "figure": [status_text(str(s), a, b) for s in f["status"].tolist()],
                str(a): f["a_phrase"].astype(object).where(f["a_phrase"].notna(), None).tolist(),
                str(b): f["b_phrase"].astype(object).where(f["b_phrase"].notna(), None).tolist(),
            }
        )
        out.append(f"<h4>Figures that changed or vanished ({len(f)})</h4>")
        out.append(html_table(table, css=False, classes="mk-figures"))
    out.append("</div>")
    return HTML("\n".join(out))


class AlignmentBrowser(widgets.VBox):
    """A widget that steps through the aligned sentences of a comparison.

    Made by :func:`mediakit.display.alignment_browser`, which documents it.
    """

    def __init__(self, comparison: VersionComparison, *, show: str = "all") -> None:
        check_option("show", show, SHOW)
        self.comparison = comparison
        self._all = comparison_steps(comparison)
        self._steps: list[Step] = []
        self._position: int | None = None
        self._syncing = False
        layout = widgets.Layout(width="auto")
        self.previous_button = widgets.Button(
            description="Previous", icon="arrow-left", tooltip="previous pair", layout=layout
        )
        self.next_button = widgets.Button(
            description="Next", icon="arrow-right", tooltip="next pair", layout=layout
        )
        self.slider = widgets.IntSlider(
            value=1, min=1, max=1, description="pair", continuous_update=False
        )
        self.show = widgets.Dropdown(options=menu(self._all, show), value=show, description="show")
        self.view = widgets.HTML()
        self.previous_button.on_click(lambda _button: self.previous())
        self.next_button.on_click(lambda _button: self.next())
        self.slider.observe(self._on_slider, names="value")
        self.show.observe(self._on_show, names="value")
        controls = widgets.HBox([self.previous_button, self.next_button, self.slider, self.show])
        super().__init__([controls, self.view])
        self._filter(0)

    # ------------------------------------------------------------------ state
    @property
    def steps(self) -> list[int]:
        """The alignment groups the filter shows, in order (numbers as in ``to_frame()``)."""
        return [s.group for s in self._steps]

    @property
    def position(self) -> int | None:
        """The step shown, 0-based in :attr:`steps` (None when the filter shows nothing)."""
        return self._position

    @property
    def group(self) -> int | None:
        """The alignment group shown (None when the filter shows nothing)."""
        return None if self._position is None else self._steps[self._position].group

    @property
    def html(self) -> HTML:
        """What the view shows now."""
        return HTML(self.view.value)

    def go(self, position: int) -> None:
        """Show the step at ``position`` (0-based, clipped to the steps there are)."""
        if not self._steps:
            return
        self._position = min(max(int(position), 0), len(self._steps) - 1)
        self._sync()

    def next(self) -> None:
        """Show the next step (the Next button)."""
        if self._position is not None:
            self.go(self._position + 1)

    def previous(self) -> None:
        """Show the previous step (the Previous button)."""
        if self._position is not None:
            self.go(self._position - 1)

    # --------------------------------------------------------------- plumbing
    def _filter(self, order_from: int) -> None:
        """Apply the filter; show the first step at or after alignment order ``order_from``."""
        self._steps = [s for s in self._all if s.matches(self.show.value)]
        if not self._steps:
            self._position = None
        else:
            order = {s.group: i for i, s in enumerate(self._all)}
            later = [i for i, s in enumerate(self._steps) if order[s.group] >= order_from]
            self._position = later[0] if later else len(self._steps) - 1
        self._sync()

    def _on_show(self, change: dict[str, Any]) -> None:
        current = self.group
        order = [s.group for s in self._all]
        self._filter(order.index(current) if current is not None else 0)

    def _on_slider(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.go(int(change["new"]) - 1)

    def _sync(self) -> None:
        """Make the controls and the view show the current position."""
        n, pos = len(self._steps), self._position
        self._syncing = True
        try:
            self.slider.max = max(n, 1)
            self.slider.value = 1 if pos is None else pos + 1
            self.slider.disabled = n <= 1
        finally:
            self._syncing = False
        self.previous_button.disabled = pos is None or pos == 0
        self.next_button.disabled = pos is None or pos == n - 1
        step = None if pos is None else self._steps[pos]
        self.view.value = step_html(self.comparison, step, pos or 0, n)
