"""HTML of the self-assessment: the static book's form with its spec, and the notebook's results.

:func:`render_form` writes the form (``templates/assessment.html.j2``, styled by
``static/assessment.css``) as plain, accessible HTML: every question a ``<fieldset>`` with
a ``<legend>``, every box a ``<label>``, an empty message slot next to each field. The
definitions the page's scripts need are embedded as inert JSON (:func:`script_spec`):
the data files, the messages, the number pattern, the rule tables of
:mod:`backbalance.assessment.check` and :mod:`backbalance.assessment.logic`, the joining
words of :mod:`backbalance.assessment.report`, the defaults of the profile and of the
report, and the chapter links. ``static/assessment-core.js`` interprets them (check, score, profile, wording) and
``static/assessment-form.js`` runs the page (added by :mod:`backbalance.sphinxext` to pages
whose body holds ``class="bb-assessment"``). Nothing leaves the browser.

:func:`report_html` writes a :class:`~backbalance.assessment.report.Report` for the notebook
(``templates/assessment-report.html.j2``, styled by ``static/assessment-app.css``).

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.assessment.render import ROOT_CLASS, render_form
>>> f'class="{ROOT_CLASS}"' in render_form(Course.find().assessment, {})
True
"""

from __future__ import annotations

import dataclasses
from typing import Any

from markupsafe import Markup

from backbalance.assessment.answers import answers_document
from backbalance.assessment.check import ANSWER_PARTS, MESSAGES, field_rules
from backbalance.assessment.data import AssessmentData
from backbalance.assessment.form import CLEARANCE, FORM_TEXT, fields_of_tests, form_steps
from backbalance.assessment.hand_in import FIELDS as HAND_IN_FIELDS
from backbalance.assessment.hand_in import HandIn
from backbalance.assessment.logic import CLEAR_VERDICTS, NUMBER, SPACE, YES_NO, hold_noise
from backbalance.assessment.profile import ISO_DATE, Profile
from backbalance.assessment.report import SUMMARY_RULES, WORDS, Report
from backbalance.common.html import environment, inert_json, render, static_text
from backbalance.common.palette import css_variables

ROOT_CLASS = "bb-assessment"
"""The class of the form's root element; it makes the extension add the page scripts."""

SCRIPTS = ("assessment-core.js", "programme-web.js", "assessment-form.js")
"""The page's scripts in ``backbalance/static/``, in loading order."""


def script_spec(data: AssessmentData, links: dict[str, str]) -> dict[str, Any]:
    """What the page's scripts read: every value, sentence and rule table, and the links."""
    return {
        "data": data.to_dict(),
        "messages": MESSAGES,
        "number": NUMBER,
        "space": SPACE,
        "yes_no": list(YES_NO),
        "iso_date": ISO_DATE,
        "clearance": CLEARANCE,
        "test_fields": list(fields_of_tests(data)),
        "hand_in": {
            "defaults": HandIn().model_dump(mode="json", include={"format", "version", "screen"}),
            "fields": list(HAND_IN_FIELDS),
        },
        "fields": [rule.to_json() for rule in field_rules(data)],
        "answer_parts": ANSWER_PARTS,
        "noise": hold_noise(data),
        "clear_verdicts": list(CLEAR_VERDICTS),
        "words": WORDS,
        "summary_rules": SUMMARY_RULES,
        "profile": Profile(red_flag="none").model_dump(mode="json"),
        "report": dataclasses.asdict(Report()),
        "links": links,
        "answers_file": answers_document({}),
    }


def _styles(name: str) -> dict[str, Markup]:
    return {"palette": Markup(css_variables()), "css": Markup(static_text(name))}


CSS = "assessment.css"
"""The form's stylesheet in ``backbalance/static/``; the book links it on the form's page."""


def render_form(
    data: AssessmentData, links: dict[str, str], programme: dict[str, Any] | None = None
) -> str:
    """The whole self-assessment as HTML: form, stop and results areas, tools, definitions.

    ``programme`` is :func:`backbalance.programme.web.web_spec`'s lookup of the reader's own
    programme (``static/programme-web.js`` shows it after the results), or None for none;
    its pieces of HTML (``html``, rendered and escaped by the package) become ``<template>``
    elements, the rest inert JSON.
    """
    return render(
        "assessment.html.j2",
        root_class=ROOT_CLASS,
        spec_json=inert_json(script_spec(data, links)),
        steps=form_steps(data),
        text=FORM_TEXT,
        programme=programme
        and {
            "spec": programme,
            "json": inert_json({k: v for k, v in programme.items() if k != "html"}),
            "pieces": [Markup(piece) for piece in programme["html"]],
        },
    )


def app_part(name: str, *args: Any) -> str:
    """A piece of the notebook app's HTML: a macro of ``templates/assessment-app.html.j2``.

    ``style()`` (the palette and ``static/assessment-app.css``), ``heading(step)``,
    ``hint(text)``, ``message(text)`` and ``status(text, css_class)``; empty text gives "".

    >>> app_part("message", "Choose an answer.")
    '<p class="bb-error" role="status">Choose an answer.</p>'
    """
    if name == "style":
        styles = _styles("assessment-app.css")
        args = (styles["palette"], styles["css"])
    macro = getattr(environment().get_template("assessment-app.html.j2").module, name)
    return str(macro(*args))


def report_html(report: Report, data: AssessmentData, link_base: str = "../") -> str:
    """The results (or the red-flag guidance) as HTML for the notebook.

    Parameters
    ----------
    report
        From :func:`backbalance.assessment.report.describe`.
    data
        The validated ``data/assessment`` files (for the headings).
    link_base
        Prefix that turns a chapter (``book/causes``) into a link to its Markdown file.
    """
    return render("assessment-report.html.j2", report=report, data=data, link_base=link_base)
