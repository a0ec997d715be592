"""Building the whole course as `make book` does, for the slow tier (see conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backbalance.sphinxext.editions import ENV_VAR

ROOT = Path(__file__).resolve().parents[2]


SKIP = shutil.ignore_patterns(
    ".venv",
    ".venv-hub",
    "_build",
    "node_modules",
    ".git",
    ".hypothesis",
    ".pytest_cache",
    "__pycache__",
    ".ipynb_checkpoints",
    "*.egg-info",
)


def jupyter_book(
    source: Path, output: Path, edition: str, *, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """``jupyter-book build`` of one edition, as `make book` / `make book-instructor` run it."""
    env = {key: value for key, value in os.environ.items() if key != ENV_VAR}
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    if edition == "instructor":
        env[ENV_VAR] = "instructor"
    jb = Path(sys.executable).with_name("jupyter-book")
    flags = ["-W", "--keep-going"] if strict else []
    return subprocess.run(
        [str(jb), "build", str(source), "--path-output", str(output), *flags],
        cwd=source,
        capture_output=True,
        text=True,
        env=env,
    )


def check(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        pytest.fail("the book did not build:\n" + result.stdout[-4000:] + result.stderr[-4000:])


def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the course, so that edits made while the tests run cannot mix in."""
    copy = tmp_path_factory.mktemp("course") / "back-in-balance"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    if (ROOT / "node_modules").is_dir():
        (copy / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return copy
