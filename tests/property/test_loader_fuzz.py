"""Fuzzing every loader: whatever the bytes, the result is a valid object or one-line problems.

Each course data file (every YAML loader of ``validate`` and ``exercises.csv``) is broken at a
random place with random or hostile text; profiles, progress logs and class folders get
random and hostile bytes. A loader either returns its object or raises
:class:`~backbalance.common.read.DataError` (the progress and class loaders never raise),
and every problem is one line: any other exception, or a message over several lines, fails.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backbalance.assessment.data import load_assessment
from backbalance.assessment.profile import Profile, read_profile
from backbalance.classroom.data import ClassResults, load_class, load_class_folder
from backbalance.common.read import DataError
from backbalance.tracker.data import ProgressLog, parse_progress
from backbalance.validate import LOADERS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
ASSESSMENT = load_assessment(DATA / "assessment")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FILES = sorted(
    (path.relative_to(DATA).as_posix(), loader)
    for pattern, loader in LOADERS.items()
    for path in DATA.glob(pattern)
)
"""Every data file ``validate`` reads, with its loader."""

HOSTILE = [
    "&a [1, 2]",
    "*a",
    "<<: *a",
    "[" * 3000,
    "{" * 3000,
    "9" * 5000,
    "-" + "9" * 5000 + ".5",
    "!!python/object/apply:os.system ['true']",
    "!!binary AAAA",
    "\x00",
    "\ufeff",
    "\t",
    '"unclosed',
    "key: value\nkey: value",
    '"a\\nb": 1',
    "? [a, b]\n: c",
    ".nan",
    "1e400",
    "=HYPERLINK()",
    '"",""',
    "\r",
]
snippets = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.sampled_from(list(":-[]{}&*!#'\",|>?\n\r\t 0123456789.eaz_")), max_size=30),
    st.text(max_size=20),
)


@st.composite
def broken(draw: st.DrawFn, text: str) -> str:
    """``text`` with a random stretch replaced by a random or hostile snippet."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 40)))
    return text[:start] + draw(snippets) + text[end:]


def one_line(err: DataError) -> None:
    assert err.problems
    for problem in err.problems:
        text = str(problem)
        assert "\n" not in text and "\r" not in text, text
        assert len(text) < 1000, text[:200]


def loaded_or_reported(loader: Callable[[Path], Any], path: Path) -> None:
    try:
        loaded = loader(path)
    except DataError as err:
        one_line(err)
    else:
        list(loaded.citations())


@SETTINGS
@given(st.data())
def test_every_data_file_broken_anywhere_loads_or_reports_one_line_problems(data):
    name, loader = data.draw(st.sampled_from(FILES))
    text = data.draw(broken((DATA / name).read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory(prefix="input-fuzz-") as folder:
        path = Path(folder, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        loaded_or_reported(loader, path)


@SETTINGS
@given(st.sampled_from(FILES), st.binary(max_size=300))
def test_any_bytes_as_a_data_file_load_or_report_one_line_problems(file, raw):
    name, loader = file
    with tempfile.TemporaryDirectory(prefix="input-fuzz-") as folder:
        path = Path(folder, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        loaded_or_reported(loader, path)


EXAMPLE_PROFILE = (DATA / "examples" / "desk-worker.json").read_text(encoding="utf-8")


@SETTINGS
@given(st.one_of(broken(EXAMPLE_PROFILE), st.text(max_size=200)))
def test_a_profile_is_read_or_reported_in_one_line(text):
    try:
        profile = read_profile(text.encode("utf-8", "surrogatepass"), "upload.json")
    except DataError as err:
        one_line(err)
    else:
        assert isinstance(profile, Profile)


EXAMPLE_LOG = (DATA / "examples" / "progress.csv").read_text(encoding="utf-8")


@SETTINGS
@given(st.one_of(broken(EXAMPLE_LOG), st.binary(max_size=300)))
def test_a_progress_log_keeps_its_good_rows_and_never_raises(raw):
    log = parse_progress(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    assert isinstance(log, ProgressLog)
    assert all("\n" not in str(problem) and "\r" not in str(problem) for problem in log.problems)
    assert log.rows["week"].is_monotonic_increasing


names = st.builds(
    lambda folder, student, ending: f"{folder}{student}{ending}",
    st.sampled_from(["", "week-2/", "week-10/", ".hidden/", "a/b/"]),
    st.sampled_from(["ash", "Ash", "bo", "%{y}", "<b>x</b>", "", " "]),
    st.sampled_from([".profile.json", ".progress.csv", ".json", ".csv", ".txt"]),
)
contents = st.one_of(
    broken(EXAMPLE_PROFILE).map(str.encode),
    broken(EXAMPLE_LOG).map(str.encode),
    st.binary(max_size=200),
)


@SETTINGS
@given(st.dictionaries(names, contents, max_size=6))
def test_a_class_of_random_files_is_loaded_or_reported_never_raised(files):
    results = load_class(files, ASSESSMENT)
    assert isinstance(results, ClassResults)
    assert {problem.file for problem in results.problems} <= set(files)
    assert results.profiles["student"].is_unique


@SETTINGS
@given(st.dictionaries(names, contents, max_size=4))
def test_a_class_folder_on_disk_is_loaded_or_reported_never_raised(files):
    with tempfile.TemporaryDirectory(prefix="input-fuzz-") as folder:
        for name, raw in files.items():
            path = Path(folder, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_dir():
                path.write_bytes(raw)
        results = load_class_folder(folder, ASSESSMENT)
    assert isinstance(results, ClassResults)
    assert all("\n" not in problem.reason for problem in results.problems)
