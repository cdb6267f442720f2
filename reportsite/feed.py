"""An Atom feed per language (/<lang>/feed.xml): the corrections, newest first, and the current edition.

Entry ids are derived from their content (a UUID of the date and text), so the same data gives the
same feed; links are absolute when the site has a base URL, relative to the feed otherwise.
"""

from __future__ import annotations

import uuid
from html import escape as _escape

from . import l10n
from .meta import HTML_LANG
from .model import Site
from .pages import page_url


def escape(text: str) -> str:
    """Text as XML character data: &, < and > escaped (xml.sax.saxutils.escape, without its import of urllib)."""
    return _escape(text, quote=False)


ATOM = "http://www.w3.org/2005/Atom"


def _id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}"


def _link(site: Site, lang: str, url: str) -> str:
    """A link from the feed (at <lang>/feed.xml) to a page of the site."""
    if site.url:
        return site.url + url
    return "../" + url


def atom(site: Site, lang: str, gettext) -> bytes:
    _ = gettext
    updated = site.last_updated.isoformat() + "T00:00:00Z"
    entries = [_entry(site, lang, _("Corrected: %(what)s") % {"what": c.what[lang]}, c.date.isoformat(),
                      _link(site, lang, page_url("corrections", lang)) + f"#{c.id}",
                      f"{c.what[lang]} {c.why[lang]}", _id("correction", c.date.isoformat(), c.what.en))
               for c in site.corrections]
    reports = l10n.LIST_COMMA[lang].join(r.label[lang] for r in site.reports)
    entries.append(_entry(site, lang, _("Edition of %(date)s") % {"date": site.last_updated.isoformat()},
                          site.last_updated.isoformat(), _link(site, lang, page_url("home", lang)),
                          _("Reports: %(reports)s. Data version %(hash)s.") % {"reports": reports,
                                                                               "hash": site.data_hash[:12]},
                          _id("edition", site.data_hash)))
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="{HTML_LANG[lang]}">',
        f"<title>{escape(site.name[lang])}</title>",
        f"<subtitle>{escape(_('Corrections and new editions'))}</subtitle>",
        f'<link rel="alternate" type="text/html" href="{escape(_link(site, lang, page_url("home", lang)))}"/>',
    ]
    if site.url:
        head.append(f'<link rel="self" type="application/atom+xml" href="{escape(site.url + lang)}/feed.xml"/>')
    head += [f"<id>{_id('feed', site.name.en, lang)}</id>", f"<updated>{updated}</updated>",
             f"<author><name>{escape(site.name[lang])}</name></author>"]
    return ("\n".join(head + entries + ["</feed>"]) + "\n").encode("utf-8")


def _entry(site: Site, lang: str, title: str, date: str, href: str, summary: str, ident: str) -> str:
    return (f"<entry><title>{escape(title)}</title><id>{ident}</id><updated>{date}T00:00:00Z</updated>"
            f'<link rel="alternate" type="text/html" href="{escape(href)}"/>'
            f"<summary>{escape(summary)}</summary></entry>")
