"""In a real headless Chromium (Debian's package, through Playwright), over a local HTTP server:
the pages work as readers use them, and nothing is fetched from any other host."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from .browser import FIRST_QUERIES, FIRST_QUERY_LIMIT, checked_page, gzipped_bytes_of_a_first_query

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
    assert page.locator("h1").inner_text() == "太原市政府工作报告双语解读"


def test_the_language_switch_keeps_the_anchor(page, base):
    page.goto(base + "en/taiyuan-2021/sections/plan-1-innovation/#plan-1-six-new")
    page.click("a.lang-switch")
    page.wait_for_url(base + "zh/taiyuan-2021/sections/plan-1-innovation/#plan-1-six-new")
    assert page.locator("#plan-1-six-new .zh").is_visible()


def test_parallel_mode_shows_aligned_paragraphs(page, base):
    page.goto(base + "en/taiyuan-2021/sections/plan-1-innovation/")
    assert not page.locator("#plan-1-six-new .zh").is_visible()
    page.click("label[for=mode-both]")
    zh, en = page.locator("#plan-1-six-new .zh"), page.locator("#plan-1-six-new .en")
    assert zh.is_visible() and en.is_visible()
    assert zh.bounding_box()["y"] == en.bounding_box()["y"]  # side by side, top-aligned
    assert zh.bounding_box()["x"] < en.bounding_box()["x"]
    page.goto(base + "en/taiyuan-2021/sections/plan-2-industry/")  # the choice is remembered
    assert page.locator("#mode-both").is_checked()
    page.click("label[for=mode-other]")
    assert page.locator("#plan-2-emerging .zh").is_visible() and not page.locator("#plan-2-emerging .en").is_visible()


def test_a_figure_page_shows_its_verbatim_quote(page, base):
    page.goto(base + "en/taiyuan-2021/figures/gdp-2020/")
    assert page.locator(".big-value").inner_text() == "CNY 415.325 billion"
    assert page.locator("blockquote.quote").inner_text() == "全年地区生产总值实现4153.25亿元，增长2.6%"
    assert page.locator("blockquote.quote").get_attribute("lang") == "zh-Hans"


@pytest.mark.parametrize("lang, query, expected, kind, title", [
    ("en", "高新技术企业", "taiyuan-2021/figures/high-tech-enterprises-2025/", "t",
     "High-tech enterprises · 2025 · 4,500"),
    ("zh", "5G基站", "taiyuan-2021/figures/5g-base-stations-2021/", "t", "5G基站数量 · 2021年 · 5000座以上"),
    ("en", "high-tech enterprises", "taiyuan-2021/figures/high-tech-enterprises-2020/", "f",
     "High-tech enterprises · 2020 · 2,132"),
    ("zh", "high-tech enterprises", "taiyuan-2021/sections/plan-1-innovation/#plan-1-enterprises", "p", "打造一流创新生态"),
])
def test_search_finds_chinese_and_english_queries(page, base, lang, query, expected, kind, title):
    """From the address (?q=) and typed into the box, the expected result is among the links (ten at a time:
    "More results" shows the next), titled by its kind (a UI string the page carries), its own title and, for a
    figure, its period and value."""
    page.goto(base + f"{lang}/search/?q={query}")
    kinds = json.loads(page.locator("#search-root").text_content())["ui"]["kinds"]
    result = page.locator(f'.search-results a[href="../{expected}"]')
    shown_after_more_clicks(page, result)
    assert result.inner_text() == f"{kinds[kind]} · {title}"
    page.goto(base + f"{lang}/search/?q=nothing-matches-this")
    page.fill("#q", query)
    shown_after_more_clicks(page, result)
    assert result.inner_text() == f"{kinds[kind]} · {title}"


def shown_after_more_clicks(page, result, clicks: int = 5) -> None:
    """Wait for the results; click "More results" until result is among them (at most clicks times)."""
    page.locator(".search-results li").first.wait_for(timeout=5000)
    for _ in range(clicks):
        if result.count():
            return
        page.click("button.more")
        page.wait_for_timeout(300)
    result.wait_for(timeout=5000)


def test_the_copy_button_puts_the_citation_on_the_clipboard(page, base):
    """One Cite box, closed until opened: pick a format, one button copies it."""
    page.goto(base + "en/taiyuan-2021/sections/plan-indicators/")
    apa = page.locator('.citation[data-style="apa"]')
    assert not apa.is_visible()
    page.click(".cite > summary")
    page.click('label[for="fmt-gbt7714"]')
    assert page.locator('.citation[data-style="gbt7714"]').is_visible() and not apa.is_visible()
    page.click('label[for="fmt-apa"]')
    assert apa.is_visible() and page.locator("button.copy").count() == 1
    page.click("button.copy")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == apa.locator("pre").inner_text()
    assert copied.startswith("Taiyuan Municipal People's Government. (2021). Taiyuan Municipal Government Work Report")
    assert "https://www.taiyuan.gov.cn/zfgzbg/20210302/1058062.html" in copied  # the official page


@pytest.mark.parametrize("lang, long", [("en", "March 9, 2031"), ("zh", "2031年3月9日")])
def test_the_access_date_is_the_reader_s_own_in_the_page_s_language(page, base, lang, long):
    """The script writes today's date as the platform formats it for the page's language: it holds no
    month names or date characters of its own."""
    page.clock.set_fixed_time(dt.datetime(2031, 3, 9, 12, 0))
    page.goto(base + f"{lang}/taiyuan-2021/sections/plan-indicators/")
    assert page.locator('.citation[data-style="chicago-note"] [data-access]').text_content() == long
    assert page.locator('.citation[data-style="gbt7714"] [data-access]').text_content() == "2031-03-09"


def period_order(period: str) -> tuple[int, ...]:
    """Periods in time order: no date given ("") first, then 2021 < 2021-2025 < 2025."""
    return tuple(int(year) for year in period.split("-")) if period else (0,)


def test_the_targets_table_sorts_by_a_column_both_ways(page, base):
    page.goto(base + "en/taiyuan-2021/targets/")
    rows = page.locator("table.targets tbody tr")
    period = "table.targets thead th:nth-child(3)"
    keys = lambda: rows.evaluate_all("rs => rs.map(r => [r.id, r.cells[2].dataset.sort])")  # noqa: E731
    before = keys()
    assert len({p for _, p in before}) > 1, "the column must have different values to sort"
    page.click(f"{period} button")
    assert page.locator(period).get_attribute("aria-sort") == "ascending"
    ascending = keys()
    assert [p for _, p in ascending] == sorted((p for _, p in before), key=period_order)
    page.click(f"{period} button")
    assert page.locator(period).get_attribute("aria-sort") == "descending"
    descending = keys()
    assert [p for _, p in descending] == sorted((p for _, p in before), key=period_order, reverse=True)
    assert sorted(ascending) == sorted(descending) == sorted(before)  # the same rows, only moved


def test_the_topic_filter_keeps_only_the_rows_of_that_topic(page, base):
    page.goto(base + "en/taiyuan-2021/targets/")
    rows = page.locator("table.targets tbody tr")
    shown = lambda: rows.evaluate_all("rs => rs.map(r => [r.dataset.topic, r.offsetParent !== null])")  # noqa: E731
    everything = shown()
    assert all(visible for _, visible in everything)
    page.select_option("#topic-filter", "economy")
    after = shown()
    assert [topic for topic, visible in after if visible] == [t for t, _ in everything if t == "economy"]
    assert any(visible for _, visible in after) and not all(visible for _, visible in after)
    page.select_option("#topic-filter", "")  # all topics again
    assert shown() == everything


def test_pages_read_fine_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base + "en/taiyuan-2021/sections/review-fyp-innovation/")
    assert pg.locator(".para .en").first.is_visible()
    pg.click("label[for=mode-both]")
    assert pg.locator(".para .zh").first.is_visible()
    pg.goto(base + "en/taiyuan-2021/targets/")
    assert pg.locator("table.targets tbody tr").count() > 50
    context.close()


def test_an_old_address_leads_to_the_page_s_new_place_with_its_anchor(page, base):
    """The 2021 report's pages moved under /<lang>/taiyuan-2021/: a link published before still lands on
    the same paragraph (a redirect page: meta refresh, and a script that keeps the #anchor)."""
    page.goto(base + "en/sections/plan-1-innovation/#plan-1-six-new")
    page.wait_for_url(base + "en/taiyuan-2021/sections/plan-1-innovation/#plan-1-six-new")
    assert page.locator("#plan-1-six-new").count() == 1
    page.goto(base + "zh/figures/gdp-2020/")
    page.wait_for_url(base + "zh/taiyuan-2021/figures/gdp-2020/")


def test_an_old_address_leads_to_the_new_page_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base + "en/targets/")
    pg.wait_for_url(base + "en/taiyuan-2021/targets/")
    assert pg.locator("table.targets tbody tr").count() > 50
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("query", FIRST_QUERIES)
def test_a_first_query_loads_at_most_60_kb_gzipped(browser, base, real_project, lang, query):
    """Page, styles, scripts, the pieces of the index and the first ten results, as a visitor's first search
    loads them over HTTP (tests/test_bundle.py: the same from file://)."""
    total, files = gzipped_bytes_of_a_first_query(browser, base, real_project.dist, query.format(lang=lang, page=""))
    assert total <= FIRST_QUERY_LIMIT, (total, files)
    assert any(f.startswith("search/t.") for f in files) and any(f.startswith("search/d.") for f in files)


def test_gdp_finds_the_growth_the_year_reached_among_the_first_results(page, base):
    """A term finds its goals and outcomes first: GDP growth, 9.2% in 2021 (the 2022 report), is among the first."""
    page.goto(base + "en/search/?q=GDP")
    page.wait_for_function("document.querySelectorAll('.search-results li').length >= 10")
    titles = page.locator(".search-results li > a").all_inner_texts()[:10]
    assert "Figure · Real GDP growth · 2021 · 9.2%" in titles, titles
    page.goto(base + "zh/search/?q=9.2%25")
    page.locator(".search-results li").first.wait_for()
    assert page.locator(".search-results li > a").first.inner_text() == "数字 · 地区生产总值实际增速 · 2021年 · 9.2%"
    assert "29.2" not in page.locator(".search-results").inner_text()


def test_the_filters_narrow_the_results_and_the_address_keeps_them(page, base):
    page.goto(base + "en/search/?q=GDP&report=taiyuan-2022&kind=f")
    page.locator(".search-results li").first.wait_for()
    assert set(page.locator(".search-results .result-report").all_inner_texts()) == {"Taiyuan 2022"}
    assert {t.split(" · ")[0] for t in page.locator(".search-results li > a").all_inner_texts()} <= {"Figure", "Goal"}
    page.select_option("#search-kind", "g")
    page.wait_for_url("**kind=g**")
    assert page.locator("#search-report").input_value() == "taiyuan-2022"


def test_a_number_finds_figures_first_and_says_which_report(page, base):
    page.goto(base + "en/search/?q=4500")
    first = page.locator(".search-results li").first
    first.wait_for(timeout=5000)
    assert first.locator("a").inner_text().startswith(("Figure · ", "Goal · "))
    assert first.locator(".result-report").inner_text() == "Taiyuan 2021"
    page.goto(base + "zh/search/?q=enterprises")
    page.locator("[data-search-results][data-state=shown]").wait_for(timeout=5000)
    snippets = page.locator(".search-results li p[lang=en]").all_inner_texts()
    assert len(snippets) > 5  # of the first ten (a match in a title only shows the text in the page's language)
    for text in snippets:  # cut at a word's edge, never inside a word
        words = text.strip("…").split()
        assert text.startswith("…") is False or text[1].isalnum() or text[1] in "“\"([", text[:20]
        assert all(w for w in words)


PRINTED = ["en/ledger/", "zh/ledger/", "en/glossary/", "zh/glossary/", "en/compare/", "zh/compare/",
           "en/taiyuan-2021/sections/plan-indicators/"]  # a section: its glossary terms are links


def test_the_ledger_glossary_and_comparison_print_whole_with_no_controls(browser, base):
    """The browser's own print (A4 portrait, about 720 CSS pixels of text): nothing runs past the right edge, no
    control is shown, no glossary term is underlined (a section's terms link to the glossary), an address is given as a note only where a reader can type
    it (not the site's relative links), and no Chinese is slanted by the browser (CJK faces have no italic)."""
    with checked_page(browser, (base,), viewport={"width": 720, "height": 1000}) as page:
        page.emulate_media(media="print")
        for path in PRINTED:
            page.goto(base + path)
            found = page.evaluate("""() => {
              const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                && getComputedStyle(e).visibility !== 'hidden'; };
              const width = document.documentElement.clientWidth;
              return {
                wide: [...document.querySelectorAll('main *')].filter(e => shown(e) && e.getBoundingClientRect().right > width + 1)
                  .map(e => e.tagName + '.' + e.className).slice(0, 5),
                controls: [...document.querySelectorAll('button, select, input, textarea, summary')].filter(shown)
                  .map(e => e.outerHTML.slice(0, 80)).slice(0, 5),
                underlined: [...document.querySelectorAll('a.term')].filter(a => getComputedStyle(a).textDecorationLine !== 'none').length,
                notes: [...document.querySelectorAll('main a[href]')].filter(a => !/^https?:/.test(a.getAttribute('href'))
                  && getComputedStyle(a, '::after').content.includes('<')).length,
                slanted: [...document.querySelectorAll(':lang(zh):not(:lang(zh-Latn-pinyin))')]
                  .filter(e => getComputedStyle(e).fontSynthesisStyle !== 'none').length,
              };
            }""")
            assert found == {"wide": [], "controls": [], "underlined": 0, "notes": 0, "slanted": 0}, path
        assert page.evaluate("document.querySelectorAll('a.term').length") > 0  # the last page has terms to check
