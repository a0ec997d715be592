"""A results table whose source column becomes real citations in the book.

In JupyterLab the table shows as escaped HTML, its sources as written (BibTeX keys). The
static book shows it as MyST Markdown in which a source that is a BibTeX key becomes a
``{cite:p}`` role and a key named inside a sentence (an assumption's reason) a ``{cite:t}``
role, so that each reads "Author, year" and links to the references page, as the book's
prose does. :mod:`backbalance.sphinxext.plotly_mime` makes the book prefer the
Markdown of an output that offers both; the notebook cell's ``mystnb: {markdown_format:
myst}`` metadata has it parsed as MyST.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

import pandas as pd

from backbalance.common.html import escaped_table
from backbalance.common.types import BIBKEY_PATTERN

_BIBKEY = re.compile(BIBKEY_PATTERN)
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def markdown_text(text: object) -> str:
    r"""``text`` as literal Markdown: every ASCII punctuation mark backslash-escaped.

    >>> markdown_text("a | b {cite:p}`x` <i>")
    'a \\| b \\{cite\\:p\\}\\`x\\` \\<i\\>'
    """
    return _PUNCTUATION.sub(r"\\\1", str(text))


def citations(source: object, keys: frozenset[str]) -> str:
    """A source as Markdown: a whole BibTeX key as ``{cite:p}``, each key in ``keys``
    named inside other text as ``{cite:t}``, the rest as literal text.

    >>> citations("ralston2017", frozenset({"ralston2017"}))
    '{cite:p}`ralston2017`'
    >>> print(citations("assumption: as munn2004 says", frozenset({"munn2004"})))
    assumption\\: as {cite:t}`munn2004` says
    """
    text = " ".join(str(source).split())
    if text in keys:
        return f"{{cite:p}}`{text}`"
    named = re.compile(r"\b(" + "|".join(map(re.escape, sorted(keys))) + r")\b")
    pieces = named.split(text) if keys else [text]
    return "".join(
        f"{{cite:t}}`{piece}`" if i % 2 else markdown_text(piece) for i, piece in enumerate(pieces)
    )


@dataclass(frozen=True)
class CitedTable:
    """``frame`` shown without its index; in the ``cited`` column, the BibTeX ``keys``
    (:func:`backbalance.validate.bibliography_keys`) as citations."""

    frame: pd.DataFrame
    keys: frozenset[str]
    cited: str = "source"

    def markdown(self) -> str:
        """The table as a Markdown (GFM/MyST) table."""
        header = [markdown_text(name) for name in self.frame.columns]
        rows = [
            [
                citations(value, self.keys) if column == self.cited else markdown_text(value)
                for column, value in row.items()
            ]
            for _, row in self.frame.iterrows()
        ]
        lines = [header, ["---"] * len(header), *rows]
        return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {
            "text/html": escaped_table(self.frame).to_html(),
            "text/markdown": self.markdown(),
            "text/plain": self.frame.to_string(index=False),
        }
