"""Citations, checked by hand against GB/T 7714-2015, APA 7, Chicago 17 and BibTeX conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from reportsite.cite import ACCESS, access_date, citations
from reportsite.site import read_report

URL = "https://example.org/report/{lang}/sections/review-economy/"


@pytest.fixture
def cites(mini, catalogs):
    report = read_report(mini)

    def made(lang: str) -> dict[str, str]:
        title = report.index.sections["review-economy"].title[lang]
        return {c.style: c.text.replace(ACCESS, "{ACCESS}")
                for c in citations(report, lang, title, URL.format(lang=lang), "review-economy",
                                   catalogs[lang].gettext)}
    return made


def test_gbt_7714_electronic_report_in_chinese(cites):
    assert cites("zh")["gbt7714"] == (
        "示例市人民政府. 示例市政府工作报告(2030年1月15日在示例市第一届人民代表大会第一次会议上):经济发展[R/OL]. "
        "示例市政府工作报告双语解读(非官方英译与解读), 2030(2030-02-01)[{ACCESS}]. "
        "https://example.org/report/zh/sections/review-economy/.")


def test_gbt_7714_electronic_report_in_english(cites):
    assert cites("en")["gbt7714"] == (
        "Example City People's Government. Example City Government Work Report (delivered by Mayor Li Ming at the "
        "1st Session of the 1st Example City People's Congress, 15 January 2030): The economy[R/OL]. Unofficial "
        "English translation and explainer: Example City Work Report: an explainer, 2030(2030-02-01)[{ACCESS}]. "
        "https://example.org/report/en/sections/review-economy/.")


def test_apa_7(cites):
    assert cites("en")["apa"] == (
        "Example City People's Government. (2030, January 15). Example City Government Work Report: The economy "
        "[Unofficial translation] (Example City Work Report: an explainer, Trans.). "
        "https://example.org/report/en/sections/review-economy/")
    assert cites("zh")["apa"] == (
        "示例市人民政府. (2030, 1月15日). 示例市政府工作报告:经济发展. 示例市政府工作报告双语解读. "
        "https://example.org/report/zh/sections/review-economy/")


def test_chicago_note_and_bibliography(cites):
    assert cites("en")["chicago-note"] == (
        "Example City People's Government, “The economy,” in Example City Government Work Report, January 15, 2030, "
        "unofficial translation by Example City Work Report: an explainer, last updated February 1, 2030, "
        "accessed {ACCESS}, https://example.org/report/en/sections/review-economy/.")
    assert cites("en")["chicago-bib"] == (
        "Example City People's Government. “The economy.” In Example City Government Work Report, January 15, 2030. "
        "Unofficial translation by Example City Work Report: an explainer. Accessed {ACCESS}. "
        "https://example.org/report/en/sections/review-economy/.")
    assert cites("zh")["chicago-note"] == (
        "示例市人民政府:“经济发展”,载《示例市政府工作报告》,2030年1月15日,示例市政府工作报告双语解读,"
        "2030年2月1日更新,{ACCESS}访问,https://example.org/report/zh/sections/review-economy/。")


def test_bibtex(cites):
    assert cites("en")["bibtex"] == "\n".join([
        "@misc{example-2030-review-economy-en,",
        "  author = {{Example City People's Government}},",
        "  title = {{The economy} --- {Example City Government Work Report}},",
        "  year = {2030},",
        "  month = jan,",
        "  note = {Example City Work Report: an explainer: unofficial English translation and explainer, "
        "last updated 2030-02-01},",
        "  url = {https://example.org/report/en/sections/review-economy/},",
        "  urldate = {{ACCESS}}",
        "}",
    ])


def test_short_form_for_a_news_story(cites):
    assert cites("en")["inline"] == (
        "(Example City Government Work Report, 2030, “The economy”; unofficial translation, "
        "Example City Work Report: an explainer, https://example.org/report/en/sections/review-economy/)")
    assert cites("zh")["inline"] == (
        "据2030年《示例市政府工作报告》“经济发展”(示例市政府工作报告双语解读,"
        "https://example.org/report/zh/sections/review-economy/)")


def test_without_a_script_the_access_date_is_the_site_s_last_update():
    day = dt.date(2030, 2, 1)
    assert access_date(day, "iso") == "2030-02-01"
    assert access_date(day, "long-en-us") == "February 1, 2030"
    assert access_date(day, "long-zh") == "2030年2月1日"


def test_pages_show_every_citation_with_the_access_date_marked_for_the_script(mini):
    from reportsite.site import build
    build(mini)
    html = (mini.dist / "en/sections/review-economy/index.html").read_text(encoding="utf-8")
    for name in ("GB/T 7714-2015", "APA 7", "Chicago (note)", "Chicago (bibliography)", "BibTeX", "In a news story"):
        assert f">{name}</h3>" in html
    assert 'accessed <span data-access="long-en-us">February 1, 2030</span>,' in html
