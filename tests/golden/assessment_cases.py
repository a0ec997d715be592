"""Golden cases of the self-assessment: answers -> screen, messages, profile and report, by Python.

Python (:mod:`backbalance.assessment`) is the reference; ``test_assessment_js.py`` replays
every case with the static book's ``assessment-core.js`` under Node. The cases walk the
paths of the data: every red flag, the date of a clinician's check (valid, in the future,
impossible, the oldest that counts and one day older), each question before the tests, the see-a-clinician advice, a denied cause,
each concern band, each ratio below, inside and above its limits, strength gaps on each
side and none with each dominant hand, reps within and beyond the 1RM estimate's range,
gaps beyond the gap limit, the side bridges within and beyond their noise, missing optional
answers, bad numbers, and seeded random answer sets. They run on the course data and on variants of
it (a ratio with only ``high:`` or only ``low:``, a low contributor threshold), so that an
edit of ``data/`` that takes an unsampled path is still covered.

Run ``python tests/golden/assessment_cases.py FOLDER`` to write the cases as JSON files.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from backbalance.assessment.check import check_answers, screen
from backbalance.assessment.data import AssessmentData
from backbalance.assessment.form import CLEARANCE
from backbalance.assessment.hand_in import hand_in
from backbalance.assessment.logic import HOLDS, build_profile, concern_score, hold_noise
from backbalance.assessment.render import script_spec
from backbalance.assessment.report import describe
from backbalance.course import Course

State = dict[str, str]

TODAY = "2026-03-15"
"""The date the cases are checked on (the replay passes the same date to the script)."""
DATES = (
    "2026-03-15",
    "2026-03-16",
    "2025-12-31",
    "2026-02-30",
    "0050-01-01",
    "15/03/2026",
    " 2026-01-05 ",
    "2026-1-5",
)

BAD_NUMBERS = ("abc", "", "-5", "0", "0.4", "99999", "1" * 400, "1e3", "12..5", " 62,5 ", "700")


def _seconds(rng: random.Random) -> str:
    value = rng.choice([rng.randint(5, 300), round(rng.uniform(1, 240), 1), rng.randint(1, 600)])
    text = str(value)
    return text.replace(".", ",") if rng.random() < 0.1 else text


def answer_set(rng: random.Random, data: AssessmentData) -> State:
    """A reader's answers: mostly usable, some with a red flag, some with mistakes."""
    state = {f"redflag-{sign.id}": "no" for sign in data.red_flags.signs()}
    kind = rng.random()
    if kind < 0.12:
        state[f"redflag-{rng.choice(data.red_flags.signs()).id}"] = "yes"
    elif kind < 0.16:
        state[f"redflag-{rng.choice(data.red_flags.signs()).id}"] = ""
    state[CLEARANCE] = rng.choice(DATES) if rng.random() < 0.2 else ""
    for question in data.pre_exercise.questions:
        state[f"pre-{question.id}"] = "yes" if rng.random() < 0.03 else "no"
    for question in data.questionnaire.questions:
        state[f"question-{question.id}"] = rng.choice(question.options).value
    for hold in ("flexor", "extensor"):
        state[f"hold-{hold}"] = _seconds(rng) if rng.random() < 0.8 else ""
    bridges = rng.random() < 0.8
    right = _seconds(rng) if bridges else ""
    near = bridges and rng.random() < 0.4 and "," not in right
    state["hold-bridge_right"] = right
    state["hold-bridge_left"] = (
        str(max(1, float(right) + rng.randint(-14, 14)))
        if near
        else (_seconds(rng) if bridges else "")
    )
    state["norms"] = rng.choice(["", "female", "male"])
    state["strength-unit"] = rng.choice(["reps", "kg"])
    row = rng.random() < 0.7
    top = 100 if state["strength-unit"] == "reps" else 300
    state["strength-left"] = str(rng.randint(1, min(top, 40))) if row else ""
    state["strength-right"] = (
        str(rng.choice([state["strength-left"], rng.randint(1, min(top, 40))])) if row else ""
    )
    if state["strength-unit"] == "reps" and row:
        state["strength-left"] = str(rng.randint(1, 14))
        state["strength-right"] = str(rng.randint(1, 14))
    state["strength-load"] = rng.choice(["", "12.5", "20", "8"]) if row else ""
    state["dominant-hand"] = rng.choice(["", "left", "right"])
    for muscle in data.tightness.muscles:
        state[f"tight-{muscle.id}"] = rng.choice(["none", "left", "right", "both"])
    state["training-status"] = rng.choice(["", "novice", "intermediate", "trained"])
    if kind > 0.8:  # one or two mistakes
        for _ in range(rng.randint(1, 2)):
            name = rng.choice(
                ["hold-flexor", "hold-bridge_left", "strength-right", "question-bag", "tight-lats"]
            )
            state[name] = "" if name.startswith(("question", "tight")) else rng.choice(BAD_NUMBERS)
    return state


def cleared(data: AssessmentData) -> State:
    """No red flag, the first option of every question, nothing tight, no test done."""
    state = {f"redflag-{sign.id}": "no" for sign in data.red_flags.signs()}
    state |= {f"pre-{q.id}": "no" for q in data.pre_exercise.questions}
    state |= {f"question-{q.id}": q.options[0].value for q in data.questionnaire.questions}
    state |= {f"tight-{m.id}": "none" for m in data.tightness.muscles}
    return state | {"strength-unit": "kg"}


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def paths(data: AssessmentData) -> Iterator[State]:
    """Answer sets that take each path of the data at least once."""
    base = cleared(data)
    yield {}
    yield base | {f"redflag-{data.red_flags.signs()[0].id}": ""}
    for sign in data.red_flags.signs():
        yield base | {f"redflag-{sign.id}": "yes"}
    urgent, clinician = data.red_flags.urgent.signs[0], data.red_flags.clinician.signs[0]
    yield base | {f"redflag-{urgent.id}": "yes", f"redflag-{clinician.id}": "yes"}
    yield base | {f"redflag-{clinician.id}": "yes", f"redflag-{urgent.id}": ""}
    # a clinician's check: every kind of date, with and without a sign, never after an urgent one
    for date in DATES:
        yield base | {CLEARANCE: date}
        yield base | {CLEARANCE: date, f"redflag-{clinician.id}": "yes"}
    # the oldest check that still counts, and one day older (valid.days in red_flags.yml)
    for back in (0, 1):
        days = datetime.timedelta(days=data.red_flags.clearance.valid.days + back)
        date = (datetime.date.fromisoformat(TODAY) - days).isoformat()
        yield base | {CLEARANCE: date, f"redflag-{clinician.id}": "yes"}
        yield base | {CLEARANCE: date, f"redflag-{clinician.id}": "yes", "hold-flexor": "90"}
    yield base | {CLEARANCE: TODAY, f"redflag-{urgent.id}": "yes"}
    yield base | {CLEARANCE: TODAY, f"redflag-{clinician.id}": "yes", f"redflag-{urgent.id}": ""}
    # the questions before the tests: each yes stops the tests, a check lifts it
    tests = {
        "hold-flexor": "90",
        "strength-left": "9",
        "strength-right": "12",
        "hold-extensor": "x",
    }
    for question in data.pre_exercise.questions:
        yes = {f"pre-{question.id}": "yes"}
        yield base | yes
        yield base | yes | tests
        yield base | yes | tests | {CLEARANCE: "2026-01-05"}
        yield base | {f"pre-{question.id}": ""}
    # the advice, and causes the reader has denied (their own question at 0 points)
    for advice in data.questionnaire.advice:
        for value in advice.answers:
            yield base | {f"question-{advice.question}": value}
    for contributor in data.questionnaire.contributors:
        if contributor.needs is None:
            continue
        others = {
            f"question-{q.id}": q.options[-1].value
            for q in data.questionnaire.questions
            if q.id != contributor.needs
        }
        yield base | others
    # each concern band: the first combination of options whose score falls in it
    questions = data.questionnaire.questions
    starts = [level.min_score for level in data.questionnaire.concern_levels]
    found: dict[int, State] = {}
    for combo in itertools.product(*(q.options for q in questions)):
        choices = {q.id: o.value for q, o in zip(questions, combo, strict=True)}
        band = sum(start <= concern_score(choices, data.questionnaire) for start in starts) - 1
        found.setdefault(band, {f"question-{k}": v for k, v in choices.items()})
        if len(found) == len(starts) or len(found) > 200:
            break
    assert len(found) == len(starts), "a concern band no combination of answers reaches"
    yield from (base | answers for answers in found.values())
    top = {f"question-{q.id}": q.options[-1].value for q in questions}
    yield base | top
    # each ratio below, inside and above its limits, with and without averages
    limits = data.endurance.input
    for ratio in data.endurance.ratios:
        values = [v for v in (ratio.low, ratio.high) if v is not None]
        for value in (min(values) * 0.8, sum(values) / len(values), max(values) * 1.25, values[0]):
            holds = {f"hold-{hold}": "100" for hold in HOLDS}
            numerator = max(limits.min, min(limits.max, 100 * value))
            holds[f"hold-{ratio.numerator}"] = _number(numerator)
            for norms in ("", "female", "male"):
                yield base | holds | {"norms": norms}
    # gaps: row test on each side, equal, at and under the line, beyond the gap limit, each
    # dominant hand; reps within and beyond the estimate's range, with and without the load
    line, top = data.strength.lsi.line, data.strength.estimate.max_reps
    limit = 100 - data.gap_limit
    for hand in ("", "left", "right"):
        for left, right in ((9, 12), (12, 9), (10, 10), (line, 100), (line - 0.5, 100), (94, 100)):
            yield base | {
                "strength-unit": "kg",
                "strength-left": _number(left),
                "strength-right": _number(right),
                "dominant-hand": hand,
            }
        for left, right in ((9, 12), (12, 9), (10, 10), (1, top), (top, top + 1), (5, 30)):
            yield base | {
                "strength-unit": "reps",
                "strength-load": "10",
                "strength-left": _number(left),
                "strength-right": _number(right),
                "dominant-hand": hand,
            }
    for left in (limit, limit - 1):
        yield base | {"strength-left": _number(left), "strength-right": "100"}
    yield base | {"strength-unit": "reps", "strength-left": "9", "strength-right": "12"}
    yield base | {"strength-unit": "reps", "strength-load": "10"}
    yield base | {"strength-load": "abc", "strength-left": "9", "strength-right": "12"}
    noise = round(hold_noise(data)["side_bridge"] + 0.5)
    for left, right in ((60, 60 + noise), (60 + noise, 60), (60, 60 + noise - 1), (60, 60)):
        yield base | {"hold-bridge_left": _number(left), "hold-bridge_right": _number(right)}
        yield base | {
            "hold-bridge_left": _number(left),
            "hold-bridge_right": _number(right),
            "strength-left": "20",
            "strength-right": "20.5",
        }
    yield base | {
        "hold-bridge_left": "50",
        "hold-bridge_right": "90",
        "strength-left": "30",
        "strength-right": "20",
    }  # the tests disagree
    # missing optional answers, tightness and training status
    yield base | {"strength-unit": "", "hold-flexor": "90"}
    yield base | {"hold-extensor": "80", "norms": "male"}
    for side in ("left", "right", "both"):
        for muscle in data.tightness.muscles:
            yield base | {f"tight-{muscle.id}": side}
    yield base | {f"tight-{m.id}": "both" for m in data.tightness.muscles}
    for option in data.strength.training_status.options:
        yield base | {"training-status": option.value}
    # bad answers: every typed number in each kind of box, unanswered and unknown choices
    for typed in BAD_NUMBERS:
        yield base | {"hold-flexor": typed}
        yield base | {"hold-bridge_right": typed}
        yield base | {"strength-left": "20", "strength-right": typed}
        yield base | {"strength-unit": "reps", "strength-left": typed, "strength-right": "5"}
        yield base | {
            "strength-unit": "reps",
            "strength-load": typed,
            "strength-left": "9",
            "strength-right": "5",
        }
    yield base | {f"question-{questions[0].id}": ""}
    yield base | {f"tight-{data.tightness.muscles[0].id}": "sideways", "norms": "other"}
    yield base | {"strength-unit": "stone", "strength-left": "3", "strength-right": "4"}
    yield base | {"dominant-hand": "both"}


def expected(state: State, data: AssessmentData) -> dict[str, object]:
    """What Python gives for ``state``: screen, messages, and the profile and report."""
    screened = screen(state, data, TODAY)
    checked = check_answers(state, data, TODAY)
    want: dict[str, object] = {
        "screen": {
            "level": screened.level,
            "signs": list(screened.signs),
            "errors": screened.errors,
            "cleared_on": screened.cleared_on,
        },
        "errors": checked.errors,
    }
    if checked.answers is not None:
        profile = build_profile(checked.answers, data)
        file = hand_in(profile, data)
        want["profile"] = json.loads(profile.to_json())
        want["report"] = dataclasses.asdict(describe(profile, data))
        want["hand_in"] = None if file is None else json.loads(file.to_json())
    return json.loads(json.dumps(want))


def variants(data: AssessmentData) -> dict[str, AssessmentData]:
    """The course data, and edits of it that take paths the course data may not."""
    endurance, questionnaire = data.endurance, data.questionnaire
    one_sided = [
        ratio.model_copy(update={"low": None} if index % 2 == 0 else {"high": None})
        if ratio.low is not None and ratio.high is not None
        else ratio
        for index, ratio in enumerate(endurance.ratios)
    ]
    return {
        "course": data,
        "one-sided-ratios": dataclasses.replace(
            data, endurance=endurance.model_copy(update={"ratios": one_sided})
        ),
        "low-contributor-threshold": dataclasses.replace(
            data, questionnaire=questionnaire.model_copy(update={"contributor_min_score": 1})
        ),
    }


RANDOM_SETS = 120


def golden(data: AssessmentData) -> dict[str, dict[str, object]]:
    """One golden file per variant: its spec and its cases (answers and what Python gives)."""
    files = {}
    for name, variant in variants(data).items():
        rng = random.Random(20240605)
        states = [*paths(variant), *(answer_set(rng, variant) for _ in range(RANDOM_SETS))]
        links = {chapter: f"{chapter}.html" for chapter in variant.chapters()}
        files[name] = {
            "today": TODAY,
            "spec": script_spec(variant, links),
            "cases": [{"state": state, "want": expected(state, variant)} for state in states],
        }
    return files


def write(folder: Path, data: AssessmentData) -> list[Path]:
    """Write the golden files to ``folder`` (``<variant>.json``)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in golden(data).items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", "utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]), Course.find().assessment):
        print(path)
