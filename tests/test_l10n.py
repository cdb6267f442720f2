"""The data keeps one value and unit; each language formats it the way its readers expect."""

from __future__ import annotations

import pytest

from reportsite.l10n import quantity
from reportsite.model import Range


@pytest.mark.parametrize("value, unit, scale, measure, qualifiers, zh, en", [
    (4153.25, "yuan", "亿", None, (), "4,153.25亿元", "CNY 415.325 billion"),
    (Range(8, 8.5), "percent", None, None, (), "8%–8.5%", "8–8.5%"),
    (5000, "count", None, "座", ("more-than",), "5,000座以上", "more than 5,000"),
    (2000, "count", None, "名", ("over",), "2,000余名", "over 2,000"),
    (200, "count", "万", "株", ("over",), "200余万株", "over 2 million"),
    (6, "yuan", "万", None, ("striving",), "力争6万元", "striving for CNY 60,000"),
    (1, "yuan", "万亿", None, ("towards",), "迈向1万亿元", "towards CNY 1 trillion"),
    (30, "percent", None, None, ("striving", "more-than"), "力争30%以上", "striving for more than 30%"),
    (4.5, "percent", None, None, ("within",), "4.5%以内", "within 4.5%"),
    (15, "rank", None, None, (), "第15位", "No. 15"),
    (8.14, "count", "万", "人", (), "8.14万人", "81,400"),
    (95.3, "mu", "万", None, (), "95.3万亩", "953,000 mu"),
    (5, "jin", "亿", None, (), "5亿斤", "500 million jin"),
    (186, "sqm", "万", None, (), "186万平方米", "1.86 million m²"),
    (2, "usd", "万", None, ("more-than",), "2万美元以上", "more than USD 20,000"),
])
def test_figures_read_naturally_in_each_language(value, unit, scale, measure, qualifiers, zh, en):
    assert quantity(value, unit, scale, measure, qualifiers, "zh") == zh
    assert quantity(value, unit, scale, measure, qualifiers, "en") == en
