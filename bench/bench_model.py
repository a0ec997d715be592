"""Speed of the strength-gap model (issue 11). Printed by `make bench`; nothing is asserted.

Targets: one scenario (52 weeks, both sides) with its tidy table <= 1 ms; a full sweep of
21 gaps x 21 biases x 52 weeks x 1,000 simulated people <= 1 s. Each figure is the median
of several runs after one warm-up run: wall time (time.perf_counter, what the targets are
about) and, in brackets, the process's CPU time (time.process_time), which a machine
shared with other work inflates less.

Run from the repository (the course data is found by ``Course.find()``)::

    .venv/bin/python bench/bench_model.py
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

import numpy as np

from backbalance.course import Course
from backbalance.strength_gap import dynamics, forecast, model

WEEKS = 52


def median_seconds(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU time of ``run`` over ``repeat`` calls, after one warm-up call."""
    run()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def report(label: str, seconds: tuple[float, float], target: float | None = None) -> None:
    """Print one readable line, with the target and whether it was met."""
    wall, cpu = seconds
    shown = f"{wall * 1e3:9.3f} ms (cpu {cpu * 1e3:8.3f} ms)"
    verdict = (
        ""
        if target is None
        else f"   target <= {target * 1e3:g} ms: {'met' if wall <= target else 'MISSED'}"
    )
    print(f"{label:<62}{shown}{verdict}")


def main() -> None:
    course = Course.find()
    params, sem = course.parameters, course.assessment.strength.test_error.sem_percent
    plan = model.Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=4, weeks=WEEKS)
    dyn = dynamics.Dynamics.from_parameters(params, plan.status, detraining=False)
    typical = dynamics.typical_person(params)
    print(f"Strength-gap model, {WEEKS} weeks, both sides (median of repeated runs)")
    load, cores = os.getloadavg()[0], os.cpu_count()
    print(f"load average {load:.1f} on {cores} cores: a loaded machine slows the wall times")
    report(
        "one scenario, typical person (strength_paths)",
        median_seconds(
            lambda: dynamics.strength_paths(plan.start, plan.sets, WEEKS, dyn, typical), 500
        ),
        target=1e-3,
    )
    report(
        "one scenario, typical person, tidy table (simulate, 1 draw)",
        median_seconds(lambda: model.simulate(plan, params, draws=1).table, 200),
        target=1e-3,
    )
    report(
        "one scenario, 1,000 people, bands + re-test noise (simulate)",
        median_seconds(lambda: model.simulate(plan, params, draws=1000).table, 50),
    )
    log = forecast.retest_log([(0, 80, 100), (4, 86, 104), (8, 92, 107)])
    report(
        "personalised forecast from a 3-test log, 1,000 people (forecast)",
        median_seconds(
            lambda: forecast.forecast(plan, params, log, test_sem_percent=sem, draws=1000), 20
        ),
    )
    gaps, extras = np.linspace(0, 30, 21), np.linspace(0, 10, 21)
    report(
        "sweep: 21 gaps x 21 biases x 52 weeks x 1,000 people (sweep)",
        median_seconds(
            lambda: model.sweep(params, gaps=gaps, extra_sets=extras, strong_sets=6, weeks=WEEKS), 5
        ),
        target=1.0,
    )


if __name__ == "__main__":
    main()
