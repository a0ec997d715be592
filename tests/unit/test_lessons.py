"""Lesson plans: the YAML schema and its one-line messages, the HTML, the shipped files (the
``lesson-plan`` Sphinx directive: tests/sphinx/test_lesson_plan_directive.py)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from backbalance.common.html import inline_css, static_text
from backbalance.common.palette import css_variables
from backbalance.common.read import DataError
from backbalance.course import Course
from backbalance.lessons.data import LessonPlan, load_lesson_plan
from backbalance.lessons.render import CSS, render_html, show

ROOT = Path(__file__).resolve().parents[2]
PLAN_DIR = ROOT / "data" / "lesson_plans"
SHIPPED = sorted(PLAN_DIR.glob("*.yml"))
CHAPTERS = (
    "welcome",
    "what-is-imbalance",
    "causes",
    "self-assessment",
    "phase1-release",
    "phase2-strengthen",
    "phase3-integrate",
    "daily-habits",
    "putting-it-together",
)


def activity(aid: str, minutes: int = 10, **changes) -> dict:
    data = {"id": aid, "minutes": minutes, "title": f"Step {aid}", "what": f"Do {aid}."}
    data.update(changes)
    return data


def valid() -> dict:
    """A 50-minute plan: 10 + 15 + 20 + 5."""
    return {
        "title": "Demo class",
        "goal": "Students can do the demo.",
        "prepare": ["Mats.", "A timer."],
        "safety": ["Stop if it hurts."],
        "activities": [
            activity("intro", 10),
            activity("practice", 15, source="bandy1994"),
            activity("discuss", 20),
            activity("wrap-up", 5),
        ],
        "discussion": [
            {"question": "Why?", "listen_for": "Because.", "source": "swain2020"},
            {"question": "How?", "listen_for": "Slowly."},
        ],
    }


@pytest.fixture
def write(tmp_path, monkeypatch):
    """Write a plan file in a fresh working folder (so messages show a short path)."""
    monkeypatch.chdir(tmp_path)

    def _write(data, name: str = "plan.yml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
        return path

    return _write


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_lesson_plan(path)
    return [str(p) for p in caught.value.problems]


def changed(change) -> dict:
    data = copy.deepcopy(valid())
    change(data)
    return data


# --------------------------------------------------------------------------- schema


def test_a_valid_plan_loads_with_its_schedule(write):
    plan = load_lesson_plan(write(valid()))
    assert isinstance(plan, LessonPlan)
    assert plan.minutes == 50
    assert [(start, end, a.id) for start, end, a in plan.schedule()] == [
        (0, 10, "intro"),
        (10, 25, "practice"),
        (25, 45, "discuss"),
        (45, 50, "wrap-up"),
    ]


@pytest.mark.parametrize("total", [45, 60])
def test_classes_of_45_and_60_minutes_are_accepted(write, total):
    data = valid()
    data["activities"][2]["minutes"] = 20 + total - 50
    assert load_lesson_plan(write(data)).minutes == total


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda d: d["activities"][2].update(minutes=14),
            "plan.yml, activities: the minutes must add up to 45–60 for one class, got 44",
            id="class-too-short",
        ),
        pytest.param(
            lambda d: d["activities"].append(activity("extra", 11)),
            "plan.yml, activities: the minutes must add up to 45–60 for one class, got 61",
            id="class-too-long",
        ),
        pytest.param(
            lambda d: d["activities"][3].update(id="intro"),
            "plan.yml, activities: activity id 'intro' is used more than once; ids must be unique",
            id="duplicate-id",
        ),
        pytest.param(
            lambda d: d.pop("goal"), "plan.yml, goal: is required but missing", id="missing-goal"
        ),
        pytest.param(
            lambda d: d["activities"][1].pop("what"),
            "plan.yml, activities[1].what: is required but missing",
            id="missing-what",
        ),
        pytest.param(
            lambda d: d.update(timing="50 min"),
            "plan.yml, timing: is not a known field (check the spelling)",
            id="unknown-key",
        ),
        pytest.param(
            lambda d: d["discussion"][0].update(answer="x"),
            "plan.yml, discussion[0].answer: is not a known field (check the spelling)",
            id="unknown-key-in-question",
        ),
        pytest.param(
            lambda d: d["activities"][0].update(minutes=0),
            "plan.yml, activities[0].minutes: must be at least 1, got 0",
            id="zero-minutes",
        ),
        pytest.param(
            lambda d: d["activities"][0].update(minutes=45),
            "plan.yml, activities[0].minutes: must be at most 30, got 45",
            id="activity-too-long",
        ),
        pytest.param(
            lambda d: d["activities"][0].update(minutes="ten"),
            "plan.yml, activities[0].minutes: input should be a valid integer, "
            "unable to parse string as an integer, got 'ten'",
            id="minutes-not-a-number",
        ),
        pytest.param(
            lambda d: d["activities"][0].update(minutes=7.5),
            "plan.yml, activities[0].minutes: input should be a valid integer, "
            "got a number with a fractional part, got 7.5",
            id="minutes-fraction",
        ),
        pytest.param(
            lambda d: d["activities"][0].update(id="Intro Step"),
            "plan.yml, activities[0].id: must be lower-case letters, digits and hyphens, like 'side-plank', "
            "got 'Intro Step'",
            id="id-not-a-slug",
        ),
        pytest.param(
            lambda d: d.update(title="   "),
            "plan.yml, title: must not be empty, got '   '",
            id="blank-title",
        ),
        pytest.param(
            lambda d: d["prepare"].append(""),
            "plan.yml, prepare[2]: must not be empty, got ''",
            id="blank-prepare-item",
        ),
        pytest.param(
            lambda d: d.update(prepare=[]),
            "plan.yml, prepare: list should have at least 1 item after validation, not 0, got []",
            id="nothing-to-prepare",
        ),
        pytest.param(
            lambda d: d["activities"][1].update(source="Bandy 1994"),
            "plan.yml, activities[1].source: must be a key as written in references.bib, "
            "like 'mcgill1999', got 'Bandy 1994'",
            id="source-not-a-key",
        ),
        pytest.param(
            lambda d: d.update(discussion=[]),
            "plan.yml, discussion: list should have at least 1 item after validation, not 0, got []",
            id="no-discussion",
        ),
        pytest.param(
            lambda d: d.update(safety="Stop if it hurts."),
            "plan.yml, safety: input should be a valid list, got 'Stop if it hurts.'",
            id="safety-not-a-list",
        ),
    ],
)
def test_each_mistake_is_one_line_naming_file_entry_and_rule(write, change, expected):
    assert problems(write(changed(change))) == [expected]


def holds(minutes: int, hold: float, times: int, rest: float) -> dict:
    """A testing station: ``times`` holds of ``hold`` minutes with a rest between them."""
    steps = [
        {"what": "Timed hold", "minutes": hold, "times": times},
        {"what": "Rest between holds", "minutes": rest, "times": times - 1},
    ]
    return activity("practice", minutes, steps=steps)


def test_timed_steps_that_fit_their_activity_load_and_render(write):
    data = changed(lambda d: d["activities"].__setitem__(1, holds(15, 2.5, 2, 5)))
    plan = load_lesson_plan(write(data))
    needed = sum(step.total for step in plan.activities[1].steps)
    assert needed <= plan.activities[1].minutes
    items = BeautifulSoup(render_html(plan), "html.parser").select(".bb-lesson-plan-steps li")
    assert [li.get_text() for li in items] == [
        "Timed hold: 2.5 min × 2",
        "Rest between holds: 5 min",
    ]


def test_four_timed_holds_with_rests_do_not_fit_in_20_minutes(write):
    """Four holds of up to about 4 minutes with 5-minute rests need 31 minutes, not 20."""
    data = changed(lambda d: d["activities"].__setitem__(1, holds(15, 4, 4, 5)))
    assert problems(write(data)) == [
        "plan.yml, activities[1].steps: the steps take 31 minutes but the activity has 15; "
        "give it more minutes, shorten the steps, or split it across two classes, got 31"
    ]


def test_shipped_testing_stations_time_each_hold_and_rest():
    """Every shipped activity that times holds lists its steps, so the validator checks them."""
    for path in SHIPPED:
        for item in load_lesson_plan(path).activities:
            if re.search(r"\b(side bridge|flexor hold|extensor hold)s?\b", item.title, re.I):
                assert item.steps, f"{path.name}: {item.id}"


def test_every_field_problem_is_reported_at_once(write):
    data = valid()
    data["activities"][0]["minutes"] = 0
    data["discussion"][1].pop("listen_for")
    data["colour"] = "red"
    assert problems(write(data)) == [
        "plan.yml, activities[0].minutes: must be at least 1, got 0",
        "plan.yml, discussion[1].listen_for: is required but missing",
        "plan.yml, colour: is not a known field (check the spelling)",
    ]


def test_a_plan_that_is_not_a_mapping_is_named(write):
    assert problems(write("- just\n- a list\n")) == [
        "plan.yml, (top level): input should be a valid dictionary or instance of LessonPlan, "
        "got ['just', 'a list']"
    ]


def test_broken_yaml_and_missing_files_are_data_errors(write, tmp_path):
    (line,) = problems(write("title: [unclosed\n"))
    assert re.match(r"^plan\.yml, line \d+, column \d+: not valid YAML", line)
    assert problems(tmp_path / "absent.yml") == ["absent.yml: file not found"]


def test_citations_name_the_entry_and_key(write):
    plan = load_lesson_plan(write(valid()))
    assert list(plan.citations()) == [
        ("activities[1].source (practice)", "bandy1994"),
        ("discussion[0].source", "swain2020"),
    ]


def test_lesson_plans_are_registered_for_validation():
    from backbalance.validate import LOADERS

    assert LOADERS["lesson_plans/*.yml"] is load_lesson_plan


# --------------------------------------------------------------------------- rendering


def test_render_shows_title_goal_preparation_timeline_and_questions(write):
    soup = BeautifulSoup(render_html(load_lesson_plan(write(valid()))), "html.parser")
    section = soup.select_one("section.bb-lesson-plan")
    assert section.h2.get_text() == "Lesson plan: Demo class"
    assert "A 50-minute class." in section.get_text()
    assert [h.get_text() for h in section.find_all("h3")] == [
        "Prepare",
        "Safety",
        "Timeline",
        "Discussion questions",
    ]
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in section.select("tbody tr")
    ]
    assert [row[:2] for row in rows] == [
        ["0–10 min", "Step intro"],
        ["10–25 min", "Step practice"],
        ["25–45 min", "Step discuss"],
        ["45–50 min", "Step wrap-up"],
    ]
    assert "bandy1994" in rows[1][2]
    assert all(th.get("scope") == "row" for th in section.select("tbody th"))
    assert section.table.caption.get_text() == "Activities, 50 minutes in all"
    questions = section.select("ol.bb-lesson-plan-discussion > li")
    assert [q.get_text(" ", strip=True) for q in questions][1] == "How? Listen for: Slowly."


def test_render_leaves_out_an_empty_safety_list(write):
    data = valid()
    del data["safety"]
    soup = BeautifulSoup(render_html(load_lesson_plan(write(data))), "html.parser")
    assert "Safety" not in [h.get_text() for h in soup.find_all("h3")]


def test_render_escapes_text_and_needs_no_script_or_ids(write):
    data = valid()
    data["title"] = "<script>alert(1)</script> & co"
    data["activities"][0]["what"] = 'Say "hi" <b>now</b>.'
    html = render_html(load_lesson_plan(write(data)))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert soup.find(id=True) is None
    assert render_html(load_lesson_plan(write(data))).startswith("<section")
    assert ".bb-lesson-plan table" in inline_css(CSS)


def test_the_stylesheet_takes_every_colour_from_the_palette():
    """Each colour is a palette custom property whose fallback is the palette's own value."""
    palette = dict(re.findall(r"--(bb-[a-z-]+): (#[0-9A-F]{6});", css_variables()))
    css = static_text(CSS)
    used = re.findall(r"var\(--(bb-[a-z-]+), (#[0-9A-Fa-f]+)\)", css)
    assert used and all(palette[name] == fallback for name, fallback in used)
    assert len(re.findall(r"#[0-9A-Fa-f]{3,6}\b", css)) == len(used), "a colour outside var()"


def test_show_returns_the_same_html_for_notebooks(write, tmp_path, monkeypatch):
    pytest.importorskip("IPython")
    monkeypatch.delenv("BACKBALANCE_DATA", raising=False)
    folder = tmp_path / "data" / "lesson_plans"
    write(valid(), "data/lesson_plans/demo.yml")
    (tmp_path / "_toc.yml").write_text("root: index\n")
    expected = str(inline_css(CSS)) + render_html(load_lesson_plan(folder / "demo.yml"))
    assert show("demo", course=Course.find(tmp_path)).data == expected
    assert show("demo").data == expected, "found from the working folder"
    with pytest.raises(ValueError, match="chapter file stem"):
        show("../secret")


# --------------------------------------------------------------------------- shipped files


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_plan_loads_and_fills_a_class(path):
    plan = load_lesson_plan(path)
    assert 45 <= plan.minutes <= 60
    assert len(plan.discussion) >= 2


def test_every_chapter_has_a_plan_and_every_plan_a_chapter():
    used = {}
    for chapter in sorted((ROOT / "book").glob("*.md")):
        for name in re.findall(
            r"^```\{lesson-plan\}\s+(\S+)\s*$", chapter.read_text(encoding="utf-8"), re.M
        ):
            used[name] = chapter.stem
    assert used == {name: name for name in CHAPTERS}, "each chapter shows its own plan, once"
    assert {p.stem for p in SHIPPED} == set(CHAPTERS)


def test_shipped_plan_sources_are_in_the_bibliography():
    from pybtex.database import parse_file

    keys = set(parse_file(str(ROOT / "references.bib"), bib_format="bibtex").entries)
    cited = [
        (p.name, entry, key) for p in SHIPPED for entry, key in load_lesson_plan(p).citations()
    ]
    assert cited, "the shipped plans should cite their evidence"
    assert [c for c in cited if c[2] not in keys] == []
