"""What several features' plotly charts share."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go


def plot_text(text: object) -> str:
    """Text from data or a learner, shown by plotly as written.

    plotly.js reads the text of labels, names and hover boxes as a small HTML (``<b>``,
    ``<a href>``, ``<span style>``) and decodes character references such as ``&lt;``; this
    escapes ``&``, ``<`` and ``>`` so that markup in a student id or a data file is shown,
    not applied, and writes ``{`` as ``&#123;`` so that ``%{y}`` in such text is never read
    as a placeholder of a ``hovertemplate`` or ``texttemplate`` (plotly.js shows it as
    ``{`` again). Learners' text is best passed as ``customdata`` all the same.

    >>> plot_text("<b>s01</b> & %{y}")
    '&lt;b&gt;s01&lt;/b&gt; &amp; %&#123;y}'
    """
    return html.escape(str(text), quote=False).replace("{", "&#123;")


def add_band(
    fig: go.Figure,
    x: Sequence[float],
    first: Sequence[float],
    second: Sequence[float],
    *,
    fillcolor: str,
    name: str,
    first_name: str | None = None,
    **shared: Any,
) -> go.Figure:
    """Shade between two lines: ``first`` drawn invisibly, then ``second`` filled to it.

    Neither edge shows a line or answers hover; only ``second`` is in the legend, as
    ``name``. ``shared`` (a ``legendgroup``, say) goes to both traces.

    >>> fig = add_band(go.Figure(), [0, 1], [1, 2], [3, 4], fillcolor="#ccc", name="band")
    >>> [(t.showlegend, t.fill) for t in fig.data]
    [(False, None), (None, 'tonexty')]
    """
    edge = {"mode": "lines", "line": {"width": 0}, "hoverinfo": "skip", **shared}
    fig.add_scatter(x=x, y=first, showlegend=False, name=first_name, **edge)
    fig.add_scatter(x=x, y=second, fill="tonexty", fillcolor=fillcolor, name=name, **edge)
    return fig
