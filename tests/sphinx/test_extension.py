"""The extension as a whole: other builders keep the content, page files only where needed,
the complete redirect page, the data folder setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes

from backbalance.sphinxext import setup
from backbalance.sphinxext.config import data_digest


@pytest.mark.sphinx("text", testroot="quiz", srcdir="quiz-text")
def test_a_text_build_keeps_the_quiz(app, build, warnings):
    build(app)
    assert warnings(app) == ""
    text = Path(app.outdir, "index.txt").read_text(encoding="utf-8")
    assert "Question one?" in text and "Question three?" in text and "<" not in text


def loads(html, name: str) -> int:
    """How often a parsed page loads ``name`` as a script or a stylesheet (the preload
    that every head script gets, sphinxext/csp.py, is no second load)."""
    url = f"_static/backbalance/{name}"
    return len(html.select(f'script[src*="{url}"], link[rel="stylesheet"][href*="{url}"]'))


def test_page_files_are_added_only_to_the_pages_that_need_them(book, page, soup, warnings):
    files = {
        "index.rst": "Index\n=====\n\n.. toctree::\n\n   form\n   plain\n",
        "form.rst": "Form\n====\n\n.. assessment::\n",
        "plain.rst": "Plain\n=====\n\nNo generated block.\n",
    }
    app = book("assessment", files, data="course", suppress_warnings=["backbalance.assessment"])
    assert warnings(app) == ""
    for name in ("assessment-core.js", "assessment-form.js", "assessment.css"):
        assert loads(soup(app, "form"), name) == 1, name
        assert name not in page(app, "plain") + page(app, "index"), name
        assert Path(app.outdir, "_static", "backbalance", name).is_file(), name
    assert Path(app.outdir, "_static", "backbalance", "plotly.min.js").is_file()


def test_the_data_folder_is_a_setting(book, page, rootdir, warnings):
    def move_data(srcdir: Path) -> None:
        (srcdir / "data").rename(srcdir / "course-data")

    app = book("quiz", edit=move_data, backbalance_data_dir="course-data")
    assert warnings(app) == ""
    assert "Question three?" in page(app)


def test_the_extension_is_parallel_safe():
    from unittest.mock import MagicMock

    metadata = setup(MagicMock())
    assert metadata["parallel_read_safe"] and metadata["parallel_write_safe"]


def test_the_data_digest_changes_with_any_file(tmp_path):
    (tmp_path / "a.yml").write_text("value: 1\n")
    before = data_digest(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text("x\n")
    assert data_digest(tmp_path) != before


def test_the_redirect_page_becomes_a_complete_page(tmp_path):
    from types import SimpleNamespace

    from backbalance.sphinxext.workarounds import complete_redirect_page

    (tmp_path / "index.html").write_text(
        '<meta http-equiv="Refresh" content="0; url=book/welcome.html" />\n'
    )
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    first = new_document("welcome", get_default_settings(Parser))
    first += nodes.paragraph(text="Welcome: a course on back pain <and> balance, for everyone.")
    config = SimpleNamespace(
        html_favicon="book/logo.svg",
        html_title="Back & Balance",
        project="",
        root_doc="book/welcome",
    )
    env = SimpleNamespace(get_doctree=lambda name: first if name == "book/welcome" else None)
    app = SimpleNamespace(
        outdir=tmp_path, builder=SimpleNamespace(format="html"), config=config, env=env
    )
    complete_redirect_page(app, None)
    assert (tmp_path / "index.html").read_text() == (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Refresh" content="0; url=book/welcome.html">'
        "<title>Back &amp; Balance</title>"
        '<meta name="description" content="Welcome: a course on back pain &lt;and&gt; balance, '
        'for everyone.">'
        '<link rel="icon" href="_static/logo.svg">'
        '</head><body><p><a href="book/welcome.html">Open the book</a></p></body></html>\n'
    )
