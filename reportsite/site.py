"""The whole pipeline for one project folder: load -> validate -> model -> render -> write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import published
from .errors import BuildFailed, Problems
from .l10n import load_translations
from .model import Site
from .render import Options, SiteRenderer
from .validate import validate_site
from .write import unique, write_site


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
    base_url: str | None = None  # overrides site.yaml's url (--base-url, SITE_URL)

    @classmethod
    def at(cls, root: Path, data: Path | None = None, dist: Path | None = None,
           content: Path | None = None, base_url: str | None = None) -> "Project":
        root = root.resolve()
        return cls(root, (data or root / "data").resolve(), (content or root / "content").resolve(),
                   root / "templates", root / "assets", root / "locales", (dist or root / "dist").resolve(),
                   base_url)

    @property
    def watched(self) -> tuple[Path, ...]:
        return (self.data, self.content, self.templates, self.assets, self.locales)


@dataclass(frozen=True)
class Built:
    site: Site
    paths: tuple[str, ...]
    seconds: float
    files: dict[str, bytes] | None = None  # kept only when asked for (tests, the bundle)

    @property
    def pages(self) -> int:
        return sum(1 for name in self.paths if name.endswith(".html"))


def read_site(project: Project) -> Site:
    """Validate the data and content; raise BuildFailed listing every problem."""
    return validate_site(project.data, project.content, project.root, project.base_url)


def renderer(project: Project, site: Site, options: Options = Options(),
             bytecode: jinja2.BytecodeCache | None = None) -> SiteRenderer:
    """The site's renderer: the UI catalogs loaded, templates ready."""
    problems = Problems()
    translations = load_translations(project.locales, project.root, problems)
    if problems:
        raise BuildFailed(problems)
    return SiteRenderer(site, project.templates, project.assets, translations, options, bytecode)


def files_of(renderer_: SiteRenderer) -> Iterator[tuple[str, bytes]]:
    """Every file of the site, rendered one at a time, no path twice."""
    return unique(renderer_)


def iter_files(project: Project, site: Site, options: Options = Options()) -> Iterator[tuple[str, bytes]]:
    return files_of(renderer(project, site, options))


def render_files(project: Project, site: Site, options: Options = Options()) -> dict[str, bytes]:
    """Every file of the site in memory, as {path: bytes}."""
    return dict(iter_files(project, site, options))


def check_published(project: Project, files) -> None:
    """Raise BuildFailed when an address the site has published (data/published.txt) no longer resolves."""
    problems = Problems()
    published.check(project.data, project.root, files, problems)
    if problems:
        raise BuildFailed(problems)


def build(project: Project, options: Options = Options(), keep_files: bool = True) -> Built:
    """Build the whole site; on success replace dist/, on failure leave it untouched.

    With keep_files=False the pages stream to the disk as they are rendered (the CLI's
    way: memory stays flat however large the report)."""
    start = time.perf_counter()
    site = read_site(project)
    verify = lambda written: check_published(project, written)  # noqa: E731
    if keep_files:
        files = render_files(project, site, options)
        write_site(files.items(), project.dist, verify)
        return Built(site, tuple(files), time.perf_counter() - start, files)
    paths = write_site(iter_files(project, site, options), project.dist, verify)
    return Built(site, tuple(paths), time.perf_counter() - start)
