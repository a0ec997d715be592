"""The wheel ships the course: data, bibliography, templates and static files, and it runs.

The wheel is built offline from a copy of the project (so the build leaves nothing in the
working tree), installed without its dependencies into a new virtual environment, and run
from an empty folder. The new environment reaches the dependencies through a ``.pth`` file
naming this environment's site-packages: a path added by a ``.pth`` file is not scanned for
further ``.pth`` files, so the editable install of backbalance stays out of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT.md", "references.bib")
SHIPPED_FOLDERS = ("static", "templates", "sphinxext/static", "sphinxext/templates", "common")
"""Folders of ``src/backbalance`` whose every file is in the wheel (``common`` holds the
JupyterLab chart's browser module beside its Python)."""


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "BACKBALANCE_DATA"}}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def files_below(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def wheel(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    for name in PROJECT_FILES:
        shutil.copy(root / name, project / name)
    shutil.copytree(root / "data", project / "data")
    shutil.copytree(
        root / "src",
        project / "src",
        symlinks=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    dist = tmp_path_factory.mktemp("dist")
    result = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "--wheel-dir",
        dist,
        project,
        cwd=project,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = dist.glob("backbalance-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a new virtual environment holding the wheel (and no editable backbalance)."""
    venv = tmp_path_factory.mktemp("venv")
    result = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    assert result.returncode == 0, result.stderr
    python = venv / "bin" / "python"
    result = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=venv,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=venv
    )
    site = Path(purelib.stdout.strip())
    (site / "dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_wheel_holds_the_course_data_and_the_bibliography(root, wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "backbalance/course/data/" + p.relative_to(root / "data").as_posix()
        for p in files_below(root / "data")
    }
    assert expected and expected <= names, sorted(expected - names)
    assert "backbalance/course/references.bib" in names
    assert "backbalance/course.py" in names


@pytest.mark.parametrize("folder", SHIPPED_FOLDERS)
def test_the_wheel_holds_every_template_and_static_file(root, wheel, folder):
    names = set(zipfile.ZipFile(wheel).namelist())
    package = root / "src" / "backbalance"
    expected = {
        "backbalance/" + p.relative_to(package).as_posix() for p in files_below(package / folder)
    }
    assert expected <= names, sorted(expected - names)


def test_the_import_comes_from_the_installed_wheel(installed, tmp_path):
    result = run(installed, "-c", "import backbalance; print(backbalance.__file__)", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(installed.parents[1])


def test_validate_checks_the_bundled_course_from_an_empty_folder(installed, tmp_path):
    result = run(installed, "-m", "backbalance", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = result.stdout.splitlines()
    data, message = line.split(": ", 1)
    assert message == "all data files are valid."
    assert Path(data).is_relative_to(installed.parents[1])
    assert Path(data).parts[-3:] == ("backbalance", "course", "data")


def test_simulate_runs_from_an_empty_folder(installed, tmp_path):
    result = run(
        installed,
        "-m",
        "backbalance",
        "simulate",
        "--gap",
        "20",
        "--strong-sets",
        "6",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "week,side,strength,strength_p10,strength_p90,reading_p10,reading_p90,"
        "lsi,lsi_p10,lsi_p90,lsi_read_p10,lsi_read_p90"
    )
    assert len(lines) == 1 + 2 * 25
    assert result.stderr.splitlines()[0].startswith("LSI 90%: typical person ")


EXECUTE = """
import sys
import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
"""
"""Run a notebook in a kernel of the python running this (the new environment)."""


@pytest.mark.slow
@pytest.mark.parametrize("name", ["strength_gap", "my_programme", "self_assessment"])
def test_a_notebook_runs_from_an_empty_folder(root, installed, tmp_path, name):
    shutil.copy(root / "notebooks" / f"{name}.ipynb", tmp_path)
    result = run(installed, "-c", EXECUTE, f"{name}.ipynb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
