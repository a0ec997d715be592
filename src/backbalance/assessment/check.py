"""Checking the reader's answers: red flags first, then every field by its rule.

:func:`screen` checks the red-flag answers, the check before the tests and the date of a
clinician's check (the one path that unlocks the tests and the programme after a
see-a-clinician sign); :func:`check_answers` checks the whole form
(``name -> text``, exactly what the reader typed or picked, see
:mod:`backbalance.assessment.logic`) and returns typed
:class:`~backbalance.assessment.logic.Answers` or one message per field. Steps 2 to 5 are
checked by one loop over :func:`field_rules`, a table made from ``data/`` that the static
book's script (``static/assessment-core.js``) reads from the page's spec and interprets
the same way.

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.assessment.check import check_answers
>>> check_answers({"redflag-cancer": "yes"}, Course.find().assessment, "2026-01-31").answers.red_flag
'clinician'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.form import CLEARANCE, fields_of_tests
from backbalance.assessment.logic import (
    HOLDS,
    NORM_GROUPS,
    SPACE,
    TIGHT_CHOICES,
    UNITS,
    YES_NO,
    Answers,
    fill,
    format_number,
    parse_number,
)
from backbalance.assessment.measures import NumberInput
from backbalance.assessment.profile import (
    ISO_DATE,
    PreExerciseResult,
    RedFlagLevel,
    StrengthResult,
)
from backbalance.assessment.questions import Clearance
from backbalance.common.types import SIDES
from backbalance.strength_gap.parameters import STATUSES

MESSAGES: dict[str, str] = {
    "choose": "Choose an answer.",
    "number": "Type a number, such as 45.",
    "negative": "Type a number above 0.",
    "low": "Type at least {min} {unit}.",
    "high": "Type at most {max} {unit}. Check for a typing slip.",
    "pair": "Fill in the other side too, or leave both boxes empty.",
    "load": "Type the weight you used for the reps, or leave the strength boxes empty.",
    "form": "Some answers need a look. They are marked in the form.",
    "date": "Type the date as year-month-day, such as 2026-01-31.",
}
"""What the reader sees next to a field whose answer cannot be used (the same in JavaScript)."""


@dataclass(frozen=True)
class Checked:
    """One checked answer: the usable value, or the message to show next to the field."""

    value: float | str | None = None
    error: str | None = None


def check_number(
    text: str, limits: NumberInput, *, required: bool = False, missing: str = "pair"
) -> Checked:
    """Check a typed number against its range.

    Parameters
    ----------
    text
        What the reader typed.
    limits
        ``min``, ``max`` and ``unit`` from ``data/``.
    required
        Whether an empty box is a problem (otherwise it means "not done").
    missing
        The key in :data:`MESSAGES` of what an empty required box says.

    Returns
    -------
    Checked
        ``value`` (a float) or ``error`` (the message); both None for an empty optional box.
    """
    if not text.strip(SPACE):
        return Checked(error=MESSAGES[missing] if required else None)
    value = parse_number(text)
    if value is None:
        return Checked(error=MESSAGES["number"])
    if value <= 0:
        return Checked(error=MESSAGES["negative"])
    bounds = {
        "min": format_number(limits.min, 2),
        "max": format_number(limits.max, 2),
        "unit": limits.unit,
    }
    if value < limits.min:
        return Checked(error=fill(MESSAGES["low"], **bounds))
    if value > limits.max:
        return Checked(error=fill(MESSAGES["high"], **bounds))
    return Checked(value=value)


def check_choice(value: str, allowed: tuple[str, ...], *, required: bool = True) -> Checked:
    """Check a picked option: one of ``allowed``, or empty when not ``required``."""
    if value in allowed:
        return Checked(value=value)
    if not value and not required:
        return Checked()
    return Checked(error=MESSAGES["choose"])


def check_date(text: str, today: str, clearance: Clearance) -> Checked:
    """Check the date of a clinician's check: empty, or a real ``YYYY-MM-DD`` no later than
    ``today`` and no more than ``clearance.valid.days`` before it.

    >>> from backbalance.course import Course
    >>> clearance = Course.find().assessment.red_flags.clearance
    >>> check_date("2026-02-30", "2026-03-01", clearance).error
    'Type the date as year-month-day, such as 2026-01-31.'
    >>> check_date("2026-03-01", "2026-03-01", clearance).value
    '2026-03-01'
    """
    text = text.strip(SPACE)
    if not text:
        return Checked()
    try:
        valid = bool(re.fullmatch(ISO_DATE, text)) and bool(datetime.date.fromisoformat(text))
    except ValueError:
        valid = False
    if not valid:
        return Checked(error=MESSAGES["date"])
    if text > today:
        return Checked(error=clearance.future)
    earliest = datetime.date.fromisoformat(today) - datetime.timedelta(days=clearance.valid.days)
    if text < earliest.isoformat():
        return Checked(error=clearance.valid.expired)
    return Checked(value=text)


@dataclass(frozen=True)
class Screen:
    """The result of step 1: the red flags and the date of a clinician's check.

    ``level`` is None while a question is unanswered and nothing stops the reader; a single
    "yes" is enough to stop, whatever the other answers, unless the reader gave the date of
    a clinician's check (``cleared``), which never lifts an urgent sign. ``signs`` are kept
    only when the screen stops; ``cleared_on`` is the valid date typed, if any.
    """

    level: RedFlagLevel | None
    signs: tuple[str, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)
    cleared_on: str | None = None


def screen(state: Mapping[str, str], data: AssessmentData, today: str) -> Screen:
    """Check step 1: ``redflag-<id>`` (``yes``/``no``) and ``clearance`` (a date or empty).

    Parameters
    ----------
    state
        Field name -> what the reader typed or picked.
    data
        The validated ``data/assessment`` files.
    today
        Today's date, ``YYYY-MM-DD`` (a clinician's check cannot be later).

    Returns
    -------
    Screen
        ``urgent`` if any urgent sign is yes; else ``clinician`` if another sign is yes and
        no clinician's check is dated; else None with a message per field to fix; else
        ``cleared`` (a sign, and a dated check) or ``none``.
    """
    flags = data.red_flags
    checked = {
        sign.id: check_choice(state.get(f"redflag-{sign.id}", ""), YES_NO) for sign in flags.signs()
    }
    signs = tuple(sign_id for sign_id, answer in checked.items() if answer.value == "yes")
    if any(sign.id in signs for sign in flags.urgent.signs):
        return Screen("urgent", signs)
    date = check_date(state.get(CLEARANCE, ""), today, flags.clearance)
    if signs and date.value is None and date.error is None:
        return Screen("clinician", signs)
    every = {**{f"redflag-{k}": v for k, v in checked.items()}, CLEARANCE: date}
    errors = {name: answer.error for name, answer in every.items() if answer.error}
    if errors:
        return Screen(None, (), errors)
    cleared_on = None if date.value is None else str(date.value)
    return Screen("cleared" if signs else "none", (), {}, cleared_on)


def pre_exercise(
    state: Mapping[str, str], data: AssessmentData, cleared_on: str | None
) -> tuple[PreExerciseResult | None, dict[str, str]]:
    """Check the questions before the tests (``pre-<id>``: ``yes``/``no``).

    Returns
    -------
    tuple
        ``passed`` (all no), ``cleared`` (a yes, and a clinician's check is dated),
        ``stopped`` (a yes: no holds, no strength test, no programme) or None with a
        message per unanswered question.
    """
    checked = {
        f"pre-{q.id}": check_choice(state.get(f"pre-{q.id}", ""), YES_NO)
        for q in data.pre_exercise.questions
    }
    if any(answer.value == "yes" for answer in checked.values()):
        return ("cleared" if cleared_on else "stopped"), {}
    errors = {name: answer.error for name, answer in checked.items() if answer.error}
    return (None if errors else "passed"), errors


@dataclass(frozen=True)
class FormCheck:
    """The whole form checked: :class:`Answers`, or a message for each field to fix."""

    answers: Answers | None
    errors: dict[str, str] = field(default_factory=dict)


ANSWER_PARTS: dict[str, object] = {
    "choices": {},
    "holds": {},
    "norms": None,
    "strength": None,
    "dominant_hand": None,
    "tightness": {},
    "training_status": None,
}
"""What :func:`check_answers` gathers the answers into before a field adds its value."""


@dataclass(frozen=True)
class FieldRule:
    """How one field of steps 2 to 5 is checked, and where its value goes in the answers.

    ``choice`` fields take one of ``allowed``; ``number`` fields a number within
    ``limits`` (or within ``limits_by[<value of limits_from>]``; the field is skipped while
    that value is missing). A field with a ``pair`` is required when either of the two is
    filled in. ``into`` is the path of the value in :data:`ANSWER_PARTS`; with
    ``only_with`` the value is kept only when that field has a value too. With ``only_if``
    (a field and a value) the field is checked only when that field has that value.
    """

    name: str
    kind: str
    into: tuple[str, ...]
    allowed: tuple[str, ...] = ()
    required: bool = False
    limits: NumberInput | None = None
    limits_from: str | None = None
    limits_by: Mapping[str, NumberInput] = field(default_factory=dict)
    pair: str | None = None
    only_with: str | None = None
    only_if: tuple[str, str] | None = None
    missing: str = "pair"

    def to_json(self) -> dict[str, object]:
        """The rule as the page's script reads it (limits as ``min``, ``max``, ``unit``)."""

        def bounds(limits: NumberInput) -> dict[str, object]:
            return {"min": limits.min, "max": limits.max, "unit": limits.unit}

        return {
            "name": self.name,
            "kind": self.kind,
            "into": list(self.into),
            "allowed": list(self.allowed),
            "required": self.required,
            "limits": bounds(self.limits) if self.limits else None,
            "limits_from": self.limits_from,
            "limits_by": {key: bounds(value) for key, value in self.limits_by.items()},
            "pair": self.pair,
            "only_with": self.only_with,
            "only_if": list(self.only_if) if self.only_if else None,
            "missing": self.missing,
        }


def field_rules(data: AssessmentData) -> tuple[FieldRule, ...]:
    """Every field of steps 2 to 5, in the order of the form, with how it is checked."""
    endurance, units = data.endurance.input, data.strength.units
    pairs = {"hold-bridge_right": "hold-bridge_left", "strength-left": "strength-right"}
    pairs |= {second: first for first, second in pairs.items()}
    return (
        *(
            FieldRule(
                f"question-{q.id}",
                "choice",
                ("choices", q.id),
                tuple(option.value for option in q.options),
                required=True,
            )
            for q in data.questionnaire.questions
        ),
        *(
            FieldRule(
                f"hold-{hold}",
                "number",
                ("holds", hold),
                limits=endurance,
                pair=pairs.get(f"hold-{hold}"),
            )
            for hold in HOLDS
        ),
        FieldRule("norms", "choice", ("norms",), NORM_GROUPS),
        FieldRule(
            "strength-unit",
            "choice",
            ("strength", "unit"),
            UNITS,
            required=True,
            only_with="strength-left",
        ),
        *(
            FieldRule(
                f"strength-{side}",
                "number",
                ("strength", side),
                limits_from="strength-unit",
                limits_by={unit: getattr(units, unit) for unit in UNITS},
                pair=pairs[f"strength-{side}"],
            )
            for side in SIDES
        ),
        FieldRule(
            "strength-load",
            "number",
            ("strength", "load"),
            limits=data.strength.load,
            pair="strength-left",
            missing="load",
            only_with="strength-left",
            only_if=("strength-unit", "reps"),
        ),
        FieldRule("dominant-hand", "choice", ("dominant_hand",), SIDES),
        *(
            FieldRule(f"tight-{m.id}", "choice", ("tightness", m.id), TIGHT_CHOICES, required=True)
            for m in data.tightness.muscles
        ),
        FieldRule("training-status", "choice", ("training_status",), STATUSES),
    )


def check_field(
    rule: FieldRule, state: Mapping[str, str], checked: Mapping[str, Checked]
) -> Checked | None:
    """Check one field by its rule (None when the field is skipped: its unit is missing, or
    its ``only_if`` does not hold)."""
    text = state.get(rule.name, "")
    if rule.only_if is not None:
        name, wanted = rule.only_if
        if name not in checked or checked[name].value != wanted:
            return None
    if rule.kind == "choice":
        return check_choice(text, rule.allowed, required=rule.required)
    limits = rule.limits
    if rule.limits_from is not None:
        key = checked[rule.limits_from].value
        if key is None:
            return None
        limits = rule.limits_by[str(key)]
    assert limits is not None
    paired = rule.pair is not None and any(
        state.get(name, "").strip(SPACE) for name in (rule.name, rule.pair)
    )
    return check_number(text, limits, required=rule.required or paired, missing=rule.missing)


def gather(rules: tuple[FieldRule, ...], checked: Mapping[str, Checked]) -> dict[str, object]:
    """The checked values put where their rules say (see :data:`ANSWER_PARTS`)."""
    answers: dict[str, object] = {
        key: dict(part) if isinstance(part, dict) else part for key, part in ANSWER_PARTS.items()
    }
    for rule in rules:
        value = checked[rule.name].value if rule.name in checked else None
        kept = rule.only_with is None or (
            rule.only_with in checked and checked[rule.only_with].value is not None
        )
        if value is None or not kept:
            continue
        *parents, key = rule.into
        target = answers
        for part in parents:
            if target.get(part) is None:
                target[part] = {}
            target = target[part]  # type: ignore[assignment]
        target[key] = value
    return answers


def check_answers(state: Mapping[str, str], data: AssessmentData, today: str) -> FormCheck:
    """Check the whole form, the safety screen first.

    Parameters
    ----------
    state
        Field name -> what the reader typed or picked (see the module docstring).
    data
        The validated ``data/assessment`` files.
    today
        Today's date, ``YYYY-MM-DD`` (see :func:`screen`).

    Returns
    -------
    FormCheck
        After a red flag, answers with only the red flag filled in (the rest is not
        checked); otherwise answers, or an error message for every field to fix. When the
        check before the tests stops them, the fields of the holds and the strength test
        are not checked and not kept.
    """
    screened = screen(state, data, today)
    if screened.level is None:
        return FormCheck(None, screened.errors)
    if screened.level not in ("none", "cleared"):
        return FormCheck(Answers(screened.level, screened.signs))
    before_tests, errors = pre_exercise(state, data, screened.cleared_on)
    skipped = fields_of_tests(data) if before_tests == "stopped" else ()
    rules = tuple(rule for rule in field_rules(data) if rule.name not in skipped)
    checked: dict[str, Checked] = {}
    for rule in rules:
        result = check_field(rule, state, checked)
        if result is not None:
            checked[rule.name] = result
    errors |= {name: result.error for name, result in checked.items() if result.error}
    if errors:
        return FormCheck(None, errors)
    parts = gather(rules, checked)
    strength = parts["strength"]
    return FormCheck(
        Answers(
            red_flag=screened.level,
            pre_exercise=before_tests,
            cleared_on=screened.cleared_on
            if screened.level == "cleared" or before_tests == "cleared"
            else None,
            choices=parts["choices"],  # type: ignore[arg-type]
            holds=parts["holds"],  # type: ignore[arg-type]
            norms=parts["norms"],  # type: ignore[arg-type]
            strength=StrengthResult.model_validate(strength) if strength else None,
            dominant_hand=parts["dominant_hand"],  # type: ignore[arg-type]
            tightness=parts["tightness"],  # type: ignore[arg-type]
            training_status=parts["training_status"],  # type: ignore[arg-type]
        )
    )
