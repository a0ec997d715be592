"""Progress tracker: a learner's re-test results against the strength-gap model's forecast.

A learner logs the left and right result of the same test (for example single-arm rows at
a fixed weight) every few weeks, in a CSV file they own or in a table in JupyterLab::

    week,left,right,notes
    0,9,12,first test
    4,11,13,

Reading the log never fails: a row that cannot be used is reported with its line number
and the reason, and the other rows are kept. Week 0 is the first test, taken when Phase 2
starts. The forecast starts from that first test: the model's P10-P90 band of the limb
symmetry index (LSI) for the learner's weekly sets. The latest result is then ahead of
the band, on track (inside it) or behind it; when behind, :func:`assess_progress` suggests
more weak-side sets, up to the limit where extra sets stop paying off
(:func:`backbalance.programme.build.dose_cap`).

Examples
--------
>>> from backbalance.tracker.progress import read_progress_csv
>>> log = read_progress_csv("data/examples/progress.csv")  # doctest: +SKIP
>>> [str(p) for p in log.problems]  # doctest: +SKIP
["line 5: left must be a number above 0 and at most 1000, got 'twelve'"]
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from backbalance.assessment.logic import limb_symmetry_index, parse_number
from backbalance.programme.build import safe_csv
from backbalance.strength_gap.model import Parity, Scenario, Simulation, simulate
from backbalance.strength_gap.parameters import ModelParameters, Status

COLUMNS = ("week", "left", "right", "notes")
REQUIRED = ("week", "left", "right")
MAX_WEEK = 156
MAX_RESULT = 1000.0
NOTES_LIMIT = 200

Verdict = Literal["baseline", "reached", "ahead", "on track", "behind"]


@dataclass(frozen=True)
class RowProblem:
    """A row of the log that could not be used, and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class ProgressLog:
    """The usable rows of a log, sorted by week, and the problems with the others.

    ``rows`` has columns ``week`` (int), ``left``, ``right``, ``lsi`` (weaker ÷ stronger ×
    100, rounded to one decimal) and ``notes``.
    """

    rows: pd.DataFrame
    problems: tuple[RowProblem, ...]


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "week": pd.Series(dtype="int64"),
            "left": pd.Series(dtype=float),
            "right": pd.Series(dtype=float),
            "lsi": pd.Series(dtype=float),
            "notes": pd.Series(dtype=object),
        }
    )


def _result(name: str, text: str) -> tuple[float | None, str | None]:
    value = parse_number(text)
    if not text.strip():
        return None, f"{name} is missing"
    if value is None or value <= 0 or value > MAX_RESULT:
        return (
            None,
            f"{name} must be a number above 0 and at most {MAX_RESULT:g}, got {text.strip()!r}",
        )
    return value, None


def check_row(
    cells: Mapping[str, str], line: int, seen: Mapping[int, int]
) -> dict[str, object] | RowProblem:
    """Check one row: a whole week from 0, two positive results, optional notes.

    Parameters
    ----------
    cells
        Column name to the text in that cell.
    line
        The row's line number, for the message.
    seen
        Weeks already logged, mapped to their line numbers.

    Returns
    -------
    dict or RowProblem
        The usable row, or the first reason it cannot be used.
    """
    week_text = cells.get("week", "").strip()
    if not (week_text.isascii() and week_text.isdigit()) or int(week_text) > MAX_WEEK:
        return RowProblem(
            line, f"week must be a whole number from 0 to {MAX_WEEK}, got {week_text!r}"
        )
    week = int(week_text)
    if week in seen:
        return RowProblem(
            line, f"week {week} is already on line {seen[week]}; keep one result per week"
        )
    values = {}
    for side in ("left", "right"):
        value, reason = _result(side, cells.get(side, ""))
        if reason is not None:
            return RowProblem(line, reason)
        values[side] = value
    notes = cells.get("notes", "").strip()
    if len(notes) > NOTES_LIMIT:
        return RowProblem(line, f"notes must be at most {NOTES_LIMIT} characters, got {len(notes)}")
    return {
        "week": week,
        **values,
        "lsi": limb_symmetry_index(values["left"], values["right"]),
        "notes": notes,
    }


def progress_from_rows(rows: Iterable[tuple[int, Mapping[str, str]]]) -> ProgressLog:
    """Check numbered rows (from a file or a table) and keep the usable ones.

    Parameters
    ----------
    rows
        ``(line number, {column: text})`` pairs; rows whose cells are all empty are skipped.

    Returns
    -------
    ProgressLog
    """
    good, problems, seen = [], [], {}
    for line, cells in rows:
        if not any(str(value).strip() for value in cells.values()):
            continue
        checked = check_row(cells, line, seen)
        if isinstance(checked, RowProblem):
            problems.append(checked)
        else:
            seen[int(checked["week"])] = line  # type: ignore[call-overload]
            good.append(checked)
    table = pd.DataFrame(good, columns=list(_empty_rows().columns)) if good else _empty_rows()
    table = table.astype({"week": "int64", "left": float, "right": float, "lsi": float})
    return ProgressLog(
        table.sort_values("week", kind="stable").reset_index(drop=True), tuple(problems)
    )


def _header(cells: list[str]) -> list[str] | None:
    """The column names of a header line, or None when the line is data (starts with a number)."""
    names = [cell.strip().lower() for cell in cells]
    return None if names and names[0].isdigit() else names


def _lines(raw: bytes) -> tuple[list[tuple[int, str]], list[RowProblem]]:
    """Decode each line on its own, so one bad line does not lose the others."""
    lines, problems = [], []
    for number, chunk in enumerate(raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            lines.append((number, chunk.decode("utf-8").rstrip("\r")))
        except UnicodeDecodeError:
            problems.append(RowProblem(number, "is not UTF-8 text; save the file as CSV UTF-8"))
    return lines, problems


def parse_progress(raw: bytes | str) -> ProgressLog:
    """Read a progress log from CSV text; never raises.

    The first line names the columns ``week``, ``left``, ``right`` and, optionally,
    ``notes`` (in any order); when it starts with a number instead, the columns are taken
    to be in that order. Each result is one line; lines starting with ``#`` are comments.

    Parameters
    ----------
    raw
        The file's bytes or text.

    Returns
    -------
    ProgressLog
        Usable rows and one problem per unusable line, numbered from 1.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    lines, problems = _lines(data)
    lines = [(n, text) for n, text in lines if text.strip() and not text.lstrip().startswith("#")]
    rows: list[tuple[int, dict[str, str]]] = []
    columns: list[str] | None = None
    for number, text in lines:
        try:
            cells = next(csv.reader([text], strict=True))
        except csv.Error as err:
            problems.append(
                RowProblem(
                    number, f"cannot be read as CSV ({str(err).rstrip('.')}); check the quotes"
                )
            )
            continue
        if columns is None:
            header = _header(cells)
            columns = header or list(COLUMNS)
            missing = [name for name in REQUIRED if name not in columns]
            if missing:
                problems.append(
                    RowProblem(
                        number,
                        f"the first line must name the columns week, left and right "
                        f"(notes is optional); {missing[0]!r} is missing",
                    )
                )
                return ProgressLog(_empty_rows(), tuple(problems))
            if header is not None:
                continue
        if len(cells) > len(columns):
            problems.append(
                RowProblem(
                    number,
                    f"has {len(cells)} cells but there are {len(columns)} columns; "
                    "put notes that hold a comma in double quotes",
                )
            )
            continue
        rows.append((number, dict(zip(columns, cells, strict=False))))
    log = progress_from_rows(rows)
    return ProgressLog(log.rows, tuple(sorted((*problems, *log.problems), key=lambda p: p.line)))


def read_progress_csv(path: Path | str) -> ProgressLog:
    """Read a progress log file; a missing file is a problem on line 0, never an exception."""
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        return ProgressLog(_empty_rows(), (RowProblem(0, f"cannot open {path} ({err.strerror})"),))
    return parse_progress(raw)


def log_csv(log: ProgressLog) -> str:
    """The usable rows as CSV, safe to open in a spreadsheet (notes cannot run as formulas)."""
    return safe_csv(log.rows[list(COLUMNS)])


# --------------------------------------------------------------------------- against the forecast


@dataclass(frozen=True)
class Progress:
    """The latest result against the forecast from the first test.

    Attributes
    ----------
    log
        The learner's rows.
    forecast
        The model's simulation from the first test, with the learner's weekly sets.
    status
        ``baseline`` (one test so far), ``reached`` (LSI at or above the target),
        ``ahead``, ``on track`` or ``behind`` the P10-P90 band.
    suggestion
        What to do next, in plain words.
    """

    log: ProgressLog
    forecast: Simulation
    status: Verdict
    suggestion: str

    def band(self) -> pd.DataFrame:
        """The forecast's LSI by week: columns ``week``, ``lsi`` (P50), ``lsi_p10``, ``lsi_p90``."""
        table = self.forecast.table
        return table.loc[
            table["side"] == "left", ["week", "lsi", "lsi_p10", "lsi_p90"]
        ].reset_index(drop=True)

    @property
    def target(self) -> float:
        """The LSI target, in per cent."""
        return self.forecast.parity[0].target


def _plan_from(
    row: pd.Series, strong_sets: float, extra_sets: float, status: Status, weeks: int
) -> Scenario:
    return Scenario.from_strengths(
        float(row["left"]),
        float(row["right"]),
        strong_sets=strong_sets,
        weak_extra_sets=extra_sets,
        weeks=weeks,
        status=status,
    )


def _behind(
    latest: pd.Series,
    params: ModelParameters,
    *,
    strong_sets: int,
    extra_sets: int,
    max_weak_sets: int,
    status: Status,
    weeks: int,
    draws: int,
    seed: int,
) -> str:
    """More weak-side sets, up to the diminishing-returns limit; or other things to check."""
    checks = (
        "Check your form on video, make sure the weaker side goes first, and re-test on a second day: "
        "a single test can be off by a lot."
    )
    room = max_weak_sets - strong_sets - extra_sets
    if room <= 0:
        return (
            f"You are behind the forecast band. You already do {strong_sets + extra_sets} sets a week on the "
            "weaker side, where the model's extra sets add little. "
            + checks
            + " If nothing changes, a physiotherapist or qualified trainer can help."
        )
    more = min(2, room)
    target = params.lsi_targets.value[0]
    now, then = (
        simulate(
            _plan_from(latest, strong_sets, extra, status, weeks), params, draws=draws, seed=seed
        ).parity_at(target)
        for extra in (extra_sets, extra_sets + more)
    )
    return (
        f"You are behind the forecast band. You could add {more} weak-side set{'s' if more > 1 else ''} a week "
        f"({strong_sets + extra_sets + more} against {strong_sets}). From your latest result, the model's typical "
        f"person would then reach LSI {target:g}% {_weeks_from_now(then)} instead of {_weeks_from_now(now)}. "
        + checks
    )


def _weeks_from_now(parity: Parity) -> str:
    if parity.typical is None:
        return f"not within {parity.horizon} weeks"
    return f"in about {parity.typical} week{'s' if parity.typical != 1 else ''}"


def assess_progress(
    log: ProgressLog,
    params: ModelParameters,
    *,
    strong_sets: int,
    extra_sets: int,
    max_weak_sets: int,
    status: Status = "novice",
    weeks: int = 52,
    draws: int = 1000,
    seed: int = 0,
) -> Progress | None:
    """Compare the latest result with the model's forecast from the first test.

    Parameters
    ----------
    log
        From :func:`parse_progress`, :func:`read_progress_csv` or :func:`progress_from_rows`.
    params
        The model's parameters; the target is the first of ``lsi_targets``.
    strong_sets, extra_sets
        Weekly sets of the stronger side, and the weaker side's extra sets (for example
        :attr:`backbalance.programme.build.Programme.strong_sets` and ``extra_sets``).
    max_weak_sets
        The weaker side's weekly sets at which the dose-response curve flattens
        (:attr:`backbalance.programme.build.Programme.max_weak_sets`).
    status
        Training status.
    weeks
        How far the forecast looks, at least to the latest logged week.
    draws, seed
        As in :func:`backbalance.strength_gap.model.simulate`.

    Returns
    -------
    Progress or None
        None when the log has no usable row.
    """
    if log.rows.empty:
        return None
    rows = log.rows
    first, latest = rows.iloc[0], rows.iloc[-1]
    elapsed = int(latest["week"] - first["week"])
    horizon = max(weeks, elapsed)
    forecast = simulate(
        _plan_from(first, strong_sets, extra_sets, status, horizon), params, draws=draws, seed=seed
    )
    target = params.lsi_targets.value[0]
    band = forecast.table[forecast.table["side"] == "left"].set_index("week").loc[elapsed]
    measured = float(latest["lsi"])
    if measured >= target:
        return Progress(
            log,
            forecast,
            "reached",
            f"Your LSI is {measured:g}%, at or above {target:g}%. Re-test on a second day. If it holds, "
            "move on to Phase 3 and train both sides evenly.",
        )
    if elapsed == 0:
        return Progress(
            log,
            forecast,
            "baseline",
            "This is your starting point. Log your next test in four weeks to compare it with the forecast.",
        )
    if measured > band["lsi_p90"]:
        return Progress(
            log,
            forecast,
            "ahead",
            "You are ahead of the forecast band. Keep going with the same plan.",
        )
    if measured >= band["lsi_p10"]:
        return Progress(
            log,
            forecast,
            "on track",
            "You are on track: inside the band where 8 in 10 people land. Keep going with the same plan.",
        )
    return Progress(
        log,
        forecast,
        "behind",
        _behind(
            latest,
            params,
            strong_sets=strong_sets,
            extra_sets=extra_sets,
            max_weak_sets=max_weak_sets,
            status=status,
            weeks=weeks,
            draws=draws,
            seed=seed,
        ),
    )
