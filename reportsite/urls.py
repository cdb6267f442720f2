"""Where each page lives, and relative links between pages.

A page's url is site-relative ("en/sections/plan-1-innovation/"); its dest is the
file written ("en/sections/plan-1-innovation/index.html"). Links are relative, so
one dist/ works at any base path; the offline bundle links to files, not folders,
so that file:// never opens a directory listing.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

FOLDER, FILE = "folder", "file"


def page_url(kind: str, lang: str | None = None, ident: str | None = None) -> str:
    if kind == "chooser":
        return ""
    if kind == "home":
        return f"{lang}/"
    if kind in ("part", "section", "figure"):
        return f"{lang}/{kind}s/{ident}/"
    if kind == "page":  # a prose page from content/, e.g. about
        return f"{lang}/{ident}/"
    return f"{lang}/{kind}/"  # figures, targets, glossary, downloads, search


def dest(url: str) -> str:
    """folder/ -> folder/index.html; a file url stays as it is."""
    return url + "index.html" if url == "" or url.endswith("/") else url


@lru_cache(maxsize=65536)  # pure, and called ~30 times a page
def href(from_url: str, to_url: str, style: str = FOLDER) -> str:
    """A relative link from one page (or file) to another, keeping any #fragment."""
    to_url, hash_, fragment = to_url.partition("#")
    target = dest(to_url)
    start = posixpath.dirname(dest(from_url)) or "."
    if style == FOLDER and target.endswith("index.html") and (to_url == "" or to_url.endswith("/")):
        folder = posixpath.dirname(target) or "."
        link = posixpath.relpath(folder, start)
        link = "./" if link == "." else link + "/"
    else:
        link = posixpath.relpath(target, start)
    return link + hash_ + fragment


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"
