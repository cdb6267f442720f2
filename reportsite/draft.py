"""`build.py draft SOURCE --report ID`: a report as published -> a new data folder whose every record is a draft.

SOURCE is the report as published: Markdown when its name ends in .md (YAML front matter with the
official address `source:` and the page's `title:`, **…** around bold sentences, HTML entities, HTML
comments that are not report text), else plain text, one paragraph a line. The folder holds:
- source.zh.txt, the text one paragraph a line, entities decoded (each decoding a text note);
- report.yaml, with what the front matter and the opening lines give;
- parts and sections split by the report's own headings (一、 / （一） / 一是 / bold lead sentences),
  each paragraph with its Chinese and an empty English;
- a proposed figure for every number printed (propose.py).
Every record carries `draft: <what is left>`: check lists them, the build publishes none.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildFailed, Mark, Problems, counted, rel
from .load import read_text
from .model import BOLD, Range
from .coverage import counts
from .numbers import chinese_value, printed_numbers
from .propose import Proposal, Proposer, Scope, clause_around, not_a_figure_reason, plan_years, sentence_around
from .read_report import SOURCE_FILE
from .vocab import BUILT_IN

CN_NUMERAL = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^([{CN_NUMERAL}]+)、(.+)$")
NUMBERED = re.compile(rf"^（([{CN_NUMERAL}]+)）")
POINT = re.compile(rf"^([{CN_NUMERAL}]+)是")
OCCASION = re.compile(r"^—+\s*(\d{4})年(\d{1,2})月(\d{1,2})日在(.+)上$")
SPEAKER = re.compile(r"^(代?(?:市|省|区|县|州|盟)长|总理|主席|代主席)\s*(\S{2,4})$")
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
NOTE_CONTEXT = 4  # characters of context either side of an entity in a text note
CONTEXT_STOPS = "，。；：、！？“”（）《》 &;"
# What a part is about, from the words of its heading, for its id: the first that fits
PART_IDS = (("回顾", "review"), ("目标", "outlook"), ("安排", "plan"), ("政府", "government"))
ROLES_EN = {"市长": "Mayor", "代市长": "Acting Mayor", "省长": "Governor", "代省长": "Acting Governor",
            "总理": "Premier", "区长": "Head of District", "县长": "County Head", "主席": "Chairman"}
PLAN_NAME = re.compile(r"十([一二三四五六七八九])五")
PAST_FIVE = re.compile(r"过去五年|五年来")
NEXT_FIVE = re.compile(r"今后五年|未来五年")
LAST_YEAR = re.compile(r"过去的?一年|一年来|这一年|去年")
SITE_TOPICS = (("economy", "经济", "Economy"), ("industry", "产业", "Industry"), ("innovation", "创新", "Innovation"),
               ("urban", "城市建设", "Urban development"), ("environment", "生态环境", "Environment"),
               ("livelihoods", "民生", "Livelihoods"), ("government", "政府建设", "Government"))


@dataclass(frozen=True)
class Decoded:
    """Words of a line where the copy wrote HTML entities, as the copy has them and as the page shows them."""

    line: int  # index in Published.lines
    earlier: str
    official: str
    entities: tuple[str, ...]


@dataclass(frozen=True)
class Published:
    """A report as published: the official address and page title (from front matter), its paragraphs."""

    url: str
    page_title: str
    lines: tuple[str, ...]
    decoded: tuple[Decoded, ...]


@dataclass(frozen=True)
class Opening:
    """What the lines before the first part say: the title, when, where and by whom the report was given."""

    title: str | None
    date: dt.date | None
    occasion: str | None
    speaker: str | None
    role: str | None


@dataclass(frozen=True)
class DraftSection:
    id: str
    title_zh: str
    heading: int | None  # the index of its own heading line, if it has one
    lines: tuple[int, ...]  # indexes of its paragraphs
    how: str  # where it starts, for its draft note
    subheads: frozenset[int] = frozenset()  # paragraphs that are only a heading (the report's title line)


@dataclass(frozen=True)
class DraftPart:
    id: str
    number: int | None
    title_zh: str
    heading: int | None
    sections: tuple[DraftSection, ...]


@dataclass(frozen=True)
class Unlisted:
    """A number the completeness check counts that no proposed figure takes: listed as not a figure."""

    quote: str
    number: str
    reason: str


@dataclass(frozen=True)
class Drafted:
    """What `build.py draft` wrote, for its summary."""

    folder: Path
    parts: int
    sections: int
    paragraphs: int
    figures: int
    not_figures: int
    site_files: tuple[Path, ...]  # site.yaml, glossary.yaml, targets.yaml written because the folder had none
    listed: bool  # whether site.yaml lists the report


# -- reading the published text -----------------------------------------------------------------


def read_published(text: str, markdown: bool) -> Published:
    """The paragraphs of a report as published, one a line, as the official page shows them."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    front: dict[str, str] = {}
    if markdown and text.startswith("---\n") and "\n---\n" in text[3:]:
        head, text = text[4:].split("\n---\n", 1)
        for line in head.split("\n"):  # key: value lines (source: https://…, title: …)
            key, colon, value = line.partition(":")
            if colon:
                front[key.strip()] = value.strip().strip("\"'")
    if markdown:
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # a photo's caption on the page: not report text
    raw = [line.strip(" \t") for line in text.split("\n")]
    raw = [line for line in raw if line]
    decoded = tuple(d for i, line in enumerate(raw) if markdown for d in _decodings(i, line))
    lines = tuple(html.unescape(line) if markdown else line for line in raw)
    return Published(front.get("source", ""), front.get("title", ""), lines, decoded)


def _decodings(index: int, line: str) -> list[Decoded]:
    """Each run of HTML entities in a line, with a few characters of context either side (from the line
    without its bold marks, as quotes and text notes are checked)."""
    plain = line.replace(BOLD, "")
    runs: list[list[int]] = []
    for m in ENTITY.finditer(plain):
        if html.unescape(m.group()) == m.group():
            continue  # not an entity HTML knows: printed as it is
        if runs and m.start() - runs[-1][1] <= 2 * NOTE_CONTEXT:
            runs[-1][1] = m.end()
        else:
            runs.append([m.start(), m.end()])
    out = []
    for start, end in runs:
        left, right = start, end
        while left > 0 and start - left < NOTE_CONTEXT and plain[left - 1] not in CONTEXT_STOPS:
            left -= 1
        while right < len(plain) and right - end < NOTE_CONTEXT and plain[right] not in CONTEXT_STOPS:
            right += 1
        earlier = plain[left:right]
        out.append(Decoded(index, earlier, html.unescape(earlier), tuple(dict.fromkeys(ENTITY.findall(earlier)))))
    return out


def entity_note(entities: tuple[str, ...]) -> tuple[str, str]:
    """What a text note says of decoded entities, in Chinese and English."""
    chars = "".join(html.unescape(e) for e in entities)
    named = "、".join(f"“{e}”" for e in entities)
    several = len(entities) > 1
    en = (f"The copy's HTML entit{'ies' if several else 'y'} {', '.join(entities)} "
          f"{'are' if several else 'is'} shown as the character{'s' if several else ''} "
          f"{'they stand' if several else 'it stands'} for, {chars}.")
    return f"抄本中的HTML实体{named}还原为它所代表的字符“{chars}”。", en


def copy_differences(entity: str) -> tuple[str, str]:
    """How a copy with entities differs from the official page throughout, in Chinese and English."""
    return (f"本站使用的抄本把个别字符写成HTML实体（如“{entity}”），官方网页显示为字符本身；本站文本按官方网页显示。",
            f"The copy this site used writes a few characters as HTML entities (such as {entity}), which the "
            "official page shows as the characters themselves; the text here shows them as the official page does.")


def _is_title(line: str) -> bool:
    plain = line.replace(BOLD, "").strip()
    return plain.endswith("报告") and len(plain) <= 30


def read_opening(lines: tuple[str, ...]) -> Opening:
    """Title, date, occasion and speaker from the opening lines (an occasion may run over two lines)."""
    title = date = occasion = speaker = role = None
    for i, line in enumerate(lines):
        plain = line.replace(BOLD, "").strip()
        if title is None and _is_title(line):
            title = plain
        if plain.startswith("—") and date is None:
            joined = "".join(x.replace(BOLD, "").strip() for x in lines[i: i + 3])
            m = OCCASION.match(joined[: joined.find("上") + 1] if "上" in joined else joined)
            if m:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                occasion = m.group(4).removeprefix("在")
        if speaker is None and (m := SPEAKER.match(plain)):
            role, speaker = m.group(1), m.group(2)
    return Opening(title, date, occasion, speaker, role)


# -- the report's own structure -------------------------------------------------------------------


def is_part_heading(line: str) -> bool:
    plain = line.replace(BOLD, "").strip()
    return bool(PART_HEADING.match(plain)) and len(plain) <= 60 and "。" not in plain[:-1]


def is_heading_line(line: str) -> bool:
    """A line that is only a heading: no sentence ends inside it."""
    plain = line.replace(BOLD, "").strip()
    return len(plain) <= 100 and not any(mark in plain[:-1] for mark in "。；！？")


def split_parts(lines: tuple[str, ...]) -> tuple[DraftPart, ...]:
    """The opening (the lines before the first part heading), then each numbered part."""
    starts = [i for i, line in enumerate(lines) if is_part_heading(line)]
    bounds = list(zip([0] + starts, starts + [len(lines)]))
    parts, used = [], set()
    for k, (start, end) in enumerate(bounds):
        if k == 0:
            if end > 0:
                titles = frozenset(i for i in range(end) if _is_title(lines[i]))
                parts.append(DraftPart("opening", None, "开篇", None, (
                    DraftSection("opening-remarks", "报告场合与开场", None, tuple(range(0, end)),
                                 "the lines before the first part", titles),)))
            continue
        title = PART_HEADING.match(lines[start].replace(BOLD, "").strip()).group(2)
        part_id = next((name for word, name in PART_IDS if word in title and name not in used), f"part-{k}")
        used.add(part_id)
        last = k == len(bounds) - 1
        parts.append(DraftPart(part_id, k, title, start, split_sections(part_id, lines, start + 1, end, last)))
    return tuple(parts)


def split_sections(part_id: str, lines: tuple[str, ...], start: int, end: int, last: bool) -> tuple[DraftSection, ...]:
    """A part's sections: one for each （一）, each 一是 and each bold lead sentence outside a （一）; the text
    before the first, and after a 一是 paragraph, is a section of its own."""
    blocks: list[dict] = []
    for i in range(start, end):
        line = lines[i]
        plain = line.replace(BOLD, "").strip()
        current = blocks[-1]["kind"] if blocks else None
        if m := NUMBERED.match(plain):
            blocks.append(dict(kind="numbered", n=_cn(m.group(1)), lines=[i], heading=is_heading_line(line)))
        elif (m := POINT.match(plain)) and current != "numbered":
            blocks.append(dict(kind="point", n=_cn(m.group(1)), lines=[i]))
        elif line.startswith(BOLD) and current != "numbered":
            blocks.append(dict(kind="lead", lines=[i]))
        elif last and i == end - 1 and plain.startswith("各位代表") and blocks:
            blocks.append(dict(kind="closing", lines=[i]))
        elif current is None or current == "point":
            blocks.append(dict(kind="overview" if current is None else "text", lines=[i]))
        else:
            blocks[-1]["lines"].append(i)
    sections, taken, counts = [], set(), {}
    for block in blocks:
        kind = block["kind"]
        counts[kind] = counts.get(kind, 0) + 1
        base = {"numbered": f"{part_id}-{block.get('n')}", "point": f"{part_id}-point-{block.get('n')}",
                "lead": f"{part_id}-{counts[kind]}", "text": f"{part_id}-text-{counts[kind]}",
                "overview": f"{part_id}-overview", "closing": f"{part_id}-closing"}[kind]
        ident = _unique(base, taken)
        heading = block["lines"][0] if block.get("heading") else None
        paragraphs = tuple(block["lines"][1:] if heading is not None else block["lines"])
        sections.append(DraftSection(ident, _section_title(kind, lines[block["lines"][0]]), heading, paragraphs,
                                     HOW[kind]))
    return tuple(sections)


HOW = {"numbered": "a heading （一）…", "point": "an item 一是…", "lead": "a bold lead sentence",
       "overview": "the text before the part's first heading", "text": "the text after an item 一是…",
       "closing": "the report's closing words"}


def _cn(numeral: str) -> int:
    return chinese_value(numeral) or 0


def _unique(ident: str, taken: set[str]) -> str:
    n, candidate = 1, ident
    while candidate in taken:
        n += 1
        candidate = f"{ident}-{n}"
    taken.add(candidate)
    return candidate


def _section_title(kind: str, line: str) -> str:
    """The words a section's heading or lead gives it: （一）以“拓荒牛”精神…**  ->  以“拓荒牛”精神…"""
    if kind in ("overview", "text", "closing"):
        return ""
    plain = line.replace(BOLD, "").strip()
    if kind == "lead":
        plain = line[2:].split(BOLD, 1)[0]
    plain = NUMBERED.sub("", POINT.sub("", plain) if kind == "point" else plain)
    return re.split(r"[。：！]", plain, maxsplit=1)[0].strip()


# -- the time each stretch of text speaks of ----------------------------------------------------------


def scope_from(words: str, year: int) -> Scope | None:
    """The time the first marker in words names: a plan (“十三五”), five years, a year (2021年, 今年)."""
    found: list[tuple[int, Scope]] = []
    if m := PLAN_NAME.search(words):
        first, last = plan_years(_cn(m.group(1)))
        found.append((m.start(), Scope(first, last, last < year, f"“{m.group(0)}” ({first}-{last})")))
    if m := PAST_FIVE.search(words):
        found.append((m.start(), Scope(year - 5, year - 1, True, f"{m.group(0)} ({year - 5}-{year - 1})")))
    if m := NEXT_FIVE.search(words):
        found.append((m.start(), Scope(year, year + 4, False, f"{m.group(0)} ({year}-{year + 4})")))
    if m := re.search(r"(\d{4})年", words):
        y = int(m.group(1))
        found.append((m.start(), Scope(y, y, y < year, "the report's year" if y == year else f"the year {y}")))
    if m := LAST_YEAR.search(words):
        found.append((m.start(), Scope(year - 1, year - 1, True, f"the year reviewed, {year - 1}")))
    if m := re.search(r"今年", words):
        found.append((m.start(), Scope(year, year, False, "the report's year")))
    return min(found, key=lambda item: item[0])[1] if found else None


def scopes(parts: tuple[DraftPart, ...], lines: tuple[str, ...], year: int) -> dict[int, Scope]:
    """For each line, the time it speaks of: its part's heading sets it; a paragraph that opens with another
    time (刚刚过去的2020年, 回顾过去五年) changes it until the next."""
    out = {}
    for part in parts:
        heading = lines[part.heading].replace(BOLD, "") if part.heading is not None else ""
        scope = scope_from(heading, year) or Scope(year, year, False, "the report's year")
        for section in part.sections:
            for i in ([section.heading] if section.heading is not None else []) + list(section.lines):
                opening = re.sub(r"^各位代表[，！：]", "", lines[i].replace(BOLD, "").strip())[:14]
                scope = scope_from(opening, year) or scope
                out[i] = scope
    return out


# -- writing the folder ------------------------------------------------------------------------------


def draft_report(source: Path, report_id: str, data: Path, root: Path, content: Path | None = None) -> Drafted:
    """Write data/<report_id>/ from the published text at source; refuse a folder that exists. In a new site
    (no site.yaml), write a minimal one around it, with its prose pages in content when that is missing."""
    problems = Problems()
    folder = data / report_id
    shown = rel(source, root)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", report_id):
        problems.add(Mark("--report"), "", "an id of lowercase letters, digits and single hyphens (city-2024)",
                     repr(report_id))
    if folder.exists():
        problems.add(Mark(rel(folder, root)), "", "a new folder (draft never overwrites a report: move it away "
                     "or choose another --report)", "a folder that exists")
    text = read_text(source, shown, problems)
    if problems:
        raise BuildFailed(problems)
    published = read_published(text, source.suffix.lower() in (".md", ".markdown"))
    opening = read_opening(published.lines)
    year = opening.date.year if opening.date else _year_of(published.page_title)
    if year is None:
        problems.add(Mark(shown), "", "an occasion line (——2023年3月21日在…会议上) or a front matter title with the "
                     "year (title: 2023年政府工作报告)", "neither")
    parts = split_parts(published.lines)
    if len(parts) < 2:
        problems.add(Mark(shown), "", "parts headed 一、… 二、… (each on a line of its own)", "no part heading")
    if problems:
        raise BuildFailed(problems)
    lines = published.lines
    proposer = Proposer(year, _units())
    scope_of = scopes(parts, lines, year)
    folder.mkdir(parents=True)
    (folder / SOURCE_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    ids = {i: pid for part in parts for s in part.sections for i, pid in _paragraph_ids(part, s).items()}
    (folder / "report.yaml").write_text(report_yaml(report_id, published, opening, year, parts, ids, source.name),
                                        encoding="utf-8")
    (folder / "parts").mkdir()
    (folder / "sections").mkdir()
    figures = listed_numbers = 0
    for part in parts:
        (folder / "parts" / f"{part.id}.yaml").write_text(part_yaml(part, lines), encoding="utf-8")
        for section in part.sections:
            proposals = {i: proposer.propose(lines[i].replace(BOLD, ""), scope_of.get(i, _default(year)))
                         for i in _lines_of(section)}
            unlisted = not_figures(section, lines, proposals)
            figures += sum(len(p) for p in proposals.values())
            listed_numbers += len(unlisted)
            (folder / "sections" / f"{section.id}.yaml").write_text(
                section_yaml(section, lines, _paragraph_ids(part, section), proposals, unlisted), encoding="utf-8")
    written, listed = write_site_files(data, content, report_id, opening, year)
    return Drafted(folder, len(parts), sum(len(p.sections) for p in parts), len(lines), figures, listed_numbers,
                   written, listed)


def not_figures(section: DraftSection, lines: tuple[str, ...], proposals: dict[int, list[Proposal]]) -> list[Unlisted]:
    """The numbers of a section the completeness check counts and no proposal takes, each with the words
    that hold it (a clause, widened to its sentence or paragraph until they occur once in the section)."""
    texts = [lines[i].replace(BOLD, "") for i in _lines_of(section)]
    out: list[Unlisted] = []
    for i, text in zip(_lines_of(section), texts):
        taken = {start for p in proposals.get(i, []) for start in p.takes}
        for n in printed_numbers(text):
            if not counts(n) or n.start in taken:
                continue
            quote = ""
            for start, end in (clause_around(text, n.start, n.end), sentence_around(text, n.start, n.end),
                               (0, len(text))):
                quote = text[start:end].strip()
                if sum(t.count(quote) for t in texts) == 1:
                    break
            entry = Unlisted(quote, n.printed, not_a_figure_reason(text, n.start, n.end))
            if entry not in out:
                out.append(entry)
    return out


def _default(year: int) -> Scope:
    return Scope(year, year, False, "the report's year")


def _year_of(title: str) -> int | None:
    m = re.search(r"(\d{4})年", title)
    return int(m.group(1)) if m else None


def _units() -> dict[str, tuple[str, str]]:
    """The built-in units: id -> (the word after the number, style)."""
    units = yaml.safe_load(BUILT_IN.read_text(encoding="utf-8"))["units"]
    return {unit: (spec["zh"], spec["style"]) for unit, spec in units.items()}


def _lines_of(section: DraftSection) -> list[int]:
    return ([section.heading] if section.heading is not None else []) + list(section.lines)


def _paragraph_ids(part: DraftPart, section: DraftSection) -> dict[int, str]:
    ids = {i: f"{section.id}-p{k}" for k, i in enumerate(section.lines, 1)}
    if section.heading is not None:
        ids[section.heading] = f"{section.id}-heading"
    if part.heading is not None and section is part.sections[0]:
        ids[part.heading] = f"{part.id}-heading"
    return ids


def q(value: object) -> str:
    """A YAML scalar: ids and numbers plain, text in double quotes (JSON's quoting is YAML's)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", value) and \
            value not in ("null", "true", "false", "yes", "no", "on", "off", "y", "n"):
        return value
    return json.dumps(value, ensure_ascii=False)


def bi(zh: str, en: str = "") -> str:
    return f"{{zh: {q(zh)}, en: {q(en)}}}"


# A place's level, guessed from the end of its name in the occasion (太原市 a city, 山西省 a province; 全国人民代表大会
# the nation's congress), longest first: 自治区 is a province, 浦东新区 a county
LEVEL_SUFFIXES = (("特别行政区", "province"), ("自治区", "province"), ("省", "province"), ("市", "city"),
                  ("州", "city"), ("盟", "city"), ("县", "county"), ("区", "county"), ("旗", "county"),
                  ("镇", "township"), ("乡", "township"))


def place_level(place_full: str, occasion: str) -> str:
    """The level of the place a report is of, read from the occasion; a city when nothing says."""
    if "全国人民代表大会" in occasion:
        return "nation"
    return next((level for suffix, level in LEVEL_SUFFIXES if place_full.endswith(suffix)), "city")


def report_yaml(report_id: str, published: Published, opening: Opening, year: int, parts: tuple[DraftPart, ...],
                ids: dict[int, str], source_name: str) -> str:
    place_full = re.split(r"第[一二三四五六七八九十百]+届", opening.occasion or "", maxsplit=1)[0]
    place = re.sub(r"(市|省|自治区|特别行政区)$", "", place_full)
    title = place_full + (opening.title or re.sub(r"^\d{4}年", "", published.page_title) or "政府工作报告")
    issuer = f"{place_full}人民政府" if place_full else ""
    read = [name for name, value in (("title", opening.title), ("date", opening.date), ("speaker", opening.speaker),
                                     ("occasion", opening.occasion)) if value]
    missing = [name for name, value in (("date", opening.date), ("speaker", opening.speaker),
                                        ("occasion", opening.occasion), ("official address", published.url),
                                        ("page title", published.page_title)) if not value]
    what = f"read from the opening lines: {', '.join(read) or 'nothing'}; place, its level and issuer from the occasion"
    if missing:
        what += f"; not in the text, to write: {', '.join(missing)}"
    what += "; to write: the English of every name, and each part's summary"
    date = opening.date or dt.date(year, 1, 1)
    out = [f"# Drafted by build.py draft from {source_name}.",
           "# Check each value, write the English, then delete the draft: line. The build publishes no report",
           "# with a draft left (build.py check lists them).",
           f"id: {report_id}", f"draft: {q(what)}", f"title: {bi(title)}", f"year: {year}",
           f"date: {date.isoformat()}" + ("" if opening.date else "  # not in the text: write the date of the session"),
           f"issuer: {bi(issuer)}", f"speaker: {bi(opening.speaker or '')}",
           f"speaker_role: {bi(opening.role or '', ROLES_EN.get(opening.role or '', ''))}",
           f"occasion: {bi(opening.occasion or '')}",
           f"place: {{zh: {q(place)}, en: {q('')}, level: {place_level(place_full, opening.occasion or '')}}}",
           f"parts: [{', '.join(p.id for p in parts)}]",
           "source:", f"  url: {q(published.url)}", f"  title: {q(published.page_title)}",
           f"  publisher: {bi(issuer)}"]
    if published.decoded:
        zh, en = copy_differences(published.decoded[0].entities[0])
        out += ["  differences:", f"    zh: {q(zh)}", f"    en: {q(en)}"]
        out.append("# Where the copy wrote HTML entities: the text shows the characters they stand for.")
        out.append("text_notes:")
        for d in published.decoded:
            out += [f"  - paragraph: {ids[d.line]}", f"    earlier: {q(d.earlier)}", f"    official: {q(d.official)}",
                    f"    note: {bi(*entity_note(d.entities))}"]
    return "\n".join(out) + "\n"


def part_yaml(part: DraftPart, lines: tuple[str, ...]) -> str:
    out = [f"id: {part.id}",
           f"draft: {q('title (from its heading) to check; summary and the English to write')}",
           f"number: {q(part.number)}", f"title: {bi(part.title_zh)}"]
    if part.heading is not None:
        out += ["heading:", f"  id: {part.id}-heading", "  draft: untranslated", f"  # line {part.heading + 1}",
                f"  zh: {q(lines[part.heading])}", '  en: ""', "  heading: true"]
    out += [f"summary: {bi('')}", "sections:"] + [f"  - {s.id}" for s in part.sections]
    return "\n".join(out) + "\n"


def section_yaml(section: DraftSection, lines: tuple[str, ...], ids: dict[int, str],
                 proposals: dict[int, list[Proposal]], unlisted: list[Unlisted]) -> str:
    numbers = _lines_of(section)
    out = [f"# source lines {min(numbers) + 1}-{max(numbers) + 1}", f"id: {section.id}",
           f"draft: {q(f'split at {section.how}; title to check, explainer and the English to write')}",
           f"title: {bi(section.title_zh)}"]
    if section.heading is not None:
        out += ["heading:", f"  id: {ids[section.heading]}", "  draft: untranslated", f"  # line {section.heading + 1}",
                f"  zh: {q(lines[section.heading])}", '  en: ""', "  heading: true"]
    out += [f"explainer: {bi('')}", "paragraphs:"]
    for i in section.lines:
        heading = ["    heading: true"] if i in section.subheads else []
        out += [f"  - id: {ids[i]}", "    draft: untranslated", f"    # line {i + 1}", f"    zh: {q(lines[i])}",
                '    en: ""'] + heading
    figures = [(i, p) for i in numbers for p in proposals.get(i, [])]
    out.append("figures:" + ("" if figures else " []"))
    for k, (i, p) in enumerate(figures, 1):
        out += figure_yaml(f"{section.id}-f{k}", ids[i], p)
    if unlisted:
        out.append("not_figures:")
    for entry in unlisted:
        out += [f"  - quote: {q(entry.quote)}",
                f"    draft: {q(f'reason guessed from the words around it ({entry.reason}); a figure instead, if it is one')}",
                f"    number: {q(entry.number)}", f"    reason: {entry.reason}"]
    return "\n".join(out) + "\n"


def figure_yaml(ident: str, paragraph: str, p: Proposal) -> list[str]:
    value = f"{{low: {q(p.value.low)}, high: {q(p.value.high)}}}" if isinstance(p.value, Range) else q(p.value)
    qualifier = (q(p.qualifiers[0]) if len(p.qualifiers) == 1 else f"[{', '.join(p.qualifiers)}]") \
        if p.qualifiers else None
    rows = [("id", ident), ("draft", q(p.guessed)), ("paragraph", paragraph), ("quote_zh", q(p.quote)),
            ("quote_en", '""'), ("label", bi(p.label_zh)), ("value", value), ("unit", p.unit),
            ("measure_zh", q(p.measure_zh or "") if p.unit == "count" else None), ("scale", p.scale),
            ("as_printed", q(p.as_printed) if p.as_printed else None), ("qualifier", qualifier),
            ("period", q(p.period)), ("average", "true" if p.average else None), ("kind", p.kind), ("topic", "null")]
    written = [(key, value) for key, value in rows if value is not None]
    return [("  - " if n == 0 else "    ") + f"{key}: {value}" for n, (key, value) in enumerate(written)]


def write_site_files(data: Path, content: Path | None, report_id: str, opening: Opening,
                     year: int) -> tuple[tuple[Path, ...], bool]:
    """A minimal site around the report when the data folder has no site.yaml: site.yaml, a glossary and a
    goals file when it has none, and the two prose pages every site has when content (the site's content
    folder) does not exist; whether site.yaml lists the report."""
    written = []
    site = data / "site.yaml"
    if not site.exists():
        date = (opening.date or dt.date(year, 1, 1)).isoformat()
        topics = "\n".join(f"  {key}: {bi(zh, en)}" for key, zh, en in SITE_TOPICS)
        what = "name and licence to write" + (f"; and the home and about pages in {content.name}/" if content else "")
        site.write_text(
            "# Written by build.py draft: a minimal site for the drafted report. Write the name and the licence,\n"
            "# adjust the topics, then delete the draft: line.\n"
            f"draft: {q(what)}\nname: {bi('')}\nlicence: {bi('')}\n"
            f"last_updated: {date}\nreports: [{report_id}]\ntopics:\n{topics}\n", encoding="utf-8")
        written.append(site)
        if content is not None and not content.exists():
            written += write_pages(content)
    for name, empty in (("glossary.yaml", "terms: []\n"), ("targets.yaml", "targets: []\n")):
        if not (data / name).exists():
            (data / name).write_text(empty, encoding="utf-8")
            written.append(data / name)
    listed = yaml.safe_load(site.read_text(encoding="utf-8")) or {}
    return tuple(written), report_id in (listed.get("reports") or [] if isinstance(listed, dict) else [])


def write_pages(content: Path) -> list[Path]:
    """The home and about pages of a new site, titled and otherwise empty (site.yaml's draft: names them)."""
    written = []
    for lang, slug, title in (("zh", "home", "首页"), ("en", "home", "Home"), ("zh", "about", "关于本站"),
                              ("en", "about", "About")):
        path = content / lang / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {title}\n", encoding="utf-8")
        written.append(path)
    return written


def summary_lines(drafted: Drafted, project) -> list[str]:
    """What draft wrote, and what to do next."""
    shown = rel(drafted.folder, project.root)
    lines = [f"drafted {shown}/: {counted(drafted.parts, 'part')}, {counted(drafted.sections, 'section')}, "
             f"{counted(drafted.paragraphs, 'paragraph')}, {counted(drafted.figures, 'figure')} proposed, "
             f"{counted(drafted.not_figures, 'number')} listed as not figures; every record is marked draft: until "
             "reviewed"]
    if drafted.site_files:
        lines.append("wrote " + ", ".join(rel(p, project.root) for p in drafted.site_files)
                     + " (a minimal site around the report)")
    if not drafted.listed:
        lines.append(f"add {drafted.folder.name} to reports: in {rel(project.data / 'site.yaml', project.root)}")
    data = rel(project.data, project.root)
    lines.append(f"next: build.py check --data {data}   (lists the drafts left, file:line each)")
    return lines
