"""Back in Balance: the library behind the course on back muscle imbalance.

The course's data is found and loaded by :class:`Course` (``Course.find()``); every feature
has a folder of its own (``strength_gap``, ``assessment``, ``programme``, ``tracker``,
``habits``, ``classroom``, ``quizzes``, ``lessons``) with the same layers inside: ``data``
(schemas and loaders), pure logic, ``charts``, ``app`` (JupyterLab) and ``render`` (HTML).
``backbalance.sphinxext`` is the book extension and ``python -m backbalance`` the command
line. The map of the package is ``DESIGN.md`` in the repository.

The main entry points:

- data: :class:`Course`, :func:`validate_data`, :class:`DataError`, :class:`Problem`;
- the strength-gap model: :class:`Scenario`, :func:`simulate`, :func:`sweep`;
- the self-assessment: :func:`build_profile`, :class:`Profile`, :func:`load_profile`;
- the programme builder: :class:`Setup`, :func:`build_programme`, :func:`manual_profile`.
"""

from backbalance.assessment.logic import build_profile
from backbalance.assessment.profile import Profile, load_profile
from backbalance.common.read import DataError, Problem
from backbalance.course import Course
from backbalance.programme.build import Setup, build_programme
from backbalance.programme.manual import manual_profile
from backbalance.strength_gap.model import Scenario, simulate, sweep
from backbalance.validate import validate_data

__version__ = "0.1.0"

__all__ = [
    "Course",
    "DataError",
    "Problem",
    "Profile",
    "Scenario",
    "Setup",
    "build_profile",
    "build_programme",
    "load_profile",
    "manual_profile",
    "simulate",
    "sweep",
    "validate_data",
]
