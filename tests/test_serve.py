"""The live preview: serves only the built site, on localhost, and survives a data error."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .browser import http_get
from .conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    status, body = http_get(url, timeout=5)
    return status, body.decode("utf-8", "replace")


def wait_for(predicate, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def server(mini):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--data", str(mini.data), "--content", str(mini.content),
         "--dist", str(mini.dist), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"

    def up():
        try:
            return get(base + "en/")[0] == 200
        except OSError:
            return False
    try:
        wait_for(up)
        yield base, mini, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def raw_status(port_base: str, path: str) -> int:
    """Send a path exactly as written (no client-side normalisation of ../)."""
    host, port = port_base.split("//")[1].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        return int(s.recv(64).split()[1])


def raw_response(port_base: str, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """Everything the server sends for one request, until it closes: (status, headers, body)."""
    host, port = port_base.split("//")[1].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        reply = b"".join(iter(lambda: s.recv(65536), b""))
    assert reply, f"{method} {path}: an empty reply"
    head, _, body = reply.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    return int(status.split()[1]), dict(line.split(": ", 1) for line in lines), body


@pytest.mark.parametrize("path", ["/", "/en/example-2030/figures/gdp-2029/", "/robots.txt", "/no-such-page/"])
def test_a_head_request_gets_the_status_and_headers_of_a_get_and_no_body(server, path):
    base, _, _ = server
    status, headers, body = raw_response(base, "GET", path)
    assert int(headers["Content-Length"]) == len(body) > 0
    head_status, head_headers, head_body = raw_response(base, "HEAD", path)
    assert (head_status, head_body) == (status, b"")
    assert head_headers.keys() - {"Date"} == headers.keys() - {"Date"}
    assert all(head_headers[k] == headers[k] for k in headers.keys() - {"Date"})


def test_serves_the_built_site_with_live_reload(server):
    base, _, _ = server
    status, html = get(base + "en/example-2030/sections/review-economy/")
    assert status == 200 and "livereload.js" in html
    assert get(base + "en/example-2030/sections/review-economy")[0] == 200  # redirected to the folder


def test_the_preview_serves_pages_without_their_security_policy_and_writes_them_with_it(server):
    """The reload script the preview adds is inline, which a page's Content-Security-Policy forbids: the
    preview's own pages have none, the pages it writes to dist/ keep theirs."""
    base, mini, _ = server
    status, html = get(base + "en/example-2030/sections/review-economy/")
    assert status == 200 and "Content-Security-Policy" not in html
    written = mini.dist / "en" / "example-2030" / "sections" / "review-economy" / "index.html"
    wait_for(written.is_file)
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in written.read_text("utf-8")


@pytest.mark.parametrize("path", ["/../pyproject.toml", "/%2e%2e/pyproject.toml", "/en/../../build.py",
                                  "/..%2fpyproject.toml", "/%2e%2e%2f%2e%2e%2fetc/passwd", "/assets/..%5c..%5cbuild.py"])
def test_nothing_outside_the_built_site_is_served(server, path):
    base, _, _ = server
    assert raw_status(base, path) == 404


def listening_addresses(pid: int) -> set[tuple[str, int]]:
    """(address, port) of every TCP socket the process listens on, from the kernel's socket
    table (/proc/net/tcp and tcp6), matched to the process by the socket inodes among its fds."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):  # an fd closed while we look
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:["):-1])
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in inodes:  # 0A: LISTEN
                continue
            address, port = local.split(":")
            # the kernel prints the address as 32-bit words in host (little-endian) byte order
            raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, len(address), 8))
            found.add((socket.inet_ntop(family, raw), int(port, 16)))
    return found


def test_binds_to_localhost_by_default(server):
    base, _, process = server
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    listening = listening_addresses(process.pid)
    assert ("127.0.0.1", port) in listening
    assert {address for address, _ in listening} == {"127.0.0.1"}, listening


def test_a_data_error_shows_on_the_page_and_the_server_keeps_running(server):
    base, mini, _ = server
    section = mini.data / "example-2030" / "sections" / "plan-goals.yaml"
    good = section.read_text(encoding="utf-8")
    section.write_text(good.replace("    value: 20\n", "    value: twenty\n"), encoding="utf-8")
    status, html = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(get(base + "en/")))
    assert "Build failed" in html and "figures[living-circles-2030].value: expected a number, found &#x27;twenty&#x27;" in html
    section.write_text(good.replace("Goals for the year", "Goals for this year"), encoding="utf-8")
    status, html = wait_for(lambda: (lambda r: r if "Goals for this year" in r[1] else None)(
        get(base + "en/example-2030/sections/plan-goals/")))
    assert status == 200
    written = mini.dist / "en" / "example-2030" / "sections" / "plan-goals" / "index.html"
    wait_for(lambda: written.exists() and "Goals for this year" in written.read_text(encoding="utf-8"))


def test_dist_is_written_by_another_process_so_the_preview_answers_while_it_writes(mini):
    """The first write after start takes as long as a build: the server's own process never does it."""
    from reportsite.serve import Preview, SiteApp

    later = []
    preview = Preview(mini, SiteApp(mini.dist, mini.assets), lambda delay, fn: later.append(fn))
    preview.rebuild()
    assert preview.app.renderer.file("en/index.html", preview=True)  # served from memory at once
    later.pop()()  # the write, due half a second later
    assert preview.writer is not None and preview.writer.pid != os.getpid()
    preview.writer.join(120)
    assert preview.writer.exitcode == 0
    page = mini.dist / "en" / "example-2030" / "sections" / "review-economy" / "index.html"
    assert page.read_bytes() == preview.app.renderer.file("en/example-2030/sections/review-economy/index.html")


def test_a_page_asked_for_again_is_not_rendered_again_until_the_next_save(mini):
    """A browser reloading (or a script polling) while the server waits for the next save costs no rendering."""
    import reportsite.serve as serve

    preview = serve.Preview(mini, serve.SiteApp(mini.dist, mini.assets), lambda delay, fn: None)
    preview.rebuild()
    renderer, rendered = preview.app.renderer, []
    render = renderer.file
    renderer.file = lambda name, preview=False: rendered.append(name) or render(name, preview)

    def body(path: str) -> bytes:
        return b"".join(preview.app({"PATH_INFO": path}, lambda status, headers: None))

    first = body("/en/example-2030/sections/plan-goals/")
    assert body("/en/example-2030/sections/plan-goals/") == first
    assert rendered == ["en/example-2030/sections/plan-goals/index.html"]
    section = mini.data / "example-2030" / "sections" / "plan-goals.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("Goals for the year", "Goals for this year"),
                       encoding="utf-8")
    preview.rebuild()
    assert b"Goals for this year" in body("/en/example-2030/sections/plan-goals/")


def test_a_template_edit_is_previewed_without_reading_the_data_again(mini, monkeypatch):
    import reportsite.serve as serve

    preview = serve.Preview(mini, serve.SiteApp(mini.dist, mini.assets), lambda delay, fn: None)
    preview.rebuild()
    site = preview.app.renderer.site
    monkeypatch.setattr(serve, "read_data", lambda *args: pytest.fail("the data was read again"))
    monkeypatch.setattr(serve, "make_renderer", lambda project, site_, bytecode: type(
        "Renderer", (), {"site": site_})())
    preview.rebuild(data=False)
    assert preview.app.renderer.site is site


def test_a_save_reads_again_only_the_file_it_changed(mini, monkeypatch):
    """The preview reads the data through the build's cache of it (reportsite/datacache.py)."""
    import reportsite.datacache as datacache
    import reportsite.serve as serve

    preview = serve.Preview(mini, serve.SiteApp(mini.dist, mini.assets), lambda delay, fn: None)
    preview.rebuild()
    section = mini.data / "example-2030" / "sections" / "plan-goals.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("Goals for the year", "Goals for this year"),
                       encoding="utf-8")
    parsed, load_yaml = [], datacache.load_yaml
    monkeypatch.setattr(datacache, "load_yaml", lambda path, *args: parsed.append(path) or load_yaml(path, *args))
    preview.rebuild()
    assert [p.name for p in parsed if p.is_relative_to(mini.data)] == ["plan-goals.yaml"]
    assert b"Goals for this year" in preview.app.renderer.file("en/example-2030/sections/plan-goals/index.html",
                                                               preview=True)


def test_the_writer_yields_the_processor_to_the_preview(mini, monkeypatch):
    """It lowers its priority before it builds: a save during the first, long write is previewed at once."""
    import reportsite.serve as serve

    done = []
    monkeypatch.setattr(serve.os, "nice", lambda increment: done.append(("nice", increment)))
    monkeypatch.setattr(serve, "build", lambda *args, **kwargs: done.append("build") or type("Built", (), {"pages": 0}))
    kept = type("Kept", (), {"save": lambda self: done.append("the preview's read saved")})()
    serve.write_dist(mini, kept)
    assert done == [("nice", serve.WRITER_NICENESS), "the preview's read saved", "build"]
    assert serve.WRITER_NICENESS > 0
