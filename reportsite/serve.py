"""Live preview: build, serve dist/ on localhost, rebuild on any change, reload the page.

The server is a small WSGI app over the built folder, so it serves nothing outside
it (a request for /../pyproject.toml is a 404), and it shows the last build's
errors as a page while the data is broken, without stopping.
"""

from __future__ import annotations

import html
import mimetypes
import posixpath
import sys
import time
from pathlib import Path
from urllib.parse import unquote

from .errors import BuildFailed
from .site import Project, build

POLL_MS = 100


class SiteApp:
    """WSGI: files under root only; an error page for HTML requests while the build is broken."""

    def __init__(self, root: Path):
        self.root = root
        self.error: str | None = None

    def __call__(self, environ, start_response):
        path = unquote(environ.get("PATH_INFO") or "/")
        target = self.resolve(path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                start_response("301 Moved Permanently", [("Location", path + "/"), ("Content-Length", "0")])
                return [b""]
            target = target / "index.html"
        wants_page = target is None or target.suffix == ".html"
        if self.error is not None and wants_page:
            return self.respond(start_response, "500 Build failed", "text/html; charset=utf-8", self.error_page())
        if target is None or not target.is_file():
            return self.respond(start_response, "404 Not Found", "text/plain; charset=utf-8", b"404 not found\n")
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        if kind.startswith("text/html"):
            body = dev_html(body)
        return self.respond(start_response, "200 OK", kind, body)

    def resolve(self, path: str) -> Path | None:
        """The file for a URL path, or None for anything that is not inside root."""
        if "\0" in path or "\\" in path:
            return None
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        root = self.root.resolve()
        target = (root / posixpath.join(*parts)).resolve() if parts else root
        if not target.is_relative_to(root) or not target.exists():
            return None
        return target

    @staticmethod
    def respond(start_response, status: str, kind: str, body: bytes):
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [body]

    def error_page(self) -> bytes:
        return ("<!doctype html><html lang=en><head><meta charset=utf-8><title>Build failed</title>\n</head>"
                "<body><h1>Build failed</h1><p>Fix the data and save; this page reloads by itself.</p>"
                f"<pre>{html.escape(self.error or '')}</pre></body></html>").encode()


def dev_html(body: bytes) -> bytes:
    """The live-reload script is inline, so the preview drops the page's CSP; published pages keep it."""
    start = body.find(b'<meta http-equiv="Content-Security-Policy"')
    if start < 0:
        return body
    end = body.find(b">", start)
    return body[:start] + body[end + 1:]


def rebuild(project: Project, app: SiteApp) -> None:
    start = time.perf_counter()
    try:
        built = build(project, keep_files=False)
    except BuildFailed as failed:
        app.error = failed.problems.report()
        print(app.error, file=sys.stderr, flush=True)
        return
    app.error = None
    print(f"rebuilt {built.pages} pages in {time.perf_counter() - start:.2f} s", flush=True)


def serve_forever(project: Project, host: str = "127.0.0.1", port: int = 8000) -> None:
    from livereload import Server
    from livereload.watcher import Watcher
    from tornado import ioloop

    class FastWatcher(Watcher):
        """Polls every POLL_MS instead of livereload's 800 ms, so a save shows quickly."""

        def start(self, callback):
            ioloop.PeriodicCallback(callback, POLL_MS).start()
            return True

    app = SiteApp(project.dist)
    rebuild(project, app)
    server = Server(app, watcher=FastWatcher())
    for folder in project.watched:
        if folder.exists():
            server.watch(str(folder), lambda: rebuild(project, app))
    print(f"serving {project.dist} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
    server.serve(port=port, host=host, debug=False, restart_delay=0)
