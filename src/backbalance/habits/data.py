"""The daily-habit tools' data file: ``data/habits.yml``, read and validated by :func:`load_habits`.

It holds the workstation checklist, the microbreak planner's limits and activities and the
weekly habit tracker, each entry with its provenance and its level on the course's evidence
scale (:mod:`backbalance.common.evidence`), and the caveats shown with every
suggestion: no trial has shown that microbreaks, or any of these habits, prevent back pain.

Examples
--------
>>> from backbalance.course import Course
>>> habits = load_habits(Course.find().path("habits.yml"))
>>> habits.microbreaks.interval_minutes.min <= habits.microbreaks.interval_minutes.default
True
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from backbalance.common.evidence import Graded
from backbalance.common.read import load_yaml
from backbalance.common.types import BibKey, Frozen, Slug, Text, require_unique


def _unique_ids(what: str) -> AfterValidator:
    """A check that the entries of a list have different ``id`` values."""

    def check(entries: Sequence[Any]) -> Sequence[Any]:
        require_unique((entry.id for entry in entries), what)
        return entries

    return AfterValidator(check)


class ChecklistItem(Graded):
    """One statement of the workstation checklist, and what to change if it is not true."""

    id: Slug
    check: Text
    suggestion: Text


class Workstation(Frozen):
    """The workstation checklist."""

    items: Annotated[
        tuple[ChecklistItem, ...],
        Field(min_length=1, max_length=20),
        _unique_ids("workstation item id"),
    ]


class Interval(Graded):
    """The microbreak interval a learner may choose, in minutes, and where the default comes from."""

    min: Annotated[int, Field(ge=10, le=240)]
    max: Annotated[int, Field(ge=10, le=240)]
    default: Annotated[int, Field(ge=10, le=240)]

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if not self.min <= self.default <= self.max:
            raise ValueError("must have min <= default <= max")
        return self


class BreakLength(Graded):
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
    activities: Annotated[
        tuple[Activity, ...], Field(min_length=1, max_length=20), _unique_ids("activity id")
    ]
    caveat: Text
    sources: Annotated[tuple[BibKey, ...], Field(min_length=1)]


class DailyHabit(Graded):
    """One habit of the weekly tracker."""

    id: Slug
    area: Text
    habit: Text


class Habits(Frozen):
    """``data/habits.yml``."""

    caveat: Text
    workstation: Workstation
    microbreaks: Microbreaks
    daily: Annotated[
        tuple[DailyHabit, ...], Field(min_length=1, max_length=12), _unique_ids("daily habit id")
    ]

    def citations(self) -> Iterator[tuple[str, str]]:
        """Yield ``(entry, bibtex_key)`` for every source the file names."""
        for index, item in enumerate(self.workstation.items):
            if item.source:
                yield f"workstation.items[{index}].source", item.source
        for name in ("interval_minutes", "minutes"):
            if key := getattr(self.microbreaks, name).source:
                yield f"microbreaks.{name}.source", key
        for index, key in enumerate(self.microbreaks.sources):
            yield f"microbreaks.sources[{index}]", key
        for index, habit in enumerate(self.daily):
            if habit.source:
                yield f"daily[{index}].source", habit.source


def load_habits(path: Path | str) -> Habits:
    """Read and validate ``data/habits.yml``.

    Raises
    ------
    backbalance.common.read.DataError
        One problem per invalid entry, naming the file and the entry, for example
        ``data/habits.yml, daily: daily habit id 'carry' is used more than once; ids must be
        unique``.
    """
    return load_yaml(Path(path), Habits)
