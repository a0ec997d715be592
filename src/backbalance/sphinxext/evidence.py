"""The evidence scale in the chapters: the ``{evidence}`` role and the ``evidence-scale`` directive.

Usage in a MyST chapter, next to a recommendation::

    Hold each stretch for 30 seconds {evidence}`some`.

    ```{evidence-scale}
    ```

The role shows the level's label from ``data/evidence.yml`` (for example "Some evidence")
as a small badge that links to the scale on the page holding the ``evidence-scale``
directive (the label ``evidence-scale``). The directive lists the four levels with what each
means. Both record ``data/evidence.yml`` as a dependency of the page. A level that is not on
the scale is one warning naming the levels (an error under ``-W``).
"""

from __future__ import annotations

from typing import get_args

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from backbalance.common.evidence import LEVELS, SCALE_FILE, EvidenceScale, Level
from backbalance.common.read import DataError
from sphinx import addnodes

from .assets import ASSET_DIR
from .config import course_of
from .directives import DataDirective

logger = logging.getLogger(__name__)

TARGET = "evidence-scale"
"""The label of the scale's list (the Welcome page), where every badge links."""
CSS = "evidence.css"


def badge(level: Level, label: str) -> nodes.inline:
    """The badge of one level: its label, with a class per level for the stylesheet."""
    return nodes.inline(label, label, classes=["bb-evidence", f"bb-evidence-{level}"])


class EvidenceRole(SphinxRole):
    """``{evidence}`some```: the level's label, linked to the scale."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        level = self.text.strip()
        if level not in get_args(Level):
            logger.warning(
                "evidence: %r is not a level of the scale; use one of %s (data/%s)",
                level,
                ", ".join(LEVELS),
                SCALE_FILE,
                location=self.get_location(),
                type="backbalance",
                subtype="evidence",
            )
            return [nodes.literal(self.rawtext, level)], []
        course = course_of(self.env)
        self.env.note_dependency(str(course.path(SCALE_FILE)))
        try:
            label = course.evidence.label(level)
        except DataError as err:
            for problem in err.problems:
                logger.warning(
                    "evidence: %s",
                    problem,
                    location=self.get_location(),
                    type="backbalance",
                    subtype="evidence",
                )
            return [nodes.literal(self.rawtext, level)], []
        link = addnodes.pending_xref(
            "",
            nodes.Text(label),
            refdomain="std",
            reftype="ref",
            reftarget=TARGET,
            refexplicit=True,
            refwarn=True,
        )
        # the badge holds the link: the std domain rebuilds the link's own content
        outer = badge(level, "")
        outer.children = []
        outer += link
        return [outer], []


class EvidenceScaleDirective(DataDirective):
    """The four levels of the scale and what each means, as a list."""

    subtype = "evidence"

    def run(self) -> list[nodes.Node]:
        self.depend(SCALE_FILE)
        scale: EvidenceScale | None = self.read("evidence scale", lambda: self.course().evidence)
        if scale is None:
            return []
        items = nodes.bullet_list(classes=["bb-evidence-scale"])
        for grade in scale.levels:
            paragraph = nodes.paragraph()
            paragraph += badge(grade.id, grade.label)
            paragraph += nodes.Text(f" {grade.means}")
            items += nodes.list_item("", paragraph)
        return [items]


def setup_evidence(app: Sphinx) -> None:
    app.add_role("evidence", EvidenceRole())
    app.add_directive("evidence-scale", EvidenceScaleDirective)
    app.add_css_file(f"{ASSET_DIR}/{CSS}")  # the badges are on most pages
