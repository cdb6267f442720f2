"""The whole pipeline for one project folder: load -> validate -> model -> render -> write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .errors import BuildFailed, Problems
from .l10n import load_translations
from .model import Report
from .render import Options, SiteRenderer
from .validate import validate_report
from .write import unique, with_assets, write_site


@dataclass(frozen=True)
class Project:
    """Where a site's inputs live and where it is written."""

    root: Path
    data: Path
    content: Path
    templates: Path
    assets: Path
    locales: Path
    dist: Path

    @classmethod
    def at(cls, root: Path, data: Path | None = None, dist: Path | None = None,
           content: Path | None = None) -> "Project":
        root = root.resolve()
        return cls(root, (data or root / "data").resolve(), (content or root / "content").resolve(),
                   root / "templates", root / "assets", root / "locales", (dist or root / "dist").resolve())

    @property
    def watched(self) -> tuple[Path, ...]:
        return (self.data, self.content, self.templates, self.assets, self.locales)


@dataclass(frozen=True)
class Built:
    report: Report
    paths: tuple[str, ...]
    seconds: float
    files: dict[str, bytes] | None = None  # kept only when asked for (tests, the bundle)

    @property
    def pages(self) -> int:
        return sum(1 for name in self.paths if name.endswith(".html"))


def read_report(project: Project) -> Report:
    """Validate the data and content; raise BuildFailed listing every problem."""
    return validate_report(project.data, project.content, project.root)


def renderer(project: Project, report: Report, options: Options = Options(),
             bytecode: jinja2.BytecodeCache | None = None) -> SiteRenderer:
    """The site's renderer: the UI catalogs loaded, templates ready."""
    problems = Problems()
    translations = load_translations(project.locales, project.root, problems)
    if problems:
        raise BuildFailed(problems)
    return SiteRenderer(report, project.templates, translations, options, bytecode)


def files_of(site: SiteRenderer, project: Project) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, rendered one at a time, assets included, no path twice."""
    return unique(with_assets(site, project.assets))


def iter_files(project: Project, report: Report, options: Options = Options()) -> Iterator[tuple[str, bytes]]:
    return files_of(renderer(project, report, options), project)


def render_files(project: Project, report: Report, options: Options = Options()) -> dict[str, bytes]:
    """Every file of the site in memory, as {path: bytes}."""
    return dict(iter_files(project, report, options))


def build(project: Project, options: Options = Options(), keep_files: bool = True) -> Built:
    """Build the whole site; on success replace dist/, on failure leave it untouched.

    With keep_files=False the pages stream to the disk as they are rendered (the CLI's
    way: memory stays flat however large the report)."""
    start = time.perf_counter()
    report = read_report(project)
    if keep_files:
        files = render_files(project, report, options)
        write_site(files.items(), project.dist)
        return Built(report, tuple(files), time.perf_counter() - start, files)
    paths = write_site(iter_files(project, report, options), project.dist)
    return Built(report, tuple(paths), time.perf_counter() - start)
