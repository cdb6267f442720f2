"""The desk and the ways through the site: at desk width the reading column keeps its measure and the margin
beside it carries the figures, the contents and the charts; on a phone the contents come before the goals,
wide rows say that they scroll, and nothing runs off the screen; the glossary has an A–Z and a filter; the
main navigation reaches the ledger and the comparison."""

from __future__ import annotations

import re

import pytest

from reportsite.charts import render_chart
from reportsite.pages import index_key, initial
from reportsite.render import unbroken_ranges

R2 = "{lang}/taiyuan-2022/"
DESK_PAGES = ["{lang}/", R2, R2 + "figures/gdp-growth-2022/", "{lang}/ledger/", "{lang}/ledger/gdp-growth-2022/"]


def page_text(site, path: str) -> str:
    return site.files[path + "index.html"].decode("utf-8")


# ---- without a browser: the order of things, the links, the A–Z -------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_report_s_contents_come_before_its_goals(site, lang):
    """On a phone the page reads in source order: the contents must not sit under 40 goals."""
    html = page_text(site, R2.format(lang=lang))
    assert html.index('id="h-map"') < html.index('id="h-annual"') < html.index('id="h-five-year"')


def test_a_report_with_many_goals_lists_them_by_topic(site):
    html = page_text(site, R2.format(lang="en"))
    five_year = html[html.index('id="h-five-year"'):html.index("</section>", html.index('id="h-five-year"'))]
    topics = re.findall(r'<h3 class="topic">([^<]+)</h3>', five_year)
    assert len(topics) >= 5 and "Science and innovation" in topics
    annual = html[html.index('id="h-annual"'):html.index('id="h-five-year"')]
    assert 'class="topic"' not in annual  # nine goals: one list to scan


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_main_navigation_reaches_the_ledger_the_comparison_and_each_report_s_goals(site, lang):
    html = page_text(site, f"{lang}/glossary/")
    nav = html[html.index('class="site-nav"'):html.index("</nav>", html.index('class="site-nav"'))]
    assert f'href="../ledger/"' in nav and 'href="../compare/"' in nav
    report = page_text(site, R2.format(lang=lang))
    assert 'href="targets/"' in report[report.index('class="report-nav"'):]


def test_the_language_chooser_links_each_report_in_both_languages(site, real_site):
    html = site.files["index.html"].decode("utf-8")
    for report in real_site.reports:
        assert f'href="zh/{report.id}/"' in html and f'href="en/{report.id}/"' in html


def test_a_range_is_kept_on_one_line():
    assert unbroken_ranges("8–8.5%") == '<span class="num">8–8.5%</span>'
    assert unbroken_ranges("8%—8.5%（2021年）") == '<span class="num">8%—8.5%</span>（2021年）'
    assert unbroken_ranges("more than 8% & <b>") == "more than 8% &amp; &lt;b&gt;"  # no range: only escaped


def test_the_glossary_files_chinese_by_pinyin_and_english_by_its_first_letter():
    assert initial(index_key_of("Ōuzhōu", "zh")) == "O"  # tone marks set aside
    assert initial(index_key_of("\"15-minute circles\"", "en")) == "#"  # quotes skipped; a digit files under '#'
    assert initial(index_key_of("all-area tourism", "en")) == "A"


def index_key_of(text: str, lang: str) -> str:
    class Stub:  # only what index_key reads
        pinyin = en = text
    return index_key(Stub(), lang)


@pytest.mark.parametrize("lang, term, letter", [("zh", "全面建成小康社会", "Q"), ("en", "全面建成小康社会", "A")])
def test_the_glossary_has_an_a_to_z_whose_letters_lead_to_their_terms(site, lang, term, letter):
    html = page_text(site, f"{lang}/glossary/")
    az = html[html.index('class="az"'):html.index("</nav>", html.index('class="az"'))]
    letters = re.findall(r'href="#letter-([A-Z])"', az)  # and '#' (other) first
    assert letters == sorted(letters) and len(letters) > 10
    assert all(f'id="letter-{x}"' in html for x in letters)
    section = html[html.index(f'id="letter-{letter}"'):]
    section = section[:section.index("</section>")]
    assert term in section


def test_a_goals_chart_sets_the_outcome_beside_its_goal_on_a_scale_in_the_unit(real_site, catalogs):
    report = real_site.report["taiyuan-2022"]
    svg = str(render_chart("targets", "en", report, catalogs["en"].gettext, group="annual", chart_id="c"))
    gdp = svg[svg.index(">GDP growth<"):svg.index(">GDP growth (higher goal")]
    assert "2022 · goal 7% · outcome 3.3%" in gdp
    assert gdp.count('class="c-goal"') == 1 and gdp.count('class="c-outcome"') == 1
    goal_x = float(re.search(r'<rect x="([\d.]+)" [^>]*class="c-goal"', gdp).group(1))
    dot_x = float(re.search(r'<circle cx="([\d.]+)"[^>]*class="c-outcome"', gdp).group(1))
    assert dot_x < goal_x  # 3.3% falls short of 7%: left of the goal's mark
    assert re.findall(r'class="c-axis"[^>]*>([^<]+)<', gdp) == ["0%", "5%", "10%"]
    assert "stroke-dasharray" not in svg  # no box from zero for a goal


# ---- in a browser: the layout ---------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_on_a_desk_the_margin_sits_beside_a_reading_column_and_the_page_uses_the_width(browser, base, lang):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    problems = []
    for pattern in DESK_PAGES:
        path = pattern.format(lang=lang)
        page.goto(base + path)
        box = page.evaluate("""() => {
          const main = document.querySelector('.desk > .desk-main').getBoundingClientRect();
          const margins = [...document.querySelectorAll('.desk > .desk-margin')].map(e => e.getBoundingClientRect());
          const right = Math.max(main.right, ...margins.map(m => m.right));
          return {main: [main.left, main.right, main.top], margins: margins.map(m => [m.left, m.top]), right,
                  em: main.width / parseFloat(getComputedStyle(document.body).fontSize)};
        }""")
        left, right, top = box["main"]
        if not box["margins"] or any(x < right for x, _y in box["margins"]):
            problems.append(f"{path}: the margin is not beside the column")
        elif abs(box["margins"][0][1] - top) > 4 and "/ledger/" not in path[3:] and path != f"{lang}/":
            problems.append(f"{path}: the margin starts {box['margins'][0][1] - top:.0f} px off the column's top")
        if (box["right"] - left) < 0.6 * 1440:
            problems.append(f"{path}: the page uses {(box['right'] - left) / 14.4:.0f}% of the width")
        if box["em"] > 44.5:
            problems.append(f"{path}: the reading column is {box['em']:.1f}em wide")
    page.close()
    assert problems == []


@pytest.mark.browser
def test_on_a_phone_the_desk_is_one_column_in_source_order_and_nothing_scrolls_sideways(browser, base):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    problems = []
    for lang in ("en", "zh"):
        for pattern in DESK_PAGES + ["{lang}/compare/", "{lang}/glossary/", "{lang}/taiyuan-2021/figures/gdp-growth-2021/"]:
            path = pattern.format(lang=lang)
            page.goto(base + path)
            found = page.evaluate("""() => ({
              scroll: document.documentElement.scrollWidth,
              crumb: [...document.querySelectorAll('.crumbs li')].filter(e => e.getBoundingClientRect().width > 0)
                       .map(e => e.getBoundingClientRect().right),
              side: [...document.querySelectorAll('.desk > *')].map(e => Math.round(e.getBoundingClientRect().left))})""")
            if found["scroll"] > 390:
                problems.append(f"{path}: scrolls sideways ({found['scroll']} px)")
            if any(r > 390 for r in found["crumb"]):
                problems.append(f"{path}: the breadcrumb runs off the screen")
            if len(set(found["side"])) > 1:
                problems.append(f"{path}: the desk's parts are not one column: {found['side']}")
    page.goto(base + "en/compare/")
    assert page.locator(".scroll-hint").is_visible()  # the wide table says that it scrolls
    page.close()
    assert problems == []


@pytest.mark.browser
def test_the_glossary_filter_keeps_the_terms_that_match_tone_marks_aside(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "zh/glossary/")
    total = page.locator(".term-entry").count()
    page.fill("#glossary-q", "xiaokang")
    shown = page.locator(".term-entry:visible")
    assert 0 < shown.count() < total
    assert all("小康" in t for t in shown.locator("dt").all_text_contents())
    assert page.locator(".az-letter:visible").count() < page.locator(".az-letter").count()
    page.fill("#glossary-q", "")
    assert page.locator(".term-entry:visible").count() == total
    page.close()
