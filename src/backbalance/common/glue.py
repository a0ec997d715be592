"""Text that the book's Markdown cells show with myst-nb's ``{glue:text}`name``` role.

A notebook computes a number (the weeks to a target, the extra sets a rule gives) and its
prose shows it, so a sentence never holds a typed copy of a result. :func:`glue` writes
the output myst-nb's own ``glue(name, value, display=False)`` writes (the scrapbook record
format), but needs no myst-nb: the JupyterLab set-up (``requirements/lab.txt``) has none,
and JupyterLab shows nothing for the record.
"""

from __future__ import annotations

from IPython.display import display

GLUE_PREFIX = "application/papermill.record/"
"""The MIME prefix of a glued value that is not displayed (as myst-nb 1.x writes it)."""


def glue(name: str, text: str) -> None:
    """Record ``text`` under ``name`` for ``{glue:text}`name``` (shown exactly as given)."""
    display(
        {f"{GLUE_PREFIX}text/plain": text},
        raw=True,
        metadata={"scrapbook": {"name": name, "mime_prefix": GLUE_PREFIX}},
    )
