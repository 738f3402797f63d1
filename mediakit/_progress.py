"""Progress bars for corpus-level work (private): tqdm, in notebooks too, and easy to silence.

``progress=None`` (the default of the public functions) shows a bar only
where someone watches, on a terminal (standard error is a TTY) or in a
Jupyter kernel, and only once the call has run for ``AUTO_DELAY`` seconds
(tqdm's ``delay``), so quick calls on small data print nothing; ``True``
always, at once; ``False`` never. In a notebook the bar is
tqdm's widget when ipywidgets is installed, its text bar otherwise.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["AUTO_DELAY", "bar", "check_progress", "silence", "silenced"]

#: Seconds a call runs before ``progress=None`` shows its bar.
AUTO_DELAY = 2.0

T = TypeVar("T")

#: Set in the worker processes of ``map_articles`` (and while it runs a chunk itself):
#: bars there could not show in a notebook (a forked kernel cannot send widget messages)
#: and would garble a terminal; the caller's bar over the chunks says how far it got.
_SILENT = False


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()  # type: ignore[attr-defined]
    except Exception:  # pragma: no cover - an IPython without a shell
        return False
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def check_progress(value: Any, func: str) -> bool | None:
    """Return ``value`` if it is True, False or None; else raise the usual error."""
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(
        f"{func}: `progress` = {value!r} is invalid; expected one of {{False, None, True}}"
    )


def bar(
    iterable: Iterable[T], *, total: int | None, desc: str, progress: bool | None
) -> Iterator[T]:
    """Wrap ``iterable`` in a progress bar if ``progress`` says so (see the module)."""
    if _SILENT:
        yield from iterable
        return
    notebook = _in_notebook()
    show = progress if progress is not None else (notebook or sys.stderr.isatty())
    if not show:
        yield from iterable
        return
    if notebook:
        try:
            import ipywidgets  # noqa: F401
            from tqdm.notebook import tqdm
        except ImportError:
            from tqdm import tqdm
    else:
        from tqdm import tqdm
    delay = AUTO_DELAY if progress is None else 0.0
    yield from tqdm(iterable, total=total, desc=desc, leave=False, file=sys.stderr, delay=delay)


def silence() -> None:
    """Show no bar from now on in this process (a worker process of ``map_articles``)."""
    global _SILENT
    _SILENT = True


@contextmanager
def silenced() -> Iterator[None]:
    """Show no bar inside the ``with`` block (a chunk that ``map_articles`` runs itself)."""
    global _SILENT
    before, _SILENT = _SILENT, True
    try:
        yield
    finally:
        _SILENT = before
