"""The static book builds with warnings as errors and is self-contained."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from backbalance.sphinxext.reader import PRINT_LABEL, SOURCE_LABELS
from toc_pages import student_pages

PLOTLY_MIME_MARKER = 'class="bb-plotly"'


def pages(site: Path) -> list[Path]:
    return sorted(
        p for p in site.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts
    )


def test_book_builds_without_warnings(book_build):
    assert book_build.returncode == 0, book_build.stdout[-4000:] + book_build.stderr[-4000:]
    log = book_build.stdout + book_build.stderr
    # Sphinx reports "path:line: WARNING: ..."; a kernel's own log lines are not build warnings.
    assert not re.search(r"WARNING: ", log), log[-4000:]


def test_every_toc_page_is_built(site, root):
    for file in student_pages(root):
        assert (site / f"{file}.html").is_file(), f"{file} missing from the built book"


def test_no_page_references_another_host(site):
    """Scripts, styles, fonts and images all come from the book itself."""
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr) or ""
                if (
                    tag == "link"
                    and "stylesheet" not in (element.get("rel") or [])
                    and "preload" not in (element.get("rel") or [])
                ):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{page.relative_to(site)} loads {url}"


def test_plotly_bundle_is_served_once_and_only_where_needed(site):
    """A page whose charts are drawn at once names the bundle once; a page whose charts
    have pictures names it nowhere (``bb-plotly.js`` loads it from beside itself when the
    reader reaches for a chart); no other page loads it."""
    bundle = site / "_static" / "backbalance" / "plotly.min.js"
    assert bundle.is_file()
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        loads = html.count("_static/backbalance/plotly.min.js")
        charts, pictured = PLOTLY_MIME_MARKER in html, 'class="bb-picture' in html
        assert loads == (1 if charts and not pictured else 0), page.relative_to(site)
        assert ("_static/backbalance/bb-plotly.js" in html) == charts, page.relative_to(site)
        assert "Plotly.newPlot" not in html, f"{page.relative_to(site)} inlines plotly code"


def test_downloads_are_ones_a_reader_can_use(sites, root):
    """The student edition offers printing only (a notebook alone does not run, MyST source
    is not for reading); the instructor edition also offers the sources, named in words."""
    notebooks = [Path(f) for f in student_pages(root) if (root / f"{f}.ipynb").is_file()]
    assert notebooks, "the book has notebook pages"
    for notebook in notebooks:
        student = BeautifulSoup((sites["student"] / f"{notebook}.html").read_text(), "html.parser")
        menu = student.select_one(".dropdown-download-buttons")
        assert [item.get_text(" ", strip=True) for item in menu.select("li")] == [PRINT_LABEL]
        assert not student.select('a[href*="_sources/"]'), f"{notebook}: a source download"
        instructor = (sites["instructor"] / f"{notebook}.html").read_text(encoding="utf-8")
        assert f"_sources/{notebook}.ipynb" in instructor
        assert SOURCE_LABELS[".ipynb"] in instructor
