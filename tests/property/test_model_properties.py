"""Properties of the strength-gap model that must hold for every plan and every person."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from backbalance.course import Course
from backbalance.strength_gap import dynamics, model
from backbalance.strength_gap.dynamics import CAUSES, Dynamics, People, typical_person
from backbalance.strength_gap.forecast import forecast, retest_log
from backbalance.strength_gap.model import Scenario
from backbalance.strength_gap.parameters import STATUSES, load_model_parameters

ROOT = Path(__file__).resolve().parents[2]
PARAMS = load_model_parameters(ROOT / "data" / "model_parameters.yml")
DRAWS = 60
SEM = Course.find().assessment.strength.test_error.sem_percent

plans = st.builds(
    Scenario,
    gap_percent=st.floats(0, PARAMS.gap_limit.value),
    strong_sets=st.integers(0, 20).map(float),
    weak_extra_sets=st.integers(0, 20).map(float),
    weeks=st.integers(1, 60),
    status=st.sampled_from(STATUSES),
    detraining=st.booleans(),
    cause=st.sampled_from(CAUSES),
    adherence=st.sampled_from([0.5, 0.8, 1.0]),
)
seeds = st.integers(0, 2**32 - 1)


def as_weeks(week: int | None) -> float:
    return math.inf if week is None else week


@settings(max_examples=30, deadline=None)
@given(plan=plans, seed=seeds)
def test_swapping_the_sides_mirrors_the_result(plan, seed):
    mirrored = Scenario.model_validate({**plan.model_dump(), "weak_side": "right"})
    one = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed)
    other = model.simulate(mirrored, PARAMS, draws=DRAWS, seed=seed)
    assert one.parity == other.parity
    flip = other.table.assign(side=other.table["side"].map({"left": "right", "right": "left"}))
    key = ["week", "side"]
    pd.testing.assert_frame_equal(
        one.table.sort_values(key).reset_index(drop=True),
        flip.sort_values(key).reset_index(drop=True),
    )


@settings(max_examples=30, deadline=None)
@given(plan=plans, more=st.integers(1, 20), seed=seeds)
def test_more_weak_side_volume_never_delays_parity(plan, more, seed):
    fewer = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed)
    extra = model.simulate(
        plan.with_extra_sets(plan.weak_sets - plan.strong_sets + more),
        PARAMS,
        draws=DRAWS,
        seed=seed,
    )
    for low, high in zip(fewer.parity, extra.parity, strict=True):
        for field in ("fast", "typical", "slow"):
            assert as_weeks(getattr(high, field)) <= as_weeks(getattr(low, field)), (
                field,
                low,
                high,
            )


people = st.builds(
    lambda *columns: People(*(np.array(x, dtype=float) for x in columns)),
    st.lists(st.floats(0, 1e4), min_size=3, max_size=3),
    st.lists(st.floats(0.001, 0.5), min_size=3, max_size=3),
    st.lists(st.floats(0.5, 30), min_size=3, max_size=3),
    st.lists(st.floats(0, 0.5), min_size=3, max_size=3),
    st.lists(st.floats(0, 1), min_size=3, max_size=3),
    st.lists(st.floats(0.001, 1), min_size=3, max_size=3),
    st.lists(st.floats(0, 1), min_size=3, max_size=3),
)


@settings(max_examples=30, deadline=None)
@given(
    start=st.tuples(st.floats(1, 500), st.floats(1, 500)),
    sets=st.tuples(st.floats(0, 60), st.floats(0, 60)),
    status=st.sampled_from(STATUSES),
    detraining=st.booleans(),
    crowd=people,
)
def test_strength_stays_positive_and_never_exceeds_the_ceiling(
    start, sets, status, detraining, crowd
):
    """Every side stays below the stronger side's ceiling, and the weaker side below its
    own (lower when part of the gap cannot be won back)."""
    dyn = Dynamics.from_parameters(PARAMS, status, detraining=detraining)
    paths = dynamics.strength_paths(start, sets, 80, dyn, crowd)
    strong = max(start)
    ceiling = (
        strong
        * (1 + dyn.headroom)
        * (1 - (1 - np.array(start) / strong)[None, :] * (1 - crowd.recovery[:, None]))
    )
    assert (paths > 0).all()
    assert (paths <= ceiling * (1 + 1e-12)).all()


@settings(max_examples=30, deadline=None)
@given(plan=plans, seed=seeds)
def test_bands_are_ordered(plan, seed):
    table = model.simulate(plan, PARAMS, draws=200, seed=seed, test_sem_percent=SEM).table
    for low, mid, high in (
        ("strength_p10", "strength", "strength_p90"),
        ("lsi_p10", "lsi", "lsi_p90"),
        ("reading_p10", "strength", "reading_p90"),
    ):
        assert (table[low] <= table[mid]).all() and (table[mid] <= table[high]).all()
    assert (table["lsi_read_p10"] <= table["lsi_read_p90"]).all()
    assert (table["lsi_p90"] <= 100 + 1e-9).all()
    for parity in model.simulate(plan, PARAMS, draws=DRAWS, seed=seed).parity:
        assert as_weeks(parity.fast) <= as_weeks(parity.typical) <= as_weeks(parity.slow)


@settings(max_examples=30, deadline=None)
@given(plan=plans, seed=seeds)
def test_a_seed_reproduces_the_simulation(plan, seed):
    one = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed, test_sem_percent=SEM)
    two = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed, test_sem_percent=SEM)
    pd.testing.assert_frame_equal(one.table, two.table)
    assert one.parity == two.parity
    first, second = (dynamics.draw_people(PARAMS, 10, seed, cause=plan.cause) for _ in range(2))
    for name in People.__dataclass_fields__:
        assert_array_equal(getattr(first, name), getattr(second, name))


@settings(max_examples=30, deadline=None)
@given(plan=plans)
def test_lsi_is_weaker_over_stronger(plan):
    dyn = Dynamics.from_parameters(PARAMS, plan.status, detraining=plan.detraining)
    person = typical_person(PARAMS, plan.cause)
    paths = dynamics.strength_paths(plan.start, plan.sets, plan.weeks, dyn, person)[:, 0, :]
    assert_allclose(
        dynamics.limb_symmetry_index(paths), 100 * paths.min(axis=1) / paths.max(axis=1)
    )


@settings(max_examples=30, deadline=None)
@given(plan=plans, seed=seeds, first=st.tuples(st.floats(20, 200), st.floats(0.55, 1)))
def test_a_posterior_with_no_log_is_the_prior(plan, seed, first):
    """No log, or a log with only the starting test: every person weighs the same, and the
    personalised forecast is exactly the prior simulation."""
    alone = forecast(plan, PARAMS, None, test_sem_percent=SEM, draws=DRAWS, seed=seed)
    pd.testing.assert_frame_equal(alone.posterior.table, alone.prior.table)
    assert not alone.personalised
    prior = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed, test_sem_percent=SEM)
    pd.testing.assert_frame_equal(alone.prior.table, prior.table)
    strong, ratio = first
    log = retest_log([(0, strong * ratio, strong)])
    start_only = forecast(plan, PARAMS, log, test_sem_percent=SEM, draws=DRAWS, seed=seed)
    pd.testing.assert_frame_equal(start_only.posterior.table, start_only.prior.table)
    assert start_only.posterior.parity == start_only.prior.parity


@settings(max_examples=30, deadline=None)
@given(plan=plans, seed=seeds, gain=st.floats(-0.05, 0.4))
def test_posterior_weights_are_a_distribution_and_bands_stay_ordered(plan, seed, gain):
    log = retest_log([(0, 80, 100), (6, 80 * (1 + gain), 100 * (1 + gain / 2))])
    result = forecast(plan, PARAMS, log, test_sem_percent=SEM, draws=DRAWS, seed=seed)
    assert result.weights.sum() == np.float64(1) or abs(result.weights.sum() - 1) < 1e-9
    assert (result.weights >= 0).all()
    low, mid, high = result.response
    assert low <= mid <= high
    table = result.posterior.table
    assert (table["strength_p10"] <= table["strength_p90"]).all()


equal_plans = st.builds(
    Scenario,
    gap_percent=st.floats(1, PARAMS.gap_limit.value),
    strong_sets=st.integers(1, 20).map(float),
    weeks=st.integers(1, 60),
    status=st.sampled_from(STATUSES),
    detraining=st.booleans(),
    adherence=st.sampled_from([0.5, 0.8, 1.0]),
)


@settings(max_examples=30, deadline=None)
@given(plan=equal_plans, seed=seeds)
def test_equal_sets_keep_a_handedness_gap(plan, seed):
    """The dominant side's normal lead (petersen1989): with equal sets each side grows by
    the same factor, so every simulated person's latent LSI stays at its start, and the
    LSI a re-test reads scatters around it by the test's noise only."""
    sim = model.simulate(
        plan.model_copy(update={"cause": "handedness"}), PARAMS, draws=DRAWS, seed=seed,
        test_sem_percent=SEM,
    )  # fmt: skip
    start = 100 - plan.gap_percent
    for column in ("lsi", "lsi_p10", "lsi_p90"):
        assert_allclose(sim.table[column], start, rtol=1e-9)
    assert (sim.table["lsi_read_p10"] <= start + 1e-9).all()
    reached = [p for p in sim.parity if p.target > start]
    assert all(p.fast is None for p in reached)


@settings(max_examples=30, deadline=None)
@given(plan=equal_plans, seed=seeds)
def test_equal_sets_narrow_a_disuse_gap(plan, seed):
    """A gap from disuse is strength the weaker side can win back (vigelso2015): with equal
    sets every simulated person's LSI is above its start from the first week on."""
    crowd = dynamics.draw_people(PARAMS, DRAWS, seed, cause="disuse")
    dyn = Dynamics.from_parameters(PARAMS, plan.status, detraining=plan.detraining)
    paths = dynamics.strength_paths(plan.start, plan.done_sets, plan.weeks, dyn, crowd)
    lsi = dynamics.limb_symmetry_index(paths)
    assert (lsi[1:] > 100 - plan.gap_percent).all()


@settings(max_examples=20, deadline=None)
@given(plan=plans, seed=seeds)
def test_an_unknown_cause_is_shown_as_its_two_cases(plan, seed):
    """``unknown`` is simulated once per known cause, with the same people; a known cause
    is its own single case."""
    cases = model.simulate_cases(plan, PARAMS, draws=DRAWS, seed=seed)
    assert tuple(cases) == dynamics.cases_of(plan.cause)
    for cause, sim in cases.items():
        alone = model.simulate(plan.model_copy(update={"cause": cause}), PARAMS, draws=DRAWS,
                               seed=seed)  # fmt: skip
        pd.testing.assert_frame_equal(sim.table, alone.table)
    disuse, handedness = (dynamics.draw_people(PARAMS, DRAWS, seed, cause=c) for c in
                          dynamics.KNOWN_CAUSES)  # fmt: skip
    for name in ("multiplier", "rate", "half_sets", "cross_education", "retraining"):
        assert_array_equal(getattr(disuse, name), getattr(handedness, name))
