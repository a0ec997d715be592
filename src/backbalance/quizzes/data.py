"""Self-check quizzes: the schema of ``data/quizzes/<chapter>.yml`` and its loader.

A quiz has 3–6 questions; each question has 2–6 options, at least one of them right, and
every option says why it is right or not. :mod:`backbalance.quizzes.render` turns a quiz
into HTML.

Examples
--------
>>> from backbalance.course import Course
>>> quiz = Course.find().quiz("causes")
>>> MIN_QUESTIONS <= len(quiz.questions) <= MAX_QUESTIONS
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ConfigDict, field_validator

from backbalance.common.read import load_yaml
from backbalance.common.types import BibKey, Frozen, Slug, Text, require_unique

MIN_QUESTIONS, MAX_QUESTIONS = 3, 6
MIN_OPTIONS, MAX_OPTIONS = 2, 6


class Option(Frozen):
    """One answer a reader can open: its text, whether it is right, and why."""

    model_config = ConfigDict(strict=True)

    text: Text
    correct: bool
    feedback: Text


class Question(Frozen):
    """One question: a prompt and 2–6 options, at least one of them correct."""

    id: Slug
    prompt: Text
    options: list[Option]
    source: BibKey | None = None

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


class Quiz(Frozen):
    """A chapter's self-check: 3–6 questions with unique ids."""

    questions: list[Question]

    @field_validator("questions")
    @classmethod
    def _questions_make_a_quiz(cls, questions: list[Question]) -> list[Question]:
        if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
            raise ValueError(
                f"a quiz needs {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, found {len(questions)}"
            )
        require_unique((question.id for question in questions), "question id")
        return questions

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for every question that names a source."""
        for index, question in enumerate(self.questions):
            if question.source:
                yield f"questions[{index}].source ({question.id})", question.source


def load_quiz(path: Path) -> Quiz:
    """Read and validate one quiz file; raises :class:`~backbalance.common.read.DataError`."""
    return load_yaml(Path(path), Quiz)
