"""The JupyterLab strength-gap app shows, after every change, exactly what a fresh forecast
for the controls' values gives, however fast it answers (cache, background precompute)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from backbalance.common.controls import live
from backbalance.strength_gap import app as app_module
from backbalance.strength_gap.app import StrengthGapApp, summary_text
from backbalance.strength_gap.charts import strength_traces
from backbalance.strength_gap.forecast import forecast
from backbalance.strength_gap.model import GapBeyondLimit, Scenario
from backbalance.tracker.data import parse_progress

DRAWS = 60
MOVES = 40


def fresh(app: StrengthGapApp, course) -> tuple[list[dict], str]:
    """The trace data and summary line of a forecast made from scratch (no app, no cache,
    the people drawn anew with the app's seed) for the app's current control values."""
    value = {name: control.value for name, control in app.controls.items()}
    plan = Scenario(
        gap_percent=value["gap"],
        strong_sets=value["strong_sets"],
        weak_extra_sets=value["weak_extra_sets"],
        weeks=value["weeks"],
        status=value["status"],
        detraining=value["detraining"],
        cause=value["cause"],
        adherence=value["adherence"],
    )
    log = parse_progress("week,left,right\n" + value["log"]).rows if value["log"] else None
    result = forecast(
        plan,
        app.params.with_cross_education(value["cross_education"]),
        log,
        test_sem_percent=course.assessment.strength.test_error.sem_percent,
        draws=app.draws,
        seed=app.seed,
    )
    return strength_traces(result.posterior), summary_text(result)


def assert_shows(app: StrengthGapApp, course) -> None:
    """The chart holds a fresh forecast's traces, within its axes; the summary is its own."""
    traces, summary = fresh(app, course)
    for shown, expected in zip(app.chart.traces(), traces, strict=True):
        for axis in ("x", "y"):  # equal to the digits a chart carries (SHOWN_DIGITS)
            assert_allclose(shown[axis], expected[axis], rtol=1e-5, atol=1e-12)
            if len(expected[axis]):
                low, high = app.chart.range(axis)
                assert low < min(expected[axis]) and max(expected[axis]) < high
    assert app.summary.value == str(live(summary))


def random_move(app: StrengthGapApp, rng: random.Random) -> None:
    """Set one control from code: mostly a slider step either way, sometimes a jump."""
    name = rng.choice(["gap", "strong_sets", "weak_extra_sets", "weeks", "cross_education"])
    control = app.controls[name]
    if rng.random() < 0.7:
        target = control.value + rng.choice([-1, 1]) * control.step
    else:
        target = control.min + rng.randrange(5) * control.step
    control.value = min(max(target, control.min), control.max)


@pytest.mark.parametrize("precompute", [True, False])
def test_the_chart_and_summary_always_match_the_controls(params, course, precompute):
    """Driven by code through many settings (repeats included, so the cache answers some,
    and the background thread runs meanwhile), the figure's data and the summary equal a
    fresh forecast for the values at that moment, and still do once the thread is done."""
    app = StrengthGapApp(params, draws=DRAWS, precompute=precompute)
    rng = random.Random(11)
    for move in range(MOVES):
        random_move(app, rng)
        if move % 10 == 9:
            app.controls["status"].value = rng.choice(app.controls["status"].options)
            app.controls["cause"].value = rng.choice(["unknown", "disuse", "handedness"])
            app.controls["detraining"].value = not app.controls["detraining"].value
        assert_shows(app, course)
    app.controls["log"].value = "0,80,100\n4,88,104"
    assert_shows(app, course)
    app.wait_for_background()
    assert_shows(app, course)


def counted(app: StrengthGapApp, monkeypatch) -> list:
    """The settings the app simulates from now on (foreground and background)."""
    runs = []
    real = app.forecast
    monkeypatch.setattr(
        app, "forecast", lambda settings=None: runs.append(settings) or real(settings)
    )
    return runs


def test_a_setting_seen_before_is_not_simulated_again(params, monkeypatch):
    app = StrengthGapApp(params, draws=DRAWS, precompute=False)
    runs = counted(app, monkeypatch)
    sets = app.controls["weak_extra_sets"]
    start = sets.value
    sets.value = start + 1
    sets.value = start
    sets.value = start + 1
    assert len(runs) == 1  # only start + 1, once; the start was drawn when the app opened


def test_after_a_move_the_next_step_either_way_is_ready(params, monkeypatch):
    """The background thread works out one slider step either side of the drawn setting."""
    app = StrengthGapApp(params, draws=DRAWS)
    sets = app.controls["weak_extra_sets"]
    sets.value += 1
    app.wait_for_background()
    runs = counted(app, monkeypatch)
    sets.value += 1
    sets.value -= 2
    assert runs == []


def test_the_cache_keeps_only_recent_settings(params, monkeypatch):
    monkeypatch.setattr(app_module, "CACHE_SIZE", 3)
    app = StrengthGapApp(params, draws=DRAWS, precompute=False)
    for extra in range(6):
        app.controls["weak_extra_sets"].value = extra
    assert len(app._views) == 3
    assert app.settings() in app._views


def test_a_gap_beyond_the_limit_keeps_its_message_and_the_last_chart(params, course):
    app = StrengthGapApp(params, draws=DRAWS)
    app.controls["gap"].value = 10
    before = [trace["y"] for trace in app.chart.traces()]
    app.controls["log"].value = "0,30,100"
    with pytest.raises(GapBeyondLimit):
        app.forecast()
    assert params.gap_limit.explain() in app.summary.value
    for trace, old in zip(app.chart.traces(), before, strict=True):
        assert_array_equal(trace["y"], old)
    app.controls["log"].value = ""
    assert_shows(app, course)


SENT = ["plot_data", "plot_numbers", "plot_sizes", "plot_layout"]
"""What the chart sends the browser."""


def changed_by(app: StrengthGapApp, move) -> set[str]:
    """What the chart sends the browser for ``move`` (one message: ``LiveChart.show`` holds
    the sync): ``{"plot_numbers"}`` (new numbers, the traces alone redrawn),
    ``{"plot_numbers", "plot_layout"}`` (new axes, a full redraw; with ``plot_sizes`` when the
    traces gain or lose points) or nothing."""
    changed: set[str] = set()

    def record(change):
        changed.add(change["name"])

    app.chart.observe(record, names=SENT)
    move()
    app.chart.unobserve(record, names=SENT)
    return changed


def test_a_move_within_the_axes_redraws_only_the_traces(params):
    """One more extra set keeps the axes (the strength range is kept while the data fits):
    the browser gets only the traces' new numbers, drawn without a full redraw."""
    app = StrengthGapApp(params, draws=DRAWS, precompute=False)
    ranges = app.chart.range("x"), app.chart.range("y")
    sets = app.controls["weak_extra_sets"]
    for _ in range(2):
        assert changed_by(app, lambda: setattr(sets, "value", sets.value + 1)) == {"plot_numbers"}
    assert (app.chart.range("x"), app.chart.range("y")) == ranges


def test_a_change_that_changes_nothing_drawn_sends_nothing(params):
    app = StrengthGapApp(params, draws=DRAWS, precompute=False)
    assert changed_by(app, app.update) == set()  # the same settings again


def test_new_weeks_redraw_the_chart_with_the_new_week_axis(params):
    app = StrengthGapApp(params, draws=DRAWS, precompute=False)
    weeks = app.controls["weeks"]
    changed = {"plot_numbers", "plot_sizes", "plot_layout"}  # new points, new axes
    assert changed_by(app, lambda: setattr(weeks, "value", 24)) == changed
    assert app.chart.range("x") == app_module.week_range(np.arange(25))


@pytest.mark.parametrize(
    ("low", "high"), [(75.7, 197.5), (0.0, 0.0), (-3.0, 2.5), (99.9, 100.1), (56.8, 201.0)]
)
def test_the_strength_axis_holds_the_data_with_room_and_round_ends(low, high):
    start, end = app_module.axis_range(low, high)
    assert start < low and high < end
    step = app_module._round_step(end - start)
    assert (end - start) / step <= 2 * app_module.AXIS_STEPS
    assert app_module.axis_range(low, high, shown=(start, end)) == (start, end)
    wider = (start - 10 * (end - start), end + 10 * (end - start))
    assert app_module.axis_range(low, high, shown=wider) == (start, end)  # far too wide


def stepped_twice(app: StrengthGapApp):
    """Move the extra-sets slider two steps up, the background done after the first: the
    slider and its value now, both steps either side of which are in the cache."""
    sets = app.controls["weak_extra_sets"]
    sets.value += 1
    app.wait_for_background()
    sets.value += 1
    return sets, sets.value


def test_the_browser_is_offered_each_next_step_as_the_app_then_shows_it(params, course):
    """The chart's offer names the moved slider, every other control with the value the
    browser knows it by, and the axes as drawn; each offered step is, number for number,
    what the app shows when the learner takes it, with those axes."""
    app = StrengthGapApp(params, draws=DRAWS)
    sets, start = stepped_twice(app)
    offer = app.chart.plot_ahead
    assert offer["control"] == sets.model_id
    by_index = {"status", "cause"}  # choices among options: the browser knows their index
    assert offer["at"] == start
    assert offer["kept"] == [
        [c.model_id, *(("index", c.index) if name in by_index else ("value", c.value))]
        for name, c in app.controls.items()
        if c is not sets
    ]
    ranges = {axis: app.chart.range(axis) for axis in ("x", "y")}
    assert offer["ranges"] == ranges and offer["sizes"] == app.chart.plot_sizes
    views = dict(offer["views"])
    assert set(views) == {start - 1, start + 1}
    for value, numbers in views.items():
        sets.value = value
        assert app.chart.plot_numbers == numbers
        assert {axis: app.chart.range(axis) for axis in ("x", "y")} == ranges
        assert_shows(app, course)
        sets.value = start


def test_only_what_the_cache_holds_is_offered(params):
    """With no background work, a first move offers only the step back to where it came
    from; a change from code that names no control takes the offer back."""
    app = StrengthGapApp(params, draws=DRAWS, precompute=False)
    sets = app.controls["weak_extra_sets"]
    start = sets.value
    sets.value = start + 1
    assert [value for value, _ in app.chart.plot_ahead["views"]] == [start]
    app.update()
    assert app.chart.plot_ahead == {}


def test_no_step_is_offered_that_would_need_other_axes(params):
    """A step is offered only when the axes drawn now hold it as they are: with another
    week axis, or a strength axis far wider than the data needs, nothing is offered."""
    app = StrengthGapApp(params, draws=DRAWS)
    stepped_twice(app)
    settings = app.settings()
    x, y = app.chart.range("x"), app.chart.range("y")
    assert len(app.ahead("weak_extra_sets", settings, {"x": x, "y": y}).views) == 2
    assert app.ahead("weak_extra_sets", settings, {"x": (0.0, 9.0), "y": y}).views == []
    wide = (y[0] - 10 * (y[1] - y[0]), y[1])
    assert app.ahead("weak_extra_sets", settings, {"x": x, "y": wide}).views == []


def test_with_offers_off_nothing_is_offered(params):
    app = StrengthGapApp(params, draws=DRAWS, offers=False)
    stepped_twice(app)
    assert app.chart.plot_ahead == {}


def test_a_fraction_slider_steps_to_the_values_the_browser_sends(params):
    """The browser's slider sends 0.3 one step below 0.35 (not 0.35 - 0.05): the steps
    worked out ahead and offered are those values, or they would never be met."""
    app = StrengthGapApp(params, draws=DRAWS, precompute=False)
    cross = app.controls["cross_education"]
    cross.value = 0.35
    near = app.neighbours("cross_education", app.settings(), reach=2)
    assert [dict(settings)["cross_education"] for settings in near] == [0.3, 0.4, 0.25, 0.45]
