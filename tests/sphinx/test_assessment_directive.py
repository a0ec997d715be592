"""The ``assessment`` directive in a tiny book: warnings naming file and entry, chapter links
resolved for the page being written, and its script on that page only."""

from __future__ import annotations

import json
from pathlib import Path

from backbalance.assessment.render import ROOT_CLASS
from backbalance.course import Course

ROOT = Path(__file__).resolve().parents[2]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_file_is_a_warning_in_the_build_naming_file_and_entry(book, warnings):
    def negative_noise(srcdir: Path) -> None:
        replace(
            srcdir / "data" / "assessment" / "endurance.yml",
            "    sem_seconds: 10\n",
            "    sem_seconds: -5\n",
        )

    app = book("assessment", data="copy", edit=negative_noise)
    assert (
        "data/assessment/endurance.yml, test_error.side_bridge.sem_seconds: must be more than 0.0, got -5"
        in warnings(app)
    )
    assert "Traceback" not in warnings(app)


def test_links_to_missing_chapters_are_a_warning_in_the_build(book, page, warnings):
    app = book("assessment", data="course")
    assert "links to 'book/causes', which is not a page of the book" in warnings(app)
    assert f'class="{ROOT_CLASS}"' in page(app)


def chapters() -> list[str]:
    return sorted(Course.find(ROOT / "data").assessment.chapters())


def write(srcdir: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text)


def test_chapter_links_are_relative_to_the_page_written(book, soup, warnings):
    files = {f"{chapter}.rst": f"{chapter}\n{'=' * len(chapter)}\n" for chapter in chapters()}
    files["index.rst"] = "Index\n=====\n\n.. toctree::\n\n   book/form\n" + "".join(
        f"   {chapter}\n" for chapter in chapters()
    )

    files["book/form.rst"] = "Form\n====\n\n.. assessment::\n"
    app = book("assessment", data="course", edit=lambda srcdir: write(srcdir, files))
    assert warnings(app) == ""
    spec = json.loads(soup(app, "book/form").select_one("script.bb-assessment-spec").string)
    assert spec["links"] == {chapter: f"{Path(chapter).name}.html" for chapter in chapters()}


def test_the_readers_programme_is_only_built_when_the_page_asks_for_it(book, page):
    # Building every programme takes minutes: a page opts in with `:programme:` (book/assessment.md).
    app = book("assessment", data="course")
    assert f'class="{ROOT_CLASS}"' in page(app)
    assert "bb-my-programme" not in page(app) and "bb-programme-piece" not in page(app)
