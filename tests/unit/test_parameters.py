"""data/model_parameters.yml: its schema, its provenance rules and its error messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from backbalance.common.read import DataError
from backbalance.strength_gap.parameters import STATUSES, ModelParameters, load_model_parameters
from backbalance.validate import bibliography_keys

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "model_parameters.yml"


@pytest.fixture
def shipped() -> dict:
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


def problems_after(
    edit, shipped: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Apply ``edit`` to a copy of the shipped file in ``tmp_path/data`` and return the problems."""
    edit(shipped)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "model_parameters.yml").write_text(
        yaml.safe_dump(shipped), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as caught:
        load_model_parameters("data/model_parameters.yml")
    return [str(p) for p in caught.value.problems]


def test_shipped_file_loads_and_starts_with_instructions():
    params = load_model_parameters(SHIPPED)
    assert isinstance(params, ModelParameters)
    assert SHIPPED.read_text(encoding="utf-8").startswith(
        "# Parameters of the strength-gap simulation"
    )
    assert set(params.headroom.value.model_dump()) == set(STATUSES)


def test_every_entry_has_exactly_one_provenance_and_a_description():
    params = load_model_parameters(SHIPPED)
    for name in ModelParameters.model_fields:
        entry = getattr(params, name)
        assert (entry.source is None) != (entry.assumption is None), name
        assert entry.description.strip(), name


def test_citations_name_entries_and_keys_that_exist_in_the_bibliography():
    cited = dict(load_model_parameters(SHIPPED).citations())
    assert cited["cross_education.source"] == "munn2004"
    assert "detraining_rate.source" not in cited  # an assumption, not a citation
    assert set(cited.values()) <= bibliography_keys(ROOT / "references.bib")


def test_out_of_range_value_names_file_entry_and_limit(shipped, tmp_path, monkeypatch):
    def edit(data):
        data["cross_education"]["value"] = 0.9

    problems = problems_after(edit, shipped, tmp_path, monkeypatch)
    assert (
        "data/model_parameters.yml, cross_education.value: must be at most 0.5, got 0.9" in problems
    )


def test_per_status_values_are_checked_one_by_one(shipped, tmp_path, monkeypatch):
    def edit(data):
        data["headroom"]["value"]["novice"] = -1

    problems = problems_after(edit, shipped, tmp_path, monkeypatch)
    assert problems == [
        "data/model_parameters.yml, headroom.value.novice: must be more than 0.0, got -1"
    ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["weekly_gain_rate"].update(source="gentil2016"),
            r"weekly_gain_rate: give exactly one of `source:` \(a key in references\.bib\) "
            r"or `assumption:` \(a one-line reason\)$",
        ),
        (
            lambda d: d["weekly_gain_rate"].pop("assumption"),
            r"weekly_gain_rate: give exactly one of `source:` .* or `assumption:`",
        ),
        (
            lambda d: d["cross_education"].update(value=0.3, range=[0.4, 0.5]),
            r"cross_education: value 0\.3 must lie within range \[0\.4, 0\.5\]",
        ),
        (
            lambda d: d["lsi_targets"].update(value=[95, 90]),
            r"lsi_targets\.value: targets must be listed in increasing order",
        ),
        (
            lambda d: d["headroom"]["value"].update(trained=2.0),
            r"headroom\.value: must not grow with training",
        ),
        (lambda d: d.update(gain_rate={"value": 1}), r"gain_rate: is not a known field"),
        (lambda d: d.pop("response_spread"), r"response_spread: is required but missing"),
        (
            lambda d: d["detraining_rate"].pop("description"),
            r"detraining_rate\.description: is required but missing",
        ),
    ],
    ids=[
        "both-provenances",
        "no-provenance",
        "value-outside-range",
        "targets-order",
        "headroom-order",
        "unknown-entry",
        "missing-entry",
        "missing-description",
    ],
)
def test_invalid_entries_give_one_clear_line_each(edit, expected, shipped, tmp_path, monkeypatch):
    problems = problems_after(edit, shipped, tmp_path, monkeypatch)
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/model_parameters.yml, ")
    assert re.search(expected, problems[0]), problems[0]


def test_with_cross_education_returns_a_checked_copy():
    params = load_model_parameters(SHIPPED)
    changed = params.with_cross_education(0.45)
    assert changed.cross_education.value == 0.45
    assert params.cross_education.value == 0.35
    with pytest.raises(ValidationError, match="must lie within range"):
        params.with_cross_education(0.2)
