r"""Progress against the forecast: the learner's re-tests personalise the strength-gap model.

The forecast starts from the first test of the log (:mod:`backbalance.tracker.data`) with
the learner's weekly sets, once per case of where the gap comes from
(:func:`backbalance.strength_gap.forecast.forecast_cases`): for an unknown cause (the
default) both cases, disuse or an old injury (the weaker side wins lost strength back) and
the dominant side's normal lead (equal sets keep the gap), each learning from the re-tests
after the first test. With one test each forecast is the prior, and says so. When the log
fits one case by at least ``forecast_confidence`` (:meth:`CaseForecasts.fits`, the one rule
the CLI uses too), the tracker names that case and judges the learner against it alone.

In each case the latest result is "ahead" or "behind" that case's typical forecast only
when it differs from it by more than the strength test's smallest real change
(:func:`backbalance.assessment.logic.mdc95` of its SEM); within the noise it is "on track".
When behind, :func:`assess_progress` suggests more weak-side sets, up to the limit where
extra sets stop paying off (:func:`backbalance.programme.dose.dose_cap`). Every sentence
comes from ``data/forecast.yml`` (:mod:`backbalance.strength_gap.wording`).

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.tracker.data import parse_progress
>>> log = parse_progress("week,left,right\n0,9,12\n")
>>> progress = assess_progress(log, Course.find().parameters, strong_sets=6, extra_sets=3,
...                            max_weak_sets=10, draws=200)
>>> list(progress.shown), progress.status
(['disuse', 'handedness'], 'baseline')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

import pandas as pd

from backbalance.strength_gap.dynamics import Cause, KnownCause
from backbalance.strength_gap.forecast import CaseForecasts, Forecast, forecast_cases
from backbalance.strength_gap.model import GapBeyondLimit, Parity, Scenario, simulate
from backbalance.strength_gap.parameters import ModelParameters, Status
from backbalance.strength_gap.wording import ForecastWording, TrackerWords, fill
from backbalance.tracker.data import ProgressLog

Verdict = Literal["baseline", "reached", "ahead", "on track", "behind"]


@dataclass(frozen=True)
class CaseProgress:
    """The latest result against one case's forecast, personalised by the log.

    Attributes
    ----------
    forecast
        The forecast from the first test with the learner's weekly sets, for this case,
        personalised by the re-tests after it (the prior when there is none).
    status
        ``baseline`` (one test so far), ``reached`` (the current LSI, the mean of the
        last two re-tests, at or above the target: :meth:`Forecast.reached`),
        ``ahead``, ``on track`` (within the test's noise) or ``behind`` this case's
        typical forecast.
    suggestion
        What to do next, in plain words.
    """

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


@dataclass(frozen=True)
class Progress:
    """The latest result against the forecast of each case, personalised by the log.

    Attributes
    ----------
    log
        The learner's rows.
    forecasts
        :func:`~backbalance.strength_gap.forecast.forecast_cases` of the learner's plan:
        one case for a known cause, two for ``unknown``.
    cases
        The verdict and suggestion of every case in ``forecasts``.
    """

    log: ProgressLog
    forecasts: CaseForecasts
    cases: dict[KnownCause, CaseProgress]

    @property
    def named(self) -> KnownCause | None:
        """For an unknown cause, the case the log fits (:meth:`CaseForecasts.fits`), when
        :meth:`CaseForecasts.parts` says so (not when the log is outside both cases)."""
        if len(self.cases) == 1 or all(r.outside_model for r in self.forecasts.cases.values()):
            return None
        return self.forecasts.fits()

    @property
    def shown(self) -> dict[KnownCause, CaseProgress]:
        """The cases the learner is judged against: the named one, else every case."""
        named = self.named
        return self.cases if named is None else {named: self.cases[named]}

    @property
    def status(self) -> str:
        """The shown cases' verdicts, each once, in case order (``on track / behind``)."""
        return " / ".join(dict.fromkeys(case.status for case in self.shown.values()))

    @property
    def target(self) -> float:
        """The LSI target, in per cent."""
        return next(iter(self.cases.values())).forecast.posterior.parity[0].target

    @property
    def suggestion(self) -> str:
        """What to do next: shared by the shown cases, else each after its lead-in."""
        shown = self.shown
        texts = dict.fromkeys(case.suggestion for case in shown.values())
        if len(texts) == 1:
            return next(iter(texts))
        lead = self.forecasts.words().forecast.case.lead
        return " ".join(f"{getattr(lead, c)} {case.suggestion}" for c, case in shown.items())

    def message(self) -> str:
        """The personalised forecast in words, then what to do next (:meth:`paragraphs`)."""
        return " ".join(self.paragraphs())

    def paragraphs(self) -> list[str]:
        """:meth:`message` in paragraphs: what the cases share, and each case on its own.

        For an unknown cause each case's sentences follow its lead-in
        (``forecast.case.lead``), then the sentence on which case the log fits; when it
        clearly fits one (:attr:`named`), that sentence comes first and only that case
        follows. A suggestion the shown cases share is said once, at the end.
        """
        parts = self.forecasts.parts()
        if len(self.cases) == 1:
            ((_, text),) = parts
            return [f"{text} {self.suggestion}"]
        shown = self.shown
        lead = self.forecasts.words().forecast.case.lead
        shared = len(dict.fromkeys(case.suggestion for case in shown.values())) == 1
        if self.named is not None:  # the fit sentence first: it says why only one case follows
            parts = [p for p in parts if p[0] is None] + [p for p in parts if p[0] is not None]
        texts = []
        for cause, text in parts:
            if cause is None:
                texts.append(text)
            elif cause in shown:
                own = "" if shared else f" {shown[cause].suggestion}"
                texts.append(f"{getattr(lead, cause)} {text}{own}")
        if shared:
            texts.append(self.suggestion)
        return texts


def _plan_from(
    row: pd.Series,
    strong_sets: float,
    extra_sets: float,
    status: Status,
    weeks: int,
    cause: Cause,
) -> Scenario:
    return Scenario.from_strengths(
        float(row["left"]),
        float(row["right"]),
        strong_sets=strong_sets,
        weak_extra_sets=extra_sets,
        weeks=weeks,
        status=status,
        cause=cause,
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
    cause: KnownCause,
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
                _plan_from(latest, strong_sets, extra, status, weeks, cause),
                params,
                draws=draws,
                seed=seed,
            ).parity_at(target)
            for extra in (extra_sets, extra_sets + more)
        )
    except GapBeyondLimit as err:  # the latest result is further apart than the model covers
        return f"{fill(behind.beyond_limit, limit=err)} {behind.checks}"
    if then.typical == now.typical:  # by the model, the extra sets would not bring it closer
        return f"{fill(behind.at_limit, weak_sets=strong_sets + extra_sets)} {behind.checks}"
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


def _case_progress(
    result: Forecast, params: ModelParameters, words: TrackerWords, behind: Callable[[], str]
) -> CaseProgress:
    """One case's verdict: reached, baseline, ahead, on track (within the noise) or behind
    (then ``behind()`` says what to do)."""
    target = params.lsi_targets.value[0]
    if result.reached(target):
        suggestion = fill(words.reached, lsi=f"{result.current:g}", target=f"{target:g}")
        return CaseProgress(result, "reached", suggestion)
    if not result.personalised:
        return CaseProgress(result, "baseline", words.baseline)
    if result.verdict == "ahead":
        return CaseProgress(result, "ahead", words.ahead)
    if result.verdict == "as expected":
        return CaseProgress(result, "on track", fill(words.on_track, noise=f"{result.noise:.0f}"))
    return CaseProgress(result, "behind", behind())


def assess_progress(
    log: ProgressLog,
    params: ModelParameters,
    *,
    strong_sets: int,
    extra_sets: int,
    max_weak_sets: int,
    status: Status = "novice",
    cause: Cause | None = None,
    weeks: int = 52,
    draws: int = 1000,
    seed: int = 0,
    sem_percent: float | None = None,
    wording: ForecastWording | None = None,
) -> Progress | None:
    """Compare the latest result with the forecast of each case, personalised by the log.

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
    cause
        Where the gap comes from; ``unknown`` gives both cases; None: the log's own
        (:attr:`ProgressLog.cause`, ``unknown`` unless its file says otherwise).
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
    cause = log.cause if cause is None else cause
    rows = log.rows
    first, latest = rows.iloc[0], rows.iloc[-1]
    results = forecast_cases(
        _plan_from(first, strong_sets, extra_sets, status, weeks, cause),
        params,
        rows,
        test_sem_percent=sem_percent,
        draws=draws,
        seed=seed,
        wording=wording,
    )
    cases = {
        case: _case_progress(
            result,
            params,
            wording.tracker,
            partial(
                _behind,
                latest,
                params,
                wording.tracker,
                strong_sets=strong_sets,
                extra_sets=extra_sets,
                max_weak_sets=max_weak_sets,
                status=status,
                weeks=weeks,
                cause=case,
                draws=draws,
                seed=seed,
            ),
        )
        for case, result in results.cases.items()
    }
    return Progress(log, results, cases)
