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
- days a week, training status, weaker side, the gap a programme is planned from
  (:func:`~backbalance.programme.dose.planned_gap`: whole points, ``gap_step`` of
  ``plan_templates.yml``; or ``none``, or ``beyond`` past the gap limit, as the profile says)
  and ``clear_gap`` (the forecast, the messages, Phases 2 and 3).

Because :func:`build_programme` itself plans from that grid, the page's programme is the one
the notebook and the command line build for the same answers, whatever the exact gap. The
page's programme assumes :data:`EQUIPMENT`, the dumbbell of the row test; the notebook
``my_programme.ipynb`` offers every piece of equipment.
"""

from __future__ import annotations

import itertools
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
from backbalance.programme.dose import planned_gap
from backbalance.programme.library import Equipment
from backbalance.programme.render import block_parts, forecast_text, parts
from backbalance.strength_gap.parameters import Status

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
        "The course notebook (my_programme.ipynb) builds this same programme from your "
        "saved answers, and others for other equipment."
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


def gap_word(profile: Profile, course: Course) -> str:
    """The gap part of a key: ``none``, ``beyond`` or the gap the programme is planned from
    (:func:`~backbalance.programme.dose.planned_gap`, as the page script computes it)."""
    if profile.gap_percent is None:
        return "none"
    if profile.beyond_gap_limit:
        return "beyond"
    step = course.programme_template.strengthen.gap_step.value
    return _word(planned_gap(profile.gap_percent, step, course.parameters.gap_limit.value))


def page_programme(profile: Profile, days: int, course: Course) -> Programme | Refusal:
    """What the page shows for ``profile``: its programme with :data:`EQUIPMENT`, as
    :func:`build_programme` builds it from the exact gap (it plans from the grid itself)."""
    return build_programme(
        profile,
        Setup(days_per_week=days, equipment=EQUIPMENT),
        course.exercises,
        course.programme_template,
        course.parameters,
    )


def plan_key(profile: Profile, days: int, course: Course) -> str:
    """The lookup key of everything but Phase 1: days, status, side, gap and clear gap."""
    parts = (
        days,
        profile.training_status,
        profile.weaker_side,
        gap_word(profile, course),
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


def _strength_profiles(gaps: Iterable[float], limit: float, step: int) -> Iterator[dict[str, Any]]:
    """The strength fields of every profile the page can make, on the gap grid."""
    yield {"gap_percent": None, "weaker_side": None, "clear_gap": None}
    for clear in (True, False):
        for side in ("left", "right"):
            yield {
                "gap_percent": limit + step,
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
    gaps: Iterable[float] | None = None,
) -> dict[str, Any]:
    """What ``static/programme-web.js`` reads: the keys and every distinct piece of HTML.

    Parameters
    ----------
    course
        The course; its programme template, exercise library, model parameters and the
        muscles of the tightness check.
    days, gaps
        The days-a-week options and the planned gaps; by default every option of the
        schedule and every gap :func:`~backbalance.programme.dose.planned_gap` can give,
        from 0 to the gap limit in steps of ``gap_step`` (tests pass fewer).

    Returns
    -------
    dict
        ``refusal`` (red-flag level to piece), ``stopped`` (``pre_exercise`` value to
        piece), ``release`` (:func:`tight_key` to piece), ``plan`` (:func:`plan_key` to the
        pieces of the forecast and notes, of Phase 2 and of Phase 3), ``rules``, ``html`` (the pieces),
        ``days`` (options and default), ``gap_step`` and ``gap_limit`` (what the page
        script needs to compute :func:`~backbalance.programme.dose.planned_gap`) and ``text``.
    """
    template, params = course.programme_template, course.parameters
    limit, step = params.gap_limit.value, template.strengthen.gap_step.value
    day_options = sorted(template.schedule.value) if days is None else list(days)
    every = {planned_gap(float(k * step), step, limit) for k in range(int(-(-limit // step)) + 1)}
    grid = sorted(every) if gaps is None else list(gaps)
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
            for fields in _strength_profiles(grid, limit, step):
                profile = Profile(red_flag="none", training_status=status, **fields)
                head, _, strengthen, integrate, rules = build(profile, days_per_week)
                plan[plan_key(profile, days_per_week, course)] = [head, strengthen, integrate]
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
        "gap_step": step,
        "gap_limit": limit,
        "text": TEXT,
    }
