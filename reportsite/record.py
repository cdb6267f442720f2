"""`build.py published`: add the addresses a build publishes to data/published.txt (published.py checks them).

A build publishes its pages and files, and the anchors of the items that live on each page. The list
only grows: an address once recorded must resolve in every later build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import search
from .errors import rel
from .model import Site
from .pages import passing_pages
from .published import HEADER, LIST_NAME, read_list
from .site import Project, read_site, render_site

IDS = re.compile(rb'\sid="([^"]+)"')
FIGURE_PAGE = re.compile(r".*/figures/([^/]+)/index\.html")
# asset and search index names carry content hashes; bundles are dated editions
NOT_PUBLISHED = ("assets/", search.FOLDER, "bundle/", "404.html")


def page_address(path: str) -> str:
    """The address of a written file: en/x/index.html -> /en/x/ (a folder URL), data/a.csv -> /data/a.csv."""
    return "/" + (path.removesuffix("index.html") if path.endswith("index.html") else path)


def addresses(files: Mapping[str, bytes], anchors: set[str], passing: set[str], redirects: Mapping[str, str]) -> set[str]:
    """The addresses a built site publishes: its pages and files, and the anchors of the items that live
    on each page (paragraphs and figure cards of a section, terms of the glossary, goals of a goals
    page, rows of the ledger, a figure on its own page). Cards a page only shows in passing (related
    figures, the goals on a home page: passing, the paths of pages that show items in passing) are not
    published anchors, nor are the anchors a redirect page passes on (redirects: the path of each redirect page)."""
    out: set[str] = set()
    for path, body in files.items():
        if path.startswith(NOT_PUBLISHED) or path in ("sitemap.xml", "robots.txt"):
            continue
        address = page_address(path)
        out.add(address)
        if not path.endswith(".html") or path in redirects or path in passing:
            continue
        ids = {i.decode() for i in IDS.findall(body)} & anchors
        own = FIGURE_PAGE.fullmatch(path)
        out.update(f"{address}#{i}" for i in ({own.group(1)} & ids if own else ids))
    return out


def item_ids(site: Site) -> set[str]:
    """The ids that are published anchors: paragraphs (and their former ids), figures, sections, parts,
    goals and glossary terms."""
    ids = {t.id for t in site.terms}
    for report in site.reports:
        index = report.index
        ids |= set(index.parts) | set(index.sections) | set(index.figures) | {t.id for t in report.targets}
        for p in index.paragraphs.values():
            ids |= {p.id, *p.aliases}
    return ids


def record(data_dir: Path, new: Iterable[str]) -> int:
    """Add addresses to the list (kept sorted, never removing one); return how many were added."""
    known = set(read_list(data_dir))
    added = set(new) - known
    lines = sorted(known | added)
    (data_dir / LIST_NAME).write_text(HEADER + "".join(f"{a}\n" for a in lines), encoding="utf-8")
    return len(added)


def record_build(project: Project) -> str:
    """Build the site in memory and add its addresses to the list; say how many were new."""
    site = read_site(project)
    rendered = render_site(project, site)
    added = record(project.data, addresses(rendered.files, item_ids(site), passing_pages(site), rendered.redirects))
    return f"{added} new addresses added to {rel(project.data / LIST_NAME, project.root)}"
