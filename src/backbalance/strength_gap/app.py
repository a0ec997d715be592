"""JupyterLab app for the strength-gap simulation: sliders, a live chart and a summary line.

The app only wires controls to :func:`backbalance.strength_gap.forecast.forecast` (the
model's forecast, personalised when the learner types re-test results into the log box)
and to the trace data of
:func:`backbalance.strength_gap.charts.strength_chart`. On every change it gives one
:class:`~backbalance.common.live_chart.LiveChart` the traces' new numbers, so the chart is
never rebuilt or re-displayed. It needs a running kernel; the static book shows the
kernel-free range sliders of :func:`backbalance.strength_gap.charts.stepped_strength_chart`
instead.

The slider path is kept fast (issue 11: slider to chart within 50 ms) in ways that never
change what is shown. What the chart and the summary show for a set of control values is
kept, ready to send (the traces' numbers as the chart's one binary buffer, the range of the
data and the summary's HTML: a move the cache answers only hands them over), in a small
least-recently-used cache keyed by all the values (the people are drawn once, with the
same seed, so a setting always gives the same picture). After a slider
move is drawn, a background thread works out the settings up to two steps either side of
it, so the next key presses or a small drag find them ready. That thread only fills the
cache: the chart and the summary are set only by :meth:`StrengthGapApp.update`, from the
controls' values at that moment, so a precomputed result can never be shown for other
values.

Each update also offers the chart the cached settings one step either side of the moved
slider (:meth:`StrengthGapApp.ahead`, :class:`~backbalance.common.live_chart.Ahead`). When
the learner takes that step and every other control still has the value it had, the
browser draws the offered numbers at once, without the round trip to the kernel (about
20 ms of a 45 ms move, measured on a shared two-core machine on 2026-12-02); the kernel's
answer, the same numbers, follows and redraws nothing, and it brings the summary line. A
step with nothing offered (a jump, a fast drag, a first move) is drawn when the kernel
answers.

In the browser, a full Plotly redraw (legend, axes, title, margins, then the traces) took
most of a move's time. The axes therefore have fixed ranges that the app sets itself
(:func:`axis_range`: nice round ends that hold every trace, kept while the data fits them
well), and a move that changes only the traces' numbers within those ranges redraws only
the traces (:meth:`LiveChart.show <backbalance.common.live_chart.LiveChart.show>`); a move
that needs other ranges, or a trace that gains or loses its points, gets the full redraw
with the new ranges in the same message. The chart sends nothing back to the kernel
(plotly's ``FigureWidget`` did, after every redraw).

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
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

import ipywidgets as widgets
import numpy as np
import pandas as pd

from backbalance.common.controls import labelled, live
from backbalance.common.live_chart import Ahead, LiveChart, Numbers
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

CACHE_SIZE = 128
"""Settings whose chart and summary the app keeps (each entry is a few kilobytes)."""

PRECOMPUTE_REACH = 2
"""Slider steps either side of a move that the background thread works out: a move one
step on then finds the step after it ready, which the browser may draw at once
(:meth:`StrengthGapApp.ahead`)."""

AXIS_STEPS = 8
"""About how many round steps the strength axis spans at most (:func:`axis_range`)."""

AXIS_PAD = 0.02
"""Room kept between the data and an axis end, as a share of the data's span."""

AXIS_KEEP = 0.75
"""An axis keeps its range while the range the data would get is at least this share of
it (and holds the data): small moves do not make the chart jump."""

Settings = tuple[tuple[str, object], ...]
"""Every control's ``(name, value)``, in the order of ``StrengthGapApp.controls``."""


@dataclass(frozen=True)
class View:
    """What the app shows for one set of control values, ready to send: the chart's trace
    numbers (in the order of :func:`~backbalance.strength_gap.charts.strength_traces`), the
    week axis's range, the lowest and highest strength any trace shows, and the summary
    line's HTML."""

    numbers: Numbers
    week_axis: tuple[float, float]
    strength: tuple[float, float]
    summary: str


def _round_step(span: float) -> float:
    """A 1, 2 or 5 times a power of ten that cuts ``span`` into about :data:`AXIS_STEPS`."""
    raw = span / AXIS_STEPS
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _padded(low: float, high: float) -> tuple[float, float]:
    """``low``..``high`` widened by :data:`AXIS_PAD` of their span (of 1 when they are equal)."""
    pad = AXIS_PAD * (high - low if high > low else max(abs(high), 1.0))
    return low - pad, high + pad


def week_range(weeks: np.ndarray) -> tuple[float, float]:
    """The week axis: the weeks shown, with a little room for the end markers.

    >>> week_range(np.arange(53))
    (-1.04, 53.04)
    """
    low, high = _padded(float(weeks.min()), float(weeks.max()))
    return round(low, 6), round(high, 6)


def axis_range(
    low: float, high: float, shown: tuple[float, float] | None = None
) -> tuple[float, float]:
    """The strength axis: round ends that hold ``low``..``high`` with a little room; the
    ``shown`` range instead, while it holds them and is not much wider (:data:`AXIS_KEEP`).

    >>> axis_range(75.7, 197.5)
    (60.0, 200.0)
    >>> axis_range(80.0, 190.0, shown=(60.0, 200.0))
    (60.0, 200.0)
    >>> axis_range(30.0, 190.0, shown=(60.0, 200.0))
    (0.0, 200.0)
    """
    low, high = _padded(low, high)
    step = _round_step(high - low)
    fitted = (float(math.floor(low / step) * step), float(math.ceil(high / step) * step))
    if shown is not None:
        start, end = shown
        if start <= low and high <= end and fitted[1] - fitted[0] >= AXIS_KEEP * (end - start):
            return shown
    return fitted


def step_digits(step: float) -> int:
    """The decimals of a slider's ``step``.

    >>> step_digits(0.05), step_digits(1), step_digits(4.0)
    (2, 0, 0)
    """
    return max(0, -Decimal(str(step)).normalize().as_tuple().exponent)


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
    precompute
        After each slider move is drawn, work out the settings up to
        :data:`PRECOMPUTE_REACH` steps either side of it in a background thread (see the
        module's notes); off, only the cache is used.
    offers
        After each slider move, offer the chart the cached settings one step either side
        (:meth:`ahead`), which the browser then draws without waiting for the kernel; the
        ``offers`` attribute turns this on and off.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``gap``, ``strong_sets``, ``weak_extra_sets``, ``weeks``, ``status``, ``cause``,
        ``adherence``, ``cross_education``, ``detraining`` and ``log`` (re-test results,
        one ``week,left,right`` line each, the tracker's CSV format).
    chart : backbalance.common.live_chart.LiveChart
        The chart, updated in place.
    offers : bool
        Whether each move offers the chart the slider's next steps (``offers`` above).
    summary : ipywidgets.HTML
        Weeks to each LSI target for the current settings.
    """

    def __init__(
        self,
        params: ModelParameters | None = None,
        *,
        draws: int = 1000,
        seed: int = 0,
        precompute: bool = True,
        offers: bool = True,
    ) -> None:
        params = params if params is not None else Course.find().parameters
        self.params, self.draws, self.seed, self.offers = params, draws, seed, offers
        self._views: OrderedDict[Settings, View] = OrderedDict()
        self._lock = threading.Lock()
        self._moves = 0
        """Counts the updates; a background job queued before the latest one is skipped."""
        self._worker = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="bb-strength-gap")
            if precompute
            else None
        )
        course = Course.find()
        self.test_sem = course.assessment.strength.test_error.sem_percent
        case = course.forecast_wording.forecast.case
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
                widgets.Dropdown, case.question, options=case.choice.options(), value="unknown"
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
        first = self._remember(self.settings(), result)
        figure = strength_chart(result.posterior, title=CHART_TITLE)
        figure.update_layout(xaxis_range=first.week_axis, yaxis_range=axis_range(*first.strength))
        self.chart = LiveChart(figure)
        self.summary = widgets.HTML(first.summary, layout=widgets.Layout(margin="0.5em 0"))
        self.summary.add_class("bb-summary")
        for control in self.controls.values():
            control.observe(self.update, names="value")
        super().__init__([*self.controls.values(), self.summary, self.chart])
        self.add_class("bb-strength-gap-app")

    def settings(self) -> Settings:
        """Every control's current ``(name, value)``: the key of what the app shows."""
        return tuple((name, control.value) for name, control in self.controls.items())

    def scenario(self, settings: Settings | None = None) -> Scenario:
        """The plan the sliders describe (by default their current values)."""
        value = dict(settings if settings is not None else self.settings())
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

    def log_rows(self, text: str | None = None) -> pd.DataFrame | None:
        """The usable rows of the log box, or of ``text`` (the tracker's reader), or None
        when empty."""
        text = text if text is not None else self.controls["log"].value
        if not text.strip():
            return None
        if not text.lstrip()[:1].isalpha():
            text = "week,left,right\n" + text
        rows = parse_progress(text).rows
        return rows if not rows.empty else None

    def forecast(self, settings: Settings | None = None) -> Forecast:
        """The forecast for the current settings and log (or for ``settings``)."""
        settings = settings if settings is not None else self.settings()
        value = dict(settings)
        params = self.params.with_cross_education(value["cross_education"])
        scenario = self.scenario(settings)
        people = with_cross_education(
            self._people[scenario.cause], params.cross_education.value, self.params
        )
        return forecast(
            scenario,
            params,
            self.log_rows(value["log"]),
            test_sem_percent=self.test_sem,
            people=people,
        )

    def view(self, settings: Settings) -> View:
        """What the chart and the summary show for ``settings``, from the cache when there.

        Raises the forecast's :class:`GapBeyondLimit` or :class:`LogError` (not cached).
        """
        with self._lock:
            cached = self._views.get(settings)
            if cached is not None:
                self._views.move_to_end(settings)
                return cached
        return self._remember(settings, self.forecast(settings))

    def _remember(self, settings: Settings, result: Forecast) -> View:
        """The view of ``result``, kept in the cache as that of ``settings``."""
        traces = [(data["x"], data["y"]) for data in strength_traces(result.posterior)]
        strength = [y for _, y in traces if len(y)]
        made = View(
            numbers=LiveChart.numbers(traces),
            week_axis=week_range(np.asarray(traces[0][0])),
            strength=(min(map(min, strength)), max(map(max, strength))),
            summary=str(live(summary_text(result))),
        )
        with self._lock:
            self._views[settings] = made
            while len(self._views) > CACHE_SIZE:
                self._views.popitem(last=False)
        return made

    def neighbours(self, name: str, settings: Settings, reach: int = 1) -> list[Settings]:
        """``settings`` with the slider ``name`` up to ``reach`` steps down and up (within
        its range), the nearest first, each value to the digits of the slider's step (as
        the browser's slider sends it: 0.3, not 0.35 - 0.05 = 0.29999999999999993); none for
        a control that is not a number slider."""
        control = self.controls[name]
        if not isinstance(control, widgets.FloatSlider | widgets.IntSlider):
            return []
        value, digits = dict(settings)[name], step_digits(control.step)
        near = [
            round(value + side * step * control.step, digits)
            for step in range(1, reach + 1)
            for side in (-1, 1)
        ]
        return [
            tuple((key, step if key == name else old) for key, old in settings)
            for step in near
            if control.min <= step <= control.max
        ]

    def ahead(self, name: str, settings: Settings, ranges: dict[str, tuple]) -> Ahead:
        """What the browser may draw at once when the slider ``name`` moves one step from
        ``settings`` (:class:`~backbalance.common.live_chart.Ahead`): the views of the
        cache (it simulates nothing) that the axes ``ranges`` (the ones drawn with
        ``settings``) hold as they are."""
        with self._lock:
            near = [(dict(s)[name], self._views.get(s)) for s in self.neighbours(name, settings)]
        return Ahead(
            control=self.controls[name],
            kept=[control for key, control in self.controls.items() if key != name],
            views=[
                (value, view.numbers)
                for value, view in near
                if view is not None
                and view.week_axis == ranges["x"]
                and axis_range(*view.strength, shown=ranges["y"]) == ranges["y"]
            ],
        )

    def _warm(self, settings: Settings, move: int) -> None:
        """Background job: put ``settings`` in the cache unless a newer move came since."""
        if move != self._moves:
            return
        try:
            self.view(settings)
        except (GapBeyondLimit, LogError):
            return  # the foreground shows the message if the learner goes there

    def wait_for_background(self) -> None:
        """Return once the background jobs queued so far are done (the tests and the bench)."""
        if self._worker is not None:
            self._worker.submit(lambda: None).result()

    def simulation(self) -> Simulation:
        """The current settings' (personalised) simulation."""
        return self.forecast().posterior

    def update(self, change: object = None) -> None:
        """Show the current settings: the chart's changed trace data, with the moved
        slider's next steps offered (:meth:`ahead`), and the summary line, updated in place
        from :meth:`view`; then queue the slider's neighbours.

        A value that is not a number (NaN set from code; the sliders cannot send one), a gap
        beyond the course's limit or an unusable log gets a message in the summary line and
        leaves the chart as it was (and what it was offered: the offers name the settings
        they are for).
        """
        bad = [
            control.description
            for control in self.controls.values()
            if isinstance(control.value, float) and not math.isfinite(control.value)
        ]
        if bad:
            self.summary.value = str(live(f"{bad[0]} is not a number: move its slider."))
            return
        self._moves += 1
        settings = self.settings()
        try:
            shown = self.view(settings)
        except (GapBeyondLimit, LogError) as err:
            self.summary.value = str(live(str(err)))
            return
        name = self._name_of(change)
        ranges = self.ranges(shown)
        offered = name is not None and self.offers
        ahead = self.ahead(name, settings, ranges) if offered else None
        self.chart.show(shown.numbers, ranges=ranges, ahead=ahead)
        self.summary.value = shown.summary
        if self._worker is not None and name is not None:
            for near in self.neighbours(name, settings, reach=PRECOMPUTE_REACH):
                self._worker.submit(self._warm, near, self._moves)

    def ranges(self, shown: View) -> dict[str, tuple[float, float]]:
        """The axes for ``shown``: its weeks, and the strength axis as drawn while it holds
        the data well (:func:`axis_range`). With these ranges and as many points per trace,
        only the traces are redrawn (:meth:`LiveChart.show
        <backbalance.common.live_chart.LiveChart.show>`)."""
        return {
            "x": shown.week_axis,
            "y": axis_range(*shown.strength, shown=self.chart.range("y")),
        }

    def _name_of(self, change: object) -> str | None:
        """The name of the control that sent ``change`` (a traitlets change), else None."""
        owner = change.get("owner") if isinstance(change, dict) else None
        return next((name for name, control in self.controls.items() if control is owner), None)
