"""The ``lesson-plan`` directive: a chapter's class plan, in the instructor edition only.

Usage at the end of a MyST chapter::

    ```{lesson-plan} causes
    ```

In both editions the directive validates ``data/lesson_plans/<name>.yml`` with
:func:`backbalance.lessons.data.load_lesson_plan` and records it as a dependency of the page, so
a broken plan is a warning (an error under ``-W``) whichever edition is built. Only the
instructor edition (see :mod:`backbalance.sphinxext.editions`) gets a
:class:`~backbalance.sphinxext.nodes.LessonPlanNode`; the student edition gets nothing at all.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from backbalance.lessons.data import load_lesson_plan

from .directives import DataDirective
from .editions import is_instructor
from .nodes import LessonPlanNode


class LessonPlanDirective(DataDirective):
    """Insert the lesson plan named by the argument (a chapter file stem such as ``causes``)."""

    required_arguments = 1
    subtype = "lesson-plan"

    def run(self) -> list[nodes.Node]:
        what = f"lesson plan {self.arguments[0].strip()!r}"
        name = self.name_argument(what, "lesson_plans", "causes")
        if name is None or self.read(what, self.course) is None:
            return []
        path = self.depend("lesson_plans", f"{name}.yml")
        plan = self.read_named(what, path, load_lesson_plan)
        if plan is None or not is_instructor(self.config):
            return []
        return [LessonPlanNode.make(plan=plan)]


def setup_lessons(app: Sphinx) -> None:
    app.add_directive("lesson-plan", LessonPlanDirective)
