"""The answers file: what the notebook saves and the static page downloads, and what
``python -m backbalance assess`` reads.

The format (version 1)::

    {
      "format": "back-in-balance/answers",
      "version": 1,
      "answers": {"redflag-cancer": "no", "strength-unit": "reps", "strength-load": "10", ...}
    }

``answers`` maps each form field's name to exactly what the reader typed or picked (see
:mod:`backbalance.assessment.logic` for the names); :func:`assess` turns it into the same
profile and wording the static page and the notebook show.

Examples
--------
>>> read_answers('{"format": "back-in-balance/answers", "version": 1, "answers": {}}', "a.json")
{}
>>> read_answers('[1]', "a.json")
Traceback (most recent call last):
...
backbalance.common.read.DataError: a.json: is not a Back in Balance answers file (its format is not 'back-in-balance/answers')
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from backbalance.assessment.check import check_answers
from backbalance.assessment.data import AssessmentData
from backbalance.assessment.logic import build_profile
from backbalance.assessment.profile import Profile, not_a_course_file
from backbalance.assessment.report import Report, describe
from backbalance.common.read import DataError, Problem, display_path

ANSWERS_FORMAT = "back-in-balance/answers"
ANSWERS_VERSION = 1


def answers_document(state: dict[str, str]) -> dict[str, object]:
    """The answers file's content for ``state`` (field name -> text)."""
    return {"format": ANSWERS_FORMAT, "version": ANSWERS_VERSION, "answers": dict(state)}


def _problem(name: str, text: str | bytes) -> str | None:
    reason = not_a_course_file(text, ANSWERS_FORMAT, ANSWERS_VERSION, "answers")
    if reason is not None:
        return reason
    answers = json.loads(text).get("answers")
    if not isinstance(answers, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in answers.items()
    ):
        return "answers: must map each field name to the text typed or picked"
    return None


def read_answers(text: str | bytes, name: str) -> dict[str, str]:
    """The answers (field name -> text) of an answers file's JSON text.

    Raises
    ------
    backbalance.common.read.DataError
        One problem, naming ``name``, when the text is not an answers file.
    """
    reason = _problem(name, text)
    if reason is not None:
        raise DataError([Problem(name, "", reason)])
    return dict(json.loads(text)["answers"])


def load_answers(path: Path | str) -> dict[str, str]:
    """Read an answers file; a missing or bad file is a one-line :class:`DataError`."""
    path = Path(path)
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(display_path(path), "", "file not found")]) from None
    except OSError as err:
        raise DataError(
            [Problem(display_path(path), "", f"cannot be read ({err.strerror})")]
        ) from None
    return read_answers(text, display_path(path))


def assess(
    state: dict[str, str], data: AssessmentData, name: str, today: str | None = None
) -> tuple[Profile, Report]:
    """The profile and its wording for a reader's answers, as the page and the notebook give.

    ``today`` (``YYYY-MM-DD``, default: the computer's date) judges a clinician's date.

    Raises
    ------
    backbalance.common.read.DataError
        One problem when an answer cannot be used: how many, and the first field with the
        message the form shows next to it.
    """
    checked = check_answers(state, data, today or datetime.date.today().isoformat())
    if checked.answers is None:
        field, message = next(iter(checked.errors.items()))
        count = len(checked.errors)
        more = (
            f"{count} answers need a look; the first is"
            if count > 1
            else "one answer needs a look:"
        )
        raise DataError([Problem(name, "", f"{more} {field}: {message}")])
    profile = build_profile(checked.answers, data)
    return profile, describe(profile, data)


def report_text(report: Report, data: AssessmentData) -> str:
    """The report as plain text: the same sentences as the page, one per line, under headings."""
    if report.stop_title:
        lines = [report.stop_title, *report.stop[:1], data.red_flags.answered_yes]
        return "\n".join([*lines, *(f"- {sign}" for sign in report.stop_signs), *report.stop[1:]])
    parts: list[tuple[str, list[str]]] = [
        (data.summary.title, [f"- {line}" for line in report.summary]),
        (
            data.questionnaire.title,
            [
                *report.concern,
                *(f"- {c.title + ': ' if c.title else ''}{c.text}" for c in report.contributors),
            ],
        ),
        (
            data.endurance.title,
            [
                *(
                    " | ".join(row)
                    for table in (report.holds, report.ratios)
                    if table
                    for row in table.rows
                ),
                *report.endurance,
                *report.hold_targets,
            ],
        ),
        (data.strength.title, [*(f"{b.label}: {b.text}" for b in report.bars), *report.strength]),
        (data.tightness.title, list(report.tightness)),
    ]
    return "\n\n".join("\n".join([title, *lines]) for title, lines in parts)
