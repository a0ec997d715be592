"""The progress log: a learner's re-test results, read from CSV text or typed in a table.

A learner logs the left and right result of the same test (for example single-arm rows at
a fixed weight) every few weeks, in a CSV file they own or in a table in JupyterLab::

    week,left,right,notes
    0,9,12,first test
    4,11,13,

Reading the log never fails: a row that cannot be used is reported with its line number
and the reason, and the other rows are kept. Week 0 is the first test, taken when Phase 2
starts. :mod:`backbalance.tracker.progress` compares the log with the model's forecast.

Where the gap comes from is one comment line the tracker writes above the table,
``# cause: disuse`` (or ``handedness``, or ``unknown``: shows both cases); a log without it
has an unknown cause, and a value the tracker does not know is one problem naming its line.

Examples
--------
>>> from backbalance.course import Course
>>> log = read_progress_csv(Course.find().path("examples", "progress.csv"))
>>> [str(p) for p in log.problems]
["line 5: left must be a number above 0 and at most 1000, got 'twelve'"]
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from backbalance.assessment.logic import limb_symmetry_index, parse_number
from backbalance.common.spreadsheet import from_spreadsheet_safe, safe_csv
from backbalance.strength_gap.dynamics import CAUSES, Cause

COLUMNS = ("week", "left", "right", "notes")
REQUIRED = ("week", "left", "right")
MAX_WEEK = 156
MAX_RESULT = 1000.0
NOTES_LIMIT = 200
SURROGATE = re.compile("[\udc80-\udcff]")
"""What an undecodable byte becomes when the file is decoded with ``surrogateescape``."""
CAUSE_LINE = re.compile(r'^\s*"?\s*#\s*cause\s*:\s*(?P<value>[^,;\t"]*)', re.IGNORECASE)
"""The comment line that says where the gap comes from (a spreadsheet may add cells or quotes)."""
SHOWN_VALUE = 40
"""The most characters of a wrong cause a problem repeats (so that it stays one line)."""


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
    100, rounded to one decimal) and ``notes``. ``cause`` is where the gap comes from
    (``unknown`` unless the file's ``# cause:`` line says otherwise); ``cause_problem`` is why
    that line could not be used (the cause is then ``unknown``), or None.
    """

    rows: pd.DataFrame
    problems: tuple[RowProblem, ...]
    cause: Cause = "unknown"
    cause_problem: RowProblem | None = None


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


LINE_END = re.compile(r"(\r\n|\r|\n)")
"""Line ends of Windows, Unix and old Mac files (the last is still written by some spreadsheets)."""
DELIMITERS = (",", ";", "\t")
"""Cell separators: the comma; the semicolon of spreadsheets in decimal-comma countries; the tab."""
RECORD_LINES = NOTES_LIMIT + 1
"""A quoted note may hold a line break for each of its characters; a quote left open longer is a slip."""


def _decode(raw: bytes) -> str:
    """The file's text; bytes that are not UTF-8 stay marked (as surrogates) for the row check."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="surrogateescape")
    return raw.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="surrogateescape")


def _records(text: str) -> Iterator[tuple[int, str]]:
    """``(first line number, text)`` of each CSV record: a line, or several joined when a
    quoted cell holds line breaks; an unclosed quote stays on its own line (reported there)."""
    parts = LINE_END.split(text)
    lines = [
        (parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)
    ]
    index = 0
    while index < len(lines):
        record, end = lines[index][0], index
        while record.count('"') % 2 and end + 1 < len(lines) and end - index < RECORD_LINES:
            record += lines[end][1] + lines[end + 1][0]
            end += 1
        if record.count('"') % 2:
            record, end = lines[index][0], index
        yield index + 1, record
        index = end + 1


def _cause(value: str, line: int) -> tuple[Cause, RowProblem | None]:
    """The cause a ``# cause:`` line gives; an unknown value is a problem (the cause stays unknown)."""
    value = value.strip()
    if value.lower() in CAUSES:
        return value.lower(), None  # type: ignore[return-value]
    known = ", ".join(CAUSES[:-1]) + f" or {CAUSES[-1]}"
    shown = value if len(value) <= SHOWN_VALUE else f"{value[:SHOWN_VALUE]}..."
    return "unknown", RowProblem(
        line,
        f"the cause must be {known}, got {shown!r}; fix the line or delete it "
        "(then the tracker shows both cases)",
    )


def _delimiter(record: str) -> str:
    """The separator that splits the first line into the most cells (the comma on a tie)."""
    return max(DELIMITERS, key=lambda d: (record.count(d), d == ","))


def parse_progress(raw: bytes | str) -> ProgressLog:
    """Read a progress log from CSV text; never raises.

    The first line names the columns ``week``, ``left``, ``right`` and, optionally,
    ``notes`` (in any order); when it starts with a number instead, the columns are taken
    to be in that order. Lines starting with ``#`` are comments. What spreadsheet programs
    write is read as well: a byte-order mark, UTF-16, line ends of any system, cells
    separated by semicolons or tabs (where a decimal comma needs no quotes), notes with
    line breaks in quotes, and the ``'`` that :func:`log_csv` puts before a note that
    starts like a formula. A ``# cause: ...`` line gives where the gap comes from
    (:attr:`ProgressLog.cause`); a wrong or second one is :attr:`ProgressLog.cause_problem`.

    Parameters
    ----------
    raw
        The file's bytes or text.

    Returns
    -------
    ProgressLog
        Usable rows and one problem per unusable line, numbered from 1.
    """
    text = _decode(raw) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[RowProblem] = []
    columns: list[str] | None = None
    delimiter = ","
    cause: Cause = "unknown"
    cause_problem: RowProblem | None = None
    cause_line = 0
    for number, record in _records(text):
        said = CAUSE_LINE.match(record)
        if said and cause_line:
            cause_problem = cause_problem or RowProblem(
                number, f"the cause is already given on line {cause_line}; keep one cause line"
            )
        elif said:
            cause, cause_problem = _cause(said["value"], number)
            cause_line = number
        if said or not record.strip() or record.lstrip().startswith("#"):
            continue
        if columns is None:
            delimiter = _delimiter(record)
        try:
            cells = next(csv.reader([record], delimiter=delimiter, strict=True))
        except csv.Error as err:
            problems.append(
                RowProblem(
                    number, f"cannot be read as CSV ({str(err).rstrip('.')}); check the quotes"
                )
            )
            continue
        if any(SURROGATE.search(cell) for cell in cells):
            problems.append(RowProblem(number, "is not UTF-8 text; save the file as CSV UTF-8"))
            continue
        if columns is None:
            header = _header(cells)
            columns = header or list(COLUMNS)
            missing = [name for name in REQUIRED if name not in columns]
            repeated = sorted({name for name in columns if name and columns.count(name) > 1})
            if missing or repeated:
                reason = (
                    f"the first line names the column {repeated[0]!r} more than once; keep one"
                    if repeated
                    else f"the first line must name the columns week, left and right "
                    f"(notes is optional); {missing[0]!r} is missing"
                )
                problems.append(RowProblem(number, reason))
                return ProgressLog(_empty_rows(), tuple(problems), cause, cause_problem)
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
        row = dict(zip(columns, cells, strict=False))
        if "notes" in row:
            row["notes"] = from_spreadsheet_safe(row["notes"])
        rows.append((number, row))
    log = progress_from_rows(rows)
    return ProgressLog(
        log.rows,
        tuple(sorted((*problems, *log.problems), key=lambda p: p.line)),
        cause,
        cause_problem,
    )


def read_progress_csv(path: Path | str) -> ProgressLog:
    """Read a progress log file; a missing file is a problem on line 0, never an exception."""
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        return ProgressLog(_empty_rows(), (RowProblem(0, f"cannot open {path} ({err.strerror})"),))
    return parse_progress(raw)


def log_csv(log: ProgressLog, cause: Cause | None = None) -> str:
    """The usable rows as CSV, safe to open in a spreadsheet (notes cannot run as formulas).

    With ``cause``, a first line ``# cause: ...`` keeps where the gap comes from.
    """
    table = safe_csv(log.rows[list(COLUMNS)])
    return table if cause is None else f"# cause: {cause}\r\n{table}"
