"""The static self-assessment page in a browser: the DOM flows, keyboard, storage, accessibility.

The rules themselves (messages, scores, profile, wording for every path of the data) are
checked fast and without a browser in ``tests/golden``. Here a few readers type their
answers into the page in headless Chromium (radio buttons, text boxes, menus, the Continue
and See my results buttons); what the page then shows (messages, guidance, results text,
tables, bars) and the profile JSON it offers for download must equal what
:mod:`backbalance.assessment` gives for the same answers.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import urllib.parse
from pathlib import Path

import pytest

from backbalance.assessment.check import check_answers, screen
from backbalance.assessment.data import AssessmentData, load_assessment
from backbalance.assessment.form import CLEARANCE
from backbalance.assessment.logic import build_profile
from backbalance.assessment.report import describe

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE = "book/assessment.html"

READ_RESULTS = """root => {
  const texts = sel => Array.from(root.querySelectorAll(sel)).map(e => e.textContent);
  const link = a => a ? {text: a.textContent, chapter: a.dataset.chapter} : null;
  const table = part => {
    const t = root.querySelector(`table[data-bb="${part}"]`);
    if (!t) return null;
    const rows = Array.from(t.querySelectorAll('tbody tr'));
    return {header: texts(`table[data-bb="${part}"] thead th`),
            rows: rows.map(tr => Array.from(tr.children).map(c => c.textContent)),
            flagged: rows.map(tr => tr.dataset.flagged === 'true')};
  };
  return {
    safety: texts('[data-bb="safety"]'),
    summary: texts('[data-bb="summary"] li'),
    concern: texts('[data-bb="concern"]'),
    contributors: Array.from(root.querySelectorAll('.bb-contributor')).map(li => ({
      title: li.querySelector('.bb-title') ? li.querySelector('.bb-title').textContent : '',
      text: li.querySelector('.bb-text').textContent,
      link: link(li.querySelector('a'))})),
    causes_link: link(root.querySelector('[data-bb="causes-link"]')),
    holds: table('holds'),
    ratios: table('ratios'),
    endurance: texts('[data-bb="endurance"]'),
    strength: texts('[data-bb="strength"]'),
    hold_targets: texts('[data-bb="hold-targets"]'),
    bars: Array.from(root.querySelectorAll('.bb-bar')).map(b => ({
      label: b.querySelector('.bb-bar-label').textContent,
      text: b.querySelector('.bb-bar-text').textContent,
      percent: parseFloat(b.querySelector('.bb-bar-fill').style.width)})),
    bar_note: texts('[data-bb="bar-note"]').join(''),
    tightness: texts('[data-bb="tightness"]'),
    tightness_link: link(root.querySelector('[data-bb="tightness-link"]')),
  };
}"""

READ_STOP = """root => ({
  stop_title: root.querySelector('[data-bb="stop-title"]').textContent,
  stop: Array.from(root.querySelectorAll('[data-bb="stop"]')).map(e => e.textContent),
  stop_signs: Array.from(root.querySelectorAll('[data-bb="stop-signs"] li')).map(e => e.textContent),
})"""

READ_ERRORS = """root => Object.fromEntries(Array.from(root.querySelectorAll('[data-error-for]'))
  .filter(e => e.textContent).map(e => [e.dataset.errorFor, e.textContent]))"""


@pytest.fixture(scope="module")
def data() -> AssessmentData:
    return load_assessment(ROOT / "data" / "assessment")


# --------------------------------------------------------------------------- answer sets


def cleared(data: AssessmentData) -> dict[str, str]:
    """No red flag, no to the check before the tests, the first option of every question,
    nothing tight."""
    state = {f"redflag-{sign.id}": "no" for sign in data.red_flags.signs()}
    state |= {f"pre-{q.id}": "no" for q in data.pre_exercise.questions}
    state |= {f"question-{q.id}": q.options[0].value for q in data.questionnaire.questions}
    return state | {f"tight-{m.id}": "none" for m in data.tightness.muscles}


def flows(data: AssessmentData) -> dict[str, dict[str, str]]:
    """One reader each: full results, a message to fix, a red flag (the rules: tests/golden)."""
    last = data.questionnaire.questions[-1]
    results = cleared(data) | {
        f"question-{last.id}": last.options[-1].value,
        "hold-flexor": "102",
        "hold-extensor": "125",
        "hold-bridge_right": "80",
        "hold-bridge_left": "58,5",
        "norms": "female",
        "strength-unit": "reps",
        "strength-load": "10",
        "strength-left": "9",
        "strength-right": "12",
        "dominant-hand": "right",
        f"tight-{data.tightness.muscles[0].id}": "right",
        "training-status": "novice",
    }
    return {
        "results": results,
        "errors": results | {"hold-flexor": "abc", "strength-right": ""},
        "stopped": results | {f"redflag-{data.red_flags.clinician.signs[0].id}": "yes"},
    }


# --------------------------------------------------------------------------- the page


RADIOS = ("redflag-", "pre-", "question-", "tight-")
MENUS = ("norms", "strength-unit", "dominant-hand", "training-status")


def fill(page, state: dict[str, str], on_page: dict[str, str], prefix: str = "") -> None:
    """Click and type the answers whose field names start with ``prefix``.

    Like a reader who changes a few answers and looks again, only the answers that differ
    from ``on_page`` (what the form holds now) are touched; ``on_page`` is updated.
    """
    for name, value in state.items():
        if not name.startswith(prefix) or on_page.get(name) == value:
            continue
        if name.startswith(RADIOS):
            if value:
                page.locator(f'input[name="{name}"][value="{value}"]').check()
        elif name in MENUS:
            page.locator(f'select[name="{name}"]').select_option(value)
        else:
            page.locator(f'input[name="{name}"]').fill(value)
        on_page[name] = value


def downloaded_profile(page) -> dict:
    href = page.locator(".bb-download").get_attribute("href")
    assert href.startswith("data:application/json;charset=utf-8,"), href
    return json.loads(urllib.parse.unquote(href.split(",", 1)[1]))


def as_plain(report) -> dict:
    return json.loads(json.dumps(dataclasses.asdict(report)))


@pytest.fixture(scope="module")
def page(browser, site_url):
    # bypass_csp: axe-core goes in as an inline script, which the book's policy refuses.
    context = browser.new_context(viewport={"width": 1100, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on(
        "request",
        lambda r: None if r.url.startswith((site_url, "data:")) else page.problems.append(r.url),
    )
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    yield page
    context.close()


def run(page, state: dict[str, str], on_page: dict[str, str] | None = None) -> dict:
    """Answer like a reader; return what the page shows.

    With ``on_page`` (what the form holds from the previous answer set), only changed
    answers are touched; "Forget my answers" clears the form first when an answer must
    go back to unanswered, or when ``on_page`` is not given.
    """
    if on_page is None:
        on_page = {}
    if not on_page or any(
        on_page.get(n) and not v for n, v in state.items() if n.startswith(RADIOS)
    ):
        page.locator(".bb-forget").click()
        on_page.clear()
    fill(page, state, on_page, "redflag-")
    if page.locator(".bb-later").is_hidden() and page.locator(".bb-stop").is_hidden():
        page.locator(".bb-continue").click()
    root = page.locator(".bb-assessment")
    if page.locator(".bb-later").is_visible():
        fill(page, {k: v for k, v in state.items() if not k.startswith("redflag-")}, on_page)
        page.locator(".bb-submit").click()
    shown = {"errors": root.evaluate(READ_ERRORS)}
    if page.locator(".bb-stop").is_visible():
        shown["report"] = root.evaluate(READ_STOP)
    elif page.locator(".bb-results").is_visible():
        shown["report"] = root.evaluate(READ_RESULTS)
    if page.locator(".bb-download").is_visible():
        shown["profile"] = downloaded_profile(page)
    return shown


def expected(state: dict[str, str], data: AssessmentData) -> dict:
    """What the Python scorer gives for the same answers."""
    checked = check_answers(state, data, datetime.date.today().isoformat())
    if checked.answers is None:
        return {"errors": checked.errors}
    profile = build_profile(checked.answers, data)
    report = as_plain(describe(profile, data))
    stop = ("stop_title", "stop", "stop_signs")
    report = {key: value for key, value in report.items() if (key in stop) != profile.cleared}
    return {"errors": {}, "report": report, "profile": json.loads(profile.to_json())}


@pytest.mark.browser
def test_the_page_shows_what_python_gives(page, data):
    """The DOM flow: messages, guidance, results, tables, bars and the download."""
    page.locator(".bb-forget").click()
    page.locator(".bb-continue").click()
    shown = page.locator(".bb-assessment").evaluate(READ_ERRORS)
    assert shown == screen({}, data, datetime.date.today().isoformat()).errors
    assert len(shown) == len(data.red_flags.signs())
    assert page.locator(".bb-later").is_hidden()
    on_page: dict[str, str] = {}
    for name, state in flows(data).items():
        want = expected(state, data)
        assert run(page, state, on_page) == want, name
        assert ("profile" in want) == (name != "errors")
    assert page.problems == []


@pytest.mark.browser
def test_a_red_flag_hides_the_rest_even_after_results(page, data):
    assert run(page, cleared(data))["report"]["summary"]
    page.locator('input[name="redflag-saddle-numbness"][value="yes"]').check()
    assert page.locator(".bb-stop").is_visible()
    assert page.locator(".bb-later").is_hidden() and page.locator(".bb-results").is_hidden()
    assert downloaded_profile(page)["red_flag"] == "urgent"
    assert page.locator('[data-bb="stop-title"]').text_content() == data.red_flags.urgent.title


@pytest.mark.browser
def test_keyboard_only(browser, site_url, data):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.locator('input[name="redflag-both-legs"][value="yes"]').focus()
    for _ in data.red_flags.signs():  # Tab reaches each question; the arrow key picks "No"
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == CLEARANCE  # the clinician's date
    for _ in range(4):  # Tab walks the date box's day, month and year, then leaves it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") != CLEARANCE:
            break
    assert page.evaluate("document.activeElement.className").endswith("bb-continue")
    page.keyboard.press("Enter")
    assert page.locator(".bb-later").is_visible()
    assert page.locator(".bb-screen-result").text_content() == data.red_flags.clear
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first answer of the first question
    assert page.locator(
        f'input[name="question-{data.questionnaire.questions[0].id}"]'
    ).first.is_checked()
    context.close()


@pytest.mark.browser
def test_answers_kept_only_when_asked_and_forgotten(browser, site_url, data):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.locator('input[name="redflag-cancer"][value="yes"]').check()
    stored = "localStorage.getItem('bb-assessment-answers')"
    assert page.evaluate(stored) is None
    page.locator(".bb-remember").check()
    page.reload(wait_until="networkidle")
    assert page.locator('input[name="redflag-cancer"][value="yes"]').is_checked()
    page.locator(".bb-forget").click()
    assert page.evaluate(stored) is None
    assert not page.locator('input[name="redflag-cancer"][value="yes"]').is_checked()
    page.reload(wait_until="networkidle")
    assert not page.locator('input[name="redflag-cancer"][value="yes"]').is_checked()
    context.close()


@pytest.mark.browser
def test_no_serious_accessibility_problem_in_any_state(page, data):
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `make assets`")
    page.add_script_tag(path=str(AXE))
    for name, answers in flows(data).items():
        run(page, answers)
        violations = page.evaluate(
            "async () => (await axe.run(document.querySelector('.bb-assessment'))).violations"
        )
        serious = [
            f"{v['id']} ({v['impact']})"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], name
