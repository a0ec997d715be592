"""Personal programme: turn a self-assessment profile into a week-by-week plan.

The programme has three phases, in this order:

1. **release**: stretches (and optional foam rolling and ball release) for the tight
   muscles, tighter side first; afterwards they stay on as the warm-up of every session;
2. **strengthen**: one-sided pulling exercises and the bird-dog, weaker side first, with
   extra weekly sets for the weaker side chosen with the strength-gap model;
3. **integrate**: planks, side planks and compound moves, both sides evenly.

The extra sets are the fewest with which the model's typical person (P50) reaches the first
LSI target (90%) within ``target_weeks``, but never so many that the weaker side's weekly
sets pass the point where the model's dose-response curve flattens (:func:`dose_cap`).
A profile with a red flag gets a :class:`Refusal`, never a programme.

Everything here is pure: exercises, rules and parameters come in as validated objects
(:mod:`backbalance.programme.library`, :mod:`backbalance.strength_gap.parameters`), and the results are
dataclasses, pandas DataFrames and text (HTML, Markdown, CSV).

Examples
--------
>>> from backbalance.programme.build import Setup, build_programme
>>> programme = build_programme(profile, Setup(days_per_week=3, equipment={"dumbbell"}),
...                             library, template, params)  # doctest: +SKIP
>>> programme.table.head()  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from backbalance.assessment.profile import Profile, Side, TightMuscle, TightSide
from backbalance.programme.library import (
    DAYS,
    Day,
    Equipment,
    Exercise,
    ExerciseLibrary,
    Phase,
    ProgrammeTemplate,
)
from backbalance.strength_gap.dynamics import weekly_gain
from backbalance.strength_gap.model import Parity, Scenario, Simulation, simulate, sweep
from backbalance.strength_gap.parameters import ModelParameters, Status

PHASE_TITLES: dict[Phase, str] = {
    "release": "Phase 1: release",
    "strengthen": "Phase 2: strengthen",
    "integrate": "Phase 3: integrate",
}
COLUMNS = (
    "week",
    "phase",
    "day",
    "exercise_id",
    "exercise",
    "side",
    "sets",
    "reps",
    "hold_seconds",
    "notes",
)
"""Columns of :attr:`Programme.table`, one row per exercise, side, day and week."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A spreadsheet may run a cell that starts with one of these as a formula."""

TABLE_CSS = """
.bb-programme, .bb-checklists { margin: 1em 0 2em; }
.bb-table-wrap { overflow-x: auto; margin: .5em 0 1em; }
.bb-programme-table, .bb-sheet { border-collapse: collapse; width: 100%; margin: 0; }
.bb-programme-table caption, .bb-sheet caption { caption-side: top; text-align: left; font-weight: 600; padding: .2em 0; }
.bb-programme-table th, .bb-programme-table td, .bb-sheet th, .bb-sheet td {
  border: 1px solid var(--pst-color-border, #888); padding: .3em .5em; text-align: left; vertical-align: top; }
.bb-programme-table thead th, .bb-sheet thead th { background: var(--pst-color-surface, #eee); }
.bb-programme-table tbody th, .bb-sheet tbody th { font-weight: 600; }
.bb-programme h2, .bb-programme h3, .bb-programme h4, .bb-programme h5 { font-size: 1.2rem; margin: 1.2em 0 .4em; }
.bb-forecast { border-left: 4px solid #0072B2; padding: .3em .8em; }
.bb-refusal { border: 3px solid var(--pst-color-danger, #b00020); border-radius: .4em; padding: .3em 1em; }
.bb-box { font-size: 1.3em; line-height: 1; }
@media print {
  .bb-table-wrap { overflow: visible; }
  .bb-programme-table, .bb-sheet { break-inside: avoid; font-size: 9pt; }
  .bb-programme-table th, .bb-programme-table td, .bb-sheet th, .bb-sheet td { border-color: #000; }
}
"""
"""How programmes and habit sheets look on a page: theme colours where the theme defines
them, and tables that keep their lines in print."""

WARM_UP = "warm-up"
RETEST = "re-test this week"


class Setup(BaseModel):
    """What the learner chooses that the profile does not hold.

    ``name`` is what the learner typed; it is escaped in HTML and neutralised in CSV.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    days_per_week: Annotated[int, Field(ge=1, le=7)] = 3
    equipment: frozenset[Equipment] = frozenset({"none"})
    name: Annotated[str, Field(max_length=80)] = ""


@dataclass(frozen=True)
class Refusal:
    """No programme: why, in words the learner reads."""

    level: Literal["urgent", "clinician", "unscreened"]
    message: str

    def to_html(self) -> str:
        """The message as an alert box."""
        return f'<div class="bb-refusal" role="alert"><p><strong>{html.escape(self.message)}</strong></p></div>'

    def to_markdown(self) -> str:
        """The message in bold."""
        return f"**{self.message}**\n"


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


@dataclass(frozen=True)
class Block:
    """One phase of the programme: its weeks and the sessions of each of those weeks."""

    phase: Phase
    first_week: int
    last_week: int
    week: Week
    intro: str

    @property
    def title(self) -> str:
        """For example ``Phase 2: strengthen (weeks 3 to 30)``."""
        return f"{PHASE_TITLES[self.phase]} (weeks {self.first_week} to {self.last_week})"


@dataclass(frozen=True)
class Programme:
    """A learner's programme.

    Attributes
    ----------
    profile, setup
        What it was built from.
    blocks
        The three phases, in order.
    table
        One row per week, day, exercise and side (see :data:`COLUMNS`).
    strong_sets, extra_sets
        Weekly sets of the one-sided pulling exercises: stronger side, and the weaker
        side's extra sets.
    max_weak_sets
        Where the model's dose-response curve flattens (the cap on the weaker side's sets).
    forecast
        The model's simulation of Phase 2, or None when no gap was measured or no pulling
        exercise fits the equipment.
    target
        The LSI target in per cent.
    retest_weeks
        Programme weeks in which to re-test.
    messages
        Things the learner should know about how the programme was chosen.
    progression, maintenance
        The rules for progressing, and how to keep the gains.
    """

    profile: Profile
    setup: Setup
    blocks: tuple[Block, ...]
    table: pd.DataFrame
    strong_sets: int
    extra_sets: int
    max_weak_sets: int
    forecast: Simulation | None
    target: float
    retest_weeks: tuple[int, ...]
    messages: tuple[str, ...] = field(default=())
    progression: tuple[str, ...] = field(default=())
    maintenance: str = ""

    @property
    def weak_side(self) -> Side | None:
        """The side that gets the extra sets, or None when both sides train evenly."""
        return self.profile.weaker_side if self.extra_sets > 0 else None

    @property
    def parity(self) -> Parity | None:
        """Weeks of Phase 2 to the LSI target (typical person, 1 in 10, 9 in 10)."""
        return self.forecast.parity_at(self.target) if self.forecast is not None else None

    def forecast_text(self) -> str:
        """The forecast in plain words, or why there is none."""
        parity = self.parity
        if parity is None:
            return "No forecast: it needs a measured gap and a one-sided pulling exercise."
        plan = self.forecast.plan  # type: ignore[union-attr]
        weak = plan.weak_side
        dose = (
            f"With {self.extra_sets} extra weekly set{'s' if self.extra_sets != 1 else ''} for the {weak} side "
            f"({self.strong_sets + self.extra_sets} a week against {self.strong_sets})"
            if self.extra_sets
            else f"With {self.strong_sets} weekly sets for each side"
        )
        if parity.typical == 0:
            return (
                f"Your LSI is already {parity.target:g}% or more. {dose}, keep both sides strong."
            )
        return (
            f"{dose}, the model's typical person reaches LSI {parity.target:g}% "
            f"{parity.by(parity.typical)} of Phase 2. One in ten people get there {parity.by(parity.fast)}; "
            f"nine in ten {parity.by(parity.slow)}. This is a model built from average study results, "
            "not a promise: your own progress will differ."
        )


# --------------------------------------------------------------------------- choosing the dose


def dose_cap(
    strong_sets: int, params: ModelParameters, status: Status, flat_fraction: float
) -> int:
    """Most extra weekly sets before the weaker side passes the flat part of the dose curve.

    The weaker side's weekly sets stop at the first count ``V`` whose next set would add
    less than ``flat_fraction`` of the first set's gain in the model's dose-response
    curve (:func:`backbalance.strength_gap.dynamics.weekly_gain`).

    Parameters
    ----------
    strong_sets
        Weekly sets of the stronger side.
    params
        The model's parameters.
    status
        Training status.
    flat_fraction
        For example 0.1: a set adding under a tenth of the first set's gain is "flat".

    Returns
    -------
    int
        ``max(0, V - strong_sets)``.
    """
    sets = np.arange(0, 61)
    marginal = np.diff(weekly_gain(sets, params, status))
    flat = np.flatnonzero(marginal < flat_fraction * marginal[0])
    weak_max = int(flat[0]) if flat.size else int(sets[-1])
    return max(0, weak_max - strong_sets)


def choose_extra_sets(
    plan: Scenario,
    params: ModelParameters,
    *,
    minimum: int,
    cap: int,
    target_weeks: int,
    draws: int,
    seed: int,
) -> int:
    """The fewest extra weekly sets (from ``minimum`` to ``cap``) that reach the LSI target.

    Parameters
    ----------
    plan
        The learner's starting gap, status and stronger-side sets (its bias is ignored).
    params
        The model's parameters; the target is the first of ``lsi_targets``.
    minimum, cap
        The range searched; ``cap`` wins when it is the smaller.
    target_weeks
        The typical person (P50) must reach the target within this many weeks.
    draws, seed
        As in :func:`backbalance.strength_gap.model.simulate`.

    Returns
    -------
    int
        The fewest extra sets that reach the target in time, else ``cap``.
    """
    if cap <= minimum:
        return cap
    grid = sweep(
        params,
        gaps=[plan.gap_percent],
        extra_sets=range(minimum, cap + 1),
        strong_sets=plan.strong_sets,
        weeks=target_weeks,
        status=plan.status,
        draws=draws,
        seed=seed,
    )
    reached = grid.loc[grid["week"].notna(), "weak_extra_sets"]
    return int(reached.iloc[0]) if len(reached) else cap


def strengthen_weeks(parity: Parity | None, template: ProgrammeTemplate) -> int:
    """Weeks of Phase 2: the typical week to the target, rounded up to a re-test.

    At least ``min_weeks`` and at most ``forecast_weeks``; ``min_weeks`` without a forecast.
    """
    rules = template.strengthen
    if parity is None:
        return rules.min_weeks.value
    if parity.typical is None:
        return rules.forecast_weeks.value
    every = rules.retest_every_weeks.value
    rounded = -(-parity.typical // every) * every
    return min(max(rounded, rules.min_weeks.value), rules.forecast_weeks.value)


def split_extra(extra: int, sessions: int) -> list[int]:
    """Spread ``extra`` sets over ``sessions`` as evenly as possible, the first sessions first."""
    return [extra // sessions + (1 if i < extra % sessions else 0) for i in range(sessions)]


# --------------------------------------------------------------------------- choosing exercises


def _available(
    ids: Iterable[str], library: ExerciseLibrary, setup: Setup, kinds: tuple[str, ...]
) -> list[Exercise]:
    return [
        library[i] for i in ids if library[i].kind in kinds and library[i].fits(setup.equipment)
    ]


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
    profile: Profile, setup: Setup, library: ExerciseLibrary, template: ProgrammeTemplate
) -> list[Item]:
    """Phase 1: each release exercise that fits the equipment and serves a focus muscle."""
    focus = release_focus(profile, template)
    optional = {"rolling": ("optional",), "trigger-point": ("optional", "thin evidence")}
    items = []
    for exercise in _available(
        template.release.exercises, library, setup, ("stretch", "rolling", "trigger-point")
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


# --------------------------------------------------------------------------- the table


def _rows(block: Block, retest: set[int]) -> list[dict[str, object]]:
    rows = []
    for week in range(block.first_week, block.last_week + 1):
        first_row = True
        for day, session in block.week.items():
            for item in session:
                for side, sets in item.sets.items():
                    notes = list(item.notes)
                    if first_row and week in retest:
                        notes.append(RETEST)
                    first_row = False
                    rows.append(
                        {
                            "week": week,
                            "phase": block.phase,
                            "day": day,
                            "exercise_id": item.exercise.id,
                            "exercise": item.exercise.name,
                            "side": side,
                            "sets": sets,
                            "reps": item.exercise.reps,
                            "hold_seconds": item.exercise.hold_seconds,
                            "notes": "; ".join(notes),
                        }
                    )
    return rows


def programme_table(blocks: Iterable[Block], retest_weeks: Iterable[int]) -> pd.DataFrame:
    """Every week, day, exercise and side of the blocks, in the order they are done.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``reps`` and ``hold_seconds`` are nullable integers
        (exactly one is set per row); ``notes`` holds ``; ``-separated remarks.
    """
    retest = set(retest_weeks)
    rows = [row for block in blocks for row in _rows(block, retest)]
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("week", "sets"):
        table[column] = table[column].astype("int64")
    for column in ("reps", "hold_seconds"):
        table[column] = table[column].astype("Int64")
    return table


# --------------------------------------------------------------------------- building


def _needs_bias(profile: Profile, target: float) -> bool:
    """A clear, measured gap whose starting LSI is below the target."""
    return (
        profile.weaker_side is not None
        and profile.gap_percent is not None
        and profile.clear_gap is not False
        and 100 - profile.gap_percent < target
    )


def _messages(profile: Profile, pulls: list[Exercise], target: float) -> list[str]:
    messages = []
    if not profile.tight_muscles:
        messages.append("No muscle was marked tight, so Phase 1 stretches both sides evenly.")
    if profile.gap_percent is None:
        messages.append(
            "No gap was measured, so both sides get the same sets and there is no forecast. "
            "Do the row test in the self-assessment to get extra sets for a weaker side."
        )
    elif profile.clear_gap is False:
        messages.append(
            "Your gap is within the noise of the test, so both sides get the same sets."
        )
    elif 100 - profile.gap_percent >= target:
        messages.append(
            f"Your LSI is already {target:g}% or more, so both sides get the same sets. "
            "Healthy people are not perfectly even either."
        )
    if not pulls:
        messages.append(
            "No one-sided pulling exercise fits your equipment, so Phase 2 has no rows or pulldowns "
            "and there is no forecast. A dumbbell, a kettlebell or a resistance band is enough for one."
        )
    return messages


@dataclass(frozen=True)
class Dose:
    """Weekly sets of the one-sided pulling exercises, and the model's forecast for them."""

    strong_sets: int
    extra_sets: int
    cap: int
    forecast: Simulation | None


def choose_dose(
    profile: Profile,
    sessions: int,
    template: ProgrammeTemplate,
    params: ModelParameters,
    *,
    draws: int,
    seed: int,
) -> Dose:
    """The stronger side's weekly sets, the weaker side's extra sets and the forecast.

    Parameters
    ----------
    profile
        A cleared profile.
    sessions
        Strength sessions a week with a pulling exercise (0 when none fits the equipment).
    template, params
        The programme template and the model's parameters.
    draws, seed
        As in :func:`backbalance.strength_gap.model.simulate`.

    Returns
    -------
    Dose
        No extra sets unless the gap is clear, measured and below the target; no forecast
        without a measured gap or without sessions.
    """
    rules, target = template.strengthen, params.lsi_targets.value[0]
    strong = rules.strong_sets_per_session.value * sessions
    cap = dose_cap(strong, params, profile.training_status or "novice", rules.flat_fraction.value)
    if not sessions or profile.gap_percent is None:
        return Dose(strong, 0, cap, None)
    extra = 0
    if _needs_bias(profile, target):
        extra = choose_extra_sets(
            profile.scenario(strong_sets=strong),
            params,
            minimum=rules.min_extra_sets.value,
            cap=cap,
            target_weeks=rules.target_weeks.value,
            draws=draws,
            seed=seed,
        )
    forecast = simulate(
        profile.scenario(
            strong_sets=strong, weak_extra_sets=extra, weeks=rules.forecast_weeks.value
        ),
        params,
        draws=draws,
        seed=seed,
    )
    return Dose(strong, extra, cap, forecast)


def refusal(profile: Profile, template: ProgrammeTemplate) -> Refusal | None:
    """The refusal for a profile with a red flag, or None when a programme may be built."""
    if profile.cleared:
        return None
    return Refusal(profile.red_flag, getattr(template.refusal, profile.red_flag))  # type: ignore[arg-type]


def build_programme(
    profile: Profile,
    setup: Setup,
    library: ExerciseLibrary,
    template: ProgrammeTemplate,
    params: ModelParameters,
    *,
    draws: int = 1000,
    seed: int = 0,
) -> Programme | Refusal:
    """Build a learner's three-phase programme, or refuse after a red flag.

    Parameters
    ----------
    profile
        From the self-assessment, a saved JSON file or :func:`manual_profile`.
    setup
        Days a week, equipment and name.
    library, template
        The exercise library and the programme template (:mod:`backbalance.programme.library`).
    params
        The strength-gap model's parameters; the target is the first of ``lsi_targets``.
    draws, seed
        Simulated people for choosing the extra sets and for the forecast.

    Returns
    -------
    Programme or Refusal
        A :class:`Refusal` when the profile reports a red flag.

    Raises
    ------
    ValueError
        When ``setup.days_per_week`` is not offered by the template's schedule.
    """
    refused = refusal(profile, template)
    if refused is not None:
        return refused
    schedule = template.schedule.value
    if setup.days_per_week not in schedule:
        raise ValueError(
            f"days a week must be one of {sorted(schedule)}, got {setup.days_per_week}"
        )
    days = schedule[setup.days_per_week]
    rules, target = template.strengthen, params.lsi_targets.value[0]
    stages = template.phases()
    pulls = _available(stages["strengthen"], library, setup, ("pull",))
    dose = choose_dose(profile, len(days) if pulls else 0, template, params, draws=draws, seed=seed)
    strong, extra, cap, forecast = dose.strong_sets, dose.extra_sets, dose.cap, dose.forecast
    release = release_items(profile, setup, library, template)
    first: Side = profile.weaker_side or "left"
    weeks = (
        template.release.weeks.value,
        strengthen_weeks(forecast.parity_at(target) if forecast else None, template),
        template.integrate.weeks.value,
    )
    starts = np.cumsum((1, *weeks))
    sessions: dict[Phase, Week] = {
        "release": {day: release for day in template.release.days.value},
        "strengthen": strengthen_week(
            days,
            release,
            pulls,
            _available(stages["strengthen"], library, setup, ("stability",)),
            weak=profile.weaker_side,
            per_session=rules.strong_sets_per_session.value,
            extra=extra,
            stability_extra=rules.stability_extra_sets.value if extra else 0,
        ),
        "integrate": integrate_week(
            days,
            release,
            pulls,
            _available(stages["integrate"], library, setup, ("core",)),
            _available(stages["integrate"], library, setup, ("compound",)),
            first=first,
            per_session=rules.strong_sets_per_session.value,
            compound_per_session=template.integrate.compound_per_session.value,
        ),
    }
    intros = {
        "release": template.release.intro,
        "strengthen": rules.intro,
        "integrate": template.integrate.intro,
    }
    blocks = tuple(
        Block(phase, int(starts[i]), int(starts[i + 1] - 1), sessions[phase], intros[phase])
        for i, phase in enumerate(sessions)
    )
    every = rules.retest_every_weeks.value
    retest = tuple(range(blocks[1].first_week - 1 + every, blocks[1].last_week + 1, every))
    messages = _messages(profile, pulls, target)
    if extra and extra == cap:
        messages.append(
            f"The weaker side's sets stop at {strong + cap} a week: in the model, each set beyond "
            f"that adds less than {rules.flat_fraction.value:.0%} of the first set's gain."
        )
    return Programme(
        profile=profile,
        setup=setup,
        blocks=blocks,
        table=programme_table(blocks, retest),
        strong_sets=strong,
        extra_sets=extra,
        max_weak_sets=strong + cap,
        forecast=forecast,
        target=target,
        retest_weeks=retest,
        messages=tuple(messages),
        progression=rules.progression,
        maintenance=template.integrate.maintenance.value,
    )


def manual_profile(
    *,
    red_flag: Literal["none", "clinician", "urgent"],
    weaker_side: Side | None = None,
    gap_percent: float | None = None,
    tight_muscles: Mapping[str, TightSide] | None = None,
    training_status: Status | None = None,
) -> Profile:
    """A profile entered by hand instead of through the self-assessment.

    Parameters
    ----------
    red_flag
        The result of the safety check; there is deliberately no default.
    weaker_side, gap_percent
        The weaker side and how much weaker it is (% of the stronger side); leave both
        out when not measured.
    tight_muscles
        Muscle id (such as ``hip-flexors``) to the tighter side.
    training_status
        ``novice``, ``intermediate`` or ``trained``.

    Returns
    -------
    backbalance.assessment.profile.Profile
        Only the red flag after a red flag, as the self-assessment does.
    """
    if red_flag != "none":
        return Profile(red_flag=red_flag)
    return Profile(
        red_flag="none",
        weaker_side=weaker_side,
        gap_percent=gap_percent,
        tight_muscles=tuple(
            TightMuscle(muscle=m, side=s) for m, s in (tight_muscles or {}).items()
        ),
        training_status=training_status,
    )


# --------------------------------------------------------------------------- reading it


def _dose(item: Item, side: str) -> str:
    sets = item.sets.get(side)
    if sets is None:
        return ""
    exercise = item.exercise
    amount = f"{exercise.reps}" if exercise.reps is not None else f"{exercise.hold_seconds} s"
    return f"{sets} × {amount}"


@dataclass(frozen=True)
class Line:
    """One line of a phase's table: an exercise, the days it is done, a dose per side."""

    exercise: str
    days: tuple[Day, ...]
    left: str
    right: str
    notes: str
    together: bool


def _days_text(days: tuple[Day, ...]) -> str:
    run = DAYS[DAYS.index(days[0]) : DAYS.index(days[0]) + len(days)]
    return f"{days[0]} to {days[-1]}" if len(days) > 2 and tuple(run) == days else ", ".join(days)


def _line(item: Item) -> tuple[tuple[object, ...], Line]:
    """The grouping key and table line of one item (all warm-up stretches share one line)."""
    if WARM_UP in item.notes:
        return (WARM_UP,), Line(
            "Phase 1 stretches (warm-up)",
            (),
            "1 hold each",
            "1 hold each",
            "the release stretches above, in the same order",
            False,
        )
    key = (item.exercise.id, tuple(item.sets.items()), item.notes)
    if "both" in item.sets:
        return key, Line(
            item.exercise.name, (), _dose(item, "both"), "", "; ".join(item.notes), True
        )
    return key, Line(
        item.exercise.name,
        (),
        _dose(item, "left"),
        _dose(item, "right"),
        "; ".join(item.notes),
        False,
    )


def block_lines(block: Block) -> list[Line]:
    """The block's week as table lines: an item done the same way on several days is one line.

    Lines are ordered by their place in the session; the warm-up stretches of Phases 2 and
    3 are one line.
    """
    found: dict[tuple[object, ...], tuple[int, Line, list[Day]]] = {}
    for day, session in block.week.items():
        for position, item in enumerate(session):
            key, line = _line(item)
            _, line, days = found.setdefault(key, (0 if key == (WARM_UP,) else position, line, []))
            if day not in days:
                days.append(day)
    ordered = sorted(found.values(), key=lambda entry: entry[0])
    return [
        Line(line.exercise, tuple(days), line.left, line.right, line.notes, line.together)
        for _, line, days in ordered
    ]


def summary_lines(programme: Programme) -> list[str]:
    """What the programme was built from, one short line each."""
    profile, setup = programme.profile, programme.setup
    gap = (
        f"{profile.weaker_side} side weaker by {profile.gap_percent:g}%"
        if profile.weaker_side and profile.gap_percent
        else "no gap measured"
        if profile.gap_percent is None
        else "no weaker side"
    )
    tight = (
        ", ".join(f"{m.muscle.replace('-', ' ')} ({m.side})" for m in profile.tight_muscles)
        or "none marked"
    )
    equipment = (
        ", ".join(sorted(e.replace("-", " ") for e in setup.equipment if e != "none")) or "none"
    )
    return [
        f"Gap: {gap}.",
        f"Tight muscles: {tight}.",
        f"Training: {profile.training_status or 'not stated (novice assumed)'}; "
        f"{setup.days_per_week} strength days a week.",
        f"Equipment: {equipment}.",
    ]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table_html(block: Block, caption: str) -> str:
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("Exercise", "Days", "Left side", "Right side", "Notes")
    )
    body = []
    for line in block_lines(block):
        doses = (
            f'<td colspan="2">{_e(line.left)}, both sides together</td>'
            if line.together
            else f"<td>{_e(line.left)}</td><td>{_e(line.right)}</td>"
        )
        body.append(
            f'<tr><th scope="row">{_e(line.exercise)}</th><td>{_e(_days_text(line.days))}</td>'
            f"{doses}<td>{_e(line.notes)}</td></tr>"
        )
    return (
        f'<table class="bb-programme-table"><caption>{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def programme_html(programme: Programme | Refusal, heading_level: int = 3) -> str:
    """The programme as accessible HTML: summary, forecast, one table per phase, rules.

    Parameters
    ----------
    programme
        From :func:`build_programme`; a refusal becomes its alert box.
    heading_level
        The level of the phase headings (2 to 5), to fit the page around it.

    Returns
    -------
    str
        A ``<div class="bb-programme">``; text the learner typed is escaped.
    """
    if isinstance(programme, Refusal):
        return programme.to_html()
    h = f"h{heading_level}"
    parts = ['<div class="bb-programme">']
    if programme.setup.name:
        parts.append(f"<p><strong>Programme for {_e(programme.setup.name)}</strong></p>")
    parts.append(
        '<ul class="bb-programme-summary">'
        + "".join(f"<li>{_e(t)}</li>" for t in summary_lines(programme))
        + "</ul>"
    )
    parts.append(
        f'<p class="bb-forecast"><strong>Forecast.</strong> {_e(programme.forecast_text())}</p>'
    )
    parts += [f'<p class="bb-note">{_e(message)}</p>' for message in programme.messages]
    for block in programme.blocks:
        parts.append(f"<{h}>{_e(block.title)}</{h}><p>{_e(block.intro)}</p>")
        if block.phase == "strengthen" and programme.retest_weeks:
            weeks = ", ".join(str(w) for w in programme.retest_weeks)
            parts.append(f"<p>Re-test in weeks {_e(weeks)}.</p>")
        parts.append(_table_html(block, f"{PHASE_TITLES[block.phase]}: a typical week"))
    parts.append(
        f"<{h}>Progressing safely</{h}><ul>"
        + "".join(f"<li>{_e(rule)}</li>" for rule in programme.progression)
        + f"</ul><p>{_e(programme.maintenance)}</p></div>"
    )
    return "".join(parts)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def programme_markdown(programme: Programme | Refusal) -> str:
    """The programme as Markdown, with the same parts as :func:`programme_html`."""
    if isinstance(programme, Refusal):
        return programme.to_markdown()
    lines = [f"**Programme for {_md(programme.setup.name)}**", ""] if programme.setup.name else []
    lines += [f"- {_md(t)}" for t in summary_lines(programme)]
    lines += ["", f"**Forecast.** {_md(programme.forecast_text())}", ""]
    lines += [f"{_md(m)}\n" for m in programme.messages]
    for block in programme.blocks:
        lines += [f"### {block.title}", "", _md(block.intro), ""]
        if block.phase == "strengthen" and programme.retest_weeks:
            lines += [f"Re-test in weeks {', '.join(str(w) for w in programme.retest_weeks)}.", ""]
        lines += ["| Exercise | Days | Left side | Right side | Notes |", "|---|---|---|---|---|"]
        for line in block_lines(block):
            right = "(together)" if line.together else line.right
            lines.append(
                f"| {_md(line.exercise)} | {_days_text(line.days)} | {_md(line.left)} | {_md(right)} "
                f"| {_md(line.notes)} |"
            )
        lines.append("")
    lines += [
        "### Progressing safely",
        "",
        *[f"- {_md(rule)}" for rule in programme.progression],
        "",
        _md(programme.maintenance),
        "",
    ]
    return "\n".join(lines)


HANDOUT_CSS = """
@page { size: %(paper)s; margin: 11mm; }
body { font: 9pt/1.3 "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 14pt; margin: 0 0 2mm; }
h2 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
p, ul { margin: 1mm 0; }
ul { padding-left: 5mm; }
.bb-programme-summary { columns: 2; }
table { width: 100%%; border-collapse: collapse; margin: 1mm 0 2mm; break-inside: avoid; }
caption { text-align: left; font-weight: bold; font-size: 8.5pt; }
th, td { border: 0.5pt solid #555; padding: 0.6mm 1.2mm; text-align: left; vertical-align: top; font-size: 8.5pt; }
thead th { background: #e8e8e8; }
.bb-forecast { border-left: 2.5pt solid #0072B2; padding-left: 2mm; }
.bb-safety { border: 1pt solid #111; padding: 1mm 2mm; margin-top: 2mm; }
@media screen { body { padding: 12mm; font-size: 11pt; } th, td, caption { font-size: 10pt; } }
"""


def handout_html(programme: Programme | Refusal, paper: Literal["A4", "letter"] = "A4") -> str:
    """A one-page printable handout: a complete HTML document with print CSS.

    Parameters
    ----------
    programme
        From :func:`build_programme`.
    paper
        ``"A4"`` or ``"letter"``.

    Returns
    -------
    str
        An HTML document; print it from the browser (one page on A4 or letter).
    """
    title = "Back in Balance: my programme"
    if isinstance(programme, Programme) and programme.setup.name:
        title += f" ({programme.setup.name})"
    safety = (
        "Stop and see a clinician if pain gets worse or new symptoms appear, such as numbness, "
        "weakness, or bladder or bowel trouble. This plan is built from the evidence in the course, "
        "but no trial has tested it for back imbalance."
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{HANDOUT_CSS % {'paper': paper}}</style></head><body><main>"
        f"<h1>{_e(title)}</h1>{programme_html(programme, heading_level=2)}"
        f'<p class="bb-safety"><strong>Safety.</strong> {_e(safety)}</p></main></body></html>'
    )


# --------------------------------------------------------------------------- CSV


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet will not run as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a line break (also after
    leading spaces) gets a leading ``'``, as OWASP advises; other values are unchanged.
    """
    if isinstance(value, str) and (
        value[:1] in FORMULA_START or value.lstrip(" ")[:1] in FORMULA_START
    ):
        return "'" + value
    return value


def safe_csv(table: pd.DataFrame) -> str:
    """The table as CSV text (CRLF line ends) with every text cell made :func:`spreadsheet_safe`."""
    safe = table.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_safe)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def programme_csv(programme: Programme) -> str:
    """The programme's table as CSV, with the learner's name in a ``learner`` column."""
    return safe_csv(programme.table.assign(learner=programme.setup.name))
