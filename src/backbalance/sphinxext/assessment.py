"""The ``assessment`` directive: the interactive self-assessment in the static book, no kernel.

Usage in a MyST page::

    ```{assessment}
    ```

The form itself is written by :func:`backbalance.assessment.render.render_form`. The data files
are recorded as dependencies of the page, so editing them rebuilds it. A problem in a file
becomes a Sphinx warning naming the file and the entry (an error under ``-W``), and so does
a link to a chapter the book does not have.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from backbalance.assessment.data import assessment_files, load_assessment
from backbalance.assessment.render import render_form
from backbalance.common.read import DataError

logger = logging.getLogger(__name__)


class AssessmentDirective(SphinxDirective):
    """Insert the interactive self-assessment defined in ``data/assessment/``."""

    required_arguments = 0
    optional_arguments = 0
    has_content = False

    def _warn(self, message: str, *args: object) -> None:
        logger.warning(
            message, *args, location=self.get_location(), type="backbalance", subtype="assessment"
        )

    def run(self) -> list[nodes.Node]:
        folder = Path(self.env.srcdir) / "data" / "assessment"
        for path in assessment_files(folder):
            self.env.note_dependency(str(path))
        try:
            data = load_assessment(folder)
        except DataError as err:
            for problem in err.problems:
                self._warn("self-assessment: %s", problem)
            return []
        links = {}
        for chapter in sorted(data.chapters()):
            if chapter not in self.env.found_docs:
                self._warn(
                    "self-assessment: data/assessment links to %r, which is not a page of the book",
                    chapter,
                )
            links[chapter] = self.env.app.builder.get_relative_uri(self.env.docname, chapter)
        return [nodes.raw("", render_form(data, links), format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("assessment", AssessmentDirective)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
