"""Every chart of the strength-gap page is drawn in the page's colour mode and width, and
follows the reader when they switch the mode or the screen narrows (static/bb-plotly.js
with the page's one block of templates)."""

from __future__ import annotations

import pytest

from backbalance.common.charts import NARROW_LAYOUT
from backbalance.common.palette import DARK_PAPER
from conftest import draw_live_charts

PAGE = "notebooks/strength_gap.html"
PAPERS = "() => [...document.querySelectorAll('.bb-plotly .js-plotly-plot')].map(p => p.querySelector('.main-svg').style.background)"
PHONE_LAYOUTS = f"""() => [...document.querySelectorAll('.bb-plotly .js-plotly-plot')]
  .map(p => p._fullLayout.font.size === {NARROW_LAYOUT["font.size"]}
    && (p._fullLayout.showlegend === false || p._fullLayout.legend.y < 0))"""
MODEBARS = (
    "() => [...document.querySelectorAll('.bb-plotly .modebar-btn')].map(b => b.dataset.title)"
)


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def opened(browser, site_url, scheme, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/{PAGE}")
    draw_live_charts(page)
    return context, page, errors


@pytest.mark.browser
def test_a_dark_page_draws_dark_charts_and_light_again_when_switched(browser, site_url):
    context, page, errors = opened(browser, site_url, "dark")
    assert page.evaluate("document.querySelectorAll('#bb-plotly-templates').length") == 1
    papers = page.evaluate(PAPERS)
    assert len(papers) >= 5 and set(papers) == {rgb(DARK_PAPER)}
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    page.wait_for_function(
        f"() => ({PAPERS})().every(b => b === 'white' || b === 'rgb(255, 255, 255)')"
    )
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function(f"() => ({PAPERS})().every(b => b === '{rgb(DARK_PAPER)}')")
    context.close()
    assert errors == []


@pytest.mark.browser
def test_a_phone_gets_legends_below_and_no_modebar_and_no_chart_offers_an_upload(browser, site_url):
    context, page, errors = opened(browser, site_url, "light", width=390)
    assert all(page.evaluate(PHONE_LAYOUTS))
    assert page.evaluate(MODEBARS) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(f"() => !({PHONE_LAYOUTS})().some(Boolean)")
    page.hover(".bb-plotly .js-plotly-plot")
    titles = set(page.evaluate(MODEBARS))
    assert "Download plot as a PNG" in titles
    assert not {title for title in titles if "cloud" in title.lower() or "studio" in title.lower()}
    context.close()
    assert errors == []


# Each chart's title, axis titles, tick labels, legend and colour bar, as boxes relative to
# its figure: [left, top, right, bottom] in px.
LABEL_BOXES = """() => [...document.querySelectorAll('.bb-plotly .js-plotly-plot')].map(p => {
  const svg = p.querySelector('.main-svg').getBoundingClientRect();
  const parts = ['.g-gtitle', '.g-xtitle', '.g-ytitle', '.xtick', '.ytick', '.legend', '.colorbar'];
  return parts.flatMap(sel => [...p.querySelectorAll(sel)].map(el => {
    const r = el.getBoundingClientRect();
    return {part: sel, box: [r.left - svg.left, r.top - svg.top, r.right - svg.left, r.bottom - svg.top],
            size: [svg.width, svg.height], plotTop: p._fullLayout._size.t, empty: !r.width || !r.height};
  }));
})"""


SLACK = 3
"""px a text's box may reach past the figure's edge: the box holds the line's leading above
the letters too (a two-line title's box starts 2 px above the figure, its letters do not)."""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_every_label_of_every_chart_fits_in_its_figure(browser, site_url, width):
    """The charts' margins are worked out in Python (common.charts.chart_margins), not by
    plotly.js measuring the labels: on a phone and on a laptop nothing is clipped, and
    every title ends above its plot."""
    context, page, errors = opened(browser, site_url, "light", width=width)
    labels = page.evaluate(LABEL_BOXES)
    overlapping = [
        (i, [round(v) for v in label["box"]], label["plotTop"])
        for i, found in enumerate(labels)
        for label in found
        if label["part"] == ".g-gtitle" and label["box"][3] > label["plotTop"]
    ]
    outside = [
        (i, label["part"], [round(v) for v in label["box"]])
        for i, found in enumerate(labels)
        for label in found
        if not label["empty"]
        and not (
            label["box"][0] >= -SLACK
            and label["box"][1] >= -SLACK
            and label["box"][2] <= label["size"][0] + SLACK
            and label["box"][3] <= label["size"][1] + SLACK
        )
    ]
    context.close()
    assert outside == []
    assert overlapping == []
    assert errors == []
