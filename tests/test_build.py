"""Building a report: the pages it must contain, in both languages, linked relatively,
deterministic, and with nothing fetched from another host."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from reportsite import search
from reportsite.errors import counted
from reportsite.site import build

from .conftest import ELSEWHERE, REPO, build_in_a_fresh_process


class Links(HTMLParser):
    """Collects the attributes a page would fetch or link, and its lang and alternates."""

    def __init__(self):
        super().__init__()
        self.fetched, self.links, self.alternates, self.ids, self.html_lang = [], [], {}, set(), None
        self.canonical = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.fetched.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(dist: Path) -> list[str]:
    return sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*.html"))


def test_the_small_report_builds_every_kind_of_page_in_both_languages(mini):
    built = build(mini)
    pages = set(html_files(mini.dist))
    for lang in ("zh", "en"):
        for page in ("index.html", "glossary/index.html", "about/index.html", "downloads/index.html",
                     "search/index.html", "ledger/index.html", "compare/index.html", "corrections/index.html",
                     "example-2030/index.html", "example-2030/parts/review/index.html",
                     "example-2030/sections/review-economy/index.html", "example-2030/figures/index.html",
                     "example-2030/figures/gdp-2029/index.html", "example-2030/targets/index.html",
                     "example-2030/text/index.html", "example-2030/downloads/index.html"):
            assert f"{lang}/{page}" in pages, page
        assert f"{lang}/feed.xml" in built.files
    assert {"index.html", "404.html"} <= pages
    assert built.pages == len(pages)


BASE = "https://reports.example.net/city/"  # another address than the mini site's own (site.yaml's url)
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def published(mini) -> dict[str, bytes]:
    """The small site built for the address BASE (as `build.py --base-url BASE`): its files by path."""
    return build(dataclasses.replace(mini, base_url=BASE)).files


def page_of(url: str, files: dict[str, bytes]) -> str:
    """The file an absolute address of the site names (a folder's index.html), which the build wrote."""
    assert url.startswith(BASE), f"{url} is not an address under {BASE}"
    path = url.removeprefix(BASE)
    path = path + "index.html" if path == "" or path.endswith("/") else path
    assert path in files, f"{url} names no file of the build"
    return path


def test_the_sitemap_lists_every_page_of_both_languages_by_its_absolute_address(published):
    root = ElementTree.fromstring(published["sitemap.xml"])
    urls = root.findall("sm:url", SITEMAP)
    listed = [page_of(u.findtext("sm:loc", namespaces=SITEMAP), published) for u in urls]
    per_language = [p for p in published if p.endswith(".html") and p.startswith(("zh/", "en/"))]
    assert sorted(listed) == sorted(per_language) and len(listed) == 50  # not the chooser, not the 404 page
    for url in urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("xhtml:link", SITEMAP)}
        assert set(alternates) == {"zh-Hans", "en", "x-default"}
        zh, en = (page_of(alternates[lang], published) for lang in ("zh-Hans", "en"))
        assert zh.startswith("zh/") and en == "en/" + zh.removeprefix("zh/")
        page_of(alternates["x-default"], published)
        assert url.findtext("sm:lastmod", namespaces=SITEMAP) == "2030-02-01"  # the data's last_updated
    assert published["robots.txt"].decode() == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"


JSON_LD = re.compile(rb'<script type="application/ld\+json">(.*?)</script>', re.S)
OTHER_HOSTS = {  # the absolute addresses in JSON-LD that are not the site's
    "https://schema.org",  # @context
    "https://creativecommons.org/licenses/by/4.0/",  # the licence
    "https://www.example.gov.cn/report/2030.html",  # the government's report (report.yaml source.url)
}


def addresses_in(value: object, key: str = "") -> list[tuple[str, str]]:
    """Every (key, value) of a JSON-LD block whose value is an address: url, @id, contentUrl, license …"""
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in addresses_in(v, k)]
    if isinstance(value, list):
        return [found for v in value for found in addresses_in(v, key)]
    return [(key, value)] if key in ("@context", "@id", "url", "contentUrl", "license") else []


def test_every_address_in_the_structured_data_is_absolute_and_names_a_file_of_the_build(published):
    pages = [p for p in published if p.endswith(".html") and p.startswith(("zh/", "en/"))]
    for page in pages:
        (block,) = JSON_LD.findall(published[page])
        data = json.loads(block)
        assert page_of(data["url"], published) == page
        counterpart = data.get("workTranslation") or data["translationOfWork"]
        assert page_of(counterpart["@id"], published)[3:] == page[3:]
        for key, url in addresses_in(data):
            if url not in OTHER_HOSTS:
                page_of(url, published)
    downloads = json.loads(JSON_LD.findall(published["en/downloads/index.html"])[0])
    assert [page_of(d["contentUrl"], published) for d in downloads["distribution"]][:2] == \
        ["data/figures.csv", "data/figures.json"]


def test_the_site_s_root_describes_the_site_for_social_cards_and_search_engines(published):
    """The language chooser at / has Open Graph tags and JSON-LD as every page has: the site itself (a
    WebSite in both languages, its two homes as its parts), every address absolute under the base URL."""
    html = published["index.html"].decode()
    card = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))
    name = "示例市政府工作报告双语解读 · Example City Work Report: an explainer"
    assert f"<title>{name}</title>" in html and card["og:title"] == card["twitter:title"] == name
    assert card["og:type"] == "website" and card["og:url"] == BASE and card["og:description"]
    assert page_of(card["og:image"], published) == page_of(card["twitter:image"], published) == "assets/share-en.png"
    (block,) = JSON_LD.findall(published["index.html"])
    data = json.loads(block)
    assert (data["@type"], data["name"], data["alternateName"]) == (
        "WebSite", "示例市政府工作报告双语解读", ["Example City Work Report: an explainer"])
    assert data["inLanguage"] == ["zh-Hans", "en"] and page_of(data["url"], published) == "index.html"
    assert [page_of(home["url"], published) for home in data["hasPart"]] == ["zh/index.html", "en/index.html"]
    for key, url in addresses_in(data):
        if url not in OTHER_HOSTS:
            page_of(url, published)


def test_every_page_describes_itself_in_more_than_the_site_s_name(published):
    """A search result or a social card under the site's name says what the page holds; the homes too."""
    names = {"示例市政府工作报告双语解读", "Example City Work Report: an explainer", "示例市政府工作报告",
             "Example City Government Work Report"}
    described = {}
    for page in (p for p in published if p.endswith(".html") and p.startswith(("zh/", "en/"))):
        html = published[page].decode()
        if "page-redirect" not in html:
            (described[page],) = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert not [page for page, text in described.items() if text in names]
    for home in ("zh/index.html", "en/index.html", "zh/example-2030/index.html", "en/example-2030/index.html"):
        assert len(described[home]) > 40, home


def test_the_same_page_has_the_same_path_in_both_languages(mini):
    build(mini)
    zh = {p[3:] for p in html_files(mini.dist) if p.startswith("zh/")}
    en = {p[3:] for p in html_files(mini.dist) if p.startswith("en/")}
    assert len(zh) > 10
    assert zh == en


def test_every_page_declares_its_language_alternates_and_canonical(mini):
    build(mini)
    page = parse(mini.dist / "en/example-2030/sections/review-economy/index.html")
    assert page.html_lang == "en"
    assert page.canonical == "https://example.org/report/en/example-2030/sections/review-economy/"
    assert page.alternates == {"zh-Hans": "https://example.org/report/zh/example-2030/sections/review-economy/",
                               "en": "https://example.org/report/en/example-2030/sections/review-economy/",
                               "x-default": "https://example.org/report/en/example-2030/sections/review-economy/"}
    assert parse(mini.dist / "zh/example-2030/sections/review-economy/index.html").html_lang == "zh-Hans"


def test_the_chooser_and_the_home_pages_agree_on_x_default(mini):
    build(mini)
    for page in ("index.html", "zh/index.html", "en/index.html"):
        assert parse(mini.dist / page).alternates == {"zh-Hans": "https://example.org/report/zh/",
                                                      "en": "https://example.org/report/en/",
                                                      "x-default": "https://example.org/report/"}, page


def test_the_language_switch_points_at_the_counterpart_page(mini):
    build(mini)
    html = (mini.dist / "en/example-2030/figures/gdp-2029/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="lang-switch" data-keep-hash href="../../../../zh/example-2030/figures/gdp-2029/"', html)


def test_links_inside_the_site_are_relative_and_resolve(mini):
    build(mini)
    resolved = 0
    for name in html_files(mini.dist):
        if name == "404.html":
            continue  # served at any depth, so it links from the site root
        page = parse(mini.dist / name)
        for href in page.links + page.fetched:
            assert not href.startswith("/"), f"{name}: {href}"
            if href.startswith(("http:", "https:", "#", "mailto:")):
                continue
            target = (mini.dist / name).parent / href.split("#")[0]
            if href.split("#")[0].endswith("/") or href.split("#")[0] in ("", "."):
                target = target / "index.html"
            assert target.resolve().exists(), f"{name} links to missing {href}"
            resolved += 1
    assert resolved > 400, "pages link to each other, their stylesheet and their script"


def test_relative_links_are_worked_out_as_posixpath_would():
    import itertools
    import posixpath

    from reportsite.links import relative

    paths = [".", "en", "en/a", "en/a/b", "en/ab", "zh/a", "index.html", "en/a/index.html", "en/b/c/d.json"]
    for path, start in itertools.product(paths, repeat=2):
        assert relative(path, start) == posixpath.relpath(path, start), (path, start)


def test_markup_rendered_once_is_written_on_each_page_as_if_for_that_page_alone():
    """render.Linked writes a piece's links once for the pages of one parent folder (a report's figures, its sections)
    and again only those that differ from page to page: into the page's own folder, into the folder of the page being
    written, and to the page in the other language. Each page gets what writing every link from it gives, in the
    published site's style and the offline bundle's; a page at the site's root has no parent folder to share."""
    from types import SimpleNamespace

    from reportsite.links import FILES, FOLDERS, sibling_reach
    from reportsite.pages import KIND
    from reportsite.render import COUNTERPART, SLOT, Linked

    links = [("figures", "en", None, None, "r1"), ("figure", "en", "a", None, "r1"), ("figure", "en", "b", "x", "r1"),
             ("section", "en", "a", None, "r1"), ("home", "en", None, None, None), ("figure", "en", "a", None, "r2"),
             ("glossary", "en", None, "term", None), COUNTERPART]
    linked = Linked.of("".join(f"<a href={SLOT}{i}{SLOT}>{i}</a>" for i in range(len(links))), links)
    pages = [SimpleNamespace(kind=KIND[kind], lang=lang, ident=ident, report=SimpleNamespace(id=report) if report else
                             None, url=KIND[kind].url.format(lang=lang, ident=ident, report=report))
             for kind, ident, report, lang in [
                 ("figure", "a", "r1", "en"), ("figure", "b", "r1", "en"), ("figure", "c", "r1", "en"),
                 ("figure", "a", "r1", "en"), ("figure", "a", "r2", "en"), ("section", "a", "r1", "en"),
                 ("figures", None, "r1", "en"), ("home", None, None, "en"), ("figure", "b", "r1", "zh"),
                 ("search", None, None, "en"), ("home", None, None, "zh"), ("chooser", None, None, "zh"),
                 ("not-found", None, None, "zh")]]
    for policy in (FOLDERS, FILES):
        for page in pages:
            assert linked.on(page, policy) == "".join(linked._written(page, policy)), (policy.name, page.url)
    assert [sibling_reach(link) for link in ("../b/", "../b/#x", "../", "../#x", "../../sections/a/", "./", "#x",
                                             "../b/index.html", "../index.html", "c/")] == \
        ["b", "b", "", "", "", None, None, "b", "", None]


def test_templates_call_what_they_call_as_jinja_itself_would():
    """render.Context's quicker `call` passes each kind of callable what Jinja's own Context passes it: nothing to a
    plain function or a macro (a caller too), the context (with what a loop or a block has set), the evaluation
    context or the environment to one that asks, and the context to an object whose __call__ asks for it."""
    import jinja2

    from reportsite.render import Context

    class Counter:
        @jinja2.pass_context
        def __call__(self, ctx, step):
            return f"{ctx['start'] + step}/{ctx.get('item', '-')}"

    template = """{% macro wrap(x) %}[{{ x }}{{ caller() if caller else '' }}]{% endmacro %}
{{- plain(1) }} {{ ctx_name() }} {{ evalctx() }} {{ environ() }} {{ counter(2) }} {{ wrap(3) }}
{%- call wrap(4) %}{{ ctx_name() }}{% endcall %}
{%- for each in ['a', 'b'] %}{% set item = each * 2 %} {{ counter(loop.index) }}{{ ctx_name() }}{% endfor %}
{%- set item = 'c' %} {{ counter(5) }} {{ wrap(none) }} {{ plain(stop=True) }}"""
    names = dict(
        plain=lambda n=0, stop=False: next(iter(())) if stop else n * 10,
        ctx_name=jinja2.pass_context(lambda ctx: ctx.get("item", "none")),
        evalctx=jinja2.pass_eval_context(lambda ectx: f"{type(ectx).__name__}:{ectx.autoescape}"),
        environ=jinja2.pass_environment(lambda env: type(env).__name__), counter=Counter())
    rendered = []
    for context_class in (jinja2.runtime.Context, Context):
        env = jinja2.Environment(autoescape=True)
        env.context_class = context_class
        rendered.append(env.from_string(template).render(start=100, **names))
    assert rendered[0] == rendered[1]
    assert rendered[1] == "10 none EvalContext:True Environment 102/- [3][4none] 101/aaaa 102/bbbb 105/c [None] "


def test_templates_write_values_as_jinja_itself_would():
    """render.Template writes each `{{ value }}` as Jinja's own Template does: text escaped, markup as it is (Markup,
    or anything with __html__), numbers, None and booleans as text; a macro's or a block's output, a concatenation and
    a filter's result still escaped as markup or text; an undefined name still an error."""
    import jinja2
    from markupsafe import Markup

    from reportsite.render import Template

    class Html:
        def __html__(self):
            return "<b>bold</b>"

    class Shown:
        def __str__(self):
            return "<s>"

    template = """{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{% set block %}<u>{{ text }}</u>{% endset %}
{{- text }}|{{ markup }}|{{ html }}|{{ shown }}|{{ 7 }}|{{ 2.5 }}|{{ none }}|{{ true }}|{{ m(text) }}|{{ block }}
{{- '|' }}{{ m(1) ~ text }}|{{ block ~ markup }}|{{ text | upper }}|{{ markup | safe }}|{{ [text] | join(',') }}"""
    values = dict(text="a<b & \"c\" 'd'>", markup=Markup("<em>e</em>"), html=Html(), shown=Shown())
    rendered = []
    for template_class in (jinja2.Template, Template):
        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        env.template_class = template_class
        rendered.append(env.from_string(template).render(**values))
        with pytest.raises(jinja2.UndefinedError):
            env.from_string("{{ missing }}").render()
    assert rendered[0] == rendered[1]
    text = "a&lt;b &amp; &#34;c&#34; &#39;d&#39;&gt;"
    assert rendered[1] == (f"{text}|<em>e</em>|<b>bold</b>|&lt;s&gt;|7|2.5|None|True|<i>{text}</i>|<u>{text}</u>"
                           f"|<i>1</i>{text}|<u>{text}</u><em>e</em>|A&lt;B &amp; &#34;C&#34; &#39;D&#39;&gt;"
                           f"|<em>e</em>|{text}")


def test_templates_import_with_context_as_jinja_itself_would():
    """A template imported with its importer's context is made once and lent to each render after (render.Template),
    with what Jinja's import would give: each render's macros read that render's names, a render inside another's
    too; a template whose top level reads the importer's names, or imports another with them, is made anew."""
    import jinja2
    from markupsafe import Markup

    from reportsite.render import Template

    sources = {
        "macros.html": "{% macro hello() %}hello {{ name }}{% endmacro %}",
        "reads.html": "{% set greeting = name %}{% macro hello() %}hi {{ greeting }}{% endmacro %}",
        "imports.html": '{% import "macros.html" as inner with context %}{% macro hello() %}{{ inner.hello() }}!'
                        '{% endmacro %}',
        "inner.html": '{% import "macros.html" as m with context %}[{{ m.hello() }}]',
        "page.html": '{% import "macros.html" as m with context %}{% import "reads.html" as r with context %}'
                     '{% import "imports.html" as i with context %}'
                     '{{ m.hello() }}/{{ r.hello() }}/{{ i.hello() }}/{{ render_inner(name[::-1]) }}/{{ m.hello() }}',
    }
    rendered = {}
    for template_class in (jinja2.Template, Template):
        env = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader(sources))
        env.template_class = template_class
        env.globals["render_inner"] = lambda name, env=env: Markup(env.get_template("inner.html").render(name=name))
        rendered[template_class] = [env.get_template("page.html").render(name=name) for name in ("ann", "bob", "cy")]
    assert rendered[Template] == rendered[jinja2.Template] == [
        "hello ann/hi ann/hello ann!/[hello nna]/hello ann", "hello bob/hi bob/hello bob!/[hello bob]/hello bob",
        "hello cy/hi cy/hello cy!/[hello yc]/hello cy"]
    lent = env.get_template("macros.html")
    assert lent.imported_as_defined and len(lent._free_modules) == 3, (
        "made for the first page's import, for its import by imports.html, for the render inside: then lent again")
    assert not env.get_template("reads.html").imported_as_defined
    assert not env.get_template("imports.html").imported_as_defined


def test_templates_import_without_context_as_jinja_itself_would():
    """A template imported without its importer's context (`{% from … import %}`) is made once, as Jinja makes it,
    when the importer has no global it lacks; with one (a template loaded with globals of its own), it is made anew,
    with that global, as in Jinja."""
    import jinja2

    from reportsite.render import Template

    sources = {"lib.html": "{% macro hello() %}hello {{ who | default('nobody') }}{% endmacro %}",
               "page.html": '{% from "lib.html" import hello %}{{ hello() }}'}
    rendered = {}
    for template_class in (jinja2.Template, Template):
        env = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader(sources))
        env.template_class = template_class
        env.globals["shared"] = "every template's"
        plain = env.get_template("page.html")
        rendered[template_class] = [plain.render(), plain.render(who="a page's name")]
        made = env.get_template("lib.html")._module
        assert made is not None and plain.render() and env.get_template("lib.html")._module is made
        rendered[template_class].append(env.get_template("page.html", globals={"who": "a global of its own"}).render())
    assert rendered[Template] == rendered[jinja2.Template] == ["hello nobody", "hello nobody",
                                                             "hello a global of its own"]


def test_no_page_fetches_anything_from_another_host(mini):
    build(mini)
    fetched = [(name, src) for name in html_files(mini.dist) for src in parse(mini.dist / name).fetched]
    assert len(fetched) > 40, "pages fetch their stylesheet and script"
    for name, src in fetched:
        if name == "404.html":  # served at any depth: it fetches from the site's own address
            assert src.startswith("https://example.org/report/assets/"), src
            continue
        assert not re.match(r"^(https?:)?//", src), f"{name} fetches {src}"
    css = next((mini.dist / "assets").glob("site.*.css")).read_text()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_every_page_forbids_other_origins_by_content_security_policy(mini):
    build(mini)
    pages = html_files(mini.dist)
    assert len(pages) > 30
    for name in pages:
        html = (mini.dist / name).read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy, name


def test_numbers_are_formatted_for_each_language(mini):
    build(mini)
    zh = (mini.dist / "zh/example-2030/figures/gdp-2029/index.html").read_text(encoding="utf-8")
    en = (mini.dist / "en/example-2030/figures/gdp-2029/index.html").read_text(encoding="utf-8")
    assert '<p class="big-value">1200.5亿元</p>' in zh  # as the report prints it
    assert '<p class="big-value">CNY 120.05 billion</p>' in en


CJK = re.compile(r"[\u3400-\u9fff]")


def test_each_language_s_search_index_holds_the_chinese_and_the_english_of_every_paragraph_and_figure(mini):
    """A reader finds a paragraph or a figure by its Chinese (z) or its English (e) in either language;
    its title (t) is in the page's language (tests/test_search.py: the postings and the ranking)."""
    files = build(mini).files
    for lang in ("zh", "en"):
        entries = search.read_fragments(files, lang)
        paragraphs = {e["u"].partition("#")[2]: e for e in entries if e["k"] == "p"}
        figures = {e["u"].split("/")[-2]: e for e in entries if e["k"] in ("f", "t")}
        assert sorted(paragraphs) == ["front-deputies", "plan-goals-growth", "plan-goals-reform",
                                      "review-economy-growth"]
        assert sorted(figures) == ["gdp-2029", "gdp-growth-2029", "gdp-growth-2030", "high-tech-2025",
                                   "high-tech-2029", "living-circles-2030"]
        assert {e["k"] for e in entries} == {"s", "p", "f", "t", "g", "w"}  # and sections, goals, terms, pages
        for entry in entries:
            assert CJK.search(entry["z"]) and re.search(r"[A-Za-z]{2}", entry["e"]), entry
            assert not CJK.search(entry["e"]), entry
            if entry["k"] not in ("g", "w"):  # a term's title is both: 放管服 · the delegate-regulate-serve reform
                assert bool(CJK.search(entry["t"])) == (lang == "zh"), entry
    zh, en = search.read_fragments(files, "zh"), search.read_fragments(files, "en")
    paragraph = {"k": "p", "u": "../example-2030/sections/review-economy/#review-economy-growth",
                 "z": "全年地区生产总值达到1200.5亿元，增长5.2%。高新技术企业从2025年的120家增加到300家。",
                 "e": "GDP reached 120.05 billion yuan for the year, up 5.2%. High-tech enterprises grew from 120 "
                      "in 2025 to 300."}
    assert {**paragraph, "t": "经济发展", "r": "示例市2030年"} in zh
    assert {**paragraph, "t": "The economy", "r": "Example City 2030"} in en
    figure = {"k": "f", "u": "../example-2030/figures/gdp-2029/",
              "z": "全年地区生产总值达到1200.5亿元", "e": "GDP reached 120.05 billion yuan for the year"}
    assert {**figure, "t": "地区生产总值", "r": "示例市2030年", "v": "2029年 · 1200.5亿元"} in zh
    assert {**figure, "t": "GDP", "r": "Example City 2030", "v": "2029 · CNY 120.05 billion"} in en


def test_derived_numbers_say_how_they_were_computed(mini):
    build(mini)
    en = (mini.dist / "en/example-2030/figures/gdp-growth-2030/index.html").read_text(encoding="utf-8")
    # the goal is "around 6%": the change keeps the qualifier
    assert "<strong>around +0.8 percentage points</strong>" in en
    assert "Change: 6% (2030) − 5.2% (2029) = around +0.8 percentage points" in en


def test_two_builds_in_other_settings_are_byte_identical(mini, tmp_path):
    """Another process, hash seed, time zone and clock: the same bytes in every file."""
    args = ["--data", str(mini.data), "--content", str(mini.content)]
    first, second = (build_in_a_fresh_process(args, tmp_path / f"dist-{i}", setting)
                     for i, setting in enumerate(ELSEWHERE))
    assert len(first) > 40
    assert first == second


def test_the_output_folder_holds_exactly_the_files_the_build_made(mini):
    built = build(mini).files
    assert sorted(p.relative_to(mini.dist).as_posix() for p in mini.dist.rglob("*") if p.is_file()) == sorted(built)


def test_the_build_command_prints_a_summary(mini):
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "--data", str(mini.data), "--content",
                          str(mini.content), "--dist", str(mini.dist)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert re.fullmatch(r"base URL: https://example.org/report/\nbuilt \S+: 52 pages, \d+ files, 1 report in "
                        r"\d+\.\d\d s\n", run.stdout)


def test_a_count_of_one_is_said_in_the_singular():
    assert [counted(n, "report") for n in (0, 1, 2)] == ["0 reports", "1 report", "2 reports"]


def test_each_language_has_a_share_image_made_by_the_build(mini):
    files = build(mini).files
    for lang in ("zh", "en"):
        for image, page in ((f"assets/share-{lang}.png", f"{lang}/index.html"),
                            (f"assets/share-example-2030-{lang}.png", f"{lang}/example-2030/index.html")):
            png = files[image]
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
            assert int.from_bytes(png[16:20], "big") == 1200 and int.from_bytes(png[20:24], "big") == 630
            html = files[page].decode()
            assert f'<meta property="og:image" content="https://example.org/report/{image}">' in html
            assert '<meta property="og:image:width" content="1200">' in html and 'og:image:alt' in html
    assert files["assets/share-zh.png"] != files["assets/share-en.png"]


def test_the_share_images_read_the_font_once_for_each_size(mini, monkeypatch):
    """Reading the font costs more than drawing with it: the cards of a build share each size they use."""
    from PIL import ImageFont

    from reportsite.site import make_renderer, read_site

    sizes, truetype = [], ImageFont.truetype
    monkeypatch.setattr(ImageFont, "truetype", lambda path, size: sizes.append(size) or truetype(path, size))
    images = make_renderer(mini, read_site(mini)).share_images()
    assert len(images) == 4 and sorted(sizes) == sorted(set(sizes))
    built = build(mini).files
    assert images == {name: built[name] for name in images}, "the build's own cards, byte for byte"


def test_nothing_is_written_outside_the_output_folder(tmp_path):
    from reportsite.write import OutputError, write_site
    for name in ("../escape.html", "/etc/passwd", "a/../../escape.html", ""):
        with pytest.raises(OutputError):
            write_site([("ok.html", b"x"), (name, b"x")], tmp_path / "dist")
        assert not (tmp_path / "escape.html").exists() and not (tmp_path / "dist").exists()
    with pytest.raises(OutputError, match="two outputs want the path a.html"):
        write_site([("a.html", b"1"), ("a.html", b"2")], tmp_path / "dist")


PLACEHOLDER_DOMAIN = re.compile(r"example\.(?:org|com|net|gov)")  # a placeholder, not "set an example."


def test_without_a_base_url_no_page_names_an_address_it_cannot_know(site):
    """The real data sets no url: no canonical, no hreflang alternates (both must be absolute), no
    og:url, and no placeholder domain anywhere."""
    checked = 0
    for name, body in site.files.items():
        page = body.decode("utf-8") if name.endswith(".html") else ""
        if page and 'http-equiv="refresh"' not in page:  # a redirect page names its new place, relative
            assert 'rel="canonical"' not in page and "hreflang=" not in page.split("</head>")[0], name
            assert 'property="og:url"' not in page and not PLACEHOLDER_DOMAIN.search(page), name
            checked += 1
    assert checked > 900
