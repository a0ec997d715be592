"""The JupyterLab app of the progress tracker: re-test results against the forecast band.

It wires a table of text boxes to :mod:`backbalance.tracker.data` (reading the rows) and
:mod:`backbalance.tracker.progress` (the verdict), and shows :mod:`backbalance.tracker.charts`.
The log is saved as ``my_progress.csv`` in ``folder``, by default the notebook's folder.

Examples
--------
>>> from backbalance.assessment.profile import load_profile
>>> from backbalance.course import Course
>>> from backbalance.programme.build import Setup, build_programme
>>> course = Course.find()
>>> programme = build_programme(load_profile(course.path("examples", "desk-worker.json")),
...     Setup(), course.exercises, course.programme_template, course.parameters)
>>> app = ProgressApp(course.parameters, programme)
>>> [box.description for box in app.rows[0].values()]
['Row 1 week', 'Row 1 left', 'Row 1 right', 'Row 1 notes']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from backbalance.common.controls import button, live, save_to
from backbalance.common.html import render
from backbalance.programme.build import Programme
from backbalance.strength_gap.parameters import ModelParameters
from backbalance.tracker.charts import progress_chart, results_chart
from backbalance.tracker.data import COLUMNS, ProgressLog, log_csv, progress_from_rows
from backbalance.tracker.progress import assess_progress


class ProgressApp(widgets.VBox):
    """A table of re-test results, checked row by row, against the forecast band.

    Parameters
    ----------
    params
        The model's parameters.
    programme
        The learner's programme, for its weekly sets and training status.
    log
        Rows to start with (for example the course's example file).
    folder
        Where ``my_progress.csv`` is saved.
    """

    def __init__(
        self,
        params: ModelParameters,
        programme: Programme,
        *,
        log: ProgressLog | None = None,
        folder: Path | str = ".",
    ) -> None:
        self.params, self.programme, self.folder = params, programme, Path(folder)
        self.rows: list[dict[str, widgets.Text]] = []
        self.table = widgets.VBox()
        self.problems = widgets.HTML()
        self.problems.add_class("bb-problems")
        self.verdict = widgets.HTML()
        self.verdict.add_class("bb-verdict")
        self.charts = widgets.Output()
        self.saved = widgets.HTML()
        for _, row in log.rows.iterrows() if log is not None else ():
            self.add_row(
                values={
                    "week": str(row["week"]),
                    "left": f"{row['left']:g}",
                    "right": f"{row['right']:g}",
                    "notes": row["notes"],
                }
            )
        if not self.rows:
            self.add_row()
        super().__init__(
            [
                widgets.HTML(render("tracker-intro.html.j2")),
                self.table,
                widgets.HBox(
                    [
                        button("Add a row", "bb-add-row", self.add_row),
                        button("Check and compare", "bb-compare", self.compare),
                        button("Save my log (CSV)", "bb-save-log", self.save),
                    ]
                ),
                self.problems,
                self.verdict,
                self.charts,
                self.saved,
            ]
        )
        self.add_class("bb-progress-app")

    def add_row(self, button: Any = None, values: dict[str, str] | None = None) -> None:
        """Add a row of boxes, labelled with its row number."""
        number = len(self.rows) + 1
        boxes = {
            column: widgets.Text(
                value=(values or {}).get(column, ""),
                description=f"Row {number} {column}",
                style={"description_width": "7em"},
                layout=widgets.Layout(width="30em" if column == "notes" else "13em"),
            )
            for column in COLUMNS
        }
        self.rows.append(boxes)
        self.table.children = (*self.table.children, widgets.HBox(list(boxes.values())))

    def log(self) -> ProgressLog:
        """The rows as typed, checked: row numbers are those shown next to the boxes."""
        return progress_from_rows(
            (n, {c: box.value for c, box in row.items()}) for n, row in enumerate(self.rows, 1)
        )

    def compare(self, button: Any = None) -> None:
        """Check the rows, then show the verdict, the suggestion and the charts."""
        log = self.log()
        self.problems.value = render("tracker-problems.html.j2", problems=log.problems)
        progress = assess_progress(
            log,
            self.params,
            strong_sets=self.programme.strong_sets,
            extra_sets=self.programme.extra_sets,
            max_weak_sets=self.programme.max_weak_sets,
            status=self.programme.profile.training_status or "novice",
        )
        self.charts.clear_output()
        if progress is None:
            self.verdict.value = live("No usable row yet.")
            return
        self.verdict.value = live(progress.suggestion)
        with self.charts:
            display(progress_chart(progress), results_chart(log))

    def save(self, button: Any = None) -> Path:
        """Save the usable rows as ``my_progress.csv``."""
        return save_to(self.folder, "my_progress.csv", log_csv(self.log()), self.saved)
