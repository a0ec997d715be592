"""JupyterLab app for the strength-gap simulation: sliders, a live chart and a summary line.

The app only wires controls to :func:`backbalance.strength_gap.model.simulate` and to the trace data of
:func:`backbalance.strength_gap.charts.strength_chart`. On every change it updates the traces of one
``go.FigureWidget`` in place (inside ``batch_update``), so the chart is never rebuilt or
re-displayed. It needs a running kernel; the static book shows the kernel-free slider
figure of :func:`backbalance.strength_gap.charts.bias_slider_chart` instead.

Examples
--------
>>> app = StrengthGapApp(draws=50)  # the parameters of Course.find()
>>> app.controls["weak_extra_sets"].value = 6
>>> app.summary.value.startswith('<p aria-live="polite">Weak (left) side. LSI 90%')
True
"""

from __future__ import annotations

import math
from functools import partial

import ipywidgets as widgets
import plotly.graph_objects as go

from backbalance.common.controls import labelled, live
from backbalance.course import Course
from backbalance.strength_gap.charts import strength_chart, strength_traces
from backbalance.strength_gap.model import Scenario, Simulation, simulate
from backbalance.strength_gap.parameters import STATUSES, ModelParameters

CHART_TITLE = "Strength of each side over the weeks (line: typical person; band: 8 in 10 people)"


def summary_text(sim: Simulation) -> str:
    """The summary line: when the weaker side reaches each LSI target.

    Parameters
    ----------
    sim
        The current simulation.

    Returns
    -------
    str
        For example ``Weak (left) side. LSI 90%: typical person by week 28; 1 in 10 people
        by week 14; 9 in 10 by week 51. LSI 95%: ...``
    """
    return f"Weak ({sim.plan.weak_side}) side. " + " ".join(f"{p.describe()}." for p in sim.parity)


_labelled = partial(labelled, label_width="16em", width="34em")
"""The sliders' labels are wider than the other apps' (their text is longer)."""


class StrengthGapApp(widgets.VBox):
    """Sliders for the plan and the model's cross-education, above a live strength chart.

    Parameters
    ----------
    params
        The validated parameter file; the cross-education slider spans its ``range``.
        By default, the parameters of the course that
        :meth:`Course.find() <backbalance.course.Course.find>` finds.
    draws
        Simulated people per update (fewer is faster); the default matches the book's tables.
    seed
        Seed for the simulated people, the same on every update.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``gap``, ``strong_sets``, ``weak_extra_sets``, ``weeks``, ``status``,
        ``cross_education`` and ``detraining``.
    figure : plotly.graph_objects.FigureWidget
        The chart, updated in place.
    summary : ipywidgets.HTML
        Weeks to each LSI target for the current settings.
    """

    def __init__(
        self, params: ModelParameters | None = None, *, draws: int = 1000, seed: int = 0
    ) -> None:
        params = params if params is not None else Course.find().parameters
        self.params, self.draws, self.seed = params, draws, seed
        low, high = params.cross_education.range
        self.controls: dict[str, widgets.Widget] = {
            "gap": _labelled(
                widgets.FloatSlider, "Starting gap (%)", min=0, max=40, step=1, value=20
            ),
            "strong_sets": _labelled(
                widgets.IntSlider, "Stronger-side sets per week", min=0, max=20, value=6
            ),
            "weak_extra_sets": _labelled(
                widgets.IntSlider, "Extra weak-side sets per week", min=0, max=20, value=4
            ),
            "weeks": _labelled(widgets.IntSlider, "Weeks", min=4, max=104, step=4, value=52),
            "status": _labelled(
                widgets.SelectionSlider, "Training status", options=list(STATUSES), value="novice"
            ),
            "cross_education": _labelled(
                widgets.FloatSlider,
                "Cross-education (fraction)",
                min=low,
                max=high,
                step=0.05,
                value=params.cross_education.value,
            ),
            "detraining": widgets.Checkbox(
                description="Detraining: a side with no sets loses strength (an assumption)",
                value=False,
                indent=False,
                layout=widgets.Layout(width="auto"),
            ),
        }
        self.controls["weak_extra_sets"].add_class("bb-weak-extra")
        sim = self.simulation()
        self.figure = go.FigureWidget(strength_chart(sim, title=CHART_TITLE))
        self.summary = widgets.HTML(
            str(live(summary_text(sim))), layout=widgets.Layout(margin="0.5em 0")
        )
        self.summary.add_class("bb-summary")
        for control in self.controls.values():
            control.observe(self.update, names="value")
        super().__init__([*self.controls.values(), self.summary, self.figure])
        self.add_class("bb-strength-gap-app")

    def scenario(self) -> Scenario:
        """The plan the sliders currently describe."""
        value = {name: control.value for name, control in self.controls.items()}
        return Scenario(
            gap_percent=value["gap"],
            strong_sets=value["strong_sets"],
            weak_extra_sets=value["weak_extra_sets"],
            weeks=value["weeks"],
            status=value["status"],
            detraining=value["detraining"],
        )

    def simulation(self) -> Simulation:
        """Simulate the current settings."""
        params = self.params.with_cross_education(self.controls["cross_education"].value)
        return simulate(self.scenario(), params, draws=self.draws, seed=self.seed)

    def update(self, change: object = None) -> None:
        """Re-simulate and update the chart's trace data and the summary line in place.

        A value that is not a number (NaN set from code; the sliders cannot send one)
        gets a message in the summary line and leaves the chart as it was.
        """
        bad = [
            control.description
            for control in self.controls.values()
            if isinstance(control.value, float) and not math.isfinite(control.value)
        ]
        if bad:
            self.summary.value = str(live(f"{bad[0]} is not a number: move its slider."))
            return
        sim = self.simulation()
        with self.figure.batch_update():
            for trace, data in zip(self.figure.data, strength_traces(sim), strict=True):
                trace.x, trace.y = data["x"], data["y"]
        self.summary.value = str(live(summary_text(sim)))
