"""The self-assessment's definitions, read from ``data/assessment/*.yml`` and validated.

Six files describe the self-assessment: ``red_flags.yml`` (the safety screen),
``questionnaire.yml`` (signs, causes, points and weights), ``endurance.yml`` (the four
torso holds, published averages, ratio limits and measurement noise), ``strength.yml`` (the
side-to-side strength test and the Limb Symmetry Index line), ``tightness.yml`` (which side
feels tighter) and ``summary.yml`` (the wording of the profile summary). Every threshold
names its source (a BibTeX key) or gives an ``assumption``; every sentence with blanks may
use only the blanks its scorer fills in. A problem is reported as one line naming the file
and the entry, for example ``data/assessment/endurance.yml, noise.seconds: must be more
than 0, got -5``.

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.assessment.data import load_assessment
>>> data = load_assessment(Course.find().path("assessment"))
>>> data.endurance.noise.seconds > 0
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from backbalance.common.read import DataError, Problem, display_path, load_yaml
from backbalance.common.types import SLUG_PATTERN, Frozen, Slug, Sourced, Text, require_unique
from backbalance.strength_gap.parameters import STATUSES, Status

HoldId = Literal["flexor", "extensor", "bridge_right", "bridge_left"]
"""The four torso endurance holds, in the order a reader does them."""

BLANK = r"\{([a-z_]+)\}"
"""A blank in a sentence from ``data/``, such as ``{side}`` (filled in by the scorer)."""
PLACEHOLDER = re.compile(BLANK)

Chapter = Annotated[str, StringConstraints(pattern="^book/" + SLUG_PATTERN.removeprefix("^"))]
Weight = Annotated[int, Field(ge=0, le=5, strict=True)]


def _blanks(*allowed: str) -> AfterValidator:
    """A check that a sentence uses only the ``{blanks}`` its scorer fills in."""

    def check(text: str) -> str:
        unknown = sorted(set(PLACEHOLDER.findall(text)) - set(allowed))
        if unknown:
            known = ", ".join(f"{{{name}}}" for name in allowed) or "none"
            raise ValueError(
                f"uses the blank {{{unknown[0]}}}, which is not filled in here (known: {known})"
            )
        if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
            raise ValueError("has a stray { or }; blanks look like {name}")
        return text

    return AfterValidator(check)


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
    signs: Annotated[list[RedFlagSign], Field(min_length=1, max_length=10)]


class RedFlags(Frozen):
    """``red_flags.yml``: urgent signs (cauda equina) and see-a-clinician signs."""

    title: Text
    intro: Text
    urgent: RedFlagGroup
    clinician: RedFlagGroup
    clear: Text
    answered_yes: Text
    no_programme: Text

    @model_validator(mode="after")
    def _unique_ids(self) -> RedFlags:
        require_unique([sign.id for sign in self.signs()], "sign id")
        return self

    def signs(self) -> list[RedFlagSign]:
        """Every sign, urgent ones first."""
        return [*self.urgent.signs, *self.clinician.signs]

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for each group that names a source."""
        for name in ("urgent", "clinician"):
            source = getattr(self, name).source
            if source:
                yield f"{name}.source", source


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
    score_text: Annotated[Text, _blanks("score", "max")]
    concern_levels: Annotated[list[ConcernLevel], Field(min_length=1, max_length=6)]
    no_contributors: Text
    causes_chapter: Chapter
    causes_link_text: Text

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        require_unique([c.id for c in self.contributors], "contributor id")
        require_unique([q.id for q in self.questions], "question id")
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


# --------------------------------------------------------------------------- endurance


class Hold(Frozen):
    """One timed hold as the reader sees it."""

    label: Text
    instructions: Text


class Holds(Frozen):
    """The four holds, in test order."""

    flexor: Hold
    extensor: Hold
    bridge_right: Hold
    bridge_left: Hold


class NumberInput(Sourced):
    """The range a typed number must fall in, and the word after it."""

    min: Annotated[float, Field(gt=0)]
    max: Annotated[float, Field(gt=0, le=10_000)]
    unit: Text

    @model_validator(mode="after")
    def _ordered(self) -> NumberInput:
        if not self.min < self.max:
            raise ValueError(
                f"min must be less than max, got min {self.min:g} and max {self.max:g}"
            )
        return self


class Norm(Frozen):
    """A published mean and standard deviation, in seconds."""

    mean: Annotated[float, Field(gt=0, le=600)]
    sd: Annotated[float, Field(gt=0, le=600)]


class HoldNorms(Frozen):
    """Averages for the four holds in one group."""

    flexor: Norm
    extensor: Norm
    bridge_right: Norm
    bridge_left: Norm


class GroupNames(Frozen):
    """How the reader sees each group of the published averages."""

    female: Text
    male: Text


class Norms(Sourced):
    """Published averages by sex, with how sure we are of them."""

    confidence: Text
    caveat: Text
    group_names: GroupNames
    female: HoldNorms
    male: HoldNorms


class Bands(Frozen):
    """Words for a time below, around or above the average (mean ± one sd)."""

    below: Text
    around: Text
    above: Text


class Ratio(Sourced):
    """A ratio of two holds and the limits beyond which it is worth a closer look."""

    id: Slug
    label: Text
    numerator: HoldId
    denominator: HoldId
    low: Annotated[float, Field(gt=0, le=100)] | None = None
    high: Annotated[float, Field(gt=0, le=100)] | None = None
    rule: Text

    @model_validator(mode="after")
    def _limits(self) -> Ratio:
        if self.numerator == self.denominator:
            raise ValueError(
                f"ratio {self.id!r}: numerator and denominator must be different holds"
            )
        if self.low is None and self.high is None:
            raise ValueError(f"ratio {self.id!r}: give `low:`, `high:` or both")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(
                f"ratio {self.id!r}: low must be less than high, got low {self.low:g} and high {self.high:g}"
            )
        return self


class Noise(Sourced):
    """Side bridge gaps smaller than ``seconds`` may be measurement noise."""

    seconds: Annotated[float, Field(gt=0, le=120)]
    within: Annotated[Text, _blanks("gap", "noise")]
    beyond: Annotated[Text, _blanks("gap", "noise", "side")]


class Compare(Frozen):
    """The question that picks the averages to compare with."""

    question: Text
    skip: Text


class Tables(Frozen):
    """Column headings of the result tables and the wording of the average cell."""

    holds: tuple[Text, Text, Text, Text]
    ratios: tuple[Text, Text, Text, Text]
    norm: Annotated[Text, _blanks("mean", "sd", "group")]
    not_compared: Text


class Endurance(Frozen):
    """``endurance.yml``: the torso holds, their averages, ratio limits and noise."""

    title: Text
    intro: Text
    holds: Holds
    input: NumberInput
    compare: Compare
    norms: Norms
    bands: Bands
    ratios: Annotated[list[Ratio], Field(min_length=1, max_length=8)]
    ratio_caveat: Text
    inside_text: Text
    outside_text: Text
    noise: Noise
    table: Tables
    not_done: Text
    no_sex: Text

    @model_validator(mode="after")
    def _unique_ratios(self) -> Endurance:
        require_unique([ratio.id for ratio in self.ratios], "ratio id")
        return self

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for the norms, each ratio and the noise."""
        if self.norms.source:
            yield "norms.source", self.norms.source
        for index, ratio in enumerate(self.ratios):
            if ratio.source:
                yield f"ratios[{index}].source ({ratio.id})", ratio.source
        if self.noise.source:
            yield "noise.source", self.noise.source


# --------------------------------------------------------------------------- strength


class Unit(NumberInput):
    """One way to give the strength result (reps or kg)."""

    label: Text


class Units(Frozen):
    """The two ways to give the strength result."""

    reps: Unit
    kg: Unit


class Caveat(Sourced):
    """A caveat the reader always sees, with its source."""

    text: Annotated[Text, _blanks("line")]


class Lsi(Sourced):
    """The Limb Symmetry Index line and the wording of its result."""

    line: Annotated[float, Field(ge=50, le=100)]
    result: Annotated[Text, _blanks("weaker", "stronger", "unit", "lsi", "side")]
    equal: Annotated[Text, _blanks("lsi")]
    below: Annotated[Text, _blanks("line", "side")]
    at_or_above: Annotated[Text, _blanks("line")]
    caveat: Caveat


class StatusOption(Frozen):
    """A training status and how the reader sees it."""

    value: Status
    label: Text


class TrainingStatus(Sourced):
    """The optional training-status question; its values are the simulation's statuses."""

    question: Text
    options: list[StatusOption]

    @model_validator(mode="after")
    def _every_status_once(self) -> TrainingStatus:
        values = tuple(option.value for option in self.options)
        if values != STATUSES:
            raise ValueError(
                f"options must be exactly {', '.join(STATUSES)}, in that order, got {', '.join(values)}"
            )
        return self


class BarLabels(Frozen):
    """The words beside each side's bar."""

    left: Text
    right: Text


class Strength(Frozen):
    """``strength.yml``: the side-to-side strength test, the LSI line and training status."""

    title: Text
    intro: Text
    label: Text
    instructions: Text
    units: Units
    lsi: Lsi
    not_done: Text
    unit_question: Text
    bar_labels: BarLabels
    bar_note: Annotated[Text, _blanks("line")]
    training_status: TrainingStatus

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for the LSI line and its caveat."""
        for entry, item in (("lsi.source", self.lsi), ("lsi.caveat.source", self.lsi.caveat)):
            if item.source:
                yield entry, item.source


# --------------------------------------------------------------------------- tightness


class Muscle(Frozen):
    """A muscle group checked for tightness on each side."""

    id: Slug
    label: Text
    name: Text
    how: Text


class Choices(Frozen):
    """The four answers to a tightness question."""

    none: Text
    left: Text
    right: Text
    both: Text


class SideWords(Frozen):
    """How a tight side reads in the results."""

    left: Text
    right: Text
    both: Text


class Tightness(Sourced):
    """``tightness.yml``: which side of three muscle groups feels tighter."""

    title: Text
    intro: Text
    muscles: Annotated[list[Muscle], Field(min_length=1, max_length=6)]
    choices: Choices
    side_words: SideWords
    result: Annotated[Text, _blanks("muscle", "side")]
    none_tight: Text
    chapter: Chapter
    link_text: Text

    @model_validator(mode="after")
    def _unique_muscles(self) -> Tightness:
        require_unique([muscle.id for muscle in self.muscles], "muscle id")
        return self

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` when the file names a source."""
        if self.source:
            yield "source", self.source


# --------------------------------------------------------------------------- summary


class TestNames(Frozen):
    """The words for the test a gap comes from."""

    row: Text
    side_bridge: Text


class Summary(Frozen):
    """``summary.yml``: the wording of the profile at the top of the results."""

    title: Text
    weaker: Annotated[Text, _blanks("side", "gap", "test")]
    tests: TestNames
    equal: Annotated[Text, _blanks("test")]
    not_measured: Text
    clear: Annotated[Text, _blanks("side")]
    not_clear: Annotated[Text, _blanks("side")]
    disagree: Text
    tight: Annotated[Text, _blanks("muscles")]
    no_tight: Text
    status: Annotated[Text, _blanks("status")]

    def citations(self) -> Iterator[tuple[str, str]]:
        """The summary cites nothing: its thresholds live in the other files."""
        return iter(())


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class AssessmentData:
    """Everything the self-assessment needs, one validated object per file."""

    red_flags: RedFlags
    questionnaire: Questionnaire
    endurance: Endurance
    strength: Strength
    tightness: Tightness
    summary: Summary

    def chapters(self) -> set[str]:
        """Every book page the results link to (docnames such as ``book/causes``)."""
        return {*self.questionnaire.chapters(), self.tightness.chapter}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, one key per file (what the static page's script reads)."""
        return {f.name: getattr(self, f.name).model_dump(mode="json") for f in fields(self)}


SCHEMAS: dict[str, type[BaseModel]] = {
    "red_flags": RedFlags,
    "questionnaire": Questionnaire,
    "endurance": Endurance,
    "strength": Strength,
    "tightness": Tightness,
    "summary": Summary,
}
"""The schema of each file in ``data/assessment/``, keyed by the file's stem."""


def load_assessment_file(path: Path | str) -> BaseModel:
    """Read and validate one file of ``data/assessment/``, choosing its schema by file name.

    Parameters
    ----------
    path
        For example ``data/assessment/endurance.yml``.

    Returns
    -------
    pydantic.BaseModel
        The validated file, with a ``citations()`` method.

    Raises
    ------
    backbalance.common.read.DataError
        One problem per invalid entry, naming the file and the entry.
    """
    path = Path(path)
    schema = SCHEMAS.get(path.stem)
    if schema is None or path.suffix != ".yml":
        known = ", ".join(f"{stem}.yml" for stem in SCHEMAS)
        raise DataError(
            [
                Problem(
                    display_path(path),
                    "",
                    f"is not a self-assessment file; expected one of {known}",
                )
            ]
        )
    return load_yaml(path, schema)


def load_assessment(folder: Path | str) -> AssessmentData:
    """Read and validate every file of the self-assessment.

    Parameters
    ----------
    folder
        The ``data/assessment`` folder (``../data/assessment`` from a notebook).

    Returns
    -------
    AssessmentData
        The six validated files.

    Raises
    ------
    backbalance.common.read.DataError
        Listing the problems of every file at once.
    """
    folder = Path(folder)
    loaded: dict[str, BaseModel] = {}
    problems: list[Problem] = []
    for stem in SCHEMAS:
        try:
            loaded[stem] = load_assessment_file(folder / f"{stem}.yml")
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return AssessmentData(**loaded)  # type: ignore[arg-type]


def assessment_files(folder: Path | str) -> list[Path]:
    """The files :func:`load_assessment` reads (for build dependencies)."""
    return [Path(folder) / f"{stem}.yml" for stem in SCHEMAS]
