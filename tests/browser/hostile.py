"""A copy of the course whose data is hostile: script and markup in every free-text field.

Every text value of ``data/`` that holds a space (what a reader sees: names, notes, cues,
prompts, sentences, assumptions; never ids, keys, units or citation keys) gets the
:data:`PAYLOADS` appended, in YAML files and in ``exercises.csv`` alike. A value that the
course formats with named ``{blanks}`` gets every payload but ``%{y}`` , and so does every text of
``data/assessment/`` and of :data:`SENTENCE_FILES` (``validate`` would refuse an unknown blank).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

MARK = "__pwned"
PAYLOADS = (
    f"<script>window.{MARK}=1</script>",
    f'<img src=x onerror="window.{MARK}=2">',
    "%{y}",
    f"</script><!--<script>window.{MARK}=3</script>",
)
PAYLOAD = " " + " ".join(PAYLOADS)
FORMATTED = " " + " ".join(p for p in PAYLOADS if "{" not in p)
"""For a value with named ``{blanks}``: a ``{y}`` there is refused by ``validate``."""


SENTENCE_FILES = {"forecast.yml"}
"""Files outside ``data/assessment/`` whose every text is checked for its ``{blanks}``."""


def _hostile(value: Any, sentences: bool = False) -> Any:
    """``value`` with the payloads after each free text; ``sentences``: the wording of a
    file whose texts share a set of blanks (no ``%{y}`` anywhere in it)."""
    if isinstance(value, str):
        if " " not in value.strip():
            return value
        return value + (FORMATTED if sentences or "{" in value else PAYLOAD)
    if isinstance(value, list):
        return [_hostile(v, sentences) for v in value]
    if isinstance(value, dict):
        return {
            k: (v if k in ("source", "id") else _hostile(v, sentences)) for k, v in value.items()
        }
    return value


def _hostile_csv(text: str) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v if k in ("id", "source") else _hostile(v) for k, v in row.items()})
    return out.getvalue()


def make_hostile(data: Path) -> int:
    """Append the payloads to every free-text value below ``data``; returns how many."""
    changed = 0
    for path in sorted(data.rglob("*.yml")):
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        sentences = path.parent.name == "assessment" or path.name in SENTENCE_FILES
        hostile = _hostile(original, sentences=sentences)
        changed += yaml.safe_dump(hostile).count(MARK) // 3
        path.write_text(
            yaml.safe_dump(hostile, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    for path in [data / "exercises.csv"]:
        text = _hostile_csv(path.read_text(encoding="utf-8"))
        changed += text.count(MARK) // 3
        path.write_text(text, encoding="utf-8")
    return changed
