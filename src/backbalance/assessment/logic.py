"""Self-assessment rules: numbers, scores, torso-endurance ratios, LSI and the profile.

Pure functions, no I/O and no widgets. The flow is

1. :func:`backbalance.assessment.check.screen` checks the red-flag answers. Any "yes" stops
   the assessment, unless the reader dates a clinician's check (never after an urgent sign);
   :func:`backbalance.assessment.check.pre_exercise` checks the questions before the tests,
   and a "yes" there skips the timed holds and the strength test.
2. :func:`backbalance.assessment.check.check_answers` checks every answer of the form
   (``name -> text``, exactly what the reader typed or picked) and returns typed
   :class:`Answers` or one message per field.
3. :func:`build_profile` turns the answers into a :class:`~backbalance.assessment.profile.Profile`.
4. :func:`backbalance.assessment.report.describe` words the profile from ``data/``.

The rules that are not already values in ``data/`` are tables made from the data:
:func:`~backbalance.assessment.check.field_rules` (every field: its kind, allowed values
or limits, whether it is required, which field it pairs with and where its value goes in
the answers) and :func:`hold_noise` (the smallest real change of every test). The static
book's script (``static/assessment-core.js``) gets these tables in the page's JSON spec
(:func:`backbalance.assessment.render.script_spec`) and interprets them exactly as the
functions here do; ``tests/golden`` replays Python's results under Node. So every rule
here is exact: scores are whole numbers, and numbers are rounded half up with
:func:`round_half_up` before they are compared or shown.

Form field names: ``redflag-<id>`` (``yes``/``no``), ``clearance`` (``YYYY-MM-DD`` or
empty), ``pre-<id>`` (``yes``/``no``), ``question-<id>`` (an option value),
``hold-<hold>`` (seconds), ``norms`` (``female``, ``male`` or empty), ``strength-unit``
(``reps``/``kg``), ``strength-load`` (kg, with reps), ``strength-left`` and
``strength-right``, ``dominant-hand`` (``left``, ``right`` or empty), ``tight-<muscle>``
(``none``, ``left``, ``right``, ``both``) and ``training-status`` (a status or empty).

The measurement chain: reps at one weight become an estimated one-repetition maximum
(:func:`estimated_1rm`, the mean of Epley and Brzycki), so 9 and 12 reps give an LSI of
91%, not the 75% of the reps themselves; :func:`strength_verdict` reads the LSI
against the normal dominance difference and the test's noise (:func:`mdc95`, the one
smallest-real-change rule of the course, also used by the tracker and the class results).
Hold times stay an endurance track: their own noise and targets, never a strength gap.

Examples
--------
>>> from backbalance.assessment.logic import estimated_1rm, limb_symmetry_index, round_half_up
>>> limb_symmetry_index(estimated_1rm(10, 9), estimated_1rm(10, 12))
91.0
>>> round_half_up(mdc95(17.5), 1)
48.5
>>> round_half_up(80 / 58, 2)
1.38
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import get_args

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.measures import Ratio
from backbalance.assessment.profile import (
    NormGroup,
    PreExerciseResult,
    Profile,
    RedFlagLevel,
    StrengthResult,
    StrengthUnit,
    StrengthVerdict,
    TightMuscle,
)
from backbalance.assessment.questions import Question, Questionnaire
from backbalance.assessment.types import BLANK, HoldId
from backbalance.common.types import Side
from backbalance.strength_gap.parameters import Status

NUMBER = r"[+-]?[0-9]+(?:[.,][0-9]+)?"
"""What counts as a typed number: digits, an optional sign, one optional decimal point or comma."""

SPACE = " \t\r\n"
"""The characters trimmed from both ends of a typed answer."""

HOLDS: tuple[HoldId, ...] = get_args(HoldId)
TIGHT_CHOICES = ("none", "left", "right", "both")
YES_NO = ("yes", "no")
"""The answers to a red-flag question."""
NORM_GROUPS: tuple[NormGroup, ...] = get_args(NormGroup)
UNITS: tuple[StrengthUnit, ...] = get_args(StrengthUnit)

# --------------------------------------------------------------------------- numbers and words


def round_half_up(value: float, digits: int) -> float:
    """Round to ``digits`` decimals, halves up, exactly as the browser script does.

    ``floor(value * 10**digits + 0.5) / 10**digits`` uses the same floating-point
    operations in Python and JavaScript, so both give the same number.
    """
    scale = 10**digits
    return math.floor(value * scale + 0.5) / scale


def format_number(value: float, digits: int = 1) -> str:
    """``value`` rounded half up, without a trailing ``.0`` (``75.0`` -> ``"75"``)."""
    rounded = round_half_up(value, digits)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def fill(template: str, **values: str) -> str:
    """Fill the ``{blanks}`` of a sentence from ``data/`` (only simple names, no formats)."""
    return re.sub(BLANK, lambda match: values[match.group(1)], template)


def parse_number(text: str) -> float | None:
    """The number typed in ``text`` (a comma may be the decimal mark), or None if it is not one."""
    text = text.strip(SPACE)
    if not re.fullmatch(NUMBER, text):
        return None
    return float(text.replace(",", "."))


@dataclass(frozen=True)
class Answers:
    """Checked answers, ready to score. After a red flag only the first two are filled in."""

    red_flag: RedFlagLevel
    red_flag_signs: tuple[str, ...] = ()
    pre_exercise: PreExerciseResult | None = None
    cleared_on: str | None = None
    choices: dict[str, str] = field(default_factory=dict)
    holds: dict[HoldId, float] = field(default_factory=dict)
    norms: NormGroup | None = None
    strength: StrengthResult | None = None
    dominant_hand: Side | None = None
    tightness: dict[str, str] = field(default_factory=dict)
    training_status: Status | None = None


# --------------------------------------------------------------------------- scores


def _points(question: Question, value: str) -> int:
    """The points of the option with ``value``."""
    return next(option.points for option in question.options if option.value == value)


def concern_score(choices: Mapping[str, str], questionnaire: Questionnaire) -> int:
    """Sum over questions of the chosen option's points times the question's concern weight."""
    return sum(_points(q, choices[q.id]) * q.concern_weight for q in questionnaire.questions)


def concern_max(questionnaire: Questionnaire) -> int:
    """The highest concern score the questionnaire allows."""
    return sum(
        max(option.points for option in q.options) * q.concern_weight
        for q in questionnaire.questions
    )


def contributor_scores(choices: Mapping[str, str], questionnaire: Questionnaire) -> dict[str, int]:
    """Each contributor's score: sum over questions of points times the question's weight for it."""
    scores = {contributor.id: 0 for contributor in questionnaire.contributors}
    for question in questionnaire.questions:
        points = _points(question, choices[question.id])
        for contributor_id, weight in question.contributes.items():
            scores[contributor_id] += points * weight
    return scores


def ranked_contributors(
    choices: Mapping[str, str], questionnaire: Questionnaire
) -> tuple[str, ...]:
    """Contributors that reach ``contributor_min_score``, highest score first (ties: file order).

    A contributor that ``needs`` a question is left out when the reader's answer to it scores
    0: a cause the reader has just denied (an injury, after "No" to injury) is never named.
    """
    scores = contributor_scores(choices, questionnaire)
    questions = {q.id: q for q in questionnaire.questions}
    denied = {
        c.id
        for c in questionnaire.contributors
        if c.needs is not None and _points(questions[c.needs], choices[c.needs]) == 0
    }
    order = sorted(scores, key=lambda cid: -scores[cid])  # stable: ties keep the file order
    return tuple(
        cid
        for cid in order
        if scores[cid] >= questionnaire.contributor_min_score and cid not in denied
    )


def advice(choices: Mapping[str, str], questionnaire: Questionnaire) -> tuple[str, ...]:
    """The ids of the ``advice`` entries whose question got one of their answers, in file order."""
    return tuple(a.id for a in questionnaire.advice if choices.get(a.question) in a.answers)


def ratio_value(holds: Mapping[str, float], ratio: Ratio) -> float | None:
    """The ratio rounded to two decimals, or None when a hold is missing."""
    if ratio.numerator not in holds or ratio.denominator not in holds:
        return None
    return round_half_up(holds[ratio.numerator] / holds[ratio.denominator], 2)


def ratio_outside(value: float, ratio: Ratio) -> bool:
    """Whether a (rounded) ratio is below ``low`` or above ``high``: worth a closer look."""
    return (ratio.low is not None and value < ratio.low) or (
        ratio.high is not None and value > ratio.high
    )


def norm_band(seconds: float, mean: float, sd: float) -> str:
    """``below`` (under mean - sd), ``above`` (over mean + sd) or ``around`` the average."""
    if seconds < mean - sd:
        return "below"
    if seconds > mean + sd:
        return "above"
    return "around"


def limb_symmetry_index(left: float, right: float) -> float:
    """LSI = weaker / stronger x 100, rounded half up to one decimal (Gokeler et al. 2017)."""
    return round_half_up(min(left, right) / max(left, right) * 100, 1)


def weaker(left: float, right: float) -> Side | None:
    """The side with the lower result, or None when they are equal."""
    if left == right:
        return None
    return "left" if left < right else "right"


def mdc95(sem: float) -> float:
    """The smallest real change between two results, with 95% confidence: 1.96 x sqrt(2) x SEM.

    The one rule of the course for judging a change or a side-to-side difference against a
    test's typical error (``sem``, in the test's unit): the assessment's wording, the
    tracker's "ahead / on track / behind" and the class results all use it (Weir 2005's
    standard formula; the SEMs and their sources are in ``data/assessment/*.yml``).

    >>> round_half_up(mdc95(4.2), 1)
    11.6
    """
    return 1.96 * math.sqrt(2) * sem


def estimated_1rm(load: float, reps: float) -> float:
    """The heaviest single lift estimated from ``load`` lifted ``reps`` times.

    The mean of Epley (``load x (1 + reps / 30)``) and Brzycki (``load x 36 / (37 - reps)``),
    meant for 1 to 12 reps (``strength.yml`` ``estimate.max_reps``). The browser script uses
    the same operations in the same order, so both give the same number.

    >>> round_half_up(estimated_1rm(10, 10), 2)
    13.33
    """
    return (load * (1 + reps / 30) + load * 36 / (37 - reps)) / 2


def strength_verdict(
    lsi: float,
    weaker_side: Side | None,
    dominant_hand: Side | None,
    *,
    line: float,
    noise: float,
) -> StrengthVerdict:
    """What the strength LSI means, given the dominant hand and the test's noise (both in %).

    Without a dominant hand: ``below`` or ``at_or_above`` the line. The non-dominant side
    weaker: ``beyond`` the normal dominance difference when under the line, else
    ``within`` it. The dominant side weaker: ``dominant_weaker`` when the gap is at least
    ``noise``, else ``below`` when under the line, else ``dominant_within_noise``.

    >>> strength_verdict(91.0, "left", "right", line=90, noise=11.6)
    'within'
    """
    gap = round_half_up(100 - lsi, 1)
    if weaker_side is None or dominant_hand is None:
        return "below" if lsi < line else "at_or_above"
    if weaker_side != dominant_hand:
        return "beyond" if lsi < line else "within"
    if gap >= noise:
        return "dominant_weaker"
    return "below" if lsi < line else "dominant_within_noise"


CLEAR_VERDICTS: tuple[StrengthVerdict, ...] = ("below", "beyond", "dominant_weaker")
"""The verdicts that make a gap clear enough for extra work."""


def bridge_side(holds: Mapping[str, float], noise: float) -> Side | None:
    """The side whose side bridge gave out sooner, when the gap is at least ``noise`` seconds."""
    if "bridge_left" not in holds or "bridge_right" not in holds:
        return None
    left, right = holds["bridge_left"], holds["bridge_right"]
    return weaker(left, right) if abs(left - right) >= noise else None


def hold_noise(data: AssessmentData) -> dict[str, float]:
    """The smallest real change of each test, rounded half up to one decimal (seconds or %)."""
    errors = data.endurance.test_error
    return {
        **{hold: round_half_up(mdc95(errors.sem(hold)), 1) for hold in HOLDS},
        "side_bridge": round_half_up(mdc95(errors.side_bridge.sem_seconds), 1),
        "strength": round_half_up(mdc95(data.strength.test_error.sem_percent), 1),
    }


def hold_targets(holds: Mapping[str, float], noise: Mapping[str, float]) -> dict[HoldId, float]:
    """Each hold's re-test target: today's time plus its smallest real change, whole seconds."""
    return {hold: round_half_up(holds[hold] + noise[hold], 0) for hold in HOLDS if hold in holds}


# --------------------------------------------------------------------------- the profile


def strength_lsi(result: StrengthResult, max_reps: int) -> tuple[float | None, dict[str, object]]:
    """The estimated-strength LSI of a row test, and what the profile keeps of it.

    With reps, the LSI compares estimated 1RMs (only from 1 to ``max_reps`` reps; beyond,
    the LSI is None) and the profile keeps the reps-only ratio for its warning. With the
    heaviest weight for a fixed number of reps, the weights themselves are compared.
    """
    if result.unit == "kg":
        return limb_symmetry_index(result.left, result.right), {"lsi_method": "load"}
    reps_lsi = limb_symmetry_index(result.left, result.right)
    if max(result.left, result.right) > max_reps or result.load is None:
        return None, {"lsi_method": "reps_only", "reps_lsi": reps_lsi}
    left, right = (estimated_1rm(result.load, reps) for reps in (result.left, result.right))
    return limb_symmetry_index(left, right), {
        "lsi_method": "estimated_1rm",
        "reps_lsi": reps_lsi,
        "estimated_1rm": {"left": round_half_up(left, 1), "right": round_half_up(right, 1)},
    }


def _strength(answers: Answers, data: AssessmentData, noise: float) -> dict[str, object]:
    """Weaker side, gap and verdict from the row test, when its strength LSI is known."""
    result = answers.strength
    if result is None:
        return {}
    lsi, kept = strength_lsi(result, data.strength.estimate.max_reps)
    if lsi is None:
        return kept
    side = weaker(result.left, result.right)
    verdict = strength_verdict(
        lsi, side, answers.dominant_hand, line=data.strength.lsi.line, noise=noise
    )
    gap = round_half_up(100 - lsi, 1)
    beyond = gap > data.gap_limit
    return kept | {
        "weaker_side": side,
        "gap_percent": gap,
        "gap_test": "row",
        "clear_gap": verdict in CLEAR_VERDICTS,
        "lsi": lsi,
        "strength_verdict": verdict,
        "beyond_gap_limit": beyond,
    }


def build_profile(answers: Answers, data: AssessmentData) -> Profile:
    """The reader's profile from checked answers (see :mod:`backbalance.assessment.profile`).

    Parameters
    ----------
    answers
        From :func:`check_answers`.
    data
        The validated ``data/assessment`` files.

    Returns
    -------
    Profile
        After a red flag, only the red flag; otherwise the screen's results, the advice,
        scores, side, gap and measures.
    """
    if answers.red_flag not in ("none", "cleared"):
        return Profile(red_flag=answers.red_flag, red_flag_signs=answers.red_flag_signs)
    questionnaire, noise = data.questionnaire, hold_noise(data)
    strength = _strength(answers, data, noise["strength"])
    return Profile(
        red_flag=answers.red_flag,
        cleared_on=answers.cleared_on,
        pre_exercise=answers.pre_exercise,
        advice=advice(answers.choices, questionnaire),
        concern_score=concern_score(answers.choices, questionnaire),
        concern_max=concern_max(questionnaire),
        contributors=ranked_contributors(answers.choices, questionnaire),
        **strength,  # type: ignore[arg-type]
        holds=answers.holds,
        norms=answers.norms,
        strength=answers.strength,
        dominant_hand=answers.dominant_hand,
        bridge_weaker_side=bridge_side(answers.holds, noise["side_bridge"]),
        hold_targets=hold_targets(answers.holds, noise),
        strength_forecast=strength.get("lsi") is not None and not strength["beyond_gap_limit"],
        tight_muscles=tuple(
            TightMuscle(muscle=muscle, side=side)  # type: ignore[arg-type]
            for muscle, side in answers.tightness.items()
            if side != "none"
        ),
        training_status=answers.training_status,
    )
