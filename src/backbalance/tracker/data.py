"""The progress log: a learner's re-test results, read from CSV text or typed in a table.

A learner logs the left and right result of the same test (for example single-arm rows at
a fixed weight) every few weeks, in a CSV file they own or in a table in JupyterLab::

    week,left,right,notes
    0,9,12,first test
    4,11,13,

Reading the log never fails: a row that cannot be used is reported with its line number
and the reason, and the other rows are kept. Week 0 is the first test, taken when Phase 2
starts. :mod:`backbalance.tracker.progress` compares the log with the model's forecast.

Examples
--------
>>> from backbalance.course import Course
>>> log = read_progress_csv(Course.find().path("examples", "progress.csv"))
>>> [str(p) for p in log.problems]
["line 5: left must be a number above 0 and at most 1000, got 'twelve'"]
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from backbalance.assessment.logic import limb_symmetry_index, parse_number
from backbalance.common.spreadsheet import safe_csv

COLUMNS = ("week", "left", "right", "notes")
REQUIRED = ("week", "left", "right")
MAX_WEEK = 156
MAX_RESULT = 1000.0
NOTES_LIMIT = 200


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
    digits = week_text.lstrip("0") or "0"  # counted before int(), which refuses 4,300 digits
    if (
        not (week_text.isascii() and week_text.isdigit())
        or len(digits) > len(str(MAX_WEEK))
        or int(digits) > MAX_WEEK
    ):
        return RowProblem(
            line, f"week must be a whole number from 0 to {MAX_WEEK}, got {week_text!r}"
        )
    week = int(digits)
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
