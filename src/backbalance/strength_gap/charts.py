"""Plotly charts of the strength-gap simulation, one function per chart.

Every chart is drawn from the results of :mod:`backbalance.strength_gap.model`; nothing here computes
strength. Left and right use the Okabe-Ito blue and orange plus a second cue (solid line
with circles for the left, dashed line with squares for the right, and the side's name
in the legend), so no information depends on colour alone.

The trace data of :func:`strength_chart` comes from :func:`strength_traces`, which the
precomputed steps of the static page (:func:`stepped_strength_chart`) and the JupyterLab app
(:mod:`backbalance.strength_gap.app`) reuse to update the same traces in place.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

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
from backbalance.strength_gap.dynamics import cases_of, weekly_gain
from backbalance.strength_gap.model import Scenario, Simulation, simulate
from backbalance.strength_gap.parameters import STATUSES, ModelParameters, Status
from backbalance.strength_gap.wording import CaseNames

PLOTLY_MIME = "application/vnd.plotly.v1+json"

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
    return (
        f"Gap {plan.gap_percent:g}%, {plan.strong_sets:g} sets, weak side +{_extra_sets(sim):g}: "
        f"LSI {parity.target:g}% {parity.by(parity.typical)}"
    )


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


STEPS_MIME = "application/vnd.backbalance.chart-steps+json"
"""The output type of a :class:`SteppedChart`: the static book draws it with its controls
(:mod:`backbalance.sphinxext.plotly_mime`); JupyterLab shows its plain plotly figure."""

STEP_DIGITS = 1
"""Decimals of the strength values a step carries (the hover text shows one)."""


@dataclass(frozen=True)
class Control:
    """One range control of a :class:`SteppedChart`: its label and, per step, the value
    it sets in the plan, the text beside the control and the text a screen reader says."""

    name: str
    label: str
    values: tuple[Any, ...]
    shown: tuple[str, ...]
    spoken: tuple[str, ...]
    initial: int

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "shown": list(self.shown),
            "spoken": list(self.spoken),
            "initial": self.initial,
        }


def step_key(indices: Sequence[int]) -> str:
    """The key of one step: the controls' indices joined by dots (``"2.0.4"``)."""
    return ".".join(str(i) for i in indices)


def step_title(sim: Simulation, case: str | None = None) -> str:
    """:func:`strength_title`, after the name of its case (``Disuse or an old injury.``)."""
    if case is None:
        return strength_title(sim)
    return f"{case[:1].upper()}{case[1:]}. {strength_title(sim)}"


def strength_step(
    sim: Simulation, pool: dict[tuple[float, ...], int], case: str | None = None
) -> dict[str, Any]:
    """What the page needs to show one precomputed plan in :func:`strength_chart`.

    ``y``: for each of the :data:`STRENGTH_TRACES` traces, the index of its ``y`` (rounded
    to :data:`STEP_DIGITS`) in ``pool``, which gains the values not yet in it (many steps
    share a trace: the stronger side's does not depend on the gap or its cause); ``x``: the
    traces whose ``x`` are not the weeks (by trace index); ``title``: the chart's (wrapped)
    title (after ``case``, where the gap comes from, when given); ``summary``: the weeks to
    each LSI target, one line per target.
    """
    data = strength_traces(sim)
    title = step_title(sim, case)
    weeks = data[0]["x"]
    rounded = [tuple(round(v, STEP_DIGITS) for v in trace["y"]) for trace in data]
    return {
        "y": [pool.setdefault(values, len(pool)) for values in rounded],
        "x": {str(i): trace["x"] for i, trace in enumerate(data) if trace["x"] != weeks},
        "title": chart_title(title)["text"],
        "summary": [parity.describe() for parity in sim.parity],
    }


@dataclass(frozen=True)
class SteppedChart:
    """:func:`strength_chart` of one plan, and the same chart for every combination of
    the :attr:`controls`' steps, worked out in advance.

    In JupyterLab it shows as the plain figure; in the static book the page draws it with
    one ``<input type="range">`` per control, and ``static/bb-plotly-steps.js`` swaps in
    the precomputed step (:attr:`steps`, keyed by :func:`step_key`)."""

    figure: go.Figure
    controls: tuple[Control, ...]
    weeks: list[int]
    steps: dict[str, dict[str, Any]]
    traces: list[list[float]]
    """Every distinct trace ``y`` of the steps, once; a step's ``y`` are indices into it."""

    def spec(self) -> dict[str, Any]:
        """The controls, the distinct traces and the steps, as the page's script reads them."""
        return {
            "controls": [control.as_json() for control in self.controls],
            "weeks": self.weeks,
            "traces": self.traces,
            "steps": self.steps,
        }

    def step(self, key: str) -> dict[str, Any]:
        """One step with its traces' ``y`` values in place of their indices."""
        step = self.steps[key]
        return {**step, "y": [self.traces[i] for i in step["y"]]}

    def initial(self) -> dict[str, Any]:
        """The step the figure shows before a reader moves a control (its ``y`` as values)."""
        return self.step(step_key([control.initial for control in self.controls]))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        figure = json.loads(pio.to_json(self.figure))
        return {
            PLOTLY_MIME: figure,
            STEPS_MIME: {"figure": figure, **self.spec()},
            "text/plain": f"Strength chart with {len(self.steps)} precomputed plans",
        }


def plan_controls(
    plan: Scenario,
    gaps: Sequence[float],
    statuses: Sequence[Status],
    extra_sets: Sequence[int],
    case_names: CaseNames | None = None,
) -> tuple[Control, ...]:
    """The starting gap, training status and extra weak-side sets, starting at ``plan``'s;
    for a plan whose cause is unknown, last, where the gap comes from (its two cases, named
    by ``case_names``, ``Course.forecast_wording.forecast.case.name``; the first shown first)."""

    def start(label: str, value: Any, steps: Sequence[Any]) -> int:
        if value not in list(steps):
            raise ValueError(
                f"the plan's {label} ({value}) is not one of the chart's steps "
                f"({', '.join(map(str, steps))}): add it to the steps or change the plan"
            )
        return list(steps).index(value)

    extra = plan.weak_sets - plan.strong_sets
    cases = cases_of(plan.cause)
    if len(cases) > 1 and case_names is None:
        raise ValueError(
            "a plan whose cause is unknown shows both cases: pass case_names "
            "(Course.forecast_wording.forecast.case.name)"
        )
    cause = (
        ()
        if len(cases) == 1
        else (
            Control(
                "cause",
                "Where the gap comes from",
                cases,
                tuple(getattr(case_names, c) for c in cases),
                tuple(f"gap from {getattr(case_names, c)}" for c in cases),
                0,
            ),
        )
    )
    return (
        Control(
            "gap_percent",
            "Starting gap",
            tuple(gaps),
            tuple(f"{g:g} points" for g in gaps),
            tuple(f"gap {g:g} points" for g in gaps),
            start("starting gap", plan.gap_percent, gaps),
        ),
        Control(
            "status",
            "Training status",
            tuple(statuses),
            tuple(statuses),
            tuple(statuses),
            start("training status", plan.status, statuses),
        ),
        Control(
            "weak_extra_sets",
            "Extra weekly sets for the weak side",
            tuple(extra_sets),
            tuple(f"+{n} sets" for n in extra_sets),
            tuple(f"{n} extra sets a week" for n in extra_sets),
            start("extra sets", extra, extra_sets),
        ),
        *cause,
    )


def stepped_strength_chart(
    plan: Scenario,
    params: ModelParameters,
    *,
    gaps: Sequence[float],
    statuses: Sequence[Status],
    extra_sets: Sequence[int],
    test_sem_percent: float = 0.0,
    draws: int = 1000,
    seed: int = 0,
    case_names: CaseNames | None = None,
) -> SteppedChart:
    """:func:`strength_chart` for every starting gap × training status × extra sets, and
    for a plan whose cause is unknown, × its two cases (the last control).

    Parameters
    ----------
    plan
        The plan shown first; its gap, status and extra sets must be among the steps. Its
        other settings (sets, weeks) hold for every step; an unknown cause is shown as its
        two cases, the first case first.
    params
        The validated parameter file.
    gaps, statuses, extra_sets
        The steps of each control.
    test_sem_percent, draws, seed
        As in :func:`backbalance.strength_gap.model.simulate`, for every step.
    case_names
        The cases' names (``Course.forecast_wording.forecast.case.name``); needed for a
        plan whose cause is unknown.

    Returns
    -------
    SteppedChart
        One step per combination; the y axis fits every step, so moving a control never
        rescales the chart.
    """
    controls = plan_controls(plan, gaps, statuses, extra_sets, case_names)
    steps: dict[str, dict[str, Any]] = {}
    pool: dict[tuple[float, ...], int] = {}
    low, high = np.inf, -np.inf
    first: Simulation | None = None
    first_case: str | None = None
    for indices in itertools.product(*(range(len(c.values)) for c in controls)):
        update = {c.name: c.values[i] for c, i in zip(controls, indices, strict=True)}
        sim = simulate(
            plan.model_copy(update=update),
            params,
            draws=draws,
            seed=seed,
            test_sem_percent=test_sem_percent,
        )
        case = getattr(case_names, update["cause"]) if case_names and "cause" in update else None
        steps[step_key(indices)] = strength_step(sim, pool, case)
        low = min(low, float(sim.table["reading_p10"].min()))
        high = max(high, float(sim.table["reading_p90"].max()))
        if list(indices) == [c.initial for c in controls]:
            first, first_case = sim, case
    assert first is not None  # plan_controls found the plan's own step
    chart = SteppedChart(
        strength_chart(first, title=step_title(first, first_case)),
        controls,
        strength_traces(first)[0]["x"],
        steps,
        [list(values) for values in pool],
    )
    shown = chart.initial()
    for i, trace in enumerate(chart.figure.data):
        trace.y = shown["y"][i]
    pad = 0.05 * (high - low)
    chart.figure.update_layout(yaxis_range=[low - pad, high + pad])
    return chart


def lsi_chart(sims: Sequence[Simulation], names: Sequence[str] | None = None) -> go.Figure:
    """Limb symmetry index over the weeks, one line per weak-side bias.

    Parameters
    ----------
    sims
        Up to six simulations that differ in their bias (or in where the gap comes from).
    names
        One legend name per simulation; by default its extra sets (``+4 sets``).

    Returns
    -------
    plotly.graph_objects.Figure
        One line per simulation (typical person), named by its extra sets, plus one
        dotted horizontal line per LSI target.
    """
    if len(sims) > len(SERIES_STYLE):
        raise ValueError(f"at most {len(SERIES_STYLE)} bias levels fit one chart, got {len(sims)}")
    fig = go.Figure()
    labels = names if names is not None else [f"+{_extra_sets(sim):g} sets" for sim in sims]
    for sim, name, (colour, dash, symbol) in zip(sims, labels, SERIES_STYLE, strict=False):
        rows = sim.table[sim.table["side"] == SIDES[0]]
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


def parity_heatmap(table: pd.DataFrame, case: str | None = None) -> go.Figure:
    """Weeks to the LSI target for every starting gap × extra weak-side sets.

    Parameters
    ----------
    table
        Output of :func:`backbalance.strength_gap.model.sweep`.
    case
        Where the gaps come from, in words for the title (for example ``If the gap comes
        from disuse or an old injury``), or None.

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
    title = f"Weeks until the typical person reaches LSI {target:g}%"
    style_chart(
        fig,
        f"{title} (– = not within {horizon} weeks)"
        if case is None
        else f"{case}: {title[0].lower()}{title[1:]} (– = not within {horizon} weeks)",
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
