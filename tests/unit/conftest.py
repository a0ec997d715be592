"""Fixtures of the unit tests that break the course data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def copy(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ and references.bib that a test may break; the working folder."""
    shutil.copytree(root / "data", tmp_path / "data")
    shutil.copy(root / "references.bib", tmp_path / "references.bib")
    monkeypatch.chdir(tmp_path)
    return tmp_path
