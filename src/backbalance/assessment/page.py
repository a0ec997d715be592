"""The self-assessment page for the static book: the whole form as HTML, no kernel.

:func:`render_form` writes the form as plain, accessible HTML: every question a ``<fieldset>`` with a ``<legend>``, every box a
``<label>``, an empty message slot next to each field. The definitions the page's script
needs are embedded as inert JSON (``<script type="application/json">``); the script
``static/bb-assessment.js`` (added by :mod:`backbalance.sphinxext` to pages whose body holds
``class="bb-assessment"``) checks the answers, scores them and shows the results with the
same rules and wording as :mod:`backbalance.assessment.logic`. Nothing leaves the browser.

The Sphinx directive that places it in a page is :mod:`backbalance.sphinxext.assessment`.
"""

from __future__ import annotations

import html
import json
from typing import Any

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.logic import (
    FORM_TEXT,
    MESSAGES,
    NUMBER,
    FormField,
    FormStep,
    form_steps,
)

ROOT_CLASS = "bb-assessment"
"""The class of the form's root element; it makes the extension add the page script."""

STYLE = """<style>
.bb-assessment{margin:1.5em 0}
.bb-assessment [hidden]{display:none!important}
.bb-assessment .bb-step{margin:1.5em 0;padding:0 0 .5em;border-bottom:1px solid var(--pst-color-border,#888)}
.bb-assessment fieldset{border:1px solid var(--pst-color-border,#888);border-radius:.4em;margin:.8em 0;padding:.5em 1em}
.bb-assessment legend{font-size:1.05rem;font-weight:600;line-height:1.4;padding:0 .3em;margin:0;max-width:100%;white-space:normal;float:none;width:auto}
.bb-assessment .bb-choices{display:flex;flex-wrap:wrap;gap:.3em 1.5em}
.bb-assessment .bb-choice{display:inline-flex;align-items:center;gap:.4em;padding:.2em 0}
.bb-assessment .bb-field{margin:.9em 0}
.bb-assessment .bb-field label{display:block;font-weight:600}
.bb-assessment input[type=text],.bb-assessment select{font:inherit;padding:.25em .4em;border:1px solid var(--pst-color-text-muted,#555);border-radius:.3em;background:var(--pst-color-background,#fff);color:inherit}
.bb-assessment input[aria-invalid=true]{border:2px solid var(--pst-color-danger,#b00020)}
.bb-assessment .bb-hint{margin:.2em 0;font-size:.95em;color:var(--pst-color-text-muted,#444)}
.bb-assessment .bb-error,.bb-assessment .bb-form-error{margin:.2em 0;font-weight:600;color:var(--pst-color-danger,#b00020)}
.bb-assessment .bb-error:empty,.bb-assessment .bb-form-error:empty{display:none}
.bb-assessment .bb-button{display:inline-block;font:inherit;margin:.5em .8em .5em 0;padding:.45em 1em;border:2px solid var(--pst-color-primary,#0072B2);border-radius:.4em;background:var(--pst-color-background,#fff);color:inherit;cursor:pointer;text-decoration:none}
.bb-assessment .bb-button:focus-visible,.bb-assessment input:focus-visible,.bb-assessment select:focus-visible{outline:3px solid #0072B2;outline-offset:2px}
.bb-assessment .bb-screen-result:not(:empty){margin:.8em 0;padding:.6em 1em;border-left:4px solid #009E73}
.bb-assessment .bb-stop{margin:1em 0;padding:.5em 1.2em;border:3px solid var(--pst-color-danger,#b00020);border-radius:.5em}
.bb-assessment .bb-results{margin:1.5em 0;padding:.5em 1.2em;border:2px solid var(--pst-color-primary,#0072B2);border-radius:.5em}
.bb-assessment .bb-table-wrap{overflow-x:auto;max-width:100%}
.bb-assessment .bb-table{margin:.8em 0;border-collapse:collapse}
.bb-assessment .bb-table th,.bb-assessment .bb-table td{padding:.3em .6em;border:1px solid var(--pst-color-border,#888);text-align:left}
.bb-assessment tr[data-flagged=true] td{font-weight:700}
.bb-assessment .bb-bar{display:grid;grid-template-columns:minmax(4em,7em) 1fr minmax(4em,6em);align-items:center;gap:.6em;margin:.4em 0}
.bb-assessment .bb-bar-track{position:relative;height:1.4em;border:1px solid var(--pst-color-border,#888)}
.bb-assessment .bb-bar-fill{position:absolute;top:0;bottom:0;left:0}
.bb-assessment .bb-left{background:#0072B2}
.bb-assessment .bb-right{background:repeating-linear-gradient(135deg,#E69F00 0 6px,#F5D08A 6px 10px)}
.bb-assessment .bb-bar-line{position:absolute;top:-.3em;bottom:-.3em;border-left:3px dashed var(--pst-color-text-base,#222)}
.bb-assessment .bb-tools{margin:1em 0}
</style>"""
"""How the form looks: theme colours where the theme defines them, never colour alone."""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _message_slot(name: str) -> str:
    return f'<p class="bb-error" id="bb-e-{_e(name)}" data-error-for="{_e(name)}" aria-live="polite"></p>'


def _choices(field: FormField) -> str:
    """A question as a fieldset of radio buttons, with its hint and message slot."""
    name = _e(field.name)
    hint = f'<p class="bb-hint">{_e(field.hint)}</p>' if field.hint else ""
    choices = "".join(
        f'<label class="bb-choice"><input type="radio" name="{name}" value="{_e(value)}" '
        f'aria-describedby="bb-e-{name}"> {_e(label)}</label>'
        for value, label in field.options
    )
    return (
        f'<fieldset class="bb-question" data-field="{name}"><legend>{_e(field.label)}</legend>'
        f'{hint}<div class="bb-choices">{choices}</div>{_message_slot(field.name)}</fieldset>'
    )


def _number(field: FormField) -> str:
    """A labelled text box for a number (``inputmode=decimal``), with hint and message slot."""
    name = _e(field.name)
    described = f"bb-e-{name}" + (f" bb-h-{name}" if field.hint else "")
    hint = f'<p class="bb-hint" id="bb-h-{name}">{_e(field.hint)}</p>' if field.hint else ""
    return (
        f'<div class="bb-field" data-field="{name}"><label for="bb-i-{name}">{_e(field.label)}</label>{hint}'
        f'<input type="text" inputmode="decimal" autocomplete="off" id="bb-i-{name}" name="{name}" size="8" '
        f'aria-describedby="{described}">{_message_slot(field.name)}</div>'
    )


def _menu(field: FormField) -> str:
    """A labelled drop-down; its first option is the default."""
    name = _e(field.name)
    options = "".join(
        f'<option value="{_e(value)}">{_e(label)}</option>' for value, label in field.options
    )
    return (
        f'<div class="bb-field" data-field="{name}"><label for="bb-i-{name}">{_e(field.label)}</label>'
        f'<select id="bb-i-{name}" name="{name}" aria-describedby="bb-e-{name}">{options}</select>'
        f"{_message_slot(field.name)}</div>"
    )


FIELD_HTML = {"choice": _choices, "number": _number, "menu": _menu}


def _step(number: int, step: FormStep, after: str = "") -> str:
    fields = "".join(FIELD_HTML[field.kind](field) for field in step.fields)
    return (
        f'<section class="bb-step" aria-labelledby="bb-step-{number}">'
        f'<h2 id="bb-step-{number}">{_e(step.title)}</h2><p>{_e(step.intro)}</p>{fields}{after}</section>'
    )


def script_spec(data: AssessmentData, links: dict[str, str]) -> dict[str, Any]:
    """What the page's script reads: the data files, the messages, the number pattern, links."""
    return {"data": data.to_dict(), "messages": MESSAGES, "number": NUMBER, "links": links}


def _inert_json(value: Any) -> str:
    """JSON that cannot close its ``<script>`` element or start an HTML comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_form(data: AssessmentData, links: dict[str, str]) -> str:
    """The whole self-assessment as HTML: form, stop and results areas, tools, definitions."""
    screen_step, *later_steps = form_steps(data)
    button = (
        f'<button type="button" class="bb-button bb-continue">{_e(FORM_TEXT["continue"])}</button>'
    )
    later = "".join(_step(number, step) for number, step in enumerate(later_steps, start=2))
    return (
        STYLE + f'<div class="{ROOT_CLASS}">'
        f'<script type="application/json" class="bb-assessment-spec">{_inert_json(script_spec(data, links))}</script>'
        f'<noscript><p class="bb-noscript">{_e(FORM_TEXT["noscript"])}</p></noscript>'
        '<form class="bb-form" novalidate hidden>'
        f"{_step(1, screen_step, button)}"
        '<div class="bb-screen-result" role="status" aria-live="polite"></div>'
        f'<div class="bb-later" hidden>{later}'
        '<p class="bb-form-error" role="alert"></p>'
        f'<button type="button" class="bb-button bb-submit">{_e(FORM_TEXT["submit"])}</button></div>'
        "</form>"
        '<section class="bb-stop" hidden tabindex="-1" aria-labelledby="bb-stop-title"></section>'
        '<section class="bb-results" hidden tabindex="-1" aria-labelledby="bb-results-title"></section>'
        '<div class="bb-tools" hidden>'
        f'<a class="bb-button bb-download" hidden download="back-in-balance-profile.json">{_e(FORM_TEXT["download"])}</a>'
        f'<label class="bb-choice"><input type="checkbox" class="bb-remember"> {_e(FORM_TEXT["remember"])}</label>'
        f'<button type="button" class="bb-button bb-forget">{_e(FORM_TEXT["forget"])}</button>'
        f'<p class="bb-privacy">{_e(FORM_TEXT["privacy"])}</p></div>'
        "</div>"
    )
