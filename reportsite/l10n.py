"""Locale formatting (Babel) of numbers, figures, dates and derivations, and UI string catalogs.

The data keeps one value and unit; the page's language decides how it reads:
4153.25 亿 yuan is "4,153.25亿元" in Chinese and "CNY 415.325 billion" in English.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .errors import Mark, Problems, rel
from .model import Derivation, Figure, Range
from .vocab import QUALIFIERS, SCALES, UNITS

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}


def N_(message: str) -> str:
    """Marks a UI string for the catalog (pybabel extract) where it is defined; it is translated where used."""
    return message


# Punctuation is locale data: Chinese text takes full-width marks.
LIST_SEPARATOR = {"zh": "；", "en": "; "}
ARROW = {"zh": "→", "en": " → "}
PREFIX_ZH = {"at-least", "striving", "towards", "no-more-than", "approaching"}
EN_MAGNITUDES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def number(value: float | Decimal, lang: str, digits: int | None = None) -> str:
    """A number with the locale's separators; every printed digit kept unless digits rounds it."""
    if digits is not None:
        value = round(Decimal(str(value)), digits)
    return format_decimal(Decimal(str(value)).normalize(), locale=LOCALES[lang], decimal_quantization=False)


def _en_amount(value: float, scale: str | None) -> str:
    """An amount in English words for the magnitude: 4153.25 亿 -> 415.325 billion (exact)."""
    amount = Decimal(str(value)) * SCALES.get(scale or "", 1)
    for size, word in EN_MAGNITUDES:
        if abs(amount) >= size:
            return f"{number(amount / size, 'en')} {word}"
    return number(amount, "en")


def _values(value: float | Range) -> tuple[float, ...]:
    return (value.low, value.high) if isinstance(value, Range) else (value,)


def figure_value(figure: Figure, lang: str) -> str:
    """The figure's value as a reader of lang expects it, with unit and qualifiers."""
    return quantity(figure.value, figure.unit, figure.scale, figure.measure_zh, figure.qualifiers, lang)


@lru_cache(maxsize=8192)  # pure; each figure is shown on several pages
def quantity(value: float | Range, unit: str, scale: str | None, measure_zh: str | None,
             qualifiers: tuple[str, ...], lang: str) -> str:
    if lang == "zh":
        return _quantity_zh(value, unit, scale, measure_zh, qualifiers)
    return _quantity_en(value, unit, scale, qualifiers)


def _quantity_zh(value, unit, scale, measure_zh, qualifiers) -> str:
    word = measure_zh if unit == "count" else UNITS[unit].zh
    over = "余" if "over" in qualifiers else ""
    if unit == "rank":
        core = "–".join(f"第{number(v, 'zh')}" for v in _values(value)) + word
    elif unit == "percent":
        core = "–".join(number(v, "zh") + "%" for v in _values(value))
    else:
        nums = "–".join(number(v, "zh") for v in _values(value))
        core = f"{nums}{over}{scale or ''}{word}"
    prefix = "".join(QUALIFIERS[q].zh for q in qualifiers if q in PREFIX_ZH)
    suffix = "".join(QUALIFIERS[q].zh for q in qualifiers if q not in PREFIX_ZH and q != "over")
    return f"{prefix}{core}{suffix}"


def _quantity_en(value, unit, scale, qualifiers) -> str:
    if unit == "percent":
        core = "–".join(number(v, "en") for v in _values(value)) + "%"
    elif unit == "rank":
        core = "No. " + "–".join(number(v, "en") for v in _values(value))
    else:
        amounts = "–".join(_en_amount(v, scale) for v in _values(value))
        if unit == "yuan":
            core = f"CNY {amounts}"
        elif unit == "usd":
            core = f"USD {amounts}"
        else:
            word = UNITS[unit].en
            core = f"{amounts} {word}".strip()
    prefix = " ".join(QUALIFIERS[q].en for q in qualifiers)
    return f"{prefix} {core}".strip()


def long_date(date: dt.date, lang: str) -> str:
    return format_date(date, format="long", locale=LOCALES[lang])


def period(text: str, lang: str) -> str:
    """'2016-2020' -> '2016–2020年' / '2016–2020'."""
    span = text.replace("-", "–")
    return f"{span}年" if lang == "zh" else span


def derived_value(d: Derivation, lang: str) -> str:
    if d.unit == "pp":
        values = _values(d.value)
        sign = "+" if min(values) > 0 else ""
        nums = sign + "–".join(number(v, lang, 2) for v in values)
        return f"{nums}个百分点" if lang == "zh" else f"{nums} percentage points"
    if d.unit == "percent":
        nums = "–".join(number(v, lang, 1) for v in _values(d.value)) + "%"
        return f"每年{nums}" if lang == "zh" else f"{nums} a year"
    scale = _smaller_scale(d.start.scale, d.end.scale)
    factor = SCALES.get(scale or "", 1)
    # rounded to 6 places: float arithmetic on printed decimals (8.14 × 10⁴) leaves noise in the last digits
    vals = tuple(round(Decimal(str(v)) / factor, 6) for v in _values(d.value))
    sign = "+" if min(vals) > 0 else ""
    text = quantity(Range(*vals) if len(vals) == 2 else vals[0], d.end.unit, scale, d.end.measure_zh, (), lang)
    return sign + text


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
            return f"变化:{period(d.end.period, lang)}{end} − {period(d.start.period, lang)}{start} = {result}"
        return f"Change: {end} ({period(d.end.period, lang)}) − {start} ({period(d.start.period, lang)}) = {result}"
    ratio = f"({end} ÷ {start})^(1/{d.years}) − 1"
    if lang == "zh":
        what = "所需年均增速" if d.name == "growth-needed" else "实际年均增速"
        return f"{what}:{ratio} = {result}(复合增长,{d.start.period}→{d.end.period},{d.years}年)"
    what = "Annual growth needed" if d.name == "growth-needed" else "Annual growth achieved"
    years = "1 year" if d.years == 1 else f"{d.years} years"
    return f"{what}: {ratio} = {result} (compound, {d.start.period}→{d.end.period}, {years})"


class StrictTranslations(gettext.NullTranslations):
    """A compiled catalog that records every message it lacks instead of passing it through."""

    def __init__(self, catalog: gettext.GNUTranslations | None, source: str):
        super().__init__()
        self.catalog, self.source, self.missing = catalog, source, set()

    def gettext(self, message: str) -> str:
        if self.catalog is None:  # the source language: msgids are English
            return message
        translated = self.catalog._catalog.get(message)
        if not translated:
            self.missing.add(message)
            return message
        return translated

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.catalog is None:
            return singular if n == 1 else plural
        translated = self.catalog._catalog.get((singular, self.catalog.plural(n)))
        if not translated:
            self.missing.add(singular)
            return singular if n == 1 else plural
        return translated


def load_translations(locales_dir: Path, root: Path, problems: Problems) -> dict[str, StrictTranslations]:
    """Compile locales/zh/LC_MESSAGES/messages.po in memory; English needs no catalog."""
    po_path = locales_dir / "zh" / "LC_MESSAGES" / "messages.po"
    shown = rel(po_path, root)
    catalog = None
    try:
        with po_path.open("rb") as fp:
            po = read_po(fp, locale="zh_Hans_CN")
        buffer = io.BytesIO()
        write_mo(buffer, po)
        buffer.seek(0)
        catalog = gettext.GNUTranslations(buffer)
    except FileNotFoundError:
        problems.add(Mark(shown), "", "the Chinese catalog of UI strings", "no file")
    except Exception as exc:  # babel raises several types for a broken catalog
        problems.add(Mark(shown), "", "a valid gettext catalog", f"{type(exc).__name__}: {exc}")
    return {"zh": StrictTranslations(catalog, shown), "en": StrictTranslations(None, shown)}
