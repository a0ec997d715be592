"""Schemas of ``data/assessment/red_flags.yml`` (the safety screen and the clinician's
clearance), ``pre_exercise.yml`` (the check before the tests) and ``questionnaire.yml``
(signs, causes, points, weights and the see-a-clinician advice); loaded by
:mod:`backbalance.assessment.data`."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import Field, model_validator

from backbalance.assessment.types import Chapter, Weight, blanks
from backbalance.common.types import BibKey, Frozen, Slug, Sourced, Text, require_unique

# --------------------------------------------------------------------------- red flags


class RedFlagSign(Frozen):
    """One yes/no question of the safety screen."""

    id: Slug
    question: Text
    short: Text


class RedFlagGroup(Sourced):
    """Signs that lead to the same guidance."""

    title: Text
    guidance: Text
    signs: Annotated[list[RedFlagSign], Field(min_length=1, max_length=16)]


class ClearanceValidity(Sourced):
    """How long a clinician's check counts: ``days`` back from today, and the message after that."""

    days: Annotated[int, Field(ge=1, le=3650)]
    expired: Text


class Clearance(Frozen):
    """The "a clinician has checked me" path: a date that unlocks the tests and the programme."""

    question: Text
    hint: Text
    when_stopped: Text
    cleared: Annotated[Text, blanks("date")]
    future: Text
    valid: ClearanceValidity


class RedFlags(Frozen):
    """``red_flags.yml``: urgent signs (cauda equina) and see-a-clinician signs."""

    title: Text
    intro: Text
    urgent: RedFlagGroup
    clinician: RedFlagGroup
    clear: Text
    answered_yes: Text
    no_programme: Text
    clearance: Clearance

    @model_validator(mode="after")
    def _unique_ids(self) -> RedFlags:
        require_unique([sign.id for sign in self.signs()], "sign id")
        return self

    def signs(self) -> list[RedFlagSign]:
        """Every sign, urgent ones first."""
        return [*self.urgent.signs, *self.clinician.signs]

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for each group (and the clearance's limit) that names a source."""
        for name in ("urgent", "clinician"):
            source = getattr(self, name).source
            if source:
                yield f"{name}.source", source
        if self.clearance.valid.source:
            yield "clearance.valid.source", self.clearance.valid.source


# --------------------------------------------------------------------------- pre-exercise


class PreExerciseQuestion(Frozen):
    """One yes/no question of the check before the tests."""

    id: Slug
    question: Text
    assumption: Text | None = None


class PreExercise(Sourced):
    """``pre_exercise.yml``: a PAR-Q+-style check before the holds and the strength test."""

    title: Text
    intro: Text
    questions: Annotated[list[PreExerciseQuestion], Field(min_length=1, max_length=10)]
    stop: Text
    passed: Text

    @model_validator(mode="after")
    def _unique_ids(self) -> PreExercise:
        require_unique([q.id for q in self.questions], "question id")
        return self

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` when the file names a source."""
        if self.source:
            yield "source", self.source


# --------------------------------------------------------------------------- questionnaire


class Option(Frozen):
    """One answer to a question, with its points (0 = not at all)."""

    value: Slug
    label: Text
    points: Weight


class Contributor(Frozen):
    """A likely cause of an imbalance and the chapter that helps with it."""

    id: Slug
    name: Text
    why: Text
    chapter: Chapter
    link_text: Text
    needs: Slug | None = None
    hand_in: bool = True


class Advice(Frozen):
    """A sentence shown at the top of the results when a question gets one of ``answers``."""

    id: Slug
    question: Slug
    answers: Annotated[list[Slug], Field(min_length=1)]
    text: Text
    source: BibKey | None = None


class Question(Sourced):
    """A sign or cause question; its points feed the concern and contributor scores."""

    id: Slug
    kind: Literal["sign", "cause"]
    prompt: Text
    options: Annotated[list[Option], Field(min_length=2, max_length=5)]
    concern_weight: Weight
    contributes: dict[Slug, Weight]

    @model_validator(mode="after")
    def _worse_never_scores_less(self) -> Question:
        require_unique(
            [option.value for option in self.options], f"question {self.id!r}: option value"
        )
        points = [option.points for option in self.options]
        if any(b < a for a, b in pairwise(points)):
            raise ValueError(
                f"question {self.id!r}: option points must not go down from one option to the next, got {points}"
            )
        return self


class ConcernLevel(Frozen):
    """A band of the concern score, from ``min_score`` up to the next band."""

    min_score: Annotated[int, Field(ge=0, strict=True)]
    text: Text


class Questionnaire(Frozen):
    """``questionnaire.yml``: signs and causes, their points, weights and wording."""

    title: Text
    intro: Text
    contributors: Annotated[list[Contributor], Field(min_length=1, max_length=12)]
    contributor_min_score: Annotated[int, Field(ge=1, le=50, strict=True)]
    questions: Annotated[list[Question], Field(min_length=1, max_length=20)]
    score_text: Annotated[Text, blanks("score", "max")]
    concern_levels: Annotated[list[ConcernLevel], Field(min_length=1, max_length=6)]
    no_contributors: Text
    causes_chapter: Chapter
    causes_link_text: Text
    advice: Annotated[list[Advice], Field(max_length=10)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        require_unique([c.id for c in self.contributors], "contributor id")
        require_unique([q.id for q in self.questions], "question id")
        require_unique([a.id for a in self.advice], "advice id")
        options = {q.id: {o.value for o in q.options} for q in self.questions}
        for contributor in self.contributors:
            if contributor.needs is not None and contributor.needs not in options:
                raise ValueError(
                    f"contributor {contributor.id!r} needs {contributor.needs!r}, which is not a question id"
                )
        for advice in self.advice:
            unknown = sorted(set(advice.answers) - options.get(advice.question, set()))
            if advice.question not in options or unknown:
                raise ValueError(
                    f"advice {advice.id!r}: {advice.question!r} has no answer {(unknown or [''])[0]!r}; "
                    "name a question id and its option values"
                )
        known = {c.id for c in self.contributors}
        for question in self.questions:
            unknown = sorted(set(question.contributes) - known)
            if unknown:
                raise ValueError(
                    f"question {question.id!r} contributes to {unknown[0]!r}, which is not a contributor id"
                )
        starts = [level.min_score for level in self.concern_levels]
        if starts[0] != 0 or any(b <= a for a, b in pairwise(starts)):
            raise ValueError(f"concern_levels must start at min_score 0 and increase, got {starts}")
        return self

    def chapters(self) -> set[str]:
        """The book pages this file links to."""
        return {self.causes_chapter, *(c.chapter for c in self.contributors)}

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for each question that names a source."""
        for index, question in enumerate(self.questions):
            if question.source:
                yield f"questions[{index}].source ({question.id})", question.source
        for index, advice in enumerate(self.advice):
            if advice.source:
                yield f"advice[{index}].source ({advice.id})", advice.source
