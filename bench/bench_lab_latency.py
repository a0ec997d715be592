"""Slider-to-chart latency of the strength-gap app in a real JupyterLab (issue 4).

Printed by `make bench`; nothing is asserted. Target: median <= 50 ms from the key press on
the "extra weak-side sets" slider to the chart's next `plotly_afterplot`, both taken with
the page's own clock. The path includes the kernel round trip (slider value to Python,
new trace data back) and Plotly's redraw.

Run from the repository root::

    .venv/bin/python bench/bench_lab_latency.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from lab_server import notebook_page, running_jupyterlab  # noqa: E402
from test_lab_strength_gap import NOTEBOOK, PLOT, prepare_slider, press_and_wait_for_redraw  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

MOVES = 20
WARM_UP = 2
SETTLE_MS = 300
"""Pause after each move, so that one move's follow-up messages do not delay the next."""


def measure(page: object) -> list[float]:
    """Move the slider right then left, ``MOVES`` times in all; ms from key press to redraw."""
    keys = ["ArrowRight"] * (MOVES // 2) + ["ArrowLeft"] * (MOVES - MOVES // 2)
    for key in ("ArrowRight", "ArrowLeft")[:WARM_UP]:
        press_and_wait_for_redraw(page, key)
        page.wait_for_timeout(SETTLE_MS)
    latencies = []
    for key in keys:
        latencies.append(press_and_wait_for_redraw(page, key))
        page.wait_for_timeout(SETTLE_MS)
    return latencies


def main() -> None:
    from playwright.sync_api import sync_playwright

    with running_jupyterlab() as lab, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with notebook_page(browser, lab, NOTEBOOK, PLOT) as page:
            prepare_slider(page)
            latencies = measure(page)
        browser.close()
    median = statistics.median(latencies)
    print(
        f"Strength-gap app in JupyterLab: key press on the bias slider -> chart redrawn ({MOVES} moves)"
    )
    print(f"  median {median:6.1f} ms   target <= 50 ms: {'met' if median <= 50 else 'MISSED'}")
    print(
        f"  fastest {min(latencies):5.1f} ms, slowest {max(latencies):5.1f} ms, "
        f"90th percentile {statistics.quantiles(latencies, n=10)[-1]:5.1f} ms"
    )


if __name__ == "__main__":
    main()
