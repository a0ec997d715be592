"""Build and page-load figures for the static book, each against the Jupyter Book starter book.

Printed by `make bench`; nothing here is asserted. Targets (issue 2): cold course build
<= 45 s on a 2-core machine; warm rebuild within 1.3x of the starter book's; <= 300 KB per
page besides the shared plotly bundle; time to charts <= 1.5x the starter page's load.
Issue 14: every page's first visit (plotly.js apart) at most half the starter page's;
Lighthouse mobile performance at least the starter's, accessibility and best practices
100, SEO at least 95 (bench/package.json's Lighthouse, run offline on the system Chromium).

Both books are served by the same local server, which gzips text files (level 6) for a
browser that accepts it, as GitHub Pages and most hosts do; ``--uncompressed`` serves them
as they are on disk (the figures of earlier rounds).
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

JB = str(Path(sys.executable).with_name("jupyter-book"))
SHARED_BUNDLE = "_static/backbalance/plotly.min.js"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ("book/welcome.html", "book/assessment.html", "notebooks/strength_gap.html")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHART = 'class="bb-plotly"'
"""How a page with a chart is told apart (its charts' time is, like the starter page's
load, the median of five visits)."""
SHARED_ASSETS = "/_static/backbalance/"  # plotly.js: loaded by the chart pages, then cached
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".ipynb", ".md")
"""What the bench server gzips (fonts and images are compressed already)."""
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis"
)


class BookHandler(SimpleHTTPRequestHandler):
    """A static host: gzips the text files (:data:`COMPRESSED`, level 6) for a browser that
    accepts gzip unless ``compress`` is off; every other file as it is on disk."""

    compress = True
    zipped: dict[tuple[str, float], bytes]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BufferedIOBase | None:
        path = self.translate_path(self.path)
        if not (
            self.compress
            and path.endswith(COMPRESSED)
            and os.path.isfile(path)
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        modified = os.path.getmtime(path)
        key = (path, modified)
        if key not in self.zipped:
            self.zipped[key] = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        body = self.zipped[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(modified, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser closing a connection early is no failure of the bench


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free port of 127.0.0.1 the way :class:`BookHandler` says."""
    handler = functools.partial(BookHandler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def serving() -> str:
    """How the bench serves both books, for its printed headings."""
    return "served gzip-6 as a host would" if BookHandler.compress else "served uncompressed"


def timed_build(book: Path) -> float:
    start = time.perf_counter()
    subprocess.run([JB, "build", str(book), "--keep-going"], check=True, capture_output=True)
    return time.perf_counter() - start


def build_figures(book: Path, page: Path) -> dict[str, float]:
    """Cold build, warm rebuild with no change, warm rebuild after one Markdown page changed."""
    shutil.rmtree(book / "_build", ignore_errors=True)
    cold = timed_build(book)
    warm = timed_build(book)
    page.write_text(
        page.read_text(encoding="utf-8") + "\nOne more sentence for the benchmark.\n",
        encoding="utf-8",
    )
    edited = timed_build(book)
    return {"cold": cold, "warm": warm, "one page changed": edited}


def visit(
    context, url: str, *, besides_shared: bool = False, files: dict[str, int] | None = None
) -> tuple[int, int, float]:
    """Open ``url`` in ``context``: bytes over the network (headers included, 0 for cache
    hits; without plotly.js if ``besides_shared``), the same without plotly.js
    alone, and ms until every chart on the page shows (its picture, or the live chart where
    the book has no pictures: ``data-shown``, or ``data-drawn`` in a book built before
    pictures). ``files`` gets each file's bytes."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    transferred: list[float] = []
    plotly: list[float] = []
    cdp.on(
        "Network.requestWillBeSent",
        lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: (
            None
            if besides_shared and SHARED_ASSETS in urls.get(event["requestId"], "")
            else transferred.append(event["encodedDataLength"])
        ),
    )
    if files is not None:
        cdp.on(
            "Network.loadingFinished",
            lambda event: files.__setitem__(
                urlsplit(urls.get(event["requestId"], "")).path,
                int(event["encodedDataLength"]),
            ),
        )
    cdp.on(
        "Network.loadingFinished",
        lambda event: (
            plotly.append(event["encodedDataLength"])
            if SHARED_BUNDLE in urls.get(event["requestId"], "")
            else None
        ),
    )
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.bb-plotly'))"
        ".every(h => h.dataset.shown === 'true' || h.dataset.drawn === 'true')"
    )
    elapsed = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle")
    page.close()
    return int(sum(transferred)), int(sum(transferred) - sum(plotly)), elapsed


def page_figures(
    browser,
    site: Path,
    pages: list[str],
    warm_with: list[str],
    files: dict[str, dict[str, int]] | None = None,
) -> dict[str, tuple[int, int, int, float]]:
    """Per page: bytes on a first visit (empty cache), the same without plotly.js, bytes when
    the reader arrives from another page of the book (theme and plotly.js cached), and ms
    until the charts show. ``files`` gets, per page, its first visit's bytes per file."""
    server, url = serve(site)
    results = {}
    try:
        for path in pages:
            cold = browser.new_context()
            sizes = files.setdefault(path, {}) if files is not None else None
            first_bytes, first_besides_plotly, elapsed = visit(cold, f"{url}/{path}", files=sizes)
            cold.close()
            warm = browser.new_context()
            for other in warm_with:
                visit(warm, f"{url}/{other}")
            own_bytes, _, _ = visit(warm, f"{url}/{path}", besides_shared=True)
            warm.close()
            results[path] = (first_bytes, first_besides_plotly, own_bytes, elapsed)
    finally:
        server.shutdown()
    return results


def median_page_times(browser, visits: list[tuple[Path, str]], repeats: int = 5) -> list[float]:
    """The median ms until loaded with every chart shown, of ``repeats`` first visits of each
    (site, page), taken in turn (starter, course page, starter...), so that a machine
    whose load changes from one minute to the next weighs on both alike."""
    times: list[list[float]] = [[] for _ in visits]
    for _ in range(repeats):
        for found, (site, path) in zip(times, visits, strict=True):
            found.append(page_figures(browser, site, [path], [])[path][3])
    return [statistics.median(found) for found in times]


METRICS = {
    "first-contentful-paint": "FCP s",
    "largest-contentful-paint": "LCP s",
    "total-blocking-time": "TBT s",
}
"""Lighthouse's timings printed beside the scores (simulated phone, in seconds)."""


def lighthouse(site: Path, paths: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Lighthouse's mobile scores (0-100) and :data:`METRICS` per page, offline, on the
    system Chromium: the median of ``runs`` runs (one run swings by ten points or more on a
    loaded machine)."""
    server, url = serve(site)
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    scores = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            for path in paths:
                found: dict[str, list[float]] = {}
                for _ in range(runs):
                    subprocess.run(
                        [str(LIGHTHOUSE), f"{url}/{path}", "--quiet", "--output=json",
                         f"--output-path={report}", f"--chrome-flags={flags}",
                         f"--only-categories={','.join(CATEGORIES)}"],
                        check=True, capture_output=True, env=env,
                    )  # fmt: skip
                    result = json.loads(report.read_text(encoding="utf-8"))
                    for c in CATEGORIES:
                        found.setdefault(c, []).append(
                            100 * (result["categories"][c]["score"] or 0)
                        )
                    for audit in METRICS:
                        value = result["audits"][audit]["numericValue"] / 1000
                        found.setdefault(audit, []).append(value)
                scores[path] = {key: statistics.median(values) for key, values in found.items()}
    finally:
        server.shutdown()
    return scores


def print_lighthouse(
    ours: dict[str, dict[str, float]], theirs: dict[str, dict[str, float]], runs: int
) -> None:
    print(
        f"\nLighthouse 12 (mobile: simulated slow 4G, 4x CPU slowdown; {serving()}, both books;"
        f" median of {runs} runs)"
    )
    print(
        f"  {'page':<36} "
        + " ".join(f"{c:>14}" for c in CATEGORIES)
        + " "
        + " ".join(f"{m:>6}" for m in METRICS.values())
    )
    for label, scores in [*(("starter " + p, s) for p, s in theirs.items()), *ours.items()]:
        print(
            f"  {label:<36} "
            + " ".join(f"{scores[c]:>14.0f}" for c in CATEGORIES)
            + " "
            + " ".join(f"{scores[m]:>6.1f}" for m in METRICS)
        )
    print(
        "  targets: performance >= the starter's; accessibility and best practices 100; SEO >= 95"
    )


PAGE_DATA = re.compile(
    r'<script type="application/json" (?:class|id)="(?P<kind>bb-steps-spec|bb-plotly-spec|'
    r'bb-plotly-templates)">(?P<data>.*?)</script>',
    re.S,
)
DATA_NAMES = {
    "bb-steps-spec": "slider steps",
    "bb-plotly-spec": "chart specs",
    "bb-plotly-templates": "chart templates",
}


def print_page_data(site: Path, pages: list[str]) -> None:
    """What each page with charts carries as data (its charts' specs, their templates, the
    sliders' precomputed steps), as sent and gzipped, beside the page's whole HTML."""
    for path in pages:
        page = (site / path).read_text(encoding="utf-8")
        found: dict[str, list[bytes]] = {}
        for match in PAGE_DATA.finditer(page):
            found.setdefault(match["kind"], []).append(match["data"].encode("utf-8"))
        if not found:
            continue
        parts = [
            f"{DATA_NAMES[kind]} {len(blocks)}x {sum(map(len, blocks)) / 1024:.0f} KB"
            f" ({len(gzip.compress(b''.join(blocks), 6)) / 1024:.0f} KB gzip-6)"
            for kind, blocks in found.items()
        ]
        html = page.encode("utf-8")
        print(f"  {path}: HTML {len(html) / 1024:.0f} KB, of which " + ", ".join(parts))
        folder = (site / path).parent
        for src in re.findall(r'data-spec-src="([^"]+)"', page):
            data = (folder / src).read_bytes()
            print(
                f"    slider steps in their own file, run when the reader reaches for the"
                f" controls: {len(data) / 1024:.0f} KB ({len(gzip.compress(data, 6)) / 1024:.0f}"
                " KB gzip-6)"
            )
        pictures: dict[str, list[bytes]] = {}
        for src, variant in re.findall(r'(?:srcset|src)="([^"]+/chart-\w+-(\w+-\w+)\.svg)"', page):
            pictures.setdefault(variant, []).append((folder / src).read_bytes())
        for variant, files in pictures.items():
            zipped = sum(len(gzip.compress(data, 6)) for data in files)
            print(
                f"    {len(files)} chart pictures {variant}: {sum(map(len, files)) / 1024:.0f} KB"
                f" ({zipped / 1024:.0f} KB gzip-6; a reader fetches one kind)"
            )


def print_heaviest(files: dict[str, dict[str, int]], pages: list[str], count: int = 8) -> None:
    """The heaviest files of each page's first visit."""
    for path in pages:
        heaviest = sorted(files[path].items(), key=lambda item: -item[1])[:count]
        print(f"  {path}, heaviest files of a first visit:")
        for name, size in heaviest:
            print(f"    {size / 1024:8.0f} KB  {name}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site",
        type=Path,
        action="append",
        help="measure this built book (its _build/html) instead of building the course; "
        "may be given twice (for example a build before and after a change: their times to "
        "charts are then taken in turn), and skips the build figures",
    )
    parser.add_argument("--page", action="append", help="only this page (repeatable)")
    parser.add_argument(
        "--uncompressed",
        action="store_true",
        help="serve both books as they are on disk (no gzip), as the bench did before",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=3,
        help="Lighthouse runs per page, of which the median is printed (default 3)",
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    BookHandler.compress = not args.uncompressed
    BookHandler.zipped = {}
    with tempfile.TemporaryDirectory() as tmp:
        starter = Path(tmp) / "starter"
        subprocess.run([JB, "create", str(starter)], check=True, capture_output=True)
        if args.site:
            sites = [site.resolve() for site in args.site]
            timed_build(starter)
        else:
            course = Path(tmp) / "course"
            shutil.copytree(ROOT, course, ignore=COPY_IGNORE)
            (course / "node_modules").symlink_to(ROOT / "node_modules")
            ours = build_figures(course, course / "book" / "welcome.md")
            theirs = build_figures(starter, starter / "markdown.md")
            print("Build (seconds; ratio to the Jupyter Book starter book built in the same run)")
            for key in ours:
                print(
                    f"  {key:<18} course {ours[key]:6.1f} s   starter {theirs[key]:6.1f} s   ratio {ours[key] / theirs[key]:4.2f}"
                )
            print("  targets: cold course build <= 45 s; warm rebuild ratio <= 1.3")
            sites = [course / "_build" / "html"]
        starter_ms, chart_ms = chart_times(sites, starter, args.page)
        for site in sites:
            measure_site(site, starter, args.page, args.lighthouse_runs, starter_ms, chart_ms)


def site_pages(site: Path, only: list[str] | None) -> list[str]:
    """The reader's pages of a built book (``only`` these, if given)."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if not {"_static", "_sources"} & set(p.relative_to(site).parts)
        and (not only or str(p.relative_to(site)) in only)
    )


def chart_times(
    sites: list[Path], starter: Path, only: list[str] | None
) -> tuple[float, dict[tuple[Path, str], float]]:
    """The starter page's load and, per (site, page with charts), the time until its charts
    are drawn (:func:`median_page_times`): every site's pages taken in turn with the
    starter page's, so that two builds given with ``--site`` (before and after a change)
    are timed in the same minutes."""
    from playwright.sync_api import sync_playwright

    charted = [
        (site, p)
        for site in sites
        for p in site_pages(site, only)
        if CHART in (site / p).read_text(encoding="utf-8")
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        starter_ms, *times = median_page_times(
            browser, [(starter / "_build" / "html", "intro.html"), *charted]
        )
        browser.close()
    return starter_ms, dict(zip(charted, times, strict=True))


REACH = """() => new Promise(resolve => {
  const holder = document.querySelector('.bb-plotly');
  const start = performance.now();
  holder.addEventListener('bb-plotly-drawn', () => resolve(performance.now() - start), {once: true});
  holder.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
})"""
"""ms from a reader's focus on the page's first chart to its live chart drawn."""


def live_after_reach(browser, site: Path, path: str, repeats: int = 5) -> float | None:
    """The median ms from reaching for the first chart of ``path`` to its live chart, on
    first visits once the page has loaded (plotly.js prefetched, not yet run); None for a
    page whose charts are drawn live at once (no pictures)."""
    if "bb-picture" not in (site / path).read_text(encoding="utf-8"):
        return None
    server, url = serve(site)
    times = []
    try:
        for _ in range(repeats):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{url}/{path}", wait_until="networkidle")
            times.append(page.evaluate(REACH))
            context.close()
    finally:
        server.shutdown()
    return statistics.median(times)


def measure_site(
    site: Path,
    starter: Path,
    only: list[str] | None,
    runs: int,
    starter_ms: float,
    chart_ms: dict[tuple[Path, str], float],
) -> None:
    """Page weight and Lighthouse of one built book, beside the starter's measured in the
    same minute, with the times to charts of :func:`chart_times`."""
    from playwright.sync_api import sync_playwright

    pages = site_pages(site, only)
    print(f"\n== {site}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        files: dict[str, dict[str, int]] = {}
        figures = page_figures(browser, site, pages, warm_with=["search.html"], files=files)
        for (charted_site, path), ms in chart_ms.items():
            if charted_site == site:
                first, besides, own, _ = figures[path]
                figures[path] = (first, besides, own, ms)
        starter_page = page_figures(
            browser, starter / "_build" / "html", ["intro.html"], warm_with=["search.html"]
        )
        reach = {path: live_after_reach(browser, site, path) for path in pages}
        browser.close()
    bundle = (site / SHARED_BUNDLE).stat().st_size
    first, _, own, _ = starter_page["intro.html"]
    starter_first = first
    bundle_gzip = len(gzip.compress((site / SHARED_BUNDLE).read_bytes(), compresslevel=6))
    print(
        f"\nPages ({serving()}, both books; the shared bundle, cached after first use: "
        f"plotly.js {bundle / 1024:.0f} KB, {bundle_gzip / 1024:.0f} KB gzip-6)"
    )
    print_page_data(site, pages)
    print(
        f"  starter book intro page: first visit {first / 1024:.0f} KB, from another page {own / 1024:.0f} KB, "
        f"load {starter_ms:.0f} ms (median of 5)"
    )
    print(
        f"  {'page':<36} {'first visit':>11} {'without plotly.js':>18} {'of starter':>10} "
        f"{'from another page':>18} {'charts shown':>13} {'ratio':>6}"
    )
    for path, (first, besides_plotly, own, ms) in figures.items():
        print(
            f"  {path:<36} {first / 1024:8.0f} KB {besides_plotly / 1024:15.0f} KB "
            f"{besides_plotly / starter_first:10.2f} {own / 1024:15.0f} KB {ms:10.0f} ms "
            f"{ms / starter_ms:6.2f}"
        )
    for path, ms in reach.items():
        if ms is not None:
            print(
                f"  {path}: the first chart live {ms:.0f} ms after the reader reaches for it "
                "(focus; plotly.js prefetched, run then; median of 5)"
            )
    print_heaviest(files, [p for p in LIGHTHOUSE_PAGES if p in files])
    print("  first visit includes the theme's files (the starter book pays them too);")
    print(
        "   'from another page': after a visit to the search page (theme cached), besides plotly.js"
    )
    print(
        "  targets: <= 300 KB per page besides the shared bundles; time to charts <= 1.5x the starter page;"
    )
    print("   first visit without plotly.js <= 0.5 of the starter page's")
    print(
        "  charts shown: on a page with charts, the median of 5 first visits until every chart shows"
        " (a picture drawn at build time, or the live chart), taken in turn with"
        " the starter page's"
    )
    if LIGHTHOUSE.is_file():
        print_lighthouse(
            lighthouse(site, [p for p in LIGHTHOUSE_PAGES if not only or p in only], runs),
            lighthouse(starter / "_build" / "html", ["intro.html"], runs),
            runs,
        )
    else:
        print(f"\nLighthouse: {LIGHTHOUSE} missing (make bench installs bench/package.json)")


if __name__ == "__main__":
    main()
