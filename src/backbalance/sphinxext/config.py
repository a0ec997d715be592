"""Every ``backbalance_*`` setting of the book, in one place.

Set them under ``sphinx: config:`` in ``_config.yml`` (or in a ``conf.py``):

* ``backbalance_data_dir``: the course data folder, relative to the book (default ``data``);
  it is resolved by :meth:`backbalance.course.Course.find`, the one rule for finding it;
* ``backbalance_edition``: ``student`` (the default) or ``instructor``; the
  ``BACKBALANCE_EDITION`` variable wins (see :mod:`backbalance.sphinxext.editions`);
* ``backbalance_plotly_js``: the plotly.js bundle to serve (``make assets`` builds it from
  ``assets/plotly.js``: plotly.js's core and only the trace types the charts draw);
* ``backbalance_chart_pictures``: give every chart pictures drawn at build time, shown at
  once, the live chart drawn when the reader reaches for it (default off; the course's
  ``_config.yml`` turns it on; needs the system Chromium, see
  :mod:`backbalance.sphinxext.pictures`);

The notebooks' execution cache is keyed on the data too (:func:`key_execution_cache_on_data`):
the jupyter-cache keys on code only, so without it an edit of ``data/model_parameters.yml``
would leave the old numbers in the executed notebooks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from backbalance.course import Course

logger = logging.getLogger(__name__)

EDITIONS = ("student", "instructor")


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str  # what a change invalidates: "env" re-reads every page, "html" rewrites them


SETTINGS = (
    Setting("backbalance_data_dir", "data", "env"),
    Setting("backbalance_edition", EDITIONS[0], "env"),
    Setting("backbalance_instructor_pages", ["book/instructor-guide"], "env"),
    Setting(
        "backbalance_plotly_js",
        "node_modules/.backbalance/plotly.min.js",
        "html",
    ),
    Setting("backbalance_chart_pictures", False, "html"),
)


def chart_pictures(app: Sphinx) -> bool:
    """The charts get pictures (:mod:`backbalance.sphinxext.pictures`): the setting is on
    and the builder is ``html``."""
    return bool(app.config.backbalance_chart_pictures) and app.builder.name == "html"


def data_folder(config: Config, srcdir: str | Path) -> Path:
    """The course data folder a book's configuration names (it may not exist)."""
    return Path(srcdir) / config.backbalance_data_dir


def course_of(env: BuildEnvironment) -> Course:
    """The course the book being built shows (may raise :class:`DataError`)."""
    return Course.find(data_folder(env.config, env.srcdir))


def data_digest(folder: Path) -> str:
    """A hash of every file below ``folder``, names and contents, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def key_execution_cache_on_data(app: Sphinx, config: Config) -> None:
    """Use one notebook execution cache per state of the data folder.

    jupyter-cache keys a notebook on its code, not on the files it reads. Here the cache
    folder myst-nb uses (``nb_execution_cache_path``, by default ``.jupyter_cache`` next to
    the output) gets a ``data-<hash>`` subfolder: an edit anywhere in ``data/`` selects a new
    cache, so every notebook runs again; undoing the edit finds the old cache. The setting is
    read with ``rebuild="env"``, so the change also makes Sphinx re-read the notebook pages.
    """
    folder = data_folder(config, app.srcdir)
    if "nb_execution_cache_path" not in config or not folder.is_dir():
        return
    base = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if base.name.startswith("data-"):  # set by this hook already (a reused configuration)
        base = base.parent
    key = f"data-{data_digest(folder)[:16]}"
    config.nb_execution_cache_path = str(base.resolve() / key)
    logger.info("backbalance: notebook execution cache for this state of data/: %s", key)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name, setting.default, setting.rebuild, types=[type(setting.default)]
        )
    # After myst-nb (priority 500) has declared its settings, before builder-inited reads them.
    app.connect("config-inited", key_execution_cache_on_data, priority=800)
