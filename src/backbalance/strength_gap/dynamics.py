r"""The strength-gap model's weekly update: pure numpy functions, no I/O.

Each side's strength grows every week by a percentage that

* rises with that side's weekly sets, with diminishing returns (a saturating curve);
* shrinks as that side approaches a ceiling shared by both sides, which lies closer to the
  starting strength the more trained the person is;
* includes cross-education: a side also receives a fraction of the *extra* stimulus the
  other side gets beyond its own;
* optionally falls by a fixed detraining rate when the side gets no direct training.

People differ in how fast they respond: each simulated person has a response multiplier
drawn from a log-normal distribution (median 1), and every result is summarised across
people as P10/P50/P90 bands. Pure functions on numpy arrays; no I/O.

With :math:`S` the strength of one side, :math:`V` its weekly sets, :math:`V'` the other
side's, :math:`K` the half-saturation sets, :math:`c` the cross-education fraction,
:math:`C` the ceiling, :math:`r` the gain rate, :math:`m` the person's multiplier and
:math:`d` the detraining rate, one week is

.. math::

    f(V) = \frac{V}{V + K}, \qquad
    s = f(V) + c \, \max\bigl(0, f(V') - f(V)\bigr), \qquad
    S_{t+1} = S_t \exp\Bigl(\min(m r, 1)\, s \,\bigl(1 - S_t / C\bigr) - d\,[V = 0]\Bigr).

Because :math:`s < 1` and :math:`\min(m r, 1) \le 1`, a side below the ceiling stays
below it, and strength stays positive.

References
----------
.. [1] Pelland JC et al. The resistance training dose-response. SportRxiv, 2024.
.. [2] Munn J, Herbert RD, Gandevia SC. Contralateral effects of unilateral resistance
   training: a meta-analysis. J Appl Physiol 2004;96:1861-1866.
.. [3] Ratamess NA et al. ACSM position stand: progression models in resistance training
   for healthy adults. Med Sci Sports Exerc 2009;41:687-708.
.. [4] Ahtiainen JP et al. Heterogeneity in resistance training-induced muscle strength and
   mass responses in men and women of different ages. Age 2016;38:10.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backbalance.strength_gap.parameters import ModelParameters, Status


@dataclass(frozen=True)
class Dynamics:
    """The numbers one simulation runs on, resolved from the parameter file."""

    rate: float
    half_sets: float
    headroom: float
    cross_education: float
    detraining: float
    spread: float

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
            rate=params.weekly_gain_rate.value,
            half_sets=params.half_saturation_sets.value,
            headroom=getattr(params.headroom.value, status),
            cross_education=params.cross_education.value,
            detraining=params.detraining_rate.value if detraining else 0.0,
            spread=params.response_spread.value,
        )


def stimulus(sets: ArrayLike, half_sets: float) -> NDArray[np.float64]:
    """Training stimulus of weekly ``sets``: ``V / (V + K)``, from 0 towards 1.

    Parameters
    ----------
    sets
        Weekly sets (any shape, non-negative).
    half_sets
        :math:`K`, the weekly sets giving half the maximal stimulus.

    Returns
    -------
    numpy.ndarray
        Same shape as ``sets``.

    References
    ----------
    Pelland et al. 2024 (diminishing returns, strongest for strength).
    """
    volume = np.asarray(sets, dtype=float)
    return volume / (volume + half_sets)


def effective_stimulus(
    sets: ArrayLike, half_sets: float, cross_education: float
) -> NDArray[np.float64]:
    """Stimulus of each side including cross-education from the other side.

    A side receives the fraction ``cross_education`` of whatever stimulus the other side
    gets beyond its own, so equal sets give no transfer and training one side alone gives
    the other ``cross_education`` times its stimulus.

    Parameters
    ----------
    sets
        Weekly sets with the two sides on the last axis, shape ``(..., 2)``.
    half_sets
        :math:`K` of :func:`stimulus`.
    cross_education
        :math:`c`, between 0 and 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., 2)``.

    References
    ----------
    Munn et al. 2004: the untrained limb gains about 35% of the trained limb's gain.
    """
    own = stimulus(sets, half_sets)
    return own + cross_education * np.maximum(own[..., ::-1] - own, 0.0)


def response_multipliers(spread: float, draws: int, seed: int) -> NDArray[np.float64]:
    """Each simulated person's response multiplier: log-normal, median 1.

    Parameters
    ----------
    spread
        Standard deviation of the multiplier's logarithm.
    draws
        Number of simulated people.
    seed
        Seed of ``numpy.random.default_rng``; the same seed gives the same people.

    Returns
    -------
    numpy.ndarray
        Shape ``(draws,)``.

    References
    ----------
    Ahtiainen et al. 2016: gains of 21 ± 11.5% with individual results from -8% to +60%.
    """
    return np.random.default_rng(seed).lognormal(mean=0.0, sigma=spread, size=draws)


def strength_paths(
    start: ArrayLike, sets: ArrayLike, weeks: int, dynamics: Dynamics, multipliers: ArrayLike
) -> NDArray[np.float64]:
    """Weekly strength of both sides for every scenario and simulated person.

    Parameters
    ----------
    start
        Starting strength, shape ``(..., 2)`` (left, right); positive.
    sets
        Weekly sets, shape ``(..., 2)``, broadcastable against ``start``.
    weeks
        Number of weeks to simulate.
    dynamics
        The model's numbers (see :class:`Dynamics`).
    multipliers
        Response multipliers, shape ``(draws,)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(weeks + 1, ..., draws, 2)``; index 0 is the start.

    Notes
    -----
    The ceiling is ``(1 + headroom)`` times the stronger side's starting strength, shared
    by both sides. The weekly rate ``multiplier * rate`` is capped at 1, which keeps every
    side at or below the ceiling.
    """
    start = np.asarray(start, dtype=float)[..., None, :]
    volume = np.asarray(sets, dtype=float)[..., None, :]
    per_person = np.minimum(np.asarray(multipliers, dtype=float) * dynamics.rate, 1.0)[:, None]
    rate = per_person * effective_stimulus(volume, dynamics.half_sets, dynamics.cross_education)
    ceiling = start.max(axis=-1, keepdims=True) * (1.0 + dynamics.headroom)
    rate_per_strength = rate / ceiling
    net = rate - dynamics.detraining * (volume == 0)
    paths = np.empty((weeks + 1, *np.broadcast_shapes(rate.shape, start.shape)))
    paths[0] = start
    for week in range(weeks):
        paths[week + 1] = paths[week] * np.exp(net - rate_per_strength * paths[week])
    return paths


def limb_symmetry_index(paths: NDArray[np.float64]) -> NDArray[np.float64]:
    """LSI = weaker ÷ stronger × 100, with the two sides on the last axis."""
    left, right = paths[..., 0], paths[..., 1]
    return 100.0 * np.minimum(left, right) / np.maximum(left, right)


def weekly_gain(sets: ArrayLike, params: ModelParameters, status: Status) -> NDArray[np.float64]:
    """First-week gain (% of strength) of a typical person training both sides equally.

    This is the model's dose-response curve: how much one week of ``sets`` adds, before
    the ceiling has slowed anything down.

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
        Per cent gain in the first week, one per value of ``sets``.
    """
    volume = np.asarray(sets, dtype=float)
    both = np.stack([volume, volume], axis=-1)
    dyn = Dynamics.from_parameters(params, status, detraining=False)
    paths = strength_paths(np.ones_like(both), both, 1, dyn, np.ones(1))
    return 100.0 * (paths[1, ..., 0, 0] - 1.0)
