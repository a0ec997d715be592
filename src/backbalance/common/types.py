"""The one definition of each type and rule that several data files share.

Every schema in ``backbalance.<feature>.data`` builds on these, so that an id, a BibTeX key
or the "``source:`` or ``assumption:``, exactly one" rule reads and fails the same way in
every file an instructor edits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""An id: lower-case letters and digits in words joined by single hyphens (``side-plank``)."""

BIBKEY_PATTERN = r"^[A-Za-z][A-Za-z0-9_:-]*$"
"""A BibTeX key as written in ``references.bib`` (``mcgill1999``)."""

SLUG = re.compile(SLUG_PATTERN)
BIBKEY = re.compile(BIBKEY_PATTERN)


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError("must be lower-case letters, digits and hyphens, like 'side-plank'")
    return value


def _bibkey(value: str) -> str:
    if not BIBKEY.match(value):
        raise ValueError("must be a key as written in references.bib, like 'mcgill1999'")
    return value


Text = Annotated[str, AfterValidator(_text)]
"""Text that is not blank, with the spaces around it removed."""
Slug = Annotated[str, AfterValidator(_slug)]
"""An id (see :data:`SLUG_PATTERN`)."""
BibKey = Annotated[str, AfterValidator(_bibkey)]
"""A BibTeX key (see :data:`BIBKEY_PATTERN`)."""

Side = Literal["left", "right"]
SIDES: tuple[Side, ...] = get_args(Side)
"""The two sides, in the order every table and chart shows them."""

Day = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DAYS: tuple[Day, ...] = get_args(Day)

PROVENANCE_RULE = (
    "give exactly one of `source:` (a key in references.bib) or `assumption:` (a one-line reason)"
)


class Frozen(BaseModel):
    """A record read from a data file: unknown fields are an error, and it never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Frozen):
    """An entry that names ``source`` (a BibTeX key) or gives an ``assumption``, not both."""

    source: BibKey | None = None
    assumption: Text | None = None

    @model_validator(mode="after")
    def _one_provenance(self) -> Sourced:
        if (self.source is None) == (self.assumption is None):
            raise ValueError(PROVENANCE_RULE)
        return self


def repeated(ids: Iterable[str]) -> list[str]:
    """The ids that occur more than once, in order of their second appearance.

    >>> repeated(["a", "b", "a", "c", "b"])
    ['a', 'b']
    """
    seen: set[str] = set()
    twice: list[str] = []
    for i in ids:
        if i in seen and i not in twice:
            twice.append(i)
        seen.add(i)
    return twice


def require_unique(ids: Iterable[str], what: str) -> None:
    """Raise ``ValueError`` naming the first id used twice (pydantic turns it into a message).

    >>> require_unique(["row", "plank", "row"], "exercise id")
    Traceback (most recent call last):
    ...
    ValueError: exercise id 'row' is used more than once; ids must be unique
    """
    twice = repeated(ids)
    if twice:
        raise ValueError(f"{what} {twice[0]!r} is used more than once; ids must be unique")
