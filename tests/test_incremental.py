"""Render on every core, and never render again what did not change (reportsite/parallel.py, cache.py).

Every test builds a small site for real, into tmp_path: a build on several processes gives the bytes of
a build on one; a build that reuses the previous one gives, after any kind of edit, the bytes of a
clean build of the same inputs, and renders only what the edit can have changed; a damaged cache is
never trusted; mistakes found in worker processes are reported as one process reports them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportsite import parallel
from reportsite.cache import code_version, manifest_path
from reportsite.errors import BuildFailed
from reportsite.site import Built, Project, build

from .conftest import MINI, MINI_CONTENT, MINI_REPORT, PAIR, PAIR_CONTENT, REPO


PO = "locales/zh/LC_MESSAGES/messages.po"


@pytest.fixture
def project(tmp_path) -> Project:
    """A whole scratch project (templates, assets, catalogs, the mini site's data), free to edit."""
    root = tmp_path / "project"
    for folder in ("templates", "assets", "locales"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(MINI, root / "data")
    shutil.copytree(MINI_CONTENT, root / "content")
    return Project.at(root, dist=tmp_path / "dist")


@pytest.fixture
def two_workers(monkeypatch):
    """Workers even for the mini site's 52 pages (a real build starts them from 80 pages on)."""
    monkeypatch.setattr(parallel, "MIN_PAGES_PER_WORKER", 4)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(project: Project, tmp_path: Path) -> dict[str, bytes]:
    """Every file of a build from scratch (one process, no cache) of the project's inputs as they are now."""
    fresh = Project.at(project.root, dist=tmp_path / "clean" / "dist")
    shutil.rmtree(fresh.dist.parent, ignore_errors=True)
    build(fresh, jobs=1, reuse=False)
    return files_in(fresh.dist)


def incremental(project: Project) -> Built:
    return build(project, keep_files=False, jobs=2, reuse=True)


def edit(path: Path, old: str, new: str) -> None:
    """Replace every occurrence (a figure's value stands in its quote, its paragraph and the source)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---- on every core -------------------------------------------------------------------------


def test_a_build_on_two_processes_is_byte_identical_to_a_build_on_one(project, tmp_path, two_workers):
    built = build(project, jobs=2)
    assert built.processes == 2 and built.rendered == built.pages == 52
    assert files_in(project.dist) == clean_build(project, tmp_path)


def test_a_small_site_is_rendered_in_one_process_and_few_pages_with_a_costly_index_on_several():
    assert parallel.workers_for(pages=79, jobs=2) == 0
    assert parallel.workers_for(pages=80, jobs=2) == 2
    assert parallel.workers_for(pages=1356, jobs=1) == 0
    assert parallel.workers_for(pages=1356, jobs=64) == 1356 // parallel.MIN_PAGES_PER_WORKER
    assert parallel.workers_for(pages=36, jobs=2, extras=169) == 2  # an edit of six reports' text: their index


def test_a_worker_sends_no_bytes_of_a_file_dist_holds_already(pair, tmp_path, monkeypatch, two_workers):
    """A file a worker renders to the very bytes dist/ holds (most of the search index's after an edit) comes back as
    cache.Held: this process records it under its new key and writes nothing; the build is a clean build's, and a
    build that keeps its files in memory has every file's bytes."""
    from reportsite.cache import FileCache, Held

    build(pair, jobs=1)
    held, note = [], FileCache.note
    monkeypatch.setattr(FileCache, "note", lambda self, name, key, data: held.append(isinstance(data, Held))
                        or note(self, name, key, data))
    edit(pair.root / PAIR_EDITS["a glossary term"][0][0], *PAIR_EDITS["a glossary term"][0][1:])
    built = build(pair, keep_files=True, jobs=2, reuse=True)
    assert built.processes == 2 and any(held) and not all(held)
    assert files_in(pair.dist) == clean_build(pair, tmp_path) == built.files


@pytest.mark.parametrize("listed_there", [True, False])
def test_dist_is_listed_on_another_process_while_the_data_is_read(pair, tmp_path, monkeypatch, listed_there):
    """An edit's build on two processes lists dist/ (the files' sizes and dates, which say what may be reused) on
    another process; where that process gives nothing, this one lists it. Either way: only what the edit changed is
    rendered, and the build is a clean build's."""
    from reportsite import cache

    build(pair, jobs=1)
    listed_by, files_on_disk = tmp_path / "listed-by", cache.files_on_disk

    def noting_the_process(folder):
        with listed_by.open("a") as f:  # a file: the other process's own memory is not this one's
            f.write(f"{os.getpid()}\n")
        return files_on_disk(folder)

    monkeypatch.setattr(cache, "files_on_disk", noting_the_process)
    if not listed_there:
        monkeypatch.setattr(parallel.Elsewhere, "result", lambda self: None)
    edit(pair.root / PAIR_EDITS["a glossary term"][0][0], *PAIR_EDITS["a glossary term"][0][1:])
    built = incremental(pair)
    assert (listed_by.read_text().split()[-1] != str(os.getpid())) == listed_there
    assert 0 < built.rendered < built.pages and files_in(pair.dist) == clean_build(pair, tmp_path)


def test_few_pages_go_to_the_workers_in_smaller_tasks():
    """A clean build's pages in tasks of CHUNK; an edit's in tasks small enough that each worker has several (the
    ledger's pages cost 40 ms each: in one task of 24 they would make it the last to end); in one process, CHUNK."""
    assert parallel.chunk_for(pages=3702, workers=2) == parallel.CHUNK == 24
    assert parallel.chunk_for(pages=96, workers=2) == 8  # a figure edited, on six reports
    assert parallel.chunk_for(pages=36, workers=2) == 3
    assert parallel.chunk_for(pages=5, workers=2) == 1
    assert parallel.chunk_for(pages=96, workers=0) == parallel.CHUNK


def test_the_extras_are_written_as_soon_as_they_are_made_not_after_the_last_page(project, tmp_path, monkeypatch,
                                                                                 two_workers):
    """The files that are not pages come among the pages as soon as a process has made them (on a clean build of six
    reports, 2,881 files that were written after the last page, with one core idle): in one process, before the first
    page; on two, while this process waits on the first pages, where they take long. Each is recorded under its key,
    and the bytes are those of a clean build."""
    import time

    from reportsite import site as pipeline
    from reportsite.render import SiteRenderer

    order, write_site, page, extras_of = [], pipeline.write_site, SiteRenderer.page, SiteRenderer.extras_of

    def noting_the_order(files, *args):
        return write_site((order.append(name) or (name, data) for name, data in files), *args)

    def slowly(self, spec, *args):  # the first page takes a second; the extras, a few hundredths each
        time.sleep(1 if spec is self.specs[0] else 0)
        return page(self, spec, *args)

    monkeypatch.setattr(pipeline, "write_site", noting_the_order)
    written = {}
    for jobs in (1, 2):
        order.clear()
        monkeypatch.setattr(SiteRenderer, "page", slowly)
        monkeypatch.setattr(SiteRenderer, "extras_of", lambda self, group: time.sleep(0.03) or extras_of(self, group))
        built = build(project, jobs=jobs, reuse=False)
        monkeypatch.setattr(SiteRenderer, "page", page)
        monkeypatch.setattr(SiteRenderer, "extras_of", extras_of)
        pages = [i for i, name in enumerate(order) if name.endswith(".html")]
        extras = [i for i, name in enumerate(order) if not name.endswith(".html")]
        assert built.processes == jobs and len(pages) == built.pages == 52
        assert max(extras) < pages[0]
        written[jobs] = files_in(project.dist)
        again = incremental(project)
        assert again.nothing_changed and again.paths == built.paths, "each recorded under its key"
    assert written[1] == written[2] == clean_build(project, tmp_path)


def test_an_edit_s_tasks_start_costliest_first_and_their_results_come_in_order():
    """When every task fits in the window (an edit's few), the costliest start first (PageKind.cost: a ledger page
    costs forty figure pages), so that none ends the run alone; their results come in the tasks' order. More tasks
    than the window start in order, as the window lets them (a clean build's memory stays flat)."""
    class Pool:
        def __init__(self):
            self.started = []

        def apply_async(self, run, args):
            self.started.append(args[0])
            return type("Done", (), {"get": lambda _, task=args[0]: f"rendered {task}"})()

    tasks = [("figure",), ("ledger",), ("figure", "figure"), ("glossary",)]
    cost = {"figure": 1, "ledger": 40, "glossary": 13}
    pool = Pool()
    results = [done.get() for done in parallel._in_order(pool, tasks, 4, lambda task: sum(cost[kind] for kind in task))]
    assert pool.started == [("ledger",), ("glossary",), ("figure", "figure"), ("figure",)]
    assert results == [f"rendered {task}" for task in tasks]
    pool = Pool()
    assert [done.get() for done in parallel._in_order(pool, tasks, 3, lambda task: sum(cost[kind] for kind in task))] \
        == results
    assert pool.started == tasks


def test_the_extras_cost_grows_with_what_they_cover(project, real_project, real_site):
    """The search index with the entries, the data files with the figures (SiteRenderer.extras_cost): a small site's
    are made in one process, six reports' index is a worker's work of its own."""
    from reportsite.site import make_renderer, read_site

    small, real = make_renderer(project, read_site(project)), make_renderer(real_project, real_site)
    assert small.extras_cost(["feeds", "sitemap", "robots", "assets"]) == 0
    assert small.extras_cost(["search", "data", "datapackage"]) < parallel.MIN_PAGES_PER_WORKER
    assert real.extras_cost(["search"]) >= 2 * parallel.MIN_PAGES_PER_WORKER
    assert real.extras_cost(["data"]) == sum(len(r.figures) for r in real_site.reports) // 10


def test_mistakes_found_by_workers_are_reported_as_one_process_reports_them(project, two_workers):
    """A template error and a UI string the catalog lacks: the same list, word for word, and the
    previous dist/ is left as it was."""
    build(project, jobs=1)
    before = files_in(project.dist)
    edit(project.templates / "glossary.html", "{{ m.glossary_list(entries) }}", "{{ m.glossary_list(entries) }}{{ nowhere }}")
    edit(project.templates / "figure.html", "{% block main %}", '{% block main %}{{ _("A string never translated") }}')
    reports = []
    for jobs, reuse in ((1, False), (2, True)):  # as before; then on two processes, from the cache
        with pytest.raises(BuildFailed) as failed:
            build(project, keep_files=False, jobs=jobs, reuse=reuse)
        reports.append(failed.value.problems.report())
    assert reports[0] == reports[1]
    assert "'nowhere' is undefined" in reports[0] and "msgid 'A string never translated'" in reports[0]
    assert files_in(project.dist) == before


def test_the_workers_make_the_extras_while_the_pages_are_planned_when_the_extras_alone_are_worth_them(
        pair, tmp_path, monkeypatch):
    """The search index of six reports is a worker's work by itself: the workers start, and make it, before this
    process plans the pages (which then go to them too); extras worth less wait for the pages. The same bytes as a
    clean build either way, and what the reading made is frozen before the workers fork."""
    import gc

    from reportsite import site as pipeline
    from reportsite.render import SiteRenderer

    build(pair, jobs=1)
    events, look_up_pages, runner = [], pipeline.look_up_pages, parallel._runner
    monkeypatch.setattr(pipeline, "look_up_pages", lambda *args: events.append("plan the pages") or look_up_pages(*args))
    monkeypatch.setattr(parallel, "_runner", lambda renderer, workers, *rest: events.append(
        (f"start {workers} workers", gc.get_freeze_count() > 0)) or runner(renderer, workers, *rest))
    explainer = PAIR_EDITS["a section's explainer"][0]
    for cost, expected, processes in ((2 * parallel.MIN_PAGES_PER_WORKER, [("start 2 workers", True), "plan the pages"], 2),
                                      (0, ["plan the pages", ("start 0 workers", True)], 1)):  # a few pages, here
        monkeypatch.setattr(SiteRenderer, "extras_cost", lambda self, groups: cost if "search" in groups else 0)
        events.clear()
        edit(pair.root / explainer[0], *explainer[1:])
        built = incremental(pair)
        assert events == expected and built.processes == processes
        assert files_in(pair.dist) == clean_build(pair, tmp_path)
        explainer = (explainer[0], explainer[2], explainer[1])  # and back


def test_reading_and_planning_run_without_garbage_collection_and_the_build_leaves_it_as_it_found_it(project,
                                                                                                   monkeypatch):
    """What a build reads and plans lives until it ends: no collection walks it while it is made, and it is frozen
    (gc.freeze) while the pages render; afterwards the collector is as it was, nothing frozen."""
    import gc

    from reportsite import site as pipeline

    seen, look_up_pages, files = [], pipeline.look_up_pages, parallel.Rendering.files
    monkeypatch.setattr(pipeline, "look_up_pages", lambda *args: seen.append(("plan", gc.isenabled())) or look_up_pages(*args))
    monkeypatch.setattr(parallel.Rendering, "files", lambda *args: seen.append(("render", gc.isenabled(),
                                                                                gc.get_freeze_count() > 0)) or files(*args))
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            seen.clear()
            build(project, jobs=1, reuse=False)
            assert seen == [("plan", False), ("render", enabled, True)]
            assert gc.isenabled() == enabled and gc.get_freeze_count() == 0
    finally:
        gc.enable()


# ---- never render again what did not change --------------------------------------------------


def test_a_build_with_nothing_changed_renders_nothing(project):
    first = build(project, jobs=1)
    again = incremental(project)
    assert again.nothing_changed and again.site is None, "with nothing changed, not even the data is read"
    assert (again.rendered, again.reused, again.paths) == (0, first.pages, first.paths)
    assert files_in(project.dist) == first.files


def test_a_template_edit_renders_only_the_pages_made_with_it(project, tmp_path):
    build(project, jobs=1)
    edit(project.templates / "glossary.html", "<h1>{{ page.title|t }}</h1>", "<h1 class=terms>{{ page.title|t }}</h1>")
    built = incremental(project)
    assert built.rendered == 2  # the glossary, in two languages
    assert files_in(project.dist) == clean_build(project, tmp_path)


def test_an_edit_to_a_template_others_import_renders_the_pages_that_import_it(project, tmp_path):
    build(project, jobs=1)
    edit(project.templates / "base.html", "</footer>", "<!-- edited --></footer>")
    built = incremental(project)
    assert (built.rendered, built.reused) == (built.pages - 2, 2)  # not the chooser and the 404 page: they stand alone
    assert files_in(project.dist) == clean_build(project, tmp_path)



def test_an_edit_to_a_template_reached_only_through_another_renders_the_pages_that_use_it(project, tmp_path):
    """macros.html is named by no page's template: each extends base.html, which imports it."""
    build(project, jobs=1)
    edit(project.templates / "macros.html", '<dl class="glossary">', '<dl class="glossary terms">')
    built = incremental(project)
    assert (built.rendered, built.reused) == (built.pages - 2, 2)  # all but the chooser and the 404 page
    assert b'<dl class="glossary terms">' in (project.dist / "en" / "glossary" / "index.html").read_bytes()
    assert files_in(project.dist) == clean_build(project, tmp_path)


def test_an_edit_to_the_header_rendered_once_for_many_pages_renders_every_framed_page(project, tmp_path):
    """The header and the footer's links are rendered once per language, report and place in the navigation
    (render.Chrome), from macros.html: an edit there reaches every page that shows them."""
    build(project, jobs=1)
    edit(project.templates / "macros.html", '<nav class="site-nav"', '<nav class="site-nav wide"')
    edit(project.templates / "macros.html", '{{ _("Corrections") }}</a>', '{{ _("Corrections") }}</a> ')
    built = incremental(project)
    assert (built.rendered, built.reused) == (built.pages - 2, 2)  # all but the chooser and the 404 page
    assert b'<nav class="site-nav wide"' in (project.dist / "en" / "glossary" / "index.html").read_bytes()
    assert files_in(project.dist) == clean_build(project, tmp_path)


def test_an_edit_to_a_template_included_by_an_imported_one_renders_the_pages_that_use_it(project, tmp_path):
    """A page extends base.html, which imports macros.html, which includes term-note.html: three steps."""
    (project.templates / "term-note.html").write_text('<p class="term-note">Terms</p>\n', encoding="utf-8")
    edit(project.templates / "macros.html", '<dl class="glossary">',
         '{% include "term-note.html" %}<dl class="glossary">')
    build(project, jobs=1)
    edit(project.templates / "term-note.html", "Terms", "Terms of the report")
    built = incremental(project)
    assert (built.rendered, built.reused) == (built.pages - 2, 2)
    glossary = (project.dist / "en" / "glossary" / "index.html").read_bytes()
    assert b'<p class="term-note">Terms of the report</p>' in glossary
    assert files_in(project.dist) == clean_build(project, tmp_path)


def test_a_template_that_starts_to_include_another_renders_its_pages_when_that_one_changes(project, tmp_path):
    """What a template names is taken again from its source when that changed (cache.Keys.references)."""
    build(project, jobs=1)
    (project.templates / "term-note.html").write_text('<p class="term-note">Terms</p>\n', encoding="utf-8")
    edit(project.templates / "macros.html", '<dl class="glossary">', '{% include "term-note.html" %}<dl class="glossary">')
    incremental(project)
    edit(project.templates / "term-note.html", "Terms", "Terms of the report")
    built = incremental(project)
    assert (built.rendered, built.reused) == (built.pages - 2, 2)
    assert files_in(project.dist) == clean_build(project, tmp_path)


# Each edit, then an incremental build: the bytes of a clean build of the edited inputs. A page kind that
# does not declare a part of the data it shows (pages.PageKind.reads) fails here as a page left stale.
EDITS = {  # on the mini site (one report)
    "one figure's value in a section file": [
        (f"data/{MINI_REPORT}/sections/review-economy.yaml", "1200.5", "1300.5"),
        (f"data/{MINI_REPORT}/sections/review-economy.yaml", "120.05 billion", "130.05 billion"),
        (f"data/{MINI_REPORT}/source.zh.txt", "1200.5", "1300.5"),
    ],
    "a figure's label, shown on the page of its indicator's figure in another section": [
        (f"data/{MINI_REPORT}/sections/review-economy.yaml", "en: GDP growth}", "en: Growth of GDP}"),
    ],
    "a glossary term used on many pages": [
        ("data/glossary.yaml", "regulates better", "regulates more wisely"),
    ],
    "a report's metadata": [
        (f"data/{MINI_REPORT}/report.yaml", "Li Ming", "Li Ning"),
    ],
    "a figure's id (its page moves: the old one is deleted, and its folder)": [
        (f"data/{MINI_REPORT}/sections/review-economy.yaml", "id: high-tech-2025", "id: high-tech-firms-2025"),
    ],
    "a catalog string": [
        (PO, 'msgstr "术语表"', 'msgstr "术语汇编"'),
    ],
    "a stylesheet": [
        ("assets/site.css", "body {", "body { word-spacing: 0.01em;"),
    ],
}
PAIR_EDITS = {  # on the pair site: two reports, the later one judging the earlier one's goals, a plan, redirects
    "a paragraph's text (and a figure's quote in it)": [
        ("data/city-2031/sections/review-2030.yaml", "New generating capacity grew", "Newly installed capacity grew"),
    ],
    "a section's explainer": [
        ("data/city-2031/sections/review-2030.yaml", "The main results of 2030.", "The chief results of 2030."),
    ],
    "a section's title": [
        ("data/city-2031/sections/review-2030.yaml", 'en: "2030"}', 'en: "The year 2030"}'),
    ],
    "a section's title, of the report whose old addresses redirect": [
        ("data/city-2030/sections/plan-goals.yaml", 'title: {zh: "目标", en: "Goals"}',
         'title: {zh: "目标", en: "The goals"}'),
    ],
    "a figure's label": [
        ("data/city-2031/sections/review-2030.yaml", 'en: "Rise in consumer prices"', 'en: "Consumer price rise"'),
    ],
    "a part's title (in the navigation of every page of its report)": [
        ("data/city-2031/parts/review.yaml", 'en: "Review"}', 'en: "The review"}'),
    ],
    "an outcome's value, which changes its goal's verdict": [
        ("data/city-2031/sections/review-2030.yaml", "3.1", "3.4"),
        ("data/city-2031/source.zh.txt", "3.1", "3.4"),
    ],
    "a goal's reading by the editor": [
        ("data/targets.yaml", "is within 1% of 300 km²", "is less than 1% short of 300 km²"),
    ],
    "an outcome": [
        ("data/targets.yaml", "outcome: {report: city-2031, figure: retail-growth-2030}",
         "outcome: {report: city-2031, not_reported: true}"),
    ],
    "a glossary term": [
        ("data/glossary.yaml", "has been developed", "is developed"),
    ],
    "a report's metadata": [
        ("data/city-2030/report.yaml", "Wang Fang", "Wang Fan"),
    ],
    "the site's settings": [
        ("data/site.yaml", "Sample City Work Reports: an explainer", "Sample City Work Reports explained"),
    ],
    "a plan's title": [
        ("data/site.yaml", "The 2031–2035 plan", "The plan for 2031–2035"),
    ],
    "a correction (what its pages say of it)": [
        ("data/corrections.yaml", "A number corrected.", "One number corrected."),
    ],
    "a prose page": [
        ("content/en/about.md", "For tests.", "For the tests."),
    ],
}
CORRECTIONS = """corrections:
  - date: 2031-03-01
    what: {zh: "改正了一个数字。", en: "A number corrected."}
    why: {zh: "笔误。", en: "A typo."}
    affects:
      - {report: city-2031, figure: cpi-2030}
      - {report: city-2030, section: plan-goals}
"""


@pytest.fixture
def pair(tmp_path) -> Project:
    """The pair site as a scratch project, with a corrections log."""
    root = tmp_path / "project"
    for folder in ("templates", "assets", "locales"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(PAIR, root / "data")
    shutil.copytree(PAIR_CONTENT, root / "content")
    (root / "data" / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    return Project.at(root, dist=tmp_path / "dist")


def edit_then_build_again(project: Project, tmp_path: Path, edits: list[tuple[str, str, str]]) -> Built:
    """Build, edit, build again reusing the first build: the bytes of a clean build, and the build after it
    renders nothing."""
    build(project, jobs=1)
    for path, old, new in edits:
        edit(project.root / path, old, new)
    built = incremental(project)
    assert files_in(project.dist) == clean_build(project, tmp_path)
    assert not [folder for folder in project.dist.rglob("*") if folder.is_dir() and not any(folder.iterdir())]
    assert incremental(project).rendered == 0
    return built


@pytest.mark.parametrize("what", EDITS)
def test_after_any_edit_a_build_is_byte_identical_to_a_clean_build(project, tmp_path, what):
    edit_then_build_again(project, tmp_path, EDITS[what])


@pytest.mark.parametrize("what", PAIR_EDITS)
def test_after_any_edit_of_a_site_of_two_reports_a_build_is_byte_identical_to_a_clean_build(pair, tmp_path, what):
    edit_then_build_again(pair, tmp_path, PAIR_EDITS[what])


def test_a_section_edited_renders_only_the_pages_that_show_it(pair, tmp_path):
    """Its section's explainer: its two pages, the report's pages that show all of it, the site's pages that show
    all the data; nothing of the other report, no verdict card, no figure page."""
    built = edit_then_build_again(pair, tmp_path, PAIR_EDITS["a section's explainer"])
    assert built.rendered < built.pages // 4


def test_the_data_version_a_page_shows_is_that_of_the_data_it_is_made_from(pair, tmp_path):
    """A section edited: its page shows a new data version in clean builds, a section of the other report does not."""
    def versions(files: dict[str, bytes]) -> tuple[bytes, bytes]:  # the footer's, on the two pages
        return tuple(files[page].split(b"Data version <code>")[1].split(b"</code>")[0] for page in (
            "en/city-2031/sections/review-2030/index.html", "en/city-2030/sections/plan-goals/index.html"))

    before = versions(clean_build(pair, tmp_path))
    edit(pair.root / PAIR_EDITS["a section's explainer"][0][0], *PAIR_EDITS["a section's explainer"][0][1:])
    after = versions(clean_build(pair, tmp_path))
    assert after[0] != before[0] and after[1] == before[1]


def test_a_report_s_hash_changes_with_each_of_its_fields_and_its_parts(pair):
    """report:R is hashed from the hashes of the parts it is made of (reads.py): each field of the report, taken
    from the other report, or a part's title changed, gives another hash."""
    from dataclasses import fields, replace

    from reportsite.model import Bi, Report
    from reportsite.reads import DataReads
    from reportsite.site import read_site

    site = read_site(pair)
    a, b = site.reports
    hashed = DataReads(site).hash(f"report:{a.id}")

    def with_report(report: Report) -> str:
        return DataReads(replace(site, reports=(report, b))).hash(f"report:{a.id}")

    changed = [f.name for f in fields(Report) if f.name != "id" and getattr(a, f.name) != getattr(b, f.name)]
    assert {"date", "parts", "source_text", "targets"} <= set(changed)
    for name in changed:
        assert with_report(replace(a, **{name: getattr(b, name)})) != hashed, name
    retitled = replace(a.parts[0], title=Bi("新题", "A new title"))
    assert with_report(replace(a, parts=(retitled, *a.parts[1:]))) != hashed
    assert with_report(replace(a)) == hashed


def test_the_data_cache_keeps_the_hashes_of_the_objects_it_keeps(pair):
    """The model's larger objects keep their content hash once made (reads.KEEPS_ITS_HASH), and the data cache keeps
    it with them: after an edit of one section, the other sections' paragraphs and figures come with their hashes
    (none to make again), of the other report and of the edited one; the edited section's come without; and every
    part's hash is a read's without the cache."""
    from reportsite.reads import HASH, DataReads
    from reportsite.site import make_renderer, read_site

    build(pair, jobs=1)  # plans every page: hashes every part, and keeps the data read
    edit(pair.root / PAIR_EDITS["a section's explainer"][0][0], *PAIR_EDITS["a section's explainer"][0][1:])
    site = read_site(pair, reuse=True)

    def hashed(*sections) -> set[bool]:
        return {HASH in vars(item) for s in sections for item in (s, *s.all_paragraphs, *s.figures)}

    later = site.report["city-2031"].index.sections
    assert hashed(*site.report["city-2030"].sections, later["review-services"]) == {True}
    assert hashed(later["review-2030"]) == {False}
    fresh = read_site(pair, reuse=False)
    names = sorted({name for spec in make_renderer(pair, site).specs for name in spec.reads()})
    assert [DataReads(site).hash(name) for name in names] == [DataReads(fresh).hash(name) for name in names]


# A goal the later report sets for an indicator the earlier report has a figure of: the earlier figure's page
# shows it in its indicator's history (indicator:*:I in reads.py), so editing the goal's value there must
# render that page again. The pair site has no such goal; this adds one before the first build.
NEXT_GOAL = [
    ("data/city-2031/source.zh.txt", "新增幼儿园学位5000个。\n", "新增幼儿园学位5000个。\n2031年地区生产总值预期增长6%左右。\n"),
    ("data/city-2031/parts/review.yaml", "sections: [review-2030, review-services]",
     "sections: [review-2030, review-services, plan-2031]"),
    ("data/targets.yaml", "targets:\n", "targets:\n  - {id: gdp-growth-2031, report: city-2031, group: annual, "
     "figure: gdp-growth-2031}\n"),
]
PLAN_2031 = """id: plan-2031
title: {zh: "2031年", en: "2031"}
explainer: {zh: "2031年的目标。", en: "The goals for 2031."}
paragraphs:
  - id: plan-2031-goals
    zh: "2031年地区生产总值预期增长6%左右。"
    en: "In 2031 GDP is expected to grow by around 6%."
figures:
  - {id: gdp-growth-2031, paragraph: plan-2031-goals, quote_zh: "地区生产总值预期增长6%左右", quote_en: "GDP is expected to grow by around 6%", label: {zh: "地区生产总值增速", en: "GDP growth"}, value: 6, unit: percent, qualifier: around, period: "2031", kind: target, topic: economy}
"""


def test_a_later_reports_goal_edited_renders_again_the_earlier_figure_pages_that_show_it(pair, tmp_path):
    (pair.root / "data/city-2031/sections/plan-2031.yaml").write_text(PLAN_2031, encoding="utf-8")
    for path, old, new in NEXT_GOAL:
        edit(pair.root / path, old, new)
    page = "en/city-2030/figures/gdp-growth-2030/index.html"
    before = clean_build(pair, tmp_path)[page]
    built = edit_then_build_again(pair, tmp_path, [
        ("data/city-2031/source.zh.txt", "预期增长6%左右", "预期增长5.5%左右"),
        ("data/city-2031/sections/plan-2031.yaml", "预期增长6%左右", "预期增长5.5%左右"),
        ("data/city-2031/sections/plan-2031.yaml", "around 6%", "around 5.5%"),
        ("data/city-2031/sections/plan-2031.yaml", "value: 6,", "value: 5.5,"),
    ])
    assert files_in(pair.dist)[page] != before  # the page shows the goal: it was rendered again
    assert 0 < built.rendered < built.pages


def pages_rendered_after_an_edit(project: Project, monkeypatch, path: str, old: str, new: str) -> list[str]:
    """Build, edit one file, build again reusing the first build (in one process): the pages the second renders."""
    from reportsite.render import SiteRenderer

    build(project, jobs=1)
    rendered, page = [], SiteRenderer.page
    monkeypatch.setattr(SiteRenderer, "page", lambda self, spec, preview=False: rendered.append(spec.url) or page(
        self, spec, preview))
    edit(project.root / path, old, new)
    build(project, keep_files=False, jobs=1, reuse=True)
    return rendered


def test_a_goals_label_edited_renders_of_the_later_report_only_the_part_that_reviews_it(pair, tmp_path, monkeypatch):
    """The later report's own pages show its goals, not the earlier one's; its review part shows how those fared.
    Of the ledger's filtered pages, those that list the goal."""
    from reportsite.site import read_site
    from reportsite.views import ledger_filters

    rendered = pages_rendered_after_an_edit(pair, monkeypatch, "data/city-2030/sections/plan-goals.yaml",
                                            'en: "Retail sales growth"', 'en: "Growth of retail sales"')
    assert sorted(url for url in rendered if "/city-2031/" in url) == ["en/city-2031/parts/review/",
                                                                        "zh/city-2031/parts/review/"]
    listing = [f.id for f in ledger_filters(read_site(pair)) if "retail-growth-2030" in {t.id for t in f.goals}]
    assert len(listing) == 3  # its status, topic and report
    assert sorted(url for url in rendered if "/ledger/by/" in url) == sorted(
        f"{lang}/ledger/by/{f}/" for lang in ("en", "zh") for f in listing)
    assert files_in(pair.dist) == clean_build(pair, tmp_path)


def test_our_english_of_a_paragraph_edited_renders_the_pages_of_its_own_figures_and_no_verdict_card(pair, tmp_path,
                                                                                                     monkeypatch):
    """A figure's page shows its paragraph, not the rest of its section's text; a verdict card shows the goal's own
    words (its figure's quote), not its paragraph."""
    rendered = pages_rendered_after_an_edit(pair, monkeypatch, "data/city-2031/sections/review-2030.yaml",
                                            "8.5%; the registered", "8.5%, and the registered")
    in_the_paragraph = ("gdp-growth-2030", "retail-growth-2030", "unemployment-rate-2030", "cpi-2030")
    assert sorted(url for url in rendered if "/figures/" in url and not url.endswith("/figures/")) == sorted(
        f"{lang}/city-2031/figures/{f}/" for lang in ("en", "zh") for f in in_the_paragraph)
    assert [url for url in rendered if "/ledger/" in url] == []
    assert files_in(pair.dist) == clean_build(pair, tmp_path)


def edit_a_page(dist: Path) -> None:
    page = dist / "en" / "glossary" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Glossary", b"Glossery"))  # the same size


def edit_a_download(dist: Path) -> None:
    """A file that is not a page (render.EXTRAS), edited to the same size."""
    download = dist / "data" / MINI_REPORT / "figures.csv"
    data = download.read_bytes()
    download.write_bytes(data.replace(b"2", b"3", 1))
    assert download.read_bytes() != data


def delete_a_page(dist: Path) -> None:
    (dist / "en" / "glossary" / "index.html").unlink()


def add_a_file(dist: Path) -> None:
    (dist / "en" / "stray.html").write_text("left by hand")


@pytest.mark.parametrize("tamper", [edit_a_page, edit_a_download, delete_a_page, add_a_file])
def test_a_dist_changed_by_hand_is_made_whole_again(project, tamper):
    """A file whose size or date is not the one recorded is made again (its bytes are never read to tell)."""
    first = build(project, jobs=1)
    tamper(project.dist)
    built = incremental(project)
    assert built.rendered == (1 if tamper in (edit_a_page, delete_a_page) else 0)
    assert files_in(project.dist) == first.files


def dates(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_an_incremental_build_writes_only_the_files_whose_bytes_changed(pair, tmp_path):
    """dist/ is updated in place: a file that comes out of the build as dist/ holds it is not written again,
    though the edit made it be rendered again (the search index's shards, the data downloads)."""
    build(pair, jobs=1)
    folder, before, written = pair.dist.stat().st_ino, files_in(pair.dist), dates(pair.dist)
    edit(pair.root / PAIR_EDITS["a section's title"][0][0], *PAIR_EDITS["a section's title"][0][1:])
    incremental(pair)
    after, now = files_in(pair.dist), dates(pair.dist)
    assert pair.dist.stat().st_ino == folder
    same = {name for name in after if before.get(name) == after[name]}
    assert {name for name in same if now[name] != written[name]} == set()
    assert same and len(same) < len(after)
    assert [name for name in same if name.startswith(("data/", "search/"))]  # rendered again, not written


# A build that fails after an incremental start leaves dist/ exactly as it was: every file, its bytes and its date.
# Each: the published addresses, then the edits that break the build.
PARAGRAPH = "review-economy-growth"
LATE_MISTAKES = {
    "a UI string the catalog lacks (found once every page is rendered)": ((), [
        ("templates/glossary.html", "<h1>{{ page.title|t }}</h1>",
         '<h1>{{ page.title|t }}{{ _("Never translated") }}</h1>'),
    ]),
    "a template error": ((), [
        ("templates/glossary.html", "<h1>{{ page.title|t }}</h1>", "<h1>{{ page.title|t }}{{ nowhere.name }}</h1>"),
    ]),
    "a published address that no longer resolves": ((f"/en/{MINI_REPORT}/sections/review-economy/#{PARAGRAPH}",), [
        (f"data/{MINI_REPORT}/sections/review-economy.yaml", PARAGRAPH, "review-economy-output"),
    ]),
}


@pytest.mark.parametrize("what", LATE_MISTAKES)
def test_a_build_that_fails_after_an_incremental_start_leaves_dist_as_it_was(project, what):
    addresses, edits = LATE_MISTAKES[what]
    (project.data / "published.txt").write_text("".join(f"{a}\n" for a in addresses), encoding="utf-8")
    build(project, jobs=1)
    before, written = files_in(project.dist), dates(project.dist)
    recorded = manifest_path(project.dist).read_bytes()
    more = [("data/glossary.yaml", "regulates better", "regulates more wisely")]  # more pages to write
    for path, old, new in edits + more:
        edit(project.root / path, old, new)
    with pytest.raises(BuildFailed):
        incremental(project)
    assert (files_in(project.dist), dates(project.dist)) == (before, written)
    assert manifest_path(project.dist).read_bytes() == recorded
    assert not [p for p in project.dist.parent.iterdir() if p.name.startswith(".dist.")]


def damage_garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff garbage \x89PNG" * 100)


def damage_truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def manifest_parts(path: Path) -> tuple[dict, dict]:
    """A manifest's two lines: its head (format, code version, project, checksum of the body) and its body."""
    head, body = path.read_bytes().split(b"\n")
    return json.loads(head), json.loads(body)


def write_parts(path: Path, head: dict, body: dict, checksum: bool = True) -> None:
    """Write a manifest's two lines; with checksum, the head's checksum made that of the body written."""
    data = json.dumps(body).encode()
    if checksum:
        head["checksum"] = hashlib.sha256(data).hexdigest()
    path.write_bytes(json.dumps(head).encode() + b"\n" + data)


def damage_another_code_version(path: Path) -> None:
    """A well-formed manifest, checksum and all, from another version of the code."""
    head, body = manifest_parts(path)
    head["code"] = "0" * 64
    write_parts(path, head, body)
    assert head["code"] != code_version()


def damage_another_project(path: Path) -> None:
    head, body = manifest_parts(path)
    head["project"] = "0" * 64
    write_parts(path, head, body)


def damage_an_entry(path: Path) -> None:
    """One entry edited without its manifest's checksum: the whole manifest is ignored."""
    head, body = manifest_parts(path)
    name = next(iter(body["files"]))
    body["files"][name][2] += 1
    write_parts(path, head, body, checksum=False)


@pytest.mark.parametrize("damage", [damage_garbage, damage_truncated, damage_another_code_version,
                                    damage_another_project, damage_an_entry])
def test_a_damaged_or_foreign_cache_is_ignored(project, tmp_path, damage):
    build(project, jobs=1)
    edit(project.templates / "glossary.html", "<h1>{{ page.title|t }}</h1>", "<h1 class=terms>{{ page.title|t }}</h1>")
    damage(manifest_path(project.dist))
    built = incremental(project)
    assert (built.rendered, built.reused) == (built.pages, 0)
    assert files_in(project.dist) == clean_build(project, tmp_path)
    assert incremental(project).rendered == 0  # a good manifest is written in its place


def test_a_build_during_which_an_input_changed_records_nothing(project, tmp_path, monkeypatch):
    """A template saved while the build runs may have been read before or after the save: that
    build's files are not recorded, and the next build renders what the edit changed."""
    import reportsite.site

    build(project, jobs=1)
    recorded = manifest_path(project.dist).read_bytes()
    edit(project.templates / "glossary.html", "<h1>", "<h1 class=first>")  # so that the build has work to do
    read_data = reportsite.site.read_data

    def read_then_save_a_template(project_, kept):
        site = read_data(project_, kept)
        edit(project.templates / "glossary.html", "<h1 class=first>", "<h1 class=terms>")
        return site

    monkeypatch.setattr(reportsite.site, "read_data", read_then_save_a_template)
    incremental(project)
    assert manifest_path(project.dist).read_bytes() == recorded
    monkeypatch.undo()
    assert incremental(project).rendered == 2
    assert files_in(project.dist) == clean_build(project, tmp_path)


def test_the_cache_lives_beside_dist_and_is_never_published(project):
    """dist.cache.json, beside dist/, records every file the build wrote with its checksum and size."""
    build(project, jobs=1)
    assert manifest_path(project.dist) == project.dist.parent / "dist.cache.json"
    recorded = manifest_parts(manifest_path(project.dist))[1]["files"]
    written = files_in(project.dist)
    assert {name: (sha256, size) for name, (_, sha256, size, _) in recorded.items()} == \
        {name: (hashlib.sha256(data).hexdigest(), len(data)) for name, data in written.items()}
    assert not [name for name in written if "cache" in name]


def test_templates_compiled_by_a_build_are_kept_in_the_project_and_compiled_again_when_edited(project, tmp_path):
    """.cache/templates/<code version>/ holds the compiled templates, one folder: a build loads them instead of
    compiling; a template edited since is compiled again (Jinja compares its source), so its pages change."""
    build(project, jobs=1)
    kept = project.root / ".cache" / "templates"
    assert [folder.name for folder in kept.iterdir()] == [code_version()[:16]]
    assert list(kept.glob("*/*.cache"))  # a file for each template the build used
    edit(project.root / "templates" / "glossary.html", "{% block main %}", "{% block main %}<p>Edited.</p>")
    incremental(project)
    assert b"<p>Edited.</p>" in (project.dist / "en" / "glossary" / "index.html").read_bytes()
    assert files_in(project.dist) == clean_build(project, tmp_path)


def test_what_each_template_names_is_kept_beside_them_for_a_clean_build(project, tmp_path, monkeypatch):
    """A build with no record of the last one (--clean, a new dist/) takes what each template names from
    .cache/templates/<code version>/ instead of parsing every template, but for one edited since (its source's hash);
    a damaged file is as none. The files' keys are those of a build that parsed them all."""
    import jinja2.meta

    from reportsite.cache import REFERENCES, templates_folder

    parsed, find = [], jinja2.meta.find_referenced_templates
    monkeypatch.setattr(jinja2.meta, "find_referenced_templates", lambda ast: parsed.append(ast) or find(ast))
    kept = templates_folder(project.root) / REFERENCES

    def clean() -> tuple[int, dict]:
        parsed.clear()
        built = build(project, jobs=1, reuse=False)
        assert built.rendered == built.pages
        return len(parsed), {name: row[0] for name, row in manifest_parts(manifest_path(project.dist))[1]["files"].items()}

    everything, keys = clean()
    assert everything > 10 and kept.is_file()
    assert clean() == (0, keys)
    edit(project.templates / "glossary.html", "{% block main %}", "{% block main %}<p>Edited.</p>")
    edited, keys = clean()
    assert edited == 1
    kept.write_text("{not json", encoding="utf-8")
    assert clean() == (everything, keys)
    assert clean() == (0, keys)


def test_a_library_of_another_version_is_another_code_version(tmp_path, monkeypatch):
    """The code version names each library that shapes the bytes as installed, where Python finds it first: an
    upgrade of any one makes every file again."""
    from reportsite.cache import LIBRARIES, installed

    before = installed(LIBRARIES)
    assert not [name for name in before if name.endswith(" none")]  # markdown-it-py as markdown_it_py-….dist-info
    shadow = tmp_path / "site-packages"
    (shadow / "Jinja2-0.0.1.dist-info").mkdir(parents=True)
    (shadow / "PyYAML-5.1-py3.11.egg-info").mkdir()  # as some Debian packages install it
    monkeypatch.setattr(sys, "path", [str(shadow), *sys.path])
    after = installed(LIBRARIES)
    assert after[LIBRARIES.index("jinja2")] == "Jinja2-0.0.1.dist-info"
    assert after[LIBRARIES.index("pyyaml")] == "PyYAML-5.1-py3.11.egg-info"
    assert [a for a, b in zip(after, before) if a != b] == ["Jinja2-0.0.1.dist-info", "PyYAML-5.1-py3.11.egg-info"]


def test_clean_ignores_the_cache(project):
    """The cache trusts a well-formed manifest whose sizes and dates match dist/: with one that lies about a
    page, a build reuses the lie, and `build.py --clean` renders every page again."""
    build(project, jobs=1)
    page, name = project.dist / "en" / "glossary" / "index.html", "en/glossary/index.html"
    true = page.read_bytes()
    forge(manifest_path(project.dist), name, page, true.replace(b"Glossary", b"Glossery"))
    command = [sys.executable, str(REPO / "build.py"), "--root", str(project.root), "--dist", str(project.dist)]
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert b"Glossery" in page.read_bytes()
    forge(manifest_path(project.dist), name, page, true.replace(b"Glossary", b"Glossery"))
    assert subprocess.run(command + ["--clean"], capture_output=True).returncode == 0
    assert page.read_bytes() == true


def forge(manifest: Path, name: str, page: Path, data: bytes) -> None:
    """Write other bytes to a page and record them in the manifest as they would be by a build."""
    page.write_bytes(data)
    head, body = manifest_parts(manifest)
    body["files"][name][1:4] = [hashlib.sha256(data).hexdigest(), len(data), page.stat().st_mtime_ns]
    write_parts(manifest, head, body)


def test_the_real_site_on_every_core_and_then_from_the_cache(site, tmp_path):
    """The real data: a build on every core gives the bytes of the session's one-process build, and a
    second build renders nothing."""
    project = Project.at(REPO, dist=tmp_path / "dist")
    first = build(project, jobs=2, keep_files=False)
    assert first.processes == 2
    assert files_in(project.dist) == site.files
    again = incremental(project)
    assert (again.rendered, again.reused) == (0, site.pages)
    assert files_in(project.dist) == site.files


def test_a_section_edited_makes_again_only_the_extras_that_read_it(pair, tmp_path, monkeypatch):
    """The files that are not pages, by group (render.extras_groups): what reads all the data (search index, feeds,
    sitemap, datapackage.json); the data files only where a figure or goal changed (they show the figures, the goals
    and the official text, not our English of the paragraphs, nor a section's explainer), and then the edited
    report's and the site's, not the other report's; never the share images, the assets."""
    from reportsite.render import SiteRenderer

    made = []
    make = SiteRenderer._make_extras
    monkeypatch.setattr(SiteRenderer, "_make_extras", lambda self, group: made.append(group) or make(self, group))
    build(pair, jobs=1)
    assert {"data:city-2030", "data:city-2031", "share", "assets"} <= set(made)
    section = pair.root / "data/city-2031/sections/review-services.yaml"
    for old, new in (("What became of", "The outcome of"), ("were all delivered", "were all completed"),
                     ('en: "Services"', 'en: "Public services"')):
        made.clear()
        edit(section, old, new)  # its explainer; our English of a paragraph; its title
        build(pair, keep_files=False, jobs=1, reuse=True)
        assert sorted(made) == ["datapackage", "feeds", "search", "sitemap"]
    made.clear()
    edit(section, 'en: "New parking spaces"', 'en: "Parking spaces added"')  # a figure's label, an outcome of city-2030's
    build(pair, keep_files=False, jobs=1, reuse=True)
    assert sorted(made) == ["data", "data:city-2030", "data:city-2031", "datapackage", "feeds", "search", "sitemap"]
    assert files_in(pair.dist) == clean_build(pair, tmp_path)


# ---- the search index's parts, kept beside dist/ (search_store.py) -----------------------------------------


class PartsMade:
    """What the builds make (the search index's parts, by part_name; reports' rows), each by its name, in worker
    processes too (a file, appended to)."""

    def __init__(self, path: Path):
        self.path = path

    def note(self, name: str) -> None:
        with self.path.open("a") as out:
            out.write(f"{name}\n")

    def __call__(self) -> list[str]:
        return self.path.read_text().splitlines() if self.path.exists() else []

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def part_name(entries: dict, report_id: str | None) -> str:
    """A section's part by its report and id ("city-2031/review-2030"), a report's figures' ("city-2031/figures"), the
    glossary's and pages' ("others")."""
    if report_id is None:
        return "others"
    first = entries["en"][0] if entries["en"] else None
    return f"{report_id}/{first.url.rstrip('/').rsplit('/', 1)[-1] if first and first.kind == 's' else 'figures'}"


@pytest.fixture
def parts_made(monkeypatch, tmp_path) -> PartsMade:
    from reportsite import search

    made, make = PartsMade(tmp_path / "parts-made.txt"), search.Part.of
    monkeypatch.setattr(search.Part, "of", lambda entries, report_id: made.note(part_name(entries, report_id))
                        or make(entries, report_id))
    return made


@pytest.fixture
def rows_made(monkeypatch, tmp_path) -> PartsMade:
    """The reports whose rows of the site's tables the builds write (publish.report_rows)."""
    from reportsite import publish

    made, rows = PartsMade(tmp_path / "rows-made.txt"), publish.report_rows
    monkeypatch.setattr(publish, "report_rows", lambda site, report: made.note(report.id) or rows(site, report))
    return made


PAIR_PARTS = ["city-2030/plan-goals", "city-2030/plan-services", "city-2030/figures",
              "city-2031/review-2030", "city-2031/review-services", "city-2031/figures", "others"]  # in the index's order


@pytest.mark.parametrize("what, remade", [
    ("a section's explainer", ["city-2031/review-2030"]),
    ("a section's title, of the report whose old addresses redirect", ["city-2030/plan-goals"]),
    ("a figure's label", ["city-2031/review-2030", "city-2031/figures"]),
    ("a glossary term", ["others"]),
    ("a prose page", ["others"]),
    # the later report's figure is no longer a key entry (a goal's outcome)
    ("an outcome", ["city-2031/figures"]),
])
def test_an_edit_makes_again_the_search_parts_of_what_it_changed(pair, tmp_path, parts_made, what, remade):
    """A section's part, its report's figures' part, or the glossary's and pages': each made again only when what it
    shows changed."""
    edit_then_build_again(pair, tmp_path, PAIR_EDITS[what])  # the bytes of a clean build
    assert parts_made() == PAIR_PARTS + remade + PAIR_PARTS  # the first build's, the edit's, the clean build's


def damage_search_garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff garbage \x89PNG" * 100)


def damage_search_truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_search_a_byte(path: Path) -> None:
    """One byte of a part changed, its checksum not."""
    data = bytearray(path.read_bytes())
    data[-100] ^= 1
    path.write_bytes(bytes(data))


def damage_search_another_code_version(path: Path) -> None:
    """Well-formed, checksum and all, but written by another version of the code."""
    head, _, body = path.read_bytes().partition(b"\n")
    doc = json.loads(head)
    doc["code"] = "0" * 64
    path.write_bytes(json.dumps(doc, sort_keys=True).encode() + b"\n" + body)


def damage_search_a_part_of_another_shape(path: Path) -> None:
    """A part that is not one (a checksum made for it): the file is ignored, not a crash."""
    import marshal

    from reportsite import search_store

    parts = marshal.loads(path.read_bytes().partition(b"\n")[2])
    parts[next(iter(parts))] = ["s", None, {"zh": []}, {}]
    body = marshal.dumps(parts)
    path.write_bytes(search_store.header(body) + b"\n" + body)


@pytest.mark.parametrize("damage", [damage_search_garbage, damage_search_truncated, damage_search_a_byte,
                                    damage_search_another_code_version, damage_search_a_part_of_another_shape])
def test_a_damaged_or_foreign_store_of_search_parts_is_ignored(pair, tmp_path, parts_made, damage):
    from reportsite.search_store import store_path

    build(pair, jobs=1)
    damage(store_path(pair.dist))
    parts_made.clear()
    edit(pair.root / PAIR_EDITS["a glossary term"][0][0], *PAIR_EDITS["a glossary term"][0][1:])
    incremental(pair)
    assert parts_made() == PAIR_PARTS  # every part made again
    assert files_in(pair.dist) == clean_build(pair, tmp_path)
    parts_made.clear()
    edit(pair.root / PAIR_EDITS["a prose page"][0][0], *PAIR_EDITS["a prose page"][0][1:])
    incremental(pair)
    assert parts_made() == ["others"], "a good store was written in its place"


@pytest.mark.parametrize("damage", [damage_search_garbage, damage_search_truncated, damage_search_a_byte,
                                    damage_search_another_code_version])
def test_a_damaged_or_foreign_store_of_merged_postings_is_ignored(pair, tmp_path, damage):
    """The postings merged from the parts (dist.search-postings.bin): merged again whole, never a crash."""
    from reportsite.search_store import merged_path, store_path

    build(pair, jobs=1)
    damage(merged_path(store_path(pair.dist)))
    edit(pair.root / PAIR_EDITS["a section's explainer"][0][0], *PAIR_EDITS["a section's explainer"][0][1:])
    incremental(pair)
    assert files_in(pair.dist) == clean_build(pair, tmp_path)


@pytest.mark.parametrize("what, written", [
    ("a figure's label", ["city-2030", "city-2031"]),  # the outcome of an earlier goal: that goal's rows hold it
    ("an outcome", ["city-2030"]),  # the earlier report's goal: its row in the goals and the ledger
    ("a glossary term", []),  # the site's glossary table only
    ("a section's explainer", []),  # no table at all
])
def test_an_edit_writes_again_the_rows_of_the_site_s_tables_of_the_report_it_changed(pair, tmp_path, rows_made,
                                                                                      what, written):
    """Each report's rows of data/figures, data/targets and data/ledger are kept beside dist/ (dist.tables.bin): an
    edit writes again those of the report whose figures or goals it changed (tables:R), and the tables have the
    bytes of a clean build's."""
    edit_then_build_again(pair, tmp_path, PAIR_EDITS[what])
    every = ["city-2030", "city-2031"]
    assert rows_made() == every + written + every  # the first build's, the edit's, the clean build's


@pytest.mark.parametrize("damage", [damage_search_garbage, damage_search_truncated, damage_search_a_byte,
                                    damage_search_another_code_version])
def test_a_damaged_or_foreign_store_of_the_tables_rows_is_ignored(pair, tmp_path, rows_made, damage):
    from reportsite.kept import beside

    build(pair, jobs=1)
    damage(beside(pair.dist, "tables"))
    rows_made.clear()
    edit(pair.root / PAIR_EDITS["a glossary term"][0][0], *PAIR_EDITS["a glossary term"][0][1:])
    incremental(pair)
    assert rows_made() == ["city-2030", "city-2031"]  # every report's rows written again
    assert files_in(pair.dist) == clean_build(pair, tmp_path)


def test_the_search_parts_live_beside_dist_and_clean_ignores_them(pair):
    """dist.search.bin, beside dist/; a build takes the parts it holds (here a forged one, with its checksum,
    which a build trusts: a report's fragments say LIE), and `build.py --clean` makes every part again."""
    import marshal

    from reportsite import search_store

    build(pair, jobs=1)
    path = search_store.store_path(pair.dist)
    assert path == pair.dist.parent / "dist.search.bin" and not [p for p in files_in(pair.dist) if "search.bin" in p]
    parts = marshal.loads(path.read_bytes().partition(b"\n")[2])
    part = next(row for row in parts.values() if row[1] == "city-2030")
    part[2] = [text.replace("Goals", "LIE") for text in part[2]]
    body = marshal.dumps(parts)
    forged = search_store.header(body) + b"\n" + body
    command = [sys.executable, str(REPO / "build.py"), "--root", str(pair.root), "--dist", str(pair.dist)]
    for clean, lies, (old, new) in ((False, True, ("has been", "is")), (True, False, ("is", "was"))):
        path.write_bytes(forged)
        edit(pair.root / "data/glossary.yaml", f"{old} developed", f"{new} developed")  # so that the index is made
        assert subprocess.run(command + ["--clean"] * clean, capture_output=True).returncode == 0
        found = any(b"LIE" in data for name, data in files_in(pair.dist).items() if name.startswith("search/d."))
        assert found == lies


def test_a_build_on_several_processes_keeps_the_search_parts_its_worker_made(pair, two_workers):
    """The worker that makes the index (and renders the search pages) keeps its parts: this process never has them."""
    from reportsite.search_store import read_parts, store_path

    built = build(pair, jobs=2)
    assert built.processes == 2
    assert sorted(part.report_id or "" for part in read_parts(store_path(pair.dist)).values()) == \
        ["", *["city-2030"] * 3, *["city-2031"] * 3]  # each report's two sections and its figures, the others


def test_the_pool_s_thread_that_watches_the_workers_is_not_woken_by_each_result(project, monkeypatch, two_workers):
    """The pool's thread that watches the workers (it starts a worker again when one ends) wakes for what it watches
    for: a worker ending, the pool closing, its last task done. Woken by each result as well (multiprocessing's Pool
    is), it went round until another thread had read the result: about 700 times in a clean build of six reports, a
    third of a second of this process's time, while it writes the files."""
    from multiprocessing.pool import Pool

    started, wakes = [], []
    apply_async, maintain = Pool.apply_async, Pool._maintain_pool
    monkeypatch.setattr(Pool, "apply_async", lambda pool, *args: started.append(args) or apply_async(pool, *args))
    monkeypatch.setattr(Pool, "_maintain_pool", staticmethod(lambda *args: wakes.append(args) or maintain(*args)))
    built = build(project, jobs=2)
    tasks, woken = len(started), len(wakes)
    assert built.processes == 2 and tasks >= 10
    assert woken <= tasks / 2  # 2 for 22 tasks (426 when woken by each result)


def test_the_workers_collect_their_garbage_seldom(project, monkeypatch, tmp_path, two_workers):
    """A worker's garbage collector runs with parallel.WORKER_GC's thresholds (Python's own would collect about 400
    times a clean build, for nothing it keeps), and the build is a one-process build's, byte for byte."""
    import gc

    seen, run_task = tmp_path / "thresholds", parallel.run_task

    def noting_the_thresholds(*args):
        with seen.open("a") as f:  # a file: a worker's memory is not this process's
            f.write(f"{os.getpid()} {gc.get_threshold()}\n")
        return run_task(*args)

    monkeypatch.setattr(parallel, "run_task", noting_the_thresholds)
    built = build(project, jobs=2)
    noted = {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in seen.read_text().splitlines()}
    assert built.processes == 2 and noted and str(os.getpid()) not in noted  # rendered by the workers alone
    assert set(noted.values()) == {str(parallel.WORKER_GC)} != {str(gc.get_threshold())}
    assert files_in(project.dist) == clean_build(project, tmp_path)
