"""``python -m backbalance forecast``: weeks to each LSI target, personalised by a log."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from backbalance.cli import main
from backbalance.course import Course
from backbalance.strength_gap.dynamics import KNOWN_CAUSES

ROOT = Path(__file__).resolve().parents[2]
PROFILE = str(ROOT / "data" / "examples" / "desk-worker.json")


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "week,left,right,notes\n0,10,12,first\n4,11,12.5,\n8,12,13,\n", encoding="utf-8"
    )
    return str(path)


def test_csv_gives_p10_p50_p90_weeks_for_every_case_and_target(capsys):
    """The default cause is unknown: one labelled block of rows per case, each with every
    target, and the message names both cases."""
    assert main(["forecast", PROFILE, "--weeks", "30"]) == 0
    out, err = capsys.readouterr()
    table = pd.read_csv(io.StringIO(out))
    course = Course.find()
    targets = course.parameters.lsi_targets.value
    case = course.forecast_wording.forecast.case
    assert table["cause"].tolist() == [c for c in KNOWN_CAUSES for _ in targets]
    assert table["case"].tolist() == [getattr(case.name, c) for c in KNOWN_CAUSES for _ in targets]
    assert table["target"].tolist() == targets * len(KNOWN_CAUSES)
    assert list(table.columns[:6]) == [
        "cause",
        "case",
        "target",
        "week_p10",
        "week_p50",
        "week_p90",
    ]
    assert not table["personalised"].any()
    assert "No re-test logged yet" in err
    assert case.lead.disuse in err and case.lead.handedness in err


def test_a_known_cause_gives_only_its_case(capsys):
    assert main(["forecast", PROFILE, "--cause", "handedness", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [c["cause"] for c in document["cases"]] == ["handedness"]
    lead = Course.find().forecast_wording.forecast.case.lead
    assert lead.handedness not in document["message"]  # one case needs no lead-in
    assert document["fit_disuse"] is None


def test_a_log_personalises_the_forecast(capsys, log):
    assert main(["forecast", PROFILE, "--log", log, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [c["cause"] for c in document["cases"]] == list(KNOWN_CAUSES)
    assert 0 <= document["fit_disuse"] <= 1
    for case in document["cases"]:
        assert case["personalised"] is True
        assert case["message"].startswith("Your log so far says")
        assert case["pace"] in ("faster", "typical", "slower")
        low, mid, high = (case["response"][k] for k in ("p10", "p50", "p90"))
        assert low <= mid <= high
        assert [
            row["target"] for row in case["targets"]
        ] == Course.find().parameters.lsi_targets.value
        assert case["plan"]["strong_start"] == 12  # the log's first test is the start
        assert case["plan"]["cause"] == case["cause"]


def test_the_logs_cause_line_chooses_the_case_unless_cause_is_given(capsys, log):
    """The tracker saves where the gap comes from as a ``# cause:`` line; the CLI reads it,
    and ``--cause`` still wins."""
    text = Path(log).read_text(encoding="utf-8")
    Path(log).write_text("# cause: disuse\n" + text, encoding="utf-8")
    assert main(["forecast", PROFILE, "--log", log, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["cause"] == "disuse"
    assert [c["cause"] for c in document["cases"]] == ["disuse"]
    assert main(["forecast", PROFILE, "--log", log, "--cause", "unknown", "--format", "json"]) == 0
    assert [c["cause"] for c in json.loads(capsys.readouterr().out)["cases"]] == list(KNOWN_CAUSES)


@pytest.mark.parametrize(
    ("profile", "log_text", "message"),
    [
        ("missing.json", None, "missing.json: file not found"),
        (str(ROOT / "data" / "examples" / "parent-carrier.json"), None, "no strength forecast"),
        (str(ROOT / "data" / "examples" / "red-flag.json"), None, "see a clinician"),
        (PROFILE, "week,left,right\n0,ten,12\n", "line 2: left must be a number"),
        (PROFILE, "week,left,right\n0,10,12\n0,11,12\n", "week 0 is already on line 2"),
        (PROFILE, "# cause: sprain\nweek,left,right\n0,10,12\n", "sprain"),
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
