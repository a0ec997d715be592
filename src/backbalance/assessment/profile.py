"""A learner's assessment profile: the small typed record other parts of the course read.

:func:`backbalance.assessment.logic.build_profile` makes a :class:`Profile` from validated
answers; the static book's script makes the same JSON in the browser. The strength-gap
simulation takes it through :meth:`Profile.plan`, and a programme builder can read
``weaker_side``, ``clear_gap`` and ``tight_muscles``, after checking :attr:`Profile.cleared`.

The JSON format (version 1)::

    {
      "format": "back-in-balance/profile",
      "version": 1,
      "red_flag": "none",              // "none", "cleared" (a see-a-clinician sign, and a
                                       // clinician's check on cleared_on), "clinician" (see
                                       // one first) or "urgent"
      "red_flag_signs": [],            // ids of the signs answered yes, only after a stop
      "cleared_on": null,              // date of the clinician's check (YYYY-MM-DD) or null
      "pre_exercise": "passed",        // the check before the tests: "passed", "cleared"
                                       // (a yes, and a clinician's check), "stopped" (a yes:
                                       // no holds, no strength test, no programme) or null
      "advice": [],                    // ids of questionnaire.yml advice that applies
      "concern_score": 9,              // questionnaire score, 0..concern_max
      "concern_max": 26,
      "contributors": ["carrying", "tight-side"],   // likely causes, most likely first
      "weaker_side": "left",           // null when not measured or both sides equal
      "gap_percent": 25.0,             // 100 - LSI of the test below, one decimal
      "gap_test": "row",               // "row" (single-arm row) or "side_bridge"
      "clear_gap": true,               // LSI under the line, or bridges beyond the noise
      "lsi": 75.0,                     // row test LSI in per cent, one decimal
      "holds": {"flexor": 102.0, "extensor": 125.0, "bridge_right": 80.0, "bridge_left": 58.0},
      "norms": "female",               // averages compared with: "female", "male" or null
      "strength": {"unit": "reps", "left": 9.0, "right": 12.0},
      "tight_muscles": [{"muscle": "hip-flexors", "side": "right"}],
      "training_status": "novice"      // or "intermediate", "trained", null
    }

After a red flag only ``red_flag`` and ``red_flag_signs`` are filled in: no programme
may be built from such a profile, nor from one whose ``pre_exercise`` is ``stopped``. This
file is the learner's own; what a student hands in to a class is the smaller
:class:`backbalance.assessment.hand_in.HandIn`, without any health answer.

:func:`read_profile` and :func:`load_profile` are the one way to read a profile that a
reader saved, downloaded or uploaded: a bad file is a
:class:`~backbalance.common.read.DataError` with one line per problem.

Examples
--------
>>> from backbalance.assessment.profile import Profile, read_profile
>>> Profile(red_flag="urgent", red_flag_signs=("both-legs",)).cleared
False
>>> text = '{"format": "back-in-balance/profile", "version": 1, "red_flag": "none", "weaker_side": "left"}'
>>> read_profile(text, "upload.json").weaker_side
'left'
>>> read_profile('{"red_flag": "none"}', "upload.json")
Traceback (most recent call last):
...
backbalance.common.read.DataError: upload.json: is not a Back in Balance profile (its format is not 'back-in-balance/profile')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError

from backbalance.assessment.types import HoldId
from backbalance.common.read import DataError, Problem, display_path, problems_from
from backbalance.common.types import Frozen, Side
from backbalance.strength_gap.model import Scenario
from backbalance.strength_gap.parameters import Status

RedFlagLevel = Literal["none", "cleared", "clinician", "urgent"]
PreExerciseResult = Literal["passed", "cleared", "stopped"]
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""A date as the browser's date box and the notebook give it: ``YYYY-MM-DD``."""
TightSide = Literal["left", "right", "both"]
NormGroup = Literal["female", "male"]
StrengthUnit = Literal["reps", "kg"]
GapTestId = Literal["row", "side_bridge"]


class StrengthResult(Frozen):
    """The side-to-side strength test: the result of each side, in reps or kg."""

    unit: StrengthUnit
    left: Annotated[float, Field(gt=0)]
    right: Annotated[float, Field(gt=0)]


class TightMuscle(Frozen):
    """A muscle group that felt tighter, and on which side."""

    muscle: str
    side: TightSide


class Profile(Frozen):
    """What the self-assessment found; see the module docstring for the JSON format."""

    format: Literal["back-in-balance/profile"] = "back-in-balance/profile"
    version: Literal[1] = 1
    red_flag: RedFlagLevel
    red_flag_signs: tuple[str, ...] = ()
    cleared_on: Annotated[str, Field(pattern=ISO_DATE)] | None = None
    pre_exercise: PreExerciseResult | None = None
    advice: tuple[str, ...] = ()
    concern_score: Annotated[int, Field(ge=0)] | None = None
    concern_max: Annotated[int, Field(ge=0)] | None = None
    contributors: tuple[str, ...] = ()
    weaker_side: Side | None = None
    gap_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    gap_test: GapTestId | None = None
    clear_gap: bool | None = None
    lsi: Annotated[float, Field(ge=0, le=100)] | None = None
    holds: dict[HoldId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    norms: NormGroup | None = None
    strength: StrengthResult | None = None
    tight_muscles: tuple[TightMuscle, ...] = ()
    training_status: Status | None = None

    @property
    def cleared(self) -> bool:
        """True when no red flag was reported (or a clinician has checked), so exercise advice may follow."""
        return self.red_flag in ("none", "cleared")

    @property
    def may_exercise(self) -> bool:
        """True when a programme may be built: cleared, and the check before the tests did not stop."""
        return self.cleared and self.pre_exercise != "stopped"

    def to_json(self) -> str:
        """The profile as indented JSON text (the format in the module docstring)."""
        return self.model_dump_json(indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> Profile:
        """Read a profile from JSON text; raises ``pydantic.ValidationError`` if it is not one.

        :func:`read_profile` says what is wrong in words a reader understands.
        """
        return cls.model_validate_json(text)

    def save(self, path: Path | str) -> Path:
        """Write the profile as JSON to ``path`` (UTF-8) and return the path."""
        path = Path(path)
        path.write_text(self.to_json() + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path | str) -> Profile:
        """Read a profile saved by :meth:`save` (or downloaded from the static book)."""
        return load_profile(path)

    def scenario(self, **plan: Any) -> Scenario:
        """A strength-gap simulation plan that starts from this profile's gap.

        Parameters
        ----------
        **plan
            The other fields of :class:`backbalance.strength_gap.model.Scenario`, such as ``strong_sets`` and
            ``weak_extra_sets``; they override the profile's values.

        Returns
        -------
        backbalance.strength_gap.model.Scenario
            With ``gap_percent``, ``weak_side`` and (when known) ``status`` from the profile.

        Raises
        ------
        ValueError
            After a red flag (no programme is suggested), or when the profile has no gap.
        """
        if not self.cleared:
            raise ValueError(
                "this profile reports a red flag: see a clinician before any programme"
            )
        if self.gap_percent is None:
            raise ValueError(
                "this profile has no measured gap: do the row test or the side bridges first"
            )
        start: dict[str, Any] = {
            "gap_percent": self.gap_percent,
            "weak_side": self.weaker_side or "left",
        }
        if self.training_status is not None:
            start["status"] = self.training_status
        return Scenario.model_validate({**start, **plan})


FORMAT = Profile.model_fields["format"].default
VERSION = Profile.model_fields["version"].default


def not_a_record(text: str | bytes, format_: str, version: int, what: str) -> str | None:
    """Why ``text`` is not a JSON record of ``format_`` and ``version``, or None when it may be one."""
    if not text.strip():
        return "is empty"
    try:
        content = json.loads(text)
    except (ValueError, RecursionError) as err:
        return f"is not valid JSON ({err}); the file may be cut short or edited by hand"
    if not isinstance(content, dict) or content.get("format") != format_:
        return f"is not a Back in Balance {what} (its format is not {format_!r})"
    if content.get("version") != version:
        return (
            f"is {what} version {content.get('version')!r}; this notebook reads version {version}"
        )
    return None


def read_profile(text: str | bytes, name: str) -> Profile:
    """A learner's profile from JSON text (the format in the module docstring).

    Parameters
    ----------
    text
        The JSON the self-assessment saved or the static book downloaded.
    name
        What to call the source in messages, for example the file's name.

    Returns
    -------
    Profile

    Raises
    ------
    backbalance.common.read.DataError
        One problem for text that is empty, not JSON, not a profile or of another version;
        else one problem per invalid field.
    """
    reason = not_a_record(text, FORMAT, VERSION, "profile")
    if reason is not None:
        raise DataError([Problem(name, "", reason)])
    try:
        return Profile.from_json(text)
    except ValidationError as err:
        raise DataError(problems_from(name, err)) from None


def load_profile(path: Path | str) -> Profile:
    """Read a saved profile, such as ``data/examples/desk-worker.json``.

    Raises
    ------
    backbalance.common.read.DataError
        When the file is missing or is not a valid profile.
    """
    path = Path(path)
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(display_path(path), "", "file not found")]) from None
    return read_profile(text, display_path(path))
