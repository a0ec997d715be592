"""The printable habit sheets: the workstation checklist, microbreak ideas and a weekly
habit tracker, as HTML tables from the template ``habits.html.j2`` (styled by
``static/programme.css``, the stylesheet of the programme tables).

Examples
--------
>>> from backbalance.course import Course
>>> checklists_html(Course.find().habits).startswith('<div class="bb-checklists">')
True
"""

from __future__ import annotations

from backbalance.common.html import render
from backbalance.common.types import DAYS
from backbalance.habits.data import Habits


def checklists_html(habits: Habits) -> str:
    """The workstation checklist, microbreak ideas and a weekly habit sheet, to print and tick.

    Returns
    -------
    str
        Plain HTML tables with captions and header cells; the caveats are shown with them.
    """
    return render("habits.html.j2", habits=habits, days=DAYS)
