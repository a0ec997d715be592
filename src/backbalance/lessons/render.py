"""A lesson plan as HTML, for the instructor edition of the book and for JupyterLab.

The markup comes from ``templates/lesson-plan.html.j2`` and the styles from
``static/lesson-plan.css``: the book adds that file to the page (the ``lesson-plan``
directive renders a plan in the instructor edition only), and :func:`show` puts it inline
for a notebook.

Examples
--------
>>> html = render_html(Course.find().lesson_plan("causes"))
>>> html.startswith('<section class="bb-lesson-plan"')
True
>>> show("causes")  # doctest: +ELLIPSIS
<IPython.core.display.HTML object>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backbalance.common import html
from backbalance.course import Course
from backbalance.lessons.data import LessonPlan

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from IPython.display import HTML

CSS = "lesson-plan.css"
"""The stylesheet in ``backbalance/static/`` that a lesson plan needs."""

EDITION_NOTE = "Instructor edition only: students do not see this plan."


def render_html(plan: LessonPlan) -> str:
    """The plan as HTML: headings (h2, h3), lists and one timeline table.

    All text from the data file is HTML-escaped; the markup needs no JavaScript and has no
    id attributes.
    """
    return html.render("lesson-plan.html.j2", plan=plan, note=EDITION_NOTE)


def show(name: str, *, course: Course | None = None) -> HTML:
    """Display a chapter's lesson plan in JupyterLab: ``show("causes")``. The plan file is
    found through :meth:`Course.find() <backbalance.course.Course.find>` unless ``course``
    is given."""
    return html.show(render_html((course or Course.find()).lesson_plan(name)), CSS)
