"""The programme template: ``data/plan_templates.yml``, the rules of each phase.

:func:`load_programme_template` reads it (every number with its provenance) and checks that
every exercise it names is in the exercise library (:mod:`backbalance.programme.library`)
and belongs to its phase, and that every muscle of ``release.focus`` is served by a stretch.

Examples
--------
>>> from backbalance.course import Course
>>> course = Course.find()
>>> template = load_programme_template(course.path("plan_templates.yml"), course.exercises)
>>> sorted(template.schedule.value)
[2, 3, 4]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, Field, model_validator

from backbalance.assessment.types import blanks
from backbalance.common.read import DataError, Problem, display_path, load_yaml
from backbalance.common.types import DAYS, BibKey, Day, Frozen, Slug, Sourced, Text
from backbalance.programme.library import ExerciseLibrary, Phase, load_exercise_library
from backbalance.strength_gap.dynamics import KnownCause

T = TypeVar("T")


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


class Refusals(Frozen):
    """What a learner reads instead of a programme."""

    urgent: Text
    clinician: Text
    unscreened: Text
    pre_exercise: Text


class ReleaseTemplate(Frozen):
    """Phase 1: loosen the tight side first."""

    intro: Text
    weeks: Setting[Annotated[int, Field(ge=1, le=6)]]
    days: Setting[Days]
    focus: Setting[Annotated[tuple[Slug, ...], Field(min_length=1)]]
    no_tight: Text
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
    gap_step: Setting[Annotated[int, Field(ge=1, le=5)]]
    unknown_cause: Setting[KnownCause]
    unknown_cause_note: Text
    no_gap: Text
    within_noise: Text
    at_target: Annotated[Text, blanks("target")]
    no_pulls: Text
    planned_from: Annotated[Text, blanks("gap")]
    weaker_side_rule: Annotated[Text, blanks("extra", "strong", "stability")]
    weaker_side_cap: Annotated[Text, blanks("most", "flat")]
    beyond_gap_limit: Annotated[Text, blanks("limit")]
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


class Light(Frozen):
    """One light of the traffic-light rule: how much pain, and what to do."""

    light: Text
    pain: Text
    action: Text


class TrafficLight(Frozen):
    """The green, amber and red rule for pain during and after exercise: its one home.

    The chapter "Pain sense" (the ``traffic-light`` directive), every programme and its
    handout draw it from here; its cut-offs are the course's ``assumption``.
    """

    title: Text
    rate: Text
    lights: Annotated[tuple[Light, ...], Field(min_length=3, max_length=3)]
    assumption: Text


class PainSense(Frozen):
    """Pain sense, not fear: what the handout says about pain, flare-ups and lifting.

    ``traffic_light`` is the rule for pain during and after exercise (:class:`TrafficLight`);
    ``sources`` are the BibTeX keys behind the other lines (the book's "Pain sense" chapter
    cites them sentence by sentence).
    """

    title: Text
    points: Annotated[tuple[Text, ...], Field(min_length=1, max_length=6)]
    traffic_light: TrafficLight
    flare_up: Text
    sources: Annotated[tuple[BibKey, ...], Field(min_length=1)]


class ProgrammeTemplate(Frozen):
    """``data/plan_templates.yml``: the rules every programme is built with."""

    refusal: Refusals
    pain_sense: PainSense
    equipment_heading: Text
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
        """Yield ``(entry, bibtex_key)`` for every setting that names a source, and pain sense's."""
        yield from _setting_citations(self, "")
        for index, key in enumerate(self.pain_sense.sources):
            yield f"pain_sense.sources[{index}]", key


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
