"""The data keeps one value and unit; each language formats it the way its readers expect: Chinese as
the report prints it (no thousands commas, numerals kept as printed), English with Babel's grouping."""

from __future__ import annotations

import pytest
import yaml

from reportsite.l10n import period, quantity
from reportsite.model import Bi, Qualifier, Range, Unit
from reportsite.vocab import BUILT_IN

VOCAB = yaml.safe_load(BUILT_IN.read_text(encoding="utf-8"))
UNITS = {k: Unit(k, v["zh"], v["en"], v["style"], v["growth"], en_one=v.get("en_one", ""))
         for k, v in VOCAB["units"].items()}
QUALIFIERS = {k: Qualifier(k, v["zh"], v["en"], v["position"], tuple(v["quote_has"]),
                           Bi(v["down"]["zh"], v["down"]["en"]) if "down" in v else None)
              for k, v in VOCAB["qualifiers"].items()}


@pytest.mark.parametrize("value, unit, scale, measure, qualifiers, printed, zh, en", [
    (4153.25, "yuan", "亿", None, (), None, "4153.25亿元", "CNY 415.325 billion"),
    (Range(8, 8.5), "percent", None, None, (), None, "8%–8.5%", "8–8.5%"),
    (5000, "count", None, "座", ("more-than",), None, "5000座以上", "more than 5,000"),
    (2000, "count", None, "名", ("over",), None, "2000余名", "over 2,000"),
    (200, "count", "万", "株", ("over",), None, "200余万株", "over 2 million"),
    (6, "yuan", "万", None, ("striving",), None, "力争6万元", "striving for CNY 60,000"),
    (1, "yuan", "万亿", None, ("towards",), "万亿", "迈向万亿元", "towards CNY 1 trillion"),
    (30, "percent", None, None, ("striving", "more-than"), None, "力争30%以上", "striving for more than 30%"),
    (4.5, "percent", None, None, ("within",), None, "4.5%以内", "within 4.5%"),
    (15, "rank", None, None, (), None, "第15位", "No. 15"),
    (8.14, "count", "万", "人", (), None, "8.14万人", "81,400"),
    (95.3, "mu", "万", None, (), None, "95.3万亩", "953,000 mu"),
    (5, "jin", "亿", None, (), None, "5亿斤", "500 million jin"),
    (186, "sqm", "万", None, (), None, "186万平方米", "1.86 million m²"),
    (2, "usd", "万", None, ("more-than",), None, "2万美元以上", "more than USD 20,000"),
    (10, "count", None, "大", (), "十", "十大", "10"),  # 十大 stays 十大, not 10大
    (0.5, "pp", None, None, (), None, "0.5个百分点", "0.5 percentage points"),
    (200, "kw", "万", None, (), None, "200万千瓦", "2 million kW"),
    (3.5, "sqkm", None, None, ("breakthrough",), None, "突破3.5平方公里", "over 3.5 km²"),
    (3.5, "times-up", None, None, (), None, "增长3.5倍", "up 3.5 times"),
    (3.5, "times", None, None, (), None, "3.5倍", "3.5 times"),
    (1, "class", "千亿", None, ("bid",), "千亿", "冲击千亿级", "a push for the 100 billion class"),
    (1, "day", None, None, (), None, "1天", "1 day"),
    (3, "rank", None, None, (), "第三", "第三位", "No. 3"),  # a place as printed
    (1, "rank", None, None, (), "首位", "首位", "No. 1"),
    (50, "top", None, None, (), None, "50强", "the top 50"),
    (3, "grade", None, None, ("more-than",), "Ⅲ", "Ⅲ类以上", "Grade III or better"),  # 以上 of a grade: or better
    (10, "rank", None, None, ("within",), None, "第10位以内", "No. 10 or better"),
    (4, "a-grade", None, None, (), None, "4A级", "4A"),
    (4576, "yuan", "亿", None, ("record",), None, "历史最高4576亿元", "a record-high CNY 457.6 billion"),
])
def test_figures_read_naturally_in_each_language(value, unit, scale, measure, qualifiers, printed, zh, en):
    quals = tuple(QUALIFIERS[q] for q in qualifiers)
    assert quantity(value, UNITS[unit], scale, measure, quals, "zh", printed) == zh
    assert quantity(value, UNITS[unit], scale, measure, quals, "en", printed) == en


def test_a_record_where_less_is_better_is_a_record_low():
    record = (QUALIFIERS["record"],)
    assert quantity(4.1, UNITS["index"], None, None, record, "zh", direction="down") == "历史最好4.1"
    assert quantity(4.1, UNITS["index"], None, None, record, "en", direction="down") == "a record-low 4.1"


@pytest.mark.parametrize("text, zh, en", [
    ("2021", "2021年", "2021"),
    ("2016-2020", "2016–2020年", "2016–2020"),
    ("2016-H2", "2016年下半年", "H2 2016"),
    ("2021-Q3", "2021年第三季度", "Q3 2021"),
    ("2021-06", "2021年6月", "June 2021"),
    ("2019-Q1/2021-Q4", "2019年第一季度至2021年第四季度", "Q1 2019 – Q4 2021"),
    (None, "未写明时间", "no date given"),
])
def test_periods_read_naturally_in_each_language(text, zh, en):
    assert period(text, "zh") == zh and period(text, "en") == en


def test_the_catalog_template_holds_every_string_the_code_and_templates_mark(tmp_path):
    """locales/messages.pot is what README's `pybabel extract` makes of today's code: a string added by hand
    to the Chinese catalog alone, or left out of both, shows here before a translator misses it."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from babel.messages.pofile import read_po

    from .conftest import REPO

    with open(REPO / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    marked = {msg if isinstance(msg, str) else msg[0]
              for _file, _line, msg, _comments, _context in extract_from_dir(REPO, method_map, options_map)
              if msg}
    with open(REPO / "locales" / "messages.pot", "rb") as pot:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id}
    assert sorted(marked - template) == [], "run README's two pybabel commands, then translate what is new"
    assert sorted(template - marked) == [], "run README's two pybabel commands: the template lists strings no code uses"
