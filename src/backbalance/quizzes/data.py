"""Self-check quizzes: load them from ``data/quizzes/<chapter>.yml`` and render them as HTML.

One renderer serves both the static book (through the ``quiz`` Sphinx directive in
:mod:`backbalance.sphinxext.quiz`) and JupyterLab (through :func:`show`). The HTML needs
no JavaScript and no kernel: each answer is a ``<details>`` element, so a reader picks an
answer by opening it, with the mouse or the keyboard, and reads why it is right or not.

Examples
--------
>>> from backbalance.quizzes.data import show
>>> show("causes")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, field_validator

from backbalance.common.read import NAME_PATTERN, load_yaml

if TYPE_CHECKING:  # pragma: no cover - only for type checkers
    from IPython.display import HTML

MIN_QUESTIONS, MAX_QUESTIONS = 3, 6
MIN_OPTIONS, MAX_OPTIONS = 2, 6
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LETTERS = "ABCDEF"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


class Option(BaseModel):
    """One answer a reader can open: its text, whether it is right, and why."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str
    correct: bool
    feedback: str

    @field_validator("text", "feedback")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        return _not_blank(value)


class Question(BaseModel):
    """One question: a prompt and 2–6 options, at least one of them correct."""

    model_config = ConfigDict(extra="forbid")

    id: str
    prompt: str
    options: list[Option]
    source: str | None = None

    @field_validator("prompt")
    @classmethod
    def _prompt_not_blank(cls, value: str) -> str:
        return _not_blank(value)

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(
                "must be lower-case letters, digits and hyphens, like 'one-sided-habits'"
            )
        return value

    @field_validator("source")
    @classmethod
    def _source_is_a_key(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must be a BibTeX key from references.bib, or left out")
        return value

    @field_validator("options")
    @classmethod
    def _options_make_a_question(cls, options: list[Option]) -> list[Option]:
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            raise ValueError(
                f"a question needs {MIN_OPTIONS} to {MAX_OPTIONS} options, found {len(options)}"
            )
        if not any(option.correct for option in options):
            raise ValueError("no option is marked 'correct: true'; mark at least one right answer")
        texts = [option.text.casefold() for option in options]
        repeated = sorted({text for text in texts if texts.count(text) > 1})
        if repeated:
            raise ValueError(f"two options have the same text ({repeated[0]!r})")
        return options

    @property
    def several_correct(self) -> bool:
        """True when more than one option is right (the reader is told so)."""
        return sum(option.correct for option in self.options) > 1


class Quiz(BaseModel):
    """A chapter's self-check: 3–6 questions with unique ids."""

    model_config = ConfigDict(extra="forbid")

    questions: list[Question]

    @field_validator("questions")
    @classmethod
    def _questions_make_a_quiz(cls, questions: list[Question]) -> list[Question]:
        if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
            raise ValueError(
                f"a quiz needs {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, found {len(questions)}"
            )
        ids = [question.id for question in questions]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(
                f"question id {repeated[0]!r} is used more than once; ids must be unique"
            )
        return questions

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for every question that names a source."""
        for index, question in enumerate(self.questions):
            if question.source:
                yield f"questions[{index}].source ({question.id})", question.source


def load_quiz(path: Path) -> Quiz:
    """Read and validate one quiz file; raises :class:`~backbalance.common.read.DataError`."""
    return load_yaml(Path(path), Quiz)


# --------------------------------------------------------------------------- rendering

_STYLE = """<style>
.bb-quiz{margin:1.5em 0;padding:1em 1.25em;border:1px solid #888;border-radius:.5em}
.bb-quiz-intro{margin-top:0;font-style:italic}
.bb-quiz-questions{padding-left:1.5em}
.bb-quiz-question{margin-bottom:1.25em}
.bb-quiz-prompt{font-weight:600;margin-bottom:.25em}
.bb-quiz-options{list-style:none;padding-left:0;margin:.25em 0}
.bb-quiz-options li{margin:.3em 0}
.bb-quiz details{border:1px solid #aaa;border-radius:.35em;padding:.3em .6em}
.bb-quiz details[open]{border-width:2px}
.bb-quiz summary{cursor:pointer}
.bb-quiz summary:focus-visible{outline:3px solid #0072B2;outline-offset:2px}
.bb-quiz-feedback{margin:.4em 0 .1em}
</style>"""
_KEY_STYLE = """<style>
.bb-quiz-key .bb-quiz-options li{border:1px solid #aaa;border-radius:.35em;padding:.3em .6em}
.bb-quiz-key .bb-quiz-options li[data-correct="true"]{border:3px double #0072B2}
.bb-quiz-key-answer{margin:0}
.bb-quiz-key-mark{font-weight:600;white-space:nowrap}
</style>"""

INTRO = "Pick an answer by opening it. It tells you whether it is right, and why. Try each one."
SEVERAL = "More than one answer is right."
KEY_INTRO = (
    "Answer key (instructor edition). Each right answer is marked \u2713 Right answer. "
    "The feedback a student sees is shown under every option."
)
KEY_MARK = "\u2713 Right answer"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _option_html(letter: str, option: Option) -> str:
    verdict = "Correct." if option.correct else "Not quite."
    kind = "correct" if option.correct else "incorrect"
    return (
        f'<li><details class="bb-quiz-option" data-correct="{str(option.correct).lower()}">'
        f"<summary>{letter}. {_e(option.text)}</summary>"
        f'<p class="bb-quiz-feedback bb-quiz-{kind}">'
        f"<strong>{verdict}</strong> {_e(option.feedback)}</p>"
        "</details></li>"
    )


def _key_option_html(letter: str, option: Option) -> str:
    """One option of the answer key: the option, a worded mark if it is right, its feedback."""
    verdict = "Correct." if option.correct else "Not quite."
    kind = "correct" if option.correct else "incorrect"
    mark = f' <span class="bb-quiz-key-mark">({KEY_MARK})</span>' if option.correct else ""
    return (
        f'<li data-correct="{str(option.correct).lower()}">'
        f'<p class="bb-quiz-key-answer">{letter}. {_e(option.text)}{mark}</p>'
        f'<p class="bb-quiz-feedback bb-quiz-{kind}">'
        f"<strong>{verdict}</strong> {_e(option.feedback)}</p>"
        "</li>"
    )


def _question_html(question: Question, answers: bool = False) -> str:
    hint = f' <span class="bb-quiz-several">({SEVERAL})</span>' if question.several_correct else ""
    render = _key_option_html if answers else _option_html
    options = "".join(
        render(letter, option) for letter, option in zip(LETTERS, question.options, strict=False)
    )
    return (
        f'<li class="bb-quiz-question" data-question="{_e(question.id)}">'
        f'<p class="bb-quiz-prompt">{_e(question.prompt)}{hint}</p>'
        f'<ul class="bb-quiz-options">{options}</ul>'
        "</li>"
    )


def render_html(quiz: Quiz, *, style: bool = True, answers: bool = False) -> str:
    """The quiz as self-contained HTML that works with no JavaScript.

    Each question is a list item with the prompt as a paragraph and each option as a
    ``<details>``/``<summary>`` pair: opening an option reveals "Correct." or "Not quite."
    and the feedback. The verdict is written in words, never shown by colour alone. All
    text from the data file is HTML-escaped. ``style=False`` leaves out the small
    ``<style>`` block (for hosts that style ``.bb-quiz`` themselves).

    ``answers=True`` renders the answer key for the instructor edition instead: nothing is
    hidden, every right option carries the words "Right answer" (and a double border), and
    the feedback of every option is shown under it.
    """
    questions = "".join(_question_html(question, answers) for question in quiz.questions)
    return (
        (_STYLE + (_KEY_STYLE if answers else "") if style else "")
        + ('<div class="bb-quiz bb-quiz-key">' if answers else '<div class="bb-quiz">')
        + f'<p class="bb-quiz-intro">{_e(KEY_INTRO if answers else INTRO)}</p>'
        + f'<ol class="bb-quiz-questions">{questions}</ol>'
        + "</div>"
    )


# --------------------------------------------------------------------------- notebooks


def quizzes_dir(start: Path | None = None) -> Path:
    """The ``data/quizzes`` folder: searched upwards from ``start`` (default: the working
    folder, so it works from ``notebooks/``), then next to the source checkout."""
    here = Path.cwd() if start is None else Path(start)
    for folder in (here, *here.resolve().parents):
        candidate = folder / "data" / "quizzes"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[3] / "data" / "quizzes"


def quiz_path(name: str, folder: Path | None = None) -> Path:
    """The file that holds the quiz called ``name`` (a chapter's file stem, e.g. ``causes``)."""
    if not NAME_PATTERN.match(name):
        raise ValueError(f"quiz name must be a chapter file stem such as 'causes', got {name!r}")
    return (folder if folder is not None else quizzes_dir()) / f"{name}.yml"


def show(name: str, folder: Path | None = None, *, answers: bool = False) -> HTML:
    """Display a chapter's quiz in JupyterLab: ``show("causes")``; ``answers=True`` shows
    the answer key instead (for instructors)."""
    from IPython.display import HTML

    return HTML(render_html(load_quiz(quiz_path(name, folder)), answers=answers))
