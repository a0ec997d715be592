"""The strength-gap app in a real JupyterLab: Run All, move the bias slider, see the chart change.

A student opens ``notebooks/strength_gap.ipynb``, runs every cell, and moves the "extra
weak-side sets" slider with the keyboard. The chart must update in place (same plot, new
trace data) and the summary line must follow.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lab_server import notebook_page

from backbalance.course import Course
from backbalance.strength_gap.app import StrengthGapApp, summary_text

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/strength_gap.ipynb"
APP = ".bb-strength-gap-app"
PLOT = f"{APP} .js-plotly-plot"
BIAS_HANDLE = f"{APP} .bb-weak-extra .noUi-handle"
SUMMARY = f"{APP} .bb-summary"
WEAK_MEDIAN = 2
"""Index of the left (weak) side's typical-person trace in the app's chart."""

REDRAWS = """el => {
  window.bbRedraws = [];
  window.bbKeyAt = null;
  el.on('plotly_afterplot', () => window.bbRedraws.push(performance.now()));
  document.addEventListener('keydown', () => { window.bbKeyAt = performance.now(); }, true);
}"""
"""Record the time of every redraw of the chart and of the latest key press (in the page's clock)."""


def expected_summary(weak_extra_sets: int) -> str:
    """The summary line the app must show for these extra sets, on the course's parameters
    (computed here by the same app, so an edit of data/ moves both sides of the check)."""
    app = StrengthGapApp(Course.find(Path(__file__).resolve().parents[2]).parameters)
    app.controls["weak_extra_sets"].value = weak_extra_sets
    return summary_text(app.forecast())


def prepare_slider(page: object) -> None:
    """Record the chart's redraws and focus the bias slider (the app is drawn and idle)."""
    page.locator(PLOT).evaluate(REDRAWS)
    page.locator(BIAS_HANDLE).focus()


def press_and_wait_for_redraw(page: object, key: str, timeout_ms: float = 10_000) -> float:
    """Press ``key`` on the focused slider; return ms from the key press to the chart's redraw."""
    drawn = page.evaluate("window.bbRedraws.length")
    page.keyboard.press(key)
    page.wait_for_function(f"window.bbRedraws.length > {drawn}", timeout=timeout_ms)
    return page.evaluate(f"window.bbRedraws[{drawn}] - window.bbKeyAt")


def weak_side_strength(page: object) -> list[float]:
    """The weak side's typical-person strength, as the plot in the page holds it."""
    return page.locator(PLOT).evaluate(f"el => Array.from(el.data[{WEAK_MEDIAN}].y)")


@pytest.fixture
def page(browser, lab):
    with notebook_page(browser, lab, NOTEBOOK, PLOT) as page:
        prepare_slider(page)
        yield page


def test_run_all_draws_the_app_with_its_summary(page):
    assert (
        page.locator(f"{APP} .bb-weak-extra")
        .inner_text()
        .startswith("Extra weak-side sets per week")
    )
    assert page.locator(BIAS_HANDLE).get_attribute("aria-valuenow") in {"4", "4.0"}
    assert page.locator(PLOT).evaluate("el => el.data.length") == 8
    assert expected_summary(4) in page.locator(SUMMARY).inner_text()


def test_keyboard_on_the_bias_slider_updates_chart_and_summary_in_place(page):
    plot = page.locator(PLOT).element_handle()
    before, summary = weak_side_strength(page), page.locator(SUMMARY).inner_text()
    press_and_wait_for_redraw(page, "ArrowRight")
    page.wait_for_function(
        "([el, last]) => el.data[2].y[el.data[2].y.length - 1] !== last", arg=[plot, before[-1]]
    )
    assert page.locator(BIAS_HANDLE).get_attribute("aria-valuenow") in {"5", "5.0"}
    after = weak_side_strength(page)
    assert after[0] == before[0] and after[-1] > before[-1]  # same start, more extra sets: stronger
    page.wait_for_function(f"document.querySelector('{SUMMARY}').innerText !== {summary!r}")
    assert expected_summary(5) in page.locator(SUMMARY).inner_text()
    assert page.locator(PLOT).evaluate("(el, old) => el === old", plot)  # updated, not replaced
