"""The strength-gap page's sliders show what the model gives for the plan they choose.

Python precomputes the steps (``charts.stepped_strength_chart``); Node runs the page's
``static/bb-plotly-steps.js`` on them; each case's traces, title and summary must equal a
fresh ``model.simulate`` of that plan. The plan's cause is unknown, so the last control is
where the gap comes from (both cases), and the steps name their traces in the spec's
shared list of traces.
"""

from __future__ import annotations

import itertools
import json
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from numpy.testing import assert_allclose

from backbalance.common.charts import chart_title
from backbalance.course import Course
from backbalance.strength_gap import charts, model

from .test_assessment_js import node

HERE = Path(__file__).parent
SCRIPT = Path(str(files("backbalance").joinpath("static", "bb-plotly-steps.js")))
GAPS, STATUSES, EXTRAS = (5, 15, 30), ("novice", "trained"), (0, 1, 4)
DRAWS = 300


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory):
    course = Course.find()
    sem = course.assessment.strength.test_error.sem_percent
    plan = model.Scenario(gap_percent=15, strong_sets=6, weak_extra_sets=1, weeks=40)  # unknown
    chart = charts.stepped_strength_chart(
        plan, course.parameters, gaps=GAPS, statuses=STATUSES, extra_sets=EXTRAS,
        test_sem_percent=sem, draws=DRAWS, case_names=course.forecast_wording.forecast.case.name,
    )  # fmt: skip
    cases = [list(p) for p in itertools.product(*(range(len(c.values)) for c in chart.controls))]
    path = tmp_path_factory.mktemp("golden") / "steps.json"
    path.write_text(json.dumps({"spec": chart.spec(), "cases": [*cases, [9, 0, 0, 0]]}))
    run = subprocess.run(
        [node(), str(HERE / "replay_strength_steps.js"), str(SCRIPT), str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return course, plan, sem, chart, cases, json.loads(run.stdout)


def test_every_step_the_page_shows_is_the_model_s(replayed):
    course, plan, sem, chart, cases, shown = replayed
    for positions, page in zip(cases, shown, strict=False):
        update = {c.name: c.values[i] for c, i in zip(chart.controls, positions, strict=True)}
        sim = model.simulate(
            plan.model_copy(update=update), course.parameters, draws=DRAWS, test_sem_percent=sem
        )
        want = charts.strength_traces(sim)
        assert page["key"] == charts.step_key(positions)
        assert page["summary"] == [p.describe() for p in sim.parity], update
        name = getattr(course.forecast_wording.forecast.case.name, update["cause"])
        assert page["title"] == chart_title(charts.step_title(sim, name))["text"]
        assert page["title"].startswith(name[:1].upper() + name[1:5])
        for got_x, got_y, trace in zip(page["data"]["x"], page["data"]["y"], want, strict=True):
            assert got_x == trace["x"], update
            assert_allclose(got_y, trace["y"], atol=0.5 * 10**-charts.STEP_DIGITS)


def test_an_unknown_cause_steps_through_both_cases(replayed):
    *_, chart, cases, shown = replayed
    assert chart.controls[-1].name == "cause"
    assert chart.controls[-1].values == ("disuse", "handedness")
    assert len(shown) == len(cases) + 1


def test_a_position_without_a_step_shows_nothing_new(replayed):
    *_, cases, shown = replayed
    assert len(shown) == len(cases) + 1 and shown[-1] is None
