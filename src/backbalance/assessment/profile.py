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
      "cleared_on": null,              // date of the clinician's check (YYYY-MM-DD) or null;
                                       // a file that says "cleared" without it is not read
      "pre_exercise": "passed",        // the check before the tests: "passed", "cleared"
                                       // (a yes, and a clinician's check), "stopped" (a yes:
                                       // no holds, no strength test, no programme) or null
      "advice": [],                    // ids of questionnaire.yml advice that applies
      "concern_score": 9,              // questionnaire score, 0..concern_max
      "concern_max": 26,
      "contributors": ["carrying", "tight-side"],   // likely causes, most likely first
      "weaker_side": "left",           // strength only; null when not measured or equal
      "gap_percent": 8.9,              // 100 - strength LSI, one decimal
      "gap_test": "row",               // "row" (single-arm row) or null
      "clear_gap": false,              // the verdict asks for extra work
      "lsi": 91.1,                     // estimated-strength LSI in per cent, one decimal
      "lsi_method": "estimated_1rm",   // "estimated_1rm" (load and reps), "load" (heaviest
                                       // weight for 8 reps), "reps_only" (no LSI: > 12 reps)
      "reps_lsi": 75.0,                // the reps-only ratio (shown only with a warning)
      "estimated_1rm": {"left": 12.9, "right": 14.2},   // kg, with reps
      "strength_verdict": "within",    // below, at_or_above, within, beyond,
                                       // dominant_weaker, dominant_within_noise
      "beyond_gap_limit": false,       // gap larger than gap_limit (model_parameters.yml)
      "strength_forecast": true,       // a strength LSI within the limit: a forecast may follow
      "dominant_hand": "right",        // "left", "right" or null
      "holds": {"flexor": 102.0, "extensor": 125.0, "bridge_right": 80.0, "bridge_left": 58.0},
      "bridge_weaker_side": null,      // side bridge that gave out sooner, beyond the noise
      "hold_targets": {"flexor": 150.0, ...},   // re-test targets: time + smallest real change
      "norms": "female",               // averages compared with: "female", "male" or null
      "strength": {"unit": "reps", "left": 9.0, "right": 12.0, "load": 10.0},
      "tight_muscles": [{"muscle": "hip-flexors", "side": "right"}],
      "training_status": "novice"      // or "intermediate", "trained", null
    }

Hold times are an endurance track: they never give ``weaker_side``, ``gap_percent`` or
``lsi``, and a profile with hold times but no strength LSI has ``strength_forecast`` false.

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
from backbalance.common.files import decode_text, write_atomic
from backbalance.common.read import DataError, Problem, display_path, problems_from, unique_keys
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
GapTestId = Literal["row"]
LsiMethod = Literal["estimated_1rm", "load", "reps_only"]
StrengthVerdict = Literal[
    "below", "at_or_above", "within", "beyond", "dominant_weaker", "dominant_within_noise"
]


class StrengthResult(Frozen):
    """The side-to-side strength test: each side's reps (with the ``load`` in kg) or kg."""

    unit: StrengthUnit
    left: Annotated[float, Field(gt=0)]
    right: Annotated[float, Field(gt=0)]
    load: Annotated[float, Field(gt=0)] | None = None


class SideValues(Frozen):
    """A number for each side."""

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
    lsi_method: LsiMethod | None = None
    reps_lsi: Annotated[float, Field(ge=0, le=100)] | None = None
    estimated_1rm: SideValues | None = None
    strength_verdict: StrengthVerdict | None = None
    beyond_gap_limit: bool | None = None
    strength_forecast: bool | None = None
    dominant_hand: Side | None = None
    holds: dict[HoldId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    bridge_weaker_side: Side | None = None
    hold_targets: dict[HoldId, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
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
        """Write the profile as JSON to ``path`` (UTF-8, all at once) and return the path.

        An existing file is replaced: this is for scripts. The self-assessment app saves
        through :class:`backbalance.common.controls.Saver`, which asks first.
        """
        path = Path(path)
        write_atomic(path, (self.to_json() + "\n").encode("utf-8"))
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
                "this profile has no strength gap: do the single-arm row test first "
                "(hold times are an endurance test and give no strength forecast)"
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


def not_a_course_file(text: str | bytes, fmt: str, version: int, what: str) -> str | None:
    """Why ``text`` is not a JSON file of format ``fmt`` and ``version``, or None when it may be.

    ``what`` names the kind of file in the message (``profile``, ``answers``).
    """
    if not text.strip():
        return "is empty"
    try:
        content = json.loads(text, object_pairs_hook=unique_keys)
    except (ValueError, RecursionError) as err:
        return f"is not valid JSON ({err}); the file may be cut short or edited by hand"
    if not isinstance(content, dict) or content.get("format") != fmt:
        kind = what if what == "profile" else f"{what} file"
        return f"is not a Back in Balance {kind} (its format is not {fmt!r})"
    if content.get("version") != version:
        return (
            f"is {what} version {content.get('version')!r}; this notebook reads version {version}"
        )
    return None


def _not_a_profile(text: str | bytes) -> str | None:
    """Why ``text`` is not a profile file at all, or None when it may be one."""
    return not_a_course_file(text, FORMAT, VERSION, "profile")


UNDATED_CLEARANCE = (
    'is missing: a "cleared" screen needs the date of the clinician\'s check (YYYY-MM-DD); '
    "answer the safety check again"
)
"""Why a profile file that says "cleared" without a date is not read (no programme from it)."""
UNCHECKED_TESTS = (
    "is missing: test results need the answer of the check before the tests (passed, or a "
    "clinician's check); do that step of the self-assessment again"
)
"""Why a profile file with test results but no check before the tests is not read."""


def read_profile(text: str | bytes, name: str) -> Profile:
    """A learner's profile from JSON text (the format in the module docstring).

    Parameters
    ----------
    text
        The JSON the self-assessment saved or the static book downloaded: UTF-8, with or
        without a byte-order mark (Windows Notepad adds one), or UTF-16 with one.
    name
        What to call the source in messages, for example the file's name.

    Returns
    -------
    Profile

    Raises
    ------
    backbalance.common.read.DataError
        One problem for text that is empty, not JSON, not a profile or of another version,
        or that says "cleared" without ``cleared_on``, or that holds test results without
        the check before the tests (``pre_exercise``); else one problem per invalid field.
    """
    if isinstance(text, bytes):
        try:
            text = decode_text(text)
        except UnicodeDecodeError:
            raise DataError(
                [Problem(name, "", "is not UTF-8 or UTF-16 text; save the file as UTF-8")]
            ) from None
    text = text.removeprefix("\ufeff")
    reason = _not_a_profile(text)
    if reason is not None:
        raise DataError([Problem(name, "", reason)])
    try:
        profile = Profile.from_json(text)
    except ValidationError as err:
        raise DataError(problems_from(name, err)) from None
    if "cleared" in (profile.red_flag, profile.pre_exercise) and profile.cleared_on is None:
        raise DataError([Problem(name, "cleared_on", UNDATED_CLEARANCE)])
    if profile.pre_exercise is None and (profile.strength is not None or profile.holds):
        raise DataError([Problem(name, "pre_exercise", UNCHECKED_TESTS)])
    return profile


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
