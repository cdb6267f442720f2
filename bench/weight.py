"""Stage 3, page weight: what each HTML page of a fresh build makes the browser fetch, in bytes,
gzip and requests, by page kind; render-blocking scripts, web fonts, section size vs its text."""

from __future__ import annotations

import posixpath
import re
import statistics
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .measure import gz, set_aside

KINDS = ("home", "report", "part", "section", "figure", "other", "redirect")
REDIRECT = b'<meta http-equiv="refresh"'  # a page left at an old address, sending the reader on
SPREAD_KEYS = ("html_bytes", "html_gzip", "css_gzip", "js_gzip", "total_gzip", "requests", "ratio_total_to_text")
EXTERNAL = ("http://", "https://", "//")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


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
        if tag in ("head", "body"):
            self.in_head = tag == "head"
        elif tag == "style":
            self.in_style = True
        elif tag == "link":
            self._link(a)
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
            deferred = "defer" in a or "async" in a or a.get("type", "").lower() == "module"
            if self.in_head and not deferred:
                self.blocking.append(a["src"])
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.images.append(a["src"])

    def _link(self, a: dict[str, str]) -> None:
        rel = a.get("rel", "").lower().split()
        if "stylesheet" in rel and a.get("href"):
            self.styles.append(a["href"])
        elif set(rel) & {"icon", "preload", "modulepreload", "manifest", "apple-touch-icon"} and a.get("href"):
            self.other.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.inline_css.append(data)

    @property
    def refs(self) -> list[str]:
        """Every reference, as written, in the order the page weight counts them."""
        return self.styles + self.scripts + self.images + self.other


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


def resolved(page: str, refs: list[str]) -> list[str]:
    """The files refs point at from page, each once, in order; external and data: refs left out."""
    return list(dict.fromkeys(x for x in (resolve(page, r) for r in refs) if x))


class PageKinds:
    """Each written page's kind, from the site's own table of page kinds (reportsite/pages.py), with
    {report} standing for the site's report ids only; a redirect page is a kind of its own."""

    def __init__(self, report_ids: list[str]):
        from reportsite.pages import KINDS as PAGE_KINDS  # here, so a broken package fails this stage only

        reports = "(?:" + "|".join(map(re.escape, report_ids)) + ")"
        self.patterns = []
        for kind in PAGE_KINDS:
            url = re.escape(kind.url).replace(r"\{lang\}", "(?:zh|en)").replace(r"\{ident\}", "[^/]+")
            url = url.replace(r"\{report\}", reports) + ("index\\.html" if kind.url[-1:] in ("", "/") else "")
            self.patterns.append((kind.name, re.compile(url)))

    def of(self, rel: str, data: bytes) -> str:
        """The page's kind as weighed: one of KINDS."""
        if REDIRECT in data:
            return "redirect"
        name = next((name for name, pattern in self.patterns if pattern.fullmatch(rel)), None)
        return name if name in KINDS else "other"


class SiteFiles:
    """The files of one built site, each read and gzipped at most once."""

    def __init__(self, dist: Path):
        self.dist = dist
        self._bytes: dict[str, bytes | None] = {}
        self._gzip: dict[str, int] = {}

    def read(self, rel: str) -> bytes | None:
        """The file's bytes; None when the site has no such file."""
        if rel not in self._bytes:
            path = self.dist / rel
            self._bytes[rel] = path.read_bytes() if path.is_file() else None
        return self._bytes[rel]

    def size(self, rels: list[str]) -> int:
        return sum(len(self.read(rel) or b"") for rel in rels)

    def gzip(self, rels: list[str]) -> int:
        for rel in rels:
            if rel not in self._gzip:
                self._gzip[rel] = gz(self.read(rel) or b"")
        return sum(self._gzip[rel] for rel in rels)


@dataclass
class Findings:
    """What the pages of a site have between them: broken and external references, blocking
    scripts (pages, in order), web fonts (pages)."""

    missing: set[str] = field(default_factory=set)
    external: set[str] = field(default_factory=set)
    blocking: list[str] = field(default_factory=list)
    fonts: set[str] = field(default_factory=set)


def stylesheets(files: SiteFiles, page: str, css: list[str], found: Findings) -> tuple[str, list[str]]:
    """The text of the page's linked stylesheets, and the files their url()s point at."""
    text, urls = "", []
    for sheet in css:
        body = files.read(sheet)
        if body is None:
            found.missing.add(f"{page} -> {sheet}")
            continue
        sheet_text = body.decode("utf-8", "replace")
        text += sheet_text
        urls += [target for target in (resolve(sheet, u) for u in CSS_URL.findall(sheet_text)) if target]
    return text, urls


def weigh_page(files: SiteFiles, rel: str, data: bytes, kind: str, found: Findings) -> dict:
    """One page's bytes, gzip of HTML, CSS and JS, and requests per load; notes its findings (a redirect
    page's script is meant to run before anything shows: it is not counted as render-blocking)."""
    parser = PageRefs()
    parser.feed(data.decode("utf-8", "replace"))
    css, js = resolved(rel, parser.styles), resolved(rel, parser.scripts)
    external = [ref for ref in parser.refs if ref.startswith(EXTERNAL)]
    found.external.update(external)
    css_text, css_urls = stylesheets(files, rel, css, found)
    if "@font-face" in "".join(parser.inline_css) + css_text:
        found.fonts.add(rel)
    other = resolved(rel, parser.images + parser.other) + css_urls
    found.missing.update(f"{rel} -> {x}" for x in js + other if files.read(x) is None)
    other = list(dict.fromkeys(other))
    if parser.blocking and kind != "redirect":
        found.blocking.append(rel)
    html_gz, css_gz, js_gz = gz(data), files.gzip(css), files.gzip(js)
    return {
        "page": rel, "kind": kind, "html_bytes": len(data), "html_gzip": html_gz,
        "css_bytes": files.size(css), "css_gzip": css_gz, "js_bytes": files.size(js), "js_gzip": js_gz,
        "other_gzip": files.gzip(other), "total_gzip": html_gz + css_gz + js_gz,
        "requests": 1 + len(css) + len(js) + len(other) + len(external),
        "blocking_scripts": parser.blocking,
    }


def add_text_ratio(entry: dict, site) -> None:
    """On a section page (lang/report/sections/id/): the gzip size of the section's own text (zh and
    en), and total / text."""
    _, report_id, _, section_id = entry["page"].split("/")[:4]
    section = site.report[report_id].index.sections.get(section_id)
    if section is None:
        return
    paras = section.all_paragraphs
    text = "\n".join([p.zh for p in paras] + [p.en for p in paras]).encode("utf-8")
    entry["text_gzip"] = gz(text)
    entry["ratio_total_to_text"] = entry["total_gzip"] / entry["text_gzip"]


def spread(items: list[dict], key: str) -> dict | None:
    values = [p[key] for p in items if key in p]
    if not values:
        return None
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def by_kind(pages: list[dict]) -> dict:
    """Per page kind: the number of pages, min / median / max of each measure, the largest page."""
    kinds = {}
    for kind in KINDS:
        items = [p for p in pages if p["kind"] == kind]
        if not items:
            continue
        spreads = {key: spread(items, key) for key in SPREAD_KEYS}
        kinds[kind] = {"pages": len(items), **{k: v for k, v in spreads.items() if v is not None}}
        kinds[kind]["largest"] = max(items, key=lambda p: p["total_gzip"])["page"]
    return kinds


def weigh_site(dist: Path, site) -> dict:
    """Every HTML page under dist: bytes, gzip, CSS/JS per load, requests; section size vs its text."""
    files, found, pages = SiteFiles(dist), Findings(), []
    kinds = PageKinds([r.id for r in site.reports])
    for path in sorted(dist.rglob("*.html")):
        rel = path.relative_to(dist).as_posix()
        if rel.split("/", 1)[0] == "bundle":
            continue
        data = path.read_bytes()
        entry = weigh_page(files, rel, data, kinds.of(rel, data), found)
        if entry["kind"] == "section":
            add_text_ratio(entry, site)
        pages.append(entry)
    return {
        "pages": len(pages), "by_kind": by_kind(pages),
        "render_blocking_pages": found.blocking,
        "section_render_blocking": [p["page"] for p in pages if p["kind"] == "section" and p["blocking_scripts"]],
        "web_font_pages": sorted(found.fonts), "web_font": bool(found.fonts),
        "missing_refs": sorted(found.missing)[:50], "external_refs": sorted(found.external),
        "per_page": pages,
    }


def bench_weight(root: Path, tmp: Path) -> dict:
    """Build the site afresh and weigh every page of it."""
    from reportsite.site import Project, build  # here, so a broken package fails this stage only

    project = Project.at(root, dist=tmp / "weight-dist")
    built = build(project)
    result = weigh_site(project.dist, built.site)
    set_aside(project.dist)
    return result
