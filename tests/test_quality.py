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

from .browser import guard_requests
from .conftest import ELSEWHERE, REPO, build_in_a_fresh_process, nu_check

ARTIFACTS = REPO / "test-artifacts" / "screenshots"
R = "{lang}/taiyuan-2021/"
PAGE_TYPES = ["", "{lang}/", R, R + "parts/plan/", R + "sections/plan-1-innovation/", "{lang}/taiyuan-2022/parts/review/",
              "{lang}/taiyuan-2022/sections/review-2021-growth/", "{lang}/taiyuan-2022/figures/gdp-2021/",
              R + "sections/review-fyp-innovation/", R + "figures/gdp-2020/", R + "figures/", R + "targets/",
              R + "text/", R + "downloads/", "{lang}/ledger/", "{lang}/compare/", "{lang}/corrections/",
              "{lang}/glossary/", "{lang}/downloads/", "{lang}/about/", "{lang}/search/?q=%E9%AB%98%E6%96%B0"]


def html_pages(dist: Path, redirects: bool = False) -> list[str]:
    """The pages of a built site; redirect pages (at addresses that moved) only when asked for."""
    return sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*.html")
                  if redirects or b'http-equiv="refresh"' not in p.read_bytes())


@pytest.mark.browser
def test_a_crawl_from_the_root_reaches_every_page_and_every_link_resolves(browser, base, real_project):
    context = browser.new_context()
    blocked = guard_requests(context, (base,))
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    files: set[str] = set()
    queue, seen = deque([base, base + "404.html"]), {base, base + "404.html"}
    while queue:
        url = queue.popleft()
        response = page.goto(url)  # "load": every stylesheet and script in, none cut off by the next page
        if response is None or response.status != 200:
            problems.append(f"{url}: status {response and response.status}")
            continue
        page_ids, hrefs = page.evaluate("""() => [[...document.querySelectorAll('[id]')].map(e => e.id),
                                                  [...document.querySelectorAll('a[href]')].map(e => e.href)]""")
        ids[url] = set(page_ids)
        for href in hrefs:
            if not href.startswith(base):
                continue
            target, fragment = urldefrag(href)
            if fragment:
                fragments.append((url, target, unquote(fragment)))
            if target.endswith("/") or target.endswith(".html"):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
            else:
                files.add(target)
    for target in sorted(files):
        status = context.request.get(target).status
        if status != 200:
            problems.append(f"{target}: status {status}")
    for source, target, fragment in fragments:
        if fragment not in ids.get(target, set()):
            problems.append(f"{source} links to #{fragment} missing on {target}")
    context.close()
    assert problems == []
    assert blocked == []
    assert len(fragments) > 100 and len(files) > 5, "links to anchors and to data files were checked"
    visited = {u[len(base):] for u in ids}
    assert sorted(set(html_pages(real_project.dist)) - {v if v.endswith(".html") else v + "index.html" for v in visited}) == []
    assert len(ids) == len(html_pages(real_project.dist))


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_accessibility_violations_on_any_page_type_or_reading_mode(browser, base, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context()
    page = context.new_page()
    found = []
    for pattern in PAGE_TYPES:
        path = pattern.format(lang=lang)
        page.goto(base + path)
        modes = ["own", "both", "other"] if "/sections/" in path else [None]
        for mode in modes:
            if mode:
                page.click(f"label[for=mode-{mode}]")
            results = axe.run(page)
            assert len(results.response["passes"]) > 10, f"axe ran its rules on {path}"
            found += [f"{path} [{mode}] {v['id']} ({v['impact']}): {v['help']} ({len(v['nodes'])}x: "
                      f"{v['nodes'][0]['target']})" for v in results.response["violations"]]  # any impact
    context.close()
    assert found == []


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


def test_two_builds_of_the_real_site_and_bundle_in_other_settings_are_byte_identical(tmp_path):
    """Another process, hash seed, time zone and clock: the same bytes in every file, bundle included."""
    for folder in ("data", "content"):  # one snapshot of the input for both builds
        shutil.copytree(REPO / folder, tmp_path / folder)
    args = ["--data", str(tmp_path / "data"), "--content", str(tmp_path / "content"), "bundle"]
    first, second = (build_in_a_fresh_process(args, tmp_path / f"dist-{i}", setting)
                     for i, setting in enumerate(ELSEWHERE))
    assert len(first) > 700 and any(name.startswith("bundle/") for name in first)
    assert first == second
