"""The progress tracker: bad rows are named by line and reason, good rows are kept, nothing raises."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backbalance.assessment.logic import mdc95
from backbalance.course import Course
from backbalance.strength_gap.parameters import load_model_parameters
from backbalance.strength_gap.wording import fill, load_forecast_wording
from backbalance.tracker.data import LINE_END, parse_progress, progress_from_rows, read_progress_csv
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


def test_the_example_is_on_track_inside_the_band(params):
    progress = assess_progress(
        read_progress_csv(DATA / "examples" / "progress.csv"), params, **DOSE
    )
    band = progress.band().set_index("week").loc[12]
    assert band["lsi_read_p10"] <= 85.7 <= band["lsi_read_p90"]  # the band the chart shows
    assert progress.status == "on track" and "Keep going" in progress.suggestion


def test_a_single_test_is_the_baseline_and_the_forecast_is_the_prior(params):
    progress = assess_progress(parse_progress("week,left,right\n0,10,12\n"), params, **DOSE)
    assert progress.status == "baseline" and progress.band()["lsi"].iloc[0] == pytest.approx(
        100 * 10 / 12
    )
    pd.testing.assert_frame_equal(progress.band(), progress.band(prior=True))
    assert progress.message().startswith(WORDS.forecast.start_only)
    assert progress.suggestion == WORDS.tracker.baseline


def test_ahead_of_the_band(params):
    assert (
        assess_progress(
            parse_progress("week,left,right\n0,6,12\n4,8.5,12\n"), params, **DOSE
        ).status
        == "ahead"
    )


def test_within_the_noise_of_the_typical_forecast_is_on_track(params):
    """Ahead or behind only when the result differs from the typical forecast (before the
    log) by more than the strength test's smallest real change, mdc95(SEM) (issue 11)."""
    noise = mdc95(Course.find().assessment.strength.test_error.sem_percent)
    for rows in ("0,10,12\n4,11,12.5", "0,10,12\n8,10,12.5"):
        progress = assess_progress(parse_progress(f"week,left,right\n{rows}\n"), params, **DOSE)
        week = progress.log.rows["week"].iloc[-1]
        middle = progress.band(prior=True).set_index("week").loc[week, "lsi"]
        assert abs(progress.log.rows["lsi"].iloc[-1] - middle) <= noise
        assert progress.status == "on track"
    strict = assess_progress(
        parse_progress("week,left,right\n0,10,12\n4,11,12.5\n"), params, **DOSE, sem_percent=0.01
    )
    assert strict.status == "ahead"


def test_reaching_the_target_says_move_on(params):
    progress = assess_progress(
        parse_progress("week,left,right\n0,10,12\n8,12,13\n"), params, **DOSE
    )
    assert progress.status == "reached"
    assert progress.suggestion == fill(
        WORDS.tracker.reached,
        lsi=f"{progress.log.rows['lsi'].iloc[-1]:g}",
        target=f"{params.lsi_targets.value[0]:g}",
    )


def test_behind_suggests_more_weak_side_sets_within_the_limit(params):
    log = parse_progress("week,left,right\n0,9,12\n8,7,12.5\n")
    progress = assess_progress(log, params, **DOSE)
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


def test_behind_beyond_the_gap_limit_gets_the_plain_message(params):
    log = parse_progress("week,left,right\n0,6,12\n8,4.5,12.5\n")
    progress = assess_progress(log, params, **DOSE)
    assert progress.status == "behind"
    assert params.gap_limit.explain() in progress.suggestion


def test_behind_at_the_limit_suggests_checks_not_more_sets(params):
    log = parse_progress("week,left,right\n0,6,12\n8,4.5,12.5\n")
    progress = assess_progress(log, params, strong_sets=6, extra_sets=4, max_weak_sets=10)
    assert progress.status == "behind"
    assert progress.suggestion == (
        f"{fill(WORDS.tracker.behind.at_limit, weak_sets=10)} {WORDS.tracker.behind.checks}"
    )


def test_the_forecast_starts_from_the_first_test_and_covers_the_latest(params):
    log = parse_progress("week,left,right\n10,10,12\n80,11,12\n")
    progress = assess_progress(log, params, **DOSE, weeks=52)
    assert progress.band()["week"].min() == 10  # the log's own week numbers
    assert progress.band()["week"].max() == 80
    assert (
        progress.forecast.posterior.plan.weak_side == "left"
        and progress.forecast.posterior.plan.weak_extra_sets == DOSE["extra_sets"]
    )


def test_no_usable_row_gives_no_assessment(params):
    assert assess_progress(parse_progress("week,left,right\nx,y,z\n"), params, **DOSE) is None


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
