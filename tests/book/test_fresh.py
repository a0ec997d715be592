"""An edit of ``data/`` re-runs the notebooks that read it (the execution cache is keyed on
the data, see ``backbalance.sphinxext.config.key_execution_cache_on_data``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from building import check, jupyter_book, snapshot

PAGE = "notebooks/strength_gap"


def outputs(site: Path) -> list[str]:
    soup = BeautifulSoup((site / f"{PAGE}.html").read_text(encoding="utf-8"), "html.parser")
    return [" ".join(o.get_text(" ").split()) for o in soup.select(".cell_output")]


@pytest.mark.slow
def test_changing_cross_education_changes_the_numbers_on_the_strength_gap_page(
    tmp_path_factory,
):
    source = snapshot(tmp_path_factory)
    # The strength-gap notebook alone: one notebook to run, twice.
    (source / "_toc.yml").write_text(f"format: jb-book\nroot: {PAGE}\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("fresh")
    first = jupyter_book(source, out, "student", strict=False)
    check(first)
    before = outputs(out / "_build" / "html")
    assert not any("Traceback" in output for output in before), "the notebook failed to run"
    parameters = source / "data" / "model_parameters.yml"
    text = parameters.read_text(encoding="utf-8")
    assert "cross_education:\n  value: " in text
    value = text.split("cross_education:\n  value: ", 1)[1].split("\n", 1)[0]
    parameters.write_text(
        text.replace(f"cross_education:\n  value: {value}", "cross_education:\n  value: 0.49"),
        encoding="utf-8",
    )
    second = jupyter_book(source, out, "student", strict=False)
    check(second)
    after = outputs(out / "_build" / "html")
    assert before and len(before) == len(after)
    assert before != after, "the notebook kept the outputs of the old data"
