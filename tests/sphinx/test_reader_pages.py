"""A tiny book with a table of contents: mathematics as MathML (no MathJax anywhere), the
student edition without the instructor pages, and the root redirect page's description."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.sphinx("html", testroot="toc", srcdir="toc-student")
def test_mathematics_is_mathml_and_no_page_loads_mathjax(app, build, soup):
    build(app)
    chapter = soup(app, "chapter")
    maths = chapter.find_all("math")
    assert [m["display"] for m in maths] == ["inline", "block"]
    assert maths[0].find("mfrac") is not None
    for name in ("index", "chapter"):
        scripts = soup(app, name).find_all("script")
        assert not [s for s in scripts if "mathjax" in (s.get("src", "") + s.text).lower()], name
    assert not (Path(app.outdir) / "_static" / "backbalance" / "mathjax").exists()


@pytest.mark.sphinx("html", testroot="toc", srcdir="toc-menu-student")
def test_the_student_edition_leaves_the_instructor_pages_out(app, build, soup):
    build(app)
    assert not (Path(app.outdir) / "guide.html").exists()
    links = {a.get("href") for a in soup(app, "chapter").find_all("a")}
    assert "guide.html" not in links and "index.html" in links


@pytest.mark.sphinx(
    "html",
    testroot="toc",
    srcdir="toc-menu-instructor",
    confoverrides={"backbalance_edition": "instructor"},
)
def test_the_instructor_edition_keeps_them_in_its_menu(app, build, soup):
    build(app)
    assert (Path(app.outdir) / "guide.html").is_file()
    assert "guide.html" in {a.get("href") for a in soup(app, "chapter").find_all("a")}
