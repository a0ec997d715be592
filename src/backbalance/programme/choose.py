"""Choosing the exercises of each phase, and the sessions of a typical week.

Phase 1 (release) stretches the tight muscles, tighter side first; its stretches stay on
as the warm-up of every later session. Phase 2 (strengthen) does one pulling exercise in
turn and the stability work, weaker side first with its extra sets; Phase 3 (integrate)
does core work, one pulling exercise and compound moves, both sides evenly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from backbalance.assessment.profile import Profile, Side, TightMuscle, TightSide
from backbalance.common.types import Day
from backbalance.programme.dose import split_extra
from backbalance.programme.library import Equipment, Exercise, ExerciseLibrary
from backbalance.programme.template import ProgrammeTemplate

WARM_UP = "warm-up"


@dataclass(frozen=True)
class Item:
    """One exercise in one session: sets for each side (``both`` when done together)."""

    exercise: Exercise
    sets: Mapping[str, int]
    notes: tuple[str, ...] = ()

    def sides(self) -> list[str]:
        """The sides in the order they are done."""
        return list(self.sets)


Week = dict[Day, list[Item]]
"""The sessions of one week of a phase, by day."""


def available(
    ids: Iterable[str],
    library: ExerciseLibrary,
    equipment: Iterable[Equipment],
    kinds: tuple[str, ...],
) -> list[Exercise]:
    """The exercises of ``ids`` of one of ``kinds`` that the ``equipment`` allows, in order."""
    have = set(equipment)
    return [library[i] for i in ids if library[i].kind in kinds and library[i].fits(have)]


def _sides(first: Side) -> tuple[Side, Side]:
    return (first, "right" if first == "left" else "left")


def _item(
    exercise: Exercise,
    first: Side,
    sets: Mapping[Side, int] | None = None,
    notes: tuple[str, ...] = (),
) -> Item:
    """An item with the exercise's default sets, ``first`` side first (or both sides together)."""
    if not exercise.unilateral:
        return Item(exercise, {"both": exercise.sets}, notes)
    sets = sets or {}
    return Item(exercise, {side: sets.get(side, exercise.sets) for side in _sides(first)}, notes)


def release_focus(profile: Profile, template: ProgrammeTemplate) -> tuple[TightMuscle, ...]:
    """The tight muscles and their sides; the template's focus on both sides when none was marked."""
    if profile.tight_muscles:
        return profile.tight_muscles
    return tuple(TightMuscle(muscle=muscle, side="both") for muscle in template.release.focus.value)


def _release_order(side: TightSide) -> tuple[Side, str]:
    if side == "both":
        return "left", "both sides tight"
    return side, f"{side} side first (tighter)"


def release_items(
    profile: Profile,
    equipment: Iterable[Equipment],
    library: ExerciseLibrary,
    template: ProgrammeTemplate,
) -> list[Item]:
    """Phase 1: each release exercise that fits the equipment and serves a focus muscle."""
    focus = release_focus(profile, template)
    optional = {"rolling": ("optional",), "trigger-point": ("optional", "thin evidence")}
    items = []
    for exercise in available(
        template.release.exercises, library, equipment, ("stretch", "rolling", "trigger-point")
    ):
        tight = next((m for m in focus if exercise.serves(m.muscle)), None)
        if tight is None:
            continue
        first, note = _release_order(tight.side)
        if not profile.tight_muscles:
            note = "both sides evenly"
        items.append(_item(exercise, first, notes=(note, *optional.get(exercise.kind, ()))))
    return items


def _warm_up(release: list[Item]) -> list[Item]:
    """The Phase 1 stretches, as the warm-up of a strength session."""
    return [
        Item(item.exercise, item.sets, (WARM_UP,))
        for item in release
        if item.exercise.kind == "stretch"
    ]


def _extra_note(extra: int) -> tuple[str, ...]:
    return (f"+{extra} set{'s' if extra != 1 else ''} for the weaker side",) if extra else ()


def strengthen_week(
    days: tuple[Day, ...],
    release: list[Item],
    pulls: list[Exercise],
    stability: list[Exercise],
    *,
    weak: Side | None,
    per_session: int,
    extra: int,
    stability_extra: int,
) -> Week:
    """Phase 2: warm-up, one pulling exercise in turn, then the stability work, each session.

    The weaker side (``weak``, when known) goes first and gets ``extra`` weekly sets of the
    pulling exercises, spread over the sessions, and ``stability_extra`` more sets of each
    stability exercise (pass 0 for both to train the sides evenly).
    """
    first: Side = weak or "left"
    other = _sides(first)[1]
    side_note = ("weaker side first",) if weak else ()
    week: Week = {}
    for index, (day, more) in enumerate(zip(days, split_extra(extra, len(days)), strict=True)):
        session = _warm_up(release)
        if pulls:
            session.append(
                _item(
                    pulls[index % len(pulls)],
                    first,
                    {first: per_session + more, other: per_session},
                    side_note + _extra_note(more),
                )
            )
        session += [
            _item(
                exercise,
                first,
                {first: exercise.sets + stability_extra, other: exercise.sets},
                side_note + _extra_note(stability_extra),
            )
            for exercise in stability
        ]
        week[day] = session
    return week


def integrate_week(
    days: tuple[Day, ...],
    release: list[Item],
    pulls: list[Exercise],
    core: list[Exercise],
    compound: list[Exercise],
    *,
    first: Side,
    per_session: int,
    compound_per_session: int,
) -> Week:
    """Phase 3: warm-up, core work, one pulling exercise and compound moves in turn, both sides evenly."""
    week: Week = {}
    count = min(compound_per_session, len(compound))
    for index, day in enumerate(days):
        session = _warm_up(release) + [_item(exercise, first) for exercise in core]
        if pulls:
            pull = pulls[index % len(pulls)]
            session.append(
                _item(
                    pull,
                    first,
                    {"left": per_session, "right": per_session},
                    ("keep one one-sided exercise",),
                )
            )
        session += [
            _item(compound[(index * count + j) % len(compound)], first) for j in range(count)
        ]
        week[day] = session
    return week
