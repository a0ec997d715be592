"""Every exercise in data/exercises.csv has its own drawing at the top of a card in its phase's
chapter, and the drawing's labels are at least 12 px on a 390 px phone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from backbalance.course import Course

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
SMALLEST_LABEL_PX = 12
"""Issue 12: labels at least 12 px on a phone 390 px wide."""
PHONE_FIGURE_COLUMN_PX = 342
"""The width the book's theme gives a figure on a 390 px wide phone (390 px less the page's
and the figure's margins), measured in Chromium; tests/browser/test_figure_labels.py checks
the drawings as the browser lays them out."""

FIGURE = re.compile(
    r"^```\{figure\} (?P<src>\S+)\n(?P<options>(?::[\w-]+:.*\n)*)\n(?P<caption>(?:(?!```).*\n)+)```$",
    re.M,
)
HEADING = re.compile(r"^(#+) ", re.M)


@dataclass(frozen=True)
class FigureBlock:
    src: str
    options: dict[str, str]
    caption: str
    heading_level: int


def chapter_of(phase: str) -> Path:
    """The chapter of a phase: ``book/phase<n>-<phase>.md``."""
    (chapter,) = (ROOT / "book").glob(f"phase*-{phase}.md")
    return chapter


def figure_blocks(chapter: Path) -> dict[str, FigureBlock]:
    """The chapter's figure blocks by image path, each with the level of the heading above it."""
    text = chapter.read_text(encoding="utf-8")
    blocks = {}
    for match in FIGURE.finditer(text):
        above = HEADING.findall(text, 0, match.start())
        options = dict(
            re.match(r":([\w-]+):\s*(.*)", line).groups() for line in match["options"].splitlines()
        )
        blocks[match["src"]] = FigureBlock(
            match["src"], options, match["caption"].strip(), len(above[-1]) if above else 0
        )
    return blocks


def declarations(body: str) -> dict[str, str]:
    """``name: value; ...`` as a dict (a stylesheet rule's body or a style attribute)."""
    pairs = (part.split(":", 1) for part in body.split(";") if ":" in part)
    return {name.strip(): value.strip() for name, value in pairs}


def css_rules(svg: ET.Element) -> list[tuple[str, dict[str, str]]]:
    """The ``selector { property: value }`` rules of the drawing's <style> elements."""
    rules = []
    for style in svg.iter(f"{SVG}style"):
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", style.text or ""):
            rules += [(selector.strip(), declarations(body)) for selector in selectors.split(",")]
    return rules


def matches(selector: str, element: ET.Element) -> bool:
    """Type, class and type.class selectors, the kinds the drawings use."""
    tag = element.tag.removeprefix(SVG)
    name, _, cls = selector.partition(".")
    return (not name or name == tag) and (not cls or cls in element.get("class", "").split())


def font_sizes(svg: ET.Element) -> list[float]:
    """The font size in user units of every <text> and <tspan> that holds text: its own
    style attribute, else its font-size attribute, else the last matching stylesheet rule,
    else its parent's (CSS cascade without specificity, enough for these drawings)."""
    rules = css_rules(svg)
    sizes = []

    def size_of(element: ET.Element, inherited: float | None) -> float | None:
        inline = declarations(element.get("style", ""))
        found = [
            decls["font-size"]
            for sel, decls in rules
            if "font-size" in decls and matches(sel, element)
        ]
        value = (
            inline.get("font-size") or element.get("font-size") or (found[-1] if found else None)
        )
        return float(value.removesuffix("px")) if value else inherited

    def walk(element: ET.Element, inherited: float | None) -> None:
        for child in element:
            if child.tag in (f"{SVG}text", f"{SVG}tspan"):
                size = size_of(child, inherited)
                if (child.text or "").strip():
                    assert size is not None, f"a label without a font size: {child.text!r}"
                    sizes.append(size)
                walk(child, size)
            else:
                walk(child, inherited)

    walk(svg, None)
    return sizes


def phone_width(width_option: str) -> float:
    """The figure's width on the phone, from its ``:width:`` option (px or %)."""
    if width_option.endswith("%"):
        return PHONE_FIGURE_COLUMN_PX * float(width_option[:-1]) / 100
    return min(float(width_option.removesuffix("px")), PHONE_FIGURE_COLUMN_PX)


EXERCISES = list(Course.find(ROOT).exercises)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_exercise_has_a_figure_on_a_card_of_its_chapter(exercise):
    chapter = chapter_of(exercise.phase)
    src = f"figures/{exercise.id}.svg"
    block = figure_blocks(chapter).get(src)
    where = chapter.relative_to(ROOT)
    assert block is not None, f"{where} has no figure block for {src}"
    assert block.heading_level == 3, f"{src} in {where} is not under an exercise card (### heading)"
    assert block.options.get("alt"), f"{src} in {where} has no :alt: text"
    assert block.caption, f"{src} in {where} has no caption"
    assert "width" in block.options, f"{src} in {where} has no :width:"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_exercise_figure_labels_are_legible_on_a_phone(exercise):
    chapter = chapter_of(exercise.phase)
    src = f"figures/{exercise.id}.svg"
    svg = ET.parse(chapter.parent / src).getroot()
    title = svg.find(f"{SVG}title")
    assert title is not None and (title.text or "").strip(), f"{src} has no <title>"
    view_box_width = float(svg.get("viewBox").split()[2])
    rendered = phone_width(figure_blocks(chapter)[src].options["width"])
    smallest = min(font_sizes(svg)) * rendered / view_box_width
    assert smallest >= SMALLEST_LABEL_PX, (
        f"{src}: its smallest label is {smallest:.1f} px on a 390 px phone; make the text "
        f"larger, the viewBox narrower or the :width: larger"
    )


def test_font_sizes_follow_the_cascade():
    """The size reader itself, on a small drawing: class rule, inline style, inheritance."""
    svg = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg"><style>text { font-size: 10px } .big { font-size: 20px }'
        '</style><text>a</text><text class="big">b<tspan>c</tspan></text>'
        '<text style="font-size:7px">d</text></svg>'
    )
    assert font_sizes(svg) == [10, 20, 20, 7]
