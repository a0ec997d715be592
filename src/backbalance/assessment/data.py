"""The self-assessment's definitions, read from ``data/assessment/*.yml`` and validated.

Seven files describe the self-assessment: ``red_flags.yml`` (the safety screen and the
clinician's clearance), ``pre_exercise.yml`` (the check before the tests),
``questionnaire.yml`` (signs, causes, points and weights), ``endurance.yml`` (the four
torso holds, published averages, ratio limits, test errors and hold targets), ``strength.yml`` (the
side-to-side strength test and the Limb Symmetry Index line), ``tightness.yml`` (which side
feels tighter) and ``summary.yml`` (the wording of the profile summary). Every threshold
names its source (a BibTeX key) or gives an ``assumption``; every sentence with blanks may
use only the blanks its scorer fills in. A problem is reported as one line naming the file
and the entry, for example ``data/assessment/endurance.yml, test_error.extensor.sem_seconds: must be
more than 0, got -5``.

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.assessment.data import load_assessment
>>> data = load_assessment(Course.find().path("assessment"))
>>> data.endurance.test_error.extensor.sem_seconds > 0
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
from backbalance.strength_gap.parameters import load_model_parameters

# --------------------------------------------------------------------------- summary


class Summary(Frozen):
    """``summary.yml``: the wording of the profile at the top of the results."""

    title: Text
    weaker: Annotated[Text, blanks("side", "gap")]
    equal: Text
    not_measured: Text
    clear: Annotated[Text, blanks("side")]
    not_clear: Annotated[Text, blanks("side")]
    dominance: Text
    beyond_limit: Annotated[Text, blanks("limit")]
    bridges: Annotated[Text, blanks("side")]
    holds_only: Text
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
    gap_limit: float
    """The largest gap (percentage points) treated as a training imbalance: the model's
    ``gap_limit`` (``data/model_parameters.yml``), so the typed gap, the profile and the model
    share one limit."""

    def chapters(self) -> set[str]:
        """Every book page the results link to (docnames such as ``book/causes``)."""
        return {*self.questionnaire.chapters(), self.tightness.chapter}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, one key per file (what the static page's script reads)."""
        return {
            f.name: getattr(self, f.name).model_dump(mode="json")
            for f in fields(self)
            if f.name in SCHEMAS
        } | {"gap_limit": self.gap_limit}


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
    try:
        gap_limit = load_model_parameters(parameters_file(folder)).gap_limit.value
    except DataError as err:
        problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return AssessmentData(**loaded, gap_limit=gap_limit)  # type: ignore[arg-type]


def parameters_file(folder: Path | str) -> Path:
    """The model's parameters beside the ``data/assessment`` folder (for its ``gap_limit``)."""
    return Path(folder).parent / "model_parameters.yml"


def assessment_files(folder: Path | str) -> list[Path]:
    """The files :func:`load_assessment` reads (for build dependencies)."""
    return [*(Path(folder) / f"{stem}.yml" for stem in SCHEMAS), parameters_file(folder)]
