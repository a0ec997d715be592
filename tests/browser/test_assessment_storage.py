"""The self-assessment page survives a saved-answers entry it cannot use: whatever another
version of the page, an extension or a hand edit left under its localStorage key, the page
opens with an empty form, says that it ignored the saved answers and keeps "Forget my
answers" available."""

from __future__ import annotations

import json

import pytest

from backbalance.assessment.form import FORM_TEXT

PAGE = "book/assessment.html"
KEY = "bb-assessment-answers"
CORRUPT = {
    "invalid-json": "{not json",
    "null": "null",
    "number": "5",
    "string": json.dumps("hello"),
    "true": "true",
    "list": "[1, 2]",
}


@pytest.mark.browser
@pytest.mark.parametrize("value", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupt_saved_entry_is_ignored_and_said(browser, site_url, value):
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
    page.reload(wait_until="networkidle")
    assert problems == []
    assert page.locator(".bb-form").is_visible(), "the form is shown"
    notice = page.locator(".bb-saved-ignored")
    assert notice.is_visible() and notice.inner_text().strip() == FORM_TEXT["saved_ignored"]
    assert page.evaluate("(key) => localStorage.getItem(key)", KEY) is None, "the entry is gone"
    assert not page.locator(".bb-remember").is_checked()
    assert page.locator(".bb-forget").is_visible() and page.locator(".bb-forget").is_enabled()
    assert page.locator(".bb-form input:checked").count() == 0, "the form starts empty"
    page.locator(".bb-forget").click()
    assert problems == []
    context.close()


@pytest.mark.browser
def test_good_saved_answers_come_back_without_the_notice(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.locator('input[name="redflag-cancer"][value="no"]').check()
    page.locator(".bb-remember").check()
    page.reload(wait_until="networkidle")
    assert page.locator('input[name="redflag-cancer"][value="no"]').is_checked()
    assert page.locator(".bb-saved-ignored").is_hidden()
    context.close()
