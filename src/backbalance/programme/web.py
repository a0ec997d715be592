"""The reader's own programme in the static book: every programme built at build time.

The static book has no kernel, so the page cannot run the strength-gap model. Instead
:func:`web_spec` calls :func:`~backbalance.programme.build.build_programme` at build time
for every profile the self-assessment page can make (on a grid of gaps) and every days-a-week
option of the schedule, renders each programme in pieces (:func:`web_parts`) and keeps each
distinct piece once. The page script ``static/programme-web.js`` only looks the pieces up by
what the reader's profile holds: it computes no threshold and applies no rule.

What the lookup is keyed by (see :func:`plan_key` and :func:`tight_key`):

- the refusal: ``red_flag`` of a profile that is not cleared, or ``pre_exercise`` of one
  whose check before the tests stopped (:attr:`~backbalance.assessment.profile.Profile.may_exercise`);
- the tight muscles and their sides (Phase 1);
- days a week, training status, weaker side, the gap rounded to :data:`GAP_STEP` points (or
  ``none``, or ``beyond`` past the gap limit, as the profile says) and ``clear_gap``
  (the forecast, the messages, Phases 2 and 3).

The page's programme assumes :data:`EQUIPMENT`, the dumbbell of the row test; the notebook
``my_programme.ipynb`` offers every piece of equipment and the exact gap.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from typing import Any, get_args

from backbalance.assessment.profile import (
    PreExerciseResult,
    Profile,
    RedFlagLevel,
    TightMuscle,
    TightSide,
)
from backbalance.common.evidence import EvidenceScale
from backbalance.course import Course
from backbalance.programme.build import NO_TIGHT, Programme, Refusal, Setup, build_programme
from backbalance.programme.library import Equipment
from backbalance.programme.render import block_parts, forecast_text, parts
from backbalance.strength_gap.parameters import Status

GAP_STEP = 1
"""The gap grid of the page's programmes, in percentage points (the page rounds to it)."""

EQUIPMENT: frozenset[Equipment] = frozenset({"dumbbell"})
"""The equipment of the page's programmes: the dumbbell of the single-arm row test."""

HEADING = "h3"
"""The phase headings of the page's programme, under the section's ``h2``."""

TEXT = {
    "title": "Your programme",
    "intro": (
        "Built from your answers above with the same rules as the course notebook, for a "
        "dumbbell (the one of the row test). Nothing is sent anywhere."
    ),
    "days": "Strength days a week",
    "step": (
        "Worked out for a gap of {gap}%, your gap rounded to the nearest whole point; the "
        "course notebook (my_programme.ipynb) uses the exact gap and other equipment."
    ),
    "print": "Print my programme",
    "missing": (
        "This page has no programme for these answers; open your profile in the course "
        "notebook my_programme.ipynb."
    ),
}
"""The words around the page's programme."""


def web_parts(programme: Programme | Refusal, scale: EvidenceScale) -> tuple[str, ...]:
    """The programme as the page shows it: forecast and notes, Phases 1, 2 and 3, rules.

    The page's programme is these pieces joined; a refusal is one piece. It has no summary
    of the profile (the results above it show that) and no name. Its exercises show the
    labels of ``scale``, as in :func:`~backbalance.programme.render.programme_html`.
    """
    macros = parts()
    if isinstance(programme, Refusal):
        return (str(macros.refusal(programme)),)
    blocks = block_parts(programme, scale)
    tight = [m for m in programme.messages if m == NO_TIGHT]
    other = [m for m in programme.messages if m != NO_TIGHT]
    head = str(macros.forecast(forecast_text(programme))) + str(macros.notes(other))
    weeks = programme.retest_weeks
    return (
        head,
        str(macros.notes(tight)) + str(macros.block(blocks[0], HEADING, weeks)),
        *(str(macros.block(part, HEADING, weeks)) for part in blocks[1:]),
        str(macros.rules(programme, HEADING, scale.label("assumption"))),
    )


def _word(value: object) -> str:
    """A key's part as the page script writes it (JSON's null, true and false)."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return f"{value:g}" if isinstance(value, float) else str(value)


def gap_word(profile: Profile) -> str:
    """The gap part of a key: ``none``, ``beyond`` or the gap rounded half up to the grid."""
    if profile.gap_percent is None:
        return "none"
    if profile.beyond_gap_limit:
        return "beyond"
    return str(rounded_gap(profile.gap_percent))


def rounded_gap(gap: float) -> int:
    """The gap on the page's grid (half up, as the page's ``Math.round``)."""
    return math.floor(gap / GAP_STEP + 0.5) * GAP_STEP


def page_programme(profile: Profile, days: int, course: Course) -> Programme | Refusal:
    """What the page shows for ``profile``: its programme with :data:`EQUIPMENT` and the
    gap on the page's grid (:func:`rounded_gap`), as :func:`build_programme` builds it."""
    if profile.gap_percent is not None and not profile.beyond_gap_limit:
        profile = profile.model_copy(
            update={"gap_percent": float(rounded_gap(profile.gap_percent))}
        )
    return build_programme(
        profile,
        Setup(days_per_week=days, equipment=EQUIPMENT),
        course.exercises,
        course.programme_template,
        course.parameters,
    )


def plan_key(profile: Profile, days: int) -> str:
    """The lookup key of everything but Phase 1: days, status, side, gap and clear gap."""
    parts = (
        days,
        profile.training_status,
        profile.weaker_side,
        gap_word(profile),
        profile.clear_gap,
    )
    return "|".join(map(_word, parts))


def tight_key(profile: Profile) -> str:
    """The lookup key of Phase 1: the tight muscles with their sides, sorted."""
    return ",".join(sorted(f"{m.muscle}:{m.side}" for m in profile.tight_muscles))


def _tight_sets(muscles: Iterable[str]) -> Iterator[tuple[TightMuscle, ...]]:
    names = list(muscles)
    for sides in itertools.product((None, *get_args(TightSide)), repeat=len(names)):
        yield tuple(
            TightMuscle(muscle=name, side=side)
            for name, side in zip(names, sides, strict=True)
            if side is not None
        )


def _strength_profiles(gaps: Iterable[int], limit: float) -> Iterator[dict[str, Any]]:
    """The strength fields of every profile the page can make, on the gap grid."""
    yield {"gap_percent": None, "weaker_side": None, "clear_gap": None}
    for clear in (True, False):
        for side in ("left", "right"):
            yield {
                "gap_percent": limit + GAP_STEP,
                "weaker_side": side,
                "clear_gap": clear,
                "beyond_gap_limit": True,
            }
            for gap in gaps:
                yield {
                    "gap_percent": gap,
                    "weaker_side": side,
                    "clear_gap": clear,
                    "beyond_gap_limit": False,
                }
        yield {
            "gap_percent": 0.0,
            "weaker_side": None,
            "clear_gap": clear,
            "beyond_gap_limit": False,
        }


class _Pieces:
    """Each distinct piece of HTML once, by its index."""

    def __init__(self) -> None:
        self.html: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, piece: str) -> int:
        if piece not in self._index:
            self._index[piece] = len(self.html)
            self.html.append(piece)
        return self._index[piece]


def web_spec(
    course: Course,
    *,
    days: Iterable[int] | None = None,
    gaps: Iterable[int] | None = None,
) -> dict[str, Any]:
    """What ``static/programme-web.js`` reads: the keys and every distinct piece of HTML.

    Parameters
    ----------
    course
        The course; its programme template, exercise library, model parameters and the
        muscles of the tightness check.
    days, gaps
        The days-a-week options and the grid of gaps; by default every option of the
        schedule and every :data:`GAP_STEP` from 0 to the gap limit (tests pass fewer).

    Returns
    -------
    dict
        ``refusal`` (red-flag level to piece), ``stopped`` (``pre_exercise`` value to
        piece), ``release`` (:func:`tight_key` to piece), ``plan`` (:func:`plan_key` to the
        pieces of the forecast and notes, of Phase 2 and of Phase 3), ``rules``, ``html`` (the pieces),
        ``days`` (options and default), ``gap_step`` and ``text``.
    """
    template, params = course.programme_template, course.parameters
    limit = params.gap_limit.value
    day_options = sorted(template.schedule.value) if days is None else list(days)
    grid = range(0, int(limit) + 1, GAP_STEP) if gaps is None else list(gaps)
    pieces = _Pieces()

    def build(profile: Profile, days_per_week: int) -> tuple[int, ...]:
        programme = page_programme(profile, days_per_week, course)
        return tuple(pieces.add(piece) for piece in web_parts(programme, course.evidence))

    refusal = {
        level: build(Profile(red_flag=level), day_options[0])[0]
        for level in get_args(RedFlagLevel)
        if not Profile(red_flag=level).cleared
    }
    stopped = {
        str(value): build(Profile(red_flag="none", pre_exercise=value), day_options[0])[0]
        for value in get_args(PreExerciseResult)
        if not Profile(red_flag="none", pre_exercise=value).may_exercise
    }
    release, plan, rules = {}, {}, None
    for tight in _tight_sets(m.id for m in course.assessment.tightness.muscles):
        profile = Profile(red_flag="none", tight_muscles=tight)
        release[tight_key(profile)] = build(profile, day_options[0])[1]
    for days_per_week in day_options:
        for status in (*get_args(Status), None):
            for fields in _strength_profiles(grid, limit):
                profile = Profile(red_flag="none", training_status=status, **fields)
                head, _, strengthen, integrate, rules = build(profile, days_per_week)
                plan[plan_key(profile, days_per_week)] = [head, strengthen, integrate]
    default = Setup.model_fields["days_per_week"].default
    return {
        "refusal": refusal,
        "stopped": stopped,
        "release": release,
        "plan": plan,
        "rules": rules,
        "html": pieces.html,
        "days": {
            "options": day_options,
            "default": default if default in day_options else day_options[0],
        },
        "gap_step": GAP_STEP,
        "text": TEXT,
    }
