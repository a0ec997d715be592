"""The exercise library, the programme template and example profiles: clear messages for instructors."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from backbalance.assessment.profile import load_profile, read_profile
from backbalance.common.read import DataError, read_csv_rows
from backbalance.programme.library import KINDS_BY_PHASE, load_exercise_library
from backbalance.programme.template import load_programme_template

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "id,name,phase,kind,muscles,unilateral,sets,reps,hold_seconds,equipment,cues,easier,harder,"
    "source,assumption,evidence\n"
)
ROW = "bird-dog,Bird-dog,strengthen,stability,multifidus,yes,2,6,,none,Reach.,Smaller.,Longer.,,a reason,assumption\n"


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ in the working folder, so messages name ``data/...`` as instructors see it."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def messages(call, *args) -> list[str]:
    with pytest.raises(DataError) as caught:
        call(*args)
    return [str(problem) for problem in caught.value.problems]


def edit_row(data: Path, exercise_id: str, **cells: str) -> None:
    """Change cells of one row of the library, by column name."""
    path = data / "exercises.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    for index, line in enumerate(lines[1:], start=1):
        values = next(csv.reader([line]))
        if values[0] == exercise_id:
            values = [
                cells.get(column, value) for column, value in zip(header, values, strict=True)
            ]
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerow(values)
            lines[index] = buffer.getvalue()
    path.write_text("".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- the shipped files


def test_shipped_library_has_every_kind_of_every_phase():
    library = load_exercise_library(ROOT / "data" / "exercises.csv")
    kinds = {(exercise.phase, exercise.kind) for exercise in library}
    assert kinds == {(phase, kind) for phase, allowed in KINDS_BY_PHASE.items() for kind in allowed}
    for name in (
        "single-arm-dumbbell-row",
        "single-arm-lat-pulldown",
        "single-arm-landmine-row",
        "bird-dog",
        "front-plank",
        "side-plank",
    ):
        assert name in library


def test_shipped_template_names_only_library_exercises_of_the_right_phase():
    library = load_exercise_library(ROOT / "data" / "exercises.csv")
    template = load_programme_template(ROOT / "data" / "plan_templates.yml", library)
    for phase, ids in template.phases().items():
        assert ids and all(library[i].phase == phase for i in ids)


def test_stretches_hold_30_seconds_as_in_the_trials():
    """Bandy and Irion 1994/1997: 30 s holds did as well as 60 s; ingram2024 pools the doses."""
    library = load_exercise_library(ROOT / "data" / "exercises.csv")
    assert {e.hold_seconds for e in library if e.kind == "stretch"} == {30}


def test_citations_name_the_row():
    library = load_exercise_library(ROOT / "data" / "exercises.csv")
    assert ("row 2 (hip-flexor-stretch).source", "ingram2024") in set(library.citations())


# --------------------------------------------------------------------------- library problems


def test_out_of_range_sets_name_file_row_and_exercise(course):
    edit_row(course, "single-arm-dumbbell-row", sets="40")
    assert messages(load_exercise_library, course / "exercises.csv") == [
        "data/exercises.csv, row 8 (single-arm-dumbbell-row): sets must be at most 10, got 40"
    ]


def test_unknown_phase_and_equipment_are_listed_with_the_allowed_values(course):
    edit_row(course, "bird-dog", phase="strenghten", equipment="mat")
    found = messages(load_exercise_library, course / "exercises.csv")
    assert found[0].startswith(
        "data/exercises.csv, row 12 (bird-dog): phase: input should be 'release', "
    )
    assert "got 'strenghten'" in found[0]
    assert "equipment" in found[1] and "'mat'" in found[1]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"reps": "6", "hold_seconds": "30"}, "give exactly one of reps or hold_seconds"),
        (
            {"source": "", "assumption": ""},
            "give exactly one of `source:` (a key in references.bib) or `assumption:`",
        ),
        (
            {"kind": "core"},
            "kind 'core' does not belong to phase 'strengthen' (use pull, stability)",
        ),
        ({"equipment": "none;band"}, "equipment 'none' cannot be listed with other equipment"),
        ({"unilateral": "maybe"}, "unilateral: input should be a valid boolean"),
        (
            {"id": "Bird Dog"},
            "id must be lower-case letters, digits and hyphens, like 'side-plank'",
        ),
        ({"sets": "²"}, "sets: input should be a valid integer"),
    ],
)
def test_row_problems_are_one_readable_line(course, cells, reason):
    edit_row(course, "bird-dog", **cells)
    (found,) = messages(load_exercise_library, course / "exercises.csv")
    assert found.startswith("data/exercises.csv, row 12 (")
    assert reason in found


def test_every_bad_row_is_reported_at_once_and_ids_must_be_unique(course):
    path = course / "exercises.csv"
    path.write_text(HEADER + ROW + ROW.replace(",2,6,", ",0,6,") + ROW, encoding="utf-8")
    assert messages(load_exercise_library, path) == [
        "data/exercises.csv, row 3 (bird-dog): sets must be at least 1, got 0",
        "data/exercises.csv, row 4 (bird-dog): id 'bird-dog' is already used in row 2; ids must be unique",
    ]


def test_blank_rows_are_skipped_but_keep_the_numbering(course):
    path = course / "exercises.csv"
    path.write_text(
        HEADER + "\n,,,,,,,,,,,,,,,\n" + ROW.replace(",2,6,", ",12,6,"), encoding="utf-8"
    )
    assert messages(load_exercise_library, path) == [
        "data/exercises.csv, row 4 (bird-dog): sets must be at most 10, got 12"
    ]


def test_unknown_and_missing_columns_are_reported_once(course):
    path = course / "exercises.csv"
    path.write_text(
        HEADER.replace("cues,", "cue,").rstrip("\n") + ",colour\n" + ROW.rstrip("\n") + ",red\n",
        encoding="utf-8",
    )
    found = messages(load_exercise_library, path)
    assert found[0].startswith(
        "data/exercises.csv, row 1: column 'cue' is not known (check the spelling)"
    )
    assert found[1].startswith("data/exercises.csv, row 1: column 'colour' is not known")
    assert found[2] == "data/exercises.csv, row 1: column 'cues' is missing"
    assert found[0].endswith(f"the columns are {', '.join(HEADER.strip().split(','))}")


def test_empty_library_is_a_problem(course):
    path = course / "exercises.csv"
    path.write_text(HEADER, encoding="utf-8")
    assert messages(load_exercise_library, path) == [
        "data/exercises.csv: has no exercises; add at least one row below the header"
    ]


# --------------------------------------------------------------------------- the CSV reader


def test_csv_reader_numbers_rows_as_a_spreadsheet_does(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b'\xef\xbb\xbfa,b\r\n1,"two\nlines"\r\n\r\n3,4\r\n')
    assert read_csv_rows(path) == [
        {"a": "1", "b": "two\nlines"},
        {"a": "", "b": ""},
        {"a": "3", "b": "4"},
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'a,b\n1,2\n"x,3\n',
            "t.csv, row 3: cannot be read as CSV (unexpected end of data); check the quotes",
        ),
        (
            b'a,b\n1,2\n"x"y,3\n',
            "t.csv, row 3: cannot be read as CSV (',' expected after '\"'); check the quotes",
        ),
        (b"a,b\n1,2\n\xff,3\n", "t.csv, row 3: not UTF-8 text; save the file as CSV UTF-8"),
        (b"a,b\n1,2,3\n", "t.csv, row 2: has 3 cells but the header has 2 columns"),
        (b"a,a\n1,2\n", "t.csv, row 1: names the column 'a' more than once"),
        (b"", "t.csv, row 1: must be a header row naming the columns"),
    ],
)
def test_csv_reader_turns_bad_files_into_one_line_per_problem(
    tmp_path, monkeypatch, content, expected
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.csv").write_bytes(content)
    assert messages(read_csv_rows, Path("t.csv")) == [expected]


def test_csv_reader_names_a_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert messages(read_csv_rows, Path("gone.csv")) == ["gone.csv: file not found"]


# --------------------------------------------------------------------------- template problems


def test_template_naming_an_unknown_exercise(course):
    path = course / "plan_templates.yml"
    path.write_text(path.read_text().replace("- single-arm-lat-pulldown", "- one-arm-row"))
    assert messages(load_programme_template, path) == [
        "data/plan_templates.yml, strengthen.exercises[1]: names 'one-arm-row', which is not in data/exercises.csv"
    ]


def test_template_naming_an_exercise_of_another_phase(course):
    path = course / "plan_templates.yml"
    path.write_text(path.read_text().replace("- front-plank", "- bird-dog"))
    assert messages(load_programme_template, path) == [
        "data/plan_templates.yml, integrate.exercises[0]: names 'bird-dog', which belongs to phase 'strengthen' "
        "in data/exercises.csv"
    ]


def test_template_focus_muscle_needs_a_stretch(course):
    path = course / "plan_templates.yml"
    path.write_text(
        path.read_text().replace(
            "value: [hip-flexors, lats, upper-trapezius]", "value: [hip-flexors, calves]"
        )
    )
    assert messages(load_programme_template, path) == [
        "data/plan_templates.yml, release.focus.value: names 'calves', which no stretch in release.exercises serves"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    3: [Mon, Wed, Fri]",
            "    3: [Mon, Wed]",
            "schedule for 3 days a week must list 3 days",
        ),
        (
            "    3: [Mon, Wed, Fri]",
            "    3: [Wed, Mon, Fri]",
            "list each day once, in week order (Mon to Sun)",
        ),
        ("    value: 52\n", "    value: 12\n", "min_weeks <= target_weeks <= forecast_weeks"),
        (
            "    value: 0.05\n",
            "    value: 1.5\n",
            "flat_fraction.value: must be less than 1.0, got 1.5",
        ),
        (
            "stop at {most} a week",
            "stop at {most_sets} a week",
            "strengthen.weaker_side_cap: uses the blank {most_sets}, which is not "
            "filled in here (known: {most}, {flat})",
        ),
        (
            "    assumption: a course choice, so that at least two re-tests fall in Phase 2\n"
            "    description: Shortest Phase 2.",
            "    description: Shortest Phase 2.",
            "give exactly one of `source:`",
        ),
    ],
)
def test_template_values_are_checked(course, old, new, expected):
    path = course / "plan_templates.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    found = messages(load_programme_template, path)
    assert (
        len(found) == 1
        and found[0].startswith("data/plan_templates.yml, ")
        and expected in found[0]
    )


def test_a_broken_library_is_reported_once_not_again_through_the_template(course):
    edit_row(course, "bird-dog", sets="40")
    assert messages(load_programme_template, course / "plan_templates.yml") == [
        "data/plan_templates.yml: cannot check the exercises it names until data/exercises.csv is fixed"
    ]


# --------------------------------------------------------------------------- profiles


def test_example_profiles_load():
    for path in sorted((ROOT / "data" / "examples").glob("*.json")):
        profile = load_profile(path)
        assert profile.cleared == (path.stem != "red-flag")


def test_a_bad_profile_is_a_data_error_naming_the_field():
    (problem,) = messages(
        read_profile,
        '{"format": "back-in-balance/profile", "version": 1, "red_flag": "maybe"}',
        "upload.json",
    )
    assert problem.startswith(
        "upload.json, red_flag: input should be 'none', 'cleared', 'clinician' or 'urgent'"
    )
    (problem,) = messages(read_profile, "not json", "upload.json")
    assert problem.startswith("upload.json: is not valid JSON")


def test_a_missing_profile_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert messages(load_profile, "gone.json") == ["gone.json: file not found"]
