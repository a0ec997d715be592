"""Properties of every programme the builder can make, over random profiles and set-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backbalance.assessment.profile import Profile, TightMuscle
from backbalance.programme.build import Programme, Refusal, Setup, build_programme
from backbalance.programme.library import EQUIPMENT_LABELS, load_exercise_library
from backbalance.programme.manual import manual_profile
from backbalance.programme.template import load_programme_template
from backbalance.strength_gap.parameters import STATUSES, load_model_parameters

DATA = Path(__file__).resolve().parents[2] / "data"
LIBRARY = load_exercise_library(DATA / "exercises.csv")
TEMPLATE = load_programme_template(DATA / "plan_templates.yml", LIBRARY)
PARAMS = load_model_parameters(DATA / "model_parameters.yml")
ORDER = {"release": 0, "strengthen": 1, "integrate": 2}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

sides = st.sampled_from(["left", "right"])
profiles = st.builds(
    Profile,
    red_flag=st.just("none"),
    weaker_side=st.none() | sides,
    gap_percent=st.none() | st.floats(0, 60, allow_nan=False).map(lambda g: round(g, 1)),
    clear_gap=st.none() | st.booleans(),
    tight_muscles=st.lists(
        st.builds(
            TightMuscle,
            muscle=st.sampled_from(TEMPLATE.release.focus.value),
            side=st.sampled_from(["left", "right", "both"]),
        ),
        max_size=3,
        unique_by=lambda m: m.muscle,
    ).map(tuple),
    training_status=st.none() | st.sampled_from(STATUSES),
)
setups = st.builds(
    Setup,
    days_per_week=st.sampled_from(sorted(TEMPLATE.schedule.value)),
    equipment=st.frozensets(st.sampled_from(list(EQUIPMENT_LABELS))),
    name=st.text(max_size=80),
)


def build(profile: Profile, setup: Setup) -> Programme | Refusal:
    return build_programme(profile, setup, LIBRARY, TEMPLATE, PARAMS, draws=200, seed=1)


@SETTINGS
@given(profiles, setups)
def test_the_programme_starts_with_release_and_keeps_the_phase_order(profile, setup):
    table = build(profile, setup).table
    assert table.iloc[0]["phase"] == "release"
    order = table["phase"].map(ORDER)
    assert order.is_monotonic_increasing and set(order) == {0, 1, 2}
    last_release_week = table.loc[table["phase"] == "release", "week"].max()
    assert (table.loc[table["phase"] != "release", "week"] > last_release_week).all()


@SETTINGS
@given(profiles, setups)
def test_weak_side_volume_is_never_below_the_strong_sides_in_phase_2(profile, setup):
    programme = build(profile, setup)
    weak = programme.profile.weaker_side or "left"
    strong = "right" if weak == "left" else "left"
    phase_2 = programme.table.query("phase == 'strengthen' and side != 'both'")
    per_week = phase_2.pivot_table(
        index="week", columns="side", values="sets", aggfunc="sum", fill_value=0
    )
    if not per_week.empty:
        assert (per_week[weak] >= per_week[strong]).all()
    assert programme.extra_sets >= 0
    assert programme.strong_sets + programme.extra_sets <= max(
        programme.max_weak_sets, programme.strong_sets
    )


@SETTINGS
@given(profiles, setups)
def test_every_exercise_exists_in_the_library_and_fits_the_equipment(profile, setup):
    programme = build(profile, setup)
    for exercise_id, phase in (
        programme.table[["exercise_id", "phase"]].drop_duplicates().itertuples(index=False)
    ):
        assert exercise_id in LIBRARY
        exercise = LIBRARY[exercise_id]
        assert exercise.fits(setup.equipment)
        carried = exercise.kind == "stretch" or (phase == "integrate" and exercise.kind == "pull")
        assert exercise.phase == phase or carried  # the warm-up, and one one-sided pull in Phase 3


@SETTINGS
@given(profiles, setups)
def test_every_row_has_exactly_one_of_reps_or_a_hold(profile, setup):
    table = build(profile, setup).table
    assert (table["reps"].isna() != table["hold_seconds"].isna()).all()
    assert (table["sets"] >= 1).all()


@SETTINGS
@given(st.sampled_from(["clinician", "urgent"]), profiles, setups)
def test_a_red_flag_never_gets_a_programme(level, profile, setup):
    flagged = profile.model_copy(update={"red_flag": level})
    refused = build(flagged, setup)
    assert (
        isinstance(refused, Refusal)
        and refused.level == level
        and "No programme" in refused.message
    )


@pytest.mark.parametrize("level", ["clinician", "urgent"])
def test_a_red_flag_typed_by_hand_keeps_nothing_else(level):
    profile = manual_profile(red_flag=level, weaker_side="left", gap_percent=20)
    assert profile.gap_percent is None and isinstance(build(profile, Setup()), Refusal)
