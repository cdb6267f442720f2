"""Ready citations of a page in the formats journalists and scholars use.

The access date is the reader's own: it is left as ACCESS in the text, and the
page shows the site's last-updated date there until a script fills in today's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .l10n import N_, long_date
from .model import Report

ACCESS = "\x00ACCESS\x00"


@dataclass(frozen=True)
class Citation:
    style: str  # gbt7714 | apa | chicago-note | chicago-bib | bibtex | inline
    name: str
    text: str  # contains ACCESS where the access date goes
    date_format: str  # iso | long-en-us (Chicago: January 15, 2030) | long-zh


def _names(report: Report, lang: str) -> dict[str, str]:
    return {
        "issuer": report.issuer[lang], "title": report.title[lang], "site": report.site_name[lang],
        "date_iso": report.date.isoformat(), "updated": report.last_updated.isoformat(),
        "date_long": long_date(report.date, lang), "occasion": report.occasion[lang],
        "speaker": report.speaker[lang], "role": report.speaker_role[lang],
    }


def access_date(date, date_format: str) -> str:
    """The date shown where the reader's access date goes, before a script fills in today's."""
    if date_format == "iso":
        return date.isoformat()
    return _month_day_year(date, "zh" if date_format == "long-zh" else "en")


def _month_day_year(date, lang: str) -> str:
    return long_date(date, "zh") if lang == "zh" else f"{date.strftime('%B')} {date.day}, {date.year}"


# The names of the styles are UI strings (the catalog translates them); the formats below are data:
# each follows its style guide in the page's language (GB/T 7714 defines the Chinese forms).
STYLE_NAMES = (("gbt7714", N_("GB/T 7714-2015")), ("apa", N_("APA 7")), ("chicago-note", N_("Chicago (note)")),
               ("chicago-bib", N_("Chicago (bibliography)")), ("bibtex", N_("BibTeX")),
               ("inline", N_("In a news story")))


def citations(report: Report, lang: str, page_title: str, url: str, key: str,
              gettext: Callable[[str], str]) -> list[Citation]:
    """Every citation format for a page (its title and absolute URL), in the page's language."""
    n = _names(report, lang)
    part = page_title if page_title != n["title"] else ""
    delivered = _month_day_year(report.date, lang)
    updated = _month_day_year(report.last_updated, lang)
    if lang == "zh":
        gbt = (f"{n['issuer']}. {n['title']}({n['date_long']}在{n['occasion']}上){part and ':' + part}[R/OL]. "
               f"{n['site']}(非官方英译与解读), {report.last_updated.year}({n['updated']})[{ACCESS}]. {url}.")
        apa = (f"{n['issuer']}. ({report.date.year}, {report.date.month}月{report.date.day}日). "
               f"{n['title']}{part and ':' + part}. {n['site']}. {url}")
        note = f"{n['issuer']}:“{part or n['title']}”,载《{n['title']}》,{delivered},{n['site']},{updated}更新,{ACCESS}访问,{url}。"
        bib = f"{n['issuer']}. “{part or n['title']}.” 载《{n['title']}》,{delivered}. {n['site']}. {ACCESS}访问. {url}."
        inline = f"据{report.year}年《{n['title']}》{part and '“' + part + '”'}({n['site']},{url})"
    else:
        gbt = (f"{n['issuer']}. {n['title']} (delivered by {n['role']} {n['speaker']} at the {n['occasion']}, "
               f"{n['date_long']}){part and ': ' + part}[R/OL]. Unofficial English translation and explainer: "
               f"{n['site']}, {report.last_updated.year}({n['updated']})[{ACCESS}]. {url}.")
        apa = (f"{n['issuer']}. ({report.date.year}, {report.date.strftime('%B')} {report.date.day}). "
               f"{n['title']}{part and ': ' + part} [Unofficial translation] ({n['site']}, Trans.). {url}")
        note = (f"{n['issuer']}, “{part or n['title']},” in {n['title']}, {delivered}, unofficial translation by "
                f"{n['site']}, last updated {updated}, accessed {ACCESS}, {url}.")
        bib = (f"{n['issuer']}. “{part or n['title']}.” In {n['title']}, {delivered}. Unofficial translation by "
               f"{n['site']}. Accessed {ACCESS}. {url}.")
        inline = (f"({n['title']}, {report.year}{part and ', “' + part + '”'}; unofficial translation, "
                  f"{n['site']}, {url})")
    bibtex = "\n".join([
        f"@misc{{{report.id}-{key}-{lang},",
        f"  author = {{{{{n['issuer']}}}}},",
        f"  title = {{{{{part or n['title']}}} --- {{{n['title']}}}}},",
        f"  year = {{{report.date.year}}},",
        f"  month = {report.date.strftime('%b').lower()},",
        f"  note = {{{n['site']}: " + ("非官方英译与解读,更新于" if lang == "zh" else
                                      "unofficial English translation and explainer, last updated ") + f"{n['updated']}}},",
        f"  url = {{{url}}},",
        f"  urldate = {{{ACCESS}}}",
        "}",
    ])
    date_format = "long-zh" if lang == "zh" else "long-en-us"
    texts = {"gbt7714": (gbt, "iso"), "apa": (apa, date_format), "chicago-note": (note, date_format),
             "chicago-bib": (bib, date_format), "bibtex": (bibtex, "iso"), "inline": (inline, date_format)}
    return [Citation(style, gettext(name), *texts[style]) for style, name in STYLE_NAMES]
