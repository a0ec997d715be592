"""Plotly charts of the strength-gap simulation, one function per chart.

Every chart is drawn from the results of :mod:`backbalance.strength_gap.model`; nothing here computes
strength. Left and right use the Okabe-Ito blue and orange plus a second cue (solid line
with circles for the left, dashed line with squares for the right, and the side's name
in the legend), so no information depends on colour alone.

The trace data of :func:`strength_chart` comes from :func:`strength_traces`, which the
static slider figure (:func:`bias_slider_chart`) and the JupyterLab app
(:mod:`backbalance.strength_gap.app`) reuse to update the same traces in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from backbalance.common.charts import add_band, chart_title, style_chart
from backbalance.common.palette import (
    BLACK,
    BLUE,
    DARK_GREY,
    GREEN,
    LIGHT_GREY,
    REDDISH_PURPLE,
    SIDE_COLOURS,
    SIDE_CUES,
    SKY_BLUE,
    VERMILION,
    rgba,
)
from backbalance.common.types import SIDES
from backbalance.strength_gap.dynamics import weekly_gain
from backbalance.strength_gap.model import Simulation
from backbalance.strength_gap.parameters import STATUSES, ModelParameters

BAND_ALPHA = {"left": 0.18, "right": 0.22}
"""How opaque each side's P10-P90 band is (orange needs a little more to show)."""

SERIES_STYLE: tuple[tuple[str, str, str], ...] = (
    (BLACK, "solid", "circle"),
    (GREEN, "dash", "square"),
    (VERMILION, "dot", "diamond"),
    (REDDISH_PURPLE, "dashdot", "triangle-up"),
    (SKY_BLUE, "longdash", "x"),
    (BLUE, "longdashdot", "star"),
)
"""Okabe-Ito colour, dash and marker for lines that are not sides (bias levels, statuses)."""

STRENGTH_TRACES = 8
"""Traces of :func:`strength_chart`: per side P10, P90 band and median; target; parity week."""


def _extra_sets(sim: Simulation) -> float:
    return sim.plan.weak_sets - sim.plan.strong_sets


def strength_title(sim: Simulation) -> str:
    """A title naming the plan and when the typical person reaches the first LSI target."""
    plan, parity = sim.plan, sim.parity[0]
    when = (
        f"week {parity.typical}" if parity.typical is not None else f"not within {plan.weeks} weeks"
    )
    return f"Gap {plan.gap_percent:g}%, {plan.strong_sets:g} sets, weak side +{_extra_sets(sim):g}: LSI {parity.target:g}% by {when}"


def strength_traces(sim: Simulation) -> list[dict[str, list[float]]]:
    """The ``x``/``y`` data of every trace of :func:`strength_chart`, in trace order.

    Parameters
    ----------
    sim
        A simulation from :func:`backbalance.strength_gap.model.simulate`.

    Returns
    -------
    list[dict[str, list[float]]]
        :data:`STRENGTH_TRACES` dicts with keys ``x`` and ``y``: for each side the P10
        and P90 of the re-test results a learner would read (latent strength with the
        test's noise, see :func:`backbalance.strength_gap.model.simulate`) and the P50 of
        latent strength; then the target line (the first LSI target times the
        stronger side's typical strength); then the vertical parity-week marker (empty
        when the target is not reached within the horizon).
    """
    table = sim.table
    weeks = table["week"].to_numpy()[::2].tolist()  # two rows per week: left, then right
    column = {
        name: table[name].to_numpy().reshape(-1, len(SIDES))
        for name in ("reading_p10", "reading_p90", "strength")
    }
    traces = [
        {"x": weeks, "y": column[name][:, i].tolist()}
        for i in range(len(SIDES))
        for name in ("reading_p10", "reading_p90", "strength")
    ]
    target = sim.parity[0].target / 100 * column["strength"].max(axis=1)
    traces.append({"x": weeks, "y": target.tolist()})
    week = sim.parity[0].typical
    low, high = float(column["reading_p10"].min()), float(column["reading_p90"].max())
    traces.append({"x": [week, week], "y": [low, high]} if week is not None else {"x": [], "y": []})
    return traces


def band_label(sim: Simulation) -> str:
    """What a side's band shows: re-test results of 8 in 10 people, or their strength."""
    if sim.test_sem_percent > 0:
        return "8 in 10 re-test results"
    return "8 in 10 people"


def _strength_axis_title(sim: Simulation) -> str:
    return f"Strength (stronger side at start = {sim.plan.strong_start:g})"


def strength_chart(sim: Simulation, title: str | None = None) -> go.Figure:
    """Left and right strength over the weeks, with P10-P90 bands and the LSI target.

    Parameters
    ----------
    sim
        A simulation from :func:`backbalance.strength_gap.model.simulate`.
    title
        Figure title; by default :func:`strength_title`.

    Returns
    -------
    plotly.graph_objects.Figure
        :data:`STRENGTH_TRACES` traces in the order of :func:`strength_traces`.
    """
    data = strength_traces(sim)
    target = sim.parity[0].target
    fig = go.Figure()
    for i, side in enumerate(SIDES):
        style, colour = SIDE_CUES[side], SIDE_COLOURS[side]
        low, high, mid = data[3 * i : 3 * i + 3]
        add_band(
            fig,
            low["x"],
            low["y"],
            high["y"],
            fillcolor=rgba(colour, BAND_ALPHA[side]),
            name=f"{style['label']}: {band_label(sim)}",
            first_name=f"{style['label']} P10",
            legendgroup=side,
        )
        fig.add_scatter(
            **mid,
            mode="lines+markers",
            name=f"{style['label']} side (typical person)",
            line={"color": colour, "dash": style["dash"], "width": 3},
            marker={
                "symbol": style["symbol"],
                "size": 7,
                "color": colour,
                "maxdisplayed": 27,
            },
            legendgroup=side,
            hovertemplate=f"{style['label']}, week %{{x}}: %{{y:.1f}}<extra></extra>",
        )
    fig.add_scatter(
        **data[6],
        mode="lines",
        name=f"{target:g}% of the stronger side",
        line={"color": DARK_GREY, "dash": "dot", "width": 2},
        hovertemplate=f"{target:g}% of the stronger side, week %{{x}}: %{{y:.1f}}<extra></extra>",
    )
    fig.add_scatter(
        **data[7],
        mode="lines",
        name=f"LSI {target:g}% reached",
        line={"color": DARK_GREY, "width": 1},
        hoverinfo="skip",
    )
    style_chart(
        fig,
        title if title is not None else strength_title(sim),
        xaxis_title="Week",
        yaxis_title=_strength_axis_title(sim),
        legend={"orientation": "h", "yanchor": "top", "y": -0.16, "x": 0},
        hovermode="x unified",
        height=560,
    )
    return fig


def bias_slider_chart(sims: Sequence[Simulation], active: int = 0) -> go.Figure:
    """:func:`strength_chart` with a slider over precomputed weak-side biases.

    Works without a kernel: each slider step restyles the traces with the data of one
    simulation and sets the title (``{"title.text": ...}``). No animation frames.

    Parameters
    ----------
    sims
        One simulation per bias level, same gap, weeks and status.
    active
        Index of the step shown first.

    Returns
    -------
    plotly.graph_objects.Figure
        With ``layout.sliders[0].steps`` of ``len(sims)`` ``update`` steps.
    """
    fig = strength_chart(sims[active])
    steps = []
    for sim in sims:
        data = strength_traces(sim)
        steps.append(
            {
                "method": "update",
                "label": f"+{_extra_sets(sim):g}",
                "args": [
                    {"x": [d["x"] for d in data], "y": [d["y"] for d in data]},
                    {"title.text": chart_title(strength_title(sim))["text"]},
                ],
            }
        )
    low = min(s.table["reading_p10"].min() for s in sims)
    high = max(s.table["reading_p90"].max() for s in sims)
    pad = 0.05 * (high - low)
    fig.update_layout(
        sliders=[
            {
                "active": active,
                "steps": steps,
                "y": 1.02,
                "yanchor": "bottom",
                "pad": {"t": 0, "b": 10},
                "currentvalue": {"prefix": "Extra weekly sets on the weak side: "},
            }
        ],
        yaxis_range=[low - pad, high + pad],
        margin={"t": 170},
        height=700,
    )
    return fig


def lsi_chart(sims: Sequence[Simulation]) -> go.Figure:
    """Limb symmetry index over the weeks, one line per weak-side bias.

    Parameters
    ----------
    sims
        Up to six simulations that differ in their bias.

    Returns
    -------
    plotly.graph_objects.Figure
        One line per simulation (typical person), named by its extra sets, plus one
        dotted horizontal line per LSI target.
    """
    if len(sims) > len(SERIES_STYLE):
        raise ValueError(f"at most {len(SERIES_STYLE)} bias levels fit one chart, got {len(sims)}")
    fig = go.Figure()
    for sim, (colour, dash, symbol) in zip(sims, SERIES_STYLE, strict=False):
        rows = sim.table[sim.table["side"] == SIDES[0]]
        name = f"+{_extra_sets(sim):g} sets"
        fig.add_scatter(
            x=rows["week"],
            y=rows["lsi"],
            mode="lines+markers",
            name=name,
            line={"color": colour, "dash": dash, "width": 2.5},
            marker={"symbol": symbol, "size": 6, "maxdisplayed": 14, "color": colour},
            hovertemplate=f"{name}, week %{{x}}: LSI %{{y:.1f}}%<extra></extra>",
        )
    weeks = sims[0].table["week"]
    for target in (p.target for p in sims[0].parity):
        fig.add_scatter(
            x=[weeks.min(), weeks.max()],
            y=[target, target],
            mode="lines+text",
            name=f"LSI {target:g}%",
            text=[f"LSI {target:g}%", ""],
            textposition="top right",
            textfont={"color": DARK_GREY},
            line={"color": DARK_GREY, "dash": "dot", "width": 1.5},
            hoverinfo="skip",
            showlegend=False,
        )
    plan = sims[0].plan
    style_chart(
        fig,
        f"LSI by extra weak-side sets (gap {plan.gap_percent:g}%, "
        f"strong side {plan.strong_sets:g} sets)",
        xaxis_title="Week",
        yaxis_title="LSI: weaker ÷ stronger × 100 (%)",
        legend={"title": {"text": "Extra weak-side sets"}},
    )
    return fig


def parity_heatmap(table: pd.DataFrame) -> go.Figure:
    """Weeks to the LSI target for every starting gap × extra weak-side sets.

    Parameters
    ----------
    table
        Output of :func:`backbalance.strength_gap.model.sweep`.

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap trace; ``z`` holds the typical person's weeks (NaN where the target is
        not reached within the horizon, drawn as an empty grey cell marked "–"); every
        cell also prints its number and has a hover text.
    """
    horizon, target = table.attrs["weeks"], float(table["target"].iloc[0])
    wide = table.pivot(index="gap_percent", columns="weak_extra_sets", values="week")
    z = wide.to_numpy(dtype=float, na_value=np.nan)
    text = np.where(np.isnan(z), "–", np.nan_to_num(z).astype(int).astype(str))
    hover = np.where(np.isnan(z), f"not within {horizon} weeks", np.char.add("week ", text))
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=wide.columns.to_numpy(),
            y=wide.index.to_numpy(),
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            colorscale="Cividis",
            reversescale=True,
            zmin=0,
            zmax=horizon,
            colorbar={"title": {"text": "Weeks"}, "thickness": 12},
            textfont={"size": 12},
            xgap=1,
            ygap=1,
            hovertemplate="Starting gap %{y}%<br>Extra weak-side sets %{x}<br>"
            f"LSI {target:g}%: %{{customdata}}<extra></extra>",
        )
    )
    style_chart(
        fig,
        f"Weeks until the typical person reaches LSI {target:g}% (– = not within {horizon} weeks)",
        xaxis={
            "title": {"text": "Extra weekly sets on the weak side"},
            "tickmode": "array",
            "tickvals": wide.columns.to_list(),
        },
        yaxis={
            "title": {"text": "Starting gap (%)"},
            "tickmode": "array",
            "tickvals": wide.index.to_list(),
        },
        plot_bgcolor=LIGHT_GREY,
        height=max(450, 160 + 30 * len(wide.index)),
    )
    return fig


def dose_response_chart(params: ModelParameters, max_sets: int = 30) -> go.Figure:
    """The model's dose-response: first-week gain against weekly sets, per training status.

    Parameters
    ----------
    params
        The validated parameter file.
    max_sets
        Largest weekly set count on the x axis.

    Returns
    -------
    plotly.graph_objects.Figure
        One line per training status, from :func:`backbalance.strength_gap.dynamics.weekly_gain`.
    """
    sets = np.arange(max_sets + 1)
    fig = go.Figure()
    for status, (colour, dash, symbol) in zip(STATUSES, SERIES_STYLE, strict=False):
        fig.add_scatter(
            x=sets,
            y=weekly_gain(sets, params, status),
            mode="lines+markers",
            name=status.capitalize(),
            line={"color": colour, "dash": dash, "width": 2.5},
            marker={"symbol": symbol, "size": 6},
            hovertemplate=f"{status.capitalize()}, %{{x}} sets: +%{{y:.2f}}% in the first week<extra></extra>",
        )
    style_chart(
        fig,
        "Diminishing returns: each extra weekly set adds less strength",
        xaxis_title="Weekly sets for one side",
        yaxis_title="Strength gain in the first week (%)",
        legend={"title": {"text": "Training status"}},
    )
    return fig
