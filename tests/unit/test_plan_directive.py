"""The ``example-programme`` and ``habit-checklists`` directives, built in a tiny Sphinx project."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

ROOT = Path(__file__).resolve().parents[2]
CONF = 'extensions = ["myst_parser", "backbalance.sphinxext.programmes"]\nexclude_patterns = ["data"]\n'


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny book with a copy of the course's data, as the working folder (as in a real build)."""
    folder = tmp_path / "src"
    shutil.copytree(ROOT / "data", folder / "data")
    (folder / "conf.py").write_text(CONF)
    monkeypatch.chdir(folder)
    return folder


def build(source: Path, page: str) -> tuple[BeautifulSoup, str, Sphinx]:
    """Build ``page`` (MyST) as the book's only page; return the HTML, the warnings and the app."""
    (source / "index.md").write_text(page)
    warnings = io.StringIO()
    out = source.parent
    with (
        docutils_namespace()
    ):  # nodes and directives registered by this build are forgotten after it
        app = Sphinx(
            str(source),
            str(source),
            str(out / "out"),
            str(out / "doctrees"),
            "html",
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build()
    html = (out / "out" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser"), warnings.getvalue(), app


def test_an_example_programme_is_drawn_as_captioned_tables(source):
    page = "# Examples\n\n## Sam\n\n```{example-programme} desk-worker\n:days: 3\n:equipment: dumbbell band\n:name: Sam\n```\n"
    soup, warnings, _ = build(source, page)
    assert warnings == ""
    programme = soup.select_one(".bb-programme")
    assert (
        "Programme for Sam" in programme.get_text()
        and "by week 22 of Phase 2" in programme.get_text()
    )
    tables = programme.find_all("table")
    assert [t.caption.get_text() for t in tables] == [
        "Phase 1: release: a typical week",
        "Phase 2: strengthen: a typical week",
        "Phase 3: integrate: a typical week",
    ]
    wraps = programme.select(".bb-table-wrap")
    assert wraps[0]["aria-label"] == "Phase 1: release: a typical week (Sam)"
    assert all(w["tabindex"] == "0" and w["role"] == "region" for w in wraps)
    assert len(soup.find_all("style")) >= 1


def test_the_page_depends_on_every_file_it_reads(source):
    _, _, app = build(
        source, "# E\n\n```{example-programme} red-flag\n```\n\n```{habit-checklists}\n```\n"
    )
    deps = {Path(d).name for d in app.env.dependencies["index"]}
    assert {
        "red-flag.json",
        "exercises.csv",
        "plan_templates.yml",
        "model_parameters.yml",
        "habits.yml",
    } <= deps


def test_a_red_flag_example_shows_the_refusal(source):
    soup, warnings, _ = build(source, "# E\n\n```{example-programme} red-flag\n```\n")
    assert warnings == ""
    assert "No programme" in soup.select_one(".bb-refusal").get_text() and not soup.find("table")


def test_the_style_is_written_once_per_page(source):
    page = "# E\n\n```{example-programme} desk-worker\n```\n\n```{example-programme} parent-carrier\n:days: 2\n```\n"
    soup, _, _ = build(source, page)
    assert sum(".bb-programme-table" in s.get_text() for s in soup.find_all("style")) == 1


def test_habit_checklists_are_tables_to_print(source):
    soup, warnings, _ = build(source, "# Habits\n\n```{habit-checklists}\n```\n")
    assert warnings == ""
    captions = [c.get_text() for c in soup.select(".bb-checklists caption")]
    assert captions[0] == "Workstation checklist" and captions[1].startswith(
        "Habit tracker for one week"
    )


@pytest.mark.parametrize(
    ("page", "expected"),
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
def test_problems_become_warnings_naming_file_and_entry(source, page, expected):
    soup, warnings, _ = build(source, f"# E\n\n{page}\n")
    assert "WARNING" in warnings and expected in warnings
    assert soup.select_one(".bb-programme") is None


def test_a_broken_data_file_is_named_with_its_row(source):
    path = source / "data" / "exercises.csv"
    row = "bird-dog,Bird-dog,strengthen,stability,multifidus;back-extensors;glutes,yes,"
    path.write_text(path.read_text().replace(row + "2,", row + "40,"))
    _, warnings, _ = build(source, "# E\n\n```{example-programme} desk-worker\n```\n")
    assert (
        "example programme 'desk-worker': data/exercises.csv, row 12 (bird-dog): sets must be at most 10, got 40"
        in warnings
    )
