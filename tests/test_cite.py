"""Citations, checked by hand against GB/T 7714-2015, APA 7, Chicago 17 and BibTeX conventions.

Every citation names the original (the government's own page, and the dated capture of it the data records) and our
translation (our page when the site has an address; always the edition date and data version)."""

from __future__ import annotations

import re

import datetime as dt

import pytest

from reportsite.cite import ACCESS, access_date, citations
from reportsite.site import build, read_site

from .conftest import MINI_REPORT, REPO

OURS = "https://example.org/report/{lang}/example-2030/sections/review-economy/"
ORIGINAL = "https://www.example.gov.cn/report/2030.html"
VERSION = "0123456789ab"  # the version of the data the cited page is made from (reads.py)
ARCHIVE = "https://web.archive.org/web/20300120093000/" + ORIGINAL  # the capture the mini report records


@pytest.fixture
def cites(mini, catalogs):
    site = read_site(mini)
    report = site.report[MINI_REPORT]

    def made(lang: str, url: str | None = OURS) -> dict[str, str]:
        title = report.index.sections["review-economy"].title[lang]
        texts = {c.style: c.text.replace(ACCESS, "{ACCESS}")
                 for c in citations(site, report, lang, title, url and url.format(lang=lang), "review-economy",
                                    catalogs[lang].gettext, VERSION)}
        return {k: v.replace(VERSION, "{HASH}") for k, v in texts.items()}
    return made


def test_gbt_7714_electronic_report_in_chinese(cites):
    assert cites("zh")["gbt7714"] == (
        "示例市人民政府. 2030年政府工作报告（2030年1月15日在示例市第一届人民代表大会第一次会议上）: 经济发展[R/OL]. "
        f"(2030-01-15)[{{ACCESS}}]. {ORIGINAL}. 存档: {ARCHIVE}. "
        "非官方英译与解读: 示例市政府工作报告双语解读, 2030-02-01版, 数据版本 {HASH}. "
        "https://example.org/report/zh/example-2030/sections/review-economy/.")


def test_gbt_7714_electronic_report_in_english(cites):
    assert cites("en")["gbt7714"] == (
        "Example City People's Government. 2030年政府工作报告 [Example City Government Work Report] (delivered by "
        "Mayor Li Ming at the 1st Session of the 1st Example City People's Congress, 2030-01-15): The economy[R/OL]. "
        f"(2030-01-15)[{{ACCESS}}]. {ORIGINAL}. Archived: {ARCHIVE}. Unofficial English translation and explainer: "
        "Example City Work Report: an explainer, edition of February 1, 2030, data version {HASH}. "
        "https://example.org/report/en/example-2030/sections/review-economy/.")


def test_apa_7(cites):
    assert cites("en")["apa"] == (
        "Example City People's Government. (2030). Example City Government Work Report: The economy "
        "[Unofficial translation, Example City Work Report: an explainer, edition 2030-02-01, data version {HASH}]. "
        f"Original: {ORIGINAL} (archived: {ARCHIVE}). "
        "https://example.org/report/en/example-2030/sections/review-economy/")
    assert cites("zh")["apa"] == (
        f"示例市人民政府（2030）。示例市政府工作报告：经济发展。原文：{ORIGINAL}（存档：{ARCHIVE}）。"
        "非官方英译与解读：示例市政府工作报告双语解读，2030年2月1日版，数据版本{HASH}，"
        "https://example.org/report/zh/example-2030/sections/review-economy/。")


def test_chicago_note_and_bibliography(cites):
    assert cites("en")["chicago-note"] == (
        "Example City People's Government, “The economy,” in Example City Government Work Report, January 15, 2030, "
        f"{ORIGINAL} (archived at {ARCHIVE}); unofficial translation by Example City Work Report: an explainer, "
        "edition of February 1, 2030, data version {HASH}, accessed {ACCESS}, "
        "https://example.org/report/en/example-2030/sections/review-economy/.")
    assert cites("en")["chicago-bib"] == (
        "Example City People's Government. “The economy.” In Example City Government Work Report, January 15, 2030. "
        f"{ORIGINAL}. Archived at {ARCHIVE}. Unofficial translation by Example City Work Report: an explainer, "
        "edition of February 1, 2030, data version {HASH}. Accessed {ACCESS}. "
        "https://example.org/report/en/example-2030/sections/review-economy/.")
    assert cites("zh")["chicago-note"] == (
        f"示例市人民政府：“经济发展”，载《示例市政府工作报告》，2030年1月15日，{ORIGINAL}（存档：{ARCHIVE}）；"
        "非官方英译与解读：示例市政府工作报告双语解读，2030年2月1日版，数据版本{HASH}，{ACCESS}访问，"
        "https://example.org/report/zh/example-2030/sections/review-economy/。")
    assert cites("zh")["chicago-bib"] == (
        f"示例市人民政府．“经济发展”．载《示例市政府工作报告》，2030年1月15日．{ORIGINAL}．存档：{ARCHIVE}．"
        "非官方英译与解读：示例市政府工作报告双语解读，2030年2月1日版，数据版本{HASH}．{ACCESS}访问，"
        "https://example.org/report/zh/example-2030/sections/review-economy/．")


def test_bibtex_in_both_languages(cites):
    assert cites("en")["bibtex"] == "\n".join([
        "@misc{example-2030-review-economy-en,",
        "  author = {{Example City People's Government}},",
        "  title = {{The economy} --- {Example City Government Work Report}},",
        "  year = {2030},",
        "  month = jan,",
        f"  howpublished = {{\\url{{{ORIGINAL}}}}},",
        "  note = {Unofficial English translation and explainer: Example City Work Report: an explainer, edition "
        f"2030-02-01, data version {{HASH}}; archived at {ARCHIVE}}},",
        "  url = {https://example.org/report/en/example-2030/sections/review-economy/},",
        "  urldate = {{ACCESS}}",
        "}",
    ])
    assert cites("zh")["bibtex"].splitlines()[6] == (
        f"  note = {{非官方英译与解读：示例市政府工作报告双语解读，2030-02-01版，数据版本{{HASH}}；存档：{ARCHIVE}}},")


def test_short_form_for_a_news_story(cites):
    assert cites("en")["inline"] == (
        f"(Example City Government Work Report, 2030, “The economy”; original: {ORIGINAL}; unofficial translation, "
        "Example City Work Report: an explainer, edition 2030-02-01, "
        "https://example.org/report/en/example-2030/sections/review-economy/)")
    assert cites("zh")["inline"] == (
        f"据2030年《示例市政府工作报告》“经济发展”（原文：{ORIGINAL}；非官方英译：示例市政府工作报告双语解读，"
        "2030-02-01版，https://example.org/report/zh/example-2030/sections/review-economy/）")


def test_without_a_base_url_every_citation_cites_the_edition_and_the_original(cites):
    for lang in ("zh", "en"):
        for style, text in cites(lang, url=None).items():
            assert ORIGINAL in text and "{HASH}" in text and "example.org" not in text, (lang, style)
            assert "2030-02-01" in text or "2030年2月1日" in text or "February 1, 2030" in text, (lang, style)


def test_without_a_script_the_access_date_is_the_edition_date_in_the_page_s_language():
    """The long form is the one a browser's Intl.DateTimeFormat gives for the page's language (test_browser.py)."""
    day = dt.date(2030, 2, 1)
    assert access_date(day, "iso", "zh") == access_date(day, "iso", "en") == "2030-02-01"
    assert access_date(day, "long", "en") == "February 1, 2030"
    assert access_date(day, "long", "zh") == "2030年2月1日"


def test_the_script_that_fills_in_today_s_date_holds_no_language_of_its_own():
    """site.js formats the date with the platform's Intl.DateTimeFormat for the page's language (the
    browser test checks both languages): no Chinese date characters, no locale named in the script."""
    script = (REPO / "assets" / "site.js").read_text(encoding="utf-8")
    assert not re.search(r"[\u3400-\u9fff]", script)
    assert not re.search(r"toLocale\w*String\(\s*[\"']|DateTimeFormat\(\s*[\"']", script)
    assert "new Intl.DateTimeFormat(lang," in script and 'var lang = document.documentElement.lang;' in script


def test_pages_show_every_citation_with_the_access_date_marked_for_the_script(mini):
    build(mini)
    html = (mini.dist / "en/example-2030/sections/review-economy/index.html").read_text(encoding="utf-8")
    for name in ("GB/T 7714-2015", "APA 7", "Chicago (note)", "Chicago (bibliography)", "BibTeX", "In a news story"):
        assert re.search(rf'<label for="fmt-[a-z0-9-]+">{re.escape(name)}</label>', html), name  # a format to pick
    assert 'accessed <span data-access="long">February 1, 2030</span>,' in html


def test_a_report_with_no_recorded_capture_is_cited_without_any_archive(mini, catalogs):
    """Only a dated capture the data records is cited, never a list of captures (web/*/)."""
    path = mini.data / "example-2030" / "report.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if "archived:" not in line) + "\n", encoding="utf-8")
    site = read_site(mini)
    for lang in ("zh", "en"):
        for c in citations(site, site.report[MINI_REPORT], lang, "T", None, "k", catalogs[lang].gettext, VERSION):
            assert "archive" not in c.text.lower() and "存档" not in c.text, (lang, c.style)
    files = build(mini).files
    assert not [name for name, data in files.items() if name.endswith(".html") and b"web.archive.org" in data]


def test_a_page_names_the_recorded_capture_with_its_date(mini):
    page = build(mini).files["en/example-2030/figures/gdp-2029/index.html"].decode()
    assert f'<a href="{ARCHIVE}">archived on 20 January 2030</a>' in page
    zh = build(mini).files["zh/example-2030/figures/gdp-2029/index.html"].decode()
    assert f'（<a href="{ARCHIVE}">2030年1月20日存档</a>）' in zh
