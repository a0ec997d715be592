"""Strength-gap simulation: how extra weekly sets on the weaker side close a left/right gap.

A :class:`Scenario` (the gap and its cause, each side's weekly sets, how many of them are
done, the weeks, the training status) is run by :func:`simulate` for many simulated people
on the weekly update of :mod:`backbalance.strength_gap.dynamics` (where the model's
equations and references are), and summarised as P10/P50/P90 bands of latent strength,
of the re-test results a learner would read, and the weeks until the weaker side reaches
each LSI target (:class:`Parity`). :func:`sweep` does the same over a grid of gaps and
extra sets. Pure functions; no I/O.
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
    Cause,
    Dynamics,
    KnownCause,
    People,
    cases_of,
    draw_people,
    first_weeks,
    limb_symmetry_index,
    retest_readings,
    strength_paths,
)
from backbalance.strength_gap.parameters import ModelParameters, Status

BANDS = (10, 50, 90)
"""Percentiles reported across simulated people."""

TABLE_COLUMNS: dict[str, str] = {
    "week": "week of the plan, 0 = the starting test",
    "side": "left or right",
    "strength": "latent strength, typical person (P50)",
    "strength_p10": "latent strength, P10 across people",
    "strength_p90": "latent strength, P90 across people",
    "reading_p10": "observed: a re-test result with the test's noise, P10",
    "reading_p90": "observed: a re-test result with the test's noise, P90",
    "lsi": "LSI of latent strength, typical person (P50)",
    "lsi_p10": "LSI of latent strength, P10",
    "lsi_p90": "LSI of latent strength, P90",
    "lsi_read_p10": "observed: the LSI a re-test shows, P10",
    "lsi_read_p90": "observed: the LSI a re-test shows, P90",
}
"""Every column of :attr:`Simulation.table` and what it holds: ``latent`` is the model's
true strength (what weeks to a target use); ``observed`` is what a learner's re-test reads
(latent strength with the test's noise, :attr:`Simulation.test_sem_percent`), the band a
learner compares results with."""


class GapBeyondLimit(ValueError):
    """A starting gap larger than ``gap_limit``; the message is the plain one from the data."""


def weighted_quantiles(
    values: ArrayLike, percents: Sequence[float], weights: ArrayLike | None = None, axis: int = 0
) -> NDArray[np.float64]:
    """Percentiles along ``axis``, each person counting by ``weights`` (default equal).

    The smallest value whose cumulative weight reaches the share (the "inverted CDF"
    definition), so with equal weights it equals ``numpy.quantile(...,
    method="inverted_cdf")``.

    Parameters
    ----------
    values
        Any shape; the people are on ``axis``.
    percents
        Percentiles, 0-100.
    weights
        One non-negative weight per person, not all zero; None for equal weights.
    axis
        The people's axis.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(percents), *other axes)``.
    """
    shares = np.asarray(percents, dtype=float) / 100
    data = np.asarray(values, dtype=float)
    if axis not in (-1, data.ndim - 1):
        data = np.moveaxis(data, axis, -1)
    if weights is None:
        # A sort along contiguous memory: faster than numpy's partition at several ranks.
        ordered = data.copy(order="C")
        ordered.sort(axis=-1)
        ranks = np.maximum(np.ceil(shares * data.shape[-1]).astype(int) - 1, 0)
        return np.moveaxis(ordered[..., ranks], -1, 0)
    order = np.argsort(data, axis=-1)
    ranked = np.take_along_axis(data, order, axis=-1)
    cumulative = np.cumsum(np.asarray(weights, dtype=float)[order], axis=-1)
    goal = shares.reshape(-1, *([1] * data.ndim)) * cumulative[..., -1:]
    index = np.minimum((cumulative[None] < goal).sum(axis=-1), data.shape[-1] - 1)
    return np.take_along_axis(ranked[None], index[..., None], axis=-1)[..., 0]


class Scenario(BaseModel):
    """One person's starting gap and weekly training plan, as a reader states it.

    The weak side does ``strong_sets`` plus a bias: either ``weak_extra_sets`` more sets,
    or ``weak_percent`` per cent more sets (give at most one; neither means no bias).
    Strength is in any unit; the stronger side starts at ``strong_start``. ``cause`` is
    where the gap comes from (``unknown`` is shown as both ``disuse`` and ``handedness``,
    :func:`simulate_cases`; a single simulation of it puts half its people in each case);
    ``adherence`` is the share of the planned sets actually done (1 = all).
    The largest gap the model covers is the data's ``gap_limit``, checked by
    :meth:`check_gap` (which :func:`simulate` calls).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    gap_percent: float = Field(
        ge=0, lt=100, description="how much weaker the weak side is, % of the stronger"
    )
    strong_sets: float = Field(ge=0, le=40, description="weekly sets for the stronger side")
    weak_extra_sets: float | None = Field(default=None, ge=0, le=40)
    weak_percent: float | None = Field(default=None, ge=0, le=400)
    weeks: int = Field(default=24, ge=1, le=156)
    status: Status = "novice"
    weak_side: Side = "left"
    strong_start: float = Field(default=100.0, gt=0)
    detraining: bool = False
    cause: Cause = "unknown"
    adherence: float = Field(default=1.0, gt=0, le=1, description="share of planned sets done")

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

    def check_gap(self, params: ModelParameters) -> None:
        """Raise :class:`GapBeyondLimit` with the data's plain message beyond ``gap_limit``."""
        if self.gap_percent > params.gap_limit.value:
            raise GapBeyondLimit(params.gap_limit.explain())

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
        """Planned weekly sets ``(left, right)``."""
        weak, strong = self.weak_sets, self.strong_sets
        return (weak, strong) if self.weak_side == "left" else (strong, weak)

    @property
    def done_sets(self) -> tuple[float, float]:
        """Weekly sets ``(left, right)`` actually done: planned times ``adherence``."""
        left, right = self.sets
        return (left * self.adherence, right * self.adherence)


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

    def reach(self, week: int | None, reaches: str, not_within: str) -> str:
        """One phrase in its two verb forms: ``reaches`` for a week, ``not_within`` for ``None``.

        Parameters
        ----------
        week
            One of :attr:`typical`, :attr:`fast` or :attr:`slow`.
        reaches, not_within
            The phrase when the target is reached by ``week`` (for example ``"reaches LSI
            {target}% by week {week}"``) and when it is not (``"does not reach LSI {target}%
            within {horizon} weeks"``); the blanks ``{target}``, ``{week}`` and ``{horizon}``
            are filled in.

        >>> Parity(90, 12, 6, None, 52).reach(None, "by week {week}", "not within {horizon} weeks")
        'not within 52 weeks'
        """
        text = reaches if week is not None else not_within
        return text.format(target=f"{self.target:g}", week=week, horizon=self.horizon)

    def by(self, week: int | None) -> str:
        """``"by week 12"``, or ``"not within 24 weeks"`` for ``None`` (:meth:`reach`)."""
        return self.reach(week, "by week {week}", "not within {horizon} weeks")

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
    ``strength`` (latent strength, P50 across people) and ``strength_p10``/``strength_p90``;
    ``reading_p10``/``reading_p90``, the band of re-test results a learner would read
    (latent strength with the test's noise); and the week's limb symmetry index ``lsi``
    (P50 of latent strength, weaker ÷ stronger × 100) with ``lsi_p10``/``lsi_p90`` and
    ``lsi_read_p10``/``lsi_read_p90`` for the LSI a re-test would show (the same on both
    rows of a week). :data:`TABLE_COLUMNS` says which columns are latent and which
    observed. ``test_sem_percent`` is the re-test noise used (0: none, the observed
    columns equal the latent ones).
    """

    plan: Scenario
    table: pd.DataFrame
    parity: tuple[Parity, ...]
    test_sem_percent: float = 0.0

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


def case_parity_table(cases: dict[str, Simulation], heading: str, names: object) -> pd.DataFrame:
    """:meth:`Simulation.parity_table` of every case, one block of rows per case.

    Parameters
    ----------
    cases
        From :func:`simulate_cases`.
    heading
        The first column's heading (``Course.forecast_wording.forecast.table.case``).
    names
        Each case's name as an attribute (``Course.forecast_wording.forecast.case.name``).

    Returns
    -------
    pandas.DataFrame
        The first column names the case; the others are those of
        :meth:`Simulation.parity_table`.
    """
    tables = []
    for cause, sim in cases.items():
        table = sim.parity_table()
        table.insert(0, heading, getattr(names, cause))
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def weeks_to_target(
    paths: NDArray[np.float64], start: ArrayLike, target: float | Sequence[float]
) -> NDArray[np.int64]:
    """First week in which the initially weaker side reaches ``target`` % of the other.

    Parameters
    ----------
    paths
        Output of :func:`strength_paths`, shape ``(weeks + 1, ..., draws, 2)``.
    start
        The starting strengths used, shape ``(..., 2)``; decides which side is weaker.
    target
        LSI target in per cent, for example 90, or several targets.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., draws)``, with one more leading axis for several targets;
        ``weeks + 1`` where the target is not reached. A side that overtakes the other
        within one week counts as having reached it.
    """
    start = np.asarray(start, dtype=float)
    left_weaker = (start[..., 0] <= start[..., 1])[..., None]
    weak = np.where(left_weaker, paths[..., 0], paths[..., 1])
    strong = np.where(left_weaker, paths[..., 1], paths[..., 0])
    share = np.asarray(target, dtype=float) / 100.0 - 1e-12
    reached = weak >= share.reshape(share.shape + (1,) * weak.ndim) * strong
    # Weeks from the first one reached on; the first week is what is left before them.
    weeks_axis = share.ndim
    ever = np.logical_or.accumulate(reached, axis=weeks_axis)
    return paths.shape[0] - ever.sum(axis=weeks_axis)


def parity_summary(
    first_weeks: NDArray[np.int64],
    target: float | Sequence[float],
    weeks: int,
    weights: ArrayLike | None = None,
) -> list[Parity]:
    """Summarise per-person first weeks as :class:`Parity` (P10, P50, P90 across people).

    Parameters
    ----------
    first_weeks
        Output of :func:`weeks_to_target`, shape ``(..., draws)``.
    target
        The LSI target these weeks refer to, or one target per scenario.
    weeks
        The horizon; later weeks mean "not within the horizon".
    weights
        One weight per person (see :func:`weighted_quantiles`); None for equal weights.

    Returns
    -------
    list[Parity]
        One per scenario (flattened over the leading axes).
    """
    quantiles = weighted_quantiles(first_weeks, BANDS, weights, axis=-1)
    rows = quantiles.reshape(len(BANDS), -1).T

    def week(value: float) -> int | None:
        return int(value) if value <= weeks else None

    targets = np.broadcast_to(np.asarray(target, dtype=float), len(rows)).tolist()
    return [
        Parity(goal, week(mid), week(low), week(high), weeks)
        for goal, (low, mid, high) in zip(targets, rows, strict=True)
    ]


def summarise(
    plan: Scenario,
    paths: NDArray[np.float64],
    readings: NDArray[np.float64],
    params: ModelParameters,
    *,
    weights: ArrayLike | None = None,
    test_sem_percent: float = 0.0,
) -> Simulation:
    """Bands, the tidy table and the weeks to each target of one plan's simulated people.

    Parameters
    ----------
    plan
        The plan simulated.
    paths, readings
        Latent strength and re-test results, shape ``(weeks + 1, draws, 2)``.
    params
        The validated parameter file (for the LSI targets).
    weights
        One weight per person (a posterior, see :mod:`backbalance.strength_gap.forecast`);
        None for equal weights.
    test_sem_percent
        The re-test noise in ``readings``, recorded in the result.

    Returns
    -------
    Simulation
    """
    n, draws = paths.shape[:2]
    # Every banded quantity with the people last, so one sort gives all the bands.
    columns = np.empty((6, n, draws))
    columns[0:2] = paths.transpose(2, 0, 1)
    columns[2:4] = readings.transpose(2, 0, 1)
    columns[4] = limb_symmetry_index(paths)
    columns[5] = limb_symmetry_index(readings)
    low, mid, high = weighted_quantiles(columns, BANDS, weights, axis=-1)  # each (6, week)
    targets = params.lsi_targets.value
    first = weeks_to_target(paths, plan.start, targets)
    parity = tuple(parity_summary(first, targets, n - 1, weights))

    def sides(band: NDArray[np.float64], first: int) -> NDArray[np.float64]:
        return band[first : first + 2].T.ravel()  # week by week, left before right

    table = pd.DataFrame(
        {
            "week": np.repeat(np.arange(n), 2),
            "side": np.tile(np.array(SIDES, dtype=object), n),
            "strength": sides(mid, 0),
            "strength_p10": sides(low, 0),
            "strength_p90": sides(high, 0),
            "reading_p10": sides(low, 2),
            "reading_p90": sides(high, 2),
            "lsi": np.repeat(mid[4], 2),
            "lsi_p10": np.repeat(low[4], 2),
            "lsi_p90": np.repeat(high[4], 2),
            "lsi_read_p10": np.repeat(low[5], 2),
            "lsi_read_p90": np.repeat(high[5], 2),
        }
    )
    return Simulation(plan, table, parity, test_sem_percent)


def simulate(
    plan: Scenario,
    params: ModelParameters,
    *,
    draws: int = 1000,
    seed: int = 0,
    test_sem_percent: float | None = None,
    people: People | None = None,
) -> Simulation:
    """Simulate one plan across ``draws`` people and summarise it.

    Parameters
    ----------
    plan
        Starting gap and its cause, sets, bias, adherence, weeks and training status.
    params
        The validated parameter file.
    draws
        Number of simulated people (at least 1), drawn by
        :func:`backbalance.strength_gap.dynamics.draw_people` for the plan's cause.
    seed
        Seed for the people and the re-test noise.
    test_sem_percent
        Typical error of one strength result, in per cent, for the observed (re-test)
        bands. By default ``params.test_sem_percent``: the course's strength test
        (``data/assessment/strength.yml``) when ``params`` is ``Course.parameters``, so
        the bands a learner reads show what re-tests will read. 0 makes the observed
        columns equal to latent strength.
    people
        Use these people instead of drawing ``draws`` new ones.

    Returns
    -------
    Simulation
        A tidy table and the weeks to each LSI target in ``params.lsi_targets``.

    Raises
    ------
    GapBeyondLimit
        When the plan's gap is beyond ``params.gap_limit`` (the message is the data's).

    Examples
    --------
    >>> from backbalance.course import Course
    >>> params = Course.find().parameters
    >>> plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=4)
    >>> sim = simulate(plan, params, draws=200)
    >>> len(sim.table) == 2 * (plan.weeks + 1)  # a row per side and week, from week 0
    True
    >>> sim.test_sem_percent == Course.find().assessment.strength.test_error.sem_percent
    True
    >>> sim.parity_at(90).describe().startswith("LSI 90%: typical person")
    True
    """
    sem = params.test_sem_percent if test_sem_percent is None else test_sem_percent
    _, paths, readings = run_people(
        plan, params, draws=draws, seed=seed, test_sem_percent=sem, people=people
    )
    return summarise(plan, paths, readings, params, test_sem_percent=sem)


def simulate_cases(
    plan: Scenario,
    params: ModelParameters,
    *,
    draws: int = 1000,
    seed: int = 0,
    test_sem_percent: float | None = None,
) -> dict[KnownCause, Simulation]:
    """The plan once per case its cause is shown as: both for ``unknown``, else its own.

    Each case is :func:`simulate` of the plan with that cause and the same ``seed``, so the
    cases share their simulated people and differ only by where the gap comes from.

    Parameters
    ----------
    plan, params, draws, seed, test_sem_percent
        As in :func:`simulate`.

    Returns
    -------
    dict
        ``{"disuse": Simulation, "handedness": Simulation}`` for an unknown cause (in
        :data:`~backbalance.strength_gap.dynamics.KNOWN_CAUSES` order), else one entry.

    Examples
    --------
    >>> from backbalance.course import Course
    >>> cases = simulate_cases(Scenario(gap_percent=20, strong_sets=6), Course.find().parameters,
    ...                        draws=100)
    >>> {cause: sim.plan.cause for cause, sim in cases.items()}
    {'disuse': 'disuse', 'handedness': 'handedness'}
    """
    return {
        cause: simulate(
            plan.model_copy(update={"cause": cause}),
            params,
            draws=draws,
            seed=seed,
            test_sem_percent=test_sem_percent,
        )
        for cause in cases_of(plan.cause)
    }


def run_people(
    plan: Scenario,
    params: ModelParameters,
    *,
    draws: int,
    seed: int,
    test_sem_percent: float,
    people: People | None = None,
) -> tuple[People, NDArray[np.float64], NDArray[np.float64]]:
    """The simulated people, their latent strength and their re-test readings for ``plan``.

    Arguments as in :func:`simulate`; raises the same errors.

    Returns
    -------
    tuple
        ``(people, paths, readings)``; both arrays have shape ``(weeks + 1, draws, 2)``.
    """
    if people is None and draws < 1:
        raise ValueError(f"draws must be at least 1, got {draws}")
    plan.check_gap(params)
    crowd = people if people is not None else draw_people(params, draws, seed, cause=plan.cause)
    dyn = Dynamics.from_parameters(params, plan.status, detraining=plan.detraining)
    paths = strength_paths(plan.start, plan.done_sets, plan.weeks, dyn, crowd)
    return crowd, paths, retest_readings(paths, test_sem_percent, seed)


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
    cause: Cause = "unknown",
    adherence: float = 1.0,
    draws: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Weeks to an LSI target for every starting gap × weak-side extra sets.

    Uses the same people (seed) for every cell, so cells differ only by the plan, and
    each cell equals ``simulate(Scenario(gap_percent=g, strong_sets=..., weak_extra_sets=e,
    ...), params, draws=draws, seed=seed).parity_at(target)`` (weeks to a target use
    latent strength, so the re-test noise does not enter).

    Parameters
    ----------
    params
        The validated parameter file.
    gaps
        Starting gaps, % of the stronger side, each within ``params.gap_limit``.
    extra_sets
        Extra weekly sets for the weaker side.
    strong_sets, weeks, status, detraining, cause, adherence
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
            cause=cause,
            adherence=adherence,
        )
        for g in gaps
    ]
    for plan in plans:
        plan.check_gap(params)
    goal = params.lsi_targets.value[0] if target is None else target
    dyn = Dynamics.from_parameters(params, status, detraining=detraining)
    people = draw_people(params, draws, seed, cause=cause)
    variants = [plan.with_extra_sets(e) for plan in plans for e in extra_sets]
    start = np.array([v.start for v in variants])
    sets = np.array([v.done_sets for v in variants])
    per_cell = parity_summary(first_weeks(start, sets, weeks, dyn, people, goal), goal, weeks)
    table = pd.DataFrame(
        {
            "gap_percent": np.repeat(np.asarray(gaps, dtype=float), len(extra_sets)),
            "weak_extra_sets": np.tile(np.asarray(extra_sets, dtype=float), len(gaps)),
            "target": goal,
            "week": pd.array([p.typical for p in per_cell], dtype="Int64"),
            "week_fast": pd.array([p.fast for p in per_cell], dtype="Int64"),
            "week_slow": pd.array([p.slow for p in per_cell], dtype="Int64"),
        }
    )
    table.attrs["weeks"] = weeks
    return table
