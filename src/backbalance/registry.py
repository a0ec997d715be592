"""Which loader checks which file in ``data/`` (keys are file names or glob patterns).

Each loader takes the file's path and returns a validated object with a ``citations()``
method yielding ``(entry, bibtex_key)`` pairs, or raises :class:`~backbalance.common.read.DataError`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from backbalance.assessment.data import load_assessment_file
from backbalance.habits.data import load_habits
from backbalance.lessons.data import load_lesson_plan
from backbalance.programme.library import load_exercise_library
from backbalance.programme.template import load_programme_template
from backbalance.quizzes.data import load_quiz
from backbalance.strength_gap.parameters import load_model_parameters

LOADERS: dict[str, Callable[[Path], Any]] = {
    "model_parameters.yml": load_model_parameters,
    "quizzes/*.yml": load_quiz,
    "lesson_plans/*.yml": load_lesson_plan,
    "assessment/red_flags.yml": load_assessment_file,
    "assessment/questionnaire.yml": load_assessment_file,
    "assessment/endurance.yml": load_assessment_file,
    "assessment/strength.yml": load_assessment_file,
    "assessment/tightness.yml": load_assessment_file,
    "assessment/summary.yml": load_assessment_file,
    "exercises.csv": load_exercise_library,
    "plan_templates.yml": load_programme_template,
    "habits.yml": load_habits,
}
