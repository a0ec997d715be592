"""Golden cases of the reader's own programme on the static page: profile -> pieces, by Python.

The profiles are the ones Python's self-assessment gives for the assessment's golden answers
(``assessment_cases.py``: every red flag, a clinician's check, a stopped check before the
tests, gaps on each side, none, beyond the gap limit, each training status and tight
muscles), plus one clear gap moved to :data:`ODD_GAPS` (gaps off the whole-point grid, and
the gap limit), each with every days-a-week option and the equipment ticked when the page
opens; the first clear gap also with every choice of equipment the notebook offers (all of
them for the default days, one for each pair of kits for the other days). What the page must
show is what :func:`~backbalance.programme.build.build_programme` gives for the profile with
its EXACT gap and the chosen equipment (what the notebook and the command line build), as
:func:`~backbalance.programme.web.web_html` draws it. ``test_programme_js.py`` replays the
cases with ``programme-web.js`` under Node, against a spec built for the gaps the cases are
planned from (:func:`~backbalance.programme.dose.planned_gap`).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from backbalance.assessment.profile import Profile
from backbalance.course import Course
from backbalance.programme.build import Setup
from backbalance.programme.dose import planned_gap
from backbalance.programme.web import CHOICES, TICKED, kits, page_programme, web_html, web_spec

from .assessment_cases import golden

MOST_GAPS = 6
"""Distinct gaps of the assessment's cases (each gap costs its programmes in the spec, about
two seconds)."""

ODD_GAPS = (14.3, 14.5, 9.96, "limit")
"""Gaps given to a clear-gap profile: tenths and a half point off the grid, a gap just under
the LSI target's gap, and the gap limit itself (``gap_limit`` of ``model_parameters.yml``)."""


def planned(gap: float, course: Course) -> float | None:
    """The gap a programme of the course is planned from (the spec's gap grid)."""
    step = course.programme_template.strengthen.gap_step.value
    return planned_gap(gap, step, course.parameters.gap_limit.value)


def odd_gaps(course: Course) -> list[float]:
    """:data:`ODD_GAPS` as numbers."""
    limit = course.parameters.gap_limit.value
    return [limit if gap == "limit" else float(gap) for gap in ODD_GAPS]


def profiles(course: Course) -> Iterator[dict[str, object]]:
    """The assessment's golden profiles: all without a gap, those of the first gaps met, and
    the first clear gap again with each of :func:`odd_gaps`."""
    gaps: set[float | None] = set()
    clear = None
    for case in golden(course.assessment)["course"]["cases"]:
        profile = case["want"].get("profile")
        if profile is None:
            continue
        gap = profile["gap_percent"]
        if gap is not None and not profile["beyond_gap_limit"]:
            if planned(gap, course) not in gaps and len(gaps) >= MOST_GAPS:
                continue
            gaps.add(planned(gap, course))
            if clear is None and profile["clear_gap"] and profile["weaker_side"]:
                clear = profile
        yield profile
    assert clear is not None, "the assessment's golden cases have no clear gap"
    for gap in odd_gaps(course):
        yield {**clear, "gap_percent": gap}


def choices(course: Course) -> Iterator[frozenset[str]]:
    """Every choice of equipment the page and the notebook offer (nothing ticked included)."""
    for count in range(len(CHOICES) + 1):
        yield from map(frozenset, itertools.combinations(CHOICES, count))


def one_per_kit(course: Course) -> list[frozenset[str]]:
    """One choice of equipment for each pair of kits (:func:`~backbalance.programme.web.kits`)
    met among the choices: the fewest that reach every programme equipment can make."""
    found: dict[object, frozenset[str]] = {}
    for chosen in choices(course):
        found.setdefault(kits(chosen, course), chosen)
    return list(found.values())


def want(profile: Profile, days: int, equipment: Iterable[str], course: Course) -> str:
    """The page's programme: build_programme's programme for the exact gap and this
    equipment, as the page draws it."""
    return web_html(page_programme(profile, days, equipment, course), course.evidence)


def case(found: dict[str, object], days: int, equipment: Iterable[str], course: Course) -> dict:
    """A case: the profile, the reader's choices (the ticked equipment in the order of the
    page's boxes, reversed, so that the script's sorting counts) and the programme."""
    ticked = [kind for kind in reversed(CHOICES) if kind in set(equipment)]
    profile = Profile.model_validate(found)
    return {
        "profile": found,
        "choice": {"days": days, "equipment": ticked},
        "want": want(profile, days, ticked, course),
    }


def write(folder: Path, course: Course) -> Path:
    """Write ``programme.json``: the spec, with its pieces, and the cases."""
    cases, gaps, clear = [], set(), None
    day_options = sorted(course.programme_template.schedule.value)
    for found in profiles(course):
        profile = Profile.model_validate(found)
        if profile.gap_percent is not None and not profile.beyond_gap_limit:
            gaps.add(planned(profile.gap_percent, course))
            if clear is None and profile.clear_gap and profile.weaker_side:
                clear = found
        for days in day_options:
            cases.append(case(found, days, TICKED, course))
    default = Setup.model_fields["days_per_week"].default
    for days in day_options:
        every = choices(course) if days == default else one_per_kit(course)
        cases.extend(case(clear, days, chosen, course) for chosen in every)
    spec = web_spec(course, gaps=sorted(gaps))
    path = folder / "programme.json"
    path.write_text(json.dumps({"spec": spec, "cases": cases}, ensure_ascii=False) + "\n", "utf-8")
    return path
