"""Sphinx extension that keeps the static book interactive and self-contained.

* plotly figures from executed notebooks are drawn in the page (see :mod:`.plotly_mime`),
  with plotly.js served from the book's own ``_static/backbalance/`` folder and added only
  to the pages that hold a chart;
* MathJax is served from the same folder instead of a CDN.

Add ``backbalance.sphinxext`` to ``sphinx: extra_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

import html
import re
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import plotly
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from backbalance.assessment.render import ROOT_CLASS
from backbalance.assessment.render import SCRIPTS as ASSESSMENT_SCRIPTS

from .plotly_mime import MARKER_CLASS

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
ASSET_DIR = "backbalance"  # below the book's _static/
PLOTLY_TARGET = f"{ASSET_DIR}/plotly.min.js"
# The parts of the MathJax 3 "es5" distribution that tex-chtml.js loads at view time.
MATHJAX_PARTS = ("tex-chtml.js", "input", "output/chtml", "a11y", "sre", "ui", "adaptors")


def plotly_bundle(app: Sphinx) -> Path:
    """The plotly.js bundle to serve: the configured one, else the plotly package's full one."""
    configured = Path(app.srcdir) / app.config.backbalance_plotly_js
    if configured.is_file():
        return configured
    logger.info(
        "backbalance: %s not found (run `make assets`); serving the full plotly.min.js instead",
        app.config.backbalance_plotly_js,
    )
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


# Scripts a page needs, keyed by the class of the element that needs them; each is added
# only to the pages that hold such an element, after plotly.js where a chart is present.
PAGE_SCRIPTS: dict[str, tuple[str, ...]] = {
    MARKER_CLASS: (PLOTLY_TARGET, f"{ASSET_DIR}/bb-plotly.js"),
    ROOT_CLASS: tuple(f"{ASSET_DIR}/{script}" for script in ASSESSMENT_SCRIPTS),
}


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add plotly.js and the other page scripts to the pages that use them, and only to those."""
    body = context.get("body", "")
    for marker, scripts in PAGE_SCRIPTS.items():
        if f'class="{marker}"' in body:
            for script in scripts:
                # Before MathJax (priority 500): readers see the charts first.
                app.add_js_file(script, loading_method="defer", priority=200)


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Keep one copy of each script: sphinx-thebe 0.3.1 registers its inline ``const``
    declarations twice, which throws "Identifier 'THEBE_JS_URL' has already been declared"."""
    scripts = context.get("script_files", [])
    first = {}
    for js in scripts:
        first.setdefault((js.filename or "", js.attributes.get("body")), js)
    scripts[:] = first.values()


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    """Copy plotly.js, our page scripts (``static/``) and MathJax into the built book's _static folder."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(plotly_bundle(app), target / "plotly.min.js")
    shutil.copytree(STATIC, target, dirs_exist_ok=True)
    for script in ASSESSMENT_SCRIPTS:
        shutil.copyfile(str(files("backbalance").joinpath("static", script)), target / script)
    mathjax = Path(app.srcdir) / app.config.backbalance_mathjax_dir
    if not (mathjax / "tex-chtml.js").is_file():
        raise ExtensionError(
            f"MathJax not found at {app.config.backbalance_mathjax_dir}; run `make assets` "
            "(the book serves MathJax itself and never loads it from a CDN)"
        )
    for part in MATHJAX_PARTS:
        source, dest = mathjax / part, target / "mathjax" / part
        if source.is_dir():
            shutil.copytree(source, dest, dirs_exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)


def use_accessible_templates(app: Sphinx, config: Any) -> None:
    """Put our theme-component overrides (see ``templates/``) before the theme's."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def drop_widget_state(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out the saved ipywidgets state that myst-nb embeds in notebook pages.

    The book loads no widget manager (``nb_ipywidgets_js`` is empty: widgets need a kernel,
    and the static book has its own no-kernel path), so the state is dead weight; a plotly
    FigureWidget alone stores about 5 MB of it."""
    scripts = context.get("script_files", [])
    scripts[:] = [
        js
        for js in scripts
        if js.attributes.get("type") != "application/vnd.jupyter.widget-state+json"
    ]


def fix_citation_roles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """docutils puts ``role="doc-biblioentry"`` entries inside a ``role="list"``; a list may
    only hold list items (axe-core aria-required-children, critical), and the DPUB role is
    deprecated. Give the entries the role their container requires."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def complete_redirect_page(app: Sphinx, exception: Exception | None) -> None:
    """Turn the one-line ``index.html`` redirect (written by sphinx-external-toc) into a
    small complete page: a language, a title, the book's icon (without it, browsers ask
    for a missing ``/favicon.ico``) and a visible link for readers whose browser does not
    follow the redirect."""
    index = Path(app.outdir) / "index.html"
    if exception is not None or app.builder.format != "html" or not index.is_file():
        return
    match = re.fullmatch(
        r'<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*',
        index.read_text(encoding="utf-8"),
    )
    if not match:
        return
    target = html.escape(match.group(1), quote=True)
    icon = Path(app.config.html_favicon or "").name
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Refresh" content="0; url={target}">'
        f"<title>{html.escape(app.config.html_title or app.config.project)}</title>"
        + (f'<link rel="icon" href="_static/{html.escape(icon, quote=True)}">' if icon else "")
        + f'</head><body><p><a href="{target}">Open the book</a></p></body></html>\n',
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value(
        "backbalance_plotly_js",
        "node_modules/plotly.js-cartesian-dist-min/plotly-cartesian.min.js",
        "html",
    )
    app.add_config_value("backbalance_mathjax_dir", "node_modules/mathjax/es5", "html")
    app.setup_extension("backbalance.sphinxext.quiz")
    app.setup_extension("backbalance.sphinxext.editions")
    app.setup_extension("backbalance.sphinxext.assessment")
    app.setup_extension("backbalance.sphinxext.programmes")
    app.connect("config-inited", use_accessible_templates)
    app.connect("html-page-context", add_page_assets)
    app.connect("html-page-context", fix_citation_roles)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", drop_widget_state, priority=900)
    app.connect("build-finished", copy_assets)
    app.connect("build-finished", complete_redirect_page)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
