"""Personal programme: turn a self-assessment profile into a week-by-week plan.

The programme has three phases, in this order:

1. **release**: stretches (and optional foam rolling and ball release) for the tight
   muscles, tighter side first; afterwards they stay on as the warm-up of every session;
2. **strengthen**: one-sided pulling exercises and the bird-dog, weaker side first, with
   extra weekly sets for the weaker side chosen with the strength-gap model
   (:mod:`backbalance.programme.dose`);
3. **integrate**: planks, side planks and compound moves, both sides evenly.

The exercises of each phase are chosen in :mod:`backbalance.programme.choose`; this module
holds the programme's types and puts the phases together. A profile with a red flag gets a
:class:`Refusal`, never a programme. Everything here is pure: exercises, rules and
parameters come in as validated objects, and the results are dataclasses and pandas
DataFrames; :mod:`backbalance.programme.render` writes them out as HTML, a handout and CSV.

Examples
--------
>>> from backbalance.assessment.profile import load_profile
>>> from backbalance.course import Course
>>> course = Course.find()
>>> programme = build_programme(
...     load_profile(course.path("examples", "desk-worker.json")),
...     Setup(days_per_week=3, equipment={"dumbbell"}),
...     course.exercises, course.programme_template, course.parameters)
>>> [block.phase for block in programme.blocks]
['release', 'strengthen', 'integrate']
>>> list(programme.table.columns) == list(COLUMNS)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from backbalance.assessment.logic import fill
from backbalance.assessment.profile import Profile, Side
from backbalance.common.types import Frozen
from backbalance.programme.choose import (
    Week,
    available,
    integrate_week,
    release_items,
    strengthen_week,
)
from backbalance.programme.dose import (
    beyond_gap_limit,
    choose_dose,
    planned_profile,
    strengthen_weeks,
)
from backbalance.programme.library import Equipment, Exercise, ExerciseLibrary, Phase
from backbalance.programme.template import PainSense, ProgrammeTemplate
from backbalance.strength_gap.dynamics import Cause, KnownCause
from backbalance.strength_gap.model import Parity, Simulation
from backbalance.strength_gap.parameters import ModelParameters
from backbalance.strength_gap.wording import ForecastWording

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

RETEST = "re-test this week"


class Setup(Frozen):
    """What the learner chooses that the profile does not hold.

    ``name`` is what the learner typed; it is escaped in HTML and neutralised in CSV.
    ``cause`` is where the gap comes from (``unknown``: the forecast shows both cases, and
    the extra sets are planned for ``strengthen.unknown_cause`` of ``plan_templates.yml``).
    """

    days_per_week: Annotated[int, Field(ge=1, le=7)] = 3
    equipment: frozenset[Equipment] = frozenset({"none"})
    name: Annotated[str, Field(max_length=80)] = ""
    cause: Cause = "unknown"


@dataclass(frozen=True)
class Refusal:
    """No programme: why, in words the learner reads."""

    level: Literal["urgent", "clinician", "unscreened", "pre_exercise"]
    message: str


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
        What it was built from (the profile as given, with its exact gap).
    blocks
        The three phases, in order.
    table
        One row per week, day, exercise and side (see :data:`COLUMNS`).
    strong_sets, extra_sets
        Weekly sets of the one-sided pulling exercises: stronger side, and the weaker
        side's extra sets.
    max_weak_sets
        Where the model's dose-response curve flattens (the cap on the weaker side's sets).
    forecasts
        The model's simulation of Phase 2 once per case of ``setup.cause``
        (:func:`~backbalance.strength_gap.model.simulate_cases`: both for ``unknown``, in
        :data:`~backbalance.strength_gap.dynamics.KNOWN_CAUSES` order); empty when no gap
        was measured or no pulling exercise fits the equipment.
    planned_for
        The case the extra sets and the weeks of Phase 2 were planned for
        (:func:`~backbalance.programme.dose.planned_cause`).
    target
        The LSI target in per cent.
    retest_weeks
        Programme weeks in which to re-test.
    messages
        Things the learner should know about how the programme was chosen.
    progression, maintenance
        The rules for progressing, and how to keep the gains.
    pain_sense
        What the handout says about pain, flare-ups and lifting (``plan_templates.yml``).
    planned_gap
        The gap the programme was planned from: the profile's gap on the grid of
        ``gap_step`` (:func:`~backbalance.programme.dose.planned_gap`), or None.
    wording
        The sentences of the forecast (``Course.forecast_wording``); None: those of
        ``Course.find()`` (:meth:`words`).
    no_tight
        The note of :attr:`messages` about Phase 1 when no muscle was marked tight
        (``release.no_tight``), else empty.
    equipment_heading
        The line above the list of the equipment it was built for (``equipment_heading``).
    """

    profile: Profile
    setup: Setup
    blocks: tuple[Block, ...]
    table: pd.DataFrame
    strong_sets: int
    extra_sets: int
    max_weak_sets: int
    forecasts: dict[KnownCause, Simulation]
    planned_for: KnownCause
    target: float
    retest_weeks: tuple[int, ...]
    messages: tuple[str, ...] = field(default=())
    progression: tuple[str, ...] = field(default=())
    maintenance: str = ""
    pain_sense: PainSense | None = None
    planned_gap: float | None = None
    wording: ForecastWording | None = None
    no_tight: str = ""
    equipment_heading: str = ""

    def words(self) -> ForecastWording:
        """The forecast's sentences (``data/forecast.yml``): :attr:`wording`, else those of
        ``Course.find()``."""
        if self.wording is not None:
            return self.wording
        from backbalance.course import Course

        return Course.find().forecast_wording

    @property
    def weak_side(self) -> Side | None:
        """The side that gets the extra sets, or None when both sides train evenly."""
        return self.profile.weaker_side if self.extra_sets > 0 else None

    @property
    def forecast(self) -> Simulation | None:
        """The forecast of the case planned for (:attr:`planned_for`), or None."""
        return self.forecasts.get(self.planned_for)

    @property
    def parity(self) -> Parity | None:
        """Weeks of Phase 2 to the LSI target in the case planned for (typical person, 1 in
        10, 9 in 10)."""
        return self.forecast.parity_at(self.target) if self.forecast is not None else None

    def parities(self) -> dict[KnownCause, Parity]:
        """:attr:`parity` of every case of :attr:`forecasts`."""
        return {cause: sim.parity_at(self.target) for cause, sim in self.forecasts.items()}


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


def _messages(
    profile: Profile, pulls: list[Exercise], template: ProgrammeTemplate, params: ModelParameters
) -> list[str]:
    messages, target, rules = [], params.lsi_targets.value[0], template.strengthen
    if profile.gap_percent is not None and not beyond_gap_limit(profile, params):
        messages.append(fill(rules.planned_from, gap=f"{profile.gap_percent:g}"))
    if not profile.tight_muscles:
        messages.append(template.release.no_tight)
    if profile.gap_percent is None:
        messages.append(rules.no_gap)
    elif beyond_gap_limit(profile, params):
        messages.append(fill(rules.beyond_gap_limit, limit=f"{params.gap_limit.value:g}"))
    elif profile.clear_gap is False:
        messages.append(rules.within_noise)
    elif 100 - profile.gap_percent >= target:
        messages.append(fill(rules.at_target, target=f"{target:g}"))
    if not pulls:
        messages.append(rules.no_pulls)
    return messages


def refusal(profile: Profile, template: ProgrammeTemplate) -> Refusal | None:
    """The refusal for a profile with a red flag or whose tests were stopped, else None.

    A see-a-clinician sign with a dated clinician's check (``cleared``) is no red flag here;
    a yes before the tests without one (``pre_exercise`` is ``stopped``) is refused too.
    """
    if not profile.cleared:
        return Refusal(profile.red_flag, getattr(template.refusal, profile.red_flag))  # type: ignore[arg-type]
    if not profile.may_exercise:
        return Refusal("pre_exercise", template.refusal.pre_exercise)
    return None


def build_programme(
    profile: Profile,
    setup: Setup,
    library: ExerciseLibrary,
    template: ProgrammeTemplate,
    params: ModelParameters,
    *,
    draws: int = 1000,
    seed: int = 0,
    wording: ForecastWording | None = None,
) -> Programme | Refusal:
    """Build a learner's three-phase programme, or refuse after a red flag.

    Parameters
    ----------
    profile
        From the self-assessment, a saved JSON file or
        :func:`backbalance.programme.manual.manual_profile`.
    setup
        Days a week, equipment and name.
    library, template
        The exercise library and the programme template (:mod:`backbalance.programme.library`,
        :mod:`backbalance.programme.template`).
    params
        The strength-gap model's parameters; the target is the first of ``lsi_targets``.
        The programme is planned from the profile's gap on the grid of the template's
        ``gap_step`` (:func:`~backbalance.programme.dose.planned_profile`), the same grid
        as the static page's programme.
    draws, seed
        Simulated people for choosing the extra sets and for the forecast.
    wording
        The forecast's sentences (``Course.forecast_wording``), kept on the programme for
        its renderers; None: those of ``Course.find()``.

    Returns
    -------
    Programme or Refusal
        A :class:`Refusal` when the profile reports a red flag, or a yes before the tests
        without a clinician's check.

    Raises
    ------
    ValueError
        When ``setup.days_per_week`` is not offered by the template's schedule.
    """
    refused = refusal(profile, template)
    if refused is not None:
        return refused
    given, profile = profile, planned_profile(profile, template, params)
    schedule = template.schedule.value
    if setup.days_per_week not in schedule:
        raise ValueError(
            f"days a week must be one of {sorted(schedule)}, got {setup.days_per_week}"
        )
    days = schedule[setup.days_per_week]
    rules, target = template.strengthen, params.lsi_targets.value[0]
    stages = template.phases()
    pulls = available(stages["strengthen"], library, setup.equipment, ("pull",))
    dose = choose_dose(
        profile,
        len(days) if pulls else 0,
        template,
        params,
        cause=setup.cause,
        draws=draws,
        seed=seed,
    )
    strong, extra, cap, forecast = dose.strong_sets, dose.extra_sets, dose.cap, dose.forecast
    release = release_items(profile, setup.equipment, library, template)
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
            available(stages["strengthen"], library, setup.equipment, ("stability",)),
            weak=profile.weaker_side,
            per_session=rules.strong_sets_per_session.value,
            extra=extra,
            stability_extra=rules.stability_extra_sets.value if extra else 0,
        ),
        "integrate": integrate_week(
            days,
            release,
            pulls,
            available(stages["integrate"], library, setup.equipment, ("core",)),
            available(stages["integrate"], library, setup.equipment, ("compound",)),
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
    messages = _messages(profile, pulls, template, params)
    if extra:
        messages.append(
            fill(
                rules.weaker_side_rule,
                extra=str(extra),
                strong=str(strong),
                stability=str(rules.stability_extra_sets.value),
            )
        )
    if extra and extra == cap:
        messages.append(
            fill(
                rules.weaker_side_cap,
                most=str(strong + cap),
                flat=f"{rules.flat_fraction.value:.0%}",
            )
        )
    if extra and setup.cause == "unknown":
        messages.append(rules.unknown_cause_note)
    return Programme(
        profile=given,
        setup=setup,
        blocks=blocks,
        table=programme_table(blocks, retest),
        strong_sets=strong,
        extra_sets=extra,
        max_weak_sets=strong + cap,
        forecasts=dose.forecasts,
        planned_for=dose.planned_for,
        target=target,
        retest_weeks=retest,
        messages=tuple(messages),
        progression=rules.progression,
        maintenance=template.integrate.maintenance.value,
        pain_sense=template.pain_sense,
        planned_gap=None if beyond_gap_limit(profile, params) else profile.gap_percent,
        wording=wording,
        no_tight="" if profile.tight_muscles else template.release.no_tight,
        equipment_heading=template.equipment_heading,
    )
