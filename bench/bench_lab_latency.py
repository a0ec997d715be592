"""Slider-to-chart latency of the strength-gap app in a real JupyterLab (issue 11).

Printed by `make bench`; nothing is asserted. Target: median <= 50 ms from the key press on
the "extra weak-side sets" slider (the key event's own time stamp) to the rendering of the
chart with the new data: the first frame rendered after the weak side's typical-person line
changed in the page's SVG (whichever way plotly.js redrew it), both in the page's own clock,
over 3 rounds of 20 moves (each round's figures are printed: the quietest round is the
fairest figure on a shared machine). Two series are measured in the same page. First the
moves as a learner stepping the slider meets them: the app offers the browser the next
step either way (``StrengthGapApp.ahead``), so the path is the slider's own update and
Plotly's redraw, and the kernel's answer only confirms. Then the same moves with the app's
offers turned off in the notebook's kernel, as a jump or a fast drag meets them: the path
includes the kernel round trip (slider value to Python, new trace data back). For
comparison, the app's update is timed in this process without a browser (the Python part
of the path), wall clock and CPU time of the calling thread: for the same moves with the
same pause (the app's cache and its background precompute at work, as a learner stepping
a slider meets them), and for settings never seen before with the precompute off (every
update simulates). The machine's load average is printed at the start and the end: on a
shared machine, compare runs made in the same minute.

The bench starts JupyterLab on 127.0.0.1 over a temporary copy of the course (see
``tests/browser/lab_server.py``), with JupyterLab's own notebook settings, as a learner has
them (its default ``windowingMode`` skips the rendering of the cells out of view; the tests
render every cell, which made each move about 5 ms slower when measured on 2026-12-02),
and the system Chromium through playwright, and stops both however it ends; the server
shuts the notebook's kernel down, and any process still running from the server's temporary
folder afterwards is stopped by its id and reported.

Run from the repository root::

    .venv/bin/python bench/bench_lab_latency.py
"""

from __future__ import annotations

import os
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from lab_server import notebook_page, running_jupyterlab  # noqa: E402
from test_lab_strength_gap import (  # noqa: E402
    BIAS_HANDLE,
    CHART_READY,
    NOTEBOOK,
    PLOT,
    WEAK_MEDIAN,
)

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

MOVES = 20
ROUNDS = 3
"""Rounds of ``MOVES`` moves: on a shared machine the quietest round is the fairest figure."""
WARM_UP = 2
SETTLE_MS = 300
"""Pause after each move, so that one move's follow-up messages do not delay the next."""
TARGET_MS = 50
WAITING = "with the app's offers off (every move waits for the kernel's answer)"

RECORD = """(el, trace) => {
  const line = () => {
    const drawn = el.querySelector(`.scatterlayer .trace${el.data[trace].uid} path.js-line`);
    return drawn === null ? null : drawn.getAttribute('d');
  };
  window.bbKeyAt = null;
  window.bbDrawn = [];
  document.addEventListener('keydown', (e) => { window.bbKeyAt = e.timeStamp; }, true);
  const nextTask = (then) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  };
  let inFrame = false;
  const frame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => frame((time) => {
    if (!inFrame) { inFrame = true; nextTask(() => { inFrame = false; }); }
    callback(time);
  });
  let last = line();
  new MutationObserver(() => {
    const now = line();
    if (now === last) return;
    last = now;
    const drawn = {at: performance.now(), painted: null};
    window.bbDrawn.push(drawn);
    const painted = () => { drawn.painted = performance.now(); };
    if (inFrame) nextTask(painted); else frame(() => nextTask(painted));
  }).observe(el, {subtree: true, childList: true, attributes: true, attributeFilter: ['d']});
}"""
"""Record, for every change of the weak side's typical-person line as drawn (its SVG path),
when the page rendered it, and the time of the latest key press (the event's own time
stamp, taken when the browser received the key). A change made during an animation frame
is rendered at the end of that frame; one made in any other task is rendered in the next
frame: the recorded time is the first task after that rendering."""

NEW_DRAWING = """count => window.bbDrawn.length > count && window.bbDrawn[count].painted !== null"""
LATENCY = """count => [window.bbDrawn[count].at - window.bbKeyAt,
                     window.bbDrawn[count].painted - window.bbKeyAt]"""


def press(page: object, key: str, timeout_ms: float = 20_000) -> tuple[float, float]:
    """Press ``key`` on the focused slider; ms from the key press to the new line in the
    page's SVG, and to the end of the frame that rendered it."""
    count = page.evaluate("window.bbDrawn.length")
    page.keyboard.press(key)
    page.wait_for_function(NEW_DRAWING, arg=count, timeout=timeout_ms)
    return tuple(page.evaluate(LATENCY, count))


def measure(page: object) -> list[list[tuple[float, float]]]:
    """:data:`ROUNDS` times, move the slider right then left, ``MOVES`` times in all; per
    round and move, ms from the key press to the new line in the SVG and to its rendering."""
    page.locator(BIAS_HANDLE).focus()
    keys = ["ArrowRight"] * (MOVES // 2) + ["ArrowLeft"] * (MOVES - MOVES // 2)
    for key in ("ArrowRight", "ArrowLeft")[:WARM_UP]:
        press(page, key)
        page.wait_for_timeout(SETTLE_MS)
    rounds = []
    for _ in range(ROUNDS):
        latencies = []
        for key in keys:
            latencies.append(press(page, key))
            page.wait_for_timeout(SETTLE_MS)
        rounds.append(latencies)
    return rounds


OFFERS_OFF = """
import gc
from backbalance.strength_gap.app import StrengthGapApp
for app in gc.get_objects():
    if isinstance(app, StrengthGapApp):
        app.offers = False
"""
"""Run in the notebook's kernel: its app stops offering the browser the next steps (the
app has no name in the notebook, hence the search)."""


def run_in_kernel(lab: object, code: str) -> None:
    """Run ``code`` in the one kernel of ``lab`` (a client of its own, through the kernel's
    connection file in the server's runtime folder); fail if it raises."""
    from jupyter_client import BlockingKernelClient

    (connection,) = (lab.root_dir.parent / "runtime").glob("kernel-*.json")
    client = BlockingKernelClient(connection_file=str(connection))
    client.load_connection_file()
    client.start_channels()
    try:
        reply = client.execute_interactive(code, timeout=60, output_hook=lambda _: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel could not run the bench's code: {reply['content']}")
    finally:
        client.stop_channels()


def timed(set_value: object) -> tuple[float, float]:
    """Wall and CPU (this thread) ms of one call of ``set_value``."""
    wall, cpu = time.perf_counter(), time.thread_time()
    set_value()
    return (time.perf_counter() - wall) * 1e3, (time.thread_time() - cpu) * 1e3


def python_update_ms() -> dict[str, list[tuple[float, float]]]:
    """The app's own update (model, trace data, summary) in this process: wall and CPU ms."""
    from backbalance.course import Course
    from backbalance.strength_gap.app import StrengthGapApp

    params = Course.find(ROOT).parameters
    app = StrengthGapApp(params)
    slider = app.controls["weak_extra_sets"]
    steps = [1] * (MOVES // 2) + [-1] * (MOVES - MOVES // 2)
    used = []
    for step in steps:
        used.append(timed(lambda step=step: setattr(slider, "value", slider.value + step)))
        time.sleep(SETTLE_MS / 1e3)
    cold = StrengthGapApp(params, precompute=False)
    gap = cold.controls["gap"]
    new = [
        timed(lambda value=value: setattr(gap, "value", value))
        for value in range(int(gap.value) + 1, int(gap.value) + 1 + MOVES)
    ]
    app.wait_for_background()
    return {
        f"the same moves, {SETTLE_MS} ms apart (cache and precompute at work)": used,
        "a setting never seen before (the gap slider, precompute off)": new,
    }


def stop_leftovers(folder: Path) -> list[int]:
    """Stop (SIGKILL, by id) any process whose command line names ``folder``; their ids."""
    stopped = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(folder) in command:
            os.kill(int(entry.name), signal.SIGKILL)
            stopped.append(int(entry.name))
    return stopped


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


def load() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    from playwright.sync_api import sync_playwright

    print(f"Strength-gap app in JupyterLab, bias slider moved {MOVES} times by keyboard")
    print(f"  at the start: {load()} (1, 5, 15 min; {os.cpu_count()} CPUs)")
    folder = None
    try:
        with running_jupyterlab(windowing=None) as lab, sync_playwright() as playwright:
            folder = lab.root_dir.parent
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                with notebook_page(browser, lab, NOTEBOOK, PLOT) as page:
                    page.wait_for_function(CHART_READY, arg=[PLOT, WEAK_MEDIAN])
                    page.locator(PLOT).evaluate(RECORD, WEAK_MEDIAN)
                    series = {"as a learner meets it": measure(page)}
                    run_in_kernel(lab, OFFERS_OFF)
                    series[WAITING] = measure(page)
            finally:
                browser.close()
    finally:
        leftovers = stop_leftovers(folder) if folder is not None else []
        if leftovers:
            print(f"  stopped processes the server left running: {leftovers}")
    for name, rounds in series.items():
        print(f"Moves {name}:")
        for number, latencies in enumerate(rounds, start=1):
            print(f"  round {number} of {ROUNDS}:")
            summary("key press -> new line in the SVG", [at for at, _ in latencies])
            summary("key press -> chart rendered", [painted for _, painted in latencies], TARGET_MS)
        every = [painted for latencies in rounds for _, painted in latencies]
        summary(f"all {len(every)} moves, key press -> chart rendered", every, TARGET_MS)
    print("The app's update in Python alone (this process, no browser):")
    for label, times in python_update_ms().items():
        summary(f"{label}, wall", [wall for wall, _ in times])
        summary(f"{label}, CPU", [cpu for _, cpu in times])
    print(f"  at the end: {load()}")


if __name__ == "__main__":
    main()
