"""Lesson plans: the schema of ``data/lesson_plans/<chapter>.yml`` and its loader.

A plan is one 45–60 minute class per chapter: the class title and goal, what to prepare,
optional safety points, timed activities whose minutes add up to 45–60, and discussion
questions with what to listen for. An activity may list its timed ``steps`` (for example
each hold and each rest of a testing station, with how many times it runs); they must fit in
the activity's minutes, so that a plan never asks for more than the class has. :mod:`backbalance.lessons.render` turns a plan into HTML.

Examples
--------
>>> from backbalance.course import Course
>>> plan = Course.find().lesson_plan("causes")
>>> CLASS_MINUTES[0] <= plan.minutes <= CLASS_MINUTES[1]
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from backbalance.common.read import load_yaml
from backbalance.common.types import BibKey, Frozen, Slug, Text, require_unique

CLASS_MINUTES = (45, 60)
"""A class plan's activities must add up to this many minutes (inclusive)."""
ACTIVITY_MINUTES = (1, 30)


def _fail(title: str, loc: tuple[Any, ...], kind: str, message: str, value: Any) -> ValidationError:
    """A validation error that points at one entry and shows the value that is wrong there
    (pydantic merges it into the file's other errors, with the entry's full location)."""
    error = InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=value)
    return ValidationError.from_exception_data(title, [error])


class Step(Frozen):
    """One timed part of an activity, run ``times`` times in a row (each partner, each side)."""

    what: Text
    minutes: Annotated[float, Field(gt=0, le=ACTIVITY_MINUTES[1])]
    times: Annotated[int, Field(ge=1, le=10)] = 1

    @property
    def total(self) -> float:
        return self.minutes * self.times


class Activity(Frozen):
    """One timed step of the class, and optionally the timed parts it is made of."""

    id: Slug
    minutes: Annotated[int, Field(ge=ACTIVITY_MINUTES[0], le=ACTIVITY_MINUTES[1])]
    title: Text
    what: Text
    steps: Annotated[list[Step], Field(default_factory=list, max_length=12)]
    source: BibKey | None = None

    @model_validator(mode="after")
    def _steps_fit(self) -> Activity:
        needed = sum(step.total for step in self.steps)
        if needed > self.minutes:
            raise _fail(
                "Activity",
                ("steps",),
                "steps_too_long",
                f"the steps take {needed:g} minutes but the activity has {self.minutes}; "
                "give it more minutes, shorten the steps, or split it across two classes",
                int(needed) if float(needed).is_integer() else needed,
            )
        return self


class DiscussionQuestion(Frozen):
    """A question for the class and what a good answer touches on."""

    question: Text
    listen_for: Text
    source: BibKey | None = None


class LessonPlan(Frozen):
    """A chapter's class plan: 45–60 minutes of timed activities, with ids unique in the file."""

    title: Text
    goal: Text
    prepare: Annotated[list[Text], Field(min_length=1, max_length=10)]
    safety: Annotated[list[Text], Field(default_factory=list, max_length=6)]
    activities: Annotated[list[Activity], Field(min_length=2, max_length=12)]
    discussion: Annotated[list[DiscussionQuestion], Field(min_length=1, max_length=6)]

    @field_validator("activities")
    @classmethod
    def _unique_ids(cls, activities: list[Activity]) -> list[Activity]:
        require_unique((activity.id for activity in activities), "activity id")
        return activities

    @model_validator(mode="after")
    def _class_length(self) -> LessonPlan:
        low, high = CLASS_MINUTES
        if not low <= self.minutes <= high:
            raise _fail(
                "LessonPlan",
                ("activities",),
                "class_length",
                f"the minutes must add up to {low}\u2013{high} for one class",
                self.minutes,
            )
        return self

    @property
    def minutes(self) -> int:
        """How long the class takes: the sum of the activities' minutes."""
        return sum(activity.minutes for activity in self.activities)

    def schedule(self) -> list[tuple[int, int, Activity]]:
        """``(start, end, activity)`` in minutes from the start of the class."""
        rows, start = [], 0
        for activity in self.activities:
            rows.append((start, start + activity.minutes, activity))
            start += activity.minutes
        return rows

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for every activity and question that names a source."""
        for index, activity in enumerate(self.activities):
            if activity.source:
                yield f"activities[{index}].source ({activity.id})", activity.source
        for index, question in enumerate(self.discussion):
            if question.source:
                yield f"discussion[{index}].source", question.source


def load_lesson_plan(path: Path) -> LessonPlan:
    """Read and validate one lesson plan; raises :class:`~backbalance.common.read.DataError`."""
    return load_yaml(Path(path), LessonPlan)
