"""A quiz as HTML, for the static book: choose, then check, then read why.

The student's quiz (``templates/quiz.html.j2``) is a form: each question is a group of radio
buttons, followed by a ``<details>`` "Show the answer" that holds the right answer and why
every option is right or not. That works with no JavaScript, with the mouse or the
keyboard. With JavaScript (``static/quiz.js``) the disclosures give way to a Check button
per question: the reader's choice is locked, the verdict and the feedback appear, and a
score line counts the right answers. The script only interprets this markup; every word it
shows is written into the form's ``data-*`` attributes here (:data:`WORDS`).

The instructor's answer key (``quiz-key.html.j2``) shows every option with the right one
marked in words and every feedback. ``static/quiz.css`` prints the student's quiz as a
question sheet without answers and the key with its answers.

Examples
--------
>>> html = render_html(Course.find().quiz("causes"))
>>> html.startswith('<form class="bb-quiz"') and 'type="radio"' in html
True
"""

from __future__ import annotations

from backbalance.common import html
from backbalance.course import Course
from backbalance.quizzes.data import LETTERS, Quiz

CSS = "quiz.css"
"""The stylesheet in ``backbalance/static/`` that every quiz on a page needs."""
JS = "quiz.js"
"""The script in ``backbalance/static/`` that turns the disclosures into Check buttons."""

INTRO = (
    "Choose one answer for each question first. Then open \u201cShow the answer\u201d to see "
    "whether you were right, and why."
)
SHEET_INTRO = "Choose one answer for each question."
KEY_INTRO = (
    "Answer key (instructor edition). Each right answer is marked \u2713 Right answer. "
    "The feedback a student sees is shown under every option."
)
KEY_MARK = "\u2713 Right answer"
SHOW_ANSWER = "Show the answer"
RIGHT_ANSWER = "Right answer: {letter}."
VERDICTS = {True: "Correct.", False: "Not quite."}
SCENARIO = "Apply it"
"""The label of a scenario question (a situation where the reader applies the chapter)."""

WORDS = {
    "intro": (
        "Choose one answer for each question, then press Check. You will see whether you "
        "were right, and why, and your score."
    ),
    "check": "Check",
    "choose": "Choose an answer first, then press Check.",
    "right": "Correct. You chose {letter}.",
    "wrong": "Not quite. You chose {letter}; the right answer is {answer}.",
    "score": "Score: {right} right of {checked} checked ({total} questions).",
    "done": "You got {right} of {total} right. Read the feedback of any you missed.",
    "again": "Start the quiz again",
}
"""What the script says, with ``{placeholders}`` it fills in; also what the notebook app says."""


def score_text(right: int, checked: int, total: int) -> str:
    """The score line after ``checked`` of ``total`` questions, ``right`` of them right.

    >>> score_text(2, 3, 5)
    'Score: 2 right of 3 checked (5 questions).'
    >>> score_text(4, 5, 5)
    'You got 4 of 5 right. Read the feedback of any you missed.'
    """
    template = WORDS["done"] if checked == total else WORDS["score"]
    return template.format(right=right, checked=checked, total=total)


def source_text(question) -> str:
    """Where a question's answer comes from, as the reader sees it."""
    if question.source:
        return f"Source: {question.source} (see References)."
    return f"Course choice: {question.assumption}"


def render_html(quiz: Quiz, *, answers: bool = False, sheet: bool = False) -> str:
    """The quiz as HTML that works with no JavaScript; ``answers=True`` gives the answer key,
    ``sheet=True`` the questions alone (what a builder other than HTML shows to students).

    All text from the data files is HTML-escaped; verdicts are written in words, never shown
    by colour alone. Radio groups are named by the question's key inside the quiz's own
    ``<form>``, so two quizzes on one page never share a group, and no element has an id.
    """
    return html.render(
        "quiz-key.html.j2" if answers else "quiz.html.j2",
        quiz=quiz,
        letters=LETTERS,
        intro=KEY_INTRO if answers else SHEET_INTRO if sheet else INTRO,
        mark=KEY_MARK,
        show_answer=SHOW_ANSWER,
        right_answer=RIGHT_ANSWER,
        verdicts=VERDICTS,
        scenario=SCENARIO,
        words=WORDS,
        source_text=source_text,
        sheet=sheet,
    )


def show(name: str, *, answers: bool = False, course: Course | None = None):
    """A chapter's quiz in JupyterLab: ``show("causes")`` is the interactive quiz (choose,
    Check, score) as ipywidgets; ``answers=True`` shows the answer key instead (for
    instructors). The file is found through :meth:`Course.find()
    <backbalance.course.Course.find>` unless ``course`` is given."""
    quiz = (course or Course.find()).quiz(name)
    if answers:
        return html.show(render_html(quiz, answers=True), CSS)
    from backbalance.quizzes.app import QuizApp

    return QuizApp(quiz).widget
