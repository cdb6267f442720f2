"""The offline bundle (`python build.py bundle`): a zip of the whole site that works from file://,
one self-contained HTML file per language, the PDF handouts and briefings (tests/test_handout.py)
and a bilingual README, all in dist/bundle/.

Links are checked for every page by parsing the HTML; the browser (Debian's Chromium through
Playwright, opening file:// URLs) checks a sample of pages, search, the language switch, the
reading modes, and the one-file editions with the network cut off, printed to A4.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportsite import LANGS, search
from reportsite.bundle import BUNDLE_DIR, build_bundle, bundle_names, single_file
from reportsite.site import Project, build, read_site

from .browser import FIRST_QUERIES, FIRST_QUERY_LIMIT, checked_page, gzipped_bytes_of_a_first_query
from .conftest import PAIR, PAIR_CONTENT, REAL_REPORT, REPO, nu_check
from .test_punctuation import ASCII_IN_CHINESE, SPACE_BESIDE_A_MARK, chinese_texts, mistakes

# <link rel=...> values that never make the browser fetch anything
NON_FETCHING_RELS = {"canonical", "alternate", "author", "license", "help", "search", "next", "prev"}


# ---- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(real_bundle):
    """The real site and bundle, built once (conftest.real_bundle): (project, site, lines printed)."""
    return real_bundle


@pytest.fixture(scope="module")
def project(built) -> Project:
    return built[0]


@pytest.fixture(scope="module")
def site(built):
    return built[1]


@pytest.fixture(scope="module")
def report(site):
    return site.report[REAL_REPORT]


@pytest.fixture(scope="module")
def name(site, report) -> str:
    """The edition's name of a report, which its one-file editions carry."""
    return f"{report.id}-{site.last_updated.isoformat()}"


@pytest.fixture(scope="module")
def zip_name(site) -> str:
    """The zip's name: what the reports' ids share, "reports", the edition (taiyuan-reports-2026-11-26)."""
    return bundle_names(site)["zip"].removesuffix(".zip")


def singles(site) -> list[str]:
    """Every report's one-file editions, in both languages."""
    return [f"{r.id}-{site.last_updated.isoformat()}-{lang}.html" for r in site.reports for lang in LANGS]


def printed(site) -> list[str]:
    """Every report's PDF handout and briefing, in both languages, and the one-page scorecard of each
    report whose goals a later report judged (tests/test_handout.py reads them)."""
    return [f"{r.id}-{site.last_updated.isoformat()}-{lang}{kind}.pdf" for r in site.reports for lang in LANGS
            for kind in ("", "-briefing") + (("-scorecard",) if judged(r) else ())]


def judged(report) -> bool:
    """Whether a later report says what became of this report's goals (it then has a scorecard)."""
    return any(t.verdict for t in report.targets)


@pytest.fixture(scope="module")
def folder(project) -> Path:
    return project.dist / BUNDLE_DIR


@pytest.fixture(scope="module")
def unzipped(folder, zip_name, tmp_path_factory) -> Path:
    """The zip unpacked as a reader would; returns the folder with index.html."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(folder / f"{zip_name}.zip") as zf:
        zf.extractall(target)
    return target / zip_name


# ---- HTML, parsed ---------------------------------------------------------------------------


class Refs(HTMLParser):
    """Every id, and every reference (tag, attribute, value, rel) of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.refs: list[tuple[str, str, str, str]] = []
        self.inline: list[tuple[str, str]] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        for attr in ("href", "src", "action", "data", "poster", "srcset"):
            if a.get(attr) is not None:
                self.refs.append((tag, attr, a[attr], (a.get("rel") or "").lower()))
        if tag in ("style", "script") and not a:
            self._open, self._text = tag, []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._open:
            self.inline.append((tag, "".join(self._text)))
            self._open = None


def parse(path: Path) -> Refs:
    parser = Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def is_external(url: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I))


def resolve(from_rel: str, link: str) -> tuple[str, str]:
    """(site-relative file, fragment) of a relative link from the file from_rel."""
    path, _, fragment = link.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return from_rel, fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), path))
    assert not target.startswith("../"), f"{from_rel}: {link} leaves the bundle"
    return target, fragment


# ---- the files ------------------------------------------------------------------------------


def test_the_bundle_folder_holds_the_zip_each_report_s_single_files_and_pdfs_and_the_readme(built, folder, zip_name):
    project, site, lines = built
    assert zip_name == f"taiyuan-reports-{site.last_updated.isoformat()}"
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(["README.txt", f"{zip_name}.zip"] + singles(site) + printed(site))
    assert len(files) == 2 + 6 * len(site.reports) + 2 * sum(map(judged, site.reports))
    for file in files:  # the sizes are printed at the end
        size = (folder / file).stat().st_size
        assert any(file in line and f"{size:,} bytes" in line for line in lines), (file, lines)
    assert lines[0].startswith("no base URL set") or lines[0].startswith("base URL: ")  # says what it was built for


def test_beside_the_bundle_dist_holds_the_site_a_build_writes(project, tmp_path):
    """Byte for byte, but for the downloads pages, which link the bundle's files."""
    plain = build(Project.at(project.root, data=project.data, content=project.content, dist=tmp_path / "dist"),
                  jobs=2).files
    written = {p.relative_to(project.dist).as_posix(): p.read_bytes() for p in sorted(project.dist.rglob("*"))
               if p.is_file() and not p.relative_to(project.dist).as_posix().startswith(f"{BUNDLE_DIR}/")}
    reports = [""] + [f"{r.name}/" for r in sorted(project.data.iterdir()) if (r / "report.yaml").is_file()
                      and r.name in (project.data / "site.yaml").read_text(encoding="utf-8")]
    downloads = {f"{lang}/{report}downloads/index.html" for lang in LANGS for report in reports}
    assert sorted(written) == sorted(plain) and len(plain) > 2000
    assert sorted(p for p in plain if written[p] != plain[p]) == sorted(downloads)


def test_the_downloads_pages_link_to_the_bundle(project, site, zip_name):
    for lang in LANGS:
        page = f"{lang}/downloads/index.html"
        links = [v for _, attr, v, _ in parse(project.dist / page).refs if "bundle/" in v]
        targets = sorted(resolve(page, v)[0] for v in links)
        assert targets == sorted(f"bundle/{n}" for n in [f"{zip_name}.zip", "README.txt"] + singles(site)
                                 + printed(site)), links
        assert all((project.dist / t).is_file() for t in targets)
        for report in site.reports:
            page = f"{lang}/{report.id}/downloads/index.html"
            links = [v for _, attr, v, _ in parse(project.dist / page).refs if "bundle/" in v]
            own = f"bundle/{report.id}-{site.last_updated.isoformat()}"
            kinds = (".html", ".pdf", "-briefing.pdf") + (("-scorecard.pdf",) if judged(report) else ())
            assert sorted(resolve(page, v)[0] for v in links) == sorted(
                f"{own}-{lang_}{kind}" for lang_ in LANGS for kind in kinds)


def test_the_zip_is_sorted_dated_and_names_its_edition(site, folder, zip_name):
    name = zip_name
    with zipfile.ZipFile(folder / f"{name}.zip") as zf:
        infos = zf.infolist()
        comment = zf.comment.decode("utf-8")
        inner_readme = zf.read(f"{name}/README.txt").decode("utf-8-sig")
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert all(n.startswith(f"{name}/") for n in names)
    stamp = (site.last_updated.year, site.last_updated.month, site.last_updated.day, 0, 0, 0)
    assert {i.date_time for i in infos} == {stamp}
    inside = {n[len(name) + 1:] for n in names}
    assert {"index.html", "zh/index.html", "en/index.html", "zh/search/index.js", "en/search/index.js",
            "data/figures.csv", "README.txt"} <= inside
    assert any(re.fullmatch(r"assets/site\.[0-9a-f]{8}\.css", n) for n in inside)
    assert not any(n.startswith("bundle/") for n in inside)  # not the bundle inside itself
    assert "404.html" not in inside  # server-only: its links are absolute
    assert site.last_updated.isoformat() in comment and site.data_hash in comment
    assert site.last_updated.isoformat() in inner_readme and site.data_hash in inner_readme
    # the same input gives the same bytes: test_quality builds the whole bundle twice, in other settings


def test_the_readme_says_what_is_inside_in_both_languages(site, folder, zip_name):
    text = (folder / "README.txt").read_bytes().decode("utf-8-sig")
    for needle in [f"{zip_name}.zip", "index.html", site.last_updated.isoformat(), site.data_hash, site.licence.zh,
                   site.licence.en, "打开方式", "How to open it", "来源", "Sources", "许可", "Licence"] + singles(site) \
            + printed(site):
        assert needle in text, needle
    for report in site.reports:
        assert report.title.zh in text and report.title.en in text and report.source.url in text, report.id


def test_every_file_states_the_date_and_the_data_version(site, folder):
    for file in singles(site) + ["README.txt"]:
        text = (folder / file).read_bytes().decode("utf-8-sig")
        assert site.last_updated.isoformat() in text and site.data_hash in text, file


def data_hash_by_hand(folder: Path) -> str:
    """The rule, written out: sha256 over every file of the data folder in order of its path
    (relative, with /), each as path, NUL, content, NUL."""
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.name != "published.txt")  # the list of addresses is not data
    assert len(names) > 5 and any(name.endswith("source.zh.txt") for name in names)
    return hashlib.sha256(b"".join(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0"
                                   for name in names)).hexdigest()


def test_every_file_states_the_data_s_content_hash(mini):
    list(build_bundle(mini))
    expected = data_hash_by_hand(mini.data)
    name = "example-2030-2030-02-01"
    folder = mini.dist / BUNDLE_DIR
    for file in ("README.txt", f"{name}-zh.html", f"{name}-en.html"):
        assert expected in (folder / file).read_bytes().decode("utf-8-sig"), file
    with zipfile.ZipFile(folder / f"{name}.zip") as zf:
        assert expected in zf.comment.decode("utf-8")
    assert json.loads((mini.dist / "data/datapackage.json").read_bytes())["hash"] == expected


# ---- the offline site: every link, parsed ---------------------------------------------------


def test_every_page_of_the_offline_site_is_reached_and_every_link_resolves(unzipped, report):
    """Crawl from index.html: each link names a file that exists, each #fragment an id in it."""
    html_files = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*.html")
                  if b'http-equiv="refresh"' not in p.read_bytes()}  # redirect pages: only old addresses lead there
    assert len(html_files) > 400
    parsed: dict[str, Refs] = {}

    def page(rel: str) -> Refs:
        if rel not in parsed:
            parsed[rel] = parse(unzipped / rel)
        return parsed[rel]

    queue, seen, problems = ["index.html"], {"index.html"}, []
    while queue:
        rel = queue.pop()
        for tag, attr, value, rels in page(rel).refs:
            if value.startswith("data:"):  # inline (the icon): nothing is fetched
                continue
            if is_external(value):
                fetches = tag != "a" and not (tag == "link" and set(rels.split()) <= NON_FETCHING_RELS)
                if fetches or not value.startswith(("http://", "https://", "mailto:")):
                    problems.append(f"{rel}: <{tag} {attr}={value}> is not local")
                continue
            if value.startswith("/"):
                problems.append(f"{rel}: {value} is absolute: it breaks on file://")
                continue
            target, fragment = resolve(rel, value)
            path_part = value.split("#", 1)[0].split("?", 1)[0]
            if path_part and (path_part.endswith("/") or path_part in (".", "..")):
                problems.append(f"{rel}: {value} names a folder, not a file")
                continue
            if not (unzipped / target).is_file():
                problems.append(f"{rel}: {value} -> {target} does not exist")
                continue
            if target.endswith(".html"):
                if fragment and fragment not in page(target).ids:
                    problems.append(f"{rel}: {value} -> no id {fragment!r} in {target}")
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    assert problems == [], "\n".join(problems[:30])
    assert seen == html_files, sorted(html_files - seen)[:10]
    for lang in LANGS:  # every section is there in both languages
        for section in report.sections:
            assert f"{lang}/{report.id}/sections/{section.id}/index.html" in seen


def test_every_search_result_link_resolves(unzipped):
    files = {p.relative_to(unzipped).as_posix(): p.read_bytes() for p in (unzipped / "search").rglob("*.js")}
    for lang in LANGS:
        here = f"{lang}/search/index.html"
        entries = search.read_fragments(files, lang)
        assert len(entries) > 300
        for entry in entries:
            target, fragment = resolve(here, entry["u"])
            assert target.endswith(".html") and (unzipped / target).is_file(), entry["u"]
            if fragment:
                assert fragment in parse(unzipped / target).ids, entry["u"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", FIRST_QUERIES)
def test_a_first_query_from_the_disk_loads_at_most_60_kb(browser, unzipped, lang, query):
    """The same budget as over HTTP (tests/test_browser.py), opened from the unzipped bundle: the index's
    pieces are scripts, so file:// loads them."""
    total, files = gzipped_bytes_of_a_first_query(browser, unzipped.as_uri() + "/", unzipped,
                                                  query.format(lang=lang, page="index.html"))
    assert total <= FIRST_QUERY_LIMIT, (total, files)
    assert any(f.startswith("search/t.") for f in files) and any(f.startswith("search/d.") for f in files)


# ---- the one-file editions, parsed ----------------------------------------------------------


@pytest.mark.parametrize("report_id", ["taiyuan-2021", "taiyuan-2022"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_single_file_links_only_to_its_own_anchors(folder, site, report_id, lang):
    report = site.report[report_id]
    page = parse(folder / f"{report_id}-{site.last_updated.isoformat()}-{lang}.html")
    ids = page.ids
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for tag, attr, value, rels in page.refs:
        assert attr == "href" and value.startswith("#") and len(value) > 1, (tag, attr, value)
        assert value[1:] in ids, value
    present = set(ids)
    assert {s.id for s in report.sections} <= present
    assert {f"part-{p.id}" for p in report.parts} <= present
    assert {p.id for p in report.paragraphs()} <= present
    assert {f.id for f in report.figures} <= present
    assert {f"term-{t.id}" for t in site.terms if t.used_in(report.id)} <= present
    assert {f"target-{t.id}" for t in report.targets} <= present
    assert {"contents", "targets", "glossary"} <= present
    assert any(v.startswith("#term-") for _, _, v, _ in page.refs)  # terms link to the glossary in the file


@pytest.mark.parametrize("lang", LANGS)
def test_the_single_file_allows_its_inline_css_and_js_by_hash_only(folder, name, lang):
    text = (folder / f"{name}-{lang}.html").read_text(encoding="utf-8")
    page = parse(folder / f"{name}-{lang}.html")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "default-src 'none'" in csp
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert {tag for tag, _ in page.inline} == {"style", "script"}
    for tag, body in page.inline:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in directives[f"{tag}-src"].split(), tag
    assert " style=" not in text  # style attributes would need 'unsafe-hashes'
    assert "@page" in text and "A4" in text


# ---- in the browser, from file:// -----------------------------------------------------------


@pytest.fixture
def offline_page(browser, unzipped):
    """A page allowed to load only files of the unzipped bundle."""
    with checked_page(browser, (unzipped.as_uri() + "/",), viewport={"width": 1280, "height": 800}) as pg:
        yield pg


SAMPLE = ["{lang}/index.html", "{lang}/taiyuan-2021/index.html", "{lang}/taiyuan-2021/parts/plan/index.html",
          "{lang}/taiyuan-2021/sections/plan-1-innovation/index.html", "{lang}/taiyuan-2021/figures/gdp-2020/index.html",
          "{lang}/taiyuan-2021/figures/index.html", "{lang}/taiyuan-2021/targets/index.html", "{lang}/ledger/index.html",
          "{lang}/glossary/index.html", "{lang}/downloads/index.html", "{lang}/about/index.html"]


@pytest.mark.browser
def test_the_offline_site_opens_from_index_html_and_follows_links(offline_page, unzipped):
    page = offline_page
    page.goto((unzipped / "index.html").as_uri())
    assert page.locator("link[rel=stylesheet]").count() == 1
    page.click("a[data-lang=en]")
    page.wait_for_url((unzipped / "en" / "index.html").as_uri())
    for lang in LANGS:
        for pattern in SAMPLE:
            url = (unzipped / pattern.format(lang=lang)).as_uri()
            page.goto(url)
            # the stylesheet and the script loaded from disk
            assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
            links = page.eval_on_selector_all(
                "a[href]", "as => as.map(a => a.href).filter(h => h.startsWith('file:'))")
            assert links, url
            for link in links:
                file = Path(re.sub(r"^file://", "", link.split("#")[0].split("?")[0]))
                assert file.is_file() and file.suffix in (".html", ".csv", ".json", ".txt"), (url, link)
    page.goto((unzipped / "en/taiyuan-2021/sections/plan-indicators/index.html").as_uri())
    page.click("nav.crumbs a >> nth=2")  # a click, as a reader would, lands on a file, not a folder listing
    assert page.url.endswith("/en/taiyuan-2021/parts/plan/index.html")
    page.goto((unzipped / "en/sections/plan-indicators/index.html").as_uri() + "#plan-indicators-targets")
    page.wait_for_url("**/en/taiyuan-2021/sections/plan-indicators/index.html#plan-indicators-targets")  # moved
    assert page.locator("h1").count() == 1


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, expected", [
    ("zh", "高新技术企业", "high-tech-enterprises-2025"),
    ("en", "high-tech enterprises", "high-tech-enterprises-2020"),
])
def test_search_works_from_the_disk(offline_page, unzipped, lang, query, expected):
    page = offline_page
    page.goto((unzipped / lang / "search" / "index.html").as_uri())
    page.fill("#q", query)
    page.locator(f'.search-results a[href="../taiyuan-2021/figures/{expected}/index.html"]').wait_for(timeout=5000)
    links = page.locator(".search-results a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(h.split("#")[0].endswith("index.html") for h in hrefs), hrefs
    links.first.click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith("/index.html") and page.locator("h1").count() == 1
    if "#" in page.url:
        assert page.locator(f"[id='{page.url.split('#', 1)[1]}']").count() == 1
    # the search box on any page submits to the search page, which reads the query
    page.goto((unzipped / lang / "taiyuan-2021" / "sections" / "plan-1-innovation" / "index.html").as_uri())
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(rf"/{lang}/search/index\.html\?q="))
    page.locator(f'.search-results a[href="../taiyuan-2021/figures/{expected}/index.html"]').wait_for(timeout=5000)


@pytest.mark.browser
def test_the_language_switch_and_reading_modes_work_from_the_disk(offline_page, unzipped):
    page = offline_page
    page.goto((unzipped / "zh/taiyuan-2021/sections/plan-1-innovation/index.html").as_uri() + "#plan-1-six-new")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.click("a.lang-switch")
    page.wait_for_url((unzipped / "en/taiyuan-2021/sections/plan-1-innovation/index.html").as_uri() + "#plan-1-six-new")
    assert page.locator("html").get_attribute("lang") == "en"
    assert not page.locator("[id='plan-1-six-new'] .zh").is_visible()
    page.click("label[for=mode-both]")
    assert page.locator("#plan-1-six-new .zh").is_visible() and page.locator("#plan-1-six-new .en").is_visible()
    page.click("label[for=mode-other]")
    assert page.locator("#plan-1-six-new .zh").is_visible() and not page.locator("#plan-1-six-new .en").is_visible()
    page.click("a.lang-switch")  # and back, still at the same paragraph
    page.wait_for_url((unzipped / "zh/taiyuan-2021/sections/plan-1-innovation/index.html").as_uri() + "#plan-1-six-new")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_single_file_works_offline_and_prints_to_a4(browser, folder, name, report, lang):
    file_url = (folder / f"{name}-{lang}.html").as_uri()
    requests: list[str] = []
    with checked_page(browser, (file_url,), requests, viewport={"width": 1280, "height": 800}) as page:
        page.goto(file_url)
        page.wait_for_load_state("networkidle")
        ids = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        assert {s.id for s in report.sections} <= ids
        # the inline CSS applied and the inline script ran: the CSP allowed both
        assert page.evaluate("getComputedStyle(document.querySelector('.modes')).position") == "sticky"
        assert page.locator("table.targets thead button.sort").count() == 8
        # internal navigation and the reading modes
        page.click(f"nav.toc a[href='#{report.sections[-1].id}']")
        assert page.url.endswith("#" + report.sections[-1].id)
        assert page.locator(f"[id='{report.sections[-1].id}']").is_visible()
        para = page.locator(f"[id='{report.sections[-1].paragraphs[0].id}']")
        own, other = ("zh", "en") if lang == "zh" else ("en", "zh")
        assert para.locator(f".{own}").is_visible() and not para.locator(f".{other}").is_visible()
        page.click("label[for=mode-both]")
        assert para.locator(".zh").is_visible() and para.locator(".en").is_visible()
        page.click("label[for=mode-own]")
        term = page.locator(f"main .para > .{own} a.term").first
        target = term.get_attribute("href")
        term.click()
        assert page.locator(f"[id='{target[1:]}']").is_visible()
        pdf = page.pdf(format="A4")
    assert requests == [file_url], requests  # nothing fetched: not the network, not another file
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 20 <= pages <= 400, pages


def test_the_single_files_are_valid_html(folder, site):
    # The checker's CSS grammar predates :has() and text-underline-offset; the HTML itself must be clean.
    nu_check([folder / file for file in singles(site)], ignore="CSS: .*")


def test_the_single_files_of_a_published_site_use_chinese_punctuation_and_no_space_beside_it():
    """With a site address, each one-file edition names its online page after the translation notice."""
    project = Project.at(REPO, data=PAIR, content=PAIR_CONTENT)
    site = read_site(project)
    editions = {f"{report.id} {lang}": single_file(project, site, report, lang).decode("utf-8")
                for report in site.reports for lang in LANGS}
    assert all(site.url in html for html in editions.values())
    lines = [(where, text) for where, html in editions.items() for text in chinese_texts(html)]
    assert mistakes(lines, ASCII_IN_CHINESE, SPACE_BESIDE_A_MARK) == []
