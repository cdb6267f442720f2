"""Files beside the output folder that keep what a build made, for the next build to take instead of making it
again (dist/ -> dist.<name>.bin, never in dist/; .gitignore's /dist.* covers them): the search index's parts and
postings (search_store.py), each report's rows of the site's tables (Store, publish.site_tables).

A file is written whole or not at all: a line that says what wrote it (its format, this code version) and the
sha256 of the rest, then the value in Python's marshal format (marshal's format is Python's: the code version
names it). It is never read unless that line is right: a file that cannot be read, fails its checksum, or is of
another format or code version is ignored, and what it held is made again, as `build.py --clean` makes it.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from .cache import code_version
from .write import write_whole

UNREADABLE = (OSError, ValueError, TypeError, AttributeError, EOFError, RecursionError)  # a damaged file raises
V = TypeVar("V")


def beside(dist: Path, name: str) -> Path:
    """The file of that name beside the output folder: dist/ -> dist.<name>.bin."""
    return dist.parent / f"{dist.name}.{name}.bin"


def header(format: int, body: bytes) -> bytes:
    return json.dumps({"format": format, "code": code_version(), "sha256": hashlib.sha256(body).hexdigest()},
                      sort_keys=True).encode()


def read(path: Path, format: int) -> object:
    """The value a file keeps; ValueError when its first line is not this format's and code version's, or does not
    match the rest (any of UNREADABLE for a file that is missing or damaged)."""
    head, _, body = path.read_bytes().partition(b"\n")
    if head != header(format, body):
        raise ValueError("not a file of this format and code version, or damaged")
    return marshal.loads(body)


def write(path: Path, format: int, value: object) -> None:
    """Write the file whole or not at all (a temporary file, then a rename)."""
    body = marshal.dumps(value)
    write_whole(path, header(format, body) + b"\n" + body)


class Store(Generic[V]):
    """Values kept by a key that says what each is made from: the last build's (read when first asked for: a build
    that asks for none reads nothing), and those this build uses, saved for the next. valid: a value as the file
    holds it, or ValueError (a file of the right checksum but not of this shape: it is ignored); written: a value as
    the file holds it (marshal's types)."""

    def __init__(self, path: Path, format: int, valid: Callable[[object], V], use_previous: bool = True,
                 written: Callable[[V], object] = lambda value: value):
        self.path, self.format, self.valid, self.written = path, format, valid, written
        self.use_previous = use_previous
        self.kept: dict[str, V] | None = None
        self.used: dict[str, V] = {}

    def get(self, key: str, make: Callable[[], V]) -> V:
        """The value kept under this key, or the one make() makes."""
        if self.kept is None:
            self.kept = self.last() if self.use_previous else {}
        found = self.kept.get(key)
        if found is None:
            found = make()
        self.used[key] = found
        return found

    def last(self) -> dict[str, V]:
        """The values the file keeps; none when it is missing, unreadable, damaged, or of another format or code
        version."""
        try:
            values = read(self.path, self.format)
            if not (isinstance(values, dict) and all(isinstance(key, str) for key in values)):
                raise ValueError("not a store")
            return {key: self.valid(value) for key, value in values.items()}
        except UNREADABLE:
            return {}  # a damaged file: the values are made again, never a crash

    def save(self) -> None:
        """Keep the values this build used for the next one; when it used none, or took every one from the file,
        leave the file as it is."""
        if self.used and self.used.keys() != (self.kept or {}).keys():
            write(self.path, self.format, {key: self.written(value) for key, value in self.used.items()})
