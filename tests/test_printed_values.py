"""A figure's value is a whole number its quote prints, with the scale word printed after it: 28 is not
in 280天, 6 is not in 6.2%, 500 is not in 5000亿元 (issue 20, "No wrong number gets through")."""

from __future__ import annotations

import pytest

from reportsite.site import read_site

from .conftest import MINI_REPORT, edit, errors_of

SECTION = f"{MINI_REPORT}/sections/review-economy.yaml"
SOURCE = f"{MINI_REPORT}/source.zh.txt"
LINE_END = "增加到300家。"  # the end of the section's paragraph, in the source and in the YAML


@pytest.fixture(autouse=True)
def in_scratch_folder(mini, monkeypatch):
    """Messages name files relative to the working folder, as a person at a terminal sees them."""
    monkeypatch.chdir(mini.data.parent)


def add_figure(mini, sentence: str, quote: str, value: str, unit: str = "day", scale: str | None = None,
               as_printed: str | None = None) -> None:
    """Append a sentence to the review paragraph (source and data) and a figure that quotes it."""
    edit(mini.data / SOURCE, LINE_END, LINE_END + sentence)
    edit(mini.data / SECTION, LINE_END + '"', LINE_END + sentence + '"')
    lines = ["  - id: new-figure-2029", "    paragraph: review-economy-growth", f"    quote_zh: {quote}",
             "    quote_en: the new figure", "    label: {zh: 新指标, en: New figure}", f"    value: {value}",
             f"    unit: {unit}", '    period: "2029"', "    kind: result", "    topic: economy"]
    lines += [f"    measure_zh: 人"] if unit == "count" else []
    lines += [f"    scale: {scale}"] if scale else []
    lines += [f"    as_printed: {as_printed}"] if as_printed else []
    path = mini.data / SECTION
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("not_figures:", 1) if "not_figures:" in text else (text, None)
    path.write_text(head.rstrip("\n") + "\n" + "\n".join(lines) + "\n" + (f"not_figures:{tail}" if tail else ""),
                    encoding="utf-8")


VALUE_LINE = f"data/{SECTION}:57:12: figures[new-figure-2029].value"


@pytest.mark.parametrize(("sentence", "quote", "value", "unit", "scale", "error"), [
    ("用时280天。", "用时280天", "28", "day", None,
     "expected a number printed whole in quote_zh ('用时280天' prints 280), found 28"),
    ("投资增长6.2%。", "投资增长6.2%", "6", "percent", None,
     "expected a number printed whole in quote_zh ('投资增长6.2%' prints 6.2), found 6"),
    ("投资增长6.2%。", "投资增长6.2%", "2", "percent", None,
     "expected a number printed whole in quote_zh ('投资增长6.2%' prints 6.2), found 2"),
    ("投资5000亿元。", "投资5000亿元", "500", "yuan", "亿",
     "expected a number printed whole in quote_zh ('投资5000亿元' prints 5000亿), found 500"),
    ("用时290天。", "用时290天", "90", "day", None,
     "expected a number printed whole in quote_zh ('用时290天' prints 290), found 90"),
    ("新增就业10万人。", "新增就业10万人", "1", "count", "万",
     "expected a number printed whole in quote_zh ('新增就业10万人' prints 10万), found 1"),
], ids=["28-in-280", "6-in-6.2", "2-in-6.2", "500-in-5000", "90-in-290", "1-in-10"])
def test_a_value_that_is_only_part_of_a_printed_number_is_an_error(mini, sentence, quote, value, unit, scale, error):
    add_figure(mini, sentence, quote, value, unit, scale)
    assert errors_of(mini) == [f"{VALUE_LINE}: {error}"]


@pytest.mark.parametrize(("sentence", "quote", "value", "unit", "scale"), [
    ("用时280天。", "用时280天", "280", "day", None),
    ("投资增长6.2%。", "投资增长6.2%", "6.2", "percent", None),
    ("投资5000亿元。", "投资5000亿元", "5000", "yuan", "亿"),
    ("新增就业10万人。", "新增就业10万人", "10", "count", "万"),
    ("栽植花卉200余万株。", "栽植花卉200余万株", "200", "count", "万"),  # 余 between the number and its scale
    ("增长８．５%。", "增长８．５%", "8.5", "percent", None),  # full-width digits
])
def test_the_whole_printed_number_is_accepted(mini, sentence, quote, value, unit, scale):
    add_figure(mini, sentence, quote, value, unit, scale)
    figure = read_site(mini).report[MINI_REPORT].index.figures["new-figure-2029"]
    assert str(figure.value) in (value, f"{value}.0")


def test_the_scale_word_printed_after_the_number_is_the_figures_scale(mini):
    """10万人 with no scale would show "10 people"."""
    add_figure(mini, "新增就业10万人。", "新增就业10万人", "10", "count")
    assert errors_of(mini) == [
        f"data/{SECTION}:52:5: figures[new-figure-2029].scale: expected the scale word quote_zh prints after 10 (万), "
        "found no scale"]


def test_a_number_in_chinese_numerals_given_as_printed_must_be_the_value(mini):
    add_figure(mini, "壮大十大产业集群。", "壮大十大产业集群", "100", "count", as_printed="十")
    assert errors_of(mini) == [
        f"{VALUE_LINE}: expected the value that as_printed '十' reads (10), found 100"]


@pytest.mark.parametrize(("sentence", "quote", "value", "scale", "as_printed"), [
    ("壮大十大产业集群。", "壮大十大产业集群", "10", None, "十大"),  # a name: shown 十大, never 十个
    ("突破五千亿元大关。", "突破五千亿元大关", "5", "千亿", "五千亿"),
    ("居全国第三位。", "居全国第三位", "3", None, "第三"),
    ("技术合同成交额翻一番。", "技术合同成交额翻一番", "2", None, "翻一番"),  # words, not a number: shown as printed
])
def test_figures_printed_in_chinese_numerals_keep_working(mini, sentence, quote, value, scale, as_printed):
    add_figure(mini, sentence, quote, value, "count", scale, as_printed)
    assert read_site(mini).report[MINI_REPORT].index.figures["new-figure-2029"].as_printed == as_printed
