"""The course: where its data lives, and every file of it loaded once.

:meth:`Course.find` is the one rule for locating the course data; nothing else in the
package, the notebooks, the CLI or the book extension builds a path to ``data/``. It looks,
in order, at

1. an explicit path (a course folder holding ``data/``, or the ``data/`` folder itself);
2. the ``BACKBALANCE_DATA`` environment variable (the same two forms);
3. the working folder and its parents: the first that holds ``_toc.yml`` and ``data/``
   (a clone of the repository, or a class copy pulled onto a hub);
4. the course shipped inside the package (``backbalance/course/``), so an installed package
   works from any folder.

A path that names no folder is a :class:`~backbalance.common.read.DataError` with one line
that says what to do.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from backbalance.common.read import NAME_PATTERN, DataError, Problem, display_path

if TYPE_CHECKING:
    from backbalance.assessment.data import AssessmentData
    from backbalance.common.evidence import EvidenceScale
    from backbalance.habits.data import Habits
    from backbalance.lessons.data import LessonPlan
    from backbalance.programme.library import ExerciseLibrary
    from backbalance.programme.template import ProgrammeTemplate
    from backbalance.quizzes.data import Quiz
    from backbalance.strength_gap.parameters import ModelParameters
    from backbalance.strength_gap.wording import ForecastWording

ENV_VAR = "BACKBALANCE_DATA"
"""Names the course data to use, for a hub or a script that runs outside the repository."""

BIBLIOGRAPHY = "references.bib"
MARKER = "_toc.yml"
"""A folder holding this file and ``data/`` is a course folder (the repository root)."""


def bundled_root() -> Path:
    """The course shipped inside the package: ``data/`` and ``references.bib``.

    In the repository (and so in an editable install) ``src/backbalance/course/`` holds two
    links, to the repository's ``data/`` and ``references.bib``; a wheel holds the files
    themselves (package data declared in ``pyproject.toml``).
    """
    return Path(str(files("backbalance").joinpath("course")))


def _from_path(path: Path, origin: str) -> tuple[Path, Path]:
    """``(data folder, bibliography)`` for a course folder or a data folder."""
    if not path.is_dir():
        raise DataError(
            [
                Problem(
                    display_path(path),
                    "",
                    f"{origin} names a folder that does not exist; give the course folder "
                    "(the one holding data/) or its data/ folder",
                )
            ]
        )
    if (path / "data").is_dir():
        return path / "data", path / BIBLIOGRAPHY
    return path, path.parent / BIBLIOGRAPHY


def _upwards(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file() and (folder / "data").is_dir():
            return folder
    return None


@dataclass(frozen=True)
class Course:
    """One course's data folder and bibliography, with each file loaded and validated once.

    Parameters
    ----------
    data
        The folder an instructor edits (``data/``).
    bibliography
        The BibTeX file every ``source:`` key must be in.

    Examples
    --------
    >>> course = Course.find()
    >>> course.parameters.cross_education.value > 0
    True
    """

    data: Path
    bibliography: Path

    @classmethod
    def find(cls, path: Path | str | None = None, *, start: Path | str | None = None) -> Course:
        """The course named by ``path``, else by ``$BACKBALANCE_DATA``, else the nearest
        course folder above ``start`` (default: the working folder), else the bundled one."""
        if path is not None:
            return cls(*_from_path(Path(path), "the path given"))
        env = os.environ.get(ENV_VAR, "").strip()
        if env:
            return cls(*_from_path(Path(env), ENV_VAR))
        found = _upwards(Path(start or Path.cwd()).resolve())
        if found is not None:
            return cls(found / "data", found / BIBLIOGRAPHY)
        root = bundled_root()
        return cls(root / "data", root / BIBLIOGRAPHY)

    def path(self, *parts: str) -> Path:
        """A file or folder of the course data: ``course.path("quizzes", "causes.yml")``."""
        return self.data.joinpath(*parts)

    # ------------------------------------------------------------------ every file, loaded once

    @cached_property
    def parameters(self) -> ModelParameters:
        """``data/model_parameters.yml``: the strength-gap model's numbers and sources, with
        the typical error of ``assessment/strength.yml`` as the simulation's default re-test
        noise (none for a course without that file)."""
        from backbalance.assessment.data import load_assessment_file
        from backbalance.strength_gap.parameters import load_model_parameters

        params = load_model_parameters(self.path("model_parameters.yml"))
        strength = self.path("assessment", "strength.yml")
        if not strength.is_file():
            return params
        return params.with_test_noise(load_assessment_file(strength).test_error.sem_percent)

    @cached_property
    def assessment(self) -> AssessmentData:
        """``data/assessment/*.yml``: the self-assessment's questions, thresholds and wording."""
        from backbalance.assessment.data import load_assessment

        return load_assessment(self.path("assessment"))

    @cached_property
    def exercises(self) -> ExerciseLibrary:
        """``data/exercises.csv``: the exercise library."""
        from backbalance.programme.library import load_exercise_library

        return load_exercise_library(self.path("exercises.csv"))

    @cached_property
    def programme_template(self) -> ProgrammeTemplate:
        """``data/plan_templates.yml``: how a programme is put together."""
        from backbalance.programme.template import load_programme_template

        return load_programme_template(self.path("plan_templates.yml"), self.exercises)

    @cached_property
    def evidence(self) -> EvidenceScale:
        """``data/evidence.yml``: the evidence scale every recommendation is graded on."""
        from backbalance.common.evidence import SCALE_FILE, load_evidence_scale

        return load_evidence_scale(self.path(SCALE_FILE))

    @cached_property
    def habits(self) -> Habits:
        """``data/habits.yml``: the workstation checklist, microbreaks and habit tracker."""
        from backbalance.habits.data import load_habits

        return load_habits(self.path("habits.yml"))

    @cached_property
    def forecast_wording(self) -> ForecastWording:
        """``data/forecast.yml``: the words of the personalised forecast and the tracker."""
        from backbalance.strength_gap.wording import FILE, load_forecast_wording

        return load_forecast_wording(self.path(FILE))

    def chapter_file(self, folder: str, chapter: str) -> Path:
        """``data/<folder>/<chapter>.yml``, for a chapter's file stem such as ``causes``.

        >>> Course.find().chapter_file("quizzes", "../secret")
        Traceback (most recent call last):
        ...
        ValueError: quizzes name must be a chapter file stem such as 'causes', got '../secret'
        """
        if not NAME_PATTERN.match(chapter):
            raise ValueError(
                f"{folder} name must be a chapter file stem such as 'causes', got {chapter!r}"
            )
        return self.path(folder, f"{chapter}.yml")

    def quiz(self, chapter: str) -> Quiz:
        """``data/quizzes/<chapter>.yml``."""
        from backbalance.quizzes.data import load_quiz

        return load_quiz(self.chapter_file("quizzes", chapter))

    def lesson_plan(self, chapter: str) -> LessonPlan:
        """``data/lesson_plans/<chapter>.yml``."""
        from backbalance.lessons.data import load_lesson_plan

        return load_lesson_plan(self.chapter_file("lesson_plans", chapter))
