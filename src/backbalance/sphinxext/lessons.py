"""The ``lesson-plan`` directive: a chapter's class plan, in the instructor edition only.

Usage at the end of a MyST chapter::

    ```{lesson-plan} causes
    ```

In both editions the directive validates ``data/lesson_plans/<name>.yml`` with
:func:`backbalance.lessons.load_lesson_plan` and records it as a dependency of the page, so
a broken plan is a warning (an error under ``-W``) whichever edition is built. Only the
instructor edition (see :mod:`backbalance.sphinxext.editions`) renders it, with
:func:`backbalance.lessons.render_html`; the student edition gets nothing at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..content import DataError
from ..lessons import NAME_PATTERN, load_lesson_plan, render_html
from .editions import is_instructor

logger = logging.getLogger(__name__)


class LessonPlanDirective(SphinxDirective):
    """Insert the lesson plan named by the argument (a chapter file stem such as ``causes``)."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        where = {"location": self.get_location(), "type": "backbalance", "subtype": "lesson-plan"}
        if not NAME_PATTERN.match(name):
            logger.warning("lesson plan name must be a file stem such as 'causes', got %r", name, **where)
            return []
        path = Path(self.env.srcdir) / "data" / "lesson_plans" / f"{name}.yml"
        self.env.note_dependency(str(path))
        try:
            plan = load_lesson_plan(path)
        except DataError as err:
            for problem in err.problems:
                logger.warning("lesson plan %r: %s", name, problem, **where)
            return []
        if not is_instructor(self.config):
            return []
        return [nodes.raw("", render_html(plan), format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    # Set up by backbalance.sphinxext.editions, which decides the edition.
    app.add_directive("lesson-plan", LessonPlanDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
