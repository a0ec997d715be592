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
    bridge_side,
    fill,
    format_number,
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

MEASURED: Condition = ("gap_test", "!=", None)
ONE_SIDE: Condition = ("weaker_side", "!=", None)
SUMMARY_RULES: tuple[tuple[str, tuple[Condition, ...]], ...] = (
    ("not_measured", (("gap_test", "==", None),)),
    ("equal", (MEASURED, ("weaker_side", "==", None))),
    ("weaker", (MEASURED, ONE_SIDE)),
    ("clear", (MEASURED, ONE_SIDE, ("clear_gap", "==", True))),
    ("not_clear", (MEASURED, ONE_SIDE, ("clear_gap", "!=", True))),
    (
        "disagree",
        (
            ("gap_test", "==", "row"),
            ONE_SIDE,
            ("bridge_side", "!=", None),
            ("bridge_side", "!=", {"fact": "weaker_side"}),
        ),
    ),
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
    facts: dict[str, object] = {
        "gap_test": profile.gap_test,
        "weaker_side": profile.weaker_side,
        "clear_gap": profile.clear_gap,
        "bridge_side": bridge_side(profile.holds, data.endurance.noise.seconds),
        "muscles": tight,
        "status": status,
    }
    blanks = {
        "test": getattr(words.tests, profile.gap_test) if profile.gap_test else "",
        "side": profile.weaker_side or "",
        "gap": format_number(profile.gap_percent or 0, 1),
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
        gap, noise = abs(left - right), endurance.noise.seconds
        blanks = {"gap": format_number(gap, 1), "noise": format_number(noise, 1)}
        if gap < noise:
            notes.append(fill(endurance.noise.within, **blanks))
        else:
            notes.append(fill(endurance.noise.beyond, side=str(weaker(left, right)), **blanks))
    notes.append(endurance.norms.caveat if profile.norms else endurance.no_sex)
    if has_ratios:
        notes.append(endurance.ratio_caveat)
    return tuple(notes)


def _strength(profile: Profile, data: AssessmentData) -> dict[str, object]:
    strength, result = data.strength, profile.strength
    if result is None:
        return {"strength": (strength.not_done,)}
    lsi, side, unit = (
        profile.lsi or 0.0,
        weaker(result.left, result.right),
        getattr(strength.units, result.unit).unit,
    )
    line = format_number(strength.lsi.line, 1)
    if side is None:
        lines = [fill(strength.lsi.equal, lsi=format_number(lsi, 1))]
    else:
        low, high = sorted((result.left, result.right))
        lines = [
            fill(
                strength.lsi.result,
                weaker=format_number(low, 1),
                stronger=format_number(high, 1),
                unit=unit,
                lsi=format_number(lsi, 1),
                side=side,
            )
        ]
    if lsi < strength.lsi.line:
        lines.append(fill(strength.lsi.below, line=line, side=str(side)))
    else:
        lines.append(fill(strength.lsi.at_or_above, line=line))
    lines.append(fill(strength.lsi.caveat.text, line=line))
    top = max(result.left, result.right)
    bars = tuple(
        Bar(
            getattr(strength.bar_labels, s),
            fill(WORDS["amount"], value=format_number(v, 1), unit=unit),
            round_half_up(v / top * 100, 1),
        )
        for s, v in (("left", result.left), ("right", result.right))
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
        **_strength(profile, data),  # type: ignore[arg-type]
        tightness=tightness,
        tightness_link=tightness_link,
    )
