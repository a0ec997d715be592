"""Shared fixtures: the repository root, its course and data, and the built static book."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from backbalance.course import ENV_VAR, Course

if TYPE_CHECKING:
    from backbalance.assessment.data import AssessmentData
    from backbalance.strength_gap.parameters import ModelParameters

# The fixtures of sphinx.testing (app, make_app, rootdir) for the tiny books of tests/sphinx.
pytest_plugins = "sphinx.testing.fixtures"

ROOT = Path(__file__).resolve().parents[1]
SLOW_FOLDERS = {("tests", "book"), ("tests", "browser"), ("tests", "notebooks"), ("notebooks",)}
"""Tests here build the book, run notebooks or drive a browser: the slow tier."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tier by folder, so that `make check` can leave it out."""
    for item in items:
        parts = Path(item.path).resolve().relative_to(ROOT).parts
        if parts[:1] in SLOW_FOLDERS or parts[:2] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _course_not_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's ``$BACKBALANCE_DATA`` must not change what the tests read."""
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root (holding ``_toc.yml``, ``data/`` and ``references.bib``)."""
    return ROOT


@pytest.fixture(scope="session")
def course() -> Course:
    """The repository's course: ``data/`` and ``references.bib``, each file loaded once."""
    return Course.find(ROOT)


@pytest.fixture(scope="session")
def params(course: Course) -> ModelParameters:
    """The shipped ``data/model_parameters.yml``."""
    return course.parameters


@pytest.fixture(scope="session")
def assessment(course: Course) -> AssessmentData:
    """The shipped ``data/assessment/*.yml``."""
    return course.assessment


ALEX = {
    "question-bag": "most-days",
    "question-one-side-tight": "clearly",
    "question-one-sided-pain": "now-and-then",
    "hold-flexor": "102",
    "hold-extensor": "125",
    "hold-bridge_right": "80",
    "hold-bridge_left": "58",
    "norms": "female",
    "strength-unit": "reps",
    "strength-load": "10",
    "strength-left": "9",
    "strength-right": "12",
    "dominant-hand": "right",
    "tight-hip-flexors": "right",
    "tight-lats": "none",
    "tight-upper-trapezius": "none",
    "training-status": "novice",
}
"""What Alex, the worked example of book/self-assessment.md, answers beyond the defaults."""


@pytest.fixture(scope="session")
def alex(assessment: AssessmentData) -> dict[str, str]:
    """Alex's whole form: no red flag, no to the questions before the tests, the first
    option of every other question, and :data:`ALEX` (bag on the right, tight on the right,
    right-handed, 9 and 12 reps with 10 kg)."""
    state = {f"redflag-{sign.id}": "no" for sign in assessment.red_flags.signs()}
    state |= {f"pre-{q.id}": "no" for q in assessment.pre_exercise.questions}
    state |= {f"question-{q.id}": q.options[0].value for q in assessment.questionnaire.questions}
    return state | ALEX


@pytest.fixture(scope="session")
def book_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """Build the book once per session, with warnings as errors, into ``_build/html``.

    The notebook cache in ``_build/.jupyter_cache`` makes rebuilds fast; the build is the
    one `make book` produces, so the browser tests check what readers get.
    """
    jb = Path(sys.executable).with_name("jupyter-book")
    return subprocess.run(
        [str(jb), "build", str(ROOT), "-W", "--keep-going"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    )


@pytest.fixture(scope="session")
def site(book_build: subprocess.CompletedProcess[str]) -> Path:
    """The built HTML folder; fails clearly if the build did not succeed."""
    if book_build.returncode != 0:
        pytest.fail(
            "the book did not build:\n" + book_build.stdout[-4000:] + book_build.stderr[-4000:]
        )
    return ROOT / "_build" / "html"
