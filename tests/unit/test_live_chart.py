"""The JupyterLab chart that the kernel draws: its numbers travel as one buffer and come
back out as they went in, and what it offers the browser ahead fits what it shows."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import pytest
from numpy.testing import assert_array_equal

from backbalance.common.charts import shown_numbers
from backbalance.common.live_chart import Ahead, LiveChart


def chart() -> LiveChart:
    return LiveChart(
        go.Figure([go.Scatter(x=[0, 1, 2], y=[1.5, 2.25, 3], name="a"), go.Scatter(x=[], y=[])])
    )


def test_the_numbers_shown_are_the_numbers_given_to_the_digits_a_chart_carries():
    live = chart()
    x, y = [0, 1, 2, 3], [10.123456789, 2e-7, -3.5, 1e9 / 7]
    live.show(LiveChart.numbers([(x, y), ([5], [6])]))
    (first, second) = live.traces()
    assert first["name"] == "a" and live.plot_sizes == [4, 1]
    assert_array_equal(first["x"], x)
    assert_array_equal(first["y"], shown_numbers(y))
    assert_array_equal(second["y"], [6])


def test_a_trace_needs_as_many_x_as_y_values_and_the_chart_its_traces():
    with pytest.raises(ValueError, match="as many x as y"):
        LiveChart.numbers([([0, 1], [2])])
    with pytest.raises(ValueError, match="2 traces, not 1"):
        chart().show(LiveChart.numbers([([0], [1])]))


def test_an_offer_comes_with_the_numbers_and_holds_only_views_with_their_points():
    live, slider, kept = chart(), widgets.IntSlider(value=3), widgets.Dropdown(options=["a", "b"])
    same = LiveChart.numbers([([0, 1, 2], [4, 5, 6]), ([], [])])
    other = LiveChart.numbers([([0, 1], [4, 5]), ([], [])])
    sent = []
    live.observe(lambda change: sent.append(change["name"]), names=["plot_numbers", "plot_ahead"])
    ahead = Ahead(control=slider, kept=[kept], views=[(2, same), (4, other)])
    live.show(LiveChart.numbers([([0, 1, 2], [7, 8, 9]), ([], [])]), ahead=ahead)
    assert sorted(sent) == ["plot_ahead", "plot_numbers"]
    assert live.plot_ahead == {
        "control": slider.model_id,
        "at": 3,
        "kept": [[kept.model_id, "index", 0]],
        "sizes": [3, 0],
        "ranges": {"x": None, "y": None},
        "views": [[2, same.data]],
    }
    live.show(same)
    assert live.plot_ahead == {}


def test_a_figure_of_numpy_arrays_with_gaps_is_drawn_with_its_gaps():
    figure = go.Figure(go.Scatter(x=np.arange(3), y=np.array([1.0, np.nan, 3.0])))
    figure.add_scatter(x=[0, 1], y=[2, None])
    first, second = LiveChart(figure).traces()
    assert_array_equal(first["y"], [1.0, np.nan, 3.0])
    assert_array_equal(second["y"], [2.0, np.nan])
