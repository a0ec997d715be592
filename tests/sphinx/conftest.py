"""Tiny books built with ``sphinx.testing``: each ``roots/test-<name>/`` is a book with its
own small ``data/``, used as ``@pytest.mark.sphinx("html", testroot="<name>")``.

A test that changes its book's files gets a copy of its own (``srcdir="<unique name>"``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(autouse=True)
def _no_edition_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The edition comes from each book's conf.py, never from the shell running the tests."""
    monkeypatch.delenv("BACKBALANCE_EDITION", raising=False)
    monkeypatch.delenv("BACKBALANCE_DATA", raising=False)


@pytest.fixture
def build(monkeypatch: pytest.MonkeyPatch):
    """Build an app's book from inside it (as `make book` runs, so messages show short paths)."""

    def _build(app, **kwargs) -> None:
        monkeypatch.chdir(app.srcdir)
        app.build(**kwargs)

    return _build


@pytest.fixture
def page():
    """The HTML of the built page ``name`` of an app's book."""
    return lambda app, name="index": (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture
def soup(page):
    """The built page ``name`` of an app's book, parsed."""
    return lambda app, name="index": BeautifulSoup(page(app, name), "html.parser")


@pytest.fixture
def warnings():
    """The warnings of an app's build, as text."""
    return lambda app: app.warning.getvalue()


@pytest.fixture
def book(make_app, rootdir, tmp_path, build):
    """Build a copy of ``roots/test-<testroot>`` with ``files`` written into it (relative
    path -> text); ``data="copy"`` copies the course's ``data/`` into it (for a test that breaks
    a file), ``data="course"`` reads the course's own (default: the book's own ``data/``);
    ``edit(srcdir)`` runs before the build."""

    def _book(testroot: str, files=None, data: str = "", edit=None, warningiserror=False, **conf):
        srcdir = tmp_path / testroot
        shutil.copytree(rootdir / f"test-{testroot}", srcdir)
        if data == "copy":
            shutil.copytree(ROOT / "data", srcdir / "data")
        elif data == "course":
            conf["backbalance_data_dir"] = str(ROOT / "data")
        for name, text in (files or {}).items():
            (srcdir / name).write_text(text, encoding="utf-8")
        if edit is not None:
            edit(srcdir)
        app = make_app("html", srcdir=srcdir, confoverrides=conf, warningiserror=warningiserror)
        build(app)
        return app

    return _book
