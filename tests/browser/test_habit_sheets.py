"""The printable habit sheets fit a 390 px phone without sideways scroll, and print whole.

On a phone each habit of the weekly tracker reads across the column over its seven tick
boxes, each box under its day; on paper (A4) the tracker is the whole table, one row per
habit with its area, habit, evidence and seven boxes.
"""

from __future__ import annotations

import pytest

from backbalance.common.types import DAYS
from backbalance.course import Course

pytestmark = pytest.mark.browser

PAGE = "book/example-programmes.html"
PHONE = {"width": 390, "height": 844}
TRACKER = ".bb-checklists .bb-habit-tracker"
# Each sheet's box, the tracker's tick boxes and day headings, measured on the page.
MEASURE = """() => {
  const sheets = Array.from(document.querySelectorAll('.bb-checklists .bb-table-wrap, .bb-checklists > table'));
  const tracker = document.querySelector('.bb-checklists .bb-habit-tracker');
  const days = Array.from(tracker.querySelectorAll('thead th')).slice(3).map(th => th.getBoundingClientRect());
  const rows = Array.from(tracker.querySelectorAll('tbody tr')).map(tr =>
    Array.from(tr.querySelectorAll('.bb-tick')).map(td => td.getBoundingClientRect()));
  const heads = Array.from(tracker.querySelectorAll('tbody th')).map(th => th.getBoundingClientRect().top);
  return {
    page: document.scrollingElement.scrollWidth - innerWidth,
    sheets: sheets.map(box => box.scrollWidth - box.clientWidth),
    right: Math.max(...Array.from(tracker.querySelectorAll('th, td')).map(c => c.getBoundingClientRect().right)),
    width: innerWidth,
    days: days.map(r => [r.left, r.right, r.top]),
    rows: rows.map(boxes => boxes.map(r => [r.left, r.right, r.top])),
    heads: heads,
  };
}"""


def measured(browser, site_url, viewport, scheme="light", media="screen"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    page.emulate_media(media=media)
    found = page.evaluate(MEASURE)
    context.close()
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_habit_sheets_fit_a_phone_without_sideways_scroll(browser, site_url, scheme):
    found = measured(browser, site_url, PHONE, scheme)
    assert found["page"] <= 0, "the page scrolls sideways"
    assert all(extra <= 1 for extra in found["sheets"]), f"a sheet scrolls sideways: {found}"
    assert found["right"] <= found["width"], "a cell of the tracker runs off the screen"


def test_on_a_phone_each_tick_box_sits_under_its_day(browser, site_url):
    found = measured(browser, site_url, PHONE)
    habits = Course.find().habits.daily
    assert len(found["days"]) == len(DAYS) and len(found["rows"]) == len(habits)
    for head, boxes in zip(found["heads"], found["rows"], strict=True):
        assert len(boxes) == len(DAYS)
        assert len({round(top) for _, _, top in boxes}) == 1, "a habit's boxes are on one line"
        assert boxes[0][2] > head, "the boxes are under the habit they tick"
        for (left, right, _), (day_left, day_right, _) in zip(boxes, found["days"], strict=True):
            assert abs(left - day_left) <= 1 and abs(right - day_right) <= 1


def test_on_paper_the_tracker_is_the_whole_table(browser, site_url):
    """Printed on A4 (about 718 px between the margins), every habit is one table row: its
    area, habit, evidence and seven boxes side by side, the boxes under the day headings."""
    a4 = {"width": 718, "height": 1000}
    found = measured(browser, site_url, a4, media="print")
    assert found["page"] <= 0 and found["right"] <= found["width"]
    for head, boxes in zip(found["heads"], found["rows"], strict=True):
        assert {round(top) for _, _, top in boxes} == {round(head)}, "a habit is one row"
        for (left, _, _), (day_left, _, _) in zip(boxes, found["days"], strict=True):
            assert abs(left - day_left) <= 1
    day_top = {round(top) for _, _, top in found["days"]}
    assert len(day_top) == 1, "the days head one row of the table"
