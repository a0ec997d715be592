"""The student edition never holds instructor text, however the block is written: not in
its pages, its search index, or the page sources it offers for download (``_sources/``:
the Markdown of a chapter, the JSON of a notebook). A heading inside such a block stops the
build with the file, the line and the fix. (``roots/test-editions``.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from backbalance.sphinxext.editions import InstructorTextError, strip_notebook

ROOT = Path(__file__).parent / "roots" / "test-editions"
SOURCES = [ROOT / "index.md", ROOT / "notes.ipynb"]


def markers(prefix: str) -> set[str]:
    """The markers the test book writes (``SECRET-...`` or ``SHARED-...``)."""
    return {m for path in SOURCES for m in re.findall(rf"{prefix}-[A-Z-]+", path.read_text())}


def built_text(app) -> str:
    """Every text file of a built book, joined."""
    out = Path(app.outdir)
    suffixes = {".html", ".js", ".md", ".ipynb", ".txt", ".json"}
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in suffixes and "_static" not in p.parts
    )


def test_student_edition_holds_no_instructor_text_anywhere(book):
    app = book("editions", warningiserror=True)
    text = built_text(app)
    assert not {m for m in markers("SECRET") if m in text}
    assert all(m in text for m in markers("SHARED")), "shared text is kept"
    assert "STUDENT-ONLY" in text
    out = Path(app.outdir)
    for source in ("_sources/index.md", "_sources/notes.ipynb"):
        assert (out / source).is_file(), f"{source} is offered for download"
    json.loads((out / "_sources" / "notes.ipynb").read_text(encoding="utf-8"))
    searchindex = (out / "searchindex.js").read_text(encoding="utf-8")
    assert "secret" not in searchindex.lower()


def test_instructor_edition_shows_every_block(book):
    app = book("editions", warningiserror=True, backbalance_edition="instructor")
    pages = (Path(app.outdir) / "index.html").read_text() + (
        Path(app.outdir) / "notes.html"
    ).read_text()
    assert markers("SECRET") <= set(re.findall(r"SECRET-[A-Z-]+", pages))
    assert "STUDENT-ONLY" not in pages


HEADINGS = {
    "myst": ("```{only} instructor\n## Teacher tips\n\nLEAK-BODY\n```\n", 4),
    "colon": (":::{only} not student\n### Answers\nLEAK-BODY\n:::\n", 4),
    "rst": ("```{eval-rst}\n.. only:: instructor\n\n   Tips\n   ----\n\n   LEAK-BODY\n```\n", 6),
}


@pytest.mark.parametrize("kind", HEADINGS)
def test_a_heading_inside_an_instructor_block_stops_the_student_build(book, kind):
    block, line = HEADINGS[kind]
    page = f"# Chapter\n\nText.\n\n{block}\nMore.\n"
    with pytest.raises(InstructorTextError) as error:
        book("editions", files={"index.md": page.replace("More.", "```{toctree}\nnotes\n```")})
    message = str(error.value)
    assert message.startswith(f"index.md, line {line + 2}: a heading inside the `")
    assert "bold text" in message and "student edition" in message


def test_a_heading_in_a_notebooks_instructor_block_names_the_cell(book):
    def edit(srcdir: Path) -> None:
        notebook = json.loads((srcdir / "notes.ipynb").read_text())
        notebook["cells"][1]["source"] = ["```{only} instructor\n", "## Key\n", "A, B\n", "```\n"]
        (srcdir / "notes.ipynb").write_text(json.dumps(notebook))

    with pytest.raises(InstructorTextError, match=r"^notes\.ipynb, cell 2, line 2: a heading"):
        book("editions", edit=edit)


def test_the_instructor_edition_may_hold_headings_in_its_own_blocks(book):
    page = (
        (ROOT / "index.md").read_text().replace("SECRET-PLAIN", "## Teacher tips\n\nSECRET-PLAIN")
    )
    app = book("editions", files={"index.md": page}, backbalance_edition="instructor")
    assert "Teacher tips" in (Path(app.outdir) / "index.html").read_text()


def test_notebook_sources_keep_their_other_cells_as_they_are():
    text = (ROOT / "notes.ipynb").read_text()
    student = json.loads(strip_notebook(text, "student"))
    original = json.loads(text)
    assert "SECRET" not in json.dumps(student)
    assert [c["cell_type"] for c in student["cells"]] == [c["cell_type"] for c in original["cells"]]
    assert (
        student["cells"][2] == original["cells"][2] and student["metadata"] == original["metadata"]
    )
