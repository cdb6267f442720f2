"""Write the site: a clean build replaces dist/ whole; an incremental one updates it in place.

A clean build (write_site) writes every file into a staging folder beside dist/, checks it, then swaps
it for dist/: two renames, so a reader sees the old site or the new one, never a mix (between the two
renames there is briefly no dist/ at all).

An incremental build (update_site) writes only the files whose bytes changed, and deletes the files the
new build no longer has. Everything that can fail on the data or the templates happens before dist/ is
touched: every file is rendered (a mistake found late raises while the changed files are still in a
staging folder beside dist/), and the checks run on the new site as it will be (the staging folder over
dist/). A failed build leaves dist/ exactly as it was. Then each changed file is moved into dist/ by one
rename, so a reader never sees half a file; what is not atomic is the set: while the renames and
deletions run (milliseconds for an edit's few hundred files) a reader may see some pages new and
others old, and a file system error then (a full disk, a folder made read-only) leaves dist/ part old,
part new. The next build makes it whole: a file whose size or date is not the one the manifest recorded
is made again (cache.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from pathlib import Path


class OutputError(Exception):
    """Output that cannot be written as asked: two writes to one path or a path outside the output folder (a
    bug), or a printed or one-file edition the data cannot make (a briefing too long for its pages)."""


def unique(files: Iterable[tuple[str, bytes | None]]) -> Iterator[tuple[str, bytes | None]]:
    """Pass files through, refusing a second write to any path."""
    seen: set[str] = set()
    for name, data in files:
        if name in seen:
            raise OutputError(f"two outputs want the path {name}")
        seen.add(name)
        yield name, data


def write_tree(files: Iterable[tuple[str, bytes | None]], folder: Path) -> list[str]:
    """Write each (path, bytes) under folder, refusing paths outside it; return the paths written."""
    root = str(folder.resolve())  # paths as strings: 8,000 files' Path objects cost a clean build 0.1 s
    written, made = [], set()
    for name, data in unique(files):
        if data is None:
            raise OutputError(f"no bytes to write for {name}")  # a bug: a file kept from a dist/ being replaced
        target = os.path.join(root, *inside(name).split("/"))  # inside root: no "..", and the folder holds no links
        parent = os.path.dirname(target)
        if parent not in made:  # one mkdir a folder, not one a file
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        write_new(target, data)
        written.append(name)
    return written


NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def write_new(path: str, data: bytes) -> None:
    """Write a file of a folder being made: open, write, close (open() would ask the file's size, whether it is a
    terminal and where it stands too: three more system calls a file, 24,000 in a clean build)."""
    handle = os.open(path, NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def write_whole(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temporary file beside it, then a rename): a record a build reads
    back (cache.py, datacache.py, search_store.py) is never seen half written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f"{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def inside(name: str) -> str:
    """A relative path ("a/b.html") that stays inside the folder it is relative to, as given; OutputError otherwise
    (absolute, empty, with an empty part or a "..")."""
    parts = name.split("/")
    if "" in parts or ".." in parts:
        raise OutputError(f"refusing to write outside the output folder: {name}")
    return name


class LastRead:
    """Files read like {path: bytes}, a file at a time, the last one kept: the published list names a page's
    anchors one after another, so each page is read once, not once an anchor."""

    def __init__(self):
        self._last: tuple[str, bytes | None] | None = None

    def get(self, path: str) -> bytes | None:
        if self._last is None or self._last[0] != path:
            self._last = (path, self.read(path))
        return self._last[1]

    def read(self, path: str) -> bytes | None:
        raise NotImplementedError


class FolderFiles(LastRead):
    """A written folder (for checks before the swap)."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def read(self, path: str) -> bytes | None:
        target = self.folder / path
        return target.read_bytes() if target.is_file() else None


class UpdatedFiles(LastRead):
    """The site an update will leave, before dist/ is touched: the changed files where they are staged, the
    others from dist/, and nothing for a file the new build does not have."""

    def __init__(self, staged: Mapping[str, str], dist: Path, names: Set[str]):
        super().__init__()
        self.staged, self.dist, self.names = staged, dist, names

    def read(self, path: str) -> bytes | None:
        if path not in self.names:
            return None
        with open(self.staged[path] if path in self.staged else os.path.join(self.dist, path), "rb") as file:
            return file.read()


def staging_folder(dist: Path) -> Path:
    """A new empty folder beside dist/ (on its file system: a rename moves a file from one to the other)."""
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}.staging-", dir=dist.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server may run as another user
    return staging


def write_site(files: Iterable[tuple[str, bytes]], dist: Path,
               verify: Callable[[FolderFiles], None] | None = None) -> list[str]:
    """Replace dist/ with exactly these files, atomically as far as the file system allows.

    The files may be a generator: everything goes to a staging folder first, and an
    exception on the way (a data or template mistake found late, or verify raising on the
    written folder) leaves dist/ as it was."""
    dist = dist.resolve()
    staging = staging_folder(dist)
    old = None
    try:
        written = write_tree(files, staging)
        if verify is not None:
            verify(FolderFiles(staging))
        if dist.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dist.name}.old-", dir=dist.parent))
            os.replace(dist, old / "dist")
        os.replace(staging, dist)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and not dist.exists():
            os.replace(old / "dist", dist)  # put the previous site back
        raise
    return written


def update_site(files: Iterable[tuple[str, bytes | None]], dist: Path, on_disk: Iterable[str],
                verify: Callable[[UpdatedFiles, frozenset[str]], None] | None = None) -> list[str]:
    """Make dist/ hold exactly these files: write those given with bytes, keep those given with None (dist/
    holds them as they should be), delete the others.

    The files may be a generator that raises at its end (as rendering does): the bytes go to a staging
    folder first. on_disk: the paths of the files dist/ holds now (or may hold: a path not there is fine).
    verify: called with the site as it will be and the paths this update writes or deletes, before dist/
    is touched; raising leaves dist/ as it was. Returns the paths of the site's files."""
    dist = dist.resolve()
    staging = staging_folder(dist)
    names: list[str] = []
    try:
        staged = _stage(changed_only(unique(files), names), staging)
        kept = set(names)
        gone = [name for name in on_disk if name not in kept]
        if verify is not None:
            verify(UpdatedFiles(staged, dist, kept), frozenset(staged) | frozenset(gone))
        _remove(str(dist), gone)
        _move_in(staged, str(dist))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return names


def _stage(files: Iterable[tuple[str, bytes]], staging: Path) -> dict[str, str]:
    """Write each file into the staging folder under a number (no folders to make there, or to remove);
    return each one's path in the site -> where it is staged."""
    staged: dict[str, str] = {}
    for name, data in files:
        inside(name)
        where = os.path.join(staging, str(len(staged)))
        write_new(where, data)
        staged[name] = where
    return staged


def changed_only(files: Iterable[tuple[str, bytes | None]], names: list[str]) -> Iterator[tuple[str, bytes]]:
    """The files given with bytes; names learns the path of every file, as they pass."""
    for name, data in files:
        names.append(name)
        if data is not None:
            yield name, data


def _remove(dist: str, gone: Iterable[str]) -> None:
    """Delete files, then every folder that held one and is empty now (first: a new file may take its path)."""
    folders = set()
    for name in gone:
        inside(name)
        try:
            os.unlink(os.path.join(dist, name))
        except FileNotFoundError:  # recorded by the last build, and gone since
            continue
        folder = os.path.dirname(name)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):  # the deepest first
        path = os.path.join(dist, folder)
        if os.path.isdir(path) and not os.listdir(path):
            os.rmdir(path)


def _move_in(staged: Mapping[str, str], dist: str) -> None:
    """Move each staged file to its place in dist/, replacing the old one whole (a rename: no half file)."""
    made = set()
    for name, where in staged.items():
        target = os.path.join(dist, name)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        os.replace(where, target)
