"""The first cell of every course notebook: find the course, or say in one sentence what to do.

The cell runs before ``backbalance`` can be imported (it may not be installed), so it is plain
Python, kept here once as a template. Rendered with the repository set in ``_config.yml``
(``repository: url:`` and ``branch:``), it

- does nothing when the course package is importable (JupyterLab, a school hub, Binder);
- on Colab, and only there, installs the package from that repository, then switches on
  Colab's widget manager;
- anywhere else, or on Colab with no repository set, stops the run with one plain sentence
  (an exception whose ``_render_traceback_`` shows that sentence, not a traceback).

``python -m backbalance setup-cells`` writes it into every notebook in ``notebooks/``;
``--check`` only reports notebooks whose cell is missing or out of date (the tests use it).

>>> cell = render_cell("https://github.com/your-org/back-in-balance", "main")
>>> "git+https://github.com/your-org/back-in-balance@main" in cell
True
>>> "google.colab" in render_cell("", "main")
True
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from backbalance.common.read import DataError, Problem, display_path

CELL_ID = "setup"
TAGS = ["remove-cell"]  # the static book's readers never see it; JupyterLab shows it

TEMPLATE = """\
# Set-up: in JupyterLab, on a hub or on Binder this does nothing. On Colab (only there)
# it installs the course first. Anywhere else without the course, it says what to do.
import importlib
import importlib.util
import sys

REQUIREMENT = {requirement!r}
if importlib.util.find_spec("backbalance") is None and "google.colab" in sys.modules and REQUIREMENT:
    import subprocess

    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", REQUIREMENT], check=True)
    importlib.invalidate_caches()
    from google.colab import output

    output.enable_custom_widget_manager()
if importlib.util.find_spec("backbalance") is None:

    class CourseNotFound(Exception):
        def _render_traceback_(self):
            return [str(self)]

    raise CourseNotFound({advice!r})
"""

ADVICE = (
    "This notebook needs the Back in Balance course: open it from the course's notebooks/ "
    "folder in JupyterLab, or install the course with `python -m pip install -r "
    "requirements.txt` in the course folder{install}, then run this cell again."
)


def render_cell(url: str, branch: str) -> str:
    """The set-up cell's source for a course published at ``url`` (empty: not published)."""
    url = url.strip().rstrip("/")
    requirement = f"backbalance @ git+{url}@{branch}" if url else ""
    install = f' (or: python -m pip install "{requirement}")' if url else ""
    return TEMPLATE.format(requirement=requirement, advice=ADVICE.format(install=install))


def configured_cell(root: Path) -> str:
    """The set-up cell for the repository named in ``root/_config.yml``."""
    config_path = root / "_config.yml"
    try:
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise DataError(
            [Problem(display_path(config_path), None, f"cannot be read: {err}")]
        ) from err
    repository = config.get("repository") or {}
    return render_cell(str(repository.get("url") or ""), str(repository.get("branch") or "main"))


def _cell(source: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": CELL_ID,
        "metadata": {"tags": TAGS},
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }


def sync(root: Path, *, check: bool = False) -> list[Path]:
    """Put the set-up cell first in every notebook of ``root/notebooks``.

    Parameters
    ----------
    root
        The course folder (``_config.yml`` and ``notebooks/``).
    check
        Only report; write nothing.

    Returns
    -------
    list[pathlib.Path]
        The notebooks that were (or, with ``check``, would be) changed.
    """
    cell = _cell(configured_cell(root))
    changed = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in notebook["cells"] if c.get("id") != CELL_ID]
        # Markdown title first, as every course notebook starts; the set-up cell right after.
        position = 1 if cells and cells[0]["cell_type"] == "markdown" else 0
        wanted = [*cells[:position], cell, *cells[position:]]
        if wanted == notebook["cells"]:
            continue
        changed.append(path)
        if not check:
            notebook["cells"] = wanted
            text = json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
    return changed
