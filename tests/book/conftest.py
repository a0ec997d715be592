"""The two builds of the whole course that the slow tier makes: instructor, then student.

Both editions are built from one snapshot of the course into one output folder, so the
student build reuses the notebooks' execution cache of the instructor build and exercises
the edition switch (Sphinx must re-read every page). The student build is the ``site`` of
tests/book; the instructor site is kept aside before the student build replaces it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from building import check, jupyter_book, snapshot


@pytest.fixture(scope="session")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot(tmp_path_factory)


@pytest.fixture(scope="session")
def root(source: Path) -> Path:
    """The course the book tests build (a snapshot of the repository)."""
    return source


@pytest.fixture(scope="session")
def editions(source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """``{edition: (result, site)}``: instructor first, then student in the same folder."""
    out = tmp_path_factory.mktemp("book")
    instructor = jupyter_book(source, out, "instructor")
    kept = tmp_path_factory.mktemp("instructor") / "html"
    if instructor.returncode == 0:
        shutil.copytree(out / "_build" / "html", kept)
    student = jupyter_book(source, out, "student")
    return {"instructor": (instructor, kept), "student": (student, out / "_build" / "html")}


@pytest.fixture(scope="session")
def sites(editions: dict) -> dict[str, Path]:
    for result, _ in editions.values():
        check(result)
    return {edition: site for edition, (_, site) in editions.items()}


@pytest.fixture(scope="session")
def book_build(editions: dict) -> subprocess.CompletedProcess[str]:
    """The student build: the one `make book` produces."""
    return editions["student"][0]


@pytest.fixture(scope="session")
def site(sites: dict[str, Path]) -> Path:
    return sites["student"]
