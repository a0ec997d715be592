"""Lesson plans: one 45–60 minute class per chapter, read from ``data/lesson_plans/<chapter>.yml``.

A plan holds the class title and goal, what to prepare, optional safety points, timed
activities whose minutes add up to 45–60, and discussion questions with what to listen
for. The instructor edition of the book shows it at the end of the chapter (the
``lesson-plan`` directive in :mod:`backbalance.sphinxext.lessons`); the student edition
never does. In JupyterLab, :func:`show` displays the same HTML.

Examples
--------
>>> from backbalance.lessons.data import show
>>> show("causes")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from backbalance.common.read import NAME_PATTERN, load_yaml

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from IPython.display import HTML

CLASS_MINUTES = (45, 60)
"""A class plan's activities must add up to this many minutes (inclusive)."""
ACTIVITY_MINUTES = (1, 30)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BIBTEX_KEY = r"^[A-Za-z][A-Za-z0-9_:-]*$"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _slug(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError("must be lower-case letters, digits and hyphens, like 'habit-audit'")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Slug = Annotated[str, AfterValidator(_slug)]
Key = Annotated[str, Field(pattern=BIBTEX_KEY)]


def _fail(title: str, loc: tuple[Any, ...], kind: str, message: str, value: Any) -> ValidationError:
    """A validation error that points at one entry and shows the value that is wrong there
    (pydantic merges it into the file's other errors, with the entry's full location)."""
    error = InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=value)
    return ValidationError.from_exception_data(title, [error])


class Activity(BaseModel):
    """One timed step of the class."""

    model_config = ConfigDict(extra="forbid")

    id: Slug
    minutes: Annotated[int, Field(ge=ACTIVITY_MINUTES[0], le=ACTIVITY_MINUTES[1])]
    title: Text
    what: Text
    source: Key | None = None


class DiscussionQuestion(BaseModel):
    """A question for the class and what a good answer touches on."""

    model_config = ConfigDict(extra="forbid")

    question: Text
    listen_for: Text
    source: Key | None = None


class LessonPlan(BaseModel):
    """A chapter's class plan: 45–60 minutes of timed activities, with ids unique in the file."""

    model_config = ConfigDict(extra="forbid")

    title: Text
    goal: Text
    prepare: Annotated[list[Text], Field(min_length=1, max_length=10)]
    safety: Annotated[list[Text], Field(max_length=6)] = []
    activities: Annotated[list[Activity], Field(min_length=2, max_length=12)]
    discussion: Annotated[list[DiscussionQuestion], Field(min_length=1, max_length=6)]

    @model_validator(mode="after")
    def _unique_ids_and_class_length(self) -> LessonPlan:
        seen: dict[str, int] = {}
        for index, activity in enumerate(self.activities):
            if activity.id in seen:
                raise _fail(
                    "LessonPlan",
                    ("activities", index, "id"),
                    "duplicate_id",
                    f"is already used by activities[{seen[activity.id]}]; "
                    "give each activity its own id",
                    activity.id,
                )
            seen[activity.id] = index
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


# --------------------------------------------------------------------------- rendering

_STYLE = """<style>
.bb-lesson-plan{margin:2em 0 1em;padding:1em 1.25em;border:2px dashed #555;border-radius:.5em}
.bb-lesson-plan h2{margin-top:0}
.bb-lesson-plan-meta{font-style:italic}
.bb-lesson-plan table{border-collapse:collapse;width:100%;margin:.5em 0}
.bb-lesson-plan th,.bb-lesson-plan td{border:1px solid #888;padding:.3em .5em;
  text-align:left;vertical-align:top}
.bb-lesson-plan-source{font-size:.9em}
.bb-lesson-plan-discussion li{margin-bottom:.6em}
.bb-lesson-plan-discussion p{margin:.1em 0}
</style>"""

EDITION_NOTE = "Instructor edition only: students do not see this plan."


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _source(key: str | None) -> str:
    if not key:
        return ""
    return (
        ' <span class="bb-lesson-plan-source">'
        f"(Evidence: <code>{_e(key)}</code> in the references.)</span>"
    )


def _items(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


def render_html(plan: LessonPlan, *, style: bool = True) -> str:
    """The plan as self-contained HTML: headings (h2, h3), lists and one timeline table.

    All text from the data file is HTML-escaped; the markup needs no JavaScript and has no
    id attributes. ``style=False`` leaves out the small ``<style>`` block.
    """
    rows = "".join(
        f"<tr><td>{start}\u2013{end} min</td>"
        f'<th scope="row">{_e(activity.title)}</th>'
        f"<td>{_e(activity.what)}{_source(activity.source)}</td></tr>"
        for start, end, activity in plan.schedule()
    )
    questions = "".join(
        f"<li><p>{_e(q.question)}{_source(q.source)}</p>"
        f"<p><strong>Listen for:</strong> {_e(q.listen_for)}</p></li>"
        for q in plan.discussion
    )
    safety = f"<h3>Safety</h3>{_items(plan.safety)}" if plan.safety else ""
    return (
        (_STYLE if style else "")
        + '<section class="bb-lesson-plan" aria-label="Lesson plan">'
        + f"<h2>Lesson plan: {_e(plan.title)}</h2>"
        + f'<p class="bb-lesson-plan-meta">A {plan.minutes}-minute class. {_e(EDITION_NOTE)}</p>'
        + f"<p><strong>Goal:</strong> {_e(plan.goal)}</p>"
        + f"<h3>Prepare</h3>{_items(plan.prepare)}"
        + safety
        + "<h3>Timeline</h3>"
        + '<table class="bb-lesson-plan-timeline">'
        + f"<caption>Activities, {plan.minutes} minutes in all</caption>"
        + '<thead><tr><th scope="col">Time</th><th scope="col">Activity</th>'
        + '<th scope="col">What to do</th></tr></thead>'
        + f"<tbody>{rows}</tbody></table>"
        + f'<h3>Discussion questions</h3><ol class="bb-lesson-plan-discussion">{questions}</ol>'
        + "</section>"
    )


# --------------------------------------------------------------------------- notebooks


def plans_dir(start: Path | None = None) -> Path:
    """The ``data/lesson_plans`` folder: searched upwards from ``start`` (default: the working
    folder), then next to the source checkout."""
    here = Path.cwd() if start is None else Path(start)
    for folder in (here, *here.resolve().parents):
        candidate = folder / "data" / "lesson_plans"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[3] / "data" / "lesson_plans"


def plan_path(name: str, folder: Path | None = None) -> Path:
    """The file that holds the plan for chapter ``name`` (its file stem, e.g. ``causes``)."""
    if not NAME_PATTERN.match(name):
        raise ValueError(
            f"lesson plan name must be a chapter file stem such as 'causes', got {name!r}"
        )
    return (folder if folder is not None else plans_dir()) / f"{name}.yml"


def show(name: str, folder: Path | None = None) -> HTML:
    """Display a chapter's lesson plan in JupyterLab: ``show("causes")``."""
    from IPython.display import HTML

    return HTML(render_html(load_lesson_plan(plan_path(name, folder))))
