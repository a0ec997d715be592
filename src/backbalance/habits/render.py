"""The printable habit sheets: the workstation checklist, microbreak ideas and a weekly
habit tracker, as HTML tables from the template ``habits.html.j2`` (styled by
``static/programme.css``, the stylesheet of the programme tables).

Examples
--------
>>> from backbalance.course import Course
>>> course = Course.find()
>>> checklists_html(course.habits, course.evidence).startswith('<div class="bb-checklists">')
True
"""

from __future__ import annotations

from backbalance.common.evidence import EvidenceScale
from backbalance.common.html import render
from backbalance.common.types import DAYS
from backbalance.habits.data import Habits


def checklists_html(habits: Habits, scale: EvidenceScale) -> str:
    """The workstation checklist, microbreak ideas and a weekly habit sheet, to print and tick.

    Parameters
    ----------
    habits
        ``data/habits.yml``.
    scale
        ``data/evidence.yml``: each item shows the label of its evidence level.

    Returns
    -------
    str
        Plain HTML tables with captions and header cells; the caveats are shown with them.
    """
    return render("habits.html.j2", habits=habits, days=DAYS, label=scale.label)
