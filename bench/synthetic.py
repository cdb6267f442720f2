"""Synthetic sites for the scale stages, made from the real data folder: its shapes, with made-up
but valid text (unique Chinese lines with the real bold marks, verbatim quotes, term links).

Two dimensions: one report N times the size of the real one (`factor`), and a site of R
copies of the real report, each under its own id and year (`reports`)."""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from reportsite.coverage import counts
from reportsite.numbers import printed_numbers

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOLD = "**"
FIRST_YEAR = 2001  # the copies of a many-report site are synth-2001, synth-2002 …
CJK = re.compile(r"[\u4e00-\u9fff]")
YEAR = re.compile(r"\d{4}")
NUMERALS = set("零〇一二两三四五六七八九十百千万亿")  # kept out of made-up text: it prints no number of its own


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    def ignore_aliases(self, data):  # the loader refuses anchors; never write any
        return True


def dump_yaml(data: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


def load_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)  # CSafeLoader: safe


def suffix(copy_number: int) -> str:
    """The id suffix of copy k of a section: none for the first copy, -xk after."""
    return "" if copy_number == 1 else f"-x{copy_number}"


def report_ids(real_id: str, reports: int) -> list[str]:
    """A one-report site keeps the real report's id; a site of R reports has synth-2001 … synth-(2000+R)."""
    return [real_id] if reports == 1 else [f"synth-{FIRST_YEAR + i}" for i in range(reports)]


class Faker:
    """Made-up Chinese and English text, deterministic, every Chinese line unique."""

    WORD = re.compile(r"[A-Za-z]+")
    LINK = re.compile(r"(\[[^\]]*\]\(term:[^)\s]*\))")
    LINK_PARTS = re.compile(r"\[([^\]]*)\]\(term:([^)\s]*)\)")
    PUNCTUATION = "，，，、"  # full-width, as the official text prints it

    def __init__(self, pool: list[str], seed: int):
        self.rng = random.Random(seed)
        self.pool = pool
        self.seen: set[str] = set()

    def chars(self, n: int) -> str:
        out = []
        for _ in range(max(n, 0)):
            if out and out[-1] not in self.PUNCTUATION and self.rng.random() < 0.07:
                out.append(self.rng.choice(self.PUNCTUATION))
            else:
                out.append(self.rng.choice(self.pool))
        return "".join(out)

    def line(self, length: int, segments: list[str], end: str = "。", bold_at: list[int] = ()) -> str:
        """A unique line of about length characters containing every segment, with a bold mark
        ** before each plain-text position in bold_at (where the real line has its marks)."""
        while True:
            filler = max(length - sum(map(len, segments)) - len(end), 2 * len(segments) + 6)
            cuts = sorted(self.rng.randint(0, filler) for _ in segments)
            sizes = [b - a for a, b in zip([0, *cuts], [*cuts, filler], strict=True)]
            pieces = (s + self.chars(n) for s, n in zip(segments, sizes[1:], strict=True))
            text = embolden(self.chars(sizes[0]) + "".join(pieces) + end, bold_at)
            if text not in self.seen:
                self.seen.add(text)
                return text

    def english(self, text: str, terms: set[str]) -> str:
        """Same length and Markdown shape, made-up words; [..](term:id) links kept to the terms given
        (a link to any other term becomes its words)."""
        pieces = self.LINK.split(text)
        letters = "etaoinshrdlucmfwypvbgk"
        for i, piece in enumerate(pieces):
            link = self.LINK_PARTS.fullmatch(piece)
            if link and link.group(2) in terms:
                continue
            words = link.group(1) if link else piece
            pieces[i] = self.WORD.sub(lambda m: "".join(self.rng.choice(letters) for _ in m.group()), words)
        return "".join(pieces)


def bold_positions(zh: str) -> list[int]:
    """Where a line's bold marks stand, as positions in its plain text."""
    plain, at = 0, []
    for i, run in enumerate(zh.split(BOLD)):
        if i:
            at.append(plain)
        plain += len(run)
    return at


def embolden(plain: str, bold_at: list[int]) -> str:
    """plain with ** inserted before each position (clamped to the text, never an empty **…** span)."""
    out, last = [], 0
    for k, pos in enumerate(bold_at):
        pos = min(max(pos, last + (k % 2)), len(plain))  # a closing mark comes at least one character later
        out += [plain[last:pos], BOLD]
        last = pos
    return "".join(out) + plain[last:]


def shift_years(period, years: int):
    """A figure's period moved by years ("2016-2020" +1 -> "2017-2021"); null stays null."""
    if period is None or not years:
        return period
    return YEAR.sub(lambda m: str(int(m.group()) + years), str(period))


class RealSite:
    """The real data folder, read once: the site settings, glossary, goals and vocabulary, and the
    report the synthetic ones copy (the unprefixed report if the site has one, else the first)."""

    def __init__(self, data: Path):
        self.data = data
        self.settings = load_yaml(data / "site.yaml")
        self.report_id = self.settings.get("unprefixed_report") or self.settings["reports"][0]
        self.folder = data / self.report_id
        self._cache: dict[Path, object] = {}
        self.source_text = (self.folder / "source.zh.txt").read_text(encoding="utf-8")
        self.plain_text = self.source_text.replace(BOLD, "")
        self.terms = self.glossary_terms()
        self.matches = sorted({m for t in self.terms for m in t["match_zh"]}, key=len, reverse=True)
        self.quote_words = self.qualifier_words()
        banned = set("".join(self.matches)) | set("0123456789") | NUMERALS
        self.pool = sorted({c for c in self.source_text if CJK.match(c)} - banned)
        # glossary strings that print a number the completeness check counts (1+30, 13710): listed as names
        self.numbered_terms = {m: [n.printed for n in printed_numbers(m) if counts(n)] for m in self.matches}
        self.numbered_terms = {m: numbers for m, numbers in self.numbered_terms.items() if numbers}

    def read(self, name: str):
        """A fresh copy of one YAML file of the real report's folder (each file parsed once)."""
        path = self.folder / name
        if path not in self._cache:
            self._cache[path] = load_yaml(path)
        return copy.deepcopy(self._cache[path])

    def glossary_terms(self) -> list[dict]:
        """The glossary's terms that the copied report's text holds, each with the strings found in it."""
        terms = []
        for term in load_yaml(self.data / "glossary.yaml")["terms"]:
            matches = [m for m in term.get("match_zh") or [term["zh"]] if m in self.plain_text]
            if matches and self.report_id in term.get("reports", [self.report_id]):
                term = {k: v for k, v in term.items() if k != "reports"}
                terms.append({**term, "match_zh": matches})
        return terms

    def qualifier_words(self) -> dict[str, list[str]]:
        """For each qualifier, the words a quote shows it by (the built-in vocabulary and the site's)."""
        from reportsite.vocab import BUILT_IN  # where the package keeps its built-in vocabulary

        words = {}
        for path in (BUILT_IN, self.data / "vocabulary.yaml"):
            if path.exists():
                words.update({q: v["quote_has"] for q, v in (load_yaml(path).get("qualifiers") or {}).items()})
        return words

    def goals(self) -> list[dict]:
        """The copied report's goals, without what later reports say of them."""
        own = [t for t in load_yaml(self.data / "targets.yaml")["targets"] if t["report"] == self.report_id]
        return [{k: v for k, v in t.items() if k not in ("outcome", "status", "reason")} for t in own]

    def terms_in(self, zh: str) -> list[str]:
        """The glossary strings in a real line, longest first, each once."""
        found, rest = [], zh.replace(BOLD, "")
        for m in self.matches:
            if m in rest:
                found.append(m)
                rest = rest.replace(m, "\0")
        return found


class ReportMaker:
    """Writes one synthetic report folder: the real report's parts, its sections repeated factor times.

    It keeps the Chinese lines in source order (`lines`) and counts what it made (`counts`).
    The order of its calls fixes the random text, so a seed always gives the same report."""

    def __init__(self, real: RealSite, factor: int, seed: int):
        self.real = real
        self.factor = factor
        self.fake = Faker(real.pool, seed)
        self.term_ids = {t["id"] for t in real.terms}
        self.lines: list[str] = []
        self.plain: dict[str, str] = {}  # paragraph id -> its made-up Chinese without bold marks
        self.counts = {"sections": 0, "paragraphs": 0, "figures": 0}

    def paragraph(self, p: dict, id_suffix: str, quotes: list[str]) -> dict:
        """A made-up copy of a paragraph, holding its glossary strings and its figures' quotes."""
        q = copy.deepcopy(p)
        q["id"] = p["id"] + id_suffix
        if p.get("aliases"):
            q["aliases"] = [a + id_suffix for a in p["aliases"]]
        segments = self.real.terms_in(p["zh"]) + quotes
        self.fake.rng.shuffle(segments)
        plain = p["zh"].replace(BOLD, "")
        q["zh"] = self.fake.line(len(plain), segments, end="。" if plain.endswith("。") else "",
                                 bold_at=bold_positions(p["zh"]))
        q["en"] = self.fake.english(p["en"], self.term_ids)
        if p.get("emendation"):
            q["emendation"]["zh"] = self.fake.chars(len(p["emendation"]["zh"]))
        self.plain[q["id"]] = q["zh"].replace(BOLD, "")
        self.lines.append(q["zh"])
        self.counts["paragraphs"] += 1
        return q

    def quote(self, fig: dict) -> str:
        """A made-up quote the shape of the real one: the figure's own number with its scale word, the words
        as printed and the words that show its qualifiers are kept; every other Chinese character and digit
        is made up, so that the quote prints no number but the figure's."""
        real = fig["quote_zh"]
        qualifiers = fig.get("qualifier") or []
        kept = [fig["as_printed"]] if fig.get("as_printed") else []
        kept += [w for q in ([qualifiers] if isinstance(qualifiers, str) else qualifiers)
                 for w in self.real.quote_words.get(q, []) if w in real]
        keep = [False] * len(real)
        for word in kept:
            start = real.find(word)
            keep[start:start + len(word)] = [True] * len(word)
        value = fig["value"]
        values = (value["low"], value["high"]) if isinstance(value, dict) else (value,)
        for n in printed_numbers(real):
            if any(n.means(v, fig.get("scale")) for v in values):
                keep[n.start:n.end] = [True] * (n.end - n.start)
        return "".join(c if keep[i] or not (CJK.match(c) or c.isdigit()) else self.fake.rng.choice(self.real.pool)
                       for i, c in enumerate(real))

    def not_figures(self, paragraphs: list[dict]) -> list[dict]:
        """The section's listing: each number a glossary string prints (1+30) as part of a name, quoted by
        the string and, where it occurs more than once in the section, by as much around it as makes it once."""
        plains = [p["zh"].replace(BOLD, "") for p in paragraphs]
        entries = []
        for term, numbers in self.real.numbered_terms.items():
            for plain in plains:
                at = plain.find(term)
                while at >= 0:
                    quote = self.unique_quote(plains, plain, at, len(term))
                    entries += [{"quote": quote, "number": n, "reason": "name"} for n in numbers]
                    at = plain.find(term, at + 1)
        return entries

    @staticmethod
    def unique_quote(plains: list[str], plain: str, at: int, length: int) -> str:
        """plain[at:at + length], widened one character each side until it occurs once in the section."""
        start, end = at, at + length
        while sum(p.count(plain[start:end]) for p in plains) > 1 and (start > 0 or end < len(plain)):
            start, end = max(0, start - 1), min(len(plain), end + 1)
        return plain[start:end]

    def figures(self, section: dict, id_suffix: str, years: int) -> tuple[list[dict], dict[str, list[str]]]:
        """The section's figures with new ids, quotes and periods; the new quotes by (real) paragraph id."""
        new_figs, quotes_by_para = [], {}
        for fig in section.get("figures") or []:
            g = copy.deepcopy(fig)
            g["id"] = fig["id"] + id_suffix
            g["paragraph"] = fig["paragraph"] + id_suffix
            g["quote_zh"] = self.quote(fig)
            g["period"] = shift_years(fig.get("period"), years)
            quotes_by_para.setdefault(fig["paragraph"], []).append(g["quote_zh"])
            new_figs.append(g)
        return new_figs, quotes_by_para

    def section(self, section_id: str, k: int, years: int) -> dict:
        """Copy k of a real section; its Chinese lines join the source."""
        s = self.real.read(f"sections/{section_id}.yaml")
        new_figs, quotes = self.figures(s, suffix(k), years)
        n = copy.deepcopy(s)
        n["id"] = section_id + suffix(k)
        if k > 1:
            n["title"] = {"zh": f"{s['title']['zh']}（{k}）", "en": f"{s['title']['en']} ({k})"}
        if s.get("heading"):
            n["heading"] = self.paragraph(s["heading"], suffix(k), quotes.get(s["heading"]["id"], []))
        n["paragraphs"] = [self.paragraph(p, suffix(k), quotes.get(p["id"], [])) for p in s["paragraphs"]]
        if new_figs:
            n["figures"] = new_figs
        n.pop("not_figures", None)  # the real listing's numbers are not in the made-up text
        listing = self.not_figures(n["paragraphs"] + ([n["heading"]] if n.get("heading") else []))
        if listing:
            n["not_figures"] = listing
        self.counts["sections"] += 1
        self.counts["figures"] += len(new_figs)
        return n

    def part(self, part_id: str, out: Path, years: int) -> dict:
        """A part with its heading made up and its sections repeated; writes the sections to out."""
        part = self.real.read(f"parts/{part_id}.yaml")
        new_part = copy.deepcopy(part)
        if part.get("heading"):
            new_part["heading"] = self.paragraph(part["heading"], "", [])
        new_part["sections"] = []
        for k in range(1, self.factor + 1):
            for section_id in part["sections"]:
                n = self.section(section_id, k, years)
                dump_yaml(n, out / "sections" / f"{n['id']}.yaml")
                new_part["sections"].append(n["id"])
        return new_part

    def text_notes(self, notes: list[dict]) -> list[dict]:
        """The real report's notes on its text, each quoting its made-up paragraph as "official"."""
        out = []
        for note in notes:
            plain = self.plain[note["paragraph"]]
            out.append({**note, "official": plain[:max(1, min(len(note["official"]), len(plain)))]})
        return out

    def write(self, out: Path, report_id: str, year: int) -> None:
        """The report folder: parts/, sections/, report.yaml and source.zh.txt (the lines in order)."""
        meta = self.real.read("report.yaml")
        years = year - meta["year"]
        for part_id in meta["parts"]:
            dump_yaml(self.part(part_id, out, years), out / "parts" / f"{part_id}.yaml")
        meta.update(id=report_id, year=year, date=meta["date"].replace(year=meta["date"].year + years))
        if meta.get("text_notes"):
            meta["text_notes"] = self.text_notes(meta["text_notes"])
        dump_yaml(meta, out / "report.yaml")
        end = "\n" if self.real.source_text.endswith("\n") else ""
        (out / "source.zh.txt").write_text("\n".join(self.lines) + end, encoding="utf-8")
        missing = [m for m in self.real.matches if m not in "\n".join(self.plain.values())]
        if missing:
            raise RuntimeError(f"synthetic report {report_id} lacks glossary strings {missing[:5]}")


def goals_of(real: RealSite, ids: list[str], factor: int) -> list[dict]:
    """The real goals, once for every copy of the sections of every report. A goal of any report but
    the last has an outcome in the next report: its last baseline there (the same year, told a year
    later), or "not reported" when it has no baseline. The first report keeps the real goal ids."""
    goals, real_goals = [], real.goals()
    for i, rid in enumerate(ids):
        for k in range(1, factor + 1):
            for t in real_goals:
                goal = {**t, "id": t["id"] + suffix(k) + (f"-{rid}" if i else ""), "report": rid,
                        "figure": t["figure"] + suffix(k)}
                if t.get("baselines"):
                    goal["baselines"] = [b + suffix(k) for b in t["baselines"]]
                if i + 1 < len(ids):
                    later = ids[i + 1]
                    goal["outcome"] = ({"report": later, "figure": goal["baselines"][-1]} if t.get("baselines")
                                       else {"report": later, "not_reported": True})
                goals.append(goal)
    return goals


def site_settings(real: RealSite, ids: list[str], factor: int) -> dict:
    """site.yaml: the real settings, the synthetic reports, a name saying how large; the first report
    stands where the real one was first published (unprefixed), if the real one does."""
    settings = copy.deepcopy(real.settings)
    name = settings["name"]
    settings["name"] = {"zh": f"{name['zh']}（合成：{len(ids)}份报告，{factor}倍）",
                        "en": f"{name['en']} (synthetic: {len(ids)} reports, {factor}x)"}
    settings["reports"] = ids
    if settings.get("unprefixed_report"):
        settings["unprefixed_report"] = ids[0]
    settings.pop("plans", None)  # a plan names the real reports that set and review it, which are not here
    return settings


SITE_PAGE_ANCHOR = re.compile(r"^/(?:zh|en)/[^/]+/#")  # /en/glossary/#term, /en/ledger/#goal
OWN_GOALS_PAGES = re.compile(r"^/(?:zh|en)/(?:ledger|plans)/.")  # the real goals' cards, filters and plans


def published(real: RealSite, ids: list[str]) -> str | None:
    """The real list of published addresses, for the first report in the real one's place; the addresses
    of the real site's other reports are left out, and so are the anchors on the site's own pages (the
    glossary's terms, the ledger's rows) and the goals' own pages (verdict cards, the ledger's filtered
    pages, plans), since the made-up site has other terms and goals. None when
    the real site has no list."""
    path = real.data / "published.txt"
    if not path.exists():
        return None
    others = [rid for rid in real.settings["reports"] if rid != real.report_id]
    lines = [line.replace(real.report_id, ids[0]) for line in path.read_text(encoding="utf-8").splitlines()
             if not any(rid in line for rid in others) and not SITE_PAGE_ANCHOR.match(line)
             and not OWN_GOALS_PAGES.match(line)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Made:
    """A data folder to build and what it holds; source says whether it is made up or the real one."""

    data: Path
    report_ids: tuple[str, ...]
    counts: dict
    source: str = "synthetic"


def make_synthetic(data: Path, out: Path, factor: int = 1, reports: int = 1, seed: int = 2021) -> Made:
    """A synthetic site data folder from the real one at data.

    It holds `reports` copies of the real report (the unprefixed one, else the first): one keeps the
    real id and year; more are synth-2001, synth-2002 …, each its year (periods moved with it), and
    each goal has an outcome in the next. In every copy the real sections repeat factor times (copy
    k of section s has id s-xk; copy 1 keeps the real id), every Chinese line is made up and unique,
    with the real bold marks, its figures' quotes (keeping each figure's own number and qualifier words)
    and the glossary's strings embedded where the real lines have them (a string that prints a number,
    1+30, is listed under not_figures as a name); English text is made-up words with
    the real Markdown and term links. The glossary keeps the terms the real report uses; goals repeat
    for every copy; published.txt is the real one. Returns the folder, report ids and counts.
    """
    real = RealSite(data)
    ids = report_ids(real.report_id, reports)
    first_year = real.read("report.yaml")["year"] if reports == 1 else FIRST_YEAR
    counts = {"reports": len(ids), "sections": 0, "paragraphs": 0, "figures": 0}
    for i, rid in enumerate(ids):
        maker = ReportMaker(real, factor, seed * 1000 + factor * 100 + i)
        maker.write(out / rid, rid, first_year + i)
        counts.update({k: counts[k] + v for k, v in maker.counts.items()})
    goals = goals_of(real, ids, factor)
    dump_yaml({"targets": goals}, out / "targets.yaml")
    dump_yaml({"terms": real.terms}, out / "glossary.yaml")
    dump_yaml(site_settings(real, ids, factor), out / "site.yaml")
    if (data / "vocabulary.yaml").exists():
        dump_yaml(load_yaml(data / "vocabulary.yaml"), out / "vocabulary.yaml")
    addresses = published(real, ids)
    if addresses is not None:
        (out / "published.txt").write_text(addresses, encoding="utf-8")
    counts.update(targets=len(goals), yaml_bytes=sum(p.stat().st_size for p in out.rglob("*.yaml")))
    return Made(out, tuple(ids), counts)
