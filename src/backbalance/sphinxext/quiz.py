"""The ``quiz`` directive: a chapter's self-check, read from ``data/quizzes/<name>.yml``.

Usage in a MyST chapter::

    ```{quiz} causes
    ```

The directive validates the file with :func:`backbalance.quizzes.data.load_quiz`, renders it with
:func:`backbalance.quizzes.render.render_html` (plain HTML, no JavaScript) and records the file as a
dependency of the page, so editing the quiz rebuilds the chapter. In the instructor edition
(see :mod:`backbalance.sphinxext.editions`) it renders the answer key instead. A problem in the file
becomes a Sphinx warning that names the file and the entry (an error under ``-W``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from backbalance.quizzes.data import load_quiz
from backbalance.quizzes.render import render_html

from .chapter_data import ChapterDataDirective
from .editions import is_instructor


class QuizDirective(ChapterDataDirective):
    """Insert the quiz named by the argument (a chapter file stem such as ``causes``)."""

    folder, what, subtype = "quizzes", "quiz", "quiz"

    def run(self) -> list[nodes.Node]:
        quiz = self.load(load_quiz)
        if quiz is None:
            return []
        return [nodes.raw("", render_html(quiz, answers=is_instructor(self.config)), format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("backbalance.sphinxext.editions")
    app.add_directive("quiz", QuizDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
