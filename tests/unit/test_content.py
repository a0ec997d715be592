"""Loading data files: every problem becomes one line naming the file, the entry and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from backbalance.common.read import DataError, Problem, load_yaml


class Limits(BaseModel):
    model_config = ConfigDict(extra="forbid")
    low: float = Field(ge=0, le=1)
    count: int


class Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limits: Limits
    names: list[str]


def write(tmp_path: Path, text: str | bytes, name: str = "doc.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def messages(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_yaml(path, Doc)
    return [p.entry + ": " + p.message for p in caught.value.problems]


def test_valid_file_loads(tmp_path):
    doc = load_yaml(write(tmp_path, "limits: {low: 0.5, count: 3}\nnames: [a]\n"), Doc)
    assert doc.limits.count == 3 and doc.names == ["a"]


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, "limits: {low: 1.5, count: many, colour: red}\n")
    assert messages(path) == [
        "limits.low: must be at most 1.0, got 1.5",
        "limits.count: input should be a valid integer, unable to parse string as an integer, got 'many'",
        "limits.colour: is not a known field (check the spelling)",
        "names: is required but missing",
    ]


def test_list_positions_are_named(tmp_path):
    assert messages(write(tmp_path, "limits: {low: 0, count: 1}\nnames: [a, [b]]\n")) == [
        "names[1]: input should be a valid string, got ['b']"
    ]


def test_bad_yaml_names_line_and_column(tmp_path):
    (problem,) = messages(write(tmp_path, "limits: {low: 0\nnames: [a]\n"))
    assert problem.startswith("line 2, column ") and "not valid YAML" in problem


def test_wrong_encoding_is_named(tmp_path):
    (problem,) = messages(write(tmp_path, "names: [caf\xe9]\n".encode("latin-1")))
    assert "not UTF-8 text" in problem


def test_missing_file(tmp_path):
    with pytest.raises(DataError) as caught:
        load_yaml(tmp_path / "absent.yml", Doc)
    assert caught.value.problems[0].message == "file not found"


def test_problem_reads_as_one_line():
    assert (
        str(Problem("data/x.yml", "a.b", "must be at most 1"))
        == "data/x.yml, a.b: must be at most 1"
    )
    assert str(Problem("data/x.yml", "", "file not found")) == "data/x.yml: file not found"
