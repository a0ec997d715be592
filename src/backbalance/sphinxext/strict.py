"""The fix, next to the warning, for the mistakes an instructor makes most.

``make book`` runs with warnings as errors, so each of these stops the build. Upstream names
the problem but not always the file or the fix; these checks add a warning that does:

* a ``_toc.yml`` entry with no page (sphinx-external-toc 1.1.0 reports it at the root page):
  named at ``_toc.yml``, with the closest page there is;
* a ``{cite}`` key that is not in the bibliography (sphinxcontrib-bibtex 2.7.0 says
  "could not find bibtex key"): named with the closest key there is and the ``.bib`` file.

(A typo in a ``{quiz}`` or ``{lesson-plan}`` name is reported by the directive itself.)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


def closest(name: str, names: Iterable[str]) -> str:
    """``" did you mean 'x'?"`` for the closest of ``names``, or nothing.

    >>> closest("causez", ["causes", "welcome"])
    " did you mean 'causes'?"
    """
    found = difflib.get_close_matches(name, sorted(names), n=1)
    return f" did you mean {found[0]!r}?" if found else ""


def check_toc(app: Sphinx, env: BuildEnvironment) -> None:
    """Every ``_toc.yml`` entry names a page of the book."""
    site_map = getattr(env, "external_site_map", None)
    if site_map is None:
        return
    toc = app.config.external_toc_path
    for docname in site_map:
        if docname not in env.found_docs:
            logger.warning(
                "%s names %r, which is not a page of the book (no such .md or .ipynb file);%s "
                "fix the entry in %s or add the file",
                toc,
                docname,
                closest(docname, env.found_docs),
                toc,
                location=f"{Path(app.srcdir) / toc}:1",  # a path with a line, as it is
                type="backbalance",
                subtype="toc",
            )


def check_citations(app: Sphinx, env: BuildEnvironment) -> None:
    """Every cited key is in the bibliography."""
    if "cite" not in env.domains:
        return
    domain = env.get_domain("cite")
    known = set(domain.bibdata.data.entries)
    bibfiles = ", ".join(app.config.bibtex_bibfiles)
    for ref in domain.citation_refs:
        for target in ref.targets:
            if target.key not in known:
                logger.warning(
                    "%r is not a key of %s;%s fix the key or add its entry to %s",
                    target.key,
                    bibfiles,
                    closest(target.key, known),
                    bibfiles,
                    location=(ref.docname, ref.line),
                    type="backbalance",
                    subtype="citation",
                )


def setup_strict(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_toc)
    app.connect("env-check-consistency", check_citations)
