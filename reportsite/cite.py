"""Ready citations of a page in the formats journalists and scholars use, each leading back to the original.

Every citation names two works: the government's report (its own page's address, and a dated capture of
it in a web archive where the data records one), and our page for the translation and the derived numbers
(its address when the site has a base URL; always the edition date and data version).
The access date is the reader's own: it is left as ACCESS in the text, and the page shows the
edition date there until a script fills in today's.

The formats are data: each follows its style guide in the page's language (GB/T 7714-2015 defines
the Chinese reference, with its own punctuation); only the style names are UI strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .l10n import N_, long_date
from .model import Report, Site

ACCESS = "\x00ACCESS\x00"
STYLE_NAMES = (("gbt7714", N_("GB/T 7714-2015")), ("apa", N_("APA 7")), ("chicago-note", N_("Chicago (note)")),
               ("chicago-bib", N_("Chicago (bibliography)")), ("bibtex", N_("BibTeX")),
               ("inline", N_("In a news story")))


@dataclass(frozen=True)
class Citation:
    style: str  # gbt7714 | apa | chicago-note | chicago-bib | bibtex | inline
    name: str
    text: str  # contains ACCESS where the access date goes
    date_format: str  # iso (2030-01-15) | long, in the citation's language (January 15, 2030 / 2030年1月15日)


def archive_url(report: Report) -> str:
    """The recorded capture of the government's page in a web archive, or "" where none is recorded."""
    return report.source.archived.url if report.source.archived else ""


def access_date(date, date_format: str, lang: str) -> str:
    """The date shown where the reader's access date goes, before a script fills in today's: the
    form the browser's Intl.DateTimeFormat gives for the page's language (site.js), so that the two agree."""
    return date.isoformat() if date_format == "iso" else _month_day_year(date, lang)


def _month_day_year(date, lang: str) -> str:
    return long_date(date, "zh") if lang == "zh" else f"{date.strftime('%B')} {date.day}, {date.year}"


def _parts(site: Site, report: Report, lang: str, page_title: str, url: str | None, version: str) -> dict[str, str]:
    """The pieces every format puts together (version: of the data the page is made from)."""
    return {
        "issuer": report.issuer[lang], "title": report.title[lang], "official_title": report.source.title,
        "occasion": report.occasion[lang], "speaker": report.speaker[lang], "role": report.speaker_role[lang],
        "delivered": _month_day_year(report.date, lang), "date_iso": report.date.isoformat(),
        "year": str(report.date.year), "source": report.source.url, "archive": archive_url(report),
        "site": site.name[lang], "page": page_title, "edition": _month_day_year(site.last_updated, lang),
        "edition_iso": site.last_updated.isoformat(), "version": version,
        "ours": url or "", "part": page_title if page_title != report.title[lang] else "",
    }


def citations(site: Site, report: Report, lang: str, page_title: str, url: str | None, key: str,
              gettext: Callable[[str], str], version: str) -> list[Citation]:
    """Every citation format for a page (its title, and its absolute URL or None), in the page's language, naming
    the version of the data the page is made from (reads.py)."""
    n = _parts(site, report, lang, page_title, url, version)
    texts = _zh(n) if lang == "zh" else _en(n)
    texts["bibtex"] = (_bibtex(n, report, key, lang), "iso")
    return [Citation(style, gettext(name), *texts[style]) for style, name in STYLE_NAMES]


def _en(n: dict[str, str]) -> dict[str, tuple[str, str]]:
    ours = f" {n['ours']}" if n["ours"] else ""
    where = f"{n['site']}, edition of {n['edition']}, data version {n['version']}"
    part = f": {n['part']}" if n["part"] else ""
    archived = n["archive"]
    gbt = (f"{n['issuer']}. {n['official_title']} [{n['title']}] (delivered by {n['role']} {n['speaker']} at the "
           f"{n['occasion']}, {n['date_iso']}){part}[R/OL]. ({n['date_iso']})[{ACCESS}]. {n['source']}. "
           f"{f'Archived: {archived}. ' if archived else ''}Unofficial English translation and explainer: {where}."
           f"{ours}{'.' if ours else ''}")
    apa = (f"{n['issuer']}. ({n['year']}). {n['title']}{part} [Unofficial translation, {n['site']}, edition "
           f"{n['edition_iso']}, data version {n['version']}]. Original: {n['source']}"
           f"{f' (archived: {archived})' if archived else ''}.{ours}")
    note = (f"{n['issuer']}, “{n['part'] or n['title']},” in {n['title']}, {n['delivered']}, {n['source']}"
            f"{f' (archived at {archived})' if archived else ''}; unofficial translation by {where}, accessed "
            f"{ACCESS}{','+ours if ours else ''}.")
    bib = (f"{n['issuer']}. “{n['part'] or n['title']}.” In {n['title']}, {n['delivered']}. {n['source']}. "
           f"{f'Archived at {archived}. ' if archived else ''}Unofficial translation by {where}. Accessed {ACCESS}."
           f"{ours}{'.' if ours else ''}")
    inline = (f"({n['title']}, {n['year']}{', “' + n['part'] + '”' if n['part'] else ''}; original: {n['source']}; "
              f"unofficial translation, {n['site']}, edition {n['edition_iso']}"
              f"{', ' + n['ours'] if n['ours'] else ', data version ' + n['version']})")
    return {"gbt7714": (gbt, "iso"), "apa": (apa, "long"), "chicago-note": (note, "long"),
            "chicago-bib": (bib, "long"), "inline": (inline, "long")}


def _zh(n: dict[str, str]) -> dict[str, tuple[str, str]]:
    ours = f"，{n['ours']}" if n["ours"] else ""
    where = f"{n['site']}，{n['edition']}版，数据版本{n['version']}"
    part = f"：{n['part']}" if n["part"] else ""
    # GB/T 7714-2015 prescribes its own separators (". " ": " "[R/OL]"): they are the standard's, not prose.
    archived = n["archive"]
    gbt = (f"{n['issuer']}. {n['official_title']}（{n['delivered']}在{n['occasion']}上）{part and ': ' + n['part']}"
           f"[R/OL]. ({n['date_iso']})[{ACCESS}]. {n['source']}. {f'存档: {archived}. ' if archived else ''}"
           f"非官方英译与解读: {n['site']}, {n['edition_iso']}版, 数据版本 {n['version']}."
           + (f" {n['ours']}." if n["ours"] else ""))
    apa = (f"{n['issuer']}（{n['year']}）。{n['title']}{part}。原文：{n['source']}"
           f"{f'（存档：{archived}）' if archived else ''}。非官方英译与解读：{where}{ours}。")
    note = (f"{n['issuer']}：“{n['part'] or n['title']}”，载《{n['title']}》，{n['delivered']}，{n['source']}"
            f"{f'（存档：{archived}）' if archived else ''}；非官方英译与解读：{where}，{ACCESS}访问{ours}。")
    bib = (f"{n['issuer']}．“{n['part'] or n['title']}”．载《{n['title']}》，{n['delivered']}．{n['source']}．"
           f"{f'存档：{archived}．' if archived else ''}非官方英译与解读：{where}．{ACCESS}访问{ours}．")
    inline = (f"据{n['year']}年《{n['title']}》{'“' + n['part'] + '”' if n['part'] else ''}（原文：{n['source']}；"
              f"非官方英译：{n['site']}，{n['edition_iso']}版{ours or '，数据版本' + n['version']}）")
    return {"gbt7714": (gbt, "iso"), "apa": (apa, "long"), "chicago-note": (note, "long"),
            "chicago-bib": (bib, "long"), "inline": (inline, "long")}


def _bibtex(n: dict[str, str], report: Report, key: str, lang: str) -> str:
    archived = n["archive"]
    note = (f"非官方英译与解读：{n['site']}，{n['edition_iso']}版，数据版本{n['version']}"
            f"{f'；存档：{archived}' if archived else ''}"
            if lang == "zh" else f"Unofficial English translation and explainer: {n['site']}, edition "
            f"{n['edition_iso']}, data version {n['version']}{f'; archived at {archived}' if archived else ''}")
    lines = [
        f"@misc{{{report.id}-{key}-{lang},",
        f"  author = {{{{{n['issuer']}}}}},",
        f"  title = {{{{{n['part'] or n['title']}}} --- {{{n['title']}}}}},",
        f"  year = {{{report.date.year}}},",
        f"  month = {report.date.strftime('%b').lower()},",
        f"  howpublished = {{\\url{{{n['source']}}}}},",
        f"  note = {{{note}}},",
    ]
    if n["ours"]:
        lines.append(f"  url = {{{n['ours']}}},")
    return "\n".join(lines + [f"  urldate = {{{ACCESS}}}", "}"])
