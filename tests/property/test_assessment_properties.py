"""Properties of the self-assessment scoring that must hold for every set of answers."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from backbalance.assessment.check import check_answers, check_number, screen
from backbalance.assessment.data import load_assessment
from backbalance.assessment.logic import (
    build_profile,
    concern_score,
    contributor_scores,
    estimated_1rm,
    limb_symmetry_index,
    mdc95,
)
from backbalance.assessment.profile import Profile

TODAY = "2026-03-15"
"""The date the answers are checked on (a clinician's check cannot be later)."""

ROOT = Path(__file__).resolve().parents[2]
DATA = load_assessment(ROOT / "data" / "assessment")
QUESTIONS = DATA.questionnaire.questions
SIGNS = [sign.id for sign in DATA.red_flags.signs()]
SEVERITY = {"none": 0, "clinician": 1, "urgent": 2}
SWAP = {"left": "right", "right": "left"}

# which option each question gets, as an index into its (ordered) options
choice_indexes = st.tuples(*(st.integers(0, len(q.options) - 1) for q in QUESTIONS))


def choices(indexes: tuple[int, ...]) -> dict[str, str]:
    return {q.id: q.options[i].value for q, i in zip(QUESTIONS, indexes, strict=True)}


@given(indexes=choice_indexes, which=st.integers(0, len(QUESTIONS) - 1), step=st.integers(1, 4))
def test_a_worse_answer_never_lowers_a_score(indexes, which, step):
    question = QUESTIONS[which]
    worse = list(indexes)
    worse[which] = min(indexes[which] + step, len(question.options) - 1)
    before, after = choices(indexes), choices(tuple(worse))
    assert concern_score(after, DATA.questionnaire) >= concern_score(before, DATA.questionnaire)
    low, high = (
        contributor_scores(before, DATA.questionnaire),
        contributor_scores(after, DATA.questionnaire),
    )
    assert all(high[cid] >= low[cid] for cid in low)


@given(yes=st.sets(st.sampled_from(SIGNS)), extra=st.sampled_from(SIGNS))
def test_another_yes_never_lowers_the_red_flag_level(yes, extra):
    def level(signs: set[str]) -> int:
        state = {f"redflag-{s}": "yes" if s in signs else "no" for s in SIGNS}
        return SEVERITY[screen(state, DATA, TODAY).level]

    assert level(yes | {extra}) >= level(yes)


def number(low: float, high: float) -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(int(low) + 1, int(high)).map(str),
        st.floats(low, high).map(lambda x: f"{x:.1f}"),
    ).filter(lambda s: low <= float(s) <= high)


def maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


@st.composite
def usable_answers(draw: st.DrawFn) -> dict[str, str]:
    """Answers that pass every check: no red flag, and tests done or skipped in pairs."""
    hold = number(DATA.endurance.input.min, DATA.endurance.input.max)
    unit = draw(st.sampled_from(["reps", "kg"]))
    limits = getattr(DATA.strength.units, unit)
    state = {f"redflag-{s}": "no" for s in SIGNS}
    state |= {f"pre-{q.id}": "no" for q in DATA.pre_exercise.questions}
    state |= {
        f"question-{q.id}": draw(st.sampled_from([o.value for o in q.options])) for q in QUESTIONS
    }
    state |= {"hold-flexor": draw(maybe(hold)), "hold-extensor": draw(maybe(hold))}
    if draw(st.booleans()):
        state |= {"hold-bridge_right": draw(hold), "hold-bridge_left": draw(hold)}
    if draw(st.booleans()):
        side = number(limits.min, limits.max)
        state |= {"strength-left": draw(side), "strength-right": draw(side)}
        if unit == "reps":
            load = DATA.strength.load
            state["strength-load"] = draw(number(load.min, load.max))
    state |= {
        "dominant-hand": draw(st.sampled_from(["", "left", "right"])),
        "strength-unit": unit,
        "norms": draw(st.sampled_from(["", "female", "male"])),
        "training-status": draw(st.sampled_from(["", "novice", "intermediate", "trained"])),
    }
    state |= {
        f"tight-{m.id}": draw(st.sampled_from(["none", "left", "right", "both"]))
        for m in DATA.tightness.muscles
    }
    return state


def mirror_answers(state: dict[str, str]) -> dict[str, str]:
    names = {
        "hold-bridge_right": "hold-bridge_left",
        "hold-bridge_left": "hold-bridge_right",
        "strength-left": "strength-right",
        "strength-right": "strength-left",
    }
    mirrored = {names.get(name, name): value for name, value in state.items()}
    return {
        name: SWAP.get(value, value)
        if name.startswith("tight-") or name == "dominant-hand"
        else value
        for name, value in mirrored.items()
    }


def mirror_profile(profile: Profile) -> Profile:
    data = profile.model_dump()
    holds = data["holds"]
    if "bridge_left" in holds:
        holds["bridge_left"], holds["bridge_right"] = holds["bridge_right"], holds["bridge_left"]
    if data["strength"]:
        data["strength"]["left"], data["strength"]["right"] = (
            data["strength"]["right"],
            data["strength"]["left"],
        )
    for pair in (holds, data["hold_targets"], data["estimated_1rm"]):
        if pair and "left" in pair:
            pair["left"], pair["right"] = pair["right"], pair["left"]
        if pair and "bridge_left" in pair and pair is not holds:
            pair["bridge_left"], pair["bridge_right"] = pair["bridge_right"], pair["bridge_left"]
    for key in ("weaker_side", "bridge_weaker_side", "dominant_hand"):
        data[key] = SWAP.get(data[key])
    data["tight_muscles"] = [
        {**t, "side": SWAP.get(t["side"], t["side"])} for t in data["tight_muscles"]
    ]
    return Profile.model_validate(data)


@settings(max_examples=200, deadline=None)  # two profiles per example: slow on a busy machine
@given(state=usable_answers())
def test_swapping_left_and_right_mirrors_the_profile(state):
    checked, swapped = (
        check_answers(state, DATA, TODAY),
        check_answers(mirror_answers(state), DATA, TODAY),
    )
    assert checked.errors == swapped.errors == {}
    assert build_profile(swapped.answers, DATA) == mirror_profile(
        build_profile(checked.answers, DATA)
    )


@given(
    load=st.floats(0.5, 300),
    low=st.integers(1, DATA.strength.estimate.max_reps),
    high=st.integers(1, DATA.strength.estimate.max_reps),
)
def test_the_estimated_strength_lsi_never_exaggerates_the_gap_as_reps_do(load, low, high):
    """At one weight, the estimated-strength LSI is never below the reps-only ratio, and does
    not depend on the weight (both equations are proportional to it)."""
    low, high = sorted((low, high))
    estimated = limb_symmetry_index(estimated_1rm(load, low), estimated_1rm(load, high))
    assert estimated >= limb_symmetry_index(low, high)
    ten_kg = limb_symmetry_index(estimated_1rm(10, low), estimated_1rm(10, high))
    assert abs(estimated - ten_kg) <= 0.1  # equal up to rounding at the last decimal


@given(sem=st.floats(0.01, 100), more=st.floats(0.01, 100))
def test_a_larger_typical_error_means_a_larger_smallest_real_change(sem, more):
    assert mdc95(sem + more) > mdc95(sem) > sem


@given(text=st.text())
def test_any_typed_text_gets_a_value_or_a_message(text):
    result = check_number(text, DATA.endurance.input)
    assert result.value is None or result.error is None
    if result.value is not None:
        assert DATA.endurance.input.min <= result.value <= DATA.endurance.input.max


FIELDS = [
    *(f"redflag-{s}" for s in SIGNS),
    "clearance",
    *(f"pre-{q.id}" for q in DATA.pre_exercise.questions),
    *(f"question-{q.id}" for q in QUESTIONS),
    "hold-flexor",
    "hold-extensor",
    "hold-bridge_right",
    "hold-bridge_left",
    "norms",
    "strength-unit",
    "strength-load",
    "strength-left",
    "strength-right",
    "dominant-hand",
    "training-status",
    *(f"tight-{m.id}" for m in DATA.tightness.muscles),
]
ANY_VALUE = st.one_of(
    st.text(max_size=8), st.sampled_from(["yes", "no", "left", "none", "12", "reps", "kg"])
)


@settings(max_examples=200)
@given(state=st.dictionaries(st.sampled_from(FIELDS), ANY_VALUE))
def test_any_form_gets_answers_or_messages_never_an_exception(state):
    checked = check_answers(state, DATA, TODAY)
    assert (checked.answers is None) != (checked.errors == {})
    assert set(checked.errors) <= set(FIELDS)
    if checked.answers is not None:
        build_profile(checked.answers, DATA)
