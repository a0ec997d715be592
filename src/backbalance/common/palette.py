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

SIDE_COLOURS = {"left": BLUE, "right": ORANGE}


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
    }
    body = "\n".join(f"  --bb-{name}: {value};" for name, value in names.items())
    return f":root {{\n{body}\n}}\n"
