"""The offline bundle: the whole site as a zip that works from file://, the whole report
as one self-contained HTML file per language, its printed handout and briefing (at most two pages) as
PDFs per language (handout.py), and a bilingual README, in dist/bundle/.

Everything is rendered in memory and written with the normal site in one swap, so
dist/ and dist/bundle/ always match. The output is deterministic: the same input
gives the same bytes (sorted zip entries, timestamps from the data's last-updated date).
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import time
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup

from . import LANGS
from .charts import render_chart
from .editions import BUNDLE_DIR, bundle_names, edition
from .handout import printed_editions
from .links import ANCHORS, FILES
from .model import Bi, Report, Site, Target
from .pages import (GlossaryEntry, Imprint, Review, Terms, glossary_entries, imprint, judged_by_paragraph, page_url,
                    review_of, terms_used)
from .render import Options
from .site import Project, base_url_line, built_line, check_published, make_renderer, read_site, render_site
from .vocab import TARGET_GROUPS
from .write import OutputError, write_site

SINGLE_TEMPLATE = "single.html"
README_TEMPLATE = "readme.txt"
SINGLE_CSS = ("site.css", "single.css")  # the site's styles, then the one-file edition's own
CSP_SLOT = "\x00CSP\x00"
# Only for the offline bundle and never useful there: 404.html links to server paths.
NOT_OFFLINE = frozenset({"404.html"})

INLINE = re.compile(r"<(style|script)>(.*?)</\1>", re.S)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "srcset", "poster", "data"})


def build_bundle(project: Project) -> Iterator[str]:
    """Build dist/ with the downloads pages linking the bundle, and dist/bundle/; yield lines to print."""
    start = time.perf_counter()
    site = read_site(project)
    names = bundle_names(site)
    rendered = render_site(project, site, Options(bundle={k: f"{BUNDLE_DIR}/{v}" for k, v in names.items()}))
    files = rendered.files
    pages = sum(1 for f in files if f.endswith(".html"))
    bundle = bundle_files(project, site, names)
    for key, data in bundle.items():
        path = f"{BUNDLE_DIR}/{key}"
        if path in files:
            raise OutputError(f"two outputs want the path {path}")
        files[path] = data
    write_site(files.items(), project.dist, lambda written: check_published(project, written, rendered.redirects))
    yield base_url_line(site.url) + " (the bundle's pages and citations are made for it)"
    yield built_line(project.dist, pages, len(files), len(site.reports), time.perf_counter() - start)
    yield f"offline bundle in {project.dist / BUNDLE_DIR} (edition of {edition(site)}, " \
          f"data version {site.data_hash[:12]}):"
    width = max(len(k) for k in bundle)
    for key in sorted(bundle):
        yield f"  {key:<{width}}  {_size(len(bundle[key])):>9}  ({len(bundle[key]):,} bytes)"


def bundle_files(project: Project, site: Site, names: dict[str, str]) -> dict[str, bytes]:
    """{file name: bytes} of everything in dist/bundle/."""
    out = {names["zip"]: offline_zip(project, site, names["zip"].removesuffix(".zip"))}
    for report in site.reports:
        for lang in LANGS:
            out[names[f"{report.id}:{lang}"]] = single_file(project, site, report, lang)
    for (report_id, lang, kind), pdf in printed_editions(project, site).items():
        out[names[f"{report_id}:{lang}:{kind}"]] = pdf
    out["README.txt"] = readme(project, site, {k: _size(len(v)) for k, v in out.items()}, names)
    return out


# ---- The zip of the whole site ------------------------------------------------------------


def offline_site(project: Project, site: Site) -> dict[str, bytes]:
    """The site with links to files (.../index.html), so that it works opened from a disk."""
    files = render_site(project, site, Options(links=FILES)).files
    return {k: v for k, v in files.items() if k not in NOT_OFFLINE}


def offline_zip(project: Project, site: Site, folder: str) -> bytes:
    """The offline site in one folder, with a README; the same bytes every time."""
    files = offline_site(project, site)
    files["README.txt"] = readme(project, site, None, None)
    stamp = (site.last_updated.year, site.last_updated.month, site.last_updated.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it, so the bytes do not depend on the machine
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[path], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        zf.comment = (f"{site.name.en} · {site.name.zh}: offline site. Open {folder}/index.html. "
                      f"Edition of {edition(site)}; data version {site.data_hash}.").encode("utf-8")
    return buffer.getvalue()


# ---- One file per language ------------------------------------------------------------------


@dataclass(frozen=True)
class SectionCharts:
    """A section's charts in the one-file edition: its history, then its goals of each group."""

    history: Markup
    goals: tuple[Markup, ...]


@dataclass(frozen=True)
class SingleContext:
    """What the one-file edition of a report (single.html) is given: the report, who made the edition, the
    report's address on the site, its charts, each part's review of an earlier report's goals, the judged goals
    each paragraph sets, topic names, the glossary entries of its terms (for the popover, and the appendix),
    and its CSS and script inline."""

    report: Report
    imprint: Imprint
    online: str | None  # the report's page on the site (with a base URL)
    section_charts: dict[str, SectionCharts]  # by section id, for the sections with figures
    goal_charts: tuple[Markup, ...]  # the report's goals of each group
    reviews: dict[str, Review | None]  # by part id
    judged: dict[str, tuple[Target, ...]]  # by paragraph id
    topics: Mapping[str, Bi]
    terms: Terms
    glossary: tuple[GlossaryEntry, ...]
    csp: str  # a slot for the policy, which is computed from the rendered file
    title_css: Markup  # the report's title as a CSS string (the print layout's running head)
    site_css: Markup
    site_js: Markup


def single_context(project: Project, site: Site, report: Report, lang: str, gettext) -> SingleContext:
    def chart(kind: str, chart_id: str, **what) -> Markup:
        return render_chart(kind, lang, report, gettext, chart_id=chart_id, **what)

    return SingleContext(
        report=report, imprint=imprint(site), online=site.absolute(page_url("report", lang, None, report.id)),
        section_charts={s.id: SectionCharts(chart("before-after", f"chart-{s.id}-history", section=s),
                                            tuple(chart("targets", f"chart-{s.id}-{g}", section=s, group=g)
                                                  for g in TARGET_GROUPS))
                        for s in report.sections if s.figures},
        goal_charts=tuple(chart("targets", f"chart-targets-{g}", group=g) for g in TARGET_GROUPS),
        reviews={part.id: review_of(part, report, site) for part in report.parts},
        judged=judged_by_paragraph(report), topics=site.topics,
        terms=terms_used(site, report, report.paragraphs(), lang), glossary=glossary_entries(site, report),
        csp=CSP_SLOT, title_css=css_string(report.title[lang]),
        site_css=Markup("\n").join(_inline_text(project.assets / name, "style") for name in SINGLE_CSS),
        site_js=_inline_text(project.assets / "site.js", "script"))


def single_file(project: Project, site: Site, report: Report, lang: str) -> bytes:
    """A whole report in one HTML file: inline CSS and JS allowed by hash, links only to #anchors."""
    renderer = make_renderer(project, site, Options(links=ANCHORS))
    context = single_context(project, site, report, lang, renderer.translations[lang].gettext)
    html = renderer.one_file(lang, SINGLE_TEMPLATE, context)
    renderer.check_catalog()
    html = html.replace("\r\n", "\n").replace("\r", "\n")  # what the browser hashes is what we hash
    html = html.replace(CSP_SLOT, content_security_policy(html))
    check_self_contained(html, f"{report.id} ({lang})")
    return html.encode("utf-8")


def content_security_policy(html: str) -> str:
    """Allow exactly the inline <style> and <script> blocks of html, by their sha256 hashes."""
    hashes: dict[str, list[str]] = {"style": [], "script": []}
    for tag, text in INLINE.findall(html):
        digest = f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"
        if digest not in hashes[tag]:
            hashes[tag].append(digest)
    style = " ".join(hashes["style"]) or "'none'"
    script = " ".join(hashes["script"]) or "'none'"
    return (f"default-src 'none'; style-src {style}; script-src {script}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def css_string(text: str) -> Markup:
    """A quoted CSS string, safe inside an inline <style>."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{escaped}"')


def _inline_text(path, tag: str) -> Markup:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if f"</{tag}" in text.lower():
        raise OutputError(f"{path.name} cannot be inlined: it contains </{tag}")
    return Markup(text)


class _Attributes(HTMLParser):
    """The URLs and ids of a document's elements, read from their parsed attributes: text that merely
    looks like an attribute (a note quoting `<img src=…>`) is text, escaped, and never counted."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id":
                self.ids.append(value or "")
            elif name == "srcset":  # "a.png 1x, b.png 2x": the URL of each candidate
                self.urls += [c.split()[0] for c in (value or "").split(",") if c.strip()]
            elif name in URL_ATTRIBUTES:
                self.urls.append(value or "")


def check_self_contained(html: str, lang: str) -> None:
    """Every link an anchor, every id once: a template mistake here is a bug, not a data error."""
    parsed = _Attributes(html)
    outside = sorted({u for u in parsed.urls if not u.startswith("#")})
    if outside:
        raise OutputError(f"the one-file edition ({lang}) links outside itself: {outside[:5]}")
    ids = Counter(parsed.ids)
    twice = sorted(i for i, n in ids.items() if n > 1)
    if twice:
        raise OutputError(f"the one-file edition ({lang}) uses these ids more than once: {twice[:5]}")
    missing = sorted({u[1:] for u in parsed.urls} - set(ids))
    if missing:
        raise OutputError(f"the one-file edition ({lang}) links to missing anchors: {missing[:5]}")


# ---- README ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadmeContext:
    """What the bundle's README.txt (readme.txt) is given: who made the edition, the reports, and for the README
    of dist/bundle/ the bundle's files (what -> file name) and their sizes (file name -> size); none inside the zip."""

    imprint: Imprint
    reports: tuple[Report, ...]
    names: dict[str, str] | None
    files: dict[str, str] | None


def readme(project: Project, site: Site, sizes: dict[str, str] | None, names: dict[str, str] | None) -> bytes:
    """README.txt in Chinese, then English; for dist/bundle/ (sizes and names given) or inside the zip."""
    renderer = make_renderer(project, site)
    context = ReadmeContext(imprint(site), site.reports, names, sizes)
    halves = [renderer.one_file(lang, README_TEMPLATE, context) for lang in LANGS]
    renderer.check_catalog()
    text = "\n\n".join(h.strip("\n") for h in halves) + "\n"
    # A byte-order mark and CRLF, so that Notepad on older Windows shows the Chinese and the lines right.
    return ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
