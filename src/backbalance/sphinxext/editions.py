"""Student and instructor editions of the book, built from one source.

The edition is chosen when the book is built::

    jupyter-book build .                                    # student edition (the default)
    BACKBALANCE_EDITION=instructor jupyter-book build . --path-output _build/instructor

(``make book`` and ``make book-instructor``). The environment variable wins over the
``backbalance_edition`` setting (``sphinx: config:`` in ``_config.yml``), whose default is
``student``. On ``config-inited`` this extension

* stores the edition in ``app.config.backbalance_edition``, declared with
  ``rebuild="env"``: a build that reuses the other edition's cache re-reads every page, so
  one edition can never leak into the other through Sphinx's cache;
* adds the Sphinx tag of the edition (``student`` or ``instructor``), so a chapter can hold
  text for one edition only::

      ```{only} instructor
      Only instructors see this.
      ```

  (No headings inside ``{only}``: MyST lifts a heading, and what follows it, out of the
  block, so it would show in both editions.)
* in the instructor edition, puts a banner on every page that says which edition it is
  (the announcement bar of sphinx-book-theme).

Directives ask :func:`is_instructor` (the ``quiz`` directive shows the answer key, the
``lesson-plan`` directive shows the plan). In the student edition, ``{only} instructor``
blocks and ``lesson-plan`` directives are also removed from the Markdown page sources the
book offers for download (``_sources/``), so no instructor text reaches a student's browser.
(Notebooks are offered as they are: keep instructor notes in the ``.md`` chapters.)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .config import EDITIONS

ENV_VAR = "BACKBALANCE_EDITION"
CONFIG_NAME = "backbalance_edition"  # declared in backbalance.sphinxext.config
INSTRUCTOR_ONLY_DIRECTIVES = ("lesson-plan",)
BANNER_THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")  # themes with an announcement bar
BANNER = (
    "Instructor edition: quiz answers, instructor notes and lesson plans are shown. "
    "Do not publish it to students."
)

_PARSER = MarkdownIt("commonmark").use(colon_fence_plugin)
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")


def edition_of(config: Config) -> str:
    """The edition a configuration builds: ``"student"`` or ``"instructor"``."""
    return getattr(config, CONFIG_NAME, None) or EDITIONS[0]


def is_instructor(config: Config) -> bool:
    """True when the book being built is the instructor edition."""
    return edition_of(config) == "instructor"


def choose_edition(app: Sphinx, config: Config) -> None:
    """Settle the edition (environment variable first), add its tag and, for instructors, the banner."""
    chosen = os.environ.get(ENV_VAR, "").strip() or (getattr(config, CONFIG_NAME) or EDITIONS[0])
    if chosen not in EDITIONS:
        source = ENV_VAR if os.environ.get(ENV_VAR, "").strip() else CONFIG_NAME
        raise ConfigError(f"{source} must be 'student' or 'instructor', got {chosen!r}")
    config[CONFIG_NAME] = chosen  # compared with the cached value: a change re-reads every page
    for edition in EDITIONS:
        if edition != chosen and app.tags.has(edition):
            app.tags.remove(edition)
    app.tags.add(chosen)
    if chosen == "instructor" and config.html_theme in BANNER_THEMES:
        options = dict(config.html_theme_options or {})
        existing = options.get("announcement")
        options["announcement"] = f"{BANNER} {existing}" if existing else BANNER
        config.html_theme_options = options


def _dropped_lines(text: str, edition: str) -> set[int]:
    """The line numbers (from 0) of the fenced blocks meant for another edition."""
    other = [e for e in EDITIONS if e != edition]
    drop_names = set(INSTRUCTOR_ONLY_DIRECTIVES) if edition != "instructor" else set()
    dropped: set[int] = set()

    def walk(source: str, offset: int) -> None:
        for token in _PARSER.parse(source):
            if token.type not in ("fence", "colon_fence") or token.map is None:
                continue
            directive = _DIRECTIVE.match(token.info.strip())
            if directive is None:  # a code block: what it holds is an example, kept as it is
                continue
            start, end = token.map
            name, arg = directive.group("name"), directive.group("arg").strip()
            if (name == "only" and arg in other) or name in drop_names:
                dropped.update(range(offset + start, offset + end))
            else:  # a directive's body may hold blocks of its own
                walk(token.content, offset + start + 1)

    walk(text, 0)
    return dropped


def strip_other_edition(text: str, edition: str) -> str:
    r"""MyST text without the fenced blocks meant for another edition.

    Removed: ``{only} <other edition>`` blocks and, in the student edition, the
    instructor-only directives (``lesson-plan``). Fences may use backticks, tildes or
    colons; the blocks are found by markdown-it-py with the colon-fence plugin (the parser
    MyST itself uses). Code blocks are left alone, so a guide can show such a block as an
    example.

    >>> strip_other_edition("A\n\n```{only} instructor\nB\n```\n\nC\n", "student")
    'A\n\n\nC\n'
    """
    dropped = _dropped_lines(text, edition)
    lines = text.splitlines(keepends=True)
    return "".join(line for number, line in enumerate(lines) if number not in dropped)


def clean_page_sources(app: Sphinx, exception: Exception | None) -> None:
    """Remove the other edition's blocks from the Markdown sources offered for download.

    Runs after failed builds too: a page written before the failure must not keep its raw
    source, because an incremental build would not copy it again.
    """
    builder = getattr(app, "builder", None)
    if builder is None or builder.format != "html":
        return
    edition = edition_of(app.config)
    sources = Path(app.outdir) / "_sources"
    if not sources.is_dir():
        return
    for path in sources.rglob("*"):
        if path.suffix not in {".md", ".txt"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        cleaned = strip_other_edition(text, edition)
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")


def setup_editions(app: Sphinx) -> None:
    app.connect("config-inited", choose_edition)
    app.connect("build-finished", clean_page_sources)
