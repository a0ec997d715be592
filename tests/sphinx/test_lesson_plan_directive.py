"""The ``lesson-plan`` directive in both editions, in a tiny book (``roots/test-lessons``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml


@pytest.mark.sphinx("html", testroot="lessons")
def test_student_edition_renders_nothing_but_tracks_the_file(app, build, page, warnings):
    build(app)
    assert warnings(app) == ""
    html = page(app)
    assert "Before." in html and "After." in html
    assert "bb-lesson-plan" not in html and "Demo class" not in html
    deps = {str(Path(d)) for d in app.env.dependencies["index"]}
    assert any(d.endswith(str(Path("data", "lesson_plans", "demo.yml"))) for d in deps)


@pytest.mark.sphinx(
    "html",
    testroot="lessons",
    srcdir="lessons-instructor",
    confoverrides={"backbalance_edition": "instructor"},
)
def test_instructor_edition_renders_the_plan(app, build, page, warnings):
    build(app)
    assert warnings(app) == ""
    html = page(app)
    assert '<section class="bb-lesson-plan"' in html and "Lesson plan: Demo class" in html


@pytest.fixture
def instructor_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKBALANCE_EDITION", "instructor")


@pytest.mark.sphinx(
    "html",
    testroot="lessons",
    srcdir="lessons-variable",
    confoverrides={"backbalance_edition": "student"},
)
def test_the_environment_variable_chooses_the_edition(instructor_variable, app, build, page):
    build(app)
    assert "Lesson plan: Demo class" in page(app)
    assert app.config.backbalance_edition == "instructor" and app.tags.has("instructor")


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_a_broken_plan_warns_in_both_editions(
    edition, make_app, rootdir, tmp_path, build, page, warnings
):
    srcdir = tmp_path / "book"
    shutil.copytree(rootdir / "test-lessons", srcdir)
    path = srcdir / "data" / "lesson_plans" / "demo.yml"
    data = yaml.safe_load(path.read_text())
    data["activities"][0]["minutes"] = 2
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    app = make_app("html", srcdir=srcdir, confoverrides={"backbalance_edition": edition})
    build(app)
    assert "bb-lesson-plan" not in page(app)
    assert "WARNING" in warnings(app)
    assert (
        "data/lesson_plans/demo.yml, activities: the minutes must add up to 45–60 "
        "for one class, got 42"
    ) in warnings(app)


@pytest.mark.sphinx(
    "html",
    testroot="lessons",
    srcdir="lessons-missing",
    confoverrides={"backbalance_edition": "instructor"},
)
def test_a_missing_plan_warns(app, build, warnings):
    Path(app.srcdir, "data", "lesson_plans", "demo.yml").unlink()
    build(app)
    assert "data/lesson_plans/demo.yml: file not found" in warnings(app)
