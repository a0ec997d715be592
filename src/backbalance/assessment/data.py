"""The self-assessment's definitions, read from ``data/assessment/*.yml`` and validated.

Seven files describe the self-assessment: ``red_flags.yml`` (the safety screen and the
clinician's clearance), ``pre_exercise.yml`` (the check before the tests),
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

from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel

from backbalance.assessment.measures import Endurance, Strength, Tightness
from backbalance.assessment.questions import PreExercise, Questionnaire, RedFlags
from backbalance.assessment.types import blanks
from backbalance.common.read import DataError, Problem, display_path, load_yaml
from backbalance.common.types import Frozen, Text

# --------------------------------------------------------------------------- summary


class TestNames(Frozen):
    """The words for the test a gap comes from."""

    row: Text
    side_bridge: Text


class Summary(Frozen):
    """``summary.yml``: the wording of the profile at the top of the results."""

    title: Text
    weaker: Annotated[Text, blanks("side", "gap", "test")]
    tests: TestNames
    equal: Annotated[Text, blanks("test")]
    not_measured: Text
    clear: Annotated[Text, blanks("side")]
    not_clear: Annotated[Text, blanks("side")]
    disagree: Text
    tight: Annotated[Text, blanks("muscles")]
    no_tight: Text
    status: Annotated[Text, blanks("status")]

    def citations(self) -> Iterator[tuple[str, str]]:
        """The summary cites nothing: its thresholds live in the other files."""
        return iter(())


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class AssessmentData:
    """Everything the self-assessment needs, one validated object per file."""

    red_flags: RedFlags
    pre_exercise: PreExercise
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
    "pre_exercise": PreExercise,
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
        The seven validated files.

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
