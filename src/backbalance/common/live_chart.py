"""A plotly chart in JupyterLab that the kernel redraws and the browser only draws.

plotly's ``go.FigureWidget`` keeps Python and the browser in step both ways: after every
redraw the browser works out what plotly.js changed and sends it back, and the kernel takes
it in. For a chart that only shows what the kernel computes (the strength-gap app's, moved
by a slider) that return trip is pure cost: it held the frame that shows the new lines
until the browser had sent it (about 8 ms of a 52 ms slider move, issue 11), and kept the
kernel busy for about 80 ms after each move. :class:`LiveChart` sends the figure one way
(``live_chart.js``, an anywidget module, draws it with the plotly package's own plotly.js,
which the widget carries beside its module, not in it: anywidget allows a module two
seconds to load, and 4.8 MB of plotly.js in the module could take longer on a busy
machine) and a move that changes only the traces' numbers redraws only the traces.

Examples
--------
>>> import plotly.graph_objects as go
>>> chart = LiveChart(go.Figure(go.Scatter(x=[0, 1], y=[2, 3])))
>>> chart.plot_data[0]["y"]
[2, 3]
>>> chart.show([([0, 1], [2, 4])])
>>> chart.plot_data[0]["y"], chart.plot_data[0]["type"]
([2, 4], 'scatter')
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import anywidget
import plotly
import plotly.graph_objects as go
import traitlets

from backbalance.common.charts import CHART_CONFIG, shown_numbers

Numbers = Sequence[float]


@cache
def plotly_bundle_text() -> str:
    """The plotly package's plotly.js (the version plotly.py draws with)."""
    return files(plotly).joinpath("package_data", "plotly.min.js").read_text(encoding="utf-8")


@cache
def module_text() -> str:
    """The chart's anywidget module, ``live_chart.js``."""
    return files("backbalance.common").joinpath("live_chart.js").read_text(encoding="utf-8")


def figure_json(figure: go.Figure) -> dict[str, Any]:
    """``figure``'s data and layout as plain JSON values (numbers as lists, NaN as null)."""
    return json.loads(figure.to_json())


def _numbers(values: Numbers) -> list[float]:
    """``values`` as a list of Python numbers (what the widget's JSON can carry), cut to the
    digits a chart shows (:func:`~backbalance.common.charts.shown_numbers`: half the bytes
    to send and to read)."""
    return shown_numbers(values.tolist() if hasattr(values, "tolist") else list(values))


class LiveChart(anywidget.AnyWidget):
    """The figure's traces (``plot_data``) and layout (``plot_layout``) as the browser draws
    them, with the course's plotly.js config (``plot_config``:
    :data:`~backbalance.common.charts.CHART_CONFIG`).

    Parameters
    ----------
    figure
        The chart as first drawn.
    """

    _esm = traitlets.Unicode(module_text()).tag(sync=True)
    plotly_js = traitlets.Unicode(plotly_bundle_text()).tag(sync=True)
    # Not ``layout``: every ipywidget has one (its CSS box).
    plot_data = traitlets.List().tag(sync=True)
    plot_layout = traitlets.Dict().tag(sync=True)
    plot_config = traitlets.Dict().tag(sync=True)

    def __init__(self, figure: go.Figure) -> None:
        drawn = figure_json(figure)
        super().__init__(
            # plotly.js names each trace's SVG group after its uid (as FigureWidget's do).
            plot_data=[
                {"uid": str(i), **shown_numbers(trace)} for i, trace in enumerate(drawn["data"])
            ],
            plot_layout=drawn["layout"],
            plot_config={**CHART_CONFIG, "responsive": True},
        )

    def show(
        self,
        traces: Sequence[tuple[Numbers, Numbers]],
        ranges: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        """Draw new ``(x, y)`` numbers for every trace, in trace order (to
        :data:`~backbalance.common.charts.SHOWN_DIGITS` significant digits), and, if given, new
        axis ``ranges`` (``{"x": (low, high), ...}``), in one message. Nothing is sent when
        nothing changes; new numbers with the same ranges and as many points per trace
        redraw only the traces that changed."""
        data = [
            {**trace, "x": _numbers(x), "y": _numbers(y)}
            for trace, (x, y) in zip(self.plot_data, traces, strict=True)
        ]
        with self.hold_sync():
            self.plot_data = data
            if ranges is not None:
                layout = dict(self.plot_layout)
                for axis, (low, high) in ranges.items():
                    key = f"{axis}axis"
                    layout[key] = {**layout.get(key, {}), "range": [low, high]}
                self.plot_layout = layout

    def range(self, axis: str) -> tuple[float, float] | None:
        """The range the ``axis`` (``"x"`` or ``"y"``) is drawn with, None when automatic."""
        shown = self.plot_layout.get(f"{axis}axis", {}).get("range")
        return tuple(shown) if shown is not None else None
