"""What the course saves it reads back unchanged: the progress log (also as a spreadsheet
program re-saves it), the profile (also with a byte-order mark or in UTF-16), the answers,
the habit week, and any bytes through the work folder."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backbalance.assessment.app import AssessmentApp
from backbalance.assessment.profile import Profile, StrengthResult, TightMuscle, read_profile
from backbalance.common.files import WorkFolder
from backbalance.common.spreadsheet import spreadsheet_safe
from backbalance.course import Course
from backbalance.habits.logic import empty_week, parse_week, week_csv
from backbalance.strength_gap.dynamics import CAUSES
from backbalance.tracker.data import (
    MAX_RESULT,
    MAX_WEEK,
    NOTES_LIMIT,
    log_csv,
    parse_progress,
    progress_from_rows,
)

COURSE = Course.find()
LEARNER = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

notes = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=NOTES_LIMIT).map(
    str.strip
)
"""Any note: line breaks, apostrophes, quotes, commas, semicolons, formula starts."""
one_line_notes = notes.filter(lambda n: "\r" not in n and "\n" not in n)
results = st.floats(0.01, MAX_RESULT, allow_nan=False)


def logs(note_strategy: st.SearchStrategy[str] = notes):
    return st.lists(
        st.tuples(st.integers(0, MAX_WEEK), results, results, note_strategy),
        max_size=8,
        unique_by=lambda row: row[0],
    ).map(
        lambda rows: progress_from_rows(
            (n, {"week": str(w), "left": repr(left), "right": repr(right), "notes": note})
            for n, (w, left, right, note) in enumerate(rows, 1)
        )
    )


def same_rows(read, saved, cause="unknown") -> None:
    assert not read.problems and read.cause_problem is None, (read.problems, read.cause_problem)
    pd.testing.assert_frame_equal(read.rows, saved.rows)
    assert read.cause == cause


@LEARNER
@given(logs(), st.sampled_from(CAUSES))
def test_a_saved_log_reads_back_unchanged(log, cause):
    """The rows, and where the gap comes from (the tracker's choice, saved with them)."""
    assert not log.problems
    text = log_csv(log, cause)
    same_rows(parse_progress(text.encode("utf-8")), log, cause)
    same_rows(parse_progress(codecs.BOM_UTF8 + text.encode("utf-8")), log, cause)
    same_rows(parse_progress(text.encode("utf-16")), log, cause)
    same_rows(parse_progress(log_csv(log)), log)


@LEARNER
@given(logs(one_line_notes), st.sampled_from(["\r", "\n", "\r\n"]), st.sampled_from(CAUSES))
def test_a_log_resaved_by_a_spreadsheet_reads_back_unchanged(log, line_end, cause):
    """Old Mac line ends, and semicolons between cells with decimal commas in the numbers;
    the cause line padded with empty cells, as a spreadsheet saves it."""
    same_rows(parse_progress(log_csv(log, cause).replace("\r\n", line_end)), log, cause)
    table = log.rows[["week", "left", "right", "notes"]].copy()
    for side in ("left", "right"):
        table[side] = table[side].map(lambda x: repr(x).replace(".", ","))
    table["notes"] = table["notes"].map(spreadsheet_safe)
    semicolons = table.to_csv(sep=";", index=False, lineterminator=line_end)
    read = parse_progress(f"# cause: {cause};;;{line_end}{semicolons}")
    same_rows(read, log, cause)


profiles = st.builds(
    Profile,
    red_flag=st.just("none"),
    pre_exercise=st.just("passed"),  # a profile with tests always has the check before them
    contributors=st.lists(st.sampled_from(["carrying", "tight-side"]), unique=True).map(tuple),
    weaker_side=st.sampled_from([None, "left", "right"]),
    gap_percent=st.one_of(st.none(), st.floats(0, 100)),
    lsi=st.one_of(st.none(), st.floats(0, 100)),
    strength=st.one_of(
        st.none(),
        st.builds(
            StrengthResult,
            unit=st.sampled_from(["reps", "kg"]),
            left=st.floats(0.1, 500),
            right=st.floats(0.1, 500),
        ),
    ),
    tight_muscles=st.lists(
        st.builds(
            TightMuscle,
            muscle=st.sampled_from(["lats", "hip-flexors"]),
            side=st.sampled_from(["left", "right", "both"]),
        ),
        max_size=2,
    ).map(tuple),
    training_status=st.sampled_from([None, "novice", "trained"]),
)


@LEARNER
@given(profiles, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_a_saved_profile_reads_back_unchanged(profile, encoding):
    with tempfile.TemporaryDirectory() as folder:
        work = WorkFolder(folder, protected=())
        work.save("my_profile.json", (profile.to_json() + "\n").encode(encoding))
        assert read_profile(work.read("my_profile.json"), "my_profile.json") == profile


@settings(max_examples=10, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["hold-flexor", "hold-extensor", "strength-left", "strength-right"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    )
)
def test_saved_answers_load_back_unchanged(typed):
    with tempfile.TemporaryDirectory() as folder:
        app = AssessmentApp(COURSE.assessment, folder=folder)
        app.set_state(typed)
        state = app.state()
        assert app.save_answers() == Path(folder) / "my_answers.json"
        fresh = AssessmentApp(COURSE.assessment, folder=folder)
        assert fresh.load_answers() and fresh.state() == state


@LEARNER
@given(st.data())
def test_a_saved_habit_week_reads_back_unchanged(data):
    week = empty_week(COURSE.habits.daily)
    for habit in week.index:
        week.loc[habit] = data.draw(st.lists(st.booleans(), min_size=7, max_size=7))
    read, problems = parse_week(week_csv(week), COURSE.habits.daily)
    assert not problems
    pd.testing.assert_frame_equal(read, week)


@LEARNER
@given(st.binary(max_size=5000), st.text(alphabet="abcxyz_-", min_size=1, max_size=20))
def test_any_bytes_saved_in_the_work_folder_read_back_unchanged(content, stem):
    with tempfile.TemporaryDirectory() as folder:
        work = WorkFolder(folder, protected=())
        work.save(f"{stem}.csv", content)
        work.save(f"{stem}.csv", content[::-1], replace=True)
        assert work.read(f"{stem}.csv") == content[::-1]
        assert [p.name for p in Path(folder).iterdir()] == [f"{stem}.csv"]
