"""JupyterLab app for the self-assessment: a labelled form, inline messages, results and charts.

The app lays out the fields of :func:`backbalance.assessment.form.form_steps` as ipywidgets,
reads them as the same ``name -> text`` answers the static book's form gives, and leaves
every rule to :mod:`backbalance.assessment.check` and :mod:`backbalance.assessment.logic`:
a message from :func:`~backbalance.assessment.check.screen` or
:func:`~backbalance.assessment.check.check_answers` appears under its field (never an
exception), and the results come from :func:`~backbalance.assessment.report.describe`
(as HTML by :func:`~backbalance.assessment.render.report_html`) and
:mod:`backbalance.assessment.charts`. Answers and the profile are saved to local JSON files
only, through :class:`backbalance.common.controls.Saver`: inside the learner's work folder,
and an existing file is replaced only when the learner says so. Nothing leaves the machine.

Examples
--------
>>> from backbalance.assessment.app import AssessmentApp
>>> app = AssessmentApp.from_course()
>>> app.run_screen() is None  # nothing answered yet: a message under each red-flag question
True
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from backbalance.assessment.answers import ANSWERS_FORMAT
from backbalance.assessment.charts import holds_chart, ratios_chart, strength_chart
from backbalance.assessment.check import MESSAGES, check_answers, pre_exercise, screen
from backbalance.assessment.data import AssessmentData
from backbalance.assessment.form import CLEARANCE, FORM_TEXT, FormField, FormStep, form_steps
from backbalance.assessment.hand_in import hand_in
from backbalance.assessment.logic import build_profile, fill
from backbalance.assessment.profile import Profile
from backbalance.assessment.render import app_part, report_html
from backbalance.assessment.report import describe
from backbalance.common.controls import Saver
from backbalance.common.files import WorkFolder, decode_text
from backbalance.course import Course


def field_input(field: FormField) -> widgets.Widget:
    """The widget for one field, labelled with its question (its ``description``)."""
    common: dict[str, Any] = {"description": field.label, "style": {"description_width": "initial"}}
    if field.kind == "choice":
        return widgets.RadioButtons(
            options=[(label, value) for value, label in field.options], value=None, **common
        )
    if field.kind == "menu":
        return widgets.Dropdown(
            options=[(label, value) for value, label in field.options], **common
        )
    return widgets.Text(
        value="",
        continuous_update=False,
        layout=widgets.Layout(width="auto"),
        placeholder="YYYY-MM-DD" if field.kind == "date" else "",
        **common,
    )


class AssessmentApp(widgets.VBox):
    """The self-assessment as a form: red flags first, then signs, tests and tightness.

    Parameters
    ----------
    data
        The validated ``data/assessment`` files.
    answers_file, profile_file, hand_in_file
        The names "Save my answers", "Save my profile" and "Save a file to hand in" start
        with (JSON files in ``folder``; the last one only when the learner chooses to hand in).
    folder
        The learner's work folder (default: the notebook's folder).
    link_base
        Prefix from the notebook to the book's chapters (``../`` from ``notebooks/``).
    today
        Today's date (``YYYY-MM-DD``) for checking a clinician's date; None: the computer's date.

    Attributes
    ----------
    inputs : dict[str, ipywidgets.Widget]
        One labelled widget per form field, keyed by field name (``redflag-cancer`` ...).
    messages : dict[str, ipywidgets.HTML]
        The message under each field.
    profile : Profile or None
        The profile of the last results shown.
    """

    def __init__(
        self,
        data: AssessmentData,
        *,
        answers_file: str = "my_answers.json",
        profile_file: str = "my_profile.json",
        hand_in_file: str = "my.hand-in.json",
        folder: Path | str = ".",
        link_base: str = "../",
        today: str | None = None,
    ) -> None:
        self.data, self.link_base, self.profile, self._today = data, link_base, None, today
        self.inputs: dict[str, widgets.Widget] = {}
        self.messages: dict[str, widgets.HTML] = {}
        layout = form_steps(data)
        steps = [self._step(step) for step in layout]
        self.tests = [box for box, step in zip(steps, layout, strict=True) if step.tests]
        self.pre_result = widgets.HTML()
        before = next(i for i, step in enumerate(layout) if step.title == data.pre_exercise.title)
        self.continue_button = widgets.Button(
            description=FORM_TEXT["continue"], button_style="primary"
        )
        self.submit_button = widgets.Button(description=FORM_TEXT["submit"], button_style="primary")
        self.screen_result, self.form_error, self.results = (
            widgets.HTML(),
            widgets.HTML(),
            widgets.VBox(),
        )
        self.later = widgets.VBox(
            [
                *steps[1 : before + 1],
                self.pre_result,
                *steps[before + 1 :],
                self.form_error,
                self.submit_button,
            ],
            layout=widgets.Layout(display="none"),
        )
        self.answers_file = widgets.Text(value=answers_file, description="Answers file")
        self.profile_file = widgets.Text(value=profile_file, description="Profile file")
        self.hand_in_file = widgets.Text(value=hand_in_file, description="Hand-in file")
        self.files = Saver(WorkFolder(folder))
        buttons = {
            name: widgets.Button(description=text, layout=widgets.Layout(width="auto"))
            for name, text in (
                ("save", "Save my answers"),
                ("load", "Load my answers"),
                ("profile", "Save my profile (JSON)"),
                ("hand_in", "Save a file to hand in to my class"),
            )
        }
        buttons["hand_in"].on_click(lambda _: self.save_hand_in())
        buttons["save"].on_click(lambda _: self.save_answers())
        buttons["load"].on_click(lambda _: self.load_answers())
        buttons["profile"].on_click(lambda _: self.save_profile())
        self.continue_button.on_click(lambda _: self.run_screen())
        self.submit_button.on_click(lambda _: self.show_results())
        for name, widget in self.inputs.items():
            widget.observe(lambda change, name=name: self._edited(name), names="value")
        row = widgets.Layout(align_items="flex-end")
        files = widgets.VBox(
            [
                widgets.HBox([self.answers_file, buttons["save"], buttons["load"]], layout=row),
                widgets.HBox([self.profile_file, buttons["profile"]], layout=row),
                widgets.HTML(app_part("hint", FORM_TEXT["hand_in_intro"])),
                widgets.HBox([self.hand_in_file, buttons["hand_in"]], layout=row),
                self.files,
            ]
        )
        super().__init__(
            [
                widgets.HTML(app_part("style")),
                steps[0],
                self.continue_button,
                self.screen_result,
                self.later,
                self.results,
                files,
            ]
        )
        self.add_class("bb-assessment-app")

    @classmethod
    def from_course(cls, course: Course | None = None, **options: Any) -> AssessmentApp:
        """The app for the course's ``data/assessment`` (default: :meth:`Course.find`)."""
        return cls((course or Course.find()).assessment, **options)

    # ------------------------------------------------------------------ layout

    def _step(self, step: FormStep) -> widgets.VBox:
        rows: list[widgets.Widget] = [widgets.HTML(app_part("heading", step))]
        for field in step.fields:
            self.inputs[field.name] = field_input(field)
            self.messages[field.name] = widgets.HTML()
            hint = [widgets.HTML(app_part("hint", field.hint))] if field.hint else []
            rows += [self.inputs[field.name], *hint, self.messages[field.name]]
        return widgets.VBox(rows)

    # ------------------------------------------------------------------ answers

    def state(self) -> dict[str, str]:
        """The answers as field name -> text (an unanswered question is ``""``)."""
        return {
            name: "" if widget.value is None else str(widget.value)
            for name, widget in self.inputs.items()
        }

    def set_state(self, state: dict[str, str]) -> None:
        """Fill the form from ``state``; values a field cannot take leave it unanswered."""
        for name, widget in self.inputs.items():
            value = state.get(name, "")
            if isinstance(widget, widgets.Text):
                widget.value = str(value)
            elif value in [option[1] for option in widget.options]:
                widget.value = value
            elif isinstance(widget, widgets.RadioButtons):
                widget.value = None

    def _show_messages(self, errors: dict[str, str], prefix: str | tuple[str, ...] = "") -> None:
        for name, box in self.messages.items():
            if name.startswith(prefix):
                box.value = app_part("message", errors.get(name, ""))

    def today(self) -> str:
        """Today's date, ``YYYY-MM-DD`` (as given, or the computer's)."""
        return self._today or datetime.date.today().isoformat()

    def _edited(self, name: str) -> None:
        self.messages[name].value = ""
        if name.startswith(("redflag-", CLEARANCE)) and (
            self.later.layout.display != "none" or self.results.children
        ):
            self.run_screen()
        elif name.startswith("pre-"):
            self.update_tests()

    def update_tests(self) -> str | None:
        """Hide the holds and the strength test when the check before the tests stops them.

        Returns
        -------
        str or None
            ``passed``, ``cleared``, ``stopped``, or None while a question is unanswered.
        """
        cleared_on = screen(self.state(), self.data, self.today()).cleared_on
        result, _ = pre_exercise(self.state(), self.data, cleared_on)
        for box in self.tests:
            box.layout.display = "none" if result == "stopped" else "flex"
        before = self.data.pre_exercise
        text = {"stopped": before.stop, "passed": before.passed}.get(result or "", "")
        self.pre_result.value = app_part("status", text, "bb-status")
        return result

    # ------------------------------------------------------------------ steps

    def run_screen(self) -> str | None:
        """Check step 1: stop with guidance on a red flag, else open the other steps.

        Returns
        -------
        str or None
            ``urgent``, ``clinician``, ``cleared`` (a clinician's check is dated), ``none``,
            or None while a question is unanswered.
        """
        self.files.clear()
        result = screen(self.state(), self.data, self.today())
        opened = result.level in ("none", "cleared")
        step_one = ("redflag-", CLEARANCE) if opened or result.level is None else ("",)
        self._show_messages(result.errors, step_one)
        self.later.layout.display = "flex" if opened else "none"
        flags = self.data.red_flags
        text = (
            flags.clear
            if result.level == "none"
            else fill(flags.clearance.cleared, date=str(result.cleared_on))
            if opened
            else ""
        )
        self.screen_result.value = app_part("status", text, "bb-status")
        self.results.children, self.profile = (), None
        if opened:
            self.update_tests()
        elif result.level is not None:
            self._show(Profile(red_flag=result.level, red_flag_signs=result.signs))
        return result.level

    def show_results(self) -> Profile | None:
        """Check every answer; show messages under the fields, or the results and charts.

        Returns
        -------
        Profile or None
            The profile shown, or None when an answer needs fixing.
        """
        if self.run_screen() not in ("none", "cleared"):
            return self.profile
        checked = check_answers(self.state(), self.data, self.today())
        self._show_messages(checked.errors)
        self.form_error.value = app_part("message", MESSAGES["form"] if checked.errors else "")
        if checked.answers is None:
            return None
        self._show(build_profile(checked.answers, self.data))
        return self.profile

    def _show(self, profile: Profile) -> None:
        self.profile = profile
        report = describe(profile, self.data)
        charts: list[go.Figure] = []
        if profile.cleared and profile.holds:
            charts.append(holds_chart(profile, self.data))
            if report.ratios is not None:
                charts.append(ratios_chart(profile, self.data))
        if profile.strength is not None:
            charts.append(strength_chart(profile, self.data))
        self.results.children = [
            widgets.HTML(report_html(report, self.data, self.link_base)),
            *(go.FigureWidget(chart) for chart in charts),
        ]

    # ------------------------------------------------------------------ files

    def save_answers(self, name: str | None = None) -> Path | None:
        """Save the answers as JSON in the work folder (default name: the "Answers file" box).

        Returns the path, or None when the name was refused, the save failed, or the
        app is asking whether to replace an existing file (the status says which).
        """
        payload = {"format": ANSWERS_FORMAT, "version": 1, "answers": self.state()}
        return self.files.save(
            str(name or self.answers_file.value), json.dumps(payload, indent=2) + "\n", (".json",)
        )

    def load_answers(self, name: str | None = None) -> bool:
        """Fill the form from a file written by :meth:`save_answers`; say what went wrong if it cannot."""
        source = str(name or self.answers_file.value).strip()
        raw = self.files.read(source, (".json",))
        if raw is None:
            return False
        try:
            payload = json.loads(decode_text(raw))
            if not isinstance(payload, dict) or payload.get("format") != ANSWERS_FORMAT:
                raise ValueError("it is not a saved answers file")
            answers = {str(k): str(v) for k, v in dict(payload["answers"]).items()}
        except (ValueError, KeyError, TypeError, RecursionError) as err:
            self.files.say(f"Could not read {source}: {str(err)[:200]}.")
            return False
        self.set_state(answers)
        if screen(answers, self.data, self.today()).level is not None:
            self.run_screen()
        self.files.say(f"Loaded your answers from {source}.")
        return True

    def save_profile(self, name: str | None = None) -> Path | None:
        """Save the profile of the results shown as JSON in the work folder."""
        if self.profile is None:
            self.files.say("Press 'See my results' first: there is no profile to save yet.")
            return None
        return self.files.save(
            str(name or self.profile_file.value), self.profile.to_json() + "\n", (".json",)
        )

    def save_hand_in(self, name: str | None = None) -> Path | None:
        """Save the file to hand in to a class: results without any health answer.

        Only when the learner presses the button: handing in is their choice. After a red
        flag, or when the tests were stopped, there is nothing to hand in.
        """
        self.files.clear()
        if self.profile is None:
            self.files.say("Press 'See my results' first: there is nothing to hand in yet.")
            return None
        file = hand_in(self.profile, self.data)
        if file is None:
            self.files.say("There is nothing to hand in: your results hold no tests to share.")
            return None
        return self.files.save(
            str(name or self.hand_in_file.value), file.to_json() + "\n", (".json",)
        )
