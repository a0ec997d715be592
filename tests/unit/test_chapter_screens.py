"""The chapter's check before the tests asks what the interactive forms ask: a reader who does
the check from the book answers the same questions, word for word, as one who uses the page or
the notebook (issue 12: the chapters, the interactive forms and the notebooks show the same
screens)."""

from __future__ import annotations

import re
from pathlib import Path

from backbalance.course import Course

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = ROOT / "book" / "self-assessment.md"


def section(text: str, label: str) -> str:
    """The Markdown from the ``(label)=`` target to the next ``## `` heading after it."""
    start = text.index(f"({label})=")
    heading = text.index("\n## ", start)
    end = text.find("\n## ", heading + 1)
    return text[start : end if end != -1 else len(text)]


def list_items(markdown: str) -> list[str]:
    """The ``- `` items of a Markdown list, each joined onto one line."""
    items = re.findall(r"^- (.+(?:\n  .+)*)", markdown, re.M)
    return [" ".join(item.split()) for item in items]


def test_the_chapter_asks_the_forms_questions_before_the_tests():
    questions = [q.question for q in Course.find(ROOT).assessment.pre_exercise.questions]
    asked = list_items(section(CHAPTER.read_text(encoding="utf-8"), "pre-exercise-screen"))
    assert asked == [" ".join(q.split()) for q in questions], (
        "book/self-assessment.md, 'Before Step 3': its questions must be those of "
        "data/assessment/pre_exercise.yml, in the same order and words"
    )


def test_list_items_joins_wrapped_lines():
    assert list_items("- one\n  two\n- three\n\ntext") == ["one two", "three"]
