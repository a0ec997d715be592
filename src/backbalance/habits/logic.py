"""Daily-habit tools: the workstation checklist, the microbreak planner and the habit tracker.

The wording and the numbers come from ``data/habits.yml`` (loaded with :func:`load_habits`);
everything else is pure. The microbreak planner also writes an RFC 5545 calendar file
(``.ics``) that calendar programs can import: CRLF line ends, lines folded at 75 octets
without splitting a character, text escaped, and a ``UID`` and ``DTSTAMP`` on every event.

No trial has shown that microbreaks, or any of these habits, prevent back pain; the
``caveat`` texts of the data file say so wherever a suggestion is made.

Examples
--------
>>> from datetime import time
>>> from backbalance.habits.logic import load_habits, plan_breaks
>>> habits = load_habits("data/habits.yml")  # doctest: +SKIP
>>> plan_breaks(time(9), time(12), 45, habits.microbreaks)[0].start  # doctest: +SKIP
datetime.time(9, 45)
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import Field, model_validator

from backbalance.common.read import DataError, Problem, display_path, load_yaml
from backbalance.programme.library import DAYS, BibKey, Frozen, Slug, Sourced, Text

FOLD_OCTETS = 75
"""Longest line of a calendar file, in octets, without its CRLF (RFC 5545, 3.1)."""

PRODID = "-//Back in Balance//Microbreak planner//EN"
WEEKDAY_RULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
CLOCK = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")


class ChecklistItem(Sourced):
    """One statement of the workstation checklist, and what to change if it is not true."""

    id: Slug
    check: Text
    suggestion: Text


class Workstation(Frozen):
    """The workstation checklist."""

    items: Annotated[tuple[ChecklistItem, ...], Field(min_length=1, max_length=20)]


class Interval(Frozen):
    """The microbreak interval a learner may choose, in minutes."""

    min: Annotated[int, Field(ge=10, le=240)]
    max: Annotated[int, Field(ge=10, le=240)]
    default: Annotated[int, Field(ge=10, le=240)]

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if not self.min <= self.default <= self.max:
            raise ValueError("must have min <= default <= max")
        return self


class BreakLength(Sourced):
    """How long one microbreak lasts, in minutes."""

    value: Annotated[int, Field(ge=1, le=15)]


class Activity(Frozen):
    """Something to do in a microbreak."""

    id: Slug
    text: Text


class Microbreaks(Frozen):
    """The microbreak planner's limits, activities and caveat."""

    interval_minutes: Interval
    minutes: BreakLength
    activities: Annotated[tuple[Activity, ...], Field(min_length=1, max_length=20)]
    caveat: Text
    sources: Annotated[tuple[BibKey, ...], Field(min_length=1)]


class DailyHabit(Sourced):
    """One habit of the weekly tracker."""

    id: Slug
    area: Text
    habit: Text


class Habits(Frozen):
    """``data/habits.yml``."""

    caveat: Text
    workstation: Workstation
    microbreaks: Microbreaks
    daily: Annotated[tuple[DailyHabit, ...], Field(min_length=1, max_length=12)]

    def citations(self) -> Iterator[tuple[str, str]]:
        """Yield ``(entry, bibtex_key)`` for every source the file names."""
        for index, item in enumerate(self.workstation.items):
            if item.source:
                yield f"workstation.items[{index}].source", item.source
        if self.microbreaks.minutes.source:
            yield "microbreaks.minutes.source", self.microbreaks.minutes.source
        for index, key in enumerate(self.microbreaks.sources):
            yield f"microbreaks.sources[{index}]", key
        for index, habit in enumerate(self.daily):
            if habit.source:
                yield f"daily[{index}].source", habit.source


def _repeated_ids(name: str, entry: str, ids: Sequence[str]) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, item_id in enumerate(ids):
        if item_id in first:
            problems.append(
                Problem(
                    name,
                    f"{entry}[{index}].id",
                    f"{item_id!r} is already used by {entry}[{first[item_id]}]; ids must be unique",
                )
            )
        first.setdefault(item_id, index)
    return problems


def load_habits(path: Path | str) -> Habits:
    """Read and validate ``data/habits.yml``.

    Raises
    ------
    backbalance.common.read.DataError
        One problem per invalid entry, naming the file and the entry, for example
        ``data/habits.yml, daily[1].id: 'carry' is already used by daily[0]; ids must be unique``.
    """
    path = Path(path)
    habits = load_yaml(path, Habits)
    name = display_path(path)
    problems = [
        *_repeated_ids(name, "workstation.items", [item.id for item in habits.workstation.items]),
        *_repeated_ids(
            name, "microbreaks.activities", [a.id for a in habits.microbreaks.activities]
        ),
        *_repeated_ids(name, "daily", [habit.id for habit in habits.daily]),
    ]
    if problems:
        raise DataError(problems)
    return habits


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


def escape_text(text: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str, limit: int = FOLD_OCTETS) -> str:
    """Fold a content line into pieces of at most ``limit`` octets (RFC 5545, 3.1).

    Continuation pieces start with one space, which counts toward their length; neither a
    multi-byte UTF-8 character nor an escape such as ``\\,`` is split.
    """
    pieces, current, size = [], "", 0
    for char in re.findall(r"\\.|.", line, flags=re.DOTALL):
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += octets
    pieces.append(current)
    return "\r\n".join(pieces)


def first_workday(day: date) -> date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def breaks_calendar(
    breaks: Sequence[Break],
    day: date,
    stamp: datetime,
    microbreaks: Microbreaks,
    *,
    repeat: bool = True,
) -> str:
    """The breaks as an RFC 5545 calendar (``.ics``) that calendar programs can import.

    Parameters
    ----------
    breaks
        From :func:`plan_breaks`.
    day
        The first day (moved to the next Monday when it falls on a weekend and ``repeat``).
    stamp
        When the file is made (``DTSTAMP``); converted to UTC.
    microbreaks
        For the caveat in each event's description.
    repeat
        Repeat every weekday (Monday to Friday); otherwise ``day`` only.

    Returns
    -------
    str
        Folded lines ending in CRLF. Times are local ("floating"), so a 10:30 break stays
        at 10:30 wherever the file is imported. UIDs are the same for the same day and
        times, so importing the file again updates rather than duplicates the events.
    """
    first = first_workday(day) if repeat else day
    utc = stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for number, item in enumerate(breaks, start=1):
        begins = datetime.combine(first, item.start)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{begins:%Y%m%dT%H%M%S}-{number}@microbreaks.back-in-balance",
            f"DTSTAMP:{utc:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{begins:%Y%m%dT%H%M%S}",
            f"DURATION:PT{item.minutes}M",
            *([f"RRULE:{WEEKDAY_RULE}"] if repeat else []),
            f"SUMMARY:{escape_text('Microbreak: ' + item.activity)}",
            f"DESCRIPTION:{escape_text(item.activity + chr(10) + microbreaks.caveat)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text('Microbreak: ' + item.activity)}",
            "TRIGGER:PT0M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


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


# --------------------------------------------------------------------------- printable sheets


BOX = '<span class="bb-box" role="img" aria-label="empty tick box">☐</span>'


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def checklists_html(habits: Habits) -> str:
    """The workstation checklist, microbreak ideas and a weekly habit sheet, to print and tick.

    Returns
    -------
    str
        Plain HTML tables with captions and header cells; the caveats are shown with them.
    """
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("Statement", "True for me", "What to change if not")
    )
    rows = "".join(
        f'<tr><th scope="row">{_e(item.check)}</th><td>{BOX}</td><td>{_e(item.suggestion)}</td></tr>'
        for item in habits.workstation.items
    )
    workstation = (
        f'<table class="bb-sheet"><caption>Workstation checklist</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    limits = habits.microbreaks.interval_minutes
    ideas = "".join(f"<li>{_e(activity.text)}</li>" for activity in habits.microbreaks.activities)
    breaks = (
        f"<p><strong>Microbreaks.</strong> Every {limits.min} to {limits.max} minutes of sitting, take a "
        f"{habits.microbreaks.minutes.value}-minute break. Ideas:</p><ul>{ideas}</ul>"
        f"<p>{_e(habits.microbreaks.caveat)}</p>"
    )
    day_head = "".join(f'<th scope="col">{day}</th>' for day in DAYS)
    day_rows = "".join(
        f'<tr><th scope="row">{_e(h.area)}</th><td>{_e(h.habit)}</td>{"".join(f"<td>{BOX}</td>" for _ in DAYS)}</tr>'
        for h in habits.daily
    )
    tracker = (
        f'<table class="bb-sheet"><caption>Habit tracker for one week: tick each day you kept the habit'
        f'</caption><thead><tr><th scope="col">Area</th><th scope="col">Habit</th>{day_head}</tr></thead>'
        f"<tbody>{day_rows}</tbody></table>"
    )
    return (
        f'<div class="bb-checklists">{workstation}{breaks}{tracker}'
        f'<p class="bb-note">{_e(habits.caveat)}</p></div>'
    )
