r"""Progress against the forecast: the learner's re-tests personalise the strength-gap model.

The forecast starts from the first test of the log (:mod:`backbalance.tracker.data`) with
the learner's weekly sets, and learns from the re-tests after it
(:func:`backbalance.strength_gap.forecast.forecast`): the simulated people whose results
resemble the learner's count more, and the band is redrawn from them. With one test the
forecast is the prior, and says so. The latest result is "ahead" or "behind" the typical
forecast only when it differs from it by more than the strength test's smallest real
change (:func:`backbalance.assessment.logic.mdc95` of its SEM); within the noise it is
"on track". When behind, :func:`assess_progress` suggests more weak-side sets, up to the
limit where extra sets stop paying off (:func:`backbalance.programme.dose.dose_cap`). Every
sentence comes from ``data/forecast.yml`` (:mod:`backbalance.strength_gap.wording`).

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

from backbalance.strength_gap.forecast import Forecast, forecast
from backbalance.strength_gap.model import GapBeyondLimit, Parity, Scenario, simulate
from backbalance.strength_gap.parameters import ModelParameters, Status
from backbalance.strength_gap.wording import ForecastWording, TrackerWords, fill
from backbalance.tracker.data import ProgressLog

Verdict = Literal["baseline", "reached", "ahead", "on track", "behind"]


@dataclass(frozen=True)
class Progress:
    """The latest result against the forecast personalised by the log.

    Attributes
    ----------
    log
        The learner's rows.
    forecast
        The forecast from the first test with the learner's weekly sets, personalised by
        the re-tests after it (the prior when there is none).
    status
        ``baseline`` (one test so far), ``reached`` (the current LSI, the mean of the
        last two re-tests, at or above the target: :meth:`Forecast.reached`),
        ``ahead``, ``on track`` (within the test's noise) or ``behind`` the typical forecast.
    suggestion
        What to do next, in plain words.
    """

    log: ProgressLog
    forecast: Forecast
    status: Verdict
    suggestion: str

    def band(self, prior: bool = False) -> pd.DataFrame:
        """The LSI forecast by week, in the log's week numbers.

        Parameters
        ----------
        prior
            The typical forecast before the log, instead of the personalised one.

        Returns
        -------
        pandas.DataFrame
            Columns ``week``, ``lsi`` (P50), ``lsi_p10``, ``lsi_p90`` (latent LSI) and
            ``lsi_read_p10``, ``lsi_read_p90`` (what a re-test would read, with its noise).
        """
        sim = self.forecast.prior if prior else self.forecast.posterior
        table = sim.table
        band = table.loc[
            table["side"] == "left",
            ["week", "lsi", "lsi_p10", "lsi_p90", "lsi_read_p10", "lsi_read_p90"],
        ].reset_index(drop=True)
        band["week"] += self.forecast.start_week
        return band

    @property
    def target(self) -> float:
        """The LSI target, in per cent."""
        return self.forecast.posterior.parity[0].target

    def message(self) -> str:
        """The personalised forecast in words, then what to do next."""
        return f"{self.forecast.message()} {self.suggestion}"


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
    words: TrackerWords,
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
    behind = words.behind
    room = max_weak_sets - strong_sets - extra_sets
    if room <= 0:
        return f"{fill(behind.at_limit, weak_sets=strong_sets + extra_sets)} {behind.checks}"
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
        return f"{fill(behind.beyond_limit, limit=err)} {behind.checks}"
    suggestion = fill(
        behind.more_sets.pick(more),
        more=more,
        weak_sets=strong_sets + extra_sets + more,
        strong_sets=strong_sets,
        target=f"{target:g}",
        then=_weeks_from_now(then, words),
        now=_weeks_from_now(now, words),
    )
    return f"{suggestion} {behind.checks}"


def _weeks_from_now(parity: Parity, words: TrackerWords) -> str:
    if parity.typical is None:
        return fill(words.behind.not_within, weeks=parity.horizon)
    return fill(words.behind.in_weeks.pick(parity.typical), weeks=parity.typical)


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
    wording: ForecastWording | None = None,
) -> Progress | None:
    """Compare the latest result with the forecast personalised by the log.

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
        How far the forecast looks from the first test, at least to the latest logged week.
    draws, seed
        As in :func:`backbalance.strength_gap.model.simulate`.
    sem_percent, wording
        The typical error of one strength result, in per cent, and the sentences (default:
        the course's, ``Course.find().assessment.strength.test_error.sem_percent`` and
        ``Course.find().forecast_wording``).

    Returns
    -------
    Progress or None
        None when the log has no usable row.

    Raises
    ------
    backbalance.strength_gap.model.GapBeyondLimit
        When the first test's gap is beyond the data's ``gap_limit``.
    """
    if log.rows.empty:
        return None
    if sem_percent is None or wording is None:
        from backbalance.course import Course

        course = Course.find()
        sem_percent = (
            course.assessment.strength.test_error.sem_percent
            if sem_percent is None
            else sem_percent
        )
        wording = course.forecast_wording if wording is None else wording
    words = wording.tracker
    rows = log.rows
    first, latest = rows.iloc[0], rows.iloc[-1]
    result = forecast(
        _plan_from(first, strong_sets, extra_sets, status, weeks),
        params,
        rows,
        test_sem_percent=sem_percent,
        draws=draws,
        seed=seed,
        wording=wording,
    )
    target = params.lsi_targets.value[0]
    if result.reached(target):
        suggestion = fill(words.reached, lsi=f"{result.current:g}", target=f"{target:g}")
        return Progress(log, result, "reached", suggestion)
    if not result.personalised:
        return Progress(log, result, "baseline", words.baseline)
    if result.verdict == "ahead":
        return Progress(log, result, "ahead", words.ahead)
    if result.verdict == "as expected":
        return Progress(log, result, "on track", fill(words.on_track, noise=f"{result.noise:.0f}"))
    suggestion = _behind(
        latest,
        params,
        words,
        strong_sets=strong_sets,
        extra_sets=extra_sets,
        max_weak_sets=max_weak_sets,
        status=status,
        weeks=weeks,
        draws=draws,
        seed=seed,
    )
    return Progress(log, result, "behind", suggestion)
