"""The programme's data files: the exercise library, the programme template and profiles.

* :func:`load_exercise_library` reads ``data/exercises.csv`` (described below);
* :func:`load_programme_template` reads ``data/plan_templates.yml`` (the rules of each phase, with
  the provenance of every number) and checks that every exercise it names is in the
  library and belongs to its phase;
* :func:`load_profile` and :func:`read_profile` read a learner's saved profile
  (:class:`backbalance.assessment.profile.Profile`).

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

A problem is reported as one line naming the file, the row (the header is row 1) and the
exercise, for example ``data/exercises.csv, row 7 (single-arm-dumbbell-row): sets must be
at most 10, got 40``.

Examples
--------
>>> from backbalance.programme.library import load_exercise_library
>>> library = load_exercise_library("data/exercises.csv")  # doctest: +SKIP
>>> library["bird-dog"].phase  # doctest: +SKIP
'strengthen'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from backbalance.assessment.profile import Profile
from backbalance.common.read import (
    DataError,
    Problem,
    display_path,
    load_yaml,
    problems_from,
    read_csv_rows,
)

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

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
BibKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_:-]*$")]


_OPTIONAL = ("reps", "hold_seconds", "source", "assumption")


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


class Exercise(BaseModel):
    """One row of the exercise library."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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
    source: BibKey | None = None
    assumption: Text | None = None

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
        if (self.source is None) == (self.assumption is None):
            raise ValueError(
                "give exactly one of source (a key in references.bib) or assumption (a one-line reason)"
            )
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
    known, given = list(Exercise.model_fields), list(columns)
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


# --------------------------------------------------------------------------- programme template

Day = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DAYS: tuple[Day, ...] = get_args(Day)
T = TypeVar("T")


class Sourced(BaseModel):
    """An entry of a YAML file that names ``source`` (a BibTeX key) or gives an
    ``assumption`` (a one-line reason), not both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: BibKey | None = None
    assumption: Text | None = None

    @model_validator(mode="after")
    def _one_provenance(self) -> Sourced:
        if (self.source is None) == (self.assumption is None):
            raise ValueError(
                "give exactly one of `source:` (a key in references.bib) or `assumption:` (a one-line reason)"
            )
        return self


class Setting(Sourced, Generic[T]):
    """One setting of the programme template: a value, what it does, and its provenance."""

    value: T
    description: Text


def _ordered_days(days: tuple[Day, ...]) -> tuple[Day, ...]:
    if list(days) != sorted(set(days), key=DAYS.index):
        raise ValueError("list each day once, in week order (Mon to Sun)")
    return days


Days = Annotated[tuple[Day, ...], Field(min_length=1), AfterValidator(_ordered_days)]
ExerciseIds = Annotated[tuple[Slug, ...], Field(min_length=1)]


class Frozen(BaseModel):
    """A part of a data file: unknown fields are errors, and values cannot change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Refusals(Frozen):
    """What a learner reads instead of a programme."""

    urgent: Text
    clinician: Text
    unscreened: Text


class ReleaseTemplate(Frozen):
    """Phase 1: loosen the tight side first."""

    intro: Text
    weeks: Setting[Annotated[int, Field(ge=1, le=6)]]
    days: Setting[Days]
    focus: Setting[Annotated[tuple[Slug, ...], Field(min_length=1)]]
    exercises: ExerciseIds


class StrengthenTemplate(Frozen):
    """Phase 2: one-sided work with extra sets for the weaker side."""

    intro: Text
    strong_sets_per_session: Setting[Annotated[int, Field(ge=1, le=6)]]
    min_extra_sets: Setting[Annotated[int, Field(ge=0, le=4)]]
    target_weeks: Setting[Annotated[int, Field(ge=4, le=104)]]
    flat_fraction: Setting[Annotated[float, Field(gt=0, lt=1)]]
    forecast_weeks: Setting[Annotated[int, Field(ge=8, le=156)]]
    retest_every_weeks: Setting[Annotated[int, Field(ge=2, le=12)]]
    min_weeks: Setting[Annotated[int, Field(ge=2, le=52)]]
    stability_extra_sets: Setting[Annotated[int, Field(ge=0, le=3)]]
    exercises: ExerciseIds
    progression: Annotated[tuple[Text, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _weeks_in_order(self) -> StrengthenTemplate:
        if not self.min_weeks.value <= self.target_weeks.value <= self.forecast_weeks.value:
            raise ValueError("weeks must be in order: min_weeks <= target_weeks <= forecast_weeks")
        return self


class IntegrateTemplate(Frozen):
    """Phase 3: whole-body moves, planks and side planks."""

    intro: Text
    weeks: Setting[Annotated[int, Field(ge=1, le=12)]]
    compound_per_session: Setting[Annotated[int, Field(ge=1, le=4)]]
    exercises: ExerciseIds
    maintenance: Setting[Text]


class ProgrammeTemplate(Frozen):
    """``data/plan_templates.yml``: the rules every programme is built with."""

    refusal: Refusals
    schedule: Setting[dict[Annotated[int, Field(ge=1, le=7)], Days]]
    release: ReleaseTemplate
    strengthen: StrengthenTemplate
    integrate: IntegrateTemplate

    @model_validator(mode="after")
    def _days_match(self) -> ProgrammeTemplate:
        wrong = [count for count, days in self.schedule.value.items() if len(days) != count]
        if wrong:
            raise ValueError(f"schedule for {wrong[0]} days a week must list {wrong[0]} days")
        return self

    def phases(self) -> dict[Phase, tuple[str, ...]]:
        """The exercise ids each phase may use, in order of preference."""
        return {
            "release": self.release.exercises,
            "strengthen": self.strengthen.exercises,
            "integrate": self.integrate.exercises,
        }

    def citations(self) -> Iterator[tuple[str, str]]:
        """Yield ``(entry, bibtex_key)`` for every setting that names a source."""
        yield from _setting_citations(self, "")


def _setting_citations(model: BaseModel, prefix: str) -> Iterator[tuple[str, str]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Setting):
            if value.source is not None:
                yield f"{prefix}{name}.source", value.source
        elif isinstance(value, BaseModel):
            yield from _setting_citations(value, f"{prefix}{name}.")


def _library_problems(
    template: ProgrammeTemplate, library: ExerciseLibrary, name: str, library_name: str
) -> list[Problem]:
    """Every exercise the template names must exist in the library and belong to its phase."""
    problems = [
        Problem(
            name,
            "release.focus.value",
            f"names {muscle!r}, which no stretch in release.exercises serves",
        )
        for muscle in template.release.focus.value
        if not any(
            e in library and library[e].kind == "stretch" and library[e].serves(muscle)
            for e in template.release.exercises
        )
    ]
    for phase, ids in template.phases().items():
        for index, exercise_id in enumerate(ids):
            entry = f"{phase}.exercises[{index}]"
            if exercise_id not in library:
                problems.append(
                    Problem(name, entry, f"names {exercise_id!r}, which is not in {library_name}")
                )
            elif library[exercise_id].phase != phase:
                problems.append(
                    Problem(
                        name,
                        entry,
                        f"names {exercise_id!r}, which belongs to phase "
                        f"{library[exercise_id].phase!r} in {library_name}",
                    )
                )
    return problems


def load_programme_template(
    path: Path | str, library: ExerciseLibrary | None = None
) -> ProgrammeTemplate:
    """Read and validate the programme template, and check it against the exercise library.

    Parameters
    ----------
    path
        Usually ``data/plan_templates.yml``.
    library
        The exercise library; by default ``exercises.csv`` in the same folder is loaded.

    Returns
    -------
    ProgrammeTemplate
        The validated template.

    Raises
    ------
    backbalance.common.read.DataError
        One problem per invalid entry, or per exercise the library does not have, for example
        ``data/plan_templates.yml, strengthen.exercises[1]: names 'one-arm-row', which is not
        in data/exercises.csv``.
    """
    path = Path(path)
    template = load_yaml(path, ProgrammeTemplate)
    library_path = path.with_name("exercises.csv")
    if library is None:
        try:
            library = load_exercise_library(library_path)
        except DataError:
            raise DataError(
                [
                    Problem(
                        display_path(path),
                        "",
                        f"cannot check the exercises it names until "
                        f"{display_path(library_path)} is fixed",
                    )
                ]
            ) from None
    problems = _library_problems(template, library, display_path(path), display_path(library_path))
    if problems:
        raise DataError(problems)
    return template


# --------------------------------------------------------------------------- profiles


def read_profile(text: str | bytes, name: str) -> Profile:
    """A learner's profile from JSON text (see :mod:`backbalance.assessment.profile`).

    Parameters
    ----------
    text
        The JSON the self-assessment saved or the static book downloaded.
    name
        What to call the source in messages, for example the file's name.

    Returns
    -------
    backbalance.assessment.profile.Profile

    Raises
    ------
    backbalance.common.read.DataError
        One problem per invalid field, or one for text that is not JSON.
    """
    try:
        return Profile.from_json(text)
    except ValidationError as err:
        raise DataError(problems_from(name, err)) from None


def load_profile(path: Path | str) -> Profile:
    """Read a saved profile, such as ``data/examples/desk-worker.json``.

    Raises
    ------
    backbalance.common.read.DataError
        When the file is missing or is not a valid profile.
    """
    path = Path(path)
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(display_path(path), "", "file not found")]) from None
    return read_profile(text, display_path(path))
