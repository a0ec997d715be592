"""Student and instructor editions from one source: what each kind of reader gets.

Both editions are built from a copy of the course into a temporary folder (never into the
repository's ``_build``), with warnings as errors (see conftest.py). The student edition must not hold any
instructor-only text anywhere, not in its pages, its search index or the page sources it
offers for download; the instructor edition must show every answer key, instructor note
and lesson plan.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from backbalance.common.browser import CHROMIUM, CHROMIUM_ARGS
from backbalance.lessons.data import load_lesson_plan
from backbalance.quizzes.data import load_quiz
from backbalance.quizzes.render import KEY_INTRO, KEY_MARK
from backbalance.sphinxext.editions import BANNER

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = (
    "welcome",
    "what-is-imbalance",
    "causes",
    "self-assessment",
    "phase1-release",
    "phase2-strengthen",
    "phase3-integrate",
    "daily-habits",
    "putting-it-together",
)
TEXT_FILES = {".html", ".js", ".md", ".txt", ".ipynb", ".json", ".xml"}
ONLY_INSTRUCTOR = re.compile(r"^(`{3,})\{only\} instructor\n(?P<body>.*?)^\1\s*$", re.M | re.S)


# --------------------------------------------------------------------------- what is instructor-only


def instructor_notes(source: Path) -> dict[str, list[str]]:
    """The bullet points of the ``{only} instructor`` blocks of each chapter."""
    notes = {}
    for chapter in CHAPTERS:
        text = (source / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        notes[chapter] = [
            line[2:].strip()
            for block in ONLY_INSTRUCTOR.finditer(text)
            for line in block.group("body").splitlines()
            if line.startswith("- ")
        ]
    return notes


def instructor_only_text(source: Path) -> list[str]:
    """Text that only the instructor edition may contain."""
    plans = [load_lesson_plan(source / "data" / "lesson_plans" / f"{c}.yml") for c in CHAPTERS]
    texts = [KEY_INTRO, KEY_MARK, BANNER, 'class="bb-lesson-plan"', "bb-quiz-key"]
    texts += [f"Lesson plan: {plan.title}" for plan in plans]
    texts += [plan.goal for plan in plans]
    texts += [activity.what for plan in plans for activity in plan.activities]
    texts += [q.listen_for for plan in plans for q in plan.discussion]
    texts += [note for notes in instructor_notes(source).values() for note in notes]
    return texts


def normal(text: str) -> str:
    """Text as a reader would compare it: HTML and JSON escapes undone, curly quotes made
    straight (Sphinx's smart quotes), runs of white space made single spaces."""
    text = html.unescape(text).replace('\\"', '"')
    text = text.translate(
        str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
    )
    return " ".join(text.split())


def page_text(page: Path) -> str:
    return normal(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" "))


# --------------------------------------------------------------------------- tests


@pytest.mark.slow
def test_instructor_only_text_is_known(source):
    """The check below is only as good as its list: every chapter has notes and a plan."""
    notes = instructor_notes(source)
    assert all(notes[chapter] for chapter in CHAPTERS), notes
    assert len(instructor_only_text(source)) > 100


@pytest.mark.slow
def test_no_instructor_text_in_any_student_file(sites, source):
    site = sites["student"]
    checked, leaks = 0, []
    forbidden = [(text, normal(text)) for text in instructor_only_text(source)]
    for path in sorted(site.rglob("*")):
        if path.suffix not in TEXT_FILES or not path.is_file() or "backbalance" in path.parts:
            continue
        content = normal(path.read_text(encoding="utf-8", errors="replace"))
        checked += 1
        leaks += [
            f"{path.relative_to(site)}: {text[:60]!r}"
            for text, form in forbidden
            if form in content
        ]
    assert checked > 30, "the student edition should have pages, sources and a search index"
    assert sorted(set(leaks)) == []


@pytest.mark.slow
def test_student_sources_keep_the_chapter_and_lose_only_the_instructor_blocks(sites, source):
    for chapter in CHAPTERS:
        original = (source / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        offered = (sites["student"] / "_sources" / "book" / f"{chapter}.md").read_text(
            encoding="utf-8"
        )
        assert "{only} instructor" not in offered and "{lesson-plan}" not in offered
        assert f"```{{quiz}} {chapter}" in offered
        before_notes = original.split("```{lesson-plan}")[0]
        assert offered.startswith(before_notes.rstrip()), chapter
    # examples in code blocks (the instructor guide shows how to write notes) are kept as they
    # are; the guide is in the instructor edition only
    guide = "instructor-guide.md"
    assert not (sites["student"] / "_sources" / "book" / guide).exists()
    assert (sites["instructor"] / "_sources" / "book" / guide).read_text(encoding="utf-8") == (
        source / "book" / guide
    ).read_text(encoding="utf-8")


@pytest.mark.slow
def test_student_quizzes_keep_their_answers_closed(sites, source):
    for chapter in CHAPTERS:
        quiz = load_quiz(source / "data" / "quizzes" / f"{chapter}.yml")
        soup = BeautifulSoup(
            (sites["student"] / "book" / f"{chapter}.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        (block,) = soup.select("form.bb-quiz")
        # the reader chooses first: one radio per option, one closed answer per question
        assert len(block.select('input[type="radio"]')) == sum(
            len(q.options) for q in quiz.questions
        )
        assert len(block.select("details.bb-quiz-answer")) == len(quiz.questions), chapter
        assert not block.select("details[open]") and not block.select(".bb-quiz-key")


@pytest.mark.slow
def test_instructor_edition_shows_answer_keys_notes_and_plans(sites, source):
    notes = instructor_notes(source)
    for chapter in CHAPTERS:
        page = sites["instructor"] / "book" / f"{chapter}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        text = page_text(page)
        # the answer key: every right option marked in words, every feedback visible, nothing to open
        quiz = load_quiz(source / "data" / "quizzes" / f"{chapter}.yml")
        (key,) = soup.select("div.bb-quiz.bb-quiz-key")
        assert not key.select("details")
        right = key.select('li[data-correct="true"]')
        assert len(right) == sum(o.correct for q in quiz.questions for o in q.options), chapter
        assert all(KEY_MARK in li.get_text() for li in right)
        for option in (o for q in quiz.questions for o in q.options):
            assert normal(option.feedback) in normal(key.get_text(" ")), (chapter, option.feedback)
        # the lesson plan, after the quiz, with its timeline
        plan = load_lesson_plan(source / "data" / "lesson_plans" / f"{chapter}.yml")
        (section,) = soup.select("section.bb-lesson-plan")
        assert section.h2.get_text() == f"Lesson plan: {plan.title}"
        assert len(section.select("tbody tr")) == len(plan.activities)
        assert f"A {plan.minutes}-minute class." in section.get_text()
        assert str(soup).index("bb-quiz-key") < str(soup).index('class="bb-lesson-plan"')
        # the instructor notes
        for note in notes[chapter]:
            assert normal(note) in text, (chapter, note)


@pytest.mark.slow
def test_every_instructor_page_says_which_edition_it_is(sites):
    for edition, site in sites.items():
        for page in site.rglob("*.html"):
            if {"_static", "_sources"} & set(
                page.relative_to(site).parts
            ) or page.name == "index.html":
                continue
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            banner = soup.select_one(".bd-header-announcement")
            shown = banner is not None and BANNER in banner.get_text(" ")
            assert shown == (edition == "instructor"), (edition, page.relative_to(site))


@pytest.mark.slow
def test_the_student_edition_holds_every_page_but_the_instructor_guide(sites):
    def pages(site: Path) -> set[str]:
        return {str(p.relative_to(site)) for p in site.rglob("*.html") if "_static" not in p.parts}

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    instructor_only = {
        f"{page}.html" for page in config["sphinx"]["config"]["backbalance_instructor_pages"]
    }
    assert instructor_only == {"book/instructor-guide.html"}
    assert pages(sites["student"]) == pages(sites["instructor"]) - instructor_only
    for edition, shown in (("student", False), ("instructor", True)):
        menu = (sites[edition] / "book" / "welcome.html").read_text(encoding="utf-8")
        assert ('href="instructor-guide.html"' in menu) is shown, edition


@pytest.mark.slow
def test_switching_edition_in_one_output_folder_cannot_leak(editions, sites):
    """The student edition is built into the folder of the instructor edition: Sphinx's
    cache must re-read every page, so the student pages come out clean, and the instructor
    pages the earlier build wrote are gone."""
    result, site = editions["student"]
    # Sphinx names the first reading setting that changed: the edition, or the pages it leaves out
    assert "[config changed (" in result.stdout, "the edition change should force a re-read"
    for chapter in CHAPTERS:
        page = (site / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        assert "bb-lesson-plan" not in page and "bb-quiz-key" not in page and BANNER not in page
        offered = (site / "_sources" / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        assert "{only} instructor" not in offered
    assert not (site / "book" / "instructor-guide.html").exists()


@pytest.mark.slow
@pytest.mark.browser
def test_instructor_pages_pass_axe(sites):
    """The answer keys and lesson plans add markup; it must stay accessible (the student
    edition is checked by tests/browser)."""
    chromium = Path(CHROMIUM)
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not chromium.exists() or not axe.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium or axe-core missing")
        pytest.skip("Chromium or axe-core missing")
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(sites["instructor"]))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            for chapter in CHAPTERS:
                page = browser.new_page(bypass_csp=True)  # axe-core goes in as an inline script
                page.goto(
                    f"http://127.0.0.1:{server.server_address[1]}/book/{chapter}.html",
                    wait_until="networkidle",
                )
                page.add_script_tag(path=str(axe))
                violations = page.evaluate("async () => (await axe.run(document)).violations")
                found[chapter] = [
                    f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                    for v in violations
                    if v["impact"] in ("serious", "critical")
                ]
                page.close()
            browser.close()
    finally:
        server.shutdown()
    assert {chapter: v for chapter, v in found.items() if v} == {}
