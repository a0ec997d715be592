"""The programme as a learner reads and keeps it: HTML for a page, a printable handout, CSV.

The HTML comes from the templates ``programme.html.j2`` and ``handout.html.j2`` (text the
learner typed is escaped there); the page styles are ``static/programme.css`` (which also
styles the habit sheets) and ``static/handout.css``. The CSV is spreadsheet-safe
(:func:`backbalance.common.spreadsheet.safe_csv`).

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.programme.build import Refusal
>>> print(programme_html(Refusal("urgent", "No programme: call 999."), Course.find().evidence))
<div class="bb-refusal" role="alert"><p><strong>No programme: call 999.</strong></p></div>
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup

from backbalance.common.evidence import EvidenceScale, Level
from backbalance.common.html import environment, inline_css, render
from backbalance.common.spreadsheet import safe_csv
from backbalance.common.types import DAYS, Day
from backbalance.programme.build import PHASE_TITLES, Block, Programme, Refusal
from backbalance.programme.choose import WARM_UP, Item
from backbalance.programme.library import EQUIPMENT_LABELS
from backbalance.programme.template import TrafficLight
from backbalance.strength_gap.wording import Reach, fill

PAGE_CSS = "programme.css"
"""The stylesheet of a programme (and of the habit sheets) on a page or in a notebook."""
EVIDENCE_CSS = "evidence.css"
"""The evidence badges' stylesheet (the book's ``{evidence}`` role draws the same badges)."""
WARM_UP_LINE = "Phase 1 stretches (warm-up)"
"""The one line of a strength phase's table that stands for its warm-up stretches."""


def forecast_text(programme: Programme) -> str:
    """The forecast in plain words (each case of where the gap comes from after its lead-in
    when the cause is unknown), or why there is none."""
    return "".join(forecast_sentences(programme))


def forecast_sentences(programme: Programme) -> tuple[str, ...]:
    """:func:`forecast_text` in its parts, each sentence after the first with its leading
    space (the static page keeps each distinct part once). The sentences are ``programme``
    of ``data/forecast.yml``, the lead-ins ``forecast.case.lead``."""
    wording = programme.words()
    words, lead = wording.programme, wording.forecast.case.lead
    parities = programme.parities()
    if not parities:
        return (words.none,)
    side = programme.profile.weaker_side
    strong, extra = programme.strong_sets, programme.extra_sets
    dose = (
        fill(
            words.dose.pick(extra),
            extra=str(extra),
            side=side,
            weak=str(strong + extra),
            strong=str(strong),
        )
        if extra
        else fill(words.dose.even, strong=str(strong))
    )
    if all(parity.typical == 0 for parity in parities.values()):
        target = programme.target
        return dose, " " + fill(words.at_target, target=f"{target:g}")
    sentences = [dose]
    for cause, parity in parities.items():
        if len(parities) > 1:
            sentences.append(getattr(lead, cause))
        sentences.append(parity.reach(parity.typical, **_forms(words.typical)))
        sentences.append(parity.reach(parity.fast, **_forms(words.fast)))
        if parity.fast is not None:
            sentences.append(parity.reach(parity.slow, **_forms(words.slow)))
    sentences.append(words.promise)
    return (sentences[0], *(" " + sentence for sentence in sentences[1:]))


def _forms(reach: Reach) -> dict[str, str]:
    """The two verb forms of one phrase, as :meth:`~backbalance.strength_gap.model.Parity.reach`
    takes them."""
    return {"reaches": reach.reaches, "not_within": reach.not_within}


def _dose(item: Item, side: str) -> str:
    sets = item.sets.get(side)
    if sets is None:
        return ""
    exercise = item.exercise
    amount = f"{exercise.reps}" if exercise.reps is not None else f"{exercise.hold_seconds} s"
    return f"{sets} × {amount}"


@dataclass(frozen=True)
class Line:
    """One line of a phase's table: an exercise, the days it is done, a dose per side, and
    the evidence level of its dose (``data/exercises.csv``; the warm-up line has its
    stretches' levels)."""

    exercise: str
    days: tuple[Day, ...]
    left: str
    right: str
    notes: str
    together: bool
    evidence: tuple[Level, ...]


def _days_text(days: tuple[Day, ...]) -> str:
    run = DAYS[DAYS.index(days[0]) : DAYS.index(days[0]) + len(days)]
    return f"{days[0]} to {days[-1]}" if len(days) > 2 and tuple(run) == days else ", ".join(days)


def _line(item: Item) -> tuple[tuple[object, ...], Line]:
    """The grouping key and table line of one item (all warm-up stretches share one line)."""
    level = (item.exercise.evidence,)
    if WARM_UP in item.notes:
        return (WARM_UP,), Line(
            WARM_UP_LINE,
            (),
            "1 hold each",
            "1 hold each",
            "the release stretches above, in the same order",
            False,
            level,
        )
    key = (item.exercise.id, tuple(item.sets.items()), item.notes)
    if "both" in item.sets:
        return key, Line(
            item.exercise.name, (), _dose(item, "both"), "", "; ".join(item.notes), True, level
        )
    return key, Line(
        item.exercise.name,
        (),
        _dose(item, "left"),
        _dose(item, "right"),
        "; ".join(item.notes),
        False,
        level,
    )


def block_lines(block: Block) -> list[Line]:
    """The block's week as table lines: an item done the same way on several days is one line.

    Lines are ordered by their place in the session; the warm-up stretches of Phases 2 and
    3 are one line.
    """
    found: dict[tuple[object, ...], tuple[int, Line, list[Day], list[Level]]] = {}
    for day, session in block.week.items():
        for position, item in enumerate(session):
            key, line = _line(item)
            start = 0 if key == (WARM_UP,) else position
            _, _, days, levels = found.setdefault(key, (start, line, [], []))
            if day not in days:
                days.append(day)
            if item.exercise.evidence not in levels:
                levels.append(item.exercise.evidence)
    ordered = sorted(found.values(), key=lambda entry: entry[0])
    return [
        Line(
            line.exercise,
            tuple(days),
            line.left,
            line.right,
            line.notes,
            line.together,
            tuple(levels),
        )
        for _, line, days, levels in ordered
    ]


def block_parts(programme: Programme, scale: EvidenceScale) -> list[dict[str, object]]:
    """What the template draws of each phase: the block, its caption, re-tests and lines.

    Each line comes with its days in words and its evidence badges: ``(level, label)``
    pairs, the label from ``scale`` (``data/evidence.yml``).
    """
    return [
        {
            "block": block,
            "caption": f"{PHASE_TITLES[block.phase]}: a typical week",
            "retest": block.phase == "strengthen" and programme.retest_weeks,
            "lines": [
                (
                    line,
                    _days_text(line.days),
                    [(level, scale.label(level)) for level in line.evidence],
                )
                for line in block_lines(block)
            ],
        }
        for block in programme.blocks
    ]


def summary_lines(programme: Programme) -> list[str]:
    """What the programme was built from, one short line each (the equipment is its own
    list, :func:`equipment_labels`)."""
    profile, setup = programme.profile, programme.setup
    gap = (
        f"{profile.weaker_side} side weaker by {profile.gap_percent:g}%"
        if profile.weaker_side and profile.gap_percent
        else "no gap measured"
        if profile.gap_percent is None
        else "no weaker side"
    )
    tight = (
        ", ".join(f"{m.muscle.replace('-', ' ')} ({m.side})" for m in profile.tight_muscles)
        or "none marked"
    )
    lines = [
        f"Gap: {gap}.",
        f"Tight muscles: {tight}.",
        f"Training: {profile.training_status or 'not stated (novice assumed)'}; "
        f"{setup.days_per_week} strength days a week.",
    ]
    if programme.forecasts:
        case = programme.words().forecast.case
        lines.append(f"{case.question}: {getattr(case.choice, setup.cause)}.")
    return lines


def equipment_labels(equipment: Iterable[str]) -> list[str]:
    """What a learner reads for each kind of ``equipment`` (no equipment always first), in
    the order of :data:`~backbalance.programme.library.EQUIPMENT_LABELS`."""
    have = {"none", *equipment}
    return [label for kind, label in EQUIPMENT_LABELS.items() if kind in have]


def programme_html(
    programme: Programme | Refusal, scale: EvidenceScale, heading_level: int = 3
) -> str:
    """The programme as accessible HTML: summary, forecast, one table per phase, rules.

    Parameters
    ----------
    programme
        From :func:`backbalance.programme.build.build_programme`; a refusal becomes its
        alert box.
    scale
        The evidence scale (``data/evidence.yml``): each exercise shows its level's label,
        as the chapters' ``{evidence}`` badges do.
    heading_level
        The level of the phase headings (2 to 5), to fit the page around it.

    Returns
    -------
    str
        A ``<div class="bb-programme">``; text the learner typed is escaped.
    """
    if isinstance(programme, Refusal):
        return render("programme.html.j2", refusal=programme)
    return render(
        "programme.html.j2",
        refusal=None,
        programme=programme,
        level=heading_level,
        summary=summary_lines(programme),
        kit=equipment_labels(programme.setup.equipment),
        forecast=forecast_text(programme),
        blocks=block_parts(programme, scale),
        choice=scale.label("assumption"),
    )


def traffic_light_html(rule: TrafficLight, scale: EvidenceScale) -> str:
    """The traffic-light rule for pain as HTML: how to rate, the table, why these cut-offs.

    The same markup as on every programme and its handout; the chapter "Pain sense" shows it
    with the ``traffic-light`` directive. The cut-offs carry the badge of the scale's
    ``assumption`` level.
    """
    return str(parts().traffic_light(rule, scale.label("assumption")))


def parts() -> Any:
    """The macros of ``programme-parts.html.j2``: the pieces every programme is drawn with."""
    return environment().get_template("programme-parts.html.j2").module


def styled_html(programme: Programme | Refusal, scale: EvidenceScale) -> str:
    """:func:`programme_html` with its stylesheets inlined, for a notebook or an app."""
    return str(inline_css(PAGE_CSS, EVIDENCE_CSS)) + programme_html(
        programme, scale, heading_level=3
    )


def handout_html(
    programme: Programme | Refusal,
    scale: EvidenceScale,
    paper: Literal["A4", "letter"] = "A4",
) -> str:
    """A printable handout: a complete HTML document with print CSS.

    Parameters
    ----------
    programme
        From :func:`backbalance.programme.build.build_programme`.
    scale
        The evidence scale, as in :func:`programme_html`.
    paper
        ``"A4"`` or ``"letter"``.

    Returns
    -------
    str
        An HTML document; print it from the browser on A4 or letter: one sheet when it
        fits at a readable size, else a break between blocks (``static/handout.css``).
    """
    name = programme.setup.name if isinstance(programme, Programme) else ""
    return render(
        "handout.html.j2",
        name=name,
        paper=paper,
        css=inline_css(EVIDENCE_CSS, "handout.css"),
        body=Markup(programme_html(programme, scale, heading_level=2)),
    )


def programme_csv(programme: Programme) -> str:
    """The programme's table as CSV, with the learner's name in a ``learner`` column."""
    return safe_csv(programme.table.assign(learner=programme.setup.name))
