"""The self-assessment charts: left and right told apart by more than colour; limits drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from backbalance.assessment.charts import holds_chart, ratios_chart, strength_chart
from backbalance.assessment.data import load_assessment
from backbalance.assessment.profile import Profile

ROOT = Path(__file__).resolve().parents[2]
DATA = load_assessment(ROOT / "data" / "assessment")
ALEX = Profile(
    red_flag="none",
    holds={"flexor": 102, "extensor": 125, "bridge_right": 80, "bridge_left": 58},
    norms="female",
    strength={"unit": "reps", "left": 9, "right": 12, "load": 10},
    estimated_1rm={"left": 12.9, "right": 14.2},
    lsi=91.0,
)


def test_holds_chart_sides_differ_by_colour_pattern_and_name():
    fig = holds_chart(ALEX, DATA)
    bars = {trace.name: trace for trace in fig.data if trace.type == "bar"}
    assert set(bars) == {"Both sides", "Left side", "Right side"}
    assert (
        bars["Left side"].marker.color == "#0072B2" and bars["Right side"].marker.color == "#E69F00"
    )
    assert (
        bars["Right side"].marker.pattern.shape == "/"
        and not bars["Left side"].marker.pattern.shape
    )
    assert list(bars["Left side"].x) == ["Side bridge, left<br>58 s"]
    averages = next(trace for trace in fig.data if trace.type == "scatter")
    assert list(averages.y) == [149, 189, 72, 77] and list(averages.error_y.array) == [
        99,
        60,
        31,
        35,
    ]
    assert "women" in averages.name


def test_holds_chart_without_averages():
    fig = holds_chart(ALEX.model_copy(update={"norms": None, "holds": {"extensor": 90}}), DATA)
    assert [trace.type for trace in fig.data] == ["bar"]


def test_ratios_chart_marks_the_ratio_outside_its_limits():
    fig = ratios_chart(ALEX, DATA)
    bars, limits = fig.data
    assert list(bars.x) == [1.38, 0.82, 0.64, 0.46]
    assert bars.marker.color[0] == "#D55E00" and bars.marker.pattern.shape[0] == "x"
    assert (
        bars.y[0]
        == "Right side bridge ÷ left side bridge: 1.38<br>Worth a closer look (rule: 0.95 to 1.05)"
    )
    assert bars.y[1] == "Flexor ÷ extensor: 0.82<br>Within the rule (rule: 1.0 or less)"
    assert list(limits.x) == [0.95, 1.05, 1.0, 0.75, 0.75]


def test_strength_chart_draws_the_lsi_line_at_90_percent_of_the_stronger_side():
    fig = strength_chart(ALEX, DATA)
    assert [trace.text[0] for trace in fig.data] == ["12.9 kg", "14.2 kg"]
    assert fig.layout.shapes[0].x0 == pytest.approx(14.2 * DATA.strength.lsi.line / 100)
    assert "LSI 91%" in fig.layout.title.text


def test_strength_chart_without_an_estimate_says_so():
    reps_only = ALEX.model_copy(update={"estimated_1rm": None, "lsi": None})
    fig = strength_chart(reps_only, DATA)
    assert [trace.text[0] for trace in fig.data] == ["9 reps", "12 reps"]
    assert "no strength estimate" in fig.layout.title.text


def test_strength_chart_needs_a_strength_test():
    with pytest.raises(ValueError, match="no strength test"):
        strength_chart(ALEX.model_copy(update={"strength": None}), DATA)
