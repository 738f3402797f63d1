"""Data of the report tests: a hostile pair of articles and a quiet call (importable helpers)."""

from __future__ import annotations

import warnings

import pandas as pd

import mediakit as mk

SCRIPT = "<script>alert(1)</script>"
ATTR = '" onmouseover="x'
STYLE_END = "</style>"


def quiet(func, *args, **kwargs):
    """Call ``func`` with mediakit's data warnings silenced (they are tested elsewhere)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mk.MediakitWarning)
        return func(*args, **kwargs)


def hostile_articles() -> pd.DataFrame:
    """Two versions whose ids, titles, text and quotes try to break out of the markup."""
    wire = (
        f'Minister Anna Berg said on Monday: "{SCRIPT} is a threat to the whole budget and the '
        f'war effort {ATTR} today." Critics called the plan a crisis of conflict. Prices rose '
        f"{STYLE_END} by 5% in May. Berg added that the {ATTR} budget would be cut."
    )
    rewrite = (
        f'Minister Anna Berg claimed on Monday: "{SCRIPT} is a threat to the budget and the '
        f'war effort {ATTR} now." Prices rose {STYLE_END}<img src=x onerror=alert(2)> by 5%. '
        f'One critic said: "{STYLE_END}<script>alert(3)</script> is a disaster for us all."'
    )
    return pd.DataFrame(
        {
            "text": [wire, rewrite],
            "title": [f"{SCRIPT}{ATTR}", f"{STYLE_END}<script>alert(4)</script>"],
            "url": ["javascript:alert(5)", "http://evil.example/x.js"],
            "outlet": [f"<b>{ATTR}</b>", "ok"],
        },
        index=pd.Index([f"w{SCRIPT}", f"r{ATTR} $x^2$"], name="doc_id"),
    )
