"""Render plotly figures in the static book without a kernel.

Executed notebooks keep a plotly figure only as ``application/vnd.plotly.v1+json``, which
myst-nb would otherwise drop. This myst-nb MIME renderer plugin (registered through the
``myst_nb.mime_renderers`` entry point) turns that JSON into a
:class:`~backbalance.sphinxext.nodes.PlotlyFigureNode`, which the HTML builder writes as a
placeholder holding the figure spec; ``static/bb-plotly.js`` draws it with the plotly.js
bundle that :mod:`backbalance.sphinxext.assets` serves from the book's own ``_static`` folder.
A :class:`~backbalance.strength_gap.charts.SteppedChart` output (``STEPS_MIME``, preferred
to its plain figure) becomes a :class:`~backbalance.sphinxext.nodes.PlotlyStepsNode`: the
figure with its range controls, drawn by ``static/bb-plotly-steps.js``. An output with
Markdown as well as HTML shows its Markdown (:data:`MARKDOWN_PRIORITY`).

The charts' templates are not in their specs: :func:`add_chart_templates` writes them once
per page that has a chart (the template ``plotly-templates.html.j2``,
:func:`backbalance.common.charts.page_templates`), where ``bb-plotly.js`` finds them.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx

from backbalance.common.charts import page_spec, page_templates
from backbalance.common.html import inert_json, render
from backbalance.strength_gap.charts import PLOTLY_MIME, STEPS_MIME

from .nodes import PlotlyFigureNode, PlotlyStepsNode

MARKDOWN = "text/markdown"
MARKDOWN_PRIORITY = 25
"""Before myst-nb's ``text/html`` (30): an output that offers Markdown besides HTML (a
:class:`~backbalance.common.cited.CitedTable`) means its Markdown for the book."""
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs")


def figure_spec(content: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The figure dict of a plotly MIME output (stored as JSON text or as a dict)."""
    return json.loads(content) if isinstance(content, str | bytes) else content


class PlotlyMimeRenderer:
    """myst-nb MIME renderer plugin for plotly figure outputs."""

    mime_priority_overrides: ClassVar = [
        (builder, mime, priority)
        for builder in HTML_BUILDERS
        for mime, priority in ((STEPS_MIME, 0), (PLOTLY_MIME, 1), (MARKDOWN, MARKDOWN_PRIORITY))
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if inline or data.mime_type not in (PLOTLY_MIME, STEPS_MIME):
            return None
        element_id = f"bb-plotly-{data.cell_index}-{data.output_index}"
        content = figure_spec(data.content)
        if data.mime_type == STEPS_MIME:
            chart = content.pop("figure")
            figure = PlotlyStepsNode.make(
                spec=page_spec(chart), template=template_of(chart), element_id=element_id,
                steps=content,
            )  # fmt: skip
        else:
            figure = PlotlyFigureNode.make(
                spec=page_spec(content), template=template_of(content), element_id=element_id
            )
        return [nodes.container("", figure, classes=["output", "plotly"])]


def template_of(figure: dict[str, Any]) -> dict[str, Any] | None:
    """The template a figure came with (its page spec names it only)."""
    return figure.get("layout", {}).get("template")


def chart_templates_html(doctree: nodes.Node) -> str:
    """The templates of the charts in ``doctree``, as the page holds them once; ``""``
    for a page without a chart."""
    charts = [(node.get("template"), node["spec"]) for node in doctree.findall(PlotlyFigureNode)]
    if not charts:
        return ""
    return render("plotly-templates.html.j2", templates=inert_json(page_templates(charts)))


def add_chart_templates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the templates of the page's charts, once, at the start of its content."""
    if doctree is not None and context.get("body"):
        context["body"] = chart_templates_html(doctree) + context["body"]


def setup_plotly_mime(app: Sphinx) -> None:
    app.connect("html-page-context", add_chart_templates)
