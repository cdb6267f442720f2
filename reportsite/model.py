"""The typed model of a site and its reports: frozen dataclasses, built by validate.py."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache


@dataclass(frozen=True)
class Bi:
    """A string in both languages."""

    zh: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Emendation:
    """An editorial correction of a defective source line, shown marked as ours."""

    zh: str
    note: Bi


BOLD = "**"  # marks the bold sentences of the printed report, in zh as in the official copy and in en


@dataclass(frozen=True)
class Paragraph:
    id: str
    zh: str  # the verbatim official line; **…** marks its bold sentences
    en: str  # Markdown (inline); glossary links as [words](term:id), bold sentences as **…**
    heading: bool = False
    emendation: Emendation | None = None
    section_id: str = ""
    aliases: tuple[str, ...] = ()  # ids this paragraph had before (merged paragraphs): their anchors stay

    @property
    def plain_zh(self) -> str:
        """The Chinese without bold marks: what quotes are checked against and terms are found in."""
        return self.zh.replace(BOLD, "")

    def zh_runs(self) -> list[tuple[str, bool]]:
        """The Chinese as (text, bold) runs, in order."""
        return [(text, i % 2 == 1) for i, text in enumerate(self.zh.split(BOLD)) if text]


@dataclass(frozen=True)
class Range:
    low: float
    high: float


@dataclass(frozen=True)
class Unit:
    """How a kind of quantity is written (see units.yaml): the words after the number and its style."""

    id: str
    zh: str  # the word after the number in Chinese ("" for none; a count takes its figure's measure word)
    en: str  # the word after the number in English, or the currency code before it
    style: str  # see vocab.UNIT_STYLES
    growth: bool  # a compound growth rate between two values means something
    description: str = ""
    en_one: str = ""  # the English word after exactly 1, where it differs (1 day, 2 days)
    better: str = "up"  # the vocabulary's direction: up (more is better) or down (less is better)

    @property
    def is_rate(self) -> bool:
        """Changes between two values are differences in points, not growth."""
        return self.style in ("percent", "points")

    @property
    def first_is_best(self) -> bool:
        """A place counted from the best (第3位, 50强, Ⅲ类): less is better, and 以上 means "or better"."""
        return self.style in FIRST_IS_BEST

    @property
    def direction(self) -> str:
        """up: more is better; down: less is better (a rank, a grade, or a unit the vocabulary says so of)."""
        return "down" if self.first_is_best else self.better


FIRST_IS_BEST = ("rank", "top", "grade")  # unit styles whose first place is the best


@dataclass(frozen=True)
class Qualifier:
    """How the report hedges a number (以上 "more than", 力争 "striving for" …); see vocab.yaml."""

    id: str
    zh: str
    en: str
    position: str  # where the Chinese word goes: before the number, after it, or inside (2000余名)
    quote_has: tuple[str, ...]  # a figure with this qualifier must quote one of these words
    down: Bi | None = None  # the words for an indicator where less is better, where they differ (a record low)
    description: str = ""

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    def words(self, lang: str, direction: str = "up") -> str:
        """The words shown with a value of an indicator going that way: a record high, or a record low."""
        return self.down[lang] if direction == "down" and self.down else self[lang]


PERIOD = re.compile(r"^(\d{4})(?:-(\d{4})|-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?(?:/(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?)?$")


def period_months(text: str) -> tuple[int, int] | None:
    """A period as (first month, last month), months counted from year 0; None if it is not a period.

    "2021", "2016-2020" (years), "2021-H2" (a half-year), "2021-Q3" (a quarter), "2021-06" (a month),
    and spans of those: "2019-Q1/2021-Q4"."""
    m = PERIOD.match(text)
    if not m or (m.group(2) and (m.group(3) or m.group(4))):
        return None
    start = _part_months(int(m.group(1)), m.group(3))
    if m.group(2):
        end = _part_months(int(m.group(2)), None)
    elif m.group(4):
        end = _part_months(int(m.group(4)), m.group(5))
    else:
        end = start
    return (start[0], end[1]) if start[0] <= end[1] else None


def _part_months(year: int, part: str | None) -> tuple[int, int]:
    base = year * 12
    if part is None:
        return base, base + 11
    if part[0] == "H":
        return base + 6 * (int(part[1]) - 1), base + 6 * int(part[1]) - 1
    if part[0] == "Q":
        return base + 3 * (int(part[1]) - 1), base + 3 * int(part[1]) - 1
    return base + int(part) - 1, base + int(part) - 1


EACH_MONTHS = {"year": 12, "half": 6, "quarter": 3, "month": 1}  # a figure's `each`: the length of one period of a run


@dataclass(frozen=True)
class Relative:
    """A level set by another figure of the report rather than by a number: 与经济增长基本同步 (in step with
    GDP growth), 高于经济增长 (above it). The ledger compares the outcome with that figure's outcome."""

    relation: str  # a key of vocab.RELATIONS: in-step | above | below
    figure: "Figure"  # the figure whose level it follows, in the same section


@dataclass(frozen=True)
class Figure:
    id: str
    report_id: str
    paragraph_id: str
    section_id: str
    quote_zh: str
    quote_en: str
    label: Bi
    value: float | Range | Relative
    unit: Unit
    measure_zh: str | None
    scale: str | None
    as_printed: str | None
    qualifiers: tuple[Qualifier, ...]
    period: str | None  # None: the report gives no date for it
    kind: str
    topic: str
    note: Bi | None = None
    average: bool = False  # an average a year over its period ("年均增长6.6%"), not one year's value
    since: str | None = None  # a period: the value is counted from it, a change (同比增加17天) or a multiple (比2015年增长3.5倍)
    each: str | None = None  # a key of EACH_MONTHS: the value held in each year (quarter …) of its period (连续两年)
    direction: str = "up"  # up: more is better; down: less is better (a pollution index, a rank)

    def __hash__(self) -> int:
        """Of its report and id alone: equal figures have them equal (== compares every field), and hashing every field
        cost more than the rest of a lookup in the caches keyed by figures (l10n.figure_value on every page)."""
        return hash((self.report_id, self.id))

    @property
    def months(self) -> tuple[int, int] | None:
        return period_months(self.period) if self.period else None

    @property
    def relative(self) -> Relative | None:
        """The figure whose level this one follows, where the report sets no number (in step with GDP growth)."""
        return self.value if isinstance(self.value, Relative) else None

    @property
    def first_is_best(self) -> bool:
        """A place counted from the best (第3位, 50强, Ⅲ类), not a change of places (前进1位)."""
        return self.unit.first_is_best and self.since is None

    @property
    def printed_values(self) -> tuple[float, ...]:
        """The numbers the quote prints for the value: both ends of a range; a fall by its size (减少17天: 17)."""
        if self.relative:
            return ()
        values = (self.value.low, self.value.high) if isinstance(self.value, Range) else (self.value,)
        return tuple(abs(v) for v in values) if self.since else values

    @property
    def run_length(self) -> int | None:
        """How many years (quarters …) a run held for: 连续12个季度 is 12; None without `each`."""
        if self.each is None or self.months is None:
            return None
        first, last = self.months
        return (last - first + 1) // EACH_MONTHS[self.each]

    @property
    def end_year(self) -> int | None:
        return self.months[1] // 12 if self.period else None

    @property
    def indicator(self) -> str:
        """The figure's id without its period: the same indicator in another year has the same stem."""
        return indicator_of(self.id)


@lru_cache(maxsize=None)
def indicator_of(figure_id: str) -> str:
    """A figure id without its period (cached: the verdict cards ask for every figure's, for every card)."""
    return PERIOD_SUFFIX.sub("", figure_id)


PERIOD_SUFFIX = re.compile(r"(-\d{4}){1,2}$")


@dataclass(frozen=True)
class NotFigure:
    """A number the report prints that is no figure's value, and why (a section's not_figures)."""

    paragraph_id: str  # the paragraph whose text holds the quote
    quote: str  # verbatim words of that paragraph, holding the number
    number: str  # the number as the quote prints it, with its scale word ("2021", "十九", "8.5万")
    reason: str  # a key of vocab.NOT_FIGURE_REASONS
    note: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    part_id: str
    title: Bi
    heading: Paragraph | None
    explainer: Bi
    paragraphs: tuple[Paragraph, ...]
    figures: tuple[Figure, ...]
    src_path: str
    not_figures: tuple[NotFigure, ...] = ()

    @property
    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        return ((self.heading,) if self.heading else ()) + self.paragraphs


@dataclass(frozen=True)
class Part:
    id: str
    number: int | None
    title: Bi
    heading: Paragraph | None
    summary: Bi
    sections: tuple[Section, ...]
    reviews: str | None = None  # the earlier report whose goals this part says the outcome of (the ledger)


@dataclass(frozen=True)
class Term:
    id: str
    zh: str
    pinyin: str
    en: str
    match_zh: tuple[str, ...]
    explanation: Bi
    reports: tuple[str, ...] = ()  # the reports whose text it is matched in (all when empty)
    uses: tuple[tuple[str, str], ...] = ()  # (report id, paragraph id) where it appears, found by the build

    def used_in(self, report_id: str) -> tuple[str, ...]:
        return tuple(pid for rid, pid in self.uses if rid == report_id)


@dataclass(frozen=True)
class Derivation:
    """A number the build computed from two figures; l10n.formula says how, in words."""

    name: str  # change | growth-needed | growth-achieved
    value: float | Range
    unit: str  # "pp" (percentage points), "percent" (a growth rate) or the figures' unit id
    start: Figure
    end: Figure
    years: int
    nominal: bool = False  # a growth rate of money amounts at current prices
    bound: Qualifier | None = None  # the goal's qualifier that bounds it: more than …, within …, around …


@dataclass(frozen=True)
class Verdict:
    """What became of a goal: the status shown, the rule's reading, and the editor's, with its reason.

    The rule's reading is always kept: where an editor sets a status, both are shown side by side."""

    status: str  # the status shown (ledger.STATUSES): the editor's where one is set, else the rule's
    rule: str  # the rule of ledger.RULES that applies, whatever the editor reads
    computed: str  # the status that rule gives
    reason: Bi | None = None  # the editor's reason, given with every status the editor sets

    @property
    def by_editor(self) -> bool:
        """An editor set the status (it may agree with the rule's)."""
        return self.reason is not None

    @property
    def overridden(self) -> bool:
        """The status shown is not the rule's."""
        return self.status != self.computed


@dataclass(frozen=True)
class Statement:
    """A later report's sentence that says, in words without a number, that a goal was done."""

    paragraph_id: str
    quote_zh: str  # verbatim in the paragraph
    quote_en: str


@dataclass(frozen=True)
class Outcome:
    """What a later report says happened: one of its figures, a sentence without a number, or nothing
    (not reported)."""

    report_id: str
    figure: Figure | None
    note: Bi | None = None
    statement: Statement | None = None


@dataclass(frozen=True)
class Target:
    id: str
    report_id: str
    group: str  # annual | five-year | task
    figure: Figure
    baselines: tuple[Figure, ...]
    derived: tuple[Derivation, ...] = ()
    growth: bool = True  # a compound growth rate makes sense (a stock, not a count of events or titles)
    direction: str = "up"  # up: more is the aim; down: a ceiling (unemployment, prices, energy use)
    outcome: Outcome | None = None
    verdict: Verdict | None = None
    no_baseline: Bi | None = None  # why the report has no comparable baseline (it gives another measure)


@dataclass(frozen=True)
class Source:
    """Where a report's text comes from."""

    url: str  # the government's own page
    title: str  # the page's title, as published
    publisher: Bi
    copied_from: Bi | None = None  # the collection our copy was taken from
    differences: Bi | None = None  # how that copy differs from the official page throughout (punctuation …)
    archived: "Capture | None" = None  # a dated capture of the page in a web archive, where one is recorded


@dataclass(frozen=True)
class Capture:
    """One dated capture of a page in a web archive (never a list of captures: a reader cites one)."""

    url: str
    date: dt.date


@dataclass(frozen=True)
class TextNote:
    """A place where the official text differs from an earlier copy the project used."""

    paragraph_id: str
    earlier: str
    official: str
    note: Bi


@dataclass(frozen=True)
class Page:
    """A Markdown prose page from content/<lang>/<slug>.md."""

    slug: str
    title: Bi
    body_md: Bi


@dataclass(frozen=True)
class Correction:
    """An entry of the corrections log: when, what changed, why, and the pages it touched."""

    id: str  # its anchor on the corrections page: correction-<date>, -2, -3 … for more on one day
    date: dt.date
    what: Bi
    why: Bi
    affects: tuple[tuple[str, str, str], ...]  # (report id, page kind, item id)


@dataclass(frozen=True)
class Place(Bi):
    """The place a report is of: its name in both languages (太原 / Taiyuan) and its level. Reports of one place
    name it alike (validate.py checks), so its id groups them: the ledger, the comparison and the home."""

    level: str  # township, county, city, province or nation (vocab.PLACE_LEVELS)

    @property
    def id(self) -> str:
        """taiyuan-city, shanxi-province: two places may share a name (吉林, a city and a province), not a level."""
        return "-".join(re.findall(r"[a-z0-9]+", self.en.lower()) + [self.level])


@dataclass(frozen=True)
class Report:
    id: str
    title: Bi
    year: int
    date: dt.date
    issuer: Bi
    speaker: Bi
    speaker_role: Bi
    occasion: Bi
    place: Place
    source: Source
    parts: tuple[Part, ...]
    source_text: str
    text_notes: tuple[TextNote, ...] = ()
    targets: tuple[Target, ...] = ()
    partial: Bi | None = None  # declared: the data holds only some lines of the text, and this says which

    @cached_property
    def source_line(self) -> dict[str, int]:
        """Each paragraph's line in the source text (1-based), the lines of a partial report that the data
        leaves out counted."""
        lines, found, at = source_lines(self.source_text), {}, 0
        for p in self.paragraphs():
            while at < len(lines) and lines[at] != p.zh:
                at += 1
            found[p.id] = at + 1
            at += 1
        return found

    @cached_property
    def index(self) -> "ReportIndex":
        """Indexes built once, so that no page has to search the whole report."""
        return ReportIndex.of(self.parts, self.targets)

    @property
    def label(self) -> Bi:
        """A short name: the place and the year (太原2021年 / Taiyuan 2021)."""
        return Bi(f"{self.place.zh}{self.year}年", f"{self.place.en} {self.year}")

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.index.section_order

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(self.index.figures.values())

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every line of the source in order: part headings, section headings, paragraphs."""
        return paragraphs_in_order(self.parts)


@dataclass(frozen=True)
class Plan:
    """A plan period whose goals one report set and a later report reviews as a whole (a five-year plan):
    its own page shows every goal's path through the reports and the final reading."""

    id: str
    title: Bi
    period: str  # 2021-2025
    report_id: str  # the report that set the plan's goals (its five-year goals due within the period)
    reviewed_by: str | None  # the report that reviews the whole period, once there is one
    review: Statement | None = None  # that report's own words on the period as a whole, where it has some


@dataclass(frozen=True)
class Site:
    """Everything the build publishes: the reports, the shared glossary and goals, the site's settings."""

    name: Bi
    url: str | None  # the base URL, ending in /; None: no absolute addresses anywhere
    licence: Bi
    last_updated: dt.date
    report_errors: str | None  # where readers report an error (a mailto: or an issue tracker)
    topics: dict[str, Bi]
    reports: tuple[Report, ...]
    terms: tuple[Term, ...]
    corrections: tuple[Correction, ...] = ()
    pages: tuple[Page, ...] = ()
    data_hash: str = ""
    unprefixed_report: str | None = None  # its pages were published before reports had their own addresses
    short_name: Bi | None = None  # the name in the header of a phone (the name when not set)
    units: dict[str, Unit] = field(default_factory=dict)
    plans: tuple[Plan, ...] = ()

    @cached_property
    def report(self) -> dict[str, Report]:
        return {r.id: r for r in self.reports}

    @cached_property
    def term(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(t for r in self.reports for t in r.targets)

    @cached_property
    def places(self) -> tuple[tuple[Place, tuple[Report, ...]], ...]:
        """Each place and its reports, in the order site.yaml first names them: what the home, the ledger, the
        comparison and the search group by."""
        found: dict[str, tuple[Place, list[Report]]] = {}
        for r in self.reports:
            found.setdefault(r.place.id, (r.place, []))[1].append(r)
        return tuple((place, tuple(reports)) for place, reports in found.values())

    def absolute(self, url: str) -> str | None:
        """A site-relative URL made absolute, or None when the site has no base URL."""
        return self.url + url if self.url else None


def source_lines(source: str) -> list[str]:
    """The lines of a report's official text; blank lines at its end are not lines of the text."""
    lines = source.replace("\r\n", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def paragraphs_in_order(parts: tuple[Part, ...]) -> tuple[Paragraph, ...]:
    """Part heading, then each section's heading and paragraphs: the order of the source."""
    out: list[Paragraph] = []
    for part in parts:
        if part.heading:
            out.append(part.heading)
        for section in part.sections:
            out.extend(section.all_paragraphs)
    return tuple(out)


@dataclass(frozen=True)
class ReportIndex:
    """Where everything of a report is, by id: typed lookups instead of searching."""

    parts: dict[str, Part]
    sections: dict[str, Section]
    paragraphs: dict[str, Paragraph]
    figures: dict[str, Figure]
    section_order: tuple[Section, ...]
    _position: dict[str, int]
    _targets_by_figure: dict[str, tuple[Target, ...]]
    _targets_by_section: dict[str, tuple[Target, ...]]
    _series: dict[str, tuple[Figure, ...]]

    @classmethod
    def of(cls, parts: tuple[Part, ...], targets: tuple[Target, ...]) -> "ReportIndex":
        sections = tuple(s for p in parts for s in p.sections)
        figures = {f.id: f for s in sections for f in s.figures}
        by_figure: dict[str, list[Target]] = {}
        by_section: dict[str, list[Target]] = {}
        for t in targets:
            by_figure.setdefault(t.figure.id, []).append(t)
            by_section.setdefault(t.figure.section_id, []).append(t)
        series: dict[str, list[Figure]] = {}
        for f in figures.values():
            series.setdefault(f.indicator, []).append(f)
        return cls(
            parts={p.id: p for p in parts}, sections={s.id: s for s in sections},
            paragraphs={q.id: q for q in paragraphs_in_order(parts)}, figures=figures,
            section_order=sections, _position={s.id: i for i, s in enumerate(sections)},
            _targets_by_figure={k: tuple(v) for k, v in by_figure.items()},
            _targets_by_section={k: tuple(v) for k, v in by_section.items()},
            _series={k: tuple(sorted(v, key=lambda f: f.months or (0, 0))) for k, v in series.items()},
        )

    def neighbours(self, section_id: str) -> tuple[Section | None, Section | None]:
        """The sections before and after this one, in the order of the report."""
        order, i = self.section_order, self._position[section_id]
        return (order[i - 1] if i else None), (order[i + 1] if i + 1 < len(order) else None)

    def home_of(self, paragraph_id: str) -> tuple[str, str, Bi]:
        """The page a paragraph lives on: ("section", id, title), or ("part", id, title) for a part heading."""
        owner = self.paragraphs[paragraph_id].section_id
        if owner in self.sections:
            return "section", owner, self.sections[owner].title
        return "part", owner, self.parts[owner].title

    def targets_for_figure(self, figure_id: str) -> tuple[Target, ...]:
        return self._targets_by_figure.get(figure_id, ())

    def targets_for_section(self, section_id: str) -> tuple[Target, ...]:
        return self._targets_by_section.get(section_id, ())

    def series(self, figure: Figure) -> tuple[Figure, ...]:
        """Every figure of the same indicator in this report, oldest period first (the figure included)."""
        return self._series.get(figure.indicator, (figure,))
