"""Launch buttons that come from one setting: the repository URL in ``_config.yml``.

``launch_buttons`` in ``_config.yml`` can name Binder and Colab once and for all; the buttons
only make sense for a public copy of the course, so this extension keeps them off until
``repository: url:`` is set. Without it sphinx-book-theme would stop the build with a
``TypeError`` on every notebook page, and Colab (GitHub only) would warn on other hosts.

* no repository URL: no Binder, JupyterHub, Colab or Deepnote button;
* a repository that is not on GitHub: no Colab or Deepnote button (they open GitHub only);
* a JupyterHub button appears when ``jupyterhub_url`` is set too (it opens the notebook
  through an nbgitpuller link, so the hub needs nbgitpuller installed).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

NEEDS_REPOSITORY = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url")
NEEDS_GITHUB = ("colab_url", "deepnote_url")


def launch_settings(theme_options: dict[str, Any]) -> dict[str, Any]:
    """The ``launch_buttons`` settings with the buttons that cannot work left out."""
    buttons = dict(theme_options.get("launch_buttons") or {})
    repository = str(theme_options.get("repository_url") or "").strip()
    if not repository:
        drop = NEEDS_REPOSITORY
    elif (
        "github.com" not in repository.lower()
        and theme_options.get("repository_provider", "") != "github"
    ):
        drop = NEEDS_GITHUB
    else:
        drop = ()
    for key in drop:
        if buttons.get(key):
            buttons[key] = ""
    return buttons


def guard_launch_buttons(app: Sphinx, config: Config) -> None:
    options = dict(config.html_theme_options or {})
    if "launch_buttons" not in options:
        return
    settled = launch_settings(options)
    if settled != options["launch_buttons"]:
        logger.info(
            "backbalance: launch buttons that need a repository URL are off (set repository: url:)"
        )
    options["launch_buttons"] = settled
    config.html_theme_options = options


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", guard_launch_buttons)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
