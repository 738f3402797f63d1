"""JupyterLab as a person uses it: notebook 02 opened, run and clicked in headless Chromium.

The test starts JupyterLab on loopback (a free port, a token, a temporary
copy of notebooks/ as its root, its own config, data, settings and runtime
folders), opens ``02_compare_versions.ipynb`` in Debian's Chromium driven by
Playwright, runs every cell from the menu (Run > Run All Cells) and checks
what a reader sees: the report's side-by-side table with one row per aligned
pair and its highlights styled, and the alignment browser answering a click
on *Next*. It saves screenshots to out/screenshots/ and prints their paths.

Chromium comes from Debian (``apt-get install chromium``; ``make test``
installs it when it can, as root with apt-get), never from
``playwright install``. Where /usr/bin/chromium is missing the test is
skipped and says why.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = "02_compare_versions.ipynb"
CHROMIUM = Path(os.environ.get("MEDIAKIT_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO / "out" / "screenshots"
#: The launch flags for Chromium on a machine whose only network is loopback.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_S = 60
RUN_ALL_S = 120  # notebook 02 runs in ~20 s; the margin is for a loaded machine

#: The hand alignment of the seed pair (tests/data/seed_pair_gold.json): 25 pairs, no merge or
#: split, so 25 rows side by side: 22 rewritten, 3 dropped (wire 13, 21, 22), none added.
GOLD = json.loads((REPO / "tests" / "data" / "seed_pair_gold.json").read_text("utf-8"))
PAIRS = GOLD["alignment_wire_to_rewrite"]["pairs"]

#: The colours of the highlights in mediakit._html.CSS, as the browser computes them.
DEL_BACKGROUND = "rgb(255, 215, 213)"  # del.mk-del   #ffd7d5
INS_BACKGROUND = "rgb(204, 242, 209)"  # ins.mk-ins   #ccf2d1
DROPPED_BACKGROUND = "rgb(255, 241, 240)"  # tr.mk-dropped td.mk-a   #fff1f0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _api(url: str, token: str, method: str = "GET") -> bytes:
    request = urllib.request.Request(
        url, method=method, headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # loopback only
        return response.read()


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), "utf-8")


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(
            f"Debian's Chromium is not installed ({CHROMIUM} is missing), so JupyterLab cannot "
            "be tested in a browser here. `make test` installs it where it can (as root with "
            "apt-get: apt-get install -y chromium); elsewhere install it and run again"
        )
    pytest.importorskip("playwright.sync_api", reason="needs playwright: pip install playwright")
    pytest.importorskip("jupyterlab", reason="needs JupyterLab: pip install jupyterlab")
    return CHROMIUM


class Lab:
    """A JupyterLab server on loopback, started by the test, and what it needs to be reached."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = root / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        notebooks = self.root / "notebooks"
        shutil.copytree(
            REPO / "notebooks", notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
        settings = self.root / "lab-settings"
        # no news feed, no update check: this machine reaches no web site, and a toast
        # asking about news would cover the page
        _write_json(
            settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings",
            {"fetchNews": "false", "checkForUpdates": False},
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
        env.update(
            JUPYTER_CONFIG_DIR=str(self.root / "config"),
            JUPYTER_DATA_DIR=str(self.root / "data"),
            JUPYTER_RUNTIME_DIR=str(self.root / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.root / "workspaces"),
            IPYTHONDIR=str(self.root / "ipython"),
            MEDIAKIT_FIGURES_DIR=str(self.root / "figures"),  # never the repository's figures/
        )
        command = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={notebooks}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        if os.geteuid() == 0:  # CI and these machines run as root
            command.append("--allow-root")
        with self.log.open("wb") as log:
            # a session of its own, so that the server and its kernels stop together
            self.proc = subprocess.Popen(
                command,
                cwd=notebooks,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited at start:\n{self.tail()}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                _api(f"{self.url}/api/status", self.token)
                return
            time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer in {SERVER_START_S} s:\n{self.tail()}")

    def tail(self, n: int = 40) -> str:
        lines = self.log.read_text("utf-8", errors="replace").splitlines()
        return "\n".join(lines[-n:])

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            for kernel in json.loads(_api(f"{self.url}/api/kernels", self.token)):
                _api(f"{self.url}/api/kernels/{kernel['id']}", self.token, method="DELETE")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group this test started
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


@pytest.fixture(scope="module")
def lab(chromium, tmp_path_factory) -> Iterator[Lab]:
    server = Lab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


#: The status bar says the notebook's kernel is started and idle ("Python 3 (ipykernel) | Idle").
KERNEL_IDLE = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
  .some(e => /\\|\\s*Idle\\s*$/.test(e.textContent))"""

#: Whether every code cell of the notebook has run (a number in its prompt), or one failed.
RUN_STATE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return 'no notebook';
  for (const out of panel.querySelectorAll('.jp-OutputArea-output')) {
    if (out.textContent.includes('Traceback (most recent call last)')) return 'error';
  }
  const cells = [...panel.querySelectorAll('.jp-CodeCell')];
  if (!cells.length) return 'no cells';
  const done = cells.filter(c => /\\[\\d+\\]/.test(c.querySelector('.jp-InputPrompt').textContent));
  return done.length === cells.length ? 'done' : `${done.length}/${cells.length}`;
}"""

#: The text of the first error output (the traceback).
ERROR = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
  .map(o => o.textContent).find(t => t.includes('Traceback (most recent call last)'))"""

#: What the report's side-by-side table shows, read from the page.
SIDE_BY_SIDE = """() => {
  const table = document.querySelector('.mk-report table.mk-sbs');
  if (!table) return null;
  const rows = [...table.querySelectorAll('tbody > tr')];
  const bg = el => el ? getComputedStyle(el).backgroundColor : null;
  const box = table.getBoundingClientRect();
  return {
    rows: rows.length,
    rewritten: rows.filter(r => r.classList.contains('mk-rewritten')).length,
    dropped: rows.filter(r => r.classList.contains('mk-dropped')).length,
    dropped_ids: rows.filter(r => r.classList.contains('mk-dropped'))
                     .map(r => r.querySelector('td.mk-id').textContent),
    n_del: table.querySelectorAll('del.mk-del').length,
    n_ins: table.querySelectorAll('ins.mk-ins').length,
    ins_text: [...table.querySelectorAll('ins.mk-ins')].map(e => e.textContent).join(' | '),
    del_bg: bg(table.querySelector('del.mk-del')),
    ins_bg: bg(table.querySelector('ins.mk-ins')),
    dropped_bg: bg(table.querySelector('tr.mk-dropped td.mk-a')),
    align: ['td.mk-a', 'td.mk-b', 'td.mk-id'].map(
      s => getComputedStyle(table.querySelector(s)).textAlign),
    width: box.width,
    scripts: document.querySelectorAll('.jp-OutputArea-output script').length,
  };
}"""

STEP = """() => {
  const step = document.querySelector('.mk-browser p.mk-step');
  return step ? step.textContent : null;
}"""


def step_text(i: int) -> str:
    a, b, label = PAIRS[i]
    left = f"wire sentence {a}" if a is not None else "none in wire"
    right = f"rewrite sentence {b}" if b is not None else "none in rewrite"
    return f"{i + 1} of {len(PAIRS)} · {left} → {right} · {label}"


def test_notebook_02_runs_in_jupyterlab_and_its_views_render_and_respond(lab: Lab, chromium):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(lab.root / "chromium-profile"),  # a fresh user-data dir
            executable_path=str(chromium),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1440, "height": 1000},
        )
        try:
            page = browser.pages[0] if browser.pages else browser.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}?token={lab.token}")
            # the notebook is open and its kernel is ready
            page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell")
            page.wait_for_function(KERNEL_IDLE)

            # more room for the notebook: fold the file browser away (click its tab)
            page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
            # Run > Run All Cells, as a person does
            page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click()
            page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()
            page.wait_for_function(
                f"() => ['done', 'error'].includes(({RUN_STATE})())", timeout=RUN_ALL_S * 1000
            )
            if page.evaluate(RUN_STATE) == "error":
                pytest.fail(f"a cell of {NOTEBOOK} failed in JupyterLab:\n{page.evaluate(ERROR)}")
            ran = time.monotonic() - started

            # the report's side by side: one row per aligned pair, highlights styled
            sbs = page.evaluate(SIDE_BY_SIDE)
            assert sbs is not None, "the report's side-by-side table did not render"
            assert sbs["rows"] == len(PAIRS) == 25
            assert sbs["rewritten"] == sum(p[2] == "rewritten" for p in PAIRS) == 22
            assert sbs["dropped_ids"] == [str(p[0]) for p in PAIRS if p[2] == "dropped"]
            assert sbs["n_del"] > 0 and sbs["n_ins"] > 0
            assert "re-elected" in sbs["ins_text"]  # the rewrite's "if re-elected"
            assert (sbs["del_bg"], sbs["ins_bg"], sbs["dropped_bg"]) == (
                DEL_BACKGROUND,
                INS_BACKGROUND,
                DROPPED_BACKGROUND,
            )
            assert sbs["width"] > 800  # laid out across the page, not collapsed
            # prose reads left-aligned, sentence ids right-aligned (Lab right-aligns table cells)
            assert sbs["align"] == ["left", "left", "right"]
            assert sbs["scripts"] == 0  # article text is escaped, never markup

            heading = page.locator(".mk-report h3", has_text="Sentences side by side")
            heading.evaluate("h => h.scrollIntoView({block: 'start'})")
            page.mouse.move(0, 0)  # no row lit up by the pointer
            shot = SCREENSHOTS / "02_compare_versions.png"
            page.screenshot(path=str(shot))

            # the alignment browser is a live widget: Next shows the next pair
            widget = page.locator(
                ".jp-OutputArea-output .widget-vbox", has=page.locator(".mk-browser")
            )
            widget.scroll_into_view_if_needed()
            assert page.evaluate(STEP) == step_text(0)
            shown = [widget.locator(".mk-browser td.mk-a").inner_text()]
            for i in (1, 2):
                widget.locator("button", has_text="Next").click()
                page.wait_for_function(f"() => ({STEP})() === {json.dumps(step_text(i))}")
                shown.append(widget.locator(".mk-browser td.mk-a").inner_text())
            assert all(shown) and len(set(shown)) == 3  # each click shows another sentence
            widget.evaluate("w => w.scrollIntoView({block: 'start'})")
            widget_shot = SCREENSHOTS / "02_alignment_browser.png"
            page.screenshot(path=str(widget_shot))
        except BaseException:  # pytest.fail too
            failed = SCREENSHOTS / "02_compare_versions-failed.png"
            with contextlib.suppress(Exception):
                page.screenshot(path=str(failed))
                print(f"\nscreenshot of the failure: {failed}")
            raise
        finally:
            browser.close()
    print(f"\nscreenshot: {shot}\nscreenshot: {widget_shot}")
    total = time.monotonic() - started
    print(f"JupyterLab: notebook 02 opened and run in {ran:.1f} s, checked in {total:.1f} s")
