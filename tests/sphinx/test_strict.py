"""A strict build (warnings are errors) stops at each of an instructor's usual typos, with a
message naming the file and the fix (``roots/test-strict``: external toc, bibtex, MyST)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import SphinxWarning


def edit(name: str, old: str, new: str):
    def _edit(srcdir: Path) -> None:
        path = srcdir / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, name)
        path.write_text(text.replace(old, new), encoding="utf-8")

    return _edit


def test_the_tiny_book_builds_clean(book, warnings):
    assert warnings(book("strict")) == ""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            edit("causes.md", "{quiz} causes", "{quiz} causez"),
            "causes.md:5: WARNING: quiz 'causez': data/quizzes/causez.yml: file not found; "
            "did you mean 'causes'? the files in data/quizzes are: causes",
        ),
        (
            edit("causes.md", "{cite}`smith2020`", "{cite}`smith2021`"),
            "causes.md: WARNING: 'smith2021' is not a key of references.bib; did you mean "
            "'smith2020'? fix the key or add its entry to references.bib",
        ),
        (
            edit("_toc.yml", "file: causes", "file: causez"),
            "_toc.yml:1: WARNING: _toc.yml names 'causez', which is not a page of the book "
            "(no such .md or .ipynb file); did you mean 'causes'? fix the entry in _toc.yml "
            "or add the file",
        ),
    ],
    ids=["quiz-name", "citation-key", "toc-entry"],
)
def test_a_typo_is_a_warning_naming_the_file_and_the_fix(book, warnings, change, expected):
    assert expected in warnings(book("strict", edit=change))


def test_under_warnings_as_errors_a_typo_stops_the_build(book):
    with pytest.raises(SphinxWarning, match="did you mean 'causes'"):
        book(
            "strict", edit=edit("causes.md", "{quiz} causes", "{quiz} causez"), warningiserror=True
        )
