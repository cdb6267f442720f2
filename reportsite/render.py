"""The model -> {output path: bytes}: pages, data files, search indexes, feeds and share images.

One Jinja environment per language, each template compiled once; nothing here writes to the
disk (write.py does). A page's template is given its kind's context (pages.py) and, in the site's
layout, the frame around it (Frame here: what a page says about itself comes from meta.py); the
environment's globals are formatting helpers only. How links are written is the output's one
LinkPolicy (links.py), given to the renderer once.
"""

from __future__ import annotations

import datetime as dt
import dis
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import markupsafe
from markupsafe import Markup, escape

from . import LANGS, assets, feed, l10n, ledger, meta, other_lang, publish, search, share
from .catalog import EXTRACT_STEPS, StrictTranslations
from .errors import BuildFailed, Mark, Problems
from .links import FOLDERS, LinkPolicy, dest, sibling_reach, start_folder
from .model import Bi, Page, Report, Site, Target
from .reads import ALL, DataReads
from .pages import KIND, Given, PageKind, PageSpec, navigation, plan_pages, search_hint
from .sitemap import robots, sitemap
from .text import Prose, markdown
from .vocab import KINDS, TARGET_GROUPS

if TYPE_CHECKING:
    from .kept import Store

Extras = tuple[tuple[str, tuple[str, ...]], ...]  # each group of the files that are not pages, and what it reads


def extras_groups(site: Site) -> Extras:
    """The files that are not pages, in groups, each with the parts of the data it reads (reads.py): the cache
    keys each group by them, so that a section edited makes again neither the share images nor the other
    reports' data files. The search index, the feeds (the data version), the sitemap (every page) and
    datapackage.json (the data version) read all the data; the data files, the reports' figures and goals, not
    our English of their paragraphs."""
    tables = tuple(f"tables:{r.id}" for r in site.reports)
    return (
        ("assets", ()), ("search", (ALL,)), ("feeds", (ALL,)), ("robots", ("site",)), ("sitemap", (ALL,)),
        ("data", (*tables, "glossary")),
        # the unprefixed report's files also stand where they were first published (site.yaml names it)
        *((f"data:{r.id}", (f"tables:{r.id}", "glossary", *(("site",) if r.id == site.unprefixed_report else ())))
          for r in site.reports),
        ("datapackage", (ALL,)), ("share", ("site", "cards")),
    )


# The page kinds that show what the extras make at a cost, each with that group (the search page: its index's root).
ALONG = {"search": "search"}
ENTITY = re.compile(r"&amp;[a-z]+;")  # an HTML entity a copy wrote as text (&middot;), once escaped


@dataclass(frozen=True)
class Options:
    """What one rendering is for: its links, and the bundle's names when the downloads pages link them."""

    links: LinkPolicy = FOLDERS
    bundle: dict[str, str] = field(default_factory=dict)  # what -> path under dist/ (bundle.py names them)


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory, so the second language's environment does not compile again."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


# A range or a span of years in a value ("8–8.5%", "2017–2021"): kept on one line, never broken at its dash.
RANGE = re.compile(r"\d[\d.,]*%?\s?[–—~]\s?\d[\d.,]*%?")


def unbroken_ranges(text: str) -> Markup:
    """A value as HTML with each range in it in a span that does not wrap (site.css .num)."""
    return Markup(RANGE.sub(lambda m: f'<span class="num">{m.group(0)}</span>', str(escape(text))))


def remembered_gettext(translations: StrictTranslations):
    """Jinja's newstyle gettext (the message is a format string, its variables escaped), each message without
    variables translated once: pages ask for the same few hundred strings hundreds of thousands of times."""
    said: dict[str, Markup] = {}

    @jinja2.pass_eval_context
    def gettext(eval_ctx, message: str, **variables) -> str:
        if not eval_ctx.autoescape:  # readme.txt
            return translations.gettext(message) % variables
        if variables:
            return Markup(translations.gettext(message)) % variables
        if message not in said:
            text = Markup(translations.gettext(message)) % {}
            if message in translations.missing:
                return text  # noted again on each use: a task reports what it missed (parallel.py)
            said[message] = text
        return said[message]

    return gettext


class Context(jinja2.runtime.Context):
    """Jinja's context with a quicker `call`, which every call in a template goes through (a page makes about a
    hundred): a macro is called as it is, and what a callable asks to be passed (pass_context …) is read in one or two
    lookups, where Jinja's own makes two function calls and three hasattr. What it passes is what Jinja's passes."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature: any keyword may be the callable's)
        if type(__obj) is not jinja2.runtime.Macro:
            pass_arg = getattr(__obj, "jinja_pass_arg", None) or getattr(  # a function's, or a callable object's
                getattr(type(__obj), "__call__", None), "jinja_pass_arg", None)
            if pass_arg is not None:
                if pass_arg is PASS_CONTEXT:  # with what a loop or a block has set, as Jinja's does
                    if kwargs.get("_loop_vars"):
                        __self = __self.derived(kwargs["_loop_vars"])
                    if kwargs.get("_block_vars"):
                        __self = __self.derived(kwargs["_block_vars"])
                    args = (__self, *args)
                else:
                    args = (__self.eval_ctx if pass_arg is PASS_EVAL_CONTEXT else __self.environment, *args)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


# MarkupSafe's escaping of a str, to a str (escape() makes a Markup of it); where a MarkupSafe lacks it, escape().
_escaped = getattr(markupsafe, "_escape_inner", None) or (lambda text: str(escape(text)))


def escape_output(value) -> str:
    """What `{{ value }}` writes under autoescape: markupsafe.escape's text, as a str. Jinja joins each value into the
    page at once, so the Markup escape() makes of it (a page writes about 230) was never used."""
    if type(value) is str:
        return _escaped(value)
    if type(value) is Markup:
        return value
    html = getattr(value, "__html__", None)  # other markup (an undefined value has none: str() raises, as in escape)
    return html() if html is not None else _escaped(str(value))


class Template(jinja2.Template):
    """Jinja's template with three savings on every page, none changing a byte of it:
    - each `{{ value }}` is written by escape_output (the compiled code calls the name `escape` for that alone; a value
      passed on, a macro's or a block's output, is still made Markup as Jinja makes it);
    - imported with its importer's context while a template renders (base.html's `{% import "macros.html" as m with
      context %}`), a template whose import reads nothing of that context (imported_as_defined: it defines macros,
      which read the context when called) is made once and lent to each render after, its context's parent set to
      the importer's. Made on each page, it cost 0.1 ms and left a cycle of about 120 objects for the garbage
      collector (0.15 s of each worker's time);
    - imported without it (`{% from "policy.html" import … %}`), whether the importer has globals this template lacks
      is asked in one call of C (_get_default_module), where Jinja asks its chain of globals for each name in turn."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escape_output  # the namespace of the template's functions
        return template

    def render(self, *args, **kwargs) -> str:
        outer = getattr(_lending, "modules", None)
        _lending.modules = []  # the modules lent while this renders, given back when it ends
        try:
            return super().render(*args, **kwargs)
        finally:
            for template, module, context in _lending.modules:
                context.parent = {}
                template._free_modules.append((module, context))
            _lending.modules = outer

    def _get_default_module(self, ctx=None):
        maps = getattr(self.globals, "maps", None)  # Jinja's ChainMap of this template's globals and the environment's
        if ctx is not None and maps is not None and not ctx.globals_keys.difference(*maps):
            ctx = None  # none lacking: Jinja's module made once, as it gives it then
        return super()._get_default_module(ctx)

    def make_module(self, vars=None, shared=False, locals=None):
        lent = getattr(_lending, "modules", None)
        if not shared or lent is None or not self.imported_as_defined:
            return super().make_module(vars, shared, locals)
        given = {name: value for name, value in (locals or {}).items() if value is not jinja2.runtime.missing}
        parent = {**(vars or {}), **given} if given else (vars or {})  # as jinja2.runtime.new_context makes it
        if self._free_modules:
            module, context = self._free_modules.pop()
            context.parent = parent
        else:
            context = self.new_context(parent, shared=True)
            module = jinja2.environment.TemplateModule(self, context)
        lent.append((self, module, context))
        return module

    @cached_property
    def _free_modules(self) -> list[tuple[jinja2.environment.TemplateModule, jinja2.runtime.Context]]:
        return []

    @cached_property
    def imported_as_defined(self) -> bool:
        """Whether importing this template reads nothing of the importer's context: its top level (its root function,
        not the macros in it) resolves no name and passes the context on to no other template."""
        code = self.root_render_func.__code__
        return not ({"get_all", "root_render_func", "derived"} & set(code.co_names) or any(
            i.argval == "resolve" and i.opname in ("LOAD_FAST", "LOAD_DEREF") for i in dis.get_instructions(code)))


_lending = threading.local()  # .modules: what Template.make_module lent in the render running on this thread


PASS_CONTEXT = jinja2.pass_context(lambda: None).jinja_pass_arg  # what Jinja marks each kind of callable with
PASS_EVAL_CONTEXT = jinja2.pass_eval_context(lambda: None).jinja_pass_arg


def make_env(templates_dir: Path, lang: str, translations: StrictTranslations, options: Options, prose: Prose,
             asset_names: dict[str, str], bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A Jinja environment for one language and one output. Its globals are formatting helpers only (numbers,
    dates and labels in the language, links, gettext, prose); what a page shows, its context gives it."""
    env = jinja2.Environment(
        bytecode_cache=bytecode, loader=jinja2.FileSystemLoader(templates_dir), autoescape=True,
        undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # no stat of every template on every page: each rebuild (serve too) makes new environments
    )
    env.context_class, env.template_class = Context, Template
    env.install_gettext_callables(translations.gettext, translations.ngettext, newstyle=True)
    env.globals["gettext"] = env.globals["_"] = remembered_gettext(translations)
    links, _ = options.links, translations.gettext
    favicon = assets.data_uri(templates_dir.parent / "assets" / "favicon.svg")

    @jinja2.pass_context
    def link(ctx, kind: str, ident: str | None = None, fragment: str | None = None, to_lang: str | None = None,
             report: str | None = None):
        """A link to a page (of a report: by default the page's own report; report= gives another's id)."""
        return links.page(_here(ctx), kind, to_lang or lang, ident, fragment, report or _report_id(ctx))

    @jinja2.pass_context
    def href(ctx, path: str) -> str:
        return links.file(_here(ctx), asset_names.get(path, path))

    def term_url(ctx):
        here = _here(ctx)
        return lambda term_id: links.page(here, "glossary", lang, None, term_id)

    env.globals.update(
        lang=lang, other_lang=other_lang(lang), html_lang=meta.HTML_LANG, kinds=KINDS, target_groups=TARGET_GROUPS,
        status_label=lambda s: _(ledger.STATUS_LABELS[s]),
        figure_value=lambda f, lg=lang: unbroken_ranges(l10n.figure_value(f, lg)),
        long_date=lambda d, lg=lang: l10n.long_date(d, lg),
        period=lambda p, lg=lang: l10n.period(p, lg),
        derived_value=lambda d: l10n.derived_value(d, lang),
        formula=lambda d: l10n.formula(d, lang),
        reasoning=lambda target, later: ledger_text(target, later, lang, _), editor_reading=lambda t: editor_text(t, _),
        status_icon=ledger.STATUS_ICONS.get,
        colon=l10n.COLON[lang], space=l10n.SPACE[lang], list_comma=l10n.LIST_COMMA[lang],
        list_separator=l10n.LIST_SEPARATOR[lang], paren=lambda text, together=False: l10n.paren(text, lang, together),
        paren_open=l10n.PARENS[lang].split("%s")[0], paren_close=l10n.PARENS[lang].split("%s")[1],
        asset_path=lambda name: asset_names.get(name, name), favicon=favicon,
        to_json=to_json, set_=set, link=link, href=href, anchor=links.anchor, offline=links.name != "folders",
        paragraph_zh=jinja2.pass_context(
            lambda ctx, p, linked=None: prose.paragraph_zh(p.zh_runs(), linked, term_url(ctx), _report_id(ctx))),
        inline=jinja2.pass_context(lambda ctx, text, linked=None: prose.inline(text, linked, term_url(ctx))),
        block=jinja2.pass_context(lambda ctx, text: prose.block(
            text, lambda kind: links.page(_here(ctx), kind, lang) if kind in KIND else f"page:{kind}")),
    )
    env.filters["t"] = lambda bi, lg=None: bi[lg or lang]
    env.filters["entities_as_code"] = lambda text: Markup(ENTITY.sub(r"<code>\g<0></code>", str(escape(text))))
    env.filters["ident"] = lambda item: None if item is None else (getattr(item, "id", None) or item.slug)
    return env


def _here(ctx) -> str:
    """The url of the page being rendered ("" for the one-file edition, where links are anchors)."""
    page = ctx.get("page")
    return page.url if page is not None else ""


@dataclass(frozen=True)
class Frame:
    """What the site shows around every page's own content (base.html): the head (title, description,
    addresses, social card, JSON-LD, the strings site.js shows), the header (Chrome's, for this page) and the
    footer."""

    title: str
    description: str
    canonical: str | None  # the page's absolute address (with a base URL)
    alternates: list[tuple[str, str]]  # (hreflang, absolute address) of each language version (with a base URL)
    open_graph: list[tuple[str, str]]  # (property, content)
    structured_data: dict  # JSON-LD
    ui_strings: Markup  # macros.ui_strings
    header: Markup  # macros.site_header: name, navigation, search, the report's navigation
    licence: Bi
    edition: dt.date
    data_version: str  # the data's content hash, shortened
    footer_links: Markup  # macros.site_footer_links


def frame(site: Site, spec: PageSpec, gettext, data_version: str, chrome: Chrome, problems: Problems) -> Frame:
    """The frame of a page in its language (data_version: of the data the page is made from, reads.py; chrome: the
    pieces shared with other pages; problems: where their template mistakes go)."""
    lang, _ = spec.lang, gettext
    title, description = page_title(site, spec), meta.description(site, spec, lang, _)
    header, footer_links, ui_strings = chrome.pieces(spec, problems)
    return Frame(
        title=title, description=description, canonical=site.absolute(spec.url),
        alternates=[(hreflang, site.absolute(url)) for hreflang, url in meta.alternates(site, spec)
                    if site.absolute(url)],  # search engines read absolute addresses only
        open_graph=meta.open_graph(site, spec, lang, title, description, _(share.ALT)),
        structured_data=meta.structured_data(site, spec, lang, description), ui_strings=ui_strings,
        header=header, licence=site.licence, edition=site.last_updated, data_version=data_version[:12],
        footer_links=footer_links)


@dataclass(frozen=True)
class Shared:
    """What the frame shows that is the same on every page of a language and a report (macros.site_header and
    site_footer_links are given it)."""

    site_name: Bi
    short_name: Bi  # the name in the header of a phone
    navigation: list[tuple[PageKind, object]]  # the site's (pages.navigation)
    report_navigation: list[tuple[PageKind, object]]  # the page's report's; empty on the site's own pages
    search_hint: str
    report_errors: str | None  # where readers report an error
    prose_pages: tuple[Page, ...]  # linked from the footer (not the home's intro)


@dataclass(frozen=True)
class Place:
    """What the frame's shared pieces know of the page they are for: its kind and, where the navigation lists items
    of its kind (a part, a prose page), its item; so that one rendering serves every page of the same place."""

    kind: PageKind
    ident: str | None


SLOT = "\x1a"  # marks a link in a piece rendered for many pages; no text of the data can hold a control character
COUNTERPART = None  # the slot of the link to the page in the other language


@dataclass(frozen=True)
class Linked:
    """Markup rendered once for many pages, its links written for each: the text around the links, and each link
    (LinkPolicy.page's arguments but the page it is on; COUNTERPART: the page in the other language).

    A relative link is written the same from every page whose folder has the same parent (a report's figures, its
    sections), but for a link into one of their folders (links.sibling_reach): the links are written once for the
    pages of a parent folder (Siblings), and for each page only those that lead into its own folder and its
    counterpart."""

    texts: tuple[str, ...]
    links: tuple[tuple | None, ...]
    _siblings: dict = field(default_factory=dict, compare=False, repr=False)  # (policy, parent folder) -> Siblings

    @classmethod
    def of(cls, rendered: str, links: list[tuple | None]) -> Linked:
        parts = rendered.split(SLOT)
        return cls(tuple(parts[0::2]), tuple(links[int(i)] for i in parts[1::2]))

    def on(self, spec: PageSpec, policy: LinkPolicy) -> Markup:
        """The markup with its links written from this page."""
        folder = start_folder(spec.url)
        key = (policy.name, folder[:-1] if folder else None)  # the site's root has no parent folder
        if self._siblings.get(key) is None:  # the first page of its parent folder writes its links alone
            if key not in self._siblings:
                self._siblings[key] = None
                return Markup("".join(self._written(spec, policy)))
            self._siblings[key] = Siblings.of(self, spec, policy)
        siblings, pieces = self._siblings[key], None
        for i in (*siblings.each_page, *siblings.into.get(folder[-1] if folder else "", ())):
            pieces = pieces or list(siblings.pieces)
            pieces[2 * i + 1] = self.write(i, spec, policy)
        return Markup("".join(pieces or siblings.pieces))

    def _written(self, spec: PageSpec, policy: LinkPolicy) -> Iterator[str]:
        yield self.texts[0]
        for i, text in enumerate(self.texts[1:]):
            yield self.write(i, spec, policy)
            yield text

    def write(self, i: int, spec: PageSpec, policy: LinkPolicy) -> str:
        """Link i, written from this page."""
        link = self.links[i]
        if link is COUNTERPART:
            link = (spec.kind.name, other_lang(spec.lang), spec.ident, None, spec.report and spec.report.id)
        return escape(policy.page(spec.url, *link))


@dataclass(frozen=True)
class Siblings:
    """A Linked's markup as written from the pages of one parent folder: its texts and links in turn, each link as
    written from the first of them; the links written again on each page (the counterpart, a link into the first
    one's folder), and those written again on the page of a folder they lead into (by its name)."""

    pieces: tuple[str, ...]
    each_page: tuple[int, ...]
    into: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, linked: Linked, spec: PageSpec, policy: LinkPolicy) -> Siblings:
        pieces, each_page, into = [linked.texts[0]], [], {}
        for i, text in enumerate(linked.texts[1:]):
            written = linked.write(i, spec, policy)
            reach = None if linked.links[i] is COUNTERPART else sibling_reach(written)
            if reach is None:
                each_page.append(i)
            elif reach:
                into.setdefault(reach, []).append(i)
            pieces += (written, text)
        return cls(tuple(pieces), tuple(each_page), {name: tuple(links) for name, links in into.items()})


NO_PIECES = (Linked(("",), ()), Linked(("",), ()), Markup(""))  # the pieces of a frame whose template has a mistake


class Chrome:
    """The frame's pieces that are the same on many pages (macros.site_header, site_footer_links, ui_strings),
    each rendered once per language, report and place in the navigation (Place), and written for each page by
    writing its links from there: the navigation is most of a page's rendering otherwise."""

    def __init__(self, site: Site, envs: dict[str, jinja2.Environment], gettexts: dict[str, Callable[[str], str]],
                 policy: LinkPolicy):
        self.site, self.envs, self.gettexts, self.policy = site, envs, gettexts, policy
        self._rendered: dict[tuple, tuple[Linked, Linked, Markup]] = {}
        self._site_nav = navigation(site)
        self._listed = {kind.name for kind, item in self._site_nav if item is not None}
        self._listed_in = {r.id: {kind.name for kind, item in navigation(r) if item is not None} for r in site.reports}

    def pieces(self, spec: PageSpec, problems: Problems) -> tuple[Markup, Markup, Markup]:
        """The page's header, its footer's links and the strings its script shows (template mistakes go to
        problems, and the pieces are empty)."""
        report = spec.report.id if spec.report else None
        listed = self._listed | self._listed_in.get(report, set())
        place = Place(spec.kind, spec.ident if spec.kind.name in listed else None)
        key = (spec.lang, report, place)
        if key not in self._rendered:
            self._rendered[key] = NO_PIECES
            with template_mistakes("macros.html", spec.url, problems):
                self._rendered[key] = self._render(spec.lang, spec.report, place)
        header, footer_links, ui_strings = self._rendered[key]
        return header.on(spec, self.policy), footer_links.on(spec, self.policy), ui_strings

    def _render(self, lang: str, page_report: Report | None, place: Place) -> tuple[Linked, Linked, Markup]:
        link, links = slotted_link(lang, page_report)
        site, _ = self.site, self.gettexts[lang]
        shared = Shared(site.name, site.short_name, self._site_nav, navigation(page_report) if page_report else [],
                        search_hint(site, lang, _), site.report_errors,
                        tuple(p for p in site.pages if p.slug != "home"))
        macros = self.envs[lang].get_template("macros.html").make_module(
            {"page": place, "report": page_report, "link": link})
        links.append(COUNTERPART)
        header = Linked.of(str(macros.site_header(shared, f"{SLOT}{len(links) - 1}{SLOT}")), links)
        footer_links = Linked.of(str(macros.site_footer_links(shared)), links)
        return header, footer_links, Markup(macros.ui_strings())


class Once:
    """Macros whose markup is the same on many pages but for its links, each rendered once per language, report and
    item, and written for each page (Linked): the ledger's rows, which the ledger and each of its filtered pages
    show; a figure's card, on its section's page, its report's figures and its related figures' pages (the
    templates' `once`, on a page: the one-file edition has no page to write the links from)."""

    def __init__(self, envs: dict[str, jinja2.Environment], policy: LinkPolicy):
        self.envs, self.policy = envs, policy
        self._rendered: dict[tuple, Linked] = {}
        self._macros: dict[tuple, tuple[object, list]] = {}  # (language, report) -> macros.html for it, its links

    @jinja2.pass_context
    def __call__(self, ctx, macro: str, item: str, *args) -> Markup:
        """macros.html's macro(*args) on this page; item: what the arguments are of (a goal's id, a figure's report
        and id)."""
        spec: PageSpec = ctx["page"]
        key = (spec.lang, spec.report and spec.report.id, macro, item)
        if key not in self._rendered:
            module, links = self._module(spec.lang, spec.report)
            links.clear()
            self._rendered[key] = Linked.of(str(getattr(module, macro)(*args)), links)
        return self._rendered[key].on(spec, self.policy)

    def _module(self, lang: str, page_report: Report | None) -> tuple[object, list]:
        key = (lang, page_report and page_report.id)
        if key not in self._macros:
            link, links = slotted_link(lang, page_report)
            self._macros[key] = (self.envs[lang].get_template("macros.html").make_module(
                {"report": page_report, "link": link}), links)
        return self._macros[key]


def slotted_link(lang: str, page_report: Report | None) -> tuple[Callable[..., str], list[tuple | None]]:
    """make_env's link for markup rendered once for many pages of a language and report: a slot for each link, in
    the list, written for each page (Linked.on)."""
    links: list[tuple | None] = []

    def link(kind: str, ident: str | None = None, fragment: str | None = None, to_lang: str | None = None,
             report: str | None = None) -> str:
        links.append((kind, to_lang or lang, ident, fragment, report or (page_report and page_report.id)))
        return f"{SLOT}{len(links) - 1}{SLOT}"

    return link, links


def page_title(site: Site, spec: PageSpec) -> str:
    """The page's <title>: its title, its report's name (on a report's inner pages) and the site's; the home's
    alone; the chooser's, the site's name in every language."""
    lang = spec.lang
    if spec.kind.name == "home":
        return spec.title[lang]
    if spec.kind.name == "chooser":
        return " · ".join(site.name[lg] for lg in LANGS)
    report = f"{spec.report.label[lang]} · " if spec.report and spec.kind.name != "report" else ""
    return f"{spec.title[lang]} · {report}{site.name[lang]}"


def _report_id(ctx) -> str | None:
    """The report whose text is being rendered, if any (terms limited to other reports are not linked in it)."""
    report = ctx.get("report")
    return report.id if report is not None else None


def ledger_text(target: Target, later_report: Report, lang: str, _) -> str:
    """The rule's reading of a goal: "target 8%–8.5% (2021), outcome 9.2% (real GDP growth, 2021) → met
    (a range to reach)"; where an editor reads it otherwise, "→ the rules give met (…)" (editor_text says
    what the editor reads)."""
    v, o = target.verdict, target.outcome
    later = later_report.label[lang]
    if o.statement is not None:
        told = _("the %(report)s report says in words that it was done") % {"report": later}
    elif o.figure is None:
        told = _("the %(report)s report does not say") % {"report": later}
    else:
        told = _("outcome %(value)s (%(label)s, %(period)s)") % {
            "value": l10n.figure_value(o.figure, lang), "label": o.figure.label[lang],
            "period": l10n.period(o.figure.period, lang)}
    goal = _("target %(value)s (%(period)s)") % {"value": l10n.figure_value(target.figure, lang),
                                                 "period": l10n.period(target.figure.period, lang)}
    reading = {"status": _(ledger.STATUS_LABELS[v.computed]), "rule": _(ledger.RULE_NAMES[v.rule])}
    if v.overridden:
        said = _("the rules give %(status)s (%(rule)s)") % reading
    elif v.rule in ledger.SAID_BY_STATUS:  # "not reported (nothing reported)" would say it twice
        said = reading["status"]
    else:
        said = _("%(status)s (%(rule)s)") % reading
    return f"{goal}{l10n.LIST_COMMA[lang]}{told}{l10n.ARROW[lang]}{said}"


def editor_text(target, _) -> str | None:
    """What the editor reads, where an editor set the status (its reason follows): beside the rule's reading,
    never instead of it."""
    v = target.verdict
    if not v.by_editor:
        return None
    if v.overridden:
        return _("The editor reads it as %(status)s, because:") % {"status": _(ledger.STATUS_LABELS[v.status])}
    return _("The editor agrees, because:")


def to_json(value: object) -> Markup:
    """JSON for a <script type="application/ld+json"> block, safe inside HTML."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class SiteRenderer:
    """Renders the site: any single file on request (the live preview), or all of it in order."""

    def __init__(self, site: Site, templates_dir: Path, assets_dir: Path,
                 translations: dict[str, StrictTranslations], options: Options = Options(),
                 bytecode: jinja2.BytecodeCache | None = None):
        self.site, self.options, self.translations = site, options, translations
        self.problems = Problems()
        self.assets = assets.hashed(assets_dir)
        self.specs = plan_pages(site, self.translate)
        self.data = DataReads(site)  # the hash of each part of the data the pages read
        self.by_dest = {dest(s.url): s for s in self.specs}
        prose, bytecode = Prose(markdown(), site.term), bytecode or SharedBytecode()
        names = {name: f.path for name, f in self.assets.items()}
        self.envs = {lang: make_env(templates_dir, lang, translations[lang], options, prose, names, bytecode)
                     for lang in LANGS}
        self.chrome = Chrome(site, self.envs, {lang: tr.gettext for lang, tr in translations.items()}, options.links)
        once = Once(self.envs, options.links)
        for env in self.envs.values():
            env.globals["once"] = once
        self.extras_groups = extras_groups(site)
        self._extras: dict[str, dict[str, bytes]] = {}  # group -> its files, once made
        self.search = search.indexes(site, options.links)
        self.rows: Store[publish.Written] | None = None  # each report's rows of the site's tables, kept (site.build)

    def compile_templates(self) -> None:
        """Compile every page template now (before worker processes are forked from this one, which then need not);
        a template's mistake is left for rendering to report."""
        for env in self.envs.values():
            for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
                try:
                    env.get_template(name)
                except jinja2.TemplateError:
                    pass  # noted when a page is rendered with it

    def translate(self, message: str) -> Bi:
        """A UI string in both languages, from the catalog."""
        return Bi(self.translations["zh"].gettext(message), self.translations["en"].gettext(message))

    def page(self, spec: PageSpec, preview: bool = False) -> bytes:
        """A page's HTML: its kind's context (pages.py), in the site's frame when it is framed; for the live
        preview, whose reload script is inline, without its security policy."""
        gettexts = {lang: tr.gettext for lang, tr in self.translations.items()}
        version = self.data.version(spec.reads())
        context = vars(spec.context(Given(self.site, gettexts, self.options.bundle, version, self.search.of)))
        if spec.framed:
            context["frame"] = frame(self.site, spec, gettexts[spec.lang], version, self.chrome, self.problems)
        html = render_template(self.envs[spec.lang], spec.template, spec.url, self.problems, page=spec,
                               report=spec.report, csp=None if preview else Markup(spec.policy),
                               **context)
        return html.encode("utf-8")

    def one_file(self, lang: str, template: str, context: object) -> str:
        """A template rendered outside the page plan (the one-file edition, the printed ones, the README) with
        its context (a dataclass: its fields are the template's variables); mistakes go to problems."""
        return render_template(self.envs[lang], template, f"{template} ({lang})", self.problems, **vars(context))

    def extras(self, groups: Iterable[str] | None = None) -> dict[str, bytes]:
        """Everything that is not a page (of the groups named; all by default): assets, search index, feeds,
        sitemap, data files, share images."""
        files: dict[str, bytes] = {}
        for group, _ in self.extras_groups:
            if groups is None or group in groups:
                files.update(self.extras_of(group))
        return files

    def extras_of(self, group: str) -> dict[str, bytes]:
        """One group of the files that are not pages (extras_groups), made once."""
        if group not in self._extras:
            self._extras[group] = self._make_extras(group)
        return self._extras[group]

    def _make_extras(self, group: str) -> dict[str, bytes]:
        site, files = self.site, {}
        if group == "assets":
            files = {f.path: f.data for f in self.assets.values()}
        elif group == "search":
            files = self.search.files()
        elif group == "feeds":
            files = {f"{lang}/feed.xml": feed.atom(site, lang, self.translations[lang].gettext) for lang in LANGS}
        elif group == "robots":
            files = {"robots.txt": robots(site)}
        elif group == "sitemap":
            files = {"sitemap.xml": sitemap(site, self.specs)} if site.url else {}
        elif group == "data":
            files = publish.site_tables(site, self.rows, self.data)
            if self.rows is not None:  # saved by the process that made them (a worker, in a build on several)
                self.rows.save()
        elif group.startswith("data:"):
            files = publish.report_files(site, site.report[group.removeprefix("data:")])
        elif group == "datapackage":
            files = {"data/datapackage.json": publish.datapackage(site, publish.data_paths(site))}
        elif group == "share":
            files = self.share_images()
        return files

    def extras_cost(self, groups: Iterable[str]) -> int:
        """What making these groups of extras costs, in pages (parallel.workers_for), as measured on 2 cores: the
        search index a page for every ten entries, the share images forty pages an image, the data files a page
        for every ten figures, datapackage.json a page for every thirty; the rest next to nothing."""
        site, cost = self.site, 0
        for group in groups:
            if group == "search":
                cost += sum(len(r.sections) + len(r.paragraphs()) + len(r.figures) for r in site.reports) // 10
            elif group == "share":
                cost += 40 * len(LANGS) * (1 + len(site.reports))
            elif group == "data" or group.startswith("data:"):
                reports = site.reports if group == "data" else (site.report[group.removeprefix("data:")],)
                cost += sum(len(r.figures) for r in reports) // 10
            elif group == "datapackage":
                cost += sum(len(r.figures) for r in site.reports) // 30
        return cost

    def pages_along(self, pages: Iterable[int]) -> tuple[int, ...]:
        """Which of these pages (indexes into specs) show what the extras make at a cost (ALONG): where several
        processes render, the one that makes the extras renders them (parallel.Extras), and makes it once."""
        return tuple(i for i in pages if self.specs[i].kind.name in ALONG and not self.specs[i].moved_to)

    def share_images(self) -> dict[str, bytes]:
        font = share.find_font()
        if font is None:
            self.problems.add(Mark("reportsite/share.py"), "FONT_PATHS", "a CJK font for the share images "
                              "(apt-get install fonts-noto-cjk, or set REPORTSITE_FONT)", "none")
            return {}
        files, faces = {}, share.typefaces(font)
        for lang in LANGS:
            caption = self.translations[lang].gettext(share.CAPTION)
            for report in (None, *self.site.reports):
                path = meta.share_image_path(report).format(lang=lang)
                files[path] = share.share_image(self.site, report, lang, faces, caption)
        return files

    @property
    def redirects(self) -> dict[str, str]:
        """The path of each redirect page -> the url of the page it sends the reader to."""
        return {dest(s.url): s.moved_to.url for s in self.specs if s.moved_to}

    def file(self, path: str, preview: bool = False) -> bytes | None:
        """One output file by its path, rendered now (a page as page() renders it); None if the site has no
        such file."""
        spec = self.by_dest.get(path)
        return self.page(spec, preview) if spec else self.extras().get(path)

    def check_catalog(self) -> None:
        """Raise BuildFailed for template mistakes and for every UI string the catalog lacks."""
        for tr in self.translations.values():
            for message in sorted(tr.missing):
                self.problems.add(*tr.missing_problem(message))
                self.problems.hint(EXTRACT_STEPS)
            tr.missing.clear()
        if self.problems:
            raise BuildFailed(self.problems)

    def files(self) -> Iterator[tuple[str, bytes]]:
        """Every output file, in a stable order; BuildFailed at the end if anything was wrong."""
        for spec in self.specs:
            yield dest(spec.url), self.page(spec)
        yield from self.extras().items()
        self.check_catalog()


def render_template(env: jinja2.Environment, name: str, where: str, problems: Problems, **context) -> str:
    """A template rendered, or "" with the template mistake noted (file, line, what went wrong)."""
    with template_mistakes(name, where, problems):
        return env.get_template(name).render(**context)
    return ""


@contextmanager
def template_mistakes(name: str, where: str, problems: Problems) -> Iterator[None]:
    """Notes a template mistake made inside the block (template name, where it was rendered for) and goes on."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        problems.add(Mark(f"templates/{exc.name or name}", exc.lineno), "", "a valid template", exc.message)
    except jinja2.UndefinedError as exc:
        problems.add(Mark(f"templates/{name}"), where, "only defined names in the template", str(exc))
    except jinja2.TemplateNotFound as exc:
        problems.add(Mark(f"templates/{exc.name}"), where, "a template file", "none")
