"""One error type for every data mistake, and a collector so a run reports them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Mark:
    """Where a value sits in a source file (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class DataError:
    """A mistake a person can act on: where, which key, what was expected, what was found."""

    mark: Mark
    key_path: str
    expected: str
    found: str | None = None

    def __str__(self) -> str:
        where = f"{self.mark}: {self.key_path}: " if self.key_path else f"{self.mark}: "
        found = f", found {self.found}" if self.found is not None else ""
        return f"{where}expected {self.expected}{found}"


@dataclass(frozen=True)
class Draft:
    """A record still marked `draft:` (written by `build.py draft`): what a person has yet to review or write."""

    mark: Mark
    report_id: str
    key_path: str
    what: str

    def __str__(self) -> str:
        where = f"{self.mark}: {self.key_path}.draft" if self.key_path else f"{self.mark}: draft"
        return f"{where}: {self.what}"


@dataclass
class Problems:
    """Collects DataErrors over a whole run; the build fails once, listing them all.

    Drafts are not mistakes but records not yet reviewed: they are listed too, and a site with any is
    not published either."""

    errors: list[DataError] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)  # how to fix a kind of mistake, said once after the list
    drafts: list[Draft] = field(default_factory=list)
    _places: set[tuple[Mark, str]] = field(default_factory=set, repr=False)

    def add(self, mark: Mark, key_path: str, expected: str, found: str | None = None) -> None:
        """Note a mistake; a second one at the same place and key (a missing key read again) is dropped."""
        if key_path and (mark, key_path) in self._places:
            return
        self._places.add((mark, key_path))
        self.errors.append(DataError(mark, key_path, expected, found))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def count(self) -> int:
        """Everything noted so far (mistakes, drafts, hints): a read that leaves it as it was found nothing."""
        return len(self.errors) + len(self.drafts) + len(self.hints)

    def hint(self, text: str) -> None:
        if text not in self.hints:
            self.hints.append(text)

    def draft(self, draft: Draft) -> None:
        self.drafts.append(draft)

    @property
    def failed(self) -> bool:
        """Whether the run must stop: a mistake, or a draft, which is never published."""
        return bool(self.errors or self.drafts)

    def report(self) -> str:
        lines = [str(e) for e in self.errors]
        counts = [counted(len(lines), "error")] if lines or not self.drafts else []
        if self.drafts:
            lines += [str(d) for d in self.drafts] + self.drafts_left()
            counts.append(f"{counted(len(self.drafts), 'draft')} left")
        return "\n".join(lines + self.hints + [f"{', '.join(counts)}; nothing was written."])

    def drafts_left(self) -> list[str]:
        """How many records of each report (or site.yaml) are still drafts, and what makes one reviewed."""
        by_report: dict[str, int] = {}
        for d in self.drafts:
            by_report[d.report_id] = by_report.get(d.report_id, 0) + 1
        return [f"{rid}: {counted(n, 'draft')} left" for rid, n in by_report.items()] + [
            "A record is reviewed when its draft: line is deleted; nothing is published while a draft is left."]


def counted(n: int, noun: str) -> str:
    """A count in words: "1 report", "2 reports", "0 reports"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class BuildFailed(Exception):
    """Raised with every problem found; the CLI prints them and exits non-zero."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems


def describe(value: object, limit: int = 60) -> str:
    """A short, readable rendering of a found value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rel(path: Path, root: Path) -> str:
    """A path as shown in messages: relative to the project root, else to the working folder, else absolute."""
    path = path.resolve()
    for base in (root.resolve(), Path.cwd().resolve()):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()
