"""Hostile or broken input: each case gets one line naming the file, quickly, never a traceback.

The cases are the ones of the security review (billion laughs, duplicate keys, a folder or a
link loop where a file should be, deep nesting, huge numbers, pipes, links out of the class
folder, huge files, an empty calendar, control characters) against the one data reader
(:mod:`backbalance.common.read`), ``validate``, ``simulate``, the class loader and the
calendar export.
"""

from __future__ import annotations

import json
import os
import time
import unicodedata
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path

import pytest

from backbalance.assessment.hand_in import hand_in
from backbalance.assessment.profile import load_profile, read_profile
from backbalance.classroom.data import (
    LIMITS,
    LINE_PROBLEMS,
    SUFFIXES,
    FileProblem,
    load_class_folder,
)
from backbalance.cli import MAX_DRAWS, main
from backbalance.common.read import (
    FILE_LIMIT,
    NUMBER_DIGITS,
    YAML_DEPTH,
    DataError,
    Problem,
    read_csv_rows,
    read_yaml,
)
from backbalance.habits.app import MicrobreakApp
from backbalance.habits.ics import breaks_calendar
from backbalance.habits.logic import Break
from backbalance.tracker.data import MAX_WEEK, parse_progress


def laughs(levels: int) -> str:
    """The "billion laughs": each anchor repeats the one before nine times (9**levels)."""
    lines = ['  - &a0 "lol"']
    lines += [f"  - &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]" for k in range(1, levels + 1)]
    return "caveat:\n" + "\n".join(lines) + "\n"


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_yaml(path)
    return [str(problem) for problem in caught.value.problems]


def validate(copy: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The lines ``validate`` prints for the copy, after checking it failed cleanly."""
    capsys.readouterr()
    status = main(["validate", str(copy / "data"), "--bib", str(copy / "references.bib")])
    out, err = capsys.readouterr()
    assert status == 1 and out == "" and "Traceback" not in err
    return err.splitlines()


# --------------------------------------------------------------------------- YAML and CSV


def test_a_billion_laughs_is_refused_at_its_first_alias_in_well_under_a_second(tmp_path):
    path = tmp_path / "habits.yml"
    path.write_text(laughs(12), encoding="utf-8")  # 9**12 strings once expanded
    started = time.perf_counter()
    found = problems(path)
    assert time.perf_counter() - started < 1
    assert found == [
        f"{path}, line 3, column 10: not valid YAML (uses an alias (*name); write the value out instead)"
    ]


def test_validate_refuses_a_billion_laughs_in_a_data_file_in_one_line(copy, capsys):
    habits = copy / "data" / "habits.yml"
    text = habits.read_text(encoding="utf-8")
    start = text.index("caveat:")
    end = text.index("\n", text.index("\n", start) + 1)  # the caveat's key and first line
    habits.write_text(text[:start] + laughs(10) + text[end + 1 :], encoding="utf-8")
    line, summary = validate(copy, capsys)
    assert line.startswith("data/habits.yml, line ") and "uses an alias (*name)" in line
    assert summary == "1 problem(s) found; nothing was built."


def test_a_key_written_twice_is_an_error_naming_the_second_one(tmp_path):
    path = tmp_path / "model_parameters.yml"
    path.write_text("weekly_gain_rate:\n  value: 0.02\n  value: 0.4\n", encoding="utf-8")
    assert problems(path) == [
        f"{path}, line 3, column 3: not valid YAML (repeats the key 'value'; keep one of them)"
    ]


def test_the_same_key_in_two_sections_is_fine(tmp_path):
    path = tmp_path / "ok.yml"
    path.write_text("a:\n  value: 1\nb:\n  value: 2\n", encoding="utf-8")
    assert read_yaml(path) == {"a": {"value": 1}, "b": {"value": 2}}


def test_nesting_deeper_than_the_limit_is_one_line_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.yml"
    path.write_text("caveat: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    assert problems(path) == [
        # the top-level mapping is the first level, "caveat: " takes 8 columns
        f"{path}, line 1, column {8 + YAML_DEPTH}: not valid YAML "
        f"(nests lists or sections more than {YAML_DEPTH} deep)"
    ]


def test_nesting_at_the_limit_is_read(tmp_path):
    path = tmp_path / "deep.yml"
    path.write_text("[" * YAML_DEPTH + "]" * YAML_DEPTH + "\n", encoding="utf-8")
    assert read_yaml(path) is not None


def test_a_five_thousand_digit_integer_is_one_line(tmp_path):
    path = tmp_path / "model_parameters.yml"
    path.write_text("gap:\n  value: " + "7" * 5_000 + "\n", encoding="utf-8")
    assert problems(path) == [
        f"{path}, line 2, column 10: not valid YAML "
        f"(has a number of 5,000 digits; at most {NUMBER_DIGITS} are allowed)"
    ]


def test_validate_names_a_huge_csv_number_without_a_traceback(copy, capsys):
    exercises = copy / "data" / "exercises.csv"
    rows = exercises.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = rows[1].split(",")
    cells[header.index("sets")] = "9" * 5_000
    exercises.write_text("\n".join([rows[0], ",".join(cells), *rows[2:]]) + "\n", encoding="utf-8")
    lines = validate(copy, capsys)
    assert lines[0].startswith("data/exercises.csv, row 2")
    assert all(len(line) < 300 for line in lines)


@pytest.mark.parametrize(
    ("file", "follows"),
    [
        ("habits.yml", []),
        (
            "exercises.csv",
            [
                "data/plan_templates.yml: cannot check the exercises it names until "
                "data/exercises.csv is fixed"
            ],
        ),
        # the review quiz names questions of causes.yml: it says so too
        ("quizzes/causes.yml", ["data/quizzes/review.yml, review["]),
    ],
)
def test_a_folder_where_a_data_file_should_be_is_one_line(copy, capsys, file, follows):
    path = copy / "data" / file
    path.unlink()
    path.mkdir()
    lines = validate(copy, capsys)
    assert lines[0] == f"data/{file}: is a folder, not a file"
    assert lines[-1] == f"{len(lines) - 1} problem(s) found; nothing was built."
    assert all(any(line.startswith(start) for start in follows) for line in lines[1:-1])
    assert all(any(line.startswith(start) for line in lines[1:-1]) for start in follows)


def test_a_link_loop_where_a_data_file_should_be_is_one_line(copy, capsys):
    habits = copy / "data" / "habits.yml"
    habits.unlink()
    habits.symlink_to("habits.yml")
    assert validate(copy, capsys) == [
        f"{habits}: cannot be read (Too many levels of symbolic links)",
        "1 problem(s) found; nothing was built.",
    ]


def test_a_data_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "habits.yml"
    with path.open("wb") as handle:
        handle.truncate(FILE_LIMIT + 1)
    assert problems(path) == [
        f"{path}: is {FILE_LIMIT + 1:,} bytes, more than the {FILE_LIMIT:,} allowed"
    ]
    with pytest.raises(DataError, match="more than the"):
        read_csv_rows(path)


def test_a_pipe_where_a_data_file_should_be_is_refused_without_blocking(tmp_path):
    path = tmp_path / "exercises.csv"
    os.mkfifo(path)
    with pytest.raises(DataError) as caught:
        read_csv_rows(path)
    assert caught.value.problems == [
        Problem(str(path), "", "is not a regular file (a pipe, a device or a socket)")
    ]


def test_a_bibliography_that_is_a_device_is_one_line(copy, capsys):
    capsys.readouterr()
    assert main(["validate", str(copy / "data"), "--bib", os.devnull]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{os.devnull}: is not a regular file (a pipe, a device or a socket)",
        "1 problem(s) found; nothing was built.",
    ]


# --------------------------------------------------------------------------- profile JSON


def test_a_profile_that_says_red_flag_twice_is_refused_not_read_as_the_last():
    text = json.dumps({"format": "back-in-balance/profile", "version": 1})[:-1]
    text += ', "red_flag": "urgent", "red_flag": "none"}'
    with pytest.raises(DataError) as caught:
        read_profile(text, "upload.json")
    (problem,) = caught.value.problems
    assert problem.file == "upload.json"
    assert "repeats the key 'red_flag'; keep one of them" in problem.message


# --------------------------------------------------------------------------- simulate


def test_draws_above_the_limit_are_refused_in_one_line(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["simulate", "--gap", "25", "--strong-sets", "9", "--draws", str(MAX_DRAWS + 1)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        "python -m backbalance simulate: error: argument --draws: "
        f"must be at most {MAX_DRAWS:,}, got {MAX_DRAWS + 1:,} (see --help)\n"
    )


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        (os.devnull, "is not a regular file (a pipe, a device or a socket)"),
        (".", "is a folder, not a file"),
    ],
)
def test_params_that_are_not_a_regular_file_are_refused_in_one_line(capsys, params, reason):
    assert main(["simulate", "--gap", "25", "--strong-sets", "9", "--params", params]) == 1
    assert capsys.readouterr().err.endswith(f": {reason}\n")


# --------------------------------------------------------------------------- class folder


def test_links_out_of_the_class_folder_are_reported_and_not_read(tmp_path, course):
    outside, folder = tmp_path / "outside", tmp_path / "class"
    outside.mkdir()
    folder.mkdir()
    secret = outside / "secret.hand-in.json"
    secret.write_bytes(desk_worker_hand_in(course))
    (folder / "link.hand-in.json").symlink_to(secret)
    results = load_class_folder(folder, course.assessment)
    assert results.profiles.empty
    assert results.problems == (
        FileProblem(
            "link.hand-in.json",
            "is a link to a file outside the class folder; copy the file in instead; file skipped",
        ),
    )


def test_a_link_inside_the_class_folder_is_read(tmp_path, course):
    (tmp_path / "week-1").mkdir()
    real = tmp_path / "week-1" / "ash.hand-in.json"
    real.write_bytes(desk_worker_hand_in(course))
    (tmp_path / "latest.hand-in.json").symlink_to(real)
    results = load_class_folder(tmp_path, course.assessment)
    assert results.problems == (  # it was read: the same measurements as the file it names
        FileProblem(
            "latest.hand-in.json",
            "has the same content as week-1/ash.hand-in.json; only the first is used, file skipped",
        ),
    )


def test_pipes_and_link_loops_in_the_class_folder_are_skipped_without_blocking(tmp_path, course):
    os.mkfifo(tmp_path / "pipe.hand-in.json")
    (tmp_path / "loop.progress.csv").symlink_to("loop.progress.csv")
    started = time.perf_counter()
    results = load_class_folder(tmp_path, course.assessment)
    assert time.perf_counter() - started < 5
    assert results.problems == (
        FileProblem("loop.progress.csv", "is a link that leads nowhere; file skipped"),
        FileProblem(
            "pipe.hand-in.json",
            "is not a regular file (a pipe, a device or a socket); file skipped",
        ),
    )


def desk_worker_hand_in(course) -> bytes:
    """The example desk worker's file for the class (no health answer in it)."""
    profile = load_profile(course.path("examples") / "desk-worker.json")
    return hand_in(profile, course.assessment).to_json().encode()


@pytest.mark.parametrize("kind", ["profile", "progress"])
def test_a_student_file_over_its_limit_is_reported_and_skipped(tmp_path, course, kind):
    name = "big" + SUFFIXES[kind]
    with (tmp_path / name).open("wb") as handle:
        handle.truncate(LIMITS[kind] + 1)
    results = load_class_folder(tmp_path, course.assessment)
    assert results.problems == (
        FileProblem(
            name,
            f"is {LIMITS[kind] + 1:,} bytes, more than the {LIMITS[kind]:,} allowed; file skipped",
        ),
    )


def test_a_week_of_4300_digits_is_a_line_problem_not_an_exception(tmp_path, course):
    (tmp_path / "ash.progress.csv").write_text(
        "week,left,right\n0,9,12\n" + "1" * 4_300 + ",10,12\n", encoding="utf-8"
    )
    results = load_class_folder(tmp_path, course.assessment)
    assert results.progress["week"].tolist() == [0]
    (problem,) = results.problems
    assert problem.reason.startswith(f"line 3: week must be a whole number from 0 to {MAX_WEEK}")
    assert parse_progress("week,left,right\n" + "0" * 5_000 + "7,9,12\n").rows["week"].tolist() == [
        7
    ]


def test_line_problems_sort_as_numbers_and_stop_at_the_cap(tmp_path, course):
    lines = ["week,left,right", "0,9,12", *[f"{week},x,12" for week in range(1, 40)]]
    (tmp_path / "ash.progress.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = load_class_folder(tmp_path, course.assessment)
    numbers = [int(problem.reason.split()[1].rstrip(":")) for problem in results.problems]
    assert numbers == list(range(3, 3 + LINE_PROBLEMS + 1))  # line 10 after line 9
    assert results.problems[-1].reason == (
        f"line {3 + LINE_PROBLEMS} and after: {39 - LINE_PROBLEMS} more unusable lines, not listed"
    )


def test_a_student_who_hands_in_every_week_keeps_the_newest_by_date(tmp_path, course):
    example = json.loads(desk_worker_hand_in(course))
    for week, lsi, age in [("week-2", 70.0, 0), ("week-10", 80.0, 3_600)]:
        (tmp_path / week).mkdir()
        path = tmp_path / week / "ash.hand-in.json"
        path.write_text(json.dumps(example | {"lsi": lsi}), encoding="utf-8")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))  # week-2 is the newer file
    results = load_class_folder(tmp_path, course.assessment)
    assert results.profiles[["file", "lsi"]].values.tolist() == [["week-2/ash.hand-in.json", 70.0]]
    assert results.earlier[["file", "lsi"]].values.tolist() == [["week-10/ash.hand-in.json", 80.0]]
    assert results.earlier["handed_in"].dt.year.tolist() == [1970]


# --------------------------------------------------------------------------- calendar


def test_an_empty_plan_gives_no_calendar(course):
    with pytest.raises(ValueError, match="No break fits in this workday"):
        breaks_calendar(
            [], date(2026, 3, 2), datetime(2026, 3, 1, tzinfo=UTC), course.habits.microbreaks
        )


def test_the_planner_says_so_and_saves_nothing_when_no_break_fits(tmp_path, course):
    app = MicrobreakApp(course.habits, folder=tmp_path)
    app.controls["start"].value, app.controls["end"].value = "09:00", "09:05"
    assert app.save() is None
    assert "No break fits in this workday" in app.files.status.value
    assert list(tmp_path.iterdir()) == []


def test_control_characters_from_data_never_reach_the_calendar(course):
    hostile = "Stand\x00 up\x0bnow\x0c\x1b[31m\x7f\x85done\u2028\tok"
    text = breaks_calendar(
        [Break(clock(10), 2, hostile)],
        date(2026, 3, 2),
        datetime(2026, 3, 1, tzinfo=UTC),
        course.habits.microbreaks,
    )
    allowed = {"\t", "\r", "\n"}  # a tab may stay; CRLF ends each line
    assert not [char for char in text if unicodedata.category(char) == "Cc" and char not in allowed]
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert "SUMMARY:Microbreak: Stand up\\nnow\\n[31m\\ndone\\n\tok" in unfolded
