"""In a real headless Chromium (Debian's package, through Playwright), over a local HTTP server:
the pages work as readers use them, and nothing is fetched from any other host."""

from __future__ import annotations

import pytest

from .browser import checked_page

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, base):
    with checked_page(browser, (base,), viewport={"width": 1280, "height": 800},
                      permissions=["clipboard-read", "clipboard-write"]) as pg:
        yield pg


def test_english_home_switches_to_the_chinese_home(page, base):
    page.goto(base + "en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("a.lang-switch")
    page.wait_for_url(base + "zh/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").inner_text() == "太原市政府工作报告(2021)双语解读"


def test_the_language_switch_keeps_the_anchor(page, base):
    page.goto(base + "en/sections/plan-1-innovation/#plan-1-six-new")
    page.click("a.lang-switch")
    page.wait_for_url(base + "zh/sections/plan-1-innovation/#plan-1-six-new")
    assert page.locator("#plan-1-six-new .zh").is_visible()


def test_parallel_mode_shows_aligned_paragraphs(page, base):
    page.goto(base + "en/sections/plan-1-innovation/")
    assert not page.locator("#plan-1-six-new .zh").is_visible()
    page.click("label[for=mode-both]")
    zh, en = page.locator("#plan-1-six-new .zh"), page.locator("#plan-1-six-new .en")
    assert zh.is_visible() and en.is_visible()
    assert zh.bounding_box()["y"] == en.bounding_box()["y"]  # side by side, top-aligned
    assert zh.bounding_box()["x"] < en.bounding_box()["x"]
    page.goto(base + "en/sections/plan-2-industry/")  # the choice is remembered
    assert page.locator("#mode-both").is_checked()
    page.click("label[for=mode-other]")
    assert page.locator("#plan-2-emerging .zh").is_visible() and not page.locator("#plan-2-emerging .en").is_visible()


def test_a_figure_page_shows_its_verbatim_quote(page, base):
    page.goto(base + "en/figures/gdp-2020/")
    assert page.locator(".big-value").inner_text() == "CNY 415.325 billion"
    assert page.locator("blockquote.quote").inner_text() == "全年地区生产总值实现4153.25亿元,增长2.6%"
    assert page.locator("blockquote.quote").get_attribute("lang") == "zh-Hans"


@pytest.mark.parametrize("lang, query, expected", [
    ("en", "高新技术企业", "high-tech-enterprises-2025"),
    ("zh", "5G基站", "5g-base-stations-2021"),
    ("en", "high-tech enterprises", "high-tech-enterprises-2020"),
    ("zh", "high-tech enterprises", "plan-1-enterprises"),
])
def test_search_finds_chinese_and_english_queries(page, base, lang, query, expected):
    page.goto(base + f"{lang}/search/?q={query}")
    links = page.locator(".search-results a")
    links.first.wait_for()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(expected in h for h in hrefs), hrefs
    page.goto(base + f"{lang}/search/")
    page.fill("#q", query)
    page.locator(".search-results a").first.wait_for()


def test_the_copy_button_puts_the_citation_on_the_clipboard(page, base):
    page.goto(base + "en/sections/plan-indicators/")
    apa = page.locator('.citation[data-style="apa"]')
    apa.locator("button.copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == apa.locator("pre").inner_text()
    assert copied.startswith("Taiyuan Municipal People's Government. (2021, February 23).")


def test_the_access_date_is_the_reader_s_own(page, base):
    page.goto(base + "en/sections/plan-indicators/")
    today = page.evaluate("new Date().toLocaleDateString('en-US', {month: 'long', day: 'numeric', year: 'numeric'})")
    assert page.locator('.citation[data-style="chicago-note"] [data-access]').inner_text() == today


def test_the_targets_table_sorts_and_filters(page, base):
    page.goto(base + "en/targets/")
    rows = page.locator("table.targets tbody tr")
    total = rows.count()
    page.select_option("#topic-filter", "economy")
    visible = [r for r in range(total) if rows.nth(r).is_visible()]
    assert 0 < len(visible) < total
    page.click("table.targets thead th:nth-child(3) button")
    assert page.locator("table.targets thead th:nth-child(3)").get_attribute("aria-sort") == "ascending"


def test_pages_read_fine_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base + "en/sections/review-fyp-innovation/")
    assert pg.locator(".para .en").first.is_visible()
    pg.click("label[for=mode-both]")
    assert pg.locator(".para .zh").first.is_visible()
    pg.goto(base + "en/targets/")
    assert pg.locator("table.targets tbody tr").count() > 50
    context.close()
