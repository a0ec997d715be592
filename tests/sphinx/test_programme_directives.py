"""The ``example-programme`` and ``habit-checklists`` directives, in a tiny MyST book."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from backbalance.assessment.profile import load_profile
from backbalance.course import Course
from backbalance.programme.build import Setup, build_programme
from backbalance.programme.render import forecast_text, handout_html

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def programmes(book, soup, warnings):
    """Build ``page`` (MyST) as the book's only page; return the HTML, the warnings, the app."""

    def _build(page: str, data: str = "course") -> tuple[BeautifulSoup, str, object]:
        app = book("programmes", {"index.md": page}, data=data)
        return soup(app), warnings(app), app

    return _build


def test_an_example_programme_is_drawn_as_captioned_tables(programmes):
    page = "# Examples\n\n## Sam\n\n```{example-programme} desk-worker\n:days: 3\n:equipment: dumbbell band\n:name: Sam\n```\n"
    soup, warnings, _ = programmes(page)
    assert warnings == ""
    programme = soup.select_one(".bb-programme")
    course = Course.find(ROOT / "data")
    expected = build_programme(
        load_profile(course.path("examples", "desk-worker.json")),
        Setup(days_per_week=3, equipment=frozenset({"dumbbell", "band"}), name="Sam"),
        course.exercises,
        course.programme_template,
        course.parameters,
    )
    forecast = forecast_text(expected)
    assert "by week" in forecast and "of Phase 2" in forecast
    assert "Programme for Sam" in programme.get_text()
    assert " ".join(forecast.split()) in " ".join(programme.get_text().split())
    tables = programme.find_all("table")
    assert [t.caption.get_text() for t in tables] == [
        "Phase 1: release: a typical week",
        "Phase 2: strengthen: a typical week",
        "Phase 3: integrate: a typical week",
        course.programme_template.pain_sense.traffic_light.title,
    ]
    wraps = programme.select(".bb-table-wrap")
    assert wraps[0]["aria-label"] == "Phase 1: release: a typical week (Sam)"
    assert all(w["tabindex"] == "0" and w["role"] == "region" for w in wraps)
    assert soup.find(
        "link", rel="stylesheet", href=lambda h: h.endswith("backbalance/programme.css")
    )


def test_the_page_depends_on_every_file_it_reads(programmes):
    _, _, app = programmes(
        "# E\n\n```{example-programme} red-flag\n```\n\n```{habit-checklists}\n```\n"
    )
    deps = {Path(d).name for d in app.env.dependencies["index"]}
    assert {
        "red-flag.json",
        "exercises.csv",
        "plan_templates.yml",
        "model_parameters.yml",
        "habits.yml",
    } <= deps


def test_a_red_flag_example_shows_the_refusal(programmes):
    soup, warnings, _ = programmes("# E\n\n```{example-programme} red-flag\n```\n")
    assert warnings == ""
    assert "No programme" in soup.select_one(".bb-refusal").get_text() and not soup.find("table")


def test_the_stylesheet_is_linked_once_per_page(programmes):
    page = "# E\n\n```{example-programme} desk-worker\n```\n\n```{example-programme} parent-carrier\n:days: 2\n```\n"
    soup, _, _ = programmes(page)
    links = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert sum(href.endswith("backbalance/programme.css") for href in links) == 1
    assert not soup.find_all("style", string=lambda text: text and ".bb-programme-table" in text)


def test_habit_checklists_are_tables_to_print(programmes):
    soup, warnings, _ = programmes("# Habits\n\n```{habit-checklists}\n```\n")
    assert warnings == ""
    captions = [c.get_text() for c in soup.select(".bb-checklists caption")]
    assert captions[0] == "Workstation checklist" and captions[1].startswith(
        "Habit tracker for one week"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "```{example-programme} nobody\n```",
            "example programme 'nobody': data/examples/nobody.json: file not found",
        ),
        ("```{example-programme} ../secret\n```", "the name must be a file stem in data/examples"),
        (
            "```{example-programme} desk-worker\n:days: 6\n```",
            "days a week must be one of [2, 3, 4], got 6",
        ),
        (
            "```{example-programme} desk-worker\n:equipment: dumbell\n```",
            "the directive's options, equipment[0]: input should be 'none'",
        ),
    ],
)
def test_problems_become_warnings_naming_file_and_entry(programmes, text, expected):
    soup, warnings, _ = programmes(f"# E\n\n{text}\n", data="copy")
    assert "WARNING" in warnings and expected in warnings
    assert soup.select_one(".bb-programme") is None


def test_a_broken_data_file_is_named_with_its_row(book, warnings):
    row = "bird-dog,Bird-dog,strengthen,stability,multifidus;back-extensors;glutes,yes,"

    def break_a_row(srcdir: Path) -> None:
        path = srcdir / "data" / "exercises.csv"
        path.write_text(path.read_text().replace(row + "2,", row + "40,"))

    page = "# E\n\n```{example-programme} desk-worker\n```\n"
    app = book("programmes", {"index.md": page}, data="copy", edit=break_a_row)
    assert (
        "example programme 'desk-worker': data/exercises.csv, row 12 (bird-dog): sets must be at most 10, got 40"
        in warnings(app)
    )


def _words(element) -> list[str]:
    """The text of each cell and paragraph, whitespace folded."""
    return [
        " ".join(e.get_text(" ").split()) for e in element.find_all(["p", "caption", "th", "td"])
    ]


def test_the_traffic_light_on_the_page_is_the_handouts_word_for_word(programmes):
    """One home (plan_templates.yml, pain_sense.traffic_light): the chapter's directive and
    the handout show the same rate line, table and course-choice reason."""
    soup, warnings, app = programmes("# Pain\n\n```{traffic-light}\n```\n")
    assert warnings == ""
    course = Course.find(ROOT / "data")
    rule = course.programme_template.pain_sense.traffic_light
    sam = build_programme(
        load_profile(course.path("examples", "desk-worker.json")),
        Setup(days_per_week=3, equipment=frozenset({"dumbbell"})),
        course.exercises,
        course.programme_template,
        course.parameters,
    )
    handout = BeautifulSoup(handout_html(sam, course.evidence), "html.parser")
    on_page, on_paper = (_words(s.select_one(".bb-traffic-light")) for s in (soup, handout))
    assert on_page == on_paper
    assert on_page[0] == " ".join(rule.rate.split())
    assert on_page[1] == rule.title
    for light in rule.lights:
        assert [light.light, light.pain, light.action] == on_page[
            on_page.index(light.light) : on_page.index(light.light) + 3
        ]
    assert (
        on_page[-1] == f"{course.evidence.label('assumption')} {' '.join(rule.assumption.split())}"
    )
    deps = {Path(d).name for d in app.env.dependencies["index"]}
    assert {"plan_templates.yml", "evidence.yml"} <= deps
