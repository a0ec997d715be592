"""On a 390 px phone every drawing a chapter shows (the exercise cards' and the others) is laid
out so that its smallest label is at least 12 px, as Chromium computes it (the fast test tests/unit/test_exercise_figures.py reads the
same numbers from the files)."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

PHONE = {"width": 390, "height": 844}
SMALLEST_LABEL_PX = 12
# Rendered text size of every label of an inline SVG: computed font size x drawn width / viewBox width.
LABEL_SIZES = """() => {
  const svg = document.querySelector('svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const own = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  return [...svg.querySelectorAll('text, tspan')].filter(own).map(el => ({
    label: el.textContent.trim(),
    px: parseFloat(getComputedStyle(el).fontSize) * scale,
  }));
}"""


@pytest.mark.browser
def test_figure_labels_on_a_phone(browser, site_url, course, root):
    context = browser.new_context(viewport=PHONE)
    page, sandbox = context.new_page(), context.new_page()
    too_small, shown = [], set()
    chapters = [
        chapter
        for chapter in sorted((root / "book").glob("*.md"))
        if "```{figure} figures/" in chapter.read_text(encoding="utf-8")
    ]
    for chapter in chapters:
        page.goto(f"{site_url}/book/{chapter.stem}.html", wait_until="networkidle")
        for image in page.locator("figure img").all():
            src = image.get_attribute("src")
            if not src.endswith(".svg"):
                continue
            name = PurePosixPath(src).stem
            shown.add(name)
            svg = context.request.get(f"{site_url}/book/{src}").text()
            sandbox.set_content(f'<div style="width:{image.bounding_box()["width"]}px">{svg}</div>')
            sandbox.eval_on_selector("svg", "svg => { svg.style.width = '100%'; }")
            too_small += [
                f"{chapter.stem}, {name}: {label['label']!r} is {label['px']:.1f} px"
                for label in sandbox.evaluate(LABEL_SIZES)
                if label["px"] < SMALLEST_LABEL_PX
            ]
    context.close()
    exercises = {exercise.id for exercise in course.exercises}
    missing = sorted(exercises - shown)
    assert missing == [], f"exercises without a drawing on their chapter page: {missing}"
    assert shown > exercises, "no drawing outside the exercise cards was checked"
    assert too_small == [], too_small
