"""The system Chromium (Debian's package) and how the course starts it, headless, with
playwright: for the pictures of the book's charts (:mod:`backbalance.sphinxext.pictures`),
``make pdf`` and the browser tests."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
