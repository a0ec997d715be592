"""Text from data or a learner reaches HTML and charts as text, never as markup or code:
plotly labels and hover boxes, JSON inside script elements, and the notebooks' pandas
Styler tables (which do not escape by default)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from backbalance.assessment.data import load_assessment
from backbalance.assessment.hand_in import HandIn
from backbalance.classroom.charts import causes_chart, progress_chart, ratios_chart
from backbalance.classroom.data import load_class
from backbalance.classroom.logic import cause_counts, progress_by_week
from backbalance.common.charts import plot_text
from backbalance.common.html import escaped_table, inert_json
from backbalance.sphinxext.nodes import PlotlyFigureNode

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    "<script>window.x=1</script>",
    "<img src=x onerror=alert(1)>",
    "%{y}",
    "</script><!--<script>",
)


@pytest.mark.parametrize("text", HOSTILE)
def test_inert_json_reads_back_and_holds_no_markup(text):
    value = {"title": text, "list": [text, 1.5, None]}
    encoded = str(inert_json(value))
    assert json.loads(encoded) == value
    assert not re.search(r"[<>&]", encoded)


def test_a_chart_spec_in_the_page_cannot_leave_its_script_element():
    spec = {
        "data": [{"name": "</script><!--<script>", "y": [1]}],
        "layout": {"title": {"text": "T"}},
    }
    html = PlotlyFigureNode.make(spec=spec, element_id="c").html()
    soup = BeautifulSoup(html, "html.parser")
    (script,) = soup.find_all("script")
    assert json.loads(script.string)["data"][0]["name"] == spec["data"][0]["name"]
    assert "<!--" not in html and html.count("<script") == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_plot_text_shows_markup_and_placeholders_as_written(text):
    shown = plot_text(text)
    assert "<" not in shown and "%{" not in shown
    # plotly.js decodes these character references when it draws the text
    decoded = shown.replace("&#123;", "{").replace("&lt;", "<").replace("&gt;", ">")
    assert decoded.replace("&amp;", "&") == text


def test_a_hostile_student_id_is_data_in_the_class_charts_never_template():
    student = "<b style=color:red>%{y}</b>"
    files = {
        "ash.hand-in.json": HandIn(
            contributors=("sitting",),
            weaker_side="left",
            gap_percent=20.0,
            gap_test="row",
            clear_gap=True,
            lsi=80.0,
            holds={"flexor": 100, "extensor": 90, "bridge_right": 60, "bridge_left": 50},
        )
        .to_json()
        .encode(),
        "ash.progress.csv": b"week,left,right\n0,8,10\n4,9,10\n",
    }
    data = load_assessment(ROOT / "data" / "assessment")
    results = load_class(files, data)
    # The loader's file-name rule keeps such ids out; the charts must not rely on it.
    profiles = results.profiles.replace({"student": {"ash": student}})
    progress = results.progress.replace({"student": {"ash": student}})
    assert list(profiles["student"]) == [student]
    weekly = progress_by_week(progress, profiles)
    figures = [
        progress_chart(progress, weekly, profiles, data),
        ratios_chart(profiles, data),
        causes_chart(cause_counts(profiles, data), students=1),
    ]
    for fig in figures:
        for trace in fig.data:
            assert student not in (trace.hovertemplate or "")
            assert student not in json.dumps(fig.to_plotly_json()["data"], default=str)
    lines = [t for t in figures[0].data if t.legendgroup == "student"]
    assert lines[0].customdata[0] == plot_text(student)


def test_every_table_in_the_notebooks_escapes_its_text():
    """Notebook tables go through ``escaped_table`` (cells, headings and missing marks
    escaped); no cell builds a pandas Styler of its own."""
    cells = [
        "".join(cell["source"])
        for notebook in sorted((ROOT / "notebooks").glob("*.ipynb"))
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
    ]
    assert any("escaped_table(" in cell for cell in cells), "the notebooks show tables"
    assert not [cell for cell in cells if re.search(r"\.style\b", cell)]


def test_escaped_table_escapes_cells_headings_and_the_missing_mark():
    hostile = "<img src=x onerror=alert(1)>"
    page = escaped_table(pd.DataFrame({hostile: [hostile, None]}), hostile).to_html()
    assert "<img" not in page
    assert page.count(html.escape(hostile, quote=False)) == 3
