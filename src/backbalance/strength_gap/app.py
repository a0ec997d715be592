"""JupyterLab app for the strength-gap simulation: sliders, a live chart and a summary line.

The app only wires controls to :func:`backbalance.strength_gap.forecast.forecast` (the
model's forecast, personalised when the learner types re-test results into the log box)
and to the trace data of
:func:`backbalance.strength_gap.charts.strength_chart`. On every change it updates the traces of one
``go.FigureWidget`` in place (inside ``batch_update``), so the chart is never rebuilt or
re-displayed. It needs a running kernel; the static book shows the kernel-free range
sliders of :func:`backbalance.strength_gap.charts.stepped_strength_chart` instead.

Examples
--------
>>> app = StrengthGapApp(draws=50)  # the parameters of Course.find()
>>> app.controls["weak_extra_sets"].value = 6
>>> app.summary.value.startswith('<p aria-live="polite">Weak (left) side. No re-test logged yet')
True
>>> app.controls["log"].value = "0,80,100;4,88,104".replace(";", chr(10))
>>> "Your log so far says" in app.summary.value
True
"""

from __future__ import annotations

import math
from functools import partial

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from backbalance.common.controls import labelled, live
from backbalance.course import Course
from backbalance.strength_gap.charts import strength_chart, strength_traces
from backbalance.strength_gap.dynamics import CAUSES, draw_people, with_cross_education
from backbalance.strength_gap.forecast import Forecast, LogError, forecast
from backbalance.strength_gap.model import GapBeyondLimit, Scenario, Simulation
from backbalance.strength_gap.parameters import STATUSES, ModelParameters
from backbalance.tracker.data import parse_progress

CHART_TITLE = (
    "Strength of each side over the weeks (line: typical person; band: 8 in 10 re-test results)"
)

CAUSE_LABELS = {
    "unknown": "I do not know (shows both)",
    "disuse": "Disuse or an old injury",
    "handedness": "Handedness (dominant side)",
}


def summary_text(result: Forecast) -> str:
    """The summary line: what the log says, and when the weaker side reaches each target.

    Parameters
    ----------
    result
        The current forecast.

    Returns
    -------
    str
        For example ``Weak (left) side. No re-test logged yet: ... LSI 90% likely by week
        14-51 (typical week 28). ...``
    """
    return f"Weak ({result.posterior.plan.weak_side}) side. {result.message()}"


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
        ``gap``, ``strong_sets``, ``weak_extra_sets``, ``weeks``, ``status``, ``cause``,
        ``adherence``, ``cross_education``, ``detraining`` and ``log`` (re-test results,
        one ``week,left,right`` line each, the tracker's CSV format).
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
        self.test_sem = Course.find().assessment.strength.test_error.sem_percent
        self._people = {cause: draw_people(params, draws, seed, cause=cause) for cause in CAUSES}
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
            "cause": _labelled(
                widgets.Dropdown,
                "Where the gap comes from",
                options=[(label, cause) for cause, label in CAUSE_LABELS.items()],
                value="unknown",
            ),
            "adherence": _labelled(
                widgets.FloatSlider,
                "Share of planned sets done",
                min=0.5,
                max=1,
                step=0.05,
                value=1,
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
            "log": widgets.Textarea(
                value="",
                placeholder="Your re-tests, one per line: week,left,right (for example 0,80,100)",
                description="Your log",
                layout=widgets.Layout(width="34em", height="6em"),
            ),
        }
        self.controls["weak_extra_sets"].add_class("bb-weak-extra")
        result = self.forecast()
        self.figure = go.FigureWidget(strength_chart(result.posterior, title=CHART_TITLE))
        self.summary = widgets.HTML(
            str(live(summary_text(result))), layout=widgets.Layout(margin="0.5em 0")
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
            cause=value["cause"],
            adherence=value["adherence"],
        )

    def log_rows(self) -> pd.DataFrame | None:
        """The usable rows of the log box (the tracker's reader), or None when empty."""
        text = self.controls["log"].value
        if not text.strip():
            return None
        if not text.lstrip()[:1].isalpha():
            text = "week,left,right\n" + text
        rows = parse_progress(text).rows
        return rows if not rows.empty else None

    def forecast(self) -> Forecast:
        """The forecast for the current settings and log."""
        params = self.params.with_cross_education(self.controls["cross_education"].value)
        scenario = self.scenario()
        people = with_cross_education(
            self._people[scenario.cause], params.cross_education.value, self.params
        )
        return forecast(
            scenario, params, self.log_rows(), test_sem_percent=self.test_sem, people=people
        )

    def simulation(self) -> Simulation:
        """The current settings' (personalised) simulation."""
        return self.forecast().posterior

    def update(self, change: object = None) -> None:
        """Re-simulate and update the chart's trace data and the summary line in place.

        A value that is not a number (NaN set from code; the sliders cannot send one), a gap
        beyond the course's limit or an unusable log gets a message in the summary line and
        leaves the chart as it was.
        """
        bad = [
            control.description
            for control in self.controls.values()
            if isinstance(control.value, float) and not math.isfinite(control.value)
        ]
        if bad:
            self.summary.value = str(live(f"{bad[0]} is not a number: move its slider."))
            return
        try:
            result = self.forecast()
        except (GapBeyondLimit, LogError) as err:
            self.summary.value = str(live(str(err)))
            return
        with self.figure.batch_update():
            for trace, data in zip(
                self.figure.data, strength_traces(result.posterior), strict=True
            ):
                trace.x, trace.y = data["x"], data["y"]
        self.summary.value = str(live(summary_text(result)))
