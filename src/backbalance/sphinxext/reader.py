"""What every page of the book gives its reader: working menus, a lighter page, a summary.

* :data:`PAGE_JS` and :data:`PAGE_CSS` (``static/book-*``), on every page: each sidebar
  toggle opens its sidebar (the themes bind only the first, hidden one), and wide screens
  show one search box; :data:`PRINT_CSS` (``static/print.css``, for paper only) keeps
  figures with their captions and charts on one page, and wraps long code;
* :func:`drop_unused_mathjax`: MathJax only on a page that has mathematics itself (Sphinx
  7.4 also counts the pages of its toctree, so the welcome page loaded it for none);
* :func:`add_description`: a ``<meta name="description">`` from the page's first paragraph,
  which search engines show;
* :func:`drop_empty_styles`: no empty ``<style>`` inside a section (invalid HTML);
* :func:`downloads_a_reader_can_use`: the download menu keeps only what a reader can use;
* the theme's icon script (``fontawesome.js``, about 1.5 MB, which turns every icon into an
  SVG) is left out by ``templates/static/webpack-macros.html``: the theme's stylesheet
  already draws the same icons from its font.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from docutils import nodes
from markupsafe import escape
from sphinx.application import Sphinx

from .editions import is_instructor

PAGE_JS = "book-navigation.js"
PAGE_CSS = "book.css"
PRINT_CSS = "print.css"
DESCRIPTION_LENGTH = 155  # what search engines show of a description
PRINT_LABEL = "Print or save as PDF"
SOURCE_LABELS = {  # by the downloaded file's suffix (a notebook page's source is its .ipynb)
    ".ipynb": "Notebook file (runs inside the course folder)",
    ".md": "Page source (MyST Markdown)",
}


def has_own_mathematics(doctree: Any) -> bool:
    return doctree is not None and any(
        True for _ in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))
    )


def drop_unused_mathjax(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out MathJax and its settings on a page with no mathematics of its own."""
    if has_own_mathematics(doctree):
        return
    mathjax = posixpath.join("_static", app.config.mathjax_path)  # as the builder stores it
    scripts = context.get("script_files", [])
    scripts[:] = [
        js
        for js in scripts
        if js.filename != mathjax
        and not str(js.attributes.get("body", "")).startswith("window.MathJax")
    ]


def description(doctree: Any) -> str:
    """The page's first real paragraph, cut at a word to a search result's length.

    >>> from docutils.utils import new_document
    >>> from docutils.frontend import get_default_settings
    >>> from docutils.parsers.rst import Parser
    >>> document = new_document("x", get_default_settings(Parser))
    >>> document += nodes.paragraph(text="Short.")
    >>> document += nodes.paragraph(text="A longer first paragraph " * 10)
    >>> text = description(document)
    >>> text.startswith("A longer first paragraph"), len(text) <= DESCRIPTION_LENGTH
    (True, True)
    """
    for paragraph in doctree.findall(nodes.paragraph):
        text = re.sub(r"\s+", " ", paragraph.astext()).strip()
        if len(text) < 40:
            continue
        if len(text) <= DESCRIPTION_LENGTH:
            return text
        return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ""


def add_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A meta description for the page: its first paragraph, else the book's title."""
    text = (description(doctree) if doctree is not None else "") or str(
        context.get("docstitle") or app.config.project
    )
    context["metatags"] = (
        context.get("metatags", "") + f'\n<meta name="description" content="{escape(text)}" />'
    )


def downloads_a_reader_can_use(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The download menu of sphinx-book-theme 1.3.0, labelled in words.

    The student edition offers only "Print or save as PDF": the page's MyST source is not
    readable, and a notebook on its own does not run (it needs the package and ``data/``).
    The instructor edition also offers both sources, saying what they are."""
    buttons = context.get("header_buttons") or []
    for group in buttons:
        if group.get("label") != "download-buttons":
            continue
        kept = []
        for button in group["buttons"]:
            if button.get("label") == "download-pdf-button":
                button["text"] = PRINT_LABEL
                kept.append(button)
            elif is_instructor(app.config):
                suffix = posixpath.splitext(button.get("url", ""))[1]
                button["text"] = SOURCE_LABELS.get(suffix, button["text"])
                kept.append(button)
        group["buttons"] = kept


EMPTY_STYLE = re.compile(r"<style[^>]*>\s*</style>\n?")


def drop_empty_styles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out the empty ``<style>`` that pandas' Styler writes before a table in a
    notebook output: a ``<style>`` inside the page's sections is not valid HTML."""
    if "body" in context:
        context["body"] = EMPTY_STYLE.sub("", context["body"])


def setup_reader(app: Sphinx) -> None:
    app.add_js_file(f"backbalance/{PAGE_JS}", loading_method="defer")
    app.add_css_file(f"backbalance/{PAGE_CSS}")
    app.add_css_file(f"backbalance/{PRINT_CSS}", media="print")
    app.connect("html-page-context", drop_unused_mathjax, priority=800)
    app.connect("html-page-context", add_description)
    app.connect("html-page-context", drop_empty_styles)
    # After sphinx-book-theme fills the header buttons (default priority).
    app.connect("html-page-context", downloads_a_reader_can_use, priority=800)
