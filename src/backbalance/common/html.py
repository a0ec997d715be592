"""HTML for every medium from one Jinja2 environment, with autoescaping always on.

Templates live in ``backbalance/templates/`` (``<feature>.html.j2``) and styles in
``backbalance/static/`` (``<feature>.css``); both ship inside the package. The book adds the
CSS files to the pages that need them; a notebook gets them inline through :func:`show`.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler


@cache
def environment() -> Environment:
    """The one Jinja2 environment: package templates, HTML escaping, undefined names fail."""
    return Environment(
        loader=PackageLoader("backbalance", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> str:
    """Render ``backbalance/templates/<template>`` with ``context`` (every value escaped)."""
    return environment().get_template(template).render(**context)


def inert_json(value: Any) -> Markup:
    r"""``value`` as JSON to put inside a ``<script type="application/json">`` element.

    Every ``<``, ``>`` and ``&`` is written as a JSON escape (``\u003c``...), so no text
    from data can close the element (``</script>``), open a comment (``<!--``) or a nested
    ``<script`` (which would put the HTML parser into the "double escaped" state and hide
    the rest of the page). ``JSON.parse`` reads the same value back.

    >>> str(inert_json({"title": "</script><!--<script>"}))
    '{"title":"\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def escaped_table(frame: pd.DataFrame, missing: str = "") -> Styler:
    """``frame`` as a reader's HTML table: every cell, column heading and missing mark
    escaped (they are data text), no index.

    pandas escapes the cells but writes ``na_rep`` as given, so the missing mark is escaped
    here; the headings are escaped by ``format_index``.

    >>> import pandas as pd
    >>> page = escaped_table(pd.DataFrame({"<b>week</b>": ["<i>4</i>", None]}), "<none>").to_html()
    >>> "&lt;b&gt;week&lt;/b&gt;" in page and "&lt;i&gt;4&lt;/i&gt;" in page
    True
    >>> "&lt;none&gt;" in page and "<b>" not in page and "<i>" not in page
    True
    """
    return (
        frame.style.format(escape="html", na_rep=html.escape(missing, quote=False))
        .format_index(escape="html", axis=1)
        .hide(axis="index")
    )


def static_text(name: str) -> str:
    """The text of a file in ``backbalance/static/`` (a stylesheet or a browser script)."""
    return files("backbalance").joinpath("static", name).read_text(encoding="utf-8")


def inline_css(*names: str) -> Markup:
    """``<style>`` with the named static stylesheets, for hosts that cannot link files."""
    return Markup("<style>{}</style>").format(Markup("\n".join(static_text(n) for n in names)))


def show(html_text: str, *css: str) -> Any:
    """Display ``html_text`` in a notebook, with the named stylesheets inlined before it."""
    from IPython.display import HTML

    return HTML(str(inline_css(*css)) + html_text if css else html_text)
