"""The search index: sections, paragraphs, figures and terms in both languages, shipped
as a script (not fetched) so that search works from file:// too.

Matching is by substring on normalised text in the browser, so any run of Chinese
characters (高新技术企业, 5G基站) or part of an English word finds its entries.
"""

from __future__ import annotations

import json
import re

from . import l10n
from .model import Site
from .links import LinkPolicy
from .pages import page_url

TERM_LINK = re.compile(r"\[([^\]]*)\]\(term:[^)]*\)")
MD_MARKS = re.compile(r"[*_`]")


def plain(markdown_text: str) -> str:
    return MD_MARKS.sub("", TERM_LINK.sub(r"\1", markdown_text))


def entries(site: Site, lang: str, links: LinkPolicy) -> list[dict]:
    """Index entries of every report and the glossary; links are relative to the language's search page.

    k: kind (s section, p paragraph, f figure, g glossary term), u: link, t: title, r: the report's
    label (its place and year), pl: its place with its level (only on a site of several places, to filter and
    group by; one place is no news), v: a figure's period and value as shown, z / e: the Chinese / English
    text searched."""
    here = page_url("search", lang)
    out = []
    for report in (r for _, reports in site.places for r in reports):  # a place's entries together
        link = lambda kind, ident=None, fragment=None, rid=report.id: links.page(  # noqa: E731
            here, kind, lang, ident, fragment, rid)
        label = report.label[lang]
        where = {"r": label, **({"pl": l10n.place_name(report.place, lang)} if len(site.places) > 1 else {})}
        for section in report.sections:
            out.append({"k": "s", "u": link("section", section.id), "t": section.title[lang], **where,
                        "z": section.title.zh, "e": section.title.en + " " + section.explainer.en})
            for p in section.all_paragraphs:
                out.append({"k": "p", "u": link("section", section.id, p.id), "t": section.title[lang], **where,
                            "z": p.plain_zh, "e": plain(p.en)})
        for f in report.figures:
            out.append({"k": "f", "u": link("figure", f.id), "t": f.label[lang], **where,
                        "v": f"{l10n.period(f.period, lang)} · {l10n.figure_value(f, lang)}",
                        "z": f"{f.label.zh} {l10n.figure_value(f, 'zh')} {f.quote_zh}",
                        "e": f"{f.label.en} {l10n.figure_value(f, 'en')} {f.quote_en}"})
    for t in site.terms:
        out.append({"k": "g", "u": links.page(here, "glossary", lang, None, t.id), "t": f"{t.zh} · {t.en}",
                    "z": f"{t.zh} {t.explanation.zh}", "e": f"{t.en} {t.pinyin} {t.explanation.en}"})
    return out


def index_files(site: Site, lang: str, links: LinkPolicy) -> dict[str, bytes]:
    data = json.dumps(entries(site, lang, links), ensure_ascii=False, separators=(",", ":"))
    return {f"{lang}/search/index.js": f"window.SEARCH_INDEX={data};\n".encode("utf-8")}
