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
``none``), ``name``, ``cause`` (where the gap comes from: ``unknown``, the default, shows both
cases; ``disuse`` or ``handedness``) and ``heading-level`` (of the phase headings, default 3).
``habit-checklists`` shows the printable sheets of ``data/habits.yml``. ``traffic-light``
shows the traffic-light rule for pain of ``data/plan_templates.yml`` (``pain_sense``), drawn
as on every programme and its handout.

No JavaScript and no kernel are needed: the page reads and prints as is.

:func:`cached_web_spec` keeps the reader's own programme of the self-assessment page
(:func:`backbalance.programme.web.web_spec`, about a minute of model runs) in a file under
``_build/.backbalance_cache/``, keyed on a hash of the data folder, of the package code that
builds it and of the versions of the libraries it runs on: a rebuild with the same data and
code reads the file instead of running the model again.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pydantic import ValidationError
from sphinx.application import Sphinx

from backbalance.assessment.profile import load_profile
from backbalance.common.evidence import SCALE_FILE
from backbalance.common.read import DataError, problems_from
from backbalance.course import Course
from backbalance.programme.build import Setup, build_programme
from backbalance.programme.web import web_spec

from .config import data_digest
from .directives import DataDirective
from .nodes import HabitChecklistsNode, ProgrammeNode, TrafficLightNode

SPEC_CODE = ("programme", "strength_gap", "assessment", "common", "course.py", "templates")
"""The parts of the package whose code (``.py``) and templates (``.j2``) build the spec."""
SPEC_LIBRARIES = ("numpy", "pandas", "pydantic", "jinja2")
"""The libraries whose versions are part of the key (the model's numbers and the HTML)."""
CACHE_FOLDER = ".backbalance_cache"


def spec_key(course: Course) -> str:
    """The cache key of the course's programme spec: data, code and library versions."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(data_digest(course.data).encode())
    for part in SPEC_CODE:
        top = package / part
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            if path.suffix in (".py", ".j2"):
                digest.update(path.relative_to(package).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    for library in SPEC_LIBRARIES:
        digest.update(f"{library}=={version(library)}\0".encode())
    return digest.hexdigest()[:20]


def cached_web_spec(course: Course, build_dir: Path | str) -> dict[str, Any]:
    """:func:`~backbalance.programme.web.web_spec` of ``course``, from the cache when it holds it.

    Parameters
    ----------
    course
        The course the book shows.
    build_dir
        The book's ``_build`` folder (the parent of the HTML output); the cache is its
        ``.backbalance_cache/programme-web-<key>.json`` (:func:`spec_key`). Older files of
        the cache are removed when a new one is written.

    Returns
    -------
    dict
        The spec, as JSON gives it back (what the page's script reads).
    """
    folder = Path(build_dir) / CACHE_FOLDER
    path = folder / f"programme-web-{spec_key(course)}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    spec = json.loads(json.dumps(web_spec(course), ensure_ascii=False))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("programme-web-*.json"):
        old.unlink()
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
    return spec


class _TablesDirective(DataDirective):
    subtype = "programmes"


class ExampleProgrammeDirective(_TablesDirective):
    """Insert the programme of the example profile named by the argument."""

    required_arguments = 1
    option_spec: ClassVar = {
        "days": directives.positive_int,
        "equipment": directives.unchanged,
        "name": directives.unchanged,
        "cause": directives.unchanged,
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
        for used in (
            "exercises.csv",
            "plan_templates.yml",
            "model_parameters.yml",
            "forecast.yml",
            SCALE_FILE,
        ):
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
                cause=self.options.get("cause", "unknown"),
            )
            programme = build_programme(
                profile, setup, library, template, params, wording=course.forecast_wording
            )
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
