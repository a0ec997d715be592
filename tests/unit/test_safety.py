"""The safety layer: a clinician's dated check, the check before the tests, the advice, denied
causes, the hand-in file and the programme's gate. Expected values come from ``data/``."""

from __future__ import annotations

import datetime
import json

import pytest

from backbalance.assessment.check import MESSAGES, check_answers, screen
from backbalance.assessment.data import AssessmentData
from backbalance.assessment.form import CLEARANCE, fields_of_tests
from backbalance.assessment.hand_in import hand_in, read_hand_in
from backbalance.assessment.logic import build_profile, fill
from backbalance.assessment.profile import UNCHECKED_TESTS, read_profile
from backbalance.assessment.report import describe
from backbalance.common.read import DataError
from backbalance.programme.app import ProgrammeApp
from backbalance.programme.build import Refusal, Setup, build_programme

TODAY = "2026-03-15"
"""The date the answers are checked on (a clinician's check cannot be later)."""


def profile_of(state: dict[str, str], data: AssessmentData):
    checked = check_answers(state, data, TODAY)
    assert checked.errors == {}, checked.errors
    return build_profile(checked.answers, data)


def test_a_dated_check_unlocks_a_see_a_clinician_sign_and_says_so(alex, assessment):
    sign = assessment.red_flags.clinician.signs[0].id
    state = alex | {f"redflag-{sign}": "yes", CLEARANCE: "2026-02-01"}
    assert screen(state, assessment, TODAY).level == "cleared"
    profile = profile_of(state, assessment)
    assert (profile.red_flag, profile.cleared_on, profile.red_flag_signs) == (
        "cleared",
        "2026-02-01",
        (),
    )
    assert profile.may_exercise
    report = describe(profile, assessment)
    assert report.safety[0] == fill(assessment.red_flags.clearance.cleared, date="2026-02-01")


def test_no_date_after_a_sign_stops_and_shows_the_clearance_path(alex, assessment):
    sign = assessment.red_flags.clinician.signs[-1].id
    profile = profile_of(alex | {f"redflag-{sign}": "yes"}, assessment)
    assert profile.red_flag == "clinician" and not profile.may_exercise
    assert assessment.red_flags.clearance.when_stopped in describe(profile, assessment).stop


@pytest.mark.parametrize("date", ["", TODAY])
def test_a_date_never_lifts_an_urgent_sign(alex, assessment, date):
    sign = assessment.red_flags.urgent.signs[0].id
    result = screen(alex | {f"redflag-{sign}": "yes", CLEARANCE: date}, assessment, TODAY)
    assert result.level == "urgent"


def days_before_today(days: int) -> str:
    return (datetime.date.fromisoformat(TODAY) - datetime.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("date", "message"),
    [("2026-03-16", "future"), ("2026-02-30", "date"), ("15/03/2026", "date"), (None, "expired")],
)
def test_a_date_in_the_future_impossible_or_too_old_gets_a_message(alex, assessment, date, message):
    clearance = assessment.red_flags.clearance
    date = days_before_today(clearance.valid.days + 1) if date is None else date
    sign = assessment.red_flags.clinician.signs[0].id
    result = screen(alex | {f"redflag-{sign}": "yes", CLEARANCE: date}, assessment, TODAY)
    expected = {
        "future": clearance.future,
        "expired": clearance.valid.expired,
        "date": MESSAGES["date"],
    }[message]
    assert (result.level, result.errors) == (None, {CLEARANCE: expected})


def test_a_check_counts_for_its_valid_days_and_no_longer(alex, assessment):
    """The oldest date that still counts is exactly ``valid.days`` before today."""
    days = assessment.red_flags.clearance.valid.days
    sign = assessment.red_flags.clinician.signs[0].id
    state = alex | {f"redflag-{sign}": "yes"}
    oldest = screen(state | {CLEARANCE: days_before_today(days)}, assessment, TODAY)
    assert (oldest.level, oldest.cleared_on) == ("cleared", days_before_today(days))
    too_old = screen(state | {CLEARANCE: days_before_today(days + 1)}, assessment, TODAY)
    assert too_old.level is None and CLEARANCE in too_old.errors


def test_a_yes_before_the_tests_skips_them_and_refuses_a_programme(alex, assessment, course):
    question = assessment.pre_exercise.questions[0].id
    state = alex | {f"pre-{question}": "yes", "hold-flexor": "not a number"}
    profile = profile_of(state, assessment)  # the hold box is not checked: the tests are skipped
    assert profile.pre_exercise == "stopped"
    assert profile.holds == {} and profile.strength is None and profile.gap_test is None
    assert describe(profile, assessment).safety == (assessment.pre_exercise.stop,)
    assert all(
        name.startswith(("hold-", "norms", "strength-", "dominant-", "training-"))
        for name in fields_of_tests(assessment)
    )
    refused = build_programme(
        profile, Setup(), course.exercises, course.programme_template, course.parameters
    )
    assert refused == Refusal("pre_exercise", course.programme_template.refusal.pre_exercise)
    assert hand_in(profile, assessment) is None


def test_a_dated_check_lets_the_tests_go_ahead(alex, assessment):
    question = assessment.pre_exercise.questions[-1].id
    profile = profile_of(alex | {f"pre-{question}": "yes", CLEARANCE: "2026-03-01"}, assessment)
    assert (profile.pre_exercise, profile.cleared_on) == ("cleared", "2026-03-01")
    assert profile.holds and profile.strength is not None and profile.may_exercise


def test_a_profile_file_with_tests_but_no_check_before_them_is_not_read(alex, assessment):
    """A file that holds test results without the check before the tests (hand-edited, or
    from before that check existed) never reaches the programme builder."""
    profile = profile_of(alex, assessment)
    assert profile.pre_exercise == "passed" and profile.strength is not None
    content = json.loads(profile.to_json())
    del content["pre_exercise"]
    with pytest.raises(DataError) as caught:
        read_profile(json.dumps(content), "old.json")
    assert [(p.entry, p.message) for p in caught.value.problems] == [
        ("pre_exercise", UNCHECKED_TESTS)
    ]
    assert read_profile(profile.to_json(), "new.json") == profile


def test_each_unanswered_question_before_the_tests_gets_a_message(alex, assessment):
    question = assessment.pre_exercise.questions[0].id
    checked = check_answers(alex | {f"pre-{question}": ""}, assessment, TODAY)
    assert checked.answers is None and checked.errors == {f"pre-{question}": MESSAGES["choose"]}


def test_one_sided_pain_most_days_shows_the_see_a_clinician_line(alex, assessment):
    (advice,) = assessment.questionnaire.advice
    profile = profile_of(alex | {f"question-{advice.question}": advice.answers[0]}, assessment)
    assert profile.advice == (advice.id,)
    assert advice.text in describe(profile, assessment).safety


def test_a_cause_the_reader_has_denied_is_never_named(alex, assessment):
    questionnaire = assessment.questionnaire
    for contributor in questionnaire.contributors:
        worst = {
            f"question-{q.id}": q.options[-1].value
            for q in questionnaire.questions
            if q.id != contributor.needs
        }
        (needed,) = [q for q in questionnaire.questions if q.id == contributor.needs]
        denied = {f"question-{needed.id}": needed.options[0].value}
        profile = profile_of(alex | worst | denied, assessment)
        assert contributor.id not in profile.contributors
    injury = profile_of(
        alex | {"question-one-sided-pain": "most-days", "question-past-injury": "no"}, assessment
    )
    assert "past-injury" not in injury.contributors


def test_the_hand_in_carries_no_health_answer(alex, assessment):
    sign = assessment.red_flags.clinician.signs[0].id
    state = alex | {
        f"redflag-{sign}": "yes",
        CLEARANCE: "2026-02-01",
        "question-one-sided-pain": "most-days",
        "question-past-injury": "still-there",
    }
    profile = profile_of(state, assessment)
    assert "past-injury" in profile.contributors and profile.advice
    file = hand_in(profile, assessment)
    content = json.loads(file.to_json())
    assert content["screen"] == "passed"
    assert not {"red_flag", "red_flag_signs", "cleared_on", "pre_exercise", "advice"} & set(content)
    assert "past-injury" not in content["contributors"]  # hand_in: false in questionnaire.yml
    assert content["lsi"] == profile.lsi and content["holds"] == profile.holds


def test_a_full_profile_is_never_read_as_a_hand_in(alex, assessment):
    with pytest.raises(DataError, match="is a full profile, with health answers"):
        read_hand_in(profile_of(alex, assessment).to_json(), "fox.hand-in.json")


def test_the_programme_app_asks_the_screen_before_typed_results(course):
    app = ProgrammeApp(course.exercises, course.programme_template, course.parameters)
    app.source.value = "Type my results"
    assert not any(
        "Done: no red flags" in str(getattr(w, "options", "")) for w in app.hand.values()
    )
    assert app.profile() == Refusal("unscreened", course.programme_template.refusal.unscreened)
    for name, control in app.screen_inputs.items():
        if name != CLEARANCE:
            control.value = "no"
    assert app.profile().may_exercise
    first = course.assessment.red_flags.clinician.signs[0].id
    app.screen_inputs[f"redflag-{first}"].value = "yes"
    assert app.profile().red_flag == "clinician"
    today = datetime.date.today()
    app.screen_inputs[CLEARANCE].value = (today - datetime.timedelta(days=1)).isoformat()
    assert app.profile().red_flag == "cleared"
    days = course.assessment.red_flags.clearance.valid.days
    app.screen_inputs[CLEARANCE].value = (today - datetime.timedelta(days=days + 1)).isoformat()
    assert app.profile() == Refusal("unscreened", course.programme_template.refusal.unscreened)


@pytest.mark.parametrize("field", ["red_flag", "pre_exercise"])
def test_a_cleared_profile_without_the_date_of_a_check_is_not_read(field):
    """A hand-made file cannot say "cleared" without the date that the screen asks for."""
    content = {"format": "back-in-balance/profile", "version": 1, "red_flag": "none"}
    with pytest.raises(DataError, match="needs the date of the clinician"):
        read_profile(json.dumps(content | {field: "cleared"}), "upload.json")
    dated = read_profile(json.dumps(content | {field: "cleared", "cleared_on": TODAY}), "u.json")
    assert dated.may_exercise
