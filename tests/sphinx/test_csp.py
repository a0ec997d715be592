"""The Content-Security-Policy of every page (backbalance.sphinxext.csp): the book's own
host only, the theme's inline scripts allowed by hash, and never a script that the page's
content holds (a raw ``<script>`` or an ``onerror`` in a chapter or a notebook output)."""

from __future__ import annotations

import re
from pathlib import Path

from backbalance.sphinxext.csp import (
    POLICY_META,
    add_policy,
    inline_scripts,
    preload_scripts,
    source_hash,
)

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title>
<script>var theme = 1;</script><script src="x.js"></script>
<script type="application/json">{"data": 1}</script></head>
<body><button onclick="window.print()">Print</button>
<!--M-->
<p>Chapter</p><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">
<!--/M--></body></html>"""


def directives(page: str) -> dict[str, str]:
    content = re.search(rf'{POLICY_META} content="([^"]*)">', page).group(1)
    return dict(d.strip().split(" ", 1) for d in content.replace("&#x27;", "'").split(";"))


def test_only_the_pages_frame_is_allowed_by_hash_never_its_content():
    secured = add_policy(PAGE, "M")
    policy = directives(secured)
    scripts = policy["script-src"].split()
    assert source_hash("var theme = 1;") in scripts
    assert source_hash("window.print()") in scripts and "'unsafe-hashes'" in scripts
    assert source_hash("window.__pwned = 1") not in scripts
    assert source_hash("window.__pwned = 2") not in scripts
    assert source_hash('{"data": 1}') not in scripts, "a data block is not a script"
    assert "<!--M-->" not in secured and "<!--/M-->" not in secured
    assert secured.index(POLICY_META) < secured.index("<script"), "before every script"


def test_the_policy_allows_the_books_host_only_and_no_eval():
    policy = directives(add_policy(PAGE, "M"))
    assert policy["default-src"] == "'none'"
    for directive in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        sources = policy[directive].split()
        assert sources[0] == "'self'", directive
        assert not [s for s in sources if s.startswith(("http", "*", "'unsafe-eval'"))]
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"]


def test_the_heads_scripts_are_preloaded_after_the_policy_in_order():
    """Chromium's preload scanner stops at a policy <meta>: the page lists its head's
    scripts itself, so the browser fetches them together instead of one after another."""
    page = PAGE.replace("</head>", '<script defer src="late.js?v=2"></script></head>')
    secured = preload_scripts(add_policy(page, "M"))
    links = re.findall(r'<link rel="preload" as="script" href="([^"]*)">', secured)
    assert links == ["x.js", "late.js?v=2"]
    assert (
        secured.index(POLICY_META) < secured.index('<link rel="preload"') < secured.index("<script")
    )
    assert preload_scripts(PAGE) == PAGE, "no policy, nothing to add"


def test_a_page_without_content_markers_hashes_its_own_scripts():
    assert inline_scripts(PAGE) >= {"var theme = 1;", "window.print()", "window.__pwned = 1"}


def test_every_built_page_carries_the_policy_and_no_content_script_is_allowed(book):
    page = "# Chapter\n\n<script>window.__pwned = 1</script>\n\nText.\n"
    app = book(
        "programmes", files={"index.md": page}, warningiserror=True, html_theme="sphinx_book_theme"
    )
    out = Path(app.outdir)
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) >= 3  # index, search, genindex
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert text.count(POLICY_META) == 1, path.name
        assert "bb-content-" not in text, "the markers are removed"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "window.__pwned = 1" in index
    assert source_hash("window.__pwned = 1") not in directives(index)["script-src"]
    theme = [s for s in inline_scripts(index) if "DOCUMENTATION_OPTIONS" in s or "mode" in s]
    assert theme and all(source_hash(s) in directives(index)["script-src"] for s in theme)
