"""What a page says about itself to search engines, social cards and data tools: its description,
its alternates, Open Graph and schema.org JSON-LD. Absolute addresses only when the site has a base URL.

Each page is described for what it is: our explainer page (a WebPage, or an Article for a part or
section) or dataset, based on (isBasedOn) the government's report, published by our site on our
edition date; the Chinese and English pages name each other.
"""

from __future__ import annotations

from . import LANGS, l10n, other_lang
from .model import Report, Site
from .pages import PageSpec, page_url

HTML_LANG = {"zh": "zh-Hans", "en": "en"}
OG_LOCALE = {"zh": "zh_CN", "en": "en_GB"}
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SHARE_SIZE = (1200, 630)
DESCRIPTION_CHARS = {"zh": 120, "en": 300}


def description(site: Site, spec: PageSpec, lang: str, translate) -> str:
    """A description specific to the page, long enough to say what it holds."""
    obj, report = spec.obj, spec.report
    if spec.kind.name == "figure":
        text = (f"{obj.label[lang]}: {l10n.figure_value(obj, lang)} ({l10n.period(obj.period, lang)}). "
                if lang == "en" else f"{obj.label[lang]}：{l10n.figure_value(obj, lang)}（{l10n.period(obj.period, lang)}）。")
        text += (f"“{obj.quote_en}” — {report.title.en} {report.year}" if lang == "en"
                 else f"原文：“{obj.quote_zh}”——{report.year}年《{report.title.zh}》")
    elif spec.description is not None:
        text = spec.description[lang]
    elif report is not None:
        text = translate(_REPORT_PAGE_TEXT.get(spec.kind.name, _REPORT_PAGE_TEXT["report"])) % {
            "page": spec.title[lang], "report": report.title[lang], "year": report.year}
    else:
        text = translate(_SITE_PAGE_TEXT.get(spec.kind.name, _SITE_PAGE_TEXT["home"])) % {
            "page": spec.title[lang], "site": site.name[lang]}
    return _cut(text, DESCRIPTION_CHARS[lang])


_REPORT_PAGE_TEXT = {  # UI strings (extracted from here: see babel.cfg)
    "report": l10n.N_("%(page)s: the %(year)s %(report)s in Chinese and English, with every figure traced to "
                      "its sentence, the goals and what they need, and a glossary of the shorthand."),
    "figures": l10n.N_("Every figure of the %(year)s %(report)s, each with the sentence it comes from, in "
                       "Chinese and in our English translation, with downloads as CSV and JSON."),
    "targets": l10n.N_("The goals of the %(year)s %(report)s: each with the baseline the report gives, the "
                       "change and growth it needs, and what the next year's report says happened."),
    "text": l10n.N_("Where the text of the %(year)s %(report)s comes from: the government's own page, and "
                    "every difference between the copies we used and the official text."),
    "report-downloads": l10n.N_("The data of the %(year)s %(report)s: figures, goals and the source text, "
                                "as CSV and JSON with a Frictionless data package."),
}
_SITE_PAGE_TEXT = {
    "home": l10n.N_("%(site)s: government work reports in Chinese and English, every figure traced to its "
                    "sentence, and a ledger of what became of each promise."),
    "ledger": l10n.N_("The promise ledger: every goal of a government work report, what the next year's "
                      "report says happened, and a status by a written rule."),
    "compare": l10n.N_("The main expected indicators year by year: each year's target and the outcome the "
                       "next report gives."),
    "glossary": l10n.N_("The political shorthand of the reports explained, in Chinese and English, with where "
                        "each term appears."),
    "downloads": l10n.N_("All the data of %(site)s: figures, goals, the promise ledger and the glossary as CSV "
                         "and JSON, and the offline editions."),
    "corrections": l10n.N_("Every correction made to %(site)s, newest first: what changed, where and why."),
    "search": l10n.N_("Search the reports, figures and glossary of %(site)s in Chinese or English."),
}


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def alternates(site: Site, spec: PageSpec) -> list[tuple[str, str]]:
    """(hreflang, site-relative URL) of every language version, and x-default: the chooser for the
    home pages (as the chooser itself says), the English page for the rest."""
    kind = "home" if spec.kind.name == "chooser" else spec.kind.name
    pairs = [(HTML_LANG[lang], page_url(kind, lang, spec.ident, spec.report.id if spec.report else None))
             for lang in LANGS]
    default = "" if kind == "home" else pairs[-1][1]
    return pairs + [("x-default", default)]


def structured_data(site: Site, spec: PageSpec, lang: str, text: str) -> dict:
    """schema.org JSON-LD for a page: our page, based on the government's report, naming its translation;
    the site's root (the language chooser) describes the site itself."""
    if spec.kind.name == "chooser":
        return website(site, text)
    report = spec.report
    kind = "Dataset" if spec.kind.name in ("figures", "downloads", "report-downloads", "ledger") else \
        "Article" if spec.kind.name in ("part", "section") else "WebPage"
    data = {
        "@context": "https://schema.org", "@type": kind, "name": spec.title[lang], "description": text,
        "inLanguage": HTML_LANG[lang], "dateModified": site.last_updated.isoformat(), "license": LICENCE,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": site.name[lang], **_url(site, "")},
        "isPartOf": {"@type": "WebSite", "name": site.name[lang], **_url(site, "")},
        **_url(site, spec.url),
    }
    if kind == "Article":
        data["headline"] = spec.title[lang]
    if report is not None:
        data["isBasedOn"] = government_report(report)
    counterpart = site.absolute(spec.counterpart(other_lang(lang)))
    if counterpart:
        data["workTranslation" if lang == "zh" else "translationOfWork"] = {"@id": counterpart}
    if kind == "Dataset":
        data["creator"] = data["publisher"]
        data["distribution"] = distributions(site, report)
    if spec.kind.name == "verdict":
        data.update(verdict_review(site, spec.obj, lang))
    return data


def website(site: Site, text: str) -> dict:
    """The site as a schema.org WebSite in both its languages, its home in each as its parts."""
    homes = [{"@type": "WebPage", "inLanguage": HTML_LANG[lang], "name": site.name[lang],
              **_url(site, page_url("home", lang))} for lang in LANGS]
    return {
        "@context": "https://schema.org", "@type": "WebSite", "name": site.name[LANGS[0]],
        "alternateName": [site.name[lang] for lang in LANGS[1:]], "description": text,
        "inLanguage": [HTML_LANG[lang] for lang in LANGS], "dateModified": site.last_updated.isoformat(),
        "license": LICENCE, "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": site.name[LANGS[0]], **_url(site, "")},
        "hasPart": homes, **_url(site, ""),
    }


def verdict_review(site: Site, target, lang: str) -> dict:
    """A verdict card as a schema.org ClaimReview: the promise (a claim of the report that set the goal),
    reviewed against what the later report says; the rating is the ledger's status, by its written rules."""
    from .ledger import STATUS_LABELS  # the status's English name: the rating's alternateName

    earlier, later = site.report[target.report_id], site.report[target.outcome.report_id]
    v = target.verdict
    return {
        "@type": "ClaimReview", "datePublished": site.last_updated.isoformat(),
        "author": {"@type": "Organization", "name": site.name[lang], **_url(site, "")},
        "claimReviewed": target.figure.quote_zh if lang == "zh" else target.figure.quote_en,
        "itemReviewed": {"@type": "Claim", "author": {"@type": "GovernmentOrganization", "name": earlier.issuer.zh},
                         "datePublished": earlier.date.isoformat(), "appearance": government_report(earlier)},
        "reviewRating": {"@type": "Rating", "alternateName": STATUS_LABELS[v.status],
                         "ratingExplanation": f"rule {v.rule}: {STATUS_LABELS[v.computed]}"
                                              + (f"; editor: {STATUS_LABELS[v.status]}" if v.by_editor else "")},
        "isBasedOn": [government_report(earlier), government_report(later)],
    }


def government_report(report: Report) -> dict:
    """The original: the government's report, as its own page publishes it."""
    return {"@type": "Report", "name": report.source.title, "inLanguage": HTML_LANG["zh"],
            "datePublished": report.date.isoformat(), "url": report.source.url,
            "author": {"@type": "GovernmentOrganization", "name": report.issuer.zh},
            "publisher": {"@type": "GovernmentOrganization", "name": report.source.publisher.zh}}


def distributions(site: Site, report: Report | None) -> list[dict]:
    """Every download of the page's dataset (a report's, or the whole site's), as DataDownload items."""
    from .publish import download_files  # the one list of downloads

    out = []
    for path, fmt in download_files(site, report):
        item = {"@type": "DataDownload", "encodingFormat": fmt, "name": path.rsplit("/", 1)[-1]}
        absolute = site.absolute(path)
        if absolute:
            item["contentUrl"] = absolute
        out.append(item)
    return out


def _url(site: Site, url: str) -> dict:
    absolute = site.absolute(url)
    return {"url": absolute} if absolute else {}


def open_graph(site: Site, spec: PageSpec, lang: str, title: str, text: str, image_alt: str) -> list[tuple[str, str]]:
    """Open Graph and Twitter card properties of a page, (property, content) in order."""
    image = share_image_path(spec.report)
    tags = [("og:type", "article" if spec.report else "website"), ("og:site_name", site.name[lang]),
            ("og:title", title), ("og:description", text), ("og:locale", OG_LOCALE[lang]),
            ("og:locale:alternate", OG_LOCALE[other_lang(lang)])]
    page, picture = site.absolute(spec.url), site.absolute(image.format(lang=lang))
    if page:
        tags.append(("og:url", page))
    if picture:
        tags += [("og:image", picture), ("og:image:width", str(SHARE_SIZE[0])),
                 ("og:image:height", str(SHARE_SIZE[1])), ("og:image:alt", image_alt)]
    tags += [("twitter:card", "summary_large_image" if picture else "summary"), ("twitter:title", title),
             ("twitter:description", text)]
    if picture:
        tags += [("twitter:image", picture), ("twitter:image:alt", image_alt)]
    return tags


def share_image_path(report: Report | None) -> str:
    """Where a page's share image is: the report's, or the site's, per language ({lang})."""
    return f"assets/share-{report.id}-{{lang}}.png" if report else "assets/share-{lang}.png"
