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
from plotly.subplots import make_subplots

from backbalance.common.charts import add_band, plot_text
from backbalance.common.palette import DARK_GREY as TARGET_COLOUR
from backbalance.common.palette import SIDE_COLOURS, SIDE_CUES, rgba
from backbalance.common.types import SIDES
from backbalance.strength_gap.wording import TrackerWords, fill
from backbalance.tracker.data import ProgressLog
from backbalance.tracker.progress import Progress

MEASURED_COLOUR = "#000000"
BAND_COLOUR = rgba(TARGET_COLOUR, 0.2)
PANEL_HEIGHT = 300
"""Pixels of one case's panel of the LSI chart (with its title)."""
MARGINS = {"t": 100, "b": 110}
"""Room above the panels (the title) and below them (the week axis and the legend)."""


def progress_chart(progress: Progress, wording: TrackerWords | None = None) -> go.Figure:
    """Measured LSI over the weeks against each shown case's forecast, personalised by the log.

    Parameters
    ----------
    progress
        From :func:`backbalance.tracker.progress.assess_progress`.
    wording
        The chart's words (``Course.forecast_wording.tracker``); None: the forecast's own.

    Returns
    -------
    plotly.graph_objects.Figure
        One panel per case the learner is judged against (:attr:`Progress.shown`: both
        cases for an unknown cause, one above the other on one week axis; the case the log
        fits when it clearly fits one), titled with the case's lead-in
        (``forecast.case.lead``) and its verdict. In each panel: band low (P10), band high
        (P90, filled) of the re-test results the personalised forecast expects, its most
        likely LSI (P50, dashed), the typical forecast before the log (P50, dash-dot,
        thin), the target (dotted) and the measured LSI (solid black, diamonds, labelled
        values). The legend names each kind of line once. Weeks are the log's.
    """
    words = (wording or progress.forecasts.words().tracker).chart
    lead = progress.forecasts.words().forecast.case.lead
    rows = progress.log.rows
    last = max(int(rows["week"].max()) + 8, int(rows["week"].iloc[0]) + 12)
    target = progress.target
    shown = progress.shown
    fig = make_subplots(
        rows=len(shown),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.14,
        subplot_titles=[
            plot_text(f"{getattr(lead, cause)} {case.status}") for cause, case in shown.items()
        ],
    )
    for row, case in enumerate(shown.values(), 1):
        panel = {"row": row, "col": 1}
        legend = {"showlegend": row == 1}
        band = case.band()
        band = band[band["week"] <= last]
        prior = case.band(prior=True)
        prior = prior[prior["week"] <= last]
        add_band(
            fig,
            band["week"],
            band["lsi_read_p10"],
            band["lsi_read_p90"],
            fillcolor=BAND_COLOUR,
            name=plot_text(words.band),
            first_name=plot_text(f"{words.band} (P10)"),
            legendgroup="band",
            **panel,
        )
        fig.data[-1].showlegend = row == 1
        for table, name, dash, width in (
            (band, words.typical, "dash", 2),
            (prior, words.prior, "dashdot", 1),
        ):
            fig.add_scatter(
                x=table["week"],
                y=table["lsi"],
                mode="lines",
                name=plot_text(name),
                legendgroup=dash,
                line={"color": TARGET_COLOUR, "dash": dash, "width": width},
                hovertemplate=plot_text(name) + ", week %{x}: LSI %{y:.1f}%<extra></extra>",
                **legend,
                **panel,
            )
        fig.add_scatter(
            x=[band["week"].min(), band["week"].max()],
            y=[target, target],
            mode="lines",
            name=plot_text(fill(words.target, target=f"{target:g}")),
            legendgroup="target",
            line={"color": TARGET_COLOUR, "dash": "dot", "width": 1.5},
            hoverinfo="skip",
            **legend,
            **panel,
        )
        fig.add_scatter(
            x=rows["week"],
            y=rows["lsi"],
            mode="lines+markers+text",
            name=plot_text(words.measured),
            legendgroup="measured",
            text=[f"{v:g}%" for v in rows["lsi"]],
            textposition="top center",
            line={"color": MEASURED_COLOUR, "width": 3},
            marker={"symbol": "diamond", "size": 10},
            hovertemplate=plot_text(words.measured) + ", week %{x}: LSI %{y:.1f}%<extra></extra>",
            **legend,
            **panel,
        )
        fig.update_yaxes(title_text=plot_text(words.y_axis), **panel)
    fig.update_yaxes(matches="y")  # one LSI scale, so the panels compare at a glance
    fig.update_xaxes(title_text=plot_text(words.x_axis), row=len(shown), col=1)
    height = PANEL_HEIGHT * len(shown) + MARGINS["t"] + MARGINS["b"]
    fig.update_layout(
        title={"text": plot_text(fill(words.title, status=progress.status))},
        template="plotly_white",
        # just under the week axis's title, in the panels' share of the height
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -60 / (height - MARGINS["t"] - MARGINS["b"]),
            "x": 0,
        },
        margin=MARGINS,
        height=height,
        hovermode="closest",
    )
    return fig


def results_chart(
    log: ProgressLog, unit: str = "", wording: TrackerWords | None = None
) -> go.Figure:
    """The left and right test results over the weeks (the log's week numbers).

    Parameters
    ----------
    log
        The learner's rows.
    unit
        What the numbers are (for example ``kg`` or ``reps``), for the axis title.
    wording
        The chart's words (``Course.forecast_wording.tracker``); None: ``Course.find()``'s.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per side: left solid blue with circles, right dashed orange with squares.
    """
    if wording is None:
        from backbalance.course import Course

        wording = Course.find().forecast_wording.tracker
    words = wording.chart
    rows = log.rows
    fig = go.Figure()
    for side in SIDES:
        style, colour = SIDE_CUES[side], SIDE_COLOURS[side]
        fig.add_scatter(
            x=rows["week"],
            y=rows[side],
            mode="lines+markers",
            name=f"{style['label']} side",
            line={"color": colour, "dash": style["dash"], "width": 3},
            marker={"symbol": style["symbol"], "size": 9, "color": colour},
            hovertemplate=f"{style['label']}, week %{{x}}: %{{y:~g}} {plot_text(unit)}".rstrip()
            + "<extra></extra>",
        )
    y_axis = fill(words.results_y_unit, unit=unit) if unit else words.results_y_axis
    fig.update_layout(
        title={"text": plot_text(words.results_title)},
        xaxis_title=plot_text(words.x_axis),
        yaxis_title=plot_text(y_axis),
        template="plotly_white",
        hovermode="x unified",
    )
    return fig
