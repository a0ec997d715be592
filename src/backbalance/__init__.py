"""Back in Balance: the library behind the course on back muscle imbalance.

The main entry points, by layer (see each module for the rest):

- data: :func:`load_model_parameters`, :func:`load_assessment`, :func:`load_exercise_library`,
  :func:`validate_data`, :class:`DataError`;
- logic: :class:`Plan` and :func:`simulate` (strength-gap model), :func:`build_profile`
  (self-assessment), :class:`Profile`, :func:`build_programme` (programme builder);
- presentation: ``backbalance.charts`` and the ``*_widgets`` modules for JupyterLab,
  ``backbalance.sphinxext`` for the static book, ``python -m backbalance`` for scripts.
"""

from .assessment import build_profile
from .assessment_data import load_assessment
from .content import DataError, Problem
from .exercises import load_exercise_library
from .model import Plan, simulate, sweep
from .parameters import load_model_parameters
from .plan import build_programme
from .profile import Profile
from .validate import validate_data

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Plan",
    "Problem",
    "Profile",
    "build_profile",
    "build_programme",
    "load_assessment",
    "load_exercise_library",
    "load_model_parameters",
    "simulate",
    "sweep",
    "validate_data",
]
