"""Fault injection: the mistakes an instructor can make in ``data/``, each caught in one line.

Each case breaks one thing in a fresh copy of ``data/`` and ``references.bib`` and runs the
instructor's command, ``python -m backbalance validate <copy>/data --bib <copy>/references.bib``,
from the copy (in this process, through :func:`backbalance.cli.main`; two smoke tests run it as
a separate process). It must fail (exit status 1), show no Python traceback, and print
exactly the expected lines: one per problem, naming the file and the entry, then the count.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from backbalance.cli import main

SUMMARY = "{n} problem(s) found; nothing was built."


@dataclass(frozen=True)
class Run:
    """What a run of ``validate`` printed, and its exit status."""

    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Fault:
    """One broken edit and the lines ``validate`` must print for it."""

    id: str
    edit: Callable[[Path], None]
    expected: tuple[str, ...] | Callable[[Path], tuple[str, ...]]


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace the first ``old`` in ``file`` (a path below the copy) with ``new``."""

    def edit(course: Path) -> None:
        path = course / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{file} no longer contains {old!r}: update this fault"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write(file: str, content: str | bytes) -> Callable[[Path], None]:
    def edit(course: Path) -> None:
        path = course / file
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return edit


def remove(file: str) -> Callable[[Path], None]:
    def edit(course: Path) -> None:
        (course / file).unlink()

    return edit


def latin1(
    file: str, word: str, accented: str
) -> tuple[Callable[[Path], None], Callable[[Path], tuple[str, ...]]]:
    """Save ``word`` as ``accented`` in Latin-1 (as an old editor might); the message names
    the byte offset of the first non-UTF-8 byte."""

    def edit(course: Path) -> None:
        path = course / file
        data = path.read_bytes()
        assert word.encode() in data, f"{file} no longer contains {word!r}: update this fault"
        path.write_bytes(data.replace(word.encode(), accented.encode("latin-1"), 1))

    def expected(course: Path) -> tuple[str, ...]:
        data = (course / file).read_bytes()
        offset = data.index(word.encode()) + next(
            i for i, ch in enumerate(accented) if ord(ch) > 127
        )
        return (f"{file}, byte {offset}: not UTF-8 text; save the file with UTF-8 encoding",)

    return edit, expected


def csv_line(
    file: str, marker: str, change: Callable[[str], str], *expected_lines: str
) -> tuple[Callable[[Path], None], Callable[[Path], tuple[str, ...]]]:
    """Change the first line of a CSV file that contains ``marker``. In the expected lines,
    ``{row}`` is that line's row as a spreadsheet numbers it (the header is row 1),
    ``{header}`` the number of columns the header names and ``{cells}`` one more."""

    def find(course: Path) -> tuple[list[str], int]:
        lines = (course / file).read_text(encoding="utf-8").split("\n")
        found = [i for i, line in enumerate(lines) if marker in line]
        assert found, f"{file} no longer contains {marker!r}: update this fault"
        return lines, found[0]

    def edit(course: Path) -> None:
        lines, index = find(course)
        lines[index] = change(lines[index])
        (course / file).write_bytes("\n".join(lines).encode("utf-8", errors="surrogateescape"))

    def expected(course: Path) -> tuple[str, ...]:
        lines, index = find(course)
        header = len(next(csv.reader([lines[0]])))
        return tuple(
            line.format(row=index + 1, header=header, cells=header + 1) for line in expected_lines
        )

    return edit, expected


def yaml_error(
    file: str, old: str, new: str, below: int, column: int, reason: str, also: tuple[str, ...] = ()
) -> tuple[Callable[[Path], None], Callable[[Path], tuple[str, ...]]]:
    """Break the YAML syntax with ``replace(file, old, new)``. The parser notices ``below``
    lines under the first line of ``old`` (often on the next line), at ``column``; ``also``:
    the lines that follow from it in other files."""

    def expected(course: Path) -> tuple[str, ...]:
        text = (course / file).read_text(encoding="utf-8")
        line = text[: text.index(old)].count("\n") + 1 + below
        return (f"{file}, line {line}, column {column}: not valid YAML ({reason})", *also)

    return replace(file, old, new), expected


PARAMS = "data/model_parameters.yml"
QUIZ = "data/quizzes/causes.yml"
REVIEW = "data/quizzes/review.yml"
ROOT = Path(__file__).resolve().parents[2]


def _first_review_of(chapter: str) -> int:
    """The position in the review quiz of its first question from ``chapter``."""
    entries = yaml.safe_load((ROOT / REVIEW).read_text(encoding="utf-8"))["review"]
    return next(i for i, entry in enumerate(entries) if entry["chapter"] == chapter)


REVIEW_STOPPED = (
    f"{REVIEW}, review[{_first_review_of('causes')}].chapter: {QUIZ} has problems of its own; "
    "fix them first"
)
PLAN = "data/lesson_plans/causes.yml"
EXERCISES = "data/exercises.csv"
WAITS_FOR_CSV = (
    "data/plan_templates.yml: cannot check the exercises it names until data/exercises.csv is fixed"
)
BIB_MISSING = "which is not in references.bib; add it there or fix the key"

FAULTS = [
    # ---------------------------------------------------------------- model parameters
    Fault(
        "parameter-out-of-range",
        replace(PARAMS, "  value: 0.35\n", "  value: 0.9\n"),
        (f"{PARAMS}, cross_education.value: must be at most 0.5, got 0.9",),
    ),
    Fault(
        "parameter-negative",
        replace(PARAMS, "  value: 0.005\n", "  value: -0.01\n"),
        (f"{PARAMS}, detraining_rate.value: must be at least 0.0, got -0.01",),
    ),
    Fault(
        "parameter-wrong-type",
        replace(PARAMS, "  value: 0.05\n", "  value: fast\n"),
        (
            f"{PARAMS}, weekly_gain_rate.value: input should be a valid number, "
            "unable to parse string as a number, got 'fast'",
        ),
    ),
    Fault(
        "parameter-misspelled-field",
        replace(
            PARAMS,
            "response_spread:\n  value: 0.5\n  source:",
            "response_spread:\n  value: 0.5\n  sourse:",
        ),
        (f"{PARAMS}, response_spread.sourse: is not a known field (check the spelling)",),
    ),
    Fault(
        "parameter-unknown-entry",
        replace(
            PARAMS,
            "lsi_targets:\n",
            "warmup_minutes:\n  value: 10\n  assumption: a guess\n  description: Minutes.\n\nlsi_targets:\n",
        ),
        (f"{PARAMS}, warmup_minutes: is not a known field (check the spelling)",),
    ),
    Fault(
        "parameter-missing-description",
        replace(
            PARAMS,
            "  description: >-\n    Fraction of strength a side loses",
            "  notes: >-\n    Fraction of strength a side loses",
        ),
        (
            f"{PARAMS}, detraining_rate.description: is required but missing",
            f"{PARAMS}, detraining_rate.notes: is not a known field (check the spelling)",
        ),
    ),
    Fault(
        "parameter-source-and-assumption",
        replace(
            PARAMS,
            "  source: ralston2017\n",
            "  source: ralston2017\n  assumption: no study gives this number\n",
        ),
        (
            f"{PARAMS}, half_saturation_sets: give exactly one of `source:` (a key in references.bib) "
            "or `assumption:` (a one-line reason)",
        ),
    ),
    Fault(
        "parameter-headroom-grows-with-training",
        replace(
            PARAMS,
            "    intermediate: 0.4\n",
            "    intermediate: 1.2\n",
        ),
        (
            f"{PARAMS}, headroom.value: must not grow with training: novice >= intermediate >= trained, "
            "got {'novice': 1.0, 'intermediate': 1.2, 'trained': 0.3}",
        ),
    ),
    Fault(
        "parameter-dangling-citation",
        replace(
            PARAMS,
            "  source: gokeler2017\n",
            "  source: gokeler2071\n",
        ),
        (f"{PARAMS}, lsi_targets.source: cites 'gokeler2071', {BIB_MISSING}",),
    ),
    Fault(
        "parameter-unclosed-bracket",
        *yaml_error(
            PARAMS,
            "  value: [90, 95]\n",
            "  value: [90, 95\n",
            1,
            9,
            "expected ',' or ']', but got ':'",
        ),
    ),
    Fault("parameter-wrong-encoding", *latin1(PARAMS, "Calibrated", "Calibr\u00e9")),
    Fault("parameter-file-missing", remove(PARAMS), (f"{PARAMS}: file not found",)),
    # ---------------------------------------------------------------- quizzes
    # A broken chapter quiz also stops the review quiz that draws from it: one more line.
    Fault(
        "quiz-no-correct-option",
        replace(
            QUIZ,
            "link.\n        correct: true\n        feedback: Sitting less",
            "link.\n        correct: false\n        feedback: Sitting less",
        ),
        (
            f"{QUIZ}, questions[4].options: exactly one option must have 'correct: true', found 0",
            REVIEW_STOPPED,
        ),
    ),
    Fault(
        "quiz-answer-not-among-options",
        replace(
            QUIZ,
            "  - id: sport-asymmetry\n",
            "  - id: sport-asymmetry\n    answer: C\n",
        ),
        (f"{QUIZ}, questions[1].answer: is not a known field (check the spelling)", REVIEW_STOPPED),
    ),
    Fault(
        "quiz-correct-not-true-or-false",
        replace(
            QUIZ,
            "        correct: false\n        feedback: Two straps",
            "        correct: maybe\n        feedback: Two straps",
        ),
        (
            f"{QUIZ}, questions[0].options[0].correct: input should be a valid boolean, got 'maybe'",
            REVIEW_STOPPED,
        ),
    ),
    Fault(
        "quiz-duplicate-question-id",
        replace(
            QUIZ,
            "  - id: sport-asymmetry\n",
            "  - id: one-sided-habits\n",
        ),
        (
            f"{QUIZ}, questions: question id 'one-sided-habits' is used more than once; ids must be "
            "unique",
            REVIEW_STOPPED,
        ),
    ),
    Fault(
        "quiz-too-few-options",
        replace(
            QUIZ,
            "      - text: It grew back bigger than before.\n        correct: false\n"
            "        feedback: If anything, the muscle stayed smaller.\n",
            "",
        ),
        (
            f"{QUIZ}, questions[2].options: a question needs 3 to 6 options, found 2; "
            "add wrong answers drawn from real misconceptions",
            REVIEW_STOPPED,
        ),
    ),
    Fault(
        "quiz-id-with-spaces",
        replace(QUIZ, "  - id: compensation\n", "  - id: Old Injuries\n"),
        (
            f"{QUIZ}, questions[2].id: must be lower-case letters, digits and hyphens, like 'side-plank', "
            "got 'Old Injuries'",
            REVIEW_STOPPED,
        ),
    ),
    Fault(
        "quiz-missing-feedback",
        replace(
            QUIZ,
            "        feedback: Two straps share the load between both sides, so this is a balanced habit.\n",
            "",
        ),
        (f"{QUIZ}, questions[0].options[0].feedback: is required but missing", REVIEW_STOPPED),
    ),
    Fault(
        "quiz-dangling-citation",
        replace(
            QUIZ,
            "    source: afonso2022\n",
            "    source: afonso2202\n",
        ),
        (f"{QUIZ}, questions[1].source (sport-asymmetry): cites 'afonso2202', {BIB_MISSING}",),
    ),
    Fault(
        "quiz-empty-file",
        write(QUIZ, ""),
        (
            f"{QUIZ}, (top level): input should be a valid dictionary or instance of QuizFile, got None",
            REVIEW_STOPPED,
        ),
    ),
    Fault(
        "quiz-bad-indentation",
        *yaml_error(
            QUIZ,
            "  - id: sport-asymmetry\n",
            " - id: sport-asymmetry\n",
            0,
            2,
            "expected <block end>, but found '<block sequence start>'",
            also=(REVIEW_STOPPED,),
        ),
    ),
    # ---------------------------------------------------------------- lesson plans
    Fault(
        "lesson-timings-too-short",
        replace(PLAN, "    minutes: 10\n", "    minutes: 1\n"),
        (f"{PLAN}, activities: the minutes must add up to 45–60 for one class, got 41",),
    ),
    Fault(
        "lesson-timings-too-long",
        replace(PLAN, "    minutes: 10\n", "    minutes: 25\n"),
        (f"{PLAN}, activities: the minutes must add up to 45–60 for one class, got 65",),
    ),
    Fault(
        "lesson-duplicate-activity-id",
        replace(PLAN, "  - id: quiz\n", "  - id: wrap-up\n"),
        (f"{PLAN}, activities: activity id 'wrap-up' is used more than once; ids must be unique",),
    ),
    Fault(
        "lesson-minutes-not-a-number",
        replace(PLAN, "    minutes: 8\n", "    minutes: eight\n"),
        (
            f"{PLAN}, activities[2].minutes: input should be a valid integer, "
            "unable to parse string as an integer, got 'eight'",
        ),
    ),
    Fault(
        "lesson-unknown-key",
        replace(PLAN, "prepare:\n", "duration: 50\nprepare:\n"),
        (f"{PLAN}, duration: is not a known field (check the spelling)",),
    ),
    Fault(
        "lesson-missing-listen-for",
        replace(
            PLAN,
            "    listen_for: >-\n      Compensation can stick",
            "    notes: >-\n      Compensation can stick",
        ),
        (
            f"{PLAN}, discussion[1].listen_for: is required but missing",
            f"{PLAN}, discussion[1].notes: is not a known field (check the spelling)",
        ),
    ),
    Fault(
        "lesson-dangling-citation",
        replace(PLAN, "    source: hides1996\n", "    source: hides1997\n"),
        (f"{PLAN}, discussion[1].source: cites 'hides1997', {BIB_MISSING}",),
    ),
    Fault(
        "lesson-missing-colon",
        *yaml_error(
            PLAN,
            "    minutes: 8\n",
            "    minutes 8\n",
            1,
            5,
            "could not find expected ':'",
        ),
    ),
    # ---------------------------------------------------------------- self-assessment
    Fault(
        "assessment-threshold-out-of-range",
        replace(
            "data/assessment/strength.yml",
            "  line: 90\n",
            "  line: 190\n",
        ),
        ("data/assessment/strength.yml, lsi.line: must be at most 100.0, got 190",),
    ),
    Fault(
        "assessment-threshold-wrong-type",
        replace(
            "data/assessment/endurance.yml",
            "    sem_seconds: 10\n",
            "    sem_seconds: fifteen\n",
        ),
        (
            "data/assessment/endurance.yml, test_error.side_bridge.sem_seconds: input should be a valid number, "
            "unable to parse string as a number, got 'fifteen'",
        ),
    ),
    Fault(
        "assessment-file-missing",
        remove("data/assessment/questionnaire.yml"),
        ("data/assessment/questionnaire.yml: file not found",),
    ),
    # ---------------------------------------------------------------- exercise library (CSV)
    Fault(
        "csv-unclosed-quote",
        *csv_line(
            EXERCISES,
            "kneeling-lat-stretch",
            lambda line: line.replace(',"Kneel facing', ',"Kneel "facing', 1),
            f"{EXERCISES}, row {{row}}: cannot be read as CSV (',' expected after '\"'); check the quotes",
            WAITS_FOR_CSV,
        ),
    ),
    Fault(
        "csv-extra-cell",
        *csv_line(
            EXERCISES,
            "single-arm-dumbbell-row",
            lambda line: line + ",extra",
            EXERCISES + ", row {row}: has {cells} cells but the header has {header} columns",
            WAITS_FOR_CSV,
        ),
    ),
    Fault(
        "csv-wrong-encoding",
        *csv_line(
            EXERCISES,
            "hip-flexor-stretch,",
            lambda line: line.replace("Squeeze", "Squ\udce9eze", 1),
            EXERCISES + ", row {row}: not UTF-8 text; save the file as CSV UTF-8",
            WAITS_FOR_CSV,
        ),
    ),
    Fault(
        "csv-repeated-column",
        *csv_line(
            EXERCISES,
            "id,name,",
            lambda line: line.replace("id,name,", "id,id,", 1),
            EXERCISES + ", row {row}: names the column 'id' more than once",
            WAITS_FOR_CSV,
        ),
    ),
    Fault(
        "csv-sets-out-of-range",
        *csv_line(
            EXERCISES,
            "bird-dog,Bird-dog,",
            lambda line: line.replace(",yes,2,6,", ",yes,40,6,", 1),
            EXERCISES + ", row {row} (bird-dog): sets must be at most 10, got 40",
            WAITS_FOR_CSV,
        ),
    ),
    Fault(
        "csv-duplicate-id",
        *csv_line(
            EXERCISES,
            "kneeling-lat-stretch,",
            lambda line: line.replace("kneeling-lat-stretch,", "hip-flexor-stretch,", 1),
            EXERCISES
            + ", row {row} (hip-flexor-stretch): id 'hip-flexor-stretch' is already used in row 2; "
            "ids must be unique",
            WAITS_FOR_CSV,
        ),
    ),
    Fault(
        "csv-dangling-citation",
        *csv_line(
            EXERCISES,
            "hip-flexor-stretch,",
            lambda line: line.replace(",ingram2024,", ",ingram2025,", 1),
            EXERCISES
            + ", row {row} (hip-flexor-stretch).source: cites 'ingram2025', "
            + BIB_MISSING,
        ),
    ),
    # ---------------------------------------------------------------- programme templates and habits
    Fault(
        "template-names-unknown-exercise",
        replace(
            "data/plan_templates.yml",
            "    - single-arm-landmine-row\n",
            "    - single-arm-cable-row\n",
        ),
        (
            "data/plan_templates.yml, strengthen.exercises[2]: names 'single-arm-cable-row', "
            "which is not in data/exercises.csv",
        ),
    ),
    Fault(
        "habits-duplicate-id",
        replace("data/habits.yml", "    - id: sit-back\n", "    - id: lumbar-support\n"),
        (
            "data/habits.yml, workstation.items: workstation item id 'lumbar-support' is used "
            "more than once; ids must be unique",
        ),
    ),
    Fault(
        "habits-default-outside-range",
        replace("data/habits.yml", "    default: 30\n", "    default: 90\n"),
        ("data/habits.yml, microbreaks.interval_minutes: must have min <= default <= max",),
    ),
    # ---------------------------------------------------------------- bibliography
    Fault(
        "bibliography-broken",
        write("references.bib", "@article{broken,\n  title = {Unclosed\n"),
        (
            "references.bib: cannot be read as BibTeX (syntax error in line 2: premature end of file)",
        ),
    ),
]


def arguments(copy: Path) -> list[str]:
    return ["validate", str(copy / "data"), "--bib", str(copy / "references.bib")]


def validate(copy: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """``validate`` on the copy, in this process (a traceback would fail the test)."""
    capsys.readouterr()
    returncode = main(arguments(copy))
    out, err = capsys.readouterr()
    return Run(returncode, out, err)


def validate_in_a_process(copy: Path) -> Run:
    """``python -m backbalance validate`` on the copy, as an instructor runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "backbalance", *arguments(copy)],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def test_the_copy_is_valid_before_it_is_broken(copy, capsys):
    result = validate(copy, capsys)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{copy / 'data'}: all data files are valid.\n"


def test_the_command_passes_the_intact_copy_in_a_process(copy):
    result = validate_in_a_process(copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{copy / 'data'}: all data files are valid.\n"


def test_the_command_refuses_a_broken_copy_in_a_process(copy):
    (fault,) = (fault for fault in FAULTS if fault.id == "parameter-out-of-range")
    fault.edit(copy)
    result = validate_in_a_process(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*fault.expected, SUMMARY.format(n=1)]


def test_there_are_many_distinct_faults():
    assert len(FAULTS) >= 25
    assert len({fault.id for fault in FAULTS}) == len(FAULTS)


def test_a_repeated_red_flag_id_is_named_without_dumping_the_file(copy, capsys):
    replace("data/assessment/red_flags.yml", "    - id: worsening-legs\n", "    - id: both-legs\n")(
        copy
    )
    result = validate(copy, capsys)
    line, _summary = result.stderr.splitlines()
    assert line == (
        "data/assessment/red_flags.yml, (top level): sign id 'both-legs' is used more than once; ids must be unique"
    )


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.id for fault in FAULTS])
def test_a_broken_edit_is_refused_in_one_clear_line_per_problem(copy, capsys, fault):
    expected = fault.expected(copy) if callable(fault.expected) else fault.expected
    fault.edit(copy)
    result = validate(copy, capsys)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*expected, SUMMARY.format(n=len(expected))]
