"""The strength-gap page's sliders work with the keyboard alone and show the model's steps.

Tab reaches each range control; an arrow key moves it; the chart, its title, the summary
beside it, the control's own value and what a screen reader hears all change to the
precomputed step (tests/golden checks those steps against the model).
"""

from __future__ import annotations

import pytest

from conftest import draw_live_charts

PAGE = "notebooks/strength_gap.html"


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/{PAGE}")
    draw_live_charts(page)
    yield page
    context.close()
    assert not errors


def tab_to(page, name: str) -> None:
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == name:
            return
    pytest.fail(f"Tab never reaches the {name} slider")


def shown(page) -> dict:
    return page.evaluate(
        """() => {
          const holder = document.querySelector('.bb-steps');
          const chart = document.getElementById(holder.dataset.chart);
          const inputs = [...holder.querySelectorAll('input[type=range]')];
          return {
            step: holder.dataset.step,
            summary: [...holder.querySelectorAll('.bb-steps-summary li')].map(li => li.textContent),
            y: chart.data.map(t => Array.from(t.y)),
            x: chart.data.map(t => Array.from(t.x)),
            title: chart.layout.title.text,
            spoken: inputs.map(i => i.getAttribute('aria-valuetext')),
            outputs: [...holder.querySelectorAll('output')].map(o => o.textContent),
          };
        }"""
    )


def spec_of(page) -> dict:
    """The slider steps as the page holds them (its script file, run once the reader
    reached for the chart: ``draw_live_charts`` does)."""
    key = page.eval_on_selector(".bb-steps", "holder => holder.dataset.specKey")
    page.wait_for_function("key => (window.bbStepsSpecs || {})[key] !== undefined", arg=key)
    return page.evaluate("key => window.bbStepsSpecs[key]", key)


def expect(page, spec: dict, positions: list[int]) -> None:
    key = ".".join(map(str, positions))
    page.wait_for_function(f"() => document.querySelector('.bb-steps').dataset.step === '{key}'")
    now, step = shown(page), spec["steps"][key]
    assert now["summary"] == step["summary"]
    assert now["y"] == [spec["traces"][i] for i in step["y"]] and now["title"] == step["title"]
    assert now["x"] == [step["x"].get(str(i), spec["weeks"]) for i in range(len(step["y"]))]
    assert now["spoken"] == [
        c["spoken"][p] for c, p in zip(spec["controls"], positions, strict=True)
    ]
    assert now["outputs"] == [
        c["shown"][p] for c, p in zip(spec["controls"], positions, strict=True)
    ]


def test_tab_and_arrow_keys_change_the_chart_and_the_summary(page):
    spec = spec_of(page)
    positions = [c["initial"] for c in spec["controls"]]
    names = [c["name"] for c in spec["controls"]]
    before = shown(page)
    expect(page, spec, positions)
    moves = (("gap_percent", "ArrowRight", +1), ("status", "ArrowRight", +1),
             ("weak_extra_sets", "ArrowLeft", -1))  # fmt: skip
    for name, key, change in moves:
        tab_to(page, name)
        page.keyboard.press(key)
        positions[names.index(name)] += change
        expect(page, spec, positions)
    after = shown(page)
    assert after["summary"] != before["summary"] and after["y"] != before["y"]
    assert after["spoken"][0].startswith("gap ") and after["spoken"][0].endswith(" points")


def test_every_slider_has_a_label_and_the_summary_is_announced(page):
    labels = page.evaluate(
        """() => [...document.querySelectorAll('.bb-steps input[type=range]')]
             .map(i => i.labels.length ? i.labels[0].textContent.trim() : '')"""
    )
    assert labels == [c["label"] for c in spec_of(page)["controls"]]
    assert page.get_attribute(".bb-steps-summary", "aria-live") == "polite"
