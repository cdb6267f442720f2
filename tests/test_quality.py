"""Quality gates over every page the build writes: a real-browser crawl, accessibility (axe-core),
keyboard use, layout at phone and desktop widths, HTML validity, and the language switch."""

from __future__ import annotations

import json
import re
import shutil
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest

from .browser import checked_page, http_get, serve_folder
from .conftest import ELSEWHERE, MINI, MINI_CONTENT, REPO, build_in_a_fresh_process, nu_check

ARTIFACTS = REPO / "test-artifacts" / "screenshots"
R = "{lang}/taiyuan-2021/"
PAGE_TYPES = ["", "{lang}/", R, R + "parts/plan/", R + "sections/plan-1-innovation/", "{lang}/taiyuan-2022/parts/review/",
              "{lang}/taiyuan-2022/sections/review-2021-growth/", "{lang}/taiyuan-2022/figures/gdp-2021/",
              R + "sections/review-fyp-innovation/", R + "figures/gdp-2020/", R + "figures/", R + "targets/",
              R + "text/", R + "downloads/", "{lang}/ledger/", "{lang}/ledger/by/status-missed/",
              "{lang}/ledger/5g-base-stations-2021/", "{lang}/plans/14th-five-year-plan/", "{lang}/compare/",
              "{lang}/corrections/", "{lang}/glossary/", "{lang}/downloads/", "{lang}/about/",
              "{lang}/search/?q=%E9%AB%98%E6%96%B0"]


def html_pages(dist: Path, redirects: bool = False) -> list[str]:
    """The pages of a built site; redirect pages (at addresses that moved) only when asked for."""
    return sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*.html")
                  if redirects or b'http-equiv="refresh"' not in p.read_bytes())


class PageLinks(HTMLParser):
    """What a page holds for a crawler: its ids, the addresses it links to (a redirect page's
    refresh included) and the files it loads (stylesheets, scripts, images, icons)."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        elif tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.loads.append(a["src"])
        elif tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.links.append(a["content"].split("url=", 1)[1])


def test_a_crawl_from_the_root_reaches_every_page_and_every_link_resolves(site, real_project):
    """Over HTTP, from / and /404.html, following every link: every page of the build is reached, every
    address linked or loaded answers 200, every #fragment names an id on its page. The redirect pages
    left at old addresses (which nothing links to) are read too, and where they point checked."""
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    files: set[str] = set()
    with serve_folder(real_project.dist) as base:
        pages = html_pages(real_project.dist)
        moved = [base + page for page in sorted(set(html_pages(real_project.dist, redirects=True)) - set(pages))]
        queue = deque([base, base + "404.html", *moved])
        seen = set(queue)
        while queue:
            url = queue.popleft()
            status, body = http_get(url)
            if status != 200:
                problems.append(f"{url}: status {status}")
                continue
            page = PageLinks()
            page.feed(body.decode("utf-8"))
            ids[url] = page.ids
            files.update(urljoin(url, load) for load in page.loads if not load.startswith("data:"))
            for href in page.links:
                target, fragment = urldefrag(urljoin(url, href))
                if not target.startswith(base):
                    continue
                if fragment:
                    fragments.append((url, target, unquote(fragment)))
                if target.endswith("/") or target.endswith(".html"):
                    if target not in seen:
                        seen.add(target)
                        queue.append(target)
                else:
                    files.add(target)
        outside = sorted(f for f in files if not f.startswith(base))
        problems += [f"{f}: status {status}" for f in sorted(files - set(outside)) if (status := http_get(f)[0]) != 200]
    for source, target, fragment in fragments:
        if fragment not in ids.get(target, set()):
            problems.append(f"{source} links to #{fragment} missing on {target}")
    assert problems == []
    assert outside == []
    assert len(fragments) > 100 and len(files) > 5, "links to anchors and to data files were checked"
    reached = {u[len(base):] for u in ids} - {m[len(base):] for m in moved}
    assert sorted(set(pages) - {r if r.endswith(".html") else r + "index.html" for r in reached}) == []
    assert len(reached) == len(pages) and len(moved) > 100


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_of_page_loads_in_the_browser_without_an_error_or_a_request_elsewhere(browser, base, lang):
    """The crawl above reads every page as a crawler does; here each kind of page runs in Chromium
    (a redirect page too, which takes it on to the new address)."""
    loaded: list[str] = []
    with checked_page(browser, (base,), loaded) as page:
        page.goto(base + f"{lang}/sections/plan-1-innovation/")  # an address of the first edition
        page.wait_for_url(base + f"{lang}/taiyuan-2021/sections/plan-1-innovation/")  # its own navigation is over
        for path in [*dict.fromkeys(p.format(lang=lang) for p in PAGE_TYPES), "404.html"]:
            response = page.goto(base + path)  # "load": every stylesheet, script and image is in
            assert response is not None and response.status == 200, path
    assert len(loaded) > len(PAGE_TYPES)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_accessibility_violations_on_any_page_type_or_reading_mode(browser, base, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context()
    page = context.new_page()
    found = []
    for path in [*(pattern.format(lang=lang) for pattern in PAGE_TYPES), "404.html"]:
        page.goto(base + path)
        modes = ["own", "both", "other"] if "/sections/" in path else [None]
        for mode in [*modes, "opened"]:
            if mode == "opened":  # what closed boxes hold (the Cite box, notes) is checked too
                page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            elif mode:
                page.click(f"label[for=mode-{mode}]")
            results = axe.run(page).response
            assert len(results["passes"]) > 10, f"axe ran its rules on {path}"
            # Any violation of any impact, and any ARIA use axe cannot confirm works (an aria-label a
            # screen reader may not announce is "incomplete", not a violation).
            doubtful = [v for v in results["incomplete"] if v["id"].startswith("aria-")]
            found += [f"{path} [{mode}] {v['id']} ({v['impact']}): {v['help']} ({len(v['nodes'])}x: "
                      f"{v['nodes'][0]['target']})" for v in results["violations"] + doubtful]
    context.close()
    assert found == []


# Elements whose implicit ARIA role (generic, paragraph, code, emphasis …) may not be named: an aria-label
# there is prohibited (WAI-ARIA 1.2), and screen readers do not reliably announce it.
UNNAMEABLE = ("div", "span", "pre", "p", "code", "em", "strong", "b", "i", "small", "sub", "sup", "del", "ins",
              "s", "u", "q", "caption", "label", "legend", "figcaption")
NAMED_WITHOUT_ROLE = re.compile(rf'<(?:{"|".join(UNNAMEABLE)})\b(?![^>]*\srole=)[^>]*\saria-label(?:ledby)?=')


def test_an_accessible_name_is_given_only_where_a_role_can_carry_it(site):
    """The citation boxes (a <pre> a keyboard can focus) are regions named by their format."""
    wrong = [f"{name}: {m.group(0)}" for name, body in site.files.items() if name.endswith(".html")
             for m in NAMED_WITHOUT_ROLE.finditer(body.decode("utf-8"))]
    assert wrong[:10] == []
    section = site.files["en/taiyuan-2021/sections/plan-1-innovation/index.html"].decode("utf-8")
    assert '<pre class="cite-text" id="cite-text-apa" role="region" aria-label="APA 7" tabindex="0">' in section


def test_chinese_passages_in_english_pages_declare_their_language(site):
    checked = {"zh": 0, "en": 0}
    for name, body in site.files.items():
        if not name.endswith(".html") or name[:3] not in ("en/", "zh/"):
            continue
        other = "zh" if name.startswith("en/") else "en"  # the passages in the other language
        for block in re.findall(rf'<div class="{other}"[^>]*>', body.decode("utf-8")):
            assert f'lang="{"zh-Hans" if other == "zh" else "en"}"' in block, name
            checked[other] += 1
    assert checked["zh"] > 100 and checked["en"] > 100, checked


@pytest.mark.browser
def test_the_keyboard_reaches_the_language_switch_search_reading_mode_and_copy_button(browser, base):
    from playwright.sync_api import expect

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "en/taiyuan-2021/sections/plan-indicators/")
    ui = json.loads(page.locator("#ui-strings").text_content())  # the page's own UI strings
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
            return [e.className || '', e.id || '', e.tagName, getComputedStyle(e).outlineStyle]; }""")
        cls, ident, tag, outline = info
        if "lang-switch" in cls:
            reached.add("language switch")
        if ident == "q":
            reached.add("search box")
        if ident.startswith("mode-"):
            reached.add("reading mode")
        if tag == "SUMMARY" and page.evaluate("document.activeElement.parentElement.matches('.cite')"):
            reached.add("citation box")
            page.keyboard.press("Enter")  # opens it: the format picker and the copy button follow
        if "copy" in cls and tag == "BUTTON":
            reached.add("copy button")
            break
    assert reached == {"language switch", "search box", "reading mode", "citation box", "copy button"}
    assert outline != "none", "focus is visible"
    button = page.locator("button.copy:focus")
    citation = page.locator(".citation:visible .cite-text").text_content()
    assert citation.startswith("Taiyuan Municipal People's Government")
    assert button.inner_text() == ui["copy"]
    page.keyboard.press("Enter")
    expect(button).to_have_text(ui["copied"])
    assert ui["copied"] != ui["copy"]
    assert page.evaluate("navigator.clipboard.readText()") == citation
    context.close()


@pytest.mark.browser
def test_no_text_overlaps_on_a_phone(browser, base):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for path in ("en/", "zh/taiyuan-2021/sections/plan-1-innovation/", "en/taiyuan-2021/figures/gdp-2020/",
                 "en/taiyuan-2021/targets/", "en/ledger/"):
        page.goto(base + path)
        boxes, overlaps = page.evaluate("""() => {
            const boxes = [...document.querySelectorAll('h1, h2, h3, p, li > a, .value, .label, dt, dd, label, .lang-switch, .brand')]
              .filter(e => e.offsetParent !== null && !(e.closest('details:not([open])') && !e.closest('summary'))).map(e => [e, e.getBoundingClientRect()]);
            const out = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const [a, r] = boxes[i], [b, s] = boxes[j];
              if (a.contains(b) || b.contains(a)) continue;
              const x = Math.min(r.right, s.right) - Math.max(r.left, s.left);
              const y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
              if (x > 2 && y > 2) out.push(a.tagName + '|' + a.textContent.slice(0, 20) + ' / ' + b.tagName + '|' + b.textContent.slice(0, 20));
            }
            return [boxes.length, out]; }""")
        assert boxes > 10, f"{path}: only {boxes} boxes to compare"
        assert overlaps == [], path
    page.close()


class SwitchFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.switch = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "lang-switch" in (a.get("class") or ""):
            self.switch = a["href"]


def test_the_language_switch_on_every_page_lands_on_its_counterpart(site):
    pages = [n for n in site.files if n.endswith(".html") and n[:3] in ("zh/", "en/")
             and b'http-equiv="refresh"' not in site.files[n]]
    assert len(pages) > 400
    for name in pages:
        finder = SwitchFinder()
        finder.feed(site.files[name].decode("utf-8"))
        assert finder.switch is not None, name
        target = urljoin("http://x/" + name, finder.switch)
        counterpart = ("en/" if name.startswith("zh/") else "zh/") + name[3:]
        assert target in ("http://x/" + counterpart, "http://x/" + counterpart.removesuffix("index.html")), name


def test_every_page_is_valid_html(site, real_project):
    nu_check([real_project.dist / name for name in html_pages(real_project.dist, redirects=True)])


def test_every_page_carries_a_content_security_policy_that_forbids_other_origins(site):
    pages = [name for name in site.files if name.endswith(".html")]
    assert len(pages) > 400
    for name in pages:
        policy = re.search(rb'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', site.files[name])
        assert policy, name
        assert b"default-src 'none'" in policy.group(1) and b"unsafe-inline" not in policy.group(1), name


def test_two_builds_of_the_real_site_in_other_settings_are_byte_identical(tmp_path):
    """Another process, hash seed, time zone and clock: the same bytes in every file of the real site."""
    for folder in ("data", "content"):  # one snapshot of the input for both builds
        shutil.copytree(REPO / folder, tmp_path / folder)
    args = ["--data", str(tmp_path / "data"), "--content", str(tmp_path / "content"), "--jobs", "2"]
    first, second = (build_in_a_fresh_process(args, tmp_path / f"dist-{i}", setting)
                     for i, setting in enumerate(ELSEWHERE))
    assert len(first) > 5000 and first == second


def test_two_bundles_in_other_settings_are_byte_identical(tmp_path):
    """The same for `build.py bundle`, on the small site (its zip, one-file editions and PDFs are made by the
    same code for every site; the real reports' PDFs are checked in tests/test_handout.py)."""
    shutil.copytree(MINI, tmp_path / "data")
    shutil.copytree(MINI_CONTENT, tmp_path / "content")
    args = ["--data", str(tmp_path / "data"), "--content", str(tmp_path / "content"), "bundle"]
    first, second = (build_in_a_fresh_process(args, tmp_path / f"dist-{i}", setting)
                     for i, setting in enumerate(ELSEWHERE))
    bundle = [name for name in first if name.startswith("bundle/")]
    # the zip, its README, the report's 2 one-file editions and 4 PDFs (no later report judges its goals)
    assert len(bundle) == 8 and first == second
