"""The parameters of the strength-gap simulation, read from ``data/model_parameters.yml``.

Every entry carries its provenance: a ``value``, a short ``description`` and exactly one
of ``source`` (a BibTeX key in ``references.bib``) or ``assumption`` (a one-line reason,
for values no study pins down). Bounds are checked here so that an instructor who edits
the file gets one clear line per problem, for example
``data/model_parameters.yml, cross_education.value: must be at most 0.5, got 0.9``.

Examples
--------
>>> from backbalance.course import Course
>>> params = load_model_parameters(Course.find().path("model_parameters.yml"))
>>> low, high = params.cross_education.range
>>> low <= params.cross_education.value <= high
True
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal

import pandas as pd
from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

from backbalance.common.read import load_yaml
from backbalance.common.types import Frozen, Sourced, Text

Status = Literal["novice", "intermediate", "trained"]
"""Training status of the person being simulated."""

STATUSES: tuple[Status, ...] = ("novice", "intermediate", "trained")


class _Entry(Sourced):
    """Provenance shared by every parameter: a description and a source or an assumption."""

    description: Text


class _Ranged(_Entry):
    """An entry whose ``value`` lies within a stated ``range`` ``[low, high]``."""

    value: float
    range: tuple[float, float]

    @model_validator(mode="after")
    def _value_in_range(self) -> _Ranged:
        low, high = self.range
        if not low < high:
            raise ValueError(f"range must be [low, high] with low < high, got [{low}, {high}]")
        if not low <= self.value <= high:
            raise ValueError(f"value {self.value} must lie within range [{low}, {high}]")
        return self


class Rate(_Ranged):
    """Weekly relative gain rate at full stimulus, far below the ceiling (1/week).

    Each simulated person draws a rate uniformly from ``range`` (parameter uncertainty).
    """

    value: Annotated[float, Field(gt=0, le=0.5)]
    range: tuple[Annotated[float, Field(gt=0, le=0.5)], Annotated[float, Field(gt=0, le=0.5)]]


class HalfSaturation(_Ranged):
    """Weekly sets at which the training stimulus is half its maximum.

    Each simulated person draws a value uniformly from ``range``.
    """

    value: Annotated[float, Field(gt=0, le=30)]
    range: tuple[Annotated[float, Field(gt=0, le=30)], Annotated[float, Field(gt=0, le=30)]]


class PerStatus(Frozen):
    """One number for each training status."""

    novice: Annotated[float, Field(gt=0, le=3)]
    intermediate: Annotated[float, Field(gt=0, le=3)]
    trained: Annotated[float, Field(gt=0, le=3)]

    @model_validator(mode="after")
    def _less_room_with_training(self) -> PerStatus:
        if not self.novice >= self.intermediate >= self.trained:
            raise ValueError("must not grow with training: novice >= intermediate >= trained")
        return self


class Headroom(_Entry):
    """How far above the stronger side's starting strength the ceiling lies, by status."""

    value: PerStatus


class EarlyGain(Frozen):
    """The early phase's extra gain for each training status (0 = none)."""

    novice: Annotated[float, Field(ge=0, le=0.5)]
    intermediate: Annotated[float, Field(ge=0, le=0.5)]
    trained: Annotated[float, Field(ge=0, le=0.5)]

    @model_validator(mode="after")
    def _less_to_learn_with_training(self) -> EarlyGain:
        if not self.novice >= self.intermediate >= self.trained:
            raise ValueError("must not grow with training: novice >= intermediate >= trained")
        return self


class EarlyPhaseGain(_Entry):
    """Extra gain of the fast early (learning, neural) phase, by training status."""

    value: EarlyGain


class EarlyPhaseWeeks(_Entry):
    """Time constant of the early phase, in weeks."""

    value: Annotated[float, Field(gt=0, le=26)]


Fraction = Annotated[float, Field(ge=0, le=0.5)]


class CrossEducation(_Ranged):
    """Fraction of one side's extra training stimulus that reaches a resting other side.

    ``range`` bounds the notebook's slider; ``ci95`` is the published 95% interval from
    which each simulated person draws a value (normal, centred on ``value``, cut to 0-0.5).
    """

    value: Fraction
    range: tuple[Fraction, Fraction]
    ci95: tuple[Fraction, Fraction]

    @model_validator(mode="after")
    def _ordered_interval(self) -> CrossEducation:
        low, high = self.ci95
        if not low < high:
            raise ValueError(f"ci95 must be [low, high] with low < high, got [{low}, {high}]")
        return self

    @property
    def spread(self) -> float:
        """Standard deviation of the normal whose 95% interval is ``ci95``."""
        low, high = self.ci95
        return (high - low) / (2 * 1.959964)


class Share(_Entry):
    """A share between 0 and 1."""

    value: Annotated[float, Field(ge=0, le=1)]


class Recovery(Frozen):
    """How much of the starting gap the weaker side can win back, by known cause."""

    disuse: Annotated[float, Field(ge=0, le=1)]
    handedness: Annotated[float, Field(ge=0, le=1)]

    @model_validator(mode="after")
    def _disuse_recovers_more(self) -> Recovery:
        if not self.disuse >= self.handedness:
            raise ValueError(
                "a gap from disuse must recover at least as much as one from handedness"
            )
        return self


class GapCauseRecovery(_Entry):
    """Share of the starting gap the weaker side can win back, by the gap's cause."""

    value: Recovery


class RetrainingRate(_Ranged):
    """How fast a side wins back strength it has lost (disuse), per week at full stimulus.

    Each simulated person draws a value uniformly from ``range``.
    """

    value: Annotated[float, Field(gt=0, le=1)]
    range: tuple[Annotated[float, Field(gt=0, le=1)], Annotated[float, Field(gt=0, le=1)]]


class RetrainingShare(_Ranged):
    """Share of a disuse gap that comes back quickly by retraining.

    Each simulated person draws a value uniformly from ``range``: no study measures it, so
    the bands carry the whole of the guess.
    """

    value: Annotated[float, Field(ge=0, le=1)]
    range: tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]


class Detraining(_Entry):
    """Fraction of strength lost per week by a side that gets no direct training."""

    value: Annotated[float, Field(ge=0, le=0.05)]


class ResponseSpread(_Entry):
    """Standard deviation of the log of each person's response multiplier."""

    value: Annotated[float, Field(ge=0, le=1.5)]


class LsiTargets(_Entry):
    """Limb symmetry index targets (per cent), in increasing order."""

    value: Annotated[
        list[Annotated[float, Field(gt=50, le=100)]], Field(min_length=1, max_length=4)
    ]

    @field_validator("value")
    @classmethod
    def _increasing(cls, value: list[float]) -> list[float]:
        if any(b <= a for a, b in pairwise(value)):
            raise ValueError("targets must be listed in increasing order, without repeats")
        return value


class Confidence(_Entry):
    """A share of weight between one half and one, for saying a difference out loud."""

    value: Annotated[float, Field(gt=0.5, lt=1)]


class GapLimit(_Entry):
    """The largest left/right gap (percentage points) treated as a training imbalance.

    ``message`` is what a reader sees beyond it; ``{limit}`` is filled in.
    """

    value: Annotated[float, Field(gt=0, le=90)]
    message: Text

    def explain(self) -> str:
        """The plain message for a gap beyond the limit."""
        return " ".join(self.message.format(limit=self.value).split())


class ModelParameters(Frozen):
    """Everything the simulation needs from ``data/model_parameters.yml``."""

    weekly_gain_rate: Rate
    early_phase_gain: EarlyPhaseGain
    early_phase_weeks: EarlyPhaseWeeks
    half_saturation_sets: HalfSaturation
    headroom: Headroom
    cross_education: CrossEducation
    cross_education_both_train: Share
    gap_cause_recovery: GapCauseRecovery
    retraining_rate: RetrainingRate
    retraining_share: RetrainingShare
    detraining_rate: Detraining
    response_spread: ResponseSpread
    lsi_targets: LsiTargets
    forecast_confidence: Confidence
    gap_limit: GapLimit
    _test_sem_percent: float = PrivateAttr(default=0.0)

    @property
    def test_sem_percent(self) -> float:
        """The re-test noise :func:`~backbalance.strength_gap.model.simulate` uses by default.

        The strength test's typical error (``test_error.sem_percent`` of
        ``data/assessment/strength.yml``, in per cent), which ``Course.parameters``
        attaches with :meth:`with_test_noise`; 0 for a parameter file read on its own. It is
        not part of this file, so that the test's error has one place.
        """
        return self._test_sem_percent

    def with_test_noise(self, sem_percent: float) -> ModelParameters:
        """A copy whose default re-test noise is ``sem_percent`` (see :attr:`test_sem_percent`)."""
        if not 0 <= sem_percent < 100:
            raise ValueError(f"the re-test noise must be 0-100 per cent, got {sem_percent}")
        copy = self.model_copy()
        copy._test_sem_percent = float(sem_percent)
        return copy

    def citations(self) -> Iterator[tuple[str, str]]:
        """Yield ``(entry, bibtex_key)`` for every entry that names a ``source``.

        Returns
        -------
        Iterator[tuple[str, str]]
            For example ``("cross_education.source", "munn2004")``.
        """
        for name in type(self).model_fields:
            source = getattr(self, name).source
            if source is not None:
                yield f"{name}.source", source

    def table(self) -> pd.DataFrame:
        """Every entry with its value and provenance, for showing readers.

        Returns
        -------
        pandas.DataFrame
            Columns ``parameter``, ``value`` (as text) and ``source`` (a BibTeX key, or
            ``assumption: <reason>``).
        """
        rows = []
        for name in type(self).model_fields:
            entry = getattr(self, name)
            value = entry.value
            if isinstance(value, BaseModel):
                text = ", ".join(f"{k} {v:g}" for k, v in value.model_dump().items())
            elif isinstance(value, list):
                text = ", ".join(f"{v:g}" for v in value)
            else:
                text = f"{value:g}"
            if isinstance(entry, _Ranged):
                text += f" (range {entry.range[0]:g} to {entry.range[1]:g})"
            if isinstance(entry, CrossEducation):
                text += f"; 95% CI {entry.ci95[0]:g} to {entry.ci95[1]:g}"
            source = entry.source if entry.source is not None else f"assumption: {entry.assumption}"
            label = name.replace("_", " ").replace("lsi", "LSI")
            rows.append({"parameter": label, "value": text, "source": source})
        return pd.DataFrame(rows)

    def with_cross_education(self, value: float) -> ModelParameters:
        """A copy with another cross-education fraction, checked against the same bounds.

        Parameters
        ----------
        value
            The new fraction; must lie within ``cross_education.range``.

        Returns
        -------
        ModelParameters
            A validated copy; ``self`` is unchanged.
        """
        data = self.model_dump()
        data["cross_education"]["value"] = value
        return type(self).model_validate(data).with_test_noise(self.test_sem_percent)


def load_model_parameters(path: Path | str) -> ModelParameters:
    """Read and validate the simulation parameters.

    Parameters
    ----------
    path
        Usually ``data/model_parameters.yml``.

    Returns
    -------
    ModelParameters
        The validated parameters.

    Raises
    ------
    backbalance.common.read.DataError
        With one problem per invalid entry, naming the file and the entry.
    """
    return load_yaml(Path(path), ModelParameters)
