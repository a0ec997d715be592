"""The self-assessment app in a real JupyterLab: Run All, answer through the form, see results.

A learner opens ``notebooks/self_assessment.ipynb``, runs every cell and fills in the form
with the mouse and keyboard: unanswered red-flag questions get a message each, a "yes"
stops with guidance, a typing slip gets its message under the box, and a complete form
shows the results with their charts.
"""

from __future__ import annotations

import pytest
from lab_server import notebook_page
from playwright.sync_api import expect

from backbalance.course import Course

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/self_assessment.ipynb"
APP = ".bb-assessment-app"
DATA = Course.find().assessment
NO_RED_FLAGS = tuple(" ".join(sign.question.split()) for sign in DATA.red_flags.signs())
BEFORE_TESTS = tuple(" ".join(q.question.split()) for q in DATA.pre_exercise.questions)
ALEX_CHOICES = {
    "Look in a mirror in fitted clothes. Does your belt or waistband sit higher on one side?": "No",
    "When you sit or stand for a while, do you keep shifting your weight from side to side?": "Rarely",
    "Do you have aches or pain on one side of your back only?": "Now and then",
    "Do the same gentle stretch on each side. Does one side feel tighter, or stop sooner?": "Clearly",
    "How often do you carry a bag on the same shoulder, or shopping in the same hand?": "Most days",
    "When you stand, do you lean on the same hip?": "Rarely",
    "Does your sport or work use one side much more than the other, such as golf, tennis, or always turning "
    "the same way at work?": "No",
    "Have you had an injury on one side, in your back, hip, leg or shoulder?": "No",
    "On a normal day, how many hours do you sit in total?": "Under 4 hours",
    "Hip flexors (front of the hip)": "Right",
    "Lats (sides of the back)": "Neither side",
    "Upper trapezius (between neck and shoulder)": "Neither side",
}
ALEX_NUMBERS = {
    "Trunk flexor hold (seconds)": "102",
    "Back extensor hold (seconds)": "125",
    "Side bridge, right (seconds)": "80",
    "Side bridge, left (seconds)": "58",
    "The weight you used on both sides (kg)": "10",
    "Left arm": "9",
    "Right arm": "12",
}


def field(page, kind: str, label: str):
    """The widget of ``kind`` (radio, text, dropdown) whose label reads exactly ``label``."""
    return page.locator(f"{APP} .widget-{kind}").filter(has=page.get_by_text(label, exact=True))


def choose(page, question: str, answer: str) -> None:
    field(page, "radio", question).get_by_text(answer, exact=True).click()


def type_into(page, label: str, text: str) -> None:
    box = field(page, "text", label).locator("input")
    box.fill(text)
    box.press("Enter")  # the box sends its value to the kernel on Enter


def press(page, name: str) -> None:
    page.locator(APP).get_by_role("button", name=name, exact=True).click()


@pytest.fixture(scope="module")
def page(browser, lab):
    with notebook_page(browser, lab, NOTEBOOK, f"{APP} .widget-radio", width=1300) as page:
        yield page


def test_unanswered_red_flags_each_get_a_message(page):
    press(page, "Continue")
    messages = page.locator(f"{APP} .bb-error", has_text="Choose an answer.")
    # The kernel sends the messages one widget at a time: wait for all of them.
    expect(messages).to_have_count(len(NO_RED_FLAGS))
    assert page.locator(APP).get_by_text("Step 2: signs and causes").is_hidden()


def test_a_red_flag_stops_with_guidance(page):
    for question in NO_RED_FLAGS:
        choose(page, question, "No")
    choose(page, "Have you ever had cancer?", "Yes")
    press(page, "Continue")
    page.locator(APP).get_by_text("See a clinician before you exercise").wait_for()
    assert page.locator(APP).get_by_text("a history of cancer", exact=True).is_visible()
    assert page.locator(APP).get_by_text("Step 2: signs and causes").is_hidden()


def test_a_complete_form_shows_results_and_charts(page):
    choose(page, "Have you ever had cancer?", "No")
    press(page, "Continue")
    page.locator(APP).get_by_text("Step 2: signs and causes").wait_for()
    for question in BEFORE_TESTS:
        choose(page, question, "No")
    for question, answer in ALEX_CHOICES.items():
        choose(page, question, answer)
    for label, text in ALEX_NUMBERS.items():
        type_into(page, label, text)
    field(page, "dropdown", "Compare your times with the published averages for").locator(
        "select"
    ).select_option(label="women")
    field(page, "dropdown", "Which hand do you write with?").locator("select").select_option(
        label="Right"
    )
    type_into(page, "Trunk flexor hold (seconds)", "abc")
    press(page, "See my results")
    page.locator(APP).get_by_text("Type a number, such as 45.").wait_for()
    type_into(page, "Trunk flexor hold (seconds)", "102")
    press(page, "See my results")
    page.locator(APP).get_by_text(
        "Weaker side: left, with an estimated-strength gap of 9% in the single-arm row."
    ).wait_for(timeout=30_000)
    assert (
        page.locator(APP)
        .get_by_text("Your estimated-strength LSI is 12.9 ÷ 14.2 × 100 = 91%.")
        .is_visible()
    )
    assert page.locator(APP).get_by_text("Type a number, such as 45.").count() == 0
    page.wait_for_function(
        f"document.querySelectorAll('{APP} .js-plotly-plot .main-svg').length >= 3", timeout=30_000
    )
