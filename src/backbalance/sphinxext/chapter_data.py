"""A base for directives that show the data file named after a chapter.

``{quiz} causes`` reads ``data/quizzes/causes.yml`` and ``{lesson-plan} causes`` reads
``data/lesson_plans/causes.yml``: both check the name, record the file as a dependency of
the page (so editing it rebuilds the chapter) and turn a problem in the file into a Sphinx
warning that names the file and the entry (an error under ``-W``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from backbalance.common.read import NAME_PATTERN, DataError

logger = logging.getLogger(__name__)
T = TypeVar("T")


class ChapterDataDirective(SphinxDirective):
    """Takes one argument, a chapter file stem; subclasses set where the files live."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False

    folder: str  # below data/, for example "quizzes"
    what: str  # how warnings name the file's kind, for example "quiz"
    subtype: str  # the warning subtype, for suppress_warnings

    def load(self, loader: Callable[[Path], T]) -> T | None:
        """The validated file named by the argument, or None after a warning."""
        name = self.arguments[0].strip()
        where: dict[str, Any] = {
            "location": self.get_location(),
            "type": "backbalance",
            "subtype": self.subtype,
        }
        if not NAME_PATTERN.match(name):
            logger.warning(
                f"{self.what} name must be a file stem such as 'causes', got %r", name, **where
            )
            return None
        path = Path(self.env.srcdir) / "data" / self.folder / f"{name}.yml"
        self.env.note_dependency(str(path))
        try:
            return loader(path)
        except DataError as err:
            for problem in err.problems:
                logger.warning(f"{self.what} %r: %s", name, problem, **where)
            return None
