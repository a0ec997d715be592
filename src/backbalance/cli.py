"""Command line for instructors and scripts: ``python -m backbalance <command>``."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from backbalance.common.read import FILE_LIMIT, DataError, Problem, display_path, problems_from
from backbalance.common.types import SIDES
from backbalance.course import ENV_VAR, MARKER, Course
from backbalance.strength_gap.model import GapBeyondLimit, Scenario, simulate
from backbalance.strength_gap.parameters import STATUSES, load_model_parameters
from backbalance.validate import validate_data

COURSE_HELP = (
    f"The course data is the folder given, else ${ENV_VAR}, else the nearest folder holding "
    f"{MARKER} and data/ from the working folder upwards, else the course shipped with the package."
)


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a bad argument in one line (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _print_json(document: object) -> None:
    print(json.dumps(document, indent=1, ensure_ascii=False))


def _write_out(write: Callable[[], None]) -> int:
    """Run ``write`` (it prints the command's result on stdout) and return the exit status 0.

    A reader that stops early (``... | head``) closes the pipe: that is not an error, so the
    rest of the output goes to the null device instead of ending in a traceback.
    """
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _report(problems: list[Problem]) -> int:
    """Print each problem on its own line of stderr; exit status 1."""
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1


def _validate(args: argparse.Namespace) -> int:
    try:
        course = Course.find(args.path)
    except DataError as err:
        return _report(err.problems)
    problems = validate_data(course.data, Path(args.bib) if args.bib else course.bibliography)
    if problems:
        _report(problems)
        print(f"{len(problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    print(f"{args.path or display_path(course.data)}: all data files are valid.")
    return 0


def _sample_class(args: argparse.Namespace) -> int:
    """Write the synthetic sample class of the course into a folder."""
    # Imported here: the classroom feature (pandas and the synthetic generator) is only
    # needed by this command.
    from backbalance.classroom.synthetic import write_synthetic_class

    try:
        course = Course.find()
        written = write_synthetic_class(args.folder, course.assessment, course.parameters)
    except DataError as err:
        return _report(err.problems)
    except OSError as err:
        print(f"{args.folder}: cannot write there ({err.strerror})", file=sys.stderr)
        return 1
    print(f"{args.folder}: wrote {len(written)} synthetic files.")
    return 0


MAX_DRAWS = 20_000
"""Most simulated people ``simulate`` takes: with the longest plan (156 weeks) this needs
about 250 MB and a few seconds; more would not change the P10/P50/P90 bands it prints."""


def _count(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum`` (and at most ``maximum``)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"must be at most {maximum:,}, got {value:,}")
        return value

    return parse


def _simulate(args: argparse.Namespace) -> int:
    """Simulate one plan; print the tidy table as CSV or everything as JSON on stdout."""
    try:
        course = Course.find()
        params = course.parameters
        if args.params:  # the course's strength test noise still gives the re-test bands
            params = load_model_parameters(Path(args.params)).with_test_noise(
                params.test_sem_percent
            )
    except DataError as err:
        return _report(err.problems)
    fields = (
        "gap_percent",
        "strong_sets",
        "weak_extra_sets",
        "weak_percent",
        "weeks",
        "status",
        "weak_side",
        "detraining",
    )
    try:
        plan = Scenario(**{name: getattr(args, name) for name in fields})
    except ValidationError as err:
        for problem in problems_from("", err):
            print(
                f"{args.prog}: error: {args.flags.get(problem.entry, problem.entry)}: {problem.message}",
                file=sys.stderr,
            )
        return 2
    try:
        sim = simulate(plan, params, draws=args.draws, seed=args.seed)
    except GapBeyondLimit as err:
        print(f"{args.prog}: error: --gap: {err}", file=sys.stderr)
        return 1

    def write() -> None:
        if args.format == "json":
            _print_json(
                {
                    "plan": plan.model_dump(),
                    "parity": [dataclasses.asdict(p) for p in sim.parity],
                    "table": json.loads(sim.table.to_json(orient="records")),
                }
            )
        else:
            sim.table.to_csv(sys.stdout, index=False, float_format="%.6g")
            for parity in sim.parity:
                print(parity.describe(), file=sys.stderr)

    return _write_out(write)


def _add_simulate(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = commands.add_parser(
        "simulate",
        help="simulate how extra weak-side sets close a strength gap",
        description="Simulate one training plan; CSV (default) or JSON on stdout. Weeks to each LSI "
        "target are printed on stderr for CSV and included in JSON.",
    )
    added = [
        run.add_argument(
            "--gap",
            dest="gap_percent",
            type=float,
            required=True,
            metavar="PERCENT",
            help="how much weaker the weak side is, in %% of the stronger side",
        ),
        run.add_argument(
            "--strong-sets", type=float, required=True, help="weekly sets for the stronger side"
        ),
        run.add_argument("--weeks", type=int, default=24, help="weeks to simulate (default 24)"),
        run.add_argument(
            "--status", choices=STATUSES, default="novice", help="training status (default novice)"
        ),
        run.add_argument(
            "--weak-side", choices=SIDES, default="left", help="which side is weaker (default left)"
        ),
    ]
    bias = run.add_mutually_exclusive_group()
    added += [
        bias.add_argument(
            "--weak-extra-sets", type=float, help="extra weekly sets for the weak side"
        ),
        bias.add_argument(
            "--weak-percent", type=float, help="per cent more weekly sets for the weak side"
        ),
    ]
    run.add_argument(
        "--detraining",
        action="store_true",
        help="a side with no sets loses strength (an assumption)",
    )
    run.add_argument(
        "--draws",
        type=_count(1, MAX_DRAWS),
        default=1000,
        help=f"simulated people (default 1000, at most {MAX_DRAWS:,})",
    )
    run.add_argument("--seed", type=_count(0), default=0, help="random seed (default 0)")
    run.add_argument(
        "--params",
        help=f"parameter file, a regular file of at most {FILE_LIMIT:,} bytes "
        "(default: model_parameters.yml of the course, see validate --help)",
    )
    run.add_argument(
        "--format", choices=("csv", "json"), default="csv", help="output format (default csv)"
    )
    run.set_defaults(
        run=_simulate, prog=run.prog, flags={a.dest: a.option_strings[0] for a in added}
    )


# --------------------------------------------------------------------------- assess (measure)


def _assess(args: argparse.Namespace) -> int:
    """Profile and wording for an answers file, as the static page and the notebook give."""
    from backbalance.assessment.answers import assess, load_answers, report_text

    try:
        data = Course.find().assessment
        profile, report = assess(load_answers(args.answers), data, display_path(Path(args.answers)))
    except DataError as err:
        return _report(err.problems)

    def write() -> None:
        if args.format == "json":
            _print_json(
                {"profile": json.loads(profile.to_json()), "report": dataclasses.asdict(report)}
            )
        else:
            print(report_text(report, data))

    return _write_out(write)


def _add_assess(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = commands.add_parser(
        "assess",
        help="the self-assessment's profile and results for an answers file",
        description="Read an answers file (saved by notebooks/self_assessment.ipynb or downloaded "
        "from the self-assessment page) and print the same profile and results the page shows. "
        f"{COURSE_HELP}",
    )
    run.add_argument("answers", metavar="ANSWERS.json", help="the answers file")
    run.add_argument(
        "--format", choices=("json", "text"), default="text", help="output format (default text)"
    )
    run.set_defaults(run=_assess)


# --- forecast (the strength-gap model, issue 11) -------------------------------------------


def _forecast(args: argparse.Namespace) -> int:
    """Weeks to each LSI target (P10/P50/P90), personalised by a re-test log when given."""
    from backbalance.assessment.profile import load_profile
    from backbalance.strength_gap.forecast import (
        LogError,
        NoStrengthForecast,
        profile_forecast,
    )
    from backbalance.tracker.data import read_progress_csv

    try:
        course = Course.find()
        profile = load_profile(args.profile)
        log, gap_cause = None, args.cause or "unknown"
        if args.log:
            read = read_progress_csv(args.log)
            problem = read.problems[0] if read.problems else read.cause_problem
            if problem:
                print(f"{args.log}: {problem}", file=sys.stderr)
                return 1
            log, gap_cause = read.rows, args.cause or read.cause
        result = profile_forecast(
            profile, course, log, weeks=args.weeks, cause=gap_cause, seed=args.seed
        )
    except DataError as err:
        return _report(err.problems[:1])
    except (NoStrengthForecast, GapBeyondLimit) as err:
        print(f"{args.profile}: {err}", file=sys.stderr)
        return 1
    except LogError as err:
        print(f"{args.log}: {err}", file=sys.stderr)
        return 1
    table = result.weeks_table()

    def case(cause: str) -> dict[str, object]:
        one = result.cases[cause]
        rows = table[table["cause"] == cause].drop(columns=["cause", "case"])
        return {
            "cause": cause,
            "case": table.loc[table["cause"] == cause, "case"].iloc[0],
            "personalised": one.personalised,
            "message": one.message(),
            "pace": one.pace,
            "verdict": one.verdict,
            "response": dict(zip(("p10", "p50", "p90"), one.response, strict=True)),
            "plan": one.posterior.plan.model_dump(),
            "horizon_week": table.attrs["weeks"],
            "targets": json.loads(rows.to_json(orient="records")),
        }

    def write() -> None:
        if args.format == "json":
            _print_json(
                {
                    "cause": gap_cause,
                    "message": result.message(),
                    "fit_disuse": result.fit,
                    "cases": [case(cause) for cause in result.cases],
                }
            )
        else:
            table.to_csv(sys.stdout, index=False)
            print(result.message(), file=sys.stderr)

    return _write_out(write)


def _add_forecast(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from backbalance.strength_gap.dynamics import CAUSES

    run = commands.add_parser(
        "forecast",
        help="weeks to each LSI target for a saved profile, personalised by a re-test log",
        description="Weeks to each LSI target (P10/P50/P90 across simulated people) for the "
        "programme the course would build for PROFILE, once per case of where the gap comes "
        "from (--cause unknown: both, disuse or an old injury and the dominant side's normal "
        "lead, each labelled); with --log, the re-tests in the log personalise the forecast. "
        "CSV (default; one row per case and target, the message on stderr) or JSON on stdout.",
    )
    run.add_argument("profile", help="the saved profile (JSON) from the self-assessment")
    run.add_argument("--log", help="re-test log CSV: week,left,right[,notes] (the tracker's file)")
    run.add_argument("--weeks", type=_count(1), default=52, help="forecast horizon (default 52)")
    run.add_argument(
        "--cause",
        choices=CAUSES,
        default=None,
        help="where the gap comes from (default: the log's '# cause:' line, else unknown: "
        "shows both)",
    )
    run.add_argument("--seed", type=_count(0), default=0, help="random seed (default 0)")
    run.add_argument(
        "--format", choices=("csv", "json"), default="csv", help="output format (default csv)"
    )
    run.set_defaults(run=_forecast)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m backbalance", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser(
        "validate",
        help="check every data file and report all problems",
        description=f"Check every data file and report all problems. {COURSE_HELP}",
    )
    check.add_argument(
        "path", nargs="?", help="the course folder or its data folder (default: see above)"
    )
    check.add_argument(
        "--bib", help="BibTeX file that citations must be in (default: the course's references.bib)"
    )
    check.set_defaults(run=_validate)

    _add_simulate(commands)
    _add_assess(commands)
    _add_forecast(commands)

    sample = commands.add_parser(
        "sample-class",
        help="write the synthetic sample class (data/sample_class) into a folder",
        description="Write the seeded synthetic class that notebooks/class_results.ipynb reads "
        f"out of the box. {COURSE_HELP}",
    )
    sample.add_argument("folder", help="the folder to write into (created if needed)")
    sample.set_defaults(run=_sample_class)

    cells = commands.add_parser(
        "setup-cells",
        help="put the set-up cell (repository from _config.yml) first in every notebook",
        description="Write the set-up cell into every notebook of the course folder's "
        "notebooks/, with the repository set in its _config.yml: run it after changing "
        "repository: url: so that Colab installs the course from your copy.",
    )
    cells.add_argument("folder", nargs="?", default=".", help="the course folder (default: here)")
    cells.add_argument("--check", action="store_true", help="only list notebooks out of date")
    cells.set_defaults(run=_setup_cells)
    return parser


def _setup_cells(args: argparse.Namespace) -> int:
    from backbalance.setup_cell import sync

    root = Path(args.folder)
    if not (root / "_config.yml").is_file() or not (root / "notebooks").is_dir():
        print(
            f"{args.folder}: not a course folder (needs _config.yml and notebooks/)",
            file=sys.stderr,
        )
        return 1
    try:
        changed = sync(root, check=args.check)
    except DataError as err:
        return _report(err.problems)
    for path in changed:
        verb = "out of date" if args.check else "updated"
        print(
            f"{display_path(path)}: set-up cell {verb}",
            file=sys.stderr if args.check else sys.stdout,
        )
    if args.check and changed:
        print("Run: python -m backbalance setup-cells", file=sys.stderr)
        return 1
    if not changed:
        print("Every notebook's set-up cell is up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
