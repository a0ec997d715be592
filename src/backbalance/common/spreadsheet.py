"""CSV a learner opens in a spreadsheet: no cell can run as a formula.

The programme (:func:`backbalance.programme.render.programme_csv`) and the progress log
(:func:`backbalance.tracker.data.log_csv`) are both written through :func:`safe_csv`.

Examples
--------
>>> spreadsheet_safe("=1+1"), spreadsheet_safe("row"), spreadsheet_safe(3)
("'=1+1", 'row', 3)
>>> from_spreadsheet_safe(spreadsheet_safe("=1+1"))
'=1+1'
"""

from __future__ import annotations

import csv
import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A spreadsheet may run a cell that starts with one of these as a formula."""


def _needs_guard(text: str) -> bool:
    """Text a spreadsheet may run, or text that starts with the guard itself before such text
    (so that :func:`from_spreadsheet_safe` can always undo :func:`spreadsheet_safe`)."""
    if text[:1] in FORMULA_START or text.lstrip(" ")[:1] in FORMULA_START:
        return True
    return text.startswith("'") and _needs_guard(text[1:])


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet will not run as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a line break (also after
    leading spaces) gets a leading ``'``, as OWASP advises, and so does text that starts
    with ``'`` before such text; other values are unchanged.
    """
    if isinstance(value, str) and _needs_guard(value):
        return "'" + value
    return value


def from_spreadsheet_safe(text: str) -> str:
    """The text :func:`spreadsheet_safe` guarded, read back from a saved file.

    >>> from_spreadsheet_safe("'=1+1"), from_spreadsheet_safe("'tis"), from_spreadsheet_safe("''-2")
    ('=1+1', "'tis", "'-2")
    """
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


def safe_csv(table: pd.DataFrame) -> str:
    """The table as CSV text (CRLF line ends) with every text cell made :func:`spreadsheet_safe`.

    >>> safe_csv(pd.DataFrame({"week": [1], "notes": ["-2 sets"]}))
    "week,notes\\r\\n1,'-2 sets\\r\\n"
    """
    safe = table.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_safe)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()
