"""The wording of the results: a profile in sentences from ``data/``, as a plain :class:`Report`.

Pure functions, no I/O and no HTML: :mod:`backbalance.assessment.render` turns a
:class:`Report` into HTML for the notebook, and the static book's script
(``static/assessment-core.js``) builds the same report from the same spec;
``tests/golden`` checks that they agree. The few joining words that are not sentences of
``data/`` are in :data:`WORDS`, and the order and conditions of the summary's sentences in
:data:`SUMMARY_RULES` (a tiny condition language, see :func:`holds`); the page's spec
carries both.

Examples
--------
>>> from backbalance.course import Course
>>> from backbalance.assessment.profile import Profile
>>> from backbalance.assessment.report import describe
>>> data = Course.find().assessment
>>> describe(Profile(red_flag="urgent", red_flag_signs=()), data).stop_title == data.red_flags.urgent.title
True
"""

from __future__ import annotations

from dataclasses import dataclass

from backbalance.assessment.data import AssessmentData
from backbalance.assessment.logic import (
    HOLDS,
    fill,
    format_number,
    hold_noise,
    norm_band,
    ratio_outside,
    ratio_value,
    round_half_up,
    weaker,
)
from backbalance.assessment.profile import Profile
from backbalance.assessment.questions import Questionnaire

WORDS: dict[str, str] = {
    "tight_item": "{muscle} ({side})",
    "separator": ", ",
    "amount": "{value} {unit}",
}
"""How the results join words from ``data/``: a tight muscle in the summary, a list, a number."""


@dataclass(frozen=True)
class Link:
    """A link to a chapter of the book (a docname such as ``book/causes``)."""

    text: str
    chapter: str


@dataclass(frozen=True)
class Item:
    """A titled line of the results, with an optional link."""

    title: str
    text: str
    link: Link | None = None


@dataclass(frozen=True)
class Table:
    """A results table: column headings, rows of cells, and which rows are flagged."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    flagged: tuple[bool, ...]


@dataclass(frozen=True)
class Bar:
    """One side's bar: its label, its value in words and its length (0-100, one decimal)."""

    label: str
    text: str
    percent: float


@dataclass(frozen=True)
class Report:
    """Everything the results view shows, as text; the browser script builds the same."""

    stop_title: str = ""
    stop: tuple[str, ...] = ()
    stop_signs: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    concern: tuple[str, ...] = ()
    contributors: tuple[Item, ...] = ()
    causes_link: Link | None = None
    holds: Table | None = None
    ratios: Table | None = None
    endurance: tuple[str, ...] = ()
    hold_targets: tuple[str, ...] = ()
    strength: tuple[str, ...] = ()
    bars: tuple[Bar, ...] = ()
    bar_note: str = ""
    tightness: tuple[str, ...] = ()
    tightness_link: Link | None = None


def _stop(profile: Profile, data: AssessmentData) -> Report:
    group = getattr(data.red_flags, profile.red_flag)
    shorts = tuple(
        sign.short for sign in data.red_flags.signs() if sign.id in profile.red_flag_signs
    )
    after = (data.red_flags.clearance.when_stopped,) if profile.red_flag == "clinician" else ()
    return Report(
        stop_title=group.title,
        stop=(group.guidance, data.red_flags.no_programme, *after),
        stop_signs=shorts,
    )


def _safety(profile: Profile, data: AssessmentData) -> tuple[str, ...]:
    """The lines above the results: a clinician's check, tests stopped, see-a-clinician advice."""
    lines = []
    if profile.cleared_on is not None:
        lines.append(fill(data.red_flags.clearance.cleared, date=profile.cleared_on))
    if profile.pre_exercise == "stopped":
        lines.append(data.pre_exercise.stop)
    texts = {a.id: a.text for a in data.questionnaire.advice}
    return (*lines, *(texts[a] for a in profile.advice if a in texts))


Condition = tuple[str, str, object]
"""``(fact, "==" or "!=", value)``; a value ``{"fact": name}`` stands for another fact."""

MEASURED: Condition = ("measured", "==", True)
ONE_SIDE: Condition = ("weaker_side", "!=", None)
SUMMARY_RULES: tuple[tuple[str, tuple[Condition, ...]], ...] = (
    ("not_measured", (("measured", "==", False),)),
    ("equal", (MEASURED, ("weaker_side", "==", None))),
    ("weaker", (MEASURED, ONE_SIDE)),
    ("beyond_limit", (("beyond_gap_limit", "==", True),)),
    ("clear", (ONE_SIDE, ("clear_gap", "==", True), ("beyond_gap_limit", "==", False))),
    ("dominance", (ONE_SIDE, ("verdict", "==", "within"))),
    ("not_clear", (ONE_SIDE, ("clear_gap", "==", False), ("verdict", "!=", "within"))),
    ("bridges", (("bridge_side", "!=", None),)),
    (
        "disagree",
        (
            MEASURED,
            ONE_SIDE,
            ("bridge_side", "!=", None),
            ("bridge_side", "!=", {"fact": "weaker_side"}),
        ),
    ),
    ("holds_only", (("holds_only", "==", True),)),
    ("tight", (("muscles", "!=", ""),)),
    ("no_tight", (("muscles", "==", ""),)),
    ("status", (("status", "!=", None),)),
)
"""The lines of the summary, in order: each sentence of ``summary.yml`` said when all of its
conditions hold (the page's script reads the same table from the spec)."""


def holds(conditions: tuple[Condition, ...], facts: dict[str, object]) -> bool:
    """Whether every condition holds for ``facts``.

    >>> holds((("gap_test", "==", "row"), ("side", "!=", {"fact": "other"})),
    ...       {"gap_test": "row", "side": "left", "other": "right"})
    True
    """

    def value(v: object) -> object:
        return facts[v["fact"]] if isinstance(v, dict) else v

    return all((facts[fact] == value(v)) == (op == "==") for fact, op, v in conditions)


def _summary(profile: Profile, data: AssessmentData) -> tuple[str, ...]:
    words = data.summary
    names = {muscle.id: muscle.name for muscle in data.tightness.muscles}
    tight = WORDS["separator"].join(
        fill(
            WORDS["tight_item"],
            muscle=names[t.muscle],
            side=getattr(data.tightness.side_words, t.side),
        )
        for t in profile.tight_muscles
    )
    labels = {option.value: option.label for option in data.strength.training_status.options}
    status = None if profile.training_status is None else labels[profile.training_status]
    measured = profile.lsi is not None
    facts: dict[str, object] = {
        "measured": measured,
        "weaker_side": profile.weaker_side,
        "clear_gap": profile.clear_gap,
        "verdict": profile.strength_verdict,
        "beyond_gap_limit": profile.beyond_gap_limit,
        "bridge_side": profile.bridge_weaker_side,
        "holds_only": bool(profile.holds) and not measured,
        "muscles": tight,
        "status": status,
    }
    blanks = {
        "side": profile.weaker_side or profile.bridge_weaker_side or "",
        "gap": format_number(profile.gap_percent or 0, 1),
        "limit": format_number(data.gap_limit, 1),
        "muscles": tight,
        "status": status or "",
    }
    return tuple(
        fill(getattr(words, say), **blanks)
        for say, conditions in SUMMARY_RULES
        if holds(conditions, facts)
    )


def _contributors(profile: Profile, questionnaire: Questionnaire) -> tuple[Item, ...]:
    known = {contributor.id: contributor for contributor in questionnaire.contributors}
    items = tuple(
        Item(known[cid].name, known[cid].why, Link(known[cid].link_text, known[cid].chapter))
        for cid in profile.contributors
    )
    return items or (Item("", questionnaire.no_contributors),)


def _hold_table(profile: Profile, data: AssessmentData) -> Table:
    endurance = data.endurance
    rows = []
    for hold in HOLDS:
        if hold not in profile.holds:
            continue
        seconds = profile.holds[hold]
        cells = [
            getattr(endurance.holds, hold).label,
            fill(WORDS["amount"], value=format_number(seconds, 1), unit=endurance.input.unit),
        ]
        if profile.norms is None:
            cells += [endurance.table.not_compared] * 2
        else:
            norm = getattr(getattr(endurance.norms, profile.norms), hold)
            group = getattr(endurance.norms.group_names, profile.norms)
            cells.append(
                fill(
                    endurance.table.norm,
                    mean=format_number(norm.mean),
                    sd=format_number(norm.sd),
                    group=group,
                )
            )
            cells.append(getattr(endurance.bands, norm_band(seconds, norm.mean, norm.sd)))
        rows.append(tuple(cells))
    return Table(endurance.table.holds, tuple(rows), (False,) * len(rows))


def _ratio_table(profile: Profile, data: AssessmentData) -> Table | None:
    endurance = data.endurance
    rows, flagged = [], []
    for ratio in endurance.ratios:
        value = ratio_value(profile.holds, ratio)
        if value is None:
            continue
        outside = ratio_outside(value, ratio)
        verdict = endurance.outside_text if outside else endurance.inside_text
        rows.append((ratio.label, format_number(value, 2), ratio.rule, verdict))
        flagged.append(outside)
    return Table(endurance.table.ratios, tuple(rows), tuple(flagged)) if rows else None


def _endurance_notes(profile: Profile, data: AssessmentData, has_ratios: bool) -> tuple[str, ...]:
    endurance = data.endurance
    if not profile.holds:
        return (endurance.not_done,)
    notes = []
    if "bridge_left" in profile.holds:
        left, right = profile.holds["bridge_left"], profile.holds["bridge_right"]
        gap, noise = abs(left - right), hold_noise(data)["side_bridge"]
        blanks = {"gap": format_number(gap, 1), "noise": format_number(noise, 1)}
        if gap < noise:
            notes.append(fill(endurance.test_error.within, **blanks))
        else:
            notes.append(fill(endurance.test_error.beyond, side=str(weaker(left, right)), **blanks))
    notes.append(endurance.test_error.advice)
    notes.append(endurance.norms.caveat if profile.norms else endurance.no_sex)
    if has_ratios:
        notes.append(endurance.ratio_caveat)
    return tuple(notes)


def _hold_targets(profile: Profile, data: AssessmentData) -> tuple[str, ...]:
    """Each hold's re-test target, and the weaker side bridge's target."""
    endurance, noise = data.endurance, hold_noise(data)
    lines = [
        fill(
            endurance.targets.hold,
            hold=getattr(endurance.holds, hold).label,
            now=format_number(profile.holds[hold], 1),
            weeks=str(endurance.targets.retest_weeks),
            mdc=format_number(noise[hold], 0),
            target=format_number(target, 0),
        )
        for hold, target in profile.hold_targets.items()
    ]
    side = profile.bridge_weaker_side
    if side is not None:
        other = "bridge_right" if side == "left" else "bridge_left"
        lines.append(
            fill(endurance.targets.bridge, side=side, target=format_number(profile.holds[other], 1))
        )
    return tuple(lines)


def _verdict(profile: Profile, data: AssessmentData, side: str | None) -> str:
    """The sentence of the strength verdict (see :func:`~backbalance.assessment.logic.strength_verdict`)."""
    strength, verdict = data.strength, profile.strength_verdict
    dominance = strength.dominance
    blanks = {
        "line": format_number(strength.lsi.line, 1),
        "side": str(side),
        "stronger": "right" if side == "left" else "left",
        "difference": format_number(dominance.difference_percent, 1),
        "noise": format_number(hold_noise(data)["strength"], 1),
    }
    template = getattr(
        strength.lsi if verdict in ("below", "at_or_above") else dominance, str(verdict)
    )
    return fill(template, **blanks)


def _strength(profile: Profile, data: AssessmentData) -> dict[str, object]:
    strength, result = data.strength, profile.strength
    if result is None:
        return {"strength": (strength.not_done,)}
    estimate, line = strength.estimate, format_number(strength.lsi.line, 1)
    advice = fill(
        strength.test_error.advice,
        sem=format_number(strength.test_error.sem_percent, 1),
        mdc=format_number(hold_noise(data)["strength"], 1),
    )
    reps_only = fill(estimate.reps_only, reps_lsi=format_number(profile.reps_lsi or 0, 1))
    if profile.lsi is None:
        too_many = fill(estimate.too_many, max_reps=str(estimate.max_reps))
        return {"strength": (too_many, reps_only, advice)}
    lines: list[str] = []
    values, unit = (result.left, result.right), getattr(strength.units, result.unit).unit
    if profile.estimated_1rm is not None:
        values, unit = (profile.estimated_1rm.left, profile.estimated_1rm.right), "kg"
        lines.append(
            fill(
                estimate.result,
                left=format_number(values[0], 1),
                right=format_number(values[1], 1),
                load=format_number(result.load or 0, 1),
                left_reps=format_number(result.left, 1),
                right_reps=format_number(result.right, 1),
            )
        )
    side = weaker(result.left, result.right)
    if side is None:
        lines.append(fill(strength.lsi.equal, lsi=format_number(profile.lsi, 1)))
    else:
        low, high = sorted(values)
        lines.append(
            fill(
                strength.lsi.result,
                weaker=format_number(low, 1),
                stronger=format_number(high, 1),
                unit=unit,
                lsi=format_number(profile.lsi, 1),
                side=side,
            )
        )
    lines.append(_verdict(profile, data, side))
    if profile.reps_lsi is not None and side is not None:
        lines.append(reps_only)
    lines += [advice, fill(strength.lsi.caveat.text, line=line)]
    top = max(values)
    bars = tuple(
        Bar(
            getattr(strength.bar_labels, s),
            fill(WORDS["amount"], value=format_number(v, 1), unit=unit),
            round_half_up(v / top * 100, 1),
        )
        for s, v in zip(("left", "right"), values, strict=True)
    )
    return {"strength": tuple(lines), "bars": bars, "bar_note": fill(strength.bar_note, line=line)}


def _tightness(profile: Profile, data: AssessmentData) -> tuple[tuple[str, ...], Link | None]:
    tightness = data.tightness
    if not profile.tight_muscles:
        return (tightness.none_tight,), None
    names = {muscle.id: muscle.name for muscle in tightness.muscles}
    lines = tuple(
        fill(tightness.result, muscle=names[t.muscle], side=getattr(tightness.side_words, t.side))
        for t in profile.tight_muscles
    )
    return lines, Link(tightness.link_text, tightness.chapter)


def describe(profile: Profile, data: AssessmentData) -> Report:
    """Word a profile for the reader, using only sentences from ``data/``.

    Parameters
    ----------
    profile
        From :func:`build_profile` (or loaded from a file).
    data
        The validated ``data/assessment`` files.

    Returns
    -------
    Report
        After a red flag, only the guidance (``stop_title``, ``stop``, ``stop_signs``);
        otherwise the summary, questionnaire, holds, ratios, strength and tightness parts.
    """
    if not profile.cleared:
        return _stop(profile, data)
    ratios = _ratio_table(profile, data)
    tightness, tightness_link = _tightness(profile, data)
    score = fill(
        data.questionnaire.score_text,
        score=str(profile.concern_score),
        max=str(profile.concern_max),
    )
    level = [
        lvl
        for lvl in data.questionnaire.concern_levels
        if lvl.min_score <= (profile.concern_score or 0)
    ][-1]
    return Report(
        safety=_safety(profile, data),
        summary=_summary(profile, data),
        concern=(score, level.text),
        contributors=_contributors(profile, data.questionnaire),
        causes_link=Link(data.questionnaire.causes_link_text, data.questionnaire.causes_chapter),
        holds=_hold_table(profile, data) if profile.holds else None,
        ratios=ratios,
        endurance=_endurance_notes(profile, data, ratios is not None),
        hold_targets=_hold_targets(profile, data),
        **_strength(profile, data),  # type: ignore[arg-type]
        tightness=tightness,
        tightness_link=tightness_link,
    )
