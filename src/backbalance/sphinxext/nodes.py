"""The doctree nodes of the book's generated blocks: one per feature, drawn by its view.

Each node holds the validated data it shows (a quiz, a lesson plan, a programme...) and
draws it, when the page is written, with the feature's own HTML view: the directive only
reads and checks. Its children are the same content as plain paragraphs, which is what
builders other than HTML (text, LaTeX, man...) show, so another builder never silently drops
a quiz or a programme. A node class also names the files of ``backbalance/static/`` its
HTML needs (:attr:`BlockNode.css`, :attr:`BlockNode.js`); :mod:`backbalance.sphinxext.assets`
adds them to the pages that hold such a node, and only to those.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any, ClassVar

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from backbalance.assessment import render as assessment_view
from backbalance.common.charts import DEFAULT_HEIGHT
from backbalance.common.html import inert_json, render
from backbalance.habits.render import checklists_html
from backbalance.lessons import render as lesson_plan_view
from backbalance.programme import render as programme_view
from backbalance.quizzes import render as quiz_view
from backbalance.strength_gap.charts import step_key

_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "caption", "summary", "div"}
_BLOCK_TAGS |= {"section", "details", "table", "ul", "ol", "dt", "dd", "blockquote", "br"}


class _TextOf(HTMLParser):
    """The readable text of HTML, one string per block element; scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def _close_block(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self._close_block()
        elif tag in ("td", "th"):
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1
        elif tag in _BLOCK_TAGS:
            self._close_block()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)


def text_fallback(markup: str) -> list[nodes.Node]:
    """The text of ``markup`` as paragraphs: what a builder other than HTML shows.

    >>> [p.astext() for p in text_fallback("<ol><li><p>Why?</p></li><li>Because <b>so</b>.</li></ol>")]
    ['Why?', 'Because so.']
    """
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    parser._close_block()
    return [nodes.paragraph(text=text) for text in parser.blocks]


class BlockNode(nodes.container, ABC):
    """A block drawn by a feature's view. A container for every builder but HTML, whose
    visitor writes :meth:`html` instead of the children."""

    css: ClassVar[tuple[str, ...]] = ()
    """Stylesheets in ``backbalance/static/`` that a page holding this node links."""
    js: ClassVar[tuple[str, ...]] = ()
    """Scripts in ``backbalance/static/`` that a page holding this node loads, in order."""

    @classmethod
    def make(cls, **attributes: Any) -> BlockNode:
        """The node with ``attributes`` and, as children, the text of its HTML."""
        node = cls("", **attributes)
        node.extend(node.fallback())
        return node

    def fallback(self) -> list[nodes.Node]:
        """What builders other than HTML show: the text of the HTML."""
        return text_fallback(self.html())

    @abstractmethod
    def html(self) -> str:
        """The block as HTML; each node type draws it with its feature's view."""


class QuizNode(BlockNode):
    """``quiz``: a :class:`~backbalance.quizzes.data.Quiz`; ``answers``: the answer key."""

    css = (quiz_view.CSS,)
    js = (quiz_view.JS,)

    def html(self) -> str:
        return quiz_view.render_html(self["quiz"], answers=self["answers"])

    def fallback(self) -> list[nodes.Node]:
        """Other builders show students the questions alone, and instructors the key."""
        return text_fallback(
            quiz_view.render_html(self["quiz"], answers=self["answers"], sheet=True)
        )


class LessonPlanNode(BlockNode):
    """``plan``: a :class:`~backbalance.lessons.data.LessonPlan` (instructor edition only)."""

    css = (lesson_plan_view.CSS,)

    def html(self) -> str:
        return lesson_plan_view.render_html(self["plan"])


def wrap_tables(markup: str, owner: str) -> str:
    """Let wide tables scroll sideways on a phone, each scroll area reachable by keyboard and
    named by its caption and ``owner`` (so that names stay unique on the page)."""

    def wrap(match: re.Match[str]) -> str:
        caption = re.search(r"<caption>(.*?)</caption>", match.group(0))
        label = f"{caption.group(1) if caption else 'Table'} ({html.escape(owner, quote=True)})"
        return f'<div class="bb-table-wrap" tabindex="0" role="region" aria-label="{label}">{match.group(0)}</div>'

    return re.sub(r"<table .*?</table>", wrap, markup, flags=re.DOTALL)


class _TablesNode(BlockNode):
    """Programme tables: ``owner`` names their scroll areas."""

    css = (programme_view.PAGE_CSS,)

    @abstractmethod
    def tables(self) -> str:
        """The tables' HTML, from the feature's view."""

    def html(self) -> str:
        return wrap_tables(self.tables(), self["owner"])


class ProgrammeNode(_TablesNode):
    """``programme``: a programme or its refusal; ``heading_level`` of its phase headings;
    ``scale``: the evidence scale whose labels its exercises show."""

    def tables(self) -> str:
        return programme_view.programme_html(
            self["programme"], self["scale"], heading_level=self["heading_level"]
        )


class TrafficLightNode(_TablesNode):
    """``rule``: the traffic-light rule for pain (``plan_templates.yml``); ``scale``: the
    evidence scale (its cut-offs are a course choice)."""

    def tables(self) -> str:
        return programme_view.traffic_light_html(self["rule"], self["scale"])


class HabitChecklistsNode(_TablesNode):
    """``habits``: the printable sheets of :class:`~backbalance.habits.data.Habits`, with the
    labels of ``scale`` (:class:`~backbalance.common.evidence.EvidenceScale`)."""

    def tables(self) -> str:
        return checklists_html(self["habits"], self["scale"])


class AssessmentNode(BlockNode):
    """``data``: the self-assessment's files; ``chapters``: the pages its results link to,
    resolved to ``links`` (chapter -> URI) once the page is written
    (:class:`backbalance.sphinxext.assessment.ResolveChapterLinks`); ``programme``: the
    reader's own programme (:func:`backbalance.programme.web.web_spec`) or None."""

    css = (assessment_view.CSS, programme_view.PAGE_CSS, "programme-web.css")
    js = assessment_view.SCRIPTS

    def fallback(self) -> list[nodes.Node]:
        return text_fallback(assessment_view.render_form(self["data"], {}))

    def html(self) -> str:
        programme = self.get("programme")
        if programme is not None:
            pieces = [wrap_tables(piece, "your programme") for piece in programme["html"]]
            programme = {**programme, "html": pieces}
        return assessment_view.render_form(self["data"], self.get("links", {}), programme)


class PlotlyFigureNode(BlockNode):
    """``spec``: a plotly figure (data, layout, config, frames) from
    :func:`backbalance.common.charts.page_spec`; ``template``: the template it names, which
    the page holds once (:mod:`backbalance.sphinxext.plotly_mime`); ``element_id`` of its chart."""

    css = ("bb-pictures.css",)
    js = ("plotly.min.js", "bb-plotly.js")

    def fallback(self) -> list[nodes.Node]:
        return [nodes.paragraph(text=figure_label(self["spec"]))]

    def payload(self) -> dict[str, Any]:
        """What ``bb-plotly.js`` draws the chart from (the page's spec element)."""
        spec = self["spec"]
        keys = ("data", "layout", "config", "frames", "narrow", "wide", "themes", "template")
        return {key: spec[key] for key in keys if key in spec}

    def height(self) -> int:
        """The chart's height, px (kept free until it is drawn)."""
        return self["spec"].get("layout", {}).get("height") or DEFAULT_HEIGHT

    def html(self, pictures: Sequence[dict[str, Any]] = ()) -> str:
        """The chart's holder, with its ``pictures`` (:mod:`backbalance.sphinxext.pictures`)."""
        return render(
            "plotly-figure.html.j2",
            label=figure_label(self["spec"]),
            element_id=self["element_id"],
            height=self.height(),
            pictures=pictures,
            spec=inert_json(self.payload()),
        )


class PlotlyStepsNode(PlotlyFigureNode):
    """A :class:`PlotlyFigureNode` with range controls over precomputed steps; ``steps``:
    :meth:`backbalance.strength_gap.charts.SteppedChart.spec`."""

    css = (*PlotlyFigureNode.css, "bb-plotly-steps.css")
    js = (*PlotlyFigureNode.js, "bb-plotly-steps.js")

    def html(
        self,
        pictures: Sequence[dict[str, Any]] = (),
        spec_src: str | None = None,
        spec_key: str | None = None,
    ) -> str:
        """The controls, the summary and the figure; the steps inline, or (``spec_src``,
        ``spec_key``) the script file that holds them (:func:`steps_script`)."""
        steps = self["steps"]
        key = step_key([control["initial"] for control in steps["controls"]])
        return render(
            "plotly-steps.html.j2",
            figure=Markup(super().html(pictures)),
            element_id=self["element_id"],
            controls=steps["controls"],
            summary=steps["steps"][key]["summary"],
            spec=inert_json(steps),
            spec_src=spec_src,
            spec_key=spec_key,
        )

    def steps_key(self) -> str:
        """A name for the steps: the hash of their JSON."""
        text = json.dumps(self["steps"], sort_keys=True, ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()[:20]

    def steps_script(self) -> str:
        """The steps as a script file for ``bb-plotly-steps.js``: it files them under
        :meth:`steps_key` in ``window.bbStepsSpecs`` (a script runs from a page opened from
        disk too, where ``fetch`` of a file does not)."""
        spec = json.dumps(self["steps"], ensure_ascii=True, separators=(",", ":"))
        return (
            "(window.bbStepsSpecs = window.bbStepsSpecs || {})"
            f"[{json.dumps(self.steps_key())}] = {spec};\n"
        )


def figure_label(spec: dict[str, Any]) -> str:
    """The accessible name of a chart: its title, if it has one.

    >>> figure_label({"layout": {"title": {"text": "Gap"}}}), figure_label({})
    ('Interactive chart: Gap', 'Interactive chart')
    """
    title = spec.get("layout", {}).get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    text = " ".join(text.replace("<br>", " ").split())
    return f"Interactive chart: {text}" if text else "Interactive chart"


BLOCK_NODES: tuple[type[BlockNode], ...] = (
    QuizNode,
    LessonPlanNode,
    ProgrammeNode,
    TrafficLightNode,
    HabitChecklistsNode,
    AssessmentNode,
    PlotlyFigureNode,
    PlotlyStepsNode,
)


def visit_block_html(self: HTML5Translator, node: BlockNode) -> None:
    self.body.append(node.html())
    raise nodes.SkipNode


def depart_block_html(self: HTML5Translator, node: BlockNode) -> None:
    """Never called: the visitor skips the node."""


def setup_nodes(app: Sphinx) -> None:
    # Only the HTML visitor is registered: every other builder finds ``visit_container``
    # through the class's bases and writes the text children.
    for node in BLOCK_NODES:
        app.add_node(node, html=(visit_block_html, depart_block_html))
