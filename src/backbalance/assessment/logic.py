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
the answers) and :func:`gap_tests` (which test gives the weaker side, in order, and what
makes its gap clear). The static
book's script (``static/assessment-core.js``) gets these tables in the page's JSON spec
(:func:`backbalance.assessment.render.script_spec`) and interprets them exactly as the
functions here do; ``tests/golden`` replays Python's results under Node. So every rule
here is exact: scores are whole numbers, and numbers are rounded half up with
:func:`round_half_up` before they are compared or shown.

Form field names: ``redflag-<id>`` (``yes``/``no``), ``clearance`` (``YYYY-MM-DD`` or
empty), ``pre-<id>`` (``yes``/``no``), ``question-<id>`` (an option value),
``hold-<hold>`` (seconds), ``norms`` (``female``, ``male`` or empty), ``strength-unit``
(``reps``/``kg``), ``strength-left`` and ``strength-right``, ``tight-<muscle>``
(``none``, ``left``, ``right``, ``both``) and ``training-status`` (a status or empty).

Examples
--------
>>> from backbalance.assessment.logic import limb_symmetry_index, round_half_up
>>> limb_symmetry_index(9, 12)
75.0
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
    GapTestId,
    NormGroup,
    PreExerciseResult,
    Profile,
    RedFlagLevel,
    StrengthResult,
    StrengthUnit,
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


def bridge_side(holds: Mapping[str, float], noise: float) -> Side | None:
    """The side whose side bridge gave out sooner, when the gap is at least ``noise`` seconds."""
    if "bridge_left" not in holds or "bridge_right" not in holds:
        return None
    left, right = holds["bridge_left"], holds["bridge_right"]
    return weaker(left, right) if abs(left - right) >= noise else None


# --------------------------------------------------------------------------- the profile


@dataclass(frozen=True)
class GapTest:
    """A test the weaker side and the gap may come from: the first one done counts.

    ``left`` and ``right`` are paths into the answers. The gap is clear when the LSI is
    under ``clear_lsi_below`` or the two sides differ by at least ``clear_gap_at_least``
    (whichever is given); the profile keeps the LSI only when ``keeps_lsi``.
    """

    test: GapTestId
    left: tuple[str, ...]
    right: tuple[str, ...]
    keeps_lsi: bool
    clear_lsi_below: float | None = None
    clear_gap_at_least: float | None = None

    def to_json(self) -> dict[str, object]:
        """The test as the page's script reads it."""
        return {
            "test": self.test,
            "left": list(self.left),
            "right": list(self.right),
            "keeps_lsi": self.keeps_lsi,
            "clear_lsi_below": self.clear_lsi_below,
            "clear_gap_at_least": self.clear_gap_at_least,
        }


def gap_tests(data: AssessmentData) -> tuple[GapTest, ...]:
    """The row test first, else the side bridges, with the thresholds from ``data/``."""
    return (
        GapTest(
            "row",
            ("strength", "left"),
            ("strength", "right"),
            keeps_lsi=True,
            clear_lsi_below=data.strength.lsi.line,
        ),
        GapTest(
            "side_bridge",
            ("holds", "bridge_left"),
            ("holds", "bridge_right"),
            keeps_lsi=False,
            clear_gap_at_least=data.endurance.noise.seconds,
        ),
    )


def _lookup(answers: object, path: tuple[str, ...]) -> float | None:
    """The value at ``path`` in the answers (a mapping key or an attribute), or None."""
    value = answers
    for part in path:
        value = value.get(part) if isinstance(value, Mapping) else getattr(value, part, None)
        if value is None:
            return None
    return float(value)  # type: ignore[arg-type]


def _gap(answers: Answers, data: AssessmentData) -> dict[str, object]:
    """Weaker side and gap from the first of :func:`gap_tests` that was done."""
    for gap_test in gap_tests(data):
        left, right = _lookup(answers, gap_test.left), _lookup(answers, gap_test.right)
        if left is None or right is None:
            continue
        lsi = limb_symmetry_index(left, right)
        if gap_test.clear_lsi_below is not None:
            clear = lsi < gap_test.clear_lsi_below
        else:
            clear = abs(left - right) >= (gap_test.clear_gap_at_least or 0)
        return {
            "weaker_side": weaker(left, right),
            "gap_percent": round_half_up(100 - lsi, 1),
            "gap_test": gap_test.test,
            "clear_gap": clear,
            "lsi": lsi if gap_test.keeps_lsi else None,
        }
    return {}


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
    questionnaire = data.questionnaire
    return Profile(
        red_flag=answers.red_flag,
        cleared_on=answers.cleared_on,
        pre_exercise=answers.pre_exercise,
        advice=advice(answers.choices, questionnaire),
        concern_score=concern_score(answers.choices, questionnaire),
        concern_max=concern_max(questionnaire),
        contributors=ranked_contributors(answers.choices, questionnaire),
        **_gap(answers, data),  # type: ignore[arg-type]
        holds=answers.holds,
        norms=answers.norms,
        strength=answers.strength,
        tight_muscles=tuple(
            TightMuscle(muscle=muscle, side=side)  # type: ignore[arg-type]
            for muscle, side in answers.tightness.items()
            if side != "none"
        ),
        training_status=answers.training_status,
    )
