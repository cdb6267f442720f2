"""The whole pipeline for one project folder: load -> validate -> model -> render -> write.

The modules of each step are imported by the function that needs them: a build that finds nothing
changed since the last one (cache.py) never loads Jinja, Babel or the YAML reader."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import FileCache, Inputs, build_stamp
from .errors import BuildFailed, Problems
from .write import unique, write_site

if TYPE_CHECKING:
    import jinja2

    from .cache import Keys
    from .model import Site
    from .render import Options, SiteRenderer


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
        """The project at root; by default its data/, the content/ beside the data folder (a site's prose
        pages go with its data: another data folder never shows this project's home page) and dist/."""
        root = root.resolve()
        data = (data or root / "data").resolve()
        return cls(root, data, (content or data.parent / "content").resolve(), root / "templates",
                   root / "assets", root / "locales", (dist or root / "dist").resolve(), base_url)

    @property
    def watched(self) -> tuple[Path, ...]:
        return (self.data, self.content, self.templates, self.assets, self.locales)


@dataclass(frozen=True)
class Built:
    """What a build did: the site it read, the files it wrote (or found unchanged) and how long it took."""

    site: Site | None  # None when nothing_changed: nothing was read
    paths: tuple[str, ...]
    seconds: float
    files: dict[str, bytes] | None = None  # kept only when asked for (tests, the bundle)
    rendered: int = 0  # pages rendered by this build
    reused: int = 0  # pages taken unchanged from the previous build (cache.py)
    processes: int = 1  # that rendered them
    url: str | None = None  # the site's base URL
    reports: int = 0  # how many reports it holds
    nothing_changed: bool = False  # every input and dist/ as the last build left them: nothing to do

    @property
    def pages(self) -> int:
        return sum(1 for name in self.paths if name.endswith(".html"))


def base_url_line(url: str | None) -> str:
    """One line on where the site will live, or that it has no address yet."""
    if url:
        return f"base URL: {url}"
    return ("no base URL set (site.yaml url, --base-url or SITE_URL): pages have no canonical or social-card "
            "addresses, there is no sitemap, and citations cite the edition")


def read_site(project: Project) -> Site:
    """Validate the data and content; raise BuildFailed listing every problem."""
    from .validate import validate_site

    return validate_site(project.data, project.content, project.root, project.base_url)


def make_renderer(project: Project, site: Site, options: Options | None = None,
                  bytecode: jinja2.BytecodeCache | None = None) -> SiteRenderer:
    """The site's renderer: the UI catalogs loaded, templates ready."""
    from .catalog import load_translations
    from .render import Options, SiteRenderer

    options = options or Options()
    problems = Problems()
    translations = load_translations(project.locales, project.root, problems)
    if problems:
        raise BuildFailed(problems)
    return SiteRenderer(site, project.templates, project.assets, translations, options, bytecode)


@dataclass(frozen=True)
class SiteFiles:
    """A whole site rendered in memory."""

    files: dict[str, bytes]  # path -> bytes
    redirects: dict[str, str]  # the path of each redirect page -> the url of the page it sends to


def render_site(project: Project, site: Site, options: Options | None = None) -> SiteFiles:
    """Every file of the site rendered in memory (in one process, reusing nothing)."""
    renderer = make_renderer(project, site, options)
    return SiteFiles(dict(unique(renderer.files())), renderer.redirects)


def check_published(project: Project, files, redirects: dict[str, str]) -> None:
    """Raise BuildFailed when an address the site has published (data/published.txt) no longer resolves
    (files: the written site, anything with .get(path) -> bytes; redirects: SiteFiles.redirects)."""
    from . import published

    problems = Problems()
    published.check(project.data, project.root, files, redirects, problems)
    if problems:
        raise BuildFailed(problems)


def build(project: Project, options: Options | None = None, keep_files: bool = True, jobs: int = 1,
          reuse: bool = False) -> Built:
    """Build the whole site; on success replace dist/, on failure leave it untouched.

    With keep_files=False the pages stream to the disk as they are rendered (the CLI's way: memory
    stays flat however large the report). jobs: the processes that may render (parallel.py decides
    whether the pages to render are worth more than one). reuse: take the previous build's files
    whose inputs did not change (cache.py); every successful build records its files for the next."""
    start = time.perf_counter()
    inputs = Inputs.of(project)
    stamp = build_stamp(inputs, project, options)
    cache = FileCache(project, use_previous=reuse)
    if not keep_files and (last := cache.unchanged(stamp)) is not None:
        return Built(None, tuple(last.files), time.perf_counter() - start, reused=last.summary["pages"],
                     url=last.summary["url"], reports=last.summary["reports"], nothing_changed=True)
    from . import parallel  # only now: a build with nothing to do loads none of the rendering code
    from .cache import Keys
    from .render import Options

    options = options or Options()
    site = read_site(project)
    renderer = make_renderer(project, site, options)
    plan = plan_build(renderer, Keys.of(inputs, renderer), cache)
    to_render, groups = plan.to_render, {}
    workers = parallel.workers_for(len(to_render), jobs)
    if workers:
        renderer.make_search_first(to_render, plan.extras_to_render)
    rendered = parallel.render(renderer, to_render, plan.extras_to_render, workers,
                               partial(make_renderer, project, site, options), groups)
    files = unique(site_files(plan, rendered, cache, groups))  # each file rendered as it is written
    kept = dict(files) if keep_files else None
    paths = write_site(files if kept is None else kept.items(), project.dist,
                       lambda written: check_published(project, written, renderer.redirects), plan.sources(cache))
    if Inputs.of(project) == inputs:  # else a file changed while the build ran: record nothing
        cache.save(stamp, {"pages": len(plan.names), "url": site.url, "reports": len(site.reports)})
    return Built(site, tuple(paths), time.perf_counter() - start, files=kept, rendered=len(to_render),
                 reused=len(plan.reused), processes=max(workers, 1), url=site.url, reports=len(site.reports))


@dataclass(frozen=True)
class Plan:
    """Which files of a build are the previous build's, unchanged, and which are rendered."""

    names: list[str]  # each page's path, in the renderer's page order
    keys: list[str | None]  # and its key
    reused: dict[int, bytes]  # page (its index in that order) -> its bytes, reused
    extras_keys: dict[str, str]  # each group of the files that are not pages (render.extras_groups) -> its key
    extras: dict[str, dict[str, bytes] | None]  # and its files, reused; None: rendered

    @property
    def to_render(self) -> list[int]:
        return [i for i in range(len(self.names)) if i not in self.reused]

    @property
    def extras_to_render(self) -> tuple[str, ...]:
        return tuple(group for group, files in self.extras.items() if files is None)

    def sources(self, cache: FileCache) -> dict[str, Path]:
        """Each reused file's path -> where its bytes are now (write.py links the new file to them)."""
        names = [self.names[i] for i in self.reused] + [name for files in self.extras.values() for name in files or ()]
        return {name: cache.source(name) for name in names}


def plan_build(renderer: SiteRenderer, keys: Keys, cache: FileCache) -> Plan:
    """Look up every page, and each group of the extras, in the cache."""
    from .links import dest

    names = [dest(spec.url) for spec in renderer.specs]
    page_keys = [keys.page(spec) for spec in renderer.specs]
    reused = {i: data for i, (name, key) in enumerate(zip(names, page_keys))
              if (data := cache.reuse(name, key)) is not None}
    extras_keys = {group: keys.extras(group, reads) for group, reads in renderer.extras_groups}
    return Plan(names, page_keys, reused, extras_keys,
                {group: cache.reuse_group(key) for group, key in extras_keys.items()})


def site_files(plan: Plan, rendered: Iterator[tuple[str, bytes]], cache: FileCache,
               groups: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """Every file of the site in the one-process order, each reused or as rendered (then recorded);
    BuildFailed at the end if any mistake was found. groups: each rendered extra file's group, learnt as
    they come."""
    for i, name in enumerate(plan.names):
        if i in plan.reused:
            yield name, plan.reused[i]
            continue
        name, data = next(rendered)
        cache.note(name, plan.keys[i], data)
        yield name, data
    for files in plan.extras.values():
        yield from (files or {}).items()
    for name, data in rendered:  # the extras rendered; then the whole run's mistakes, raised
        cache.note(name, plan.extras_keys[groups[name]], data)
        yield name, data
