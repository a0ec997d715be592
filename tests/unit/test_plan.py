"""The programme builder: what a learner gets from a profile, and why."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup

from backbalance.assessment.logic import fill
from backbalance.assessment.profile import load_profile
from backbalance.common.evidence import load_evidence_scale
from backbalance.course import Course
from backbalance.programme.build import Programme, Refusal, Setup, build_programme
from backbalance.programme.dose import (
    choose_extra_sets,
    dose_cap,
    planned_gap,
    planned_profile,
    split_extra,
    strengthen_weeks,
)
from backbalance.programme.library import EQUIPMENT_LABELS, load_exercise_library
from backbalance.programme.manual import manual_profile
from backbalance.programme.render import forecast_text, handout_html, programme_html
from backbalance.programme.template import load_programme_template
from backbalance.strength_gap.dynamics import KNOWN_CAUSES
from backbalance.strength_gap.model import simulate_cases, sweep
from backbalance.strength_gap.parameters import load_model_parameters

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
HOME = Setup(days_per_week=3, equipment=frozenset({"dumbbell", "band"}), name="Sam")


@pytest.fixture(scope="module")
def library():
    return load_exercise_library(DATA / "exercises.csv")


@pytest.fixture(scope="module")
def template(library):
    return load_programme_template(DATA / "plan_templates.yml", library)


@pytest.fixture(scope="module")
def params():
    return load_model_parameters(DATA / "model_parameters.yml")


@pytest.fixture(scope="module")
def scale():
    return load_evidence_scale(DATA / "evidence.yml")


@pytest.fixture(scope="module")
def build(library, template, params):
    def make(profile, setup=HOME):
        return build_programme(profile, setup, library, template, params)

    return make


@pytest.fixture(scope="module")
def sam(build) -> Programme:
    return build(load_profile(DATA / "examples" / "desk-worker.json"))


def strength_volume(programme: Programme, week: int) -> dict[str, int]:
    """Weekly sets of each side in the one-sided strength work (warm-up stretches left out)."""
    rows = programme.table.query(
        "week == @week and side != 'both' and not notes.str.contains('warm-up')"
    )
    return rows.groupby("side")["sets"].sum().to_dict()


# --------------------------------------------------------------------------- the dose


def test_dose_cap_is_where_the_next_set_adds_under_the_flat_fraction_of_the_first(params, template):
    """With f(V) = V / (V + K), the gain of set V+1 relative to the first set is
    K (K + 1) / ((V + K)(V + K + 1)); the cap is the room left below that V."""
    k, flat = params.half_saturation_sets.value, template.strengthen.flat_fraction.value
    ratio = [k * (k + 1) / ((v + k) * (v + k + 1)) for v in range(40)]
    weak_max = next(v for v, r in enumerate(ratio) if r < flat)
    assert [dose_cap(s, params, "novice", flat) for s in (4, 6, 8, 12)] == [
        max(weak_max - s, 0) for s in (4, 6, 8, 12)
    ]
    # the curve's shape does not depend on status
    assert dose_cap(6, params, "trained", flat) == max(weak_max - 6, 0)


def test_the_cap_of_a_scenarios_sets_is_whole_sets_the_search_can_use(params, template):
    rules = template.strengthen
    plan = manual_profile(red_flag="none", weaker_side="left", gap_percent=20).scenario(
        strong_sets=6
    )
    cap = dose_cap(plan.strong_sets, params, plan.status, rules.flat_fraction.value)
    assert isinstance(plan.strong_sets, float) and type(cap) is int
    extra = choose_extra_sets(
        plan,
        params,
        minimum=rules.min_extra_sets.value,
        cap=cap,
        target_weeks=rules.target_weeks.value,
        draws=200,
        seed=0,
    )
    assert rules.min_extra_sets.value <= extra <= cap


# ralston2017's high-volume group: 10 or more sets per muscle a week still gained more
# strength than 5 to 9 sets, so the cap must not stop the weaker side below it.
HIGH_VOLUME_SETS = 10


def test_every_schedule_lets_the_weaker_side_reach_the_high_volume_group(params, template):
    rules = template.strengthen
    for status in ("novice", "intermediate", "trained"):
        for days in template.schedule.value.values():
            strong = rules.strong_sets_per_session.value * len(days)
            cap = dose_cap(strong, params, status, rules.flat_fraction.value)
            assert strong + cap >= HIGH_VOLUME_SETS, (status, len(days))


def test_extra_sets_are_the_fewest_that_reach_the_target_within_the_target_weeks(params):
    plan = manual_profile(red_flag="none", weaker_side="left", gap_percent=20).scenario(
        strong_sets=6, cause="disuse"
    )
    even = sweep(params, gaps=[20], extra_sets=[0], strong_sets=6, weeks=52, cause="disuse")
    weeks = int(even["week"].iloc[0]) - 1  # a week sooner than equal sets get there
    extra = choose_extra_sets(
        plan, params, minimum=0, cap=4, target_weeks=weeks, draws=1000, seed=0
    )
    assert extra > 0
    grid = sweep(
        params, gaps=[20], extra_sets=[extra - 1, extra], strong_sets=6, weeks=weeks, cause="disuse"
    )
    assert grid["week"].isna().tolist() == [True, False]


def test_extra_sets_stop_at_the_cap_when_the_target_is_out_of_reach(params):
    plan = manual_profile(red_flag="none", weaker_side="left", gap_percent=30).scenario(
        strong_sets=6
    )
    assert (
        choose_extra_sets(plan, params, minimum=1, cap=4, target_weeks=24, draws=1000, seed=0) == 4
    )
    assert (
        choose_extra_sets(plan, params, minimum=1, cap=0, target_weeks=24, draws=1000, seed=0) == 0
    )


@pytest.mark.parametrize(
    ("extra", "sessions", "expected"), [(4, 3, [2, 1, 1]), (0, 2, [0, 0]), (6, 4, [2, 2, 1, 1])]
)
def test_extra_sets_spread_evenly_first_sessions_first(extra, sessions, expected):
    assert split_extra(extra, sessions) == expected


def test_phase_2_lasts_until_the_typical_week_rounded_up_to_a_retest(template, sam):
    assert strengthen_weeks(None, template) == template.strengthen.min_weeks.value
    parity, every = sam.parity, template.strengthen.retest_every_weeks.value
    if parity.typical is None:  # not within the forecast: Phase 2 lasts the whole forecast
        assert strengthen_weeks(parity, template) == template.strengthen.forecast_weeks.value
        parity = replace(parity, typical=22)
    rounded = -(-parity.typical // every) * every  # the typical week, up to the next re-test
    assert rounded - every < parity.typical <= rounded
    assert strengthen_weeks(parity, template) == min(
        max(rounded, template.strengthen.min_weeks.value),
        template.strengthen.forecast_weeks.value,
    )


# --------------------------------------------------------------------------- Sam's programme


def test_sams_programme_follows_the_three_phases_in_order(sam):
    assert [b.phase for b in sam.blocks] == ["release", "strengthen", "integrate"]
    release, strengthen, integrate = sam.blocks
    assert (release.first_week, release.last_week) == (1, 2)
    assert strengthen.first_week == 3 and integrate.first_week == strengthen.last_week + 1
    assert sam.table["week"].is_monotonic_increasing
    assert sam.table.iloc[0]["phase"] == "release"


def test_release_stretches_the_tight_side_first_five_days_a_week(sam):
    week_one = sam.table.query("week == 1")
    assert sorted(set(week_one["day"])) == sorted(["Mon", "Tue", "Wed", "Thu", "Fri"])
    monday = week_one.query("day == 'Mon'")
    hip = monday.query("exercise_id == 'hip-flexor-stretch'")
    assert hip["side"].tolist() == ["right", "left"]  # Sam's right hip flexors are tighter
    assert set(monday["exercise_id"]) == {"hip-flexor-stretch", "upper-trapezius-stretch"}
    assert set(monday["hold_seconds"]) == {30}


def test_the_weaker_side_gets_the_models_extra_sets_and_goes_first(sam, params):
    assert sam.strong_sets == 6 and 1 <= sam.extra_sets <= sam.max_weak_sets - sam.strong_sets
    volume = strength_volume(sam, 3)  # rows and pulldowns, then bird-dogs
    assert volume["right"] == 6 + 6 and volume["left"] > volume["right"]
    monday = sam.table.query(
        "week == 3 and day == 'Mon' and exercise_id == 'single-arm-dumbbell-row'"
    )
    assert monday["side"].tolist() == ["left", "right"]


def test_the_forecast_is_the_models_own_simulation_of_each_case(sam, template, params):
    """Sam does not know where the gap comes from: the forecast is the model's simulation of
    each case (simulate_cases), and the weeks of Phase 2 follow the case planned for."""
    profile = load_profile(DATA / "examples" / "desk-worker.json")
    direct = simulate_cases(
        planned_profile(profile, template, params).scenario(
            strong_sets=6, weak_extra_sets=sam.extra_sets, weeks=52
        ),
        params,
        draws=1000,
        seed=0,
    )
    assert HOME.cause == "unknown" and list(sam.forecasts) == list(KNOWN_CAUSES)
    assert sam.parities() == {cause: sim.parity_at(90) for cause, sim in direct.items()}
    assert sam.planned_for == template.strengthen.unknown_cause.value
    assert sam.parity == direct[sam.planned_for].parity_at(90)
    assert sam.blocks[1].last_week - sam.blocks[1].first_week + 1 == strengthen_weeks(
        sam.parity, template
    )


def test_an_unknown_cause_shows_each_case_after_its_lead_in(sam):
    """Each case's sentences in data/forecast.yml (programme), after its lead-in
    (forecast.case.lead), in the order of the cases; the model's promise last."""
    words = Course.find().forecast_wording
    text = forecast_text(sam)
    leads = [getattr(words.forecast.case.lead, cause) for cause in KNOWN_CAUSES]
    assert text.index(leads[0]) < text.index(leads[1]) and text.endswith(words.programme.promise)
    for cause, parity in sam.parities().items():
        typical = words.programme.typical
        said = parity.reach(parity.typical, typical.reaches, typical.not_within)
        assert f"{getattr(words.forecast.case.lead, cause)} {said}" in text
    assert Course.find().programme_template.strengthen.unknown_cause_note in sam.messages


@pytest.mark.parametrize("cause", KNOWN_CAUSES)
def test_a_known_cause_is_planned_and_forecast_for_that_case_alone(build, template, params, cause):
    profile = load_profile(DATA / "examples" / "desk-worker.json")
    programme = build(profile, HOME.model_copy(update={"cause": cause}))
    assert list(programme.forecasts) == [cause] and programme.planned_for == cause
    rules = template.strengthen
    plan = planned_profile(profile, template, params).scenario(strong_sets=6, cause=cause)
    assert programme.extra_sets == choose_extra_sets(
        plan,
        params,
        minimum=rules.min_extra_sets.value,
        cap=programme.max_weak_sets - programme.strong_sets,
        target_weeks=rules.target_weeks.value,
        draws=1000,
        seed=0,
    )
    words = Course.find().forecast_wording.forecast.case
    text = forecast_text(programme)
    assert not any(getattr(words.lead, c) in text for c in KNOWN_CAUSES)
    assert rules.unknown_cause_note not in programme.messages
    assert f"{words.question}: {getattr(words.choice, cause)}." in programme_html(
        programme, Course.find().evidence
    )


def test_an_unknown_cause_gets_the_dose_of_the_case_where_equal_sets_keep_the_gap(build, sam):
    """Planned for the case in which equal sets keep the gap (unknown_cause), the dose is
    enough either way: never fewer extra sets than a gap from disuse gets."""
    profile = load_profile(DATA / "examples" / "desk-worker.json")
    planned = Course.find().programme_template.strengthen.unknown_cause.value
    alone = {c: build(profile, HOME.model_copy(update={"cause": c})) for c in KNOWN_CAUSES}
    assert sam.extra_sets == alone[planned].extra_sets
    assert sam.extra_sets >= max(programme.extra_sets for programme in alone.values())


def test_the_dose_is_planned_with_the_whole_scenario(params):
    """Cause, adherence and detraining reach the model's search, as the scenario holds them."""
    plan = manual_profile(red_flag="none", weaker_side="left", gap_percent=20).scenario(
        strong_sets=6, cause="disuse", adherence=0.6, detraining=True
    )
    extra = choose_extra_sets(plan, params, minimum=0, cap=8, target_weeks=8, draws=300, seed=0)
    grid = sweep(
        params,
        gaps=[20],
        extra_sets=range(9),
        strong_sets=6,
        weeks=8,
        cause="disuse",
        adherence=0.6,
        detraining=True,
        draws=300,
    )
    reached = grid.loc[grid["week"].notna(), "weak_extra_sets"]
    assert extra == (int(reached.iloc[0]) if len(reached) else 8)
    done_all = choose_extra_sets(
        plan.model_copy(update={"adherence": 1.0}),
        params,
        minimum=0,
        cap=8,
        target_weeks=8,
        draws=300,
        seed=0,
    )
    assert done_all <= extra


def test_the_forecasts_words_come_from_the_data(sam):
    """A reworded sentence of data/forecast.yml reaches the programme's forecast."""
    words = Course.find().forecast_wording
    reworded = words.model_copy(
        update={
            "programme": words.programme.model_copy(
                update={"promise": "A model, not a promise.", "none": "Nothing to forecast."}
            )
        }
    )
    assert forecast_text(replace(sam, wording=reworded)).endswith(" A model, not a promise.")
    assert forecast_text(replace(sam, wording=reworded, forecasts={})) == "Nothing to forecast."


@pytest.mark.parametrize("page", [programme_html, handout_html])
def test_the_printed_programme_lists_the_equipment_it_was_built_for(sam, scale, page):
    soup = BeautifulSoup(page(sam, scale), "html.parser")
    kit = soup.select_one(".bb-programme-kit")
    assert kit.p.get_text() == Course.find().programme_template.equipment_heading
    assert [li.get_text() for li in kit.find_all("li")] == [
        EQUIPMENT_LABELS[kind] for kind in EQUIPMENT_LABELS if kind in {"none", *HOME.equipment}
    ]


@pytest.mark.parametrize("gap", [14.3, 14.5, 9.96, 10.4])
def test_the_programme_is_planned_from_the_gap_on_the_grid(build, template, params, scale, gap):
    profile = load_profile(DATA / "examples" / "desk-worker.json").model_copy(
        update={"gap_percent": gap}
    )
    step, limit = template.strengthen.gap_step.value, params.gap_limit.value
    on_grid = planned_gap(gap, step, limit)
    assert on_grid % step == 0 and abs(on_grid - gap) <= step / 2
    exact, rounded = build(profile), build(profile.model_copy(update={"gap_percent": on_grid}))
    assert exact.profile.gap_percent == gap and exact.planned_gap == on_grid
    assert programme_html(exact, scale) == programme_html(rounded, scale).replace(
        f"by {on_grid:g}%", f"by {gap:g}%"
    )
    assert exact.table.equals(rounded.table)
    said = fill(template.strengthen.planned_from, gap=f"{on_grid:g}")
    assert said in exact.messages


def test_the_gap_limit_itself_is_planned_from_and_a_gap_past_it_is_not(build, params):
    limit = params.gap_limit.value
    profile = load_profile(DATA / "examples" / "desk-worker.json")
    at = build(profile.model_copy(update={"gap_percent": limit}))
    past = build(profile.model_copy(update={"gap_percent": limit + 0.3}))
    assert at.planned_gap == limit and at.forecast is not None
    assert past.planned_gap is None and past.forecast is None


def test_phase_3_trains_both_sides_evenly(sam):
    week = sam.blocks[-1].first_week
    volume = strength_volume(sam, week)
    assert volume["left"] == volume["right"]
    assert {"front-plank", "side-plank"} <= set(sam.table.query("week == @week")["exercise_id"])


def test_retests_fall_every_four_weeks_of_phase_2(sam):
    phase2 = sam.blocks[1]
    assert sam.retest_weeks == tuple(range(phase2.first_week + 3, phase2.last_week + 1, 4))
    noted = sam.table[sam.table["notes"].str.contains("re-test")]
    assert sorted(set(noted["week"])) == list(sam.retest_weeks)


def test_only_exercises_that_fit_the_equipment(build, library):
    for equipment in ({"none"}, {"band"}, {"cable", "landmine", "foam-roller"}):
        programme = build(
            load_profile(DATA / "examples" / "desk-worker.json"), Setup(equipment=equipment)
        )
        for exercise_id in set(programme.table["exercise_id"]):
            assert library[exercise_id].fits(equipment)


# --------------------------------------------------------------------------- other profiles


@pytest.mark.parametrize("level", ["urgent", "clinician"])
def test_a_red_flag_gets_a_refusal_not_a_programme(build, template, scale, level):
    refused = build(manual_profile(red_flag=level))
    assert isinstance(refused, Refusal) and refused.level == level
    assert "No programme" in refused.message and refused.message == getattr(template.refusal, level)
    html = programme_html(refused, scale)
    assert "No programme" in html and 'role="alert"' in html
    assert "<table" not in html and "<table" not in handout_html(refused, scale)


def test_the_example_red_flag_profile_is_refused(build):
    assert isinstance(build(load_profile(DATA / "examples" / "red-flag.json")), Refusal)


def test_no_measured_gap_means_even_sets_and_no_forecast(build):
    programme = build(manual_profile(red_flag="none"))
    assert programme.extra_sets == 0 and programme.forecast is None
    template = Course.find().programme_template
    assert template.strengthen.no_gap in programme.messages
    assert template.release.no_tight in programme.messages
    assert forecast_text(programme).startswith("No forecast")


def test_a_gap_beyond_the_limit_gets_even_sets_no_forecast_and_one_message(build):
    params = Course.find().parameters
    profile = load_profile(DATA / "examples" / "desk-worker.json").model_copy(
        update={"gap_percent": params.gap_limit.value + 1}
    )
    programme = build(profile)
    assert programme.extra_sets == 0 and programme.forecast is None
    template = Course.find().programme_template
    limit = f"{params.gap_limit.value:g}"
    assert fill(template.strengthen.beyond_gap_limit, limit=limit) in programme.messages


def test_the_extra_work_rule_is_stated_per_exercise_and_per_week(build):
    programme = build(load_profile(DATA / "examples" / "desk-worker.json"))
    rules = Course.find().programme_template.strengthen
    assert programme.extra_sets > 0
    stated = fill(
        rules.weaker_side_rule,
        extra=str(programme.extra_sets),
        strong=str(programme.strong_sets),
        stability=str(rules.stability_extra_sets.value),
    )
    assert stated in programme.messages
    assert "same weight, and the weaker side sets it" in stated


def test_extra_sets_at_the_cap_are_explained_with_the_templates_sentence(library, template, params):
    """The largest gap the model plans for needs more extra sets than the flat part of the
    dose curve allows; the message is the template's ``weaker_side_cap``, so an instructor's
    rewording reaches the programme."""
    profile = manual_profile(
        red_flag="none", weaker_side="left", gap_percent=params.gap_limit.value
    )
    reworded = template.model_copy(
        update={
            "strengthen": template.strengthen.model_copy(
                update={"weaker_side_cap": "At most {most} sets a week ({flat} rule)."}
            )
        }
    )
    for rules in (template, reworded):
        programme = build_programme(profile, HOME, library, rules, params)
        cap = programme.max_weak_sets - programme.strong_sets
        assert programme.extra_sets == cap > 0
        stated = fill(
            rules.strengthen.weaker_side_cap,
            most=str(programme.max_weak_sets),
            flat=f"{rules.strengthen.flat_fraction.value:.0%}",
        )
        assert stated in programme.messages
        assert "{" not in stated
    assert f"At most {programme.max_weak_sets} sets a week (5% rule)." in programme.messages


def test_a_gap_within_the_noise_gets_no_extra_sets(build):
    profile = load_profile(DATA / "examples" / "desk-worker.json").model_copy(
        update={"clear_gap": False}
    )
    programme = build(profile)
    assert programme.extra_sets == 0 and programme.weak_side is None
    assert Course.find().programme_template.strengthen.within_noise in programme.messages
    assert strength_volume(programme, 3)["left"] == strength_volume(programme, 3)["right"]


def test_an_lsi_already_at_the_target_gets_no_extra_sets(build):
    programme = build(manual_profile(red_flag="none", weaker_side="right", gap_percent=8))
    assert programme.extra_sets == 0 and programme.parity.typical == 0
    assert all(parity.typical == 0 for parity in programme.parities().values())
    words = Course.find().forecast_wording.programme
    assert forecast_text(programme).endswith(" " + fill(words.at_target, target="90"))
    rules = Course.find().programme_template.strengthen
    assert fill(rules.at_target, target="90") in programme.messages


def test_without_pulling_equipment_there_is_no_forecast(build):
    programme = build(
        load_profile(DATA / "examples" / "desk-worker.json"), Setup(equipment={"foam-roller"})
    )
    assert programme.strong_sets == 0 and programme.forecast is None
    assert Course.find().programme_template.strengthen.no_pulls in programme.messages
    assert set(programme.table.query("phase == 'strengthen'")["exercise_id"]) <= {
        "bird-dog",
        "hip-flexor-stretch",
        "upper-trapezius-stretch",
    }


def test_a_right_weaker_side_is_mirrored(build):
    programme = build(manual_profile(red_flag="none", weaker_side="right", gap_percent=20))
    volume = strength_volume(programme, 3)
    assert volume["right"] > volume["left"]


def test_days_a_week_must_be_offered_by_the_template(build):
    with pytest.raises(ValueError, match=r"days a week must be one of \[2, 3, 4\], got 6"):
        build(manual_profile(red_flag="none"), Setup(days_per_week=6))


# --------------------------------------------------------------------------- reading it


def test_html_has_captioned_tables_with_header_cells_and_escapes_typed_text(build, scale):
    programme = build(
        load_profile(DATA / "examples" / "desk-worker.json"),
        Setup(equipment={"dumbbell"}, name='<script>alert("x")</script>'),
    )
    soup = BeautifulSoup(programme_html(programme, scale), "html.parser")
    assert soup.find("script") is None and "&lt;script&gt;" in programme_html(programme, scale)
    tables = soup.find_all("table")
    assert len(tables) == 4  # the three phases, then the traffic light for pain
    for table in tables:
        assert table.caption.get_text(strip=True)
        assert all(th.get("scope") == "col" for th in table.thead.find_all("th"))
        assert all(row.th.get("scope") == "row" for row in table.tbody.find_all("tr"))
    _, strengthen, integrate = programme.blocks
    assert [h.get_text() for h in soup.find_all("h3")][:3] == [
        "Phase 1: release (weeks 1 to 2)",
        f"Phase 2: strengthen (weeks 3 to {strengthen.last_week})",
        f"Phase 3: integrate (weeks {integrate.first_week} to {integrate.last_week})",
    ]


def test_same_work_on_several_days_is_one_line(sam, scale):
    soup = BeautifulSoup(programme_html(sam, scale), "html.parser")
    phase_1 = soup.find_all("table")[0].tbody.find_all("tr")
    assert [row.find("td").get_text() for row in phase_1] == ["Mon to Fri", "Mon to Fri"]
    phase_2 = [row.th.contents[0].strip() for row in soup.find_all("table")[1].tbody.find_all("tr")]
    assert phase_2[0] == "Phase 1 stretches (warm-up)" and phase_2.count("Bird-dog") == 1


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_handout_is_a_whole_printable_page(sam, scale, paper):
    page = handout_html(sam, scale, paper=paper)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert f"@page {{ size: {paper};" in page and "Safety." in page
    assert "<title>Back in Balance: my programme (Sam)</title>" in page


def test_reproducible_for_the_same_seed(build):
    first, second = (
        build(
            load_profile(DATA / "examples" / "racquet-player.json"),
            Setup(days_per_week=4, equipment={"cable"}),
        )
        for _ in range(2)
    )
    assert first.table.equals(second.table) and first.parity == second.parity
    assert np.array_equal(first.forecast.table["lsi"], second.forecast.table["lsi"])


@pytest.mark.parametrize("equipment", [{"none"}, {"dumbbell", "band", "foam-roller", "ball"}])
def test_every_exercise_row_shows_its_evidence_label_from_the_one_scale(
    build, library, scale, equipment
):
    """Each row's badge is the label (data/evidence.yml) of its exercise's level
    (data/exercises.csv), drawn like the chapters' {evidence} role; the warm-up row shows the
    levels of the stretches it repeats."""
    programme = build(
        load_profile(DATA / "examples" / "desk-worker.json"), Setup(equipment=equipment)
    )
    by_name = {exercise.name: exercise for exercise in library}
    for page in (programme_html(programme, scale), handout_html(programme, scale)):
        soup = BeautifulSoup(page, "html.parser")
        phases = soup.select("table.bb-programme-table:not(.bb-traffic-light-table)")
        assert len(phases) == 3
        rows = [row for table in phases for row in table.tbody.find_all("tr")]
        assert rows
        for row in rows:
            name = row.th.contents[0].strip()
            badges = row.th.find_all("span", class_="bb-evidence")
            if name in by_name:
                levels = [by_name[name].evidence]
            else:
                levels = list(
                    dict.fromkeys(
                        e.evidence for e in library if e.kind == "stretch" and e.name in page
                    )
                )
            assert [b.get_text() for b in badges] == [scale.label(level) for level in levels]
            assert [b["class"] for b in badges] == [
                ["bb-evidence", f"bb-evidence-{level}"] for level in levels
            ]


def test_the_handout_prints_everything_it_shows():
    """No line of the handout (the pain points were once) is hidden on paper."""
    from backbalance.common.html import static_text

    css = " ".join(static_text("handout.css").split())
    assert "display: none" not in css and "display:none" not in css
    assert "break-inside: avoid" in css and "break-after: avoid" in css


# --------------------------------------------------------------------------- the app


def test_the_app_asks_where_the_gap_comes_from_and_shows_both_cases_by_default(tmp_path):
    """The programme app's choice of the cause has the words of data/forecast.yml (the
    simulation app's answers), starts at "I do not know (shows both)", and each answer gives
    the programme build_programme gives for it, with one chart per case."""
    from backbalance.programme.app import ProgrammeApp, forecast_charts

    course = Course.find()
    case = course.forecast_wording.forecast.case
    profile = load_profile(DATA / "examples" / "desk-worker.json")
    app = ProgrammeApp(
        course.exercises,
        course.programme_template,
        course.parameters,
        profile=profile,
        setup=HOME,
        folder=tmp_path,
    )
    control = app.setup_controls.cause
    assert control.description == case.question
    assert control.options == tuple(case.choice.options())
    assert control.value == "unknown" and control.label == case.choice.unknown
    for cause in ("unknown", *KNOWN_CAUSES):
        control.value = cause
        app.build()
        expected = build_programme(
            profile,
            HOME.model_copy(update={"cause": cause}),
            course.exercises,
            course.programme_template,
            course.parameters,
        )
        assert app.programme.setup.cause == cause
        assert forecast_text(app.programme) == forecast_text(expected)
        charts = forecast_charts(app.programme)
        assert len(charts) == len(expected.forecasts) == (2 if cause == "unknown" else 1)
    both = build_programme(profile, HOME, course.exercises, course.programme_template,
                           course.parameters)  # fmt: skip
    titles = [chart.layout.title.text.replace("<br>", " ") for chart in forecast_charts(both)]
    for title, cause in zip(titles, KNOWN_CAUSES, strict=True):
        assert title.startswith(getattr(case.lead, cause))


def test_the_tracker_keeps_the_cause_it_was_given():
    """The tracker's set-up has no choice of the cause (with_cause off): its programme keeps
    the cause of the set-up it starts from."""
    from backbalance.programme.app import SetupControls

    template = Course.find().programme_template
    controls = SetupControls(template, HOME.model_copy(update={"cause": "disuse"}))
    assert controls.cause is None and controls.setup().cause == "disuse"
