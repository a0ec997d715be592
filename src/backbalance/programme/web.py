"""The reader's own programme in the static book: every programme built at build time.

The static book has no kernel, so the page cannot run the strength-gap model. Instead
:func:`web_spec` calls :func:`~backbalance.programme.build.build_programme` at build time
for every profile the self-assessment page can make (on a grid of gaps), every days-a-week
option of the schedule and every choice of equipment the notebook ``my_programme.ipynb``
offers (:data:`~backbalance.programme.library.EQUIPMENT_LABELS`), renders each programme in
pieces (:func:`web_parts`) and keeps each distinct piece once. The page script
``static/programme-web.js`` only looks the pieces up by what the reader's profile holds and
what the reader chose: it computes no threshold and applies no rule.

So that the spec does not grow with every combination, it is cut where the programme's parts
stop depending on each other:

- equipment counts only through the exercises it allows: each choice of equipment maps to a
  *release kit* (the Phase 1 exercises it allows) and a *strength kit* (those of Phases 2
  and 3), found with :func:`~backbalance.programme.choose.available` as the builder finds them;
- the model (the extra sets, the forecast, the weeks of each phase) sees the equipment only
  through whether a one-sided pulling exercise fits, so the forecast, the notes and the
  phase headings are keyed by the profile, the days and that one fact (:func:`plan_words`);
- Phase 1 is keyed by the tight muscles and the release kit (:func:`tight_key`), and so is
  the warm-up line of Phases 2 and 3 (with the days a week);
- the rest of the tables of Phases 2 and 3 are keyed by their *shape* (days, weaker side and
  extra sets; days and weaker side) and the strength kit;
- a table is its frame and its rows, and the forecast its paragraph and its sentences, each
  kept once (:class:`Frame`).

What the refusal is keyed by: ``red_flag`` of a profile that is not cleared, or
``pre_exercise`` of one whose check before the tests stopped
(:attr:`~backbalance.assessment.profile.Profile.may_exercise`). The gap a programme is planned
from is :func:`~backbalance.programme.dose.planned_gap` (whole points, ``gap_step`` of
``plan_templates.yml``; or ``none``, or ``beyond`` past the gap limit, as the profile says):
because :func:`build_programme` itself plans from that grid, the page's programme is the one
the notebook and the command line build for the same answers, whatever the exact gap.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, get_args

from markupsafe import escape

from backbalance.assessment.profile import (
    PreExerciseResult,
    Profile,
    RedFlagLevel,
    TightMuscle,
    TightSide,
)
from backbalance.common.evidence import EvidenceScale
from backbalance.course import Course
from backbalance.programme.build import Programme, Refusal, Setup, build_programme
from backbalance.programme.choose import available
from backbalance.programme.dose import planned_gap
from backbalance.programme.library import EQUIPMENT_LABELS, KINDS_BY_PHASE, Equipment
from backbalance.programme.render import (
    WARM_UP_LINE,
    block_parts,
    equipment_labels,
    forecast_sentences,
    forecast_text,
    parts,
)
from backbalance.strength_gap.parameters import Status

CHOICES: tuple[Equipment, ...] = tuple(kind for kind in EQUIPMENT_LABELS if kind != "none")
"""The equipment a reader may tick, as in the notebook (no equipment is always included)."""

TICKED: frozenset[Equipment] = frozenset({"dumbbell"})
"""The equipment ticked when the page opens: the dumbbell of the single-arm row test."""

HEADING = "h3"
"""The phase headings of the page's programme, under the section's ``h2``."""

TEXT = {
    "title": "Your programme",
    "intro": (
        "Built from your answers above with the same rules as the course notebook, for the "
        "days and the equipment you choose here. Nothing is sent anywhere."
    ),
    "days": "Strength days a week",
    "equipment": "Equipment you have (no equipment is always included)",
    "step": (
        "The course notebook (my_programme.ipynb) builds this same programme from your "
        "saved answers and the same choices."
    ),
    "print": "Print my programme",
    "missing": (
        "This page has no programme for these answers; open your profile in the course "
        "notebook my_programme.ipynb."
    ),
}
"""The words around the page's programme."""


@dataclass(frozen=True)
class Frame:
    """A piece the page builds from others: a table and its rows (``into`` its ``tbody``),
    or the forecast's paragraph and its sentences (``into`` the ``p``)."""

    frame: str
    rows: tuple[str, ...]
    into: str = "tbody"

    def html(self) -> str:
        """The whole piece: the rows go at the end of the frame's last ``into`` element."""
        at = self.frame.rindex(f"</{self.into}>")
        return self.frame[:at] + "".join(self.rows) + self.frame[at:]


Part = str | Frame
"""A piece of the page's programme: HTML, or a frame with the pieces that go into it."""


@dataclass(frozen=True)
class PageParts:
    """The page's programme cut where its parts depend on different things.

    ``kit`` (the equipment it was built for: :func:`~backbalance.programme.render.
    equipment_labels` in a list), ``head`` (the forecast, then the notes besides
    :attr:`~backbalance.programme.build.Programme.no_tight`), ``release`` (that note when it
    applies, Phase 1's heading and table), ``warm_up`` (the warm-up row of Phases 2 and 3,
    or None), the headings and tables of Phases 2 and 3 without that row, ``rules``.
    """

    kit: Frame
    head: tuple[Part, ...]
    release: tuple[Part, ...]
    warm_up: str | None
    strengthen: tuple[str, Frame]
    integrate: tuple[str, Frame]
    rules: str

    def parts(self) -> list[Part]:
        """The parts in the page's order, the warm-up row first in each strength table."""
        warm = () if self.warm_up is None else (self.warm_up,)
        return [
            self.kit,
            *self.head,
            *self.release,
            *(
                part
                for head, table in (self.strengthen, self.integrate)
                for part in (head, Frame(table.frame, (*warm, *table.rows)))
            ),
            self.rules,
        ]


def joined(pieces: Iterable[Part]) -> str:
    """The HTML of ``pieces`` (what the page shows)."""
    return "".join(piece.html() if isinstance(piece, Frame) else piece for piece in pieces)


def web_html(programme: Programme | Refusal, scale: EvidenceScale) -> str:
    """The programme as the page shows it, in one piece: the equipment it was built for
    (shown in print only, ``static/programme-web.css``), forecast and notes, Phases 1, 2
    and 3, rules; a refusal is its alert box.

    It has no summary of the profile (the results above it show that) and no name. Its
    exercises show the labels of ``scale``, as in
    :func:`~backbalance.programme.render.programme_html`. :func:`web_parts` cuts it up.
    """
    macros = parts()
    if isinstance(programme, Refusal):
        return str(macros.refusal(programme))
    tight = [m for m in programme.messages if m == programme.no_tight]
    other = [m for m in programme.messages if m != programme.no_tight]
    weeks = programme.retest_weeks
    blocks = block_parts(programme, scale)
    return "".join(
        (
            str(
                macros.kit(programme.equipment_heading, equipment_labels(programme.setup.equipment))
            ),
            str(macros.forecast(forecast_text(programme))),
            str(macros.notes(other)),
            str(macros.notes(tight)),
            *(str(macros.block(part, HEADING, weeks)) for part in blocks),
            str(macros.rules(programme, HEADING, scale.label("assumption"))),
        )
    )


def web_parts(programme: Programme | Refusal, scale: EvidenceScale) -> PageParts | str:
    """:func:`web_html` in the pieces the page looks up (a refusal stays one piece);
    ``joined(web_parts(...).parts())`` is :func:`web_html`."""
    macros = parts()
    if isinstance(programme, Refusal):
        return str(macros.refusal(programme))
    weeks = programme.retest_weeks

    def phase(part: dict[str, Any]) -> tuple[str, Frame]:
        return str(macros.block_head(part, HEADING, weeks)), Frame(
            str(macros.table(part, [])), tuple(str(macros.row(line)) for line in part["lines"])
        )

    blocks = block_parts(programme, scale)
    release, strengthen, integrate = (phase(part) for part in blocks)
    warm = [
        row
        for (line, _, _), row in zip(blocks[1]["lines"], strengthen[1].rows, strict=True)
        if line.exercise == WARM_UP_LINE
    ]

    def without_warm_up(table: Frame) -> Frame:
        return Frame(table.frame, tuple(row for row in table.rows if row not in warm))

    return PageParts(
        kit=Frame(
            str(macros.kit(programme.equipment_heading, [])),
            tuple(
                str(macros.kit_item(label)) for label in equipment_labels(programme.setup.equipment)
            ),
            "ul",
        ),
        head=(
            Frame(
                str(macros.forecast("")),
                tuple(str(escape(part)) for part in forecast_sentences(programme)),
                "p",
            ),
            *(str(macros.notes([m])) for m in programme.messages if m != programme.no_tight),
        ),
        release=(
            *(str(macros.notes([m])) for m in programme.messages if m == programme.no_tight),
            *release,
        ),
        warm_up=warm[0] if warm else None,
        strengthen=(strengthen[0], without_warm_up(strengthen[1])),
        integrate=(integrate[0], without_warm_up(integrate[1])),
        rules=str(macros.rules(programme, HEADING, scale.label("assumption"))),
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


def page_programme(
    profile: Profile, days: int, equipment: Iterable[str], course: Course
) -> Programme | Refusal:
    """What the page shows for ``profile``: its programme for these days and this
    equipment, as :func:`build_programme` builds it from the exact gap (it plans from the
    grid itself). No equipment (``none``) is always included, as in the notebook."""
    return build_programme(
        profile,
        Setup(days_per_week=days, equipment=frozenset({"none", *equipment})),
        course.exercises,
        course.programme_template,
        course.parameters,
        wording=course.forecast_wording,
    )


def plan_words(profile: Profile, days: int, pulls: bool, course: Course) -> tuple[str, ...]:
    """What the forecast, the notes and the phase headings are looked up by: days, status,
    side, gap, clear gap and whether a one-sided pulling exercise fits the equipment."""
    return tuple(
        map(
            _word,
            (
                days,
                profile.training_status,
                profile.weaker_side,
                gap_word(profile, course),
                profile.clear_gap,
                pulls,
            ),
        )
    )


def compact(table: dict[tuple[str, ...], Any]) -> dict[str, Any]:
    """``table`` as a short lookup: each key a number, each entry once.

    Each field's words are numbered; two words of a field share a number when the table
    gives the same entry for them whatever the other fields hold (no training status and
    ``novice``, for example). A key's numbers, read as one number whose digits have the
    bases ``sizes`` (the first field's digit the highest), are its place in ``table``.

    Returns
    -------
    dict
        ``codes`` (each field's words with their numbers), ``sizes`` (how many numbers
        each field has), ``table`` (the index of each key's entry, -1 where none) and
        ``entries`` (the distinct entries).
    """
    codes: list[dict[str, int]] = []
    for field in range(len(next(iter(table)))):
        columns: dict[object, dict[tuple[object, ...], str]] = {}
        for words, entry in table.items():
            rest = words[:field] + words[field + 1 :]
            columns.setdefault(words[field], {})[rest] = json.dumps(entry)
        numbers: dict[str, int] = {}
        code = {
            word: numbers.setdefault(json.dumps(sorted(column.items())), len(numbers))
            for word, column in columns.items()
        }
        codes.append(code)  # type: ignore[arg-type]
        table = {
            (*words[:field], code[words[field]], *words[field + 1 :]): entry  # type: ignore[misc]
            for words, entry in table.items()
        }
    sizes = [len(set(code.values())) for code in codes]
    flat, entries = [-1] * math.prod(sizes), {}
    for numbers, entry in table.items():
        at = 0
        for number, size in zip(numbers, sizes, strict=True):
            at = at * size + number  # type: ignore[operator]
        flat[at] = entries.setdefault(json.dumps(entry), len(entries))
    return {
        "codes": codes,
        "sizes": sizes,
        "table": flat,
        "entries": [json.loads(entry) for entry in entries],
    }


def tight_key(profile: Profile) -> str:
    """The lookup key of Phase 1: the tight muscles with their sides, sorted."""
    return ",".join(sorted(f"{m.muscle}:{m.side}" for m in profile.tight_muscles))


def equipment_key(equipment: Iterable[str]) -> str:
    """The lookup key of a choice of equipment: what was ticked, sorted (``none`` left out)."""
    return ",".join(sorted(set(equipment) - {"none"}))


def kits(equipment: Iterable[str], course: Course) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a choice of equipment allows: the exercises of Phase 1 (its release kit) and
    those of Phases 2 and 3 (its strength kit), as the builder picks them
    (:func:`~backbalance.programme.choose.available`); two choices with the same kits get
    the same programme."""
    have = {"none", *equipment}
    stages, library = course.programme_template.phases(), course.exercises

    def allowed(*phases: str) -> tuple[str, ...]:
        return tuple(
            exercise.id
            for phase in phases
            for exercise in available(stages[phase], library, have, KINDS_BY_PHASE[phase])
        )

    return allowed("release"), allowed("strengthen", "integrate")


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
    """Each distinct piece of HTML once, by its index; a :class:`Frame` as ``[frame, [rows]]``
    (or ``[frame, [rows], into]`` when they do not go into a ``tbody``)."""

    def __init__(self) -> None:
        self.html: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, piece: str) -> int:
        if piece not in self._index:
            self._index[piece] = len(self.html)
            self.html.append(piece)
        return self._index[piece]

    def ref(self, part: Part) -> int | list[Any]:
        if isinstance(part, Frame):
            ref = [self.add(part.frame), [self.add(row) for row in part.rows]]
            return ref if part.into == "tbody" else [*ref, part.into]
        return self.add(part)


class _Index(dict):
    """Distinct keys numbered in the order met."""

    def __missing__(self, key: object) -> int:
        self[key] = len(self)
        return self[key]


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
        from 0 to the gap limit in steps of ``gap_step`` (tests pass fewer). Every choice
        of equipment is always in.

    Returns
    -------
    dict
        ``refusal`` (red-flag level to piece), ``stopped`` (``pre_exercise`` value to
        piece); ``kit`` (the frame of the list of equipment a programme was built for, the
        item of no equipment, and one item per choice of ``equipment``, in its order);
        ``equipment`` (the choices with their labels, and those ticked at first),
        ``kits`` (:func:`equipment_key` to the indices of its release and strength kits,
        :func:`kits`) and ``pulls`` (for each strength kit, whether a pulling exercise fits);
        ``release`` (:func:`tight_key` to, for each release kit, the parts of Phase 1 and
        the warm-up row for each days option), ``plan`` (:func:`plan_words`, made short
        by :func:`compact`; an entry is the index of its forecast in ``forecasts``, the
        parts of the notes, the headings of Phases 2 and 3, and the shapes of their
        tables), ``strengthen`` and ``integrate`` (shape, then strength kit, to the table
        without its warm-up row, or null where the kit cannot give that shape), ``rules``,
        ``html`` (the pieces), ``days`` (options and default), ``gap_step`` and
        ``gap_limit`` (what the page script needs to compute
        :func:`~backbalance.programme.dose.planned_gap`) and ``text``. A part is the index
        of a piece, or ``[frame, [rows]]`` for a table, or ``[frame, [rows], into]`` for a
        :class:`Frame` whose rows go into another element.
    """
    template, params = course.programme_template, course.parameters
    limit, step = params.gap_limit.value, template.strengthen.gap_step.value
    day_options = sorted(template.schedule.value) if days is None else list(days)
    every = {planned_gap(float(k * step), step, limit) for k in range(int(-(-limit // step)) + 1)}
    grid = sorted(every) if gaps is None else list(gaps)
    pieces = _Pieces()

    def build(profile: Profile, days_per_week: int, equipment: Iterable[str]) -> Any:
        return web_parts(page_programme(profile, days_per_week, equipment, course), course.evidence)

    kit_of, release_kits, strength_kits = {}, _Index(), _Index()
    release_equipped: dict[int, frozenset[str]] = {}
    equipped: dict[int, frozenset[str]] = {}
    for count in range(len(CHOICES) + 1):
        for chosen in itertools.combinations(CHOICES, count):
            release_kit, strength_kit = kits(chosen, course)
            found = [release_kits[release_kit], strength_kits[strength_kit]]
            release_equipped.setdefault(found[0], frozenset(chosen))
            equipped.setdefault(found[1], frozenset(chosen))
            kit_of[equipment_key(chosen)] = found
    library = course.exercises
    pulls = [any(library[e].kind == "pull" for e in kit) for kit in strength_kits]
    with_pulls = {flag: equipped[pulls.index(flag)] for flag in dict.fromkeys(pulls)}

    refusal = {
        level: pieces.add(build(Profile(red_flag=level), day_options[0], TICKED))
        for level in get_args(RedFlagLevel)
        if not Profile(red_flag=level).cleared
    }
    stopped = {
        str(value): pieces.add(
            build(Profile(red_flag="none", pre_exercise=value), day_options[0], TICKED)
        )
        for value in get_args(PreExerciseResult)
        if not Profile(red_flag="none", pre_exercise=value).may_exercise
    }
    release: dict[str, list[Any]] = {}
    for tight in _tight_sets(m.id for m in course.assessment.tightness.muscles):
        profile = Profile(red_flag="none", tight_muscles=tight)
        release[tight_key(profile)] = entry = []
        for equipment in release_equipped.values():
            built = [build(profile, n, equipment) for n in day_options]
            warm = [None if b.warm_up is None else pieces.add(b.warm_up) for b in built]
            entry.append([[pieces.ref(part) for part in built[0].release], warm])
    plan, rules, forecasts = {}, None, _Index()
    shapes2, shapes3 = _Index(), _Index()
    examples: dict[int, tuple[Profile, int]] = {}
    for days_per_week in day_options:
        for status in (*get_args(Status), None):
            for fields in _strength_profiles(grid, limit, step):
                profile = Profile(red_flag="none", training_status=status, **fields)
                for flag, equipment in with_pulls.items():
                    programme = page_programme(profile, days_per_week, equipment, course)
                    built = web_parts(programme, course.evidence)
                    shape2 = shapes2[(days_per_week, profile.weaker_side, programme.extra_sets)]
                    shape3 = shapes3[(days_per_week, profile.weaker_side)]
                    examples.setdefault(shape2, (profile, days_per_week))
                    rules = pieces.add(built.rules)
                    forecast, *notes = (pieces.ref(piece) for piece in built.head)
                    plan[plan_words(profile, days_per_week, flag, course)] = [
                        forecasts[json.dumps(forecast)],
                        notes,
                        pieces.add(built.strengthen[0]),
                        pieces.add(built.integrate[0]),
                        shape2,
                        shape3,
                    ]
    strengthen = [[None] * len(strength_kits) for _ in shapes2]
    integrate = [[None] * len(strength_kits) for _ in shapes3]
    for shape, (profile, days_per_week) in examples.items():
        for kit, equipment in equipped.items():
            programme = page_programme(profile, days_per_week, equipment, course)
            if shapes2.get((days_per_week, profile.weaker_side, programme.extra_sets)) != shape:
                continue
            built = web_parts(programme, course.evidence)
            strengthen[shape][kit] = pieces.ref(built.strengthen[1])
            integrate[shapes3[(days_per_week, profile.weaker_side)]][kit] = pieces.ref(
                built.integrate[1]
            )
    default = Setup.model_fields["days_per_week"].default
    item = parts().kit_item
    return {
        "kit": {
            "frame": pieces.add(str(parts().kit(template.equipment_heading, []))),
            "none": pieces.add(str(item(EQUIPMENT_LABELS["none"]))),
            "items": [pieces.add(str(item(EQUIPMENT_LABELS[kind]))) for kind in CHOICES],
        },
        "refusal": refusal,
        "stopped": stopped,
        "equipment": {
            "options": [[kind, EQUIPMENT_LABELS[kind]] for kind in CHOICES],
            "ticked": sorted(TICKED),
        },
        "kits": kit_of,
        "pulls": pulls,
        "release": release,
        "plan": compact(plan),
        "forecasts": [json.loads(forecast) for forecast in forecasts],
        "strengthen": strengthen,
        "integrate": integrate,
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
