"""The ``example-programme`` and ``habit-checklists`` directives: generated at build time.

Usage in a MyST page::

    ```{example-programme} desk-worker
    :days: 3
    :equipment: dumbbell band
    ```

    ```{habit-checklists}
    ```

    ```{traffic-light}
    ```

``example-programme`` reads the profile ``data/examples/<name>.json``, builds its programme
with :func:`backbalance.programme.build.build_programme` (the same code the notebooks call) from
the course's ``data/exercises.csv``, ``data/plan_templates.yml`` and
``data/model_parameters.yml`` (:class:`backbalance.course.Course`), and
shows it as accessible HTML tables (:class:`~backbalance.sphinxext.nodes.ProgrammeNode`).
Options: ``days`` (strength days a week, default 3), ``equipment`` (space-separated, default
``none``), ``name`` and ``heading-level`` (of the phase headings, default 3).
``habit-checklists`` shows the printable sheets of ``data/habits.yml``. ``traffic-light``
shows the traffic-light rule for pain of ``data/plan_templates.yml`` (``pain_sense``), drawn
as on every programme and its handout.

No JavaScript and no kernel are needed: the page reads and prints as is.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pydantic import ValidationError
from sphinx.application import Sphinx

from backbalance.assessment.profile import load_profile
from backbalance.common.evidence import SCALE_FILE
from backbalance.common.read import DataError, problems_from
from backbalance.programme.build import Setup, build_programme

from .directives import DataDirective
from .nodes import HabitChecklistsNode, ProgrammeNode, TrafficLightNode


class _TablesDirective(DataDirective):
    subtype = "programmes"


class ExampleProgrammeDirective(_TablesDirective):
    """Insert the programme of the example profile named by the argument."""

    required_arguments = 1
    option_spec: ClassVar = {
        "days": directives.positive_int,
        "equipment": directives.unchanged,
        "name": directives.unchanged,
        "heading-level": lambda text: directives.choice(text, ("2", "3", "4", "5")),
    }

    def run(self) -> list[nodes.Node]:
        raw = self.arguments[0].strip()
        what = f"example programme {raw!r}"
        name = self.name_argument(what, "examples", "desk-worker")
        course = None if name is None else self.read(what, self.course)
        if course is None:
            return []
        profile_path = self.depend("examples", f"{name}.json")
        for used in ("exercises.csv", "plan_templates.yml", "model_parameters.yml", SCALE_FILE):
            self.depend(used)
        profile = self.read_named(what, profile_path, load_profile)
        if profile is None:
            return []
        try:
            library, template = course.exercises, course.programme_template
            params = course.parameters
            setup = Setup(
                days_per_week=self.options.get("days", 3),
                equipment=frozenset(self.options.get("equipment", "none").split()),
                name=self.options.get("name", ""),
            )
            programme = build_programme(profile, setup, library, template, params)
            scale = course.evidence
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
        node = ProgrammeNode.make(
            programme=programme,
            scale=scale,
            heading_level=int(self.options.get("heading-level", 3)),
            owner=self.options.get("name") or name,
        )
        return [node]


class HabitChecklistsDirective(_TablesDirective):
    """Insert the printable habit sheets of ``data/habits.yml``."""

    def run(self) -> list[nodes.Node]:
        course = self.read("habit checklists", self.course)
        if course is None:
            return []
        self.depend("habits.yml")
        self.depend(SCALE_FILE)
        habits = self.read("habit checklists", lambda: course.habits)
        if habits is None:
            return []
        scale = self.read("habit checklists", lambda: course.evidence)
        if scale is None:
            return []
        node = HabitChecklistsNode.make(habits=habits, scale=scale, owner="habit sheets")
        return [node]


class TrafficLightDirective(_TablesDirective):
    """Insert the traffic-light rule for pain, from ``data/plan_templates.yml``."""

    def run(self) -> list[nodes.Node]:
        course = self.read("traffic light", self.course)
        if course is None:
            return []
        for used in ("plan_templates.yml", "exercises.csv", SCALE_FILE):
            self.depend(used)
        template = self.read("traffic light", lambda: course.programme_template)
        scale = None if template is None else self.read("traffic light", lambda: course.evidence)
        if template is None or scale is None:
            return []
        rule = template.pain_sense.traffic_light
        return [TrafficLightNode.make(rule=rule, scale=scale, owner="traffic light")]


def setup_programmes(app: Sphinx) -> None:
    app.add_directive("example-programme", ExampleProgrammeDirective)
    app.add_directive("habit-checklists", HabitChecklistsDirective)
    app.add_directive("traffic-light", TrafficLightDirective)
