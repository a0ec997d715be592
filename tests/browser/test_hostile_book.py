"""A book built from hostile data runs no injected script on any page.

A copy of the course gets script and markup in every free-text field of ``data/``
(:mod:`hostile`), the student edition is built from it as `make book` does, and every
page is opened in Chromium: no injected script runs, no dialog opens, no injected element
appears, and the browser reports no Content-Security-Policy violation (so the escaping
alone keeps the payloads inert; the policy is the second wall). The payload text itself
is shown where the data appears.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hostile import MARK, PAYLOADS, make_hostile
from test_pages import reader_pages

HERE = Path(__file__).resolve().parent


def _module(path: Path, name: str) -> ModuleType:
    """A helper module of another test folder (the book builds of tests/book, the server
    of this folder's conftest), loaded by its path."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


building = _module(HERE.parent / "book" / "building.py", "backbalance_tests_building")
serve = _module(HERE / "conftest.py", "backbalance_tests_browser_conftest").serve

LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""
INJECTED = f"""() => ({{
  ran: window.{MARK} === undefined ? null : window.{MARK},
  images: document.querySelectorAll('img[src="x"], img[onerror]').length,
  scripts: Array.from(document.scripts).filter(s =>
    s.textContent.includes('{MARK}') && !/json/.test(s.type)).length,
  violations: window.__violations,
  shown: document.body.innerText.includes({PAYLOADS[0]!r}),
}})"""
SHOWN_ON = ("notebooks/strength_gap.html", "book/example-programmes.html", "book/assessment.html")
"""Pages that show data text: the model's assumptions, exercise names, the assessment."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = building.snapshot(tmp_path_factory)
    assert make_hostile(source / "data") > 100
    out = tmp_path_factory.mktemp("hostile-book")
    building.check(building.jupyter_book(source, out, "student"))
    return out / "_build" / "html"


@pytest.fixture(scope="module")
def seen(browser, hostile_site: Path) -> Iterator[dict[str, dict]]:
    server, url = serve(hostile_site)
    results = {}
    for path in reader_pages(hostile_site):
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.add_init_script(LISTEN)
        page.goto(f"{url}/{path}", wait_until="networkidle")
        results[path] = page.evaluate(INJECTED) | {"dialogs": dialogs}
        context.close()
    yield results
    server.shutdown()


@pytest.mark.browser
def test_no_injected_script_runs_on_any_page(seen):
    assert len(seen) >= 10
    bad = {
        path: found
        for path, found in seen.items()
        if found["ran"] is not None
        or found["images"]
        or found["scripts"]
        or found["violations"]
        or found["dialogs"]
    }
    assert bad == {}


@pytest.mark.browser
def test_the_hostile_text_is_shown_as_text(seen):
    assert [path for path in SHOWN_ON if not seen[path]["shown"]] == []
