"""Building the whole course as `make book` does, for the slow tier (see conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from backbalance.sphinxext.editions import ENV_VAR

ROOT = Path(__file__).resolve().parents[2]


def student_pages(root: Path) -> list[str]:
    """The toc's pages (the root first) that the student edition holds: all but the
    ``backbalance_instructor_pages`` of ``_config.yml``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    left_out = set(config["sphinx"]["config"]["backbalance_instructor_pages"])
    pages = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [page for page in pages if page not in left_out]


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
