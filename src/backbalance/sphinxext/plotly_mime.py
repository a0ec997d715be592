"""Render plotly figures in the static book without a kernel.

Executed notebooks keep a plotly figure only as ``application/vnd.plotly.v1+json``, which
myst-nb would otherwise drop. This myst-nb MIME renderer plugin (registered through the
``myst_nb.mime_renderers`` entry point) turns that JSON into a
:class:`~backbalance.sphinxext.nodes.PlotlyFigureNode`, which the HTML builder writes as a
placeholder holding the figure spec; ``static/bb-plotly.js`` draws it with the plotly.js
bundle that :mod:`backbalance.sphinxext.assets` serves from the book's own ``_static`` folder.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from docutils import nodes

from backbalance.common.charts import page_spec

from .nodes import PlotlyFigureNode

PLOTLY_MIME = "application/vnd.plotly.v1+json"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs")


def figure_spec(content: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The figure dict of a plotly MIME output (stored as JSON text or as a dict)."""
    return json.loads(content) if isinstance(content, str | bytes) else content


class PlotlyMimeRenderer:
    """myst-nb MIME renderer plugin for plotly figure outputs."""

    mime_priority_overrides: ClassVar = [(builder, PLOTLY_MIME, 1) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        figure = PlotlyFigureNode.make(
            spec=page_spec(figure_spec(data.content)),
            element_id=f"bb-plotly-{data.cell_index}-{data.output_index}",
        )
        return [nodes.container("", figure, classes=["output", "plotly"])]
