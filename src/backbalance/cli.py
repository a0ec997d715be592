"""Command line for instructors and scripts: ``python -m backbalance <command>``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .validate import validate_data


def _validate(args: argparse.Namespace) -> int:
    problems = validate_data(Path(args.path), Path(args.bib))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    print(f"{args.path}: all data files are valid.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m backbalance", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check every data file and report all problems")
    check.add_argument("path", nargs="?", default="data", help="the data folder (default: data)")
    check.add_argument("--bib", default="references.bib", help="BibTeX file that citations must be in")
    check.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
