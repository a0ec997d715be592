"""Every page of the built book, opened as a reader would in headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import draw_live_charts

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def reader_pages(site: Path) -> list[str]:
    """Every page a reader can reach, relative to the site root."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if not {"_static", "_sources"} & set(p.relative_to(site).parts)
    )


CHART_STATE = """() => Array.from(document.querySelectorAll('.bb-plotly')).map(holder => {
  const chart = holder.querySelector('.bb-plotly-chart');
  const visible = (chart._fullData || []).filter(t => t.visible === true).length;
  return {
    drawn: holder.dataset.drawn === 'true',
    visible: visible,
    inSvg: chart.querySelectorAll('.main-svg g.trace, .main-svg g.hm').length,
    asked: (chart.data || []).map(t => t.type || 'scatter'),
    drawnAs: (chart._fullData || []).map(t => t.type),
  };
})"""


@pytest.fixture(scope="module")
def visited(browser, site, site_url):
    """Open each page once and record what the reader's browser saw."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `make assets`")
    results = {}
    for page_path in reader_pages(site):
        # axe-core goes in as an inline script, which the book's policy refuses (rightly);
        # test_csp_pages.py opens every page with the policy enforced.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        seen = {"console": [], "offhost": [], "failed": []}
        page.on(
            "console",
            lambda m, seen=seen: seen["console"].append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e, seen=seen: seen["console"].append(str(e)))
        page.on(
            "request",
            lambda r, seen=seen: (
                None
                if r.url.startswith(site_url) or r.url.startswith("data:")
                else seen["offhost"].append(r.url)
            ),
        )
        # A request the browser itself cancels because the page navigated on (the redirect
        # of index.html) is not a broken resource; a missing file shows as a console error.
        page.on(
            "requestfailed",
            lambda r, seen=seen: (
                None if r.failure == "net::ERR_ABORTED" else seen["failed"].append(r.url)
            ),
        )
        page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
        draw_live_charts(page)
        seen["charts"] = page.evaluate(CHART_STATE)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        seen["axe"] = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        results[page_path] = seen
        context.close()
    return results


def failures(visited: dict, key: str) -> dict[str, object]:
    return {page: seen[key] for page, seen in visited.items() if seen[key]}


@pytest.mark.browser
def test_every_page_opened(visited):
    assert len(visited) >= 10, sorted(visited)


@pytest.mark.browser
def test_no_console_errors(visited):
    assert failures(visited, "console") == {}
    assert failures(visited, "failed") == {}


@pytest.mark.browser
def test_no_request_to_another_host(visited):
    assert failures(visited, "offhost") == {}


@pytest.mark.browser
def test_every_chart_drawn(visited):
    undrawn = {
        page: chart
        for page, seen in visited.items()
        for chart in seen["charts"]
        if not (chart["drawn"] and chart["visible"] > 0 and chart["inSvg"] >= chart["visible"])
    }
    assert undrawn == {}
    # The book's plotly.js holds only the trace types of assets/plotly.js; plotly.js draws a
    # trace of a type it does not hold as a scatter, so each must be drawn as it asks.
    mistyped = {
        page: (chart["asked"], chart["drawnAs"])
        for page, seen in visited.items()
        for chart in seen["charts"]
        if chart["asked"] != chart["drawnAs"]
    }
    assert mistyped == {}
    assert sum(len(seen["charts"]) for seen in visited.values()) >= 4, (
        "the book should draw its charts"
    )


@pytest.mark.browser
def test_no_serious_or_critical_accessibility_violation(visited):
    assert failures(visited, "axe") == {}
