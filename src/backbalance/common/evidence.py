"""The course's one evidence scale: ``data/evidence.yml``, and the rule that grades an entry.

Every recommendation the course makes carries one of four levels, the same words in the
chapters (the ``{evidence}`` role), the exercise library and the habit tools:

``strong``
    several good trials, or a review of trials, agree;
``some``
    one trial, small or short studies, or studies of a related question;
``weak``
    only links seen in studies, expert opinion, or studies that disagree;
``assumption``
    the course's own choice, with the reason given in an ``assumption:`` line.

The ids are fixed here (so that a typo is caught); the words a reader sees, a label and a
one-line meaning for each level, live in ``data/evidence.yml``. :class:`Graded` is the
``source:``-or-``assumption:`` rule of :class:`~backbalance.common.types.Sourced` plus an
``evidence:`` level that must agree with it: an entry with an ``assumption:`` is graded
``assumption``; an entry with a ``source:`` is graded ``strong``, ``some`` or ``weak``.

Examples
--------
>>> from backbalance.course import Course
>>> Course.find().evidence.label("some")
'Some evidence'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, model_validator

from backbalance.common.read import load_yaml
from backbalance.common.types import Frozen, Sourced, Text

Level = Literal["strong", "some", "weak", "assumption"]
LEVELS: tuple[Level, ...] = get_args(Level)
"""The levels, strongest first."""

SCALE_FILE = "evidence.yml"


class Grade(Frozen):
    """One level of the scale, in the words a reader sees."""

    id: Level
    label: Text
    means: Text


def _all_levels(grades: tuple[Grade, ...]) -> tuple[Grade, ...]:
    ids = tuple(grade.id for grade in grades)
    if ids != LEVELS:
        raise ValueError(
            f"must list the levels {', '.join(LEVELS)} once each, in that order, got {', '.join(ids) or 'none'}"
        )
    return grades


class EvidenceScale(Frozen):
    """``data/evidence.yml``: the four levels, strongest first."""

    levels: Annotated[tuple[Grade, ...], AfterValidator(_all_levels)]

    def grade(self, level: Level) -> Grade:
        return next(grade for grade in self.levels if grade.id == level)

    def label(self, level: Level) -> str:
        """What a reader sees next to a recommendation, such as ``Some evidence``."""
        return self.grade(level).label

    def citations(self) -> Iterator[tuple[str, str]]:
        """The scale cites nothing (the validator asks every data file for its citations)."""
        return iter(())


class Graded(Sourced):
    """An entry with its provenance and its level on the evidence scale, which must agree."""

    evidence: Level

    @model_validator(mode="after")
    def _level_matches_provenance(self) -> Graded:
        if self.assumption is not None and self.evidence != "assumption":
            raise ValueError(
                f"evidence is {self.evidence!r} but the entry gives an assumption; "
                "grade it 'assumption', or replace the assumption with a source"
            )
        if self.source is not None and self.evidence == "assumption":
            raise ValueError(
                "evidence is 'assumption' but the entry names a source; grade the source "
                "strong, some or weak, or give the reason as an assumption instead"
            )
        return self


def load_evidence_scale(path: Path | str) -> EvidenceScale:
    """Read and validate ``data/evidence.yml``; raises :class:`~backbalance.common.read.DataError`."""
    return load_yaml(Path(path), EvidenceScale)
