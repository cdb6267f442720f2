"""The documented vocabularies of figure records (docs/data-format.md).

Units and qualifiers are data: the built-in ones are vocab.yaml beside this file, and a site
adds its own in data/vocabulary.yaml (validate.py reads both the same way). Kinds, goal groups
and scale words are fixed here. The Chinese below is data, not UI text.
"""

from __future__ import annotations

from pathlib import Path

from .model import Bi

BUILT_IN = Path(__file__).with_name("vocab.yaml")
UNIT_STYLES = ("amount", "count", "percent", "points", "currency", "rank", "multiple", "multiple-increase", "index",
               "class")
POSITIONS = ("before", "after", "inside")


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

TARGET_GROUPS: dict[str, Bi] = {
    "annual": Bi("年度主要预期指标", "Main expected indicators for the year"),
    "five-year": Bi("五年规划目标", "Five-year goals"),
    "task": Bi("年度量化任务", "Quantified tasks of the year"),
}
