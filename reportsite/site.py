"""The whole pipeline for one project folder: load -> validate -> model -> render -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildFailed, Problems
from .l10n import load_translations
from .model import Report
from .render import Options, render_site
from .validate import validate_report
from .write import collect, write_site


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
    files: dict[str, bytes]
    seconds: float

    @property
    def pages(self) -> int:
        return sum(1 for name in self.files if name.endswith(".html"))


def load(project: Project) -> Report:
    """Validate the data and content; raise BuildFailed listing every problem."""
    return validate_report(project.data, project.content, project.root)


def render(project: Project, report: Report, options: Options = Options()) -> dict[str, bytes]:
    problems = Problems()
    translations = load_translations(project.locales, project.root, problems)
    if problems:
        raise BuildFailed(problems)
    return collect(render_site(report, project.templates, translations, options), project.assets)


def build(project: Project, options: Options = Options(), write: bool = True) -> Built:
    """Build the whole site; on success replace dist/, on failure leave it untouched."""
    start = time.perf_counter()
    report = load(project)
    files = render(project, report, options)
    if write:
        write_site(files, project.dist)
    return Built(report, files, time.perf_counter() - start)
