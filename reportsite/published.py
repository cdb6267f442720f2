"""Addresses are forever: every page, download and anchor the site has published keeps resolving.

data/published.txt (in the site's data folder) lists them, one address a line, as a path from the site's root:
a page ("/en/sections/plan-1-innovation/"), a file ("/data/figures.csv"), or an anchor on a page
("/en/sections/plan-1-innovation/#plan-1-six-new"). The build fails when one of them no longer
resolves: the page or file is gone, or the anchor is gone from its page, unless a redirect
page stands at the old address and its target has the anchor. `build.py published` adds the
addresses of a new build to the list; nothing ever leaves it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import Mark, Problems, rel

LIST_NAME = "published.txt"
HEADER = (
    "# Every address this site has published: pages, downloads and anchors on pages (site-relative).\n"
    "# The build fails when one stops resolving; a moved page leaves a redirect page behind.\n"
    "# Add new addresses with `.venv/bin/python3 build.py published`; never delete a line.\n"
)
IDS = re.compile(rb'\sid="([^"]+)"')
FIGURE_PAGE = re.compile(r".*/figures/([^/]+)/index\.html")
REDIRECT = re.compile(rb'<meta http-equiv="refresh" content="0; url=([^"]+)"')
NOT_PUBLISHED = ("assets/", "bundle/", "404.html")  # asset names carry content hashes; bundles are dated editions


def page_address(path: str) -> str:
    """The address of a written file: en/x/index.html -> /en/x/ (a folder URL), data/a.csv -> /data/a.csv."""
    return "/" + (path.removesuffix("index.html") if path.endswith("index.html") else path)


def addresses(files: Mapping[str, bytes], anchors: set[str], passing: set[str]) -> set[str]:
    """The addresses a built site publishes: its pages and files, and the anchors of the items that live
    on each page (paragraphs and figure cards of a section, terms of the glossary, goals of a goals
    page, rows of the ledger, a figure on its own page). Cards a page only shows in passing (related
    figures, the goals on a home page: passing, the paths of pages that show items in passing) are not published anchors."""
    out: set[str] = set()
    for path, body in files.items():
        if path.startswith(NOT_PUBLISHED) or path in ("sitemap.xml", "robots.txt"):
            continue
        address = page_address(path)
        out.add(address)
        if not path.endswith(".html") or REDIRECT.search(body) or path in passing:
            continue
        ids = {i.decode() for i in IDS.findall(body)} & anchors
        own = FIGURE_PAGE.fullmatch(path)
        out.update(f"{address}#{i}" for i in ({own.group(1)} & ids if own else ids))
    return out


def resolves(address: str, files: Mapping[str, bytes]) -> bool:
    """Whether an address resolves in the built site, following one redirect page."""
    page, _, anchor = address.removeprefix("/").partition("#")
    path = page + "index.html" if page == "" or page.endswith("/") else page
    body = files.get(path)
    if body is None:
        return False
    moved = REDIRECT.search(body)
    if moved:  # the target, relative to the old page, must resolve with the same anchor
        target = "/" + _join(page, moved.group(1).decode())
        return target != address.partition("#")[0] and resolves(target + (f"#{anchor}" if anchor else ""), files)
    return not anchor or f' id="{anchor}"'.encode() in body


def _join(page: str, link: str) -> str:
    """A relative link from a page's folder, as a site-relative address."""
    import posixpath

    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    joined = posixpath.normpath(posixpath.join(base or ".", link.split("#")[0]))
    joined = "" if joined == "." else joined
    return joined + "/" if link.split("#")[0].endswith("/") and joined else joined


def read_list(data_dir: Path) -> list[str]:
    return [address for _, address in numbered_list(data_dir)]


def numbered_list(data_dir: Path) -> list[tuple[int, str]]:
    """The published addresses with their line numbers (blank lines and comments are not addresses)."""
    path = data_dir / LIST_NAME
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, start=1) if line and not line.startswith("#")]


def check(data_dir: Path, root: Path, files, problems: Problems) -> None:
    """Note every published address that no longer resolves (files: anything with .get(path) -> bytes)."""
    shown = rel(data_dir / LIST_NAME, root)
    for n, address in numbered_list(data_dir):
        if not resolves(address, files):
            problems.add(Mark(shown, n), address,
                         "a page, file or anchor at this published address (or a redirect page to its new place)",
                         "nothing")


def record(data_dir: Path, new: Iterable[str]) -> int:
    """Add addresses to the list (kept sorted, never removing one); return how many were added."""
    known = set(read_list(data_dir))
    added = set(new) - known
    lines = sorted(known | added)
    (data_dir / LIST_NAME).write_text(HEADER + "".join(f"{a}\n" for a in lines), encoding="utf-8")
    return len(added)


def item_ids(site) -> set[str]:
    """The ids that are published anchors: paragraphs (and their former ids), figures, sections, parts,
    goals and glossary terms."""
    ids = {t.id for t in site.terms}
    for report in site.reports:
        index = report.index
        ids |= set(index.parts) | set(index.sections) | set(index.figures) | {t.id for t in report.targets}
        for p in index.paragraphs.values():
            ids |= {p.id, *p.aliases}
    return ids


def record_build(project) -> str:
    """Build the site in memory and add its addresses to the list; say how many were new."""
    from .pages import passing_pages
    from .site import read_site, render_files

    site = read_site(project)
    files = render_files(project, site)
    added = record(project.data, addresses(files, item_ids(site), passing_pages(site)))
    return f"{added} new addresses added to {rel(project.data / LIST_NAME, project.root)}"
