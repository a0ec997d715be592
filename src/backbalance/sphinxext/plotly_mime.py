"""Render plotly figures in the static book without a kernel.

Executed notebooks keep a plotly figure only as ``application/vnd.plotly.v1+json``, which
myst-nb would otherwise drop. This myst-nb MIME renderer plugin (registered through the
``myst_nb.mime_renderers`` entry point) turns that JSON into a placeholder holding the
figure spec; ``static/bb-plotly.js`` draws it with the plotly.js bundle that
:mod:`backbalance.sphinxext` serves from the book's own ``_static`` folder.
"""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"
MARKER_CLASS = "bb-plotly"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs")


def figure_spec(content: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The figure dict of a plotly MIME output (stored as JSON text or as a dict)."""
    return json.loads(content) if isinstance(content, str | bytes) else content


def figure_title(spec: dict[str, Any]) -> str:
    """The figure's title text, for the accessible name of the chart."""
    title = spec.get("layout", {}).get("title", {})
    return title.get("text", "") if isinstance(title, dict) else str(title)


def figure_html(spec: dict[str, Any], element_id: str) -> str:
    """The placeholder HTML: a labelled container plus the spec as inert JSON."""
    payload = json.dumps(
        {key: spec[key] for key in ("data", "layout", "config", "frames") if key in spec},
        separators=(",", ":"),
    ).replace("</", "<\\/")
    title = figure_title(spec)
    label = html.escape(f"Interactive chart: {title}" if title else "Interactive chart", quote=True)
    return (
        f'<div class="{MARKER_CLASS}" role="figure" aria-label="{label}">'
        f'<div class="bb-plotly-chart" id="{element_id}"></div>'
        f'<script type="application/json" class="bb-plotly-spec">{payload}</script>'
        "</div>"
    )


class PlotlyMimeRenderer:
    """myst-nb MIME renderer plugin for plotly figure outputs."""

    mime_priority_overrides: ClassVar = [(builder, PLOTLY_MIME, 1) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        element_id = f"bb-plotly-{data.cell_index}-{data.output_index}"
        raw = nodes.raw("", figure_html(figure_spec(data.content), element_id), format="html")
        return [nodes.container("", raw, classes=["output", "plotly"])]
