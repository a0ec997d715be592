"""Saving a learner's files: only inside the work folder, whole or not at all, never over an
earlier file without asking, and every refusal or failure in one line (never a traceback)."""

from __future__ import annotations

import errno
import html
import os
from datetime import date
from pathlib import Path

import pytest

from backbalance.assessment.app import AssessmentApp
from backbalance.assessment.profile import load_profile
from backbalance.common.controls import Saver
from backbalance.common.files import FileExists, SaveError, WorkFolder
from backbalance.habits.app import HabitTrackerApp, MicrobreakApp
from backbalance.programme.app import ProgrammeApp
from backbalance.programme.build import Setup, build_programme
from backbalance.tracker.app import ProgressApp
from backbalance.tracker.data import parse_progress, read_progress_csv
from backbalance.tracker.progress import assess_progress

OLD = "week,left,right,notes\r\n0,9,12,MY PRECIOUS FIRST TEST\r\n4,10,12,\r\n8,11,12.5,\r\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """The learner's work folder, with a course folder beside it that no save may touch."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    return folder


def text(saver: Saver) -> str:
    return saver.status.value


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("", "Type a file name first, such as my_file.csv."),
        ("   ", "Type a file name first, such as my_file.csv."),
        ("../outside.csv", "'../outside.csv' is outside this notebook's folder"),
        ("progress_and_habits.ipynb", "is a notebook, and saving would replace it"),
        ("log.json", "log.json must end in .csv, such as my_file.csv."),
        ("missing/log.csv", "The folder missing does not exist"),
        ("sub", "sub is a folder; type a file name"),
        ("a\nb.csv", "holds a control character"),
        ("x" * 300 + ".csv", "the name is too long"),
    ],
)
def test_a_name_that_cannot_be_used_is_refused_in_one_line(work, name, said):
    (work / "sub").mkdir()
    (work / "progress_and_habits.ipynb").write_text("{}")
    with pytest.raises(SaveError) as refused:
        WorkFolder(work, protected=()).save(name, "week,left,right\n", suffixes=(".csv",))
    assert said in refused.value.message and "\n" not in refused.value.message
    assert (work / "progress_and_habits.ipynb").read_text() == "{}"
    assert sorted(p.name for p in work.iterdir()) == ["progress_and_habits.ipynb", "sub"]


def test_an_absolute_path_outside_and_a_link_out_are_refused(work, tmp_path):
    outside = tmp_path / "outside.json"
    outside.write_text("keep")
    (work / "link.json").symlink_to(outside)
    folder = WorkFolder(work, protected=())
    for name in (str(outside), "link.json", str(tmp_path / "notebooks" / ".." / "outside.json")):
        with pytest.raises(SaveError):
            folder.save(name, "{}", suffixes=(".json",), replace=True)
    assert outside.read_text() == "keep"


def test_course_data_is_refused_even_inside_the_work_folder(tmp_path):
    """Run from the repository root, data/ is inside the working folder: it is still refused."""
    (tmp_path / "data" / "assessment").mkdir(parents=True)
    screen = tmp_path / "data" / "assessment" / "red_flags.json"
    screen.write_text("the red-flag screen")
    folder = WorkFolder(tmp_path, protected=(tmp_path / "data",))
    with pytest.raises(SaveError, match="is part of the course's own files"):
        folder.save("data/assessment/red_flags.json", "{}", suffixes=(".json",), replace=True)
    assert screen.read_text() == "the red-flag screen"


def test_by_default_the_course_data_and_the_package_are_protected(course):
    protected = [p.resolve() for p in WorkFolder().protected]
    assert course.data.resolve() in protected
    assert any((p / "common" / "files.py").exists() for p in protected)


# --------------------------------------------------------------------------- never over a file unasked


def test_an_existing_file_is_kept_until_the_learner_says_replace(work):
    (work / "my_progress.csv").write_text(OLD)
    folder = WorkFolder(work, protected=())
    with pytest.raises(FileExists) as exists:
        folder.save("my_progress.csv", "week,left,right\r\n", suffixes=(".csv",))
    assert (work / "my_progress.csv").read_bytes() == OLD.encode()
    assert exists.value.alternative == f"my_progress-{date.today().isoformat()}.csv"
    folder.save("my_progress.csv", "new", replace=True)
    assert (work / "my_progress.csv").read_text() == "new"


def test_dated_names_count_up_when_taken(work):
    folder = WorkFolder(work, protected=())
    day = date(2026, 12, 1)
    (work / "log-2026-12-01.csv").write_text("")
    assert folder.dated_name("log.csv", day) == "log-2026-12-01-2.csv"


def test_the_saver_asks_then_replaces_renames_or_cancels(work):
    (work / "my_habits.csv").write_text("old")
    saver = Saver(WorkFolder(work, protected=()))
    assert saver.save("my_habits.csv", "first", (".csv",)) is None
    assert "my_habits.csv already exists in this folder. Replace it" in text(saver)
    assert saver.question.layout.display == "flex"
    saver.cancel_button.click()
    assert (work / "my_habits.csv").read_text() == "old" and "Not saved" in text(saver)
    assert saver.question.layout.display == "none"
    saver.save("my_habits.csv", "second", (".csv",))
    saver.rename_button.click()
    dated = work / f"my_habits-{date.today().isoformat()}.csv"
    assert dated.read_text() == "second" and (work / "my_habits.csv").read_text() == "old"
    saver.save("my_habits.csv", "third", (".csv",))
    saver.replace_button.click()
    assert (work / "my_habits.csv").read_text() == "third" and "Saved my_habits.csv" in text(saver)


def test_the_status_is_cleared_before_each_action(work):
    saver = Saver(WorkFolder(work, protected=()))
    saver.save("a.csv", "x", (".csv",))
    assert "Saved a.csv" in text(saver)
    saver.save("", "x", (".csv",))
    assert "Saved" not in text(saver) and "Type a file name" in text(saver)


# --------------------------------------------------------------------------- failures leave the old file whole


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "this folder cannot be written to"),
        (errno.EACCES, "this folder cannot be written to"),
    ],
)
def test_a_failed_write_says_why_and_leaves_the_old_file_and_no_scraps(
    work, monkeypatch, code, said
):
    (work / "my_programme.csv").write_text("a good programme")
    real_fsync = os.fsync

    def fail(fd: int) -> None:  # the data is in the temporary file: the disk fills up now
        real_fsync(fd)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    saver = Saver(WorkFolder(work, protected=()))
    saver.save("my_programme.csv", "half" * 10_000, (".csv",))
    saver.replace_button.click()
    assert f"Could not save my_programme.csv: {said}" in text(saver)
    assert "Nothing was changed" in text(saver)
    assert (work / "my_programme.csv").read_text() == "a good programme"
    assert [p.name for p in work.iterdir()] == ["my_programme.csv"]


def test_a_read_only_folder_is_a_message(work, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    saver = Saver(WorkFolder(work, protected=()))
    assert saver.save("microbreaks.ics", "BEGIN:VCALENDAR", (".ics",)) is None
    assert "this folder cannot be written to (it is read-only or not yours)" in text(saver)


def test_reading_refuses_what_is_not_a_small_regular_file(work):
    os.mkfifo(work / "pipe.csv")
    (work / "big.csv").write_bytes(b"0" * 100)
    folder = WorkFolder(work, protected=())
    with pytest.raises(SaveError, match="is not a regular file"):
        folder.read("pipe.csv")
    with pytest.raises(SaveError, match="too big"):
        folder.read("big.csv", limit=10)
    with pytest.raises(SaveError, match=r"There is no file called gone\.csv"):
        folder.read("gone.csv")


# --------------------------------------------------------------------------- the apps


def test_answers_and_profile_boxes_refuse_course_data_notebooks_and_outside(data_app_folder):
    app, work = data_app_folder
    for name in ("../data/assessment/red_flags.yml", "self_assessment.ipynb", "/tmp/x.json"):
        app.answers_file.value = name
        assert app.save_answers() is None
        assert "Saved" not in app.files.status.value
    assert sorted(p.name for p in work.iterdir()) == ["self_assessment.ipynb"]
    assert (work.parent / "data" / "assessment" / "red_flags.yml").read_text() == "screen"


@pytest.fixture
def data_app_folder(assessment, tmp_path):
    (tmp_path / "data" / "assessment").mkdir(parents=True)
    (tmp_path / "data" / "assessment" / "red_flags.yml").write_text("screen")
    work = tmp_path / "notebooks"
    work.mkdir()
    (work / "self_assessment.ipynb").write_text("{}")
    return AssessmentApp(assessment, folder=work), work


def test_saving_answers_twice_asks_before_replacing(alex, assessment, tmp_path):
    app = AssessmentApp(assessment, folder=tmp_path)
    app.set_state(alex)
    assert app.save_answers() == tmp_path / "my_answers.json"
    first = (tmp_path / "my_answers.json").read_text()
    app.set_state({**alex, "hold-flexor": "99"})
    assert app.save_answers() is None and "already exists" in app.files.status.value
    assert (tmp_path / "my_answers.json").read_text() == first
    app.files.replace_button.click()
    assert '"hold-flexor": "99"' in (tmp_path / "my_answers.json").read_text()


@pytest.fixture
def sam(course):
    return load_profile(course.path("examples", "desk-worker.json"))


def programme_app(course, folder, **options):
    return ProgrammeApp(
        course.exercises, course.programme_template, course.parameters, folder=folder, **options
    )


def test_the_programme_saves_ask_before_replacing(course, sam, tmp_path):
    app = programme_app(course, tmp_path, profile=sam)
    app.build()
    assert app.save_csv() == tmp_path / "my_programme.csv"
    assert app.save_handout() == tmp_path / "my_programme.html"
    (tmp_path / "my_programme.csv").write_text("edited by the learner")
    assert app.save_csv() is None and "already exists" in app.files.status.value
    assert (tmp_path / "my_programme.csv").read_text() == "edited by the learner"
    app.build()  # a new action: the question and the old status go
    assert app.files.status.value == "" and app.files.question.layout.display == "none"


def test_the_programme_app_starts_from_the_learners_own_profile(course, sam, tmp_path):
    own = course.path("examples", "racquet-player.json").read_bytes()
    (tmp_path / "my_profile.json").write_bytes(b"\xef\xbb\xbf" + own)  # saved by Notepad
    app = programme_app(course, tmp_path, profile=sam)
    assert app.loaded == load_profile(course.path("examples", "racquet-player.json"))
    assert "(from my_profile.json)" in app.loaded_text.value


def test_a_returning_learner_keeps_the_whole_log(course, tmp_path):
    (tmp_path / "my_progress.csv").write_bytes(OLD.encode())
    example = read_progress_csv(course.path("examples", "progress.csv"))
    app = ProgressApp(
        course.exercises, course.programme_template, course.parameters,
        folder=tmp_path, example=example,
    )  # fmt: skip
    assert app.rows[0]["notes"].value == "MY PRECIOUS FIRST TEST"
    assert "Loaded your log my_progress.csv: 3 tests" in app.log_status.value
    app.add_row()
    for column, value in zip(("week", "left", "right"), ("12", "11.5", "12.5"), strict=True):
        app.rows[-1][column].value = value
    assert app.save() is None and "already exists" in app.files.status.value
    app.files.replace_button.click()
    saved = parse_progress((tmp_path / "my_progress.csv").read_bytes())
    assert saved.rows["week"].tolist() == [0, 4, 8, 12] and not saved.problems
    assert saved.rows["notes"].iloc[0] == "MY PRECIOUS FIRST TEST"


def test_the_example_rows_come_only_when_asked_for(course, tmp_path):
    example = read_progress_csv(course.path("examples", "progress.csv"))
    app = ProgressApp(
        course.exercises, course.programme_template, course.parameters,
        folder=tmp_path, example=example,
    )  # fmt: skip
    assert [row["week"].value for row in app.rows] == [""]
    app.start_from_example()
    assert [row["week"].value for row in app.rows] == [str(w) for w in example.rows["week"]]


def test_a_bad_row_stops_the_save_so_nothing_typed_is_dropped(course, tmp_path):
    app = ProgressApp(
        course.exercises, course.programme_template, course.parameters, folder=tmp_path
    )
    for column, value in zip(("week", "left", "right"), ("0", "nine", "12"), strict=True):
        app.rows[0][column].value = value
    assert app.save() is None
    assert "Row 1: left must be a number" in app.files.status.value
    assert not (tmp_path / "my_progress.csv").exists()


def test_the_tracker_compares_with_the_learners_own_programme(course, tmp_path):
    own = load_profile(course.path("examples", "racquet-player.json"))
    (tmp_path / "my_profile.json").write_text(own.to_json(), encoding="utf-16")
    setup = Setup(days_per_week=3, equipment={"dumbbell"})
    app = ProgressApp(
        course.exercises, course.programme_template, course.parameters,
        folder=tmp_path, setup=setup,
    )  # fmt: skip
    assert app.profile == own and "my_profile.json" in app.profile_status.value
    rows = (("0", "10", "12"), ("8", "10", "12.2"))
    app.add_row()
    for boxes, values in zip(app.rows, rows, strict=True):
        for column, value in zip(("week", "left", "right"), values, strict=True):
            boxes[column].value = value
    app.compare()
    mine = build_programme(
        own, setup, course.exercises, course.programme_template, course.parameters
    )
    expected = assess_progress(
        app.log(),
        course.parameters,
        strong_sets=mine.strong_sets,
        extra_sets=mine.extra_sets,
        max_weak_sets=mine.max_weak_sets,
        status=own.training_status or "novice",
    )
    assert expected.suggestion in html.unescape(app.verdict.value)


def test_without_a_profile_the_tracker_says_so_instead_of_using_the_example(course, tmp_path):
    app = ProgressApp(
        course.exercises, course.programme_template, course.parameters, folder=tmp_path
    )
    assert (
        app.profile is None
        and "There is no file called my_profile.json" in app.profile_status.value
    )
    for column, value in zip(("week", "left", "right"), ("0", "10", "12"), strict=True):
        app.rows[0][column].value = value
    app.compare()
    assert "Load your profile" in app.verdict.value


def test_the_habit_week_is_saved_and_loaded_next_time(course, tmp_path):
    app = HabitTrackerApp(course.habits, folder=tmp_path)
    ticked = list(app.boxes)[::3]
    for key in ticked:
        app.boxes[key].value = True
    assert app.save() == tmp_path / "my_habits.csv"
    again = HabitTrackerApp(course.habits, folder=tmp_path)
    assert [key for key, box in again.boxes.items() if box.value] == ticked
    assert "Loaded your week from my_habits.csv" in again.files.status.value


def test_an_empty_microbreak_plan_saves_no_calendar(course, tmp_path):
    app = MicrobreakApp(course.habits, folder=tmp_path)
    app.controls["start"].value, app.controls["end"].value = "09:00", "09:10"
    assert app.save() is None and "No break fits in this workday" in app.files.status.value
    assert not list(tmp_path.iterdir())
