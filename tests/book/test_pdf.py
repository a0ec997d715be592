"""`make pdf`: the whole book as one PDF, with every chapter, its charts and working links.

Built once from a snapshot of the course (bench/make_pdf.py, as `make pdf` runs it). The
PDF's text is read where Chromium writes it as text: the bookmarks (one per heading) and
the link annotations.
"""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from building import ROOT

from toc_pages import student_pages

sys.path.insert(0, str(ROOT / "bench"))
import make_pdf

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def printed(source: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """(the single-page site, the PDF, the number of charts drawn)."""
    if not Path(make_pdf.CHROMIUM).exists():
        pytest.skip(f"{make_pdf.CHROMIUM} not found")
    site = make_pdf.build_singlehtml(source, tmp_path_factory.mktemp("singlehtml"))
    pdf = tmp_path_factory.mktemp("pdf") / "back-in-balance.pdf"
    return site, pdf, make_pdf.print_pdf(site, source, pdf)


def pdf_text(pdf: Path) -> str:
    """The PDF's objects with every compressed stream inflated, as Latin-1 text."""
    data = pdf.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts).decode("latin-1")


def pdf_strings(text: str) -> str:
    """Every PDF string (literal or UTF-16 hex) decoded and joined, for finding titles."""
    found = []
    for hexa in re.findall(r"<(FEFF[0-9A-Fa-f]*)>", text):
        found.append(bytes.fromhex(hexa)[2:].decode("utf-16-be", "replace"))
    for literal in re.findall(r"\((?:[^()\\]|\\.)*\)", text):
        found.append(literal[1:-1].replace("\\(", "(").replace("\\)", ")"))
    return "\n".join(found)


def chapter_titles(site: Path) -> list[str]:
    """The title of every chapter on the single page: the first heading after each
    chapter's ``document-`` anchor (the root page's own title first)."""
    soup = BeautifulSoup((site / make_pdf.PAGE).read_text(encoding="utf-8"), "html.parser")
    anchors = soup.select('main span[id^="document-"]')
    headings = [soup.select_one("main h1")] + [a.find_next(["h1", "h2"]) for a in anchors]
    return [h.get_text(" ", strip=True).rstrip("#¶ ").strip() for h in headings]


def test_the_pdf_has_every_chapter(printed, root):
    site, pdf, _ = printed
    text = pdf_text(pdf)
    pages = len(re.findall(r"/Type\s*/Page\b", text))
    titles = chapter_titles(site)
    chapters = len(student_pages(root))
    assert len(titles) == chapters, (
        f"{len(titles)} chapters on the single page, {chapters} in the student edition"
    )
    assert pages > len(titles), f"{pages} pages for {len(titles)} chapters"
    strings = pdf_strings(text)
    missing = [title for title in titles if title not in strings]
    assert not missing, f"chapter titles missing from the PDF's bookmarks: {missing}"


def test_the_pdf_links_inside_itself(printed, root):
    site, pdf, _ = printed
    text = pdf_text(pdf)
    links = re.findall(r"/Subtype\s*/Link", text)
    internal = re.findall(r"/Dest\s*[/(<\[]|/S\s*/GoTo\b", text)
    html = (site / make_pdf.PAGE).read_text(encoding="utf-8")
    assert 'href="#' in html, "the single page has internal links"
    assert links, "no link annotations in the PDF"
    assert internal, "no internal (GoTo) links in the PDF: cross-references would not jump"
    targets = set(re.findall(r"/Dest\s*(/[^\s/>\[\]]+)", text))
    named = set(re.findall(r"(/[^\s/>\[\]]+)\s*\[\s*\d+\s+0\s+R\s*/XYZ", text))
    chapters = student_pages(root)[1:]  # the root page is the PDF's start, not a link
    unlinked = [c for c in chapters if f"/document-{c.replace('/', '#2F')}" not in targets]
    assert not unlinked, f"the PDF's contents do not link to {unlinked}"
    assert targets <= named, f"links to places the PDF does not have: {sorted(targets - named)[:5]}"


def test_the_pdf_has_the_charts_drawn(printed):
    site, _, charts = printed
    html = (site / make_pdf.PAGE).read_text(encoding="utf-8")
    assert charts == html.count('class="bb-plotly"') > 0, (
        "every chart of the book was drawn before printing"
    )
