"""The one base of the book's data directives (``quiz``, ``lesson-plan``, ``example-programme``,
``habit-checklists``, ``assessment``).

Each reads files of the course data through :class:`backbalance.course.Course` (the folder
named by ``backbalance_data_dir``), records every file it reads as a dependency of the page
(so editing the file rebuilds the page) and turns a problem in a file into a Sphinx warning
that names the file, the entry and the fix (an error under ``-W``), with type
``backbalance`` and the directive's subtype (for ``suppress_warnings``).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from backbalance.common.read import NAME_PATTERN, DataError, display_path
from backbalance.course import Course

from .config import course_of

logger = logging.getLogger(__name__)
T = TypeVar("T")


class DataDirective(SphinxDirective):
    """A directive that shows course data; subclasses set ``subtype`` (of the warnings)."""

    has_content = False
    subtype: ClassVar[str]

    def warn(self, what: str, message: object) -> None:
        """One warning line, ``<what>: <message>``, at the directive's location."""
        logger.warning(
            "%s: %s",
            what,
            message,
            location=self.get_location(),
            type="backbalance",
            subtype=self.subtype,
        )

    def course(self) -> Course:
        return course_of(self.env)

    def depend(self, *parts: str) -> Path:
        """The course file ``data/<parts>``, recorded as a dependency of the page."""
        path = self.course().path(*parts)
        self.env.note_dependency(str(path))
        return path

    def name_argument(self, what: str, folder: str, example: str) -> str | None:
        """The argument, if it is a file stem of ``data/<folder>``; else None after a warning."""
        name = self.arguments[0].strip()
        if not NAME_PATTERN.match(name):
            self.warn(what, f"the name must be a file stem in data/{folder}, such as {example!r}")
            return None
        return name

    def read(self, what: str, load: Callable[[], T]) -> T | None:
        """``load()``, or None after one warning per problem of the files it reads."""
        try:
            return load()
        except DataError as err:
            for problem in err.problems:
                self.warn(what, problem)
            return None

    def read_named(self, what: str, path: Path, load: Callable[[Path], T]) -> T | None:
        """``load(path)`` for a file the directive names; a missing file gets the fix too:
        the names that are there, the closest first."""
        if not path.is_file() and path.parent.is_dir():
            there = sorted(p.stem for p in path.parent.glob(f"*{path.suffix}"))
            close = difflib.get_close_matches(path.stem, there, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.warn(
                what,
                f"{display_path(path)}: file not found; {hint}"
                f"the files in {display_path(path.parent)} are: {', '.join(there) or 'none'}",
            )
            return None
        return self.read(what, lambda: load(path))
