"""Ready citations of a page in the formats journalists and scholars use.

The access date is the reader's own: it is left as ACCESS in the text, and the
page shows the site's last-updated date there until a script fills in today's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .l10n import long_date
from .model import Report

ACCESS = "\x00ACCESS\x00"


@dataclass(frozen=True)
class Citation:
    style: str  # gbt7714 | apa | chicago-note | chicago-bib | bibtex | inline
    name: str
    text: str  # contains ACCESS where the access date goes
    date_format: str  # iso | long-en | long-zh


def _names(report: Report, lang: str) -> dict[str, str]:
    return {
        "issuer": report.issuer[lang], "title": report.title[lang], "site": report.site_name[lang],
        "date_iso": report.date.isoformat(), "updated": report.last_updated.isoformat(),
        "date_long": long_date(report.date, lang), "occasion": report.occasion[lang],
        "speaker": report.speaker[lang], "role": report.speaker_role[lang],
    }


def citations(report: Report, lang: str, page_title: str, url: str, key: str) -> list[Citation]:
    """Every citation format for a page (its title and absolute URL) in the page's language."""
    n = _names(report, lang)
    part = f"{page_title}" if page_title != n["title"] else ""
    if lang == "zh":
        gbt = (f"{n['issuer']}. {n['title']}({n['date_long']}在{n['occasion']}上){part and ':' + part}[R/OL]. "
               f"{n['site']}(非官方英译与解读), {report.last_updated.year}({n['updated']})[{ACCESS}]. {url}.")
        inline = f"据{report.year}年《{n['title']}》{part and '“' + part + '”'}({n['site']},{url})"
    else:
        gbt = (f"{n['issuer']}. {n['title']} (delivered by {n['role']} {n['speaker']} at the {n['occasion']}, "
               f"{n['date_long']}){part and ': ' + part}[R/OL]. Unofficial English translation and explainer: "
               f"{n['site']}, {report.last_updated.year}({n['updated']})[{ACCESS}]. {url}.")
        inline = (f"({n['title']}, {report.year}{part and ', “' + part + '”'}; unofficial translation, "
                  f"{n['site']}, {url})")
    en = _names(report, "en")
    en_part = page_title if lang == "en" else page_title
    apa = (f"{en['issuer']}. ({report.date.year}, {report.date.strftime('%B')} {report.date.day}). "
           f"{en['title']}{en_part and ': ' + en_part} ({en['site']}, Trans.; unofficial translation). {url}")
    chicago_note = (f"{en['issuer']}, “{en_part},” in {en['title']}, {report.date.strftime('%B')} {report.date.day}, "
                    f"{report.date.year}, unofficial translation by {en['site']}, last updated "
                    f"{report.last_updated.strftime('%B')} {report.last_updated.day}, {report.last_updated.year}, "
                    f"accessed {ACCESS}, {url}.")
    chicago_bib = (f"{en['issuer']}. “{en_part}.” In {en['title']}, {report.date.strftime('%B')} {report.date.day}, "
                   f"{report.date.year}. Unofficial translation by {en['site']}. Accessed {ACCESS}. {url}.")
    bibtex = "\n".join([
        f"@misc{{{report.id}-{key},",
        f"  author = {{{{{en['issuer']}}}}},",
        f"  title = {{{{{en_part}}} --- {{{en['title']}}}}},",
        f"  year = {{{report.date.year}}},",
        f"  month = {report.date.strftime('%b').lower()},",
        f"  note = {{Unofficial English translation and explainer by {en['site']}, last updated {en['updated']}}},",
        f"  url = {{{url}}},",
        f"  urldate = {{{ACCESS}}}",
        "}",
    ])
    long_fmt = "long-zh" if lang == "zh" else "long-en"
    names = {"zh": ("GB/T 7714-2015", "APA 第7版", "芝加哥格式(注释)", "芝加哥格式(参考文献)", "BibTeX", "新闻行文引用"),
             "en": ("GB/T 7714-2015", "APA 7", "Chicago (note)", "Chicago (bibliography)", "BibTeX", "In a news story")}[lang]
    return [
        Citation("gbt7714", names[0], gbt, "iso"),
        Citation("apa", names[1], apa, "long-en"),
        Citation("chicago-note", names[2], chicago_note, "long-en"),
        Citation("chicago-bib", names[3], chicago_bib, "long-en"),
        Citation("bibtex", names[4], bibtex, "iso"),
        Citation("inline", names[5], inline, long_fmt),
    ]
