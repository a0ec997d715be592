"""Student and instructor editions of the book, built from one source.

The edition is chosen when the book is built::

    jupyter-book build .                                    # student edition (the default)
    BACKBALANCE_EDITION=instructor jupyter-book build . --path-output _build/instructor

(``make book`` and ``make book-instructor``). The environment variable wins over the
``backbalance_edition`` setting (``sphinx: config:`` in ``_config.yml``), whose default is
``student``. On ``config-inited`` this extension

* stores the edition in ``app.config.backbalance_edition``, declared with
  ``rebuild="env"``: a build that reuses the other edition's cache re-reads every page, so
  one edition can never leak into the other through Sphinx's cache;
* adds the Sphinx tag of the edition (``student`` or ``instructor``), so a chapter can hold
  text for one edition only::

      ```{only} instructor
      Only instructors see this.
      ```

  No headings inside ``{only}``: MyST (and Sphinx's ``only``) lift a heading, and everything
  after it, out of the block, so the whole block would show in both editions, in the table
  of contents and in the search index. A build stops at such a heading in a block its
  edition does not show, naming the file, the line and the fix (bold text instead).
* in the instructor edition, puts a banner on every page that says which edition it is
  (the announcement bar of sphinx-book-theme);
* in the student edition, leaves out the pages only instructors read
  (``backbalance_instructor_pages``, by default the Instructor guide): they are not in the
  menu, the search index or the built book.

Directives ask :func:`is_instructor` (the ``quiz`` directive shows the answer key, the
``lesson-plan`` directive shows the plan). The page sources the book offers for download
(``_sources/``: Markdown, the Markdown cells of notebooks, reStructuredText) lose every
``only`` block that the edition does not show, however it is written (``{only} instructor``,
``{only} not student``, ``{only} instructor and html``, ``.. only:: instructor`` inside
``{eval-rst}``: the expression is evaluated with the edition's tags, as Sphinx does) and, in
the student edition, the ``lesson-plan`` directives; so no instructor text reaches a
student's browser.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError, SphinxError
from sphinx.util.tags import Tags

from .config import EDITIONS

ENV_VAR = "BACKBALANCE_EDITION"
CONFIG_NAME = "backbalance_edition"  # declared in backbalance.sphinxext.config
INSTRUCTOR_ONLY_DIRECTIVES = ("lesson-plan",)
BANNER_THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")  # themes with an announcement bar
BANNER = (
    "Instructor edition: quiz answers, instructor notes and lesson plans are shown. "
    "Do not publish it to students."
)

_PARSER = MarkdownIt("commonmark").use(colon_fence_plugin)
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
_RST_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+(?P<name>[\w:-]+)::(?P<arg>.*)$")
_RST_UNDERLINE = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}$")


def edition_of(config: Config) -> str:
    """The edition a configuration builds: ``"student"`` or ``"instructor"``."""
    return getattr(config, CONFIG_NAME, None) or EDITIONS[0]


def is_instructor(config: Config) -> bool:
    """True when the book being built is the instructor edition."""
    return edition_of(config) == "instructor"


def choose_edition(app: Sphinx, config: Config) -> None:
    """Settle the edition (environment variable first), add its tag and, for instructors, the banner."""
    chosen = os.environ.get(ENV_VAR, "").strip() or (getattr(config, CONFIG_NAME) or EDITIONS[0])
    if chosen not in EDITIONS:
        source = ENV_VAR if os.environ.get(ENV_VAR, "").strip() else CONFIG_NAME
        raise ConfigError(f"{source} must be 'student' or 'instructor', got {chosen!r}")
    config[CONFIG_NAME] = chosen  # compared with the cached value: a change re-reads every page
    for edition in EDITIONS:
        if edition != chosen and app.tags.has(edition):
            app.tags.remove(edition)
    app.tags.add(chosen)
    if chosen == "instructor" and config.html_theme in BANNER_THEMES:
        options = dict(config.html_theme_options or {})
        existing = options.get("announcement")
        options["announcement"] = f"{BANNER} {existing}" if existing else BANNER
        config.html_theme_options = options


def leave_out_instructor_pages(app: Sphinx, config: Config) -> None:
    """In the student edition, take ``backbalance_instructor_pages`` out of the table of
    contents (read by sphinx-external-toc just before) and out of the build."""
    site_map = getattr(config, "external_site_map", None)
    if is_instructor(config) or site_map is None:
        return
    pages = set(config.backbalance_instructor_pages)
    for document in site_map.values():
        for tree in document.subtrees:
            tree.items[:] = [item for item in tree.items if item not in pages]
    for page in pages:
        site_map.pop(page, None)
    config["exclude_patterns"] = [
        *config["exclude_patterns"],
        *(f"{page}{suffix}" for page in sorted(pages) for suffix in config.source_suffix),
    ]


@dataclass(frozen=True)
class Block:
    """A block of a page's source meant for another edition: lines ``start`` to ``end``
    (from 0, ``end`` excluded), how it is written (``{only} instructor``...) and the line of
    its first heading, if it holds one."""

    start: int
    end: int
    written: str
    heading: int | None = None


def edition_tags(edition: str) -> Tags:
    """The Sphinx tags an HTML build of ``edition`` has (what ``only`` expressions test)."""
    return Tags([edition, "html", "format_html", "builder_html"])


def _shown(expression: str, tags: Tags) -> bool:
    """Whether an ``only`` expression shows its block; one Sphinx cannot read is dropped."""
    try:
        return bool(tags.eval_condition(expression))
    except Exception:  # Sphinx warns about it (an error with -W); drop the text
        return False


def _rst_title(lines: list[str], number: int) -> bool:
    """Whether line ``number`` of reStructuredText is a section title (text, then a line of
    one repeated punctuation character at least as long)."""
    text, under = (
        lines[number].strip(),
        lines[number + 1].rstrip() if number + 1 < len(lines) else "",
    )
    return (
        bool(text)
        and not _RST_UNDERLINE.match(text)
        and bool(_RST_UNDERLINE.match(under.strip()))
        and len(under.strip()) >= len(text)
    )


def _rst_blocks(source: str, offset: int, tags: Tags, drop_names: set[str]) -> list[Block]:
    """The ``.. only::`` (and instructor-only) directives of reStructuredText to drop."""
    lines, blocks, number = source.splitlines(), [], 0
    while number < len(lines):
        match = _RST_DIRECTIVE.match(lines[number])
        if match is None:
            number += 1
            continue
        name, arg = match.group("name").split(":")[-1], match.group("arg").strip()
        indent, end = len(match.group("indent")), number + 1
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
        ):
            end += 1
        if (name == "only" and not _shown(arg, tags)) or name in drop_names:
            heading = next((n for n in range(number + 1, end) if _rst_title(lines, n)), None)
            blocks.append(
                Block(
                    offset + number,
                    offset + end,
                    f".. {name}:: {arg}".strip(),
                    None if heading is None else offset + heading,
                )
            )
            number = end
        else:
            number += 1
    return blocks


def other_edition_blocks(text: str, tags: Tags, drop_names: set[str]) -> list[Block]:
    """The blocks of MyST text that an edition with ``tags`` does not show."""
    blocks: list[Block] = []

    def walk(source: str, offset: int) -> None:
        for token in _PARSER.parse(source):
            if token.type not in ("fence", "colon_fence") or token.map is None:
                continue
            directive = _DIRECTIVE.match(token.info.strip())
            if directive is None:  # a code block: what it holds is an example, kept as it is
                continue
            start, end = token.map
            name, arg = directive.group("name").split(":")[-1], directive.group("arg").strip()
            if (name == "only" and not _shown(arg, tags)) or name in drop_names:
                headings = [
                    t.map[0]
                    for t in _PARSER.parse(token.content)
                    if t.type == "heading_open" and t.map
                ]
                heading = offset + start + 1 + headings[0] if headings else None
                blocks.append(
                    Block(offset + start, offset + end, f"{{{name}}} {arg}".strip(), heading)
                )
            elif name == "eval-rst":
                blocks.extend(_rst_blocks(token.content, offset + start + 1, tags, drop_names))
            else:  # a directive's body may hold blocks of its own
                walk(token.content, offset + start + 1)

    walk(text, 0)
    return blocks


def _drop_names(edition: str) -> set[str]:
    return set(INSTRUCTOR_ONLY_DIRECTIVES) if edition != "instructor" else set()


def _without(text: str, blocks: list[Block]) -> str:
    dropped = {number for block in blocks for number in range(block.start, block.end)}
    lines = text.splitlines(keepends=True)
    return "".join(line for number, line in enumerate(lines) if number not in dropped)


def strip_other_edition(
    text: str, edition: str, tags: Tags | None = None, rst: bool = False
) -> str:
    r"""Page source (MyST, or reStructuredText if ``rst``) without the blocks meant for
    another edition.

    Removed: every ``only`` block whose expression is false for the edition's ``tags``
    (``{only} instructor``, ``{only} not student``, ``{only} instructor and html``, and
    ``.. only::`` inside ``{eval-rst}``) and, in the student edition, the instructor-only
    directives (``lesson-plan``). Fences may use backticks, tildes or colons; the blocks are
    found by markdown-it-py with the colon-fence plugin (the parser MyST itself uses). Code
    blocks are left alone, so a guide can show such a block as an example.

    >>> strip_other_edition("A\n\n```{only} not student\nB\n```\n\nC\n", "student")
    'A\n\n\nC\n'
    """
    tags = tags or edition_tags(edition)
    names = _drop_names(edition)
    blocks = _rst_blocks(text, 0, tags, names) if rst else other_edition_blocks(text, tags, names)
    return _without(text, blocks)


def strip_notebook(text: str, edition: str, tags: Tags | None = None) -> str:
    """A notebook's JSON with the other edition's blocks removed from its Markdown cells."""
    notebook = json.loads(text)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            cell["source"] = strip_other_edition(source, edition, tags)
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"


class InstructorTextError(SphinxError):
    category = "Instructor text would reach the other edition"


def _markdown_of(path: Path, text: str) -> list[tuple[str, int, str]]:
    """(where, first line, MyST text) of each Markdown part of a page's source."""
    if path.suffix != ".ipynb":
        return [(str(path), 0, text)]
    cells = json.loads(text).get("cells", [])
    return [
        (
            f"{path}, cell {index + 1}",
            0,
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
        )
        for index, c in enumerate(cells)
        if c.get("cell_type") == "markdown"
    ]


def refuse_headings_in_other_edition(app: Sphinx, docname: str, source: list[str]) -> None:
    """Stop the build at a heading inside a block meant for another edition.

    MyST (and Sphinx's ``only``) lift a heading, and everything after it, out of the block:
    the whole block would show in this edition, in its table of contents and search index.
    """
    edition = edition_of(app.config)
    path = Path(app.env.doc2path(docname, False))
    tags = app.tags
    try:
        parts = _markdown_of(path, source[0])
    except (ValueError, KeyError, TypeError):  # not a notebook myst-nb can read: it reports it
        return
    for where, first, text in parts:
        rst = path.suffix in (".rst", ".txt")
        names = _drop_names(edition)
        blocks = (
            _rst_blocks(text, first, tags, names)
            if rst
            else other_edition_blocks(text, tags, names)
        )
        for block in blocks:
            if block.heading is not None:
                raise InstructorTextError(
                    f"{where}, line {block.heading + 1}: a heading inside the `{block.written}` "
                    f"block (line {block.start + 1}) would put the whole block in the {edition} "
                    "edition; write the heading as bold text (**Heading**) instead"
                )


def clean_page_sources(app: Sphinx, exception: Exception | None) -> None:
    """Remove the other edition's blocks from the page sources offered for download
    (``_sources/``: Markdown, notebooks, reStructuredText).

    Runs after failed builds too: a page written before the failure must not keep its raw
    source, because an incremental build would not copy it again.
    """
    builder = getattr(app, "builder", None)
    if builder is None or builder.format != "html":
        return
    edition = edition_of(app.config)
    sources = Path(app.outdir) / "_sources"
    if not sources.is_dir():
        return
    for path in sources.rglob("*"):
        kind = _source_kind(path)
        if kind is None or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if kind == "ipynb":
            try:
                cleaned = strip_notebook(text, edition, app.tags)
            except (ValueError, TypeError, AttributeError):
                continue
            if json.loads(cleaned) == json.loads(text):
                continue
        else:
            cleaned = strip_other_edition(text, edition, app.tags, rst=kind == "rst")
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")


def remove_instructor_pages(app: Sphinx, exception: Exception | None) -> None:
    """In the student edition, delete what an earlier instructor build left in the output
    folder for ``backbalance_instructor_pages``: the page and its downloadable source.

    Sphinx writes only the pages it builds and never removes old ones, so without this a
    student build into the folder of an instructor build would still publish the guide.
    """
    builder = getattr(app, "builder", None)
    if builder is None or builder.format != "html" or is_instructor(app.config):
        return
    out = Path(app.outdir)
    for page in app.config.backbalance_instructor_pages:
        stale = [out / f"{page}{builder.out_suffix}"]
        stale += (out / "_sources").glob(f"{page}.*")
        for path in stale:
            if path.is_file():
                path.unlink()


def _source_kind(path: Path) -> str | None:
    """``md``, ``rst`` or ``ipynb`` for a file of ``_sources/`` (``x.md``, ``x.md.txt``...)."""
    suffixes = [s for s in path.suffixes if s != ".txt"] or path.suffixes
    last = suffixes[-1] if suffixes else ""
    return {".md": "md", ".rst": "rst", ".txt": "rst", ".ipynb": "ipynb"}.get(last)


def setup_editions(app: Sphinx) -> None:
    app.connect("config-inited", choose_edition)
    # After sphinx-external-toc reads _toc.yml (priority 900).
    app.connect("config-inited", leave_out_instructor_pages, priority=950)
    app.connect("source-read", refuse_headings_in_other_edition)
    app.connect("build-finished", clean_page_sources)
    app.connect("build-finished", remove_instructor_pages)
