"""Check every file in ``data/`` against its schema and its cross-references at once."""

from __future__ import annotations

import glob
from pathlib import Path

from pybtex.database import parse_file
from pybtex.scanner import PybtexError

from backbalance.common.read import DataError, Problem, display_path


def bibliography_keys(bib: Path) -> set[str]:
    """The citation keys defined in a BibTeX file."""
    try:
        return set(parse_file(str(bib), bib_format="bibtex").entries)
    except (OSError, PybtexError) as err:
        raise DataError(
            [Problem(display_path(bib), "", f"cannot be read as BibTeX ({err})")]
        ) from None


def validate_data(data_dir: Path, bib: Path) -> list[Problem]:
    """Every problem in ``data_dir``: schema errors first, then dangling citation keys."""
    from .registry import LOADERS

    problems: list[Problem] = []
    cited: list[tuple[str, str, str]] = []  # (file, entry, key)
    for pattern, loader in LOADERS.items():
        paths = sorted(data_dir.glob(pattern)) if glob.has_magic(pattern) else [data_dir / pattern]
        for path in paths:
            try:
                loaded = loader(path)
            except DataError as err:
                problems.extend(err.problems)
                continue
            cited.extend((display_path(path), entry, key) for entry, key in loaded.citations())
    try:
        known = bibliography_keys(bib)
    except DataError as err:
        return problems + err.problems
    problems.extend(
        Problem(
            file,
            entry,
            f"cites '{key}', which is not in {display_path(bib)}; add it there or fix the key",
        )
        for file, entry, key in cited
        if key not in known
    )
    return problems
