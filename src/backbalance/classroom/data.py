"""Reading a class: an instructor's folder of students' exports, checked and loaded into tables.

Students who choose to hand in send up to two files, renamed after an anonymous student id:

* ``<student>.hand-in.json``: the hand-in file of the self-assessment
  (:mod:`backbalance.assessment.hand_in`): test results and likely causes, never a health
  answer; saved with the notebook's "Save a file to hand in to my class" button or
  downloaded from the book. A full profile handed in by mistake is refused, and none of
  its answers is loaded;
* ``<student>.progress.csv``: the re-test log of the progress tracker
  (:mod:`backbalance.tracker.progress`), saved with its "Save my log (CSV)" button.

The student id is the file name without that ending, in lower case. Files in sub-folders
count too; hidden files and folders (such as ``.ipynb_checkpoints``) are ignored, and so are
files that are not ``.json`` or ``.csv`` (such as a ``README.md``). A link to a file outside
the class folder, a pipe or device, a hand-in over :data:`LIMITS` ``["profile"]`` bytes and a
log over :data:`LIMITS` ``["progress"]`` bytes are reported and never read.

Loading never raises. A file that cannot be used is skipped and reported as a
:class:`FileProblem` ``(file, reason)``: a ``.json``/``.csv`` file whose name breaks the rule,
text that is not JSON, a JSON file that is not a version 1 hand-in file, invalid values, a
progress log with no usable row, and duplicates. A student may hand in every week (one
sub-folder per week): of several usable files of one student and kind, the newest by its
date (the file's modification time) is used, and on equal or unknown dates the one whose
path sorts last (``week-10`` after ``week-9``). The older hand-ins stay available in
:attr:`ClassResults.earlier`, for change over the weeks; an older progress log is reported,
since the newest holds the weeks before it. Files are taken in the order of their student id,
then their path, so the result does not depend on the order the folder lists them in; of two
files of different students with the same measurements (a file handed in twice under two
names), the first is used and the second reported. Hand-ins without a measurement and logs of a single test are not compared by content: two students
may well match. A progress log keeps its good rows, and each unusable line is reported (at
most :data:`LINE_PROBLEMS` of them per file). Free-text notes of the progress logs are never
loaded. Problems are sorted by file, then by line, numbers as numbers (line 10 after line 9).

The instructor may put a roster in the folder: a file :data:`ROSTER` at its top, with a
``student`` column of the ids the class should hand in (one a line, any other columns
ignored). It is not a student file; its ids land in :attr:`ClassResults.roster`, so that a
student who handed in nothing can be named. A roster that cannot be read is reported and
ignored.

Only :func:`read_folder` and :func:`load_class_folder` touch the disk; :func:`load_class`
works on file contents already read. The summaries are in :mod:`backbalance.classroom.logic`.

Examples
--------
>>> from backbalance.course import Course
>>> course = Course.find()
>>> results = load_class_folder(course.path("sample_class"), course.assessment)
>>> results.problem_table().columns.tolist()
['file', 'reason']
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

import pandas as pd

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.hand_in import FIELDS as HAND_IN_FIELDS
from backbalance.assessment.hand_in import HandIn, read_hand_in
from backbalance.assessment.logic import HOLDS, ratio_value
from backbalance.common.read import DataError, read_file
from backbalance.tracker.data import parse_progress

Kind = Literal["profile", "progress"]
SUFFIXES: dict[Kind, str] = {"profile": ".hand-in.json", "progress": ".progress.csv"}
"""The ending of each kind of student file; the student id is the name before it."""

EXTENSIONS = (".json", ".csv")
"""Files with these endings are read; the others (a README, say) are ignored."""

LIMITS: dict[Kind, int] = {"profile": 1_000_000, "progress": 5_000_000}
"""Largest student file read, in bytes, by kind: a real profile is about 1 kB and a log of
three years of weekly re-tests under 100 kB, so a bigger file is a mistake and is skipped
before it fills memory. A file whose name follows no rule is read up to the profile limit."""

ROSTER = "roster.csv"
"""The instructor's optional list of student ids, at the top of the class folder."""

LINE_PROBLEMS = 20
"""Unusable lines reported per progress log; the rest are counted in one more line."""

HAND_IN_COLUMNS = ("screen", *(name for name in HAND_IN_FIELDS if name != "holds"))
"""The hand-in's fields as columns; the holds become one column each."""
PROFILE_COLUMNS = ("student", "file", "handed_in", *HAND_IN_COLUMNS, *HOLDS)
PROGRESS_COLUMNS = {
    "student": "object",
    "file": "object",
    "week": "int64",
    "left": "float64",
    "right": "float64",
    "lsi": "float64",
}
"""The columns of :attr:`ClassResults.progress` and their types."""


class FileProblem(NamedTuple):
    """A student file, or a line of one, that was skipped, and why."""

    file: str
    reason: str


class ClassResults(NamedTuple):
    """The usable student files of a class as tidy tables, and the problems with the others.

    ``profiles`` has one row per student: ``student``, ``file``, ``handed_in`` (the file's
    date, UTC, or NaT when unknown), the profile's fields
    (``contributors`` is a tuple of cause ids), each hold time in seconds and one column per
    torso ratio of ``endurance.yml`` (named by the ratio's id). ``progress`` has one row per
    student and week: ``student``, ``file``, ``week``, ``left``, ``right`` and ``lsi``.
    ``earlier`` holds the older profiles of a student who handed in more than once.
    """

    profiles: pd.DataFrame
    progress: pd.DataFrame
    problems: tuple[FileProblem, ...]
    earlier: pd.DataFrame
    """Usable profiles handed in before each student's newest one, with the columns of
    ``profiles``, oldest first."""
    roster: tuple[str, ...] = ()
    """The student ids of the instructor's :data:`ROSTER`, in lower case; empty without one."""

    def problem_table(self) -> pd.DataFrame:
        """The problems as a table with the columns ``file`` and ``reason``."""
        return pd.DataFrame(self.problems, columns=list(FileProblem._fields))


# --------------------------------------------------------------------------- finding files


def student_file(path: str) -> tuple[str, Kind] | None:
    """The student id and kind of a file named by the rule, or None.

    >>> student_file("week-4/Robin.hand-in.json")
    ('robin', 'profile')
    """
    name = path.rsplit("/", 1)[-1].lower()
    for kind, suffix in SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return name.removesuffix(suffix), kind
    return None


class Folder(NamedTuple):
    """The student files of a class folder, as read from the disk."""

    files: dict[str, bytes]
    """Path relative to the folder (with /) to the file's bytes."""
    dates: dict[str, float]
    """Path to the file's modification time (seconds since the epoch)."""
    problems: tuple[FileProblem, ...]
    """A problem for each file, or the folder, that cannot be read."""


def _walk(folder: Path) -> list[Path]:
    """The ``.json`` and ``.csv`` entries under ``folder``, outside hidden folders and never
    through a linked folder, sorted."""
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [
            Path(root, name)
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS
        ]
    return sorted(found)


def _read_one(path: Path, inside: Path, relative: str) -> tuple[bytes, float] | str:
    """A student file's bytes and date, or the reason it is not read."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a broken link, or a link loop
        return "is a link that leads nowhere; file skipped"
    if not target.is_relative_to(inside):
        return (
            "is a link to a file outside the class folder; copy the file in instead; file skipped"
        )
    found = student_file(relative)
    limit = LIMITS[found[1]] if found else LIMITS["profile"]
    try:
        raw = read_file(target, relative, limit)
    except DataError as err:
        return f"{err.problems[0].message}; file skipped"
    return raw, target.stat().st_mtime


def read_folder(folder: Path | str) -> Folder:
    """Read every ``.json`` and ``.csv`` file under ``folder``, skipping hidden files and folders.

    Links are followed only to files inside ``folder``; pipes, devices and files over
    :data:`LIMITS` are reported without being read, so reading ends quickly and in little
    memory whatever the folder holds.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return Folder({}, {}, (FileProblem(str(folder), "is not a folder; check the path"),))
    inside = folder.resolve()
    files, dates, problems = {}, {}, []
    for path in _walk(folder):
        relative = path.relative_to(folder).as_posix()
        read = _read_one(path, inside, relative)
        if isinstance(read, str):
            problems.append(FileProblem(relative, read))
        else:
            files[relative], dates[relative] = read
    return Folder(files, dates, tuple(problems))


def problem_order(problem: FileProblem) -> tuple[object, ...]:
    """Sort key of a problem: by file, then by reason, with runs of digits compared as
    numbers (``line 10`` after ``line 9``), however long they are."""
    return tuple(
        tuple((len(run), run) if run.isdigit() else (0, run) for run in re.split(r"(\d+)", text))
        for text in problem
    )


# --------------------------------------------------------------------------- reading one file


def parse_profile(raw: bytes, data: AssessmentData) -> HandIn | str:
    """A student's hand-in from the bytes of their file, or the reason it cannot be used.

    The file is read by :func:`backbalance.assessment.hand_in.read_hand_in`, which refuses a
    full profile (it holds health answers); the class adds one check, that every cause is
    one the course knows.

    Parameters
    ----------
    raw
        The file's bytes.
    data
        The validated ``data/assessment`` files (the known cause ids).

    Returns
    -------
    HandIn or str
    """
    try:
        profile = read_hand_in(raw, "")
    except DataError as err:
        fields = [p for p in err.problems if p.entry]
        if not fields:
            return err.problems[0].message
        return "has invalid values: " + "; ".join(f"{p.entry}: {p.message}" for p in fields)
    known = {c.id for c in data.questionnaire.contributors}
    unknown = [cause for cause in profile.contributors if cause not in known]
    if unknown:
        return f"has invalid values: contributors: {unknown[0]!r} is not a known cause"
    return profile


def profile_row(profile: HandIn, data: AssessmentData) -> dict[str, object]:
    """One student's hand-in as a flat row: its fields, hold times and torso ratios.

    Ratios come from :func:`backbalance.assessment.logic.ratio_value` (None when a hold is missing).
    """
    row: dict[str, object] = {name: getattr(profile, name) for name in HAND_IN_COLUMNS}
    row |= {hold: profile.holds.get(hold) for hold in HOLDS}
    row |= {ratio.id: ratio_value(profile.holds, ratio) for ratio in data.endurance.ratios}
    return row


def measured(profile: HandIn) -> bool:
    """Whether a hand-in holds a measurement, so that an identical one is a copy."""
    return bool(profile.holds) or profile.lsi is not None


# --------------------------------------------------------------------------- loading a class


def _order(files: Mapping[str, bytes], dates: Mapping[str, float]) -> list[tuple[str, str, Kind]]:
    """``(path, student, kind)`` of the files named by the rule: by student id and kind, and
    of one student and kind the newest first (by date, then by path)."""
    named = [(path, *found) for path in files if (found := student_file(path)) is not None]
    newest_first = sorted(
        named,
        key=lambda item: (dates.get(item[0], 0.0), problem_order(FileProblem(item[0], ""))),
        reverse=True,
    )
    return sorted(newest_first, key=lambda item: (item[1], item[2]))


def _misnamed(files: Mapping[str, bytes]) -> list[FileProblem]:
    rule = f"<student>{SUFFIXES['profile']} or <student>{SUFFIXES['progress']}"
    return [
        FileProblem(path, f"its name does not follow the rule {rule}")
        for path in sorted(files)
        if path.lower().endswith(EXTENSIONS) and student_file(path) is None and path != ROSTER
    ]


def parse_roster(raw: bytes) -> tuple[str, ...] | str:
    """The student ids of a roster file (lower case, sorted, blanks dropped), or the reason
    it cannot be used.

    >>> parse_roster(b"student,name\\nFox-17,\\nowl-3,\\n")
    ('fox-17', 'owl-3')
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not UTF-8 text; save it as CSV (UTF-8); roster ignored"
    rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    if "student" not in header:
        return "has no 'student' column in its first line; roster ignored"
    column = header.index("student")
    ids = {row[column].strip().lower() for row in rows[1:] if len(row) > column}
    return tuple(sorted(ids - {""}))


def _read(
    path: str, kind: Kind, raw: bytes, data: AssessmentData
) -> tuple[HandIn | pd.DataFrame | str, list[FileProblem]]:
    """A profile, or a log's usable rows (without notes), or the reason the file is skipped;
    with a problem for each unusable line of a log."""
    if kind == "profile":
        return parse_profile(raw, data), []
    log = parse_progress(raw)
    lines = [FileProblem(path, f"{line} (line skipped)") for line in log.problems[:LINE_PROBLEMS]]
    if len(log.problems) > LINE_PROBLEMS:
        lines.append(
            FileProblem(
                path,
                f"line {log.problems[LINE_PROBLEMS].line} and after: "
                f"{len(log.problems) - LINE_PROBLEMS} more unusable lines, not listed",
            )
        )
    return ("has no usable row" if log.rows.empty else log.rows.drop(columns="notes")), lines


def _content(parsed: HandIn | pd.DataFrame) -> str | None:
    """What two copies of the same file share: the measurements.

    None when two students may well match: a profile without a measurement, a log of one test.
    """
    if isinstance(parsed, HandIn):
        return parsed.to_json() if measured(parsed) else None
    return parsed[["week", "left", "right"]].to_csv(index=False) if len(parsed) > 1 else None


def load_class(
    files: Mapping[str, bytes], data: AssessmentData, dates: Mapping[str, float] | None = None
) -> ClassResults:
    """Check and load students' files; skip and report the ones that cannot be used.

    Parameters
    ----------
    files
        File path (relative to the class folder) to its bytes, as from :func:`read_folder`;
        names that do not end in one of :data:`EXTENSIONS` are ignored.
    data
        The validated ``data/assessment`` files.
    dates
        File path to its date (seconds since the epoch), which decides which of a student's
        files is the newest; without one, the path that sorts last is.

    Returns
    -------
    ClassResults
        Never raises; the same result whatever the order of ``files``.
    """
    dates = dates or {}
    problems = _misnamed(files)
    roster = parse_roster(files[ROSTER]) if ROSTER in files else ()
    if isinstance(roster, str):
        problems.append(FileProblem(ROSTER, roster))
        roster = ()
    profiles: list[dict[str, object]] = []
    earlier: list[dict[str, object]] = []
    logs: list[pd.DataFrame] = []
    kept: dict[tuple[str, Kind], str] = {}
    copies: dict[tuple[Kind, str], str] = {}
    for path, student, kind in _order(files, dates):
        parsed, lines = _read(path, kind, files[path], data)
        if isinstance(parsed, str):
            problems += [*lines, FileProblem(path, f"{parsed}; file skipped")]
            continue
        newer = kept.get((student, kind))
        row = {"student": student, "file": path, "handed_in": _date(dates, path)}
        content = _content(parsed)
        if newer is not None and isinstance(parsed, HandIn):
            earlier.append(row | profile_row(parsed, data))
            if content is not None:  # a copy of an earlier hand-in under another name
                copies.setdefault((kind, content), path)
            continue
        if newer is not None:
            problems.append(
                FileProblem(
                    path,
                    f"student {student!r} has a newer progress log, {newer}, which is used; "
                    "file skipped",
                )
            )
            continue
        same = copies.get((kind, content)) if content is not None else None
        if same is not None:
            problems.append(
                FileProblem(
                    path, f"has the same content as {same}; only the first is used, file skipped"
                )
            )
            continue
        problems += lines
        kept[(student, kind)] = path
        if content is not None:
            copies[(kind, content)] = path
        if isinstance(parsed, HandIn):
            profiles.append(row | profile_row(parsed, data))
        else:
            logs.append(parsed.assign(student=student, file=path))
    oldest_first = sorted(reversed(earlier), key=lambda row: str(row["student"]))
    return ClassResults(
        _profile_table(profiles, data),
        _progress_table(logs),
        tuple(sorted(problems, key=problem_order)),
        _profile_table(oldest_first, data),
        roster,
    )


def _date(dates: Mapping[str, float], path: str) -> pd.Timestamp:
    """A file's date as a UTC time stamp, or NaT when unknown."""
    date = dates.get(path)
    return pd.NaT if date is None else pd.Timestamp(date, unit="s", tz="UTC")


def _profile_table(rows: list[dict[str, object]], data: AssessmentData) -> pd.DataFrame:
    ratios = [ratio.id for ratio in data.endurance.ratios]
    numbers = ["gap_percent", "lsi", *HOLDS, *ratios]
    table = pd.DataFrame(rows, columns=[*PROFILE_COLUMNS, *ratios]).astype(
        dict.fromkeys(numbers, float)
    )
    return table.assign(handed_in=pd.to_datetime(table["handed_in"], utc=True))


def _progress_table(logs: list[pd.DataFrame]) -> pd.DataFrame:
    if not logs:
        return pd.DataFrame(
            {column: pd.Series(dtype=kind) for column, kind in PROGRESS_COLUMNS.items()}
        )
    return pd.concat(logs, ignore_index=True)[list(PROGRESS_COLUMNS)]


def load_class_folder(folder: Path | str, data: AssessmentData) -> ClassResults:
    """Read and load every student file under ``folder`` (see :func:`load_class`)."""
    folder_read = read_folder(folder)
    loaded = load_class(folder_read.files, data, folder_read.dates)
    problems = sorted((*folder_read.problems, *loaded.problems), key=problem_order)
    return loaded._replace(problems=tuple(problems))
