"""The one evidence scale: its file, the grading rule shared by the data files, and the
chapters' role."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from backbalance.common.evidence import LEVELS, load_evidence_scale
from backbalance.common.read import DataError
from backbalance.course import Course
from backbalance.habits.data import load_habits
from backbalance.programme.library import load_exercise_library

ROOT = Path(__file__).resolve().parents[2]
ROLE = re.compile(r"\{evidence\}`([^`]*)`")


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ in the working folder, so messages name ``data/...``."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def problems(call, path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        call(path)
    return [str(problem) for problem in caught.value.problems]


def test_the_scale_has_four_levels_with_words_for_readers():
    scale = Course.find().evidence
    assert tuple(grade.id for grade in scale.levels) == LEVELS
    assert len({scale.label(level) for level in LEVELS}) == 4


def test_a_scale_missing_a_level_is_one_line(course):
    path = course / "evidence.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: weak")], encoding="utf-8")
    assert problems(load_evidence_scale, path) == [
        "data/evidence.yml, levels: must list the levels strong, some, weak, assumption once "
        "each, in that order, got strong, some"
    ]


def test_an_unknown_level_in_the_exercise_library_is_one_line(course):
    path = course / "exercises.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n").rsplit(",", 1)[0] + ",good\n"
    path.write_text("".join(lines), encoding="utf-8")
    (found,) = problems(load_exercise_library, path)
    assert found.startswith("data/exercises.csv, row 2 (hip-flexor-stretch): evidence")
    assert all(f"'{level}'" in found for level in LEVELS) and "got 'good'" in found


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "    source: duran2023\n    evidence: some\n  activities",
            "    source: duran2023\n    evidence: assumption\n  activities",
            "evidence is 'assumption' but the entry names a source",
        ),
        (
            "    assumption: common sense, not tested\n    evidence: assumption\n",
            "    assumption: common sense, not tested\n    evidence: strong\n",
            "evidence is 'strong' but the entry gives an assumption",
        ),
    ],
)
def test_a_level_that_contradicts_the_provenance_is_one_line(course, old, new, reason):
    path = course / "habits.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    (found,) = problems(load_habits, path)
    assert found.startswith("data/habits.yml, ") and reason in found


def test_every_level_used_in_the_chapters_is_on_the_scale():
    used = {
        level
        for chapter in (ROOT / "book").glob("*.md")
        for level in ROLE.findall(chapter.read_text(encoding="utf-8"))
    }
    assert used and used <= set(LEVELS)


def test_every_how_sure_box_uses_the_scale():
    """The boxes that sum up a chapter's evidence use the labels, not older phrases."""
    old = ("Good evidence", "Not tested", "Not proven", "Sensible, not tested", "Guidance")
    for chapter in (ROOT / "book").glob("*.md"):
        text = chapter.read_text(encoding="utf-8")
        for box in re.findall(r"How sure are we\?\n(.*?)```", text, re.S):
            assert ROLE.search(box), chapter.name
            assert not any(f"**{phrase}" in box for phrase in old), chapter.name
