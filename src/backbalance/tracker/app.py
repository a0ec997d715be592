"""The JupyterLab app of the progress tracker: re-test results against the forecast band.

It wires a table of text boxes to :mod:`backbalance.tracker.data` (reading the rows) and
:mod:`backbalance.tracker.progress` (the verdict), and shows :mod:`backbalance.tracker.charts`.
The learner's own files live in ``folder``, by default the notebook's folder: the log
``my_progress.csv`` is loaded when it is there (the example rows only on request), and the
forecast comes from the programme built from the learner's ``my_profile.json``. Where the
gap comes from is a choice with the simulation app's labels
(``forecast.case.choice`` of ``data/forecast.yml``; by default "I do not know", which shows
both cases); the log file keeps it in its ``# cause:`` line. Saving goes through
:class:`backbalance.common.controls.Saver`, which asks before replacing the log.

Examples
--------
>>> import tempfile
>>> from backbalance.course import Course
>>> course = Course.find()
>>> app = ProgressApp(course.exercises, course.programme_template, course.parameters,
...                   folder=tempfile.mkdtemp())
>>> [box.description for box in app.rows[0].values()]
['Row 1 week', 'Row 1 left', 'Row 1 right', 'Row 1 notes']
>>> app.cause.label, app.cause.value
('I do not know (shows both)', 'unknown')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
from IPython.display import display
from markupsafe import Markup

from backbalance.assessment.profile import Profile, read_profile
from backbalance.common.controls import Saver, button, labelled, live
from backbalance.common.files import SaveError, WorkFolder
from backbalance.common.html import render
from backbalance.common.read import DataError
from backbalance.programme.app import SetupControls
from backbalance.programme.build import Refusal, Setup, build_programme
from backbalance.programme.library import ExerciseLibrary
from backbalance.programme.template import ProgrammeTemplate
from backbalance.strength_gap.forecast import LogError, no_forecast_reason
from backbalance.strength_gap.model import GapBeyondLimit
from backbalance.strength_gap.parameters import ModelParameters
from backbalance.strength_gap.wording import ForecastWording, fill
from backbalance.tracker.charts import progress_chart, results_chart
from backbalance.tracker.data import (
    COLUMNS,
    ProgressLog,
    log_csv,
    parse_progress,
    progress_from_rows,
)
from backbalance.tracker.progress import assess_progress


def problems_line(log: ProgressLog, wording: ForecastWording) -> str:
    """One line about the rows that could not be used (the first named), or ``""``."""
    if not log.problems:
        return ""
    first = log.problems[0]
    sentence = wording.tracker.unusable_rows.pick(len(log.problems))
    return fill(sentence, count=len(log.problems), line=first.line, reason=first.reason)


class ProgressApp(widgets.VBox):
    """A table of re-test results, checked row by row, against the learner's forecast band.

    Parameters
    ----------
    library, template, params
        The exercise library, the programme template and the model's parameters: the
        programme is rebuilt from the learner's profile to know its weekly sets.
    setup
        Days and equipment to start from (the learner can change them).
    folder
        The learner's work folder.
    example
        Rows the learner may start from on request (for example the course's example file).
    log_file, profile_file
        The learner's log and profile in ``folder``.
    wording, sem_percent
        The forecast's and tracker's sentences (``Course.forecast_wording``) and the
        strength test's typical error in per cent; None: those of ``Course.find()``.
    """

    def __init__(
        self,
        library: ExerciseLibrary,
        template: ProgrammeTemplate,
        params: ModelParameters,
        *,
        setup: Setup | None = None,
        folder: Path | str = ".",
        example: ProgressLog | None = None,
        log_file: str = "my_progress.csv",
        profile_file: str = "my_profile.json",
        wording: ForecastWording | None = None,
        sem_percent: float | None = None,
    ) -> None:
        if wording is None or sem_percent is None:
            from backbalance.course import Course

            course = Course.find()
            wording = wording or course.forecast_wording
            if sem_percent is None:
                sem_percent = course.assessment.strength.test_error.sem_percent
        self.wording, self.sem_percent = wording, sem_percent
        self.library, self.template, self.params = library, template, params
        self.example, self.log_file = example, log_file
        self.files = Saver(WorkFolder(folder))
        self.profile: Profile | None = None
        self.rows: list[dict[str, widgets.Text]] = []
        self.table = widgets.VBox()
        self.problems = widgets.HTML()
        self.problems.add_class("bb-problems")
        self.verdict = widgets.HTML()
        self.verdict.add_class("bb-verdict")
        self.charts = widgets.Output()
        self.profile_file = labelled(widgets.Text, "Profile file", value=profile_file)
        self.profile_status = widgets.HTML()
        self.profile_status.add_class("bb-profile-status")
        self.setup_controls = SetupControls(template, setup)
        case = self.wording.forecast.case
        self.cause = labelled(
            widgets.Dropdown, case.question, options=case.choice.options(), value="unknown"
        )
        self.cause.add_class("bb-cause")
        self.example_button = button(
            "Start from the example rows", "bb-example-rows", self.start_from_example
        )
        self.log_status = widgets.HTML()
        self.log_status.add_class("bb-log-status")
        self.load_profile()
        self.load_log()
        super().__init__(
            [
                widgets.HTML(render("tracker-intro.html.j2")),
                widgets.HBox(
                    [
                        self.profile_file,
                        button("Load my profile", "bb-load-profile", self.load_profile),
                    ]
                ),
                self.profile_status,
                self.setup_controls,
                self.cause,
                self.log_status,
                self.table,
                widgets.HBox(
                    [
                        button("Add a row", "bb-add-row", self.add_row),
                        button("Check and compare", "bb-compare", self.compare),
                        button("Save my log (CSV)", "bb-save-log", self.save),
                        *([self.example_button] if example is not None else []),
                    ]
                ),
                self.problems,
                self.verdict,
                self.charts,
                self.files,
            ]
        )
        self.add_class("bb-progress-app")

    # ------------------------------------------------------------------ the learner's files

    def load_profile(self, button: Any = None) -> Profile | None:
        """Read the learner's profile from the "Profile file" box; say whose forecast is used."""
        name = str(self.profile_file.value)
        self.profile = None
        try:
            self.profile = read_profile(self.files.folder.read(name, suffixes=(".json",)), name)
        except SaveError as err:
            self.profile_status.value = live(
                f"{err.message} Save your profile in the self-assessment (it writes "
                "my_profile.json next to the notebooks), then press 'Load my profile'; until then "
                "there is no forecast to compare with."
            )
            return None
        except DataError as err:
            self.profile_status.value = live(
                "This file is not a profile: " + "; ".join(str(p) for p in err.problems)
            )
            return None
        side = self.profile.weaker_side or "no"
        self.profile_status.value = live(
            f"Comparing with the programme built from your profile {name.strip()}: {side} weaker "
            "side. Set your strength days and equipment as in My programme."
        )
        return self.profile

    def load_log(self) -> ProgressLog | None:
        """Fill the table from the learner's log file when it is there."""
        if not self.files.folder.exists(self.log_file):
            self._fill(None)
            self.log_status.value = live(
                f"No {self.log_file} in this folder yet: type your first test below."
            )
            return None
        try:
            log = parse_progress(self.files.folder.read(self.log_file, suffixes=(".csv",)))
        except SaveError as err:
            self._fill(None)
            self.log_status.value = live(err.message)
            return None
        self._fill(log)
        self.cause.value = log.cause
        self.problems.value = live(problems_line(log, self.wording))
        loaded = (
            f"Loaded your log {self.log_file}: {len(log.rows)} "
            f"test{'s' if len(log.rows) != 1 else ''}. Add a row for a new test, then save."
        )
        if log.cause_problem is not None:  # one line: where, what is wrong, and the fix
            loaded = f"{self.log_file}, {log.cause_problem}. {loaded}"
        self.log_status.value = live(loaded)
        return log

    def start_from_example(self, button: Any = None) -> None:
        """Replace the table with the example rows (only when asked for)."""
        self.files.clear()
        self._fill(self.example)
        if self.example is not None:
            self.cause.value = self.example.cause
        self.log_status.value = live(
            f"These are the example rows, not yours. Saving them writes {self.log_file}."
        )

    def _fill(self, log: ProgressLog | None) -> None:
        self.rows, self.table.children = [], ()
        for _, row in log.rows.iterrows() if log is not None else ():
            self.add_row(
                values={
                    "week": str(row["week"]),
                    "left": f"{row['left']:g}",
                    "right": f"{row['right']:g}",
                    "notes": row["notes"],
                }
            )
        if not self.rows:
            self.add_row()

    # ------------------------------------------------------------------ the table

    def add_row(self, button: Any = None, values: dict[str, str] | None = None) -> None:
        """Add a row of boxes, labelled with its row number."""
        number = len(self.rows) + 1
        boxes = {
            column: widgets.Text(
                value=(values or {}).get(column, ""),
                description=f"Row {number} {column}",
                style={"description_width": "7em"},
                layout=widgets.Layout(width="30em" if column == "notes" else "13em"),
            )
            for column in COLUMNS
        }
        self.rows.append(boxes)
        self.table.children = (*self.table.children, widgets.HBox(list(boxes.values())))

    def log(self) -> ProgressLog:
        """The rows as typed, checked: row numbers are those shown next to the boxes."""
        return progress_from_rows(
            (n, {c: str(box.value) for c, box in row.items()}) for n, row in enumerate(self.rows, 1)
        )

    def _no_forecast(self, log: ProgressLog) -> str | None:
        """Why there is no forecast to compare with, or None when there is one."""
        words = self.wording.tracker
        if self.profile is None:
            return words.no_profile
        reason = no_forecast_reason(self.profile, self.wording)
        if reason is not None:
            return reason
        limit = self.params.gap_limit.value
        for _, row in log.rows.iterrows():
            if 100 - row["lsi"] > limit:
                return fill(
                    words.gap_beyond_limit,
                    week=row["week"],
                    gap=f"{100 - row['lsi']:g}",
                    limit=f"{limit:g}",
                )
        return None

    def compare(self, button: Any = None) -> None:
        """Check the rows, then show the personalised forecast, the suggestion and the charts."""
        self.files.clear()
        log = self.log()
        self.problems.value = live(problems_line(log, self.wording))
        self.charts.clear_output()
        if log.rows.empty:
            self.verdict.value = live(self.wording.tracker.no_usable_row)
            return
        reason = self._no_forecast(log)
        programme = None
        if reason is None and self.profile is not None:
            programme = build_programme(
                self.profile,
                self.setup_controls.setup().model_copy(update={"cause": self.cause.value}),
                self.library,
                self.template,
                self.params,
            )
            if isinstance(programme, Refusal):
                reason, programme = programme.message, None
        progress = None
        if programme is not None:
            try:
                progress = assess_progress(
                    log,
                    self.params,
                    strong_sets=programme.strong_sets,
                    extra_sets=programme.extra_sets,
                    max_weak_sets=programme.max_weak_sets,
                    status=programme.profile.training_status or "novice",
                    cause=self.cause.value,
                    sem_percent=self.sem_percent,
                    wording=self.wording,
                )
            except (GapBeyondLimit, LogError) as err:
                reason = str(err)
        if progress is None:
            self.verdict.value = live(reason or "")
            with self.charts:
                display(results_chart(log, wording=self.wording.tracker))
            return
        self.verdict.value = Markup('<div aria-live="polite">{}</div>').format(
            Markup("").join(Markup("<p>{}</p>").format(text) for text in progress.paragraphs())
        )
        with self.charts:
            display(
                progress_chart(progress, self.wording.tracker),
                results_chart(log, wording=self.wording.tracker),
            )

    def save(self, button: Any = None) -> Path | None:
        """Save the rows as the log file (asks before replacing it).

        A row that cannot be used stops the save, so nothing typed is dropped unseen.
        """
        log = self.log()
        self.problems.value = live(problems_line(log, self.wording))
        if log.problems:
            first = log.problems[0]
            self.files.say(
                fill(self.wording.tracker.save_refused, line=first.line, reason=first.reason)
            )
            return None
        return self.files.save(self.log_file, log_csv(log, self.cause.value), (".csv",))
