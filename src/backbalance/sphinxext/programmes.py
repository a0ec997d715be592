"""The ``example-programme`` and ``habit-checklists`` directives: generated at build time.

Usage in a MyST page::

    ```{example-programme} desk-worker
    :days: 3
    :equipment: dumbbell band
    ```

    ```{habit-checklists}
    ```

``example-programme`` reads the profile ``data/examples/<name>.json``, builds its programme
with :func:`backbalance.programme.build.build_programme` (the same code the notebooks call) from
``data/exercises.csv``, ``data/plan_templates.yml`` and ``data/model_parameters.yml``, and
writes it as accessible HTML tables. Options: ``days`` (strength days a week, default 3),
``equipment`` (space-separated, default ``none``), ``name`` and ``heading-level`` (of the
phase headings, default 3). ``habit-checklists`` writes the printable sheets of
``data/habits.yml``.

Every file read is recorded as a dependency of the page, so editing it rebuilds the page.
A problem in a file becomes a Sphinx warning that names the file and the entry (an error
under ``-W``). No JavaScript and no kernel are needed: the page reads and prints as is.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pydantic import ValidationError
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from backbalance.assessment.profile import load_profile
from backbalance.common.html import inline_css
from backbalance.common.read import NAME_PATTERN, DataError, problems_from
from backbalance.habits.data import load_habits
from backbalance.habits.render import checklists_html
from backbalance.programme.build import Setup, build_programme
from backbalance.programme.library import load_exercise_library
from backbalance.programme.render import PAGE_CSS, programme_html
from backbalance.programme.template import load_programme_template
from backbalance.strength_gap.parameters import load_model_parameters

logger = logging.getLogger(__name__)

STYLE_KEY = "backbalance-programmes-style"


def _wrap_tables(markup: str, owner: str) -> str:
    """Let wide tables scroll sideways on a phone, each scroll area reachable by keyboard and
    named by its caption and ``owner`` (so that names stay unique on the page)."""

    def wrap(match: re.Match[str]) -> str:
        caption = re.search(r"<caption>(.*?)</caption>", match.group(0))
        label = f"{caption.group(1) if caption else 'Table'} ({html.escape(owner, quote=True)})"
        return f'<div class="bb-table-wrap" tabindex="0" role="region" aria-label="{label}">{match.group(0)}</div>'

    return re.sub(r"<table .*?</table>", wrap, markup, flags=re.DOTALL)


class _GeneratedDirective(SphinxDirective):
    """Shared parts: the data folder, warnings naming file and entry, the style once per page."""

    has_content = False

    def data(self, *parts: str) -> Path:
        path = Path(self.env.srcdir, "data", *parts)
        self.env.note_dependency(str(path))
        return path

    def warn(self, what: str, message: object) -> None:
        logger.warning(
            "%s: %s",
            what,
            message,
            location=self.get_location(),
            type="backbalance",
            subtype="programmes",
        )

    def html(self, markup: str, owner: str) -> list[nodes.Node]:
        style = "" if self.env.temp_data.get(STYLE_KEY) else str(inline_css(PAGE_CSS))
        self.env.temp_data[STYLE_KEY] = True
        return [nodes.raw("", style + _wrap_tables(markup, owner), format="html")]


class ExampleProgrammeDirective(_GeneratedDirective):
    """Insert the programme of the example profile named by the argument."""

    required_arguments = 1
    option_spec: ClassVar = {
        "days": directives.positive_int,
        "equipment": directives.unchanged,
        "name": directives.unchanged,
        "heading-level": lambda text: directives.choice(text, ("2", "3", "4", "5")),
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        what = f"example programme {name!r}"
        if not NAME_PATTERN.match(name):
            self.warn(what, "the name must be a file stem in data/examples, such as 'desk-worker'")
            return []
        paths = {
            key: self.data(*parts)
            for key, parts in {
                "profile": ("examples", f"{name}.json"),
                "library": ("exercises.csv",),
                "template": ("plan_templates.yml",),
                "params": ("model_parameters.yml",),
            }.items()
        }
        try:
            library = load_exercise_library(paths["library"])
            template = load_programme_template(paths["template"], library)
            params = load_model_parameters(paths["params"])
            profile = load_profile(paths["profile"])
            setup = Setup(
                days_per_week=self.options.get("days", 3),
                equipment=frozenset(self.options.get("equipment", "none").split()),
                name=self.options.get("name", ""),
            )
            programme = build_programme(profile, setup, library, template, params)
        except DataError as err:
            for problem in err.problems:
                self.warn(what, problem)
            return []
        except ValidationError as err:
            for problem in problems_from("the directive's options", err):
                self.warn(what, problem)
            return []
        except ValueError as err:
            self.warn(what, err)
            return []
        markup = programme_html(programme, heading_level=int(self.options.get("heading-level", 3)))
        return self.html(markup, self.options.get("name") or name)


class HabitChecklistsDirective(_GeneratedDirective):
    """Insert the printable habit sheets of ``data/habits.yml``."""

    def run(self) -> list[nodes.Node]:
        try:
            habits = load_habits(self.data("habits.yml"))
        except DataError as err:
            for problem in err.problems:
                self.warn("habit checklists", problem)
            return []
        return self.html(checklists_html(habits), "habit sheets")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("example-programme", ExampleProgrammeDirective)
    app.add_directive("habit-checklists", HabitChecklistsDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
