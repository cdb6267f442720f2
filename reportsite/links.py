"""How one output writes its links: one policy, chosen once per output.

A page's url is site-relative ("en/sections/plan-1-innovation/"); its dest is the
file written ("en/sections/plan-1-innovation/index.html"). Links are relative, so
one dist/ works at any base path. Three outputs, three policies:
- FOLDERS, the published site: links to folders ("../sections/x/");
- FILES, the offline zip: links name files ("../sections/x/index.html"), so that
  file:// never opens a directory listing;
- ANCHORS, the one-file edition: every link is an #anchor inside the file.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from .pages import page_url

FOLDER, FILE = "folder", "file"
# In the one-file edition, items of these pages share one page with figures and paragraphs:
# their ids get a prefix (a glossary term "term-…", a goal's row "target-…", a part "part-…").
ANCHOR_PREFIX = {"glossary": "term-", "targets": "target-", "part": "part-"}


def dest(url: str) -> str:
    """folder/ -> folder/index.html; a file url stays as it is."""
    return url + "index.html" if url == "" or url.endswith("/") else url


@lru_cache(maxsize=65536)  # pure, and called ~30 times a page
def href(from_url: str, to_url: str, style: str = FOLDER) -> str:
    """A relative link from one page (or file) to another, keeping any #fragment."""
    to_url, hash_, fragment = to_url.partition("#")
    there, folder = _target(to_url, style)
    link = _relative_parts(there, start_folder(from_url))
    if folder:
        link = "./" if link == "." else link + "/"
    return link + hash_ + fragment


@lru_cache(maxsize=4096)
def start_folder(url: str) -> tuple[str, ...]:
    """The folder a page's links start from, as its parts (its own folder, for a page that is one)."""
    start = posixpath.dirname(dest(url))
    return tuple(start.split("/")) if start else ()


def sibling_reach(link: str) -> str | None:
    """What a relative link written from a page says of its siblings, the pages whose links start from another folder
    of the same parent: "" when it is written the same from each of them; a folder's name when from each but the one
    of that folder (it leads into it); None when it leads into this page's own folder (written from here alone)."""
    if not link.startswith("../"):
        return None
    rest = link[3:]
    if rest.startswith("../"):
        return ""
    head, slash, _ = rest.partition("#")[0].partition("/")
    return head if slash else ""


@lru_cache(maxsize=4096)
def _target(to_url: str, style: str) -> tuple[tuple[str, ...], bool]:
    """What a link leads to, as its parts (a page's folder, in the FOLDER style; else its file), and whether it is
    a folder."""
    target = dest(to_url)
    if style == FOLDER and target.endswith("index.html") and (to_url == "" or to_url.endswith("/")):
        folder = posixpath.dirname(target)
        return (tuple(folder.split("/")) if folder else ()), True
    return tuple(target.split("/")), False


def relative(path: str, start: str) -> str:
    """posixpath.relpath(path, start) for the site's own paths (relative, no "." or ".." inside them), in a
    fifth of its time: every link href writes is worked out so (_relative_parts), tens of thousands a build."""
    parts = lambda p: () if p == "." else tuple(p.split("/"))  # noqa: E731
    return _relative_parts(parts(path), parts(start))


def _relative_parts(there: tuple[str, ...], here: tuple[str, ...]) -> str:
    """relative() of paths given as their parts."""
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + list(there[common:])) or "."


@dataclass(frozen=True)
class LinkPolicy:
    """Links from a page (its url) to pages, items on pages, and files of the site."""

    name: str  # folders | files | anchors

    def file(self, here: str, path: str) -> str:
        """A file of the site (a stylesheet, a download); the one-file edition has none."""
        if self.name == "anchors":
            raise ValueError(f"the one-file edition cannot link to the file {path}")
        return href(here, path, FILE if self.name == "files" else FOLDER)

    def page(self, here: str, kind: str, lang: str, ident: str | None = None, fragment: str | None = None,
             report: str | None = None) -> str:
        """A page of the site (of a report: its id), or an item on it (fragment: a paragraph, a term …)."""
        if self.name == "anchors":
            if kind == "verdict":  # a goal's card: in the one-file edition, the goal's row with its status
                return "#" + self.anchor("targets", ident)
            if fragment:  # an item of a list page (a term, a goal), or a paragraph of a part or section
                return "#" + (self.anchor(kind, fragment) if kind in ("glossary", "targets") else fragment)
            return "#" + self.anchor(kind, ident) if ident else "#top"
        url = page_url(kind, lang, ident, report) + (f"#{fragment}" if fragment else "")
        return href(here, url, FILE if self.name == "files" else FOLDER)

    def anchor(self, kind: str, ident: str) -> str:
        """The id an item carries: a term on the glossary page, a goal's row, a part in the one-file edition."""
        if self.name == "anchors":
            return ANCHOR_PREFIX.get(kind, "") + ident
        return ident


FOLDERS, FILES, ANCHORS = LinkPolicy("folders"), LinkPolicy("files"), LinkPolicy("anchors")
