"""The assessment page gives a reader with no kernel the programme build_programme gives.

A reader fills in the form (as in ``test_assessment_parity.py``), changes the days a week
and prints; the programme on the page must read, word for word, as Python's pieces for the
profile the page offers for download, with its exact gap: build_programme itself plans from
the gap on the one grid (``gap_step``), so the page and the notebook agree for any gap.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from test_assessment_parity import PAGE, downloaded_profile, flows, run

from backbalance.assessment.profile import Profile
from backbalance.course import Course
from backbalance.programme.web import page_programme, web_parts

pytestmark = pytest.mark.slow


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    """What ``textContent`` gives for ``html``."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def reader(data) -> dict[str, str]:
    """Full results with a clear strength gap off the whole-point grid (14.3 points): 7 reps
    left and 12 right with 10 kg."""
    return flows(data)["results"] | {
        "strength-left": "7",
        "strength-right": "12",
        "strength-load": "10",
    }


@pytest.fixture(scope="module")
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    yield page
    context.close()


def test_the_reader_gets_the_programme_python_builds_for_each_days_option(page):
    course = Course.find()
    data = course.assessment
    run(page, reader(data))
    profile = Profile.model_validate(downloaded_profile(page))
    assert profile.may_exercise and profile.gap_percent is not None
    assert profile.gap_percent % course.programme_template.strengthen.gap_step.value, (
        "the reader's gap should be off the grid, to show the page agrees for any gap"
    )
    body = page.locator(".bb-my-programme .bb-programme-body")
    for days in sorted(course.programme_template.schedule.value):
        page.locator(".bb-programme-days").select_option(str(days))
        assert body.evaluate("b => b.textContent") == text_of(
            "".join(web_parts(page_programme(profile, days, course), course.evidence))
        )
    assert page.problems == []


def test_a_red_flag_shows_no_programme(page):
    run(page, flows(Course.find().assessment)["stopped"])
    assert page.locator(".bb-stop").is_visible()
    assert page.locator(".bb-my-programme").is_hidden()
    assert page.locator(".bb-my-programme .bb-programme-body").evaluate("b => b.textContent") == ""


def test_printing_shows_the_programme_alone(page):
    run(page, reader(Course.find().assessment))
    page.evaluate("window.print = () => {}")
    page.locator("button.bb-print-programme").click()
    page.emulate_media(media="print")
    try:
        assert page.locator(".bb-my-programme table").first.is_visible()
        assert page.locator(".bb-form").is_hidden() and page.locator(".bb-results").is_hidden()
        assert page.locator("button.bb-print-programme").is_hidden()
        assert page.locator(".bb-programme-days").is_hidden()
    finally:
        page.emulate_media(media="screen")
