"""Self-check quizzes: the schema of ``data/quizzes/<name>.yml``, its loader and the course rules.

A file is either a **chapter quiz** (``questions:``, 3–6 of them, at least
:data:`MIN_SCENARIOS` of kind ``scenario``) or a **review quiz** (``review:``, a list of
questions of the chapter quizzes named by chapter and id, so that a question is written
once). Every question has 3–6 options with exactly one right answer, every option says why
it is right or not, and every question names its ``source:`` (a BibTeX key) or says why it
is the course's ``assumption:``. Across the course, no answer letter may hold more than
:data:`MAX_LETTER_SHARE` of the right answers (:func:`course_problems`), so that "always A"
is never a winning guess. :mod:`backbalance.quizzes.render` turns a quiz into HTML.

Examples
--------
>>> from backbalance.course import Course
>>> quiz = Course.find().quiz("causes")
>>> MIN_QUESTIONS <= len(quiz.items) <= MAX_QUESTIONS
True
>>> course_problems(Course.find().path("quizzes"))
[]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from backbalance.common.read import DataError, Problem, display_path, load_yaml
from backbalance.common.types import Frozen, Slug, Sourced, Text, require_unique

MIN_QUESTIONS, MAX_QUESTIONS = 3, 6
"""How many questions a chapter quiz has."""
MIN_OPTIONS, MAX_OPTIONS = 3, 6
"""How many options a question has: with three or more, a guess is right at most one time in three."""
MIN_SCENARIOS = 2
"""How many questions of a chapter quiz ask the reader to apply the chapter to a situation."""
MAX_REVIEW = 15
"""The most questions a review quiz draws from the chapters."""
MAX_LETTER_SHARE = 0.4
"""The largest share of the course's right answers that one letter (A, B, ...) may hold."""
LETTERS = "ABCDEF"

Kind = Literal["recall", "scenario"]


class Option(Frozen):
    """One answer a reader can choose: its text, whether it is right, and why."""

    model_config = ConfigDict(strict=True)

    text: Text
    correct: bool
    feedback: Text


class Question(Sourced):
    """One question: a prompt and 3–6 options, exactly one of them right; ``kind`` says
    whether it asks to recall a fact or to apply it to a situation (``scenario``)."""

    id: Slug
    kind: Kind
    prompt: Text
    options: list[Option]

    @field_validator("options")
    @classmethod
    def _options_make_a_question(cls, options: list[Option]) -> list[Option]:
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            raise ValueError(
                f"a question needs {MIN_OPTIONS} to {MAX_OPTIONS} options, found {len(options)}; "
                "add wrong answers drawn from real misconceptions"
            )
        right = sum(option.correct for option in options)
        if right != 1:
            raise ValueError(f"exactly one option must have 'correct: true', found {right}")
        texts = [option.text.casefold() for option in options]
        repeated = sorted({text for text in texts if texts.count(text) > 1})
        if repeated:
            raise ValueError(f"two options have the same text ({repeated[0]!r})")
        return options

    @property
    def answer(self) -> int:
        """The position (from 0) of the right option."""
        return next(i for i, option in enumerate(self.options) if option.correct)


class Reference(Frozen):
    """A question of a chapter quiz, shown again in a review quiz."""

    chapter: Slug
    question: Slug


class QuizFile(Frozen):
    """The file as written: a chapter's ``questions`` or a review quiz's ``review`` list."""

    questions: list[Question] = Field(default_factory=list)
    review: list[Reference] = Field(default_factory=list)

    @field_validator("questions")
    @classmethod
    def _questions_make_a_quiz(cls, questions: list[Question]) -> list[Question]:
        if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
            raise ValueError(
                f"a quiz needs {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, found {len(questions)}"
            )
        require_unique((question.id for question in questions), "question id")
        scenarios = sum(question.kind == "scenario" for question in questions)
        if scenarios < MIN_SCENARIOS:
            raise ValueError(
                f"a chapter quiz needs at least {MIN_SCENARIOS} questions with 'kind: scenario' "
                f"(a situation where the reader applies the chapter), found {scenarios}"
            )
        return questions

    @field_validator("review")
    @classmethod
    def _review_draws_enough(cls, review: list[Reference]) -> list[Reference]:
        if not MIN_QUESTIONS <= len(review) <= MAX_REVIEW:
            raise ValueError(
                f"a review quiz draws {MIN_QUESTIONS} to {MAX_REVIEW} questions, found {len(review)}"
            )
        require_unique((f"{r.chapter}/{r.question}" for r in review), "review question")
        return review

    @model_validator(mode="after")
    def _one_kind(self) -> QuizFile:
        if bool(self.questions) == bool(self.review):
            raise ValueError(
                "give either 'questions:' (a chapter quiz) or 'review:' (questions of the "
                "chapter quizzes, by chapter and id), not both and not neither"
            )
        return self


@dataclass(frozen=True)
class Item:
    """A question as a quiz shows it: ``key`` is unique in the quiz; ``chapter`` is the chapter
    quiz it comes from (``None`` in its own chapter's quiz)."""

    key: str
    question: Question
    chapter: str | None = None


@dataclass(frozen=True)
class Quiz:
    """A quiz ready to show: its name (the file stem), its questions, and the files it was
    read from (a review quiz also reads the chapter quizzes it draws from)."""

    name: str
    items: tuple[Item, ...]
    files: tuple[Path, ...]
    own: tuple[Question, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        """The questions, in the order the quiz shows them."""
        return tuple(item.question for item in self.items)

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for every question written in this file that names a source."""
        for index, question in enumerate(self.own):
            if question.source:
                yield f"questions[{index}].source ({question.id})", question.source


def _chapter_quiz(path: Path, entry: str, stem: str) -> QuizFile:
    """The chapter quiz ``stem`` beside ``path``, or a DataError that says what is wrong."""
    name = display_path(path)
    target = path.parent / f"{stem}.yml"
    if not target.is_file():
        there = sorted(p.stem for p in path.parent.glob("*.yml") if p != path)
        return _fail(
            name,
            entry,
            f"{display_path(target)}: file not found; the quizzes are: {', '.join(there)}",
        )
    try:
        found = load_yaml(target, QuizFile)
    except DataError:
        return _fail(name, entry, f"{display_path(target)} has problems of its own; fix them first")
    if not found.questions:
        return _fail(name, entry, f"'{stem}' is a review quiz; name a chapter quiz")
    return found


def _fail(name: str, entry: str, message: str) -> QuizFile:
    raise DataError([Problem(name, entry, message)])


def load_quiz(path: Path) -> Quiz:
    """Read and validate one quiz file, with the questions a review quiz draws from the
    chapter quizzes beside it; raises :class:`~backbalance.common.read.DataError`."""
    path = Path(path)
    written = load_yaml(path, QuizFile)
    if written.questions:
        items = tuple(Item(q.id, q) for q in written.questions)
        return Quiz(path.stem, items, (path,), tuple(written.questions))
    items_list: list[Item] = []
    files = [path]
    for index, ref in enumerate(written.review):
        entry = f"review[{index}]"
        chapter = _chapter_quiz(path, f"{entry}.chapter", ref.chapter)
        by_id = {q.id: q for q in chapter.questions}
        if ref.question not in by_id:
            raise DataError(
                [
                    Problem(
                        display_path(path),
                        f"{entry}.question",
                        f"{ref.chapter}.yml has no question {ref.question!r}; "
                        f"its questions are: {', '.join(by_id)}",
                    )
                ]
            )
        items_list.append(Item(f"{ref.chapter}-{ref.question}", by_id[ref.question], ref.chapter))
        files.append(path.parent / f"{ref.chapter}.yml")
    return Quiz(path.stem, tuple(items_list), tuple(dict.fromkeys(files)))


def course_problems(folder: Path) -> list[Problem]:
    """The rules that span the course's chapter quizzes in ``folder`` (files that do not
    load are left to their own messages): no answer letter holds more than
    :data:`MAX_LETTER_SHARE` of the right answers."""
    placed: list[tuple[str, str, str]] = []  # (letter, file, question id)
    for path in sorted(Path(folder).glob("*.yml")):
        try:
            written = load_yaml(path, QuizFile)
        except DataError:
            continue
        placed.extend((LETTERS[q.answer], path.name, q.id) for q in written.questions)
    if not placed:
        return []
    letter, count = Counter(p[0] for p in placed).most_common(1)[0]
    if count <= MAX_LETTER_SHARE * len(placed):
        return []
    where = ", ".join(f"{file} {qid}" for found, file, qid in placed if found == letter)
    return [
        Problem(
            display_path(Path(folder)),
            "right answers",
            f"option {letter} is the right answer in {count} of {len(placed)} questions "
            f"({count / len(placed):.0%}); at most {MAX_LETTER_SHARE:.0%} may share a letter, "
            f"so move the right answer to another place in some of: {where}",
        )
    ]
