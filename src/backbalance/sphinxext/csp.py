"""A Content-Security-Policy in every page of the book: only the book's own host.

Every HTML page gets, right after its ``<meta charset>``, a
``<meta http-equiv="Content-Security-Policy">`` (:func:`policy`) that lets it load scripts,
styles, fonts and images only from the host that serves the book, connect to no other host,
run no ``eval``, embed no plugin, and never change its base URL or send a form elsewhere.
plotly.js (the bundle ``make assets`` builds from ``assets/plotly.js``) draws without
``eval``; formulas are MathML written at build time, so no maths script runs at all.

Scripts: the inline scripts and ``onclick`` handlers that the theme and Sphinx write into a
page (the colour-mode switch, ``DOCUMENTATION_OPTIONS``,
``onclick="window.print()"``...) are allowed by their SHA-256 hash, computed from the written
page when the build finishes (:func:`add_policy`). What the page's own content holds (its
``body``: chapter text, notebook outputs, tables from data, between two marker comments
that no data can guess) is never hashed, so a script or an ``onerror`` that data smuggled
into a page is refused by the browser.

Styles: inline styles are allowed (``'unsafe-inline'``), because plotly.js writes its own
``<style>`` element while the page runs, which no build-time hash can match, and sets
``style`` attributes. A style cannot run script, and with images, fonts
and connections limited to the book's host it cannot send anything elsewhere either.
Images may also be ``data:`` URLs (how notebook pages hold their PNG outputs); an image
cannot run script. ``frame-ancestors`` cannot be set in a ``<meta>``; a host that wants it sends the header.

Preloads: Chromium's preload scanner stops at a policy ``<meta>``, so the scripts of the
page's ``<head>`` would be fetched one after another, each only once the one before it has
run (on a phone, a round trip each). :func:`preload_scripts` lists them, right after the
policy, as ``<link rel="preload" as="script">``, so the browser fetches them together, as
it does on a page without a policy; the policy applies to the preloads too. (No
``fetchpriority``: the Nu HTML checker the book is held to does not know the attribute.)
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_HANDLERS = re.compile(r"""\son[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_SRC_VALUE = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
"""``type`` values of script elements the browser runs (others are data, such as JSON)."""
POLICY_META = '<meta http-equiv="Content-Security-Policy"'
MARKER = "backbalance_csp_marker"
"""The app attribute holding this build's secret marker of a page's content."""


def source_hash(code: str) -> str:
    """The CSP source expression of ``code``'s SHA-256 hash.

    >>> source_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _runs(attributes: str) -> bool:
    """Whether a ``<script>`` with these attributes runs inline code."""
    kind = _TYPE.search(attributes)
    return not _SRC.search(attributes) and (kind.group(1) if kind else "").lower() in SCRIPT_TYPES


def inline_scripts(markup: str) -> set[str]:
    """The inline scripts and event handler attributes of ``markup``, each as the exact text
    the browser hashes."""
    scripts = {
        match.group("body") for match in _SCRIPT.finditer(markup) if _runs(match.group("attrs"))
    }
    for tag in _TAG.findall(markup):
        for double, single in _HANDLERS.findall(tag):
            scripts.add(html.unescape(double or single))
    return scripts


def policy(scripts: set[str]) -> str:
    """The page's policy, with the inline ``scripts`` allowed by hash."""
    hashes = "".join(f" {source_hash(code)}" for code in sorted(scripts))
    handlers = " 'unsafe-hashes'" if scripts else ""
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self'{handlers}{hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",  # notebooks' PNG outputs are data: URLs
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        )
    )


def add_policy(page: str, marker: str = "") -> str:
    """``page`` with its policy: every inline script of the page is allowed by hash except
    those between the two ``marker`` comments (the page's own content); the comments are
    removed."""
    content = ""
    if marker:
        begin, end = f"<!--{marker}-->", f"<!--/{marker}-->"
        first, last = page.find(begin), page.rfind(end)
        if 0 <= first < last:
            content = page[first + len(begin) : last]
            page = page[:first] + content + page[last + len(end) :]
    text = policy(inline_scripts(page) - inline_scripts(content))
    meta = f'{POLICY_META} content="{html.escape(text, quote=False)}">'
    charset = _CHARSET.search(page)
    at = charset.end() if charset else page.lower().find("<head>") + len("<head>")
    return page[:at] + meta + page[at:] if at >= len("<head>") else meta + page


def preload_scripts(page: str) -> str:
    """``page`` with a preload of each script its ``<head>`` loads after the policy, in
    order, right after the policy ``<meta>``; ``page`` itself if it has no policy.

    >>> page = (f'<head>{POLICY_META} content="">'
    ...         '<script src="a.js?v=1"></script><script defer src="b.js"></script></head>')
    >>> print(preload_scripts(page).split('content="">')[1].split("<script")[0])
    <link rel="preload" as="script" href="a.js?v=1"><link rel="preload" as="script" href="b.js">
    """
    start = page.find(POLICY_META)
    end = page.lower().find("</head>", start)
    if start < 0 or end < 0:
        return page
    at = page.index(">", start) + 1
    links = []
    for match in _SCRIPT.finditer(page, at, end):
        attributes = match.group("attrs")
        source = _SRC_VALUE.search(attributes)
        kind = _TYPE.search(attributes)
        if not source or (kind.group(1) if kind else "").lower() not in SCRIPT_TYPES - {"module"}:
            continue
        href = next(value for value in source.groups() if value is not None)
        links.append(f'<link rel="preload" as="script" href="{href}">')
    return page[:at] + "".join(links) + page[at:]


def choose_marker(app: Sphinx) -> None:
    """A marker for this build that no data can guess."""
    setattr(app, MARKER, f"bb-content-{secrets.token_hex(16)}")


def mark_page_content(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the page's own content (its ``body``) between two marker comments."""
    marker = getattr(app, MARKER, "")
    if marker and context.get("body"):
        context["body"] = f"<!--{marker}-->{context['body']}<!--/{marker}-->"


def secure_pages(app: Sphinx, exception: Exception | None) -> None:
    """Give every HTML page of the built book its policy."""
    if exception is not None or app.builder.format != "html":
        return
    out, marker = Path(app.outdir), getattr(app, MARKER, "")
    for path in sorted(out.rglob("*.html")):
        if {"_static", "_sources"} & set(path.relative_to(out).parts):
            continue
        page = path.read_text(encoding="utf-8")
        if POLICY_META not in page[:4096]:  # not there yet: written by this build
            path.write_text(preload_scripts(add_policy(page, marker)), encoding="utf-8")


def setup_csp(app: Sphinx) -> None:
    app.connect("builder-inited", choose_marker)
    app.connect("html-page-context", mark_page_content, priority=1000)
    # After the other build-finished steps that write pages (the redirect page).
    app.connect("build-finished", secure_pages, priority=900)
