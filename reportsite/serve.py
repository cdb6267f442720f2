"""Live preview: build, serve on localhost, rebuild on any change, reload the page.

After a change the data is validated at once, reading again only what changed
(datacache.py; a template, stylesheet or catalog edited: not even that), and the
newest site is served from memory, each page rendered when it is asked for, so a
save shows in a fraction of a second; dist/ is then written by another process, at a
lower priority (a build reusing the last one's unchanged pages, cache.py), so the
server answers while it writes, the first write after start too. The server
serves nothing outside the site (a request for /../pyproject.toml is a 404), and
while the data is broken it shows the error list instead, without stopping.
"""

from __future__ import annotations

import html
import mimetypes
import multiprocessing
import os
import sys
import time
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .errors import BuildFailed, counted
from .render import SharedBytecode, SiteRenderer
from .site import Project, build, data_cache, make_renderer, read_data

if TYPE_CHECKING:
    from .datacache import DataCache
    from .model import Site

POLL_MS = 50  # how often the watcher looks for changes (a look at 300 files: about 3 ms)
SERVED_KEPT = 64  # files of the newest site kept as served: a reload, or a browser asking again, is not rendered again
WRITE_DELAY_S = 0.5  # let the reloaded browser fetch its page before the full write
WRITE_JOBS = 1  # the writer's processes: one, so that a core stays free for the preview
WRITER_NICENESS = 10  # the writer yields the processor to the preview, which answers a save while dist/ is written


class SiteApp:
    """WSGI over the newest site (in memory) and dist/ (on disk), nothing else."""

    def __init__(self, dist: Path, assets: Path):
        self.dist, self.assets = dist, assets
        self.error: str | None = None
        self.renderer: SiteRenderer | None = None  # of the newest site
        self.served: OrderedDict[str, bytes] = OrderedDict()  # its files rendered last, the SERVED_KEPT newest

    def show(self, renderer: SiteRenderer) -> None:
        """Serve this site from now on (its files rendered when asked for)."""
        self.renderer, self.error = renderer, None
        self.served.clear()

    def __call__(self, environ, start_response):
        path = unquote(environ.get("PATH_INFO") or "/")
        name = site_path(path)
        if name is None:
            return self.respond(start_response, "404 Not Found", "text/plain; charset=utf-8", b"404 not found\n")
        if self.has_folder(name):
            start_response("301 Moved Permanently", [("Location", path + "/"), ("Content-Length", "0")])
            return [b""]
        wants_page = name.endswith(".html")
        body = None if self.error else self.newest(name)
        if self.error is not None and wants_page:
            return self.respond(start_response, "500 Build failed", "text/html; charset=utf-8", self.error_page())
        if body is None:
            body = self.from_disk(name)
        if body is None:
            return self.respond(start_response, "404 Not Found", "text/plain; charset=utf-8", b"404 not found\n")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        return self.respond(start_response, "200 OK", kind, body)

    def newest(self, name: str) -> bytes | None:
        """The file from the newest site, rendered now; a template mistake becomes the error page."""
        if self.renderer is None:
            return None
        if name in self.served:
            self.served.move_to_end(name)
            return self.served[name]
        body = self.renderer.file(name, preview=True)
        if body is None and name.startswith("assets/"):
            body = read_inside(self.assets, name[len("assets/"):])
        if self.renderer.problems:
            self.error = self.renderer.problems.report()
            return None
        if body is not None:
            self.served[name] = body
            if len(self.served) > SERVED_KEPT:
                self.served.popitem(last=False)
        return body

    def from_disk(self, name: str) -> bytes | None:
        return read_inside(self.dist, name)

    def has_folder(self, name: str) -> bool:
        """A folder URL without its slash: /en/sections/x -> /en/sections/x/."""
        if name.endswith(".html") or "." in name.rsplit("/", 1)[-1]:
            return False
        index = name.rstrip("/") + "/index.html"
        return bool(self.renderer and index in self.renderer.by_dest) or (self.dist / index).is_file()

    @staticmethod
    def respond(start_response, status: str, kind: str, body: bytes):
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [body]

    def error_page(self) -> bytes:
        return ("<!doctype html><html lang=en><head><meta charset=utf-8><title>Build failed</title>\n</head>"
                f"<body><h1>Build failed</h1><p>{what_to_fix(self.error or '')} and save; this page reloads by "
                "itself.</p>"
                f"<pre>{html.escape(self.error or '')}</pre></body></html>").encode()


def what_to_fix(report: str) -> str:
    """Which kind of file the listed mistakes are in: the data, the templates or catalog, or both."""
    places = {line.split(":", 1)[0].split("/", 1)[0] for line in report.splitlines()[:-1]}
    code = {"templates", "locales", "reportsite", "assets"}
    if places and places <= code:
        return "Fix the template or the catalog"
    if places & code:
        return "Fix the data and the templates or catalog"
    return "Fix the data"


def site_path(url_path: str) -> str | None:
    """The site file a URL path names (folders -> index.html), or None if it tries to leave the site."""
    if "\0" in url_path or "\\" in url_path:
        return None
    parts = [p for p in url_path.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    name = "/".join(parts)
    return name + "/index.html" if url_path.endswith("/") and name else (name or "index.html")


def read_inside(root: Path, name: str) -> bytes | None:
    """A file's bytes if it is under root (after resolving links), else None."""
    base = root.resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target.read_bytes()


class Preview:
    """Rebuilds on change: validate now, serve from memory, write dist/ shortly after, in another process."""

    def __init__(self, project: Project, app: SiteApp, schedule):
        self.project, self.app, self.schedule = project, app, schedule
        self.bytecode = SharedBytecode()  # templates that did not change are not compiled again
        self.generation = 0
        self.writer: multiprocessing.Process | None = None  # the write of dist/ under way
        self.kept: DataCache | None = None  # the units of the last read of the data (datacache.py)

    def rebuild(self, data: bool = True) -> None:
        """Serve the inputs as they are now; data=False: only templates, assets or catalogs changed, and the
        site already read is served again, with new templates."""
        start = time.perf_counter()
        try:
            site = self.app.renderer.site if not data and self.app.renderer is not None else self.read()
            renderer = make_renderer(self.project, site, bytecode=self.bytecode)
        except BuildFailed as failed:
            self.fail(failed)
            return
        self.app.show(renderer)
        self.generation += 1
        print(f"validated in {time.perf_counter() - start:.2f} s; serving the new site", flush=True)
        self.schedule(WRITE_DELAY_S, lambda generation=self.generation: self.write(generation))

    def read(self) -> Site:
        """The data, read again only where it changed, through the units the last read kept in memory (saved
        beside dist/ by the writer, not here: a save is previewed first)."""
        kept = data_cache(self.project, self.kept)
        site = read_data(self.project, kept)
        self.kept = kept
        return site

    def write(self, generation: int) -> None:
        """Write dist/ in a process of its own, once the one under way is done (a newer change writes anew)."""
        if generation != self.generation or self.app.renderer is None:
            return  # a newer change came in; its own write follows
        if self.writer is not None and self.writer.is_alive():
            self.schedule(WRITE_DELAY_S, lambda: self.write(generation))
            return
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self.writer = context.Process(target=write_dist, args=(self.project, self.kept), daemon=True)
        self.writer.start()

    def fail(self, failed: BuildFailed) -> None:
        self.app.error = failed.problems.report()
        print(self.app.error, file=sys.stderr, flush=True)


def write_dist(project: Project, kept: DataCache | None = None) -> None:
    """Build dist/ from the inputs as they are now, reusing the last build's unchanged files and the preview's
    last read of the data (kept, saved first), in the writer process, at a lower priority: a save during the
    write is previewed first. Mistakes are the preview's to show, the server's log says them too."""
    os.nice(WRITER_NICENESS)
    if kept is not None:
        kept.save()
    start = time.perf_counter()
    try:
        built = build(project, keep_files=False, jobs=WRITE_JOBS, reuse=True)
    except BuildFailed as failed:
        print(failed.problems.report(), file=sys.stderr, flush=True)
        return
    print(f"wrote {counted(built.pages, 'page')} to {project.dist} in {time.perf_counter() - start:.2f} s", flush=True)


def serve_forever(project: Project, host: str = "127.0.0.1", port: int = 8000) -> None:
    from livereload import Server
    from livereload.server import LiveScriptContainer
    from livereload.watcher import Watcher
    from tornado import ioloop, web

    class HeadersOnly:
        """A connection that sends a response's status and headers and never its body."""

        def __init__(self, connection):
            self.connection = connection

        def write_headers(self, start_line, headers, chunk=None):
            return self.connection.write_headers(start_line, headers)

        def __getattr__(self, name):
            return getattr(self.connection, name)

    class PreviewContainer(LiveScriptContainer):
        """livereload writes a HEAD response's body, which tornado refuses (the client gets an empty
        reply): a HEAD gets the status and headers of the GET, Content-Length included, and no body."""

        def __call__(self, request):
            if request.method == "HEAD":
                request.connection = HeadersOnly(request.connection)
            return super().__call__(request)

    class PreviewServer(Server):
        def get_web_handlers(self, script):
            return [(r".*", web.FallbackHandler, {"fallback": PreviewContainer(self.app, script)})]

    class FastWatcher(Watcher):
        """Polls every POLL_MS instead of livereload's 800 ms, so a save shows quickly."""

        def start(self, callback):
            ioloop.PeriodicCallback(callback, POLL_MS).start()
            return True

    app = SiteApp(project.dist, project.assets)
    preview = Preview(project, app, lambda delay, fn: ioloop.IOLoop.current().call_later(delay, fn))
    preview.rebuild()  # served from memory at once; dist/ is written when the server starts
    server = PreviewServer(app, watcher=FastWatcher())
    for folder in project.watched:
        if folder.exists():
            data = folder in (project.data, project.content)
            server.watch(str(folder), lambda data=data: preview.rebuild(data))
    print(f"serving {project.dist} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
    server.serve(port=port, host=host, debug=False, restart_delay=0)
