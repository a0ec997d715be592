"""The ``quiz`` directive: a chapter's self-check, read from ``data/quizzes/<name>.yml``.

Usage in a MyST chapter::

    ```{quiz} causes
    ```

The directive validates the file with :func:`backbalance.quizzes.data.load_quiz` and puts a
:class:`~backbalance.sphinxext.nodes.QuizNode` in the page: a form that works without
JavaScript and that ``quiz.js`` turns into Check buttons and a score. In the instructor
edition (see :mod:`backbalance.sphinxext.editions`) the node shows the answer key instead.
A review quiz (``review:``) also depends on the chapter quizzes it draws from, so editing a
question rebuilds both pages. A typo in the name is a warning that names the missing file
and the closest quiz there is.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from backbalance.quizzes.data import load_quiz

from .directives import DataDirective
from .editions import is_instructor
from .nodes import QuizNode


class QuizDirective(DataDirective):
    """Insert the quiz named by the argument (a chapter file stem such as ``causes``)."""

    required_arguments = 1
    subtype = "quiz"

    def run(self) -> list[nodes.Node]:
        what = f"quiz {self.arguments[0].strip()!r}"
        name = self.name_argument(what, "quizzes", "causes")
        if name is None or self.read(what, self.course) is None:
            return []
        quiz = self.read_named(what, self.depend("quizzes", f"{name}.yml"), load_quiz)
        if quiz is None:
            return []
        for path in quiz.files[1:]:
            self.env.note_dependency(str(path))
        answers = is_instructor(self.config)
        return [QuizNode.make(quiz=quiz, answers=answers)]


def setup_quiz(app: Sphinx) -> None:
    app.add_directive("quiz", QuizDirective)
