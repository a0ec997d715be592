"""Reading a class: an instructor's folder of students' exports, checked and loaded into tables.

Students who choose to hand in send up to two files, renamed after an anonymous student id:

* ``<student>.hand-in.json``: the hand-in file of the self-assessment
  (:mod:`backbalance.assessment.hand_in`): test results and likely causes, never a health
  answer; saved with the notebook's "Save a file to hand in to my class" button or
  downloaded from the book. A full profile handed in by mistake is refused, and none of its answers is loaded;
* ``<student>.progress.csv``: the re-test log of the progress tracker
  (:mod:`backbalance.tracker.progress`), saved with its "Save my log (CSV)" button.

The student id is the file name without that ending, in lower case. Files in sub-folders
count too; hidden files and folders (such as ``.ipynb_checkpoints``) are ignored, and so are
files that are not ``.json`` or ``.csv`` (such as a ``README.md``).

Loading never raises. A file that cannot be used is skipped and reported as a
:class:`FileProblem` ``(file, reason)``: a ``.json``/``.csv`` file whose name breaks the rule,
text that is not JSON, a JSON file that is not a version 1 hand-in file, invalid values, a
progress log with no usable row, and duplicates. Files are taken in the order of their
student id, then their path, so the result does not depend on the order the folder lists
them in; of two files for the same student (in different sub-folders), or two with the same
measurements (a file handed in twice under two names), the first is used and the second
reported. Hand-ins without a measurement and logs of a single test are not compared by
content: two students may well match. A progress log keeps its good rows,
and each unusable line is reported. Free-text notes of the progress logs are never loaded.

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

from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

import pandas as pd

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.hand_in import FIELDS as HAND_IN_FIELDS
from backbalance.assessment.hand_in import HandIn, read_hand_in
from backbalance.assessment.logic import HOLDS, ratio_value
from backbalance.common.read import DataError
from backbalance.tracker.data import parse_progress

Kind = Literal["profile", "progress"]
SUFFIXES: dict[Kind, str] = {"profile": ".hand-in.json", "progress": ".progress.csv"}
"""The ending of each kind of student file; the student id is the name before it."""

EXTENSIONS = (".json", ".csv")
"""Files with these endings are read; the others (a README, say) are ignored."""

HAND_IN_COLUMNS = ("screen", *(name for name in HAND_IN_FIELDS if name != "holds"))
"""The hand-in's fields as columns; the holds become one column each."""
PROFILE_COLUMNS = ("student", "file", *HAND_IN_COLUMNS, *HOLDS)
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

    ``profiles`` has one row per student: ``student``, ``file``, the hand-in's fields
    (``contributors`` is a tuple of cause ids), each hold time in seconds and one column per
    torso ratio of ``endurance.yml`` (named by the ratio's id). ``progress`` has one row per
    student and week: ``student``, ``file``, ``week``, ``left``, ``right`` and ``lsi``.
    """

    profiles: pd.DataFrame
    progress: pd.DataFrame
    problems: tuple[FileProblem, ...]

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


def read_folder(folder: Path | str) -> tuple[dict[str, bytes], tuple[FileProblem, ...]]:
    """Read every ``.json`` and ``.csv`` file under ``folder``, skipping hidden files and folders.

    Returns
    -------
    tuple
        ``{path relative to folder (with /): bytes}`` and a problem for each file, or the
        folder, that cannot be read.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return {}, (FileProblem(str(folder), "is not a folder; check the path"),)
    files, problems = {}, []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.suffix.lower() not in EXTENSIONS or any(p.startswith(".") for p in relative.parts):
            continue
        try:
            files[relative.as_posix()] = path.read_bytes()
        except OSError as err:
            problems.append(FileProblem(relative.as_posix(), f"cannot be read ({err.strerror})"))
    return files, tuple(problems)


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


def _order(files: Mapping[str, bytes]) -> list[tuple[str, str, Kind]]:
    """``(path, student, kind)`` of the files named by the rule, by student id then path."""
    named = [(path, student_file(path)) for path in files]
    return sorted(
        ((path, *found) for path, found in named if found is not None),
        key=lambda item: (item[1], item[0]),
    )


def _misnamed(files: Mapping[str, bytes]) -> list[FileProblem]:
    rule = f"<student>{SUFFIXES['profile']} or <student>{SUFFIXES['progress']}"
    return [
        FileProblem(path, f"its name does not follow the rule {rule}")
        for path in sorted(files)
        if path.lower().endswith(EXTENSIONS) and student_file(path) is None
    ]


def _read(
    path: str, kind: Kind, raw: bytes, data: AssessmentData
) -> tuple[HandIn | pd.DataFrame | str, list[FileProblem]]:
    """A profile, or a log's usable rows (without notes), or the reason the file is skipped;
    with a problem for each unusable line of a log."""
    if kind == "profile":
        return parse_profile(raw, data), []
    log = parse_progress(raw)
    lines = [FileProblem(path, f"{line} (line skipped)") for line in log.problems]
    return ("has no usable row" if log.rows.empty else log.rows.drop(columns="notes")), lines


def _content(parsed: HandIn | pd.DataFrame) -> str | None:
    """What two copies of the same file share: the measurements.

    None when two students may well match: a hand-in without a measurement, a log of one test.
    """
    if isinstance(parsed, HandIn):
        return parsed.to_json() if measured(parsed) else None
    return parsed[["week", "left", "right"]].to_csv(index=False) if len(parsed) > 1 else None


def load_class(files: Mapping[str, bytes], data: AssessmentData) -> ClassResults:
    """Check and load students' files; skip and report the ones that cannot be used.

    Parameters
    ----------
    files
        File path (relative to the class folder) to its bytes, as from :func:`read_folder`;
        names that do not end in one of :data:`EXTENSIONS` are ignored.
    data
        The validated ``data/assessment`` files.

    Returns
    -------
    ClassResults
        Never raises; the same result whatever the order of ``files``.
    """
    problems = _misnamed(files)
    profiles: list[dict[str, object]] = []
    logs: list[pd.DataFrame] = []
    seen: dict[tuple[str, Kind, str], str] = {}
    for path, student, kind in _order(files):
        parsed, lines = _read(path, kind, files[path], data)
        if isinstance(parsed, str):
            problems += [*lines, FileProblem(path, f"{parsed}; file skipped")]
            continue
        content = _content(parsed)
        earlier = seen.get(("student", kind, student))
        same = seen.get(("content", kind, content)) if content is not None else None
        if earlier or same:
            reason = (
                f"student {student!r} already has a {kind} file, {earlier}"
                if earlier
                else f"has the same content as {same}"
            )
            problems.append(FileProblem(path, f"{reason}; only the first is used, file skipped"))
            continue
        problems += lines
        seen[("student", kind, student)] = path
        if content is not None:
            seen[("content", kind, content)] = path
        if isinstance(parsed, HandIn):
            profiles.append({"student": student, "file": path, **profile_row(parsed, data)})
        else:
            logs.append(parsed.assign(student=student, file=path))
    return ClassResults(
        _profile_table(profiles, data), _progress_table(logs), tuple(sorted(problems))
    )


def _profile_table(rows: list[dict[str, object]], data: AssessmentData) -> pd.DataFrame:
    ratios = [ratio.id for ratio in data.endurance.ratios]
    numbers = ["gap_percent", "lsi", *HOLDS, *ratios]
    return pd.DataFrame(rows, columns=[*PROFILE_COLUMNS, *ratios]).astype(
        dict.fromkeys(numbers, float)
    )


def _progress_table(logs: list[pd.DataFrame]) -> pd.DataFrame:
    if not logs:
        return pd.DataFrame(
            {column: pd.Series(dtype=kind) for column, kind in PROGRESS_COLUMNS.items()}
        )
    return pd.concat(logs, ignore_index=True)[list(PROGRESS_COLUMNS)]


def load_class_folder(folder: Path | str, data: AssessmentData) -> ClassResults:
    """Read and load every student file under ``folder`` (see :func:`load_class`)."""
    files, unreadable = read_folder(folder)
    loaded = load_class(files, data)
    return loaded._replace(problems=tuple(sorted((*unreadable, *loaded.problems))))
