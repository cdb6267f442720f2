"""The model -> {output path: bytes}: pages, data files, search indexes and share images.

One Jinja environment per language, each template compiled once; nothing here
writes to the disk (write.py does). How links are written is the output's one
LinkPolicy (links.py), given to the renderer once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import LANGS, charts, cite, l10n, publish, search, share
from .errors import BuildFailed, Mark, Problems
from .links import FOLDERS, LinkPolicy, dest
from .model import Bi, Report, Term
from .pages import KIND, PageSpec, navigation, page_url, plan_pages
from .text import Prose, markdown
from .vocab import KINDS, QUALIFIERS, TARGET_GROUPS

HTML_LANG = {"zh": "zh-Hans", "en": "en"}


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


@dataclass(frozen=True)
class Options:
    """What one rendering is for: its links, and the bundle's name when the downloads page links it."""

    links: LinkPolicy = FOLDERS
    bundle_name: str | None = None


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory, so the second language's environment does not compile again."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


def make_env(templates_dir: Path, report: Report, lang: str, translations: l10n.StrictTranslations,
             options: Options, prose: Prose, bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A Jinja environment for one language and one output: its globals are all a template may use."""
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
    links = options.links

    @jinja2.pass_context
    def link(ctx, kind: str, ident: str | None = None, fragment: str | None = None, to_lang: str | None = None):
        return links.page(_here(ctx), kind, to_lang or lang, ident, fragment)

    @jinja2.pass_context
    def href(ctx, path: str) -> str:
        return links.file(_here(ctx), path)

    def term_url(ctx):
        here = _here(ctx)
        return lambda term_id: links.page(here, "glossary", lang, None, term_id)

    env.globals.update(
        report=report, lang=lang, other_lang=other(lang), html_lang=HTML_LANG, bundle_name=options.bundle_name,
        kinds=KINDS, qualifiers=QUALIFIERS, target_groups=TARGET_GROUPS, navigation=navigation(report),
        figure_value=lambda f, lg=lang: l10n.figure_value(f, lg),
        long_date=lambda d, lg=lang: l10n.long_date(d, lg),
        period=lambda p, lg=lang: l10n.period(p, lg),
        derived_value=lambda d: l10n.derived_value(d, lang),
        formula=lambda d: l10n.formula(d, lang),
        page_url=page_url, to_json=to_json, set_=set, link=link, href=href, anchor=links.anchor,
        structured_data=lambda spec: structured_data(report, spec, lang),
        term_places=lambda term: term_places(report, term),
        chart=lambda kind, **kw: charts.render_chart(kind, lang, report, translations.gettext, **kw),
        citations=lambda title, url, key: cite.citations(report, lang, title, url, key, translations.gettext),
        access_default=lambda fmt: cite.access_date(report.last_updated, fmt),
        chinese=jinja2.pass_context(lambda ctx, text, linked=None: prose.chinese(text, linked, term_url(ctx))),
        inline=jinja2.pass_context(lambda ctx, text, linked=None: prose.inline(text, linked, term_url(ctx))),
        block=prose.block,
    )
    env.filters["t"] = lambda bi, lg=None: bi[lg or lang]
    env.filters["ident"] = lambda item: None if item is None else (getattr(item, "id", None) or item.slug)
    return env


def _here(ctx) -> str:
    """The url of the page being rendered ("" for the one-file edition, where links are anchors)."""
    page = ctx.get("page")
    return page.url if page is not None else ""


def structured_data(report: Report, spec: PageSpec, lang: str) -> dict:
    """schema.org JSON-LD: the report as a Report; the figures and downloads pages as a Dataset."""
    url = report.site_url + spec.url
    if spec.kind.name in ("figures", "downloads"):
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


def term_places(report: Report, term: Term) -> list[tuple[str, str, str, Bi]]:
    """The pages where a term appears, once each, as (kind, page id, first paragraph there, page title)."""
    places: dict[tuple[str, str], tuple[str, str, str, Bi]] = {}
    for pid in term.paragraph_ids:
        kind, owner, title = report.index.home_of(pid)
        places.setdefault((kind, owner), (kind, owner, pid, title))
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
        self.specs = plan_pages(report, self.translate)
        self.by_dest = {dest(s.url): s for s in self.specs}
        prose, bytecode = Prose(markdown(), report.index.terms), bytecode or SharedBytecode()
        self.envs = {lang: make_env(templates_dir, report, lang, translations[lang], options, prose, bytecode)
                     for lang in LANGS}
        self._extras: dict[str, bytes] | None = None

    def translate(self, message: str) -> Bi:
        """A UI string in both languages, from the catalog."""
        return Bi(self.translations["zh"].gettext(message), self.translations["en"].gettext(message))

    def page(self, spec: PageSpec) -> bytes:
        html = render_template(self.envs[spec.lang], spec.template, spec.url, self.problems, page=spec, obj=spec.obj)
        return html.encode("utf-8")

    def one_file(self, lang: str, template: str, **context) -> str:
        """A template rendered outside the page plan (the one-file edition); mistakes go to problems."""
        return render_template(self.envs[lang], template, f"{template} ({lang})", self.problems, **context)

    def extras(self) -> dict[str, bytes]:
        """Everything that is not a page: search indexes, sitemap, data files, share images."""
        if self._extras is None:
            report, files = self.report, {}
            for lang in LANGS:
                files.update(search.index_files(report, lang, self.options.links))
            files["sitemap.xml"] = sitemap(report, [s for s in self.specs if s.kind.sitemap and s.kind.per_lang])
            files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {report.site_url}sitemap.xml\n".encode()
            files.update(publish.data_files(report))
            font = share.find_font()
            if font is None:
                self.problems.add(Mark("reportsite/share.py"), "FONT_PATHS", "a CJK font for the share images "
                                  "(apt-get install fonts-noto-cjk, or set REPORTSITE_FONT)", "none")
            for lang in LANGS if font else ():
                caption = self.translations[lang].gettext(share.CAPTION)
                files[f"assets/share-{lang}.png"] = share.share_image(report, lang, font, caption)
            self._extras = files
        return self._extras

    def file(self, path: str) -> bytes | None:
        """One output file by its path, rendered now; None if the site has no such file."""
        spec = self.by_dest.get(path)
        return self.page(spec) if spec else self.extras().get(path)

    def check_catalog(self) -> None:
        """Raise BuildFailed for template mistakes and for every UI string the catalog lacks."""
        for tr in self.translations.values():
            for message in sorted(tr.missing):
                self.problems.add(Mark(tr.source), f"msgid {message!r}", "a Chinese translation of this UI string",
                                  "none")
            tr.missing.clear()
        if self.problems:
            raise BuildFailed(self.problems)

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        """Every output file, in a stable order; BuildFailed at the end if anything was wrong."""
        for spec in self.specs:
            yield dest(spec.url), self.page(spec)
        yield from self.extras().items()
        self.check_catalog()


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
        by_key.setdefault((s.kind.name, s.ident), {})[s.lang] = report.site_url + s.url
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


KIND_OF = KIND  # re-exported for the templates' tests
