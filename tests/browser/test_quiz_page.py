"""A chapter quiz in headless Chromium: choose, press Check, read why, see the score, with
the keyboard alone; without JavaScript the answers wait behind "Show the answer"; printed,
the student's quiz is a question sheet without answers.

The page is the quiz's own HTML (:func:`backbalance.quizzes.render.render_html`) with its
stylesheet and script, so the test needs no book build. The words it expects come from
:data:`backbalance.quizzes.render.WORDS` and the right answers from the course's data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backbalance.common.html import static_text
from backbalance.course import Course
from backbalance.quizzes.data import LETTERS
from backbalance.quizzes.render import CSS, JS, WORDS, render_html, score_text
from conftest import serve

CHAPTER = "self-assessment"


@pytest.fixture(scope="module")
def quiz():
    return Course.find().quiz(CHAPTER)


@pytest.fixture(scope="module")
def url(quiz, tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("quiz-page")
    (folder / CSS).write_text(static_text(CSS), encoding="utf-8")
    (folder / JS).write_text(static_text(JS), encoding="utf-8")
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quiz</title>'
        f'<link rel="stylesheet" href="{CSS}"></head><body><main>{render_html(quiz)}</main>'
        f'<script src="{JS}"></script></body></html>',
        encoding="utf-8",
    )
    server, base = serve(folder)
    yield f"{base}/index.html"
    server.shutdown()


def open_page(browser, url, *, javascript=True):
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    return context, page, errors


def test_choose_check_and_score_with_the_keyboard(browser, url, quiz):
    context, page, errors = open_page(browser, url)
    questions = page.locator("li.bb-quiz-question")
    assert questions.count() == len(quiz.items)
    assert page.locator("details.bb-quiz-answer:visible").count() == 0, (
        "Check replaces the disclosures"
    )
    first = questions.nth(0)
    # Check before choosing: asked to choose, nothing locked
    first.locator("button.bb-quiz-check").focus()
    page.keyboard.press("Enter")
    assert first.locator(".bb-quiz-result").inner_text() == WORDS["choose"]
    assert first.locator("input").first.is_enabled()
    right = 0
    for index, item in enumerate(quiz.items):
        question = questions.nth(index)
        answer = item.question.answer
        chosen = answer if index % 2 == 0 else (answer + 1) % len(item.question.options)
        # keyboard only: focus the first radio, arrow down to the choice, Tab to Check, Space
        question.locator('input[type="radio"]').first.focus()
        page.keyboard.press("Space")
        for _ in range(chosen):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert question.locator("button.bb-quiz-check").evaluate(
            "b => b === document.activeElement"
        )
        page.keyboard.press("Space")
        result = question.locator(".bb-quiz-result").inner_text()
        words = WORDS["right"] if chosen == answer else WORDS["wrong"]
        assert words.format(letter=LETTERS[chosen], answer=LETTERS[answer]) in result
        assert item.question.options[chosen].feedback in result
        assert item.question.options[answer].feedback in result
        assert all(r.is_disabled() for r in question.locator("input").all()), "the choice is locked"
        right += chosen == answer
        assert page.locator(".bb-quiz-score").inner_text() == score_text(
            right, index + 1, len(quiz.items)
        )
    page.locator("button.bb-quiz-again").click()
    assert (
        page.locator("input:checked").count() == 0
        and page.locator(".bb-quiz-score").inner_text() == ""
    )
    assert errors == []
    context.close()


def test_without_javascript_the_answer_opens_after_the_choice(browser, url, quiz):
    context, page, _ = open_page(browser, url, javascript=False)
    first = page.locator("li.bb-quiz-question").nth(0)
    assert page.locator("button").count() == 0
    assert not first.locator(".bb-quiz-right").is_visible()
    first.locator('input[type="radio"]').nth(1).check()
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    question = quiz.items[0].question
    assert first.locator(".bb-quiz-right").is_visible()
    assert question.options[question.answer].text in first.locator(".bb-quiz-right").inner_text()
    context.close()


def test_printed_it_is_a_question_sheet(browser, url, quiz):
    context, page, _ = open_page(browser, url)
    page.emulate_media(media="print")
    assert page.locator("li.bb-quiz-question legend").first.is_visible()
    for part in (".bb-quiz-answer", ".bb-quiz-check", ".bb-quiz-result", ".bb-quiz-score"):
        assert page.locator(f"{part}:visible").count() == 0, part
    text = page.locator("form.bb-quiz").inner_text()
    assert all(o.feedback not in text for q in quiz.questions for o in q.options)
    context.close()
