"""Raw YAML and Markdown -> the typed model of the site, collecting every mistake before failing.

validate_site() reads a data folder (site.yaml, one folder per report, the shared glossary,
goals, corrections and vocabulary) and a content folder, and returns a Site, or raises
BuildFailed listing every problem found (file, line, key path, expected, found).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import LANGS, other_lang, parallel
from .cache import digest, tree_hash
from .errors import BuildFailed, Mark, Problems, rel
from .fields import LANG_NAMES, Field
from .l10n import place_name
from .load import read_text
from .model import Bi, Correction, Page, Plan, Qualifier, Report, Site, Term, Unit
from .read_goals import GoalReader, read_statement
from .read_report import KeptReport, ReportReader, ReportsRead, Vocabulary, load_field
from .vocab import BUILT_IN, DIRECTIONS, POSITIONS, UNIT_STYLES

if TYPE_CHECKING:
    from .datacache import DataCache

TERM_LINK = re.compile(r"\]\(term:([^)\s]*)\)")
TERM_LINK_ANYWHERE = re.compile(r"(?=\(term:([^)]*)\))")  # every "(term:<id>)" in a text, overlapping ones too
SITE_KEYS = ("name", "licence", "last_updated", "reports", "topics")
BASE_URL = re.compile(r"^https?://[^/\s]+/(\S*/)?$")
# The data version hashes all the data but the list of published addresses, which a build may extend.
DATA_VERSION_LEAVES_OUT = frozenset({"published.txt"})
REQUIRED_PAGES = ("home", "about")  # content/<lang>/home.md is the site home's intro; about.md is linked everywhere


def validate_site(data_dir: Path, content_dir: Path | None, root: Path | None = None,
                  base_url: str | None = None, kept: DataCache | None = None) -> Site:
    """Load, check and model the whole site; raise BuildFailed with all problems. kept: the units of the last
    read, to take those unchanged from; this read's are noted in it, for its owner to save (datacache.py)."""
    root = root or data_dir.parent
    if kept is not None:
        problems = Problems()
        site = read_site_data(data_dir, content_dir, root, base_url, problems, kept)
        if site is not None:
            kept.read = True
            return site
        # a mistake: read everything again as if there were no cache, for the errors a full read finds
    problems = Problems()
    site = read_site_data(data_dir, content_dir, root, base_url, problems)
    if site is None:
        raise BuildFailed(problems)
    return site


def read_site_data(data_dir: Path, content_dir: Path | None, root: Path, base_url: str | None, problems: Problems,
                   kept: DataCache | None = None) -> Site | None:
    """The site, or None with every problem noted."""
    site = SiteReader(data_dir, root, problems, kept).site(base_url)
    pages = read_pages(content_dir, root, problems) if content_dir else ()
    if problems.failed or site is None:  # a draft is not a mistake, but it is never published
        return None
    return replace(site, pages=pages, data_hash=tree_hash(data_dir, DATA_VERSION_LEAVES_OUT))


def read_cleanly(readers: list[tuple[str, ReportReader]]) -> dict[str, tuple[KeptReport, dict, dict]]:
    """Each report (by the key it is kept under) read on its own, as the data cache keeps it, with its sections'
    units and the files parsed for it (DataCache.new, new_docs); a report read with a mistake, or a draft, left
    out."""
    read = {}
    for key, reader in readers:
        problems, kept = Problems(), reader.kept
        own = ReportReader(reader.dir, reader.root, reader.vocab, problems, kept)
        kept_before, parsed_before = set(kept.new), set(kept.new_docs)
        report = own.report(own.report_id)
        if report is not None and not problems.count():
            read[key] = (own.to_keep(report), {k: unit for k, unit in kept.new.items() if k not in kept_before},
                         {k: doc for k, doc in kept.new_docs.items() if k not in parsed_before})
    return read


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


class Paragraphs:
    """Every paragraph of the reports read (its printed Chinese, our English), indexed to find a glossary term's:
    by each pair of neighbouring characters, so that a term's words are looked for in the few paragraphs holding
    their rarest pair, not in all of them (881 terms × 1,782 paragraphs), and by the terms their English links."""

    def __init__(self, read: ReportsRead):
        self.rows: list[tuple[str, str, str]] = []  # (report id, paragraph id, printed Chinese), in order
        self.pairs: dict[str, list[int]] = {}  # two characters -> the rows printing them, in order
        self.links: dict[str, list[int]] = {}  # a term id -> the rows whose English links it, in order
        for n, (rid, p) in enumerate((r.id, p) for r in read.reports.values() for p in r.paragraphs()):
            self.rows.append((rid, p.id, p.plain_zh))
            for pair in {p.plain_zh[i:i + 2] for i in range(len(p.plain_zh) - 1)}:
                self.pairs.setdefault(pair, []).append(n)
            for tid in set(TERM_LINK_ANYWHERE.findall(p.en)):
                self.links.setdefault(tid, []).append(n)

    def printing(self, words: str, only: tuple[str, ...]) -> set[int]:
        """The rows whose Chinese prints these words, of the reports named (all when none)."""
        if len(words) < 2:
            candidates: Iterable[int] = range(len(self.rows))
        else:
            candidates = min((self.pairs.get(words[i:i + 2], ()) for i in range(len(words) - 1)), key=len)
        return {n for n in candidates if words in self.rows[n][2] and (not only or self.rows[n][0] in only)}

    def linking(self, term_id: str, only: tuple[str, ...]) -> set[int]:
        """The rows whose English links this term, of the reports named (all when none)."""
        return {n for n in self.links.get(term_id, ()) if not only or self.rows[n][0] in only}

    def uses(self, rows: set[int]) -> tuple[tuple[str, str], ...]:
        """These rows as (report id, paragraph id), in the reports' order."""
        return tuple(self.rows[n][:2] for n in sorted(rows))


class SiteReader:
    """Reads a site's data folder: settings, vocabulary, each report, then what the reports share. kept: the
    units of the last read, to take those whose inputs did not change from (datacache.py)."""

    def __init__(self, data_dir: Path, root: Path, problems: Problems, kept: DataCache | None = None):
        self.dir, self.root, self.problems, self.kept = data_dir, root, problems, kept
        self.goals_read: dict[str, str] = {}  # each report read -> a hash of what the goals read of it (in kept)

    def load(self, path: Path, required: bool = True) -> Field | None:
        if not required and not path.exists():
            return None
        return load_field(path, self.root, self.problems, self.kept)

    def site(self, base_url: str | None) -> Site | None:
        meta = self.load(self.dir / "site.yaml")
        if meta is None:
            return None
        meta = meta.record("site.yaml")
        meta.mapping(SITE_KEYS, ("url", "unprefixed_report", "report_errors", "short_name", "draft", "plans"))
        vocabulary = self.read_vocabulary(meta["topics"])
        readers, listed = {}, meta["reports"].items()
        if meta["reports"].value == []:
            meta["reports"].fail("the ids of the site's reports, one or more (each a folder beside site.yaml)", "none")
        for ref in listed:
            rid = ref.ident()
            folder = self.dir / (rid or "")
            if rid and not (folder / "report.yaml").exists():
                ref.fail(f"a report folder {rel(folder, self.root)}/ with a report.yaml", repr(rid))
            elif rid:
                readers[rid] = ReportReader(folder, self.root, vocabulary, self.problems, self.kept)
        self.read_ahead(readers, vocabulary)
        reports = {rid: r for rid, r in ((rid, self.read_report(reader, vocabulary))
                                         for rid, reader in readers.items()) if r}
        read = ReportsRead(reports, frozenset(rid for rid, reader in readers.items()
                                              if rid not in reports or reader.incomplete),
                           all_named=bool(listed) and len(readers) == len(listed),
                           places_agree=self.check_places(readers, reports))
        terms = self.read_glossary(read)
        self.check_term_links(readers, reports, {t.id for t in terms})
        goals = self.read_goals(read)
        reports = {rid: replace(r, targets=goals.get(rid, ())) for rid, r in reports.items()}
        if read.whole and read.places_agree:  # a review's goals may be those that could not be read
            self.check_reviews(readers, reports, goals)
        corrections = self.read_corrections(read)
        settings = self.read_settings(meta, base_url, read)
        plans = self.read_plans(meta["plans"], read) if meta.get("plans") else ()
        if settings is None or not read.whole or self.problems:
            return None
        return Site(**settings, topics=vocabulary.topics, units=vocabulary.units, reports=tuple(reports.values()),
                    terms=terms, corrections=corrections, plans=plans)

    def read_report(self, reader: ReportReader, vocabulary: Vocabulary) -> Report | None:
        """A report's model; as the last read left it when none of its files, nor the vocabulary, changed."""
        if self.kept is None:
            return reader.report(reader.report_id)
        key = self.report_key(reader, vocabulary)
        kept = self.kept.get(key)
        if kept is not None:
            self.goals_read[reader.report_id] = kept.goals_read
            for section in kept.sections:  # kept for the next read, which may read the report again
                self.kept.get(section)
            return reader.recall(kept)
        report = reader.report(reader.report_id)
        if report is None:
            self.goals_read[reader.report_id] = key  # not read: the goals are read again when its files change
            return None
        kept = reader.to_keep(report)
        self.kept.keep(key, kept)
        self.goals_read[reader.report_id] = kept.goals_read
        return report

    def report_key(self, reader: ReportReader, vocabulary: Vocabulary) -> str:
        """What a report's model is kept under: its folder's path and files, and the vocabulary."""
        return self.kept.key("report", rel(reader.dir, self.root), self.kept.folder(reader.report_id), repr(vocabulary))

    def read_ahead(self, readers: dict[str, ReportReader], vocabulary: Vocabulary) -> None:
        """The reports the last read does not hold, read by this process and one other (halves of about the same
        size) for read_report to take as kept, when the read may use two processes: a clean build's six reports
        in 0.4 s rather than 0.7. A report read with a mistake is left out: read_report reads it again, as
        without this, for its errors."""
        if self.kept is None or self.kept.jobs < 2:
            return
        unread = [(key, reader) for reader in readers.values()
                  if (key := self.report_key(reader, vocabulary)) not in self.kept.old]
        if len(unread) < 2:
            return
        halves: tuple[list, list] = ([], [])
        for size, key, reader in sorted(((folder_size(r.dir), key, r) for key, r in unread), reverse=True):
            min(halves, key=lambda half: sum(s for s, _, _ in half)).append((size, key, reader))
        theirs, ours = parallel.on_another_process(partial(read_cleanly, [(k, r) for _, k, r in halves[1]]),
                                                   partial(read_cleanly, [(k, r) for _, k, r in halves[0]]))
        for key, (unit, sections, docs) in (ours | (theirs or {})).items():
            self.kept.ahead[key] = unit
            self.kept.new.update(sections)
            self.kept.new_docs.update(docs)

    def read_plans(self, f: Field, read: ReportsRead) -> tuple[Plan, ...]:
        """The plan periods of site.yaml: the report that set each plan's goals and the one that reviews it."""
        plans = []
        for p in f.items():
            p.mapping(("id", "title", "period", "report"), ("reviewed_by", "review"))
            pid, title, period = p["id"].ident(), p["title"].bi(), p["period"].text("a span of years (2021-2025)")
            if period and not re.match(r"^\d{4}-\d{4}$", period):
                p["period"].fail("a span of years (2021-2025)", repr(period))
                period = None
            report = read.report_id(p["report"])
            later = read.report_id(p["reviewed_by"]) if p.get("reviewed_by") else None
            if later and self.of_another_place(read, report, later):
                p["reviewed_by"].fail(f"a report of {place_name(read.reports[report].place, 'en')}, the place of "
                                      f"{report} (a plan is reviewed by its own place's report)",
                                      f"{later!r}, a report of {place_name(read.reports[later].place, 'en')}")
                later = None
            review = read_statement(p["review"], read.reports.get(later)) if later and p.get("review") else None
            if None not in (pid, title, period, report):
                plans.append(Plan(pid, title, period, report, later, review))
        return tuple(plans)

    @staticmethod
    def of_another_place(read: ReportsRead, rid: str | None, other: str) -> bool:
        """Whether two reports, both read, are known to be of different places."""
        reports = read.reports
        return read.places_agree and rid in reports and other in reports and \
            reports[rid].place.id != reports[other].place.id

    def read_settings(self, meta: Field, base_url: str | None, read: ReportsRead) -> dict | None:
        url = base_url if base_url is not None else (meta["url"].text() if meta.get("url") else None)
        if url and not BASE_URL.match(url):
            where = meta["url"] if base_url is None else Field(meta.doc, "url (from --base-url or SITE_URL)", url,
                                                               self.problems)
            where.fail("an absolute http(s) URL ending in / (https://example.gov/reports/)", repr(url))
        unprefixed = read.report_id(meta["unprefixed_report"]) if meta.get("unprefixed_report") else None
        errors_to = meta["report_errors"].text("where readers report an error: a mailto: or https: address") \
            if meta.get("report_errors") else None
        if errors_to and not re.match(r"^(mailto:\S+@\S+|https?://\S+)$", errors_to):
            meta["report_errors"].fail("a mailto: or https: address", repr(errors_to))
        values = dict(name=meta["name"].bi(), licence=meta["licence"].bi(), last_updated=meta["last_updated"].date())
        short_name = meta["short_name"].bi() if meta.get("short_name") else None
        if None in values.values():
            return None
        return dict(values, url=url or None, unprefixed_report=unprefixed, report_errors=errors_to,
                    short_name=short_name or values["name"])

    # -- vocabulary -------------------------------------------------------------------

    def read_vocabulary(self, topics_field: Field) -> Vocabulary:
        """The built-in units and qualifiers, the site's own (data/vocabulary.yaml), and the topics."""
        units: dict[str, Unit] = {}
        qualifiers: dict[str, Qualifier] = {}
        for path, required in ((BUILT_IN, True), (self.dir / "vocabulary.yaml", False)):
            f = self.load(path, required)
            if f is None:
                continue
            f.mapping((), ("units", "qualifiers"))
            units.update(self.read_units(f["units"]) if f.get("units") else {})
            qualifiers.update(self.read_qualifiers(f["qualifiers"]) if f.get("qualifiers") else {})
        return Vocabulary(units, qualifiers, self.read_topics(topics_field))

    def read_units(self, f: Field) -> dict[str, Unit]:
        out = {}
        for key in f.value if isinstance(f.value, dict) else f.fail("a mapping of unit id -> {zh, en, style, …}") or ():
            u = f[key]
            u.mapping(("zh", "en", "style", "growth"), ("description", "en_one", "direction"))
            values = (u["zh"].value, u["en"].value, u["style"].choice(UNIT_STYLES), u["growth"].boolean())
            better = u["direction"].choice(DIRECTIONS) if u.get("direction") else "up"
            if not all(isinstance(v, str) for v in values[:2]):
                u.fail("zh and en as strings (\"\" for none)")
            elif None not in values and better and Field(u.doc, u.path, key, self.problems).ident():
                out[key] = Unit(key, *values, u["description"].text() if u.get("description") else "",
                                u["en_one"].text() if u.get("en_one") else "", better)
        return out

    def read_qualifiers(self, f: Field) -> dict[str, Qualifier]:
        out = {}
        for key in f.value if isinstance(f.value, dict) else f.fail("a mapping of qualifier id -> {zh, en, …}") or ():
            q = f[key]
            q.mapping(("zh", "en", "position", "quote_has"), ("down", "description"))
            words = tuple(w.text() for w in q["quote_has"].items())
            values = (q["zh"].text(), q["en"].text(), q["position"].choice(POSITIONS))
            down = q["down"].bi() if q.get("down") else None
            description = q["description"].text() if q.get("description") else ""
            if None not in values and None not in words and words and (down or not q.get("down")):
                out[key] = Qualifier(key, *values, words, down, description or "")
        return out

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

    # -- what the reports share ----------------------------------------------------------

    def read_glossary(self, read: ReportsRead) -> tuple[Term, ...]:
        """The glossary; as the last read left it when neither its file nor what its terms read of the paragraphs
        changed: their printed Chinese and the terms their English links (our English edited reads it again only
        where a link to a term changed)."""
        if self.kept is None:
            return self.read_terms(read)
        texts = digest(*((r.id, p.id, p.plain_zh, TERM_LINK_ANYWHERE.findall(p.en))
                         for r in read.reports.values() for p in r.paragraphs()))
        key = self.kept.key("glossary", self.kept.file(self.dir / "glossary.yaml"), texts, *_as_read(read))
        terms = self.kept.get(key)
        if terms is None:
            terms = self.read_terms(read)
            self.kept.keep(key, terms)
        return terms

    def read_terms(self, read: ReportsRead) -> tuple[Term, ...]:
        f = self.load(self.dir / "glossary.yaml")
        if f is None:
            return ()
        f.mapping(("terms",))
        terms, seen = [], {}
        texts = Paragraphs(read)
        for t in f["terms"].items():
            t.mapping(("id", "zh", "pinyin", "en", "explanation"), ("match_zh", "reports"))
            tid = t["id"].ident()
            if tid in seen:
                t["id"].fail(f"a term id used once (it is already used at {seen[tid]})", repr(tid))
                continue
            seen[tid] = t["id"].mark
            zh, pinyin, en, explanation = t["zh"].text(), t["pinyin"].text(), t["en"].text(), t["explanation"].bi()
            match_fields = t["match_zh"].items() if t.get("match_zh") else [t["zh"]]
            matches = tuple(m.text() for m in match_fields)
            only = tuple(read.report_id(r) for r in t["reports"].items()) if t.get("reports") else ()
            if None in (tid, zh, pinyin, en, explanation) or None in matches or None in only:
                continue
            # where it appears: printed in the Chinese, or linked from our English (a shorter wording than
            # match_zh can hold, 紧日子 for 过紧日子)
            printed = [texts.printing(m, only) for m in matches]
            uses = texts.uses(set().union(*printed) | texts.linking(tid, only))
            for found, m, field in zip(printed, matches, match_fields):
                if read.whole and not found:
                    fix = ("fix it to words as printed, or remove it from match_zh" if t.get("match_zh") else
                           "fix zh to the words as printed, or remove the term if no report uses it")
                    field.fail(f"words printed in the text of {' or '.join(only) or 'a report'} ({fix})", repr(m))
            terms.append(Term(tid, zh, pinyin, en, matches, explanation, only, uses))
        return tuple(terms)

    def check_term_links(self, readers: dict[str, ReportReader], reports: dict[str, Report],
                         term_ids: set[str]) -> None:
        for rid, report in reports.items():
            for p in report.paragraphs():
                for term in TERM_LINK.findall(p.en):
                    if term not in term_ids:
                        self.problems.add(readers[rid].text_marks[(p.id, "en")], f"paragraph {p.id}.en",
                                          "a link (term:<id>) to a term in glossary.yaml", f"term:{term}")

    def check_places(self, readers: dict[str, ReportReader], reports: dict[str, Report]) -> bool:
        """Reports of one place name it alike: a place's level and its name in one language give its name in the
        other, as the first report of it names it (its reports are grouped by the place). False: they do not, and
        which report belongs to which place waits for the next run."""
        agree = True
        first: dict[tuple[str, str, str], Report] = {}  # (level, lang, name) -> the first report naming the place so
        for rid, report in reports.items():
            place = report.place
            for lang in LANGS:
                named = first.setdefault((place.level, lang, place[lang]), report).place
                other = other_lang(lang)
                if named[other] != place[other]:
                    agree = False
                    readers[rid].place[other].fail(
                        f"{named[other]!r}, the {LANG_NAMES[other]} name {first[place.level, lang, place[lang]].id} "
                        f"gives the {place.level} {place[lang]} (every report of a place names it alike)",
                        repr(place[other]))
        return agree

    def check_reviews(self, readers: dict[str, ReportReader], reports: dict[str, Report], goals: dict) -> None:
        """A part that `reviews:` names the report of its own place just before its report, whose goals have
        outcomes in it: the ledger pairs a report only with the next report of the same place."""
        for rid, reader in readers.items():
            report = reports[rid]
            before = [r for r in reports.values() if r.place.id == report.place.id and r.date < report.date]
            previous = max(before, key=lambda r: r.date).id if before else None
            for field in reader.reviews.values():
                earlier = field.ident()
                if earlier is None:
                    continue
                if earlier != previous:
                    other = reports.get(earlier)
                    elsewhere = f", a report of {place_name(other.place, 'en')}" \
                        if other and other.place.id != report.place.id else ""
                    field.fail(f"the id of the report of {place_name(report.place, 'en')} before {rid}, whose goals "
                               f"{rid} says what became of ({previous or 'none on the site: leave reviews: out'})",
                               repr(earlier) + elsewhere)
                elif not any(t.outcome and t.outcome.report_id == rid for t in goals.get(earlier, ())):
                    field.fail(f"outcomes in {rid} of the goals of {earlier}: write them in targets.yaml (a goal's "
                               f"outcome: {{report: {rid}, figure: …}}), or leave reviews: out until they are written",
                               f"no goal of {earlier} with an outcome in {rid} yet")

    def read_goals(self, read: ReportsRead) -> dict:
        """The goals of each report; as the last read left them when neither targets.yaml nor what they read of any
        report (read_goals.what_goals_read) changed."""
        if self.kept is None:
            return self.read_targets(read)
        key = self.kept.key("goals", self.kept.file(self.dir / "targets.yaml"),
                            sorted(self.goals_read.items()), *_as_read(read))
        goals = self.kept.get(key)
        if goals is None:
            goals = self.read_targets(read)
            self.kept.keep(key, goals)
        return goals

    def read_targets(self, read: ReportsRead) -> dict:
        f = self.load(self.dir / "targets.yaml")
        return GoalReader(read).read(f) if f else {}

    def read_corrections(self, read: ReportsRead) -> tuple[Correction, ...]:
        """The corrections log, newest first; each affected page must exist."""
        f = self.load(self.dir / "corrections.yaml", required=False)
        if f is None:
            return ()
        f.mapping(("corrections",))
        out = []
        for c in f["corrections"].items():
            c.mapping(("date", "what", "why", "affects"))
            affects = tuple(a for a in (self.read_affected(a, read) for a in c["affects"].items()) if a)
            date, what, why = c["date"].date(), c["what"].bi(), c["why"].bi()
            if None not in (date, what, why):
                same_day = sum(1 for o in out if o.date == date)
                ident = f"correction-{date.isoformat()}" + (f"-{same_day + 1}" if same_day else "")
                out.append(Correction(ident, date, what, why, affects))
        return tuple(sorted(out, key=lambda c: c.date, reverse=True))

    def read_affected(self, a: Field, read: ReportsRead) -> tuple[str, str, str] | None:
        kinds = ("part", "section", "figure")
        a.mapping(("report",), kinds)
        rid = read.report_id(a["report"])
        given = [k for k in kinds if a.get(k)]
        if len(given) != 1:
            a.fail("one of part, section or figure, with the id of the page the correction touched")
            return None
        kind = given[0]
        ident = a[kind].ident()
        whole = rid in read.reports and rid not in read.incomplete  # else its pages may be those not read
        if whole and ident and ident not in getattr(read.reports[rid].index, f"{kind}s"):
            a[kind].fail(f"the id of a {kind} of {rid}", repr(ident))
            return None
        return (rid, kind, ident) if rid and ident else None


def _as_read(read: ReportsRead) -> tuple:
    """What the checks across files ask of the reports read, besides their models (part of keys)."""
    return list(read.reports), sorted(read.incomplete), read.all_named, read.places_agree


def read_pages(content_dir: Path, root: Path, problems: Problems) -> tuple[Page, ...]:
    """Prose pages: content/<lang>/<slug>.md in both languages, titled by their first '# ' line."""
    if not content_dir.is_dir():
        pages = " and ".join(f"<lang>/{slug}.md" for slug in REQUIRED_PAGES)
        problems.add(Mark(rel(content_dir, root)), "", f"a folder of the site's prose pages, {pages} (make it, or "
                     "name another with --content)", "no such folder")
        return ()
    slugs = sorted({p.stem for lang in LANGS for p in (content_dir / lang).glob("*.md")} | set(REQUIRED_PAGES))
    pages = []
    for slug in slugs:
        texts, titles = {}, {}
        for lang in LANGS:
            path = content_dir / lang / f"{slug}.md"
            shown = rel(path, root)
            if not path.exists():
                other = content_dir / other_lang(lang) / f"{slug}.md"
                needed = f"a translation of {rel(other, root)}" if other.exists() else \
                    f"the page {slug}.md in {lang} (every site has {' and '.join(REQUIRED_PAGES)})"
                problems.add(Mark(shown), "", needed, "no file")
                continue
            text = read_text(path, shown, problems)
            if text is None:
                continue
            first, _, body = text.lstrip("\ufeff").replace("\r\n", "\n").partition("\n")
            if not first.startswith("# ") or not first[2:].strip():
                problems.add(Mark(shown, 1), "", "a first line '# Title' (a Markdown heading: the page's title)",
                             repr(first[:40]))
                continue
            titles[lang], texts[lang] = first[2:].strip(), body.strip() + "\n"
        if len(texts) == 2:
            pages.append(Page(slug, Bi(titles["zh"], titles["en"]), Bi(texts["zh"], texts["en"])))
    return tuple(pages)
