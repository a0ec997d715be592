"""Load the instructor-editable files in ``data/`` and validate them.

Every problem is reported as one :class:`Problem` line that names the file, the entry and
what is expected, in the form ``data/model_parameters.yml, cross_education.value: must be
at most 0.5, got 0.9``. Loading never shows a Python traceback to an instructor: the
command-line interface prints the problems and exits with a non-zero status.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import itertools
import re
import reprlib
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file."""

    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}, {self.entry}: {self.message}"
            if self.entry
            else f"{self.file}: {self.message}"
        )


class DataError(Exception):
    """Raised when a data file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def display_path(path: Path) -> str:
    """The path as an instructor knows it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError):  # outside the working folder, or a link loop
        return str(path)


FILE_LIMIT = 2_000_000
"""Largest data file read, in bytes: the course's biggest is about 20 kB, so a bigger one is a
mistake (a file saved over the wrong name) and is refused before it fills memory."""

YAML_DEPTH = 20
"""Deepest nesting of lists and mappings a YAML data file may use; the course's is 6."""

NUMBER_DIGITS = 100
"""Longest whole number a YAML data file may hold, in digits."""


def read_file(path: Path, name: str, limit: int = FILE_LIMIT) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else a one-line DataError.

    A missing file, a folder, a link that loops, a device or pipe (which could block or
    never end) and a file that is too big are each refused before anything is read.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            what = (
                "a folder, not a file"
                if stat.S_ISDIR(info.st_mode)
                else "not a regular file (a pipe, a device or a socket)"
            )
            raise DataError([Problem(name, "", f"is {what}")])
        if info.st_size > limit:
            raise DataError(
                [Problem(name, "", f"is {info.st_size:,} bytes, more than the {limit:,} allowed")]
            )
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise DataError([Problem(name, "", "file not found")]) from None
    except OSError as err:  # a link loop, no permission, a read error
        raise DataError([Problem(name, "", f"cannot be read ({err.strerror})")]) from None
    if len(raw) > limit:  # the file grew while it was read
        raise DataError([Problem(name, "", f"is more than the {limit:,} bytes allowed")])
    return raw


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the course's limits.

    It refuses aliases (``*name``, which can multiply a few bytes into gigabytes: the
    "billion laughs"), a key written twice in one mapping (which would silently keep the
    last value), nesting deeper than :data:`YAML_DEPTH` and whole numbers longer than
    :data:`NUMBER_DIGITS` digits. Each refusal names the line.
    """

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="uses an alias (*name); write the value out instead",
                problem_mark=self.peek_event().start_mark,
            )
        if self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            self.depth += 1
            if self.depth > YAML_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"nests lists or sections more than {YAML_DEPTH} deep",
                    problem_mark=self.peek_event().start_mark,
                )
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int | float | bool) or key is None:
                if key in seen:
                    raise yaml.MarkedYAMLError(
                        problem=f"repeats the key {_short(key)}; keep one of them",
                        problem_mark=key_node.start_mark,
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: Any) -> Any:
        if len(node.value) > NUMBER_DIGITS:
            raise yaml.MarkedYAMLError(
                problem=f"has a number of {len(node.value):,} digits; "
                f"at most {NUMBER_DIGITS} are allowed",
                problem_mark=node.start_mark,
            )
        return super().construct_yaml_int(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A ``json.loads`` ``object_pairs_hook`` that refuses a key written twice in one object,
    which JSON readers otherwise settle silently by keeping the last value.

    >>> import json
    >>> json.loads('{"red_flag": "urgent", "red_flag": "none"}', object_pairs_hook=unique_keys)
    Traceback (most recent call last):
    ...
    ValueError: repeats the key 'red_flag'; keep one of them
    """
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"repeats the key {_short(key)}; keep one of them")
        found[key] = value
    return found


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text with the course's limits (see :class:`_StrictLoader`).

    Raises
    ------
    DataError
        One problem naming the line and column, for a syntax error or a refused construct.

    >>> parse_yaml("a: 1\\na: 2\\n", "x.yml")
    Traceback (most recent call last):
    ...
    backbalance.common.read.DataError: x.yml, line 2, column 1: not valid YAML (repeats the key 'a'; keep one of them)
    """
    return copy.deepcopy(_parsed(text, name))  # a caller may change what it gets


@functools.lru_cache(maxsize=128)
def _parsed(text: str, name: str) -> Any:
    """:func:`parse_yaml`'s work, kept per text: PyYAML's pure-Python parser takes tens of
    milliseconds a file, and the course reads the same files again whenever a command, a
    notebook or a test loads the course (a copy takes a fraction of a millisecond)."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a subclass of SafeLoader: no object tags
    except yaml.reader.ReaderError as err:  # a control character, such as NUL
        before = text[: err.position]
        where = f"line {before.count(chr(10)) + 1}, column {len(before.rsplit(chr(10), 1)[-1]) + 1}"
        message = f"holds the character U+{err.character:04X}, which YAML does not allow; delete it"
        raise DataError([Problem(name, where, message)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = " ".join((getattr(err, "problem", None) or str(err)).split())
        raise DataError([Problem(name, where, f"not valid YAML ({reason})")]) from None


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning unreadable files, bad encodings and syntax errors into a DataError."""
    name = display_path(path)
    try:
        text = read_file(path, name).decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(
            [
                Problem(
                    name, f"byte {err.start}", "not UTF-8 text; save the file with UTF-8 encoding"
                )
            ]
        ) from None
    return parse_yaml(text, name)


SHORT = 60  # characters of an offending value quoted in a message

_PLAIN_KEY = re.compile(rf"[\w-]{{1,{SHORT}}}")


def _entry(loc: tuple[Any, ...]) -> str:
    """``questions[0].prompt``; a key with odd characters (a line break, say) or a long one is
    quoted and cut short, so that the message stays one readable line."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        key = str(part) if _PLAIN_KEY.fullmatch(str(part)) else _short(str(part))
        text += f".{key}" if text else key
    return text or "(top level)"


NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""A file named after a chapter: its file stem, such as ``causes`` for ``book/causes.md``."""

_BOUNDS = {
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
}


def _message(error: dict[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind in _BOUNDS:
        text = _BOUNDS[kind].format(**ctx)
    else:
        text = error["msg"]
        text = text[0].lower() + text[1:]
        text = text.removeprefix("value error, ")
    if (
        kind == "value_error"
        and isinstance(error["input"], dict | list)
        and len(repr(error["input"])) > SHORT
    ):
        return text  # a check of a whole file or section names the offending item itself
    return f"{text}, got {_short(error['input'])}"


class _Repr(reprlib.Repr):
    """``reprlib`` limits (a few items, two levels), with a mapping's keys in the order written."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxlist, self.maxdict = 2, 4, 4
        self.maxstring = self.maxother = self.maxlong = SHORT

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        items = [
            f"{self.repr1(key, level - 1)}: {self.repr1(value, level - 1)}"
            for key, value in itertools.islice(x.items(), self.maxdict)
        ]
        return "{" + ", ".join(items + ["..."] * (len(x) > self.maxdict)) + "}"


_REPR = _Repr()


def _short(value: Any, limit: int = SHORT) -> str:
    """The offending value as written, cut short so that a message stays one readable line.

    Only the start of a long, deep or shared value is looked at, so a huge value costs no
    more than a small one.
    """
    try:
        text = _REPR.repr(value)
    except ValueError:  # an integer too long for Python to turn into text
        text = "a number too long to show"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems_from(name: str, err: ValidationError) -> list[Problem]:
    """Translate a pydantic ValidationError into one Problem per error."""
    return [Problem(name, _entry(e["loc"]), _message(e)) for e in err.errors()]


def load_yaml(path: Path, schema: type[M]) -> M:
    """Read ``path`` and validate it against ``schema``; raise DataError listing every problem."""
    raw = read_yaml(path)
    try:
        return schema.model_validate(raw)
    except ValidationError as err:
        raise DataError(problems_from(display_path(path), err)) from None


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file with a header row into one ``{column: text}`` dict per row.

    Rows are numbered as a spreadsheet shows them: the header is row 1, so item ``i`` of
    the result is row ``i + 2``. An empty row comes back as a dict of empty strings, which
    keeps that numbering; the caller decides whether to skip it. A UTF-8 byte-order mark
    (as Excel writes) is accepted.

    Parameters
    ----------
    path
        The CSV file, for example ``data/exercises.csv``.

    Returns
    -------
    list[dict[str, str]]
        One dict per row after the header, keyed by the header's column names.

    Raises
    ------
    DataError
        When the file is missing, is not UTF-8 text, has no header, repeats a column name,
        has a quote that is not closed or is followed by more text, or has a row with more
        or fewer cells than the header. Each problem names the row, for example
        ``data/exercises.csv, row 7: has 15 cells but the header has 14 columns``.
    """
    name = display_path(path)
    raw = read_file(path, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        raise DataError(
            [Problem(name, f"row {row}", "not UTF-8 text; save the file as CSV UTF-8")]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as err:
        reason = str(err).rstrip(".")
        raise DataError(
            [
                Problem(
                    name,
                    f"row {len(records) + 1}",
                    f"cannot be read as CSV ({reason}); check the quotes",
                )
            ]
        ) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise DataError([Problem(name, "row 1", "must be a header row naming the columns")])
    header = [cell.strip() for cell in records[0]]
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise DataError(
            [Problem(name, "row 1", f"names the column {repeated[0]!r} more than once")]
        )
    rows = [
        cells if any(cell.strip() for cell in cells) else [""] * len(header)
        for cells in records[1:]
    ]
    problems = [
        Problem(
            name,
            f"row {number}",
            f"has {len(cells)} cells but the header has {len(header)} columns",
        )
        for number, cells in enumerate(rows, start=2)
        if len(cells) != len(header)
    ]
    if problems:
        raise DataError(problems)
    return [dict(zip(header, cells, strict=True)) for cells in rows]
