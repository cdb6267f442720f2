"""Draft figures: for every number a paragraph prints, a proposed figure record (for `build.py draft`).

A proposal reads from the words around a number what an editor would otherwise type: the clause as
the quote, the value and the scale word as printed, the unit (from the vocabulary's words: 亿元,
万亩, %) or the measure word of a count, the qualifiers the quote shows (以上, 左右, 突破, 力争 …),
the period the text speaks of and the kind of figure. Each says what it guessed, for review.

The numbers themselves are found by numbers.py (printed_numbers() here is the one place that asks it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from . import numbers
from .derive import LOWER_BOUND
from .numbers import NAME_AFTER
from .model import Range

# -- finding the numbers ---------------------------------------------------------------------------

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class PrintedNumber:
    """A number as printed: its span in the text (with its scale word: 4576亿, 200余万, 五千亿), the number
    before the scale word, the scale word, and the words when it is not printed in digits."""

    start: int
    end: int
    value: float
    scale: str | None
    as_printed: str | None


def printed_numbers(text: str) -> list[PrintedNumber]:
    """Every quantity text prints, in order, as numbers.py finds them: digits with their scale word (4576亿,
    1.3万) and Chinese numerals (五千亿, 十, 两); dates, list markers, codes (5G) and vague quantities (数万)
    are not figures."""
    return [PrintedNumber(n.start, n.end, _number(n.value), n.scale, n.printed if n.chinese else None)
            for n in numbers.printed_numbers(text) if n.role == "quantity"]


def _number(value: Decimal) -> float:
    """A YAML-friendly number: 4576 as an integer, 5121.61 as a float."""
    return int(value) if value == value.to_integral() else float(value)


# -- the words around a number ---------------------------------------------------------------------

SENTENCE_ENDS = "。！？；"
CLAUSE_ENDS = SENTENCE_ENDS + "，：,"
# Measure words of counts (the unit count takes one as measure_zh), longest first.
MEASURES = ("套（间）", "人次", "人份", "农户", "方面", "连冠", "个月", "个", "家", "名", "人", "所", "项", "户", "座",
            "套", "件", "张", "处", "场", "辆", "台", "条", "株", "批", "架", "轮", "起", "次", "市", "支", "只", "间",
            "栋", "部", "种", "宗", "例", "份", "本", "片", "节", "趟", "列", "班", "对", "棵", "头", "艘", "颗", "笔",
            "块", "位", "幅", "门")
TIMES_PHRASES = {"翻一番": 2, "翻番": 2, "倍增": 2, "翻两番": 4}
FIRST_PLACE = re.compile(r"(?:居|位居|位列|列)[^，。；、]{0,16}(首位)")  # 居中部六省省会城市首位: ranked first
ZERO_EVENTS = re.compile(r"零(?=病亡|死亡|伤亡|感染|事故|发案)")  # 零病亡: none at all
EACH = "均"  # A、B均达到30%: the value of each of A and B
RANGE_JOINS = ("-", "－", "—", "~", "～", "至", "到")
RANKED_BY = re.compile(r"排名|排位|位列|位居|居|列")
# Qualifiers printed before a number (since the last figure of its clause), inside it, and after its unit
NEAR_QUALIFIERS = (("不少于", "at-least"), ("不低于", "at-least"), ("至少", "at-least"), ("不超过", "no-more-than"),
                   ("不高于", "no-more-than"), ("超过", "exceeding"), ("突破", "breakthrough"), ("冲击", "bid"),
                   ("接近", "approaching"))
STRIVING = re.compile(r"力争|争取|争创")
TOWARDS_AFTER = re.compile(r"迈进|奋进|迈向")
INSIDE_QUALIFIERS = (("余", "over"), ("多", "more-than"))  # 2000余名, 200多万, 1.3万余个
AFTER_QUALIFIERS = (("以上", "more-than"), ("左右", "around"), ("以内", "within"), ("以下", "within"))
# A level reached (its period is the end of a span of years), not an amount over the years
LEVEL_WORDS = re.compile(r"达到|突破|迈上|提高到|提高至|提升到|提升至|增加到|增至|上升到|上升至|下降到|下降至|降至|降到|"
                         r"延展至|迈进|奋进|冲击|成为|建成|位居|居|占比|比例|比重|覆盖率|率|总量|规模|年底|年末")
TARGET_WORDS = re.compile(r"达到|增长|下降|降低|控制在|稳定在|保持在|突破|提高到|提升至|迈进|实现")
TRAILING_VERBS = re.compile(r"(?:分别|年均|均|累计|全部|再|已|将|达到|实现|增长|下降|提高到|提高|提升至|提升|增加到|增加|"
                            r"增至|控制在|稳定在|保持在|为|是|突破|超过|约|近|向|由|从|力争|争取|共|的|第|位居|居|排名|"
                            r"\d{4}年(?:底|末)?)+$")
THIS_YEAR = re.compile(r"全年|今年|年内|年底")  # inside a span of years: the one year the text is about
FROM_WORDS = re.compile(r"[由从]")
TO_WORDS = re.compile(r"到|至|为")


@dataclass(frozen=True)
class Scope:
    """The time a stretch of the report speaks of: a year, or the years of a plan; past or to come."""

    first: int
    last: int
    past: bool
    why: str  # how it was read, for the draft note: "“十三五” (2016-2020)", "the report's year"

    @property
    def years(self) -> str:
        return str(self.last) if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True)
class Proposal:
    """A figure as proposed: everything a figure record needs but the English and the topic."""

    start: int  # where the number is printed in the paragraph's plain text
    quote: str
    value: float | Range
    unit: str
    measure_zh: str | None
    scale: str | None
    as_printed: str | None
    qualifiers: tuple[str, ...]
    period: str | None
    average: bool
    kind: str
    label_zh: str
    guessed: str  # what was read from the text, and how, for the draft: mark
    takes: tuple[int, ...] = ()  # where the printed numbers it is the value of start (two for a range)


@dataclass(frozen=True)
class Reading:
    """What follows a number: its unit and measure word, and where the words that belong to it end."""

    unit: str | None
    measure: str | None
    end: int


def unit_words(units: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(Chinese word, unit id) for units written with a word after the number, longest word first; units
    that share a word (吨) go to the first in the vocabulary. units: id -> (zh, style)."""
    words: dict[str, str] = {}
    for unit, (zh, style) in units.items():
        if zh and style not in ("count", "rank", "index") and zh not in words:
            words[zh] = unit
    return sorted(words.items(), key=lambda item: -len(item[0]))


class Proposer:
    """Proposes figures for one report: its year, and the words of its vocabulary's units."""

    def __init__(self, year: int, units: dict[str, tuple[str, str]]):
        self.year = year
        self.words = unit_words(units)
        self.units = units

    def propose(self, text: str, scope: Scope) -> list[Proposal]:
        """A proposal for every number of text (a paragraph without its bold marks) that is a figure."""
        numbers = printed_numbers(text)
        proposals: list[Proposal] = []
        last_end = 0  # where the words of the last figure end: a qualifier before it is not this one's
        for i, number in enumerate(numbers):
            if number.start < last_end:
                continue
            reading = self.read_after(text, number)
            value: float | Range = number.value
            takes: tuple[int, ...] = (number.start,)
            following = numbers[i + 1] if i + 1 < len(numbers) else None
            joined = self.range_with(text, number, reading or Reading(None, None, number.end), following)
            if joined is not None and following is not None:
                value, reading, takes = Range(number.value, following.value), joined, (number.start, following.start)
            if reading is None:
                continue
            if reading.unit == "rank" and number.as_printed:  # 第三位: printed as 第三, the place
                number = replace(number, start=number.start - 1, as_printed="第" + number.as_printed)
            elif number.as_printed and text.startswith(NAME_AFTER, number.end) and reading.unit == "count":
                number = replace(number, as_printed=number.as_printed + NAME_AFTER)  # 十大产业集群: a name, 十大
            since = max(_clause_start(text, number.start), last_end)
            proposal, last_end = self.proposal(text, number, value, reading, scope, last_end)
            proposal = replace(proposal, takes=takes)
            proposals += [replace(proposal, label_zh=label) for label in each_of(text[since: number.start])] \
                or [proposal]
        proposals += self.worded_numbers(text, scope)
        return sorted(proposals, key=lambda p: p.start)

    # -- what the number is --------------------------------------------------------------------

    def read_after(self, text: str, number: PrintedNumber) -> Reading | None:
        """The unit the words after the number give, or None when the number is not a figure (a date,
        an ordinal, a name)."""
        before, after = text[: number.start], text[number.end:]
        skip = len(after) - len(after.lstrip("余多"))
        rest = after[skip:]
        end = number.end + skip
        if before.endswith("第"):
            return self.rank(before, rest, end)
        if _not_a_figure(number, before, rest):
            return None
        if rest.startswith("个") and any(rest[1:].startswith(word) for word, _ in self.words):
            rest, end = rest[1:], end + 1  # 366个小时: hours
        for word, unit in self.words:
            if rest.startswith(word):
                return self.unit_reading(number, before, rest, unit, end + len(word))
        for measure in MEASURES:
            if rest.startswith(measure):
                return Reading("count", measure, end + len(measure))
        if rest.startswith("大") and not rest.startswith("大关") and number.as_printed and number.scale is None \
                and number.value <= 10:
            return Reading("count", "个", end + 1)  # 四大板块, 十大产业集群: four (of something)
        if number.scale in ("亿", "千亿", "万亿"):
            return Reading("yuan", None, end)  # 冲击万亿大关: a sum of money is what reaches 亿
        if number.as_printed:
            return None  # Chinese words are numbers only with a unit: 一体化, 万众一心 are not
        clause = text[_clause_start(text, number.start): number.start]
        if "指数" in clause:
            return Reading("index", None, end)
        if number.scale or rest.startswith(("×", "*")):
            return Reading("count", None, end)  # 人口再增加100万, 2×100万千瓦: a count whose measure is not printed
        return None  # 12345热线, a code or a name: no unit, no scale, not a figure

    def unit_reading(self, number: PrintedNumber, before: str, rest: str, unit: str, end: int) -> Reading | None:
        style = self.units[unit][1]
        if unit == "year" and number.as_printed:
            return None  # 两年内, 五年来: a span of time, read as the period, not a figure
        if style == "class" and not (number.scale or number.value >= 100):
            return None  # 二级医院, 4A级: a grade, not a class of magnitude
        if style == "multiple" and before.endswith(("增长", "增加")):
            unit = next((u for u, (_, s) in self.units.items() if s == "multiple-increase"), unit)
        if unit == "tonne" and "tonnes-a-day" in self.units and re.match(r"吨[^，。；]{0,12}(?:水厂|处理厂|日)", rest):
            unit = "tonnes-a-day"  # 20万吨西山地表水厂: a works' daily capacity
        return Reading(unit, None, end)

    def rank(self, before: str, rest: str, end: int) -> Reading | None:
        """第三位, 第18位, 排名第一: a place in a ranking; other ordinals (第十四届, 第四人民医院) are names."""
        if rest.startswith(("位", "名")):
            return Reading("rank", None, end + 1)
        clause = before[_clause_start(before, len(before)):]
        if RANKED_BY.search(clause) and (not rest or rest[0] in CLAUSE_ENDS + "、"):
            return Reading("rank", None, end)
        return None

    def range_with(self, text: str, number: PrintedNumber, reading: Reading,
                   following: PrintedNumber | None) -> Reading | None:
        """8%-8.5%, 2至3年: one figure, a range, when two numbers are joined by a dash or 至."""
        if following is None or text[reading.end: following.start] not in RANGE_JOINS:
            return None
        second = self.read_after(text, following)
        bare = reading.end == number.end and reading.measure is None  # 2至3年: the unit is printed once
        return second if second is not None and (bare or second.unit == reading.unit) else None

    def worded_numbers(self, text: str, scope: Scope) -> list[Proposal]:
        """Numbers printed as words: a multiple (翻一番, 倍增), a first place (居…首位), none (零病亡)."""
        out = []
        for m in FIRST_PLACE.finditer(text):
            number = PrintedNumber(m.start(1), m.end(1), 1, None, m.group(1))
            out.append(self.proposal(text, number, 1, Reading("rank", None, m.end(1)), scope, 0)[0])
        for m in ZERO_EVENTS.finditer(text):
            number = PrintedNumber(m.start(), m.end(), 0, None, "零")
            out.append(self.proposal(text, number, 0, Reading("count", None, m.end()), scope, 0)[0])
        for phrase, times in TIMES_PHRASES.items():
            for m in re.finditer(phrase, text):
                if phrase == "翻番" and text[max(0, m.start() - 1): m.start()] == "翻":
                    continue
                number = PrintedNumber(m.start(), m.end(), times, None, phrase)
                reading = Reading(next((u for u, (_, s) in self.units.items() if s == "multiple"), "times"), None,
                                  m.end())
                out.append(self.proposal(text, number, times, reading, scope, 0)[0])
        return out

    # -- the figure -----------------------------------------------------------------------------

    def proposal(self, text: str, number: PrintedNumber, value: float | Range, reading: Reading, scope: Scope,
                 last_end: int) -> tuple[Proposal, int]:
        """The figure of a number, and where its words end."""
        clause_start = _clause_start(text, number.start)
        since = max(clause_start, last_end)
        lead = text[since: number.start]
        qualifiers, quote_start, end = self.qualifiers(text, number, reading, lead, since)
        clause_end = _clause_end(text, end)
        quote = text[min(quote_start, clause_start): clause_end].strip()
        unit = reading.unit or "count"
        period, why, baseline = self.period(text, number, lead, scope, unit)
        kind = self.kind(scope, baseline, qualifiers, lead)
        guessed = ["value, unit, qualifiers and kind guessed", f"period {period}: {why}"]
        if reading.unit is None or (unit == "count" and not reading.measure):
            guessed.append("no unit printed: write measure_zh, or another unit")
        return Proposal(number.start, quote, value, unit, reading.measure if unit == "count" else None,
                        number.scale, number.as_printed, qualifiers, period, "年均" in lead, kind,
                        label_of(text[clause_start: number.start], since - clause_start, quote),
                        "; ".join(guessed) + "; label.zh a first guess; to write: label.en, quote_en, topic"), end

    def qualifiers(self, text: str, number: PrintedNumber, reading: Reading, lead: str,
                   since: int) -> tuple[tuple[str, ...], int, int]:
        """The qualifiers of a number, where its quote must start to show them, and where its words end."""
        found: list[str] = []
        quote_start = since
        sentence = text[_sentence_start(text, number.start): number.start]
        striving = [m for m in STRIVING.finditer(sentence) if self.strives_for(text, number, sentence, m)]
        if striving:
            found.append("striving")
            quote_start = number.start - len(sentence) + striving[-1].start()
        for word, qualifier in NEAR_QUALIFIERS:
            if word in lead and qualifier not in found:
                found.append(qualifier)
        if lead.endswith("约"):
            found.append("around")
        elif lead.endswith("近"):
            found.append("approaching")
        printed = text[number.start: number.end + 1]  # the number and the character after it
        found += [qualifier for word, qualifier in INSIDE_QUALIFIERS if word in printed][:1]
        end = reading.end
        for word, qualifier in AFTER_QUALIFIERS:
            if text.startswith(word, end):
                found.append(qualifier)
                end += len(word)
                break
        if "more-than" in found:  # 突破到30%以上, 超过…以上: one lower bound, printed twice, is more than 30%
            found = [q for q in found if q == "more-than" or q not in LOWER_BOUND]
        tail = text[end: _clause_end(text, end)]
        if ("向" in lead and TOWARDS_AFTER.search(tail)) or "迈向" in lead:
            found.append("towards")
        return tuple(dict.fromkeys(found)), quote_start, end

    @staticmethod
    def strives_for(text: str, number: PrintedNumber, sentence: str, word: re.Match) -> bool:
        """力争 reaches to the end of its sentence, unless it follows a figure in its own clause (增长7%、力争
        7.5%): then it is that figure's higher aim, and reaches to the end of the clause only."""
        at = number.start - len(sentence) + word.start()
        clause_start = _clause_start(text, at)
        if not any(c.isdigit() for c in text[clause_start:at]):
            return True
        return _clause_start(text, number.start) == clause_start

    def period(self, text: str, number: PrintedNumber, lead: str, scope: Scope,
               unit: str) -> tuple[str | None, str, bool]:
        """(period, how it was read, whether the number is the starting point of a change)."""
        near = text[max(0, number.start - 8): number.start]
        if m := re.search(r"(\d{4})年(?:底|末|初)?的?$", near):
            year = int(m.group(1))
            return str(year), f"from {m.group(0)}", year < scope.first
        if m := re.search(r"十([一二三四五六七八九])五”?末的?$", near):
            year = plan_years(CN_DIGITS[m.group(1)])[1]
            return str(year), f"the end of “十{m.group(1)}五”", True
        sentence = text[_sentence_start(text, number.start): number.start]
        clause = text[_clause_start(text, number.start): number.start]
        if FROM_WORDS.search(clause) and TO_WORDS.search(text[number.end: _clause_end(text, number.end)]):
            year = scope.first - 1 if scope.first != scope.last or not scope.past else scope.last - 1
            return str(year), "the year before the change the clause describes", True
        if m := re.search(r"(?:到|至)(\d{4})年", sentence) or re.match(r"(\d{4})年", sentence):
            return m.group(1), f"from {m.group(0)}", False
        if m := re.search(r"(?:到|至)“?十([一二三四五六七八九])五”?末", sentence):
            return str(plan_years(CN_DIGITS[m.group(1)])[1]), f"from {m.group(0)}", False
        if m := re.search(r"([上下])半年", sentence):
            return f"{scope.last}-H{1 if m.group(1) == '上' else 2}", f"from {m.group(0)}", False
        around = text[_sentence_start(text, number.start): _clause_end(text, number.end)]
        if m := re.search(r"(\d+|[两二三四五])(?:至(\d+))?年(?:内|时间)", around):
            years = int(m.group(2) or (m.group(1) if m.group(1).isdigit() else CN_DIGITS[m.group(1)]))
            last = self.year + years - 1
            if LEVEL_WORDS.search(lead):
                return str(last), f"from {m.group(0)}", False
            return f"{self.year}-{last}", f"from {m.group(0)}", False
        if scope.first != scope.last and (m := THIS_YEAR.search(sentence)):
            year = scope.last if scope.past else self.year
            return str(year), f"from {m.group(0)}", False
        if scope.first != scope.last:
            if "年均" in lead or "年均" in clause:
                return scope.years, f"an average over {scope.why}", False
            whole = text[_clause_start(text, number.start): _clause_end(text, number.end)]
            if unit in ("percent", "rank", "index", "class", "times", "hour") or LEVEL_WORDS.search(whole):
                return str(scope.last), f"a level at the end of {scope.why}", False
            return scope.years, f"an amount over {scope.why}", False
        return str(scope.last), scope.why, False

    @staticmethod
    def kind(scope: Scope, baseline: bool, qualifiers: tuple[str, ...], lead: str) -> str:
        if baseline:
            return "baseline"
        if scope.past:
            return "result"
        if scope.first != scope.last or qualifiers or TARGET_WORDS.search(lead):
            return "target"
        return "plan"


def label_of(before: str, since: int, quote: str) -> str:
    """A first label: the words of the clause before the number (from the last figure on), without the verbs
    that lead to the number (规上工业总产值达到 -> 规上工业总产值)."""
    label = TRAILING_VERBS.sub("", before[since:]).strip("　 “”、")
    if len(label) < 2:
        label = TRAILING_VERBS.sub("", before).strip("　 “”")
    return label or quote


def each_of(lead: str) -> list[str]:
    """The things a value is given for each of (A、B均达到30%: A and B), or [] when it is given for one."""
    subjects = lead[: lead.rfind(EACH)] if EACH in lead else ""
    items = [item for item in subjects.split("、") if item]
    return items if len(items) > 1 else []


def not_a_figure_reason(text: str, start: int, end: int) -> str:
    """Why the number printed at text[start:end] is no figure, as far as its words tell: a reason of
    vocab.NOT_FIGURE_REASONS (a session, a date, a scope, a unit, a phrase, else a name)."""
    before, rest, printed = text[:start], text[end:], text[start:end]
    chinese = not any(c.isdigit() for c in printed)
    if before.endswith("届") or rest.startswith(("届", "次会议", "次全会", "次党代会", "中全会")) or \
            (chinese and rest.startswith("大") and not rest.startswith("大关")):
        return "session"  # 十五届人大, 十二次党代会, 党的十九大
    if rest.startswith(("周年", "月", "日")):
        return "date"
    if rest.startswith("岁"):
        return "scope"
    if before.endswith("每") or (printed in ("万", "千", "百") and rest.startswith("元")):
        return "unit"
    return "phrase" if chinese and not before.endswith("“") else "name"


def _not_a_figure(number: PrintedNumber, before: str, rest: str) -> bool:
    """What numbers.py leaves to the words around a number: a month or day in words, an age, a session, a
    slogan's name, a road's number, a rate per 10,000 yuan (years, codes and the idioms it lists it knows
    itself)."""
    if rest.startswith(("月", "日", "号", "岁", "时", "周年", "国道", "省道", "次产业")) and not rest.startswith("时间"):
        return True
    if before.endswith("届"):
        return True  # 十二届三次全会: a session
    if number.as_printed and before.endswith("“") and rest.startswith(("个", "大", "项", "种", "位")):
        return True  # “四个意识”, “五大中心”: the name of a slogan
    if number.as_printed in ("十", "百", "千", "万") and ((len(rest) > 1 and rest[1] in "十百千万") or
                                                       (len(before) > 1 and before[-2] in "十百千万")):
        return True  # “万亩千片百园”, 千家万户: a name or an idiom made of round numbers
    if number.as_printed == "一" or before.endswith("每"):
        return True  # 一个, 每千人: not a quantity of its own
    if number.as_printed in ("万", "千", "百") and rest.startswith("元"):
        return True  # 万元GDP能耗: per 10,000 yuan
    if number.as_printed and rest.startswith("大") and number.value > 10:
        return True  # 十九大, 二十大: party congresses
    return False


def plan_years(number: int) -> tuple[int, int]:
    """The years of the national Five-Year Plan number 10+N: 十三五 (13th) is 2016-2020."""
    first = 2016 + 5 * (10 + number - 13)
    return first, first + 4


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding text[start:end] starts and ends (，：。；！？ end clauses)."""
    return _clause_start(text, start), _clause_end(text, end)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    ends = [i for i in (text.find(c, end) for c in SENTENCE_ENDS) if i >= 0]
    return _sentence_start(text, start), min(ends) + 1 if ends else len(text)


def _clause_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in CLAUSE_ENDS) + 1


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in SENTENCE_ENDS) + 1


def _clause_end(text: str, at: int) -> int:
    ends = [i for i in (text.find(c, at) for c in CLAUSE_ENDS) if i >= 0]
    return min(ends) if ends else len(text)
