"""The forecast that learns from the learner's log, and its words from ``data/forecast.yml``.

Expected sentences are built from the data file, so an instructor's edit of the wording
breaks only the tests that check that wording is used, never the numbers.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from backbalance.assessment.logic import mdc95
from backbalance.assessment.profile import load_profile
from backbalance.common.read import DataError
from backbalance.course import Course
from backbalance.programme.build import Setup, build_programme
from backbalance.strength_gap.dynamics import KNOWN_CAUSES, draw_people
from backbalance.strength_gap.forecast import forecast, forecast_cases, likely_by, retest_log
from backbalance.strength_gap.model import Scenario
from backbalance.strength_gap.wording import FILE, fill, load_forecast_wording
from backbalance.tracker.app import ProgressApp, problems_line
from backbalance.tracker.charts import progress_chart
from backbalance.tracker.data import parse_progress
from backbalance.tracker.progress import assess_progress
from backbalance.validate import validate_data

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DRAWS = 400
COURSE = Course.find(ROOT)
PARAMS = COURSE.parameters
SEM = COURSE.assessment.strength.test_error.sem_percent
WORDS = load_forecast_wording(DATA / FILE)
PLAN = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=3, weeks=52, cause="handedness")


def _fast_log(plan: Scenario = PLAN) -> list[tuple[int, float, float]]:
    """Both sides at the prior's fast edge (P90 strength) at weeks 4 and 8: a learner who
    responds faster than the typical person, whatever the model's calibration."""
    table = forecast(plan, PARAMS, None, test_sem_percent=SEM, draws=DRAWS).prior.table
    side = table.set_index(["week", "side"])["strength_p90"]
    left, right = plan.start
    return [(0, left, right)] + [
        (week, round(side[week, "left"], 1), round(side[week, "right"], 1)) for week in (4, 8)
    ]


FAST = _fast_log()
"""Both sides gain fast: a learner who responds faster than the typical person."""


def run(rows=None, **kwargs):
    log = None if rows is None else retest_log(rows)
    return forecast(PLAN, PARAMS, log, test_sem_percent=SEM, draws=DRAWS, **kwargs)


def test_a_posterior_with_no_log_is_the_prior_and_says_so():
    result = run()
    pd.testing.assert_frame_equal(result.posterior.table, result.prior.table)
    assert result.posterior.parity == result.prior.parity
    assert np.allclose(result.weights, 1 / DRAWS) and not result.personalised
    assert result.message().startswith(WORDS.forecast.prior)


def test_a_log_with_only_the_starting_test_is_the_prior_and_says_so():
    result = run([(0, 80, 100)])
    pd.testing.assert_frame_equal(result.posterior.table, result.prior.table)
    assert result.message().startswith(WORDS.forecast.start_only)
    assert WORDS.forecast.prior not in result.message()


def test_a_log_of_fast_responses_moves_the_band_earlier():
    """Both sides gaining fast make the people who respond fast count more: the band rises
    and the weeks to the target come earlier than the prior's."""
    plan = PLAN.model_copy(update={"gap_percent": 12, "weak_extra_sets": 6})  # reaches 90%
    result = forecast(plan, PARAMS, retest_log(_fast_log(plan)), test_sem_percent=SEM,
                      draws=DRAWS)  # fmt: skip
    assert result.pace == "faster" and result.response[1] > 1
    prior = result.prior.table.query("side == 'left'").set_index("week")
    posterior = result.posterior.table.query("side == 'left'").set_index("week")
    # a handedness gap: the extra sets narrow it for a while, so the band rises in the
    # first months (later the fast responders near their own ceilings)
    assert (posterior.loc[4:20, "lsi"] > prior.loc[4:20, "lsi"]).all()
    target = PARAMS.lsi_targets.value[0]
    before, after = result.prior.parity_at(target), result.posterior.parity_at(target)
    horizon = plan.weeks + 1
    assert (after.fast or horizon) < (before.fast or horizon)
    assert (after.typical or horizon) <= (before.typical or horizon)
    pace = fill(WORDS.forecast.personalised, pace=WORDS.forecast.pace.faster)
    assert result.message().startswith(pace)


def test_a_log_of_slow_responses_moves_the_band_later():
    result = run([(0, 80, 100), (4, 80, 101), (8, 80.5, 102), (12, 81, 103)])
    assert result.pace == "slower"
    prior = result.prior.table.query("side == 'left'").set_index("week")
    posterior = result.posterior.table.query("side == 'left'").set_index("week")
    assert (posterior.loc[12:, "lsi"] < prior.loc[12:, "lsi"]).all()


def _outside_log() -> list[tuple[int, float, float]]:
    """The weaker side above the prior's fast edge (P90) and the stronger side below its slow
    edge (P10) at weeks 4 and 8, each by twice the test's smallest real change: a gap closing
    faster than any simulated person's, beyond what the test's noise explains."""
    table = run().prior.table.set_index(["week", "side"])
    margin = 2 * mdc95(SEM) / 100
    return [(0, 80, 100)] + [
        (
            week,
            round(table.loc[(week, "left"), "strength_p90"] * (1 + margin), 1),
            round(table.loc[(week, "right"), "strength_p10"] * (1 - margin), 1),
        )
        for week in (4, 8)
    ]


def _pace_sentences() -> list[str]:
    pace = WORDS.forecast.pace
    return [
        fill(WORDS.forecast.personalised, pace=getattr(pace, p)) for p in type(pace).model_fields
    ]


def test_a_log_outside_the_model_says_so_first_and_claims_no_pace():
    """No simulated person closes the gap that fast: the weights stay spread (the effective
    number of people cannot tell), but the best-supported person's chi-square is beyond the
    data's cut-off, so the message opens with the misfit and names no pace (issue 11)."""
    result = run(_outside_log())
    assert result.fit < WORDS.forecast.misfit.below and result.outside_model
    assert result.direction == "faster"
    message = result.message()
    assert message.startswith(WORDS.forecast.misfit.faster)
    assert not any(sentence in message for sentence in _pace_sentences())
    assert WORDS.forecast.rough.text not in message
    verdicts = WORDS.forecast.verdict
    assert not any(v.split("{")[0] in message for v in (verdicts.ahead, verdicts.behind))


@pytest.mark.parametrize("rows", [FAST, [(0, 80, 100), (4, 80, 101), (8, 80.5, 102)]])
def test_a_log_the_model_can_follow_keeps_its_pace_and_no_misfit(rows):
    result = run(rows)
    assert not result.outside_model and result.fit >= WORDS.forecast.misfit.below
    message = result.message()
    assert message.startswith(WORDS.forecast.personalised.split("{pace}")[0])
    assert not any(
        getattr(WORDS.forecast.misfit, d) in message for d in ("faster", "slower", "different")
    )


def _log_at(lsis: list[float]) -> list[tuple[int, float, float]]:
    """A log from 80% whose re-tests, four weeks apart, read these LSIs (right side stronger)."""
    right = 104.0
    return [(0, 80, 100)] + [(4 * (i + 1), right * v / 100, right) for i, v in enumerate(lsis)]


def test_a_target_the_last_two_re_tests_are_at_is_reached_whatever_the_model_says():
    """The current LSI is the mean of the last two re-tests (the tracker's one rule): at or
    above a target, the forecast says reached, never "not likely" (issue 11)."""
    target = PARAMS.lsi_targets.value[0]
    result = run(_log_at([target + 1, target + 2]))
    assert result.current == pytest.approx(target + 1.5, abs=0.1)
    message = result.message()
    assert fill(WORDS.forecast.reached, target=f"{target:g}", lsi=f"{result.current:g}") in (
        message
    )
    parity = result.posterior.parity_at(target)
    assert likely_by(parity, result.start_week, WORDS.forecast) not in message


def test_the_forecast_and_the_tracker_use_one_rule_for_reached():
    """One re-test above the target after one below it, by less than the noise: their mean is
    below, so neither the forecast nor the tracker says reached; two above: both do."""
    target = PARAMS.lsi_targets.value[0]
    below = target - mdc95(SEM) / 2
    for lsis, reached in (([below, target + 1], False), ([target + 1, target + 1], True)):
        rows = _log_at(lsis)
        result = run(rows)
        csv = "week,left,right\n" + "".join(f"{w},{left},{right}\n" for w, left, right in rows)
        progress = assess_progress(
            parse_progress(csv), PARAMS, strong_sets=PLAN.strong_sets,
            extra_sets=PLAN.weak_extra_sets, max_weak_sets=PLAN.weak_sets, draws=DRAWS,
            sem_percent=SEM, wording=WORDS,
        )  # fmt: skip
        assert result.reached(target) is reached
        assert (progress.status == "reached") is reached
        reached_words = fill(
            WORDS.forecast.reached, target=f"{target:g}", lsi=f"{result.current:g}"
        )
        assert (reached_words in result.message()) is reached


def latest_at(difference: float, week: int = 8) -> list[tuple[float, float, float]]:
    """A log whose latest LSI is ``difference`` points from the typical forecast's."""
    typical = run().prior.table.query("side == 'left'").set_index("week").loc[week, "lsi"]
    right = 104.0
    return [(0, 80, 100), (week, right * (typical + difference) / 100, right)]


@pytest.mark.parametrize(
    ("offset", "verdict"), [(-1.0, "as expected"), (1.0, "ahead"), (1.0, "behind")]
)
def test_ahead_or_behind_only_beyond_the_test_noise(offset, verdict):
    """mdc95 of the strength test's SEM is the line: one point inside it is "as expected"
    either way, one point beyond it is ahead or behind (issue 11)."""
    noise = mdc95(SEM)
    sign = -1 if verdict == "behind" else 1
    result = run(latest_at(sign * (noise + offset)))
    assert result.noise == pytest.approx(noise)
    assert result.verdict == verdict
    if verdict == "as expected":
        assert run(latest_at(-(noise - 1))).verdict == "as expected"
        expected = fill(WORDS.forecast.verdict.as_expected, noise=f"{noise:.0f}")
    else:
        sentence = getattr(WORDS.forecast.verdict, verdict)
        expected = fill(sentence, difference=f"{noise + offset:.0f}", noise=f"{noise:.0f}")
    assert expected in result.message()


def test_every_sentence_comes_from_the_data_file(tmp_path):
    """Edited sentences in a copy of the data file are what the forecast says."""
    raw = yaml.safe_load((DATA / FILE).read_text(encoding="utf-8"))
    raw["forecast"]["personalised"] = "EDITED pace: {pace}."
    raw["forecast"]["pace"]["faster"] = "EDITED faster"
    raw["forecast"]["likely"]["range"] = "EDITED {target} {fast}-{slow} ({typical})."
    raw["forecast"]["likely"]["open_end"] = "EDITED {target} from {fast} ({typical}) {horizon}."
    raw["forecast"]["likely"]["few"] = "EDITED {target} few {fast} {horizon}."
    raw["forecast"]["likely"]["unlikely"] = "EDITED {target} not by {horizon}."
    (tmp_path / FILE).write_text(yaml.safe_dump(raw), encoding="utf-8")
    edited = load_forecast_wording(tmp_path / FILE)
    result = run(FAST, wording=edited)
    message = result.message()
    assert message.startswith("EDITED pace: EDITED faster.")
    assert message.count("EDITED") == 2 + len(PARAMS.lsi_targets.value)


def test_a_bad_edit_is_one_line_naming_the_file_the_entry_and_the_fix(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = (data / FILE).read_text(encoding="utf-8")
    (data / FILE).write_text(
        text.replace('"Your log so far says {pace}."', '"Your log so far says {speed}."'),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_forecast_wording(data / FILE)
    (problem,) = caught.value.problems
    assert problem.entry == "forecast.personalised"
    assert "{speed}" in str(problem) and "{pace}" in str(problem) and FILE in str(problem)
    problems = validate_data(data, ROOT / "references.bib")
    assert [str(p) for p in problems] == [str(problem)]


# --------------------------------------------------------------------------- in the tracker


SETUP = Setup(days_per_week=3, equipment={"dumbbell", "band"})
"""A setup with weights: the programme has strength sets for the forecast to follow."""


def tracker(tmp_path: Path, profile: str) -> ProgressApp:
    shutil.copy(DATA / "examples" / profile, tmp_path / "my_profile.json")
    return ProgressApp(
        COURSE.exercises, COURSE.programme_template, PARAMS, folder=tmp_path, setup=SETUP,
        wording=WORDS, sem_percent=SEM,
    )  # fmt: skip


def type_rows(app: ProgressApp, rows: list[tuple[str, str, str]]) -> None:
    while len(app.rows) < len(rows):
        app.add_row()
    for boxes, values in zip(app.rows, rows, strict=True):
        for column, value in zip(("week", "left", "right"), values, strict=True):
            boxes[column].value = value


def expected_progress(app: ProgressApp):
    """What the app should show: the programme of the learner's profile, the chosen cause."""
    programme = build_programme(
        app.profile, app.setup_controls.setup(), COURSE.exercises, COURSE.programme_template, PARAMS
    )
    assert programme.strong_sets > 0
    return assess_progress(
        app.log(),
        PARAMS,
        strong_sets=programme.strong_sets,
        extra_sets=programme.extra_sets,
        max_weak_sets=programme.max_weak_sets,
        status=app.profile.training_status or "novice",
        cause=app.cause.value,
        sem_percent=SEM,
        wording=WORDS,
    )


def test_the_tracker_shows_the_personalised_forecast_and_band(tmp_path):
    app = tracker(tmp_path, "desk-worker.json")
    type_rows(app, [("0", "10", "12"), ("4", "11.2", "13"), ("8", "12", "13.7")])
    assert app.cause.value == "unknown"  # the default: both cases
    app.compare()
    expected = expected_progress(app)
    shown = html.unescape(app.verdict.value)
    assert [f"<p>{text}</p>" in shown for text in expected.paragraphs()] == [True] * len(
        expected.paragraphs()
    )
    assert WORDS.forecast.personalised.split("{pace}")[0] in shown
    chart = progress_chart(expected, WORDS.tracker)
    for number, (cause, case) in enumerate(expected.shown.items(), 1):
        assert case.forecast.personalised and case.forecast.posterior.plan.cause == cause
        (band,) = [t for t in chart.data if t.name == WORDS.tracker.chart.band and
                   t.xaxis == ("x" if number == 1 else f"x{number}")]  # fmt: skip
        read = case.band().set_index("week")["lsi_read_p90"]
        assert np.allclose(band.y, read.loc[list(band.x)].to_numpy())
        assert not np.allclose(read, case.band(prior=True)["lsi_read_p90"])


def test_the_tracker_follows_the_chosen_cause(tmp_path):
    app = tracker(tmp_path, "desk-worker.json")
    type_rows(app, [("0", "10", "12"), ("4", "11.2", "13"), ("8", "12", "13.7")])
    app.cause.value = "handedness"
    app.compare()
    expected = expected_progress(app)
    assert list(expected.cases) == ["handedness"]
    assert html.unescape(app.verdict.value) == (
        f'<div aria-live="polite"><p>{expected.message()}</p></div>'
    )


def test_the_tracker_saves_the_cause_and_loads_it_next_time(tmp_path):
    app = tracker(tmp_path, "desk-worker.json")
    type_rows(app, [("0", "10", "12")])
    app.cause.value = "disuse"
    assert app.save() == tmp_path / "my_progress.csv"
    assert parse_progress((tmp_path / "my_progress.csv").read_bytes()).cause == "disuse"
    assert tracker(tmp_path, "desk-worker.json").cause.value == "disuse"


def test_a_bad_cause_in_the_saved_log_is_one_line_and_the_choice_is_unknown(tmp_path):
    (tmp_path / "my_progress.csv").write_text("# cause: sprain\nweek,left,right\n0,10,12\n")
    app = tracker(tmp_path, "desk-worker.json")
    problem = parse_progress((tmp_path / "my_progress.csv").read_bytes()).cause_problem
    status = html.unescape(app.log_status.value)
    assert f"my_progress.csv, {problem}." in status and status.count("\n") == 0
    assert app.cause.value == "unknown" and [r["week"].value for r in app.rows] == ["0"]


def test_the_tracker_with_hold_times_only_says_there_is_no_strength_forecast(tmp_path):
    profile = load_profile(DATA / "examples" / "parent-carrier.json")
    assert profile.strength is None or profile.gap_test != "row"
    app = tracker(tmp_path, "parent-carrier.json")
    type_rows(app, [("0", "60", "45"), ("4", "65", "50")])
    app.compare()
    assert html.unescape(app.verdict.value) == (
        f'<p aria-live="polite">{WORDS.forecast.no_strength_test}</p>'
    )


def test_an_unusable_row_is_one_line_and_nothing_is_lost(tmp_path):
    app = tracker(tmp_path, "desk-worker.json")
    typed = [("0", "10", "12"), ("4", "eleven", "12.5"), ("8", "11", "12.8")]
    type_rows(app, typed)
    app.compare()
    log = app.log()
    first = log.problems[0]
    line = fill(WORDS.tracker.unusable_rows.one, line=first.line, reason=first.reason)
    assert html.unescape(app.problems.value) == f'<p aria-live="polite">{line}</p>'
    assert problems_line(log, WORDS) == line
    assert [tuple(b[c].value for c in ("week", "left", "right")) for b in app.rows] == typed
    assert fill(WORDS.forecast.personalised, pace="").split("{")[0][:10] in app.verdict.value
    assert app.save() is None and not (tmp_path / "my_progress.csv").exists()


def test_the_reader_table_shows_its_headings_from_data_as_text():
    """An instructor's heading in forecast.table is shown as written, never as markup."""
    heads = WORDS.forecast.table.model_copy(
        update={"target": "LSI <b>target</b>", "missing": "not <i>yet</i>"}
    )
    edited = WORDS.model_copy(
        update={"forecast": WORDS.forecast.model_copy(update={"table": heads})}
    )
    shown = run(FAST, wording=edited).reader_table().to_html()
    assert html.escape("LSI <b>target</b>", quote=False) in shown and "<b>target" not in shown
    assert html.escape("not <i>yet</i>", quote=False) in shown and "<i>yet" not in shown


# --------------------------------------------------------------------------- where the gap comes from


def test_an_unknown_cause_forecasts_both_cases_each_with_its_own_weeks():
    """Cause unknown: one forecast per case, each the forecast of that cause alone, and the
    words give each case after its own lead-in, the shared opening only once."""
    plan = PLAN.model_copy(update={"cause": "unknown"})
    both = forecast_cases(plan, PARAMS, test_sem_percent=SEM, draws=DRAWS)
    assert list(both.cases) == list(KNOWN_CAUSES) and both.fit is None
    message = both.message()
    lead = WORDS.forecast.case.lead
    assert message.startswith(WORDS.forecast.prior) and message.count(WORDS.forecast.prior) == 1
    assert message.index(lead.disuse) < message.index(lead.handedness)
    for cause, result in both.cases.items():
        alone = forecast(plan.model_copy(update={"cause": cause}), PARAMS, None,
                         test_sem_percent=SEM, draws=DRAWS)  # fmt: skip
        assert result.posterior.parity == alone.posterior.parity
        for sentence in alone.outlook():
            assert sentence in message
    table = both.weeks_table()
    names = WORDS.forecast.case.name
    assert table["case"].tolist() == [getattr(names, c) for c in KNOWN_CAUSES for _ in
                                      PARAMS.lsi_targets.value]  # fmt: skip
    parts = both.parts()
    assert [cause for cause, _ in parts] == [None, *KNOWN_CAUSES]
    assert (
        " ".join(
            text if cause is None else f"{getattr(lead, cause)} {text}" for cause, text in parts
        )
        == message
    )


def test_the_cases_can_use_people_drawn_before():
    """An app draws its people once per cause; the cases then use them as given."""
    plan = PLAN.model_copy(update={"cause": "unknown"})
    drawn = {c: draw_people(PARAMS, DRAWS, seed=5, cause=c) for c in KNOWN_CAUSES}
    given = forecast_cases(plan, PARAMS, test_sem_percent=SEM, people=drawn)
    fresh = forecast_cases(plan, PARAMS, test_sem_percent=SEM, draws=DRAWS, seed=5)
    for cause in KNOWN_CAUSES:
        assert given.cases[cause].prior.parity == fresh.cases[cause].prior.parity


def test_a_known_cause_is_its_one_case_in_the_same_words():
    one = forecast_cases(PLAN, PARAMS, retest_log(FAST), test_sem_percent=SEM, draws=DRAWS)
    assert list(one.cases) == [PLAN.cause] and one.fit is None
    assert one.message() == run(FAST).message()


def test_the_log_names_the_case_it_fits_only_when_clear():
    """A log whose gap stays put is the dominant side's lead (equal sets keep it); one whose
    weaker side catches up within weeks is a disuse gap won back. The words name a case
    only when forecast_confidence of the weight favours it."""
    plan = PLAN.model_copy(update={"cause": "unknown", "weak_extra_sets": 0})
    stays = [(0, 80, 100), (4, 84, 105), (8, 88, 110), (12, 92, 115)]
    closes = forecast(plan.model_copy(update={"cause": "disuse"}), PARAMS, None,
                      test_sem_percent=SEM, draws=DRAWS).prior.table  # fmt: skip
    side = closes.set_index(["week", "side"])["strength"]
    caught_up = [(0, 80, 100)] + [
        (w, round(side[w, "left"], 1), round(side[w, "right"], 1)) for w in (4, 8, 12)
    ]
    confidence = PARAMS.forecast_confidence.value
    names, fit = WORDS.forecast.case.name, WORDS.forecast.case.fit
    for rows, case in ((stays, "handedness"), (caught_up, "disuse")):
        both = forecast_cases(plan, PARAMS, retest_log(rows), test_sem_percent=SEM, draws=DRAWS)
        share = both.fit if case == "disuse" else 1 - both.fit
        assert share >= confidence and both.fits() == case
        assert fill(fit.better, case=getattr(names, case), share=f"{100 * share:.0f}") in (
            both.message()
        )
    # one re-test a week in, within the noise of both: neither case is named
    one_week = retest_log([(0, 80, 100), (1, 81.5, 101)])
    unclear = forecast_cases(plan, PARAMS, one_week, test_sem_percent=SEM, draws=DRAWS)
    assert 1 - confidence < unclear.fit < confidence and unclear.fits() is None
    assert fit.unclear in unclear.message()


def test_a_forecast_never_names_a_week_before_the_last_re_test():
    """A slow log (LSI 83% -> 86% over 12 weeks) whose disuse case still puts the typical
    person at LSI 90% before week 12: the words say the re-tests are below it, within the
    test's noise, and name no week already past; the weeks after it are unchanged."""
    rows = [(0, 10, 12), (4, 11, 13), (8, 11.5, 13.5), (12, 12, 14)]
    plan = Scenario(gap_percent=17, strong_sets=6, weak_extra_sets=1, weeks=52, cause="disuse")
    result = forecast(plan, PARAMS, retest_log(rows), test_sem_percent=SEM, draws=DRAWS)
    now = rows[-1][0]
    first = result.posterior.parity[0]
    assert first.typical is not None and first.typical <= now, "the case under test"
    said = likely_by(first, result.start_week, WORDS.forecast, now)
    assert said == fill(WORDS.forecast.likely.near, target=f"{first.target:g}", now=str(now))
    assert said in result.message()
    weeks = [int(w) for w in re.findall(r"week (\d+)", result.message())]
    assert weeks and min(weeks) >= now
    assert likely_by(first, result.start_week, WORDS.forecast) != said  # without the log's weeks
