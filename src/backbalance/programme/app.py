"""The JupyterLab app of the personal programme: build it from a profile, see it, save it.

The app only wires controls to the pure functions of :mod:`backbalance.programme.build`
and to the strength-gap chart of :mod:`backbalance.strength_gap.charts`. It needs a running
kernel; the static book shows the programmes of :mod:`backbalance.sphinxext.programmes`
instead. The learner's own ``my_profile.json`` in ``folder`` (by default the notebook's
folder) is loaded when it is there. Files a learner saves (CSV, handout) go through
:class:`backbalance.common.controls.Saver`: only into ``folder``, and an existing file is
replaced only when the learner says so.

Examples
--------
>>> from backbalance.course import Course
>>> course = Course.find()
>>> app = ProgrammeApp(course.exercises, course.programme_template, course.parameters)
>>> app.profile() is None  # no profile uploaded yet
True
>>> app.setup().days_per_week, sorted(app.setup().equipment)
(3, ['none'])
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import HTML, display

from backbalance.assessment.app import field_input
from backbalance.assessment.check import pre_exercise, screen
from backbalance.assessment.data import AssessmentData
from backbalance.assessment.form import form_steps
from backbalance.assessment.profile import Profile, read_profile
from backbalance.common.controls import LABEL_WIDTH, NumberField, Saver, button, labelled, live
from backbalance.common.evidence import EvidenceScale
from backbalance.common.files import SaveError, WorkFolder
from backbalance.common.html import render
from backbalance.common.read import DataError
from backbalance.course import Course
from backbalance.programme.build import Programme, Refusal, Setup, build_programme
from backbalance.programme.library import EQUIPMENT_LABELS, ExerciseLibrary
from backbalance.programme.manual import manual_profile
from backbalance.programme.render import handout_html, programme_csv, styled_html
from backbalance.programme.template import ProgrammeTemplate
from backbalance.strength_gap.charts import strength_chart, strength_title
from backbalance.strength_gap.parameters import STATUSES, ModelParameters
from backbalance.strength_gap.wording import ForecastWording


def show_programme(programme: Programme | Refusal, scale: EvidenceScale | None = None) -> HTML:
    """The programme (or the refusal) as styled HTML output in a notebook, with the labels
    of the evidence scale ``scale`` (default: the course's)."""
    return HTML(styled_html(programme, scale or Course.find().evidence))


def forecast_charts(programme: Programme) -> list[go.Figure]:
    """The strength chart of each case of the programme's forecast (none without one); with
    two cases (an unknown cause) each title opens with its lead-in (``forecast.case.lead``
    of ``data/forecast.yml``)."""
    lead = programme.words().forecast.case.lead
    both = len(programme.forecasts) > 1
    return [
        strength_chart(sim, title=f"{getattr(lead, cause)} {strength_title(sim)}" if both else None)
        for cause, sim in programme.forecasts.items()
    ]


# --------------------------------------------------------------------------- programme


class ProgrammeApp(widgets.VBox):
    """Build a programme from a saved profile or from results typed by hand, and save it.

    Parameters
    ----------
    library, template, params
        The exercise library, the programme template and the model's parameters.
    profile
        A profile to start from (for example the course's example) when ``folder`` holds
        no ``profile_file``; None to start empty.
    setup
        Days, equipment and name to start from.
    folder
        The learner's work folder: the CSV file and the handout are saved there.
    profile_file
        The learner's saved profile in ``folder``, loaded when it is there.
    assessment
        The self-assessment's data (default: the course's); "Type my results" asks its
        safety check and its check before the tests, so no programme is built without them.
    scale
        The evidence scale whose labels the programme's exercises show (default: the
        course's).

    Attributes
    ----------
    programme : Programme or Refusal or None
        The latest result of "Build my programme".
    """

    def __init__(
        self,
        library: ExerciseLibrary,
        template: ProgrammeTemplate,
        params: ModelParameters,
        *,
        profile: Profile | None = None,
        setup: Setup | None = None,
        folder: Path | str = ".",
        profile_file: str = "my_profile.json",
        assessment: AssessmentData | None = None,
        scale: EvidenceScale | None = None,
    ) -> None:
        self.library, self.template, self.params = library, template, params
        self.files = Saver(WorkFolder(folder))
        self.assessment = assessment or Course.find().assessment
        self.scale = scale or Course.find().evidence
        self.wording = Course.find().forecast_wording
        self.loaded: Profile | None = profile
        self.loaded_from = "the example" if profile is not None else ""
        if self.files.folder.exists(profile_file):
            self._read_own(profile_file)
        self.programme: Programme | Refusal | None = None
        self.source = widgets.ToggleButtons(
            options=["Saved profile", "Type my results"],
            description="Start from",
            style={"description_width": LABEL_WIDTH},
        )
        self.upload = widgets.FileUpload(
            accept=".json",
            multiple=False,
            description="Upload profile (JSON)",
            layout=widgets.Layout(width="auto"),
        )
        self.loaded_text = widgets.HTML(live(self._loaded_message()))
        self.screen_inputs = self._screen_controls()
        self.hand = self._hand_controls()
        self.setup_controls = SetupControls(template, setup, with_cause=True, wording=self.wording)
        self.status = widgets.HTML()
        self.status.add_class("bb-status")
        self.result = widgets.HTML()
        self.result.add_class("bb-programme-result")
        self.chart = widgets.Output()
        self.upload.observe(self._uploaded, names="value")
        self.source.observe(self._switch, names="value")
        self.profile_box = widgets.VBox([self.upload, self.loaded_text])
        buttons = widgets.HBox(
            [
                button("Save as CSV", "bb-save-csv", self.save_csv),
                button("Save handout (HTML, to print)", "bb-save-handout", self.save_handout),
            ]
        )
        super().__init__(
            [
                self.source,
                self.profile_box,
                self.setup_controls,
                button("Build my programme", "bb-build", self.build),
                self.status,
                self.result,
                self.chart,
                buttons,
                self.files,
            ]
        )
        self.add_class("bb-programme-app")

    def _screen_controls(self) -> dict[str, widgets.Widget]:
        """The safety check (with a clinician's date) and the check before the tests."""
        steps = form_steps(self.assessment)
        before = next(s for s in steps if s.title == self.assessment.pre_exercise.title)
        return {
            field.name: field_input(field) for step in (steps[0], before) for field in step.fields
        }

    def _hand_controls(self) -> dict[str, widgets.Widget]:
        muscles = {
            muscle: labelled(
                widgets.Dropdown,
                f"Tight: {muscle.replace('-', ' ')}",
                options=[("No", "none"), ("Left", "left"), ("Right", "right"), ("Both", "both")],
            )
            for muscle in self.template.release.focus.value
        }
        return {
            "weaker": labelled(
                widgets.Dropdown,
                "Weaker side",
                options=[("Not measured", None), ("Left", "left"), ("Right", "right")],
            ),
            "gap": NumberField("Gap (% of stronger side)", low=0, high=self.params.gap_limit.value),
            **{f"tight-{m}": control for m, control in muscles.items()},
            "status": labelled(
                widgets.Dropdown,
                "Training status",
                options=[("Not sure", None), *[(s.capitalize(), s) for s in STATUSES]],
            ),
        }

    def _read_own(self, name: str) -> None:
        """Load the learner's profile ``name`` from the work folder, if it is a good one."""
        try:
            self.loaded = read_profile(self.files.folder.read(name, suffixes=(".json",)), name)
        except (SaveError, DataError):
            return
        self.loaded_from = name

    def _loaded_message(self) -> str:
        if self.loaded is None:
            return "No profile loaded yet. Upload the profile you saved from the self-assessment."
        if not self.loaded.cleared:
            return (
                f"Profile loaded (from {self.loaded_from}): it reports a red flag, "
                "so no programme is built."
            )
        side = self.loaded.weaker_side or "no"
        return (
            f"Profile loaded: {side} weaker side, gap {self.loaded.gap_percent or 0:g}% "
            f"(from {self.loaded_from})."
        )

    def _switch(self, change: Any = None) -> None:
        self.profile_box.children = (
            (self.upload, self.loaded_text)
            if self.source.value == "Saved profile"
            else (*self.screen_inputs.values(), *self.hand.values())
        )

    def _uploaded(self, change: Any = None) -> None:
        if not self.upload.value:
            return
        file = self.upload.value[0]
        try:
            self.loaded = read_profile(bytes(file["content"]), file["name"])
        except DataError as err:
            self.loaded, self.loaded_from = None, ""
            self.loaded_text.value = live(
                "This file is not a profile, so no profile is loaded: "
                + "; ".join(str(p) for p in err.problems)
            )
            return
        self.loaded_from = str(file["name"])
        self.loaded_text.value = live(self._loaded_message())

    def profile(self) -> Profile | Refusal | None:
        """The profile to build from: the loaded one, or the one typed by hand."""
        if self.source.value == "Saved profile":
            return self.loaded
        state = {
            name: "" if control.value is None else str(control.value)
            for name, control in self.screen_inputs.items()
        }
        screened = screen(state, self.assessment, datetime.date.today().isoformat())
        if screened.level in ("urgent", "clinician"):
            return manual_profile(red_flag=screened.level)
        before, _ = pre_exercise(state, self.assessment, screened.cleared_on)
        if screened.level is None or before is None:
            return Refusal("unscreened", self.template.refusal.unscreened)
        value = {
            name: control.number() if isinstance(control, NumberField) else control.value
            for name, control in self.hand.items()
        }
        measured = value["weaker"] is not None
        if measured and value["gap"] is None:
            return None
        return manual_profile(
            red_flag=screened.level,
            pre_exercise=before,
            cleared_on=screened.cleared_on
            if screened.level == "cleared" or before == "cleared"
            else None,
            weaker_side=value["weaker"],
            gap_percent=value["gap"] if measured else None,
            tight_muscles={
                name.removeprefix("tight-"): side
                for name, side in value.items()
                if name.startswith("tight-") and side != "none"
            },
            training_status=value["status"],
        )

    def setup(self) -> Setup:
        """Days, equipment and name as chosen."""
        return self.setup_controls.setup()

    def build(self, button: Any = None) -> None:
        """Build the programme and show it, with the forecast chart."""
        self.files.clear()
        self.chart.clear_output()
        self.result.value, self.programme = "", None
        profile = self.profile()
        if profile is None:
            self.status.value = live(
                "Fix the gap under its box first."
                if self.source.value != "Saved profile"
                else "Upload a profile first, or choose 'Type my results'."
            )
            return
        limit = self.params.gap_limit.value
        if isinstance(profile, Profile) and (profile.gap_percent or 0) > limit:
            self.status.value = live(
                f"A gap of {profile.gap_percent:g}% is more than the {limit:g}% this course treats "
                "as a training imbalance: re-test, and see a clinician if one side is much weaker."
            )
            return
        self.programme = (
            profile
            if isinstance(profile, Refusal)
            else build_programme(
                profile,
                self.setup(),
                self.library,
                self.template,
                self.params,
                wording=self.wording,
            )
        )
        self.result.value = styled_html(self.programme, self.scale)
        if isinstance(self.programme, Refusal):
            self.status.value = live("No programme was built.")
            return
        self.status.value = live(
            f"Your programme is ready: {len(self.programme.table)} rows over "
            f"{self.programme.blocks[-1].last_week} weeks."
        )
        with self.chart:
            display(*forecast_charts(self.programme))

    def save_csv(self, button: Any = None) -> Path | None:
        """Save the programme as ``my_programme.csv`` (asks before replacing one)."""
        if not isinstance(self.programme, Programme):
            self.files.say("Build a programme first.")
            return None
        return self.files.save("my_programme.csv", programme_csv(self.programme), (".csv",))

    def save_handout(self, button: Any = None) -> Path | None:
        """Save the printable handout as ``my_programme.html`` (asks before replacing one)."""
        if not isinstance(self.programme, Programme):
            self.files.say("Build a programme first.")
            return None
        return self.files.save(
            "my_programme.html", handout_html(self.programme, self.scale), (".html",)
        )


class SetupControls(widgets.VBox):
    """What a programme needs besides the profile: strength days, name and equipment, and
    with ``with_cause`` where the gap comes from (``forecast.case.question`` and ``choice``
    of ``data/forecast.yml``; otherwise :meth:`setup` keeps the cause of ``setup``).

    The programme app and the progress tracker (which rebuilds the learner's programme to
    compare with) both use it.
    """

    def __init__(
        self,
        template: ProgrammeTemplate,
        setup: Setup | None = None,
        *,
        with_cause: bool = False,
        wording: ForecastWording | None = None,
    ) -> None:
        start = setup or Setup()
        self.start = start
        case = (wording or Course.find().forecast_wording).forecast.case
        self.cause = (
            labelled(
                widgets.Dropdown,
                case.question,
                options=case.choice.options(),
                value=start.cause,
            )
            if with_cause
            else None
        )
        days = sorted(template.schedule.value)
        self.days = labelled(
            widgets.Dropdown,
            "Strength days a week",
            options=days,
            value=start.days_per_week if start.days_per_week in days else days[0],
        )
        self.name = labelled(
            widgets.Text,
            "Your name (optional)",
            value=start.name,
            placeholder="shown on the handout",
        )
        self.equipment = {
            kind: widgets.Checkbox(
                description=label,
                value=kind in start.equipment,
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            for kind, label in EQUIPMENT_LABELS.items()
            if kind != "none"
        }
        super().__init__(
            [
                self.days,
                *([] if self.cause is None else [self.cause]),
                self.name,
                widgets.HTML(render("programme-equipment.html.j2")),
                *self.equipment.values(),
            ]
        )

    def setup(self) -> Setup:
        """Days, equipment, name (cut to its 80 characters) and cause as chosen."""
        equipment = {"none", *(kind for kind, box in self.equipment.items() if box.value)}
        return Setup(
            days_per_week=self.days.value,
            equipment=frozenset(equipment),
            name=str(self.name.value).strip()[:80],
            cause=self.start.cause if self.cause is None else self.cause.value,
        )
