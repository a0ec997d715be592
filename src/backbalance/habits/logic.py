"""Daily-habit logic: the workstation checklist's score, the microbreak planner and the
weekly habit tracker. Pure: the wording and the numbers come in from ``data/habits.yml``
(:mod:`backbalance.habits.data`); the calendar file is written by :mod:`backbalance.habits.ics`.

Examples
--------
>>> from datetime import time
>>> from backbalance.course import Course
>>> habits = Course.find().habits
>>> plan_breaks(time(9), time(12), 45, habits.microbreaks)[0].start
datetime.time(9, 45)
>>> parse_clock("17h30")
datetime.time(17, 30)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from backbalance.common.types import DAYS
from backbalance.habits.data import ChecklistItem, DailyHabit, Microbreaks, Workstation

CLOCK = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


# --------------------------------------------------------------------------- workstation


@dataclass(frozen=True)
class WorkstationScore:
    """How many checklist statements are true, and what to change for the others."""

    met: int
    total: int
    to_change: tuple[ChecklistItem, ...]

    def text(self) -> str:
        """For example ``4 of 6 in place.``"""
        return f"{self.met} of {self.total} in place."


def score_workstation(answers: Mapping[str, bool], workstation: Workstation) -> WorkstationScore:
    """Score the checklist: an item counts when its answer is True; missing answers do not.

    Parameters
    ----------
    answers
        Item id to whether the statement is true for the learner.
    workstation
        The checklist.

    Returns
    -------
    WorkstationScore
        With the items to change, in checklist order.
    """
    to_change = tuple(item for item in workstation.items if not answers.get(item.id, False))
    return WorkstationScore(
        len(workstation.items) - len(to_change), len(workstation.items), to_change
    )


# --------------------------------------------------------------------------- microbreaks


@dataclass(frozen=True)
class Break:
    """One microbreak: when it starts, how long it lasts and what to do."""

    start: time
    minutes: int
    activity: str

    @property
    def end(self) -> time:
        """When the break ends."""
        return (datetime.combine(date.min, self.start) + timedelta(minutes=self.minutes)).time()


def parse_clock(text: str) -> time:
    """A time of day typed as ``9:00``, ``09:30``, ``17.30`` or ``17h30``.

    Raises
    ------
    ValueError
        With a message a learner can act on.
    """
    match = CLOCK.match(text)
    if match is None:
        raise ValueError(f"Type a time of day such as 09:00 or 17:30, got {text!r}.")
    return time(int(match.group(1)), int(match.group(2)))


def plan_breaks(start: time, end: time, interval: int, microbreaks: Microbreaks) -> list[Break]:
    """Breaks every ``interval`` minutes of a workday, each with an activity in turn.

    The first break comes one interval after ``start``; a break must end by ``end``.

    Parameters
    ----------
    start, end
        The workday.
    interval
        Minutes between breaks, within ``microbreaks.interval_minutes``.
    microbreaks
        Limits, break length and activities.

    Returns
    -------
    list[Break]
        Possibly empty, when the workday is shorter than one interval and a break.

    Raises
    ------
    ValueError
        When ``end`` is not after ``start`` or the interval is out of range.
    """
    limits = microbreaks.interval_minutes
    if not limits.min <= interval <= limits.max:
        raise ValueError(
            f"Choose a break every {limits.min} to {limits.max} minutes, got {interval}."
        )
    if end <= start:
        raise ValueError(f"The workday must end after it starts, got {start:%H:%M} to {end:%H:%M}.")
    day_start, day_end = (datetime.combine(date.min, t) for t in (start, end))
    length = timedelta(minutes=microbreaks.minutes.value)
    breaks = []
    moment = day_start + timedelta(minutes=interval)
    while moment + length <= day_end:
        activity = microbreaks.activities[len(breaks) % len(microbreaks.activities)]
        breaks.append(Break(moment.time(), microbreaks.minutes.value, activity.text))
        moment += timedelta(minutes=interval)
    return breaks


# --------------------------------------------------------------------------- habit tracker


def empty_week(habits: Sequence[DailyHabit]) -> pd.DataFrame:
    """A week of the habit tracker with nothing ticked: one row per habit, one column per day."""
    return pd.DataFrame(
        False, index=pd.Index([h.id for h in habits], name="habit"), columns=list(DAYS)
    )


def adherence(week: pd.DataFrame, habits: Sequence[DailyHabit]) -> pd.DataFrame:
    """How many days of the week each habit was kept.

    Parameters
    ----------
    week
        Booleans, one row per habit id and one column per day (see :func:`empty_week`).
    habits
        The habits, for their areas; habits missing from ``week`` count as not kept.

    Returns
    -------
    pandas.DataFrame
        Columns ``habit``, ``area``, ``days_kept``, ``days`` and ``percent``, in the
        habits' order.
    """
    kept = (
        week.reindex(index=[h.id for h in habits], columns=list(DAYS), fill_value=False)
        .fillna(False)
        .astype(bool)
    )
    days_kept = kept.sum(axis=1).to_numpy()
    return pd.DataFrame(
        {
            "habit": [h.id for h in habits],
            "area": [h.area for h in habits],
            "days_kept": days_kept.astype(int),
            "days": len(DAYS),
            "percent": 100.0 * days_kept / len(DAYS),
        }
    )


TICKED, UNTICKED = "yes", "no"
"""How a saved habit week writes a kept and a missed day."""


def week_csv(week: pd.DataFrame) -> str:
    """A habit week (see :func:`empty_week`) as CSV: a ``habit`` column, then one per day.

    >>> print(week_csv(pd.DataFrame({"Mon": [True]}, index=pd.Index(["sleep"], name="habit"))), end="")
    habit,Mon
    sleep,yes
    """
    lines = [",".join(["habit", *week.columns])]
    for habit, row in week.iterrows():
        lines.append(",".join([str(habit), *(TICKED if bool(v) else UNTICKED for v in row)]))
    return "\n".join(lines) + "\n"


def parse_week(text: str, habits: Sequence[DailyHabit]) -> tuple[pd.DataFrame | None, list[str]]:
    """A habit week saved by :func:`week_csv`; never raises.

    Habits the course no longer has, days that are not weekdays and cells other than
    ``yes``/``no`` (or empty) are left out with one message each; habits and days missing
    from the file are not ticked.

    Returns
    -------
    tuple
        The week (as :func:`empty_week`), or None when the text is not a habit week at
        all, and the messages.
    """
    week, problems = empty_week(habits), []
    lines = [line for line in re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")) if line.strip()]
    if not lines or [c.strip() for c in lines[0].split(",")][:1] != ["habit"]:
        return None, ["the first line must start with 'habit', then the days (Mon,Tue,...)"]
    days = [cell.strip() for cell in lines[0].split(",")[1:]]
    for number, line in enumerate(lines[1:], start=2):
        habit, *cells = (cell.strip() for cell in line.split(","))
        if habit not in week.index:
            problems.append(f"line {number}: {habit[:40]!r} is not one of this course's habits")
            continue
        for day, cell in zip(days, cells, strict=False):
            if day not in week.columns or cell.lower() not in (TICKED, UNTICKED, ""):
                problems.append(
                    f"line {number}: {day[:10]!r} {cell[:10]!r} is not a day and yes/no"
                )
                continue
            week.loc[habit, day] = cell.lower() == TICKED
    return week, problems
