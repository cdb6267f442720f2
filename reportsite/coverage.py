"""Completeness: every number a report prints is the value of one of its figures or is listed as not a figure.

Which numbers count (COUNTED): every quantity printed in digits, and every quantity in Chinese numerals
written with 十, 百, 千, 万 or 亿 (五千亿, 十大, 万亩, 十九届). Not counted: what numbers.py recognises as
a date (2021年, 2月22日), a list marker or numbered heading (（一）, 一是, 一、), digits in a Latin name
(5G, PM2.5) or a vague quantity (数万); and a lone Chinese digit (三大, 两次, 一批), which report prose uses
far more often in names, slogans and set phrases (“六新”, 一体化, 三年行动) than as a figure.

A number is covered by a figure when it stands inside an occurrence of the figure's quote in the
figure's paragraph (inside its as_printed words, when it has them) and means the figure's value
(or one end of its range) with its scale. A section lists the others under `not_figures`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .errors import counted
from .model import BOLD, Figure, NotFigure, Paragraph, Report, source_lines
from .numbers import PrintedNumber, printed_numbers

MAGNITUDE_WORDS = "十百千万亿"
COUNTED = ("numbers counted: in digits, and in Chinese numerals with 十/百/千/万/亿 (五千亿, 十大); not dates, "
           "list markers, Latin names (5G), vague quantities or lone Chinese digits (docs/data-format.md, not_figures)")


def counts(number: PrintedNumber) -> bool:
    """Whether the completeness check asks a figure or a listing for this number (see COUNTED)."""
    return number.role == "quantity" and (not number.chinese or any(c in MAGNITUDE_WORDS for c in number.printed))


@dataclass(frozen=True)
class Counted:
    """One counted number where the report prints it, and what accounts for it."""

    paragraph: Paragraph
    line: int  # the paragraph's line in source.zh.txt (1-based)
    number: PrintedNumber  # its span is in the paragraph's plain text (without ** marks)
    figures: tuple[Figure, ...]  # the figures whose value it is
    listed: tuple[NotFigure, ...]  # the not_figures entries that list it

    @property
    def column(self) -> int:
        """The number's column in its source line (1-based), counting the ** marks the line holds."""
        return zh_index(self.paragraph.zh, self.number.start) + 1

    @property
    def context(self) -> str:
        text = self.paragraph.plain_zh
        return text[max(0, self.number.start - 12):self.number.end + 12]


@dataclass(frozen=True)
class Coverage:
    """How a report's figures and listings account for the numbers it prints."""

    report_id: str
    figures: int
    numbers: tuple[Counted, ...]
    partial: tuple[int, int] | None = None  # a report given in part: (lines in the data, lines of the text)

    @property
    def covered(self) -> tuple[Counted, ...]:
        return tuple(c for c in self.numbers if c.figures)

    @property
    def listed(self) -> tuple[Counted, ...]:
        return tuple(c for c in self.numbers if c.listed and not c.figures)

    @property
    def uncovered(self) -> tuple[Counted, ...]:
        return tuple(c for c in self.numbers if not c.figures and not c.listed)

    def by_reason(self) -> Counter[str]:
        return Counter(c.listed[0].reason for c in self.listed)

    def line(self) -> str:
        """taiyuan-2022: 198 figures cover 170 of 173 numbers; 3 listed as not figures (2 name, 1 session)"""
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.by_reason().items(), key=lambda kv: (-kv[1], kv[0])))
        cover, listed = ("covers" if self.figures == 1 else "cover"), len(self.listed)
        text = (f"{self.report_id}: {counted(self.figures, 'figure')} {cover} {len(self.covered)} of "
                f"{counted(len(self.numbers), 'number')}; {listed} listed as "
                + ("not a figure" if listed == 1 else "not figures") + (f" ({reasons})" if reasons else ""))
        if self.uncovered:
            text += f"; {len(self.uncovered)} neither"
        if self.partial:
            text += f"; given in part: {self.partial[0]} of the text's {self.partial[1]} lines"
        return text


def coverage(report: Report) -> Coverage:
    """Every counted number of the report, with the figures and listings that account for it."""
    figures_of: dict[str, list[Figure]] = {}
    for f in report.figures:
        figures_of.setdefault(f.paragraph_id, []).append(f)
    listed_in: dict[str, list[NotFigure]] = {}
    for section in report.sections:
        for entry in section.not_figures:
            listed_in.setdefault(entry.paragraph_id, []).append(entry)
    numbers = []
    for p in report.paragraphs():
        text, line = p.plain_zh, report.source_line[p.id]
        for n in printed_numbers(text):
            if counts(n):
                takers = tuple(f for f in figures_of.get(p.id, ()) if takes(f, text, n))
                listing = tuple(e for e in listed_in.get(p.id, ()) if lists(e, text, n))
                numbers.append(Counted(p, line, n, takers, listing))
    partial = (len(report.paragraphs()), len(source_lines(report.source_text))) if report.partial else None
    return Coverage(report.id, len(report.figures), tuple(numbers), partial)


def takes(figure: Figure, text: str, number: PrintedNumber) -> bool:
    """The figure's quote (its as_printed words, when it has them) holds the number, and the number is its value,
    or the length of the run it held for (12 of 连续12个季度)."""
    if figure.each and takes_run(figure, text, number):
        return True
    if not any(number.means(v, figure.scale) for v in figure.printed_values):
        return False
    for start in occurrences(text, figure.quote_zh):
        if figure.as_printed is None:
            if start <= number.start and number.end <= start + len(figure.quote_zh):
                return True
        elif any(start <= at <= number.start and number.end <= at + len(figure.as_printed)
                 for at in occurrences(text, figure.as_printed, start, start + len(figure.quote_zh))):
            return True
    return False


def takes_run(figure: Figure, text: str, number: PrintedNumber) -> bool:
    """The number is the length of the figure's run, printed after 连续 in its quote (连续12个季度)."""
    return number.scale is None and number.value == figure.run_length and text.endswith("连续", 0, number.start) and \
        any(start <= number.start and number.end <= start + len(figure.quote_zh)
            for start in occurrences(text, figure.quote_zh))


def lists(entry: NotFigure, text: str, number: PrintedNumber) -> bool:
    """The entry's quote holds the number, printed as the entry says."""
    return number.printed == entry.number and any(
        start <= number.start and number.end <= start + len(entry.quote) for start in occurrences(text, entry.quote))


def occurrences(text: str, words: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where words stand in text[start:end], overlapping ones included."""
    end = len(text) if end is None else end
    found, at = [], text.find(words, start, end)
    while at >= 0:
        found.append(at)
        at = text.find(words, at + 1, end)
    return found


def zh_index(zh: str, plain_index: int) -> int:
    """The index in a line with ** marks of the character at plain_index of its plain text."""
    seen = 0
    for i, run in enumerate(zh.split(BOLD)):
        if plain_index < seen + len(run):
            return plain_index + i * len(BOLD)
        seen += len(run)
    return len(zh)
