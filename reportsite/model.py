"""The typed model of a report and its site: frozen dataclasses, built by validate.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Bi:
    """A string in both languages."""

    zh: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Correction:
    """An editorial correction of a defective source line, shown marked as ours."""

    zh: str
    note: Bi


@dataclass(frozen=True)
class Paragraph:
    id: str
    zh: str  # verbatim source line
    en: str  # Markdown (inline); glossary links as [words](term:id)
    lead: Bi | None = None
    heading: bool = False
    correction: Correction | None = None
    section_id: str = ""


@dataclass(frozen=True)
class Range:
    low: float
    high: float


@dataclass(frozen=True)
class Figure:
    id: str
    paragraph_id: str
    section_id: str
    quote_zh: str
    quote_en: str
    label: Bi
    value: float | Range
    unit: str
    measure_zh: str | None
    scale: str | None
    as_printed: str | None
    qualifiers: tuple[str, ...]
    period: str
    kind: str
    topic: str
    note: Bi | None = None

    @property
    def end_year(self) -> int:
        return int(self.period[-4:])


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


@dataclass(frozen=True)
class Term:
    id: str
    zh: str
    pinyin: str
    en: str
    match_zh: tuple[str, ...]
    explanation: Bi
    paragraph_ids: tuple[str, ...] = ()  # where it appears, found by the build


@dataclass(frozen=True)
class Derivation:
    """A number the build computed from two figures; format.py says how, in words."""

    name: str  # change | growth-needed | growth-achieved
    value: float | Range
    unit: str  # "pp" (percentage points), "percent" (a growth rate) or the figures' unit
    start: "Figure"
    end: "Figure"
    years: int


@dataclass(frozen=True)
class Target:
    id: str
    group: str  # annual | five-year | task
    figure: Figure
    baselines: tuple[Figure, ...]
    derived: tuple[Derivation, ...] = ()
    growth: bool = True  # a compound growth rate makes sense (a stock, not a count of events or titles)


@dataclass(frozen=True)
class Page:
    """A Markdown prose page from content/<lang>/<slug>.md."""

    slug: str
    title: Bi
    body_md: Bi


@dataclass(frozen=True)
class Report:
    id: str
    title: Bi
    year: int
    date: dt.date
    last_updated: dt.date
    issuer: Bi
    speaker: Bi
    speaker_role: Bi
    occasion: Bi
    place: Bi
    site_name: Bi
    site_url: str
    source_url: str | None
    licence: Bi
    topics: dict[str, Bi]
    parts: tuple[Part, ...]
    targets: tuple[Target, ...]
    terms: tuple[Term, ...]
    source_text: str
    pages: tuple[Page, ...] = ()
    data_hash: str = ""

    @cached_property
    def index(self) -> "ReportIndex":
        """Indexes built once, so that no page has to search the whole report."""
        return ReportIndex.of(self.parts, self.terms, self.targets)

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for p in self.parts for s in p.sections)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in self.sections for f in s.figures)

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every line of the source in order: part headings, section headings, paragraphs."""
        return paragraphs_in_order(self.parts)


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
    terms: dict[str, Term]
    section_order: tuple[Section, ...]
    _position: dict[str, int]
    _targets_by_figure: dict[str, tuple[Target, ...]]
    _targets_by_section: dict[str, tuple[Target, ...]]

    @classmethod
    def of(cls, parts: tuple[Part, ...], terms: tuple[Term, ...], targets: tuple[Target, ...]) -> "ReportIndex":
        sections = tuple(s for p in parts for s in p.sections)
        by_figure: dict[str, list[Target]] = {}
        by_section: dict[str, list[Target]] = {}
        for t in targets:
            by_figure.setdefault(t.figure.id, []).append(t)
            by_section.setdefault(t.figure.section_id, []).append(t)
        return cls(
            parts={p.id: p for p in parts}, sections={s.id: s for s in sections},
            paragraphs={q.id: q for q in paragraphs_in_order(parts)},
            figures={f.id: f for s in sections for f in s.figures}, terms={t.id: t for t in terms},
            section_order=sections, _position={s.id: i for i, s in enumerate(sections)},
            _targets_by_figure={k: tuple(v) for k, v in by_figure.items()},
            _targets_by_section={k: tuple(v) for k, v in by_section.items()},
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
