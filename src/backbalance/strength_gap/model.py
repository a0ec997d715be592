"""Strength-gap simulation: how extra weekly sets on the weaker side close a left/right gap.

A :class:`Scenario` (the gap, each side's weekly sets, the weeks, the training status) is
run by :func:`simulate` for many simulated people on the weekly update of
:mod:`backbalance.strength_gap.dynamics` (where the model's equations and references are),
and summarised as P10/P50/P90 bands and the weeks until the weaker side reaches each LSI
target (:class:`Parity`). :func:`sweep` does the same over a grid of gaps and extra sets.
Pure functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from pydantic import BaseModel, ConfigDict, Field, model_validator

from backbalance.common.types import SIDES, Side
from backbalance.strength_gap.dynamics import (
    Dynamics,
    limb_symmetry_index,
    response_multipliers,
    strength_paths,
)
from backbalance.strength_gap.parameters import ModelParameters, Status

BANDS = (10, 50, 90)
"""Percentiles reported across simulated people."""


class Scenario(BaseModel):
    """One person's starting gap and weekly training plan, as a reader states it.

    The weak side does ``strong_sets`` plus a bias: either ``weak_extra_sets`` more sets,
    or ``weak_percent`` per cent more sets (give at most one; neither means no bias).
    Strength is in any unit; the stronger side starts at ``strong_start``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    gap_percent: float = Field(
        ge=0, le=90, description="how much weaker the weak side is, % of the stronger"
    )
    strong_sets: float = Field(ge=0, le=40, description="weekly sets for the stronger side")
    weak_extra_sets: float | None = Field(default=None, ge=0, le=40)
    weak_percent: float | None = Field(default=None, ge=0, le=400)
    weeks: int = Field(default=24, ge=1, le=156)
    status: Status = "novice"
    weak_side: Side = "left"
    strong_start: float = Field(default=100.0, gt=0)
    detraining: bool = False

    @model_validator(mode="after")
    def _one_bias(self) -> Scenario:
        if self.weak_extra_sets is not None and self.weak_percent is not None:
            raise ValueError("give the weak-side bias as extra sets or as a percentage, not both")
        return self

    @classmethod
    def from_strengths(cls, left: float, right: float, **plan: object) -> Scenario:
        """A plan from both sides' starting strengths instead of a gap.

        Parameters
        ----------
        left, right
            Starting strength of each side, in the same (any) unit; both positive.
        **plan
            The other fields of :class:`Scenario` (``strong_sets``, ``weeks``, ...).

        Returns
        -------
        Scenario
            With ``gap_percent``, ``weak_side`` and ``strong_start`` filled in.
        """
        if not (left > 0 and right > 0):
            raise ValueError(f"starting strengths must be positive, got left={left}, right={right}")
        strong = max(left, right)
        return cls.model_validate(
            {
                **plan,
                "gap_percent": 100 * (1 - min(left, right) / strong),
                "weak_side": "left" if left <= right else "right",
                "strong_start": strong,
            }
        )

    def with_extra_sets(self, extra: float) -> Scenario:
        """The same plan with the bias given as ``extra`` weak-side sets (validated)."""
        return type(self).model_validate(
            {**self.model_dump(), "weak_extra_sets": extra, "weak_percent": None}
        )

    @property
    def weak_sets(self) -> float:
        """Weekly sets for the weaker side."""
        if self.weak_percent is not None:
            return self.strong_sets * (1 + self.weak_percent / 100)
        return self.strong_sets + (self.weak_extra_sets or 0.0)

    @property
    def start(self) -> tuple[float, float]:
        """Starting strength ``(left, right)``."""
        weak = self.strong_start * (1 - self.gap_percent / 100)
        return (weak, self.strong_start) if self.weak_side == "left" else (self.strong_start, weak)

    @property
    def sets(self) -> tuple[float, float]:
        """Weekly sets ``(left, right)``."""
        weak, strong = self.weak_sets, self.strong_sets
        return (weak, strong) if self.weak_side == "left" else (strong, weak)


@dataclass(frozen=True)
class Parity:
    """When the weaker side first reaches ``target`` % of the stronger side.

    ``typical`` is the week by which half of simulated people get there, ``fast`` by which
    one in ten do, ``slow`` by which nine in ten do; ``None`` means not within the
    ``horizon`` (the plan's weeks).
    """

    target: float
    typical: int | None
    fast: int | None
    slow: int | None
    horizon: int

    def by(self, week: int | None) -> str:
        """``"by week 12"``, or ``"not within 24 weeks"`` for ``None``."""
        return f"by week {week}" if week is not None else f"not within {self.horizon} weeks"

    def describe(self) -> str:
        """One plain line, for example ``LSI 90%: typical person by week 28; 1 in 10 ...``."""
        return (
            f"LSI {self.target:g}%: typical person {self.by(self.typical)}; "
            f"1 in 10 people {self.by(self.fast)}; 9 in 10 {self.by(self.slow)}"
        )


@dataclass(frozen=True)
class Simulation:
    """Result of :func:`simulate`.

    ``table`` is tidy: one row per week and side (ordered by week, then left before right),
    with columns ``week``, ``side``,
    ``strength`` (P50 across people) and ``strength_p10``/``strength_p90``, and the week's
    limb symmetry index ``lsi`` (P50, weaker ÷ stronger × 100) with ``lsi_p10``/``lsi_p90``
    (the same on both rows of a week).
    """

    plan: Scenario
    table: pd.DataFrame
    parity: tuple[Parity, ...]

    def parity_at(self, target: float) -> Parity:
        """The :class:`Parity` for one LSI target (for example 90)."""
        return next(p for p in self.parity if p.target == target)

    def parity_table(self) -> pd.DataFrame:
        """Weeks to each LSI target as readable text, one row per target.

        Returns
        -------
        pandas.DataFrame
            Columns ``LSI target``, ``typical person``, ``1 in 10 people`` and
            ``9 in 10 people``, with values such as ``"week 28"`` or
            ``"not within 52 weeks"``.
        """

        def week(p: Parity, value: int | None) -> str:
            return p.by(value).removeprefix("by ")

        return pd.DataFrame(
            {
                "LSI target": [f"{p.target:g}%" for p in self.parity],
                "typical person": [week(p, p.typical) for p in self.parity],
                "1 in 10 people": [week(p, p.fast) for p in self.parity],
                "9 in 10 people": [week(p, p.slow) for p in self.parity],
            }
        )


def weeks_to_target(
    paths: NDArray[np.float64], start: ArrayLike, target: float
) -> NDArray[np.int64]:
    """First week in which the initially weaker side reaches ``target`` % of the other.

    Parameters
    ----------
    paths
        Output of :func:`strength_paths`, shape ``(weeks + 1, ..., draws, 2)``.
    start
        The starting strengths used, shape ``(..., 2)``; decides which side is weaker.
    target
        LSI target in per cent, for example 90.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., draws)``; ``weeks + 1`` where the target is not reached. A side
        that overtakes the other within one week counts as having reached it.
    """
    start = np.asarray(start, dtype=float)
    left_weaker = (start[..., 0] <= start[..., 1])[..., None]
    weak = np.where(left_weaker, paths[..., 0], paths[..., 1])
    strong = np.where(left_weaker, paths[..., 1], paths[..., 0])
    reached = weak >= (target / 100.0 - 1e-12) * strong
    return np.where(reached.any(axis=0), reached.argmax(axis=0), paths.shape[0])


def parity_summary(first_weeks: NDArray[np.int64], target: float, weeks: int) -> list[Parity]:
    """Summarise per-person first weeks as :class:`Parity` (P10, P50, P90 across people).

    Parameters
    ----------
    first_weeks
        Output of :func:`weeks_to_target`, shape ``(..., draws)``.
    target
        The LSI target these weeks refer to.
    weeks
        The horizon; later weeks mean "not within the horizon".

    Returns
    -------
    list[Parity]
        One per scenario (flattened over the leading axes).
    """
    quantiles = np.quantile(first_weeks, [q / 100 for q in BANDS], axis=-1, method="inverted_cdf")
    rows = quantiles.reshape(len(BANDS), -1).T

    def week(value: float) -> int | None:
        return int(value) if value <= weeks else None

    return [Parity(target, week(mid), week(low), week(high), weeks) for low, mid, high in rows]


def simulate(
    plan: Scenario, params: ModelParameters, *, draws: int = 1000, seed: int = 0
) -> Simulation:
    """Simulate one plan across ``draws`` people and summarise it.

    Parameters
    ----------
    plan
        Starting gap, sets, bias, weeks and training status.
    params
        The validated parameter file.
    draws
        Number of simulated people (at least 1).
    seed
        Seed for the people's response multipliers.

    Returns
    -------
    Simulation
        A tidy table and the weeks to each LSI target in ``params.lsi_targets``.

    Examples
    --------
    >>> from backbalance.course import Course
    >>> params = Course.find().parameters
    >>> plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=4)
    >>> sim = simulate(plan, params, draws=200)
    >>> len(sim.table) == 2 * (plan.weeks + 1)  # a row per side and week, from week 0
    True
    >>> sim.parity_at(90).describe().startswith("LSI 90%: typical person")
    True
    """
    if draws < 1:
        raise ValueError(f"draws must be at least 1, got {draws}")
    dyn = Dynamics.from_parameters(params, plan.status, detraining=plan.detraining)
    paths = strength_paths(
        plan.start, plan.sets, plan.weeks, dyn, response_multipliers(dyn.spread, draws, seed)
    )
    strength = np.percentile(paths, BANDS, axis=1)  # (band, week, side)
    lsi = np.percentile(limb_symmetry_index(paths), BANDS, axis=1)  # (band, week)
    parity = tuple(
        parity_summary(weeks_to_target(paths, plan.start, target), target, plan.weeks)[0]
        for target in params.lsi_targets.value
    )
    n = plan.weeks + 1
    table = pd.DataFrame(
        {
            "week": np.repeat(np.arange(n), 2),
            "side": np.tile(np.array(SIDES, dtype=object), n),
            "strength": strength[1].ravel(),
            "strength_p10": strength[0].ravel(),
            "strength_p90": strength[2].ravel(),
            "lsi": np.repeat(lsi[1], 2),
            "lsi_p10": np.repeat(lsi[0], 2),
            "lsi_p90": np.repeat(lsi[2], 2),
        }
    )
    return Simulation(plan, table, parity)


def sweep(
    params: ModelParameters,
    *,
    gaps: Sequence[float],
    extra_sets: Sequence[float],
    strong_sets: float,
    weeks: int,
    status: Status = "novice",
    target: float | None = None,
    detraining: bool = False,
    draws: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Weeks to an LSI target for every starting gap × weak-side extra sets.

    Uses the same people (seed) for every cell, so cells differ only by the plan, and
    each cell equals ``simulate(Scenario(gap_percent=g, strong_sets=..., weak_extra_sets=e,
    ...), params, draws=draws, seed=seed).parity_at(target)``.

    Parameters
    ----------
    params
        The validated parameter file.
    gaps
        Starting gaps, % of the stronger side.
    extra_sets
        Extra weekly sets for the weaker side.
    strong_sets, weeks, status, detraining
        As in :class:`Scenario`.
    target
        LSI target in per cent; default the first of ``params.lsi_targets``.
    draws, seed
        As in :func:`simulate`.

    Returns
    -------
    pandas.DataFrame
        Columns ``gap_percent``, ``weak_extra_sets``, ``target``, ``week`` (P50 across
        people), ``week_fast`` (P10), ``week_slow`` (P90), as nullable integers (``<NA>``:
        not within the horizon); ``attrs["weeks"]`` is the horizon.
    """
    plans = [
        Scenario(
            gap_percent=g,
            strong_sets=strong_sets,
            weeks=weeks,
            status=status,
            detraining=detraining,
        )
        for g in gaps
    ]
    goal = params.lsi_targets.value[0] if target is None else target
    dyn = Dynamics.from_parameters(params, status, detraining=detraining)
    people = response_multipliers(dyn.spread, draws, seed)
    per_gap = []
    for plan in plans:  # one gap at a time keeps memory at weeks × extras × draws
        variants = [plan.with_extra_sets(e) for e in extra_sets]
        start = np.array([v.start for v in variants])
        paths = strength_paths(start, np.array([v.sets for v in variants]), weeks, dyn, people)
        per_gap.extend(parity_summary(weeks_to_target(paths, start, goal), goal, weeks))
    table = pd.DataFrame(
        {
            "gap_percent": np.repeat(np.asarray(gaps, dtype=float), len(extra_sets)),
            "weak_extra_sets": np.tile(np.asarray(extra_sets, dtype=float), len(gaps)),
            "target": goal,
            "week": pd.array([p.typical for p in per_gap], dtype="Int64"),
            "week_fast": pd.array([p.fast for p in per_gap], dtype="Int64"),
            "week_slow": pd.array([p.slow for p in per_gap], dtype="Int64"),
        }
    )
    table.attrs["weeks"] = weeks
    return table
