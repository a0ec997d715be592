"""Getting around the book: the chapter menu and the Contents panel open on a phone, and the
desktop menu button folds the sidebar away."""

from __future__ import annotations

import pytest

from toc_pages import student_pages

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGE = "book/assessment.html"  # a chapter with sections, so its Contents panel has entries


def chapter_titles(root) -> list[str]:
    """The titles of the chapters the student edition holds, read from their Markdown
    headings (the root page is the welcome, not a chapter of the menu)."""
    titles = []
    for page in student_pages(root)[1:]:
        source = root / f"{page}.md"
        if source.is_file():
            heading = next(
                line
                for line in source.read_text(encoding="utf-8").splitlines()
                if line.startswith("# ")
            )
            titles.append(heading[2:].strip())
    return titles


def open_page(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE)
    page = context.new_page()
    page.goto(f"{site_url}/{PAGE}", wait_until="networkidle")
    return context, page


def visible_button(page, selector):
    buttons = [b for b in page.locator(selector).all() if b.is_visible()]
    assert buttons, f"no visible {selector} button on {PAGE}"
    return buttons[0]


@pytest.mark.browser
def test_phone_menu_opens_with_every_chapter(browser, site_url, root):
    context, page = open_page(browser, site_url, PHONE)
    visible_button(page, ".primary-toggle").tap()
    dialog = page.locator("#pst-primary-sidebar-modal")
    dialog.wait_for(state="visible")
    links = dialog.locator("nav.bd-links a")
    shown = {
        links.nth(i).inner_text().strip() for i in range(links.count()) if links.nth(i).is_visible()
    }
    missing = [title for title in chapter_titles(root) if title not in shown]
    assert missing == [], f"chapters not visible in the phone menu: {missing}"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    context.close()


@pytest.mark.browser
def test_phone_contents_panel_lists_the_sections(browser, site_url):
    context, page = open_page(browser, site_url, PHONE)
    sections = page.locator("article h2").all_inner_texts()
    visible_button(page, ".secondary-toggle").tap()
    dialog = page.locator("#pst-secondary-sidebar-modal")
    dialog.wait_for(state="visible")
    entries = [a.inner_text().strip() for a in dialog.locator("a").all() if a.is_visible()]
    assert entries, "the Contents panel opened empty"
    assert all(any(s.startswith(entry) for s in sections) for entry in entries), entries
    context.close()


@pytest.mark.browser
def test_desktop_menu_button_folds_the_sidebar(browser, site_url):
    context, page = open_page(browser, site_url, DESKTOP)
    first_link = page.locator("#pst-primary-sidebar nav.bd-links a").first
    assert first_link.is_visible()
    toggle = visible_button(page, ".primary-toggle")
    toggle.click()
    first_link.wait_for(state="hidden")
    toggle.click()
    first_link.wait_for(state="visible")
    context.close()


@pytest.mark.browser
def test_desktop_shows_one_search_box(browser, site_url):
    context, page = open_page(browser, site_url, DESKTOP)
    boxes = [b for b in page.locator(".search-button-field").all() if b.is_visible()]
    assert len(boxes) == 1
    context.close()
