"""Edits to data/assessment/*.yml are checked: a bad edit gives one clear line naming the
file and the entry, in the loader, in `python -m backbalance validate` and in the book build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from backbalance.assessment.data import load_assessment, load_assessment_file
from backbalance.assessment.render import ROOT_CLASS, render_form
from backbalance.common.read import DataError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ and references.bib that a test may break (the working folder)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(course: Path, name: str, old: str, new: str) -> None:
    path = course / "data" / "assessment" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(course: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_assessment(course / "data" / "assessment")
    return [str(problem) for problem in caught.value.problems]


def test_shipped_files_load(course):
    data = load_assessment(course / "data" / "assessment")
    # the signs issue 12 asks for (NICE CKS, IFOMPT): cauda equina signs are urgent, the rest not
    urgent = {sign.id for sign in data.red_flags.urgent.signs}
    assert {"both-legs", "worsening-legs", "bladder-bowel", "saddle-numbness"} <= urgent
    assert {
        "steroids",
        "injected-drugs",
        "infection-immunity",
        "inflammatory",
        "thoracic",
        "deformity",
        "not-improving",
        "unwell",
    } <= {sign.id for sign in data.red_flags.clinician.signs}
    assert {"heart", "chest", "dizzy", "blood-pressure", "pregnancy", "surgery", "hernia"} <= {
        q.id for q in data.pre_exercise.questions
    }
    assert data.chapters() == {
        "book/causes",
        "book/daily-habits",
        "book/phase1-release",
        "book/phase2-strengthen",
        "book/phase3-integrate",
    }


@pytest.mark.parametrize(
    ("name", "old", "new", "line"),
    [
        (
            "endurance.yml",
            "    sem_seconds: 10\n",
            "    sem_seconds: -5\n",
            "data/assessment/endurance.yml, test_error.side_bridge.sem_seconds: must be more than 0.0, got -5",
        ),
        (
            "endurance.yml",
            "    bridge_left: {mean: 77, sd: 35}",
            "    bridge_left: {mean: 77, sd: 35, median: 70}",
            "data/assessment/endurance.yml, norms.female.bridge_left.median: is not a known field (check the spelling)",
        ),
        (
            "endurance.yml",
            "    high: 1.0\n",
            "    high: 1.0\n    low: 2.0\n",
            "data/assessment/endurance.yml, ratios[1]: ratio 'flexor-extensor': low must be less than high",
        ),
        (
            "endurance.yml",
            "    numerator: flexor\n",
            "    numerator: plank\n",
            (
                "data/assessment/endurance.yml, ratios[1].numerator: input should be 'flexor', 'extensor', 'bridge_right' or "
                "'bridge_left'"
            ),
        ),
        (
            "endurance.yml",
            "Your side bridges differ by {gap} s. A difference",
            "Your side bridges differ by {gaps} s. A difference",
            (
                "data/assessment/endurance.yml, test_error.within: uses the blank {gaps}, which is not filled in here "
                "(known: {gap}, {noise})"
            ),
        ),
        (
            "strength.yml",
            "  line: 90\n",
            "  line: 190\n",
            "data/assessment/strength.yml, lsi.line: must be at most 100.0, got 190",
        ),
        (
            "strength.yml",
            "    min: 1\n    max: 100\n",
            "    min: 100\n    max: 1\n",
            "data/assessment/strength.yml, units.reps: min must be less than max, got min 100 and max 1",
        ),
        (
            "strength.yml",
            "    - {value: trained,",
            "    - {value: expert,",
            (
                "data/assessment/strength.yml, training_status.options[2].value: input should be 'novice', 'intermediate' or "
                "'trained'"
            ),
        ),
        (
            "strength.yml",
            "  source: gokeler2017\n",
            "  source: gokeler2017\n  assumption: a guess\n",
            "data/assessment/strength.yml, lsi: give exactly one of `source:` (a key in references.bib) or `assumption:`",
        ),
        (
            "questionnaire.yml",
            "{value: a-little, label: A little, points: 1}",
            "{value: a-little, label: A little, points: 3}",
            "data/assessment/questionnaire.yml, questions[0]: question 'belt-line': option points must not go down",
        ),
        (
            "questionnaire.yml",
            "contributes: {tight-side: 2}",
            "contributes: {tightness: 2}",
            (
                "data/assessment/questionnaire.yml, (top level): question 'one-side-tight' contributes to 'tightness', "
                "which is not a contributor id"
            ),
        ),
        (
            "questionnaire.yml",
            "    concern_weight: 2\n",
            "    concern_weight: 9\n",
            "data/assessment/questionnaire.yml, questions[0].concern_weight: must be at most 5, got 9",
        ),
        (
            "questionnaire.yml",
            "  - min_score: 6\n",
            "  - min_score: 0\n",
            "data/assessment/questionnaire.yml, (top level): concern_levels must start at min_score 0 and increase",
        ),
        (
            "questionnaire.yml",
            "    chapter: book/daily-habits\n",
            "    chapter: daily habits\n",
            "data/assessment/questionnaire.yml, contributors[0].chapter: string should match pattern",
        ),
        (
            "red_flags.yml",
            "    - id: cancer\n",
            "    - id: both-legs\n",
            "data/assessment/red_flags.yml, (top level): sign id 'both-legs' is used more than once",
        ),
        (
            "red_flags.yml",
            "  source: nicecks\n",
            "",
            "data/assessment/red_flags.yml, urgent: give exactly one of `source:`",
        ),
        (
            "tightness.yml",
            "choices: {none: Neither side,",
            "choices: {neither: Neither side,",
            "data/assessment/tightness.yml, choices.none: is required but missing",
        ),
        (
            "summary.yml",
            "title: Your results\n",
            "",
            "data/assessment/summary.yml, title: is required but missing",
        ),
    ],
)
def test_a_bad_edit_is_refused_with_file_and_entry(course, name, old, new, line):
    edit(course, name, old, new)
    found = problems(course)
    assert any(problem.startswith(line) for problem in found), found


def test_every_file_is_checked_at_once(course):
    edit(course, "endurance.yml", "    sem_seconds: 10\n", "    sem_seconds: 0\n")
    edit(course, "strength.yml", "  line: 90\n", "  line: 10\n")
    assert [p.split(",")[0] for p in problems(course)] == [
        "data/assessment/endurance.yml",
        "data/assessment/strength.yml",
    ]


def test_missing_and_unknown_files_are_named(course):
    (course / "data" / "assessment" / "tightness.yml").unlink()
    assert problems(course) == ["data/assessment/tightness.yml: file not found"]
    with pytest.raises(DataError, match="is not a self-assessment file"):
        load_assessment_file(course / "data" / "assessment" / "extra.yml")


def validate(course: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backbalance", "validate", "data", "--bib", "references.bib"],
        cwd=course,
        capture_output=True,
        text=True,
        check=False,
    )


def test_validate_command_checks_the_assessment_files(course):
    assert validate(course).returncode == 0
    edit(course, "endurance.yml", "  source: latimer1999\n", "  source: latimer2099\n")
    edit(course, "red_flags.yml", "    - id: cancer\n", "    - id: Cancer!\n")
    result = validate(course)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "data/assessment/red_flags.yml, clinician.signs[2].id: must be lower-case letters, "
        "digits and hyphens, like 'side-plank', got 'Cancer!'" in result.stderr
    )
    assert re.search(
        r"^data/assessment/endurance\.yml, test_error\.extensor\.source: cites 'latimer2099'",
        result.stderr,
        re.MULTILINE,
    )


# --------------------------------------------------------------------------- the book


class _Form(HTMLParser):
    """Collects what an accessibility check needs from the rendered form."""

    def __init__(self) -> None:
        super().__init__()
        self.roots: list[str] = []
        self.labels_for: set[str] = set()
        self.inputs: list[dict[str, str]] = []
        self.legends = 0
        self.fieldsets = 0
        self.json = ""
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "bb-assessment" in attrs.get("class", "").split():
            self.roots.append(attrs["class"])
        if tag == "label" and "for" in attrs:
            self.labels_for.add(attrs["for"])
        if tag in ("input", "select") and attrs.get("type") != "checkbox":
            self.inputs.append({"tag": tag, **attrs})
        self.fieldsets += tag == "fieldset"
        self.legends += tag == "legend"
        self._in_json = tag == "script" and attrs.get("type") == "application/json"

    def handle_data(self, data):
        if self._in_json:
            self.json += data

    def handle_endtag(self, tag):
        self._in_json = False


def test_the_form_is_labelled_and_carries_its_definitions(course):
    data = load_assessment(course / "data" / "assessment")
    html = render_form(data, {chapter: f"{chapter}.html" for chapter in data.chapters()})
    form = _Form()
    form.feed(html)
    assert form.roots == [ROOT_CLASS] and f'class="{ROOT_CLASS}"' in html
    boxes = [i for i in form.inputs if i.get("type") != "radio"]
    assert boxes and all(i["id"] in form.labels_for for i in boxes)
    assert (
        form.fieldsets
        == form.legends
        == len({i["name"] for i in form.inputs if i.get("type") == "radio"})
    )
    spec = json.loads(form.json)
    errors = spec["data"]["endurance"]["test_error"]
    assert errors["extensor"]["sem_seconds"] == data.endurance.test_error.extensor.sem_seconds
    assert [rule["name"] for rule in spec["fields"]][:1] == [
        f"question-{data.questionnaire.questions[0].id}"
    ]
    assert "</" not in form.json


def test_text_from_the_data_is_escaped(course):
    edit(
        course,
        "red_flags.yml",
        "Did your back pain start before age 20",
        "Did <b>your</b> back pain</script> start before age 20",
    )
    html = render_form(load_assessment(course / "data" / "assessment"), {})
    assert "<b>your</b>" not in html and "</script> start" not in html
    assert "&lt;b&gt;your&lt;/b&gt;" in html
