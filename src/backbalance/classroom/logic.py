"""Class results: an instructor loads a folder of students' exports and sees the class picture.

Students hand in two files, renamed after an anonymous student id of their choice:

* ``<student>.profile.json``: the self-assessment profile (:mod:`backbalance.assessment.profile`),
  saved with the notebook's "Save my profile (JSON)" button or downloaded from the book;
* ``<student>.progress.csv``: the re-test log of the progress tracker
  (:mod:`backbalance.tracker.data`), saved with its "Save my log (CSV)" button.

The student id is the file name without that ending, in lower case. Files in sub-folders
count too; hidden files and folders (such as ``.ipynb_checkpoints``) are ignored, and so are
files that are not ``.json`` or ``.csv`` (such as a ``README.md``).

Loading never raises. A file that cannot be used is skipped and reported as a
:class:`FileProblem` ``(file, reason)``: a ``.json``/``.csv`` file whose name breaks the rule,
text that is not JSON, a JSON file that is not a version 1 profile, invalid values, a
progress log with no usable row, and duplicates. Files are taken in the order of their
student id, then their path, so the result does not depend on the order the folder lists
them in; of two files for the same student (in different sub-folders), or two with the same
measurements (a file handed in twice under two names), the first is used and the second
reported. Profiles without a measurement (after a red flag, for example) and logs of a
single test are not compared by content: two students may well match. A progress log keeps its good rows,
and each unusable line is reported.

Summaries leave out students with a red flag (they see a clinician before any programme),
but :func:`overview` counts them. Free-text notes of the progress logs are never loaded.

:func:`synthetic_class` makes the clearly labelled synthetic class of ``data/sample_class``.

Examples
--------
>>> from backbalance.assessment.data import load_assessment
>>> data = load_assessment("data/assessment")  # doctest: +SKIP
>>> results = load_class_folder("data/sample_class", data)  # doctest: +SKIP
>>> results.problem_table()  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
from pydantic import ValidationError

from backbalance.assessment.data import AssessmentData, HoldId
from backbalance.assessment.logic import HOLDS, Answers, build_profile, ratio_outside, ratio_value
from backbalance.assessment.profile import NormGroup, Profile, RedFlagLevel, StrengthResult
from backbalance.common.read import problems_from
from backbalance.strength_gap.model import SIDES, Scenario, simulate
from backbalance.strength_gap.parameters import STATUSES, ModelParameters
from backbalance.tracker.data import log_csv, parse_progress, progress_from_rows

Kind = Literal["profile", "progress"]
SUFFIXES: dict[Kind, str] = {"profile": ".profile.json", "progress": ".progress.csv"}
"""The ending of each kind of student file; the student id is the name before it."""

EXTENSIONS = (".json", ".csv")
"""Files with these endings are read; the others (a README, say) are ignored."""

SYNTHETIC = "synthetic-student-"
"""The start of every file name in the synthetic sample class."""

PROFILE_FORMAT, PROFILE_VERSION = "back-in-balance/profile", 1
RED_FLAG_WORDS = {"clinician": "Red flag: see a clinician first", "urgent": "Red flag: urgent care"}
PROFILE_COLUMNS = (
    "student",
    "file",
    "red_flag",
    "concern_score",
    "contributors",
    "weaker_side",
    "gap_percent",
    "gap_test",
    "clear_gap",
    "lsi",
    *HOLDS,
    "training_status",
)
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

    ``profiles`` has one row per student: ``student``, ``file``, the profile's fields
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

    >>> student_file("week-4/Robin.profile.json")
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


def parse_profile(raw: bytes, data: AssessmentData) -> Profile | str:
    """A student's profile from the bytes of their file, or the reason it cannot be used.

    Parameters
    ----------
    raw
        The file's bytes.
    data
        The validated ``data/assessment`` files (the known cause ids).

    Returns
    -------
    Profile or str
    """
    if not raw.strip():
        return "is empty"
    try:
        content = json.loads(raw)
    except (ValueError, RecursionError) as err:
        return f"is not valid JSON ({err}); the file may be cut short or edited by hand"
    if not isinstance(content, dict) or content.get("format") != PROFILE_FORMAT:
        return f"is not a Back in Balance profile (its format is not {PROFILE_FORMAT!r})"
    if content.get("version") != PROFILE_VERSION:
        return (
            f"is profile version {content.get('version')!r}; this notebook reads version "
            f"{PROFILE_VERSION}"
        )
    try:
        profile = Profile.from_json(raw)
    except ValidationError as err:
        return "has invalid values: " + "; ".join(
            f"{p.entry}: {p.message}" for p in problems_from("", err)
        )
    known = {c.id for c in data.questionnaire.contributors}
    unknown = [cause for cause in profile.contributors if cause not in known]
    if unknown:
        return f"has invalid values: contributors: {unknown[0]!r} is not a known cause"
    return profile


def profile_row(profile: Profile, data: AssessmentData) -> dict[str, object]:
    """One student's profile as a flat row: its fields, hold times and torso ratios.

    Ratios come from :func:`backbalance.assessment.logic.ratio_value` (None when a hold is missing).
    """
    row: dict[str, object] = {
        "red_flag": profile.red_flag,
        "concern_score": profile.concern_score,
        "contributors": profile.contributors,
        "weaker_side": profile.weaker_side,
        "gap_percent": profile.gap_percent,
        "gap_test": profile.gap_test,
        "clear_gap": profile.clear_gap,
        "lsi": profile.lsi,
        "training_status": profile.training_status,
    }
    row |= {hold: profile.holds.get(hold) for hold in HOLDS}
    row |= {ratio.id: ratio_value(profile.holds, ratio) for ratio in data.endurance.ratios}
    return row


def _measured(profile: Profile) -> bool:
    """Whether a profile holds a measurement, so that an identical one is a copy."""
    return bool(profile.holds) or profile.strength is not None


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
) -> tuple[Profile | pd.DataFrame | str, list[FileProblem]]:
    """A profile, or a log's usable rows (without notes), or the reason the file is skipped;
    with a problem for each unusable line of a log."""
    if kind == "profile":
        return parse_profile(raw, data), []
    log = parse_progress(raw)
    lines = [FileProblem(path, f"{line} (line skipped)") for line in log.problems]
    return ("has no usable row" if log.rows.empty else log.rows.drop(columns="notes")), lines


def _content(parsed: Profile | pd.DataFrame) -> str | None:
    """What two copies of the same file share: the measurements.

    None when two students may well match: a profile without a measurement, a log of one test.
    """
    if isinstance(parsed, Profile):
        return parsed.to_json() if _measured(parsed) else None
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
        if isinstance(parsed, Profile):
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


# --------------------------------------------------------------------------- summaries


def cleared(profiles: pd.DataFrame) -> pd.DataFrame:
    """The profiles without a red flag: the students in the programme statistics."""
    return profiles[profiles["red_flag"] == "none"]


def programme_progress(progress: pd.DataFrame, profiles: pd.DataFrame) -> pd.DataFrame:
    """The progress rows, without those of students whose profile reports a red flag.

    A log without a matching profile is kept: nothing says that student has a red flag.
    """
    flagged = profiles.loc[profiles["red_flag"] != "none", "student"]
    return progress[~progress["student"].isin(flagged)]


def overview(results: ClassResults) -> pd.DataFrame:
    """How many students and files the class picture rests on.

    Returns
    -------
    pandas.DataFrame
        Columns ``what`` and ``number``: profiles loaded, each red-flag level (counted but
        left out of the statistics), students in the statistics, progress logs loaded and
        problems reported.
    """
    flags = results.profiles["red_flag"].value_counts()
    rows = [
        ("Student profiles loaded", len(results.profiles)),
        *((words, int(flags.get(level, 0))) for level, words in RED_FLAG_WORDS.items()),
        ("In the programme statistics (no red flag)", int(flags.get("none", 0))),
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

    Only students without a red flag count. A ratio is outside its limit as
    :func:`backbalance.assessment.logic.ratio_outside` says; the LSI when it is under the line of
    ``strength.yml``; the gap when the profile reports a clear gap (``clear_gap``: an LSI
    under the line, or side bridges apart by more than the noise).

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
    """Every measured torso ratio of the students without a red flag, one row each.

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
    """How many students without a red flag have each likely cause, most common first.

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

    Students with a red flag are left out (see :func:`programme_progress`).

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


# --------------------------------------------------------------------------- a synthetic class


def _skewed(n: int) -> np.ndarray:
    """Choice weights that make the first answers (the mild ones) the most common."""
    weights = 1 / np.arange(1, n + 1) ** 2
    return weights / weights.sum()


def _half_kg(value: float) -> float:
    return max(0.5, round(value * 2) / 2)


def synthetic_answers(rng: np.random.Generator, data: AssessmentData) -> Answers:
    """Plausible answers of one student without a red flag.

    Hold times are drawn around the published averages of ``endurance.yml``; one student in
    ten skips the back extensor hold, and one in ten the strength test (their gap then comes
    from the side bridges). The row test is in kg, with an LSI around 86%.
    """
    questionnaire, endurance = data.questionnaire, data.endurance
    choices = {
        q.id: q.options[rng.choice(len(q.options), p=_skewed(len(q.options)))].value
        for q in questionnaire.questions
    }
    norms: NormGroup = "female" if rng.random() < 0.5 else "male"
    averages = getattr(endurance.norms, norms)
    holds: dict[HoldId, float] = {  # flexor, extensor and right side bridge
        hold: float(
            np.clip(
                round(rng.normal(getattr(averages, hold).mean, 0.6 * getattr(averages, hold).sd)),
                15,
                400,
            )
        )
        for hold in HOLDS[:3]
    }
    holds["bridge_left"] = float(
        np.clip(round(holds["bridge_right"] * rng.normal(1, 0.08)), 15, 400)
    )
    if rng.random() < 0.1:
        del holds["extensor"]
    strength = None
    if rng.random() >= 0.1:
        stronger = _half_kg(rng.uniform(14, 28))
        weaker = _half_kg(stronger * float(np.clip(rng.normal(86, 6), 65, 100)) / 100)
        left, right = (weaker, stronger) if rng.random() < 0.7 else (stronger, weaker)
        strength = StrengthResult(unit="kg", left=left, right=right)
    tightness = {
        m.id: str(rng.choice(["none", "left", "right", "both"], p=[0.6, 0.15, 0.15, 0.1]))
        for m in data.tightness.muscles
    }
    return Answers(
        red_flag="none",
        choices=choices,
        holds=holds,
        norms=norms,
        strength=strength,
        tightness=tightness,
        training_status=STATUSES[int(rng.choice(len(STATUSES), p=[0.5, 0.35, 0.15]))],
    )


def synthetic_progress(profile: Profile, rng: np.random.Generator, params: ModelParameters) -> str:
    """A plausible progress log (CSV) for a profile with a row test.

    The first test is the profile's; later ones every four weeks (to week 8, 12 or 16) follow
    one simulated person of :func:`backbalance.strength_gap.model.simulate` (so some students improve
    faster than others), with test-to-test noise of about 1.5%, rounded to 0.5 kg.
    """
    if profile.strength is None:
        raise ValueError("the profile has no row test to start the log from")
    left, right = profile.strength.left, profile.strength.right
    plan = Scenario.from_strengths(
        left,
        right,
        strong_sets=6,
        weak_extra_sets=int(rng.integers(3, 7)),
        weeks=16,
        status=profile.training_status or "novice",
    )
    table = simulate(plan, params, draws=1, seed=int(rng.integers(2**31))).table
    path = table.pivot(index="week", columns="side", values="strength")[list(SIDES)].to_numpy()
    rows = [(2, {"week": "0", "left": f"{left:g}", "right": f"{right:g}", "notes": "first test"})]
    for week in range(4, int(rng.choice([8, 12, 16], p=[0.15, 0.25, 0.6])) + 1, 4):
        tested = {
            side: _half_kg(float(path[week, column]) * rng.normal(1, 0.015))
            for column, side in enumerate(SIDES)
        }
        note = str(rng.choice(["", "", "", "tired week", "re-tested on a second day"]))
        rows.append(
            (
                len(rows) + 2,
                {"week": str(week), **{s: f"{v:g}" for s, v in tested.items()}, "notes": note},
            )
        )
    return log_csv(progress_from_rows(rows))


def synthetic_class(
    data: AssessmentData, params: ModelParameters, *, students: int = 24, seed: int = 7
) -> dict[str, Profile | str]:
    """The files of a synthetic class, named ``synthetic-student-NN``, with three faulty files.

    One student in eight has a red flag (the first of them urgent). Most students without a
    red flag who did the row test hand in a progress log. On purpose, the class also holds
    a profile cut short (bad JSON), a programme saved as a progress log (wrong columns) and
    one profile handed in twice under two names.

    Parameters
    ----------
    data
        The validated ``data/assessment`` files.
    params
        The strength-gap model's parameters.
    students
        Students with a valid profile (at least 8).
    seed
        Seed of the random generator: the same arguments give the same files.

    Returns
    -------
    dict
        File name to a :class:`~backbalance.assessment.profile.Profile` (to save as JSON) or CSV text.
    """
    rng = np.random.default_rng(seed)
    flags = set(rng.choice(students, size=students // 8, replace=False).tolist())
    files: dict[str, Profile | str] = {}
    for index in range(students):
        name = f"{SYNTHETIC}{index + 1:02d}"
        if index in flags:
            level: RedFlagLevel = "urgent" if index == min(flags) else "clinician"
            signs = getattr(data.red_flags, level).signs
            sign = signs[int(rng.integers(len(signs)))].id
            files[name + SUFFIXES["profile"]] = Profile(red_flag=level, red_flag_signs=(sign,))
            continue
        profile = build_profile(synthetic_answers(rng, data), data)
        files[name + SUFFIXES["profile"]] = profile
        if profile.strength is not None and rng.random() < 0.85:
            files[name + SUFFIXES["progress"]] = synthetic_progress(profile, rng, params)
    copied = next(
        name for name, value in files.items() if isinstance(value, Profile) and _measured(value)
    )
    files[copied.replace(SUFFIXES["profile"], "-again" + SUFFIXES["profile"])] = files[copied]
    cut = build_profile(synthetic_answers(rng, data), data).to_json()
    files[f"{SYNTHETIC}{students + 1:02d}{SUFFIXES['profile']}"] = cut[: len(cut) // 2]
    files[f"{SYNTHETIC}{students + 2:02d}{SUFFIXES['progress']}"] = (
        "phase,exercise,sets\r\nrelease,hip-flexor-stretch,3\r\nstrengthen,single-arm-row,6\r\n"
    )
    return dict(sorted(files.items()))


def write_synthetic_class(
    folder: Path | str,
    data: AssessmentData,
    params: ModelParameters,
    *,
    students: int = 24,
    seed: int = 7,
) -> list[Path]:
    """Write :func:`synthetic_class` into ``folder`` (created if needed); return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in synthetic_class(data, params, students=students, seed=seed).items():
        path = folder / name
        if isinstance(content, Profile):
            content.save(path)
        else:
            path.write_bytes(content.encode("utf-8"))
        paths.append(path)
    return paths
