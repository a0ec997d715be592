"""Plotly charts of a class's results, one function per chart (for the instructor's notebook).

Every number comes from :mod:`backbalance.classroom.logic`; nothing here counts or scores.
Colours are Okabe-Ito, and never the only cue: within a limit is a bluish-green circle,
beyond it a vermillion cross with hatched bars; limits are black ticks or dashed lines
named on the chart; the class median is a thick black line with markers, each student a
thin grey line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from backbalance.assessment.data import AssessmentData
from backbalance.classroom.data import problem_order
from backbalance.classroom.logic import cleared, programme_progress, ratio_table
from backbalance.common.charts import add_band, labelled_bars, plot_text
from backbalance.common.palette import (
    BLACK,
    BLUE,
    GREEN,
    MID_GREY,
    ORANGE,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILION,
    rgba,
)

INSIDE, OUTSIDE = GREEN, VERMILION
"""Okabe-Ito bluish green (within the limit) and vermillion (beyond it)."""
BAND, STUDENT = rgba(BLUE, 0.2), rgba(MID_GREY, 0.35)
LIMIT = BLACK
STUDENTS = (
    (BLUE, "circle"),
    (ORANGE, "square"),
    (GREEN, "diamond"),
    (REDDISH_PURPLE, "triangle-up"),
    (SKY_BLUE, "cross"),
    (VERMILION, "x"),
)
"""Colour and marker of each student's line in turn (repeating): never colour alone."""
AXIS_FLOOR = 50
"""The lowest LSI every LSI axis shows; an axis reaches lower when a student does."""


def _lsi_line(fig: go.Figure, line: float, direction: str, position: str) -> None:
    """The LSI line as a dashed black rule named on the chart (``direction`` "h" or "v")."""
    add = fig.add_hline if direction == "h" else fig.add_vline
    add(
        line,
        line={"color": LIMIT, "dash": "dash", "width": 2},
        opacity=1,
        annotation_text=f"{line:g}% line",
        annotation_position=position,
    )


def _layout(fig: go.Figure, title: str, **layout: object) -> go.Figure:
    base = {
        "template": "simple_white",
        "height": 420,
        "margin": {"l": 10, "r": 10, "t": 70, "b": 10},
        "legend": {"orientation": "h", "y": -0.2},
        "font": {"size": 14},
    }
    fig.update_layout(title={"text": title}, **{**base, **layout})
    return fig


def lsi_histogram(profiles: pd.DataFrame, data: AssessmentData) -> go.Figure:
    """How the class's row-test LSI is spread, against the LSI line of ``strength.yml``.

    Parameters
    ----------
    profiles
        :attr:`backbalance.classroom.data.ClassResults.profiles`; students with a red flag are
        left out.
    data
        The validated ``data/assessment`` files (the line).

    Returns
    -------
    plotly.graph_objects.Figure
        Bars 5 LSI points wide up to 100, from 50 or from the lowest student's bar when
        lower (no student is left off the axis): under the line hatched vermillion, at or
        above it green; a dashed black line at the line.
    """
    line, lsi = data.strength.lsi.line, cleared(profiles)["lsi"].dropna()
    start = min(AXIS_FLOOR, 5 * float(np.floor(lsi.min() / 5))) if len(lsi) else AXIS_FLOOR
    fig = go.Figure()
    for name, values, colour, pattern in (
        (f"Under the {line:g}% line: extra weak-side work", lsi[lsi < line], OUTSIDE, "/"),
        (f"At or above the {line:g}% line", lsi[lsi >= line], INSIDE, ""),
    ):
        fig.add_histogram(
            x=values,
            name=name,
            xbins={"start": start, "end": 100.001, "size": 5},
            marker={
                "color": colour,
                "pattern_shape": pattern,
                "line": {"color": "white", "width": 1},
            },
            hovertemplate="LSI %{x}: %{y} students<extra></extra>",
        )
    _lsi_line(fig, line, "v", "top")
    below = int((lsi < line).sum())
    return _layout(
        fig,
        f"Row-test LSI: {below} of {len(lsi)} students under the {line:g}% line",
        barmode="overlay",
        bargap=0.05,
        xaxis={
            "title": {"text": "LSI, weaker ÷ stronger side (%)"},
            "range": [start, 101],
            "dtick": 5,
        },
        yaxis={"title": {"text": "Students"}, "dtick": 1},
    )


def _jitter(count: int) -> np.ndarray:
    """Fixed vertical offsets that spread points of one row without randomness."""
    return ((np.arange(count) % 5) - 2) * 0.07


def ratios_chart(profiles: pd.DataFrame, data: AssessmentData) -> go.Figure:
    """Each torso ratio of the class against its limits (McGill's rules of thumb).

    Returns
    -------
    plotly.graph_objects.Figure
        One row per ratio of ``endurance.yml``, named with its rule: a grey box for the
        middle half of the class, a point per student (green circle within the rule,
        vermillion cross beyond it) and a black tick at each limit.
    """
    table, fig = ratio_table(profiles, data), go.Figure()
    ratios = data.endurance.ratios
    for row, ratio in enumerate(ratios):
        measured = table[table["ratio"] == ratio.id].sort_values("value", kind="stable")
        table.loc[measured.index, "y"] = row + _jitter(len(measured))
        fig.add_box(
            x=measured["value"],
            y0=row,
            name="Middle half of the class (box), median (line)",
            orientation="h",
            boxpoints=False,
            fillcolor=rgba(BLACK, 0),
            line={"color": MID_GREY},
            legendgroup="box",
            showlegend=row == 0,
            hoverinfo="skip",
            width=0.5,
        )
        limits = [limit for limit in (ratio.low, ratio.high) if limit is not None]
        fig.add_scatter(
            x=limits,
            y=[row] * len(limits),
            mode="markers",
            name="Limit of the rule",
            marker={"symbol": "line-ns-open", "size": 40, "color": LIMIT, "line": {"width": 4}},
            legendgroup="limit",
            showlegend=row == 0,
            hovertemplate="limit %{x}<extra></extra>",
        )
    for outside, name, colour, symbol in (
        (False, "Within the rule", INSIDE, "circle"),
        (True, "Worth a closer look", OUTSIDE, "x"),
    ):
        points = table[table["outside"] == outside]
        fig.add_scatter(
            x=points["value"],
            y=points["y"],
            customdata=points["student"].map(plot_text),
            mode="markers",
            name=name,
            marker={
                "color": colour,
                "symbol": symbol,
                "size": 10,
                "line": {"width": 1, "color": "white"},
            },
            hovertemplate="%{customdata}: %{x}<extra>" + name + "</extra>",
        )
    labels = [
        f"{plot_text(ratio.label)}<br><sup>rule: {plot_text(ratio.rule)}</sup>" for ratio in ratios
    ]
    return _layout(
        fig,
        "Torso endurance ratios of the class against their rules",
        height=150 + 110 * len(ratios),
        xaxis={"title": {"text": "Ratio of the two hold times"}},
        yaxis={
            "tickvals": list(range(len(ratios))),
            "ticktext": labels,
            "autorange": "reversed",
            "showgrid": True,
        },
    )


def causes_chart(counts: pd.DataFrame, students: int) -> go.Figure:
    """The likely causes of the class, most common at the top.

    Parameters
    ----------
    counts
        From :func:`backbalance.classroom.logic.cause_counts`.
    students
        How many students the counts are out of (those without a red flag).

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar per cause, named with its number of students and share.
    """
    fig = go.Figure(
        labelled_bars(
            counts["students"],
            counts["cause"],
            [
                f"{n} ({share:.0f}%)"
                for n, share in zip(counts["students"], counts["share (%)"], strict=True)
            ],
            "%{y}: %{x} students<extra></extra>",
        )
    )
    return _layout(
        fig,
        f"Most common likely causes ({students} students; each may have several)",
        showlegend=False,
        height=140 + 45 * len(counts),
        xaxis={
            "title": {"text": "Students with this cause"},
            "range": [0, max(students, 1) * 1.15],
        },
        yaxis={"autorange": "reversed"},
    )


def progress_chart(
    progress: pd.DataFrame, weekly: pd.DataFrame, profiles: pd.DataFrame, data: AssessmentData
) -> go.Figure:
    """The class's LSI over the weeks of Phase 2: each student, the median and the middle half.

    Parameters
    ----------
    progress
        :attr:`backbalance.classroom.data.ClassResults.progress`.
    weekly
        From :func:`backbalance.classroom.logic.progress_by_week`.
    profiles
        :attr:`backbalance.classroom.data.ClassResults.profiles` (logs of students without a
        hand-in are left out).
    data
        The validated ``data/assessment`` files (the LSI line).

    Returns
    -------
    plotly.graph_objects.Figure
        A thin grey line per student, a blue band from P25 to P75, the median as a thick
        black line with circles, and the LSI line dashed.
    """
    fig, line = go.Figure(), data.strength.lsi.line
    students = programme_progress(progress, profiles).groupby("student")
    for index, (student, rows) in enumerate(students):
        fig.add_scatter(
            x=rows["week"],
            y=rows["lsi"],
            mode="lines",
            name="Each student",
            line={"color": STUDENT, "width": 1},
            legendgroup="student",
            showlegend=index == 0,
            customdata=[plot_text(student)] * len(rows),
            hovertemplate="%{customdata}<br>week %{x}: LSI %{y}%<extra></extra>",
        )
    add_band(
        fig,
        weekly["week"],
        weekly["P75"],
        weekly["P25"],
        fillcolor=BAND,
        name="Middle half of the class (P25 to P75)",
    )
    fig.add_scatter(
        x=weekly["week"],
        y=weekly["median"],
        customdata=weekly["students"],
        mode="lines+markers",
        name="Class median",
        line={"color": BLACK, "width": 4},
        marker={"size": 9},
        hovertemplate="week %{x}: median LSI %{y}% (%{customdata} students)<extra></extra>",
    )
    _lsi_line(fig, line, "h", "bottom right")
    return _layout(
        fig,
        f"Row-test LSI over the weeks of Phase 2 ({students.ngroups} students)",
        xaxis={"title": {"text": "Weeks since the first test (start of Phase 2)"}, "dtick": 4},
        yaxis={"title": {"text": "LSI, weaker ÷ stronger side (%)"}},
    )


def hand_in_chart(history: pd.DataFrame, data: AssessmentData) -> go.Figure:
    """Each student's LSI over their hand-ins, one line per student who handed in twice or more.

    Parameters
    ----------
    history
        From :func:`backbalance.classroom.logic.hand_in_history`.
    data
        The validated ``data/assessment`` files (the LSI line).

    Returns
    -------
    plotly.graph_objects.Figure
        x: the week folder of each hand-in, in order (``week-10`` after ``week-9``); y: the
        LSI, from :data:`AXIS_FLOOR` or lower when a student is lower, so nobody is off the
        chart; a line per student, named in the legend, in its own colour and marker shape
        (:data:`STUDENTS`); the LSI line dashed.
    """
    fig, line = go.Figure(), data.strength.lsi.line
    known = history.dropna(subset=["lsi"])
    repeated = known[known.groupby("student")["student"].transform("size") > 1]
    labels = repeated["folder"].replace("", "(top folder)")
    order = sorted(set(labels), key=lambda folder: problem_order((folder, "")))
    for index, (student, rows) in enumerate(repeated.groupby("student", sort=True)):
        colour, symbol = STUDENTS[index % len(STUDENTS)]
        fig.add_scatter(
            x=labels[rows.index],
            y=rows["lsi"],
            mode="lines+markers",
            name=plot_text(student),
            line={"color": colour, "width": 2},
            marker={"size": 10, "symbol": symbol, "color": colour},
            hovertemplate=plot_text(student) + "<br>%{x}: LSI %{y}%<extra></extra>",
        )
    _lsi_line(fig, line, "h", "bottom right")
    low = min([AXIS_FLOOR, *repeated["lsi"]])
    students = repeated["student"].nunique()
    return _layout(
        fig,
        f"Row-test LSI over the hand-ins ({students} students who handed in more than once)",
        xaxis={
            "title": {"text": "Folder of the hand-in"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": order,
        },
        yaxis={"title": {"text": "LSI, weaker ÷ stronger side (%)"}, "range": [low - 2, 102]},
    )
