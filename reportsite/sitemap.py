"""What the site tells crawlers: robots.txt, and sitemap.xml with each page's language alternates.

The sitemap needs absolute addresses, so it is made only when the site has a base URL; its XML is
written by an autoescaping template, so no address can break it."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from . import LANGS
from .meta import HTML_LANG
from .model import Site
from .pages import PageSpec

SITEMAP = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined).from_string("""\
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{% for page in pages %}
{% for lang in langs %}
<url><loc>{{ page.urls[lang] }}</loc><lastmod>{{ lastmod }}</lastmod>
{% for alt in langs %}
<xhtml:link rel="alternate" hreflang="{{ html_lang[alt] }}" href="{{ page.urls[alt] }}"/>
{% endfor %}
<xhtml:link rel="alternate" hreflang="x-default" href="{{ page.default }}"/></url>
{% endfor %}
{% endfor %}
</urlset>
""")


@dataclass(frozen=True)
class Entry:
    """One page of the sitemap: its absolute address in each language, and the one for any other."""

    urls: dict[str, str]  # lang -> absolute url
    default: str  # x-default: the chooser for the home pages, the English page for the rest


def robots(site: Site) -> bytes:
    sitemap_line = f"Sitemap: {site.url}sitemap.xml\n" if site.url else ""
    return f"User-agent: *\nAllow: /\n{sitemap_line}".encode()


def sitemap(site: Site, specs: list[PageSpec]) -> bytes:
    """sitemap.xml of the pages a crawler should know: one entry for each page in both languages
    (not the site's one-language pages, nor redirects). Only for a site with a base URL."""
    if not site.url:
        raise ValueError("a sitemap needs the site's base URL")
    by_key: dict[tuple, dict[str, str]] = {}
    for s in specs:
        if s.kind.sitemap and s.kind.per_lang and not s.moved_to:
            key = (s.kind.name, s.report.id if s.report else None, s.ident)
            by_key.setdefault(key, {})[s.lang] = site.url + s.url
    pages = [Entry(urls, site.url if key[0] == "home" else urls["en"]) for key, urls in by_key.items()]
    return SITEMAP.render(pages=pages, langs=LANGS, html_lang=HTML_LANG,
                          lastmod=site.last_updated.isoformat()).encode()
