"""Every command that prints a result copes with a reader that stops early (``... | head``).

The reader's end of the pipe is closed before the command writes, so each write fails with a
broken pipe: the command must still exit 0 and print no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIMULATE = ["simulate", "--gap", "15", "--strong-sets", "6", "--weeks", "12", "--draws", "50"]
COMMANDS = {
    "assess text": ["assess", "data/examples/answers/alex.json"],
    "simulate json": [*SIMULATE, "--format", "json"],
    "forecast csv": ["forecast", "data/examples/desk-worker.json", "--weeks", "20"],
}


@pytest.mark.parametrize("argv", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_reader_that_stops_early_is_not_an_error(argv):
    run = subprocess.Popen(
        [sys.executable, "-m", "backbalance", *argv],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    run.stdout.close()  # nobody reads: the command's first write meets a broken pipe
    error = run.stderr.read()
    run.stderr.close()
    assert run.wait(timeout=120) == 0, error
    assert "Traceback" not in error
