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
from backbalance.classroom.data import ClassResults


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
"""How :func:`real_changes` words each student's change in LSI."""


def real_changes(
    progress: pd.DataFrame, profiles: pd.DataFrame, data: AssessmentData
) -> pd.DataFrame:
    """Each student's change in LSI from the first to the latest re-test, judged by noise only.

    A change counts as real only when it is larger than the smallest real change of the
    strength test (:func:`backbalance.assessment.logic.mdc95` of
    ``strength.yml`` ``test_error.sem_percent``); anything smaller is "within the test's
    noise", whatever its sign. Students with a red flag are left out.

    Returns
    -------
    pandas.DataFrame
        One row per student with at least two re-tests: ``student``, ``first week``,
        ``latest week``, ``change`` (LSI points, one decimal) and ``verdict``.
    """
    noise = mdc95(data.strength.test_error.sem_percent)
    rows = []
    ordered = programme_progress(progress, profiles).sort_values(["student", "week"], kind="stable")
    for student, log in ordered.groupby("student", sort=True):
        if len(log) < 2:
            continue
        change = float(log["lsi"].iloc[-1] - log["lsi"].iloc[0])
        key = "noise" if abs(change) <= noise else ("up" if change > 0 else "down")
        rows.append(
            {
                "student": student,
                "first week": int(log["week"].iloc[0]),
                "latest week": int(log["week"].iloc[-1]),
                "change": round_half_up(change, 1),
                "verdict": CHANGE_WORDS[key],
            }
        )
    return pd.DataFrame(rows, columns=["student", "first week", "latest week", "change", "verdict"])
