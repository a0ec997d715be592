"""The programme app in a real JupyterLab: build a programme through the form, save it, print it.

A learner opens ``notebooks/my_programme.ipynb``, runs every cell, types their results (or
uploads a saved profile), presses "Build my programme" and saves the CSV file and the
printable handout next to the notebook.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from lab_server import notebook_page

from backbalance.course import Course

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/my_programme.ipynb"
APP = ".bb-programme-app"
RESULT = f"{APP} .bb-programme-result"
ROOT = Path(__file__).resolve().parents[2]
WORDS = Course.find().forecast_wording


@pytest.fixture
def page(browser, lab):
    with notebook_page(browser, lab, NOTEBOOK, f"{APP} .bb-build") as page:
        yield page


def build(page) -> str:
    """Press "Build my programme" and return the text of the result once it is shown."""
    app = page.locator(APP)
    before = app.locator(".bb-programme-result").inner_text()
    app.get_by_role("button", name="Build my programme").click()
    page.wait_for_function(
        "([sel, old]) => { const el = document.querySelector(sel); return el && el.innerText.trim() && el.innerText !== old; }",
        arg=[RESULT, before],
        timeout=60_000,
    )
    return app.locator(".bb-programme-result").inner_text()


def pages_when_printed(browser, path: Path, paper: str) -> int:
    context = browser.new_context()
    page = context.new_page()
    page.goto(path.as_uri())
    pdf = page.pdf(format=paper)
    context.close()
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def printed_visibly(browser, path: Path, selector: str) -> bool:
    context = browser.new_context()
    page = context.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    shown = page.locator(selector).is_visible()
    context.close()
    return shown


def answer_the_screen(app, yes: str = "") -> None:
    """Answer every question of the safety check and the check before the tests: no, or yes to ``yes``."""
    noes = app.get_by_role("radio", name="No", exact=True)
    noes.last.wait_for()
    for radio in noes.all():
        radio.check()
    if yes:
        group = app.locator(".widget-radio").filter(has=app.page.get_by_text(yes, exact=True))
        group.get_by_role("radio", name="Yes", exact=True).check()
    app.page.wait_for_timeout(500)  # the kernel receives the answers one widget at a time


def test_typed_results_build_a_programme_that_saves_as_csv_and_a_printable_handout(
    page, lab, browser
):
    app = page.locator(APP)
    app.get_by_role("button", name="Type my results").click()
    answer_the_screen(app)
    app.get_by_label("Weaker side").select_option(label="Right")
    gap = app.get_by_label("Gap (% of stronger side)")
    gap.fill("20")
    gap.press("Enter")
    app.get_by_label("Tight: hip flexors").select_option(label="Left")
    app.get_by_label("Strength days a week").select_option(label="2")
    app.get_by_label("Resistance band").check()
    name = app.get_by_label("Your name (optional)")
    name.fill("=Robin")
    name.press("Tab")

    text = build(page)
    assert (
        "Phase 1: release (weeks 1 to 2)" in text
        and "Phase 2: strengthen" in text
        and "Phase 3: integrate" in text
    )
    assert "left side first (tighter)" in text
    assert re.search(r"extra weekly sets? for the right side", text) and "LSI 90%" in text
    assert "Single-arm band pulldown" in text
    page.wait_for_selector(f"{APP} .js-plotly-plot", timeout=30_000)
    lead = WORDS.forecast.case.lead
    assert text.index(lead.disuse) < text.index(lead.handedness)  # "I do not know": both cases
    assert page.locator(f"{APP} .js-plotly-plot").count() == 2
    cause = app.get_by_label(WORDS.forecast.case.question)
    assert cause.input_value() == WORDS.forecast.case.choice.unknown  # an option is its label
    cause.select_option(label=WORDS.forecast.case.choice.disuse)
    one = build(page)
    assert lead.disuse not in one and lead.handedness not in one and "LSI 90%" in one
    page.wait_for_function(
        f"document.querySelectorAll('{APP} .js-plotly-plot').length === 1", timeout=30_000
    )

    app.get_by_role("button", name="Save as CSV").click()
    page.wait_for_function(
        f"document.querySelector('{APP} .bb-saved').innerText.includes('my_programme.csv')"
    )
    saved = lab.root_dir / "notebooks" / "my_programme.csv"
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"), newline="")))
    assert {row["learner"] for row in rows} == {"'=Robin"}  # never a formula in a spreadsheet
    week_3 = [row for row in rows if row["week"] == "3" and "warm-up" not in row["notes"]]
    sets = {
        side: sum(int(r["sets"]) for r in week_3 if r["side"] == side) for side in ("left", "right")
    }
    assert sets["right"] > sets["left"]

    app.get_by_role("button", name="Save handout (HTML, to print)").click()
    page.wait_for_function(
        f"document.querySelector('{APP} .bb-saved').innerText.includes('my_programme.html')"
    )
    handout = lab.root_dir / "notebooks" / "my_programme.html"
    assert "&#x27;=Robin" in handout.read_text(encoding="utf-8") or "=Robin" in handout.read_text(
        encoding="utf-8"
    )
    # everything prints, pain sense included: one sheet if it fits at 9 pt, else a clean break
    assert pages_when_printed(browser, handout, "A4") in (1, 2)
    assert pages_when_printed(browser, handout, "Letter") in (1, 2)
    assert printed_visibly(browser, handout, ".bb-pain-points")
    assert printed_visibly(browser, handout, ".bb-programme-kit")  # the equipment it is for


def test_an_uploaded_profile_is_used(page):
    app = page.locator(APP)
    with page.expect_file_chooser() as chooser:
        app.get_by_role("button", name="Upload profile (JSON)").click()
    chooser.value.set_files(str(ROOT / "data" / "examples" / "racquet-player.json"))
    page.wait_for_function(
        f"document.querySelector('{APP}').innerText.includes('Profile loaded: left weaker side, gap 16.7%')"
    )
    app.get_by_label("Cable machine (gym)").check()
    app.get_by_label("Strength days a week").select_option(label="4")
    text = build(page)
    assert "Single-arm lat pulldown" in text and "right side first (tighter)" in text


def test_a_red_flag_typed_by_hand_gets_no_programme(page):
    app = page.locator(APP)
    app.get_by_role("button", name="Type my results").click()
    answer_the_screen(app, yes="Have you ever had cancer?")
    text = build(page)
    assert "No programme" in text and "See a doctor or physiotherapist" in text
    assert app.locator(".bb-programme-result table").count() == 0
    app.get_by_role("button", name="Save as CSV").click()
    page.wait_for_function(
        f"document.querySelector('{APP} .bb-saved').innerText.includes('Build a programme first')"
    )


def test_saving_over_an_existing_file_asks_first(page, lab):
    saved = lab.root_dir / "notebooks" / "my_programme.csv"
    saved.write_text("my own edited programme\n", encoding="utf-8")
    app = page.locator(APP)
    build(page)
    app.get_by_role("button", name="Save as CSV").click()
    page.wait_for_function(
        f"document.querySelector('{APP} .bb-saved').innerText.includes('already exists')"
    )
    assert saved.read_text(encoding="utf-8") == "my own edited programme\n"
    app.get_by_role("button", name="Replace it").click()
    page.wait_for_function(
        f"document.querySelector('{APP} .bb-saved').innerText.includes('Saved my_programme.csv')"
    )
    assert saved.read_text(encoding="utf-8").startswith("week,phase,day")
    saved.unlink()  # the other tests save into a folder without it
