"""CSV a learner opens in a spreadsheet: no cell can run as a formula.

The programme (:func:`backbalance.programme.render.programme_csv`) and the progress log
(:func:`backbalance.tracker.data.log_csv`) are both written through :func:`safe_csv`.

Examples
--------
>>> spreadsheet_safe("=1+1"), spreadsheet_safe("row"), spreadsheet_safe(3)
("'=1+1", 'row', 3)
"""

from __future__ import annotations

import csv
import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A spreadsheet may run a cell that starts with one of these as a formula."""


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet will not run as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a line break (also after
    leading spaces) gets a leading ``'``, as OWASP advises; other values are unchanged.
    """
    if isinstance(value, str) and (
        value[:1] in FORMULA_START or value.lstrip(" ")[:1] in FORMULA_START
    ):
        return "'" + value
    return value


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
