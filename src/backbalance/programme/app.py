"""JupyterLab apps for the personal programme, the progress tracker and the daily habits.

The apps only wire controls to the pure functions of :mod:`backbalance.programme.build`,
:mod:`backbalance.tracker.progress` and :mod:`backbalance.habits.logic`, and to the charts of
:mod:`backbalance.strength_gap.charts` and :mod:`backbalance.tracker.charts`. They need a running kernel;
the static book shows the programmes and sheets of :mod:`backbalance.sphinxext.programmes`
instead. Files a learner saves (CSV, handout, calendar) are written to ``folder``, by
default the notebook's own folder, and never overwrite the course's data.

Examples
--------
>>> from backbalance.programme.app import ProgrammeApp
>>> ProgrammeApp(library, template, params)  # doctest: +SKIP
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML, display

from backbalance.assessment.profile import Profile
from backbalance.common.read import DataError
from backbalance.habits.logic import (
    Break,
    Habits,
    adherence,
    breaks_calendar,
    empty_week,
    parse_clock,
    plan_breaks,
    score_workstation,
)
from backbalance.programme.build import (
    TABLE_CSS,
    Programme,
    Refusal,
    Setup,
    build_programme,
    handout_html,
    manual_profile,
    programme_csv,
    programme_html,
)
from backbalance.programme.library import (
    EQUIPMENT_LABELS,
    ExerciseLibrary,
    ProgrammeTemplate,
    read_profile,
)
from backbalance.strength_gap.charts import strength_chart
from backbalance.strength_gap.parameters import STATUSES, ModelParameters
from backbalance.tracker.charts import (
    adherence_chart,
    microbreak_chart,
    progress_chart,
    results_chart,
)
from backbalance.tracker.progress import (
    COLUMNS,
    ProgressLog,
    assess_progress,
    log_csv,
    progress_from_rows,
)

LABEL_WIDTH = "14em"
Control = TypeVar("Control", bound=widgets.DOMWidget)


def _labelled(kind: type[Control], label: str, **options: Any) -> Control:
    """A control with a visible label of a common width."""
    return kind(
        description=label,
        style={"description_width": LABEL_WIDTH},
        layout=widgets.Layout(width="32em"),
        **options,
    )


def _live(text: str, kind: str = "p") -> str:
    return f'<{kind} aria-live="polite">{html.escape(text)}</{kind}>'


def _button(label: str, css: str, handler: Callable[[Any], None]) -> widgets.Button:
    button = widgets.Button(description=label, layout=widgets.Layout(width="auto"))
    button.add_class(css)
    button.on_click(handler)
    return button


def _save(folder: Path, name: str, text: str, status: widgets.HTML) -> Path:
    """Write ``text`` to ``folder/name`` and say where it went."""
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    status.value = _live(
        f"Saved {path.name} in {folder.resolve()}. Open it from the file browser on the left."
    )
    return path


def _styled(programme: Programme | Refusal) -> str:
    return f"<style>{TABLE_CSS}</style>{programme_html(programme, heading_level=3)}"


def show_programme(programme: Programme | Refusal) -> HTML:
    """The programme (or the refusal) as styled HTML output in a notebook."""
    return HTML(_styled(programme))


# --------------------------------------------------------------------------- programme


class ProgrammeApp(widgets.VBox):
    """Build a programme from a saved profile or from results typed by hand, and save it.

    Parameters
    ----------
    library, template, params
        The exercise library, the programme template and the model's parameters.
    profile
        A profile to start from (for example the course's example); None to start empty.
    setup
        Days, equipment and name to start from.
    folder
        Where the CSV file and the handout are saved.

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
    ) -> None:
        self.library, self.template, self.params, self.folder = (
            library,
            template,
            params,
            Path(folder),
        )
        self.loaded: Profile | None = profile
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
        self.loaded_text = widgets.HTML(_live(self._loaded_message()))
        self.hand = self._hand_controls()
        start = setup or Setup()
        days = sorted(template.schedule.value)
        self.setup_controls = {
            "days": _labelled(
                widgets.Dropdown,
                "Strength days a week",
                options=days,
                value=start.days_per_week if start.days_per_week in days else days[0],
            ),
            "name": _labelled(
                widgets.Text,
                "Your name (optional)",
                value=start.name,
                placeholder="shown on the handout",
            ),
        }
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
        self.status = widgets.HTML()
        self.status.add_class("bb-status")
        self.result = widgets.HTML()
        self.result.add_class("bb-programme-result")
        self.chart = widgets.Output()
        self.saved = widgets.HTML()
        self.saved.add_class("bb-saved")
        self.upload.observe(self._uploaded, names="value")
        self.source.observe(self._switch, names="value")
        self.profile_box = widgets.VBox([self.upload, self.loaded_text])
        equipment_box = widgets.VBox(
            [
                widgets.HTML(
                    "<p><strong>Equipment you have</strong> (no equipment is always included)</p>"
                ),
                *self.equipment.values(),
            ]
        )
        buttons = widgets.HBox(
            [
                _button("Save as CSV", "bb-save-csv", self.save_csv),
                _button("Save handout (HTML, one page)", "bb-save-handout", self.save_handout),
            ]
        )
        super().__init__(
            [
                self.source,
                self.profile_box,
                *self.setup_controls.values(),
                equipment_box,
                _button("Build my programme", "bb-build", self.build),
                self.status,
                self.result,
                self.chart,
                buttons,
                self.saved,
            ]
        )
        self.add_class("bb-programme-app")

    def _hand_controls(self) -> dict[str, widgets.Widget]:
        muscles = {
            muscle: _labelled(
                widgets.Dropdown,
                f"Tight: {muscle.replace('-', ' ')}",
                options=[("No", "none"), ("Left", "left"), ("Right", "right"), ("Both", "both")],
            )
            for muscle in self.template.release.focus.value
        }
        return {
            "safety": _labelled(
                widgets.Dropdown,
                "Safety check",
                options=[
                    ("Not done yet", "unscreened"),
                    ("Done: no red flags", "none"),
                    ("A red flag: see a clinician", "clinician"),
                    ("An urgent sign", "urgent"),
                ],
            ),
            "weaker": _labelled(
                widgets.Dropdown,
                "Weaker side",
                options=[("Not measured", None), ("Left", "left"), ("Right", "right")],
            ),
            "gap": _labelled(
                widgets.BoundedFloatText,
                "Gap (% of stronger side)",
                min=0,
                max=60,
                step=0.5,
                value=0,
            ),
            **{f"tight-{m}": control for m, control in muscles.items()},
            "status": _labelled(
                widgets.Dropdown,
                "Training status",
                options=[("Not sure", None), *[(s.capitalize(), s) for s in STATUSES]],
            ),
        }

    def _loaded_message(self) -> str:
        if self.loaded is None:
            return "No profile loaded yet. Upload the profile you saved from the self-assessment."
        side = self.loaded.weaker_side or "no"
        return f"Profile loaded: {side} weaker side, gap {self.loaded.gap_percent or 0:g}%."

    def _switch(self, change: Any = None) -> None:
        self.profile_box.children = (
            (self.upload, self.loaded_text)
            if self.source.value == "Saved profile"
            else tuple(self.hand.values())
        )

    def _uploaded(self, change: Any = None) -> None:
        if not self.upload.value:
            return
        file = self.upload.value[0]
        try:
            self.loaded = read_profile(bytes(file["content"]), file["name"])
        except DataError as err:
            self.loaded_text.value = _live(
                "This file is not a profile: " + "; ".join(str(p) for p in err.problems)
            )
            return
        self.loaded_text.value = _live(self._loaded_message())

    def profile(self) -> Profile | Refusal | None:
        """The profile to build from: the loaded one, or the one typed by hand."""
        if self.source.value == "Saved profile":
            return self.loaded
        value = {name: control.value for name, control in self.hand.items()}
        if value["safety"] == "unscreened":
            return Refusal("unscreened", self.template.refusal.unscreened)
        measured = value["weaker"] is not None
        return manual_profile(
            red_flag=value["safety"],
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
        equipment = {"none", *(kind for kind, box in self.equipment.items() if box.value)}
        return Setup(
            days_per_week=self.setup_controls["days"].value,
            equipment=frozenset(equipment),
            name=self.setup_controls["name"].value.strip()[:80],
        )

    def build(self, button: Any = None) -> None:
        """Build the programme and show it, with the forecast chart."""
        profile = self.profile()
        self.chart.clear_output()
        if profile is None:
            self.status.value = _live("Upload a profile first, or choose 'Type my results'.")
            return
        self.programme = (
            profile
            if isinstance(profile, Refusal)
            else build_programme(profile, self.setup(), self.library, self.template, self.params)
        )
        self.result.value = _styled(self.programme)
        if isinstance(self.programme, Refusal):
            self.status.value = _live("No programme was built.")
            return
        self.status.value = _live(
            f"Your programme is ready: {len(self.programme.table)} rows over "
            f"{self.programme.blocks[-1].last_week} weeks."
        )
        if self.programme.forecast is not None:
            with self.chart:
                display(strength_chart(self.programme.forecast))

    def save_csv(self, button: Any = None) -> Path | None:
        """Save the programme as ``my_programme.csv``."""
        if not isinstance(self.programme, Programme):
            self.saved.value = _live("Build a programme first.")
            return None
        return _save(self.folder, "my_programme.csv", programme_csv(self.programme), self.saved)

    def save_handout(self, button: Any = None) -> Path | None:
        """Save the one-page printable handout as ``my_programme.html``."""
        if not isinstance(self.programme, Programme):
            self.saved.value = _live("Build a programme first.")
            return None
        return _save(self.folder, "my_programme.html", handout_html(self.programme), self.saved)


# --------------------------------------------------------------------------- progress


class ProgressApp(widgets.VBox):
    """A table of re-test results, checked row by row, against the forecast band.

    Parameters
    ----------
    params
        The model's parameters.
    programme
        The learner's programme, for its weekly sets and training status.
    log
        Rows to start with (for example the course's example file).
    folder
        Where ``my_progress.csv`` is saved.
    """

    def __init__(
        self,
        params: ModelParameters,
        programme: Programme,
        *,
        log: ProgressLog | None = None,
        folder: Path | str = ".",
    ) -> None:
        self.params, self.programme, self.folder = params, programme, Path(folder)
        self.rows: list[dict[str, widgets.Text]] = []
        self.table = widgets.VBox()
        self.problems = widgets.HTML()
        self.problems.add_class("bb-problems")
        self.verdict = widgets.HTML()
        self.verdict.add_class("bb-verdict")
        self.charts = widgets.Output()
        self.saved = widgets.HTML()
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
        super().__init__(
            [
                widgets.HTML(
                    "<p>One row per test: the week (0 for the first test), the left and right results, "
                    "and notes if you like.</p>"
                ),
                self.table,
                widgets.HBox(
                    [
                        _button("Add a row", "bb-add-row", self.add_row),
                        _button("Check and compare", "bb-compare", self.compare),
                        _button("Save my log (CSV)", "bb-save-log", self.save),
                    ]
                ),
                self.problems,
                self.verdict,
                self.charts,
                self.saved,
            ]
        )
        self.add_class("bb-progress-app")

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
            (n, {c: box.value for c, box in row.items()}) for n, row in enumerate(self.rows, 1)
        )

    def compare(self, button: Any = None) -> None:
        """Check the rows, then show the verdict, the suggestion and the charts."""
        log = self.log()
        items = "".join(f"<li>Row {p.line}: {html.escape(p.reason)}</li>" for p in log.problems)
        self.problems.value = f"<p>These rows were left out:</p><ul>{items}</ul>" if items else ""
        progress = assess_progress(
            log,
            self.params,
            strong_sets=self.programme.strong_sets,
            extra_sets=self.programme.extra_sets,
            max_weak_sets=self.programme.max_weak_sets,
            status=self.programme.profile.training_status or "novice",
        )
        self.charts.clear_output()
        if progress is None:
            self.verdict.value = _live("No usable row yet.")
            return
        self.verdict.value = _live(progress.suggestion)
        with self.charts:
            display(progress_chart(progress), results_chart(log))

    def save(self, button: Any = None) -> Path:
        """Save the usable rows as ``my_progress.csv``."""
        return _save(self.folder, "my_progress.csv", log_csv(self.log()), self.saved)


# --------------------------------------------------------------------------- habits


class MicrobreakApp(widgets.VBox):
    """Scenario microbreaks for a workday, see them on a timeline, and save a calendar file."""

    def __init__(self, habits: Habits, *, folder: Path | str = ".") -> None:
        self.habits, self.folder = habits, Path(folder)
        limits = habits.microbreaks.interval_minutes
        self.controls = {
            "start": _labelled(widgets.Text, "Workday starts", value="09:00"),
            "end": _labelled(widgets.Text, "Workday ends", value="17:00"),
            "interval": _labelled(
                widgets.IntSlider,
                "Minutes between breaks",
                min=limits.min,
                max=limits.max,
                step=5,
                value=limits.default,
            ),
            "day": _labelled(widgets.DatePicker, "First day", value=date.today()),
        }
        self.message = widgets.HTML()
        self.figure = go.FigureWidget(microbreak_chart([], *self._day(), limits.default))
        self.saved = widgets.HTML()
        for control in self.controls.values():
            control.observe(self.update, names="value")
        super().__init__(
            [
                *self.controls.values(),
                self.message,
                self.figure,
                widgets.HTML(f"<p>{html.escape(habits.microbreaks.caveat)}</p>"),
                _button("Save calendar file (.ics)", "bb-save-ics", self.save),
                self.saved,
            ]
        )
        self.add_class("bb-microbreak-app")
        self.update()

    def _day(self) -> tuple[time, time]:
        return parse_clock(self.controls["start"].value), parse_clock(self.controls["end"].value)

    def breaks(self) -> list[Break]:
        """The breaks for the current settings (raises ValueError for a bad time)."""
        start, end = self._day()
        return plan_breaks(start, end, self.controls["interval"].value, self.habits.microbreaks)

    def update(self, change: Any = None) -> None:
        """Re-plan and update the timeline in place; show a message for a bad time."""
        try:
            breaks = self.breaks()
        except ValueError as err:
            self.message.value = _live(str(err))
            return
        fresh = microbreak_chart(breaks, *self._day(), self.controls["interval"].value)
        with self.figure.batch_update():
            for trace, new in zip(self.figure.data, fresh.data, strict=True):
                trace.x, trace.y, trace.text, trace.customdata = (
                    new.x,
                    new.y,
                    new.text,
                    new.customdata,
                )
            self.figure.layout.title.text = fresh.layout.title.text
            self.figure.layout.xaxis.range = fresh.layout.xaxis.range
        items = "".join(f"<li>{b.start:%H:%M}: {html.escape(b.activity)}</li>" for b in breaks)
        self.message.value = (
            f'<div aria-live="polite"><p>{len(breaks)} breaks.</p><ul>{items}</ul></div>'
        )

    def save(self, button: Any = None) -> Path | None:
        """Save the breaks as ``microbreaks.ics``, repeating every weekday."""
        try:
            breaks = self.breaks()
        except ValueError as err:
            self.saved.value = _live(str(err))
            return None
        day = self.controls["day"].value or date.today()
        text = breaks_calendar(breaks, day, datetime.now(UTC), self.habits.microbreaks)
        return _save(self.folder, "microbreaks.ics", text, self.saved)


class WorkstationApp(widgets.VBox):
    """The workstation checklist: tick what is true, see the score and what to change."""

    def __init__(self, habits: Habits) -> None:
        self.habits = habits
        self.boxes = {
            item.id: widgets.Checkbox(
                description=item.check, indent=False, layout=widgets.Layout(width="auto")
            )
            for item in habits.workstation.items
        }
        self.result = widgets.HTML()
        for box in self.boxes.values():
            box.observe(self.update, names="value")
        super().__init__([*self.boxes.values(), self.result])
        self.add_class("bb-workstation-app")
        self.update()

    def update(self, change: Any = None) -> None:
        """Score the ticks and list the suggestions."""
        score = score_workstation(
            {key: box.value for key, box in self.boxes.items()}, self.habits.workstation
        )
        tips = "".join(f"<li>{html.escape(item.suggestion)}</li>" for item in score.to_change)
        self.result.value = (
            f'<div aria-live="polite"><p><strong>{score.text()}</strong></p>'
            + (f"<ul>{tips}</ul>" if tips else "")
            + f"<p>{html.escape(self.habits.caveat)}</p></div>"
        )


class HabitTrackerApp(widgets.VBox):
    """One week of daily habits as tick boxes, with a chart of the days each was kept."""

    def __init__(self, habits: Habits) -> None:
        self.habits = habits
        week = empty_week(habits.daily)
        self.boxes = {
            (habit.id, day): widgets.Checkbox(
                description=day,
                tooltip=f"{habit.area}, {day}",
                indent=False,
                layout=widgets.Layout(width="5.5em"),
            )
            for habit in habits.daily
            for day in week.columns
        }
        self.figure = go.FigureWidget(adherence_chart(adherence(week, habits.daily)))
        for box in self.boxes.values():
            box.observe(self.update, names="value")
        rows = [
            widgets.HBox(
                [
                    widgets.HTML(
                        f"<p><strong>{html.escape(h.area)}</strong>: {html.escape(h.habit)}</p>",
                        layout=widgets.Layout(width="26em"),
                    ),
                    *(self.boxes[(h.id, day)] for day in week.columns),
                ]
            )
            for h in habits.daily
        ]
        super().__init__([*rows, self.figure])
        self.add_class("bb-habit-app")

    def week(self) -> pd.DataFrame:
        """The ticks as a table: one row per habit, one column per day."""
        week = empty_week(self.habits.daily)
        for (habit, day), box in self.boxes.items():
            week.loc[habit, day] = box.value
        return week

    def update(self, change: Any = None) -> None:
        """Update the bars in place."""
        table = adherence(self.week(), self.habits.daily)
        fresh = adherence_chart(table)
        with self.figure.batch_update():
            self.figure.data[0].x, self.figure.data[0].text = fresh.data[0].x, fresh.data[0].text
