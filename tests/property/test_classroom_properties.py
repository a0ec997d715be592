"""Properties of loading a class: a bad file never changes the rest, order never matters, nothing raises."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backbalance.assessment.data import load_assessment
from backbalance.assessment.profile import Profile
from backbalance.classroom.data import ClassResults, load_class
from backbalance.classroom.logic import cause_counts, measure_summary, progress_by_week

DATA = load_assessment(Path(__file__).resolve().parents[2] / "data" / "assessment")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CAUSES = [cause.id for cause in DATA.questionnaire.contributors]
HOLDS = ("flexor", "extensor", "bridge_right", "bridge_left")

seconds = st.integers(10, 300).map(float)
kg = st.integers(2, 60).map(lambda n: n / 2)


@st.composite
def profiles(draw: st.DrawFn) -> bytes:
    """A valid profile: a red flag, or causes, hold times and a row test."""
    if draw(st.integers(0, 4)) == 0:
        return Profile(red_flag=draw(st.sampled_from(["clinician", "urgent"]))).to_json().encode()
    left, right = draw(kg), draw(kg)
    lsi = round(100 * min(left, right) / max(left, right), 1)
    return (
        Profile(
            red_flag="none",
            contributors=tuple(draw(st.lists(st.sampled_from(CAUSES), unique=True, max_size=3))),
            lsi=lsi,
            gap_percent=round(100 - lsi, 1),
            clear_gap=lsi < 90,
            gap_test="row",
            holds=draw(st.dictionaries(st.sampled_from(HOLDS), seconds)),
            strength={"unit": "kg", "left": left, "right": right},
        )
        .to_json()
        .encode()
    )


@st.composite
def logs(draw: st.DrawFn) -> bytes:
    """A valid progress log of one to four re-tests."""
    weeks = draw(st.lists(st.integers(0, 24), min_size=1, max_size=4, unique=True))
    lines = [f"{week},{draw(kg):g},{draw(kg):g}" for week in weeks]
    return ("week,left,right\n" + "\n".join(lines) + "\n").encode()


ids = st.from_regex(r"[a-z]{1,6}", fullmatch=True)
classes = st.tuples(
    st.dictionaries(ids, profiles(), max_size=6), st.dictionaries(ids, logs(), max_size=6)
).map(
    lambda pair: {
        **{f"{s}.profile.json": raw for s, raw in pair[0].items()},
        **{f"{s}.progress.csv": raw for s, raw in pair[1].items()},
    }
)


@st.composite
def malformed(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file that can never be used: a profile cut before its last brace, or a log without digits."""
    if draw(st.booleans()):
        raw = draw(profiles())
        return "zz-junk.profile.json", raw[: draw(st.integers(0, raw.rindex(b"}")))]
    text = draw(st.text(st.sampled_from("weklftrigh,\n ;x"), max_size=60))
    return "zz-junk.progress.csv", text.encode()


def summaries(results: ClassResults) -> list[pd.DataFrame]:
    return [
        results.profiles,
        results.progress,
        measure_summary(results.profiles, DATA),
        cause_counts(results.profiles, DATA),
        progress_by_week(results.progress, results.profiles),
    ]


def assert_same(a: list[pd.DataFrame], b: list[pd.DataFrame]) -> None:
    for left, right in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(left, right)


@SETTINGS
@given(classes, malformed())
def test_a_malformed_file_never_changes_the_summaries_of_the_good_ones(files, junk):
    name, raw = junk
    clean, dirty = (
        load_class(files, DATA),
        load_class({**files, name: raw}, DATA),
    )
    assert_same(summaries(clean), summaries(dirty))
    assert {problem.file for problem in dirty.problems} - {
        problem.file for problem in clean.problems
    } == {name}


@SETTINGS
@given(
    classes.flatmap(
        lambda files: st.permutations(list(files.items())).map(lambda items: (files, items))
    )
)
def test_loading_does_not_depend_on_the_order_of_the_files(case):
    files, shuffled = case
    copies = {
        f"copy-{name}": raw for name, raw in files.items()
    }  # duplicates make the order matter, if it did
    first = load_class({**files, **copies}, DATA)
    second = load_class(dict([*reversed(list(copies.items())), *shuffled]), DATA)
    assert_same(summaries(first), summaries(second))
    assert first.problems == second.problems


@SETTINGS
@given(st.binary(max_size=200), st.sampled_from(["a.profile.json", "a.progress.csv", "a.json"]))
def test_any_bytes_are_loaded_or_reported_never_raised(raw, name):
    results = load_class({name: raw}, DATA)
    used = len(results.profiles) + results.progress["student"].nunique()
    assert used == 1 or any(problem.file == name for problem in results.problems)
