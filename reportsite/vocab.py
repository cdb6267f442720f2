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

TARGET_GROUPS: dict[str, Bi] = {
    "annual": Bi("年度主要预期指标", "Main expected indicators for the year"),
    "five-year": Bi("五年规划目标", "Five-year goals"),
    "task": Bi("年度量化任务", "Quantified tasks of the year"),
}
