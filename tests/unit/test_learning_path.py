"""The welcome page's learning path names every chapter a reader of the student edition meets."""

from __future__ import annotations

import re
from pathlib import Path

from toc_pages import student_pages

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_PAGES = {"book/glossary", "book/references"}
"""Named after the path, in one sentence of their own."""


def test_the_learning_path_links_every_chapter_in_toc_order():
    welcome = (ROOT / "book" / "welcome.md").read_text(encoding="utf-8")
    path = welcome.split("## The learning path", 1)[1].split("\n## ", 1)[0]
    items = re.findall(r"^\d+\. \{doc\}`[^<`]*<([^>]+)>`", path, flags=re.MULTILINE)
    linked = [str((Path("book") / item).as_posix()).replace("book/../", "") for item in items]
    chapters = [p for p in student_pages(ROOT)[1:] if p not in REFERENCE_PAGES]
    assert linked == chapters
