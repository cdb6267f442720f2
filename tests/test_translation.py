"""The English of every report says the numbers the Chinese says: every number written in digits in a
paragraph's English is a number of the same paragraph's Chinese (scale words worked out: 8.5万 is
85,000; 5121.61亿元 is 512.161 billion), a year, an ordinal or count the Chinese writes in words
(十四五 -> 14th), or part of a glossary term's fixed English (the 14th Five-Year Plan period (2021–2025))."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

SCALES = {"千": 10**3, "万": 10**4, "亿": 10**8, "千亿": 10**11, "万亿": 10**12}
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
EN_SCALES = {"": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def chinese_numeral(text: str) -> int | None:
    """一 .. 九十九, 百, 千 (as in 十四五, 十九大, 第十五届, 百亿): the value, or None."""
    if text in ("百", "一百"):
        return 100
    if text in ("千", "一千"):
        return 1000
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (DIGITS.get(tens, 0) if tens else 1) * 10 + (DIGITS.get(ones, 0) if ones else 0)
        return value if all(c in DIGITS for c in tens + ones) else None
    return DIGITS.get(text) if len(text) == 1 else None


def numbers_in_chinese(text: str) -> set[Decimal]:
    out: set[Decimal] = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)[余多]?(千亿|万亿|千|万|亿)?", text):
        value = Decimal(m.group(1))
        out |= {value, value * SCALES[m.group(2)]} if m.group(2) else {value}
    for m in re.finditer(r"(?<![\d零〇一二两三四五六七八九十百])(千亿|万亿|万|亿)", text):  # 万亿元, 万亩: one of the scale
        out.add(Decimal(SCALES[m.group(1)]))
    for m in re.finditer(r"[零〇一二两三四五六七八九十百千]+", text):
        for i in range(len(m.group())):  # every run inside it: 第十五届 -> 十五, 五
            for j in range(i + 1, len(m.group()) + 1):
                value = chinese_numeral(m.group()[i:j])
                if value is not None:
                    out.add(Decimal(value))
                    for scale, factor in SCALES.items():
                        if m.group()[j:].startswith(scale) or text[m.end():].startswith(scale):
                            out.add(Decimal(value) * factor)
    return out


def numbers_in_english(text: str) -> list[tuple[str, Decimal]]:
    text = re.sub(r"\[[^\]]*\]\(term:[a-z0-9-]+\)", "", text)  # glossary renderings are fixed English
    text = re.sub(r"Covid-19|PM2\.5|\b5G\b|\b\d+A\b", "", text)  # names with digits
    out = []
    for m in re.finditer(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?(?:[\s-]+(thousand|million|billion|trillion))?", text):
        value = Decimal(m.group(1).replace(",", "")) * EN_SCALES[m.group(2) or ""]
        out.append((m.group(0), value))
    return out


def test_the_numeral_reader_knows_the_forms_the_reports_use():
    assert chinese_numeral("十四") == 14 and chinese_numeral("十") == 10 and chinese_numeral("二十") == 20
    assert {Decimal(14), Decimal(5)} <= numbers_in_chinese("“十四五”时期")
    assert Decimal(512161000000) in numbers_in_chinese("5121.61亿元")
    assert [v for _, v in numbers_in_english("CNY 512.161 billion, the 14th plan, 85,000 jobs")] == [
        Decimal("512161000000"), Decimal(14), Decimal(85000)]


@pytest.mark.parametrize("report_id", ["taiyuan-2021", "taiyuan-2022"])
def test_every_number_in_the_english_is_a_number_of_the_chinese(real_site, report_id):
    if report_id not in real_site.report:
        pytest.fail(f"the site has no report {report_id}")
    report = real_site.report[report_id]
    wrong, checked = [], 0
    for p in report.paragraphs():
        chinese = numbers_in_chinese(p.plain_zh)
        for shown, value in numbers_in_english(p.en):
            checked += 1
            if value not in chinese and not (1900 <= value <= 2100 and value == int(value)):
                wrong.append(f"{p.id}: {shown!r}")
    assert checked > 100
    assert wrong == []
