"""A reader sees every chart at once, as a picture drawn at build time for their screen and
mode (``sphinxext/pictures.py``), with no script; the live chart takes its place when they
reach for it, with the mouse, a tap or the keyboard."""

from __future__ import annotations

import pytest

from backbalance.sphinxext.pictures import MODES, PRINTED_THEME, VIEWPORTS
from conftest import ALL_SHOWN

pytestmark = pytest.mark.browser

PAGE = "notebooks/strength_gap.html"
SHOWN_PICTURES = """() => [...document.querySelectorAll('.bb-plotly')].map(holder =>
  [...holder.querySelectorAll('picture.bb-picture img')].filter(img => img.offsetParent !== null)
    .map(img => [img.currentSrc.split('-').slice(-2).join('-'), img.naturalWidth > 0]))"""
"""Per chart, the pictures the page shows: ``[size-theme.svg, loaded]``."""


def opened(browser, site_url, size, theme, **options):
    context = browser.new_context(
        viewport={"width": VIEWPORTS[size], "height": 900}, color_scheme=theme, **options
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url.rsplit("/", 1)[-1]))
    page.goto(f"{site_url}/{PAGE}", wait_until="load")
    return context, page, errors


@pytest.mark.parametrize(("size", "theme"), MODES)
def test_every_chart_shows_its_picture_for_the_screen_and_mode(browser, site_url, size, theme):
    context, page, errors = opened(browser, site_url, size, theme)
    page.wait_for_function(ALL_SHOWN)
    shown = page.evaluate(SHOWN_PICTURES)
    assert shown and all(found == [[f"{size}-{theme}.svg", True]] for found in shown)
    # Nothing was drawn live, plotly.js has not run and the sliders' steps were not fetched:
    # only the pictures were needed.
    assert page.locator(".bb-plotly[data-drawn]").count() == 0
    assert page.evaluate("typeof window.Plotly") == "undefined"
    assert not [name for name in page.requested if name.startswith("steps-")]
    context.close()
    assert not errors


def test_with_scripts_off_every_chart_shows_its_light_picture(browser, site_url):
    context, page, _ = opened(browser, site_url, "wide", "light", java_script_enabled=False)
    page.wait_for_load_state("networkidle")
    shown = page.evaluate(SHOWN_PICTURES)
    assert shown and all(found == [["wide-light.svg", True]] for found in shown)
    context.close()


def test_paper_gets_the_light_pictures_of_every_chart(browser, site_url):
    context, page, _ = opened(browser, site_url, "wide", "dark")
    page.wait_for_function(ALL_SHOWN)
    page.wait_for_load_state("networkidle")  # the light ones come with the page
    page.emulate_media(media="print")
    shown = page.evaluate(SHOWN_PICTURES)
    assert shown and all(found == [[f"wide-{PRINTED_THEME}.svg", True]] for found in shown)
    context.close()


def live_title(page, holder) -> str:
    return holder.locator(".js-plotly-plot .gtitle").first.text_content()


def test_a_pointer_or_the_keyboard_draws_the_live_chart_in_place(browser, site_url):
    context, page, errors = opened(browser, site_url, "wide", "light")
    page.wait_for_function(ALL_SHOWN)
    holders = page.locator(".bb-plotly")
    first, second = holders.nth(0), holders.nth(1)
    picture = page.evaluate(
        """async (holder) => {
             const img = [...holder.querySelectorAll('picture.bb-picture img')].find(i => i.offsetParent);
             const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml');
             return {title: svg.querySelector('.gtitle').textContent,
                     traces: svg.querySelectorAll('.scatterlayer .trace, .heatmaplayer .hm').length};
           }""",
        first.element_handle(),
    )
    first.hover()
    page.wait_for_function("h => h.dataset.drawn === 'true'", arg=first.element_handle())
    assert first.locator("picture.bb-picture").count() == 0  # the live chart took their place
    assert live_title(page, first) == picture["title"]  # the picture is that chart
    traces = first.locator(".scatterlayer .trace, .heatmaplayer .hm").count()
    assert traces == picture["traces"] > 0
    assert second.get_attribute("data-drawn") is None  # each chart when it is reached for
    second.locator(".bb-plotly-chart").focus()
    page.wait_for_function("h => h.dataset.drawn === 'true'", arg=second.element_handle())
    context.close()
    assert not errors


def test_a_slider_moved_before_the_chart_is_live_shows_its_step(browser, site_url):
    """The keyboard reaches the range controls first: their focus draws the live chart,
    and the step chosen meanwhile is the one it shows."""
    context, page, errors = opened(browser, site_url, "wide", "light")
    page.wait_for_function(ALL_SHOWN)
    steps = page.locator(".bb-steps").first
    slider = steps.locator("input[type=range]").last
    slider.focus()
    page.keyboard.press("ArrowRight")
    figure = steps.locator(".bb-plotly")
    page.wait_for_function("h => h.dataset.drawn === 'true'", arg=figure.element_handle())
    assert [name for name in page.requested if name.startswith("steps-")]  # fetched for it
    positions = steps.locator("input[type=range]").evaluate_all(
        "inputs => inputs.map(input => input.value).join('.')"
    )
    page.wait_for_function(
        "([holder, key]) => holder.dataset.step === key", arg=[steps.element_handle(), positions]
    )
    context.close()
    assert not errors
