"""A synthetic class: the clearly labelled sample files of ``data/sample_class``.

A developer tool, not part of the course a student sees: it writes plausible profiles and
progress logs (drawn from the published averages of ``endurance.yml`` and from the
strength-gap model) together with three faulty files, so that the class notebook and its
tests have something realistic to load. ``python -m backbalance sample-class FOLDER``
calls :func:`write_synthetic_class`.

Examples
--------
>>> from backbalance.course import Course
>>> course = Course.find()
>>> files = synthetic_class(course.assessment, course.parameters, students=8, seed=1)
>>> sum(name.endswith(".hand-in.json") for name in files) >= 7
True
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.hand_in import HandIn, hand_in
from backbalance.assessment.logic import HOLDS, Answers, build_profile
from backbalance.assessment.profile import NormGroup, Profile, StrengthResult
from backbalance.assessment.types import HoldId
from backbalance.classroom.data import SUFFIXES, measured
from backbalance.common.types import SIDES
from backbalance.strength_gap.model import Scenario, simulate
from backbalance.strength_gap.parameters import STATUSES, ModelParameters
from backbalance.tracker.data import log_csv, parse_progress, progress_from_rows

SYNTHETIC = "synthetic-student-"
"""The start of every file name in the synthetic sample class."""


def _skewed(n: int) -> np.ndarray:
    """Choice weights that make the first answers (the mild ones) the most common."""
    weights = 1 / np.arange(1, n + 1) ** 2
    return weights / weights.sum()


def _half_kg(value: float) -> float:
    return max(0.5, round(value * 2) / 2)


def synthetic_answers(rng: np.random.Generator, data: AssessmentData) -> Answers:
    """Plausible answers of one student without a red flag.

    Hold times are drawn around the published averages of ``endurance.yml``; one student in
    ten skips the back extensor hold, and one in ten the strength test (they get hold targets
    and no strength gap or forecast). The row test is in kg, with an LSI around 86%.
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
        pre_exercise="passed",
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


FIRST, AGAIN = "week-00/", "week-08/"
"""The week folders of the hand-ins: every student's first one, and a few students' second."""
REPEATS = 3
"""How many students hand in again in week 8, from their progress log's week-8 re-test."""


def repeat_hand_in(
    answers: Answers, log: str, data: AssessmentData, week: int = 8
) -> HandIn | None:
    """A student's hand-in again at ``week``: the first answers with the log's row test of
    that week (None when the log has no test that week)."""
    rows = parse_progress(log).rows
    tested = rows[rows["week"] == week]
    if tested.empty or answers.strength is None:
        return None
    left, right = float(tested["left"].iloc[0]), float(tested["right"].iloc[0])
    strength = StrengthResult(**{**answers.strength.model_dump(), "left": left, "right": right})
    return hand_in(build_profile(replace(answers, strength=strength), data), data)


def synthetic_class(
    data: AssessmentData, params: ModelParameters, *, students: int = 24, seed: int = 7
) -> dict[str, HandIn | str]:
    """The files of a synthetic class, named ``synthetic-student-NN``, with three faulty files.

    One student in eight has a red flag and so hands in nothing: hand-in files never say
    who had one. Every hand-in is in the folder :data:`FIRST`; the first :data:`REPEATS`
    students whose log reaches week 8 hand in again in :data:`AGAIN`. Most students who did
    the row test hand in a progress log too (at the top of the folder: the latest log holds
    every week). On purpose, the class also holds a hand-in cut short (bad JSON), a
    programme saved as a progress log (wrong columns) and one hand-in handed in twice under
    two names.

    Parameters
    ----------
    data
        The validated ``data/assessment`` files.
    params
        The strength-gap model's parameters.
    students
        Students in the class (at least 8); those with a red flag hand in nothing.
    seed
        Seed of the random generator: the same arguments give the same files.

    Returns
    -------
    dict
        File name to a :class:`~backbalance.assessment.hand_in.HandIn` (to save as JSON) or CSV text.
    """
    rng = np.random.default_rng(seed)
    flags = set(rng.choice(students, size=students // 8, replace=False).tolist())
    files: dict[str, HandIn | str] = {}
    for index in range(students):
        if index in flags:
            continue
        name = f"{SYNTHETIC}{index + 1:02d}"
        answers = synthetic_answers(rng, data)
        profile = build_profile(answers, data)
        file = hand_in(profile, data)
        assert file is not None  # synthetic answers pass the screen
        files[FIRST + name + SUFFIXES["profile"]] = file
        if profile.strength is not None and rng.random() < 0.85:
            log = synthetic_progress(profile, rng, params)
            files[name + SUFFIXES["progress"]] = log
            again = repeat_hand_in(answers, log, data)
            if again is not None and sum(n.startswith(AGAIN) for n in files) < REPEATS:
                files[AGAIN + name + SUFFIXES["profile"]] = again
    copied = next(
        name for name, value in files.items() if isinstance(value, HandIn) and measured(value)
    )
    files[copied.replace(SUFFIXES["profile"], "-again" + SUFFIXES["profile"])] = files[copied]
    whole = hand_in(build_profile(synthetic_answers(rng, data), data), data)
    assert whole is not None
    cut = whole.to_json()
    files[f"{FIRST}{SYNTHETIC}{students + 1:02d}{SUFFIXES['profile']}"] = cut[: len(cut) // 2]
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
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content.to_json() + "\n" if isinstance(content, HandIn) else content
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
