"""Back in Balance: the library behind the course on back muscle imbalance.

The main entry points, by layer (see each module for the rest):

- data: :func:`load_model_parameters`, :func:`load_assessment`, :func:`load_exercise_library`,
  :func:`validate_data`, :class:`DataError`;
- logic: :class:`Scenario` and :func:`simulate` (strength-gap model), :func:`build_profile`
  (self-assessment), :class:`Profile`, :func:`build_programme` (programme builder);
- presentation: ``backbalance.strength_gap.charts`` and the ``*_widgets`` modules for JupyterLab,
  ``backbalance.sphinxext`` for the static book, ``python -m backbalance`` for scripts.
"""

from backbalance.assessment.data import load_assessment
from backbalance.assessment.logic import build_profile
from backbalance.assessment.profile import Profile
from backbalance.common.read import DataError, Problem
from backbalance.programme.build import build_programme
from backbalance.programme.library import load_exercise_library
from backbalance.strength_gap.model import Scenario, simulate, sweep
from backbalance.strength_gap.parameters import load_model_parameters

from .validate import validate_data

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Problem",
    "Profile",
    "Scenario",
    "build_profile",
    "build_programme",
    "load_assessment",
    "load_exercise_library",
    "load_model_parameters",
    "simulate",
    "sweep",
    "validate_data",
]
