"""A quiz as HTML, for the static book and for JupyterLab alike.

The HTML needs no JavaScript and no kernel: each answer is a ``<details>`` element, so a
reader picks an answer by opening it, with the mouse or the keyboard, and reads why it is
right or not. The markup comes from ``templates/quiz.html.j2`` (``quiz-key.html.j2`` for the
instructor's answer key) and the styles from ``static/quiz.css``: the book adds that file to
the page, and :func:`show` puts it inline for a notebook.

Examples
--------
>>> html = render_html(Course.find().quiz("causes"))
>>> html.startswith('<div class="bb-quiz">') and "<details" in html
True
>>> show("causes")  # doctest: +ELLIPSIS
<IPython.core.display.HTML object>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backbalance.common import html
from backbalance.course import Course
from backbalance.quizzes.data import Quiz

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from IPython.display import HTML

CSS = "quiz.css"
"""The stylesheet in ``backbalance/static/`` that every quiz on a page needs."""

LETTERS = "ABCDEF"
INTRO = "Pick an answer by opening it. It tells you whether it is right, and why. Try each one."
SEVERAL = "More than one answer is right."
KEY_INTRO = (
    "Answer key (instructor edition). Each right answer is marked \u2713 Right answer. "
    "The feedback a student sees is shown under every option."
)
KEY_MARK = "\u2713 Right answer"


def render_html(quiz: Quiz, *, answers: bool = False) -> str:
    """The quiz as HTML that works with no JavaScript.

    Each question is a list item with the prompt as a paragraph and each option as a
    ``<details>``/``<summary>`` pair: opening an option reveals "Correct." or "Not quite."
    and the feedback. The verdict is written in words, never shown by colour alone. All
    text from the data file is HTML-escaped.

    ``answers=True`` renders the answer key for the instructor edition instead: nothing is
    hidden, every right option carries the words "Right answer" (and a double border), and
    the feedback of every option is shown under it.
    """
    return html.render(
        "quiz-key.html.j2" if answers else "quiz.html.j2",
        quiz=quiz,
        letters=LETTERS,
        intro=KEY_INTRO if answers else INTRO,
        several=SEVERAL,
        mark=KEY_MARK,
    )


def show(name: str, *, answers: bool = False, course: Course | None = None) -> HTML:
    """Display a chapter's quiz in JupyterLab: ``show("causes")``; ``answers=True`` shows
    the answer key instead (for instructors). The quiz file is found through
    :meth:`Course.find() <backbalance.course.Course.find>` unless ``course`` is given."""
    quiz = (course or Course.find()).quiz(name)
    return html.show(render_html(quiz, answers=answers), CSS)
