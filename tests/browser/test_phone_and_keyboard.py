"""What a reader on a 390 px phone and a keyboard-only reader depend on, on every page:
nothing makes the page scroll sideways, a text table fits the column, a drawing is as wide
as the column, and the element that
has the keyboard focus always shows a ring (on the form, the quiz and the page's toolbar)."""

from __future__ import annotations

import pytest
from test_pages import reader_pages

from conftest import ALL_SHOWN, draw_live_charts

PHONE = {"width": 390, "height": 844}
# The assessment form, and a chapter with a quiz and a worksheet table.
KEYBOARD_PAGES = ("book/assessment.html", "book/self-assessment.html")
MAX_TABS = 600  # more stops than either page has: the walk ends when focus comes round again

WIDER_THAN_PAGE = "() => Math.max(0, document.scrollingElement.scrollWidth - innerWidth)"
# A Markdown table sits in the theme's scrolling box; its columns must fit that box.
CUT_TABLES = """() => Array.from(document.querySelectorAll('.pst-scrollable-table-container'))
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => box.querySelector('tr').innerText.replace(/\\s+/g, ' ').slice(0, 60))"""
# A drawing narrower than its figure (the column) on a phone, with the page's figure number.
SMALL_FIGURES = """() => Array.from(document.querySelectorAll('article figure img'))
  .filter(img => img.getBoundingClientRect().width < 0.95 * img.closest('figure').clientWidth)
  .map(img => img.getAttribute('src').split('/').pop())"""
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none';
  const name = el.getAttribute('aria-label') || el.innerText || el.value || el.name || '';
  return {key: el.outerHTML.slice(0, 200), ring: ring,
          what: `${el.tagName.toLowerCase()} "${name.trim().slice(0, 40)}"`};
}"""


def phone_page(browser, site_url, name, scheme="light"):
    context = browser.new_context(viewport=PHONE, has_touch=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/{name}", wait_until="networkidle")
    return context, page


def on_every_page(browser, site, site_url, script, scheme="light") -> dict[str, object]:
    """``{page: what script found}`` for each reader page on a phone where it found something,
    with the charts as the reader first sees them (pictures) and then live (so a chart's
    width counts either way)."""
    found = {}
    for name in reader_pages(site):
        context, page = phone_page(browser, site_url, name, scheme)
        page.wait_for_function(ALL_SHOWN)
        pictured = page.evaluate(script)
        draw_live_charts(page)
        result = page.evaluate(script)
        if pictured or result:
            found[name] = {"pictures": pictured, "live": result}
        context.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_on_a_phone(browser, site, site_url, scheme):
    wide = on_every_page(browser, site, site_url, WIDER_THAN_PAGE, scheme)
    assert wide == {}, f"pages wider than a 390 px phone (extra px): {wide}"


@pytest.mark.browser
def test_text_tables_fit_a_phone(browser, site, site_url):
    cut = on_every_page(browser, site, site_url, CUT_TABLES)
    assert cut == {}, f"tables whose last columns are cut off on a phone (header row): {cut}"


@pytest.mark.browser
def test_drawings_take_the_whole_column_on_a_phone(browser, site, site_url):
    small = on_every_page(browser, site, site_url, SMALL_FIGURES)
    assert small == {}, f"drawings narrower than a 390 px phone's column: {small}"


@pytest.mark.browser
@pytest.mark.parametrize("name", KEYBOARD_PAGES)
def test_the_keyboard_focus_is_always_visible_on_a_phone(browser, site_url, name):
    context, page = phone_page(browser, site_url, name)
    first, stops, unseen = None, 0, []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        if focused["key"] == first:
            break
        first = first or focused["key"]
        stops += 1
        if not focused["ring"]:
            unseen.append(focused["what"])
    context.close()
    assert stops > 10, f"only {stops} keyboard stops on {name}"
    assert unseen == [], f"{name}: focus without a visible ring on {sorted(set(unseen))}"
