"""``python -m backbalance forecast``: weeks to each LSI target, personalised by a log."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from backbalance.cli import main
from backbalance.course import Course

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "data" / "examples" / "desk-worker.json")


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "week,left,right,notes\n0,10,12,first\n4,11,12.5,\n8,12,13,\n", encoding="utf-8"
    )
    return str(path)


def test_csv_gives_p10_p50_p90_weeks_for_every_target(capsys):
    assert main(["forecast", PROFILE, "--weeks", "30"]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out))
    targets = Course.find().parameters.lsi_targets.value
    assert table["target"].tolist() == targets
    assert list(table.columns[:4]) == ["target", "week_p10", "week_p50", "week_p90"]
    assert not table["personalised"].any()
    assert "No re-test logged yet" in err


def test_a_log_personalises_the_forecast(capsys, log):
    assert main(["forecast", PROFILE, "--log", log, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["personalised"] is True
    assert document["message"].startswith("Your log so far says")
    assert document["pace"] in ("faster", "typical", "slower")
    low, mid, high = (document["response"][k] for k in ("p10", "p50", "p90"))
    assert low <= mid <= high
    assert [
        row["target"] for row in document["targets"]
    ] == Course.find().parameters.lsi_targets.value
    assert document["plan"]["strong_start"] == 12  # the log's first test is the start


@pytest.mark.parametrize(
    ("profile", "log_text", "message"),
    [
        ("missing.json", None, "missing.json: file not found"),
        (str(ROOT / "data" / "examples" / "parent-carrier.json"), None, "no strength forecast"),
        (str(ROOT / "data" / "examples" / "red-flag.json"), None, "see a clinician"),
        (PROFILE, "week,left,right\n0,ten,12\n", "line 2: left must be a number"),
        (PROFILE, "week,left,right\n0,10,12\n0,11,12\n", "week 0 is already on line 2"),
    ],
)
def test_bad_files_give_one_line_and_status_1(capsys, tmp_path, profile, log_text, message):
    args = ["forecast", profile]
    if log_text is not None:
        path = tmp_path / "log.csv"
        path.write_text(log_text, encoding="utf-8")
        args += ["--log", str(path)]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_a_gap_beyond_the_limit_gets_the_plain_message(capsys, tmp_path):
    profile = json.loads(Path(PROFILE).read_text(encoding="utf-8"))
    limit = Course.find().parameters.gap_limit
    profile["gap_percent"] = limit.value + 5
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    assert main(["forecast", str(path)]) == 1
    assert capsys.readouterr().err.strip() == f"{path}: {limit.explain()}"
