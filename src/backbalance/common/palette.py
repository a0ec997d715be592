"""The course's colours: the only place with colour codes.

Left and right use the Okabe-Ito colour-blind-safe pair, always with a second cue (a dash,
a marker, a hatch or a label), never colour alone. CSS files use the same values through the
custom properties that :func:`css_variables` writes.
"""

from __future__ import annotations

BLUE = "#0072B2"
"""Okabe-Ito blue: the left side, links and primary buttons."""
ORANGE = "#E69F00"
"""Okabe-Ito orange: the right side."""
GREEN = "#009E73"
"""Okabe-Ito bluish green: a passed check."""
VERMILION = "#D55E00"
"""Okabe-Ito vermilion: a warning."""
GREY = "#888888"
"""Neutral lines, borders and the model's reference curves."""
DANGER = "#B00020"
"""Stop messages and invalid fields."""

SKY_BLUE = "#56B4E9"
"""Okabe-Ito sky blue: a fifth line of a chart with several series."""
REDDISH_PURPLE = "#CC79A7"
"""Okabe-Ito reddish purple: a fourth line of a chart with several series."""
BLACK = "#000000"
"""Limits, class medians and the first of several series."""
DARK_GREY = "#555555"
"""The LSI target line and its label."""
MID_GREY = "#777777"
"""Box outlines and each student's thin line in the class charts."""
PALE_GREY = "#AAAAAA"
"""The border of each answer of a quiz."""
LIGHT_GREY = "#EEEEEE"
"""The background of a plot that stands out from the page (the bias slider)."""

SIDE_COLOURS = {"left": BLUE, "right": ORANGE}

SIDE_CUES: dict[str, dict[str, str]] = {
    "left": {"label": "Left", "dash": "solid", "symbol": "circle"},
    "right": {"label": "Right", "dash": "dash", "symbol": "square"},
}
"""The second cue of each side beside its colour: its name, a line dash and a marker."""


def rgba(colour: str, alpha: float) -> str:
    """A palette colour made translucent, as plotly and CSS write it.

    >>> rgba(BLUE, 0.18)
    'rgba(0, 114, 178, 0.18)'
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha:g})"


def css_variables() -> str:
    """The palette as CSS custom properties (``--bb-blue`` and so on) on ``:root``.

    >>> css_variables().splitlines()[1]
    '  --bb-blue: #0072B2;'
    """
    names = {
        "blue": BLUE,
        "orange": ORANGE,
        "green": GREEN,
        "vermilion": VERMILION,
        "grey": GREY,
        "danger": DANGER,
        "dark-grey": DARK_GREY,
        "pale-grey": PALE_GREY,
    }
    body = "\n".join(f"  --bb-{name}: {value};" for name, value in names.items())
    return f":root {{\n{body}\n}}\n"


DARK_PAPER = "#121212"
"""The page background of the book's dark theme, behind a chart in dark mode."""
DARK_PLOT = "#1E1E1E"
"""The plot area of a chart that stands out from the page, in dark mode."""
DARK_TEXT = "#CED6DD"
"""Chart text (titles, ticks, legends) in dark mode."""
DARK_GRID = "#3A3A3A"
"""Grid and axis lines in dark mode."""

DARK_SWAPS = {BLACK: LIGHT_GREY, DARK_GREY: PALE_GREY, MID_GREY: PALE_GREY}
"""Line and text colours that vanish on a dark page, and what dark mode draws instead."""
