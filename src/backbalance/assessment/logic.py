"""Self-assessment scoring: red flags, questionnaire, torso-endurance ratios, LSI, wording.

Pure functions, no I/O and no widgets. The flow is

1. :func:`screen` checks the red-flag answers. Any "yes" stops the assessment.
2. :func:`check_answers` checks every answer of the form (``name -> text``, exactly what
   the reader typed or picked) and returns typed :class:`Answers` or one message per field.
3. :func:`build_profile` turns the answers into a :class:`~backbalance.assessment.profile.Profile`.
4. :func:`describe` words the profile for the reader, from the sentences in ``data/``.

The static book's script (``sphinxext/static/bb-assessment.js``) mirrors these rules and
gives the same messages, scores, profile and wording for the same answers; a browser test
checks that. So every rule here is exact: scores are whole numbers, and numbers are
rounded half up with :func:`round_half_up` before they are compared or shown.

Form field names: ``redflag-<id>`` (``yes``/``no``), ``question-<id>`` (an option value),
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

from backbalance.assessment.data import (
    AssessmentData,
    HoldId,
    NumberInput,
    Question,
    Questionnaire,
    Ratio,
    RedFlags,
)
from backbalance.assessment.profile import (
    NormGroup,
    Profile,
    RedFlagLevel,
    Side,
    StrengthResult,
    StrengthUnit,
    TightMuscle,
)
from backbalance.strength_gap.parameters import STATUSES, Status

NUMBER = r"[+-]?[0-9]+(?:[.,][0-9]+)?"
"""What counts as a typed number: digits, an optional sign, one optional decimal point or comma."""

BLANK = r"\{([a-z_]+)\}"
"""A blank in a sentence from ``data/``, such as ``{side}``."""

SPACE = " \t\r\n"
"""The characters trimmed from both ends of a typed answer."""

HOLDS: tuple[HoldId, ...] = get_args(HoldId)
SIDES: tuple[Side, Side] = ("left", "right")
TIGHT_CHOICES = ("none", "left", "right", "both")
NORM_GROUPS: tuple[NormGroup, ...] = get_args(NormGroup)
UNITS: tuple[StrengthUnit, ...] = get_args(StrengthUnit)

MESSAGES: dict[str, str] = {
    "choose": "Choose an answer.",
    "number": "Type a number, such as 45.",
    "negative": "Type a number above 0.",
    "low": "Type at least {min} {unit}.",
    "high": "Type at most {max} {unit}. Check for a typing slip.",
    "pair": "Fill in the other side too, or leave both boxes empty.",
    "form": "Some answers need a look. They are marked in the form.",
}
"""What the reader sees next to a field whose answer cannot be used (the same in JavaScript)."""


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


# --------------------------------------------------------------------------- checking answers


@dataclass(frozen=True)
class Checked:
    """One checked answer: the usable value, or the message to show next to the field."""

    value: float | str | None = None
    error: str | None = None


def check_number(text: str, limits: NumberInput, *, required: bool = False) -> Checked:
    """Check a typed number against its range.

    Parameters
    ----------
    text
        What the reader typed.
    limits
        ``min``, ``max`` and ``unit`` from ``data/``.
    required
        Whether an empty box is a problem (otherwise it means "not done").

    Returns
    -------
    Checked
        ``value`` (a float) or ``error`` (the message); both None for an empty optional box.
    """
    if not text.strip(SPACE):
        return Checked(error=MESSAGES["pair"] if required else None)
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


@dataclass(frozen=True)
class Screen:
    """The result of the red-flag screen.

    ``level`` is None while a question is unanswered and no answer is "yes"; a single
    "yes" is enough to stop, whatever the other answers.
    """

    level: RedFlagLevel | None
    signs: tuple[str, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)


def screen(state: Mapping[str, str], red_flags: RedFlags) -> Screen:
    """Check the red-flag answers (``redflag-<id>``: ``yes`` or ``no``).

    Returns
    -------
    Screen
        ``urgent`` if any urgent sign is yes, else ``clinician`` if any other sign is yes,
        else ``none`` when all are answered, else None with a message per unanswered one.
    """
    checked = {
        sign.id: check_choice(state.get(f"redflag-{sign.id}", ""), ("yes", "no"))
        for sign in red_flags.signs()
    }
    signs = tuple(sign_id for sign_id, answer in checked.items() if answer.value == "yes")
    if any(sign.id in signs for sign in red_flags.urgent.signs):
        return Screen("urgent", signs)
    if signs:
        return Screen("clinician", signs)
    errors = {
        f"redflag-{sign_id}": answer.error for sign_id, answer in checked.items() if answer.error
    }
    return Screen(None if errors else "none", (), errors)


@dataclass(frozen=True)
class Answers:
    """Checked answers, ready to score. After a red flag only the first two are filled in."""

    red_flag: RedFlagLevel
    red_flag_signs: tuple[str, ...] = ()
    choices: dict[str, str] = field(default_factory=dict)
    holds: dict[HoldId, float] = field(default_factory=dict)
    norms: NormGroup | None = None
    strength: StrengthResult | None = None
    tightness: dict[str, str] = field(default_factory=dict)
    training_status: Status | None = None


@dataclass(frozen=True)
class FormCheck:
    """The whole form checked: :class:`Answers`, or a message for each field to fix."""

    answers: Answers | None
    errors: dict[str, str] = field(default_factory=dict)


def _pair(
    state: Mapping[str, str], names: tuple[str, str], limits: NumberInput
) -> dict[str, Checked]:
    """Two boxes that are filled in together or left empty together."""
    either = any(state.get(name, "").strip(SPACE) for name in names)
    return {name: check_number(state.get(name, ""), limits, required=either) for name in names}


def check_answers(state: Mapping[str, str], data: AssessmentData) -> FormCheck:
    """Check the whole form, red flags first.

    Parameters
    ----------
    state
        Field name -> what the reader typed or picked (see the module docstring).
    data
        The validated ``data/assessment`` files.

    Returns
    -------
    FormCheck
        After a red flag, answers with only the red flag filled in (the rest is not
        checked); otherwise answers, or an error message for every field to fix.
    """
    screened = screen(state, data.red_flags)
    if screened.level is None:
        return FormCheck(None, screened.errors)
    if screened.level != "none":
        return FormCheck(Answers(screened.level, screened.signs))
    checked: dict[str, Checked] = {}
    for question in data.questionnaire.questions:
        values = tuple(option.value for option in question.options)
        checked[f"question-{question.id}"] = check_choice(
            state.get(f"question-{question.id}", ""), values
        )
    for hold in ("flexor", "extensor"):
        checked[f"hold-{hold}"] = check_number(state.get(f"hold-{hold}", ""), data.endurance.input)
    checked |= _pair(state, ("hold-bridge_right", "hold-bridge_left"), data.endurance.input)
    checked["norms"] = check_choice(state.get("norms", ""), NORM_GROUPS, required=False)
    checked["strength-unit"] = check_choice(state.get("strength-unit", ""), UNITS)
    unit = checked["strength-unit"].value
    if unit is not None:
        checked |= _pair(
            state, ("strength-left", "strength-right"), getattr(data.strength.units, str(unit))
        )
    for muscle in data.tightness.muscles:
        checked[f"tight-{muscle.id}"] = check_choice(
            state.get(f"tight-{muscle.id}", ""), TIGHT_CHOICES
        )
    checked["training-status"] = check_choice(
        state.get("training-status", ""), STATUSES, required=False
    )
    errors = {name: result.error for name, result in checked.items() if result.error}
    if errors:
        return FormCheck(None, errors)
    value = {name: result.value for name, result in checked.items()}
    left, right = value.get("strength-left"), value.get("strength-right")
    return FormCheck(
        Answers(
            red_flag="none",
            choices={q.id: str(value[f"question-{q.id}"]) for q in data.questionnaire.questions},
            holds={
                hold: float(value[f"hold-{hold}"])
                for hold in HOLDS
                if value[f"hold-{hold}"] is not None
            },  # type: ignore[misc]
            norms=value["norms"],  # type: ignore[arg-type]
            strength=StrengthResult(unit=unit, left=left, right=right)
            if left is not None
            else None,  # type: ignore[arg-type]
            tightness={m.id: str(value[f"tight-{m.id}"]) for m in data.tightness.muscles},
            training_status=value["training-status"],  # type: ignore[arg-type]
        )
    )


# --------------------------------------------------------------------------- the form

FORM_TEXT: dict[str, str] = {
    "yes": "Yes",
    "no": "No",
    "seconds": "seconds",
    "not_stated": "Not stated",
    "continue": "Continue",
    "submit": "See my results",
    "remember": "Keep my answers in this browser, so I can come back later",
    "forget": "Forget my answers",
    "download": "Download my profile (JSON)",
    "privacy": "Your answers never leave this browser. Nothing is sent anywhere.",
    "noscript": "This self-assessment needs JavaScript, which is off in your browser. "
    "You can do the same checks on paper with the worksheet in the self-assessment chapter.",
}
"""Fixed words of the form that do not come from ``data/`` (the static page and the notebook)."""


@dataclass(frozen=True)
class FormField:
    """One answer the form asks for.

    ``kind`` is ``choice`` (radio buttons), ``number`` (a text box) or ``menu`` (a drop-down
    whose first option is the default). ``options`` are ``(value, label)`` pairs.
    """

    name: str
    kind: str
    label: str
    options: tuple[tuple[str, str], ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class FormStep:
    """A step of the form: its heading, the text under it and its fields."""

    title: str
    intro: str
    fields: tuple[FormField, ...]


def form_steps(data: AssessmentData) -> tuple[FormStep, ...]:
    """The five steps of the form, in order, with the field names :func:`check_answers` reads.

    Step 1 is the red-flag screen; the static page and the notebook show steps 2 to 5 only
    once it is clear.
    """
    flags, questionnaire, endurance, strength, tightness = (
        data.red_flags,
        data.questionnaire,
        data.endurance,
        data.strength,
        data.tightness,
    )
    yes_no = (("yes", FORM_TEXT["yes"]), ("no", FORM_TEXT["no"]))
    groups = endurance.norms.group_names
    status = strength.training_status
    return (
        FormStep(
            flags.title,
            flags.intro,
            tuple(
                FormField(f"redflag-{sign.id}", "choice", sign.question, yes_no)
                for sign in flags.signs()
            ),
        ),
        FormStep(
            questionnaire.title,
            questionnaire.intro,
            tuple(
                FormField(
                    f"question-{q.id}",
                    "choice",
                    q.prompt,
                    tuple((o.value, o.label) for o in q.options),
                )
                for q in questionnaire.questions
            ),
        ),
        FormStep(
            endurance.title,
            endurance.intro,
            (
                *(
                    FormField(
                        f"hold-{hold}",
                        "number",
                        f"{getattr(endurance.holds, hold).label} ({FORM_TEXT['seconds']})",
                        hint=getattr(endurance.holds, hold).instructions,
                    )
                    for hold in HOLDS
                ),
                FormField(
                    "norms",
                    "menu",
                    endurance.compare.question,
                    (
                        ("", endurance.compare.skip),
                        ("female", groups.female),
                        ("male", groups.male),
                    ),
                ),
            ),
        ),
        FormStep(
            strength.title,
            f"{strength.intro} {strength.label}: {strength.instructions}",
            (
                FormField(
                    "strength-unit",
                    "menu",
                    strength.unit_question,
                    tuple((unit, getattr(strength.units, unit).label) for unit in UNITS),
                ),
                *(
                    FormField(f"strength-{side}", "number", getattr(strength.bar_labels, side))
                    for side in SIDES
                ),
                FormField(
                    "training-status",
                    "menu",
                    status.question,
                    (("", FORM_TEXT["not_stated"]), *((o.value, o.label) for o in status.options)),
                ),
            ),
        ),
        FormStep(
            tightness.title,
            tightness.intro,
            tuple(
                FormField(
                    f"tight-{m.id}",
                    "choice",
                    m.label,
                    tuple((choice, getattr(tightness.choices, choice)) for choice in TIGHT_CHOICES),
                    m.how,
                )
                for m in tightness.muscles
            ),
        ),
    )


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
    """Contributors that reach ``contributor_min_score``, highest score first (ties: file order)."""
    scores = contributor_scores(choices, questionnaire)
    order = sorted(scores, key=lambda cid: -scores[cid])  # stable: ties keep the file order
    return tuple(cid for cid in order if scores[cid] >= questionnaire.contributor_min_score)


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


def _gap(answers: Answers, data: AssessmentData) -> dict[str, object]:
    """Weaker side and gap: from the row test if done, else from the side bridges."""
    if answers.strength is not None:
        left, right, test = answers.strength.left, answers.strength.right, "row"
        lsi = limb_symmetry_index(left, right)
        clear = lsi < data.strength.lsi.line
    elif "bridge_left" in answers.holds:
        left, right, test = (
            answers.holds["bridge_left"],
            answers.holds["bridge_right"],
            "side_bridge",
        )
        lsi = limb_symmetry_index(left, right)
        clear = abs(left - right) >= data.endurance.noise.seconds
    else:
        return {}
    return {
        "weaker_side": weaker(left, right),
        "gap_percent": round_half_up(100 - lsi, 1),
        "gap_test": test,
        "clear_gap": clear,
        "lsi": lsi if test == "row" else None,
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
        After a red flag, only the red flag; otherwise scores, side, gap and measures.
    """
    if answers.red_flag != "none":
        return Profile(red_flag=answers.red_flag, red_flag_signs=answers.red_flag_signs)
    questionnaire = data.questionnaire
    return Profile(
        red_flag="none",
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


# --------------------------------------------------------------------------- wording


@dataclass(frozen=True)
class Link:
    """A link to a chapter of the book (a docname such as ``book/causes``)."""

    text: str
    chapter: str


@dataclass(frozen=True)
class Item:
    """A titled line of the results, with an optional link."""

    title: str
    text: str
    link: Link | None = None


@dataclass(frozen=True)
class Table:
    """A results table: column headings, rows of cells, and which rows are flagged."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    flagged: tuple[bool, ...]


@dataclass(frozen=True)
class Bar:
    """One side's bar: its label, its value in words and its length (0-100, one decimal)."""

    label: str
    text: str
    percent: float


@dataclass(frozen=True)
class Report:
    """Everything the results view shows, as text; the browser script builds the same."""

    stop_title: str = ""
    stop: tuple[str, ...] = ()
    stop_signs: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    concern: tuple[str, ...] = ()
    contributors: tuple[Item, ...] = ()
    causes_link: Link | None = None
    holds: Table | None = None
    ratios: Table | None = None
    endurance: tuple[str, ...] = ()
    strength: tuple[str, ...] = ()
    bars: tuple[Bar, ...] = ()
    bar_note: str = ""
    tightness: tuple[str, ...] = ()
    tightness_link: Link | None = None


def _stop(profile: Profile, data: AssessmentData) -> Report:
    group = getattr(data.red_flags, profile.red_flag)
    shorts = tuple(
        sign.short for sign in data.red_flags.signs() if sign.id in profile.red_flag_signs
    )
    return Report(
        stop_title=group.title,
        stop=(group.guidance, data.red_flags.no_programme),
        stop_signs=shorts,
    )


def _summary(profile: Profile, data: AssessmentData) -> tuple[str, ...]:
    words = data.summary
    lines: list[str] = []
    if profile.gap_test is None:
        lines.append(words.not_measured)
    else:
        test = getattr(words.tests, profile.gap_test)
        if profile.weaker_side is None:
            lines.append(fill(words.equal, test=test))
        else:
            side, gap = profile.weaker_side, format_number(profile.gap_percent or 0, 1)
            lines.append(fill(words.weaker, side=side, gap=gap, test=test))
            lines.append(fill(words.clear if profile.clear_gap else words.not_clear, side=side))
        bridge = bridge_side(profile.holds, data.endurance.noise.seconds)
        if (
            profile.gap_test == "row"
            and None not in (bridge, profile.weaker_side)
            and bridge != profile.weaker_side
        ):
            lines.append(words.disagree)
    names = {muscle.id: muscle.name for muscle in data.tightness.muscles}
    tight = ", ".join(
        f"{names[t.muscle]} ({getattr(data.tightness.side_words, t.side)})"
        for t in profile.tight_muscles
    )
    lines.append(fill(words.tight, muscles=tight) if tight else words.no_tight)
    if profile.training_status is not None:
        labels = {option.value: option.label for option in data.strength.training_status.options}
        lines.append(fill(words.status, status=labels[profile.training_status]))
    return tuple(lines)


def _contributors(profile: Profile, questionnaire: Questionnaire) -> tuple[Item, ...]:
    known = {contributor.id: contributor for contributor in questionnaire.contributors}
    items = tuple(
        Item(known[cid].name, known[cid].why, Link(known[cid].link_text, known[cid].chapter))
        for cid in profile.contributors
    )
    return items or (Item("", questionnaire.no_contributors),)


def _hold_table(profile: Profile, data: AssessmentData) -> Table:
    endurance = data.endurance
    rows = []
    for hold in HOLDS:
        if hold not in profile.holds:
            continue
        seconds = profile.holds[hold]
        cells = [
            getattr(endurance.holds, hold).label,
            f"{format_number(seconds, 1)} {endurance.input.unit}",
        ]
        if profile.norms is None:
            cells += [endurance.table.not_compared] * 2
        else:
            norm = getattr(getattr(endurance.norms, profile.norms), hold)
            group = getattr(endurance.norms.group_names, profile.norms)
            cells.append(
                fill(
                    endurance.table.norm,
                    mean=format_number(norm.mean),
                    sd=format_number(norm.sd),
                    group=group,
                )
            )
            cells.append(getattr(endurance.bands, norm_band(seconds, norm.mean, norm.sd)))
        rows.append(tuple(cells))
    return Table(endurance.table.holds, tuple(rows), (False,) * len(rows))


def _ratio_table(profile: Profile, data: AssessmentData) -> Table | None:
    endurance = data.endurance
    rows, flagged = [], []
    for ratio in endurance.ratios:
        value = ratio_value(profile.holds, ratio)
        if value is None:
            continue
        outside = ratio_outside(value, ratio)
        verdict = endurance.outside_text if outside else endurance.inside_text
        rows.append((ratio.label, format_number(value, 2), ratio.rule, verdict))
        flagged.append(outside)
    return Table(endurance.table.ratios, tuple(rows), tuple(flagged)) if rows else None


def _endurance_notes(profile: Profile, data: AssessmentData, has_ratios: bool) -> tuple[str, ...]:
    endurance = data.endurance
    if not profile.holds:
        return (endurance.not_done,)
    notes = []
    if "bridge_left" in profile.holds:
        left, right = profile.holds["bridge_left"], profile.holds["bridge_right"]
        gap, noise = abs(left - right), endurance.noise.seconds
        blanks = {"gap": format_number(gap, 1), "noise": format_number(noise, 1)}
        if gap < noise:
            notes.append(fill(endurance.noise.within, **blanks))
        else:
            notes.append(fill(endurance.noise.beyond, side=str(weaker(left, right)), **blanks))
    notes.append(endurance.norms.caveat if profile.norms else endurance.no_sex)
    if has_ratios:
        notes.append(endurance.ratio_caveat)
    return tuple(notes)


def _strength(profile: Profile, data: AssessmentData) -> dict[str, object]:
    strength, result = data.strength, profile.strength
    if result is None:
        return {"strength": (strength.not_done,)}
    lsi, side, unit = (
        profile.lsi or 0.0,
        weaker(result.left, result.right),
        getattr(strength.units, result.unit).unit,
    )
    line = format_number(strength.lsi.line, 1)
    if side is None:
        lines = [fill(strength.lsi.equal, lsi=format_number(lsi, 1))]
    else:
        low, high = sorted((result.left, result.right))
        lines = [
            fill(
                strength.lsi.result,
                weaker=format_number(low, 1),
                stronger=format_number(high, 1),
                unit=unit,
                lsi=format_number(lsi, 1),
                side=side,
            )
        ]
    if lsi < strength.lsi.line:
        lines.append(fill(strength.lsi.below, line=line, side=str(side)))
    else:
        lines.append(fill(strength.lsi.at_or_above, line=line))
    lines.append(fill(strength.lsi.caveat.text, line=line))
    top = max(result.left, result.right)
    bars = tuple(
        Bar(
            getattr(strength.bar_labels, s),
            f"{format_number(v, 1)} {unit}",
            round_half_up(v / top * 100, 1),
        )
        for s, v in (("left", result.left), ("right", result.right))
    )
    return {"strength": tuple(lines), "bars": bars, "bar_note": fill(strength.bar_note, line=line)}


def _tightness(profile: Profile, data: AssessmentData) -> tuple[tuple[str, ...], Link | None]:
    tightness = data.tightness
    if not profile.tight_muscles:
        return (tightness.none_tight,), None
    names = {muscle.id: muscle.name for muscle in tightness.muscles}
    lines = tuple(
        fill(tightness.result, muscle=names[t.muscle], side=getattr(tightness.side_words, t.side))
        for t in profile.tight_muscles
    )
    return lines, Link(tightness.link_text, tightness.chapter)


def describe(profile: Profile, data: AssessmentData) -> Report:
    """Word a profile for the reader, using only sentences from ``data/``.

    Parameters
    ----------
    profile
        From :func:`build_profile` (or loaded from a file).
    data
        The validated ``data/assessment`` files.

    Returns
    -------
    Report
        After a red flag, only the guidance (``stop_title``, ``stop``, ``stop_signs``);
        otherwise the summary, questionnaire, holds, ratios, strength and tightness parts.
    """
    if not profile.cleared:
        return _stop(profile, data)
    ratios = _ratio_table(profile, data)
    tightness, tightness_link = _tightness(profile, data)
    score = fill(
        data.questionnaire.score_text,
        score=str(profile.concern_score),
        max=str(profile.concern_max),
    )
    level = [
        lvl
        for lvl in data.questionnaire.concern_levels
        if lvl.min_score <= (profile.concern_score or 0)
    ][-1]
    return Report(
        summary=_summary(profile, data),
        concern=(score, level.text),
        contributors=_contributors(profile, data.questionnaire),
        causes_link=Link(data.questionnaire.causes_link_text, data.questionnaire.causes_chapter),
        holds=_hold_table(profile, data) if profile.holds else None,
        ratios=ratios,
        endurance=_endurance_notes(profile, data, ratios is not None),
        **_strength(profile, data),  # type: ignore[arg-type]
        tightness=tightness,
        tightness_link=tightness_link,
    )
