"""The design as a reader meets it, measured in a real browser at phone, tablet and desk widths in both
languages: the header leaves the page to the text, every control can be tapped, lines keep a reading
measure, charts keep their words inside the picture, nothing scrolls sideways; screenshots are kept."""

from __future__ import annotations

import pytest

from .conftest import REPO

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts" / "design"
WIDTHS = [(360, 740), (390, 844), (768, 1024), (1280, 800), (1920, 1080)]
R1, R2 = "{lang}/taiyuan-2021/", "{lang}/taiyuan-2022/"
PAGES = ["{lang}/", R1, R2, R2 + "parts/review/", R1 + "sections/plan-indicators/", R2 + "sections/review-2021-growth/",
         R1 + "figures/high-tech-enterprises-2025/", R2 + "figures/gdp-2021/", R1 + "targets/", "{lang}/ledger/",
         "{lang}/compare/", "{lang}/glossary/", R2 + "text/", "{lang}/downloads/"]
SHOTS = ["{lang}/", R2 + "sections/review-2021-growth/", R1 + "figures/high-tech-enterprises-2025/", "{lang}/ledger/"]
# What a reader taps: at least 44 × 44 CSS pixels each (WCAG 2.5.5)
CONTROLS = (".lang-switch, .menu > summary, .modes label, .cite > summary, .cite-formats label, button, "
            ".site-nav a, .report-nav a, .crumbs a, .anchor, .prev-next a, .chart-data summary, select")


def layout(page, controls: str) -> dict:
    return page.evaluate("""(controls) => {
      const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
        && getComputedStyle(e).visibility !== 'hidden'; };
      const small = [...document.querySelectorAll(controls)].filter(shown).map(e => [e, e.getBoundingClientRect()])
        .filter(([e, r]) => r.width < 43.5 || r.height < 43.5)
        .map(([e, r]) => `${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
      const clipped = [];
      for (const svg of document.querySelectorAll('svg.chart')) {
        const vb = svg.viewBox.baseVal;
        for (const t of svg.querySelectorAll('text')) {
          const b = t.getBBox();
          if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
            clipped.push(svg.closest('figure').id + ': ' + t.textContent);
        }
      }
      const header = document.querySelector('.site-header').getBoundingClientRect().height;
      return {scroll: document.documentElement.scrollWidth, small, clipped, header};
    }""", controls)


@pytest.mark.parametrize("width, height", WIDTHS)
def test_every_page_type_fits_the_screen_and_every_control_can_be_tapped(browser, base, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    for lang in ("en", "zh"):
        for pattern in PAGES:
            path = pattern.format(lang=lang)
            page.goto(base + path)
            found = layout(page, CONTROLS)
            if found["scroll"] > width:
                problems.append(f"{path}: scrolls sideways ({found['scroll']} px)")
            problems += [f"{path}: too small to tap: {s}" for s in found["small"]]
            problems += [f"{path}: chart text outside its picture: {c}" for c in found["clipped"]]
            if width <= 768 and found["header"] > 0.15 * height:
                problems.append(f"{path}: the header takes {found['header']:.0f} of {height} px")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "zh"):
        for pattern in SHOTS:
            path = pattern.format(lang=lang)
            page.goto(base + path)
            shot = ARTIFACTS / f"{path.strip('/').replace('/', '_')}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
    page.close()
    assert problems == []


@pytest.mark.parametrize("width", [390, 1280, 1920])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_text_keeps_a_reading_measure(browser, base, width, lang):
    """At most about 40em a line in English, 40 characters in Chinese, whatever the screen."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base + f"{lang}/taiyuan-2022/sections/review-2021-growth/")
    own = ".en" if lang == "en" else ".zh"
    em = page.evaluate(f"""() => {{ const e = document.querySelector('.text .para > {own}');
        return e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize); }}""")
    page.close()
    assert em <= 40.5


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_paragraph_on_any_page_runs_wider_than_the_measure(browser, base, lang):
    """Lists, tables and charts may use a wide screen; running text never does."""
    page = browser.new_page(viewport={"width": 1920, "height": 1000})
    wide = []
    for pattern in PAGES:
        page.goto(base + pattern.format(lang=lang))
        wide += page.evaluate("""() => [...document.querySelectorAll('main p, main li, main dd')]
            .filter(e => !e.closest('table, svg, .cards, .para'))
            .map(e => [e, e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize)])
            .filter(([e, em]) => em > 40.5)
            .map(([e, em]) => `${location.pathname}: ${e.tagName} "${e.textContent.trim().slice(0, 30)}" ${em.toFixed(1)}em`)""")
    page.close()
    assert wide == []


def test_on_a_phone_the_text_comes_before_the_numbers_and_the_menu_opens_without_javascript(browser, base):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "en/taiyuan-2022/sections/review-2021-growth/")
    text_top = page.locator("#h-text").bounding_box()["y"]
    assert text_top < page.locator("#h-numbers").bounding_box()["y"]
    assert not page.locator("#q").is_visible()
    page.click(".menu > summary")
    assert page.locator("#q").is_visible() and page.locator(".site-nav a").first.is_visible()
    context.close()


def test_on_a_desk_both_languages_sit_side_by_side_and_top_aligned(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "zh/taiyuan-2021/sections/plan-1-innovation/")
    page.click("label[for=mode-both]")
    zh, en = (page.locator(".text .para").nth(1).locator(f"> .{lang}").bounding_box() for lang in ("zh", "en"))
    assert abs(zh["y"] - en["y"]) < 1 and zh["x"] + zh["width"] <= en["x"] + 1
    page.set_viewport_size({"width": 390, "height": 844})
    zh, en = (page.locator(".text .para").nth(1).locator(f"> .{lang}").bounding_box() for lang in ("zh", "en"))
    assert zh["y"] + zh["height"] <= en["y"] + 1  # stacked on a phone, Chinese first
    labels = page.evaluate("""() => [...document.querySelectorAll('.text .para')[1].children].slice(0, 2)
        .map(e => getComputedStyle(e, '::before').content)""")
    assert labels == ['"中文"', '"English"']
    page.close()


def test_a_tapped_term_opens_its_glossary_entry_in_place(browser, base):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "en/taiyuan-2021/sections/plan-1-innovation/")
    term = page.locator(".text .para > .en a.term[data-term]").first
    url = page.url
    term.click()
    pop = page.locator(".term-pop")
    expect(pop).to_be_visible()
    assert page.url == url
    assert pop.locator("a").evaluate("a => a.href") == term.evaluate("a => a.href")  # the glossary entry
    expect(term).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")  # the popover's toggle event, which resets the term, comes a moment later
    expect(pop).to_be_hidden()
    expect(term).to_have_attribute("aria-expanded", "false")
    page.close()


def test_the_dark_scheme_follows_the_reader_s_setting(browser, base):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base + "en/")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    page = browser.new_page()
    page.goto(base + "en/")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.close()
    assert light == "rgb(255, 255, 255)" and dark != light
