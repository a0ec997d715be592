"""What a student hands in to a class: a minimised copy of the profile, without health answers.

A student's own profile (:mod:`backbalance.assessment.profile`) keeps the screen's result and
the questions' advice for the student. The hand-in file keeps only what the class-results
notebook needs: test results and likely causes. It never holds a red-flag answer, a list of
signs, an answer of the check before the tests, a clinician's date or the advice; its
``screen`` is always ``passed``. A student with a red flag, or whose tests were stopped, has
nothing to hand in (:func:`hand_in` gives None), so a class cannot tell them apart from a
student who did not hand in. Handing in is the student's choice: a separate button in the
notebook and in the book.

The JSON format (version 1)::

    {
      "format": "back-in-balance/hand-in",
      "version": 1,
      "screen": "passed",
      "contributors": ["carrying"],   // likely causes, except those marked hand_in: false
      "weaker_side": "left", "gap_percent": 13.7, "gap_test": "row", "clear_gap": true,
      "lsi": 86.3,
      "holds": {"flexor": 102.0, "extensor": 125.0, "bridge_right": 80.0, "bridge_left": 58.0},
      "training_status": "novice"
    }

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.assessment.profile import Profile
>>> data = Course.find().assessment
>>> hand_in(Profile(red_flag="clinician", red_flag_signs=("cancer",)), data) is None
True
>>> hand_in(Profile(red_flag="none", pre_exercise="passed", weaker_side="left"), data).screen
'passed'
"""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationError, create_model

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.profile import Profile, not_a_course_file
from backbalance.common.read import DataError, Problem, problems_from
from backbalance.common.types import Frozen

FIELDS = (
    "contributors",
    "weaker_side",
    "gap_percent",
    "gap_test",
    "clear_gap",
    "lsi",
    "holds",
    "training_status",
)
"""The profile's fields a hand-in copies (the static page's script copies the same)."""


class _HandInFile(Frozen):
    format: Literal["back-in-balance/hand-in"] = "back-in-balance/hand-in"
    version: Literal[1] = 1
    screen: Literal["passed"] = "passed"

    def to_json(self) -> str:
        """The hand-in as indented JSON text."""
        return self.model_dump_json(indent=2)


HandIn = create_model(
    "HandIn",
    __base__=_HandInFile,
    __module__=__name__,
    __doc__="A student's file for the class; see the module docstring for the JSON format.\n\n"
    "Besides its format, version and screen, its fields are the profile's :data:`FIELDS`, "
    "with the profile's own types, bounds and defaults.",
    **{
        name: (Profile.model_fields[name].annotation, Profile.model_fields[name]) for name in FIELDS
    },
)


FORMAT = HandIn.model_fields["format"].default
VERSION = HandIn.model_fields["version"].default


def hand_in(profile: Profile, data: AssessmentData) -> HandIn | None:
    """The file a student may hand in, or None when the profile may not lead to exercise.

    Parameters
    ----------
    profile
        The student's own profile.
    data
        The validated ``data/assessment`` files (which causes stay private).
    """
    if not profile.may_exercise:
        return None
    private = {c.id for c in data.questionnaire.contributors if not c.hand_in}
    values = {name: getattr(profile, name) for name in FIELDS}
    values["contributors"] = tuple(c for c in profile.contributors if c not in private)
    return HandIn.model_validate(values)


def read_hand_in(text: str | bytes, name: str) -> HandIn:
    """A hand-in file from JSON text.

    Raises
    ------
    backbalance.common.read.DataError
        One problem for text that is empty, not JSON, a full profile (which holds health
        answers) or not a hand-in; else one problem per invalid field.
    """
    if not_a_course_file(text, "back-in-balance/profile", 1, "profile") is None:
        raise DataError(
            [
                Problem(
                    name,
                    "",
                    "is a full profile, with health answers, not a hand-in file; delete it "
                    "and ask the student for the hand-in file instead",
                )
            ]
        )
    reason = not_a_course_file(text, FORMAT, VERSION, "hand-in")
    if reason is not None:
        raise DataError([Problem(name, "", reason)])
    try:
        return HandIn.model_validate_json(text)
    except ValidationError as err:
        raise DataError(problems_from(name, err)) from None
