"""`python -m backbalance validate`: every problem in one line each, never a traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of data/ and references.bib that a test may break."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


def validate(course: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backbalance", "validate", "data", "--bib", "references.bib"],
        cwd=course, capture_output=True, text=True,
    )


def test_shipped_data_is_valid(course):
    result = validate(course)
    assert result.returncode == 0, result.stderr
    assert "all data files are valid" in result.stdout


def test_bad_yaml_is_one_clear_line(course):
    (course / "data" / "model_parameters.yml").write_text("parameters: [unclosed\n")
    result = validate(course)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"^data/model_parameters\.yml, line \d+, column \d+: not valid YAML", result.stderr, re.M)


def test_missing_file_is_named(course):
    (course / "data" / "model_parameters.yml").unlink()
    result = validate(course)
    assert result.returncode == 1
    assert "data/model_parameters.yml: file not found" in result.stderr


def test_dangling_citation_is_named(course):
    path = course / "data" / "model_parameters.yml"
    text, count = re.subn(r"source: \S+", "source: nosuchpaper2099", path.read_text(), count=1)
    assert count == 1
    path.write_text(text)
    result = validate(course)
    assert result.returncode == 1
    assert re.search(r"^data/model_parameters\.yml, \S+: cites 'nosuchpaper2099', which is not in references\.bib", result.stderr, re.M)


def test_all_problems_reported_at_once(course):
    (course / "data" / "model_parameters.yml").write_text("{")
    (course / "references.bib").write_text("")
    result = validate(course)
    lines = [line for line in result.stderr.splitlines() if line.startswith("data/")]
    assert len(lines) >= 1 and result.stderr.rstrip().endswith("nothing was built.")
