"""The whole book as one PDF (`make pdf`): a single-page build printed by the system Chromium.

1. ``jupyter-book build --builder custom --custom-builder singlehtml`` puts every chapter on
   one page (``_build/singlehtml``); its cross-references become ``#anchors`` of that page,
   which Chromium keeps as links inside the PDF.
2. That page is served on 127.0.0.1 and opened in headless Chromium (``/usr/bin/chromium``)
   with every request to another host refused, so the PDF is made offline. The page is laid
   out in print media at the paper's printable width, and printed once every chart is drawn
   and re-sized to that width (``static/print.css`` keeps figures and charts whole).
3. The paper gets what a screen does not need: a cover with the book's title and authors
   (from ``_config.yml``) and, at the foot of every page, the title and the page number.

    python bench/make_pdf.py [--skip-build] [--output _build/pdf/back-in-balance.pdf]
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# The browser tests' Chromium and local server, loaded by path: under pytest another
# conftest module is already imported by that name.
_spec = importlib.util.spec_from_file_location(
    "bb_browser", ROOT / "tests" / "browser" / "conftest.py"
)
_browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser)
CHROMIUM, CHROMIUM_ARGS, serve = _browser.CHROMIUM, _browser.CHROMIUM_ARGS, _browser.serve

JB = str(Path(sys.executable).with_name("jupyter-book"))
PAGE = "back-in-balance.html"  # the single page, at the top of _build/singlehtml
PAPER = "A4"
MARGIN_MM = 15
PRINTABLE_PX = round((210 - 2 * MARGIN_MM) / 25.4 * 96)  # A4 width less margins, in CSS px
CHART_TIMEOUT_MS = 120_000
DRAWN = """() => Array.from(document.querySelectorAll('.bb-plotly'))
  .every(holder => holder.dataset.drawn === 'true')"""
COVER = """([title, author, copyright]) => {
  const cover = document.createElement('div');
  cover.className = 'bb-pdf-cover';
  [['bb-pdf-title', title], ['bb-pdf-author', author], ['bb-pdf-copyright', copyright]]
    .filter(([, text]) => text)
    .forEach(([name, text]) => {
      const line = document.createElement('p');
      line.className = name;
      line.textContent = text;
      cover.append(line);
    });
  document.querySelector('main article, main').prepend(cover);
}"""
# Chromium fills .pageNumber and .totalPages; the footer has its own small page, so its font
# size is set here (the book's stylesheets do not reach it).
FOOTER = """<div style="width:100%;margin:0 15mm;font:8pt sans-serif;color:#444;display:flex;
justify-content:space-between"><span>{title}</span><span><span class="pageNumber"></span> /
<span class="totalPages"></span></span></div>"""
RESIZE = """() => Promise.all(Array.from(document.querySelectorAll('.bb-plotly-chart'))
  .map(chart => window.Plotly.Plots.resize(chart)))"""


def build_singlehtml(source: Path, output: Path) -> Path:
    """Build the single-page book of ``source`` below ``output``; returns its folder."""
    result = subprocess.run(
        [
            JB,
            "build",
            str(source),
            "--path-output",
            str(output),
            "--builder",
            "custom",
            "--custom-builder",
            "singlehtml",
            "--warningiserror",
            "--keep-going",
        ],
        cwd=source,
        capture_output=True,
        text=True,
        env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    )
    if result.returncode != 0:
        raise SystemExit(
            "make pdf: the single-page book did not build:\n"
            + result.stdout[-3000:]
            + result.stderr[-3000:]
        )
    return output / "_build" / "singlehtml"


def single_page(site: Path, source: Path) -> str:
    """Write the whole book's one page (the toc's root, e.g. ``book/welcome.html``) again at
    the top of ``site`` as :data:`PAGE`, its links into itself made ``#anchors``: Sphinx's
    single-page builder writes its paths (``_static/``, ``_images/``, ``book/welcome.html#x``)
    from the top of the site, wrong from a root page inside ``book/``."""
    root = yaml.safe_load((source / "_toc.yml").read_text(encoding="utf-8"))["root"]
    built = site / f"{root}.html"
    if not built.is_file():
        raise SystemExit(f"make pdf: {built} not found; run make pdf (without --skip-build)")
    html = built.read_text(encoding="utf-8")
    for target in (f"{root}.html", PAGE):
        html = html.replace(f'href="{target}#', 'href="#').replace(f'href="{target}"', 'href="#"')
    (site / PAGE).write_text(html, encoding="utf-8")
    return PAGE


def book_details(source: Path) -> tuple[str, str, str]:
    """The book's title, authors and copyright line, from its ``_config.yml``."""
    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8")) or {}
    title = str(config.get("title") or "")
    author = str(config.get("author") or "")
    year = str(config.get("copyright") or "")
    return title, author, f"© {year} {author}".strip() if year else ""


def print_pdf(site: Path, source: Path, pdf: Path) -> int:
    """Print the single page of ``site`` to ``pdf`` once its charts are drawn; returns the
    number of charts."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    name = single_page(site, source)
    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": PRINTABLE_PX, "height": 1100})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(url) else route.abort()
                ),
            )
            page.emulate_media(media="print")
            page.goto(f"{url}/{name}", wait_until="load")
            try:
                page.wait_for_function(DRAWN, timeout=CHART_TIMEOUT_MS)
            except PlaywrightTimeout:
                raise SystemExit(
                    f"make pdf: the charts of {site / name} were not drawn within "
                    f"{CHART_TIMEOUT_MS // 1000} s; open it in a browser and look at its console"
                ) from None
            charts = page.locator(".bb-plotly").count()
            if charts:
                page.evaluate(RESIZE)
            details = book_details(source)
            page.evaluate(COVER, list(details))
            pdf.parent.mkdir(parents=True, exist_ok=True)
            margin = f"{MARGIN_MM}mm"
            page.pdf(
                path=str(pdf),
                format=PAPER,
                margin={"top": margin, "bottom": margin, "left": margin, "right": margin},
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(title=html.escape(details[0])),
                outline=True,
                tagged=True,
            )
            browser.close()
    finally:
        server.shutdown()
    return charts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=ROOT, help="the course folder (default: this one)"
    )
    parser.add_argument(
        "--skip-build", action="store_true", help="print the existing _build/singlehtml"
    )
    parser.add_argument(
        "--output", type=Path, help="the PDF (default: <source>/_build/pdf/back-in-balance.pdf)"
    )
    args = parser.parse_args(argv)
    source = args.source.resolve()
    pdf = args.output or source / "_build" / "pdf" / "back-in-balance.pdf"
    site = source / "_build" / "singlehtml"
    if not args.skip_build:
        site = build_singlehtml(source, source)
    if not (site / "index.html").is_file():
        raise SystemExit(
            f"make pdf: {site}/index.html not found; build it first (make pdf without --skip-build)"
        )
    if not Path(CHROMIUM).exists():
        raise SystemExit(
            f"make pdf: {CHROMIUM} not found; install Debian's chromium (make browser, as root)"
        )
    charts = print_pdf(site, source, pdf)
    print(f"make pdf: {pdf} ({pdf.stat().st_size // 1024} KB, {charts} charts drawn)")


if __name__ == "__main__":
    main()
