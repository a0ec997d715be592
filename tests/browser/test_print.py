"""On paper: the assessment prints every step as a blank form (a line for each number, an empty
box for each choice, no buttons), and every page gets the print stylesheet that keeps figures
with their captions and charts on one page."""

from __future__ import annotations

import pytest

from backbalance.assessment.form import form_steps
from backbalance.course import Course
from conftest import ALL_SHOWN

PAGE = "book/assessment.html"


def printed(browser, site_url, page_name):
    page = browser.new_page()
    page.goto(f"{site_url}/{page_name}", wait_until="networkidle")
    page.emulate_media(media="print")
    return page


@pytest.mark.browser
def test_the_printed_assessment_is_a_blank_form_of_every_step(browser, site_url, root):
    page = printed(browser, site_url, PAGE)
    steps = form_steps(Course.find(root / "data").assessment)
    shown = page.locator(".bb-step h2").all_inner_texts()
    assert [title.strip() for title in shown] == [step.title for step in steps]
    for step in steps:
        for field in step.fields:
            holder = page.locator(f'.bb-assessment [data-field="{field.name}"]')
            assert holder.is_visible(), f"{field.name} is not printed"
            if field.kind == "choice":
                boxes = holder.locator("input[type=radio]")
                assert boxes.count() == len(field.options)
                assert all(box.is_visible() for box in boxes.all()), (
                    f"{field.name}: a box is missing"
                )
            elif field.kind == "menu":
                labels = holder.locator(".bb-paper-option").all_inner_texts()
                assert [label.strip() for label in labels] == [
                    label for value, label in field.options if value
                ]
                assert not holder.locator("select").is_visible(), "a menu prints as one closed box"
            else:
                line = holder.locator("input")
                assert line.is_visible() and line.bounding_box()["width"] > 100, (
                    f"{field.name}: no answer line"
                )
    buttons = [
        b
        for b in page.locator(".bb-assessment button, .bb-assessment .bb-button").all()
        if b.is_visible()
    ]
    assert buttons == [], "buttons are printed"
    assert not page.locator(".bb-tools").is_visible(), "the browser tools are printed"
    page.close()


@pytest.mark.browser
def test_figures_and_charts_do_not_split_across_pages_in_print(browser, site_url):
    page = printed(browser, site_url, "notebooks/strength_gap.html")
    page.wait_for_function(ALL_SHOWN)  # what paper gets: the charts' printed pictures
    breaks = page.evaluate(
        """() => ['.bb-plotly', 'figure'].map(sel => Array.from(document.querySelectorAll(sel))
              .map(el => getComputedStyle(el).breakInside))"""
    )
    charts, figures = breaks
    assert charts and set(charts) == {"avoid"}, charts
    assert set(figures) <= {"avoid"}, figures
    wrap = page.evaluate(
        "() => getComputedStyle(document.querySelector('p code, code')).whiteSpace"
    )
    assert wrap == "pre-wrap", "long inline code runs past the margin"
    page.close()


@pytest.mark.browser
def test_a_reader_in_dark_mode_prints_dark_text_on_white(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        """() => [document.body, document.querySelector('.bb-step p')].map(el => {
              const [r, g, b] = getComputedStyle(el).color.match(/\\d+/g).map(Number);
              return (r + g + b) / 3; })"""
    )
    assert all(level < 100 for level in colours), f"light text on paper: {colours}"
    context.close()
