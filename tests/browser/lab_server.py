"""Start and stop a real JupyterLab for browser tests and benchmarks.

The server runs on a free port of 127.0.0.1 with a random token, over a temporary copy of
the course's notebooks and data (so Run All and autosave never touch the committed
notebooks), with its own settings folder in which the default kernel starts by itself
(otherwise a "Select Kernel" dialog blocks Run All).

Examples
--------
>>> with running_jupyterlab() as lab:  # doctest: +SKIP
...     page.goto(lab.url_of("notebooks/strength_gap.ipynb"))
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("notebooks", "data")
"""Folders copied into the server's root: the notebooks and the data they read."""
COURSE_FILES = ("_toc.yml", "references.bib")
"""With these the copy is a course folder, which ``Course.find()`` finds from ``notebooks/``."""

NOTEBOOK_SETTINGS = ("@jupyterlab", "notebook-extension", "tracker.jupyterlab-settings")
SETTINGS = {
    # Start the default kernel without asking.
    NOTEBOOK_SETTINGS: {"autoStartDefaultKernel": True},
    # No "get notified about Jupyter news?" pop-up over the page.
    ("@jupyterlab", "apputils-extension", "notification.jupyterlab-settings"): {
        "fetchNews": "false"
    },
}
RUN_ALL = '[data-command="runmenu:run-all"]'
"""The Run > Run All Cells menu entry."""


@dataclass(frozen=True)
class JupyterLab:
    """A running JupyterLab server."""

    base_url: str
    token: str
    root_dir: Path

    def url_of(self, path: str) -> str:
        """The address that opens ``path`` (relative to the root) in the Lab interface."""
        return f"{self.base_url}/lab/tree/{path}?token={self.token}"

    def sessions(self) -> list[dict]:
        """The server's open sessions (notebook path, kernel id and state)."""
        with urllib.request.urlopen(
            f"{self.base_url}/api/sessions?token={self.token}", timeout=5
        ) as response:
            return json.load(response)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with status {process.returncode} before it was ready"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise TimeoutError(f"JupyterLab did not answer {url} within {timeout:g} s")


@contextmanager
def running_jupyterlab(timeout: float = 90, windowing: str | None = "none") -> Iterator[JupyterLab]:
    """Run JupyterLab over a temporary copy of the course; stop it and clean up afterwards.

    Parameters
    ----------
    timeout
        Seconds to wait for the server to answer.
    windowing
        The notebook's ``windowingMode``: by default ``"none"``, every cell rendered (the
        tests look into cells anywhere in a notebook); None keeps JupyterLab's own default
        (``contentVisibility``: the browser skips the rendering of cells out of view), the
        setting a learner works with.

    Yields
    ------
    JupyterLab
        Its base URL, token and root folder.
    """
    work = Path(tempfile.mkdtemp(prefix="bb-lab-"))
    root, settings = work / "course", work / "user-settings"
    for folder in COPIED:
        shutil.copytree(
            ROOT / folder, root / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    for marker in COURSE_FILES:
        shutil.copy(ROOT / marker, root / marker)
    chosen = {**SETTINGS}
    if windowing is not None:
        chosen[NOTEBOOK_SETTINGS] = {**SETTINGS[NOTEBOOK_SETTINGS], "windowingMode": windowing}
    for parts, values in chosen.items():
        file = settings.joinpath(*parts)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(values), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
        "JUPYTER_CONFIG_DIR": str(work / "config"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = (work / "server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(f"{base_url}/api/status?token={token}", process, timeout)
        yield JupyterLab(base_url, token, root)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def _wait_for_settled_kernel(lab: JupyterLab, path: str, timeout: float) -> None:
    """Wait until the notebook's kernel is idle and has not been replaced for a while.

    JupyterLab may start a kernel and replace it moments later while it sets up the
    session; a Run All sent to the first kernel would be lost.
    """
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        kernels = [s["kernel"] for s in lab.sessions() if s["path"].endswith(path)]
        current = (kernels[0]["id"], kernels[0]["execution_state"]) if len(kernels) == 1 else None
        if current != last:
            last, since = current, time.monotonic()
        elif current is not None and current[1] == "idle" and time.monotonic() - since > 1.5:
            return
        time.sleep(0.2)
    raise TimeoutError(f"the kernel of {path} did not settle within {timeout:g} s")


def open_and_run_all(page: Page, lab: JupyterLab, path: str, timeout_ms: float = 120_000) -> None:
    """Open a notebook in ``page``, wait for its kernel to settle, and choose Run > Run All.

    Parameters
    ----------
    page
        A playwright page.
    lab
        The running server.
    path
        The notebook, relative to the server's root.
    timeout_ms
        Time allowed for the notebook to open and its kernel to start.
    """
    page.goto(lab.url_of(path))
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout_ms)
    _wait_for_settled_kernel(lab, path, timeout_ms / 1000)
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout_ms
    )
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.click(RUN_ALL)


IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"
"""The notebook toolbar's indicator once every queued cell has run."""


@contextmanager
def notebook_page(
    browser,
    lab: JupyterLab,
    path: str,
    ready: str,
    *,
    width: int = 1400,
    timeout_ms: float = 180_000,
) -> Iterator[Page]:
    """A page with notebook ``path`` opened and run top to bottom in JupyterLab.

    Waits until the ``ready`` selector shows and the kernel is idle; on leaving, fails if
    the page raised a JavaScript error meanwhile.
    """
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_and_run_all(page, lab, path)
    page.wait_for_selector(ready, timeout=timeout_ms)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    yield page
    context.close()
    assert not errors, errors
