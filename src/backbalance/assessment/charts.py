"""Plotly charts of a self-assessment profile, one function per chart (for JupyterLab).

The numbers come from :mod:`backbalance.assessment.logic` and ``data/assessment``; nothing here
scores. Left and right use the Okabe-Ito blue and orange of :data:`backbalance.common.palette.SIDE_COLOURS`
plus a second cue: the right side's bars are hatched, every bar is named with its value,
and the legend names the side. Limits are black ticks, and each ratio's name says its rule.
The static book shows the same results as an HTML table and bars instead.
"""

from __future__ import annotations

import plotly.graph_objects as go

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.logic import HOLDS, ratio_outside, ratio_value
from backbalance.assessment.profile import Profile
from backbalance.common.charts import plot_text
from backbalance.common.palette import SIDE_COLOURS, SIDE_CUES

BOTH_SIDES = "#999999"
INSIDE, OUTSIDE = "#009E73", "#D55E00"
"""Okabe-Ito bluish green (within the rule) and vermillion (worth a closer look)."""
HOLD_SIDE = {"bridge_left": "left", "bridge_right": "right"}


def _layout(fig: go.Figure, title: str, **layout: object) -> go.Figure:
    base = {
        "template": "simple_white",
        "height": 380,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "y": -0.15},
    }
    fig.update_layout(title={"text": title}, **{**base, **layout})
    return fig


def holds_chart(profile: Profile, data: AssessmentData) -> go.Figure:
    """Your hold times, left and right side bridge apart, with the published averages ± SD.

    Parameters
    ----------
    profile
        A profile with at least one hold time.
    data
        The validated ``data/assessment`` files (labels and averages).

    Returns
    -------
    plotly.graph_objects.Figure
        Bars for the holds, each named with its time (grey for the flexor and extensor, blue
        for the left side bridge, hatched orange for the right) and, when averages were
        chosen, diamonds with error bars.
    """
    endurance, fig = data.endurance, go.Figure()
    holds = [hold for hold in HOLDS if hold in profile.holds]
    label = {
        hold: f"{plot_text(getattr(endurance.holds, hold).label)}<br>{profile.holds[hold]:g} s"
        for hold in holds
    }
    groups = (
        ("Both sides", [h for h in holds if h not in HOLD_SIDE], BOTH_SIDES, ""),
        *(
            (
                SIDE_CUES[side]["label"] + " side",
                [h for h in holds if HOLD_SIDE.get(h) == side],
                SIDE_COLOURS[side],
                "/" if side == "right" else "",
            )
            for side in ("left", "right")
        ),
    )
    for name, members, colour, pattern in groups:
        if members:
            fig.add_bar(
                x=[label[h] for h in members],
                y=[profile.holds[h] for h in members],
                name=name,
                marker_color=colour,
                marker_pattern_shape=pattern,
            )
    if profile.norms is not None:
        norms = getattr(endurance.norms, profile.norms)
        group = plot_text(getattr(endurance.norms.group_names, profile.norms))
        fig.add_scatter(
            x=[label[h] for h in holds],
            y=[getattr(norms, h).mean for h in holds],
            mode="markers",
            name=f"Average ± SD ({group}, one small study)",
            marker={"symbol": "diamond", "size": 11, "color": "black"},
            error_y={"type": "data", "array": [getattr(norms, h).sd for h in holds]},
        )
    return _layout(
        fig,
        "Your hold times",
        barmode="overlay",
        yaxis_title="Seconds",
        xaxis={"categoryorder": "array", "categoryarray": [label[h] for h in holds]},
    )


def ratios_chart(profile: Profile, data: AssessmentData) -> go.Figure:
    """Each torso ratio against its limits (McGill's rules of thumb).

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar per ratio that can be worked out, named with its value, verdict
        and rule; vermillion and cross-hatched when worth a closer look, green when within the
        rule; a black tick at each limit.
    """
    endurance, fig = data.endurance, go.Figure()
    rows = [(ratio, ratio_value(profile.holds, ratio)) for ratio in endurance.ratios]
    rows = [(ratio, value) for ratio, value in rows if value is not None]
    outside = [ratio_outside(value, ratio) for ratio, value in rows]
    names = [
        f"{plot_text(ratio.label)}: {value:.2f}<br>"
        f"{plot_text(endurance.outside_text if out else endurance.inside_text)} "
        f"(rule: {plot_text(ratio.rule)})"
        for (ratio, value), out in zip(rows, outside, strict=True)
    ]
    fig.add_bar(
        y=names,
        x=[value for _, value in rows],
        orientation="h",
        showlegend=False,
        marker_color=[OUTSIDE if out else INSIDE for out in outside],
        marker_pattern_shape=["x" if out else "" for out in outside],
    )
    limits = [
        (name, limit)
        for name, (ratio, _) in zip(names, rows, strict=True)
        for limit in (ratio.low, ratio.high)
        if limit is not None
    ]
    fig.add_scatter(
        y=[name for name, _ in limits],
        x=[limit for _, limit in limits],
        mode="markers",
        name="Limit",
        hovertemplate="limit %{x}<extra></extra>",
        marker={"symbol": "line-ns-open", "size": 30, "line": {"width": 3}, "color": "black"},
    )
    top = max([value for _, value in rows] + [limit for _, limit in limits])
    return _layout(
        fig,
        "Your ratios and their limits",
        xaxis={"title": "Ratio", "range": [0, top * 1.1]},
        yaxis={"autorange": "reversed"},
    )


def strength_chart(profile: Profile, data: AssessmentData) -> go.Figure:
    """Left and right strength (the estimated 1RMs when reps were typed), with the LSI line as
    a share of the stronger side.

    Returns
    -------
    plotly.graph_objects.Figure
        Two horizontal bars (blue left, hatched orange right), each labelled with its value,
        and a dashed black line at ``lsi.line`` per cent of the stronger side.
    """
    result, strength = profile.strength, data.strength
    if result is None:
        raise ValueError("this profile has no strength test")
    unit = plot_text(getattr(strength.units, result.unit).unit)
    values = {"left": result.left, "right": result.right}
    if profile.estimated_1rm is not None:  # reps at one weight: compare estimated strength
        unit = plot_text(strength.load.unit)
        values = {"left": profile.estimated_1rm.left, "right": profile.estimated_1rm.right}
    fig = go.Figure()
    for side in ("left", "right"):
        value = values[side]
        fig.add_bar(
            y=[plot_text(getattr(strength.bar_labels, side))],
            x=[value],
            orientation="h",
            name=SIDE_CUES[side]["label"],
            marker_color=SIDE_COLOURS[side],
            marker_pattern_shape="/" if side == "right" else "",
            text=[f"{value:g} {unit}"],
            textposition="outside",
        )
    line = max(values.values()) * strength.lsi.line / 100
    fig.add_vline(
        x=line,
        line_dash="dash",
        line_color="black",
        line_width=3,
        layer="above",
        opacity=1,
        annotation_text=f"{strength.lsi.line:g}% of the stronger side",
        annotation_position="top",
    )
    return _layout(
        fig,
        f"Side-to-side strength: LSI {profile.lsi:g}%"
        if profile.lsi is not None
        else f"Side-to-side reps: no strength estimate above {strength.estimate.max_reps} reps",
        height=260,
        xaxis={"title": unit, "range": [0, max(result.left, result.right) * 1.25]},
        yaxis={"autorange": "reversed"},
    )
