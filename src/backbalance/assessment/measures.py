"""Schemas of ``data/assessment/endurance.yml`` (the torso holds, norms, ratio limits, test
errors and hold targets), ``strength.yml`` (the side-to-side test, the estimated 1RM, the LSI
line and handedness) and ``tightness.yml``;
loaded by :mod:`backbalance.assessment.data`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field, model_validator

from backbalance.assessment.types import Chapter, HoldId, blanks
from backbalance.common.types import Frozen, Slug, Sourced, Text, require_unique
from backbalance.strength_gap.parameters import STATUSES, Status

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


class HoldError(Sourced):
    """The typical error (SEM) of one result of a hold, in seconds."""

    sem_seconds: Annotated[float, Field(gt=0, le=120)]
    description: Text | None = None


class HoldErrors(Frozen):
    """The SEM of each test, and the wording of the side bridges' noise and of two test days."""

    flexor: HoldError
    extensor: HoldError
    side_bridge: HoldError
    within: Annotated[Text, blanks("gap", "noise")]
    beyond: Annotated[Text, blanks("gap", "noise", "side")]
    advice: Text

    def sem(self, hold: str) -> float:
        """The SEM in seconds of ``hold`` (a hold id; both side bridges share one)."""
        return getattr(self, "side_bridge" if hold.startswith("bridge_") else hold).sem_seconds


class HoldTargets(Sourced):
    """The holds' own re-test targets and their wording."""

    retest_weeks: Annotated[int, Field(ge=1, le=26, strict=True)]
    hold: Annotated[Text, blanks("hold", "now", "weeks", "mdc", "target")]
    bridge: Annotated[Text, blanks("side", "target")]


class Compare(Frozen):
    """The question that picks the averages to compare with."""

    question: Text
    skip: Text


class Tables(Frozen):
    """Column headings of the result tables and the wording of the average cell."""

    holds: tuple[Text, Text, Text, Text]
    ratios: tuple[Text, Text, Text, Text]
    norm: Annotated[Text, blanks("mean", "sd", "group")]
    not_compared: Text


class Endurance(Frozen):
    """``endurance.yml``: the torso holds, their averages, ratio limits, errors and targets."""

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
    test_error: HoldErrors
    targets: HoldTargets
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
        for test in ("flexor", "extensor", "side_bridge"):
            error = getattr(self.test_error, test)
            if error.source:
                yield f"test_error.{test}.source", error.source


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

    text: Annotated[Text, blanks("line")]


class Equation(Sourced):
    """One equation that estimates the 1RM from a load and a number of reps."""

    name: Text
    formula: Text


class Estimate(Sourced):
    """The estimated one-repetition maximum: the mean of the Epley and Brzycki equations."""

    max_reps: Annotated[int, Field(ge=1, le=20, strict=True)]
    equations: Annotated[list[Equation], Field(min_length=2, max_length=2)]
    result: Annotated[Text, blanks("left", "right", "load", "left_reps", "right_reps")]
    too_many: Annotated[Text, blanks("max_reps")]
    reps_only: Annotated[Text, blanks("reps_lsi")]


class Lsi(Sourced):
    """The Limb Symmetry Index line and the wording of its result."""

    line: Annotated[float, Field(ge=50, le=100)]
    result: Annotated[Text, blanks("weaker", "stronger", "unit", "lsi", "side")]
    equal: Annotated[Text, blanks("lsi")]
    below: Annotated[Text, blanks("line", "side")]
    at_or_above: Annotated[Text, blanks("line")]
    caveat: Caveat


class Hands(Frozen):
    """How the reader sees each answer to the dominant-hand question."""

    left: Text
    right: Text


class Dominance(Sourced):
    """The dominant hand: the question, the normal difference between hands and the verdicts."""

    question: Text
    not_stated: Text
    options: Hands
    difference_percent: Annotated[float, Field(ge=0, le=30)]
    description: Text
    within: Annotated[Text, blanks("stronger", "difference")]
    beyond: Annotated[Text, blanks("difference", "line", "side")]
    dominant_weaker: Annotated[Text, blanks("noise", "side")]
    dominant_within_noise: Annotated[Text, blanks("noise")]


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


class TestError(Sourced):
    """The typical error (SEM) of one strength result, in per cent of that result."""

    sem_percent: Annotated[float, Field(gt=0, le=30)]
    description: Text
    advice: Annotated[Text, blanks("sem", "mdc")]


class Strength(Frozen):
    """``strength.yml``: the strength test, its 1RM estimate, the LSI line, handedness and status."""

    title: Text
    intro: Text
    label: Text
    instructions: Text
    units: Units
    load: Unit
    estimate: Estimate
    lsi: Lsi
    dominance: Dominance
    not_done: Text
    unit_question: Text
    bar_labels: BarLabels
    bar_note: Annotated[Text, blanks("line")]
    training_status: TrainingStatus
    test_error: TestError

    def citations(self) -> Iterator[tuple[str, str]]:
        """``(entry, bibtex_key)`` for the LSI line, its caveat and the test error."""
        entries = (
            *(
                (f"estimate.equations[{index}].source", equation)
                for index, equation in enumerate(self.estimate.equations)
            ),
            ("lsi.source", self.lsi),
            ("lsi.caveat.source", self.lsi.caveat),
            ("dominance.source", self.dominance),
            ("test_error.source", self.test_error),
        )
        for entry, item in entries:
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
    result: Annotated[Text, blanks("muscle", "side")]
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
