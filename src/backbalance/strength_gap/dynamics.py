r"""The strength-gap model's weekly update: pure numpy functions, no I/O.

Each side's strength grows every week by a percentage that

* rises with that side's (done) weekly sets, with diminishing returns (a saturating curve);
* is larger in the first weeks for people new to the exercise (the early, mostly neural
  phase), then settles to a slower rate;
* shrinks as that side approaches its ceiling, which lies closer to the starting strength
  the more trained the person is;
* includes cross-education: a side also receives a fraction of the *extra* stimulus the
  other side gets beyond its own, a smaller fraction when that side trains too;
* optionally falls by a fixed detraining rate when the side gets no direct training.

**Where the gap comes from** decides what the weaker side can win back. A gap from disuse
or an old injury (recovery share :math:`\phi = 1`) is strength the weaker side once had:
it shares the stronger side's ceiling, and while it trains it **regains** that lost
strength faster than new strength is built (the retraining term, calibrated on Vigelsø et
al. 2015), so equal training closes much of the gap. A gap from handedness
(:math:`\phi = 0`) is the dominant side's normal lead: each side has a ceiling in
proportion to its own start and nothing to regain, so equal training keeps the gap. The
two are separate cases (:data:`KNOWN_CAUSES`); an unknown cause is shown as both
(:func:`backbalance.strength_gap.model.simulate_cases`), and where one number is needed it
counts half of the simulated people in each case.

**People and parameters differ.** Every simulated person (:class:`People`) has a response
multiplier (log-normal, median 1) and draws the gain rate, the half-saturation sets, the
cross-education fraction and the retraining rate and share from the ranges in the parameter file, so the
P10/P90 bands include both the spread between people and our uncertainty about the model.
:func:`test_readings` adds the re-test noise a learner sees on top of latent strength.

With :math:`S` the strength of one side, :math:`V` its done weekly sets, :math:`V'` the
other side's, :math:`K` the half-saturation sets, :math:`c` the cross-education fraction
(times the both-train share :math:`b` when :math:`V > 0`), :math:`C` the side's ceiling,
:math:`r` the gain rate, :math:`a` and :math:`\tau` the early phase's gain and weeks,
:math:`m` the person's multiplier, :math:`d` the detraining rate, :math:`F` the level the
side had before its loss (the stronger side's start for a disuse gap, its own start
otherwise), :math:`L = h \log(F / S_0)` the part :math:`h` of its lost strength that
retraining wins back and :math:`\rho` the retraining rate, week :math:`t` is

.. math::

    f(V) = \frac{V}{V + K}, \qquad
    s = f(V) + c\,b^{[V > 0]} \max\bigl(0, f(V') - f(V)\bigr), \qquad
    e_t = e^{-t/\tau} - e^{-(t+1)/\tau},

    u_t = L\, \rho s\, (1 - \rho s)^t, \qquad
    S_{t+1} = \min\Bigl(C,\; S_t \exp\Bigl(\min\bigl(m (r + a\, e_t), 1\bigr)\, s\,
    \bigl(1 - S_t / C\bigr) + u_t - d\,[V = 0]\Bigr)\Bigr).

Because :math:`s < 1` and the weekly coefficient is at most 1, a side below its ceiling
stays below it (the retraining term is cut at the ceiling), and strength stays positive.
The early phase adds at most about :math:`a` (in log strength) over all weeks, and the
retraining term at most :math:`L`: that part of the lost strength comes back at a rate
that falls as less is left to win back, on top of the new strength every side builds; the
rest of a disuse gap closes only as the weaker side, further below the shared ceiling,
grows faster than the stronger side.

References
----------
.. [1] Pelland JC et al. The resistance training dose-response. SportRxiv, 2024.
.. [2] Munn J, Herbert RD, Gandevia SC. Contralateral effects of unilateral resistance
   training: a meta-analysis. J Appl Physiol 2004;96:1861-1866.
.. [3] Ratamess NA et al. ACSM position stand: progression models in resistance training
   for healthy adults. Med Sci Sports Exerc 2009;41:687-708.
.. [4] Ahtiainen JP et al. Heterogeneity in resistance training-induced muscle strength and
   mass responses in men and women of different ages. Age 2016;38:10.
.. [5] Moritani T, deVries HA. Neural factors versus hypertrophy in the time course of
   muscle strength gain. Am J Phys Med 1979;58:115-130.
.. [6] Sale DG. Neural adaptation to resistance training. Med Sci Sports Exerc
   1988;20:S135-S145.
.. [7] Vigelsø A et al. Six weeks' aerobic retraining after two weeks' immobilization
   restores leg lean mass and aerobic capacity but does not fully rehabilitate leg strength
   in young and older men. J Rehabil Med 2015;47:552-560.
.. [8] Staron RS et al. Strength and skeletal muscle adaptations in heavy-resistance-trained
   women after detraining and retraining. J Appl Physiol 1991;70:631-640.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backbalance.strength_gap.parameters import ModelParameters, Status

Cause = Literal["unknown", "disuse", "handedness"]
"""Where the gap comes from: ``unknown`` (the default) shows both known causes."""

KnownCause = Literal["disuse", "handedness"]
"""A cause the model simulates as one case."""

CAUSES: tuple[Cause, ...] = ("unknown", "disuse", "handedness")

KNOWN_CAUSES: tuple[KnownCause, ...] = ("disuse", "handedness")
"""The two cases: a gap from disuse or an old injury, and the dominant side's normal lead."""


def cases_of(cause: Cause) -> tuple[KnownCause, ...]:
    """The cases a cause is shown as: both for ``unknown``, else the cause itself.

    >>> cases_of("unknown"), cases_of("handedness")
    (('disuse', 'handedness'), ('handedness',))
    """
    return KNOWN_CAUSES if cause == "unknown" else (cause,)


BLOCK = 1 << 15
"""Scenario x person values per block of :func:`first_weeks` (a few such arrays fit in cache)."""


@dataclass(frozen=True)
class Dynamics:
    """The numbers shared by every simulated person, resolved from the parameter file."""

    headroom: float
    early_gain: float
    early_weeks: float
    both_train: float
    detraining: float

    @classmethod
    def from_parameters(
        cls, params: ModelParameters, status: Status, *, detraining: bool
    ) -> Dynamics:
        """Pick the values for one training status; detraining is 0 unless switched on.

        Parameters
        ----------
        params
            The validated parameter file.
        status
            ``"novice"``, ``"intermediate"`` or ``"trained"``.
        detraining
            Whether a side with no sets loses strength (a labelled assumption).

        Returns
        -------
        Dynamics
        """
        return cls(
            headroom=getattr(params.headroom.value, status),
            early_gain=getattr(params.early_phase_gain.value, status),
            early_weeks=params.early_phase_weeks.value,
            both_train=params.cross_education_both_train.value,
            detraining=params.detraining_rate.value if detraining else 0.0,
        )


@dataclass(frozen=True)
class People:
    """What differs between simulated people: one value per person in each array.

    ``multiplier`` is the person's response (median 1); ``rate``, ``half_sets``,
    ``cross_education`` and ``retraining`` (:math:`\\rho`, how fast lost strength comes
    back) are the model's uncertain parameters, drawn per person; ``recovery`` is the
    share :math:`\\phi` of the gap the weaker side can win back, set by the person's case
    (1 for disuse, 0 for handedness).
    """

    multiplier: NDArray[np.float64]
    rate: NDArray[np.float64]
    half_sets: NDArray[np.float64]
    cross_education: NDArray[np.float64]
    recovery: NDArray[np.float64]
    retraining: NDArray[np.float64]
    regainable: NDArray[np.float64]
    """Share of a side's lost strength that retraining wins back quickly (``retraining_share``)."""

    def __len__(self) -> int:
        return len(self.multiplier)

    @property
    def response(self) -> NDArray[np.float64]:
        """Each person's weekly rate relative to the file's typical rate: multiplier x rate."""
        return self.multiplier * self.rate

    def take(self, index: ArrayLike) -> People:
        """The people at ``index`` (for example a resampled posterior)."""
        return People(*(getattr(self, name)[index] for name in self.__dataclass_fields__))


def recovery_shares(params: ModelParameters, cause: Cause, draws: int) -> NDArray[np.float64]:
    """Each person's recovery share :math:`\\phi`: the cause's, or for ``unknown`` the two
    cases taking turns (disuse first), so that half of the people are in each case."""
    known = params.gap_cause_recovery.value
    if cause == "unknown":
        return np.where(np.arange(draws) % 2 == 0, known.disuse, known.handedness)
    return np.full(draws, getattr(known, cause))


def typical_person(params: ModelParameters, cause: Cause = "disuse") -> People:
    """The person at the centre of every range: multiplier 1, the file's values.

    One person for a known cause; for ``cause="unknown"`` two, one in each case (disuse
    first), as :func:`recovery_shares` has them.
    """
    count = len(cases_of(cause))
    return People(
        np.ones(count),
        np.full(count, params.weekly_gain_rate.value),
        np.full(count, params.half_saturation_sets.value),
        np.full(count, params.cross_education.value),
        recovery_shares(params, cause, count),
        np.full(count, params.retraining_rate.value),
        np.full(count, params.retraining_share.value),
    )


def draw_people(
    params: ModelParameters, draws: int, seed: int, *, cause: Cause = "unknown"
) -> People:
    """Draw ``draws`` people: their responses and the model's uncertain parameters.

    Parameters
    ----------
    params
        The validated parameter file (its ``cross_education.value`` is the centre of the
        drawn fractions).
    draws
        Number of simulated people.
    seed
        Seed of ``numpy.random.default_rng``; the same seed gives the same people.
    cause
        Where the gap comes from (:data:`CAUSES`); it sets each person's recovery share
        (:func:`recovery_shares`) and nothing else, so the same seed gives the same people
        in either case.

    Returns
    -------
    People

    References
    ----------
    Ahtiainen et al. 2016 and Hubal et al. 2005 (the spread between people); Munn et al.
    2004 (the cross-education interval); Vigelsø et al. 2015 (the retraining rate).
    """
    rng = np.random.default_rng(seed)
    cross = params.cross_education
    multiplier = rng.lognormal(mean=0.0, sigma=params.response_spread.value, size=draws)
    rate = rng.uniform(*params.weekly_gain_rate.range, size=draws)
    half_sets = rng.uniform(*params.half_saturation_sets.range, size=draws)
    transfer = np.clip(rng.normal(cross.value, cross.spread, size=draws), 0.0, 0.5)
    retraining = rng.uniform(*params.retraining_rate.range, size=draws)
    regainable = rng.uniform(*params.retraining_share.range, size=draws)
    return People(
        multiplier,
        rate,
        half_sets,
        transfer,
        recovery_shares(params, cause, draws),
        retraining,
        regainable,
    )


def with_cross_education(people: People, centre: float, params: ModelParameters) -> People:
    """The same people with their cross-education fractions moved to another centre."""
    shifted = np.clip(people.cross_education + centre - params.cross_education.value, 0.0, 0.5)
    return replace(people, cross_education=shifted)


def stimulus(sets: ArrayLike, half_sets: ArrayLike) -> NDArray[np.float64]:
    """Training stimulus of weekly ``sets``: ``V / (V + K)``, from 0 towards 1.

    Parameters
    ----------
    sets
        Weekly sets (any shape, non-negative).
    half_sets
        :math:`K`, the weekly sets giving half the maximal stimulus (broadcast).

    Returns
    -------
    numpy.ndarray

    References
    ----------
    Pelland et al. 2024 (diminishing returns, strongest for strength).
    """
    volume = np.asarray(sets, dtype=float)
    return volume / (volume + half_sets)


def effective_stimulus(
    sets: ArrayLike, half_sets: ArrayLike, cross_education: ArrayLike, both_train: float = 1.0
) -> NDArray[np.float64]:
    """Stimulus of each side including cross-education from the other side.

    A side receives the fraction ``cross_education`` of whatever stimulus the other side
    gets beyond its own, times ``both_train`` when it trains itself: equal sets give no
    transfer, and training one side alone gives the resting side ``cross_education``
    times its stimulus.

    Parameters
    ----------
    sets
        Weekly sets with the two sides on the last axis, shape ``(..., 2)``.
    half_sets
        :math:`K` of :func:`stimulus`, broadcast against ``sets``.
    cross_education
        :math:`c`, between 0 and 1, broadcast against ``sets``.
    both_train
        Share of :math:`c` that reaches a side with sets of its own.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., 2)``.

    References
    ----------
    Munn et al. 2004: the untrained limb gains about 35% of the trained limb's gain.
    """
    volume = np.asarray(sets, dtype=float)
    own = stimulus(volume, half_sets)
    transfer = np.where(volume > 0, both_train, 1.0) * cross_education
    return own + transfer * np.maximum(own[..., ::-1] - own, 0.0)


def early_phase(weeks: int, early_weeks: float) -> NDArray[np.float64]:
    """Share of the early phase spent in each week: ``exp(-t/τ) - exp(-(t+1)/τ)``."""
    t = np.arange(weeks + 1, dtype=float)
    spent = np.exp(-t / early_weeks)
    return spent[:-1] - spent[1:]


@dataclass(frozen=True)
class Growth:
    r"""The weekly update of one or both sides, ready to run: :math:`S_{t+1} = \min(C, S_t
    \exp(g_t + u_t - \beta_t S_t))`, with :math:`g_t = k_t s - d\,[V = 0]`,
    :math:`\beta_t = k_t s / C` (:math:`k_t` the week's capped coefficient) and
    :math:`u_t = L \rho s (1 - \rho s)^t` the retraining term.

    Built by :meth:`of`; :func:`strength_paths` runs it for every week at once and
    :func:`first_weeks` one week at a time (so a large sweep stays small in memory).
    """

    start: NDArray[np.float64]
    """Starting strength, shape ``(..., draws[, 2])``."""
    coefficient: NDArray[np.float64]
    """:math:`k_t = \\min(m (r + a e_t), 1)`, shape ``(weeks, ...)``, broadcast against ``push``."""
    push: NDArray[np.float64]
    """The effective stimulus :math:`s`, shape ``(..., draws[, 2])``."""
    ceiling: NDArray[np.float64]
    """:math:`C`, broadcast against ``push``."""
    loss: NDArray[np.float64] | None
    """The detraining term :math:`d\\,[V = 0]`, or None when detraining is off."""
    regain: NDArray[np.float64] | None
    """The first week's retraining term :math:`u_0 = L \\rho s` (shape of ``push``), or None
    when no side has strength to win back."""
    fade: NDArray[np.float64] | None
    """:math:`1 - \\rho s`, by which the retraining term shrinks every week (with ``regain``)."""

    @classmethod
    def of(
        cls,
        start: ArrayLike,
        sets: ArrayLike,
        weeks: int,
        dynamics: Dynamics,
        people: People,
        side: int | None = None,
    ) -> Growth:
        """The update of every scenario and person; arguments as in :func:`strength_paths`.

        ``side`` keeps one side only (0: left, 1: right; the other side still sends its
        cross-education); None keeps both, on the last axis.
        """
        start = np.asarray(start, dtype=float)[..., None, :]
        volume = np.asarray(sets, dtype=float)[..., None, :]
        push = effective_stimulus(
            volume,
            people.half_sets[:, None],
            people.cross_education[:, None],
            dynamics.both_train,
        )
        strong = start.max(axis=-1, keepdims=True)
        kept_gap = (1.0 - start / strong) * (1.0 - people.recovery[:, None])
        former = strong * (1.0 - kept_gap)  # the level before the loss; the start if none
        ceiling = former * (1.0 + dynamics.headroom)
        early = dynamics.early_gain * early_phase(weeks, dynamics.early_weeks)
        coefficient = np.minimum(
            people.multiplier[:, None] * (people.rate[:, None] + early[:, None, None]), 1.0
        )  # (weeks, draws, 1)
        push = np.broadcast_to(push, np.broadcast_shapes(push.shape, ceiling.shape))
        loss = dynamics.detraining * (volume == 0) if dynamics.detraining else None
        lost = people.regainable[:, None] * np.log(former / start)
        if side is not None:
            start, push, ceiling = start[..., side], push[..., side], ceiling[..., side]
            lost = lost[..., side]
            coefficient = coefficient[..., 0]
            loss = loss[..., side] if loss is not None else None
        regain = fade = None
        if (lost > 0).any():
            rho = people.retraining if side is not None else people.retraining[:, None]
            speed = rho * push
            regain, fade = np.broadcast_to(lost * speed, push.shape), 1.0 - speed
        lead = (slice(None),) + (None,) * (push.ndim - coefficient.ndim + 1)
        return cls(
            np.broadcast_to(start, push.shape), coefficient[lead], push, ceiling, loss, regain, fade
        )

    def terms(self, week: int | slice = slice(None)) -> tuple[NDArray, NDArray]:
        """``(gain, brake)`` of one week, or of every week (the default), without the
        retraining term (which the runs add week by week, see :meth:`paths`)."""
        gain = self.coefficient[week] * self.push
        brake = gain / self.ceiling
        if self.loss is not None:
            gain = gain - self.loss
        return gain, brake

    def paths(self) -> NDArray[np.float64]:
        """Strength in every week, shape ``(weeks + 1, *start.shape)``; index 0 is the start."""
        gain, brake = self.terms()
        paths = np.empty((len(gain) + 1, *self.push.shape))
        paths[0] = self.start
        step = np.empty(self.push.shape)
        if self.regain is None:
            for now, g, b, then in zip(paths[:-1], gain, brake, paths[1:], strict=True):
                _advance(now, g, b, out=then, step=step)
            return paths
        weeks = np.arange(len(gain)).reshape(-1, *(1,) * self.push.ndim)
        gain = gain + self.regain * self.fade**weeks
        for now, g, b, then in zip(paths[:-1], gain, brake, paths[1:], strict=True):
            _advance(now, g, b, out=then, step=step)
        if not (paths[1:] > self.ceiling).any():
            return paths  # the cut at the ceiling never binds: the same as the run below
        for now, g, b, then in zip(paths[:-1], gain, brake, paths[1:], strict=True):
            _advance(now, g, b, out=then, step=step)
            np.minimum(then, self.ceiling, out=then)
        return paths


def _advance(
    strength: NDArray, gain: NDArray, brake: NDArray, out: NDArray, step: NDArray | None = None
) -> NDArray:
    """One week: ``out = strength * exp(gain - brake * strength)``; ``step`` is scratch space."""
    step = np.multiply(brake, strength, out=step)
    np.subtract(gain, step, out=step)
    np.exp(step, out=step)
    return np.multiply(strength, step, out=out)


def strength_paths(
    start: ArrayLike, sets: ArrayLike, weeks: int, dynamics: Dynamics, people: People
) -> NDArray[np.float64]:
    """Weekly latent strength of both sides for every scenario and simulated person.

    Parameters
    ----------
    start
        Starting strength, shape ``(..., 2)`` (left, right); positive.
    sets
        Weekly sets done, shape ``(..., 2)``, broadcastable against ``start``.
    weeks
        Number of weeks to simulate.
    dynamics
        The numbers shared by everyone (see :class:`Dynamics`).
    people
        The simulated people (see :class:`People`).

    Returns
    -------
    numpy.ndarray
        Shape ``(weeks + 1, ..., draws, 2)``; index 0 is the start.

    Notes
    -----
    The stronger side's ceiling is ``(1 + headroom)`` times its starting strength; the
    weaker side's is lower by the part of the gap it cannot win back (``1 - recovery``).
    The part it can win back comes back through the retraining term while it trains.
    The weekly coefficient is capped at 1, and the retraining term cut at the ceiling,
    which keeps every side at or below its ceiling.
    """
    return Growth.of(start, sets, weeks, dynamics, people).paths()


def first_weeks(
    start: ArrayLike,
    sets: ArrayLike,
    weeks: int,
    dynamics: Dynamics,
    people: People,
    target: float,
) -> NDArray[np.int64]:
    """First week in which the initially weaker side reaches ``target`` % of the other.

    The same as ``weeks_to_target(strength_paths(...), start, target)`` of
    :mod:`backbalance.strength_gap.model`, computed for large sweeps: the two sides'
    updates only meet through the stimulus, so the stronger side is run once for each
    distinct (start, sets) it has, and the weaker side week by week in blocks that stay
    in the processor's cache.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., draws)``; ``weeks + 1`` where the target is not reached.
    """
    begin = np.asarray(start, dtype=float)
    volume = np.broadcast_to(np.asarray(sets, dtype=float), begin.shape)
    lead = begin.shape[:-1]
    # The model is mirror-symmetric: put the weaker side first.
    swap = (begin[..., 0] > begin[..., 1])[..., None]
    begin, volume = (np.where(swap, x[..., ::-1], x).reshape(-1, 2) for x in (begin, volume))
    share = target / 100.0 - 1e-12
    # The stronger side depends on its start and both sides' sets only.
    key = np.column_stack([begin[:, 1], volume])
    distinct, which = np.unique(key, axis=0, return_inverse=True)
    which = which.ravel()
    alone = np.repeat(distinct[:, :1], 2, axis=1)  # no gap: the stronger side's own ceiling
    strong = Growth.of(alone, distinct[:, 1:], weeks, dynamics, people, side=1).paths()
    bar = share * strong  # (weeks + 1, distinct, draws)
    first = np.empty((len(begin), len(people)), dtype=np.int64)
    rows = max(1, BLOCK // len(people))
    for block in range(0, len(begin), rows):
        part = slice(block, block + rows)
        weak = Growth.of(begin[part], volume[part], weeks, dynamics, people, side=0)
        strength, limit, step = (
            weak.start.copy(),
            np.empty(weak.push.shape),
            np.empty(weak.push.shape),
        )
        due = None if weak.regain is None else weak.regain.copy()
        now, ever = np.empty(limit.shape, dtype=bool), np.zeros(limit.shape, dtype=bool)
        later = np.zeros(limit.shape, dtype=np.int64)  # weeks from the first reached one on
        for week in range(weeks + 1):
            if week:
                gain, brake = weak.terms(week - 1)
                if due is None:
                    _advance(strength, gain, brake, out=strength, step=step)
                else:
                    np.add(gain, due, out=gain)
                    _advance(strength, gain, brake, out=strength, step=step)
                    np.minimum(strength, weak.ceiling, out=strength)
                    np.multiply(due, weak.fade, out=due)
            np.take(bar[week], which[part], axis=0, out=limit)
            np.greater_equal(strength, limit, out=now)
            np.logical_or(ever, now, out=ever)
            np.add(later, ever, out=later)
        first[part] = weeks + 1 - later
    return first.reshape(*lead, len(people))


def retest_readings(
    paths: NDArray[np.float64], sem_percent: float, seed: int
) -> NDArray[np.float64]:
    """What re-tests would read: latent strength with the test's measurement noise.

    Each result (every week, side and person) is the latent strength times
    ``exp(ε)``, with ε normal, standard deviation ``sem_percent / 100``, independent.

    Parameters
    ----------
    paths
        Latent strength from :func:`strength_paths`.
    sem_percent
        Typical error of one result, in per cent of it
        (``Course.find().assessment.strength.test_error.sem_percent``).
    seed
        Seed of the noise (independent of the people's seed stream).

    Returns
    -------
    numpy.ndarray
        Same shape as ``paths``; equal to it when ``sem_percent`` is 0.
    """
    if sem_percent == 0:
        return paths
    noise = np.random.default_rng([seed, 1]).standard_normal(paths.shape)
    np.multiply(noise, sem_percent / 100, out=noise)
    np.exp(noise, out=noise)
    return np.multiply(paths, noise, out=noise)


def limb_symmetry_index(paths: NDArray[np.float64]) -> NDArray[np.float64]:
    """LSI = weaker ÷ stronger × 100, with the two sides on the last axis."""
    left, right = paths[..., 0], paths[..., 1]
    return 100.0 * np.minimum(left, right) / np.maximum(left, right)


def weekly_gain(sets: ArrayLike, params: ModelParameters, status: Status) -> NDArray[np.float64]:
    """Gain (% of strength) of a typical person in a week after the early phase.

    This is the model's dose-response curve: how much one week of ``sets`` on both sides
    adds once the early phase is spent, before the ceiling has slowed anything down.

    Parameters
    ----------
    sets
        Weekly sets, 1-D.
    params
        The validated parameter file.
    status
        Training status.

    Returns
    -------
    numpy.ndarray
        Per cent gain in the week, one per value of ``sets``.
    """
    volume = np.asarray(sets, dtype=float)
    both = np.stack([volume, volume], axis=-1)
    dyn = replace(Dynamics.from_parameters(params, status, detraining=False), early_gain=0.0)
    paths = strength_paths(np.ones_like(both), both, 1, dyn, typical_person(params))
    return 100.0 * (paths[1, ..., 0, 0] - 1.0)
