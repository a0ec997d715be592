"""Course.find(): one rule for where the course data is, and the commands that use it.

The order: an explicit path, then ``$BACKBALANCE_DATA``, then the nearest course folder from
the working folder upwards, then the course shipped in the package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backbalance.cli import main
from backbalance.common.read import DataError
from backbalance.course import BIBLIOGRAPHY, ENV_VAR, MARKER, Course, bundled_root


def course_folder(path: Path) -> Path:
    """A minimal course folder: the marker file and an empty ``data/``."""
    (path / "data").mkdir(parents=True)
    (path / MARKER).write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    return path


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with no course above it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_an_explicit_course_folder_comes_first(tmp_path, elsewhere, monkeypatch):
    given = course_folder(tmp_path / "given")
    monkeypatch.setenv(ENV_VAR, str(course_folder(tmp_path / "from-env")))
    course = Course.find(given)
    assert course == Course(given / "data", given / BIBLIOGRAPHY)


def test_an_explicit_data_folder_names_the_bibliography_beside_it(tmp_path, elsewhere):
    given = course_folder(tmp_path / "given")
    assert Course.find(str(given / "data")) == Course(given / "data", given / BIBLIOGRAPHY)


def test_the_environment_comes_before_the_working_folder(tmp_path, monkeypatch):
    from_env = course_folder(tmp_path / "from-env")
    monkeypatch.chdir(course_folder(tmp_path / "here"))
    monkeypatch.setenv(ENV_VAR, f" {from_env / 'data'} ")
    assert Course.find() == Course(from_env / "data", from_env / BIBLIOGRAPHY)


def test_an_empty_environment_variable_is_ignored(tmp_path, monkeypatch):
    here = course_folder(tmp_path / "here")
    monkeypatch.chdir(here)
    monkeypatch.setenv(ENV_VAR, "")
    assert Course.find() == Course(here.resolve() / "data", here.resolve() / BIBLIOGRAPHY)


def test_the_nearest_course_folder_above_the_working_folder(tmp_path, monkeypatch):
    outer = course_folder(tmp_path / "outer")
    inner = course_folder(outer / "inner")
    (inner / "notebooks").mkdir()
    monkeypatch.chdir(inner / "notebooks")
    assert Course.find() == Course(inner.resolve() / "data", inner.resolve() / BIBLIOGRAPHY)
    assert Course.find(start=outer / "data").data == outer.resolve() / "data"


def test_a_folder_with_data_but_no_marker_is_not_a_course(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    assert Course.find().data == bundled_root() / "data"


def test_with_no_course_around_the_bundled_course_is_used(elsewhere):
    course = Course.find()
    assert course == Course(bundled_root() / "data", bundled_root() / BIBLIOGRAPHY)
    assert course.path("model_parameters.yml").is_file() and course.bibliography.is_file()


def test_the_bundled_course_is_the_repository_course(root):
    """The package ships the repository's data/ and references.bib, not a copy of its own."""
    assert (bundled_root() / "data").resolve() == (root / "data").resolve()
    assert (bundled_root() / BIBLIOGRAPHY).resolve() == (root / BIBLIOGRAPHY).resolve()


@pytest.mark.parametrize(
    ("how", "origin"), [("argument", "the path given"), ("environment", ENV_VAR)]
)
def test_a_missing_folder_is_one_line_that_says_what_to_give(how, origin, elsewhere, monkeypatch):
    if how == "environment":
        monkeypatch.setenv(ENV_VAR, "no-such-course")
    with pytest.raises(DataError) as caught:
        Course.find("no-such-course" if how == "argument" else None)
    assert [str(problem) for problem in caught.value.problems] == [
        f"no-such-course: {origin} names a folder that does not exist; give the course folder "
        "(the one holding data/) or its data/ folder"
    ]


def test_files_are_loaded_once(course):
    assert course.parameters is course.parameters
    assert course.assessment is course.assessment
    assert course.path("quizzes", "causes.yml") == course.data / "quizzes" / "causes.yml"


def test_a_quiz_and_a_lesson_plan_are_read_by_chapter(course):
    chapters = sorted(path.stem for path in course.path("quizzes").glob("*.yml"))
    assert chapters
    assert course.quiz(chapters[0]) == course.quiz(chapters[0])
    assert course.lesson_plan(chapters[0]) is not None


# --------------------------------------------------------------------- the commands use it


def test_validate_checks_the_course_above_the_working_folder(root, capsys, monkeypatch):
    monkeypatch.chdir(root / "notebooks")
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"{root / 'data'}: all data files are valid.\n", "")


def test_validate_names_a_course_folder_that_does_not_exist_in_one_line(elsewhere, capsys):
    assert main(["validate", "nowhere"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "nowhere: the path given names a folder that does not exist; give the course folder "
        "(the one holding data/) or its data/ folder"
    ]


def test_validate_takes_a_course_folder_and_its_bibliography(root, tmp_path, capsys, monkeypatch):
    shutil.copytree(root / "data", tmp_path / "course" / "data")
    shutil.copy(root / BIBLIOGRAPHY, tmp_path / "course" / BIBLIOGRAPHY)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "course"]) == 0
    assert capsys.readouterr().out == "course: all data files are valid.\n"


def test_sample_class_writes_the_committed_sample_class(root, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(root)
    folder = tmp_path / "class"
    assert main(["sample-class", str(folder)]) == 0

    def files(top: Path) -> set[str]:  # week sub-folders included
        return {p.relative_to(top).as_posix() for p in top.rglob("*") if p.is_file()}

    written = sorted(files(folder))
    assert capsys.readouterr().out == f"{folder}: wrote {len(written)} synthetic files.\n"
    committed = root / "data" / "sample_class"
    for name in written:
        assert (folder / name).read_bytes() == (committed / name).read_bytes(), name
    assert set(written) == files(committed) - {"README.md"}


def test_sample_class_reports_a_folder_it_cannot_write_in_one_line(tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert main(["sample-class", str(blocked / "class")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [
        f"{blocked / 'class'}: cannot write there (Not a directory)"
    ]
