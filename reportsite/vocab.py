"""The documented vocabularies of figure records (docs/data-format.md).

Units and qualifiers are data: the built-in ones are vocab.yaml beside this file, and a site
adds its own in data/vocabulary.yaml (validate.py reads both the same way). Kinds, goal groups
and scale words are fixed here. The Chinese below is data, not UI text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Bi

BUILT_IN = Path(__file__).with_name("vocab.yaml")
# How a quantity of a unit is written, by its style (a unit's `style`; docs/data-format.md lists them)
UNIT_STYLES: dict[str, str] = {
    "amount": "the number, then the unit's word: 186万平方米, 1.86 million m²",
    "count": "the number, then the figure's measure_zh in Chinese; the number alone in English (the label says what)",
    "percent": "a share or a rate: 6.5%",
    "points": "a difference of two rates: 0.5个百分点, 0.5 percentage points",
    "currency": "money: 4153.25亿元; the unit's code before the amount in English, CNY 415.325 billion",
    "rank": "a place in a ranking, the first the best: 第3位, No. 3; with since:, places moved up: 前进1位",
    "top": "among the first N of a ranking, the first the best: 50强, the top 50",
    "grade": "a grade in Roman numerals, I the best: Ⅲ类, Grade III",
    "a-grade": "a grade of 1A to 5A, 5A the best: 4A级, 4A",
    "multiple": "N倍 or 翻一番: N times as many",
    "multiple-increase": "增长N倍: up N times, N+1 times as many",
    "index": "a bare number (a composite index)",
    "class": "a class of magnitude with no unit printed: 千亿级, the 100 billion class",
}
POSITIONS = ("before", "after", "inside")
DIRECTIONS = ("up", "down")  # more is better; less is better


@dataclass(frozen=True)
class Relation:
    """How a goal's level follows another figure (a figure's value {in-step: <figure id>})."""

    zh: str  # shown before the other figure's label: 与…同步, 高于…
    zh_after: str
    en: str
    quote_has: tuple[str, ...]  # the quote must show one of these words


RELATIONS: dict[str, Relation] = {
    "in-step": Relation("与", "同步", "in step with", ("同步",)),  # 与经济增长基本同步: read as "around" that level
    "above": Relation("高于", "", "above", ("高于", "快于")),  # 高于经济增长水平
    "below": Relation("低于", "", "below", ("低于", "慢于")),
}

# A run of periods (a figure's each: 连续两年, 连续12个季度): the words after its length in Chinese and English
RUN_WORDS: dict[str, tuple[str, str, str]] = {  # each -> (zh after the number, en one, en many)
    "year": ("年", "year", "years"), "half": ("个半年", "half-year", "half-years"),
    "quarter": ("个季度", "quarter", "quarters"), "month": ("个月", "month", "months"),
}


# Chinese scale words as printed, and what they multiply by
SCALES: dict[str, int] = {"千": 10**3, "万": 10**4, "亿": 10**8, "千亿": 10**11, "万亿": 10**12}

KINDS: dict[str, Bi] = {
    "result": Bi("成绩", "result"),
    "baseline": Bi("基数", "baseline"),
    "target": Bi("目标", "target"),
    "plan": Bi("任务", "planned task"),
}

# Why a printed number is no figure's value (a section's not_figures; coverage.py). Dates, list markers and
# digits in Latin names are recognised without a listing (numbers.ROLES).
NOT_FIGURE_REASONS: dict[str, str] = {
    "date": "a date or an anniversary, in a form not recognised by itself (建党100周年, 2021、2022年)",
    "session": "the number of a congress, its session or plenum (十九届六中全会, 第十五届人民代表大会)",
    "name": "part of a name: a programme or slogan (“百院兴医”), an institution, a company, a place, a road or "
            "line (1号线), a hotline, a ranking (500强)",
    "scope": "bounds what is spoken of rather than giving a quantity (3岁以下婴幼儿: children under three)",
    "unit": "part of a unit or the base of a rate (万元 of 万元工业增加值能耗, 每千人)",
    "phrase": "a set phrase or figure of speech (征程万里阔, 千年古街)",
    "missing": "a figure of the report the data does not have yet: add the figure and remove this entry",
}

# The levels of government a report may be of (report.yaml's place.level), smallest first, as a list of places of
# several levels names them: 太原（市级）, Taiyuan (city)
PLACE_LEVELS: dict[str, Bi] = {
    "township": Bi("乡镇", "township"),
    "county": Bi("县级", "county"),
    "city": Bi("市级", "city"),
    "province": Bi("省级", "province"),
    "nation": Bi("全国", "nation"),
}

TARGET_GROUPS: dict[str, Bi] = {
    "annual": Bi("年度主要预期指标", "Main expected indicators for the year"),
    "five-year": Bi("五年规划目标", "Five-year goals"),
    "task": Bi("年度量化任务", "Quantified tasks of the year"),
}
