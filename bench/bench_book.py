"""Build and page-load figures for the static book, each against the Jupyter Book starter book.

Printed by `make bench`; nothing here is asserted. Targets (issue 2): cold course build
<= 45 s on a 2-core machine; warm rebuild within 1.3x of the starter book's; <= 300 KB per
page besides the shared plotly bundle; time to charts <= 1.5x the starter page's load.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

JB = str(Path(sys.executable).with_name("jupyter-book"))
SHARED_BUNDLE = "_static/backbalance/plotly.min.js"
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis")


def timed_build(book: Path) -> float:
    start = time.perf_counter()
    subprocess.run([JB, "build", str(book), "--keep-going"], check=True, capture_output=True)
    return time.perf_counter() - start


def build_figures(book: Path, page: Path) -> dict[str, float]:
    """Cold build, warm rebuild with no change, warm rebuild after one Markdown page changed."""
    shutil.rmtree(book / "_build", ignore_errors=True)
    cold = timed_build(book)
    warm = timed_build(book)
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence for the benchmark.\n", encoding="utf-8")
    edited = timed_build(book)
    return {"cold": cold, "warm": warm, "one page changed": edited}


def page_figures(browser, site: Path, pages: list[str]) -> dict[str, tuple[int, float]]:
    """Bytes transferred (besides the shared plotly bundle) and ms until every chart is drawn."""
    server, url = serve(site)
    results = {}
    try:
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            sizes: list[int] = []
            page.on("response", lambda r: sizes.append(0 if r.url.endswith(SHARED_BUNDLE) else len(r.body())))
            start = time.perf_counter()
            page.goto(f"{url}/{path}", wait_until="load")
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('.bb-plotly')).every(h => h.dataset.drawn === 'true')"
            )
            elapsed = (time.perf_counter() - start) * 1000
            page.wait_for_load_state("networkidle")
            results[path] = (sum(sizes), elapsed)
            context.close()
    finally:
        server.shutdown()
    return results


def median_page_time(browser, site: Path, path: str, repeats: int = 5) -> float:
    return statistics.median(page_figures(browser, site, [path])[path][1] for _ in range(repeats))


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        shutil.copytree(ROOT, course, ignore=COPY_IGNORE)
        (course / "node_modules").symlink_to(ROOT / "node_modules")
        starter = Path(tmp) / "starter"
        subprocess.run([JB, "create", str(starter)], check=True, capture_output=True)

        ours = build_figures(course, course / "book" / "welcome.md")
        theirs = build_figures(starter, starter / "markdown.md")
        print("Build (seconds; ratio to the Jupyter Book starter book built in the same run)")
        for key in ours:
            print(f"  {key:<18} course {ours[key]:6.1f} s   starter {theirs[key]:6.1f} s   ratio {ours[key] / theirs[key]:4.2f}")
        print("  targets: cold course build <= 45 s; warm rebuild ratio <= 1.3")

        site = course / "_build" / "html"
        pages = sorted(
            str(p.relative_to(site)) for p in site.rglob("*.html") if not {"_static", "_sources"} & set(p.relative_to(site).parts)
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            starter_ms = median_page_time(browser, starter / "_build" / "html", "intro.html")
            figures = page_figures(browser, site, pages)
            browser.close()
        bundle = (site / SHARED_BUNDLE).stat().st_size
        print(f"\nPages (shared plotly bundle, cached after the first page: {bundle / 1024:.0f} KB)")
        print(f"  starter book intro page load: {starter_ms:.0f} ms (median of 5)")
        for path, (size, ms) in figures.items():
            print(f"  {path:<40} {size / 1024:7.0f} KB   charts drawn in {ms:6.0f} ms   ratio {ms / starter_ms:4.2f}")
        print("  targets: <= 300 KB per page besides the bundle; time to charts <= 1.5x the starter page")


if __name__ == "__main__":
    main()
