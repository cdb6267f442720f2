"""The documented vocabularies of figure records (see docs/data-format.md)."""

from __future__ import annotations

from .model import Bi

# unit -> (Chinese word after the number, English word after the number)
UNITS: dict[str, Bi] = {
    "percent": Bi("%", "%"),
    "yuan": Bi("元", "yuan"),
    "usd": Bi("美元", "US dollars"),
    "count": Bi("", ""),  # the measure word comes from the figure; the label says what
    "mu": Bi("亩", "mu"),
    "hectare": Bi("公顷", "hectares"),
    "km": Bi("公里", "km"),
    "sqm": Bi("平方米", "m²"),
    "tonne": Bi("吨", "tonnes"),
    "jin": Bi("斤", "jin"),
    "index": Bi("", ""),
    "rank": Bi("位", ""),
    "times": Bi("倍", "times"),
}

# Chinese scale words as printed, and what they multiply by
SCALES: dict[str, int] = {"千": 10**3, "万": 10**4, "亿": 10**8, "千亿": 10**11, "万亿": 10**12}

QUALIFIERS: dict[str, Bi] = {
    "more-than": Bi("以上", "more than"),
    "around": Bi("左右", "around"),
    "within": Bi("以内", "within"),
    "at-least": Bi("不少于", "at least"),
    "over": Bi("余", "over"),
    "striving": Bi("力争", "striving for"),
    "towards": Bi("迈向", "towards"),
    "no-more-than": Bi("不超过", "no more than"),
    "approaching": Bi("接近", "approaching"),
}

KINDS: dict[str, Bi] = {
    "result": Bi("成绩", "result"),
    "baseline": Bi("基数", "baseline"),
    "target": Bi("目标", "target"),
    "plan": Bi("任务", "planned task"),
}

TARGET_GROUPS: dict[str, Bi] = {
    "annual": Bi("年度主要预期指标", "Main expected indicators for the year"),
    "five-year": Bi("五年规划目标", "Five-year goals"),
    "task": Bi("年度量化任务", "Quantified tasks of the year"),
}
