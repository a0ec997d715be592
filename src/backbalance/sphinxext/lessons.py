"""The ``lesson-plan`` directive: a chapter's class plan, in the instructor edition only.

Usage at the end of a MyST chapter::

    ```{lesson-plan} causes
    ```

In both editions the directive validates ``data/lesson_plans/<name>.yml`` with
:func:`backbalance.lessons.data.load_lesson_plan` and records it as a dependency of the page, so
a broken plan is a warning (an error under ``-W``) whichever edition is built. Only the
instructor edition (see :mod:`backbalance.sphinxext.editions`) renders it, with
:func:`backbalance.lessons.render.render_html`; the student edition gets nothing at all.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from backbalance.lessons.data import load_lesson_plan
from backbalance.lessons.render import render_html

from .chapter_data import ChapterDataDirective
from .editions import is_instructor


class LessonPlanDirective(ChapterDataDirective):
    """Insert the lesson plan named by the argument (a chapter file stem such as ``causes``)."""

    folder, what, subtype = "lesson_plans", "lesson plan", "lesson-plan"

    def run(self) -> list[nodes.Node]:
        plan = self.load(load_lesson_plan)
        if plan is None or not is_instructor(self.config):
            return []
        return [nodes.raw("", render_html(plan), format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    # Set up by backbalance.sphinxext.editions, which decides the edition.
    app.add_directive("lesson-plan", LessonPlanDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
