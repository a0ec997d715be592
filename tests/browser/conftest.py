"""Headless Chromium (Debian's package, driven by playwright) and a local web server.

Where Chromium is missing, browser tests are skipped with a loud warning, except under
``CI=true``, where a missing browser fails the run.
"""

from __future__ import annotations

import functools
import os
import threading
import warnings
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from backbalance.common.browser import CHROMIUM, CHROMIUM_ARGS


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} not found: browser tests cannot run (make test installs it with apt-get as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:  # noqa: F821
    """A headless Chromium with a fresh profile."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # playwright gives every launch a fresh, temporary profile of its own.
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser closing a connection early is not a test failure


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free port of 127.0.0.1; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def lab(browser) -> Iterator[JupyterLab]:  # noqa: F821
    """A real JupyterLab over a fresh temporary copy of the course, one per test module
    (a shared server would restore the previous module's open notebooks)."""
    from lab_server import running_jupyterlab

    with running_jupyterlab() as server:
        yield server


REACH_FOR_CHARTS = """() => document.querySelectorAll('.bb-plotly').forEach(holder =>
  holder.dispatchEvent(new FocusEvent('focusin', {bubbles: true})))"""
"""What a reader's keyboard focus on each chart does: its live chart is drawn in place of
its pictures (``static/bb-plotly.js``)."""

ALL_DRAWN = (
    "() => [...document.querySelectorAll('.bb-plotly')].every(h => h.dataset.drawn === 'true')"
)
"""Every chart of the page is drawn live."""

ALL_SHOWN = (
    "() => [...document.querySelectorAll('.bb-plotly')].every(h => h.dataset.shown === 'true')"
)
"""Every chart of the page shows, as a picture or live."""


def draw_live_charts(page, timeout_ms: float = 30_000) -> None:
    """Have every chart of ``page`` drawn live, as a reader reaching for each would, and wait
    until they are (a page without charts returns at once)."""
    page.evaluate(REACH_FOR_CHARTS)
    page.wait_for_function(ALL_DRAWN, timeout=timeout_ms)
