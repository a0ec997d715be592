"""A profile typed by hand in the programme app, instead of made by the self-assessment.

It lives here, beside the programme, because only the programme app builds one; the
profile record itself is :class:`backbalance.assessment.profile.Profile`.

Examples
--------
>>> manual_profile(red_flag="urgent", weaker_side="left").weaker_side is None
True
>>> manual_profile(red_flag="none", tight_muscles={"lats": "left"}).tight_muscles[0].side
'left'
"""

from __future__ import annotations

from collections.abc import Mapping

from backbalance.assessment.profile import (
    PreExerciseResult,
    Profile,
    RedFlagLevel,
    Side,
    TightMuscle,
    TightSide,
)
from backbalance.strength_gap.parameters import Status


def manual_profile(
    *,
    red_flag: RedFlagLevel,
    pre_exercise: PreExerciseResult | None = None,
    cleared_on: str | None = None,
    weaker_side: Side | None = None,
    gap_percent: float | None = None,
    tight_muscles: Mapping[str, TightSide] | None = None,
    training_status: Status | None = None,
) -> Profile:
    """A profile entered by hand instead of through the self-assessment.

    Parameters
    ----------
    red_flag
        The result of the safety check; there is deliberately no default.
    pre_exercise, cleared_on
        The result of the check before the tests, and the date of a clinician's check.
    weaker_side, gap_percent
        The weaker side and how much weaker it is (% of the stronger side); leave both
        out when not measured.
    tight_muscles
        Muscle id (such as ``hip-flexors``) to the tighter side.
    training_status
        ``novice``, ``intermediate`` or ``trained``.

    Returns
    -------
    backbalance.assessment.profile.Profile
        Only the red flag after a red flag, as the self-assessment does.
    """
    if red_flag not in ("none", "cleared"):
        return Profile(red_flag=red_flag)
    return Profile(
        red_flag=red_flag,
        pre_exercise=pre_exercise,
        cleared_on=cleared_on,
        weaker_side=weaker_side,
        gap_percent=gap_percent,
        tight_muscles=tuple(
            TightMuscle(muscle=m, side=s) for m, s in (tight_muscles or {}).items()
        ),
        training_status=training_status,
    )
