"""Locale formatting (Babel) of numbers, figures, dates and derivations (the UI catalogs: catalog.py).

The data keeps one value and unit; the page's language decides how it reads:
4153.25 亿 yuan is "4,153.25亿元" in Chinese and "CNY 415.325 billion" in English.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from . import N_  # noqa: F401 (marks UI strings; l10n.N_ for the modules that format too)
from .model import Derivation, Figure, Place, Qualifier, Range, Relative, Unit
from .numbers import NAME_AFTER, one_number, roman
from .vocab import PLACE_LEVELS, RELATIONS, RUN_WORDS, SCALES

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}


@lru_cache(maxsize=None)
def locale(lang: str) -> Locale:
    """The language's Babel locale, parsed once: Babel parses a locale's name again at every call given one
    (half of the time of formatting a number)."""
    return Locale.parse(LOCALES[lang])


# Punctuation is locale data: Chinese text takes full-width marks.
LIST_SEPARATOR = {"zh": "；", "en": "; "}
LIST_COMMA = {"zh": "，", "en": ", "}
COLON = {"zh": "：", "en": ": "}  # after a label: 出现于：… / Appears in: …
PARENS = {"zh": "（%s）", "en": " (%s)"}  # an aside after a value: 2132家（2020年） / 2,132 (2020)
ARROW = {"zh": "→", "en": " → "}
# Between two sentences, or a label and its words: Chinese runs on (…为准。报告原文…, 出现于太原2022年).
SPACE = {"zh": "", "en": " "}
FULL_STOP = {"zh": "。", "en": "."}
EN_MAGNITUDES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
CHINESE_NUMERALS = set("零〇一二两三四五六七八九十百千万亿")


def paren(text: str, lang: str, together: bool = False) -> str:
    """An aside after a value (PARENS); together: never at the start of a line (a no-break space before it)."""
    aside = PARENS[lang] % text
    return "\u00a0" + aside[1:] if together and aside.startswith(" ") else aside


def place_name(place: Place, lang: str) -> str:
    """A place with its level, where places of several levels are listed: 太原（市级）, Taiyuan (city)."""
    return place[lang] + PARENS[lang] % PLACE_LEVELS[place.level][lang]


def number(value: float | Decimal, lang: str, digits: int | None = None) -> str:
    """A number as the language writes it: English groups thousands (4,153.25); Chinese, as the
    report prints it, does not (4153.25). Every printed digit is kept unless digits rounds it."""
    if digits is not None:
        value = round(Decimal(str(value)), digits)
    value = Decimal(str(value)).normalize()
    return format_decimal(value, locale=locale(lang), decimal_quantization=False, group_separator=lang == "en")


def _en_amount(value: float, scale: str | None) -> str:
    """An amount in English words for the magnitude: 4153.25 亿 -> 415.325 billion (exact)."""
    amount = Decimal(str(value)) * SCALES.get(scale or "", 1)
    for size, word in EN_MAGNITUDES:
        if abs(amount) >= size:
            return f"{number(amount / size, 'en')} {word}"
    return number(amount, "en")


def _values(value: float | Range) -> tuple[float, ...]:
    return (value.low, value.high) if isinstance(value, Range) else (value,)


@lru_cache(maxsize=16384)  # pure, and shown on many pages (its own, its section's, related figures', cards')
def figure_value(figure: Figure, lang: str) -> str:
    """The figure's value as a reader of lang expects it, with unit and qualifiers; an average over
    years says so ("6.6% a year on average" / "年均6.6%"), a change says from when ("up 17 days on 2029"),
    a run how long it held ("for 2 years running"), a level set by another figure which ("above GDP growth")."""
    if figure.relative:
        return _relative(figure.relative, lang)
    text = _change(figure, lang) if figure.since else \
        quantity(figure.value, figure.unit, figure.scale, figure.measure_zh, figure.qualifiers, lang,
                 _as_printed(figure), _inside_after_scale(figure), figure.direction)
    if figure.each:
        zh, one, many = RUN_WORDS[figure.each]
        n = figure.run_length
        text = f"连续{n}{zh}{text}" if lang == "zh" else f"{text} for {n} {one if n == 1 else many} running"
    if figure.average:
        return f"年均{text}" if lang == "zh" else f"{text} a year on average"
    return text


def _relative(relative: Relative, lang: str) -> str:
    """与地区生产总值增速同步 / in step with GDP growth: the relation and the figure whose level it follows."""
    r, label = RELATIONS[relative.relation], relative.figure.label[lang]
    if lang == "zh":
        return f"{r.zh}{label}{r.zh_after}"
    return f"{r.en} {label[:1].lower() + label[1:] if label[1:2].islower() else label}"


CHANGE_WORDS = {"percent": ("增长", "下降"), "points": ("提高", "下降"), "rank": ("前进", "后退")}  # style -> rise, fall


def _change(figure: Figure, lang: str) -> str:
    """A value counted from an earlier period: 比2029年增加17天 / up 17 days on 2029; 比2015年增长3.5倍 /
    up 3.5 times on 2015; 比2029年前进1位 / up 1 place on 2029 (a rank's change counts places moved up)."""
    values = _values(figure.value)
    size = Range(*sorted(abs(v) for v in values)) if isinstance(figure.value, Range) else abs(figure.value)
    fall, unit, since = max(values) < 0, figure.unit, period(figure.since, lang)
    if unit.style == "rank":
        places = _values(size)
        core = "–".join(number(v, lang) for v in places) + \
            ("位" if lang == "zh" else " place" if places == (1,) else " places")
    else:
        core = quantity(size, unit, figure.scale, figure.measure_zh, figure.qualifiers, lang, _as_printed(figure),
                        _inside_after_scale(figure), figure.direction)
    if unit.style == "multiple-increase" or unit.style == "multiple" and figure.as_printed and lang == "zh":
        return f"比{since}{core}" if lang == "zh" else f"{core} on {since}"  # 增长3.5倍, 翻一番 say their own rise
    if unit.style == "multiple":
        return f"是{since}的{core}" if lang == "zh" else f"{core} the {since} level"
    if lang == "zh":
        rise, drop = CHANGE_WORDS.get(unit.style, ("增加", "减少"))
        return f"比{since}{drop if fall else rise}{core}"
    return f"{'down' if fall else 'up'} {core} on {since}"


def _as_printed(figure: Figure) -> str | None:
    """The words as printed: a numeral that names a set with 大 (十大产业集群) with its 大, never 十个, whether
    as_printed is written 十 or 十大."""
    printed = figure.as_printed
    number = one_number(printed) if printed else None
    if number and number.printed == printed and number.scale is None and f"{printed}{NAME_AFTER}" in figure.quote_zh:
        return printed + NAME_AFTER
    return printed


def _inside_after_scale(figure: Figure) -> bool:
    """Chinese prints both 200余万 and 1.3万余: an inside qualifier follows the scale when the quote has it so."""
    inside = "".join(q.zh for q in figure.qualifiers if q.position == "inside")
    return bool(inside and figure.scale) and f"{figure.scale}{inside}" in figure.quote_zh


@lru_cache(maxsize=8192)  # pure; each figure is shown on several pages
def quantity(value: float | Range, unit: Unit, scale: str | None, measure_zh: str | None,
             qualifiers: tuple[Qualifier, ...], lang: str, as_printed: str | None = None,
             inside_after_scale: bool = False, direction: str = "up") -> str:
    if lang == "zh":
        return _quantity_zh(value, unit, scale, measure_zh, qualifiers, as_printed, inside_after_scale, direction)
    return _quantity_en(value, unit, scale, qualifiers, direction)


PLACE_STYLES = ("rank", "top", "grade", "a-grade")  # places and grades: their bounds say "or better"


def _quantity_zh(value, unit: Unit, scale, measure_zh, qualifiers, as_printed, inside_after_scale, direction) -> str:
    word = measure_zh if unit.style == "count" else unit.zh
    inside = "".join(q.zh for q in qualifiers if q.position == "inside")
    if inside_after_scale:
        scale, inside = f"{scale}{inside}", ""
    if as_printed and set(as_printed) <= CHINESE_NUMERALS:  # 四个, 千亿元, 五十强: the numerals as printed
        core = as_printed + inside + ("" if scale and scale in as_printed else scale or "") + word
    elif as_printed and (unit.style in ("multiple", "multiple-increase", "rank") or one_number(as_printed)):
        core = as_printed  # 翻一番, 倍增; 十大 (a name: never 十个); 第三, 首位, Ⅲ: the words as printed
        if unit.style in PLACE_STYLES and not as_printed.endswith(word):
            core += word  # 第三位, Ⅲ类
    elif unit.style == "rank":
        core = "–".join(f"第{number(v, 'zh')}" for v in _values(value)) + word
    elif unit.style in ("percent", "points"):
        core = "–".join(number(v, "zh") + word for v in _values(value))
    elif unit.style == "multiple-increase":
        core = "增长" + "–".join(number(v, "zh") for v in _values(value)) + word
    elif unit.style == "class":
        core = "–".join(number(v, "zh") for v in _values(value)) + (scale or "") + word
    else:
        core = "–".join(number(v, "zh") for v in _values(value)) + inside + (scale or "") + word
    before = "".join(q.words("zh", direction) for q in qualifiers if q.position == "before")
    after = "".join(q.words("zh", direction) for q in qualifiers if q.position == "after")
    return f"{before}{core}{after}"


def _quantity_en(value, unit: Unit, scale, qualifiers, direction) -> str:
    values = _values(value)
    if unit.style in ("percent",):
        core = "–".join(number(v, "en") for v in values) + "%"
    elif unit.style == "rank":
        core = "No. " + "–".join(number(v, "en") for v in values)
    elif unit.style == "top":
        core = "the top " + "–".join(number(v, "en") for v in values)
    elif unit.style == "grade":  # Ⅲ类: Grade III
        core = f"{unit.en} " + "–".join(roman(v) or number(v, "en") for v in values)
    elif unit.style == "a-grade":  # 4A级: 4A
        core = "–".join(number(v, "en") + unit.en for v in values)
    elif unit.style == "multiple-increase":
        core = "up " + "–".join(number(v, "en") for v in values) + " times"
    elif unit.style == "class":
        core = "the " + "–".join(_en_amount(v, scale) for v in values) + " class"
    else:
        amounts = "–".join(_en_amount(v, scale) for v in values)
        word = unit.en_one if unit.en_one and values == (1,) and not scale else unit.en
        core = f"{unit.en} {amounts}" if unit.style == "currency" else f"{amounts} {word}".strip()
    if unit.style in PLACE_STYLES:
        return _place_en(core, unit, qualifiers)
    prefix = " ".join(q.words("en", direction) for q in qualifiers)
    return f"{prefix} {core}".strip()


def _place_en(core: str, unit: Unit, qualifiers) -> str:
    """A place or a grade with its bound: Ⅲ类以上 is "Grade III or better", 前10位以内 "No. 10 or better"
    (the first place being the best, any bound is one of the better places), 4A级以上 "4A or better"."""
    from .derive import LOWER_BOUND, UPPER_BOUND

    bounds = [q for q in qualifiers if q.id in LOWER_BOUND | UPPER_BOUND]
    prefix = " ".join(q.en for q in qualifiers if q not in bounds)
    better = any(q.id in LOWER_BOUND or unit.first_is_best for q in bounds)
    suffix = " or better" if better else " or lower" if bounds else ""
    return f"{prefix} {core}{suffix}".strip()


@lru_cache(maxsize=1024)  # pure: the edition's date, in every footer and citation
def long_date(date: dt.date, lang: str) -> str:
    return format_date(date, format="long", locale=locale(lang))


HALF = {"zh": ("上半年", "下半年"), "en": ("H1", "H2")}


NO_DATE = {"zh": "未写明时间", "en": "no date given"}


@lru_cache(maxsize=4096)  # pure
def period(text: str | None, lang: str) -> str:
    """A period as the language writes it: 2016-2020 -> 2016–2020年 / 2016–2020; 2021-H2 -> 2021年下半年 /
    H2 2021; 2021-Q3 -> 2021年第三季度 / Q3 2021; 2021-06 -> 2021年6月 / June 2021; spans with "/"."""
    if text is None:
        return NO_DATE[lang]
    first, _, last = text.partition("/")
    if last:
        joiner = "至" if lang == "zh" else " – "
        return joiner.join(_period_part(p, lang) for p in (first, last))
    return _period_part(first, lang)


def _period_part(text: str, lang: str) -> str:
    year, _, part = text.partition("-")
    if not part or len(part) == 4:  # a year, or a span of years
        span = text.replace("-", "–")
        return f"{span}年" if lang == "zh" else span
    if part[0] == "H":
        half = HALF[lang][int(part[1]) - 1]
        return f"{year}年{half}" if lang == "zh" else f"{half} {year}"
    if part[0] == "Q":
        quarter = format_date(dt.date(int(year), 3 * int(part[1]), 1), "QQQQ", locale=locale(lang))
        return f"{year}年{quarter}" if lang == "zh" else f"Q{part[1]} {year}"
    return format_skeleton("yMMMM", dt.date(int(year), int(part), 1), locale=locale(lang))


def derived_value(d: Derivation, lang: str) -> str:
    """A derived number as it reads, keeping what the goal's qualifier allows: "more than +707",
    "a fall of at most 31,400", "at least 16.1% a year (nominal)"."""
    if d.name != "change":  # a compound growth rate
        nums = "–".join(number(v, lang, 1) for v in _values(d.value)) + "%"
        text = f"每年{nums}" if lang == "zh" else f"{nums} a year"
        if d.nominal:
            text += "（名义）" if lang == "zh" else " (nominal)"
        return _bounded_rate(text, d.bound, lang)
    if d.unit == "pp":
        values, show = _values(d.value), lambda v: number(v, lang, 2) + ("个百分点" if lang == "zh" else " percentage points")
    else:
        scale = _smaller_scale(d.start.scale, d.end.scale)
        factor = SCALES.get(scale or "", 1)
        # rounded to 6 places: float arithmetic on printed decimals (8.14 × 10⁴) leaves noise in the last digits
        values = tuple(round(Decimal(str(v)) / factor, 6) for v in _values(d.value))
        show = lambda v: quantity(v, d.end.unit, scale, d.end.measure_zh, (), lang)  # noqa: E731
    return _bounded_change(values, show, d.bound, lang)


def _bounded_rate(text: str, bound, lang: str) -> str:
    side = _side(bound)
    if side is None:
        return text
    words = {"lower": ("至少", "at least"), "upper": ("至多", "at most"), "around": ("约", "around")}[side]
    return f"{words[0]}{text}" if lang == "zh" else f"{words[1]} {text}"


def _bounded_change(values, show, bound, lang: str) -> str:
    side, low, high = _side(bound), min(values), max(values)
    signed = lambda: ("+" if low > 0 else "") + "–".join(show(v) for v in values)  # noqa: E731
    if side is None or (low < 0 < high):
        return signed()
    if side == "around":
        return f"{signed()}左右" if lang == "zh" else f"around {signed()}"
    fall = high < 0
    size = "–".join(show(abs(v)) for v in (sorted(values, key=abs)))
    if side == "lower" and not fall:
        return f"{signed()}{bound.zh}" if lang == "zh" and bound.position == "after" else \
            (f"{bound.zh}{signed()}" if lang == "zh" else f"{bound.en} {signed()}")
    phrase = {("lower", True): ("减少不超过", "a fall of at most"), ("upper", False): ("增加不超过", "a rise of at most"),
              ("upper", True): ("减少不少于", "a fall of at least")}[(side, fall)]
    return f"{phrase[0]}{size}" if lang == "zh" else f"{phrase[1]} {size}"


def _side(bound) -> str | None:
    from .derive import LOWER_BOUND, NEAR, UPPER_BOUND

    if bound is None:
        return None
    return "lower" if bound.id in LOWER_BOUND else "upper" if bound.id in UPPER_BOUND else \
        "around" if bound.id in NEAR else None


def _smaller_scale(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return None
    return a if SCALES[a] <= SCALES[b] else b


def formula(d: Derivation, lang: str) -> str:
    """How a derived number was computed, in words and figures."""
    start = quantity(d.start.value, d.start.unit, d.start.scale, d.start.measure_zh, (), lang)
    end = quantity(d.end.value, d.end.unit, d.end.scale, d.end.measure_zh, (), lang)
    result = derived_value(d, lang)
    if d.name == "change":
        if lang == "zh":
            return f"变化：{period(d.end.period, lang)}{end} − {period(d.start.period, lang)}{start} = {result}"
        return f"Change: {end} ({period(d.end.period, lang)}) − {start} ({period(d.start.period, lang)}) = {result}"
    years = f"{d.start.end_year}→{d.end.end_year}"
    if lang == "zh":
        what = "所需年均增速" if d.name == "growth-needed" else "实际年均增速"
        return f"{what}：（{end} ÷ {start}）^(1/{d.years}) − 1 = {result}（复合增长，{years}，{d.years}年）"
    what = "Annual growth needed" if d.name == "growth-needed" else "Annual growth achieved"
    span = "1 year" if d.years == 1 else f"{d.years} years"
    return f"{what}: ({end} ÷ {start})^(1/{d.years}) − 1 = {result} (compound, {years}, {span})"
