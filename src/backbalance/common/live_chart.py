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

The traces' numbers travel apart from their styles, as one binary buffer
(:class:`Numbers`: every trace's ``x`` then ``y`` as 64-bit floats): a move sends one
buffer the kernel can make before it is needed (:meth:`LiveChart.numbers`) and nothing
has to write, read or compare them as JSON text.

The kernel may also send, with the numbers it shows and in the same message, the numbers
it has ready for the next values of one control (:class:`Ahead`: a slider's steps either
side). When the learner moves that control to one of them, the browser draws those
numbers at once, without waiting for the kernel, but only while every other control keeps
the value the kernel had; back at the value the kernel drew, it draws the kernel's
numbers again. The kernel's own answer then follows, the same numbers, and redraws
nothing. A move the kernel had nothing ready for is drawn when its answer comes.

Examples
--------
>>> import plotly.graph_objects as go
>>> chart = LiveChart(go.Figure(go.Scatter(x=[0, 1], y=[2, 3], name="a")))
>>> chart.plot_data, chart.plot_sizes
([{'name': 'a', 'type': 'scatter', 'uid': '0'}], [2])
>>> chart.show(LiveChart.numbers([([0, 1], [2, 4.123456789])]))
>>> chart.traces()[0]["y"].tolist()
[2.0, 4.12346]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import anywidget
import ipywidgets
import numpy as np
import plotly
import plotly.graph_objects as go
import traitlets

from backbalance.common.charts import CHART_CONFIG, shown_numbers

NUMBER = np.dtype("<f8")
"""How ``plot_numbers`` holds each number (``live_chart.js`` reads it as a Float64Array)."""


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


@dataclass(frozen=True)
class Numbers:
    """Every trace's ``x`` then ``y``, trace after trace, as :data:`NUMBER` bytes
    (``data``), and the points of each trace (``sizes``)."""

    data: bytes
    sizes: tuple[int, ...]


def _synced(control: ipywidgets.Widget) -> str:
    """The trait by which the browser knows ``control``'s choice: ``value``, or ``index``
    for a choice among options (a dropdown, a selection slider)."""
    return "value" if "value" in control.keys else "index"


@dataclass(frozen=True)
class Ahead:
    """Numbers the browser may draw before the kernel answers: ``views``, the
    :class:`Numbers` for values ``control`` may take next, drawn only while every widget
    of ``kept`` has the value it has now (:meth:`state`)."""

    control: ipywidgets.Widget
    kept: Sequence[ipywidgets.Widget]
    views: Sequence[tuple[Any, Numbers]]

    def state(self, sizes: tuple[int, ...], ranges: dict[str, Any]) -> dict[str, Any]:
        """``plot_ahead``: the control's model and its value now (``at``: the numbers
        shown with the offer are its), every kept widget's model, synced trait and value,
        the ``sizes`` and axis ``ranges`` of what is shown, and the views with as many
        points per trace (others would need a full redraw)."""
        return {
            "control": self.control.model_id,
            "at": getattr(self.control, _synced(self.control)),
            "kept": [[w.model_id, _synced(w), getattr(w, _synced(w))] for w in self.kept],
            "sizes": list(sizes),
            "ranges": ranges,
            "views": [
                [value, numbers.data] for value, numbers in self.views if numbers.sizes == sizes
            ],
        }


class LiveChart(anywidget.AnyWidget):
    """The figure's traces without their numbers (``plot_data``), their numbers
    (``plot_numbers``, with ``plot_sizes`` points per trace: :class:`Numbers`) and layout
    (``plot_layout``) as the browser draws them, with the course's plotly.js config
    (``plot_config``: :data:`~backbalance.common.charts.CHART_CONFIG`); ``plot_ahead``:
    what the browser may draw before the kernel answers (:class:`Ahead`, :meth:`show`).

    Parameters
    ----------
    figure
        The chart as first drawn; every trace has ``x`` and ``y`` of the same length (a
        missing number, None or NaN, leaves a gap in the line).
    """

    _esm = traitlets.Unicode(module_text()).tag(sync=True)
    plotly_js = traitlets.Unicode(plotly_bundle_text()).tag(sync=True)
    # Not ``layout``: every ipywidget has one (its CSS box).
    plot_data = traitlets.List().tag(sync=True)
    plot_numbers = traitlets.Bytes().tag(sync=True)
    plot_sizes = traitlets.List().tag(sync=True)
    plot_layout = traitlets.Dict().tag(sync=True)
    plot_config = traitlets.Dict().tag(sync=True)
    plot_ahead = traitlets.Dict().tag(sync=True)

    def __init__(self, figure: go.Figure) -> None:
        drawn = figure_json(figure)
        numbers = self.numbers(
            [tuple(() if axis is None else axis for axis in (t.x, t.y)) for t in figure.data]
        )
        super().__init__(
            # plotly.js names each trace's SVG group after its uid (as FigureWidget's do).
            plot_data=[
                {
                    **shown_numbers({k: v for k, v in trace.items() if k not in ("x", "y")}),
                    "uid": str(i),
                }
                for i, trace in enumerate(drawn["data"])
            ],
            plot_numbers=numbers.data,
            plot_sizes=list(numbers.sizes),
            plot_layout=drawn["layout"],
            plot_config={**CHART_CONFIG, "responsive": True},
        )

    @staticmethod
    def numbers(traces: Sequence[tuple[Sequence[float], Sequence[float]]]) -> Numbers:
        """The ``(x, y)`` numbers of every trace, in trace order, cut to
        :data:`~backbalance.common.charts.SHOWN_DIGITS` significant digits (as the book's
        charts carry them), ready for :meth:`show`."""
        columns = [
            np.asarray(shown_numbers(np.asarray(axis, dtype=float).tolist()), NUMBER)
            for pair in traces
            for axis in pair
        ]
        sizes = tuple(len(x) for x in columns[::2])
        if sizes != tuple(len(y) for y in columns[1::2]):
            raise ValueError("every trace needs as many x as y values")
        return Numbers(np.concatenate(columns).tobytes() if columns else b"", sizes)

    def show(
        self,
        numbers: Numbers,
        ranges: dict[str, tuple[float, float]] | None = None,
        ahead: Ahead | None = None,
    ) -> None:
        """Draw new ``numbers`` for every trace (:meth:`LiveChart.numbers`) and, if given,
        new axis ``ranges`` (``{"x": (low, high), ...}``), with what the browser may draw
        next (``ahead``, with these axes; None offers nothing), in one message: the browser
        never holds an offer made for other numbers. Nothing is sent when nothing changes;
        new numbers with the same ranges and as many points per trace redraw only the
        traces that changed."""
        if len(numbers.sizes) != len(self.plot_data):
            raise ValueError(
                f"the chart has {len(self.plot_data)} traces, not {len(numbers.sizes)}"
            )
        with self.hold_sync():
            self.plot_numbers = numbers.data
            self.plot_sizes = list(numbers.sizes)
            if ranges is not None:
                layout = dict(self.plot_layout)
                for axis, (low, high) in ranges.items():
                    key = f"{axis}axis"
                    layout[key] = {**layout.get(key, {}), "range": [low, high]}
                self.plot_layout = layout
            shown = {axis: self.range(axis) for axis in ("x", "y")}
            self.plot_ahead = ahead.state(numbers.sizes, shown) if ahead is not None else {}

    def traces(self) -> list[dict[str, Any]]:
        """Every trace as the browser draws it: its style, with ``x`` and ``y`` arrays."""
        values = np.frombuffer(self.plot_numbers, NUMBER)
        starts = np.cumsum([0, *(2 * n for n in self.plot_sizes)])[:-1]
        return [
            {**style, "x": values[start : start + n], "y": values[start + n : start + 2 * n]}
            for style, n, start in zip(self.plot_data, self.plot_sizes, starts, strict=True)
        ]

    def range(self, axis: str) -> tuple[float, float] | None:
        """The range the ``axis`` (``"x"`` or ``"y"``) is drawn with, None when automatic."""
        shown = self.plot_layout.get(f"{axis}axis", {}).get("range")
        return tuple(shown) if shown is not None else None
