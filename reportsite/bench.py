"""Benchmark the site build: `python -m reportsite.bench [--help]`.

Measures, on this machine in one run (medians of several runs):

1. cold build: `python build.py --dist TMP` in a fresh process (interpreter start-up
   included), and the build alone in-process, with load (validate), render and write
   timed separately;
2. rebuild under `build.py serve` after one YAML edit and after one template edit,
   from the file write to the new page being served (against a copy of the project);
3. page weight of every HTML page of a fresh build (HTML, gzip, CSS/JS per page
   load, requests, render-blocking scripts, web fonts, section size vs its text);
4. the offline bundle (reportsite.bundle.build_bundle), when it exists;
5. scale: synthetic reports at 1x, 10x and 100x the real report, each built in a
   fresh process: wall time, peak RSS, pages, time per page.

Writes bench/results.json and prints Markdown tables to stdout (progress goes to
stderr). Everything is built in a temporary folder; the project is never modified.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import gzip
import importlib
import importlib.metadata
import json
import os
import platform
import posixpath
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("data", "content", "templates", "assets", "locales")
KINDS = ("home", "part", "section", "figure", "other")

GOALS = {
    "cold_build_s": 1.5,
    "in_process_build_s": 0.5,
    "serve_rebuild_s": 0.3,
    "section_total_gzip_bytes": 30_000,  # 30 KB, decimal
    "section_requests": 3,
    "scale_ratio_100x": 100.0,
    "scale_rss_mb": 500.0,
}

# Runs a command, then reports its wall time and the peak RSS of that one child.
# A fresh helper per run, so RUSAGE_CHILDREN's maximum belongs to this run alone.
_CHILD = r"""
import json, resource, subprocess, sys, time
timeout = float(sys.argv[1])
start = time.perf_counter()
try:
    p = subprocess.run(sys.argv[2:], capture_output=True, timeout=timeout)
    rc, out, err = p.returncode, p.stdout, p.stderr
except subprocess.TimeoutExpired as exc:
    rc, out, err = None, exc.stdout or b"", exc.stderr or b""
wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rc": rc, "maxrss_kb": ru.ru_maxrss, "user": ru.ru_utime, "sys": ru.ru_stime,
                  "stdout": out.decode("utf-8", "replace")[-3000:], "stderr": err.decode("utf-8", "replace")[-3000:]}))
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def stats(values: list[float]) -> dict | None:
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": [round(v, 6) for v in values]}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# -- the machine ----------------------------------------------------------------------------


def machine() -> dict:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_mb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_mb = round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    versions = {}
    for name in ("Jinja2", "PyYAML", "markdown-it-py", "Babel", "MarkupSafe", "livereload", "tornado"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cores": os.cpu_count(), "usable_cores": usable, "cpu": cpu, "memory_mb": mem_mb,
        "python": platform.python_version(), "implementation": platform.python_implementation(),
        "executable": sys.executable, "platform": platform.platform(), "machine": platform.machine(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)), "packages": versions,
    }


# -- subprocess helpers ------------------------------------------------------------------------


def measured_run(cmd: list[str], cwd: Path, timeout: float) -> dict:
    """Run cmd in a fresh helper process; wall time and peak RSS of cmd alone."""
    helper = subprocess.run([sys.executable, "-c", _CHILD, str(timeout), *cmd], cwd=cwd, check=False,
                            capture_output=True, text=True, timeout=timeout + 60)
    if helper.returncode != 0:
        raise RuntimeError(f"measuring helper failed: {tail(helper.stderr)}")
    return json.loads(helper.stdout)


def copy_project(src: Path, dest: Path) -> Path:
    """A copy of the project: data/, content/, templates/, assets/, locales/, build.py, reportsite/."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_PARTS + ("reportsite",):
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name, ignore=ignore)
    shutil.copy2(src / "build.py", dest / "build.py")
    # compile now, so the first timed build of the copy does not pay for it
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "reportsite")], check=False,
                   capture_output=True)
    return dest


def count_pages(dist: Path) -> int:
    return sum(1 for _ in dist.rglob("*.html")) if dist.exists() else 0


# -- 1. cold and in-process builds ---------------------------------------------------------------


def bench_cold(root: Path, tmp: Path, runs: int) -> dict:
    startup = []
    imports = []
    builds, rss = [], []
    cmd_build = [sys.executable, str(root / "build.py")]
    for i in range(runs + 1):  # the first run only warms the OS file cache and __pycache__
        dist = tmp / f"cold-{i}"
        r = measured_run(cmd_build + ["--dist", str(dist)], root, 120)
        if r["rc"] != 0:
            return {"error": f"build.py exited {r['rc']}: {tail(r['stderr'] or r['stdout'])}"}
        if i:
            builds.append(r["wall"])
            rss.append(r["maxrss_kb"] / 1024)
        shutil.rmtree(dist, ignore_errors=True)
    for _ in range(runs):
        startup.append(measured_run([sys.executable, "-c", "pass"], root, 60)["wall"])
        imports.append(measured_run([sys.executable, "-c", "import reportsite.cli, reportsite.site"], root, 60)["wall"])
    return {
        "command": "python build.py --dist TMP (sys.executable, cwd = project root)",
        "seconds": stats(builds), "peak_rss_mb": stats(rss),
        "interpreter_startup_s": stats(startup), "import_reportsite_s": stats(imports),
    }


def bench_in_process(root: Path, tmp: Path, runs: int) -> dict:
    from . import site as site_mod
    from .write import write_site

    project = site_mod.Project.at(root, dist=tmp / "inproc-dist")
    first = time.perf_counter()
    built = site_mod.build(project)
    first = time.perf_counter() - first
    totals, loads, renders, writes = [], [], [], []
    for _ in range(runs):  # as the command line builds: pages stream to the disk
        start = time.perf_counter()
        site_mod.build(project, keep_files=False)
        totals.append(time.perf_counter() - start)
    for _ in range(runs):
        start = time.perf_counter()
        report = site_mod.read_report(project)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        files = site_mod.render_files(project, report)
        renders.append(time.perf_counter() - start)
        start = time.perf_counter()
        write_site(files.items(), project.dist)
        writes.append(time.perf_counter() - start)
    shutil.rmtree(project.dist, ignore_errors=True)
    return {
        "call": "reportsite.site.build(Project.at(root, dist=TMP), keep_files=False)",
        "first_build_s": first, "build_s": stats(totals),
        "load_validate_s": stats(loads), "render_s": stats(renders), "write_s": stats(writes),
        "pages": built.pages, "files": len(built.files),
        "bytes": sum(len(b) for b in built.files.values()),
        "sections": len(built.report.sections), "figures": len(built.report.figures),
        "paragraphs": len(built.report.paragraphs()),
    }


# -- 3. page weight --------------------------------------------------------------------------------


class PageRefs(HTMLParser):
    """What one HTML page makes the browser fetch, and whether a script blocks rendering."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.in_style = False
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.images: list[str] = []
        self.other: list[str] = []
        self.blocking: list[str] = []
        self.inline_css: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "style":
            self.in_style = True
        elif tag == "link":
            rel = a.get("rel", "").lower().split()
            if "stylesheet" in rel and a.get("href"):
                self.styles.append(a["href"])
            elif set(rel) & {"icon", "preload", "modulepreload", "manifest", "apple-touch-icon"} and a.get("href"):
                self.other.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
            deferred = "defer" in a or "async" in a or a.get("type", "").lower() == "module"
            if self.in_head and not deferred:
                self.blocking.append(a["src"])
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.images.append(a["src"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.inline_css.append(data)


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def resolve(page: str, ref: str) -> str | None:
    """A reference from page (dist-relative path) -> dist-relative file, None if external or data:."""
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    if not ref or ref.startswith(("data:", "http://", "https://", "//", "mailto:", "javascript:")):
        return None
    path = ref[1:] if ref.startswith("/") else posixpath.join(posixpath.dirname(page), ref)
    path = posixpath.normpath(path)
    if ref.endswith("/") or path == ".":
        path = posixpath.join(path, "index.html") if path != "." else "index.html"
    return path


def page_kind(rel: str) -> str:
    parts = rel.split("/")
    if len(parts) == 2 and parts[1] == "index.html" and parts[0] in ("zh", "en"):
        return "home"
    if len(parts) == 4 and parts[3] == "index.html" and parts[1] in ("parts", "sections", "figures"):
        return {"parts": "part", "sections": "section", "figures": "figure"}[parts[1]]
    return "other"


def weigh_site(dist: Path, report) -> dict:
    """Every HTML page under dist: bytes, gzip, CSS/JS per load, requests; section size vs its text."""
    cache: dict[str, bytes | None] = {}

    def read(rel: str) -> bytes | None:
        if rel not in cache:
            path = dist / rel
            cache[rel] = path.read_bytes() if path.is_file() else None
        return cache[rel]

    gz_cache: dict[str, int] = {}

    def gz_of(rel: str) -> int:
        if rel not in gz_cache:
            gz_cache[rel] = gz(read(rel) or b"")
        return gz_cache[rel]

    pages, missing, external, blocking, fonts = [], set(), set(), [], set()
    for path in sorted(dist.rglob("*.html")):
        rel = path.relative_to(dist).as_posix()
        if rel.split("/", 1)[0] == "bundle":
            continue
        data = path.read_bytes()
        parser = PageRefs()
        parser.feed(data.decode("utf-8", "replace"))
        kind = page_kind(rel)
        css = list(dict.fromkeys(x for x in (resolve(rel, r) for r in parser.styles) if x))
        js = list(dict.fromkeys(x for x in (resolve(rel, r) for r in parser.scripts) if x))
        other = list(dict.fromkeys(x for x in (resolve(rel, r) for r in parser.images + parser.other) if x))
        for ref in parser.styles + parser.scripts + parser.images + parser.other:
            if ref.startswith(("http://", "https://", "//")):
                external.add(ref)
        css_text = "".join(parser.inline_css)
        for c in css:
            body = read(c)
            if body is None:
                missing.add(f"{rel} -> {c}")
                continue
            text = body.decode("utf-8", "replace")
            css_text += text
            for u in CSS_URL.findall(text):
                target = resolve(c, u)
                if target:
                    other.append(target)
        if "@font-face" in css_text:
            fonts.add(rel)
        for x in js + other:
            if read(x) is None:
                missing.add(f"{rel} -> {x}")
        other = list(dict.fromkeys(other))
        external_here = sum(1 for r in parser.styles + parser.scripts + parser.images + parser.other
                            if r.startswith(("http://", "https://", "//")))
        html_gz = gz(data)
        css_gz = sum(gz_of(c) for c in css)
        js_gz = sum(gz_of(j) for j in js)
        entry = {
            "page": rel, "kind": kind, "html_bytes": len(data), "html_gzip": html_gz,
            "css_bytes": sum(len(read(c) or b"") for c in css), "css_gzip": css_gz,
            "js_bytes": sum(len(read(j) or b"") for j in js), "js_gzip": js_gz,
            "other_gzip": sum(gz_of(o) for o in other),
            "total_gzip": html_gz + css_gz + js_gz,
            "requests": 1 + len(css) + len(js) + len(other) + external_here,
            "blocking_scripts": parser.blocking,
        }
        if parser.blocking:
            blocking.append(rel)
        if kind == "section":
            section = report.lookup["sections"].get(rel.split("/")[2])
            if section is not None:
                paras = section.all_paragraphs
                text = "\n".join([p.zh for p in paras] + [p.en for p in paras]).encode("utf-8")
                entry["text_gzip"] = gz(text)
                entry["ratio_total_to_text"] = entry["total_gzip"] / entry["text_gzip"]
        pages.append(entry)

    def spread(items: list[dict], key: str) -> dict | None:
        values = [p[key] for p in items if key in p]
        if not values:
            return None
        return {"min": min(values), "median": statistics.median(values), "max": max(values)}

    by_kind = {}
    for kind in KINDS:
        items = [p for p in pages if p["kind"] == kind]
        if not items:
            continue
        by_kind[kind] = {"pages": len(items), **{k: spread(items, k) for k in (
            "html_bytes", "html_gzip", "css_gzip", "js_gzip", "total_gzip", "requests", "ratio_total_to_text")
            if spread(items, k) is not None}}
        by_kind[kind]["largest"] = max(items, key=lambda p: p["total_gzip"])["page"]
    sections = [p for p in pages if p["kind"] == "section"]
    return {
        "pages": len(pages), "by_kind": by_kind,
        "render_blocking_pages": blocking,
        "section_render_blocking": [p["page"] for p in sections if p["blocking_scripts"]],
        "web_font_pages": sorted(fonts), "web_font": bool(fonts),
        "missing_refs": sorted(missing)[:50], "external_refs": sorted(external),
        "per_page": pages,
    }


def bench_weight(root: Path, tmp: Path) -> dict:
    from . import site as site_mod

    project = site_mod.Project.at(root, dist=tmp / "weight-dist")
    built = site_mod.build(project)
    result = weigh_site(project.dist, built.report)
    shutil.rmtree(project.dist, ignore_errors=True)
    return result


# -- 2. serve ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5.0) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read() if response.status == 200 else None
    except (urllib.error.URLError, OSError, ValueError):
        return None


def edit_title(path: Path, marker: str) -> None:
    """Replace the section's top-level title with one whose English side ends in marker."""
    text = path.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    en = re.sub(r" · bench-edit-\S+$", "", title["en"]) + f" · {marker}"
    new = f"title: {{zh: {json.dumps(title['zh'], ensure_ascii=False)}, en: {json.dumps(en, ensure_ascii=False)}}}"
    path.write_text("\n".join(lines[:start] + [new] + lines[end:]), encoding="utf-8")


def edit_template(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    comment = f"<!-- {marker} -->"
    text = text.replace("</body>", comment + "</body>", 1) if "</body>" in text else text + comment + "\n"
    path.write_text(text, encoding="utf-8")


def bench_serve(root: Path, tmp: Path, runs: int, poll: float = 0.005, timeout: float = 30.0) -> dict:
    """Start `build.py serve` on a copy; time file write -> new page served, for a YAML and a template edit."""
    site = copy_project(root, tmp / "serve-site")
    sections = sorted((site / "data" / "sections").glob("*.yaml"))
    chosen = site / "data" / "sections" / "plan-1-innovation.yaml"
    section_file = chosen if chosen.exists() else sections[0]
    section_id = section_file.stem
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/en/sections/{section_id}/"
    cmd = [sys.executable, "build.py", "--root", str(site), "serve", "--port", str(port)]
    out_path, err_path = tmp / "serve.stdout", tmp / "serve.stderr"
    result: dict = {"command": "python build.py --root COPY serve --port PORT", "page": f"/en/sections/{section_id}/",
                    "yaml_edit_s": None, "template_edit_s": None, "reason": None}
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=site, stdout=out, stderr=err, start_new_session=True)
        try:
            ready = None
            while time.perf_counter() - start < 90:
                if proc.poll() is not None:
                    break
                if fetch(base + "/en/", timeout=2) is not None:
                    ready = time.perf_counter() - start
                    break
                time.sleep(0.05)
            if ready is None:
                why = (f"exited with code {proc.returncode}" if proc.poll() is not None
                       else "did not serve /en/ in 90 s")
                result["reason"] = f"`serve` not available: {why}: {tail(err_path.read_text(errors='replace'), 4)}"
                return result
            result["startup_to_first_page_s"] = ready
            time.sleep(0.5)
            samples = {"yaml_edit_s": [], "template_edit_s": []}
            failures = []
            for i in range(runs):
                for key, path, edit in (("yaml_edit_s", section_file, edit_title),
                                        ("template_edit_s", site / "templates" / "base.html", edit_template)):
                    marker = f"bench-edit-{key[:4]}-{i}-{random.randrange(10**6)}"
                    t0 = time.perf_counter()
                    edit(path, marker)
                    seen = None
                    while time.perf_counter() - t0 < timeout:
                        body = fetch(url)
                        if body is not None and marker.encode() in body:
                            seen = time.perf_counter() - t0
                            break
                        if proc.poll() is not None:
                            break
                        time.sleep(poll)
                    if seen is None:
                        failures.append(f"{key} run {i}: new text not served within {timeout:.0f} s"
                                        + (" (server exited)" if proc.poll() is not None else ""))
                    else:
                        samples[key].append(seen)
                    time.sleep(2.0)  # let the background write of dist/ finish, as between two real saves
            result["yaml_edit_s"] = stats(samples["yaml_edit_s"])
            result["template_edit_s"] = stats(samples["template_edit_s"])
            if failures:
                result["reason"] = "; ".join(failures[:4])
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(10)
    log_text = out_path.read_text(errors="replace")
    result["server_reported_validate_s"] = stats([float(s) for s in re.findall(r"validated in ([\d.]+) s", log_text)])
    result["server_reported_write_s"] = stats([float(s) for s in re.findall(r"wrote \d+ pages to \S+ in ([\d.]+) s", log_text)])
    return result


# -- 4. offline bundle ------------------------------------------------------------------------------


def bench_bundle(root: Path, tmp: Path) -> dict:
    try:
        module = importlib.import_module("reportsite.bundle")
    except ImportError as exc:
        return {"zip_bytes": None, "reason": f"reportsite.bundle not importable: {exc}"}
    except Exception as exc:  # noqa: BLE001 (a module being written may not import yet)
        return {"zip_bytes": None, "reason": f"reportsite.bundle failed to import: {type(exc).__name__}: {exc}"}
    build_bundle = getattr(module, "build_bundle", None)
    if build_bundle is None:
        return {"zip_bytes": None, "reason": "reportsite.bundle has no build_bundle"}
    from .site import Project

    project = Project.at(root, dist=tmp / "bundle-dist")
    start = time.perf_counter()
    try:
        lines = build_bundle(project)
        lines = [str(x) for x in lines] if lines is not None else []
    except Exception as exc:  # noqa: BLE001 (record why, measure the rest)
        return {"zip_bytes": None, "reason": f"build_bundle raised {type(exc).__name__}: {exc}",
                "traceback": tail(traceback.format_exc(), 8)}
    seconds = time.perf_counter() - start
    folder = project.dist / "bundle"
    where = folder if folder.is_dir() else project.dist
    zips = sorted(where.rglob("*.zip"))
    if folder.is_dir():
        singles = sorted(p for p in folder.rglob("*.html"))
    else:  # no bundle/ folder: HTML files next to the zip(s)
        singles = sorted({h for z in zips for h in z.parent.glob("*.html")})
    result = {
        "seconds": seconds, "output": lines[-10:], "folder": where.relative_to(project.dist).as_posix() or ".",
        "zips": {p.relative_to(project.dist).as_posix(): p.stat().st_size for p in zips},
        "zip_bytes": sum(p.stat().st_size for p in zips) if zips else None,
        "single_file_html": {p.relative_to(project.dist).as_posix(): {"bytes": p.stat().st_size,
                                                                       "gzip": gz(p.read_bytes())}
                             for p in singles},
    }
    if not zips:
        result["reason"] = f"build_bundle ran but wrote no .zip under {result['folder']}"
    shutil.rmtree(project.dist, ignore_errors=True)
    return result


# -- 5. synthetic reports -------------------------------------------------------------------------


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    def ignore_aliases(self, data):  # the loader refuses anchors; never write any
        return True


def dump_yaml(data: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


def _digits(number) -> str:
    """The digits validate.check_printed looks for in a quote."""
    return f"{number:g}" if isinstance(number, float) else str(number)


class Faker:
    """Made-up Chinese and English text, deterministic, every Chinese line unique."""

    WORD = re.compile(r"[A-Za-z]+")
    LINK = re.compile(r"(\]\(term:[^)\s]*\))")

    def __init__(self, pool: list[str], seed: int):
        self.rng = random.Random(seed)
        self.pool = pool
        self.seen: set[str] = set()

    def chars(self, n: int) -> str:
        out = []
        for _ in range(max(n, 0)):
            if out and out[-1] != "," and self.rng.random() < 0.06:
                out.append(",")
            else:
                out.append(self.rng.choice(self.pool))
        return "".join(out)

    def line(self, length: int, segments: list[str], end: str = "。") -> str:
        """A unique line of about length characters containing every segment."""
        while True:
            filler = max(length - sum(map(len, segments)) - len(end), 2 * len(segments) + 6)
            cuts = sorted(self.rng.randint(0, filler) for _ in segments)
            sizes = [b - a for a, b in zip([0, *cuts], [*cuts, filler], strict=True)]
            text = self.chars(sizes[0]) + "".join(s + self.chars(n) for s, n in zip(segments, sizes[1:], strict=True)) + end
            if text not in self.seen:
                self.seen.add(text)
                return text

    def english(self, text: str) -> str:
        """Same length and Markdown shape, made-up words; [..](term:id) targets kept."""
        pieces = self.LINK.split(text)
        letters = "etaoinshrdlucmfwypvbgk"
        for i in range(0, len(pieces), 2):
            pieces[i] = self.WORD.sub(lambda m: "".join(self.rng.choice(letters) for _ in m.group()), pieces[i])
        return "".join(pieces)


def make_synthetic(data: Path, out: Path, factor: int, seed: int = 2021) -> dict:
    """A synthetic data folder: the real report's shapes, its sections repeated factor times.

    Copy k of section s has id s-xk (copy 1 keeps the real id); every Chinese line is
    made up and unique, with the figures' quotes (holding their value digits) and the
    glossary's match strings embedded where the real lines have them; English text is
    made-up words with the real term links. targets.yaml repeats the real targets for
    every copy. source.zh.txt is the lines in order.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    cache: dict[Path, object] = {}

    def read(path: Path):
        if path not in cache:
            cache[path] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # CSafeLoader: safe
        return copy.deepcopy(cache[path])

    report = read(data / "report.yaml")
    glossary = read(data / "glossary.yaml")
    targets = read(data / "targets.yaml")
    real_source = (data / "source.zh.txt").read_text(encoding="utf-8")
    matches = sorted({m for t in glossary["terms"] for m in (t.get("match_zh") or [t["zh"]])}, key=len, reverse=True)
    banned = set("".join(matches)) | set("0123456789")
    pool = sorted({c for c in real_source if "\u4e00" <= c <= "\u9fff"} - banned)
    fake = Faker(pool, seed * 1000 + factor)

    def terms_in(zh: str) -> list[str]:
        found, rest = [], zh
        for m in matches:  # longest first, each once
            if m in rest:
                found.append(m)
                rest = rest.replace(m, "\0")
        return found

    def paragraph(p: dict, suffix: str, quotes: list[str]) -> dict:
        q = copy.deepcopy(p)
        q["id"] = p["id"] + suffix
        segments = terms_in(p["zh"]) + quotes
        fake.rng.shuffle(segments)
        q["zh"] = fake.line(len(p["zh"]), segments, end="。" if p["zh"].endswith("。") else "")
        q["en"] = fake.english(p["en"])
        if p.get("lead"):
            q["lead"] = {"zh": q["zh"][:max(1, min(len(p["lead"]["zh"]), len(q["zh"]) - 1))],
                         "en": fake.english(p["lead"]["en"])}
        return q

    def quote(fig: dict) -> str:
        value = fig["value"]
        if fig.get("as_printed"):
            core = fig["as_printed"]
        elif isinstance(value, dict):
            core = _digits(value["low"]) + "%-" + _digits(value["high"])
        else:
            core = _digits(value)
        spare = max(len(fig["quote_zh"]) - len(core), 2)
        before = fake.rng.randint(1, spare - 1) if spare > 1 else 1
        return fake.chars(before) + core + fake.chars(spare - before)

    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    counts = {"sections": 0, "paragraphs": 0, "figures": 0, "targets": 0}
    for part_id in report["parts"]:
        part = read(data / "parts" / f"{part_id}.yaml")
        new_part = copy.deepcopy(part)
        if part.get("heading"):
            new_part["heading"] = paragraph(part["heading"], "", [])
            lines.append(new_part["heading"]["zh"])
            counts["paragraphs"] += 1
        new_part["sections"] = []
        for k in range(1, factor + 1):
            suffix = "" if k == 1 else f"-x{k}"
            for section_id in part["sections"]:
                s = read(data / "sections" / f"{section_id}.yaml")
                figures = s.get("figures") or []
                new_figs, quotes_by_para = [], {}
                for fig in figures:
                    g = copy.deepcopy(fig)
                    g["id"] = fig["id"] + suffix
                    g["paragraph"] = fig["paragraph"] + suffix
                    g["quote_zh"] = quote(fig)
                    quotes_by_para.setdefault(fig["paragraph"], []).append(g["quote_zh"])
                    new_figs.append(g)
                n = copy.deepcopy(s)
                n["id"] = section_id + suffix
                if k > 1:
                    n["title"] = {"zh": f"{s['title']['zh']}({k})", "en": f"{s['title']['en']} ({k})"}
                if s.get("heading"):
                    n["heading"] = paragraph(s["heading"], suffix, quotes_by_para.get(s["heading"]["id"], []))
                    lines.append(n["heading"]["zh"])
                n["paragraphs"] = []
                for p in s["paragraphs"]:
                    q = paragraph(p, suffix, quotes_by_para.get(p["id"], []))
                    n["paragraphs"].append(q)
                    lines.append(q["zh"])
                if new_figs:
                    n["figures"] = new_figs
                dump_yaml(n, out / "sections" / f"{n['id']}.yaml")
                new_part["sections"].append(n["id"])
                counts["sections"] += 1
                counts["paragraphs"] += len(n["paragraphs"]) + (1 if s.get("heading") else 0)
                counts["figures"] += len(new_figs)
        dump_yaml(new_part, out / "parts" / f"{part_id}.yaml")
    new_targets = []
    for k in range(1, factor + 1):
        suffix = "" if k == 1 else f"-x{k}"
        for t in targets["targets"]:
            u = copy.deepcopy(t)
            u["id"] = t["id"] + suffix
            u["figure"] = t["figure"] + suffix
            if t.get("baselines"):
                u["baselines"] = [b + suffix for b in t["baselines"]]
            new_targets.append(u)
    counts["targets"] = len(new_targets)
    dump_yaml({"targets": new_targets}, out / "targets.yaml")
    source = "\n".join(lines) + ("\n" if real_source.endswith("\n") else "")
    missing = [m for m in matches if m not in source]
    if missing:
        raise RuntimeError(f"synthetic source lacks glossary strings {missing[:5]}")
    (out / "source.zh.txt").write_text(source, encoding="utf-8")
    dump_yaml(glossary, out / "glossary.yaml")
    new_report = copy.deepcopy(report)
    new_report["site_name"] = {"zh": f"{report['site_name']['zh']}(合成{factor}倍)",
                               "en": f"{report['site_name']['en']} (synthetic {factor}x)"}
    dump_yaml(new_report, out / "report.yaml")
    counts["yaml_bytes"] = sum(p.stat().st_size for p in out.rglob("*.yaml"))
    return counts


def bench_scale(root: Path, tmp: Path, sizes: list[int], runs_for: dict[int, int], cap: float | None,
                slack: float) -> dict:
    """Build synthetic reports of growing size, each run in a fresh helper process.

    A size above 1x may run for at most slack * size * t(1x) seconds (and at most cap):
    a build killed then has already missed the "under size x the 1x time" goal, and
    its elapsed time is a lower bound; this keeps the whole bench within minutes.
    """
    site = copy_project(root, tmp / "scale-site")
    results: dict = {"command": "python build.py --root COPY --data SYNTHETIC --dist TMP", "sizes": {},
                     "time_limit_rule": f"min({slack} x size x median(1x), {cap or 'no cap'}) s per build above 1x"}
    base_s = None
    base = None
    for factor in sorted(sizes):
        data = tmp / f"synthetic-{factor}x"
        start = time.perf_counter()
        counts = make_synthetic(site / "data", data, factor)
        generated = time.perf_counter() - start
        limit = 900.0 if base_s is None else max(30.0, slack * factor * base_s)
        if cap:
            limit = min(limit, cap)
        log(f"scale {factor}x: {counts['sections']} sections, {counts['paragraphs']} paragraphs, "
            f"{counts['figures']} figures generated in {generated:.1f} s; building x{runs_for[factor]} "
            f"(limit {limit:.0f} s each)")
        walls, rss, pages, entry = [], [], None, {}
        for i in range(runs_for[factor]):
            dist = tmp / f"scale-dist-{factor}x-{i}"
            cmd = [sys.executable, "build.py", "--root", str(site), "--data", str(data), "--dist", str(dist)]
            r = measured_run(cmd, site, limit)
            if r["rc"] is None:
                entry.update(timed_out=True, killed_after_s=r["wall"], peak_rss_mb_at_kill=r["maxrss_kb"] / 1024,
                             error=f"killed after {r['wall']:.0f} s (limit {limit:.0f} s)")
            elif r["rc"] != 0:
                entry["error"] = f"exit {r['rc']}: {tail(r['stderr'] or r['stdout'])}"
            else:
                walls.append(r["wall"])
                rss.append(r["maxrss_kb"] / 1024)
                pages = count_pages(dist)
            shutil.rmtree(dist, ignore_errors=True)
            if "error" in entry:
                break
        shutil.rmtree(data, ignore_errors=True)
        entry = {**counts, "generate_s": generated, "time_limit_s": limit, "seconds": stats(walls),
                 "peak_rss_mb": stats(rss), "pages": pages, **entry}
        if walls and pages:
            entry["ms_per_page"] = 1000 * statistics.median(walls) / pages
        if factor == 1 and walls:
            base_s, base = statistics.median(walls), entry
        if base and pages is None and base.get("pages"):
            # only sections and figures repeat: 2 languages x (sections + figures) more pages per copy
            per_copy = 2 * (base["sections"] + base["figures"])
            entry["expected_pages"] = base["pages"] + (factor - 1) * per_copy
        if base_s:
            if walls:
                entry["time_vs_1x"] = statistics.median(walls) / base_s
            elif entry.get("timed_out"):
                entry["time_vs_1x_at_least"] = entry["killed_after_s"] / base_s
        results["sizes"][str(factor)] = entry
    top = str(max(sizes))
    big = results["sizes"].get(top, {})
    if int(top) > 1 and base_s:
        if "time_vs_1x" in big:
            ratio = big["time_vs_1x"]
            results["linear"] = ratio < int(top)
            results["growth"] = (f"{top}x took {ratio:.1f}x the 1x time "
                                 f"({'no worse than linear' if ratio < int(top) else 'super-linear'})")
        elif "time_vs_1x_at_least" in big:
            at_least = big["time_vs_1x_at_least"]
            results["linear"] = False if at_least >= int(top) else None
            results["growth"] = (f"{top}x was stopped after {big['killed_after_s']:.0f} s, at least "
                                 f"{at_least:.0f}x the 1x time: "
                                 + ("super-linear" if at_least >= int(top) else "not determined (limit too low)"))
    return results


# -- goals and the report -------------------------------------------------------------------------


def _get(d: dict | None, *keys):
    for k in keys:
        if not isinstance(d, dict) or d.get(k) is None:
            return None
        d = d[k]
    return d


def goals(r: dict) -> list[dict]:
    rows = []

    def row(name, value, shown, goal, ok, note=""):
        rows.append({"measure": name, "value": value, "shown": shown, "goal": goal,
                     "met": None if ok is None else bool(ok), "note": note})

    v = _get(r, "cold_build", "seconds", "median")
    row("Cold build (`python build.py`, fresh process)", v, f"{v:.2f} s" if v is not None else "n/a",
        "< 1.5 s", None if v is None else v < GOALS["cold_build_s"])
    v = _get(r, "in_process", "build_s", "median")
    row("In-process build (`site.build`)", v, f"{v:.2f} s" if v is not None else "n/a",
        "< 0.5 s", None if v is None else v < GOALS["in_process_build_s"])
    for key, label in (("yaml_edit_s", "YAML edit"), ("template_edit_s", "template edit")):
        v = _get(r, "serve", key, "median")
        row(f"Serve rebuild after a {label} (write → new page served)", v,
            f"{v * 1000:.0f} ms" if v is not None else "null",
            "< 300 ms", None if v is None else v < GOALS["serve_rebuild_s"],
            "" if v is not None else (_get(r, "serve", "reason") or _get(r, "serve", "error") or ""))
    sec = _get(r, "page_weight", "by_kind", "section")
    v = _get(sec, "total_gzip", "max")
    row("Section page, HTML+CSS+JS gzip (largest)", v, f"{v / 1000:.1f} KB" if v is not None else "n/a",
        "< 30 KB", None if v is None else v < GOALS["section_total_gzip_bytes"],
        f"median {_get(sec, 'total_gzip', 'median') / 1000:.1f} KB" if v is not None else "")
    v = _get(sec, "requests", "max")
    row("Section page, requests per load (most)", v, str(v) if v is not None else "n/a", "≤ 3",
        None if v is None else v <= GOALS["section_requests"])
    pw = r.get("page_weight") or {}
    if "pages" in pw:
        blocking = pw["section_render_blocking"]
        row("Render-blocking script (section pages)", len(blocking),
            "none" if not blocking else f"{len(blocking)} pages",
            "none", not blocking, f"site-wide: {len(pw['render_blocking_pages'])} pages")
        row("Web font (@font-face)", pw["web_font"], "yes" if pw["web_font"] else "none", "none", not pw["web_font"])
    scale = r.get("scale") or {}
    sizes = scale.get("sizes") or {}
    if sizes:
        top = str(max(int(k) for k in sizes))
        e = sizes[top]
        if e.get("time_vs_1x") is not None:
            v = e["time_vs_1x"]
            row(f"{top}x report, build time vs 1x", v, f"{v:.1f}×", f"< {top}×", v < int(top))
        elif e.get("time_vs_1x_at_least") is not None:
            v = e["time_vs_1x_at_least"]
            row(f"{top}x report, build time vs 1x", v, f"> {v:.0f}×", f"< {top}×", False if v >= int(top) else None,
                f"killed after {e['killed_after_s']:.0f} s")
        else:
            row(f"{top}x report, build time vs 1x", None, "n/a", f"< {top}×", None, e.get("error") or "")
        v = _get(e, "peak_rss_mb", "max")
        if v is not None:
            row(f"{top}x report, peak memory (RSS)", v, f"{v:.0f} MB", "< 500 MB", v < GOALS["scale_rss_mb"])
        elif e.get("peak_rss_mb_at_kill") is not None:
            v = e["peak_rss_mb_at_kill"]
            row(f"{top}x report, peak memory (RSS)", v, f"≥ {v:.0f} MB", "< 500 MB",
                False if v >= GOALS["scale_rss_mb"] else None, "when killed, so a lower bound")
        else:
            row(f"{top}x report, peak memory (RSS)", None, "n/a", "< 500 MB", None)
    return rows


def _mark(ok) -> str:
    return "–" if ok is None else ("✓" if ok else "✗")


def _fmt_s(d: dict | None, ms: bool = False) -> str:
    if not d:
        return "n/a"
    if ms:
        return f"{d['median'] * 1000:.0f} ms (min {d['min'] * 1000:.0f}, max {d['max'] * 1000:.0f})"
    return f"{d['median']:.3f} s (min {d['min']:.3f}, max {d['max']:.3f})"


def markdown(r: dict) -> str:
    m = r["machine"]
    out = [(f"Machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu'] or m['machine']}, "
           f"{m['memory_mb']} MB RAM; Python {m['python']} ({m['implementation']}); {m['platform']}. "
           f"Medians of {r['settings']['runs']} runs; {r['finished']}, whole bench {r['total_seconds']:.0f} s; "
           f"load average (1 min) at start {r['load_average_start'][0]:.2f}, highest around a stage "
           f"{max([x for v in (r.get('load_average') or {}).values() for x in v] or [0]):.2f}."), ""]
    out += ["| Measure | Result | Goal | Met |", "| --- | --- | --- | --- |"]
    for g in r["goals"]:
        note = f" ({g['note']})" if g["note"] else ""
        out.append(f"| {g['measure']} | {g['shown']}{note} | {g['goal']} | {_mark(g['met'])} |")
    out.append("")
    cold, inp = r.get("cold_build") or {}, r.get("in_process") or {}
    out += ["| Build timing | Median (min, max) |", "| --- | --- |"]
    out.append(f"| Cold build, fresh process | {_fmt_s(cold.get('seconds'))} |")
    out.append(f"| … of which interpreter start-up (`python -c pass`) | {_fmt_s(cold.get('interpreter_startup_s'))} |")
    out.append("| … and start-up + `import reportsite.cli, reportsite.site` | "
               f"{_fmt_s(cold.get('import_reportsite_s'))} |")
    if cold.get("peak_rss_mb"):
        out.append(f"| Cold build peak RSS | {cold['peak_rss_mb']['median']:.0f} MB |")
    out.append(f"| In-process build (first call in the process) | {inp['first_build_s']:.3f} s |"
               if inp.get("first_build_s") else "| In-process build (first call) | n/a |")
    out.append(f"| In-process build | {_fmt_s(inp.get('build_s'))} |")
    out.append(f"| … load (validate) | {_fmt_s(inp.get('load_validate_s'))} |")
    out.append(f"| … render | {_fmt_s(inp.get('render_s'))} |")
    out.append(f"| … write | {_fmt_s(inp.get('write_s'))} |")
    serve = r.get("serve") or {}
    for key, label in (("yaml_edit_s", "YAML edit"), ("template_edit_s", "template edit")):
        shown = _fmt_s(serve[key], ms=True) if serve.get(key) else "null"
        out.append(f"| Serve: {label} → page served | {shown} |")
    if serve.get("server_reported_validate_s"):
        out.append(f"| Serve: validate and swap in the new site (server log) | "
                   f"{_fmt_s(serve['server_reported_validate_s'], ms=True)} |")
    if serve.get("server_reported_write_s"):
        out.append(f"| Serve: background write of dist/ (server log) | {_fmt_s(serve['server_reported_write_s'], ms=True)} |")
    if inp.get("pages"):
        out.append(f"| Site | {inp['pages']} pages, {inp['files']} files, {inp['bytes'] / 1e6:.1f} MB; "
                   f"{inp['sections']} sections, {inp['paragraphs']} paragraphs, {inp['figures']} figures |")
    if serve.get("reason"):
        out.append(f"| Serve note | {serve['reason'][:300].replace('|', '/').replace(chr(10), ' ')} |")
    out.append("")
    pw = r.get("page_weight") or {}
    if pw.get("by_kind"):
        out += [("| Page kind | Pages | HTML bytes | HTML gzip | CSS gzip | JS gzip | Total gzip | Requests "
                "| Total / text gzip |"),
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]

        def cell(d, key, scale=1.0, fmt="{:.0f}"):
            x = d.get(key)
            if not x:
                return "–"
            return " / ".join(fmt.format(x[k] / scale) for k in ("min", "median", "max"))

        for kind, d in pw["by_kind"].items():
            out.append(f"| {kind} | {d['pages']} | {cell(d, 'html_bytes')} | {cell(d, 'html_gzip')} | "
                       f"{cell(d, 'css_gzip')} | {cell(d, 'js_gzip')} | {cell(d, 'total_gzip')} | "
                       f"{cell(d, 'requests')} | {cell(d, 'ratio_total_to_text', fmt='{:.2f}')} |")
        out.append("")
        out.append("Each cell is min / median / max; bytes. Render-blocking scripts: "
                   f"{len(pw['render_blocking_pages'])} pages; web fonts: {'yes' if pw['web_font'] else 'none'}"
                   + (f"; missing references: {len(pw['missing_refs'])}" if pw.get("missing_refs") else "") + ".")
        out.append("")
    b = r.get("bundle") or {}
    if b.get("zip_bytes") is not None:
        singles = b.get("single_file_html") or {}
        sizes = ", ".join(f"{Path(k).name} {v['bytes'] / 1e6:.2f} MB" for k, v in singles.items())
        out.append(f"Offline bundle: zip {b['zip_bytes'] / 1e6:.2f} MB; single-file HTML: {sizes or 'none'}; "
                   f"built in {b['seconds']:.2f} s.")
    else:
        out.append(f"Offline bundle: null ({b.get('reason') or b.get('error') or 'not measured'}).")
    out.append("")
    sc = r.get("scale") or {}
    if sc.get("sizes"):
        out += [("| Scale | Sections | Paragraphs | Figures | Pages | Build (median) | Runs | vs 1x | ms / page "
                "| Peak RSS |"),
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for key, e in sc["sizes"].items():
            s = e.get("seconds")
            if s:
                build = f"{s['median']:.2f} s"
            elif e.get("timed_out"):
                build = f"> {e['killed_after_s']:.0f} s (killed)"
            else:
                build = e.get("error", "n/a").splitlines()[0][:80]
            if e.get("time_vs_1x"):
                vs = f"{e['time_vs_1x']:.1f}×"
            elif e.get("time_vs_1x_at_least"):
                vs = f"> {e['time_vs_1x_at_least']:.0f}×"
            else:
                vs = "–"
            per_page = f"{e['ms_per_page']:.2f}" if e.get("ms_per_page") else "–"
            if e.get("peak_rss_mb"):
                peak = f"{e['peak_rss_mb']['max']:.0f} MB"
            elif e.get("peak_rss_mb_at_kill"):
                peak = f"≥ {e['peak_rss_mb_at_kill']:.0f} MB"
            else:
                peak = "–"
            pages = e.get("pages") or (f"({e['expected_pages']})" if e.get("expected_pages") else "–")
            out.append(f"| {key}x | {e['sections']} | {e['paragraphs']} | {e['figures']} | {pages} | "
                       f"{build} | {len(s['runs']) if s else 0} | {vs} | {per_page} | {peak} |")
        if sc.get("growth"):
            out.append("")
            out.append(f"Growth: {sc['growth']}.")
    errors = {k: v["error"] for k, v in r.items() if isinstance(v, dict) and "error" in v and k != "scale"}
    for k, v in errors.items():
        out.append(f"\n**{k} failed:** {v.splitlines()[-1] if v else ''}")
    return "\n".join(out) + "\n"


# -- main ----------------------------------------------------------------------------------------


def _stage(results: dict, name: str, fn, *args) -> None:
    log(f"{name} …")
    start = time.perf_counter()
    load_before = os.getloadavg()[0]
    try:
        results[name] = fn(*args)
    except Exception as exc:  # noqa: BLE001 (one broken stage must not lose the others)
        results[name] = {"error": f"{type(exc).__name__}: {exc}", "traceback": tail(traceback.format_exc(), 12)}
    results.setdefault("stage_seconds", {})[name] = round(time.perf_counter() - start, 2)
    # other work on the machine skews timings: keep the 1-minute load average around each stage
    results.setdefault("load_average", {})[name] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    log(f"{name} done in {results['stage_seconds'][name]:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reportsite.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--out", type=Path, help="results file (default: ROOT/bench/results.json)")
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (default 5)")
    parser.add_argument("--sizes", default="1,10,100", help="synthetic report sizes (default 1,10,100)")
    parser.add_argument("--scale-runs", default="5,2,1",
                        help="runs per size, in --sizes order; the last value repeats (default 5,2,1)")
    parser.add_argument("--scale-slack", type=float, default=1.1,
                        help="a size-N build is stopped after slack x N x t(1x) seconds, the goal being "
                             "under N x t(1x) (default 1.1)")
    parser.add_argument("--scale-cap", type=float, default=None, help="an absolute cap in seconds per synthetic build")
    parser.add_argument("--skip", default="", help="comma-separated stages to skip: "
                        "cold_build,in_process,page_weight,serve,bundle,scale")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (path printed on stderr)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = (args.out or root / "bench" / "results.json").resolve()
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    scale_runs = [int(x) for x in args.scale_runs.split(",") if x.strip()] or [1]
    runs_for = {s: scale_runs[min(i, len(scale_runs) - 1)] for i, s in enumerate(sizes)}
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    started = time.perf_counter()
    results: dict = {
        "machine": machine(), "root": str(root),
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "settings": {"runs": args.runs, "sizes": sizes, "scale_runs": runs_for},
        "goals_defined": GOALS, "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }
    tmp = Path(tempfile.mkdtemp(prefix="reportsite-bench-"))
    if args.keep:
        log(f"temporary folder: {tmp}")
    try:
        stages = [
            ("cold_build", bench_cold, root, tmp, args.runs),
            ("in_process", bench_in_process, root, tmp, args.runs),
            ("page_weight", bench_weight, root, tmp),
            ("serve", bench_serve, root, tmp, args.runs),
            ("bundle", bench_bundle, root, tmp),
            ("scale", bench_scale, root, tmp, sizes, runs_for, args.scale_cap, args.scale_slack),
        ]
        for name, fn, *fn_args in stages:
            if name not in skip:
                _stage(results, name, fn, *fn_args)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    results["goals"] = goals(results)
    results["total_seconds"] = time.perf_counter() - started
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    table = markdown(results)
    results["table_markdown"] = table
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    print(table, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
