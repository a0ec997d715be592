"""`python -m backbalance simulate`: tidy CSV or JSON out; one clear line per problem, never a traceback."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from backbalance.cli import main
from backbalance.strength_gap import model
from backbalance.strength_gap.model import Scenario
from backbalance.strength_gap.parameters import load_model_parameters

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = [
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
    "--params",
    str(ROOT / "data" / "model_parameters.yml"),
]


def run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backbalance", *args], cwd=cwd, capture_output=True, text=True
    )


def test_csv_is_the_tidy_table_and_stderr_names_the_weeks_to_each_target(capsys):
    assert main([*EXAMPLE, "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == [
        "week",
        "side",
        "strength",
        "strength_p10",
        "strength_p90",
        "lsi",
        "lsi_p10",
        "lsi_p90",
    ]
    assert len(table) == 2 * 25 and set(table["side"]) == {"left", "right"}
    assert err.splitlines()[0].startswith("LSI 90%: typical person ")
    assert err.splitlines()[1].startswith("LSI 95%: typical person ")


def test_json_matches_the_model(capsys):
    assert main([*EXAMPLE, "--format", "json", "--seed", "7"]) == 0
    document = json.loads(capsys.readouterr().out)
    plan = Scenario(gap_percent=20, strong_sets=6, weak_extra_sets=4, weeks=24)
    sim = model.simulate(
        plan, load_model_parameters(ROOT / "data" / "model_parameters.yml"), draws=300, seed=7
    )
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


def test_weak_percent_is_an_alternative_to_extra_sets(capsys):
    base = [a for a in EXAMPLE if a not in ("--weak-extra-sets", "4")]
    assert main([*base, "--weak-percent", "50", "--format", "json"]) == 0
    by_percent = json.loads(capsys.readouterr().out)
    assert main([*base, "--weak-extra-sets", "3", "--format", "json"]) == 0
    by_sets = json.loads(capsys.readouterr().out)
    assert by_percent["table"] == by_sets["table"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gap", "120"], "--gap: must be at most 90.0, got 120.0"),
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
def test_bad_arguments_give_one_line_and_status_2(args, message):
    result = run([*EXAMPLE, *args])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("python -m backbalance simulate: error: ") and message in lines[0]


def test_bad_parameter_file_names_file_and_entry_with_status_1(tmp_path):
    (tmp_path / "data").mkdir()
    data = yaml.safe_load((ROOT / "data" / "model_parameters.yml").read_text(encoding="utf-8"))
    data["cross_education"]["value"] = 0.9
    (tmp_path / "data" / "model_parameters.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run(["simulate", "--gap", "20", "--strong-sets", "6"], cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/model_parameters.yml, cross_education.value: must be at most 0.5, got 0.9"
    ]


def test_missing_parameter_file_is_one_line_with_status_1(tmp_path):
    result = run(
        ["simulate", "--gap", "20", "--strong-sets", "6", "--params", "nowhere.yml"], cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["nowhere.yml: file not found"]


def test_default_parameter_file_is_found_from_the_repository_root(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    result = run(
        ["simulate", "--gap", "10", "--strong-sets", "6", "--weeks", "4", "--draws", "50"],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("week,side,strength,")
