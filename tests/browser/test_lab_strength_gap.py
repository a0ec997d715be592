"""The strength-gap app in a real JupyterLab: Run All, move the bias slider, see the chart change.

A student opens ``notebooks/strength_gap.ipynb``, runs every cell, and moves the "extra
weak-side sets" slider with the keyboard. The chart must update in place (same plot, new
trace data, drawn as a full redraw would draw it) and the summary line must follow.
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

CHART_READY = """([selector, trace]) => {
  const el = document.querySelector(selector);
  return el !== null && el.data !== undefined && el.data[trace] !== undefined;
}"""
"""The app's chart is in the page with its data (looked up anew: JupyterLab may replace an
output's element while it settles)."""

LINE = """(el, trace) => {
  const drawn = el.querySelector(`.scatterlayer .trace${el.data[trace].uid} path.js-line`);
  return drawn === null ? null : drawn.getAttribute('d');
}"""
"""The SVG path of a trace's line as drawn in the page."""

DRAWING = """el => Array.from(el.querySelectorAll('.scatterlayer path, .legend path'),
  path => path.getAttribute('d'))"""
"""Every line, fill and legend symbol of the plot as drawn."""


def app_at(weak_extra_sets: int, gap_step: int = 0) -> StrengthGapApp:
    """The app on the course's parameters with these extra sets, the starting gap
    ``gap_step`` slider steps from where it opens (the expectations of these tests come
    from the same app, so an edit of data/ moves both sides of each check)."""
    app = StrengthGapApp(Course.find(Path(__file__).resolve().parents[2]).parameters)
    app.controls["gap"].value += gap_step * app.controls["gap"].step
    app.controls["weak_extra_sets"].value = weak_extra_sets
    return app


def expected_summary(weak_extra_sets: int) -> str:
    """The summary line the app must show for these extra sets."""
    return summary_text(app_at(weak_extra_sets).forecast())


def prepare_slider(page: object) -> None:
    """Wait until the chart holds its data, and focus the bias slider."""
    page.wait_for_function(CHART_READY, arg=[PLOT, WEAK_MEDIAN])
    page.locator(BIAS_HANDLE).focus()


def press_and_wait_for_redraw(page: object, key: str, timeout_ms: float = 10_000) -> None:
    """Press ``key`` on the focused slider; wait until the weak side's line is drawn anew."""
    plot = page.locator(PLOT).element_handle()
    before = plot.evaluate(LINE, WEAK_MEDIAN)
    page.keyboard.press(key)
    page.wait_for_function(
        f"([el, before]) => ({LINE})(el, {WEAK_MEDIAN}) !== before",
        arg=[plot, before],
        timeout=timeout_ms,
    )


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
        f"([el, last]) => el.data[{WEAK_MEDIAN}].y.at(-1) !== last", arg=[plot, before[-1]]
    )
    assert page.locator(BIAS_HANDLE).get_attribute("aria-valuenow") in {"5", "5.0"}
    after = weak_side_strength(page)
    assert after[0] == before[0] and after[-1] > before[-1]  # same start, more extra sets: stronger
    page.wait_for_function(f"document.querySelector('{SUMMARY}').innerText !== {summary!r}")
    assert expected_summary(5) in page.locator(SUMMARY).inner_text()
    assert page.locator(PLOT).evaluate("(el, old) => el === old", plot)  # updated, not replaced
    # On the same page (a second opening of the notebook on one server can time out anywidget
    # under load): moves both ways draw what a full redraw draws.
    assert_a_move_draws_what_a_full_redraw_draws(page, start=5)


HIDDEN = """el => el.data.some(trace => trace.visible === 'legendonly')"""
"""Some trace of the chart is hidden from its legend."""


def assert_a_move_draws_what_a_full_redraw_draws(page, start: int) -> None:
    """The app redraws only the traces when the axes keep their ranges: after moves both
    ways, every line, band and legend symbol is as plotly.js draws it from scratch (hiding
    a side from the legend and showing it again redraws the whole figure)."""
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft"):
        press_and_wait_for_redraw(page, key)
    plot = page.locator(PLOT).element_handle()
    page.wait_for_function(  # the kernel has answered the last move (its summary is shown)
        f"document.querySelector('{SUMMARY}').innerText.includes({expected_summary(start + 1)!r})"
    )
    moved = plot.evaluate(DRAWING)
    toggle = page.locator(f"{PLOT} .legend .traces .legendtoggle").first
    toggle.click()
    page.wait_for_function(HIDDEN, arg=plot)
    page.wait_for_timeout(600)  # not a double click (which plotly.js reads as "only this")
    toggle.click()
    page.wait_for_function(f"el => !({HIDDEN})(el)", arg=plot)
    assert plot.evaluate(DRAWING) == moved


HOLD = """() => {
  const send = WebSocket.prototype.send;
  window.bbHeld = [];
  WebSocket.prototype.send = function (data) { window.bbHeld.push([this, data]); };
  window.bbRelease = () => {
    WebSocket.prototype.send = send;
    window.bbHeld.forEach(([socket, data]) => send.call(socket, data));
    return window.bbHeld.length;
  };
}"""
"""Hold back every message the page sends (to the kernel among others) until
``bbRelease()``, which sends them in order and returns how many there were."""


def expected_line(app: StrengthGapApp) -> list[float]:
    """The weak side's typical-person strength ``app`` shows."""
    return app.chart.traces()[WEAK_MEDIAN]["y"].tolist()


HELD_VALUES = """() => window.bbHeld.flatMap(([, data]) => {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  return Array.from(text.matchAll(/"state":\\{"value":(\\d+)\\}/g), (found) => Number(found[1]));
})"""
"""The slider values in the messages held back, in order."""


def step_twice_and_hold(page) -> None:
    """Two steps up to 6 extra sets (the kernel then has the step on ready and offers it
    with its answer), then hold back every message the page sends."""
    for key in ("ArrowRight", "ArrowRight"):
        press_and_wait_for_redraw(page, key)
        page.wait_for_timeout(1500)  # the kernel's answer, its offer, the background work
    page.wait_for_function(
        f"document.querySelector('{SUMMARY}').innerText.includes({expected_summary(6)!r})"
    )
    page.evaluate(HOLD)


def test_a_step_the_kernel_offered_is_drawn_before_the_kernel_hears_of_it(page):
    """With every message to the kernel held back, a step up is still drawn, with the
    numbers the kernel gives that setting, and a step back draws the kernel's own numbers
    again; once the messages go, the kernel's answers bring the summary line and leave the
    chart as drawn."""
    step_twice_and_hold(page)
    press_and_wait_for_redraw(page, "ArrowRight")
    assert page.locator(BIAS_HANDLE).get_attribute("aria-valuenow") in {"7", "7.0"}
    assert weak_side_strength(page) == pytest.approx(expected_line(app_at(7)), rel=1e-12)
    assert page.evaluate(HELD_VALUES) == [7]  # the move is still on its way
    assert expected_summary(6) in page.locator(SUMMARY).inner_text()  # the kernel's, later
    press_and_wait_for_redraw(page, "ArrowLeft")
    assert weak_side_strength(page) == pytest.approx(expected_line(app_at(6)), rel=1e-12)
    press_and_wait_for_redraw(page, "ArrowRight")
    drawn = weak_side_strength(page)
    assert drawn == pytest.approx(expected_line(app_at(7)), rel=1e-12)
    assert page.evaluate("window.bbRelease()") >= 1
    page.wait_for_function(
        f"document.querySelector('{SUMMARY}').innerText.includes({expected_summary(7)!r})"
    )
    page.wait_for_timeout(500)
    assert weak_side_strength(page) == drawn


def test_no_step_is_drawn_ahead_once_another_control_has_moved(page):
    """The offer holds for the other controls' values when it was made: after a move of
    the starting gap that the kernel has not heard of, a step of the extra sets waits for
    the kernel's answer, which then draws both."""
    step_twice_and_hold(page)
    before = weak_side_strength(page)
    page.locator(f"{APP} .noUi-handle").first.focus()  # the starting gap
    page.keyboard.press("ArrowRight")
    page.locator(BIAS_HANDLE).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(800)
    assert weak_side_strength(page) == before
    assert page.evaluate("window.bbRelease()") >= 1
    page.wait_for_function(
        f"([el, last]) => el.data[{WEAK_MEDIAN}].y.at(-1) !== last",
        arg=[page.locator(PLOT).element_handle(), before[-1]],
    )
    app = app_at(7, gap_step=1)
    page.wait_for_function(
        f"document.querySelector('{SUMMARY}').innerText.includes({summary_text(app.forecast())!r})"
    )
    assert weak_side_strength(page) == pytest.approx(expected_line(app), rel=1e-12)
