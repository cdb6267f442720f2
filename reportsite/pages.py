"""The page kinds of the site, declared once: URL, template, what the template is given, title,
navigation, security policy, one page per item.

Everything that needs to know about pages reads KINDS: page_url(), the page plan, the renderer, the
sitemap, the navigation, the redirects and the benchmark. Adding a kind is one row here, its context
function (beside the others, above the table) and one template. A kind belongs to the site (the home,
the ledger, the glossary …) or to each report (its home, parts, sections, figures …: their URLs carry
the report's id).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import LANGS, charts, cite, ledger, other_lang, verdicts, views
from .cite import Citation
from .l10n import N_
from .model import (Bi, Correction, Figure, Page, Paragraph, Part, Place, Plan, Report, Section, Site, Target,
                    Term, TextNote)
from .reads import ALL, search_example
from .vocab import TARGET_GROUPS

if TYPE_CHECKING:
    from .search import SearchIndex


# What a page may load (Content-Security-Policy): everything from the site itself, nothing inline.
SITE_POLICY = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "base-uri 'none'; form-action 'self'")
NOT_FOUND_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'"
REDIRECT_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; base-uri 'none'"


@dataclass(frozen=True)
class PageKind:
    name: str
    url: str  # pattern with {lang}, {report} and {ident}; a folder URL ends in "/"
    template: str
    title: str | None = None  # a gettext message id; None: the item's own title
    nav_title: str | None = None  # a gettext message id for the navigation, when not the title
    nav: int = 0  # place in the navigation (the site's, or the report's for report pages), 1 first; 0: not in it
    scope: str = "site"  # site: one page (or one per item) for the site; report: for each report
    items: Callable[[object], Iterable] | None = None  # one page per item (of the site or the report)
    nav_items: Callable[[object], Iterable] | None = None  # the items listed in the navigation
    item_title: Callable[[object], Bi | str] = attrgetter("title")  # a str: a gettext message id
    item_description: Callable[[object], Bi | None] = lambda item: None
    per_lang: bool = True  # one page per language, or one page for the whole site
    sitemap: bool = True
    moved_from: str | None = None  # where the unprefixed report's pages were first published (site.yaml)
    site_nav: int = 0  # a report kind listed in the site's navigation, once per report, at this place
    passing: bool = False  # it shows other pages' items in passing: their ids on it are not published anchors
    policy: str = SITE_POLICY  # its Content-Security-Policy
    framed: bool = True  # shown in the site's frame (render.Frame), or a page of its own (404)
    cost: int = 1  # what one of its pages costs to render, in figure pages (six reports, measured): an edit's few pages
    # go to the workers costliest first (parallel.py), so that a ledger page does not end the build alone
    context: Callable[[PageSpec, Given], object] = field(kw_only=True)  # what its template is given: a dataclass
    reads: Callable[[PageSpec], tuple[str, ...]] = field(kw_only=True)  # the parts of the data it shows (reads.py)


@dataclass(frozen=True)
class Given:
    """What a kind's context function may use besides its page."""

    site: Site
    gettexts: Mapping[str, Callable[[str], str]]  # each language's UI strings (a page says some things in both)
    bundle: Mapping[str, str]  # the bundle's files this output links (what -> path, bundle.py); none on a plain build
    data_version: str = ""  # of the data the page is made from (reads.py): its citations name it
    search_index: "Callable[[str], SearchIndex] | None" = None  # a language's search index (search.py), made when asked


@dataclass(frozen=True)
class PageSpec:
    """One page to render: its kind, language, report (for report pages), item, and title in both languages."""

    kind: PageKind
    lang: str
    title: Bi
    ident: str | None = None
    obj: object = None
    description: Bi | None = None
    report: Report | None = None
    moved_to: "PageSpec | None" = None  # a redirect page: where the page lives now

    @cached_property  # asked for by every link on the page (about 40 times)
    def url(self) -> str:
        pattern = self.kind.moved_from if self.moved_to else self.kind.url
        return pattern.format(lang=self.lang, ident=self.ident, report=self.report.id if self.report else None)

    @property
    def template(self) -> str:
        return REDIRECT_TEMPLATE if self.moved_to else self.kind.template

    @property
    def policy(self) -> str:
        """Its Content-Security-Policy."""
        return REDIRECT_POLICY if self.moved_to else self.kind.policy

    @property
    def framed(self) -> bool:
        """Whether it is shown in the site's frame (render.Frame: head, navigation, footer)."""
        return self.kind.framed and not self.moved_to

    def context(self, given: Given) -> object:
        """What its template is given besides the page, its report and its frame: its kind's context."""
        return redirect_context(self, given) if self.moved_to else self.kind.context(self, given)

    def reads(self) -> tuple[str, ...]:
        """The parts of the data it shows (reads.py), its frame's included."""
        if self.moved_to:
            return ("site", *item_reads(self))
        frame = ("site", f"nav:{self.report.id}") if self.report else ("site",)
        return (*frame, *self.kind.reads(self))

    def counterpart(self, lang: str) -> str:
        """The URL of the same page in another language."""
        return page_url(self.kind.name, lang, self.ident, self.report.id if self.report else None)


# ---- What each kind's template is given ------------------------------------------------------
# Besides these, every template has its page (PageSpec), its report (None on the site's pages), its
# security policy, and, when the page is framed, the site's frame (render.Frame); the environment's
# globals are only formatting helpers (render.make_env).


@dataclass(frozen=True)
class HomePlace:
    """A place on the site's home: its name, its reports newest first with their first three main goals, and for
    each of them with judged goals how its main goals fared."""

    place: Place
    title: Bi  # its name with its level: 太原（市级） / Taiyuan (city)
    reports: tuple[tuple[Report, tuple[Target, ...]], ...]
    ledger: tuple[tuple[Report, tuple[tuple[str, int], ...]], ...]  # (report, (status, count) of its main goals)


@dataclass(frozen=True)
class HomeContext:
    """The site's home: its name, its intro (content/<lang>/home.md), and each place's reports and ledger (under
    the place's name when the site has several)."""

    site_name: Bi
    intro: Page | None
    places: tuple[HomePlace, ...]
    by_place: bool  # the site holds several places: each under its own heading


def home_context(page: PageSpec, given: Given) -> HomeContext:
    site = given.site
    main = {c.report.id: c.by_status for c in views.ledger_counts(site) if c.group == "annual"}
    return HomeContext(
        site.name, next((p for p in site.pages if p.slug == "home"), None),
        tuple(HomePlace(place, views.place_title(place),
                        tuple((r, tuple(t for t in r.targets if t.group == "annual")[:3]) for r in reversed(reports)),
                        tuple((r, main.get(r.id, ())) for r in reports if any(t.verdict for t in r.targets)))
              for place, reports in site.places), by_place=len(site.places) > 1)


@dataclass(frozen=True)
class ChooserContext:
    """The page at the site's root that offers the two languages: the site's name and its reports, newest first."""

    site_name: Bi
    reports: tuple[Report, ...]


def chooser_context(page: PageSpec, given: Given) -> ChooserContext:
    return ChooserContext(given.site.name, tuple(reversed(given.site.reports)))


TOPICS_FROM = 12  # a group of more goals than this is listed by topic, so that a reader can scan it


@dataclass(frozen=True)
class GoalGroup:
    """A report's goals of one group (annual, five-year), by topic when there are many (else one run with no
    topic), and their chart against the baselines."""

    group: str
    by_topic: tuple[tuple[Bi | None, tuple[Target, ...]], ...]  # (topic's name or None, its goals), in report order
    chart: Markup

    @property
    def count(self) -> int:
        return sum(len(targets) for _topic, targets in self.by_topic)


def goals_by_topic(targets: tuple[Target, ...], topics: Mapping[str, Bi]) -> tuple[tuple[Bi | None, tuple[Target, ...]], ...]:
    """The goals in one run, or, past TOPICS_FROM, by topic in the order each topic first comes in the report."""
    if len(targets) <= TOPICS_FROM:
        return ((None, targets),)
    order = list(dict.fromkeys(t.figure.topic for t in targets))
    return tuple((topics[topic], tuple(t for t in targets if t.figure.topic == topic)) for topic in order)


@dataclass(frozen=True)
class ReportContext:
    """A report's home: its main goals (annual, five-year) by group; the report itself is the page's."""

    goal_groups: tuple[GoalGroup, ...]  # the groups the report has


def report_context(page: PageSpec, given: Given) -> ReportContext:
    report, groups = page.report, []
    for group in ("annual", "five-year"):
        targets = tuple(t for t in report.targets if t.group == group)
        if targets:
            groups.append(GoalGroup(group, goals_by_topic(targets, given.site.topics), charts.render_chart(
                "targets", page.lang, report, given.gettexts[page.lang], group=group, chart_id=f"chart-{group}")))
    return ReportContext(tuple(groups))


@dataclass(frozen=True)
class Review:
    """What a part that reviews an earlier report's year says became of that report's goals, by the ledger."""

    earlier: Report
    counts: tuple[views.Count, ...]


def review_of(part: Part, report: Report, site: Site) -> Review | None:
    """The part's review of an earlier report's goals, if it reviews one."""
    if not part.reviews:
        return None
    return Review(site.report[part.reviews], tuple(views.fared(site, part.reviews, report.id)))


@dataclass(frozen=True)
class PartContext:
    """A part of a report: the part, and its review of an earlier report's goals (None: it reviews none)."""

    part: Part
    review: Review | None


def part_context(page: PageSpec, given: Given) -> PartContext:
    return PartContext(page.obj, review_of(page.obj, page.report, given.site))


@dataclass(frozen=True)
class TargetsContext:
    """A report's goals page: the topics' names, and a chart of each group's goals against their baselines."""

    topics: Mapping[str, Bi]
    goal_charts: tuple[Markup, ...]


def targets_context(page: PageSpec, given: Given) -> TargetsContext:
    _ = given.gettexts[page.lang]
    return TargetsContext(given.site.topics, tuple(
        charts.render_chart("targets", page.lang, page.report, _, group=group, chart_id=f"chart-{group}")
        for group in TARGET_GROUPS))


@dataclass(frozen=True)
class FiguresContext:
    """A report's figures page: each part that has figures, with its sections that have them."""

    parts: tuple[tuple[Part, tuple[Section, ...]], ...]


def figures_context(page: PageSpec, given: Given) -> FiguresContext:
    parts = ((part, tuple(s for s in part.sections if s.figures)) for part in page.report.parts)
    return FiguresContext(tuple((part, sections) for part, sections in parts if sections))


@dataclass(frozen=True)
class TextContext:
    """Where a report's text comes from: how many paragraphs it has, and each place the official text differs
    from the copy first used, with the page that paragraph lives on (kind, id, title)."""

    paragraphs: int
    notes: tuple[tuple[TextNote, str, str, Bi], ...]


def text_context(page: PageSpec, given: Given) -> TextContext:
    report = page.report
    return TextContext(len(report.paragraphs()),
                       tuple((n, *report.index.home_of(n.paragraph_id)) for n in report.text_notes))


@dataclass(frozen=True)
class ReportDownloadsContext:
    """A report's downloads page: the bundle's files, when this output links them."""

    bundle: Mapping[str, str]


def report_downloads_context(page: PageSpec, given: Given) -> ReportDownloadsContext:
    return ReportDownloadsContext(given.bundle)


def later_report(site: Site, target: Target) -> Report:
    """The later report that says what became of a goal."""
    return site.report[target.outcome.report_id]


def corrections_of(site: Site, report: Report, kind: str, ident: str) -> tuple[Correction, ...]:
    """The corrections that touched a report's page (a section, a figure)."""
    return tuple(c for c in site.corrections if (report.id, kind, ident) in c.affects)


def citations_of(page: PageSpec, given: Given, report: Report, title: str,
                 key: str) -> tuple[tuple[Citation, str], ...]:
    """Every citation format of a page as a work of a report (cite.py), naming the version of the data the page
    is made from, each with the access date shown until a script fills in today's."""
    site = given.site
    formats = cite.citations(site, report, page.lang, title, site.absolute(page.url), key,
                             given.gettexts[page.lang], given.data_version[:12])
    return tuple((c, cite.access_date(site.last_updated, c.date_format, page.lang)) for c in formats)


Terms = dict[str, dict[str, str]]  # term id -> its glossary entry (zh, pinyin, en, text) for the popover


_remembered: dict[str, object] = {"site": None}  # what the pages of the last site asked about share (remembered())


def remembered(site: Site, what: tuple, make: Callable[[], object]) -> object:
    """make(), worked out once for all the pages of a site that need it (the last site asked about, by identity)."""
    if _remembered["site"] is not site:
        _remembered.clear()
        _remembered["site"] = site
    if what not in _remembered:
        _remembered[what] = make()
    return _remembered[what]


def terms_used(site: Site, report: Report, paragraphs: Iterable[Paragraph], lang: str) -> Terms:
    """The glossary entries of the terms in these paragraphs, for the popover a tapped term opens."""
    where = remembered(site, ("terms by paragraph",), lambda: terms_by_paragraph(site))
    found = sorted({i for p in paragraphs for i in where.get((report.id, p.id), ())})
    return {t.id: {"zh": t.zh, "pinyin": t.pinyin, "en": t.en, "text": t.explanation[lang]}
            for t in (site.terms[i] for i in found)}


def terms_by_paragraph(site: Site) -> dict[tuple[str, str], list[int]]:
    """(report id, paragraph id) -> the positions in site.terms of the terms used in that paragraph."""
    where: dict[tuple[str, str], list[int]] = {}
    for i, term in enumerate(site.terms):
        for use in set(term.uses):
            where.setdefault(use, []).append(i)
    return where


def judged_of(site: Site, report: Report) -> dict[str, tuple[Target, ...]]:
    """judged_by_paragraph, once for all the pages of a site's report."""
    return remembered(site, ("judged by paragraph", report.id), lambda: judged_by_paragraph(report))


def judged_by_paragraph(report: Report) -> dict[str, tuple[Target, ...]]:
    """The goals a report sets in each paragraph (by its id) that a later report has judged, in the report's order."""
    judged: dict[str, list[Target]] = {}
    for t in report.targets:
        if t.verdict:
            judged.setdefault(t.figure.paragraph_id, []).append(t)
    return {pid: tuple(goals) for pid, goals in judged.items()}


@dataclass(frozen=True)
class SectionContext:
    """A section of a report: its part, the corrections that touched it, the judged goals its paragraphs set,
    its charts (history, then each group's goals), its neighbours in the report, its citations and the
    glossary entries of the terms in its text."""

    section: Section
    part: Part
    corrections: tuple[Correction, ...]
    judged: dict[str, tuple[Target, ...]]  # by paragraph id
    history_chart: Markup
    goal_charts: tuple[Markup, ...]
    previous_section: Section | None
    next_section: Section | None
    citations: tuple[tuple[Citation, str], ...]
    terms: Terms


def section_context(page: PageSpec, given: Given) -> SectionContext:
    site, report, section, lang = given.site, page.report, page.obj, page.lang
    _ = given.gettexts[lang]
    previous_section, next_section = report.index.neighbours(section.id)
    return SectionContext(
        section=section, part=report.index.parts[section.part_id],
        corrections=corrections_of(site, report, "section", section.id), judged=judged_of(site, report),
        history_chart=charts.render_chart("before-after", lang, report, _, section=section, chart_id="chart-history"),
        goal_charts=tuple(charts.render_chart("targets", lang, report, _, section=section, group=group,
                                              chart_id=f"chart-{group}") for group in TARGET_GROUPS),
        previous_section=previous_section, next_section=next_section,
        citations=citations_of(page, given, report, section.title[lang], section.id),
        terms=terms_used(site, report, section.all_paragraphs, lang))


@dataclass(frozen=True)
class FigureContext:
    """A figure's page: where it is (section, paragraph), its topic's name, the corrections that touched it, the
    judged goals of its paragraph, a chart of its indicator over the report's periods (None when it has no
    other), the goals it sets with the later report on each, related figures, its citations and the terms in
    its paragraph. A goal the ledger has judged brings its indicator across the reports, as its verdict card
    draws it (empty otherwise)."""

    figure: Figure
    section: Section
    paragraph: Paragraph
    topic: Bi
    corrections: tuple[Correction, ...]
    judged: dict[str, tuple[Target, ...]]  # by paragraph id
    series_chart: Markup | None
    history_chart: Markup
    goals: tuple[tuple[Target, Report | None], ...]  # (goal, the later report on it; None: none yet)
    related: tuple[Figure, ...]  # the same indicator's other figures, then the section's other indicators (8 at most)
    citations: tuple[tuple[Citation, str], ...]
    terms: Terms


def figure_context(page: PageSpec, given: Given) -> FigureContext:
    site, report, figure, lang = given.site, page.report, page.obj, page.lang
    _ = given.gettexts[lang]
    section, paragraph = report.index.sections[figure.section_id], report.index.paragraphs[figure.paragraph_id]
    series = report.index.series(figure)
    related = tuple(f for f in series if f.id != figure.id) + tuple(
        f for f in section.figures if f.id != figure.id and f.indicator != figure.indicator)
    goals = tuple((t, later_report(site, t) if t.outcome else None)
                  for t in report.index.targets_for_figure(figure.id))
    judged_goal = next((t for t, _later in goals if t.verdict), None)
    return FigureContext(
        figure=figure, section=section, paragraph=paragraph, topic=site.topics[figure.topic],
        corrections=corrections_of(site, report, "figure", figure.id), judged=judged_of(site, report),
        series_chart=charts.render_chart("series", lang, report, _, figure=figure, chart_id="chart-series")
        if len(series) > 1 else None,
        history_chart=charts.history_chart(verdicts.history(site, judged_goal), site.report, lang, _, "chart-history")
        if judged_goal else Markup(""),
        goals=goals, related=related[:8], citations=citations_of(page, given, report, figure.label[lang], figure.id),
        terms=terms_used(site, report, (paragraph,), lang))


@dataclass(frozen=True)
class LedgerRow:
    """A judged goal as the ledger's table shows it."""

    target: Target
    report: Report  # that set it
    later: Report  # that says what became of it
    topic: Bi
    status_rank: int  # its status's place in the ledger's order (the table sorts by it)
    card: str | None  # its verdict card's absolute address (with a base URL)


def ledger_rows(site: Site, targets: Iterable[Target], lang: str) -> tuple[LedgerRow, ...]:
    return tuple(LedgerRow(t, site.report[t.report_id], later_report(site, t), site.topics[t.figure.topic],
                           ledger.STATUSES.index(t.verdict.status), site.absolute(page_url("verdict", lang, t.id)))
                 for t in targets)


@dataclass(frozen=True)
class LedgerPlace:
    """How one place's goals fared: by report and group, and each report's chart of its main goals against their
    outcomes."""

    place: Place
    title: Bi  # its name with its level
    counts: tuple[views.Count, ...]
    charts: tuple[Markup, ...]


@dataclass(frozen=True)
class LedgerContext:
    """The promise ledger: how each place's goals fared (under the place's name when the site has several), the
    plan periods' pages, the filtered pages, every judged goal, and the rules."""

    places: tuple[LedgerPlace, ...]
    by_place: bool  # the site holds several places: each under its own heading
    judged: bool  # some goal has an outcome
    plans: tuple[Plan, ...]
    filters: tuple[views.LedgerFilter, ...]
    rows: tuple[LedgerRow, ...]
    rules: tuple[tuple[str, str], ...]  # (rule id, what it says), in the order they are tried


def ledger_context(page: PageSpec, given: Given) -> LedgerContext:
    site, _ = given.site, given.gettexts[page.lang]
    counts = views.ledger_counts(site)
    return LedgerContext(
        places=tuple(LedgerPlace(place, views.place_title(place), tuple(c for c in counts if c.report in reports),
                                 tuple(charts.render_chart("ledger", page.lang, r, _, chart_id=f"chart-ledger-{r.id}")
                                       for r in reports))
                     for place, reports in site.places),
        by_place=len(site.places) > 1, judged=bool(counts), plans=site.plans,
        filters=ledger_filters_of(site),
        rows=ledger_rows(site, views.judged_goals(site), page.lang),
        rules=tuple((rule, _(text)) for rule, text in ledger.RULES.items()))


@dataclass(frozen=True)
class LedgerFilterContext:
    """The ledger's goals of one status, topic or report: that filter, all the filters, and its goals' rows."""

    current: views.LedgerFilter
    filters: tuple[views.LedgerFilter, ...]
    rows: tuple[LedgerRow, ...]


def ledger_filter_context(page: PageSpec, given: Given) -> LedgerFilterContext:
    return LedgerFilterContext(page.obj, ledger_filters_of(given.site),
                               ledger_rows(given.site, page.obj.goals, page.lang))


def ledger_filters_of(site: Site) -> tuple[views.LedgerFilter, ...]:
    """views.ledger_filters, worked out once for the ledger and its many filter pages."""
    return remembered(site, ("ledger filters",), lambda: tuple(views.ledger_filters(site)))


@dataclass(frozen=True)
class VerdictContext:
    """A goal's verdict card: the goal, the report that set it and the later one that says what became of it,
    the paragraph that set it, the corrections that touched its figure, what the rule that decided says, the
    indicator's chart across every report (empty when there is nothing to draw) and its every figure, the line
    to quote in the page's language and in the other, and the card's citations (as a work of the later report)."""

    target: Target
    earlier: Report
    later: Report
    paragraph: Paragraph
    corrections: tuple[Correction, ...]
    rule: str
    indicator_chart: Markup
    path: tuple[tuple[Figure, Report], ...]  # every figure of its indicator in the site's reports, by period
    quotes: tuple[str, str]
    citations: tuple[tuple[Citation, str], ...]


def verdict_context(page: PageSpec, given: Given) -> VerdictContext:
    site, t, lang = given.site, page.obj, page.lang
    _, earlier, later = given.gettexts[lang], site.report[t.report_id], later_report(site, t)
    return VerdictContext(
        target=t, earlier=earlier, later=later, paragraph=earlier.index.paragraphs[t.figure.paragraph_id],
        corrections=corrections_of(site, earlier, "figure", t.figure.id), rule=_(ledger.RULES[t.verdict.rule]),
        indicator_chart=charts.history_chart(verdicts.history(site, t), site.report, lang, _, "chart-history"),
        path=tuple((f, site.report[f.report_id]) for f in verdicts.indicator_path(site, t)),
        quotes=tuple(verdicts.quotable(site, t, lg, given.gettexts[lg]) for lg in (lang, other_lang(lang))),
        citations=citations_of(page, given, later, t.figure.label[lang], t.id))


@dataclass(frozen=True)
class ComparedPlace:
    """One place's main indicators year by year: its name, its table (a pair of columns for each of its reports, a
    row for each indicator) and a chart of each indicator that two of its reports or more set a goal for."""

    title: Bi  # its name with its level
    table: views.PlaceComparison
    indicator_charts: tuple[Markup, ...]


@dataclass(frozen=True)
class CompareContext:
    """The main indicators year by year, place by place (under the place's name when the site has several):
    two places' goals never share a row or a column."""

    places: tuple[ComparedPlace, ...]
    by_place: bool  # the site holds several places: each under its own heading, its columns named by report


def compare_context(page: PageSpec, given: Given) -> CompareContext:
    site, _ = given.site, given.gettexts[page.lang]
    out, n = [], 0
    for table in views.compare_main_indicators(site):
        charted = []
        for row in table.rows:
            n += 1  # rows numbered across places: a chart's id is unique on the page
            goals = [t for t in row.cells if t]
            if len(goals) > 1:
                charted.append(charts.history_chart(goals, site.report, page.lang, _, f"chart-compare-{n}"))
        out.append(ComparedPlace(views.place_title(table.place), table, tuple(charted)))
    return CompareContext(tuple(out), by_place=len(out) > 1)


@dataclass(frozen=True)
class PlanGoal:
    """A goal a plan's report set for the period: the goal, the later report on it (None: none yet), every
    figure of its indicator in the site's reports, by period, and its chart across the reports."""

    target: Target
    later: Report | None
    path: tuple[tuple[Figure, Report], ...]
    chart: Markup


@dataclass(frozen=True)
class PlanContext:
    """A plan period's page: the plan, the report that set its goals and the one that reviews it (None: none
    yet), how its judged goals fared (status, number, in the ledger's order), and each goal with its path."""

    plan: Plan
    set_by: Report
    reviewed_by: Report | None
    counts: tuple[tuple[str, int], ...]
    goals: tuple[PlanGoal, ...]


def plan_context(page: PageSpec, given: Given) -> PlanContext:
    site, plan, _ = given.site, page.obj, given.gettexts[page.lang]
    targets = verdicts.plan_goals(site, plan)
    judged = [t for t in targets if t.verdict]
    return PlanContext(
        plan=plan, set_by=site.report[plan.report_id],
        reviewed_by=site.report[plan.reviewed_by] if plan.reviewed_by else None,
        counts=tuple((s, n) for s in ledger.STATUSES if (n := sum(t.verdict.status == s for t in judged))),
        goals=tuple(PlanGoal(t, later_report(site, t) if t.outcome else None,
                             tuple((f, site.report[f.report_id]) for f in verdicts.indicator_path(site, t)),
                             charts.history_chart(verdicts.history(site, t), site.report, page.lang, _, f"chart-{t.id}"))
                    for t in targets))


Place = tuple[str, str, str, Bi]  # a page a term appears on: (kind, page id, first paragraph there, title)
GlossaryEntry = tuple[Term, tuple[tuple[Report, tuple[Place, ...]], ...]]  # a term, and its places in each report


def term_places(term: Term, report: Report) -> list[Place]:
    """The pages of a report where a term appears, once each."""
    places: dict[tuple[str, str], Place] = {}
    for pid in term.used_in(report.id):
        kind, owner, title = report.index.home_of(pid)
        places.setdefault((kind, owner), (kind, owner, pid, title))
    return list(places.values())


def glossary_entries(site: Site, report: Report | None) -> tuple[GlossaryEntry, ...]:
    """Each term of the glossary (of one report's text, or of the whole site) with the pages it appears on."""
    return tuple((term, tuple((r, tuple(term_places(term, r))) for r in site.reports
                              if term.used_in(r.id) and (report is None or r.id == report.id)))
                 for term in site.terms if report is None or term.used_in(report.id))


def index_key(term: Term, lang: str) -> str:
    """What a term is filed under in a language's A–Z: its pinyin without tone marks (Chinese), its English."""
    text = term.pinyin if lang == "zh" else term.en
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return plain.casefold().lstrip("\"'“‘(（")


def initial(key: str) -> str:
    """The letter of the A–Z a key comes under; '#' for a key that starts with no letter (a digit)."""
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


@dataclass(frozen=True)
class GlossaryContext:
    """The glossary: every term, with the pages of each report it appears on, in an A–Z of the page's language
    (pinyin on the Chinese page, English on the English page): (letter, its entries), letters in order."""

    letters: tuple[tuple[str, tuple[GlossaryEntry, ...]], ...]


def glossary_context(page: PageSpec, given: Given) -> GlossaryContext:
    entries = sorted(glossary_entries(given.site, None), key=lambda e: (index_key(e[0], page.lang), e[0].id))
    letters: dict[str, list[GlossaryEntry]] = {}
    for entry in entries:
        letters.setdefault(initial(index_key(entry[0], page.lang)), []).append(entry)
    return GlossaryContext(tuple((letter, tuple(group)) for letter, group in letters.items()))


@dataclass(frozen=True)
class Imprint:
    """Who made an edition and when: the site's name and licence, the edition's date, the data's version and
    the site's address (with a base URL). The downloads page, the one-file edition, the README and the
    printed editions state it."""

    site_name: Bi
    licence: Bi
    edition: dt.date
    data_version: str  # the data's whole content hash
    online: str | None  # the site's address; None without a base URL

    @property
    def short_version(self) -> str:
        """The data version where it is printed for a reader (covers, footers): its first 12 characters, enough to
        tell two editions apart (the bundle's summary and README give the same)."""
        return self.data_version[:12]


def imprint(site: Site) -> Imprint:
    return Imprint(site.name, site.licence, site.last_updated, site.data_hash, site.absolute(""))


@dataclass(frozen=True)
class DownloadsContext:
    """The site's downloads page: its reports, the bundle's files (when this output links them), and the
    licence, edition and data version to cite."""

    reports: tuple[Report, ...]
    bundle: Mapping[str, str]
    imprint: Imprint


def downloads_context(page: PageSpec, given: Given) -> DownloadsContext:
    return DownloadsContext(given.site.reports, given.bundle, imprint(given.site))


@dataclass(frozen=True)
class CorrectionsContext:
    """The corrections log, newest first: each correction with the pages it touched (report, kind, id, title),
    and where readers report an error."""

    corrections: tuple[tuple[Correction, tuple[tuple[Report, str, str, Bi], ...]], ...]
    report_errors: str | None


def corrections_context(page: PageSpec, given: Given) -> CorrectionsContext:
    site = given.site

    def touched(c: Correction) -> tuple[tuple[Report, str, str, Bi], ...]:
        return tuple((site.report[rid], kind, ident, _item_title(site.report[rid], kind, ident))
                     for rid, kind, ident in c.affects)

    return CorrectionsContext(tuple((c, touched(c)) for c in site.corrections), site.report_errors)


def _item_title(report: Report, kind: str, ident: str) -> Bi:
    """The title of a report's figure, section or part."""
    index = report.index
    return index.figures[ident].label if kind == "figure" else index.sections[ident].title if kind == "section" \
        else index.parts[ident].title


@dataclass(frozen=True)
class ProseContext:
    """A prose page of content/ (its Markdown in both languages)."""

    content: Page


def prose_context(page: PageSpec, given: Given) -> ProseContext:
    return ProseContext(page.obj)


@dataclass(frozen=True)
class SearchContext:
    """The search page: what its script reads first (the index's root, search.py), and the choices of its
    filters: the reports, and the kinds of entry."""

    root: dict
    reports: tuple[Report, ...]
    entry_kinds: tuple[str, ...]  # search.KINDS that the index has
    hint: str  # examples for its box (search_hint)


def search_context(page: PageSpec, given: Given) -> SearchContext:
    index = given.search_index(page.lang)
    return SearchContext(index.root, given.site.reports, index.kinds,
                         search_hint(given.site, page.lang, given.gettexts[page.lang]))


def search_hint(site: Site, lang: str, _) -> str:
    """Examples for the search box from the data: the first main goal of the newest report, in both languages."""
    label = search_example(site)
    if label is None:
        return _("Search the reports")
    return _("e.g. %(example)s, %(example_zh)s") % {"example": label[lang], "example_zh": label.zh}


@dataclass(frozen=True)
class NotFoundContext:
    """The page a host serves for any missing address, at any depth: where its links start from."""

    root: str  # the site's address, or the domain's root without a base URL (a site under a path needs one)


def not_found_context(page: PageSpec, given: Given) -> NotFoundContext:
    return NotFoundContext(given.site.absolute("") or "/")


@dataclass(frozen=True)
class RedirectContext:
    """A page that moved (redirect.html, at its old address): the site's name for its title, and the absolute
    address of the page now (None without a base URL)."""

    site_name: Bi
    canonical: str | None


def redirect_context(page: PageSpec, given: Given) -> RedirectContext:
    return RedirectContext(given.site.name, given.site.absolute(page.moved_to.url))


# ---- What each kind's page reads of the data (reads.py) ---------------------------------------
# Besides these, a framed page reads what its frame shows (the site's settings, its report's navigation).
# A part left out here leaves the page stale after an edit of that part: tests/test_incremental.py edits each.


def reads_all(page: PageSpec) -> tuple[str, ...]:
    return (ALL,)


def reads_site(page: PageSpec) -> tuple[str, ...]:
    return ("site",)


def reads_report(page: PageSpec) -> tuple[str, ...]:
    """A report's own pages that show the whole report (its home, goals, figures, text, downloads): its goals
    with their baselines and verdicts are the report's."""
    return (f"report:{page.report.id}", "glossary", "corrections")


def reads_part(page: PageSpec) -> tuple[str, ...]:
    """A part, and where it reviews an earlier report's year, what became of that report's goals (their verdicts
    by this report's figures)."""
    reviews = page.obj.reviews
    return reads_report(page) + ((f"targets:{reviews}",) if reviews else ())


def reads_section(page: PageSpec) -> tuple[str, ...]:
    r, section = page.report.id, page.obj.id
    return (f"outline:{r}", f"section:{r}:{section}", f"goals:{r}:{section}", "glossary", "corrections")


def reads_figure(page: PageSpec) -> tuple[str, ...]:
    """A figure's section's title and figures, its paragraph (not the rest of the section's text), its series in the
    report, the section's goals; where a later report judged a goal of it, that goal's path across every report
    (the history chart in the margin)."""
    r, figure = page.report.id, page.obj
    judged = any(t.verdict for t in page.report.index.targets_for_figure(figure.id))
    return (f"figures:{r}:{figure.section_id}", f"paragraph:{r}:{figure.paragraph_id}",
            f"indicator:{r}:{figure.indicator}", f"goals:{r}:{figure.section_id}",
            "glossary", "corrections") + ((f"indicator:*:{figure.indicator}",) if judged else ())


def reads_verdict(page: PageSpec) -> tuple[str, ...]:
    """The goal (its figure's quote, its outcome and verdict), its indicator across the reports; of its paragraph
    only where it stands (the goal's figure says)."""
    t = page.obj
    return (f"target:{t.id}", f"indicator:*:{t.figure.indicator}", "glossary", "corrections")


def reads_ledger(page: PageSpec) -> tuple[str, ...]:
    return ("targets",)


def reads_ledger_filter(page: PageSpec) -> tuple[str, ...]:
    """Its goals, and every filter's title and goals (the links to them show how many each has)."""
    return ("ledger-filters", *(f"target:{t.id}" for t in page.obj.goals))


def item_reads(page: PageSpec) -> tuple[str, ...]:
    """What a page's title and description come from: its item (a redirect page shows its page's title)."""
    if page.report is None:
        return ()
    r, obj = page.report.id, page.obj
    if isinstance(obj, Section):
        return (f"section:{r}:{obj.id}",)
    if isinstance(obj, Figure):
        return (f"figures:{r}:{obj.section_id}",)
    return (f"nav:{r}",)


KINDS: tuple[PageKind, ...] = (
    PageKind("home", "{lang}/", "home.html", nav_title=N_("Home"), nav=1, passing=True, context=home_context, cost=4,
             reads=reads_all),
    PageKind("report", "{lang}/{report}/", "report.html", scope="report", nav=1, nav_title=N_("Overview"),
             site_nav=2, passing=True, context=report_context, cost=3, reads=reads_report),
    PageKind("part", "{lang}/{report}/parts/{ident}/", "part.html", scope="report", nav=2,
             items=attrgetter("parts"), nav_items=lambda r: (p for p in r.parts if p.number),
             item_description=attrgetter("summary"), moved_from="{lang}/parts/{ident}/", context=part_context, reads=reads_part),
    PageKind("section", "{lang}/{report}/sections/{ident}/", "section.html", scope="report",
             items=attrgetter("sections"), item_description=attrgetter("explainer"),
             moved_from="{lang}/sections/{ident}/", context=section_context, cost=2, reads=reads_section),
    PageKind("targets", "{lang}/{report}/targets/", "targets.html", N_("Goals"), scope="report", nav=3,
             moved_from="{lang}/targets/", context=targets_context, cost=8, reads=reads_report),
    PageKind("figures", "{lang}/{report}/figures/", "figures.html", N_("Figures"), scope="report", nav=4,
             moved_from="{lang}/figures/", context=figures_context, cost=6, reads=reads_report),
    PageKind("figure", "{lang}/{report}/figures/{ident}/", "figure.html", scope="report",
             items=attrgetter("figures"), item_title=attrgetter("label"), moved_from="{lang}/figures/{ident}/",
             context=figure_context, reads=reads_figure),
    PageKind("text", "{lang}/{report}/text/", "text.html", N_("About the text"), scope="report", nav=5,
             context=text_context, reads=reads_report),
    PageKind("report-downloads", "{lang}/{report}/downloads/", "report-downloads.html", N_("Downloads"),
             scope="report", nav=6, context=report_downloads_context, reads=reads_report),
    PageKind("ledger", "{lang}/ledger/", "ledger.html", N_("Promise ledger"), nav=3, context=ledger_context, cost=40,
             reads=reads_ledger),  # its rows once per language in a process (render.Once), which its filters then reuse
    PageKind("verdict", "{lang}/ledger/{ident}/", "verdict.html",  # one card per judged goal
             items=lambda site: [t for t in site.targets if t.verdict], item_title=lambda t: t.figure.label,
             context=verdict_context, reads=reads_verdict),
    PageKind("ledger-filter", "{lang}/ledger/by/{ident}/", "ledger-filter.html",  # the ledger, filtered without JS
             items=views.ledger_filters, item_title=attrgetter("title"), passing=True, context=ledger_filter_context,
             cost=2, reads=reads_ledger_filter),
    PageKind("compare", "{lang}/compare/", "compare.html", N_("Main indicators, year by year"),
             nav_title=N_("Comparison"), nav=4, context=compare_context, cost=4, reads=reads_all),
    PageKind("plan", "{lang}/plans/{ident}/", "plan.html",  # a plan period's goals, each with its whole path
             items=attrgetter("plans"), context=plan_context, cost=4, reads=reads_all),
    PageKind("glossary", "{lang}/glossary/", "glossary.html", N_("Glossary"), nav=5, context=glossary_context, cost=13,
             reads=reads_all),
    PageKind("downloads", "{lang}/downloads/", "downloads.html", N_("Downloads"), nav=6, context=downloads_context, reads=reads_all),
    PageKind("corrections", "{lang}/corrections/", "corrections.html", N_("Corrections"),
             context=corrections_context, reads=reads_all),
    # the search page names the index's pieces by their content: any edit of the data may rename them
    PageKind("search", "{lang}/search/", "search.html", N_("Search"), context=search_context, reads=reads_all),
    PageKind("page", "{lang}/{ident}/", "page.html", nav=7,  # a prose page of content/ (home.md: the home's intro)
             items=lambda site: (p for p in site.pages if p.slug != "home"), context=prose_context, reads=reads_site),
    PageKind("chooser", "", "chooser.html", per_lang=False, context=chooser_context, reads=reads_site),
    PageKind("not-found", "404.html", "404.html", per_lang=False, sitemap=False, policy=NOT_FOUND_POLICY,
             framed=False, context=not_found_context, reads=reads_site),
)
KIND = {k.name: k for k in KINDS}
REDIRECT_TEMPLATE = "redirect.html"
SITE_LANG = "en"  # pages for the whole site (the chooser, 404) are rendered with this language's catalog


@lru_cache(maxsize=16384)  # pure, and asked for every link
def page_url(kind: str, lang: str | None = None, ident: str | None = None, report: str | None = None) -> str:
    """The site-relative URL of a page: page_url("section", "en", "plan-1-innovation", "taiyuan-2021")."""
    return KIND[kind].url.format(lang=lang, ident=ident, report=report)


def plan_pages(site: Site, translate: Callable[[str], Bi]) -> list[PageSpec]:
    """Every HTML page of the site in a stable order: each language's site and report pages, the site's
    own pages (chooser, 404), then the redirect pages at the addresses the unprefixed report left."""
    specs: list[PageSpec] = []
    for lang in LANGS:
        for kind in (k for k in KINDS if k.per_lang):
            for report in (site.reports if kind.scope == "report" else (None,)):
                specs.extend(_pages_of(kind, lang, site, report, translate))
    for kind in (k for k in KINDS if not k.per_lang):
        specs.extend(_pages_of(kind, SITE_LANG, site, None, translate))
    moved = site.report.get(site.unprefixed_report or "")
    if moved is not None:
        specs.extend(replace_spec(s) for s in list(specs) if s.report is moved and s.kind.moved_from)
    return specs


def replace_spec(spec: PageSpec) -> PageSpec:
    """A redirect page at the old address of a page."""
    return PageSpec(spec.kind, spec.lang, spec.title, spec.ident, spec.obj, spec.description, spec.report, spec)


def _pages_of(kind: PageKind, lang: str, site: Site, report: Report | None, translate) -> list[PageSpec]:
    owner = report if kind.scope == "report" else site
    if kind.items is None:
        title = translate(kind.title) if kind.title else (report.label if report else site.name)
        return [PageSpec(kind, lang, title, report=report)]  # its description: meta.py says what it holds
    return [PageSpec(kind, lang, _title(kind.item_title(item), translate), _ident(item), item,
                     kind.item_description(item), report) for item in kind.items(owner)]


def _title(title: Bi | str, translate: Callable[[str], Bi]) -> Bi:
    """An item's title: its own words, or a UI string of the catalog (a status's name)."""
    return translate(title) if isinstance(title, str) else title


def _ident(item: object) -> str:
    return getattr(item, "id", None) or item.slug


def navigation(owner: Site | Report) -> list[tuple[PageKind, object]]:
    """A navigation in order, the site's (owner: the site) or a report's: (kind, item) pairs; the item is
    None for a kind's one page, a report for a report's home in the site's navigation."""
    scope = "site" if isinstance(owner, Site) else "report"
    places = [(k.nav, k) for k in KINDS if k.nav and k.scope == scope]
    if scope == "site":
        places += [(k.site_nav, k) for k in KINDS if k.site_nav]
    entries: list[tuple[PageKind, object]] = []
    for _, kind in sorted(places, key=lambda p: p[0]):
        if kind.scope != scope:
            entries.extend((kind, report) for report in owner.reports)
            continue
        listed = kind.nav_items or kind.items
        entries.extend((kind, item) for item in listed(owner)) if listed else entries.append((kind, None))
    return entries


def passing_pages(site: Site) -> set[str]:
    """The paths (under dist/) of the pages that show other pages' items in passing (PageKind.passing)."""
    from .links import dest

    out = set()
    for kind in (k for k in KINDS if k.passing):
        for owner in (site.reports if kind.scope == "report" else (site,)):
            report = owner.id if kind.scope == "report" else None
            idents = [_ident(item) for item in kind.items(owner)] if kind.items else [None]
            out |= {dest(page_url(kind.name, lang, ident, report)) for lang in LANGS for ident in idents}
    return out
