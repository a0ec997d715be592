"""The reader's own programme is built once per state of the data and the code, then read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from backbalance.course import Course
from backbalance.sphinxext import programmes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def course(tmp_path: Path) -> Course:
    """A copy of the course data that a test may edit."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return Course(tmp_path / "data", ROOT / "references.bib")


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stand in for the model runs (a minute each): record which course data was built from."""
    calls: list[Path] = []

    def build(course: Course) -> dict[str, object]:
        calls.append(course.data)
        return {"plan": {"3|novice|left|12|true": [0, 1, 2]}, "gap_step": 1}

    monkeypatch.setattr(programmes, "web_spec", build)
    return calls


def test_a_rebuild_with_the_same_data_reads_the_spec_back(course, built, tmp_path):
    first = programmes.cached_web_spec(course, tmp_path / "_build")
    second = programmes.cached_web_spec(course, tmp_path / "_build")
    assert first == second == json.loads(json.dumps(first))
    assert len(built) == 1
    cached = list((tmp_path / "_build" / programmes.CACHE_FOLDER).iterdir())
    assert [p.name for p in cached] == [f"programme-web-{programmes.spec_key(course)}.json"]


def test_an_edit_of_the_data_builds_it_again_and_drops_the_old_file(course, built, tmp_path):
    programmes.cached_web_spec(course, tmp_path / "_build")
    before = programmes.spec_key(course)
    plan = course.path("plan_templates.yml")
    plan.write_text(plan.read_text(encoding="utf-8").replace("value: 24", "value: 26"), "utf-8")
    after = programmes.spec_key(course)
    assert after != before
    programmes.cached_web_spec(course, tmp_path / "_build")
    assert len(built) == 2
    cached = list((tmp_path / "_build" / programmes.CACHE_FOLDER).iterdir())
    assert [p.name for p in cached] == [f"programme-web-{after}.json"]


def test_the_key_covers_the_code_that_builds_the_spec():
    package = Path(programmes.__file__).resolve().parents[1]
    for part in (
        "programme/web.py",
        "programme/build.py",
        "strength_gap/model.py",
        "templates/programme-parts.html.j2",
    ):
        assert (package / part).is_file()
        assert any(part == name or part.startswith(f"{name}/") for name in programmes.SPEC_CODE)


def test_a_broken_cache_file_is_built_again(course, built, tmp_path):
    folder = tmp_path / "_build" / programmes.CACHE_FOLDER
    folder.mkdir(parents=True)
    (folder / f"programme-web-{programmes.spec_key(course)}.json").write_text("{not json", "utf-8")
    assert programmes.cached_web_spec(course, tmp_path / "_build")["gap_step"] == 1
    assert len(built) == 1
