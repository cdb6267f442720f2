"""One report's data folder -> a Report: metadata, the official text, parts, sections, paragraphs, figures.

Every read_* notes mistakes (file:line:column, what was expected, what was found) and goes on,
so that one run lists them all; validate.py reads the site around the reports.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Mark, Problems, rel
from .fields import ID_LIKENESS, Field, did_you_mean
from .load import Doc, load_yaml, read_text
from .coverage import counts, coverage, occurrences
from .model import (BOLD, EACH_MONTHS, Bi, Capture, Emendation, Figure, NotFigure, Paragraph, Part, Place,
                    Qualifier, Range, Relative, Report, Section, Source, TextNote, Unit, paragraphs_in_order,
                    period_months, source_lines)
from .numbers import WIDTH, PrintedNumber, as_decimal, chinese_value, one_number, printed_numbers
from .text import foreign_links
from .vocab import DIRECTIONS, KINDS, NOT_FIGURE_REASONS, PLACE_LEVELS, RELATIONS, RUN_WORDS, SCALES

if TYPE_CHECKING:
    from .datacache import DataCache

SOURCE_FILE = "source.zh.txt"
RUN = re.compile("连续([0-9０-９]+|[零〇一二两三四五六七八九十百]+)个?(半年|年|季度|月)")
EVERY = re.compile("每个?(半年|年|季度|月)")
RUN_UNITS = {"年": "year", "半年": "half", "季度": "quarter", "月": "month"}
BOLD_SPAN = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
REPORT_TEXTS = ("title", "issuer", "speaker", "speaker_role", "occasion")


@dataclass(frozen=True)
class Vocabulary:
    """What a figure may say, shared by every report of the site."""

    units: dict[str, Unit]
    qualifiers: dict[str, Qualifier]
    topics: dict[str, Bi]


@dataclass(frozen=True)
class ReportsRead:
    """The reports site.yaml lists, as far as they could be read. Checks across files (goals, glossary,
    corrections, reviews) ask it, and stay silent about what could not be read: that mistake is already
    listed, and the next run, with it fixed, says what else is wrong."""

    reports: dict[str, Report]  # the reports read, whole or not
    incomplete: frozenset[str]  # ids of listed reports not read whole
    all_named: bool = True  # every entry of site.yaml's reports: named a report folder
    places_agree: bool = True  # the reports of each place name it alike: which place a report is of is known

    @property
    def whole(self) -> bool:
        """Every listed report was read whole: a reference to something missing is a mistake."""
        return self.all_named and not self.incomplete

    def may_name(self, rid: str) -> bool:
        """Whether rid is a report of the site, or may be one that could not be read."""
        return rid in self.reports or rid in self.incomplete or not self.all_named

    def report_id(self, f: Field) -> str | None:
        """The id of a report of the site at f; a mistake is noted when it cannot name one."""
        rid = f.text("the id of a report of the site (site.yaml: reports)")
        if rid is not None and not self.may_name(rid):
            listed = [*self.reports, *sorted(self.incomplete.difference(self.reports))]
            f.fail(f"the id of a report of the site ({', '.join(listed)})",
                   repr(rid) + did_you_mean(rid, listed, ID_LIKENESS))
            return None
        return rid


def load_field(path: Path, root: Path, problems: Problems, kept: DataCache | None) -> Field | None:
    """A YAML file of the data as a Field, parsed again only when kept does not hold it as it is (datacache.py)."""
    doc = (kept.load_yaml if kept else load_yaml)(path, rel(path, root), problems)
    return Field.root(doc, problems) if doc else None


@dataclass(frozen=True)
class KeptReport:
    """A report as read, with what the checks across reports ask of its reader (datacache.py keeps it)."""

    report: Report
    incomplete: bool
    reviews: dict[str, object]  # part id -> its `reviews:` as written
    place: object  # report.yaml's place as written
    goals_read: str  # a hash of what the goals read of it (read_goals.what_goals_read)
    sections: tuple[str, ...] = ()  # the keys its sections are kept under (KeptSection), kept with it


@dataclass(frozen=True)
class KeptSection:
    """A section as read, with what the rest of its report's read asks of it (datacache.py keeps it): an edit to
    one section reads that section again, and takes its report's others as the last read left them."""

    section: Section
    claims: tuple[tuple[str, Mark], ...]  # the ids it claims in the report's anchor namespace, with where
    text_marks: dict[tuple[str, str], Mark]  # (paragraph id, zh|en) -> where that text is
    not_figures: tuple[tuple[str, str, str], ...]  # (paragraph id, quote, number) of each entry of not_figures


class ReportReader:
    """Reads one report folder; every read_* notes problems rather than raising."""

    def __init__(self, folder: Path, root: Path, vocabulary: Vocabulary, problems: Problems,
                 kept: DataCache | None = None):
        self.dir, self.root, self.vocab, self.problems = folder, root, vocabulary, problems
        self.kept = kept  # the files parsed by the last read (datacache.py)
        self.report_id = folder.name
        self.anchors: dict[str, Mark] = {}  # ids sharing the report's anchor namespace
        self.text_marks: dict[tuple[str, str], Mark] = {}  # (paragraph id, zh|en) -> where that text is
        # Set when a part, section, paragraph or figure could not be read: checks across files
        # (source order, references to figures) then wait for the next run rather than cascade.
        self.incomplete = False
        self.failed_paragraphs: set[str] = set()  # ids of paragraphs that could not be read
        self.reviews: dict[str, Field] = {}  # part id -> its `reviews:` field, checked against the site's reports
        self.listed: dict[str, set[str]] = {"part": set(), "section": set()}  # ids that report.yaml and parts name
        self.lists_read = True  # False when a list of parts or sections could not be read: what it names is unknown
        self.not_figure_fields: dict[tuple[str, str, str], Field] = {}  # (paragraph id, quote, number) -> its entry
        self.relations: dict[str, tuple[Field, str]] = {}  # figure id -> (its value's field, the figure it follows)
        self.place: Field | None = None  # report.yaml's place: reports of one place must name it alike
        self._vocabulary: str | None = None  # its repr, in the keys of the sections kept (section_key)
        self.section_keys: list[str] = []  # the keys of the sections read or recalled, to keep with the report

    def note_missing(self, items: list) -> tuple:
        """Keep what was read; remember if anything was not."""
        if any(item is None for item in items):
            self.incomplete = True
        return tuple(item for item in items if item is not None)

    def load(self, path: Path) -> Field | None:
        return load_field(path, self.root, self.problems, self.kept)

    def claim(self, field: Field, ident: str | None) -> str | None:
        """Register an id in the report's anchor namespace; a second use is a duplicate."""
        if ident is None:
            return None
        if ident in self.anchors:
            field.fail(f"an id used once in the report (it is already used at {self.anchors[ident]})", repr(ident))
            return None
        self.anchors[ident] = field.mark
        return ident

    def to_keep(self, report: Report) -> KeptReport:
        """The report read, to be recalled by the next read while its folder stays as it is."""
        from .cache import digest
        from .read_goals import what_goals_read

        return KeptReport(report, self.incomplete, {pid: f.value for pid, f in self.reviews.items()},
                          self.place.value if self.place else None, digest(what_goals_read(report)),
                          tuple(self.section_keys))

    def recall(self, kept: KeptReport) -> Report:
        """Stand for reading the folder again, as far as the checks across reports ask. Where they find a
        mistake, they note it at report.yaml's first line, and the read is done again without the cache
        (validate.validate_site), which says where."""
        doc = Doc(rel(self.dir / "report.yaml", self.root), None, {}, {})
        self.incomplete = kept.incomplete
        self.reviews = {pid: Field(doc, f"{pid}.reviews", value, self.problems) for pid, value in kept.reviews.items()}
        self.place = Field(doc, "place", kept.place, self.problems)
        self.text_marks = defaultdict(lambda: doc.mark(""))
        return kept.report

    # -- the report -------------------------------------------------------

    def report(self, report_id: str) -> Report | None:
        errors_before = len(self.problems.errors)
        report = self.read_report(report_id)
        if report and not self.incomplete and len(self.problems.errors) == errors_before:
            self.check_coverage(report)  # once the figures read cleanly: a wrong value is one error, not two
        return report

    def read_report(self, report_id: str) -> Report | None:
        meta = self.load(self.dir / "report.yaml")
        source = read_text(self.dir / SOURCE_FILE, rel(self.dir / SOURCE_FILE, self.root), self.problems)
        if meta is None:
            return None
        meta = meta.record(report_id)
        meta.mapping(("id", "year", "date", "place", "parts", "source") + REPORT_TEXTS,
                     ("text_notes", "partial", "draft"))
        if meta["id"].value != report_id:
            meta["id"].fail(f"the id {report_id!r} the folder is named after and site.yaml lists")
        self.lists_read &= isinstance(meta["parts"].value, list)
        parts = self.note_missing([self.read_part(f) for f in meta["parts"].items()])
        self.check_every_file_listed()
        partial = meta["partial"].bi() if meta.get("partial") else None
        if source is not None:
            self.check_source_order(parts, source, partial is not None)
        texts = {k: meta[k].bi() for k in REPORT_TEXTS}
        values = dict(year=meta["year"].integer(), date=meta["date"].date(), place=self.read_place(meta["place"]),
                      source=self.read_source(meta["source"]))
        notes = self.read_text_notes(meta.get("text_notes"), parts)
        if source is None or None in values.values() or None in texts.values():
            return None
        return Report(report_id, **texts, **values, parts=parts, source_text=source, text_notes=notes, partial=partial)

    def read_place(self, f: Field) -> Place | None:
        """The place the report is of: its name in both languages and its level (a city, a province, the nation)."""
        self.place = f
        name = f.bi(also=("level",))
        if not isinstance(f.value, dict):
            return None
        level = f["level"].value
        if not (isinstance(level, str) and level in PLACE_LEVELS):
            f["level"].fail(f"the place's level, one of {', '.join(PLACE_LEVELS)}")
            return None
        return Place(name.zh, name.en, level) if name else None

    def read_source(self, f: Field) -> Source | None:
        """Where the text comes from: the government's page (its address and title), who published it."""
        f.mapping(("url", "title", "publisher"), ("copied_from", "differences", "archived"))
        url = f["url"].draft_text("the address of the government's page with the text (https://…)")
        if url and not re.match(r"^https?://\S+$", url):
            f["url"].fail("an absolute http(s) address", repr(url))
        title, publisher = f["title"].draft_text("the page's title as published"), f["publisher"].bi()
        via = f["copied_from"].bi() if f.get("copied_from") else None
        differences = f["differences"].bi() if f.get("differences") else None
        archived = self.read_capture(f["archived"]) if f.get("archived") else None
        return Source(url, title, publisher, via, differences, archived) if None not in (url, title, publisher) else None

    def read_capture(self, f: Field) -> Capture | None:
        """A dated capture of the government's page in a web archive: its own address and its date."""
        f.mapping(("url", "date"))
        url, date = f["url"].text("the address of one capture (https://web.archive.org/web/20210302…/…)"), f["date"].date()
        if url and not re.match(r"^https://\S+$", url):
            f["url"].fail("an absolute https address of one capture", repr(url))
            return None
        return Capture(url, date) if url and date else None

    def read_text_notes(self, f: Field | None, parts: tuple[Part, ...]) -> tuple[TextNote, ...]:
        """Differences between an earlier copy and the official text, each checked against its paragraph."""
        paragraphs = {p.id: p for p in paragraphs_in_order(parts)}
        notes = []
        for n in f.items() if f else []:
            n.mapping(("paragraph", "earlier", "official", "note"))
            pid, earlier, official = n["paragraph"].text(), n["earlier"].text(), n["official"].text()
            note = n["note"].bi()
            paragraph = paragraphs.get(pid)
            if pid and paragraph is None and not self.incomplete:
                n["paragraph"].fail("the id of a paragraph of this report", repr(pid))
            elif paragraph and official and official not in paragraph.plain_zh:
                n["official"].fail(f"words of paragraph {pid} as officially published", repr(official))
            if pid and earlier and official and note:
                notes.append(TextNote(pid, earlier, official, note))
        return tuple(notes)

    # -- parts and sections ---------------------------------------------------

    def load_referenced(self, ref: Field, kind: str, referrer: str) -> tuple[str, Field] | None:
        """The file a reference names (parts/<id>.yaml, sections/<id>.yaml), checked to carry that id."""
        ident = ref.ident()
        if ident is None:
            self.lists_read = False
            return None
        self.listed[kind].add(ident)
        path = self.referenced_file(kind, ident)
        if not path.exists():
            ref.fail(f"a {kind} with a file {rel(path, self.root)}",
                     repr(ident) + did_you_mean(ident, (p.stem for p in path.parent.glob("*.yaml")), ID_LIKENESS))
            self.lists_read = False  # the file it meant may be there, unlisted: said once, here
            return None
        f = self.load(path)
        if f is None:
            return None
        if isinstance(f.value, dict) and f.value.get("id") != ident:
            f["id"].fail(f"the id {ident!r} the file is named after and {referrer} refers to")
        return ident, f

    def referenced_file(self, kind: str, ident: str) -> Path:
        """The file a part's or a section's id names: parts/<id>.yaml, sections/<id>.yaml."""
        return self.dir / f"{kind}s" / f"{ident}.yaml"

    def read_part(self, ref: Field) -> Part | None:
        loaded = self.load_referenced(ref, "part", "report.yaml")
        if loaded is None:
            self.lists_read = False  # the sections it lists are unknown
            return None
        part_id, f = loaded
        self.lists_read &= isinstance(f.value, dict) and isinstance(f.value.get("sections"), list)
        f = f.record(self.report_id)
        f.mapping(("id", "number", "title", "summary", "sections"), ("heading", "reviews", "draft"))
        number = f["number"].integer() if f.get("number") else None
        self.claim(f["id"], part_id)
        heading = self.read_paragraph(f["heading"], part_id) if f.get("heading") else None
        self.incomplete |= bool(f.get("heading")) and heading is None
        sections = self.note_missing([self.read_section(r, part_id) for r in f["sections"].items()])
        title, summary = f["title"].bi(), f["summary"].bi()
        reviews = f["reviews"].ident() if f.get("reviews") else None
        if reviews:
            self.reviews[part_id] = f["reviews"]
        if title is None or summary is None:
            return None
        return Part(part_id, number, title, heading, summary, sections, reviews)

    def read_section(self, ref: Field, part_id: str) -> Section | None:
        """A section; as the last read left it when its file, its part and the vocabulary are as they were (and
        kept for the next read when this read of it found no mistake)."""
        key = self.section_key(ref, part_id)
        if key is None:
            return self.read_section_file(ref, part_id)
        self.section_keys.append(key)
        if (kept := self.kept.get(key)) is not None:
            return self.recall_section(kept)
        before = (len(self.anchors), len(self.text_marks), len(self.not_figure_fields), self.problems.count())
        section = self.read_section_file(ref, part_id)
        if section is not None and self.problems.count() == before[3]:
            self.kept.keep(key, KeptSection(
                section, tuple(list(self.anchors.items())[before[0]:]), dict(list(self.text_marks.items())[before[1]:]),
                tuple(list(self.not_figure_fields)[before[2]:])))
        return section

    def section_key(self, ref: Field, part_id: str) -> str | None:
        """What a section is kept under (datacache.py): its file's path and bytes, its part and report, the
        vocabulary; None without a cache, or for a reference to no file."""
        ident = ref.value if isinstance(ref.value, str) else None
        path = self.referenced_file("section", ident) if ident else None
        hashed = self.kept.file(path) if self.kept is not None and path else None
        if hashed is None:
            return None
        if self._vocabulary is None:
            self._vocabulary = repr(self.vocab)
        return self.kept.key("section", rel(path, self.root), hashed, self.report_id, part_id, self._vocabulary)

    def recall_section(self, kept: KeptSection) -> Section:
        """Stand for reading a section's file again, as far as the rest of the report's read asks. An id another
        section claims too is noted at the first: the read is then done again without the cache
        (validate.validate_site), which says where."""
        section = kept.section
        self.listed["section"].add(section.id)
        for ident, mark in kept.claims:
            if ident in self.anchors:
                self.problems.add(mark, "", "an id used once in the report", repr(ident))
            else:
                self.anchors[ident] = mark
        self.text_marks.update(kept.text_marks)
        doc = Doc(section.src_path, None, {}, {})
        for entry in kept.not_figures:
            self.not_figure_fields[entry] = Field(doc, "not_figures", None, self.problems)
        return section

    def read_section_file(self, ref: Field, part_id: str) -> Section | None:
        loaded = self.load_referenced(ref, "section", "its part")
        if loaded is None:
            return None
        section_id, f = loaded
        f = f.record(self.report_id)
        f.mapping(("id", "title", "explainer", "paragraphs"), ("heading", "figures", "not_figures", "draft"))
        self.claim(f["id"], section_id)
        heading = self.read_paragraph(f["heading"], section_id) if f.get("heading") else None
        self.incomplete |= bool(f.get("heading")) and heading is None
        paragraphs = self.note_missing([self.read_paragraph(p, section_id) for p in f["paragraphs"].items()])
        by_id = {p.id: p for p in paragraphs + ((heading,) if heading else ())}
        figures_field = f.get("figures")
        figures = self.note_missing([self.read_figure(g, section_id, by_id)
                                     for g in (figures_field.items() if figures_field else [])])
        figures = self.note_missing(self.resolve_relatives(figures))
        listed = self.note_missing([self.read_not_figure(e, by_id)
                                    for e in (f["not_figures"].items() if f.get("not_figures") else [])])
        title, explainer = f["title"].bi(), f["explainer"].bi()
        if title is None or explainer is None:
            return None
        return Section(section_id, part_id, title, heading, explainer, paragraphs, figures, f.doc.file, listed)

    def read_paragraph(self, f: Field, section_id: str) -> Paragraph | None:
        f = f.record(self.report_id)
        f.mapping(("id", "zh", "en"), ("heading", "emendation", "aliases", "draft"))
        pid = self.claim(f["id"], f["id"].ident())
        aliases = tuple(a for a in (self.claim(a, a.ident()) for a in f["aliases"].items()) if a) \
            if f.get("aliases") else ()
        zh = f["zh"].text("the verbatim Chinese source line")
        en = f["en"].draft_text("the English translation (a non-empty string)")
        if zh and en:
            self.check_bold(f, zh, en)
        if en and (links := foreign_links(en)):
            f["en"].fail("links only to glossary terms, [words](term:<id>)", "; ".join(links))
        heading = f["heading"].boolean() if f.get("heading") else False
        emendation = self.read_emendation(f["emendation"]) if f.get("emendation") else None
        if pid is None or zh is None or en is None:
            if pid:
                self.failed_paragraphs.add(pid)
            return None
        for lang in ("zh", "en"):
            self.text_marks[(pid, lang)] = f[lang].mark
        return Paragraph(pid, zh, en, bool(heading), emendation, section_id, aliases)

    def read_emendation(self, f: Field) -> Emendation | None:
        f.mapping(("zh", "note"))
        zh, note = f["zh"].text(), f["note"].bi()
        return Emendation(zh, note) if zh and note else None

    def check_bold(self, f: Field, zh: str, en: str) -> None:
        """Bold marks come in pairs, and the English bolds as many sentences as the Chinese."""
        if zh.count(BOLD) % 2:
            f["zh"].fail("bold marks ** in pairs (**…**), as in the official text", f"{zh.count(BOLD)} marks")
        elif len(BOLD_SPAN.findall(en)) != zh.count(BOLD) // 2:
            f["en"].fail(f"{zh.count(BOLD) // 2} bold span(s) **…**, one for each bold sentence of the Chinese",
                         f"{len(BOLD_SPAN.findall(en))}")

    def check_every_file_listed(self) -> None:
        """A part or section file that nothing lists is one mistake, said where it is; the checks across
        files (the source's lines, figures named by goals, glossary terms) then wait for the next run."""
        if not self.lists_read:
            return
        parts = rel(self.dir / "parts", self.root)
        for kind, where, found in (("part", "to the parts: of report.yaml", "that report.yaml does not list"),
                                   ("section", f"to the sections: of its part in {parts}/", "that no part lists")):
            files = sorted((self.dir / f"{kind}s").glob("*.yaml"))
            unlisted = [path for path in files if path.stem not in self.listed[kind]]
            for path in unlisted:
                self.problems.add(Mark(rel(path, self.root)), "",
                                  f"a {kind} that is listed (add {path.stem} {where}, or delete this file)",
                                  f"a {kind} file {found}")
            if unlisted:
                self.incomplete = True
                return  # the sections an unlisted part lists were not read

    def check_source_order(self, parts: tuple[Part, ...], source: str, partial: bool) -> None:
        """The paragraphs, read in order, must be exactly the source's lines; those of a partial report (declared
        in report.yaml) may leave lines out, but are lines of the source, in its order."""
        if self.incomplete:
            return
        lines = source_lines(source)
        seen = paragraphs_in_order(parts)
        at = 0  # the line the next paragraph is compared with
        for paragraph in seen:
            expected = lines[at] if at < len(lines) else None
            if paragraph.zh != expected and paragraph.zh in lines[at:] and partial:
                at = lines.index(paragraph.zh, at)
            elif paragraph.zh != expected and paragraph.zh in lines[at:]:
                later = lines.index(paragraph.zh, at)
                self.problems.add(self.text_marks[(paragraph.id, "zh")], f"paragraph {paragraph.id}.zh",
                                  f"line {at + 1} of {SOURCE_FILE}: lines {at + 1}-{later} are in no paragraph (add "
                                  f"them to a section, or, for a report given in part, say which part in report.yaml: "
                                  f"partial: {{zh: …, en: …}})", f"the text of line {later + 1}")
                return
            elif paragraph.zh != expected:
                self.problems.add(self.text_marks[(paragraph.id, "zh")], f"paragraph {paragraph.id}.zh",
                                  *_first_difference(paragraph.zh, expected, at + 1, partial))
                return  # one misplaced line shifts all after it; report the first
            at += 1
        if at < len(lines) and not partial:
            self.problems.add(Mark(rel(self.dir / SOURCE_FILE, self.root), at + 1), "",
                              "every source line in a paragraph of the data (or, for a report given in part, "
                              "partial: {zh: …, en: …} in report.yaml saying which part)",
                              f"lines {at + 1}-{len(lines)} not in any section")

    # -- figures -------------------------------------------------------------------

    def read_figure(self, f: Field, section_id: str, paragraphs: dict[str, Paragraph]) -> Figure | None:
        required = ("id", "paragraph", "quote_zh", "quote_en", "label", "value", "unit", "period", "kind", "topic")
        f = f.record(self.report_id)
        f.mapping(required, ("measure_zh", "scale", "as_printed", "qualifier", "note", "average", "since", "each",
                             "direction", "draft"))
        fid = self.claim(f["id"], f["id"].ident())
        pid = f["paragraph"].text("the id of a paragraph of this section")
        paragraph = paragraphs.get(pid) if pid else None
        if pid and paragraph is None and pid not in self.failed_paragraphs:
            f["paragraph"].fail("the id of a paragraph of this section (" + ", ".join(sorted(paragraphs)) + ")")
        quote = f["quote_zh"].text("a verbatim quote from the source")
        if quote and paragraph and quote not in paragraph.plain_zh:
            f["quote_zh"].fail(f"a verbatim substring of paragraph {pid}", repr(quote))
        value = self.read_value(f["value"], fid)
        unit = self.vocab.units.get(f["unit"].choice(tuple(self.vocab.units)) or "")
        measure = f["measure_zh"].draft_text() if f.get("measure_zh") is not None else None
        if unit and unit.style == "count" and measure is None:
            f["measure_zh"].fail("a Chinese measure word (家, 个, 人 …) for unit count")
        scale = f["scale"].choice(tuple(SCALES)) if f.get("scale") else None
        printed = f["as_printed"].text() if f.get("as_printed") else None
        period = self.read_period(f["period"])
        since = self.read_since(f["since"], period) if f.get("since") else None
        if quote and isinstance(value, Relative):
            self.check_relation(f["value"], quote, value.relation)
        elif quote and value is not None and since is not False:
            self.check_printed(f, quote, _printed_values(value, since), scale, printed)
        qualifiers = self.read_qualifiers(f.get("qualifier"), quote)
        each = self.read_each(f["each"], quote, period) if f.get("each") else None
        kind = f["kind"].choice(tuple(KINDS))
        topic = "" if f.draft and f["topic"].value is None else f["topic"].choice(tuple(self.vocab.topics))
        label, quote_en = f["label"].bi(), f["quote_en"].draft_text()
        note = f["note"].bi() if f.get("note") else None
        average = bool(f["average"].boolean()) if f.get("average") is not None else False
        direction = f["direction"].choice(DIRECTIONS) if f.get("direction") else \
            ("up" if since and unit and unit.first_is_best else unit.direction if unit else None)  # 前进1位: up is better
        if None in (fid, paragraph, quote, value, unit, kind, topic, label, quote_en, qualifiers, direction) \
                or False in (period, since, each):
            return None
        return Figure(fid, self.report_id, pid, section_id, quote, quote_en, label, value, unit, measure, scale,
                      printed, qualifiers, period, kind, topic, note, average, since, each, direction)

    def read_since(self, f: Field, period: str | None | bool) -> str | bool:
        """The period a change or a multiple is counted from (同比: the year before; 比2015年: 2015); False if wrong."""
        since = self.read_period(f)
        if since is None:
            f.fail("a period before the figure's own (同比 in a report on 2030: \"2029\"; 比2015年: \"2015\")")
            return False
        if since and isinstance(period, str) and period_months(since)[1] >= period_months(period)[0]:
            f.fail(f"a period before the figure's period {period!r}", repr(since))
            return False
        return since

    def read_each(self, f: Field, quote: str | None, period: str | None | bool) -> str | bool:
        """A run the quote prints (连续两年, 连续12个季度): the period is the whole run, as long as it says."""
        each = f.choice(tuple(EACH_MONTHS))
        if each is None or not isinstance(period, str) or quote is None:
            return False if each is None else each
        first, last = period_months(period)
        size, months = EACH_MONTHS[each], last - first + 1
        zh, _one, many = RUN_WORDS[each]
        runs = printed_runs(quote)
        if months % size or (each, months // size) not in runs and (each, None) not in runs:
            said = ", ".join(f"{n} {RUN_WORDS[e][2]}" if n else f"every {RUN_WORDS[e][1]}" for e, n in runs) or "none"
            f.fail(f"a run quote_zh prints as 连续N{zh} (N the {many} of the period {period!r}: {months / size:g}) or "
                   f"每{zh.removeprefix('个')}; make the period the whole run (连续12个季度 to the end of 2021: "
                   "\"2019-Q1/2021-Q4\")", f"{each} (the quote prints: {said})")
            return False
        return each

    def read_value(self, f: Field, figure_id: str | None) -> float | Range | Relative | None:
        """A number, a range {low, high}, or a level set by another figure of the section {in-step: <id>}."""
        if isinstance(f.value, dict) and set(f.value) & set(RELATIONS):
            f.mapping((), tuple(RELATIONS))
            relation, other = next(iter(f.value.items()))
            if len(f.value) != 1 or f[relation].ident() is None:
                f.fail("one relation and the id of a figure of this section, {in-step: gdp-growth-2030}")
                return None
            if figure_id:
                self.relations[figure_id] = (f[relation], other)
            return Relative(relation, None)  # the figure it names is set once the section is read
        if isinstance(f.value, dict):
            f.mapping(("low", "high"))
            low, high = f["low"].number(), f["high"].number()
            if low is None or high is None:
                return None
            if low >= high:
                f.fail("a range with low below high", f"{low}-{high}")
                return None
            return Range(low, high)
        return f.number()

    def check_relation(self, f: Field, quote: str, relation: str) -> None:
        """A goal said relative to another figure quotes its relation (与经济增长基本同步: 同步)."""
        words = RELATIONS[relation].quote_has
        if not any(w in quote for w in words):
            f.fail(f"a relation the quote shows ({relation} needs one of {', '.join(words)} in quote_zh)", repr(relation))

    def resolve_relatives(self, figures: tuple[Figure, ...]) -> list[Figure | None]:
        """Each goal whose level is another figure, with that figure: one of the same section, with a number,
        in the same unit."""
        by_id = {g.id: g for g in figures}
        out: list[Figure | None] = []
        for g in figures:
            if g.relative:
                field, other_id = self.relations[g.id]
                other = by_id.get(other_id)
                if other is None or other.relative or other.unit != g.unit:
                    with_numbers = sorted(k for k, o in by_id.items() if not o.relative and o.unit == g.unit)
                    field.fail(f"the id of a figure of this section with a number, in {g.unit.id} "
                               f"({', '.join(with_numbers) or 'none'})", repr(other_id))
                    g = None
                else:
                    g = replace(g, value=Relative(g.relative.relation, other))
            out.append(g)
        return out

    def read_not_figure(self, f: Field, paragraphs: dict[str, Paragraph]) -> NotFigure | None:
        """A number the section prints that is no figure: the quote that holds it, the number, and why."""
        f = f.record(self.report_id)
        f.mapping(("quote", "number", "reason"), ("note", "draft"))
        quote = f["quote"].text("verbatim words of a paragraph of this section")
        number = str(f["number"].value) if type(f["number"].value) is int else \
            f["number"].text('the number as the quote prints it, in quotes ("2.5", "十九")')
        reason = f["reason"].choice(tuple(NOT_FIGURE_REASONS))
        note = f["note"].text() if f.get("note") else None
        if quote is None:
            return None
        places = [(p, at) for p in paragraphs.values() for at in occurrences(p.plain_zh, quote)]
        if len(places) != 1:
            f["quote"].fail("verbatim words of a paragraph of this section" if not places else
                            f"words that occur once in the section (they occur {len(places)} times: quote more)",
                            repr(quote))
            return None
        paragraph, at = places[0]
        printed = [n.printed for n in printed_numbers(paragraph.plain_zh)
                   if counts(n) and at <= n.start and n.end <= at + len(quote)]
        if number is not None and number not in printed:
            shown = ", ".join(printed) or "none that the check counts: remove this entry"
            f["number"].fail(f"a number the quote prints, as printed (it prints {shown})", repr(number))
            return None
        if number is None or reason is None:
            return None
        self.not_figure_fields[(paragraph.id, quote, number)] = f
        return NotFigure(paragraph.id, quote, number, reason, note)

    def check_coverage(self, report: Report) -> None:
        """Every counted number the report prints is a figure's value or listed as not a figure (coverage.py)."""
        source = rel(self.dir / SOURCE_FILE, self.root)
        files = {s.id: s.src_path for s in report.sections}
        reasons = " | ".join(NOT_FIGURE_REASONS)
        for c in coverage(report).numbers:
            if not c.figures and not c.listed:
                self.problems.add(
                    Mark(source, c.line, c.column), f"paragraph {c.paragraph.id}",
                    f"each number it prints to be the value of a figure, or listed under not_figures in "
                    f"{files[c.paragraph.section_id]} (add a figure, or an entry "
                    f'{{quote: "…", number: "{c.number.printed}", reason: {reasons}}})',
                    f"{c.number.printed} in {c.context!r}, neither")
            for entry in c.listed if c.figures else ():
                field = self.not_figure_fields[(entry.paragraph_id, entry.quote, entry.number)]
                field.fail(f"a number no figure takes: figure {c.figures[0].id} takes {c.number.printed}, so remove "
                           "this entry", repr(entry.quote))

    def read_period(self, f: Field) -> str | None | bool:
        """A period as text; None for an explicit null (the report gives no date); False if wrong."""
        value = f.value
        if value is None and not f.missing:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            value = str(value)  # period: 2020 unquoted is the year 2020
        if isinstance(value, str) and period_months(value):
            return value
        f.fail('a period: a year "2021", years "2016-2020", a half-year "2021-H2", a quarter "2021-Q3", '
               'a month "2021-06", a span of those "2019-Q1/2021-Q4", or null when the report gives no date')
        return False

    def check_printed(self, f: Field, quote: str, values: tuple[float, ...], scale: str | None,
                      printed: str | None) -> None:
        """The quote must print the value whole (28 is not in 280天, 6 not in 6.2%) with the figure's scale word
        after it, or show the words given in as_printed (which, when they are a number, must mean the value)."""
        if printed is not None:
            self.check_as_printed(f, quote, values[0], scale, printed)
            return
        numbers = printed_numbers(quote)
        in_digits = [n for n in numbers if not n.chinese]
        for number in values:
            whole = [n for n in in_digits if n.value == as_decimal(number)]
            if not whole:
                shown = ", ".join(n.printed for n in in_digits) or "none"
                f["value"].fail(f"a number printed whole in quote_zh ({quote!r} prints {shown}"
                                f"{_in_chinese_numerals(numbers)})", _digits(number))
            elif not any(n.scale == scale for n in whole):
                printed_scales = ", ".join(sorted({n.scale or "none" for n in whole}))
                f["scale"].fail(f"the scale word quote_zh prints after {whole[0].digits} ({printed_scales})",
                                repr(scale) if scale else "no scale")

    def check_as_printed(self, f: Field, quote: str, value: float, scale: str | None, printed: str) -> None:
        """as_printed words: in the quote; a number they read is the value; a vague quantity (数万, 两位数) is
        none."""
        numbers = printed_numbers(printed)
        if printed not in quote:
            f["as_printed"].fail("words that appear in quote_zh", repr(printed))
        elif numbers and all(n.role == "vague" for n in numbers):
            f["as_printed"].fail("a number the quote prints: a vague quantity (数万, 两位数) is no figure's value; "
                                 "leave it to the paragraph's English, or an outcome's statement", repr(printed))
        elif (number := one_number(printed)) is not None and not number.means(value, scale):
            f["value"].fail(f"the value that as_printed {printed!r} reads ({_scaled(number.magnitude)})",
                            _scaled(as_decimal(value) * (SCALES[scale] if scale else 1)))

    def read_qualifiers(self, f: Field | None, quote: str | None) -> tuple[Qualifier, ...] | None:
        """The figure's qualifiers; each must show in the quote (a 'more than' figure quotes 以上 or 多)."""
        if f is None:
            return ()
        out, ok = [], True
        for item in f.items() if isinstance(f.value, list) else [f]:
            q = self.vocab.qualifiers.get(item.choice(tuple(self.vocab.qualifiers)) or "")
            if q is None:
                ok = False
            elif quote and not any(word in quote for word in q.quote_has):
                item.fail(f"a qualifier the quote shows ({q.id} needs one of {', '.join(q.quote_has)} in quote_zh)",
                          repr(q.id))
                ok = False
            else:
                out.append(q)
        return tuple(out) if ok else None


def _digits(number: float | int) -> str:
    """A YAML number as an editor wrote it (8.5, 280), never in exponent form."""
    return format(as_decimal(number).normalize(), "f")


def _scaled(magnitude: Decimal) -> str:
    return format(magnitude.normalize(), ",f")


def _printed_values(value: float | Range, since: str | None) -> tuple[float, ...]:
    """The numbers a quote prints for a value: both ends of a range; a change by its size (减少17天: 17)."""
    values = (value.low, value.high) if isinstance(value, Range) else (value,)
    return tuple(abs(v) for v in values) if since else values


def _in_chinese_numerals(numbers: list[PrintedNumber]) -> str:
    """'; in Chinese numerals 十: give them as as_printed', where the quote prints the value so."""
    chinese = [n.printed for n in numbers if n.chinese and n.role == "quantity"]
    return f"; in Chinese numerals {', '.join(chinese)}: give them as as_printed: {chinese[0]}" if chinese else ""


def printed_runs(quote: str) -> list[tuple[str, int | None]]:
    """The runs a quote prints, as (each, length): 连续两年 ("year", 2), 连续12个季度 ("quarter", 12); and
    每个季度 ("quarter", None), every quarter of the period, however long."""
    runs: list[tuple[str, int | None]] = []
    for m in RUN.finditer(quote):
        digits = m.group(1).translate(WIDTH)
        length = int(digits) if digits.isdigit() else chinese_value(digits)
        if length:
            runs.append((RUN_UNITS[m.group(2)], length))
    return runs + [(RUN_UNITS[m.group(1)], None) for m in EVERY.finditer(quote)]


def _first_difference(found: str, expected: str | None, line: int, partial: bool = False) -> tuple[str, str]:
    """(expected, found) for a paragraph that is not the source line: where they first differ, with context."""
    if expected is None:
        return "no more paragraphs (the source text has ended)", repr(found[:30])
    i = next((k for k, (a, b) in enumerate(zip(found, expected)) if a != b), min(len(found), len(expected)))
    start = max(0, i - 12)
    which = f"a line of {SOURCE_FILE} from line {line} on (a partial report leaves lines out, in order); line {line}" \
        if partial else f"line {line} of {SOURCE_FILE}"
    return (f"the verbatim text of {which}, which at character {i + 1} reads {expected[start:i + 12]!r}",
            f"{found[start:i + 12]!r}")
