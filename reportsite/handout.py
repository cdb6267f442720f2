"""The printed editions of the offline bundle: for each report and language, two PDFs made from HTML
and print CSS by WeasyPrint.

- The handout (<report>-<edition>-<lang>.pdf), A4: a cover (the report, when and where it was delivered,
  our edition and data version, the official source, a QR code), a contents page with page numbers,
  every part and section with its explainer, key numbers and paragraphs (on the English handout each
  paragraph's official Chinese follows it, smaller), the goals table with its formulas as end notes, and
  the glossary; running heads name the part, pages are numbered "n / N", bookmarks lead to every part
  and section.
- The briefing (<report>-<edition>-<lang>-briefing.pdf): the year's main indicators and the five-year
  goals with their baselines, what they need and what became of them, and how the goals of the year before
  went (the promise ledger), on at most two A4 pages (the type is made smaller, step by step, until it fits).
- The scorecard (<report>-<edition>-<lang>-scorecard.pdf), for a report whose goals a later report has
  judged: "How 2021 went" on one A4 page, the ledger's counts and each main indicator with its target,
  outcome, status and the rule's reading (the editor's beside it where one is written).

The templates (templates/handout.html, templates/briefing.html; assets/handout.css) are rendered by the
site's own Jinja environment, with gettext and l10n, and the one-file edition's links (#anchors only).
WeasyPrint is imported only when a PDF is made, so that a plain site build never loads it. Nothing is
fetched: the CSS is given as a string, the QR code is inline SVG, and the URL fetcher refuses anything
outside the project. The same input gives the same bytes: the PDF's dates are the data's last_updated,
its identifier comes from the data hash, and the fonts are the system's (Noto CJK, a Latin face).
Every PDF is tagged (PDF/UA-1: a structure tree, MarkInfo, the document's language), for screen readers.
The bundle lays its PDFs out in worker processes, one per core: the templates are rendered first, in the
build's process, so that a missing translation is reported there like any other.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from . import LANGS
from .derive import is_need
from .editions import edition_url, judged_by
from .errors import counted
from .links import ANCHORS
from .model import Bi, Derivation, Report, Site, Target
from .pages import GlossaryEntry, Imprint, Review, glossary_entries, imprint, page_url, review_of
from .render import Options, SiteRenderer
from .site import Project, make_renderer
from .views import Count, fared, ledger_counts
from .write import OutputError

if TYPE_CHECKING:  # only for the annotations: importing WeasyPrint is left to the moment a PDF is made
    from weasyprint import Document
    from weasyprint.urls import URLFetcher

HANDOUT_TEMPLATE = "handout.html"
BRIEFING_TEMPLATE = "briefing.html"
SCORECARD_TEMPLATE = "scorecard.html"
SCORECARD_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)  # points, largest first: the first that fits one page
HANDOUT_CSS = "handout.css"
BRIEFING_PAGES = 2
# Tagged for screen readers and reflow (a structure tree, MarkInfo, the document's language, its title shown):
# WeasyPrint's PDF/UA-1 variant, which also writes XMP metadata; nothing in it depends on the clock.
PDF_VARIANT = "pdf/ua-1"
BRIEFING_GROUPS = ("annual", "five-year")
# The goals of the year before that the briefing names one by one: those that fell short or cannot be compared.
SHORTFALLS = ("partly", "missed", "not_comparable")
# The briefing's layouts, tried in order until one fits on at most two pages: each group on a page of its
# own at a comfortable size, then the groups one after the other in ever smaller type (points).
BRIEFING_LAYOUTS = (*(("apart", size) for size in (12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0)),
                    *(("flow", size) for size in (12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)))
# "apart" is taken only when what comes before the page break fills most of page 1: a third of a page left blank
# reads as a mistake, so the groups flow on instead (a short report's briefing is then one page). The template
# marks the spot with this id.
PAGE_ONE_END = "page-one-end"
PAGE_ONE_FILL = 0.75  # of the page's height


# ---- What the templates are given ----------------------------------------------------------


@dataclass(frozen=True)
class QrCode:
    """The cover's QR code: the report's home on our site, or, when the site has no address, the official page."""

    url: str  # what the code encodes
    to_site: bool  # True: our report page; False: the government's own page (the site has no base URL)
    svg: Markup  # inline SVG, drawn by segno


@dataclass(frozen=True)
class GoalRow:
    """A goal, with each derived number and the number of the end note that gives its formula."""

    target: Target
    derived: tuple[tuple[int, Derivation], ...]


@dataclass(frozen=True)
class GoalTable:
    """The goals of one group (annual, five-year, task), their notes numbered on from the table before."""

    group: str
    rows: tuple[GoalRow, ...]

    @property
    def has_outcomes(self) -> bool:
        """Whether any goal of the group has an outcome yet (a later report in the ledger)."""
        return any(row.target.verdict for row in self.rows)

    @property
    def notes(self) -> tuple[tuple[int, Derivation], ...]:
        return tuple(note for row in self.rows for note in row.derived)

    @property
    def has_derived(self) -> bool:
        """Whether any goal has a derived number (else the column is left out)."""
        return any(row.derived for row in self.rows)


def ledger_qr_code(site: Site, report: Report, lang: str) -> QrCode:
    """A QR code to the promise ledger on the site in lang; to the report's official source without a base URL."""
    own = site.absolute(page_url("ledger", lang))
    return _qr(own or report.source.url, own is not None)


def qr_code(site: Site, report: Report, lang: str) -> QrCode:
    """A QR code to the report's home on the site in lang; to the official source when there is no base URL."""
    own = site.absolute(page_url("report", lang, None, report.id))
    return _qr(own or report.source.url, own is not None)


def _qr(url: str, to_site: bool) -> QrCode:
    """The QR code of url, as inline SVG."""
    import segno  # a small pure-Python library, needed only for the PDFs

    svg = segno.make(url, error="m").svg_inline(scale=4, border=0, dark="#1b1f24", svgclass="qr", lineclass=None,
                                                omitsize=True)
    return QrCode(url, to_site, Markup(svg))


def goal_tables(report: Report, groups: tuple[str, ...], needs_only: bool = False) -> tuple[GoalTable, ...]:
    """The report's goals of the groups given, in that order, every derived number numbered as an end note.

    needs_only (the briefing): only what each goal needs from its baseline (derive.is_need), and none in a
    group where fewer than half of the goals would have one: a column of dashes says nothing."""
    tables, number = [], 0
    for group in groups:
        goals = [t for t in report.targets if t.group == group]
        derived = [[d for d in t.derived if is_need(d) or not needs_only] for t in goals]
        if needs_only and 2 * sum(1 for ds in derived if ds) < len(goals):
            derived = [[] for _ in goals]
        rows = []
        for target, ds in zip(goals, derived):
            notes = tuple((number + i + 1, d) for i, d in enumerate(ds))
            number += len(notes)
            rows.append(GoalRow(target, notes))
        tables.append(GoalTable(group, tuple(rows)))
    return tuple(tables)


def groups_of(report: Report) -> tuple[str, ...]:
    """The goal groups the report has, in the documented order (annual, five-year, task)."""
    present = {t.group for t in report.targets}
    return tuple(g for g in ("annual", "five-year", "task") if g in present)


# ---- The HTML ------------------------------------------------------------------------------


def handout_renderer(project: Project, site: Site) -> SiteRenderer:
    """The site's renderer with the one-file edition's links: every link an #anchor in the document."""
    return make_renderer(project, site, Options(links=ANCHORS))


@dataclass(frozen=True)
class HandoutContext:
    """What the printed handout (handout.html) is given: the report, who made the edition, the cover's QR code,
    the goals tables, each part's review of an earlier report's goals, topic names and the glossary."""

    report: Report
    imprint: Imprint
    address: str | None  # this PDF's own address; None without a base URL
    qr: QrCode
    goals: tuple[GoalTable, ...]
    reviews: dict[str, Review | None]  # by part id
    topics: Mapping[str, Bi]
    glossary: tuple[GlossaryEntry, ...]


@dataclass(frozen=True)
class YearBefore:
    """How the goals of an earlier report went, by what this report says (the promise ledger): the counts of each
    group by status, and the goals that fell short or cannot be compared (SHORTFALLS)."""

    earlier: Report
    counts: tuple[Count, ...]
    shortfalls: tuple[Target, ...]


def years_before(site: Site, report: Report) -> tuple[YearBefore, ...]:
    """Each earlier report whose goals this report judges, oldest first (the year before; in a plan's last
    report, also the plan's first)."""
    return tuple(YearBefore(earlier, tuple(fared(site, earlier.id, report.id)),
                            tuple(t for t in judged if t.verdict.status in SHORTFALLS))
                 for earlier in site.reports
                 if (judged := [t for t in earlier.targets if t.verdict and t.outcome.report_id == report.id]))


@dataclass(frozen=True)
class BriefingContext:
    """What the briefing (briefing.html) is given: the report, who made the edition and its address
    (None without a base URL), the QR code, the goals tables of its groups (what each goal needs only), how those
    goals fared (the ledger's counts), how the goals of the years before went, and the layout to try."""

    report: Report
    imprint: Imprint
    address: str | None
    qr: QrCode
    goals: tuple[GoalTable, ...]
    counts: tuple[Count, ...]
    before: tuple[YearBefore, ...]
    layout: str  # apart: the second group starts page 2; flow: one after the other
    page_one_end: str = PAGE_ONE_END  # the id of the mark where page 1 of "apart" ends


@dataclass(frozen=True)
class ScorecardContext:
    """What the one-page scorecard (scorecard.html) is given: the report whose goals, the later report that says
    what became of them, who made the edition, the QR code to the ledger, the main indicators with their
    verdicts, and the ledger's counts of the report's goals by group."""

    report: Report
    later: Report
    imprint: Imprint
    address: str | None  # this PDF's own address; None without a base URL
    qr: QrCode
    main: tuple[Target, ...]
    counts: tuple[Count, ...]


def handout_html(renderer: SiteRenderer, site: Site, report: Report, lang: str) -> str:
    """The whole report as one HTML document for print (templates/handout.html)."""
    context = HandoutContext(report, imprint(site), edition_url(site, f"{report.id}:{lang}:handout"),
                             qr_code(site, report, lang), goal_tables(report, groups_of(report)),
                             {part.id: review_of(part, report, site) for part in report.parts}, site.topics,
                             glossary_entries(site, report))
    html = renderer.one_file(lang, HANDOUT_TEMPLATE, context)
    renderer.check_catalog()
    return html


def briefing_html(renderer: SiteRenderer, site: Site, report: Report, lang: str, layout: str) -> str:
    """The briefing as HTML (templates/briefing.html); layout "apart" starts the second group on page 2."""
    counts = tuple(c for c in ledger_counts(site) if c.report.id == report.id and c.group in BRIEFING_GROUPS)
    context = BriefingContext(report, imprint(site), edition_url(site, f"{report.id}:{lang}:briefing"),
                              qr_code(site, report, lang), goal_tables(report, BRIEFING_GROUPS, needs_only=True), counts,
                              years_before(site, report), layout)
    html = renderer.one_file(lang, BRIEFING_TEMPLATE, context)
    renderer.check_catalog()
    return html


def scorecard_html(renderer: SiteRenderer, site: Site, report: Report, lang: str) -> str:
    """How a report's goals went, on one page (templates/scorecard.html)."""
    context = ScorecardContext(report, judged_by(site, report), imprint(site),
                               edition_url(site, f"{report.id}:{lang}:scorecard"), ledger_qr_code(site, report, lang),
                               tuple(t for t in report.targets if t.group == "annual" and t.verdict),
                               tuple(c for c in ledger_counts(site) if c.report.id == report.id))
    html = renderer.one_file(lang, SCORECARD_TEMPLATE, context)
    renderer.check_catalog()
    return html


# ---- The PDF -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfJob:
    """One PDF to lay out: plain strings only, so that a worker process can make it (templates are rendered
    and the catalog checked before, in the build's own process)."""

    name: str  # what it is, for the PDF's identifier and for errors: taiyuan-2021-zh-briefing
    tries: tuple[tuple[str, str, str], ...]  # (label, html, css) in order of preference; the first that fits wins
    pages: int | None = None  # the most pages it may have; None: as many as it takes
    identifier: bytes = b""  # the PDF's file identifier (from the data hash and the name)


def handout_job(project: Project, site: Site, renderer: SiteRenderer, report: Report, lang: str) -> PdfJob:
    """The whole report as an A4 handout in lang."""
    name = f"{report.id}-{lang}-handout"
    return PdfJob(name, (("handout", handout_html(renderer, site, report, lang), stylesheet(project)),),
                  None, pdf_identifier(site, name))


def briefing_job(project: Project, site: Site, renderer: SiteRenderer, report: Report, lang: str) -> PdfJob:
    """The briefing in each layout, most comfortable first; it may have at most two pages."""
    name, css = f"{report.id}-{lang}-briefing", stylesheet(project)
    html = {layout: briefing_html(renderer, site, report, lang, layout) for layout, _ in BRIEFING_LAYOUTS}
    tries = tuple((f"{layout} {size:g} pt", html[layout], f"{css}\n:root {{ --briefing-size: {size}pt; }}\n")
                  for layout, size in BRIEFING_LAYOUTS)
    return PdfJob(name, tries, BRIEFING_PAGES, pdf_identifier(site, name))


def scorecard_job(project: Project, site: Site, renderer: SiteRenderer, report: Report, lang: str) -> PdfJob:
    """The scorecard in the largest type that fits one page."""
    name, css, html = f"{report.id}-{lang}-scorecard", stylesheet(project), scorecard_html(renderer, site, report, lang)
    tries = tuple((f"{size:g} pt", html, f"{css}\n:root {{ --briefing-size: {size}pt; }}\n") for size in SCORECARD_SIZES)
    return PdfJob(name, tries, 1, pdf_identifier(site, name))


def make_pdf(job: PdfJob, root: Path, requests: list[str] | None = None) -> bytes:
    """The job's PDF: its first try that has no more pages than it may have and fills page 1 where it breaks it on
    purpose (page_one_filled); OutputError when none does."""
    tried, unfilled = [], set()
    for label, html, css in job.tries:
        if html in unfilled:  # smaller type fills page 1 less still
            continue
        document = render_pdf(html, css, root, requests)
        if not page_one_filled(document):
            unfilled.add(html)
            tried.append(f"{label}: page 1 not filled")
        elif job.pages is None or len(document.pages) <= job.pages:
            return write_pdf(document, job)
        else:
            tried.append(f"{label}: {counted(len(document.pages), 'page')}")
    raise OutputError(f"{job.name} fits no layout on at most {counted(job.pages, 'page')} ({'; '.join(tried)}): "
                      "shorten what it holds, or add a smaller layout to handout.BRIEFING_LAYOUTS")


def page_one_filled(document: "Document") -> bool:
    """Whether page 1 is filled down to PAGE_ONE_FILL of its height where the layout breaks it on purpose (the
    PAGE_ONE_END mark); True where there is no such mark."""
    end = document.pages[0].anchors.get(PAGE_ONE_END)
    return end is None or end[1] >= PAGE_ONE_FILL * document.pages[0].height


# A character no installed font has is drawn as an empty box, tagged like the rest (as it was printed before
# the PDFs were tagged); PDF/UA would rather have no such box, but a stray character is no reason to print nothing.
# WeasyPrint says so when it draws the box, and again where the font has no glyph number left to give it (Noto Sans
# CJK uses all 65,536: selecting the box's text then copies no character).
NO_GLYPH = (".notdef glyph rendered", "Too many glyphs missing from")


def write_pdf(document: "Document", job: PdfJob) -> bytes:
    """The laid-out document as a tagged PDF; anything WeasyPrint warns about while tagging is an OutputError."""
    with weasyprint_problems() as problems:
        pdf = document.write_pdf(pdf_identifier=job.identifier, uncompressed_pdf=False, pdf_variant=PDF_VARIANT)
    problems = [p for p in problems if not p.startswith(NO_GLYPH)]
    if problems:
        raise OutputError(f"WeasyPrint could not tag {job.name} as written: " + "; ".join(problems[:5]))
    return pdf


def handout_pdf(project: Project, site: Site, report: Report, lang: str,
                requests: list[str] | None = None) -> bytes:
    """The whole report as an A4 PDF in lang; requests, when given, records every URL WeasyPrint asked for."""
    return make_pdf(handout_job(project, site, handout_renderer(project, site), report, lang), project.root, requests)


def briefing_pdf(project: Project, site: Site, report: Report, lang: str,
                 requests: list[str] | None = None) -> bytes:
    """The main indicators and five-year goals on at most two A4 pages, in the largest type that fits."""
    return make_pdf(briefing_job(project, site, handout_renderer(project, site), report, lang), project.root, requests)


def printed_editions(project: Project, site: Site) -> dict[tuple[str, str, str], bytes]:
    """{(report id, lang, "handout" | "briefing" | "scorecard"): PDF} for every report (a scorecard for a
    report whose goals a later one judged), made in parallel worker processes,
    one per core (WeasyPrint is single-threaded Python); each PDF is the same bytes as made alone."""
    renderer = handout_renderer(project, site)
    jobs = {(report.id, lang, kind): make(project, site, renderer, report, lang)
            for kind, make in (("handout", handout_job), ("briefing", briefing_job), ("scorecard", scorecard_job))
            for report in site.reports for lang in LANGS  # the long ones first
            if kind != "scorecard" or judged_by(site, report)}
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2:
        return {key: make_pdf(job, project.root) for key, job in jobs.items()}
    with ProcessPoolExecutor(workers) as pool:
        return dict(zip(jobs, pool.map(partial(make_pdf, root=project.root), jobs.values())))


def stylesheet(project: Project) -> str:
    """The print stylesheet, assets/handout.css."""
    return (project.assets / HANDOUT_CSS).read_text(encoding="utf-8")


def render_pdf(html: str, css: str, root: Path, requests: list[str] | None = None) -> "Document":
    """Lay out html with css into pages; any fetch outside root, and any WeasyPrint warning, is an OutputError."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = project_fetcher(root, [] if requests is None else requests)
    base = root.as_uri() + "/"
    with weasyprint_problems() as problems:
        try:
            document = HTML(string=html, base_url=base, url_fetcher=fetcher).render(
                stylesheets=[CSS(string=css, base_url=base, url_fetcher=fetcher)])
        except FatalURLFetchingError as exc:
            raise OutputError(f"the PDF may not fetch anything outside the project: {exc.__cause__ or exc}") from None
    if problems:
        raise OutputError("WeasyPrint could not lay out a PDF as written: " + "; ".join(problems[:5]))
    return document


def pdf_identifier(site: Site, name: str) -> bytes:
    """The PDF's file identifier: from the data hash and the file's name, so the same input gives the same bytes
    (the PDF's dates are the HTML's dcterms.created and dcterms.modified: the data's last_updated)."""
    return hashlib.sha256(f"{site.data_hash}:{name}".encode()).hexdigest()[:32].encode()


def project_fetcher(root: Path, requests: list[str]) -> "URLFetcher":
    """A WeasyPrint URL fetcher that records every URL asked for and refuses, fatally, anything that is not
    a data: URL or a file inside root (no network, no file elsewhere on the machine)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class ProjectOnly(URLFetcher):
        def fetch(self, url, headers=None):
            requests.append(url)
            parts = urlsplit(url)
            inside = parts.scheme == "data" or (parts.scheme == "file" and not parts.netloc
                                                and Path(unquote(parts.path)).resolve().is_relative_to(root))
            if not inside:
                raise FatalURLFetchingError(f"refused {url}")
            return super().fetch(url, headers)

    return ProjectOnly(allowed_protocols=("file", "data"), fail_on_errors=True)


@contextmanager
def weasyprint_problems() -> Iterator[list[str]]:
    """Collect what WeasyPrint warns about (bad CSS, a missing resource) while the block runs."""
    problems: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            problems.append(record.getMessage())

    logger, handler = logging.getLogger("weasyprint"), Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
