"""Slider-to-chart latency of the strength-gap app in a real JupyterLab (issue 11).

Printed by `make bench`; nothing is asserted. Target: median <= 50 ms from the key press on
the "extra weak-side sets" slider to the first `plotly_afterplot` of the chart that shows
the new data (the weak side's typical-person line has changed), both taken with the page's
own clock, over 20 moves. The path includes the kernel round trip (slider value to Python,
new trace data back) and Plotly's redraw. For comparison, the same update is timed in this
process without a browser (the Python part of the path).

The bench starts JupyterLab on 127.0.0.1 over a temporary copy of the course (see
``tests/browser/lab_server.py``) and the system Chromium through playwright, and stops both
(and the notebook's kernel, which the server shuts down) however it ends.

Run from the repository root::

    .venv/bin/python bench/bench_lab_latency.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from lab_server import notebook_page, running_jupyterlab  # noqa: E402
from test_lab_strength_gap import BIAS_HANDLE, NOTEBOOK, PLOT, WEAK_MEDIAN  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

MOVES = 20
WARM_UP = 2
SETTLE_MS = 300
"""Pause after each move, so that one move's follow-up messages do not delay the next."""
TARGET_MS = 50

RECORD = """(el, trace) => {
  const last = () => { const y = el.data[trace].y; return y[y.length - 1]; };
  window.bbRedraws = [];
  window.bbKeyAt = null;
  el.on('plotly_afterplot', () => window.bbRedraws.push([performance.now(), last()]));
  document.addEventListener('keydown', () => { window.bbKeyAt = performance.now(); }, true);
  window.bbLast = last;
}"""
"""Record every redraw of the chart (time, the weak side's last value) and the latest key press."""

NEW_DATA = """([count, before]) => window.bbRedraws.slice(count).some(r => r[1] !== before)"""
LATENCY = """([count, before]) => {
  const first = window.bbRedraws.slice(count).find(r => r[1] !== before);
  return first[0] - window.bbKeyAt;
}"""


def press(page: object, key: str, timeout_ms: float = 20_000) -> float:
    """Press ``key`` on the focused slider; ms from the key press to the redraw with new data."""
    count, before = page.evaluate("[window.bbRedraws.length, window.bbLast()]")
    page.keyboard.press(key)
    page.wait_for_function(NEW_DATA, arg=[count, before], timeout=timeout_ms)
    return page.evaluate(LATENCY, [count, before])


def measure(page: object) -> list[float]:
    """Move the slider right then left, ``MOVES`` times in all; ms from key press to redraw."""
    page.locator(PLOT).evaluate(RECORD, WEAK_MEDIAN)
    page.locator(BIAS_HANDLE).focus()
    keys = ["ArrowRight"] * (MOVES // 2) + ["ArrowLeft"] * (MOVES - MOVES // 2)
    for key in ("ArrowRight", "ArrowLeft")[:WARM_UP]:
        press(page, key)
        page.wait_for_timeout(SETTLE_MS)
    latencies = []
    for key in keys:
        latencies.append(press(page, key))
        page.wait_for_timeout(SETTLE_MS)
    return latencies


def python_update_ms() -> list[float]:
    """The app's own update (model, trace data, summary) for the same moves, in this process."""
    from backbalance.course import Course
    from backbalance.strength_gap.app import StrengthGapApp

    app = StrengthGapApp(Course.find(ROOT).parameters)
    slider = app.controls["weak_extra_sets"]
    steps = [1] * (MOVES // 2) + [-1] * (MOVES - MOVES // 2)
    times = []
    for step in steps:
        start = time.perf_counter()
        slider.value += step
        times.append((time.perf_counter() - start) * 1e3)
    return times


def summary(label: str, values: list[float], target: float | None = None) -> None:
    """Median, fastest, slowest and 90th percentile, in ms, on two lines."""
    median = statistics.median(values)
    verdict = (
        f"   target <= {target:g} ms: {'met' if median <= target else 'MISSED'}" if target else ""
    )
    print(f"  {label}: median {median:6.1f} ms{verdict}")
    print(
        f"    fastest {min(values):5.1f} ms, slowest {max(values):5.1f} ms, "
        f"90th percentile {statistics.quantiles(values, n=10)[-1]:5.1f} ms"
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    with running_jupyterlab() as lab, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with notebook_page(browser, lab, NOTEBOOK, PLOT) as page:
                latencies = measure(page)
        finally:
            browser.close()
    print(f"Strength-gap app in JupyterLab, bias slider moved {MOVES} times by keyboard")
    summary("key press -> chart redrawn with the new data", latencies, TARGET_MS)
    summary("the same update in Python alone (this process, no browser)", python_update_ms())


if __name__ == "__main__":
    main()
