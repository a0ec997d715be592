"""Pictures of the book's charts, drawn at build time: a reader sees every chart at once.

Drawing a page's charts with plotly.js in the reader's browser costs more than the rest of
the page: on the strength-gap page, running plotly.js and drawing its seven charts took
about 600 ms after the text (twice the starter book's whole load, issue 14) and, on a
phone, most of its blocking time. With ``backbalance_chart_pictures`` on (``_config.yml``),
the HTML builder gives every chart four pictures, one per way a reader sees it (wide or
narrow screen, :data:`~backbalance.common.charts.NARROW_MEDIA`; light or dark mode), as
SVG files in ``_static/backbalance/pictures/``:

* each is drawn by the book's own ``static/bb-plotly.js`` and plotly.js (the chart exactly
  as the page draws it, in that width and mode) in the system Chromium, and saved with
  plotly.js's own ``toImage``; a picture is named by the hash of all that it depends on
  (:func:`picture_name`), so a rebuild draws only what changed (the rest comes from
  ``_build/.backbalance_cache/pictures/``);
* each chart holds one ``<picture>`` per mode, which picks its wide or narrow picture by
  the screen; the page's CSS (:func:`pictures_css`, written as ``bb-pictures.css``) shows
  the reader's mode. No script is needed to see a chart, on screen or on paper: the light
  pictures come with the page and serve paper too, a dark one is fetched once shown
  (``loading="lazy"``);
* ``bb-plotly.js`` loads plotly.js and draws the live chart in its place when the reader
  reaches for it (pointer over it, a tap, or the keyboard's focus on it or on its
  controls).

Only the ``html`` builder makes pictures: the single-page build that ``make pdf`` prints
draws its charts live, at the paper's width.

A stepped chart's precomputed slider steps, most of the page's weight, are written the same
way as a script file of the book (:func:`steps_file`), which ``bb-plotly-steps.js`` runs
when the reader reaches for the controls (in every HTML build).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from backbalance.common.browser import CHROMIUM, CHROMIUM_ARGS
from backbalance.common.charts import NARROW_MEDIA, page_templates
from backbalance.common.html import inert_json, render

from .assets import ASSET_DIR, PLOTLY_LINK, STATIC, plotly_bundle
from .config import chart_pictures
from .nodes import PlotlyFigureNode, PlotlyStepsNode, depart_block_html

logger = logging.getLogger(__name__)

FOLDER = "pictures"
"""Below ``_static/backbalance/`` in the built book, and below the build's cache folder."""
CACHE = Path(".backbalance_cache") / FOLDER
"""The drawn pictures, below the book's ``_build`` folder (the parent of the HTML output)."""
CSS = "bb-pictures.css"
STEPS = "steps"
"""Below ``_static/backbalance/``: the slider steps of the book's stepped charts."""

WIDTHS = {"wide": 688, "narrow": 358}
"""The chart's width in each picture, px: the text column of the book's theme at a
1280 px wide screen and at a 390 px phone (measured in the built book). A picture fills
its column's width on other screens, scaled."""
VIEWPORTS = {"wide": 1280, "narrow": 390}
"""The screen each picture is drawn on: the phone's is narrow enough for the charts'
phone layout (:data:`~backbalance.common.charts.NARROW_MEDIA`)."""
THEMES = ("light", "dark")
MODES = tuple((size, theme) for size in WIDTHS for theme in THEMES)
PRINTED_THEME = "light"
"""The pictures paper shows (``print.css`` prints in light mode), fetched with the page
(the other mode's only once shown: ``loading="lazy"``)."""

DRAW_TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Chart:
    """What a chart's pictures are drawn from: its page spec (as ``bb-plotly.js`` reads
    it) and the templates it needs (:func:`~backbalance.common.charts.page_templates`)."""

    payload: dict[str, Any]
    templates: dict[str, Any]

    @classmethod
    def of(cls, node: PlotlyFigureNode) -> Chart:
        payload = node.payload()
        return cls(payload, page_templates([(node.get("template"), payload)]))


def renderer_version(app: Sphinx) -> str:
    """What every picture depends on besides its chart: ``bb-plotly.js``, plotly.js, the
    widths and screens, and this module (worked out once per build)."""
    known = app.__dict__.get("_bb_picture_version")
    if known is None:
        digest = hashlib.sha256()
        for path in (STATIC / "bb-plotly.js", plotly_bundle(app), Path(__file__)):
            digest.update(path.read_bytes())
        digest.update(json.dumps([WIDTHS, VIEWPORTS, NARROW_MEDIA]).encode())
        known = app.__dict__["_bb_picture_version"] = digest.hexdigest()
    return known


def picture_name(chart: Chart, size: str, theme: str, version: str) -> str:
    """The file name of a chart's picture in one mode: the hash of all it depends on."""
    key = json.dumps([chart.payload, chart.templates, size, theme, version], sort_keys=True)
    return f"chart-{hashlib.sha256(key.encode()).hexdigest()[:20]}-{size}-{theme}.svg"


def pictures_of(app: Sphinx, chart: Chart) -> list[tuple[str, str, str]]:
    """``(file name, size, theme)`` of each of a chart's pictures (:data:`MODES`)."""
    version = renderer_version(app)
    return [(picture_name(chart, size, theme, version), size, theme) for size, theme in MODES]


def visit_chart_html(self: HTML5Translator, node: PlotlyFigureNode) -> None:
    """Write a chart's holder with its pictures (``src`` relative to the page; none with
    pictures off or for another builder), and a stepped chart's steps as a script file of
    the book (:func:`steps_file`)."""
    app = self.builder.app
    pictures = []
    if chart_pictures(app):
        page = self.builder.get_target_uri(self.builder.current_docname)
        names = {(size, theme): name for name, size, theme in pictures_of(app, Chart.of(node))}
        pictures = [
            {
                "theme": theme,
                "sizes": {
                    size: {
                        "src": relative_uri(
                            page, f"_static/{ASSET_DIR}/{FOLDER}/{names[size, theme]}"
                        ),
                        "width": WIDTHS[size],
                    }
                    for size in WIDTHS
                },
                "height": node.height(),
                "media": NARROW_MEDIA,
                "lazy": theme != PRINTED_THEME,
            }
            for theme in THEMES
        ]
    if isinstance(node, PlotlyStepsNode):
        self.body.append(node.html(pictures, **steps_file(self.builder, node)))
    else:
        self.body.append(node.html(pictures))
    raise nodes.SkipNode


def steps_file(builder: Any, node: PlotlyStepsNode) -> dict[str, str]:
    """Write a chart's slider steps as a script file of the built book (they are most of the
    page's weight and needed only once the reader reaches for the controls); the
    ``spec_src`` (relative to the page) and ``spec_key`` of :meth:`PlotlyStepsNode.html`."""
    key = node.steps_key()
    name = f"{STEPS}/steps-{key}.js"
    path = Path(builder.outdir) / "_static" / ASSET_DIR / name
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(node.steps_script(), encoding="utf-8")
        partial.replace(path)
    # The page the chart is on (the single page of a singlehtml build: the part before "#").
    page = builder.get_target_uri(builder.current_docname).split("#")[0]
    return {"spec_src": relative_uri(page, f"_static/{ASSET_DIR}/{name}"), "spec_key": key}


def pictures_css() -> str:
    """The rules that show each chart's pictures for the reader's mode (the theme sets
    ``<html data-theme>``; without it, light), and the light ones on paper; the
    ``<picture>`` element itself picks the one for the screen's width
    (:data:`~backbalance.common.charts.NARROW_MEDIA`)."""
    light, dark = 'html:not([data-theme="dark"])', 'html[data-theme="dark"]'
    return (
        "/* Written by backbalance.sphinxext.pictures: which pictures of a chart are shown. */\n"
        ".bb-picture { display: block; }\n"
        # Room for the picture before it loads: its own shape, wide or narrow (each
        # <picture> sets both; the HTML checker knows no size on <source>).
        ".bb-picture img { display: block; width: 100%; height: auto; aspect-ratio: var(--bb-wide); }\n"
        f"@media {NARROW_MEDIA} {{ .bb-picture img {{ aspect-ratio: var(--bb-narrow); }} }}\n"
        # The theme frames a notebook output's images in dark mode: a dark picture has its own.
        f"{dark} .bd-content div.cell_output .bb-picture img"
        " { background: none; padding: 0; border-radius: 0; }\n"
        + "".join(
            f"{light if theme != 'light' else dark} .bb-picture-{theme} {{ display: none; }}\n"
            for theme in THEMES
        )
        + "@media print {\n"
        + "".join(
            f"  .bb-picture-{theme} {{ display: {'block' if theme == PRINTED_THEME else 'none'}"
            " !important; }\n"
            for theme in THEMES
        )
        + "}\n"
    )


def _drawing_page(charts: list[tuple[str, Chart]], theme: str, width: int) -> str:
    """A page that draws ``charts`` (``(picture name, chart)``) with ``bb-plotly.js``, as
    the book does, in a column ``width`` px wide, in ``theme``."""
    holders = "\n".join(
        f'<div class="bb-plotly" data-picture="{name}"><div class="bb-plotly-chart" '
        f'id="chart-{number}"></div><script type="application/json" class="bb-plotly-spec">'
        f"{inert_json(chart.payload)}</script></div>"
        for number, (name, chart) in enumerate(charts)
    )
    templates = page_templates([(None, chart.payload) for _, chart in charts])
    for _, chart in charts:
        templates["light"].update(chart.templates["light"])
    return (
        f'<!DOCTYPE html><html lang="en" data-theme="{theme}"><head><meta charset="utf-8">'
        f'<title>Chart pictures</title><link rel="prefetch" id="{PLOTLY_LINK}" href="plotly.min.js">'
        f'</head><body style="margin: 0; width: {width}px">'
        f"{render('plotly-templates.html.j2', templates=inert_json(templates))}{holders}"
        '<script src="bb-plotly.js"></script></body></html>'
    )


SAVE = """async () => Promise.all(Array.from(document.querySelectorAll('.bb-plotly'), async (holder) => {
  const target = holder.querySelector('.bb-plotly-chart');
  const svg = target.querySelector('.main-svg');
  const url = await Plotly.toImage(target, {
    format: 'svg', width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height'))
  });
  return [holder.dataset.picture, url];
}))"""
"""Every chart of the drawing page as plotly.js's own SVG picture: ``(name, data URL)``."""

DRAWN = """() => Array.from(document.querySelectorAll('.bb-plotly'))
  .every(holder => holder.dataset.drawn === 'true')"""


def _draw(app: Sphinx, wanted: dict[str, tuple[Chart, str, str]], cache: Path) -> None:
    """Draw the ``wanted`` pictures into ``cache`` with the system Chromium."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:  # pragma: no cover - playwright is in requirements/book.txt
        raise ExtensionError(f"backbalance: chart pictures need playwright ({error})") from error
    if not Path(CHROMIUM).exists():
        raise ExtensionError(
            f"backbalance: chart pictures are drawn with {CHROMIUM}, which is missing: run "
            "`make browser`, or set backbalance_chart_pictures: false in _config.yml"
        )
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        work = Path(folder)
        shutil.copy(plotly_bundle(app), work / "plotly.min.js")
        shutil.copy(STATIC / "bb-plotly.js", work / "bb-plotly.js")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for size, theme in MODES:
                charts = [(n, c) for n, (c, s, t) in wanted.items() if (s, t) == (size, theme)]
                if not charts:
                    continue
                page_file = work / f"{size}-{theme}.html"
                page_file.write_text(_drawing_page(charts, theme, WIDTHS[size]), "utf-8")
                page = browser.new_page(viewport={"width": VIEWPORTS[size], "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                page.route("http*://**", lambda route: route.abort())  # nothing from the web
                page.goto(page_file.as_uri())
                try:
                    page.wait_for_function(DRAWN, timeout=DRAW_TIMEOUT_MS)
                except Error as error:
                    raise ExtensionError(
                        f"backbalance: the charts' {size} {theme} pictures were not drawn: "
                        f"{errors or error}"
                    ) from error
                for name, url in page.evaluate(SAVE):
                    svg = urllib.parse.unquote(url.split(",", 1)[1])
                    partial = cache / f"{name}.part"
                    partial.write_text(svg, encoding="utf-8")
                    partial.replace(cache / name)
                page.close()
        finally:
            browser.close()
    logger.info("backbalance: drew %d chart pictures", len(wanted))


def draw_pictures(app: Sphinx, exception: Exception | None) -> None:
    """After the build, draw the pictures of every chart of the book that the cache does
    not hold yet, and copy them into the built book (the charts are found in the pages'
    doctrees, so pages written in parallel or in an earlier build count too)."""
    if exception is not None or not chart_pictures(app):
        return
    wanted: dict[str, tuple[Chart, str, str]] = {}
    for docname in sorted(app.env.found_docs):
        for node in app.env.get_doctree(docname).findall(PlotlyFigureNode):
            chart = Chart.of(node)
            for name, size, theme in pictures_of(app, chart):
                wanted[name] = (chart, size, theme)
    if not wanted:
        return
    cache = Path(app.outdir).parent / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    missing = {name: drawn for name, drawn in wanted.items() if not (cache / name).is_file()}
    if missing:
        _draw(app, missing, cache)
    target = Path(app.outdir) / "_static" / ASSET_DIR / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for name in wanted:
        if not (target / name).is_file():
            shutil.copy(cache / name, target / name)


def write_pictures_css(app: Sphinx, exception: Exception | None) -> None:
    """Write :data:`CSS` (from :func:`pictures_css`) into the built book's static files."""
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / "_static" / ASSET_DIR / CSS
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != pictures_css():
        path.write_text(pictures_css(), encoding="utf-8")


def reread_for_a_new_renderer(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every page again when what draws the pictures changed (:func:`renderer_version`):
    its charts' pictures get new names, which only a rewritten page points to."""
    if not chart_pictures(app):
        return []
    version = renderer_version(app)
    if getattr(env, "bb_picture_version", None) == version:
        return []
    env.bb_picture_version = version
    return sorted(env.found_docs - added)


def setup_pictures(app: Sphinx) -> None:
    app.connect("env-get-outdated", reread_for_a_new_renderer)
    for node in (PlotlyFigureNode, PlotlyStepsNode):
        app.add_node(node, override=True, html=(visit_chart_html, depart_block_html))
    app.connect("build-finished", write_pictures_css)
    app.connect("build-finished", draw_pictures)
