r"""The microbreaks as an RFC 5545 calendar file (``.ics``) that calendar programs can import:
CRLF line ends, lines folded at 75 octets without splitting a character, text escaped, and
a ``UID`` and ``DTSTAMP`` on every event.

Examples
--------
>>> escape_text("Stand up, stretch; walk")
'Stand up\\, stretch\\; walk'
>>> first_workday(date(2026, 3, 1))  # a Sunday
datetime.date(2026, 3, 2)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from backbalance.habits.data import Microbreaks
from backbalance.habits.logic import Break

FOLD_OCTETS = 75
"""Longest line of a calendar file, in octets, without its CRLF (RFC 5545, 3.1)."""

PRODID = "-//Back in Balance//Microbreak planner//EN"
WEEKDAY_RULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
"""Control characters, which a TEXT value may not hold (RFC 5545, 3.3.11); a tab may stay."""


def escape_text(text: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks.

    Every kind of line break (CR, LF, CRLF, NEL, the Unicode line and paragraph separators,
    vertical tab and form feed) becomes the escape ``\\n``; other control characters, such
    as NUL, are dropped.
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROL.sub("", "\\n".join(text.splitlines()))


def fold(line: str, limit: int = FOLD_OCTETS) -> str:
    """Fold a content line into pieces of at most ``limit`` octets (RFC 5545, 3.1).

    Continuation pieces start with one space, which counts toward their length; neither a
    multi-byte UTF-8 character nor an escape such as ``\\,`` is split.
    """
    pieces, current, size = [], "", 0
    for char in re.findall(r"\\.|.", line, flags=re.DOTALL):
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += octets
    pieces.append(current)
    return "\r\n".join(pieces)


def first_workday(day: date) -> date:
    """``day``, or the Monday after it when it falls on a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def breaks_calendar(
    breaks: Sequence[Break],
    day: date,
    stamp: datetime,
    microbreaks: Microbreaks,
    *,
    repeat: bool = True,
) -> str:
    """The breaks as an RFC 5545 calendar (``.ics``) that calendar programs can import.

    Parameters
    ----------
    breaks
        From :func:`plan_breaks`.
    day
        The first day (moved to the next Monday when it falls on a weekend and ``repeat``).
    stamp
        When the file is made (``DTSTAMP``); converted to UTC.
    microbreaks
        For the caveat in each event's description.
    repeat
        Repeat every weekday (Monday to Friday); otherwise ``day`` only.

    Returns
    -------
    str
        Folded lines ending in CRLF. Times are local ("floating"), so a 10:30 break stays
        at 10:30 wherever the file is imported. UIDs are the same for the same day and
        times, so importing the file again updates rather than duplicates the events.

    Raises
    ------
    ValueError
        When there is no break: a calendar must hold at least one event (RFC 5545, 3.6).
    """
    if not breaks:
        raise ValueError(
            "No break fits in this workday, so there is no calendar to save: "
            "make the workday longer or the breaks more frequent."
        )
    first = first_workday(day) if repeat else day
    utc = stamp.astimezone(UTC) if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for number, item in enumerate(breaks, start=1):
        begins = datetime.combine(first, item.start)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{begins:%Y%m%dT%H%M%S}-{number}@microbreaks.back-in-balance",
            f"DTSTAMP:{utc:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{begins:%Y%m%dT%H%M%S}",
            f"DURATION:PT{item.minutes}M",
            *([f"RRULE:{WEEKDAY_RULE}"] if repeat else []),
            f"SUMMARY:{escape_text('Microbreak: ' + item.activity)}",
            f"DESCRIPTION:{escape_text(item.activity + chr(10) + microbreaks.caveat)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text('Microbreak: ' + item.activity)}",
            "TRIGGER:PT0M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
