r"""Plotly charts of the progress tracker, one function per chart.

Nothing here computes a result: the charts draw what :mod:`backbalance.tracker.progress` and
:mod:`backbalance.tracker.data` return. Left and right use the Okabe-Ito blue and orange of
:data:`backbalance.common.palette.SIDE_COLOURS` plus a second cue (solid line with circles for the
left, dashed line with squares for the right, and the side's name), so no information
depends on colour alone. Every chart has a title and axis titles.

Examples
--------
>>> from backbalance.tracker.data import parse_progress
>>> fig = results_chart(parse_progress("week,left,right\n0,9,12\n4,11,13\n"))
>>> [trace.name for trace in fig.data]
['Left side', 'Right side']
"""

from __future__ import annotations

import plotly.graph_objects as go

from backbalance.common.charts import add_band, plot_text
from backbalance.common.palette import DARK_GREY as TARGET_COLOUR
from backbalance.common.palette import SIDE_COLOURS, SIDE_CUES, rgba
from backbalance.common.types import SIDES
from backbalance.tracker.data import ProgressLog
from backbalance.tracker.progress import Progress

MEASURED_COLOUR = "#000000"
BAND_COLOUR = rgba(TARGET_COLOUR, 0.2)


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
    add_band(
        fig,
        band["week"],
        band["lsi_p10"],
        band["lsi_p90"],
        fillcolor=BAND_COLOUR,
        name="Forecast: 8 in 10 people",
        first_name="Forecast P10",
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
            hovertemplate=f"{style['label']}, week %{{x}}: %{{y:~g}} {plot_text(unit)}".rstrip()
            + "<extra></extra>",
        )
    fig.update_layout(
        title={"text": "Your test results, left and right"},
        xaxis_title="Weeks since your first test",
        yaxis_title=f"Test result ({plot_text(unit)})" if unit else "Test result",
        template="plotly_white",
        hovermode="x unified",
    )
    return fig
