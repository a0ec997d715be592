"""The ``assessment`` directive: the interactive self-assessment in the static book, no kernel.

Usage in a MyST page::

    ```{assessment}
    :programme:
    ```

With ``:programme:`` the page also gives the reader their own programme after the results,
built at build time (:func:`backbalance.programme.web.web_spec`), kept in a cache keyed on
the data and the code (:func:`backbalance.sphinxext.programmes.cached_web_spec`).

The directive reads ``data/assessment/`` and puts an
:class:`~backbalance.sphinxext.nodes.AssessmentNode` in the page; the form itself is written
by :func:`backbalance.assessment.render.render_form`. The data files are recorded as
dependencies of the page, so editing them rebuilds it. A problem in a file becomes a Sphinx
warning naming the file and the entry (an error under ``-W``), and so does a link to a
chapter the book does not have. The links to chapters are resolved when the page is
written (:class:`ResolveChapterLinks`), for the builder that writes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from backbalance.assessment.data import assessment_files, load_assessment

from .directives import DataDirective
from .nodes import AssessmentNode
from .programmes import cached_web_spec

WHAT = "self-assessment"


class AssessmentDirective(DataDirective):
    """Insert the interactive self-assessment defined in ``data/assessment/``."""

    subtype = "assessment"
    option_spec: ClassVar = {"programme": directives.flag}

    def run(self) -> list[nodes.Node]:
        if self.read(WHAT, self.course) is None:
            return []
        folder = self.depend("assessment")
        for path in assessment_files(folder):
            self.env.note_dependency(str(path))
        data = self.read(WHAT, lambda: load_assessment(folder))
        if data is None:
            return []
        chapters = sorted(data.chapters())
        for chapter in chapters:
            if chapter not in self.env.found_docs:
                self.warn(
                    WHAT,
                    f"data/assessment links to {chapter!r}, which is not a page of the book",
                )
        programme = None
        if "programme" in self.options:
            for name in ("plan_templates.yml", "exercises.csv", "model_parameters.yml"):
                self.depend(name)
            build_dir = Path(self.env.app.outdir).parent
            programme = self.read(WHAT, lambda: cached_web_spec(self.course(), build_dir))
        return [AssessmentNode.make(data=data, chapters=chapters, programme=programme)]


class ResolveChapterLinks(SphinxPostTransform):
    """Give each assessment its chapter links, relative to the page being written."""

    default_priority = 100

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(AssessmentNode):
            node["links"] = {
                chapter: self.app.builder.get_relative_uri(self.env.docname, chapter)
                for chapter in node["chapters"]
            }


def setup_assessment(app: Sphinx) -> None:
    app.add_directive("assessment", AssessmentDirective)
    app.add_post_transform(ResolveChapterLinks)
