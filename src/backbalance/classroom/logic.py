"""Class summaries: pure functions over the tables of :mod:`backbalance.classroom.data`.

The class sees only hand-in files (:mod:`backbalance.assessment.hand_in`): each one passed
the safety screen, and none says anything about a student's health. A student with a red
flag, or whose tests were stopped, has nothing to hand in, so the class cannot tell them
from a student who chose not to hand in. Nothing here reads a file or draws a chart: the
charts are in :mod:`backbalance.classroom.charts`.

Examples
--------
>>> from backbalance.classroom.data import load_class_folder
>>> from backbalance.course import Course
>>> course = Course.find()
>>> results = load_class_folder(course.path("sample_class"), course.assessment)
>>> overview(results)["what"].iloc[0]
'Hand-in files loaded (each passed the safety screen)'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.logic import mdc95, ratio_outside, round_half_up
from backbalance.classroom.data import ClassResults, problem_order, student_file


def cleared(profiles: pd.DataFrame) -> pd.DataFrame:
    """The hand-ins whose screen passed: the students in the statistics (every valid hand-in)."""
    return profiles[profiles["screen"] == "passed"]


def programme_progress(progress: pd.DataFrame, profiles: pd.DataFrame) -> pd.DataFrame:
    """The progress rows of students whose hand-in shows a passed screen.

    A log without a hand-in is left out: nothing shows that its student passed the screen.
    """
    return progress[progress["student"].isin(cleared(profiles)["student"])]


def overview(results: ClassResults) -> pd.DataFrame:
    """How many students and files the class picture rests on.

    Returns
    -------
    pandas.DataFrame
        Columns ``what`` and ``number``: hand-ins loaded, progress logs loaded and problems
        reported. There is no count of red flags: hand-ins never carry one.
    """
    rows = [
        ("Hand-in files loaded (each passed the safety screen)", len(cleared(results.profiles))),
        ("Progress logs loaded", results.progress["student"].nunique()),
        ("Problems reported (files or lines skipped)", len(results.problems)),
    ]
    return pd.DataFrame(rows, columns=["what", "number"])


def _spread(
    measure: str, limit: str, values: pd.Series, outside: pd.Series, digits: int
) -> dict[str, object]:
    known = values.dropna().astype(float)
    quartiles = (
        known.quantile([0.25, 0.5, 0.75]).round(digits)
        if len(known)
        else pd.Series([np.nan] * 3, index=[0.25, 0.5, 0.75])
    )
    return {
        "measure": measure,
        "limit": limit,
        "students": len(known),
        "median": quartiles[0.5],
        "P25": quartiles[0.25],
        "P75": quartiles[0.75],
        "outside the limit": int(outside.sum()),
    }


def measure_summary(profiles: pd.DataFrame, data: AssessmentData) -> pd.DataFrame:
    """Median and middle half (P25-P75) of the LSI, the gap and each torso ratio.

    A ratio is outside its limit as
    :func:`backbalance.assessment.logic.ratio_outside` says; the LSI when it is under the line of
    ``strength.yml``; the gap when the profile reports a clear gap (``clear_gap``: the
    strength verdict asks for extra work, see
    :func:`backbalance.assessment.logic.strength_verdict`). Changes over time are judged by
    the test's noise in :func:`real_changes`.

    Returns
    -------
    pandas.DataFrame
        One row per measure: ``measure``, ``limit`` (in words), ``students`` (how many
        measured it), ``median``, ``P25``, ``P75`` and ``outside the limit`` (how many).
    """
    group, line = cleared(profiles), data.strength.lsi.line
    rows = [
        _spread("LSI, row test (%)", f"{line:g}% or more", group["lsi"], group["lsi"] < line, 1),
        _spread(
            "Gap between sides (%)",
            "no clear gap",
            group["gap_percent"],
            group["clear_gap"].eq(True),
            1,
        ),  # None: not measured
    ]
    ratios = ratio_table(profiles, data)
    for ratio in data.endurance.ratios:
        measured = ratios[ratios["ratio"] == ratio.id]
        rows.append(_spread(ratio.label, ratio.rule, measured["value"], measured["outside"], 2))
    return pd.DataFrame(rows)


def ratio_table(profiles: pd.DataFrame, data: AssessmentData) -> pd.DataFrame:
    """Every measured torso ratio of the class, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``ratio`` (its id), ``student``, ``value`` and ``outside`` (True when
        :func:`backbalance.assessment.logic.ratio_outside` says it is worth a closer look), in
        the order of ``endurance.yml``.
    """
    group = cleared(profiles)
    rows = [
        {
            "ratio": ratio.id,
            "student": student,
            "value": value,
            "outside": ratio_outside(value, ratio),
        }
        for ratio in data.endurance.ratios
        for student, value in zip(group["student"], group[ratio.id], strict=True)
        if pd.notna(value)
    ]
    return pd.DataFrame(rows, columns=["ratio", "student", "value", "outside"])


def cause_counts(profiles: pd.DataFrame, data: AssessmentData) -> pd.DataFrame:
    """How many students have each likely cause, most common first.

    Returns
    -------
    pandas.DataFrame
        One row per cause of ``questionnaire.yml`` (ties in file order): ``id``, ``cause``
        (its name), ``students``, ``share (%)`` of the students in the statistics, and
        ``most likely`` (how many have it first).
    """
    ranked = cleared(profiles)["contributors"].tolist()
    rows = [
        {
            "id": cause.id,
            "cause": cause.name,
            "students": sum(cause.id in causes for causes in ranked),
            "most likely": sum(causes[:1] == (cause.id,) for causes in ranked),
        }
        for cause in data.questionnaire.contributors
    ]
    table = pd.DataFrame(rows)
    table.insert(3, "share (%)", (100 * table["students"] / max(len(ranked), 1)).round(0))
    return table.sort_values("students", ascending=False, kind="stable").reset_index(drop=True)


def progress_by_week(progress: pd.DataFrame, profiles: pd.DataFrame) -> pd.DataFrame:
    """The class's LSI at each re-test week: median and middle half (P25-P75).

    Only students whose hand-in shows a passed screen count (see :func:`programme_progress`).

    Returns
    -------
    pandas.DataFrame
        One row per week logged: ``week``, ``students``, ``median``, ``P25``, ``P75``.
    """
    lsi = programme_progress(progress, profiles).groupby("week")["lsi"]
    table = pd.DataFrame(
        {
            "students": lsi.size(),
            "median": lsi.median(),
            "P25": lsi.quantile(0.25),
            "P75": lsi.quantile(0.75),
        }
    )
    return table.round(1).reset_index().astype({"week": "int64", "students": "int64"})


CHANGE_WORDS = {"up": "real rise", "down": "real fall", "noise": "within the test's noise"}
"""How :func:`change_verdict` words a student's change in LSI."""


def change_verdict(change: float, data: AssessmentData) -> str:
    """The words of :data:`CHANGE_WORDS` for a change in LSI (points), judged by noise only.

    A change counts as real only when it is larger than the smallest real change of the
    strength test (:func:`backbalance.assessment.logic.mdc95` of ``strength.yml``
    ``test_error.sem_percent``); anything smaller is "within the test's noise", whatever its
    sign.
    """
    noise = mdc95(data.strength.test_error.sem_percent)
    return CHANGE_WORDS["noise" if abs(change) <= noise else ("up" if change > 0 else "down")]


def _changes(table: pd.DataFrame, order: str, data: AssessmentData) -> list[dict[str, object]]:
    """First-to-latest change in LSI of each student with two results or more, by ``order``."""
    rows = []
    known = table.dropna(subset=["lsi"]).sort_values(["student", order], kind="stable")
    for student, results in known.groupby("student", sort=True):
        if len(results) < 2:
            continue
        change = float(results["lsi"].iloc[-1] - results["lsi"].iloc[0])
        rows.append(
            {
                "student": student,
                "first": results[order].iloc[0],
                "latest": results[order].iloc[-1],
                "change": round_half_up(change, 1),
                "verdict": change_verdict(change, data),
            }
        )
    return rows


def real_changes(
    progress: pd.DataFrame, profiles: pd.DataFrame, data: AssessmentData
) -> pd.DataFrame:
    """Each student's change in LSI from the first to the latest re-test, judged by noise only
    (:func:`change_verdict`). Logs without a hand-in are left out (:func:`programme_progress`).

    Returns
    -------
    pandas.DataFrame
        One row per student with at least two re-tests: ``student``, ``first week``,
        ``latest week``, ``change`` (LSI points, one decimal) and ``verdict``.
    """
    rows = _changes(programme_progress(progress, profiles), "week", data)
    table = pd.DataFrame(rows, columns=["student", "first", "latest", "change", "verdict"])
    return table.rename(columns={"first": "first week", "latest": "latest week"}).astype(
        {"first week": "int64", "latest week": "int64"}
    )


# --------------------------------------------------------------------------- hand-ins over weeks


def week_folder(file: str) -> str:
    """The sub-folder a student file is in (one per week, say), or "" at the top.

    >>> week_folder("week-08/fox-17.hand-in.json")
    'week-08'
    """
    return file.rsplit("/", 1)[0] if "/" in file else ""


def hand_in_history(results: ClassResults) -> pd.DataFrame:
    """Every usable hand-in of each student, oldest first: the newest and the earlier ones.

    Returns
    -------
    pandas.DataFrame
        One row per hand-in file: ``student``, ``hand-in`` (1 for the oldest), ``folder``
        (:func:`week_folder`), ``handed_in`` (the file's date, UTC), ``lsi``, ``gap_percent``
        and ``file``; by student, then hand-in.
    """
    columns = ["student", "file", "handed_in", "lsi", "gap_percent"]
    both = pd.concat(
        [
            results.earlier[columns].assign(newest=False),
            results.profiles[columns].assign(newest=True),
        ],
        ignore_index=True,
    ).sort_values(["student", "newest"], kind="stable")
    both.insert(1, "hand-in", both.groupby("student").cumcount() + 1)
    both.insert(2, "folder", both["file"].map(week_folder))
    return both.drop(columns="newest").reset_index(drop=True)


def hand_in_changes(history: pd.DataFrame, data: AssessmentData) -> pd.DataFrame:
    """Each student's change in LSI from their first to their newest hand-in with a row test.

    Judged by :func:`change_verdict`, as the progress logs are in :func:`real_changes`.

    Returns
    -------
    pandas.DataFrame
        One row per student with two hand-ins or more that have an LSI: ``student``,
        ``first folder``, ``latest folder``, ``change`` (LSI points) and ``verdict``.
    """
    rows = _changes(history, "hand-in", data)
    by_number = history.set_index(["student", "hand-in"])["folder"]
    for row in rows:
        row["first"], row["latest"] = (
            by_number[(row["student"], row[end])] for end in ("first", "latest")
        )
    table = pd.DataFrame(rows, columns=["student", "first", "latest", "change", "verdict"])
    return table.rename(columns={"first": "first folder", "latest": "latest folder"})


# --------------------------------------------------------------------------- students to act on


def roster(results: ClassResults) -> tuple[str, ...]:
    """Every student the class knows of: the ids of the instructor's roster
    (:data:`backbalance.classroom.data.ROSTER`) and of every student file, skipped ones too."""
    named = (student_file(problem.file) for problem in results.problems)
    return tuple(
        sorted(
            {
                *results.roster,
                *results.profiles["student"],
                *results.earlier["student"],
                *results.progress["student"],
                *(found[0] for found in named if found is not None),
            }
        )
    )


ACTIONS = {
    "nothing": "no hand-in file: remind them that handing in is optional, never ask why",
    "unusable": "their file could not be used: see the skipped files",
    "missing": "no hand-in in {folder}",
    "fell": "LSI fell by more than the test's noise: check form and dose, re-test on a second day",
}
"""What :func:`student_rows` asks the instructor to do, by reason."""


def student_rows(results: ClassResults, data: AssessmentData) -> pd.DataFrame:
    """One row per student of :func:`roster`, with what the instructor could do next.

    The change in LSI is the progress log's (:func:`real_changes`) when it has two re-tests
    or more, else the hand-ins' (:func:`hand_in_changes`). A student is behind when that
    change is a real fall, beyond the test's noise. The latest week folder is the last of the
    hand-ins' sub-folders (``week-10`` after ``week-9``); a student whose newest hand-in is
    elsewhere has not handed in for it. Nothing here says anything about health: a student
    with a red flag has nothing to hand in, just like one who chose not to.

    Returns
    -------
    pandas.DataFrame
        ``student``, ``hand-ins`` (how many usable), ``newest in`` (its folder),
        ``LSI`` (newest hand-in), ``change`` (LSI points), ``from`` (``progress log`` or
        ``hand-ins``), ``verdict`` and ``to do`` ("" when nothing is needed).
    """
    history = hand_in_history(results)
    logged = real_changes(results.progress, results.profiles, data).set_index("student")
    handed = hand_in_changes(history, data).set_index("student")
    folders = sorted(set(history["folder"]) - {""}, key=lambda f: problem_order((f, "")))
    latest_folder = folders[-1] if folders else None
    newest = results.profiles.set_index("student")
    skipped = {found[0] for p in results.problems if (found := student_file(p.file))}
    rows = []
    for student in roster(results):
        count = int((history["student"] == student).sum())
        change, source = (
            (logged, "progress log") if student in logged.index else (handed, "hand-ins")
        )
        judged = change.loc[student] if student in change.index else None
        todo = []
        if count == 0:
            todo.append(ACTIONS["unusable" if student in skipped else "nothing"])
        elif latest_folder and week_folder(str(newest.loc[student, "file"])) != latest_folder:
            todo.append(ACTIONS["missing"].format(folder=latest_folder))
        if judged is not None and judged["verdict"] == CHANGE_WORDS["down"]:
            todo.append(ACTIONS["fell"])
        rows.append(
            {
                "student": student,
                "hand-ins": count,
                "newest in": week_folder(str(newest.loc[student, "file"])) if count else "",
                "LSI": newest.loc[student, "lsi"] if count else np.nan,
                "change": judged["change"] if judged is not None else np.nan,
                "from": source if judged is not None else "",
                "verdict": judged["verdict"] if judged is not None else "",
                "to do": "; ".join(todo),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["student", "hand-ins", "newest in", "LSI", "change", "from", "verdict", "to do"],
    )
