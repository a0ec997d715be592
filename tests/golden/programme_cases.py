"""Golden cases of the reader's own programme on the static page: profile -> pieces, by Python.

The profiles are the ones Python's self-assessment gives for the assessment's golden answers
(``assessment_cases.py``: every red flag, a clinician's check, a stopped check before the
tests, gaps on each side, none, beyond the gap limit, each training status and tight
muscles), each with every days-a-week option. What the page must show is what
:func:`~backbalance.programme.build.build_programme` gives for the profile with its gap on
the page's grid (:func:`~backbalance.programme.web.rounded_gap`), cut into the page's pieces
(:func:`~backbalance.programme.web.web_parts`). ``test_programme_js.py`` replays the
cases with ``programme-web.js`` under Node, against a spec built for the cases' gaps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from backbalance.assessment.profile import Profile
from backbalance.course import Course
from backbalance.programme.web import page_programme, rounded_gap, web_parts, web_spec

from .assessment_cases import golden

MOST_GAPS = 6
"""Distinct gaps of the cases (each gap costs its programmes in the spec, about two seconds)."""


def profiles(course: Course) -> Iterator[dict[str, object]]:
    """The assessment's golden profiles: all without a gap, and those of the first gaps met."""
    gaps: set[int] = set()
    for case in golden(course.assessment)["course"]["cases"]:
        profile = case["want"].get("profile")
        if profile is None:
            continue
        gap = profile["gap_percent"]
        if gap is not None and not profile["beyond_gap_limit"]:
            if rounded_gap(gap) not in gaps and len(gaps) >= MOST_GAPS:
                continue
            gaps.add(rounded_gap(gap))
        yield profile


def want(profile: Profile, days: int, course: Course) -> str:
    """The page's programme: the pieces of build_programme's programme, gap on the grid."""
    return "".join(web_parts(page_programme(profile, days, course), course.evidence))


def write(folder: Path, course: Course) -> Path:
    """Write ``programme.json``: the spec, with its pieces, and the cases."""
    cases, gaps = [], set()
    for found in profiles(course):
        profile = Profile.model_validate(found)
        if profile.gap_percent is not None and not profile.beyond_gap_limit:
            gaps.add(rounded_gap(profile.gap_percent))
        for days in sorted(course.programme_template.schedule.value):
            cases.append({"profile": found, "days": days, "want": want(profile, days, course)})
    spec = web_spec(course, gaps=sorted(gaps))
    path = folder / "programme.json"
    path.write_text(json.dumps({"spec": spec, "cases": cases}, ensure_ascii=False) + "\n", "utf-8")
    return path
