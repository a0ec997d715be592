"""The progress tracker: bad rows are named by line and reason, good rows are kept, nothing raises."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backbalance.assessment.logic import mdc95
from backbalance.course import Course
from backbalance.strength_gap.dynamics import CAUSES, KNOWN_CAUSES, cases_of
from backbalance.strength_gap.model import Scenario, simulate, simulate_cases
from backbalance.strength_gap.parameters import load_model_parameters
from backbalance.strength_gap.wording import fill, load_forecast_wording
from backbalance.tracker.charts import progress_chart
from backbalance.tracker.data import (
    CAUSE_LINE,
    LINE_END,
    ProgressLog,
    log_csv,
    parse_progress,
    progress_from_rows,
    read_progress_csv,
)
from backbalance.tracker.progress import assess_progress

DATA = Path(__file__).resolve().parents[2] / "data"
DOSE = {"strong_sets": 6, "extra_sets": 3, "max_weak_sets": 10}
WORDS = load_forecast_wording(DATA / "forecast.yml")


@pytest.fixture(scope="module")
def params():
    return load_model_parameters(DATA / "model_parameters.yml")


def problems(text: str | bytes) -> list[str]:
    return [str(p) for p in parse_progress(text).problems]


def test_the_example_log_keeps_its_good_rows_and_names_the_slip():
    log = read_progress_csv(DATA / "examples" / "progress.csv")
    assert [str(p) for p in log.problems] == [
        "line 5: left must be a number above 0 and at most 1000, got 'twelve'"
    ]
    assert log.rows["week"].tolist() == [0, 4, 8, 12]
    assert log.rows["lsi"].tolist() == [
        83.3,
        84.6,
        85.2,
        85.7,
    ]  # weaker / stronger x 100, one decimal
    assert log.rows.loc[2, "notes"] == "tired week, slept badly"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("x,9,12", "week must be a whole number from 0 to 156, got 'x'"),
        ("-4,9,12", "week must be a whole number from 0 to 156, got '-4'"),
        ("2.5,9,12", "week must be a whole number from 0 to 156, got '2.5'"),
        ("400,9,12", "week must be a whole number from 0 to 156, got '400'"),
        ("4,,12", "left is missing"),
        ("4,9", "right is missing"),
        ("4,0,12", "left must be a number above 0 and at most 1000, got '0'"),
        ("4,9,-3", "right must be a number above 0 and at most 1000, got '-3'"),
        ("4,9,1e9", "right must be a number above 0 and at most 1000, got '1e9'"),
        (
            "4,9,12,a,b",
            "has 5 cells but there are 4 columns; put notes that hold a comma in double quotes",
        ),
        ('4,9,"12', "cannot be read as CSV (unexpected end of data); check the quotes"),
        ("4,9,12," + "x" * 201, "notes must be at most 200 characters, got 201"),
        ("0,9,12", "week 0 is already on line 2; keep one result per week"),
    ],
)
def test_a_bad_row_is_reported_by_line_and_the_others_kept(line, reason):
    log = parse_progress(f"week,left,right,notes\n0,9,12\n{line}\n8,11,13\n")
    assert [str(p) for p in log.problems] == [f"line 3: {reason}"]
    assert log.rows["week"].tolist() == [0, 8]


def test_several_bad_rows_are_all_reported_in_line_order():
    text = "week,left,right\n0,9,12\nfour,9,12\n\n# a comment\n8,ten,13\n12,11,13\n"
    assert problems(text) == [
        "line 3: week must be a whole number from 0 to 156, got 'four'",
        "line 6: left must be a number above 0 and at most 1000, got 'ten'",
    ]
    assert parse_progress(text).rows["week"].tolist() == [0, 12]


def test_a_line_that_is_not_utf8_is_reported_and_the_rest_read():
    log = parse_progress(b"\xef\xbb\xbfweek,left,right\r\n0,9,12\r\n4,\xff,12\r\n8,11,13\r\n")
    assert [str(p) for p in log.problems] == [
        "line 3: is not UTF-8 text; save the file as CSV UTF-8"
    ]
    assert log.rows["week"].tolist() == [0, 8]


def test_columns_may_come_in_any_order_or_without_a_header():
    assert parse_progress("Right, Week, Left\n12,0,9\n").rows[
        ["week", "left", "right"]
    ].values.tolist() == [[0, 9, 12]]
    assert parse_progress("0,9,12,first\n4,10,12\n").rows["week"].tolist() == [0, 4]


def test_a_decimal_comma_in_quotes_is_a_number():
    assert parse_progress('week,left,right\n0,"9,5",12\n').rows["left"].tolist() == [9.5]


def test_a_header_without_the_needed_columns_reads_nothing_and_says_why():
    log = parse_progress("week,left,notes\n0,9,first\n")
    assert log.rows.empty
    assert [str(p) for p in log.problems] == [
        "line 1: the first line must name the columns week, left and right (notes is optional); 'right' is missing"
    ]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\x00\x01\x02", b"week,left,right\n"])
def test_empty_or_junk_files_give_an_empty_log(content):
    assert parse_progress(content).rows.empty


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    log = read_progress_csv(tmp_path / "gone.csv")
    assert log.rows.empty and log.problems[0].line == 0 and "cannot open" in log.problems[0].reason


def test_table_rows_from_the_widget_use_the_row_numbers_shown():
    log = progress_from_rows(
        [
            (1, {"week": "0", "left": "9", "right": "12"}),
            (2, {"week": "", "left": "", "right": ""}),
            (3, {"week": "4", "left": "nine", "right": "12"}),
        ]
    )
    assert [str(p) for p in log.problems] == [
        "line 3: left must be a number above 0 and at most 1000, got 'nine'"
    ]
    assert len(log.rows) == 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=8)
)
def test_any_text_is_read_without_an_exception(lines):
    text = "week,left,right,notes\n" + "\n".join(lines)
    log = parse_progress(text)
    lines_after_header = len(LINE_END.split(text)) // 2  # CR, LF and CRLF all end a line
    assert len(log.rows) + len(log.problems) <= lines_after_header  # at most one verdict a line
    assert log.rows["week"].is_unique and (log.rows[["left", "right"]] > 0).all().all()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 156), st.floats(0.5, 999), st.floats(0.5, 999)),
        max_size=10,
        unique_by=lambda row: row[0],
    )
)
def test_every_good_row_is_kept_sorted_by_week(rows):
    text = "week,left,right\n" + "".join(f"{w},{left!r},{right!r}\n" for w, left, right in rows)
    log = parse_progress(text)
    assert not log.problems and log.rows["week"].tolist() == sorted(w for w, _, _ in rows)


# --------------------------------------------------------------------------- against the forecast


STILL = "0,10,12\n4,11,13.2\n8,12,14.4\n12,12.5,15\n16,13,15.6"
"""Both sides gain alike, so the LSI stays where it started."""


def undecided(params):
    """The parameters with a forecast_confidence no log reaches: the cases stay unnamed."""
    confidence = params.forecast_confidence.model_copy(update={"value": 0.9999})
    return params.model_copy(update={"forecast_confidence": confidence})


def assess(rows: str, params, **options):
    return assess_progress(parse_progress(f"week,left,right\n{rows}\n"), params, **DOSE, **options)


def typical_log(cause: str, params, weeks=(0, 4, 8, 12)) -> ProgressLog:
    """The log the model's typical person of one case would write (from 9 and 12 kg)."""
    plan = Scenario.from_strengths(9, 12, strong_sets=6, weak_extra_sets=3, weeks=52)
    path = simulate_cases(plan, params)[cause].table.pivot(
        index="week", columns="side", values="strength"
    )
    return progress_from_rows(
        (
            n,
            {
                "week": str(w),
                "left": f"{path.loc[w, 'left']:.1f}",
                "right": f"{path.loc[w, 'right']:.1f}",
            },
        )
        for n, w in enumerate(weeks, 1)
    )


def test_the_example_is_on_track_in_both_cases(params):
    progress = assess_progress(
        read_progress_csv(DATA / "examples" / "progress.csv"), params, **DOSE
    )
    assert list(progress.shown) == list(KNOWN_CAUSES)  # the example's cause is unknown
    assert [case.status for case in progress.shown.values()] == ["on track", "on track"]
    assert progress.status == "on track" and progress.message().endswith(progress.suggestion)
    assert progress.suggestion == fill(WORDS.tracker.on_track)


def test_an_unknown_cause_shows_both_forecasts_each_after_its_lead_in(params):
    """Issue 11: an unknown cause (the default) shows the disuse case and the handedness
    case, each with its own personalised forecast, band and verdict."""
    progress = assess("0,10,12\n4,11,12.5", params)
    assert progress.named is None and progress.forecasts.fits() is None
    assert list(progress.shown) == list(KNOWN_CAUSES)
    text = progress.message()
    lead = WORDS.forecast.case.lead
    for cause, case in progress.shown.items():
        opening = case.forecast.opening()[0]
        assert f"{getattr(lead, cause)} {opening}" in text
        assert case.forecast.posterior.plan.cause == cause
    assert WORDS.forecast.case.fit.unclear in text
    disuse, handedness = (progress.cases[c].band() for c in KNOWN_CAUSES)
    assert not disuse["lsi"].equals(handedness["lsi"])  # two forecasts, not one mixed
    figure = progress_chart(progress, WORDS.tracker)
    titles = [a.text for a in figure.layout.annotations]
    assert titles == [f"{getattr(lead, c)} {progress.cases[c].status}" for c in KNOWN_CAUSES]


def test_a_known_cause_shows_its_own_forecast_only(params):
    for cause in KNOWN_CAUSES:
        progress = assess("0,10,12\n4,11,12.5", params, cause=cause)
        assert list(progress.shown) == [cause]
        ((_, forecast),) = progress.forecasts.cases.items()
        assert progress.message() == f"{forecast.message()} {progress.suggestion}"


@pytest.mark.parametrize("cause", KNOWN_CAUSES)
def test_a_log_that_clearly_fits_one_case_names_it_and_is_judged_by_it(params, cause):
    """The typical person's log of one case fits that case beyond forecast_confidence, as
    forecast_cases decides; the tracker then says which and why, and shows that case only."""
    progress = assess_progress(typical_log(cause, params), params, **DOSE)
    share = progress.forecasts.fit if cause == "disuse" else 1 - progress.forecasts.fit
    assert share >= params.forecast_confidence.value
    assert progress.named == progress.forecasts.fits() == cause
    assert list(progress.shown) == [cause]
    better = fill(
        WORDS.forecast.case.fit.better,
        case=getattr(WORDS.forecast.case.name, cause),
        share=f"{100 * share:.0f}",
    )
    text = progress.message()
    lead = WORDS.forecast.case.lead
    assert text.startswith(f"{better} {getattr(lead, cause)} ")
    other = next(c for c in KNOWN_CAUSES if c != cause)
    assert getattr(lead, other) not in text
    assert progress.status == progress.cases[cause].status
    assert len(progress_chart(progress, WORDS.tracker).layout.annotations) == 1


def test_each_case_is_judged_against_its_own_band_with_the_tests_noise(params):
    """Ahead or behind only beyond mdc95 of the strength test's SEM, against the typical
    forecast of the case the verdict is about (issue 11). An unchanged LSI is behind the
    disuse case (where the weaker side catches up) and on track in the handedness case."""
    noise = mdc95(Course.find().assessment.strength.test_error.sem_percent)
    progress = assess(STILL, undecided(params))
    latest = progress.log.rows.iloc[-1]
    for case in progress.cases.values():
        typical = case.band(prior=True).set_index("week").loc[latest["week"], "lsi"]
        difference = latest["lsi"] - typical
        expected = (
            "ahead" if difference > noise else "behind" if difference < -noise else "on track"
        )
        assert case.status == expected
    assert (progress.cases["disuse"].status, progress.cases["handedness"].status) == (
        "behind",
        "on track",
    )
    assert progress.named is None and progress.status == "behind / on track"


def test_within_the_noise_of_the_typical_forecast_is_on_track(params):
    """Ahead or behind only when the result differs from the typical forecast (before the
    log) by more than the strength test's smallest real change, mdc95(SEM) (issue 11)."""
    noise = mdc95(Course.find().assessment.strength.test_error.sem_percent)
    for cause in KNOWN_CAUSES:
        progress = assess("0,10,12\n4,11,12.5", params, cause=cause)
        middle = progress.cases[cause].band(prior=True).set_index("week").loc[4, "lsi"]
        assert abs(progress.log.rows["lsi"].iloc[-1] - middle) <= noise
        assert progress.status == "on track"
    strict = assess("0,10,12\n4,11,12.5", params, cause="handedness", sem_percent=0.01)
    assert strict.status == "ahead"


def test_ahead_of_the_band(params):
    assert assess("0,6,12\n4,8.5,12", params, cause="handedness").status == "ahead"


@pytest.mark.parametrize("cause", ["unknown", *KNOWN_CAUSES])
def test_a_single_test_is_the_baseline_and_each_posterior_is_its_prior(params, cause):
    """With no re-test the forecast is the prior in every case (issue 11)."""
    progress = assess("0,10,12", params, cause=cause)
    assert progress.status == "baseline" and progress.suggestion == WORDS.tracker.baseline
    for case in progress.cases.values():
        assert case.band()["lsi"].iloc[0] == pytest.approx(100 * 10 / 12)
        pd.testing.assert_frame_equal(case.band(), case.band(prior=True))
        assert np.allclose(case.forecast.weights, 1 / len(case.forecast.weights))
    assert progress.message().startswith(WORDS.forecast.start_only)
    assert progress.message().endswith(WORDS.tracker.baseline)


def test_reaching_the_target_says_move_on(params):
    progress = assess("0,10,12\n8,12,13", params)
    assert progress.status == "reached"
    assert progress.suggestion == fill(
        WORDS.tracker.reached,
        lsi=f"{progress.log.rows['lsi'].iloc[-1]:g}",
        target=f"{params.lsi_targets.value[0]:g}",
    )
    assert progress.message().count(progress.suggestion) == 1  # said once for both cases


def test_behind_suggests_more_weak_side_sets_within_the_limit(params):
    progress = assess("0,9,12\n8,7,12.5", params, cause="disuse")
    assert progress.status == "behind"
    behind = WORDS.tracker.behind
    more = min(2, DOSE["max_weak_sets"] - DOSE["strong_sets"] - DOSE["extra_sets"])
    opening = behind.more_sets.pick(more).split("{then}")[0]
    assert (
        fill(
            opening,
            more=more,
            weak_sets=DOSE["strong_sets"] + DOSE["extra_sets"] + more,
            strong_sets=DOSE["strong_sets"],
            target=f"{params.lsi_targets.value[0]:g}",
        )
        in progress.suggestion
    )
    assert progress.suggestion.endswith(behind.checks)


def test_behind_with_two_cases_gives_each_cases_suggestion_after_its_lead_in(params):
    progress = assess(STILL, undecided(params))
    assert progress.named is None and len({c.suggestion for c in progress.cases.values()}) == 2
    lead = WORDS.forecast.case.lead
    for cause, case in progress.cases.items():
        assert f"{getattr(lead, cause)} {case.suggestion}" in progress.suggestion
        paragraph = next(p for p in progress.paragraphs() if p.startswith(getattr(lead, cause)))
        assert paragraph.endswith(case.suggestion)


def test_behind_suggests_more_sets_only_when_the_model_says_they_bring_the_target_closer(params):
    """No "in about 4 weeks instead of in about 4 weeks": when one more weak-side set would
    not move the typical week, the tracker says the extra sets add little."""
    progress = assess("0,10,12\n4,11,13.2\n8,12,14.4\n12,12.5,15", params, cause="disuse")
    assert progress.status == "behind"
    latest, target = progress.log.rows.iloc[-1], params.lsi_targets.value[0]
    more = min(2, DOSE["max_weak_sets"] - DOSE["strong_sets"] - DOSE["extra_sets"])
    now, then = (
        simulate(
            Scenario.from_strengths(
                latest["left"], latest["right"], strong_sets=DOSE["strong_sets"],
                weak_extra_sets=extra, weeks=52, cause="disuse",
            ),
            params,
        ).parity_at(target).typical
        for extra in (DOSE["extra_sets"], DOSE["extra_sets"] + more)
    )  # fmt: skip
    behind = WORDS.tracker.behind
    at_limit = fill(behind.at_limit, weak_sets=DOSE["strong_sets"] + DOSE["extra_sets"])
    assert progress.suggestion.startswith(at_limit) is (now == then)


def test_behind_beyond_the_gap_limit_gets_the_plain_message(params):
    progress = assess("0,6,12\n8,4.5,12.5", params, cause="disuse")
    assert progress.status == "behind"
    assert params.gap_limit.explain() in progress.suggestion


def test_behind_at_the_limit_suggests_checks_not_more_sets(params):
    log = parse_progress("week,left,right\n0,6,12\n8,4.5,12.5\n")
    progress = assess_progress(log, params, strong_sets=6, extra_sets=4, max_weak_sets=10)
    expected = f"{fill(WORDS.tracker.behind.at_limit, weak_sets=10)} {WORDS.tracker.behind.checks}"
    assert [c.status for c in progress.cases.values()] == ["behind", "behind"]
    assert progress.suggestion == expected


def test_the_forecast_starts_from_the_first_test_and_covers_the_latest(params):
    log = parse_progress("week,left,right\n10,10,12\n80,11,12\n")
    progress = assess_progress(log, params, **DOSE, weeks=52)
    for case in progress.cases.values():
        assert case.band()["week"].min() == 10  # the log's own week numbers
        assert case.band()["week"].max() == 80
        plan = case.forecast.posterior.plan
        assert plan.weak_side == "left" and plan.weak_extra_sets == DOSE["extra_sets"]


def test_no_usable_row_gives_no_assessment(params):
    assert assess_progress(parse_progress("week,left,right\nx,y,z\n"), params, **DOSE) is None


# --------------------------------------------------------------------------- where the gap comes from


@pytest.mark.parametrize("cause", CAUSES)
def test_the_saved_cause_reads_back_and_sets_the_forecast(params, cause):
    log = parse_progress("week,left,right\n0,10,12\n4,11,12.5\n")
    saved = parse_progress(log_csv(log, cause))
    assert saved.cause == cause and saved.cause_problem is None
    assert saved.rows.equals(log.rows)
    assert list(assess_progress(saved, params, **DOSE).cases) == list(cases_of(cause))


def test_a_log_without_a_cause_line_has_an_unknown_cause():
    log = parse_progress("week,left,right\n# the cause of my gap: a sprain\n0,10,12\n")
    assert log.cause == "unknown" and log.cause_problem is None and len(log.rows) == 1


@pytest.mark.parametrize(
    "line", ["# cause: left", "# Cause: sprained wrist", '"# cause: disus",,,', "# cause:"]
)
def test_a_bad_cause_in_a_saved_log_is_one_line_and_the_rows_are_kept(line):
    log = parse_progress(f"{line}\nweek,left,right\n0,10,12\n4,11,12.5\n")
    value = CAUSE_LINE.match(line)["value"].strip()
    known = ", ".join(CAUSES[:-1]) + f" or {CAUSES[-1]}"
    assert str(log.cause_problem) == (
        f"line 1: the cause must be {known}, got {value!r}; fix the line or delete it "
        "(then the tracker shows both cases)"
    )
    assert log.cause == "unknown" and not log.problems and len(log.rows) == 2


def test_a_second_cause_line_is_named_and_the_first_is_kept():
    log = parse_progress("# cause: disuse\nweek,left,right\n# cause: handedness\n0,10,12\n")
    assert log.cause == "disuse"
    assert str(log.cause_problem) == (
        "line 3: the cause is already given on line 1; keep one cause line"
    )


# --------------------------------------------------------------------------- files from spreadsheets


@pytest.mark.parametrize(
    "raw",
    [
        b"week,left,right,notes\r0,9,12,first\r4,10,12,\r",  # old Mac line ends
        b"week;left;right;notes\r\n0;9;12;first\r\n4;10;12;\r\n",  # a decimal-comma country
        b"week\tleft\tright\tnotes\n0\t9\t12\tfirst\n4\t10\t12\t\n",  # tab-separated text
        "week,left,right,notes\n0,9,12,first\n4,10,12,\n".encode("utf-16"),  # "Unicode text"
        b"\xef\xbb\xbfweek,left,right,notes\n0,9,12,first\n4,10,12,\n",  # CSV UTF-8 (BOM)
    ],
)
def test_what_spreadsheet_programs_save_is_read(raw):
    log = parse_progress(raw)
    assert not log.problems and log.rows["week"].tolist() == [0, 4]
    assert log.rows["notes"].tolist() == ["first", ""]


def test_semicolon_files_take_a_decimal_comma_without_quotes():
    log = parse_progress("week;left;right\n0;9,5;12\n")
    assert log.rows["left"].tolist() == [9.5] and not log.problems


def test_notes_with_line_breaks_and_the_formula_guard_read_back():
    log = parse_progress('week,left,right,notes\n0,9,12,"tired,\nslept badly"\n4,10,12,\'-2 reps\n')
    assert log.rows["notes"].tolist() == ["tired,\nslept badly", "-2 reps"] and not log.problems


def test_a_repeated_column_is_named_not_silently_used():
    log = parse_progress("week,left,left,right\n0,9,10,12\n")
    assert log.rows.empty
    assert problems("week,left,left,right\n0,9,10,12\n") == [
        "line 1: the first line names the column 'left' more than once; keep one"
    ]


def test_a_week_of_thousands_of_digits_is_a_problem_not_an_exception():
    log = parse_progress("week,left,right\n" + "9" * 5000 + ",9,12\n0,9,12\n")
    assert log.rows["week"].tolist() == [0]
    assert log.problems[0].reason.startswith("week must be a whole number from 0 to 156")
