"""The myst-nb renderer that keeps plotly figures in the static book."""

from __future__ import annotations

import json
from types import SimpleNamespace

from backbalance.sphinxext.nodes import PlotlyFigureNode
from backbalance.sphinxext.plotly_mime import PLOTLY_MIME, PlotlyMimeRenderer

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
    assert json.loads(payload) == SPEC


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
