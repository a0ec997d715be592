"""Check every file in ``data/`` against its schema and its cross-references at once.

:data:`LOADERS` says which loader checks which file (keys are file names or glob patterns).
Each loader takes the file's path and returns a validated object with a ``citations()``
method yielding ``(entry, bibtex_key)`` pairs, or raises
:class:`~backbalance.common.read.DataError`.
"""

from __future__ import annotations

import glob
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pybtex.database import parse_string
from pybtex.scanner import PybtexError

from backbalance.assessment.data import load_assessment_file
from backbalance.common.evidence import SCALE_FILE, load_evidence_scale
from backbalance.common.read import DataError, Problem, display_path, read_file
from backbalance.habits.data import load_habits
from backbalance.lessons.data import load_lesson_plan
from backbalance.programme.library import load_exercise_library
from backbalance.programme.template import load_programme_template
from backbalance.quizzes.data import course_problems, load_quiz
from backbalance.strength_gap.parameters import load_model_parameters
from backbalance.strength_gap.wording import FILE as FORECAST_FILE
from backbalance.strength_gap.wording import load_forecast_wording

LOADERS: dict[str, Callable[[Path], Any]] = {
    "model_parameters.yml": load_model_parameters,
    "quizzes/*.yml": load_quiz,
    "lesson_plans/*.yml": load_lesson_plan,
    "assessment/red_flags.yml": load_assessment_file,
    "assessment/pre_exercise.yml": load_assessment_file,
    "assessment/questionnaire.yml": load_assessment_file,
    "assessment/endurance.yml": load_assessment_file,
    "assessment/strength.yml": load_assessment_file,
    "assessment/tightness.yml": load_assessment_file,
    "assessment/summary.yml": load_assessment_file,
    "exercises.csv": load_exercise_library,
    "plan_templates.yml": load_programme_template,
    "habits.yml": load_habits,
    SCALE_FILE: load_evidence_scale,
    FORECAST_FILE: load_forecast_wording,
}


def bibliography_keys(bib: Path) -> set[str]:
    """The citation keys defined in a BibTeX file."""
    name = display_path(bib)
    try:
        text = read_file(bib, name).decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(
            [Problem(name, "", "not UTF-8 text; save it with UTF-8 encoding")]
        ) from None
    try:
        return set(parse_string(text, bib_format="bibtex").entries)
    except PybtexError as err:
        raise DataError(
            [Problem(display_path(bib), "", f"cannot be read as BibTeX ({err})")]
        ) from None


def validate_data(data_dir: Path, bib: Path) -> list[Problem]:
    """Every problem in ``data_dir``: schema errors first, then dangling citation keys."""
    problems: list[Problem] = []
    cited: list[tuple[str, str, str]] = []  # (file, entry, key)
    for pattern, loader in LOADERS.items():
        paths = sorted(data_dir.glob(pattern)) if glob.has_magic(pattern) else [data_dir / pattern]
        for path in paths:
            try:
                loaded = loader(path)
            except DataError as err:
                problems.extend(err.problems)
                continue
            cited.extend((display_path(path), entry, key) for entry, key in loaded.citations())
    problems.extend(course_problems(data_dir / "quizzes"))  # rules across the quiz files
    try:
        known = bibliography_keys(bib)
    except DataError as err:
        return problems + err.problems
    problems.extend(
        Problem(
            file,
            entry,
            f"cites '{key}', which is not in {display_path(bib)}; add it there or fix the key",
        )
        for file, entry, key in cited
        if key not in known
    )
    return problems
