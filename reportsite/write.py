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
from collections.abc import Callable, Iterable, Iterator, Set
from pathlib import Path, PurePosixPath


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
    root = folder.resolve()
    written, made = [], set()
    for name, data in unique(files):
        if data is None:
            raise OutputError(f"no bytes to write for {name}")  # a bug: a file kept from a dist/ being replaced
        target = root.joinpath(*inside(name).parts)  # inside root: no "..", and the folder holds no links
        if target.parent not in made:  # one mkdir a folder, not one a file
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        written.append(name)
    return written


def inside(name: str) -> PurePosixPath:
    """A relative path that stays inside the folder it is relative to; OutputError otherwise."""
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or "" in name.split("/"):
        raise OutputError(f"refusing to write outside the output folder: {name}")
    return rel


class FolderFiles:
    """A written folder read like {path: bytes}, a file at a time (for checks before the swap)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, path: str) -> bytes | None:
        target = self.folder / path
        return target.read_bytes() if target.is_file() else None


class UpdatedFiles:
    """The site an update will leave, read like {path: bytes} before dist/ is touched: the changed files from
    the staging folder, the others from dist/, and nothing for a file the new build does not have."""

    def __init__(self, staging: Path, changed: Set[str], dist: Path, names: Set[str]):
        self.staging, self.changed, self.dist, self.names = staging, changed, dist, names

    def get(self, path: str) -> bytes | None:
        if path not in self.names:
            return None
        return ((self.staging if path in self.changed else self.dist) / path).read_bytes()


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
        written = write_tree(changed_only(unique(files), names), staging)
        kept = set(names)
        gone = [name for name in on_disk if name not in kept]
        if verify is not None:
            verify(UpdatedFiles(staging, set(written), dist, kept), frozenset(written) | frozenset(gone))
        _remove(dist, gone)
        _move_in(staging, written, dist)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return names


def changed_only(files: Iterable[tuple[str, bytes | None]], names: list[str]) -> Iterator[tuple[str, bytes]]:
    """The files given with bytes; names learns the path of every file, as they pass."""
    for name, data in files:
        names.append(name)
        if data is not None:
            yield name, data


def _remove(dist: Path, gone: Iterable[str]) -> None:
    """Delete files, then every folder that held one and is empty now (first: a new file may take its path)."""
    folders = set()
    for name in gone:
        target = dist.joinpath(*inside(name).parts)
        target.unlink(missing_ok=True)
        folders.update(p for p in target.parents if p != dist and dist in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):  # the deepest first
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _move_in(staging: Path, written: Iterable[str], dist: Path) -> None:
    """Move each written file from the staging folder to its place in dist/, replacing the old one whole."""
    made = set()
    for name in written:  # each checked by write_tree already
        parts = PurePosixPath(name).parts
        target = dist.joinpath(*parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(staging.joinpath(*parts), target)
