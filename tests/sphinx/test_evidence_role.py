"""The ``{evidence}`` role and the ``evidence-scale`` directive, in a tiny book (``roots/test-evidence``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def scale_labels(srcdir: Path) -> dict[str, str]:
    levels = yaml.safe_load((srcdir / "data" / "evidence.yml").read_text(encoding="utf-8"))
    return {grade["id"]: grade["label"] for grade in levels["levels"]}


@pytest.mark.sphinx("html", testroot="evidence")
def test_badges_show_the_label_and_link_to_the_scale(app, build, soup, warnings):
    build(app)
    assert warnings(app) == ""
    labels = scale_labels(Path(app.srcdir))
    page = soup(app)
    badges = {b.get_text(): b.find("a") for b in page.select(".bb-evidence:has(a)")}
    assert set(badges) == {labels["some"], labels["assumption"]}
    assert all(
        link is not None and link["href"].endswith("#evidence-scale") for link in badges.values()
    )
    listed = [b.get_text() for b in page.select(".bb-evidence-scale .bb-evidence")]
    assert listed == list(labels.values())
    deps = {str(Path(d)) for d in app.env.dependencies["index"]}
    assert any(d.endswith(str(Path("data", "evidence.yml"))) for d in deps)


def test_an_unknown_level_is_one_warning(book, warnings):
    app = book(
        "evidence",
        files={"index.rst": "Demo\n====\n\n.. _evidence-scale:\n\nX :evidence:`good`.\n"},
    )
    (line,) = warnings(app).strip().splitlines()
    assert (
        "evidence: 'good' is not a level of the scale; use one of strong, some, weak, assumption"
        in line
    )
