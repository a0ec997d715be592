r"""A forecast that learns from the learner: re-weigh the simulated people by a re-test log.

The prior forecast is :func:`backbalance.strength_gap.model.simulate`: many simulated
people, each with a response multiplier and drawn model parameters. A learner's log of
re-tests (week, left, right; the first row is the starting test) tells which of those
people resemble the learner. Each person gets the likelihood of the log given the test's
noise, and the bands and the weeks to each target are recomputed with those weights (an
importance-weighted posterior over every uncertain part of the model, the person's
response first). With no re-test after the first, every weight is equal and the forecast
is the prior.

The likelihood: with :math:`y_{j} = \log(R_j / R_0)` the measured change of one side at
the :math:`j`-th of :math:`k` re-tests, :math:`\mu_j` the person's latent change and
:math:`\sigma` the test's typical error (as a fraction), every reading carries its own
noise, and all share the noise of the starting test, so the residuals
:math:`r_j = y_j - \mu_j` have covariance :math:`\sigma^2 (I + J)` and

.. math::

    -2 \log L = \frac{1}{\sigma^2} \sum_{\text{sides}}
    \Bigl(\sum_j r_j^2 - \frac{(\sum_j r_j)^2}{k + 1}\Bigr) + \text{const}.

The same sum is a chi-square with :math:`2k` degrees of freedom for the person who
really produced the log. So the log is **outside what the model can forecast** when even
the best-supported simulated person leaves a chi-square that the test's noise alone would
exceed less often than ``forecast.misfit.below`` of ``data/forecast.yml`` (the weights then
still spread over many people, all equally far off, so the effective number of people
cannot tell). The message then says so first, in which direction the gap moves (the
learner's change against that person's, beyond the test's smallest real change), and
claims neither a pace nor "ahead" or "behind" of a typical path the log is not on.

The words follow the numbers, and the words themselves are in ``data/forecast.yml``
(:mod:`backbalance.strength_gap.wording`): "ahead" or "behind" only when the latest LSI
differs from the typical forecast by more than the strength test's smallest real change
(:func:`backbalance.assessment.logic.mdc95` of its SEM, the course's one noise rule);
"faster" or "slower than typical" is about what the learner sees, the weaker side's gain
since the starting test, and is said only when the measured gain differs from the typical
person's by more than that smallest real change and the posterior puts at least
``forecast_confidence`` of its weight on people whose weaker side gained more (or less)
by the last re-test than the typical person's. A target is **reached** once the learner's
current LSI (:func:`current_lsi`: the mean of the last two re-tests, as the tracker
judges it) is at or above it, whatever the model says.

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.strength_gap.model import Scenario
>>> course = Course.find()
>>> sem = course.assessment.strength.test_error.sem_percent
>>> plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=4, weeks=52)
>>> log = retest_log([(0, 80, 100), (4, 100, 108), (8, 112, 114), (12, 122, 120)])
>>> fc = forecast(plan, course.parameters, log, test_sem_percent=sem, draws=500)
>>> fc.personalised, fc.pace, fc.outside_model
(True, 'faster', False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from backbalance.assessment.profile import Profile
    from backbalance.course import Course

from backbalance.assessment.logic import limb_symmetry_index as measured_lsi
from backbalance.assessment.logic import mdc95, round_half_up
from backbalance.common.html import escaped_table
from backbalance.strength_gap.dynamics import (
    Cause,
    KnownCause,
    People,
    cases_of,
    limb_symmetry_index,
)
from backbalance.strength_gap.model import (
    BANDS,
    Parity,
    Scenario,
    Simulation,
    run_people,
    summarise,
    weighted_quantiles,
)
from backbalance.strength_gap.parameters import ModelParameters
from backbalance.strength_gap.wording import ForecastWording, ForecastWords, fill

Pace = Literal["faster", "typical", "slower"]
Verdict = Literal["no re-test yet", "ahead", "as expected", "behind"]
Direction = Literal["faster", "slower", "different"]


class LogError(ValueError):
    """A re-test log that cannot personalise a forecast; the message says why."""


def retest_log(rows: Iterable[tuple[float, float, float]]) -> pd.DataFrame:
    """A log from ``(week, left, right)`` rows, in the columns the tracker uses.

    Parameters
    ----------
    rows
        Week of each test and both sides' results (the same test, the same unit).

    Returns
    -------
    pandas.DataFrame
        Columns ``week``, ``left``, ``right``, sorted by week.
    """
    table = pd.DataFrame(list(rows), columns=["week", "left", "right"])
    return table.sort_values("week", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Forecast:
    """The prior and the personalised forecast, with the words for a learner.

    Attributes
    ----------
    prior
        The forecast before the log (every person weighted equally).
    posterior
        The forecast re-weighted by the log (equal to ``prior`` without re-tests).
    weights
        One weight per simulated person, summing to 1.
    response
        The P10, P50 and P90 of the learner's response relative to the typical person
        (1 = typical), under the posterior.
    pace
        ``faster``, ``typical`` or ``slower`` than typical (see the module docstring).
    verdict
        The latest re-test against the typical forecast: ``ahead``, ``as expected``
        (within the test's noise), ``behind`` or ``no re-test yet``.
    start_week
        The log's week of the starting test (forecast weeks count from it).
    effective_people
        How many equally weighted people the posterior is worth; small means the log is
        far from what the model expects.
    tests
        How many tests the log holds (0: no log).
    noise
        The test's smallest real change in LSI points (:func:`mdc95` of its SEM).
    difference
        The latest re-test's LSI minus the typical forecast's, in points (None without a
        re-test).
    fit
        How often the test's noise alone would put a log at least as far from the
        best-supported simulated person as this one is (a chi-square tail probability;
        1 without a re-test).
    direction
        Where the log leaves the best-supported person: ``faster`` (the starting weaker
        side has caught up more than that person's, beyond ``noise``), ``slower`` or
        ``different``.
    current
        The learner's current LSI (:func:`current_lsi`; None without a log).
    evidence
        The log's likelihood averaged over the (prior) simulated people, as a logarithm (0
        without a re-test): how well this model, as a whole, explains the log. Two cases'
        evidence tells which case the log fits better (:class:`CaseForecasts`).
    latest_week
        The log's week of the last test (forecast weeks before it are past; 0 without a log).
    wording
        The sentences (``Course.forecast_wording``); None reads them from
        ``Course.find()`` when a message is asked for.
    """

    prior: Simulation
    posterior: Simulation
    weights: NDArray[np.float64]
    response: tuple[float, float, float]
    pace: Pace
    verdict: Verdict
    start_week: int
    effective_people: float
    tests: int = 0
    noise: float = 0.0
    difference: float | None = None
    fit: float = 1.0
    direction: Direction = "different"
    current: float | None = None
    wording: ForecastWording | None = None
    evidence: float = 0.0
    latest_week: int = 0

    @property
    def personalised(self) -> bool:
        """True when at least one re-test after the first changed the weights."""
        return self.verdict != "no re-test yet"

    @property
    def outside_model(self) -> bool:
        """True when no simulated person explains the log within the test's noise.

        The cut-off is ``forecast.misfit.below`` of ``data/forecast.yml``.
        """
        return self.personalised and self.fit < self.words().forecast.misfit.below

    def reached(self, target: float) -> bool:
        """True when the learner's current LSI is already at or above ``target``."""
        return self.current is not None and self.current >= target

    def words(self) -> ForecastWording:
        """The course's sentences: ``wording``, else those of ``Course.find()``."""
        if self.wording is not None:
            return self.wording
        from backbalance.course import Course

        return Course.find().forecast_wording

    def message(self) -> str:
        """The forecast in plain words, for example ``Your log so far says ...``."""
        return " ".join([*self.opening(), *self.outlook()])

    def opening(self) -> list[str]:
        """The first sentences: what the log says (or that there is none yet)."""
        words = self.words().forecast
        if self.outside_model:
            return [getattr(words.misfit, self.direction)]
        if not self.personalised:
            return [words.start_only if self.tests == 1 else words.prior]
        verdict = {
            "ahead": words.verdict.ahead,
            "behind": words.verdict.behind,
            "as expected": words.verdict.as_expected,
        }[self.verdict]
        return [
            fill(words.personalised, pace=getattr(words.pace, self.pace)),
            fill(verdict, difference=f"{abs(self.difference or 0):.0f}", noise=f"{self.noise:.0f}"),
        ]

    def outlook(self) -> list[str]:
        """The weeks to each target (or that it is reached), and a warning when rough."""
        words = self.words().forecast
        parts = []
        for parity in self.posterior.parity:
            if self.reached(parity.target):
                parts.append(
                    fill(words.reached, target=f"{parity.target:g}", lsi=f"{self.current:g}")
                )
            else:
                parts.append(
                    likely_by(parity, self.start_week, words, self.latest_week - self.start_week)
                )
        if not self.outside_model and self.effective_people < words.rough.below:
            parts.append(words.rough.text)
        return parts

    def weeks_table(self) -> pd.DataFrame:
        """Weeks (in the log's numbering) to each LSI target: P10, P50, P90, prior and now.

        Returns
        -------
        pandas.DataFrame
            Columns ``target``, ``week_p10``, ``week_p50``, ``week_p90`` (personalised)
            and ``prior_p10``, ``prior_p50``, ``prior_p90``, nullable integers (``<NA>``:
            not within the horizon), and ``personalised``.
        """

        def weeks(parity: tuple[Parity, ...], attr: str) -> pd.array:
            values = [getattr(p, attr) for p in parity]
            return pd.array(
                [None if v is None else v + self.start_week for v in values], dtype="Int64"
            )

        columns = {"target": [p.target for p in self.posterior.parity]}
        for prefix, sim in (("week", self.posterior), ("prior", self.prior)):
            for band, attr in (("p10", "fast"), ("p50", "typical"), ("p90", "slow")):
                columns[f"{prefix}_{band}"] = weeks(sim.parity, attr)
        table = pd.DataFrame(columns)
        table["personalised"] = self.personalised
        table.attrs["weeks"] = self.posterior.plan.weeks + self.start_week
        return table

    def reader_table(self) -> Styler:
        """:meth:`weeks_table` as a reader sees it: headings in words, ``90%``, whole weeks.

        The headings and the text of a missing week are ``forecast.table`` of
        ``data/forecast.yml``; every cell and heading is escaped as HTML.
        """
        heads = self.words().forecast.table
        table = self.weeks_table()
        shown = pd.DataFrame(
            {
                heads.target: [f"{target:g}%" for target in table["target"]],
                heads.fast: table["week_p10"],
                heads.typical: table["week_p50"],
                heads.slow: table["week_p90"],
                heads.prior_typical: table["prior_p50"],
            }
        )
        return escaped_table(shown, heads.missing)


@dataclass(frozen=True)
class CaseForecasts:
    """The forecast once per case of where the gap comes from, with the words for both.

    A known cause is one case; ``unknown`` is two, ``disuse`` (an old injury or disuse: the
    weaker side wins lost strength back) and ``handedness`` (the dominant side's normal
    lead: equal sets keep the gap), each with its own bands and weeks. With re-tests,
    :attr:`fit` says how much the log favours the disuse case.

    Attributes
    ----------
    cases
        One :class:`Forecast` per case, in
        :data:`~backbalance.strength_gap.dynamics.KNOWN_CAUSES` order.
    fit
        With two cases and a log with re-tests: the share of belief the log puts on
        ``disuse`` (both cases equally likely before it, each case's :attr:`Forecast.evidence`);
        None otherwise.
    confidence
        The share (``forecast_confidence``) at which the words name the case the log fits.
    """

    cases: dict[KnownCause, Forecast]
    fit: float | None = None
    confidence: float = 0.8

    def words(self) -> ForecastWording:
        """The course's sentences (those of the first case's forecast)."""
        return next(iter(self.cases.values())).words()

    def fits(self) -> KnownCause | None:
        """The case the log fits better, when its share reaches :attr:`confidence`."""
        if self.fit is None:
            return None
        if self.fit >= self.confidence:
            return "disuse"
        if 1 - self.fit >= self.confidence:
            return "handedness"
        return None

    def message(self) -> str:
        """The forecast in words: for two cases, each case after its own lead-in."""
        if len(self.cases) == 1:
            return next(iter(self.cases.values())).message()
        lead = self.words().forecast.case.lead
        return " ".join(
            text if cause is None else f"{getattr(lead, cause)} {text}"
            for cause, text in self.parts()
        )

    def parts(self) -> list[tuple[KnownCause | None, str]]:
        """:meth:`message` in parts, for a page that shows each case on its own.

        Returns
        -------
        list
            ``(None, text)`` for what the cases share (the opening before a log, and which
            case the log fits), ``(cause, text)`` for each case's own sentences (without
            its lead-in, ``forecast.case.lead``); one ``(cause, message)`` for one case.
        """
        if len(self.cases) == 1:
            ((cause, result),) = self.cases.items()
            return [(cause, result.message())]
        words = self.words().forecast
        first = next(iter(self.cases.values()))
        parts: list[tuple[KnownCause | None, str]] = []
        if not first.personalised:
            parts.append((None, " ".join(first.opening())))
        for cause, result in self.cases.items():
            opening = result.opening() if result.personalised else []
            parts.append((cause, " ".join([*opening, *result.outlook()])))
        if self.fit is not None and not all(r.outside_model for r in self.cases.values()):
            case = self.fits()
            if case is None:
                parts.append((None, words.case.fit.unclear))
            else:
                share = self.fit if case == "disuse" else 1 - self.fit
                better = fill(
                    words.case.fit.better,
                    case=getattr(words.case.name, case),
                    share=f"{100 * share:.0f}",
                )
                parts.append((None, better))
        return parts

    def weeks_table(self) -> pd.DataFrame:
        """:meth:`Forecast.weeks_table` of every case, with ``cause`` and its ``case`` name.

        Returns
        -------
        pandas.DataFrame
            Columns ``cause`` (``disuse`` or ``handedness``), ``case`` (its name in words,
            ``forecast.case.name``), then those of :meth:`Forecast.weeks_table`;
            ``attrs["weeks"]`` the horizon.
        """
        names = self.words().forecast.case.name
        tables = []
        for cause, result in self.cases.items():
            table = result.weeks_table()
            table.insert(0, "case", getattr(names, cause))
            table.insert(0, "cause", cause)
            tables.append(table)
        both = pd.concat(tables, ignore_index=True)
        both.attrs["weeks"] = tables[0].attrs["weeks"]
        return both


def forecast_cases(
    plan: Scenario,
    params: ModelParameters,
    log: pd.DataFrame | None = None,
    *,
    test_sem_percent: float,
    draws: int = 1000,
    seed: int = 0,
    wording: ForecastWording | None = None,
    people: Mapping[KnownCause, People] | None = None,
) -> CaseForecasts:
    """:func:`forecast` once per case of the plan's cause (both for ``unknown``).

    Every case uses the same ``seed``, so the cases share their simulated people and
    differ only by where the gap comes from; with a log, each case's evidence gives
    :attr:`CaseForecasts.fit` (the two cases equally likely before the log).

    Parameters and errors as in :func:`forecast`; ``people`` gives each case its
    simulated people (for example an app's, drawn once with
    :func:`~backbalance.strength_gap.dynamics.draw_people` for that cause) instead of
    drawing ``draws`` new ones.

    Examples
    --------
    >>> from backbalance.course import Course
    >>> course = Course.find()
    >>> plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=2, weeks=52)
    >>> both = forecast_cases(plan, course.parameters, test_sem_percent=4, draws=200)
    >>> list(both.cases), both.fit
    (['disuse', 'handedness'], None)
    """
    cases = {
        cause: forecast(
            plan.model_copy(update={"cause": cause}),
            params,
            log,
            test_sem_percent=test_sem_percent,
            draws=draws,
            seed=seed,
            wording=wording,
            people=None if people is None else people[cause],
        )
        for cause in cases_of(plan.cause)
    }
    fit = None
    if len(cases) == 2 and cases["disuse"].personalised:
        gap = cases["handedness"].evidence - cases["disuse"].evidence
        fit = float(1 / (1 + np.exp(np.clip(gap, -700, 700))))
    return CaseForecasts(cases, fit, params.forecast_confidence.value)


def likely_by(parity: Parity, offset: int, words: ForecastWords, now: int = 0) -> str:
    """``LSI 90% likely by week 14-20 (typical week 17).`` (8 in 10 people, log weeks).

    A forecast is of the weeks to come: a week before ``now`` (the last re-test) is shown
    as ``now``, and when even the typical week is not after it, the sentence says that the
    re-tests are still below the target, within the test's noise of it (``likely.near``).

    Parameters
    ----------
    parity
        Weeks to one target, counted from the starting test.
    offset
        The log's week of the starting test (added to every week).
    words
        ``Course.forecast_wording.forecast``.
    now
        Weeks from the starting test to the last re-test (0 without a log).
    """

    def week(value: int | None) -> str:
        return str(parity.horizon + offset) if value is None else str(max(value, now) + offset)

    likely = words.likely
    blanks = {
        "target": f"{parity.target:g}",
        "horizon": week(None),
        "fast": week(parity.fast),
        "typical": week(parity.typical),
        "slow": week(parity.slow),
        "now": str(now + offset),
    }
    if now and parity.typical is not None and parity.typical <= now:
        return fill(likely.near, **blanks)
    if parity.fast is None:
        return fill(likely.unlikely, **blanks)
    if parity.typical is None:
        return fill(likely.few, **blanks)
    if parity.slow is None:
        return fill(likely.open_end, **blanks)
    return fill(likely.range, **blanks)


def current_lsi(log: pd.DataFrame) -> float:
    """The learner's LSI now: the mean of the last two re-tests' LSI, as the learner reads it.

    One test can be off by the test's noise, so the course averages two (the tracker's
    "reached" and the forecast's use this one rule). A log with one re-test uses it; a
    log with only the starting test uses that.

    Parameters
    ----------
    log
        Columns ``week``, ``left``, ``right``, sorted by week, at least one row.

    Returns
    -------
    float
        Weaker ÷ stronger × 100 of each test (:func:`backbalance.assessment.logic.
        limb_symmetry_index`), averaged, rounded half up to one decimal.
    """
    rows = log.iloc[1:] if len(log) > 1 else log
    recent = rows.iloc[-2:]
    values = [measured_lsi(float(r.left), float(r.right)) for r in recent.itertuples()]
    return round_half_up(sum(values) / len(values), 1)


def chi_square_above(value: float, dof: int) -> float:
    r"""P(X >= ``value``) for a chi-square X with an even number ``dof`` of degrees of freedom.

    For even degrees of freedom the tail is a finite Poisson sum, so no special function
    is needed: :math:`e^{-x/2} \sum_{i < dof/2} (x/2)^i / i!`.
    """
    half = value / 2
    term = total = 1.0
    for i in range(1, dof // 2):
        term *= half / i
        total += term
    return float(np.exp(-half) * total)


def log_likelihood(
    paths: NDArray[np.float64], log: pd.DataFrame, sem_percent: float
) -> NDArray[np.float64]:
    """Log-likelihood of the log's re-tests for every simulated person.

    Parameters
    ----------
    paths
        Latent strength from the first test on, shape ``(weeks + 1, draws, 2)``.
    log
        Columns ``week``, ``left``, ``right``; the first row is the start of ``paths``.
    sem_percent
        The test's typical error, in per cent; above 0.

    Returns
    -------
    numpy.ndarray
        Shape ``(draws,)``; all zero when the log has no re-test after the first.
    """
    if len(log) < 2:
        return np.zeros(paths.shape[1])
    sigma = sem_percent / 100
    weeks = (log["week"].to_numpy() - log["week"].iloc[0]).astype(int)
    measured = np.log(log[["left", "right"]].to_numpy(dtype=float))
    observed = (measured[1:] - measured[0])[:, None, :]  # (k, 1, 2)
    latent = np.log(paths[weeks[1:]] / paths[0])  # (k, draws, 2)
    residual = observed - latent
    k = len(weeks) - 1
    spread = (residual**2).sum(axis=0) - residual.sum(axis=0) ** 2 / (k + 1)
    return -spread.sum(axis=-1) / (2 * sigma**2)


def _checked(log: pd.DataFrame, sem_percent: float) -> pd.DataFrame:
    missing = [c for c in ("week", "left", "right") if c not in log.columns]
    if missing:
        raise LogError(f"the log needs the columns week, left and right; {missing[0]!r} is missing")
    table = log[["week", "left", "right"]].sort_values("week", kind="stable").reset_index(drop=True)
    if table.empty:
        raise LogError("the log has no usable row: log at least the starting test")
    if not (table[["left", "right"]].to_numpy(dtype=float) > 0).all():
        raise LogError("every result in the log must be above 0")
    if table["week"].duplicated().any():
        week = int(table.loc[table["week"].duplicated(), "week"].iloc[0])
        raise LogError(f"week {week} is logged twice: keep one row per test (or their average)")
    if len(table) > 1 and sem_percent <= 0:
        raise LogError("a personalised forecast needs the test's noise (test_sem_percent > 0)")
    return table


def forecast(
    plan: Scenario,
    params: ModelParameters,
    log: pd.DataFrame | None = None,
    *,
    test_sem_percent: float,
    draws: int = 1000,
    seed: int = 0,
    people: People | None = None,
    wording: ForecastWording | None = None,
) -> Forecast:
    """The forecast for ``plan``, personalised by a log of re-tests when one is given.

    Parameters
    ----------
    plan
        The learner's plan. With a log, its gap and weak side come from the log's first
        row (the starting test) and its horizon is stretched to the last logged week.
    params
        The validated parameter file.
    log
        Columns ``week``, ``left``, ``right`` (for example
        :func:`retest_log`, or ``ProgressLog.rows`` of :mod:`backbalance.tracker.data`),
        or None.
    test_sem_percent
        The strength test's typical error in per cent,
        ``Course.find().assessment.strength.test_error.sem_percent``.
    draws, seed, people
        As in :func:`backbalance.strength_gap.model.simulate`.
    wording
        The sentences of :meth:`Forecast.message` (``Course.forecast_wording``); None: those
        of ``Course.find()``, read when a message is asked for.

    Returns
    -------
    Forecast

    Raises
    ------
    LogError
        For a log that cannot be used (the message says why).
    backbalance.strength_gap.model.GapBeyondLimit
        For a starting gap beyond the data's ``gap_limit``.
    """
    start_week = 0
    if log is not None:
        table = _checked(log, test_sem_percent)
        first = table.iloc[0]
        start_week = int(first["week"])
        elapsed = int(table["week"].iloc[-1]) - start_week
        plan = Scenario.from_strengths(
            float(first["left"]),
            float(first["right"]),
            **{
                **plan.model_dump(exclude={"gap_percent", "weak_side", "strong_start"}),
                "weeks": max(plan.weeks, elapsed),
            },
        )
    crowd, paths, readings = run_people(
        plan, params, draws=draws, seed=seed, test_sem_percent=test_sem_percent, people=people
    )
    prior = summarise(plan, paths, readings, params, test_sem_percent=test_sem_percent)
    tests = 0 if log is None else len(table)
    noise = mdc95(test_sem_percent)
    if tests < 2:
        return Forecast(
            prior,
            prior,
            np.full(len(crowd), 1 / len(crowd)),
            _response(crowd, params, None),
            "typical",
            "no re-test yet",
            start_week,
            float(len(crowd)),
            tests,
            noise,
            None,
            current=None if log is None else current_lsi(table),
            wording=wording,
            latest_week=start_week,
        )
    loglik = log_likelihood(paths, table, test_sem_percent)
    raw = np.exp(loglik - loglik.max())
    weights = raw / raw.sum()
    evidence = float(loglik.max() + np.log(raw.mean()))
    posterior = summarise(
        plan, paths, readings, params, weights=weights, test_sem_percent=test_sem_percent
    )
    difference = _difference(table, prior, start_week)
    best = int(np.argmax(loglik))
    latest = int(table["week"].iloc[-1]) - start_week
    weak = 0 if plan.weak_side == "left" else 1
    return Forecast(
        prior,
        posterior,
        weights,
        _response(crowd, params, weights),
        _pace(
            float(table.iloc[-1, 1 + weak] / table.iloc[0, 1 + weak]),
            paths[latest, :, weak] / paths[0, :, weak],
            weights,
            params,
            noise,
        ),
        _verdict(difference, noise),
        start_week,
        float(1 / (weights**2).sum()),
        tests,
        noise,
        difference,
        chi_square_above(-2 * float(loglik[best]), 2 * (tests - 1)),
        _direction(table, paths[:, best], weak, start_week, noise),
        current_lsi(table),
        wording,
        evidence,
        int(table["week"].iloc[-1]),
    )


def _response(
    people: People, params: ModelParameters, weights: NDArray[np.float64] | None
) -> tuple[float, float, float]:
    relative = people.response / params.weekly_gain_rate.value
    low, mid, high = weighted_quantiles(relative, BANDS, weights)
    return float(low), float(mid), float(high)


def _pace(
    measured: float,
    gain: NDArray[np.float64],
    weights: NDArray[np.float64],
    params: ModelParameters,
    noise: float,
) -> Pace:
    """Faster or slower than typical: the weaker side's gain by the last re-test.

    Said only when both agree: the learner's own measured gain (``measured``, a ratio to
    the first test) differs from the typical person's by more than ``noise`` (mdc95, per
    cent of the result), and the posterior puts ``forecast_confidence`` of its weight on
    people whose weaker side gained more (or less) than the typical person's (``gain``).
    """
    typical = float(np.median(gain))
    beyond = 100 * (measured - typical) / typical
    faster = float(weights[gain > typical].sum())
    confidence = params.forecast_confidence.value
    if faster >= confidence and beyond > noise:
        return "faster"
    if 1 - faster >= confidence and beyond < -noise:
        return "slower"
    return "typical"


def _difference(log: pd.DataFrame, prior: Simulation, start_week: int) -> float:
    """The latest measured LSI minus the typical (prior P50) forecast's, in LSI points."""
    latest = log.iloc[-1]
    measured = float(limb_symmetry_index(latest[["left", "right"]].to_numpy(dtype=float)))
    week = int(latest["week"]) - start_week
    typical = prior.table.loc[prior.table["week"] == week, "lsi"].iloc[0]
    return measured - float(typical)


def _direction(
    log: pd.DataFrame, path: NDArray[np.float64], weak: int, start_week: int, noise: float
) -> Direction:
    """The measured gap change against one simulated person's, beyond ``noise`` (LSI points).

    The gap is the starting weaker side's result over the other's, × 100 (above 100 once
    the weaker side overtakes), so "faster" means the starting weaker side caught up more.
    """
    values = log[["left", "right"]].to_numpy(dtype=float)
    week = int(log["week"].iloc[-1]) - start_week

    def ratio(sides: NDArray[np.float64]) -> NDArray[np.float64]:
        return 100 * sides[..., weak] / sides[..., 1 - weak]

    measured = float(ratio(values[-1]) - ratio(values[0]))
    modelled = float(ratio(path[week]) - ratio(path[0]))
    if measured - modelled > noise:
        return "faster"
    if measured - modelled < -noise:
        return "slower"
    return "different"


def _verdict(difference: float, noise: float) -> Verdict:
    """Ahead or behind only beyond ``noise`` (mdc95, LSI points); else as expected."""
    if difference > noise:
        return "ahead"
    if difference < -noise:
        return "behind"
    return "as expected"


class NoStrengthForecast(ValueError):
    """A profile the strength forecast cannot start from; the message says why."""


def no_forecast_reason(profile: Profile, wording: ForecastWording) -> str | None:
    """Why a profile has no strength forecast (a red flag; no strength test), or None.

    Hold times are an endurance test: they never feed the strength model, so a profile
    with hold times only gets the data's ``forecast.no_strength_test`` sentence.
    """
    if not profile.cleared:
        return wording.forecast.red_flag
    if profile.strength is None or profile.gap_test != "row" or profile.gap_percent is None:
        return wording.forecast.no_strength_test
    return None


def profile_forecast(
    profile: Profile,
    course: Course,
    log: pd.DataFrame | None = None,
    *,
    weeks: int = 52,
    strong_sets: float | None = None,
    weak_extra_sets: float | None = None,
    cause: Cause = "unknown",
    draws: int = 1000,
    seed: int = 0,
) -> CaseForecasts:
    """The forecast for a learner's saved profile, once per case of ``cause``
    (:func:`forecast_cases`), personalised by their log if given.

    The plan is the one the course's programme builder would choose for the profile at
    its default days a week (:func:`backbalance.programme.dose.choose_dose`), unless
    ``strong_sets`` or ``weak_extra_sets`` say otherwise. The re-test noise is the
    strength test's (``course.assessment.strength.test_error.sem_percent``).

    Parameters
    ----------
    profile
        From :func:`backbalance.assessment.profile.load_profile`.
    course
        The course whose data to use (``Course.find()``).
    log
        As in :func:`forecast`.
    weeks
        Forecast horizon from the starting test.
    strong_sets, weak_extra_sets
        Weekly sets of the stronger side and the weaker side's extra sets.
    cause
        Where the gap comes from; ``unknown`` (the default) gives both cases.
    draws, seed
        As in :func:`forecast`.

    Returns
    -------
    CaseForecasts

    Raises
    ------
    NoStrengthForecast
        After a red flag, or when the profile has no strength test (hold times get their
        own targets; they never feed the strength model).
    """
    from backbalance.programme.build import Setup
    from backbalance.programme.dose import choose_dose, planned_profile

    words = course.forecast_wording
    reason = no_forecast_reason(profile, words)
    if reason is not None:
        raise NoStrengthForecast(reason)
    params, template = course.parameters, course.programme_template
    profile = planned_profile(profile, template, params)  # the gap the programme plans from
    if strong_sets is None or weak_extra_sets is None:
        sessions = len(template.schedule.value[Setup().days_per_week])
        dose = choose_dose(profile, sessions, template, params, cause=cause, draws=200, seed=seed)
        strong_sets = dose.strong_sets if strong_sets is None else strong_sets
        weak_extra_sets = dose.extra_sets if weak_extra_sets is None else weak_extra_sets
    plan = profile.scenario(
        strong_sets=strong_sets, weak_extra_sets=weak_extra_sets, weeks=weeks, cause=cause
    )
    sem = course.assessment.strength.test_error.sem_percent
    return forecast_cases(
        plan, params, log, test_sem_percent=sem, draws=draws, seed=seed, wording=words
    )
