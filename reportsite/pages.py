"""The page kinds of the site, declared once: URL, template, title, navigation, one page per item.

Everything that needs to know about pages reads KINDS: page_url(), the page plan, the
sitemap, the navigation and the benchmark. Adding a kind is one row here and one template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter

from . import LANGS
from .l10n import N_
from .model import Bi, Report


@dataclass(frozen=True)
class PageKind:
    name: str
    url: str  # pattern with {lang} and {ident}; a folder URL ends in "/"
    template: str
    title: str | None = None  # a gettext message id; None: the item's own title
    nav_title: str | None = None  # a gettext message id for the navigation, when not the title
    nav: int = 0  # place in the site navigation, 1 first; 0: not in it
    items: Callable[[Report], Iterable] | None = None  # one page per item
    nav_items: Callable[[Report], Iterable] | None = None  # the items listed in the navigation
    item_title: Callable[[object], Bi] = attrgetter("title")
    item_description: Callable[[object], Bi | None] = lambda item: None
    per_lang: bool = True  # one page per language, or one page for the whole site
    sitemap: bool = True


KINDS: tuple[PageKind, ...] = (
    PageKind("home", "{lang}/", "home.html", nav_title=N_("Home"), nav=1),
    PageKind("part", "{lang}/parts/{ident}/", "part.html", nav=2, items=attrgetter("parts"),
             nav_items=lambda r: (p for p in r.parts if p.number), item_description=attrgetter("summary")),
    PageKind("section", "{lang}/sections/{ident}/", "section.html", items=attrgetter("sections"),
             item_description=attrgetter("explainer")),
    PageKind("figures", "{lang}/figures/", "figures.html", N_("Figures"), nav=4),
    PageKind("figure", "{lang}/figures/{ident}/", "figure.html", items=attrgetter("figures"),
             item_title=attrgetter("label")),
    PageKind("targets", "{lang}/targets/", "targets.html", N_("Targets"), nav=3),
    PageKind("glossary", "{lang}/glossary/", "glossary.html", N_("Glossary"), nav=5),
    PageKind("downloads", "{lang}/downloads/", "downloads.html", N_("Downloads"), nav=6),
    PageKind("search", "{lang}/search/", "search.html", N_("Search")),
    PageKind("page", "{lang}/{ident}/", "page.html", nav=7,  # a prose page of content/ (home.md is the home's intro)
             items=lambda r: (p for p in r.pages if p.slug != "home")),
    PageKind("chooser", "", "chooser.html", per_lang=False),
    PageKind("not-found", "404.html", "404.html", per_lang=False, sitemap=False),
)
KIND = {k.name: k for k in KINDS}
SITE_LANG = "en"  # pages for the whole site (the chooser, 404) are rendered with this language's catalog


def kind_of(path: str) -> PageKind | None:
    """The kind of the page written at a path of the site ("en/sections/x/index.html" -> section)."""
    for kind, pattern in _PATH_PATTERNS:
        if pattern.fullmatch(path):
            return kind
    return None


def _path_pattern(kind: PageKind) -> re.Pattern:
    url = re.escape(kind.url).replace(r"\{lang\}", "(?:zh|en)").replace(r"\{ident\}", "[^/]+")
    return re.compile(url + ("index\\.html" if kind.url == "" or kind.url.endswith("/") else ""))


_PATH_PATTERNS = [(k, _path_pattern(k)) for k in KINDS]


def page_url(kind: str, lang: str | None = None, ident: str | None = None) -> str:
    """The site-relative URL of a page: page_url("section", "en", "plan-1-innovation")."""
    return KIND[kind].url.format(lang=lang, ident=ident)


@dataclass(frozen=True)
class PageSpec:
    """One page to render: its kind, language, item, and title in both languages."""

    kind: PageKind
    lang: str
    title: Bi
    ident: str | None = None
    obj: object = None
    description: Bi | None = None

    @property
    def url(self) -> str:
        return self.kind.url.format(lang=self.lang, ident=self.ident)

    @property
    def template(self) -> str:
        return self.kind.template


def plan_pages(report: Report, translate: Callable[[str], Bi]) -> list[PageSpec]:
    """Every HTML page of the site in a stable order: each language's pages, then the site's own."""
    specs: list[PageSpec] = []
    for lang in LANGS:
        for kind in (k for k in KINDS if k.per_lang):
            specs.extend(_pages_of(kind, lang, report, translate))
    for kind in (k for k in KINDS if not k.per_lang):
        specs.extend(_pages_of(kind, SITE_LANG, report, translate))
    return specs


def _pages_of(kind: PageKind, lang: str, report: Report, translate) -> Iterable[PageSpec]:
    if kind.items is None:
        title = translate(kind.title) if kind.title else report.site_name
        description = report.title if kind.name == "home" else None
        return [PageSpec(kind, lang, title, description=description)]
    return [PageSpec(kind, lang, kind.item_title(item), _ident(item), item, kind.item_description(item))
            for item in kind.items(report)]


def _ident(item: object) -> str:
    return getattr(item, "id", None) or item.slug


def navigation(report: Report) -> list[tuple[PageKind, object]]:
    """The site navigation in order: (kind, item) pairs, item None for a kind's single page."""
    entries: list[tuple[PageKind, object]] = []
    for kind in sorted((k for k in KINDS if k.nav), key=attrgetter("nav")):
        listed = kind.nav_items or kind.items
        entries.extend((kind, item) for item in listed(report)) if listed else entries.append((kind, None))
    return entries
