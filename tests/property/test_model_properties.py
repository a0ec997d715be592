"""Properties of the strength-gap model that must hold for every plan and every person."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from backbalance.strength_gap import dynamics, model
from backbalance.strength_gap.dynamics import Dynamics
from backbalance.strength_gap.model import Scenario
from backbalance.strength_gap.parameters import STATUSES, load_model_parameters

ROOT = Path(__file__).resolve().parents[2]
PARAMS = load_model_parameters(ROOT / "data" / "model_parameters.yml")
DRAWS = 60

plans = st.builds(
    Scenario,
    gap_percent=st.floats(0, 60),
    strong_sets=st.integers(0, 20).map(float),
    weak_extra_sets=st.integers(0, 20).map(float),
    weeks=st.integers(1, 60),
    status=st.sampled_from(STATUSES),
    detraining=st.booleans(),
)
seeds = st.integers(0, 2**32 - 1)


def as_weeks(week: int | None) -> float:
    return math.inf if week is None else week


@settings(max_examples=60, deadline=None)
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


@settings(max_examples=80, deadline=None)
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


@settings(max_examples=80, deadline=None)
@given(
    start=st.tuples(st.floats(1, 500), st.floats(1, 500)),
    sets=st.tuples(st.floats(0, 60), st.floats(0, 60)),
    status=st.sampled_from(STATUSES),
    detraining=st.booleans(),
    multipliers=st.lists(st.floats(0, 1e4), min_size=1, max_size=20),
)
def test_strength_stays_positive_and_never_exceeds_the_ceiling(
    start, sets, status, detraining, multipliers
):
    dyn = Dynamics.from_parameters(PARAMS, status, detraining=detraining)
    paths = dynamics.strength_paths(start, sets, 80, dyn, np.array(multipliers))
    ceiling = max(start) * (1 + dyn.headroom)
    assert (paths > 0).all()
    assert (paths <= ceiling * (1 + 1e-12)).all()


@settings(max_examples=60, deadline=None)
@given(plan=plans, seed=seeds)
def test_bands_are_ordered(plan, seed):
    table = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed).table
    for low, mid, high in (
        ("strength_p10", "strength", "strength_p90"),
        ("lsi_p10", "lsi", "lsi_p90"),
    ):
        assert (table[low] <= table[mid]).all() and (table[mid] <= table[high]).all()
    assert (table["lsi_p90"] <= 100 + 1e-9).all()
    for parity in model.simulate(plan, PARAMS, draws=DRAWS, seed=seed).parity:
        assert as_weeks(parity.fast) <= as_weeks(parity.typical) <= as_weeks(parity.slow)


@settings(max_examples=30, deadline=None)
@given(plan=plans, seed=seeds)
def test_a_seed_reproduces_the_simulation(plan, seed):
    one = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed)
    two = model.simulate(plan, PARAMS, draws=DRAWS, seed=seed)
    pd.testing.assert_frame_equal(one.table, two.table)
    assert one.parity == two.parity
    assert_array_equal(
        dynamics.response_multipliers(0.5, 10, seed), dynamics.response_multipliers(0.5, 10, seed)
    )


@settings(max_examples=40, deadline=None)
@given(plan=plans)
def test_lsi_is_weaker_over_stronger(plan):
    dyn = Dynamics.from_parameters(PARAMS, plan.status, detraining=plan.detraining)
    paths = dynamics.strength_paths(plan.start, plan.sets, plan.weeks, dyn, np.ones(1))[:, 0, :]
    assert_allclose(
        dynamics.limb_symmetry_index(paths), 100 * paths.min(axis=1) / paths.max(axis=1)
    )
