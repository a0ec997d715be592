"""Sphinx extension of the book: the course's generated blocks, editions and assets.

Add ``backbalance.sphinxext`` to ``sphinx: extra_extensions`` in ``_config.yml``. The one
:func:`setup` below wires every part, each in its own module:

* :mod:`.config`: every ``backbalance_*`` setting, and the notebooks' execution cache keyed
  on the data;
* :mod:`.nodes`: the generated blocks (quiz, lesson plan, programme, habit sheets,
  self-assessment, plotly figure), drawn by the features' views, with a text fallback;
* :mod:`.directives`: the base of the data directives in :mod:`.quiz`, :mod:`.lessons`,
  :mod:`.programmes` and :mod:`.assessment`;
* :mod:`.evidence`: the ``{evidence}`` role and the ``evidence-scale`` directive (the
  course's one evidence scale);
* :mod:`.plotly_mime`: plotly figures of executed notebooks (a myst-nb MIME renderer);
* :mod:`.pictures`: every chart's pictures, drawn at build time, shown until the reader
  reaches for the live chart;
* :mod:`.editions`: the student and instructor editions;
* :mod:`.assets`: plotly.js and the page files served by the book itself, added
  per page;
* :mod:`.csp`: the Content-Security-Policy of every page (only the book's own host);
* :mod:`.reader`: what every page gives its reader (working menus, mathematics as
  MathML, a description, downloads a reader can use, no icon script);
* :mod:`.strict`: the fix, named with the warning, for a wrong toc entry or citation key;
* :mod:`.workarounds`: fixes for upstream behaviour, each naming the version it targets.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from backbalance import __version__

from .assessment import setup_assessment
from .assets import setup_assets
from .config import setup_config
from .csp import setup_csp
from .editions import setup_editions
from .evidence import setup_evidence
from .lessons import setup_lessons
from .nodes import setup_nodes
from .pictures import setup_pictures
from .plotly_mime import setup_plotly_mime
from .programmes import setup_programmes
from .quiz import setup_quiz
from .reader import setup_reader
from .strict import setup_strict
from .workarounds import setup_workarounds


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    setup_nodes(app)
    setup_pictures(app)
    setup_quiz(app)
    setup_lessons(app)
    setup_evidence(app)
    setup_programmes(app)
    setup_assessment(app)
    setup_editions(app)
    setup_assets(app)
    setup_plotly_mime(app)
    setup_reader(app)
    setup_strict(app)
    setup_workarounds(app)
    setup_csp(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
