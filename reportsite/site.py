"""The whole pipeline for one project folder: load -> validate -> model -> render -> write.

The modules of each step are imported by the function that needs them: a build that finds nothing
changed since the last one (cache.py) never loads Jinja, Babel or the YAML reader."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Set
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import FileCache, Held, Inputs, build_stamp, compiled_templates, input_dates
from .errors import BuildFailed, Problems, counted
from .write import unique, update_site, write_site

if TYPE_CHECKING:
    import jinja2

    from .cache import Keys
    from .datacache import DataCache
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


def built_line(dist: Path, pages: int, files: int, reports: int, seconds: float) -> str:
    """What a build wrote, in one line."""
    return (f"built {dist}: {counted(pages, 'page')}, {counted(files, 'file')}, {counted(reports, 'report')} "
            f"in {seconds:.2f} s")


def read_site(project: Project, reuse: bool = False) -> Site:
    """Validate the data and content; raise BuildFailed listing every problem. reuse: take what did not change
    from the last read's units, beside dist/ (datacache.py), and keep this read's there."""
    kept = data_cache(project) if reuse else None
    site = read_data(project, kept)
    if kept is not None:
        kept.save()
    return site


def data_cache(project: Project, previous: DataCache | None = None, anew: bool = False, jobs: int = 1) -> DataCache:
    """The units of the last read of the project's data (beside dist/; previous: those of this process's;
    anew: none, this read's kept for the next; jobs: the processes the read may use)."""
    from .datacache import DataCache, cache_path

    return DataCache(cache_path(project.dist), project.data, project.root, previous, anew, jobs)


def read_data(project: Project, kept: DataCache | None) -> Site:
    """The site read through kept (datacache.py), which notes what this read used, for its owner to save."""
    from .validate import validate_site

    return validate_site(project.data, project.content, project.root, project.base_url, kept)


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


def check_published(project: Project, files, redirects: dict[str, str], touched: Set[str] | None = None) -> None:
    """Raise BuildFailed when an address the site has published (data/published.txt) no longer resolves
    (files: the written site, anything with .get(path) -> bytes; redirects: SiteFiles.redirects; touched:
    when given, only the addresses that read one of these paths are checked, published.check)."""
    from . import published

    problems = Problems()
    published.check(project.data, project.root, files, redirects, problems, touched)
    if problems:
        raise BuildFailed(problems)


def build(project: Project, options: Options | None = None, keep_files: bool = True, jobs: int = 1,
          reuse: bool = False) -> Built:
    """Build the whole site; on success update dist/, on failure leave it untouched.

    With keep_files=False the pages stream to the disk as they are rendered (the CLI's way: memory
    stays flat however large the report). jobs: the processes that may render (parallel.py decides
    whether the pages to render are worth more than one). reuse: take the previous build's files
    whose inputs did not change (cache.py), and update dist/ in place, writing only the files that
    changed (write.update_site); without it, or without a usable record of the previous build, dist/ is
    replaced whole (write.write_site). Every successful build records its files for the next."""
    start = time.perf_counter()
    dates = input_dates(project)  # first: a file saved after it shows, whenever it was read
    inputs = Inputs.of(project)
    stamp = build_stamp(inputs, project, options)
    cache = FileCache(project, use_previous=reuse)
    if not keep_files and (last := cache.unchanged(stamp)) is not None:
        return Built(None, tuple(last.files), time.perf_counter() - start, reused=last.summary["pages"],
                     url=last.summary["url"], reports=last.summary["reports"], nothing_changed=True)
    if reuse and jobs > 1:
        cache.list_elsewhere()  # while this process reads the data
    from . import parallel, published  # only now: a build with nothing to do loads none of the rendering code
    from .cache import Keys, keep_references, kept_references
    from .kept import beside
    from .publish import kept_rows
    from .render import Options
    from .search_store import PartStore

    options = options or Options()
    with collected_after_planning() as planned, ExitStack() as stack:
        data = data_cache(project, anew=not reuse, jobs=jobs)  # --clean reads none of the last read, keeps this one
        site = read_data(project, data)
        renderer = make_renderer(project, site, options, compiled_templates(project.root))
        renderer.search.keep_parts(PartStore.beside(project.dist, use_previous=reuse), renderer.data)  # search_store.py
        renderer.rows = kept_rows(project.dist, use_previous=reuse)  # each report's rows of the site's tables
        known = cache.last.templates if cache.last else kept_references(project.root)  # what each template names
        keys = Keys.of(inputs, renderer, known)
        extras = look_up_extras(renderer, keys, cache)
        # the workers start now when the extras alone are worth them (they make them while this process plans the
        # pages), else once the pages are known
        rendering = stack.enter_context(parallel.rendering(renderer, extras.to_render, jobs,
                                                           partial(make_renderer, project, site, options), planned,
                                                           cache.holds))
        plan = look_up_pages(renderer, keys, cache, extras)
        planned()
        to_render, groups, kept = plan.to_render, {}, {} if keep_files else None
        rendered = rendering.files(to_render, groups)
        keep = None if kept is None else partial(keep_bytes, kept)
        if rendering.workers:  # they make the extras already: keep the data now, while this process would wait on them
            data.save()
        else:  # kept for the next build while the workers render (they start with the first file)
            rendered = calling_at_first(rendered, data.save)
        files = site_files(plan, noting(rendered, keep), cache, groups)  # each file rendered as it is written
        checked, redirects = published.list_version(project.data), renderer.redirects
        seen = published.Seen(project.data, redirects,  # each file written is checked as it passes
                              beside(project.dist, "published"), fresh=not reuse)
        if cache.last is not None and project.dist.is_dir():
            everything = cache.last.published != checked  # else the last build checked what this one leaves alone
            paths = update_site(noting(files, seen.note), project.dist, cache.on_disk.keys() | cache.previous.keys(),
                                lambda after, touched: check_published(project, seen.over(after), redirects,
                                                                       None if everything else touched))
        else:  # nothing to keep: each file comes with its bytes
            paths = write_site(noting(files, seen.note), project.dist,
                               lambda _: check_published(project, seen, redirects))
        if input_dates(project) == dates or Inputs.of(project) == inputs:  # else an input changed meanwhile: no record
            cache.save(stamp, {"pages": len(plan.names), "url": site.url, "reports": len(site.reports)}, checked,
                       keys.learnt)
            if keys.learnt != known:
                keep_references(project.root, keys.learnt)
        if kept is not None:  # and the files reused, as dist/ holds them
            kept = {name: kept[name] if name in kept else (project.dist / name).read_bytes() for name in paths}
        return Built(site, tuple(paths), time.perf_counter() - start, files=kept, rendered=len(to_render),
                     reused=len(plan.reused), processes=max(rendering.workers, 1), url=site.url, reports=len(site.reports))


@contextmanager
def collected_after_planning() -> Iterator[Callable[[], None]]:
    """Python's garbage collector off while a build reads and plans, then on for the rest with what the build has
    read frozen (gc.freeze; the worker processes, forked then, inherit that): what reading and planning make lives
    until the build ends, and each full collection of it would walk the whole model for nothing (20-30 ms each,
    2-3 in an edit's build). Call the function given when the plan is made; as it was again at the end."""
    enabled = gc.isenabled()
    gc.disable()

    def planned() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield planned
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def calling_at_first(files: Iterator[tuple[str, bytes]], then: Callable[[], None]) -> Iterator[tuple[str, bytes]]:
    """Pass files through, calling then() as the first comes (in a build on several processes, this one waits on the
    workers then), or at the end if none does."""
    called = False
    for item in files:
        if not called:
            called = True
            then()
        yield item
    if not called:
        then()


def keep_bytes(kept: dict[str, bytes], name: str, data: bytes | Held) -> None:
    """Keep a rendered file's bytes (Held: dist/ holds them, to be read from there)."""
    if isinstance(data, bytes):
        kept[name] = data


def noting(files: Iterator[tuple[str, bytes | None]],
           note: Callable[[str, bytes | None], None] | None) -> Iterator[tuple[str, bytes | None]]:
    """Pass files through, each given to note (when there is one) as it passes (None: a file left as it was)."""
    for name, data in files:
        if note is not None:
            note(name, data)
        yield name, data


@dataclass(frozen=True)
class ExtrasPlan:
    """Which groups of the files that are not pages (render.extras_groups) are the previous build's, unchanged in
    dist/, and which are rendered."""

    keys: dict[str, str]  # each group -> its key
    files: dict[str, list[str] | None]  # and the paths of its files, reused; None: rendered

    @property
    def to_render(self) -> tuple[str, ...]:
        return tuple(group for group, files in self.files.items() if files is None)


@dataclass(frozen=True)
class Plan:
    """Which files of a build are the previous build's, unchanged in dist/, and which are rendered."""

    names: list[str]  # each page's path, in the renderer's page order
    keys: list[str | None]  # and its key
    reused: set[int]  # the pages (their indexes in that order) dist/ holds as this build would make them
    extras: ExtrasPlan

    @property
    def to_render(self) -> list[int]:
        return [i for i in range(len(self.names)) if i not in self.reused]


def look_up_extras(renderer: SiteRenderer, keys: Keys, cache: FileCache) -> ExtrasPlan:
    """Look up each group of the extras in the cache (the workers may start next: dist/'s listing is taken first)."""
    cache.take_listing()
    extras_keys = {group: keys.extras(group, reads) for group, reads in renderer.extras_groups}
    return ExtrasPlan(extras_keys, {group: cache.reuse_group(key) for group, key in extras_keys.items()})


def look_up_pages(renderer: SiteRenderer, keys: Keys, cache: FileCache, extras: ExtrasPlan) -> Plan:
    """Look up every page in the cache."""
    from .links import dest

    names = [dest(spec.url) for spec in renderer.specs]
    page_keys = [keys.page(spec) for spec in renderer.specs]
    reused = {i for i, (name, key) in enumerate(zip(names, page_keys)) if cache.reuse(name, key)}
    return Plan(names, page_keys, reused, extras)


def site_files(plan: Plan, rendered: Iterator[tuple[str, bytes]], cache: FileCache,
               groups: dict[str, str]) -> Iterator[tuple[str, bytes | None]]:
    """Every file of the site, with its bytes as rendered (then recorded with its key, cache.note); None for a file
    dist/ holds as it should be (reused, or rendered to the bytes it holds): the pages in order, the extras rendered
    among them as they come (parallel.Rendering.files), then those reused. BuildFailed at the end if any mistake was
    found. groups: each rendered extra file's group, learnt as they come (what tells an extra from a page)."""

    def noted(name: str, data: bytes, key: str | None) -> tuple[str, bytes | None]:
        return name, data if cache.note(name, key, data) else None

    for i, name in enumerate(plan.names):
        if i in plan.reused:
            yield name, None
            continue
        for name, data in rendered:
            if name not in groups:
                break
            yield noted(name, data, plan.extras.keys[groups[name]])
        else:
            raise RuntimeError(f"the renderer gave no page {name}")  # a bug: it gives every page it was asked for
        yield noted(name, data, plan.keys[i])
    for files in plan.extras.files.values():
        yield from ((name, None) for name in files or ())
    for name, data in rendered:  # the extras rendered after the last page; then the whole run's mistakes, raised
        yield noted(name, data, plan.extras.keys[groups[name]])
