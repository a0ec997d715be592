"""The JupyterLab apps of the daily habits: microbreaks, the workstation checklist and the
weekly habit tracker.

They wire controls to :mod:`backbalance.habits.logic` (and :mod:`backbalance.habits.ics` for
the calendar file) and show :mod:`backbalance.habits.charts`; their HTML comes from the
``habits-*.html.j2`` templates. The calendar and the habit week are saved in ``folder``, by
default the notebook's folder, through :class:`backbalance.common.controls.Saver` (which
asks before replacing a file); the habit week saved there is loaded again next time.

Examples
--------
>>> from backbalance.course import Course
>>> habits = Course.find().habits
>>> app = WorkstationApp(habits)
>>> f"of {len(habits.workstation.items)} in place" in app.result.value
True
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from backbalance.common.controls import Saver, button, labelled, live
from backbalance.common.files import WorkFolder, decode_text
from backbalance.common.html import render
from backbalance.habits.charts import adherence_chart, microbreak_chart
from backbalance.habits.data import Habits
from backbalance.habits.ics import breaks_calendar
from backbalance.habits.logic import (
    Break,
    adherence,
    empty_week,
    parse_clock,
    parse_week,
    plan_breaks,
    score_workstation,
    week_csv,
)


class MicrobreakApp(widgets.VBox):
    """Scenario microbreaks for a workday, see them on a timeline, and save a calendar file."""

    def __init__(self, habits: Habits, *, folder: Path | str = ".") -> None:
        self.habits = habits
        self.files = Saver(WorkFolder(folder))
        limits = habits.microbreaks.interval_minutes
        self.controls = {
            "start": labelled(widgets.Text, "Workday starts", value="09:00"),
            "end": labelled(widgets.Text, "Workday ends", value="17:00"),
            "interval": labelled(
                widgets.IntSlider,
                "Minutes between breaks",
                min=limits.min,
                max=limits.max,
                step=5,
                value=limits.default,
            ),
            "day": labelled(widgets.DatePicker, "First day", value=date.today()),
        }
        self.message = widgets.HTML()
        self.figure = go.FigureWidget(microbreak_chart([], *self._day(), limits.default))
        for control in self.controls.values():
            control.observe(self.update, names="value")
        super().__init__(
            [
                *self.controls.values(),
                self.message,
                self.figure,
                widgets.HTML(render("habits-caveat.html.j2", caveat=habits.microbreaks.caveat)),
                button("Save calendar file (.ics)", "bb-save-ics", self.save),
                self.files,
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
        self.files.clear()
        try:
            breaks = self.breaks()
        except ValueError as err:
            self.message.value = live(str(err))
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
        self.message.value = render("habits-breaks.html.j2", breaks=breaks)

    def save(self, button: Any = None) -> Path | None:
        """Save the breaks as ``microbreaks.ics``, repeating every weekday (asks before replacing)."""
        day = self.controls["day"].value or date.today()
        try:
            # An empty plan, or a bad setting, is one line here: no calendar is written.
            text = breaks_calendar(self.breaks(), day, datetime.now(UTC), self.habits.microbreaks)
        except ValueError as err:
            self.files.say(str(err))
            return None
        return self.files.save("microbreaks.ics", text, (".ics",))


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
        self.result.value = render(
            "habits-workstation.html.j2", score=score, caveat=self.habits.caveat
        )


class HabitTrackerApp(widgets.VBox):
    """One week of daily habits as tick boxes, with a chart of the days each was kept.

    The week is saved as ``week_file`` in ``folder`` and loaded from there when it exists.
    """

    def __init__(
        self, habits: Habits, *, folder: Path | str = ".", week_file: str = "my_habits.csv"
    ) -> None:
        self.habits, self.week_file = habits, week_file
        self.files = Saver(WorkFolder(folder))
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
                        render("habits-habit.html.j2", habit=h),
                        layout=widgets.Layout(width="26em"),
                    ),
                    *(self.boxes[(h.id, day)] for day in week.columns),
                ]
            )
            for h in habits.daily
        ]
        super().__init__(
            [
                *rows,
                self.figure,
                widgets.HBox(
                    [
                        button("Save my week (CSV)", "bb-save-habits", self.save),
                        button("Load my week", "bb-load-habits", self.load),
                    ]
                ),
                self.files,
            ]
        )
        self.add_class("bb-habit-app")
        if self.files.folder.exists(week_file):
            self.load()

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

    def save(self, button: Any = None) -> Path | None:
        """Save the ticks as the week file (asks before replacing it)."""
        return self.files.save(self.week_file, week_csv(self.week()), (".csv",))

    def load(self, button: Any = None) -> bool:
        """Tick the boxes as saved in the week file; say what was left out."""
        raw = self.files.read(self.week_file, (".csv",))
        if raw is None:
            return False
        try:
            text = decode_text(raw)
        except UnicodeDecodeError:
            self.files.say(f"{self.week_file} is not UTF-8 text; it was not loaded.")
            return False
        week, problems = parse_week(text, self.habits.daily)
        if week is None:
            self.files.say(f"{self.week_file} is not a saved habit week: {problems[0]}.")
            return False
        for (habit, day), box in self.boxes.items():
            box.value = bool(week.loc[habit, day])
        self.files.say(
            f"Loaded your week from {self.week_file}."
            + (f" Left out: {'; '.join(problems[:3])}." if problems else "")
        )
        return True
