"""The charts' pictures (sphinxext/pictures.py): one per screen and mode, named by what they
depend on, drawn only when missing from the cache, shown by CSS alone."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes

from backbalance.common.charts import NARROW_MEDIA, page_spec
from backbalance.sphinxext import pictures
from backbalance.sphinxext.nodes import PlotlyFigureNode

ROOT = Path(__file__).resolve().parents[2]
FIGURE = {"data": [{"type": "scatter", "y": [1, 2]}], "layout": {"title": {"text": "Gap"}}}


def chart_node(figure=FIGURE) -> PlotlyFigureNode:
    return PlotlyFigureNode.make(spec=page_spec(figure), template=None, element_id="bb-plotly-1-0")


def fake_app(tmp_path: Path, *charts: PlotlyFigureNode) -> SimpleNamespace:
    """What draw_pictures reads of a Sphinx app: a page per chart, the html builder."""
    trees = {}
    for number, node in enumerate(charts):
        tree = nodes.document(None, None)
        tree += node
        trees[f"page{number}"] = tree
    return SimpleNamespace(
        config=SimpleNamespace(
            backbalance_chart_pictures=True,
            backbalance_plotly_js="node_modules/.backbalance/plotly.min.js",
        ),
        builder=SimpleNamespace(name="html"),
        srcdir=str(ROOT),
        outdir=str(tmp_path / "html"),
        env=SimpleNamespace(found_docs=set(trees), get_doctree=trees.__getitem__),
    )


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """The pictures drawn from now on (an SVG naming itself; no browser)."""
    names: list[str] = []

    def draw(app, wanted, cache):
        for name in wanted:
            names.append(name)
            (cache / name).write_text(f"<svg>{name}</svg>", encoding="utf-8")

    monkeypatch.setattr(pictures, "_draw", draw)
    return names


def test_every_chart_gets_one_picture_per_screen_and_mode_in_the_built_book(tmp_path, drawn):
    app = fake_app(tmp_path, chart_node())
    pictures.draw_pictures(app, None)
    assert len(drawn) == len(pictures.MODES) == 4
    assert sorted("-".join(name.split("-")[-2:]) for name in drawn) == sorted(
        f"{size}-{theme}.svg" for size, theme in pictures.MODES
    )
    shipped = Path(app.outdir) / "_static" / "backbalance" / pictures.FOLDER
    assert sorted(p.name for p in shipped.iterdir()) == sorted(drawn)


def test_a_rebuild_draws_only_the_pictures_of_a_changed_chart(tmp_path, drawn):
    kept, changed = chart_node(), chart_node({**FIGURE, "data": [{"type": "bar", "y": [3]}]})
    pictures.draw_pictures(fake_app(tmp_path, kept), None)
    first = list(drawn)
    drawn.clear()
    pictures.draw_pictures(fake_app(tmp_path, kept), None)
    assert drawn == []  # all in the cache
    pictures.draw_pictures(fake_app(tmp_path, kept, changed), None)
    assert len(drawn) == 4 and not set(drawn) & set(first)


def test_pictures_are_off_unless_asked_for_and_for_other_builders(tmp_path, drawn):
    app = fake_app(tmp_path, chart_node())
    app.config.backbalance_chart_pictures = False
    pictures.draw_pictures(app, None)
    app.config.backbalance_chart_pictures = True
    app.builder.name = "singlehtml"  # make pdf prints live charts at the paper's width
    pictures.draw_pictures(app, None)
    assert drawn == []


def test_the_holder_has_a_picture_per_mode_that_picks_its_width_and_takes_the_focus():
    node = chart_node()
    listed = [
        {"theme": theme, "height": 2, "media": NARROW_MEDIA, "lazy": theme != "light",
         "sizes": {size: {"src": f"../p/{size}-{theme}.svg", "width": 1} for size in pictures.WIDTHS}}
        for theme in pictures.THEMES
    ]  # fmt: skip
    html = node.html(listed)
    assert html.count('<picture class="bb-picture') == 2 and 'tabindex="0"' in html
    assert f'<source media="{NARROW_MEDIA}" srcset="../p/narrow-dark.svg">' in html
    assert "--bb-wide: 1 / 2; --bb-narrow: 1 / 2" in html  # room for either picture
    assert 'src="../p/wide-light.svg"' in html and html.count('loading="lazy"') == 1
    assert "<picture" not in node.html() and "tabindex" not in node.html()  # without pictures


def test_css_shows_the_readers_mode_and_the_light_pictures_on_paper():
    css = pictures.pictures_css()
    assert 'html[data-theme="dark"] .bb-picture-light { display: none; }' in css
    assert 'html:not([data-theme="dark"]) .bb-picture-dark { display: none; }' in css
    printed = css[css.index("@media print") :]
    assert f".bb-picture-{pictures.PRINTED_THEME} {{ display: block !important; }}" in printed
