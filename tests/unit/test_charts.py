"""The charts show the model's numbers, label everything, and never rely on colour alone."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from backbalance.common.charts import TITLE_WIDTH, chart_title, label_room
from backbalance.course import Course
from backbalance.strength_gap import charts, dynamics, model
from backbalance.strength_gap.dynamics import KNOWN_CAUSES
from backbalance.strength_gap.model import Scenario
from backbalance.strength_gap.parameters import load_model_parameters

ROOT = Path(__file__).resolve().parents[2]
EXTRAS = (0, 2, 4, 8)
DRAWS = 200


@pytest.fixture(scope="module")
def params():
    return load_model_parameters(ROOT / "data" / "model_parameters.yml")


@pytest.fixture(scope="module")
def sims(params):
    plan = Scenario(gap_percent=20, strong_sets=2, weeks=40, cause="disuse")
    return [model.simulate(plan.with_extra_sets(e), params, draws=DRAWS) for e in EXTRAS]


@pytest.fixture(scope="module")
def sweep(params):
    return model.sweep(
        params, gaps=[10, 20, 30], extra_sets=[0, 4, 8], strong_sets=6, weeks=40, draws=DRAWS
    )


def median_trace(fig, side):
    return next(t for t in fig.data if t.name == f"{side} side (typical person)")


def test_strength_chart_shows_both_sides_with_a_second_cue(sims):
    fig = charts.strength_chart(sims[2])
    assert len(fig.data) == charts.STRENGTH_TRACES == 8
    left, right = median_trace(fig, "Left"), median_trace(fig, "Right")
    assert (left.line.color, left.line.dash, left.marker.symbol) == ("#0072B2", "solid", "circle")
    assert (right.line.color, right.line.dash, right.marker.symbol) == ("#E69F00", "dash", "square")
    table = sims[2].table
    assert_allclose(left.y, table[table["side"] == "left"]["strength"])
    assert_allclose(right.y, table[table["side"] == "right"]["strength"])


def test_strength_chart_bands_fill_between_p10_and_p90(sims):
    fig = charts.strength_chart(sims[2])
    table = sims[2].table.query("side == 'left'")
    low, high = fig.data[0], fig.data[1]
    assert_allclose(low.y, table["strength_p10"])
    assert_allclose(high.y, table["strength_p90"])
    assert high.fill == "tonexty" and high.name == "Left: 8 in 10 people"


def test_strength_chart_draws_the_lsi_90_line_and_the_parity_week(sims):
    sim = sims[2]
    fig = charts.strength_chart(sim)
    line = next(t for t in fig.data if t.name == "90% of the stronger side")
    wide = sim.table.pivot(index="week", columns="side", values="strength")
    assert_allclose(line.y, 0.9 * wide.max(axis=1))
    assert line.line.dash == "dot"
    marker = next(t for t in fig.data if t.name == "LSI 90% reached")
    assert list(marker.x) == [sim.parity_at(90).typical] * 2
    assert f"LSI 90% by week {sim.parity_at(90).typical}" in title_of(fig)


def test_parity_marker_is_empty_when_the_target_is_not_reached(params):
    sim = model.simulate(Scenario(gap_percent=40, strong_sets=6, weeks=8), params, draws=DRAWS)
    fig = charts.strength_chart(sim)
    assert list(fig.data[7].x) == []
    assert "not within 8 weeks" in title_of(fig)


GAPS, STATUSES, STEP_EXTRAS = (10, 20), ("novice", "trained"), (0, 2)


@pytest.fixture(scope="module")
def stepped(params):
    plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=2, weeks=30, cause="disuse")
    chart = charts.stepped_strength_chart(
        plan, params, gaps=GAPS, statuses=STATUSES, extra_sets=STEP_EXTRAS, draws=DRAWS,
        test_sem_percent=4,
    )  # fmt: skip
    return plan, chart


def test_stepped_chart_holds_the_model_for_every_combination_of_steps(params, stepped):
    plan, chart = stepped
    assert len(chart.steps) == len(GAPS) * len(STATUSES) * len(STEP_EXTRAS)
    for (g, gap), (s, status), (e, extra) in itertools.product(
        enumerate(GAPS), enumerate(STATUSES), enumerate(STEP_EXTRAS)
    ):
        sim = model.simulate(
            plan.model_copy(update={"gap_percent": gap, "status": status, "weak_extra_sets": extra}),
            params, draws=DRAWS, test_sem_percent=4,
        )  # fmt: skip
        step = chart.step(charts.step_key([g, s, e]))
        traces = charts.strength_traces(sim)
        for i, trace in enumerate(traces):
            assert_allclose(step["y"][i], trace["y"], atol=0.5 * 10**-charts.STEP_DIGITS)
            assert step["x"].get(str(i), chart.weeks) == trace["x"]
        assert step["title"] == chart_title(charts.strength_title(sim))["text"]
        assert step["summary"] == [p.describe() for p in sim.parity]


def test_stepped_chart_starts_at_the_plan_and_keeps_one_y_range(stepped):
    _, chart = stepped
    assert [c.initial for c in chart.controls] == [1, 0, 1]
    assert [c.spoken[c.initial] for c in chart.controls] == [
        "gap 20 points", "novice", "2 extra sets a week"
    ]  # fmt: skip
    for trace, y in zip(chart.figure.data, chart.initial()["y"], strict=True):
        assert list(trace.y) == y
    low, high = chart.figure.layout.yaxis.range
    every = [v for key in chart.steps for trace in chart.step(key)["y"][:6] for v in trace]
    assert low <= min(every) and high >= max(every)


def test_an_unknown_cause_adds_its_two_cases_and_the_steps_share_their_traces(params):
    """Cause unknown: a last control steps through the two cases (named from
    forecast.yml), each step the simulation of its case; the stronger side's traces do not
    depend on the gap or its cause, so the steps keep them once."""
    names = Course.find().forecast_wording.forecast.case.name
    plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=2, weeks=30)
    chart = charts.stepped_strength_chart(
        plan, params, gaps=GAPS, statuses=STATUSES[:1], extra_sets=STEP_EXTRAS, draws=DRAWS,
        test_sem_percent=4, case_names=names,
    )  # fmt: skip
    cause = chart.controls[-1]
    assert cause.values == KNOWN_CAUSES and cause.initial == 0
    assert cause.shown == tuple(getattr(names, c) for c in KNOWN_CAUSES)
    assert len(chart.steps) == len(GAPS) * len(STEP_EXTRAS) * len(KNOWN_CAUSES)
    for c, case in enumerate(KNOWN_CAUSES):
        sim = model.simulate(plan.model_copy(update={"cause": case}), params, draws=DRAWS,
                             test_sem_percent=4)  # fmt: skip
        got = chart.step(charts.step_key([1, 0, 1, c]))
        for shown, trace in zip(got["y"], charts.strength_traces(sim), strict=True):
            assert_allclose(shown, trace["y"], atol=0.5 * 10**-charts.STEP_DIGITS)
    assert len(chart.traces) < charts.STRENGTH_TRACES * len(chart.steps)
    with pytest.raises(ValueError, match="case_names"):
        charts.stepped_strength_chart(plan, params, gaps=GAPS, statuses=STATUSES[:1],
                                      extra_sets=STEP_EXTRAS, draws=DRAWS)  # fmt: skip


def test_stepped_chart_shows_as_its_figure_where_the_book_is_not(stepped):
    _, chart = stepped
    bundle = chart._repr_mimebundle_()
    assert bundle[charts.PLOTLY_MIME]["data"][0]["y"] == chart.initial()["y"][0]
    assert bundle[charts.STEPS_MIME]["steps"] == chart.steps


def test_a_stepped_chart_refuses_a_plan_outside_its_steps(params):
    plan = Scenario(gap_percent=25, strong_sets=6, cause="disuse")
    with pytest.raises(ValueError, match="25"):
        charts.stepped_strength_chart(
            plan, params, gaps=GAPS, statuses=STATUSES, extra_sets=STEP_EXTRAS, draws=DRAWS
        )


def test_lsi_chart_has_one_distinct_line_per_bias_and_the_targets(sims):
    fig = charts.lsi_chart(sims)
    assert [t.name for t in fig.data] == [
        "+0 sets",
        "+2 sets",
        "+4 sets",
        "+8 sets",
        "LSI 90%",
        "LSI 95%",
    ]
    series = fig.data[: len(sims)]
    assert len({(t.line.dash, t.marker.symbol) for t in series}) == len(sims)
    for trace, sim in zip(series, sims, strict=True):
        assert_allclose(trace.y, sim.table.query("side == 'left'")["lsi"])
    assert list(fig.data[-2].y) == [90, 90] and list(fig.data[-1].y) == [95, 95]


def test_lsi_chart_refuses_more_lines_than_it_can_tell_apart(sims):
    with pytest.raises(ValueError, match="at most 6 bias levels"):
        charts.lsi_chart(sims * 2)


def test_heatmap_values_equal_the_models_weeks_to_90(params, sweep):
    fig = charts.parity_heatmap(sweep)
    (heat,) = fig.data
    assert list(heat.y) == [10, 20, 30] and list(heat.x) == [0, 4, 8]
    for i, gap in enumerate(heat.y):
        for j, extra in enumerate(heat.x):
            plan = Scenario(gap_percent=gap, strong_sets=6, weak_extra_sets=extra, weeks=40)
            week = model.simulate(plan, params, draws=DRAWS).parity_at(90).typical
            if week is None:
                assert np.isnan(heat.z[i][j]) and heat.text[i][j] == "–"
                assert heat.customdata[i][j] == "not within 40 weeks"
            else:
                assert heat.z[i][j] == week and heat.text[i][j] == str(week)
                assert heat.customdata[i][j] == f"week {week}"
    assert np.isnan(np.asarray(heat.z, dtype=float)).any(), (
        "the grid should include an unreachable cell"
    )


def test_heatmap_labels_every_row_and_column_and_hovers_whole_numbers(sweep):
    fig = charts.parity_heatmap(sweep)
    (heat,) = fig.data
    assert list(fig.layout.yaxis.tickvals) == list(heat.y)
    assert list(fig.layout.xaxis.tickvals) == list(heat.x)
    # d3's bare "g" format prints 6 significant digits ("20.0000"); the rows are whole numbers
    assert ":g}" not in heat.hovertemplate and "%{y}%" in heat.hovertemplate


def test_dose_response_chart_plots_the_model_for_each_status(params):
    fig = charts.dose_response_chart(params, max_sets=20)
    assert [t.name for t in fig.data] == ["Novice", "Intermediate", "Trained"]
    for trace, status in zip(fig.data, ("novice", "intermediate", "trained"), strict=True):
        assert_allclose(trace.y, dynamics.weekly_gain(np.arange(21), params, status))
    assert len({t.line.dash for t in fig.data}) == 3


def test_every_chart_has_a_title_and_axis_titles(params, sims, sweep):
    figures = [
        charts.strength_chart(sims[0]),
        charts.stepped_strength_chart(
            Scenario(gap_percent=20, strong_sets=6, cause="disuse"),
            params,
            gaps=[20],
            statuses=["novice"],
            extra_sets=[0],
            draws=DRAWS,
        ).figure,
        charts.lsi_chart(sims),
        charts.parity_heatmap(sweep),
        charts.dose_response_chart(params),
    ]
    for fig in figures:
        assert fig.layout.title.text
        assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
        # a phone (390 px) shows about TITLE_WIDTH characters of a title per line
        assert all(len(line) <= TITLE_WIDTH for line in fig.layout.title.text.split("<br>"))
        # the room for the title and the y labels is made in Python, once: plotly.js
        # measures no label for it (common.charts.chart_margins)
        room = label_room(fig.to_plotly_json())
        assert fig.layout.margin.t >= room["t"] and fig.layout.margin.l >= room["l"]
        assert fig.layout.title.automargin is False and fig.layout.yaxis.automargin is False


def title_of(fig):
    """A chart's title as one line of words (it wraps with <br> to fit a phone)."""
    return fig.layout.title.text.replace("<br>", " ")


def test_jupyterlab_app_updates_the_same_traces_in_place(params):
    """The widget app reuses strength_traces: a slider change rewrites trace data, nothing else."""
    from backbalance.strength_gap.app import StrengthGapApp

    app = StrengthGapApp(params, draws=DRAWS)
    chart, styles = app.chart, list(app.chart.plot_data)
    before = app.summary.value
    app.controls["weak_extra_sets"].value = 10
    assert app.chart is chart  # the same chart, updated
    assert app.chart.plot_data == styles
    expected = charts.strength_traces(app.simulation())
    assert_allclose(app.chart.traces()[2]["y"], expected[2]["y"], rtol=1e-5)  # SHOWN_DIGITS
    assert app.summary.value != before and "LSI 90%" in app.summary.value


def test_the_band_shows_re_test_results_when_the_noise_is_given(params):
    """With the test's noise the bands are the re-test results a learner would read."""
    sim = model.simulate(
        Scenario(gap_percent=20, strong_sets=6, weeks=20), params, draws=DRAWS, test_sem_percent=4.2
    )
    fig = charts.strength_chart(sim)
    table = sim.table.query("side == 'left'")
    assert_allclose(fig.data[0].y, table["reading_p10"])
    assert_allclose(fig.data[1].y, table["reading_p90"])
    assert fig.data[1].name == "Left: 8 in 10 re-test results"


def test_the_app_learns_from_a_typed_log_and_reports_a_bad_one(params):
    """The log box personalises the forecast; a gap beyond the limit gives the data's message."""
    from backbalance.strength_gap.app import StrengthGapApp

    app = StrengthGapApp(params, draws=DRAWS)
    app.controls["log"].value = "0,80,100\n4,88,104\n8,95,107"
    assert "Your log so far says" in app.summary.value
    app.controls["log"].value = "0,30,100"
    assert params.gap_limit.explain() in app.summary.value
