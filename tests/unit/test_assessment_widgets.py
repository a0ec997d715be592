"""The JupyterLab self-assessment app, driven programmatically: messages, results, files."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest

from backbalance.assessment.app import AssessmentApp
from backbalance.assessment.check import MESSAGES, check_answers
from backbalance.assessment.data import AssessmentData, load_assessment
from backbalance.assessment.form import form_steps
from backbalance.assessment.logic import build_profile
from backbalance.assessment.profile import Profile

TODAY = "2026-03-15"
"""The date the answers are checked on (a clinician's check cannot be later)."""

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data() -> AssessmentData:
    return load_assessment(ROOT / "data" / "assessment")


@pytest.fixture
def app(data) -> AssessmentApp:
    return AssessmentApp(data)


def answer(app: AssessmentApp, alex: dict[str, str], **changes: str) -> dict[str, str]:
    """Set Alex's answers (no red flags, first option elsewhere) through the widgets."""
    state = alex | changes
    for name, value in state.items():
        widget = app.inputs[name]
        widget.value = value if value or isinstance(widget, widgets.Text) else None
    return state


def messages(app: AssessmentApp) -> dict[str, str]:
    return {name: box.value for name, box in app.messages.items() if box.value}


def results_text(app: AssessmentApp) -> str:
    return app.results.children[0].value if app.results.children else ""


def test_every_field_has_a_labelled_widget(app, data):
    names = [field.name for step in form_steps(data) for field in step.fields]
    assert list(app.inputs) == names
    assert all(widget.description for widget in app.inputs.values())
    assert app.later.layout.display == "none"


def test_unanswered_red_flags_get_a_message_each(app, data):
    assert app.run_screen() is None
    assert len(messages(app)) == len(data.red_flags.signs())
    assert all(MESSAGES["choose"] in text for text in messages(app).values())
    assert app.later.layout.display == "none"


def test_a_red_flag_stops_with_guidance_and_no_programme(app, data):
    app.inputs["redflag-bladder-bowel"].value = "yes"
    assert app.run_screen() == "urgent"
    assert app.later.layout.display == "none"
    assert data.red_flags.urgent.title in results_text(app)
    assert data.red_flags.no_programme in results_text(app)
    assert app.profile == Profile(red_flag="urgent", red_flag_signs=("bladder-bowel",))
    assert len(app.results.children) == 1  # guidance only: no charts


def test_clear_screen_opens_the_other_steps(alex, app, data):
    answer(app, alex)
    assert app.run_screen() == "none"
    assert app.later.layout.display == "flex"
    assert data.red_flags.clear in app.screen_result.value


def test_results_match_the_scorer_and_come_with_charts(alex, app, data):
    state = answer(app, alex)
    profile = app.show_results()
    assert profile == build_profile(check_answers(state, data, TODAY).answers, data)
    assert "with an estimated-strength gap of 9% in the single-arm row." in results_text(app)
    assert "Your estimated-strength LSI is 12.9 ÷ 14.2 × 100 = 91%." in results_text(app)
    charts = [child for child in app.results.children if isinstance(child, go.FigureWidget)]
    assert len(charts) == 3
    assert messages(app) == {}


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("hold-flexor", "abc", MESSAGES["number"]),
        ("hold-flexor", "-5", MESSAGES["negative"]),
        ("hold-extensor", "99999", "Type at most 600 s. Check for a typing slip."),
        ("hold-bridge_left", "", MESSAGES["pair"]),
        ("strength-right", "", MESSAGES["pair"]),
        ("strength-right", "0.4", "Type at least 1 reps."),
        ("question-bag", "", MESSAGES["choose"]),
    ],
)
def test_a_bad_answer_gets_its_message_next_to_the_field(alex, app, data, name, typed, message):
    answer(app, alex, **{name: typed})
    assert app.show_results() is None
    assert list(messages(app)) == [name]
    assert message in messages(app)[name]
    assert MESSAGES["form"] in app.form_error.value
    app.inputs[name].value = "60" if name.startswith(("hold", "strength")) else "most-days"
    assert messages(app) == {}  # editing a field clears its message


def test_a_red_flag_after_results_replaces_them(alex, app, data):
    answer(app, alex)
    app.show_results()
    app.inputs["redflag-night-pain"].value = "yes"
    assert app.later.layout.display == "none"
    assert data.red_flags.clinician.title in results_text(app)
    assert not app.profile.cleared


def test_answers_saved_and_loaded(alex, data, tmp_path):
    app = AssessmentApp(data, folder=tmp_path)
    state = answer(app, alex)
    path = app.save_answers("answers.json")
    assert path == tmp_path / "answers.json"
    assert json.loads(path.read_text())["answers"]["hold-flexor"] == "102"
    fresh = AssessmentApp(data, folder=tmp_path)
    assert fresh.load_answers("answers.json")
    assert {name: value for name, value in fresh.state().items() if value} == {
        k: v for k, v in state.items() if v
    }
    assert fresh.later.layout.display == "flex"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "There is no file called answers.json"),
        ("{not json", "Could not read"),
        ('{"format": "something else"}', "it is not a saved answers file"),
        ("[" * 100_000, "Could not read"),
    ],
)
def test_a_bad_answers_file_is_reported_not_raised(data, tmp_path, content, said):
    app = AssessmentApp(data, folder=tmp_path)
    if content is not None:
        (tmp_path / "answers.json").write_text(content)
    assert app.load_answers("answers.json") is False
    assert said in app.files.status.value


def test_profile_saved_only_after_results(alex, data, tmp_path):
    app = AssessmentApp(data, folder=tmp_path)
    assert app.save_profile("p.json") is None
    assert "See my results" in app.files.status.value
    answer(app, alex)
    app.show_results()
    path = app.save_profile("p.json")
    assert Profile.load(path) == app.profile
