"""`python -m backbalance simulate`: tidy CSV or JSON out; one clear line per problem, never a traceback.

The command runs in this process through :func:`backbalance.cli.main`; one smoke test runs it
as a separate process.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from backbalance.cli import main
from backbalance.course import MARKER
from backbalance.strength_gap import model
from backbalance.strength_gap.model import Scenario

SCENARIO = [
    "simulate",
    "--gap",
    "20",
    "--strong-sets",
    "6",
    "--weak-extra-sets",
    "4",
    "--weeks",
    "24",
    "--status",
    "novice",
    "--draws",
    "300",
]
"""One scenario; the tests add ``--params`` (the repository's file) where they need it."""


@pytest.fixture(scope="module")
def example(course) -> list[str]:
    """The scenario with the repository's parameter file."""
    return [*SCENARIO, "--params", str(course.path("model_parameters.yml"))]


@dataclass(frozen=True)
class Run:
    """What a run of the command printed, and its exit status."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(root, capsys, monkeypatch) -> Callable[..., Run]:
    """Run the command in this process from ``cwd`` (default: the repository root)."""

    def run(args: list[str], cwd: Path | None = None) -> Run:
        monkeypatch.chdir(cwd or root)
        capsys.readouterr()
        try:
            returncode = main(args)
        except SystemExit as stop:  # argparse stops at a bad argument
            returncode = stop.code
        out, err = capsys.readouterr()
        return Run(returncode, out, err)

    return run


def course_folder(path: Path) -> Path:
    """Make ``path`` a course folder (it holds the marker file and ``data/``)."""
    (path / MARKER).write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (path / "data").mkdir(exist_ok=True)
    return path


def test_csv_is_the_tidy_table_and_stderr_names_the_weeks_to_each_target(capsys, example):
    assert main([*example, "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == [
        "week",
        "side",
        "strength",
        "strength_p10",
        "strength_p90",
        "reading_p10",
        "reading_p90",
        "lsi",
        "lsi_p10",
        "lsi_p90",
        "lsi_read_p10",
        "lsi_read_p90",
    ]
    assert len(table) == 2 * 25 and set(table["side"]) == {"left", "right"}
    assert err.splitlines()[0].startswith("LSI 90%: typical person ")
    assert err.splitlines()[1].startswith("LSI 95%: typical person ")


def test_json_matches_the_model(capsys, example, params):
    assert main([*example, "--format", "json", "--seed", "7"]) == 0
    document = json.loads(capsys.readouterr().out)
    plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=4, weeks=24)
    sim = model.simulate(plan, params, draws=300, seed=7)
    assert document["plan"] == plan.model_dump()
    assert document["parity"][0] == {
        "target": 90.0,
        "typical": sim.parity[0].typical,
        "fast": sim.parity[0].fast,
        "slow": sim.parity[0].slow,
        "horizon": 24,
    }
    pd.testing.assert_frame_equal(
        pd.DataFrame(document["table"]), sim.table, check_dtype=False, rtol=1e-9
    )


def test_weak_percent_is_an_alternative_to_extra_sets(capsys, example):
    base = [a for a in example if a not in ("--weak-extra-sets", "4")]
    assert main([*base, "--weak-percent", "50", "--format", "json"]) == 0
    by_percent = json.loads(capsys.readouterr().out)
    assert main([*base, "--weak-extra-sets", "3", "--format", "json"]) == 0
    by_sets = json.loads(capsys.readouterr().out)
    assert by_percent["table"] == by_sets["table"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gap", "120"], "--gap: must be less than 100.0, got 120.0"),
        (["--weeks", "0"], "--weeks: must be at least 1, got 0"),
        (["--weak-extra-sets", "-2"], "--weak-extra-sets: must be at least 0.0, got -2.0"),
        (["--gap", "abc"], "argument --gap: invalid float value: 'abc'"),
        (["--status", "elite"], "argument --status: invalid choice: 'elite'"),
        (["--draws", "0"], "argument --draws: must be at least 1, got 0"),
        (
            ["--weak-percent", "10"],
            "argument --weak-percent: not allowed with argument --weak-extra-sets",
        ),
    ],
)
def test_bad_arguments_give_one_line_and_status_2(run, example, args, message):
    result = run([*example, *args])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("python -m backbalance simulate: error: ") and message in lines[0]


def test_bad_parameter_file_names_file_and_entry_with_status_1(run, course, tmp_path):
    course_folder(tmp_path)
    data = yaml.safe_load(course.path("model_parameters.yml").read_text(encoding="utf-8"))
    data["cross_education"]["value"] = 0.9
    (tmp_path / "data" / "model_parameters.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run(["simulate", "--gap", "20", "--strong-sets", "6"], cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/model_parameters.yml, cross_education.value: must be at most 0.5, got 0.9"
    ]


def test_missing_parameter_file_is_one_line_with_status_1(run, tmp_path):
    result = run(
        ["simulate", "--gap", "20", "--strong-sets", "6", "--params", "nowhere.yml"], cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["nowhere.yml: file not found"]


def test_default_parameter_file_is_found_from_the_repository_root(run, course, tmp_path):
    shutil.copytree(course.data, tmp_path / "data")
    course_folder(tmp_path)
    result = run(
        ["simulate", "--gap", "10", "--strong-sets", "6", "--weeks", "4", "--draws", "50"],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("week,side,strength,")


def test_a_bad_course_folder_in_the_environment_is_one_line_with_status_1(
    run, tmp_path, monkeypatch
):
    monkeypatch.setenv("BACKBALANCE_DATA", str(tmp_path / "nowhere"))
    result = run(["simulate", "--gap", "20", "--strong-sets", "6"], cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "nowhere: BACKBALANCE_DATA names a folder that does not exist; give "
        "the course folder (the one holding data/) or its data/ folder"
    ]


def test_the_command_runs_in_a_process_from_a_folder_inside_the_course(course, tmp_path):
    course_folder(tmp_path)
    shutil.copy(course.path("model_parameters.yml"), tmp_path / "data")
    (tmp_path / "notebooks").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "backbalance", *SCENARIO, "--weeks", "4", "--draws", "50"],
        cwd=tmp_path / "notebooks",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("week,side,strength,")
    assert result.stderr.splitlines()[0].startswith("LSI 90%: ")


def test_a_gap_beyond_the_limit_gets_the_plain_message_and_status_1(run, example, course):
    """gap_limit of data/model_parameters.yml is the one limit (issue 11): no traceback."""
    limit = course.parameters.gap_limit
    result = run([*example, "--gap", str(limit.value + 10)])
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"python -m backbalance simulate: error: --gap: {limit.explain()}"
    )
