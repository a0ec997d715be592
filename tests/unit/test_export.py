"""CSV exports open safely in a spreadsheet: text a learner typed can never run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from backbalance.assessment.profile import load_profile
from backbalance.common.spreadsheet import FORMULA_START, safe_csv, spreadsheet_safe
from backbalance.programme.build import Setup, build_programme
from backbalance.programme.library import load_exercise_library
from backbalance.programme.render import programme_csv
from backbalance.programme.template import load_programme_template
from backbalance.strength_gap.parameters import load_model_parameters
from backbalance.tracker.data import log_csv, parse_progress, progress_from_rows

DATA = Path(__file__).resolve().parents[2] / "data"
ATTACKS = [
    "=1+1",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    '  =HYPERLINK("http://x")',
    '=cmd|" /C calc"!A0',
]


@pytest.fixture(scope="module")
def programme_for():
    library = load_exercise_library(DATA / "exercises.csv")
    template = load_programme_template(DATA / "plan_templates.yml", library)
    params = load_model_parameters(DATA / "model_parameters.yml")
    profile = load_profile(DATA / "examples" / "desk-worker.json")

    def make(name: str):
        return build_programme(
            profile, Setup(equipment={"dumbbell"}, name=name), library, template, params
        )

    return make


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("attack", ATTACKS)
def test_formula_starts_get_a_leading_quote(attack):
    assert spreadsheet_safe(attack) == "'" + attack


@pytest.mark.parametrize("value", ["Sam", "Jo-Ann", "week 4: +1 kg", "", 12, -5.0, None])
def test_other_values_are_unchanged(value):
    assert spreadsheet_safe(value) == value


@given(st.text())
def test_no_safe_text_starts_like_a_formula(text):
    safe = spreadsheet_safe(text)
    assert safe[:1] not in FORMULA_START and safe.lstrip(" ")[:1] not in FORMULA_START
    assert safe in (text, "'" + text)


@pytest.mark.parametrize("attack", ATTACKS)
def test_programme_csv_neutralises_the_learners_name(programme_for, attack):
    rows = cells(programme_csv(programme_for(attack)))
    header = rows[0]
    assert header[-1] == "learner"
    assert {row[-1] for row in rows[1:]} == {"'" + attack}


def test_programme_csv_reads_back_as_the_table_with_crlf_lines(programme_for):
    programme = programme_for("Sam")
    text = programme_csv(programme)
    assert text.count("\r\n") == len(programme.table) + 1 and "\n" not in text.replace("\r\n", "")
    back = pd.read_csv(
        io.StringIO(text),
        dtype={"reps": "Int64", "hold_seconds": "Int64"},
        keep_default_na=False,
        na_values={"reps": [""], "hold_seconds": [""]},
    )
    assert back.drop(columns="learner").equals(programme.table)
    assert set(back["learner"]) == {"Sam"}


def test_numbers_stay_numbers(programme_for):
    table = pd.DataFrame({"week": [1], "sets": [-1], "text": ["-1"]})
    assert cells(safe_csv(table))[1] == ["1", "-1", "'-1"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_progress_log_csv_neutralises_notes(attack):
    log = progress_from_rows([(1, {"week": "0", "left": "9", "right": "12", "notes": attack})])
    (row,) = cells(log_csv(log))[1:]
    assert row == ["0", "9.0", "12.0", "'" + attack.strip()]


def test_notes_with_commas_and_quotes_survive_the_round_trip():
    log = parse_progress('week,left,right,notes\n0,9,12,"tired, said ""ouch"""\n')
    assert parse_progress(log_csv(log)).rows.equals(log.rows)
