"""The assessment page gives a reader with no kernel the programme build_programme gives.

A reader fills in the form (as in ``test_assessment_parity.py``), changes the days a week
and the equipment (with the keyboard alone) and prints; the programme on the page must read,
word for word, as the programme Python builds for the profile the page offers for download,
with its exact gap and the same choices: build_programme itself plans from the gap on the one
grid (``gap_step``), so the page and the notebook agree for any gap.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from test_assessment_parity import PAGE, downloaded_profile, flows, run

from backbalance.assessment.profile import Profile
from backbalance.course import Course
from backbalance.programme.render import equipment_labels
from backbalance.programme.web import CHOICES, TICKED, page_programme, web_html

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
    assert ticked(page) == sorted(TICKED)
    for days in sorted(course.programme_template.schedule.value):
        page.locator(".bb-programme-days").select_option(str(days))
        assert body.evaluate("b => b.textContent") == text_of(
            web_html(page_programme(profile, days, TICKED, course), course.evidence)
        )
    assert page.problems == []


def ticked(page) -> list[str]:
    """The equipment ticked on the page, sorted."""
    return sorted(
        page.locator(".bb-programme-equipment input:checked").evaluate_all(
            "boxes => boxes.map(b => b.value)"
        )
    )


def tab_to(page, value: str) -> None:
    """Move the keyboard focus with Tab from the days a week to the equipment box ``value``."""
    page.locator(".bb-programme-days").focus()
    for _ in range(len(CHOICES) + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.value") == value:
            return
    pytest.fail(f"Tab never reached the {value!r} box")


def test_the_equipment_is_chosen_with_the_keyboard_as_in_the_notebook(page):
    """Untick the dumbbell and tick a band with Tab and Space: the programme is the one the
    notebook builds for a band, then for no equipment at all."""
    course = Course.find()
    run(page, reader(course.assessment))
    profile = Profile.model_validate(downloaded_profile(page))
    days = int(page.locator(".bb-programme-days").input_value())
    body = page.locator(".bb-my-programme .bb-programme-body")
    for kind in TICKED:
        tab_to(page, kind)
        page.keyboard.press("Space")
    tab_to(page, "band")
    page.keyboard.press("Space")
    assert ticked(page) == ["band"]
    band = web_html(page_programme(profile, days, {"band"}, course), course.evidence)
    assert body.evaluate("b => b.textContent") == text_of(band)
    assert course.exercises["single-arm-band-pulldown"].name in text_of(band)
    page.keyboard.press("Space")
    assert ticked(page) == []
    bare = web_html(page_programme(profile, days, (), course), course.evidence)
    assert body.evaluate("b => b.textContent") == text_of(bare)
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
    assert page.problems == []


def test_a_red_flag_shows_no_programme(page):
    run(page, flows(Course.find().assessment)["stopped"])
    assert page.locator(".bb-stop").is_visible()
    assert page.locator(".bb-my-programme").is_hidden()
    assert page.locator(".bb-my-programme .bb-programme-body").evaluate("b => b.textContent") == ""


def test_printing_shows_the_programme_alone_with_the_equipment_it_was_built_for(page):
    """On paper the choices are gone, so the programme lists its equipment (the notebook's
    labels, as the handout does); on screen the ticked boxes say it and the list is hidden."""
    course = Course.find()
    run(page, reader(course.assessment))
    kit = page.locator(".bb-my-programme .bb-programme-kit")
    assert kit.is_hidden()
    page.evaluate("window.print = () => {}")
    page.locator("button.bb-print-programme").click()
    page.emulate_media(media="print")
    try:
        assert page.locator(".bb-my-programme table").first.is_visible()
        assert page.locator(".bb-form").is_hidden() and page.locator(".bb-results").is_hidden()
        assert page.locator("button.bb-print-programme").is_hidden()
        assert page.locator(".bb-programme-days").is_hidden()
        assert page.locator(".bb-programme-equipment").is_hidden()
        assert kit.is_visible()
        assert kit.locator("p").inner_text() == course.programme_template.equipment_heading
        assert kit.locator("li").all_inner_texts() == equipment_labels(ticked(page))
    finally:
        page.emulate_media(media="screen")


def test_the_page_forecast_shows_both_cases_of_an_unknown_cause(page):
    """The page has no choice of the cause: its forecast is the notebook's for "I do not
    know", each case after its lead-in."""
    course = Course.find()
    run(page, reader(course.assessment))
    for kind in TICKED:  # a pulling exercise, so that there is a forecast
        page.locator(f".bb-programme-equipment input[value={kind}]").check()
    forecast = page.locator(".bb-my-programme .bb-forecast").inner_text()
    lead = course.forecast_wording.forecast.case.lead
    assert forecast.index(lead.disuse) < forecast.index(lead.handedness)
