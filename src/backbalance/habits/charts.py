"""Plotly charts of the daily-habit tools: the microbreak timeline and the habits kept.

Nothing here computes a result: the charts draw what :mod:`backbalance.habits.logic`
returns. Every chart has a title and axis titles, and labels its marks in text.

Examples
--------
>>> from datetime import time
>>> fig = microbreak_chart([], time(9), time(17), 45)
>>> fig.layout.title.text
'Your microbreaks: 0 breaks, every 45 minutes from 09:00 to 17:00'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

import pandas as pd
import plotly.graph_objects as go

from backbalance.common.charts import labelled_bars, plot_text
from backbalance.common.palette import GREEN
from backbalance.habits.logic import Break

WORKDAY_COLOUR = "#999999"
DAY = date(2000, 1, 3)
"""A fixed Monday on which times of day are drawn (only hours and minutes are shown)."""


def _at(moment: time) -> datetime:
    return datetime.combine(DAY, moment)


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
        line={"color": WORKDAY_COLOUR, "width": 14},
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
            "color": GREEN,
            "line": {"color": "#000000", "width": 1},
        },
        text=[f"{b.start:%H:%M}" for b in breaks],
        textposition="top center",
        customdata=[plot_text(b.activity) for b in breaks],
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
        labelled_bars(
            table["days_kept"],
            table["area"],
            [
                f"{kept} of {days} days"
                for kept, days in zip(table["days_kept"], table["days"], strict=True)
            ],
            "%{y}: %{x} days<extra></extra>",
            name="Days kept",
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
