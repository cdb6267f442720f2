"""Write the site: everything into a staging folder beside dist/, then swap.

A failed build never touches dist/; a successful one replaces it whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class OutputError(Exception):
    """Two writes to one path, or a path outside the output folder: a bug, not a data mistake."""


def collect(outputs: dict[str, bytes], assets_dir: Path) -> dict[str, bytes]:
    """Add the static assets to the rendered outputs, refusing any path written twice."""
    files = dict(outputs)
    for path in sorted(p for p in assets_dir.rglob("*") if p.is_file()):
        key = "assets/" + path.relative_to(assets_dir).as_posix()
        if key in files:
            raise OutputError(f"two outputs want the path {key}")
        files[key] = path.read_bytes()
    return files


def write_tree(files: dict[str, bytes], folder: Path) -> None:
    """Write {path: bytes} under folder, refusing paths that would land outside it."""
    root = folder.resolve()
    for name in sorted(files):
        rel = PurePosixPath(name)
        target = (root / rel).resolve()
        if rel.is_absolute() or ".." in rel.parts or not target.is_relative_to(root):
            raise OutputError(f"refusing to write outside the output folder: {name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[name])


def write_site(files: dict[str, bytes], dist: Path) -> None:
    """Replace dist/ with exactly these files, atomically as far as the file system allows."""
    dist = dist.resolve()
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dist.name}.staging-", dir=dist.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server may run as another user
    old = None
    try:
        write_tree(files, staging)
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
