r"""Progress against the forecast: the latest re-test result against the strength-gap model.

The forecast starts from the first test of the log (:mod:`backbalance.tracker.data`): the
model's P10-P90 band of the limb symmetry index (LSI) for the learner's weekly sets. The
latest result is then ahead of the band, on track (inside it) or behind it, but only when it
also differs from the band's middle by more than the test's smallest real change
(:func:`backbalance.assessment.logic.mdc95` of the strength test's SEM): a difference
within the noise is "on track". When behind,
:func:`assess_progress` suggests more weak-side sets, up to the limit where extra sets stop
paying off (:func:`backbalance.programme.dose.dose_cap`).

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.tracker.data import parse_progress
>>> log = parse_progress("week,left,right\n0,9,12\n")
>>> assess_progress(log, Course.find().parameters, strong_sets=6, extra_sets=3,
...                 max_weak_sets=10, draws=200).status
'baseline'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from backbalance.assessment.logic import mdc95
from backbalance.strength_gap.model import GapBeyondLimit, Parity, Scenario, Simulation, simulate
from backbalance.strength_gap.parameters import ModelParameters, Status
from backbalance.tracker.data import ProgressLog

Verdict = Literal["baseline", "reached", "ahead", "on track", "behind"]


@dataclass(frozen=True)
class Progress:
    """The latest result against the forecast from the first test.

    Attributes
    ----------
    log
        The learner's rows.
    forecast
        The model's simulation from the first test, with the learner's weekly sets.
    status
        ``baseline`` (one test so far), ``reached`` (LSI at or above the target),
        ``ahead``, ``on track`` or ``behind`` the P10-P90 band.
    suggestion
        What to do next, in plain words.
    """

    log: ProgressLog
    forecast: Simulation
    status: Verdict
    suggestion: str

    def band(self) -> pd.DataFrame:
        """The forecast's LSI by week: columns ``week``, ``lsi`` (P50), ``lsi_p10``, ``lsi_p90``."""
        table = self.forecast.table
        return table.loc[
            table["side"] == "left", ["week", "lsi", "lsi_p10", "lsi_p90"]
        ].reset_index(drop=True)

    @property
    def target(self) -> float:
        """The LSI target, in per cent."""
        return self.forecast.parity[0].target


def _plan_from(
    row: pd.Series, strong_sets: float, extra_sets: float, status: Status, weeks: int
) -> Scenario:
    return Scenario.from_strengths(
        float(row["left"]),
        float(row["right"]),
        strong_sets=strong_sets,
        weak_extra_sets=extra_sets,
        weeks=weeks,
        status=status,
    )


def _behind(
    latest: pd.Series,
    params: ModelParameters,
    *,
    strong_sets: int,
    extra_sets: int,
    max_weak_sets: int,
    status: Status,
    weeks: int,
    draws: int,
    seed: int,
) -> str:
    """More weak-side sets, up to the diminishing-returns limit; or other things to check."""
    checks = (
        "Check your form on video, make sure the weaker side goes first, and re-test on a second day: "
        "a single test can be off by a lot."
    )
    room = max_weak_sets - strong_sets - extra_sets
    if room <= 0:
        return (
            f"You are behind the forecast band. You already do {strong_sets + extra_sets} sets a week on the "
            "weaker side, where the model's extra sets add little. "
            + checks
            + " If nothing changes, a physiotherapist or qualified trainer can help."
        )
    more = min(2, room)
    target = params.lsi_targets.value[0]
    try:
        now, then = (
            simulate(
                _plan_from(latest, strong_sets, extra, status, weeks),
                params,
                draws=draws,
                seed=seed,
            ).parity_at(target)
            for extra in (extra_sets, extra_sets + more)
        )
    except GapBeyondLimit as err:  # the latest result is further apart than the model covers
        return f"You are behind the forecast band. {err} " + checks
    return (
        f"You are behind the forecast band. You could add {more} weak-side set{'s' if more > 1 else ''} a week "
        f"({strong_sets + extra_sets + more} against {strong_sets}). From your latest result, the model's typical "
        f"person would then reach LSI {target:g}% {_weeks_from_now(then)} instead of {_weeks_from_now(now)}. "
        + checks
    )


def _weeks_from_now(parity: Parity) -> str:
    if parity.typical is None:
        return f"not within {parity.horizon} weeks"
    return f"in about {parity.typical} week{'s' if parity.typical != 1 else ''}"


def assess_progress(
    log: ProgressLog,
    params: ModelParameters,
    *,
    strong_sets: int,
    extra_sets: int,
    max_weak_sets: int,
    status: Status = "novice",
    weeks: int = 52,
    draws: int = 1000,
    seed: int = 0,
    sem_percent: float | None = None,
) -> Progress | None:
    """Compare the latest result with the model's forecast from the first test.

    Parameters
    ----------
    log
        From :func:`backbalance.tracker.data.parse_progress`, ``read_progress_csv`` or
        ``progress_from_rows``.
    params
        The model's parameters; the target is the first of ``lsi_targets``.
    strong_sets, extra_sets
        Weekly sets of the stronger side, and the weaker side's extra sets (for example
        :attr:`backbalance.programme.build.Programme.strong_sets` and ``extra_sets``).
    max_weak_sets
        The weaker side's weekly sets at which the dose-response curve flattens
        (:attr:`backbalance.programme.build.Programme.max_weak_sets`).
    status
        Training status.
    weeks
        How far the forecast looks, at least to the latest logged week.
    draws, seed
        As in :func:`backbalance.strength_gap.model.simulate`.
    sem_percent
        The typical error of one strength result, in per cent (default: the course's
        ``Course.find().assessment.strength.test_error.sem_percent``).

    Returns
    -------
    Progress or None
        None when the log has no usable row.
    """
    if log.rows.empty:
        return None
    rows = log.rows
    first, latest = rows.iloc[0], rows.iloc[-1]
    elapsed = int(latest["week"] - first["week"])
    horizon = max(weeks, elapsed)
    forecast = simulate(
        _plan_from(first, strong_sets, extra_sets, status, horizon), params, draws=draws, seed=seed
    )
    target = params.lsi_targets.value[0]
    band = forecast.table[forecast.table["side"] == "left"].set_index("week").loc[elapsed]
    measured = float(latest["lsi"])
    if sem_percent is None:
        from backbalance.course import Course

        sem_percent = Course.find().assessment.strength.test_error.sem_percent
    noise = mdc95(sem_percent)
    if measured >= target:
        return Progress(
            log,
            forecast,
            "reached",
            f"Your LSI is {measured:g}%, at or above {target:g}%. Re-test on a second day. If it holds, "
            "move on to Phase 3 and train both sides evenly.",
        )
    if elapsed == 0:
        return Progress(
            log,
            forecast,
            "baseline",
            "This is your starting point. Log your next test in four weeks to compare it with the forecast.",
        )
    if measured > band["lsi_p90"] and measured - band["lsi"] > noise:
        return Progress(
            log,
            forecast,
            "ahead",
            "You are ahead of the forecast band. Keep going with the same plan.",
        )
    if measured >= band["lsi_p10"] or band["lsi"] - measured <= noise:
        return Progress(
            log,
            forecast,
            "on track",
            "You are on track: inside the band where 8 in 10 people land, or within the "
            f"test's noise (about {noise:.0f} points) of its middle. Keep going with the same plan.",
        )
    return Progress(
        log,
        forecast,
        "behind",
        _behind(
            latest,
            params,
            strong_sets=strong_sets,
            extra_sets=extra_sets,
            max_weak_sets=max_weak_sets,
            status=status,
            weeks=weeks,
            draws=draws,
            seed=seed,
        ),
    )
