"""What several features' plotly charts share."""

from __future__ import annotations

import hashlib
import html
import json
import math
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from backbalance.common.palette import (
    BLUE,
    DARK_GRID,
    DARK_PAPER,
    DARK_PLOT,
    DARK_SWAPS,
    DARK_TEXT,
)

CHART_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
}
"""plotly.js config of every chart, in the book and in JupyterLab: nothing offers to upload
a chart (the book promises that nothing leaves the browser), no logo, no selection tools.
Only options that plotly.js 4 (the book's bundle and plotly.py's) knows: plotly.py warns, in
the notebook's output, about any other (its ``showLink`` and ``showEditInChartStudio`` are gone)."""

SHOWN_DIGITS = 6
"""Significant digits of the numbers a page's chart carries: more than any chart shows (axis
ticks, hover values rounded to at most two decimals), so the drawing is the same, in
about half the bytes of Python's 17 digits."""

UNUSED_SUBPLOTS = frozenset({"geo", "polar", "scene", "ternary", "mapbox", "map", "smith"})
"""Kinds of subplot that plotly's templates style and no course chart has (the book's
cartesian plotly.js bundle cannot even draw them): left out of the page's templates."""

NARROW_MEDIA = "(max-width: 600px)"
"""The screens on which a chart takes its phone layout (:func:`page_spec`)."""

NARROW_LAYOUT: dict[str, Any] = {
    "legend.orientation": "h",
    "legend.x": 0,
    "legend.xanchor": "left",
    "legend.y": -0.38,
    "legend.yanchor": "top",
    "legend.yref": "paper",
    "legend.title.side": "top",
    "title.font.size": 14,
    "margin.l": 56,
    "margin.r": 12,
    "font.size": 11,
}
"""Phone layout: the legend below the plot, smaller text, narrow side margins (``margin.l``
the least: :func:`page_spec` widens it where the chart's labels need more)."""

MARGIN: dict[str, int] = {"l": 80, "r": 80, "t": 100, "b": 80}
"""plotly.js's own margins (px): what a chart keeps where its labels fit in them."""

FONT_SIZE = 12
"""plotly.js's text size (px) of tick labels; its axis titles are 1.2 times as large, the
chart's title 1.4 times (plotly.js's defaults, which the course's charts keep)."""

CHAR_WIDTH = 0.55
"""Width of one character of a tick label, in font sizes (digits of plotly's sans-serif
fonts are about half as wide as high): what :func:`chart_margins` allows per character."""

LINE_HEIGHT = 1.3
"""Height of one line of a plotly title, in font sizes (plotly.js's line spacing)."""

LABEL_GAP = 18
"""px beside the y tick labels: plotly's gap to the axis and to the axis title, and a
little room at the figure's edge."""

TITLE_GAP = 12
"""px between the chart's title and the plot."""

NARROW_CONFIG: dict[str, Any] = {"displayModeBar": False}
"""Phone config: no modebar (on a touch screen it would always cover the title)."""
WIDE_CONFIG: dict[str, Any] = {"displayModeBar": "hover"}
"""What undoes :data:`NARROW_CONFIG` on a wider screen: the modebar while hovering."""

DEFAULT_HEIGHT = 450
"""plotly.js's height (px) of a chart whose layout names none: what the page keeps free for
a chart until it is drawn, so that the text below does not jump."""

TITLE_WIDTH = 40
"""Characters per title line: a title wraps so that it fits a 390 px phone."""

for _name in pio.renderers:  # JupyterLab's figures carry the same config as the book's
    if hasattr(pio.renderers[_name], "config"):
        pio.renderers[_name].config = {**(pio.renderers[_name].config or {}), **CHART_CONFIG}


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


def labelled_bars(
    values: Sequence[float],
    names: Sequence[object],
    labels: Sequence[str],
    hovertemplate: str,
    **bar: Any,
) -> go.Bar:
    """Horizontal bars in the course's blue, each labelled in text just past its end.

    ``names`` (from data or a learner) go through :func:`plot_text`; the labels are never
    clipped by the axis, so a full bar keeps its text.

    >>> bars = labelled_bars([3, 5], ["a", "<b>"], ["3 of 7", "5 of 7"], "%{y}: %{x}")
    >>> bars.orientation, bars.y, bars.cliponaxis
    ('h', ('a', '&lt;b&gt;'), False)
    """
    return go.Bar(
        x=values,
        y=[plot_text(name) for name in names],
        orientation="h",
        marker={"color": BLUE},
        text=list(labels),
        textposition="outside",
        cliponaxis=False,
        hovertemplate=hovertemplate,
        **bar,
    )


def chart_title(text: str, width: int = TITLE_WIDTH) -> dict[str, Any]:
    """A plotly title that wraps at ``width`` characters, at the top of the figure (the
    figure's top margin makes room for it: :func:`chart_margins`).

    >>> chart_title("Weeks until the typical person reaches LSI 90%", width=30)["text"]
    'Weeks until the typical person<br>reaches LSI 90%'
    """
    lines = textwrap.wrap(text, width=width, break_long_words=False)
    return {
        "text": "<br>".join(lines),
        "automargin": False,  # room is made once, by chart_margins
        "yref": "container",
        "y": 0.97,
        "yanchor": "top",
        "x": 0.02,
        "xanchor": "left",
    }


def style_chart(fig: go.Figure, title: str, **layout: Any) -> go.Figure:
    """The course's layout of a chart: a wrapped title, the light template, room for labels.

    ``layout`` goes to :meth:`plotly.graph_objects.Figure.update_layout` (axis titles,
    legend, height and so on). The room for the title and the axes' labels is worked out
    here, once (:func:`chart_margins`), so plotly.js measures no label to make room
    (``automargin``) nor to hide one past the figure's edge (``ticklabeloverflow``): the
    most costly part of drawing a chart in a phone's browser. A legend or colour bar still
    makes its own room (plotly's ``margin.autoexpand``).
    """
    fig.update_layout(
        title=chart_title(title),
        template="plotly_white",
        hoverlabel={"namelength": -1},
        **layout,
    )
    fig.update_xaxes(automargin=False, ticklabeloverflow="allow")
    fig.update_yaxes(automargin=False, ticklabeloverflow="allow")
    fig.update_layout(margin=chart_margins(fig.to_plotly_json()))
    return fig


def _numbers(values: Any) -> list[float]:
    """The finite numbers among ``values`` (a list, possibly nested; text left out)."""
    if isinstance(values, list | tuple):
        return [n for value in values for n in _numbers(value)]
    is_number = isinstance(values, int | float) and not isinstance(values, bool)
    return [float(values)] if is_number and math.isfinite(values) else []


def tick_label_chars(figure: dict[str, Any]) -> int:
    """The characters of the widest y tick label of a figure (a plain dict, as
    :meth:`plotly.graph_objects.Figure.to_plotly_json` gives): its ``tickvals`` as
    written, else the whole numbers of its range or of its traces' ``y`` (one decimal more
    where they span less than 5, as plotly's ticks then have).

    >>> tick_label_chars({"data": [{"y": [0.2, 2.4]}], "layout": {}})
    3
    >>> tick_label_chars({"data": [], "layout": {"yaxis": {"tickvals": [10, 100], "range": [0, 1e6]}}})
    3
    """
    axis = figure.get("layout", {}).get("yaxis", {})
    if axis.get("tickvals") is not None:
        return max((len(f"{v:g}") for v in _numbers(axis["tickvals"])), default=1)
    numbers = _numbers(axis.get("range")) or _numbers(
        [trace.get("y") for trace in figure.get("data", [])]
    )
    if not numbers:
        return 1
    low, high = min(numbers), max(numbers)
    whole = max(len(f"{abs(v):.0f}") + (v < 0) for v in (low, high))
    return whole + 2 * (high - low < 5)


def label_room(figure: dict[str, Any], font_size: float = FONT_SIZE) -> dict[str, int]:
    """The room (px) a figure (a plain dict) needs for its title at the top (``t``) and
    its y axis labels at the left (``l``), at ``font_size``.

    Top: the title's lines (``<br>``), which :func:`chart_title` puts at the figure's top
    (in Chromium a title of 2, 3 and 4 lines ends 40, 65 and 85 px below the figure's top
    edge), and a gap; left: the y tick labels (:func:`tick_label_chars`) and the axis title
    beside them.

    >>> label_room({"data": [{"y": [1, 120]}], "layout": {"title": {"text": "a<br>b"}}})
    {'l': 38, 't': 56}
    """
    layout = figure.get("layout", {})
    title = layout.get("title", {}).get("text") or ""
    lines = title.count("<br>") + 1 if title else 0
    top = lines * LINE_HEIGHT * 1.4 * font_size + TITLE_GAP * bool(lines)
    axis_title = layout.get("yaxis", {}).get("title", {}).get("text")
    left = (
        tick_label_chars(figure) * CHAR_WIDTH * font_size
        + LABEL_GAP
        + (1.2 * font_size * LINE_HEIGHT if axis_title else 0)
    )
    return {"l": math.ceil(left), "t": math.ceil(top)}


def chart_margins(figure: dict[str, Any]) -> dict[str, int]:
    """A figure's margins (px): the room of :func:`label_room`, and at least plotly's own
    (:data:`MARGIN`) and the figure's layout's ``margin``.

    >>> chart_margins({"data": [{"y": [1, 120]}], "layout": {"title": {"text": "a<br>b<br>c<br>d<br>e"}}})
    {'l': 80, 'r': 80, 't': 122, 'b': 80}
    """
    given = figure.get("layout", {}).get("margin", {})
    margin = {**MARGIN, **{k: v for k, v in given.items() if k in MARGIN}}
    room = label_room(figure)
    return {**margin, "l": max(margin["l"], room["l"]), "t": max(margin["t"], room["t"])}


def _value_at(tree: dict[str, Any], path: str) -> Any:
    """The value at a dotted ``path`` of a nested dict, or ``None`` (plotly's default)."""
    for key in path.split("."):
        if not isinstance(tree, dict) or key not in tree:
            return None
        tree = tree[key]
    return tree


def _trace_swaps(trace: dict[str, Any], swaps: dict[str, str]) -> dict[str, Any]:
    """``restyle`` updates of one trace's colours that ``swaps`` replaces."""
    updates = {}
    for path in ("line.color", "marker.color", "textfont.color", "marker.line.color"):
        colour = _value_at(trace, path)
        if isinstance(colour, str) and colour.upper() in swaps:
            updates[path] = swaps[colour.upper()]
    return updates


def _dark_template() -> dict[str, Any]:
    template = pio.templates["plotly_dark"].to_plotly_json()
    axis = {"gridcolor": DARK_GRID, "linecolor": DARK_GRID, "zerolinecolor": DARK_GRID}
    template["layout"].update(
        paper_bgcolor=DARK_PAPER,
        plot_bgcolor=DARK_PAPER,
        font={"color": DARK_TEXT},
        xaxis={**template["layout"].get("xaxis", {}), **axis},
        yaxis={**template["layout"].get("yaxis", {}), **axis},
    )
    return template


def template_key(template: dict[str, Any]) -> str:
    """A short name of a template, the same for the same template on every page.

    >>> template_key({"layout": {}}) == template_key({"layout": {}}) != template_key({})
    True
    """
    text = json.dumps(template, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def trace_types(figure: dict[str, Any]) -> set[str]:
    """The kinds of trace of a figure, its frames' included (``scatter`` when unnamed).

    >>> sorted(trace_types({"data": [{}, {"type": "bar"}], "frames": [{"data": [{"type": "heatmap"}]}]}))
    ['bar', 'heatmap', 'scatter']
    """
    traces = [
        *figure.get("data", []),
        *(t for f in figure.get("frames", []) for t in f.get("data", [])),
    ]
    return {trace.get("type", "scatter") for trace in traces}


def trim_template(template: dict[str, Any], kinds: Iterable[str]) -> dict[str, Any]:
    """What charts with traces of these ``kinds`` use of a plotly template: the trace
    defaults of those kinds and the layout, without :data:`UNUSED_SUBPLOTS`.

    >>> trim_template({"data": {"bar": [1], "pie": [2]}, "layout": {"polar": {}, "font": {}}}, ["bar"])
    {'data': {'bar': [1]}, 'layout': {'font': {}}}
    """
    wanted = set(kinds)
    return {
        "data": {kind: v for kind, v in template.get("data", {}).items() if kind in wanted},
        "layout": {k: v for k, v in template.get("layout", {}).items() if k not in UNUSED_SUBPLOTS},
    }


def page_templates(
    charts: Iterable[tuple[dict[str, Any] | None, dict[str, Any]]],
) -> dict[str, Any]:
    """The templates of a page's charts, written once on the page (``static/bb-plotly.js``
    reads them): ``light``, each chart's own template by its :func:`template_key` (the
    ``template`` of its :func:`page_spec`), and ``dark``, the one template of dark mode;
    each trimmed to the page's kinds of trace (:func:`trim_template`).

    ``charts``: per chart on the page, the template its figure came with (or ``None``)
    and its :func:`page_spec`.

    >>> figure = {"data": [{"type": "bar"}], "layout": {"template": pio.templates["plotly_white"].to_plotly_json()}}
    >>> page = page_templates([(figure["layout"]["template"], page_spec(figure))])
    >>> list(page["light"]) == [page_spec(figure)["template"]], sorted(page["dark"]["data"])
    (True, ['bar'])
    """
    charts = list(charts)
    kinds = set().union(*(trace_types(spec) for _, spec in charts))
    light = {
        spec["template"]: trim_template(template, kinds)
        for template, spec in charts
        if template is not None
    }
    return {"light": light, "dark": trim_template(_dark_template(), kinds)}


def shown_numbers(value: Any) -> Any:
    """``value`` (a trace, a list...) with every float cut to :data:`SHOWN_DIGITS`
    significant digits; integers, text and the rest unchanged.

    >>> shown_numbers({"y": [75.85031851193853, 2, [0.000123456789]], "name": "a"})
    {'y': [75.8503, 2, [0.000123457]], 'name': 'a'}
    """
    if isinstance(value, float):
        return float(f"{value:.{SHOWN_DIGITS}g}")
    if isinstance(value, list):
        return [shown_numbers(item) for item in value]
    if isinstance(value, dict):
        return {key: shown_numbers(item) for key, item in value.items()}
    return value


def page_spec(figure: dict[str, Any]) -> dict[str, Any]:
    """The figure as the static book draws it (``static/bb-plotly.js``).

    Adds :data:`CHART_CONFIG`; ``narrow``/``wide``: the ``relayout`` and config of a phone
    (:data:`NARROW_MEDIA`: :data:`NARROW_LAYOUT`, its left margin wide enough for the y
    axis labels in its smaller text, :func:`label_room`) and what undoes it; ``themes``: per ``data-theme`` of the page
    (``dark``, ``light``), a ``relayout`` and per-trace ``restyle`` updates, so that dark
    mode swaps colours that vanish on a dark page. The traces' numbers are cut to
    :func:`shown_numbers`. The figure's own template is not in the
    spec: ``template`` names it (:func:`template_key`), and the page holds it once for all
    its charts with the dark template (:func:`page_templates`).

    >>> spec = page_spec({"data": [{"line": {"color": "#000000"}}], "layout": {"template": {}}})
    >>> spec["themes"]["dark"]["traces"], spec["themes"]["light"]["traces"]
    ([[0, {'line.color': '#EEEEEE'}]], [[0, {'line.color': '#000000'}]])
    >>> spec["template"] == template_key({}), "template" in spec["layout"]
    (True, False)
    >>> spec["config"]["showSendToCloud"], spec["wide"]["layout"]["legend.y"]
    (False, None)
    """
    layout = dict(figure.get("layout", {}))
    template = layout.pop("template", None)
    data = figure.get("data", [])
    dark_layout: dict[str, Any] = {}
    if "plot_bgcolor" in layout:
        dark_layout["plot_bgcolor"] = DARK_PLOT
    if "paper_bgcolor" in layout:
        dark_layout["paper_bgcolor"] = DARK_PAPER
    light_layout = {key: layout.get(key) for key in dark_layout}
    dark_traces = [[i, _trace_swaps(trace, DARK_SWAPS)] for i, trace in enumerate(data)]
    dark_traces = [pair for pair in dark_traces if pair[1]]
    light_traces = [
        [i, {path: _value_at(data[i], path) for path in updates}] for i, updates in dark_traces
    ]
    room = label_room(figure, NARROW_LAYOUT["font.size"])["l"]
    narrow = {**NARROW_LAYOUT, "margin.l": max(NARROW_LAYOUT["margin.l"], room)}
    spec = {
        **figure,
        "data": shown_numbers(data),
        **({"frames": shown_numbers(figure["frames"])} if "frames" in figure else {}),
        "layout": layout,
        "config": {**figure.get("config", {}), **CHART_CONFIG},
        "narrow": {"media": NARROW_MEDIA, "layout": narrow, "config": NARROW_CONFIG},
        "wide": {
            "layout": {path: _value_at(layout, path) for path in narrow},
            "config": WIDE_CONFIG,
        },
        "themes": {
            "dark": {"layout": dark_layout, "traces": dark_traces},
            "light": {"layout": light_layout, "traces": light_traces},
        },
    }
    if template is not None:
        spec["template"] = template_key(template)
    return spec
