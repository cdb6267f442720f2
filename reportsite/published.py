"""Addresses are forever: every page, download and anchor the site has published keeps resolving.

data/published.txt (in the site's data folder) lists them, one address a line, as a path from the site's root:
a page ("/en/sections/plan-1-innovation/"), a file ("/data/figures.csv"), or an anchor on a page
("/en/sections/plan-1-innovation/#plan-1-six-new"). The build fails when one of them no longer
resolves: the page or file is gone, or the anchor is gone from its page, unless a redirect
page stands at the old address and its target has the anchor. `build.py published` adds the
addresses of a new build to the list (record.py); nothing ever leaves it.

An incremental build checks only the addresses whose files it wrote or deleted (the previous build checked
the others, over the files that are still the same), unless the list changed since: then it checks them all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Set
from pathlib import Path

from . import kept
from .cache import digest
from .errors import Mark, Problems, rel

LIST_NAME = "published.txt"
INDEX_FORMAT = 1  # of the kept index of the addresses by the files they read (Seen.kept_at)
ID_MARKER = re.compile(rb' id="[^"]*"')  # an anchor as resolves() looks for it
HEADER = (
    "# Every address this site has published: pages, downloads and anchors on pages (site-relative).\n"
    "# The build fails when one stops resolving; a moved page leaves a redirect page behind.\n"
    "# Add new addresses with `.venv/bin/python3 build.py published`; never delete a line.\n"
)


def resolves(address: str, files: Mapping[str, bytes], redirects: Mapping[str, str]) -> bool:
    """Whether an address resolves in the built site, following one redirect page (redirects: the path
    of each redirect page the renderer wrote -> the url of the page it sends the reader to)."""
    page, _, anchor = address.removeprefix("/").partition("#")
    path = page + "index.html" if page == "" or page.endswith("/") else page
    body = files.get(path)
    if body is None:
        return False
    if path in redirects:  # the page it sends to must resolve, with the same anchor
        target = "/" + redirects[path]
        return target != "/" + page and resolves(target + (f"#{anchor}" if anchor else ""), files, redirects)
    return not anchor or f' id="{anchor}"'.encode() in body


def files_read(address: str, redirects: Mapping[str, str]) -> list[str]:
    """The paths resolves() reads for an address: its file, and the file of each redirect page's target."""
    paths: list[str] = []
    page = address.removeprefix("/").partition("#")[0]
    while True:
        path = page + "index.html" if page == "" or page.endswith("/") else page
        if path in paths:
            return paths
        paths.append(path)
        if path not in redirects:
            return paths
        page = redirects[path]


class Seen:
    """What the published addresses ask of a site as it is written (note each file as it passes), for check(): of
    each file they read, that it was written and which of their anchors it holds. Not its bytes: a build checks
    its files as it writes them, and neither reads them back nor keeps them. The files not noted (an incremental
    build's, left as they were) are read from rest when asked for. The addresses are indexed by the files they read
    when the first file is noted: in a build on several processes, while the workers render."""

    def __init__(self, data_dir: Path, redirects: Mapping[str, str], kept_at: Path | None = None, fresh: bool = False):
        """kept_at: a file (kept.py) that keeps the index between builds, for as long as the list and the redirect pages
        stay the same (16,691 addresses: 35 ms to index, while the workers render); fresh: make it, and keep it, without
        reading the file (--clean)."""
        self.data_dir, self.redirects, self.kept_at, self.fresh = data_dir, redirects, kept_at, fresh
        self.rest = None  # anything with .get(path) -> bytes: the files not noted (over())
        self._readers: dict[str, list[tuple[int, str]]] | None = None  # path -> the addresses reading it (numbered)
        self.wanted: dict[str, set[bytes]] = {}  # path -> the anchors (as resolves() looks for them) read there
        self.found: dict[str, bytes] = {}

    @property
    def readers(self) -> dict[str, list[tuple[int, str]]]:
        if self._readers is None:
            key = digest(INDEX_FORMAT, list_version(self.data_dir), sorted(self.redirects.items()))
            index = self._kept_index(key)
            if index is None:
                index = self._index()
                if self.kept_at:
                    kept.write(self.kept_at, INDEX_FORMAT, (key, *index))
            self._readers, self.wanted = index
        return self._readers

    def _kept_index(self, key: str) -> tuple[dict, dict] | None:
        """The index the file keeps, when it was made of the same list and redirect pages (None: not, or no file)."""
        if not self.kept_at or self.fresh:
            return None
        try:
            found, readers, wanted = kept.read(self.kept_at, INDEX_FORMAT)
        except kept.UNREADABLE:
            return None  # a damaged file: the index is made again
        return (readers, wanted) if found == key and isinstance(readers, dict) and isinstance(wanted, dict) else None

    def _index(self) -> tuple[dict[str, list[tuple[int, str]]], dict[str, set[bytes]]]:
        """The numbered addresses by the files they read, and the anchors they ask of each file."""
        readers: dict[str, list[tuple[int, str]]] = {}
        wanted: dict[str, set[bytes]] = {}
        for n, address in numbered_list(self.data_dir):
            anchor = address.partition("#")[2]
            for path in files_read(address, self.redirects):
                readers.setdefault(path, []).append((n, address))
                anchors = wanted.setdefault(path, set())
                if anchor:
                    anchors.add(f' id="{anchor}"'.encode())
        return readers, wanted

    def note(self, path: str, data: bytes | None) -> None:
        """A file as it is written (None: left as it was, not written)."""
        if data is not None and path in self.readers:
            wanted = self.wanted[path]  # each anchor's marker as resolves() looks for it: few, or found in one pass
            held = {m for m in wanted if m in data} if len(wanted) < 3 else wanted & set(ID_MARKER.findall(data))
            self.found[path] = b"".join(sorted(held))

    def get(self, path: str) -> bytes | None:
        """As resolves() reads a file: the anchors it asked for that the file holds (None: never written), or the file
        from rest where it was not noted."""
        if path in self.found or self.rest is None:
            return self.found.get(path)
        return self.rest.get(path)

    def over(self, rest) -> "Seen":
        """These notes, over the files of rest for those not noted."""
        self.rest = rest
        return self

    def reading(self, touched: Set[str] | None) -> list[tuple[int, str]]:
        """The numbered addresses that read one of these paths (None: every address), in the list's order."""
        if touched is None:
            return numbered_list(self.data_dir)
        return sorted({item for path in touched for item in self.readers.get(path, ())})


def read_list(data_dir: Path) -> list[str]:
    return [address for _, address in numbered_list(data_dir)]


def numbered_list(data_dir: Path) -> list[tuple[int, str]]:
    """The published addresses with their line numbers (blank lines and comments are not addresses)."""
    path = data_dir / LIST_NAME
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, start=1) if line and not line.startswith("#")]


def list_version(data_dir: Path) -> str:
    """A hash of the list as it is now ("none" when there is none): a build records the list it checked."""
    path = data_dir / LIST_NAME
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "none"


def check(data_dir: Path, root: Path, files, redirects: Mapping[str, str], problems: Problems,
          touched: Set[str] | None = None) -> None:
    """Note every published address that no longer resolves (files: anything with .get(path) -> bytes, or the Seen
    that noted them; redirects: as resolves() takes them). touched: when given, only the addresses that read one of
    these paths are checked (the others resolved in the previous build, over files that have not changed)."""
    shown = rel(data_dir / LIST_NAME, root)
    seen = files if isinstance(files, Seen) else Seen(data_dir, redirects)
    for n, address in seen.reading(touched):
        if not resolves(address, files, redirects):
            problems.add(Mark(shown, n), address,
                         "a page, file or anchor at this published address (or a redirect page to its new place)",
                         "nothing")
