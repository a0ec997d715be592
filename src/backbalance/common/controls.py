"""The pieces every JupyterLab app is built from: labelled controls, a polite live region,
buttons, number fields that say what is wrong, and the save status with its question
before a file is replaced (the saving itself is :mod:`backbalance.common.files`).

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

from backbalance.assessment.logic import parse_number
from backbalance.common.files import FileExists, SaveError, WorkFolder

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


class NumberField(widgets.VBox):
    """A labelled text box for a number, with its message underneath.

    What the learner types is read by :func:`backbalance.assessment.logic.parse_number`
    (a decimal comma is fine); text, NaN, or a number outside ``low``..``high`` gets a
    message under the box and :meth:`number` gives None, never a silent 0 or maximum.

    >>> field = NumberField("Gap (%)", low=0, high=50)
    >>> field.box.value = "12,5"
    >>> field.number()
    12.5
    >>> field.box.value = "abc"
    >>> field.number() is None and "Type a number from 0 to 50" in field.message.value
    True
    """

    def __init__(self, label: str, *, low: float, high: float, value: float = 0) -> None:
        self.low, self.high = low, high
        self.box = labelled(widgets.Text, label, value=f"{value:g}", continuous_update=False)
        self.message = widgets.HTML()
        self.message.add_class("bb-field-message")
        self.box.observe(lambda change: self.number(), names="value")
        super().__init__([self.box, self.message])

    def number(self) -> float | None:
        """The number typed, or None (with the message shown) when it is not a usable one."""
        text = str(self.box.value)
        value = parse_number(text)
        if value is None or not self.low <= value <= self.high:
            shown = text.strip()[:40]
            self.message.value = live(
                f"Type a number from {self.low:g} to {self.high:g}"
                + (f", not {shown!r}." if shown else ".")
            )
            return None
        self.message.value = ""
        return value


class Saver(widgets.VBox):
    """Saves a learner's files through a :class:`~backbalance.common.files.WorkFolder` and
    says what happened in one status line.

    A refused name or a failed write is a message, never an exception. When the file is
    already there, nothing is written: the status asks, and three buttons offer to
    *Replace* it, to save under a new dated name, or to cancel.

    Parameters
    ----------
    folder
        The learner's work folder.
    """

    def __init__(self, folder: WorkFolder) -> None:
        self.folder = folder
        self.status = widgets.HTML()
        self.status.add_class("bb-saved")
        self.pending: tuple[str, str | bytes, tuple[str, ...]] | None = None
        self.replace_button = button("Replace it", "bb-replace", lambda _: self.answer("replace"))
        self.rename_button = button(
            "Save as a new file", "bb-new-name", lambda _: self.answer("rename")
        )
        self.cancel_button = button("Cancel", "bb-cancel", lambda _: self.answer("cancel"))
        self.question = widgets.HBox(
            [self.replace_button, self.rename_button, self.cancel_button],
            layout=widgets.Layout(display="none"),
        )
        super().__init__([self.status, self.question])

    def say(self, text: str) -> None:
        """Show ``text`` as the status (and drop any open question)."""
        self.pending = None
        self.question.layout.display = "none"
        self.status.value = live(text) if text else ""

    def clear(self) -> None:
        """Empty the status line: called before every action, so an old message never stays."""
        self.say("")

    def save(self, name: str, content: str | bytes, suffixes: tuple[str, ...] = ()) -> Path | None:
        """Save ``content`` as ``name``; ask first when the file exists.

        Returns
        -------
        Path or None
            Where it was saved; None when refused, failed or waiting for the answer.
        """
        self.clear()
        return self._write(name, content, suffixes, replace=False)

    def _write(
        self, name: str, content: str | bytes, suffixes: tuple[str, ...], *, replace: bool
    ) -> Path | None:
        try:
            path = self.folder.save(name, content, suffixes=suffixes, replace=replace)
        except FileExists as exists:
            self.say(
                f"{exists.name} already exists in this folder. Replace it, save as "
                f"{exists.alternative}, or cancel?"
            )
            self.rename_button.description = f"Save as {exists.alternative}"
            self.pending = (name, content, suffixes)
            self.question.layout.display = "flex"
            return None
        except SaveError as err:
            self.say(err.message)
            return None
        self.say(f"Saved {path.name} in {path.parent}. Open it from the file browser on the left.")
        return path

    def answer(self, choice: str) -> Path | None:
        """Answer the open question: ``replace``, ``rename`` (the dated name) or ``cancel``."""
        if self.pending is None:
            return None
        name, content, suffixes = self.pending
        if choice == "cancel":
            self.say(f"Not saved: {name.strip()} was left as it was.")
            return None
        if choice == "rename":
            name = self.folder.dated_name(name)
        return self._write(name, content, suffixes, replace=choice == "replace")

    def read(self, name: str, suffixes: tuple[str, ...] = ()) -> bytes | None:
        """The bytes of ``name`` in the work folder, or None with the reason in the status."""
        self.clear()
        try:
            return self.folder.read(name, suffixes=suffixes)
        except SaveError as err:
            self.say(err.message)
            return None
