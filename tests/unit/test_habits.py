"""Daily-habit tools: the data file, the checklist score, the break planner and its calendar file."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from backbalance.common.read import DataError
from backbalance.course import Course
from backbalance.habits.data import load_habits
from backbalance.habits.ics import FOLD_OCTETS, breaks_calendar, escape_text, first_workday, fold
from backbalance.habits.logic import (
    adherence,
    empty_week,
    parse_clock,
    plan_breaks,
    score_workstation,
)
from backbalance.habits.render import checklists_html

ROOT = Path(__file__).resolve().parents[2]
STAMP = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def habits():
    return load_habits(ROOT / "data" / "habits.yml")


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1: a CRLF followed by one space or tab continues the previous line."""
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def events(text: str) -> list[dict[str, str]]:
    """Parse the VEVENTs of a calendar back into ``{property: value}`` dicts (top level only)."""
    found, current, depth = [], None, 0
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current, depth = {}, 0
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            depth += line.startswith("BEGIN:") - line.startswith("END:")
            if depth == 0 and not line.startswith("END:"):
                current[name] = value
    return found


# --------------------------------------------------------------------------- the data file


def test_the_shipped_file_names_its_sources(habits):
    keys = {key for _, key in habits.citations()}
    assert {"osha-workstation", "duran2023", "bhammar2017", "albulescu2022"} <= keys
    assert "prevent back pain" in habits.caveat and "prevent back pain" in habits.microbreaks.caveat


def test_screen_advice_cites_the_workplace_guidance(habits):
    items = {item.id: item for item in habits.workstation.items}
    assert {items[i].source for i in ("screen-height", "screen-distance", "lumbar-support")} == {
        "osha-workstation"
    }


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - id: stand\n",
            "  - id: carry\n",
            "daily: daily habit id 'carry' is used more than once; ids must be unique",
        ),
        (
            "    min: 30\n",
            "    min: 90\n",
            "microbreaks.interval_minutes: must have min <= default <= max",
        ),
        (
            "      source: osha-workstation\n      evidence: weak\n    - id: screen-distance",
            "      evidence: weak\n    - id: screen-distance",
            "workstation.items[2]: give exactly one of `source:`",
        ),
    ],
)
def test_problems_name_the_file_and_entry(tmp_path, monkeypatch, old, new, expected):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    path = Path("data/habits.yml")
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(DataError) as caught:
        load_habits(path)
    assert any(str(p).startswith(f"data/habits.yml, {expected}") for p in caught.value.problems), (
        caught.value
    )


# --------------------------------------------------------------------------- workstation


def test_checklist_score_lists_what_to_change_in_order(habits):
    score = score_workstation(
        {"screen-height": True, "screen-distance": True, "sit-back": False}, habits.workstation
    )
    assert (score.met, score.total, score.text()) == (2, 6, "2 of 6 in place.")
    assert [item.id for item in score.to_change] == [
        "lumbar-support",
        "sit-back",
        "screen-centred",
        "keyboard-close",
    ]


def test_printable_sheets_have_captions_and_a_box_per_day(habits):
    page = checklists_html(habits, Course.find().evidence)
    assert page.count("<caption>") == 2 and page.count(
        'aria-label="empty tick box"'
    ) == 6 + 7 * len(habits.daily)
    assert "No trial has shown that microbreaks" in page


def test_every_sheet_item_shows_its_evidence_label(habits):
    scale = Course.find().evidence
    page = checklists_html(habits, scale)
    entries = [(item.check, item.evidence) for item in habits.workstation.items]
    entries += [(habit.habit, habit.evidence) for habit in habits.daily]
    for text, level in entries:
        row = next(line for line in page.splitlines() if str(escape(text)) in line)
        assert re.search(rf"<td[^>]*>{re.escape(scale.label(level))}</td>", row)
    assert f"({scale.label(habits.microbreaks.minutes.evidence)})" in page


# --------------------------------------------------------------------------- microbreaks


def test_breaks_come_every_interval_and_end_by_the_end_of_the_day(habits):
    breaks = plan_breaks(time(9), time(17), 45, habits.microbreaks)
    assert [b.start for b in breaks][:3] == [time(9, 45), time(10, 30), time(11, 15)]
    assert breaks[-1].start == time(16, 30) and all(b.end <= time(17) for b in breaks)
    texts = [a.text for a in habits.microbreaks.activities]
    assert [b.activity for b in breaks][: len(texts) + 1] == [*texts, texts[0]]


def test_a_short_day_has_no_break(habits):
    assert plan_breaks(time(9), time(9, 31), 30, habits.microbreaks) == []


@pytest.mark.parametrize(
    ("start", "end", "interval", "message"),
    [
        (time(9), time(17), 20, "Choose a break every 30 to 60 minutes, got 20."),
        (time(9), time(17), 90, "Choose a break every 30 to 60 minutes, got 90."),
        (time(17), time(9), 45, "The workday must end after it starts, got 17:00 to 09:00."),
    ],
)
def test_bad_settings_say_what_to_do(habits, start, end, interval, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        plan_breaks(start, end, interval, habits.microbreaks)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:00", time(9)), ("09:30", time(9, 30)), (" 17.30 ", time(17, 30)), ("17h05", time(17, 5))],
)
def test_clock_times_as_people_type_them(text, expected):
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["", "9", "25:00", "9:60", "nine"])
def test_bad_clock_times(text):
    with pytest.raises(ValueError, match="Type a time of day such as 09:00 or 17:30"):
        parse_clock(text)


# --------------------------------------------------------------------------- the calendar file


def test_calendar_uses_crlf_and_folds_every_line_to_75_octets(habits):
    text = breaks_calendar(
        plan_breaks(time(9), time(17), 45, habits.microbreaks),
        date(2026, 3, 2),
        STAMP,
        habits.microbreaks,
    )
    assert (
        text.endswith("\r\n")
        and "\n" not in text.replace("\r\n", "")
        and "\r" not in text.replace("\r\n", "")
    )
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= FOLD_OCTETS
    assert any(line.startswith(" ") for line in physical)  # the long descriptions were folded


def test_calendar_parses_back_to_the_breaks(habits):
    breaks = plan_breaks(time(8, 30), time(12), 60, habits.microbreaks)
    text = breaks_calendar(breaks, date(2026, 3, 2), STAMP, habits.microbreaks)
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    assert any(line.startswith("PRODID:") for line in lines)
    parsed = events(text)
    assert [e["DTSTART"] for e in parsed] == [
        "20260302T093000",
        "20260302T103000",
        "20260302T113000",
    ]
    assert [unescape(e["SUMMARY"]) for e in parsed] == [f"Microbreak: {b.activity}" for b in breaks]
    assert all(unescape(e["DESCRIPTION"]).endswith(habits.microbreaks.caveat) for e in parsed)
    assert {e["DTSTAMP"] for e in parsed} == {"20260301T123000Z"}
    assert {e["DURATION"] for e in parsed} == {f"PT{habits.microbreaks.minutes.value}M"} and {
        e["RRULE"] for e in parsed
    } == {"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"}
    assert len({e["UID"] for e in parsed}) == 3 and all("@" in e["UID"] for e in parsed)
    assert text.count("BEGIN:VALARM") == 3


def test_stamp_is_converted_to_utc(habits):
    breaks = plan_breaks(time(9), time(10), 30, habits.microbreaks)
    local = datetime(2026, 3, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    assert (
        events(breaks_calendar(breaks, date(2026, 3, 2), local, habits.microbreaks))[0]["DTSTAMP"]
        == "20260301T123000Z"
    )


def test_a_weekend_start_moves_to_monday_unless_it_does_not_repeat(habits):
    breaks = plan_breaks(time(9), time(10), 30, habits.microbreaks)
    assert first_workday(date(2026, 3, 7)) == first_workday(date(2026, 3, 8)) == date(2026, 3, 9)
    assert events(breaks_calendar(breaks, date(2026, 3, 7), STAMP, habits.microbreaks))[0][
        "DTSTART"
    ].startswith("20260309")
    once = events(
        breaks_calendar(breaks, date(2026, 3, 7), STAMP, habits.microbreaks, repeat=False)
    )[0]
    assert once["DTSTART"].startswith("20260307") and "RRULE" not in once


@pytest.mark.parametrize(
    ("raw", "escaped"), [("a,b;c\\d", "a\\,b\\;c\\\\d"), ("one\ntwo\r\nthree", "one\\ntwo\\nthree")]
)
def test_text_is_escaped(raw, escaped):
    assert escape_text(raw) == escaped


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
def test_folding_keeps_the_text_and_never_splits_a_character(text):
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= FOLD_OCTETS for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert re.sub(r"\r\n ", "", folded) == line
    assert not any(piece.endswith("\\") and not piece.endswith("\\\\") for piece in pieces[:-1])


# --------------------------------------------------------------------------- habit tracker


def test_adherence_counts_days_kept(habits):
    week = empty_week(habits.daily)
    week.loc["carry", ["Mon", "Tue", "Wed"]] = True
    week.loc["sleep"] = True
    table = adherence(week, habits.daily).set_index("habit")
    assert table.loc["carry", "days_kept"] == 3 and table.loc["sleep", "percent"] == 100.0
    assert table.loc["lift", "days_kept"] == 0 and set(table["days"]) == {7}


def test_adherence_counts_missing_habits_as_not_kept(habits):
    table = adherence(empty_week(habits.daily).drop(index="drive"), habits.daily)
    assert table["habit"].tolist() == [h.id for h in habits.daily] and table["days_kept"].sum() == 0
