"""The set-up cell every notebook starts with (issue: a class on JupyterHub, Colab, Binder)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backbalance.cli import main
from backbalance.setup_cell import ADVICE, CELL_ID, configured_cell, render_cell, sync

IPYTHON = Path(sys.executable).with_name("ipython")
URL = "https://github.com/your-org/back-in-balance"


def run_cell(source: str, *, colab: bool, installed: bool) -> subprocess.CompletedProcess:
    """Run a cell in IPython, as a notebook would, with or without Colab and the package."""
    prelude = ["import subprocess, sys, types"]
    prelude.append("subprocess.run = lambda command, **kw: print('PIP', command[-1])")
    if colab:
        prelude.append(
            "colab = types.ModuleType('google.colab'); colab.output = types.SimpleNamespace("
        )
        prelude.append("    enable_custom_widget_manager=lambda: print('WIDGETS'))")
        prelude.append(
            "sys.modules['google'] = types.ModuleType('google'); sys.modules['google.colab'] = colab"
        )
    if not installed:
        prelude.append("sys.modules['backbalance'] = None")  # find_spec then says: not installed
    code = "\n".join(prelude) + "\n" + source
    return subprocess.run(
        [str(IPYTHON), "--quick", "--colors=NoColor", "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_notebook_starts_with_the_configured_set_up_cell(root):
    assert sync(root, check=True) == [], "run: python -m backbalance setup-cells"
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        assert CELL_ID in path.read_text(encoding="utf-8")


def test_where_the_course_is_installed_the_cell_does_nothing():
    result = run_cell(render_cell(URL, "main"), colab=False, installed=True)
    assert result.returncode == 0
    assert result.stdout.strip() == "" and "Traceback" not in result.stderr


@pytest.mark.parametrize("url", [URL, ""])
def test_without_the_course_outside_colab_one_sentence_and_no_install(url):
    result = run_cell(render_cell(url, "main"), colab=False, installed=False)
    output = result.stdout + result.stderr
    assert "PIP" not in output
    assert "Traceback" not in output and "CourseNotFound" not in output
    assert ADVICE.split(":")[0] in output
    assert (f"git+{URL}@main" in output) == bool(url)


def test_on_colab_it_installs_the_course_from_the_configured_repository():
    result = run_cell(render_cell(URL, "main"), colab=True, installed=False)
    assert f"PIP backbalance @ git+{URL}@main" in result.stdout
    assert "WIDGETS" in result.stdout


def test_on_colab_with_no_repository_set_it_says_what_to_do():
    result = run_cell(render_cell("", "main"), colab=True, installed=False)
    assert "PIP" not in result.stdout
    assert ADVICE.split(":")[0] in result.stdout + result.stderr


def test_setup_cells_command_writes_the_repository_of_config_yml(root, tmp_path, capsys):
    course = tmp_path / "course"
    shutil.copytree(root / "notebooks", course / "notebooks")
    config = (root / "_config.yml").read_text(encoding="utf-8")
    (course / "_config.yml").write_text(
        config.replace('url: ""', f'url: "{URL}"'), encoding="utf-8"
    )
    assert main(["setup-cells", str(course), "--check"]) == 1
    assert main(["setup-cells", str(course)]) == 0
    assert main(["setup-cells", str(course), "--check"]) == 0
    cell = configured_cell(course)
    for path in (course / "notebooks").glob("*.ipynb"):
        assert cell.splitlines()[0] in path.read_text(encoding="utf-8")
        assert f"git+{URL}@main" in path.read_text(encoding="utf-8")


def test_setup_cells_command_refuses_a_folder_that_is_not_a_course(tmp_path, capsys):
    assert main(["setup-cells", str(tmp_path)]) == 1
    assert "not a course folder" in capsys.readouterr().err
