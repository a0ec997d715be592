"""The fields of the self-assessment form, in order: what the static page and the notebook lay out.

Pure data, no HTML and no widgets: :mod:`backbalance.assessment.render` writes the fields as
HTML for the static book, :mod:`backbalance.assessment.app` as ipywidgets. The field names
are the ones :func:`backbalance.assessment.logic.check_answers` reads.

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.assessment.form import form_steps
>>> steps = form_steps(Course.find().assessment)
>>> [field.kind for field in steps[0].fields][:2]
['choice', 'choice']
"""

from __future__ import annotations

from dataclasses import dataclass

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.logic import HOLDS, TIGHT_CHOICES, UNITS
from backbalance.common.types import SIDES

FORM_TEXT: dict[str, str] = {
    "yes": "Yes",
    "no": "No",
    "seconds": "seconds",
    "not_stated": "Not stated",
    "continue": "Continue",
    "submit": "See my results",
    "remember": "Keep my answers in this browser, so I can come back later",
    "forget": "Forget my answers",
    "saved_ignored": "The answers saved in this browser could not be read, so the form starts "
    "empty. Answer again, or press “Forget my answers” to clear them.",
    "download": "Download my profile (JSON)",
    "download_answers": "Download my answers (JSON)",
    "hand_in": "Download a file to hand in to my class",
    "hand_in_intro": "Only if your teacher asks for it, and only if you want to. This second file "
    "holds your test results and likely causes, but none of your answers about health or safety. "
    "Rename it with the id your teacher gives you, such as fox-17.hand-in.json.",
    "privacy": "Your answers never leave this browser. Nothing is sent anywhere.",
    "noscript": "This self-assessment needs JavaScript, which is off in your browser. "
    "You can do the same checks on paper with the worksheet in the self-assessment chapter.",
}
"""Fixed words of the form that do not come from ``data/`` (the static page and the notebook)."""


@dataclass(frozen=True)
class FormField:
    """One answer the form asks for.

    ``kind`` is ``choice`` (radio buttons), ``number`` (a text box), ``date`` (a date box,
    ``YYYY-MM-DD``) or ``menu`` (a drop-down whose first option is the default). ``options``
    are ``(value, label)`` pairs.
    """

    name: str
    kind: str
    label: str
    options: tuple[tuple[str, str], ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class FormStep:
    """A step of the form: its heading, the text under it and its fields.

    ``tests`` marks the steps of the timed holds and the strength test: the check before
    the tests (``pre_exercise.yml``) can stop them.
    """

    title: str
    intro: str
    fields: tuple[FormField, ...]
    tests: bool = False


CLEARANCE = "clearance"
"""The field of the date of a clinician's check (the last field of step 1)."""


def form_steps(data: AssessmentData) -> tuple[FormStep, ...]:
    """The steps of the form, in order, with the field names :func:`check_answers` reads.

    Step 1 is the red-flag screen with the date of a clinician's check; the static page and
    the notebook show the other steps only once it is clear. The check before the tests
    comes between the signs and the timed holds.
    """
    flags, questionnaire, endurance, strength, tightness = (
        data.red_flags,
        data.questionnaire,
        data.endurance,
        data.strength,
        data.tightness,
    )
    before = data.pre_exercise
    yes_no = (("yes", FORM_TEXT["yes"]), ("no", FORM_TEXT["no"]))
    groups = endurance.norms.group_names
    status = strength.training_status
    return (
        FormStep(
            flags.title,
            flags.intro,
            (
                *(
                    FormField(f"redflag-{sign.id}", "choice", sign.question, yes_no)
                    for sign in flags.signs()
                ),
                FormField(CLEARANCE, "date", flags.clearance.question, hint=flags.clearance.hint),
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
            before.title,
            before.intro,
            tuple(FormField(f"pre-{q.id}", "choice", q.question, yes_no) for q in before.questions),
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
            tests=True,
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
                FormField("strength-load", "number", strength.load.label),
                *(
                    FormField(f"strength-{side}", "number", getattr(strength.bar_labels, side))
                    for side in SIDES
                ),
                FormField(
                    "dominant-hand",
                    "menu",
                    strength.dominance.question,
                    (
                        ("", strength.dominance.not_stated),
                        *((side, getattr(strength.dominance.options, side)) for side in SIDES),
                    ),
                ),
                FormField(
                    "training-status",
                    "menu",
                    status.question,
                    (("", FORM_TEXT["not_stated"]), *((o.value, o.label) for o in status.options)),
                ),
            ),
            tests=True,
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


def fields_of_tests(data: AssessmentData) -> tuple[str, ...]:
    """The fields of the timed holds and the strength test, skipped when the check before the tests stops them."""
    return tuple(f.name for step in form_steps(data) if step.tests for f in step.fields)
