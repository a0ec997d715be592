"""The course text, notebooks and data files have no common misspellings (codespell)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("book", "notebooks", "data")


def test_codespell_finds_no_misspellings():
    folders = [name for name in CHECKED if (ROOT / name).is_dir()]
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "codespell found misspellings:\n" + result.stdout + result.stderr
