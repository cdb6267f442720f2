"""The search index's parts kept between builds (search.Part), so that an edit of one section makes again only
that section's part of the index: its entries, fragments and postings; the build splices the postings again.

Each part is kept under a key that says what it is made from (search.parts: a section's hash, or its report's
figures' and which of them are goals or report a goal's outcome; the report's label and place, whether the site
has several places, the link policy; the glossary's and pages' entries themselves), in a file beside the output
folder, never in it (dist/ -> dist.search.bin, which .gitignore's /dist.* covers). The file holds the parts the
last build used. The process that made the index writes it as soon as it has them (a part is right for its key
whatever the build does next), whole or not at all, as kept.py writes its files: a line that says what wrote it
(this format, this code version) and the sha256 of the rest, then the parts in Python's marshal format, each
part's postings packed apart (marshal again: unpacked only for a part an edit changed, Part.postings; the 140,000
rows of six reports would cost 0.03 s to read every time). The parts are never read unless that line is right:
a file that cannot be read, fails its checksum, or is of another format or code version (marshal's format is
Python's: the code version names it) is ignored, and the parts are made again, as `build.py --clean` makes them.

Beside it, in the same way, the postings merged from the parts (dist.search-postings.bin: the parts' keys and first
entries, and the table): an edit that changes a part but not its number of entries splices in only the tokens
whose rows changed (search.merge_again), not the 140,000 rows of six reports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import kept
from .search import Merged, Part

FORMAT = 3  # of the file; raise it when a part's fields change meaning


def store_path(dist: Path) -> Path:
    """Beside the output folder: dist/ -> dist.search.bin."""
    return kept.beside(dist, "search")


def merged_path(parts: Path) -> Path:
    """The postings merged from the parts, beside them: dist.search.bin -> dist.search-postings.bin."""
    return parts.with_name(parts.name.replace(".search.bin", ".search-postings.bin"))


class PartStore(kept.Store[Part]):
    """The parts of the last build (by key), read when first asked for (a build that makes no index reads
    nothing), and those this build uses, for the next; and the postings merged from them."""

    def __init__(self, path: Path, use_previous: bool = True):
        super().__init__(path, FORMAT, _part, use_previous, _row)
        self._merged: Merged | None = None
        self._merged_read = False

    @classmethod
    def beside(cls, dist: Path, use_previous: bool = True) -> "PartStore":
        return cls(store_path(dist), use_previous)

    def part(self, key: str, make: Callable[[], Part]) -> Part:
        """The part kept under this key, or the one make() makes."""
        return self.get(key, make)

    def keys(self) -> tuple[str, ...]:
        return tuple(self.used)

    def kept_part(self, key: str) -> Part | None:
        return (self.kept or {}).get(key)

    def last_merged(self) -> Merged | None:
        """The postings the last build merged, and from which parts (None: none, or not to be trusted)."""
        if not self._merged_read:
            self._merged_read = True
            self._merged = read_merged(merged_path(self.path)) if self.use_previous else None
        return self._merged

    def keep_merged(self, merged: Merged) -> None:
        """Keep this build's postings for the next (written at once, as the parts are), unless they are the last's."""
        last = self.last_merged()
        if last is None or (last.keys, last.offsets) != (merged.keys, merged.offsets):
            write_merged(merged_path(self.path), merged)


def header(body: bytes) -> bytes:
    return kept.header(FORMAT, body)


def read_parts(path: Path) -> dict[str, Part]:
    """The parts a file keeps; none when it is missing, unreadable, damaged, or of another format or code version."""
    return PartStore(path).last()


def _part(row: object) -> Part:
    """A part as the file writes it: [kinds, report id, fragments, postings packed (search.Part)]."""
    if not (isinstance(row, list) and len(row) == 4):
        raise ValueError("not a part")
    kinds, report_id, fragments, packed = row
    if not (isinstance(kinds, str) and (report_id is None or isinstance(report_id, str))
            and isinstance(fragments, list) and len(fragments) == len(kinds)
            and all(isinstance(text, str) for text in fragments) and isinstance(packed, bytes)):
        raise ValueError("not a part")
    return Part(kinds, report_id, fragments, packed)


def _row(part: Part) -> list:
    """A part as the file writes it (_part reads it back)."""
    return [part.kinds, part.report_id, part.fragments, part.packed]


def read_merged(path: Path) -> Merged | None:
    """The postings a file keeps; None when it is missing, unreadable, damaged, or of another format or code version."""
    try:
        keys, starts, table = kept.read(path, FORMAT)
        if not (isinstance(keys, list) and isinstance(starts, list) and len(keys) == len(starts)
                and all(isinstance(k, str) for k in keys) and all(isinstance(n, int) for n in starts)
                and isinstance(table, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in table.items())):
            return None
        return Merged(tuple(keys), tuple(starts), table)
    except kept.UNREADABLE:
        return None  # a damaged file: the postings are merged again, never a crash


def write_merged(path: Path, merged: Merged) -> None:
    kept.write(path, FORMAT, [list(merged.keys), list(merged.offsets), merged.table])
