"""The model -> {output path: bytes}: pages, data files, search indexes and share images.

One Jinja environment per language, each template compiled once; nothing here
writes to the disk (write.py does)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import LANGS, charts, cite, l10n, publish, search, share
from .errors import BuildFailed, Mark, Problems
from .model import Bi, Report
from .text import Prose, markdown
from .urls import FOLDER, dest, href, other, page_url
from .vocab import KINDS, QUALIFIERS, TARGET_GROUPS

HTML_LANG = {"zh": "zh-Hans", "en": "en"}


@dataclass(frozen=True)
class Options:
    url_style: str = FOLDER  # FILE for the offline bundle
    bundle_name: str | None = None  # offline bundle file names, linked from the downloads page


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it lives and what it shows."""

    kind: str
    lang: str
    template: str
    title: Bi
    ident: str | None = None
    obj: object = None
    description: Bi | None = None

    @property
    def url(self) -> str:
        return page_url(self.kind, self.lang, self.ident)


@dataclass
class RenderState:
    """Per-language renderer state that templates reach through globals."""

    report: Report
    lang: str
    options: Options
    prose: Prose


def plan_pages(report: Report) -> list[PageSpec]:
    """Every HTML page of the site, in both languages, in a stable order."""
    specs: list[PageSpec] = []
    for lang in LANGS:
        specs.append(PageSpec("home", lang, "home.html", report.site_name, description=report.title))
        for part in report.parts:
            specs.append(PageSpec("part", lang, "part.html", part.title, part.id, part, part.summary))
        for section in report.sections:
            specs.append(PageSpec("section", lang, "section.html", section.title, section.id, section, section.explainer))
        specs.append(PageSpec("figures", lang, "figures.html", Bi("全部数字", "All figures")))
        for figure in report.figures:
            specs.append(PageSpec("figure", lang, "figure.html", figure.label, figure.id, figure))
        specs.append(PageSpec("targets", lang, "targets.html", Bi("目标一览", "Targets")))
        specs.append(PageSpec("glossary", lang, "glossary.html", Bi("术语表", "Glossary")))
        specs.append(PageSpec("downloads", lang, "downloads.html", Bi("数据下载", "Downloads")))
        specs.append(PageSpec("search", lang, "search.html", Bi("搜索", "Search")))
        for page in (p for p in report.pages if p.slug != "home"):  # home.md is the home page's intro
            specs.append(PageSpec("page", lang, "page.html", page.title, page.slug, page))
    return specs


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory, so the second language's environment does not compile again."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


def make_env(templates_dir: Path, state: RenderState, translations: l10n.StrictTranslations,
             bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=bytecode,
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(translations.gettext, translations.ngettext, newstyle=True)
    lang, report = state.lang, state.report
    env.globals.update(
        report=report, lang=lang, other_lang=other(lang), html_lang=HTML_LANG, state=state,
        kinds=KINDS, qualifiers=QUALIFIERS, target_groups=TARGET_GROUPS,
        figure_value=lambda f, lg=lang: l10n.figure_value(f, lg),
        long_date=lambda d, lg=lang: l10n.long_date(d, lg),
        period=lambda p, lg=lang: l10n.period(p, lg),
        number=lambda n, lg=lang: l10n.number(n, lg),
        derived_value=lambda d, lg=lang: l10n.derived_value(d, lg),
        formula=lambda d, lg=lang: l10n.formula(d, lg),
        page_url=page_url, to_json=to_json, set_=set,
        structured_data=lambda spec, lg=lang: structured_data(report, spec, lg),
        paragraph_home=lambda pid, lg=lang: paragraph_home(report, pid, lg),
        term_places=lambda term, lg=lang: term_places(report, term, lg),
        chart=charts.render_chart, citations=cite.citations,
        access_default=lambda fmt: cite.access_date(report.last_updated, fmt),
    )
    env.filters["t"] = lambda bi, lg=None: bi[lg or lang]
    env.globals["href"] = _href_global
    env.globals["chinese"] = lambda text, linked=None: state.prose.chinese(text, linked)
    env.globals["inline"] = lambda text, linked=None: state.prose.inline(text, linked)
    env.globals["block"] = lambda text: state.prose.block(text)
    return env


@jinja2.pass_context
def _href_global(ctx, to_url: str) -> str:
    return href(ctx["page"].url, to_url, ctx["state"].options.url_style)


def structured_data(report: Report, spec: PageSpec, lang: str) -> dict:
    """schema.org JSON-LD: the report as a Report; the figures and downloads pages as a Dataset."""
    url = report.site_url + spec.url
    if spec.kind in ("figures", "downloads"):
        return {
            "@context": "https://schema.org", "@type": "Dataset", "name": f"{spec.title[lang]} · {report.title[lang]}",
            "description": report.site_name[lang], "inLanguage": HTML_LANG[lang], "url": url,
            "dateModified": report.last_updated.isoformat(), "license": "https://creativecommons.org/licenses/by/4.0/",
            "creator": {"@type": "Organization", "name": report.site_name[lang]},
            "distribution": [
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": report.site_url + "data/figures.csv"},
                {"@type": "DataDownload", "encodingFormat": "application/json",
                 "contentUrl": report.site_url + "data/figures.json"},
            ],
        }
    data = {
        "@context": "https://schema.org", "@type": "Report", "name": report.title[lang], "headline": spec.title[lang],
        "inLanguage": HTML_LANG[lang], "url": url, "datePublished": report.date.isoformat(),
        "dateModified": report.last_updated.isoformat(), "isAccessibleForFree": True,
        "author": {"@type": "GovernmentOrganization", "name": report.issuer[lang]},
    }
    if lang != "zh":
        data["translationOfWork"] = {"@type": "CreativeWork", "name": report.title.zh, "inLanguage": "zh-Hans"}
    return data


def paragraph_home(report: Report, paragraph_id: str, lang: str) -> tuple[str, Bi]:
    """The page a paragraph lives on (its section, or its part for a part heading) and that page's title."""
    owner = report.lookup["paragraphs"][paragraph_id].section_id
    if owner in report.lookup["sections"]:
        return page_url("section", lang, owner) + "#" + paragraph_id, report.lookup["sections"][owner].title
    return page_url("part", lang, owner) + "#" + paragraph_id, report.lookup["parts"][owner].title


def term_places(report: Report, term, lang: str) -> list[tuple[str, Bi]]:
    """The pages where a term appears, once each, linked to its first paragraph there."""
    places: dict[str, tuple[str, Bi]] = {}
    for pid in term.paragraph_ids:
        url, title = paragraph_home(report, pid, lang)
        places.setdefault(url.split("#")[0], (url, title))
    return list(places.values())


def to_json(value: object) -> Markup:
    """JSON for a <script type="application/ld+json"> block, safe inside HTML."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class SiteRenderer:
    """Renders one report's site: any single file on request (the live preview), or all of it in order."""

    def __init__(self, report: Report, templates_dir: Path, translations: dict[str, l10n.StrictTranslations],
                 options: Options = Options(), bytecode: jinja2.BytecodeCache | None = None):
        self.report, self.options, self.translations = report, options, translations
        self.problems = Problems()
        self.specs = plan_pages(report) + [PageSpec("chooser", "en", "chooser.html", report.site_name),
                                           PageSpec("chooser", "en", "404.html", report.site_name)]
        self.by_dest = {self.dest_of(s): s for s in self.specs}
        md, bytecode = markdown(), bytecode or SharedBytecode()
        self.states = {lang: RenderState(report, lang, options, Prose(md, report.lookup["terms"], None))
                       for lang in LANGS}
        self.envs = {lang: make_env(templates_dir, self.states[lang], translations[lang], bytecode) for lang in LANGS}
        self._extras: dict[str, bytes] | None = None

    @staticmethod
    def dest_of(spec: PageSpec) -> str:
        return "404.html" if spec.template == "404.html" else dest(spec.url)

    def page(self, spec: PageSpec) -> bytes:
        state = self.states[spec.lang]
        # glossary links in prose are relative to the page being rendered
        state.prose.term_url = _relative_to(spec.url, _glossary_url(spec.lang), self.options.url_style)
        return _render(self.envs[spec.lang], spec, state, self.problems)

    def extras(self) -> dict[str, bytes]:
        """Everything that is not a page: search indexes, sitemap, data files, share images."""
        if self._extras is None:
            report, files = self.report, {}
            for lang in LANGS:
                files.update(search.index_files(report, lang, self.options.url_style))
            files["sitemap.xml"] = sitemap(report, [s for s in self.specs if s.kind != "chooser"])
            files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {report.site_url}sitemap.xml\n".encode()
            files.update(publish.data_files(report))
            font = share.find_font()
            if font is None:
                self.problems.add(Mark("reportsite/share.py"), "FONT_PATHS", "a CJK font for the share images "
                                  "(apt-get install fonts-noto-cjk, or set REPORTSITE_FONT)", "none")
            for lang in LANGS if font else ():
                files[f"assets/share-{lang}.png"] = share.share_image(report, lang, font)
            self._extras = files
        return self._extras

    def file(self, path: str) -> bytes | None:
        """One output file by its path, rendered now; None if the site has no such file."""
        spec = self.by_dest.get(path)
        return self.page(spec) if spec else self.extras().get(path)

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        """Every output file, in a stable order; BuildFailed at the end if anything was wrong."""
        for spec in self.specs:
            yield self.dest_of(spec), self.page(spec)
        yield from self.extras().items()
        for tr in self.translations.values():
            for message in sorted(tr.missing):
                self.problems.add(Mark(tr.source), f"msgid {message!r}", "a Chinese translation of this UI string",
                                  "none")
        if self.problems:
            raise BuildFailed(self.problems)


def _glossary_url(lang: str):
    return lambda tid: page_url("glossary", lang) + "#" + tid


def _relative_to(from_url: str, term_url, style: str):
    return lambda tid: href(from_url, term_url(tid), style)


def _render(env: jinja2.Environment, spec: PageSpec, state: RenderState, problems: Problems) -> bytes:
    html = render_template(env, spec.template, spec.url, problems, page=spec, obj=spec.obj)
    return html.encode("utf-8")


def render_template(env: jinja2.Environment, name: str, where: str, problems: Problems, **context) -> str:
    """A template rendered, or "" with the template mistake noted (file, line, what went wrong)."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        problems.add(Mark(f"templates/{exc.name or name}", exc.lineno), "", "a valid template", exc.message)
    except jinja2.UndefinedError as exc:
        problems.add(Mark(f"templates/{name}"), where, "only defined names in the template", str(exc))
    except jinja2.TemplateNotFound as exc:
        problems.add(Mark(f"templates/{exc.name}"), where, "a template file", "none")
    return ""


def sitemap(report: Report, specs: list[PageSpec]) -> bytes:
    """sitemap.xml with each page's language alternates."""
    by_key: dict[tuple, dict[str, str]] = {}
    for s in specs:
        by_key.setdefault((s.kind, s.ident), {})[s.lang] = report.site_url + s.url
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for urls in by_key.values():
        for lang in LANGS:
            lines.append(f"<url><loc>{urls[lang]}</loc><lastmod>{report.last_updated.isoformat()}</lastmod>")
            for alt in LANGS:
                lines.append(f'<xhtml:link rel="alternate" hreflang="{HTML_LANG[alt]}" href="{urls[alt]}"/>')
            lines.append(f'<xhtml:link rel="alternate" hreflang="x-default" href="{urls["en"]}"/></url>')
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


