"""The static assets, named by their content: site.css -> assets/site.3f9a0c1e.css.

A name that changes with the content lets any static host or CDN cache an asset for a year:
pages always point at the current names. The one-file edition inlines the same files.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

HASHED = (".css", ".js", ".svg")  # files pages link to; other assets keep their names
NOT_PUBLISHED = {"single.css", "handout.css", "favicon.svg"}  # inlined: the one-file edition's and the PDFs' styles, the icon


@dataclass(frozen=True)
class Asset:
    path: str  # where it is written, under dist/
    data: bytes


def hashed(folder: Path) -> dict[str, Asset]:
    """{file name: Asset} for every file of the assets folder, in a stable order."""
    out = {}
    for source in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = source.relative_to(folder).as_posix()
        if name in NOT_PUBLISHED:
            continue
        data = source.read_bytes()
        out[f"assets/{name}"] = Asset(f"assets/{_hashed_name(name, data)}", data)
    return out


def _hashed_name(name: str, data: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix}" not in HASHED:
        return name
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}.{suffix}"


def data_uri(path: Path) -> str:
    """An SVG as a data: URI, so that a page's icon costs no request (and none fails on file://)."""
    return "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes().strip()).decode()
