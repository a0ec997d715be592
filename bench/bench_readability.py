"""Reading level of the course text: the Flesch–Kincaid grade of each chapter and the median.

Run from the repository root::

    .venv/bin/python bench/bench_readability.py            # every book/*.md
    .venv/bin/python bench/bench_readability.py --max 8    # exit 1 if the median is above 8
    .venv/bin/python bench/bench_readability.py --show book/causes.md   # print the prose measured

Only the prose a reader reads is measured. Left out: YAML front matter, code and code
cells, math, directive lines and their options, the bodies of non-prose directives
(``bibliography``, ``quiz``, ``code-cell``, ``math`` …), citation roles, inline code, HTML
comments and raw HTML, and the markup of tables, links, emphasis and roles. Headings, list
items, table rows and admonition titles are each counted as one sentence, so a missing
full stop never glues them to the next sentence.

Needs ``textstat`` 0.7.4 (later versions download an NLTK corpus at first use).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import types
from importlib.resources import files
from pathlib import Path

if "pkg_resources" not in sys.modules:
    # textstat 0.7.4 imports pkg_resources, which setuptools 81+ no longer ships; it only
    # reads its word lists through resource_stream, so that one function is enough.
    try:
        import pkg_resources  # noqa: F401
    except ModuleNotFoundError:
        shim = types.ModuleType("pkg_resources")
        shim.resource_stream = lambda package, name: files(package).joinpath(name).open("rb")
        sys.modules["pkg_resources"] = shim

import textstat

ROOT = Path(__file__).resolve().parents[1]
MIN_WORDS = 60  # pages with less prose than this (e.g. the references page) get no grade

# Directives whose body is not prose a reader reads as sentences.
SKIP_BODY = {
    "bibliography",
    "quiz",
    "code-cell",
    "code-block",
    "code",
    "math",
    "raw",
    "toctree",
    "list-table",
    "csv-table",
    "include",
    "literalinclude",
    "image",
    "eval-rst",
}
PROSE_TITLES = {
    "admonition",
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "danger",
    "attention",
    "hint",
    "seealso",
    "dropdown",
    "topic",
}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")


def _strip_inline(line: str) -> str:
    """Remove inline markup from one line of prose, keeping the words a reader sees."""
    line = re.sub(r"<!--.*?-->", " ", line)
    line = re.sub(r"\{cite(?::[a-z]+)?\}`[^`]*`", "", line)  # citations go entirely
    line = re.sub(r"\{(?:ref|numref|eq)\}`[^`]*`", "", line)  # cross-references
    line = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*<[^`>]*>`", r"\1", line)  # {term}`text <target>`
    line = re.sub(  # {doc}`../notebooks/strength_gap` -> "strength gap"
        r"\{[\w:-]+\}`([^`]*)`", lambda m: m.group(1).split("/")[-1].replace("_", " "), line
    )
    line = re.sub(r"`[^`]*`", "", line)  # inline code
    line = re.sub(r"\$[^$]+\$", "", line)  # inline math
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)  # images
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links -> text
    line = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", line)
    line = re.sub(r"<[^>]+>", " ", line)  # raw HTML tags
    line = re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", line)  # emphasis
    line = re.sub(r"\(\s*\)", "", line)  # emptied brackets
    line = re.sub(r"\s+([.,;:!?])", r"\1", line)
    return re.sub(r"\s{2,}", " ", line).strip()


def _as_sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?:;":
        text += "."
    return text


def strip_myst(text: str) -> str:
    """The prose of a MyST Markdown page as plain text, one paragraph per line."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]

    out: list[str] = []
    paragraph: list[str] = []
    fences: list[tuple[str, bool, str]] = []  # (closing mark, body is skipped, directive)

    def flush() -> None:
        if paragraph:
            text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(paragraph))
            out.append(re.sub(r"\s{2,}", " ", text).strip())
            paragraph.clear()

    in_math = False
    for raw in lines:
        line = raw.strip()
        skipping = any(skip for _, skip, _ in fences)
        match = FENCE.match(raw)
        closes = (
            match is not None
            and bool(fences)
            and match.group("mark")[0] == fences[-1][0][0]
            and len(match.group("mark")) >= len(fences[-1][0])
            and not match.group("info").strip()
        )
        if closes:
            flush()
            fences.pop()
            continue
        if match:
            flush()
            directive = DIRECTIVE.match(match.group("info").strip())
            name = ""
            if directive:
                name = directive.group("name")
                skip = skipping or name in SKIP_BODY
                title = directive.group("arg").strip()
                # admonition titles are prose; figure file names and quiz names are not
                if not skip and title and name in PROSE_TITLES:
                    out.append(_strip_inline(title))
            else:
                skip = True  # a plain code fence
            fences.append((match.group("mark"), skip, name))
            continue
        if skipping:
            continue
        if line.startswith("$$"):  # display math block
            flush()
            if not (len(line) > 2 and line.endswith("$$")):
                in_math = not in_math
            continue
        if in_math:
            continue
        if not line:
            flush()
            continue
        if fences and re.match(r"^:[\w-]+:", line):  # directive option such as :alt: or :class:
            continue
        if fences and fences[-1][2] == "glossary" and not raw[:1].isspace():
            flush()  # a glossary term is a headword, not part of a sentence
            out.append(_strip_inline(line))
            continue
        if re.match(r"^\(.+\)=$", line) or line.startswith("<!--") or re.match(r"^<[^>]+>$", line):
            continue
        if re.match(r"^\|?\s*:?-{2,}", line):  # table separator row
            continue
        if line.startswith("|"):  # table row: its cells become one sentence
            flush()
            cells = [_strip_inline(c) for c in line.strip("|").split("|")]
            out.append(", ".join(c for c in cells if c))
            continue
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading:
            flush()
            out.append(_strip_inline(heading.group(1)))
            continue
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if item:  # each list item is its own sentence
            flush()
            paragraph.append(_strip_inline(item.group(1)))
            continue
        paragraph.append(_strip_inline(line))
    flush()
    return "\n".join(_as_sentence(p) for p in out if p.strip(" ."))


def grade(path: Path) -> tuple[float | None, int]:
    """Flesch–Kincaid grade of a chapter's prose and its word count (None if too short)."""
    prose = strip_myst(path.read_text(encoding="utf-8"))
    words = textstat.lexicon_count(prose)
    if words < MIN_WORDS:
        return None, words
    return textstat.flesch_kincaid_grade(prose), words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="chapters (default: book/*.md)")
    parser.add_argument(
        "--max", type=float, default=None, help="fail if the median grade is above this"
    )
    parser.add_argument("--show", type=Path, help="print the prose that is measured for one file")
    args = parser.parse_args(argv)

    if args.show:
        print(strip_myst(args.show.read_text(encoding="utf-8")))
        return 0
    files = args.files or sorted((ROOT / "book").glob("*.md"))
    grades = []
    print(f"{'chapter':<32} {'words':>6} {'FK grade':>9}")
    for path in files:
        fk, words = grade(path)
        shown = "n/a" if fk is None else f"{fk:.1f}"
        print(f"{path.name:<32} {words:>6} {shown:>9}")
        if fk is not None:
            grades.append(fk)
    if not grades:
        print("no chapter has enough prose to grade")
        return 1
    median = statistics.median(grades)
    print(f"{'median of ' + str(len(grades)) + ' chapters':<32} {'':>6} {median:>9.1f}")
    if args.max is not None and median > args.max:
        print(f"median grade {median:.1f} is above {args.max}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
