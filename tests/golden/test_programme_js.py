"""The static book's programme-web.js shows the programme build_programme gives, case by case."""

from __future__ import annotations

import json
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from markupsafe import escape

from backbalance.assessment.logic import fill
from backbalance.assessment.profile import Profile
from backbalance.course import Course
from backbalance.programme.build import Refusal, Setup, build_programme
from backbalance.programme.library import EQUIPMENT_LABELS
from backbalance.programme.render import programme_html
from backbalance.programme.web import equipment_key
from backbalance.strength_gap.dynamics import KNOWN_CAUSES

from .programme_cases import choices, odd_gaps, one_per_kit, planned, want, write
from .test_assessment_js import node

HERE = Path(__file__).parent
SCRIPT = Path(str(files("backbalance").joinpath("static", "programme-web.js")))


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], list[str | None]]:
    path = write(tmp_path_factory.mktemp("golden"), Course.find())
    run = subprocess.run(
        [node(), str(HERE / "replay_programme.js"), str(SCRIPT), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(path.read_text(encoding="utf-8"))["cases"], json.loads(run.stdout)


def test_the_page_picks_what_build_programme_gives(replayed):
    cases, got = replayed
    wrong = [
        i for i, (case, html) in enumerate(zip(cases, got, strict=True)) if html != case["want"]
    ]
    if wrong:
        case = cases[wrong[0]]
        pytest.fail(
            f"{len(wrong)} of {len(cases)} cases differ; first: {json.dumps(case['profile'])}, "
            f"{json.dumps(case['choice'])}\nPython: {case['want']}\nJavaScript: {got[wrong[0]]}"
        )


def test_a_red_flag_or_a_stopped_check_gets_the_refusal_and_no_programme(replayed):
    cases, got = replayed
    course = Course.find()
    refused = [
        (case, html)
        for case, html in zip(cases, got, strict=True)
        if case["profile"]["red_flag"] in ("clinician", "urgent")
        or case["profile"]["pre_exercise"] == "stopped"
    ]
    levels = {case["profile"]["red_flag"] for case, _ in refused}
    assert {"clinician", "urgent"} <= levels
    assert any(case["profile"]["pre_exercise"] == "stopped" for case, _ in refused)
    for case, html in refused:
        programme = build_programme(
            Profile.model_validate(case["profile"]),
            Setup(days_per_week=case["choice"]["days"]),
            course.exercises,
            course.programme_template,
            course.parameters,
        )
        assert isinstance(programme, Refusal)
        assert html == programme_html(programme, course.evidence)
        assert "<table" not in html


def test_the_cases_reach_every_kind_of_programme(replayed):
    cases, _ = replayed
    profiles = [c["profile"] for c in cases if c["profile"]["red_flag"] in ("none", "cleared")]
    assert {p["red_flag"] for p in profiles} == {"none", "cleared"}
    assert {p["weaker_side"] for p in profiles} == {"left", "right", None}
    assert {p["beyond_gap_limit"] for p in profiles} == {True, False, None}
    assert {p["training_status"] for p in profiles} >= {"novice", "intermediate", "trained"}
    assert any(p["tight_muscles"] for p in profiles) and any(
        not p["tight_muscles"] for p in profiles
    )
    assert any("+" in c["want"] and "for the weaker side" in c["want"] for c in cases)


def test_a_gap_off_the_grid_gets_the_programme_of_its_planned_gap(replayed):
    cases, got = replayed
    course = Course.find()
    odd = [
        (c, html)
        for c, html in zip(cases, got, strict=True)
        if c["profile"]["gap_percent"] in odd_gaps(course)
    ]
    assert {c["profile"]["gap_percent"] for c, _ in odd} == set(odd_gaps(course))
    for case, html in odd:
        profile = Profile.model_validate(case["profile"])
        gap = planned(profile.gap_percent, course)
        said = fill(course.programme_template.strengthen.planned_from, gap=f"{gap:g}")
        assert str(escape(said)) in html
        on_grid = profile.model_copy(update={"gap_percent": gap})
        assert html == want(on_grid, case["choice"]["days"], case["choice"]["equipment"], course)


def test_every_choice_of_equipment_is_replayed(replayed):
    """Every choice of the notebook's equipment boxes with the default days, and every pair
    of kits with the other days: the page offers what the notebook offers."""
    cases, _ = replayed
    course = Course.find()
    chosen: dict[int, set[str]] = {}
    for c in cases:
        chosen.setdefault(c["choice"]["days"], set()).add(equipment_key(c["choice"]["equipment"]))
    assert chosen[Setup().days_per_week] == {equipment_key(e) for e in choices(course)}
    for days in course.programme_template.schedule.value:
        assert {equipment_key(e) for e in one_per_kit(course)} <= chosen[days]


def test_equipment_changes_the_exercises_as_the_notebook_does(replayed):
    """Without a pulling exercise there is no forecast and Phase 2 says why; with only a band
    the pull is the band pulldown; a foam roller adds the rolling to Phase 1."""
    cases, got = replayed
    course = Course.find()
    library = course.exercises
    by_choice = {
        equipment_key(c["choice"]["equipment"]): html
        for c, html in zip(cases, got, strict=True)
        if c["choice"]["days"] == Setup().days_per_week
        and c["profile"]["clear_gap"]
        and c["profile"]["gap_percent"] is not None
        and c["profile"]["weaker_side"]
    }
    bare, band, roller = by_choice[""], by_choice["band"], by_choice["foam-roller"]
    assert "No one-sided pulling exercise fits your equipment" in bare
    assert "No forecast" in bare and "No forecast" not in band
    assert library["single-arm-band-pulldown"].name in band
    assert library["single-arm-dumbbell-row"].name not in band
    assert library["foam-roll-lats"].name in roller
    assert library["foam-roll-lats"].name not in bare


def test_an_unknown_cause_shows_each_case_after_its_lead_in_as_python_does(replayed):
    """The page knows no cause: every forecast is Python's for an unknown cause, each case
    after its lead-in (forecast.case.lead of data/forecast.yml), disuse first."""
    cases, got = replayed
    lead = Course.find().forecast_wording.forecast.case.lead
    first, second = (str(escape(getattr(lead, cause))) for cause in KNOWN_CAUSES)
    both = [html for html in got if html is not None and first in html]
    assert both, "no replayed programme shows a forecast"
    for html in both:
        assert html.index(first) < html.index(second)
    with_forecast = [
        Profile.model_validate(c["profile"])
        for c, html in zip(cases, got, strict=True)
        if html is not None and first in html
    ]
    assert {p.weaker_side for p in with_forecast} == {"left", "right"}


def test_the_page_lists_the_equipment_the_programme_was_built_for(replayed):
    """The list printed with the programme: no equipment, then each kind ticked, with the
    notebook's labels, in their order (as the handout lists it)."""
    cases, got = replayed
    heading = str(escape(Course.find().programme_template.equipment_heading))
    for case, html in zip(cases, got, strict=True):
        if html is None or "bb-refusal" in html:
            continue
        have = {"none", *case["choice"]["equipment"]}
        items = "".join(
            f"<li>{escape(label)}</li>\n"
            for kind, label in EQUIPMENT_LABELS.items()
            if kind in have
        )
        assert f"<p>{heading}</p><ul>\n{items}</ul>" in html
