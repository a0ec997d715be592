"""Workarounds for upstream behaviour, each with the upstream version it targets.

Remove one when its upstream is fixed (the version named is the one the lock installs):

* :func:`drop_duplicate_scripts`: sphinx-thebe 0.3.1 registers its inline scripts twice;
* :func:`fix_citation_roles`: docutils 0.21 / sphinxcontrib-bibtex 2.7.0 give bibliography
  entries a role their list container may not hold;
* :func:`complete_redirect_page`: sphinx-external-toc 1.1.0 writes a one-line redirect page;
* :func:`drop_thebe_page_scripts`: sphinx-thebe 0.3.1 writes its page configuration and an
  inline ``kernelName`` script into every page's content even when the Thebe button is off
  (an inline script in the content that the Content-Security-Policy rightly refuses);
* :func:`drop_widget_state`: myst-nb 1.4.0 embeds the saved ipywidgets state in every page;
* :func:`guard_launch_buttons`: sphinx-book-theme 1.3.0 fails on launch buttons without a
  repository URL;
* :func:`use_accessible_templates`: pydata-sphinx-theme 0.17.1 gives two buttons an
  accessible name that differs from their visible text (``templates/``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from backbalance.common.html import render

from .reader import root_description

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
NEEDS_REPOSITORY = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url")
NEEDS_GITHUB = ("colab_url", "deepnote_url")


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Keep one copy of each script: sphinx-thebe 0.3.1 registers its inline ``const``
    declarations twice, which throws "Identifier 'THEBE_JS_URL' has already been declared"."""
    scripts = context.get("script_files", [])
    first = {}
    for js in scripts:
        first.setdefault((js.filename or "", js.attributes.get("body")), js)
    scripts[:] = first.values()


def drop_thebe_page_scripts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Leave out what sphinx-thebe 0.3.1 appends to a page when the Thebe button is off
    (``launch_buttons: thebe: false``, the course's setting): nothing on the page uses it."""
    buttons = (app.config.html_theme_options or {}).get("launch_buttons") or {}
    if buttons.get("thebe"):
        return
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext().strip()
        if text.startswith("<script>kernelName =") or 'type="text/x-thebe-config"' in text:
            node.parent.remove(node)


def drop_widget_state(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out the saved ipywidgets state that myst-nb 1.4.0 embeds in notebook pages.

    The book loads no widget manager (``nb_ipywidgets_js`` is empty: widgets need a kernel,
    and the static book has its own no-kernel path), so the state is dead weight; a plotly
    FigureWidget alone stores about 5 MB of it."""
    scripts = context.get("script_files", [])
    scripts[:] = [
        js
        for js in scripts
        if js.attributes.get("type") != "application/vnd.jupyter.widget-state+json"
    ]


def fix_citation_roles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """docutils (0.21, through sphinxcontrib-bibtex 2.7.0) puts ``role="doc-biblioentry"``
    entries inside a ``role="list"``; a list may only hold list items (axe-core
    aria-required-children, critical), and the DPUB role is deprecated. Give the entries
    the role their container requires."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def complete_redirect_page(app: Sphinx, exception: Exception | None) -> None:
    """Turn the one-line ``index.html`` redirect (written by sphinx-external-toc 1.1.0) into a
    small complete page: a language, a title, the first page's description, the book's icon (without it, browsers ask
    for a missing ``/favicon.ico``) and a visible link for readers whose browser does not
    follow the redirect."""
    index = Path(app.outdir) / "index.html"
    if exception is not None or app.builder.format != "html" or not index.is_file():
        return
    match = re.fullmatch(
        r'<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*',
        index.read_text(encoding="utf-8"),
    )
    if not match:
        return
    page = render(
        "redirect-page.html.j2",
        target=html.unescape(match.group(1)),
        title=app.config.html_title or app.config.project,
        icon=Path(app.config.html_favicon or "").name,
        description=root_description(app),
    )
    index.write_text(page + "\n", encoding="utf-8")


def launch_settings(theme_options: dict[str, Any]) -> dict[str, Any]:
    """The ``launch_buttons`` settings with the buttons that cannot work left out.

    The buttons only make sense for a public copy of the course: with no repository URL
    there is no Binder, JupyterHub, Colab or Deepnote button; on a host other than GitHub no
    Colab or Deepnote button (they open GitHub only). A JupyterHub button appears when
    ``jupyterhub_url`` is set too (through an nbgitpuller link).

    >>> launch_settings({"repository_url": "", "launch_buttons": {"colab_url": "https://c"}})
    {'colab_url': ''}
    """
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
    """Keep the launch buttons off until ``repository: url:`` is set in ``_config.yml``:
    without it sphinx-book-theme 1.3.0 stops the build with a ``TypeError`` on every
    notebook page, and Colab (GitHub only) would warn on other hosts."""
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


def use_accessible_templates(app: Sphinx, config: Config) -> None:
    """Put our overrides of pydata-sphinx-theme 0.17.1 components (``templates/``) first."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def setup_workarounds(app: Sphinx) -> None:
    app.connect("config-inited", use_accessible_templates)
    app.connect("config-inited", guard_launch_buttons)
    app.connect("doctree-resolved", drop_thebe_page_scripts, priority=600)  # after sphinx-thebe
    app.connect("html-page-context", fix_citation_roles)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", drop_widget_state, priority=900)
    app.connect("build-finished", complete_redirect_page)
