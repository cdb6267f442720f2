"""Write the site: everything into a staging folder beside dist/, then swap.

A failed build never touches dist/; a successful one replaces it whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    """Output that cannot be written as asked: two writes to one path or a path outside the output folder (a
    bug), or a printed or one-file edition the data cannot make (a briefing too long for its pages)."""


def unique(files: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Pass files through, refusing a second write to any path."""
    seen: set[str] = set()
    for name, data in files:
        if name in seen:
            raise OutputError(f"two outputs want the path {name}")
        seen.add(name)
        yield name, data


def write_tree(files: Iterable[tuple[str, bytes]], folder: Path,
               links: Mapping[str, Path] | None = None) -> list[str]:
    """Write each (path, bytes) under folder, refusing paths outside it; return the paths written.

    A path in links is made a hard link to the file named there, which holds the same bytes already
    (a page the previous build wrote): cheaper than writing them again, where the file system allows."""
    root = folder.resolve()
    written, made = [], set()
    for name, data in unique(files):
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts or "" in name.split("/"):
            raise OutputError(f"refusing to write outside the output folder: {name}")
        target = root.joinpath(*rel.parts)  # inside root: no "..", and the folder holds no links
        if target.parent not in made:  # one mkdir a folder, not one a file
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        source = links.get(name) if links else None
        if source is None or not _linked(source, target):
            target.write_bytes(data)
        written.append(name)
    return written


def _linked(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links, or the file is gone: the bytes are written instead
        return False
    return True


class FolderFiles:
    """A written folder read like {path: bytes}, a file at a time (for checks before the swap)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, path: str) -> bytes | None:
        target = self.folder / path
        return target.read_bytes() if target.is_file() else None


def write_site(files: Iterable[tuple[str, bytes]], dist: Path, verify: Callable[[FolderFiles], None] | None = None,
               links: Mapping[str, Path] | None = None) -> list[str]:
    """Replace dist/ with exactly these files, atomically as far as the file system allows.

    The files may be a generator: everything goes to a staging folder first, and an
    exception on the way (a data or template mistake found late, or verify raising on the
    written folder) leaves dist/ as it was. links: files to link rather than write (write_tree)."""
    dist = dist.resolve()
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}.staging-", dir=dist.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server may run as another user
    old = None
    try:
        written = write_tree(files, staging, links)
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
