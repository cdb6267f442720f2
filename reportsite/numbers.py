"""The numbers a Chinese report prints: where each stands, what it reads, and what kind of number it is.

    printed_numbers("地区生产总值达到5121.61亿元，增长8%-8.5%")
    -> [PrintedNumber(printed="5121.61亿", digits="5121.61", value=5121.61, scale="亿", …),
        PrintedNumber(printed="8", …, percent=True), PrintedNumber(printed="8.5", …, percent=True)]

Numbers in digits (half- or full-width, with a decimal point) and in Chinese numerals (五千亿, 十大,
两位数, 万亩, 二〇二一) are found; a numeral inside a word that is not a number (进一步, 统一, 零售,
百姓, 千方百计) and a run of numerals that is not one number (十四五, 五一) are not. Each number carries
its role, read from the characters around it: a quantity, or a date, a list marker, a code in
Latin letters or a vague quantity, which no figure takes as its value (see ROLES).

This module reads text only; coverage.py decides which numbers a report's figures must account for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .vocab import SCALES

ROLES = {
    "quantity": "a quantity: what a figure's value can be (5121.61亿, 8.5, 十大, 第三)",
    "date": "a year, month or day of a date (2021年, 2016-2020年, 2月22日, 1-11月)",
    "list": "a list marker or numbered heading ((一), 一、, 一是)",
    "code": "digits in a name written with Latin letters (5G, PM2.5, B2B, 4A)",
    "vague": "a vague quantity (数万, 几十, 上百, 两位数增长): no value to take",
}

SCALE_WORDS = sorted(SCALES, key=len, reverse=True)  # 千亿 and 万亿 before 千, 万, 亿
NOT_SCALE_AFTER = "瓦米克伏帕卡"  # 千瓦, 千米, 千克 …: 千 starts a unit there, not a scale
# Words a numeral is part of without being a number; what is left of the numeral run is still read.
WORDS = ("进一步", "一体", "统一", "唯一", "一流", "一批", "一切", "一般", "一系列", "一些", "一起", "一致",
         "一定", "一直", "一旦", "一律", "一道", "一贯", "之一", "万一", "第一时间", "一鼓作气", "零售", "零星",
         "百姓", "千方百计", "千家万户", "百分", "千瓦", "千米", "千克", "千伏", "千帕", "千卡", "万物", "万众",
         "三番五次")
WORD_PATTERN = re.compile("|".join(map(re.escape, sorted(WORDS, key=len, reverse=True))))

DIGIT_CHARS = "0-9０-９"
ARABIC = re.compile(rf"[{DIGIT_CHARS}]+(?:[.．][{DIGIT_CHARS}]+)?")
CHINESE = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
NO_UNIT = 10**4  # above 千: no unit yet in this section
LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
PERCENT = "%％"
RANGE_JOIN = re.compile(r"^[%％]?(?:[-–—～~至到]|——)$")
FOUR_DIGITS = re.compile(f"[{DIGIT_CHARS}]{{4}}")
YEAR_BEFORE = re.compile(f"(?<![{DIGIT_CHARS}])([{DIGIT_CHARS}]{{4}})(?:——|[-–—～~至到、和])$")
RANGE_TO_NUMBER = re.compile(f"(?:——|[-–—～~至到、和])([{DIGIT_CHARS}]+)")
VAGUE_BEFORE = "数几上成"
NAME_AFTER = "大"  # 十大产业集群, 三大板块: a numeral with 大 names a set (the ten major clusters)
RANKED = "强"  # 50强: among the first 50 of a ranking, a quantity even right after Latin letters (GDP50强)
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # one character each: Ⅲ is 3 (水质Ⅲ类)
HEDGES = "余多"  # may stand between a number and its scale word: 200余万, 30多万
WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


@dataclass(frozen=True)
class PrintedNumber:
    """One number as a text prints it; text[start:end] == printed."""

    start: int
    end: int
    printed: str  # the number with its scale word, as printed: "5121.61亿", "8.5万", "五千亿", "十", "万", "200余万"
    digits: str  # the number without its scale word: "5121.61", "8.5", "五", "十"; "" for a bare scale word (万亩)
    value: Decimal  # what the digits read: 5121.61, 8.5, 5, 10; 1 for a bare scale word
    scale: str | None  # the scale word printed after the digits: 千, 万, 亿, 千亿 or 万亿 (vocab.SCALES)
    chinese: bool  # written in Chinese numerals (五千亿, 十大) rather than digits
    role: str  # a key of ROLES: quantity, date, list, code, vague
    percent: bool = False  # a % follows it (6.2%, and 8 in 8%-8.5%)

    @property
    def magnitude(self) -> Decimal:
        """The number the printed words mean: value times its scale (5000亿 and 五千亿 both 5e11)."""
        return self.value * SCALES[self.scale] if self.scale else self.value

    def means(self, value: float | int | Decimal, scale: str | None = None) -> bool:
        """Whether a figure's value with its scale word is this number (8.5 万 is 8.5万, 5 千亿 is 五千亿)."""
        wanted = as_decimal(value) * (SCALES[scale] if scale else 1)
        return self.magnitude == wanted


def as_decimal(value: float | int | Decimal) -> Decimal:
    """A YAML number as the decimal it was written as (8.5, not 8.4999…)."""
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def printed_numbers(text: str) -> list[PrintedNumber]:
    """Every number the text prints, in order of position."""
    found = _arabic_numbers(text)
    taken = [False] * len(text)
    for n in found:
        taken[n.start:n.end] = [True] * (n.end - n.start)
    for m in WORD_PATTERN.finditer(text):
        taken[m.start():m.end()] = [True] * (m.end() - m.start())
    masked = "".join("\0" if taken[i] else c for i, c in enumerate(text))
    last_end = 0
    for m in CHINESE.finditer(masked):
        if m.start() >= last_end and (n := _chinese_number(text, m.start(), m.end())):
            found.append(n)
            last_end = n.end  # 十余万: the 万 after 余 is this number's scale, not a number of its own
    return sorted(found, key=lambda n: n.start)


def printed_ranges(text: str, numbers: list[PrintedNumber] | None = None) -> list[tuple[PrintedNumber, PrintedNumber]]:
    """Pairs of quantities printed as a range, (low, high): 8%-8.5%, 10至15天, 3—5万 (where the scale word
    printed after the high end is the low end's too: 3万 to 5万)."""
    numbers = printed_numbers(text) if numbers is None else numbers
    return [(a, b) for a, b in zip(numbers, numbers[1:])
            if a.role == b.role == "quantity" and RANGE_JOIN.match(text[a.end:b.start]) and a.magnitude < b.magnitude]


# -- digits ---------------------------------------------------------------------------


def _arabic_numbers(text: str) -> list[PrintedNumber]:
    out = []
    for m in ARABIC.finditer(text):
        digits = m.group()
        value = Decimal(digits.translate(WIDTH))
        scale, end = _scale_at(text, m.end())
        role = _arabic_role(text, m.start(), m.end(), value)
        out.append(PrintedNumber(m.start(), end, text[m.start():end], digits, value, scale, False, role,
                                 _char(text, end) in PERCENT))
    return out


def _char(text: str, i: int) -> str:
    """The character at i, or "\0" outside the text (so that `in` tests never match an empty string)."""
    return text[i] if 0 <= i < len(text) else "\0"


def _scale_at(text: str, i: int) -> tuple[str | None, int]:
    """The scale word printed at i, if any, and where it ends: 亿 of 5000亿元, 万 of 200余万株 (余 or 多 may stand
    before it); none in 100千瓦, where 千 starts a unit."""
    after_hedge = i + 1 if _char(text, i) in HEDGES else i
    for word in SCALE_WORDS:
        end = after_hedge + len(word)
        if text.startswith(word, after_hedge) and not (word.endswith("千") and _char(text, end) in NOT_SCALE_AFTER):
            return word, end
    return None, i


def _is_year(digits: str) -> bool:
    return bool(FOUR_DIGITS.fullmatch(digits)) and 1900 <= int(digits.translate(WIDTH)) <= 2100


def _arabic_role(text: str, start: int, end: int, value: Decimal) -> str:
    before, after, digits = _char(text, start - 1), _char(text, end), text[start:end]
    if (LATIN.match(before) and after not in RANKED) or LATIN.match(after):
        return "code"  # 5G, PM2.5, 4A; but GDP50强 is a place in a ranking: the top 50 by GDP
    if _is_year(digits) and (after == "年" or _joins_next(text, end, "", year=True) or _joined_to_year(text, start)):
        return "date"  # 2021年, and both years of 2016-2020 and 2016—2020年
    if len(digits) <= 2 and _is_list_marker(text, start, end):
        return "list"
    whole = value == value.to_integral()
    if whole and 1 <= value <= 12 and (after == "月" or _joins_next(text, end, "月")):
        return "date"
    if whole and 1 <= value <= 31 and after in "日号" and re.search(f"[{DIGIT_CHARS}]月$", text[max(0, start - 2):start]):
        return "date"
    return "quantity"


def _joins_next(text: str, end: int, word: str, year: bool = False) -> bool:
    """2016-2020年, 2021、2022年, 1-11月: a number joined to the next one, which a date word follows."""
    m = RANGE_TO_NUMBER.match(text, end)
    return bool(m) and text.startswith(word, m.end()) and (not year or _is_year(m.group(1)))


def _joined_to_year(text: str, start: int) -> bool:
    """The second year of a span: 2035 of 2020-2035."""
    m = YEAR_BEFORE.search(text[max(0, start - 7):start])
    return bool(m) and _is_year(m.group(1))


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """（一） and (3) anywhere; 一、 一是 1. at the start of a line or after ：；。 (the report's own lists)."""
    before, after = _char(text, start - 1), _char(text, end)
    if before in "（(" and after in "）)":
        return True
    return after in "、是.．" and (before in "：；。" or _at_line_start(text, start))


def _at_line_start(text: str, i: int) -> bool:
    """Only bold marks ** stand between the start of i's line and i."""
    while text.endswith("**", 0, i):
        i -= 2
    return i == 0 or text[i - 1] == "\n"


# -- Chinese numerals ----------------------------------------------------------------------


def _chinese_number(text: str, start: int, end: int) -> PrintedNumber | None:
    """The number a run of Chinese numerals prints, split into digits and the scale word it ends in
    (五千亿: 五 and 千亿, as a figure writes it); None when the run is not one number (十四五, 五一: names)."""
    run = text[start:end]
    if chinese_value(run) is None:
        return None
    digits, scale = run, None
    if not any(c in CN_BIG for c in run) and _char(text, end) in HEDGES:
        scale, hedged_end = _scale_at(text, end)  # 十余万
        if scale:
            value = Decimal(chinese_value(run))
            return PrintedNumber(start, hedged_end, text[start:hedged_end], run, value, scale, True,
                                 _chinese_role(text, start, end, run), _char(text, hedged_end) in PERCENT)
    for word in SCALE_WORDS:
        rest = run[:-len(word)]
        if run.endswith(word) and not any(c in CN_BIG for c in rest) and (not rest or chinese_value(rest) is not None):
            digits, scale = rest, word
            break
    value = Decimal(chinese_value(digits) if digits else 1)
    percent = _char(text, end) in PERCENT or text.endswith("百分之", 0, start)
    return PrintedNumber(start, end, run, digits, value, scale, True, _chinese_role(text, start, end, run), percent)


def _chinese_role(text: str, start: int, end: int, run: str) -> str:
    before, after = _char(text, start - 1), _char(text, end)
    if _is_list_marker(text, start, end):
        return "list"
    if before in VAGUE_BEFORE or after == "几" or text.startswith("位数", end):
        return "vague"  # 数万, 十几, 两位数 (double-digit)
    if "〇" in run and after == "年":
        return "date"
    return "quantity"


def one_number(words: str) -> PrintedNumber | None:
    """The number words are, when they are exactly one: a numeral (十, 五千亿), a place (第三), a numeral
    naming with 大 (十大) or a Roman numeral (Ⅲ); None for 翻一番, 首位, 数万 …"""
    numbers = printed_numbers(words)
    if len(numbers) == 1 and numbers[0].role == "quantity" and \
            words.removeprefix("第").removesuffix(NAME_AFTER) == numbers[0].printed:
        return numbers[0]
    return roman_number(words)


def roman_number(words: str) -> PrintedNumber | None:
    """A grade in one Roman numeral character (Ⅲ of 水质Ⅲ类) as the number it is; None for anything else.
    Not found by printed_numbers: a grade is not counted as a printed number."""
    if len(words) == 1 and words in ROMAN:
        return PrintedNumber(0, 1, words, words, Decimal(ROMAN.index(words) + 1), None, False, "quantity")
    return None


LATIN_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def roman(value: float) -> str | None:
    """A grade in Latin letters, as English writes it: 3 -> III (the grades 1 to 12); None for another number."""
    return LATIN_ROMAN[int(value) - 1] if value == int(value) and 1 <= value <= len(LATIN_ROMAN) else None


def chinese_value(run: str) -> int | None:
    """The value of Chinese numerals: 五千 5000, 十九 19, 三百零五 305, 两 2, 万 10000, 万亿 10**12,
    二〇二一 2021; None for a run that is not one number (十四五, 五一, 一二, 亿万) or is colloquial (三百五)."""
    if len(run) > 1 and all(c in CN_DIGITS for c in run):
        return int("".join(str(CN_DIGITS[c]) for c in run)) if "〇" in run else None  # 二〇二一, not 五一
    total, section, digit = 0, 0, None
    last_unit, last_big, zero = NO_UNIT, None, False  # zero: a 零 since the last unit (三百零五)
    for c in run:
        if c in CN_DIGITS:
            if CN_DIGITS[c] == 0:
                zero = True
            elif digit is not None:
                return None  # two digits in a row: 十四五
            else:
                digit = CN_DIGITS[c]
        elif c in CN_UNITS:
            if CN_UNITS[c] >= last_unit:
                return None
            section += (1 if digit is None else digit) * CN_UNITS[c]
            digit, last_unit, zero = None, CN_UNITS[c], False
        else:
            big = CN_BIG[c]
            if _dangling(digit, last_unit, zero):
                return None
            part = section + (digit or 0)
            if last_big is None or big > last_big:
                total = ((total + part) or 1) * big  # 五千亿, 万亿: all so far is multiplied
            elif big < last_big and part:
                total += part * big  # 一亿二千万
            else:
                return None
            section, digit, last_unit, last_big, zero = 0, None, NO_UNIT, big, False
    if _dangling(digit, last_unit, zero):
        return None
    return total + section + (digit or 0)


def _dangling(digit: int | None, last_unit: int, zero: bool) -> bool:
    """A digit right after 百 or 千 with no 零 between (三百五): colloquial for 350, not read."""
    return digit is not None and last_unit in (100, 1000) and not zero
