"""Raw YAML and Markdown -> the typed model, collecting every mistake before failing.

validate_report() reads a data folder and a content folder and returns a Report,
or raises BuildFailed listing every problem found (file, line, key path,
expected, found).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from .derive import derive_target
from .errors import BuildFailed, Mark, Problems, rel
from .fields import Field
from .load import load_yaml, read_text
from .model import (Bi, Correction, Figure, Page, Paragraph, Part, Range, Report, Section, Target, Term,
                    paragraphs_in_order)
from .vocab import KINDS, QUALIFIERS, SCALES, TARGET_GROUPS, UNITS

TERM_LINK = re.compile(r"\]\(term:([^)\s]*)\)")
PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
SOURCE_FILE = "source.zh.txt"


def validate_report(data_dir: Path, content_dir: Path | None, root: Path | None = None) -> Report:
    """Load, check and model a whole report; raise BuildFailed with all problems."""
    root = root or data_dir.parent
    problems = Problems()
    report = ReportReader(data_dir, root, problems).report()
    pages = read_pages(content_dir, root, problems) if content_dir else ()
    if problems or report is None:
        raise BuildFailed(problems)
    return replace(report, pages=pages, data_hash=hash_folder(data_dir))


class ReportReader:
    """Reads one data folder; every read_* notes problems rather than raising."""

    def __init__(self, data_dir: Path, root: Path, problems: Problems):
        self.dir, self.root, self.problems = data_dir, root, problems
        self.anchors: dict[str, Mark] = {}  # ids sharing the page anchor namespace
        self.text_marks: dict[tuple[str, str], Mark] = {}  # (paragraph id, zh|en) -> where that text is
        # Set when a part, section, paragraph or figure could not be read: checks across files
        # (source order, references to figures) then wait for the next run rather than cascade.
        self.incomplete = False

    def note_missing(self, items: list) -> tuple:
        """Keep what was read; remember if anything was not."""
        if any(item is None for item in items):
            self.incomplete = True
        return tuple(item for item in items if item is not None)

    def load(self, path: Path) -> Field | None:
        doc = load_yaml(path, rel(path, self.root), self.problems)
        return Field.root(doc, self.problems) if doc else None

    def claim(self, field: Field, ident: str | None) -> str | None:
        """Register an id in the shared anchor namespace; a second use is a duplicate."""
        if ident is None:
            return None
        if ident in self.anchors:
            field.fail(f"an id used once (it is already used at {self.anchors[ident]})", repr(ident))
            return None
        self.anchors[ident] = field.doc.mark(field.path)
        return ident

    # -- the report -------------------------------------------------------

    def report(self) -> Report | None:
        meta = self.load(self.dir / "report.yaml")
        source = read_text(self.dir / SOURCE_FILE, rel(self.dir / SOURCE_FILE, self.root), self.problems)
        if meta is None or source is None:
            return None
        bi_keys = ("title", "issuer", "speaker", "speaker_role", "occasion", "place", "site_name", "licence")
        if not meta.mapping(("id", "year", "date", "last_updated", "site_url", "parts", "topics") + bi_keys,
                            ("source_url",)):
            return None
        topics = self.read_topics(meta["topics"])
        parts = self.note_missing([self.read_part(f, topics) for f in meta["parts"].items()])
        self.check_source_order(parts, source)
        figures = {f.id: f for p in parts for s in p.sections for f in s.figures}
        terms = self.read_glossary(parts, source)
        self.check_term_links(parts, {t.id for t in terms})
        targets = self.read_targets(figures)
        texts = {k: meta[k].bi() for k in bi_keys}
        site_url = meta["site_url"].text("the site's base URL (https://…/)")
        if site_url and not re.match(r"^https?://[^/\s]+/(\S*/)?$", site_url):
            meta["site_url"].fail("an absolute http(s) URL ending in /")
        source_url = meta.get("source_url")
        values = dict(
            id=meta["id"].ident(), year=meta["year"].integer(), date=meta["date"].date(),
            last_updated=meta["last_updated"].date(), site_url=site_url,
        )
        if self.problems or None in values.values() or None in texts.values():
            return None
        return Report(
            **values, **texts, source_url=source_url.text() if source_url else None,
            topics=topics, parts=parts, targets=targets, terms=terms, source_text=source,
        )

    def read_topics(self, field: Field) -> dict[str, Bi]:
        if not isinstance(field.value, dict):
            field.fail("a mapping of topic id -> {zh, en}")
            return {}
        topics = {}
        for key in field.value:
            label = field[key].bi()
            if Field(field.doc, f"{field.path}.{key}", key, self.problems).ident() and label:
                topics[key] = label
        return topics

    # -- parts and sections ---------------------------------------------------

    def load_referenced(self, ref: Field, kind: str, referrer: str) -> tuple[str, Field] | None:
        """The file a reference names (parts/<id>.yaml, sections/<id>.yaml), checked to carry that id."""
        ident = ref.ident()
        if ident is None:
            return None
        path = self.dir / f"{kind}s" / f"{ident}.yaml"
        if not path.exists():
            ref.fail(f"a {kind} with a file {rel(path, self.root)}", repr(ident))
            return None
        f = self.load(path)
        if f is None:
            return None
        if isinstance(f.value, dict) and f.value.get("id") != ident:
            f["id"].fail(f"the id {ident!r} the file is named after and {referrer} refers to")
        return ident, f

    def read_part(self, ref: Field, topics: dict[str, Bi]) -> Part | None:
        loaded = self.load_referenced(ref, "part", "report.yaml")
        if loaded is None:
            return None
        part_id, f = loaded
        if not f.mapping(("id", "number", "title", "summary", "sections"), ("heading",)):
            return None
        number = f["number"].value
        if number is not None:
            number = f["number"].integer()
        self.claim(f["id"], part_id)
        heading = self.read_paragraph(f["heading"], part_id) if f.get("heading") else None
        self.incomplete |= bool(f.get("heading")) and heading is None
        sections = self.note_missing([self.read_section(r, part_id, topics) for r in f["sections"].items()])
        title, summary = f["title"].bi(), f["summary"].bi()
        if title is None or summary is None:
            return None
        return Part(part_id, number, title, heading, summary, sections)

    def read_section(self, ref: Field, part_id: str, topics: dict[str, Bi]) -> Section | None:
        loaded = self.load_referenced(ref, "section", "its part")
        if loaded is None:
            return None
        section_id, f = loaded
        if not f.mapping(("id", "title", "explainer", "paragraphs"), ("heading", "figures")):
            return None
        self.claim(f["id"], section_id)
        heading = self.read_paragraph(f["heading"], section_id) if f.get("heading") else None
        self.incomplete |= bool(f.get("heading")) and heading is None
        paragraphs = self.note_missing([self.read_paragraph(p, section_id) for p in f["paragraphs"].items()])
        by_id = {p.id: p for p in paragraphs + ((heading,) if heading else ())}
        figures_field = f.get("figures")
        figures = self.note_missing([self.read_figure(g, section_id, by_id, topics)
                                     for g in (figures_field.items() if figures_field else [])])
        title, explainer = f["title"].bi(), f["explainer"].bi()
        if title is None or explainer is None:
            return None
        return Section(section_id, part_id, title, heading, explainer, paragraphs, figures, f.doc.file)

    def read_paragraph(self, f: Field, section_id: str) -> Paragraph | None:
        if not f.mapping(("id", "zh", "en"), ("lead", "heading", "correction")):
            return None
        pid = self.claim(f["id"], f["id"].ident())
        zh, en = f["zh"].text("the verbatim Chinese source line"), f["en"].text("the English translation (a non-empty string)")
        lead = f["lead"].bi() if f.get("lead") else None
        if lead and zh and not zh.startswith(lead.zh):
            f["lead"]["zh"].fail("the opening words of the paragraph's zh text", repr(lead.zh))
        heading = f["heading"].boolean() if f.get("heading") else False
        correction = None
        if f.get("correction"):
            c = f["correction"]
            if c.mapping(("zh", "note")):
                czh, note = c["zh"].text(), c["note"].bi()
                correction = Correction(czh, note) if czh and note else None
        if pid is None or zh is None or en is None:
            return None
        for lang in ("zh", "en"):
            self.text_marks[(pid, lang)] = f.doc.mark(f[lang].path)
        return Paragraph(pid, zh, en, lead, bool(heading), correction, section_id)

    def check_source_order(self, parts: tuple[Part, ...], source: str) -> None:
        """The paragraphs, read in order, must be exactly the source's lines."""
        if self.incomplete:
            return
        lines = source.split("\n")
        seen = paragraphs_in_order(parts)
        for index, paragraph in enumerate(seen):
            expected = lines[index] if index < len(lines) else None
            if paragraph.zh != expected:
                where = f"line {index + 1} of {SOURCE_FILE}" if expected is not None else "no more lines"
                self.problems.add(
                    self.text_marks[(paragraph.id, "zh")], f"paragraph {paragraph.id}.zh",
                    f"the verbatim source text in order ({where}: {(expected or '')[:24]!r}…)",
                    repr(paragraph.zh[:24]) + "…",
                )
                return  # one misplaced line shifts all after it; report the first
        if len(seen) < len(lines):
            self.problems.add(Mark(rel(self.dir / SOURCE_FILE, self.root), len(seen) + 1), "",
                              "every source line in a paragraph of the data",
                              f"lines {len(seen) + 1}-{len(lines)} not in any section")

    # -- figures -------------------------------------------------------------------

    def read_figure(self, f: Field, section_id: str, paragraphs: dict[str, Paragraph],
                    topics: dict[str, Bi]) -> Figure | None:
        required = ("id", "paragraph", "quote_zh", "quote_en", "label", "value", "unit", "period", "kind", "topic")
        if not f.mapping(required, ("measure_zh", "scale", "as_printed", "qualifier", "note")):
            return None
        fid = self.claim(f["id"], f["id"].ident())
        pid = f["paragraph"].text("the id of a paragraph of this section")
        paragraph = paragraphs.get(pid) if pid else None
        if pid and paragraph is None:
            f["paragraph"].fail("the id of a paragraph of this section (" + ", ".join(sorted(paragraphs)) + ")")
        quote = f["quote_zh"].text("a verbatim quote from the source")
        if quote and paragraph and quote not in paragraph.zh:
            f["quote_zh"].fail(f"a verbatim substring of paragraph {pid} of the source", repr(quote))
        value = self.read_value(f["value"])
        unit = f["unit"].choice(tuple(UNITS))
        measure = f["measure_zh"].text() if f.get("measure_zh") else None
        if unit == "count" and measure is None:
            f["measure_zh"].fail("a Chinese measure word (家, 个, 人 …) for unit count")
        scale = f["scale"].choice(tuple(SCALES)) if f.get("scale") else None
        printed = f["as_printed"].text() if f.get("as_printed") else None
        if quote and value is not None:
            self.check_printed(f, quote, value, printed)
        qualifiers = self.read_qualifiers(f.get("qualifier"))
        period = f["period"].value
        if not (isinstance(period, str) and PERIOD.match(period)):
            f["period"].fail('a year or a span of years as text ("2020", "2016-2020")')
            period = None
        kind = f["kind"].choice(tuple(KINDS))
        topic = f["topic"].choice(tuple(topics)) if topics else None
        label, quote_en = f["label"].bi(), f["quote_en"].text()
        note = f["note"].bi() if f.get("note") else None
        if None in (fid, paragraph, quote, value, unit, period, kind, topic, label, quote_en):
            return None
        return Figure(fid, pid, section_id, quote, quote_en, label, value, unit, measure, scale, printed,
                      qualifiers, period, kind, topic, note)

    def read_value(self, f: Field) -> float | Range | None:
        if isinstance(f.value, dict):
            if not f.mapping(("low", "high")):
                return None
            low, high = f["low"].number(), f["high"].number()
            if low is None or high is None:
                return None
            if low >= high:
                f.fail("a range with low below high", f"{low}-{high}")
                return None
            return Range(low, high)
        return f.number()

    def check_printed(self, f: Field, quote: str, value: float | Range, printed: str | None) -> None:
        """The quote must show the value as printed: its digits, or the words given in as_printed."""
        if printed is not None:
            if printed not in quote:
                f["as_printed"].fail("words that appear in quote_zh", repr(printed))
            return
        for number in ((value.low, value.high) if isinstance(value, Range) else (value,)):
            digits = f"{number:g}" if isinstance(number, float) else str(number)
            if digits not in quote:
                f["value"].fail(f"a number printed in quote_zh ({quote!r})", digits)

    def read_qualifiers(self, f: Field | None) -> tuple[str, ...]:
        if f is None:
            return ()
        items = f.items() if isinstance(f.value, list) else [f]
        return tuple(q for q in (i.choice(tuple(QUALIFIERS)) for i in items) if q)

    # -- glossary and targets ----------------------------------------------------------

    def read_glossary(self, parts: tuple[Part, ...], source: str) -> tuple[Term, ...]:
        f = self.load(self.dir / "glossary.yaml")
        if f is None or not f.mapping(("terms",)):
            return ()
        paragraphs = paragraphs_in_order(parts)
        terms, seen = [], {}
        for t in f["terms"].items():
            if not t.mapping(("id", "zh", "pinyin", "en", "explanation"), ("match_zh",)):
                continue
            tid = t["id"].ident()
            if tid in seen:
                t["id"].fail(f"a term id used once (it is already used at {seen[tid]})", repr(tid))
                continue
            seen[tid] = t.doc.mark(t["id"].path)
            zh, pinyin, en, explanation = t["zh"].text(), t["pinyin"].text(), t["en"].text(), t["explanation"].bi()
            matches = tuple(m.text() for m in t["match_zh"].items()) if t.get("match_zh") else (zh,)
            for m, field in zip(matches, t["match_zh"].items() if t.get("match_zh") else [t["zh"]]):
                if m and m not in source:
                    field.fail("a string that appears in the source text", repr(m))
            if None in (tid, zh, pinyin, en, explanation) or None in matches:
                continue
            where = tuple(p.id for p in paragraphs if any(m in p.zh for m in matches))
            terms.append(Term(tid, zh, pinyin, en, matches, explanation, where))
        return tuple(terms)

    def check_term_links(self, parts: tuple[Part, ...], term_ids: set[str]) -> None:
        for part in parts:
            for section in part.sections:
                for p in section.all_paragraphs:
                    for term in TERM_LINK.findall(p.en):
                        if term not in term_ids:
                            self.problems.add(self.text_marks[(p.id, "en")], f"paragraph {p.id}.en",
                                              "a link (term:<id>) to a term in glossary.yaml", f"term:{term}")

    def read_targets(self, figures: dict[str, Figure]) -> tuple[Target, ...]:
        f = self.load(self.dir / "targets.yaml")
        if f is None or not f.mapping(("targets",)):
            return ()
        targets, seen = [], set()
        for t in f["targets"].items():
            if not t.mapping(("id", "group", "figure"), ("baselines", "growth")):
                continue
            tid = t["id"].ident()
            if tid in seen:
                t["id"].fail("a target id used once", repr(tid))
            seen.add(tid)
            group = t["group"].choice(tuple(TARGET_GROUPS))
            figure = self.figure_ref(t["figure"], figures)
            baselines = tuple(self.figure_ref(b, figures) for b in t["baselines"].items()) if t.get("baselines") else ()
            if None in (tid, group, figure) or None in baselines:
                continue
            for b, field in zip(baselines, t["baselines"].items() if t.get("baselines") else []):
                if b.unit != figure.unit:
                    field.fail(f"a baseline in the goal's unit ({figure.unit})", f"{b.id} in {b.unit}")
            growth = t["growth"].boolean() if t.get("growth") is not None else True
            targets.append(derive_target(Target(tid, group, figure, baselines, growth=bool(growth))))
        return tuple(targets)

    def figure_ref(self, f: Field, figures: dict[str, Figure]) -> Figure | None:
        fid = f.text("the id of a figure")
        if fid is not None and fid not in figures and not self.incomplete:
            f.fail("the id of a figure in data/sections/*.yaml", repr(fid))
            return None
        return figures.get(fid) if fid else None


def read_pages(content_dir: Path, root: Path, problems: Problems) -> tuple[Page, ...]:
    """Prose pages: content/<lang>/<slug>.md in both languages, titled by their first '# ' line."""
    slugs = sorted({p.stem for lang in ("zh", "en") for p in (content_dir / lang).glob("*.md")})
    pages = []
    for slug in slugs:
        texts, titles = {}, {}
        for lang in ("zh", "en"):
            path = content_dir / lang / f"{slug}.md"
            shown = rel(path, root)
            if not path.exists():
                other = "en" if lang == "zh" else "zh"
                problems.add(Mark(shown), "", f"a translation of {rel(content_dir / other / (slug + '.md'), root)}",
                             "no file")
                continue
            text = read_text(path, shown, problems)
            if text is None:
                continue
            first, _, body = text.partition("\n")
            if not first.startswith("# ") or not first[2:].strip():
                problems.add(Mark(shown, 1), "", "a first line '# Title'", repr(first[:40]))
                continue
            titles[lang], texts[lang] = first[2:].strip(), body.strip() + "\n"
        if len(texts) == 2:
            pages.append(Page(slug, Bi(titles["zh"], titles["en"]), Bi(texts["zh"], texts["en"])))
    return tuple(pages)


def hash_folder(folder: Path) -> str:
    """A content hash of every file in the data folder, so two editions can be told apart."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
