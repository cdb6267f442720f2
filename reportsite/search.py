"""The search index: an inverted index of words in both languages, cut in small pieces that the
search page loads only when a query needs them.

    tokens("全年地区生产总值增长9.2%, GDP up 9.2%")
    -> [("全年", 0), ("年地", 1), …, ("长", 8), ("9.2", 9), ("gdp", 10), ("up", 11), ("9.2", 12)]

A text is read as tokens with positions (tokenize): a number is one token, whole ("9.2" never
matches 29.2 or 9.25; "4,500" is 4500), a Latin word is one token, and a run of Chinese characters
gives every pair of neighbours (高新, 新技, 技术 …) and its last character, so that any run of
Chinese in a query finds its entries without a dictionary. assets/search.js reads a query with the
same rules (tests/test_search.py runs both on the same texts).

What is written (files):
- postings: token -> for each entry that holds it, the positions where it stands (title
  positions from 0, body positions from BODY), so that the browser can tell a phrase from
  scattered words and a title from a body; one language-neutral set, cut by token ranges (where the
  tokens say, so that an edit moves no cut far from it) into files named by their content
  (search/t.<hash>.js);
- fragments: what a result shows of each entry, for both languages at once (kind and the Chinese and
  English text for the snippet once; link, title, report and value in each language), BLOCK entries
  to a small file named by its content (search/d.<hash>.js);
- root: for each language, what the search page carries inline (search.html): the shards' first
  tokens and names, the fragments' files, and each entry's kind and report, for ranking and
  filters before anything is loaded.
Every file is a script that hands its data to window.reportSearch, so that it loads from file://
too (no fetch of JSON there). The same input gives the same bytes.

The index is made of parts (Part), one for each section, one for each report's figures and one for the glossary's
terms and the pages, each counted from its first entry; a build keeps them between builds (search_store.py), so
that an edit of one section makes again that section's part only, and splices its tokens' postings into the last
build's (merge_again).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import marshal
import operator
import posixpath
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from . import LANGS, l10n
from .links import LinkPolicy
from .model import Report, Section, Site
from .pages import KIND, page_url
from .reads import DataReads, fingerprint

TERM_LINK = re.compile(r"\[([^\]]*)\]\(term:[^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MD_MARKS = re.compile(r"[*_`#>]")

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"\d+(?:\.\d+)?|[a-z]+|[{CJK}]+")
THOUSANDS = re.compile(r"(\d),(?=\d{3}(?!\d))")  # 4,500 -> 4500, as a query types it
# Words too common to find anything: not indexed, but they keep their place (a phrase spans them).
STOP_WORDS = frozenset("a an and are as at be by for from has have in is it its of on or that the this to was "
                       "we were will with".split())
BODY = 1000  # a body's first position: a title's tokens stand below it, so a position says which it is in
GAP = 10  # positions between the Chinese and the English of a text: no phrase spans the two
SHARD_BYTES = 6_000  # a postings file's size before compression: about 3 KB gzipped, so a query loads a few
# Fragments a file holds: a page of ten results loads at most ten files of about 1.7 KB gzipped (a first query 36-52 KB
# in all, of the 60 KB it may), an edit of a section renames one or two, and a build writes 472 files for six reports'
# 1,886 entries, not one each (on a slow file system a file costs a build about a millisecond).
BLOCK = 4
# An entry's kind: s section, p paragraph, f figure, t goal (a figure a report sets as a goal),
# g glossary term, w page. Goals and the figures that report a goal's outcome are key entries:
# the root writes their kind in capitals, and they rank before the rest.
KINDS = ("s", "p", "f", "t", "g", "w")
CALLBACK = "reportSearch"
FOLDER = "search/"  # every file of the index: named by content, so never a published address (record.py)
# The one-piece index of earlier editions had a fixed name that data/published.txt records: it stays, empty.
RETIRED = (b"/* The search index is in /search/ now, in pieces named by their content. This file stays because "
           b"its address was published. */\n")


def plain(markdown_text: str) -> str:
    return MD_MARKS.sub("", LINK.sub(r"\1", TERM_LINK.sub(r"\1", markdown_text)))


def normalize(text: str) -> str:
    """What a text is read as: compatibility forms folded (全角 digits, ％), lower case, no thousands commas."""
    return THOUSANDS.sub(r"\1", unicodedata.normalize("NFKC", text).lower())


def tokenize(text: str, start: int = 0) -> list[tuple[str, int]]:
    """(token, position) of a text whose first token stands at start; a stop word takes a position."""
    out, at = [], start
    for word in TOKEN.findall(normalize(text)):
        if "\u3400" <= word[0]:
            n = len(word)
            out += zip(map(operator.add, word, word[1:]), range(at, at + n - 1))  # its pairs, word[i:i + 2]
            out.append((word[-1], at + n - 1))
            at += n
        else:
            if word not in STOP_WORDS:
                out.append((word, at))
            at += 1
    return out


@dataclass(frozen=True)
class Entry:
    """One search result, in one language. The fields of its fragment (fragment()) are what the page
    shows; title_text and body_text, in both languages, are what is searched."""

    kind: str
    url: str  # relative to the language's search page
    title: str  # in the page's language
    report: str | None  # the report's label in the page's language (None: the glossary, a page)
    report_id: str | None
    zh: str  # the Chinese text shown in a snippet
    en: str
    title_text: str  # both languages' titles (and a figure's values): matches here rank first
    value: str | None = None  # a figure's period and value, as shown
    key: bool = False
    place: str | None = None  # its report's place with its level, on a site of several places (one is no news)

    def fragment(self) -> dict:
        """What the page shows of it: k kind, u link, t title, r report (its place and year), pl place (on a site
        of several places), v value, z / e the texts. A new field is a new key here."""
        out = {"k": self.kind, "u": self.url, "t": self.title, "z": self.zh, "e": self.en}
        if self.report:
            out["r"] = self.report
        if self.place:
            out["pl"] = self.place
        if self.value:
            out["v"] = self.value
        return out

    def tokens(self) -> list[tuple[str, int]]:
        """Its title's tokens from 0, its body's from BODY (the Chinese, then the English)."""
        body = tokenize(self.zh, BODY)
        english_start = (body[-1][1] if body else BODY) + GAP
        return tokenize(self.title_text) + body + tokenize(self.en, english_start)


def fragment(entry: dict[str, Entry]) -> dict:
    """One entry's fragment for both languages' pages: the fields the same in both once (its kind, the Chinese
    and English texts), the others under each language ({"k": "f", "z": …, "e": …, "en": {"t": "GDP", …},
    "zh": {"t": "地区生产总值", …}}); a page reads its own language's over the rest (assets/search.js)."""
    shown = {lang: e.fragment() for lang, e in entry.items()}
    first = shown[LANGS[0]]
    same = {key: value for key, value in first.items() if all(key in f and f[key] == value for f in shown.values())}
    return {**same, **{lang: {k: v for k, v in f.items() if k not in same} for lang, f in shown.items()}}


def in_language(fragment: dict, lang: str) -> dict:
    """What a language's page shows of a fragment (fragment()): as assets/search.js reads it."""
    return {**{k: v for k, v in fragment.items() if k not in LANGS}, **fragment[lang]}


def entries(site: Site, lang: str, links: LinkPolicy) -> list[Entry]:
    """Every report's sections, paragraphs, figures and goals in order, place by place, then glossary terms and
    pages; links are relative to the language's search page. The same entries, in the same order, in both
    languages."""
    return [e for report in in_order(site) for e in report_entries(site, report, lang, links)] + \
        other_entries(site, lang, links)


def in_order(site: Site) -> list[Report]:
    """The reports in the index's order: place by place, so that a place's entries stand together."""
    return [r for _, reports in site.places for r in reports]


def outcome_figures(site: Site, report: Report) -> frozenset[str]:
    """The report's figures that report the outcome of a goal (of any report): key entries."""
    return frozenset(t.outcome.figure.id for t in site.targets
                     if t.outcome and t.outcome.figure and t.outcome.figure.report_id == report.id)


def report_entries(site: Site, report: Report, lang: str, links: LinkPolicy) -> list[Entry]:
    """A report's sections, paragraphs, figures and goals: each section's entries, then its figures'."""
    return [e for section in report.sections for e in section_entries(site, report, section, lang, links)] + \
        figure_entries(site, report, lang, links)


def _report_links(report: Report, lang: str, links: LinkPolicy) -> Callable[..., str]:
    here = page_url("search", lang)

    def link(kind: str, ident: str | None = None, fragment: str | None = None) -> str:
        return links.page(here, kind, lang, ident, fragment, report.id)

    return link


def _place(site: Site, report: Report, lang: str) -> str | None:
    return l10n.place_name(report.place, lang) if len(site.places) > 1 else None


def section_entries(site: Site, report: Report, section: Section, lang: str, links: LinkPolicy) -> list[Entry]:
    """A section and its paragraphs. What they read: the section, its report's label and place, whether the site has
    several places, the link policy: parts() keys its part by them."""
    link, label, place = _report_links(report, lang, links), report.label[lang], _place(site, report, lang)
    out = [Entry("s", link("section", section.id), section.title[lang], label, report.id,
                 section.explainer.zh, section.explainer.en, f"{section.title.zh} {section.title.en}", place=place)]
    for p in section.all_paragraphs:
        out.append(Entry("p", link("section", section.id, p.id), section.title[lang], label, report.id,
                         p.plain_zh, plain(p.en), "", place=place))
    return out


def figure_entries(site: Site, report: Report, lang: str, links: LinkPolicy) -> list[Entry]:
    """A report's figures, its goals' key entries. What they read: its figures, which of them are its goals and which
    outcomes (outcome_figures), its label and place, whether the site has several places, the link policy: parts() keys
    its part by them."""
    link, label, place = _report_links(report, lang, links), report.label[lang], _place(site, report, lang)
    goals = {t.figure.id for t in report.targets}
    outcomes = outcome_figures(site, report)
    out = []
    for f in report.figures:
        values = f"{l10n.figure_value(f, 'zh')} {l10n.figure_value(f, 'en')}"
        out.append(Entry("t" if f.id in goals else "f", link("figure", f.id), f.label[lang], label, report.id,
                         f.quote_zh, f.quote_en, f"{f.label.zh} {f.label.en} {values}",
                         value=f"{l10n.period(f.period, lang)} · {l10n.figure_value(f, lang)}",
                         key=f.id in goals or f.id in outcomes, place=place))
    return out


def other_entries(site: Site, lang: str, links: LinkPolicy) -> list[Entry]:
    """The glossary's terms and the prose pages that are pages (home.md is the home's intro)."""
    here = page_url("search", lang)
    out = []
    for t in site.terms:
        out.append(Entry("g", links.page(here, "glossary", lang, None, t.id), f"{t.zh} · {t.en}", None, None,
                         t.explanation.zh, t.explanation.en, f"{t.zh} {t.en} {t.pinyin}"))
    for page in KIND["page"].items(site):
        out.append(Entry("w", links.page(here, "page", lang, page.slug), page.title[lang], None, None,
                         plain(page.body_md.zh), plain(page.body_md.en), f"{page.title.zh} {page.title.en}"))
    return out


# ---- Postings ---------------------------------------------------------------------------------


def postings(items: list[Entry]) -> dict[str, str]:
    """token -> its entries and positions: "<entry>.<position>.<position>,<entry>…", each number (base 36)
    the difference from the one before it (entries from the last entry, positions from the last
    position of that entry), in token order."""
    return merge([(0, part_postings(items))])


# A part's postings, as four columns (few objects: the build keeps them in a file and reads them back):
# each token, the number of its first entry and of its last, counted from the part's first, and its posting but
# for its first entry's number (which, in the site's postings, counts from an entry of an earlier part).
Rows = tuple[list[str], list[int], list[int], list[str]]


def part_postings(items: list[Entry]) -> Rows:
    """The postings of a part's entries, counted from the part's first (Rows), tokens in the order they are first
    found: merge() writes each first entry's number."""
    found: dict[str, list] = {}  # token -> [first entry, last entry, the rest]
    for n, entry in enumerate(items):
        own: dict[str, list[int]] = {}
        for token, at in entry.tokens():
            positions = own.get(token)
            if positions is None:
                own[token] = [at]
            else:
                positions.append(at)
        for token, positions in own.items():  # an entry's part of a posting, but for its first number
            written = b36(positions[0]) if len(positions) == 1 else ".".join(
                b36(d) for d in [positions[0]] + [b - a for a, b in zip(positions, positions[1:])])
            row = found.get(token)
            if row is None:
                found[token] = [n, n, "." + written]
            else:  # entries in order: they were added so
                row[2] += f",{b36(n - row[1])}.{written}"
                row[1] = n
    rows = found.values()
    return list(found), [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


@dataclass(frozen=True)
class Merged:
    """The site's postings (merge) and the parts they were merged from: their keys and first entries, in order."""

    keys: tuple[str, ...]
    offsets: tuple[int, ...]
    table: dict[str, str]


def merge_again(parts: list[Part], keys: tuple[str, ...], last: Merged | None,
                kept: Callable[[str], Part | None]) -> dict[str, str]:
    """The site's postings (merge()): from the last build's where the parts that changed kept their number of entries
    (no part's entries move), each token whose rows changed spliced (its entries in a changed part's range replaced,
    splice()): no other part's rows are read; else all of them merged again. kept: a last build's part by its key
    (None: not kept)."""
    starts = tuple(offsets(parts))
    if last is None or len(keys) != len(last.keys) or last.offsets != starts:
        return merge(list(zip(starts, (p.postings for p in parts))))
    if keys == last.keys:
        return last.table
    table, added = dict(last.table), False
    for key, was, part, start in zip(keys, last.keys, parts, starts):
        if key == was:
            continue
        before = kept(was)
        if before is None:
            return merge(list(zip(starts, (p.postings for p in parts))))
        old, new = (dict(zip(r[0], zip(r[1], r[2], r[3]))) for r in (before.postings, part.postings))
        for token in sorted(old.keys() | new.keys()):
            if old.get(token) != new.get(token):
                added = added or token not in table
                posting = splice(table.get(token, ""), start, start + len(part), new.get(token))
                if posting:
                    table[token] = posting
                else:
                    table.pop(token, None)
    return {token: table[token] for token in sorted(table)} if added else table


def splice(posting: str, start: int, end: int, row: tuple[int, int, str] | None) -> str:
    """A token's posting (postings()) with its entries from start to end (a part's) replaced by a part's row of it
    (Rows: its first and last entry, counted from the part's first, and the rest), or by none."""
    entries = posting.split(",") if posting else []
    numbers = list(itertools.accumulate(int(text[:text.index(".")], 36) for text in entries))
    first, after = bisect.bisect_left(numbers, start), bisect.bisect_left(numbers, end)
    last = numbers[first - 1] if first else 0  # the entry before the range: the range's first counts from it
    middle = []
    if row is not None:
        middle.append(b36(start + row[0] - last) + row[2])
        last = start + row[1]
    rest = entries[after:]
    if rest:  # the first entry after the range counts from the range's last
        rest[0] = b36(numbers[after] - last) + rest[0][rest[0].index("."):]
    return ",".join(entries[:first] + middle + rest)


def merge(parts: list[tuple[int, Rows]]) -> dict[str, str]:
    """The site's postings (postings()) from its parts' (part_postings), each with the number of its first entry
    in the site, in order: a part's entries keep their differences, only its first entry's number is written."""
    texts: dict[str, str] = {}
    lasts: dict[str, int] = {}  # token -> its last entry so far
    for offset, (tokens, firsts, ends, rests) in parts:
        for token, first, end, rest in zip(tokens, firsts, ends, rests):
            if token in lasts:
                texts[token] += f",{b36(offset + first - lasts[token])}{rest}"
            else:
                texts[token] = b36(offset + first) + rest
            lasts[token] = offset + end
    return {token: texts[token] for token in sorted(texts)}


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(n: int) -> str:
    out = ""
    while True:
        n, d = divmod(n, 36)
        out = DIGITS[d] + out
        if not n:
            return out


B36 = [*DIGITS, *(a + b for a in DIGITS[1:] for b in DIGITS),
       *(a + b + c for a in DIGITS[1:] for b in DIGITS for c in DIGITS)]  # n -> n in base 36, below 36³, made once


def b36(n: int) -> str:
    return B36[n] if n < len(B36) else _b36(n)


# A shard ends before a token whose hash is a multiple of CUT_EVERY, once it holds SHARD_BYTES / 2 (and at
# 2 x SHARD_BYTES whatever comes): its ends depend on the tokens near them, not on the size of everything
# before, so an edit that changes a few postings changes the files of those postings only.
CUT_EVERY = 64


def shards(table: dict[str, str], target: int = SHARD_BYTES) -> list[dict[str, str]]:
    """The postings cut into pieces of about target bytes, each a range of tokens in order, cut where the
    tokens say (CUT_EVERY)."""
    out: list[dict[str, str]] = [{}]
    size = 0
    for token, posting in table.items():
        if out[-1] and (size >= 2 * target or (size >= target // 2 and zlib.crc32(token.encode()) % CUT_EVERY == 0)):
            out.append({})
            size = 0
        out[-1][token] = posting
        size += len(token.encode()) + len(posting) + 6
    return out


# ---- Scripts ----------------------------------------------------------------------------------


def script(kind: str, ident: int | str, data: object) -> bytes:
    """A data file as a script: loaded with <script src>, it hands its data to the search page (from file:// too).
    ident: an entry's number, or a shard's first token."""
    return script_line(kind, ident, script_data(data))


def script_data(data: object) -> str:
    """Data as a script writes it: JSON, with "<" escaped, so that no text can end a script element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")


def script_line(kind: str, ident: int | str, text: str) -> bytes:
    return f'{CALLBACK}("{kind}",{json.dumps(ident, ensure_ascii=False)},{text});\n'.encode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


# ---- Parts: what an edit makes again ------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """What the index takes of one section's entries (or of a report's figures, or of the glossary's terms and the
    pages), made apart from the rest, entries counted from the part's first: an edit makes again the parts it changed
    only, when the build keeps the others (search_store.py)."""

    kinds: str  # each entry's kind, in capitals for a key entry (language-neutral)
    report_id: str | None  # of every entry (None: the glossary's terms, the pages)
    fragments: list[str]  # each entry's fragment in both languages (fragment()), as its script writes it
    packed: bytes  # its postings (Rows, language-neutral) in marshal's format: a kept part's are read when needed

    @classmethod
    def of(cls, entries_by_lang: dict[str, list[Entry]], report_id: str | None) -> "Part":
        items = entries_by_lang[LANGS[0]]
        rows = part_postings(items)
        part = cls("".join(e.kind.upper() if e.key else e.kind for e in items), report_id,
                   [script_data(fragment(dict(zip(LANGS, same)))) for same in zip(*(entries_by_lang[lang]
                                                                                     for lang in LANGS))],
                   marshal.dumps(rows))
        part.__dict__["postings"] = rows  # made, not read: no need to unpack them
        return part

    @cached_property
    def postings(self) -> Rows:
        """Its postings (part_postings). ValueError: packed holds none (a store can be forged, not damaged)."""
        rows = marshal.loads(self.packed)
        if not (isinstance(rows, tuple) and len(rows) == 4
                and all(isinstance(column, list) and len(column) == len(rows[0]) for column in rows)):
            raise ValueError("not the postings of a part")
        return rows

    def __len__(self) -> int:
        return len(self.kinds)


class PartStore(Protocol):
    """Parts kept between builds, by a key that says what each is made from, and the postings merged from them
    (search_store.py)."""

    def part(self, key: str, make: Callable[[], Part]) -> Part: ...

    def save(self) -> None: ...

    def keys(self) -> tuple[str, ...]: ...  # of the parts this build used, in order

    def kept_part(self, key: str) -> Part | None: ...  # the last build's

    def last_merged(self) -> Merged | None: ...

    def keep_merged(self, merged: Merged) -> None: ...


def parts(site: Site, links: LinkPolicy, store: PartStore | None = None,
          data: DataReads | None = None) -> list[Part]:
    """The site's parts in the index's order: report by report (in_order), each section's (one part each), then the
    report's figures', then the glossary's and pages'. With a store (and the data's hashes), each is taken from it when
    it holds one made from the same inputs: a paragraph edited makes its section's part again, not its report's."""
    def part(key: Callable[[], tuple], entries: Callable[[str], list[Entry]], report_id: str | None) -> Part:
        def make() -> Part:
            return Part.of({lang: entries(lang) for lang in LANGS}, report_id)

        return make() if store is None or data is None else store.part(fingerprint(key()), make)

    several, out = len(site.places) > 1, []
    for r in in_order(site):  # keyed by what section_entries and figure_entries read (each made, if at all, at once)
        shown = (links.name, r.id, r.label, r.place, several)
        for section in r.sections:
            out.append(part(lambda: ("section", *shown, data.hash(f"section:{r.id}:{section.id}")),
                            lambda lang: section_entries(site, r, section, lang, links), r.id))
        out.append(part(lambda: ("figures", *shown, tuple(f.id for f in r.figures),
                                 tuple(data.hash(f"section-figures:{r.id}:{s.id}") for s in r.sections),
                                 sorted(t.figure.id for t in r.targets), sorted(outcome_figures(site, r))),
                        lambda lang: figure_entries(site, r, lang, links), r.id))
    others = {lang: other_entries(site, lang, links) for lang in LANGS}  # few: made every time, and keyed by themselves
    out.append(part(lambda: ("others", others), others.__getitem__, None))
    return out


def offsets(parts: list[Part]) -> list[int]:
    """The number, in the site, of each part's first entry."""
    return list(itertools.accumulate((len(p) for p in parts[:-1]), initial=0))


# ---- Files ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchIndex:
    """A language's search index: the root its page carries, and the kinds of entry it has, for the page's
    filter (its files are both languages', Indexes.files)."""

    root: dict
    kinds: tuple[str, ...]


def shard_files(table: dict[str, str]) -> tuple[dict[str, bytes], list[str], list[str]]:
    """The postings files of the site's postings (merge), language-neutral (search/t.<hash>.js), their paths and their
    first tokens (a shard is known by its first token, not its number, so that a shard added does not rename those
    after it)."""
    pieces = shards(table)
    files, paths = {}, []
    for piece in pieces:
        data = script("t", next(iter(piece)), piece)
        path = f"search/t.{digest(data)}.js"
        files[path] = data
        paths.append(path)
    return files, paths, [next(iter(piece)) for piece in pieces]


def fragment_files(parts: list[Part]) -> tuple[dict[str, bytes], list[str]]:
    """The fragments, both languages' pages', BLOCK entries to a file (block b holds entries b x BLOCK on, in order)
    named by its content (an edit renames the files of the entries it changed only): the files, and their names in
    entry order."""
    fragments = [text for part in parts for text in part.fragments]
    files, names = {}, []
    for b, start in enumerate(range(0, len(fragments), BLOCK)):
        data = script_line("d", b, f"[{','.join(fragments[start:start + BLOCK])}]")
        names.append(digest(data))
        files[f"search/d.{names[-1]}.js"] = data
    return files, names


def build_index(site: Site, lang: str, links: LinkPolicy, parts: list[Part], shard_paths: list[str],
                bounds: list[str], blocks: list[str]) -> SearchIndex:
    """A language's root: what its search page carries."""
    here = page_url("search", lang)
    ids = [p.report_id for p in parts for _ in range(len(p))]
    reports = [[r.id, r.label[lang], ids.index(r.id), len(ids) - ids[::-1].index(r.id)]
               for r in site.reports if r.id in ids]
    folder = posixpath.dirname(links.file(here, shard_paths[0])) + "/"  # search/
    kinds = "".join(p.kinds for p in parts)
    root = {
        "body": BODY,
        "shards": folder,  # + t.<name>.js
        "names": [posixpath.basename(path)[2:-3] for path in shard_paths],
        "bounds": bounds,
        "docs": folder,  # + d.<name>.js
        "block": BLOCK,
        "blocks": blocks,  # entry n is in the file of blocks[n // block], its (n % block)th
        "kinds": kinds,
        "reports": reports,  # [id, label, first entry, entry after its last]: a report's entries stand together
        "stop": sorted(STOP_WORDS),
    }
    return SearchIndex(root, tuple(k for k in KINDS if k in kinds.lower()))


class Indexes:
    """The search indexes of a site for one link policy, made once, when first asked for."""

    def __init__(self, site: Site, links: LinkPolicy):
        self.site, self.links = site, links
        self.store: PartStore | None = None
        self.data: DataReads | None = None
        self._parts: list[Part] | None = None
        self._shards: tuple[dict[str, bytes], list[str], list[str]] | None = None
        self._fragments: tuple[dict[str, bytes], list[str]] | None = None
        self._indexes: dict[str, SearchIndex] = {}

    def keep_parts(self, store: PartStore, data: DataReads) -> None:
        """Take the parts this store holds made from the same inputs (the data's hashes say which), and give it
        those made, to save for the next build."""
        self.store, self.data = store, data

    def parts(self) -> list[Part]:
        if self._parts is None:
            self._parts = parts(self.site, self.links, self.store, self.data)
            if self.store is not None:  # saved by the process that made them (a worker, in a build on several)
                self.store.save()
        return self._parts

    def _shard_files(self):
        if self._shards is None:
            self._shards = shard_files(self.postings())
        return self._shards

    def postings(self) -> dict[str, str]:
        """The site's postings, merged again only where parts changed when a store keeps the last build's."""
        parts, store = self.parts(), self.store
        if store is None or len(store.keys()) != len(parts):  # no store; or two parts alike, that it keeps as one
            return merge(list(zip(offsets(parts), (p.postings for p in parts))))
        keys = store.keys()
        table = merge_again(parts, keys, store.last_merged(), store.kept_part)
        store.keep_merged(Merged(keys, tuple(offsets(parts)), table))
        return table

    def _fragment_files(self):
        if self._fragments is None:
            self._fragments = fragment_files(self.parts())
        return self._fragments

    def of(self, lang: str) -> SearchIndex:
        if lang not in self._indexes:
            _, paths, bounds = self._shard_files()
            self._indexes[lang] = build_index(self.site, lang, self.links, self.parts(), paths, bounds,
                                              self._fragment_files()[1])
        return self._indexes[lang]

    def files(self) -> dict[str, bytes]:
        out = {**self._shard_files()[0], **self._fragment_files()[0]}
        for lang in LANGS:
            out[f"{lang}/search/index.js"] = RETIRED
        return out


_MADE: list[Indexes] = []  # the last indexes made: a worker process forked after they were made finds them


def indexes(site: Site, links: LinkPolicy) -> Indexes:
    """The search indexes of this site (this very model) for one link policy: made once per process, and
    once in all when the worker that makes the extras renders the search pages too (parallel.Extras)."""
    for made in _MADE:
        if made.site is site and made.links == links:
            return made
    _MADE[:] = [*_MADE[-1:], Indexes(site, links)]
    return _MADE[-1]


# ---- Reading it back (tests, the comparison in bench/) ------------------------------------------

SCRIPT = re.compile(rf'^{CALLBACK}\("([a-z])",(\d+|"[^"]*"),(.*)\);\n$', re.S)


def read_script(data: bytes) -> tuple[str, int | str, object]:
    m = SCRIPT.match(data.decode("utf-8"))
    assert m, data[:80]
    return m.group(1), json.loads(m.group(2)), json.loads(m.group(3))


def read_fragments(files: dict[str, bytes], lang: str) -> list[dict]:
    """What a language's page shows of each entry (in_language), in entry order, from the files of a build."""
    found = {}
    for path, data in files.items():
        if re.fullmatch(r"search/d\.[0-9a-f]+\.js", path):
            kind, b, block = read_script(data)
            found.update({b * BLOCK + i: in_language(both, lang) for i, both in enumerate(block)})
    return [found[n] for n in sorted(found)]


def read_postings(files: dict[str, bytes]) -> dict[str, dict[int, list[int]]]:
    """token -> entry -> positions, from the files of a build."""
    out = {}
    for path, data in sorted(files.items()):
        if re.fullmatch(r"search/t\.[0-9a-f]+\.js", path):
            for token, posting in read_script(data)[2].items():
                out[token] = _decode(posting)
    return out


def _decode(posting: str) -> dict[int, list[int]]:
    out, n = {}, 0
    for part in posting.split(","):
        numbers = [int(x, 36) for x in part.split(".")]
        n += numbers[0]
        at, positions = 0, []
        for d in numbers[1:]:
            at += d
            positions.append(at)
        out[n] = positions
    return out
