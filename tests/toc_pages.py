"""Which pages the student edition of the book holds, for the book and browser tests."""

from __future__ import annotations

from pathlib import Path

import yaml


def student_pages(root: Path) -> list[str]:
    """The toc's pages (the root first) that the student edition holds: all but the
    ``backbalance_instructor_pages`` of ``_config.yml``."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    left_out = set(config["sphinx"]["config"]["backbalance_instructor_pages"])
    pages = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [page for page in pages if page not in left_out]
