"""Choosing the dose: the weaker side's extra weekly sets, with the strength-gap model.

The extra sets are the fewest with which the model's typical person (P50) reaches the first
LSI target (90%) within ``target_weeks`` in the case of where the gap comes from that the
programme is planned for (:func:`planned_cause`: for an unknown cause, the case in which equal
sets keep the gap, ``unknown_cause`` of ``plan_templates.yml``), but never so many that the weaker side's weekly
sets pass the point where the model's dose-response curve flattens (:func:`dose_cap`).

Examples
--------
>>> split_extra(4, 3)
[2, 1, 1]
>>> from backbalance.course import Course
>>> dose_cap(20, Course.find().parameters, "novice", 0.05)  # 20 sets: past the flat point
0
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from backbalance.assessment.profile import Profile
from backbalance.programme.template import ProgrammeTemplate
from backbalance.strength_gap.dynamics import Cause, KnownCause, weekly_gain
from backbalance.strength_gap.model import (
    Parity,
    Scenario,
    Simulation,
    simulate_cases,
    sweep,
)
from backbalance.strength_gap.parameters import ModelParameters, Status


def dose_cap(
    strong_sets: float, params: ModelParameters, status: Status, flat_fraction: float
) -> int:
    """Most extra weekly sets before the weaker side passes the flat part of the dose curve.

    The weaker side's weekly sets stop at the first count ``V`` whose next set would add
    less than ``flat_fraction`` of the first set's gain in the model's dose-response
    curve (:func:`backbalance.strength_gap.dynamics.weekly_gain`).

    Parameters
    ----------
    strong_sets
        Weekly sets of the stronger side (a :class:`~backbalance.strength_gap.model.Scenario`
        holds them as a float).
    params
        The model's parameters.
    status
        Training status.
    flat_fraction
        For example 0.1: a set adding under a tenth of the first set's gain is "flat".

    Returns
    -------
    int
        ``max(0, V - strong_sets)``, rounded down to whole sets.
    """
    sets = np.arange(0, 61)
    marginal = np.diff(weekly_gain(sets, params, status))
    flat = np.flatnonzero(marginal < flat_fraction * marginal[0])
    weak_max = int(flat[0]) if flat.size else int(sets[-1])
    return max(0, math.floor(weak_max - strong_sets))


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
        The learner's starting gap, status, stronger-side sets, the gap's cause, adherence
        and detraining, as the scenario holds them (its bias is ignored; an unknown cause is
        simulated as :func:`~backbalance.strength_gap.model.simulate` does, half the people in
        each case: :func:`choose_dose` plans an unknown cause as ``unknown_cause`` instead).
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
        detraining=plan.detraining,
        cause=plan.cause,
        adherence=plan.adherence,
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


def beyond_gap_limit(profile: Profile, params: ModelParameters) -> bool:
    """Whether the profile's gap is larger than the one gap limit (``gap_limit``) of the model."""
    return profile.gap_percent is not None and profile.gap_percent > params.gap_limit.value


def planned_gap(gap: float | None, step: int, limit: float) -> float | None:
    """The gap a programme is planned from: ``gap`` rounded half up to a multiple of ``step``
    points, never past ``limit``; no gap, or one beyond ``limit``, is left as it is.

    The static page's programme (:mod:`backbalance.programme.web`) keys its lookup on this
    value, so the page and :func:`~backbalance.programme.build.build_programme` plan from the
    same gap.

    >>> planned_gap(14.3, 1, 50), planned_gap(14.5, 1, 50), planned_gap(9.96, 1, 50)
    (14.0, 15.0, 10.0)
    >>> planned_gap(49.5, 1, 49.6), planned_gap(60.0, 1, 50), planned_gap(None, 1, 50)
    (49.6, 60.0, None)
    """
    if gap is None or gap > limit:
        return gap
    return float(min(math.floor(gap / step + 0.5) * step, limit))


def planned_profile(
    profile: Profile, template: ProgrammeTemplate, params: ModelParameters
) -> Profile:
    """``profile`` with its gap on the programme's grid (:func:`planned_gap`, ``gap_step`` of
    ``plan_templates.yml``): the profile every programme is planned from."""
    gap = planned_gap(
        profile.gap_percent, template.strengthen.gap_step.value, params.gap_limit.value
    )
    return (
        profile if gap == profile.gap_percent else profile.model_copy(update={"gap_percent": gap})
    )


def _needs_bias(profile: Profile, target: float) -> bool:
    """A clear, measured gap whose starting LSI is below the target."""
    return (
        profile.weaker_side is not None
        and profile.gap_percent is not None
        and profile.clear_gap is not False
        and 100 - profile.gap_percent < target
    )


def planned_cause(cause: Cause, template: ProgrammeTemplate) -> KnownCause:
    """The case a programme is planned for: ``cause`` itself, or for ``unknown`` the
    template's ``strengthen.unknown_cause`` (the case in which equal sets keep the gap, so
    the dose is enough either way).

    >>> from backbalance.course import Course
    >>> template = Course.find().programme_template
    >>> planned_cause("disuse", template), planned_cause("unknown", template)
    ('disuse', 'handedness')
    """
    return template.strengthen.unknown_cause.value if cause == "unknown" else cause


def programme_extra_sets(
    plan: Scenario, template: ProgrammeTemplate, params: ModelParameters, *, draws: int, seed: int
) -> int:
    """The extra weekly sets a programme gives the weaker side for ``plan``: the fewest from
    ``strengthen.min_extra_sets`` up to :func:`dose_cap` that bring the typical person to the
    LSI target within ``strengthen.target_weeks`` (:func:`choose_extra_sets`), planned for
    :func:`planned_cause` of the plan's cause. :func:`choose_dose` uses it for a programme
    that needs extra sets; the simulation page's worked example calls it for its plan.
    """
    rules = template.strengthen
    return choose_extra_sets(
        plan.model_copy(update={"cause": planned_cause(plan.cause, template)}),
        params,
        minimum=rules.min_extra_sets.value,
        cap=dose_cap(plan.strong_sets, params, plan.status, rules.flat_fraction.value),
        target_weeks=rules.target_weeks.value,
        draws=draws,
        seed=seed,
    )


@dataclass(frozen=True)
class Dose:
    """Weekly sets of the one-sided pulling exercises, and the model's forecast for them.

    ``forecasts`` holds one simulation per case of the cause
    (:func:`~backbalance.strength_gap.model.simulate_cases`: both for ``unknown``), empty
    without a forecast; ``planned_for`` is the case the extra sets were chosen for
    (:func:`planned_cause`).
    """

    strong_sets: int
    extra_sets: int
    cap: int
    forecasts: dict[KnownCause, Simulation]
    planned_for: KnownCause

    @property
    def forecast(self) -> Simulation | None:
        """The forecast of the case planned for, or None."""
        return self.forecasts.get(self.planned_for)


DOSES_KEPT = 256
"""Doses :func:`choose_dose` keeps (each a few tens of kilobytes)."""

_doses: OrderedDict[tuple[object, ...], tuple[ProgrammeTemplate, ModelParameters, Dose]] = (
    OrderedDict()
)


def choose_dose(
    profile: Profile,
    sessions: int,
    template: ProgrammeTemplate,
    params: ModelParameters,
    *,
    cause: Cause = "unknown",
    draws: int,
    seed: int,
) -> Dose:
    """The stronger side's weekly sets, the weaker side's extra sets and the forecast.

    The same inputs always give the same dose (the people are drawn with ``seed``), so the
    last :data:`DOSES_KEPT` are kept: the book's page and the golden cases build thousands
    of programmes that differ only in equipment and days, not in their dose. A kept dose is
    used only for the very same ``template`` and ``params`` objects (it holds them, so
    their identity cannot be taken by others while it is kept).

    Parameters
    ----------
    profile
        A cleared profile.
    sessions
        Strength sessions a week with a pulling exercise (0 when none fits the equipment).
    template, params
        The programme template and the model's parameters.
    cause
        Where the gap comes from; the extra sets are chosen for :func:`planned_cause`.
    draws, seed
        As in :func:`backbalance.strength_gap.model.simulate`.

    Returns
    -------
    Dose
        Planned from the profile's gap on the grid (:func:`planned_profile`), as every
        programme is. No extra sets unless the gap is clear, measured and below the target;
        no forecast without a measured gap, with a gap beyond ``gap_limit``, or without
        sessions; a forecast for each case of ``cause``.
    """
    profile = planned_profile(profile, template, params)
    key = (profile.model_dump_json(), sessions, cause, draws, seed, id(template), id(params))
    kept = _doses.get(key)
    if kept is not None and kept[0] is template and kept[1] is params:
        _doses.move_to_end(key)
        return kept[2]
    dose = _chosen_dose(profile, sessions, template, params, cause, draws, seed)
    _doses[key] = (template, params, dose)
    if len(_doses) > DOSES_KEPT:
        _doses.popitem(last=False)
    return dose


def _chosen_dose(
    profile: Profile,
    sessions: int,
    template: ProgrammeTemplate,
    params: ModelParameters,
    cause: Cause,
    draws: int,
    seed: int,
) -> Dose:
    """:func:`choose_dose`'s work, for a profile already on the grid."""
    rules, target = template.strengthen, params.lsi_targets.value[0]
    strong = rules.strong_sets_per_session.value * sessions
    cap = dose_cap(strong, params, profile.training_status or "novice", rules.flat_fraction.value)
    planned_for = planned_cause(cause, template)
    if not sessions or profile.gap_percent is None or beyond_gap_limit(profile, params):
        return Dose(strong, 0, cap, {}, planned_for)
    extra = 0
    if _needs_bias(profile, target):
        extra = programme_extra_sets(
            profile.scenario(strong_sets=strong, cause=cause),
            template,
            params,
            draws=draws,
            seed=seed,
        )
    forecasts = simulate_cases(
        profile.scenario(
            strong_sets=strong,
            weak_extra_sets=extra,
            weeks=rules.forecast_weeks.value,
            cause=cause,
        ),
        params,
        draws=draws,
        seed=seed,
    )
    return Dose(strong, extra, cap, forecasts, planned_for)
