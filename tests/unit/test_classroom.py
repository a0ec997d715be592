"""Class results: good files load, bad ones are reported and skipped, summaries and charts add up.

The tiny class below is worked out by hand: three students' hand-in files (LSI 80, 90 and
70), and progress logs for two of them and for two students who handed in no hand-in file
(dee, who had a red flag and so has none, and eve).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from backbalance.assessment.data import load_assessment
from backbalance.assessment.hand_in import HandIn
from backbalance.assessment.logic import mdc95
from backbalance.assessment.profile import Profile
from backbalance.classroom.charts import (
    causes_chart,
    hand_in_chart,
    lsi_histogram,
    progress_chart,
    ratios_chart,
)
from backbalance.classroom.data import (
    ClassResults,
    FileProblem,
    load_class,
    load_class_folder,
    parse_roster,
    student_file,
)
from backbalance.classroom.logic import (
    ACTIONS,
    CHANGE_WORDS,
    cause_counts,
    hand_in_changes,
    hand_in_history,
    measure_summary,
    overview,
    progress_by_week,
    real_changes,
    roster,
    student_rows,
)
from backbalance.classroom.synthetic import (
    AGAIN,
    FIRST,
    SYNTHETIC,
    synthetic_class,
    write_synthetic_class,
)
from backbalance.strength_gap.parameters import load_model_parameters

ROOT = Path(__file__).resolve().parents[2]
DATA = load_assessment(ROOT / "data" / "assessment")
PARAMS = load_model_parameters(ROOT / "data" / "model_parameters.yml")
SAMPLE = ROOT / "data" / "sample_class"


def profile(
    left: float, right: float, causes: tuple[str, ...], holds: dict[str, float] | None = None
) -> bytes:
    lsi = round(100 * min(left, right) / max(left, right), 1)
    return (
        HandIn(
            contributors=causes,
            weaker_side="left",
            gap_percent=round(100 - lsi, 1),
            gap_test="row",
            clear_gap=lsi < 90,
            lsi=lsi,
            holds=holds or {},
        )
        .to_json()
        .encode()
    )


URGENT = Profile(red_flag="urgent", red_flag_signs=("both-legs",)).to_json().encode()
"""A full profile with a red flag: what a student must never hand in."""
TINY = {
    "ash.hand-in.json": profile(
        8,
        10,
        ("sitting", "carrying"),
        {"flexor": 100, "extensor": 100, "bridge_right": 60, "bridge_left": 60},
    ),
    "bo.hand-in.json": profile(
        9, 10, ("sitting",), {"flexor": 120, "extensor": 100, "bridge_right": 80, "bridge_left": 70}
    ),
    "cy.hand-in.json": profile(7, 10, ("carrying", "sitting")),
    "ash.progress.csv": b"week,left,right,notes\n0,8,10,private note\n4,8.5,10,\n",
    "bo.progress.csv": b"week,left,right\n0,9,10\n4,9.5,10\n",
    "dee.progress.csv": b"week,left,right\n0,5,10\n",
    "eve.progress.csv": b"week,left,right\n0,6,10\n",
}


def load(extra: dict[str, bytes] | None = None) -> ClassResults:
    return load_class({**TINY, **(extra or {})}, DATA)


def reasons(results: ClassResults) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in results.problems:
        found.setdefault(problem.file, []).append(problem.reason)
    return found


# --------------------------------------------------------------------------- loading


def test_the_tiny_class_loads_one_row_per_student_and_one_per_student_week():
    results = load()
    assert results.problems == ()
    assert results.profiles["student"].tolist() == ["ash", "bo", "cy"]
    assert results.profiles["lsi"].tolist()[:3] == [80.0, 90.0, 70.0]
    assert results.profiles["contributors"].tolist()[0] == ("sitting", "carrying")
    assert results.progress[["student", "week", "lsi"]].values.tolist() == [
        ["ash", 0, 80.0],
        ["ash", 4, 85.0],
        ["bo", 0, 90.0],
        ["bo", 4, 95.0],
        ["dee", 0, 50.0],
        ["eve", 0, 60.0],
    ]


def test_ratios_come_from_the_assessment_rules():
    row = load().profiles.set_index("student").loc["bo"]
    assert (row["side-bridge-balance"], row["flexor-extensor"], row["bridge-right-extensor"]) == (
        1.14,
        1.2,
        0.8,
    )
    assert pd.isna(
        load().profiles.set_index("student").loc["cy", "flexor-extensor"]
    )  # no holds, no ratio


def test_notes_are_never_loaded():
    results = load()
    assert "notes" not in results.progress.columns
    assert "private note" not in results.progress.to_csv()


def test_file_names_give_the_student_id_in_lower_case():
    assert student_file("week-4/Robin.HAND-IN.json") == ("robin", "profile")
    assert student_file("robin.progress.csv") == ("robin", "progress")
    assert student_file("robin_hand-in.json") is None
    assert student_file(".hand-in.json") is None


CUT = profile(8, 10, ("sitting",))[:40]


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("zed.hand-in.json", b"", "is empty"),
        ("zed.hand-in.json", CUT, "is not valid JSON (Expecting property name"),
        ("zed.hand-in.json", b"\xff\xfe\x00{", "is not valid JSON"),
        ("zed.hand-in.json", b"[1, 2]", "is not a Back in Balance hand-in file"),
        ("zed.hand-in.json", b"[" * 100_000, "is not valid JSON"),
        (
            "zed.hand-in.json",
            b'{"format": "my-app", "version": 1}',
            "is not a Back in Balance hand-in file",
        ),
        (
            "zed.hand-in.json",
            b'{"format": "back-in-balance/hand-in", "version": 2}',
            "is hand-in version 2; this notebook reads version 1",
        ),
        (
            "zed.hand-in.json",
            URGENT,
            "is a full profile, with health answers, not a hand-in file",
        ),
        (
            "zed.hand-in.json",
            profile(8, 10, ()).replace(b'"lsi": 80.0', b'"lsi": 130'),
            "has invalid values: lsi: must be at most 100",
        ),
        ("zed.hand-in.json", profile(8, 10, ("bad-cause",)), "'bad-cause' is not a known cause"),
        (
            "zed.hand-in.json",
            b'{"format": "back-in-balance/hand-in", "version": 1, "red_flag": "none"}',
            "red_flag: is not a known field",
        ),
        ("zed.progress.csv", b"", "has no usable row"),
        ("zed.progress.csv", b"phase,exercise,sets\nrelease,stretch,3\n", "has no usable row"),
        ("zed.progress.csv", b"week,left,right\n0,twelve,10\n", "has no usable row"),
    ],
)
def test_a_malformed_file_is_reported_with_its_reason_and_skipped(name, raw, reason):
    clean, results = load(), load({name: raw})
    problems = reasons(results)[name]
    assert any(reason in text and text.endswith("file skipped") for text in problems), problems
    assert_frame_equal_summaries(clean, results)
    assert "zed" not in set(results.profiles["student"]) | set(results.progress["student"])


def assert_frame_equal_summaries(a: ClassResults, b: ClassResults) -> None:
    pd.testing.assert_frame_equal(a.profiles, b.profiles)
    pd.testing.assert_frame_equal(a.progress, b.progress)
    pd.testing.assert_frame_equal(
        measure_summary(a.profiles, DATA), measure_summary(b.profiles, DATA)
    )


def test_a_log_keeps_its_good_lines_and_reports_each_bad_one():
    results = load({"zed.progress.csv": b"week,left,right\n0,9,10\n4,nine,10\n"})
    assert reasons(results) == {
        "zed.progress.csv": [
            "line 3: left must be a number above 0 and at most 1000, got 'nine' (line skipped)"
        ]
    }
    assert results.progress.query("student == 'zed'")["week"].tolist() == [0]


def test_names_that_break_the_rule_are_reported_and_other_files_ignored():
    results = load(
        {
            "zed_profile.json": TINY["ash.hand-in.json"],
            "zed.profile.json": URGENT,
            "README.md": b"# hi",
        }
    )
    rule = "its name does not follow the rule <student>.hand-in.json or <student>.progress.csv"
    assert reasons(results) == {"zed.profile.json": [rule], "zed_profile.json": [rule]}


def test_a_student_who_hands_in_every_week_is_counted_once_with_the_newest_hand_in():
    # without dates, the path that sorts last is the newest (week-10 after week-9)
    week9, week10 = profile(9, 10, ("sitting",)), profile(95, 100, ("sitting",))
    results = load({"week-9/ash.hand-in.json": week9, "week-10/ash.hand-in.json": week10})
    assert results.problems == ()
    ash = results.profiles.set_index("student").loc["ash"]
    assert ash["file"] == "week-10/ash.hand-in.json" and ash["lsi"] == 95.0
    assert results.earlier[["file", "lsi"]].values.tolist() == [
        ["ash.hand-in.json", 80.0],
        ["week-9/ash.hand-in.json", 90.0],
    ]
    assert results.earlier["handed_in"].isna().all()


def test_the_newest_hand_in_is_chosen_by_its_date_not_its_path():
    files = {**TINY, "week-2/ash.hand-in.json": profile(9, 10, ("sitting",))}
    dates = dict.fromkeys(files, 1_000.0) | {"ash.hand-in.json": 2_000.0}
    results = load_class(files, DATA, dates)
    assert results.profiles.set_index("student").loc["ash", "file"] == "ash.hand-in.json"
    assert results.earlier["file"].tolist() == ["week-2/ash.hand-in.json"]
    assert results.earlier["handed_in"].tolist() == [pd.Timestamp(1_000, unit="s", tz="UTC")]


def test_an_older_progress_log_is_reported_and_the_newest_used():
    newer = b"week,left,right\n0,8,10\n4,8.5,10\n8,9.5,10\n"
    results = load({"week-8/ash.progress.csv": newer})
    assert reasons(results) == {
        "ash.progress.csv": [
            "student 'ash' has a newer progress log, week-8/ash.progress.csv, which is used; "
            "file skipped"
        ]
    }
    assert results.progress.query("student == 'ash'")["week"].tolist() == [0, 4, 8]


def test_an_unusable_newest_file_falls_back_to_the_one_before():
    results = load({"week-8/ash.hand-in.json": b"{"})
    assert results.profiles.set_index("student").loc["ash", "file"] == "ash.hand-in.json"
    assert list(reasons(results)) == ["week-8/ash.hand-in.json"]


def test_the_same_content_under_two_names_keeps_the_first():
    results = load(
        {
            "ash-again.hand-in.json": TINY["ash.hand-in.json"],
            "bo-copy.progress.csv": b"week,left,right,notes\n0,9,10,other words\n4,9.5,10,\n",
        }
    )
    assert reasons(results) == {
        "ash-again.hand-in.json": [
            "has the same content as ash.hand-in.json; only the first is used, file skipped"
        ],
        "bo-copy.progress.csv": [
            "has the same content as bo.progress.csv; only the first is used, file skipped"
        ],
    }


def test_identical_hand_ins_without_a_test_and_single_tests_are_two_students():
    empty = HandIn().to_json().encode()
    results = load(
        {
            "fay.hand-in.json": empty,
            "gus.hand-in.json": empty,
            "fay.progress.csv": TINY["eve.progress.csv"],
        }
    )
    assert results.problems == ()
    assert {"fay", "gus"} <= set(results.profiles["student"])
    assert set(results.progress["student"]) >= {"eve", "fay"}


def test_loading_does_not_depend_on_the_order_of_the_files():
    extra = {"ash-again.hand-in.json": TINY["ash.hand-in.json"], "zz.hand-in.json": b"{"}
    forward = load_class({**TINY, **extra}, DATA)
    backward = load_class(dict(reversed(list({**TINY, **extra}.items()))), DATA)
    assert_frame_equal_summaries(forward, backward)
    assert forward.problems == backward.problems


def test_a_folder_is_read_with_sub_folders_but_without_hidden_files(tmp_path):
    (tmp_path / "week-4").mkdir()
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / "ash.hand-in.json").write_bytes(TINY["ash.hand-in.json"])
    (tmp_path / "week-4" / "bo.hand-in.json").write_bytes(TINY["bo.hand-in.json"])
    (tmp_path / ".ipynb_checkpoints" / "cy.hand-in.json").write_bytes(b"{")
    (tmp_path / "notes.txt").write_text("ignored")
    results = load_class_folder(tmp_path, DATA)
    assert results.problems == ()
    assert results.profiles["file"].tolist() == ["ash.hand-in.json", "week-4/bo.hand-in.json"]


def test_a_missing_folder_is_a_problem_not_an_error(tmp_path):
    results = load_class_folder(tmp_path / "nowhere", DATA)
    assert results.profiles.empty and results.progress.empty
    assert results.problems == (
        FileProblem(str(tmp_path / "nowhere"), "is not a folder; check the path"),
    )
    assert progress_by_week(results.progress, results.profiles).empty
    assert cause_counts(results.profiles, DATA)["students"].sum() == 0


# --------------------------------------------------------------------------- summaries


def test_overview_counts_files_and_never_red_flags():
    table = overview(load({"zed.hand-in.json": b"{"}))
    assert dict(zip(table["what"], table["number"], strict=True)) == {
        "Hand-in files loaded (each passed the safety screen)": 3,
        "Progress logs loaded": 4,
        "Problems reported (files or lines skipped)": 1,
    }
    assert not any("red flag" in what.lower() for what in table["what"])


def test_measure_summary_of_the_tiny_class():
    table = measure_summary(load().profiles, DATA).set_index("measure")
    lsi = table.loc["LSI, row test (%)"]
    assert (lsi["students"], lsi["median"], lsi["P25"], lsi["P75"], lsi["outside the limit"]) == (
        3,
        80,
        75,
        85,
        2,
    )
    assert (
        table.loc["Gap between sides (%)", "outside the limit"] == 2
    )  # ash and cy have a clear gap
    balance = table.loc["Right side bridge ÷ left side bridge"]
    assert (balance["students"], balance["limit"], balance["outside the limit"]) == (
        2,
        "0.95 to 1.05",
        1,
    )
    assert_allclose(
        balance[["median", "P25", "P75"]].astype(float), [1.07, 1.035, 1.105], atol=0.006
    )
    assert table.loc["Flexor ÷ extensor", "outside the limit"] == 1  # 1.0 is within "1.0 or less"


def test_cause_counts_most_common_first_with_labels():
    table = cause_counts(load().profiles, DATA)
    assert table.loc[:1, ["cause", "students", "share (%)", "most likely"]].values.tolist() == [
        ["Long hours of sitting", 3, 100.0, 2],
        ["Carrying on one side", 2, 67.0, 1],
    ]
    assert set(table["id"]) == {c.id for c in DATA.questionnaire.contributors}
    assert table["students"].iloc[2:].eq(0).all()


def test_progress_by_week_counts_only_students_whose_hand_in_passed_the_screen():
    table = progress_by_week(load().progress, load().profiles)
    # ash (80, 85) and bo (90, 95); not dee or eve, who handed in no hand-in file
    assert table.values.tolist() == [[0, 2, 85.0, 82.5, 87.5], [4, 2, 90.0, 87.5, 92.5]]


# --------------------------------------------------------------------------- charts


def test_lsi_histogram_splits_at_the_line_with_a_second_cue():
    fig = lsi_histogram(load().profiles, DATA)
    under, over = fig.data
    assert sorted(under.x) == [70.0, 80.0] and list(over.x) == [90.0]
    assert under.marker.pattern.shape == "/" and not over.marker.pattern.shape
    assert under.marker.color != over.marker.color
    assert fig.layout.shapes[0].x0 == 90 and fig.layout.shapes[0].line.dash == "dash"
    assert fig.layout.title.text == "Row-test LSI: 2 of 3 students under the 90% line"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def test_ratios_chart_marks_each_student_and_each_limit():
    fig = ratios_chart(load().profiles, DATA)
    traces = {trace.name: trace for trace in fig.data}
    inside, outside = traces["Within the rule"], traces["Worth a closer look"]
    assert inside.marker.symbol == "circle" and outside.marker.symbol == "x"
    assert sorted(outside.x) == [0.8, 1.14, 1.2]
    assert min(zip(outside.customdata, outside.x, strict=True)) == ("bo", 0.8)
    limits = [trace for trace in fig.data if trace.legendgroup == "limit"]
    assert [list(trace.x) for trace in limits] == [[0.95, 1.05], [1.0], [0.75], [0.75]]
    assert fig.layout.yaxis.ticktext[0].startswith("Right side bridge ÷ left side bridge<br>")


def test_causes_chart_is_labelled_and_most_common_on_top():
    counts = cause_counts(load().profiles, DATA)
    fig = causes_chart(counts, students=3)
    bar = fig.data[0]
    assert bar.orientation == "h" and list(bar.y[:2]) == [
        "Long hours of sitting",
        "Carrying on one side",
    ]
    assert list(bar.text[:2]) == ["3 (100%)", "2 (67%)"]
    assert fig.layout.yaxis.autorange == "reversed"
    assert "3 students" in fig.layout.title.text


def test_progress_chart_draws_students_band_and_median_without_red_flags():
    results = load()
    weekly = progress_by_week(results.progress, results.profiles)
    fig = progress_chart(results.progress, weekly, results.profiles, DATA)
    students = [trace for trace in fig.data if trace.legendgroup == "student"]
    assert len(students) == 2  # ash, bo; not dee or eve, who handed in no hand-in file
    assert {trace.customdata[0] for trace in students} == {"ash", "bo"}
    median = next(trace for trace in fig.data if trace.name == "Class median")
    assert list(median.y) == [85.0, 90.0] and median.line.width > students[0].line.width
    assert next(trace for trace in fig.data if trace.fill == "tonexty").name.startswith(
        "Middle half"
    )
    assert fig.layout.shapes[0].y0 == 90
    assert "(2 students)" in fig.layout.title.text


# --------------------------------------------------------------------------- the synthetic class


def _sample_files(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != "README.md"
    )


def test_the_committed_sample_class_is_what_the_generator_writes(tmp_path):
    written = write_synthetic_class(tmp_path, DATA, PARAMS)
    assert _sample_files(SAMPLE) == sorted(
        path.relative_to(tmp_path).as_posix() for path in written
    )
    for name in _sample_files(SAMPLE):
        assert (SAMPLE / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"{name} differs: run the generator"
        )


def test_the_sample_class_is_labelled_synthetic():
    assert all(name.rsplit("/", 1)[-1].startswith(SYNTHETIC) for name in _sample_files(SAMPLE))
    assert "synthetic" in (SAMPLE / "README.md").read_text(encoding="utf-8").lower()


def test_the_sample_class_reports_its_three_faulty_files():
    results = load_class_folder(SAMPLE, DATA)
    skipped = {p.file for p in results.problems if p.reason.endswith("file skipped")}
    assert skipped == {
        f"{FIRST}synthetic-student-01-again.hand-in.json",
        f"{FIRST}synthetic-student-25.hand-in.json",
        "synthetic-student-26.progress.csv",
    }
    assert len(results.profiles) == 21  # 24 students; the 3 with a red flag hand in nothing
    assert set(results.profiles["screen"]) == {"passed"}
    assert results.progress["student"].nunique() > 10
    # The class improves on the whole: each student's latest LSI against their first (the
    # weekly medians mix students, as fewer have re-tested by the later weeks).
    by_student = results.progress.sort_values("week").groupby("student")["lsi"]
    assert (by_student.last() - by_student.first()).median() > 0
    assert not progress_by_week(results.progress, results.profiles).empty


def test_the_sample_class_shows_change_over_two_week_folders():
    results = load_class_folder(SAMPLE, DATA)
    history = hand_in_history(results)
    repeated = history.groupby("student")["folder"].agg(tuple)
    twice = repeated[repeated == (FIRST.rstrip("/"), AGAIN.rstrip("/"))]
    assert len(twice) >= 2
    # the newest hand-in is the week-8 one, the week-0 one is kept as earlier
    newest = results.profiles.set_index("student").loc[twice.index, "file"]
    assert all(file.startswith(AGAIN) for file in newest)
    assert set(results.earlier["student"]) == set(twice.index)
    assert list(hand_in_changes(history, DATA)["student"]) == list(twice.index)
    fig = hand_in_chart(history, DATA)
    assert {trace.name for trace in fig.data} == set(twice.index)


def test_the_generator_is_seeded():
    first = synthetic_class(DATA, PARAMS, students=10, seed=3)
    assert first == synthetic_class(DATA, PARAMS, students=10, seed=3)
    assert first != synthetic_class(DATA, PARAMS, students=10, seed=4)


def test_a_change_counts_as_real_only_beyond_the_tests_noise():
    """Class results judge a change by mdc95 of the strength test's SEM only (issue 11)."""
    noise = mdc95(DATA.strength.test_error.sem_percent)
    progress = pd.DataFrame(
        {
            "student": ["a", "a", "b", "b", "c", "c", "d"],
            "week": [0, 8, 0, 8, 0, 8, 0],
            "lsi": [70.0, 70.0 + noise + 1, 80.0, 80.0 + noise - 1, 90.0, 90.0 - noise - 1, 75.0],
        }
    )
    profiles = pd.DataFrame({"student": list("abcd"), "screen": ["passed"] * 4})
    table = real_changes(progress, profiles, DATA)
    assert list(table["student"]) == ["a", "b", "c"]  # d has one re-test only
    assert list(table["verdict"]) == [
        CHANGE_WORDS["up"],
        CHANGE_WORDS["noise"],
        CHANGE_WORDS["down"],
    ]


HEALTH_KEYS = ("red_flag", "red_flag_signs", "pre_exercise", "cleared_on", "advice", "concern")


def test_no_sample_class_file_carries_a_health_answer():
    for path in SAMPLE.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert not any(f'"{key}' in text for key in HEALTH_KEYS), path.name
        assert not any(sign.id in text for sign in DATA.red_flags.signs()), path.name


# --------------------------------------------------------------------------- a class over weeks

WEEKS = {
    "week-1/ash.hand-in.json": profile(7, 10, ("sitting",)),
    "week-1/bo.hand-in.json": profile(9, 10, ("sitting",)),
    "week-2/ash.hand-in.json": profile(8, 10, ("sitting",)),
    "week-2/bo.hand-in.json": profile(9.5, 10, ("sitting",)),
    "week-1/cy.hand-in.json": profile(7, 10, ("carrying",)),
    "cy.progress.csv": b"week,left,right\n0,9,10\n8,7,10\n",
}
"""Two week folders: ash and bo hand in twice, cy only in week 1 and falls in the log."""


def test_change_over_the_weeks_comes_from_earlier_and_newest_hand_ins():
    results = load_class(WEEKS, DATA)
    history = hand_in_history(results)
    ash = history[history["student"] == "ash"]
    assert list(ash["folder"]) == ["week-1", "week-2"]
    assert list(ash["hand-in"]) == [1, 2]
    assert list(ash["lsi"]) == [70.0, 80.0]
    changes = hand_in_changes(history, DATA).set_index("student")
    assert list(changes.index) == ["ash", "bo"]  # cy handed in once
    assert changes.loc["ash", "change"] == 10.0
    assert changes.loc["ash", ["first folder", "latest folder"]].tolist() == ["week-1", "week-2"]
    # the same rule as the progress logs: 10 points is within the noise of the strength test
    assert 10.0 <= mdc95(DATA.strength.test_error.sem_percent)
    assert changes.loc["ash", "verdict"] == CHANGE_WORDS["noise"]
    fig = hand_in_chart(history, DATA)
    assert [trace.name for trace in fig.data] == ["ash", "bo"]
    assert list(fig.layout.xaxis.categoryarray) == ["week-1", "week-2"]


def test_week_folders_are_ordered_as_numbers_in_the_chart():
    files = {f"week-{n}/ash.hand-in.json": profile(6 + n / 10, 10, ()) for n in (2, 9, 10)}
    history = hand_in_history(load_class(files, DATA))
    assert list(hand_in_chart(history, DATA).layout.xaxis.categoryarray) == [
        "week-2",
        "week-9",
        "week-10",
    ]


def _shows(axis: object, value: float) -> bool:
    """Whether a Plotly axis shows ``value``: no fixed range, or a range around it."""
    bounds = axis.range
    return bounds is None or min(bounds) <= value <= max(bounds)


def test_no_student_is_hidden_by_an_axis_range():
    """An LSI of 5% stays on every class chart with an LSI axis."""
    files = {
        **TINY,
        "low.hand-in.json": profile(1, 10, ("sitting",)),
        "week-2/low.hand-in.json": profile(0.5, 10, ("sitting",)),
        "low.progress.csv": b"week,left,right\n0,1,10\n4,0.5,10\n",
    }
    results = load_class(files, DATA)
    assert 5.0 in set(results.profiles["lsi"])
    hist = lsi_histogram(results.profiles, DATA)
    assert _shows(hist.layout.xaxis, 5.0)
    assert hist.data[0].xbins.start <= 5.0  # the lowest bar is drawn, not cut off
    assert sum(len(trace.x) for trace in hist.data) == len(results.profiles["lsi"].dropna())
    weekly = progress_by_week(results.progress, results.profiles)
    progress = progress_chart(results.progress, weekly, results.profiles, DATA)
    assert _shows(progress.layout.yaxis, 5.0)
    history = hand_in_chart(hand_in_history(results), DATA)
    assert _shows(history.layout.yaxis, 5.0)
    ratios = ratios_chart(results.profiles, DATA)
    assert ratios.layout.xaxis.range is None  # autorange: every ratio shows
    counts = cause_counts(results.profiles, DATA)
    causes = causes_chart(counts, students=len(results.profiles))
    assert _shows(causes.layout.xaxis, counts["students"].max())


def test_the_roster_is_every_id_seen_plus_the_instructors_list():
    files = {
        **WEEKS,
        "week-1/dan.hand-in.json": b"{ cut short",
        "roster.csv": b"student,name\nAsh,\nZed,\n",
    }
    results = load_class(files, DATA)
    assert results.roster == ("ash", "zed")
    assert "roster.csv" not in {p.file for p in results.problems}  # not a misnamed file
    assert roster(results) == ("ash", "bo", "cy", "dan", "zed")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(b"id\nash\n", "no 'student' column"), (b"\xff\xfe\x00", "not UTF-8")],
)
def test_a_roster_that_cannot_be_read_is_reported_and_ignored(raw, reason):
    results = load_class({**WEEKS, "roster.csv": raw}, DATA)
    assert results.roster == ()
    assert any(reason in text for text in reasons(results)["roster.csv"])
    assert parse_roster(raw) == reasons(results)["roster.csv"][0]


def test_student_rows_say_who_is_behind_and_who_has_not_handed_in():
    files = {**WEEKS, "week-1/dan.hand-in.json": b"{ cut short", "roster.csv": b"student\nzed\n"}
    results = load_class(files, DATA)
    rows = student_rows(results, DATA).set_index("student")
    assert list(rows.index) == list(roster(results))
    assert rows.loc["ash", "to do"] == ""
    assert rows.loc["ash", ["hand-ins", "newest in", "LSI"]].tolist() == [2, "week-2", 80.0]
    assert rows.loc["ash", "from"] == "hand-ins"
    # cy: the log fell from 90 to 70, beyond the test's noise; no hand-in in the latest week
    cy = real_changes(results.progress, results.profiles, DATA).set_index("student").loc["cy"]
    assert cy["verdict"] == CHANGE_WORDS["down"]
    assert rows.loc["cy", ["change", "from", "verdict"]].tolist() == [
        cy["change"],
        "progress log",
        CHANGE_WORDS["down"],
    ]
    assert rows.loc["cy", "to do"] == "; ".join(
        [ACTIONS["missing"].format(folder="week-2"), ACTIONS["fell"]]
    )
    assert rows.loc["dan", "to do"] == ACTIONS["unusable"]
    assert rows.loc["zed", "to do"] == ACTIONS["nothing"]
    assert rows.loc["zed", "hand-ins"] == 0


def test_student_rows_never_carry_health_details():
    rows = student_rows(load_class({**WEEKS, "roster.csv": b"student\nzed\n"}, DATA), DATA)
    text = rows.to_csv().lower()
    assert not any(key in text for key in HEALTH_KEYS)
    assert "red flag" not in text and "clinician" not in text
    assert not any(sign.id in text for sign in DATA.red_flags.signs())
