"""What the self-assessment's data files share: the hold ids, chapter links, weights and the
rule for the ``{blanks}`` of a sentence (see :mod:`backbalance.assessment.data`)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from backbalance.common.types import SLUG_PATTERN

HoldId = Literal["flexor", "extensor", "bridge_right", "bridge_left"]
"""The four torso endurance holds, in the order a reader does them."""

BLANK = r"\{([a-z_]+)\}"
"""A blank in a sentence from ``data/``, such as ``{side}`` (filled in by the scorer)."""
PLACEHOLDER = re.compile(BLANK)

Chapter = Annotated[str, StringConstraints(pattern="^book/" + SLUG_PATTERN.removeprefix("^"))]
Weight = Annotated[int, Field(ge=0, le=5, strict=True)]


def blanks(*allowed: str) -> AfterValidator:
    """A check that a sentence uses only the ``{blanks}`` its scorer fills in."""

    def check(text: str) -> str:
        unknown = sorted(set(PLACEHOLDER.findall(text)) - set(allowed))
        if unknown:
            known = ", ".join(f"{{{name}}}" for name in allowed) or "none"
            raise ValueError(
                f"uses the blank {{{unknown[0]}}}, which is not filled in here (known: {known})"
            )
        if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
            raise ValueError("has a stray { or }; blanks look like {name}")
        return text

    return AfterValidator(check)
