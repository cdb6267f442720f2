"""Shared browser plumbing for tests and screenshots: a local HTTP server over a built
site, and Debian's Chromium driven by Playwright with the network outside localhost cut off."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve folder on an ephemeral localhost port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium from the Debian package; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def guard_requests(context, allowed_prefixes: tuple[str, ...]) -> list[str]:
    """Abort every request that does not start with an allowed prefix; return the list of those."""
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(allowed_prefixes) or url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    return blocked
