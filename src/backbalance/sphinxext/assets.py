"""The book's own static files: served from ``_static/backbalance/``, never from a CDN.

* the files of ``backbalance/static/`` (stylesheets and page scripts) and plotly.js are
  copied into the built book with
  :func:`sphinx.util.fileutil.copy_asset` (which skips files that have not changed);
* :data:`PALETTE_CSS`, the palette's custom properties (``--bb-blue`` and so on, from
  :func:`backbalance.common.palette.css_variables`), is written there too and linked on every
  page: the stylesheets colour with them, and the page's security policy allows no inline
  ``<style>`` to set them;
* a page links the stylesheets and loads the scripts that its generated blocks declare
  (:attr:`backbalance.sphinxext.nodes.BlockNode.css` and ``.js``), and no other page does.
  The flags are the nodes themselves, found in the page's doctree, so parallel reads need
  no merging;
* plotly.js is the exception: a page with a chart only prefetches it (:data:`PLOTLY_LINK`,
  ``rel="prefetch"``: fetched at the lowest priority, after the files the first paint
  waits for; a high-priority preload made Lighthouse count it as render-blocking, and the
  Nu HTML checker does not know ``fetchpriority``), and ``static/bb-plotly.js`` runs it
  once the page's text has painted. Run as an ordinary ``defer`` script, its start-up (the largest
  script task of the page) came before the page's first paint. A page whose charts have
  pictures (:mod:`.pictures`) has no such link: ``bb-plotly.js`` prefetches plotly.js once
  the page has loaded (a prefetch that starts with the page counts in Lighthouse's
  simulated time to the largest paint, as if the page waited for it).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import plotly
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset, copy_asset_file

from backbalance.common.palette import css_variables

from .config import chart_pictures
from .nodes import BlockNode

logger = logging.getLogger(__name__)

ASSET_DIR = "backbalance"  # below the book's _static/
STATIC = Path(str(files("backbalance").joinpath("static")))
"""Where the page files live: the package's static folder."""
PLOTLY = "plotly.min.js"
PALETTE_CSS = "palette.css"
PLOTLY_LINK = "bb-plotly-js"
"""The ``id`` of a chart page's ``<link rel="preload">`` of plotly.js, where
``static/bb-plotly.js`` finds the bundle to run."""


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


def page_files(doctree: Any) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts the blocks of a page declare, each once, in page order."""
    css: dict[str, None] = {}
    js: dict[str, None] = {}
    for node in doctree.findall(BlockNode):
        css.update(dict.fromkeys(type(node).css))
        js.update(dict.fromkeys(type(node).js))
    return list(css), list(js)


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Link the files the page's blocks declare, on this page only."""
    if doctree is None:
        return
    css, js = page_files(doctree)
    for name in css:
        app.add_css_file(f"{ASSET_DIR}/{name}")
    for name in js:
        if name == PLOTLY and chart_pictures(app):
            continue  # bb-plotly.js prefetches plotly.js after the page's load
        if name == PLOTLY:
            href = context["pathto"](f"_static/{ASSET_DIR}/{PLOTLY}", 1)
            prefetch = f'<link rel="prefetch" id="{PLOTLY_LINK}" href="{href}">\n'
            context["metatags"] = context.get("metatags", "") + prefetch
        else:
            app.add_js_file(f"{ASSET_DIR}/{name}", loading_method="defer", priority=200)


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    """Copy the page files and plotly.js into ``_static/backbalance/``."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    copy_asset(STATIC, target)
    palette = target / PALETTE_CSS
    if not palette.is_file() or palette.read_text(encoding="utf-8") != css_variables():
        palette.write_text(css_variables(), encoding="utf-8")
    copy_asset_file(plotly_bundle(app), target / PLOTLY)


def setup_assets(app: Sphinx) -> None:
    app.add_css_file(f"{ASSET_DIR}/{PALETTE_CSS}")
    app.connect("html-page-context", add_page_assets)
    app.connect("build-finished", copy_assets)
