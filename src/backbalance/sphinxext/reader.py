"""What every page of the book gives its reader: working menus, a lighter page, a summary.

* :data:`PAGE_JS` and :data:`PAGE_CSS` (``static/book-*``), on every page: each sidebar
  toggle opens its sidebar (the themes bind only the first, hidden one), and wide screens
  show one search box; :data:`PRINT_CSS` (``static/print.css``, for paper only) keeps
  figures with their captions and charts on one page, and wraps long code;
* :func:`mathml`: the pages' mathematics as MathML, written at build time (latex2mathml),
  which the browser draws itself (``static/maths.css`` gives it the theme's room): no page
  loads MathJax (1.1 MB) any more;
* :func:`add_description`: a ``<meta name="description">`` from the page's first paragraph,
  which search engines show (:func:`root_description` for the root ``index.html``);
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
from latex2mathml.converter import convert
from markupsafe import escape
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

from .editions import is_instructor

logger = logging.getLogger(__name__)

MATH_RENDERER = "mathml"
PAGE_JS = "book-navigation.js"
PAGE_CSS = "book.css"
PRINT_CSS = "print.css"
MATHS_CSS = "maths.css"
DESCRIPTION_LENGTH = 155  # what search engines show of a description
PRINT_LABEL = "Print or save as PDF"
SOURCE_LABELS = {  # by the downloaded file's suffix (a notebook page's source is its .ipynb)
    ".ipynb": "Notebook file (runs inside the course folder)",
    ".md": "Page source (MyST Markdown)",
}


def mathml(latex: str, *, block: bool) -> str:
    """TeX as MathML, which browsers draw themselves (MathML Core): no script, no font.

    >>> mathml("x^2", block=False)
    '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>'
    """
    return convert(latex, display="block" if block else "inline")


def _write_math(translator: HTML5Translator, node: nodes.Element, *, block: bool) -> None:
    try:
        markup = mathml(node.astext(), block=block)
    except Exception as err:  # latex2mathml raises many types for TeX it cannot read
        logger.warning(
            "this formula cannot be turned into MathML (%s): %s; write it with standard "
            "LaTeX commands",
            err,
            node.astext(),
            location=node,
        )
        markup = f"<code>{escape(node.astext())}</code>"
    if not block:
        translator.body.append(f'<span class="math notranslate">{markup}</span>')
        return
    translator.body.append(translator.starttag(node, "div", CLASS="math notranslate"))
    if node.get("number"):
        number = get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({number})</span>')
    translator.body.append(markup + "</div>\n")


def visit_math(translator: HTML5Translator, node: nodes.Element) -> None:
    _write_math(translator, node, block=False)
    raise nodes.SkipNode


def visit_displaymath(translator: HTML5Translator, node: nodes.Element) -> None:
    _write_math(translator, node, block=True)
    raise nodes.SkipNode


def use_mathml(app: Sphinx, config: Config) -> None:
    """Every page's mathematics as MathML, written at build time: no page loads MathJax."""
    config.html_math_renderer = MATH_RENDERER


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


def root_description(app: Sphinx) -> str:
    """The description of the book's first page, which the root ``index.html`` redirect
    page carries too (:func:`backbalance.sphinxext.workarounds.complete_redirect_page`)."""
    return description(app.env.get_doctree(app.config.root_doc)) or str(app.config.project)


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
    app.add_css_file(f"backbalance/{MATHS_CSS}")
    app.add_html_math_renderer(MATH_RENDERER, (visit_math, None), (visit_displaymath, None))
    app.connect("config-inited", use_mathml)
    app.connect("html-page-context", add_description)
    app.connect("html-page-context", drop_empty_styles)
    # After sphinx-book-theme fills the header buttons (default priority).
    app.connect("html-page-context", downloads_a_reader_can_use, priority=800)
