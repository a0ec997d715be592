"""The ``quiz`` directive: a chapter's self-check, read from ``data/quizzes/<name>.yml``.

Usage in a MyST chapter::

    ```{quiz} causes
    ```

The directive validates the file with :func:`backbalance.quiz.load_quiz`, renders it with
:func:`backbalance.quiz.render_html` (plain HTML, no JavaScript) and records the file as a
dependency of the page, so editing the quiz rebuilds the chapter. In the instructor edition
(see :mod:`backbalance.sphinxext.editions`) it renders the answer key instead. A problem in the file
becomes a Sphinx warning that names the file and the entry (an error under ``-W``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..content import DataError
from ..quiz import NAME_PATTERN, load_quiz, render_html
from .editions import is_instructor

logger = logging.getLogger(__name__)


class QuizDirective(SphinxDirective):
    """Insert the quiz named by the argument (a chapter file stem such as ``causes``)."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        if not NAME_PATTERN.match(name):
            logger.warning(
                "quiz name must be a file stem such as 'causes', got %r", name,
                location=self.get_location(), type="backbalance", subtype="quiz",
            )
            return []
        path = Path(self.env.srcdir) / "data" / "quizzes" / f"{name}.yml"
        self.env.note_dependency(str(path))
        try:
            quiz = load_quiz(path)
        except DataError as err:
            for problem in err.problems:
                logger.warning(
                    "quiz %r: %s", name, problem,
                    location=self.get_location(), type="backbalance", subtype="quiz",
                )
            return []
        return [nodes.raw("", render_html(quiz, answers=is_instructor(self.config)), format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("backbalance.sphinxext.editions")
    app.add_directive("quiz", QuizDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
