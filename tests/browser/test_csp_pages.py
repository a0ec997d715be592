"""Every page of the book, under its Content-Security-Policy, in Chromium: the browser
refuses nothing (no "Refused to ..." message, no ``securitypolicyviolation`` event) and the
charts and the mathematics are still drawn."""

from __future__ import annotations

import pytest
from test_pages import reader_pages

from backbalance.sphinxext.csp import POLICY_META
from conftest import ALL_SHOWN, draw_live_charts

LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def policed(browser, site, site_url) -> dict[str, dict]:
    results = {}
    for path in reader_pages(site):
        assert POLICY_META in (site / path).read_text(encoding="utf-8")[:4096], path
        context = browser.new_context()
        page = context.new_page()
        refused: list[str] = []
        page.on(
            "console",
            lambda m, r=refused: (
                r.append(m.text)
                if "Refused to" in m.text or "Content Security Policy" in m.text
                else None
            ),
        )
        page.add_init_script(LISTEN)
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        page.wait_for_function(ALL_SHOWN)  # the charts' pictures, under the policy too
        draw_live_charts(page)
        page.wait_for_timeout(300)
        results[path] = {
            "refused": refused + page.evaluate("window.__violations"),
            "charts": page.locator(".bb-plotly .main-svg").count(),
            "maths": page.evaluate(  # MathML written at build time, laid out by the browser
                "Array.from(document.querySelectorAll('math'))"
                ".filter(m => m.getBoundingClientRect().width > 0).length"
            ),
        }
        context.close()
    return results


@pytest.mark.browser
def test_no_page_breaks_its_policy(policed):
    assert len(policed) >= 10
    assert {path: seen["refused"] for path, seen in policed.items() if seen["refused"]} == {}


@pytest.mark.browser
def test_charts_and_mathematics_still_drawn_under_the_policy(policed):
    assert sum(seen["charts"] for seen in policed.values()) >= 4
    assert sum(seen["maths"] for seen in policed.values()) >= 1
