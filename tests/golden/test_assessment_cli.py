"""``python -m backbalance assess`` gives, for an answers file, exactly what Python's golden
cases want, and so what the static page's script gives (``test_assessment_js.py``)."""

from __future__ import annotations

import json

import pytest

from backbalance.assessment.answers import answers_document
from backbalance.assessment.form import CLEARANCE
from backbalance.cli import main
from backbalance.course import Course

from .assessment_cases import expected, paths


def test_the_cli_gives_the_golden_profile_and_report(tmp_path, capsys):
    data = Course.find().assessment
    done = 0
    for number, state in enumerate(paths(data)):
        want = expected(state, data)
        if "profile" not in want or number % 4:  # every fourth case: each run parses the course
            continue
        if state.get(CLEARANCE, "").strip():  # the CLI judges a clinician's date on today's date
            continue
        answers = tmp_path / f"case-{number}.json"
        answers.write_text(json.dumps(answers_document(state)), encoding="utf-8")
        assert main(["assess", str(answers), "--format", "json"]) == 0
        got = json.loads(capsys.readouterr().out)
        assert got == {"profile": want["profile"], "report": want["report"]}, state
        done += 1
    assert done > 15


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "is empty"),
        ("{", "is not valid JSON"),
        (
            '{"format": "back-in-balance/profile", "version": 1}',
            "is not a Back in Balance answers file",
        ),
        ('{"format": "back-in-balance/answers", "version": 7, "answers": {}}', "version 7"),
        (
            '{"format": "back-in-balance/answers", "version": 1, "answers": {"a": 1}}',
            "answers: must map",
        ),
        (
            '{"format": "back-in-balance/answers", "version": 1, "answers": {}}',
            "answers need a look",
        ),
    ],
)
def test_a_bad_answers_file_gets_one_line_and_status_1(tmp_path, capsys, content, says):
    answers = tmp_path / "answers.json"
    answers.write_text(content, encoding="utf-8")
    assert main(["assess", str(answers)]) == 1
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1


def test_a_missing_answers_file_is_named(tmp_path, capsys):
    assert main(["assess", str(tmp_path / "nowhere.json")]) == 1
    assert "file not found" in capsys.readouterr().err


def test_alexs_answers_file_says_91_percent_within_the_normal_dominance_difference(capsys):
    course = Course.find()
    assert main(["assess", str(course.path("examples", "answers", "alex.json"))]) == 0
    out = capsys.readouterr().out
    assert "LSI is 12.9 ÷ 14.2 × 100 = 91%" in out
    assert "within the normal dominance difference" in out
