"""The myst-nb renderer that keeps plotly figures in the static book."""

from __future__ import annotations

import json
import warnings
from types import SimpleNamespace

import plotly.io as pio
from docutils import nodes
from plotly.offline.offline import _get_jconfig

from backbalance.common.charts import CHART_CONFIG, page_spec
from backbalance.common.palette import BLACK, DARK_PAPER, DARK_SWAPS
from backbalance.sphinxext.nodes import PlotlyFigureNode
from backbalance.sphinxext.plotly_mime import (
    PLOTLY_MIME,
    PlotlyMimeRenderer,
    chart_templates_html,
)

SPEC = {
    "data": [{"type": "scatter", "y": [1, 2]}],
    "layout": {"title": {"text": "Left </script> & right"}},
}


def mime(content, mime_type=PLOTLY_MIME):
    return SimpleNamespace(mime_type=mime_type, content=content, cell_index=3, output_index=0)


def test_plotly_json_becomes_a_labelled_placeholder_with_the_spec():
    (container,) = PlotlyMimeRenderer.handle_mime(None, mime(SPEC), inline=False)
    (figure,) = container.children
    assert (
        isinstance(figure, PlotlyFigureNode)
        and figure.astext() == "Interactive chart: Left </script> & right"
    )
    html = figure.html()
    assert 'class="bb-plotly"' in html and 'id="bb-plotly-3-0"' in html
    assert 'aria-label="Interactive chart: Left &lt;/script&gt; &amp; right"' in html
    payload = html.split('class="bb-plotly-spec">', 1)[1].rsplit("</script>", 1)[0]
    assert "</script" not in payload  # the spec cannot close its own script element
    assert json.loads(payload) == page_spec(SPEC)


def drawn_spec(spec):
    (container,) = PlotlyMimeRenderer.handle_mime(None, mime(spec), inline=False)
    html = container.children[0].html()
    return json.loads(html.split('class="bb-plotly-spec">', 1)[1].rsplit("</script>", 1)[0])


def test_no_chart_offers_to_upload_itself():
    config = drawn_spec(SPEC)["config"]
    assert config["showSendToCloud"] is False
    assert "sendDataToCloud" in config["modeBarButtonsToRemove"]


def test_a_notebook_shows_no_warning_about_the_charts_config():
    with warnings.catch_warnings():
        warnings.simplefilter(
            "error"
        )  # plotly.py warns, in the output, of options it does not know
        assert _get_jconfig(CHART_CONFIG) == CHART_CONFIG


def test_a_phone_gets_the_legend_below_and_no_modebar_and_a_wide_screen_gets_them_back():
    spec = drawn_spec({**SPEC, "layout": {**SPEC["layout"], "legend": {"y": 1.02}}})
    narrow, wide = spec["narrow"], spec["wide"]
    assert narrow["layout"]["legend.orientation"] == "h"
    assert narrow["layout"]["legend.y"] < 0 and narrow["layout"]["legend.yanchor"] == "top"
    assert narrow["config"]["displayModeBar"] is False
    assert wide["layout"]["legend.y"] == 1.02  # the chart's own value comes back
    assert wide["layout"]["legend.orientation"] is None  # plotly's default comes back
    assert set(wide["layout"]) == set(narrow["layout"])


def page_with(*figures):
    """The doctree of a page holding ``figures``, as the renderer leaves them."""
    page = nodes.section()
    for figure in figures:
        page.extend(PlotlyMimeRenderer.handle_mime(None, mime(figure), inline=False))
    return page


def templates_of(doctree):
    block = chart_templates_html(doctree)
    return json.loads(block.split('id="bb-plotly-templates">', 1)[1].rsplit("</script>", 1)[0])


def test_dark_mode_draws_a_dark_template_and_light_colours_and_undoes_them():
    figure = {
        "data": [{"type": "scatter", "line": {"color": BLACK}}, {"type": "scatter"}],
        "layout": {"plot_bgcolor": "#EEEEEE", "template": {"layout": {}}},
    }
    spec = drawn_spec(figure)
    dark, light = spec["themes"]["dark"], spec["themes"]["light"]
    assert dark["layout"]["plot_bgcolor"] != "#EEEEEE"
    assert dark["traces"] == [[0, {"line.color": DARK_SWAPS[BLACK]}]]
    assert light["traces"] == [[0, {"line.color": BLACK}]]
    assert light["layout"] == {"plot_bgcolor": "#EEEEEE"}
    templates = templates_of(page_with(figure))
    assert templates["dark"]["layout"]["paper_bgcolor"] == DARK_PAPER
    assert templates["light"][spec["template"]] == {"data": {}, "layout": {}}


def test_a_page_holds_its_charts_templates_once_trimmed_to_its_charts():
    white = pio.templates["plotly_white"].to_plotly_json()
    figures = [
        {"data": [{"type": kind, "y": [1, 2]}], "layout": {"template": white}}
        for kind in ("scatter", "bar")
    ]
    doctree = page_with(*figures)
    (block,) = [chart_templates_html(doctree)]
    assert block.count("<script") == 1
    for figure in doctree.findall(PlotlyFigureNode):
        assert "template" not in figure["spec"]["layout"]
        assert '"paper_bgcolor"' not in figure.html()  # no chart repeats a template
    templates = templates_of(doctree)
    (light,) = templates["light"].values()
    assert set(light["data"]) == set(templates["dark"]["data"]) == {"scatter", "bar"}
    assert light["layout"]["colorway"] == white["layout"]["colorway"]
    assert "polar" not in light["layout"] and "scene" not in templates["dark"]["layout"]


def test_a_page_without_charts_holds_no_templates():
    assert chart_templates_html(nodes.section()) == ""


def test_json_text_content_is_accepted():
    (container,) = PlotlyMimeRenderer.handle_mime(None, mime(json.dumps(SPEC)), inline=False)
    assert "bb-plotly-spec" in container.children[0].html()


def test_other_mime_types_and_inline_outputs_are_left_to_myst_nb():
    assert PlotlyMimeRenderer.handle_mime(None, mime("x", "text/plain"), inline=False) is None
    assert PlotlyMimeRenderer.handle_mime(None, mime(SPEC), inline=True) is None


def test_plotly_is_preferred_over_its_text_fallback_in_html_builds():
    assert ("html", PLOTLY_MIME, 1) in PlotlyMimeRenderer.mime_priority_overrides


def test_untitled_figure_still_has_a_name():
    figure = PlotlyFigureNode.make(spec={"data": []}, element_id="x")
    assert 'aria-label="Interactive chart"' in figure.html()


def test_a_stepped_chart_becomes_its_figure_with_labelled_range_controls():
    from bs4 import BeautifulSoup

    from backbalance.course import Course
    from backbalance.strength_gap import charts, model
    from backbalance.strength_gap.charts import STEPS_MIME

    plan = model.Scenario(
        gap_percent=20, strong_sets=6, weak_extra_sets=1, weeks=12, cause="disuse"
    )
    chart = charts.stepped_strength_chart(
        plan, Course.find().parameters, gaps=[10, 20], statuses=["novice"], extra_sets=[0, 1],
        draws=50,
    )  # fmt: skip
    content = chart._repr_mimebundle_()[STEPS_MIME]
    (container,) = PlotlyMimeRenderer.handle_mime(None, mime(content, STEPS_MIME), inline=False)
    html = BeautifulSoup(container.children[0].html(), "html.parser")
    inputs = html.select(".bb-steps input[type=range]")
    assert [i["name"] for i in inputs] == ["gap_percent", "status", "weak_extra_sets"]
    for control, element in zip(chart.controls, inputs, strict=True):
        assert html.find("label", attrs={"for": element["id"]}).text == control.label
        assert element["aria-valuetext"] == control.spoken[control.initial]
        assert int(element["max"]) == len(control.values) - 1
        assert (
            html.find("output", attrs={"for": element["id"]}).text == control.shown[control.initial]
        )
    summary = [li.text for li in html.select(".bb-steps-summary li")]
    assert summary == chart.initial()["summary"]
    assert not html.find("script", attrs={"type": None})  # no inline script
    spec = json.loads(html.select_one("script.bb-steps-spec").string)
    assert spec["steps"] == json.loads(json.dumps(chart.steps))
    assert (
        html.select_one(".bb-plotly .bb-plotly-chart")["id"]
        == html.select_one(".bb-steps")["data-chart"]
    )
