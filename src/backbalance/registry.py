"""Which loader checks which file in ``data/`` (keys are file names or glob patterns).

Each loader takes the file's path and returns a validated object with a ``citations()``
method yielding ``(entry, bibtex_key)`` pairs, or raises :class:`~backbalance.content.DataError`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .parameters import load_model_parameters
from .quiz import load_quiz

LOADERS: dict[str, Callable[[Path], Any]] = {
    "model_parameters.yml": load_model_parameters,
    "quizzes/*.yml": load_quiz,
}
