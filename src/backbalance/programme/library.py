"""The exercise library: ``data/exercises.csv``, read and validated by :func:`load_exercise_library`.

Each row of the CSV file is one exercise that the programme builder (:mod:`backbalance.programme.build`)
may choose. Instructors can add rows. Columns:

``id``
    short name, lower-case letters, digits and hyphens; unique.
``name``
    what the learner reads.
``phase``
    ``release``, ``strengthen`` or ``integrate``.
``kind``
    its role in the phase: ``stretch``, ``rolling`` or ``trigger-point`` (release);
    ``pull`` or ``stability`` (strengthen; the weekly sets of ``pull`` exercises are what
    the strength-gap model simulates); ``core`` or ``compound`` (integrate).
``muscles``
    the muscle groups it serves, separated by ``;`` (ids such as ``hip-flexors``, ``lats``
    and ``upper-trapezius`` match the self-assessment's tightness check).
``unilateral``
    ``yes`` if each side is done on its own, else ``no``.
``sets``, ``reps``, ``hold_seconds``
    the default dose per side and session: 1 to 10 sets, and either 1 to 30 reps or a hold
    of 5 to 120 seconds (exactly one of the two).
``equipment``
    what it needs, as alternatives separated by ``;`` (any one will do), or ``none``.
``cues``, ``easier``, ``harder``
    how to do it, and an easier and a harder version.
``source`` or ``assumption``
    exactly one: a key in ``references.bib`` for the dose, or a one-line reason.
``evidence``
    how well the source supports the dose, on the course's scale (``data/evidence.yml``):
    ``strong``, ``some`` or ``weak`` with a source, ``assumption`` with an assumption.

A problem is reported as one line naming the file, the row (the header is row 1) and the
exercise, for example ``data/exercises.csv, row 7 (single-arm-dumbbell-row): sets must be
at most 10, got 40``.

Examples
--------
>>> from backbalance.course import Course
>>> library = load_exercise_library(Course.find().path("exercises.csv"))
>>> library["bird-dog"].phase
'strengthen'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, model_validator

from backbalance.common.evidence import Graded
from backbalance.common.read import DataError, Problem, display_path, problems_from, read_csv_rows
from backbalance.common.types import Slug, Text

Phase = Literal["release", "strengthen", "integrate"]
Kind = Literal["stretch", "rolling", "trigger-point", "pull", "stability", "core", "compound"]
Equipment = Literal[
    "none", "foam-roller", "ball", "band", "dumbbell", "kettlebell", "cable", "landmine"
]

KINDS_BY_PHASE: dict[Phase, tuple[Kind, ...]] = {
    "release": ("stretch", "rolling", "trigger-point"),
    "strengthen": ("pull", "stability"),
    "integrate": ("core", "compound"),
}
"""Which kinds of exercise belong to which phase."""

EQUIPMENT_LABELS: dict[Equipment, str] = {
    "none": "No equipment (floor, chair, wall)",
    "foam-roller": "Foam roller",
    "ball": "Tennis or massage ball",
    "band": "Resistance band",
    "dumbbell": "Dumbbells",
    "kettlebell": "Kettlebell",
    "cable": "Cable machine (gym)",
    "landmine": "Barbell in a landmine or corner (gym)",
}
"""What a learner reads for each kind of equipment."""

_OPTIONAL = ("reps", "hold_seconds", "source", "assumption", "evidence")


def _cell(field: str, text: str) -> Any:
    """One CSV cell as the schema expects it: lists split on ``;``, ``yes``/``no`` as
    booleans, whole numbers as ints (so a message shows ``got 40``), empty as missing."""
    text = text.strip()
    if field in ("muscles", "equipment"):
        return [part.strip() for part in text.split(";") if part.strip()]
    if field == "unilateral":
        return {"yes": True, "no": False}.get(text.lower(), text)
    if not text and field in _OPTIONAL:
        return None
    return int(text) if text.isascii() and text.isdigit() else text


class Exercise(Graded):
    """One row of the exercise library (its ``source`` or ``assumption``, exactly one, and its
    ``evidence`` level)."""

    id: Slug
    name: Text
    phase: Phase
    kind: Kind
    muscles: Annotated[tuple[Slug, ...], Field(min_length=1)]
    unilateral: bool
    sets: Annotated[int, Field(ge=1, le=10)]
    reps: Annotated[int, Field(ge=1, le=30)] | None = None
    hold_seconds: Annotated[int, Field(ge=5, le=120)] | None = None
    equipment: Annotated[frozenset[Equipment], Field(min_length=1)]
    cues: Text
    easier: Text
    harder: Text

    @model_validator(mode="before")
    @classmethod
    def _from_csv(cls, row: Any) -> Any:
        if not isinstance(row, dict):
            return row
        return {
            field: _cell(field, text) if isinstance(text, str) else text
            for field, text in row.items()
        }

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if self.kind not in KINDS_BY_PHASE[self.phase]:
            allowed = ", ".join(KINDS_BY_PHASE[self.phase])
            raise ValueError(
                f"kind {self.kind!r} does not belong to phase {self.phase!r} (use {allowed})"
            )
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("give exactly one of reps or hold_seconds")
        if "none" in self.equipment and len(self.equipment) > 1:
            raise ValueError("equipment 'none' cannot be listed with other equipment")
        return self

    def fits(self, equipment: Iterable[str]) -> bool:
        """True when the learner has any one of the things this exercise needs."""
        return "none" in self.equipment or bool(self.equipment & set(equipment))

    def serves(self, muscle: str) -> bool:
        """True when the exercise works ``muscle``."""
        return muscle in self.muscles


class ExerciseLibrary:
    """The validated exercises, in file order, looked up by id.

    Parameters
    ----------
    exercises
        Exercises with unique ids.
    rows
        The spreadsheet row of each exercise (for messages that point back to the file).
    """

    def __init__(self, exercises: Iterable[Exercise], rows: Iterable[int] | None = None) -> None:
        self._by_id = {exercise.id: exercise for exercise in exercises}
        self._rows = dict(zip(self._by_id, rows, strict=True)) if rows is not None else {}

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self._by_id[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def citations(self) -> Iterator[tuple[str, str]]:
        """Yield ``(entry, bibtex_key)`` for every exercise that names a source."""
        for exercise in self:
            if exercise.source is not None:
                yield (
                    f"row {self._rows.get(exercise.id, '?')} ({exercise.id}).source",
                    exercise.source,
                )


def _row_problems(name: str, row: int, label: str, err: ValidationError) -> list[Problem]:
    """One problem per error, in the form ``row 7 (id): sets must be at most 10, got 40``.

    A check across fields sees the whole row as its input, so only its reason is kept.
    """
    entry = f"row {row} ({label})"
    problems = []
    for error, problem in zip(err.errors(), problems_from(name, err), strict=True):
        if not error["loc"]:
            text = error["msg"].removeprefix("Value error, ")
        elif problem.message.startswith(("must", "is ")):
            text = f"{problem.entry} {problem.message}"
        else:
            text = f"{problem.entry}: {problem.message}"
        problems.append(Problem(name, entry, text))
    return problems


def _header_problems(name: str, columns: Iterable[str]) -> list[Problem]:
    """Unknown or missing columns, reported once for the header row."""
    provenance = list(Graded.model_fields)  # inherited, so first in model_fields; last in the file
    known = [field for field in Exercise.model_fields if field not in provenance] + provenance
    given = list(columns)
    required = [field for field, info in Exercise.model_fields.items() if info.is_required()]
    problems = [
        Problem(
            name,
            "row 1",
            f"column {column!r} is not known (check the spelling); the columns are {', '.join(known)}",
        )
        for column in given
        if column not in known
    ]
    problems += [
        Problem(name, "row 1", f"column {column!r} is missing")
        for column in required
        if column not in given
    ]
    return problems


def load_exercise_library(path: Path | str) -> ExerciseLibrary:
    """Read and validate the exercise library.

    Parameters
    ----------
    path
        Usually ``data/exercises.csv``.

    Returns
    -------
    ExerciseLibrary
        Every exercise, in file order.

    Raises
    ------
    backbalance.common.read.DataError
        Listing every problem at once, one per row and field.
    """
    path = Path(path)
    name = display_path(path)
    exercises: list[Exercise] = []
    rows: list[int] = []
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    cells_by_row = read_csv_rows(path)
    if cells_by_row and (header := _header_problems(name, cells_by_row[0])):
        raise DataError(header)
    for row, cells in enumerate(cells_by_row, start=2):
        if not any(value.strip() for value in cells.values()):
            continue
        label = cells.get("id", "").strip() or "no id"
        try:
            exercise = Exercise.model_validate(cells)
        except ValidationError as err:
            problems.extend(_row_problems(name, row, label, err))
            continue
        if exercise.id in first_row:
            problems.append(
                Problem(
                    name,
                    f"row {row} ({label})",
                    f"id {exercise.id!r} is already used in row {first_row[exercise.id]}; ids must be unique",
                )
            )
            continue
        first_row[exercise.id] = row
        exercises.append(exercise)
        rows.append(row)
    if not exercises and not problems:
        problems.append(
            Problem(name, "", "has no exercises; add at least one row below the header")
        )
    if problems:
        raise DataError(problems)
    return ExerciseLibrary(exercises, rows)
