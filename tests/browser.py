"""Shared browser plumbing for tests and screenshots: a local HTTP server over a built
site, and Debian's Chromium driven by Playwright with the network outside localhost cut off."""

from __future__ import annotations

import contextlib
import re
import functools
import http.server
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: a folder without index.html is not found (never a listing of its files)."""

    def log_message(self, *args):  # keep test output clean
        pass

    def list_directory(self, path):
        self.send_error(404, "No index.html in this folder")
        return None


def http_get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    """The status and body of a GET, an error status's included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


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
        blocked.append(r.request.url)
        r.abort()

    # A pattern the browser side matches itself: only the requests it blocks come back to Python
    # (a handler for every request costs a round trip each, minutes over a whole-site crawl).
    allowed = "|".join(re.escape(prefix) for prefix in (*allowed_prefixes, "data:"))
    context.route(re.compile(f"^(?!{allowed})"), route)
    return blocked


@contextlib.contextmanager
def checked_page(browser, allowed: tuple[str, ...], requests: list[str] | None = None, **context_options):
    """A page that may load only URLs under allowed; on leaving, no request went elsewhere
    and the console logged no error or warning. Every request's URL is appended to requests."""
    context = browser.new_context(**context_options)
    blocked = guard_requests(context, allowed)
    requests = [] if requests is None else requests
    errors: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()
    outside = [u for u in requests if not u.startswith(allowed) and not u.startswith("data:")]
    assert blocked == [] and outside == [], f"requests left {allowed}: {blocked or outside}"
    assert errors == [], f"console errors: {errors}"


FIRST_QUERY_LIMIT = 60_000  # gzipped bytes a first search may load, everything included (issue: ≤ 60 KB)
FIRST_QUERIES = ("{lang}/search/{page}?q=GDP",  # a term, a Chinese phrase (高新技术企业), a number
                 "{lang}/search/{page}?q=%E9%AB%98%E6%96%B0%E6%8A%80%E6%9C%AF%E4%BC%81%E4%B8%9A",
                 "{lang}/search/{page}?q=9.2%25")


def gzipped_bytes_of_a_first_query(browser, base: str, folder: Path, address: str) -> tuple[int, list[str]]:
    """Open a search page at address (under base, served from folder) in a fresh browser, with nothing
    cached, wait for its first ten results (or all, when fewer), and add up each file it loaded, gzipped as a host would
    send it; returns that total and the files."""
    import gzip

    requests: list[str] = []
    with checked_page(browser, (base,), requests, viewport={"width": 390, "height": 800}) as page:
        page.goto(base + address)
        page.locator("[data-search-results][data-state=shown]").wait_for(timeout=15000)
        page.wait_for_load_state("load")
    files = sorted({u.split("#")[0].split("?")[0][len(base):] for u in requests if not u.startswith("data:")})
    paths = [folder / (f + "index.html" if f.endswith("/") or f == "" else f) for f in files]
    return sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths), files
