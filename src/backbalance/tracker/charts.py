"""Plotly charts of the progress tracker and the daily-habit tools, one function per chart.

Nothing here computes a result: the charts draw what :mod:`backbalance.tracker.progress` and
:mod:`backbalance.habits.logic` return. Left and right use the Okabe-Ito blue and orange of
:data:`backbalance.common.palette.SIDE_COLOURS` plus a second cue (solid line with circles for the
left, dashed line with squares for the right, and the side's name), so no information
depends on colour alone. Every chart has a title and axis titles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

import pandas as pd
import plotly.graph_objects as go

from backbalance.common.palette import DARK_GREY as TARGET_COLOUR
from backbalance.common.palette import SIDE_COLOURS, SIDE_CUES
from backbalance.common.types import SIDES
from backbalance.habits.logic import Break
from backbalance.tracker.progress import Progress, ProgressLog

MEASURED_COLOUR = "#000000"
BAND_COLOUR = "rgba(85, 85, 85, 0.2)"
BREAK_COLOUR = "#009E73"
DAY = date(2000, 1, 3)
"""A fixed Monday on which times of day are drawn (only hours and minutes are shown)."""


def _at(moment: time) -> datetime:
    return datetime.combine(DAY, moment)


def progress_chart(progress: Progress) -> go.Figure:
    """Measured LSI over the weeks against the model's P10-P90 forecast band.

    Parameters
    ----------
    progress
        From :func:`backbalance.tracker.progress.assess_progress`.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: band low (P10), band high (P90, filled), the typical person (P50, dashed),
        the target (dotted) and the measured LSI (solid black, diamonds, labelled values).
    """
    rows = progress.log.rows
    weeks = rows["week"] - rows["week"].iloc[0]
    band = progress.band()
    band = band[band["week"] <= max(int(weeks.max()) + 8, 12)]
    target = progress.target
    fig = go.Figure()
    fig.add_scatter(
        x=band["week"],
        y=band["lsi_p10"],
        mode="lines",
        line={"width": 0},
        showlegend=False,
        hoverinfo="skip",
        name="Forecast P10",
    )
    fig.add_scatter(
        x=band["week"],
        y=band["lsi_p90"],
        mode="lines",
        line={"width": 0},
        fill="tonexty",
        fillcolor=BAND_COLOUR,
        name="Forecast: 8 in 10 people",
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=band["week"],
        y=band["lsi"],
        mode="lines",
        name="Forecast: typical person",
        line={"color": TARGET_COLOUR, "dash": "dash", "width": 2},
        hovertemplate="Forecast, week %{x}: LSI %{y:.1f}%<extra></extra>",
    )
    fig.add_scatter(
        x=[band["week"].min(), band["week"].max()],
        y=[target, target],
        mode="lines",
        name=f"LSI {target:g}% target",
        line={"color": TARGET_COLOUR, "dash": "dot", "width": 1.5},
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=weeks,
        y=rows["lsi"],
        mode="lines+markers+text",
        name="Your measured LSI",
        text=[f"{v:g}%" for v in rows["lsi"]],
        textposition="top center",
        line={"color": MEASURED_COLOUR, "width": 3},
        marker={"symbol": "diamond", "size": 10},
        hovertemplate="You, week %{x}: LSI %{y:.1f}%<extra></extra>",
    )
    fig.update_layout(
        title={"text": f"Your LSI against the forecast: {progress.status}"},
        xaxis_title="Weeks since your first test",
        yaxis_title="LSI: weaker ÷ stronger × 100 (%)",
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"t": 110},
        hovermode="closest",
    )
    return fig


def results_chart(log: ProgressLog, unit: str = "") -> go.Figure:
    """The left and right test results over the weeks.

    Parameters
    ----------
    log
        The learner's rows.
    unit
        What the numbers are (for example ``kg`` or ``reps``), for the axis title.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per side: left solid blue with circles, right dashed orange with squares.
    """
    rows = log.rows
    weeks = rows["week"] - rows["week"].iloc[0] if len(rows) else rows["week"]
    fig = go.Figure()
    for side in SIDES:
        style, colour = SIDE_CUES[side], SIDE_COLOURS[side]
        fig.add_scatter(
            x=weeks,
            y=rows[side],
            mode="lines+markers",
            name=f"{style['label']} side",
            line={"color": colour, "dash": style["dash"], "width": 3},
            marker={"symbol": style["symbol"], "size": 9, "color": colour},
            hovertemplate=f"{style['label']}, week %{{x}}: %{{y:g}} {unit}".rstrip()
            + "<extra></extra>",
        )
    fig.update_layout(
        title={"text": "Your test results, left and right"},
        xaxis_title="Weeks since your first test",
        yaxis_title=f"Test result ({unit})" if unit else "Test result",
        template="plotly_white",
        hovermode="x unified",
    )
    return fig


def microbreak_chart(breaks: Sequence[Break], start: time, end: time, interval: int) -> go.Figure:
    """A timeline of the workday with a marker and a time label at each microbreak.

    Parameters
    ----------
    breaks
        From :func:`backbalance.habits.logic.plan_breaks`.
    start, end
        The workday.
    interval
        Minutes between breaks, for the title.

    Returns
    -------
    plotly.graph_objects.Figure
        The workday as a grey bar, the breaks as green triangles labelled with their time;
        hovering a break shows its activity.
    """
    fig = go.Figure()
    fig.add_scatter(
        x=[_at(start), _at(end)],
        y=[0, 0],
        mode="lines",
        name="Workday",
        line={"color": "#999999", "width": 14},
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=[_at(b.start) for b in breaks],
        y=[0] * len(breaks),
        mode="markers+text",
        name="Microbreak",
        marker={
            "symbol": "triangle-down",
            "size": 16,
            "color": BREAK_COLOUR,
            "line": {"color": "#000000", "width": 1},
        },
        text=[f"{b.start:%H:%M}" for b in breaks],
        textposition="top center",
        customdata=[b.activity for b in breaks],
        hovertemplate="%{x|%H:%M}: %{customdata}<extra></extra>",
    )
    fig.update_layout(
        title={
            "text": f"Your microbreaks: {len(breaks)} breaks, every {interval} minutes from {start:%H:%M} to {end:%H:%M}"
        },
        xaxis={
            "title": {"text": "Time of day"},
            "tickformat": "%H:%M",
            "range": [_at(start), _at(end)],
        },
        yaxis={"visible": False, "range": [-1, 1.2]},
        template="plotly_white",
        height=300,
        showlegend=True,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"t": 100},
    )
    return fig


def adherence_chart(table: pd.DataFrame) -> go.Figure:
    """How many days of the week each habit was kept, as labelled horizontal bars.

    Parameters
    ----------
    table
        From :func:`backbalance.habits.logic.adherence`.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar per habit, labelled "n of 7 days".
    """
    fig = go.Figure(
        go.Bar(
            x=table["days_kept"],
            y=table["area"],
            orientation="h",
            marker={"color": "#0072B2"},
            text=[
                f"{kept} of {days} days"
                for kept, days in zip(table["days_kept"], table["days"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            name="Days kept",
            hovertemplate="%{y}: %{x} days<extra></extra>",
        )
    )
    fig.update_layout(
        title={"text": "Habits kept this week"},
        xaxis={"title": {"text": "Days kept (of 7)"}, "range": [0, 8.2], "dtick": 1},
        yaxis={"title": {"text": "Habit"}, "autorange": "reversed"},
        template="plotly_white",
        height=max(300, 90 + 42 * len(table)),
        margin={"r": 40},
    )
    return fig
