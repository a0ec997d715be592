"""The pieces every JupyterLab app is built from: labelled controls, a polite live region,
buttons, and saving a learner's file next to the notebook.

Examples
--------
>>> import ipywidgets as widgets
>>> labelled(widgets.Text, "Your name").description
'Your name'
>>> str(live("Saved <my_programme.csv>."))
'<p aria-live="polite">Saved &lt;my_programme.csv&gt;.</p>'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as widgets
from markupsafe import Markup

Control = TypeVar("Control", bound=widgets.DOMWidget)
LABEL_WIDTH = "14em"
"""The width of every control's label, so that the controls of an app line up."""


def labelled(
    kind: type[Control],
    label: str,
    *,
    label_width: str = LABEL_WIDTH,
    width: str = "32em",
    **options: Any,
) -> Control:
    """A control of ``kind`` with a visible label of a common width."""
    return kind(
        description=label,
        style={"description_width": label_width},
        layout=widgets.Layout(width=width),
        **options,
    )


def live(text: str, kind: str = "p") -> Markup:
    """``text`` (escaped) in an element that screen readers announce when it changes."""
    return Markup('<{0} aria-live="polite">{1}</{0}>').format(Markup(kind), text)


def button(label: str, css: str, handler: Callable[[Any], None]) -> widgets.Button:
    """A button with the class ``css`` (tests and styles find it by that) that calls ``handler``."""
    control = widgets.Button(description=label, layout=widgets.Layout(width="auto"))
    control.add_class(css)
    control.on_click(handler)
    return control


def save_to(folder: Path, name: str, text: str, status: widgets.HTML) -> Path:
    """Write ``text`` to ``folder/name`` and say in ``status`` where it went."""
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    status.value = live(
        f"Saved {path.name} in {folder.resolve()}. Open it from the file browser on the left."
    )
    return path
