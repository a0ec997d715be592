"""Which loader checks which file in ``data/`` (keys are file names or glob patterns).

Each loader takes the file's path and returns a validated object with a ``citations()``
method yielding ``(entry, bibtex_key)`` pairs, or raises :class:`~backbalance.content.DataError`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .assessment_data import load_assessment_file
from .exercises import load_exercise_library, load_plan_template
from .habits import load_habits
from .lessons import load_lesson_plan
from .parameters import load_model_parameters
from .quiz import load_quiz

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
    "plan_templates.yml": load_plan_template,
    "habits.yml": load_habits,
}
