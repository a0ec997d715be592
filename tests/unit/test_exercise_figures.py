"""Every exercise in data/exercises.csv has its own drawing at the top of a card in its phase's
chapter, and every drawing a chapter shows has labels at least 12 px on a 390 px phone."""

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
    else its parent's, a <g> included (CSS cascade without specificity, enough for these
    drawings)."""
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
            size = size_of(child, inherited)
            if child.tag in (f"{SVG}text", f"{SVG}tspan") and (child.text or "").strip():
                assert size is not None, f"a label without a font size: {child.text!r}"
                sizes.append(size)
            walk(child, size)

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


def assert_legible_on_a_phone(chapter: Path, block: FigureBlock) -> None:
    """The drawing has a <title>, and its smallest label, scaled from the viewBox to the
    width the figure gets on a 390 px phone, is at least SMALLEST_LABEL_PX."""
    svg = ET.parse(chapter.parent / block.src).getroot()
    title = svg.find(f"{SVG}title")
    assert title is not None and (title.text or "").strip(), f"{block.src} has no <title>"
    view_box_width = float(svg.get("viewBox").split()[2])
    rendered = phone_width(block.options.get("width", "100%"))
    smallest = min(font_sizes(svg)) * rendered / view_box_width
    assert smallest >= SMALLEST_LABEL_PX, (
        f"{block.src} in {chapter.relative_to(ROOT)}: its smallest label is {smallest:.1f} px "
        f"on a 390 px phone; make the text larger, the viewBox narrower or the :width: larger"
    )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_exercise_figure_labels_are_legible_on_a_phone(exercise):
    chapter = chapter_of(exercise.phase)
    assert_legible_on_a_phone(chapter, figure_blocks(chapter)[f"figures/{exercise.id}.svg"])


CHAPTER_DRAWINGS = [
    (chapter, block)
    for chapter in sorted((ROOT / "book").glob("*.md"))
    for block in figure_blocks(chapter).values()
    if block.src.startswith("figures/") and block.src.endswith(".svg")
]


def test_the_chapters_use_drawings():
    """The list below is read from the chapters; an empty one would check nothing."""
    used = {block.src for _, block in CHAPTER_DRAWINGS}
    assert used >= {f"figures/{exercise.id}.svg" for exercise in EXERCISES}
    assert len(used) > len(EXERCISES), "no figure outside the exercise cards was found"


@pytest.mark.parametrize(
    ("chapter", "block"),
    CHAPTER_DRAWINGS,
    ids=[f"{chapter.stem}:{block.src}" for chapter, block in CHAPTER_DRAWINGS],
)
def test_every_chapter_drawing_is_legible_on_a_phone(chapter, block):
    """Issue 12: every drawing a chapter shows, not only the exercise cards' ones."""
    assert block.options.get("alt"), f"{block.src} in {chapter.name} has no :alt: text"
    assert block.caption, f"{block.src} in {chapter.name} has no caption"
    assert_legible_on_a_phone(chapter, block)


def test_font_sizes_follow_the_cascade():
    """The size reader itself, on a small drawing: class rule, inline style, inheritance
    from a text and from a group."""
    svg = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg"><style>text { font-size: 10px } .big { font-size: 20px }'
        '</style><text>a</text><text class="big">b<tspan>c</tspan></text>'
        '<text style="font-size:7px">d</text><g class="big"><text>e</text></g></svg>'
    )
    assert font_sizes(svg) == [10, 20, 20, 7, 10]
    grouped = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg"><style>.tick { font-size: 14px }</style>'
        '<g class="tick"><g><text>a</text></g></g><g font-size="9"><text>b</text></g></svg>'
    )
    assert font_sizes(grouped) == [14, 9]
