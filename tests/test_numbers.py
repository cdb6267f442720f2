"""numbers.py finds the numbers a Chinese report prints: where each stands, what it reads, its scale word,
and whether it is a quantity or a date, a list marker, a Latin code or a vague quantity."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportsite.numbers import chinese_value, printed_numbers, printed_ranges


def read(text: str) -> list[tuple]:
    """(printed, value, scale, role) of each number, in order."""
    return [(n.printed, n.value, n.scale, n.role) for n in printed_numbers(text)]


def test_each_number_knows_where_it_stands_in_the_text():
    text = "全市地区生产总值实现5121.61亿元，实际增速9.2%"
    for n in printed_numbers(text):
        assert text[n.start:n.end] == n.printed
    assert [n.printed for n in printed_numbers(text)] == ["5121.61亿", "9.2"]


@pytest.mark.parametrize(("text", "numbers"), [
    ("增长6.2%", [("6.2", Decimal("6.2"), None, "quantity")]),
    ("用时280天", [("280", Decimal("280"), None, "quantity")]),
    ("达到5000亿元", [("5000亿", Decimal("5000"), "亿", "quantity")]),
    ("城镇新增就业8.5万人", [("8.5万", Decimal("8.5"), "万", "quantity")]),
    ("迈上4千亿元台阶", [("4千亿", Decimal("4"), "千亿", "quantity")]),
    ("经济总量2.3万亿元", [("2.3万亿", Decimal("2.3"), "万亿", "quantity")]),
    ("栽植各类花卉200余万株", [("200余万", Decimal("200"), "万", "quantity")]),  # 余 between number and scale
    ("新增装机100万千瓦", [("100万", Decimal("100"), "万", "quantity")]),  # 千瓦 is a unit, not a scale
    ("装机5千瓦", [("5", Decimal("5"), None, "quantity")]),
    ("增长８．５％", [("８．５", Decimal("8.5"), None, "quantity")]),  # full-width digits and point
])
def test_numbers_in_digits_with_decimals_and_scale_words(text, numbers):
    assert read(text) == numbers


@pytest.mark.parametrize(("text", "numbers"), [
    ("历史性突破五千亿元大关", [("五千亿", Decimal("5"), "千亿", "quantity")]),  # as a figure writes it: 5 千亿
    ("壮大十大农产品精深加工产业集群", [("十", Decimal("10"), None, "quantity")]),
    ("保持两位数增长", [("两", Decimal("2"), None, "vague")]),  # double-digit growth: no value
    ("培育万亩有机旱作农业生产基地", [("万", Decimal("1"), "万", "quantity")]),  # a bare scale word: 1 万
    ("打造四个千亿级支柱产业链", [("四", Decimal("4"), None, "quantity"), ("千亿", Decimal("1"), "千亿", "quantity")]),
    ("培育壮大四个百亿级特色产业链", [("四", Decimal("4"), None, "quantity"), ("百亿", Decimal("100"), "亿", "quantity")]),
    ("党的十九大", [("十九", Decimal("19"), None, "quantity")]),
    ("十余万人", [("十余万", Decimal("10"), "万", "quantity")]),
    ("二〇二一年", [("二〇二一", Decimal("2021"), None, "date")]),
])
def test_numbers_in_chinese_numerals(text, numbers):
    assert read(text) == numbers
    assert all(n.chinese for n in printed_numbers(text))


def test_magnitude_is_the_value_times_its_scale_however_it_is_split():
    printed, digits = printed_numbers("突破五千亿元"), printed_numbers("突破5000亿元")
    assert printed[0].magnitude == digits[0].magnitude == Decimal(5 * 10**11)
    assert printed[0].means(5, "千亿") and printed[0].means(5000, "亿") and not printed[0].means(500, "亿")
    assert printed_numbers("新增就业8.5万人")[0].means(8.5, "万") and not printed_numbers("8.5万人")[0].means(8.5)


@pytest.mark.parametrize(("run", "value"), [
    ("五千", 5000), ("十九", 19), ("二十", 20), ("三百零五", 305), ("一千零五十", 1050), ("两", 2), ("零", 0),
    ("万", 10**4), ("万亿", 10**12), ("五千亿", 5 * 10**11), ("一亿二千万", 12 * 10**7), ("十五万", 15 * 10**4),
    ("二〇二一", 2021),
    ("十四五", None), ("五一", None), ("一二", None), ("亿万", None), ("三百五", None),  # names, or colloquial
])
def test_chinese_numerals_read_as_one_number_or_not_at_all(run, value):
    assert chinese_value(run) == value


def test_runs_that_are_not_one_number_and_words_with_numerals_are_not_numbers():
    assert read("“十四五”时期") == []  # the plan's name
    assert read("完成五一广场改造") == []
    assert read("进一步优化，统一管理，社会消费品零售总额，让老百姓受益，千方百计稳就业，提高8个百分点") == [
        ("8", Decimal("8"), None, "quantity")]


@pytest.mark.parametrize(("text", "role"), [
    ("2021年", "date"), ("2020年底", "date"), ("2016-2020年", "date"), ("（2020-2035）", "date"),
    ("2021、2022年", "date"), ("2月22日", "date"), ("1-11月", "date"),
    ("（一）", "list"), ("**（十）**以“拓荒牛”精神", "list"), ("一、工作回顾", "list"), ("二是产业升级", "list"),
    ("目标：\n三是发展", "list"),
    ("5G基站", "code"), ("PM2.5浓度", "code"), ("B2B出口", "code"), ("4A级景区", "code"),
    ("数万名", "vague"), ("几十个", "vague"),
    ("有2500多年建城史", "quantity"),  # not a year: 2500 is out of the range of years
    ("连续6个月", "quantity"), ("第三位", "quantity"), ("居全国第3位", "quantity"), ("十大", "quantity"),
])
def test_each_number_has_a_role_read_from_what_surrounds_it(text, role):
    assert {n.role for n in printed_numbers(text)} == {role}


def test_a_percent_sign_is_noted():
    assert [n.percent for n in printed_numbers("增长8%-8.5%，新增3家")] == [True, True, False]
    assert [n.percent for n in printed_numbers("达到百分之五")] == [True]


def test_ranges():
    assert [(a.printed, b.printed) for a, b in printed_ranges("地区生产总值增长8%-8.5%")] == [("8", "8.5")]
    assert [(a.printed, b.printed) for a, b in printed_ranges("用时10至15天")] == [("10", "15")]
    assert printed_ranges("2016-2020年") == []  # dates, not a range of quantities
    assert printed_ranges("新增8个，增长5%") == []
    assert printed_ranges("以3-1获胜") == []  # a score: a range runs from low to high
